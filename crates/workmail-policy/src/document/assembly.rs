//! A large document read a part at a time, for a face that must not be busy for long at once
//! (the playground's page, which draws between parts).
//!
//! A large document is mostly long lists: `list-users` output for 100,000 users is about
//! 30 MiB, and a document may hold far more rules than WorkMail allows (a warning). A face that
//! has already loaded the text elsewhere (the playground's loader, a web worker) knows that it
//! loads; [`load_cut`] also gives it a [`Cut`]: where the elements of each of its lists are,
//! grouped into parts of about a given size. The face then builds the same organization in
//! steps with an [`Assembly`]: the document without those elements first, then each part,
//! read (and, for users, indexed), then the whole. Every step takes time in proportion to the
//! part it reads.
//!
//! The organization an assembly builds is the one [`super::load`] builds from the whole text
//! (the tests check it on every kind of document); its warnings are those [`load_cut`] found,
//! which the face keeps from that load.

use std::ops::Range;

use serde::de::DeserializeOwned;
use serde::de::value::SeqDeserializer;
use serde::{Deserialize, Serialize};

use super::{DocumentKind, Loaded, find, layout, load, load_keeping, unparsed};
use crate::diagnostic::{CappedError, Diagnostic, DocumentError};
use crate::directory::DirectoryIndex;
use crate::json;
use crate::model::User;
use crate::org::{Organization, RulesRevision};
use crate::shape::{Path, Severity};

/// A list of a document that an assembly reads in parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum List {
    /// The directory (`Users`).
    Users,
    /// The access control rules (`AccessControlRules`, or `Rules` of
    /// `list-access-control-rules`).
    AccessControlRules,
    /// The impersonation roles of an organization document (`ImpersonationRoles`).
    ImpersonationRoles,
    /// The mobile device access rules (`MobileDeviceAccessRules`, or `Rules` of
    /// `list-mobile-device-access-rules`).
    MobileDeviceAccessRules,
    /// The mobile device access overrides (`MobileDeviceAccessOverrides`, or `Overrides`).
    MobileDeviceAccessOverrides,
}

/// Where one list's elements after its first are in the text, grouped into consecutive parts
/// (byte ranges of the text, each from the start of its first element to the end of its last).
/// The first element stays with the rest of the document, which is then recognised as the
/// whole is (a `Rules` list is told apart by its first element).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListCut {
    /// Which list it is.
    pub list: List,
    /// What the rest of the document leaves out: from the end of the first element to the end
    /// of the last.
    pub left_out: Range<usize>,
    /// The parts, in order; together they hold every element after the first.
    pub parts: Vec<Range<usize>>,
    /// How many elements the parts hold: an assembly makes room for them all at once (growing
    /// a directory of 500,000 users a part at a time copied it, and rehashed its index, in
    /// single steps of about 0.3 s in the playground).
    pub elements: usize,
}

/// Where a document's lists are in its text: each list with more than one element, in text
/// order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Cut {
    /// The lists.
    pub lists: Vec<ListCut>,
}

impl Cut {
    /// How many parts there are in all.
    pub fn parts(&self) -> usize {
        self.lists.iter().map(|list| list.parts.len()).sum()
    }
}

/// What [`load_cut`] found in a text that loads.
#[derive(Debug, Clone)]
pub struct CutLoad {
    /// The document, with its first `shown` warnings (see [`super::load_capped`]).
    pub loaded: Loaded,
    /// How many warnings were found past those.
    pub hidden_warnings: usize,
    /// Where its lists are, when it has a list with elements that an assembly reads in parts.
    pub cut: Option<Cut>,
}

