//! The access evaluators against each other: for any rules and requests, the compiled form
//! (`CompiledAccess`), the straightforward evaluator (`eval::access::decide`), the explanation,
//! and an oracle written here from the semantics (D5, D6, D8) give one answer.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use workmail_policy::compile::{CompiledAccess, MAX_COMPILED_RULES};
use workmail_policy::eval::access::{decide, explain, rule_matches};
use workmail_policy::{AccessControlRule, AccessRequest, Effect, Principal};
use workmail_policy_fuzz::spec::{RequestSpec, RuleSpec};

#[derive(Debug, Arbitrary)]
struct Input {
    rules: Vec<RuleSpec>,
    requests: Vec<RequestSpec>,
}

/// Whether every condition of `rule` holds, spelled out from the semantics: an empty list is no
/// condition; a principal list of the other kind is not matched by an inclusion and not hit by
/// an exclusion (D5); ranges are matched after masking (D8).
fn oracle_matches(rule: &AccessControlRule, request: &AccessRequest) -> bool {
    let ip = request.ip_address;
    let in_ranges = |ranges: &[workmail_policy::IpRange]| {
        ranges.iter().any(|range| range.network().contains(&ip))
    };
    let (user, role) = match &request.principal {
        Principal::UserId(id) => (Some(id.as_str()), None),
        Principal::ImpersonationRoleId(id) => (None, Some(id.as_str())),
    };
    let listed =
        |list: &[String], id: Option<&str>| id.is_some_and(|id| list.iter().any(|e| e == id));
    let include = |list: &[String], id: Option<&str>| list.is_empty() || listed(list, id);
    (rule.ip_ranges.is_empty() || in_ranges(&rule.ip_ranges))
        && !in_ranges(&rule.not_ip_ranges)
        && (rule.actions.is_empty() || rule.actions.contains(&request.action))
        && !rule.not_actions.contains(&request.action)
        && include(&rule.user_ids, user)
        && !listed(&rule.not_user_ids, user)
        && include(&rule.impersonation_role_ids, role)
        && !listed(&rule.not_impersonation_role_ids, role)
}

/// DENY wins; otherwise ALLOW when any rule matched; otherwise DENY with no rules (D6).
fn oracle_decide(rules: &[AccessControlRule], request: &AccessRequest) -> (Effect, Vec<String>) {
    let of = |effect: Effect| -> Vec<String> {
        rules
            .iter()
            .filter(|rule| rule.effect == effect && oracle_matches(rule, request))
            .map(|rule| rule.name.clone())
            .collect()
    };
    let denied = of(Effect::Deny);
    if !denied.is_empty() {
        return (Effect::Deny, denied);
    }
    let allowed = of(Effect::Allow);
    if allowed.is_empty() {
        (Effect::Deny, Vec::new())
    } else {
        (Effect::Allow, allowed)
    }
}

fuzz_target!(|input: Input| {
    // Up to 72 rules: past the 64 that compilation covers.
    let rules: Vec<AccessControlRule> = input
        .rules
        .iter()
        .take(72)
        .enumerate()
        .map(|(at, rule)| rule.rule(at, usize::MAX))
        .collect();
    let compiled = CompiledAccess::new(&rules);
    assert_eq!(compiled.is_some(), rules.len() <= MAX_COMPILED_RULES);
    if let Some(compiled) = &compiled {
        assert_eq!(compiled.rule_count(), rules.len());
    }
    for spec in input.requests.iter().take(64) {
        let request = spec.request(&rules, false);
        let answer = decide(&rules, &request);
        assert_eq!(answer, oracle_decide(&rules, &request), "{request:?}");
        for rule in &rules {
            assert_eq!(
                rule_matches(rule, &request),
                oracle_matches(rule, &request),
                "{rule:?} {request:?}"
            );
        }
        if let Some(compiled) = &compiled {
            assert_eq!(compiled.decide(&request), answer, "compiled: {request:?}");
            let matching = compiled.matching(&request);
            for (at, rule) in rules.iter().enumerate() {
                let bit = matching >> at & 1 == 1;
                assert_eq!(
                    bit,
                    rule_matches(rule, &request),
                    "compiled bit {at}: {request:?}"
                );
            }
        }
        let explained = explain(&rules, &request);
        assert_eq!(
            (explained.effect, &explained.matched_rules),
            (answer.0, &answer.1)
        );
        assert_eq!(explained.rules.len(), rules.len());
        for (rule, outcome) in rules.iter().zip(&explained.rules) {
            let matched = rule_matches(rule, &request);
            assert_eq!(outcome.matched, matched, "{rule:?}");
            assert_eq!(outcome.conditions.len(), 8);
            assert_eq!(outcome.matched, outcome.conditions.iter().all(|c| c.holds));
            assert_eq!(
                outcome.deciding,
                matched && rule.effect == answer.0,
                "{rule:?}"
            );
        }
        assert!(!explained.to_string().is_empty());
        assert!(serde_json::to_string(&explained).is_ok());
    }
});
