//! The eleven WorkMail operations on an in-memory organization, with AWS's request and response
//! shapes and error codes (D4, D9-D19, D24, D25).
//!
//! Each operation checks, in this order (D25): the request's shape and constraints, the
//! organization ID, references to users and roles, then limits. Every operation is available
//! typed (`Organization::get_access_control_effect`...) and through one dispatcher,
//! [`Organization::call`], that takes and returns AWS JSON.

use std::fmt;
use std::str::FromStr;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::compile::CompiledAccess;
use crate::directory::can_be_impersonated;
use crate::document::repeats;
use crate::env::Environment;
use crate::eval::access::{self, AccessExplanation, AccessRequest, Principal};
use crate::eval::impersonation::{
    self, ImpersonationExplanation, ImpersonationMatchedRule, Target,
};
use crate::model::{
    AccessControlRule, Action, Effect, ImpersonationRole, ImpersonationRoleSummary,
    ImpersonationRoleType, ImpersonationRule, IpRange, Timestamp, parse_ipv4,
};
use crate::org::{ClientTokenRecord, ImpersonationTokenRecord, Organization};
use crate::semantics::Decision;
use crate::shape::{self, Path, Shape, StructureShape};

/// The most access control rules an organization holds, the default rule included (D9).
pub const MAX_ACCESS_CONTROL_RULES: usize = 10;
/// The most impersonation roles an organization holds (D15).
pub const MAX_IMPERSONATION_ROLES: usize = 20;
/// How long an impersonation token is valid, in seconds (D19).
pub const IMPERSONATION_TOKEN_SECONDS: i64 = 900;

/// The exceptions the eleven operations can raise, named as in the AWS model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ErrorCode {
    /// A request member breaks the model's constraints or the operation's rules.
    InvalidParameterException,
    /// A user (or an identifier meant to name one) does not exist.
    EntityNotFoundException,
    /// A user exists but is disabled or deleted.
    EntityStateException,
    /// An impersonation role does not exist.
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
    fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            decision: None,
        }
    }

    fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidParameterException, message)
    }

    /// The same error, explained by `decision`.
    fn because(self, decision: Decision) -> Self {
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

/// The eleven operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Operation {
    /// `GetAccessControlEffect`
    GetAccessControlEffect,
    /// `ListAccessControlRules`
    ListAccessControlRules,
    /// `PutAccessControlRule`
    PutAccessControlRule,
    /// `DeleteAccessControlRule`
    DeleteAccessControlRule,
    /// `CreateImpersonationRole`
    CreateImpersonationRole,
    /// `UpdateImpersonationRole`
    UpdateImpersonationRole,
    /// `GetImpersonationRole`
    GetImpersonationRole,
    /// `DeleteImpersonationRole`
    DeleteImpersonationRole,
    /// `ListImpersonationRoles`
    ListImpersonationRoles,
    /// `AssumeImpersonationRole`
    AssumeImpersonationRole,
    /// `GetImpersonationRoleEffect`
    GetImpersonationRoleEffect,
}

impl Operation {
    /// All eleven.
    pub const ALL: [Self; 11] = [
        Self::GetAccessControlEffect,
        Self::ListAccessControlRules,
        Self::PutAccessControlRule,
        Self::DeleteAccessControlRule,
        Self::CreateImpersonationRole,
        Self::UpdateImpersonationRole,
        Self::GetImpersonationRole,
        Self::DeleteImpersonationRole,
        Self::ListImpersonationRoles,
        Self::AssumeImpersonationRole,
        Self::GetImpersonationRoleEffect,
    ];

    /// The AWS name (`GetAccessControlEffect`).
    pub const fn name(self) -> &'static str {
        match self {
            Self::GetAccessControlEffect => "GetAccessControlEffect",
            Self::ListAccessControlRules => "ListAccessControlRules",
            Self::PutAccessControlRule => "PutAccessControlRule",
            Self::DeleteAccessControlRule => "DeleteAccessControlRule",
            Self::CreateImpersonationRole => "CreateImpersonationRole",
            Self::UpdateImpersonationRole => "UpdateImpersonationRole",
            Self::GetImpersonationRole => "GetImpersonationRole",
            Self::DeleteImpersonationRole => "DeleteImpersonationRole",
            Self::ListImpersonationRoles => "ListImpersonationRoles",
            Self::AssumeImpersonationRole => "AssumeImpersonationRole",
            Self::GetImpersonationRoleEffect => "GetImpersonationRoleEffect",
        }
    }

    /// The AWS CLI's name (`get-access-control-effect`).
    pub fn cli_name(self) -> String {
        crate::text::kebab_case(self.name())
    }

    /// Whether the operation changes the organization (and so whether `--save` writes).
    pub const fn is_mutating(self) -> bool {
        matches!(
            self,
            Self::PutAccessControlRule
                | Self::DeleteAccessControlRule
                | Self::CreateImpersonationRole
                | Self::UpdateImpersonationRole
                | Self::DeleteImpersonationRole
                | Self::AssumeImpersonationRole
        )
    }

    /// The request shape.
    pub fn input_shape(self) -> &'static StructureShape {
        match self {
            Self::GetAccessControlEffect => &shape::GET_ACCESS_CONTROL_EFFECT,
            Self::ListAccessControlRules => &shape::LIST_ACCESS_CONTROL_RULES,
            Self::PutAccessControlRule => &shape::PUT_ACCESS_CONTROL_RULE,
            Self::DeleteAccessControlRule => &shape::DELETE_ACCESS_CONTROL_RULE,
            Self::CreateImpersonationRole => &shape::CREATE_IMPERSONATION_ROLE,
            Self::UpdateImpersonationRole => &shape::UPDATE_IMPERSONATION_ROLE,
            Self::GetImpersonationRole
            | Self::DeleteImpersonationRole
            | Self::AssumeImpersonationRole => &shape::ROLE_REQUEST,
            Self::ListImpersonationRoles => &shape::LIST_IMPERSONATION_ROLES,
            Self::GetImpersonationRoleEffect => &shape::GET_IMPERSONATION_ROLE_EFFECT,
        }
    }
}

