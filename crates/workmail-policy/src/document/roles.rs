//! Impersonation roles pasted as several AWS CLI outputs one after another.
//!
//! `get-impersonation-role` prints one role, so the roles of an organization are gathered by
//! running it once per role and pasting the outputs one after another. Each output is loaded as
//! [`load`](super::load) loads it, and what it reports is located in the whole text.

use super::{
    DUPLICATE_ROLE_ID_HELP, DocumentKind, Loaded, duplicate_role_id, find, layout, load_parsed,
    repeats, role_path,
};
use crate::diagnostic::{Diagnostic, DocumentError};
use crate::json::{self, Position, SourceMap};
use crate::model::ImpersonationRole;
use crate::org::Organization;
use crate::shape::{Path, Severity};

/// The kinds of output that hold impersonation roles.
const ROLE_KINDS: [DocumentKind; 3] = [
    DocumentKind::GetImpersonationRole,
    DocumentKind::ImpersonationRoleArray,
    DocumentKind::ListImpersonationRoles,
];

/// Loads impersonation roles pasted as one or more outputs one after another, with or without
/// white space between them: `get-impersonation-role` outputs, JSON arrays of them, or
/// `list-impersonation-roles` output. Diagnostics point into the whole text; a role ID an
/// earlier role already has is a `duplicate-role-id` error, and an output that holds no roles
/// (`list-users` output, say) a `wrong-kind` error. One output loads as [`load`](super::load)
/// loads it, with its kind; several give [`DocumentKind::ImpersonationRoleArray`].
///
/// ```
/// use workmail_policy::document::{DocumentKind, load_roles};
/// let role = |id: &str| {
///     format!(r#"{{"ImpersonationRoleId": "{id}", "Name": "n", "Type": "READ_ONLY", "Rules": []}}"#)
/// };
/// let loaded = load_roles(&format!("{}\n{}", role("r1"), role("r2")))?;
/// assert_eq!(loaded.organization.impersonation_roles().len(), 2);
/// assert_eq!(loaded.kind, DocumentKind::ImpersonationRoleArray);
///
/// let error = load_roles(&format!("{}\n{}", role("r1"), role("r1"))).unwrap_err();
/// let duplicate = &error.diagnostics[0];
/// assert_eq!(duplicate.code, "duplicate-role-id");
/// assert_eq!((duplicate.line, duplicate.column), (2, 25));
/// # Ok::<(), workmail_policy::DocumentError>(())
/// ```
///
/// # Errors
/// Every error and warning found, when there is at least one error. Nothing is loaded then.
pub fn load_roles(text: &str) -> Result<Loaded, DocumentError> {
    let whole = SourceMap::new(text);
    let mut pieces = split_values(text);
    if pieces.is_empty() {
        // Nothing but white space: the loader says what a document needs.
        pieces.push((0, text));
    }
    let mut diagnostics = Vec::new();
    let mut kinds = Vec::new();
    // Each role with the path and the offset in the whole text of its ID.
    let mut roles: Vec<(Path, usize, ImpersonationRole)> = Vec::new();
    for (start, piece) in pieces {
        let parsed = match json::parse(piece) {
            Ok(parsed) => parsed,
            Err(error) => {
                let source = SourceMap::new(piece);
                let located = DocumentError::from(error).diagnostics.into_iter();
                diagnostics.extend(located.map(|d| relocate(d, &source, start, &whole)));
                continue;
            }
        };
        let locate = |d: Diagnostic| relocate(d, &parsed.source, start, &whole);
        match load_parsed(&parsed) {
            Err(error) => diagnostics.extend(error.diagnostics.into_iter().map(locate)),
            Ok(loaded) if !ROLE_KINDS.contains(&loaded.kind) => {
                diagnostics.push(wrong_kind(loaded.kind, whole.position(start)));
            }
            Ok(loaded) => {
                diagnostics.extend(loaded.warnings.into_iter().map(locate));
                let layout = layout(loaded.kind);
                for (at, role) in loaded.organization.roles.into_iter().enumerate() {
                    let path = role_path(&layout, at).member("ImpersonationRoleId");
                    let offset = find(&parsed.root, &path).map_or(0, json::start_of);
                    roles.push((path, start + offset, role));
                }
                kinds.push(loaded.kind);
            }
        }
    }
    for at in repeats(&roles, |(_, _, role)| &role.impersonation_role_id) {
        let Some((path, offset, role)) = roles.get(at) else {
            continue;
        };
        let message = duplicate_role_id(&role.impersonation_role_id);
        let position = whole.position(*offset);
        diagnostics.push(
            Diagnostic::new(
                "duplicate-role-id",
                Severity::Error,
                path,
                position,
                message,
            )
            .with_help(DUPLICATE_ROLE_ID_HELP),
        );
    }
    crate::sort::sort_by_key(&mut diagnostics, |d| (d.line, d.column));
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(DocumentError { diagnostics });
    }
    let organization = Organization {
        roles: roles.into_iter().map(|(_, _, role)| role).collect(),
        ..Organization::default()
    };
    let kind = match kinds.as_slice() {
        [kind] => *kind,
        _ => DocumentKind::ImpersonationRoleArray,
    };
    Ok(Loaded {
        organization,
        kind,
        warnings: diagnostics,
    })
}

