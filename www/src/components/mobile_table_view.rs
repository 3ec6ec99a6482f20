//! The mobile device access part of the decision table: one row per class of devices, each
//! property's values as the rules' entries cut them.

use yew::prelude::*;

use super::Memo;
use super::analysis_table::analysis_table;
use super::effect_badge::EffectBadge;
use crate::shown_table::ShownTable;

/// [`MobileTableView`]'s properties.
#[derive(Properties, PartialEq)]
pub struct MobileTableViewProps {
    /// The decision table, as shown.
    pub table: Memo<ShownTable>,
}

/// The table.
#[component]
pub fn MobileTableView(props: &MobileTableViewProps) -> Html {
    let rows = props.table.mobile.iter().map(|row| {
        let cells = row
            .cells
            .iter()
            .map(|cell| html! { <td>{ cell.clone() }</td> });
        html! {
            <tr>
                <td><EffectBadge effect={row.effect} /></td>
                { for cells }
                <td>{ row.matched_rules.clone() }</td>
            </tr>
        }
    });
    analysis_table(
        "table-mobile",
        "Mobile device access: which devices may synchronize (overrides aside)",
        &[
            "Effect",
            "Device type",
            "Device model",
            "Operating system",
            "User agent",
            "MatchedRules",
        ],
        html! { { for rows } },
    )
}
