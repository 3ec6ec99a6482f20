//! Located, structured problems in a document: what, where (JSON path, line and column) and how
//! to fix it, and how many of them a text shows ([`capped`]).

use std::fmt;

use serde::Serialize;

use crate::json::{Position, SourceMap, SyntaxError};
use crate::shape::{Path, Problem, Severity, Violation};

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// A stable kebab-case code (`pattern`, `duplicate-rule-name`...).
    pub code: &'static str,
    /// Error (blocks loading) or warning.
    pub severity: Severity,
    /// The JSON path (`AccessControlRules[2].NotIpRanges[0]`), empty for the whole document.
    pub path: String,
    /// 1-based line of the value.
    pub line: u32,
    /// 1-based column (in characters) of the value.
    pub column: u32,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at a position.
    pub fn new(
        code: &'static str,
        severity: Severity,
        path: &Path,
        position: Position,
        message: impl Into<String>,
    ) -> Self {
        Self {
            code,
            severity,
            path: path.to_string(),
            line: position.line,
            column: position.column,
            message: message.into(),
            help: None,
        }
    }

    /// The same with advice.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether it blocks loading.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub(crate) fn from_syntax(error: &SyntaxError) -> Self {
        let (message, help) = if error.code == "too-large" {
            (
                error.message.clone(),
                "split the document: load the rules, the roles and the users separately",
            )
        } else {
            (
                format!("not valid JSON: {}", error.message),
                "paste the JSON exactly as the AWS CLI printed it (`--output json`)",
            )
        };
        Self::new(
            error.code,
            Severity::Error,
            &Path::root(),
            error.position,
            message,
        )
        .with_help(help)
    }

    pub(crate) fn from_violation(
        violation: &Violation,
        source: &SourceMap<'_>,
        severity: Severity,
    ) -> Self {
        Self::from_violation_at(
            violation,
            source.position(violation.offset.unwrap_or(0)),
            severity,
        )
    }

    /// [`Self::from_violation`] at a position already found.
    pub(crate) fn from_violation_at(
        violation: &Violation,
        position: Position,
        severity: Severity,
    ) -> Self {
        let diagnostic = Self::new(
            violation.problem.code(),
            severity,
            &violation.path,
            position,
            violation.problem.to_string(),
        );
        match (&violation.problem, violation.problem.help()) {
            (Problem::UnknownMember { .. }, Some(help)) => {
                diagnostic.with_help(format!("this member is ignored; {help}"))
            }
            (_, Some(help)) => diagnostic.with_help(help),
            (_, None) => diagnostic,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{severity}[{}]: {}:{}",
            self.code, self.line, self.column
        )?;
        write_place_and_message(f, &self.path, &self.message, self.help.as_deref())
    }
}

/// The end of a diagnostic's or a lint finding's text: `: PATH` (unless at the root),
/// `: MESSAGE`, and the help on its own indented line.
pub(crate) fn write_place_and_message(
    f: &mut fmt::Formatter<'_>,
    path: &str,
    message: &str,
    help: Option<&str>,
) -> fmt::Result {
    if !path.is_empty() {
        write!(f, ": {path}")?;
    }
    write!(f, ": {message}")?;
    if let Some(help) = help {
        write!(f, "\n  help: {help}")?;
    }
    Ok(())
}

/// A document that cannot be loaded: every diagnostic found, errors and warnings, in text order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentError {
    /// Everything found.
    pub diagnostics: Vec<Diagnostic>,
}

impl From<Diagnostic> for DocumentError {
    /// A document refused for one reason (bytes that are not UTF-8 text...).
    fn from(diagnostic: Diagnostic) -> Self {
        Self {
            diagnostics: vec![diagnostic],
        }
    }
}

impl From<SyntaxError> for DocumentError {
    /// A text that is not JSON: its one diagnostic.
    fn from(error: SyntaxError) -> Self {
        Diagnostic::from_syntax(&error).into()
    }
}

