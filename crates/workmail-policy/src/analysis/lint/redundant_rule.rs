//! `redundant-rule`: removing a rule changes no request's effect.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::model::Effect;

pub(super) static RULE: LintRule = LintRule {
    code: "redundant-rule",
    severity: LintSeverity::Warning,
    title: "Removing this rule would change no decision",
    what: "An access control rule that matches some request, but wherever it matches the effect \
           is decided without it: another DENY rule also matches, or (for an ALLOW rule) another \
           ALLOW rule does, or (for a DENY rule) no ALLOW rule does, so the default DENY applies \
           anyway.",
    why: "Such a rule only lengthens the list and can mislead readers about what it does; its \
          author may have meant it to cover requests another rule already decides. The analysis \
          covers every address, action and principal the document names plus any other user or \
          role. `MatchedRules` may still change, the effect does not. Rules that match nothing \
          at all are reported by the more specific lints instead.",
    example: r#"{"AccessControlRules": [
  {"Name": "default", "Effect": "ALLOW"},
  {"Name": "office", "Effect": "ALLOW", "IpRanges": ["192.0.2.0/24"]}]}"#,
    fix: "Remove the rule, or change its conditions so it decides the requests it was meant \
          for. When several rules are redundant together, removing one may make another \
          necessary: remove one at a time and lint again.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    let facts = context.access();
    for (at, rule) in context.rules() {
        let matches = facts.matches_some.get(at).copied().unwrap_or(false);
        let decides = facts.decides_some.get(at).copied().unwrap_or(true);
        if !matches || decides {
            continue;
        }
        let why = match rule.effect {
            Effect::Allow => "a DENY rule or another ALLOW rule also matches",
            Effect::Deny => "another DENY rule also matches or no ALLOW rule does",
        };
        out.push(
            LintContext::finding(
                &RULE,
                &context.rule_path(at),
                format!(
                    "removing rule `{}` ({}) changes no request's effect: wherever it matches, {why}",
                    rule.name, rule.effect
                ),
            )
            .with_help("remove the rule, or narrow or widen it so that it decides what it was meant to"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn shadowed_allow_and_needless_deny() {
        let text = r#"{"AccessControlRules": [
            {"Name": "default", "Effect": "ALLOW", "IpRanges": ["10.0.0.0/8"]},
            {"Name": "inner", "Effect": "ALLOW", "IpRanges": ["10.1.0.0/16"]},
            {"Name": "outside", "Effect": "DENY", "NotIpRanges": ["10.0.0.0/8"]},
            {"Name": "imap", "Effect": "DENY", "Actions": ["IMAP"]}]}"#;
        let found = findings("redundant-rule", text);
        let paths: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        // `inner` is inside `default`; `outside` denies where nothing is allowed anyway.
        assert_eq!(paths, ["AccessControlRules[1]", "AccessControlRules[2]"]);
        assert!(found[1].1.contains("no ALLOW rule does"));
    }

    #[test]
    fn two_identical_rules_are_each_redundant() {
        let text = r#"{"AccessControlRules": [
            {"Name": "a", "Effect": "ALLOW"}, {"Name": "b", "Effect": "ALLOW"}]}"#;
        assert_eq!(findings("redundant-rule", text).len(), 2);
    }

    #[test]
    fn a_rule_that_matches_nothing_is_left_to_other_lints() {
        let text = r#"{"AccessControlRules": [
            {"Name": "default", "Effect": "ALLOW"},
            {"Name": "never", "Effect": "DENY", "Actions": ["IMAP"], "NotActions": ["IMAP"]}]}"#;
        assert!(findings("redundant-rule", text).is_empty());
    }
}
