//! `workmail-policy diff`: every class of requests whose answer changes between two documents,
//! and the lockout guards.

use std::path::PathBuf;

use workmail_policy::Organization;
use workmail_policy::analysis::{DiffOptions, diff};

use crate::args::{DiffArgs, FailOn, Format};
use crate::files::load_organization;
use crate::output::{Console, Failure, both};

/// Compares the two documents and prints the changes; lockout warnings go to stderr in text
/// and into the JSON otherwise.
///
/// # Errors
/// Not exactly two documents, an invalid document (both are checked), a failure to print, or
/// [`Failure::Negative`] when `--fail-on` refuses the result.
pub fn run(args: &DiffArgs, console: &mut Console<'_>) -> Result<(), Failure> {
    let (old, new) = load_both("diff", &args.orgs, console)?;
    let options = DiffOptions {
        my_ips: args.my_ips.clone(),
    };
    let mut changes = diff(&old, &new, &options);
    let refused = match args.fail_on {
        None => false,
        Some(FailOn::Change) => !changes.is_empty(),
        Some(FailOn::Lockout) => !changes.warnings.is_empty(),
    } || (args.exit_code && !changes.is_empty());
    match args.output {
        Format::Json => console.json(&changes)?,
        Format::Text => {
            let warnings = std::mem::take(&mut changes.warnings);
            console.stdout(&changes.to_string())?;
            for warning in &warnings {
                console.stderr_line(&warning.to_string());
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
///
/// # Errors
/// Not exactly two paths, or a document that cannot be loaded.
pub fn load_both(
    command: &str,
    paths: &[PathBuf],
    console: &mut Console<'_>,
) -> Result<(Organization, Organization), Failure> {
    let [old, new] = paths else {
        return Err(Failure::invalid(format!(
            "`{command}` compares two documents, so it needs `--org` twice (`--org OLD --org NEW`), \
             not {} time{}",
            paths.len(),
            if paths.len() == 1 { "" } else { "s" }
        )));
    };
    let old = load_organization(console, old);
    both(old, load_organization(console, new))
}