/// The name is neither an AWS operation name nor its AWS CLI form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownOperation(pub String);

impl fmt::Display for UnknownOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Operation::ALL.iter().map(|op| op.name()).collect();
        write!(
            f,
            "`{}` is not a supported operation; expected one of {}",
            shape::shorten(&self.0),
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownOperation {}

impl FromStr for Operation {
    type Err = UnknownOperation;

    /// Reads `GetAccessControlEffect` or `get-access-control-effect`.
    ///
    /// ```
    /// use workmail_policy::Operation;
    /// assert_eq!("get-access-control-effect".parse(), Ok(Operation::GetAccessControlEffect));
    /// assert_eq!("ListImpersonationRoles".parse(), Ok(Operation::ListImpersonationRoles));
    /// assert!("ListUsers".parse::<Operation>().is_err());
    /// ```
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|op| op.name() == name || op.cli_name() == name)
            .ok_or_else(|| UnknownOperation(name.to_owned()))
    }
}

// ---------------------------------------------------------------------------------------------
// Requests and responses.

/// `GetAccessControlEffect` input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct GetAccessControlEffectRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The source IPv4 address.
    pub ip_address: String,
    /// The protocol action.
    pub action: String,
    /// The user (exactly one of this and `impersonation_role_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The impersonation role (only with action `EWS`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impersonation_role_id: Option<String>,
}

impl From<&AccessRequest> for GetAccessControlEffectRequest {
    /// The request that asks exactly this question, for the document's organization.
    ///
    /// ```
    /// use workmail_policy::{AccessRequest, Action, GetAccessControlEffectRequest, Principal};
    /// let question = AccessRequest {
    ///     ip_address: [192, 0, 2, 1].into(),
    ///     action: Action::Imap,
    ///     principal: Principal::UserId("S-1-1-11-1111111111".into()),
    /// };
    /// let request = GetAccessControlEffectRequest::from(&question);
    /// assert_eq!((request.ip_address.as_str(), request.action.as_str()), ("192.0.2.1", "IMAP"));
    /// assert_eq!(request.user_id.as_deref(), Some("S-1-1-11-1111111111"));
    /// ```
    fn from(request: &AccessRequest) -> Self {
        let (user_id, impersonation_role_id) = match &request.principal {
            Principal::UserId(id) => (Some(id.clone()), None),
            Principal::ImpersonationRoleId(id) => (None, Some(id.clone())),
        };
        Self {
            organization_id: None,
            ip_address: request.ip_address.to_string(),
            action: request.action.as_str().to_owned(),
            user_id,
            impersonation_role_id,
        }
    }
}

/// `GetAccessControlEffect` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetAccessControlEffectResponse {
    /// `ALLOW` or `DENY`.
    pub effect: Effect,
    /// The names of the rules that produced the effect, in rule order.
    pub matched_rules: Vec<String>,
}

/// The input of the operations that take only the organization.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct ListAccessControlRulesRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
}

/// `ListAccessControlRules` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListAccessControlRulesResponse {
    /// Every rule, in list order.
    pub rules: Vec<AccessControlRule>,
}

/// `PutAccessControlRule` input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct PutAccessControlRuleRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The rule name; an existing rule of this name is replaced.
    pub name: String,
    /// `ALLOW` or `DENY`.
    pub effect: String,
    /// The description (required; may be empty).
    pub description: String,
    /// IPv4 CIDR ranges to include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ip_ranges: Vec<String>,
    /// IPv4 CIDR ranges to exclude.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_ip_ranges: Vec<String>,
    /// Actions to include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
    /// Actions to exclude.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_actions: Vec<String>,
    /// User IDs to include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_ids: Vec<String>,
    /// User IDs to exclude.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_user_ids: Vec<String>,
    /// Role IDs to include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub impersonation_role_ids: Vec<String>,
    /// Role IDs to exclude.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_impersonation_role_ids: Vec<String>,
}

