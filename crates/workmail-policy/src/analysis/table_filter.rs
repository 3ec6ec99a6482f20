//! Who can: the decision table restricted to the requests a question asks about ("who can
//! reach IMAP from 198.51.100.7?").
//!
//! A [`TableQuery`] is the question as given (texts, as a command line or a JSON caller gives
//! them); [`TableFilter::resolve`] checks it against the organization and resolves its users,
//! and [`TableFilter::restrict`] cuts a table to it. [`select_filtered_table`] does all three for
//! one part of the table.
//!
//! The decisions are documented on [`TableFilter`].

use std::fmt;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use super::mobile_table::MobileTable;
use super::space::{IpSet, TablePrincipal};
use super::table::{
    AccessClass, AccessTable, ImpersonationTable, RoleTargets, TargetClass, Targets,
};
use super::table_output::{SelectedTable, TablePart, select_table};
use crate::directory::same_identifier_text;
use crate::eval::access::{AccessRequest, Principal};
use crate::model::{Action, Effect, parse_cidr, parse_ipv4};
use crate::org::Organization;
use crate::semantics::Decision;
use crate::shape::shorten;

/// A question about the decision table as given: which requests to keep. Every member is
/// optional; left out (or empty), it keeps everything.
///
/// Deserialized from `{"Actions": ["IMAP"], "IpRange": "198.51.100.7", "UserIds": [...],
/// "ImpersonationRoleIds": [...], "TargetUsers": [...], "Effect": "ALLOW"}`; unknown members
/// are refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct TableQuery {
    /// Actions, spelled as AWS spells them (`IMAP`, `EWS`...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<crate::model::Action>>", optional))]
    pub actions: Vec<String>,
    /// A source address (`198.51.100.7`) or a CIDR range (`198.51.100.0/24`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub ip_range: Option<String>,
    /// Users making the access request: user IDs, emails or user names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub user_ids: Vec<String>,
    /// Impersonation roles: making the access request (EWS), or impersonating.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub impersonation_role_ids: Vec<String>,
    /// Users to impersonate: user IDs, emails or user names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub target_users: Vec<String>,
    /// `ALLOW` or `DENY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(as = "Option<crate::model::Effect>", optional))]
    pub effect: Option<String>,
}

/// A member of a [`TableQuery`]: where a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryMember {
    /// `Actions`.
    Actions,
    /// `IpRange`.
    IpRange,
    /// `UserIds`.
    UserIds,
    /// `ImpersonationRoleIds`.
    ImpersonationRoleIds,
    /// `TargetUsers`.
    TargetUsers,
    /// `Effect`.
    Effect,
}

impl QueryMember {
    /// The member's JSON name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Actions => "Actions",
            Self::IpRange => "IpRange",
            Self::UserIds => "UserIds",
            Self::ImpersonationRoleIds => "ImpersonationRoleIds",
            Self::TargetUsers => "TargetUsers",
            Self::Effect => "Effect",
        }
    }
}

/// A question that cannot be asked: a value that is not what its member holds, a user or role
/// the organization does not have, or a member that does not apply to the part asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableQueryError {
    /// The member.
    pub member: QueryMember,
    /// The entry of a list member.
    pub index: Option<usize>,
    /// What is wrong (lowercase, no final period).
    pub message: String,
    /// What to do instead.
    pub help: Option<String>,
    /// The decision of the semantics that refuses it, if one does.
    pub decision: Option<Decision>,
}

