//! The organizations a user can start from, each with the questions that show what it does.
//!
//! Every preset is JSON as AWS prints it, so the page also shows what pasted output looks like.

use serde::{Deserialize, Serialize};

use crate::questions::{AccessQuestion, ImpersonationQuestion, MobileQuestion};

/// A starting point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Preset {
    /// The organization of the AWS CLI documentation, as `list-access-control-rules` prints it.
    AwsDocumentationExample,
    /// IMAP only from the office network.
    OfficeOnlyImap,
    /// A read-only archiving role that may not impersonate the executives.
    ArchivingRole,
    /// Every rule deleted: everything is denied.
    BlockEverything,
    /// The MDM pattern: deny every device, allow enrolled devices by override.
    MdmDenyAll,
    /// Mobile devices: iOS 16 and later only.
    Ios16AndLater,
}

/// The user of the AWS CLI documentation's `myRule`.
pub const DOCUMENTATION_USER: &str = "S-1-1-11-1111111111-2222222222-3333333333-3333";

/// The enrolled user of the [`Preset::MdmDenyAll`] organization.
pub const MDM_USER: &str = "S-1-1-11-1111111111-2222222222-3333333333-1001";

/// The archiving role's ID in the [`Preset::ArchivingRole`] organization.
pub const ARCHIVER_ROLE: &str = "7d0c2b9e-4a1f-4c3b-9e8d-5f6a7b8c9d0e";

const AWS_DOCUMENTATION_EXAMPLE: &str = r#"{
    "Rules": [
        {
            "Name": "default",
            "Effect": "ALLOW",
            "Description": "Default WorkMail Rule",
            "DateCreated": 0.0,
            "DateModified": 0.0
        },
        {
            "Name": "myRule",
            "Effect": "DENY",
            "Description": "my rule",
            "UserIds": [
                "S-1-1-11-1111111111-2222222222-3333333333-3333"
            ],
            "DateCreated": 1581635628.0,
            "DateModified": 1581635628.0
        }
    ]
}
"#;

const OFFICE_ONLY_IMAP: &str = r#"{
    "OrganizationId": "m-0123456789abcdef0123456789abcdef",
    "Users": [
        {
            "Id": "S-1-1-11-1111111111-2222222222-3333333333-1001",
            "Email": "jane.doe@example.com",
            "Name": "jane.doe",
            "DisplayName": "Jane Doe",
            "State": "ENABLED",
            "UserRole": "USER",
            "EnabledDate": 1672531200.0
        },
        {
            "Id": "S-1-1-11-1111111111-2222222222-3333333333-1002",
            "Email": "john.roe@example.com",
            "Name": "john.roe",
            "DisplayName": "John Roe",
            "State": "ENABLED",
            "UserRole": "USER",
            "EnabledDate": 1672531200.0
        }
    ],
    "AccessControlRules": [
        {
            "Name": "default",
            "Effect": "ALLOW",
            "Description": "Default WorkMail Rule",
            "DateCreated": 0.0,
            "DateModified": 0.0
        },
        {
            "Name": "imap-from-office-only",
            "Effect": "DENY",
            "Description": "IMAP only from the office network",
            "NotIpRanges": [
                "198.51.100.0/24"
            ],
            "Actions": [
                "IMAP"
            ],
            "DateCreated": 1700000000.0,
            "DateModified": 1700000000.0
        }
    ]
}
"#;

