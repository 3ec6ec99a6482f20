//! A compiled form of an organization's access control rules: the same answers as
//! [`crate::eval::access::decide`], in a few array lookups.
//!
//! - The IPv4 space is cut at every boundary of every range the rules use. Within one segment every
//!   range either contains every address or none, so each segment stores a bit set of the rules
//!   whose IP conditions (`IpRanges` and `NotIpRanges`) hold there. An address is one binary search.
//! - Each action has a bit set of the rules whose action conditions hold for it.
//! - Each user and role named by a rule has a bit set of the rules whose principal conditions hold
//!   for it; every other user or role shares one bit set.
//!
//! A request's matching rules are the AND of three bit sets; DENY wins when the AND with the DENY
//! rules is not empty. Bit sets are `u64`, so compilation covers organizations of up to 64 rules
//! (AWS allows 10); [`CompiledAccess::new`] returns `None` beyond that and callers use the
//! straightforward evaluator.

use std::collections::HashMap;
use std::net::Ipv4Addr;

use crate::eval::access::{AccessRequest, Principal};
use crate::model::{AccessControlRule, Action, Effect, IpRange};

/// A bit set of rules, bit `i` for the `i`-th rule.
pub type RuleSet = u64;

/// The most rules a compiled policy holds.
pub const MAX_COMPILED_RULES: usize = 64;

/// Access control rules compiled for fast evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledAccess {
    /// Start address of each segment, ascending, the first being 0.
    starts: Vec<u32>,
    /// Rules whose IP conditions hold in each segment.
    ip_sets: Vec<RuleSet>,
    /// Rules whose action conditions hold, per action (in `Action::ALL` order).
    action_sets: [RuleSet; 7],
    users: HashMap<String, RuleSet>,
    other_user: RuleSet,
    roles: HashMap<String, RuleSet>,
    other_role: RuleSet,
    deny: RuleSet,
    names: Vec<String>,
}

fn bit(index: usize) -> RuleSet {
    1u64.checked_shl(u32::try_from(index).unwrap_or(u32::MAX))
        .unwrap_or(0)
}

fn action_index(action: Action) -> usize {
    Action::ALL.iter().position(|a| *a == action).unwrap_or(0)
}

/// The inclusive address interval of a range (after masking).
fn interval(range: &IpRange) -> (u32, u32) {
    let network = range.network();
    (u32::from(network.network()), u32::from(network.broadcast()))
}

/// Whether a principal condition pair holds for an identifier (`None`: the other kind, D5).
fn principal_holds(include: &[String], exclude: &[String], id: Option<&str>) -> bool {
    let included = include.is_empty() || id.is_some_and(|id| include.iter().any(|e| e == id));
    let excluded = id.is_some_and(|id| exclude.iter().any(|e| e == id));
    included && !excluded
}

