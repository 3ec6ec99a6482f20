//! Impersonation roles: which of a role's rules match a target user, the effect, and why (D12-D14).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::directory::{Directory, Resolution, same_identifier_text};
use crate::eval::access::DecisionReason;
use crate::eval::combine;
use crate::model::{Effect, ImpersonationRole, ImpersonationRoleType, ImpersonationRule};
use crate::semantics::{Basis, Decision, Source};

/// The user a `GetImpersonationRoleEffect` asks about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct Target {
    /// The `TargetUser` text as given.
    pub text: String,
    /// The user it resolved to, when the directory is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<ResolvedTarget>,
}

impl fmt::Display for Target {
    /// The text as given, and the user it names when that is not the text itself:
    /// `` `ceo@example.com` (user `S-1-1-11-1`, by email) ``.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`", crate::shape::printable(&self.text))?;
        match &self.resolved {
            Some(resolved) if resolved.user_id != self.text => write!(
                f,
                " (user `{}`, by {})",
                crate::shape::printable(&resolved.user_id),
                resolved.by.describe()
            ),
            _ => Ok(()),
        }
    }
}

/// A target found in the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct ResolvedTarget {
    /// Its user ID.
    pub user_id: String,
    /// Which of its identifiers the text named.
    pub by: Resolution,
    #[serde(skip)]
    index: usize,
}

impl Target {
    /// A target resolved in `directory` (`resolved` stays `None` when the directory is unknown
    /// or the text names nobody).
    pub fn resolve(text: &str, directory: Directory<'_>) -> Self {
        Self {
            text: text.to_owned(),
            resolved: directory.resolve(text).map(|found| ResolvedTarget {
                user_id: found.user.id.clone(),
                by: found.by,
                index: found.index,
            }),
        }
    }
}

/// An entry of `MatchedRules` in a `GetImpersonationRoleEffect` response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct ImpersonationMatchedRule {
    /// The rule ID.
    pub impersonation_rule_id: String,
    /// The rule name, left out when the rule has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl ImpersonationMatchedRule {
    /// The rule IDs of `MatchedRules`, in order: what a test or a table compares.
    ///
    /// ```
    /// use workmail_policy::ImpersonationMatchedRule;
    /// let matched = [ImpersonationMatchedRule {
    ///     impersonation_rule_id: "no-executives".into(),
    ///     name: Some("Not the executives".into()),
    /// }];
    /// assert_eq!(ImpersonationMatchedRule::ids(&matched), ["no-executives"]);
    /// ```
    pub fn ids(rules: &[Self]) -> Vec<String> {
        rules
            .iter()
            .map(|rule| rule.impersonation_rule_id.clone())
            .collect()
    }
}

/// The two conditions of an impersonation rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum TargetCondition {
    /// The target must be one of the users.
    TargetUsers,
    /// The target must be none of the users.
    NotTargetUsers,
}

impl TargetCondition {
    /// The member name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::TargetUsers => "TargetUsers",
            Self::NotTargetUsers => "NotTargetUsers",
        }
    }
}

/// What one target list found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all_fields = "PascalCase", tag = "Finding")]
pub enum TargetFinding {
    /// The list is absent, so it imposes no condition.
    NoCondition,
    /// This entry names the target.
    TargetListed {
        /// The entry as written in the rule.
        entry: String,
        /// How the entry identified the target (absent without a directory).
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        by: Option<Resolution>,
    },
    /// No entry names the target.
    TargetNotListed {
        /// Entries that name no user of the directory (they never match, D17).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
        unresolved: Vec<String>,
    },
}

/// The outcome of one target list of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct TargetConditionExplanation {
    /// Which list.
    pub condition: TargetCondition,
    /// Whether it holds.
    pub holds: bool,
    /// What the lookup found.
    #[serde(flatten)]
    pub finding: TargetFinding,
    /// What this step rests on.
    pub basis: Basis,
}

/// The outcome of one impersonation rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct ImpersonationRuleExplanation {
    /// The rule ID.
    pub impersonation_rule_id: String,
    /// The rule name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The rule's effect.
    pub effect: Effect,
    /// Whether both lists hold.
    pub matched: bool,
    /// Whether the rule is in `MatchedRules`.
    pub deciding: bool,
    /// `TargetUsers`, then `NotTargetUsers`.
    pub conditions: Vec<TargetConditionExplanation>,
}

