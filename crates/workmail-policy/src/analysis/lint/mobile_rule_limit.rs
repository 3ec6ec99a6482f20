//! `mobile-rule-limit`: more mobile device access rules than WorkMail holds.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::document::MAX_MOBILE_DEVICE_ACCESS_RULES;

pub(super) static RULE: LintRule = LintRule {
    code: "mobile-rule-limit",
    severity: LintSeverity::Warning,
    title: "More than 10 mobile device access rules",
    what: "An organization with more than 10 mobile device access rules, the default rule \
           included.",
    why: "The AWS model caps `ListMobileDeviceAccessRules` and `MatchedRules` at 10 with no \
          paging, so an organization holds at most 10 rules (D35, inferred). Such a document \
          loads, but `CreateMobileDeviceAccessRule` refuses an 11th rule.",
    example: r#"{"MobileDeviceAccessRules": [{"MobileDeviceAccessRuleId": "r1", "Name": "r1", "Effect": "ALLOW"}, … eleven rules …]}"#,
    fix: "Merge rules of the same effect: entries of one list are alternatives, so two rules \
          that differ in one list can often be one.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let count = context.organization().mobile_device_access_rules().len();
    if count > MAX_MOBILE_DEVICE_ACCESS_RULES {
        out.push(
            LintContext::finding(
                &RULE,
                &context.mobile_rules_path(),
                format!("{count} mobile device access rules; WorkMail holds at most {MAX_MOBILE_DEVICE_ACCESS_RULES}, the default rule included"),
            )
            .with_help("the limit is inferred from the AWS model (D35); CreateMobileDeviceAccessRule refuses an 11th rule"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn eleven_rules() {
        let rules = |count: usize| -> String {
            let list: Vec<String> = (0..count)
                .map(|i| {
                    format!(
                        r#"{{"MobileDeviceAccessRuleId": "r{i}", "Name": "r", "Effect": "ALLOW"}}"#
                    )
                })
                .collect();
            format!(r#"{{"MobileDeviceAccessRules": [{}]}}"#, list.join(","))
        };
        assert!(findings("mobile-rule-limit", &rules(10)).is_empty());
        assert_eq!(findings("mobile-rule-limit", &rules(11)).len(), 1);
    }
}
