//! `rule-limit`: more access control rules than WorkMail holds.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::api::MAX_ACCESS_CONTROL_RULES;

pub(super) static RULE: LintRule = LintRule {
    code: "rule-limit",
    severity: LintSeverity::Warning,
    title: "More than 10 access control rules",
    what: "An organization with more than 10 access control rules, the default rule included.",
    why: "The AWS model caps the rule list at 10 and offers no paging, so an organization holds \
          at most 10 rules (D9, inferred). Such a document loads (D20), but \
          `PutAccessControlRule` refuses an 11th rule with LimitExceededException, so it cannot \
          be the state of a real organization.",
    example: r#"{"AccessControlRules": [{"Name": "r1", "Effect": "ALLOW"}, … eleven rules …]}"#,
    fix: "Merge rules with the same effect whose conditions can be combined, or remove rules \
          the `redundant-rule` lint reports.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let count = context.organization().access_control_rules().len();
    if count > MAX_ACCESS_CONTROL_RULES {
        out.push(
            LintContext::finding(
                &RULE,
                &context.rules_path(),
                format!("{count} access control rules; WorkMail holds at most {MAX_ACCESS_CONTROL_RULES}, the default rule included"),
            )
            .with_help("the limit is inferred from the AWS model (D9); PutAccessControlRule refuses an 11th rule"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn eleven_rules() {
        let rules = |count: usize| -> String {
            let list: Vec<String> = (0..count)
                .map(|i| format!(r#"{{"Name": "r{i}", "Effect": "ALLOW"}}"#))
                .collect();
            format!(r#"{{"AccessControlRules": [{}]}}"#, list.join(","))
        };
        assert!(findings("rule-limit", &rules(10)).is_empty());
        assert_eq!(findings("rule-limit", &rules(11)).len(), 1);
    }
}
