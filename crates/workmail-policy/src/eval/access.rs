//! Access control rules: which rules match a request, the effect, and why (D5, D6, D8).

use std::fmt;
use std::net::Ipv4Addr;

use serde::Serialize;

use crate::eval::combine;
use crate::model::{AccessControlRule, Action, Effect, IpRange};
use crate::semantics::{Basis, Decision, Source};

/// Who asks: a user or an impersonation role (never both, D11).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Principal {
    /// A user ID.
    UserId(String),
    /// An impersonation role ID.
    ImpersonationRoleId(String),
}

impl Principal {
    fn user(&self) -> Option<&str> {
        match self {
            Self::UserId(id) => Some(id),
            Self::ImpersonationRoleId(_) => None,
        }
    }

    fn role(&self) -> Option<&str> {
        match self {
            Self::ImpersonationRoleId(id) => Some(id),
            Self::UserId(_) => None,
        }
    }
}

impl fmt::Display for Principal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UserId(id) => write!(f, "user `{}`", crate::shape::printable(id)),
            Self::ImpersonationRoleId(id) => {
                write!(f, "impersonation role `{}`", crate::shape::printable(id))
            }
        }
    }
}

/// A checked access question: what `GetAccessControlEffect` evaluates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct AccessRequest {
    /// The source IPv4 address.
    pub ip_address: Ipv4Addr,
    /// The protocol action.
    pub action: Action,
    /// The user or role.
    pub principal: Principal,
}

/// The eight conditions of an access control rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum AccessCondition {
    /// The IP must be in one of the ranges.
    IpRanges,
    /// The IP must be in none of the ranges.
    NotIpRanges,
    /// The action must be listed.
    Actions,
    /// The action must not be listed.
    NotActions,
    /// The request's user must be listed.
    UserIds,
    /// The request's user must not be listed.
    NotUserIds,
    /// The request's role must be listed.
    ImpersonationRoleIds,
    /// The request's role must not be listed.
    NotImpersonationRoleIds,
}

impl AccessCondition {
    /// All eight, in the order of the AWS rule shape.
    pub const ALL: [Self; 8] = [
        Self::IpRanges,
        Self::NotIpRanges,
        Self::Actions,
        Self::NotActions,
        Self::UserIds,
        Self::NotUserIds,
        Self::ImpersonationRoleIds,
        Self::NotImpersonationRoleIds,
    ];

    /// The member name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::IpRanges => "IpRanges",
            Self::NotIpRanges => "NotIpRanges",
            Self::Actions => "Actions",
            Self::NotActions => "NotActions",
            Self::UserIds => "UserIds",
            Self::NotUserIds => "NotUserIds",
            Self::ImpersonationRoleIds => "ImpersonationRoleIds",
            Self::NotImpersonationRoleIds => "NotImpersonationRoleIds",
        }
    }

    /// Whether the condition includes (`IpRanges`) or excludes (`NotIpRanges`).
    pub const fn excludes(self) -> bool {
        matches!(
            self,
            Self::NotIpRanges | Self::NotActions | Self::NotUserIds | Self::NotImpersonationRoleIds
        )
    }

    /// How many entries the rule lists for this condition.
    pub fn len_in(self, rule: &AccessControlRule) -> usize {
        match self {
            Self::IpRanges => rule.ip_ranges.len(),
            Self::NotIpRanges => rule.not_ip_ranges.len(),
            Self::Actions => rule.actions.len(),
            Self::NotActions => rule.not_actions.len(),
            Self::UserIds => rule.user_ids.len(),
            Self::NotUserIds => rule.not_user_ids.len(),
            Self::ImpersonationRoleIds => rule.impersonation_role_ids.len(),
            Self::NotImpersonationRoleIds => rule.not_impersonation_role_ids.len(),
        }
    }
}

/// What looking the request up in one condition's list found. Allocation-free: the decision path
/// and the explanation path share it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lookup {
    /// The list is absent or empty: no condition.
    NoCondition,
    /// The request's value is the entry at this index.
    Found(usize),
    /// The request's value is in no entry.
    NotFound,
    /// The list names principals of the other kind than the request's.
    OtherKind,
}

fn position<T>(list: &[T], found: impl Fn(&T) -> bool) -> Lookup {
    if list.is_empty() {
        return Lookup::NoCondition;
    }
    list.iter()
        .position(found)
        .map_or(Lookup::NotFound, Lookup::Found)
}

