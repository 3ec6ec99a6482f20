//! Compact text for sets of addresses, actions and principals, and the Markdown and CSV cell
//! syntax shared by the tables.

use ipnet::Ipv4Net;
use serde::Serializer;
use serde::ser::SerializeSeq;

use super::space::{IpSet, TablePrincipal};
use crate::model::Action;
use crate::shape::printable;

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

/// `any IP`, `any IP except 10.0.0.0/8`, or the networks, whichever is shortest.
pub(crate) fn describe_nets(nets: &[Ipv4Net]) -> String {
    let set = IpSet::from_nets(nets);
    if set.is_all() {
        return "any IP".to_owned();
    }
    if set.is_empty() {
        return "no IP".to_owned();
    }
    let outside = set.complement().to_nets();
    if outside.len() < nets.len() {
        format!("any IP except {}", join(outside))
    } else {
        join(nets)
    }
}

/// `any action`, `any action except IMAP`, or the actions.
pub(crate) fn describe_actions(actions: &[Action]) -> String {
    let missing: Vec<Action> = Action::ALL
        .into_iter()
        .filter(|action| !actions.contains(action))
        .collect();
    if missing.is_empty() {
        "any action".to_owned()
    } else if missing.len() < actions.len() && missing.len() <= 2 {
        format!("any action except {}", join(missing))
    } else {
        join(actions)
    }
}

/// The users or roles of `set`, as `any user except …` when it holds the "other" entry.
fn describe_kind(
    set: &[TablePrincipal],
    universe: &[TablePrincipal],
    users: bool,
) -> Option<String> {
    let (kind, plural, other) = if users {
        ("user", "users", TablePrincipal::OtherUser)
    } else {
        ("role", "roles", TablePrincipal::OtherRole)
    };
    let id = |principal: &TablePrincipal| match principal {
        TablePrincipal::UserId(id) | TablePrincipal::ImpersonationRoleId(id) => {
            Some(format!("`{}`", crate::shape::printable(id)))
        }
        TablePrincipal::OtherUser | TablePrincipal::OtherRole => None,
    };
    let of_kind = |p: &&TablePrincipal| p.is_user() == users;
    let named: Vec<String> = set.iter().filter(of_kind).filter_map(id).collect();
    if set.contains(&other) {
        let excluded: Vec<String> = universe
            .iter()
            .filter(of_kind)
            .filter(|p| !set.contains(p))
            .filter_map(id)
            .collect();
        Some(if excluded.is_empty() {
            format!("any {kind}")
        } else {
            format!("any {kind} except {}", excluded.join(", "))
        })
    } else if named.is_empty() {
        None
    } else if named.len() == 1 {
        Some(format!("{kind} {}", named.join(", ")))
    } else {
        Some(format!("{plural} {}", named.join(", ")))
    }
}

/// The principals of `set`, compactly, knowing every principal of the table (`universe`).
pub(crate) fn describe_principals(set: &[TablePrincipal], universe: &[TablePrincipal]) -> String {
    let parts: Vec<String> = [true, false]
        .into_iter()
        .filter_map(|users| describe_kind(set, universe, users))
        .collect();
    if parts.is_empty() {
        "nobody".to_owned()
    } else {
        parts.join("; ")
    }
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
    fn address_sets_pick_the_shorter_form() {
        let nets = |list: &[&str]| -> Vec<Ipv4Net> {
            list.iter().filter_map(|t| t.parse().ok()).collect()
        };
        assert_eq!(describe_nets(&nets(&["0.0.0.0/0"])), "any IP");
        assert_eq!(describe_nets(&nets(&["10.0.0.0/8"])), "10.0.0.0/8");
        let outside = IpSet::from_nets(&nets(&["10.0.0.0/8"]))
            .complement()
            .to_nets();
        assert_eq!(describe_nets(&outside), "any IP except 10.0.0.0/8");
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
        assert_eq!(describe_principals(&set, &universe), "any user except `a`");
        let set = [
            TablePrincipal::UserId("a".into()),
            TablePrincipal::ImpersonationRoleId("r".into()),
        ];
        assert_eq!(describe_principals(&set, &universe), "user `a`; role `r`");
        assert_eq!(
            describe_principals(&universe, &universe),
            "any user; any role"
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
