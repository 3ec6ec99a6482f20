//! The exact decision table: the whole request space cut into classes with the same answer.

use std::collections::BTreeMap;
use std::fmt;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize, Serializer};

use super::mobile_table::{MobileTable, mobile_table};
use super::render::{
    AddressSet, PrincipalSet, csv_record, describe_actions, markdown_cell, name_list,
    principal_token, principal_universe, serialize_nets,
};
use super::space::{IpSet, Space, TablePrincipal, principals_of};
use super::targets::{CompiledRole, TargetRef, target_universe};
use crate::eval::access::AccessRequest;
use crate::eval::impersonation::ImpersonationMatchedRule;
use crate::model::{Action, Effect, ImpersonationRoleType};
use crate::org::Organization;

/// One class of access requests with the same answer: every address of `IpRanges`, every action
/// of `Actions` and every principal of `Principals` gets `Effect` and `MatchedRules`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct AccessClass {
    /// The source addresses, as the fewest CIDR networks, in address order.
    #[serde(serialize_with = "serialize_nets")]
    #[cfg_attr(feature = "ts", ts(as = "Vec<String>"))]
    pub ip_ranges: Vec<Ipv4Net>,
    /// The actions, in the order of [`Action::ALL`].
    pub actions: Vec<Action>,
    /// The principals (a role only ever with EWS, D11).
    pub principals: Vec<TablePrincipal>,
    /// The effect.
    pub effect: Effect,
    /// `MatchedRules`, in rule order.
    pub matched_rules: Vec<String>,
}

/// The access control part of the decision table: rows that partition the request space.
/// Serialized as the list of rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessTable {
    /// The rows: no two overlap and together they cover every (address, action, principal)
    /// (of the question asked, for a table restricted by a [`TableFilter`](super::TableFilter)).
    pub rows: Vec<AccessClass>,
    /// Every principal the table names, in table order: what "any other user" is read
    /// against, kept when a filter leaves some of them out of every row.
    pub(super) universe: Vec<TablePrincipal>,
}

impl Serialize for AccessTable {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.rows.serialize(serializer)
    }
}

/// A row of a space with its networks and principals named: addresses, actions, principals and
/// the caller's key.
pub(crate) type NamedRow<K> = (Vec<Ipv4Net>, Vec<Action>, Vec<TablePrincipal>, K);

/// Builds rows of a space, naming principals and networks.
pub(crate) fn named_rows<K: Ord + Clone>(
    space: &Space<'_>,
    key: impl FnMut(&super::space::Bits) -> K,
) -> Vec<NamedRow<K>> {
    space
        .rows(key)
        .into_iter()
        .map(|row| {
            let principals = row
                .principals
                .iter()
                .filter_map(|at| space.principals().get(*at).cloned())
                .collect();
            (row.ips.to_nets(), row.actions, principals, row.key)
        })
        .collect()
}

/// The decision table of an organization's access control rules.
///
/// Principals are every user of the directory and every user or role a rule names, plus "any
/// other user" and "any other role"; addresses are cut at every boundary of the rules' IP
/// conditions. Rows with equal answers are merged.
///
/// ```
/// use workmail_policy::analysis::{access_table, TablePrincipal};
/// use workmail_policy::{Action, Effect, Organization};
/// let org = Organization::from_json(r#"{"AccessControlRules": [
///     {"Name": "default", "Effect": "ALLOW"},
///     {"Name": "no-imap-outside", "Effect": "DENY", "Actions": ["IMAP"], "NotIpRanges": ["10.0.0.0/8"]}
/// ]}"#)?.organization;
/// let table = access_table(&org);
/// // Who can reach IMAP from outside 10.0.0.0/8? Nobody:
/// let outside = table.rows.iter().find(|row| row.actions == [Action::Imap] && row.effect == Effect::Deny).unwrap();
/// assert_eq!(outside.matched_rules, ["no-imap-outside"]);
/// assert_eq!(outside.principals, [TablePrincipal::OtherUser]);
/// assert!(table.to_string().contains("DENY   IMAP  from any IP except 10.0.0.0/8  for any user  [no-imap-outside]\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn access_table(organization: &Organization) -> AccessTable {
    let rules: Vec<_> = organization.access_control_rules().iter().collect();
    let count = rules.len();
    let space = Space::new(rules, principals_of(&[organization]));
    let names: Vec<String> = space.rules().iter().map(|rule| rule.name.clone()).collect();
    let rows: Vec<AccessClass> = named_rows(&space, |matched| space.decide(matched, 0..count))
        .into_iter()
        .map(
            |(ip_ranges, actions, principals, (effect, matched))| AccessClass {
                ip_ranges,
                actions,
                principals,
                effect,
                matched_rules: matched
                    .iter()
                    .filter_map(|at| names.get(*at).cloned())
                    .collect(),
            },
        )
        .collect();
    let universe = principal_universe(
        rows.iter()
            .map(|row: &AccessClass| row.principals.as_slice()),
    );
    AccessTable { rows, universe }
}

