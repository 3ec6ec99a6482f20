//! `workmail-policy diff`: every class of requests whose answer changes between two documents,
//! and the lockout guards.

use std::path::PathBuf;

use workmail_policy::Organization;
use workmail_policy::analysis::{DiffOptions, diff};

use super::both;
use crate::cli::{DiffArgs, FailOn, Format};
use crate::files::load_organization;
use crate::output::{Failure, print_json, print_stdout, stderr_line};

/// Compares the two documents and prints the changes; lockout warnings go to stderr in text
/// and into the JSON otherwise.
///
/// # Errors
/// Not exactly two documents, an invalid document (both are checked), a failure to print, or
/// [`Failure::Negative`] when `--fail-on` refuses the result.
pub fn run(args: &DiffArgs, quiet: bool) -> Result<(), Failure> {
    let (old, new) = load_both(&args.orgs, quiet)?;
    let options = DiffOptions {
        my_ips: args.my_ips.clone(),
    };
    let mut changes = diff(&old, &new, &options);
    let refused = match args.fail_on {
        None => false,
        Some(FailOn::Change) => !changes.is_empty(),
        Some(FailOn::Lockout) => !changes.warnings.is_empty(),
    };
    match args.output {
        Format::Json => print_json(&changes)?,
        Format::Text => {
            let warnings = std::mem::take(&mut changes.warnings);
            print_stdout(&changes.to_string())?;
            for warning in &warnings {
                stderr_line(&warning.to_string());
            }
        }
    }
    if refused {
        Err(Failure::Negative)
    } else {
        Ok(())
    }
}

/// Loads `--org OLD --org NEW`, reporting the problems of both at once.
fn load_both(paths: &[PathBuf], quiet: bool) -> Result<(Organization, Organization), Failure> {
    let [old, new] = paths else {
        return Err(Failure::invalid(format!(
            "`diff` compares two documents, so it needs `--org` twice (`--org OLD --org NEW`), \
             not {} time{}",
            paths.len(),
            if paths.len() == 1 { "" } else { "s" }
        )));
    };
    both(load_organization(old, quiet), load_organization(new, quiet))
}
