//! `workmail-policy test`: saved test cases run against a document.

use workmail_policy::analysis::{load_tests, run_tests};

use super::{BAD, GOOD, paint_leading, print_text};
use crate::args::TestArgs;
use crate::files::{document_failure, load_organization, read_json_file};
use crate::output::{Console, Failure, both};

/// Runs every test and prints the core's report: one line per test, then `N passed, M failed`.
///
/// # Errors
/// An unreadable or invalid document or tests file (the problems of both are reported), a
/// failure to print, or [`Failure::Negative`] when a test fails.
pub fn run(args: &TestArgs, console: &mut Console<'_>) -> Result<(), Failure> {
    let organization = load_organization(console, &args.org);
    let suite = read_json_file(console.host(), &args.tests, "the tests file")
        .and_then(|text| load_tests(&text).map_err(|error| document_failure(&args.tests, &error)));
    let (organization, loaded) = both(organization, suite)?;
    console.warnings(&loaded.warnings);
    let report = run_tests(&organization, &loaded.suite);
    print_text(console, &report.to_string(), |text| {
        paint_leading(text, &[("PASS", GOOD), ("FAIL", BAD)])
    })?;
    if report.is_success() {
        Ok(())
    } else {
        Err(Failure::Negative)
    }
}
