//! `duplicate-ip-range`: the same network twice in one list.

use std::collections::BTreeMap;

use super::{LintContext, LintFinding, LintRule, LintSeverity};

pub(super) static RULE: LintRule = LintRule {
    code: "duplicate-ip-range",
    severity: LintSeverity::Info,
    title: "The same network appears twice in one list",
    what: "Two entries of the same `IpRanges` or `NotIpRanges` list that denote the same network \
           once masked (`192.0.2.0/24` and `192.0.2.9/24`).",
    why: "The second entry changes nothing but takes one of the list's 1,024 places and makes \
          the rule harder to review.",
    example: r#"{"AccessControlRules": [
  {"Name": "default", "Effect": "ALLOW",
   "IpRanges": ["192.0.2.0/24", "198.51.100.0/24", "192.0.2.0/24"]}]}"#,
    fix: "Remove the later entry, keeping the one written as the network address \
          (`192.0.2.0/24` rather than `192.0.2.9/24`).",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (at, list, ranges) in context.range_lists() {
        let mut seen = BTreeMap::new();
        for (index, range) in ranges.iter().enumerate() {
            if let Some(first) = seen.get(&range.network()) {
                let path = context.rule_path(at).member(list).index(index);
                out.push(
                    LintContext::finding(
                        &RULE,
                        &path,
                        format!(
                            "`{}` is the same network as `{list}[{first}]`",
                            range.as_str()
                        ),
                    )
                    .with_help("remove the duplicate"),
                );
            } else {
                seen.insert(range.network(), index);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn masked_duplicates_count() {
        let text = r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW",
            "NotIpRanges": ["192.0.2.0/24", "192.0.2.9/24", "192.0.2.0/25"]}]}"#;
        assert_eq!(
            findings("duplicate-ip-range", text),
            [(
                "AccessControlRules[0].NotIpRanges[1]".to_owned(),
                "`192.0.2.9/24` is the same network as `NotIpRanges[0]`".to_owned()
            )]
        );
    }
}
