//! The parts both answers share: the verdict (effect, for whom, why, and on what basis), the
//! `MatchedRules` list as AWS returns it, and the response as the AWS CLI prints it.

use workmail_policy::model::Effect;
use workmail_policy::{Basis, Decision};
use yew::prelude::*;

use super::basis_badge::BasisBadge;
use super::effect_badge::EffectBadge;

/// [`Verdict`]'s properties.
#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    /// The effect.
    pub effect: Effect,
    /// The effect's test hook (`acl-effect`, `imp-effect`).
    pub testid: AttrValue,
    /// Why the effect follows.
    pub reason: AttrValue,
    /// What that rests on.
    pub basis: Basis,
    /// Opens the Semantics page at a decision.
    pub onshow: Callback<Decision>,
    /// Who asked for what, as one line.
    pub children: Html,
}

/// The effect in large, with the request and the reason beside it.
#[component]
pub fn Verdict(props: &VerdictProps) -> Html {
    html! {
        <div class="verdict">
            <EffectBadge effect={props.effect} large=true testid={props.testid.clone()} />
            <div class="verdict-text">
                <p class="verdict-who">{ props.children.clone() }</p>
                <p class="verdict-reason">
                    { props.reason.clone() }{ " " }
                    <BasisBadge basis={props.basis} onshow={props.onshow.clone()} />
                </p>
            </div>
        </div>
    }
}

/// [`MatchedRules`]'s properties.
#[derive(Properties, PartialEq)]
pub struct MatchedRulesProps {
    /// The test hook of the list (`acl-matched-rules`, `imp-matched-rules`); the heading's id
    /// is derived from it.
    pub testid: AttrValue,
    /// Whether the list is empty.
    pub empty: bool,
    /// One `li` per matched rule, in AWS's order.
    pub children: Html,
}

/// The `MatchedRules` heading and list, with a note when it is empty.
#[component]
pub fn MatchedRules(props: &MatchedRulesProps) -> Html {
    let heading = format!("{}-heading", props.testid);
    html! {
        <div class="matched-block">
            <h3 id={heading.clone()}>{ "MatchedRules" }</h3>
            <ol class="matched-rules" data-testid={props.testid.clone()} aria-labelledby={heading}>
                { props.children.clone() }
            </ol>
            if props.empty {
                <p class="muted">{ "None: the list is empty." }</p>
            }
        </div>
    }
}

/// [`ResponseFigure`]'s properties.
#[derive(Properties, PartialEq)]
pub struct ResponseFigureProps {
    /// The AWS CLI command that prints it (`aws workmail get-access-control-effect`).
    pub command: AttrValue,
    /// The test hook of the printed response.
    pub testid: AttrValue,
    /// The response as JSON text.
    pub text: AttrValue,
}

/// The response, exactly as the AWS CLI prints it.
#[component]
pub fn ResponseFigure(props: &ResponseFigureProps) -> Html {
    html! {
        <figure class="response">
            <figcaption>{ "The response, as " }<code>{ props.command.clone() }</code>{ " prints it" }</figcaption>
            <pre data-testid={props.testid.clone()}><code>{ props.text.clone() }</code></pre>
        </figure>
    }
}
