//! The constraints of the AWS model (required members, lengths, full-string patterns, enums, list
//! sizes, integer ranges), written once as data and checked by one walker for documents and requests
//! alike.
//!
//! Patterns are applied to the whole string, as the Smithy model writes them (anchored). Each pattern
//! is a small matcher named after its shape, with the AWS regular expression kept for messages.

use std::collections::HashSet;
use std::fmt;

use jsonc_parser::ast::Value as Ast;
use serde::Serialize;

use crate::json;
use crate::model::{Timestamp, parse_cidr, parse_ipv4};
use crate::semantics::Decision;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document or request cannot be used.
    Error,
    /// Worth knowing; never blocks.
    Warning,
}

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    /// An object member.
    Member(String),
    /// An array element.
    Index(usize),
}

/// A JSON path such as `Rules[2].NotIpRanges[0]` (the root is the empty path).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Path(Vec<Segment>);

impl Path {
    /// The root.
    pub const fn root() -> Self {
        Self(Vec::new())
    }

    /// This path extended by a member.
    pub fn member(&self, name: &str) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Member(name.to_owned()));
        Self(segments)
    }

    /// This path extended by an index.
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        Self(segments)
    }

    /// The segments.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// Whether this is the root.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (at, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Member(name) if at == 0 => f.write_str(&shorten(name))?,
                Segment::Member(name) => write!(f, ".{}", shorten(name))?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

impl Serialize for Path {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// What is wrong at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A value of the wrong JSON type.
    Type {
        /// What the model wants (`a string`, `an array`...).
        expected: &'static str,
        /// What was found.
        found: &'static str,
    },
    /// A required member is missing.
    Required {
        /// The member's name.
        member: &'static str,
    },
    /// A string is too short or too long.
    Length {
        /// The model's shape name.
        shape: &'static str,
        /// The value (shortened for display).
        value: String,
        /// Its length in characters.
        length: usize,
        /// Minimum length.
        min: usize,
        /// Maximum length.
        max: usize,
    },
    /// A string does not match the shape's pattern.
    Pattern {
        /// The model's shape name.
        shape: &'static str,
        /// The value (shortened for display).
        value: String,
        /// The pattern, as the AWS model writes it.
        pattern: &'static str,
    },
    /// A string is not one of the allowed values.
    Enum {
        /// The model's shape name.
        shape: &'static str,
        /// The value (shortened for display).
        value: String,
        /// The allowed values.
        allowed: &'static [&'static str],
    },
    /// A list has too few or too many items.
    ListLength {
        /// The model's shape name.
        shape: &'static str,
        /// How many items it has.
        length: usize,
        /// Minimum size.
        min: usize,
        /// Maximum size.
        max: usize,
    },
    /// An integer outside its range, or a number that is not an integer.
    Range {
        /// The value as written.
        value: String,
        /// Minimum.
        min: i64,
        /// Maximum.
        max: i64,
    },
    /// A timestamp neither epoch seconds nor an ISO 8601 date-time.
    Timestamp {
        /// The value (shortened for display).
        value: String,
        /// Why it could not be read.
        reason: String,
    },
    /// A member the model does not have.
    UnknownMember {
        /// The member's name.
        member: String,
        /// The members the structure does have.
        known: Vec<&'static str>,
    },
    /// The same member twice in one object.
    DuplicateMember {
        /// The member's name.
        member: String,
    },
}

impl Problem {
    /// A stable kebab-case code for this kind of problem.
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Type { .. } => "type",
            Self::Required { .. } => "required",
            Self::Length { .. } => "length",
            Self::Pattern { .. } => "pattern",
            Self::Enum { .. } => "enum",
            Self::ListLength { .. } => "list-length",
            Self::Range { .. } => "range",
            Self::Timestamp { .. } => "timestamp",
            Self::UnknownMember { .. } => "unknown-member",
            Self::DuplicateMember { .. } => "duplicate-member",
        }
    }

    /// The decision of the semantics that makes this value wrong, when the shape's constraint
    /// is one: the seven actions (D7), IPv4 only (D8), the organization ID (D4).
    pub fn decision(&self) -> Option<Decision> {
        match self {
            Self::Enum {
                shape: "AccessControlRuleAction",
                ..
            } => Some(Decision::D7),
            Self::Pattern {
                shape: "IpAddress" | "IpRange",
                ..
            }
            | Self::Length {
                shape: "IpAddress" | "IpRange",
                ..
            } => Some(Decision::D8),
            Self::Pattern {
                shape: "OrganizationId",
                ..
            }
            | Self::Length {
                shape: "OrganizationId",
                ..
            } => Some(Decision::D4),
            _ => None,
        }
    }

    /// Advice on how to fix it, when there is some.
    pub fn help(&self) -> Option<String> {
        match self {
            Self::Enum { shape: "AccessControlRuleAction", .. } => Some(
                "actions are case-sensitive; use the spelling the AWS API reference lists".to_owned(),
            ),
            Self::Pattern { shape: "IpAddress", .. } => Some(
                "write an IPv4 address as a dotted quad without leading zeros, such as `192.0.2.1`; IPv6 is not supported by WorkMail"
                    .to_owned(),
            ),
            Self::Pattern { shape: "IpRange", .. } => Some(
                "write an IPv4 CIDR range such as `192.0.2.0/24`; IPv6 is not supported by WorkMail"
                    .to_owned(),
            ),
            Self::Pattern { shape: "OrganizationId", .. } => Some(
                "an organization ID is `m-` followed by 32 lowercase hexadecimal digits; leave `OrganizationId` out to mean the document's organization".to_owned(),
            ),
            Self::Timestamp { .. } => Some(
                "use epoch seconds (`1581635628.0`) or ISO 8601 with an offset (`2020-02-13T23:13:48+00:00`)"
                    .to_owned(),
            ),
            Self::UnknownMember { member, known } => closest(member, known)
                .map(|name| format!("did you mean `{name}`?"))
                .or_else(|| Some(format!("known members: {}", known.join(", ")))),
            Self::DuplicateMember { .. } => {
                Some("JSON readers disagree on which copy wins; keep exactly one".to_owned())
            }
            _ => None,
        }
    }
}