/// `DeleteAccessControlRule` input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct DeleteAccessControlRuleRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The rule to delete; an unknown name is not an error.
    pub name: String,
}

/// `CreateImpersonationRole` input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct CreateImpersonationRoleRequest {
    /// The idempotency token (D16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The role name.
    pub name: String,
    /// `FULL_ACCESS` or `READ_ONLY`.
    #[serde(rename = "Type")]
    pub role_type: ImpersonationRoleType,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The rules, in order.
    pub rules: Vec<ImpersonationRule>,
}

/// `CreateImpersonationRole` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateImpersonationRoleResponse {
    /// The new role's ID.
    pub impersonation_role_id: String,
}

/// `UpdateImpersonationRole` input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct UpdateImpersonationRoleRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The role to replace.
    pub impersonation_role_id: String,
    /// The new name.
    pub name: String,
    /// The new type.
    #[serde(rename = "Type")]
    pub role_type: ImpersonationRoleType,
    /// The new description (omitted: cleared, D17).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The new rules.
    pub rules: Vec<ImpersonationRule>,
}

/// The input of `GetImpersonationRole`, `DeleteImpersonationRole` and `AssumeImpersonationRole`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct ImpersonationRoleRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The role.
    pub impersonation_role_id: String,
}

/// `ListImpersonationRoles` input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct ListImpersonationRolesRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The token of the page to read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// The page size, 1 to 100 (default: all roles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<u32>,
}

/// `ListImpersonationRoles` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListImpersonationRolesResponse {
    /// The roles of this page.
    pub roles: Vec<ImpersonationRoleSummary>,
    /// The next page's token; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `AssumeImpersonationRole` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssumeImpersonationRoleResponse {
    /// The bearer token for EWS.
    pub token: String,
    /// Its validity in seconds.
    pub expires_in: i64,
}

/// `GetImpersonationRoleEffect` input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct GetImpersonationRoleEffectRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The role.
    pub impersonation_role_id: String,
    /// The user to impersonate: user ID, email or user name.
    pub target_user: String,
}

/// `GetImpersonationRoleEffect` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetImpersonationRoleEffectResponse {
    /// The role's type.
    #[serde(rename = "Type")]
    pub role_type: ImpersonationRoleType,
    /// `ALLOW` or `DENY`.
    pub effect: Effect,
    /// The rules that produced the effect, in rule order.
    pub matched_rules: Vec<ImpersonationMatchedRule>,
}

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

macro_rules! requests {
    ($($request:ty => $operation:ident),* $(,)?) => {
        $(impl Request for $request {
            const OPERATION: Operation = Operation::$operation;
        })*
    };
}

requests! {
    GetAccessControlEffectRequest => GetAccessControlEffect,
    ListAccessControlRulesRequest => ListAccessControlRules,
    PutAccessControlRuleRequest => PutAccessControlRule,
    DeleteAccessControlRuleRequest => DeleteAccessControlRule,
    CreateImpersonationRoleRequest => CreateImpersonationRole,
    UpdateImpersonationRoleRequest => UpdateImpersonationRole,
    ImpersonationRoleRequest => GetImpersonationRole,
    ListImpersonationRolesRequest => ListImpersonationRoles,
    GetImpersonationRoleEffectRequest => GetImpersonationRoleEffect,
}

/// An empty response (`{}`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Empty {}

// ---------------------------------------------------------------------------------------------
// Checking requests.

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

/// Checks a JSON request against its shape and reads it (D25, first step).
fn parse_request<T: DeserializeOwned>(
    input: &Value,
    structure: &'static StructureShape,
) -> Result<T, ApiError> {
    let mut violations = Vec::new();
    shape::check(
        input,
        Shape::Structure(structure),
        &Path::root(),
        &mut violations,
    );
    if !violations.is_empty() {
        return Err(violations_error(&violations));
    }
    T::deserialize(input)
        .map_err(|error| ApiError::invalid(format!("the request cannot be read: {error}")))
}

