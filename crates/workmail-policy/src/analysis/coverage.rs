//! Coverage of a tests file: which rules, condition lists and list entries no test or property
//! exercised.
//!
//! Every rule of the three policy systems contributes these items:
//!
//! - **matched**: some request asked matched it (every condition held);
//! - **deciding**: some request asked had it in `MatchedRules`;
//! - each condition list with entries: some request asked had a value one of its entries names
//!   (the list was the reason its condition held, or, for a `Not` list, failed);
//! - each entry of such a list: some request asked had the value it names. For an access control
//!   rule: an address in the range (after masking, D8), the action, the user or the role; for an
//!   impersonation rule: the target the entry resolves to (D2, D17); for a mobile device access
//!   rule: a device property that starts with it, ignoring case, or, for `$NONE`, a property not
//!   reported (D28-D30).
//!
//! The requests asked are every test's request and every request of every property's `ForAll`,
//! taken exactly over the decision table's classes, as properties are checked. A test the API
//! refuses asks nothing. `EvaluateMobileDeviceAccess` tests ask the mobile rules about their
//! device. Items are named by their path in the organization document's own layout
//! (`AccessControlRules[1].NotIpRanges[0]`, `ImpersonationRoles[0].Rules[2]`,
//! `MobileDeviceAccessRules[0].DeviceTypes`). The percentage is exercised items over all items;
//! a document without rules has nothing to cover and counts as 100%. The rules every
//! organization starts with (the access control rule of D1, the mobile rule of D27) set no
//! policy when they are the only ones and are not counted then.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::mobile_table::classes_within;
use super::property::{AccessScope, ForAll, ImpersonationScope, MobileScope, principals_with};
use super::space::{IpSet, Space, TablePrincipal};
use super::targets::{CompiledRole, TargetRef, role_universe};
use super::test_suite::{TestRequest, TestSuite};
use crate::directory::same_identifier_text;
use crate::eval::impersonation::TargetFinding;
use crate::eval::mobile::{decide, entry_covers, field_holds};
use crate::model::{
    AccessControlRule, Action, Device, DeviceField, ImpersonationRole, MobileCondition,
    MobileDeviceAccessRule,
};
use crate::org::Organization;
use crate::shape::printable;

/// What kind of item was not exercised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CoverageItem {
    /// No request asked matched the rule.
    Matched,
    /// No request asked had the rule in `MatchedRules`.
    Deciding,
    /// No entry of the list named a value of a request asked.
    List,
    /// The entry named no value of a request asked.
    Entry,
}

/// An item no test or property exercised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct Uncovered {
    /// Where it is in the document.
    pub path: String,
    /// What was never exercised.
    pub item: CoverageItem,
    /// The rule (its name, or its ID for impersonation and mobile rules).
    pub rule: String,
    /// The entry, for an entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub entry: Option<String>,
}

/// The coverage of a tests file over a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct Coverage {
    /// How many items were exercised.
    pub exercised: usize,
    /// How many items there are.
    pub total: usize,
    /// `exercised / total`, as a percentage (100 when there are none).
    pub percent: f64,
    /// Every item not exercised, in document order.
    pub not_exercised: Vec<Uncovered>,
}

/// Which items one rule's requests exercised: matched, deciding, and per list per entry.
#[derive(Debug, Clone, Default)]
struct Marks {
    matched: bool,
    deciding: bool,
    /// Per condition list (in the rule shape's order), per entry.
    entries: Vec<Vec<bool>>,
}

impl Marks {
    fn new(lists: &[&[String]]) -> Self {
        Self {
            matched: false,
            deciding: false,
            entries: lists.iter().map(|list| vec![false; list.len()]).collect(),
        }
    }

    fn entry(&mut self, list: usize, entry: usize) {
        if let Some(slot) = self.entries.get_mut(list).and_then(|l| l.get_mut(entry)) {
            *slot = true;
        }
    }
}

/// The eight lists of an access control rule, in the rule shape's order, with their names.
const ACCESS_LISTS: [&str; 8] = [
    "IpRanges",
    "NotIpRanges",
    "Actions",
    "NotActions",
    "UserIds",
    "NotUserIds",
    "ImpersonationRoleIds",
    "NotImpersonationRoleIds",
];

