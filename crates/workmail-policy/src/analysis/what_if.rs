//! What would change a decision: the single edits (one list entry added or removed, one rule
//! added or removed) after which a request gets the other effect.
//!
//! Candidates are generated from the request (its address as a `/32`, its action, its user or
//! role, its target user) and every rule's lists, then each is checked by evaluating the edited
//! rules, so a suggestion is never a guess. Edits that the AWS model would refuse (a list or a
//! rule list already at its size limit) are not offered.

use std::fmt;

use serde::Serialize;

use super::property::fresh;
use super::test_suite::PolicyRequest;
use crate::api::{
    ApiError, GetAccessControlEffectRequest, GetImpersonationRoleEffectRequest,
    MAX_ACCESS_CONTROL_RULES,
};
use crate::directory::Directory;
use crate::eval::access::{self, AccessRequest, Principal};
use crate::eval::impersonation::{self, Target};
use crate::model::{AccessControlRule, Effect, ImpersonationRole, ImpersonationRule, IpRange};
use crate::org::Organization;

/// The most entries of an `IpRanges` or `NotIpRanges` list.
const MAX_IP_RANGES: usize = 1024;
/// The most entries of the other lists, and rules of a role.
const MAX_LIST: usize = 10;

/// Which rule an edit touches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all_fields = "PascalCase")]
pub enum RuleRef {
    /// An access control rule, by name.
    AccessControlRule(String),
    /// A rule of an impersonation role.
    ImpersonationRule {
        /// The role.
        impersonation_role_id: String,
        /// The rule.
        impersonation_rule_id: String,
    },
}

impl fmt::Display for RuleRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AccessControlRule(name) => write!(f, "rule `{name}`"),
            Self::ImpersonationRule {
                impersonation_role_id,
                impersonation_rule_id,
            } => write!(
                f,
                "rule `{impersonation_rule_id}` of role `{impersonation_role_id}`"
            ),
        }
    }
}

/// One edit of the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "Edit", rename_all_fields = "PascalCase")]
pub enum Edit {
    /// Add an entry to a rule's list.
    AddEntry {
        /// The rule.
        rule: RuleRef,
        /// The list (`NotIpRanges`, `TargetUsers`…).
        list: &'static str,
        /// The entry.
        entry: String,
    },
    /// Remove an entry from a rule's list.
    RemoveEntry {
        /// The rule.
        rule: RuleRef,
        /// The list.
        list: &'static str,
        /// The entry, as written.
        entry: String,
        /// Whether it is the list's only entry: the list goes (an empty list is no condition,
        /// and a target list cannot be empty), so the rule no longer tests this at all.
        last_entry: bool,
    },
    /// Remove a rule.
    RemoveRule {
        /// The rule.
        rule: RuleRef,
    },
    /// Add an access control rule (at the end of the list).
    AddAccessControlRule {
        /// The new rule.
        rule: Box<AccessControlRule>,
    },
    /// Add a rule to an impersonation role.
    AddImpersonationRule {
        /// The role.
        impersonation_role_id: String,
        /// The new rule.
        rule: ImpersonationRule,
    },
}

impl fmt::Display for Edit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AddEntry { rule, list, entry } => {
                write!(f, "add `{entry}` to `{list}` of {rule}")
            }
            Self::RemoveEntry {
                rule,
                list,
                entry,
                last_entry,
            } => {
                write!(f, "remove `{entry}` from `{list}` of {rule}")?;
                if *last_entry {
                    write!(f, " (its only entry, so `{list}` goes)")?;
                }
                Ok(())
            }
            Self::RemoveRule { rule } => write!(f, "remove {rule}"),
            Self::AddAccessControlRule { rule } => {
                write!(
                    f,
                    "add rule `{}` ({}) {}",
                    rule.name,
                    rule.effect,
                    conditions(rule)
                )
            }
            Self::AddImpersonationRule {
                impersonation_role_id,
                rule,
            } => write!(
                f,
                "add rule `{}` ({}) with `TargetUsers` [{}] to role `{impersonation_role_id}`",
                rule.impersonation_rule_id,
                rule.effect,
                rule.target_users.join(", ")
            ),
        }
    }
}