/// Checks a typed request the same way as a JSON one.
fn check_typed<T: Request>(request: &T) -> Result<(), ApiError> {
    let structure = T::OPERATION.input_shape();
    let value =
        serde_json::to_value(request).map_err(|error| ApiError::invalid(error.to_string()))?;
    let mut violations = Vec::new();
    shape::check(
        &value,
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

fn role_rules_unique(rules: &[ImpersonationRule]) -> Result<(), ApiError> {
    let first_repeat = repeats(rules, |rule| &rule.impersonation_rule_id)
        .into_iter()
        .next();
    match first_repeat.and_then(|at| rules.get(at).map(|rule| (at, rule))) {
        Some((at, rule)) => Err(ApiError::invalid(format!(
            "`Rules[{at}].ImpersonationRuleId`: `{}` is already the ID of an earlier rule of this role; rule IDs are unique within a role",
            rule.impersonation_rule_id
        ))
        .because(Decision::D15)),
        None => Ok(()),
    }
}

fn checked_access_request(
    request: &GetAccessControlEffectRequest,
) -> Result<AccessRequest, ApiError> {
    let principal = match (&request.user_id, &request.impersonation_role_id) {
        (Some(user), None) => Principal::UserId(user.clone()),
        (None, Some(role)) => Principal::ImpersonationRoleId(role.clone()),
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid(
                "give either `UserId` or `ImpersonationRoleId`, not both",
            )
            .because(Decision::D11));
        }
        (None, None) => {
            return Err(
                ApiError::invalid("give either `UserId` or `ImpersonationRoleId`")
                    .because(Decision::D11),
            );
        }
    };
    let action = Action::from_str(&request.action).map_err(|_| {
        ApiError::invalid(format!(
            "`Action`: `{}` is not an action",
            shape::shorten(&request.action)
        ))
        .because(Decision::D7)
    })?;
    if matches!(principal, Principal::ImpersonationRoleId(_)) && action != Action::Ews {
        return Err(ApiError::invalid(format!(
            "`ImpersonationRoleId` can only be used with `Action` EWS, not `{action}`"
        ))
        .because(Decision::D11));
    }
    let ip_address = parse_ipv4(&request.ip_address).ok_or_else(|| {
        ApiError::invalid(format!(
            "`IpAddress`: `{}` is not an IPv4 address",
            shape::shorten(&request.ip_address)
        ))
        .because(Decision::D8)
    })?;
    Ok(AccessRequest {
        ip_address,
        action,
        principal,
    })
}

/// Self-checking page tokens (D18, D24): the organization and the offset, with a checksum.
mod page_token {
    use super::{Engine, STANDARD};

