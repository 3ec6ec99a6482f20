//! `workmail-policy table`: the exact decision table, as text, Markdown, JSON or CSV.

use std::io::IsTerminal;

use workmail_policy::analysis::{
    access_table, csv_for_terminal, decision_table, impersonation_table,
};

use super::{EFFECTS, paint_leading, print_text};
use crate::cli::{TableArgs, TableFormat, TablePart};
use crate::files::load_organization;
use crate::output::{Failure, print_json, print_stdout};

/// Prints the part of the table `--part` asks for in the `--output` format.
///
/// # Errors
/// An invalid document, CSV of both tables (two CSV tables do not make one), or a failure to
/// print.
pub fn run(args: &TableArgs, quiet: bool) -> Result<(), Failure> {
    let part = args.part.unwrap_or(match args.output {
        TableFormat::Text | TableFormat::Markdown => TablePart::Both,
        TableFormat::Json | TableFormat::Csv => TablePart::AccessControl,
    });
    if (args.output, part) == (TableFormat::Csv, TablePart::Both) {
        return Err(csv_of_both());
    }
    let organization = load_organization(&args.org, quiet)?;
    match (args.output, part) {
        (TableFormat::Text, TablePart::Both) => text(&decision_table(&organization).to_string()),
        (TableFormat::Text, TablePart::AccessControl) => {
            text(&access_table(&organization).to_string())
        }
        (TableFormat::Text, TablePart::Impersonation) => {
            text(&impersonation_table(&organization).to_string())
        }
        (TableFormat::Markdown, TablePart::Both) => {
            print_stdout(&decision_table(&organization).to_markdown())
        }
        (TableFormat::Markdown, TablePart::AccessControl) => {
            print_stdout(&access_table(&organization).to_markdown())
        }
        (TableFormat::Markdown, TablePart::Impersonation) => {
            print_stdout(&impersonation_table(&organization).to_markdown())
        }
        (TableFormat::Json, TablePart::Both) => print_json(&decision_table(&organization)),
        (TableFormat::Json, TablePart::AccessControl) => print_json(&access_table(&organization)),
        (TableFormat::Json, TablePart::Impersonation) => {
            print_json(&impersonation_table(&organization))
        }
        (TableFormat::Csv, TablePart::AccessControl) => csv(&access_table(&organization).to_csv()),
        (TableFormat::Csv, TablePart::Impersonation) => {
            csv(&impersonation_table(&organization).to_csv())
        }
        (TableFormat::Csv, TablePart::Both) => Err(csv_of_both()),
    }
}

/// Refuses CSV of both tables: their columns differ, and two CSV tables do not make one.
fn csv_of_both() -> Failure {
    Failure::invalid(
        "`--output csv` prints one table; add `--part access-control` or `--part impersonation`",
    )
}

/// CSV is data: written to a file or a pipe it holds identifiers exactly as the document does.
/// On a terminal, control characters inside fields are shown escaped (`\u{1b}`), so a document
/// cannot move the cursor or rewrite what is on the screen.
fn csv(table: &str) -> Result<(), Failure> {
    if std::io::stdout().is_terminal() {
        print_stdout(&csv_for_terminal(table))
    } else {
        print_stdout(table)
    }
}

/// The text tables, with each row's effect coloured on a terminal.
fn text(table: &str) -> Result<(), Failure> {
    print_text(table, |text| paint_leading(text, EFFECTS))
}
