//! The mobile device access rule operations: `CreateMobileDeviceAccessRule`,
//! `UpdateMobileDeviceAccessRule`, `DeleteMobileDeviceAccessRule`, `ListMobileDeviceAccessRules`
//! and `GetMobileDeviceAccessEffect` (D27-D37), typed and explained.

use serde::{Deserialize, Serialize};

use super::check::check_typed;
use super::error::{ApiError, ErrorCode};
use super::operation::Empty;
use super::roles::new_role_id;
use crate::document::MAX_MOBILE_DEVICE_ACCESS_RULES;
use crate::env::Environment;
use crate::eval::mobile::{self, MobileExplanation};
use crate::model::{Device, Effect, MobileDeviceAccessMatchedRule, MobileDeviceAccessRule};
use crate::org::{MobileClientTokenRecord, Organization};
use crate::semantics::Decision;
use crate::shape;

/// The eight condition lists of a rule in a Create or Update request; an absent list is no
/// condition (D31).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct MobileConditions {
    /// Device types to match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_types: Option<Vec<String>>,
    /// Device types not to match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_device_types: Option<Vec<String>>,
    /// Device models to match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_models: Option<Vec<String>>,
    /// Device models not to match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_device_models: Option<Vec<String>>,
    /// Operating systems to match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_operating_systems: Option<Vec<String>>,
    /// Operating systems not to match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_device_operating_systems: Option<Vec<String>>,
    /// User agents to match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_user_agents: Option<Vec<String>>,
    /// User agents not to match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_device_user_agents: Option<Vec<String>>,
}

/// `CreateMobileDeviceAccessRule` input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", from = "CreateRuleWire")]
pub struct CreateMobileDeviceAccessRuleRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The idempotency token (D36).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
    /// The rule name.
    pub name: String,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `ALLOW` or `DENY`.
    pub effect: Effect,
    /// The conditions.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub conditions: MobileConditions,
}

/// `CreateMobileDeviceAccessRule` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct CreateMobileDeviceAccessRuleResponse {
    /// The new rule's ID.
    pub mobile_device_access_rule_id: String,
}

/// `UpdateMobileDeviceAccessRule` input: the whole new rule (D34).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", from = "UpdateRuleWire")]
pub struct UpdateMobileDeviceAccessRuleRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The rule to replace.
    pub mobile_device_access_rule_id: String,
    /// The new name.
    pub name: String,
    /// The new description (omitted: cleared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The new effect.
    pub effect: Effect,
    /// The new conditions (an omitted list is cleared).
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub conditions: MobileConditions,
}

/// `DeleteMobileDeviceAccessRule` input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct DeleteMobileDeviceAccessRuleRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The rule to delete; an unknown ID is not an error (D37).
    pub mobile_device_access_rule_id: String,
}

/// `ListMobileDeviceAccessRules` input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct ListMobileDeviceAccessRulesRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
}

/// `ListMobileDeviceAccessRules` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct ListMobileDeviceAccessRulesResponse {
    /// Every rule, in creation order (D34).
    pub rules: Vec<MobileDeviceAccessRule>,
}

/// `GetMobileDeviceAccessEffect` input: the device's four properties, each optional (D33).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase", from = "DeviceRequestWire")]
pub struct GetMobileDeviceAccessEffectRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The device's properties (an omitted one is not reported).
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub device: Device,
}

/// `GetMobileDeviceAccessEffect` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct GetMobileDeviceAccessEffectResponse {
    /// `ALLOW` or `DENY`.
    pub effect: Effect,
    /// The rules that produced the effect, in rule order (D32).
    pub matched_rules: Vec<MobileDeviceAccessMatchedRule>,
}

/// The wire form of [`CreateMobileDeviceAccessRuleRequest`]: its members with the eight condition
/// lists written out, as serde reads them. Reading through it rather than with
/// `#[serde(flatten)]` takes the same JSON without serde buffering every member of the request
/// first (several KiB of WebAssembly for each type that flattens).
#[derive(Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "struct CreateMobileDeviceAccessRuleRequest"
)]
struct CreateRuleWire {
    #[serde(default)]
    organization_id: Option<String>,
    #[serde(default)]
    client_token: Option<String>,
    name: String,
    #[serde(default)]
    description: Option<String>,
    effect: Effect,
    #[serde(default)]
    device_types: Option<Vec<String>>,
    #[serde(default)]
    not_device_types: Option<Vec<String>>,
    #[serde(default)]
    device_models: Option<Vec<String>>,
    #[serde(default)]
    not_device_models: Option<Vec<String>>,
    #[serde(default)]
    device_operating_systems: Option<Vec<String>>,
    #[serde(default)]
    not_device_operating_systems: Option<Vec<String>>,
    #[serde(default)]
    device_user_agents: Option<Vec<String>>,
    #[serde(default)]
    not_device_user_agents: Option<Vec<String>>,
}

