//! The decision table as the Table panel shows it, and the jobs that make it and its downloads.
//!
//! A [`ShownTable`] holds what the panel draws: each access row's principals and addresses as
//! the sets the core tells them by (`PrincipalSet`, `AddressSet`: "any user except `a`"), each
//! role's target classes, and the mobile rows' cells as text. It is small however large the
//! directory, so the analysis worker can hand it back as JSON: the core's table itself lists
//! every principal of each row (45 MB of JSON for a 106,000-user directory), and reading that
//! back would cost the page what computing it does.
//!
//! [`TableJob`] computes it from a document's text and the filter fields, [`TableFileJob`] a
//! download of it; both run here for a document up to `offload::LARGE_DOCUMENT` and in the
//! analysis worker above (see [`crate::offload`]).

use serde::{Deserialize, Serialize};
use workmail_policy::analysis::{
    AddressSet, DecisionTable, PrincipalSet, SelectedTable, TableFilter, Targets, decision_table,
    describe_actions, mobile_rule_labels,
};
use workmail_policy::{DeviceField, Effect, ImpersonationMatchedRule};

use crate::components::table_filter_form::TableFilterFields;
use crate::loaded;
use crate::offload::{Job, first};

/// One class of access requests, told as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownAccessRow {
    /// The effect.
    pub effect: Effect,
    /// The actions, told (`any action except IMAP`).
    pub actions: String,
    /// The principals.
    pub principals: PrincipalSet,
    /// The source addresses.
    pub addresses: AddressSet,
    /// `MatchedRules`, in rule order.
    pub matched_rules: Vec<String>,
}

/// Target users a role treats alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownTargets {
    /// The effect of `GetImpersonationRoleEffect` for each of them.
    pub effect: Effect,
    /// The users.
    pub targets: Targets,
    /// The names of its `MatchedRules`.
    pub matched_rules: Vec<String>,
}

/// Which users one role can impersonate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownRole {
    /// The role's ID.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its type, as AWS spells it.
    pub role_type: String,
    /// Classes of targets, ALLOW first.
    pub classes: Vec<ShownTargets>,
    /// Directory users that are disabled or deleted, never impersonable (D12).
    pub not_impersonable: Vec<String>,
}

/// One class of mobile devices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownMobileRow {
    /// The effect.
    pub effect: Effect,
    /// The devices, one cell per property of [`DeviceField::ALL`].
    pub cells: Vec<String>,
    /// The matched rules, told, or `none`.
    pub matched_rules: String,
}

/// The decision table as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownTable {
    /// Access control: rows that partition the request space (of the question asked).
    pub access: Vec<ShownAccessRow>,
    /// Impersonation: for each role, which users it can impersonate.
    pub roles: Vec<ShownRole>,
    /// Mobile device access, when the document has mobile rules of its own (empty otherwise).
    pub mobile: Vec<ShownMobileRow>,
}

impl ShownTable {
    /// `table` as the panel shows it.
    pub fn of(table: &DecisionTable) -> Self {
        let universe = table.access_control.principals();
        let access = table
            .access_control
            .rows
            .iter()
            .map(|row| ShownAccessRow {
                effect: row.effect,
                actions: describe_actions(&row.actions),
                principals: PrincipalSet::of(&row.principals, &universe),
                addresses: AddressSet::of(&row.ip_ranges),
                matched_rules: row.matched_rules.clone(),
            })
            .collect();
        let roles = table
            .impersonation
            .roles
            .iter()
            .map(|role| ShownRole {
                id: role.impersonation_role_id.clone(),
                name: role.name.clone(),
                role_type: role.role_type.as_str().to_owned(),
                classes: role
                    .classes
                    .iter()
                    .map(|class| ShownTargets {
                        effect: class.effect,
                        targets: class.targets.clone(),
                        matched_rules: ImpersonationMatchedRule::ids(&class.matched_rules),
                    })
                    .collect(),
                not_impersonable: role.not_impersonable.clone(),
            })
            .collect();
        let mobile_table = &table.mobile_device_access;
        let mobile = if table.shows_mobile_part() {
            mobile_table
                .rows
                .iter()
                .map(|row| ShownMobileRow {
                    effect: row.effect,
                    cells: DeviceField::ALL
                        .iter()
                        .map(|field| mobile_table.describe(row, *field))
                        .collect(),
                    matched_rules: if row.matched_rules.is_empty() {
                        "none".to_owned()
                    } else {
                        mobile_rule_labels(&row.matched_rules)
                    },
                })
                .collect()
        } else {
            Vec::new()
        };
        Self {
            access,
            roles,
            mobile,
        }
    }
}

