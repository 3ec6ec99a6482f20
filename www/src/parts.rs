//! The part editors (access control rules, impersonation roles, users, mobile device access rules
//! and overrides) and how each one's text is checked, derived from the organization document and
//! put back into it.
//!
//! The document is the one truth the answers come from. A part editor shows its part as the AWS
//! CLI prints it; text typed or pasted there replaces that part of the document as soon as it
//! loads, and lists its own diagnostics while it does not.

use std::cell::OnceCell;
use std::rc::Rc;

use serde::Serialize;
use serde_json::{Map, Value};
use workmail_policy::document::load_roles;
use workmail_policy::text::pretty_json;
use workmail_policy::{Diagnostic, DocumentKind, Loaded, Organization, Severity, User};

use crate::problems::Problems;
use crate::state::Loading;

/// A part of the organization document with an editor of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// `AccessControlRules`, pasted as `list-access-control-rules` output.
    Rules,
    /// `ImpersonationRoles`, pasted as one or more `get-impersonation-role` outputs.
    Roles,
    /// `Users`, pasted as `list-users` output.
    Users,
    /// `MobileDeviceAccessRules`, pasted as `list-mobile-device-access-rules` output.
    Mobile,
    /// `MobileDeviceAccessOverrides`, pasted as `list-mobile-device-access-overrides` output.
    Overrides,
}

impl Part {
    /// Every part, in the order of the editor tabs.
    pub const ALL: [Self; 5] = [
        Self::Rules,
        Self::Roles,
        Self::Users,
        Self::Mobile,
        Self::Overrides,
    ];

    /// The tab and editor label.
    pub const fn title(self) -> &'static str {
        match self {
            Self::Rules => "Access control rules",
            Self::Roles => "Impersonation roles",
            Self::Users => "Users",
            Self::Mobile => "Mobile devices",
            Self::Overrides => "Mobile overrides",
        }
    }

    /// The AWS CLI command whose output the editor takes.
    pub const fn command(self) -> &'static str {
        match self {
            Self::Rules => "aws workmail list-access-control-rules",
            Self::Roles => "aws workmail get-impersonation-role",
            Self::Users => "aws workmail list-users",
            Self::Mobile => "aws workmail list-mobile-device-access-rules",
            Self::Overrides => "aws workmail list-mobile-device-access-overrides",
        }
    }

    /// The member of the organization document the part fills.
    pub const fn document_key(self) -> &'static str {
        match self {
            Self::Rules => "AccessControlRules",
            Self::Roles => "ImpersonationRoles",
            Self::Users => "Users",
            Self::Mobile => "MobileDeviceAccessRules",
            Self::Overrides => "MobileDeviceAccessOverrides",
        }
    }

    /// What an empty editor means for the organization.
    pub const fn when_empty(self) -> &'static str {
        match self {
            Self::Rules => {
                "Empty: the document has no `AccessControlRules`, so the organization holds only the default rule (D1)."
            }
            Self::Roles => "Empty: the organization has no impersonation roles.",
            Self::Users => {
                "Empty: the directory is unknown, so user IDs are taken as given and target users match by text (D2)."
            }
            Self::Mobile => {
                "Empty: the document has no `MobileDeviceAccessRules`, so the organization holds only the default mobile rule, which allows every device (D26, D27)."
            }
            Self::Overrides => "Empty: no user's device has an override (D26).",
        }
    }

    /// How the editor asks for its text.
    pub const fn instructions(self) -> &'static str {
        match self {
            Self::Rules => "Paste the output of `aws workmail list-access-control-rules`.",
            Self::Roles => {
                "Paste the output of `aws workmail get-impersonation-role`, once per role, one after another."
            }
            Self::Users => "Paste the output of `aws workmail list-users`.",
            Self::Mobile => "Paste the output of `aws workmail list-mobile-device-access-rules`.",
            Self::Overrides => {
                "Paste the output of `aws workmail list-mobile-device-access-overrides`."
            }
        }
    }

    /// The part whose [`slug`](Self::slug) this is.
    pub fn of_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|part| part.slug() == slug)
    }

    /// A stable identifier for element IDs.
    pub const fn slug(self) -> &'static str {
        match self {
            Self::Rules => "rules",
            Self::Roles => "roles",
            Self::Users => "users",
            Self::Mobile => "mobile",
            Self::Overrides => "overrides",
        }
    }
}

