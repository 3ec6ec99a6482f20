//! `workmail-policy table`: the exact decision table, as text, Markdown, JSON or CSV.

use workmail_policy::analysis::{
    self, QueryMember, TableQuery, TableQueryError, csv_for_terminal, select_filtered_table,
};

use super::{EFFECTS, paint_leading, print_text};
use crate::args::{TableArgs, TableFormat, TablePart};
use crate::files::load_organization;
use crate::output::{Console, Failure};

/// Prints the part of the table `--part` asks for in the `--output` format, restricted to the
/// filters given.
///
/// # Errors
/// An invalid document, CSV of every table (CSV tables do not make one), a filter that cannot
/// be asked (an unknown action, user or role, a malformed range, a filter the part has no
/// column for), or a failure to print.
pub fn run(args: &TableArgs, console: &mut Console<'_>) -> Result<(), Failure> {
    let format = analysis::TableFormat::from(args.output);
    let part = args
        .part
        .map_or(analysis::TablePart::default_for(format), Into::into);
    if format == analysis::TableFormat::Csv && part == analysis::TablePart::All {
        return Err(csv_of_all());
    }
    let organization = load_organization(console, &args.org)?;
    let table = select_filtered_table(&organization, part, &query(args))
        .map_err(|error| filter_failure(&error))?;
    match format {
        analysis::TableFormat::Text => print_text(console, &table.to_string(), |text| {
            paint_leading(text, EFFECTS)
        }),
        analysis::TableFormat::Json => console.json(&table),
        analysis::TableFormat::Markdown => console.stdout(&table.to_markdown()),
        analysis::TableFormat::Csv => {
            let csv = table.to_csv().map_err(|_| csv_of_all())?;
            // CSV is data: written to a file or a pipe it holds identifiers exactly as the
            // document does. On a terminal, control characters inside fields are shown escaped
            // (`\u{1b}`), so a document cannot move the cursor or rewrite what is on the screen.
            if console.terminal().stdout {
                console.stdout(&csv_for_terminal(&csv))
            } else {
                console.stdout(&csv)
            }
        }
    }
}

/// The filters of the command line as the core's question.
fn query(args: &TableArgs) -> TableQuery {
    TableQuery {
        actions: args.actions.clone(),
        ip_range: args.ip.clone(),
        user_ids: args.user_ids.clone(),
        impersonation_role_ids: args.impersonation_role_ids.clone(),
        target_users: args.target_users.clone(),
        effect: args.effect.clone(),
    }
}

/// A question the core refuses, named by the option that asked it: `` `--action`: `imap` is
/// not an action ``, then the help on its own line.
fn filter_failure(error: &TableQueryError) -> Failure {
    let option = match error.member {
        QueryMember::Actions => "--action",
        QueryMember::IpRange => "--ip",
        QueryMember::UserIds => "--user-id",
        QueryMember::ImpersonationRoleIds => "--impersonation-role-id",
        QueryMember::TargetUsers => "--target-user",
        QueryMember::Effect => "--effect",
    };
    let message = flag_names(&error.message);
    match &error.help {
        Some(help) => Failure::invalid(format!(
            "`{option}`: {message}\n  help: {}",
            flag_names(help)
        )),
        None => Failure::invalid(format!("`{option}`: {message}")),
    }
}

/// A core message with its member names written as the options that give them.
fn flag_names(text: &str) -> String {
    [
        ("`Actions`", "`--action`"),
        ("`IpRange`", "`--ip`"),
        ("`UserIds`", "`--user-id`"),
        ("`ImpersonationRoleIds`", "`--impersonation-role-id`"),
        ("`TargetUsers`", "`--target-user`"),
        ("`Effect`", "`--effect`"),
    ]
    .into_iter()
    .fold(text.to_owned(), |text, (member, option)| {
        text.replace(member, option)
    })
}

/// Refuses CSV of every table: their columns differ, and CSV tables do not make one.
fn csv_of_all() -> Failure {
    Failure::invalid(
        "`--output csv` prints one table; add `--part access-control`, `--part impersonation` or `--part mobile-device-access`",
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
            TablePart::All => Self::All,
            TablePart::AccessControl => Self::AccessControl,
            TablePart::Impersonation => Self::Impersonation,
            TablePart::MobileDeviceAccess => Self::MobileDeviceAccess,
        }
    }
}