/// The non-empty conditions of a new rule, for display.
fn conditions(rule: &AccessControlRule) -> String {
    let mut parts = Vec::new();
    let mut part = |name: &str, entries: Vec<String>| {
        if !entries.is_empty() {
            parts.push(format!("{name} [{}]", entries.join(", ")));
        }
    };
    part(
        "IpRanges",
        rule.ip_ranges
            .iter()
            .map(|r| r.as_str().to_owned())
            .collect(),
    );
    part(
        "Actions",
        rule.actions.iter().map(ToString::to_string).collect(),
    );
    part("UserIds", rule.user_ids.clone());
    part("ImpersonationRoleIds", rule.impersonation_role_ids.clone());
    format!("with {}", parts.join(", "))
}

/// An edit and the answer the request gets after it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct Suggestion {
    /// The edit.
    pub edit: Edit,
    /// The effect after it (always the opposite of the current one).
    pub effect: Effect,
    /// `MatchedRules` after it (rule names, or impersonation rule IDs).
    pub matched_rules: Vec<String>,
}

/// The single edits that flip one request's effect.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct WhatWouldChange {
    /// The request.
    pub request: PolicyRequest,
    /// Its effect now.
    pub effect: Effect,
    /// Its `MatchedRules` now (rule names, or impersonation rule IDs).
    pub matched_rules: Vec<String>,
    /// Every single edit that flips the effect, rule by rule in document order, new rules last.
    pub suggestions: Vec<Suggestion>,
}

/// The edits of one rule's list, as (edit, edited rule).
struct ListEdits<'r, R> {
    rule: &'r R,
    reference: RuleRef,
    out: Vec<(Edit, R)>,
}

impl<R: Clone> ListEdits<'_, R> {
    /// Adding `entry` to a list (when there is room).
    fn add<T>(
        &mut self,
        list: &'static str,
        entries: fn(&mut R) -> &mut Vec<T>,
        entry: T,
        shown: String,
        max: usize,
    ) {
        let mut edited = self.rule.clone();
        let target = entries(&mut edited);
        if target.len() < max {
            target.push(entry);
            self.out.push((
                Edit::AddEntry {
                    rule: self.reference.clone(),
                    list,
                    entry: shown,
                },
                edited,
            ));
        }
    }

    /// Removing each entry at `indices`.
    fn remove<T>(
        &mut self,
        list: &'static str,
        entries: fn(&mut R) -> &mut Vec<T>,
        indices: Vec<usize>,
        show: impl Fn(&T) -> String,
    ) {
        for at in indices {
            let mut edited = self.rule.clone();
            let target = entries(&mut edited);
            if at < target.len() {
                let removed = target.remove(at);
                let last_entry = target.is_empty();
                self.out.push((
                    Edit::RemoveEntry {
                        rule: self.reference.clone(),
                        list,
                        entry: show(&removed),
                        last_entry,
                    },
                    edited,
                ));
            }
        }
    }
}

/// The indices of `list` whose entries satisfy `names`, plus the sole entry (removing it drops
/// the condition altogether).
fn removable<T>(list: &[T], names: impl Fn(&T) -> bool) -> Vec<usize> {
    let mut indices: Vec<usize> = list
        .iter()
        .enumerate()
        .filter(|(_, entry)| names(entry))
        .map(|(at, _)| at)
        .collect();
    if list.len() == 1 && indices.is_empty() {
        indices.push(0);
    }
    indices
}

/// A list of identifiers in an access control rule.
type IdList = fn(&mut AccessControlRule) -> &mut Vec<String>;

/// The principal lists that concern a request: those of its kind, and the inclusion list of the
/// other kind.
struct PrincipalLists<'p> {
    id: &'p str,
    include: IdList,
    include_name: &'static str,
    exclude: IdList,
    exclude_name: &'static str,
    other: IdList,
    other_name: &'static str,
}

impl<'p> PrincipalLists<'p> {
    fn of(principal: &'p Principal) -> Self {
        match principal {
            Principal::UserId(id) => Self {
                id,
                include: |r| &mut r.user_ids,
                include_name: "UserIds",
                exclude: |r| &mut r.not_user_ids,
                exclude_name: "NotUserIds",
                other: |r| &mut r.impersonation_role_ids,
                other_name: "ImpersonationRoleIds",
            },
            Principal::ImpersonationRoleId(id) => Self {
                id,
                include: |r| &mut r.impersonation_role_ids,
                include_name: "ImpersonationRoleIds",
                exclude: |r| &mut r.not_impersonation_role_ids,
                exclude_name: "NotImpersonationRoleIds",
                other: |r| &mut r.user_ids,
                other_name: "UserIds",
            },
        }
    }
}

