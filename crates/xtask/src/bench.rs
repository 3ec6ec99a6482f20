//! `cargo xtask bench`: every benchmark of the project in one Markdown report,
//! `target/bench-report.md`, with the machine it ran on.
//!
//! Speed is measured here and only here; no test depends on timing.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::util::{self, cargo, output, run, step};

mod replay;

/// Runs the core's criterion benchmarks and the faces' benchmarks, then writes the report.
pub fn run_all() -> util::Result {
    let mut report = String::from("# workmail-policy benchmarks\n\n");
    report.push_str(&machine());
    report.push_str(&core_benchmarks()?);
    report.push_str(&replay::section()?);
    let npm = crate::npm::bench().map_err(|error| format!("the npm benchmark failed: {error}"))?;
    report.push_str(&npm);
    report.push('\n');
    let playground = crate::site::bench()
        .map_err(|error| format!("the playground benchmark failed: {error}"))?;
    report.push_str("## Playground (headless Chromium)\n\n");
    report.push_str(&playground);
    report.push('\n');
    let path = util::target_dir().join("bench-report.md");
    std::fs::write(&path, &report)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    step(&format!("report written to {}", path.display()));
    println!("{report}");
    Ok(())
}

/// `cargo xtask bench replay`: the replay benchmark alone (the generated log and its baselines),
/// printed rather than written to the report.
pub fn replay_only() -> util::Result {
    println!("{}", replay::section()?);
    Ok(())
}

/// The benchmarks' smoke pass of `cargo xtask test`: every criterion benchmark runs once (in
/// criterion's test mode, so no timing is taken or asserted), and a document that does not load
/// fails it. The npm package's benchmark has its own pass in the npm step.
pub fn smoke() -> util::Result {
    step("running every core benchmark once (cargo test --benches: no timing)");
    run(cargo().args([
        "test",
        "--package",
        "workmail-policy",
        "--benches",
        "--locked",
    ]))
}

/// The machine, as far as it matters for the numbers.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name"))
        .and_then(|rest| rest.split_once(':'))
        .map_or("unknown", |(_, name)| name.trim());
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let rustc = output(Command::new("rustc").arg("--version")).unwrap_or_default();
    let node = output(Command::new("node").arg("--version")).unwrap_or_default();
    let os = std::fs::read_to_string("/etc/os-release")
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("PRETTY_NAME="))
        .map(|name| name.trim_matches('"').to_owned())
        .unwrap_or_else(|| std::env::consts::OS.to_owned());
    format!(
        "## Machine\n\n| | |\n|---|---|\n| CPU | {model} |\n| cores available | {cores} |\n| OS | {os} |\n| rustc | {} |\n| Node.js | {} |\n\n",
        rustc.trim(),
        node.trim()
    )
}

/// `cargo bench -p workmail-policy`, summarised from criterion's estimates. Estimates of an
/// earlier run are removed first, so a benchmark that no longer runs cannot be reported.
fn core_benchmarks() -> util::Result<String> {
    let criterion = util::target_dir().join("criterion");
    if criterion.exists() {
        std::fs::remove_dir_all(&criterion)
            .map_err(|error| format!("cannot remove {}: {error}", criterion.display()))?;
    }
    step("running the core's benchmarks (criterion)");
    run(cargo().args([
        "bench",
        "--package",
        "workmail-policy",
        "--bench",
        "evaluation",
        "--bench",
        "replay",
        "--",
        "--warm-up-time",
        "1",
        "--measurement-time",
        "3",
    ]))?;
    let mut rows = Vec::new();
    collect_estimates(&criterion, &mut rows);
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    if rows.is_empty() {
        return Err(format!(
            "no criterion estimates under {}",
            criterion.display()
        ));
    }
    let mut markdown = String::from(
        "## Core (native, criterion)\n\nMean time per iteration (with the bytes per second for the replay group, whose iterations read a generated log of 100,000 JSON lines). \"small\" is the AWS CLI documentation's organization; \"largest\" is the largest the AWS model allows (10 rules, each with 1,024 `IpRanges`, 1,024 `NotIpRanges` and full action, user and role lists).\n\n| benchmark | mean |\n|---|---|\n",
    );
    for (name, nanoseconds, bytes) in rows {
        let rate = bytes.map_or_else(String::new, |bytes| {
            format!(" ({:.0} MB/s)", bytes / nanoseconds * 1e3)
        });
        let _ = writeln!(markdown, "| {name} | {}{rate} |", human(nanoseconds));
    }
    markdown.push('\n');
    Ok(markdown)
}

/// Each benchmark's name, mean time in nanoseconds, and bytes per iteration when it declares
/// a byte throughput.
fn collect_estimates(dir: &Path, rows: &mut Vec<(String, f64, Option<f64>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.file_name().is_some_and(|name| name == "new") {
            let read = |file: &str| -> Option<Value> {
                serde_json::from_str(&std::fs::read_to_string(path.join(file)).ok()?).ok()
            };
            let benchmark = read("benchmark.json");
            let id = benchmark
                .as_ref()
                .and_then(|b| b.get("full_id").and_then(Value::as_str).map(str::to_owned));
            let bytes = benchmark.as_ref().and_then(|b| {
                b.get("throughput")
                    .and_then(|t| t.get("Bytes"))
                    .and_then(Value::as_f64)
            });
            let mean = read("estimates.json").and_then(|e| {
                e.get("mean")
                    .and_then(|m| m.get("point_estimate"))
                    .and_then(Value::as_f64)
            });
            if let (Some(id), Some(mean)) = (id, mean) {
                rows.push((id, mean, bytes));
            }
        } else if path.is_dir() {
            collect_estimates(&path, rows);
        }
    }
}

/// Nanoseconds as a short human figure.
pub fn human(nanoseconds: f64) -> String {
    if nanoseconds < 1_000.0 {
        format!("{nanoseconds:.0} ns")
    } else if nanoseconds < 1_000_000.0 {
        format!("{:.1} µs", nanoseconds / 1_000.0)
    } else {
        format!("{:.1} ms", nanoseconds / 1_000_000.0)
    }
}
