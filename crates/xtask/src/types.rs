//! The npm package's TypeScript declarations, generated from the core's Rust types by the
//! `workmail-policy-typescript` crate. They are committed, so building the package needs
//! no generator: `cargo xtask types` rewrites them, and `cargo xtask test` fails when they are
//! not what the Rust types generate now.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::util::{self, cargo, root, run, step};

/// The generated files, in the wasm crate's `src/`.
const FILES: [&str; 2] = ["types.d.ts", "analysis.d.ts"];

/// Rewrites the declaration files from the Rust types.
pub fn write() -> util::Result {
    step("generating the TypeScript declarations");
    for file in FILES {
        let text = generate(file)?;
        let path = path(file);
        std::fs::write(&path, text)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        eprintln!("    wrote {}", path.display());
    }
    Ok(())
}

/// Runs the generator's own tests, then fails, naming the command that fixes it, when a
/// committed declaration file differs from what the generator writes now.
pub fn check() -> util::Result {
    step("checking the generated TypeScript declarations (cargo xtask types)");
    run(cargo().args([
        "test",
        "--locked",
        "--package",
        "workmail-policy",
        "--features",
        "ts",
        "--lib",
        "typescript::",
    ]))?;
    run(cargo().args([
        "test",
        "--locked",
        "--package",
        "workmail-policy-typescript",
    ]))?;
    let mut stale = Vec::new();
    for file in FILES {
        let path = path(file);
        let committed = std::fs::read_to_string(&path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        if generate(file)? != committed {
            stale.push(path.display().to_string());
        }
    }
    if stale.is_empty() {
        return Ok(());
    }
    Err(format!(
        "the TypeScript declarations are not what the Rust types generate now: {}\n\
         run `cargo xtask types` and commit the result",
        stale.join(", ")
    ))
}

fn path(file: &str) -> PathBuf {
    root().join("crates/workmail-policy-wasm/src").join(file)
}

/// The generator's output for `file`; its build errors go to the terminal.
fn generate(file: &str) -> util::Result<String> {
    let mut command = generator(file);
    util::output(command.stderr(Stdio::inherit()))
        .ok_or_else(|| format!("the generator failed; run `{}`", shown(file)))
}

fn generator(file: &str) -> Command {
    let mut command = cargo();
    command.args([
        "run",
        "--quiet",
        "--locked",
        "--package",
        "workmail-policy-typescript",
        "--",
        file,
    ]);
    command
}

fn shown(file: &str) -> String {
    format!("cargo run --package workmail-policy-typescript -- {file}")
}
