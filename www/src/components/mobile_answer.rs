//! The mobile device answer: the effect, `MatchedRules` as AWS returns them, every rule's
//! outcome and, for a user's device, the override and the access control rules.

use workmail_policy::eval::mobile::{MobileExplanation, MobileRuleExplanation};
use workmail_policy::{Decision, DocumentError, GetMobileDeviceAccessEffectResponse, Loaded};
use yew::prelude::*;

use super::Memo;
use super::answer_parts::{Verdict, every_rule, matched_rules, response_figure, verdict};
use super::effect_badge::EffectBadge;
use super::mobile_rule::MobileRule;
use super::refusal::Refusal;
use super::rich_text::RichText;
use super::stale_note::StaleNote;
use crate::answers::{self, MobileStatus};
use crate::loaded;
use crate::parts::printed;
use crate::questions::MobileQuestion;

/// [`MobileAnswer`]'s properties.
#[derive(Properties, PartialEq)]
pub struct MobileAnswerProps {
    /// The answer.
    pub status: Memo<MobileStatus>,
    /// The request fields whose value is `$NONE` (D29).
    pub none_values: Vec<&'static str>,
    /// Whether the answer comes from an earlier document (the current one has errors).
    pub stale: bool,
    /// Opens the Semantics page at a decision.
    pub onshow: Callback<Decision>,
}

/// The rules' part of an answer: `MatchedRules`, the response and every rule.
fn rules_part(explanation: &MobileExplanation, onshow: &Callback<Decision>) -> Html {
    let response = GetMobileDeviceAccessEffectResponse {
        effect: explanation.effect,
        matched_rules: explanation.matched_rules.clone(),
    };
    let matched = explanation
        .matched_rules
        .iter()
        .map(|rule| html! { <li>{ rule.name.clone() }{ " " }<code class="muted">{ rule.mobile_device_access_rule_id.clone() }</code></li> });
    let rule = |rule: &MobileRuleExplanation| html! { <MobileRule rule={rule.clone()} onshow={onshow.clone()} /> };
    html! {
        <>
            { matched_rules("mobile-matched-rules", explanation.matched_rules.is_empty(), html! { { for matched } }) }
            { response_figure("aws workmail get-mobile-device-access-effect", "mobile-response", printed(&response)) }
            <h3>{ "Every rule, in list order" }</h3>
            { every_rule(&explanation.rules, rule, "mobile-more-rules") }
        </>
    }
}

/// The answer.
#[component]
pub fn MobileAnswer(props: &MobileAnswerProps) -> Html {
    let onshow = &props.onshow;
    let body = match &*props.status {
        MobileStatus::NoDocument => html! {
            <p class="empty-state">{ "Fix the document's errors to see the answer." }</p>
        },
        MobileStatus::Refused(error) => html! {
            <Refusal error={error.clone()} testid="mobile-error" onshow={onshow.clone()} />
        },
        MobileStatus::Rules(explanation) => {
            let reason = explanation.reason.to_string();
            let who =
                html! { <RichText text={format!("for a device with {}", explanation.device)} /> };
            html! {
                <>
                    { verdict(&Verdict { effect: explanation.effect, testid: "mobile-effect", reason: &reason,
                                         basis: explanation.basis, onshow }, who) }
                    { rules_part(explanation, onshow) }
                </>
            }
        }
        MobileStatus::Device(explanation) => {
            let reason = explanation.decided_by.to_string();
            let who = html! { <RichText text={format!("for user `{}` on device `{}`", explanation.user_id, explanation.device_id)} /> };
            let access = explanation.access_control.as_ref().map(|access| html! {
                <p data-testid="mobile-access-control">
                    { "Access control for ActiveSync from " }{ access.request.ip_address.to_string() }{ ": " }
                    <EffectBadge effect={access.effect} />
                    { format!(" (MatchedRules: {})", if access.matched_rules.is_empty() { "none".to_owned() } else { access.matched_rules.join(", ") }) }
                </p>
            });
            let found = match &explanation.r#override {
                Some(found) => html! {
                    <p data-testid="mobile-override">
                        { "Override for device " }<code>{ found.device_id.clone() }</code>{ ": " }
                        <EffectBadge effect={found.effect} />
                        { found.description.clone().map(|d| format!(" ({d})")).unwrap_or_default() }
                    </p>
                },
                None => {
                    html! { <p data-testid="mobile-override">{ "No override for this user and device." }</p> }
                }
            };
            html! {
                <>
                    { verdict(&Verdict { effect: explanation.effect, testid: "mobile-effect", reason: &reason,
                                         basis: explanation.basis, onshow }, who) }
                    { for access }
                    { found }
                    <h3>{ "The rules' answer " }<EffectBadge effect={explanation.rules.effect} /></h3>
                    { rules_part(&explanation.rules, onshow) }
                </>
            }
        }
    };
    let warning = (!props.none_values.is_empty()).then(|| html! {
        <p class="notice" data-testid="mobile-none-warning">
            { format!("{} is the text `$NONE`, which a request reports as a value: to ask about a device that does not report a field, leave the field empty (D29).", props.none_values.join(", ")) }
        </p>
    });
    html! {
        <div class="answer" aria-label="Mobile device answer">
            <StaleNote stale={props.stale} what="answer" testid="mobile-stale" />
            { for warning }
            { body }
        </div>
    }
}

/// [`MobileAnswerView`]'s properties.
#[derive(Properties, PartialEq)]
pub struct MobileAnswerViewProps {
    /// The organization the answer comes from, as loaded.
    pub organization: Memo<Result<Loaded, DocumentError>>,
    /// The question.
    pub question: MobileQuestion,
    /// Whether the answer comes from an earlier document (the current one has errors).
    pub stale: bool,
    /// Opens the Semantics page at a decision.
    pub onshow: Callback<Decision>,
}

/// The answer worked out from the question, as the analysis module shows it in the page.
#[component]
pub fn MobileAnswerView(props: &MobileAnswerViewProps) -> Html {
    let status = use_memo(
        (props.organization.clone(), props.question.clone()),
        |(organization, question)| answers::mobile(loaded::organization(&organization.0), question),
    );
    html! {
        <MobileAnswer status={Memo(status)} none_values={props.question.none_values()}
                      stale={props.stale} onshow={props.onshow.clone()} />
    }
}
