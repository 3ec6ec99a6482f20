//! Compact forms of sets of addresses, actions and principals (as values, and as the text the
//! tables print), and the Markdown and CSV cell syntax shared by the tables.

use std::collections::HashSet;
use std::fmt;

use ipnet::Ipv4Net;
use serde::ser::SerializeSeq;
use serde::{Deserialize, Serialize, Serializer};

use super::space::{IpSet, TablePrincipal};
use crate::model::Action;
use crate::shape::printable;

/// `1 class of requests fails`, `3 classes of requests fail`: a count of classes with the verb
/// that agrees with it (`verbs` is the verb for one, then for more).
pub(crate) fn classes_of_requests(count: usize, [one, more]: [&str; 2]) -> String {
    if count == 1 {
        format!("1 class of requests {one}")
    } else {
        format!("{count} classes of requests {more}")
    }
}

/// Serializes networks as CIDR strings.
pub(crate) fn serialize_nets<S: Serializer>(
    nets: &[Ipv4Net],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(nets.len()))?;
    for net in nets {
        seq.serialize_element(&net.to_string())?;
    }
    seq.end()
}

fn join<T: ToString>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|item| item.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A set of source addresses in its shorter form: `any IP except 10.0.0.0/8` rather than the
/// networks around it. Its `Display` is the text form the tables and the diff print.
///
/// ```
/// use workmail_policy::analysis::AddressSet;
/// let nets: Vec<ipnet::Ipv4Net> = ["0.0.0.0/5", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6",
///     "16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/2", "128.0.0.0/1"]
///     .iter().filter_map(|net| net.parse().ok()).collect();
/// let set = AddressSet::of(&nets);
/// assert_eq!(set, AddressSet::AnyExcept(vec!["10.0.0.0/8".parse()?]));
/// assert_eq!(set.to_string(), "any IP except 10.0.0.0/8");
/// # Ok::<(), ipnet::AddrParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddressSet {
    /// Every IPv4 address.
    Any,
    /// No address at all.
    Nothing,
    /// Every address except these networks (fewer than the networks of the set).
    AnyExcept(Vec<Ipv4Net>),
    /// Exactly these networks.
    Only(Vec<Ipv4Net>),
}

impl AddressSet {
    /// The addresses of `nets`: as they are, or as the networks outside them when those are
    /// fewer.
    pub fn of(nets: &[Ipv4Net]) -> Self {
        let set = IpSet::from_nets(nets);
        if set.is_all() {
            return Self::Any;
        }
        if set.is_empty() {
            return Self::Nothing;
        }
        let outside = set.complement().to_nets();
        if outside.len() < nets.len() {
            Self::AnyExcept(outside)
        } else {
            Self::Only(nets.to_vec())
        }
    }
}

impl fmt::Display for AddressSet {
    /// `any IP`, `no IP`, `any IP except 10.0.0.0/8`, or the networks.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Any => f.write_str("any IP"),
            Self::Nothing => f.write_str("no IP"),
            Self::AnyExcept(nets) => write!(f, "any IP except {}", join(nets)),
            Self::Only(nets) => f.write_str(&join(nets)),
        }
    }
}

/// `any action`, `any action except IMAP` (at most two left out: then fewer are left out than
/// listed, as there are seven actions), or the actions.
///
/// ```
/// use workmail_policy::Action;
/// use workmail_policy::analysis::describe_actions;
/// assert_eq!(describe_actions(&Action::ALL), "any action");
/// assert_eq!(describe_actions(&[Action::Imap, Action::Ews]), "IMAP, EWS");
/// ```
pub fn describe_actions(actions: &[Action]) -> String {
    let missing: Vec<Action> = Action::ALL
        .into_iter()
        .filter(|action| !actions.contains(action))
        .collect();
    if missing.is_empty() {
        "any action".to_owned()
    } else if missing.len() <= 2 {
        format!("any action except {}", join(missing))
    } else {
        join(actions)
    }
}

/// The users, or the roles, of a set of principals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Members {
    /// Every one, named or not.
    Any,
    /// Every one except these IDs.
    AnyExcept(Vec<String>),
    /// Exactly these IDs.
    Only(Vec<String>),
}

impl Members {
    /// The members of one kind (users when `users`, else roles) of `set`, knowing every
    /// principal of the table (`universe`); `None` when the set has none of that kind.
    fn of_kind(set: &[TablePrincipal], universe: &[TablePrincipal], users: bool) -> Option<Self> {
        let other = if users {
            TablePrincipal::OtherUser
        } else {
            TablePrincipal::OtherRole
        };
        let of_kind = |principal: &&TablePrincipal| principal.is_user() == users;
        let ids = |principals: Vec<&TablePrincipal>| -> Vec<String> {
            principals
                .into_iter()
                .filter_map(TablePrincipal::id)
                .map(str::to_owned)
                .collect()
        };
        if set.contains(&other) {
            let members: HashSet<&TablePrincipal> = set.iter().collect();
            let excluded = ids(universe
                .iter()
                .filter(of_kind)
                .filter(|principal| !members.contains(principal))
                .collect());
            return Some(if excluded.is_empty() {
                Self::Any
            } else {
                Self::AnyExcept(excluded)
            });
        }
        let named = ids(set.iter().filter(of_kind).collect());
        (!named.is_empty()).then_some(Self::Only(named))
    }

