//! The end-to-end replay benchmark: a large audit log generated at bench time (never committed),
//! replayed by the release `workmail-policy replay`, against baselines that only parse the same
//! lines (Python's `json.loads` per line, and serde_json into `IgnoredAny` through the core's
//! criterion benchmark). Events and bytes per second, on one core.

use std::fmt::Write as _;
use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{self, cargo, run, step};

/// Events in the generated log: about 330 MB of JSON lines.
const EVENTS: u64 = 1_000_000;

/// Each tool runs this many times; the fastest run counts.
const RUNS: usize = 3;

/// Python's standard JSON parser on every line, and nothing else.
const PYTHON_PARSE_ONLY: &str = "import json, sys\nwith open(sys.argv[1], 'rb') as f:\n    for line in f:\n        json.loads(line)\n";

/// Generates the log, times each tool on it, and returns the report's Markdown section.
pub fn section() -> util::Result<String> {
    let dir = util::target_dir().join("replay-bench");
    std::fs::create_dir_all(&dir)
        .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    let log = dir.join("audit.jsonl");
    let proposed = dir.join("proposed.json");
    step(&format!("generating an audit log of {EVENTS} events"));
    let file =
        File::create(&log).map_err(|error| format!("cannot create {}: {error}", log.display()))?;
    run(cargo()
        .args([
            "run",
            "--release",
            "--locked",
            "--quiet",
            "--package",
            "workmail-policy",
            "--example",
            "audit_log",
            "--",
            &EVENTS.to_string(),
        ])
        .arg(&proposed)
        .stdout(file))?;
    let bytes = std::fs::metadata(&log)
        .map_err(|error| format!("cannot read {}: {error}", log.display()))?
        .len();
    step("building the release command line");
    run(cargo().args([
        "build",
        "--release",
        "--locked",
        "--package",
        "workmail-policy-cli",
    ]))?;
    let binary = util::target_dir().join("release").join("workmail-policy");
    let mut rows = Vec::new();
    step("timing `workmail-policy replay` on it");
    let mut replay = Command::new(&binary);
    replay
        .arg("replay")
        .arg("--org")
        .arg(&proposed)
        .arg("--baseline")
        .arg(&proposed)
        .arg("--logs")
        .arg(&log)
        .args(["--output", "json"]);
    rows.push((
        "`workmail-policy replay --baseline` (JSON lines, parse + aggregate + answer)",
        fastest(&mut replay)?,
    ));
    step("timing Python's json.loads on every line (parse only)");
    let mut python = Command::new("python3");
    python.args(["-c", PYTHON_PARSE_ONLY]).arg(&log);
    match fastest(&mut python) {
        Ok(time) => rows.push(("Python `json.loads` per line (parse only)", time)),
        Err(error) => eprintln!("    (no Python baseline: {error})"),
    }
    Ok(table(&log, bytes, &rows))
}

/// The fastest of [`RUNS`] runs of `command`, its output discarded.
fn fastest(command: &mut Command) -> util::Result<Duration> {
    let mut best = Duration::MAX;
    for _ in 0..RUNS {
        let start = Instant::now();
        let status = command
            .stdout(Stdio::null())
            .status()
            .map_err(|error| format!("cannot start {command:?}: {error}"))?;
        let took = start.elapsed();
        if !status.success() {
            return Err(format!("{command:?} failed ({status})"));
        }
        best = best.min(took);
    }
    Ok(best)
}

fn table(log: &Path, bytes: u64, rows: &[(&str, Duration)]) -> String {
    let mut markdown = format!(
        "## Replaying audit logs (one core)\n\nA generated log of {} events ({:.0} MB of JSON lines, `{}`), the fastest of {RUNS} runs, wall time including process start. The core's criterion group \"replay 100,000 events\" compares `read_log` with serde_json parsing the same lines and nothing else.\n\n| tool | time | events/s | MB/s |\n|---|---|---|---|\n",
        thousands(EVENTS),
        bytes as f64 / 1e6,
        log.file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned())
    );
    for (tool, time) in rows {
        let seconds = time.as_secs_f64().max(1e-9);
        let _ = writeln!(
            markdown,
            "| {tool} | {:.2} s | {:.2} M | {:.0} |",
            seconds,
            EVENTS as f64 / seconds / 1e6,
            bytes as f64 / seconds / 1e6
        );
    }
    markdown.push('\n');
    markdown
}

/// A count with commas between thousands (`1,000,000`).
fn thousands(count: u64) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}
