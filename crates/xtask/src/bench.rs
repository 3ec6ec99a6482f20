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
    write_readme(&report)?;
    println!("{report}");
    Ok(())
}

/// The markers around the part of `README.md` that [`run_all`] writes.
const README_START: &str = "<!-- bench:start -->";
const README_END: &str = "<!-- bench:end -->";

/// Replaces the measured part of `README.md` (between [`README_START`] and [`README_END`]) with
/// the report, its headings one level down, so the README's figures are never typed by hand.
fn write_readme(report: &str) -> util::Result {
    let path = crate::util::root().join("README.md");
    let readme = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let body: String = report
        .lines()
        .skip_while(|line| !line.starts_with("## "))
        .map(|line| {
            if line.starts_with('#') {
                format!("#{line}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    let replaced = replace_between(&readme, &body)?;
    std::fs::write(&path, replaced)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    step("README.md: the Performance section now shows this report");
    Ok(())
}

/// `readme` with the text between the markers replaced by `body`.
fn replace_between(readme: &str, body: &str) -> util::Result<String> {
    let start = readme
        .find(README_START)
        .map(|at| at + README_START.len())
        .ok_or_else(|| format!("README.md has no `{README_START}` marker"))?;
    let end = readme
        .get(start..)
        .and_then(|rest| rest.find(README_END))
        .map(|at| at + start)
        .ok_or_else(|| format!("README.md has no `{README_END}` marker after `{README_START}`"))?;
    Ok(format!(
        "{}\n\n{}\n{}",
        readme.get(..start).unwrap_or_default(),
        body.trim(),
        readme.get(end..).unwrap_or_default()
    ))
}

/// `cargo xtask test`'s check that the README still has the part the benchmark writes.
pub fn check_readme() -> util::Result {
    let path = crate::util::root().join("README.md");
    let readme = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    replace_between(&readme, "").map(|_| ())
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
        "loading",
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
    Ok(format!(
        "## Core (native, criterion)\n\nMean time per iteration (with the bytes per second for the replay group, whose iterations read a generated log of 100,000 JSON lines). \"small\" is the AWS CLI documentation's organization; \"largest\" is the largest the AWS model allows (10 rules, each with 1,024 `IpRanges`, 1,024 `NotIpRanges` and full action, user and role lists); \"directory\" is an organization with 100,000 users as `list-users` prints them, the small document's rules and a rule denying EWS to all but ten of them (the whole-policy analyses must stay linear in the directory); \"hostile\" loads documents of 100,000 rules or roles written on one line, each with a problem the loader reports.\n\n{}\n",
        pivot(&rows)
    ))
}

/// Criterion's estimates (`group/benchmark`, nanoseconds, bytes per iteration) as one table: a
/// row per benchmark, a column per group, in the order met.
fn pivot(rows: &[(String, f64, Option<f64>)]) -> String {
    let mut groups: Vec<&str> = Vec::new();
    let mut benchmarks: Vec<&str> = Vec::new();
    for (id, _, _) in rows {
        let (group, benchmark) = id.split_once('/').unwrap_or(("", id));
        if !groups.contains(&group) {
            groups.push(group);
        }
        if !benchmarks.contains(&benchmark) {
            benchmarks.push(benchmark);
        }
    }
    let mut table = format!("| benchmark | {} |\n|---|", groups.join(" | "));
    table.push_str(&"---:|".repeat(groups.len()));
    table.push('\n');
    for benchmark in benchmarks {
        let _ = write!(table, "| {benchmark} |");
        for group in &groups {
            let cell = rows
                .iter()
                .find(|(id, _, _)| *id == format!("{group}/{benchmark}"))
                .map_or_else(String::new, |(_, nanoseconds, bytes)| {
                    let rate = bytes.map_or_else(String::new, |bytes| {
                        format!(" ({:.0} MB/s)", bytes / nanoseconds * 1e3)
                    });
                    format!("{}{rate}", human(*nanoseconds))
                });
            let _ = write!(table, " {cell} |");
        }
        table.push('\n');
    }
    table
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