impl AccessTable {
    /// The row holding `request`. A principal no row names falls in the "other" entry of its
    /// kind.
    ///
    /// ```
    /// use workmail_policy::analysis::access_table;
    /// use workmail_policy::{AccessRequest, Action, Effect, Organization, Principal};
    /// let table = access_table(&Organization::default());
    /// let request = AccessRequest {
    ///     ip_address: "192.0.2.1".parse().unwrap(),
    ///     action: Action::WebMail,
    ///     principal: Principal::UserId("S-1-1-11-123456789".into()),
    /// };
    /// assert_eq!(table.row_for(&request).map(|row| row.effect), Some(Effect::Allow));
    /// ```
    pub fn row_for(&self, request: &AccessRequest) -> Option<&AccessClass> {
        self.rows_holding(request).next()
    }

    /// Every row holding `request` (its principal read as [`AccessTable::row_for`] reads it):
    /// exactly one for a whole table, at most one for a filtered one, since the rows are a
    /// partition. Tests count them to check that.
    pub fn rows_holding<'t>(
        &'t self,
        request: &AccessRequest,
    ) -> impl Iterator<Item = &'t AccessClass> + 't {
        let principal = TablePrincipal::under(&request.principal, &self.universe);
        let (action, address) = (request.action, u32::from(request.ip_address));
        self.rows.iter().filter(move |row| {
            row.actions.contains(&action)
                && row.principals.contains(&principal)
                && IpSet::from_nets(&row.ip_ranges).contains(address)
        })
    }

    /// Every principal the table names, in table order (a restricted table keeps the whole
    /// table's, so "any user except" still names everyone it excepts).
    pub fn principals(&self) -> Vec<TablePrincipal> {
        self.universe.clone()
    }

    /// The table in Markdown.
    ///
    /// ```
    /// use workmail_policy::analysis::access_table;
    /// use workmail_policy::Organization;
    /// let markdown = access_table(&Organization::default()).to_markdown();
    /// assert!(markdown.starts_with("| Effect | Actions | Principals | IP ranges | MatchedRules |"));
    /// ```
    pub fn to_markdown(&self) -> String {
        let universe = self.principals();
        let mut out = String::from(
            "| Effect | Actions | Principals | IP ranges | MatchedRules |\n|---|---|---|---|---|\n",
        );
        for row in &self.rows {
            let cells = [
                row.effect.to_string(),
                describe_actions(&row.actions),
                PrincipalSet::of(&row.principals, &universe).to_string(),
                AddressSet::of(&row.ip_ranges).to_string(),
                name_list(&row.matched_rules),
            ];
            let cells: Vec<String> = cells.iter().map(|cell| markdown_cell(cell)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out
    }

    /// The table in CSV (RFC 4180), one row per class, lists separated by spaces, principals as
    /// `UserId:…`, `ImpersonationRoleId:…`, `OtherUser` or `OtherRole`.
    ///
    /// ```
    /// use workmail_policy::analysis::access_table;
    /// use workmail_policy::Organization;
    /// let csv = access_table(&Organization::default()).to_csv();
    /// assert_eq!(csv.lines().next(), Some("IpRanges,Actions,Principals,Effect,MatchedRules"));
    /// ```
    pub fn to_csv(&self) -> String {
        let mut out = csv_record(&[
            "IpRanges".into(),
            "Actions".into(),
            "Principals".into(),
            "Effect".into(),
            "MatchedRules".into(),
        ]);
        for row in &self.rows {
            let nets: Vec<String> = row.ip_ranges.iter().map(ToString::to_string).collect();
            let actions: Vec<&str> = row.actions.iter().map(|a| a.as_str()).collect();
            let principals: Vec<String> = row.principals.iter().map(principal_token).collect();
            out.push_str(&csv_record(&[
                nets.join(" "),
                actions.join(" "),
                principals.join(" "),
                row.effect.to_string(),
                row.matched_rules.join(" "),
            ]));
        }
        out
    }
}

impl fmt::Display for AccessTable {
    /// One line per row: effect, actions, addresses, principals and `MatchedRules`. A table
    /// without rows (a filter that no request passes) is one line saying so.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.rows.is_empty() {
            return writeln!(f, "no access request matches");
        }
        let universe = self.principals();
        for row in &self.rows {
            writeln!(
                f,
                "{:<5}  {}  from {}  for {}  [{}]",
                row.effect.as_str(),
                describe_actions(&row.actions),
                AddressSet::of(&row.ip_ranges),
                PrincipalSet::of(&row.principals, &universe),
                name_list(&row.matched_rules)
            )?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Impersonation.

/// A set of target users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Targets {
    /// These users: user IDs with a directory, identifiers as the rules write them without one.
    TargetUsers(Vec<String>),
    /// Every user except these (only without a directory, where users are not enumerable).
    AllUsersExcept(Vec<String>),
}

impl fmt::Display for Targets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Escaped: a filter's target users are shown as given, and may hold control characters.
        let quoted = |list: &[String]| -> String {
            list.iter()
                .map(|id| format!("`{}`", crate::shape::printable(id)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Self::TargetUsers(list) if list.is_empty() => f.write_str("nobody"),
            Self::TargetUsers(list) => f.write_str(&quoted(list)),
            Self::AllUsersExcept(list) if list.is_empty() => f.write_str("every user"),
            Self::AllUsersExcept(list) => write!(f, "every user except {}", quoted(list)),
        }
    }
}

/// Target users a role treats alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct TargetClass {
    /// The users.
    #[serde(flatten)]
    pub targets: Targets,
    /// The effect of `GetImpersonationRoleEffect` for each of them.
    pub effect: Effect,
    /// Its `MatchedRules`.
    pub matched_rules: Vec<ImpersonationMatchedRule>,
}