/// [`super::load_capped`], and where the loaded document's lists are: the elements of each
/// grouped into parts of at most `part_bytes` bytes (a single larger element is a part of its
/// own). The lists read in parts are the directory, the access control rules, an organization
/// document's impersonation roles, and the mobile device access rules and overrides; the other
/// outputs' roles (a role, an array or list of roles) are read with the rest of the document.
///
/// # Errors
/// The first `shown` errors and warnings, and a count of the others, when there is at least
/// one error.
pub fn load_cut(text: &str, shown: usize, part_bytes: usize) -> Result<CutLoad, CappedError> {
    let parsed = json::parse(text).map_err(|error| unparsed(&error, shown))?;
    let (loaded, hidden) = load_keeping(&parsed, shown)?;
    let layout = layout(loaded.kind);
    let roles = layout.roles.filter(|path| *path != Path::root());
    let mut lists: Vec<ListCut> = [
        (List::Users, layout.users),
        (List::AccessControlRules, layout.rules),
        (List::ImpersonationRoles, roles),
        (List::MobileDeviceAccessRules, layout.mobile_rules),
        (List::MobileDeviceAccessOverrides, layout.mobile_overrides),
    ]
    .into_iter()
    .filter_map(|(list, path)| {
        let node = find(&parsed.root, &path?)?;
        cut(list, node, part_bytes)
    })
    .collect();
    crate::sort::sort_by_key(&mut lists, |list| list.left_out.start);
    Ok(CutLoad {
        loaded,
        hidden_warnings: hidden.warnings,
        cut: (!lists.is_empty()).then_some(Cut { lists }),
    })
}

/// The cut of one list's array, unless it has one element or none.
fn cut(list: List, node: &jsonc_parser::ast::Value<'_>, part_bytes: usize) -> Option<ListCut> {
    let (first, others) = node.as_array()?.elements.split_first()?;
    let mut parts: Vec<Range<usize>> = Vec::new();
    for element in others {
        let range = json::range_of(element);
        match parts.last_mut() {
            Some(part) if range.end.saturating_sub(part.start) <= part_bytes => {
                part.end = range.end;
            }
            _ => parts.push(range),
        }
    }
    let end = parts.last()?.end;
    Some(ListCut {
        list,
        left_out: json::range_of(first).end..end,
        parts,
        elements: others.len(),
    })
}

/// An organization being built from a text that loads, a part of its lists at a time.
///
/// ```
/// use workmail_policy::document::{load, load_cut, Assembly};
///
/// let users: Vec<String> = (0..1000)
///     .map(|at| format!(r#"{{"Id": "S-1-1-11-{at:010}", "Email": "user{at}@example.com"}}"#))
///     .collect();
/// let text = format!(r#"{{"Users": [{}]}}"#, users.join(",\n"));
/// // Where the loader found the users, in parts of at most 4 KiB.
/// let cut = load_cut(&text, 50, 4096).unwrap().cut.unwrap();
/// assert!(cut.parts() > 10);
///
/// let mut assembly = Assembly::start(&text, cut).unwrap();
/// while assembly.read_part(&text).unwrap() {}
/// let organization = assembly.finish();
/// assert_eq!(organization, load(&text).unwrap().organization);
/// assert!(organization.directory().resolve("USER999@example.com").is_some());
/// ```
#[derive(Debug)]
pub struct Assembly {
    /// The document without the cut lists' elements after their first, then with the elements
    /// read so far.
    organization: Organization,
    /// What kind of document it is.
    kind: DocumentKind,
    /// The users read so far (from the first), and their index, when the directory is cut.
    users: Vec<User>,
    index: DirectoryIndex,
    /// Where the lists are, and how many parts have been read.
    cut: Cut,
    read: usize,
}

impl Assembly {
    /// Loads `text` without the cut lists' elements after their first: the first step, in time
    /// proportional to the rest of the document. `text` and `cut` are those [`load_cut`] loaded
    /// and returned.
    ///
    /// # Errors
    /// The diagnostics of the document without those elements, when it does not load: never
    /// for a text and cut that [`load_cut`] loaded and returned.
    pub fn start(text: &str, cut: Cut) -> Result<Self, DocumentError> {
        let mut rest = String::new();
        let mut from = 0;
        for list in &cut.lists {
            rest.push_str(part(text, from..list.left_out.start)?);
            from = list.left_out.end;
        }
        rest.push_str(part(text, from..text.len())?);
        let Loaded {
            mut organization,
            kind,
            ..
        } = load(&rest)?;
        // The directory grows from its first user, with its index.
        let mut users = cut
            .lists
            .iter()
            .any(|list| list.list == List::Users)
            .then(|| organization.users.take())
            .flatten()
            .unwrap_or_default();
        let mut index = std::mem::take(&mut organization.directory_index);
        // Room for every element to come (each takes a byte of the text at least, whatever
        // the cut says; without room, the lists grow as they are read).
        for list in &cut.lists {
            let elements = list.elements.min(list.left_out.len());
            let _room = match list.list {
                List::Users => users
                    .try_reserve(elements)
                    .ok()
                    .and_then(|()| index.try_reserve(elements).ok()),
                List::AccessControlRules => organization.rules.try_reserve(elements).ok(),
                List::ImpersonationRoles => organization.roles.try_reserve(elements).ok(),
                List::MobileDeviceAccessRules => {
                    organization.mobile_rules.try_reserve(elements).ok()
                }
                List::MobileDeviceAccessOverrides => {
                    organization.mobile_overrides.try_reserve(elements).ok()
                }
            };
        }
        Ok(Self {
            organization,
            kind,
            users,
            index,
            cut,
            read: 0,
        })
    }

