//! The exact decision table of the document: access control classes, impersonation targets
//! and classes of mobile devices, with Markdown and CSV downloads. Computed only while the
//! panel is open, by the analysis worker for a large document (see [`crate::shown_table`]).
//! The filters ("who can reach IMAP from 198.51.100.7?") cut it with the core's `TableFilter`,
//! as `workmail-policy table --action … --ip …` does; the downloads are of the table shown.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::Memo;
use super::access_table_view::AccessTableView;
use super::impersonation_table_view::ImpersonationTableView;
use super::mobile_table_view::MobileTableView;
use super::stale_note::StaleNote;
use super::table_filter_form::{TableFilterField, TableFilterFields, TableFilterForm};
use crate::browser;
use crate::choices::Choices;
use crate::offload::{self, Offloaded, Running, use_offloaded};
use crate::shown_table::{TableFile, TableFileJob, TableJob, TableOutcome};

/// [`TablePanel`]'s properties.
#[derive(Properties, PartialEq)]
pub struct TablePanelProps {
    /// The text of the document the answers come from.
    pub document: super::Text,
    /// Whether that is an earlier text (the document has errors now).
    pub stale: bool,
    /// The directory's names.
    pub choices: Memo<Choices>,
    /// Why a download failed.
    pub onfail: Callback<String>,
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// `, and A` or `, A, and B`: what the table holds beside access control.
fn and_also(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [only] => format!(", and {only}"),
        [first @ .., last] => format!(", {}, and {last}", first.join(", ")),
    }
}

/// Saves the download a [`TableFileJob`] answered, or says why there is none.
fn save(
    file: TableFile,
    answer: &Offloaded<Result<String, TableOutcome>>,
    onfail: &Callback<String>,
) {
    let failure = match answer {
        Offloaded::Working => return,
        Offloaded::Done(made) => match made.as_ref() {
            Ok(text) => match browser::download(file.name(), file.mime(), text) {
                Ok(()) => return,
                Err(_) => "the browser refused to save the file".to_owned(),
            },
            Err(TableOutcome::Refused(why)) => why.clone(),
            Err(_) => "the document does not load".to_owned(),
        },
        Offloaded::Failed(reason) => reason.clone(),
    };
    onfail.emit(failure);
}

/// The panel.
#[component]
pub fn TablePanel(props: &TablePanelProps) -> Html {
    let fields = use_state(TableFilterFields::default);
    let outcome = use_offloaded::<TableJob>(vec![props.document.clone()], (*fields).clone());
    let shown = use_memo(outcome.clone(), |outcome| match outcome {
        Offloaded::Done(done) => match done.as_ref() {
            TableOutcome::Shown(table) => Some(Rc::new(table.clone())),
            _ => None,
        },
        _ => None,
    });
    // The worker making a download of a large document's table, if one is.
    let making: Rc<RefCell<Option<Running>>> = use_mut_ref(|| None);
    let onfilter = {
        let fields = fields.clone();
        Callback::from(move |(field, text): (TableFilterField, String)| {
            fields.set((*fields).clone().with(field, text));
        })
    };
    let form = html! { <TableFilterForm fields={(*fields).clone()} onchange={onfilter}
    choices={props.choices.clone()} /> };
    // What shows in place of the table, if it does not show.
    let instead = match &outcome {
        Offloaded::Done(done) => match done.as_ref() {
            TableOutcome::Shown(_) => None,
            TableOutcome::Refused(message) => Some(html! {
                <p class="refusal-message" role="alert" data-testid="table-filter-error">{ message.clone() }</p>
            }),
            TableOutcome::Invalid => {
                return html! {
                    <div data-testid="table">
                        <p class="empty-state">{ "Fix the document's errors to see its decision table." }</p>
                    </div>
                };
            }
        },
        Offloaded::Working => Some(html! {
            <p class="empty-state" role="status" data-testid="table-working">
                { "Making the decision table of this large document…" }
            </p>
        }),
        Offloaded::Failed(reason) => Some(html! {
            <p class="refusal-message" role="alert" data-testid="table-failed">
                { format!("The decision table could not be made: {reason}.") }
            </p>
        }),
    };
    let Some(table) = shown.as_ref().clone() else {
        return html! {
            <div class="table-panel" data-testid="table">
                <StaleNote stale={props.stale} what="table" />
                { form }
                { instead.unwrap_or_default() }
            </div>
        };
    };
    let download = |file: TableFile| {
        let (document, fields) = (props.document.clone(), (*fields).clone());
        let (onfail, making) = (props.onfail.clone(), Rc::clone(&making));
        Callback::from(move |_: MouseEvent| {
            let onfail = onfail.clone();
            offload::run_once::<TableFileJob>(
                std::slice::from_ref(&document),
                &(fields.clone(), file),
                &making,
                move |answer| save(file, &answer, &onfail),
            );
        })
    };
    let rows = table.access.len();
    let roles = table.roles.len();
    let has_roles = roles > 0;
    let has_mobile = !table.mobile.is_empty();
    let filtering = !fields.is_empty();
    let mut extra = Vec::new();
    if has_roles {
        extra.push(format!(
            "the targets of {}",
            plural(roles, "impersonation role", "impersonation roles")
        ));
    }
    if has_mobile {
        extra.push(format!(
            "{} for mobile devices",
            plural(table.mobile.len(), "row", "rows")
        ));
    }
    html! {
        <div class="table-panel" data-testid="table">
            <StaleNote stale={props.stale} what="table" />
            { form }
            <p class="hint" data-testid="table-summary">
                { if filtering {
                    format!(
                        "{} for access control{} hold requests you asked about, each cut to them, with the whole table's answer.",
                        plural(rows, "row", "rows"),
                        and_also(&extra),
                    )
                } else {
                    format!(
                        "{} for access control{}. Exact: every address, action and principal falls in exactly one row; principals include any user or role the document does not name.",
                        plural(rows, "row", "rows"),
                        and_also(&extra),
                    )
                } }
            </p>
            <div class="button-row">
                <button type="button" data-testid="download-table-markdown"
                        onclick={download(TableFile::Markdown)}>
                    <span aria-hidden="true">{ "⤓ " }</span>{ "Download Markdown" }
                </button>
                <button type="button" data-testid="download-table-csv"
                        onclick={download(TableFile::AccessCsv)}>
                    <span aria-hidden="true">{ "⤓ " }</span>{ "Download access control CSV" }
                </button>
                if has_roles {
                    <button type="button" data-testid="download-impersonation-csv"
                            onclick={download(TableFile::ImpersonationCsv)}>
                        <span aria-hidden="true">{ "⤓ " }</span>{ "Download impersonation CSV" }
                    </button>
                }
                if has_mobile {
                    <button type="button" data-testid="download-mobile-csv"
                            onclick={download(TableFile::MobileCsv)}>
                        <span aria-hidden="true">{ "⤓ " }</span>{ "Download mobile device CSV" }
                    </button>
                }
            </div>
            <AccessTableView table={Memo(table.clone())} choices={props.choices.clone()} />
            if has_roles {
                <h3>{ "Impersonation: which users each role can impersonate" }</h3>
                <ImpersonationTableView table={Memo(table.clone())} choices={props.choices.clone()} />
            }
            if has_mobile {
                <h3>{ "Mobile device access: which devices may synchronize" }</h3>
                <MobileTableView table={Memo(table.clone())} />
            }
        </div>
    }
}
