//! The exceptions the operations raise, named and shaped as AWS names and shapes them.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::operation::Operation;
use crate::semantics::Decision;

/// The exceptions the operations can raise, named as in the AWS model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ErrorCode {
    /// A request member breaks the model's constraints or the operation's rules.
    InvalidParameterException,
    /// A user (or an identifier meant to name one) does not exist.
    EntityNotFoundException,
    /// A user exists but is disabled or deleted.
    EntityStateException,
    /// An impersonation role, or a mobile device access override, does not exist.
    ResourceNotFoundException,
    /// The organization is at a limit.
    LimitExceededException,
    /// The organization ID is well-formed but not this organization's.
    OrganizationNotFoundException,
    /// The organization is not in a usable state (never raised: a document has no state).
    OrganizationStateException,
}

impl ErrorCode {
    /// The exception name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidParameterException => "InvalidParameterException",
            Self::EntityNotFoundException => "EntityNotFoundException",
            Self::EntityStateException => "EntityStateException",
            Self::ResourceNotFoundException => "ResourceNotFoundException",
            Self::LimitExceededException => "LimitExceededException",
            Self::OrganizationNotFoundException => "OrganizationNotFoundException",
            Self::OrganizationStateException => "OrganizationStateException",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error an operation returns, as AWS would: the exception name and a message. The messages
/// are this project's own (AWS's texts are not published).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ErrorDetails"))]
#[serde(rename_all = "PascalCase")]
pub struct ApiError {
    /// The exception name.
    pub code: ErrorCode,
    /// What went wrong.
    pub message: String,
    /// The decision of the semantics that makes this request an error, when one does (D7 for an
    /// action outside the seven, D11 for a request with two principals...). `None` when the
    /// AWS model's documented constraints alone refuse it. Not part of AWS's JSON.
    #[serde(skip)]
    pub decision: Option<Decision>,
}

impl ApiError {
    /// An error of `code` saying `message`.
    pub(super) fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            decision: None,
        }
    }

    /// An InvalidParameterException saying `message`.
    pub(super) fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidParameterException, message)
    }

    /// The same error, explained by `decision`.
    pub(super) fn because(self, decision: Decision) -> Self {
        Self {
            decision: Some(decision),
            ..self
        }
    }

    /// The error as the AWS CLI prints it on stderr.
    pub fn cli_message(&self, operation: Operation) -> String {
        format!(
            "An error occurred ({}) when calling the {} operation: {}",
            self.code,
            operation.name(),
            self.message
        )
    }

    /// `{"Error": {"Code": ..., "Message": ...}}`, the shape of a failed call's JSON.
    pub fn to_json(&self) -> Value {
        serde_json::json!({"Error": {"Code": self.code.as_str(), "Message": self.message}})
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ApiError {}
