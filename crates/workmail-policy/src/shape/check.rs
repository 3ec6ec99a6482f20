//! The one walker that checks a JSON value, with or without positions, against a shape.

use std::collections::HashSet;

use jsonc_parser::ast::Value as Ast;

use super::path::{Path, Segment};
use super::problem::{Problem, Violation};
use super::quote::shorten;
use super::types::{Shape, StringShape, StructureShape};
use crate::json;
use crate::model::Timestamp;

/// Where [`check`] puts the violations it finds, one at a time: a list keeps every one, and a
/// consumer may keep only some, so that a text with millions of problems is not held twice.
pub trait Violations {
    /// Takes one violation.
    fn push(&mut self, violation: Violation);
}

impl Violations for Vec<Violation> {
    fn push(&mut self, violation: Violation) {
        Self::push(self, violation);
    }
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

/// Checks `value` against `shape`, giving every violation (in document order) to `out`.
pub fn check<N: Node>(value: &N, shape: Shape, path: &Path, out: &mut dyn Violations) {
    check_at(value, shape, &mut path.clone(), out);
}

/// Whether a lone string passes `shape`, as [`check`] finds of that string: what its string,
/// enumeration and timestamp arms ask, without making a violation (a test holds the two
/// together over every kind of shape).
pub(crate) fn text_holds(shape: Shape, text: &str) -> bool {
    match shape {
        Shape::Any => true,
        Shape::String(string) => check_string(text, string).is_none(),
        Shape::Enum(enumeration) => enumeration.values.contains(&text),
        Shape::Timestamp => Timestamp::parse_iso8601(text).is_ok(),
        Shape::Integer(_) | Shape::List(_) | Shape::Structure(_) => false,
    }
}

/// Whether an object with these member names, in order, has none of the problems [`check`]
/// finds in an object's names: every name a member of `structure`, none repeated, every
/// required member present. (Its members' values are checked apart.)
pub(crate) fn names_fit(structure: &StructureShape, names: &[&str]) -> bool {
    let known_once = names.iter().enumerate().all(|(at, name)| {
        structure.member(name).is_some() && !names.iter().take(at).any(|earlier| earlier == name)
    });
    let required_present = structure
        .members
        .iter()
        .filter(|member| member.required)
        .all(|member| names.contains(&member.name));
    known_once && required_present
}

/// The walk behind [`check`]: the path grows and shrinks in place, and is copied only into a
/// violation, so that checking a large valid document allocates no paths.
fn check_at<N: Node>(value: &N, shape: Shape, path: &mut Path, out: &mut dyn Violations) {
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
                    path.push(Segment::Index(index));
                    check_at(element, list.member, path, out);
                    path.pop();
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
    out: &mut dyn Violations,
) {
    let mut seen: HashSet<&str> = HashSet::with_capacity(members.len());
    for (name, member_value) in members {
        path.push(Segment::Member((*name).to_owned()));
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
        path.pop();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape::{ACTION, ACTIONS_LIST, GET_ACCESS_CONTROL_EFFECT, IP_ADDRESS, MAX_RESULTS};

    #[test]
    fn names_fit_as_check_finds_an_objects_names() {
        let layouts: [&[&str]; 7] = [
            &["IpAddress", "Action", "UserId"],
            &["OrganizationId", "IpAddress", "Action", "UserId"],
            &["Action", "IpAddress"],
            &["IpAddress", "UserId"],
            &["IpAddress", "Action", "Extra"],
            &["IpAddress", "Action", "UserId", "UserId"],
            &[],
        ];
        for names in layouts {
            // Values that pass their shapes, so that only the names can be wrong.
            let value = |name: &str| match name {
                "OrganizationId" => "m-0123456789abcdef0123456789abcdef",
                "IpAddress" => "192.0.2.1",
                "Action" => "IMAP",
                _ => "S-1-1-11-1111111111",
            };
            let text = names
                .iter()
                .map(|name| format!("{name:?}: {:?}", value(name)))
                .collect::<Vec<_>>()
                .join(", ");
            let object = format!("{{{text}}}");
            let parsed = json::parse(&object).unwrap();
            let mut violations = Vec::new();
            let structure = Shape::Structure(&GET_ACCESS_CONTROL_EFFECT);
            check(&parsed.root, structure, &Path::root(), &mut violations);
            assert_eq!(
                names_fit(&GET_ACCESS_CONTROL_EFFECT, names),
                violations.is_empty(),
                "{names:?}: {violations:?}"
            );
        }
    }

    #[test]
    fn a_lone_string_holds_as_in_an_object() {
        assert!(text_holds(Shape::String(&IP_ADDRESS), "192.0.2.1"));
        assert!(!text_holds(Shape::String(&IP_ADDRESS), "192.0.2.01"));
        assert!(text_holds(Shape::Enum(&ACTION), "EWS"));
        assert!(!text_holds(Shape::Enum(&ACTION), "ews"));
        // Over every kind of shape, what `check` finds of the same string.
        let shapes = [
            Shape::Any,
            Shape::String(&IP_ADDRESS),
            Shape::Enum(&ACTION),
            Shape::Integer(&MAX_RESULTS),
            Shape::Timestamp,
            Shape::List(&ACTIONS_LIST),
            Shape::Structure(&GET_ACCESS_CONTROL_EFFECT),
        ];
        let texts = ["", "EWS", "ews", "192.0.2.1", "192.0.2.01", "5", "[]", "{}"];
        let texts = texts
            .into_iter()
            .chain(["2024-01-02T03:04:05Z", "2024-13-02T03:04:05Z"]);
        for text in texts {
            for shape in shapes {
                let mut violations = Vec::new();
                let value = serde_json::Value::String(text.to_owned());
                check(&value, shape, &Path::root(), &mut violations);
                assert_eq!(
                    text_holds(shape, text),
                    violations.is_empty(),
                    "{text:?} {shape:?}: {violations:?}"
                );
            }
        }
    }
}