impl TableQueryError {
    fn new(member: QueryMember, index: Option<usize>, message: String) -> Self {
        Self {
            member,
            index,
            message,
            help: None,
            decision: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    const fn because(mut self, decision: Decision) -> Self {
        self.decision = Some(decision);
        self
    }

    /// The JSON path of the problem: `Actions[1]`, `IpRange`.
    pub fn path(&self) -> String {
        match self.index {
            Some(at) => format!("{}[{at}]", self.member.as_str()),
            None => self.member.as_str().to_owned(),
        }
    }
}

impl fmt::Display for TableQueryError {
    /// `` `Actions[0]`: `IMPAP` is not an action ``, then `; help: …` when there is help.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: {}", self.path(), self.message)?;
        if let Some(help) = &self.help {
            write!(f, "; help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for TableQueryError {}

/// A question checked against an organization: which requests to keep. `None` (or, for
/// [`TableFilter::principals`], an empty list) keeps everything.
///
/// Decisions:
///
/// - **Rows are cut, not only picked.** A row is kept when it shares a request with the
///   question, and is cut to the question: its addresses intersected with the asked range, its
///   actions and principals with the asked ones. The rows printed are therefore exactly the
///   requests asked about, still a partition of them, each with the whole table's answer. Cut
///   rows are not merged again: each stays a piece of one row of the whole table.
/// - **Members left out ask about everything**; an empty list is the same as a left-out one.
///   Within a member the values are alternatives (`IMAP` or `SMTP`); members combine with AND.
/// - **Addresses**: an address is its `/32`; a CIDR range is matched after masking, as rule
///   ranges are (D8).
/// - **Users** resolve as the directory resolves them: a user ID, an email or a user name (D22).
///   With a directory, a user it does not hold is an error, as `GetAccessControlEffect` refuses
///   it (D11); without one, the text is the user ID, and a user no rule names falls under "any
///   other user", but the rows show the user asked about. A text that is one of the document's
///   impersonation roles and no user is refused with a hint to ask for the role.
/// - **Roles** must be roles of the document (D11 refuses any other). A role asks only with EWS
///   (D11), so a question about roles whose `Actions` leave out EWS is refused rather than
///   answered with nothing.
/// - **Parts**: access control is filtered by every member but `TargetUsers`; impersonation by
///   `ImpersonationRoleIds` (the impersonating role), `TargetUsers` (resolved as
///   `GetImpersonationRoleEffect` resolves them, D12) and `Effect`; mobile device access by
///   `Effect` only (its rows are sets of device property values, not one request's fields: ask
///   about one device with `explain --mobile`). A member that does not apply to a part leaves
///   that part empty when every part is printed, and is refused when the part is asked for
///   alone. Disabled and deleted users (whom no role can impersonate) are kept only when no
///   `Effect` is asked: they get no effect at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableFilter {
    /// The actions, in the order of [`Action::ALL`].
    pub actions: Option<Vec<Action>>,
    /// The source addresses (masked).
    pub ip_range: Option<Ipv4Net>,
    /// The users (as user IDs) and roles making the access request.
    pub principals: Vec<Principal>,
    /// The roles whose impersonation is asked about.
    pub impersonation_role_ids: Option<Vec<String>>,
    /// The users to impersonate: user IDs with a directory, the texts as given without one.
    pub target_users: Option<Vec<String>>,
    /// The effect.
    pub effect: Option<Effect>,
}

impl TableFilter {
    /// Checks `query` against `organization` and resolves its users (see the module docs).
    ///
    /// ```
    /// use workmail_policy::analysis::{TableFilter, TableQuery};
    /// use workmail_policy::{Action, Organization};
    /// let org = Organization::default();
    /// let query = TableQuery { actions: vec!["IMAP".into()], ip_range: Some("198.51.100.7".into()), ..TableQuery::default() };
    /// let filter = TableFilter::resolve(&org, &query)?;
    /// assert_eq!(filter.actions, Some(vec![Action::Imap]));
    /// assert_eq!(filter.ip_range.map(|net| net.to_string()).as_deref(), Some("198.51.100.7/32"));
    /// let wrong = TableQuery { actions: vec!["imap".into()], ..TableQuery::default() };
    /// let error = TableFilter::resolve(&org, &wrong).unwrap_err();
    /// assert_eq!(error.path(), "Actions[0]");
    /// # Ok::<(), workmail_policy::analysis::TableQueryError>(())
    /// ```
    ///
    /// # Errors
    /// An unknown action or effect, an address or range that is not IPv4, a user the directory
    /// does not hold, a role the document does not have, a role given as a user, or roles asked
    /// about with actions that leave out EWS.
    pub fn resolve(
        organization: &Organization,
        query: &TableQuery,
    ) -> Result<Self, TableQueryError> {
        let actions = resolve_actions(&query.actions)?;
        let ip_range = query.ip_range.as_deref().map(resolve_range).transpose()?;
        let roles = resolve_roles(organization, &query.impersonation_role_ids)?;
        if let (Some(roles), Some(actions)) = (&roles, &actions)
            && !roles.is_empty()
            && !actions.contains(&Action::Ews)
        {
            return Err(TableQueryError::new(
                QueryMember::ImpersonationRoleIds,
                None,
                "an impersonation role asks only with EWS, and `Actions` leaves EWS out".to_owned(),
            )
            .help("add EWS to `Actions`, or ask about users")
            .because(Decision::D11));
        }
        let mut principals = Vec::new();
        let roles_asked = roles
            .iter()
            .flatten()
            .map(|id| Principal::ImpersonationRoleId(id.clone()));
        for principal in resolve_users(organization, &query.user_ids)?
            .into_iter()
            .chain(roles_asked)
        {
            if !principals.contains(&principal) {
                principals.push(principal);
            }
        }
        let effect = query.effect.as_deref().map(resolve_effect).transpose()?;
        Ok(Self {
            actions,
            ip_range,
            principals,
            impersonation_role_ids: roles,
            target_users: resolve_targets(organization, &query.target_users)?,
            effect,
        })
    }

    /// Whether the filter keeps every request (no member asks anything).
    ///
    /// ```
    /// use workmail_policy::analysis::{TableFilter, TableQuery};
    /// use workmail_policy::Organization;
    /// let org = Organization::default();
    /// assert!(TableFilter::resolve(&org, &TableQuery::default())?.is_empty());
    /// let imap = TableQuery { actions: vec!["IMAP".into()], ..TableQuery::default() };
    /// assert!(!TableFilter::resolve(&org, &imap)?.is_empty());
    /// # Ok::<(), workmail_policy::analysis::TableQueryError>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether an access request is one the filter asks about.
    ///
    /// ```
    /// use workmail_policy::analysis::TableFilter;
    /// use workmail_policy::{AccessRequest, Action, Effect, Principal};
    /// let filter = TableFilter { actions: Some(vec![Action::Imap]), ..TableFilter::default() };
    /// let request = AccessRequest {
    ///     ip_address: [198, 51, 100, 7].into(),
    ///     action: Action::Imap,
    ///     principal: Principal::UserId("S-1-1-11-1".into()),
    /// };
    /// assert!(filter.holds(&request, None));
    /// let asks_allow = TableFilter { effect: Some(Effect::Allow), ..filter };
    /// assert!(!asks_allow.holds(&request, Some(Effect::Deny)));
    /// ```
    ///
    /// `effect` is the request's answer, which an `Effect` filter compares; with `None` the
    /// `Effect` member is not looked at. A filter with `TargetUsers` holds for no access
    /// request (it asks about impersonation).
    pub fn holds(&self, request: &AccessRequest, effect: Option<Effect>) -> bool {
        self.actions
            .as_ref()
            .is_none_or(|actions| actions.contains(&request.action))
            && self
                .ip_range
                .is_none_or(|net| net.contains(&request.ip_address))
            && (self.principals.is_empty() || self.principals.contains(&request.principal))
            && self
                .effect
                .zip(effect)
                .is_none_or(|(wanted, effect)| wanted == effect)
            && self.target_users.is_none()
    }

    /// The first member that does not apply to `part` alone (see the module docs); `None` for
    /// [`TablePart::All`], where such a part is left empty instead.
    pub fn member_outside(&self, part: TablePart) -> Option<QueryMember> {
        let access_only = [
            (self.actions.is_some(), QueryMember::Actions),
            (self.ip_range.is_some(), QueryMember::IpRange),
            (
                self.principals
                    .iter()
                    .any(|principal| matches!(principal, Principal::UserId(_))),
                QueryMember::UserIds,
            ),
        ];
        let impersonation_only = [(self.target_users.is_some(), QueryMember::TargetUsers)];
        let roles = [(
            self.impersonation_role_ids.is_some(),
            QueryMember::ImpersonationRoleIds,
        )];
        let outside: &[(bool, QueryMember)] = match part {
            TablePart::All => &[],
            TablePart::AccessControl => &impersonation_only,
            TablePart::Impersonation => &access_only,
            TablePart::MobileDeviceAccess => {
                return access_only
                    .into_iter()
                    .chain(roles)
                    .chain(impersonation_only)
                    .find_map(|(given, member)| given.then_some(member));
            }
        };
        outside
            .iter()
            .find_map(|(given, member)| given.then_some(*member))
    }

    /// Whether the filter asks something of access requests that the impersonation part has
    /// no member for, and so leaves that part empty.
    fn leaves_out_impersonation(&self) -> bool {
        self.member_outside(TablePart::Impersonation).is_some()
    }

    /// Whether the filter asks something the access control part has no member for.
    fn leaves_out_access(&self) -> bool {
        self.target_users.is_some()
    }

    /// Whether the filter asks something the mobile device access part has no member for.
    fn leaves_out_mobile(&self) -> bool {
        self.member_outside(TablePart::MobileDeviceAccess).is_some()
    }

    /// The table cut to the filter: every part restricted (see [`TableFilter::access`],
    /// [`TableFilter::impersonation`], [`TableFilter::mobile`]).
    pub fn restrict(&self, table: SelectedTable) -> SelectedTable {
        match table {
            SelectedTable::All(mut all) => {
                all.access_control = self.access(&all.access_control);
                all.impersonation = self.impersonation(&all.impersonation);
                all.mobile_device_access = self.mobile(all.mobile_device_access);
                SelectedTable::All(all)
            }
            SelectedTable::AccessControl(table) => {
                SelectedTable::AccessControl(self.access(&table))
            }
            SelectedTable::Impersonation(table) => {
                SelectedTable::Impersonation(self.impersonation(&table))
            }
            SelectedTable::MobileDeviceAccess(table) => {
                SelectedTable::MobileDeviceAccess(self.mobile(table))
            }
        }
    }

    /// The access control table cut to the filter: each row that shares a request with it,
    /// cut to those requests. Empty when the filter asks about `TargetUsers` (impersonation),
    /// so the rows are exactly the requests [`TableFilter::holds`] holds for.
    ///
    /// ```
    /// use workmail_policy::analysis::{access_table, TableFilter, TableQuery};
    /// use workmail_policy::Organization;
    /// let org = Organization::from_json(r#"{"AccessControlRules": [
    ///     {"Name": "default", "Effect": "ALLOW"},
    ///     {"Name": "no-imap-outside", "Effect": "DENY", "Actions": ["IMAP"], "NotIpRanges": ["192.0.2.0/24"]}]}"#)?.organization;
    /// let query = TableQuery { actions: vec!["IMAP".into()], ip_range: Some("198.51.100.7".into()), ..TableQuery::default() };
    /// let who = TableFilter::resolve(&org, &query)?.access(&access_table(&org));
    /// assert_eq!(who.to_string(), "DENY   IMAP  from 198.51.100.7/32  for any user  [no-imap-outside]\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn access(&self, table: &AccessTable) -> AccessTable {
        if self.leaves_out_access() {
            return AccessTable {
                rows: Vec::new(),
                universe: table.universe.clone(),
            };
        }
        let addresses = self.ip_range.map(|net| IpSet::from_nets(&[net]));
        let asked: Vec<(TablePrincipal, TablePrincipal)> = self
            .principals
            .iter()
            .map(|principal| {
                let own = TablePrincipal::named_and_other(principal).0;
                (TablePrincipal::under(principal, &table.universe), own)
            })
            .collect();
        let rows = table
            .rows
            .iter()
            .filter(|row| self.effect.is_none_or(|effect| effect == row.effect))
            .filter_map(|row| {
                let actions: Vec<Action> = row
                    .actions
                    .iter()
                    .copied()
                    .filter(|action| self.actions.as_ref().is_none_or(|a| a.contains(action)))
                    .collect();
                let ip_ranges = match &addresses {
                    Some(asked) => IpSet::from_nets(&row.ip_ranges)
                        .intersection(asked)
                        .to_nets(),
                    None => row.ip_ranges.clone(),
                };
                let principals: Vec<TablePrincipal> = if asked.is_empty() {
                    row.principals.clone()
                } else {
                    row.principals
                        .iter()
                        .flat_map(|held| {
                            asked
                                .iter()
                                .filter(move |(under, _)| under == held)
                                .map(|(_, own)| own.clone())
                        })
                        .collect()
                };
                let empty = actions.is_empty() || ip_ranges.is_empty() || principals.is_empty();
                (!empty).then(|| AccessClass {
                    ip_ranges,
                    actions,
                    principals,
                    effect: row.effect,
                    matched_rules: row.matched_rules.clone(),
                })
            })
            .collect();
        let mut universe = table.universe.clone();
        for (_, own) in asked {
            if !universe.contains(&own) {
                universe.push(own);
            }
        }
        AccessTable { rows, universe }
    }

    /// The impersonation table cut to the filter: the roles asked about, each with the classes
    /// of the effect asked for, cut to the target users asked about. A role left with nothing
    /// is left out; every role is, when the filter asks about actions, addresses or users.
    pub fn impersonation(&self, table: &ImpersonationTable) -> ImpersonationTable {
        if self.leaves_out_impersonation() {
            return ImpersonationTable { roles: Vec::new() };
        }
        let roles = table
            .roles
            .iter()
            .filter(|role| {
                self.impersonation_role_ids
                    .as_ref()
                    .is_none_or(|ids| ids.contains(&role.impersonation_role_id))
            })
            .filter_map(|role| {
                let classes: Vec<TargetClass> = role
                    .classes
                    .iter()
                    .filter(|class| self.effect.is_none_or(|effect| effect == class.effect))
                    .filter_map(|class| {
                        let targets = self.cut_targets(&class.targets)?;
                        Some(TargetClass {
                            targets,
                            ..class.clone()
                        })
                    })
                    .collect();
                let not_impersonable: Vec<String> = if self.effect.is_some() {
                    Vec::new()
                } else {
                    role.not_impersonable
                        .iter()
                        .filter(|id| self.asks_target(id))
                        .cloned()
                        .collect()
                };
                let narrowed = self.effect.is_some() || self.target_users.is_some();
                let nothing = classes.is_empty() && not_impersonable.is_empty();
                (!(narrowed && nothing)).then(|| RoleTargets {
                    classes,
                    not_impersonable,
                    ..role.clone()
                })
            })
            .collect();
        ImpersonationTable { roles }
    }

    /// Whether the filter asks about the target `id` (as the table writes it).
    fn asks_target(&self, id: &str) -> bool {
        self.target_users
            .as_ref()
            .is_none_or(|asked| asked.iter().any(|text| same_identifier_text(text, id)))
    }

    /// A class's targets cut to the asked ones; `None` when none is left.
    fn cut_targets(&self, targets: &Targets) -> Option<Targets> {
        let Some(asked) = &self.target_users else {
            return Some(targets.clone());
        };
        let kept: Vec<String> = match targets {
            Targets::TargetUsers(list) => list
                .iter()
                .filter(|id| self.asks_target(id))
                .cloned()
                .collect(),
            Targets::AllUsersExcept(except) => asked
                .iter()
                .filter(|text| !except.iter().any(|id| same_identifier_text(text, id)))
                .cloned()
                .collect(),
        };
        (!kept.is_empty()).then_some(Targets::TargetUsers(kept))
    }

    /// The mobile device access table with the rows of the effect asked for; without rows when
    /// the filter asks anything else.
    pub fn mobile(&self, mut table: MobileTable) -> MobileTable {
        let applies = !self.leaves_out_mobile();
        table
            .rows
            .retain(|row| applies && self.effect.is_none_or(|effect| effect == row.effect));
        table
    }
}

/// The `part` of the organization's decision table, restricted to `query`: what
/// `workmail-policy table` prints with its filter options.
///
/// ```
/// use workmail_policy::Organization;
/// use workmail_policy::analysis::{TablePart, TableQuery, select_filtered_table};
/// let org = Organization::from_json(r#"{"AccessControlRules": [
///     {"Name": "default", "Effect": "ALLOW"},
///     {"Name": "no-imap", "Effect": "DENY", "Actions": ["IMAP"], "UserIds": ["S-1-1-11-000000000002"]}]}"#)?.organization;
/// let query = TableQuery { actions: vec!["IMAP".into()], effect: Some("ALLOW".into()), ..TableQuery::default() };
/// let who = select_filtered_table(&org, TablePart::AccessControl, &query)?;
/// assert_eq!(who.to_string(), "ALLOW  IMAP  from any IP  for any user except `S-1-1-11-000000000002`  [default]\n");
/// let wrong = TableQuery { target_users: vec!["jane".into()], ..TableQuery::default() };
/// assert!(select_filtered_table(&org, TablePart::AccessControl, &wrong).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`TableFilter::resolve`], and a member that does not apply to `part`.
pub fn select_filtered_table(
    organization: &Organization,
    part: TablePart,
    query: &TableQuery,
) -> Result<SelectedTable, TableQueryError> {
    let filter = TableFilter::resolve(organization, query)?;
    if let Some(member) = filter.member_outside(part) {
        let (table, applies) = match part {
            TablePart::AccessControl => (
                "access control",
                "`Actions`, `IpRange`, `UserIds`, `ImpersonationRoleIds` and `Effect`",
            ),
            TablePart::Impersonation => (
                "impersonation",
                "`ImpersonationRoleIds`, `TargetUsers` and `Effect`",
            ),
            TablePart::MobileDeviceAccess | TablePart::All => ("mobile device access", "`Effect`"),
        };
        return Err(TableQueryError::new(
            member,
            None,
            format!("the {table} table has no `{}`", member.as_str()),
        )
        .help(format!("filter the {table} table by {applies}")));
    }
    let table = select_table(organization, part);
    Ok(if filter.is_empty() {
        table
    } else {
        filter.restrict(table)
    })
}

fn resolve_actions(texts: &[String]) -> Result<Option<Vec<Action>>, TableQueryError> {
    if texts.is_empty() {
        return Ok(None);
    }
    let mut asked = Vec::new();
    for (at, text) in texts.iter().enumerate() {
        let action: Action = text.parse().map_err(|_| {
            let known: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
            let error = TableQueryError::new(
                QueryMember::Actions,
                Some(at),
                format!("`{}` is not an action", shorten(text)),
            )
            .because(Decision::D7);
            match Action::ALL
                .into_iter()
                .find(|action| action.as_str().eq_ignore_ascii_case(text))
            {
                Some(action) => error.help(format!("write it as AWS does: `{action}`")),
                None => error.help(format!("the actions are {}", known.join(", "))),
            }
        })?;
        asked.push(action);
    }
    Ok(Some(
        Action::ALL
            .into_iter()
            .filter(|action| asked.contains(action))
            .collect(),
    ))
}

fn resolve_range(text: &str) -> Result<Ipv4Net, TableQueryError> {
    let net = if text.contains('/') {
        parse_cidr(text).map(|net| net.trunc())
    } else {
        parse_ipv4(text).map(Ipv4Net::from)
    };
    net.ok_or_else(|| {
        TableQueryError::new(
            QueryMember::IpRange,
            None,
            format!("`{}` is not an IPv4 address or CIDR range", shorten(text)),
        )
        .help("write an address such as `198.51.100.7` or a range such as `198.51.100.0/24`")
        .because(Decision::D8)
    })
}

fn resolve_effect(text: &str) -> Result<Effect, TableQueryError> {
    match text {
        "ALLOW" => Ok(Effect::Allow),
        "DENY" => Ok(Effect::Deny),
        _ => Err(TableQueryError::new(
            QueryMember::Effect,
            None,
            format!("`{}` is not an effect", shorten(text)),
        )
        .help("the effects are ALLOW and DENY")),
    }
}

fn resolve_roles(
    organization: &Organization,
    texts: &[String],
) -> Result<Option<Vec<String>>, TableQueryError> {
    if texts.is_empty() {
        return Ok(None);
    }
    texts
        .iter()
        .enumerate()
        .map(|(at, text)| match organization.impersonation_role(text) {
            Some(role) => Ok(role.impersonation_role_id.clone()),
            None => {
                let error = TableQueryError::new(
                    QueryMember::ImpersonationRoleIds,
                    Some(at),
                    format!(
                        "impersonation role `{}` does not exist in the organization",
                        shorten(text)
                    ),
                )
                .because(Decision::D11);
                Err(if organization.directory().resolve(text).is_some() {
                    error.help("it is a user: ask with `UserIds`")
                } else {
                    error.help("give the `ImpersonationRoleId` of one of the document's roles")
                })
            }
        })
        .collect::<Result<Vec<_>, _>>()
        .map(|ids| Some(distinct(ids, |a, b| a == b)))
}

/// `items` without repeats (as `same` tells them), in first-seen order.
fn distinct(items: Vec<String>, same: impl Fn(&str, &str) -> bool) -> Vec<String> {
    let mut kept: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        if !kept.iter().any(|seen| same(seen, &item)) {
            kept.push(item);
        }
    }
    kept
}

/// Each text as the user it names: resolved through the directory, or as given without one.
fn resolve_users(
    organization: &Organization,
    texts: &[String],
) -> Result<Vec<Principal>, TableQueryError> {
    let directory = organization.directory();
    texts
        .iter()
        .enumerate()
        .map(|(at, text)| {
            let is_role = organization.impersonation_role(text).is_some();
            let resolved = if directory.is_known() {
                directory.resolve(text).map(|found| found.user.id.clone())
            } else {
                (!is_role).then(|| text.clone())
            };
            resolved.map(Principal::UserId).ok_or_else(|| {
                if is_role {
                    TableQueryError::new(
                        QueryMember::UserIds,
                        Some(at),
                        format!("`{}` is an impersonation role, not a user", shorten(text)),
                    )
                    .help("ask about a role with `ImpersonationRoleIds`")
                } else {
                    unknown_user(QueryMember::UserIds, at, text)
                }
            })
        })
        .collect()
}

/// Each target as the table writes it: the user ID with a directory (D12), the text without.
fn resolve_targets(
    organization: &Organization,
    texts: &[String],
) -> Result<Option<Vec<String>>, TableQueryError> {
    if texts.is_empty() {
        return Ok(None);
    }
    let directory = organization.directory();
    if !directory.is_known() {
        return Ok(Some(distinct(texts.to_vec(), same_identifier_text)));
    }
    texts
        .iter()
        .enumerate()
        .map(|(at, text)| {
            directory
                .resolve(text)
                .map(|found| found.user.id.clone())
                .ok_or_else(|| {
                    unknown_user(QueryMember::TargetUsers, at, text).because(Decision::D12)
                })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(|ids| Some(distinct(ids, |a, b| a == b)))
}

fn unknown_user(member: QueryMember, at: usize, text: &str) -> TableQueryError {
    TableQueryError::new(
        member,
        Some(at),
        format!("no user `{}` in the document's `Users`", shorten(text)),
    )
    .help("give a user ID, an email or a user name of the directory")
    .because(Decision::D11)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::table::{access_table, impersonation_table};
    use crate::analysis::test_organization as org;
    use crate::analysis::{TablePart, mobile_table};

    const RULES: &str = r#"{"AccessControlRules": [
        {"Name": "default", "Effect": "ALLOW", "NotActions": ["SMTP"]},
        {"Name": "office", "Effect": "ALLOW", "IpRanges": ["192.0.2.0/24", "198.51.100.7/32"]},
        {"Name": "block", "Effect": "DENY", "IpRanges": ["192.0.2.128/25"], "ImpersonationRoleIds": ["r1"]},
        {"Name": "imap-outside", "Effect": "DENY", "Actions": ["IMAP"], "NotIpRanges": ["192.0.2.0/24"],
         "NotUserIds": ["S-1-1-11-000000000001"]},
        {"Name": "jane", "Effect": "DENY", "UserIds": ["S-1-1-11-000000000002"], "Actions": ["EWS", "IMAP"]}],
      "ImpersonationRoles": [
        {"ImpersonationRoleId": "r1", "Name": "one", "Type": "READ_ONLY", "Rules": [
          {"ImpersonationRuleId": "all", "Effect": "ALLOW"},
          {"ImpersonationRuleId": "no-ceo", "Effect": "DENY", "TargetUsers": ["ceo@example.com"]}]},
        {"ImpersonationRoleId": "r2", "Name": "two", "Type": "FULL_ACCESS", "Rules": []}]}"#;

    const DIRECTORY: &str = r#"{"Users": [
        {"Id": "S-1-1-11-000000000001", "Email": "ceo@example.com", "Name": "ceo"},
        {"Id": "S-1-1-11-000000000002", "Email": "jane@example.com", "Name": "jane"},
        {"Id": "S-1-1-11-000000000003", "Email": "old@example.com", "Name": "old", "State": "DISABLED"}],
      "AccessControlRules": [
        {"Name": "default", "Effect": "ALLOW"},
        {"Name": "jane-imap", "Effect": "DENY", "Actions": ["IMAP"], "UserIds": ["S-1-1-11-000000000002"]}],
      "ImpersonationRoles": [
        {"ImpersonationRoleId": "r1", "Name": "one", "Type": "READ_ONLY", "Rules": [
          {"ImpersonationRuleId": "all", "Effect": "ALLOW"},
          {"ImpersonationRuleId": "no-ceo", "Effect": "DENY", "TargetUsers": ["CEO"]}]}]}"#;