/// The text of the part editors: each part as typed in its editor, or as printed from the
/// document text the parts follow.
///
/// A printed part is made when first read, once per document text, and shared by every copy: a
/// keystroke in the document editor changes the text the parts follow, and printing the largest
/// document's rules again on every keystroke would cost more than loading it, while the part
/// editors are seldom on show. A part of more entries than an editor shows the text of
/// ([`MAX_PRINTED_ENTRIES`]) is not printed at all: printing 100,000 users would hold the page
/// for half a second, for a text no editor shows.
#[derive(Debug, Clone, Default)]
pub struct Parts {
    /// The document text the parts not typed are printed from; empty: no part.
    source: Rc<str>,
    /// Those parts as printed, each once read (shared by the copies made from one source).
    printed: Rc<PerPart<OnceCell<Printed>>>,
    /// The text typed in each editor; `None`: the printed part.
    typed: PerPart<Option<Rc<str>>>,
}

/// One value for each part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct PerPart<T> {
    rules: T,
    roles: T,
    users: T,
    mobile: T,
    overrides: T,
}

impl<T> PerPart<T> {
    const fn get(&self, part: Part) -> &T {
        match part {
            Part::Rules => &self.rules,
            Part::Roles => &self.roles,
            Part::Users => &self.users,
            Part::Mobile => &self.mobile,
            Part::Overrides => &self.overrides,
        }
    }

    const fn get_mut(&mut self, part: Part) -> &mut T {
        match part {
            Part::Rules => &mut self.rules,
            Part::Roles => &mut self.roles,
            Part::Users => &mut self.users,
            Part::Mobile => &mut self.mobile,
            Part::Overrides => &mut self.overrides,
        }
    }
}

/// One part of a document as the AWS CLI prints it, and whether it was printed: it is not when
/// it would be too long to show (the text is then empty).
type Printed = (Rc<str>, bool);

impl Parts {
    /// The parts of a document text, as printed (each as the AWS CLI prints it); nothing typed.
    pub fn of(source: Rc<str>) -> Self {
        Self {
            source,
            printed: Rc::default(),
            typed: Default::default(),
        }
    }

    /// Whether the parts are printed from `document` (the same text in memory).
    pub fn follows(&self, document: &Rc<str>) -> bool {
        Rc::ptr_eq(&self.source, document)
    }

    /// The parts as printed from the same document, sharing what is printed already, without
    /// what was typed.
    pub fn untyped(&self) -> Self {
        Self {
            source: Rc::clone(&self.source),
            printed: Rc::clone(&self.printed),
            typed: PerPart::default(),
        }
    }

    /// One part's text: as typed in its editor, else as printed from the document.
    pub fn get(&self, part: Part) -> &str {
        self.shared(part)
    }

    /// One part's text, shared rather than copied.
    pub fn shared(&self, part: Part) -> &Rc<str> {
        match self.typed.get(part) {
            Some(typed) => typed,
            None => self.printed(part),
        }
    }

    /// One part as printed from the document, whatever its editor holds: empty when the
    /// document does not load, or leaves the part out, or when the part is too long to print
    /// ([`Self::too_long_to_print`]).
    pub fn printed(&self, part: Part) -> &Rc<str> {
        &self.print(part).0
    }

    /// Whether `part` is printed from the document (nothing typed in its editor) but not shown,
    /// its text being longer than an editor shows.
    pub fn too_long_to_print(&self, part: Part) -> bool {
        self.typed(part).is_none() && !self.print(part).1
    }

    /// One part as printed, once.
    fn print(&self, part: Part) -> &Printed {
        self.printed.get(part).get_or_init(|| {
            crate::loaded::organization(&crate::loaded::load_shared(&self.source)).map_or_else(
                || (Rc::from(""), true),
                |organization| print_part(organization, part),
            )
        })
    }

    /// How many entries of `part` the document the parts are printed from holds, when the
    /// part's editor shows it as printed (nothing typed there) and that document loads.
    pub fn printed_count(&self, part: Part) -> Option<usize> {
        if self.typed(part).is_some() {
            return None;
        }
        let load = crate::loaded::load_shared(&self.source);
        crate::loaded::organization(&load).map(|organization| entries_in(organization, part))
    }

