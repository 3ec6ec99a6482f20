//! Compact forms of the sets in a decision table or a diff row, for reading on the page:
//! `any IP except 10.0.0.0/8` rather than the 24 networks around it, `any user except …`.
//! The tables themselves (and their Markdown and CSV) come from the core; this only chooses how
//! a set is shown.

use std::net::Ipv4Addr;

use ipnet::{Ipv4Net, Ipv4Subnets};
use workmail_policy::Action;
use workmail_policy::analysis::TablePrincipal;

/// A set of source addresses, shown the shorter way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Addresses {
    /// Every IPv4 address.
    Any,
    /// No address at all.
    None,
    /// Every address except these networks (fewer than the networks of the set).
    Except(Vec<Ipv4Net>),
    /// These networks.
    Only(Vec<Ipv4Net>),
}

/// Inclusive address intervals of `nets`, sorted and merged.
fn intervals(nets: &[Ipv4Net]) -> Vec<(u32, u32)> {
    let mut spans: Vec<(u32, u32)> = nets
        .iter()
        .map(|net| (u32::from(net.network()), u32::from(net.broadcast())))
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if u64::from(start) <= u64::from(last.1) + 1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// The fewest networks covering every address outside `spans`.
fn complement(spans: &[(u32, u32)]) -> Vec<Ipv4Net> {
    let mut out = Vec::new();
    let mut next = Some(0_u32);
    for &(start, end) in spans {
        if let Some(from) = next
            && from < start
        {
            out.extend(Ipv4Subnets::new(
                Ipv4Addr::from(from),
                Ipv4Addr::from(start - 1),
                0,
            ));
        }
        next = end.checked_add(1);
    }
    if let Some(from) = next {
        out.extend(Ipv4Subnets::new(
            Ipv4Addr::from(from),
            Ipv4Addr::from(u32::MAX),
            0,
        ));
    }
    out
}

/// The addresses of `nets`: as they are, or as the networks outside them when that is shorter.
pub fn addresses(nets: &[Ipv4Net]) -> Addresses {
    let spans = intervals(nets);
    if spans.is_empty() {
        return Addresses::None;
    }
    if spans == [(0, u32::MAX)] {
        return Addresses::Any;
    }
    let outside = complement(&spans);
    if outside.len() < nets.len() {
        Addresses::Except(outside)
    } else {
        Addresses::Only(nets.to_vec())
    }
}

/// `any action`, `any action except SMTP` (at most two left out), or the actions.
pub fn actions(actions: &[Action]) -> String {
    let missing: Vec<&str> = Action::ALL
        .iter()
        .filter(|action| !actions.contains(action))
        .map(|action| action.as_str())
        .collect();
    if missing.is_empty() {
        "any action".to_owned()
    } else if missing.len() <= 2 && missing.len() < actions.len() {
        format!("any action except {}", missing.join(", "))
    } else {
        let listed: Vec<&str> = actions.iter().map(|action| action.as_str()).collect();
        listed.join(", ")
    }
}

/// Users or roles of a set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// Every one, named or not.
    Any,
    /// Every one except these IDs.
    AnyExcept(Vec<String>),
    /// Exactly these IDs.
    Only(Vec<String>),
}

/// The principals of a set, by kind; `None` where the set has none of that kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principals {
    /// The users.
    pub users: Option<Who>,
    /// The impersonation roles.
    pub roles: Option<Who>,
}

fn id_of(principal: &TablePrincipal) -> Option<&str> {
    match principal {
        TablePrincipal::UserId(id) | TablePrincipal::ImpersonationRoleId(id) => Some(id),
        TablePrincipal::OtherUser | TablePrincipal::OtherRole => None,
    }
}

