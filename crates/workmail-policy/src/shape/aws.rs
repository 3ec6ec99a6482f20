//! The shapes of the AWS model (botocore `workmail/2017-10-01/service-2.json`): strings,
//! enums, lists and structures, each written once.

use super::pattern::{
    alphanumeric, anything, email_address, entity_identifier, hex_or_hyphen,
    identity_provider_user_id, identity_store_id, ip_address, ip_range, latin1_text,
    multiline_text, name_pattern, no_controls_or_markup, organization_id, override_user,
    printable_ascii, user_name,
};
use super::types::{
    EnumShape, IntegerShape, ListShape, Member, Pattern, Shape, StringShape, StructureShape,
};

macro_rules! string_shape {
    (@pattern $const:ident, $name:literal, $min:literal, $max:literal, $source:literal, $matcher:path, $schema:expr) => {
        #[doc = concat!("The `", $name, "` string shape: `", $source, "`.")]
        pub static $const: StringShape = StringShape {
            name: $name,
            min: $min,
            max: $max,
            pattern: Some(Pattern {
                source: $source,
                matches: $matcher,
                schema: $schema,
            }),
        };
    };
    ($const:ident, $name:literal, $min:literal, $max:literal) => {
        #[doc = concat!("The `", $name, "` string shape.")]
        pub static $const: StringShape = StringShape {
            name: $name,
            min: $min,
            max: $max,
            pattern: None,
        };
    };
    ($const:ident, $name:literal, $min:literal, $max:literal, $source:literal, $matcher:path) => {
        string_shape!(@pattern $const, $name, $min, $max, $source, $matcher, None);
    };
    (
        $const:ident, $name:literal, $min:literal, $max:literal, $source:literal, $matcher:path,
        schema = $schema:literal
    ) => {
        string_shape!(@pattern $const, $name, $min, $max, $source, $matcher, Some($schema));
    };
}

string_shape!(
    ORGANIZATION_ID,
    "OrganizationId",
    34,
    34,
    "^m-[0-9a-f]{32}$",
    organization_id
);
string_shape!(
    IP_ADDRESS,
    "IpAddress",
    1,
    15,
    "^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$",
    ip_address
);
string_shape!(
    IP_RANGE,
    "IpRange",
    1,
    18,
    "^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])/([0-9]|[12][0-9]|3[0-2])$",
    ip_range
);
string_shape!(
    RULE_NAME,
    "AccessControlRuleName",
    1,
    64,
    "[a-zA-Z0-9_-]+",
    name_pattern
);
string_shape!(
    RULE_DESCRIPTION,
    "AccessControlRuleDescription",
    0,
    255,
    "[\\u0020-\\u00FF]+",
    latin1_text,
    // The empty description is accepted (the minimum length is 0, D10).
    schema = "^[\\u0020-\\u00FF]*$"
);
string_shape!(WORKMAIL_IDENTIFIER, "WorkMailIdentifier", 12, 256);
string_shape!(
    ROLE_ID,
    "ImpersonationRoleId",
    1,
    64,
    "[a-zA-Z0-9_-]+",
    name_pattern
);
string_shape!(
    ROLE_NAME,
    "ImpersonationRoleName",
    1,
    64,
    "[^\\x00-\\x1F\\x7F\\x3C\\x3E\\x5C]+",
    no_controls_or_markup
);
string_shape!(
    ROLE_DESCRIPTION,
    "ImpersonationRoleDescription",
    1,
    256,
    "[^\\x00-\\x09\\x0B\\x0C\\x0E-\\x1F\\x7F\\x3C\\x3E\\x5C]+",
    multiline_text
);
string_shape!(
    IMPERSONATION_RULE_ID,
    "ImpersonationRuleId",
    1,
    64,
    "[a-zA-Z0-9_-]+",
    name_pattern
);
string_shape!(
    IMPERSONATION_RULE_NAME,
    "ImpersonationRuleName",
    1,
    64,
    "[^\\x00-\\x1F\\x7F\\x3C\\x3E\\x5C]+",
    no_controls_or_markup
);
string_shape!(
    IMPERSONATION_RULE_DESCRIPTION,
    "ImpersonationRuleDescription",
    1,
    256,
    "[^\\x00-\\x09\\x0B\\x0C\\x0E-\\x1F\\x7F\\x3C\\x3E\\x5C]+",
    multiline_text
);
string_shape!(
    ENTITY_IDENTIFIER,
    "EntityIdentifier",
    1,
    256,
    "[a-zA-Z0-9._%+@-]+",
    entity_identifier
);
string_shape!(
    OVERRIDE_USER_ID,
    "WorkMailIdentifier or EntityIdentifier",
    1,
    256,
    "12 to 256 characters, or [a-zA-Z0-9._%+@-]+",
    override_user,
    schema = "^(?:[\\s\\S]{12,}|[a-zA-Z0-9._%+@-]+)$"
);
string_shape!(
    CLIENT_TOKEN,
    "IdempotencyClientToken",
    1,
    128,
    "[\\x21-\\x7e]+",
    printable_ascii
);
string_shape!(
    IMPERSONATION_TOKEN,
    "ImpersonationToken",
    1,
    256,
    "[\\x21-\\x7e]+",
    printable_ascii
);
string_shape!(
    NEXT_TOKEN,
    "NextToken",
    1,
    1024,
    "[\\S\\s]*|[a-zA-Z0-9/+=]{1,1024}",
    anything
);
string_shape!(
    EMAIL_ADDRESS,
    "EmailAddress",
    1,
    254,
    "[a-zA-Z0-9._%+-]{1,64}@[a-zA-Z0-9.-]+\\.[a-zA-Z-]{2,}",
    email_address
);
string_shape!(
    USER_NAME,
    "UserName",
    1,
    64,
    "[\\w\\-.]+(@[a-zA-Z0-9.\\-]+\\.[a-zA-Z0-9-]{2,})?",
    user_name,
    // The model's `\w` is ASCII (Java); in some validators' engines it is not.
    schema = "^[a-zA-Z0-9_.-]+(?:@[a-zA-Z0-9.-]+\\.[a-zA-Z0-9-]{2,})?$"
);
string_shape!(DISPLAY_NAME, "String", 0, 256);
string_shape!(
    IDENTITY_PROVIDER_USER_ID,
    "IdentityProviderUserId",
    1,
    47,
    "^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$",
    identity_provider_user_id
);
string_shape!(
    IDENTITY_STORE_ID,
    "IdentityProviderIdentityStoreId",
    1,
    36,
    "^d-[0-9a-f]{10}$|^[0-9a-f]{8}\\b-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-\\b[0-9a-f]{12}$",
    identity_store_id
);