impl From<CreateRuleWire> for CreateMobileDeviceAccessRuleRequest {
    fn from(wire: CreateRuleWire) -> Self {
        Self {
            organization_id: wire.organization_id,
            client_token: wire.client_token,
            name: wire.name,
            description: wire.description,
            effect: wire.effect,
            conditions: MobileConditions {
                device_types: wire.device_types,
                not_device_types: wire.not_device_types,
                device_models: wire.device_models,
                not_device_models: wire.not_device_models,
                device_operating_systems: wire.device_operating_systems,
                not_device_operating_systems: wire.not_device_operating_systems,
                device_user_agents: wire.device_user_agents,
                not_device_user_agents: wire.not_device_user_agents,
            },
        }
    }
}

/// The wire form of [`UpdateMobileDeviceAccessRuleRequest`] (see [`CreateRuleWire`]).
#[derive(Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "struct UpdateMobileDeviceAccessRuleRequest"
)]
struct UpdateRuleWire {
    #[serde(default)]
    organization_id: Option<String>,
    mobile_device_access_rule_id: String,
    name: String,
    #[serde(default)]
    description: Option<String>,
    effect: Effect,
    #[serde(default)]
    device_types: Option<Vec<String>>,
    #[serde(default)]
    not_device_types: Option<Vec<String>>,
    #[serde(default)]
    device_models: Option<Vec<String>>,
    #[serde(default)]
    not_device_models: Option<Vec<String>>,
    #[serde(default)]
    device_operating_systems: Option<Vec<String>>,
    #[serde(default)]
    not_device_operating_systems: Option<Vec<String>>,
    #[serde(default)]
    device_user_agents: Option<Vec<String>>,
    #[serde(default)]
    not_device_user_agents: Option<Vec<String>>,
}

impl From<UpdateRuleWire> for UpdateMobileDeviceAccessRuleRequest {
    fn from(wire: UpdateRuleWire) -> Self {
        Self {
            organization_id: wire.organization_id,
            mobile_device_access_rule_id: wire.mobile_device_access_rule_id,
            name: wire.name,
            description: wire.description,
            effect: wire.effect,
            conditions: MobileConditions {
                device_types: wire.device_types,
                not_device_types: wire.not_device_types,
                device_models: wire.device_models,
                not_device_models: wire.not_device_models,
                device_operating_systems: wire.device_operating_systems,
                not_device_operating_systems: wire.not_device_operating_systems,
                device_user_agents: wire.device_user_agents,
                not_device_user_agents: wire.not_device_user_agents,
            },
        }
    }
}

/// The wire form of [`GetMobileDeviceAccessEffectRequest`] (see [`CreateRuleWire`]).
#[derive(Deserialize)]
#[serde(
    rename_all = "PascalCase",
    expecting = "struct GetMobileDeviceAccessEffectRequest"
)]
struct DeviceRequestWire {
    #[serde(default)]
    organization_id: Option<String>,
    #[serde(default)]
    device_type: Option<String>,
    #[serde(default)]
    device_model: Option<String>,
    #[serde(default)]
    device_operating_system: Option<String>,
    #[serde(default)]
    device_user_agent: Option<String>,
}

impl From<DeviceRequestWire> for GetMobileDeviceAccessEffectRequest {
    fn from(wire: DeviceRequestWire) -> Self {
        Self {
            organization_id: wire.organization_id,
            device: Device {
                device_type: wire.device_type,
                device_model: wire.device_model,
                device_operating_system: wire.device_operating_system,
                device_user_agent: wire.device_user_agent,
            },
        }
    }
}

fn list(entries: Option<Vec<String>>) -> Vec<String> {
    entries.unwrap_or_default()
}

/// The stored rule a Create or Update request describes.
fn rule_from(
    id: String,
    name: String,
    description: Option<String>,
    effect: Effect,
    conditions: MobileConditions,
) -> MobileDeviceAccessRule {
    MobileDeviceAccessRule {
        mobile_device_access_rule_id: id,
        name,
        description,
        effect,
        device_types: list(conditions.device_types),
        not_device_types: list(conditions.not_device_types),
        device_models: list(conditions.device_models),
        not_device_models: list(conditions.not_device_models),
        device_operating_systems: list(conditions.device_operating_systems),
        not_device_operating_systems: list(conditions.not_device_operating_systems),
        device_user_agents: list(conditions.device_user_agents),
        not_device_user_agents: list(conditions.not_device_user_agents),
        date_created: None,
        date_modified: None,
    }
}