/// Which users one role can impersonate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct RoleTargets {
    /// The role.
    pub impersonation_role_id: String,
    /// Its name.
    pub name: String,
    /// Its type.
    #[serde(rename = "Type")]
    pub role_type: ImpersonationRoleType,
    /// Classes of targets, ALLOW first; together they cover every user that can be asked about.
    pub classes: Vec<TargetClass>,
    /// Directory users that are disabled or deleted, which no role can impersonate (D12).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub not_impersonable: Vec<String>,
}

impl RoleTargets {
    /// The users the role may impersonate.
    pub fn allowed(&self) -> Option<&Targets> {
        self.classes
            .iter()
            .find(|class| class.effect == Effect::Allow)
            .map(|class| &class.targets)
    }
}

/// The impersonation part of the decision table: for each role, which users it can
/// impersonate. Serialized as the list of roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpersonationTable {
    /// One entry per role, in document order.
    pub roles: Vec<RoleTargets>,
}

impl Serialize for ImpersonationTable {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.roles.serialize(serializer)
    }
}

/// Merges targets with equal keys, in key order. A group holding "any other user" becomes
/// "every user except" the named targets of the other groups.
pub(crate) fn group_targets<K: Ord>(answers: Vec<(TargetRef, K)>) -> Vec<(Targets, K)> {
    let named: Vec<String> = answers
        .iter()
        .filter_map(|(target, _)| match target {
            TargetRef::Text(text) => Some(text.clone()),
            TargetRef::Other => None,
        })
        .collect();
    let mut groups: BTreeMap<K, (Vec<String>, bool)> = BTreeMap::new();
    for (target, key) in answers {
        let group = groups.entry(key).or_default();
        match target {
            TargetRef::Text(text) => group.0.push(text),
            TargetRef::Other => group.1 = true,
        }
    }
    groups
        .into_iter()
        .map(|(key, (texts, has_other))| {
            let targets = if has_other {
                let excluded = named
                    .iter()
                    .filter(|t| !texts.contains(t))
                    .cloned()
                    .collect();
                Targets::AllUsersExcept(excluded)
            } else {
                Targets::TargetUsers(texts)
            };
            (targets, key)
        })
        .collect()
}