fn closest(name: &str, known: &[&'static str]) -> Option<&'static str> {
    known
        .iter()
        .find(|member| member.eq_ignore_ascii_case(name))
        .copied()
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Type { expected, found } => write!(f, "expected {expected}, found {found}"),
            Self::Required { member } => write!(f, "required member `{member}` is missing"),
            Self::Length {
                shape,
                value,
                length,
                min,
                max,
            } => write!(
                f,
                "`{value}` is {length} characters long; a {shape} has {min} to {max}"
            ),
            Self::Pattern {
                shape,
                value,
                pattern,
            } => write!(f, "`{value}` is not a valid {shape} (pattern `{pattern}`)"),
            Self::Enum {
                shape,
                value,
                allowed,
            } => write!(
                f,
                "`{value}` is not a valid {shape}; expected one of {}",
                allowed.join(", ")
            ),
            Self::ListLength {
                shape,
                length,
                min,
                max,
            } => write!(
                f,
                "{length} {} is outside the {shape} size of {min} to {max}",
                if *length == 1 { "item" } else { "items" }
            ),
            Self::Range { value, min, max } => {
                write!(f, "`{value}` is not an integer from {min} to {max}")
            }
            Self::Timestamp { value, reason } => {
                write!(f, "`{value}` is not a timestamp ({reason})")
            }
            Self::UnknownMember { member, .. } => write!(f, "unknown member `{member}`"),
            Self::DuplicateMember { member } => {
                write!(f, "member `{member}` appears more than once")
            }
        }
    }
}

/// A problem at a path, with the byte offset of the value when the input was text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where.
    pub path: Path,
    /// Byte offset in the text, when known.
    pub offset: Option<usize>,
    /// What.
    pub problem: Problem,
}

/// The shape of a JSON value in the AWS model.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A string with length and pattern constraints.
    String(&'static StringShape),
    /// A string from a fixed set.
    Enum(&'static EnumShape),
    /// An integer in a range.
    Integer(&'static IntegerShape),
    /// A timestamp: epoch seconds or an ISO 8601 string.
    Timestamp,
    /// A list with a size range.
    List(&'static ListShape),
    /// An object with known members.
    Structure(&'static StructureShape),
    /// Anything (data this project does not interpret).
    Any,
}

/// A string shape.
#[derive(Debug)]
pub struct StringShape {
    /// The AWS shape name.
    pub name: &'static str,
    /// Minimum length in characters.
    pub min: usize,
    /// Maximum length in characters.
    pub max: usize,
    /// The pattern, if any.
    pub pattern: Option<Pattern>,
}

/// A full-string pattern: the AWS regular expression and its matcher.
#[derive(Debug)]
pub struct Pattern {
    /// The expression as the AWS model writes it.
    pub source: &'static str,
    /// Whether a whole string matches.
    pub matches: fn(&str) -> bool,
}

/// A string enum shape.
#[derive(Debug)]
pub struct EnumShape {
    /// The AWS shape name.
    pub name: &'static str,
    /// The allowed values.
    pub values: &'static [&'static str],
}

/// An integer shape.
#[derive(Debug)]
pub struct IntegerShape {
    /// Minimum.
    pub min: i64,
    /// Maximum.
    pub max: i64,
}

/// A list shape.
#[derive(Debug)]
pub struct ListShape {
    /// The AWS shape name.
    pub name: &'static str,
    /// Minimum size.
    pub min: usize,
    /// Maximum size.
    pub max: usize,
    /// The shape of each item.
    pub member: Shape,
}

/// A structure shape.
#[derive(Debug)]
pub struct StructureShape {
    /// The AWS shape name.
    pub name: &'static str,
    /// Its members.
    pub members: &'static [Member],
}

/// A member of a structure.
#[derive(Debug)]
pub struct Member {
    /// The JSON name.
    pub name: &'static str,
    /// Its shape.
    pub shape: Shape,
    /// Whether it must be present.
    pub required: bool,
}

impl StructureShape {
    /// The member called `name`.
    pub fn member(&self, name: &str) -> Option<&'static Member> {
        self.members.iter().find(|member| member.name == name)
    }
}

/// What to do with members the model does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownMembers {
    /// Report them (the caller decides the severity).
    Report,
}

/// A read-only view of a JSON tree, with or without positions.
pub trait Node: Sized {
    /// `a string`, `an object`...
    fn kind(&self) -> &'static str;
    /// The string, if this is one.
    fn as_str(&self) -> Option<&str>;
    /// The number as written and as `f64`, if this is one.
    fn as_number(&self) -> Option<(String, f64)>;
    /// The elements, if this is an array.
    fn elements(&self) -> Option<Vec<&Self>>;
    /// The members in order (duplicates kept), if this is an object.
    fn members(&self) -> Option<Vec<(&str, &Self)>>;
    /// The byte offset of the value in its text, if it came from text.
    fn offset(&self) -> Option<usize>;
}

impl Node for Ast<'_> {
    fn kind(&self) -> &'static str {
        json::kind_of(self)
    }
    fn as_str(&self) -> Option<&str> {
        match self {
            Ast::StringLit(literal) => Some(&literal.value),
            _ => None,
        }
    }
    fn as_number(&self) -> Option<(String, f64)> {
        // Read by serde_json, which already read every number of the text (`json::parse`) and,
        // with `float_roundtrip`, rounds a JSON number as `str::parse::<f64>` does: that parser
        // would add its own tables (about 12 KiB) to the WebAssembly module.
        match self {
            Ast::NumberLit(literal) => literal
                .value
                .parse::<serde_json::Number>()
                .ok()
                .and_then(|number| number.as_f64())
                .map(|value| (literal.value.to_owned(), value)),
            _ => None,
        }
    }
    fn elements(&self) -> Option<Vec<&Self>> {
        match self {
            Ast::Array(array) => Some(array.elements.iter().collect()),
            _ => None,
        }
    }
    fn members(&self) -> Option<Vec<(&str, &Self)>> {
        match self {
            Ast::Object(object) => Some(
                object
                    .properties
                    .iter()
                    .map(|prop| (json::prop_name(&prop.name), &prop.value))
                    .collect(),
            ),
            _ => None,
        }
    }
    fn offset(&self) -> Option<usize> {
        Some(json::start_of(self))
    }
}