fn who(set: &[TablePrincipal], universe: &[TablePrincipal], users: bool) -> Option<Who> {
    let other = if users {
        TablePrincipal::OtherUser
    } else {
        TablePrincipal::OtherRole
    };
    let of_kind = |principal: &&TablePrincipal| principal.is_user() == users;
    if set.contains(&other) {
        let excluded: Vec<String> = universe
            .iter()
            .filter(of_kind)
            .filter(|principal| !set.contains(principal))
            .filter_map(id_of)
            .map(str::to_owned)
            .collect();
        return Some(if excluded.is_empty() {
            Who::Any
        } else {
            Who::AnyExcept(excluded)
        });
    }
    let named: Vec<String> = set
        .iter()
        .filter(of_kind)
        .filter_map(id_of)
        .map(str::to_owned)
        .collect();
    (!named.is_empty()).then_some(Who::Only(named))
}

/// The principals of `set`, knowing every principal the table names (`universe`).
pub fn principals(set: &[TablePrincipal], universe: &[TablePrincipal]) -> Principals {
    Principals {
        users: who(set, universe, true),
        roles: who(set, universe, false),
    }
}

/// Every principal a list of rows names, in first-seen order.
pub fn universe<'a>(rows: impl IntoIterator<Item = &'a [TablePrincipal]>) -> Vec<TablePrincipal> {
    let mut seen = std::collections::HashSet::new();
    let mut all = Vec::new();
    for row in rows {
        for principal in row {
            if seen.insert(principal) {
                all.push(principal.clone());
            }
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(list: &[&str]) -> Vec<Ipv4Net> {
        list.iter().map(|net| net.parse().unwrap()).collect()
    }

    #[test]
    fn addresses_read_the_shorter_way() {
        assert_eq!(addresses(&nets(&["0.0.0.0/0"])), Addresses::Any);
        assert_eq!(addresses(&[]), Addresses::None);
        assert_eq!(
            addresses(&nets(&["10.0.0.0/8"])),
            Addresses::Only(nets(&["10.0.0.0/8"]))
        );
        // Everything but 10.0.0.0/8, as the fewest networks, is 8 networks: one is shorter.
        let outside = complement(&intervals(&nets(&["10.0.0.0/8"])));
        assert_eq!(outside.len(), 8);
        assert_eq!(
            addresses(&outside),
            Addresses::Except(nets(&["10.0.0.0/8"]))
        );
        // The edges of the space.
        assert_eq!(
            addresses(&nets(&["0.0.0.0/1"])),
            Addresses::Only(nets(&["0.0.0.0/1"]))
        );
        assert_eq!(
            complement(&intervals(&nets(&["128.0.0.0/1"]))),
            nets(&["0.0.0.0/1"])
        );
        assert_eq!(
            complement(&intervals(&nets(&["0.0.0.0/32", "255.255.255.255/32"]))).len(),
            62
        );
    }

    #[test]
    fn actions_name_the_few_left_out() {
        assert_eq!(actions(&Action::ALL), "any action");
        let no_smtp: Vec<Action> = Action::ALL
            .into_iter()
            .filter(|a| *a != Action::Smtp)
            .collect();
        assert_eq!(actions(&no_smtp), "any action except SMTP");
        assert_eq!(actions(&[Action::Imap, Action::Ews]), "IMAP, EWS");
    }

    #[test]
    fn principals_say_any_except_when_the_set_holds_the_others() {
        let jane = TablePrincipal::UserId("jane".into());
        let joe = TablePrincipal::UserId("joe".into());
        let role = TablePrincipal::ImpersonationRoleId("r".into());
        let all = universe([
            &[jane.clone(), TablePrincipal::OtherUser][..],
            &[joe.clone(), role.clone(), TablePrincipal::OtherRole][..],
        ]);
        assert_eq!(all.len(), 5);
        let set = [jane.clone(), TablePrincipal::OtherUser, role.clone()];
        assert_eq!(
            principals(&set, &all),
            Principals {
                users: Some(Who::AnyExcept(vec!["joe".into()])),
                roles: Some(Who::Only(vec!["r".into()])),
            }
        );
        assert_eq!(
            principals(&[TablePrincipal::OtherRole, role], &all).roles,
            Some(Who::Any)
        );
        assert_eq!(principals(&[joe], &all).roles, None);
    }
}
