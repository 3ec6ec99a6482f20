//! `workmail-policy table`: the exact decision table, as text, Markdown, JSON or CSV.

use workmail_policy::analysis::{self, csv_for_terminal, print_table};

use super::{EFFECTS, paint_leading, print_text};
use crate::args::{TableArgs, TableFormat, TablePart};
use crate::files::load_organization;
use crate::output::{Console, Failure};

/// Prints the part of the table `--part` asks for in the `--output` format.
///
/// # Errors
/// An invalid document, CSV of both tables (two CSV tables do not make one), or a failure to
/// print.
pub fn run(args: &TableArgs, console: &mut Console<'_>) -> Result<(), Failure> {
    let format = analysis::TableFormat::from(args.output);
    let part = args.part.map(analysis::TablePart::from);
    if format == analysis::TableFormat::Csv && part == Some(analysis::TablePart::Both) {
        return Err(csv_of_both());
    }
    let organization = load_organization(console, &args.org)?;
    let table = print_table(&organization, format, part).map_err(|_| csv_of_both())?;
    match format {
        analysis::TableFormat::Text => {
            print_text(console, &table, |text| paint_leading(text, EFFECTS))
        }
        // CSV is data: written to a file or a pipe it holds identifiers exactly as the document
        // does. On a terminal, control characters inside fields are shown escaped (`\u{1b}`),
        // so a document cannot move the cursor or rewrite what is on the screen.
        analysis::TableFormat::Csv if console.terminal().stdout => {
            console.stdout(&csv_for_terminal(&table))
        }
        _ => console.stdout(&table),
    }
}

/// Refuses CSV of both tables: their columns differ, and two CSV tables do not make one.
fn csv_of_both() -> Failure {
    Failure::invalid(
        "`--output csv` prints one table; add `--part access-control` or `--part impersonation`",
    )
}

impl From<TableFormat> for analysis::TableFormat {
    fn from(format: TableFormat) -> Self {
        match format {
            TableFormat::Text => Self::Text,
            TableFormat::Json => Self::Json,
            TableFormat::Markdown => Self::Markdown,
            TableFormat::Csv => Self::Csv,
        }
    }
}

impl From<TablePart> for analysis::TablePart {
    fn from(part: TablePart) -> Self {
        match part {
            TablePart::Both => Self::Both,
            TablePart::AccessControl => Self::AccessControl,
            TablePart::Impersonation => Self::Impersonation,
        }
    }
}
