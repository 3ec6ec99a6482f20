//! A large document's directory read a part at a time, for a face that must not be busy for
//! long at once (the playground's page, which draws between parts).
//!
//! A directory is most of a large document: `list-users` output for 100,000 users is about
//! 30 MiB, and reading it is most of loading it. A face that has already loaded the text
//! elsewhere (the playground's loader, a web worker) knows that it loads; [`load_cut`] also
//! gives it a [`UsersCut`], where the `Users` array's elements are, grouped into parts of about
//! a given size. The face then builds the same organization in steps with an [`Assembly`]:
//! the document without its users first, then each part of the directory, read and indexed,
//! then the whole. Every step takes time in proportion to the part it reads.
//!
//! The organization an assembly builds is the one [`super::load`] builds from the whole text
//! (the tests check it on every kind of document); its warnings are those [`load_cut`] found,
//! which the face keeps from that load.

use std::ops::Range;

use serde::de::value::SeqDeserializer;
use serde::{Deserialize, Serialize};

use super::{DocumentKind, Loaded, find, layout, load, load_keeping, unparsed};
use crate::diagnostic::{CappedError, Diagnostic, DocumentError};
use crate::directory::DirectoryIndex;
use crate::json;
use crate::model::User;
use crate::org::Organization;
use crate::shape::{Path, Severity};

/// Where a document's directory is in its text: the `Users` array, and its elements grouped
/// into consecutive parts (byte ranges of the text, each from the start of its first element
/// to the end of its last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UsersCut {
    /// The `Users` array, from its `[` to its `]`.
    pub array: Range<usize>,
    /// The parts, in order; together they hold every element.
    pub parts: Vec<Range<usize>>,
}

/// What [`load_cut`] found in a text that loads.
#[derive(Debug, Clone)]
pub struct CutLoad {
    /// The document, with its first `shown` warnings (see [`super::load_capped`]).
    pub loaded: Loaded,
    /// How many warnings were found past those.
    pub hidden_warnings: usize,
    /// Where its users are, when it has a non-empty `Users` list.
    pub users: Option<UsersCut>,
}

/// [`super::load_capped`], and where the loaded document's users are: its elements grouped
/// into parts of at most `part_bytes` bytes each (a single larger element is a part of its
/// own).
///
/// # Errors
/// The first `shown` errors and warnings, and a count of the others, when there is at least
/// one error.
pub fn load_cut(text: &str, shown: usize, part_bytes: usize) -> Result<CutLoad, CappedError> {
    let parsed = json::parse(text).map_err(|error| unparsed(&error, shown))?;
    let (loaded, hidden) = load_keeping(&parsed, shown)?;
    let users = layout(loaded.kind)
        .users
        .and_then(|path| find(&parsed.root, &path))
        .and_then(|node| cut(node, part_bytes));
    Ok(CutLoad {
        loaded,
        hidden_warnings: hidden.warnings,
        users,
    })
}

/// The cut of a `Users` array, unless it is empty.
fn cut(node: &jsonc_parser::ast::Value<'_>, part_bytes: usize) -> Option<UsersCut> {
    let array = node.as_array()?;
    let mut parts: Vec<Range<usize>> = Vec::new();
    for element in &array.elements {
        let range = json::range_of(element);
        match parts.last_mut() {
            Some(part) if range.end.saturating_sub(part.start) <= part_bytes => {
                part.end = range.end;
            }
            _ => parts.push(range),
        }
    }
    (!parts.is_empty()).then_some(UsersCut {
        array: array.range.start..array.range.end,
        parts,
    })
}

/// An organization being built from a text that loads, a part of its directory at a time.
///
/// ```
/// use workmail_policy::document::{load, load_cut, Assembly};
///
/// let users: Vec<String> = (0..1000)
///     .map(|at| format!(r#"{{"Id": "S-1-1-11-{at:010}", "Email": "user{at}@example.com"}}"#))
///     .collect();
/// let text = format!(r#"{{"Users": [{}]}}"#, users.join(",\n"));
/// // Where the loader found the users, in parts of at most 4 KiB.
/// let cut = load_cut(&text, 50, 4096).unwrap().users.unwrap();
/// assert!(cut.parts.len() > 10);
///
/// let mut assembly = Assembly::start(&text, cut).unwrap();
/// while assembly.read_part(&text).unwrap() {}
/// let organization = assembly.finish();
/// assert_eq!(organization.users(), load(&text).unwrap().organization.users());
/// assert!(organization.directory().resolve("USER999@example.com").is_some());
/// ```
#[derive(Debug)]
pub struct Assembly {
    /// The document without its users (its `Users` list empty).
    organization: Organization,
    /// What kind of document it is.
    kind: DocumentKind,
    /// The users read so far, and their index.
    users: Vec<User>,
    index: DirectoryIndex,
    /// Where the users are, and how many parts have been read.
    cut: UsersCut,
    read: usize,
}