string_shape!(
    MOBILE_RULE_ID,
    "MobileDeviceAccessRuleId",
    1,
    64,
    "[a-zA-Z0-9_-]+",
    name_pattern
);
string_shape!(
    MOBILE_RULE_NAME,
    "MobileDeviceAccessRuleName",
    1,
    64,
    "[\\S\\s]+",
    anything
);
string_shape!(
    MOBILE_RULE_DESCRIPTION,
    "MobileDeviceAccessRuleDescription",
    1,
    256,
    "[\\S\\s]+",
    anything
);
string_shape!(
    DEVICE_TYPE,
    "DeviceType",
    1,
    256,
    "[\\u0020-\\u00FF]+",
    latin1_text
);
string_shape!(
    DEVICE_MODEL,
    "DeviceModel",
    1,
    256,
    "[\\u0020-\\u00FF]+",
    latin1_text
);
string_shape!(
    DEVICE_OPERATING_SYSTEM,
    "DeviceOperatingSystem",
    1,
    256,
    "[\\u0020-\\u00FF]+",
    latin1_text
);
string_shape!(
    DEVICE_USER_AGENT,
    "DeviceUserAgent",
    1,
    256,
    "[\\u0020-\\u00FF]+",
    latin1_text
);
string_shape!(DEVICE_ID, "DeviceId", 1, 32, "[A-Za-z0-9]+", alphanumeric);

/// `ALLOW` / `DENY`.
pub static EFFECT: EnumShape = EnumShape {
    name: "AccessControlRuleEffect",
    values: &["ALLOW", "DENY"],
};
/// `ALLOW` / `DENY` (impersonation).
pub static ACCESS_EFFECT: EnumShape = EnumShape {
    name: "AccessEffect",
    values: &["ALLOW", "DENY"],
};
/// The seven canonical actions (D7; the AWS pattern alone is `[a-zA-Z]+`).
pub static ACTION: EnumShape = EnumShape {
    name: "AccessControlRuleAction",
    values: &[
        "ActiveSync",
        "AutoDiscover",
        "EWS",
        "IMAP",
        "SMTP",
        "WindowsOutlook",
        "WebMail",
    ],
};
/// `FULL_ACCESS` / `READ_ONLY`.
pub static ROLE_TYPE: EnumShape = EnumShape {
    name: "ImpersonationRoleType",
    values: &["FULL_ACCESS", "READ_ONLY"],
};
/// `ENABLED` / `DISABLED` / `DELETED`.
pub static ENTITY_STATE: EnumShape = EnumShape {
    name: "EntityState",
    values: &["ENABLED", "DISABLED", "DELETED"],
};
/// The user roles of `list-users`.
pub static USER_ROLE: EnumShape = EnumShape {
    name: "UserRole",
    values: &["USER", "RESOURCE", "SYSTEM_USER", "REMOTE_USER"],
};
/// `MaxResults` of ListImpersonationRoles.
pub static MAX_RESULTS: IntegerShape = IntegerShape { min: 1, max: 100 };

