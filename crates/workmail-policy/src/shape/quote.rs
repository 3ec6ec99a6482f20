//! A user's value as it may appear in a message or on a terminal.

/// Text from a document as it may appear on a terminal: control characters (C0, DEL and C1, which
/// could move the cursor or rewrite what is shown) escaped, everything else as written.
///
/// ```
/// use workmail_policy::shape::printable;
/// assert_eq!(printable("S-1-1-11-\u{1b}[2K\rALLOW"), "S-1-1-11-\\u{1b}[2K\\rALLOW");
/// assert_eq!(printable("jane@example.com"), "jane@example.com");
/// ```
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(char::is_control) {
        text.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// A value as it appears in a message: at most 64 characters, control characters escaped.
pub fn shorten(text: &str) -> String {
    const LIMIT: usize = 64;
    let mut shown: String = text
        .chars()
        .take(LIMIT)
        .flat_map(char::escape_debug)
        .collect();
    if text.chars().nth(LIMIT).is_some() {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_in_messages_are_shortened_and_escaped() {
        assert_eq!(shorten("a\u{0}b"), "a\\0b");
        assert_eq!(shorten(&"x".repeat(100)).chars().count(), 65);
    }
}
