//! The native baseline of the npm package's benchmark (`crates/xtask/bench/npm.mjs`): the core's
//! `Organization::call_many` and `Organization::call` on the same documents and requests, as
//! `GetAccessControlEffect` decisions per second. The documents and requests are the files
//! `crates/xtask/bench/documents.mjs DIR` writes (`small.json`, `small.requests.json`,
//! `largest.json`, `largest.requests.json`). Prints one JSON object:
//! `{"small": {"call_many": N, "call": N}, "largest": {...}}`.
//!
//! ```text
//! node crates/xtask/bench/documents.mjs target/bench-documents
//! cargo run --release -p workmail-policy --example native_baseline -- target/bench-documents
//! ```

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use workmail_policy::{FixedEnvironment, Operation, Organization};

const MEASURE: Duration = Duration::from_millis(1500);

/// This thread's CPU time (Linux), so that a figure does not depend on what else runs; the
/// wall clock elsewhere.
fn cpu(wall: Instant) -> Duration {
    let on_cpu = std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse::<u64>().ok());
    on_cpu.map_or_else(|| wall.elapsed(), Duration::from_nanos)
}

/// Decisions per CPU second of `batch`, which makes `size` decisions.
fn rate(size: u32, mut batch: impl FnMut()) -> f64 {
    let wall = Instant::now();
    let warm_up = cpu(wall);
    while cpu(wall) - warm_up < Duration::from_millis(200) {
        batch();
    }
    let start = cpu(wall);
    let mut decisions = 0_u32;
    while cpu(wall) - start < MEASURE {
        batch();
        decisions += size;
    }
    f64::from(decisions) / (cpu(wall) - start).as_secs_f64()
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|error| {
        eprintln!("native_baseline: cannot read {file}: {error}");
        std::process::exit(1);
    })
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: native_baseline DIR (the files `documents.mjs DIR` writes)");
        std::process::exit(2);
    };
    let dir = Path::new(&dir);
    let mut out = serde_json::Map::new();
    for key in ["small", "largest"] {
        let Ok(loaded) = Organization::from_json(&read(dir, &format!("{key}.json"))) else {
            eprintln!("native_baseline: the {key} document does not load");
            std::process::exit(1);
        };
        let Ok(inputs) =
            serde_json::from_str::<Vec<Value>>(&read(dir, &format!("{key}.requests.json")))
        else {
            eprintln!("native_baseline: the {key} requests are not a JSON array");
            std::process::exit(1);
        };
        let size = u32::try_from(inputs.len()).unwrap_or(u32::MAX);
        let mut organization = loaded.organization;
        let mut env = FixedEnvironment::new(1_700_000_000.0, 1);
        let operation = Operation::GetAccessControlEffect;
        let many = rate(size, || {
            std::hint::black_box(organization.call_many(operation, &inputs, &mut env));
        });
        let single = rate(size, || {
            for input in &inputs {
                let _ = std::hint::black_box(organization.call(operation, input, &mut env));
            }
        });
        out.insert(key.to_owned(), json!({"call_many": many, "call": single}));
    }
    println!("{}", Value::Object(out));
}