/// Merges targets with equal answers into classes: ALLOW before DENY, then by rule order.
fn target_classes(
    answers: Vec<(TargetRef, (Effect, Vec<usize>))>,
    compiled: &CompiledRole<'_>,
) -> Vec<TargetClass> {
    group_targets(answers)
        .into_iter()
        .map(|(targets, (effect, indices))| TargetClass {
            targets,
            effect,
            matched_rules: compiled.matched_rules(&indices),
        })
        .collect()
}

/// For each impersonation role, exactly which users it can impersonate, and the answer of
/// `GetImpersonationRoleEffect` for every other one.
///
/// With a directory the targets are its users; without one, the identifiers the role's rules
/// name and "every user except" them.
///
/// ```
/// use workmail_policy::analysis::{impersonation_table, Targets};
/// use workmail_policy::Organization;
/// let org = Organization::from_json(r#"{"ImpersonationRoles": [{"ImpersonationRoleId": "archiver",
///     "Name": "Archiver", "Type": "READ_ONLY", "Rules": [
///       {"ImpersonationRuleId": "all", "Effect": "ALLOW"},
///       {"ImpersonationRuleId": "ceo", "Effect": "DENY", "TargetUsers": ["ceo@example.com"]}]}]}"#)?.organization;
/// let table = impersonation_table(&org);
/// assert_eq!(table.roles[0].allowed(), Some(&Targets::AllUsersExcept(vec!["ceo@example.com".into()])));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn impersonation_table(organization: &Organization) -> ImpersonationTable {
    let directory = organization.directory();
    let roles = organization
        .impersonation_roles()
        .iter()
        .map(|role| {
            let compiled = CompiledRole::new(role, directory);
            let mut answers = Vec::new();
            let mut not_impersonable = Vec::new();
            for target in target_universe(&[organization], &role.impersonation_role_id) {
                match compiled.probe(&target) {
                    Some(probe) => {
                        let (effect, indices) = compiled.decide_indices(&compiled.matching(probe));
                        answers.push((target, (effect, indices)));
                    }
                    None => {
                        if let TargetRef::Text(text) = target {
                            not_impersonable.push(text);
                        }
                    }
                }
            }
            RoleTargets {
                impersonation_role_id: role.impersonation_role_id.clone(),
                name: role.name.clone(),
                role_type: role.role_type,
                classes: target_classes(answers, &compiled),
                not_impersonable,
            }
        })
        .collect();
    ImpersonationTable { roles }
}

