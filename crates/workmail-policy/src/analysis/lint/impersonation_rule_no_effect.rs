//! `impersonation-rule-no-effect`: removing an impersonation rule changes no target's effect.

use super::{LintContext, LintFinding, LintRule, LintSeverity};

pub(super) static RULE: LintRule = LintRule {
    code: "impersonation-rule-no-effect",
    severity: LintSeverity::Warning,
    title: "An impersonation rule changes nothing",
    what: "An impersonation rule that applies to no user the role can be asked about, or whose \
           removal changes no user's effect: another DENY rule covers the same users, another \
           ALLOW rule does (for an ALLOW rule), or no ALLOW rule does (for a DENY rule).",
    why: "Such a rule misleads readers of the role. With a directory every user is checked; \
          without one, every identifier the role names and any other user.",
    example: r#"{"ImpersonationRoles": [{"ImpersonationRoleId": "archiver", "Name": "Archiver",
  "Type": "READ_ONLY", "Rules": [
    {"ImpersonationRuleId": "all", "Effect": "ALLOW"},
    {"ImpersonationRuleId": "jane", "Effect": "ALLOW", "TargetUsers": ["jane@example.com"]}]}]}"#,
    fix: "Remove the rule, or change its target lists so it decides something.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let facts = context.role_facts();
    for ((at, role), facts) in context.roles().zip(facts) {
        for (index, rule) in role.rules.iter().enumerate() {
            let matches = facts.matches_some.get(index).copied().unwrap_or(true);
            let decides = facts.decides_some.get(index).copied().unwrap_or(true);
            let message = if !matches {
                format!(
                    "rule `{}` of role `{}` applies to no user that can be impersonated",
                    rule.impersonation_rule_id, role.impersonation_role_id
                )
            } else if !decides {
                format!(
                    "removing rule `{}` of role `{}` changes no user's effect",
                    rule.impersonation_rule_id, role.impersonation_role_id
                )
            } else {
                continue;
            };
            let path = context.role_path(at).member("Rules").index(index);
            out.push(
                LintContext::finding(&RULE, &path, message).with_help(
                    "remove the rule, or change its target lists so it decides something",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn shadowed_and_empty_rules() {
        let text = r#"{"ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "Rules": [
            {"ImpersonationRuleId": "all", "Effect": "ALLOW", "NotTargetUsers": ["ceo"]},
            {"ImpersonationRuleId": "jane", "Effect": "ALLOW", "TargetUsers": ["jane"]},
            {"ImpersonationRuleId": "nobody", "Effect": "DENY", "TargetUsers": ["bob"], "NotTargetUsers": ["bob"]},
            {"ImpersonationRuleId": "ceo", "Effect": "DENY", "TargetUsers": ["ceo"]}]}]}"#;
        let found = findings("impersonation-rule-no-effect", text);
        let paths: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        // `jane` is covered by `all`; `nobody` applies to nobody; `ceo` denies where nothing
        // allows.
        assert_eq!(
            paths,
            [
                "ImpersonationRoles[0].Rules[1]",
                "ImpersonationRoles[0].Rules[2]",
                "ImpersonationRoles[0].Rules[3]"
            ]
        );
        assert!(found[1].1.contains("applies to no user"));
    }
}
