//! The checks every operation makes (D25): a request against its shape first, then the
//! organization ID and the users and roles it names.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::{ApiError, ErrorCode};
use super::operation::Operation;
use crate::json;
use crate::model::ImpersonationRole;
use crate::org::Organization;
use crate::semantics::Decision;
use crate::shape::{self, Path, Shape, StructureShape};

/// A request of one of the eleven operations, readable from AWS JSON with the operation's checks.
pub trait Request: Serialize + DeserializeOwned {
    /// The operation this request is for (for the operations that share a shape, the first).
    const OPERATION: Operation;

    /// Reads and checks a JSON request exactly as [`Organization::call`] does: every violation
    /// of the AWS model is an InvalidParameterException naming the member.
    ///
    /// ```
    /// use workmail_policy::{GetAccessControlEffectRequest, api::Request};
    /// let input = serde_json::json!({"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-1111111111"});
    /// assert!(GetAccessControlEffectRequest::from_json(&input).is_ok());
    /// let error = GetAccessControlEffectRequest::from_json(&serde_json::json!({"Action": "imap"})).unwrap_err();
    /// assert_eq!(error.code.as_str(), "InvalidParameterException");
    /// ```
    ///
    /// # Errors
    /// InvalidParameterException.
    fn from_json(input: &Value) -> Result<Self, ApiError> {
        parse_request(input, Self::OPERATION.input_shape())
    }
}

/// Checks a JSON request against its shape and reads it (D25, first step).
pub(super) fn parse_request<T: DeserializeOwned>(
    input: &Value,
    structure: &'static StructureShape,
) -> Result<T, ApiError> {
    check_shape(input, structure)?;
    // The shape admits only an object: its members are read as a map (see `json::members`).
    T::deserialize(json::members(input))
        .map_err(|error| ApiError::invalid(format!("the request cannot be read: {error}")))
}

/// Checks a typed request the same way as a JSON one.
pub(super) fn check_typed<T: Request>(request: &T) -> Result<(), ApiError> {
    let value =
        serde_json::to_value(request).map_err(|error| ApiError::invalid(error.to_string()))?;
    check_shape(&value, T::OPERATION.input_shape())
}

/// Every violation of `structure` in `input`, as one InvalidParameterException.
fn check_shape(input: &Value, structure: &'static StructureShape) -> Result<(), ApiError> {
    let mut violations = Vec::new();
    shape::check(
        input,
        Shape::Structure(structure),
        &Path::root(),
        &mut violations,
    );
    if violations.is_empty() {
        Ok(())
    } else {
        Err(violations_error(&violations))
    }
}

/// The InvalidParameterException for a request's violations, explained by the first decision
/// behind one of them.
fn violations_error(violations: &[shape::Violation]) -> ApiError {
    let error = ApiError::invalid(describe_violations(violations));
    match violations.iter().find_map(|v| v.problem.decision()) {
        Some(decision) => error.because(decision),
        None => error,
    }
}

fn describe_violations(violations: &[shape::Violation]) -> String {
    let one = |violation: &shape::Violation| {
        let place = if violation.path.is_root() {
            "the request".to_owned()
        } else {
            format!("`{}`", violation.path)
        };
        match violation.problem.help() {
            Some(help) => format!("{place}: {} ({help})", violation.problem),
            None => format!("{place}: {}", violation.problem),
        }
    };
    match violations {
        [single] => one(single),
        _ => format!(
            "{} validation errors: {}",
            violations.len(),
            violations.iter().map(one).collect::<Vec<_>>().join("; ")
        ),
    }
}

/// EntityNotFoundException for a user ID missing from the directory.
pub(super) fn unknown_user(user: &str) -> ApiError {
    ApiError::new(
        ErrorCode::EntityNotFoundException,
        format!(
            "user `{}` is not in the organization's directory",
            shape::shorten(user)
        ),
    )
}

impl Organization {
    /// D4: an omitted ID means this organization; a document without an ID answers to any.
    pub(super) fn check_organization(&self, requested: Option<&str>) -> Result<(), ApiError> {
        match (requested, self.id.as_deref()) {
            (Some(requested), Some(own)) if requested != own => Err(ApiError::new(
                ErrorCode::OrganizationNotFoundException,
                format!("organization `{requested}` is not this document's organization (`{own}`)"),
            )
            .because(Decision::D4)),
            _ => Ok(()),
        }
    }

    /// The role with ID `id`, or ResourceNotFoundException.
    pub(crate) fn role_or_not_found(&self, id: &str) -> Result<&ImpersonationRole, ApiError> {
        self.impersonation_role(id).ok_or_else(|| {
            ApiError::new(
                ErrorCode::ResourceNotFoundException,
                format!(
                    "impersonation role `{}` does not exist in the organization",
                    shape::shorten(id)
                ),
            )
        })
    }
}
