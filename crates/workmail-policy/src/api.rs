//! The WorkMail operations on an in-memory organization, with AWS's request and response shapes
//! and error codes: the eleven access control and impersonation operations (D4, D9-D19, D24,
//! D25), the nine mobile device access operations (D26-D41, D44) and this project's
//! `EvaluateMobileDeviceAccess` (D42, D43), and the read-only directory operations `ListUsers`
//! and `DescribeUser`.
//!
//! Each operation checks, in this order (D25): the request's shape and constraints, the
//! organization ID, references to users and roles, then limits. Every operation is available
//! typed (`Organization::get_access_control_effect`...) and through one dispatcher,
//! [`Organization::call`], that takes and returns AWS JSON.
//!
//! The operations are listed once, in `table.rs`; the rest is one module per concern:
//! `operation.rs` ([`Operation`]), `error.rs` ([`ApiError`]), `check.rs` (the checks every
//! operation makes, [`Request`]), `call.rs` ([`Organization::call`]), [`batch`]
//! ([`Organization::call_many`] and the fast path of `GetAccessControlEffect` batches),
//! `page_token.rs`, `typescript.rs` (with the feature `ts`: the TypeScript declaration of the
//! table, `Operations`), and one module per group of operations: `effect.rs` (the two effect
//! calls), `rules.rs` (access control rules), `roles.rs` (impersonation roles), `mobile.rs`
//! (mobile device access rules and their effect) and `overrides.rs` (overrides and
//! `EvaluateMobileDeviceAccess`) and `directory.rs` (`ListUsers`, `DescribeUser`).
//!
//! [`Organization::call`]: crate::Organization::call
//! [`Organization::call_many`]: crate::Organization::call_many

pub mod batch;
mod call;
mod check;
mod directory;
mod effect;
mod error;
mod mobile;
mod operation;
mod overrides;
mod page_token;
mod roles;
mod rules;
mod table;
#[cfg(feature = "ts")]
mod typescript;

pub use check::Request;
pub use directory::{
    DescribeUserRequest, DescribeUserResponse, ListUsersFilters, ListUsersRequest,
    ListUsersResponse,
};
pub use effect::{
    GetAccessControlEffectRequest, GetAccessControlEffectResponse,
    GetImpersonationRoleEffectRequest, GetImpersonationRoleEffectResponse,
};
pub use error::{ApiError, ErrorCode};
pub use mobile::{
    CreateMobileDeviceAccessRuleRequest, CreateMobileDeviceAccessRuleResponse,
    DeleteMobileDeviceAccessRuleRequest, GetMobileDeviceAccessEffectRequest,
    GetMobileDeviceAccessEffectResponse, ListMobileDeviceAccessRulesRequest,
    ListMobileDeviceAccessRulesResponse, MobileConditions, UpdateMobileDeviceAccessRuleRequest,
};
pub use operation::{Empty, Operation, UnknownOperation};
pub use overrides::{
    DecidedBy, EvaluateMobileDeviceAccessRequest, EvaluateMobileDeviceAccessResponse,
    ListMobileDeviceAccessOverridesRequest, ListMobileDeviceAccessOverridesResponse,
    MobileAccessExplanation, MobileDeviceAccessOverrideRequest,
    PutMobileDeviceAccessOverrideRequest,
};
pub use roles::{
    AssumeImpersonationRoleResponse, CreateImpersonationRoleRequest,
    CreateImpersonationRoleResponse, IMPERSONATION_TOKEN_SECONDS, ImpersonationRoleRequest,
    ListImpersonationRolesRequest, ListImpersonationRolesResponse, MAX_IMPERSONATION_ROLES,
    UpdateImpersonationRoleRequest,
};
pub use rules::{
    DeleteAccessControlRuleRequest, ListAccessControlRulesRequest, ListAccessControlRulesResponse,
    MAX_ACCESS_CONTROL_RULES, PutAccessControlRuleRequest,
};
#[cfg(feature = "ts")]
pub use typescript::Operations;
