//! What each member of a document or tests file is, for its description: the one text of the
//! schemas that the shapes do not hold. The constraints themselves come from the shapes.

use crate::semantics::Decision;

/// What a member is, and the decision it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Meaning {
    /// One sentence, without its final period.
    pub(super) text: &'static str,
    /// The decision, where the member rests on one.
    pub(super) decision: Option<Decision>,
}

const fn said(text: &'static str) -> Option<Meaning> {
    Some(Meaning {
        text,
        decision: None,
    })
}

const fn decided(text: &'static str, decision: Decision) -> Option<Meaning> {
    Some(Meaning {
        text,
        decision: Some(decision),
    })
}

/// What member `member` of the structure named `structure` (its AWS name) is.
pub(super) fn of(structure: &str, member: &str) -> Option<Meaning> {
    use Decision as D;
    match (structure, member) {
        // The organization document.
        ("Organization", "OrganizationId") => decided(
            "The organization's ID; a request naming another organization is refused",
            D::D4,
        ),
        ("Organization", "Users") => decided(
            "The directory, as `aws workmail list-users` prints its `Users`; without it user IDs are taken as given",
            D::D2,
        ),
        ("Organization", "AccessControlRules") => decided(
            "The access control rules, as `aws workmail list-access-control-rules` prints its `Rules`; absent, the default rule alone",
            D::D1,
        ),
        ("Organization", "ImpersonationRoles") => decided(
            "The impersonation roles, each as `aws workmail get-impersonation-role` prints it",
            D::D15,
        ),
        ("Organization", "MobileDeviceAccessRules") => decided(
            "The mobile device access rules, as `aws workmail list-mobile-device-access-rules` prints its `Rules`; absent, the default mobile rule alone",
            D::D26,
        ),
        ("Organization", "MobileDeviceAccessOverrides") => decided(
            "The mobile device access overrides, as `aws workmail list-mobile-device-access-overrides` prints its `Overrides`",
            D::D26,
        ),
        ("Organization", "Emulator") => decided(
            "State the emulator keeps where AWS keeps it server-side: client tokens and impersonation tokens",
            D::D24,
        ),
        // Raw AWS CLI outputs.
        ("ListAccessControlRulesResponse", "Rules") => {
            decided("The access control rules, in order", D::D3)
        }
        ("ListUsersResponse", "Users") => decided("The directory's users", D::D3),
        ("ListImpersonationRolesResponse", "Roles") => decided(
            "The roles, without their rules: each then denies every target",
            D::D3,
        ),
        ("ListMobileDeviceAccessRulesResponse", "Rules") => {
            decided("The mobile device access rules, in order", D::D26)
        }
        ("ListMobileDeviceAccessOverridesResponse", "Overrides") => {
            decided("The mobile device access overrides", D::D26)
        }
        (_, "NextToken") => said("The next page's token, as AWS printed it; not read"),
        // Users.
        ("User", "Id") => decided(
            "The user's ID, which rules name in `UserIds`; compared exactly",
            D::D22,
        ),
        ("User", "Email") => decided(
            "The primary email, by which a target user may be named (case-insensitive)",
            D::D12,
        ),
        ("User", "Name") => decided(
            "The user name, by which a target user may be named (case-insensitive)",
            D::D12,
        ),
        ("User", "DisplayName") => said("The display name"),
        ("User", "State") => decided(
            "Whether the user is enabled; a disabled or deleted user cannot be impersonated",
            D::D12,
        ),
        ("User", "UserRole") => said("The kind of user"),
        ("User", "EnabledDate") => said("When the user was enabled"),
        ("User", "DisabledDate") => said("When the user was disabled"),
        ("User", "IdentityProviderUserId") => said("The user's ID in IAM Identity Center"),
        ("User", "IdentityProviderIdentityStoreId") => said("The IAM Identity Center store"),
        // Access control rules.
        ("AccessControlRule", "Name") => decided(
            "The rule's name, unique in the organization; `MatchedRules` lists it",
            D::D9,
        ),
        ("AccessControlRule", "Effect") => decided(
            "What the rule does when it matches; DENY takes precedence over ALLOW",
            D::D6,
        ),
        ("AccessControlRule", "Description") => {
            decided("The rule's description (the empty string too)", D::D10)
        }
        ("AccessControlRule", "IpRanges") => decided(
            "IPv4 ranges the request's address must be in; empty or absent, no condition",
            D::D8,
        ),
        ("AccessControlRule", "NotIpRanges") => decided(
            "IPv4 ranges the request's address must be outside of; empty or absent, no condition",
            D::D8,
        ),
        ("AccessControlRule", "Actions") => decided(
            "Protocols the request must use; empty or absent, no condition",
            D::D7,
        ),
        ("AccessControlRule", "NotActions") => decided(
            "Protocols the request must not use; empty or absent, no condition",
            D::D7,
        ),
        ("AccessControlRule", "UserIds") => decided(
            "Users the rule applies to (user IDs; never a role); empty or absent, no condition",
            D::D5,
        ),
        ("AccessControlRule", "NotUserIds") => decided(
            "Users the rule does not apply to (user IDs); empty or absent, no condition",
            D::D5,
        ),
        ("AccessControlRule", "ImpersonationRoleIds") => decided(
            "Impersonation roles the rule applies to (never a user); empty or absent, no condition",
            D::D5,
        ),
        ("AccessControlRule", "NotImpersonationRoleIds") => decided(
            "Impersonation roles the rule does not apply to; empty or absent, no condition",
            D::D5,
        ),
        (_, "DateCreated") => decided("When it was created", D::D3),
        (_, "DateModified") => decided("When it was last changed", D::D3),
        // Impersonation roles and their rules.
        ("GetImpersonationRoleResponse" | "ImpersonationRole", "ImpersonationRoleId") => {
            decided("The role's ID, unique in the organization", D::D15)
        }
        ("GetImpersonationRoleResponse" | "ImpersonationRole", "Name") => said("The role's name"),
        ("GetImpersonationRoleResponse" | "ImpersonationRole", "Type") => {
            said("What an impersonation through the role may do: read only or everything")
        }
        ("GetImpersonationRoleResponse", "Description") => said("The role's description"),
        ("GetImpersonationRoleResponse", "Rules") => {
            decided("The role's impersonation rules, in order", D::D14)
        }
        ("ImpersonationRule", "ImpersonationRuleId") => {
            decided("The rule's ID, unique within its role", D::D15)
        }
        ("ImpersonationRule", "Name") => said("The rule's name"),
        ("ImpersonationRule", "Description") => said("The rule's description"),
        ("ImpersonationRule", "Effect") => decided(
            "What the rule does when it matches; DENY takes precedence over ALLOW",
            D::D14,
        ),
        ("ImpersonationRule", "TargetUsers") => decided(
            "Users that may be impersonated: user IDs, emails or user names; absent, no condition",
            D::D13,
        ),
        ("ImpersonationRule", "NotTargetUsers") => decided(
            "Users that may not be impersonated: user IDs, emails or user names; absent, no condition",
            D::D13,
        ),
        // The emulator's state.
        ("Emulator", "ClientTokens") => decided(
            "The `ClientToken`s `CreateImpersonationRole` has seen, with the role each created",
            D::D16,
        ),
        ("Emulator", "ImpersonationTokens") => {
            decided("The tokens `AssumeImpersonationRole` issued", D::D19)
        }
        ("Emulator", "MobileClientTokens") => decided(
            "The `ClientToken`s `CreateMobileDeviceAccessRule` has seen, with the rule each created",
            D::D36,
        ),
        ("ClientToken" | "MobileClientToken", "ClientToken") => {
            decided("The token the request carried", D::D24)
        }
        ("ClientToken" | "ImpersonationToken", "ImpersonationRoleId") => {
            decided("The role", D::D24)
        }
        ("MobileClientToken", "MobileDeviceAccessRuleId") => decided("The rule", D::D24),
        ("ImpersonationToken", "Token") => decided("The token", D::D19),
        ("ImpersonationToken", "Expires") => decided("When the token expires", D::D19),
        // Mobile device access rules and overrides.
        ("MobileDeviceAccessRule", "MobileDeviceAccessRuleId") => {
            decided("The rule's ID; `default` for the default rule", D::D27)
        }
        ("MobileDeviceAccessRule", "Name") => {
            decided("The rule's name (names need not be unique)", D::D34)
        }
        ("MobileDeviceAccessRule" | "MobileDeviceAccessOverride", "Description") => {
            decided("Its description (not the empty string)", D::D44)
        }
        ("MobileDeviceAccessRule", "Effect") => decided(
            "What the rule does when it matches; DENY takes precedence over ALLOW",
            D::D32,
        ),
        ("MobileDeviceAccessRule", "DeviceTypes") => decided(
            "Device types the device must report one of (each a prefix, ignoring case, or `$NONE`)",
            D::D31,
        ),
        ("MobileDeviceAccessRule", "NotDeviceTypes") => decided(
            "Device types the device must report none of; false when it reports no type",
            D::D30,
        ),
        ("MobileDeviceAccessRule", "DeviceModels") => decided(
            "Device models the device must report one of (each a prefix, ignoring case, or `$NONE`)",
            D::D31,
        ),
        ("MobileDeviceAccessRule", "NotDeviceModels") => decided(
            "Device models the device must report none of; false when it reports no model",
            D::D30,
        ),
        ("MobileDeviceAccessRule", "DeviceOperatingSystems") => decided(
            "Operating systems the device must report one of (each a prefix, ignoring case, or `$NONE`)",
            D::D31,
        ),
        ("MobileDeviceAccessRule", "NotDeviceOperatingSystems") => decided(
            "Operating systems the device must report none of; false when it reports none",
            D::D30,
        ),
        ("MobileDeviceAccessRule", "DeviceUserAgents") => decided(
            "User agents the device must report one of (each a prefix, ignoring case, or `$NONE`)",
            D::D31,
        ),
        ("MobileDeviceAccessRule", "NotDeviceUserAgents") => decided(
            "User agents the device must report none of; false when it reports none",
            D::D30,
        ),
        ("MobileDeviceAccessOverride", "UserId") => decided(
            "The user: a user ID as AWS lists it, or, put without a directory, the user as given",
            D::D39,
        ),
        ("MobileDeviceAccessOverride", "DeviceId") => {
            decided("The device's ID, compared ignoring ASCII case", D::D38)
        }
        ("MobileDeviceAccessOverride", "Effect") => decided(
            "What the override does for this user's device, whatever the rules say",
            D::D42,
        ),
        // Tests files.
        ("TestSuite", "Tests") => said("The tests, run in order"),
        ("TestSuite", "Properties") => said(
            "Properties: sets of requests, each written as a rule writes its conditions, that must all get one answer; checked over every request of the set",
        ),
        ("Property", "Name") => said("The property's name, as reported"),
        ("Property", "Operation") => said(
            "The operation whose requests `ForAll` describes; absent, told from the members: `TargetUsers` or `NotTargetUsers` in `ForAll` or `Type` in `Expect` for impersonation, a device list for mobile device access, otherwise access control",
        ),
        ("Property", "ForAll") => said(
            "The requests, in the vocabulary of a rule of the operation asked: an access control rule's eight lists and `Principals`, an impersonation rule's targets with the roles, or a mobile device access rule's eight device lists",
        ),
        ("Property", "Expect") => {
            said("The answer every request of `ForAll` must get; members left out are not compared")
        }
        ("PropertyExpect", member) => of("Expect", member),
        ("AccessForAll", "Principals") => decided(
            "Which principals: `Users`, `Roles` or `Any` (the default); a role asks only with EWS",
            D::D11,
        ),
        ("AccessForAll", member) => of("AccessControlRule", member),
        ("ImpersonationForAll", "ImpersonationRoleIds") => {
            said("Roles of the document whose targets are asked about; empty or absent, every role")
        }
        ("ImpersonationForAll", "NotImpersonationRoleIds") => {
            said("Roles of the document left out")
        }
        ("ImpersonationForAll", member) => of("ImpersonationRule", member),
        ("MobileForAll", member) => of("MobileDeviceAccessRule", member),
        ("Test", "Name") => said("The test's name, as reported"),
        ("Test", "Request") => said(
            "The question: `GetImpersonationRoleEffect` input with `TargetUser`, else `EvaluateMobileDeviceAccess` input with `DeviceId`, else `GetAccessControlEffect` input with `IpAddress`, `Action`, `UserId` or `ImpersonationRoleId`, else `GetMobileDeviceAccessEffect` input",
        ),
        ("Test", "Expect") => {
            said("The answer the request must get; members left out are not compared")
        }
        ("Expect", "Effect") => said("The effect"),
        ("Expect", "MatchedRules") => said(
            "`MatchedRules`, in order: access control rule names, impersonation or mobile rule IDs, or the objects AWS prints for those",
        ),
        ("Expect", "Type") => said("The role's type (`GetImpersonationRoleEffect` only)"),
        ("Expect", "DecidedBy") => decided(
            "Which gate decided (`EvaluateMobileDeviceAccess` only)",
            D::D42,
        ),
        ("ImpersonationMatchedRule", "ImpersonationRuleId") => said("The rule's ID"),
        ("ImpersonationMatchedRule", "Name") => said("The rule's name; absent, the rule has none"),
        ("MobileDeviceAccessMatchedRule", "MobileDeviceAccessRuleId") => said("The rule's ID"),
        ("MobileDeviceAccessMatchedRule", "Name") => said("The rule's name"),
        // Requests, in a tests file.
        (_, "OrganizationId") => decided("The organization; absent, the document's", D::D4),
        (_, "IpAddress") => decided("The IPv4 address the request comes from", D::D8),
        (_, "Action") => decided("The protocol the request uses", D::D7),
        ("GetAccessControlEffectRequest", "UserId") => decided(
            "The user asking (exactly one of `UserId` and `ImpersonationRoleId`)",
            D::D11,
        ),
        ("GetAccessControlEffectRequest", "ImpersonationRoleId") => decided(
            "The impersonation role asking (exactly one of `UserId` and `ImpersonationRoleId`; EWS only)",
            D::D11,
        ),
        ("GetImpersonationRoleEffectRequest", "ImpersonationRoleId") => said("The role"),
        ("GetImpersonationRoleEffectRequest", "TargetUser") => decided(
            "The user to impersonate: a user ID, an email or a user name",
            D::D12,
        ),
        ("EvaluateMobileDeviceAccessRequest", "UserId") => {
            decided("The user: a user ID, an email or a user name", D::D39)
        }
        ("EvaluateMobileDeviceAccessRequest", "DeviceId") => {
            decided("The device's ID, for its overrides", D::D42)
        }
        (_, "DeviceType" | "DeviceModel" | "DeviceOperatingSystem" | "DeviceUserAgent") => decided(
            "What the device reports; absent, it reports nothing (`$NONE` is an ordinary text here)",
            D::D33,
        ),
        _ => None,
    }
}
