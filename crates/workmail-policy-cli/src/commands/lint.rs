//! `workmail-policy lint`: every lint finding of a document, located; `--explain CODE` prints a
//! lint's documentation.

use workmail_policy::analysis::{LintSeverity, lint_document, lint_rule, lint_rules, lint_sarif};

use super::{INFO, WARNING, paint_leading, print_text};
use crate::args::{LintArgs, ReportFormat};
use crate::files::artifact_uri;
use crate::files::{document_failure, read_json_file};
use crate::output::{Console, Failure};

/// Lints the document, or prints the documentation `--explain` asks for.
///
/// # Errors
/// An unknown lint code, an unreadable or invalid document, a failure to print, or
/// [`Failure::Negative`] when a finding has warning severity.
pub fn run(args: &LintArgs, console: &mut Console<'_>) -> Result<(), Failure> {
    if let Some(code) = &args.explain {
        return explain(code, args.output, console);
    }
    let Some(path) = &args.org else {
        return Err(Failure::invalid(
            "`lint` needs `--org FILE`, or `--explain CODE` for a lint's documentation",
        ));
    };
    let text = read_json_file(console.host(), path, "the organization document")?;
    let report = lint_document(&text).map_err(|error| document_failure(path, &error))?;
    match args.output {
        ReportFormat::Json => console.json(&report)?,
        ReportFormat::Sarif => console.json(&lint_sarif(&report, &artifact_uri(path)))?,
        ReportFormat::Text => print_text(console, &report.to_string(), |text| {
            paint_leading(text, &[("warning", WARNING), ("info", INFO)])
        })?,
    }
    if report.count(LintSeverity::Warning) > 0 {
        Err(Failure::Negative)
    } else {
        Ok(())
    }
}

/// Prints one lint's What / Why / Example / Fix.
fn explain(code: &str, format: ReportFormat, console: &mut Console<'_>) -> Result<(), Failure> {
    let rule = lint_rule(code).ok_or_else(|| {
        Failure::invalid(format!(
            "`{code}` is not a lint code; `workmail-policy lint --help` lists all {}",
            lint_rules().len()
        ))
    })?;
    match format {
        ReportFormat::Json => console.json(rule),
        ReportFormat::Text => console.stdout(&rule.help_text()),
        ReportFormat::Sarif => Err(Failure::invalid(
            "`--explain` prints a lint's documentation as text or JSON, not SARIF",
        )),
    }
}
