//! What changes between two documents: every class of requests whose answer changes, and
//! guards that warn when a change locks people out.

use std::fmt;
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Serialize};

use super::mobile_table::{DeviceClasses, MobileChange, mobile_rule_labels, sampled_changes};
use super::render::{AddressSet, PrincipalSet, describe_actions, name_list, serialize_nets};
use super::space::{Space, TablePrincipal, principals_of, products};
use super::table::{Targets, group_targets, named_rows};
use super::targets::{CompiledRole, TargetRef, target_universe};
use crate::api::{
    GetAccessControlEffectResponse, GetImpersonationRoleEffectResponse,
    GetMobileDeviceAccessEffectResponse,
};
use crate::eval::impersonation::ImpersonationMatchedRule;
use crate::model::{Action, Device, Effect};
use crate::org::Organization;

/// Options of [`diff`] (JSON: `{"MyIps": ["192.0.2.1"]}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct DiffOptions {
    /// Addresses the person making the change connects from: a guard warns when the change
    /// denies any of them something that was allowed.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub my_ips: Vec<Ipv4Addr>,
}

/// A class of access requests whose answer changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct AccessChange {
    /// The source addresses, as the fewest CIDR networks.
    #[serde(serialize_with = "serialize_nets")]
    #[cfg_attr(feature = "ts", ts(as = "Vec<String>"))]
    pub ip_ranges: Vec<Ipv4Net>,
    /// The actions.
    pub actions: Vec<Action>,
    /// The principals.
    pub principals: Vec<TablePrincipal>,
    /// The answer under the old document.
    pub before: GetAccessControlEffectResponse,
    /// The answer under the new document.
    pub after: GetAccessControlEffectResponse,
}

/// Target users of one role whose `GetImpersonationRoleEffect` answer changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct ImpersonationChange {
    /// The role.
    pub impersonation_role_id: String,
    /// The users.
    #[serde(flatten)]
    pub targets: Targets,
    /// The answer under the old document; absent when the role does not exist there or the
    /// user cannot be impersonated there (not in its directory, disabled or deleted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<GetImpersonationRoleEffectResponse>,
    /// The answer under the new document, absent likewise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<GetImpersonationRoleEffectResponse>,
}

/// Actions and principals that lose access together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct LostAccess {
    /// The actions.
    pub actions: Vec<Action>,
    /// The principals.
    pub principals: Vec<TablePrincipal>,
}

/// A change that blocks access people had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all_fields = "PascalCase", tag = "Guard")]
pub enum LockoutWarning {
    /// Every request was allowed somewhere before and is now denied everywhere.
    AllAccessBlocked,
    /// A principal that could use some action from some address can now use none from any.
    PrincipalLockedOut {
        /// Who.
        principal: TablePrincipal,
    },
    /// Requests from an address the user named lose access.
    MyIpDenied {
        /// The address.
        ip_address: Ipv4Addr,
        /// What is denied from it now that was allowed before.
        lost: Vec<LostAccess>,
    },
}

impl LockoutWarning {
    /// A stable kebab-case code.
    pub const fn code(&self) -> &'static str {
        match self {
            Self::AllAccessBlocked => "all-access-blocked",
            Self::PrincipalLockedOut { .. } => "principal-locked-out",
            Self::MyIpDenied { .. } => "my-ip-denied",
        }
    }
}

/// The difference between two organizations' answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct Diff {
    /// Classes of access requests whose effect or `MatchedRules` change, as few and as large as
    /// the grouping finds; they never overlap.
    pub access_control: Vec<AccessChange>,
    /// Target users whose impersonation answer changes, per role.
    pub impersonation: Vec<ImpersonationChange>,
    /// Classes of devices whose `GetMobileDeviceAccessEffect` answer changes.
    pub mobile_device_access: Vec<MobileChange>,
    /// Lockout guards that fired.
    pub warnings: Vec<LockoutWarning>,
    /// Every class of each device property, for reading the mobile changes.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    mobile_classes: DeviceClasses,
    /// One device of each mobile change, in the same order.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    mobile_devices: Vec<Device>,
    /// Every principal either document names, with any other user and any other role.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    universe: Vec<TablePrincipal>,
}