impl ImpersonationTable {
    /// The table in Markdown: one line per role and class.
    pub fn to_markdown(&self) -> String {
        let mut out = String::from(
            "| Role | Type | Effect | Target users | MatchedRules |\n|---|---|---|---|---|\n",
        );
        for role in &self.roles {
            for class in &role.classes {
                let cells = [
                    role.impersonation_role_id.clone(),
                    role.role_type.to_string(),
                    class.effect.to_string(),
                    class.targets.to_string(),
                    name_list(&ImpersonationMatchedRule::ids(&class.matched_rules)),
                ];
                let cells: Vec<String> = cells.iter().map(|cell| markdown_cell(cell)).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        }
        out
    }

    /// The table in CSV: `ImpersonationRoleId,Type,Effect,TargetUsers,AllUsersExcept,MatchedRules`,
    /// lists separated by spaces.
    pub fn to_csv(&self) -> String {
        let mut out = csv_record(&[
            "ImpersonationRoleId".into(),
            "Type".into(),
            "Effect".into(),
            "TargetUsers".into(),
            "AllUsersExcept".into(),
            "MatchedRules".into(),
        ]);
        for role in &self.roles {
            for class in &role.classes {
                let (users, except) = match &class.targets {
                    Targets::TargetUsers(list) => (list.join(" "), String::new()),
                    Targets::AllUsersExcept(list) => (String::new(), list.join(" ")),
                };
                out.push_str(&csv_record(&[
                    role.impersonation_role_id.clone(),
                    role.role_type.to_string(),
                    class.effect.to_string(),
                    users,
                    except,
                    ImpersonationMatchedRule::ids(&class.matched_rules).join(" "),
                ]));
            }
        }
        out
    }
}

impl fmt::Display for ImpersonationTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for role in &self.roles {
            writeln!(
                f,
                "role `{}` \"{}\" ({})",
                role.impersonation_role_id, role.name, role.role_type
            )?;
            if role.classes.is_empty() {
                writeln!(f, "    no user can be asked about")?;
            }
            for class in &role.classes {
                writeln!(
                    f,
                    "    {:<5}  {}  [{}]",
                    class.effect.as_str(),
                    class.targets,
                    name_list(&ImpersonationMatchedRule::ids(&class.matched_rules))
                )?;
            }
            if !role.not_impersonable.is_empty() {
                let list: Vec<String> = role
                    .not_impersonable
                    .iter()
                    .map(|id| format!("`{id}`"))
                    .collect();
                writeln!(
                    f,
                    "    disabled or deleted, never impersonable: {}",
                    list.join(", ")
                )?;
            }
        }
        Ok(())
    }
}

/// Every part of the decision table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct DecisionTable {
    /// Access control: rows that partition the request space.
    #[cfg_attr(feature = "ts", ts(as = "Vec<AccessClass>"))]
    pub access_control: AccessTable,
    /// Impersonation: which users each role can impersonate.
    #[cfg_attr(feature = "ts", ts(as = "Vec<RoleTargets>"))]
    pub impersonation: ImpersonationTable,
    /// Mobile device access: rows that partition every device.
    #[cfg_attr(feature = "ts", ts(as = "Vec<super::MobileClass>"))]
    pub mobile_device_access: MobileTable,
    /// Whether the organization has mobile rules of its own (not only the default rule of a
    /// new organization), so the texts show the mobile part.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub(super) own_mobile_rules: bool,
}

/// The access control, impersonation and mobile device access tables of an organization.
///
/// ```
/// use workmail_policy::analysis::decision_table;
/// use workmail_policy::Organization;
/// let table = decision_table(&Organization::default());
/// assert_eq!(table.access_control.rows.len(), 2); // users, and roles with EWS
/// assert!(table.impersonation.roles.is_empty());
/// assert_eq!(table.mobile_device_access.rows.len(), 1); // the default rule allows every device
/// ```
pub fn decision_table(organization: &Organization) -> DecisionTable {
    DecisionTable {
        access_control: access_table(organization),
        impersonation: impersonation_table(organization),
        mobile_device_access: mobile_table(organization),
        own_mobile_rules: !organization.has_only_the_default_mobile_rule(),
    }
}

impl DecisionTable {
    /// Whether the texts show the mobile device access part: the organization has mobile
    /// rules other than the default rule of a new organization.
    pub const fn shows_mobile_part(&self) -> bool {
        self.own_mobile_rules
    }