fn access_candidates(
    rule: &AccessControlRule,
    request: &AccessRequest,
) -> Vec<(Edit, AccessControlRule)> {
    let mut edits = ListEdits {
        rule,
        reference: RuleRef::AccessControlRule(rule.name.clone()),
        out: Vec::new(),
    };
    let ip = request.ip_address;
    let host = format!("{ip}/32");
    if let Ok(range) = host.parse::<IpRange>() {
        edits.add(
            "IpRanges",
            |r| &mut r.ip_ranges,
            range,
            host.clone(),
            MAX_IP_RANGES,
        );
        edits.add(
            "NotIpRanges",
            |r| &mut r.not_ip_ranges,
            range,
            host,
            MAX_IP_RANGES,
        );
    }
    let show_range = |range: &IpRange| range.as_str().to_owned();
    edits.remove(
        "IpRanges",
        |r| &mut r.ip_ranges,
        removable(&rule.ip_ranges, |r| r.contains(ip)),
        show_range,
    );
    edits.remove(
        "NotIpRanges",
        |r| &mut r.not_ip_ranges,
        removable(&rule.not_ip_ranges, |r| r.contains(ip)),
        show_range,
    );
    let action = request.action;
    if !rule.actions.contains(&action) {
        edits.add(
            "Actions",
            |r| &mut r.actions,
            action,
            action.to_string(),
            MAX_LIST,
        );
    }
    if !rule.not_actions.contains(&action) {
        edits.add(
            "NotActions",
            |r| &mut r.not_actions,
            action,
            action.to_string(),
            MAX_LIST,
        );
    }
    edits.remove(
        "Actions",
        |r| &mut r.actions,
        removable(&rule.actions, |a| *a == action),
        ToString::to_string,
    );
    edits.remove(
        "NotActions",
        |r| &mut r.not_actions,
        removable(&rule.not_actions, |a| *a == action),
        ToString::to_string,
    );
    let lists = PrincipalLists::of(&request.principal);
    let id = lists.id;
    let (included, excluded, other) = match &request.principal {
        Principal::UserId(_) => (
            &rule.user_ids,
            &rule.not_user_ids,
            &rule.impersonation_role_ids,
        ),
        Principal::ImpersonationRoleId(_) => (
            &rule.impersonation_role_ids,
            &rule.not_impersonation_role_ids,
            &rule.user_ids,
        ),
    };
    if !included.iter().any(|e| e == id) {
        edits.add(
            lists.include_name,
            lists.include,
            id.to_owned(),
            id.to_owned(),
            MAX_LIST,
        );
    }
    if !excluded.iter().any(|e| e == id) {
        edits.add(
            lists.exclude_name,
            lists.exclude,
            id.to_owned(),
            id.to_owned(),
            MAX_LIST,
        );
    }
    edits.remove(
        lists.include_name,
        lists.include,
        removable(included, |e| e == id),
        Clone::clone,
    );
    edits.remove(
        lists.exclude_name,
        lists.exclude,
        removable(excluded, |e| e == id),
        Clone::clone,
    );
    // A request of the other kind never matches `UserIds` (or `ImpersonationRoleIds`); removing
    // that list's sole entry lifts the condition.
    if other.len() == 1 {
        edits.remove(lists.other_name, lists.other, vec![0], Clone::clone);
    }
    edits.out
}

