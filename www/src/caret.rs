//! Offsets in a textarea's text, which counts UTF-16 code units: where a diagnostic's line and
//! column are, and an edit the code editor reports in them, applied to the page's text.

use workmail_policy::json::{Position, SourceMap};

/// The textarea offset (UTF-16 code units) of a 1-based line and column (in characters),
/// clamped to the text.
pub fn utf16_offset(text: &str, line: u32, column: u32) -> u32 {
    let byte = SourceMap::new(text).offset(Position { line, column });
    let units = text.get(..byte).unwrap_or(text).encode_utf16().count();
    u32::try_from(units).unwrap_or(u32::MAX)
}

/// The byte offset of UTF-16 code unit `units` of `text`; `None` past its end or inside a
/// character.
fn byte_offset(text: &str, units: u32) -> Option<usize> {
    let units = usize::try_from(units).ok()?;
    if text.is_ascii() {
        return (units <= text.len()).then_some(units);
    }
    let mut counted = 0;
    for (at, character) in text.char_indices() {
        if counted == units {
            return Some(at);
        }
        counted += character.len_utf16();
    }
    (counted == units).then_some(text.len())
}

/// `text` with its UTF-16 code units `from..to` replaced by `insert`, as the code editor
/// reports one edit (see `www/editor/editor.js`); `None` when the range is not one of `text`
/// (an offset past its end, inside a character, or `from` after `to`).
pub fn splice(text: &str, from: u32, to: u32, insert: &str) -> Option<String> {
    let start = byte_offset(text, from)?;
    let end = byte_offset(text, to)?;
    let (before, after) = (text.get(..start)?, text.get(end..)?);
    if start > end {
        return None;
    }
    let mut spliced = String::with_capacity(before.len() + insert.len() + after.len());
    spliced.push_str(before);
    spliced.push_str(insert);
    spliced.push_str(after);
    Some(spliced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_in_utf16_units_is_applied_where_the_editor_made_it() {
        // Each case: the text, the edit, and the text after it.
        let cases = [
            ("abcdef", 2, 4, "XY", Some("abXYef")),
            ("abc", 3, 3, "d", Some("abcd")),
            ("abc", 0, 3, "", Some("")),
            // "é" is one unit and two bytes; "😀" is two units and four bytes.
            ("é😀x", 1, 3, "y", Some("éyx")),
            ("é😀x", 3, 3, "!", Some("é😀!x")),
            ("é😀x", 4, 4, "?", Some("é😀x?")),
            // Inside the surrogate pair, past the end, or backwards: not an edit of this text.
            ("é😀x", 2, 2, "z", None),
            ("abc", 2, 4, "z", None),
            ("é😀x", 5, 5, "z", None),
            ("abcdef", 4, 2, "z", None),
        ];
        for (text, from, to, insert, expected) in cases {
            let spliced = splice(text, from, to, insert);
            assert_eq!(
                spliced.as_deref(),
                expected,
                "{text:?} {from}..{to} {insert:?}"
            );
            // The same edit made on UTF-16 units, as the editor makes it.
            if let Some(expected) = expected {
                let mut units: Vec<u16> = text.encode_utf16().collect();
                let (from, to) = (from as usize, to as usize);
                units.splice(from..to, insert.encode_utf16());
                assert_eq!(String::from_utf16(&units).unwrap(), expected);
            }
        }
    }

    #[test]
    fn offsets_count_utf16_units() {
        let text = "{\n  \"a\": \"é😀\", \"b\": 1\n}";
        assert_eq!(utf16_offset(text, 1, 1), 0);
        assert_eq!(utf16_offset(text, 2, 3), 4);
        // `b` is the 15th character of line 2; the emoji before it takes two units.
        assert_eq!(utf16_offset(text, 2, 15), 2 + 14 + 1);
        let end = u32::try_from(text.encode_utf16().count()).unwrap();
        assert_eq!(utf16_offset(text, 9, 1), end);
    }
}
