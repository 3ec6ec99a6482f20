//! The diagnostics a list shows: the first [`SHOWN_DIAGNOSTICS`] of a text's diagnostics, and
//! how many there are in all.
//!
//! A hostile text can carry hundreds of thousands of problems; a page that drew them all would
//! stop responding. Only the first few are drawn (fixing them usually shows what is wrong with
//! the rest), and a line says how many more there are. The same form crosses from the loader
//! (see [`crate::loader`]) as JSON, so a large text's diagnostics never exist in full on the page.

use serde::{Deserialize, Serialize};
use workmail_policy::diagnostic::CappedError;
use workmail_policy::{Diagnostic, Severity};

/// How many diagnostics a list shows: as many as the command line's texts
/// ([`workmail_policy::diagnostic::DIAGNOSTICS_SHOWN`]).
pub const SHOWN_DIAGNOSTICS: usize = workmail_policy::diagnostic::DIAGNOSTICS_SHOWN;

/// One diagnostic as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Problem {
    /// Whether it blocks loading (otherwise a warning).
    pub error: bool,
    /// The JSON path, empty for the whole text.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl From<&Diagnostic> for Problem {
    fn from(diagnostic: &Diagnostic) -> Self {
        Self {
            error: diagnostic.severity == Severity::Error,
            path: diagnostic.path.clone(),
            line: diagnostic.line,
            column: diagnostic.column,
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
        }
    }
}

/// The first diagnostics of a text, and how many it has in all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Problems {
    /// The first [`SHOWN_DIAGNOSTICS`], in text order.
    pub shown: Vec<Problem>,
    /// How many diagnostics there are, shown or not.
    pub total: usize,
    /// How many of them are errors.
    pub errors: usize,
}

impl Problems {
    /// The list for `diagnostics` (in text order).
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        Self {
            shown: diagnostics
                .iter()
                .take(SHOWN_DIAGNOSTICS)
                .map(Problem::from)
                .collect(),
            total: diagnostics.len(),
            errors: diagnostics.iter().filter(|d| d.is_error()).count(),
        }
    }

    /// The list for a text loaded with only its first diagnostics kept (see
    /// [`workmail_policy::document::load_capped`]).
    pub fn of_capped(error: &CappedError) -> Self {
        Self {
            shown: error
                .shown
                .iter()
                .take(SHOWN_DIAGNOSTICS)
                .map(Problem::from)
                .collect(),
            total: error.total(),
            errors: error.error_count(),
        }
    }

    /// How many diagnostics are not shown.
    pub fn hidden(&self) -> usize {
        self.total.saturating_sub(self.shown.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostics(text: &str) -> Vec<Diagnostic> {
        workmail_policy::Organization::from_json(text)
            .err()
            .map(|error| error.diagnostics)
            .unwrap_or_default()
    }

    #[test]
    fn a_short_list_is_shown_whole() {
        let all = diagnostics(r#"{"AccessControlRules": [{"Name": "a", "Effect": "MAYBE"}]}"#);
        let problems = Problems::of(&all);
        assert_eq!(problems.total, all.len());
        assert_eq!(problems.shown.len(), all.len());
        assert_eq!(problems.hidden(), 0);
        assert_eq!(problems.errors, 1);
        assert!(problems.shown[0].error);
        assert_eq!(problems.shown[0].path, "AccessControlRules[0].Effect");
    }

    #[test]
    fn a_long_list_shows_the_first_and_counts_the_rest() {
        let rules: Vec<String> = (0..120)
            .map(|at| format!(r#"{{"Name": "rule-{at}", "Effect": "MAYBE"}}"#))
            .collect();
        let all = diagnostics(&format!(
            r#"{{"AccessControlRules": [{}]}}"#,
            rules.join(",")
        ));
        assert!(all.len() >= 120, "{}", all.len());
        let problems = Problems::of(&all);
        assert_eq!(problems.shown.len(), SHOWN_DIAGNOSTICS);
        assert_eq!(problems.hidden(), all.len() - SHOWN_DIAGNOSTICS);
        assert_eq!(problems.errors, all.iter().filter(|d| d.is_error()).count());
        assert_eq!(
            problems.shown.last().map(|p| p.line),
            all.get(SHOWN_DIAGNOSTICS - 1).map(|d| d.line),
            "the first ones, in text order"
        );
        let json = serde_json::to_string(&problems).unwrap_or_default();
        assert_eq!(serde_json::from_str::<Problems>(&json).ok(), Some(problems));
    }
}
