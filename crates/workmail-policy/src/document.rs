//! Loading an organization document, or any raw AWS output, with every problem reported at once
//! (D1-D4, D20-D24).
//!
//! Accepted inputs, recognised by their members:
//!
//! | Input | Recognised by |
//! |---|---|
//! | organization document | `OrganizationId`, `AccessControlRules`, `ImpersonationRoles` or `Emulator` (or `{}`) |
//! | `aws workmail list-access-control-rules` | `Rules` |
//! | `aws workmail list-users` | `Users` |
//! | `aws workmail get-impersonation-role` | `ImpersonationRoleId` |
//! | several `get-impersonation-role` outputs | a JSON array of them |
//! | `aws workmail list-impersonation-roles` | `Roles` (roles without their rules) |
//! | `aws workmail list-mobile-device-access-rules` | `Rules` whose items carry `MobileDeviceAccessRuleId` |
//! | `aws workmail list-mobile-device-access-overrides` | `Overrides` |
//!
//! [`load_roles`] also reads impersonation roles pasted as several of those outputs one after
//! another, with no separator, as running `get-impersonation-role` once per role prints them.

use std::collections::HashSet;

use jsonc_parser::ast::{Object, Value as Ast};
use serde::Deserialize;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde::de::value::SeqDeserializer;

use crate::diagnostic::{CappedError, Diagnostic, DocumentError, Hidden};
use crate::json::{self, Parsed, Position, SourceMap};
use crate::model::{AccessControlRule, ImpersonationRole, ImpersonationRoleSummary, User};
use crate::org::{EmulatorState, Organization, RulesRevision};
use crate::shape::{self, Path, Problem, Segment, Severity, Shape, Violation, Violations};

mod assembly;
mod mobile;
mod roles;

pub use assembly::{Assembly, Cut, CutLoad, List, ListCut, load_cut};

pub use mobile::MAX_MOBILE_DEVICE_ACCESS_RULES;
pub use roles::load_roles;

/// What kind of text a document was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DocumentKind {
    /// A whole organization document.
    Organization,
    /// `list-access-control-rules` output.
    ListAccessControlRules,
    /// `list-users` output.
    ListUsers,
    /// One `get-impersonation-role` output.
    GetImpersonationRole,
    /// An array of `get-impersonation-role` outputs.
    ImpersonationRoleArray,
    /// `list-impersonation-roles` output.
    ListImpersonationRoles,
    /// `list-mobile-device-access-rules` output (D26).
    ListMobileDeviceAccessRules,
    /// `list-mobile-device-access-overrides` output (D26).
    ListMobileDeviceAccessOverrides,
}

impl DocumentKind {
    /// How a message names it.
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Organization => "an organization document",
            Self::ListAccessControlRules => "`aws workmail list-access-control-rules` output",
            Self::ListUsers => "`aws workmail list-users` output",
            Self::GetImpersonationRole => "`aws workmail get-impersonation-role` output",
            Self::ImpersonationRoleArray => "a list of `get-impersonation-role` outputs",
            Self::ListImpersonationRoles => "`aws workmail list-impersonation-roles` output",
            Self::ListMobileDeviceAccessRules => {
                "`aws workmail list-mobile-device-access-rules` output"
            }
            Self::ListMobileDeviceAccessOverrides => {
                "`aws workmail list-mobile-device-access-overrides` output"
            }
        }
    }

    /// The shape its text has.
    pub(crate) fn shape(self) -> Shape {
        match self {
            Self::Organization => Shape::Structure(&shape::DOCUMENT),
            Self::ListAccessControlRules => {
                Shape::Structure(&shape::LIST_ACCESS_CONTROL_RULES_OUTPUT)
            }
            Self::ListUsers => Shape::Structure(&shape::LIST_USERS_OUTPUT),
            Self::GetImpersonationRole => Shape::Structure(&shape::IMPERSONATION_ROLE),
            Self::ImpersonationRoleArray => Shape::List(&shape::IMPERSONATION_ROLES),
            Self::ListImpersonationRoles => {
                Shape::Structure(&shape::LIST_IMPERSONATION_ROLES_OUTPUT)
            }
            Self::ListMobileDeviceAccessRules => {
                Shape::Structure(&shape::LIST_MOBILE_DEVICE_ACCESS_RULES_OUTPUT)
            }
            Self::ListMobileDeviceAccessOverrides => {
                Shape::Structure(&shape::LIST_MOBILE_DEVICE_ACCESS_OVERRIDES_OUTPUT)
            }
        }
    }
}

/// A loaded document: the organization and the warnings found.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The organization.
    pub organization: Organization,
    /// What kind of text it was.
    pub kind: DocumentKind,
    /// Warnings (never errors), in text order.
    pub warnings: Vec<Diagnostic>,
}

/// What marks an object as one kind of input (D3, D26).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    /// Any of these members.
    AnyMember(&'static [&'static str]),
    /// A `Rules` array whose first item has this member, which no access control rule has.
    FirstRuleHas(&'static str),
}

impl Marker {
    fn holds(self, object: &Object<'_>) -> bool {
        match self {
            Self::AnyMember(names) => names.iter().any(|name| object.get(name).is_some()),
            Self::FirstRuleHas(name) => object
                .get("Rules")
                .and_then(|rules| rules.value.as_array())
                .and_then(|rules| rules.elements.first())
                .and_then(|first| first.as_object())
                .is_some_and(|first| first.get(name).is_some()),
        }
    }
}