impl Diff {
    /// Whether no answer changes (guards only fire on changes, so then there are none).
    pub fn is_empty(&self) -> bool {
        self.access_control.is_empty()
            && self.impersonation.is_empty()
            && self.mobile_device_access.is_empty()
    }

    /// Every class of each device property, which the mobile changes are read against
    /// ([`DeviceClasses::describe`]).
    pub const fn mobile_classes(&self) -> &DeviceClasses {
        &self.mobile_classes
    }

    /// Each mobile change with one device of it (a device it asks about).
    pub fn mobile_changes_with_devices(&self) -> impl Iterator<Item = (&MobileChange, &Device)> {
        self.mobile_device_access.iter().zip(&self.mobile_devices)
    }

    /// Every principal either document names (directory users, users and roles the rules
    /// name), with any other user and any other role, in order: the universe the changes'
    /// [`PrincipalSet`]s are read against, so a change to "any other user" that leaves a named
    /// user alone reads "any user except" that user.
    pub fn principals(&self) -> Vec<TablePrincipal> {
        self.universe.clone()
    }
}

type Side = (Effect, Vec<String>);

/// Compares every answer of `old` and `new`.
///
/// Access requests are compared over the union of both documents' principals and address
/// boundaries, so a change to how a user named only in one document is treated is caught. The
/// guards compare the two documents: each fires only when the new one blocks what the old one
/// allowed.
///
/// ```
/// use workmail_policy::analysis::{diff, DiffOptions, LockoutWarning};
/// use workmail_policy::{Effect, Organization};
/// let old = Organization::default();
/// let new = Organization::from_json(r#"{"AccessControlRules": [
///     {"Name": "default", "Effect": "ALLOW", "IpRanges": ["10.0.0.0/8"]}]}"#)?.organization;
/// let options = DiffOptions { my_ips: vec!["192.0.2.1".parse()?] };
/// let changes = diff(&old, &new, &options);
/// assert_eq!(changes.access_control.len(), 2); // users, and roles with EWS
/// assert_eq!(changes.access_control[0].after.effect, Effect::Deny);
/// assert!(matches!(changes.warnings[0], LockoutWarning::MyIpDenied { .. }));
/// assert!(diff(&new, &new, &options).is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn diff(old: &Organization, new: &Organization, options: &DiffOptions) -> Diff {
    let old_count = old.access_control_rules().len();
    let rules: Vec<_> = old
        .access_control_rules()
        .iter()
        .chain(new.access_control_rules())
        .collect();
    let count = rules.len();
    let space = Space::new(rules, principals_of(&[old, new]));
    let names: Vec<String> = space.rules().iter().map(|rule| rule.name.clone()).collect();
    let side = |matched: &super::space::Bits, range: std::ops::Range<usize>| -> Side {
        let start = range.start;
        let (effect, indices) = space.decide(matched, range);
        let named = indices
            .iter()
            .filter_map(|at| names.get(start + at).cloned())
            .collect();
        (effect, named)
    };
    let access_control = named_rows(&space, |matched| {
        let before = side(matched, 0..old_count);
        let after = side(matched, old_count..count);
        (before != after).then_some((before, after))
    })
    .into_iter()
    .filter_map(|(ip_ranges, actions, principals, change)| {
        let ((before_effect, before_rules), (after_effect, after_rules)) = change?;
        Some(AccessChange {
            ip_ranges,
            actions,
            principals,
            before: GetAccessControlEffectResponse {
                effect: before_effect,
                matched_rules: before_rules,
            },
            after: GetAccessControlEffectResponse {
                effect: after_effect,
                matched_rules: after_rules,
            },
        })
    })
    .collect();
    let warnings = guards(&space, old_count, options);
    let (sampled, mobile_classes) = sampled_changes(old, new);
    let (mobile_device_access, mobile_devices) = sampled.into_iter().unzip();
    Diff {
        access_control,
        impersonation: impersonation_changes(old, new),
        mobile_device_access,
        warnings,
        mobile_classes,
        mobile_devices,
        universe: space.principals().to_vec(),
    }
}