    /// Whether both hold the same typed text for `part`: the same in memory (a large text is
    /// not compared byte by byte on every render), or equal.
    fn same_typed(&self, other: &Self, part: Part) -> bool {
        match (self.typed.get(part), other.typed.get(part)) {
            (Some(mine), Some(theirs)) => Rc::ptr_eq(mine, theirs) || mine == theirs,
            (mine, theirs) => mine == theirs,
        }
    }

    /// The text typed in a part's editor, when it holds its own text.
    pub fn typed(&self, part: Part) -> Option<&str> {
        self.typed.get(part).as_deref()
    }

    /// Replaces one part's text, as typed in its editor.
    pub fn set(&mut self, part: Part, text: String) {
        self.set_shared(part, Rc::from(text));
    }

    /// Replaces one part's text with a shared one, as typed in its editor.
    pub fn set_shared(&mut self, part: Part, text: Rc<str>) {
        *self.typed.get_mut(part) = Some(text);
    }
}

/// Equal when the editors would show the same text: each part is compared as typed where both
/// were typed or both printed from one text, and printed only where that is needed.
impl PartialEq for Parts {
    fn eq(&self, other: &Self) -> bool {
        let same_source = Rc::ptr_eq(&self.source, &other.source) || self.source == other.source;
        Part::ALL
            .into_iter()
            .all(|part| match (self.typed(part), other.typed(part)) {
                (Some(_), Some(_)) => self.same_typed(other, part),
                (None, None) if same_source => true,
                _ => {
                    !self.too_long_to_print(part)
                        && !other.too_long_to_print(part)
                        && self.get(part) == other.get(part)
                }
            })
    }
}

impl Eq for Parts {}

/// How many entries of `part` an organization holds.
pub fn entries_in(organization: &Organization, part: Part) -> usize {
    match part {
        Part::Rules => organization.access_control_rules().len(),
        Part::Roles => organization.impersonation_roles().len(),
        Part::Users => organization.users().map_or(0, <[User]>::len),
        Part::Mobile => organization.mobile_device_access_rules().len(),
        Part::Overrides => organization.mobile_device_access_overrides().len(),
    }
}

/// What a part editor's text gives.
#[derive(Debug, Clone, PartialEq)]
pub enum PartCheck {
    /// Nothing but white space: the document goes without the part.
    Empty,
    /// The part loads: its entries as the document holds them, and its warnings.
    Loaded {
        /// The JSON array that becomes the document member.
        entries: Value,
        /// How many entries.
        count: usize,
        /// Warnings, in text order.
        warnings: Vec<Diagnostic>,
    },
    /// The part does not load; nothing is applied.
    Invalid {
        /// Every problem found, errors and warnings, in text order.
        diagnostics: Vec<Diagnostic>,
    },
}

impl PartCheck {
    /// The diagnostics to list beside the editor.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Self::Empty => &[],
            Self::Loaded { warnings, .. } => warnings,
            Self::Invalid { diagnostics } => diagnostics,
        }
    }
}

/// `value` as the AWS CLI prints it (the core's [`pretty_json`]); empty for a value that cannot
/// be JSON, which the page's own types never are.
pub fn printed<T: Serialize + ?Sized>(value: &T) -> String {
    pretty_json(value).unwrap_or_default()
}

fn to_array<T: Serialize>(items: &[T]) -> Value {
    serde_json::to_value(items).unwrap_or_else(|_| Value::Array(Vec::new()))
}

/// How many entries of a part are printed at most: more would be a text longer than an editor
/// shows ([`LARGE_DOCUMENT`](crate::loader::LARGE_DOCUMENT), 1 MiB), since an entry prints as at least about 200 bytes (a user
/// with an ID, email, name and state; a rule with a name, effect and dates).
pub const MAX_PRINTED_ENTRIES: usize = 5_000;

