//! The playground's entry point: renders [`workmail_policy_www::App`] into the page body.

fn main() {
    yew::Renderer::<workmail_policy_www::App>::new().render();
}
