//! End-to-end tests of the `workmail-policy` binary: exit codes, the exact stdout/stderr shapes,
//! `--save`, `explain`, help, and hostile inputs.

mod args;
mod call;
mod deadline;
mod explain;
mod many_diagnostics;
mod mobile;
mod robustness;
mod save;
#[path = "../support/mod.rs"]
#[expect(dead_code, reason = "these tests use part of the shared support")]
mod support;