impl CompiledAccess {
    /// Compiles `rules`; `None` when there are more than [`MAX_COMPILED_RULES`].
    ///
    /// ```
    /// use workmail_policy::compile::CompiledAccess;
    /// use workmail_policy::{AccessControlRule, AccessRequest, Action, Effect, Principal};
    /// let rules = vec![AccessControlRule::default_rule()];
    /// let compiled = CompiledAccess::new(&rules).unwrap();
    /// let request = AccessRequest {
    ///     ip_address: "192.0.2.1".parse().unwrap(),
    ///     action: Action::Imap,
    ///     principal: Principal::UserId("S-1-1-11-1234567890".into()),
    /// };
    /// assert_eq!(compiled.decide(&request), (Effect::Allow, vec!["default".to_owned()]));
    /// ```
    pub fn new(rules: &[AccessControlRule]) -> Option<Self> {
        if rules.len() > MAX_COMPILED_RULES {
            return None;
        }
        let (starts, ip_sets) = ip_segments(rules);
        let mut action_sets = [0; 7];
        for (slot, action) in action_sets.iter_mut().zip(Action::ALL) {
            for (index, rule) in rules.iter().enumerate() {
                let included = rule.actions.is_empty() || rule.actions.contains(&action);
                if included && !rule.not_actions.contains(&action) {
                    *slot |= bit(index);
                }
            }
        }
        let principal_set = |user: Option<&str>, role: Option<&str>| -> RuleSet {
            rules
                .iter()
                .enumerate()
                .filter(|(_, rule)| {
                    principal_holds(&rule.user_ids, &rule.not_user_ids, user)
                        && principal_holds(
                            &rule.impersonation_role_ids,
                            &rule.not_impersonation_role_ids,
                            role,
                        )
                })
                .fold(0, |set, (index, _)| set | bit(index))
        };
        let named_users = rules
            .iter()
            .flat_map(|r| r.user_ids.iter().chain(&r.not_user_ids));
        let users = named_users
            .map(|id| (id.clone(), principal_set(Some(id), None)))
            .collect();
        let named_roles = rules.iter().flat_map(|r| {
            r.impersonation_role_ids
                .iter()
                .chain(&r.not_impersonation_role_ids)
        });
        let roles = named_roles
            .map(|id| (id.clone(), principal_set(None, Some(id))))
            .collect();
        let deny = rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.effect == Effect::Deny)
            .fold(0, |set, (index, _)| set | bit(index));
        Some(Self {
            starts,
            ip_sets,
            action_sets,
            users,
            // An identifier no rule names: `principal_holds` with an ID in no list.
            other_user: principal_set(Some(""), None),
            roles,
            other_role: principal_set(None, Some("")),
            deny,
            names: rules.iter().map(|rule| rule.name.clone()).collect(),
        })
    }

    /// How many rules were compiled.
    pub fn rule_count(&self) -> usize {
        self.names.len()
    }

    /// The rules whose IP conditions hold for `address`.
    pub fn rules_for_ip(&self, address: Ipv4Addr) -> RuleSet {
        let address = u32::from(address);
        let segment = self.starts.partition_point(|start| *start <= address);
        segment
            .checked_sub(1)
            .and_then(|at| self.ip_sets.get(at))
            .copied()
            .unwrap_or(0)
    }

    /// The rules whose action conditions hold for `action`.
    pub fn rules_for_action(&self, action: Action) -> RuleSet {
        self.action_sets
            .get(action_index(action))
            .copied()
            .unwrap_or(0)
    }

    /// The rules whose principal conditions hold for `principal`.
    pub fn rules_for_principal(&self, principal: &Principal) -> RuleSet {
        match principal {
            Principal::UserId(id) => self.users.get(id).copied().unwrap_or(self.other_user),
            Principal::ImpersonationRoleId(id) => {
                self.roles.get(id).copied().unwrap_or(self.other_role)
            }
        }
    }

    /// The rules that match `request`.
    pub fn matching(&self, request: &AccessRequest) -> RuleSet {
        self.rules_for_ip(request.ip_address)
            & self.rules_for_action(request.action)
            & self.rules_for_principal(&request.principal)
    }

    /// The effect and the rules listed in `MatchedRules`, as a bit set (D6).
    pub fn decide_set(&self, request: &AccessRequest) -> (Effect, RuleSet) {
        self.decide_matching(self.matching(request))
    }

    /// The effect and the rules listed in `MatchedRules`, as a bit set, when the rules of
    /// `matching` match (D6).
    pub fn decide_matching(&self, matching: RuleSet) -> (Effect, RuleSet) {
        let denied = matching & self.deny;
        if denied != 0 {
            (Effect::Deny, denied)
        } else if matching != 0 {
            (Effect::Allow, matching)
        } else {
            (Effect::Deny, 0)
        }
    }

    /// The names of the rules in `set`, in rule order.
    pub fn names(&self, set: RuleSet) -> Vec<String> {
        self.names
            .iter()
            .enumerate()
            .filter(|(index, _)| set & bit(*index) != 0)
            .map(|(_, name)| name.clone())
            .collect()
    }

    /// The effect and `MatchedRules`: the same answer as [`crate::eval::access::decide`].
    pub fn decide(&self, request: &AccessRequest) -> (Effect, Vec<String>) {
        let (effect, set) = self.decide_set(request);
        (effect, self.names(set))
    }
}

