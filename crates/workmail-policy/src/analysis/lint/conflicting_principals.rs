//! `conflicting-principals`: a rule lists both users and impersonation roles.

use super::{LintContext, LintFinding, LintRule, LintSeverity};

pub(super) static RULE: LintRule = LintRule {
    code: "conflicting-principals",
    severity: LintSeverity::Warning,
    title: "A rule lists both `UserIds` and `ImpersonationRoleIds`, so it never matches",
    what: "An access control rule whose `UserIds` and `ImpersonationRoleIds` are both non-empty.",
    why: "Every condition of a rule must hold (D5). A request names either a user or an \
          impersonation role, never both (D11), so one of the two lists always fails and the rule \
          matches no request at all.",
    example: r#"{"AccessControlRules": [
  {"Name": "default", "Effect": "ALLOW"},
  {"Name": "block-both", "Effect": "DENY",
   "UserIds": ["S-1-1-11-1111111111-2222222222-3333333333-3333"],
   "ImpersonationRoleIds": ["archiver"]}]}"#,
    fix: "Split the rule into two rules with the same effect and conditions: one with the \
          `UserIds`, one with the `ImpersonationRoleIds`.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (at, rule) in context.rules() {
        if !rule.user_ids.is_empty() && !rule.impersonation_role_ids.is_empty() {
            let path = context.rule_path(at).member("ImpersonationRoleIds");
            out.push(
                LintContext::finding(
                    &RULE,
                    &path,
                    format!(
                        "rule `{}` lists both `UserIds` and `ImpersonationRoleIds`, so it matches no request",
                        rule.name
                    ),
                )
                .with_help("a request names a user or a role, never both; split the rule in two"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn only_rules_with_both_lists() {
        let text = r#"{"AccessControlRules": [
            {"Name": "users", "Effect": "DENY", "UserIds": ["S-1-1-11-000000000001"]},
            {"Name": "both", "Effect": "DENY", "UserIds": ["S-1-1-11-000000000001"], "ImpersonationRoleIds": ["r"]}]}"#;
        let found = findings("conflicting-principals", text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "AccessControlRules[1].ImpersonationRoleIds");
    }
}
