//! The exact decision table of the document: access control classes, impersonation targets
//! and classes of mobile devices, with Markdown and CSV downloads. Computed only while the
//! panel is open. The filters ("who can reach IMAP from 198.51.100.7?") cut it with the core's
//! `TableFilter`, as `workmail-policy table --action … --ip …` does; the downloads are of the
//! table shown.

use std::rc::Rc;

use workmail_policy::analysis::{DecisionTable, SelectedTable, TableFilter, decision_table};
use workmail_policy::{DocumentError, Loaded};
use yew::prelude::*;

use super::Memo;
use super::access_table_view::AccessTableView;
use super::impersonation_table_view::ImpersonationTableView;
use super::mobile_table_view::MobileTableView;
use super::stale_note::StaleNote;
use super::table_filter_form::{TableFilterField, TableFilterFields, TableFilterForm};
use crate::browser;
use crate::choices::Choices;
use crate::loaded;

/// [`TablePanel`]'s properties.
#[derive(Properties, PartialEq)]
pub struct TablePanelProps {
    /// The document the answers come from.
    pub organization: Memo<Result<Loaded, DocumentError>>,
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

/// The whole table, or the table cut to the filter fields (or why they cannot be asked).
fn filtered(
    organization: &Memo<Result<Loaded, DocumentError>>,
    table: &Rc<DecisionTable>,
    fields: &TableFilterFields,
) -> Result<Rc<DecisionTable>, String> {
    let Some(organization) = loaded::organization(&organization.0) else {
        return Ok(table.clone());
    };
    if fields.is_empty() {
        return Ok(table.clone());
    }
    let filter =
        TableFilter::resolve(organization, &fields.query(organization)).map_err(|error| {
            match &error.help {
                Some(help) => format!("{}: {}. {help}", error.path(), error.message),
                None => format!("{}: {}", error.path(), error.message),
            }
        })?;
    match filter.restrict(SelectedTable::All((**table).clone())) {
        SelectedTable::All(cut) => Ok(Rc::new(cut)),
        _ => Ok(table.clone()),
    }
}

/// The panel.
#[component]
pub fn TablePanel(props: &TablePanelProps) -> Html {
    let whole = use_memo(props.organization.clone(), |organization| {
        loaded::organization(&organization.0).map(|organization| {
            Rc::new(browser::measure("workmail:table", || {
                decision_table(organization)
            }))
        })
    });
    let fields = use_state(TableFilterFields::default);
    let shown = use_memo(
        (
            props.organization.clone(),
            Memo(whole.clone()),
            (*fields).clone(),
        ),
        |(organization, whole, fields)| {
            whole
                .0
                .as_ref()
                .as_ref()
                .map(|table| filtered(organization, table, fields))
        },
    );
    let Some(shown) = shown.as_ref().clone() else {
        return html! {
            <div data-testid="table">
                <p class="empty-state">{ "Fix the document's errors to see its decision table." }</p>
            </div>
        };
    };
    let onfilter = {
        let fields = fields.clone();
        Callback::from(move |(field, text): (TableFilterField, String)| {
            fields.set((*fields).clone().with(field, text));
        })
    };
    let form = html! { <TableFilterForm fields={(*fields).clone()} onchange={onfilter}
    choices={props.choices.clone()} /> };
    let table = match shown {
        Ok(table) => table,
        Err(message) => {
            return html! {
                <div class="table-panel" data-testid="table">
                    <StaleNote stale={props.stale} what="table" />
                    { form }
                    <p class="refusal-message" role="alert" data-testid="table-filter-error">{ message }</p>
                </div>
            };
        }
    };
    let download =
        |name: &'static str,
         mime: &'static str,
         text: fn(&workmail_policy::analysis::DecisionTable) -> String| {
            let table = table.clone();
            let onfail = props.onfail.clone();
            Callback::from(move |_: MouseEvent| {
                if browser::download(name, mime, &text(&table)).is_err() {
                    onfail.emit("the browser refused to save the file".to_owned());
                }
            })
        };
    let rows = table.access_control.rows.len();
    let roles = table.impersonation.roles.len();
    let has_roles = roles > 0;
    let has_mobile = table.shows_mobile_part() && !table.mobile_device_access.rows.is_empty();
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
            plural(table.mobile_device_access.rows.len(), "row", "rows")
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
                        onclick={download("workmail-decision-table.md", "text/markdown", |t| t.to_markdown())}>
                    <span aria-hidden="true">{ "⤓ " }</span>{ "Download Markdown" }
                </button>
                <button type="button" data-testid="download-table-csv"
                        onclick={download("workmail-access-table.csv", "text/csv", |t| t.access_control.to_csv())}>
                    <span aria-hidden="true">{ "⤓ " }</span>{ "Download access control CSV" }
                </button>
                if has_roles {
                    <button type="button" data-testid="download-impersonation-csv"
                            onclick={download("workmail-impersonation-table.csv", "text/csv", |t| t.impersonation.to_csv())}>
                        <span aria-hidden="true">{ "⤓ " }</span>{ "Download impersonation CSV" }
                    </button>
                }
                if has_mobile {
                    <button type="button" data-testid="download-mobile-csv"
                            onclick={download("workmail-mobile-table.csv", "text/csv", |t| t.mobile_device_access.to_csv())}>
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