/// `IpRangeList`.
pub static IP_RANGE_LIST: ListShape = ListShape {
    name: "IpRangeList",
    min: 0,
    max: 1024,
    member: Shape::String(&IP_RANGE),
};
/// `ActionsList`.
pub static ACTIONS_LIST: ListShape = ListShape {
    name: "ActionsList",
    min: 0,
    max: 10,
    member: Shape::Enum(&ACTION),
};
/// `UserIdList`.
pub static USER_ID_LIST: ListShape = ListShape {
    name: "UserIdList",
    min: 0,
    max: 10,
    member: Shape::String(&WORKMAIL_IDENTIFIER),
};
/// `ImpersonationRoleIdList`.
pub static ROLE_ID_LIST: ListShape = ListShape {
    name: "ImpersonationRoleIdList",
    min: 0,
    max: 10,
    member: Shape::String(&ROLE_ID),
};
/// `TargetUsers`.
pub static TARGET_USERS: ListShape = ListShape {
    name: "TargetUsers",
    min: 1,
    max: 10,
    member: Shape::String(&ENTITY_IDENTIFIER),
};

/// `OrganizationId` is required by the AWS model, but a request may omit it and then means the
/// document's organization (D4).
const fn organization_id_member() -> Member {
    member("OrganizationId", Shape::String(&ORGANIZATION_ID))
}

/// An optional member.
pub(crate) const fn member(name: &'static str, shape: Shape) -> Member {
    Member {
        name,
        shape,
        required: false,
    }
}

/// A required member.
pub(crate) const fn required(name: &'static str, shape: Shape) -> Member {
    Member {
        name,
        shape,
        required: true,
    }
}

/// The condition lists shared by a stored rule and a `PutAccessControlRule` request.
macro_rules! rule_conditions {
    () => {
        [
            member("IpRanges", Shape::List(&IP_RANGE_LIST)),
            member("NotIpRanges", Shape::List(&IP_RANGE_LIST)),
            member("Actions", Shape::List(&ACTIONS_LIST)),
            member("NotActions", Shape::List(&ACTIONS_LIST)),
            member("UserIds", Shape::List(&USER_ID_LIST)),
            member("NotUserIds", Shape::List(&USER_ID_LIST)),
            member("ImpersonationRoleIds", Shape::List(&ROLE_ID_LIST)),
            member("NotImpersonationRoleIds", Shape::List(&ROLE_ID_LIST)),
        ]
    };
}

/// An access control rule in a document (`Name` and `Effect` required to be usable).
pub static ACCESS_CONTROL_RULE: StructureShape = StructureShape {
    name: "AccessControlRule",
    members: &{
        let conditions = rule_conditions!();
        let [a, b, c, d, e, f, g, h] = conditions;
        [
            required("Name", Shape::String(&RULE_NAME)),
            required("Effect", Shape::Enum(&EFFECT)),
            member("Description", Shape::String(&RULE_DESCRIPTION)),
            a,
            b,
            c,
            d,
            e,
            f,
            member("DateCreated", Shape::Timestamp),
            member("DateModified", Shape::Timestamp),
            g,
            h,
        ]
    },
};

/// An impersonation rule.
pub static IMPERSONATION_RULE: StructureShape = StructureShape {
    name: "ImpersonationRule",
    members: &[
        required("ImpersonationRuleId", Shape::String(&IMPERSONATION_RULE_ID)),
        member("Name", Shape::String(&IMPERSONATION_RULE_NAME)),
        member(
            "Description",
            Shape::String(&IMPERSONATION_RULE_DESCRIPTION),
        ),
        required("Effect", Shape::Enum(&ACCESS_EFFECT)),
        member("TargetUsers", Shape::List(&TARGET_USERS)),
        member("NotTargetUsers", Shape::List(&TARGET_USERS)),
    ],
};

/// `ImpersonationRuleList`.
pub static IMPERSONATION_RULE_LIST: ListShape = ListShape {
    name: "ImpersonationRuleList",
    min: 0,
    max: 10,
    member: Shape::Structure(&IMPERSONATION_RULE),
};

/// An impersonation role as `get-impersonation-role` prints it.
pub static IMPERSONATION_ROLE: StructureShape = StructureShape {
    name: "GetImpersonationRoleResponse",
    members: &[
        required("ImpersonationRoleId", Shape::String(&ROLE_ID)),
        required("Name", Shape::String(&ROLE_NAME)),
        required("Type", Shape::Enum(&ROLE_TYPE)),
        member("Description", Shape::String(&ROLE_DESCRIPTION)),
        member("Rules", Shape::List(&IMPERSONATION_RULE_LIST)),
        member("DateCreated", Shape::Timestamp),
        member("DateModified", Shape::Timestamp),
    ],
};

/// A role summary as `list-impersonation-roles` prints it.
pub static IMPERSONATION_ROLE_SUMMARY: StructureShape = StructureShape {
    name: "ImpersonationRole",
    members: &[
        required("ImpersonationRoleId", Shape::String(&ROLE_ID)),
        required("Name", Shape::String(&ROLE_NAME)),
        required("Type", Shape::Enum(&ROLE_TYPE)),
        member("DateCreated", Shape::Timestamp),
        member("DateModified", Shape::Timestamp),
    ],
};

