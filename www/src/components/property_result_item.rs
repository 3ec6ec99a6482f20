//! One property's outcome: PASS or FAIL, and for a failure the request that fails, its answer,
//! the class it stands for and how many classes fail, with a button that loads the request into
//! its question form.

use yew::prelude::*;

use super::rich_text::RichText;
use crate::bridge::Message;
use crate::saved_tests::ShownProperty;

/// [`PropertyResultItem`]'s properties.
#[derive(Properties, PartialEq)]
pub struct PropertyResultItemProps {
    /// The outcome.
    pub result: ShownProperty,
    /// Asks the page to load the counterexample into a question.
    pub onmessage: Callback<Message>,
}

/// The list item.
#[component]
pub fn PropertyResultItem(props: &PropertyResultItemProps) -> Html {
    let result = &props.result;
    let (class, symbol, word) = if result.holds {
        ("pass", "✓", "PASS")
    } else {
        ("fail", "✕", "FAIL")
    };
    let detail = result.example.as_ref().map(|example| {
        let message = example.ask.clone();
        let onclick = props.onmessage.reform(move |_: MouseEvent| message.clone());
        html! {
            <div class="test-detail">
                <p>
                    { "Expected " }<code>{ result.expected.clone() }</code>
                    { format!(" for every request; {}. For example ", result.failing) }
                    <RichText text={example.told.clone()} />
                </p>
                <p class="hint">{ format!("That request stands for: {}.", example.class) }</p>
                <button type="button" data-testid="property-ask" {onclick}>
                    { format!("Ask this request in the {} question", example.question) }
                </button>
            </div>
        }
    });
    html! {
        <li class={classes!("test-result", class)} data-testid="property-result" data-passed={if result.holds { "true" } else { "false" }}>
            <span class={classes!("test-verdict", class)}>
                <span aria-hidden="true">{ symbol }</span>{ format!(" {word}") }
            </span>
            <span class="test-name">{ result.name.clone() }</span>
            { for detail }
        </li>
    }
}