fn ip_lookup(list: &[IpRange], ip: Ipv4Addr) -> Lookup {
    position(list, |range| range.contains(ip))
}

fn id_lookup(list: &[String], id: Option<&str>) -> Lookup {
    match id {
        _ if list.is_empty() => Lookup::NoCondition,
        Some(id) => position(list, |entry| entry == id),
        None => Lookup::OtherKind,
    }
}

fn lookup(rule: &AccessControlRule, condition: AccessCondition, request: &AccessRequest) -> Lookup {
    let principal = &request.principal;
    match condition {
        AccessCondition::IpRanges => ip_lookup(&rule.ip_ranges, request.ip_address),
        AccessCondition::NotIpRanges => ip_lookup(&rule.not_ip_ranges, request.ip_address),
        AccessCondition::Actions => position(&rule.actions, |a| *a == request.action),
        AccessCondition::NotActions => position(&rule.not_actions, |a| *a == request.action),
        AccessCondition::UserIds => id_lookup(&rule.user_ids, principal.user()),
        AccessCondition::NotUserIds => id_lookup(&rule.not_user_ids, principal.user()),
        AccessCondition::ImpersonationRoleIds => {
            id_lookup(&rule.impersonation_role_ids, principal.role())
        }
        AccessCondition::NotImpersonationRoleIds => {
            id_lookup(&rule.not_impersonation_role_ids, principal.role())
        }
    }
}

const fn holds(condition: AccessCondition, found: Lookup) -> bool {
    match found {
        Lookup::NoCondition => true,
        Lookup::Found(_) => !condition.excludes(),
        // An absent principal is not in an exclusion list, and is not in an inclusion list (D5).
        Lookup::NotFound | Lookup::OtherKind => condition.excludes(),
    }
}

/// Whether every condition of `rule` holds for `request` (D5).
pub fn rule_matches(rule: &AccessControlRule, request: &AccessRequest) -> bool {
    AccessCondition::ALL
        .into_iter()
        .all(|condition| holds(condition, lookup(rule, condition, request)))
}

/// The effect and `MatchedRules` for `request` under `rules` (D6).
pub fn decide<'r>(
    rules: impl IntoIterator<Item = &'r AccessControlRule> + Clone,
    request: &AccessRequest,
) -> (Effect, Vec<String>) {
    let named = |effect: Effect| -> Vec<String> {
        rules
            .clone()
            .into_iter()
            .filter(|rule| rule.effect == effect && rule_matches(rule, request))
            .map(|rule| rule.name.clone())
            .collect()
    };
    combine(named)
}

/// What one condition found, with the entry involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "AccessFinding"))]
#[serde(rename_all_fields = "PascalCase", tag = "Finding")]
pub enum Finding {
    /// The list is absent or empty, so it imposes no condition.
    NoCondition,
    /// The IP lies in this range.
    IpInRange {
        /// The range as written.
        range: String,
        /// The network it was matched as, when the text had host bits set (D8).
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        masked_to: Option<String>,
    },
    /// The IP lies in none of the ranges.
    IpInNoRange {
        /// How many ranges were checked.
        count: usize,
    },
    /// The action is listed.
    ActionListed,
    /// The action is not listed.
    ActionNotListed,
    /// The principal is listed.
    PrincipalListed,
    /// The principal is not listed.
    PrincipalNotListed,
    /// The list names users and the request is a role, or the other way round.
    OtherPrincipalKind,
}

/// The outcome of one condition of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct ConditionExplanation {
    /// Which condition.
    pub condition: AccessCondition,
    /// Whether it holds.
    pub holds: bool,
    /// What the lookup found.
    #[serde(flatten)]
    pub finding: Finding,
    /// What this step rests on.
    pub basis: Basis,
}

impl ConditionExplanation {
    /// What was found, in words that name the kind of principal.
    pub fn describe(&self) -> String {
        let principal = match self.condition {
            AccessCondition::UserIds | AccessCondition::NotUserIds => "user",
            AccessCondition::ImpersonationRoleIds | AccessCondition::NotImpersonationRoleIds => {
                "impersonation role"
            }
            _ => return self.finding.to_string(),
        };
        match self.finding {
            Finding::PrincipalListed => format!("the {principal} is listed"),
            Finding::PrincipalNotListed => format!("the {principal} is not listed"),
            Finding::OtherPrincipalKind if principal == "user" => {
                "the request is an impersonation role, not a user".to_owned()
            }
            Finding::OtherPrincipalKind => {
                "the request is a user, not an impersonation role".to_owned()
            }
            _ => self.finding.to_string(),
        }
    }
}

