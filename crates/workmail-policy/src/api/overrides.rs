//! The mobile device access override operations: `PutMobileDeviceAccessOverride`,
//! `GetMobileDeviceAccessOverride`, `DeleteMobileDeviceAccessOverride`,
//! `ListMobileDeviceAccessOverrides` (D38-D41), and this project's `EvaluateMobileDeviceAccess`
//! (D42, D43), typed and explained.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::check::check_typed;
use super::effect::{GetAccessControlEffectResponse, requested_address};
use super::error::{ApiError, ErrorCode};
use super::mobile::GetMobileDeviceAccessEffectResponse;
use super::operation::Empty;
use super::page_token;
use crate::directory::{can_be_impersonated, same_identifier_text};
use crate::env::Environment;
use crate::eval::access::{self, AccessExplanation, AccessRequest, Principal};
use crate::eval::mobile::{self, MobileExplanation};
use crate::model::{Action, Device, Effect, MobileDeviceAccessOverride};
use crate::org::Organization;
use crate::semantics::{Basis, Decision, Source};
use crate::shape;

/// `PutMobileDeviceAccessOverride` input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct PutMobileDeviceAccessOverrideRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The user: a user ID, an email or a user name (D39).
    pub user_id: String,
    /// The device ID (compared ignoring case, D38).
    pub device_id: String,
    /// `ALLOW` or `DENY`.
    pub effect: Effect,
    /// The description (omitted: cleared, D38).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The input of `GetMobileDeviceAccessOverride` and `DeleteMobileDeviceAccessOverride`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct MobileDeviceAccessOverrideRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The user: a user ID, an email or a user name (D39).
    pub user_id: String,
    /// The device ID (compared ignoring case, D38).
    pub device_id: String,
}

/// `ListMobileDeviceAccessOverrides` input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct ListMobileDeviceAccessOverridesRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// Only this user's overrides (resolved, D39).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Only this device's overrides (whole ID, ignoring case, D41).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    /// The token of the page to read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
    /// The page size, 1 to 100 (default: all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<u32>,
}

/// `ListMobileDeviceAccessOverrides` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct ListMobileDeviceAccessOverridesResponse {
    /// The overrides of this page, in insertion order.
    pub overrides: Vec<MobileDeviceAccessOverride>,
    /// The next page's token; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// `EvaluateMobileDeviceAccess` input: this project's operation, not an AWS API (D42, D43).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", from = "EvaluateWire")]
pub struct EvaluateMobileDeviceAccessRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The user: a user ID, an email or a user name (D39).
    pub user_id: String,
    /// The device ID.
    pub device_id: String,
    /// The device's properties (an omitted one is not reported).
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub device: Device,
    /// The source address: when given, the access control rules are asked first (D43).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
}

/// The wire form of [`EvaluateMobileDeviceAccessRequest`]: its members with the device's four
/// properties written out, as serde reads them. Reading through it rather than with
/// `#[serde(flatten)]` takes the same JSON without serde buffering every member of the request
/// first (several KiB of WebAssembly).
#[derive(Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "struct EvaluateMobileDeviceAccessRequest"
)]
struct EvaluateWire {
    #[serde(default)]
    organization_id: Option<String>,
    user_id: String,
    device_id: String,
    #[serde(default)]
    device_type: Option<String>,
    #[serde(default)]
    device_model: Option<String>,
    #[serde(default)]
    device_operating_system: Option<String>,
    #[serde(default)]
    device_user_agent: Option<String>,
    #[serde(default)]
    ip_address: Option<String>,
}

impl From<EvaluateWire> for EvaluateMobileDeviceAccessRequest {
    fn from(wire: EvaluateWire) -> Self {
        Self {
            organization_id: wire.organization_id,
            user_id: wire.user_id,
            device_id: wire.device_id,
            device: Device {
                device_type: wire.device_type,
                device_model: wire.device_model,
                device_operating_system: wire.device_operating_system,
                device_user_agent: wire.device_user_agent,
            },
            ip_address: wire.ip_address,
        }
    }
}