/// The lockout guards.
fn guards(space: &Space<'_>, old_count: usize, options: &DiffOptions) -> Vec<LockoutWarning> {
    let count = space.rules().len();
    let principals = space.principals();
    let mut allowed_before = vec![false; principals.len()];
    let mut allowed_after = vec![false; principals.len()];
    // (before, after) is ALLOW, per distinct set of matching rules.
    let allowed: Vec<(bool, bool)> = space
        .matched_sets()
        .iter()
        .map(|matched| {
            (
                space.decide(matched, 0..old_count).0 == Effect::Allow,
                space.decide(matched, old_count..count).0 == Effect::Allow,
            )
        })
        .collect();
    let allowed_at = |id: &usize| allowed.get(*id).copied().unwrap_or((false, false));
    for (at, column) in space.columns().iter().enumerate() {
        let cells = space.column_cells(at);
        let before = cells.iter().any(|id| allowed_at(id).0);
        let after = cells.iter().any(|id| allowed_at(id).1);
        for (_, principal) in &column.pairs {
            if let Some(slot) = allowed_before.get_mut(*principal) {
                *slot |= before;
            }
            if let Some(slot) = allowed_after.get_mut(*principal) {
                *slot |= after;
            }
        }
    }
    let mut warnings = Vec::new();
    if allowed_before.iter().any(|a| *a) && !allowed_after.iter().any(|a| *a) {
        warnings.push(LockoutWarning::AllAccessBlocked);
    } else {
        for ((principal, before), after) in
            principals.iter().zip(&allowed_before).zip(&allowed_after)
        {
            if *before && !*after {
                warnings.push(LockoutWarning::PrincipalLockedOut {
                    principal: principal.clone(),
                });
            }
        }
    }
    for ip_address in &options.my_ips {
        let class = space.class_of(*ip_address);
        let mut lost_pairs = Vec::new();
        for (at, column) in space.columns().iter().enumerate() {
            let Some(id) = space.column_cells(at).get(class) else {
                continue;
            };
            if allowed_at(id) == (true, false) {
                lost_pairs.extend(column.pairs.iter().copied());
            }
        }
        if !lost_pairs.is_empty() {
            let lost = products(&lost_pairs)
                .into_iter()
                .map(|(actions, members)| LostAccess {
                    actions,
                    principals: members
                        .iter()
                        .filter_map(|at| principals.get(*at).cloned())
                        .collect(),
                })
                .collect();
            warnings.push(LockoutWarning::MyIpDenied {
                ip_address: *ip_address,
                lost,
            });
        }
    }
    warnings
}

/// A comparable impersonation answer: type, effect and matched rule IDs and names.
type RoleAnswer = Option<(
    crate::model::ImpersonationRoleType,
    Effect,
    Vec<(String, Option<String>)>,
)>;

fn role_answer(compiled: Option<&CompiledRole<'_>>, target: &TargetRef) -> RoleAnswer {
    let compiled = compiled?;
    let probe = compiled.probe(target)?;
    let (effect, indices) = compiled.decide_indices(&compiled.matching(probe));
    let rules = compiled
        .matched_rules(&indices)
        .into_iter()
        .map(|rule| (rule.impersonation_rule_id, rule.name))
        .collect();
    Some((compiled.role.role_type, effect, rules))
}

