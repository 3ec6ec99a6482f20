//! `mobile-redundant-entry`: an entry another entry of the same list already covers.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::eval::mobile::{is_none_token, prefix_matches};
use crate::shape;

pub(super) static RULE: LintRule = LintRule {
    code: "mobile-redundant-entry",
    severity: LintSeverity::Warning,
    title: "A device entry that a shorter entry of the same list covers",
    what: "An entry of a mobile rule's condition list that starts with another entry of the \
           same list, ignoring case (`iPhone 12` beside `iPhone`), or repeats it.",
    why: "Entries match as case-insensitive prefixes (D28): every value the longer entry \
          matches, the shorter one matches too, so the longer entry changes nothing. Often the \
          author meant the shorter entry to be more specific.",
    example: r#"{"MobileDeviceAccessRules": [
  {"MobileDeviceAccessRuleId": "apple", "Name": "apple", "Effect": "ALLOW", "DeviceTypes": ["iPhone", "iphone 12"]}]}"#,
    fix: "Remove the longer entry, or make the shorter one as specific as intended.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (at, rule) in context.mobile_rules() {
        for (condition, entries) in rule.conditions() {
            for (index, entry) in entries.iter().enumerate() {
                if is_none_token(entry) {
                    continue;
                }
                // The entry is covered by an earlier one it starts with, or by a later, shorter
                // one (an equal later entry is reported at its own place instead).
                let covering = entries.iter().enumerate().find(|(other_at, other)| {
                    *other_at != index
                        && !is_none_token(other)
                        && prefix_matches(other, entry)
                        && (*other_at < index || !prefix_matches(entry, other))
                });
                if let Some((other_at, other)) = covering {
                    out.push(
                        LintContext::finding(
                            &RULE,
                            &context
                                .mobile_rule_path(at)
                                .member(condition.as_str())
                                .index(index),
                            format!(
                                "`{}` starts with entry {other_at} (`{}`), which already matches every value it matches",
                                shape::shorten(entry),
                                shape::shorten(other)
                            ),
                        )
                        .with_help("remove this entry, or make the shorter one more specific"),
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
    fn longer_and_repeated_entries() {
        let text = r#"{"MobileDeviceAccessRules": [{"MobileDeviceAccessRuleId": "r", "Name": "r", "Effect": "DENY",
            "DeviceModels": ["iPhone10", "iphone", "Pixel", "PIXEL", "$NONE", "$none"]}]}"#;
        let paths: Vec<String> = findings("mobile-redundant-entry", text)
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(
            paths,
            [
                "MobileDeviceAccessRules[0].DeviceModels[0]",
                "MobileDeviceAccessRules[0].DeviceModels[3]"
            ]
        );
    }
}