/// A user as `list-users` prints it (`Id` required, since rules refer to users by it).
pub static USER: StructureShape = StructureShape {
    name: "User",
    members: &[
        required("Id", Shape::String(&WORKMAIL_IDENTIFIER)),
        member("Email", Shape::String(&EMAIL_ADDRESS)),
        member("Name", Shape::String(&USER_NAME)),
        member("DisplayName", Shape::String(&DISPLAY_NAME)),
        member("State", Shape::Enum(&ENTITY_STATE)),
        member("UserRole", Shape::Enum(&USER_ROLE)),
        member("EnabledDate", Shape::Timestamp),
        member("DisabledDate", Shape::Timestamp),
        member(
            "IdentityProviderUserId",
            Shape::String(&IDENTITY_PROVIDER_USER_ID),
        ),
        member(
            "IdentityProviderIdentityStoreId",
            Shape::String(&IDENTITY_STORE_ID),
        ),
    ],
};

/// A list with no size limit of its own (counts are checked as limits, D20).
const fn unbounded(name: &'static str, member: Shape) -> ListShape {
    ListShape {
        name,
        min: 0,
        max: usize::MAX,
        member,
    }
}

/// Users of a document or of `list-users`.
pub static USERS: ListShape = unbounded("Users", Shape::Structure(&USER));
/// Rules of a document or of `list-access-control-rules`.
pub static ACCESS_CONTROL_RULES: ListShape = unbounded(
    "AccessControlRulesList",
    Shape::Structure(&ACCESS_CONTROL_RULE),
);
/// Roles of a document.
pub static IMPERSONATION_ROLES: ListShape = unbounded(
    "ImpersonationRoleList",
    Shape::Structure(&IMPERSONATION_ROLE),
);
/// Roles of `list-impersonation-roles`.
pub static IMPERSONATION_ROLE_SUMMARIES: ListShape = unbounded(
    "ImpersonationRoleList",
    Shape::Structure(&IMPERSONATION_ROLE_SUMMARY),
);

/// A client token remembered by the emulator (D16, D24).
pub static EMULATOR_CLIENT_TOKEN: StructureShape = StructureShape {
    name: "ClientToken",
    members: &[
        required("ClientToken", Shape::String(&CLIENT_TOKEN)),
        required("ImpersonationRoleId", Shape::String(&ROLE_ID)),
    ],
};

/// An impersonation token issued by the emulator (D19, D24).
pub static EMULATOR_TOKEN: StructureShape = StructureShape {
    name: "ImpersonationToken",
    members: &[
        required("Token", Shape::String(&IMPERSONATION_TOKEN)),
        required("ImpersonationRoleId", Shape::String(&ROLE_ID)),
        required("Expires", Shape::Timestamp),
    ],
};

/// Emulator-only state (D24).
pub static EMULATOR: StructureShape = StructureShape {
    name: "Emulator",
    members: &[
        member(
            "ClientTokens",
            Shape::List(&ListShape {
                name: "ClientTokens",
                min: 0,
                max: usize::MAX,
                member: Shape::Structure(&EMULATOR_CLIENT_TOKEN),
            }),
        ),
        member(
            "ImpersonationTokens",
            Shape::List(&ListShape {
                name: "ImpersonationTokens",
                min: 0,
                max: usize::MAX,
                member: Shape::Structure(&EMULATOR_TOKEN),
            }),
        ),
        member(
            "MobileClientTokens",
            Shape::List(&ListShape {
                name: "MobileClientTokens",
                min: 0,
                max: usize::MAX,
                member: Shape::Structure(&EMULATOR_MOBILE_CLIENT_TOKEN),
            }),
        ),
    ],
};

/// The organization document (D1-D4, D24, D26).
pub static DOCUMENT: StructureShape = StructureShape {
    name: "Organization",
    members: &[
        member("OrganizationId", Shape::String(&ORGANIZATION_ID)),
        member("Users", Shape::List(&USERS)),
        member("AccessControlRules", Shape::List(&ACCESS_CONTROL_RULES)),
        member("ImpersonationRoles", Shape::List(&IMPERSONATION_ROLES)),
        member(
            "MobileDeviceAccessRules",
            Shape::List(&MOBILE_DEVICE_ACCESS_RULES),
        ),
        member(
            "MobileDeviceAccessOverrides",
            Shape::List(&MOBILE_DEVICE_ACCESS_OVERRIDES),
        ),
        member("Emulator", Shape::Structure(&EMULATOR)),
    ],
};

/// `aws workmail list-access-control-rules` output.
pub static LIST_ACCESS_CONTROL_RULES_OUTPUT: StructureShape = StructureShape {
    name: "ListAccessControlRulesResponse",
    members: &[member("Rules", Shape::List(&ACCESS_CONTROL_RULES))],
};

/// `aws workmail list-users` output.
pub static LIST_USERS_OUTPUT: StructureShape = StructureShape {
    name: "ListUsersResponse",
    members: &[
        member("Users", Shape::List(&USERS)),
        member("NextToken", Shape::String(&NEXT_TOKEN)),
    ],
};

/// `aws workmail list-impersonation-roles` output.
pub static LIST_IMPERSONATION_ROLES_OUTPUT: StructureShape = StructureShape {
    name: "ListImpersonationRolesResponse",
    members: &[
        member("Roles", Shape::List(&IMPERSONATION_ROLE_SUMMARIES)),
        member("NextToken", Shape::String(&NEXT_TOKEN)),
    ],
};

