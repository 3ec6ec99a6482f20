//! Comparing the document with an old version: what the user enters for it, and every class of
//! requests whose answer changes, with the lockout guards.

use std::net::Ipv4Addr;

use serde::{Deserialize, Serialize};
use workmail_policy::analysis::{
    AddressSet, CheckReport, Diff, DiffOptions, Guarantee, ImpersonationChange, LockoutWarning,
    PrincipalSet, check_diff, describe_actions, diff,
};
use workmail_policy::model::parse_ipv4;
use workmail_policy::{
    DeviceField, GetAccessControlEffectResponse, GetMobileDeviceAccessEffectResponse, Organization,
};

use crate::browser;
use crate::loaded;
use crate::offload::Job;
use crate::problems::Problems;
use crate::text::Text;

/// What the document is compared with: an old version and the user's own addresses. (A link
/// holds it as a `share::SharedComparison`.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comparison {
    /// The old version's text, as pasted or uploaded (shared: it may be as large as the
    /// document, and "Use the document as it is now" makes it the document's own text).
    pub document: Text,
    /// The addresses the person making the change connects from, as typed (comma or space
    /// separated).
    pub my_ips: String,
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

/// A class of access requests whose answer changes, told as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownAccessChange {
    /// The actions, told (`any action except IMAP`).
    pub actions: String,
    /// The principals, read against every principal either version names.
    pub principals: PrincipalSet,
    /// The source addresses.
    pub addresses: AddressSet,
    /// The old version's answer.
    pub before: GetAccessControlEffectResponse,
    /// The document's answer.
    pub after: GetAccessControlEffectResponse,
}

/// A class of mobile devices whose answer changes, told as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownMobileChange {
    /// The devices, one cell per property of [`DeviceField::ALL`].
    pub cells: Vec<String>,
    /// The old version's answer.
    pub before: GetMobileDeviceAccessEffectResponse,
    /// The document's answer.
    pub after: GetMobileDeviceAccessEffectResponse,
}

/// What changes, as the panel shows it: small however large the directory (a class's
/// principals are told as a set, "any user except `a`"), so it crosses from the analysis
/// worker as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownDiff {
    /// The lockout warnings.
    pub warnings: Vec<LockoutWarning>,
    /// Access requests whose answer changes.
    pub access: Vec<ShownAccessChange>,
    /// Target users whose answer changes.
    pub impersonation: Vec<ImpersonationChange>,
    /// Mobile devices whose answer changes.
    pub mobile: Vec<ShownMobileChange>,
}

impl ShownDiff {
    /// `diff` as the panel shows it.
    pub fn of(diff: &Diff) -> Self {
        let universe = diff.principals();
        let classes = diff.mobile_classes();
        Self {
            warnings: diff.warnings.clone(),
            access: diff
                .access_control
                .iter()
                .map(|change| ShownAccessChange {
                    actions: describe_actions(&change.actions),
                    principals: PrincipalSet::of(&change.principals, &universe),
                    addresses: AddressSet::of(&change.ip_ranges),
                    before: change.before.clone(),
                    after: change.after.clone(),
                })
                .collect(),
            impersonation: diff.impersonation.clone(),
            mobile: diff
                .mobile_device_access
                .iter()
                .map(|change| ShownMobileChange {
                    cells: DeviceField::ALL
                        .iter()
                        .map(|field| classes.describe(&change.devices, *field))
                        .collect(),
                    before: change.before.clone(),
                    after: change.after.clone(),
                })
                .collect(),
        }
    }

    /// Whether no answer changes.
    pub fn is_empty(&self) -> bool {
        self.access.is_empty() && self.impersonation.is_empty() && self.mobile.is_empty()
    }
}

/// A guarantee of `workmail-policy check` checked on the changes, told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownGuarantee {
    /// Whether it holds.
    pub holds: bool,
    /// `no new access: holds`, or how many classes break it and one request of the first.
    pub text: String,
}

impl ShownGuarantee {
    /// `report` told.
    pub fn of(report: &CheckReport) -> Self {
        let what = report.guarantee.describe();
        let text = if report.holds {
            format!("{what}: holds")
        } else {
            let first = report
                .counterexamples
                .first()
                .map(|breach| format!("; for example {breach}"))
                .unwrap_or_default();
            format!("{what}: {}{first}", report.breaking())
        };
        Self {
            holds: report.holds,
            text,
        }
    }
}

/// What the comparison gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiffStatus {
    /// No old version yet.
    Empty,
    /// The old version does not load: its problems, located in its text.
    Invalid(Problems),
    /// The current document has never loaded, so there is nothing to compare with.
    NoDocument,
    /// The comparison: old version first, current document second.
    Compared {
        /// What changes.
        diff: ShownDiff,
        /// Each guarantee (no new access, no lost access, equivalent) checked on the changes.
        guarantees: Vec<ShownGuarantee>,
        /// The old version's warnings.
        warnings: Problems,
    },
}

impl DiffStatus {
    /// The problems to list beside the old version's editor.
    pub fn problems(&self) -> Problems {
        match self {
            Self::Empty | Self::NoDocument => Problems::default(),
            Self::Invalid(problems)
            | Self::Compared {
                warnings: problems, ..
            } => problems.clone(),
        }
    }
}

