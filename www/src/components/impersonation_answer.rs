//! The `GetImpersonationRoleEffect` answer: the effect, the role type, `MatchedRules` as AWS
//! returns them, and every rule's outcome.

use workmail_policy::eval::impersonation::ImpersonationRuleExplanation;
use workmail_policy::{Decision, GetImpersonationRoleEffectResponse};
use yew::prelude::*;

use super::Memo;
use super::answer_parts::{Verdict, every_rule, matched_rules, response_figure, verdict};
use super::impersonation_rule::ImpersonationRule;
use super::refusal::Refusal;
use super::rich_text::RichText;
use super::stale_note::StaleNote;
use super::suggestions_disclosure::SuggestionsDisclosure;
use crate::answers::ImpersonationStatus;
use crate::bridge::{Message, View};
use crate::parts::printed;
use crate::questions::ImpersonationQuestion;

/// [`ImpersonationAnswer`]'s properties.
#[derive(Properties, PartialEq)]
pub struct ImpersonationAnswerProps {
    /// The answer.
    pub status: Memo<ImpersonationStatus>,
    /// The question it answers.
    pub question: ImpersonationQuestion,
    /// The document text it comes from, for what would change it.
    pub applied: super::Text,
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
        ImpersonationStatus::Refused(error) => html! {
            <Refusal error={error.clone()} testid="imp-error" onshow={props.onshow.clone()} />
        },
        ImpersonationStatus::Answered(explanation) => {
            let response = GetImpersonationRoleEffectResponse {
                role_type: explanation.role_type,
                effect: explanation.effect,
                matched_rules: explanation.matched_rules.clone(),
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
            let who = html! {
                <>
                    { "Type " }<code data-testid="imp-type">{ explanation.role_type.as_str() }</code>
                    { format!(" · role {} impersonating ", explanation.impersonation_role_id) }
                    <RichText text={explanation.target.to_string()} />
                </>
            };
            let rule = |rule: &ImpersonationRuleExplanation| {
                html! {
                    <ImpersonationRule rule={rule.clone()} onshow={props.onshow.clone()} />
                }
            };
            html! {
                <>
                    { verdict(&Verdict { effect: explanation.effect, testid: "imp-effect",
                                         reason: explanation.reason.describe(true), basis: explanation.basis,
                                         onshow: &props.onshow }, who) }
                    { matched_rules("imp-matched-rules", explanation.matched_rules.is_empty(), html! { { for matched } }) }
                    { response_figure("aws workmail get-impersonation-role-effect", "imp-response", printed(&response)) }
                    <SuggestionsDisclosure view={View::ImpersonationSuggestions} applied={props.applied.clone()}
                                           stale={props.stale} impersonation={props.question.clone()}
                                           testid="imp-suggestions-toggle" onmessage={props.onmessage.clone()} />
                    <h3>{ "Every rule of the role, in order" }</h3>
                    { every_rule(&explanation.rules, rule, "imp-more-rules") }
                </>
            }
        }
    };
    html! {
        <div class="answer" aria-label="Impersonation answer">
            <StaleNote stale={props.stale} what="answer" />
            { body }
        </div>
    }
}
