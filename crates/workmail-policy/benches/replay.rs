//! Replaying audit logs: reading a generated log of 100,000 JSON lines into a `Replay`, against
//! parsing the same lines with serde_json and nothing else (the floor: parsing dominates), and
//! the report of the distinct requests. The log is generated here, at bench time.

use std::hint::black_box;
use std::io::Cursor;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::de::IgnoredAny;
use workmail_policy::Organization;
use workmail_policy::analysis::Replay;

#[path = "support/audit_log.rs"]
mod audit_log;

/// Events in the generated log.
const EVENTS: u64 = 100_000;

fn bench_replay(c: &mut Criterion) {
    let log = audit_log::generate(EVENTS);
    let org = match Organization::from_json(audit_log::PROPOSED) {
        Ok(loaded) => loaded.organization,
        #[expect(
            clippy::panic,
            reason = "a benchmark document that does not load must stop the run"
        )]
        Err(error) => panic!("the replay benchmark's document does not load: {error}"),
    };
    let mut group = c.benchmark_group("replay 100,000 events");
    group.throughput(Throughput::Bytes(log.len() as u64));
    group.bench_function("serde_json parse only (IgnoredAny per line)", |b| {
        b.iter(|| {
            log.split(|byte| *byte == b'\n')
                .filter(|line| !line.is_empty())
                .filter(|line| serde_json::from_slice::<IgnoredAny>(line).is_ok())
                .count()
        })
    });
    group.bench_function("read_log (JSON lines)", |b| {
        b.iter(|| {
            let mut replay = Replay::new();
            replay.read_log(Cursor::new(black_box(&log[..])), "bench");
            replay.distinct_requests()
        })
    });
    group.finish();
    let mut replay = Replay::new();
    replay.read_log(Cursor::new(&log[..]), "bench");
    // The report answers each distinct request twice.
    let mut group = c.benchmark_group("replay report");
    group.sample_size(10);
    group.bench_function(
        format!(
            "{} distinct requests, both documents",
            replay.distinct_requests()
        ),
        |b| b.iter(|| replay.report(black_box(&org), Some(black_box(&org)))),
    );
    group.finish();
}

criterion_group!(benches, bench_replay);
criterion_main!(benches);
