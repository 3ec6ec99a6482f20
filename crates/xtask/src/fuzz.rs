//! `cargo xtask fuzz`: builds and runs the cargo-fuzz targets of `fuzz/` (installing cargo-fuzz
//! when it is missing), and the short smoke pass `cargo xtask test` runs.
//!
//! cargo-fuzz builds with AddressSanitizer by default, which needs the nightly-only
//! `-Zsanitizer`. This project has one stable toolchain, so the targets are built with
//! `--sanitizer none`: everything else cargo-fuzz passes (libFuzzer's coverage instrumentation,
//! `--cfg fuzzing`, debug assertions and overflow checks) is stable. No `RUSTC_BOOTSTRAP` is
//! used. The crates forbid `unsafe`, so what a sanitizer would add (use after free, overflows of
//! raw buffers) cannot come from the project's own code; panics, arithmetic overflow, broken
//! invariants, timeouts and memory blow-ups are what the targets look for, and they need no
//! sanitizer.
//!
//! Each run reads the committed seeds in `fuzz/corpus/<target>/` and adds what it finds to a
//! working corpus in `fuzz/target/` (kept between `cargo xtask fuzz` runs, fresh for each smoke
//! pass), so the committed seeds stay small. A crash is written to `fuzz/artifacts/<target>/`
//! (ignored by git) and fails the command.

use std::process::Command;

use crate::tools::path_with_tools;
use crate::util::{self, cargo, output, root, run as run_command, step};

/// The cargo-fuzz release this project is tested with.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// Every target, in order of cost.
const TARGETS: [&str; 7] = [
    "load_document",
    "replay",
    "evaluate",
    "call",
    "batch",
    "operations",
    "analysis",
];

/// Seconds per target of a plain `cargo xtask fuzz`.
const DEFAULT_SECONDS: u32 = 60;

/// Seconds per target of the smoke pass, after every seed has run.
const SMOKE_SECONDS: u32 = 10;

const USAGE: &str = "usage: cargo xtask fuzz [TARGET...] [--time SECONDS]
       cargo xtask fuzz --smoke

Runs each fuzz target (all of them when none is named) for SECONDS (default 60), after its
committed seeds. A crash stops the run and fails the command; the input is saved in
fuzz/artifacts/TARGET/. cargo-fuzz is installed from crates.io when missing.

--smoke runs what `cargo xtask test` runs: every target's seeds, then 10 seconds of fuzzing each.

targets: load_document, replay, evaluate, call, batch, operations, analysis";

/// `cargo xtask fuzz [TARGET...] [--time SECONDS]`, or `cargo xtask fuzz --smoke`.
pub fn run(args: &[String]) -> util::Result {
    let mut seconds = DEFAULT_SECONDS;
    let mut targets: Vec<&str> = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--smoke" => return smoke(),
            "--time" => {
                let value = args.next().ok_or("`--time` needs a number of seconds")?;
                seconds = value
                    .parse()
                    .map_err(|_| format!("`--time {value}` is not a number of seconds"))?;
            }
            name => match TARGETS.iter().find(|target| **target == name) {
                Some(target) => targets.push(target),
                None => return Err(format!("unknown fuzz target `{name}`\n\n{USAGE}")),
            },
        }
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }
    install()?;
    build()?;
    for target in targets {
        fuzz(target, seconds, Corpus::Kept)?;
    }
    Ok(())
}

/// The smoke pass of `cargo xtask test`: every target over its seeds, then briefly fuzzed.
pub fn smoke() -> util::Result {
    install()?;
    build()?;
    for target in TARGETS {
        fuzz(target, SMOKE_SECONDS, Corpus::Fresh)?;
    }
    Ok(())
}

/// Where a run keeps what it finds.
#[derive(Clone, Copy)]
enum Corpus {
    /// `fuzz/target/corpus/<target>/`, kept between runs, so long runs build on each other.
    Kept,
    /// An emptied `fuzz/target/smoke/<target>/`: the smoke pass replays only the committed seeds,
    /// so it takes the same time on every machine.
    Fresh,
}

fn cargo_fuzz() -> Command {
    let mut command = cargo();
    command
        .arg("fuzz")
        .env("PATH", path_with_tools())
        .current_dir(root().join("fuzz"));
    command
}

/// cargo-fuzz at [`CARGO_FUZZ_VERSION`], installed when missing or at another version.
fn install() -> util::Result {
    // `cargo fuzz --version` prints `cargo-fuzz 0.13.2`; without cargo-fuzz, cargo fails.
    let installed = output(cargo_fuzz().arg("--version"))
        .and_then(|text| text.split_whitespace().nth(1).map(str::to_owned));
    if installed.as_deref() == Some(CARGO_FUZZ_VERSION) {
        return Ok(());
    }
    step(&format!(
        "installing cargo-fuzz {CARGO_FUZZ_VERSION} from crates.io (about a minute)"
    ));
    run_command(cargo().args([
        "install",
        "cargo-fuzz",
        "--version",
        CARGO_FUZZ_VERSION,
        "--locked",
    ]))
}

fn build() -> util::Result {
    step("building the fuzz targets (cargo fuzz build --sanitizer none)");
    run_command(cargo_fuzz().args(["build", "--sanitizer", "none"]))
}

fn fuzz(target: &str, seconds: u32, corpus: Corpus) -> util::Result {
    step(&format!(
        "fuzzing `{target}` for {seconds} s after its seeds"
    ));
    let work = match corpus {
        Corpus::Kept => root().join("fuzz/target/corpus").join(target),
        Corpus::Fresh => {
            let work = root().join("fuzz/target/smoke").join(target);
            if work.exists() {
                std::fs::remove_dir_all(&work)
                    .map_err(|error| format!("cannot empty {}: {error}", work.display()))?;
            }
            work
        }
    };
    std::fs::create_dir_all(&work)
        .map_err(|error| format!("cannot create {}: {error}", work.display()))?;
    let seeds = root().join("fuzz/corpus").join(target);
    let mut command = cargo_fuzz();
    // New inputs go to the first folder; the committed seeds are only read.
    command
        .args(["run", "--sanitizer", "none", target])
        .arg(&work);
    if seeds.is_dir() {
        command.arg(&seeds);
    }
    run_command(
        command
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            // A request that takes seconds is a denial of service: report it as a crash.
            .arg("-timeout=10")
            .arg("-rss_limit_mb=2048")
            .arg("-print_final_stats=1"),
    )
}