/// One part of an organization as the AWS CLI prints it, unless it holds more entries than an
/// editor shows the text of.
fn print_part(organization: &Organization, part: Part) -> Printed {
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct RulesOutput<'a, T> {
        rules: &'a [T],
    }
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct UsersOutput<'a> {
        users: &'a [User],
    }
    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct OverridesOutput<'a> {
        overrides: &'a [workmail_policy::MobileDeviceAccessOverride],
    }
    /// `print` of `items`, unless there are more than an editor shows the text of.
    fn unless_too_long<T>(items: &[T], print: impl FnOnce() -> String) -> Printed {
        if items.len() > MAX_PRINTED_ENTRIES {
            return (Rc::from(""), false);
        }
        (Rc::from(print()), true)
    }
    match part {
        Part::Rules => {
            let rules = organization.access_control_rules();
            unless_too_long(rules, || printed(&RulesOutput { rules }))
        }
        Part::Roles => {
            let roles = organization.impersonation_roles();
            unless_too_long(roles, || {
                roles.iter().map(printed).collect::<Vec<_>>().join("\n")
            })
        }
        Part::Users => match organization.users() {
            Some(users) => unless_too_long(users, || printed(&UsersOutput { users })),
            None => (Rc::from(""), true),
        },
        Part::Mobile => {
            let rules = organization.mobile_device_access_rules();
            unless_too_long(rules, || printed(&RulesOutput { rules }))
        }
        Part::Overrides => match organization.mobile_device_access_overrides() {
            [] => (Rc::from(""), true),
            overrides => unless_too_long(overrides, || printed(&OverridesOutput { overrides })),
        },
    }
}

fn wrong_part(part: Part, kind: DocumentKind) -> Diagnostic {
    Diagnostic {
        code: "wrong-part",
        severity: Severity::Error,
        path: String::new(),
        line: 1,
        column: 1,
        message: format!(
            "this is {}, not the output of `{}`",
            kind.describe(),
            part.command()
        ),
        help: Some(match kind {
            DocumentKind::Organization => {
                "paste a whole organization document in the Document tab".to_owned()
            }
            DocumentKind::ListAccessControlRules => {
                "paste it in the Access control rules tab".to_owned()
            }
            DocumentKind::ListUsers => "paste it in the Users tab".to_owned(),
            DocumentKind::GetImpersonationRole
            | DocumentKind::ImpersonationRoleArray
            | DocumentKind::ListImpersonationRoles => {
                "paste it in the Impersonation roles tab".to_owned()
            }
            DocumentKind::ListMobileDeviceAccessRules => {
                "paste it in the Mobile devices tab".to_owned()
            }
            DocumentKind::ListMobileDeviceAccessOverrides => {
                "paste it in the Mobile overrides tab".to_owned()
            }
        }),
    }
}

impl Part {
    /// Whether text of `kind` fills the part. An empty `{"Rules": []}` reads as
    /// `list-access-control-rules` output, and in the Mobile devices tab it means no mobile rule.
    fn takes(self, kind: DocumentKind) -> bool {
        match self {
            Self::Rules => kind == DocumentKind::ListAccessControlRules,
            Self::Mobile => matches!(
                kind,
                DocumentKind::ListMobileDeviceAccessRules | DocumentKind::ListAccessControlRules
            ),
            Self::Overrides => kind == DocumentKind::ListMobileDeviceAccessOverrides,
            Self::Users => kind == DocumentKind::ListUsers,
            Self::Roles => matches!(
                kind,
                DocumentKind::GetImpersonationRole
                    | DocumentKind::ImpersonationRoleArray
                    | DocumentKind::ListImpersonationRoles
            ),
        }
    }
}

/// The part of `loaded` that `part` fills, as the document holds it.
fn part_of(part: Part, loaded: &Loaded) -> PartCheck {
    let organization = &loaded.organization;
    let (entries, count) = match part {
        Part::Rules => {
            let rules = organization.access_control_rules();
            (to_array(rules), rules.len())
        }
        Part::Roles => {
            let roles = organization.impersonation_roles();
            (to_array(roles), roles.len())
        }
        Part::Users => {
            let users = organization.users().unwrap_or_default();
            (to_array(users), users.len())
        }
        // `{"Rules": []}` loads as access control rules: it lists no mobile rule either.
        Part::Mobile if loaded.kind == DocumentKind::ListAccessControlRules => {
            if !organization.access_control_rules().is_empty() {
                return PartCheck::Invalid {
                    diagnostics: vec![wrong_part(part, loaded.kind)],
                };
            }
            (Value::Array(Vec::new()), 0)
        }
        Part::Mobile => {
            let rules = organization.mobile_device_access_rules();
            (to_array(rules), rules.len())
        }
        Part::Overrides => {
            let overrides = organization.mobile_device_access_overrides();
            (to_array(overrides), overrides.len())
        }
    };
    PartCheck::Loaded {
        entries,
        count,
        warnings: loaded.warnings.clone(),
    }
}

