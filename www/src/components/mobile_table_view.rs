//! The mobile device access part of the decision table: one row per class of devices, each
//! property's values as the rules' entries cut them.

use workmail_policy::DeviceField;
use workmail_policy::analysis::{DecisionTable, mobile_rule_labels};
use yew::prelude::*;

use super::Memo;
use super::analysis_table::analysis_table;
use super::effect_badge::EffectBadge;

/// [`MobileTableView`]'s properties.
#[derive(Properties, PartialEq)]
pub struct MobileTableViewProps {
    /// The decision table.
    pub table: Memo<DecisionTable>,
}

/// The table.
#[component]
pub fn MobileTableView(props: &MobileTableViewProps) -> Html {
    let table = &props.table.0.mobile_device_access;
    let rows = table.rows.iter().map(|row| {
        let cells = DeviceField::ALL.map(|field| html! { <td>{ table.describe(row, field) }</td> });
        let rules = if row.matched_rules.is_empty() {
            "none".to_owned()
        } else {
            mobile_rule_labels(&row.matched_rules)
        };
        html! {
            <tr>
                <td><EffectBadge effect={row.effect} /></td>
                { for cells }
                <td>{ rules }</td>
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