/// What a set of access requests holds: the addresses, actions and principals asked (a union
/// of products), and the rules matched and deciding somewhere.
struct AccessAsked<'a> {
    rules: Vec<&'a AccessControlRule>,
    marks: Vec<Marks>,
    /// Every address asked, as intervals in any order.
    ips: Vec<(u32, u32)>,
    /// Every action asked.
    actions: BTreeSet<Action>,
    /// Every principal asked.
    principals: BTreeSet<TablePrincipal>,
}

impl<'a> AccessAsked<'a> {
    fn new(organization: &'a Organization) -> Self {
        let rules: Vec<&AccessControlRule> = organization.access_control_rules().iter().collect();
        let marks = rules
            .iter()
            .map(|rule| Marks {
                matched: false,
                deciding: false,
                entries: [
                    rule.ip_ranges.len(),
                    rule.not_ip_ranges.len(),
                    rule.actions.len(),
                    rule.not_actions.len(),
                    rule.user_ids.len(),
                    rule.not_user_ids.len(),
                    rule.impersonation_role_ids.len(),
                    rule.not_impersonation_role_ids.len(),
                ]
                .into_iter()
                .map(|len| vec![false; len])
                .collect(),
            })
            .collect();
        Self {
            rules,
            marks,
            ips: Vec::new(),
            actions: BTreeSet::new(),
            principals: BTreeSet::new(),
        }
    }

    /// Records requests from `ips` with `actions` and `principals` (a product), matching
    /// `matched` and decided by `deciding` (rule indices).
    fn record(
        &mut self,
        (ips, actions, principals): (&IpSet, &BTreeSet<Action>, &BTreeSet<TablePrincipal>),
        matched: impl Iterator<Item = usize>,
        deciding: &[usize],
    ) {
        for at in matched {
            if let Some(marks) = self.marks.get_mut(at) {
                marks.matched = true;
                marks.deciding |= deciding.contains(&at);
            }
        }
        // An entry is exercised when some request asked has the value it names, so the values
        // asked are kept as one union and the entries read against it once, at the end.
        self.ips.extend_from_slice(ips.spans());
        self.actions.extend(actions.iter().copied());
        self.principals.extend(principals.iter().cloned());
    }

    /// Marks every entry that names a value asked.
    fn mark_entries(&mut self) {
        let ips = IpSet::from_spans(std::mem::take(&mut self.ips));
        for (rule, marks) in self.rules.iter().zip(&mut self.marks) {
            for (list, ranges) in [&rule.ip_ranges, &rule.not_ip_ranges]
                .into_iter()
                .enumerate()
            {
                for (entry, range) in ranges.iter().enumerate() {
                    let (start, end) = super::space::net_span(&range.network());
                    if ips.intersects(start, end) {
                        marks.entry(list, entry);
                    }
                }
            }
            for (list, listed) in [&rule.actions, &rule.not_actions].into_iter().enumerate() {
                for (entry, action) in listed.iter().enumerate() {
                    if self.actions.contains(action) {
                        marks.entry(2 + list, entry);
                    }
                }
            }
            let principal_lists = [
                (&rule.user_ids, true),
                (&rule.not_user_ids, true),
                (&rule.impersonation_role_ids, false),
                (&rule.not_impersonation_role_ids, false),
            ];
            for (list, (ids, users)) in principal_lists.into_iter().enumerate() {
                for (entry, id) in ids.iter().enumerate() {
                    let principal = if users {
                        TablePrincipal::UserId(id.clone())
                    } else {
                        TablePrincipal::ImpersonationRoleId(id.clone())
                    };
                    if self.principals.contains(&principal) {
                        marks.entry(4 + list, entry);
                    }
                }
            }
        }
    }