/// Which gate decided an `EvaluateMobileDeviceAccess` answer (D42, D43).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DecidedBy {
    /// The access control rules denied ActiveSync from the address (D43).
    AccessControl,
    /// An override for the user and device (D42).
    Override,
    /// The mobile device access rules.
    Rules,
}

impl DecidedBy {
    /// What the step rests on.
    pub const fn basis(self) -> Basis {
        match self {
            Self::AccessControl => Basis::Decided(Decision::D43),
            Self::Override | Self::Rules => Basis::Documented(Source::MobileAccessOverridesGuide),
        }
    }

    /// The value as AWS-style JSON writes it: `ACCESS_CONTROL`, `OVERRIDE` or `RULES`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::AccessControl => "ACCESS_CONTROL",
            Self::Override => "OVERRIDE",
            Self::Rules => "RULES",
        }
    }

    /// The reason as a sentence.
    pub const fn describe(self) -> &'static str {
        match self {
            Self::AccessControl => {
                "the access control rules deny ActiveSync, and no override lifts that"
            }
            Self::Override => "an override for this user and device replaces the rules' answer",
            Self::Rules => "no override for this user and device, so the rules decide",
        }
    }
}

impl fmt::Display for DecidedBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// `EvaluateMobileDeviceAccess` output (D42).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct EvaluateMobileDeviceAccessResponse {
    /// Whether the device may synchronize.
    pub effect: Effect,
    /// Which gate decided.
    pub decided_by: DecidedBy,
    /// The rules' answer, exactly `GetMobileDeviceAccessEffect`'s.
    pub rules: GetMobileDeviceAccessEffectResponse,
    /// The override for the user and device, as `GetMobileDeviceAccessOverride` returns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#override: Option<MobileDeviceAccessOverride>,
    /// The access control answer for ActiveSync from `IpAddress`, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_control: Option<GetAccessControlEffectResponse>,
}

/// An `EvaluateMobileDeviceAccess` answer with every step explained.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct MobileAccessExplanation {
    /// The user as resolved (D39).
    pub user_id: String,
    /// The device ID asked about.
    pub device_id: String,
    /// Whether the device may synchronize.
    pub effect: Effect,
    /// Which gate decided.
    pub decided_by: DecidedBy,
    /// What that rests on.
    pub basis: Basis,
    /// The mobile rules, every one explained.
    pub rules: MobileExplanation,
    /// The override for the user and device, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub r#override: Option<MobileDeviceAccessOverride>,
    /// The access control rules for ActiveSync, when an address was given (D43).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub access_control: Option<AccessExplanation>,
}

impl fmt::Display for MobileAccessExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}  for user `{}` on device `{}`",
            self.effect,
            shape::printable(&self.user_id),
            self.device_id
        )?;
        writeln!(f, "Why: {}  [{}]", self.decided_by, self.basis)?;
        match &self.access_control {
            Some(access) => writeln!(
                f,
                "Access control (ActiveSync from {}): {}",
                access.request.ip_address, access.effect
            )?,
            None => writeln!(f, "Access control: not asked (no IpAddress)")?,
        }
        match &self.r#override {
            Some(found) => writeln!(
                f,
                "Override: {} for device `{}`{}",
                found.effect,
                found.device_id,
                found
                    .description
                    .as_deref()
                    .map(|d| format!(" ({})", shape::printable(d)))
                    .unwrap_or_default()
            )?,
            None => writeln!(f, "Override: none")?,
        }
        writeln!(f)?;
        write!(f, "Mobile device access rules: {}", self.rules)
    }
}

/// A user identifier as an override stores it: the user's ID when the directory resolves it,
/// the text as given without a directory (D39).
struct OverrideUser(String);

