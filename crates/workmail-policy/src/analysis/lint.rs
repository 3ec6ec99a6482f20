//! Lints: rules that can never match or change nothing, ranges that say more than they do,
//! references to users and roles the document lacks, counts over the inferred limits, and the
//! mobile device access lints of D45 (`mobile-*`, `unknown-override-user`).
//!
//! Each lint is a [`LintRule`] in its own file under `lint/`, with a stable code, a severity and
//! What / Why / Example / Fix documentation that faces show as help text
//! ([`LintRule::help_text`]). [`lint_document`] lints a text and locates each finding;
//! [`lint`] lints a loaded organization.

use std::cell::OnceCell;
use std::fmt;

use jsonc_parser::ast::Value as Ast;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::space::{Space, principals_of};
use super::targets::{CompiledRole, target_universe};
use crate::diagnostic::{DocumentError, split_shown, write_count, write_place_and_message};
use crate::document::{self, DocumentKind};
use crate::json::{self, SourceMap};
use crate::model::{
    AccessControlRule, Action, Effect, ImpersonationRole, IpRange, MobileDeviceAccessOverride,
    MobileDeviceAccessRule,
};
use crate::org::Organization;
use crate::shape::Path;

mod actions_all_excluded;
mod cidr_host_bits;
mod conflicting_principals;
mod default_rule_deleted;
mod duplicate_entry;
mod duplicate_ip_range;
mod impersonation_rule_no_effect;
mod ip_ranges_all_excluded;
mod mobile_allow_beside_allow_all;
mod mobile_duplicate_rule_name;
mod mobile_redundant_entry;
mod mobile_rule_limit;
mod mobile_rule_never_matches;
mod mobile_short_version;
mod nested_ip_range;
mod principals_all_excluded;
mod redundant_rule;
mod role_impersonates_nobody;
mod role_limit;
mod role_rule_without_ews;
mod rule_limit;
mod unknown_override_user;
mod unknown_role;
mod unknown_target_user;
mod unknown_user;

/// How much a lint finding matters. Lints never block loading (D20).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum LintSeverity {
    /// Probably not what the author meant: a rule that cannot match, a dangling reference.
    Warning,
    /// Harmless but worth tidying: a duplicate entry, a deleted default rule.
    Info,
}

impl LintSeverity {
    /// `warning` or `info`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

impl fmt::Display for LintSeverity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One lint: its code, severity and documentation, and the check behind it.
pub struct LintRule {
    code: &'static str,
    severity: LintSeverity,
    title: &'static str,
    what: &'static str,
    why: &'static str,
    example: &'static str,
    fix: &'static str,
    check: fn(&LintContext<'_>, &mut Vec<LintFinding>),
}

impl LintRule {
    /// The stable kebab-case code.
    pub const fn code(&self) -> &'static str {
        self.code
    }

    /// The severity of its findings.
    pub const fn severity(&self) -> LintSeverity {
        self.severity
    }

    /// A one-line summary.
    pub const fn title(&self) -> &'static str {
        self.title
    }

    /// What it finds.
    pub const fn what(&self) -> &'static str {
        self.what
    }

    /// Why that matters.
    pub const fn why(&self) -> &'static str {
        self.why
    }

    /// A document fragment that triggers it.
    pub const fn example(&self) -> &'static str {
        self.example
    }

    /// How to fix it.
    pub const fn fix(&self) -> &'static str {
        self.fix
    }

    /// The documentation as Markdown, for `--help`-style output and web pages.
    ///
    /// ```
    /// use workmail_policy::analysis::lint_rule;
    /// let rule = lint_rule("cidr-host-bits").unwrap();
    /// let help = rule.help_text();
    /// assert!(help.starts_with("# cidr-host-bits (warning)"));
    /// assert!(help.contains("## Why"));
    /// ```
    pub fn help_text(&self) -> String {
        format!(
            "# {} ({})\n\n{}\n\n## What\n\n{}\n\n## Why\n\n{}\n\n## Example\n\n```json\n{}\n```\n\n## Fix\n\n{}\n",
            self.code, self.severity, self.title, self.what, self.why, self.example, self.fix
        )
    }
}