    /// Records every request of an access property's `ForAll`, cell by cell.
    fn record_scope(&mut self, organization: &Organization, scope: &AccessScope) {
        let region = scope.rule();
        let rules: Vec<&AccessControlRule> = self
            .rules
            .iter()
            .copied()
            .chain(std::iter::once(&region))
            .collect();
        let count = self.rules.len();
        let space = Space::new(rules, principals_with(organization, scope));
        let class_ips = space.class_ips();
        for (column, cells) in space.columns().iter().zip(0..) {
            let pairs: Vec<(Action, &TablePrincipal)> = column
                .pairs
                .iter()
                .filter_map(|(action, at)| space.principals().get(*at).map(|p| (*action, p)))
                .filter(|(_, principal)| scope.takes(principal))
                .collect();
            if pairs.is_empty() {
                continue;
            }
            let actions: BTreeSet<Action> = pairs.iter().map(|(action, _)| *action).collect();
            let principals: BTreeSet<TablePrincipal> = pairs
                .iter()
                .map(|(_, principal)| (*principal).clone())
                .collect();
            for (class, matched) in space.column_cells(cells).iter().enumerate() {
                let Some(bits) = space.matched_sets().get(*matched) else {
                    continue;
                };
                let Some(ips) = class_ips.get(class) else {
                    continue;
                };
                if !bits.contains(count) {
                    continue;
                }
                let (_, deciding) = space.decide(bits, 0..count);
                self.record(
                    (ips, &actions, &principals),
                    bits.iter().filter(|at| *at < count),
                    &deciding,
                );
            }
        }
    }
}

/// Whether `entry` of an impersonation rule names `target`.
fn names_target(
    directory: crate::directory::Directory<'_>,
    entry: &str,
    target: &TargetRef,
) -> bool {
    match target {
        TargetRef::Other => false,
        TargetRef::Text(text) if directory.is_known() => {
            match (directory.resolve(entry), directory.resolve(text)) {
                (Some(a), Some(b)) => a.index == b.index,
                _ => false,
            }
        }
        TargetRef::Text(text) => same_identifier_text(entry, text),
    }
}

/// Marks of every rule of one role.
struct RoleAsked<'a> {
    role: &'a ImpersonationRole,
    marks: Vec<Marks>,
}

impl<'a> RoleAsked<'a> {
    fn new(role: &'a ImpersonationRole) -> Self {
        let marks = role
            .rules
            .iter()
            .map(|rule| Marks::new(&[&rule.target_users[..], &rule.not_target_users[..]]))
            .collect();
        Self { role, marks }
    }

    /// Records the targets of `scope` (all of them with `None`).
    fn record_targets(&mut self, organization: &Organization, scope: Option<&ImpersonationScope>) {
        let directory = organization.directory();
        let mut widened = self.role.clone();
        let inside = widened.rules.len();
        if let Some(scope) = scope {
            widened.rules.push(scope.rule());
        }
        let compiled = CompiledRole::new(&widened, directory);
        let targets = role_universe(organization, &widened);
        for target in &targets {
            let Some(probe) = compiled.probe(target) else {
                continue;
            };
            let matching = compiled.matching(probe);
            if scope.is_some() && !matching.contains(&inside) {
                continue;
            }
            let real = matching.into_iter().filter(|at| *at < inside).collect();
            self.record(directory, &compiled, target, real);
        }
    }

    fn record(
        &mut self,
        directory: crate::directory::Directory<'_>,
        compiled: &CompiledRole<'_>,
        target: &TargetRef,
        matching: Vec<usize>,
    ) {
        let (_, deciding) = compiled.decide_indices(&matching);
        for (at, (rule, marks)) in self.role.rules.iter().zip(&mut self.marks).enumerate() {
            marks.matched |= matching.contains(&at);
            marks.deciding |= deciding.contains(&at);
            for (list, entries) in [&rule.target_users, &rule.not_target_users]
                .into_iter()
                .enumerate()
            {
                for (entry, text) in entries.iter().enumerate() {
                    if names_target(directory, text, target) {
                        marks.entry(list, entry);
                    }
                }
            }
        }
    }
}

/// Marks of every mobile rule.
struct MobileAsked<'a> {
    rules: &'a [MobileDeviceAccessRule],
    marks: Vec<Marks>,
}

