//! The playground's entry point: makes panics visible, then renders
//! [`workmail_policy_www::App`] into the page body.

fn main() {
    workmail_policy_www::browser::install_panic_hook();
    yew::Renderer::<workmail_policy_www::App>::new().render();
}