/// The `wrong-kind` error for an output at `at` that holds no roles.
fn wrong_kind(kind: DocumentKind, at: Position) -> Diagnostic {
    let message = format!(
        "this is {}, not `aws workmail get-impersonation-role` output",
        kind.describe()
    );
    Diagnostic::new("wrong-kind", Severity::Error, &Path::root(), at, message)
        .with_help("paste only roles here: `get-impersonation-role` output, once per role")
}

/// Moves a diagnostic of the output that starts at byte `start` of the whole text (`source`
/// maps the output, `whole` the whole text) to its line and column in the whole text.
fn relocate(
    mut diagnostic: Diagnostic,
    source: &SourceMap<'_>,
    start: usize,
    whole: &SourceMap<'_>,
) -> Diagnostic {
    let offset = source.offset(Position {
        line: diagnostic.line,
        column: diagnostic.column,
    });
    let at = whole.position(start.saturating_add(offset));
    diagnostic.line = at.line;
    diagnostic.column = at.column;
    diagnostic
}

/// Where each top-level JSON value of `text` starts (byte offset) and its text: one per pasted
/// output. Brackets inside strings do not count; text that is not JSON stays in one piece from
/// where it starts, so the loader can say what is wrong with it.
fn split_values(text: &str) -> Vec<(usize, &str)> {
    let mut pieces = Vec::new();
    let mut start = None;
    let mut depth = 0_usize;
    let mut in_string = false;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        let Some(from) = start else {
            if !c.is_whitespace() {
                start = Some(at);
                if c == '{' || c == '[' {
                    depth = 1;
                } else if c == '"' {
                    in_string = true;
                }
            }
            continue;
        };
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let end = at + c.len_utf8();
                    pieces.push((from, text.get(from..end).unwrap_or_default()));
                    start = None;
                }
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        pieces.push((from, text.get(from..).unwrap_or_default()));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLE: &str = r#"{
    "ImpersonationRoleId": "r1",
    "Name": "one",
    "Type": "READ_ONLY",
    "Rules": []
}"#;

    fn diagnostics(text: &str) -> Vec<(&'static str, String, u32, u32)> {
        super::super::tests::located(load_roles(text))
    }

    #[test]
    fn one_output_loads_as_the_loader_loads_it() {
        let loaded = load_roles(ROLE).ok();
        assert_eq!(
            loaded.as_ref().map(|l| l.kind),
            Some(DocumentKind::GetImpersonationRole)
        );
        assert_eq!(
            loaded.map(|l| l.organization.impersonation_roles().len()),
            Some(1)
        );
        assert_eq!(
            load_roles("  ").err(),
            super::super::load("  ").err(),
            "white space alone is what the loader says it is"
        );
    }

    #[test]
    fn outputs_one_after_another_are_all_read() {
        let text = format!(
            "{ROLE}\n\n{}\n[{}]",
            ROLE.replace("r1", "r2"),
            ROLE.replace("r1", "r3")
        );
        let loaded = load_roles(&text).ok();
        let ids: Vec<String> = loaded
            .iter()
            .flat_map(|l| l.organization.impersonation_roles())
            .map(|role| role.impersonation_role_id.clone())
            .collect();
        assert_eq!(ids, ["r1", "r2", "r3"]);
    }

    #[test]
    fn diagnostics_of_a_later_output_point_into_the_whole_text() {
        let text = format!("{ROLE}\n{}", ROLE.replace("READ_ONLY", "SOMETIMES"));
        // The second output starts on line 7; its `Type` value is on its line 4, column 13.
        assert_eq!(diagnostics(&text), [("enum", "Type".to_owned(), 10, 13)]);
        let text = format!("{ROLE} {{\"Rules\": [");
        assert_eq!(diagnostics(&text)[0].0, "syntax");
        assert_eq!(diagnostics(&text)[0].2, 6);
    }

    #[test]
    fn brackets_inside_a_stray_string_do_not_split_the_text() {
        // The string and the role after it are one piece of text, which is not JSON: the error
        // is where the string ends, not in a piece cut at the string's `}`.
        let text = format!("\"}}\" {ROLE}");
        assert_eq!(split_values(&text), [(0, text.as_str())]);
        let found = diagnostics(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].2, found[0].3), ("syntax", 1, 5));
    }

    #[test]
    fn the_same_role_id_twice_is_an_error_at_the_copy() {
        let text = format!("{ROLE}[{ROLE}]");
        assert_eq!(
            diagnostics(&text),
            [(
                "duplicate-role-id",
                "[0].ImpersonationRoleId".to_owned(),
                7,
                28
            )]
        );
    }

    #[test]
    fn an_output_without_roles_is_named() {
        let text = format!("{ROLE}\n{{\"Users\": []}}");
        let found = load_roles(&text).err().map(|e| e.diagnostics);
        let found = found.as_deref().unwrap_or_default();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "wrong-kind");
        assert_eq!((found[0].line, found[0].column), (7, 1));
        assert!(
            found[0].message.contains("list-users"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn split_values_ignores_brackets_in_strings() {
        let text = r#" {"a": "}{"} [1, "]"] tail"#;
        let pieces: Vec<(usize, &str)> = split_values(text);
        assert_eq!(
            pieces,
            [(1, r#"{"a": "}{"}"#), (13, r#"[1, "]"]"#), (22, "tail")]
        );
    }
}