/// A `GetImpersonationRoleEffect` answer with every rule's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct ImpersonationExplanation {
    /// The role asked about.
    pub impersonation_role_id: String,
    /// The target user.
    pub target: Target,
    /// The role's type, echoed as AWS does.
    #[serde(rename = "Type")]
    pub role_type: ImpersonationRoleType,
    /// The effect, as AWS returns it.
    pub effect: Effect,
    /// `MatchedRules`, as AWS returns them.
    pub matched_rules: Vec<ImpersonationMatchedRule>,
    /// Why the effect follows.
    pub reason: DecisionReason,
    /// What the reason rests on.
    pub basis: Basis,
    /// Every rule of the role, in order.
    pub rules: Vec<ImpersonationRuleExplanation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lookup {
    NoCondition,
    Found(usize, Option<Resolution>),
    NotFound,
}

fn lookup(entries: &[String], target: &Target, directory: Directory<'_>) -> Lookup {
    if entries.is_empty() {
        return Lookup::NoCondition;
    }
    let found = entries.iter().enumerate().find_map(|(at, entry)| {
        names_target(entry, target, directory).map(|by| Lookup::Found(at, by))
    });
    found.unwrap_or(Lookup::NotFound)
}

/// Whether an entry of a target list names the target (D13, D22): with a directory, when it
/// resolves to the user the target resolved to (`Some(Some(how))`); without one, when the texts
/// are the same identifier (`Some(None)`).
pub(crate) fn names_target(
    entry: &str,
    target: &Target,
    directory: Directory<'_>,
) -> Option<Option<Resolution>> {
    if directory.is_known() {
        let target_index = target.resolved.as_ref().map(|r| r.index);
        directory
            .resolve(entry)
            .filter(|user| Some(user.index) == target_index)
            .map(|user| Some(user.by))
    } else {
        same_identifier_text(entry, &target.text).then_some(None)
    }
}

fn holds(condition: TargetCondition, found: Lookup) -> bool {
    match found {
        Lookup::NoCondition => true,
        Lookup::Found(..) => condition == TargetCondition::TargetUsers,
        Lookup::NotFound => condition == TargetCondition::NotTargetUsers,
    }
}

fn entries(rule: &ImpersonationRule, condition: TargetCondition) -> &[String] {
    match condition {
        TargetCondition::TargetUsers => &rule.target_users,
        TargetCondition::NotTargetUsers => &rule.not_target_users,
    }
}

const CONDITIONS: [TargetCondition; 2] = [
    TargetCondition::TargetUsers,
    TargetCondition::NotTargetUsers,
];

/// Whether `rule` applies to `target` (D14).
pub fn rule_matches(rule: &ImpersonationRule, target: &Target, directory: Directory<'_>) -> bool {
    CONDITIONS.into_iter().all(|condition| {
        holds(
            condition,
            lookup(entries(rule, condition), target, directory),
        )
    })
}

fn matched_rule(rule: &ImpersonationRule) -> ImpersonationMatchedRule {
    ImpersonationMatchedRule {
        impersonation_rule_id: rule.impersonation_rule_id.clone(),
        name: rule.name.clone(),
    }
}

/// The effect and `MatchedRules` of `role` for `target` (D14).
pub fn decide(
    role: &ImpersonationRole,
    target: &Target,
    directory: Directory<'_>,
) -> (Effect, Vec<ImpersonationMatchedRule>) {
    let named = |effect: Effect| -> Vec<ImpersonationMatchedRule> {
        role.rules
            .iter()
            .filter(|rule| rule.effect == effect && rule_matches(rule, target, directory))
            .map(matched_rule)
            .collect()
    };
    combine(named)
}

