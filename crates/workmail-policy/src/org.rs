//! The organization: its directory, access control rules, impersonation roles and the emulator's
//! server-side state. Loaded from a document ([`crate::document`]), changed by the operations
//! ([`crate::api`]), written back by [`Organization::to_json`].

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use crate::directory::{Directory, DirectoryIndex};
use crate::model::{
    AccessControlRule, ImpersonationRole, MobileDeviceAccessOverride, MobileDeviceAccessRule,
    Timestamp, User,
};

/// A `ClientToken` seen by `CreateImpersonationRole`, and the role it created (D16).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClientTokenRecord {
    /// The token.
    pub client_token: String,
    /// The role the first call created.
    pub impersonation_role_id: String,
}

/// A `ClientToken` seen by `CreateMobileDeviceAccessRule`, and the rule it created (D36).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MobileClientTokenRecord {
    /// The token.
    pub client_token: String,
    /// The rule the first call created.
    pub mobile_device_access_rule_id: String,
}

/// An impersonation token issued by `AssumeImpersonationRole` (D19).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImpersonationTokenRecord {
    /// The token.
    pub token: String,
    /// The role it was issued for.
    pub impersonation_role_id: String,
    /// When it stops being valid.
    pub expires: Timestamp,
}

/// State AWS keeps on its side, kept under the document's `Emulator` key (D24).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EmulatorState {
    /// Client tokens seen.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub client_tokens: Vec<ClientTokenRecord>,
    /// Impersonation tokens issued and not yet expired when last pruned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub impersonation_tokens: Vec<ImpersonationTokenRecord>,
    /// Client tokens seen by `CreateMobileDeviceAccessRule` (D36).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mobile_client_tokens: Vec<MobileClientTokenRecord>,
}

impl EmulatorState {
    fn is_empty(&self) -> bool {
        self.client_tokens.is_empty()
            && self.impersonation_tokens.is_empty()
            && self.mobile_client_tokens.is_empty()
    }
}

/// A WorkMail organization as far as access control and impersonation go.
#[derive(Debug, Clone)]
pub struct Organization {
    pub(crate) id: Option<String>,
    pub(crate) users: Option<Vec<User>>,
    pub(crate) directory_index: DirectoryIndex,
    pub(crate) rules: Vec<AccessControlRule>,
    /// Which state of `rules` this is; see [`RulesRevision`].
    pub(crate) rules_revision: RulesRevision,
    pub(crate) roles: Vec<ImpersonationRole>,
    pub(crate) mobile_rules: Vec<MobileDeviceAccessRule>,
    pub(crate) mobile_overrides: Vec<MobileDeviceAccessOverride>,
    pub(crate) emulator: EmulatorState,
}

impl PartialEq for Organization {
    /// The same directory, rules, roles, mobile rules and overrides and emulator state; which
    /// revision of its rules each holds does not matter.
    fn eq(&self, other: &Self) -> bool {
        let Self {
            id,
            users,
            directory_index,
            rules,
            rules_revision: _,
            roles,
            mobile_rules,
            mobile_overrides,
            emulator,
        } = self;
        (id, users, directory_index, rules, roles, emulator)
            == (
                &other.id,
                &other.users,
                &other.directory_index,
                &other.rules,
                &other.roles,
                &other.emulator,
            )
            && (mobile_rules, mobile_overrides) == (&other.mobile_rules, &other.mobile_overrides)
    }
}

/// A state of an organization's access control rules, named by a number that no other state
/// of any organization's rules has had in this process (a clone shares it until either
/// changes its rules). A compiled form of the rules remembers it, and is still theirs exactly
/// when it is still the organization's (see [`crate::api::batch::AccessCache`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RulesRevision(u64);

impl RulesRevision {
    /// A revision never handed out before.
    pub(crate) fn new() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Self(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

impl Default for Organization {
    /// A new organization (D1, D26): only the default access control rule and the default
    /// mobile rule, no known directory, no roles, no overrides.
    fn default() -> Self {
        Self {
            id: None,
            users: None,
            directory_index: DirectoryIndex::default(),
            rules: vec![AccessControlRule::default_rule()],
            rules_revision: RulesRevision::new(),
            roles: Vec::new(),
            mobile_rules: vec![MobileDeviceAccessRule::default_rule()],
            mobile_overrides: Vec::new(),
            emulator: EmulatorState::default(),
        }
    }
}

/// Whether the mobile rules are those of a new organization, which a document says by leaving
/// `MobileDeviceAccessRules` out (D26), so saving a document that never had them adds nothing.
fn is_only_the_default_mobile_rule(rules: &&[MobileDeviceAccessRule]) -> bool {
    matches!(rules, [only] if *only == MobileDeviceAccessRule::default_rule())
}

/// The document form, for writing.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DocumentOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    organization_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    users: Option<&'a [User]>,
    access_control_rules: &'a [AccessControlRule],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    impersonation_roles: &'a [ImpersonationRole],
    #[serde(skip_serializing_if = "is_only_the_default_mobile_rule")]
    mobile_device_access_rules: &'a [MobileDeviceAccessRule],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    mobile_device_access_overrides: &'a [MobileDeviceAccessOverride],
    #[serde(skip_serializing_if = "EmulatorState::is_empty")]
    emulator: &'a EmulatorState,
}

impl Organization {
    /// The organization ID, when the document gives one.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The users, when the document lists them (`None`: unknown directory, D2).
    pub fn users(&self) -> Option<&[User]> {
        self.users.as_deref()
    }

