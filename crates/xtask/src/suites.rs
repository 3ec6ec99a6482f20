//! Running test suites and counting what they ran: every suite of `cargo xtask test` goes through
//! [`cargo_suite`] or [`node_suite`], which stream the runner's output, read its counts, and fail
//! the step when it failed, ran no test, or skipped one. [`summary`] prints the total at the end,
//! `N passed, M failed` (and `, K skipped` when any) on a line of its own.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Mutex, PoisonError};

use crate::util::{self, root};

/// What a suite ran.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed.
    pub failed: u64,
    /// Tests skipped, ignored or left to do.
    pub skipped: u64,
}

impl Counts {
    fn add(&mut self, other: Self) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} passed, {} failed", self.passed, self.failed)?;
        if self.skipped > 0 {
            write!(f, ", {} skipped", self.skipped)?;
        }
        Ok(())
    }
}

/// Every suite run so far, in order.
static RAN: Mutex<Vec<(String, Counts)>> = Mutex::new(Vec::new());

fn record(suite: &str, counts: Counts) {
    RAN.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push((suite.to_owned(), counts));
}

/// Prints each suite's counts, then the total as the last line of standard output.
pub fn summary() {
    let ran = RAN.lock().unwrap_or_else(PoisonError::into_inner);
    let mut total = Counts::default();
    let mut text = String::from("\nsuites:\n");
    for (suite, counts) in ran.iter() {
        text.push_str(&format!("  {suite:<44} {counts}\n"));
        total.add(*counts);
    }
    text.push_str(&format!("{total}\n"));
    print!("{text}");
    let _ = std::io::stdout().flush();
}

/// Runs a cargo test command (native tests or wasm-bindgen-test), streaming its output, and
/// records the sum of its `test result:` lines as `suite`.
///
/// # Errors
/// The command failed, ran no test, or ignored one.
pub fn cargo_suite(suite: &str, command: &mut Command) -> util::Result<Counts> {
    let (success, stdout) = streamed(command)?;
    let counts = cargo_counts(&stdout);
    finish(suite, counts, success)
}

/// Runs Node's test runner over `files` with the spec reporter on standard output and a TAP
/// report in `target/test-reports/<suite>.tap`, and records the TAP report's counts as `suite`.
/// `command` is `node` with its environment set; the runner's arguments are added here.
///
/// # Errors
/// The run failed, ran no test, or skipped, cancelled or left to do one.
pub fn node_suite(suite: &str, command: &mut Command, files: &[PathBuf]) -> util::Result<Counts> {
    let reports = util::target_dir().join("test-reports");
    std::fs::create_dir_all(&reports)
        .map_err(|error| format!("cannot create {}: {error}", reports.display()))?;
    let tap = reports.join(format!("{}.tap", file_name(suite)));
    // A report left by an earlier run must not be read as this one's.
    let _ = std::fs::remove_file(&tap);
    command
        .arg("--test")
        .arg("--test-reporter=spec")
        .arg("--test-reporter-destination=stdout")
        .arg("--test-reporter=tap")
        .arg(format!("--test-reporter-destination={}", tap.display()))
        .args(files);
    let (success, _) = streamed(command)?;
    let report = std::fs::read_to_string(&tap).unwrap_or_default();
    finish(suite, tap_counts(&report), success)
}

fn finish(suite: &str, counts: Counts, success: bool) -> util::Result<Counts> {
    record(suite, counts);
    util::step(&format!("{suite}: {counts}"));
    if !success || counts.failed > 0 {
        return Err(format!("{suite} failed: {counts}"));
    }
    if counts.passed == 0 {
        return Err(format!(
            "{suite} ran no test: a runner that finds nothing must not pass"
        ));
    }
    if counts.skipped > 0 {
        return Err(format!(
            "{suite} skipped {} tests: every test must run",
            counts.skipped
        ));
    }
    Ok(counts)
}