/// The outcome of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct RuleExplanation {
    /// The rule name.
    pub name: String,
    /// The rule's effect.
    pub effect: Effect,
    /// Whether every condition holds.
    pub matched: bool,
    /// Whether the rule is in `MatchedRules` (it matched and its effect won).
    pub deciding: bool,
    /// Every condition, in the order of the rule shape.
    pub conditions: Vec<ConditionExplanation>,
}

impl RuleExplanation {
    /// The conditions the rule sets (lists with entries), in the order of the rule shape.
    pub fn set_conditions(&self) -> impl Iterator<Item = &ConditionExplanation> {
        self.conditions
            .iter()
            .filter(|condition| condition.finding != Finding::NoCondition)
    }

    /// The conditions whose lists are empty, so they are no condition (D5); all of them when
    /// the rule matches every request.
    ///
    /// ```
    /// use workmail_policy::AccessControlRule;
    /// use workmail_policy::eval::access::{AccessCondition, AccessRequest, Principal, explain};
    /// let rule: AccessControlRule = serde_json::from_str(r#"{"Name": "imap", "Effect": "DENY", "Actions": ["IMAP"]}"#)?;
    /// let request = AccessRequest {
    ///     ip_address: [192, 0, 2, 1].into(),
    ///     action: "IMAP".parse().map_err(|_| "IMAP is an action")?,
    ///     principal: Principal::UserId("jane".into()),
    /// };
    /// let explained = explain([&rule], &request);
    /// let empty = explained.rules[0].empty_conditions();
    /// assert_eq!(empty.len(), 7);
    /// assert!(!empty.contains(&AccessCondition::Actions));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn empty_conditions(&self) -> Vec<AccessCondition> {
        self.conditions
            .iter()
            .filter(|condition| condition.finding == Finding::NoCondition)
            .map(|condition| condition.condition)
            .collect()
    }
}

/// Why the effect follows from the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DecisionReason {
    /// A DENY rule matched; DENY takes precedence over ALLOW.
    DenyRuleMatched,
    /// ALLOW rules matched and no DENY rule did.
    AllowRuleMatched,
    /// No rule matched, so access is denied by default.
    NoRuleMatched,
}

impl DecisionReason {
    fn basis(self, impersonation: bool) -> Basis {
        match (self, impersonation) {
            (Self::DenyRuleMatched, false) => Basis::Documented(Source::CliExamples),
            (Self::AllowRuleMatched, false) => Basis::Decided(Decision::D6),
            (Self::NoRuleMatched, false) => Basis::Documented(Source::AccessRulesGuide),
            (_, true) => Basis::Documented(Source::ImpersonationRolesGuide),
        }
    }

    pub(crate) fn of(effect: Effect, matched: usize) -> Self {
        match (effect, matched) {
            (Effect::Deny, 0) => Self::NoRuleMatched,
            (Effect::Deny, _) => Self::DenyRuleMatched,
            (Effect::Allow, _) => Self::AllowRuleMatched,
        }
    }

    pub(crate) fn with_basis(self, impersonation: bool) -> (Self, Basis) {
        (self, self.basis(impersonation))
    }

    /// The reason as a sentence, for an access control answer or (`impersonation`) for an
    /// impersonation role's answer: only what is denied by default differs.
    ///
    /// ```
    /// use workmail_policy::eval::access::DecisionReason;
    /// assert_eq!(
    ///     DecisionReason::NoRuleMatched.describe(true),
    ///     "no rule matched, so impersonation is denied by default"
    /// );
    /// ```
    pub const fn describe(self, impersonation: bool) -> &'static str {
        match (self, impersonation) {
            (Self::DenyRuleMatched, _) => {
                "a DENY rule matched, and DENY takes precedence over ALLOW"
            }
            (Self::AllowRuleMatched, _) => "ALLOW rules matched and no DENY rule did",
            (Self::NoRuleMatched, false) => "no rule matched, so access is denied by default",
            (Self::NoRuleMatched, true) => "no rule matched, so impersonation is denied by default",
        }
    }
}

/// The reason for an access control answer; [`DecisionReason::describe`] also words it for an
/// impersonation role's.
impl fmt::Display for DecisionReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe(false))
    }
}

