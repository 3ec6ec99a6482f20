//! Evaluation speed: straightforward vs compiled, on a small document and on the largest legal
//! organization (10 rules, each with 1,024 `IpRanges`, 1,024 `NotIpRanges` and full action, user and
//! role lists), plus loading, explaining, one call through JSON and a batch of them, and the
//! guarantees: a property over every request of a set, a version gate, a property's coverage;
//! and the whole-policy analyses on a directory of 100,000 users.

use std::hint::black_box;
use std::net::Ipv4Addr;

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use workmail_policy::analysis::{
    DiffOptions, Guarantee, TestSuite, check_change, check_property_of, coverage, decision_table,
    diff, lint, load_tests,
};
use workmail_policy::api::batch::AccessCache;
use workmail_policy::compile::CompiledAccess;
use workmail_policy::eval::access::decide;
use workmail_policy::{
    AccessRequest, Action, FixedEnvironment, GetAccessControlEffectRequest, Operation,
    Organization, Principal,
};

#[path = "support/documents.rs"]
mod documents;

use documents::{directory_document, largest_document, small_document};

fn request(ip: Ipv4Addr) -> AccessRequest {
    AccessRequest {
        ip_address: ip,
        action: Action::Imap,
        principal: Principal::UserId("S-1-1-11-user-04-03-0000000000".to_owned()),
    }
}

/// A batch of 1,000 `GetAccessControlEffect` requests as the AWS SDKs send them (with an
/// `OrganizationId`, which a document without one answers to), from 100 users and many
/// addresses, as JSON text.
fn sdk_batch() -> String {
    let requests: Vec<Value> = (0..1000_u32)
        .map(|at| {
            json!({
                "OrganizationId": "m-0123456789abcdef0123456789abcdef",
                "IpAddress": format!("{}.{}.{}.9", 10 + at % 10, at % 4, at % 256),
                "Action": if at % 2 == 0 { "IMAP" } else { "EWS" },
                "UserId": format!("S-1-1-11-user-{:02}-{:02}-0000000000", at % 10, at / 10 % 10),
            })
        })
        .collect();
    Value::Array(requests).to_string()
}

fn bench_documents(c: &mut Criterion) {
    for (label, text) in [("small", small_document()), ("largest", largest_document())] {
        let org = match Organization::from_json(&text) {
            Ok(loaded) => loaded.organization,
            #[expect(
                clippy::panic,
                reason = "a benchmark document that does not load must stop the run, not drop its group"
            )]
            Err(error) => panic!("the {label} benchmark document does not load: {error}"),
        };
        let rules = org.access_control_rules().to_vec();
        let compiled = CompiledAccess::new(&rules);
        let probe = request(Ipv4Addr::new(14, 3, 7, 9));
        let mut group = c.benchmark_group(label);
        group.bench_function("load document", |b| {
            b.iter(|| Organization::from_json(black_box(&text)).is_ok())
        });
        group.bench_function("compile", |b| {
            b.iter(|| CompiledAccess::new(black_box(&rules)))
        });
        group.bench_function("decide (straightforward)", |b| {
            b.iter(|| decide(black_box(&rules), black_box(&probe)))
        });
        #[expect(
            clippy::panic,
            reason = "a benchmark document that does not compile must stop the run, not drop its measures"
        )]
        let Some(compiled) = &compiled else {
            panic!("the {label} benchmark document does not compile")
        };
        group.bench_function("decide (compiled)", |b| {
            b.iter(|| compiled.decide(black_box(&probe)))
        });
        group.bench_function("decide set (compiled, no names)", |b| {
            b.iter(|| compiled.decide_set(black_box(&probe)))
        });
        let typed = GetAccessControlEffectRequest {
            ip_address: "14.3.7.9".into(),
            action: "IMAP".into(),
            user_id: Some("S-1-1-11-user-04-03-0000000000".into()),
            ..Default::default()
        };
        group.bench_function("explain", |b| {
            b.iter(|| org.explain_access(black_box(&typed)))
        });
        let input = json!({"IpAddress": "14.3.7.9", "Action": "IMAP", "UserId": "S-1-1-11-user-04-03-0000000000"});
        let mut org = org.clone();
        let mut env = FixedEnvironment::new(1_700_000_000.0, 1);
        group.bench_function("call GetAccessControlEffect (JSON)", |b| {
            b.iter(|| {
                org.call(
                    Operation::GetAccessControlEffect,
                    black_box(&input),
                    &mut env,
                )
            })
        });
        let batch = sdk_batch();
        let mut cache = AccessCache::default();
        group.bench_function(
            "call_many_json GetAccessControlEffect (1,000 requests)",
            |b| {
                b.iter(|| {
                    org.call_many_json(
                        Operation::GetAccessControlEffect,
                        black_box(&batch),
                        &mut cache,
                        &mut env,
                    )
                })
            },
        );
        bench_guarantees(&mut group, &org, &text);
        group.finish();
    }
}

