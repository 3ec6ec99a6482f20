//! The native checks: formatting, lints, documentation, tests.

use std::process::Command;

use crate::util::{self, cargo, run, step};

/// `cargo fmt --check` over the whole workspace.
pub fn fmt() -> util::Result {
    step("checking formatting (cargo fmt --check)");
    run(cargo().args(["fmt", "--all", "--check"]))
}

/// Clippy on every crate and target, warnings as errors; with the TypeScript generator (feature
/// `ts` of the wasm crate, and so of the core), which nothing else builds with lints.
pub fn clippy() -> util::Result {
    step("linting (cargo clippy -D warnings)");
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--features",
        "workmail-policy-wasm/ts",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))
}

/// The documentation of every crate, private items included, with a broken or ambiguous link
/// as an error. The command line's binary (`workmail-policy`) and the core's library
/// (`workmail_policy`) would write the same folder of `target/doc`, so the binary is documented
/// on its own first and the library's pages then take the folder.
pub fn docs() -> util::Result {
    step("building the documentation (cargo doc, warnings as errors)");
    run(doc().args(["--package", "workmail-policy-cli"]))?;
    run(doc().args(["--workspace", "--exclude", "workmail-policy-cli"]))
}

fn doc() -> Command {
    let mut command = cargo();
    command
        .args(["doc", "--no-deps", "--document-private-items", "--locked"])
        .env("RUSTDOCFLAGS", "-D warnings");
    command
}

/// Unit, integration, property and doc tests of every native crate.
pub fn native_tests() -> util::Result {
    step("running native tests (cargo test --workspace)");
    run(cargo().args(["test", "--workspace", "--locked"]))
}
