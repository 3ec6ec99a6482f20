//! The members of one request as read from a batch: strings borrowed from the text where they
//! can be, any other JSON value as it is.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// The most members a request read without allocating has (the request shape has five).
pub(super) const INLINE_MEMBERS: usize = 5;

/// The members of one request, in order (repeats kept): up to five strings inline, without
/// allocating; once a member is not a string or there are more, all of them as a JSON object.
#[derive(Default)]
pub(super) struct Members<'a> {
    slots: [(Cow<'a, str>, Cow<'a, str>); INLINE_MEMBERS],
    len: usize,
    object: Option<Map<String, Value>>,
}

impl<'a> Members<'a> {
    /// Empties it, for the next request.
    pub(super) fn clear(&mut self) {
        self.len = 0;
        self.object = None;
    }

    /// The members, when they are all strings held inline.
    pub(super) fn strings(&self) -> Option<&[(Cow<'a, str>, Cow<'a, str>)]> {
        match self.object {
            None => self.slots.get(..self.len),
            Some(_) => None,
        }
    }

    /// Adds a member, as the JSON text has it.
    pub(super) fn push(&mut self, name: Cow<'a, str>, value: Member<'a>) {
        let value = match (value, &self.object) {
            (Member::Text(text), None) => match self.slots.get_mut(self.len) {
                Some(slot) => {
                    *slot = (name, text);
                    self.len += 1;
                    return;
                }
                None => Value::String(text.into_owned()),
            },
            (Member::Text(text), Some(_)) => Value::String(text.into_owned()),
            (Member::Other(value), _) => value,
        };
        let object = self
            .object
            .get_or_insert_with(|| inline_map(&self.slots, self.len));
        object.insert(name.into_owned(), value);
    }

    /// The members as `serde_json` reads an object: a repeated member keeps its place and its
    /// last value.
    pub(super) fn to_map(&self) -> Map<String, Value> {
        match &self.object {
            Some(object) => object.clone(),
            None => inline_map(&self.slots, self.len),
        }
    }

    /// Adds a member of one request of the columns, when present.
    pub(super) fn add(&mut self, name: &'static str, value: Option<&Member<'a>>) {
        if let Some(value) = value {
            self.push(Cow::Borrowed(name), value.clone());
        }
    }
}

fn inline_map(slots: &[(Cow<'_, str>, Cow<'_, str>)], len: usize) -> Map<String, Value> {
    let mut map = Map::new();
    for (name, text) in slots.iter().take(len) {
        map.insert(
            name.as_ref().to_owned(),
            Value::String(text.as_ref().to_owned()),
        );
    }
    map
}

/// A member's value: a string, borrowed from the text when it has no escapes, or any other
/// JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Member<'a> {
    /// A string.
    Text(Cow<'a, str>),
    /// Any other value.
    Other(Value),
}

impl Member<'_> {
    /// Whether this is `null` (a member left out).
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Other(Value::Null))
    }
}

impl Default for Member<'_> {
    fn default() -> Self {
        Self::Other(Value::Null)
    }
}

pub(super) struct MemberSeed;

impl<'de> DeserializeSeed<'de> for MemberSeed {
    type Value = Member<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(MemberVisitor)
    }
}

struct MemberVisitor;

impl<'de> Visitor<'de> for MemberVisitor {
    type Value = Member<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Member::Text(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Member::Text(Cow::Owned(text.to_owned())))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Member::Text(Cow::Owned(text)))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(de::value::MapAccessDeserializer::new(map)).map(Member::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Member::Other)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Member::Other(Value::Bool(value)))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Member::Other(Value::from(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Member::Other(Value::from(value)))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(Member::Other(Value::from(value)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Member::Other(Value::Null))
    }
}

#[cfg(test)]
mod tests {
    use serde::de::IntoDeserializer;
    use serde::de::value::{BorrowedStrDeserializer, Error};

    use super::*;

    #[test]
    fn any_other_value_is_kept_as_it_is() {
        for text in ["-7", "7", "1.5", "true", "null", "[1]", "{\"a\": 1}"] {
            let mut reader = serde_json::Deserializer::from_str(text);
            let member = MemberSeed.deserialize(&mut reader).ok();
            let value: Option<Value> = serde_json::from_str(text).ok();
            assert_eq!(member, value.map(Member::Other), "{text}");
        }
    }

    #[test]
    fn a_string_is_a_text_however_the_reader_holds_it() {
        // Borrowed from the batch's text (JSON without escapes), copied (with escapes), or
        // owned (what a reader of JavaScript values gives).
        let borrowed = MemberSeed.deserialize(BorrowedStrDeserializer::<Error>::new("IMAP"));
        let copied = MemberSeed
            .deserialize::<de::value::StrDeserializer<'_, Error>>("IMAP".into_deserializer());
        let owned = MemberSeed.deserialize::<de::value::StringDeserializer<Error>>(
            "IMAP".to_owned().into_deserializer(),
        );
        for member in [borrowed, copied, owned] {
            assert!(
                matches!(&member, Ok(Member::Text(text)) if text == "IMAP"),
                "{member:?}"
            );
        }
        let number =
            MemberSeed.deserialize::<de::value::U32Deserializer<Error>>(7_u32.into_deserializer());
        assert!(
            matches!(number, Ok(Member::Other(Value::Number(_)))),
            "{number:?}"
        );
    }
}
