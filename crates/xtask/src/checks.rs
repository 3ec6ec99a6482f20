//! The native checks: formatting, lints, tests.

use crate::util::{self, cargo, run, step};

/// `cargo fmt --check` over the whole workspace.
pub fn fmt() -> util::Result {
    step("checking formatting (cargo fmt --check)");
    run(cargo().args(["fmt", "--all", "--check"]))
}

/// Clippy on every crate and target, warnings as errors.
pub fn clippy() -> util::Result {
    step("linting (cargo clippy -D warnings)");
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))
}

/// Unit, integration, property and doc tests of every native crate.
pub fn native_tests() -> util::Result {
    step("running native tests (cargo test --workspace)");
    run(cargo().args(["test", "--workspace", "--locked"]))
}