/// How an object is recognised: the first marker it has names its kind, and an object with none
/// is an organization document (`{}` is a new organization, D1). A JSON array is a list of
/// `get-impersonation-role` outputs; any other value is read as an organization document, which
/// it cannot be.
pub(crate) const RECOGNISED: [(Marker, DocumentKind); 7] = [
    (
        Marker::AnyMember(&[
            "OrganizationId",
            "AccessControlRules",
            "ImpersonationRoles",
            "MobileDeviceAccessRules",
            "MobileDeviceAccessOverrides",
            "Emulator",
        ]),
        DocumentKind::Organization,
    ),
    (
        Marker::AnyMember(&["ImpersonationRoleId"]),
        DocumentKind::GetImpersonationRole,
    ),
    (
        Marker::FirstRuleHas("MobileDeviceAccessRuleId"),
        DocumentKind::ListMobileDeviceAccessRules,
    ),
    (
        Marker::AnyMember(&["Overrides"]),
        DocumentKind::ListMobileDeviceAccessOverrides,
    ),
    (
        Marker::AnyMember(&["Rules"]),
        DocumentKind::ListAccessControlRules,
    ),
    (
        Marker::AnyMember(&["Roles"]),
        DocumentKind::ListImpersonationRoles,
    ),
    (Marker::AnyMember(&["Users"]), DocumentKind::ListUsers),
];

fn detect(root: &Ast<'_>) -> DocumentKind {
    let Some(object) = root.as_object() else {
        return if root.as_array().is_some() {
            DocumentKind::ImpersonationRoleArray
        } else {
            DocumentKind::Organization
        };
    };
    RECOGNISED
        .iter()
        .find(|(marker, _)| marker.holds(object))
        .map_or(DocumentKind::Organization, |(_, kind)| *kind)
}

/// Finds the value at `path`, for locating diagnostics found after parsing.
fn find<'t, 'a>(root: &'t Ast<'a>, path: &Path) -> Option<&'t Ast<'a>> {
    path.segments()
        .iter()
        .try_fold(root, |node, segment| child(node, segment))
}

/// The member or item `segment` names in `node` (the last of duplicate members, which is the
/// one that counts).
pub(crate) fn child<'t, 'a>(node: &'t Ast<'a>, segment: &Segment) -> Option<&'t Ast<'a>> {
    match segment {
        Segment::Member(name) => node.as_object().and_then(|object| {
            object
                .properties
                .iter()
                .rev()
                .find(|prop| json::prop_name(&prop.name) == name)
                .map(|prop| &prop.value)
        }),
        Segment::Index(index) => node.as_array().and_then(|array| array.elements.get(*index)),
    }
}

/// The diagnostics of one load: every one, or (for [`load_capped`]) only the first `keep` in
/// text order and a count of the others, found in time linear in their number.
struct Collected {
    /// How many are kept (`usize::MAX`: every one).
    keep: usize,
    /// The ones kept so far, in the order found.
    kept: Vec<Diagnostic>,
    /// Once `kept` has been cut down to `keep`, the place of its last diagnostic: one found
    /// later at or past that place comes after `keep` others in text order, so it is only
    /// counted, and never built.
    bound: Option<(u32, u32)>,
    /// The ones cut.
    hidden: Hidden,
}

impl Collected {
    const fn new(keep: usize) -> Self {
        Self {
            keep,
            kept: Vec::new(),
            bound: None,
            hidden: Hidden {
                errors: 0,
                warnings: 0,
            },
        }
    }

    /// Takes the diagnostic of `severity` at `position` that `make` builds, unless it is
    /// already known to be cut.
    fn push_with(
        &mut self,
        severity: Severity,
        position: Position,
        make: impl FnOnce() -> Diagnostic,
    ) {
        if self
            .bound
            .is_some_and(|bound| (position.line, position.column) >= bound)
        {
            self.hidden.add(severity);
            return;
        }
        self.kept.push(make());
        // Cutting when twice as many are kept makes each diagnostic's share of the sorting
        // constant for a given `keep`.
        if self.kept.len() > self.keep.saturating_mul(2) {
            self.cut();
        }
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        let position = Position {
            line: diagnostic.line,
            column: diagnostic.column,
        };
        self.push_with(diagnostic.severity, position, || diagnostic);
    }

    /// Puts the kept diagnostics in text order (stably: those at one place keep the order they
    /// were found in) and cuts all but the first `keep`.
    fn cut(&mut self) {
        crate::sort::sort_by_key(&mut self.kept, |d| (d.line, d.column));
        let keep = self.keep.min(self.kept.len());
        for diagnostic in self.kept.drain(keep..) {
            self.hidden.add(diagnostic.severity);
        }
        self.bound = (self.kept.len() == self.keep).then(|| {
            self.kept
                .last()
                .map_or((0, 0), |last| (last.line, last.column))
        });
    }

    /// Whether any diagnostic, kept or cut, is an error.
    fn has_errors(&self) -> bool {
        self.hidden.errors > 0 || self.kept.iter().any(Diagnostic::is_error)
    }

    /// The first `keep` diagnostics in text order, and a count of the others.
    fn finish(mut self) -> CappedError {
        self.cut();
        CappedError {
            shown: self.kept,
            hidden: self.hidden,
        }
    }
}

struct Context<'t, 'a> {
    root: &'t Ast<'a>,
    source: &'t SourceMap<'a>,
    diagnostics: Collected,
}

/// The member that names the JSON Schema an editor checks a text with
/// (`"$schema": "…/organization.schema.json"`, see [`crate::schema`]): at the root of an object
/// it is for the editor, not part of the document, so it is neither read nor reported.
pub const SCHEMA_MEMBER: &str = "$schema";

/// Whether `violation` is the root's [`SCHEMA_MEMBER`] reported as unknown: a loader of
/// another kind of file (a tests file) drops those too.
pub(crate) fn names_the_schema(violation: &Violation) -> bool {
    matches!(violation.problem, Problem::UnknownMember { .. })
        && matches!(violation.path.segments(), [Segment::Member(name)] if name == SCHEMA_MEMBER)
}

