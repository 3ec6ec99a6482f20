//! Comparing the document with an old version: what the user enters for it, and every class of
//! requests whose answer changes, with the lockout guards.

use std::net::Ipv4Addr;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use workmail_policy::analysis::{CheckReport, Diff, DiffOptions, Guarantee, check_diff, diff};
use workmail_policy::model::parse_ipv4;
use workmail_policy::{Diagnostic, Organization};

use crate::loaded;

/// What the document is compared with: an old version and the user's own addresses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Comparison {
    /// The old version's text, as pasted or uploaded.
    pub document: String,
    /// The addresses the person making the change connects from, as typed (comma or space
    /// separated).
    pub my_ips: String,
}

impl Comparison {
    /// Whether nothing was entered.
    pub fn is_empty(&self) -> bool {
        self.document.is_empty() && self.my_ips.is_empty()
    }
}

/// The fields of a [`Comparison`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ComparisonField {
    /// The old version.
    Document,
    /// The user's addresses.
    MyIps,
}

/// The "my IP" field read: the addresses, and the entries that are not IPv4 addresses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MyIps {
    /// The addresses, in the order typed, without repeats.
    pub addresses: Vec<Ipv4Addr>,
    /// Entries that are not IPv4 addresses, as typed.
    pub invalid: Vec<String>,
}

/// Reads addresses separated by commas, semicolons or white space.
pub fn my_ips(text: &str) -> MyIps {
    let mut out = MyIps::default();
    for entry in text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|entry| !entry.is_empty())
    {
        match parse_ipv4(entry) {
            Some(address) if !out.addresses.contains(&address) => out.addresses.push(address),
            Some(_) => {}
            None => out.invalid.push(entry.to_owned()),
        }
    }
    out
}

/// What the comparison gives.
#[derive(Debug, Clone, PartialEq)]
pub enum DiffStatus {
    /// No old version yet.
    Empty,
    /// The old version does not load: every problem, located in its text.
    Invalid(Vec<Diagnostic>),
    /// The current document has never loaded, so there is nothing to compare with.
    NoDocument,
    /// The comparison: old version first, current document second.
    Compared {
        /// What changes.
        diff: Rc<Diff>,
        /// Each guarantee (no new access, no lost access, equivalent) checked on the changes.
        guarantees: Rc<Vec<CheckReport>>,
        /// The old version's warnings.
        warnings: Vec<Diagnostic>,
    },
}

impl DiffStatus {
    /// The diagnostics to list beside the old version's editor.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Self::Empty | Self::NoDocument => &[],
            Self::Invalid(diagnostics) => diagnostics,
            Self::Compared { warnings, .. } => warnings,
        }
    }
}

/// Compares the old version of `comparison` with `current`.
pub fn compare(current: Option<&Organization>, comparison: &Comparison) -> DiffStatus {
    if comparison.document.trim().is_empty() {
        return DiffStatus::Empty;
    }
    let old = loaded::load(&comparison.document);
    let loaded = match old.as_ref() {
        Ok(loaded) => loaded,
        Err(error) => return DiffStatus::Invalid(error.diagnostics.clone()),
    };
    let Some(current) = current else {
        return DiffStatus::NoDocument;
    };
    let options = DiffOptions {
        my_ips: my_ips(&comparison.my_ips).addresses,
    };
    let changes = diff(&loaded.organization, current, &options);
    let guarantees = [
        Guarantee::NoNewAccess,
        Guarantee::NoLostAccess,
        Guarantee::Equivalent,
    ]
    .into_iter()
    .map(|guarantee| check_diff(&changes, guarantee))
    .collect();
    DiffStatus::Compared {
        diff: Rc::new(changes),
        guarantees: Rc::new(guarantees),
        warnings: loaded.warnings.clone(),
    }
}

#[cfg(test)]
mod tests {
    use workmail_policy::Effect;
    use workmail_policy::analysis::LockoutWarning;

    use super::*;
    use crate::presets::Preset;

    #[test]
    fn my_ips_are_read_leniently_and_bad_entries_named() {
        let read = my_ips(" 192.0.2.1, 198.51.100.7;192.0.2.1\n10.0.0.300 office ");
        assert_eq!(
            read.addresses,
            [Ipv4Addr::new(192, 0, 2, 1), Ipv4Addr::new(198, 51, 100, 7)]
        );
        assert_eq!(read.invalid, ["10.0.0.300", "office"]);
        assert_eq!(my_ips(""), MyIps::default());
    }

    #[test]
    fn a_change_that_locks_me_out_is_flagged() {
        let old = Preset::AwsDocumentationExample.document();
        let new = Preset::BlockEverything.organization();
        let comparison = Comparison {
            document: old.to_owned(),
            my_ips: "192.0.2.1".to_owned(),
        };
        let DiffStatus::Compared { diff, warnings, .. } = compare(Some(&new), &comparison) else {
            panic!("both documents load")
        };
        assert!(warnings.is_empty());
        assert!(
            diff.access_control
                .iter()
                .all(|change| change.after.effect == Effect::Deny)
        );
        assert!(matches!(diff.warnings[0], LockoutWarning::AllAccessBlocked));
        assert!(
            diff.warnings
                .iter()
                .any(|warning| warning.code() == "my-ip-denied")
        );
    }

    #[test]
    fn statuses_of_the_comparison() {
        let org = Organization::default();
        assert_eq!(
            compare(Some(&org), &Comparison::default()),
            DiffStatus::Empty
        );
        let broken = Comparison {
            document: "{\"AccessControlRules\": [".to_owned(),
            my_ips: String::new(),
        };
        assert!(matches!(compare(Some(&org), &broken), DiffStatus::Invalid(d) if !d.is_empty()));
        let same = Comparison {
            document: "{}".to_owned(),
            my_ips: String::new(),
        };
        assert_eq!(compare(None, &same), DiffStatus::NoDocument);
        let DiffStatus::Compared { diff, .. } = compare(Some(&org), &same) else {
            panic!("an empty organization loads")
        };
        assert!(diff.is_empty());
    }
}
