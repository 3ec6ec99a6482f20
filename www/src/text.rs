//! Texts shared rather than copied. A document may be tens of megabytes, and the page's state,
//! the analysis module's input and the components all hold it: each holds the one text.

use std::rc::Rc;

/// A shared text: equal when it is the same text in memory, otherwise when it holds the same
/// characters. (`Rc<str>` and `AttrValue` always compare the characters, which for a large
/// document cost more than a render.)
#[derive(Debug, Clone, Default)]
pub struct Text(pub Rc<str>);

impl Text {
    /// Whether two shared texts are the same text: at one address, or with the same characters.
    pub fn same(one: &Rc<str>, other: &Rc<str>) -> bool {
        Rc::ptr_eq(one, other) || one == other
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        Self::same(&self.0, &other.0)
    }
}

impl Eq for Text {}

impl std::ops::Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Self(Rc::from(text))
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Self(Rc::from(text))
    }
}

impl From<&Rc<str>> for Text {
    fn from(text: &Rc<str>) -> Self {
        Self(Rc::clone(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_equal_when_shared_or_alike() {
        let one = Text::from("{\"Rules\": []}");
        assert_eq!(one, one.clone());
        assert_eq!(one, Text::from("{\"Rules\": []}"));
        assert_ne!(one, Text::from("{}"));
    }
}