/// The shape's violations, each a diagnostic as it is found.
impl Violations for Context<'_, '_> {
    fn push(&mut self, violation: Violation) {
        if names_the_schema(&violation) {
            return;
        }
        let severity = match violation.problem {
            Problem::UnknownMember { .. } => Severity::Warning,
            _ => Severity::Error,
        };
        let position = self.source.position(violation.offset.unwrap_or(0));
        self.diagnostics.push_with(severity, position, || {
            Diagnostic::from_violation_at(&violation, position, severity)
        });
    }
}

impl Context<'_, '_> {
    fn report(
        &mut self,
        code: &'static str,
        severity: Severity,
        path: &Path,
        message: String,
        help: Option<&str>,
    ) {
        let offset = find(self.root, path).map_or(0, json::start_of);
        let position = self.source.position(offset);
        self.diagnostics.push_with(severity, position, || {
            let diagnostic = Diagnostic::new(code, severity, path, position, message);
            match help {
                Some(help) => diagnostic.with_help(help),
                None => diagnostic,
            }
        });
    }

    fn warn(&mut self, code: &'static str, path: &Path, message: String, help: &str) {
        self.report(code, Severity::Warning, path, message, Some(help));
    }

    fn error(&mut self, code: &'static str, path: &Path, message: String, help: &str) {
        self.report(code, Severity::Error, path, message, Some(help));
    }

    /// Reads a validated member; a failure here would be a gap in the shapes, reported, not hidden.
    fn read<T: DeserializeOwned>(&mut self, path: &Path) -> Option<T> {
        let node = find(self.root, path)?;
        let read = T::deserialize(json::Node::Tree(node));
        self.kept(read, path)
    }

    /// Reads a validated object as [`Self::read`] does, through its members (see
    /// [`json::object_members`]).
    fn read_object<T: DeserializeOwned>(&mut self, path: &Path) -> Option<T> {
        let node = find(self.root, path)?;
        let read = T::deserialize(json::object_members(node));
        self.kept(read, path)
    }

    /// Reads a validated array of objects as [`Self::read`] does, each through its members (see
    /// [`json::object_members`]).
    fn read_objects<T: DeserializeOwned>(&mut self, path: &Path) -> Option<Vec<T>> {
        let node = find(self.root, path)?;
        let elements = node
            .as_array()
            .map_or(&[][..], |array| array.elements.as_slice());
        let read = Vec::deserialize(SeqDeserializer::new(
            elements.iter().map(json::object_members),
        ));
        self.kept(read, path)
    }

    /// The value read, or `None` with the failure reported at `path`.
    fn kept<T>(&mut self, read: Result<T, serde_json::Error>, path: &Path) -> Option<T> {
        match read {
            Ok(value) => Some(value),
            Err(error) => {
                let message = format!("cannot be read: {error}");
                self.report("invalid", Severity::Error, path, message, None);
                None
            }
        }
    }
}

/// Where the parts of the organization are in each kind of input.
struct Layout {
    users: Option<Path>,
    rules: Option<Path>,
    roles: Option<Path>,
    summaries: Option<Path>,
    single_role: bool,
    mobile_rules: Option<Path>,
    mobile_overrides: Option<Path>,
}

fn layout(kind: DocumentKind) -> Layout {
    let at = |name: &str| Some(Path::root().member(name));
    let none = Layout {
        users: None,
        rules: None,
        roles: None,
        summaries: None,
        single_role: false,
        mobile_rules: None,
        mobile_overrides: None,
    };
    match kind {
        DocumentKind::Organization => Layout {
            users: at("Users"),
            rules: at("AccessControlRules"),
            roles: at("ImpersonationRoles"),
            mobile_rules: at("MobileDeviceAccessRules"),
            mobile_overrides: at("MobileDeviceAccessOverrides"),
            ..none
        },
        DocumentKind::ListAccessControlRules => Layout {
            rules: at("Rules"),
            ..none
        },
        DocumentKind::ListUsers => Layout {
            users: at("Users"),
            ..none
        },
        DocumentKind::GetImpersonationRole => Layout {
            single_role: true,
            ..none
        },
        DocumentKind::ImpersonationRoleArray => Layout {
            roles: Some(Path::root()),
            ..none
        },
        DocumentKind::ListImpersonationRoles => Layout {
            summaries: at("Roles"),
            ..none
        },
        DocumentKind::ListMobileDeviceAccessRules => Layout {
            mobile_rules: at("Rules"),
            ..none
        },
        DocumentKind::ListMobileDeviceAccessOverrides => Layout {
            mobile_overrides: at("Overrides"),
            ..none
        },
    }
}

/// Loads a document or raw AWS output.
///
/// ```
/// use workmail_policy::document::{load, DocumentKind};
/// let loaded = load(r#"{"Rules": [{"Name": "default", "Effect": "ALLOW", "Description": "Default WorkMail Rule", "DateCreated": 0.0, "DateModified": 0.0}],
///                       "ResponseMetadata": {"HTTPStatusCode": 200}}"#).unwrap();
/// assert_eq!(loaded.kind, DocumentKind::ListAccessControlRules);
/// assert_eq!(loaded.warnings[0].code, "unknown-member");
///
/// let error = load("{\"AccessControlRules\": [{\"Name\": \"x\", \"Effect\": \"MAYBE\"}]}").unwrap_err();
/// assert_eq!(error.diagnostics[0].path, "AccessControlRules[0].Effect");
/// assert_eq!((error.diagnostics[0].line, error.diagnostics[0].column), (1, 49));
/// ```
///
/// # Errors
/// Every error and warning found, when there is at least one error. Nothing is loaded then (D20).
pub fn load(text: &str) -> Result<Loaded, DocumentError> {
    load_parsed(&json::parse(text)?)
}