    fn checksum(organization: &str, offset: usize) -> u64 {
        // FNV-1a over a fixed label, the organization and the offset: enough to tell a token this
        // emulator issued from an edited, foreign or made-up one.
        let text = format!("workmail-policy/next-token/v1|{organization}|{offset}");
        text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    pub(super) fn issue(organization: &str, offset: usize) -> String {
        STANDARD.encode(format!(
            "v1|{organization}|{offset}|{:016x}",
            checksum(organization, offset)
        ))
    }

    pub(super) fn read(token: &str, organization: &str) -> Option<usize> {
        let bytes = STANDARD.decode(token).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut parts = text.split('|');
        let (version, org, offset, check) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        let offset: usize = offset.parse().ok()?;
        let valid = version == "v1"
            && parts.next().is_none()
            && org == organization
            && check == format!("{:016x}", checksum(organization, offset));
        valid.then_some(offset)
    }
}

fn new_role_id(env: &mut dyn Environment) -> String {
    let mut bytes = [0u8; 16];
    env.fill_random(&mut bytes);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

fn new_impersonation_token(env: &mut dyn Environment) -> String {
    let mut bytes = [0u8; 48];
    env.fill_random(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// EntityNotFoundException for a user ID missing from the directory.
fn unknown_user(user: &str) -> ApiError {
    ApiError::new(
        ErrorCode::EntityNotFoundException,
        format!(
            "user `{}` is not in the organization's directory",
            shape::shorten(user)
        ),
    )
}

fn to_value<T: Serialize>(response: &T) -> Value {
    serde_json::to_value(response).unwrap_or(Value::Null)
}

// ---------------------------------------------------------------------------------------------
// The operations.

impl Organization {
    /// Runs `operation` with a JSON request, returning the JSON response (`{}` for operations
    /// without output). `env` supplies the time and randomness for operations that need them.
    ///
    /// ```
    /// use workmail_policy::{FixedEnvironment, Operation, Organization};
    /// let mut org = Organization::default();
    /// let mut env = FixedEnvironment::new(1_700_000_000.0, 1);
    /// let input = serde_json::json!({"IpAddress": "192.0.2.0", "Action": "IMAP", "UserId": "S-1-1-11-1111111111"});
    /// let response = org.call(Operation::GetAccessControlEffect, &input, &mut env).unwrap();
    /// assert_eq!(response, serde_json::json!({"Effect": "ALLOW", "MatchedRules": ["default"]}));
    /// ```
    ///
    /// # Errors
    /// The operation's AWS exception with a message naming the member and constraint at fault.
    pub fn call(
        &mut self,
        operation: Operation,
        input: &Value,
        env: &mut dyn Environment,
    ) -> Result<Value, ApiError> {
        let shape = operation.input_shape();
        match operation {
            Operation::GetAccessControlEffect => self
                .access_effect(&parse_request(input, shape)?)
                .map(|r| to_value(&r)),
            Operation::ListAccessControlRules => self
                .list_rules(&parse_request(input, shape)?)
                .map(|r| to_value(&r)),
            Operation::PutAccessControlRule => self
                .put_rule(parse_request(input, shape)?, env)
                .map(|r| to_value(&r)),
            Operation::DeleteAccessControlRule => self
                .delete_rule(&parse_request(input, shape)?)
                .map(|r| to_value(&r)),
            Operation::CreateImpersonationRole => self
                .create_role(parse_request(input, shape)?, env)
                .map(|r| to_value(&r)),
            Operation::UpdateImpersonationRole => self
                .update_role(parse_request(input, shape)?, env)
                .map(|r| to_value(&r)),
            Operation::GetImpersonationRole => self
                .get_role(&parse_request(input, shape)?)
                .map(|r| to_value(&r)),
            Operation::DeleteImpersonationRole => self
                .delete_role(&parse_request(input, shape)?)
                .map(|r| to_value(&r)),
            Operation::ListImpersonationRoles => self
                .list_roles(&parse_request(input, shape)?)
                .map(|r| to_value(&r)),
            Operation::AssumeImpersonationRole => self
                .assume_role(&parse_request(input, shape)?, env)
                .map(|r| to_value(&r)),
            Operation::GetImpersonationRoleEffect => self
                .role_effect(&parse_request(input, shape)?)
                .map(|r| to_value(&r)),
        }
    }

    /// Runs `operation` once per input, in order, as [`Organization::call`] would (a mutating
    /// operation sees the effects of the inputs before it). Access checks are answered from one
    /// [`CompiledAccess`] built for the whole batch, so large batches cost one compilation and a
    /// few lookups per request.
    ///
    /// ```
    /// use workmail_policy::{FixedEnvironment, Operation, Organization};
    /// let mut org = Organization::default();
    /// let inputs = [
    ///     serde_json::json!({"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-1111111111"}),
    ///     serde_json::json!({"IpAddress": "192.0.2.1", "Action": "imap", "UserId": "S-1-1-11-1111111111"}),
    /// ];
    /// let answers = org.call_many(Operation::GetAccessControlEffect, &inputs, &mut FixedEnvironment::new(0.0, 0));
    /// assert!(answers[0].is_ok() && answers[1].is_err());
    /// ```
    pub fn call_many(
        &mut self,
        operation: Operation,
        inputs: &[Value],
        env: &mut dyn Environment,
    ) -> Vec<Result<Value, ApiError>> {
        let compiled = match operation {
            Operation::GetAccessControlEffect => CompiledAccess::new(&self.rules),
            _ => None,
        };
        let Some(compiled) = compiled else {
            return inputs
                .iter()
                .map(|input| self.call(operation, input, env))
                .collect();
        };
        inputs
            .iter()
            .map(|input| {
                let request: GetAccessControlEffectRequest =
                    parse_request(input, operation.input_shape())?;
                let access = self.checked_access(&request)?;
                let (effect, matched_rules) = compiled.decide(&access);
                Ok(to_value(&GetAccessControlEffectResponse {
                    effect,
                    matched_rules,
                }))
            })
            .collect()
    }

    /// `GetAccessControlEffect` (D5, D6, D11).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, EntityNotFoundException
    /// (unknown user, with a directory), ResourceNotFoundException (unknown role).
    pub fn get_access_control_effect(
        &self,
        request: &GetAccessControlEffectRequest,
    ) -> Result<GetAccessControlEffectResponse, ApiError> {
        check_typed(request)?;
        self.access_effect(request)
    }

    /// The `GetAccessControlEffect` answer with every rule's and condition's outcome.
    ///
    /// # Errors
    /// As [`Organization::get_access_control_effect`].
    pub fn explain_access(
        &self,
        request: &GetAccessControlEffectRequest,
    ) -> Result<AccessExplanation, ApiError> {
        check_typed(request)?;
        let access = self.checked_access(request)?;
        Ok(access::explain(&self.rules, &access))
    }

    fn checked_access(
        &self,
        request: &GetAccessControlEffectRequest,
    ) -> Result<AccessRequest, ApiError> {
        let access = checked_access_request(request)?;
        self.check_organization(request.organization_id.as_deref())?;
        match &access.principal {
            Principal::UserId(user) if !self.directory().has_user_id(user) => {
                return Err(unknown_user(user).because(Decision::D11));
            }
            Principal::ImpersonationRoleId(role) => {
                self.role_or_not_found(role)
                    .map_err(|error| error.because(Decision::D11))?;
            }
            Principal::UserId(_) => {}
        }
        Ok(access)
    }

    fn access_effect(
        &self,
        request: &GetAccessControlEffectRequest,
    ) -> Result<GetAccessControlEffectResponse, ApiError> {
        let access = self.checked_access(request)?;
        let (effect, matched_rules) = access::decide(&self.rules, &access);
        Ok(GetAccessControlEffectResponse {
            effect,
            matched_rules,
        })
    }

    /// `ListAccessControlRules`.
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException.
    pub fn list_access_control_rules(
        &self,
        request: &ListAccessControlRulesRequest,
    ) -> Result<ListAccessControlRulesResponse, ApiError> {
        check_typed(request)?;
        self.list_rules(request)
    }

    fn list_rules(
        &self,
        request: &ListAccessControlRulesRequest,
    ) -> Result<ListAccessControlRulesResponse, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        Ok(ListAccessControlRulesResponse {
            rules: self.rules.clone(),
        })
    }

    /// `PutAccessControlRule`: adds a rule, or replaces the rule of the same name in place (D9, D10).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, EntityNotFoundException (unknown
    /// user, with a directory), ResourceNotFoundException (unknown role), LimitExceededException.
    pub fn put_access_control_rule(
        &mut self,
        request: PutAccessControlRuleRequest,
        env: &mut dyn Environment,
    ) -> Result<Empty, ApiError> {
        check_typed(&request)?;
        self.put_rule(request, env)
    }

    fn put_rule(
        &mut self,
        request: PutAccessControlRuleRequest,
        env: &mut dyn Environment,
    ) -> Result<Empty, ApiError> {
        let effect = match request.effect.as_str() {
            "ALLOW" => Effect::Allow,
            "DENY" => Effect::Deny,
            other => {
                return Err(ApiError::invalid(format!(
                    "`Effect`: `{}` is not ALLOW or DENY",
                    shape::shorten(other)
                )));
            }
        };
        let ranges = |list: &[String], member: &str| -> Result<Vec<IpRange>, ApiError> {
            list.iter()
                .map(|text| {
                    text.parse().map_err(|_| {
                        ApiError::invalid(format!(
                            "`{member}`: `{}` is not an IPv4 CIDR range",
                            shape::shorten(text)
                        ))
                        .because(Decision::D8)
                    })
                })
                .collect()
        };
        let actions = |list: &[String], member: &str| -> Result<Vec<Action>, ApiError> {
            list.iter()
                .map(|text| {
                    text.parse().map_err(|_| {
                        ApiError::invalid(format!(
                            "`{member}`: `{}` is not an action",
                            shape::shorten(text)
                        ))
                        .because(Decision::D7)
                    })
                })
                .collect()
        };
        let ip_ranges = ranges(&request.ip_ranges, "IpRanges")?;
        let not_ip_ranges = ranges(&request.not_ip_ranges, "NotIpRanges")?;
        let action_list = actions(&request.actions, "Actions")?;
        let not_actions = actions(&request.not_actions, "NotActions")?;
        self.check_organization(request.organization_id.as_deref())?;
        let directory = self.directory();
        for user in request.user_ids.iter().chain(&request.not_user_ids) {
            if !directory.has_user_id(user) {
                return Err(unknown_user(user).because(Decision::D10));
            }
        }
        for role in request
            .impersonation_role_ids
            .iter()
            .chain(&request.not_impersonation_role_ids)
        {
            self.role_or_not_found(role)
                .map_err(|error| error.because(Decision::D10))?;
        }
        let existing = self.rules.iter().position(|rule| rule.name == request.name);
        if existing.is_none() && self.rules.len() >= MAX_ACCESS_CONTROL_RULES {
            return Err(ApiError::new(
                ErrorCode::LimitExceededException,
                format!(
                    "the organization already has {} access control rules, the most it can hold; delete one or replace a rule by using its name",
                    self.rules.len()
                ),
            )
            .because(Decision::D9));
        }
        let now = env.now();
        let created = existing
            .and_then(|at| self.rules.get(at))
            .and_then(|rule| rule.date_created)
            .unwrap_or(now);
        let rule = AccessControlRule {
            name: request.name,
            effect,
            description: Some(request.description),
            ip_ranges,
            not_ip_ranges,
            actions: action_list,
            not_actions,
            user_ids: request.user_ids,
            not_user_ids: request.not_user_ids,
            date_created: Some(created),
            date_modified: Some(now),
            impersonation_role_ids: request.impersonation_role_ids,
            not_impersonation_role_ids: request.not_impersonation_role_ids,
        };
        match existing.and_then(|at| self.rules.get_mut(at)) {
            Some(slot) => *slot = rule,
            None => self.rules.push(rule),
        }
        Ok(Empty {})
    }

    /// `DeleteAccessControlRule`: removing an unknown rule succeeds.
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException.
    pub fn delete_access_control_rule(
        &mut self,
        request: &DeleteAccessControlRuleRequest,
    ) -> Result<Empty, ApiError> {
        check_typed(request)?;
        self.delete_rule(request)
    }

    fn delete_rule(&mut self, request: &DeleteAccessControlRuleRequest) -> Result<Empty, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        self.rules.retain(|rule| rule.name != request.name);
        Ok(Empty {})
    }

    /// `CreateImpersonationRole` (D13, D15, D16).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, EntityNotFoundException (a
    /// target that names no user, with a directory), LimitExceededException.
    pub fn create_impersonation_role(
        &mut self,
        request: CreateImpersonationRoleRequest,
        env: &mut dyn Environment,
    ) -> Result<CreateImpersonationRoleResponse, ApiError> {
        check_typed(&request)?;
        self.create_role(request, env)
    }

    fn create_role(
        &mut self,
        request: CreateImpersonationRoleRequest,
        env: &mut dyn Environment,
    ) -> Result<CreateImpersonationRoleResponse, ApiError> {
        role_rules_unique(&request.rules)?;
        self.check_organization(request.organization_id.as_deref())?;
        if let Some(token) = &request.client_token {
            let seen = self
                .emulator
                .client_tokens
                .iter()
                .find(|record| &record.client_token == token);
            if let Some(record) = seen {
                return Ok(CreateImpersonationRoleResponse {
                    impersonation_role_id: record.impersonation_role_id.clone(),
                });
            }
        }
        self.check_targets(&request.rules)?;
        if self.roles.len() >= MAX_IMPERSONATION_ROLES {
            return Err(ApiError::new(
                ErrorCode::LimitExceededException,
                format!(
                    "the organization already has {} impersonation roles, the most it can hold",
                    self.roles.len()
                ),
            )
            .because(Decision::D15));
        }
        let id = new_role_id(env);
        let now = env.now();
        self.roles.push(ImpersonationRole {
            impersonation_role_id: id.clone(),
            name: request.name,
            role_type: request.role_type,
            description: request.description,
            rules: request.rules,
            date_created: Some(now),
            date_modified: Some(now),
        });
        if let Some(token) = request.client_token {
            self.emulator.client_tokens.push(ClientTokenRecord {
                client_token: token,
                impersonation_role_id: id.clone(),
            });
        }
        Ok(CreateImpersonationRoleResponse {
            impersonation_role_id: id,
        })
    }

    /// `UpdateImpersonationRole`: replaces the whole role, keeping its creation date (D17).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, ResourceNotFoundException,
    /// EntityNotFoundException (a target that names no user, with a directory).
    pub fn update_impersonation_role(
        &mut self,
        request: UpdateImpersonationRoleRequest,
        env: &mut dyn Environment,
    ) -> Result<Empty, ApiError> {
        check_typed(&request)?;
        self.update_role(request, env)
    }

    fn update_role(
        &mut self,
        request: UpdateImpersonationRoleRequest,
        env: &mut dyn Environment,
    ) -> Result<Empty, ApiError> {
        role_rules_unique(&request.rules)?;
        self.check_organization(request.organization_id.as_deref())?;
        self.role_or_not_found(&request.impersonation_role_id)?;
        self.check_targets(&request.rules)?;
        let now = env.now();
        if let Some(role) = self
            .roles
            .iter_mut()
            .find(|role| role.impersonation_role_id == request.impersonation_role_id)
        {
            role.name = request.name;
            role.role_type = request.role_type;
            role.description = request.description;
            role.rules = request.rules;
            role.date_modified = Some(now);
        }
        Ok(Empty {})
    }

    /// `GetImpersonationRole`.
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, ResourceNotFoundException.
    pub fn get_impersonation_role(
        &self,
        request: &ImpersonationRoleRequest,
    ) -> Result<ImpersonationRole, ApiError> {
        check_typed(request)?;
        self.get_role(request)
    }

    fn get_role(&self, request: &ImpersonationRoleRequest) -> Result<ImpersonationRole, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        self.role_or_not_found(&request.impersonation_role_id)
            .cloned()
    }

    /// `DeleteImpersonationRole`: removing an unknown role succeeds (D17).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException.
    pub fn delete_impersonation_role(
        &mut self,
        request: &ImpersonationRoleRequest,
    ) -> Result<Empty, ApiError> {
        check_typed(request)?;
        self.delete_role(request)
    }

    fn delete_role(&mut self, request: &ImpersonationRoleRequest) -> Result<Empty, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        self.roles
            .retain(|role| role.impersonation_role_id != request.impersonation_role_id);
        Ok(Empty {})
    }

