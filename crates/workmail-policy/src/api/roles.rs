//! The impersonation role operations: `CreateImpersonationRole`, `UpdateImpersonationRole`,
//! `GetImpersonationRole`, `DeleteImpersonationRole`, `ListImpersonationRoles` and
//! `AssumeImpersonationRole` (D13, D15-D19).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use super::check::check_typed;
use super::error::{ApiError, ErrorCode};
use super::operation::Empty;
use super::page_token;
use crate::document::repeats;
use crate::env::Environment;
use crate::model::{
    ImpersonationRole, ImpersonationRoleSummary, ImpersonationRoleType, ImpersonationRule,
    Timestamp,
};
use crate::org::{ClientTokenRecord, ImpersonationTokenRecord, Organization};
use crate::semantics::Decision;
use crate::shape;

/// The most impersonation roles an organization holds (D15).
pub const MAX_IMPERSONATION_ROLES: usize = 20;
/// How long an impersonation token is valid, in seconds (D19).
pub const IMPERSONATION_TOKEN_SECONDS: i64 = 900;

/// `CreateImpersonationRole` input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct CreateImpersonationRoleResponse {
    /// The new role's ID.
    pub impersonation_role_id: String,
}

/// `UpdateImpersonationRole` input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct AssumeImpersonationRoleResponse {
    /// The bearer token for EWS.
    pub token: String,
    /// Its validity in seconds.
    pub expires_in: i64,
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

pub(super) fn new_role_id(env: &mut dyn Environment) -> String {
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

impl Organization {
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

    pub(super) fn create_role(
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

    pub(super) fn update_role(
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

    pub(super) fn get_role(
        &self,
        request: &ImpersonationRoleRequest,
    ) -> Result<ImpersonationRole, ApiError> {
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

    pub(super) fn delete_role(
        &mut self,
        request: &ImpersonationRoleRequest,
    ) -> Result<Empty, ApiError> {
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

    pub(super) fn list_roles(
        &self,
        request: &ListImpersonationRolesRequest,
    ) -> Result<ListImpersonationRolesResponse, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        let organization = self.id.as_deref().unwrap_or("");
        let (page, next_token) = page_token::page(
            &self.roles,
            organization,
            request.next_token.as_deref(),
            request.max_results,
            Decision::D18,
        )?;
        Ok(ListImpersonationRolesResponse {
            roles: page.iter().map(ImpersonationRoleSummary::from).collect(),
            next_token,
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

    pub(super) fn assume_role(
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