    /// What kind of document it is.
    pub const fn kind(&self) -> DocumentKind {
        self.kind
    }

    /// How many parts have been read, and how many there are.
    pub fn progress(&self) -> (usize, usize) {
        (self.read, self.cut.parts())
    }

    /// The next part to read: its list and its bytes.
    fn next(&self) -> Option<(List, Range<usize>)> {
        let mut skip = self.read;
        for list in &self.cut.lists {
            match list.parts.get(skip) {
                Some(range) => return Some((list.list, range.clone())),
                None => skip = skip.saturating_sub(list.parts.len()),
            }
        }
        None
    }

    /// Reads the next part from `text` (and indexes its users); returns whether a part remains.
    ///
    /// # Errors
    /// Why the part cannot be read (never for the text and cut [`load_cut`] returned).
    pub fn read_part(&mut self, text: &str) -> Result<bool, DocumentError> {
        let Some((list, range)) = self.next() else {
            return Ok(false);
        };
        let elements = part(text, range)?;
        let organization = &mut self.organization;
        match list {
            List::Users => {
                let users: Vec<User> = read(elements)?;
                self.index.add(&users, self.users.len());
                self.users.extend(users);
            }
            List::AccessControlRules => organization.rules.extend(read(elements)?),
            List::ImpersonationRoles => organization.roles.extend(read(elements)?),
            List::MobileDeviceAccessRules => organization.mobile_rules.extend(read(elements)?),
            List::MobileDeviceAccessOverrides => {
                organization.mobile_overrides.extend(read(elements)?);
            }
        }
        self.read += 1;
        Ok(self.read < self.cut.parts())
    }

    /// The organization, with every element read.
    pub fn finish(self) -> Organization {
        let mut organization = self.organization;
        let cut = |wanted: List| self.cut.lists.iter().any(|list| list.list == wanted);
        if cut(List::Users) {
            organization.users = Some(self.users);
        }
        organization.directory_index = self.index;
        if cut(List::AccessControlRules) {
            // The rules changed since the rest was loaded: a compiled form of the rest's is
            // not theirs.
            organization.rules_revision = RulesRevision::new();
        }
        organization
    }
}