// Requests of the eleven operations.

/// `GetAccessControlEffectRequest`.
pub static GET_ACCESS_CONTROL_EFFECT: StructureShape = StructureShape {
    name: "GetAccessControlEffectRequest",
    members: &[
        organization_id_member(),
        required("IpAddress", Shape::String(&IP_ADDRESS)),
        required("Action", Shape::Enum(&ACTION)),
        member("UserId", Shape::String(&WORKMAIL_IDENTIFIER)),
        member("ImpersonationRoleId", Shape::String(&ROLE_ID)),
    ],
};

/// `ListAccessControlRulesRequest`.
pub static LIST_ACCESS_CONTROL_RULES: StructureShape = StructureShape {
    name: "ListAccessControlRulesRequest",
    members: &[organization_id_member()],
};

/// `PutAccessControlRuleRequest`.
pub static PUT_ACCESS_CONTROL_RULE: StructureShape = StructureShape {
    name: "PutAccessControlRuleRequest",
    members: &{
        let [a, b, c, d, e, f, g, h] = rule_conditions!();
        [
            required("Name", Shape::String(&RULE_NAME)),
            required("Effect", Shape::Enum(&EFFECT)),
            required("Description", Shape::String(&RULE_DESCRIPTION)),
            a,
            b,
            c,
            d,
            e,
            f,
            organization_id_member(),
            g,
            h,
        ]
    },
};

/// `DeleteAccessControlRuleRequest`.
pub static DELETE_ACCESS_CONTROL_RULE: StructureShape = StructureShape {
    name: "DeleteAccessControlRuleRequest",
    members: &[
        organization_id_member(),
        required("Name", Shape::String(&RULE_NAME)),
    ],
};

/// `CreateImpersonationRoleRequest`.
pub static CREATE_IMPERSONATION_ROLE: StructureShape = StructureShape {
    name: "CreateImpersonationRoleRequest",
    members: &[
        member("ClientToken", Shape::String(&CLIENT_TOKEN)),
        organization_id_member(),
        required("Name", Shape::String(&ROLE_NAME)),
        required("Type", Shape::Enum(&ROLE_TYPE)),
        member("Description", Shape::String(&ROLE_DESCRIPTION)),
        required("Rules", Shape::List(&IMPERSONATION_RULE_LIST)),
    ],
};

/// `UpdateImpersonationRoleRequest`.
pub static UPDATE_IMPERSONATION_ROLE: StructureShape = StructureShape {
    name: "UpdateImpersonationRoleRequest",
    members: &[
        organization_id_member(),
        required("ImpersonationRoleId", Shape::String(&ROLE_ID)),
        required("Name", Shape::String(&ROLE_NAME)),
        required("Type", Shape::Enum(&ROLE_TYPE)),
        member("Description", Shape::String(&ROLE_DESCRIPTION)),
        required("Rules", Shape::List(&IMPERSONATION_RULE_LIST)),
    ],
};

/// The request of GetImpersonationRole, DeleteImpersonationRole and AssumeImpersonationRole.
pub static ROLE_REQUEST: StructureShape = StructureShape {
    name: "ImpersonationRoleRequest",
    members: &[
        organization_id_member(),
        required("ImpersonationRoleId", Shape::String(&ROLE_ID)),
    ],
};

/// `ListImpersonationRolesRequest`.
pub static LIST_IMPERSONATION_ROLES: StructureShape = StructureShape {
    name: "ListImpersonationRolesRequest",
    members: &[
        organization_id_member(),
        member("NextToken", Shape::String(&NEXT_TOKEN)),
        member("MaxResults", Shape::Integer(&MAX_RESULTS)),
    ],
};

/// `GetImpersonationRoleEffectRequest`.
pub static GET_IMPERSONATION_ROLE_EFFECT: StructureShape = StructureShape {
    name: "GetImpersonationRoleEffectRequest",
    members: &[
        organization_id_member(),
        required("ImpersonationRoleId", Shape::String(&ROLE_ID)),
        required("TargetUser", Shape::String(&ENTITY_IDENTIFIER)),
    ],
};

// Mobile device access rules and overrides (D26-D45).

/// `ALLOW` / `DENY` of a mobile device access rule or override.
pub static MOBILE_EFFECT: EnumShape = EnumShape {
    name: "MobileDeviceAccessRuleEffect",
    values: &["ALLOW", "DENY"],
};

/// A device condition list: 1 to 10 entries (D31).
const fn device_list(name: &'static str, entry: &'static StringShape) -> ListShape {
    ListShape {
        name,
        min: 1,
        max: 10,
        member: Shape::String(entry),
    }
}

/// `DeviceTypeList`.
pub static DEVICE_TYPE_LIST: ListShape = device_list("DeviceTypeList", &DEVICE_TYPE);
/// `DeviceModelList`.
pub static DEVICE_MODEL_LIST: ListShape = device_list("DeviceModelList", &DEVICE_MODEL);
/// `DeviceOperatingSystemList`.
pub static DEVICE_OPERATING_SYSTEM_LIST: ListShape =
    device_list("DeviceOperatingSystemList", &DEVICE_OPERATING_SYSTEM);
