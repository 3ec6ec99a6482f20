//! The AWS SDK test of `workmail-policy serve`: the AWS SDK for JavaScript v3
//! (`@aws-sdk/client-workmail`, a development dependency of the root `package.json`) drives the
//! eleven operations, the modelled exceptions and concurrent clients against a server that each
//! test file starts on `127.0.0.1:0`.

use std::process::Command;

use crate::suites;
use crate::tools;
use crate::util::{self, cargo, root, run, step};

/// Builds the command, then runs every `*.test.mjs` in the CLI's `tests/sdk/` with Node's test
/// runner, the binary named in `WORKMAIL_POLICY_BIN`.
pub fn test() -> util::Result {
    tools::node_modules()?;
    step("building the command for the AWS SDK tests (cargo build -p workmail-policy-cli)");
    run(cargo().args(["build", "--package", "workmail-policy-cli", "--locked"]))?;
    let binary = util::debug_binary("workmail-policy");

    let tests_dir = root()
        .join("crates")
        .join("workmail-policy-cli")
        .join("tests")
        .join("sdk");
    let files = util::node_test_files(&tests_dir)?;
    step("running the AWS SDK for JavaScript against `workmail-policy serve` (node --test)");
    suites::node_suite(
        "AWS SDK against serve (node --test)",
        Command::new("node").env("WORKMAIL_POLICY_BIN", &binary),
        &files,
    )
    .map(|_| ())
}