impl<'a> MobileAsked<'a> {
    fn new(rules: &'a [MobileDeviceAccessRule]) -> Self {
        let marks = rules
            .iter()
            .map(|rule| {
                let lists: Vec<&[String]> = MobileCondition::ALL
                    .into_iter()
                    .map(|condition| rule.entries(condition))
                    .collect();
                Marks::new(&lists)
            })
            .collect();
        Self { rules, marks }
    }

    /// Records one device (every device of its class behaves alike for every entry).
    fn record(&mut self, device: &Device) {
        let (_, deciding) = decide(self.rules, device);
        for (rule, marks) in self.rules.iter().zip(&mut self.marks) {
            marks.matched |= DeviceField::ALL
                .into_iter()
                .all(|field| field_holds(rule, field, device.get(field)));
            marks.deciding |= deciding
                .iter()
                .any(|m| m.mobile_device_access_rule_id == rule.mobile_device_access_rule_id);
            for (list, condition) in MobileCondition::ALL.into_iter().enumerate() {
                let value = device.get(condition.field());
                for (entry, text) in rule.entries(condition).iter().enumerate() {
                    if entry_covers(text, value) {
                        marks.entry(list, entry);
                    }
                }
            }
        }
    }

    fn record_scope(&mut self, scope: &MobileScope) {
        for (_, device, _) in classes_within(self.rules, &scope.rule()) {
            self.record(&device);
        }
    }
}

/// Which rules, condition lists and entries of `organization` the tests and properties of
/// `suite` exercise.
///
/// ```
/// use workmail_policy::analysis::{coverage, load_tests, CoverageItem};
/// use workmail_policy::Organization;
/// let org = Organization::from_json(r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
///     {"Name": "office-imap", "Effect": "DENY", "Actions": ["IMAP"], "NotIpRanges": ["192.0.2.0/24"]}]}"#)?
///     .organization;
/// let suite = load_tests(r#"{"Tests": [{"Name": "home", "Request": {"IpAddress": "203.0.113.9",
///     "Action": "IMAP", "UserId": "S-1-1-11-1111111111"}, "Expect": {"Effect": "DENY"}}]}"#)?.suite;
/// let found = coverage(&org, &suite);
/// // `default` matched but never decided; no request came from the office network.
/// assert_eq!(found.not_exercised.len(), 3);
/// assert_eq!(found.not_exercised[0].item, CoverageItem::Deciding);
/// assert_eq!(found.not_exercised[1].path, "AccessControlRules[1].NotIpRanges");
/// assert_eq!(found.to_string().lines().next(), Some("coverage: 5 of 8 items (62.5%)"));
/// # Ok::<(), workmail_policy::DocumentError>(())
/// ```
pub fn coverage(organization: &Organization, suite: &TestSuite) -> Coverage {
    let mut access = AccessAsked::new(organization);
    // Likewise the access control rule every organization starts with (D1), when it is the
    // only one and exactly as the organization was created with it.
    if organization.access_control_rules() == [AccessControlRule::default_rule()] {
        access.rules.clear();
        access.marks.clear();
    }
    let mut roles: Vec<RoleAsked<'_>> = organization
        .impersonation_roles()
        .iter()
        .map(RoleAsked::new)
        .collect();
    // An organization whose only mobile rule is the one every organization starts with (D27)
    // has set no mobile policy: that rule is not counted.
    let mobile_rules = if organization.has_only_the_default_mobile_rule() {
        &[]
    } else {
        organization.mobile_device_access_rules()
    };
    let mut mobile = MobileAsked::new(mobile_rules);
    for test in &suite.tests {
        record_test(
            organization,
            &test.request,
            &mut access,
            &mut roles,
            &mut mobile,
        );
    }
    for property in &suite.properties {
        match &property.for_all {
            ForAll::GetAccessControlEffect(scope) => access.record_scope(organization, scope),
            ForAll::GetImpersonationRoleEffect(scope) => {
                for role in &mut roles {
                    if scope.takes_role(&role.role.impersonation_role_id) {
                        role.record_targets(organization, Some(scope));
                    }
                }
            }
            ForAll::GetMobileDeviceAccessEffect(scope) => mobile.record_scope(scope),
        }
    }
    access.mark_entries();
    let mut report = Report::default();
    for (at, (rule, marks)) in access.rules.iter().zip(&access.marks).enumerate() {
        let path = format!("AccessControlRules[{at}]");
        let entries: [Vec<String>; 8] = [
            rule.ip_ranges
                .iter()
                .map(|r| r.as_str().to_owned())
                .collect(),
            rule.not_ip_ranges
                .iter()
                .map(|r| r.as_str().to_owned())
                .collect(),
            rule.actions.iter().map(|a| a.as_str().to_owned()).collect(),
            rule.not_actions
                .iter()
                .map(|a| a.as_str().to_owned())
                .collect(),
            rule.user_ids.clone(),
            rule.not_user_ids.clone(),
            rule.impersonation_role_ids.clone(),
            rule.not_impersonation_role_ids.clone(),
        ];
        let lists = ACCESS_LISTS
            .iter()
            .copied()
            .zip(entries.iter().map(Vec::as_slice));
        report.rule(&path, &rule.name, marks, lists);
    }
    for (at, asked) in roles.iter().enumerate() {
        for (index, (rule, marks)) in asked.role.rules.iter().zip(&asked.marks).enumerate() {
            let path = format!("ImpersonationRoles[{at}].Rules[{index}]");
            let lists = [
                ("TargetUsers", rule.target_users.as_slice()),
                ("NotTargetUsers", rule.not_target_users.as_slice()),
            ];
            report.rule(&path, &rule.impersonation_rule_id, marks, lists.into_iter());
        }
    }
    for (at, (rule, marks)) in mobile.rules.iter().zip(&mobile.marks).enumerate() {
        let path = format!("MobileDeviceAccessRules[{at}]");
        let lists: Vec<(&str, &[String])> = MobileCondition::ALL
            .into_iter()
            .map(|condition| (condition.as_str(), rule.entries(condition)))
            .collect();
        report.rule(
            &path,
            &rule.mobile_device_access_rule_id,
            marks,
            lists.into_iter(),
        );
    }
    report.finish()
}

