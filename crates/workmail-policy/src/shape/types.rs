//! The kinds of shape the AWS model has, as static data the checker walks.

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
    /// The same full-string match as an ECMAScript expression, for JSON Schema's `pattern`,
    /// where `source` cannot serve as one once anchored: it is not an expression, it means
    /// something else in ECMAScript (`\w`), or the matcher accepts more (the empty string where
    /// the minimum length is 0). `None`: `source`, anchored, is exactly `matches`.
    pub schema: Option<&'static str>,
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
