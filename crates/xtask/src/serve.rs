//! The AWS SDK test of `workmail-policy serve`: the AWS SDK for JavaScript v3
//! (`@aws-sdk/client-workmail`, a development dependency of the root `package.json`) drives the
//! eleven operations, the modelled exceptions and concurrent clients against a server that each
//! test file starts on `127.0.0.1:0`.

use std::process::Command;

use crate::tools;
use crate::util::{self, cargo, root, run, step};

/// Builds the command, then runs every `*.test.mjs` in the CLI's `tests/sdk/` with Node's test
/// runner, the binary named in `WORKMAIL_POLICY_BIN`.
pub fn test() -> util::Result {
    tools::node_modules()?;
    step("building the command for the AWS SDK tests (cargo build -p workmail-policy-cli)");
    run(cargo().args(["build", "--package", "workmail-policy-cli", "--locked"]))?;
    // Where that build put the binary: `CARGO_TARGET_DIR` (relative to the root, where cargo
    // ran) when set.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| root().join("target"), |dir| root().join(dir));
    let binary = target
        .join("debug")
        .join(format!("workmail-policy{}", std::env::consts::EXE_SUFFIX));

    let tests_dir = root()
        .join("crates")
        .join("workmail-policy-cli")
        .join("tests")
        .join("sdk");
    let files = util::node_test_files(&tests_dir)?;
    step("running the AWS SDK for JavaScript against `workmail-policy serve` (node --test)");
    run(Command::new("node")
        .arg("--test")
        .args(&files)
        .env("WORKMAIL_POLICY_BIN", &binary))
}
