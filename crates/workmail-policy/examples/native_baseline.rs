//! The native baseline of the npm package's benchmark (`crates/xtask/bench/npm.mjs`): the core's
//! `Organization::call_many` and `Organization::call` on the same documents and requests, as
//! `GetAccessControlEffect` decisions per second. Prints one JSON object:
//! `{"small": {"call_many": N, "call": N}, "largest": {...}}`.
//!
//! ```text
//! cargo run --release -p workmail-policy --example native_baseline
//! ```

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use workmail_policy::{Action, FixedEnvironment, Operation, Organization};

const BATCH: usize = 10_000;
const MEASURE: Duration = Duration::from_millis(1500);

#[path = "../benches/support/documents.rs"]
mod documents;

use documents::{DOCUMENTATION_USER as DOC_USER, largest_document, small_document};
/// The same requests as `requests()` in `crates/xtask/bench/documents.mjs`.
fn requests(users: &[&str]) -> Vec<Value> {
    (0..BATCH)
        .map(|i| {
            json!({
                "IpAddress": format!("{}.{}.{}.{}", 10 + i % 12, (i >> 3) & 3, i & 255, (i * 7) & 255),
                "Action": Action::ALL.get(i % 7).map_or("IMAP", |action| action.as_str()),
                "UserId": users.get(i % users.len()).copied().unwrap_or(DOC_USER),
            })
        })
        .collect()
}

/// This thread's CPU time (Linux), so that a figure does not depend on what else runs; the
/// wall clock elsewhere.
fn cpu(wall: Instant) -> Duration {
    let on_cpu = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse::<u64>().ok());
    on_cpu.map_or_else(|| wall.elapsed(), Duration::from_nanos)
}

/// Decisions per CPU second of `batch`, which makes `BATCH` decisions.
fn rate(mut batch: impl FnMut()) -> f64 {
    let wall = Instant::now();
    let warm_up = cpu(wall);
    while cpu(wall) - warm_up < Duration::from_millis(200) {
        batch();
    }
    let start = cpu(wall);
    let mut decisions = 0_u32;
    while cpu(wall) - start < MEASURE {
        batch();
        decisions += 10_000;
    }
    f64::from(decisions) / (cpu(wall) - start).as_secs_f64()
}

fn main() {
    let mut out = serde_json::Map::new();
    for (key, document, users) in [
        (
            "small",
            small_document(),
            vec![DOC_USER, "S-1-1-11-1111111111-2222222222-3333333333-4444"],
        ),
        (
            "largest",
            largest_document(),
            vec![
                "S-1-1-11-user-04-03-0000000000",
                "S-1-1-11-excl-02-01-0000000000",
                "S-1-1-11-user-07-09-0000000000",
            ],
        ),
    ] {
        let Ok(loaded) = Organization::from_json(&document) else {
            eprintln!("native_baseline: the {key} document does not load");
            std::process::exit(1);
        };
        let mut organization = loaded.organization;
        let inputs = requests(&users);
        let mut env = FixedEnvironment::new(1_700_000_000.0, 1);
        let operation = Operation::GetAccessControlEffect;
        let many = rate(|| {
            std::hint::black_box(organization.call_many(operation, &inputs, &mut env));
        });
        let single = rate(|| {
            for input in &inputs {
                let _ = std::hint::black_box(organization.call(operation, input, &mut env));
            }
        });
        out.insert(key.to_owned(), json!({"call_many": many, "call": single}));
    }
    println!("{}", Value::Object(out));
}