    /// The directory view used for resolving identifiers.
    pub fn directory(&self) -> Directory<'_> {
        Directory::indexed(self.users.as_deref(), &self.directory_index)
    }

    /// Replaces the directory (`None`: unknown) and its index.
    pub(crate) fn set_users(&mut self, users: Option<Vec<User>>) {
        self.directory_index = users
            .as_deref()
            .map(DirectoryIndex::new)
            .unwrap_or_default();
        self.users = users;
    }

    /// The access control rules, in list order.
    pub fn access_control_rules(&self) -> &[AccessControlRule] {
        &self.rules
    }

    /// The impersonation roles, in insertion order.
    pub fn impersonation_roles(&self) -> &[ImpersonationRole] {
        &self.roles
    }

    /// The role with this ID.
    pub fn impersonation_role(&self, id: &str) -> Option<&ImpersonationRole> {
        self.roles
            .iter()
            .find(|role| role.impersonation_role_id == id)
    }

    /// The mobile device access rules, in creation order (D34).
    pub fn mobile_device_access_rules(&self) -> &[MobileDeviceAccessRule] {
        &self.mobile_rules
    }

    /// Whether the mobile device access rules are only the default rule of a new organization
    /// (D27), as a document without `MobileDeviceAccessRules` holds (D26).
    pub fn has_only_the_default_mobile_rule(&self) -> bool {
        is_only_the_default_mobile_rule(&self.mobile_rules.as_slice())
    }

    /// The mobile device access overrides, in insertion order (D41).
    pub fn mobile_device_access_overrides(&self) -> &[MobileDeviceAccessOverride] {
        &self.mobile_overrides
    }

    /// The IDs of the impersonation roles, for checking many references at once (each
    /// [`Organization::impersonation_role`] looks through every role).
    pub fn impersonation_role_ids(&self) -> HashSet<&str> {
        self.roles
            .iter()
            .map(|role| role.impersonation_role_id.as_str())
            .collect()
    }

    /// The emulator's server-side state.
    pub fn emulator_state(&self) -> &EmulatorState {
        &self.emulator
    }

    /// The organization as a document (pretty JSON), emulator state included (D24). Loading the
    /// result gives an equal organization; `AccessControlRules` is always written, so a document
    /// whose rules were all deleted stays that way (D1); `MobileDeviceAccessRules` is written
    /// unless it holds exactly the default mobile rule, which its absence means (D26).
    pub fn to_json(&self) -> String {
        let document = DocumentOut {
            organization_id: self.id.as_deref(),
            users: self.users.as_deref(),
            access_control_rules: &self.rules,
            impersonation_roles: &self.roles,
            mobile_device_access_rules: &self.mobile_rules,
            mobile_device_access_overrides: &self.mobile_overrides,
            emulator: &self.emulator,
        };
        let mut text = serde_json::to_string_pretty(&document).unwrap_or_else(|_| "{}".to_owned());
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Organization {
        Organization::from_json(text).unwrap().organization
    }

    #[test]
    fn organizations_are_equal_by_what_they_hold_whatever_the_revision_of_their_rules() {
        let text = r#"{"OrganizationId": "m-0123456789abcdef0123456789abcdef",
            "Users": [{"Id": "S-1-1-11-0000000001"}],
            "AccessControlRules": [{"Name": "a", "Effect": "ALLOW"}],
            "MobileDeviceAccessOverrides": [{"UserId": "S-1-1-11-0000000001", "DeviceId": "d1", "Effect": "DENY"}]}"#;
        let one = load(text);
        let other = load(text);
        assert_ne!(one.rules_revision, other.rules_revision);
        assert_eq!(one, other);
        assert_eq!(one.id(), Some("m-0123456789abcdef0123456789abcdef"));
        for changed in [
            text.replace("m-0123", "m-9123"),
            text.replace("\"Users\": [{\"Id\": \"S-1-1-11-0000000001\"}],", ""),
            text.replace("\"Name\": \"a\"", "\"Name\": \"b\""),
            text.replace("\"DeviceId\": \"d1\"", "\"DeviceId\": \"d2\""),
            text.replace(
                "\"AccessControlRules\"",
                "\"MobileDeviceAccessRules\": [{\"MobileDeviceAccessRuleId\": \"r\", \"Name\": \"n\", \"Effect\": \"DENY\"}], \"AccessControlRules\"",
            ),
        ] {
            assert_ne!(load(&changed), one, "{changed}");
        }
    }

    #[test]
    fn a_saved_document_holds_the_emulator_state_only_when_there_is_some() {
        let fresh = Organization::default();
        assert!(!fresh.to_json().contains("Emulator"), "{}", fresh.to_json());
        let mut used = Organization::default();
        used.emulator.client_tokens.push(ClientTokenRecord {
            client_token: "t".to_owned(),
            impersonation_role_id: "r".to_owned(),
        });
        assert!(
            used.to_json().contains("\"Emulator\""),
            "{}",
            used.to_json()
        );
    }
}
