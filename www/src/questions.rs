//! The three questions the page asks, as typed, and the requests they make.

use serde::{Deserialize, Serialize};
use workmail_policy::model::Device;
use workmail_policy::{
    EvaluateMobileDeviceAccessRequest, GetAccessControlEffectRequest,
    GetImpersonationRoleEffectRequest, GetMobileDeviceAccessEffectRequest,
};

/// A `GetAccessControlEffect` question as typed: every field free text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct AccessQuestion {
    /// The source IPv4 address.
    pub ip_address: String,
    /// The protocol action.
    pub action: String,
    /// The user ID (empty: none).
    pub user_id: String,
    /// The impersonation role ID (empty: none).
    pub impersonation_role_id: String,
}

/// The fields of an [`AccessQuestion`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessField {
    /// `IpAddress`
    IpAddress,
    /// `Action`
    Action,
    /// `UserId`
    UserId,
    /// `ImpersonationRoleId`
    ImpersonationRoleId,
}

/// A `GetImpersonationRoleEffect` question as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ImpersonationQuestion {
    /// The role.
    pub impersonation_role_id: String,
    /// The target user: ID, email or user name.
    pub target_user: String,
}

/// The fields of an [`ImpersonationQuestion`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImpersonationField {
    /// `ImpersonationRoleId`
    ImpersonationRoleId,
    /// `TargetUser`
    TargetUser,
}

/// A mobile device question as typed: the device's four properties (empty: not reported), and
/// optionally the user, device ID and source address of a real ActiveSync request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct MobileQuestion {
    /// `DeviceType`.
    pub device_type: String,
    /// `DeviceModel`.
    pub device_model: String,
    /// `DeviceOperatingSystem`.
    pub device_operating_system: String,
    /// `DeviceUserAgent`.
    pub device_user_agent: String,
    /// The user (empty: ask the rules only).
    pub user_id: String,
    /// The device ID (empty: ask the rules only).
    pub device_id: String,
    /// The source address (empty: the access control rules are not asked).
    pub ip_address: String,
}

/// The fields of a [`MobileQuestion`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MobileField {
    /// `DeviceType`
    DeviceType,
    /// `DeviceModel`
    DeviceModel,
    /// `DeviceOperatingSystem`
    DeviceOperatingSystem,
    /// `DeviceUserAgent`
    DeviceUserAgent,
    /// `UserId`
    UserId,
    /// `DeviceId`
    DeviceId,
    /// `IpAddress`
    IpAddress,
}

/// The request a mobile question makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MobileRequest {
    /// The rules only (`GetMobileDeviceAccessEffect`): no user or no device ID given.
    Rules(GetMobileDeviceAccessEffectRequest),
    /// A user's device (`EvaluateMobileDeviceAccess`): overrides, and access control with an
    /// address.
    Device(EvaluateMobileDeviceAccessRequest),
}

impl MobileQuestion {
    /// Whether nothing is typed (a share link then leaves the question out).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The device the question describes (an empty field: not reported, D29, D33).
    pub fn device(&self) -> Device {
        Device {
            device_type: given(&self.device_type),
            device_model: given(&self.device_model),
            device_operating_system: given(&self.device_operating_system),
            device_user_agent: given(&self.device_user_agent),
        }
    }

    /// `EvaluateMobileDeviceAccess` when both a user and a device ID are given, else
    /// `GetMobileDeviceAccessEffect`.
    pub fn request(&self) -> MobileRequest {
        if self.user_id.is_empty() || self.device_id.is_empty() {
            return MobileRequest::Rules(GetMobileDeviceAccessEffectRequest {
                organization_id: None,
                device: self.device(),
            });
        }
        MobileRequest::Device(EvaluateMobileDeviceAccessRequest {
            organization_id: None,
            user_id: self.user_id.clone(),
            device_id: self.device_id.clone(),
            device: self.device(),
            ip_address: given(&self.ip_address),
        })
    }

    /// The device fields whose value is `$NONE`: an ordinary string in a request, not "not
    /// reported" (D29), which is worth a warning.
    pub fn none_values(&self) -> Vec<&'static str> {
        [
            ("DeviceType", &self.device_type),
            ("DeviceModel", &self.device_model),
            ("DeviceOperatingSystem", &self.device_operating_system),
            ("DeviceUserAgent", &self.device_user_agent),
        ]
        .into_iter()
        .filter(|(_, value)| workmail_policy::eval::mobile::is_none_token(value))
        .map(|(name, _)| name)
        .collect()
    }
}

fn given(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

impl AccessQuestion {
    /// The request the question makes (empty principal fields left out).
    pub fn request(&self) -> GetAccessControlEffectRequest {
        GetAccessControlEffectRequest {
            organization_id: None,
            ip_address: self.ip_address.clone(),
            action: self.action.clone(),
            user_id: given(&self.user_id),
            impersonation_role_id: given(&self.impersonation_role_id),
        }
    }
}

impl ImpersonationQuestion {
    /// The request the question makes.
    pub fn request(&self) -> GetImpersonationRoleEffectRequest {
        GetImpersonationRoleEffectRequest {
            organization_id: None,
            impersonation_role_id: self.impersonation_role_id.clone(),
            target_user: self.target_user.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mobile_question_asks_the_rules_or_a_users_device() {
        let mut question = MobileQuestion {
            device_type: "iPhone".into(),
            user_id: "jane".into(),
            ..MobileQuestion::default()
        };
        let MobileRequest::Rules(request) = question.request() else {
            panic!("without a device ID the rules are asked")
        };
        assert_eq!(request.device.device_type.as_deref(), Some("iPhone"));
        assert_eq!(request.device.device_model, None);
        question.device_id = "ABC".into();
        let MobileRequest::Device(request) = question.request() else {
            panic!("with a user and a device ID the device is asked")
        };
        assert_eq!(
            (request.user_id.as_str(), request.ip_address),
            ("jane", None)
        );
        question.device_model = "$none".into();
        assert_eq!(question.none_values(), ["DeviceModel"]);
    }

    #[test]
    fn empty_principal_fields_are_left_out_of_the_request() {
        let question = AccessQuestion {
            ip_address: "192.0.2.1".into(),
            action: "EWS".into(),
            user_id: String::new(),
            impersonation_role_id: "r".into(),
        };
        let request = question.request();
        assert_eq!(request.user_id, None);
        assert_eq!(request.impersonation_role_id.as_deref(), Some("r"));
        let question = ImpersonationQuestion {
            impersonation_role_id: "r".into(),
            target_user: String::new(),
        };
        assert_eq!(question.request().target_user, "");
    }
}
