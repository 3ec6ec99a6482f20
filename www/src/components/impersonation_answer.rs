//! The `GetImpersonationRoleEffect` answer: the effect, the role type, `MatchedRules` as AWS
//! returns them, and every rule's outcome.

use workmail_policy::eval::access::DecisionReason;
use workmail_policy::{Decision, GetImpersonationRoleEffectResponse};
use yew::prelude::*;

use super::Memo;
use super::basis_badge::BasisBadge;
use super::effect_badge::EffectBadge;
use super::impersonation_rule::ImpersonationRule;
use super::refusal::Refusal;
use super::suggestions_disclosure::SuggestionsDisclosure;
use crate::answers::ImpersonationStatus;
use crate::bridge::{Message, View};
use crate::parts::pretty;
use crate::state::ImpersonationQuestion;

/// [`ImpersonationAnswer`]'s properties.
#[derive(Properties, PartialEq)]
pub struct ImpersonationAnswerProps {
    /// The answer.
    pub status: Memo<ImpersonationStatus>,
    /// The question it answers.
    pub question: ImpersonationQuestion,
    /// The document text it comes from, for what would change it.
    pub applied: AttrValue,
    /// What the analysis module asks for.
    pub onmessage: Callback<Message>,
    /// Whether the answer comes from an earlier document (the current one has errors).
    pub stale: bool,
    /// Opens the Semantics page at a decision.
    pub onshow: Callback<Decision>,
}

/// The answer.
#[component]
pub fn ImpersonationAnswer(props: &ImpersonationAnswerProps) -> Html {
    let stale = props.stale.then(|| {
        html! {
            <p class="stale"><span aria-hidden="true">{ "⚠ " }</span>
                { "The document has errors: this answer is for the last document that loaded." }</p>
        }
    });
    let body = match &*props.status {
        ImpersonationStatus::NoDocument => html! {
            <p class="empty-state">{ "Fix the document's errors to see the answer." }</p>
        },
        ImpersonationStatus::NoRoles => html! {
            <p class="empty-state">
                { "This organization has no impersonation roles. Paste " }
                <code>{ "aws workmail get-impersonation-role" }</code>
                { " output in the Impersonation roles tab, or start from the read-only archiving role." }
            </p>
        },
        ImpersonationStatus::Incomplete(what) => html! { <p class="empty-state">{ *what }</p> },
        ImpersonationStatus::Refused(error, decision) => html! {
            <Refusal error={error.clone()} decision={*decision} testid="imp-error" onshow={props.onshow.clone()} />
        },
        ImpersonationStatus::Answered(explanation) => {
            let response = GetImpersonationRoleEffectResponse {
                role_type: explanation.role_type,
                effect: explanation.effect,
                matched_rules: explanation.matched_rules.clone(),
            };
            let target = match &explanation.target.resolved {
                Some(resolved) if resolved.user_id != explanation.target.text => format!(
                    "impersonating {} (user {}, by {})",
                    explanation.target.text,
                    resolved.user_id,
                    resolved.by.describe()
                ),
                _ => format!("impersonating {}", explanation.target.text),
            };
            let reason = match explanation.reason {
                DecisionReason::NoRuleMatched => {
                    "no rule matched, so impersonation is denied by default".to_owned()
                }
                other => other.to_string(),
            };
            let matched = explanation.matched_rules.iter().map(|rule| {
                html! {
                    <li>
                        <code>{ rule.impersonation_rule_id.clone() }</code>
                        if let Some(name) = &rule.name {
                            { format!(" “{name}”") }
                        }
                    </li>
                }
            });
            let rules = explanation.rules.iter().map(|rule| {
                html! {
                    <ImpersonationRule rule={rule.clone()} onshow={props.onshow.clone()} />
                }
            });
            html! {
                <>
                    <div class="verdict">
                        <EffectBadge effect={explanation.effect} large=true testid="imp-effect" />
                        <div class="verdict-text">
                            <p class="verdict-who">
                                { "Type " }<code data-testid="imp-type">{ explanation.role_type.as_str() }</code>
                                { format!(" · role {} {target}", explanation.impersonation_role_id) }
                            </p>
                            <p class="verdict-reason">
                                { reason }{ " " }
                                <BasisBadge basis={explanation.basis} onshow={props.onshow.clone()} />
                            </p>
                        </div>
                    </div>
                    <div class="matched-block">
                        <h3 id="imp-matched-heading">{ "MatchedRules" }</h3>
                        <ol class="matched-rules" data-testid="imp-matched-rules" aria-labelledby="imp-matched-heading">
                            { for matched }
                        </ol>
                        if explanation.matched_rules.is_empty() {
                            <p class="muted">{ "None: the list is empty." }</p>
                        }
                    </div>
                    <figure class="response">
                        <figcaption>{ "The response, as " }<code>{ "aws workmail get-impersonation-role-effect" }</code>{ " prints it" }</figcaption>
                        <pre data-testid="imp-response"><code>{ pretty(&response) }</code></pre>
                    </figure>
                    <SuggestionsDisclosure view={View::ImpersonationSuggestions} applied={props.applied.clone()}
                                           stale={props.stale} impersonation={props.question.clone()}
                                           testid="imp-suggestions-toggle" onmessage={props.onmessage.clone()} />
                    <h3>{ "Every rule of the role, in order" }</h3>
                    <ol class="rules">{ for rules }</ol>
                </>
            }
        }
    };
    html! {
        <div class="answer" aria-label="Impersonation answer">
            { for stale }
            { body }
        </div>
    }
}
