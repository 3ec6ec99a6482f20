//! One editor tab's panel: the text area, its status line and its diagnostics.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use workmail_policy::Diagnostic;
use yew::prelude::*;

use super::Memo;
use super::code_editor::CodeEditor;
use super::diagnostic_list::DiagnosticList;
use super::editor_tabs::{panel_id, tab_id};
use super::rich_text::RichText;
use crate::browser;
use crate::parts::{self, Counts, DocumentCheck, PartCheck};
use crate::problems::Problems;
use crate::tabs::Tab;

/// [`EditorTabPanel`]'s properties.
#[derive(Properties, PartialEq)]
pub struct EditorTabPanelProps {
    /// The editor.
    pub tab: Tab,
    /// Whether it is on show (the others are hidden, not removed).
    pub selected: bool,
    /// Its text.
    pub text: super::Text,
    /// What the document editor's text gives.
    pub document: Memo<DocumentCheck>,
    /// Whether the answers come from an earlier text (the document has errors now).
    pub stale: bool,
    /// Whether the editors take input.
    pub editable: bool,
    /// An editor's new text.
    pub onedit: Callback<(Tab, Rc<str>)>,
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn describe_counts(counts: Counts) -> String {
    let users = counts.users.map_or_else(
        || "directory unknown".to_owned(),
        |users| plural(users, "user", "users"),
    );
    format!(
        "{} · {} · {users}",
        plural(counts.rules, "access control rule", "access control rules"),
        plural(counts.roles, "impersonation role", "impersonation roles"),
    )
}

fn error_count(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

/// The status line under an editor.
fn status(
    tab: Tab,
    document: &DocumentCheck,
    part: Option<&PartCheck>,
    stale: bool,
) -> (bool, String) {
    match (tab.part(), part) {
        (Some(part), Some(PartCheck::Empty)) => (true, part.when_empty().to_owned()),
        (Some(part), Some(PartCheck::Loaded { count, .. })) => {
            if document.loads() {
                let noun = match part {
                    parts::Part::Rules => plural(*count, "rule", "rules"),
                    parts::Part::Roles => plural(*count, "role", "roles"),
                    parts::Part::Users => plural(*count, "user", "users"),
                    parts::Part::Mobile => plural(*count, "mobile rule", "mobile rules"),
                    parts::Part::Overrides => plural(*count, "override", "overrides"),
                };
                (true, format!("In the document: {noun}."))
            } else {
                (
                    false,
                    "Not applied: the document has errors. Fix them in the Document tab first."
                        .to_owned(),
                )
            }
        }
        (Some(part), Some(PartCheck::Invalid { diagnostics })) => (
            false,
            format!(
                "{}: the document keeps its {} until this text loads.",
                plural(error_count(diagnostics), "error", "errors"),
                part.title().to_ascii_lowercase()
            ),
        ),
        _ if document.stopped.is_some() => (
            false,
            format!(
                "This text could not be read: the loader stopped ({}). It is not evaluated; the answers show the last document that loaded.",
                document.stopped.as_deref().unwrap_or_default()
            ),
        ),
        _ if document.pending => (
            true,
            "Loading this large document… The answers show the last document that loaded until it is done; the questions can be edited meanwhile."
                .to_owned(),
        ),
        _ => match (document.kind, document.counts) {
            (Some(kind), Some(counts)) => (
                true,
                format!(
                    "Recognised as {}: {}.",
                    kind.describe(),
                    describe_counts(counts)
                ),
            ),
            _ => {
                let errors = plural(document.problems.errors, "error", "errors");
                let answers = if stale {
                    " The answers show the last document that loaded."
                } else {
                    ""
                };
                (
                    false,
                    format!("{errors}: nothing is evaluated until the document loads.{answers}"),
                )
            }
        },
    }
}

/// The panel.
#[component]
pub fn EditorTabPanel(props: &EditorTabPanelProps) -> Html {
    let area = use_node_ref();
    // A hidden part editor is not checked: its status and diagnostics are not on show, and a
    // document edit changes every part's text.
    let part_check = use_memo(
        (props.tab, props.text.clone(), props.selected),
        |(tab, text, selected)| {
            tab.part()
                .filter(|_| *selected)
                .map(|part| parts::check(part, text))
        },
    );
    let diagnostics = use_memo(
        (props.tab, props.document.clone(), Memo(part_check.clone())),
        |(tab, document, part)| match (tab.part(), part.0.as_ref()) {
            (None, _) => document.problems.clone(),
            (Some(_), Some(check)) => Problems::of(check.diagnostics()),
            (Some(_), None) => Problems::default(),
        },
    );
    let onjump = {
        let area = area.clone();
        Callback::from(move |(line, column): (u32, u32)| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                browser::move_caret(&area, line, column);
            }
        })
    };
    let tab = props.tab;
    let oninput = props.onedit.reform(move |text: Rc<str>| (tab, text));
    let slug = tab.slug();
    let pending = tab.part().is_none() && props.document.pending;
    let (ok, status_text) = status(
        tab,
        &props.document,
        part_check.as_ref().as_ref(),
        props.stale,
    );
    let hint = match tab.part() {
        Some(part) => part.instructions(),
        None => {
            "Paste an organization document, or the output of `list-access-control-rules`, `list-users` or `get-impersonation-role`."
        }
    };
    let label = match tab.part() {
        Some(part) => format!("{} ({})", part.title(), part.command()),
        None => "Organization document".to_owned(),
    };
    // The document's hooks are the plain names; each part's carry its name.
    let hook = |name: &str| match tab.part() {
        Some(_) => format!("{name}-{slug}"),
        None => name.to_owned(),
    };
    let testid = match tab.part() {
        Some(_) => format!("{slug}-editor"),
        None => "document-editor".to_owned(),
    };
    let status_id = format!("status-{slug}");
    let diagnostics_id = format!("diagnostics-{slug}");
    let invalid = diagnostics.errors > 0;
    html! {
        <div class="tabpanel" role="tabpanel" id={panel_id(tab)} aria-labelledby={tab_id(tab)}
             hidden={!props.selected}>
            <p class="hint"><RichText text={hint} /></p>
            <CodeEditor id={format!("editor-{slug}")} testid={testid} label={label}
                        value={props.text.clone()} readonly={!props.editable} {invalid}
                        describedby={format!("{status_id} {diagnostics_id}")}
                        node_ref={area} {oninput} />
            <p id={status_id} class={classes!("editor-status", if pending { "pending" } else if ok { "ok" } else { "problem" })}
               data-testid={hook("editor-status")}>
                <span aria-hidden="true">{ if pending { "… " } else if ok { "✓ " } else { "✕ " } }</span>
                <RichText text={status_text} />
            </p>
            <DiagnosticList id={diagnostics_id} testid={hook("diagnostics")}
                            diagnostics={Memo(diagnostics)} {onjump} />
        </div>
    }
}
