//! One impersonation rule's outcome, target list by target list.

use workmail_policy::Decision;
use workmail_policy::eval::impersonation::ImpersonationRuleExplanation;
use yew::prelude::*;

use super::answer_parts::rule_outcome;
use super::basis_badge::BasisBadge;
use super::effect_badge::EffectBadge;
use super::rich_text::RichText;

/// [`ImpersonationRule`]'s properties.
#[derive(Properties, PartialEq)]
pub struct ImpersonationRuleProps {
    /// The rule's outcome.
    pub rule: ImpersonationRuleExplanation,
    /// Opens the Semantics page at a decision.
    pub onshow: Callback<Decision>,
}

/// A rule: matched or not, deciding or not, and why.
#[component]
pub fn ImpersonationRule(props: &ImpersonationRuleProps) -> Html {
    let rule = &props.rule;
    let conditions = rule.conditions.iter().map(|condition| {
        let (class, verdict) = if condition.holds { ("holds", "holds") } else { ("fails", "fails") };
        html! {
            <li class={classes!("condition", class)}>
                <code class="condition-name">{ condition.condition.as_str() }</code>
                <span class="condition-verdict"><span aria-hidden="true">{ if condition.holds { "✓ " } else { "✗ " } }</span>{ verdict }</span>
                <span class="condition-finding"><RichText text={condition.finding.to_string()} /></span>
                <BasisBadge basis={condition.basis} onshow={props.onshow.clone()} />
            </li>
        }
    });
    html! {
        <li class={classes!("rule", rule.matched.then_some("matched"), rule.deciding.then_some("deciding"))}
            data-testid="imp-rule" data-rule={rule.impersonation_rule_id.clone()}>
            <div class="rule-head">
                <span class="rule-name">{ rule.impersonation_rule_id.clone() }</span>
                if let Some(name) = &rule.name {
                    <span class="rule-label">{ format!("“{name}”") }</span>
                }
                <EffectBadge effect={rule.effect} />
                { rule_outcome(rule.matched, rule.deciding) }
            </div>
            <ul class="conditions">{ for conditions }</ul>
        </li>
    }
}