impl fmt::Debug for LintRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LintRule")
            .field("code", &self.code)
            .field("severity", &self.severity)
            .finish_non_exhaustive()
    }
}

impl Serialize for LintRule {
    /// The documentation, as [`LintRuleDoc`].
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        LintRuleDoc {
            code: self.code,
            severity: self.severity,
            title: self.title,
            what: self.what,
            why: self.why,
            example: self.example,
            fix: self.fix,
        }
        .serialize(serializer)
    }
}

/// A lint's documentation, as a [`LintRule`] serializes:
/// `{"Code", "Severity", "Title", "What", "Why", "Example", "Fix"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct LintRuleDoc<'a> {
    /// The lint's code (`redundant-rule`...).
    pub code: &'a str,
    /// How much a finding matters.
    pub severity: LintSeverity,
    /// A one-line summary.
    pub title: &'a str,
    /// What the lint finds.
    pub what: &'a str,
    /// Why it matters.
    pub why: &'a str,
    /// A document fragment (JSON) that triggers it.
    pub example: &'a str,
    /// How to fix it.
    pub fix: &'a str,
}

static RULES: [&LintRule; 25] = [
    &conflicting_principals::RULE,
    &role_rule_without_ews::RULE,
    &actions_all_excluded::RULE,
    &ip_ranges_all_excluded::RULE,
    &principals_all_excluded::RULE,
    &redundant_rule::RULE,
    &cidr_host_bits::RULE,
    &duplicate_ip_range::RULE,
    &nested_ip_range::RULE,
    &duplicate_entry::RULE,
    &unknown_user::RULE,
    &unknown_role::RULE,
    &unknown_target_user::RULE,
    &default_rule_deleted::RULE,
    &rule_limit::RULE,
    &role_limit::RULE,
    &impersonation_rule_no_effect::RULE,
    &role_impersonates_nobody::RULE,
    &mobile_rule_never_matches::RULE,
    &mobile_redundant_entry::RULE,
    &mobile_short_version::RULE,
    &mobile_allow_beside_allow_all::RULE,
    &mobile_duplicate_rule_name::RULE,
    &unknown_override_user::RULE,
    &mobile_rule_limit::RULE,
];

/// Every lint, in the order they run.
///
/// ```
/// use workmail_policy::analysis::lint_rules;
/// assert!(lint_rules().iter().any(|rule| rule.code() == "redundant-rule"));
/// ```
pub fn lint_rules() -> &'static [&'static LintRule] {
    &RULES
}

/// The lint with this code.
pub fn lint_rule(code: &str) -> Option<&'static LintRule> {
    RULES.iter().copied().find(|rule| rule.code == code)
}

/// One finding.
// Read back from JSON too (the playground's analysis worker sends its findings to the page);
// a code no lint has is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct LintFinding {
    /// The lint's code.
    #[serde(deserialize_with = "known_code")]
    pub code: Code,
    /// Its severity.
    pub severity: LintSeverity,
    /// The JSON path (`AccessControlRules[2].NotIpRanges[0]`), empty for the whole document.
    pub path: String,
    /// 1-based line, when linted from text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column, when linted from text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl LintFinding {
    /// The same with advice.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for LintFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.severity, self.code)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ": {line}:{column}")?;
        }
        write_place_and_message(f, &self.path, &self.message, self.help.as_deref())
    }
}

/// A lint's code, named so that serde reads it through [`known_code`] rather than borrowing it
/// from the text (which would need text that lives for ever).
type Code = &'static str;

/// A lint code read back as the lint's own: a code no lint has is refused.
fn known_code<'de, D: Deserializer<'de>>(deserializer: D) -> Result<&'static str, D::Error> {
    let code = String::deserialize(deserializer)?;
    lint_rules()
        .iter()
        .map(|rule| rule.code())
        .find(|known| *known == code)
        .ok_or_else(|| D::Error::custom(format!("no lint has the code `{code}`")))
}

/// Every finding of a lint run, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct LintReport {
    /// The findings.
    pub findings: Vec<LintFinding>,
}

impl LintReport {
    /// How many findings have `severity`.
    pub fn count(&self, severity: LintSeverity) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.severity == severity)
            .count()
    }

    /// The codes found, in order, for tests and summaries.
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(|finding| finding.code).collect()
    }
}

