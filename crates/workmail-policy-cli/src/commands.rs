//! One function per command. Each reads its inputs through the host, calls the core, and prints
//! the core's result through its `Display`, Markdown, CSV or serialization; this module holds
//! what they share: colouring the words at the start of a line on a terminal.

pub mod call;
pub mod check;
pub mod diff;
pub mod explain;
pub mod impersonate;
pub mod lint;
pub mod replay;
pub mod saved_tests;
pub mod table;

use anstyle::{AnsiColor, Color, Style};

use crate::output::{Console, Failure};

/// Green and bold, as `explain` prints ALLOW.
pub const GOOD: Style = Style::new()
    .fg_color(Some(Color::Ansi(AnsiColor::Green)))
    .bold();
/// Red and bold, as `explain` prints DENY.
pub const BAD: Style = Style::new()
    .fg_color(Some(Color::Ansi(AnsiColor::Red)))
    .bold();
/// Yellow and bold, for warnings.
pub const WARNING: Style = Style::new()
    .fg_color(Some(Color::Ansi(AnsiColor::Yellow)))
    .bold();
/// Cyan, for information.
pub const INFO: Style = Style::new().fg_color(Some(Color::Ansi(AnsiColor::Cyan)));

/// The styles of the effects at the start of a line.
pub const EFFECTS: &[(&str, Style)] = &[("ALLOW", GOOD), ("DENY", BAD)];

/// Prints `text` on stdout, painted by `paint` when colour is wanted (a terminal, and no
/// `NO_COLOR`).
///
/// # Errors
/// When stdout cannot be written.
pub fn print_text(
    console: &mut Console<'_>,
    text: &str,
    paint: impl FnOnce(&str) -> String,
) -> Result<(), Failure> {
    if console.terminal().colour_stdout() {
        console.stdout(&paint(text))
    } else {
        console.stdout(text)
    }
}

/// Colours the first word of each line (after its indentation) when it starts with one of
/// `words`; everything else is left as the core wrote it.
pub fn paint_leading(text: &str, words: &[(&str, Style)]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let rest = line.trim_start_matches(' ');
        let indent = line.len() - rest.len();
        let found = words
            .iter()
            .find_map(|(word, style)| rest.strip_prefix(word).map(|after| (word, style, after)));
        match (line.get(..indent), found) {
            (Some(indentation), Some((word, style, after))) => {
                out.push_str(&format!("{indentation}{style}{word}{style:#}{after}"));
            }
            _ => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_words_are_painted_and_nothing_else() {
        let text = "ALLOW  IMAP  [default]\n    DENY   x ALLOW\nrole `r`\n";
        let painted = paint_leading(text, EFFECTS);
        assert_eq!(
            painted,
            format!(
                "{GOOD}ALLOW{GOOD:#}  IMAP  [default]\n    {BAD}DENY{BAD:#}   x ALLOW\nrole `r`\n"
            )
        );
    }
}