/// Checks a part editor's text. The roles editor also takes several outputs one after another
/// (the core's [`load_roles`]).
pub fn check(part: Part, text: &str) -> PartCheck {
    if text.trim().is_empty() {
        return PartCheck::Empty;
    }
    check_loaded(
        part,
        text,
        crate::loaded::load(text)
            .as_ref()
            .as_ref()
            .map_err(|error| error.diagnostics.as_slice()),
    )
}

/// [`check`] on a text that is not empty, given how it loads (`load`: the document, or its
/// diagnostics): the page loads through its cache, the loader on its own (see
/// [`crate::loader::check_part`]).
pub fn check_loaded(part: Part, text: &str, load: Result<&Loaded, &[Diagnostic]>) -> PartCheck {
    match load {
        Ok(loaded) if part.takes(loaded.kind) => part_of(part, loaded),
        Ok(loaded) => PartCheck::Invalid {
            diagnostics: vec![wrong_part(part, loaded.kind)],
        },
        Err(_) if part == Part::Roles => match load_roles(text) {
            Ok(loaded) => part_of(part, &loaded),
            Err(error) => PartCheck::Invalid {
                diagnostics: error.diagnostics,
            },
        },
        Err(diagnostics) => PartCheck::Invalid {
            diagnostics: diagnostics.to_vec(),
        },
    }
}

/// What the document editor's text gives: its kind, its diagnostics, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentCheck {
    /// What kind of text it is, when it loads.
    pub kind: Option<DocumentKind>,
    /// Its diagnostics, errors and warnings, in text order (the first few and how many).
    pub problems: Problems,
    /// How many rules, roles and users (`None`: unknown directory) it holds, when it loads.
    pub counts: Option<Counts>,
    /// Whether the loader is still working on the text (see [`crate::loader`]).
    pub pending: bool,
    /// Why the loader stopped while reading the text, when it did.
    pub stopped: Option<Rc<str>>,
}

/// How much an organization holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Access control rules.
    pub rules: usize,
    /// Impersonation roles.
    pub roles: usize,
    /// Users; `None` when the directory is unknown (D2).
    pub users: Option<usize>,
}

impl DocumentCheck {
    /// Checks the document editor's text.
    pub fn of(text: &str) -> Self {
        match crate::loaded::load(text).as_ref() {
            Ok(loaded) => {
                let organization = &loaded.organization;
                Self {
                    kind: Some(loaded.kind),
                    problems: crate::loaded::reported_warnings(text).map_or_else(
                        || Problems::of(&loaded.warnings),
                        |warnings| (*warnings).clone(),
                    ),
                    counts: Some(Counts {
                        rules: organization.access_control_rules().len(),
                        roles: organization.impersonation_roles().len(),
                        users: organization.users().map(<[User]>::len),
                    }),
                    pending: false,
                    stopped: None,
                }
            }
            Err(error) => Self {
                kind: None,
                problems: Problems::of(&error.diagnostics),
                counts: None,
                pending: false,
                stopped: None,
            },
        }
    }

    /// Checks the document editor's text, as far as it is loaded: a text the loader is
    /// working on has no result yet, and one it found errors in has its report.
    pub fn of_loading(text: &str, loading: &Loading) -> Self {
        match loading {
            Loading::InPage => Self::of(text),
            Loading::Waiting { .. } => Self {
                pending: true,
                ..Self::unread()
            },
            Loading::Invalid(problems) => Self {
                problems: (**problems).clone(),
                ..Self::unread()
            },
            Loading::Stopped(reason) => Self {
                stopped: Some(Rc::clone(reason)),
                ..Self::unread()
            },
        }
    }

    /// A text not loaded in the page, with nothing known about it yet.
    fn unread() -> Self {
        Self {
            kind: None,
            problems: Problems::default(),
            counts: None,
            pending: false,
            stopped: None,
        }
    }

    /// Whether the document loads.
    pub const fn loads(&self) -> bool {
        self.kind.is_some()
    }
}

/// The order members are written in when the playground rewrites a document.
const MEMBER_ORDER: [&str; 7] = [
    "OrganizationId",
    "Users",
    "AccessControlRules",
    "ImpersonationRoles",
    "MobileDeviceAccessRules",
    "MobileDeviceAccessOverrides",
    "Emulator",
];

