//! `actions-all-excluded`: no action passes a rule's action conditions.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::analysis::space::action_holds;
use crate::model::Action;

pub(super) static RULE: LintRule = LintRule {
    code: "actions-all-excluded",
    severity: LintSeverity::Warning,
    title: "Every action the rule lists is also excluded, so it never matches",
    what: "An access control rule whose `Actions` all appear in its `NotActions`, or whose \
           `NotActions` list all seven actions.",
    why: "An action must be in `Actions` (when present) and not in `NotActions` (D5). When no \
          action can satisfy both, the rule matches no request, which is rarely what its author \
          meant.",
    example: r#"{"AccessControlRules": [
  {"Name": "default", "Effect": "ALLOW"},
  {"Name": "imap", "Effect": "DENY", "Actions": ["IMAP"], "NotActions": ["IMAP", "SMTP"]}]}"#,
    fix: "Remove the actions you want the rule to apply to from `NotActions`, or use only one \
          of the two lists.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (at, rule) in context.rules() {
        if Action::ALL
            .into_iter()
            .any(|action| action_holds(rule, action))
        {
            continue;
        }
        let message = if rule.actions.is_empty() {
            format!(
                "`NotActions` of rule `{}` lists all seven actions, so the rule matches no request",
                rule.name
            )
        } else {
            format!(
                "every action in `Actions` of rule `{}` is also in `NotActions`, so the rule matches no request",
                rule.name
            )
        };
        let path = context.rule_path(at).member("NotActions");
        out.push(
            LintContext::finding(&RULE, &path, message)
                .with_help("remove from `NotActions` the actions the rule should apply to"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn overlapping_lists_and_full_exclusion() {
        let text = r#"{"AccessControlRules": [
            {"Name": "partial", "Effect": "DENY", "Actions": ["IMAP", "SMTP"], "NotActions": ["IMAP"]},
            {"Name": "inside", "Effect": "DENY", "Actions": ["IMAP"], "NotActions": ["IMAP", "SMTP"]},
            {"Name": "all", "Effect": "DENY", "NotActions": ["ActiveSync", "AutoDiscover", "EWS", "IMAP", "SMTP", "WindowsOutlook", "WebMail"]}]}"#;
        let found = findings("actions-all-excluded", text);
        let paths: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            paths,
            [
                "AccessControlRules[1].NotActions",
                "AccessControlRules[2].NotActions"
            ]
        );
        assert!(found[1].1.contains("all seven actions"));
    }
}