/// A document that cannot be loaded, as [`crate::document::load_capped`] reports it: its first
/// diagnostics in text order, and how many more there are, without the others ever being held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CappedError {
    /// The first diagnostics, errors and warnings, in text order: at most as many as were asked for.
    pub shown: Vec<Diagnostic>,
    /// The others, counted by severity.
    pub hidden: Hidden,
}

impl CappedError {
    /// How many errors the document has, shown or not.
    pub fn error_count(&self) -> usize {
        self.shown.iter().filter(|d| d.is_error()).count() + self.hidden.errors
    }

    /// How many diagnostics the document has, shown or not.
    pub fn total(&self) -> usize {
        self.shown.len() + self.hidden.total()
    }
}

impl DocumentError {
    /// Only the errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

impl fmt::Display for DocumentError {
    /// `the document has N errors:`, then the diagnostics as [`capped`] shows them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.errors().count();
        writeln!(
            f,
            "the document has {count} {}:",
            if count == 1 { "error" } else { "errors" }
        )?;
        write!(f, "{}", capped(&self.diagnostics))
    }
}

/// How many diagnostics a text shows: the command line, the npm package's error messages and
/// the playground show the first 50 and count the rest in one line. Values (JSON, the npm
/// error's `diagnostics`) always hold every one.
pub const DIAGNOSTICS_SHOWN: usize = 50;

/// A list of diagnostics as a text shows it: the first [`DIAGNOSTICS_SHOWN`], and how many
/// more there are. `Display` writes each shown diagnostic on its own lines, then, when some are
/// left out, one line counting them.
///
/// ```
/// use workmail_policy::diagnostic::{DIAGNOSTICS_SHOWN, capped};
/// use workmail_policy::document::load;
///
/// let rules: Vec<String> = (0..60)
///     .map(|i| format!(r#"{{"Name": "r{i}", "Effect": "ALLOW", "Actions": ["imap"]}}"#))
///     .collect();
/// let text = format!(r#"{{"AccessControlRules": [{}]}}"#, rules.join(",\n"));
/// let error = load(&text).unwrap_err();
/// let shown = capped(&error.diagnostics);
/// assert_eq!(shown.shown.len(), DIAGNOSTICS_SHOWN);
/// assert_eq!(shown.hidden.to_string(), "and 10 more diagnostics not shown: 10 errors");
/// // Each diagnostic is a line and its help line, then the count.
/// assert_eq!(shown.to_string().lines().count(), 2 * DIAGNOSTICS_SHOWN + 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capped<'d> {
    /// The diagnostics shown, the first [`DIAGNOSTICS_SHOWN`] in the order given.
    pub shown: &'d [Diagnostic],
    /// The ones left out.
    pub hidden: Hidden,
}

/// The diagnostics a text leaves out, counted by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hidden {
    /// Errors left out.
    pub errors: usize,
    /// Warnings left out.
    pub warnings: usize,
}

/// The first [`DIAGNOSTICS_SHOWN`] of `items`, which a text shows, and the others, which it
/// only counts: the split behind [`capped`], for lists of other located problems (lint
/// findings) that a text shows the same way.
pub fn split_shown<T>(items: &[T]) -> (&[T], &[T]) {
    items.split_at(items.len().min(DIAGNOSTICS_SHOWN))
}

/// The first [`DIAGNOSTICS_SHOWN`] of `diagnostics` and a count of the others.
pub fn capped(diagnostics: &[Diagnostic]) -> Capped<'_> {
    let (shown, rest) = split_shown(diagnostics);
    let errors = rest.iter().filter(|d| d.is_error()).count();
    Capped {
        shown,
        hidden: Hidden {
            errors,
            warnings: rest.len() - errors,
        },
    }
}

impl Hidden {
    /// Counts one more left out, of `severity`.
    pub(crate) fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
    }

    /// How many are left out.
    pub const fn total(self) -> usize {
        self.errors + self.warnings
    }

    /// Whether nothing is left out.
    pub const fn is_empty(self) -> bool {
        self.total() == 0
    }
}