/// [`load`] keeping only the first `shown` diagnostics in text order, and counting the others:
/// for a face that shows only the first few, a document with millions of problems (a hostile
/// one of the 128 MiB [`json::MAX_TEXT_BYTES`] allows has about five million) is checked in
/// time linear in its size without holding them all. The document loads exactly when [`load`]
/// loads it; [`Loaded::warnings`] then holds its first `shown` warnings, and the [`Hidden`]
/// beside it counts the others.
///
/// ```
/// use workmail_policy::document::{load, load_capped};
///
/// let rules: Vec<String> = (0..60)
///     .map(|i| format!(r#"{{"Name": "r{i}", "Effect": "ALLOW", "Actions": ["imap"]}}"#))
///     .collect();
/// let text = format!(r#"{{"AccessControlRules": [{}]}}"#, rules.join(",\n"));
/// let capped = load_capped(&text, 5).unwrap_err();
/// let every = load(&text).unwrap_err().diagnostics;
/// assert_eq!(capped.shown, every[..5]);
/// assert_eq!((capped.hidden.errors, capped.hidden.warnings), (55, 0));
/// assert_eq!(capped.error_count(), 60);
///
/// // Each rule's unknown member warns, and so do 60 rules where WorkMail holds 10.
/// let unknown = text.replace("\"Actions\": [\"imap\"]", "\"Odd\": 1");
/// let (loaded, hidden) = load_capped(&unknown, 5).unwrap();
/// assert_eq!((loaded.warnings.len(), hidden.warnings), (5, 56));
/// ```
///
/// # Errors
/// The first `shown` errors and warnings found, and a count of the others, when there is at
/// least one error.
pub fn load_capped(text: &str, shown: usize) -> Result<(Loaded, Hidden), CappedError> {
    let parsed = json::parse(text).map_err(|error| unparsed(&error, shown))?;
    load_keeping(&parsed, shown)
}

/// The capped error of a text that is not JSON.
fn unparsed(error: &json::SyntaxError, shown: usize) -> CappedError {
    let mut diagnostics = Collected::new(shown);
    diagnostics.push(Diagnostic::from_syntax(error));
    diagnostics.finish()
}

/// [`load`] on a text already parsed, for callers that need its syntax tree too.
pub(crate) fn load_parsed(parsed: &Parsed<'_>) -> Result<Loaded, DocumentError> {
    load_keeping(parsed, usize::MAX)
        .map(|(loaded, _)| loaded)
        .map_err(|error| DocumentError {
            diagnostics: error.shown,
        })
}

/// [`load_capped`] on a text already parsed, with the count of the warnings past the first
/// `shown`.
fn load_keeping(parsed: &Parsed<'_>, shown: usize) -> Result<(Loaded, Hidden), CappedError> {
    let kind = detect(&parsed.root);
    let mut context = Context {
        root: &parsed.root,
        source: &parsed.source,
        diagnostics: Collected::new(shown),
    };
    shape::check(&parsed.root, kind.shape(), &Path::root(), &mut context);
    if context.diagnostics.has_errors() {
        return Err(context.diagnostics.finish());
    }
    let organization = build(kind, &mut context);
    match organization {
        Some(organization) if !context.diagnostics.has_errors() => {
            let CappedError { shown, hidden } = context.diagnostics.finish();
            let loaded = Loaded {
                organization,
                kind,
                warnings: shown,
            };
            Ok((loaded, hidden))
        }
        _ => Err(context.diagnostics.finish()),
    }
}

fn build(kind: DocumentKind, context: &mut Context<'_, '_>) -> Option<Organization> {
    let layout = layout(kind);
    let root = Path::root();
    let mut organization = Organization::default();
    if kind == DocumentKind::Organization {
        organization.id = context.read(&root.member("OrganizationId"));
        organization.emulator = context
            .read_object::<EmulatorState>(&root.member("Emulator"))
            .unwrap_or_default();
    }
    if let Some(path) = &layout.users {
        let users = context.read_objects::<User>(path);
        organization.set_users(users);
    }
    if let Some(rules) = layout
        .rules
        .as_ref()
        .and_then(|path| context.read_objects::<AccessControlRule>(path))
    {
        organization.rules = rules;
        organization.rules_revision = RulesRevision::new();
    }
    if layout.single_role {
        organization.roles = context
            .read_object::<ImpersonationRole>(&root)
            .into_iter()
            .collect();
    } else if let Some(path) = &layout.roles {
        organization.roles = context
            .read_objects::<ImpersonationRole>(path)
            .unwrap_or_default();
    } else if let Some(path) = &layout.summaries {
        let summaries = context
            .read_objects::<ImpersonationRoleSummary>(path)
            .unwrap_or_default();
        organization.roles = summaries.into_iter().map(role_from_summary).collect();
        for at in 0..organization.roles.len() {
            context.warn(
                "role-without-rules",
                &path.index(at),
                "`list-impersonation-roles` does not show a role's rules, so this role denies every target".to_owned(),
                "paste `aws workmail get-impersonation-role` output for the role to include its rules",
            );
        }
    }
    // Role references are checked only where the input lists roles: a bare rule list says nothing
    // about which roles exist.
    let roles_known = match kind {
        DocumentKind::Organization => {
            find(context.root, &root.member("ImpersonationRoles")).is_some()
        }
        DocumentKind::GetImpersonationRole
        | DocumentKind::ImpersonationRoleArray
        | DocumentKind::ListImpersonationRoles => true,
        DocumentKind::ListAccessControlRules
        | DocumentKind::ListUsers
        | DocumentKind::ListMobileDeviceAccessRules
        | DocumentKind::ListMobileDeviceAccessOverrides => false,
    };
    check_organization(&organization, &layout, roles_known, context);
    mobile::load(
        &mut organization,
        layout.mobile_rules.as_ref(),
        layout.mobile_overrides.as_ref(),
        context,
    );
    Some(organization)
}