fn response(answer: RoleAnswer) -> Option<GetImpersonationRoleEffectResponse> {
    answer.map(
        |(role_type, effect, rules)| GetImpersonationRoleEffectResponse {
            role_type,
            effect,
            matched_rules: rules
                .into_iter()
                .map(
                    |(id, name)| crate::eval::impersonation::ImpersonationMatchedRule {
                        impersonation_rule_id: id,
                        name,
                    },
                )
                .collect(),
        },
    )
}

fn impersonation_changes(old: &Organization, new: &Organization) -> Vec<ImpersonationChange> {
    let mut role_ids: Vec<&str> = Vec::new();
    for role in old
        .impersonation_roles()
        .iter()
        .chain(new.impersonation_roles())
    {
        if !role_ids.contains(&role.impersonation_role_id.as_str()) {
            role_ids.push(&role.impersonation_role_id);
        }
    }
    let mut changes = Vec::new();
    for role_id in role_ids {
        let before_role = old
            .impersonation_role(role_id)
            .map(|role| CompiledRole::new(role, old.directory()));
        let after_role = new
            .impersonation_role(role_id)
            .map(|role| CompiledRole::new(role, new.directory()));
        let answers: Vec<(TargetRef, (RoleAnswer, RoleAnswer))> =
            target_universe(&[old, new], role_id)
                .into_iter()
                .map(|target| {
                    let before = role_answer(before_role.as_ref(), &target);
                    let after = role_answer(after_role.as_ref(), &target);
                    (target, (before, after))
                })
                .collect();
        for (targets, (before, after)) in group_targets(answers) {
            if before != after {
                changes.push(ImpersonationChange {
                    impersonation_role_id: role_id.to_owned(),
                    targets,
                    before: response(before),
                    after: response(after),
                });
            }
        }
    }
    changes
}

fn describe_access(answer: &GetAccessControlEffectResponse) -> String {
    format!("{} [{}]", answer.effect, name_list(&answer.matched_rules))
}

fn describe_mobile(answer: &GetMobileDeviceAccessEffectResponse) -> String {
    format!(
        "{} [{}]",
        answer.effect,
        mobile_rule_labels(&answer.matched_rules)
    )
}

fn describe_role_answer(answer: Option<&GetImpersonationRoleEffectResponse>) -> String {
    answer.map_or_else(
        || "no answer".to_owned(),
        |answer| {
            let ids = ImpersonationMatchedRule::ids(&answer.matched_rules);
            format!(
                "{} {} [{}]",
                answer.role_type,
                answer.effect,
                name_list(&ids)
            )
        },
    )
}

impl fmt::Display for LockoutWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning[{}]: ", self.code())?;
        match self {
            Self::AllAccessBlocked => f.write_str(
                "after this change every request is denied: nobody can reach any mailbox",
            ),
            Self::PrincipalLockedOut { principal } => {
                write!(
                    f,
                    "after this change {principal} is denied every action from every address"
                )
            }
            Self::MyIpDenied { ip_address, lost } => {
                let parts: Vec<String> = lost
                    .iter()
                    .map(|lost| {
                        format!(
                            "{} for {}",
                            describe_actions(&lost.actions),
                            lost.principals
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    })
                    .collect();
                write!(
                    f,
                    "after this change requests from {ip_address} lose {}",
                    parts.join("; ")
                )
            }
        }
    }
}