    fn query(members: serde_json::Value) -> TableQuery {
        serde_json::from_value(members).unwrap_or_else(|error| panic!("{error}"))
    }

    fn filtered(
        organization: &Organization,
        part: TablePart,
        members: serde_json::Value,
    ) -> String {
        select_filtered_table(organization, part, &query(members))
            .map_or_else(|error| error.to_string(), |table| table.to_string())
    }

    #[test]
    fn who_can_reach_imap_from_an_address() {
        let org = org(RULES);
        let text = filtered(
            &org,
            TablePart::AccessControl,
            serde_json::json!({"Actions": ["IMAP"], "IpRange": "198.51.100.7"}),
        );
        // 198.51.100.7 is outside 192.0.2.0/24: `imap-outside` denies IMAP from it to every
        // user but the one it excepts.
        assert_eq!(
            text,
            "ALLOW  IMAP  from 198.51.100.7/32  for user `S-1-1-11-000000000001`  [default, office]\n\
             DENY   IMAP  from 198.51.100.7/32  for user `S-1-1-11-000000000002`  [imap-outside, jane]\n\
             DENY   IMAP  from 198.51.100.7/32  for any user except `S-1-1-11-000000000001`, `S-1-1-11-000000000002`  [imap-outside]\n"
        );
    }

