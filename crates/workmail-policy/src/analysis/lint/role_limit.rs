//! `role-limit`: more impersonation roles than WorkMail holds.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::api::MAX_IMPERSONATION_ROLES;

pub(super) static RULE: LintRule = LintRule {
    code: "role-limit",
    severity: LintSeverity::Warning,
    title: "More than 20 impersonation roles",
    what: "An organization with more than 20 impersonation roles.",
    why: "The AWS model caps a page of roles at 20, which suggests an organization holds at most \
          20 (D15, inferred and uncertain). Such a document loads (D20), but \
          `CreateImpersonationRole` refuses a 21st role with LimitExceededException.",
    example: r#"{"ImpersonationRoles": [ … twenty-one roles … ]}"#,
    fix: "Merge roles with the same type whose rules can be combined, or delete unused roles.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let count = context.organization().impersonation_roles().len();
    if count > MAX_IMPERSONATION_ROLES {
        out.push(
            LintContext::finding(
                &RULE,
                &context.roles_path().index(0),
                format!("{count} impersonation roles; WorkMail holds at most {MAX_IMPERSONATION_ROLES}"),
            )
            .with_help("the limit is inferred from the AWS model (D15); CreateImpersonationRole refuses a 21st role"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn twenty_one_roles() {
        let roles = |count: usize| -> String {
            let roles: Vec<String> = (0..count)
                .map(|i| format!(r#"{{"ImpersonationRoleId": "r{i}", "Name": "n", "Type": "READ_ONLY", "Rules": [{{"ImpersonationRuleId": "a", "Effect": "ALLOW"}}]}}"#))
                .collect();
            format!(r#"{{"ImpersonationRoles": [{}]}}"#, roles.join(","))
        };
        assert!(findings("role-limit", &roles(20)).is_empty());
        let found = findings("role-limit", &roles(21));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "ImpersonationRoles[0]");
    }
}