    /// `any user`, `any user except `a``, `user `a`` or `users `a`, `b``, for `kind` (`user` or
    /// `role`).
    fn describe(&self, kind: &str) -> String {
        let quoted = |ids: &[String]| {
            ids.iter()
                .map(|id| format!("`{}`", printable(id)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Self::Any => format!("any {kind}"),
            Self::AnyExcept(ids) => format!("any {kind} except {}", quoted(ids)),
            Self::Only(ids) if ids.len() == 1 => format!("{kind} {}", quoted(ids)),
            Self::Only(ids) => format!("{kind}s {}", quoted(ids)),
        }
    }
}

/// The principals of a table row by kind, read as `any user except …` when the row holds the
/// "other" entry. Its `Display` is the text form the tables and the diff print.
///
/// ```
/// use workmail_policy::analysis::{Members, PrincipalSet, TablePrincipal};
/// let universe = [
///     TablePrincipal::UserId("a".into()),
///     TablePrincipal::UserId("b".into()),
///     TablePrincipal::OtherUser,
///     TablePrincipal::ImpersonationRoleId("r".into()),
/// ];
/// let set = PrincipalSet::of(&universe[1..], &universe);
/// assert_eq!(set.users, Some(Members::AnyExcept(vec!["a".into()])));
/// assert_eq!(set.to_string(), "any user except `a`; role `r`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrincipalSet {
    /// The users; `None` when the set has none.
    pub users: Option<Members>,
    /// The impersonation roles; `None` when the set has none.
    pub roles: Option<Members>,
}

impl PrincipalSet {
    /// The principals of `set`, knowing every principal the table names (`universe`).
    pub fn of(set: &[TablePrincipal], universe: &[TablePrincipal]) -> Self {
        Self {
            users: Members::of_kind(set, universe, true),
            roles: Members::of_kind(set, universe, false),
        }
    }
}

impl fmt::Display for PrincipalSet {
    /// `any user except `a`; role `r``, or `nobody`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = [("user", &self.users), ("role", &self.roles)]
            .into_iter()
            .filter_map(|(kind, members)| members.as_ref().map(|m| m.describe(kind)))
            .collect();
        if parts.is_empty() {
            f.write_str("nobody")
        } else {
            f.write_str(&parts.join("; "))
        }
    }
}

/// Every principal `rows` name, in first-seen order: the universe [`PrincipalSet::of`] needs.
pub(crate) fn principal_universe<'a>(
    rows: impl IntoIterator<Item = &'a [TablePrincipal]>,
) -> Vec<TablePrincipal> {
    let mut seen: HashSet<&TablePrincipal> = HashSet::new();
    rows.into_iter()
        .flatten()
        .filter(|principal| seen.insert(principal))
        .cloned()
        .collect()
}

/// `a, b` or `(none)`.
pub(crate) fn name_list(names: &[String]) -> String {
    if names.is_empty() {
        "(none)".to_owned()
    } else {
        names.join(", ")
    }
}

