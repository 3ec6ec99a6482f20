//! JSON text read with the position of every value, so that every diagnostic can point at a line
//! and column.
//!
//! Text is first checked by `serde_json` (strict JSON, a nesting limit of 128, numbers in range,
//! exact syntax error positions) without building anything, then read into `jsonc-parser`'s syntax
//! tree with every extension turned off. The tree keeps the byte range of each value and member
//! name, which [`SourceMap`] turns into line and column; typed values are read from the tree itself
//! (`Node`, a serde deserializer), so the text is parsed into one structure, not two.

use std::cell::OnceCell;
use std::str::FromStr;

use std::collections::HashSet;

use jsonc_parser::ast::{ObjectPropName, Value as Ast};
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions};
use serde::Serialize;
use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{
    Deserialize, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Unexpected, Visitor,
};

/// A 1-based line and column (columns count Unicode scalar values) in a JSON text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Position {
    /// Line number, starting at 1.
    pub line: u32,
    /// Column number, starting at 1.
    pub column: u32,
}

/// Converts byte offsets in one text into [`Position`]s, and back.
///
/// Each conversion takes a time bounded by a constant and the logarithm of the text's size, not
/// by the length of the line: a document written on one line, with a diagnostic on each of its
/// thousands of values, is located in time linear in its size.
#[derive(Debug, Clone)]
pub struct SourceMap<'a> {
    text: &'a str,
    /// Built when a position is first asked for: a text that loads without a diagnostic needs
    /// none.
    index: OnceCell<Index>,
}

/// Where a text's lines start, and where its characters are when it is not ASCII.
#[derive(Debug, Clone)]
struct Index {
    line_starts: Vec<usize>,
    /// How many characters come before each multiple of [`CHUNK`] bytes; empty when the text
    /// is ASCII, where characters and bytes are the same.
    chars_before: Vec<usize>,
}

/// The distance, in bytes, between the character counts a [`SourceMap`] keeps.
const CHUNK: usize = 256;

/// Whether a byte starts a character in UTF-8 text (it is not a continuation byte).
const fn starts_char(byte: u8) -> bool {
    byte & 0xC0 != 0x80
}

/// How many characters start in `bytes`, a slice of UTF-8 text.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|byte| starts_char(**byte)).count()
}

impl Index {
    fn of(text: &str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|(_, byte)| *byte == b'\n')
                    .map(|(at, _)| at + 1),
            )
            .collect();
        let chars_before = if text.is_ascii() {
            Vec::new()
        } else {
            let mut before = 0;
            let mut counts = Vec::with_capacity(text.len() / CHUNK + 1);
            for chunk in text.as_bytes().chunks(CHUNK) {
                counts.push(before);
                before += count_chars(chunk);
            }
            counts
        };
        Self {
            line_starts,
            chars_before,
        }
    }
}

impl<'a> SourceMap<'a> {
    /// A map of `text`; its lines and characters are indexed when a position is first asked for.
    pub const fn new(text: &'a str) -> Self {
        Self {
            text,
            index: OnceCell::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::of(self.text))
    }

    /// How many characters the text has before byte `offset` (at most the text's length).
    fn chars_upto(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let chunk = offset / CHUNK;
        match self.index().chars_before.get(chunk) {
            None => offset,
            Some(before) => {
                let from = chunk * CHUNK;
                let rest = self.text.as_bytes().get(from..offset).unwrap_or_default();
                before + count_chars(rest)
            }
        }
    }

    /// The byte offset where character number `index` (from 0) of the text starts, or the
    /// text's length when it has no such character.
    fn char_start(&self, index: usize) -> usize {
        if self.index().chars_before.is_empty() {
            return index.min(self.text.len());
        }
        // The last chunk that starts at or before the character.
        let chunk = self
            .index()
            .chars_before
            .partition_point(|before| *before <= index)
            .saturating_sub(1);
        let from = chunk * CHUNK;
        let mut count = self.index().chars_before.get(chunk).copied().unwrap_or(0);
        let bytes = self.text.as_bytes().get(from..).unwrap_or_default();
        for (at, byte) in bytes.iter().enumerate() {
            if starts_char(*byte) {
                if count == index {
                    return from + at;
                }
                count += 1;
            }
        }
        self.text.len()
    }