/// A `GetAccessControlEffect` answer with every rule's and condition's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct AccessExplanation {
    /// The question.
    pub request: AccessRequest,
    /// The effect, as AWS returns it.
    pub effect: Effect,
    /// `MatchedRules`, as AWS returns them.
    pub matched_rules: Vec<String>,
    /// Why the effect follows.
    pub reason: DecisionReason,
    /// What the reason rests on.
    pub basis: Basis,
    /// Every rule, in list order.
    pub rules: Vec<RuleExplanation>,
}

/// Empty lists and the other kind of principal are decisions (D5); a masked range is D8; plain
/// membership is what the API reference documents for each list ("to include" / "to exclude").
const fn condition_basis(found: Lookup, masked: bool) -> Basis {
    match found {
        Lookup::NoCondition | Lookup::OtherKind => Basis::Decided(Decision::D5),
        Lookup::Found(_) if masked => Basis::Decided(Decision::D8),
        Lookup::Found(_) | Lookup::NotFound => Basis::Documented(Source::ApiReference),
    }
}

fn explain_condition(
    rule: &AccessControlRule,
    condition: AccessCondition,
    request: &AccessRequest,
) -> ConditionExplanation {
    let found = lookup(rule, condition, request);
    let ranges = match condition {
        AccessCondition::IpRanges => Some(&rule.ip_ranges),
        AccessCondition::NotIpRanges => Some(&rule.not_ip_ranges),
        _ => None,
    };
    let mut masked = false;
    let finding = match (found, ranges) {
        (Lookup::NoCondition, _) => Finding::NoCondition,
        (Lookup::OtherKind, _) => Finding::OtherPrincipalKind,
        (Lookup::Found(at), Some(ranges)) => {
            let range = ranges.get(at);
            masked = range.is_some_and(IpRange::has_host_bits);
            Finding::IpInRange {
                range: range.map(|r| r.as_str().to_owned()).unwrap_or_default(),
                masked_to: range
                    .filter(|r| r.has_host_bits())
                    .map(|r| r.network().to_string()),
            }
        }
        (Lookup::NotFound, Some(ranges)) => Finding::IpInNoRange {
            count: ranges.len(),
        },
        (Lookup::Found(_), None) => match condition {
            AccessCondition::Actions | AccessCondition::NotActions => Finding::ActionListed,
            _ => Finding::PrincipalListed,
        },
        (Lookup::NotFound, None) => match condition {
            AccessCondition::Actions | AccessCondition::NotActions => Finding::ActionNotListed,
            _ => Finding::PrincipalNotListed,
        },
    };
    ConditionExplanation {
        condition,
        holds: holds(condition, found),
        finding,
        basis: condition_basis(found, masked),
    }
}

/// Explains `request` under `rules`: the same answer as [`decide`], with every rule's and every
/// condition's outcome.
pub fn explain<'r>(
    rules: impl IntoIterator<Item = &'r AccessControlRule>,
    request: &AccessRequest,
) -> AccessExplanation {
    let mut explained: Vec<RuleExplanation> = rules
        .into_iter()
        .map(|rule| {
            let conditions: Vec<ConditionExplanation> = AccessCondition::ALL
                .into_iter()
                .map(|condition| explain_condition(rule, condition, request))
                .collect();
            RuleExplanation {
                name: rule.name.clone(),
                effect: rule.effect,
                matched: conditions.iter().all(|c| c.holds),
                deciding: false,
                conditions,
            }
        })
        .collect();
    let any_deny = explained
        .iter()
        .any(|r| r.matched && r.effect == Effect::Deny);
    let any_allow = explained
        .iter()
        .any(|r| r.matched && r.effect == Effect::Allow);
    let effect = if any_deny || !any_allow {
        Effect::Deny
    } else {
        Effect::Allow
    };
    let mut matched_rules = Vec::new();
    for rule in &mut explained {
        rule.deciding = rule.matched && rule.effect == effect;
        if rule.deciding {
            matched_rules.push(rule.name.clone());
        }
    }
    let (reason, basis) = DecisionReason::of(effect, matched_rules.len()).with_basis(false);
    AccessExplanation {
        request: request.clone(),
        effect,
        matched_rules,
        reason,
        basis,
        rules: explained,
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoCondition => f.write_str("empty, so no condition"),
            Self::IpInRange {
                range,
                masked_to: Some(network),
            } => write!(f, "the IP is in `{range}` (matched as `{network}`)"),
            Self::IpInRange { range, .. } => write!(f, "the IP is in `{range}`"),
            Self::IpInNoRange { count: 1 } => f.write_str("the IP is not in the range"),
            Self::IpInNoRange { count } => write!(f, "the IP is in none of the {count} ranges"),
            Self::ActionListed => f.write_str("the action is listed"),
            Self::ActionNotListed => f.write_str("the action is not listed"),
            Self::PrincipalListed => f.write_str("the principal is listed"),
            Self::PrincipalNotListed => f.write_str("the principal is not listed"),
            Self::OtherPrincipalKind => {
                f.write_str("the list names the other kind of principal than the request's")
            }
        }
    }
}