impl Assembly {
    /// Loads `text` without its users: the first step, in time proportional to the rest of
    /// the document. `text` and `cut` are those [`load_cut`] loaded and returned.
    ///
    /// # Errors
    /// The diagnostics of the document without its users, when it does not load: never for a
    /// text and cut that [`load_cut`] loaded and returned.
    pub fn start(text: &str, cut: UsersCut) -> Result<Self, DocumentError> {
        let mut rest = String::with_capacity(text.len().saturating_sub(cut.array.len()) + 2);
        rest.push_str(part(text, 0..cut.array.start)?);
        rest.push_str("[]");
        rest.push_str(part(text, cut.array.end..text.len())?);
        let Loaded {
            organization, kind, ..
        } = load(&rest)?;
        Ok(Self {
            organization,
            kind,
            users: Vec::new(),
            index: DirectoryIndex::default(),
            cut,
            read: 0,
        })
    }

    /// What kind of document it is.
    pub const fn kind(&self) -> DocumentKind {
        self.kind
    }

    /// How many parts of the directory have been read, and how many there are.
    pub fn progress(&self) -> (usize, usize) {
        (self.read, self.cut.parts.len())
    }

    /// How many users have been read.
    pub fn users_read(&self) -> usize {
        self.users.len()
    }

    /// Reads the next part of the directory from `text` and indexes its users; returns whether
    /// a part remains.
    ///
    /// # Errors
    /// Why the part cannot be read (never for the text and cut [`load_cut`] returned).
    pub fn read_part(&mut self, text: &str) -> Result<bool, DocumentError> {
        let Some(range) = self.cut.parts.get(self.read).cloned() else {
            return Ok(false);
        };
        let elements = part(text, range)?;
        let mut wrapped = String::with_capacity(elements.len() + 2);
        wrapped.push('[');
        wrapped.push_str(elements);
        wrapped.push(']');
        let parsed = json::parse(&wrapped).map_err(|error| DocumentError {
            diagnostics: vec![Diagnostic::from_syntax(&error)],
        })?;
        let nodes = parsed
            .root
            .as_array()
            .map_or(&[][..], |array| array.elements.as_slice());
        let users =
            Vec::<User>::deserialize(SeqDeserializer::new(nodes.iter().map(json::object_members)))
                .map_err(|error| unreadable(&format!("cannot be read: {error}")))?;
        self.index.add(&users, self.users.len());
        self.users.extend(users);
        self.read += 1;
        Ok(self.read < self.cut.parts.len())
    }

    /// The organization, with the users read.
    pub fn finish(self) -> Organization {
        let mut organization = self.organization;
        organization.users = Some(self.users);
        organization.directory_index = self.index;
        organization
    }
}

/// `text[range]`, or the error of a cut that does not fit the text.
fn part(text: &str, range: Range<usize>) -> Result<&str, DocumentError> {
    text.get(range.clone()).ok_or_else(|| {
        unreadable(&format!(
            "bytes {}..{} are not a part of this {}-byte text",
            range.start,
            range.end,
            text.len()
        ))
    })
}

