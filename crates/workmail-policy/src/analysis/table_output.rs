//! The decision table printed whole: which table (`part`) in which format, as `workmail-policy
//! table` and the npm package's `decisionTableText` print it.

use std::fmt;
use std::str::FromStr;

use super::table::{access_table, decision_table, impersonation_table};
use crate::org::Organization;

/// How a decision table is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// One line per row ([`Display`](fmt::Display)).
    Text,
    /// The rows as JSON, indented as the AWS CLI indents.
    Json,
    /// Markdown tables, under headings when both are printed.
    Markdown,
    /// CSV (RFC 4180) of one table.
    Csv,
}

/// Which part of the decision table is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TablePart {
    /// Access control, then impersonation (not with CSV: two tables do not make one CSV).
    Both,
    /// Access control rules: who may use which protocol from where.
    AccessControl,
    /// Impersonation roles: which users each role may impersonate.
    Impersonation,
}

impl TablePart {
    /// The part printed when none is asked for: both for reading (text and Markdown), access
    /// control for data (JSON and CSV).
    pub const fn default_for(format: TableFormat) -> Self {
        match format {
            TableFormat::Text | TableFormat::Markdown => Self::Both,
            TableFormat::Json | TableFormat::Csv => Self::AccessControl,
        }
    }
}

/// CSV holds one table: CSV of both parts is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOfBothTables;

impl fmt::Display for CsvOfBothTables {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CSV holds one table: print the access control or the impersonation part")
    }
}

impl std::error::Error for CsvOfBothTables {}

/// The `part` of the organization's decision table in `format` (the default part for the format
/// when `None`).
///
/// ```
/// use workmail_policy::Organization;
/// use workmail_policy::analysis::{TableFormat, TablePart, print_table};
///
/// let org = Organization::from_json(r#"{"AccessControlRules": []}"#)?.organization;
/// let csv = print_table(&org, TableFormat::Csv, None)?;
/// assert!(csv.starts_with("IpRanges,Actions,Principals,Effect,MatchedRules"));
/// assert!(print_table(&org, TableFormat::Csv, Some(TablePart::Both)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// CSV of both parts.
pub fn print_table(
    organization: &Organization,
    format: TableFormat,
    part: Option<TablePart>,
) -> Result<String, CsvOfBothTables> {
    let part = part.unwrap_or(TablePart::default_for(format));
    let json = |value: Result<String, serde_json::Error>| {
        // The tables are structs and lists of strings: they always serialize.
        value.unwrap_or_default()
    };
    Ok(match (format, part) {
        (TableFormat::Csv, TablePart::Both) => return Err(CsvOfBothTables),
        (TableFormat::Text, TablePart::Both) => decision_table(organization).to_string(),
        (TableFormat::Text, TablePart::AccessControl) => access_table(organization).to_string(),
        (TableFormat::Text, TablePart::Impersonation) => {
            impersonation_table(organization).to_string()
        }
        (TableFormat::Markdown, TablePart::Both) => decision_table(organization).to_markdown(),
        (TableFormat::Markdown, TablePart::AccessControl) => {
            access_table(organization).to_markdown()
        }
        (TableFormat::Markdown, TablePart::Impersonation) => {
            impersonation_table(organization).to_markdown()
        }
        (TableFormat::Json, TablePart::Both) => {
            json(crate::text::pretty_json(&decision_table(organization)))
        }
        (TableFormat::Json, TablePart::AccessControl) => {
            json(crate::text::pretty_json(&access_table(organization)))
        }
        (TableFormat::Json, TablePart::Impersonation) => {
            json(crate::text::pretty_json(&impersonation_table(organization)))
        }
        (TableFormat::Csv, TablePart::AccessControl) => access_table(organization).to_csv(),
        (TableFormat::Csv, TablePart::Impersonation) => impersonation_table(organization).to_csv(),
    })
}

/// A name that is not one of the choices, with the choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownChoice {
    /// The name given.
    pub given: String,
    /// The names accepted.
    pub choices: &'static [&'static str],
}

impl fmt::Display for UnknownChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let listed: Vec<String> = self.choices.iter().map(|c| format!("`{c}`")).collect();
        write!(f, "`{}` is not one of {}", self.given, listed.join(", "))
    }
}

impl std::error::Error for UnknownChoice {}

/// Reads one of `choices` (the names the command line uses), in the order of `values`.
fn choose<T: Copy>(
    text: &str,
    choices: &'static [&'static str],
    values: &[T],
) -> Result<T, UnknownChoice> {
    choices
        .iter()
        .zip(values)
        .find(|(name, _)| **name == text)
        .map(|(_, value)| *value)
        .ok_or_else(|| UnknownChoice {
            given: text.to_owned(),
            choices,
        })
}

impl FromStr for TableFormat {
    type Err = UnknownChoice;

    /// `text`, `json`, `markdown` or `csv`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        choose(
            text,
            &["text", "json", "markdown", "csv"],
            &[Self::Text, Self::Json, Self::Markdown, Self::Csv],
        )
    }
}

impl FromStr for TablePart {
    type Err = UnknownChoice;

    /// `both`, `access-control` or `impersonation`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        choose(
            text,
            &["both", "access-control", "impersonation"],
            &[Self::Both, Self::AccessControl, Self::Impersonation],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_organization;

    const DOCUMENT: &str = r#"{"AccessControlRules": [
        {"Name": "no-imap", "Effect": "DENY", "Description": "", "Actions": ["IMAP"]}],
      "ImpersonationRoles": []}"#;

    #[test]
    fn each_format_and_part_prints_its_table() {
        let org = test_organization(DOCUMENT);
        let text = print_table(&org, TableFormat::Text, None).unwrap();
        assert_eq!(text, decision_table(&org).to_string());
        let json = print_table(&org, TableFormat::Json, None).unwrap();
        assert!(json.starts_with("[\n    {\n        \"IpRanges\""), "{json}");
        let markdown = print_table(&org, TableFormat::Markdown, Some(TablePart::Impersonation));
        assert_eq!(markdown.unwrap(), impersonation_table(&org).to_markdown());
        assert_eq!(
            print_table(&org, TableFormat::Csv, None).unwrap(),
            access_table(&org).to_csv()
        );
        assert_eq!(
            print_table(&org, TableFormat::Csv, Some(TablePart::Both)),
            Err(CsvOfBothTables)
        );
    }

    #[test]
    fn names_read_as_the_command_line_writes_them() {
        assert_eq!("markdown".parse(), Ok(TableFormat::Markdown));
        assert_eq!("access-control".parse(), Ok(TablePart::AccessControl));
        let unknown = "html".parse::<TableFormat>().unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "`html` is not one of `text`, `json`, `markdown`, `csv`"
        );
    }
}