impl fmt::Display for Hidden {
    /// `and N more diagnostics not shown: E errors, W warnings` (a count of zero is left out).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("and ")?;
        write_count(f, self.total(), "more diagnostic")?;
        f.write_str(" not shown: ")?;
        if self.errors > 0 {
            write_count(f, self.errors, "error")?;
            if self.warnings > 0 {
                f.write_str(", ")?;
            }
        }
        if self.warnings > 0 {
            write_count(f, self.warnings, "warning")?;
        }
        Ok(())
    }
}

/// `N noun`, or `N nouns` unless `N` is 1 (`more diagnostic` counts `more diagnostics`).
pub(crate) fn write_count(f: &mut fmt::Formatter<'_>, count: usize, noun: &str) -> fmt::Result {
    let ending = if count == 1 { "" } else { "s" };
    write!(f, "{count} {noun}{ending}")
}

impl fmt::Display for Capped<'_> {
    /// Each shown diagnostic and its help, then the count of the rest when there are more.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in self.shown {
            writeln!(f, "{diagnostic}")?;
        }
        if !self.hidden.is_empty() {
            writeln!(f, "{}", self.hidden)?;
        }
        Ok(())
    }
}

impl std::error::Error for DocumentError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(severity: Severity) -> Diagnostic {
        let at = Position { line: 1, column: 1 };
        Diagnostic::new("pattern", severity, &Path::root(), at, "wrong")
    }

    fn list(errors: usize, warnings: usize) -> Vec<Diagnostic> {
        let mut list = vec![diagnostic(Severity::Error); errors];
        list.extend(vec![diagnostic(Severity::Warning); warnings]);
        list
    }

    #[test]
    fn up_to_fifty_are_all_shown() {
        for count in [0, 1, DIAGNOSTICS_SHOWN] {
            let all = list(count, 0);
            let shown = capped(&all);
            assert_eq!(
                (shown.shown.len(), shown.hidden),
                (count, Hidden::default())
            );
            assert_eq!(shown.to_string().lines().count(), count);
        }
    }

    #[test]
    fn the_rest_is_counted_by_severity() {
        // The first 50 are errors; of the rest, 2 are errors and 1 a warning.
        let all = list(DIAGNOSTICS_SHOWN + 2, 1);
        let shown = capped(&all);
        assert_eq!(shown.shown.len(), DIAGNOSTICS_SHOWN);
        assert_eq!(
            shown.hidden,
            Hidden {
                errors: 2,
                warnings: 1
            }
        );
        let text = shown.to_string();
        assert_eq!(text.lines().count(), DIAGNOSTICS_SHOWN + 1);
        assert_eq!(
            text.lines().last(),
            Some("and 3 more diagnostics not shown: 2 errors, 1 warning")
        );
        let one = list(0, DIAGNOSTICS_SHOWN + 1);
        assert_eq!(
            capped(&one).hidden.to_string(),
            "and 1 more diagnostic not shown: 1 warning"
        );
    }

    #[test]
    fn a_document_error_counts_every_error_but_shows_fifty() {
        let error = DocumentError {
            diagnostics: list(DIAGNOSTICS_SHOWN + 10, 5),
        };
        let text = error.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + DIAGNOSTICS_SHOWN + 1);
        assert_eq!(lines.first(), Some(&"the document has 60 errors:"));
        assert_eq!(
            lines.last(),
            Some(&"and 15 more diagnostics not shown: 10 errors, 5 warnings")
        );
        // The value keeps every one.
        let value = serde_json::to_value(&error).ok();
        let count = value
            .as_ref()
            .and_then(|v| v.get("diagnostics"))
            .and_then(serde_json::Value::as_array)
            .map(Vec::len);
        assert_eq!(count, Some(DIAGNOSTICS_SHOWN + 15));
    }
}
