//! Loading speed on hostile documents: 100,000 access control rules (or impersonation roles),
//! each with a problem, written on one line as programs write JSON. Every one of them is refused
//! or warned about with a located diagnostic, so loading such a document measures the walk, the
//! checks and the location of 100,000 diagnostics. A document that loads here with fewer
//! diagnostics than it has rules stops the run.
//!
//! `cargo test --benches` (the smoke pass of `cargo xtask test`, unoptimized) runs each once on
//! documents of 10,000, which checks the same things in a few seconds.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use workmail_policy::Organization;

/// How many rules or roles each hostile document has: 100,000 when measuring (`cargo bench`
/// passes `--bench`), 10,000 in the smoke pass.
fn count() -> usize {
    if std::env::args().any(|arg| arg == "--bench") {
        100_000
    } else {
        10_000
    }
}

/// `count` as a label writes it (`100,000`).
fn thousands(count: usize) -> String {
    format!("{},{:03}", count / 1000, count % 1000)
}

/// An access control rule named `r{at}` with the extra members `extra`.
fn rule(at: usize, extra: &Value) -> Value {
    let mut rule = json!({"Name": format!("r{at}"), "Effect": "ALLOW"});
    if let (Some(rule), Some(extra)) = (rule.as_object_mut(), extra.as_object()) {
        rule.extend(extra.clone());
    }
    rule
}

/// A document of `count` rules, each with the members `extra`, on one line.
fn rules_document(count: usize, extra: &Value) -> String {
    let rules: Vec<Value> = (0..count).map(|at| rule(at, extra)).collect();
    json!({"AccessControlRules": rules}).to_string()
}

/// The hostile documents of `count` rules or roles, each with what it holds.
fn hostile_documents(count: usize) -> Vec<(&'static str, String)> {
    let roles: Vec<Value> = (0..count)
        .map(|at| {
            json!({"ImpersonationRoleId": format!("role-{at}"), "Name": format!("n{at}"),
                   "Type": "FULL_ACCESS",
                   "Rules": [{"ImpersonationRuleId": "x", "Effect": "MAYBE"}]})
        })
        .collect();
    vec![
        (
            "rules, each with an invalid action",
            rules_document(count, &json!({"Actions": ["imap"]})),
        ),
        (
            "rules, each with an invalid IP range",
            rules_document(count, &json!({"IpRanges": ["10.0.0.0/33"]})),
        ),
        (
            "rules, each with an unknown member (warnings)",
            rules_document(count, &json!({"Colour": "red"})),
        ),
        (
            "rules, each with a description too long",
            rules_document(count, &json!({"Description": "é".repeat(300)})),
        ),
        (
            "impersonation roles, each with an invalid rule",
            json!({"ImpersonationRoles": roles}).to_string(),
        ),
    ]
}

fn bench_loading(c: &mut Criterion) {
    let count = count();
    let mut group = c.benchmark_group("hostile");
    // Each load takes a noticeable fraction of a second: ten samples are enough.
    group.sample_size(10);
    for (what, text) in hostile_documents(count) {
        let label = format!("load {} {what}", thousands(count));
        let found = match Organization::from_json(&text) {
            Ok(loaded) => loaded.warnings.len(),
            Err(error) => error.diagnostics.len(),
        };
        #[expect(
            clippy::panic,
            reason = "a hostile document that is not reported in full must stop the run"
        )]
        if found < count {
            panic!("{label}: {found} diagnostics, fewer than the {count} problems written");
        }
        group.bench_function(label, |b| {
            b.iter(|| Organization::from_json(black_box(&text)).is_ok())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_loading);
criterion_main!(benches);
