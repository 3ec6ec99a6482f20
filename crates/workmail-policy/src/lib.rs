//! Exact, offline answers from Amazon WorkMail access control rules, impersonation roles and
//! mobile device access rules.
//!
//! `workmail-policy` reproduces what `GetAccessControlEffect`, `GetImpersonationRoleEffect` and
//! `GetMobileDeviceAccessEffect` return for an organization, explains every rule and condition
//! behind the answer, and emulates the twenty access-control, impersonation and mobile device
//! access operations on an in-memory organization, plus `EvaluateMobileDeviceAccess`, which
//! answers for a real ActiveSync request with overrides included. It reads documents pasted
//! straight from the AWS CLI (v1 or v2) or boto3.
//!
//! ```
//! use workmail_policy::{GetAccessControlEffectRequest, Organization};
//!
//! // The AWS CLI documentation's organization: the default rule and a DENY rule for one user.
//! let text = r#"{"Rules": [
//!   {"Name": "default", "Effect": "ALLOW", "Description": "Default WorkMail Rule",
//!    "DateCreated": 0.0, "DateModified": 0.0},
//!   {"Name": "myRule", "Effect": "DENY", "Description": "my rule",
//!    "UserIds": ["S-1-1-11-1111111111-2222222222-3333333333-3333"],
//!    "DateCreated": 1581635628.0, "DateModified": 1581635628.0}]}"#;
//! let org = Organization::from_json(text)?.organization;
//! let request = GetAccessControlEffectRequest {
//!     ip_address: "192.0.2.0".into(),
//!     action: "WindowsOutlook".into(),
//!     user_id: Some("S-1-1-11-1111111111-2222222222-3333333333-3333".into()),
//!     ..Default::default()
//! };
//! let response = org.get_access_control_effect(&request)?;
//! assert_eq!(serde_json::to_string(&response)?, r#"{"Effect":"DENY","MatchedRules":["myRule"]}"#);
//!
//! let explanation = org.explain_access(&request)?;
//! assert!(explanation.rules[0].matched && !explanation.rules[0].deciding);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The semantics follow the project's specification: documented AWS behaviour where it exists and
//! numbered decisions (`D1`-`D46`, see [`semantics`]) where AWS is silent. Every explanation step
//! says which.
//!
//! [`schema`] generates the JSON Schemas (draft 2020-12) of the organization document and the
//! tests file from the same shapes the loader checks, for editors; the generated files are
//! committed in the crate's `schemas/`.
//!
//! With the feature `ts`, every serde type that crosses into JavaScript implements `ts_rs::TS`
//! (the `typescript` module declares the few that ts-rs cannot derive): the npm package's TypeScript
//! declarations are generated from them.

pub mod analysis;
pub mod api;
pub mod compile;
pub mod diagnostic;
pub mod directory;
pub mod document;
pub mod env;
pub mod eval;
pub mod json;
pub mod model;
pub mod org;
pub mod schema;
pub mod semantics;
pub mod shape;
mod sort;
pub mod text;
#[cfg(feature = "ts")]
pub mod typescript;

pub use api::{
    ApiError, AssumeImpersonationRoleResponse, CreateImpersonationRoleRequest,
    CreateImpersonationRoleResponse, CreateMobileDeviceAccessRuleRequest,
    CreateMobileDeviceAccessRuleResponse, DecidedBy, DeleteAccessControlRuleRequest,
    DeleteMobileDeviceAccessRuleRequest, DescribeUserRequest, DescribeUserResponse, Empty,
    ErrorCode, EvaluateMobileDeviceAccessRequest, EvaluateMobileDeviceAccessResponse,
    GetAccessControlEffectRequest, GetAccessControlEffectResponse,
    GetImpersonationRoleEffectRequest, GetImpersonationRoleEffectResponse,
    GetMobileDeviceAccessEffectRequest, GetMobileDeviceAccessEffectResponse,
    ImpersonationRoleRequest, ListAccessControlRulesRequest, ListAccessControlRulesResponse,
    ListImpersonationRolesRequest, ListImpersonationRolesResponse,
    ListMobileDeviceAccessOverridesRequest, ListMobileDeviceAccessOverridesResponse,
    ListMobileDeviceAccessRulesRequest, ListMobileDeviceAccessRulesResponse, ListUsersRequest,
    ListUsersResponse, MobileAccessExplanation, MobileDeviceAccessOverrideRequest, Operation,
    PutAccessControlRuleRequest, PutMobileDeviceAccessOverrideRequest, UnknownOperation,
    UpdateImpersonationRoleRequest, UpdateMobileDeviceAccessRuleRequest,
};
pub use diagnostic::{Diagnostic, DocumentError};
pub use document::{DocumentKind, Loaded};
pub use env::{Environment, FixedEnvironment};
pub use eval::access::{AccessExplanation, AccessRequest, Principal};
pub use eval::impersonation::{ImpersonationExplanation, ImpersonationMatchedRule};
pub use eval::mobile::MobileExplanation;
pub use model::{
    AccessControlRule, Action, DeviceField, Effect, EntityState, ImpersonationRole,
    ImpersonationRoleSummary, ImpersonationRoleType, ImpersonationRule, IpRange,
    MobileDeviceAccessMatchedRule, MobileDeviceAccessOverride, MobileDeviceAccessRule, Timestamp,
    User, UserRole,
};
pub use org::Organization;
pub use semantics::{Basis, Decision, Source};
pub use shape::Severity;

impl Organization {
    /// Loads an organization document or raw AWS output; see [`document::load`].
    ///
    /// # Errors
    /// Every diagnostic found, when at least one is an error.
    pub fn from_json(text: &str) -> Result<Loaded, DocumentError> {
        document::load(text)
    }
}
