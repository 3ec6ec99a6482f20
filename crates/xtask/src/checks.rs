//! The native checks: formatting, lints, documentation, tests.

use std::process::Command;

use crate::suites;
use crate::tools;
use crate::util::{self, cargo, run, step};

/// The fuzz targets' own workspace (`fuzz/Cargo.toml`): outside the main one, so it is named
/// explicitly wherever the whole code base is checked.
fn fuzz_manifest() -> std::path::PathBuf {
    util::root().join("fuzz").join("Cargo.toml")
}

/// `cargo fmt --check` over the whole workspace and the fuzz targets.
pub fn fmt() -> util::Result {
    step("checking formatting (cargo fmt --check, the workspace and fuzz/)");
    run(cargo().args(["fmt", "--all", "--check"]))?;
    run(cargo()
        .args(["fmt", "--check", "--manifest-path"])
        .arg(fuzz_manifest()))
}

/// Clippy on every crate and target, warnings as errors: natively; for WebAssembly, where the
/// browser-only test files and each npm module's feature set compile; and the fuzz targets with
/// their seed maker.
pub fn clippy() -> util::Result {
    step("linting (cargo clippy -D warnings)");
    let lint = |args: &[&str]| {
        run(cargo()
            .arg("clippy")
            .args(args)
            .args(["--locked", "--", "-D", "warnings"]))
    };
    lint(&["--workspace", "--all-targets"])?;
    tools::wasm_target()?;
    let wasm = "--target=wasm32-unknown-unknown";
    lint(&[wasm, "-p", "workmail-policy-www", "--all-targets"])?;
    lint(&[wasm, "-p", "workmail-policy-wasm", "--all-targets"])?;
    for features in ["", "analysis", "cli"] {
        lint(&[
            wasm,
            "-p",
            "workmail-policy-wasm",
            "--no-default-features",
            "--features",
            features,
        ])?;
    }
    step("linting the fuzz targets and their seed maker (cargo clippy -D warnings)");
    run(cargo()
        .args(["clippy", "--all-targets", "--manifest-path"])
        .arg(fuzz_manifest())
        .args(["--", "-D", "warnings"]))
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
    suites::cargo_suite(
        "native (cargo test --workspace)",
        cargo().args(["test", "--workspace", "--locked"]),
    )
    .map(|_| ())
}
