//! The read-only directory operations `ListUsers` and `DescribeUser`, answered from the
//! document's `Users`, so that scripts (and the AWS SDKs against `serve`) can resolve the users
//! that overrides and rules name.
//!
//! Without `Users` the directory is unknown (D2): `ListUsers` lists nobody and `DescribeUser`
//! finds nobody (EntityNotFoundException). `ListUsers` pages in directory order with the
//! self-checking tokens of D24; its filters are prefixes compared ignoring ASCII case, combined
//! with AND. `DescribeUser` resolves its `UserId` as a user ID, an email or a user name (D22).

use serde::{Deserialize, Serialize};

use super::check::check_typed;
use super::error::{ApiError, ErrorCode};
use super::page_token;
use crate::model::{EntityState, Timestamp, User, UserRole};
use crate::org::Organization;
use crate::semantics::Decision;
use crate::shape;

/// `ListUsers` filters (`Filters`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersFilters {
    /// Users whose name starts with this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username_prefix: Option<String>,
    /// Users whose display name starts with this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name_prefix: Option<String>,
    /// Users whose email starts with this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_email_prefix: Option<String>,
    /// Users in this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<EntityState>,
    /// Users whose identity provider user ID starts with this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_provider_user_id_prefix: Option<String>,
}

/// `ListUsers` input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The token of the page to read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// The page size, 1 to 100 (default: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<u32>,
    /// Which users to list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<ListUsersFilters>,
}

/// `ListUsers` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersResponse {
    /// The users of this page, in directory order.
    pub users: Vec<User>,
    /// The next page's token; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `DescribeUser` input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct DescribeUserRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The user: a user ID, an email or a user name (D22).
    pub user_id: String,
}

/// `DescribeUser` output: what `list-users` tells of the user (the other members of the AWS
/// response, such as the mailbox dates, are not in a document).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct DescribeUserResponse {
    /// The user's ID.
    pub user_id: String,
    /// The user name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The primary email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `ENABLED`, `DISABLED` or `DELETED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<EntityState>,
    /// `USER`, `RESOURCE`, `SYSTEM_USER` or `REMOTE_USER`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_role: Option<UserRole>,
    /// When the user was enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled_date: Option<Timestamp>,
    /// When the user was disabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled_date: Option<Timestamp>,
    /// The identity provider's user ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_provider_user_id: Option<String>,
    /// The identity provider's identity store ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_provider_identity_store_id: Option<String>,
}

impl From<&User> for DescribeUserResponse {
    fn from(user: &User) -> Self {
        Self {
            user_id: user.id.clone(),
            name: user.name.clone(),
            email: user.email.clone(),
            display_name: user.display_name.clone(),
            state: user.state,
            user_role: user.user_role,
            enabled_date: user.enabled_date,
            disabled_date: user.disabled_date,
            identity_provider_user_id: user.identity_provider_user_id.clone(),
            identity_provider_identity_store_id: user.identity_provider_identity_store_id.clone(),
        }
    }
}

/// Whether `value` starts with `prefix`, ignoring ASCII case; an absent filter holds.
fn starts_with(value: Option<&str>, prefix: Option<&str>) -> bool {
    match prefix {
        None => true,
        Some(prefix) => value.is_some_and(|value| {
            value
                .get(..prefix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
        }),
    }
}

impl ListUsersFilters {
    fn keeps(&self, user: &User) -> bool {
        starts_with(user.name.as_deref(), self.username_prefix.as_deref())
            && starts_with(
                user.display_name.as_deref(),
                self.display_name_prefix.as_deref(),
            )
            && starts_with(user.email.as_deref(), self.primary_email_prefix.as_deref())
            && starts_with(
                user.identity_provider_user_id.as_deref(),
                self.identity_provider_user_id_prefix.as_deref(),
            )
            && self.state.is_none_or(|state| user.state == Some(state))
    }
}

impl Organization {
    /// `ListUsers`, from the document's `Users`.
    ///
    /// # Errors
    /// InvalidParameterException (including a token this listing did not issue),
    /// OrganizationNotFoundException.
    pub fn list_users(&self, request: &ListUsersRequest) -> Result<ListUsersResponse, ApiError> {
        check_typed(request)?;
        self.list_directory(request)
    }

    pub(super) fn list_directory(
        &self,
        request: &ListUsersRequest,
    ) -> Result<ListUsersResponse, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        let filters = request.filters.clone().unwrap_or_default();
        let selected: Vec<&User> = self
            .users()
            .unwrap_or_default()
            .iter()
            .filter(|user| filters.keeps(user))
            .collect();
        // A token names the listing it belongs to: the organization and the filters.
        let scope = format!(
            "{}/users/{}",
            self.id.as_deref().unwrap_or(""),
            serde_json::to_string(&filters)
                .unwrap_or_default()
                .replace('|', "/")
        );
        let (page, next_token) = page_token::page(
            &selected,
            &scope,
            request.next_token.as_deref(),
            request.max_results,
            Decision::D24,
        )?;
        Ok(ListUsersResponse {
            users: page.iter().map(|user| (*user).clone()).collect(),
            next_token,
        })
    }

    /// `DescribeUser`, from the document's `Users`.
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, EntityNotFoundException.
    pub fn describe_user(
        &self,
        request: &DescribeUserRequest,
    ) -> Result<DescribeUserResponse, ApiError> {
        check_typed(request)?;
        self.describe_directory_user(request)
    }

    pub(super) fn describe_directory_user(
        &self,
        request: &DescribeUserRequest,
    ) -> Result<DescribeUserResponse, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        let directory = self.directory();
        let found = directory.resolve(&request.user_id).ok_or_else(|| {
            let why = if directory.is_known() {
                "is not the ID, email or user name of any user in the directory"
            } else {
                "cannot be found: the document lists no `Users`"
            };
            ApiError::new(
                ErrorCode::EntityNotFoundException,
                format!("`{}` {why}", shape::shorten(&request.user_id)),
            )
            .because(Decision::D22)
        })?;
        Ok(DescribeUserResponse::from(found.user))
    }
}
