//! The target space of an impersonation role: the users it could be asked about, each resolved
//! once, and a role compiled so that each answer costs no directory lookups.
//!
//! With a directory (D2), the targets are the directory's users. Without one, they are the
//! identifiers the role's rules name (emails compared case-insensitively, D22) plus "any other
//! user", the text no rule names.

use std::collections::{BTreeSet, HashSet};

use crate::directory::{Directory, can_be_impersonated, same_identifier_text};
use crate::eval::combine;
use crate::eval::impersonation::ImpersonationMatchedRule;
use crate::model::{Effect, ImpersonationRole, ImpersonationRule};
use crate::org::Organization;

/// One target of a role's target space.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum TargetRef {
    /// A user ID (with a directory) or an identifier a rule names (without one).
    Text(String),
    /// Any user no rule names (only without a directory).
    Other,
}

/// How a compiled rule list tests one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Probe<'t> {
    /// A directory user, by index.
    User(usize),
    /// An identifier, without a directory.
    Text(&'t str),
    /// Any identifier no rule names, without a directory.
    Other,
}

/// A rule's two lists, resolved.
#[derive(Debug, Clone)]
struct CompiledRule<'a> {
    rule: &'a ImpersonationRule,
    targets: BTreeSet<usize>,
    not_targets: BTreeSet<usize>,
}

/// A role's rules, resolved once against a directory.
#[derive(Debug, Clone)]
pub(crate) struct CompiledRole<'a> {
    pub(crate) role: &'a ImpersonationRole,
    directory: Directory<'a>,
    rules: Vec<CompiledRule<'a>>,
}

impl<'a> CompiledRole<'a> {
    /// Resolves every rule entry of `role` in `directory` (entries naming nobody never match,
    /// D17).
    pub(crate) fn new(role: &'a ImpersonationRole, directory: Directory<'a>) -> Self {
        // Inserted one by one rather than collected: collecting sorts, and that sort would be one
        // more instance of the standard sort in the WebAssembly module.
        let resolve = |entries: &[String]| -> BTreeSet<usize> {
            let mut resolved = BTreeSet::new();
            for entry in entries {
                if let Some(user) = directory.resolve(entry) {
                    resolved.insert(user.index);
                }
            }
            resolved
        };
        let rules = role
            .rules
            .iter()
            .map(|rule| CompiledRule {
                rule,
                targets: resolve(&rule.target_users),
                not_targets: resolve(&rule.not_target_users),
            })
            .collect();
        Self {
            role,
            directory,
            rules,
        }
    }

    /// Whether the rule at `at` applies to `probe` (D14).
    fn rule_matches(&self, rule: &CompiledRule<'_>, probe: Probe<'_>) -> bool {
        let listed = |entries: &[String], resolved: &BTreeSet<usize>| match probe {
            Probe::User(index) => resolved.contains(&index),
            Probe::Text(text) => entries
                .iter()
                .any(|entry| same_identifier_text(entry, text)),
            Probe::Other => false,
        };
        let _ = self;
        (rule.rule.target_users.is_empty() || listed(&rule.rule.target_users, &rule.targets))
            && !listed(&rule.rule.not_target_users, &rule.not_targets)
    }

    /// The indices of the rules that apply to `probe`.
    pub(crate) fn matching(&self, probe: Probe<'_>) -> Vec<usize> {
        self.rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| self.rule_matches(rule, probe))
            .map(|(at, _)| at)
            .collect()
    }

    /// The effect and the deciding rule indices for a set of matching rules (D14).
    pub(crate) fn decide_indices(&self, matching: &[usize]) -> (Effect, Vec<usize>) {
        let of = |effect: Effect| -> Vec<usize> {
            matching
                .iter()
                .copied()
                .filter(|at| self.rules.get(*at).is_some_and(|r| r.rule.effect == effect))
                .collect()
        };
        combine(of)
    }

    /// `MatchedRules` entries for rule indices.
    pub(crate) fn matched_rules(&self, indices: &[usize]) -> Vec<ImpersonationMatchedRule> {
        indices
            .iter()
            .filter_map(|at| self.rules.get(*at))
            .map(|rule| ImpersonationMatchedRule {
                impersonation_rule_id: rule.rule.impersonation_rule_id.clone(),
                name: rule.rule.name.clone(),
            })
            .collect()
    }

    /// How to probe `target`; `None` when it cannot be impersonated here (not in the directory,
    /// or disabled or deleted, D12).
    pub(crate) fn probe<'t>(&self, target: &'t TargetRef) -> Option<Probe<'t>> {
        match (target, self.directory.is_known()) {
            (TargetRef::Text(text), true) => self
                .directory
                .resolve(text)
                .filter(|user| can_be_impersonated(user.user))
                .map(|user| Probe::User(user.index)),
            (TargetRef::Other, true) => None,
            (TargetRef::Text(text), false) => Some(Probe::Text(text)),
            (TargetRef::Other, false) => Some(Probe::Other),
        }
    }
}

