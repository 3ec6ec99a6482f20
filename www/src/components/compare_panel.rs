//! "Compare with…": an old version of the document, pasted or uploaded, and what changes from
//! it to the document, with lockout warnings (optionally for the user's own addresses).

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use workmail_policy::analysis::CheckReport;
use workmail_policy::{DocumentError, Loaded};
use yew::prelude::*;

use super::Memo;
use super::code_editor::CodeEditor;
use super::diagnostic_list::DiagnosticList;
use super::diff_view::DiffView;
use super::stale_note::StaleNote;
use super::text_field::TextField;
use super::upload_button::UploadButton;
use crate::bridge::Message;
use crate::browser;
use crate::choices::Choices;
use crate::comparison::{self, Comparison, ComparisonField, DiffStatus};
use crate::loaded;

/// [`ComparePanel`]'s properties.
#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    /// The document the answers come from.
    pub organization: Memo<Result<Loaded, DocumentError>>,
    /// Whether that is an earlier text (the document has errors now).
    pub stale: bool,
    /// The old version and the user's addresses.
    pub comparison: Comparison,
    /// The directory's names.
    pub choices: Memo<Choices>,
    /// Asks the page to change its state.
    pub onmessage: Callback<Message>,
}

/// [`GuaranteeList`]'s properties.
#[derive(Properties, PartialEq)]
pub struct GuaranteeListProps {
    /// Each guarantee checked on the changes.
    pub reports: std::rc::Rc<Vec<CheckReport>>,
}

/// Whether the change keeps each guarantee of `workmail-policy check`: holds, or how many
/// classes of requests break it and one request of the first.
#[component]
pub fn GuaranteeList(props: &GuaranteeListProps) -> Html {
    let items = props.reports.iter().map(|report| {
        let what = report.guarantee.describe();
        let (class, symbol, detail) = if report.holds {
            ("pass", "✓", format!("{what}: holds"))
        } else {
            let first = report
                .counterexamples
                .first()
                .map(|breach| format!("; for example {breach}"))
                .unwrap_or_default();
            ("fail", "✕", format!("{what}: {}{first}", report.breaking()))
        };
        html! {
            <li class={classes!("test-result", class)} data-holds={if report.holds { "true" } else { "false" }}>
                <span aria-hidden="true">{ format!("{symbol} ") }</span>{ detail }
            </li>
        }
    });
    html! {
        <ul class="test-results" data-testid="diff-guarantees" aria-label="Guarantees">{ for items }</ul>
    }
}

/// The panel.
#[component]
pub fn ComparePanel(props: &ComparePanelProps) -> Html {
    let area = use_node_ref();
    let status = use_memo(
        (props.organization.clone(), props.comparison.clone()),
        |(organization, comparison)| {
            browser::measure("workmail:diff", || {
                comparison::compare(loaded::organization(&organization.0), comparison)
            })
        },
    );
    let diagnostics = use_memo(status.clone(), |status| {
        crate::problems::Problems::of(status.diagnostics())
    });
    let my_ips = comparison::my_ips(&props.comparison.my_ips);
    let onjump = {
        let area = area.clone();
        Callback::from(move |(line, column): (u32, u32)| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                browser::move_caret(&area, line, column);
            }
        })
    };
    let onedit = props.onmessage.reform(|text: Rc<str>| {
        Message::EditComparison(ComparisonField::Document, text.to_string())
    });
    let onmyips = props
        .onmessage
        .reform(|text| Message::EditComparison(ComparisonField::MyIps, text));
    let oncurrent = props
        .onmessage
        .reform(|_: MouseEvent| Message::CompareWithCurrent);
    let onupload = props
        .onmessage
        .reform(|(name, text)| Message::UploadComparison(name, text));
    let onfail = props.onmessage.reform(Message::Failed);
    let result = match status.as_ref() {
        DiffStatus::Empty => html! {
            <p class="empty-state" data-testid="diff-summary">
                { "Paste or upload the old version above, or make the document as it is now the old version and then edit it." }
            </p>
        },
        DiffStatus::Invalid(_) => html! {
            <p class="empty-state" data-testid="diff-summary">
                { "The old version does not load: fix the problems listed under it." }
            </p>
        },
        DiffStatus::NoDocument => html! {
            <p class="empty-state" data-testid="diff-summary">{ "Fix the document's errors to compare it." }</p>
        },
        DiffStatus::Compared {
            diff, guarantees, ..
        } => html! {
            <>
                <GuaranteeList reports={guarantees.clone()} />
                <DiffView diff={Memo(diff.clone())} choices={props.choices.clone()} />
            </>
        },
    };
    let invalid_ips = (!my_ips.invalid.is_empty()).then(|| {
        html! {
            <p class="problem-line" data-testid="diff-my-ip-invalid">
                <span aria-hidden="true">{ "✕ " }</span>
                { "Not IPv4 addresses, left out: " }
                { for my_ips.invalid.iter().enumerate().map(|(at, entry)| html! {
                    <>{ if at > 0 { ", " } else { "" } }<code>{ entry.clone() }</code></>
                }) }
            </p>
        }
    });
    let invalid = status
        .diagnostics()
        .iter()
        .any(workmail_policy::Diagnostic::is_error);
    html! {
        <div class="compare-panel">
            <StaleNote stale={props.stale} what="comparison" />
            <p class="hint">
                { "The old version (before) is compared with the document (after): every request whose Effect or MatchedRules changes is listed, and lockout guards warn when the document takes access away." }
            </p>
            <CodeEditor id="editor-compare" testid="diff-editor" label="Old version (any text the Document tab takes)"
                        value={super::Text::from(props.comparison.document.as_str())} {invalid} compact=true
                        describedby="diagnostics-compare" node_ref={area} oninput={onedit} />
            <div class="button-row">
                <button type="button" data-testid="diff-use-current" onclick={oncurrent}>
                    { "Use the document as it is now" }
                </button>
                <UploadButton id="upload-compare" testid="diff-upload" label="Upload old version…"
                              {onupload} {onfail} />
            </div>
            <DiagnosticList id="diagnostics-compare" testid="diagnostics-compare"
                            diagnostics={Memo(diagnostics)} {onjump} />
            <TextField id="diff-my-ip" label="My IP addresses (optional)" value={props.comparison.my_ips.clone()}
                       placeholder="192.0.2.1" inputmode="decimal"
                       hint="Where you connect from, separated by commas: a warning says when the document denies them something that was allowed."
                       oninput={onmyips} />
            { for invalid_ips }
            { result }
        </div>
    }
}
