//! JSON text read with the position of every value, so that every diagnostic can point at a line
//! and column.
//!
//! Text is first checked by `serde_json` (strict JSON, a nesting limit of 128, exact syntax error
//! positions), then read into `jsonc-parser`'s syntax tree with every extension turned off. The tree
//! keeps the byte range of each value and member name, which [`SourceMap`] turns into line and column.

use std::cell::OnceCell;

use jsonc_parser::ast::{ObjectPropName, Value as Ast};
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions};
use serde::Serialize;
use serde::de::value::MapDeserializer;
use serde_json::Value;

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

/// A parsed JSON text: its value, its syntax tree (with byte ranges) and the map to positions.
pub struct Parsed<'a> {
    /// The value (the last of duplicate members wins).
    pub value: Value,
    /// The root of the syntax tree.
    pub root: Ast<'a>,
    /// Positions of byte offsets in the text.
    pub source: SourceMap<'a>,
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
    // `serde_json` builds the value with a nesting limit, so the recursive syntax tree reader
    // below never sees more than 128 levels.
    let value = match serde_json::from_str::<Value>(text) {
        Ok(value) => value,
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
        Some(root) => Ok(Parsed {
            value,
            root,
            source,
        }),
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
    match value {
        Ast::StringLit(node) => node.range.start,
        Ast::NumberLit(node) => node.range.start,
        Ast::BooleanLit(node) => node.range.start,
        Ast::Object(node) => node.range.start,
        Ast::Array(node) => node.range.start,
        Ast::NullKeyword(node) => node.range.start,
    }
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

/// A JSON object's members as serde's map deserializer reads them, for a value that a shape has
/// already checked to be an object (any other value reads as an object without members).
///
/// A type read through it is offered only the object form of a struct: `&Value` would also offer
/// the array form, a second reader for every type that the WebAssembly module would carry for
/// nothing, since the shapes admit no array where a structure is expected.
pub(crate) fn members(
    value: &Value,
) -> MapDeserializer<'_, impl Iterator<Item = (&str, &Value)>, serde_json::Error> {
    MapDeserializer::new(
        value
            .as_object()
            .into_iter()
            .flatten()
            .map(|(name, member)| (name.as_str(), member)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn values_convert_exactly() {
        let parsed = parse(r#"{"a": [1, 2.5, "x", true, null]}"#);
        let value = parsed.map(|p| p.value).ok();
        assert_eq!(
            value,
            Some(serde_json::json!({"a": [1, 2.5, "x", true, null]}))
        );
    }
}
