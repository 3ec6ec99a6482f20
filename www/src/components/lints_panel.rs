//! Lints of the document: every finding with its severity and place (choosing one moves the
//! caret there), and every lint's documentation. Computed only while the panel is open, by the
//! analysis worker when the document is large.

use workmail_policy::analysis::{LintSeverity, lint_rules};
use yew::prelude::*;

use super::lint_finding_item::LintFindingItem;
use super::lint_rule_doc::LintRuleDoc;
use super::severity_badge::SeverityBadge;
use crate::offload::{Lints, LintsOutcome, Offloaded, use_offloaded};

/// [`LintsPanel`]'s properties.
#[derive(Properties, PartialEq)]
pub struct LintsPanelProps {
    /// The document editor's text.
    pub document: super::Text,
    /// Moves the caret in the document editor to a line and column.
    pub onjump: Callback<(u32, u32)>,
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// The panel.
#[component]
pub fn LintsPanel(props: &LintsPanelProps) -> Html {
    // (On a large document the page sends the text once typing pauses.)
    let outcome = use_offloaded::<Lints>(vec![props.document.clone()], ());
    let reference = lint_rules().iter().map(|rule| {
        html! {
            <li>
                <p class="lint-reference-head">
                    <code class="lint-code">{ rule.code() }</code>{ " " }
                    <SeverityBadge severity={rule.severity()} />
                </p>
                <LintRuleDoc rule={*rule} />
            </li>
        }
    });
    let body = match &outcome {
        Offloaded::Working => html! {
            <p class="empty-state" role="status" data-testid="lints-summary">
                { "Linting this large document…" }
            </p>
        },
        Offloaded::Failed(reason) => html! {
            <p class="problem-line" role="status" data-testid="lints-summary">
                { format!("The lints could not be found ({reason}).") }
            </p>
        },
        Offloaded::Done(outcome) => found(outcome, &props.onjump),
    };
    html! {
        <div class="lints-panel" data-testid="lints">
            { body }
            <details class="lint-reference">
                <summary>{ format!("Every lint ({})", lint_rules().len()) }</summary>
                <ul class="lint-reference-list">{ for reference }</ul>
            </details>
        </div>
    }
}

/// What the lints found, or why the document could not be linted.
fn found(outcome: &LintsOutcome, onjump: &Callback<(u32, u32)>) -> Html {
    match outcome {
        LintsOutcome::Invalid(errors) => html! {
            <p class="empty-state" data-testid="lints-summary">
                { format!("The document has {}: fix them in the Document tab, then it is linted.", plural(*errors, "error", "errors")) }
            </p>
        },
        LintsOutcome::Linted(report) if report.findings.is_empty() => html! {
            <p class="ok-line" data-testid="lints-summary">
                <span aria-hidden="true">{ "✓ " }</span>{ "No findings: nothing to tidy." }
            </p>
        },
        LintsOutcome::Linted(report) => {
            let items = report.findings.iter().map(|finding| {
                html! { <LintFindingItem finding={finding.clone()} onjump={onjump.clone()} /> }
            });
            html! {
                <>
                    <p data-testid="lints-summary">
                        { format!(
                            "{} and {}. Lints never stop the document from loading.",
                            plural(report.count(LintSeverity::Warning), "warning", "warnings"),
                            plural(report.count(LintSeverity::Info), "info finding", "info findings"),
                        ) }
                    </p>
                    <ul class="diagnostics" data-testid="lint-findings" aria-label="Lint findings">{ for items }</ul>
                </>
            }
        }
    }
}