/// The positions of the items whose key an earlier item already had, in ascending order.
pub(crate) fn repeats<'a, T>(items: &'a [T], key: impl Fn(&'a T) -> &'a str) -> Vec<usize> {
    let mut seen = HashSet::with_capacity(items.len());
    let mut repeated = Vec::new();
    for (at, item) in items.iter().enumerate() {
        if !seen.insert(key(item)) {
            repeated.push(at);
        }
    }
    repeated
}

/// The message of a `duplicate-role-id` error: the same role ID in two roles of one text.
fn duplicate_role_id(id: &str) -> String {
    format!("role ID `{id}` appears more than once")
}

/// The help of a `duplicate-role-id` error.
const DUPLICATE_ROLE_ID_HELP: &str = "each role has its own ID; remove the copy";

fn role_from_summary(summary: ImpersonationRoleSummary) -> ImpersonationRole {
    ImpersonationRole {
        impersonation_role_id: summary.impersonation_role_id,
        name: summary.name,
        role_type: summary.role_type,
        description: None,
        rules: Vec::new(),
        date_created: summary.date_created,
        date_modified: summary.date_modified,
    }
}

fn role_path(layout: &Layout, at: usize) -> Path {
    match (&layout.roles, &layout.summaries) {
        (Some(path), _) | (None, Some(path)) => path.index(at),
        (None, None) => Path::root(),
    }
}

/// Checks that need the whole organization: uniqueness, limits, references (D8, D15, D17, D20).
fn check_organization(
    organization: &Organization,
    layout: &Layout,
    roles_known: bool,
    context: &mut Context<'_, '_>,
) {
    let directory = organization.directory();
    if let (Some(users), Some(users_path)) = (organization.users(), &layout.users) {
        for at in repeats(users, |user| &user.id) {
            let Some(user) = users.get(at) else { continue };
            context.error(
                "duplicate-user-id",
                &users_path.index(at).member("Id"),
                format!(
                    "user ID `{}` appears more than once",
                    shape::shorten(&user.id)
                ),
                "each user of `list-users` has its own ID; remove the copy",
            );
        }
    }
    // The roles' IDs, when the input lists roles, to check rules' references against.
    let role_ids = roles_known.then(|| organization.impersonation_role_ids());
    if let Some(rules_path) = &layout.rules {
        let rules = organization.access_control_rules();
        if rules.len() > 10 {
            context.warn(
                "rule-limit",
                rules_path,
                format!("{} access control rules; WorkMail holds at most 10, the default rule included", rules.len()),
                "the limit is inferred from the AWS model (D9); PutAccessControlRule refuses an 11th rule",
            );
        }
        let repeated_names = repeats(rules, |rule| &rule.name);
        for (at, rule) in rules.iter().enumerate() {
            let path = rules_path.index(at);
            if repeated_names.binary_search(&at).is_ok() {
                context.error(
                    "duplicate-rule-name",
                    &path.member("Name"),
                    format!("a rule named `{}` appears more than once", rule.name),
                    "rule names are unique in an organization; rename or remove one",
                );
            }
            check_rule_references(rule, &path, organization, role_ids.as_ref(), context);
        }
    }
    let roles = organization.impersonation_roles();
    if roles.len() > 20 {
        context.warn(
            "role-limit",
            &role_path(layout, 0),
            format!("{} impersonation roles; WorkMail holds at most 20", roles.len()),
            "the limit is inferred from the AWS model (D15); CreateImpersonationRole refuses a 21st role",
        );
    }
    let repeated_ids = repeats(roles, |role| &role.impersonation_role_id);
    for (at, role) in roles.iter().enumerate() {
        let path = role_path(layout, at);
        if repeated_ids.binary_search(&at).is_ok() {
            context.error(
                "duplicate-role-id",
                &path.member("ImpersonationRoleId"),
                duplicate_role_id(&role.impersonation_role_id),
                DUPLICATE_ROLE_ID_HELP,
            );
        }
        let repeated_rules = repeats(&role.rules, |rule| &rule.impersonation_rule_id);
        for (index, rule) in role.rules.iter().enumerate() {
            let rule_path = path.member("Rules").index(index);
            if repeated_rules.binary_search(&index).is_ok() {
                context.error(
                    "duplicate-impersonation-rule-id",
                    &rule_path.member("ImpersonationRuleId"),
                    format!(
                        "rule ID `{}` appears more than once in this role",
                        rule.impersonation_rule_id
                    ),
                    "impersonation rule IDs are unique within a role (D15)",
                );
            }
            if directory.is_known() {
                for (list, entries) in [
                    ("TargetUsers", &rule.target_users),
                    ("NotTargetUsers", &rule.not_target_users),
                ] {
                    for (entry_at, entry) in entries.iter().enumerate() {
                        if directory.resolve(entry).is_none() {
                            context.warn(
                                "unknown-target-user",
                                &rule_path.member(list).index(entry_at),
                                format!(
                                    "`{}` names no user of the directory, so it never matches",
                                    shape::shorten(entry)
                                ),
                                "use a user ID, email or user name from `Users` (D13, D17)",
                            );
                        }
                    }
                }
            }
        }
    }
}