impl Node for serde_json::Value {
    fn kind(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(_) => "a boolean",
            Self::Number(_) => "a number",
            Self::String(_) => "a string",
            Self::Array(_) => "an array",
            Self::Object(_) => "an object",
        }
    }
    fn as_str(&self) -> Option<&str> {
        self.as_str()
    }
    fn as_number(&self) -> Option<(String, f64)> {
        match self {
            Self::Number(number) => number.as_f64().map(|value| (number.to_string(), value)),
            _ => None,
        }
    }
    fn elements(&self) -> Option<Vec<&Self>> {
        self.as_array().map(|array| array.iter().collect())
    }
    fn members(&self) -> Option<Vec<(&str, &Self)>> {
        self.as_object()
            .map(|object| object.iter().map(|(k, v)| (k.as_str(), v)).collect())
    }
    fn offset(&self) -> Option<usize> {
        None
    }
}

/// Checks `value` against `shape`, appending every violation (in document order) to `out`.
pub fn check<N: Node>(value: &N, shape: Shape, path: &Path, out: &mut Vec<Violation>) {
    check_at(value, shape, &mut path.clone(), out);
}

/// The walk behind [`check`]: the path grows and shrinks in place, and is copied only into a
/// violation, so that checking a large valid document allocates no paths.
fn check_at<N: Node>(value: &N, shape: Shape, path: &mut Path, out: &mut Vec<Violation>) {
    let violation = |path: &Path, problem| Violation {
        path: path.clone(),
        offset: value.offset(),
        problem,
    };
    match shape {
        Shape::Any => {}
        Shape::String(string) => match value.as_str() {
            Some(text) => {
                if let Some(problem) = check_string(text, string) {
                    out.push(violation(path, problem));
                }
            }
            None => out.push(violation(
                path,
                Problem::Type {
                    expected: "a string",
                    found: value.kind(),
                },
            )),
        },
        Shape::Enum(enumeration) => match value.as_str() {
            Some(text) if enumeration.values.contains(&text) => {}
            Some(text) => out.push(violation(
                path,
                Problem::Enum {
                    shape: enumeration.name,
                    value: shorten(text),
                    allowed: enumeration.values,
                },
            )),
            None => out.push(violation(
                path,
                Problem::Type {
                    expected: "a string",
                    found: value.kind(),
                },
            )),
        },
        Shape::Integer(integer) => match value.as_number() {
            Some((written, number)) => {
                #[expect(clippy::cast_precision_loss, reason = "bounds are small integers")]
                let in_range = number.fract() == 0.0
                    && number >= integer.min as f64
                    && number <= integer.max as f64;
                if !in_range {
                    out.push(violation(
                        path,
                        Problem::Range {
                            value: written,
                            min: integer.min,
                            max: integer.max,
                        },
                    ));
                }
            }
            None => out.push(violation(
                path,
                Problem::Type {
                    expected: "an integer",
                    found: value.kind(),
                },
            )),
        },
        Shape::Timestamp => {
            if let Some(text) = value.as_str() {
                if let Err(reason) = Timestamp::parse_iso8601(text) {
                    out.push(violation(
                        path,
                        Problem::Timestamp {
                            value: shorten(text),
                            reason,
                        },
                    ));
                }
            } else if value.as_number().is_none() {
                out.push(violation(
                    path,
                    Problem::Type {
                        expected: "a timestamp (a number or an ISO 8601 string)",
                        found: value.kind(),
                    },
                ));
            }
        }
        Shape::List(list) => match value.elements() {
            Some(elements) => {
                if elements.len() < list.min || elements.len() > list.max {
                    out.push(violation(
                        path,
                        Problem::ListLength {
                            shape: list.name,
                            length: elements.len(),
                            min: list.min,
                            max: list.max,
                        },
                    ));
                }
                for (index, element) in elements.into_iter().enumerate() {
                    path.0.push(Segment::Index(index));
                    check_at(element, list.member, path, out);
                    path.0.pop();
                }
            }
            None => out.push(violation(
                path,
                Problem::Type {
                    expected: "an array",
                    found: value.kind(),
                },
            )),
        },
        Shape::Structure(structure) => match value.members() {
            Some(members) => check_structure(value, &members, structure, path, out),
            None => out.push(violation(
                path,
                Problem::Type {
                    expected: "an object",
                    found: value.kind(),
                },
            )),
        },
    }
}

fn check_structure<N: Node>(
    value: &N,
    members: &[(&str, &N)],
    structure: &'static StructureShape,
    path: &mut Path,
    out: &mut Vec<Violation>,
) {
    let mut seen: HashSet<&str> = HashSet::with_capacity(members.len());
    for (name, member_value) in members {
        path.0.push(Segment::Member((*name).to_owned()));
        if !seen.insert(name) {
            out.push(Violation {
                path: path.clone(),
                offset: member_value.offset(),
                problem: Problem::DuplicateMember {
                    member: shorten(name),
                },
            });
        }
        match structure.member(name) {
            Some(member) => check_at(*member_value, member.shape, path, out),
            None => out.push(Violation {
                path: path.clone(),
                offset: member_value.offset(),
                problem: Problem::UnknownMember {
                    member: shorten(name),
                    known: structure.members.iter().map(|m| m.name).collect(),
                },
            }),
        }
        path.0.pop();
    }
    for member in structure.members.iter().filter(|member| member.required) {
        if !seen.contains(member.name) {
            out.push(Violation {
                path: path.member(member.name),
                offset: value.offset(),
                problem: Problem::Required {
                    member: member.name,
                },
            });
        }
    }
}

