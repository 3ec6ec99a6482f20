//! One saved test's outcome: PASS or FAIL in words and symbol, and for a failure what was
//! expected and what came instead.

use workmail_policy::analysis::TestResult;
use yew::prelude::*;

use super::rich_text::RichText;

/// [`TestResultItem`]'s properties.
#[derive(Properties, PartialEq)]
pub struct TestResultItemProps {
    /// The outcome.
    pub result: TestResult,
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
        let got = match (&result.actual, &result.error) {
            (_, Some(error)) => format!("refused with `{}`: {}", error.code, error.message),
            (Some(actual), None) => actual.to_string(),
            (None, None) => "no answer".to_owned(),
        };
        html! {
            <p class="test-detail">
                { "Expected " }<code>{ result.expected.to_string() }</code>{ ", got " }
                <RichText text={got} />
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
