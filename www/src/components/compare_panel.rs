//! "Compare with…": an old version of the document, pasted or uploaded, and what changes from
//! it to the document, with lockout warnings (optionally for the user's own addresses).

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
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
use crate::comparison::{
    self, CompareJob, Comparison, ComparisonField, DiffStatus, ShownGuarantee,
};
use crate::offload::{Offloaded, use_offloaded};

/// [`ComparePanel`]'s properties.
#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    /// The text of the document the answers come from.
    pub document: super::Text,
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
    pub reports: Vec<ShownGuarantee>,
}

/// Whether the change keeps each guarantee of `workmail-policy check`: holds, or how many
/// classes of requests break it and one request of the first.
#[component]
pub fn GuaranteeList(props: &GuaranteeListProps) -> Html {
    let items = props.reports.iter().map(|report| {
        let (class, symbol) = if report.holds {
            ("pass", "✓")
        } else {
            ("fail", "✕")
        };
        let detail = report.text.clone();
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
    let old = props.comparison.document.clone();
    let outcome = use_offloaded::<CompareJob>(
        vec![props.document.clone(), old],
        props.comparison.my_ips.clone(),
    );
    let diagnostics = use_memo(outcome.clone(), |outcome| match outcome {
        Offloaded::Done(status) => status.problems(),
        _ => crate::problems::Problems::default(),
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
    let onupload = props.onmessage.reform(|(name, text): (String, Rc<str>)| {
        Message::UploadComparison(name, text.to_string())
    });
    let onfail = props.onmessage.reform(Message::Failed);
    let status = outcome.done();
    let result = match status.as_deref() {
        None => html! {
            <p class="empty-state" role="status" data-testid="diff-summary">
                { outcome.waiting("The comparison could not be made", "Comparing these large documents…") }
            </p>
        },
        Some(DiffStatus::Empty) => html! {
            <p class="empty-state" data-testid="diff-summary">
                { "Paste or upload the old version above, or make the document as it is now the old version and then edit it." }
            </p>
        },
        Some(DiffStatus::Invalid(_)) => html! {
            <p class="empty-state" data-testid="diff-summary">
                { "The old version does not load: fix the problems listed under it." }
            </p>
        },
        Some(DiffStatus::NoDocument) => html! {
            <p class="empty-state" data-testid="diff-summary">{ "Fix the document's errors to compare it." }</p>
        },
        Some(DiffStatus::Compared {
            diff, guarantees, ..
        }) => html! {
            <>
                <GuaranteeList reports={guarantees.clone()} />
                <DiffView diff={Memo(Rc::new(diff.clone()))} choices={props.choices.clone()} />
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
    let invalid = diagnostics.errors > 0;
    html! {
        <div class="compare-panel">
            <StaleNote stale={props.stale} what="comparison" />
            <p class="hint">
                { "The old version (before) is compared with the document (after): every request whose Effect or MatchedRules changes is listed, and lockout guards warn when the document takes access away." }
            </p>
            <CodeEditor id="editor-compare" testid="diff-editor" label="Old version (any text the Document tab takes)"
                        value={props.comparison.document.clone()} {invalid} compact=true
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