/// A Markdown table cell: pipes escaped, line breaks removed.
pub(crate) fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
pub(crate) fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// One CSV record ending with CRLF, as RFC 4180 writes it.
pub(crate) fn csv_record(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|field| csv_field(field))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// CSV for a terminal: the control characters inside `table`'s fields shown escaped (`\u{1b}`),
/// its record ends (CRLF) kept, so a document's identifiers cannot move the cursor or rewrite
/// the screen. CSV written to a file or a pipe is data and stays exact; both command lines use
/// this only when their standard output is a terminal.
///
/// ```
/// use workmail_policy::analysis::csv_for_terminal;
/// let table = "Principals\r\nUserId:a\u{1b}[2Kb\r\n";
/// assert_eq!(csv_for_terminal(table), "Principals\r\nUserId:a\\u{1b}[2Kb\r\n");
/// ```
pub fn csv_for_terminal(table: &str) -> String {
    table
        .split("\r\n")
        .map(printable)
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// A principal as a CSV token: `UserId:…`, `ImpersonationRoleId:…`, `OtherUser`, `OtherRole`.
pub(crate) fn principal_token(principal: &TablePrincipal) -> String {
    match principal {
        TablePrincipal::UserId(id) => format!("UserId:{id}"),
        TablePrincipal::ImpersonationRoleId(id) => format!("ImpersonationRoleId:{id}"),
        TablePrincipal::OtherUser => "OtherUser".to_owned(),
        TablePrincipal::OtherRole => "OtherRole".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_told_by_what_they_leave_out_only_when_that_is_shorter() {
        let without = |left_out: &[Action]| -> Vec<Action> {
            Action::ALL
                .into_iter()
                .filter(|action| !left_out.contains(action))
                .collect()
        };
        assert_eq!(
            describe_actions(&without(&[Action::Imap])),
            "any action except IMAP"
        );
        assert_eq!(
            describe_actions(&without(&[Action::Imap, Action::Smtp])),
            "any action except IMAP, SMTP"
        );
        // Three left out of seven: the four kept are listed, though they are more.
        assert_eq!(
            describe_actions(&without(&[Action::Imap, Action::Smtp, Action::Ews])),
            "ActiveSync, AutoDiscover, WindowsOutlook, WebMail"
        );
        assert_eq!(describe_actions(&[Action::Smtp]), "SMTP");
    }

    #[test]
    fn address_sets_pick_the_shorter_form() {
        let nets = |list: &[&str]| -> Vec<Ipv4Net> {
            list.iter().filter_map(|t| t.parse().ok()).collect()
        };
        let text = |list: &[Ipv4Net]| AddressSet::of(list).to_string();
        assert_eq!(AddressSet::of(&nets(&["0.0.0.0/0"])), AddressSet::Any);
        assert_eq!(text(&nets(&["0.0.0.0/0"])), "any IP");
        assert_eq!(AddressSet::of(&[]), AddressSet::Nothing);
        assert_eq!(text(&[]), "no IP");
        assert_eq!(text(&nets(&["10.0.0.0/8"])), "10.0.0.0/8");
        let outside = IpSet::from_nets(&nets(&["10.0.0.0/8"]))
            .complement()
            .to_nets();
        assert_eq!(outside.len(), 8);
        assert_eq!(text(&outside), "any IP except 10.0.0.0/8");
        // The edges of the space: half of it is one network either way, so it stays as given.
        assert_eq!(
            AddressSet::of(&nets(&["0.0.0.0/1"])),
            AddressSet::Only(nets(&["0.0.0.0/1"]))
        );
        // Two single addresses at the ends leave 62 networks between them.
        assert_eq!(
            AddressSet::of(&nets(&["0.0.0.0/32", "255.255.255.255/32"])),
            AddressSet::Only(nets(&["0.0.0.0/32", "255.255.255.255/32"]))
        );
    }

    #[test]
    fn principals_read_as_exceptions() {
        let universe = [
            TablePrincipal::UserId("a".into()),
            TablePrincipal::UserId("b".into()),
            TablePrincipal::OtherUser,
            TablePrincipal::ImpersonationRoleId("r".into()),
            TablePrincipal::OtherRole,
        ];
        let set = [
            TablePrincipal::UserId("b".into()),
            TablePrincipal::OtherUser,
        ];
        let text = |set: &[TablePrincipal]| PrincipalSet::of(set, &universe).to_string();
        assert_eq!(text(&set), "any user except `a`");
        assert_eq!(
            PrincipalSet::of(&set, &universe),
            PrincipalSet {
                users: Some(Members::AnyExcept(vec!["a".into()])),
                roles: None,
            }
        );
        let set = [
            TablePrincipal::UserId("a".into()),
            TablePrincipal::ImpersonationRoleId("r".into()),
        ];
        assert_eq!(text(&set), "user `a`; role `r`");
        assert_eq!(text(&universe), "any user; any role");
        assert_eq!(
            text(&[
                TablePrincipal::UserId("a".into()),
                TablePrincipal::UserId("b".into())
            ]),
            "users `a`, `b`"
        );
        assert_eq!(text(&[]), "nobody");
        assert_eq!(
            principal_universe([&set[..], &universe[..2]]),
            [
                TablePrincipal::UserId("a".into()),
                TablePrincipal::ImpersonationRoleId("r".into()),
                TablePrincipal::UserId("b".into()),
            ]
        );
    }

    #[test]
    fn actions_read_as_exceptions() {
        assert_eq!(describe_actions(&Action::ALL), "any action");
        let without_imap: Vec<Action> = Action::ALL
            .into_iter()
            .filter(|a| *a != Action::Imap)
            .collect();
        assert_eq!(describe_actions(&without_imap), "any action except IMAP");
        assert_eq!(describe_actions(&[Action::Ews]), "EWS");
    }

    #[test]
    fn terminal_csv_escapes_control_characters_inside_fields_only() {
        let table = "IpRanges,Principals\r\n0.0.0.0/0,\"UserId:a\u{1b}[2K\r\nb\u{7}\"\r\n";
        assert_eq!(
            csv_for_terminal(table),
            "IpRanges,Principals\r\n0.0.0.0/0,\"UserId:a\\u{1b}[2K\r\nb\\u{7}\"\r\n"
        );
        assert_eq!(csv_for_terminal("a,b\r\n"), "a,b\r\n");
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("a b"), "a b");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_record(&["x".into(), "y,z".into()]), "x,\"y,z\"\r\n");
    }
}
