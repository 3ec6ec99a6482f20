//! `workmail-policy test`: saved test cases and properties run against a document.

use workmail_policy::analysis::{coverage, load_tests, load_tests_for, run_tests, tests_sarif};

use super::{BAD, GOOD, paint_leading, print_text};
use crate::args::{ReportFormat, TestArgs};
use crate::files::{artifact_uri, document_failure, load_organization, read_json_file};
use crate::output::{Console, Failure, both};

/// Runs every test and property and prints the core's report: one line each, then `N passed,
/// M failed`.
///
/// # Errors
/// An unreadable or invalid document or tests file (the problems of both are reported), a
/// property naming what the document does not have, a failure to print, or
/// [`Failure::Negative`] when a test or property fails.
pub fn run(args: &TestArgs, console: &mut Console<'_>) -> Result<(), Failure> {
    let organization = load_organization(console, &args.org);
    let suite = read_json_file(console.host(), &args.tests, "the tests file").and_then(|text| {
        load_tests(&text)
            .map(|loaded| (text, loaded))
            .map_err(|error| document_failure(&args.tests, &error))
    });
    let (organization, (text, _)) = both(organization, suite)?;
    // Read again with the document, so what the properties name is checked against it.
    let loaded = load_tests_for(&text, &organization)
        .map_err(|error| document_failure(&args.tests, &error))?;
    console.warnings(&loaded.warnings);
    let report = run_tests(&organization, &loaded.suite);
    let covered = (args.coverage || args.min_coverage.is_some())
        .then(|| coverage(&organization, &loaded.suite));
    match args.output {
        ReportFormat::Sarif => {
            console.json(&tests_sarif(&report, &text, &artifact_uri(&args.tests)))?;
        }
        ReportFormat::Json => {
            let mut value = serde_json::to_value(&report).unwrap_or_default();
            if let (Some(covered), Some(members)) = (&covered, value.as_object_mut()) {
                members.insert(
                    "Coverage".to_owned(),
                    serde_json::to_value(covered).unwrap_or_default(),
                );
            }
            console.json(&value)?;
        }
        ReportFormat::Text => {
            let mut printed = report.to_string();
            if let Some(covered) = &covered {
                printed.push_str(&covered.to_string());
            }
            print_text(console, &printed, |text| {
                paint_leading(text, &[("PASS", GOOD), ("FAIL", BAD)])
            })?;
        }
    }
    let short = covered
        .as_ref()
        .zip(args.min_coverage)
        .is_some_and(|(covered, least)| !covered.meets(least));
    if report.is_success() && !short {
        Ok(())
    } else {
        Err(Failure::Negative)
    }
}
