//! `unknown-target-user`: an impersonation rule names a user the directory lacks.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::shape::shorten;

pub(super) static RULE: LintRule = LintRule {
    code: "unknown-target-user",
    severity: LintSeverity::Warning,
    title: "An impersonation rule names a user that is not in the directory",
    what: "A `TargetUsers` or `NotTargetUsers` entry that is neither the ID, the email nor the \
           user name of a user in `Users` (only checked when the document lists its users).",
    why: "The entry never matches a target (D13, D17). In `TargetUsers` the rule then applies to \
          fewer users than it seems to; in `NotTargetUsers` a user the author meant to protect \
          may not be excluded.",
    example: r#"{"Users": [{"Id": "S-1-1-11-1111111111-2222222222-3333333333-3333", "Email": "jane@example.com"}],
 "ImpersonationRoles": [{"ImpersonationRoleId": "archiver", "Name": "Archiver", "Type": "READ_ONLY",
  "Rules": [{"ImpersonationRuleId": "all-but-ceo", "Effect": "ALLOW",
             "NotTargetUsers": ["ceo@example.com"]}]}]}"#,
    fix: "Use a user ID, email or user name from `Users`, or remove the entry.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let directory = context.organization().directory();
    if !directory.is_known() {
        return;
    }
    for (at, role) in context.roles() {
        for (index, rule) in role.rules.iter().enumerate() {
            let path = context.role_path(at).member("Rules").index(index);
            for (list, entries) in [
                ("TargetUsers", &rule.target_users),
                ("NotTargetUsers", &rule.not_target_users),
            ] {
                for (entry_at, entry) in entries.iter().enumerate() {
                    if directory.resolve(entry).is_none() {
                        out.push(
                            LintContext::finding(
                                &RULE,
                                &path.member(list).index(entry_at),
                                format!(
                                    "`{}` names no user of the directory, so it never matches",
                                    shorten(entry)
                                ),
                            )
                            .with_help("use a user ID, email or user name from `Users` (D13, D17)"),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn entries_resolve_by_id_email_or_name() {
        let text = r#"{"Users": [{"Id": "S-1-1-11-000000000001", "Email": "jane@example.com", "Name": "jane"}],
            "ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY",
              "Rules": [{"ImpersonationRuleId": "a", "Effect": "ALLOW", "TargetUsers": ["JANE", "S-1-1-11-000000000001", "bob"]}]}]}"#;
        let paths: Vec<String> = findings("unknown-target-user", text)
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(paths, ["ImpersonationRoles[0].Rules[0].TargetUsers[2]"]);
    }
}