    #[test]
    fn a_range_cuts_rows_to_the_range_and_keeps_a_partition() {
        let org = org(RULES);
        let table = select_filtered_table(
            &org,
            TablePart::AccessControl,
            &query(
                serde_json::json!({"IpRange": "192.0.2.100/24", "Actions": ["EWS"], "Effect": "DENY"}),
            ),
        );
        let Ok(SelectedTable::AccessControl(table)) = table else {
            panic!("{table:?}");
        };
        let nets: Vec<String> = table
            .rows
            .iter()
            .flat_map(|row| row.ip_ranges.iter().map(ToString::to_string))
            .collect();
        // Jane's EWS from the whole range, r1's from its upper half (`block`).
        assert_eq!(nets, ["192.0.2.0/24", "192.0.2.128/25"]);
        assert!(table.rows.iter().all(|row| row.effect == Effect::Deny));
        assert!(table.rows.iter().all(|row| row.actions == [Action::Ews]));
    }

    /// Every request of a grid: in the filtered table exactly when the filter asks about it,
    /// and then with the whole table's answer.
    #[test]
    fn the_filtered_table_holds_exactly_the_requests_asked_about() {
        let cases = [
            (RULES, serde_json::json!({})),
            (
                RULES,
                serde_json::json!({"Actions": ["IMAP"], "IpRange": "198.51.100.7"}),
            ),
            (
                RULES,
                serde_json::json!({"IpRange": "192.0.2.0/25", "Effect": "ALLOW"}),
            ),
            (
                RULES,
                serde_json::json!({"UserIds": ["S-1-1-11-000000000002", "S-1-1-11-000000000009"]}),
            ),
            (
                RULES,
                serde_json::json!({"ImpersonationRoleIds": ["r1"], "Effect": "DENY"}),
            ),
            (
                RULES,
                serde_json::json!({"UserIds": ["S-1-1-11-000000000009"], "ImpersonationRoleIds": ["r2"], "Actions": ["EWS", "SMTP"]}),
            ),
            (
                RULES,
                serde_json::json!({"Effect": "DENY", "IpRange": "0.0.0.0/1"}),
            ),
            (
                DIRECTORY,
                serde_json::json!({"UserIds": ["jane@example.com"], "Actions": ["IMAP", "EWS"]}),
            ),
            (DIRECTORY, serde_json::json!({"Effect": "DENY"})),
            // Repeats ask once; a question about impersonation holds no access request.
            (
                RULES,
                serde_json::json!({"UserIds": ["S-1-1-11-000000000002", "S-1-1-11-000000000002"], "ImpersonationRoleIds": ["r1", "r1"]}),
            ),
            (
                DIRECTORY,
                serde_json::json!({"UserIds": ["jane", "JANE@example.com"], "Actions": ["IMAP", "IMAP"]}),
            ),
            (
                RULES,
                serde_json::json!({"UserIds": ["S-1-1-11-000000000001"], "TargetUsers": ["ceo@example.com"]}),
            ),
        ];
        let addresses = [
            "0.0.0.0",
            "192.0.2.1",
            "192.0.2.200",
            "198.51.100.7",
            "198.51.100.8",
            "255.255.255.255",
        ];
        let principals = [
            Principal::UserId("S-1-1-11-000000000001".into()),
            Principal::UserId("S-1-1-11-000000000002".into()),
            Principal::UserId("S-1-1-11-000000000009".into()),
            Principal::UserId("S-1-1-11-000000000010".into()),
            Principal::ImpersonationRoleId("r1".into()),
            Principal::ImpersonationRoleId("r2".into()),
        ];
        for (document, members) in cases {
            let org = org(document);
            let whole = access_table(&org);
            let filter = TableFilter::resolve(&org, &query(members.clone()))
                .unwrap_or_else(|error| panic!("{members}: {error}"));
            let cut = filter.access(&whole);
            for address in addresses {
                for principal in &principals {
                    for action in Action::ALL {
                        let is_role = matches!(principal, Principal::ImpersonationRoleId(_));
                        if is_role && action != Action::Ews {
                            continue;
                        }
                        let request = AccessRequest {
                            ip_address: address.parse().unwrap_or(std::net::Ipv4Addr::UNSPECIFIED),
                            action,
                            principal: principal.clone(),
                        };
                        let answer = whole
                            .row_for(&request)
                            .map(|row| (row.effect, row.matched_rules.clone()));
                        let Some((effect, _)) = answer.clone() else {
                            panic!("the whole table has no row for {request:?}");
                        };
                        let asked = filter.holds(&request, Some(effect));
                        let holding = cut.rows.iter().filter(|row| {
                            let under =
                                TablePrincipal::under(&request.principal, &cut.principals());
                            row.actions.contains(&action)
                                && row.principals.contains(&under)
                                && IpSet::from_nets(&row.ip_ranges)
                                    .contains(u32::from(request.ip_address))
                        });
                        assert_eq!(holding.count(), usize::from(asked), "{members} {request:?}");
                        let found = cut
                            .row_for(&request)
                            .map(|row| (row.effect, row.matched_rules.clone()));
                        assert_eq!(
                            found,
                            if asked { answer } else { None },
                            "{members} {request:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn users_resolve_through_the_directory() {
        let org = org(DIRECTORY);
        let text = filtered(
            &org,
            TablePart::AccessControl,
            serde_json::json!({"UserIds": ["JANE@example.com"], "Actions": ["IMAP"]}),
        );
        assert_eq!(
            text,
            "DENY   IMAP  from any IP  for user `S-1-1-11-000000000002`  [jane-imap]\n"
        );
        let by_name = filtered(
            &org,
            TablePart::AccessControl,
            serde_json::json!({"UserIds": ["jane"], "Actions": ["IMAP"]}),
        );
        assert_eq!(by_name, text);
    }

    #[test]
    fn an_unnamed_user_is_shown_as_asked() {
        let org = org(RULES);
        let text = filtered(
            &org,
            TablePart::AccessControl,
            serde_json::json!({"UserIds": ["S-1-1-11-000000000009"], "Actions": ["SMTP"], "IpRange": "203.0.113.1"}),
        );
        assert_eq!(
            text,
            "DENY   SMTP  from 203.0.113.1/32  for user `S-1-1-11-000000000009`  [(none)]\n"
        );
    }

    #[test]
    fn bad_questions_are_refused_where_they_are() {
        let rules = org(RULES);
        let directory = org(DIRECTORY);
        let cases = [
            (
                &rules,
                TablePart::All,
                serde_json::json!({"Actions": ["EWS", "imap"]}),
                "`Actions[1]`: `imap` is not an action; help: write it as AWS does: `IMAP`",
            ),
            (
                &rules,
                TablePart::All,
                serde_json::json!({"Actions": ["POP3"]}),
                "`Actions[0]`: `POP3` is not an action; help: the actions are ActiveSync, AutoDiscover, EWS, IMAP, SMTP, WindowsOutlook, WebMail",
            ),
            (
                &rules,
                TablePart::All,
                serde_json::json!({"IpRange": "198.51.100.0/33"}),
                "`IpRange`: `198.51.100.0/33` is not an IPv4 address or CIDR range; help: write an address such as `198.51.100.7` or a range such as `198.51.100.0/24`",
            ),
            (
                &rules,
                TablePart::All,
                serde_json::json!({"IpRange": "198.51.100"}),
                "`IpRange`: `198.51.100` is not an IPv4 address or CIDR range; help: write an address such as `198.51.100.7` or a range such as `198.51.100.0/24`",
            ),
            (
                &rules,
                TablePart::All,
                serde_json::json!({"ImpersonationRoleIds": ["r9"]}),
                "`ImpersonationRoleIds[0]`: impersonation role `r9` does not exist in the organization; help: give the `ImpersonationRoleId` of one of the document's roles",
            ),
            (
                &directory,
                TablePart::All,
                serde_json::json!({"ImpersonationRoleIds": ["jane"]}),
                "`ImpersonationRoleIds[0]`: impersonation role `jane` does not exist in the organization; help: it is a user: ask with `UserIds`",
            ),
            (
                &rules,
                TablePart::All,
                serde_json::json!({"UserIds": ["S-1-1-11-000000000001", "r1"]}),
                "`UserIds[1]`: `r1` is an impersonation role, not a user; help: ask about a role with `ImpersonationRoleIds`",
            ),
            (
                &directory,
                TablePart::All,
                serde_json::json!({"UserIds": ["r1"]}),
                "`UserIds[0]`: `r1` is an impersonation role, not a user; help: ask about a role with `ImpersonationRoleIds`",
            ),
            (
                &directory,
                TablePart::All,
                serde_json::json!({"UserIds": ["john@example.com"]}),
                "`UserIds[0]`: no user `john@example.com` in the document's `Users`; help: give a user ID, an email or a user name of the directory",
            ),
            (
                &directory,
                TablePart::All,
                serde_json::json!({"TargetUsers": ["john"]}),
                "`TargetUsers[0]`: no user `john` in the document's `Users`; help: give a user ID, an email or a user name of the directory",
            ),
            (
                &rules,
                TablePart::All,
                serde_json::json!({"ImpersonationRoleIds": ["r1"], "Actions": ["IMAP"]}),
                "`ImpersonationRoleIds`: an impersonation role asks only with EWS, and `Actions` leaves EWS out; help: add EWS to `Actions`, or ask about users",
            ),
            (
                &rules,
                TablePart::All,
                serde_json::json!({"Effect": "allow"}),
                "`Effect`: `allow` is not an effect; help: the effects are ALLOW and DENY",
            ),
            (
                &rules,
                TablePart::AccessControl,
                serde_json::json!({"TargetUsers": ["ceo@example.com"]}),
                "`TargetUsers`: the access control table has no `TargetUsers`; help: filter the access control table by `Actions`, `IpRange`, `UserIds`, `ImpersonationRoleIds` and `Effect`",
            ),
            (
                &rules,
                TablePart::Impersonation,
                serde_json::json!({"Actions": ["EWS"]}),
                "`Actions`: the impersonation table has no `Actions`; help: filter the impersonation table by `ImpersonationRoleIds`, `TargetUsers` and `Effect`",
            ),
            (
                &rules,
                TablePart::MobileDeviceAccess,
                serde_json::json!({"ImpersonationRoleIds": ["r1"]}),
                "`ImpersonationRoleIds`: the mobile device access table has no `ImpersonationRoleIds`; help: filter the mobile device access table by `Effect`",
            ),
        ];
        for (organization, part, members, expected) in cases {
            assert_eq!(
                filtered(organization, part, members.clone()),
                expected,
                "{members}"
            );
        }
        assert!(
            serde_json::from_value::<TableQuery>(serde_json::json!({"Action": "IMAP"})).is_err()
        );
    }

    #[test]
    fn impersonation_is_filtered_by_role_target_and_effect() {
        let org = org(RULES);
        let who = filtered(
            &org,
            TablePart::Impersonation,
            serde_json::json!({"TargetUsers": ["CEO@example.com", "jane@example.com"]}),
        );
        assert_eq!(
            who,
            "role `r1` \"one\" (READ_ONLY)\n    ALLOW  `jane@example.com`  [all]\n    DENY   `ceo@example.com`  [no-ceo]\nrole `r2` \"two\" (FULL_ACCESS)\n    DENY   `CEO@example.com`, `jane@example.com`  [(none)]\n"
        );
        let hostile = filtered(
            &org,
            TablePart::Impersonation,
            serde_json::json!({"ImpersonationRoleIds": ["r2"], "TargetUsers": ["a\u{1b}[2Kb"]}),
        );
        assert_eq!(
            hostile,
            "role `r2` \"two\" (FULL_ACCESS)\n    DENY   `a\\u{1b}[2Kb`  [(none)]\n"
        );
        let repeated = filtered(
            &org,
            TablePart::Impersonation,
            serde_json::json!({"ImpersonationRoleIds": ["r2", "r2"], "TargetUsers": ["jane@example.com", "JANE@example.com"]}),
        );
        assert_eq!(
            repeated,
            "role `r2` \"two\" (FULL_ACCESS)\n    DENY   `jane@example.com`  [(none)]\n"
        );
        let allowed = filtered(
            &org,
            TablePart::Impersonation,
            serde_json::json!({"Effect": "ALLOW"}),
        );
        assert_eq!(
            allowed,
            "role `r1` \"one\" (READ_ONLY)\n    ALLOW  every user except `ceo@example.com`  [all]\n"
        );
        let directory = org_with_directory();
        let disabled = filtered(
            &directory,
            TablePart::Impersonation,
            serde_json::json!({"ImpersonationRoleIds": ["r1"], "TargetUsers": ["old"]}),
        );
        assert_eq!(
            disabled,
            "role `r1` \"one\" (READ_ONLY)\n    no user can be asked about\n    disabled or deleted, never impersonable: `S-1-1-11-000000000003`\n"
        );
        assert_eq!(
            impersonation_table(&directory),
            TableFilter::default().impersonation(&impersonation_table(&directory))
        );
    }

    fn org_with_directory() -> Organization {
        org(DIRECTORY)
    }

    #[test]
    fn roles_and_targets_asked_twice_are_asked_once() {
        let resolved = |organization: &Organization, members| {
            TableFilter::resolve(organization, &query(members))
                .map(|filter| (filter.impersonation_role_ids, filter.target_users))
                .unwrap_or_else(|error| panic!("{error}"))
        };
        let ids = |texts: &[&str]| Some(texts.iter().map(|&text| text.to_owned()).collect());
        assert_eq!(
            resolved(
                &org(RULES),
                serde_json::json!({"ImpersonationRoleIds": ["r1", "r2", "r1"]})
            ),
            (ids(&["r1", "r2"]), None)
        );
        // Each name of a user is the same target.
        assert_eq!(
            resolved(
                &org_with_directory(),
                serde_json::json!({"TargetUsers": ["jane", "ceo", "jane@example.com", "S-1-1-11-000000000002"]})
            ),
            (
                None,
                ids(&["S-1-1-11-000000000002", "S-1-1-11-000000000001"])
            )
        );
    }

    #[test]
    fn the_never_impersonable_are_told_only_when_asked_about() {
        let directory = org_with_directory();
        let told = |members| filtered(&directory, TablePart::Impersonation, members);
        let never = "disabled or deleted, never impersonable: `S-1-1-11-000000000003`";
        assert!(told(serde_json::json!({"TargetUsers": ["old", "jane"]})).contains(never));
        let jane = told(serde_json::json!({"TargetUsers": ["jane"]}));
        assert_eq!(
            jane,
            "role `r1` \"one\" (READ_ONLY)\n    ALLOW  `S-1-1-11-000000000002`  [all]\n"
        );
        // An effect asks about the users a rule decides, which these never are.
        let allowed = told(serde_json::json!({"Effect": "ALLOW"}));
        assert!(!allowed.contains("never impersonable"), "{allowed}");
    }

    #[test]
    fn mobile_rows_are_filtered_by_effect_and_every_part_prints_what_applies() {
        let org = org(
            r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"}],
            "MobileDeviceAccessRules": [
              {"MobileDeviceAccessRuleId": "no-android", "Name": "no-android", "Effect": "DENY", "DeviceOperatingSystems": ["Android"]},
              {"MobileDeviceAccessRuleId": "rest", "Name": "rest", "Effect": "ALLOW"}],
            "ImpersonationRoles": [{"ImpersonationRoleId": "r1", "Name": "one", "Type": "READ_ONLY", "Rules": []}]}"#,
        );
        let denied = TableFilter {
            effect: Some(Effect::Deny),
            ..TableFilter::default()
        }
        .mobile(mobile_table(&org));
        assert_eq!(denied.rows.len(), 1);
        assert!(denied.rows.iter().all(|row| row.effect == Effect::Deny));
        let all = filtered(&org, TablePart::All, serde_json::json!({"Effect": "DENY"}));
        // No access request is denied: the access part is left out, the others shown.
        assert_eq!(
            all,
            "role `r1` \"one\" (READ_ONLY)\n    DENY   every user  [(none)]\n\n\
             DENY   any type  ·  any model  ·  OS \"Android\"…  ·  any user agent  [no-android \"no-android\"]\n"
        );
        let targets = filtered(
            &org,
            TablePart::All,
            serde_json::json!({"TargetUsers": ["jane"]}),
        );
        assert_eq!(
            targets,
            "role `r1` \"one\" (READ_ONLY)\n    DENY   `jane`  [(none)]\n"
        );
        let access = filtered(
            &org,
            TablePart::All,
            serde_json::json!({"Actions": ["IMAP"]}),
        );
        assert_eq!(
            access,
            "ALLOW  IMAP  from any IP  for any user  [default]\n"
        );
        let nothing = filtered(
            &org,
            TablePart::All,
            serde_json::json!({"Actions": ["IMAP"], "Effect": "DENY"}),
        );
        assert_eq!(nothing, "no access request matches\n");
    }
}