impl Organization {
    /// `CreateMobileDeviceAccessRule` (D34-D36).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, LimitExceededException.
    pub fn create_mobile_device_access_rule(
        &mut self,
        request: CreateMobileDeviceAccessRuleRequest,
        env: &mut dyn Environment,
    ) -> Result<CreateMobileDeviceAccessRuleResponse, ApiError> {
        check_typed(&request)?;
        self.create_mobile_rule(request, env)
    }

    pub(super) fn create_mobile_rule(
        &mut self,
        request: CreateMobileDeviceAccessRuleRequest,
        env: &mut dyn Environment,
    ) -> Result<CreateMobileDeviceAccessRuleResponse, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        if let Some(token) = &request.client_token {
            let seen = self
                .emulator
                .mobile_client_tokens
                .iter()
                .find(|record| &record.client_token == token);
            if let Some(record) = seen {
                return Ok(CreateMobileDeviceAccessRuleResponse {
                    mobile_device_access_rule_id: record.mobile_device_access_rule_id.clone(),
                });
            }
        }
        if self.mobile_rules.len() >= MAX_MOBILE_DEVICE_ACCESS_RULES {
            return Err(ApiError::new(
                ErrorCode::LimitExceededException,
                format!(
                    "the organization already has {} mobile device access rules, the most it can hold; delete one or update an existing rule",
                    self.mobile_rules.len()
                ),
            )
            .because(Decision::D35));
        }
        let id = new_role_id(env);
        let now = env.now();
        let mut rule = rule_from(
            id.clone(),
            request.name,
            request.description,
            request.effect,
            request.conditions,
        );
        rule.date_created = Some(now);
        rule.date_modified = Some(now);
        self.mobile_rules.push(rule);
        if let Some(token) = request.client_token {
            self.emulator
                .mobile_client_tokens
                .push(MobileClientTokenRecord {
                    client_token: token,
                    mobile_device_access_rule_id: id.clone(),
                });
        }
        Ok(CreateMobileDeviceAccessRuleResponse {
            mobile_device_access_rule_id: id,
        })
    }

    /// `UpdateMobileDeviceAccessRule`: replaces the whole rule, keeping its ID, place and
    /// creation date (D34, D37).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, EntityNotFoundException.
    pub fn update_mobile_device_access_rule(
        &mut self,
        request: UpdateMobileDeviceAccessRuleRequest,
        env: &mut dyn Environment,
    ) -> Result<Empty, ApiError> {
        check_typed(&request)?;
        self.update_mobile_rule(request, env)
    }

    pub(super) fn update_mobile_rule(
        &mut self,
        request: UpdateMobileDeviceAccessRuleRequest,
        env: &mut dyn Environment,
    ) -> Result<Empty, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        let now = env.now();
        let id = request.mobile_device_access_rule_id;
        let Some(slot) = self
            .mobile_rules
            .iter_mut()
            .find(|rule| rule.mobile_device_access_rule_id == id)
        else {
            return Err(ApiError::new(
                ErrorCode::EntityNotFoundException,
                format!(
                    "mobile device access rule `{}` does not exist in the organization",
                    shape::shorten(&id)
                ),
            )
            .because(Decision::D37));
        };
        let created = slot.date_created;
        let mut rule = rule_from(
            id,
            request.name,
            request.description,
            request.effect,
            request.conditions,
        );
        rule.date_created = created;
        rule.date_modified = Some(now);
        *slot = rule;
        Ok(Empty {})
    }

    /// `DeleteMobileDeviceAccessRule`: deleting an unknown rule succeeds (D37).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException.
    pub fn delete_mobile_device_access_rule(
        &mut self,
        request: &DeleteMobileDeviceAccessRuleRequest,
    ) -> Result<Empty, ApiError> {
        check_typed(request)?;
        self.delete_mobile_rule(request)
    }

    pub(super) fn delete_mobile_rule(
        &mut self,
        request: &DeleteMobileDeviceAccessRuleRequest,
    ) -> Result<Empty, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        self.mobile_rules.retain(|rule| {
            rule.mobile_device_access_rule_id != request.mobile_device_access_rule_id
        });
        Ok(Empty {})
    }

    /// `ListMobileDeviceAccessRules`, in creation order (D34).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException.
    pub fn list_mobile_device_access_rules(
        &self,
        request: &ListMobileDeviceAccessRulesRequest,
    ) -> Result<ListMobileDeviceAccessRulesResponse, ApiError> {
        check_typed(request)?;
        self.list_mobile_rules(request)
    }

    pub(super) fn list_mobile_rules(
        &self,
        request: &ListMobileDeviceAccessRulesRequest,
    ) -> Result<ListMobileDeviceAccessRulesResponse, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        Ok(ListMobileDeviceAccessRulesResponse {
            rules: self.mobile_rules.clone(),
        })
    }

    /// `GetMobileDeviceAccessEffect`: the rules' answer for a device; overrides are never
    /// consulted (D32, D33).
    ///
    /// ```
    /// use workmail_policy::Organization;
    /// use workmail_policy::api::GetMobileDeviceAccessEffectRequest;
    /// let org = Organization::from_json(r#"{"MobileDeviceAccessRules": [
    ///   {"MobileDeviceAccessRuleId": "ios", "Name": "iOS only", "Effect": "ALLOW", "DeviceOperatingSystems": ["iOS "]}]}"#)?.organization;
    /// let mut request = GetMobileDeviceAccessEffectRequest::default();
    /// request.device.device_operating_system = Some("iOS 17.2 21C62".into());
    /// let response = org.get_mobile_device_access_effect(&request)?;
    /// assert_eq!(serde_json::to_string(&response)?,
    ///     r#"{"Effect":"ALLOW","MatchedRules":[{"MobileDeviceAccessRuleId":"ios","Name":"iOS only"}]}"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException.
    pub fn get_mobile_device_access_effect(
        &self,
        request: &GetMobileDeviceAccessEffectRequest,
    ) -> Result<GetMobileDeviceAccessEffectResponse, ApiError> {
        check_typed(request)?;
        self.mobile_effect(request)
    }

    /// The `GetMobileDeviceAccessEffect` answer with every rule's and condition's outcome.
    ///
    /// # Errors
    /// As [`Organization::get_mobile_device_access_effect`].
    pub fn explain_mobile_device_access_effect(
        &self,
        request: &GetMobileDeviceAccessEffectRequest,
    ) -> Result<MobileExplanation, ApiError> {
        check_typed(request)?;
        self.check_organization(request.organization_id.as_deref())?;
        Ok(mobile::explain(&self.mobile_rules, &request.device))
    }

    pub(super) fn mobile_effect(
        &self,
        request: &GetMobileDeviceAccessEffectRequest,
    ) -> Result<GetMobileDeviceAccessEffectResponse, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        Ok(self.mobile_rules_answer(&request.device))
    }

    /// The rules' answer for `device` (D32).
    pub(super) fn mobile_rules_answer(
        &self,
        device: &Device,
    ) -> GetMobileDeviceAccessEffectResponse {
        let (effect, matched_rules) = mobile::decide(&self.mobile_rules, device);
        GetMobileDeviceAccessEffectResponse {
            effect,
            matched_rules,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_wire_forms_read_what_the_requests_write() {
        let conditions = MobileConditions {
            device_types: Some(vec!["iPhone".to_owned()]),
            not_device_models: Some(vec![]),
            device_user_agents: Some(vec!["$NONE".to_owned()]),
            ..MobileConditions::default()
        };
        let create = CreateMobileDeviceAccessRuleRequest {
            organization_id: Some("m-1".to_owned()),
            client_token: Some("token".to_owned()),
            name: "rule".to_owned(),
            description: None,
            effect: Effect::Deny,
            conditions: conditions.clone(),
        };
        let written = serde_json::to_value(&create).unwrap();
        assert_eq!(written["DeviceTypes"], json!(["iPhone"]));
        assert_eq!(
            serde_json::from_value::<CreateMobileDeviceAccessRuleRequest>(written).unwrap(),
            create
        );
        let update = UpdateMobileDeviceAccessRuleRequest {
            organization_id: None,
            mobile_device_access_rule_id: "id".to_owned(),
            name: "rule".to_owned(),
            description: Some("text".to_owned()),
            effect: Effect::Allow,
            conditions,
        };
        let written = serde_json::to_value(&update).unwrap();
        assert_eq!(
            serde_json::from_value::<UpdateMobileDeviceAccessRuleRequest>(written).unwrap(),
            update
        );
        let effect = GetMobileDeviceAccessEffectRequest {
            organization_id: None,
            device: Device {
                device_model: Some("model".to_owned()),
                ..Device::default()
            },
        };
        let written = serde_json::to_value(&effect).unwrap();
        assert_eq!(written, json!({"DeviceModel": "model"}));
        assert_eq!(
            serde_json::from_value::<GetMobileDeviceAccessEffectRequest>(written).unwrap(),
            effect
        );
    }

    #[test]
    fn a_request_that_is_not_an_object_names_the_request_type() {
        let error = serde_json::from_value::<CreateMobileDeviceAccessRuleRequest>(json!("rule"))
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: string \"rule\", expected struct CreateMobileDeviceAccessRuleRequest"
        );
    }
}