    /// `ListImpersonationRoles`, in insertion order, paged by self-checking tokens (D18).
    ///
    /// # Errors
    /// InvalidParameterException (including a token this emulator did not issue),
    /// OrganizationNotFoundException.
    pub fn list_impersonation_roles(
        &self,
        request: &ListImpersonationRolesRequest,
    ) -> Result<ListImpersonationRolesResponse, ApiError> {
        check_typed(request)?;
        self.list_roles(request)
    }

    fn list_roles(
        &self,
        request: &ListImpersonationRolesRequest,
    ) -> Result<ListImpersonationRolesResponse, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        let organization = self.id.as_deref().unwrap_or("");
        let start = match &request.next_token {
            None => 0,
            Some(token) => page_token::read(token, organization)
                .filter(|offset| *offset <= self.roles.len())
                .ok_or_else(|| {
                    ApiError::invalid("`NextToken` is not a token this organization issued")
                        .because(Decision::D18)
                })?,
        };
        let size = request.max_results.map_or(usize::MAX, |max| max as usize);
        let end = start.saturating_add(size).min(self.roles.len());
        let roles = self
            .roles
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .map(ImpersonationRoleSummary::from)
            .collect();
        Ok(ListImpersonationRolesResponse {
            roles,
            next_token: (end < self.roles.len()).then(|| page_token::issue(organization, end)),
        })
    }

    /// `AssumeImpersonationRole`: a token valid for 900 seconds (D19), remembered in the
    /// emulator state (expired tokens are forgotten).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, ResourceNotFoundException.
    pub fn assume_impersonation_role(
        &mut self,
        request: &ImpersonationRoleRequest,
        env: &mut dyn Environment,
    ) -> Result<AssumeImpersonationRoleResponse, ApiError> {
        check_typed(request)?;
        self.assume_role(request, env)
    }

    fn assume_role(
        &mut self,
        request: &ImpersonationRoleRequest,
        env: &mut dyn Environment,
    ) -> Result<AssumeImpersonationRoleResponse, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        self.role_or_not_found(&request.impersonation_role_id)?;
        let now = env.now();
        self.emulator
            .impersonation_tokens
            .retain(|record| record.expires > now);
        let token = new_impersonation_token(env);
        #[expect(clippy::cast_precision_loss, reason = "900 is exact in f64")]
        let expires =
            Timestamp::from_epoch_seconds(now.epoch_seconds() + IMPERSONATION_TOKEN_SECONDS as f64)
                .unwrap_or(now);
        self.emulator
            .impersonation_tokens
            .push(ImpersonationTokenRecord {
                token: token.clone(),
                impersonation_role_id: request.impersonation_role_id.clone(),
                expires,
            });
        Ok(AssumeImpersonationRoleResponse {
            token,
            expires_in: IMPERSONATION_TOKEN_SECONDS,
        })
    }

    /// `GetImpersonationRoleEffect` (D12-D14).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, ResourceNotFoundException,
    /// EntityNotFoundException and EntityStateException (with a directory).
    pub fn get_impersonation_role_effect(
        &self,
        request: &GetImpersonationRoleEffectRequest,
    ) -> Result<GetImpersonationRoleEffectResponse, ApiError> {
        check_typed(request)?;
        self.role_effect(request)
    }

    /// The `GetImpersonationRoleEffect` answer with every rule's outcome.
    ///
    /// # Errors
    /// As [`Organization::get_impersonation_role_effect`].
    pub fn explain_impersonation(
        &self,
        request: &GetImpersonationRoleEffectRequest,
    ) -> Result<ImpersonationExplanation, ApiError> {
        check_typed(request)?;
        let (role, target) = self.checked_impersonation(request)?;
        Ok(impersonation::explain(role, &target, self.directory()))
    }

    fn checked_impersonation(
        &self,
        request: &GetImpersonationRoleEffectRequest,
    ) -> Result<(&ImpersonationRole, Target), ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        let role = self.role_or_not_found(&request.impersonation_role_id)?;
        let directory = self.directory();
        let target = Target::resolve(&request.target_user, directory);
        if directory.is_known() {
            let user = directory.resolve(&request.target_user).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::EntityNotFoundException,
                    format!(
                        "`{}` is not the ID, email or user name of any user in the directory",
                        shape::shorten(&request.target_user)
                    ),
                )
                .because(Decision::D12)
            })?;
            if !can_be_impersonated(user.user) {
                let state = user.user.state.map_or("", |state| state.as_str());
                return Err(ApiError::new(
                    ErrorCode::EntityStateException,
                    format!(
                        "user `{}` is {state} and cannot be impersonated",
                        user.user.id
                    ),
                )
                .because(Decision::D12));
            }
        }
        Ok((role, target))
    }

    fn role_effect(
        &self,
        request: &GetImpersonationRoleEffectRequest,
    ) -> Result<GetImpersonationRoleEffectResponse, ApiError> {
        let (role, target) = self.checked_impersonation(request)?;
        let (effect, matched_rules) = impersonation::decide(role, &target, self.directory());
        Ok(GetImpersonationRoleEffectResponse {
            role_type: role.role_type,
            effect,
            matched_rules,
        })
    }

    /// D4: an omitted ID means this organization; a document without an ID answers to any.
    fn check_organization(&self, requested: Option<&str>) -> Result<(), ApiError> {
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

    /// D13: with a directory, every target entry must name a user.
    fn check_targets(&self, rules: &[ImpersonationRule]) -> Result<(), ApiError> {
        let directory = self.directory();
        if !directory.is_known() {
            return Ok(());
        }
        for (at, rule) in rules.iter().enumerate() {
            for (list, entries) in [
                ("TargetUsers", &rule.target_users),
                ("NotTargetUsers", &rule.not_target_users),
            ] {
                if let Some(entry) = entries
                    .iter()
                    .find(|entry| directory.resolve(entry).is_none())
                {
                    return Err(ApiError::new(
                        ErrorCode::EntityNotFoundException,
                        format!(
                            "`Rules[{at}].{list}`: `{}` is not the ID, email or user name of any user in the directory",
                            shape::shorten(entry)
                        ),
                    )
                    .because(Decision::D13));
                }
            }
        }
        Ok(())
    }
}
