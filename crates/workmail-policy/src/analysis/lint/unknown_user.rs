//! `unknown-user`: a rule names a user the directory lacks.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::shape::shorten;

pub(super) static RULE: LintRule = LintRule {
    code: "unknown-user",
    severity: LintSeverity::Warning,
    title: "A rule names a user that is not in the directory",
    what: "A `UserIds` or `NotUserIds` entry naming no user of the document's `Users` (only \
           checked when the document lists its users).",
    why: "The entry never matches a request: WorkMail refuses requests for unknown users \
          (EntityNotFoundException), and `PutAccessControlRule` would refuse the rule (D10). \
          It usually means the user was deleted or the ID was mistyped (D17).",
    example: r#"{"Users": [{"Id": "S-1-1-11-1111111111-2222222222-3333333333-3333"}],
 "AccessControlRules": [
  {"Name": "default", "Effect": "ALLOW"},
  {"Name": "jane", "Effect": "DENY", "UserIds": ["S-1-1-11-9999999999"]}]}"#,
    fix: "Remove the entry, correct the ID, or add the user to `Users` (`aws workmail \
          list-users`).",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let directory = context.organization().directory();
    if !directory.is_known() {
        return;
    }
    for (at, rule) in context.rules() {
        for (list, ids) in [
            ("UserIds", &rule.user_ids),
            ("NotUserIds", &rule.not_user_ids),
        ] {
            for (index, id) in ids.iter().enumerate() {
                if !directory.has_user_id(id) {
                    let path = context.rule_path(at).member(list).index(index);
                    out.push(
                        LintContext::finding(
                            &RULE,
                            &path,
                            format!("user `{}` is not in `Users`, so this entry never matches", shorten(id)),
                        )
                        .with_help("the user may have been deleted; remove the entry or add the user (D17)"),
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
    fn only_with_a_directory() {
        let rules = r#""AccessControlRules": [{"Name": "default", "Effect": "ALLOW", "NotUserIds": ["S-1-1-11-000000000002"]}]"#;
        assert!(findings("unknown-user", &format!("{{{rules}}}")).is_empty());
        let found = findings(
            "unknown-user",
            &format!(r#"{{"Users": [{{"Id": "S-1-1-11-000000000001"}}], {rules}}}"#),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "AccessControlRules[0].NotUserIds[0]");
    }
}