fn check_string(text: &str, shape: &StringShape) -> Option<Problem> {
    let length = text.chars().count();
    if length < shape.min || length > shape.max {
        return Some(Problem::Length {
            shape: shape.name,
            value: shorten(text),
            length,
            min: shape.min,
            max: shape.max,
        });
    }
    match &shape.pattern {
        Some(pattern) if !(pattern.matches)(text) => Some(Problem::Pattern {
            shape: shape.name,
            value: shorten(text),
            pattern: pattern.source,
        }),
        _ => None,
    }
}

/// Text from a document as it may appear on a terminal: control characters (C0, DEL and C1, which
/// could move the cursor or rewrite what is shown) escaped, everything else as written.
///
/// ```
/// use workmail_policy::shape::printable;
/// assert_eq!(printable("S-1-1-11-\u{1b}[2K\rALLOW"), "S-1-1-11-\\u{1b}[2K\\rALLOW");
/// assert_eq!(printable("jane@example.com"), "jane@example.com");
/// ```
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(char::is_control) {
        text.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// A value as it appears in a message: at most 64 characters, control characters escaped.
pub fn shorten(text: &str) -> String {
    const LIMIT: usize = 64;
    let mut shown: String = text
        .chars()
        .take(LIMIT)
        .flat_map(char::escape_debug)
        .collect();
    if text.chars().nth(LIMIT).is_some() {
        shown.push('…');
    }
    shown
}

// ---------------------------------------------------------------------------------------------
// Pattern matchers. Each one is the full-string match of the AWS expression in its `source`.

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

fn name_pattern(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_name_char)
}

fn latin1_text(text: &str) -> bool {
    // `[\u0020-\u00FF]+`; the empty description is accepted (min length 0; see the docs).
    text.chars().all(|c| ('\u{20}'..='\u{ff}').contains(&c))
}

fn no_controls_or_markup(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| !(c <= '\u{1f}' || c == '\u{7f}' || c == '<' || c == '>' || c == '\\'))
}

fn multiline_text(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| {
            let control = (c <= '\u{1f}' && c != '\n' && c != '\r') || c == '\u{7f}';
            !(control || c == '<' || c == '>' || c == '\\')
        })
}

fn entity_identifier(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+@-".contains(c))
}

