//! `workmail-policy`: Amazon WorkMail access control rule and impersonation role answers on the
//! command line, for scripts and CI.
//!
//! The command adapts the `workmail-policy` crate to a terminal and nothing more: every answer,
//! error and explanation comes from the core. See the crate's README for the whole contract
//! (subcommands, output streams, exit codes, `--save`).

mod analyze;
mod call;
mod cli;
mod explain;
mod files;
mod output;
mod serve;
mod system;

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use crate::cli::{Cli, Command};
use crate::output::Status;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage(&error).into(),
    };
    let result = match &cli.command {
        Command::Call(args) => call::run(args, cli.quiet),
        Command::Explain(args) => explain::run(args, cli.quiet),
        Command::Serve(args) => serve::run(args, cli.quiet),
        Command::Table(args) => analyze::table::run(args, cli.quiet),
        Command::Diff(args) => analyze::diff::run(args, cli.quiet),
        Command::Lint(args) => analyze::lint::run(args),
        Command::Test(args) => analyze::saved_tests::run(args, cli.quiet),
        Command::Impersonate(args) => analyze::impersonate::run(args, cli.quiet),
    };
    match result {
        Ok(()) => Status::Success,
        Err(failure) => failure.report(),
    }
    .into()
}

/// Prints clap's help, version or usage error. Help and version succeed; every usage error is
/// an invalid command line (252), as the AWS CLI reports it.
fn usage(error: &clap::Error) -> Status {
    // Nothing more can be reported if the terminal is gone.
    let _ = error.print();
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Status::Success,
        _ => Status::Invalid,
    }
}
