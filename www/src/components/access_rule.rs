//! One access control rule's outcome, condition by condition.

use workmail_policy::eval::access::{AccessCondition, RuleExplanation};
use workmail_policy::{Basis, Decision};
use yew::prelude::*;

use super::answer_parts::{condition_item, rule_outcome};
use super::basis_badge::BasisBadge;
use super::effect_badge::EffectBadge;

/// [`AccessRule`]'s properties.
#[derive(Properties, PartialEq)]
pub struct AccessRuleProps {
    /// The rule's outcome.
    pub rule: RuleExplanation,
    /// Opens the Semantics page at a decision.
    pub onshow: Callback<Decision>,
}

/// A rule: matched or not, deciding or not, and why.
#[component]
pub fn AccessRule(props: &AccessRuleProps) -> Html {
    let rule = &props.rule;
    let onshow = &props.onshow;
    let checked: Vec<_> = rule.set_conditions().collect();
    let unconditioned: Vec<&str> = rule
        .empty_conditions()
        .into_iter()
        .map(AccessCondition::as_str)
        .collect();
    let conditions = checked.iter().map(|condition| {
        condition_item(
            condition.condition.as_str(),
            condition.holds,
            condition.describe(),
            condition.basis,
            onshow,
        )
    });
    let no_condition = if checked.is_empty() {
        html! {
            <li class="condition none">
                <span class="condition-finding">{ "No conditions: the rule matches every request." }</span>
                <BasisBadge basis={Basis::Decided(Decision::D5)} onshow={onshow.clone()} />
            </li>
        }
    } else if unconditioned.is_empty() {
        html! {}
    } else {
        html! {
            <li class="condition none">
                <span class="condition-finding">{ "Empty, so no condition: " }{ unconditioned.join(", ") }</span>
                <BasisBadge basis={Basis::Decided(Decision::D5)} onshow={onshow.clone()} />
            </li>
        }
    };
    html! {
        <li class={classes!("rule", rule.matched.then_some("matched"), rule.deciding.then_some("deciding"))}
            data-testid="acl-rule" data-rule={rule.name.clone()}>
            <div class="rule-head">
                <span class="rule-name">{ rule.name.clone() }</span>
                <EffectBadge effect={rule.effect} />
                { rule_outcome(rule.matched, rule.deciding) }
            </div>
            <ul class="conditions">
                { for conditions }
                { no_condition }
            </ul>
        </li>
    }
}
