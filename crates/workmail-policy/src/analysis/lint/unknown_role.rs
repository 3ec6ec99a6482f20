//! `unknown-role`: a rule names an impersonation role the document lacks.

use super::{LintContext, LintFinding, LintRule, LintSeverity};

pub(super) static RULE: LintRule = LintRule {
    code: "unknown-role",
    severity: LintSeverity::Warning,
    title: "A rule names an impersonation role that does not exist",
    what: "An `ImpersonationRoleIds` or `NotImpersonationRoleIds` entry naming no role of the \
           document (only checked when the input lists its roles; a bare \
           `list-access-control-rules` output does not).",
    why: "The entry never matches: requests for unknown roles are refused \
          (ResourceNotFoundException) and `PutAccessControlRule` would refuse the rule (D10). It \
          usually means the role was deleted (D17).",
    example: r#"{"AccessControlRules": [
  {"Name": "default", "Effect": "ALLOW"},
  {"Name": "archiver", "Effect": "DENY", "ImpersonationRoleIds": ["gone"]}],
 "ImpersonationRoles": []}"#,
    fix: "Remove the entry, or add the role (`aws workmail get-impersonation-role`).",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    if !context.roles_known() {
        return;
    }
    let role_ids = context.organization().impersonation_role_ids();
    for (at, rule) in context.rules() {
        let lists = [
            ("ImpersonationRoleIds", &rule.impersonation_role_ids),
            ("NotImpersonationRoleIds", &rule.not_impersonation_role_ids),
        ];
        for (list, ids) in lists {
            for (index, id) in ids.iter().enumerate() {
                if !role_ids.contains(id.as_str()) {
                    let path = context.rule_path(at).member(list).index(index);
                    out.push(
                        LintContext::finding(
                            &RULE,
                            &path,
                            format!("impersonation role `{id}` is not in `ImpersonationRoles`, so this entry never matches"),
                        )
                        .with_help("the role may have been deleted; remove the entry or add the role (D17)"),
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
    fn only_where_roles_are_listed() {
        let rule = r#"{"Name": "default", "Effect": "ALLOW", "NotImpersonationRoleIds": ["gone"]}"#;
        assert!(findings("unknown-role", &format!(r#"{{"Rules": [{rule}]}}"#)).is_empty());
        assert!(
            findings(
                "unknown-role",
                &format!(r#"{{"AccessControlRules": [{rule}]}}"#)
            )
            .is_empty()
        );
        let found = findings(
            "unknown-role",
            &format!(r#"{{"AccessControlRules": [{rule}], "ImpersonationRoles": []}}"#),
        );
        assert_eq!(found.len(), 1);
    }
}
