//! An error AWS would return instead of an answer.

use workmail_policy::{ApiError, Basis, Decision};
use yew::prelude::*;

use super::basis_badge::BasisBadge;
use super::rich_text::RichText;

/// [`Refusal`]'s properties.
#[derive(Properties, PartialEq)]
pub struct RefusalProps {
    /// The error, with the decision that makes it one when there is one.
    pub error: ApiError,
    /// The test hook.
    pub testid: AttrValue,
    /// Opens the Semantics page at a decision.
    pub onshow: Callback<Decision>,
}

/// The error with its code, message and decision.
#[component]
pub fn Refusal(props: &RefusalProps) -> Html {
    html! {
        <div class="refusal" data-testid={props.testid.clone()}>
            <p class="refusal-title"><span aria-hidden="true">{ "⚠ " }</span>{ "AWS would refuse this request" }</p>
            <p class="refusal-message">
                <code class="error-code">{ props.error.code.as_str() }</code>{ ": " }
                <RichText text={props.error.message.clone()} />
            </p>
            if let Some(decision) = props.error.decision {
                <p class="refusal-basis">
                    <BasisBadge basis={Basis::Decided(decision)} onshow={props.onshow.clone()} />
                    { " " }<RichText text={decision.summary()} />
                </p>
            }
        </div>
    }
}
