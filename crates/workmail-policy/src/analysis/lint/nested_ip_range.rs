//! `nested-ip-range`: a range inside a wider range of the same list.

use std::collections::BTreeMap;

use ipnet::Ipv4Net;

use super::{LintContext, LintFinding, LintRule, LintSeverity};

pub(super) static RULE: LintRule = LintRule {
    code: "nested-ip-range",
    severity: LintSeverity::Info,
    title: "A range lies inside a wider range of the same list",
    what: "An `IpRanges` or `NotIpRanges` entry contained in another, wider entry of the same \
           list (`10.1.0.0/16` next to `10.0.0.0/8`).",
    why: "Within one list an address needs to be in only one entry, so the narrower entry \
          changes nothing. It may be a leftover from before the wider range was added, or the \
          wider range may be a mistake.",
    example: r#"{"AccessControlRules": [
  {"Name": "default", "Effect": "ALLOW", "IpRanges": ["10.0.0.0/8", "10.1.0.0/16"]}]}"#,
    fix: "Remove the narrower entry, or narrow the wider one if it covers more than intended.",
    check,
};

fn check(context: &LintContext<'_>, out: &mut Vec<LintFinding>) {
    for (at, list, ranges) in context.range_lists() {
        let mut first_of: BTreeMap<Ipv4Net, usize> = BTreeMap::new();
        for (index, range) in ranges.iter().enumerate() {
            first_of.entry(range.network()).or_insert(index);
        }
        for (index, range) in ranges.iter().enumerate() {
            let net = range.network();
            // The widest strictly larger network of the list that contains this one.
            let outer = (0..net.prefix_len()).find_map(|prefix| {
                let wider = Ipv4Net::new(net.network(), prefix).ok()?.trunc();
                first_of.get(&wider).copied()
            });
            if let Some(outer) = outer {
                let outer_text = ranges.get(outer).map_or("", |r| r.as_str());
                let path = context.rule_path(at).member(list).index(index);
                out.push(
                        LintContext::finding(
                            &RULE,
                            &path,
                            format!(
                                "`{}` lies inside `{outer_text}` (`{list}[{outer}]`), so it adds nothing",
                                range.as_str()
                            ),
                        )
                        .with_help("remove the narrower entry"),
                    );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::findings;

    #[test]
    fn inner_ranges_in_either_order() {
        let text = r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW",
            "IpRanges": ["10.1.2.0/24", "10.0.0.0/8", "192.0.2.0/24", "10.1.0.0/16"]}]}"#;
        let found = findings("nested-ip-range", text);
        let paths: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            paths,
            [
                "AccessControlRules[0].IpRanges[0]",
                "AccessControlRules[0].IpRanges[3]"
            ]
        );
        assert_eq!(
            found[0].1,
            "`10.1.2.0/24` lies inside `10.0.0.0/8` (`IpRanges[1]`), so it adds nothing"
        );
    }
}
