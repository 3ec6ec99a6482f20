//! `default-rule-deleted`: the organization has no rule named `default`.

use super::{LintContext, LintFinding, LintRule, LintSeverity};

pub(super) static RULE: LintRule = LintRule {
    code: "default-rule-deleted",
    severity: LintSeverity::Info,
    title: "The default rule was deleted or renamed",
    what: "An organization whose access control rules include none named `default`.",
    why: "Every organization starts with the rule `default`, which allows every user and role \
          from anywhere (D1). Without it, any request no other rule allows is denied: that may be \
          the intent (an allow-list), or an accident that locks people out.",
    example: r#"{"AccessControlRules": [
  {"Name": "office", "Effect": "ALLOW", "IpRanges": ["192.0.2.0/24"]}]}"#,
    fix: "If the deletion was deliberate, nothing; otherwise put the rule back: `Name` \
          `default`, `Effect` ALLOW, no conditions.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    if context.rules().any(|(_, rule)| rule.name == "default") {
        return;
    }
    out.push(
        LintContext::finding(
            &RULE,
            &context.rules_path(),
            "no rule is named `default`: requests that no rule allows are denied",
        )
        .with_help(
            "restore the default rule (ALLOW, no conditions) unless the allow-list is deliberate",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn absent_rules_mean_the_default_rule() {
        assert!(findings("default-rule-deleted", "{}").is_empty());
        let found = findings("default-rule-deleted", r#"{"AccessControlRules": []}"#);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "AccessControlRules");
    }
}