/// `DeviceUserAgentList`.
pub static DEVICE_USER_AGENT_LIST: ListShape =
    device_list("DeviceUserAgentList", &DEVICE_USER_AGENT);

/// The eight condition lists of a mobile device access rule, stored or requested.
macro_rules! mobile_conditions {
    () => {
        [
            member("DeviceTypes", Shape::List(&DEVICE_TYPE_LIST)),
            member("NotDeviceTypes", Shape::List(&DEVICE_TYPE_LIST)),
            member("DeviceModels", Shape::List(&DEVICE_MODEL_LIST)),
            member("NotDeviceModels", Shape::List(&DEVICE_MODEL_LIST)),
            member(
                "DeviceOperatingSystems",
                Shape::List(&DEVICE_OPERATING_SYSTEM_LIST),
            ),
            member(
                "NotDeviceOperatingSystems",
                Shape::List(&DEVICE_OPERATING_SYSTEM_LIST),
            ),
            member("DeviceUserAgents", Shape::List(&DEVICE_USER_AGENT_LIST)),
            member("NotDeviceUserAgents", Shape::List(&DEVICE_USER_AGENT_LIST)),
        ]
    };
}

/// A mobile device access rule in a document (`MobileDeviceAccessRuleId`, `Name` and `Effect`
/// required to be usable).
pub static MOBILE_DEVICE_ACCESS_RULE: StructureShape = StructureShape {
    name: "MobileDeviceAccessRule",
    members: &{
        let [a, b, c, d, e, f, g, h] = mobile_conditions!();
        [
            required("MobileDeviceAccessRuleId", Shape::String(&MOBILE_RULE_ID)),
            required("Name", Shape::String(&MOBILE_RULE_NAME)),
            member("Description", Shape::String(&MOBILE_RULE_DESCRIPTION)),
            required("Effect", Shape::Enum(&MOBILE_EFFECT)),
            a,
            b,
            c,
            d,
            e,
            f,
            g,
            h,
            member("DateCreated", Shape::Timestamp),
            member("DateModified", Shape::Timestamp),
        ]
    },
};

/// A mobile device access override in a document. Its `UserId` takes what a Put accepts (a user
/// ID, an email or a user name), so that an override put without a directory, stored as given
/// (D39), reloads; the model's response shape (`WorkMailIdentifier`, 12 to 256 characters) is
/// narrower.
pub static MOBILE_DEVICE_ACCESS_OVERRIDE: StructureShape = StructureShape {
    name: "MobileDeviceAccessOverride",
    members: &[
        // As AWS lists it (a user ID, `WorkMailIdentifier`), or as this project stores a user
        // it could not resolve (the request's `EntityIdentifier`, D39).
        required("UserId", Shape::String(&OVERRIDE_USER_ID)),
        required("DeviceId", Shape::String(&DEVICE_ID)),
        required("Effect", Shape::Enum(&MOBILE_EFFECT)),
        member("Description", Shape::String(&MOBILE_RULE_DESCRIPTION)),
        member("DateCreated", Shape::Timestamp),
        member("DateModified", Shape::Timestamp),
    ],
};

/// Mobile rules of a document or of `list-mobile-device-access-rules` (counts are limits, D35).
pub static MOBILE_DEVICE_ACCESS_RULES: ListShape = unbounded(
    "MobileDeviceAccessRulesList",
    Shape::Structure(&MOBILE_DEVICE_ACCESS_RULE),
);
/// Overrides of a document or of `list-mobile-device-access-overrides`.
pub static MOBILE_DEVICE_ACCESS_OVERRIDES: ListShape = unbounded(
    "MobileDeviceAccessOverridesList",
    Shape::Structure(&MOBILE_DEVICE_ACCESS_OVERRIDE),
);

/// A client token remembered by `CreateMobileDeviceAccessRule` (D36, D24).
pub static EMULATOR_MOBILE_CLIENT_TOKEN: StructureShape = StructureShape {
    name: "MobileClientToken",
    members: &[
        required("ClientToken", Shape::String(&CLIENT_TOKEN)),
        required("MobileDeviceAccessRuleId", Shape::String(&MOBILE_RULE_ID)),
    ],
};

/// `aws workmail list-mobile-device-access-rules` output.
pub static LIST_MOBILE_DEVICE_ACCESS_RULES_OUTPUT: StructureShape = StructureShape {
    name: "ListMobileDeviceAccessRulesResponse",
    members: &[member("Rules", Shape::List(&MOBILE_DEVICE_ACCESS_RULES))],
};

/// `aws workmail list-mobile-device-access-overrides` output.
pub static LIST_MOBILE_DEVICE_ACCESS_OVERRIDES_OUTPUT: StructureShape = StructureShape {
    name: "ListMobileDeviceAccessOverridesResponse",
    members: &[
        member("Overrides", Shape::List(&MOBILE_DEVICE_ACCESS_OVERRIDES)),
        member("NextToken", Shape::String(&NEXT_TOKEN)),
    ],
};

