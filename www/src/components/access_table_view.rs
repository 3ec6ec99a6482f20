//! The access control part of the decision table: one line per class of requests with the same
//! answer; together the lines cover every request exactly once.

use yew::prelude::*;

use super::Memo;
use super::address_list::AddressList;
use super::analysis_table::analysis_table;
use super::effect_badge::EffectBadge;
use super::principal_list::PrincipalList;
use crate::choices::Choices;
use crate::shown_table::ShownTable;

/// [`AccessTableView`]'s properties.
#[derive(Properties, PartialEq)]
pub struct AccessTableViewProps {
    /// The decision table, as shown.
    pub table: Memo<ShownTable>,
    /// The directory's names.
    pub choices: Memo<Choices>,
}

/// Rule names as a list, or `(none)`.
pub fn rule_names(names: &[String]) -> Html {
    if names.is_empty() {
        return html! { <span class="muted">{ "(none)" }</span> };
    }
    let items = names
        .iter()
        .map(|name| html! { <li><code>{ name.clone() }</code></li> });
    html! { <ol class="inline-list">{ for items }</ol> }
}

/// The table.
#[component]
pub fn AccessTableView(props: &AccessTableViewProps) -> Html {
    let rows = props.table.access.iter().map(|row| {
        html! {
            <tr class={classes!(row.effect.as_str().to_ascii_lowercase())}>
                <td><EffectBadge effect={row.effect} /></td>
                <td>{ row.actions.clone() }</td>
                <td><PrincipalList principals={row.principals.clone()}
                                   choices={props.choices.clone()} /></td>
                <td><AddressList addresses={row.addresses.clone()} /></td>
                <td>{ rule_names(&row.matched_rules) }</td>
            </tr>
        }
    });
    analysis_table(
        "table-access",
        "Access control: every request falls in exactly one row",
        &[
            "Effect",
            "Actions",
            "Principals",
            "Source IP",
            "MatchedRules",
        ],
        html! { { for rows } },
    )
}