    /// The byte offset where a line starts (the text's length past its last line).
    fn line_start(&self, line: u32) -> usize {
        usize::try_from(line)
            .ok()
            .and_then(|line| line.checked_sub(1))
            .and_then(|index| self.index().line_starts.get(index))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// The byte offset of a position (clamped to the text).
    pub fn offset(&self, position: Position) -> usize {
        let start = self.line_start(position.line);
        let column = usize::try_from(position.column)
            .unwrap_or(0)
            .saturating_sub(1);
        self.char_start(self.chars_upto(start).saturating_add(column))
    }

    /// The position of the byte at `offset` (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self
            .index()
            .line_starts
            .partition_point(|start| *start <= offset);
        let start = line
            .checked_sub(1)
            .and_then(|index| self.index().line_starts.get(index))
            .copied()
            .unwrap_or(0);
        let column = self
            .chars_upto(offset)
            .saturating_sub(self.chars_upto(start));
        Position {
            line: saturating_u32(line),
            column: saturating_u32(column + 1),
        }
    }
}

/// The message for a text of `bytes` bytes, over [`MAX_TEXT_BYTES`].
pub fn too_large(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    format!(
        "the text is {} MiB, larger than the {} MiB this tool reads",
        bytes.div_ceil(MIB),
        MAX_TEXT_BYTES / MIB
    )
}

fn saturating_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The largest text, in bytes, that [`parse`] reads: 128 MiB. The largest documents AWS can
/// produce are far smaller (the largest legal set of access control rules is under 1 MB of JSON;
/// `list-users` for 100,000 users is about 40 MB), and loading a text takes several times its size
/// in memory, so a larger text is refused before any of it is parsed.
pub const MAX_TEXT_BYTES: usize = 128 * 1024 * 1024;

/// Why a text is not a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// `"syntax"` when the text is not JSON, `"too-large"` when it is longer than
    /// [`MAX_TEXT_BYTES`] (and was not read).
    pub code: &'static str,
    /// Where reading stopped.
    pub position: Position,
    /// What was wrong, in the style of every diagnostic message.
    pub message: String,
}

/// A parsed JSON text: its syntax tree (with byte ranges) and the map to positions.
pub struct Parsed<'a> {
    /// The root of the syntax tree (read it as a `Value` with [`Parsed::value`]).
    pub root: Ast<'a>,
    /// Positions of byte offsets in the text.
    pub source: SourceMap<'a>,
}

impl Parsed<'_> {
    /// The text as a `serde_json::Value` (the last of duplicate members wins), read from the
    /// syntax tree: exactly the value `serde_json` reads from the text.
    pub fn value(&self) -> serde_json::Value {
        // The text passed `serde_json`'s own reading (see [`parse`]), so nothing can fail here.
        serde_json::Value::deserialize(Node::Tree(&self.root)).unwrap_or_default()
    }
}

/// Parses strict JSON, keeping the range of every value.
///
/// # Errors
/// A [`SyntaxError`] with the position where the text stops being JSON: a syntax error, nesting
/// deeper than 128 levels, a number out of range, an unpaired surrogate escape, an empty text, or
/// a text longer than [`MAX_TEXT_BYTES`] (at the position where the limit falls).
pub fn parse(text: &str) -> Result<Parsed<'_>, SyntaxError> {
    let source = SourceMap::new(text);
    if text.len() > MAX_TEXT_BYTES {
        return Err(SyntaxError {
            code: "too-large",
            position: source.position(MAX_TEXT_BYTES),
            message: too_large(text.len()),
        });
    }
    // `serde_json` reads the text as it would read a `Value`, with its nesting limit, so the
    // recursive syntax tree reader below never sees more than 128 levels; nothing is built.
    match serde_json::from_str::<Checked>(text) {
        Ok(Checked) => {}
        Err(error) => {
            let position = Position {
                line: saturating_u32(error.line()),
                column: saturating_u32(error.column().max(1)),
            };
            let message = describe_serde_error(&error, &source, position);
            return Err(SyntaxError {
                code: "syntax",
                position,
                message,
            });
        }
    };
    let strict = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Off,
        tokens: false,
    };
    let parsed =
        jsonc_parser::parse_to_ast(text, &collect, &strict).map_err(|error| SyntaxError {
            code: "syntax",
            position: source.position(error.range().start),
            message: error.kind().to_string(),
        })?;
    match parsed.value {
        Some(root) => Ok(Parsed { root, source }),
        None => Err(SyntaxError {
            code: "syntax",
            position: source.position(0),
            message: "the text is empty: expected a JSON object".to_owned(),
        }),
    }
}

