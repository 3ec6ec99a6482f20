//! The decision table as `workmail-policy table` and the npm package's `decisionTableText`
//! choose it: which part, and the part printed when none is asked for in a format.

use std::fmt;

use serde::Serialize;

use super::mobile_table::{MobileTable, mobile_table};
use super::table::{
    AccessTable, DecisionTable, ImpersonationTable, access_table, decision_table,
    impersonation_table,
};
use crate::org::Organization;

/// How a decision table is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// One line per row ([`Display`](fmt::Display)).
    Text,
    /// The rows as JSON, indented as the AWS CLI indents.
    Json,
    /// Markdown tables, under headings when every part is printed.
    Markdown,
    /// CSV (RFC 4180) of one table.
    Csv,
}

/// Which part of the decision table is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TablePart {
    /// Access control, then impersonation, then mobile device access (not with CSV: tables of
    /// different columns do not make one CSV).
    All,
    /// Access control rules: who may use which protocol from where.
    AccessControl,
    /// Impersonation roles: which users each role may impersonate.
    Impersonation,
    /// Mobile device access rules: which devices may synchronize.
    MobileDeviceAccess,
}

impl TablePart {
    /// The part printed when none is asked for: all for reading (text and Markdown), access
    /// control for data (JSON and CSV).
    pub const fn default_for(format: TableFormat) -> Self {
        match format {
            TableFormat::Text | TableFormat::Markdown => Self::All,
            TableFormat::Json | TableFormat::Csv => Self::AccessControl,
        }
    }
}

/// CSV holds one table: CSV of every part is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOfAllTables;

impl fmt::Display for CsvOfAllTables {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "CSV holds one table: print the access control, impersonation or mobile device access part",
        )
    }
}

impl std::error::Error for CsvOfAllTables {}

/// One part of an organization's decision table, or all: what `workmail-policy table --part`
/// prints. It serializes, displays and exports as the table it holds.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum SelectedTable {
    /// Every table (`{"AccessControl": [...], "Impersonation": [...], "MobileDeviceAccess":
    /// [...]}` in JSON).
    All(DecisionTable),
    /// The access control table.
    AccessControl(AccessTable),
    /// The impersonation table.
    Impersonation(ImpersonationTable),
    /// The mobile device access table.
    MobileDeviceAccess(MobileTable),
}

/// The `part` of the organization's decision table.
///
/// ```
/// use workmail_policy::Organization;
/// use workmail_policy::analysis::{TableFormat, TablePart, select_table};
///
/// let org = Organization::from_json(r#"{"AccessControlRules": []}"#)?.organization;
/// let part = TablePart::default_for(TableFormat::Csv);
/// let csv = select_table(&org, part).to_csv()?;
/// assert!(csv.starts_with("IpRanges,Actions,Principals,Effect,MatchedRules"));
/// assert!(select_table(&org, TablePart::All).to_csv().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn select_table(organization: &Organization, part: TablePart) -> SelectedTable {
    match part {
        TablePart::All => SelectedTable::All(decision_table(organization)),
        TablePart::AccessControl => SelectedTable::AccessControl(access_table(organization)),
        TablePart::Impersonation => SelectedTable::Impersonation(impersonation_table(organization)),
        TablePart::MobileDeviceAccess => {
            SelectedTable::MobileDeviceAccess(mobile_table(organization))
        }
    }
}

impl SelectedTable {
    /// Markdown: one table, or all under headings.
    pub fn to_markdown(&self) -> String {
        match self {
            Self::All(table) => table.to_markdown(),
            Self::AccessControl(table) => table.to_markdown(),
            Self::Impersonation(table) => table.to_markdown(),
            Self::MobileDeviceAccess(table) => table.to_markdown(),
        }
    }

    /// CSV (RFC 4180) of the one table held.
    ///
    /// # Errors
    /// Every table: their columns differ, and CSV tables do not make one.
    pub fn to_csv(&self) -> Result<String, CsvOfAllTables> {
        match self {
            Self::All(_) => Err(CsvOfAllTables),
            Self::AccessControl(table) => Ok(table.to_csv()),
            Self::Impersonation(table) => Ok(table.to_csv()),
            Self::MobileDeviceAccess(table) => Ok(table.to_csv()),
        }
    }
}

impl fmt::Display for SelectedTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::All(table) => table.fmt(f),
            Self::AccessControl(table) => table.fmt(f),
            Self::Impersonation(table) => table.fmt(f),
            Self::MobileDeviceAccess(table) => table.fmt(f),
        }
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
    fn each_part_prints_as_its_table() {
        let org = test_organization(DOCUMENT);
        let both = select_table(&org, TablePart::All);
        assert_eq!(both.to_string(), decision_table(&org).to_string());
        assert_eq!(both.to_markdown(), decision_table(&org).to_markdown());
        assert_eq!(both.to_csv(), Err(CsvOfAllTables));
        assert_eq!(
            CsvOfAllTables.to_string(),
            "CSV holds one table: print the access control, impersonation or mobile device access part"
        );
        let json = serde_json::to_value(&both).unwrap();
        assert_eq!(json, serde_json::to_value(decision_table(&org)).unwrap());
        let access = select_table(&org, TablePart::AccessControl);
        assert_eq!(access.to_csv().unwrap(), access_table(&org).to_csv());
        let roles = select_table(&org, TablePart::Impersonation);
        assert_eq!(roles.to_string(), impersonation_table(&org).to_string());
        assert_eq!(
            serde_json::to_value(&roles).unwrap(),
            serde_json::to_value(impersonation_table(&org)).unwrap()
        );
    }

    #[test]
    fn each_format_has_its_default_part() {
        assert_eq!(TablePart::default_for(TableFormat::Text), TablePart::All);
        assert_eq!(
            TablePart::default_for(TableFormat::Markdown),
            TablePart::All
        );
        assert_eq!(
            TablePart::default_for(TableFormat::Json),
            TablePart::AccessControl
        );
        assert_eq!(
            TablePart::default_for(TableFormat::Csv),
            TablePart::AccessControl
        );
    }
}