/// The document with one part replaced (`None`: the member removed). `None` when the document
/// does not load: a part is only ever put into a valid document.
///
/// An organization document keeps its other members as written; any other kind of input (a
/// pasted `list-users` output, say) becomes an organization document first.
pub fn compose(document: &str, part: Part, entries: Option<Value>) -> Option<String> {
    let load = crate::loaded::load(document);
    compose_loaded(document, load.as_ref().as_ref().ok()?, part, entries)
}

/// [`compose`] on a document that loads, given its load.
pub fn compose_loaded(
    document: &str,
    loaded: &Loaded,
    part: Part,
    entries: Option<Value>,
) -> Option<String> {
    let parsed = match loaded.kind {
        DocumentKind::Organization => serde_json::from_str::<Value>(document).ok(),
        _ => None,
    };
    let mut members = match parsed {
        Some(Value::Object(members)) => members,
        _ => match serde_json::from_str::<Value>(&loaded.organization.to_json()) {
            Ok(Value::Object(members)) => members,
            _ => return None,
        },
    };
    let key = part.document_key();
    match entries {
        Some(entries) => {
            members.insert(key.to_owned(), entries);
        }
        None => {
            members.shift_remove(key);
        }
    }
    let mut ordered = Map::new();
    for name in MEMBER_ORDER {
        if let Some(value) = members.shift_remove(name) {
            ordered.insert(name.to_owned(), value);
        }
    }
    ordered.extend(members);
    Some(printed(&Value::Object(ordered)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::Preset;

    /// One `get-impersonation-role` output, on one line.
    const ROLE: &str =
        r#"{"ImpersonationRoleId": "r1", "Name": "one", "Type": "READ_ONLY", "Rules": []}"#;

    #[test]
    fn derived_parts_load_back_as_their_part() {
        for preset in Preset::ALL {
            let parts = Parts::of(Rc::from(preset.document()));
            for part in Part::ALL {
                let text = parts.get(part);
                let check = check(part, text);
                assert!(
                    matches!(check, PartCheck::Loaded { .. } | PartCheck::Empty),
                    "{preset:?} {part:?}: {check:?}"
                );
            }
        }
    }

    #[test]
    fn a_printed_part_counts_what_its_check_would() {
        for preset in Preset::ALL {
            let mut parts = Parts::of(Rc::from(preset.document()));
            for part in Part::ALL {
                let count = parts.printed_count(part);
                match check(part, parts.get(part)) {
                    PartCheck::Loaded { count: checked, .. } => {
                        assert_eq!(count, Some(checked), "{preset:?} {part:?}");
                    }
                    PartCheck::Empty => assert_eq!(count, Some(0), "{preset:?} {part:?}"),
                    PartCheck::Invalid { diagnostics } => panic!("{diagnostics:?}"),
                }
                // Typed text is checked, not counted.
                parts.set(part, parts.get(part).to_owned());
                assert_eq!(parts.printed_count(part), None);
            }
        }
        assert_eq!(Parts::of(Rc::from("{")).printed_count(Part::Rules), None);
    }

    #[test]
    fn a_part_too_long_to_show_is_counted_but_not_printed() {
        let user =
            |at: usize| format!(r#"{{"Id": "S-1-1-11-{at:08}", "Email": "user{at}@example.com"}}"#);
        let directory = |count: usize| {
            let users: Vec<String> = (0..count).map(user).collect();
            Rc::from(format!(
                r#"{{"Users": [{}], "AccessControlRules": []}}"#,
                users.join(",")
            ))
        };
        // About 60 bytes a user, printed: 30,000 are too many to show, 1,000 are not.
        let many = Parts::of(directory(30_000));
        assert!(many.too_long_to_print(Part::Users));
        assert_eq!(many.get(Part::Users), "");
        assert_eq!(many.printed_count(Part::Users), Some(30_000));
        assert!(!many.too_long_to_print(Part::Rules));
        assert!(many.get(Part::Rules).contains("\"Rules\": []"));
        let few = Parts::of(directory(1_000));
        assert!(!few.too_long_to_print(Part::Users));
        assert!(few.get(Part::Users).contains("user999@example.com"));
        // Two documents' parts are equal only where both are shown and the same.
        assert_ne!(many, Parts::of(directory(30_001)));
        assert_eq!(many, many.untyped());
        let mut typed = many.clone();
        typed.set(Part::Users, String::new());
        assert!(!typed.too_long_to_print(Part::Users));
        assert_ne!(typed, many);
    }

    #[test]
    fn a_part_of_the_wrong_kind_says_where_it_belongs() {
        let check = check(Part::Users, r#"{"Rules": []}"#);
        let diagnostics = check.diagnostics();
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, "wrong-part");
        assert!(diagnostics[0].message.contains("list-access-control-rules"));
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("paste it in the Access control rules tab")
        );
    }

    #[test]
    fn roles_pasted_one_after_another_are_all_read() {
        let second = ROLE.replace("r1", "r2");
        let text = format!("{ROLE}\n\n{second}\n");
        match check(Part::Roles, &text) {
            PartCheck::Loaded { count, .. } => assert_eq!(count, 2),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn roles_of_several_outputs_are_checked_by_the_core() {
        let second = ROLE.replace("READ_ONLY", "SOMETIMES");
        let check = check(Part::Roles, &format!("{ROLE}\n{second}"));
        let diagnostics = check.diagnostics();
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        // Located in the whole text: the second output's `Type` value.
        let column = second.find("\"SOMETIMES\"").map(|at| at + 1);
        assert_eq!(
            (diagnostics[0].line, Some(diagnostics[0].column as usize)),
            (2, column)
        );
        let check = super::check(Part::Roles, &format!("{ROLE}{ROLE}"));
        assert!(matches!(check, PartCheck::Invalid { .. }));
        assert_eq!(check.diagnostics()[0].code, "duplicate-role-id");
    }

    #[test]
    fn compose_replaces_a_member_and_keeps_the_rest() {
        let document =
            r#"{"OrganizationId": "m-0123456789abcdef0123456789abcdef", "AccessControlRules": []}"#;
        let users = check(
            Part::Users,
            r#"{"Users": [{"Id": "S-1-1-11-0000000001", "Email": "a@example.com"}]}"#,
        );
        let PartCheck::Loaded { entries, .. } = users else {
            panic!("{users:?}")
        };
        let composed = compose(document, Part::Users, Some(entries)).unwrap();
        let value: Value = serde_json::from_str(&composed).unwrap();
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["OrganizationId", "Users", "AccessControlRules"]);
        assert_eq!(value["AccessControlRules"], Value::Array(vec![]));
        assert_eq!(value["Users"][0]["Email"], "a@example.com");
    }

    #[test]
    fn compose_turns_raw_output_into_a_document() {
        let document = Preset::AwsDocumentationExample.document();
        let composed = compose(document, Part::Roles, Some(serde_json::json!([]))).unwrap();
        let loaded = Organization::from_json(&composed).unwrap();
        assert_eq!(loaded.kind, DocumentKind::Organization);
        assert_eq!(loaded.organization.access_control_rules().len(), 2);
    }

    #[test]
    fn an_empty_part_removes_the_member() {
        let document = Preset::BlockEverything.document();
        let composed = compose(document, Part::Rules, None).unwrap();
        let loaded = Organization::from_json(&composed).unwrap();
        // D1: without the member the organization holds the default rule.
        assert_eq!(loaded.organization.access_control_rules().len(), 1);
    }

    #[test]
    fn the_document_check_counts_what_it_holds() {
        let check = DocumentCheck::of(Preset::ArchivingRole.document());
        assert_eq!(check.kind, Some(DocumentKind::Organization));
        assert_eq!(
            check.counts,
            Some(Counts {
                rules: 2,
                roles: 1,
                users: Some(3)
            })
        );
        let check = DocumentCheck::of(Preset::AwsDocumentationExample.document());
        assert_eq!(check.kind, Some(DocumentKind::ListAccessControlRules));
        assert_eq!(check.counts.and_then(|c| c.users), None);
        let check = DocumentCheck::of("{\"AccessControlRules\": [{\"Name\": \"x\"}]}");
        assert!(!check.loads());
        assert_eq!(check.problems.shown[0].path, "AccessControlRules[0].Effect");
        assert_eq!(check.problems.errors, 1);
    }

    #[test]
    fn compose_needs_a_valid_document() {
        assert_eq!(compose("{", Part::Rules, None), None);
    }
}
