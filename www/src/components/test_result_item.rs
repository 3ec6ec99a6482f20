//! One saved test's outcome: PASS or FAIL in words and symbol, and for a failure what was
//! expected and what came instead.

use yew::prelude::*;

use super::rich_text::RichText;
use crate::saved_tests::ShownTest;

/// [`TestResultItem`]'s properties.
#[derive(Properties, PartialEq)]
pub struct TestResultItemProps {
    /// The outcome.
    pub result: ShownTest,
}

/// The list item.
#[component]
pub fn TestResultItem(props: &TestResultItemProps) -> Html {
    let result = &props.result;
    let (class, symbol, word) = if result.passed {
        ("pass", "✓", "PASS")
    } else {
        ("fail", "✕", "FAIL")
    };
    let detail = (!result.passed).then(|| {
        html! {
            <p class="test-detail">
                { "Expected " }<code>{ result.expected.clone() }</code>{ ", got " }
                <RichText text={result.got.clone()} />
            </p>
        }
    });
    html! {
        <li class={classes!("test-result", class)} data-testid="test-result" data-passed={if result.passed { "true" } else { "false" }}>
            <span class={classes!("test-verdict", class)}>
                <span aria-hidden="true">{ symbol }</span>{ format!(" {word}") }
            </span>
            <span class="test-name">{ result.name.clone() }</span>
            { for detail }
        </li>
    }
}