impl fmt::Display for AccessExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let request = &self.request;
        writeln!(
            f,
            "{}  for {} from {} using {}",
            self.effect, request.principal, request.ip_address, request.action
        )?;
        writeln!(f, "MatchedRules: {}", name_list(&self.matched_rules))?;
        writeln!(f, "Why: {}  [{}]", self.reason, self.basis)?;
        for rule in &self.rules {
            writeln!(f)?;
            let verdict = if rule.matched {
                "matched"
            } else {
                "did not match"
            };
            let mark = if rule.matched { '✓' } else { '✗' };
            let deciding = if rule.deciding { "  <- deciding" } else { "" };
            writeln!(
                f,
                "{mark} {} ({}) {verdict}{deciding}",
                rule.name, rule.effect
            )?;
            write_conditions(f, rule)?;
        }
        Ok(())
    }
}

fn write_conditions(f: &mut fmt::Formatter<'_>, rule: &RuleExplanation) -> fmt::Result {
    let empty: Vec<&str> = rule
        .empty_conditions()
        .into_iter()
        .map(AccessCondition::as_str)
        .collect();
    for condition in rule.set_conditions() {
        writeln!(
            f,
            "    {:<24} {:<6} {}  [{}]",
            condition.condition.as_str(),
            if condition.holds { "holds" } else { "fails" },
            condition.describe(),
            condition.basis
        )?;
    }
    if empty.len() == rule.conditions.len() {
        writeln!(
            f,
            "    no conditions: the rule matches every request  [{}]",
            Basis::Decided(Decision::D5)
        )?;
    } else if !empty.is_empty() {
        writeln!(
            f,
            "    empty, so no condition: {}  [{}]",
            empty.join(", "),
            Basis::Decided(Decision::D5)
        )?;
    }
    Ok(())
}