impl Organization {
    /// D39: resolves an override's user; `for_put` also refuses a disabled or deleted user.
    fn override_user(&self, text: &str, for_put: bool) -> Result<OverrideUser, ApiError> {
        let directory = self.directory();
        if !directory.is_known() {
            return Ok(OverrideUser(text.to_owned()));
        }
        let Some(resolved) = directory.resolve(text) else {
            return Err(ApiError::new(
                ErrorCode::EntityNotFoundException,
                format!(
                    "`{}` is not the ID, email or user name of any user in the directory",
                    shape::shorten(text)
                ),
            )
            .because(Decision::D39));
        };
        if for_put && !can_be_impersonated(resolved.user) {
            let state = resolved.user.state.map_or("", |state| state.as_str());
            return Err(ApiError::new(
                ErrorCode::EntityStateException,
                format!(
                    "user `{}` is {state}, so no override can be put for it",
                    resolved.user.id
                ),
            )
            .because(Decision::D39));
        }
        Ok(OverrideUser(resolved.user.id.clone()))
    }

    /// Whether a stored override's user is `user` (D39): the same user of the directory, or the
    /// same text without one (emails ignoring case).
    fn same_override_user(&self, stored: &str, user: &OverrideUser) -> bool {
        let directory = self.directory();
        if directory.is_known() {
            stored == user.0
                || directory
                    .resolve(stored)
                    .is_some_and(|r| r.user.id == user.0)
        } else {
            same_identifier_text(stored, &user.0)
        }
    }

    /// The position of the override for (`user`, `device_id`), the device ID ignoring case (D38).
    fn override_position(&self, user: &OverrideUser, device_id: &str) -> Option<usize> {
        self.mobile_overrides.iter().position(|item| {
            item.device_id.eq_ignore_ascii_case(device_id)
                && self.same_override_user(&item.user_id, user)
        })
    }

    /// A copy of the override for (`user`, `device_id`), if there is one.
    fn found_override(
        &self,
        user: &OverrideUser,
        device_id: &str,
    ) -> Option<MobileDeviceAccessOverride> {
        self.override_position(user, device_id)
            .and_then(|at| self.mobile_overrides.get(at))
            .cloned()
    }

    /// `PutMobileDeviceAccessOverride`: creates or replaces the override of a user's device (D38,
    /// D39).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, EntityNotFoundException,
    /// EntityStateException.
    pub fn put_mobile_device_access_override(
        &mut self,
        request: PutMobileDeviceAccessOverrideRequest,
        env: &mut dyn Environment,
    ) -> Result<Empty, ApiError> {
        check_typed(&request)?;
        self.put_override(request, env)
    }

