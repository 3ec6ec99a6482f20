//! `cargo xtask`: the one place that knows how to install the tools, build every face and run
//! every test. `.ci/run` and the README call it.
//!
//! ```text
//! cargo xtask test    fmt check, clippy and docs with -D warnings, every test, the mutants of the
//!                     lines HEAD changes in the core, every benchmark once, then
//!                     `N passed, M failed` over every suite (installs what is missing)
//! cargo xtask serve   the playground at http://127.0.0.1:8080 (installs what is missing)
//! cargo xtask dist    the playground as a static site in dist/
//! cargo xtask npm     the npm package in target/npm/workmail-policy/, packed
//! cargo xtask bench   every benchmark, reported in target/bench-report.md
//! cargo xtask fuzz    the fuzz targets, 60 s each (installs cargo-fuzz)
//! cargo xtask mutants mutation testing of the core, reported in target/mutants-report.md
//!                     (installs cargo-mutants)
//! cargo xtask types   the npm package's TypeScript declarations, generated from the Rust types,
//!                     and the JSON Schemas, generated from the core's shapes
//!                     (--check: fail when the committed ones are out of date)
//! ```
//!
//! The generated declarations (`crates/workmail-policy-wasm/src/types.d.ts` and
//! `analysis.d.ts`) and JSON Schemas (`crates/workmail-policy/schemas/*.schema.json`) are
//! committed; `cargo xtask test` fails when they are out of date, and `cargo xtask types`
//! rewrites them.

mod bench;
mod checks;
mod editor;
mod fuzz;
mod mutants;
mod npm;
mod serve;
mod site;
mod suites;
mod tools;
mod types;
mod util;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  test    check formatting, lints and docs, then run every test (native, wasm, npm, browser);
          the mutants of the lines HEAD changes in the core's sources (against its first
          parent, at most 2 of them) must be caught
  serve   serve the playground at http://127.0.0.1:8080
  dist    build the playground into dist/ (relative URLs: works under any sub-path)
  npm     build the npm package into target/npm/workmail-policy/ and pack it
  bench   run every benchmark and write target/bench-report.md;
          `bench replay`: only the replay of a large generated audit log
  fuzz    run the fuzz targets (cargo xtask fuzz --help)
  mutants mutation testing of the core with its own tests, or of the files named
          (cargo xtask mutants [FILE...]), reported in target/mutants-report.md; hours for
          the whole core. `mutants --in-diff`: only what `test` runs
  types   regenerate the npm package's TypeScript declarations from the Rust types
          (crates/workmail-policy-wasm/src/types.d.ts and analysis.d.ts) and the JSON
          Schemas from the core's shapes (crates/workmail-policy/schemas/; commit them);
          with --check, fail when they are out of date instead (as `test` does)

Each command installs the tools it needs when they are missing.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(),
        Some("npm") => npm::build().map(|_| ()),
        Some("bench") => match args.get(1).map(String::as_str) {
            None => bench::run_all(),
            Some("replay") => bench::replay_only(),
            Some(other) => Err(format!("unknown option `{other}`\n\n{USAGE}")),
        },
        Some("serve") => site::serve(),
        Some("dist") => site::dist().map(|_| ()),
        Some("fuzz") => fuzz::run(args.get(1..).unwrap_or_default()),
        Some("mutants") => mutants::run(args.get(1..).unwrap_or_default()),
        Some("types") => match args.get(1).map(String::as_str) {
            None => types::write(),
            Some("--check") => types::check(),
            Some(other) => Err(format!("unknown option `{other}`\n\n{USAGE}")),
        },
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
        None => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Everything CI runs, in order of cost: cheap checks first so a mistake fails fast. The last
/// line says how many tests every suite together passed and failed, whatever the outcome.
fn test() -> util::Result {
    let result = all_checks();
    suites::summary();
    result
}

fn all_checks() -> util::Result {
    checks::fmt()?;
    checks::clippy()?;
    checks::docs()?;
    types::check()?;
    bench::check_readme()?;
    checks::native_tests()?;
    mutants::diff_step()?;
    bench::smoke()?;
    fuzz::smoke()?;
    npm::test()?;
    site::test()?;
    serve::test()
}