fn describe_serde_error(error: &serde_json::Error, source: &SourceMap<'_>, at: Position) -> String {
    let text = error.to_string();
    // serde_json appends " at line L column C"; the position is reported separately.
    let message = text
        .rfind(" at line ")
        .and_then(|at| text.get(..at))
        .unwrap_or(&text);
    match message {
        "EOF while parsing a value" => "the text ends before a value".to_owned(),
        "EOF while parsing an object" => {
            "the text ends inside an object: a `}` is missing".to_owned()
        }
        "EOF while parsing a list" => "the text ends inside an array: a `]` is missing".to_owned(),
        "EOF while parsing a string" => {
            "the text ends inside a string: a `\"` is missing".to_owned()
        }
        // `{"a": 1,}` reads as a member name missing after the comma.
        "key must be a string" if follows_comma(source, at) => "trailing comma".to_owned(),
        "recursion limit exceeded" => {
            "values are nested more than 128 levels deep, more than any WorkMail document needs"
                .to_owned()
        }
        _ => lower(message),
    }
}

fn follows_comma(source: &SourceMap<'_>, at: Position) -> bool {
    // The position is that of the `}` that came instead of a member name.
    source
        .text
        .get(..source.offset(at))
        .and_then(|before| before.trim_end().chars().last())
        .is_some_and(|c| c == ',')
}

/// `message` with its first letter in lower case. serde_json's messages start with an ASCII
/// character, so the ASCII lowering is the full Unicode one here; `char::to_lowercase` would add
/// the Unicode case tables (12 KiB) to the WebAssembly module.
fn lower(message: &str) -> String {
    let mut lowered = message.to_owned();
    if let Some(first) = lowered.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    lowered
}

/// The name of a member as written (always a string in strict JSON).
pub fn prop_name<'a>(name: &'a ObjectPropName<'_>) -> &'a str {
    match name {
        ObjectPropName::String(literal) => &literal.value,
        ObjectPropName::Word(word) => word.value,
    }
}

/// The byte offset where a value starts.
pub fn start_of(value: &Ast<'_>) -> usize {
    range_of(value).start
}

/// The bytes a value takes in its text: from its first character to just past its last.
pub fn range_of(value: &Ast<'_>) -> std::ops::Range<usize> {
    let range = match value {
        Ast::StringLit(node) => node.range,
        Ast::NumberLit(node) => node.range,
        Ast::BooleanLit(node) => node.range,
        Ast::Object(node) => node.range,
        Ast::Array(node) => node.range,
        Ast::NullKeyword(node) => node.range,
    };
    range.start..range.end
}

/// What kind of JSON value this is, as a message would name it.
pub fn kind_of(value: &Ast<'_>) -> &'static str {
    match value {
        Ast::StringLit(_) => "a string",
        Ast::NumberLit(_) => "a number",
        Ast::BooleanLit(_) => "a boolean",
        Ast::Object(_) => "an object",
        Ast::Array(_) => "an array",
        Ast::NullKeyword(_) => "null",
    }
}

/// A text read by `serde_json` exactly as it reads a `Value` (the same parser, limits and
/// errors), keeping nothing: only whether, and where, the text stops being JSON.
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CheckedVisitor)
    }
}

struct CheckedVisitor;