    pub(super) fn put_override(
        &mut self,
        request: PutMobileDeviceAccessOverrideRequest,
        env: &mut dyn Environment,
    ) -> Result<Empty, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        let user = self.override_user(&request.user_id, true)?;
        let now = env.now();
        let existing = self.override_position(&user, &request.device_id);
        let created = existing
            .and_then(|at| self.mobile_overrides.get(at))
            .and_then(|item| item.date_created)
            .unwrap_or(now);
        let item = MobileDeviceAccessOverride {
            user_id: user.0,
            device_id: request.device_id,
            effect: request.effect,
            description: request.description,
            date_created: Some(created),
            date_modified: Some(now),
        };
        match existing.and_then(|at| self.mobile_overrides.get_mut(at)) {
            Some(slot) => *slot = item,
            None => self.mobile_overrides.push(item),
        }
        Ok(Empty {})
    }

    /// `GetMobileDeviceAccessOverride` (D38-D40).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, EntityNotFoundException,
    /// ResourceNotFoundException.
    pub fn get_mobile_device_access_override(
        &self,
        request: &MobileDeviceAccessOverrideRequest,
    ) -> Result<MobileDeviceAccessOverride, ApiError> {
        check_typed(request)?;
        self.get_override(request)
    }

    pub(super) fn get_override(
        &self,
        request: &MobileDeviceAccessOverrideRequest,
    ) -> Result<MobileDeviceAccessOverride, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        let user = self.override_user(&request.user_id, false)?;
        self.found_override(&user, &request.device_id)
            .ok_or_else(|| {
                ApiError::new(
                    ErrorCode::ResourceNotFoundException,
                    format!(
                        "user `{}` has no override for device `{}`",
                        shape::shorten(&request.user_id),
                        request.device_id
                    ),
                )
                .because(Decision::D40)
            })
    }

    /// `DeleteMobileDeviceAccessOverride`: deleting a missing override succeeds (D40).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, EntityNotFoundException.
    pub fn delete_mobile_device_access_override(
        &mut self,
        request: &MobileDeviceAccessOverrideRequest,
    ) -> Result<Empty, ApiError> {
        check_typed(request)?;
        self.delete_override(request)
    }

    pub(super) fn delete_override(
        &mut self,
        request: &MobileDeviceAccessOverrideRequest,
    ) -> Result<Empty, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        let user = self.override_user(&request.user_id, false)?;
        if let Some(at) = self.override_position(&user, &request.device_id) {
            self.mobile_overrides.remove(at);
        }
        Ok(Empty {})
    }

    /// `ListMobileDeviceAccessOverrides`: filtered by user and device, in insertion order, paged
    /// by self-checking tokens (D41).
    ///
    /// # Errors
    /// InvalidParameterException (including a token this listing did not issue),
    /// OrganizationNotFoundException, EntityNotFoundException.
    pub fn list_mobile_device_access_overrides(
        &self,
        request: &ListMobileDeviceAccessOverridesRequest,
    ) -> Result<ListMobileDeviceAccessOverridesResponse, ApiError> {
        check_typed(request)?;
        self.list_overrides(request)
    }

    pub(super) fn list_overrides(
        &self,
        request: &ListMobileDeviceAccessOverridesRequest,
    ) -> Result<ListMobileDeviceAccessOverridesResponse, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        let user = match &request.user_id {
            Some(text) => Some(self.override_user(text, false)?),
            None => None,
        };
        let device = request.device_id.as_deref();
        let selected: Vec<&MobileDeviceAccessOverride> = self
            .mobile_overrides
            .iter()
            .filter(|item| {
                device.is_none_or(|device| item.device_id.eq_ignore_ascii_case(device))
                    && user
                        .as_ref()
                        .is_none_or(|user| self.same_override_user(&item.user_id, user))
            })
            .collect();
        // A token names the listing it belongs to: the organization and both filters.
        let scope = format!(
            "{}/overrides/{}/{}",
            self.id.as_deref().unwrap_or(""),
            user.as_ref().map_or("", |user| user.0.as_str()),
            device.map(str::to_ascii_lowercase).unwrap_or_default()
        );
        let (page, next_token) = page_token::page(
            &selected,
            &scope,
            request.next_token.as_deref(),
            request.max_results,
            Decision::D41,
        )?;
        Ok(ListMobileDeviceAccessOverridesResponse {
            overrides: page.iter().map(|item| (*item).clone()).collect(),
            next_token,
        })
    }

    /// `EvaluateMobileDeviceAccess`, this project's operation: whether a user's device may
    /// synchronize over ActiveSync, overrides and (with `IpAddress`) access control rules
    /// included (D42, D43).
    ///
    /// ```
    /// use workmail_policy::Organization;
    /// use workmail_policy::api::EvaluateMobileDeviceAccessRequest;
    /// let org = Organization::from_json(r#"{
    ///   "MobileDeviceAccessRules": [{"MobileDeviceAccessRuleId": "deny-all", "Name": "DefaultDenyAll", "Effect": "DENY"}],
    ///   "MobileDeviceAccessOverrides": [{"UserId": "jane@example.com", "DeviceId": "6APMEKPHCP2ND42VIJ4BR8ECDO", "Effect": "ALLOW"}]}"#)?.organization;
    /// let request = EvaluateMobileDeviceAccessRequest {
    ///     user_id: "Jane@Example.com".into(),
    ///     device_id: "6apmekphcp2nd42vij4br8ecdo".into(),
    ///     ..Default::default()
    /// };
    /// let answer = org.evaluate_mobile_device_access(&request)?;
    /// assert_eq!((answer.effect.as_str(), answer.rules.effect.as_str()), ("ALLOW", "DENY"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, EntityNotFoundException.
    pub fn evaluate_mobile_device_access(
        &self,
        request: &EvaluateMobileDeviceAccessRequest,
    ) -> Result<EvaluateMobileDeviceAccessResponse, ApiError> {
        check_typed(request)?;
        self.evaluate_mobile(request)
    }

    /// The `EvaluateMobileDeviceAccess` answer with the rules, the override and the access
    /// control rules explained.
    ///
    /// # Errors
    /// As [`Organization::evaluate_mobile_device_access`].
    pub fn explain_mobile_device_access(
        &self,
        request: &EvaluateMobileDeviceAccessRequest,
    ) -> Result<MobileAccessExplanation, ApiError> {
        check_typed(request)?;
        let (user, access) = self.checked_evaluation(request)?;
        let found = self.found_override(&user, &request.device_id);
        let rules = mobile::explain(&self.mobile_rules, &request.device);
        let access_control = access.map(|access| access::explain(&self.rules, &access));
        let access_effect = access_control.as_ref().map(|access| access.effect);
        let (effect, decided_by) = combine_gates(access_effect, found.as_ref(), rules.effect);
        Ok(MobileAccessExplanation {
            user_id: user.0,
            device_id: request.device_id.clone(),
            effect,
            decided_by,
            basis: decided_by.basis(),
            rules,
            r#override: found,
            access_control,
        })
    }

    /// The checks after the shape check (D25): the address, the organization, the user (D39).
    fn checked_evaluation(
        &self,
        request: &EvaluateMobileDeviceAccessRequest,
    ) -> Result<(OverrideUser, Option<AccessRequest>), ApiError> {
        let address = request
            .ip_address
            .as_deref()
            .map(requested_address)
            .transpose()?;
        self.check_organization(request.organization_id.as_deref())?;
        let user = self.override_user(&request.user_id, false)?;
        let access = address.map(|ip_address| AccessRequest {
            ip_address,
            action: Action::ActiveSync,
            principal: Principal::UserId(user.0.clone()),
        });
        Ok((user, access))
    }

    pub(super) fn evaluate_mobile(
        &self,
        request: &EvaluateMobileDeviceAccessRequest,
    ) -> Result<EvaluateMobileDeviceAccessResponse, ApiError> {
        let (user, access) = self.checked_evaluation(request)?;
        let access_control = access.map(|access| {
            let (effect, matched_rules) = access::decide(&self.rules, &access);
            GetAccessControlEffectResponse {
                effect,
                matched_rules,
            }
        });
        let found = self.found_override(&user, &request.device_id);
        let rules = self.mobile_rules_answer(&request.device);
        let (effect, decided_by) = combine_gates(
            access_control.as_ref().map(|access| access.effect),
            found.as_ref(),
            rules.effect,
        );
        Ok(EvaluateMobileDeviceAccessResponse {
            effect,
            decided_by,
            rules,
            r#override: found,
            access_control,
        })
    }
}

/// D42, D43: an access control DENY is final; else an override decides; else the rules.
fn combine_gates(
    access_control: Option<Effect>,
    found: Option<&MobileDeviceAccessOverride>,
    rules: Effect,
) -> (Effect, DecidedBy) {
    match (access_control, found) {
        (Some(Effect::Deny), _) => (Effect::Deny, DecidedBy::AccessControl),
        (_, Some(item)) => (item.effect, DecidedBy::Override),
        (_, None) => (rules, DecidedBy::Rules),
    }
}
