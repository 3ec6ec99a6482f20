//! The coverage of the tests file: how many of the document's rules, condition lists and list
//! entries the tests and properties exercised, and each one they did not, as the command line's
//! `test --coverage` names them.

use workmail_policy::analysis::{Coverage, CoverageItem};
use yew::prelude::*;

/// [`CoverageView`]'s properties.
#[derive(Properties, PartialEq)]
pub struct CoverageViewProps {
    /// The coverage.
    pub coverage: Coverage,
}

/// What an item not exercised lacks, in words.
fn missing(item: CoverageItem) -> &'static str {
    match item {
        CoverageItem::Matched => "never matched",
        CoverageItem::Deciding => "never decided a request",
        CoverageItem::List => "no entry was ever the reason",
        CoverageItem::Entry => "never the reason",
    }
}

/// A disclosure: the count in its summary, the items not exercised inside.
#[component]
pub fn CoverageView(props: &CoverageViewProps) -> Html {
    let coverage = &props.coverage;
    let items = coverage.not_exercised.iter().map(|item| {
        let entry = item
            .entry
            .as_ref()
            .map(|entry| html! { <>{ " " }<code>{ entry.clone() }</code></> });
        html! {
            <li>
                <code>{ item.path.clone() }</code>{ " (rule " }<code>{ item.rule.clone() }</code>{ ")" }
                { for entry }{ ": " }{ missing(item.item) }
            </li>
        }
    });
    html! {
        <details class="coverage" data-testid="tests-coverage">
            <summary>
                { format!("Coverage: {} of {} items ({}%)", coverage.exercised, coverage.total, coverage.percent) }
            </summary>
            if coverage.not_exercised.is_empty() {
                <p>{ "Every rule matched and decided some request, and every condition list and entry was the reason for one." }</p>
            } else {
                <ul class="coverage-missing">{ for items }</ul>
            }
        </details>
    }
}
