//! The analysis subcommands (`table`, `diff`, `lint`, `test`, `impersonate`): each reads its
//! files, calls one function of the core's `analysis` module and prints the result through the
//! core's `Display`, Markdown, CSV or serialization.
//!
//! What is shared lives here: reading a JSON file as text, and colouring the words at the start
//! of a line on a terminal.

pub mod diff;
pub mod impersonate;
pub mod lint;
pub mod saved_tests;
pub mod table;

use std::path::Path;

use anstyle::{AnsiColor, Color, Style};
use workmail_policy::DocumentError;

use crate::explain::colour_wanted;
use crate::files::{Reading, document_failure, read_text, shown};
use crate::output::{Failure, print_stdout};

/// Reads a JSON file as text; `what` names it in messages (`the tests file`).
///
/// # Errors
/// Why the file cannot be read, or a located diagnostic when it is not UTF-8 text.
pub fn read_json_file(path: &Path, what: &str) -> Result<String, Failure> {
    match read_text(path) {
        Ok(text) => Ok(text),
        Err(Reading::Io(reason)) => Err(Failure::invalid(format!(
            "cannot read {what} {}: {reason}",
            shown(path)
        ))),
        Err(Reading::Encoding(diagnostic)) => {
            Err(document_failure(path, &DocumentError::from(diagnostic)))
        }
    }
}

/// Both results, or every problem of both: the messages of two invalid inputs are reported
/// together, so one run shows everything to fix.
///
/// # Errors
/// The failure of either, or both sets of messages.
pub fn both<A, B>(
    first: Result<A, Failure>,
    second: Result<B, Failure>,
) -> Result<(A, B), Failure> {
    match (first, second) {
        (Ok(first), Ok(second)) => Ok((first, second)),
        (Err(failure), Ok(_)) | (Ok(_), Err(failure)) => Err(failure),
        (Err(Failure::Invalid(mut messages)), Err(Failure::Invalid(more))) => {
            messages.extend(more);
            Err(Failure::Invalid(messages))
        }
        (Err(failure), Err(_)) => Err(failure),
    }
}

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
pub fn print_text(text: &str, paint: impl FnOnce(&str) -> String) -> Result<(), Failure> {
    if colour_wanted() {
        print_stdout(&paint(text))
    } else {
        print_stdout(text)
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

    #[test]
    fn both_inputs_report_their_problems_together() {
        let bad = |message: &str| Err::<(), _>(Failure::invalid(message));
        let Err(Failure::Invalid(messages)) = both(bad("a"), bad("b")) else {
            panic!("two invalid inputs must be refused");
        };
        assert_eq!(messages, ["a", "b"]);
        assert!(matches!(both(Ok(1), bad("b")), Err(Failure::Invalid(m)) if m == ["b"]));
        assert!(matches!(both(Ok(1), Ok(2)), Ok((1, 2))));
    }

    #[test]
    fn an_unreadable_file_is_named() {
        let Err(Failure::Invalid(messages)) =
            read_json_file(Path::new("no/such/tests.json"), "the tests file")
        else {
            panic!("a missing file must be refused");
        };
        assert_eq!(
            messages,
            ["cannot read the tests file `no/such/tests.json`: no such file"]
        );
    }
}
