//! `cidr-host-bits`: a range written with host bits set.

use super::{LintContext, LintFinding, LintRule, LintSeverity};

pub(super) static RULE: LintRule = LintRule {
    code: "cidr-host-bits",
    severity: LintSeverity::Warning,
    title: "A CIDR range has host bits set and is matched as its network",
    what: "An `IpRanges` or `NotIpRanges` entry whose address has bits set beyond its prefix, \
           such as `10.1.2.3/8`.",
    why: "The range is accepted and matched as its network, `10.0.0.0/8` here (D8), which is \
          far wider than the address suggests. It often means a prefix length was mistyped \
          (`/8` for `/32`).",
    example: r#"{"AccessControlRules": [
  {"Name": "default", "Effect": "ALLOW", "IpRanges": ["10.1.2.3/8"]}]}"#,
    fix: "Write the network address (`10.0.0.0/8`), or the prefix length you meant \
          (`10.1.2.3/32`).",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (at, list, ranges) in context.range_lists() {
        for (index, range) in ranges.iter().enumerate() {
            if range.has_host_bits() {
                let path = context.rule_path(at).member(list).index(index);
                out.push(
                    LintContext::finding(
                        &RULE,
                        &path,
                        format!(
                            "`{}` has host bits set and is matched as `{}`",
                            range.as_str(),
                            range.network()
                        ),
                    )
                    .with_help("write the network address so the rule says what it does (D8)"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn masked_ranges_are_reported_once_with_the_network() {
        let text = r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW",
            "IpRanges": ["10.0.0.0/8", "192.0.2.7/24"], "NotIpRanges": ["10.9.9.9/32"]}]}"#;
        assert_eq!(
            findings("cidr-host-bits", text),
            [(
                "AccessControlRules[0].IpRanges[1]".to_owned(),
                "`192.0.2.7/24` has host bits set and is matched as `192.0.2.0/24`".to_owned()
            )]
        );
    }
}
