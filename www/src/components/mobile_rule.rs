//! One mobile device access rule's outcome, condition by condition.

use workmail_policy::eval::mobile::MobileRuleExplanation;
use workmail_policy::{Basis, Decision, Source};
use yew::prelude::*;

use super::answer_parts::{condition_item, rule_outcome};
use super::basis_badge::BasisBadge;
use super::effect_badge::EffectBadge;

/// [`MobileRule`]'s properties.
#[derive(Properties, PartialEq)]
pub struct MobileRuleProps {
    /// The rule's outcome.
    pub rule: MobileRuleExplanation,
    /// Opens the Semantics page at a decision.
    pub onshow: Callback<Decision>,
}

/// A rule: matched or not, deciding or not, and why.
#[component]
pub fn MobileRule(props: &MobileRuleProps) -> Html {
    let rule = &props.rule;
    let onshow = &props.onshow;
    let checked: Vec<_> = rule.set_conditions().collect();
    let conditions = checked.iter().map(|condition| {
        condition_item(
            condition.condition.as_str(),
            condition.holds,
            condition.finding.to_string(),
            condition.basis,
            onshow,
        )
    });
    let no_condition = checked.is_empty().then(|| {
        html! {
            <li class="condition none">
                <span class="condition-finding">{ "No conditions: the rule matches every device." }</span>
                <BasisBadge basis={Basis::Documented(Source::MobileAccessRulesGuide)} onshow={onshow.clone()} />
            </li>
        }
    });
    html! {
        <li class={classes!("rule", rule.matched.then_some("matched"), rule.deciding.then_some("deciding"))}
            data-testid="mobile-rule" data-rule={rule.mobile_device_access_rule_id.clone()}>
            <div class="rule-head">
                <span class="rule-name">{ rule.name.clone() }</span>
                <code class="muted">{ rule.mobile_device_access_rule_id.clone() }</code>
                <EffectBadge effect={rule.effect} />
                { rule_outcome(rule.matched, rule.deciding) }
            </div>
            <ul class="conditions">
                { for conditions }
                { for no_condition }
            </ul>
        </li>
    }
}