fn access_suggestions(
    organization: &Organization,
    request: &GetAccessControlEffectRequest,
) -> Result<WhatWouldChange, ApiError> {
    let explained = organization.explain_access(request)?;
    let access = explained.request;
    let rules = organization.access_control_rules();
    let effect = explained.effect;
    let mut suggestions = Vec::new();
    let mut consider = |edit: Edit, edited: Vec<&AccessControlRule>| {
        let (after, matched_rules) = access::decide(edited, &access);
        if after != effect {
            suggestions.push(Suggestion {
                edit,
                effect: after,
                matched_rules,
            });
        }
    };
    for (at, rule) in rules.iter().enumerate() {
        for (edit, edited) in access_candidates(rule, &access) {
            let list = rules
                .iter()
                .enumerate()
                .map(|(other, original)| if other == at { &edited } else { original })
                .collect();
            consider(edit, list);
        }
        let without = rules
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != at)
            .map(|(_, rule)| rule)
            .collect();
        consider(
            Edit::RemoveRule {
                rule: RuleRef::AccessControlRule(rule.name.clone()),
            },
            without,
        );
    }
    if rules.len() < MAX_ACCESS_CONTROL_RULES {
        let wanted = effect.opposite();
        let base = match wanted {
            Effect::Allow => "allow-this-request",
            Effect::Deny => "deny-this-request",
        };
        let mut rule = AccessControlRule::default_rule();
        rule.name = fresh(base, |name| rules.iter().any(|r| r.name == name));
        rule.effect = wanted;
        rule.description = Some(format!(
            "{} {} from {}",
            wanted, access.action, access.ip_address
        ));
        rule.date_created = None;
        rule.date_modified = None;
        if let Ok(range) = format!("{}/32", access.ip_address).parse::<IpRange>() {
            rule.ip_ranges = vec![range];
        }
        rule.actions = vec![access.action];
        match &access.principal {
            Principal::UserId(id) => rule.user_ids = vec![id.clone()],
            Principal::ImpersonationRoleId(id) => rule.impersonation_role_ids = vec![id.clone()],
        }
        let list = rules.iter().chain([&rule]).collect();
        consider(
            Edit::AddAccessControlRule {
                rule: Box::new(rule.clone()),
            },
            list,
        );
    }
    Ok(WhatWouldChange {
        request: PolicyRequest::GetAccessControlEffect(request.clone()),
        effect,
        matched_rules: explained.matched_rules,
        suggestions,
    })
}

fn impersonation_candidates(
    role: &ImpersonationRole,
    rule: &ImpersonationRule,
    target: &Target,
    directory: Directory<'_>,
) -> Vec<(Edit, ImpersonationRule)> {
    let mut edits = ListEdits {
        rule,
        reference: RuleRef::ImpersonationRule {
            impersonation_role_id: role.impersonation_role_id.clone(),
            impersonation_rule_id: rule.impersonation_rule_id.clone(),
        },
        out: Vec::new(),
    };
    let text = &target.text;
    let named = |entry: &String| impersonation::names_target(entry, target, directory).is_some();
    if !rule.target_users.iter().any(named) {
        edits.add(
            "TargetUsers",
            |r| &mut r.target_users,
            text.clone(),
            text.clone(),
            MAX_LIST,
        );
    }
    if !rule.not_target_users.iter().any(named) {
        edits.add(
            "NotTargetUsers",
            |r| &mut r.not_target_users,
            text.clone(),
            text.clone(),
            MAX_LIST,
        );
    }
    edits.remove(
        "TargetUsers",
        |r| &mut r.target_users,
        removable(&rule.target_users, named),
        Clone::clone,
    );
    edits.remove(
        "NotTargetUsers",
        |r| &mut r.not_target_users,
        removable(&rule.not_target_users, named),
        Clone::clone,
    );
    edits.out
}

fn impersonation_suggestions(
    organization: &Organization,
    request: &GetImpersonationRoleEffectRequest,
) -> Result<WhatWouldChange, ApiError> {
    let explained = organization.explain_impersonation(request)?;
    let directory = organization.directory();
    let target = explained.target;
    let role = organization.role_or_not_found(&explained.impersonation_role_id)?;
    let effect = explained.effect;
    let mut suggestions = Vec::new();
    let mut consider = |edit: Edit, rules: Vec<ImpersonationRule>| {
        let mut edited = role.clone();
        edited.rules = rules;
        let (after, matched) = impersonation::decide(&edited, &target, directory);
        if after != effect {
            suggestions.push(Suggestion {
                edit,
                effect: after,
                matched_rules: matched
                    .into_iter()
                    .map(|rule| rule.impersonation_rule_id)
                    .collect(),
            });
        }
    };
    for (at, rule) in role.rules.iter().enumerate() {
        for (edit, edited) in impersonation_candidates(role, rule, &target, directory) {
            let rules = role
                .rules
                .iter()
                .enumerate()
                .map(|(other, original)| {
                    if other == at {
                        edited.clone()
                    } else {
                        original.clone()
                    }
                })
                .collect();
            consider(edit, rules);
        }
        let mut without = role.rules.clone();
        without.remove(at);
        consider(
            Edit::RemoveRule {
                rule: RuleRef::ImpersonationRule {
                    impersonation_role_id: role.impersonation_role_id.clone(),
                    impersonation_rule_id: rule.impersonation_rule_id.clone(),
                },
            },
            without,
        );
    }
    if role.rules.len() < MAX_LIST {
        let wanted = effect.opposite();
        let base = match wanted {
            Effect::Allow => "allow-this-user",
            Effect::Deny => "deny-this-user",
        };
        let rule = ImpersonationRule {
            impersonation_rule_id: fresh(base, |id| {
                role.rules.iter().any(|r| r.impersonation_rule_id == id)
            }),
            name: None,
            description: None,
            effect: wanted,
            target_users: vec![target.text.clone()],
            not_target_users: Vec::new(),
        };
        let mut rules = role.rules.clone();
        rules.push(rule.clone());
        consider(
            Edit::AddImpersonationRule {
                impersonation_role_id: role.impersonation_role_id.clone(),
                rule,
            },
            rules,
        );
    }
    Ok(WhatWouldChange {
        request: PolicyRequest::GetImpersonationRoleEffect(request.clone()),
        effect,
        matched_rules: explained
            .matched_rules
            .into_iter()
            .map(|rule| rule.impersonation_rule_id)
            .collect(),
        suggestions,
    })
}