impl<'de> Visitor<'de> for CheckedVisitor {
    type Value = Checked;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Checked, A::Error> {
        while let Some(Checked) = items.next_element::<Checked>()? {}
        Ok(Checked)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<Checked, A::Error> {
        while let Some((Checked, Checked)) = members.next_entry::<Checked, Checked>()? {}
        Ok(Checked)
    }
}

/// A JSON value read by serde: a value of a text's syntax tree, or a `serde_json::Value` (an API
/// request), read alike. A tree value reads as serde reads the `Value` of its text: the same
/// numbers (an integer is a `u64`, a negative one an `i64`, anything else or out of their range
/// an `f64`, and `-0` the float `-0.0`), strings, and objects in which the last of duplicate
/// members wins (see [`tree_members`]).
///
/// Typed values are read from the tree a text was parsed into, instead of parsing the text a
/// second time into a `Value` (which took a quarter of loading the largest document). The text
/// has passed `serde_json`'s own reading by then, so every number is in range. Both kinds of
/// value are one deserializer, so each type has one reader in the WebAssembly modules, not one
/// per kind of value.
#[derive(Clone, Copy)]
pub(crate) enum Node<'t, 'a> {
    /// A value of a syntax tree.
    Tree(&'t Ast<'a>),
    /// A value already read.
    Value(&'t serde_json::Value),
}

impl<'de> Deserializer<'de> for Node<'_, '_> {
    type Error = serde_json::Error;

