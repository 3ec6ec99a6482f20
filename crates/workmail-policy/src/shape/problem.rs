//! What can be wrong with a value, as data: each problem has a stable code, a message, advice
//! and, when the constraint is one of the semantics' decisions, that decision.

use std::fmt;

use serde::Serialize;

use super::path::Path;
use crate::semantics::Decision;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document or request cannot be used.
    Error,
    /// Worth knowing; never blocks.
    Warning,
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

/// `a` or `an` before an AWS shape name (`a DeviceId`, `an IpRange`): the names are English
/// words run together, so their first letter decides, as it sounds: the model's names that
/// start with U start with `User` (`a UserName`).
fn article(name: &str) -> &'static str {
    match name.bytes().next().map(|first| first.to_ascii_lowercase()) {
        Some(b'a' | b'e' | b'i' | b'o') => "an",
        _ => "a",
    }
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
                "`{value}` is {length} characters long; {} {shape} has {min} to {max}",
                article(shape)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_problems_a_reader_can_fix_one_way_say_how() {
        let pattern = |shape| Problem::Pattern {
            shape,
            value: "x".to_owned(),
            pattern: "p",
        };
        let advice = [
            (
                pattern("IpAddress"),
                "as a dotted quad without leading zeros",
            ),
            (
                pattern("IpRange"),
                "an IPv4 CIDR range such as `192.0.2.0/24`",
            ),
            (
                pattern("OrganizationId"),
                "`m-` followed by 32 lowercase hexadecimal digits",
            ),
            (
                Problem::Timestamp {
                    value: "x".to_owned(),
                    reason: "r".to_owned(),
                },
                "epoch seconds (`1581635628.0`) or ISO 8601 with an offset",
            ),
            (
                Problem::DuplicateMember {
                    member: "Name".to_owned(),
                },
                "keep exactly one",
            ),
        ];
        for (problem, words) in advice {
            let help = problem.help().unwrap_or_default();
            assert!(help.contains(words), "{problem:?}: {help}");
        }
        assert_eq!(pattern("DeviceId").help(), None);
    }

    #[test]
    fn a_length_is_told_with_the_article_its_shape_takes() {
        let length = |shape| Problem::Length {
            shape,
            value: "x".repeat(19),
            length: 19,
            min: 1,
            max: 18,
        };
        assert_eq!(
            length("IpRange").to_string(),
            "`xxxxxxxxxxxxxxxxxxx` is 19 characters long; an IpRange has 1 to 18"
        );
        assert_eq!(
            length("WorkMailIdentifier").to_string(),
            "`xxxxxxxxxxxxxxxxxxx` is 19 characters long; a WorkMailIdentifier has 1 to 18"
        );
        assert_eq!(
            [
                "AccessControlRuleName",
                "EmailAddress",
                "IpAddress",
                "OrganizationId"
            ]
            .map(article),
            ["an"; 4]
        );
        assert_eq!(
            ["UserName", "DeviceId", "String", ""].map(article),
            ["a"; 4]
        );
    }
}