/// What asking for the table gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TableOutcome {
    /// The table, cut to the filter fields when they ask something.
    Shown(ShownTable),
    /// The filter fields cannot be asked of this document: why.
    Refused(String),
    /// The text does not load.
    Invalid,
}

/// The decision table of `text`, cut to `fields` when they ask something.
///
/// # Errors
/// The [`TableOutcome`] to show instead: the text does not load, or the fields cannot be asked.
fn table_of(text: &str, fields: &TableFilterFields) -> Result<DecisionTable, TableOutcome> {
    let load = loaded::load(text);
    let Some(organization) = loaded::organization(&load) else {
        return Err(TableOutcome::Invalid);
    };
    let table = crate::browser::measure("workmail:table", || decision_table(organization));
    if fields.is_empty() {
        return Ok(table);
    }
    let filter =
        TableFilter::resolve(organization, &fields.query(organization)).map_err(|error| {
            TableOutcome::Refused(match &error.help {
                Some(help) => format!("{}: {}. {help}", error.path(), error.message),
                None => format!("{}: {}", error.path(), error.message),
            })
        })?;
    match filter.restrict(SelectedTable::All(table)) {
        SelectedTable::All(cut) => Ok(cut),
        // A filter over every part keeps every part.
        _ => Err(TableOutcome::Refused(
            "the filter did not keep the whole table".to_owned(),
        )),
    }
}

/// The Table panel's table: a document's text, asked with the filter fields.
#[derive(Debug, Clone, Copy)]
pub struct TableJob;

impl Job for TableJob {
    const NAME: &'static str = "table";
    type Params = TableFilterFields;
    type Output = TableOutcome;

    fn run(texts: &[&str], fields: &TableFilterFields) -> TableOutcome {
        match table_of(first(texts), fields) {
            Ok(table) => TableOutcome::Shown(ShownTable::of(&table)),
            Err(outcome) => outcome,
        }
    }
}

/// A download of the table shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TableFile {
    /// Every part, as Markdown.
    Markdown,
    /// The access control part, as CSV.
    AccessCsv,
    /// The impersonation part, as CSV.
    ImpersonationCsv,
    /// The mobile device access part, as CSV.
    MobileCsv,
}

impl TableFile {
    /// The name it is saved under.
    pub fn name(self) -> &'static str {
        match self {
            Self::Markdown => "workmail-decision-table.md",
            Self::AccessCsv => "workmail-access-table.csv",
            Self::ImpersonationCsv => "workmail-impersonation-table.csv",
            Self::MobileCsv => "workmail-mobile-table.csv",
        }
    }

    /// Its media type.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Markdown => "text/markdown",
            _ => "text/csv",
        }
    }

    /// Its text, of `table`.
    pub fn text(self, table: &DecisionTable) -> String {
        match self {
            Self::Markdown => table.to_markdown(),
            Self::AccessCsv => table.access_control.to_csv(),
            Self::ImpersonationCsv => table.impersonation.to_csv(),
            Self::MobileCsv => table.mobile_device_access.to_csv(),
        }
    }
}

/// A download of the table a document's text and the filter fields give: its text, or the
/// outcome shown instead.
#[derive(Debug, Clone, Copy)]
pub struct TableFileJob;

impl Job for TableFileJob {
    const NAME: &'static str = "table-file";
    type Params = (TableFilterFields, TableFile);
    type Output = Result<String, TableOutcome>;

    fn run(texts: &[&str], (fields, file): &(TableFilterFields, TableFile)) -> Self::Output {
        table_of(first(texts), fields).map(|table| file.text(&table))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bridge;
    use crate::components::table_filter_form::TableFilterField;

    const DOCUMENT: &str = r#"{
        "AccessControlRules": [
            {"Name": "default", "Effect": "ALLOW"},
            {"Name": "imap-for-one", "Effect": "DENY", "Actions": ["IMAP"],
             "NotUserIds": ["S-1-1-11-0000000001"], "NotIpRanges": ["10.0.0.0/8"]}
        ],
        "ImpersonationRoles": [{"ImpersonationRoleId": "11111111-2222-3333-4444-555555555555",
            "Name": "archiver", "Type": "READ_ONLY",
            "Rules": [{"ImpersonationRuleId": "r1", "Name": "all", "Effect": "ALLOW",
                       "NotTargetUsers": ["S-1-1-11-0000000002"]}]}],
        "Users": [
            {"Id": "S-1-1-11-0000000001", "Name": "alice", "State": "ENABLED"},
            {"Id": "S-1-1-11-0000000002", "Name": "bob", "State": "ENABLED"},
            {"Id": "S-1-1-11-0000000003", "Name": "carol", "State": "DISABLED"}
        ]
    }"#;