/// The identifiers a role's rules name, without duplicates (emails compared
/// case-insensitively), in rule order.
pub(crate) fn named_targets(role: &ImpersonationRole, into: &mut Vec<TargetRef>) {
    for rule in &role.rules {
        for entry in rule.target_users.iter().chain(&rule.not_target_users) {
            let known = into.iter().any(|target| match target {
                TargetRef::Text(text) => same_identifier_text(text, entry),
                TargetRef::Other => false,
            });
            if !known {
                into.push(TargetRef::Text(entry.clone()));
            }
        }
    }
}

/// The targets `role` (of `organization`, or a role made from one) can be asked about: the
/// directory's users, or without one the identifiers its rules name and any other user.
pub(crate) fn role_universe(
    organization: &Organization,
    role: &ImpersonationRole,
) -> Vec<TargetRef> {
    match organization.users() {
        Some(users) => users
            .iter()
            .map(|user| TargetRef::Text(user.id.clone()))
            .collect(),
        None => {
            let mut targets = Vec::new();
            named_targets(role, &mut targets);
            targets.push(TargetRef::Other);
            targets
        }
    }
}

/// The targets of role `role_id` across organizations: each directory's users, the identifiers
/// the role's rules name where the directory is unknown, then any other user.
pub(crate) fn target_universe(organizations: &[&Organization], role_id: &str) -> Vec<TargetRef> {
    let mut targets = Vec::new();
    let mut listed = HashSet::new();
    let mut any_unknown = false;
    for organization in organizations {
        match organization.users() {
            Some(users) => {
                for user in users {
                    if listed.insert(user.id.as_str()) {
                        targets.push(TargetRef::Text(user.id.clone()));
                    }
                }
            }
            None => {
                any_unknown = true;
                if let Some(role) = organization.impersonation_role(role_id) {
                    named_targets(role, &mut targets);
                }
            }
        }
    }
    if any_unknown {
        targets.push(TargetRef::Other);
    }
    targets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_organization as org;
    use crate::eval::impersonation::{self, Target};

    const ROLE: &str = r#"{"ImpersonationRoleId": "r", "Name": "r", "Type": "FULL_ACCESS", "Rules": [
        {"ImpersonationRuleId": "all", "Effect": "ALLOW"},
        {"ImpersonationRuleId": "boss", "Effect": "DENY", "TargetUsers": ["Boss@Example.com", "ceo"]},
        {"ImpersonationRuleId": "not-jane", "Effect": "ALLOW", "NotTargetUsers": ["jane"]}]}"#;

    #[test]
    fn compiled_answers_agree_with_the_evaluator() {
        let users = r#"[{"Id": "S-1-1-11-000000000001", "Email": "boss@example.com", "Name": "boss"},
                         {"Id": "S-1-1-11-000000000002", "Email": "jane@example.com", "Name": "jane"},
                         {"Id": "S-1-1-11-000000000003", "Name": "off", "State": "DISABLED"}]"#;
        for text in [
            format!(r#"{{"ImpersonationRoles": [{ROLE}]}}"#),
            format!(r#"{{"Users": {users}, "ImpersonationRoles": [{ROLE}]}}"#),
        ] {
            let org = org(&text);
            let Some(role) = org.impersonation_roles().first() else {
                panic!("no role in {text}");
            };
            let compiled = CompiledRole::new(role, org.directory());
            for target in target_universe(&[&org], "r") {
                let Some(probe) = compiled.probe(&target) else {
                    continue;
                };
                let (effect, indices) = compiled.decide_indices(&compiled.matching(probe));
                let text = match &target {
                    TargetRef::Text(text) => text.clone(),
                    TargetRef::Other => "nobody-named".to_owned(),
                };
                let expected = impersonation::decide(
                    role,
                    &Target::resolve(&text, org.directory()),
                    org.directory(),
                );
                assert_eq!(
                    (effect, compiled.matched_rules(&indices)),
                    expected,
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn the_universe_dedupes_emails_and_adds_other() {
        let org = org(&format!(r#"{{"ImpersonationRoles": [{ROLE}]}}"#));
        let universe = target_universe(&[&org], "r");
        assert_eq!(
            universe,
            [
                TargetRef::Text("Boss@Example.com".into()),
                TargetRef::Text("ceo".into()),
                TargetRef::Text("jane".into()),
                TargetRef::Other
            ]
        );
    }
}