    /// Which parts the texts show: access control unless a filter emptied it while another
    /// part has rows; impersonation when there are roles; mobile device access when the
    /// organization has its own mobile rules and a filter left rows.
    fn shown_parts(&self) -> [bool; 3] {
        let impersonation = !self.impersonation.roles.is_empty();
        let mobile = self.own_mobile_rules && !self.mobile_device_access.rows.is_empty();
        let access = !self.access_control.rows.is_empty() || !(impersonation || mobile);
        [access, impersonation, mobile]
    }

    /// The tables in Markdown, under headings (impersonation only when there are roles, mobile
    /// device access only when there are mobile rules other than the default rule).
    pub fn to_markdown(&self) -> String {
        let [access, impersonation, mobile] = self.shown_parts();
        let mut parts = Vec::new();
        if access {
            parts.push(format!(
                "## Access control\n\n{}",
                self.access_control.to_markdown()
            ));
        }
        if impersonation {
            parts.push(format!(
                "## Impersonation\n\n{}",
                self.impersonation.to_markdown()
            ));
        }
        if mobile {
            parts.push(format!(
                "## Mobile device access\n\n{}",
                self.mobile_device_access.to_markdown()
            ));
        }
        parts.join("\n")
    }
}

impl fmt::Display for DecisionTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [access, impersonation, mobile] = self.shown_parts();
        let parts = [
            access.then(|| self.access_control.to_string()),
            impersonation.then(|| self.impersonation.to_string()),
            mobile.then(|| self.mobile_device_access.to_string()),
        ];
        let shown: Vec<String> = parts.into_iter().flatten().collect();
        f.write_str(&shown.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_organization as org;
    use crate::eval::access::{self, Principal};

    #[test]
    fn the_mobile_part_is_shown_only_with_mobile_rules_of_its_own() {
        let plain = decision_table(&Organization::default());
        assert!(!plain.shows_mobile_part());
        assert!(!plain.to_markdown().contains("## Mobile device access"));
        let own = decision_table(&org(
            r#"{"MobileDeviceAccessRules": [{"MobileDeviceAccessRuleId": "ios", "Name": "iOS", "Effect": "DENY", "DeviceTypes": ["iPhone"]}]}"#,
        ));
        assert!(own.shows_mobile_part());
        assert!(own.to_markdown().contains("## Mobile device access"));
    }

    #[test]
    fn the_impersonation_table_has_a_line_per_role_and_class_in_markdown_and_csv() {
        let organization = org(r#"{"ImpersonationRoles": [
                {"ImpersonationRoleId": "archiver", "Name": "Archiver", "Type": "READ_ONLY",
                 "Rules": [{"ImpersonationRuleId": "all", "Effect": "ALLOW", "NotTargetUsers": ["ceo"]}]},
                {"ImpersonationRoleId": "helpdesk", "Name": "Helpdesk", "Type": "FULL_ACCESS",
                 "Rules": [{"ImpersonationRuleId": "any", "Effect": "ALLOW"}]}]}"#);
        assert_eq!(
            impersonation_table(&organization).to_markdown(),
            "| Role | Type | Effect | Target users | MatchedRules |\n|---|---|---|---|---|\n\
             | archiver | READ_ONLY | ALLOW | every user except `ceo` | all |\n\
             | archiver | READ_ONLY | DENY | `ceo` | (none) |\n\
             | helpdesk | FULL_ACCESS | ALLOW | every user | any |\n"
        );
        // In CSV, "every user except" is a column of its own, empty for every user.
        assert_eq!(
            impersonation_table(&organization).to_csv(),
            "ImpersonationRoleId,Type,Effect,TargetUsers,AllUsersExcept,MatchedRules\r\n\
             archiver,READ_ONLY,ALLOW,,ceo,all\r\n\
             archiver,READ_ONLY,DENY,ceo,,\r\n\
             helpdesk,FULL_ACCESS,ALLOW,,,any\r\n"
        );
    }

    #[test]
    fn the_default_rule_is_two_rows_users_and_roles() {
        let table = access_table(&Organization::default());
        let json = serde_json::to_value(&table).ok();
        assert_eq!(
            json,
            Some(serde_json::json!([{
                "IpRanges": ["0.0.0.0/0"],
                "Actions": ["ActiveSync", "AutoDiscover", "EWS", "IMAP", "SMTP", "WindowsOutlook", "WebMail"],
                "Principals": [{"OtherUser": true}],
                "Effect": "ALLOW",
                "MatchedRules": ["default"]
            }, {
                "IpRanges": ["0.0.0.0/0"],
                "Actions": ["EWS"],
                "Principals": [{"OtherRole": true}],
                "Effect": "ALLOW",
                "MatchedRules": ["default"]
            }]))
        );
        assert_eq!(
            table.to_string(),
            "ALLOW  any action  from any IP  for any user  [default]\nALLOW  EWS  from any IP  for any role  [default]\n"
        );
    }

    #[test]
    fn no_rules_deny_everything() {
        let table = access_table(&org(r#"{"AccessControlRules": []}"#));
        assert!(
            table
                .rows
                .iter()
                .all(|row| row.effect == Effect::Deny && row.matched_rules.is_empty())
        );
    }

    #[test]
    fn who_can_reach_imap_from_outside_ten() {
        let org = org(r#"{"AccessControlRules": [
                {"Name": "default", "Effect": "ALLOW"},
                {"Name": "imap-inside", "Effect": "DENY", "Actions": ["IMAP"], "NotIpRanges": ["10.0.0.0/8"],
                 "NotUserIds": ["S-1-1-11-000000000001"]}]}"#);
        let table = access_table(&org);
        let imap_outside: Vec<&AccessClass> = table
            .rows
            .iter()
            .filter(|row| row.actions.contains(&Action::Imap))
            .filter(|row| {
                row.ip_ranges
                    .iter()
                    .all(|net| !net.to_string().starts_with("10."))
            })
            .collect();
        let allowed: Vec<&TablePrincipal> = imap_outside
            .iter()
            .filter(|row| row.effect == Effect::Allow)
            .flat_map(|row| &row.principals)
            .collect();
        assert_eq!(
            allowed,
            [&TablePrincipal::UserId("S-1-1-11-000000000001".into())]
        );
        let text = table.to_string();
        assert!(
            text.contains("DENY   IMAP  from any IP except 10.0.0.0/8  for any user except `S-1-1-11-000000000001`  [imap-inside]"),
            "{text}"
        );
    }

    #[test]
    fn rows_partition_the_space_and_agree_with_decide() {
        let org = org(r#"{"AccessControlRules": [
                {"Name": "default", "Effect": "ALLOW", "NotActions": ["SMTP"]},
                {"Name": "office", "Effect": "ALLOW", "IpRanges": ["192.0.2.0/24", "198.51.100.7/32"]},
                {"Name": "block", "Effect": "DENY", "IpRanges": ["192.0.2.128/25"], "ImpersonationRoleIds": ["r1"]},
                {"Name": "jane", "Effect": "DENY", "UserIds": ["S-1-1-11-000000000002"], "Actions": ["EWS", "IMAP"]}]}"#);
        let table = access_table(&org);
        let addresses = [
            "0.0.0.0",
            "192.0.2.1",
            "192.0.2.200",
            "198.51.100.7",
            "198.51.100.8",
            "255.255.255.255",
        ];
        let principals = [
            Principal::UserId("S-1-1-11-000000000002".into()),
            Principal::UserId("S-1-1-11-000000000009".into()),
            Principal::ImpersonationRoleId("r1".into()),
            Principal::ImpersonationRoleId("r2".into()),
        ];
        for address in addresses {
            for principal in &principals {
                for action in Action::ALL {
                    if matches!(principal, Principal::ImpersonationRoleId(_))
                        && action != Action::Ews
                    {
                        continue;
                    }
                    let request = AccessRequest {
                        ip_address: address.parse().unwrap_or(std::net::Ipv4Addr::UNSPECIFIED),
                        action,
                        principal: principal.clone(),
                    };
                    let named = table.principals();
                    let table_principal = match principal {
                        Principal::UserId(id) => TablePrincipal::UserId(id.clone()),
                        Principal::ImpersonationRoleId(id) => {
                            TablePrincipal::ImpersonationRoleId(id.clone())
                        }
                    };
                    let principal_here = if named.contains(&table_principal) {
                        table_principal
                    } else if principal_is_user(principal) {
                        TablePrincipal::OtherUser
                    } else {
                        TablePrincipal::OtherRole
                    };
                    let holding: Vec<&AccessClass> = table
                        .rows
                        .iter()
                        .filter(|row| {
                            row.actions.contains(&action)
                                && row.principals.contains(&principal_here)
                                && IpSet::from_nets(&row.ip_ranges)
                                    .contains(u32::from(request.ip_address))
                        })
                        .collect();
                    assert_eq!(holding.len(), 1, "{request:?}");
                    let row = holding[0];
                    assert_eq!(
                        (row.effect, row.matched_rules.clone()),
                        access::decide(org.access_control_rules(), &request),
                        "{request:?}"
                    );
                }
            }
        }
    }

    fn principal_is_user(principal: &Principal) -> bool {
        matches!(principal, Principal::UserId(_))
    }

    #[test]
    fn markdown_and_csv_have_one_line_per_row() {
        let org = org(
            r#"{"AccessControlRules": [{"Name": "a", "Effect": "ALLOW", "IpRanges": ["10.0.0.0/8"], "UserIds": ["S-1-1-11-00000000|01"]}]}"#,
        );
        let table = access_table(&org);
        assert_eq!(table.to_markdown().lines().count(), table.rows.len() + 2);
        assert!(table.to_markdown().contains("S-1-1-11-00000000\\|01"));
        assert_eq!(table.to_csv().lines().count(), table.rows.len() + 1);
        assert!(table.to_csv().contains("UserId:S-1-1-11-00000000|01"));
    }

    #[test]
    fn impersonation_with_a_directory_lists_users() {
        let org = org(r#"{"Users": [
                {"Id": "S-1-1-11-000000000001", "Email": "ceo@example.com", "Name": "ceo"},
                {"Id": "S-1-1-11-000000000002", "Email": "jane@example.com", "Name": "jane"},
                {"Id": "S-1-1-11-000000000003", "Email": "old@example.com", "Name": "old", "State": "DELETED"}],
              "ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "Reader", "Type": "READ_ONLY", "Rules": [
                {"ImpersonationRuleId": "all", "Effect": "ALLOW"},
                {"ImpersonationRuleId": "no-ceo", "Name": "Not the CEO", "Effect": "DENY", "TargetUsers": ["CEO"]}]}]}"#);
        let table = impersonation_table(&org);
        let role = &table.roles[0];
        assert_eq!(
            role.allowed(),
            Some(&Targets::TargetUsers(vec!["S-1-1-11-000000000002".into()]))
        );
        assert_eq!(role.not_impersonable, ["S-1-1-11-000000000003"]);
        let json = serde_json::to_value(&table).ok();
        assert_eq!(
            json.as_ref()
                .and_then(|j| j.pointer("/0/Classes/1"))
                .cloned(),
            Some(
                serde_json::json!({"TargetUsers": ["S-1-1-11-000000000001"], "Effect": "DENY",
                "MatchedRules": [{"ImpersonationRuleId": "no-ceo", "Name": "Not the CEO"}]})
            )
        );
        assert!(
            table
                .to_string()
                .contains("disabled or deleted, never impersonable: `S-1-1-11-000000000003`")
        );
    }

    #[test]
    fn a_role_without_rules_impersonates_nobody() {
        let org = org(
            r#"{"ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "FULL_ACCESS", "Rules": []}]}"#,
        );
        let table = impersonation_table(&org);
        assert_eq!(table.roles[0].allowed(), None);
        assert_eq!(
            table.roles[0].classes[0].targets,
            Targets::AllUsersExcept(Vec::new())
        );
        assert!(table.to_string().contains("DENY   every user  [(none)]"));
    }
}
