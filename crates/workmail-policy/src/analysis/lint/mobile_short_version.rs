//! `mobile-short-version`: a version entry that also matches later versions.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::model::MobileCondition;
use crate::shape;

pub(super) static RULE: LintRule = LintRule {
    code: "mobile-short-version",
    severity: LintSeverity::Warning,
    title: "A version entry that also matches longer version numbers",
    what: "An entry of an operating system or user agent list that ends in a digit, such as \
           `iOS 1` or `Android 8`.",
    why: "Entries are plain prefixes, not versions (D28): `iOS 1` matches `iOS 17.2`, and \
          `Android 8` matches `Android 80`. A rule meant for one version then matches others.",
    example: r#"{"MobileDeviceAccessRules": [
  {"MobileDeviceAccessRuleId": "old", "Name": "old iOS", "Effect": "DENY", "DeviceOperatingSystems": ["iOS 1"]}]}"#,
    fix: "End the entry where the version ends: `iOS 14.` for every 14.x release, `iOS 14 ` \
          (with the space) for the release reported as `iOS 14 …`, or list the versions meant.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let versioned = [
        MobileCondition::DeviceOperatingSystems,
        MobileCondition::NotDeviceOperatingSystems,
        MobileCondition::DeviceUserAgents,
        MobileCondition::NotDeviceUserAgents,
    ];
    for (at, rule) in context.mobile_rules() {
        for condition in versioned {
            for (index, entry) in rule.entries(condition).iter().enumerate() {
                if entry.chars().last().is_some_and(|c| c.is_ascii_digit()) {
                    out.push(
                        LintContext::finding(
                            &RULE,
                            &context
                                .mobile_rule_path(at)
                                .member(condition.as_str())
                                .index(index),
                            format!(
                                "`{0}` ends in a digit, so it also matches `{0}0`, `{0}9.1` and every longer number",
                                shape::shorten(entry)
                            ),
                        )
                        .with_help("end the entry with `.` or a space where the version ends"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn entries_ending_in_a_digit() {
        let text = r#"{"MobileDeviceAccessRules": [{"MobileDeviceAccessRuleId": "r", "Name": "r", "Effect": "DENY",
            "DeviceOperatingSystems": ["iOS 14.", "iOS 1"], "DeviceModels": ["iPhone10"]}]}"#;
        let paths: Vec<String> = findings("mobile-short-version", text)
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(
            paths,
            ["MobileDeviceAccessRules[0].DeviceOperatingSystems[1]"]
        );
    }
}
