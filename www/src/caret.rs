//! Where a diagnostic's line and column are in a textarea, whose selection counts UTF-16 units.

use workmail_policy::json::{Position, SourceMap};

/// The textarea offset (UTF-16 code units) of a 1-based line and column (in characters),
/// clamped to the text.
pub fn utf16_offset(text: &str, line: u32, column: u32) -> u32 {
    let byte = SourceMap::new(text).offset(Position { line, column });
    let units = text.get(..byte).unwrap_or(text).encode_utf16().count();
    u32::try_from(units).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

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