/// Compares the `old` version with `current`, warning for the addresses in `my_ips` (as typed).
pub fn compare(current: Option<&Organization>, old: &str, my_ips_typed: &str) -> DiffStatus {
    if old.trim().is_empty() {
        return DiffStatus::Empty;
    }
    let old = loaded::load(old);
    let loaded = match old.as_ref() {
        Ok(loaded) => loaded,
        Err(error) => return DiffStatus::Invalid(Problems::of(&error.diagnostics)),
    };
    let Some(current) = current else {
        return DiffStatus::NoDocument;
    };
    let options = DiffOptions {
        my_ips: my_ips(my_ips_typed).addresses,
    };
    let changes = browser::measure("workmail:diff", || {
        diff(&loaded.organization, current, &options)
    });
    let guarantees = [
        Guarantee::NoNewAccess,
        Guarantee::NoLostAccess,
        Guarantee::Equivalent,
    ]
    .into_iter()
    .map(|guarantee| ShownGuarantee::of(&check_diff(&changes, guarantee)))
    .collect();
    DiffStatus::Compared {
        diff: ShownDiff::of(&changes),
        guarantees,
        warnings: Problems::of(&loaded.warnings),
    }
}

/// The Compare panel's comparison: the document's text and the old version's (in this order),
/// with the addresses typed in "My IP addresses".
#[derive(Debug, Clone, Copy)]
pub struct CompareJob;

impl Job for CompareJob {
    const NAME: &'static str = "compare";
    type Params = String;
    type Output = DiffStatus;

    fn run(texts: &[&str], my_ips: &String) -> DiffStatus {
        let (current, old) = match texts {
            [current, old, ..] => (*current, *old),
            _ => ("", ""),
        };
        let current = loaded::load(current);
        compare(loaded::organization(&current), old, my_ips)
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
        let DiffStatus::Compared { diff, warnings, .. } = compare(Some(&new), old, "192.0.2.1")
        else {
            panic!("both documents load")
        };
        assert_eq!(warnings, Problems::default());
        assert!(
            diff.access
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
        assert_eq!(compare(Some(&org), "", ""), DiffStatus::Empty);
        let DiffStatus::Invalid(problems) = compare(Some(&org), "{\"AccessControlRules\": [", "")
        else {
            panic!("the old version does not load");
        };
        assert!(problems.errors > 0);
        assert_eq!(compare(None, "{}", ""), DiffStatus::NoDocument);
        let DiffStatus::Compared { diff, .. } = compare(Some(&org), "{}", "") else {
            panic!("an empty organization loads")
        };
        assert!(diff.is_empty());
    }

    #[test]
    fn the_job_compares_the_old_version_with_the_document_and_crosses_as_json() {
        let old = r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"}],
            "Users": [{"Id": "S-1-1-11-000000000001", "Name": "jane"}, {"Id": "S-1-1-11-000000000002", "Name": "jim"}],
            "ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "r", "Type": "READ_ONLY", "Rules": [
                {"ImpersonationRuleId": "all", "Effect": "ALLOW"}]}]}"#;
        let new = r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
              {"Name": "imap-for-one", "Effect": "DENY", "Actions": ["IMAP"], "NotUserIds": ["S-1-1-11-000000000001"]}],
            "Users": [{"Id": "S-1-1-11-000000000001", "Name": "jane"}, {"Id": "S-1-1-11-000000000002", "Name": "jim"}],
            "ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "r", "Type": "READ_ONLY", "Rules": [
                {"ImpersonationRuleId": "all", "Effect": "ALLOW", "NotTargetUsers": ["jim"]}]}],
            "MobileDeviceAccessRules": [{"MobileDeviceAccessRuleId": "mdar-1", "Name": "no-iphones", "Effect": "DENY", "DeviceTypes": ["iPhone"]}]}"#;
        let status = CompareJob::run(&[new, old], &"192.0.2.1, office".to_owned());
        let DiffStatus::Compared {
            diff, guarantees, ..
        } = &status
        else {
            panic!("{status:?}");
        };
        // Every user but one loses IMAP: told against every principal of both versions.
        let [imap] = diff.access.as_slice() else {
            panic!("{:?}", diff.access);
        };
        assert_eq!(imap.actions, "IMAP");
        assert_eq!(
            imap.principals.to_string(),
            "any user except `S-1-1-11-000000000001`"
        );
        assert_eq!(imap.addresses, AddressSet::Any);
        assert_eq!(diff.impersonation.len(), 1);
        let [.., iphones] = diff.mobile.as_slice() else {
            panic!("{:?}", diff.mobile);
        };
        assert_eq!(iphones.cells.len(), DeviceField::ALL.len());
        assert!(diff.warnings.iter().any(|w| w.code() == "my-ip-denied"));
        let texts: Vec<(bool, &str)> = guarantees
            .iter()
            .map(|g| (g.holds, g.text.as_str()))
            .collect();
        assert_eq!(texts[0], (true, "no new access: holds"));
        assert!(
            !texts[1].0 && texts[1].1.starts_with("no lost access: "),
            "{texts:?}"
        );
        assert!(texts[1].1.contains("; for example "), "{texts:?}");
        assert_eq!(
            crate::bridge::decode::<DiffStatus>(&crate::bridge::encode(&status)),
            Some(status.clone())
        );
        // Without a document that loads there is nothing to compare with.
        assert_eq!(
            CompareJob::run(&["{", old], &String::new()),
            DiffStatus::NoDocument
        );
        assert_eq!(CompareJob::run(&[], &String::new()), DiffStatus::Empty);
    }
}
