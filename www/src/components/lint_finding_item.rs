//! One lint finding: where it is (choosing it moves the caret there), what it says, and the
//! lint's documentation on request.

use workmail_policy::analysis::{LintFinding, lint_rule};
use yew::prelude::*;

use super::lint_rule_doc::LintRuleDoc;
use super::rich_text::RichText;
use super::severity_badge::SeverityBadge;

/// [`LintFindingItem`]'s properties.
#[derive(Properties, PartialEq)]
pub struct LintFindingItemProps {
    /// The finding.
    pub finding: LintFinding,
    /// Moves the caret in the document editor to a line and column.
    pub onjump: Callback<(u32, u32)>,
}

/// The list item.
#[component]
pub fn LintFindingItem(props: &LintFindingItemProps) -> Html {
    let open = use_state(|| false);
    let finding = &props.finding;
    let rule = lint_rule(finding.code);
    let place = match (finding.line, finding.column) {
        (Some(line), Some(column)) => Some((line, column)),
        _ => None,
    };
    let body = html! {
        <>
            <span class="diagnostic-where">
                { place.map_or_else(|| "–".to_owned(), |(line, column)| format!("{line}:{column}")) }
            </span>
            <SeverityBadge severity={finding.severity} />
            <code class="lint-code">{ finding.code }</code>
            if !finding.path.is_empty() {
                <code class="diagnostic-path">{ finding.path.clone() }</code>
            }
            <span class="diagnostic-message"><RichText text={finding.message.clone()} /></span>
        </>
    };
    let head = match place {
        Some(at) => {
            let onclick = props.onjump.reform(move |_: MouseEvent| at);
            html! {
                <button type="button" class="diagnostic-jump" {onclick} title="Move the caret there">
                    { body }
                </button>
            }
        }
        None => html! { <div class="diagnostic-jump">{ body }</div> },
    };
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            let details: web_sys::HtmlDetailsElement = event.target_unchecked_into();
            open.set(details.open());
        })
    };
    html! {
        <li class={classes!("diagnostic", "lint", finding.severity.as_str())} data-code={finding.code}>
            { head }
            if let Some(help) = &finding.help {
                <p class="diagnostic-help"><RichText text={format!("Help: {help}")} /></p>
            }
            if let Some(rule) = rule {
                <details class="lint-about" {ontoggle}>
                    <summary>{ format!("About {}", rule.code()) }</summary>
                    if *open {
                        <LintRuleDoc {rule} />
                    }
                </details>
            }
        </li>
    }
}
