//! JSON paths such as `Rules[2].NotIpRanges[0]`, as diagnostics and error messages name a place.

use std::fmt;

use serde::Serialize;

use super::quote::shorten;

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

    /// Steps into a member or an element, in place (the checker's walk).
    pub(super) fn push(&mut self, segment: Segment) {
        self.0.push(segment);
    }

    /// Steps back out of the last [`Path::push`].
    pub(super) fn pop(&mut self) {
        self.0.pop();
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn member_names_are_shown_escaped() {
        assert_eq!(
            Path::root().member("a\u{1b}b").index(1).to_string(),
            "a\\u{1b}b[1]"
        );
    }
}
