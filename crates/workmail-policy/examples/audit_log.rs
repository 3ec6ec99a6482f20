//! Writes a generated WorkMail audit log (JSON lines) to standard output: `cargo run --release
//! --example audit_log -- EVENTS [PROPOSED]`. With a second argument, writes the document the
//! log is meant to be replayed against to that path first. `cargo xtask bench` times
//! `workmail-policy replay` on it, and a parse-only baseline.

use std::io::Write;

#[path = "../benches/support/audit_log.rs"]
mod audit_log;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(events) = args.next().and_then(|events| events.parse::<u64>().ok()) else {
        eprintln!("usage: audit_log EVENTS [PROPOSED]");
        return std::process::ExitCode::from(2);
    };
    if let Some(path) = args.next()
        && let Err(error) = std::fs::write(&path, audit_log::PROPOSED)
    {
        eprintln!("cannot write {path}: {error}");
        return std::process::ExitCode::FAILURE;
    }
    let log = audit_log::generate(events);
    match std::io::stdout().lock().write_all(&log) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cannot write the log: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
