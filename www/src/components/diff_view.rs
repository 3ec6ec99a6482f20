//! What changes between the old version and the document: lockout warnings first, then every
//! class of access requests, every role's target users and every class of mobile devices whose
//! answer changes.

use workmail_policy::analysis::{
    ImpersonationChange, LockoutWarning, TablePrincipal, describe_actions, mobile_rule_labels,
};
use workmail_policy::{
    GetAccessControlEffectResponse, GetImpersonationRoleEffectResponse,
    GetMobileDeviceAccessEffectResponse, ImpersonationMatchedRule,
};
use yew::prelude::*;

use super::Memo;
use super::access_table_view::rule_names;
use super::address_list::AddressList;
use super::analysis_table::analysis_table;
use super::effect_badge::EffectBadge;
use super::impersonation_table_view::targets;
use super::principal_list::PrincipalList;
use crate::choices::Choices;
use crate::comparison::{ShownAccessChange, ShownDiff, ShownMobileChange};

/// [`DiffView`]'s properties.
#[derive(Properties, PartialEq)]
pub struct DiffViewProps {
    /// The comparison (old version first).
    pub diff: Memo<ShownDiff>,
    /// The directory's names.
    pub choices: Memo<Choices>,
}

fn principal(principal: &TablePrincipal, choices: &Choices) -> Html {
    let (kind, id, label) = match principal {
        TablePrincipal::UserId(id) => ("user", id, choices.user_label(id)),
        TablePrincipal::ImpersonationRoleId(id) => ("role", id, choices.role_label(id)),
        TablePrincipal::OtherUser => return html! { { "any user the documents do not name" } },
        TablePrincipal::OtherRole => return html! { { "any role the documents do not name" } },
    };
    html! {
        <>
            { format!("{kind} ") }<code>{ id.clone() }</code>
            if let Some(label) = label {
                { format!(" ({label})") }
            }
        </>
    }
}

fn warning(warning: &LockoutWarning, choices: &Choices) -> Html {
    let body = match warning {
        LockoutWarning::AllAccessBlocked => html! {
            <>
                <strong>{ "Every request is now denied." }</strong>
                { " Requests that were allowed before, from some address for some principal, are denied everywhere: nobody can reach a mailbox any more." }
            </>
        },
        LockoutWarning::PrincipalLockedOut { principal: who } => html! {
            <>
                <strong>{ "Locked out: " }{ principal(who, choices) }</strong>
                { " could use some action from some address before, and none from any address now." }
            </>
        },
        LockoutWarning::MyIpDenied { ip_address, lost } => {
            let items = lost.iter().map(|lost| {
                let who = lost.principals.iter().enumerate().map(|(at, p)| {
                    html! { <>{ if at > 0 { ", " } else { "" } }{ principal(p, choices) }</> }
                });
                html! {
                    <li>{ describe_actions(&lost.actions) }{ " for " }{ for who }</li>
                }
            });
            html! {
                <>
                    <strong>{ "Your address " }<code>{ ip_address.to_string() }</code>{ " loses access" }</strong>
                    { ": requests from it that were allowed are now denied:" }
                    <ul>{ for items }</ul>
                </>
            }
        }
    };
    html! {
        <li class="lockout" data-guard={warning.code()}>
            <span class="lockout-symbol" aria-hidden="true">{ "⚠ " }</span>{ body }
        </li>
    }
}

fn access_answer(answer: &GetAccessControlEffectResponse) -> Html {
    html! {
        <>
            <EffectBadge effect={answer.effect} />{ " " }{ rule_names(&answer.matched_rules) }
        </>
    }
}

fn role_answer(answer: Option<&GetImpersonationRoleEffectResponse>) -> Html {
    let Some(answer) = answer else {
        return html! { <span class="muted">{ "no answer (the role or the user is missing)" }</span> };
    };
    let ids = ImpersonationMatchedRule::ids(&answer.matched_rules);
    html! {
        <>
            <EffectBadge effect={answer.effect} />{ " " }<code>{ answer.role_type.as_str() }</code>
            { " " }{ rule_names(&ids) }
        </>
    }
}

