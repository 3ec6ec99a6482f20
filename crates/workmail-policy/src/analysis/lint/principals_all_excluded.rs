//! `principals-all-excluded`: every listed user (or role) is also excluded.

use super::{LintContext, LintFinding, LintRule, LintSeverity};

pub(super) static RULE: LintRule = LintRule {
    code: "principals-all-excluded",
    severity: LintSeverity::Warning,
    title: "Every user or role the rule lists is also excluded, so it never matches",
    what: "An access control rule whose `UserIds` all appear in its `NotUserIds`, or whose \
           `ImpersonationRoleIds` all appear in its `NotImpersonationRoleIds`.",
    why: "A listed principal must not also be excluded (D5). When every listed one is, no user \
          (or role) can satisfy both lists and the rule matches no request.",
    example: r#"{"AccessControlRules": [
  {"Name": "default", "Effect": "ALLOW"},
  {"Name": "jane", "Effect": "DENY",
   "UserIds": ["S-1-1-11-1111111111-2222222222-3333333333-3333"],
   "NotUserIds": ["S-1-1-11-1111111111-2222222222-3333333333-3333"]}]}"#,
    fix: "Remove the users or roles the rule should apply to from the exclusion list.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (at, rule) in context.rules() {
        let lists = [
            ("UserIds", "NotUserIds", &rule.user_ids, &rule.not_user_ids),
            (
                "ImpersonationRoleIds",
                "NotImpersonationRoleIds",
                &rule.impersonation_role_ids,
                &rule.not_impersonation_role_ids,
            ),
        ];
        for (include, exclude, listed, excluded) in lists {
            if !listed.is_empty() && listed.iter().all(|id| excluded.contains(id)) {
                let path = context.rule_path(at).member(exclude);
                out.push(
                    LintContext::finding(
                        &RULE,
                        &path,
                        format!(
                            "every entry of `{include}` of rule `{}` is also in `{exclude}`, so the rule matches no request",
                            rule.name
                        ),
                    )
                    .with_help(format!("remove from `{exclude}` the entries the rule should apply to")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn users_and_roles() {
        let text = r#"{"AccessControlRules": [
            {"Name": "one-left", "Effect": "DENY", "UserIds": ["S-1-1-11-000000000001", "S-1-1-11-000000000002"], "NotUserIds": ["S-1-1-11-000000000001"]},
            {"Name": "roles", "Effect": "DENY", "ImpersonationRoleIds": ["r"], "NotImpersonationRoleIds": ["r", "s"]}]}"#;
        let paths: Vec<String> = findings("principals-all-excluded", text)
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(paths, ["AccessControlRules[1].NotImpersonationRoleIds"]);
    }
}
