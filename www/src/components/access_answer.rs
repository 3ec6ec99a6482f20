//! The `GetAccessControlEffect` answer: the effect, `MatchedRules` as AWS returns them, and every
//! rule's outcome.

use workmail_policy::eval::access::RuleExplanation;
use workmail_policy::{Decision, GetAccessControlEffectResponse, Principal};
use yew::prelude::*;

use super::Memo;
use super::access_rule::AccessRule;
use super::answer_parts::{Verdict, every_rule, matched_rules, response_figure, verdict};
use super::refusal::Refusal;
use super::rich_text::RichText;
use super::stale_note::StaleNote;
use super::suggestions_disclosure::SuggestionsDisclosure;
use crate::answers::AccessStatus;
use crate::bridge::{Message, View};
use crate::choices::Choices;
use crate::parts::printed;
use crate::questions::AccessQuestion;

/// [`AccessAnswer`]'s properties.
#[derive(Properties, PartialEq)]
pub struct AccessAnswerProps {
    /// The answer.
    pub status: Memo<AccessStatus>,
    /// The question it answers.
    pub question: AccessQuestion,
    /// The document text it comes from, for what would change it.
    pub applied: super::Text,
    /// What the analysis module asks for.
    pub onmessage: Callback<Message>,
    /// The directory's names, for saying who asked.
    pub choices: Memo<Choices>,
    /// Whether the answer comes from an earlier document (the current one has errors).
    pub stale: bool,
    /// Opens the Semantics page at a decision.
    pub onshow: Callback<Decision>,
}

/// The answer.
#[component]
pub fn AccessAnswer(props: &AccessAnswerProps) -> Html {
    let body = match &*props.status {
        AccessStatus::NoDocument => html! {
            <p class="empty-state">{ "Fix the document's errors to see the answer." }</p>
        },
        AccessStatus::Incomplete(what) => html! { <p class="empty-state">{ *what }</p> },
        AccessStatus::Refused(error) => html! {
            <Refusal error={error.clone()} testid="acl-error" onshow={props.onshow.clone()} />
        },
        AccessStatus::Answered(explanation) => {
            let response = GetAccessControlEffectResponse {
                effect: explanation.effect,
                matched_rules: explanation.matched_rules.clone(),
            };
            // The directory's name for the principal when it has one, else the core's words.
            let principal = match &explanation.request.principal {
                Principal::UserId(id) => props.choices.user_label(id).map(|l| format!("user {l}")),
                Principal::ImpersonationRoleId(id) => {
                    props.choices.role_label(id).map(|l| format!("role {l}"))
                }
            }
            .unwrap_or_else(|| explanation.request.principal.to_string());
            let matched = explanation
                .matched_rules
                .iter()
                .map(|name| html! { <li>{ name.clone() }</li> });
            let rule = |rule: &RuleExplanation| {
                html! {
                    <AccessRule rule={rule.clone()} onshow={props.onshow.clone()} />
                }
            };
            let reason = explanation.reason.to_string();
            let who = format!(
                "for {principal} from {} using {}",
                explanation.request.ip_address, explanation.request.action
            );
            let who = html! { <RichText text={who} /> };
            html! {
                <>
                    { verdict(&Verdict { effect: explanation.effect, testid: "acl-effect", reason: &reason,
                                         basis: explanation.basis, onshow: &props.onshow }, who) }
                    { matched_rules("acl-matched-rules", explanation.matched_rules.is_empty(), html! { { for matched } }) }
                    { response_figure("aws workmail get-access-control-effect", "acl-response", printed(&response)) }
                    <SuggestionsDisclosure view={View::AccessSuggestions} applied={props.applied.clone()}
                                           stale={props.stale} access={props.question.clone()}
                                           testid="acl-suggestions-toggle" onmessage={props.onmessage.clone()} />
                    <h3>{ "Every rule, in list order" }</h3>
                    { every_rule(&explanation.rules, rule, "acl-more-rules") }
                </>
            }
        }
    };
    html! {
        <div class="answer" aria-label="Access answer">
            <StaleNote stale={props.stale} what="answer" testid="acl-stale" />
            { body }
        </div>
    }
}