/// The single edits that would flip the effect of `request`: adding or removing one entry of
/// one rule's list, removing one rule, or adding one rule scoped to exactly this request.
///
/// ```
/// use workmail_policy::analysis::{what_would_change, Edit, PolicyRequest};
/// use workmail_policy::{Effect, GetAccessControlEffectRequest, Organization};
/// let org = Organization::from_json(r#"{"AccessControlRules": [
///     {"Name": "default", "Effect": "ALLOW"},
///     {"Name": "no-imap", "Effect": "DENY", "Actions": ["IMAP"]}]}"#)?.organization;
/// let request = PolicyRequest::GetAccessControlEffect(GetAccessControlEffectRequest {
///     ip_address: "192.0.2.1".into(),
///     action: "IMAP".into(),
///     user_id: Some("S-1-1-11-1234567890".into()),
///     ..Default::default()
/// });
/// let changes = what_would_change(&org, &request)?;
/// assert_eq!(changes.effect, Effect::Deny);
/// let edits: Vec<String> = changes.suggestions.iter().map(|s| s.edit.to_string()).collect();
/// assert!(edits.contains(&"remove rule `no-imap`".to_owned()));
/// assert!(edits.contains(&"add `192.0.2.1/32` to `NotIpRanges` of rule `no-imap`".to_owned()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// The error the request itself gets (an invalid request, an unknown user or role…).
pub fn what_would_change(
    organization: &Organization,
    request: &PolicyRequest,
) -> Result<WhatWouldChange, ApiError> {
    match request {
        PolicyRequest::GetAccessControlEffect(request) => access_suggestions(organization, request),
        PolicyRequest::GetImpersonationRoleEffect(request) => {
            impersonation_suggestions(organization, request)
        }
    }
}

impl fmt::Display for Suggestion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rules = if self.matched_rules.is_empty() {
            "(none)".to_owned()
        } else {
            self.matched_rules.join(", ")
        };
        write!(f, "{}  -> {} [{rules}]", self.edit, self.effect)
    }
}