/// `CreateMobileDeviceAccessRuleRequest`.
pub static CREATE_MOBILE_DEVICE_ACCESS_RULE: StructureShape = StructureShape {
    name: "CreateMobileDeviceAccessRuleRequest",
    members: &{
        let [a, b, c, d, e, f, g, h] = mobile_conditions!();
        [
            organization_id_member(),
            member("ClientToken", Shape::String(&CLIENT_TOKEN)),
            required("Name", Shape::String(&MOBILE_RULE_NAME)),
            member("Description", Shape::String(&MOBILE_RULE_DESCRIPTION)),
            required("Effect", Shape::Enum(&MOBILE_EFFECT)),
            a,
            b,
            c,
            d,
            e,
            f,
            g,
            h,
        ]
    },
};

/// `UpdateMobileDeviceAccessRuleRequest`.
pub static UPDATE_MOBILE_DEVICE_ACCESS_RULE: StructureShape = StructureShape {
    name: "UpdateMobileDeviceAccessRuleRequest",
    members: &{
        let [a, b, c, d, e, f, g, h] = mobile_conditions!();
        [
            organization_id_member(),
            required("MobileDeviceAccessRuleId", Shape::String(&MOBILE_RULE_ID)),
            required("Name", Shape::String(&MOBILE_RULE_NAME)),
            member("Description", Shape::String(&MOBILE_RULE_DESCRIPTION)),
            required("Effect", Shape::Enum(&MOBILE_EFFECT)),
            a,
            b,
            c,
            d,
            e,
            f,
            g,
            h,
        ]
    },
};

/// `DeleteMobileDeviceAccessRuleRequest`.
pub static DELETE_MOBILE_DEVICE_ACCESS_RULE: StructureShape = StructureShape {
    name: "DeleteMobileDeviceAccessRuleRequest",
    members: &[
        organization_id_member(),
        required("MobileDeviceAccessRuleId", Shape::String(&MOBILE_RULE_ID)),
    ],
};

/// `ListMobileDeviceAccessRulesRequest`.
pub static LIST_MOBILE_DEVICE_ACCESS_RULES: StructureShape = StructureShape {
    name: "ListMobileDeviceAccessRulesRequest",
    members: &[organization_id_member()],
};

/// The four optional device members of a question.
macro_rules! device_members {
    () => {
        [
            member("DeviceType", Shape::String(&DEVICE_TYPE)),
            member("DeviceModel", Shape::String(&DEVICE_MODEL)),
            member(
                "DeviceOperatingSystem",
                Shape::String(&DEVICE_OPERATING_SYSTEM),
            ),
            member("DeviceUserAgent", Shape::String(&DEVICE_USER_AGENT)),
        ]
    };
}

/// `GetMobileDeviceAccessEffectRequest`.
pub static GET_MOBILE_DEVICE_ACCESS_EFFECT: StructureShape = StructureShape {
    name: "GetMobileDeviceAccessEffectRequest",
    members: &{
        let [a, b, c, d] = device_members!();
        [organization_id_member(), a, b, c, d]
    },
};

/// `PutMobileDeviceAccessOverrideRequest`.
pub static PUT_MOBILE_DEVICE_ACCESS_OVERRIDE: StructureShape = StructureShape {
    name: "PutMobileDeviceAccessOverrideRequest",
    members: &[
        organization_id_member(),
        required("UserId", Shape::String(&ENTITY_IDENTIFIER)),
        required("DeviceId", Shape::String(&DEVICE_ID)),
        required("Effect", Shape::Enum(&MOBILE_EFFECT)),
        member("Description", Shape::String(&MOBILE_RULE_DESCRIPTION)),
    ],
};

/// The request of `GetMobileDeviceAccessOverride` and `DeleteMobileDeviceAccessOverride`.
pub static MOBILE_OVERRIDE_REQUEST: StructureShape = StructureShape {
    name: "MobileDeviceAccessOverrideRequest",
    members: &[
        organization_id_member(),
        required("UserId", Shape::String(&ENTITY_IDENTIFIER)),
        required("DeviceId", Shape::String(&DEVICE_ID)),
    ],
};

/// `ListMobileDeviceAccessOverridesRequest`.
pub static LIST_MOBILE_DEVICE_ACCESS_OVERRIDES: StructureShape = StructureShape {
    name: "ListMobileDeviceAccessOverridesRequest",
    members: &[
        organization_id_member(),
        member("UserId", Shape::String(&ENTITY_IDENTIFIER)),
        member("DeviceId", Shape::String(&DEVICE_ID)),
        member("NextToken", Shape::String(&NEXT_TOKEN)),
        member("MaxResults", Shape::Integer(&MAX_RESULTS)),
    ],
};

/// `EvaluateMobileDeviceAccessRequest`: this project's operation, not an AWS API (D42, D43).
pub static EVALUATE_MOBILE_DEVICE_ACCESS: StructureShape = StructureShape {
    name: "EvaluateMobileDeviceAccessRequest",
    members: &{
        let [a, b, c, d] = device_members!();
        [
            organization_id_member(),
            required("UserId", Shape::String(&ENTITY_IDENTIFIER)),
            required("DeviceId", Shape::String(&DEVICE_ID)),
            a,
            b,
            c,
            d,
            member("IpAddress", Shape::String(&IP_ADDRESS)),
        ]
    },
};

