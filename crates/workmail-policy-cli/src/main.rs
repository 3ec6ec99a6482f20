//! `workmail-policy`: Amazon WorkMail access control rule and impersonation role answers on the
//! command line, for scripts and CI. Every command lives in this crate's library; the binary
//! only hands it the process's arguments and the native host.

use std::process::ExitCode;

use workmail_policy_cli::{NativeHost, run};

fn main() -> ExitCode {
    ExitCode::from(run(std::env::args_os(), &mut NativeHost).code())
}