/// The elements of one part (`text` holds them, with what separates them), read as the loader
/// reads a list's elements.
fn read<T: DeserializeOwned>(elements: &str) -> Result<Vec<T>, DocumentError> {
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
    Vec::<T>::deserialize(SeqDeserializer::new(nodes.iter().map(json::object_members)))
        .map_err(|error| unreadable(&format!("cannot be read: {error}")))
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
            &Path::root(),
            json::Position { line: 1, column: 1 },
            message,
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that the organization an assembly of `text` builds, in parts of every size from
    /// one element each to each list at once, is the one [`load`] builds.
    fn assembles_as_loaded(text: &str) {
        let whole = load(text).unwrap_or_else(|error| panic!("{error}\n{text}"));
        for part_bytes in [0, 1, 100, 4096, usize::MAX] {
            let found = load_cut(text, 50, part_bytes).unwrap();
            assert_eq!(found.loaded.kind, whole.kind);
            assert_eq!(found.loaded.warnings, whole.warnings);
            assert_eq!(found.hidden_warnings, 0);
            let Some(cut) = found.cut else {
                continue;
            };
            if part_bytes <= 1 {
                for list in &cut.lists {
                    let elements = text
                        .get(list.left_out.clone())
                        .map_or(0, |inside| inside.matches('{').count());
                    assert!(list.parts.len() <= elements, "one element or more per part");
                }
            }
            let mut assembly = Assembly::start(text, cut.clone()).unwrap();
            assert_eq!(assembly.kind(), whole.kind);
            let mut steps = 0;
            while assembly.read_part(text).unwrap() {
                steps += 1;
                assert_eq!(assembly.progress(), (steps, cut.parts()));
            }
            // It said a part remained after each part but the last.
            assert_eq!(steps + 1, cut.parts());
            assert_eq!(assembly.progress(), (cut.parts(), cut.parts()));
            assert!(
                !assembly.read_part(text).unwrap(),
                "nothing is left to read"
            );
            let built = assembly.finish();
            assert_eq!(built, whole.organization, "{text}");
            assert_eq!(built.directory_index, whole.organization.directory_index);
        }
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
    "MobileDeviceAccessRules": [
        {{"MobileDeviceAccessRuleId": "r1", "Name": "no-android", "Effect": "DENY", "DeviceTypes": ["Android"]}},
        {{"MobileDeviceAccessRuleId": "r2", "Name": "rest", "Effect": "ALLOW"}}
    ],
    "MobileDeviceAccessOverrides": [
        {{"UserId": "user9@example.com", "DeviceId": "device1", "Effect": "DENY"}},
        {{"UserId": "S-1-1-11-404", "DeviceId": "device2", "Effect": "ALLOW"}}
    ]
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
    fn a_document_without_elements_in_its_lists_has_no_cut() {
        for text in [
            "{}",
            r#"{"Users": []}"#,
            r#"{"AccessControlRules": []}"#,
            r#"{"Rules": []}"#,
            r#"{"OrganizationId": "m-0123456789abcdef0123456789abcdef", "Users": [], "MobileDeviceAccessRules": []}"#,
            r#"{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "Rules": []}"#,
            r#"[{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "Rules": []}]"#,
            r#"{"Roles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY"}]}"#,
        ] {
            assert_eq!(load_cut(text, 50, 1).unwrap().cut, None, "{text}");
            assembles_as_loaded(text);
        }
    }

    #[test]
    fn each_kind_of_list_is_cut_and_read_in_parts() {
        let rules: Vec<String> = (0..40)
            .map(|at| {
                format!(
                    r#"{{"Name": "rule-{at}", "Effect": "DENY", "Actions": ["IMAP"], "IpRanges": ["10.{at}.0.0/16"]}}"#
                )
            })
            .collect();
        let mobile: Vec<String> = (0..30)
            .map(|at| {
                format!(
                    r#"{{"MobileDeviceAccessRuleId": "m{at}", "Name": "n{at}", "Effect": "DENY", "DeviceModels": ["model{at}"]}}"#
                )
            })
            .collect();
        let overrides: Vec<String> = (0..30)
            .map(|at| {
                format!(
                    r#"{{"UserId": "S-1-1-11-{at:010}", "DeviceId": "device{at}", "Effect": "ALLOW"}}"#
                )
            })
            .collect();
        let roles: Vec<String> = (0..25)
            .map(|at| {
                format!(
                    r#"{{"ImpersonationRoleId": "10000000-0000-0000-0000-{at:012}", "Name": "role{at}", "Type": "FULL_ACCESS", "Rules": []}}"#
                )
            })
            .collect();
        for (text, lists) in [
            (
                format!(r#"{{"Rules": [{}]}}"#, rules.join(",")),
                vec![List::AccessControlRules],
            ),
            (
                format!(r#"{{"Rules": [{}], "NextToken": "t"}}"#, mobile.join(",")),
                vec![List::MobileDeviceAccessRules],
            ),
            (
                format!(r#"{{"Overrides": [{}]}}"#, overrides.join(",")),
                vec![List::MobileDeviceAccessOverrides],
            ),
            (
                format!(
                    r#"{{"MobileDeviceAccessOverrides": [{}], "AccessControlRules": [{}],
                        "ImpersonationRoles": [{}], "MobileDeviceAccessRules": [{}]}}"#,
                    overrides.join(","),
                    rules.join(","),
                    roles.join(","),
                    mobile.join(",")
                ),
                vec![
                    List::MobileDeviceAccessOverrides,
                    List::AccessControlRules,
                    List::ImpersonationRoles,
                    List::MobileDeviceAccessRules,
                ],
            ),
        ] {
            let cut = load_cut(&text, 50, 512).unwrap().cut.unwrap();
            let found: Vec<List> = cut.lists.iter().map(|list| list.list).collect();
            assert_eq!(found, lists, "in text order");
            assert!(cut.parts() > cut.lists.len(), "{text}");
            assembles_as_loaded(&text);
        }
    }

    #[test]
    fn rules_read_in_parts_are_a_new_revision_of_the_rules() {
        let text = super::super::tests::allow_rules(20);
        let cut = load_cut(&text, 50, 64).unwrap().cut.unwrap();
        let mut assembly = Assembly::start(&text, cut).unwrap();
        let rest = assembly.organization.rules_revision;
        while assembly.read_part(&text).unwrap() {}
        assert_ne!(assembly.finish().rules_revision, rest);
    }

    #[test]
    fn parts_hold_every_element_in_order_and_stay_within_their_size() {
        // Forty users of one length.
        let users: Vec<String> = (10..50).map(user).collect();
        let text = format!("{{\"Users\": [\n{}\n]}}", users.join(" ,\n"));
        let size = users.first().map_or(0, String::len);
        let cut = load_cut(&text, 50, 3 * size + 10).unwrap().cut.unwrap();
        let [cut] = cut.lists.as_slice() else {
            panic!("{cut:?}");
        };
        assert_eq!(cut.list, List::Users);
        let left_out = text.get(cut.left_out.clone()).unwrap();
        assert!(
            left_out.starts_with(" ,\n") && left_out.ends_with('}'),
            "{left_out}"
        );
        // Three users, and the two separators between them, fit in a part; four do not. The
        // first user stays with the rest.
        assert_eq!(cut.parts.len(), 13);
        let elements: Vec<&str> = cut
            .parts
            .iter()
            .flat_map(|part| text.get(part.clone()).unwrap().split(" ,\n"))
            .collect();
        assert_eq!(elements, users.get(1..).unwrap());
        assert_eq!(cut.elements, 39);
        for pair in cut.parts.windows(2) {
            assert!(pair[0].end < pair[1].start);
        }
    }

    #[test]
    fn an_assembly_makes_room_for_every_element_before_reading_a_part() {
        let users: Vec<String> = (0..40).map(user).collect();
        let rules: Vec<String> = (0..30)
            .map(|at| format!(r#"{{"Name": "r{at}", "Effect": "ALLOW"}}"#))
            .collect();
        let text = format!(
            r#"{{"Users": [{}], "AccessControlRules": [{}]}}"#,
            users.join(","),
            rules.join(",")
        );
        let cut = load_cut(&text, 50, 256).unwrap().cut.unwrap();
        let claimed: Vec<(List, usize)> = cut.lists.iter().map(|l| (l.list, l.elements)).collect();
        assert_eq!(claimed, [(List::Users, 39), (List::AccessControlRules, 29)]);
        let assembly = Assembly::start(&text, cut.clone()).unwrap();
        assert!(
            assembly.users.capacity() >= 40,
            "{}",
            assembly.users.capacity()
        );
        assert!(assembly.organization.rules.capacity() >= 30);

        // A cut that claims more elements than its bytes could hold gets room for its bytes'
        // worth at most.
        let mut claims = cut;
        for list in &mut claims.lists {
            list.elements = usize::MAX;
        }
        let bytes = claims.lists[0].left_out.len();
        let assembly = Assembly::start(&text, claims).unwrap();
        assert!((40..=bytes + 1).contains(&assembly.users.capacity()));
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
        let text = r#"{"Users": [{"Id": "S-1-1-11-0001"}, {"Id": "S-1-1-11-0002"}]}"#;
        let cut = load_cut(text, 50, 100).unwrap().cut.unwrap();
        let short = &text[..20];
        let error = Assembly::start(short, cut.clone()).unwrap_err();
        assert!(
            error.diagnostics[0]
                .message
                .contains("not a part of this 20-byte text")
        );
        let mut assembly = Assembly::start(text, cut.clone()).unwrap();
        let error = assembly.read_part(short).unwrap_err();
        assert_eq!(error.diagnostics[0].code, "invalid");
        // A part that is not a list of users.
        let mut moved = cut.clone();
        if let Some(list) = moved.lists.first_mut() {
            list.parts = vec![Range { start: 1, end: 9 }];
        }
        let mut assembly = Assembly::start(text, moved).unwrap();
        assert!(assembly.read_part(text).is_err());
        assert_eq!(
            assembly.progress(),
            (0, 1),
            "a part that fails is not counted"
        );
    }
}