// The read-only directory operations.

/// `UserAttribute` and the ListUsers prefixes: at most 256 characters.
pub static USER_ATTRIBUTE: StringShape = StringShape {
    name: "UserAttribute",
    min: 0,
    max: 256,
    pattern: None,
};

string_shape!(
    IDENTITY_PROVIDER_USER_ID_PREFIX,
    "IdentityProviderUserIdPrefix",
    1,
    47,
    "^[A-Fa-f0-9-]+$",
    hex_or_hyphen
);

/// `ListUsersFilters`.
pub static LIST_USERS_FILTERS: StructureShape = StructureShape {
    name: "ListUsersFilters",
    members: &[
        member("UsernamePrefix", Shape::String(&USER_ATTRIBUTE)),
        member("DisplayNamePrefix", Shape::String(&USER_ATTRIBUTE)),
        member("PrimaryEmailPrefix", Shape::String(&USER_ATTRIBUTE)),
        member("State", Shape::Enum(&ENTITY_STATE)),
        member(
            "IdentityProviderUserIdPrefix",
            Shape::String(&IDENTITY_PROVIDER_USER_ID_PREFIX),
        ),
    ],
};

/// `ListUsersRequest`.
pub static LIST_USERS: StructureShape = StructureShape {
    name: "ListUsersRequest",
    members: &[
        organization_id_member(),
        member("NextToken", Shape::String(&NEXT_TOKEN)),
        member("MaxResults", Shape::Integer(&MAX_RESULTS)),
        member("Filters", Shape::Structure(&LIST_USERS_FILTERS)),
    ],
};

/// `DescribeUserRequest`.
pub static DESCRIBE_USER: StructureShape = StructureShape {
    name: "DescribeUserRequest",
    members: &[
        organization_id_member(),
        required("UserId", Shape::String(&ENTITY_IDENTIFIER)),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape::{Path, check};
    use serde_json::json;

    fn problems(value: &serde_json::Value, shape: &'static StructureShape) -> Vec<String> {
        let mut out = Vec::new();
        check(value, Shape::Structure(shape), &Path::root(), &mut out);
        out.iter()
            .map(|v| format!("{} {}: {}", v.problem.code(), v.path, v.problem))
            .collect()
    }

    #[test]
    fn the_action_enum_lists_the_model_actions() {
        let names: Vec<&str> = crate::model::Action::ALL
            .iter()
            .map(|a| a.as_str())
            .collect();
        assert_eq!(names, ACTION.values);
    }

    #[test]
    fn every_kind_of_constraint_is_checked() {
        let request = json!({
            "OrganizationId": "m-0123",
            "Name": "bad name",
            "Effect": "MAYBE",
            "Description": "ok",
            "IpRanges": ["10.0.0.0/8", "::/0"],
            "Actions": ["imap"],
            "UserIds": ["short"],
            "Extra": 1
        });
        let found = problems(&request, &PUT_ACCESS_CONTROL_RULE);
        let codes: Vec<&str> = found.iter().filter_map(|f| f.split(' ').next()).collect();
        assert_eq!(
            codes,
            [
                "length",
                "pattern",
                "enum",
                "pattern",
                "enum",
                "length",
                "unknown-member"
            ],
            "{found:#?}"
        );
        assert!(found[1].contains("Name: `bad name` is not a valid AccessControlRuleName"));
        assert!(found[3].contains("IpRanges[1]"));
    }

    #[test]
    fn missing_required_members_are_named() {
        let found = problems(
            &json!({"OrganizationId": "m-0123456789abcdef0123456789abcdef"}),
            &GET_ACCESS_CONTROL_EFFECT,
        );
        assert_eq!(
            found,
            [
                "required IpAddress: required member `IpAddress` is missing",
                "required Action: required member `Action` is missing"
            ]
        );
    }

    #[test]
    fn list_sizes_and_ranges() {
        let rule = json!({"ImpersonationRuleId": "r", "Effect": "ALLOW", "TargetUsers": []});
        let found = problems(&rule, &IMPERSONATION_RULE);
        assert_eq!(
            found,
            ["list-length TargetUsers: 0 items is outside the TargetUsers size of 1 to 10"]
        );
        let found = problems(
            &json!({"OrganizationId": "m-0123456789abcdef0123456789abcdef", "MaxResults": 0}),
            &LIST_IMPERSONATION_ROLES,
        );
        assert_eq!(
            found,
            ["range MaxResults: `0` is not an integer from 1 to 100"]
        );
    }

    #[test]
    fn unknown_members_suggest_the_right_case() {
        let mut out = Vec::new();
        check(
            &json!({"name": "x", "Effect": "ALLOW"}),
            Shape::Structure(&ACCESS_CONTROL_RULE),
            &Path::root(),
            &mut out,
        );
        assert_eq!(
            out[0].problem.help().as_deref(),
            Some("did you mean `Name`?")
        );
    }
}