fn explain_condition(
    rule: &ImpersonationRule,
    condition: TargetCondition,
    target: &Target,
    directory: Directory<'_>,
) -> TargetConditionExplanation {
    let list = entries(rule, condition);
    let found = lookup(list, target, directory);
    let (finding, basis) = match found {
        Lookup::NoCondition => (
            TargetFinding::NoCondition,
            Basis::Documented(Source::ImpersonationRolesGuide),
        ),
        Lookup::Found(at, by) => (
            TargetFinding::TargetListed {
                entry: list.get(at).cloned().unwrap_or_default(),
                by,
            },
            match by {
                Some(Resolution::UserId) => Basis::Documented(Source::ApiReference),
                Some(_) => Basis::Decided(Decision::D13),
                None => Basis::Decided(Decision::D2),
            },
        ),
        Lookup::NotFound => {
            let unresolved: Vec<String> = if directory.is_known() {
                list.iter()
                    .filter(|entry| directory.resolve(entry).is_none())
                    .cloned()
                    .collect()
            } else {
                Vec::new()
            };
            let basis = if !directory.is_known() {
                Basis::Decided(Decision::D2)
            } else if unresolved.is_empty() {
                Basis::Decided(Decision::D13)
            } else {
                Basis::Decided(Decision::D17)
            };
            (TargetFinding::TargetNotListed { unresolved }, basis)
        }
    };
    TargetConditionExplanation {
        condition,
        holds: holds(condition, found),
        finding,
        basis,
    }
}

/// Explains `role` for `target`: the same answer as [`decide`], with every rule's outcome.
pub fn explain(
    role: &ImpersonationRole,
    target: &Target,
    directory: Directory<'_>,
) -> ImpersonationExplanation {
    let mut rules: Vec<ImpersonationRuleExplanation> = role
        .rules
        .iter()
        .map(|rule| {
            let conditions: Vec<TargetConditionExplanation> = CONDITIONS
                .into_iter()
                .map(|condition| explain_condition(rule, condition, target, directory))
                .collect();
            ImpersonationRuleExplanation {
                impersonation_rule_id: rule.impersonation_rule_id.clone(),
                name: rule.name.clone(),
                effect: rule.effect,
                matched: conditions.iter().all(|c| c.holds),
                deciding: false,
                conditions,
            }
        })
        .collect();
    let (effect, matched_rules) = decide(role, target, directory);
    for rule in &mut rules {
        rule.deciding = rule.matched && rule.effect == effect;
    }
    let (reason, basis) = DecisionReason::of(effect, matched_rules.len()).with_basis(true);
    ImpersonationExplanation {
        impersonation_role_id: role.impersonation_role_id.clone(),
        target: target.clone(),
        role_type: role.role_type,
        effect,
        matched_rules,
        reason,
        basis,
        rules,
    }
}

impl fmt::Display for TargetFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoCondition => f.write_str("absent, so no condition"),
            Self::TargetListed {
                entry,
                by: Some(by),
            } => {
                write!(f, "`{entry}` names the target (by {})", by.describe())
            }
            Self::TargetListed { entry, by: None } => write!(f, "`{entry}` names the target"),
            Self::TargetNotListed { unresolved } if unresolved.is_empty() => {
                f.write_str("no entry names the target")
            }
            Self::TargetNotListed { unresolved } => write!(
                f,
                "no entry names the target (`{}` name no user)",
                unresolved.join("`, `")
            ),
        }
    }
}

