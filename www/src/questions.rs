//! The two questions the page asks, as typed, and the requests they make.

use serde::{Deserialize, Serialize};
use workmail_policy::{GetAccessControlEffectRequest, GetImpersonationRoleEffectRequest};

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
