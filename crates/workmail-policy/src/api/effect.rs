//! The effect calls: `GetAccessControlEffect` (D5-D8, D11) and `GetImpersonationRoleEffect`
//! (D12-D14), typed and explained.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::check::{check_typed, unknown_user};
use super::error::{ApiError, ErrorCode};
use crate::directory::can_be_impersonated;
use crate::eval::access::{self, AccessExplanation, AccessRequest, Principal};
use crate::eval::impersonation::{
    self, ImpersonationExplanation, ImpersonationMatchedRule, Target,
};
use crate::model::{Action, Effect, ImpersonationRole, ImpersonationRoleType, parse_ipv4};
use crate::org::Organization;
use crate::semantics::Decision;
use crate::shape;

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

/// The question a request asks, after the checks that need no organization: exactly one
/// principal (D11), one of the seven actions (D7), a role only with EWS (D11), an IPv4 address
/// (D8).
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

impl Organization {
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

    pub(super) fn checked_access(
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

    pub(super) fn access_effect(
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

    pub(super) fn role_effect(
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
}
