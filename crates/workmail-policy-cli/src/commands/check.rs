//! `workmail-policy check`: a guarantee between two versions of a policy, over every request.

use workmail_policy::analysis::{Guarantee, check_change, check_sarif};

use super::diff::load_both;
use crate::args::{CheckArgs, ReportFormat};
use crate::files::artifact_uri;
use crate::output::{Console, Failure};

/// Checks the guarantee `--no-new-access`, `--no-lost-access` or `--equivalent` names and
/// prints the core's report.
///
/// # Errors
/// Not exactly two documents, an invalid document (both are checked), a failure to print, or
/// [`Failure::Negative`] when the guarantee does not hold.
pub fn run(args: &CheckArgs, console: &mut Console<'_>) -> Result<(), Failure> {
    let (old, new) = load_both("check", &args.orgs, console)?;
    let guarantee = if args.no_new_access {
        Guarantee::NoNewAccess
    } else if args.no_lost_access {
        Guarantee::NoLostAccess
    } else {
        Guarantee::Equivalent
    };
    let report = check_change(&old, &new, guarantee);
    match args.output {
        ReportFormat::Json => console.json(&report)?,
        ReportFormat::Sarif => {
            let new = args
                .orgs
                .last()
                .map(|path| artifact_uri(path))
                .unwrap_or_default();
            console.json(&check_sarif(&report, &new))?;
        }
        ReportFormat::Text => console.stdout(&report.to_string())?,
    }
    if report.holds {
        Ok(())
    } else {
        Err(Failure::Negative)
    }
}
