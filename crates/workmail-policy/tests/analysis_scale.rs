//! The analysis features on the largest organization WorkMail allows: 10 rules, each with 1,024
//! `IpRanges`, 1,024 `NotIpRanges` and full action, user and role lists. The answers are checked
//! against direct evaluation on sampled requests; the time taken is printed for information and
//! never asserted (speed is measured, not tested).

use std::net::Ipv4Addr;
use std::time::Instant;

use serde_json::{Value, json};
use workmail_policy::analysis::{
    DiffOptions, PolicyRequest, access_table, diff, lint, what_would_change,
};
use workmail_policy::eval::access::decide;
use workmail_policy::{
    AccessRequest, Action, GetAccessControlEffectRequest, Organization, Principal,
};

/// SplitMix64: deterministic data without a dependency.
struct Numbers(u64);

impl Numbers {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

fn cidr(numbers: &mut Numbers) -> String {
    let address = Ipv4Addr::from(u32::try_from(numbers.next() >> 32).unwrap_or(0));
    let prefix = 8 + numbers.below(25);
    format!("{address}/{prefix}")
}

fn ids(prefix: &str, numbers: &mut Numbers) -> Vec<String> {
    (0..10)
        .map(|_| format!("{prefix}{:010}", numbers.below(40)))
        .collect()
}

fn largest_document(seed: u64) -> Value {
    let mut numbers = Numbers(seed);
    let rules: Vec<Value> = (0..10)
        .map(|at| {
            let actions: Vec<&str> = Action::ALL
                .iter()
                .filter(|_| numbers.below(2) == 0)
                .map(|action| action.as_str())
                .collect();
            let not_actions: Vec<&str> = Action::ALL
                .iter()
                .filter(|_| numbers.below(4) == 0)
                .map(|action| action.as_str())
                .collect();
            let mut rule = json!({
                "Name": format!("rule-{at}"),
                "Effect": if at % 3 == 0 { "DENY" } else { "ALLOW" },
                "IpRanges": (0..1024).map(|_| cidr(&mut numbers)).collect::<Vec<_>>(),
                "NotIpRanges": (0..1024).map(|_| cidr(&mut numbers)).collect::<Vec<_>>(),
                "Actions": actions,
                "NotActions": not_actions,
                "NotUserIds": ids("S-1-1-11-", &mut numbers),
                "NotImpersonationRoleIds": ids("role-", &mut numbers),
            });
            // Half the rules name users, half roles, so that every rule can match something.
            let (list, prefix) = if at % 2 == 0 {
                ("UserIds", "S-1-1-11-")
            } else {
                ("ImpersonationRoleIds", "role-")
            };
            if let Some(object) = rule.as_object_mut() {
                object.insert(list.to_owned(), json!(ids(prefix, &mut numbers)));
            }
            rule
        })
        .collect();
    json!({"AccessControlRules": rules})
}

#[expect(clippy::panic, reason = "the generated document must load")]
fn load(document: &Value) -> Organization {
    match Organization::from_json(&document.to_string()) {
        Ok(loaded) => loaded.organization,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn the_largest_organization_is_analysed_exactly() {
    let org = load(&largest_document(7));
    let started = Instant::now();
    let table = access_table(&org);
    let elapsed = started.elapsed();
    println!("decision table: {} rows in {elapsed:?}", table.rows.len());

    let mut numbers = Numbers(99);
    for _ in 0..2_000 {
        let address = Ipv4Addr::from(u32::try_from(numbers.next() >> 32).unwrap_or(0));
        let who = numbers.below(50);
        let principal = if who.is_multiple_of(2) {
            Principal::UserId(format!("S-1-1-11-{who:010}"))
        } else {
            Principal::ImpersonationRoleId(format!("role-{who:010}"))
        };
        let action = match principal {
            Principal::UserId(_) => {
                let at = usize::try_from(numbers.below(7)).unwrap_or(0);
                Action::ALL[at]
            }
            Principal::ImpersonationRoleId(_) => Action::Ews,
        };
        let request = AccessRequest {
            ip_address: address,
            action,
            principal,
        };
        let row = table.row_for(&request);
        assert!(row.is_some(), "{request:?} is in no row");
        let row = row.map(|row| (row.effect, row.matched_rules.clone()));
        assert_eq!(
            row,
            Some(decide(org.access_control_rules(), &request)),
            "{request:?}"
        );
    }

    let other = load(&largest_document(8));
    let started = Instant::now();
    let changes = diff(&org, &other, &DiffOptions::default());
    println!(
        "diff: {} changed classes in {:?}",
        changes.access_control.len(),
        started.elapsed()
    );
    assert!(!changes.is_empty());

    let started = Instant::now();
    let question = PolicyRequest::GetAccessControlEffect(GetAccessControlEffectRequest {
        organization_id: None,
        ip_address: "10.20.30.40".into(),
        action: "EWS".into(),
        user_id: Some("S-1-1-11-0000000004".into()),
        impersonation_role_id: None,
    });
    let changes = what_would_change(&org, &question);
    println!(
        "what would change: {} suggestions in {:?}",
        changes.as_ref().map_or(0, |c| c.suggestions.len()),
        started.elapsed()
    );
    assert!(changes.is_ok());

    let started = Instant::now();
    let report = lint(&org);
    println!(
        "lint: {} findings in {:?}",
        report.findings.len(),
        started.elapsed()
    );
}
