//! `mobile-duplicate-rule-name`: two mobile rules with one name.

use super::{LintContext, LintFinding, LintRule, LintSeverity};

pub(super) static RULE: LintRule = LintRule {
    code: "mobile-duplicate-rule-name",
    severity: LintSeverity::Warning,
    title: "Two mobile device access rules share a name",
    what: "A mobile device access rule whose `Name` an earlier rule already has.",
    why: "Mobile rules are addressed by their ID and names need not be unique (D34), but \
          `MatchedRules`, the console and people name rules by their name: two rules with one \
          name make an answer ambiguous to read.",
    example: r#"{"MobileDeviceAccessRules": [
  {"MobileDeviceAccessRuleId": "a", "Name": "iOS", "Effect": "ALLOW", "DeviceTypes": ["iPhone"]},
  {"MobileDeviceAccessRuleId": "b", "Name": "iOS", "Effect": "DENY", "DeviceOperatingSystems": ["iOS 12"]}]}"#,
    fix: "Rename one of the rules.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let rules: Vec<_> = context.mobile_rules().collect();
    for (index, (at, rule)) in rules.iter().enumerate() {
        let earlier = rules
            .iter()
            .take(index)
            .find(|(_, other)| other.name == rule.name);
        if let Some((first, _)) = earlier {
            out.push(
                LintContext::finding(
                    &RULE,
                    &context.mobile_rule_path(*at).member("Name"),
                    format!("rule {first} is also named `{}`", rule.name),
                )
                .with_help("give each rule its own name"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn the_later_rule_is_reported() {
        let text = r#"{"MobileDeviceAccessRules": [
            {"MobileDeviceAccessRuleId": "a", "Name": "x", "Effect": "ALLOW"},
            {"MobileDeviceAccessRuleId": "b", "Name": "y", "Effect": "ALLOW"},
            {"MobileDeviceAccessRuleId": "c", "Name": "x", "Effect": "DENY"}]}"#;
        let paths: Vec<String> = findings("mobile-duplicate-rule-name", text)
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(paths, ["MobileDeviceAccessRules[2].Name"]);
    }
}