/// Puts the events in ascending order of address. The order of the events at one address is
/// left as it falls: the sweep applies every one of them before it reads the counts. Each
/// address is sorted as a `u64` with the event's position in its low `POSITION_BITS` bits (an
/// address is at most 2^32, one past the last), so that the integer sorts share one instance
/// of the standard sort.
fn sort_events(events: &mut Vec<(u64, usize, bool, i32)>) {
    const POSITION_BITS: u32 = 31;
    const POSITION: u64 = (1 << POSITION_BITS) - 1;
    let mut keys: Vec<u64> = events
        .iter()
        .zip(0u64..)
        .map(|(&(address, ..), at)| (address << POSITION_BITS) + at)
        .collect();
    crate::sort::sort_u64(&mut keys);
    *events = keys
        .iter()
        .filter_map(|key| {
            let at = usize::try_from(key & POSITION).ok()?;
            events.get(at).copied()
        })
        .collect();
}

/// Cuts the address space at every range boundary and computes, per segment, the rules whose IP
/// conditions hold, by sweeping the boundaries once with a coverage count per rule and list.
fn ip_segments(rules: &[AccessControlRule]) -> (Vec<u32>, Vec<RuleSet>) {
    // (address, rule, is_exclusion, +1 start / -1 end)
    let mut events: Vec<(u64, usize, bool, i32)> = Vec::new();
    for (index, rule) in rules.iter().enumerate() {
        for (ranges, exclusion) in [(&rule.ip_ranges, false), (&rule.not_ip_ranges, true)] {
            for range in ranges {
                let (low, high) = interval(range);
                events.push((u64::from(low), index, exclusion, 1));
                events.push((u64::from(high) + 1, index, exclusion, -1));
            }
        }
    }
    sort_events(&mut events);
    let mut included = vec![0i32; rules.len()];
    let mut excluded = vec![0i32; rules.len()];
    let holds = |included: &[i32], excluded: &[i32]| -> RuleSet {
        rules
            .iter()
            .enumerate()
            .filter(|(index, rule)| {
                let inside = included.get(*index).copied().unwrap_or(0) > 0;
                let outside = excluded.get(*index).copied().unwrap_or(0) == 0;
                (rule.ip_ranges.is_empty() || inside) && outside
            })
            // Distinct rules, distinct bits: their sum is their union.
            .map(|(index, _)| bit(index))
            .sum()
    };
    let mut starts = vec![0u32];
    let mut sets = vec![holds(&included, &excluded)];
    let mut at = 0;
    while let Some(&(address, ..)) = events.get(at) {
        while let Some(&(same, index, exclusion, delta)) = events.get(at) {
            if same != address {
                break;
            }
            let counts = if exclusion {
                &mut excluded
            } else {
                &mut included
            };
            if let Some(count) = counts.get_mut(index) {
                *count += delta;
            }
            at += 1;
        }
        let Ok(start) = u32::try_from(address) else {
            break;
        };
        let set = holds(&included, &excluded);
        if start == 0 {
            if let Some(first) = sets.first_mut() {
                *first = set;
            }
        } else if sets.last() != Some(&set) {
            starts.push(start);
            sets.push(set);
        }
    }
    (starts, sets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_put_in_address_order_and_none_is_lost() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |bound: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % bound
        };
        let mut events: Vec<(u64, usize, bool, i32)> = (0..2000)
            .map(|_| {
                let address = match next(4) {
                    0 => 0,
                    1 => 1 << 32,
                    _ => next(1 << 33).min(1 << 32),
                };
                let index = next(12) as usize;
                (
                    address,
                    index,
                    next(2) == 1,
                    if next(2) == 1 { 1 } else { -1 },
                )
            })
            .collect();
        events.push((7, usize::MAX, true, 1));
        events.push((u64::from(u32::MAX), 1 << 40, false, -1));
        let mut every = events.clone();
        every.sort_unstable();
        sort_events(&mut events);
        assert!(
            events.windows(2).all(|pair| pair[0].0 <= pair[1].0),
            "in address order"
        );
        let mut sorted = events.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, every, "the same events, none lost or repeated");
        let mut none = Vec::new();
        sort_events(&mut none);
        assert!(none.is_empty());
    }

    fn rules(json: serde_json::Value) -> Vec<AccessControlRule> {
        serde_json::from_value(json).expect("valid rules")
    }

    fn user(ip: &str, action: Action, id: &str) -> AccessRequest {
        AccessRequest {
            ip_address: ip.parse().expect("an address"),
            action,
            principal: Principal::UserId(id.to_owned()),
        }
    }

    #[test]
    fn segments_merge_equal_neighbours() {
        let rules = rules(serde_json::json!([
            {"Name": "a", "Effect": "ALLOW", "IpRanges": ["10.0.0.0/8"], "NotIpRanges": ["10.1.0.0/16"]},
            {"Name": "b", "Effect": "DENY", "IpRanges": ["10.0.0.0/9", "10.128.0.0/9"]}
        ]));
        let (starts, sets) = ip_segments(&rules);
        let shown: Vec<(String, RuleSet)> = starts
            .iter()
            .map(|s| Ipv4Addr::from(*s).to_string())
            .zip(sets)
            .collect();
        assert_eq!(
            shown,
            [
                ("0.0.0.0".to_owned(), 0),
                ("10.0.0.0".to_owned(), 0b11),
                ("10.1.0.0".to_owned(), 0b10),
                ("10.2.0.0".to_owned(), 0b11),
                ("11.0.0.0".to_owned(), 0),
            ]
        );
    }

    #[test]
    fn edges_of_the_address_space() {
        let rules = rules(serde_json::json!([
            {"Name": "all", "Effect": "ALLOW", "IpRanges": ["0.0.0.0/0"]},
            {"Name": "top", "Effect": "DENY", "IpRanges": ["255.255.255.255/32"]},
            {"Name": "not-zero", "Effect": "ALLOW", "NotIpRanges": ["0.0.0.0/32"]}
        ]));
        let compiled = CompiledAccess::new(&rules).expect("compiles");
        let at = |ip: &str| compiled.decide(&user(ip, Action::Imap, "S-1-1-11-1234567890"));
        assert_eq!(at("0.0.0.0"), (Effect::Allow, vec!["all".to_owned()]));
        assert_eq!(at("0.0.0.1").1, ["all", "not-zero"]);
        assert_eq!(
            at("255.255.255.255"),
            (Effect::Deny, vec!["top".to_owned()])
        );
    }

    #[test]
    fn principals_named_and_unnamed() {
        let rules = rules(serde_json::json!([
            {"Name": "u", "Effect": "ALLOW", "UserIds": ["S-1-1-11-0000000001"]},
            {"Name": "not-u", "Effect": "DENY", "NotUserIds": ["S-1-1-11-0000000001"], "Actions": ["SMTP"]},
            {"Name": "not-r", "Effect": "ALLOW", "NotImpersonationRoleIds": ["r"]}
        ]));
        let compiled = CompiledAccess::new(&rules).expect("compiles");
        let named = compiled.decide(&user("1.1.1.1", Action::Smtp, "S-1-1-11-0000000001"));
        assert_eq!(
            named,
            (Effect::Allow, vec!["u".to_owned(), "not-r".to_owned()])
        );
        let other = compiled.decide(&user("1.1.1.1", Action::Smtp, "S-1-1-11-0000000002"));
        assert_eq!(other, (Effect::Deny, vec!["not-u".to_owned()]));
        let role = AccessRequest {
            ip_address: Ipv4Addr::new(1, 1, 1, 1),
            action: Action::Ews,
            principal: Principal::ImpersonationRoleId("other".into()),
        };
        assert_eq!(
            compiled.decide(&role),
            (Effect::Allow, vec!["not-r".to_owned()])
        );
    }

    #[test]
    fn more_than_64_rules_are_not_compiled() {
        let many = vec![AccessControlRule::default_rule(); 65];
        assert!(CompiledAccess::new(&many).is_none());
        assert!(CompiledAccess::new(&many[..64]).is_some());
    }
}
