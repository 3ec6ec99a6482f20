//! The access control part of the decision table: one line per class of requests with the same
//! answer; together the lines cover every request exactly once.

use workmail_policy::analysis::{AddressSet, DecisionTable, PrincipalSet, describe_actions};
use yew::prelude::*;

use super::Memo;
use super::address_list::AddressList;
use super::analysis_table::analysis_table;
use super::effect_badge::EffectBadge;
use super::principal_list::PrincipalList;
use crate::choices::Choices;

/// [`AccessTableView`]'s properties.
#[derive(Properties, PartialEq)]
pub struct AccessTableViewProps {
    /// The decision table.
    pub table: Memo<DecisionTable>,
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
    let universe = props.table.access_control.principals();
    let rows = props.table.access_control.rows.iter().map(|row| {
        html! {
            <tr class={classes!(row.effect.as_str().to_ascii_lowercase())}>
                <td><EffectBadge effect={row.effect} /></td>
                <td>{ describe_actions(&row.actions) }</td>
                <td><PrincipalList principals={PrincipalSet::of(&row.principals, &universe)}
                                   choices={props.choices.clone()} /></td>
                <td><AddressList addresses={AddressSet::of(&row.ip_ranges)} /></td>
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