/// Records what one test's request asks.
fn record_test(
    organization: &Organization,
    request: &TestRequest,
    access: &mut AccessAsked<'_>,
    roles: &mut [RoleAsked<'_>],
    mobile: &mut MobileAsked<'_>,
) {
    match request {
        TestRequest::GetAccessControlEffect(request) => {
            let Ok(explanation) = organization.explain_access(request) else {
                return;
            };
            let asked = &explanation.request;
            let address = u32::from(asked.ip_address);
            let ips = IpSet::from_spans(vec![(address, address)]);
            let (principal, _) = TablePrincipal::named_and_other(&asked.principal);
            let matched: Vec<usize> = explanation
                .rules
                .iter()
                .enumerate()
                .filter(|(_, rule)| rule.matched)
                .map(|(at, _)| at)
                .collect();
            let deciding: Vec<usize> = explanation
                .rules
                .iter()
                .enumerate()
                .filter(|(_, rule)| rule.deciding)
                .map(|(at, _)| at)
                .collect();
            access.record(
                (
                    &ips,
                    &BTreeSet::from([asked.action]),
                    &BTreeSet::from([principal]),
                ),
                matched.into_iter(),
                &deciding,
            );
        }
        TestRequest::GetImpersonationRoleEffect(request) => {
            let Ok(explanation) = organization.explain_impersonation(request) else {
                return;
            };
            let Some(asked) = roles
                .iter_mut()
                .find(|role| role.role.impersonation_role_id == explanation.impersonation_role_id)
            else {
                return;
            };
            for ((rule, marks), explained) in asked
                .role
                .rules
                .iter()
                .zip(&mut asked.marks)
                .zip(&explanation.rules)
            {
                marks.matched |= explained.matched;
                marks.deciding |= explained.deciding;
                for (list, condition) in explained.conditions.iter().enumerate() {
                    let TargetFinding::TargetListed { entry, .. } = &condition.finding else {
                        continue;
                    };
                    let entries = [&rule.target_users, &rule.not_target_users];
                    if let Some(at) = entries
                        .get(list)
                        .and_then(|entries| entries.iter().position(|e| e == entry))
                    {
                        marks.entry(list, at);
                    }
                }
            }
        }
        TestRequest::GetMobileDeviceAccessEffect(request) => {
            if organization
                .get_mobile_device_access_effect(request)
                .is_ok()
            {
                mobile.record(&request.device);
            }
        }
        TestRequest::EvaluateMobileDeviceAccess(request) => {
            if organization.evaluate_mobile_device_access(request).is_ok() {
                mobile.record(&request.device);
            }
        }
    }
}

/// Counts items and collects those not exercised.
#[derive(Default)]
struct Report {
    exercised: usize,
    total: usize,
    not_exercised: Vec<Uncovered>,
}

impl Report {
    fn item(
        &mut self,
        exercised: bool,
        path: String,
        item: CoverageItem,
        rule: &str,
        entry: Option<String>,
    ) {
        self.total += 1;
        if exercised {
            self.exercised += 1;
        } else {
            self.not_exercised.push(Uncovered {
                path,
                item,
                rule: rule.to_owned(),
                entry,
            });
        }
    }

    fn rule<'l>(
        &mut self,
        path: &str,
        rule: &str,
        marks: &Marks,
        lists: impl Iterator<Item = (&'l str, &'l [String])>,
    ) {
        self.item(
            marks.matched,
            path.to_owned(),
            CoverageItem::Matched,
            rule,
            None,
        );
        self.item(
            marks.deciding,
            path.to_owned(),
            CoverageItem::Deciding,
            rule,
            None,
        );
        for ((name, entries), hits) in lists.zip(&marks.entries) {
            if entries.is_empty() {
                continue;
            }
            let list_path = format!("{path}.{name}");
            self.item(
                hits.iter().any(|hit| *hit),
                list_path.clone(),
                CoverageItem::List,
                rule,
                None,
            );
            for (at, (entry, hit)) in entries.iter().zip(hits).enumerate() {
                self.item(
                    *hit,
                    format!("{list_path}[{at}]"),
                    CoverageItem::Entry,
                    rule,
                    Some(entry.clone()),
                );
            }
        }
    }

    fn finish(self) -> Coverage {
        let percent = if self.total == 0 {
            100.0
        } else {
            // Counts of rules and entries are far below 2^52: exact as floats.
            #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
            let ratio = self.exercised as f64 / self.total as f64;
            (ratio * 1000.0).round() / 10.0
        };
        Coverage {
            exercised: self.exercised,
            total: self.total,
            percent,
            not_exercised: self.not_exercised,
        }
    }
}