pub(crate) fn name_list(names: &[String]) -> String {
    if names.is_empty() {
        "(none)".to_owned()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(json: serde_json::Value) -> AccessControlRule {
        serde_json::from_value(json).unwrap_or_else(|_| AccessControlRule::default_rule())
    }

    fn user(ip: [u8; 4], action: Action, id: &str) -> AccessRequest {
        AccessRequest {
            ip_address: Ipv4Addr::from(ip),
            action,
            principal: Principal::UserId(id.to_owned()),
        }
    }

    fn role(ip: [u8; 4], id: &str) -> AccessRequest {
        AccessRequest {
            ip_address: Ipv4Addr::from(ip),
            action: Action::Ews,
            principal: Principal::ImpersonationRoleId(id.to_owned()),
        }
    }

    const U: &str = "S-1-1-11-1111111111-2222222222-3333333333-3333";

    /// One row per condition kind: the rule, the request, whether the rule matches.
    #[test]
    fn condition_table() {
        let cases: Vec<(serde_json::Value, AccessRequest, bool)> = vec![
            (
                serde_json::json!({}),
                user([1, 2, 3, 4], Action::Imap, U),
                true,
            ),
            (
                serde_json::json!({"IpRanges": ["10.0.0.0/8"]}),
                user([10, 1, 2, 3], Action::Imap, U),
                true,
            ),
            (
                serde_json::json!({"IpRanges": ["10.0.0.0/8"]}),
                user([11, 1, 2, 3], Action::Imap, U),
                false,
            ),
            (
                serde_json::json!({"IpRanges": ["10.0.0.0/8"], "NotIpRanges": ["10.1.0.0/16"]}),
                user([10, 2, 3, 4], Action::Imap, U),
                true,
            ),
            (
                serde_json::json!({"IpRanges": ["10.0.0.0/8"], "NotIpRanges": ["10.1.0.0/16"]}),
                user([10, 1, 2, 3], Action::Imap, U),
                false,
            ),
            (
                serde_json::json!({"IpRanges": ["10.9.9.9/8"]}),
                user([10, 0, 0, 1], Action::Imap, U),
                true,
            ),
            (
                serde_json::json!({"IpRanges": ["0.0.0.0/0"]}),
                user([255, 255, 255, 255], Action::Imap, U),
                true,
            ),
            (
                serde_json::json!({"IpRanges": ["192.0.2.7/32"]}),
                user([192, 0, 2, 8], Action::Imap, U),
                false,
            ),
            (
                serde_json::json!({"Actions": ["IMAP", "SMTP"]}),
                user([1, 1, 1, 1], Action::Smtp, U),
                true,
            ),
            (
                serde_json::json!({"Actions": ["IMAP"]}),
                user([1, 1, 1, 1], Action::Ews, U),
                false,
            ),
            (
                serde_json::json!({"NotActions": ["IMAP"]}),
                user([1, 1, 1, 1], Action::Imap, U),
                false,
            ),
            (
                serde_json::json!({"NotActions": ["IMAP"]}),
                user([1, 1, 1, 1], Action::Ews, U),
                true,
            ),
            (
                serde_json::json!({"UserIds": [U]}),
                user([1, 1, 1, 1], Action::Ews, U),
                true,
            ),
            (
                serde_json::json!({"UserIds": [U]}),
                user([1, 1, 1, 1], Action::Ews, "S-1-1-11-other-user"),
                false,
            ),
            (
                serde_json::json!({"UserIds": [U]}),
                role([1, 1, 1, 1], "r1"),
                false,
            ),
            (
                serde_json::json!({"NotUserIds": [U]}),
                user([1, 1, 1, 1], Action::Ews, U),
                false,
            ),
            (
                serde_json::json!({"NotUserIds": [U]}),
                role([1, 1, 1, 1], "r1"),
                true,
            ),
            (
                serde_json::json!({"ImpersonationRoleIds": ["r1"]}),
                role([1, 1, 1, 1], "r1"),
                true,
            ),
            (
                serde_json::json!({"ImpersonationRoleIds": ["r1"]}),
                user([1, 1, 1, 1], Action::Ews, U),
                false,
            ),
            (
                serde_json::json!({"NotImpersonationRoleIds": ["r1"]}),
                role([1, 1, 1, 1], "r1"),
                false,
            ),
            (
                serde_json::json!({"NotImpersonationRoleIds": ["r1"]}),
                user([1, 1, 1, 1], Action::Ews, U),
                true,
            ),
            (
                serde_json::json!({"UserIds": [U], "ImpersonationRoleIds": ["r1"]}),
                role([1, 1, 1, 1], "r1"),
                false,
            ),
        ];
        for (at, (mut conditions, request, expected)) in cases.into_iter().enumerate() {
            if let Some(object) = conditions.as_object_mut() {
                object.insert("Name".into(), "r".into());
                object.insert("Effect".into(), "ALLOW".into());
            }
            let rule = rule(conditions);
            assert_eq!(rule_matches(&rule, &request), expected, "case {at}");
            let explained = explain([&rule], &request);
            assert_eq!(explained.rules[0].matched, expected, "explained case {at}");
        }
    }

    #[test]
    fn explanation_names_the_range_and_the_masking() {
        let rule = rule(
            serde_json::json!({"Name": "office", "Effect": "ALLOW", "IpRanges": ["192.0.2.0/24", "10.1.2.3/8"]}),
        );
        let explained = explain([&rule], &user([10, 7, 7, 7], Action::Imap, U));
        let ip = &explained.rules[0].conditions[0];
        assert_eq!(
            ip.finding,
            Finding::IpInRange {
                range: "10.1.2.3/8".into(),
                masked_to: Some("10.0.0.0/8".into())
            }
        );
        assert_eq!(ip.basis, Basis::Decided(Decision::D8));
    }

    #[test]
    fn not_user_ids_explanation_rests_on_d5() {
        let rule = rule(serde_json::json!({"Name": "r", "Effect": "DENY", "NotUserIds": [U]}));
        let explained = explain([&rule], &role([1, 1, 1, 1], "r1"));
        let condition = &explained.rules[0].conditions[5];
        assert_eq!(condition.condition, AccessCondition::NotUserIds);
        assert!(condition.holds);
        assert_eq!(condition.finding, Finding::OtherPrincipalKind);
        assert_eq!(condition.basis, Basis::Decided(Decision::D5));
    }
}
