//! The playground's entry point: makes panics visible, then renders
//! [`workmail_policy_www::App`] into the page body once what it opens with is read (see
//! [`workmail_policy_www::start`]).

fn main() {
    workmail_policy_www::browser::install_panic_hook();
    wasm_bindgen_futures::spawn_local(async {
        let _app = workmail_policy_www::start(None).await;
    });
}