impl fmt::Display for LintReport {
    /// Each finding (the first [`DIAGNOSTICS_SHOWN`](crate::diagnostic::DIAGNOSTICS_SHOWN), then `and N more findings not shown`),
    /// then `N warnings, M infos` (or `no findings`), which counts every one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (shown, rest) = split_shown(&self.findings);
        for finding in shown {
            writeln!(f, "{finding}")?;
        }
        if !rest.is_empty() {
            f.write_str("and ")?;
            write_count(f, rest.len(), "more finding")?;
            writeln!(f, " not shown")?;
        }
        if self.findings.is_empty() {
            return writeln!(f, "no findings");
        }
        write_count(f, self.count(LintSeverity::Warning), "warning")?;
        f.write_str(", ")?;
        write_count(f, self.count(LintSeverity::Info), "info")?;
        writeln!(f)
    }
}

/// Where rules and roles are in each kind of input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    kind: DocumentKind,
}

impl Layout {
    fn rules(self) -> Path {
        match self.kind {
            DocumentKind::ListAccessControlRules => Path::root().member("Rules"),
            _ => Path::root().member("AccessControlRules"),
        }
    }

    fn roles(self) -> Path {
        match self.kind {
            DocumentKind::ImpersonationRoleArray | DocumentKind::GetImpersonationRole => {
                Path::root()
            }
            DocumentKind::ListImpersonationRoles => Path::root().member("Roles"),
            _ => Path::root().member("ImpersonationRoles"),
        }
    }

    fn role(self, at: usize) -> Path {
        match self.kind {
            DocumentKind::GetImpersonationRole => Path::root(),
            _ => self.roles().index(at),
        }
    }

    fn mobile_rules(self) -> Path {
        match self.kind {
            DocumentKind::ListMobileDeviceAccessRules => Path::root().member("Rules"),
            _ => Path::root().member("MobileDeviceAccessRules"),
        }
    }

    fn mobile_overrides(self) -> Path {
        match self.kind {
            DocumentKind::ListMobileDeviceAccessOverrides => Path::root().member("Overrides"),
            _ => Path::root().member("MobileDeviceAccessOverrides"),
        }
    }
}

/// Facts about the access control rules, computed once over the request space.
#[derive(Debug, Clone, Default)]
pub(crate) struct AccessFacts {
    /// Per rule: whether it matches some valid request.
    pub(crate) matches_some: Vec<bool>,
    /// Per rule: whether removing it alone changes some request's effect.
    pub(crate) decides_some: Vec<bool>,
    /// Per role of the organization: whether access control allows it EWS from some address.
    pub(crate) role_reachable: Vec<bool>,
}

/// Facts about one impersonation role, over its target space.
#[derive(Debug, Clone, Default)]
pub(crate) struct RoleFacts {
    /// Per rule: whether it applies to some target.
    pub(crate) matches_some: Vec<bool>,
    /// Per rule: whether removing it alone changes some target's effect.
    pub(crate) decides_some: Vec<bool>,
    /// Whether some target is allowed.
    pub(crate) allows_some: bool,
}

/// Marks, for one cell's matching rules, which rule would change the effect if removed alone.
fn mark_deciding(matching: &[usize], effect_of: impl Fn(usize) -> Effect, decides: &mut [bool]) {
    let deny: Vec<usize> = matching
        .iter()
        .copied()
        .filter(|at| effect_of(*at) == Effect::Deny)
        .collect();
    let allow_count = matching.len() - deny.len();
    let sole = match (deny.as_slice(), allow_count) {
        ([only], 1..) => Some(*only),
        ([], 1) => matching.first().copied(),
        _ => None,
    };
    if let Some(slot) = sole.and_then(|at| decides.get_mut(at)) {
        *slot = true;
    }
}

/// What a lint sees: the organization, where its parts are, and facts computed on demand.
pub(crate) struct LintContext<'a> {
    organization: &'a Organization,
    layout: Layout,
    roles_known: bool,
    access: OnceCell<AccessFacts>,
    roles: OnceCell<Vec<RoleFacts>>,
}

