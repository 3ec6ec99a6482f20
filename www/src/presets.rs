//! The organizations a user can start from, each with the questions that show what it does.
//!
//! Every preset is JSON as AWS prints it, so the page also shows what pasted output looks like.

use serde::{Deserialize, Serialize};

use crate::questions::{AccessQuestion, ImpersonationQuestion};

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
}

/// The user of the AWS CLI documentation's `myRule`.
pub const DOCUMENTATION_USER: &str = "S-1-1-11-1111111111-2222222222-3333333333-3333";

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

impl Preset {
    /// Every preset, in the order the page offers them; the page opens on the first.
    pub const ALL: [Self; 4] = [
        Self::AwsDocumentationExample,
        Self::OfficeOnlyImap,
        Self::ArchivingRole,
        Self::BlockEverything,
    ];

    /// The button label.
    pub const fn title(self) -> &'static str {
        match self {
            Self::AwsDocumentationExample => "AWS documentation example",
            Self::OfficeOnlyImap => "Office-only IMAP",
            Self::ArchivingRole => "Read-only archiving role",
            Self::BlockEverything => "Empty rule set",
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
        }
    }

    /// The organization, as JSON.
    pub const fn document(self) -> &'static str {
        match self {
            Self::AwsDocumentationExample => AWS_DOCUMENTATION_EXAMPLE,
            Self::OfficeOnlyImap => OFFICE_ONLY_IMAP,
            Self::ArchivingRole => ARCHIVING_ROLE,
            Self::BlockEverything => BLOCK_EVERYTHING,
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
        }
    }

    /// The preset's organization, for tests (every preset loads; a test says so).
    #[cfg(test)]
    pub fn organization(self) -> workmail_policy::Organization {
        workmail_policy::Organization::from_json(self.document())
            .unwrap()
            .organization
    }

    /// The impersonation question the preset opens with (empty without roles).
    pub fn impersonation(self) -> ImpersonationQuestion {
        match self {
            Self::ArchivingRole => ImpersonationQuestion {
                impersonation_role_id: ARCHIVER_ROLE.to_owned(),
                target_user: "ceo@example.com".to_owned(),
            },
            Self::AwsDocumentationExample | Self::OfficeOnlyImap | Self::BlockEverything => {
                ImpersonationQuestion::default()
            }
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