/// Runs `command` in the workspace root with stdout piped through to ours line by line, and
/// returns whether it succeeded and what it printed there.
fn streamed(command: &mut Command) -> util::Result<(bool, String)> {
    let shown = util::show(command);
    eprintln!("    $ {shown}");
    if command.get_current_dir().is_none() {
        command.current_dir(root());
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|error| format!("cannot start `{shown}`: {error}"))?;
    let mut captured = String::new();
    if let Some(stdout) = child.stdout.take() {
        let mut out = std::io::stdout().lock();
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|error| format!("cannot read `{shown}`'s output: {error}"))?;
            let _ = writeln!(out, "{line}");
            captured.push_str(&line);
            captured.push('\n');
        }
    }
    let status = child
        .wait()
        .map_err(|error| format!("cannot wait for `{shown}`: {error}"))?;
    Ok((status.success(), captured))
}

/// The sum of cargo's (and wasm-bindgen-test's) `test result: ok. 3 passed; 0 failed; 1
/// ignored; ...` lines.
fn cargo_counts(text: &str) -> Counts {
    let mut total = Counts::default();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            continue;
        };
        let number = |label: &str| -> u64 {
            rest.split(';')
                .filter_map(|part| part.trim().rsplit_once(' '))
                .find(|(_, word)| *word == label)
                .and_then(|(count, _)| count.rsplit(' ').next()?.parse().ok())
                .unwrap_or(0)
        };
        total.add(Counts {
            passed: number("passed"),
            failed: number("failed"),
            skipped: number("ignored"),
        });
    }
    total
}

/// The totals at the end of a TAP report from Node's test runner (`# pass 12`...).
fn tap_counts(text: &str) -> Counts {
    let number = |label: &str| -> u64 {
        text.lines()
            .rev()
            .find_map(|line| line.strip_prefix(label)?.trim().parse().ok())
            .unwrap_or(0)
    };
    Counts {
        passed: number("# pass "),
        failed: number("# fail ") + number("# cancelled "),
        skipped: number("# skipped ") + number("# todo "),
    }
}

/// A suite's name as a file name.
fn file_name(suite: &str) -> String {
    suite
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_counts_sum_every_binary() {
        let text = "running 3 tests\ntest result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
                    test result: FAILED. 12 passed; 2 failed; 0 ignored; 0 filtered out; finished in 3.84s\n\
                    test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(
            cargo_counts(text),
            Counts {
                passed: 15,
                failed: 2,
                skipped: 1
            }
        );
        assert_eq!(cargo_counts("nothing ran"), Counts::default());
    }

    #[test]
    fn tap_counts_read_the_totals() {
        let tap = "ok 1 - a\n# tests 14\n# suites 0\n# pass 11\n# fail 1\n# cancelled 1\n# skipped 1\n# todo 0\n";
        assert_eq!(
            tap_counts(tap),
            Counts {
                passed: 11,
                failed: 2,
                skipped: 1
            }
        );
    }

    #[test]
    fn a_suite_that_ran_nothing_or_skipped_fails() {
        assert!(finish("empty", Counts::default(), true).is_err());
        let skipped = Counts {
            passed: 3,
            failed: 0,
            skipped: 1,
        };
        assert!(finish("skipping", skipped, true).is_err());
        let failed = Counts {
            passed: 3,
            failed: 1,
            skipped: 0,
        };
        assert!(finish("failing", failed, true).is_err());
        let passed = Counts {
            passed: 3,
            ..Counts::default()
        };
        assert!(finish("passing", passed, false).is_err());
        assert_eq!(finish("passing", passed, true), Ok(passed));
    }

    #[test]
    fn the_total_line_names_skipped_tests_only_when_there_are_some() {
        let counts = Counts {
            passed: 5,
            failed: 1,
            skipped: 0,
        };
        assert_eq!(counts.to_string(), "5 passed, 1 failed");
        let skipped = Counts {
            skipped: 2,
            ..counts
        };
        assert_eq!(skipped.to_string(), "5 passed, 1 failed, 2 skipped");
    }
}
