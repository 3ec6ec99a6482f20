//! What an explanation step rests on: a link to the AWS document, or the project's decision.

use workmail_policy::{Basis, Decision};
use yew::prelude::*;

/// [`BasisBadge`]'s properties.
#[derive(Properties, PartialEq)]
pub struct BasisBadgeProps {
    /// The basis.
    pub basis: Basis,
    /// Opens the Semantics page at a decision.
    pub onshow: Callback<Decision>,
}

/// A documented step links to its AWS source; an inferred one opens the Semantics page.
#[component]
pub fn BasisBadge(props: &BasisBadgeProps) -> Html {
    match props.basis {
        Basis::Documented(source) => html! {
            <a class="basis documented" href={source.url()} target="_blank" rel="noopener noreferrer"
               title={format!("Documented by AWS: {}", source.title())}>
                <span aria-hidden="true">{ "§ " }</span>{ "AWS docs" }
                <span class="visually-hidden">{ format!(": {}", source.title()) }</span>
            </a>
        },
        Basis::Decided(decision) => {
            let onshow = props.onshow.clone();
            let id = decision.id();
            html! {
                <button type="button" class="basis decided" onclick={move |_| onshow.emit(decision)}
                        title={format!("Inferred, decision {id}: {}", decision.summary())}>
                    <span aria-hidden="true">{ "⚖ " }</span>{ format!("Inferred · {id}") }
                </button>
            }
        }
    }
}
