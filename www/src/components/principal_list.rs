//! The principals of a table row: `any user except …`, the users, the roles, each ID with the
//! directory's name for it.

use workmail_policy::analysis::{Members, PrincipalSet};
use yew::prelude::*;

use super::Memo;
use crate::choices::Choices;

/// [`PrincipalList`]'s properties.
#[derive(Properties, PartialEq)]
pub struct PrincipalListProps {
    /// The principals.
    pub principals: PrincipalSet,
    /// The directory's names.
    pub choices: Memo<Choices>,
}

fn ids(list: &[String], label: impl Fn(&str) -> Option<String>) -> Html {
    let items = list.iter().map(|id| {
        html! {
            <li>
                <code>{ id.clone() }</code>
                if let Some(label) = label(id) {
                    <span class="id-label">{ format!(" {label}") }</span>
                }
            </li>
        }
    });
    html! { <ul class="inline-list">{ for items }</ul> }
}

/// The users or the roles of the set (`kind` is `user` or `role`).
fn kind(members: &Members, kind: &str, label: impl Fn(&str) -> Option<String>) -> Html {
    match members {
        Members::Any => html! { <p>{ format!("any {kind}") }</p> },
        Members::AnyExcept(list) => {
            html! { <p>{ format!("any {kind} except ") }{ ids(list, label) }</p> }
        }
        Members::Only(list) => {
            let plural = if list.len() == 1 { "" } else { "s" };
            html! { <p>{ format!("{kind}{plural} ") }{ ids(list, label) }</p> }
        }
    }
}

/// The cell's content: the core's [`PrincipalSet`], each ID with the directory's name for it.
#[component]
pub fn PrincipalList(props: &PrincipalListProps) -> Html {
    let choices = &props.choices;
    let user_label = |id: &str| choices.user_label(id).map(|label| format!("({label})"));
    let role_label = |id: &str| choices.role_label(id).map(|label| format!("({label})"));
    let users = props
        .principals
        .users
        .as_ref()
        .map(|members| kind(members, "user", user_label));
    let roles = props
        .principals
        .roles
        .as_ref()
        .map(|members| kind(members, "role", role_label));
    if users.is_none() && roles.is_none() {
        return html! { { "nobody" } };
    }
    html! { <div class="principals">{ for users }{ for roles }</div> }
}
