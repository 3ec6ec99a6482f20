//! The principals of a table row: `any user except …`, the users, the roles, each ID with the
//! directory's name for it.

use yew::prelude::*;

use super::Memo;
use crate::choices::Choices;
use crate::describe::{Principals, Who};

/// [`PrincipalList`]'s properties.
#[derive(Properties, PartialEq)]
pub struct PrincipalListProps {
    /// The principals.
    pub principals: Principals,
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

/// The cell's content.
#[component]
pub fn PrincipalList(props: &PrincipalListProps) -> Html {
    let choices = &props.choices;
    let user_label = |id: &str| choices.user_label(id).map(|label| format!("({label})"));
    let role_label = |id: &str| choices.role_label(id).map(|label| format!("({label})"));
    let users = props.principals.users.as_ref().map(|who| match who {
        Who::Any => html! { <p>{ "any user" }</p> },
        Who::AnyExcept(list) => html! { <p>{ "any user except " }{ ids(list, user_label) }</p> },
        Who::Only(list) => html! { <p>{ if list.len() == 1 { "user " } else { "users " } }{ ids(list, user_label) }</p> },
    });
    let roles = props.principals.roles.as_ref().map(|who| match who {
        Who::Any => html! { <p>{ "any role" }</p> },
        Who::AnyExcept(list) => html! { <p>{ "any role except " }{ ids(list, role_label) }</p> },
        Who::Only(list) => html! { <p>{ if list.len() == 1 { "role " } else { "roles " } }{ ids(list, role_label) }</p> },
    });
    if users.is_none() && roles.is_none() {
        return html! { { "nobody" } };
    }
    html! { <div class="principals">{ for users }{ for roles }</div> }
}
