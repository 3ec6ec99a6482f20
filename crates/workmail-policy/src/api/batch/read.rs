//! Reading a batch: the array's inputs are answered as they are read, each an object whose
//! members are borrowed from the text (at most five, without allocating), or any other JSON
//! value.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::lean::{Answer, Lean};
use super::members::{MemberSeed, Members};

/// Reads the array, answering each input as it comes and writing the answers to `out`.
pub(super) struct ArraySeed<'s, 'b> {
    lean: &'s mut Lean<'b>,
    out: &'s mut String,
}

impl<'s, 'b> ArraySeed<'s, 'b> {
    /// A reader that answers with `lean` and writes to `out`.
    pub(super) fn new(lean: &'s mut Lean<'b>, out: &'s mut String) -> Self {
        Self { lean, out }
    }
}

impl<'de> DeserializeSeed<'de> for ArraySeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ArraySeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of requests")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut first = true;
        while let Some(answer) = seq.next_element_seed(RequestSeed { lean: self.lean })? {
            if !first {
                self.out.push(',');
            }
            first = false;
            match answer {
                Answer::Known(slot) => self.out.push_str(self.lean.text(slot)),
                Answer::New(text) => self.out.push_str(&text),
            }
        }
        Ok(())
    }
}

/// Reads one input and answers it.
struct RequestSeed<'s, 'b> {
    lean: &'s mut Lean<'b>,
}

impl<'de> DeserializeSeed<'de> for RequestSeed<'_, '_> {
    type Value = Answer;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Answer, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl RequestSeed<'_, '_> {
    /// An input that is not an object takes `call`'s path as it is.
    fn other(self, value: Value) -> Answer {
        self.lean.answer_value(&value)
    }
}

impl<'de> Visitor<'de> for RequestSeed<'_, '_> {
    type Value = Answer;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a request")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answer, A::Error> {
        let mut members = Members::default();
        while let Some(name) = map.next_key_seed(TextSeed)? {
            members.push(name, map.next_value_seed(MemberSeed)?);
        }
        Ok(self.lean.answer(&members, None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Answer, A::Error> {
        let value = Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(self.other(value))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Answer, E> {
        Ok(self.other(Value::String(text.to_owned())))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Answer, E> {
        Ok(self.other(Value::Bool(value)))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Answer, E> {
        Ok(self.other(Value::from(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Answer, E> {
        Ok(self.other(Value::from(value)))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Answer, E> {
        Ok(self.other(Value::from(value)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Answer, E> {
        Ok(self.other(Value::Null))
    }
}

/// A member name, borrowed from the text when it has no escapes.
struct TextSeed;

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(text))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text.to_owned()))
    }
}
