//! `mobile-rule-never-matches`: a mobile rule whose conditions exclude each other.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::eval::mobile::{is_none_token, prefix_matches};
use crate::model::{DeviceField, MobileDeviceAccessRule};

pub(super) static RULE: LintRule = LintRule {
    code: "mobile-rule-never-matches",
    severity: LintSeverity::Warning,
    title: "A mobile rule that can never match",
    what: "A mobile device access rule with both lists on one device field, where every entry \
           of the positive list starts with an entry of the `Not*` list (`DeviceOperatingSystems: \
           [\"iOS 15\"]` with `NotDeviceOperatingSystems: [\"iOS\"]`), or where the positive list \
           is only `$NONE`.",
    why: "Every value the positive list matches, the `Not*` list excludes (D28); and a `Not*` \
          condition never holds for an unreported field (D30), so `$NONE` cannot help. The rule \
          matches no device and changes no answer.",
    example: r#"{"MobileDeviceAccessRules": [
  {"MobileDeviceAccessRuleId": "r", "Name": "iOS 15", "Effect": "DENY",
   "DeviceOperatingSystems": ["iOS 15"], "NotDeviceOperatingSystems": ["iOS"]}]}"#,
    fix: "Remove the rule, or narrow the `Not*` list so that it excludes only some of the \
          values the positive list matches.",
    check,
};

/// The field on which `rule`'s two lists exclude each other, if any.
pub(crate) fn contradiction(rule: &MobileDeviceAccessRule) -> Option<DeviceField> {
    DeviceField::ALL.into_iter().find(|field| {
        let (positive, negative) = field.conditions();
        let wanted = rule.entries(positive);
        let excluded = rule.entries(negative);
        !wanted.is_empty()
            && !excluded.is_empty()
            && wanted
                .iter()
                .filter(|entry| !is_none_token(entry))
                .all(|entry| {
                    excluded
                        .iter()
                        .any(|other| !is_none_token(other) && prefix_matches(other, entry))
                })
    })
}

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (at, rule) in context.mobile_rules() {
        if let Some(field) = contradiction(rule) {
            let (positive, negative) = field.conditions();
            out.push(
                LintContext::finding(
                    &RULE,
                    &context.mobile_rule_path(at),
                    format!(
                        "`{negative}` excludes every {} that `{positive}` matches, so rule `{}` matches no device",
                        field.describe(),
                        rule.name
                    ),
                )
                .with_help("remove the rule or narrow its `Not*` list"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn exclusions_that_cover_the_inclusions() {
        let rule = |lists: &str| {
            format!(
                r#"{{"MobileDeviceAccessRules": [{{"MobileDeviceAccessRuleId": "r", "Name": "r", "Effect": "DENY", {lists}}}]}}"#
            )
        };
        let never = [
            r#""DeviceOperatingSystems": ["iOS 15"], "NotDeviceOperatingSystems": ["ios"]"#,
            r#""DeviceTypes": ["$NONE"], "NotDeviceTypes": ["$none"]"#,
            r#""DeviceTypes": ["$NONE", "iPad"], "NotDeviceTypes": ["i"]"#,
        ];
        for lists in never {
            assert_eq!(
                findings("mobile-rule-never-matches", &rule(lists)).len(),
                1,
                "{lists}"
            );
        }
        let sometimes = [
            r#""DeviceOperatingSystems": ["iOS"], "NotDeviceOperatingSystems": ["iOS 15"]"#,
            r#""DeviceTypes": ["iPhone", "iPad"], "NotDeviceTypes": ["iPad"]"#,
            r#""DeviceTypes": ["iPhone"], "NotDeviceModels": ["iPhone"]"#,
        ];
        for lists in sometimes {
            assert!(
                findings("mobile-rule-never-matches", &rule(lists)).is_empty(),
                "{lists}"
            );
        }
    }
}
