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

/// How a text crosses to the other WebAssembly module or to a worker, beside a message that
/// may carry several (see `browser::marker` and `browser::received`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crossing<'a> {
    /// Nothing crosses: the other side keeps the text it was last sent.
    Kept,
    /// There is no text.
    Absent,
    /// The same text as the one at this index of the same message: only the index crosses (a
    /// document compared with itself crosses once).
    Earlier(usize),
    /// The text crosses, as its UTF-8 bytes.
    Sent(&'a str),
}

impl<'a> Crossing<'a> {
    /// How `text` crosses after the texts `before` it in the same message: as the index of the
    /// first that is the same text in memory (a shared text: no character is compared), or as
    /// itself.
    pub fn of(text: &'a str, before: &[Option<&str>]) -> Self {
        before
            .iter()
            .position(|earlier| earlier.is_some_and(|earlier| std::ptr::eq(earlier, text)))
            .map_or(Self::Sent(text), Self::Earlier)
    }

    /// How each of `texts` crosses (see [`of`](Self::of)).
    pub fn all(texts: &[Option<&'a str>]) -> Vec<Self> {
        texts
            .iter()
            .enumerate()
            .map(|(at, text)| {
                text.map_or(Self::Absent, |text| {
                    Self::of(text, texts.get(..at).unwrap_or_default())
                })
            })
            .collect()
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

    #[test]
    fn a_text_shared_with_an_earlier_one_crosses_as_its_index() {
        let document = Text::from("{\"Rules\": []}");
        let alike = Text::from("{\"Rules\": []}");
        let texts = [
            Some(&*document),
            None,
            Some(&*alike),
            Some(&*document),
            Some(""),
        ];
        assert_eq!(
            Crossing::all(&texts),
            [
                Crossing::Sent(&document),
                Crossing::Absent,
                // Alike but not shared: it crosses itself.
                Crossing::Sent(&alike),
                Crossing::Earlier(0),
                Crossing::Sent(""),
            ]
        );
        // Only a whole text is the same: a part at the same address is not.
        assert_eq!(
            Crossing::of(&document[..4], &[Some(&*document)]),
            Crossing::Sent(&document[..4])
        );
    }
}
