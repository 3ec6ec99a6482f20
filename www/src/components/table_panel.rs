//! The exact decision table of the document: access control classes, impersonation targets
//! and classes of mobile devices, with Markdown and CSV downloads. Computed only while the
//! panel is open.

use workmail_policy::analysis::decision_table;
use workmail_policy::{DocumentError, Loaded};
use yew::prelude::*;

use super::Memo;
use super::access_table_view::AccessTableView;
use super::impersonation_table_view::ImpersonationTableView;
use super::mobile_table_view::MobileTableView;
use super::stale_note::StaleNote;
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

/// The panel.
#[component]
pub fn TablePanel(props: &TablePanelProps) -> Html {
    let table = use_memo(props.organization.clone(), |organization| {
        loaded::organization(&organization.0).map(|organization| {
            std::rc::Rc::new(browser::measure("workmail:table", || {
                decision_table(organization)
            }))
        })
    });
    let Some(table) = table.as_ref().clone() else {
        return html! {
            <div data-testid="table">
                <p class="empty-state">{ "Fix the document's errors to see its decision table." }</p>
            </div>
        };
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
    let has_mobile = table.shows_mobile_part();
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
            <p class="hint" data-testid="table-summary">
                { format!(
                    "{} for access control{}. Exact: every address, action and principal falls in exactly one row; principals include any user or role the document does not name.",
                    plural(rows, "row", "rows"),
                    and_also(&extra),
                ) }
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
