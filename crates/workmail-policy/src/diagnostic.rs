//! Located, structured problems in a document: what, where (JSON path, line and column) and how
//! to fix it.

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
        let position = source.position(violation.offset.unwrap_or(0));
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

impl DocumentError {
    /// Only the errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.errors().count();
        writeln!(
            f,
            "the document has {count} {}:",
            if count == 1 { "error" } else { "errors" }
        )?;
        for diagnostic in &self.diagnostics {
            writeln!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DocumentError {}
