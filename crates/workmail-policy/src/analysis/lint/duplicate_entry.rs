//! `duplicate-entry`: the same action, user, role or target twice in one list.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::directory::same_identifier_text;
use crate::shape::Path;

pub(super) static RULE: LintRule = LintRule {
    code: "duplicate-entry",
    severity: LintSeverity::Info,
    title: "The same entry appears twice in one list",
    what: "An action, user ID or role ID listed twice in one condition list of an access control \
           rule, or one user named twice in `TargetUsers` or `NotTargetUsers` of an impersonation \
           rule (by the same or another identifier, such as an ID and an email).",
    why: "The second entry changes nothing, takes one of the list's ten places, and hides what \
          the author may have meant to list instead.",
    example: r#"{"AccessControlRules": [
  {"Name": "default", "Effect": "ALLOW", "Actions": ["IMAP", "SMTP", "IMAP"]}]}"#,
    fix: "Remove the later entry.",
    check,
};

fn report<T: PartialEq>(
    list: &[T],
    path: &Path,
    same: impl Fn(&T, &T) -> bool,
    show: impl Fn(&T) -> String,
    out: &mut Vec<LintFinding>,
) {
    for (index, entry) in list.iter().enumerate() {
        if let Some(first) = list
            .iter()
            .take(index)
            .position(|earlier| same(earlier, entry))
        {
            out.push(
                LintContext::finding(
                    &RULE,
                    &path.index(index),
                    format!("`{}` repeats entry {first} of this list", show(entry)),
                )
                .with_help("remove the duplicate"),
            );
        }
    }
}

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (at, rule) in context.rules() {
        let path = context.rule_path(at);
        for (name, actions) in [
            ("Actions", &rule.actions),
            ("NotActions", &rule.not_actions),
        ] {
            report(
                actions,
                &path.member(name),
                |a, b| a == b,
                |a| a.to_string(),
                out,
            );
        }
        let ids = [
            ("UserIds", &rule.user_ids),
            ("NotUserIds", &rule.not_user_ids),
            ("ImpersonationRoleIds", &rule.impersonation_role_ids),
            ("NotImpersonationRoleIds", &rule.not_impersonation_role_ids),
        ];
        for (name, list) in ids {
            report(list, &path.member(name), |a, b| a == b, Clone::clone, out);
        }
    }
    let directory = context.organization().directory();
    let same_user = |a: &String, b: &String| {
        if directory.is_known() {
            match (directory.resolve(a), directory.resolve(b)) {
                (Some(a), Some(b)) => a.index == b.index,
                _ => a == b,
            }
        } else {
            same_identifier_text(a, b)
        }
    };
    for (at, role) in context.roles() {
        for (index, rule) in role.rules.iter().enumerate() {
            let path = context.role_path(at).member("Rules").index(index);
            for (name, list) in [
                ("TargetUsers", &rule.target_users),
                ("NotTargetUsers", &rule.not_target_users),
            ] {
                report(list, &path.member(name), same_user, Clone::clone, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn actions_ids_and_targets_resolved_alike() {
        let text = r#"{"Users": [{"Id": "S-1-1-11-000000000001", "Email": "jane@example.com", "Name": "jane"}],
            "AccessControlRules": [{"Name": "default", "Effect": "ALLOW", "NotUserIds": ["S-1-1-11-000000000001", "S-1-1-11-000000000001"]}],
            "ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY",
              "Rules": [{"ImpersonationRuleId": "a", "Effect": "ALLOW", "TargetUsers": ["jane", "JANE@example.com"]}]}]}"#;
        let paths: Vec<String> = findings("duplicate-entry", text)
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(
            paths,
            [
                "AccessControlRules[0].NotUserIds[1]",
                "ImpersonationRoles[0].Rules[0].TargetUsers[1]"
            ]
        );
    }

    #[test]
    fn names_the_directory_lacks_are_compared_as_written() {
        let text = r#"{"Users": [{"Id": "S-1-1-11-000000000001", "Email": "jane@example.com"}],
            "ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY",
              "Rules": [{"ImpersonationRuleId": "a", "Effect": "ALLOW",
                "TargetUsers": ["ghost@example.com", "jane@example.com", "ghost@example.com", "other@example.com"]}]}]}"#;
        assert_eq!(
            findings("duplicate-entry", text),
            [(
                "ImpersonationRoles[0].Rules[0].TargetUsers[2]".to_owned(),
                "`ghost@example.com` repeats entry 0 of this list".to_owned()
            )]
        );
    }
}
