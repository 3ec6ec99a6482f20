//! ALLOW or DENY, told by word and symbol as well as colour.

use workmail_policy::Effect;
use yew::prelude::*;

/// [`EffectBadge`]'s properties.
#[derive(Properties, PartialEq)]
pub struct EffectBadgeProps {
    /// The effect.
    pub effect: Effect,
    /// The large form, for an answer.
    #[prop_or_default]
    pub large: bool,
    /// A test hook on the element whose text is exactly `ALLOW` or `DENY`.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// An effect badge.
#[component]
pub fn EffectBadge(props: &EffectBadgeProps) -> Html {
    let (class, symbol) = match props.effect {
        Effect::Allow => ("allow", "✓"),
        Effect::Deny => ("deny", "✕"),
    };
    html! {
        <span class={classes!("effect", class, props.large.then_some("large"))}>
            <span class="effect-symbol" aria-hidden="true">{ symbol }</span>
            <span class="effect-word" data-testid={props.testid.clone()}>{ props.effect.as_str() }</span>
        </span>
    }
}