fn organization_id(text: &str) -> bool {
    text.strip_prefix("m-").is_some_and(|hex| {
        hex.len() == 32
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

fn ip_address(text: &str) -> bool {
    parse_ipv4(text).is_some()
}

fn ip_range(text: &str) -> bool {
    parse_cidr(text).is_some()
}

fn printable_ascii(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

fn anything(_: &str) -> bool {
    true
}

fn is_lower_hex(text: &str, length: usize) -> bool {
    text.len() == length
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn is_uuid(text: &str, hex: fn(&str, usize) -> bool) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, length)| hex(group, length))
}

fn identity_provider_user_id(text: &str) -> bool {
    let any_hex = |group: &str, length: usize| {
        group.len() == length && group.bytes().all(|b| b.is_ascii_hexdigit())
    };
    let uuid = match text.split_once('-') {
        Some((prefix, rest)) if is_lower_hex(prefix, 10) => rest,
        _ => text,
    };
    is_uuid(uuid, any_hex) || is_uuid(text, any_hex)
}

fn identity_store_id(text: &str) -> bool {
    text.strip_prefix("d-")
        .is_some_and(|hex| is_lower_hex(hex, 10))
        || is_uuid(text, is_lower_hex)
}

fn email_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._%+-".contains(c)
}

fn domain_with_tld(domain: &str, tld_char: fn(char) -> bool) -> bool {
    // `[a-zA-Z0-9.-]+\.<tld>{2,}`: some dot splits a non-empty head from a tail of two or more.
    domain
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && domain.match_indices('.').any(|(at, _)| {
            let head = domain.get(..at).unwrap_or("");
            let tail = domain.get(at + 1..).unwrap_or("");
            !head.is_empty() && tail.chars().count() >= 2 && tail.chars().all(tld_char)
        })
}

fn email_address(text: &str) -> bool {
    // `[a-zA-Z0-9._%+-]{1,64}@[a-zA-Z0-9.-]+\.[a-zA-Z-]{2,}`
    text.split_once('@').is_some_and(|(local, domain)| {
        (1..=64).contains(&local.chars().count())
            && local.chars().all(email_local_char)
            && domain_with_tld(domain, |c| c.is_ascii_alphabetic() || c == '-')
    })
}

fn user_name(text: &str) -> bool {
    // `[\w\-.]+(@[a-zA-Z0-9.\-]+\.[a-zA-Z0-9-]{2,})?`
    let (name, domain) = match text.split_once('@') {
        Some((name, domain)) => (name, Some(domain)),
        None => (text, None),
    };
    !name.is_empty()
        && name.chars().all(|c| is_name_char(c) || c == '.')
        && domain
            .is_none_or(|domain| domain_with_tld(domain, |c| c.is_ascii_alphanumeric() || c == '-'))
}

// ---------------------------------------------------------------------------------------------
// Shapes of the AWS model (botocore `workmail/2017-10-01/service-2.json`).

macro_rules! string_shape {
    ($const:ident, $name:literal, $min:literal, $max:literal) => {
        #[doc = concat!("The `", $name, "` string shape.")]
        pub static $const: StringShape = StringShape {
            name: $name,
            min: $min,
            max: $max,
            pattern: None,
        };
    };
    ($const:ident, $name:literal, $min:literal, $max:literal, $source:literal, $matcher:path) => {
        #[doc = concat!("The `", $name, "` string shape: `", $source, "`.")]
        pub static $const: StringShape = StringShape {
            name: $name,
            min: $min,
            max: $max,
            pattern: Some(Pattern {
                source: $source,
                matches: $matcher,
            }),
        };
    };
}

string_shape!(
    ORGANIZATION_ID,
    "OrganizationId",
    34,
    34,
    "^m-[0-9a-f]{32}$",
    organization_id
);
string_shape!(
    IP_ADDRESS,
    "IpAddress",
    1,
    15,
    "^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$",
    ip_address
);
string_shape!(
    IP_RANGE,
    "IpRange",
    1,
    18,
    "^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])/([0-9]|[12][0-9]|3[0-2])$",
    ip_range
);
string_shape!(
    RULE_NAME,
    "AccessControlRuleName",
    1,
    64,
    "[a-zA-Z0-9_-]+",
    name_pattern
);
string_shape!(
    RULE_DESCRIPTION,
    "AccessControlRuleDescription",
    0,
    255,
    "[\\u0020-\\u00FF]+",
    latin1_text
);
string_shape!(WORKMAIL_IDENTIFIER, "WorkMailIdentifier", 12, 256);
string_shape!(
    ROLE_ID,
    "ImpersonationRoleId",
    1,
    64,
    "[a-zA-Z0-9_-]+",
    name_pattern
);
string_shape!(
    ROLE_NAME,
    "ImpersonationRoleName",
    1,
    64,
    "[^\\x00-\\x1F\\x7F\\x3C\\x3E\\x5C]+",
    no_controls_or_markup
);
string_shape!(
    ROLE_DESCRIPTION,
    "ImpersonationRoleDescription",
    1,
    256,
    "[^\\x00-\\x09\\x0B\\x0C\\x0E-\\x1F\\x7F\\x3C\\x3E\\x5C]+",
    multiline_text
);
string_shape!(
    IMPERSONATION_RULE_ID,
    "ImpersonationRuleId",
    1,
    64,
    "[a-zA-Z0-9_-]+",
    name_pattern
);
string_shape!(
    IMPERSONATION_RULE_NAME,
    "ImpersonationRuleName",
    1,
    64,
    "[^\\x00-\\x1F\\x7F\\x3C\\x3E\\x5C]+",
    no_controls_or_markup
);
string_shape!(
    IMPERSONATION_RULE_DESCRIPTION,
    "ImpersonationRuleDescription",
    1,
    256,
    "[^\\x00-\\x09\\x0B\\x0C\\x0E-\\x1F\\x7F\\x3C\\x3E\\x5C]+",
    multiline_text
);
string_shape!(
    ENTITY_IDENTIFIER,
    "EntityIdentifier",
    1,
    256,
    "[a-zA-Z0-9._%+@-]+",
    entity_identifier
);
string_shape!(
    CLIENT_TOKEN,
    "IdempotencyClientToken",
    1,
    128,
    "[\\x21-\\x7e]+",
    printable_ascii
);
string_shape!(
    IMPERSONATION_TOKEN,
    "ImpersonationToken",
    1,
    256,
    "[\\x21-\\x7e]+",
    printable_ascii
);
string_shape!(
    NEXT_TOKEN,
    "NextToken",
    1,
    1024,
    "[\\S\\s]*|[a-zA-Z0-9/+=]{1,1024}",
    anything
);
string_shape!(
    EMAIL_ADDRESS,
    "EmailAddress",
    1,
    254,
    "[a-zA-Z0-9._%+-]{1,64}@[a-zA-Z0-9.-]+\\.[a-zA-Z-]{2,}",
    email_address
);
string_shape!(
    USER_NAME,
    "UserName",
    1,
    64,
    "[\\w\\-.]+(@[a-zA-Z0-9.\\-]+\\.[a-zA-Z0-9-]{2,})?",
    user_name
);
string_shape!(DISPLAY_NAME, "String", 0, 256);
string_shape!(
    IDENTITY_PROVIDER_USER_ID,
    "IdentityProviderUserId",
    1,
    47,
    "^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$",
    identity_provider_user_id
);
string_shape!(
    IDENTITY_STORE_ID,
    "IdentityProviderIdentityStoreId",
    1,
    36,
    "^d-[0-9a-f]{10}$|^[0-9a-f]{8}\\b-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-\\b[0-9a-f]{12}$",
    identity_store_id
);

/// `ALLOW` / `DENY`.
pub static EFFECT: EnumShape = EnumShape {
    name: "AccessControlRuleEffect",
    values: &["ALLOW", "DENY"],
};
/// `ALLOW` / `DENY` (impersonation).
pub static ACCESS_EFFECT: EnumShape = EnumShape {
    name: "AccessEffect",
    values: &["ALLOW", "DENY"],
};
/// The seven canonical actions (D7; the AWS pattern alone is `[a-zA-Z]+`).
pub static ACTION: EnumShape = EnumShape {
    name: "AccessControlRuleAction",
    values: &[
        "ActiveSync",
        "AutoDiscover",
        "EWS",
        "IMAP",
        "SMTP",
        "WindowsOutlook",
        "WebMail",
    ],
};
/// `FULL_ACCESS` / `READ_ONLY`.
pub static ROLE_TYPE: EnumShape = EnumShape {
    name: "ImpersonationRoleType",
    values: &["FULL_ACCESS", "READ_ONLY"],
};
/// `ENABLED` / `DISABLED` / `DELETED`.
pub static ENTITY_STATE: EnumShape = EnumShape {
    name: "EntityState",
    values: &["ENABLED", "DISABLED", "DELETED"],
};
/// The user roles of `list-users`.
pub static USER_ROLE: EnumShape = EnumShape {
    name: "UserRole",
    values: &["USER", "RESOURCE", "SYSTEM_USER", "REMOTE_USER"],
};
/// `MaxResults` of ListImpersonationRoles.
pub static MAX_RESULTS: IntegerShape = IntegerShape { min: 1, max: 100 };

/// `IpRangeList`.
pub static IP_RANGE_LIST: ListShape = ListShape {
    name: "IpRangeList",
    min: 0,
    max: 1024,
    member: Shape::String(&IP_RANGE),
};
/// `ActionsList`.
pub static ACTIONS_LIST: ListShape = ListShape {
    name: "ActionsList",
    min: 0,
    max: 10,
    member: Shape::Enum(&ACTION),
};
/// `UserIdList`.
pub static USER_ID_LIST: ListShape = ListShape {
    name: "UserIdList",
    min: 0,
    max: 10,
    member: Shape::String(&WORKMAIL_IDENTIFIER),
};
/// `ImpersonationRoleIdList`.
pub static ROLE_ID_LIST: ListShape = ListShape {
    name: "ImpersonationRoleIdList",
    min: 0,
    max: 10,
    member: Shape::String(&ROLE_ID),
};
/// `TargetUsers`.
pub static TARGET_USERS: ListShape = ListShape {
    name: "TargetUsers",
    min: 1,
    max: 10,
    member: Shape::String(&ENTITY_IDENTIFIER),
};

/// `OrganizationId` is required by the AWS model, but a request may omit it and then means the
/// document's organization (D4).
const fn organization_id_member() -> Member {
    member("OrganizationId", Shape::String(&ORGANIZATION_ID))
}

const fn member(name: &'static str, shape: Shape) -> Member {
    Member {
        name,
        shape,
        required: false,
    }
}

const fn required(name: &'static str, shape: Shape) -> Member {
    Member {
        name,
        shape,
        required: true,
    }
}

/// The condition lists shared by a stored rule and a `PutAccessControlRule` request.
macro_rules! rule_conditions {
    () => {
        [
            member("IpRanges", Shape::List(&IP_RANGE_LIST)),
            member("NotIpRanges", Shape::List(&IP_RANGE_LIST)),
            member("Actions", Shape::List(&ACTIONS_LIST)),
            member("NotActions", Shape::List(&ACTIONS_LIST)),
            member("UserIds", Shape::List(&USER_ID_LIST)),
            member("NotUserIds", Shape::List(&USER_ID_LIST)),
            member("ImpersonationRoleIds", Shape::List(&ROLE_ID_LIST)),
            member("NotImpersonationRoleIds", Shape::List(&ROLE_ID_LIST)),
        ]
    };
}

/// An access control rule in a document (`Name` and `Effect` required to be usable).
pub static ACCESS_CONTROL_RULE: StructureShape = StructureShape {
    name: "AccessControlRule",
    members: &{
        let conditions = rule_conditions!();
        let [a, b, c, d, e, f, g, h] = conditions;
        [
            required("Name", Shape::String(&RULE_NAME)),
            required("Effect", Shape::Enum(&EFFECT)),
            member("Description", Shape::String(&RULE_DESCRIPTION)),
            a,
            b,
            c,
            d,
            e,
            f,
            member("DateCreated", Shape::Timestamp),
            member("DateModified", Shape::Timestamp),
            g,
            h,
        ]
    },
};

/// An impersonation rule.
pub static IMPERSONATION_RULE: StructureShape = StructureShape {
    name: "ImpersonationRule",
    members: &[
        required("ImpersonationRuleId", Shape::String(&IMPERSONATION_RULE_ID)),
        member("Name", Shape::String(&IMPERSONATION_RULE_NAME)),
        member(
            "Description",
            Shape::String(&IMPERSONATION_RULE_DESCRIPTION),
        ),
        required("Effect", Shape::Enum(&ACCESS_EFFECT)),
        member("TargetUsers", Shape::List(&TARGET_USERS)),
        member("NotTargetUsers", Shape::List(&TARGET_USERS)),
    ],
};

/// `ImpersonationRuleList`.
pub static IMPERSONATION_RULE_LIST: ListShape = ListShape {
    name: "ImpersonationRuleList",
    min: 0,
    max: 10,
    member: Shape::Structure(&IMPERSONATION_RULE),
};

/// An impersonation role as `get-impersonation-role` prints it.
pub static IMPERSONATION_ROLE: StructureShape = StructureShape {
    name: "GetImpersonationRoleResponse",
    members: &[
        required("ImpersonationRoleId", Shape::String(&ROLE_ID)),
        required("Name", Shape::String(&ROLE_NAME)),
        required("Type", Shape::Enum(&ROLE_TYPE)),
        member("Description", Shape::String(&ROLE_DESCRIPTION)),
        member("Rules", Shape::List(&IMPERSONATION_RULE_LIST)),
        member("DateCreated", Shape::Timestamp),
        member("DateModified", Shape::Timestamp),
    ],
};

/// A role summary as `list-impersonation-roles` prints it.
pub static IMPERSONATION_ROLE_SUMMARY: StructureShape = StructureShape {
    name: "ImpersonationRole",
    members: &[
        required("ImpersonationRoleId", Shape::String(&ROLE_ID)),
        required("Name", Shape::String(&ROLE_NAME)),
        required("Type", Shape::Enum(&ROLE_TYPE)),
        member("DateCreated", Shape::Timestamp),
        member("DateModified", Shape::Timestamp),
    ],
};

/// A user as `list-users` prints it (`Id` required, since rules refer to users by it).
pub static USER: StructureShape = StructureShape {
    name: "User",
    members: &[
        required("Id", Shape::String(&WORKMAIL_IDENTIFIER)),
        member("Email", Shape::String(&EMAIL_ADDRESS)),
        member("Name", Shape::String(&USER_NAME)),
        member("DisplayName", Shape::String(&DISPLAY_NAME)),
        member("State", Shape::Enum(&ENTITY_STATE)),
        member("UserRole", Shape::Enum(&USER_ROLE)),
        member("EnabledDate", Shape::Timestamp),
        member("DisabledDate", Shape::Timestamp),
        member(
            "IdentityProviderUserId",
            Shape::String(&IDENTITY_PROVIDER_USER_ID),
        ),
        member(
            "IdentityProviderIdentityStoreId",
            Shape::String(&IDENTITY_STORE_ID),
        ),
    ],
};

/// A list with no size limit of its own (counts are checked as limits, D20).
const fn unbounded(name: &'static str, member: Shape) -> ListShape {
    ListShape {
        name,
        min: 0,
        max: usize::MAX,
        member,
    }
}

/// Users of a document or of `list-users`.
pub static USERS: ListShape = unbounded("Users", Shape::Structure(&USER));
/// Rules of a document or of `list-access-control-rules`.
pub static ACCESS_CONTROL_RULES: ListShape = unbounded(
    "AccessControlRulesList",
    Shape::Structure(&ACCESS_CONTROL_RULE),
);
/// Roles of a document.
pub static IMPERSONATION_ROLES: ListShape = unbounded(
    "ImpersonationRoleList",
    Shape::Structure(&IMPERSONATION_ROLE),
);
/// Roles of `list-impersonation-roles`.
pub static IMPERSONATION_ROLE_SUMMARIES: ListShape = unbounded(
    "ImpersonationRoleList",
    Shape::Structure(&IMPERSONATION_ROLE_SUMMARY),
);

/// A client token remembered by the emulator (D16, D24).
pub static EMULATOR_CLIENT_TOKEN: StructureShape = StructureShape {
    name: "ClientToken",
    members: &[
        required("ClientToken", Shape::String(&CLIENT_TOKEN)),
        required("ImpersonationRoleId", Shape::String(&ROLE_ID)),
    ],
};

/// An impersonation token issued by the emulator (D19, D24).
pub static EMULATOR_TOKEN: StructureShape = StructureShape {
    name: "ImpersonationToken",
    members: &[
        required("Token", Shape::String(&IMPERSONATION_TOKEN)),
        required("ImpersonationRoleId", Shape::String(&ROLE_ID)),
        required("Expires", Shape::Timestamp),
    ],
};

/// Emulator-only state (D24).
pub static EMULATOR: StructureShape = StructureShape {
    name: "Emulator",
    members: &[
        member(
            "ClientTokens",
            Shape::List(&ListShape {
                name: "ClientTokens",
                min: 0,
                max: usize::MAX,
                member: Shape::Structure(&EMULATOR_CLIENT_TOKEN),
            }),
        ),
        member(
            "ImpersonationTokens",
            Shape::List(&ListShape {
                name: "ImpersonationTokens",
                min: 0,
                max: usize::MAX,
                member: Shape::Structure(&EMULATOR_TOKEN),
            }),
        ),
    ],
};

/// The organization document (D1-D4, D24).
pub static DOCUMENT: StructureShape = StructureShape {
    name: "Organization",
    members: &[
        member("OrganizationId", Shape::String(&ORGANIZATION_ID)),
        member("Users", Shape::List(&USERS)),
        member("AccessControlRules", Shape::List(&ACCESS_CONTROL_RULES)),
        member("ImpersonationRoles", Shape::List(&IMPERSONATION_ROLES)),
        member("Emulator", Shape::Structure(&EMULATOR)),
    ],
};

/// `aws workmail list-access-control-rules` output.
pub static LIST_ACCESS_CONTROL_RULES_OUTPUT: StructureShape = StructureShape {
    name: "ListAccessControlRulesResponse",
    members: &[member("Rules", Shape::List(&ACCESS_CONTROL_RULES))],
};

/// `aws workmail list-users` output.
pub static LIST_USERS_OUTPUT: StructureShape = StructureShape {
    name: "ListUsersResponse",
    members: &[
        member("Users", Shape::List(&USERS)),
        member("NextToken", Shape::String(&NEXT_TOKEN)),
    ],
};

/// `aws workmail list-impersonation-roles` output.
pub static LIST_IMPERSONATION_ROLES_OUTPUT: StructureShape = StructureShape {
    name: "ListImpersonationRolesResponse",
    members: &[
        member("Roles", Shape::List(&IMPERSONATION_ROLE_SUMMARIES)),
        member("NextToken", Shape::String(&NEXT_TOKEN)),
    ],
};

// Requests of the eleven operations.

/// `GetAccessControlEffectRequest`.
pub static GET_ACCESS_CONTROL_EFFECT: StructureShape = StructureShape {
    name: "GetAccessControlEffectRequest",
    members: &[
        organization_id_member(),
        required("IpAddress", Shape::String(&IP_ADDRESS)),
        required("Action", Shape::Enum(&ACTION)),
        member("UserId", Shape::String(&WORKMAIL_IDENTIFIER)),
        member("ImpersonationRoleId", Shape::String(&ROLE_ID)),
    ],
};

/// `ListAccessControlRulesRequest`.
pub static LIST_ACCESS_CONTROL_RULES: StructureShape = StructureShape {
    name: "ListAccessControlRulesRequest",
    members: &[organization_id_member()],
};

/// `PutAccessControlRuleRequest`.
pub static PUT_ACCESS_CONTROL_RULE: StructureShape = StructureShape {
    name: "PutAccessControlRuleRequest",
    members: &{
        let [a, b, c, d, e, f, g, h] = rule_conditions!();
        [
            required("Name", Shape::String(&RULE_NAME)),
            required("Effect", Shape::Enum(&EFFECT)),
            required("Description", Shape::String(&RULE_DESCRIPTION)),
            a,
            b,
            c,
            d,
            e,
            f,
            organization_id_member(),
            g,
            h,
        ]
    },
};

/// `DeleteAccessControlRuleRequest`.
pub static DELETE_ACCESS_CONTROL_RULE: StructureShape = StructureShape {
    name: "DeleteAccessControlRuleRequest",
    members: &[
        organization_id_member(),
        required("Name", Shape::String(&RULE_NAME)),
    ],
};

/// `CreateImpersonationRoleRequest`.
pub static CREATE_IMPERSONATION_ROLE: StructureShape = StructureShape {
    name: "CreateImpersonationRoleRequest",
    members: &[
        member("ClientToken", Shape::String(&CLIENT_TOKEN)),
        organization_id_member(),
        required("Name", Shape::String(&ROLE_NAME)),
        required("Type", Shape::Enum(&ROLE_TYPE)),
        member("Description", Shape::String(&ROLE_DESCRIPTION)),
        required("Rules", Shape::List(&IMPERSONATION_RULE_LIST)),
    ],
};

/// `UpdateImpersonationRoleRequest`.
pub static UPDATE_IMPERSONATION_ROLE: StructureShape = StructureShape {
    name: "UpdateImpersonationRoleRequest",
    members: &[
        organization_id_member(),
        required("ImpersonationRoleId", Shape::String(&ROLE_ID)),
        required("Name", Shape::String(&ROLE_NAME)),
        required("Type", Shape::Enum(&ROLE_TYPE)),
        member("Description", Shape::String(&ROLE_DESCRIPTION)),
        required("Rules", Shape::List(&IMPERSONATION_RULE_LIST)),
    ],
};

/// The request of GetImpersonationRole, DeleteImpersonationRole and AssumeImpersonationRole.
pub static ROLE_REQUEST: StructureShape = StructureShape {
    name: "ImpersonationRoleRequest",
    members: &[
        organization_id_member(),
        required("ImpersonationRoleId", Shape::String(&ROLE_ID)),
    ],
};

/// `ListImpersonationRolesRequest`.
pub static LIST_IMPERSONATION_ROLES: StructureShape = StructureShape {
    name: "ListImpersonationRolesRequest",
    members: &[
        organization_id_member(),
        member("NextToken", Shape::String(&NEXT_TOKEN)),
        member("MaxResults", Shape::Integer(&MAX_RESULTS)),
    ],
};

/// `GetImpersonationRoleEffectRequest`.
pub static GET_IMPERSONATION_ROLE_EFFECT: StructureShape = StructureShape {
    name: "GetImpersonationRoleEffectRequest",
    members: &[
        organization_id_member(),
        required("ImpersonationRoleId", Shape::String(&ROLE_ID)),
        required("TargetUser", Shape::String(&ENTITY_IDENTIFIER)),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problems(value: &serde_json::Value, shape: &'static StructureShape) -> Vec<String> {
        let mut out = Vec::new();
        check(value, Shape::Structure(shape), &Path::root(), &mut out);
        out.iter()
            .map(|v| format!("{} {}: {}", v.problem.code(), v.path, v.problem))
            .collect()
    }

    #[test]
    fn the_action_enum_lists_the_model_actions() {
        let names: Vec<&str> = crate::model::Action::ALL
            .iter()
            .map(|a| a.as_str())
            .collect();
        assert_eq!(names, ACTION.values);
    }

    #[test]
    fn paths_print_as_aws_members() {
        let path = Path::root()
            .member("Rules")
            .index(2)
            .member("NotIpRanges")
            .index(0);
        assert_eq!(path.to_string(), "Rules[2].NotIpRanges[0]");
    }

    #[test]
    fn every_kind_of_constraint_is_checked() {
        let request = json!({
            "OrganizationId": "m-0123",
            "Name": "bad name",
            "Effect": "MAYBE",
            "Description": "ok",
            "IpRanges": ["10.0.0.0/8", "::/0"],
            "Actions": ["imap"],
            "UserIds": ["short"],
            "Extra": 1
        });
        let found = problems(&request, &PUT_ACCESS_CONTROL_RULE);
        let codes: Vec<&str> = found.iter().filter_map(|f| f.split(' ').next()).collect();
        assert_eq!(
            codes,
            [
                "length",
                "pattern",
                "enum",
                "pattern",
                "enum",
                "length",
                "unknown-member"
            ],
            "{found:#?}"
        );
        assert!(found[1].contains("Name: `bad name` is not a valid AccessControlRuleName"));
        assert!(found[3].contains("IpRanges[1]"));
    }

    #[test]
    fn missing_required_members_are_named() {
        let found = problems(
            &json!({"OrganizationId": "m-0123456789abcdef0123456789abcdef"}),
            &GET_ACCESS_CONTROL_EFFECT,
        );
        assert_eq!(
            found,
            [
                "required IpAddress: required member `IpAddress` is missing",
                "required Action: required member `Action` is missing"
            ]
        );
    }

    #[test]
    fn list_sizes_and_ranges() {
        let rule = json!({"ImpersonationRuleId": "r", "Effect": "ALLOW", "TargetUsers": []});
        let found = problems(&rule, &IMPERSONATION_RULE);
        assert_eq!(
            found,
            ["list-length TargetUsers: 0 items is outside the TargetUsers size of 1 to 10"]
        );
        let found = problems(
            &json!({"OrganizationId": "m-0123456789abcdef0123456789abcdef", "MaxResults": 0}),
            &LIST_IMPERSONATION_ROLES,
        );
        assert_eq!(
            found,
            ["range MaxResults: `0` is not an integer from 1 to 100"]
        );
    }

    #[test]
    fn pattern_matchers_are_full_string() {
        assert!(name_pattern("my_rule-1") && !name_pattern("my rule") && !name_pattern(""));
        assert!(no_controls_or_markup("Archive role") && !no_controls_or_markup("a<b"));
        assert!(multiline_text("line\nline") && !multiline_text("tab\there"));
        assert!(entity_identifier("first.last@example.com") && !entity_identifier("a b"));
        assert!(organization_id("m-0123456789abcdef0123456789abcdef"));
        assert!(!organization_id("m-0123456789ABCDEF0123456789abcdef"));
        assert!(
            latin1_text("") && latin1_text("café") && !latin1_text("tab\t") && !latin1_text("€")
        );
        assert!(email_address("jane.doe@example.com") && !email_address("jane@localhost"));
        assert!(user_name("jane.doe") && user_name("jane@example.com") && !user_name("jane doe"));
        assert!(printable_ascii("abc!~") && !printable_ascii("a b"));
        assert!(identity_provider_user_id(
            "0123456789-ABCDEF01-2345-6789-abcd-ef0123456789"
        ));
        assert!(identity_provider_user_id(
            "abcdef01-2345-6789-abcd-ef0123456789"
        ));
        assert!(!identity_provider_user_id("abcdef01"));
        assert!(identity_store_id("d-0123456789") && !identity_store_id("d-012345678"));
    }

    #[test]
    fn values_in_messages_are_shortened_and_escaped() {
        assert_eq!(shorten("a\u{0}b"), "a\\0b");
        assert_eq!(shorten(&"x".repeat(100)).chars().count(), 65);
    }

    #[test]
    fn unknown_members_suggest_the_right_case() {
        let mut out = Vec::new();
        check(
            &json!({"name": "x", "Effect": "ALLOW"}),
            Shape::Structure(&ACCESS_CONTROL_RULE),
            &Path::root(),
            &mut out,
        );
        assert_eq!(
            out[0].problem.help().as_deref(),
            Some("did you mean `Name`?")
        );
    }
}
