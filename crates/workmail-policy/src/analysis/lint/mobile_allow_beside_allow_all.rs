//! `mobile-allow-beside-allow-all`: a conditioned ALLOW rule that an ALLOW-all rule makes moot.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::model::Effect;

pub(super) static RULE: LintRule = LintRule {
    code: "mobile-allow-beside-allow-all",
    severity: LintSeverity::Warning,
    title: "An ALLOW rule with conditions beside an ALLOW-all rule",
    what: "A mobile device access rule with effect ALLOW and at least one condition, in an \
           organization that also has an ALLOW rule without conditions (such as the default \
           rule).",
    why: "The rule without conditions allows every device that no DENY rule matches, so the \
          conditioned ALLOW rule changes no answer. The administrator guide says to remove the \
          default ALLOW-all rule when creating an allow list of devices.",
    example: r#"{"MobileDeviceAccessRules": [
  {"MobileDeviceAccessRuleId": "default", "Name": "default", "Effect": "ALLOW"},
  {"MobileDeviceAccessRuleId": "ios", "Name": "iOS only", "Effect": "ALLOW", "DeviceTypes": ["iPhone", "iPad"]}]}"#,
    fix: "Delete the ALLOW rule without conditions (or give it conditions), so that only the \
          devices the allow list names are allowed.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let allow_all = context
        .mobile_rules()
        .find(|(_, rule)| rule.effect == Effect::Allow && rule.is_unconditioned());
    let Some((all_at, all)) = allow_all else {
        return;
    };
    for (at, rule) in context.mobile_rules() {
        if rule.effect == Effect::Allow && !rule.is_unconditioned() {
            out.push(
                LintContext::finding(
                    &RULE,
                    &context.mobile_rule_path(at),
                    format!(
                        "rule {all_at} (`{}`) already allows every device, so this ALLOW rule changes nothing",
                        all.name
                    ),
                )
                .with_help("remove the ALLOW-all rule to make this rule an allow list"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn only_beside_an_unconditioned_allow() {
        let allow_list = r#"{"MobileDeviceAccessRules": [
            {"MobileDeviceAccessRuleId": "ios", "Name": "ios", "Effect": "ALLOW", "DeviceTypes": ["iPhone"]},
            {"MobileDeviceAccessRuleId": "deny", "Name": "deny", "Effect": "DENY"}]}"#;
        assert!(findings("mobile-allow-beside-allow-all", allow_list).is_empty());
        let with_default = r#"{"MobileDeviceAccessRules": [
            {"MobileDeviceAccessRuleId": "ios", "Name": "ios", "Effect": "ALLOW", "DeviceTypes": ["iPhone"]},
            {"MobileDeviceAccessRuleId": "default", "Name": "default", "Effect": "ALLOW"}]}"#;
        let paths: Vec<String> = findings("mobile-allow-beside-allow-all", with_default)
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(paths, ["MobileDeviceAccessRules[0]"]);
    }
}
