//! The impersonation part of the decision table: for each role, which users it can
//! impersonate and the answer for every other one.

use workmail_policy::analysis::Targets;
use yew::prelude::*;

use super::Memo;
use super::access_table_view::rule_names;
use super::effect_badge::EffectBadge;
use crate::choices::Choices;
use crate::shown_table::ShownTable;

/// [`ImpersonationTableView`]'s properties.
#[derive(Properties, PartialEq)]
pub struct ImpersonationTableViewProps {
    /// The decision table.
    pub table: Memo<ShownTable>,
    /// The directory's names.
    pub choices: Memo<Choices>,
}

/// A list of target users, each with the directory's name for it.
pub fn target_list(ids: &[String], choices: &Choices) -> Html {
    let items = ids.iter().map(|id| {
        html! {
            <li>
                <code>{ id.clone() }</code>
                if let Some(label) = choices.user_label(id) {
                    <span class="id-label">{ format!(" ({label})") }</span>
                }
            </li>
        }
    });
    html! { <ul class="inline-list">{ for items }</ul> }
}

/// A set of target users.
pub fn targets(targets: &Targets, choices: &Choices) -> Html {
    match targets {
        Targets::TargetUsers(list) if list.is_empty() => html! { { "nobody" } },
        Targets::TargetUsers(list) => target_list(list, choices),
        Targets::AllUsersExcept(list) if list.is_empty() => html! { { "every user" } },
        Targets::AllUsersExcept(list) => {
            html! { <>{ "every user except " }{ target_list(list, choices) }</> }
        }
    }
}

/// One table per role.
#[component]
pub fn ImpersonationTableView(props: &ImpersonationTableViewProps) -> Html {
    let roles = props.table.roles.iter().map(|role| {
        let rows = role.classes.iter().map(|class| {
            html! {
                <tr>
                    <td><EffectBadge effect={class.effect} /></td>
                    <td>{ targets(&class.targets, &props.choices) }</td>
                    <td>{ rule_names(&class.matched_rules) }</td>
                </tr>
            }
        });
        html! {
            <div class="table-scroll role-table" data-role={role.id.clone()}>
                <table class="analysis-table">
                    <caption>
                        { "Role " }<code>{ role.id.clone() }</code>
                        { format!(" “{}” ", role.name) }<code>{ role.role_type.clone() }</code>
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Effect" }</th>
                            <th scope="col">{ "Target users" }</th>
                            <th scope="col">{ "MatchedRules" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
                if role.classes.is_empty() {
                    <p class="muted">{ "No user can be asked about." }</p>
                }
                if !role.not_impersonable.is_empty() {
                    <p class="muted">
                        { "Disabled or deleted, never impersonable (D12): " }
                        { target_list(&role.not_impersonable, &props.choices) }
                    </p>
                }
            </div>
        }
    });
    html! {
        <div class="impersonation-tables" data-testid="table-impersonation">{ for roles }</div>
    }
}