impl<'a> LintContext<'a> {
    fn new(organization: &'a Organization, layout: Layout, roles_known: bool) -> Self {
        Self {
            organization,
            layout,
            roles_known,
            access: OnceCell::new(),
            roles: OnceCell::new(),
        }
    }

    /// The organization.
    pub(crate) fn organization(&self) -> &'a Organization {
        self.organization
    }

    /// The access control rules with their positions.
    pub(crate) fn rules(&self) -> impl Iterator<Item = (usize, &'a AccessControlRule)> {
        self.organization.access_control_rules().iter().enumerate()
    }

    /// Each rule's two range lists: the rule's position, the list's name and its entries.
    pub(crate) fn range_lists(&self) -> impl Iterator<Item = (usize, &'static str, &'a [IpRange])> {
        self.rules().flat_map(|(at, rule)| {
            [
                (at, "IpRanges", rule.ip_ranges.as_slice()),
                (at, "NotIpRanges", rule.not_ip_ranges.as_slice()),
            ]
        })
    }

    /// The roles with their positions.
    pub(crate) fn roles(&self) -> impl Iterator<Item = (usize, &'a ImpersonationRole)> {
        self.organization.impersonation_roles().iter().enumerate()
    }

    /// Whether the input lists the organization's roles (a bare rule list does not).
    pub(crate) const fn roles_known(&self) -> bool {
        self.roles_known
    }

    /// The path of the rule list.
    pub(crate) fn rules_path(&self) -> Path {
        self.layout.rules()
    }

    /// The path of rule `at`.
    pub(crate) fn rule_path(&self, at: usize) -> Path {
        self.layout.rules().index(at)
    }

    /// The path of the role list.
    pub(crate) fn roles_path(&self) -> Path {
        self.layout.roles()
    }

    /// The path of role `at`.
    pub(crate) fn role_path(&self, at: usize) -> Path {
        self.layout.role(at)
    }

    /// The mobile device access rules with their positions.
    pub(crate) fn mobile_rules(&self) -> impl Iterator<Item = (usize, &'a MobileDeviceAccessRule)> {
        self.organization
            .mobile_device_access_rules()
            .iter()
            .enumerate()
    }

    /// The path of the mobile rule list.
    pub(crate) fn mobile_rules_path(&self) -> Path {
        self.layout.mobile_rules()
    }

    /// The path of mobile rule `at`.
    pub(crate) fn mobile_rule_path(&self, at: usize) -> Path {
        self.layout.mobile_rules().index(at)
    }

    /// The overrides with their paths.
    pub(crate) fn mobile_overrides(
        &self,
    ) -> impl Iterator<Item = (Path, &'a MobileDeviceAccessOverride)> {
        let list = self.layout.mobile_overrides();
        self.organization
            .mobile_device_access_overrides()
            .iter()
            .enumerate()
            .map(move |(at, item)| (list.index(at), item))
    }

    /// A finding of `rule` at `path`.
    pub(crate) fn finding(rule: &LintRule, path: &Path, message: impl Into<String>) -> LintFinding {
        LintFinding {
            code: rule.code,
            severity: rule.severity,
            path: path.to_string(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    /// Facts about the access control rules.
    pub(crate) fn access(&self) -> &AccessFacts {
        self.access.get_or_init(|| access_facts(self.organization))
    }

    /// Facts about each role, in role order.
    pub(crate) fn role_facts(&self) -> &[RoleFacts] {
        self.roles.get_or_init(|| {
            self.organization
                .impersonation_roles()
                .iter()
                .map(|role| role_facts(self.organization, role))
                .collect()
        })
    }
}

fn access_facts(organization: &Organization) -> AccessFacts {
    let rules: Vec<&AccessControlRule> = organization.access_control_rules().iter().collect();
    let count = rules.len();
    let space = Space::new(rules, principals_of(&[organization]));
    let mut matches_some = vec![false; count];
    let mut decides_some = vec![false; count];
    let mut reachable = vec![false; space.principals().len()];
    let effect_of = |at: usize| {
        space
            .rules()
            .get(at)
            .map_or(Effect::Allow, |rule| rule.effect)
    };
    let mut allowed = Vec::with_capacity(space.matched_sets().len());
    for matched in space.matched_sets() {
        let matching: Vec<usize> = matched.iter().collect();
        for at in &matching {
            if let Some(slot) = matches_some.get_mut(*at) {
                *slot = true;
            }
        }
        mark_deciding(&matching, effect_of, &mut decides_some);
        allowed.push(space.decide(matched, 0..count).0 == Effect::Allow);
    }
    for (at, column) in space.columns().iter().enumerate() {
        let reaches = space
            .column_cells(at)
            .iter()
            .any(|id| allowed.get(*id).copied().unwrap_or(false));
        for (action, principal) in &column.pairs {
            if reaches
                && *action == Action::Ews
                && let Some(slot) = reachable.get_mut(*principal)
            {
                *slot = true;
            }
        }
    }
    let role_reachable = organization
        .impersonation_roles()
        .iter()
        .map(|role| {
            let principal = crate::eval::access::Principal::ImpersonationRoleId(
                role.impersonation_role_id.clone(),
            );
            reachable
                .get(space.principal_index(&principal))
                .copied()
                .unwrap_or(false)
        })
        .collect();
    AccessFacts {
        matches_some,
        decides_some,
        role_reachable,
    }
}

fn role_facts(organization: &Organization, role: &ImpersonationRole) -> RoleFacts {
    let compiled = CompiledRole::new(role, organization.directory());
    let count = role.rules.len();
    let mut facts = RoleFacts {
        matches_some: vec![false; count],
        decides_some: vec![false; count],
        allows_some: false,
    };
    let effect_of = |at: usize| role.rules.get(at).map_or(Effect::Allow, |rule| rule.effect);
    for target in target_universe(&[organization], &role.impersonation_role_id) {
        let Some(probe) = compiled.probe(&target) else {
            continue;
        };
        let matching = compiled.matching(probe);
        for at in &matching {
            if let Some(slot) = facts.matches_some.get_mut(*at) {
                *slot = true;
            }
        }
        mark_deciding(&matching, effect_of, &mut facts.decides_some);
        facts.allows_some |= compiled.decide_indices(&matching).0 == Effect::Allow;
    }
    facts
}

fn run(context: &LintContext<'_>) -> Vec<LintFinding> {
    let mut findings = Vec::new();
    for rule in RULES {
        (rule.check)(context, &mut findings);
    }
    findings
}

/// Lints an organization, with paths as in an organization document (no line numbers). Role
/// references are checked against the organization's roles.
///
/// ```
/// use workmail_policy::analysis::lint;
/// use workmail_policy::Organization;
/// let org = Organization::from_json(r#"{"AccessControlRules": [
///     {"Name": "default", "Effect": "ALLOW"},
///     {"Name": "never", "Effect": "DENY", "Actions": ["IMAP"], "NotActions": ["IMAP"]}]}"#)?.organization;
/// assert_eq!(lint(&org).codes(), ["actions-all-excluded"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn lint(organization: &Organization) -> LintReport {
    let layout = Layout {
        kind: DocumentKind::Organization,
    };
    LintReport {
        findings: run(&LintContext::new(organization, layout, true)),
    }
}

/// Finds the value at `path`, or its nearest ancestor that exists.
fn locate<'t, 'a>(root: &'t Ast<'a>, path: &Path) -> &'t Ast<'a> {
    let mut node = root;
    for segment in path.segments() {
        match document::child(node, segment) {
            Some(found) => node = found,
            None => break,
        }
    }
    node
}

/// Loads a document, lints it, and locates every finding (line and column). Warnings the loader
/// already reports (`unknown-member`...) are included; where a lint reports the same code at the
/// same path, only the lint's finding is kept.
///
/// ```
/// use workmail_policy::analysis::lint_document;
/// let text = "{\"Rules\": [\n  {\"Name\": \"office\", \"Effect\": \"ALLOW\", \"IpRanges\": [\"10.1.2.3/8\"]}\n]}";
/// let report = lint_document(text)?;
/// assert_eq!(report.codes(), ["default-rule-deleted", "cidr-host-bits"]);
/// let host_bits = &report.findings[1];
/// assert_eq!(host_bits.path, "Rules[0].IpRanges[0]");
/// assert_eq!((host_bits.line, host_bits.column), (Some(2), Some(54)));
/// # Ok::<(), workmail_policy::DocumentError>(())
/// ```
///
/// # Errors
/// The document's errors, when it cannot be loaded.
pub fn lint_document(text: &str) -> Result<LintReport, DocumentError> {
    let parsed = json::parse(text)?;
    let loaded = document::load_parsed(&parsed)?;
    let mut findings = rule_findings(&parsed, &loaded);
    for warning in loaded.warnings {
        let duplicate = findings
            .iter()
            .any(|finding| finding.code == warning.code && finding.path == warning.path);
        if !duplicate {
            findings.push(LintFinding {
                code: warning.code,
                severity: LintSeverity::Warning,
                path: warning.path,
                line: Some(warning.line),
                column: Some(warning.column),
                message: warning.message,
                help: warning.help,
            });
        }
    }
    crate::sort::sort_by_key(&mut findings, |finding| (finding.line, finding.column));
    Ok(LintReport { findings })
}

/// What the lints find in a loaded document, each located in its text (the loader's own
/// warnings left out).
fn rule_findings(parsed: &json::Parsed<'_>, loaded: &document::Loaded) -> Vec<LintFinding> {
    let roles_known = match loaded.kind {
        DocumentKind::Organization => parsed
            .root
            .as_object()
            .is_some_and(|object| object.get("ImpersonationRoles").is_some()),
        DocumentKind::GetImpersonationRole
        | DocumentKind::ImpersonationRoleArray
        | DocumentKind::ListImpersonationRoles => true,
        DocumentKind::ListAccessControlRules
        | DocumentKind::ListUsers
        | DocumentKind::ListMobileDeviceAccessRules
        | DocumentKind::ListMobileDeviceAccessOverrides => false,
    };
    let layout = Layout { kind: loaded.kind };
    let context = LintContext::new(&loaded.organization, layout, roles_known);
    let source: &SourceMap<'_> = &parsed.source;
    run(&context)
        .into_iter()
        .map(|mut finding| {
            let path = parse_path(&finding.path);
            let position = source.position(json::start_of(locate(&parsed.root, &path)));
            finding.line = Some(position.line);
            finding.column = Some(position.column);
            finding
        })
        .collect()
}

/// Reads a path as [`Path`]'s `Display` writes it (`Rules[2].NotIpRanges[0]`, `[3]`).
fn parse_path(text: &str) -> Path {
    let mut path = Path::root();
    for part in text.split('.') {
        let (name, indices) = part
            .split_once('[')
            .map_or((part, ""), |(n, rest)| (n, rest));
        if !name.is_empty() {
            path = path.member(name);
        }
        for index in indices.split('[') {
            if let Ok(index) = index.trim_end_matches(']').parse::<usize>() {
                path = path.index(index);
            }
        }
    }
    path
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The findings of one lint for a document, as (path, message). The lint finds each
    /// itself: a loader warning of the same code adds none.
    pub(crate) fn findings(code: &str, text: &str) -> Vec<(String, String)> {
        let of_code = |findings: Vec<LintFinding>| -> Vec<(String, String)> {
            findings
                .into_iter()
                .filter(|finding| finding.code == code)
                .map(|finding| (finding.path, finding.message))
                .collect()
        };
        let report = lint_document(text).unwrap_or_else(|error| panic!("{error}"));
        let found = of_code(report.findings);
        let parsed = json::parse(text).unwrap_or_else(|error| panic!("{error:?}"));
        let loaded = document::load_parsed(&parsed).unwrap_or_else(|error| panic!("{error}"));
        let mut own = of_code(rule_findings(&parsed, &loaded));
        let mut all = found.clone();
        own.sort();
        all.sort();
        assert_eq!(own, all, "{code} in {text}");
        found
    }

    #[test]
    fn a_report_reads_back_from_its_json() {
        let report = match lint_document(
            "{\"AccessControlRules\": [{\"Name\": \"a\", \"Effect\": \"DENY\", \"UserIds\": [\"S-1-1-11-1111\", \"S-1-1-11-1111\"]}]}",
        ) {
            Ok(report) => report,
            Err(error) => panic!("{error}"),
        };
        assert!(!report.findings.is_empty());
        let json = serde_json::to_string(&report).unwrap_or_default();
        let read: LintReport =
            serde_json::from_str(&json).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(read, report);
        let unknown = json.replacen(report.findings[0].code, "no-such-lint", 1);
        let error = serde_json::from_str::<LintReport>(&unknown)
            .map(|_| ())
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("no lint has the code `no-such-lint`"),
            "{error}"
        );
    }

    #[test]
    fn every_rule_is_documented_and_unique() {
        let mut codes: Vec<&str> = lint_rules().iter().map(|rule| rule.code()).collect();
        for rule in lint_rules() {
            for (part, text) in [
                ("title", rule.title()),
                ("what", rule.what()),
                ("why", rule.why()),
                ("example", rule.example()),
                ("fix", rule.fix()),
            ] {
                assert!(!text.trim().is_empty(), "{} has no {part}", rule.code());
            }
            assert!(
                rule.code()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                rule.code()
            );
            // Every example is JSON that triggers its own lint (the limit lints excepted,
            // their examples being abbreviated).
            if !rule.code().ends_with("-limit") {
                let report = lint_document(rule.example());
                assert!(
                    report
                        .as_ref()
                        .is_ok_and(|r| r.codes().contains(&rule.code())),
                    "example of {} does not trigger it: {report:?}",
                    rule.code()
                );
            }
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), lint_rules().len());
    }

    #[test]
    fn a_role_finding_is_placed_where_each_kind_of_output_holds_roles() {
        let role = r#"{"ImpersonationRoleId": "archiver", "Name": "Archiver", "Type": "READ_ONLY", "Rules": []}"#;
        let nobody = "role `archiver` can impersonate nobody: it has no rules".to_owned();
        for (text, path) in [
            (format!("[{role}]"), "[0]"),
            (role.to_owned(), ""),
            (
                format!(r#"{{"ImpersonationRoles": [{role}]}}"#),
                "ImpersonationRoles[0]",
            ),
        ] {
            assert_eq!(
                findings("role-impersonates-nobody", &text),
                [(path.to_owned(), nobody.clone())],
                "{text}"
            );
        }
        // `list-impersonation-roles` output: too many roles, counted at the first.
        let roles: Vec<String> = (0..21)
            .map(|at| format!(r#"{{"ImpersonationRoleId": "role-{at:02}-000000", "Name": "n{at}", "Type": "READ_ONLY"}}"#))
            .collect();
        let listed = findings(
            "role-limit",
            &format!(r#"{{"Roles": [{}]}}"#, roles.join(",")),
        );
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].0, "Roles[0]");
    }

    #[test]
    fn an_organization_is_linted_for_its_references_without_its_text() {
        // The loader also warns of these when it reads text; `lint` finds them on its own.
        let organization = crate::analysis::test_organization(
            r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
                  {"Name": "archiver", "Effect": "DENY", "ImpersonationRoleIds": ["gone"]}],
                "ImpersonationRoles": [],
                "Users": [{"Id": "S-1-1-11-0000000001"}],
                "MobileDeviceAccessOverrides": [{"UserId": "S-1-1-11-0000000009", "DeviceId": "abc", "Effect": "ALLOW"}]}"#,
        );
        let report = lint(&organization);
        let placed: Vec<(&str, &str)> = report
            .findings
            .iter()
            .map(|finding| (finding.code, finding.path.as_str()))
            .collect();
        assert_eq!(
            placed,
            [
                (
                    "unknown-role",
                    "AccessControlRules[1].ImpersonationRoleIds[0]"
                ),
                (
                    "unknown-override-user",
                    "MobileDeviceAccessOverrides[0].UserId"
                ),
            ]
        );
    }

    #[test]
    fn a_mobile_rule_finding_is_placed_in_list_output_too() {
        let rule = r#"{"MobileDeviceAccessRuleId": "old", "Name": "old iOS", "Effect": "DENY", "DeviceOperatingSystems": ["iOS 1"]}"#;
        for (text, path) in [
            (format!(r#"{{"Rules": [{rule}]}}"#), "Rules[0]"),
            (
                format!(r#"{{"MobileDeviceAccessRules": [{rule}]}}"#),
                "MobileDeviceAccessRules[0]",
            ),
        ] {
            let found = findings("mobile-short-version", &text);
            assert_eq!(found.len(), 1, "{text}");
            assert!(found[0].0.starts_with(path), "{text}: {found:?}");
        }
    }

    #[test]
    fn each_rule_documents_itself_in_words_of_its_own() {
        /// A part of a lint's documentation: its name, and how to read it.
        type Part = (&'static str, fn(&LintRule) -> &'static str);
        let parts: [Part; 4] = [
            ("title", LintRule::title),
            ("what", LintRule::what),
            ("why", LintRule::why),
            ("fix", LintRule::fix),
        ];
        for (part, text) in parts {
            let mut texts: Vec<&str> = lint_rules().iter().map(|rule| text(rule)).collect();
            texts.sort_unstable();
            texts.dedup();
            assert_eq!(texts.len(), lint_rules().len(), "two lints share a {part}");
        }
        // The help text is made of the same parts, under their headings.
        for rule in lint_rules() {
            let help = rule.help_text();
            for (part, text) in parts {
                assert!(
                    help.contains(text(rule)),
                    "{}'s help has no {part}",
                    rule.code()
                );
            }
            assert!(help.contains(rule.example()));
        }
        let Some(rule) = lint_rule("cidr-host-bits") else {
            panic!("cidr-host-bits is a lint");
        };
        assert_eq!(
            format!("{rule:?}"),
            "LintRule { code: \"cidr-host-bits\", severity: Warning, .. }"
        );
    }

    #[test]
    fn paths_round_trip() {
        for text in [
            "",
            "Rules[2].NotIpRanges[0]",
            "[3]",
            "[3].Rules[0].TargetUsers[1]",
            "ImpersonationRoles",
        ] {
            assert_eq!(parse_path(text).to_string(), text);
        }
    }

    #[test]
    fn a_clean_document_has_no_findings() {
        let report = lint_document(
            r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
                {"Name": "office", "Effect": "DENY", "NotIpRanges": ["192.0.2.0/24"], "Actions": ["WebMail"]}]}"#,
        );
        assert_eq!(
            report.map(|r| r.to_string()).ok().as_deref(),
            Some("no findings\n")
        );
    }

    #[test]
    fn loader_warnings_are_kept_once() {
        let text = r#"{"Users": [{"Id": "S-1-1-11-000000000001"}],
            "AccessControlRules": [{"Name": "default", "Effect": "ALLOW", "Colour": "red"},
              {"Name": "x", "Effect": "DENY", "UserIds": ["S-1-1-11-000000000009"]}]}"#;
        let codes = lint_document(text).map(|r| r.codes()).unwrap_or_default();
        assert_eq!(codes, ["unknown-member", "unknown-user"]);
    }

    #[test]
    fn report_counts_severities() {
        let report = lint_document(
            r#"{"AccessControlRules": [{"Name": "a", "Effect": "ALLOW", "Actions": ["IMAP", "IMAP"]}]}"#,
        );
        let text = report.map(|r| r.to_string()).unwrap_or_default();
        assert!(text.ends_with("0 warnings, 2 infos\n"), "{text}");
    }

    #[test]
    fn text_shows_fifty_findings_and_counts_every_one() {
        use crate::diagnostic::DIAGNOSTICS_SHOWN;

        // Sixty rules with an unknown member each: each is also redundant, no rule is the
        // default, and there are more than ten.
        let rules: Vec<String> = (0..60)
            .map(|at| format!(r#"{{"Name": "r{at}", "Effect": "ALLOW", "Colour": "red"}}"#))
            .collect();
        let text = format!(r#"{{"AccessControlRules": [{}]}}"#, rules.join(",\n"));
        let report = lint_document(&text).ok();
        let count = report.as_ref().map(|r| r.findings.len());
        assert_eq!(count, Some(122));
        let shown = report.map(|r| r.to_string()).unwrap_or_default();
        let lines: Vec<&str> = shown.lines().collect();
        // Each finding shown has a help line; then the rest's count and the summary.
        assert_eq!(lines.len(), 2 * DIAGNOSTICS_SHOWN + 2);
        assert_eq!(
            lines.get(2 * DIAGNOSTICS_SHOWN),
            Some(&"and 72 more findings not shown")
        );
        assert_eq!(lines.last(), Some(&"121 warnings, 1 info"));
    }
}