impl fmt::Display for ImpersonationExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}  for role `{}` ({}) impersonating {}",
            self.effect, self.impersonation_role_id, self.role_type, self.target
        )?;
        let matched = ImpersonationMatchedRule::ids(&self.matched_rules);
        writeln!(f, "MatchedRules: {}", super::access::name_list(&matched))?;
        writeln!(f, "Why: {}  [{}]", self.reason.describe(true), self.basis)?;
        for rule in &self.rules {
            writeln!(f)?;
            let mark = if rule.matched { '✓' } else { '✗' };
            let verdict = if rule.matched {
                "matched"
            } else {
                "did not match"
            };
            let deciding = if rule.deciding { "  <- deciding" } else { "" };
            let name = rule
                .name
                .as_deref()
                .map(|name| format!(" \"{name}\""))
                .unwrap_or_default();
            writeln!(
                f,
                "{mark} {}{name} ({}) {verdict}{deciding}",
                rule.impersonation_rule_id, rule.effect
            )?;
            for condition in &rule.conditions {
                writeln!(
                    f,
                    "    {:<16} {:<6} {}  [{}]",
                    condition.condition.as_str(),
                    if condition.holds { "holds" } else { "fails" },
                    condition.finding,
                    condition.basis
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::User;

    fn users() -> Vec<User> {
        serde_json::from_value(serde_json::json!([
            {"Id": "S-1-1-11-1111111111-2222222222-3333333333-1001", "Email": "ceo@example.com", "Name": "ceo"},
            {"Id": "S-1-1-11-1111111111-2222222222-3333333333-1002", "Email": "jane@example.com", "Name": "jane"}
        ]))
        .unwrap_or_default()
    }

    fn role(rules: serde_json::Value) -> ImpersonationRole {
        let role = serde_json::json!({
            "ImpersonationRoleId": "archiver", "Name": "Archiver", "Type": "READ_ONLY", "Rules": rules
        });
        serde_json::from_value(role).unwrap_or_else(|_| ImpersonationRole {
            impersonation_role_id: String::new(),
            name: String::new(),
            role_type: ImpersonationRoleType::ReadOnly,
            description: None,
            rules: Vec::new(),
            date_created: None,
            date_modified: None,
        })
    }

    #[test]
    fn entries_resolve_by_email_name_or_id() {
        let users = users();
        let directory = Directory::new(Some(&users));
        let role = role(serde_json::json!([
            {"ImpersonationRuleId": "all", "Effect": "ALLOW"},
            {"ImpersonationRuleId": "no-ceo", "Name": "Not the CEO", "Effect": "DENY", "TargetUsers": ["CEO@example.com"]}
        ]));
        let ceo = Target::resolve("S-1-1-11-1111111111-2222222222-3333333333-1001", directory);
        let (effect, matched) = decide(&role, &ceo, directory);
        assert_eq!(effect, Effect::Deny);
        assert_eq!(matched[0].name.as_deref(), Some("Not the CEO"));
        let jane = Target::resolve("JANE", directory);
        let (effect, matched) = decide(&role, &jane, directory);
        assert_eq!((effect, matched.len()), (Effect::Allow, 1));
        assert_eq!(matched[0].name, None);
        let explained = explain(&role, &ceo, directory);
        assert_eq!(
            explained.rules[1].conditions[0].finding,
            TargetFinding::TargetListed {
                entry: "CEO@example.com".into(),
                by: Some(Resolution::Email)
            }
        );
    }

    #[test]
    fn a_target_names_the_user_it_resolved_to_when_that_is_another_text() {
        let users = users();
        let directory = Directory::new(Some(&users));
        assert_eq!(
            Target::resolve("CEO@example.com", directory).to_string(),
            "`CEO@example.com` (user `S-1-1-11-1111111111-2222222222-3333333333-1001`, by email)"
        );
        let id = "S-1-1-11-1111111111-2222222222-3333333333-1002";
        assert_eq!(
            Target::resolve(id, directory).to_string(),
            format!("`{id}`")
        );
        assert_eq!(
            Target::resolve("nobody\u{1b}", directory).to_string(),
            "`nobody\\u{1b}`",
            "control characters are shown escaped"
        );
    }

    #[test]
    fn without_directory_emails_compare_case_insensitively() {
        let directory = Directory::new(None);
        let role = role(serde_json::json!([
            {"ImpersonationRuleId": "a", "Effect": "ALLOW", "NotTargetUsers": ["Ceo@Example.com", "boss"]}
        ]));
        let decide_for = |text: &str| decide(&role, &Target::resolve(text, directory), directory).0;
        assert_eq!(decide_for("ceo@example.com"), Effect::Deny);
        assert_eq!(decide_for("BOSS"), Effect::Allow);
        assert_eq!(decide_for("boss"), Effect::Deny);
    }

    #[test]
    fn no_rules_deny_everyone() {
        let role = role(serde_json::json!([]));
        let directory = Directory::new(None);
        let explained = explain(&role, &Target::resolve("anyone", directory), directory);
        assert_eq!(explained.effect, Effect::Deny);
        assert_eq!(explained.reason, DecisionReason::NoRuleMatched);
        assert!(explained.basis.is_documented());
    }
}