    fn shown(fields: &TableFilterFields) -> ShownTable {
        match TableJob::run(&[DOCUMENT], fields) {
            TableOutcome::Shown(table) => table,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rows_are_told_as_the_core_tells_them() {
        let table = shown(&TableFilterFields::default());
        let whole = decision_table(
            &loaded::organization(&loaded::load(DOCUMENT))
                .unwrap()
                .clone(),
        );
        assert_eq!(table.access.len(), whole.access_control.rows.len());
        let denied = table
            .access
            .iter()
            .find(|row| row.effect == Effect::Deny)
            .expect("a DENY row");
        assert_eq!(denied.actions, "IMAP");
        assert_eq!(
            denied.principals.to_string(),
            "any user except `S-1-1-11-0000000001`"
        );
        assert_eq!(denied.addresses.to_string(), "any IP except 10.0.0.0/8");
        assert_eq!(denied.matched_rules, ["imap-for-one"]);
        let [role] = table.roles.as_slice() else {
            panic!("{:?}", table.roles);
        };
        assert_eq!(
            (role.name.as_str(), role.role_type.as_str()),
            ("archiver", "READ_ONLY")
        );
        assert_eq!(role.classes[0].effect, Effect::Allow);
        assert_eq!(role.classes[0].matched_rules, ["r1"]);
        assert_eq!(role.not_impersonable, ["S-1-1-11-0000000003"]);
        // No mobile rules of its own: no mobile part.
        assert!(table.mobile.is_empty());
    }

    #[test]
    fn the_mobile_part_is_shown_with_rules_of_its_own() {
        let text = r#"{"MobileDeviceAccessRules": [{"MobileDeviceAccessRuleId": "mdar-1",
            "Name": "no-iphones", "Effect": "DENY", "DeviceTypes": ["iPhone"]}]}"#;
        let TableOutcome::Shown(table) = TableJob::run(&[text], &TableFilterFields::default())
        else {
            panic!("no table");
        };
        let denied = table
            .mobile
            .iter()
            .find(|row| row.effect == Effect::Deny)
            .expect("a DENY row");
        assert_eq!(denied.cells.len(), DeviceField::ALL.len());
        assert!(denied.cells[0].contains("iPhone"), "{:?}", denied.cells);
        assert!(
            denied.matched_rules.contains("no-iphones"),
            "{}",
            denied.matched_rules
        );
    }

    #[test]
    fn the_fields_cut_the_table_or_say_why_they_cannot() {
        let fields = TableFilterFields::default().with(TableFilterField::Ip, "10.1.2.3".into());
        let cut = shown(&fields);
        assert!(cut.access.iter().all(|row| row.effect == Effect::Allow));
        assert!(!cut.access.is_empty());
        let wrong = TableFilterFields::default().with(TableFilterField::Ip, "10.1.2".into());
        let TableOutcome::Refused(why) = TableJob::run(&[DOCUMENT], &wrong) else {
            panic!("not refused");
        };
        assert!(why.contains("10.1.2"), "{why}");
        assert_eq!(
            TableJob::run(&["{\"AccessControlRules\": 1}"], &fields),
            TableOutcome::Invalid
        );
    }

    #[test]
    fn a_shown_table_crosses_as_json() {
        let table = shown(&TableFilterFields::default());
        assert_eq!(bridge::decode(&bridge::encode(&table)), Some(table));
    }

    #[test]
    fn downloads_are_of_the_table_shown() {
        let whole = TableFilterFields::default();
        let markdown = TableFileJob::run(&[DOCUMENT], &(whole.clone(), TableFile::Markdown));
        assert!(markdown.is_ok_and(|text| text.contains("imap-for-one")));
        let fields = whole.with(TableFilterField::Ip, "10.1.2.3".into());
        let Ok(csv) = TableFileJob::run(&[DOCUMENT], &(fields, TableFile::AccessCsv)) else {
            panic!("no CSV");
        };
        // Cut to the address asked about, which no DENY row holds.
        assert!(
            csv.contains("10.1.2.3/32,") && !csv.contains("DENY"),
            "{csv}"
        );
        assert_eq!(
            TableFileJob::run(
                &["{"],
                &(TableFilterFields::default(), TableFile::MobileCsv)
            ),
            Err(TableOutcome::Invalid)
        );
        assert_eq!(TableFile::Markdown.mime(), "text/markdown");
        assert_eq!(TableFile::ImpersonationCsv.mime(), "text/csv");
    }
}
