//! The `workmail-policy` command line, as a library: every command is a function from its
//! parsed arguments and a [`Host`] (files, output streams, terminal, clock, randomness) to an
//! exit [`Status`]. The native binary runs it with [`NativeHost`]; the npm package's
//! `npx workmail-policy` runs this same code compiled to WebAssembly with a host written over
//! Node.js's `fs`. So both print the same bytes and exit with the same codes, and their help
//! and usage errors come from one clap definition.
//!
//! ```
//! # #[cfg(feature = "native")] {
//! use workmail_policy_cli::{NativeHost, Status, run};
//! assert_eq!(run(["workmail-policy", "--version"], &mut NativeHost), Status::Success);
//! # }
//! ```
//!
//! Every answer, error and explanation comes from the core crate, `workmail-policy`; this crate
//! adapts it to a command line and nothing more. See the crate's README for the whole contract
//! (subcommands, output streams, exit codes, `--save`).
//!
//! Features: `native` (on by default) adds [`NativeHost`] and the `serve` endpoint; without it
//! the crate builds for `wasm32-unknown-unknown`.

pub mod args;
mod commands;
mod files;
pub mod host;
#[cfg(feature = "native")]
mod native;
mod output;
#[cfg(feature = "native")]
mod serve;

use std::ffi::OsString;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches};

use crate::args::{Cli, Command};
pub use crate::host::{
    FileKind, Host, Opened, Progress, SaveError, SaveStep, StdoutError, Terminal, WHOLE_READ_LIMIT,
    whole,
};
#[cfg(feature = "native")]
pub use crate::native::NativeHost;
use crate::output::Console;
pub use crate::output::{Failure, Status};

/// Help is wrapped to this many columns when standard output is not a terminal.
const HELP_COLUMNS: u16 = 100;

/// Runs one command line (`args` starts with the program's name, as `std::env::args_os` does)
/// in `host`, and returns its exit status. Everything the command prints goes through `host`.
pub fn run<I, T>(args: I, host: &mut dyn Host) -> Status
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let terminal = host.terminal();
    let mut command =
        Cli::command().term_width(usize::from(terminal.columns.unwrap_or(HELP_COLUMNS)));
    let parsed = command
        .try_get_matches_from_mut(args)
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches))
        .map_err(|error| error.format(&mut command));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => return usage(&error, host, terminal),
    };
    let mut console = Console::new(host, cli.quiet);
    let result = match &cli.command {
        Command::Call(args) => commands::call::run(args, &mut console),
        Command::Explain(args) => commands::explain::run(args, &mut console),
        Command::Serve(args) => console.host().serve(args, cli.quiet),
        Command::Table(args) => commands::table::run(args, &mut console),
        Command::Diff(args) => commands::diff::run(args, &mut console),
        Command::Check(args) => commands::check::run(args, &mut console),
        Command::Lint(args) => commands::lint::run(args, &mut console),
        Command::Test(args) => commands::saved_tests::run(args, &mut console),
        Command::Impersonate(args) => commands::impersonate::run(args, &mut console),
        Command::Replay(args) => commands::replay::run(args, &mut console),
    };
    match result {
        Ok(()) => Status::Success,
        Err(failure) => failure.report(&mut console),
    }
}

/// Prints clap's help, version or usage error: help and version on stdout, errors on stderr,
/// coloured on a terminal. Help and version succeed; every usage error is an invalid command
/// line (252), as the AWS CLI reports it.
fn usage(error: &clap::Error, host: &mut dyn Host, terminal: Terminal) -> Status {
    let styled = error.render();
    let on_stdout = !error.use_stderr();
    let colour = if on_stdout {
        terminal.colour_stdout()
    } else {
        terminal.colour_stderr()
    };
    let text = if colour {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    if on_stdout {
        // Help cut short by a closed pipe (`--help | head`) was still what was asked for.
        let _ = host.stdout(&text);
    } else {
        host.stderr(&text);
    }
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Status::Success,
        _ => Status::Invalid,
    }
}