/// Checks one rule's ranges and references; `role_ids` holds the IDs of the roles when the
/// input lists roles (a bare rule list says nothing about which roles exist).
fn check_rule_references(
    rule: &AccessControlRule,
    path: &Path,
    organization: &Organization,
    role_ids: Option<&HashSet<&str>>,
    context: &mut Context<'_, '_>,
) {
    for (list, ranges) in [
        ("IpRanges", &rule.ip_ranges),
        ("NotIpRanges", &rule.not_ip_ranges),
    ] {
        for (at, range) in ranges.iter().enumerate() {
            if range.has_host_bits() {
                context.warn(
                    "cidr-host-bits",
                    &path.member(list).index(at),
                    format!(
                        "`{}` has host bits set and is matched as `{}`",
                        range.as_str(),
                        range.network()
                    ),
                    "write the network address so the rule says what it does (D8)",
                );
            }
        }
    }
    let directory = organization.directory();
    if directory.is_known() {
        for (list, ids) in [
            ("UserIds", &rule.user_ids),
            ("NotUserIds", &rule.not_user_ids),
        ] {
            for (at, id) in ids.iter().enumerate() {
                if !directory.has_user_id(id) {
                    context.warn(
                        "unknown-user",
                        &path.member(list).index(at),
                        format!(
                            "user `{}` is not in `Users`, so this entry never matches",
                            shape::shorten(id)
                        ),
                        "the user may have been deleted; remove the entry or add the user (D17)",
                    );
                }
            }
        }
    }
    if let Some(role_ids) = role_ids {
        let role_lists = [
            ("ImpersonationRoleIds", &rule.impersonation_role_ids),
            ("NotImpersonationRoleIds", &rule.not_impersonation_role_ids),
        ];
        for (list, ids) in role_lists {
            for (at, id) in ids.iter().enumerate() {
                if !role_ids.contains(id.as_str()) {
                    context.warn(
                        "unknown-role",
                        &path.member(list).index(at),
                        format!("impersonation role `{id}` is not in `ImpersonationRoles`, so this entry never matches"),
                        "the role may have been deleted; remove the entry or add the role (D17)",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code, path, line and column of every diagnostic of a load, warnings or errors.
    pub(super) fn located(
        result: Result<Loaded, DocumentError>,
    ) -> Vec<(&'static str, String, u32, u32)> {
        let diagnostics = match result {
            Ok(loaded) => loaded.warnings,
            Err(error) => error.diagnostics,
        };
        diagnostics
            .into_iter()
            .map(|d| (d.code, d.path, d.line, d.column))
            .collect()
    }

    /// An organization document of `count` rules named `r0`, `r1`... that allow everything.
    pub(super) fn allow_rules(count: usize) -> String {
        let rules: Vec<String> = (0..count)
            .map(|at| format!(r#"{{"Name": "r{at}", "Effect": "ALLOW"}}"#))
            .collect();
        format!(r#"{{"AccessControlRules": [{}]}}"#, rules.join(","))
    }

    fn codes(text: &str) -> Vec<(&'static str, String, u32, u32)> {
        located(load(text))
    }

    #[test]
    fn d1_missing_rules_key_means_the_default_rule() {
        let loaded = load("{}").ok();
        let rules = loaded.map(|l| l.organization.access_control_rules().to_vec());
        assert_eq!(rules, Some(vec![AccessControlRule::default_rule()]));
        let loaded = load(r#"{"AccessControlRules": []}"#).ok();
        assert_eq!(
            loaded.map(|l| l.organization.access_control_rules().len()),
            Some(0)
        );
    }

    #[test]
    fn raw_outputs_are_recognised() {
        let cases = [
            (r#"{"Rules": []}"#, DocumentKind::ListAccessControlRules),
            (r#"{"Users": []}"#, DocumentKind::ListUsers),
            (
                r#"{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "Rules": []}"#,
                DocumentKind::GetImpersonationRole,
            ),
            (
                r#"[{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "Rules": []}]"#,
                DocumentKind::ImpersonationRoleArray,
            ),
            (r#"{"Roles": []}"#, DocumentKind::ListImpersonationRoles),
            (
                r#"{"OrganizationId": "m-0123456789abcdef0123456789abcdef"}"#,
                DocumentKind::Organization,
            ),
        ];
        for (text, kind) in cases {
            assert_eq!(load(text).ok().map(|l| l.kind), Some(kind), "{text}");
        }
    }

    #[test]
    fn each_kind_of_input_loads_what_it_lists() {
        fn each<T, U>(items: &[T], what: impl Fn(&T) -> U) -> Vec<U> {
            items.iter().map(what).collect()
        }
        let user = r#"{"Id": "S-1-1-11-0000000001", "Email": "jane@example.com"}"#;
        let rule = r#"{"Name": "no-imap", "Effect": "DENY", "Actions": ["IMAP"]}"#;
        let role = r#"{"ImpersonationRoleId": "10000000-0000-0000-0000-000000000001", "Name": "archiver", "Type": "READ_ONLY",
            "Rules": [{"ImpersonationRuleId": "r1", "Effect": "ALLOW"}]}"#;
        let mobile_rule = r#"{"MobileDeviceAccessRuleId": "mdar-1", "Name": "no-android", "Effect": "DENY", "DeviceTypes": ["Android"]}"#;
        let mobile_override =
            r#"{"UserId": "S-1-1-11-0000000001", "DeviceId": "device1", "Effect": "ALLOW"}"#;
        let what = |text: &str| {
            let loaded = load(text).unwrap_or_else(|error| panic!("{error}\n{text}"));
            let organization = &loaded.organization;
            (
                loaded.kind,
                organization.id().map(str::to_owned),
                organization
                    .users()
                    .map(|users| each(users, |user| user.id.clone())),
                each(organization.access_control_rules(), |rule| {
                    rule.name.clone()
                }),
                each(organization.impersonation_roles(), |role| {
                    (role.name.clone(), role.rules.len())
                }),
                each(organization.mobile_device_access_rules(), |rule| {
                    rule.name.clone()
                }),
                each(organization.mobile_device_access_overrides(), |item| {
                    item.device_id.clone()
                }),
            )
        };
        let id = "m-0123456789abcdef0123456789abcdef";
        let users = Some(vec!["S-1-1-11-0000000001".to_owned()]);
        let default_rule = || vec!["default".to_owned()];
        let default_mobile_rule = || vec!["default".to_owned()];
        let organization = format!(
            r#"{{"OrganizationId": "{id}", "Users": [{user}], "AccessControlRules": [{rule}],
                "ImpersonationRoles": [{role}], "MobileDeviceAccessRules": [{mobile_rule}],
                "MobileDeviceAccessOverrides": [{mobile_override}]}}"#
        );
        assert_eq!(
            what(&organization),
            (
                DocumentKind::Organization,
                Some(id.to_owned()),
                users.clone(),
                vec!["no-imap".to_owned()],
                vec![("archiver".to_owned(), 1)],
                vec!["no-android".to_owned()],
                vec!["device1".to_owned()],
            )
        );
        let nothing = || (Vec::new(), Vec::new());
        let cases = [
            (
                format!(r#"{{"Rules": [{rule}]}}"#),
                DocumentKind::ListAccessControlRules,
                None,
                vec!["no-imap".to_owned()],
                Vec::new(),
                nothing(),
            ),
            (
                format!(r#"{{"Users": [{user}]}}"#),
                DocumentKind::ListUsers,
                users,
                default_rule(),
                Vec::new(),
                nothing(),
            ),
            (
                role.to_owned(),
                DocumentKind::GetImpersonationRole,
                None,
                default_rule(),
                vec![("archiver".to_owned(), 1)],
                nothing(),
            ),
            (
                format!("[{role}, {}]", role.replace("0001\"", "0002\"")),
                DocumentKind::ImpersonationRoleArray,
                None,
                default_rule(),
                vec![("archiver".to_owned(), 1), ("archiver".to_owned(), 1)],
                nothing(),
            ),
            (
                r#"{"Roles": [{"ImpersonationRoleId": "10000000-0000-0000-0000-000000000001", "Name": "archiver", "Type": "READ_ONLY"}]}"#.to_owned(),
                DocumentKind::ListImpersonationRoles,
                None,
                default_rule(),
                vec![("archiver".to_owned(), 0)],
                nothing(),
            ),
            (
                format!(r#"{{"Rules": [{mobile_rule}]}}"#),
                DocumentKind::ListMobileDeviceAccessRules,
                None,
                default_rule(),
                Vec::new(),
                (vec!["no-android".to_owned()], Vec::new()),
            ),
            (
                format!(r#"{{"Overrides": [{mobile_override}]}}"#),
                DocumentKind::ListMobileDeviceAccessOverrides,
                None,
                default_rule(),
                Vec::new(),
                (default_mobile_rule(), vec!["device1".to_owned()]),
            ),
        ];
        for (text, kind, users, rules, roles, (mobile_rules, overrides)) in cases {
            let mobile_rules = if mobile_rules.is_empty() {
                default_mobile_rule()
            } else {
                mobile_rules
            };
            assert_eq!(
                what(&text),
                (kind, None, users, rules, roles, mobile_rules, overrides),
                "{text}"
            );
        }
    }

    #[test]
    fn d20_every_error_is_reported_at_once_with_positions() {
        let text = "{\n  \"AccessControlRules\": [\n    {\"Name\": \"a b\", \"Effect\": \"ALLOW\", \"IpRanges\": [\"::/0\"]},\n    {\"Effect\": \"DENY\", \"Actions\": [\"imap\"]}\n  ]\n}";
        let found = codes(text);
        assert_eq!(
            found,
            vec![
                ("pattern", "AccessControlRules[0].Name".into(), 3, 14),
                ("pattern", "AccessControlRules[0].IpRanges[0]".into(), 3, 53),
                ("required", "AccessControlRules[1].Name".into(), 4, 5),
                ("enum", "AccessControlRules[1].Actions[0]".into(), 4, 36),
            ]
        );
    }

    #[test]
    fn d3_unknown_keys_are_warnings_and_iso_dates_load() {
        let text = r#"{"Rules": [{"Name": "default", "Effect": "ALLOW", "DateCreated": "1970-01-01T00:00:00+00:00", "Colour": "red"}], "ResponseMetadata": {}}"#;
        let loaded = load(text);
        let warnings: Vec<_> = loaded
            .iter()
            .flat_map(|l| &l.warnings)
            .map(|w| (w.code, w.path.clone()))
            .collect();
        assert_eq!(
            warnings,
            [
                ("unknown-member", "Rules[0].Colour".to_owned()),
                ("unknown-member", "ResponseMetadata".to_owned())
            ]
        );
    }

    #[test]
    fn d20_limits_are_warnings_when_loading() {
        let text = allow_rules(11);
        let loaded = load(&text);
        assert!(loaded.is_ok_and(|l| l.warnings.iter().any(|w| w.code == "rule-limit")));
    }

    #[test]
    fn duplicates_are_errors() {
        let text = r#"{"AccessControlRules": [{"Name": "a", "Effect": "ALLOW"}, {"Name": "a", "Effect": "DENY"}],
            "ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY",
              "Rules": [{"ImpersonationRuleId": "x", "Effect": "ALLOW"}, {"ImpersonationRuleId": "x", "Effect": "DENY"}]}]}"#;
        let found: Vec<&str> = codes(text).into_iter().map(|c| c.0).collect();
        assert_eq!(
            found,
            ["duplicate-rule-name", "duplicate-impersonation-rule-id"]
        );
        let found: Vec<&str> = codes(r#"{"a": 1, "a": 2}"#)
            .into_iter()
            .map(|c| c.0)
            .collect();
        assert_eq!(
            found,
            ["unknown-member", "duplicate-member", "unknown-member"]
        );
    }

    #[test]
    fn references_to_missing_users_and_roles_are_warnings() {
        let text = r#"{"Users": [{"Id": "S-1-1-11-0000000001", "Email": "a@example.com"}],
            "AccessControlRules": [{"Name": "a", "Effect": "DENY", "UserIds": ["S-1-1-11-0000000002"], "ImpersonationRoleIds": ["gone"], "IpRanges": ["10.1.0.0/8"]}],
            "ImpersonationRoles": []}"#;
        let found: Vec<&str> = codes(text).into_iter().map(|c| c.0).collect();
        assert_eq!(found, ["unknown-user", "unknown-role", "cidr-host-bits"]);
    }

    /// Checks that [`load_capped`] keeps, for each count, the diagnostics [`load`] lists first
    /// and counts the others exactly.
    fn capped_as_load(text: &str) {
        let every = match load(text) {
            Ok(loaded) => loaded.warnings,
            Err(error) => error.diagnostics,
        };
        for keep in [0, 1, 2, 7, every.len() / 2, every.len(), every.len() + 1] {
            let (shown, hidden, loads) = match load_capped(text, keep) {
                Ok((loaded, hidden)) => (loaded.warnings, hidden, true),
                Err(error) => {
                    assert_eq!(error.total(), every.len());
                    assert_eq!(
                        error.error_count(),
                        every.iter().filter(|d| d.is_error()).count()
                    );
                    (error.shown, error.hidden, false)
                }
            };
            let split = keep.min(every.len());
            assert_eq!(shown, every[..split], "keeping {keep} of {}", every.len());
            assert_eq!(load(text).is_ok(), loads);
            // What was not kept is counted, warnings of a document that loads too.
            let rest = &every[split..];
            let errors = rest.iter().filter(|d| d.is_error()).count();
            assert_eq!(
                (hidden.errors, hidden.warnings),
                (errors, rest.len() - errors)
            );
        }
    }

    #[test]
    fn a_capped_collection_stays_small_and_builds_nothing_it_would_cut() {
        for keep in [0, 1, 5] {
            let mut collected = Collected::new(keep);
            let mut built = 0;
            let mut most = 0;
            for line in (1..=200).rev() {
                let position = Position { line, column: 1 };
                collected.push_with(Severity::Warning, position, || {
                    built += 1;
                    Diagnostic::new("w", Severity::Warning, &Path::root(), position, "w")
                });
                most = most.max(collected.kept.len());
            }
            for line in 1..=200 {
                let position = Position { line, column: 2 };
                collected.push_with(Severity::Error, position, || {
                    built += 1;
                    Diagnostic::new("e", Severity::Error, &Path::root(), position, "e")
                });
                most = most.max(collected.kept.len());
            }
            // At most twice `keep` (and the one that makes it cut) are held at any time; once
            // `keep` are kept, one found past them is counted without being built.
            assert!(most <= 2 * keep + 1, "keep {keep}: held {most}");
            assert!(built < 200 + 2 * keep + 2, "keep {keep}: built {built}");
            assert!(collected.has_errors());
            let finished = collected.finish();
            let places: Vec<(u32, u32)> =
                finished.shown.iter().map(|d| (d.line, d.column)).collect();
            let first: Vec<(u32, u32)> = (1..)
                .flat_map(|line| [(line, 1), (line, 2)])
                .take(keep)
                .collect();
            assert_eq!(places, first, "the first in text order");
            assert_eq!(finished.total(), 400);
            assert_eq!(finished.error_count(), 200);
        }
    }

    #[test]
    fn a_capped_load_keeps_the_first_diagnostics_in_text_order_and_counts_the_others() {
        // Errors and warnings on many lines, several at one place (a missing member is
        // reported at its object, and found after the object's other members).
        let rules: Vec<String> = (0..40)
            .map(|at| format!(r#"{{"Colour": {at}, "Actions": ["imap"], "Effect": "MAYBE"}}"#))
            .collect();
        capped_as_load(&format!(
            "{{\"AccessControlRules\": [{}]}}",
            rules.join(",\n")
        ));
        // The same on one line, and in reverse order of place: the checks of the whole
        // organization come after the shape's, for rules found earlier in the text.
        let rules: Vec<String> = (0..30)
            .map(|at| format!(r#"{{"Name": "r{}", "Effect": "ALLOW", "UserIds": ["S-1-1-11-{at}"], "Colour": 1}}"#, at % 3))
            .collect();
        capped_as_load(&format!(
            r#"{{"Users": [], "AccessControlRules": [{}]}}"#,
            rules.join(",")
        ));
        // Warnings only: the document loads, with its first warnings.
        let rules: Vec<String> = (0..30)
            .map(|at| format!(r#"{{"Name": "r{at}", "Effect": "ALLOW", "Colour": 1}}"#))
            .collect();
        let text = format!(r#"{{"AccessControlRules": [{}]}}"#, rules.join(",\n"));
        assert!(load(&text).is_ok());
        capped_as_load(&text);
        // Not JSON.
        capped_as_load("{\"Rules\": [}");
    }

    #[test]
    fn a_schema_member_at_the_root_is_not_reported() {
        let schema = r#""$schema": "https://example.com/organization.schema.json""#;
        for text in [
            format!(r#"{{{schema}}}"#),
            format!(r#"{{{schema}, "AccessControlRules": []}}"#),
            format!(r#"{{{schema}, "Rules": [{{"Name": "a", "Effect": "ALLOW"}}]}}"#),
            format!(
                r#"{{{schema}, "ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY"}}"#
            ),
            format!(r#"{{{schema}, "Users": []}}"#),
        ] {
            assert_eq!(codes(&text), [], "{text}");
        }
        // Only at the root: inside a rule it is an unknown member like any other.
        let text =
            format!(r#"{{"AccessControlRules": [{{{schema}, "Name": "a", "Effect": "ALLOW"}}]}}"#);
        assert_eq!(
            codes(&text),
            [(
                "unknown-member",
                "AccessControlRules[0].$schema".to_owned(),
                1,
                37
            )]
        );
        // Twice is still a repeated member.
        let text = format!(r#"{{{schema}, {schema}}}"#);
        assert_eq!(
            codes(&text).into_iter().map(|c| c.0).collect::<Vec<_>>(),
            ["duplicate-member"]
        );
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let found = codes("{\"Rules\": [}");
        assert_eq!(found, [("syntax", String::new(), 1, 12)]);
    }
}