fn access_rows(changes: &[ShownAccessChange], choices: &Memo<Choices>) -> Html {
    let rows = changes.iter().map(|change| {
        html! {
            <tr>
                <td>{ change.actions.clone() }</td>
                <td><PrincipalList principals={change.principals.clone()}
                                   choices={choices.clone()} /></td>
                <td><AddressList addresses={change.addresses.clone()} /></td>
                <td>{ access_answer(&change.before) }</td>
                <td>{ access_answer(&change.after) }</td>
            </tr>
        }
    });
    analysis_table(
        "diff-access",
        "Access control: requests whose answer changes",
        &[
            "Actions",
            "Principals",
            "Source IP",
            "Before (old version)",
            "After (document)",
        ],
        html! { { for rows } },
    )
}

fn impersonation_rows(changes: &[ImpersonationChange], choices: &Choices) -> Html {
    let rows = changes.iter().map(|change| {
        html! {
            <tr>
                <td><code>{ change.impersonation_role_id.clone() }</code></td>
                <td>{ targets(&change.targets, choices) }</td>
                <td>{ role_answer(change.before.as_ref()) }</td>
                <td>{ role_answer(change.after.as_ref()) }</td>
            </tr>
        }
    });
    analysis_table(
        "diff-impersonation",
        "Impersonation: target users whose answer changes",
        &[
            "Role",
            "Target users",
            "Before (old version)",
            "After (document)",
        ],
        html! { { for rows } },
    )
}

fn mobile_answer(answer: &GetMobileDeviceAccessEffectResponse) -> Html {
    let rules = if answer.matched_rules.is_empty() {
        "none".to_owned()
    } else {
        mobile_rule_labels(&answer.matched_rules)
    };
    html! {
        <>
            <EffectBadge effect={answer.effect} />{ " " }{ rules }
        </>
    }
}

fn mobile_rows(changes: &[ShownMobileChange]) -> Html {
    let rows = changes.iter().map(|change| {
        let cells = change
            .cells
            .iter()
            .map(|cell| html! { <td>{ cell.clone() }</td> });
        html! {
            <tr>
                { for cells }
                <td>{ mobile_answer(&change.before) }</td>
                <td>{ mobile_answer(&change.after) }</td>
            </tr>
        }
    });
    analysis_table(
        "diff-mobile",
        "Mobile device access: devices whose answer changes (overrides aside)",
        &[
            "Device type",
            "Device model",
            "Operating system",
            "User agent",
            "Before (old version)",
            "After (document)",
        ],
        html! { { for rows } },
    )
}

/// The comparison.
#[component]
pub fn DiffView(props: &DiffViewProps) -> Html {
    let diff = &props.diff;
    let choices = &props.choices;
    let summary = if diff.is_empty() {
        "No answer changes: every request gets the same Effect and MatchedRules from both versions."
            .to_owned()
    } else if diff.mobile.is_empty() {
        format!(
            "{} of access requests and {} of target users change their answer.",
            count(diff.access.len(), "class", "classes"),
            count(diff.impersonation.len(), "set", "sets"),
        )
    } else {
        format!(
            "{} of access requests, {} of target users and {} of mobile devices change their answer.",
            count(diff.access.len(), "class", "classes"),
            count(diff.impersonation.len(), "set", "sets"),
            count(diff.mobile.len(), "class", "classes"),
        )
    };
    let warnings = diff.warnings.iter().map(|w| warning(w, choices));
    html! {
        <div class="diff" data-testid="diff">
            if !diff.warnings.is_empty() {
                <ul class="lockouts" data-testid="diff-warnings" aria-label="Lockout warnings">{ for warnings }</ul>
            }
            <p data-testid="diff-summary">{ summary }</p>
            if !diff.access.is_empty() {
                { access_rows(&diff.access, choices) }
            }
            if !diff.impersonation.is_empty() {
                { impersonation_rows(&diff.impersonation, choices) }
            }
            if !diff.mobile.is_empty() {
                { mobile_rows(&diff.mobile) }
            }
        </div>
    }
}

fn count(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