fn unreadable(message: &str) -> DocumentError {
    DocumentError {
        diagnostics: vec![Diagnostic::new(
            "invalid",
            Severity::Error,
            &Path::root().member("Users"),
            json::Position { line: 1, column: 1 },
            message,
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that the organization an assembly of `text` builds, in parts of every size from
    /// one user each to the whole directory at once, is the one [`load`] builds.
    fn assembles_as_loaded(text: &str) {
        let whole = load(text).unwrap_or_else(|error| panic!("{error}\n{text}"));
        for part_bytes in [0, 1, 100, 4096, usize::MAX] {
            let found = load_cut(text, 50, part_bytes).unwrap();
            assert_eq!(found.loaded.kind, whole.kind);
            assert_eq!(found.loaded.warnings, whole.warnings);
            assert_eq!(found.hidden_warnings, 0);
            let Some(cut) = found.users else {
                assert!(whole.organization.users().is_none_or(<[User]>::is_empty));
                continue;
            };
            let count = whole.organization.users().map_or(0, <[User]>::len);
            if part_bytes <= 1 {
                assert_eq!(cut.parts.len(), count, "one user per part");
            }
            let mut assembly = Assembly::start(text, cut.clone()).unwrap();
            assert_eq!(assembly.kind(), whole.kind);
            let mut steps = 0;
            while assembly.read_part(text).unwrap() {
                steps += 1;
                assert_eq!(assembly.progress(), (steps, cut.parts.len()));
            }
            assert_eq!(assembly.progress(), (cut.parts.len(), cut.parts.len()));
            assert_eq!(assembly.users_read(), count);
            assert!(
                !assembly.read_part(text).unwrap(),
                "nothing is left to read"
            );
            same_organization(&assembly.finish(), &whole.organization);
        }
    }

    fn same_organization(built: &Organization, loaded: &Organization) {
        assert_eq!(built.id, loaded.id);
        assert_eq!(built.users, loaded.users);
        assert_eq!(built.directory_index, loaded.directory_index);
        assert_eq!(built.rules, loaded.rules);
        assert_eq!(built.roles, loaded.roles);
        assert_eq!(built.mobile_rules, loaded.mobile_rules);
        assert_eq!(built.mobile_overrides, loaded.mobile_overrides);
        assert_eq!(built.emulator, loaded.emulator);
    }

    fn user(at: usize) -> String {
        format!(
            r#"{{
            "Id": "S-1-1-11-1111111111-2222222222-3333333333-{at:07}",
            "Email": "User{at}@Example.com",
            "Name": "user{at}",
            "DisplayName": "Ünïcode {at} \u00e9",
            "State": "ENABLED",
            "UserRole": "USER",
            "EnabledDate": 1581635628.0
        }}"#
        )
    }

    #[test]
    fn every_document_of_the_corpus_assembles_as_it_loads() {
        let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases");
        let mut documents = 0;
        for entry in std::fs::read_dir(cases).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|extension| extension != "json") {
                continue;
            }
            let case: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            if let Some(document) = case.get("Document") {
                assembles_as_loaded(&serde_json::to_string_pretty(document).unwrap());
                documents += 1;
            }
        }
        assert!(documents >= 10, "only {documents} documents");
    }

    #[test]
    fn a_directory_assembles_with_what_refers_to_it() {
        // Every kind of input that holds users, with what depends on the directory: shared
        // emails and names (the first user keeps them), rules and roles naming users, overrides
        // of users, unknown members (warnings), and the members after `Users`.
        let mut users: Vec<String> = (0..300).map(user).collect();
        users.push(
            r#"{"Id": "S-1-1-11-0000000000-0000000000-0000000000-9999999", "Email": "user7@example.com", "Name": "USER8", "Extra": [1, {"a": []}]}"#
                .to_owned(),
        );
        let users = users.join(",\n        ");
        let list_users =
            format!(r#"{{"Users": [{users}], "ResponseMetadata": {{"HTTPStatusCode": 200}}}}"#);
        assembles_as_loaded(&list_users);
        let organization = format!(
            r#"{{
    "OrganizationId": "m-0123456789abcdef0123456789abcdef",
    "Users"  :  [ {users} ],
    "AccessControlRules": [
        {{"Name": "deny-some", "Effect": "DENY", "UserIds": ["S-1-1-11-1111111111-2222222222-3333333333-0000007", "S-1-1-11-404"]}},
        {{"Name": "default", "Effect": "ALLOW"}}
    ],
    "ImpersonationRoles": [{{
        "ImpersonationRoleId": "10000000-0000-0000-0000-000000000001", "Name": "archiver", "Type": "READ_ONLY",
        "Rules": [{{"ImpersonationRuleId": "r1", "Effect": "ALLOW", "TargetUsers": ["user5", "nobody@example.com"]}}]
    }}],
    "MobileDeviceAccessOverrides": [{{"UserId": "user9@example.com", "DeviceId": "device1", "Effect": "DENY"}}]
}}"#
        );
        assembles_as_loaded(&organization);
        let loaded = load(&organization).unwrap();
        assert!(
            loaded
                .warnings
                .iter()
                .any(|warning| warning.code == "unknown-target-user"),
            "{:?}",
            loaded.warnings
        );
        let directory = loaded.organization.directory();
        let shared = directory.resolve("USER7@example.com").unwrap();
        assert_eq!(
            shared.user.name.as_deref(),
            Some("user7"),
            "the first user keeps it"
        );
    }

    #[test]
    fn a_document_without_users_has_no_cut() {
        for text in [
            r#"{"Users": []}"#,
            r#"{"AccessControlRules": []}"#,
            r#"{"Rules": []}"#,
            r#"{"OrganizationId": "m-0123456789abcdef0123456789abcdef", "Users": []}"#,
        ] {
            assert_eq!(load_cut(text, 50, 1).unwrap().users, None, "{text}");
            assembles_as_loaded(text);
        }
    }

    #[test]
    fn parts_hold_every_element_in_order_and_stay_within_their_size() {
        // Forty users of one length.
        let users: Vec<String> = (10..50).map(user).collect();
        let text = format!("{{\"Users\": [\n{}\n]}}", users.join(" ,\n"));
        let size = users.first().map_or(0, String::len);
        let cut = load_cut(&text, 50, 3 * size + 10).unwrap().users.unwrap();
        assert_eq!(
            text.get(cut.array.clone())
                .map(|array| array.starts_with('[')),
            Some(true)
        );
        assert!(text.get(cut.array.clone()).unwrap().ends_with(']'));
        // Three users, and the two separators between them, fit in a part; four do not.
        assert_eq!(cut.parts.len(), 14);
        let elements: Vec<&str> = cut
            .parts
            .iter()
            .flat_map(|part| text.get(part.clone()).unwrap().split(" ,\n"))
            .collect();
        assert_eq!(elements, users);
        for pair in cut.parts.windows(2) {
            assert!(pair[0].end < pair[1].start);
        }
    }

    #[test]
    fn a_text_that_does_not_load_is_refused_with_its_first_diagnostics() {
        let error = load_cut(r#"{"Users": [{"Id": 5}, {"Id": 6}]}"#, 1, 100).unwrap_err();
        assert_eq!(error.shown.len(), 1);
        assert_eq!(error.shown[0].path, "Users[0].Id");
        assert_eq!(error.total(), 2);
        let syntax = load_cut("{\"Users\": [", 0, 100).unwrap_err();
        assert_eq!((syntax.shown.len(), syntax.total()), (0, 1));
    }

    #[test]
    fn warnings_past_those_shown_are_counted() {
        let users: Vec<String> = (0..5)
            .map(|at| format!(r#"{{"Id": "S-1-1-11-{at:04}", "Odd": 1}}"#))
            .collect();
        let text = format!(r#"{{"Users": [{}]}}"#, users.join(","));
        let found = load_cut(&text, 2, 100).unwrap();
        assert_eq!(found.loaded.warnings.len(), 2);
        assert_eq!(found.hidden_warnings, 3);
        assert_eq!(found.loaded.warnings, load(&text).unwrap().warnings[..2]);
    }

    #[test]
    fn a_cut_that_does_not_fit_the_text_is_an_error_not_a_panic() {
        let text = r#"{"Users": [{"Id": "S-1-1-11-0001"}]}"#;
        let cut = load_cut(text, 50, 100).unwrap().users.unwrap();
        let short = &text[..20];
        let error = Assembly::start(short, cut.clone()).unwrap_err();
        assert!(
            error.diagnostics[0]
                .message
                .contains("not a part of this 20-byte text")
        );
        let mut assembly = Assembly::start(text, cut.clone()).unwrap();
        let error = assembly.read_part(short).unwrap_err();
        assert_eq!(error.diagnostics[0].path, "Users");
        // A part that is not a list of users.
        let moved = UsersCut {
            array: cut.array.clone(),
            parts: vec![Range { start: 1, end: 9 }],
        };
        let mut assembly = Assembly::start(text, moved).unwrap();
        assert!(assembly.read_part(text).is_err());
        assert_eq!(
            assembly.progress(),
            (0, 1),
            "a part that fails is not counted"
        );
    }
}
