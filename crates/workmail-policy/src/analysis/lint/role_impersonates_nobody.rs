//! `role-impersonates-nobody`: a role that cannot impersonate any user.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::document::DocumentKind;

pub(super) static RULE: LintRule = LintRule {
    code: "role-impersonates-nobody",
    severity: LintSeverity::Warning,
    title: "An impersonation role can impersonate nobody",
    what: "An impersonation role whose rules allow no user (no rules, only DENY rules, or ALLOW \
           rules that name nobody who can be impersonated), or which the access control rules \
           deny EWS from every address.",
    why: "An impersonated EWS request needs the access control rules to allow the role and the \
          role's own rules to allow the target (see the impersonated EWS request). A role that \
          fails either for everyone is useless, and usually a sign that a rule is missing.",
    example: r#"{"ImpersonationRoles": [{"ImpersonationRoleId": "archiver", "Name": "Archiver",
  "Type": "READ_ONLY", "Rules": []}]}"#,
    fix: "Add an ALLOW rule to the role (with no target lists it allows every user), or allow \
          the role EWS in the access control rules.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    // `list-impersonation-roles` output has no rules; the loader says so (`role-without-rules`).
    let rules_listed = context.layout.kind != DocumentKind::ListImpersonationRoles;
    let facts = context.role_facts();
    let access = context.access();
    for ((at, role), facts) in context.roles().zip(facts) {
        let message = if rules_listed && !facts.allows_some {
            let why = if role.rules.is_empty() {
                "it has no rules"
            } else {
                "no rule allows a user that can be impersonated"
            };
            format!(
                "role `{}` can impersonate nobody: {why}",
                role.impersonation_role_id
            )
        } else if !access.role_reachable.get(at).copied().unwrap_or(true) {
            format!(
                "access control rules deny role `{}` EWS from every address, so it can impersonate nobody",
                role.impersonation_role_id
            )
        } else {
            continue;
        };
        out.push(
            LintContext::finding(&RULE, &context.role_path(at), message).with_help(
                "add an ALLOW rule to the role, or allow the role EWS in the access control rules",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn no_allowing_rule_or_no_access() {
        let role = |id: &str, rules: &str| {
            format!(
                r#"{{"ImpersonationRoleId": "{id}", "Name": "n", "Type": "READ_ONLY", "Rules": {rules}}}"#
            )
        };
        let text = format!(
            r#"{{"AccessControlRules": [{{"Name": "default", "Effect": "ALLOW"}},
                  {{"Name": "no-r3", "Effect": "DENY", "ImpersonationRoleIds": ["r3"]}}],
                "ImpersonationRoles": [{}, {}, {}, {}]}}"#,
            role("r1", "[]"),
            role("r2", r#"[{"ImpersonationRuleId": "d", "Effect": "DENY"}]"#),
            role("r3", r#"[{"ImpersonationRuleId": "a", "Effect": "ALLOW"}]"#),
            role("r4", r#"[{"ImpersonationRuleId": "a", "Effect": "ALLOW"}]"#),
        );
        let found = findings("role-impersonates-nobody", &text);
        let messages: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(
            messages,
            [
                "role `r1` can impersonate nobody: it has no rules",
                "role `r2` can impersonate nobody: no rule allows a user that can be impersonated",
                "access control rules deny role `r3` EWS from every address, so it can impersonate nobody",
            ]
        );
    }
}
