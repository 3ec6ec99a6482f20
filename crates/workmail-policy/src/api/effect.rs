//! The effect calls: `GetAccessControlEffect` (D5-D8, D11) and `GetImpersonationRoleEffect`
//! (D12-D14), typed and explained.

use std::net::Ipv4Addr;
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct GetAccessControlEffectRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The source IPv4 address.
    pub ip_address: String,
    /// The protocol action.
    #[cfg_attr(feature = "ts", ts(as = "crate::model::Action"))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct GetAccessControlEffectResponse {
    /// `ALLOW` or `DENY`.
    pub effect: Effect,
    /// The names of the rules that produced the effect, in rule order.
    pub matched_rules: Vec<String>,
}

/// `GetImpersonationRoleEffect` input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

/// Who a `GetAccessControlEffect` request asks about, borrowed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Asker<'r> {
    /// `UserId`.
    User(&'r str),
    /// `ImpersonationRoleId`.
    Role(&'r str),
}

impl Asker<'_> {
    /// The principal of an [`AccessRequest`].
    pub(super) fn to_principal(self) -> Principal {
        match self {
            Self::User(id) => Principal::UserId(id.to_owned()),
            Self::Role(id) => Principal::ImpersonationRoleId(id.to_owned()),
        }
    }
}

/// D11: a request names exactly one of a user and an impersonation role.
pub(super) fn one_principal<'r>(
    user_id: Option<&'r str>,
    impersonation_role_id: Option<&'r str>,
) -> Result<Asker<'r>, ApiError> {
    match (user_id, impersonation_role_id) {
        (Some(user), None) => Ok(Asker::User(user)),
        (None, Some(role)) => Ok(Asker::Role(role)),
        (Some(_), Some(_)) => Err(ApiError::invalid(
            "give either `UserId` or `ImpersonationRoleId`, not both",
        )
        .because(Decision::D11)),
        (None, None) => Err(
            ApiError::invalid("give either `UserId` or `ImpersonationRoleId`")
                .because(Decision::D11),
        ),
    }
}

/// D7: the action is one of the seven, spelled as AWS spells it.
pub(super) fn requested_action(text: &str) -> Result<Action, ApiError> {
    Action::from_str(text).map_err(|_| {
        ApiError::invalid(format!(
            "`Action`: `{}` is not an action",
            shape::shorten(text)
        ))
        .because(Decision::D7)
    })
}

/// D11: an impersonation role asks about EWS only.
pub(super) fn role_only_with_ews(asker: Asker<'_>, action: Action) -> Result<(), ApiError> {
    if matches!(asker, Asker::Role(_)) && action != Action::Ews {
        return Err(ApiError::invalid(format!(
            "`ImpersonationRoleId` can only be used with `Action` EWS, not `{action}`"
        ))
        .because(Decision::D11));
    }
    Ok(())
}

/// D8: the address is an IPv4 address.
pub(super) fn requested_address(text: &str) -> Result<Ipv4Addr, ApiError> {
    parse_ipv4(text).ok_or_else(|| {
        ApiError::invalid(format!(
            "`IpAddress`: `{}` is not an IPv4 address",
            shape::shorten(text)
        ))
        .because(Decision::D8)
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

    /// The question a request asks, once it passes the checks that follow its shape check
    /// (D25): one principal, the action, a role only with EWS, the address, the organization,
    /// the principal known. The batch path (`batch/lean.rs`) makes the same checks through the
    /// same functions, remembering the outcome of those that depend on one member only.
    pub(super) fn checked_access(
        &self,
        request: &GetAccessControlEffectRequest,
    ) -> Result<AccessRequest, ApiError> {
        let asker = one_principal(
            request.user_id.as_deref(),
            request.impersonation_role_id.as_deref(),
        )?;
        let action = requested_action(&request.action)?;
        role_only_with_ews(asker, action)?;
        let ip_address = requested_address(&request.ip_address)?;
        self.check_organization(request.organization_id.as_deref())?;
        self.check_asker_known(asker)?;
        Ok(AccessRequest {
            ip_address,
            action,
            principal: asker.to_principal(),
        })
    }

    /// D11: the user is in the directory (any user is, without one), the role exists.
    pub(super) fn check_asker_known(&self, asker: Asker<'_>) -> Result<(), ApiError> {
        match asker {
            Asker::User(user) if !self.directory().has_user_id(user) => {
                Err(unknown_user(user).because(Decision::D11))
            }
            Asker::Role(role) => self
                .role_or_not_found(role)
                .map(|_| ())
                .map_err(|error| error.because(Decision::D11)),
            Asker::User(_) => Ok(()),
        }
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