const ARCHIVING_ROLE: &str = r#"{
    "OrganizationId": "m-0123456789abcdef0123456789abcdef",
    "Users": [
        {
            "Id": "S-1-1-11-1111111111-2222222222-3333333333-2001",
            "Email": "ceo@example.com",
            "Name": "ceo",
            "DisplayName": "Chief Executive",
            "State": "ENABLED",
            "UserRole": "USER",
            "EnabledDate": 1672531200.0
        },
        {
            "Id": "S-1-1-11-1111111111-2222222222-3333333333-2002",
            "Email": "cfo@example.com",
            "Name": "cfo",
            "DisplayName": "Chief Financial Officer",
            "State": "ENABLED",
            "UserRole": "USER",
            "EnabledDate": 1672531200.0
        },
        {
            "Id": "S-1-1-11-1111111111-2222222222-3333333333-1001",
            "Email": "jane.doe@example.com",
            "Name": "jane.doe",
            "DisplayName": "Jane Doe",
            "State": "ENABLED",
            "UserRole": "USER",
            "EnabledDate": 1672531200.0
        }
    ],
    "AccessControlRules": [
        {
            "Name": "default",
            "Effect": "ALLOW",
            "Description": "Default WorkMail Rule",
            "DateCreated": 0.0,
            "DateModified": 0.0
        },
        {
            "Name": "archiver-from-datacenter",
            "Effect": "DENY",
            "Description": "The archiving role works only from the data center",
            "NotIpRanges": [
                "192.0.2.0/24"
            ],
            "DateCreated": 1700000000.0,
            "DateModified": 1700000000.0,
            "ImpersonationRoleIds": [
                "7d0c2b9e-4a1f-4c3b-9e8d-5f6a7b8c9d0e"
            ]
        }
    ],
    "ImpersonationRoles": [
        {
            "ImpersonationRoleId": "7d0c2b9e-4a1f-4c3b-9e8d-5f6a7b8c9d0e",
            "Name": "archiver",
            "Type": "READ_ONLY",
            "Description": "Mail archiving service",
            "Rules": [
                {
                    "ImpersonationRuleId": "all-mailboxes",
                    "Name": "Every mailbox",
                    "Effect": "ALLOW"
                },
                {
                    "ImpersonationRuleId": "no-executives",
                    "Name": "Not the executives",
                    "Description": "Executive mail is archived by legal",
                    "Effect": "DENY",
                    "TargetUsers": [
                        "ceo@example.com",
                        "cfo@example.com"
                    ]
                }
            ],
            "DateCreated": 1700000000.0,
            "DateModified": 1700000000.0
        }
    ]
}
"#;

const BLOCK_EVERYTHING: &str = r#"{
    "OrganizationId": "m-0123456789abcdef0123456789abcdef",
    "AccessControlRules": []
}
"#;

const MDM_DENY_ALL: &str = r#"{
    "OrganizationId": "m-0123456789abcdef0123456789abcdef",
    "Users": [
        {
            "Id": "S-1-1-11-1111111111-2222222222-3333333333-1001",
            "Email": "jane.doe@example.com",
            "Name": "jane.doe",
            "DisplayName": "Jane Doe",
            "State": "ENABLED",
            "UserRole": "USER"
        },
        {
            "Id": "S-1-1-11-1111111111-2222222222-3333333333-1002",
            "Email": "john.roe@example.com",
            "Name": "john.roe",
            "DisplayName": "John Roe",
            "State": "ENABLED",
            "UserRole": "USER"
        }
    ],
    "AccessControlRules": [
        {
            "Name": "default",
            "Effect": "ALLOW",
            "Description": "Default WorkMail Rule",
            "DateCreated": 0.0,
            "DateModified": 0.0
        },
        {
            "Name": "activesync-only-outside",
            "Effect": "DENY",
            "Description": "outside the office, only ActiveSync, where device IDs are known",
            "NotIpRanges": [
                "198.51.100.0/24"
            ],
            "NotActions": [
                "ActiveSync"
            ],
            "DateCreated": 1700000000.0,
            "DateModified": 1700000000.0
        }
    ],
    "MobileDeviceAccessRules": [
        {
            "MobileDeviceAccessRuleId": "deny-all",
            "Name": "DefaultDenyAll",
            "Description": "unknown or unmanaged devices are denied",
            "Effect": "DENY",
            "DateCreated": 1700000000.0,
            "DateModified": 1700000000.0
        }
    ],
    "MobileDeviceAccessOverrides": [
        {
            "UserId": "S-1-1-11-1111111111-2222222222-3333333333-1001",
            "DeviceId": "6APMEKPHCP2ND42VIJ4BR8ECDO",
            "Effect": "ALLOW",
            "Description": "enrolled and compliant",
            "DateCreated": 1700000000.0,
            "DateModified": 1700000000.0
        }
    ]
}
"#;

const IOS_16_AND_LATER: &str = r#"{
    "OrganizationId": "m-0123456789abcdef0123456789abcdef",
    "MobileDeviceAccessRules": [
        {
            "MobileDeviceAccessRuleId": "ios-16-and-later",
            "Name": "iOS 16 and later",
            "Description": "the versions end with a dot: a plain prefix would let iOS 1 match iOS 17",
            "Effect": "ALLOW",
            "DeviceTypes": [
                "iPhone",
                "iPad"
            ],
            "DeviceOperatingSystems": [
                "iOS 16.",
                "iOS 17.",
                "iOS 18.",
                "iOS 26."
            ],
            "DateCreated": 1700000000.0,
            "DateModified": 1700000000.0
        }
    ]
}
"#;