/// The organization of `text` without its last access control rule: the new version the
/// version gates and diffs compare with. (The small document is `list-access-control-rules`
/// output, whose rules are under `Rules`.)
fn without_last_rule(text: &str) -> Organization {
    let mut document: Value = serde_json::from_str(text).unwrap_or_default();
    for key in ["AccessControlRules", "Rules"] {
        if let Some(rules) = document.get_mut(key).and_then(Value::as_array_mut) {
            rules.pop();
        }
    }
    #[expect(clippy::panic, reason = "the shortened benchmark document must load")]
    let Ok(newer) =
        Organization::from_json(&document.to_string()).map(|loaded| loaded.organization)
    else {
        panic!("the shortened benchmark document does not load")
    };
    newer
}

/// A property over every request of a set, a version gate and the coverage of one property.
fn bench_guarantees(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    org: &Organization,
    text: &str,
) {
    let tests = load_tests(
        r#"{"Properties": [{"Name": "IMAP only from inside", "ForAll": {"Actions": ["IMAP"], "NotIpRanges": ["10.0.0.0/8"]},
            "Expect": {"Effect": "DENY"}}]}"#,
    );
    #[expect(
        clippy::panic,
        reason = "the benchmark's tests file is a literal that loads"
    )]
    let Some(property) = tests
        .ok()
        .and_then(|loaded| loaded.suite.properties.into_iter().next())
    else {
        panic!("the benchmark property does not load")
    };
    group.bench_function("property over every request", |b| {
        b.iter(|| check_property_of(black_box(org), black_box(&property)))
    });
    let newer = without_last_rule(text);
    group.bench_function("check no new access", |b| {
        b.iter(|| check_change(black_box(org), black_box(&newer), Guarantee::NoNewAccess))
    });
    let suite = TestSuite {
        tests: Vec::new(),
        properties: vec![property],
    };
    group.bench_function("coverage of one property", |b| {
        b.iter(|| coverage(black_box(org), black_box(&suite)))
    });
}

/// The whole-policy analyses on an organization with a directory of 100,000 users: each
/// must stay linear in the directory.
fn bench_directory(c: &mut Criterion) {
    let text = directory_document();
    #[expect(clippy::panic, reason = "the directory benchmark document must load")]
    let Ok(org) = Organization::from_json(&text).map(|loaded| loaded.organization) else {
        panic!("the directory benchmark document does not load")
    };
    let newer = without_last_rule(&text);
    let mut group = c.benchmark_group("directory");
    group.sample_size(10);
    group.bench_function("load document", |b| {
        b.iter(|| Organization::from_json(black_box(&text)).is_ok())
    });
    group.bench_function("decision table", |b| {
        b.iter(|| decision_table(black_box(&org)))
    });
    group.bench_function("lint", |b| b.iter(|| lint(black_box(&org))));
    group.bench_function("diff (one rule dropped)", |b| {
        b.iter(|| diff(black_box(&org), black_box(&newer), &DiffOptions::default()))
    });
    group.bench_function("check no new access", |b| {
        b.iter(|| check_change(black_box(&org), black_box(&newer), Guarantee::NoNewAccess))
    });
    group.finish();
}

criterion_group!(benches, bench_documents, bench_directory);
criterion_main!(benches);
