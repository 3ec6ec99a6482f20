//! `role-rule-without-ews`: a rule for impersonation roles whose actions exclude EWS.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::analysis::space::action_holds;
use crate::model::Action;

pub(super) static RULE: LintRule = LintRule {
    code: "role-rule-without-ews",
    severity: LintSeverity::Warning,
    title: "A rule for impersonation roles excludes EWS, so it never matches",
    what: "An access control rule with `ImpersonationRoleIds` whose `Actions` leave out `EWS`, or \
           whose `NotActions` list it.",
    why: "An impersonation role can only use EWS: `GetAccessControlEffect` refuses a role with \
          any other action (D11). A rule that names roles but not the EWS action therefore \
          matches no request.",
    example: r#"{"AccessControlRules": [
  {"Name": "default", "Effect": "ALLOW"},
  {"Name": "archiver-imap", "Effect": "DENY", "Actions": ["IMAP"],
   "ImpersonationRoleIds": ["archiver"]}]}"#,
    fix: "Add `EWS` to `Actions` (or remove it from `NotActions`), or drop the action \
          conditions: for a role they can only ever be about EWS.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (at, rule) in context.rules() {
        // Rules listing users as well are `conflicting-principals`.
        if rule.impersonation_role_ids.is_empty()
            || !rule.user_ids.is_empty()
            || action_holds(rule, Action::Ews)
        {
            continue;
        }
        let list = if rule.not_actions.contains(&Action::Ews) {
            "NotActions"
        } else {
            "Actions"
        };
        let path = context.rule_path(at).member(list);
        out.push(
            LintContext::finding(
                &RULE,
                &path,
                format!(
                    "rule `{}` applies to impersonation roles, but its `{list}` exclude `EWS`, the only action a role can use, so it matches no request",
                    rule.name
                ),
            )
            .with_help("add `EWS` to `Actions` or remove it from `NotActions`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn actions_without_ews_or_not_actions_with_it() {
        let text = r#"{"AccessControlRules": [
            {"Name": "ok", "Effect": "DENY", "Actions": ["EWS", "IMAP"], "ImpersonationRoleIds": ["r"]},
            {"Name": "imap", "Effect": "DENY", "Actions": ["IMAP"], "ImpersonationRoleIds": ["r"]},
            {"Name": "not-ews", "Effect": "DENY", "NotActions": ["EWS"], "ImpersonationRoleIds": ["r"]}]}"#;
        let paths: Vec<String> = findings("role-rule-without-ews", text)
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(
            paths,
            [
                "AccessControlRules[1].Actions",
                "AccessControlRules[2].NotActions"
            ]
        );
    }
}
