//! `workmail-policy test`: saved test cases run against a document.

use workmail_policy::analysis::{load_tests, run_tests};

use super::{BAD, GOOD, both, paint_leading, print_text, read_json_file};
use crate::cli::TestArgs;
use crate::files::{document_failure, load_organization, print_warnings};
use crate::output::Failure;

/// Runs every test and prints the core's report: one line per test, then `N passed, M failed`.
///
/// # Errors
/// An unreadable or invalid document or tests file (the problems of both are reported), a
/// failure to print, or [`Failure::Negative`] when a test fails.
pub fn run(args: &TestArgs, quiet: bool) -> Result<(), Failure> {
    let organization = load_organization(&args.org, quiet);
    let suite = read_json_file(&args.tests, "the tests file")
        .and_then(|text| load_tests(&text).map_err(|error| document_failure(&args.tests, &error)));
    let (organization, loaded) = both(organization, suite)?;
    if !quiet {
        print_warnings(&loaded.warnings);
    }
    let report = run_tests(&organization, &loaded.suite);
    print_text(&report.to_string(), |text| {
        paint_leading(text, &[("PASS", GOOD), ("FAIL", BAD)])
    })?;
    if report.is_success() {
        Ok(())
    } else {
        Err(Failure::Negative)
    }
}