impl fmt::Display for Diff {
    /// The changes, one line each, then the warnings; `no decision changes` when empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            writeln!(f, "no decision changes")?;
        }
        let universe = self.principals();
        for change in &self.access_control {
            writeln!(
                f,
                "{}  from {}  for {}: {} -> {}",
                describe_actions(&change.actions),
                AddressSet::of(&change.ip_ranges),
                PrincipalSet::of(&change.principals, &universe),
                describe_access(&change.before),
                describe_access(&change.after)
            )?;
        }
        for change in &self.impersonation {
            writeln!(
                f,
                "role `{}` impersonating {}: {} -> {}",
                change.impersonation_role_id,
                change.targets,
                describe_role_answer(change.before.as_ref()),
                describe_role_answer(change.after.as_ref())
            )?;
        }
        for change in &self.mobile_device_access {
            writeln!(
                f,
                "mobile devices of {}: {} -> {}",
                self.mobile_classes.line(&change.devices),
                describe_mobile(&change.before),
                describe_mobile(&change.after)
            )?;
        }
        for warning in &self.warnings {
            writeln!(f, "{warning}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_organization as org;

    #[test]
    fn a_document_against_itself_is_empty() {
        let document = org(
            r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
                {"Name": "x", "Effect": "DENY", "IpRanges": ["10.0.0.0/8"], "UserIds": ["S-1-1-11-000000000001"]}],
               "ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY",
                 "Rules": [{"ImpersonationRuleId": "a", "Effect": "ALLOW", "NotTargetUsers": ["ceo"]}]}]}"#,
        );
        let changes = diff(
            &document,
            &document,
            &DiffOptions {
                my_ips: vec![Ipv4Addr::new(10, 0, 0, 1)],
            },
        );
        assert!(
            changes.is_empty() && changes.warnings.is_empty(),
            "{changes}"
        );
        assert_eq!(changes.to_string(), "no decision changes\n");
    }

    #[test]
    fn a_named_user_the_change_leaves_alone_is_excepted() {
        let old = Organization::default();
        let new = org(
            r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
                {"Name": "imap-for-one", "Effect": "DENY", "Actions": ["IMAP"], "NotUserIds": ["S-1-1-11-000000000001"]}],
               "Users": [{"Id": "S-1-1-11-000000000002", "Name": "jane"}]}"#,
        );
        let changes = diff(&old, &new, &DiffOptions::default());
        // Jane's IMAP changes with any other user's; the one user the rule excepts keeps it.
        assert_eq!(
            changes.to_string(),
            "IMAP  from any IP  for any user except `S-1-1-11-000000000001`: ALLOW [default] -> DENY [imap-for-one]\n"
        );
        assert_eq!(
            changes.principals(),
            [
                TablePrincipal::UserId("S-1-1-11-000000000002".into()),
                TablePrincipal::UserId("S-1-1-11-000000000001".into()),
                TablePrincipal::OtherUser,
                TablePrincipal::OtherRole,
            ]
        );
    }

    #[test]
    fn a_new_deny_rule_shows_the_changed_class_only() {
        let old = Organization::default();
        let new = org(
            r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
                {"Name": "no-imap", "Effect": "DENY", "Actions": ["IMAP"], "NotIpRanges": ["10.0.0.0/8"]}]}"#,
        );
        let changes = diff(&old, &new, &DiffOptions::default());
        assert_eq!(changes.access_control.len(), 1);
        let change = &changes.access_control[0];
        assert_eq!(change.actions, [Action::Imap]);
        assert_eq!(change.principals, [TablePrincipal::OtherUser]);
        assert_eq!(change.after.matched_rules, ["no-imap"]);
        assert_eq!(
            changes.to_string(),
            "IMAP  from any IP except 10.0.0.0/8  for any user: ALLOW [default] -> DENY [no-imap]\n"
        );
        assert!(changes.warnings.is_empty());
    }

    #[test]
    fn guards_fire_on_lockouts_only() {
        let old = Organization::default();
        let nothing = org(r#"{"AccessControlRules": []}"#);
        let changes = diff(&old, &nothing, &DiffOptions::default());
        assert_eq!(changes.warnings, [LockoutWarning::AllAccessBlocked]);
        // Undoing it warns about nothing.
        assert!(
            diff(&nothing, &old, &DiffOptions::default())
                .warnings
                .is_empty()
        );

        let jane_out = org(
            r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
                {"Name": "jane", "Effect": "DENY", "UserIds": ["S-1-1-11-000000000002"]}]}"#,
        );
        let changes = diff(&old, &jane_out, &DiffOptions::default());
        assert_eq!(
            changes.warnings,
            [LockoutWarning::PrincipalLockedOut {
                principal: TablePrincipal::UserId("S-1-1-11-000000000002".into())
            }]
        );
        assert!(changes.to_string().contains(
            "warning[principal-locked-out]: after this change user `S-1-1-11-000000000002` is denied every action from every address"
        ));
    }

    #[test]
    fn my_ip_guard_lists_what_is_lost() {
        let old = Organization::default();
        let new = org(
            r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
                {"Name": "office-only-webmail", "Effect": "DENY", "Actions": ["WebMail"], "NotIpRanges": ["192.0.2.0/24"]}]}"#,
        );
        let inside = DiffOptions {
            my_ips: vec![Ipv4Addr::new(192, 0, 2, 9)],
        };
        assert!(diff(&old, &new, &inside).warnings.is_empty());
        let outside = DiffOptions {
            my_ips: vec![Ipv4Addr::new(203, 0, 113, 9)],
        };
        let warnings = diff(&old, &new, &outside).warnings;
        assert_eq!(
            warnings,
            [LockoutWarning::MyIpDenied {
                ip_address: Ipv4Addr::new(203, 0, 113, 9),
                lost: vec![LostAccess {
                    actions: vec![Action::WebMail],
                    principals: vec![TablePrincipal::OtherUser]
                }]
            }]
        );
    }

    #[test]
    fn impersonation_changes_name_the_targets() {
        let role = |rules: &str| {
            org(&format!(
                r#"{{"ImpersonationRoles": [{{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "Rules": {rules}}}]}}"#
            ))
        };
        let old = role(r#"[{"ImpersonationRuleId": "all", "Effect": "ALLOW"}]"#);
        let new = role(
            r#"[{"ImpersonationRuleId": "all", "Effect": "ALLOW"}, {"ImpersonationRuleId": "ceo", "Effect": "DENY", "TargetUsers": ["ceo@example.com"]}]"#,
        );
        let changes = diff(&old, &new, &DiffOptions::default());
        assert!(changes.access_control.is_empty());
        assert_eq!(changes.impersonation.len(), 1);
        assert_eq!(
            changes.impersonation[0].targets,
            Targets::TargetUsers(vec!["ceo@example.com".into()])
        );
        assert_eq!(
            changes.to_string(),
            "role `r` impersonating `ceo@example.com`: READ_ONLY ALLOW [all] -> READ_ONLY DENY [ceo]\n"
        );
        // Deleting the role changes every target.
        let gone = org(r#"{"ImpersonationRoles": []}"#);
        let changes = diff(&old, &gone, &DiffOptions::default());
        assert_eq!(
            changes.impersonation[0].targets,
            Targets::AllUsersExcept(Vec::new())
        );
        assert_eq!(changes.impersonation[0].after, None);
    }

    #[test]
    fn mobile_changes_name_the_devices_and_both_answers() {
        let old = org(r#"{"MobileDeviceAccessRules": [
            {"MobileDeviceAccessRuleId": "phones", "Name": "Phones", "Effect": "ALLOW", "DeviceTypes": ["iPhone", "Android"]}]}"#);
        let new = org(r#"{"MobileDeviceAccessRules": [
            {"MobileDeviceAccessRuleId": "phones", "Name": "Phones", "Effect": "ALLOW", "DeviceTypes": ["iPhone"]}]}"#);
        let changes = diff(&old, &new, &DiffOptions::default());
        assert_eq!(
            changes.to_string(),
            "mobile devices of type \"Android\"…  ·  any model  ·  any operating system  ·  any user agent: ALLOW [phones \"Phones\"] -> DENY []\n"
        );
        let json = serde_json::to_value(&changes).unwrap_or_default();
        assert_eq!(
            json["MobileDeviceAccess"][0]["DeviceTypes"],
            serde_json::json!([{"StartsWith": {"Prefix": "Android", "Except": []}}])
        );
        assert!(diff(&new, &new, &DiffOptions::default()).is_empty());
    }
}