    // Made once per type read: what the value is, is worked out once, in `read`.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.read()? {
            Read::Str(text) => visitor.visit_str(text),
            Read::Unsigned(value) => visitor.visit_u64(value),
            Read::Signed(value) => visitor.visit_i64(value),
            Read::Float(value) => visitor.visit_f64(value),
            Read::Bool(value) => visitor.visit_bool(value),
            Read::Null => visitor.visit_unit(),
            Read::Items(items) => {
                let mut items = SeqDeserializer::new(items.into_iter());
                let value = visitor.visit_seq(&mut items)?;
                items.end()?;
                Ok(value)
            }
            Read::Members(members) => visitor.visit_map(MapDeserializer::new(members.into_iter())),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Self::Tree(Ast::NullKeyword(_)) | Self::Value(serde_json::Value::Null) => {
                visitor.visit_none()
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        // Every enum of the documents and requests is a unit variant, written as its name.
        match self {
            Self::Tree(Ast::StringLit(literal)) => {
                visitor.visit_enum(literal.value.as_ref().into_deserializer())
            }
            Self::Value(serde_json::Value::String(text)) => {
                visitor.visit_enum(text.as_str().into_deserializer())
            }
            other => Err(serde::de::Error::invalid_type(
                other.unexpected(),
                &"a string",
            )),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_unit()
    }

    // The kinds most types ask for, each made small: only the one kind of value it reads.
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Self::Tree(Ast::StringLit(literal)) => visitor.visit_str(&literal.value),
            Self::Value(serde_json::Value::String(text)) => visitor.visit_str(text),
            other => Err(serde::de::Error::invalid_type(other.unexpected(), &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Self::Tree(Ast::BooleanLit(literal)) => visitor.visit_bool(literal.value),
            Self::Value(serde_json::Value::Bool(value)) => visitor.visit_bool(*value),
            other => Err(serde::de::Error::invalid_type(other.unexpected(), &visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Self::Tree(Ast::Array(_)) | Self::Value(serde_json::Value::Array(_)) => {
                let mut items = SeqDeserializer::new(self.elements().into_iter());
                let value = visitor.visit_seq(&mut items)?;
                items.end()?;
                Ok(value)
            }
            other => Err(serde::de::Error::invalid_type(other.unexpected(), &visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Self::Tree(Ast::Object(_)) | Self::Value(serde_json::Value::Object(_)) => {
                visitor.visit_map(self.members())
            }
            other => Err(serde::de::Error::invalid_type(other.unexpected(), &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.deserialize_map(visitor)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit unit_struct tuple
        tuple_struct identifier
    }
}

impl<'de> IntoDeserializer<'de, serde_json::Error> for Node<'_, '_> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'t, 'a> Node<'t, 'a> {
    /// The value as a visitor is given it.
    fn read(self) -> Result<Read<'t, 'a>, serde_json::Error> {
        use serde_json::Value;
        Ok(match self {
            Self::Tree(Ast::StringLit(literal)) => Read::Str(&literal.value),
            Self::Value(Value::String(text)) => Read::Str(text),
            Self::Tree(Ast::NumberLit(number)) => {
                read_number(&serde_json::Number::from_str(number.value)?)?
            }
            Self::Value(Value::Number(number)) => read_number(number)?,
            Self::Tree(Ast::BooleanLit(literal)) => Read::Bool(literal.value),
            Self::Value(Value::Bool(value)) => Read::Bool(*value),
            Self::Tree(Ast::NullKeyword(_)) | Self::Value(Value::Null) => Read::Null,
            Self::Tree(Ast::Array(_)) | Self::Value(Value::Array(_)) => {
                Read::Items(self.elements())
            }
            Self::Tree(Ast::Object(_)) | Self::Value(Value::Object(_)) => {
                Read::Members(self.taken_members())
            }
        })
    }

    /// An array's items (none for any other value).
    fn elements(self) -> Vec<Self> {
        match self {
            Self::Tree(value) => value
                .as_array()
                .map(|array| array.elements.iter().map(Self::Tree).collect())
                .unwrap_or_default(),
            Self::Value(value) => value
                .as_array()
                .map(|items| items.iter().map(Self::Value).collect())
                .unwrap_or_default(),
        }
    }

    /// An object's members as serde's map deserializer reads them (see [`object_members`]).
    fn members<'de>(self) -> Members<'de, 't, 'a> {
        MapDeserializer::new(self.taken_members().into_iter())
    }

    /// An object's members, each name with the value that counts for it (none for any other
    /// value): kept out of the map deserializer, which is made once per type read, so that this
    /// is made once.
    fn taken_members(self) -> Vec<(&'t str, Self)> {
        match self {
            Self::Value(value) => value
                .as_object()
                .map(|members| {
                    members
                        .iter()
                        .map(|(name, member)| (name.as_str(), Self::Value(member)))
                        .collect()
                })
                .unwrap_or_default(),
            Self::Tree(value) => tree_members(value),
        }
    }

    /// How serde names the value in an "invalid type" message.
    fn unexpected(self) -> Unexpected<'t> {
        use serde_json::Value;
        match self {
            Self::Tree(Ast::StringLit(literal)) => Unexpected::Str(&literal.value),
            Self::Value(Value::String(text)) => Unexpected::Str(text),
            Self::Tree(Ast::NumberLit(_)) | Self::Value(Value::Number(_)) => {
                Unexpected::Other("number")
            }
            Self::Tree(Ast::BooleanLit(literal)) => Unexpected::Bool(literal.value),
            Self::Value(Value::Bool(value)) => Unexpected::Bool(*value),
            Self::Tree(Ast::NullKeyword(_)) | Self::Value(Value::Null) => Unexpected::Unit,
            Self::Tree(Ast::Array(_)) | Self::Value(Value::Array(_)) => Unexpected::Seq,
            Self::Tree(Ast::Object(_)) | Self::Value(Value::Object(_)) => Unexpected::Map,
        }
    }
}

/// A [`Node`] as a visitor is given it.
enum Read<'t, 'a> {
    Str(&'t str),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Bool(bool),
    Null,
    Items(Vec<Node<'t, 'a>>),
    Members(Vec<(&'t str, Node<'t, 'a>)>),
}

/// A number as `serde_json` gives it to a visitor: an integer is a `u64`, a negative one an
/// `i64`, anything else an `f64`, exactly as in a `Value` (a tree's number is read by
/// `serde_json`'s own number reader).
fn read_number<'t, 'a>(number: &serde_json::Number) -> Result<Read<'t, 'a>, serde_json::Error> {
    match (number.as_u64(), number.as_i64(), number.as_f64()) {
        (Some(value), _, _) => Ok(Read::Unsigned(value)),
        (None, Some(value), _) => Ok(Read::Signed(value)),
        (None, None, Some(value)) => Ok(Read::Float(value)),
        (None, None, None) => Err(serde::de::Error::invalid_type(
            Unexpected::Other("number"),
            &"a JSON number",
        )),
    }
}

/// What [`object_members`] gives: one type for both kinds of value.
pub(crate) type Members<'de, 't, 'a> =
    MapDeserializer<'de, std::vec::IntoIter<(&'t str, Node<'t, 'a>)>, serde_json::Error>;

/// A JSON object's members as serde's map deserializer reads them, for a value that a shape has
/// already checked to be an object (any other value reads as an object without members).
///
/// A type read through it is offered only the object form of a struct: a whole [`Node`] would
/// also offer the array form, a second reader for every type that the WebAssembly module would
/// carry for nothing, since the shapes admit no array where a structure is expected.
pub(crate) fn object_members<'de, 't, 'a>(value: &'t Ast<'a>) -> Members<'de, 't, 'a> {
    Node::Tree(value).members()
}

/// [`object_members`] for a `serde_json::Value` (an API request).
pub(crate) fn members<'de, 't>(value: &'t serde_json::Value) -> Members<'de, 't, 'static> {
    Node::Value(value).members()
}

/// A tree object's members, without those a later member of the same name replaces: the last
/// of duplicate members wins, as in a `Value` (where it keeps the place of the first: the order
/// of members matters to no type read here, and a `Value` compares them as a map).
fn tree_members<'t, 'a>(value: &'t Ast<'a>) -> Vec<(&'t str, Node<'t, 'a>)> {
    let properties = value
        .as_object()
        .map_or(&[][..], |object| object.properties.as_slice());
    // Whether each member is the last of its name. Objects with many members (a directory keyed
    // by name, say) use a set, so that no object is quadratic.
    let last: Vec<bool> = if properties.len() <= 16 {
        properties
            .iter()
            .enumerate()
            .map(|(at, prop)| {
                let later = properties.get(at + 1..).unwrap_or_default();
                !later
                    .iter()
                    .any(|other| prop_name(&other.name) == prop_name(&prop.name))
            })
            .collect()
    } else {
        let mut seen = HashSet::with_capacity(properties.len());
        let mut last: Vec<bool> = properties
            .iter()
            .rev()
            .map(|prop| seen.insert(prop_name(&prop.name)))
            .collect();
        last.reverse();
        last
    };
    properties
        .iter()
        .zip(last)
        .filter(|(_, last)| *last)
        .map(|(prop, _)| (prop_name(&prop.name), Node::Tree(&prop.value)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_say_what_is_missing_in_words() {
        let message = |text: &str| parse(text).err().map(|error| error.message);
        assert_eq!(
            message(r#"{"a": 1"#).as_deref(),
            Some("the text ends inside an object: a `}` is missing")
        );
        assert_eq!(
            message(r#"{"a": "b"#).as_deref(),
            Some("the text ends inside a string: a `\"` is missing")
        );
        assert_eq!(
            message(r#"["a""#).as_deref(),
            Some("the text ends inside an array: a `]` is missing")
        );
        assert_eq!(
            message(r#"{"a": "#).as_deref(),
            Some("the text ends before a value")
        );
        assert_eq!(message(r#"{"a": 1,}"#).as_deref(), Some("trailing comma"));
        assert_eq!(
            message("{\"a\": 1, \n }").as_deref(),
            Some("trailing comma")
        );
        // A member name missing where no comma came before is not a trailing comma.
        assert_eq!(message("{1: 2}").as_deref(), Some("key must be a string"));
    }

    #[test]
    fn values_are_named_by_their_kind() {
        let kinds: Vec<&str> = ["\"x\"", "1.5", "true", "{}", "[]", "null"]
            .into_iter()
            .map(|text| kind_of(&parse(text).unwrap().root))
            .collect();
        assert_eq!(
            kinds,
            [
                "a string",
                "a number",
                "a boolean",
                "an object",
                "an array",
                "null"
            ]
        );
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let map = SourceMap::new("{\n  \"é\": 1,\n  \"b\": 2\n}");
        assert_eq!(map.position(0), Position { line: 1, column: 1 });
        assert_eq!(map.position(2), Position { line: 2, column: 1 });
        // "é" is two bytes: the colon after `"é"` is the 6th character of line 2.
        assert_eq!(map.position(8), Position { line: 2, column: 6 });
        assert_eq!(map.offset(Position { line: 2, column: 6 }), 8);
        assert_eq!(map.position(1000).line, 4);
    }

    #[test]
    fn positions_agree_with_counting_characters_across_chunks() {
        // Long lines of one-, two-, three- and four-byte characters, so that the kept counts
        // fall inside characters and lines span several of them.
        let line: String = "aé€😀".repeat(100);
        let text = format!("{line}\n\n{line}x\n{}", "b".repeat(700));
        let map = SourceMap::new(&text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let before = text.get(..offset).unwrap_or_default();
            let line_start = before.rfind('\n').map_or(0, |at| at + 1);
            let expected = Position {
                line: saturating_u32(before.matches('\n').count() + 1),
                column: saturating_u32(
                    before.get(line_start..).unwrap_or_default().chars().count() + 1,
                ),
            };
            assert_eq!(map.position(offset), expected, "offset {offset}");
            assert_eq!(map.offset(expected), offset, "{expected:?}");
        }
        // Past the end of a line, the count goes on into the next lines, then stops at the end.
        assert_eq!(map.offset(Position { line: 2, column: 2 }), line.len() + 2);
        assert_eq!(map.offset(Position { line: 9, column: 1 }), text.len());
        assert_eq!(
            map.offset(Position {
                line: 4,
                column: 10_000
            }),
            text.len()
        );
    }

    #[test]
    fn syntax_errors_are_located() {
        let error = parse("{\n  \"a\": 1,\n}").err();
        let error = error
            .as_ref()
            .map(|e| (e.position.line, e.message.as_str()));
        assert_eq!(error, Some((3, "trailing comma")));
        let error = parse("[1,\n]").err();
        let error = error
            .as_ref()
            .map(|e| (e.position.line, e.message.as_str()));
        assert_eq!(error, Some((2, "trailing comma")));
    }

    #[test]
    fn empty_text_is_an_error() {
        let error = parse("   ").err().map(|e| e.message);
        assert_eq!(error.as_deref(), Some("the text ends before a value"));
        let error = parse("{\"a\": [1").err().map(|e| e.message);
        assert_eq!(
            error.as_deref(),
            Some("the text ends inside an array: a `]` is missing")
        );
    }

    #[test]
    fn deep_nesting_is_refused_with_a_position() {
        let text = "[".repeat(10_000);
        let error = parse(&text).err();
        assert!(error.is_some_and(|e| e.message.contains("128 levels")));
    }

    #[test]
    fn comments_are_not_json() {
        assert!(parse("{} // note").is_err());
    }

    /// A text read through the syntax tree, as serde reads `serde_json::Value`.
    fn read_through_tree(text: &str) -> serde_json::Value {
        let parsed = parse(text).unwrap();
        let read = serde_json::Value::deserialize(Node::Tree(&parsed.root)).unwrap();
        assert_eq!(parsed.value(), read);
        read
    }

    #[test]
    fn values_read_from_the_tree_are_those_serde_json_reads() {
        let texts = [
            r#"{"a": [1, 2.5, "x", true, null]}"#,
            // Integers, negative ones, `-0`, beyond 64 bits, floats and exponents.
            "[0, -0, 7, -7, 18446744073709551615, 18446744073709551616, -9223372036854775808, -9223372036854775809, 0.1, -2.5e-3, 1E2, 1e-400, 123456789012345678901234567890]",
            // Escapes, and members in their order, the last of a duplicate replacing the first.
            r#"{"b": "\u00e9\n\"\ud83d\ude00", "a": {"x": 1, "y": 2, "x": 3}, "b": "last"}"#,
            "{}",
            "[]",
            "\"plain\"",
        ];
        for text in texts {
            let expected: serde_json::Value = serde_json::from_str(text).unwrap();
            let read = read_through_tree(text);
            assert_eq!(read, expected, "{text}");
            // Compared as text too (the same float bits, the same member order), where no
            // member is duplicated (a duplicate keeps its last place here, its first there).
            if !text.contains(r#""x": 3"#) {
                assert_eq!(read.to_string(), expected.to_string(), "{text}");
            }
        }
    }

    #[test]
    fn a_large_object_keeps_the_last_of_duplicate_members() {
        let members: Vec<String> = (0..40)
            .map(|at| format!("\"m{}\": {at}", at % 20))
            .collect();
        let text = format!("{{{}}}", members.join(", "));
        let expected: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(read_through_tree(&text), expected);
        assert_eq!(read_through_tree(&text)["m3"], 23);
    }

    #[test]
    fn what_serde_json_refuses_is_refused_before_the_tree() {
        for text in [
            "[1e400]",
            "[-1e400]",
            r#"["\ud800"]"#,
            r#"{"a": "\udc00x"}"#,
            "[1,]",
            "{\"a\" 1}",
        ] {
            let expected = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
            let error = parse(text).err().unwrap();
            assert_eq!(
                (error.position.line as usize, error.position.column as usize),
                (expected.line(), expected.column()),
                "{text}"
            );
        }
    }
}
