//! The page header: the title and the page switch, or in an embedded view a link out.

use yew::prelude::*;

use crate::state::View;

/// [`SiteHeader`]'s properties.
#[derive(Properties, PartialEq)]
pub struct SiteHeaderProps {
    /// The page on show.
    pub view: View,
    /// Whether the page is embedded (`?embed=1`).
    pub embedded: bool,
    /// The full playground's address with the current state, for the embedded view's link.
    pub full_link: AttrValue,
    /// Switches pages.
    pub onshow: Callback<View>,
}

/// The header.
#[component]
pub fn SiteHeader(props: &SiteHeaderProps) -> Html {
    let on_playground = props.onshow.reform(|_: MouseEvent| View::Playground);
    let on_semantics = props.onshow.reform(|_: MouseEvent| View::Semantics(None));
    let is_semantics = matches!(props.view, View::Semantics(_));
    let current = |on: bool| on.then_some("page");
    html! {
        <header class="site-header">
            <div class="brand">
                <span class="logo" aria-hidden="true">{ "✉" }</span>
                <div>
                    <h1>{ "WorkMail policy playground" }</h1>
                    if !props.embedded {
                        <p class="tagline">
                            { "AWS's exact answers for Amazon WorkMail access control rules and impersonation roles, computed in your browser." }
                        </p>
                    }
                </div>
            </div>
            <nav class="site-nav" aria-label="Pages">
                <button type="button" class="nav-button" aria-current={current(!is_semantics)}
                        onclick={on_playground}>{ "Playground" }</button>
                <button type="button" class="nav-button" aria-current={current(is_semantics)}
                        onclick={on_semantics}>{ "Semantics" }</button>
                if props.embedded {
                    <a class="button nav-button open-full" href={props.full_link.clone()} target="_blank"
                       rel="noopener">{ "Open in the playground ↗" }</a>
                }
            </nav>
        </header>
    }
}