impl fmt::Display for WhatWouldChange {
    /// The current answer, then one suggestion per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rules = if self.matched_rules.is_empty() {
            "(none)".to_owned()
        } else {
            self.matched_rules.join(", ")
        };
        writeln!(f, "now {} [{rules}]", self.effect)?;
        if self.suggestions.is_empty() {
            return writeln!(
                f,
                "no single edit gets {}: at least two are needed",
                self.effect.opposite()
            );
        }
        writeln!(f, "single edits that give {}:", self.effect.opposite())?;
        for suggestion in &self.suggestions {
            writeln!(f, "  {suggestion}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_organization as org;

    fn access(ip: &str, action: &str, user: Option<&str>, role: Option<&str>) -> PolicyRequest {
        PolicyRequest::GetAccessControlEffect(GetAccessControlEffectRequest {
            organization_id: None,
            ip_address: ip.into(),
            action: action.into(),
            user_id: user.map(Into::into),
            impersonation_role_id: role.map(Into::into),
        })
    }

    /// Role `r` impersonating `target`.
    fn impersonate(target: &str) -> PolicyRequest {
        PolicyRequest::GetImpersonationRoleEffect(GetImpersonationRoleEffectRequest {
            organization_id: None,
            impersonation_role_id: "r".into(),
            target_user: target.into(),
        })
    }

    fn edits(changes: &WhatWouldChange) -> Vec<String> {
        changes
            .suggestions
            .iter()
            .map(|s| s.edit.to_string())
            .collect()
    }

    const U: &str = "S-1-1-11-000000000001";

    #[test]
    fn a_single_deny_can_be_lifted_many_ways() {
        let org = org(
            r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
                {"Name": "block", "Effect": "DENY", "IpRanges": ["10.0.0.0/8"], "UserIds": ["S-1-1-11-000000000001"]}]}"#,
        );
        let changes = what_would_change(&org, &access("10.1.1.1", "IMAP", Some(U), None));
        let changes = changes.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            edits(&changes),
            [
                "add `10.1.1.1/32` to `NotIpRanges` of rule `block`",
                "add `IMAP` to `NotActions` of rule `block`",
                "add `S-1-1-11-000000000001` to `NotUserIds` of rule `block`",
                "remove rule `block`",
            ]
        );
        assert!(
            changes
                .suggestions
                .iter()
                .all(|s| s.effect == Effect::Allow)
        );
        // Removing `10.0.0.0/8` or the user would widen the rule to everyone: still DENY.
        let text = changes.to_string();
        assert!(
            text.starts_with("now DENY [block]\nsingle edits that give ALLOW:\n"),
            "{text}"
        );
        // Each suggestion is told with the answer it gives.
        assert!(
            text.contains("\n  remove rule `block`  -> ALLOW [default]\n"),
            "{text}"
        );
    }

    #[test]
    fn two_denies_need_two_edits() {
        let org = org(
            r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
                {"Name": "a", "Effect": "DENY", "Actions": ["IMAP"]}, {"Name": "b", "Effect": "DENY", "Actions": ["IMAP"]}]}"#,
        );
        let changes = what_would_change(&org, &access("10.1.1.1", "IMAP", Some(U), None));
        let changes = changes.unwrap_or_else(|e| panic!("{e}"));
        assert!(changes.suggestions.is_empty());
        assert_eq!(
            changes.to_string(),
            "now DENY [a, b]\nno single edit gets ALLOW: at least two are needed\n"
        );
    }

    #[test]
    fn default_deny_suggests_widening_an_allow_or_adding_a_rule() {
        let org = org(
            r#"{"AccessControlRules": [{"Name": "office", "Effect": "ALLOW", "IpRanges": ["192.0.2.0/24"]},
                {"Name": "roles", "Effect": "ALLOW", "ImpersonationRoleIds": ["r"]}]}"#,
        );
        let changes = what_would_change(&org, &access("203.0.113.5", "EWS", Some(U), None));
        let changes = changes.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            edits(&changes),
            [
                "add `203.0.113.5/32` to `IpRanges` of rule `office`",
                "remove `192.0.2.0/24` from `IpRanges` of rule `office` (its only entry, so `IpRanges` goes)",
                "remove `r` from `ImpersonationRoleIds` of rule `roles` (its only entry, so `ImpersonationRoleIds` goes)",
                "add rule `allow-this-request` (ALLOW) with IpRanges [203.0.113.5/32], Actions [EWS], UserIds [S-1-1-11-000000000001]",
            ]
        );
    }

    #[test]
    fn an_allow_can_be_turned_into_a_deny() {
        let org = org(
            r#"{"ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "Rules": []}]}"#,
        );
        let changes = what_would_change(&org, &access("192.0.2.1", "EWS", None, Some("r")));
        let changes = changes.unwrap_or_else(|e| panic!("{e}"));
        // An edit that leaves no rule matching gives DENY by no rule.
        assert!(
            changes
                .to_string()
                .contains("\n  remove rule `default`  -> DENY [(none)]\n"),
            "{changes}"
        );
        let edits = edits(&changes);
        assert_eq!(
            edits,
            [
                "add `192.0.2.1/32` to `NotIpRanges` of rule `default`",
                "add `EWS` to `NotActions` of rule `default`",
                "add `r` to `NotImpersonationRoleIds` of rule `default`",
                "remove rule `default`",
                "add rule `deny-this-request` (DENY) with IpRanges [192.0.2.1/32], Actions [EWS], ImpersonationRoleIds [r]",
            ]
        );
    }

    #[test]
    fn impersonation_edits_name_the_target() {
        let org = org(
            r#"{"Users": [{"Id": "S-1-1-11-000000000001", "Email": "jane@example.com", "Name": "jane"}],
                "ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "Rules": [
                  {"ImpersonationRuleId": "all", "Effect": "ALLOW"},
                  {"ImpersonationRuleId": "no-jane", "Effect": "DENY", "TargetUsers": ["S-1-1-11-000000000001"]}]}]}"#,
        );
        let request = impersonate("JANE@example.com");
        let changes = what_would_change(&org, &request).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(changes.matched_rules, ["no-jane"]);
        assert_eq!(
            edits(&changes),
            [
                "add `JANE@example.com` to `NotTargetUsers` of rule `no-jane` of role `r`",
                "remove rule `no-jane` of role `r`",
            ]
        );
    }

    /// The suggestions for `request` (IMAP from 10.1.1.1) on a document of `rules`.
    fn suggested(rules: &str, user: &str) -> Vec<String> {
        let org = org(&format!(r#"{{"AccessControlRules": [{rules}]}}"#));
        let changes = what_would_change(&org, &access("10.1.1.1", "IMAP", Some(user), None));
        edits(&changes.unwrap_or_else(|e| panic!("{e}")))
    }

    #[test]
    fn the_request_s_own_entries_are_the_ones_added_or_removed() {
        let cases: [(&str, &[&str]); 7] = [
            // An ALLOW that leaves the request out by one list: the request's entry is added to
            // it, or the entry that keeps it out removed.
            (
                r#"{"Name": "r", "Effect": "ALLOW", "Actions": ["EWS", "SMTP"]}"#,
                &["add `IMAP` to `Actions` of rule `r`"],
            ),
            (
                r#"{"Name": "r", "Effect": "ALLOW", "UserIds": ["S-1-1-11-000000000002", "S-1-1-11-000000000003"]}"#,
                &["add `S-1-1-11-000000000001` to `UserIds` of rule `r`"],
            ),
            (
                r#"{"Name": "r", "Effect": "ALLOW", "NotActions": ["SMTP", "IMAP"]}"#,
                &["remove `IMAP` from `NotActions` of rule `r`"],
            ),
            (
                r#"{"Name": "r", "Effect": "ALLOW", "NotUserIds": ["S-1-1-11-000000000002", "S-1-1-11-000000000001"]}"#,
                &["remove `S-1-1-11-000000000001` from `NotUserIds` of rule `r`"],
            ),
            (
                r#"{"Name": "r", "Effect": "ALLOW", "NotUserIds": ["S-1-1-11-000000000001"]}"#,
                &[
                    "remove `S-1-1-11-000000000001` from `NotUserIds` of rule `r` (its only entry, so `NotUserIds` goes)",
                ],
            ),
            // A DENY that matches: the entry that names the request goes, wherever it is listed,
            // or the request is added to what the rule leaves out.
            (
                r#"{"Name": "default", "Effect": "ALLOW"},
                   {"Name": "r", "Effect": "DENY", "IpRanges": ["192.0.2.0/24", "10.0.0.0/8"], "Actions": ["SMTP", "IMAP"],
                    "NotUserIds": ["S-1-1-11-000000000002"]}"#,
                &[
                    "add `10.1.1.1/32` to `NotIpRanges` of rule `r`",
                    "remove `10.0.0.0/8` from `IpRanges` of rule `r`",
                    "add `IMAP` to `NotActions` of rule `r`",
                    "remove `IMAP` from `Actions` of rule `r`",
                    "add `S-1-1-11-000000000001` to `NotUserIds` of rule `r`",
                    "remove rule `r`",
                ],
            ),
            (
                r#"{"Name": "default", "Effect": "ALLOW"},
                   {"Name": "r", "Effect": "DENY", "UserIds": ["S-1-1-11-000000000002", "S-1-1-11-000000000001"]}"#,
                &[
                    "add `10.1.1.1/32` to `NotIpRanges` of rule `r`",
                    "add `IMAP` to `NotActions` of rule `r`",
                    "add `S-1-1-11-000000000001` to `NotUserIds` of rule `r`",
                    "remove `S-1-1-11-000000000001` from `UserIds` of rule `r`",
                    "remove rule `r`",
                ],
            ),
        ];
        for (rules, expected) in cases {
            let mut found = suggested(rules, U);
            // A document without an ALLOW for the request can also gain one.
            found.retain(|edit| !edit.starts_with("add rule `allow-this-request`"));
            assert_eq!(found, expected, "{rules}");
        }
    }

    #[test]
    fn a_full_list_gains_no_entry() {
        // `NotUserIds` holds its ten entries: adding the user would be refused by AWS.
        let others: Vec<String> = (2..12)
            .map(|at| format!(r#""S-1-1-11-{at:012}""#))
            .collect();
        let rules = format!(
            r#"{{"Name": "default", "Effect": "ALLOW"}},
               {{"Name": "block", "Effect": "DENY", "NotUserIds": [{}]}}"#,
            others.join(", ")
        );
        let found = suggested(&rules, U);
        assert!(
            !found.iter().any(|edit| edit.contains("NotUserIds")),
            "{found:?}"
        );
        assert!(
            found.contains(&"remove rule `block`".to_owned()),
            "{found:?}"
        );
    }

    #[test]
    fn an_added_rule_takes_a_name_no_rule_has() {
        let found = suggested(
            r#"{"Name": "allow-this-request", "Effect": "ALLOW", "IpRanges": ["192.0.2.0/24", "198.51.100.0/24"]},
               {"Name": "allow-this-request-2", "Effect": "ALLOW", "IpRanges": ["192.0.2.0/24", "198.51.100.0/24"]}"#,
            U,
        );
        assert_eq!(
            found.last().map(String::as_str),
            Some(
                "add rule `allow-this-request-3` (ALLOW) with IpRanges [10.1.1.1/32], Actions [IMAP], UserIds [S-1-1-11-000000000001]"
            )
        );
    }

    #[test]
    fn no_rule_is_added_to_a_full_document() {
        let rules = |count: usize| {
            (0..count)
                .map(|at| format!(r#"{{"Name": "r{at}", "Effect": "ALLOW"}}"#))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let added = |count: usize| {
            suggested(&rules(count), U)
                .iter()
                .any(|edit| edit.starts_with("add rule `deny-this-request`"))
        };
        assert!(added(MAX_ACCESS_CONTROL_RULES - 1));
        assert!(!added(MAX_ACCESS_CONTROL_RULES));
    }

    #[test]
    fn the_target_user_s_own_entry_is_removed() {
        let org = org(
            r#"{"Users": [{"Id": "S-1-1-11-000000000001", "Email": "jane@example.com", "Name": "jane"},
                          {"Id": "S-1-1-11-000000000002", "Email": "jim@example.com", "Name": "jim"}],
                "ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "Rules": [
                  {"ImpersonationRuleId": "all", "Effect": "ALLOW"},
                  {"ImpersonationRuleId": "no-two", "Effect": "DENY", "TargetUsers": ["jim", "jane@example.com"]}]}]}"#,
        );
        let request = impersonate("S-1-1-11-000000000001");
        let changes = what_would_change(&org, &request).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            edits(&changes).contains(
                &"remove `jane@example.com` from `TargetUsers` of rule `no-two` of role `r`"
                    .to_owned()
            ),
            "{:?}",
            edits(&changes)
        );
    }

    #[test]
    fn a_target_user_left_out_is_added_or_given_a_rule() {
        let org = org(
            r#"{"ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "Rules": [
                  {"ImpersonationRuleId": "jim-only", "Effect": "ALLOW", "TargetUsers": ["jim", "joe"]}]}]}"#,
        );
        let request = impersonate("jane");
        let changes = what_would_change(&org, &request).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            edits(&changes),
            [
                "add `jane` to `TargetUsers` of rule `jim-only` of role `r`",
                "add rule `allow-this-user` (ALLOW) with `TargetUsers` [jane] to role `r`",
            ]
        );
        // A role holds at most ten rules: a full one is given no rule.
        let full: Vec<String> = (0..MAX_LIST)
            .map(|at| format!(r#"{{"ImpersonationRuleId": "r{at}", "Effect": "ALLOW", "TargetUsers": ["jim"]}}"#))
            .collect();
        let full = super::tests::org(&format!(
            r#"{{"ImpersonationRoles": [{{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "Rules": [{}]}}]}}"#,
            full.join(", ")
        ));
        let changes = what_would_change(&full, &request).unwrap_or_else(|e| panic!("{e}"));
        let found = edits(&changes);
        assert!(found.contains(&"add `jane` to `TargetUsers` of rule `r9` of role `r`".to_owned()));
        assert!(
            !found.iter().any(|edit| edit.starts_with("add rule")),
            "{found:?}"
        );
    }

    #[test]
    fn invalid_requests_are_refused() {
        let refused = what_would_change(
            &Organization::default(),
            &access("192.0.2.1", "IMAP", None, Some("r")),
        );
        assert!(refused.is_err());
    }
}