impl Coverage {
    /// Whether at least `percent` of the items were exercised.
    pub fn meets(&self, percent: f64) -> bool {
        self.percent >= percent
    }
}

impl fmt::Display for Coverage {
    /// `coverage: N of M items (P%)`, then one line per item not exercised.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "coverage: {} of {} items ({}%)",
            self.exercised, self.total, self.percent
        )?;
        for item in &self.not_exercised {
            let rule = printable(&item.rule);
            match item.item {
                CoverageItem::Matched => writeln!(f, "{}: rule `{rule}` never matched", item.path)?,
                CoverageItem::Deciding => {
                    writeln!(f, "{}: rule `{rule}` never decided a request", item.path)?;
                }
                CoverageItem::List => {
                    writeln!(
                        f,
                        "{}: no entry of rule `{rule}`'s list was ever the reason",
                        item.path
                    )?;
                }
                CoverageItem::Entry => writeln!(
                    f,
                    "{}: `{}` of rule `{rule}` was never the reason",
                    item.path,
                    printable(item.entry.as_deref().unwrap_or_default())
                )?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::load_tests;
    use crate::analysis::test_organization as org;

    fn not_exercised(document: &str, tests: &str) -> Vec<String> {
        let suite = load_tests(tests)
            .map(|loaded| loaded.suite)
            .unwrap_or_else(|error| panic!("{error}"));
        coverage(&org(document), &suite)
            .not_exercised
            .into_iter()
            .map(|item| item.path)
            .collect()
    }

    const ACCESS: &str = r#"{"AccessControlRules": [
        {"Name": "default", "Effect": "ALLOW"},
        {"Name": "inside", "Effect": "DENY", "Actions": ["IMAP", "SMTP"], "IpRanges": ["10.1.0.0/16", "192.168.0.0/16"],
         "NotUserIds": ["S-1-1-11-000000000001"]}]}"#;

    #[test]
    fn a_property_over_every_request_exercises_everything_it_can() {
        let all = r#"{"Properties": [{"Name": "p", "ForAll": {}, "Expect": {"Effect": "ALLOW"}}]}"#;
        assert_eq!(not_exercised(ACCESS, all), Vec::<String>::new());
    }

    #[test]
    fn a_property_exercises_exactly_the_entries_its_requests_reach() {
        let tests = r#"{"Properties": [{"Name": "p", "ForAll": {"IpRanges": ["10.0.0.0/8"], "Actions": ["IMAP"],
            "UserIds": ["S-1-1-11-000000000002"]}, "Expect": {"Effect": "DENY"}}]}"#;
        assert_eq!(
            not_exercised(ACCESS, tests),
            [
                "AccessControlRules[1].IpRanges[1]",
                "AccessControlRules[1].Actions[1]",
                "AccessControlRules[1].NotUserIds",
                "AccessControlRules[1].NotUserIds[0]",
            ]
        );
        // Roles ask only with EWS (D11): a property over roles reaches no IMAP entry.
        let roles = r#"{"Properties": [{"Name": "p", "ForAll": {"Principals": "Roles"}, "Expect": {"Effect": "ALLOW"}}]}"#;
        let missed = not_exercised(ACCESS, roles);
        assert!(
            missed.contains(&"AccessControlRules[1].Actions".to_owned()),
            "{missed:?}"
        );
        assert!(
            missed.contains(&"AccessControlRules[1]".to_owned()),
            "{missed:?}"
        );
    }

    #[test]
    fn tests_exercise_the_entries_of_their_one_request() {
        let tests = r#"{"Tests": [
            {"Name": "a", "Request": {"IpAddress": "192.168.3.4", "Action": "SMTP", "UserId": "S-1-1-11-000000000001"}, "Expect": {"Effect": "ALLOW"}},
            {"Name": "refused", "Request": {"IpAddress": "10.1.0.1", "Action": "IMAP", "ImpersonationRoleId": "r"}, "Expect": {"Effect": "DENY"}}]}"#;
        assert_eq!(
            not_exercised(ACCESS, tests),
            [
                "AccessControlRules[1]",
                "AccessControlRules[1]",
                "AccessControlRules[1].IpRanges[0]",
                "AccessControlRules[1].Actions[0]",
            ]
        );
    }

    #[test]
    fn impersonation_entries_are_exercised_by_the_user_they_name() {
        let document = r#"{"Users": [{"Id": "S-1-1-11-000000000001", "Email": "ceo@example.com", "Name": "ceo"},
                                      {"Id": "S-1-1-11-000000000002", "Email": "jane@example.com", "Name": "jane"}],
            "ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "r", "Type": "READ_ONLY", "Rules": [
              {"ImpersonationRuleId": "all", "Effect": "ALLOW"},
              {"ImpersonationRuleId": "ceo", "Effect": "DENY", "TargetUsers": ["CEO@example.com", "nobody"]}]}]}"#;
        let test = r#"{"Tests": [{"Name": "t", "Request": {"ImpersonationRoleId": "r", "TargetUser": "S-1-1-11-000000000001"}, "Expect": {"Effect": "DENY"}}]}"#;
        assert_eq!(
            not_exercised(document, test),
            [
                "ImpersonationRoles[0].Rules[0]",
                "ImpersonationRoles[0].Rules[1].TargetUsers[1]"
            ]
        );
        let property = r#"{"Properties": [{"Name": "p", "ForAll": {"TargetUsers": ["jane"]}, "Expect": {"Effect": "ALLOW"}}]}"#;
        assert_eq!(
            not_exercised(document, property),
            [
                "ImpersonationRoles[0].Rules[1]",
                "ImpersonationRoles[0].Rules[1]",
                "ImpersonationRoles[0].Rules[1].TargetUsers",
                "ImpersonationRoles[0].Rules[1].TargetUsers[0]",
                "ImpersonationRoles[0].Rules[1].TargetUsers[1]",
            ]
        );
    }

    #[test]
    fn action_entries_are_exercised_by_the_action_asked() {
        let document = r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
            {"Name": "only-web", "Effect": "DENY", "NotActions": ["WebMail", "EWS"]}]}"#;
        let test = r#"{"Tests": [{"Name": "t", "Request": {"IpAddress": "192.0.2.1", "Action": "EWS", "UserId": "S-1-1-11-000000000001"}, "Expect": {"Effect": "ALLOW"}}]}"#;
        assert_eq!(
            not_exercised(document, test),
            [
                "AccessControlRules[1]",
                "AccessControlRules[1]",
                "AccessControlRules[1].NotActions[0]",
            ]
        );
    }

    #[test]
    fn a_property_exercises_the_target_entries_naming_its_users() {
        // With a directory, an entry names a user however it is written (its email here).
        let document = r#"{"Users": [{"Id": "S-1-1-11-000000000001", "Email": "ceo@example.com", "Name": "ceo"}],
            "ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "r", "Type": "READ_ONLY", "Rules": [
              {"ImpersonationRuleId": "ceo", "Effect": "ALLOW", "TargetUsers": ["CEO@example.com"]}]}]}"#;
        let property = r#"{"Properties": [{"Name": "p", "ForAll": {"TargetUsers": ["ceo"]}, "Expect": {"Effect": "ALLOW"}}]}"#;
        assert_eq!(not_exercised(document, property), Vec::<String>::new());
        // Without one, by the text the entry and the request share.
        let document = r#"{"ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "r", "Type": "READ_ONLY", "Rules": [
              {"ImpersonationRuleId": "ceo", "Effect": "ALLOW", "TargetUsers": ["ceo@example.com", "cfo@example.com"]}]}]}"#;
        let property = r#"{"Properties": [{"Name": "p", "ForAll": {"TargetUsers": ["ceo@example.com"]}, "Expect": {"Effect": "ALLOW"}}]}"#;
        assert_eq!(
            not_exercised(document, property),
            ["ImpersonationRoles[0].Rules[0].TargetUsers[1]"]
        );
    }

    #[test]
    fn mobile_entries_are_exercised_by_the_devices_that_start_with_them() {
        let document = r#"{"MobileDeviceAccessRules": [
            {"MobileDeviceAccessRuleId": "phones", "Name": "Phones", "Effect": "ALLOW", "DeviceTypes": ["iP", "Android"], "NotDeviceModels": ["$NONE"]}]}"#;
        let property = r#"{"Properties": [{"Name": "p", "ForAll": {"DeviceTypes": ["iPhone"]}, "Expect": {"Effect": "ALLOW"}}]}"#;
        assert_eq!(
            not_exercised(document, property),
            ["MobileDeviceAccessRules[0].DeviceTypes[1]"]
        );
        let test = r#"{"Tests": [{"Name": "t", "Request": {"DeviceType": "android 14", "DeviceModel": "Pixel"}, "Expect": {"Effect": "ALLOW"}}]}"#;
        assert_eq!(
            not_exercised(document, test),
            [
                "MobileDeviceAccessRules[0].DeviceTypes[0]",
                "MobileDeviceAccessRules[0].NotDeviceModels",
                "MobileDeviceAccessRules[0].NotDeviceModels[0]",
            ]
        );
    }

    #[test]
    fn the_percentage_and_the_gate() {
        let suite = load_tests(r#"{"Tests": []}"#)
            .map(|l| l.suite)
            .unwrap_or_default();
        let found = coverage(&org(ACCESS), &suite);
        assert_eq!((found.exercised, found.total, found.percent), (0, 12, 0.0));
        assert!(found.meets(0.0) && !found.meets(0.1));
        // The rules a new organization starts with (D1, D27) are not counted alone.
        let empty = coverage(&Organization::default(), &suite);
        assert_eq!((empty.exercised, empty.total, empty.percent), (0, 0, 100.0));
    }
}