impl Preset {
    /// Every preset, in the order the page offers them; the page opens on the first.
    pub const ALL: [Self; 6] = [
        Self::AwsDocumentationExample,
        Self::OfficeOnlyImap,
        Self::ArchivingRole,
        Self::BlockEverything,
        Self::MdmDenyAll,
        Self::Ios16AndLater,
    ];

    /// The button label.
    pub const fn title(self) -> &'static str {
        match self {
            Self::AwsDocumentationExample => "AWS documentation example",
            Self::OfficeOnlyImap => "Office-only IMAP",
            Self::ArchivingRole => "Read-only archiving role",
            Self::BlockEverything => "Empty rule set",
            Self::MdmDenyAll => "MDM: deny all, allow enrolled devices by override",
            Self::Ios16AndLater => "iOS 16 and later only",
        }
    }

    /// What the preset shows, in one sentence.
    pub const fn description(self) -> &'static str {
        match self {
            Self::AwsDocumentationExample => {
                "The rules of the AWS CLI examples, pasted as `list-access-control-rules` prints them: `myRule` denies one user."
            }
            Self::OfficeOnlyImap => {
                "IMAP is denied from anywhere but the office network `198.51.100.0/24`; every other protocol is allowed."
            }
            Self::ArchivingRole => {
                "A READ_ONLY impersonation role for mail archiving: usable only from the data center and never on the executives' mailboxes."
            }
            Self::BlockEverything => {
                "`\"AccessControlRules\": []`: every rule was deleted, so every request is denied."
            }
            Self::MdmDenyAll => {
                "The administrator guide's MDM pattern: a deny-all mobile rule, an ALLOW override for each enrolled device, and outside the office only ActiveSync."
            }
            Self::Ios16AndLater => {
                "Only iPhones and iPads on iOS 16 or later may synchronize: with the default rule deleted, every other device is blocked."
            }
        }
    }

    /// The organization, as JSON.
    pub const fn document(self) -> &'static str {
        match self {
            Self::AwsDocumentationExample => AWS_DOCUMENTATION_EXAMPLE,
            Self::OfficeOnlyImap => OFFICE_ONLY_IMAP,
            Self::ArchivingRole => ARCHIVING_ROLE,
            Self::BlockEverything => BLOCK_EVERYTHING,
            Self::MdmDenyAll => MDM_DENY_ALL,
            Self::Ios16AndLater => IOS_16_AND_LATER,
        }
    }

    /// The access question the preset opens with.
    pub fn access(self) -> AccessQuestion {
        let user = |ip: &str, action: &str, user: &str| AccessQuestion {
            ip_address: ip.to_owned(),
            action: action.to_owned(),
            user_id: user.to_owned(),
            impersonation_role_id: String::new(),
        };
        match self {
            Self::AwsDocumentationExample => {
                user("192.0.2.0", "WindowsOutlook", DOCUMENTATION_USER)
            }
            Self::OfficeOnlyImap => user(
                "203.0.113.10",
                "IMAP",
                "S-1-1-11-1111111111-2222222222-3333333333-1001",
            ),
            Self::ArchivingRole => AccessQuestion {
                ip_address: "192.0.2.25".to_owned(),
                action: "EWS".to_owned(),
                user_id: String::new(),
                impersonation_role_id: ARCHIVER_ROLE.to_owned(),
            },
            Self::BlockEverything => user("192.0.2.10", "WebMail", DOCUMENTATION_USER),
            Self::MdmDenyAll => user("203.0.113.10", "ActiveSync", MDM_USER),
            Self::Ios16AndLater => user("203.0.113.10", "ActiveSync", DOCUMENTATION_USER),
        }
    }

    /// The preset's organization, for tests (every preset loads; a test says so).
    #[cfg(test)]
    pub fn organization(self) -> workmail_policy::Organization {
        workmail_policy::Organization::from_json(self.document())
            .unwrap()
            .organization
    }

    /// The mobile device question the preset opens with: for the presets with mobile device
    /// access rules an iPhone (for the MDM preset the enrolled user's), for the others none.
    pub fn mobile(self) -> MobileQuestion {
        let iphone = |os: &str| MobileQuestion {
            device_type: "iPhone".to_owned(),
            device_model: "iPhone15C2".to_owned(),
            device_operating_system: os.to_owned(),
            ..MobileQuestion::default()
        };
        match self {
            Self::MdmDenyAll => MobileQuestion {
                user_id: "jane.doe@example.com".to_owned(),
                device_id: "6APMEKPHCP2ND42VIJ4BR8ECDO".to_owned(),
                ip_address: "203.0.113.10".to_owned(),
                ..iphone("iOS 17.2 21C62")
            },
            Self::Ios16AndLater => iphone("iOS 15.7 19H12"),
            // Without mobile device access rules every device gets the default rule's ALLOW:
            // the question stays empty until the reader describes a device.
            Self::AwsDocumentationExample
            | Self::OfficeOnlyImap
            | Self::ArchivingRole
            | Self::BlockEverything => MobileQuestion::default(),
        }
    }

    /// The impersonation question the preset opens with (empty without roles).
    pub fn impersonation(self) -> ImpersonationQuestion {
        match self {
            Self::ArchivingRole => ImpersonationQuestion {
                impersonation_role_id: ARCHIVER_ROLE.to_owned(),
                target_user: "ceo@example.com".to_owned(),
            },
            Self::AwsDocumentationExample
            | Self::OfficeOnlyImap
            | Self::BlockEverything
            | Self::MdmDenyAll
            | Self::Ios16AndLater => ImpersonationQuestion::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use workmail_policy::{Effect, GetImpersonationRoleEffectRequest, Organization};

    use super::*;

    fn access(preset: Preset) -> (Effect, Vec<String>) {
        let org = preset.organization();
        let request = preset.access().request();
        let response = org.get_access_control_effect(&request).unwrap();
        (response.effect, response.matched_rules)
    }

    #[test]
    fn every_preset_loads_without_diagnostics() {
        for preset in Preset::ALL {
            let loaded = Organization::from_json(preset.document()).unwrap();
            assert!(
                loaded.warnings.is_empty(),
                "{preset:?}: {:?}",
                loaded.warnings
            );
        }
    }

    #[test]
    fn presets_answer_what_they_describe() {
        assert_eq!(
            access(Preset::AwsDocumentationExample),
            (Effect::Deny, vec!["myRule".to_owned()])
        );
        assert_eq!(
            access(Preset::OfficeOnlyImap),
            (Effect::Deny, vec!["imap-from-office-only".to_owned()])
        );
        assert_eq!(
            access(Preset::ArchivingRole),
            (Effect::Allow, vec!["default".to_owned()])
        );
        assert_eq!(access(Preset::BlockEverything), (Effect::Deny, vec![]));
    }

    #[test]
    fn the_mobile_presets_answer_what_they_describe() {
        use workmail_policy::{
            EvaluateMobileDeviceAccessRequest, GetMobileDeviceAccessEffectRequest,
        };
        let device = |os: &str| GetMobileDeviceAccessEffectRequest {
            device: workmail_policy::model::Device {
                device_type: Some("iPhone".to_owned()),
                device_operating_system: Some(os.to_owned()),
                ..Default::default()
            },
            ..Default::default()
        };
        let org = Preset::Ios16AndLater.organization();
        let effect = |os: &str| {
            org.get_mobile_device_access_effect(&device(os))
                .unwrap()
                .effect
        };
        assert_eq!(effect("iOS 17.2 21C62"), Effect::Allow);
        assert_eq!(effect("iOS 15.7 19H12"), Effect::Deny);
        assert_eq!(effect("iOS 1.0"), Effect::Deny);
        let org = Preset::MdmDenyAll.organization();
        let ask = |device_id: &str| EvaluateMobileDeviceAccessRequest {
            user_id: "jane.doe@example.com".to_owned(),
            device_id: device_id.to_owned(),
            ip_address: Some("203.0.113.10".to_owned()),
            ..Default::default()
        };
        let enrolled = org
            .evaluate_mobile_device_access(&ask("6apmekphcp2nd42vij4br8ecdo"))
            .unwrap();
        assert_eq!(enrolled.effect, Effect::Allow);
        let unknown = org
            .evaluate_mobile_device_access(&ask("OTHERPHONE"))
            .unwrap();
        assert_eq!(unknown.effect, Effect::Deny);
        assert_eq!(access(Preset::MdmDenyAll).0, Effect::Allow);
    }

    #[test]
    fn the_archiving_role_may_not_impersonate_the_ceo() {
        let preset = Preset::ArchivingRole;
        let org = preset.organization();
        let request = preset.impersonation().request();
        let response = org.get_impersonation_role_effect(&request).unwrap();
        assert_eq!(response.effect, Effect::Deny);
        assert_eq!(
            response.matched_rules[0].impersonation_rule_id,
            "no-executives"
        );
        let jane = GetImpersonationRoleEffectRequest {
            target_user: "jane.doe".to_owned(),
            ..request
        };
        let response = org.get_impersonation_role_effect(&jane).unwrap();
        assert_eq!(response.effect, Effect::Allow);
    }
}
