//! The generated files: the npm package's TypeScript declarations, from the core's Rust types,
//! and the core's JSON Schemas, from its shapes, all printed by the `workmail-policy-typescript`
//! crate. They are committed, so building the package needs no generator and editors find the
//! schemas in the repository: `cargo xtask types` rewrites them, and `cargo xtask test` fails when
//! they are not what the core generates now.

use std::process::{Command, Stdio};

use crate::util::{self, cargo, root, run, step};

/// The generated files, and the folder of each (from the repository's root).
const FILES: [(&str, &str); 4] = [
    ("types.d.ts", "crates/workmail-policy-wasm/src"),
    ("analysis.d.ts", "crates/workmail-policy-wasm/src"),
    ("organization.schema.json", SCHEMAS),
    ("tests.schema.json", SCHEMAS),
];

/// The folder of the JSON Schemas, which the npm package copies.
pub const SCHEMAS: &str = "crates/workmail-policy/schemas";

/// Rewrites the generated files from the core.
pub fn write() -> util::Result {
    step("generating the TypeScript declarations and the JSON Schemas");
    for (file, folder) in FILES {
        let text = generate(file)?;
        let path = root().join(folder).join(file);
        std::fs::write(&path, text)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        eprintln!("    wrote {}", path.display());
    }
    Ok(())
}

/// Runs the generators' own tests, then fails, naming the command that fixes it, when a
/// committed generated file differs from what the generator writes now.
pub fn check() -> util::Result {
    step("checking the generated TypeScript declarations and JSON Schemas (cargo xtask types)");
    run(cargo().args([
        "test",
        "--locked",
        "--package",
        "workmail-policy",
        "--features",
        "ts",
        "--lib",
        "--",
        "typescript::",
        "schema::",
    ]))?;
    run(cargo().args([
        "test",
        "--locked",
        "--package",
        "workmail-policy-typescript",
    ]))?;
    let mut stale = Vec::new();
    for (file, folder) in FILES {
        let path = root().join(folder).join(file);
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
        "the generated files are not what the core generates now: {}\n\
         run `cargo xtask types` and commit the result",
        stale.join(", ")
    ))
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
