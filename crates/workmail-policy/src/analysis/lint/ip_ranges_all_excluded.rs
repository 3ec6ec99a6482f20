//! `ip-ranges-all-excluded`: no address passes a rule's IP conditions.

use super::{LintContext, LintFinding, LintRule, LintSeverity};
use crate::analysis::space::rule_ips;

pub(super) static RULE: LintRule = LintRule {
    code: "ip-ranges-all-excluded",
    severity: LintSeverity::Warning,
    title: "Every address the rule lists is also excluded, so it never matches",
    what: "An access control rule whose `IpRanges` lie entirely within its `NotIpRanges`, or \
           whose `NotIpRanges` cover every IPv4 address.",
    why: "The source address must be in one of `IpRanges` (when present) and in none of \
          `NotIpRanges` (D5). When the exclusions cover every included address, the rule \
          matches no request.",
    example: r#"{"AccessControlRules": [
  {"Name": "default", "Effect": "ALLOW"},
  {"Name": "office", "Effect": "DENY", "IpRanges": ["192.0.2.0/25"],
   "NotIpRanges": ["192.0.2.0/24"]}]}"#,
    fix: "Narrow `NotIpRanges` to the part of `IpRanges` that should be excluded, or swap the \
          lists if the rule was meant to apply outside the ranges.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (at, rule) in context.rules() {
        if !rule_ips(rule).is_empty() {
            continue;
        }
        let message = if rule.ip_ranges.is_empty() {
            format!(
                "`NotIpRanges` of rule `{}` covers every IPv4 address, so the rule matches no request",
                rule.name
            )
        } else {
            format!(
                "every address in `IpRanges` of rule `{}` is also in `NotIpRanges`, so the rule matches no request",
                rule.name
            )
        };
        let path = context.rule_path(at).member("NotIpRanges");
        out.push(
            LintContext::finding(&RULE, &path, message)
                .with_help("narrow `NotIpRanges` so that some address of `IpRanges` remains"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn unions_are_compared_not_single_entries() {
        let text = r#"{"AccessControlRules": [
            {"Name": "some-left", "Effect": "DENY", "IpRanges": ["10.0.0.0/8"], "NotIpRanges": ["10.0.0.0/9"]},
            {"Name": "split", "Effect": "DENY", "IpRanges": ["10.0.0.0/8"], "NotIpRanges": ["10.0.0.0/9", "10.128.0.0/9"]},
            {"Name": "everything", "Effect": "DENY", "NotIpRanges": ["0.0.0.0/1", "128.0.0.0/1"]}]}"#;
        let paths: Vec<String> = findings("ip-ranges-all-excluded", text)
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(
            paths,
            [
                "AccessControlRules[1].NotIpRanges",
                "AccessControlRules[2].NotIpRanges"
            ]
        );
    }
}
