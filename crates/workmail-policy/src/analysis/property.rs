//! Properties: answers that must hold for every request of a set, checked exactly over the
//! decision table's classes, never by sampling.
//!
//! A property sits beside the examples of a tests file:
//!
//! ```json
//! {"Properties": [
//!   {"Name": "IMAP only from the office",
//!    "ForAll": {"Actions": ["IMAP"], "NotIpRanges": ["203.0.113.0/24"]},
//!    "Expect": {"Effect": "DENY"}},
//!   {"Name": "the archiver never reaches the CEO",
//!    "ForAll": {"ImpersonationRoleIds": ["archiver"], "TargetUsers": ["ceo@example.com"]},
//!    "Expect": {"Effect": "DENY"}},
//!   {"Name": "old Android is denied",
//!    "ForAll": {"DeviceOperatingSystems": ["Android 9", "Android 8"]},
//!    "Expect": {"Effect": "DENY"}}]}
//! ```
//!
//! `ForAll` describes the requests in the vocabulary of a rule, with the rule's meanings (an
//! empty or absent list puts no condition; a `Not` list excludes):
//!
//! - **Access control** (`GetAccessControlEffect`): `IpRanges`, `NotIpRanges`, `Actions`,
//!   `NotActions`, `UserIds`, `NotUserIds`, `ImpersonationRoleIds`, `NotImpersonationRoleIds`
//!   (D5, D8), and `Principals`: `Users`, `Roles` or `Any` (the default). The requests are every
//!   IPv4 address, every action and every principal: each user and role the document names and
//!   every user or role it does not (a role asks only with EWS, D11).
//! - **Impersonation** (`GetImpersonationRoleEffect`): `ImpersonationRoleIds` and
//!   `NotImpersonationRoleIds` choose among the document's roles, `TargetUsers` and
//!   `NotTargetUsers` among the users each role can be asked about, with an impersonation rule's
//!   meaning (D14, D17): the directory's users that can be impersonated when the document lists
//!   them (D12), otherwise every identifier, named or not.
//! - **Mobile device access** (`GetMobileDeviceAccessEffect`): the eight device lists of a
//!   mobile device access rule, `DeviceTypes` to `NotDeviceUserAgents`, with their meanings
//!   (case-insensitive prefixes, `$NONE` for a property not reported, D28-D31). Overrides are
//!   per device and are not part of it (D33).
//!
//! The operation is told from the members: `TargetUsers` or `NotTargetUsers` in `ForAll`, or
//! `Type` in `Expect`, ask for impersonation; a device list asks for mobile device access;
//! anything else asks for access control. `"Operation"` beside `ForAll` names it outright
//! (needed for "every target of every role": `{"Operation": "GetImpersonationRoleEffect",
//! "ForAll": {}}`).
//!
//! `Expect` takes what a test's does: `Effect`, optionally `MatchedRules`, and for
//! impersonation `Type`. A property holds when every request of `ForAll` gets that answer. When
//! it does not, the result names one concrete request that fails (an address, action and
//! principal; a role and target; a device), the answer it gets and the rules that decided it, and
//! how many classes of requests fail. Its address is 203.0.113.1, 198.51.100.1 or 192.0.2.1
//! (addresses set aside for documentation) when the class holds one, else the class's first
//! address. A request for a user or role the document does not name
//! uses an identifier no rule names (`any-other-user`, `any-other-role`) and says so; asked of
//! the API today with a directory, such a request is refused, since it stands for one added
//! later.
//!
//! References are checked against the document before anything runs
//! ([`check_references`]): a role `ForAll` names must be one the document knows, a user a
//! directory lists, and a role is never accepted where a user is meant (or the reverse).

use std::fmt;

use jsonc_parser::ast::Value as Ast;
use serde::{Deserialize, Deserializer, Serialize};

use super::mobile_table::classes_within;
use super::space::{Space, TablePrincipal, principals_of};
use super::table::{group_targets, named_rows};
use super::targets::{CompiledRole, TargetRef, role_universe};
use super::test_suite::{ActualAnswer, Expectation, TestRequest, meets};
use super::{AddressSet, Devices, PrincipalSet, describe_actions};
use crate::api::{
    GetAccessControlEffectRequest, GetImpersonationRoleEffectRequest,
    GetMobileDeviceAccessEffectRequest, Operation,
};
use crate::diagnostic::Diagnostic;
use crate::directory::same_identifier_text;
use crate::json::{self, SourceMap};
use crate::model::{
    AccessControlRule, Action, Effect, ImpersonationRule, IpRange, MobileDeviceAccessRule,
};
use crate::org::Organization;
use crate::shape::{
    self, EnumShape, Member, Path, Severity, Shape, StructureShape, Violation, printable,
};

/// Which principals an access property quantifies over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Principals {
    /// Users only.
    Users,
    /// Impersonation roles only.
    Roles,
    /// Users and roles.
    #[default]
    Any,
}

/// The access requests of a property, in an access control rule's vocabulary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct AccessScope {
    /// Addresses in these ranges (every address when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>"))]
    pub ip_ranges: Vec<IpRange>,
    /// Addresses not in these ranges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>"))]
    pub not_ip_ranges: Vec<IpRange>,
    /// These actions (every action when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub actions: Vec<Action>,
    /// Not these actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub not_actions: Vec<Action>,
    /// These users (a rule's meaning: roles never hold it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub user_ids: Vec<String>,
    /// Not these users.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub not_user_ids: Vec<String>,
    /// These roles (a rule's meaning: users never hold it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub impersonation_role_ids: Vec<String>,
    /// Not these roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub not_impersonation_role_ids: Vec<String>,
    /// Users, roles or both.
    #[serde(default, skip_serializing_if = "is_any")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub principals: Principals,
}

fn is_any(principals: &Principals) -> bool {
    *principals == Principals::Any
}

impl AccessScope {
    /// The scope as an access control rule: its conditions hold exactly for the scope's
    /// requests (`Principals` aside).
    pub(super) fn rule(&self) -> AccessControlRule {
        AccessControlRule {
            name: "ForAll".to_owned(),
            effect: Effect::Allow,
            description: None,
            ip_ranges: self.ip_ranges.clone(),
            not_ip_ranges: self.not_ip_ranges.clone(),
            actions: self.actions.clone(),
            not_actions: self.not_actions.clone(),
            user_ids: self.user_ids.clone(),
            not_user_ids: self.not_user_ids.clone(),
            date_created: None,
            date_modified: None,
            impersonation_role_ids: self.impersonation_role_ids.clone(),
            not_impersonation_role_ids: self.not_impersonation_role_ids.clone(),
        }
    }

    /// Whether `Principals` takes a principal of this kind.
    pub(super) fn takes(&self, principal: &TablePrincipal) -> bool {
        match self.principals {
            Principals::Any => true,
            Principals::Users => principal.is_user(),
            Principals::Roles => !principal.is_user(),
        }
    }
}

/// The impersonation requests of a property: roles, and targets in an impersonation rule's
/// vocabulary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct ImpersonationScope {
    /// These roles of the document (every role when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub impersonation_role_ids: Vec<String>,
    /// Not these roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub not_impersonation_role_ids: Vec<String>,
    /// These targets: user IDs, emails or user names (every user when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub target_users: Vec<String>,
    /// Not these targets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub not_target_users: Vec<String>,
}

impl ImpersonationScope {
    /// Whether the scope takes role `id`.
    pub(super) fn takes_role(&self, id: &str) -> bool {
        (self.impersonation_role_ids.is_empty()
            || self.impersonation_role_ids.iter().any(|role| role == id))
            && !self
                .not_impersonation_role_ids
                .iter()
                .any(|role| role == id)
    }

    /// The targets as an impersonation rule.
    pub(super) fn rule(&self) -> ImpersonationRule {
        ImpersonationRule {
            impersonation_rule_id: "ForAll".to_owned(),
            name: None,
            description: None,
            effect: Effect::Allow,
            target_users: self.target_users.clone(),
            not_target_users: self.not_target_users.clone(),
        }
    }
}

/// The devices of a property, in a mobile device access rule's vocabulary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct MobileScope {
    /// Device types that start with one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub device_types: Vec<String>,
    /// Device types that start with none of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub not_device_types: Vec<String>,
    /// Models that start with one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub device_models: Vec<String>,
    /// Models that start with none of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub not_device_models: Vec<String>,
    /// Operating systems that start with one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub device_operating_systems: Vec<String>,
    /// Operating systems that start with none of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub not_device_operating_systems: Vec<String>,
    /// User agents that start with one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub device_user_agents: Vec<String>,
    /// User agents that start with none of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub not_device_user_agents: Vec<String>,
}

impl MobileScope {
    /// The scope as a mobile device access rule.
    pub(super) fn rule(&self) -> MobileDeviceAccessRule {
        MobileDeviceAccessRule {
            mobile_device_access_rule_id: "ForAll".to_owned(),
            name: "ForAll".to_owned(),
            effect: Effect::Allow,
            device_types: self.device_types.clone(),
            not_device_types: self.not_device_types.clone(),
            device_models: self.device_models.clone(),
            not_device_models: self.not_device_models.clone(),
            device_operating_systems: self.device_operating_systems.clone(),
            not_device_operating_systems: self.not_device_operating_systems.clone(),
            device_user_agents: self.device_user_agents.clone(),
            not_device_user_agents: self.not_device_user_agents.clone(),
            ..MobileDeviceAccessRule::default_rule()
        }
    }
}

/// The requests a property is about, by operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum ForAll {
    /// `GetAccessControlEffect` requests.
    GetAccessControlEffect(AccessScope),
    /// `GetImpersonationRoleEffect` requests.
    GetImpersonationRoleEffect(ImpersonationScope),
    /// `GetMobileDeviceAccessEffect` requests.
    GetMobileDeviceAccessEffect(MobileScope),
}

/// The operation a property names outright with `Operation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PropertyOperation {
    /// `GetAccessControlEffect` requests.
    GetAccessControlEffect,
    /// `GetImpersonationRoleEffect` requests.
    GetImpersonationRoleEffect,
    /// `GetMobileDeviceAccessEffect` requests.
    GetMobileDeviceAccessEffect,
}

impl PropertyOperation {
    /// The operation.
    pub const fn operation(self) -> Operation {
        match self {
            Self::GetAccessControlEffect => Operation::GetAccessControlEffect,
            Self::GetImpersonationRoleEffect => Operation::GetImpersonationRoleEffect,
            Self::GetMobileDeviceAccessEffect => Operation::GetMobileDeviceAccessEffect,
        }
    }
}

/// A property of a tests file: every request of `ForAll` gets the answer of `Expect`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct Property {
    /// Its name, as reported.
    pub name: String,
    /// The operation, when the file names it (otherwise told from the members).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<PropertyOperation>,
    /// The requests.
    pub for_all: ForAll,
    /// The answer every one of them must get.
    pub expect: Expectation,
}

/// The device lists of a mobile scope, which tell a mobile property.
pub(crate) const DEVICE_LISTS: [&str; 8] = [
    "DeviceTypes",
    "NotDeviceTypes",
    "DeviceModels",
    "NotDeviceModels",
    "DeviceOperatingSystems",
    "NotDeviceOperatingSystems",
    "DeviceUserAgents",
    "NotDeviceUserAgents",
];

/// The operations a property can ask.
const OPERATIONS: [Operation; 3] = [
    Operation::GetAccessControlEffect,
    Operation::GetImpersonationRoleEffect,
    Operation::GetMobileDeviceAccessEffect,
];

/// The operation a property asks: `named` when given, else told from the members of `ForAll`
/// (`has_scope`) and of `Expect` (`has_expect`).
fn operation_of(
    named: Option<&str>,
    has_scope: impl Fn(&str) -> bool,
    has_expect: impl Fn(&str) -> bool,
) -> Operation {
    if let Some(operation) = OPERATIONS
        .into_iter()
        .find(|operation| Some(operation.name()) == named)
    {
        return operation;
    }
    if has_scope("TargetUsers") || has_scope("NotTargetUsers") || has_expect("Type") {
        Operation::GetImpersonationRoleEffect
    } else if DEVICE_LISTS.into_iter().any(has_scope) {
        Operation::GetMobileDeviceAccessEffect
    } else {
        Operation::GetAccessControlEffect
    }
}

/// Every member any `ForAll` may hold, read in one pass and then split by operation: one
/// reader for the three scopes.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AnyScope {
    #[serde(default)]
    ip_ranges: Vec<IpRange>,
    #[serde(default)]
    not_ip_ranges: Vec<IpRange>,
    #[serde(default)]
    actions: Vec<Action>,
    #[serde(default)]
    not_actions: Vec<Action>,
    #[serde(default)]
    user_ids: Vec<String>,
    #[serde(default)]
    not_user_ids: Vec<String>,
    #[serde(default)]
    impersonation_role_ids: Vec<String>,
    #[serde(default)]
    not_impersonation_role_ids: Vec<String>,
    #[serde(default)]
    principals: Principals,
    #[serde(default)]
    target_users: Vec<String>,
    #[serde(default)]
    not_target_users: Vec<String>,
    #[serde(default)]
    device_types: Vec<String>,
    #[serde(default)]
    not_device_types: Vec<String>,
    #[serde(default)]
    device_models: Vec<String>,
    #[serde(default)]
    not_device_models: Vec<String>,
    #[serde(default)]
    device_operating_systems: Vec<String>,
    #[serde(default)]
    not_device_operating_systems: Vec<String>,
    #[serde(default)]
    device_user_agents: Vec<String>,
    #[serde(default)]
    not_device_user_agents: Vec<String>,
}

impl<'de> Deserialize<'de> for Property {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct Raw {
            name: String,
            #[serde(default)]
            operation: Option<PropertyOperation>,
            for_all: AnyScope,
            expect: Expectation,
        }
        let Raw {
            name,
            operation,
            for_all: scope,
            expect,
        } = Raw::deserialize(deserializer)?;
        let device_lists = [
            &scope.device_types,
            &scope.not_device_types,
            &scope.device_models,
            &scope.not_device_models,
            &scope.device_operating_systems,
            &scope.not_device_operating_systems,
            &scope.device_user_agents,
            &scope.not_device_user_agents,
        ];
        let named = operation;
        let operation = operation_of(
            named.map(|operation| operation.operation().name()),
            |member| match member {
                "TargetUsers" => !scope.target_users.is_empty(),
                "NotTargetUsers" => !scope.not_target_users.is_empty(),
                _ => DEVICE_LISTS
                    .iter()
                    .zip(device_lists)
                    .any(|(name, list)| *name == member && !list.is_empty()),
            },
            |member| member == "Type" && expect.role_type.is_some(),
        );
        let for_all = match operation {
            Operation::GetImpersonationRoleEffect => {
                ForAll::GetImpersonationRoleEffect(ImpersonationScope {
                    impersonation_role_ids: scope.impersonation_role_ids,
                    not_impersonation_role_ids: scope.not_impersonation_role_ids,
                    target_users: scope.target_users,
                    not_target_users: scope.not_target_users,
                })
            }
            Operation::GetMobileDeviceAccessEffect => {
                ForAll::GetMobileDeviceAccessEffect(MobileScope {
                    device_types: scope.device_types,
                    not_device_types: scope.not_device_types,
                    device_models: scope.device_models,
                    not_device_models: scope.not_device_models,
                    device_operating_systems: scope.device_operating_systems,
                    not_device_operating_systems: scope.not_device_operating_systems,
                    device_user_agents: scope.device_user_agents,
                    not_device_user_agents: scope.not_device_user_agents,
                })
            }
            _ => ForAll::GetAccessControlEffect(AccessScope {
                ip_ranges: scope.ip_ranges,
                not_ip_ranges: scope.not_ip_ranges,
                actions: scope.actions,
                not_actions: scope.not_actions,
                user_ids: scope.user_ids,
                not_user_ids: scope.not_user_ids,
                impersonation_role_ids: scope.impersonation_role_ids,
                not_impersonation_role_ids: scope.not_impersonation_role_ids,
                principals: scope.principals,
            }),
        };
        Ok(Self {
            name,
            operation: named,
            for_all,
            expect,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Checking a tests file's properties.

pub(crate) static OPERATION: EnumShape = EnumShape {
    name: "PropertyOperation",
    values: &[
        "GetAccessControlEffect",
        "GetImpersonationRoleEffect",
        "GetMobileDeviceAccessEffect",
    ],
};

pub(crate) static PRINCIPALS: EnumShape = EnumShape {
    name: "Principals",
    values: &["Users", "Roles", "Any"],
};

const fn optional(name: &'static str, shape: Shape) -> Member {
    Member {
        name,
        shape,
        required: false,
    }
}

pub(crate) static ACCESS_SCOPE: StructureShape = StructureShape {
    name: "AccessForAll",
    members: &[
        optional("IpRanges", Shape::List(&shape::IP_RANGE_LIST)),
        optional("NotIpRanges", Shape::List(&shape::IP_RANGE_LIST)),
        optional("Actions", Shape::List(&shape::ACTIONS_LIST)),
        optional("NotActions", Shape::List(&shape::ACTIONS_LIST)),
        optional("UserIds", Shape::List(&shape::USER_ID_LIST)),
        optional("NotUserIds", Shape::List(&shape::USER_ID_LIST)),
        optional("ImpersonationRoleIds", Shape::List(&shape::ROLE_ID_LIST)),
        optional("NotImpersonationRoleIds", Shape::List(&shape::ROLE_ID_LIST)),
        optional("Principals", Shape::Enum(&PRINCIPALS)),
    ],
};

pub(crate) static IMPERSONATION_SCOPE: StructureShape = StructureShape {
    name: "ImpersonationForAll",
    members: &[
        optional("ImpersonationRoleIds", Shape::List(&shape::ROLE_ID_LIST)),
        optional("NotImpersonationRoleIds", Shape::List(&shape::ROLE_ID_LIST)),
        optional("TargetUsers", Shape::List(&shape::TARGET_USERS)),
        optional("NotTargetUsers", Shape::List(&shape::TARGET_USERS)),
    ],
};

pub(crate) static MOBILE_SCOPE: StructureShape = StructureShape {
    name: "MobileForAll",
    members: &[
        optional("DeviceTypes", Shape::List(&shape::DEVICE_TYPE_LIST)),
        optional("NotDeviceTypes", Shape::List(&shape::DEVICE_TYPE_LIST)),
        optional("DeviceModels", Shape::List(&shape::DEVICE_MODEL_LIST)),
        optional("NotDeviceModels", Shape::List(&shape::DEVICE_MODEL_LIST)),
        optional(
            "DeviceOperatingSystems",
            Shape::List(&shape::DEVICE_OPERATING_SYSTEM_LIST),
        ),
        optional(
            "NotDeviceOperatingSystems",
            Shape::List(&shape::DEVICE_OPERATING_SYSTEM_LIST),
        ),
        optional(
            "DeviceUserAgents",
            Shape::List(&shape::DEVICE_USER_AGENT_LIST),
        ),
        optional(
            "NotDeviceUserAgents",
            Shape::List(&shape::DEVICE_USER_AGENT_LIST),
        ),
    ],
};

/// What a property expects: a test's `Expect` without `DecidedBy`, which belongs to
/// `EvaluateMobileDeviceAccess` (overrides are per device, so no property asks it).
pub(crate) static PROPERTY_EXPECT: StructureShape = StructureShape {
    name: "PropertyExpect",
    members: &[
        Member {
            name: "Effect",
            shape: Shape::Enum(&shape::ACCESS_EFFECT),
            required: true,
        },
        optional(
            "MatchedRules",
            Shape::List(&super::test_suite::EXPECTED_RULES),
        ),
        optional("Type", Shape::Enum(&shape::ROLE_TYPE)),
    ],
};

/// A property's shape; its `ForAll` is checked by [`check_property`], by operation.
pub(crate) static PROPERTY: StructureShape = StructureShape {
    name: "Property",
    members: &[
        Member {
            name: "Name",
            shape: Shape::String(&super::test_suite::TEST_NAME),
            required: true,
        },
        optional("Operation", Shape::Enum(&OPERATION)),
        Member {
            name: "ForAll",
            shape: Shape::Any,
            required: true,
        },
        Member {
            name: "Expect",
            shape: Shape::Structure(&PROPERTY_EXPECT),
            required: true,
        },
    ],
};

fn member<'t, 'a>(node: &'t Ast<'a>, name: &str) -> Option<&'t Ast<'a>> {
    node.as_object()
        .and_then(|object| object.get(name))
        .map(|prop| &prop.value)
}

/// The operation the property at `node` asks.
fn operation_at(node: &Ast<'_>) -> Operation {
    let named = member(node, "Operation")
        .and_then(Ast::as_string_lit)
        .map(|text| text.value.to_string());
    let scope = member(node, "ForAll");
    let expect = member(node, "Expect");
    operation_of(
        named.as_deref(),
        |name| scope.and_then(|scope| member(scope, name)).is_some(),
        |name| expect.and_then(|expect| member(expect, name)).is_some(),
    )
}

/// Checks one property against the shapes of its operation. Its problems are all errors,
/// unknown members included: a misspelt list would otherwise widen the property to every
/// request.
pub(super) fn check_property(node: &Ast<'_>, path: &Path, out: &mut Vec<Violation>) {
    shape::check(node, Shape::Structure(&PROPERTY), path, out);
    let operation = operation_at(node);
    if let Some(scope) = member(node, "ForAll") {
        shape::check(
            scope,
            Shape::Structure(scope_shape(operation)),
            &path.member("ForAll"),
            out,
        );
    }
    if let Some(expect) = member(node, "Expect") {
        super::test_suite::check_expected_rules(expect, operation, &path.member("Expect"), out);
    }
}

/// The shape of `ForAll` for a property asking `operation`.
pub(crate) fn scope_shape(operation: Operation) -> &'static StructureShape {
    match operation {
        Operation::GetImpersonationRoleEffect => &IMPERSONATION_SCOPE,
        Operation::GetMobileDeviceAccessEffect => &MOBILE_SCOPE,
        _ => &ACCESS_SCOPE,
    }
}

/// The entries of list `name` of `scope`, with their nodes.
fn entries<'t, 'a>(scope: &'t Ast<'a>, name: &str) -> Vec<(usize, String, &'t Ast<'a>)> {
    member(scope, name)
        .and_then(Ast::as_array)
        .map(|array| {
            array
                .elements
                .iter()
                .enumerate()
                .filter_map(|(at, node)| {
                    node.as_string_lit()
                        .map(|text| (at, text.value.to_string(), node))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Whether the document knows role `id`: one of its roles, or one its access control rules name.
fn knows_role(organization: &Organization, id: &str) -> bool {
    organization.impersonation_role(id).is_some()
        || organization.access_control_rules().iter().any(|rule| {
            rule.impersonation_role_ids
                .iter()
                .chain(&rule.not_impersonation_role_ids)
                .any(|named| named == id)
        })
}

/// Whether `id` can name a user of the document: any text without a directory, a listed user ID
/// with one.
fn knows_user(organization: &Organization, id: &str) -> bool {
    organization
        .users()
        .is_none_or(|users| users.iter().any(|user| user.id == id))
}

/// Checks what the properties of a tests file name against `organization`: every problem, each
/// at its entry, as errors (`unknown-role`, `unknown-user`, `role-as-user`, `user-as-role`,
/// `unknown-target-user`).
///
/// ```
/// use workmail_policy::analysis::check_references;
/// use workmail_policy::Organization;
/// let org = Organization::from_json(r#"{"ImpersonationRoles": [{"ImpersonationRoleId": "archiver",
///     "Name": "Archiver", "Type": "READ_ONLY", "Rules": []}]}"#)?.organization;
/// let tests = r#"{"Properties": [{"Name": "p",
///     "ForAll": {"UserIds": ["archiver"]}, "Expect": {"Effect": "DENY"}}]}"#;
/// let problems = check_references(tests, &org);
/// assert_eq!(problems[0].code, "role-as-user");
/// assert_eq!(problems[0].path, "Properties[0].ForAll.UserIds[0]");
/// # Ok::<(), workmail_policy::DocumentError>(())
/// ```
pub fn check_references(text: &str, organization: &Organization) -> Vec<Diagnostic> {
    let Ok(parsed) = json::parse(text) else {
        return Vec::new();
    };
    let properties: Vec<&Ast<'_>> = member(&parsed.root, "Properties")
        .and_then(Ast::as_array)
        .map(|array| array.elements.iter().collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for (at, node) in properties.into_iter().enumerate() {
        let Some(scope) = member(node, "ForAll") else {
            continue;
        };
        let path = Path::root().member("Properties").index(at).member("ForAll");
        let operation = operation_at(node);
        let found = References {
            organization,
            source: &parsed.source,
            scope,
            path: &path,
        };
        match operation {
            Operation::GetAccessControlEffect => found.access(&mut out),
            Operation::GetImpersonationRoleEffect => found.impersonation(&mut out),
            _ => {}
        }
    }
    out
}

/// One property's `ForAll`, checked against a document.
struct References<'r, 'a> {
    organization: &'r Organization,
    source: &'r SourceMap<'a>,
    scope: &'r Ast<'a>,
    path: &'r Path,
}

impl References<'_, '_> {
    fn problem(
        &self,
        out: &mut Vec<Diagnostic>,
        (list, at, node): (&str, usize, &Ast<'_>),
        code: &'static str,
        message: String,
        help: &str,
    ) {
        out.push(
            Diagnostic::new(
                code,
                Severity::Error,
                &self.path.member(list).index(at),
                self.source.position(json::start_of(node)),
                message,
            )
            .with_help(help),
        );
    }

    fn access(&self, out: &mut Vec<Diagnostic>) {
        let organization = self.organization;
        for list in ["UserIds", "NotUserIds"] {
            for (at, id, node) in entries(self.scope, list) {
                if knows_user(organization, &id) && !knows_role(organization, &id) {
                    continue;
                }
                if knows_role(organization, &id) {
                    let role_list =
                        format!("{}ImpersonationRoleIds", list.trim_end_matches("UserIds"));
                    self.problem(
                        out,
                        (list, at, node),
                        "role-as-user",
                        format!("`{}` is an impersonation role, not a user", printable(&id)),
                        &format!("name roles in `{role_list}`"),
                    );
                } else {
                    self.problem(
                        out,
                        (list, at, node),
                        "unknown-user",
                        format!(
                            "no user has the ID `{}` in the document's `Users`",
                            printable(&id)
                        ),
                        "name a user by the `Id` the directory lists",
                    );
                }
            }
        }
        for list in ["ImpersonationRoleIds", "NotImpersonationRoleIds"] {
            for (at, id, node) in entries(self.scope, list) {
                if knows_role(organization, &id) {
                    continue;
                }
                let is_user = organization
                    .users()
                    .is_some_and(|users| users.iter().any(|user| user.id == id));
                if is_user {
                    let user_list =
                        format!("{}UserIds", list.trim_end_matches("ImpersonationRoleIds"));
                    self.problem(
                        out,
                        (list, at, node),
                        "user-as-role",
                        format!("`{}` is a user, not an impersonation role", printable(&id)),
                        &format!("name users in `{user_list}`"),
                    );
                } else {
                    self.unknown_role(out, (list, at, node), &id);
                }
            }
        }
    }

    fn unknown_role(&self, out: &mut Vec<Diagnostic>, at: (&str, usize, &Ast<'_>), id: &str) {
        self.problem(
            out,
            at,
            "unknown-role",
            format!("the document has no impersonation role `{}`", printable(id)),
            "name a role of the document's `ImpersonationRoles`",
        );
    }

    fn impersonation(&self, out: &mut Vec<Diagnostic>) {
        let organization = self.organization;
        for list in ["ImpersonationRoleIds", "NotImpersonationRoleIds"] {
            for (at, id, node) in entries(self.scope, list) {
                if organization.impersonation_role(&id).is_none() {
                    self.unknown_role(out, (list, at, node), &id);
                }
            }
        }
        let directory = organization.directory();
        if !directory.is_known() {
            return;
        }
        for list in ["TargetUsers", "NotTargetUsers"] {
            for (at, id, node) in entries(self.scope, list) {
                if directory.resolve(&id).is_none() {
                    self.problem(
                        out,
                        (list, at, node),
                        "unknown-target-user",
                        format!("no user of the document's `Users` is `{}`", printable(&id)),
                        "name a target by user ID, email or user name",
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Running properties.

/// A request for which a property fails, with the answer it gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct Counterexample {
    /// The request, as its operation takes it.
    pub request: TestRequest,
    /// The principal or target the request stands for when the document does not name it
    /// (`{"OtherUser": true}`, `{"OtherRole": true}`): its identifier is one no rule names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stands_for: Option<TablePrincipal>,
    /// The answer it gets, with the rules that decided it.
    pub answer: ActualAnswer,
    /// The whole class of requests that get this answer, in words.
    pub class: String,
}

/// The outcome of one property.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct PropertyResult {
    /// The property's name.
    pub name: String,
    /// Whether every request of `ForAll` gets the expected answer.
    pub holds: bool,
    /// The expectation.
    pub expected: Expectation,
    /// How many classes of requests get another answer (0 when it holds).
    pub failing_classes: usize,
    /// One request of the first failing class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counterexample: Option<Counterexample>,
}

/// Checks one property against `organization`, over every request of its `ForAll`.
///
/// ```
/// use workmail_policy::analysis::{check_property_of, load_tests};
/// use workmail_policy::Organization;
/// let org = Organization::from_json(r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
///     {"Name": "office-imap", "Effect": "DENY", "Actions": ["IMAP"], "NotIpRanges": ["203.0.113.0/24"]}]}"#)?
///     .organization;
/// let suite = load_tests(r#"{"Properties": [{"Name": "IMAP only from the office",
///     "ForAll": {"Actions": ["IMAP", "WebMail"], "NotIpRanges": ["203.0.113.0/24"]}, "Expect": {"Effect": "DENY"}}]}"#)?.suite;
/// let result = check_property_of(&org, &suite.properties[0]);
/// assert!(!result.holds); // WebMail is still open
/// let counterexample = result.counterexample.unwrap();
/// assert_eq!(counterexample.answer.matched_rules, ["default"]);
/// assert!(counterexample.class.starts_with("WebMail from any IP except 203.0.113.0/24"));
/// # Ok::<(), workmail_policy::DocumentError>(())
/// ```
pub fn check_property_of(organization: &Organization, property: &Property) -> PropertyResult {
    let failing = match &property.for_all {
        ForAll::GetAccessControlEffect(scope) => {
            access_failures(organization, scope, &property.expect)
        }
        ForAll::GetImpersonationRoleEffect(scope) => {
            impersonation_failures(organization, scope, &property.expect)
        }
        ForAll::GetMobileDeviceAccessEffect(scope) => {
            mobile_failures(organization, scope, &property.expect)
        }
    };
    let (failing_classes, counterexample) = failing;
    PropertyResult {
        name: property.name.clone(),
        holds: failing_classes == 0,
        expected: property.expect.clone(),
        failing_classes,
        counterexample,
    }
}

/// How many classes fail, and a request of the first.
type Failures = (usize, Option<Counterexample>);

/// An identifier that names nobody in `named`: `base`, or `base-2`, `base-3`, … (a user a
/// counterexample stands for, a rule a suggestion adds).
pub(super) fn fresh(base: &str, named: impl Fn(&str) -> bool) -> String {
    std::iter::once(base.to_owned())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|candidate| !named(candidate))
        .unwrap_or_else(|| base.to_owned())
}

/// Every principal of `organization`, and those the scope names, in the table's order.
pub(super) fn principals_with(
    organization: &Organization,
    scope: &AccessScope,
) -> Vec<TablePrincipal> {
    let mut principals = principals_of(&[organization]);
    let users = scope.user_ids.iter().chain(&scope.not_user_ids);
    for id in users {
        let named = TablePrincipal::UserId(id.clone());
        if !principals.contains(&named) {
            let at = principals
                .iter()
                .position(|p| *p == TablePrincipal::OtherUser)
                .unwrap_or(principals.len());
            principals.insert(at, named);
        }
    }
    let roles = scope
        .impersonation_role_ids
        .iter()
        .chain(&scope.not_impersonation_role_ids);
    for id in roles {
        let named = TablePrincipal::ImpersonationRoleId(id.clone());
        if !principals.contains(&named) {
            let at = principals
                .iter()
                .position(|p| *p == TablePrincipal::OtherRole)
                .unwrap_or(principals.len());
            principals.insert(at, named);
        }
    }
    principals
}

fn access_failures(
    organization: &Organization,
    scope: &AccessScope,
    expect: &Expectation,
) -> Failures {
    let region = scope.rule();
    let rules: Vec<&AccessControlRule> = organization
        .access_control_rules()
        .iter()
        .chain(std::iter::once(&region))
        .collect();
    let count = rules.len() - 1;
    let space = Space::new(rules, principals_with(organization, scope));
    let names: Vec<String> = space.rules().iter().map(|rule| rule.name.clone()).collect();
    // Keyed as the decision table is (so one instance of the grouping serves both), with the
    // region's own index after the deciding rules of every cell inside it.
    let rows = named_rows(&space, |matched| {
        let (effect, mut deciding) = space.decide(matched, 0..count);
        if matched.contains(count) {
            deciding.push(count);
        }
        (effect, deciding)
    });
    let universe = space.principals();
    let mut failing = 0;
    let mut first = None;
    for (nets, actions, principals, (effect, mut deciding)) in rows {
        if deciding.pop_if(|at| *at == count).is_none() {
            continue;
        }
        let matched_rules = deciding
            .iter()
            .filter_map(|at| names.get(*at).cloned())
            .collect();
        let actual = ActualAnswer::access(effect, matched_rules);
        let principals: Vec<TablePrincipal> = principals
            .into_iter()
            .filter(|principal| scope.takes(principal))
            .collect();
        if meets(expect, &actual) || principals.is_empty() || actions.is_empty() || nets.is_empty()
        {
            continue;
        }
        failing += 1;
        if first.is_none() {
            first = access_counterexample(universe, (&nets, &actions, &principals), actual);
        }
    }
    (failing, first)
}

/// The addresses a counterexample is asked from when its class holds one: one of each of the
/// networks set aside for documentation (RFC 5737), so examples read as examples.
const DOCUMENTATION_ADDRESSES: [std::net::Ipv4Addr; 3] = [
    std::net::Ipv4Addr::new(203, 0, 113, 1),
    std::net::Ipv4Addr::new(198, 51, 100, 1),
    std::net::Ipv4Addr::new(192, 0, 2, 1),
];

/// A request of a failing access class: a documentation address when the class holds one
/// (203.0.113.1, 198.51.100.1 or 192.0.2.1, in that order), else its first address; its first
/// action; its first named principal (or the "other" one, with an identifier no rule names).
pub(super) fn access_counterexample(
    universe: &[TablePrincipal],
    (nets, actions, principals): (&[ipnet::Ipv4Net], &[Action], &[TablePrincipal]),
    answer: ActualAnswer,
) -> Option<Counterexample> {
    let address = DOCUMENTATION_ADDRESSES
        .into_iter()
        .find(|address| nets.iter().any(|net| net.contains(address)))
        .or_else(|| nets.first().map(ipnet::Ipv4Net::network))?;
    let action = *actions.first()?;
    let principal = principals
        .iter()
        .find(|principal| principal.id().is_some())
        .or_else(|| principals.first())?;
    let named = |text: &str| universe.iter().any(|known| known.id() == Some(text));
    let (user_id, role_id, stands_for) = match principal {
        TablePrincipal::UserId(id) => (Some(id.clone()), None, None),
        TablePrincipal::ImpersonationRoleId(id) => (None, Some(id.clone()), None),
        TablePrincipal::OtherUser => (
            Some(fresh("any-other-user", named)),
            None,
            Some(principal.clone()),
        ),
        TablePrincipal::OtherRole => (
            None,
            Some(fresh("any-other-role", named)),
            Some(principal.clone()),
        ),
    };
    let request = GetAccessControlEffectRequest {
        organization_id: None,
        ip_address: address.to_string(),
        action: action.as_str().to_owned(),
        user_id,
        impersonation_role_id: role_id,
    };
    let class = format!(
        "{} from {} for {}",
        describe_actions(actions),
        AddressSet::of(nets),
        PrincipalSet::of(principals, universe)
    );
    Some(Counterexample {
        request: TestRequest::GetAccessControlEffect(request),
        stands_for,
        answer,
        class,
    })
}

fn impersonation_failures(
    organization: &Organization,
    scope: &ImpersonationScope,
    expect: &Expectation,
) -> Failures {
    let directory = organization.directory();
    let region = scope.rule();
    let mut failing = 0;
    let mut first = None;
    for role in organization.impersonation_roles() {
        if !scope.takes_role(&role.impersonation_role_id) {
            continue;
        }
        let mut widened = role.clone();
        widened.rules.push(region.clone());
        let inside = widened.rules.len() - 1;
        let compiled = CompiledRole::new(&widened, directory);
        let targets = role_universe(organization, &widened);
        // Every target's answer, and whether it fails (asked about, and not as expected),
        // grouped as one: a class is then told exactly, "every user except" naming each target
        // outside it, whether it passed or the scope left it out.
        let mut answers = Vec::new();
        for target in targets {
            let Some(probe) = compiled.probe(&target) else {
                continue;
            };
            let matching = compiled.matching(probe);
            let asked = matching.contains(&inside);
            let real: Vec<usize> = matching.into_iter().filter(|at| *at != inside).collect();
            let (effect, indices) = compiled.decide_indices(&real);
            let actual = ActualAnswer::impersonation(
                effect,
                compiled.matched_rules(&indices),
                role.role_type,
            );
            let fails = asked && !meets(expect, &actual);
            answers.push((target, actual, fails));
        }
        let classes = group_targets(
            answers
                .iter()
                .map(|(target, actual, fails)| (target.clone(), (*fails, actual.to_string())))
                .collect(),
        );
        failing += classes.iter().filter(|(_, (fails, _))| *fails).count();
        if first.is_none()
            && let Some((target, actual, _)) = answers.iter().find(|(_, _, fails)| *fails)
        {
            let is_named = |text: &str| {
                widened.rules.iter().any(|rule| {
                    rule.target_users
                        .iter()
                        .chain(&rule.not_target_users)
                        .any(|entry| same_identifier_text(entry, text))
                })
            };
            let (target_user, stands_for) = match target {
                TargetRef::Text(text) => (text.clone(), None),
                TargetRef::Other => (
                    fresh("any-other-user", is_named),
                    Some(TablePrincipal::OtherUser),
                ),
            };
            let class = classes
                .iter()
                .find(|(_, (fails, answer))| *fails && *answer == actual.to_string())
                .map(|(targets, _)| {
                    format!(
                        "role `{}` impersonating {targets}",
                        printable(&role.impersonation_role_id)
                    )
                })
                .unwrap_or_default();
            first = Some(Counterexample {
                request: TestRequest::GetImpersonationRoleEffect(
                    GetImpersonationRoleEffectRequest {
                        organization_id: None,
                        impersonation_role_id: role.impersonation_role_id.clone(),
                        target_user,
                    },
                ),
                stands_for,
                answer: actual.clone(),
                class,
            });
        }
    }
    (failing, first)
}

fn mobile_failures(
    organization: &Organization,
    scope: &MobileScope,
    expect: &Expectation,
) -> Failures {
    let classes = classes_within(organization.mobile_device_access_rules(), &scope.rule());
    let mut failing = 0;
    let mut first = None;
    let every = super::mobile_table(organization).classes;
    for (devices, device, (effect, matched_rules)) in classes {
        let actual = ActualAnswer::mobile(effect, matched_rules, None);
        if meets(expect, &actual) {
            continue;
        }
        failing += 1;
        if first.is_none() {
            first = Some(mobile_counterexample(&every, &devices, device, actual));
        }
    }
    (failing, first)
}

pub(super) fn mobile_counterexample(
    every: &super::DeviceClasses,
    devices: &Devices,
    device: crate::model::Device,
    answer: ActualAnswer,
) -> Counterexample {
    Counterexample {
        request: TestRequest::GetMobileDeviceAccessEffect(GetMobileDeviceAccessEffectRequest {
            organization_id: None,
            device,
        }),
        stands_for: None,
        answer,
        class: every.line(devices),
    }
}

impl PropertyResult {
    /// How many classes of requests get another answer, as a clause: `1 class of requests
    /// fails`, `3 classes of requests fail`.
    pub fn failing(&self) -> String {
        super::render::classes_of_requests(self.failing_classes, ["fails", "fail"])
    }
}

impl fmt::Display for PropertyResult {
    /// `PASS name`, or `FAIL name: expected … for every request; … gets … (N classes fail)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.holds {
            return write!(f, "PASS {}", self.name);
        }
        write!(
            f,
            "FAIL {}: expected {} for every request",
            self.name, self.expected
        )?;
        if let Some(counterexample) = &self.counterexample {
            write!(f, "; {counterexample}")?;
        }
        write!(f, " ({})", self.failing())
    }
}

impl fmt::Display for Counterexample {
    /// `IMAP from 198.51.100.7 for user `…` gets ALLOW [default]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.request {
            TestRequest::GetAccessControlEffect(request) => {
                let who = match (
                    &request.user_id,
                    &request.impersonation_role_id,
                    &self.stands_for,
                ) {
                    (_, _, Some(other)) => other.to_string(),
                    (Some(user), _, None) => format!("user `{}`", printable(user)),
                    (None, Some(role), None) => format!("role `{}`", printable(role)),
                    (None, None, None) => "nobody".to_owned(),
                };
                write!(
                    f,
                    "{} from {} for {who}",
                    request.action, request.ip_address
                )?;
            }
            TestRequest::GetImpersonationRoleEffect(request) => {
                let target = match &self.stands_for {
                    Some(_) => "any user no rule names".to_owned(),
                    None => format!("`{}`", printable(&request.target_user)),
                };
                write!(
                    f,
                    "role `{}` impersonating {target}",
                    printable(&request.impersonation_role_id)
                )?;
            }
            TestRequest::GetMobileDeviceAccessEffect(request) => {
                write!(f, "a device with {}", describe_device(&request.device))?;
            }
            TestRequest::EvaluateMobileDeviceAccess(request) => {
                write!(f, "device `{}`", printable(&request.device_id))?;
            }
        }
        write!(f, " gets {}", self.answer)
    }
}

/// `type "iPhone", OS "iOS 16.1"` (properties not reported are left out; `nothing reported`
/// when none is).
fn describe_device(device: &crate::model::Device) -> String {
    let parts: Vec<String> = [
        ("type", &device.device_type),
        ("model", &device.device_model),
        ("OS", &device.device_operating_system),
        ("user agent", &device.device_user_agent),
    ]
    .into_iter()
    .filter_map(|(label, value)| {
        value
            .as_ref()
            .map(|value| format!("{label} \"{}\"", printable(value)))
    })
    .collect();
    if parts.is_empty() {
        "nothing reported".to_owned()
    } else {
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::space::{action_holds, principal_holds, rule_ips};
    use crate::analysis::test_organization as org;
    use crate::analysis::{load_tests, load_tests_for, run_tests};
    use crate::eval::mobile;
    use crate::model::Device;

    const ACCESS: &str = r#"{"AccessControlRules": [
        {"Name": "default", "Effect": "ALLOW"},
        {"Name": "office-imap", "Effect": "DENY", "Actions": ["IMAP", "WebMail"], "NotIpRanges": ["203.0.113.0/24"]},
        {"Name": "jane-ews", "Effect": "ALLOW", "Actions": ["EWS"], "UserIds": ["S-1-1-11-000000000001"], "IpRanges": ["198.51.100.0/25"]},
        {"Name": "no-archiver", "Effect": "DENY", "ImpersonationRoleIds": ["archiver"], "IpRanges": ["192.0.2.0/24"]},
        {"Name": "no-smtp-jim", "Effect": "DENY", "Actions": ["SMTP"], "UserIds": ["S-1-1-11-000000000002"]}],
        "ImpersonationRoles": [{"ImpersonationRoleId": "archiver", "Name": "Archiver", "Type": "READ_ONLY", "Rules": []}]}"#;

    fn property(text: &str) -> Property {
        let suite = load_tests(&format!(r#"{{"Properties": [{text}]}}"#))
            .map(|loaded| loaded.suite)
            .unwrap_or_else(|error| panic!("{text}: {error}"));
        suite
            .properties
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no property in {text}"))
    }

    /// Addresses at and beside every boundary of the rules' and the scope's ranges.
    fn addresses(rules: &[&AccessControlRule]) -> Vec<u32> {
        let mut all = vec![0, u32::MAX];
        for rule in rules {
            for range in rule.ip_ranges.iter().chain(&rule.not_ip_ranges) {
                let net = range.network();
                for edge in [u32::from(net.network()), u32::from(net.broadcast())] {
                    all.extend([edge.saturating_sub(1), edge, edge.saturating_add(1)]);
                }
            }
        }
        all
    }

    /// Asks every concrete request the scope holds for: whether all meet `expect`.
    fn brute_force(organization: &Organization, scope: &AccessScope, expect: &Expectation) -> bool {
        let region = scope.rule();
        let rules: Vec<&AccessControlRule> = organization
            .access_control_rules()
            .iter()
            .chain(std::iter::once(&region))
            .collect();
        let mut principals = principals_with(organization, scope);
        principals.retain(|principal| principal.id().is_some());
        principals.push(TablePrincipal::UserId("S-1-1-11-999999999999".into()));
        principals.push(TablePrincipal::ImpersonationRoleId("someone-else".into()));
        let ips = rule_ips(&region);
        for address in addresses(&rules) {
            for action in Action::ALL {
                for principal in &principals {
                    let inside = ips.contains(address)
                        && action_holds(&region, action)
                        && principal_holds(&region, principal)
                        && scope.takes(principal)
                        && (principal.is_user() || action == Action::Ews);
                    if !inside {
                        continue;
                    }
                    let request = GetAccessControlEffectRequest {
                        organization_id: None,
                        ip_address: std::net::Ipv4Addr::from(address).to_string(),
                        action: action.as_str().to_owned(),
                        user_id: principal
                            .is_user()
                            .then(|| principal.id().unwrap_or("").to_owned()),
                        impersonation_role_id: (!principal.is_user())
                            .then(|| principal.id().unwrap_or("").to_owned()),
                    };
                    // A role the document does not have is refused today: it stands for one
                    // added later, which the table's "any other role" covers.
                    let Ok(response) = organization.get_access_control_effect(&request) else {
                        assert_eq!(principal.id(), Some("someone-else"), "{request:?}");
                        continue;
                    };
                    let actual = ActualAnswer::access(response.effect, response.matched_rules);
                    if !meets(expect, &actual) {
                        return false;
                    }
                }
            }
        }
        true
    }

    #[test]
    fn access_properties_agree_with_asking_every_request() {
        let organization = org(ACCESS);
        let properties = [
            r#"{"Name": "a", "ForAll": {"Actions": ["IMAP"], "NotIpRanges": ["203.0.113.0/24"]}, "Expect": {"Effect": "DENY"}}"#,
            r#"{"Name": "b", "ForAll": {"Actions": ["IMAP", "WebMail"], "NotIpRanges": ["203.0.113.0/24"]}, "Expect": {"Effect": "DENY", "MatchedRules": ["office-imap"]}}"#,
            r#"{"Name": "c", "ForAll": {"Actions": ["IMAP", "SMTP"], "NotIpRanges": ["203.0.113.0/24"]}, "Expect": {"Effect": "DENY"}}"#,
            r#"{"Name": "d", "ForAll": {"ImpersonationRoleIds": ["archiver"], "IpRanges": ["192.0.2.0/25"]}, "Expect": {"Effect": "DENY"}}"#,
            r#"{"Name": "e", "ForAll": {"Principals": "Roles", "IpRanges": ["198.51.100.0/24"]}, "Expect": {"Effect": "ALLOW"}}"#,
            r#"{"Name": "f", "ForAll": {"Principals": "Users", "Actions": ["EWS"], "IpRanges": ["198.51.100.0/24"]}, "Expect": {"Effect": "ALLOW"}}"#,
            r#"{"Name": "g", "ForAll": {"UserIds": ["S-1-1-11-000000000001"], "Actions": ["EWS"], "IpRanges": ["198.51.100.0/26"]}, "Expect": {"Effect": "ALLOW", "MatchedRules": ["default", "jane-ews"]}}"#,
            r#"{"Name": "h", "ForAll": {"NotUserIds": ["S-1-1-11-000000000002"], "Actions": ["SMTP"]}, "Expect": {"Effect": "ALLOW"}}"#,
            r#"{"Name": "i", "ForAll": {}, "Expect": {"Effect": "ALLOW"}}"#,
            r#"{"Name": "j", "ForAll": {"Actions": ["ActiveSync"], "NotActions": ["ActiveSync"]}, "Expect": {"Effect": "DENY"}}"#,
        ];
        let mut verdicts = Vec::new();
        for text in properties {
            let property = property(text);
            let ForAll::GetAccessControlEffect(scope) = &property.for_all else {
                panic!("not an access property: {text}");
            };
            let result = check_property_of(&organization, &property);
            assert_eq!(
                result.holds,
                brute_force(&organization, scope, &property.expect),
                "{text}: {result}"
            );
            assert_eq!(result.holds, result.failing_classes == 0, "{text}");
            if let Some(counterexample) = &result.counterexample {
                // The request gets the answer reported, and that answer breaks the property.
                let TestRequest::GetAccessControlEffect(request) = &counterexample.request else {
                    panic!("{text}: {counterexample:?}");
                };
                let response = organization.get_access_control_effect(request);
                assert_eq!(
                    response.map(|r| (r.effect, r.matched_rules)).ok(),
                    Some((
                        counterexample.answer.effect,
                        counterexample.answer.matched_rules.clone()
                    )),
                    "{text}"
                );
                assert!(!meets(&property.expect, &counterexample.answer), "{text}");
            }
            verdicts.push(result.holds);
        }
        assert_eq!(
            verdicts,
            [true, true, false, true, true, true, true, true, false, true]
        );
    }

    #[test]
    fn a_failing_property_names_one_request_and_counts_classes() {
        let organization = org(ACCESS);
        let result = check_property_of(
            &organization,
            &property(
                r#"{"Name": "IMAP and SMTP only from the office", "ForAll": {"Actions": ["IMAP", "SMTP"], "NotIpRanges": ["203.0.113.0/24"]}, "Expect": {"Effect": "DENY"}}"#,
            ),
        );
        assert_eq!(
            result.to_string(),
            "FAIL IMAP and SMTP only from the office: expected DENY for every request; \
             SMTP from 198.51.100.1 for user `S-1-1-11-000000000001` gets ALLOW [default] (1 class of requests fails)"
        );
        let Some(counterexample) = result.counterexample else {
            panic!("no counterexample");
        };
        assert_eq!(
            counterexample.class,
            "SMTP from any IP except 203.0.113.0/24 for any user except `S-1-1-11-000000000002`"
        );
    }

    #[test]
    fn a_user_no_rule_names_is_asked_with_a_fresh_identifier() {
        let organization =
            org(r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"}]}"#);
        let result = check_property_of(
            &organization,
            &property(
                r#"{"Name": "p", "ForAll": {"Principals": "Users"}, "Expect": {"Effect": "DENY"}}"#,
            ),
        );
        let text = result.to_string();
        let Some(counterexample) = result.counterexample else {
            panic!("no counterexample");
        };
        assert_eq!(counterexample.stands_for, Some(TablePrincipal::OtherUser));
        let TestRequest::GetAccessControlEffect(request) = counterexample.request else {
            panic!("not an access request");
        };
        assert_eq!(request.user_id.as_deref(), Some("any-other-user"));
        assert!(
            text.contains("for any other user gets ALLOW [default]"),
            "{text}"
        );
        // When a rule names that identifier, the next free one stands for the others.
        let organization = org(
            r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
            {"Name": "taken", "Effect": "DENY", "UserIds": ["any-other-user"]}]}"#,
        );
        let result = check_property_of(
            &organization,
            &property(
                r#"{"Name": "p", "ForAll": {"Principals": "Users"}, "Expect": {"Effect": "DENY"}}"#,
            ),
        );
        let request = result.counterexample.map(|found| found.request);
        let Some(TestRequest::GetAccessControlEffect(request)) = request else {
            panic!("{request:?}");
        };
        assert_eq!(request.user_id.as_deref(), Some("any-other-user-2"));
    }

    const ROLES: &str = r#""ImpersonationRoles": [
        {"ImpersonationRoleId": "archiver", "Name": "Archiver", "Type": "READ_ONLY", "Rules": [
          {"ImpersonationRuleId": "all", "Effect": "ALLOW"},
          {"ImpersonationRuleId": "boss", "Name": "Not the boss", "Effect": "DENY", "TargetUsers": ["boss@example.com"]}]},
        {"ImpersonationRoleId": "helpdesk-service", "Name": "Helpdesk", "Type": "FULL_ACCESS", "Rules": [
          {"ImpersonationRuleId": "jane", "Effect": "ALLOW", "TargetUsers": ["jane@example.com"]}]}]"#;

    const USERS: &str = r#""Users": [
        {"Id": "S-1-1-11-000000000001", "Email": "jane@example.com", "Name": "jane"},
        {"Id": "S-1-1-11-000000000002", "Email": "boss@example.com", "Name": "boss"},
        {"Id": "S-1-1-11-000000000003", "Email": "jim@example.com", "Name": "jim"}]"#;

    #[test]
    fn impersonation_properties_agree_with_asking_every_target() {
        for text in [format!("{{{ROLES}}}"), format!("{{{USERS}, {ROLES}}}")] {
            let organization = org(&text);
            let cases = [
                (
                    r#"{"Name": "a", "ForAll": {"TargetUsers": ["boss@example.com"]}, "Expect": {"Effect": "DENY"}}"#,
                    true,
                ),
                (
                    r#"{"Name": "b", "ForAll": {"ImpersonationRoleIds": ["archiver"], "NotTargetUsers": ["boss@example.com"]}, "Expect": {"Effect": "ALLOW"}}"#,
                    true,
                ),
                (
                    r#"{"Name": "c", "Operation": "GetImpersonationRoleEffect", "ForAll": {}, "Expect": {"Effect": "ALLOW"}}"#,
                    false,
                ),
                (
                    r#"{"Name": "d", "ForAll": {"ImpersonationRoleIds": ["helpdesk-service"], "TargetUsers": ["JANE@example.com"]}, "Expect": {"Effect": "ALLOW", "Type": "FULL_ACCESS", "MatchedRules": ["jane"]}}"#,
                    true,
                ),
                (
                    r#"{"Name": "e", "ForAll": {"ImpersonationRoleIds": ["archiver"]}, "Expect": {"Effect": "ALLOW", "Type": "FULL_ACCESS"}}"#,
                    false,
                ),
                (
                    r#"{"Name": "f", "ForAll": {"NotImpersonationRoleIds": ["archiver"], "TargetUsers": ["jane@example.com"]}, "Expect": {"Effect": "ALLOW", "Type": "FULL_ACCESS"}}"#,
                    true,
                ),
            ];
            for (property_text, holds) in cases {
                let property = property(property_text);
                let result = check_property_of(&organization, &property);
                assert_eq!(result.holds, holds, "{text}\n{property_text}: {result}");
                if let Some(counterexample) = &result.counterexample {
                    let TestRequest::GetImpersonationRoleEffect(request) = &counterexample.request
                    else {
                        panic!("{counterexample:?}");
                    };
                    let Ok(response) = organization.get_impersonation_role_effect(request) else {
                        panic!("refused: {request:?}");
                    };
                    let actual = ActualAnswer::impersonation(
                        response.effect,
                        response.matched_rules,
                        response.role_type,
                    );
                    assert_eq!(actual, counterexample.answer, "{property_text}");
                    assert!(!meets(&property.expect, &actual));
                }
            }
        }
    }

    const MOBILE: &str = r#"{"MobileDeviceAccessRules": [
        {"MobileDeviceAccessRuleId": "old-android", "Name": "Old Android", "Effect": "DENY", "DeviceOperatingSystems": ["Android 8", "Android 9"]},
        {"MobileDeviceAccessRuleId": "phones", "Name": "Phones", "Effect": "ALLOW", "DeviceTypes": ["iPhone", "Android"]}]}"#;

    #[test]
    fn mobile_properties_agree_with_asking_every_device() {
        let organization = org(MOBILE);
        let values =
            |field: [&str; 5]| field.map(|value| (!value.is_empty()).then(|| value.to_owned()));
        let types = values(["", "iPhone", "android", "Androids", "Nokia"]);
        let systems = values(["", "Android 9.1", "android 8", "Android 10", "iOS 17"]);
        let cases = [
            (
                r#"{"Name": "a", "ForAll": {"DeviceOperatingSystems": ["Android 9", "Android 8"]}, "Expect": {"Effect": "DENY"}}"#,
                true,
            ),
            (
                r#"{"Name": "b", "ForAll": {"DeviceTypes": ["iPhone"]}, "Expect": {"Effect": "ALLOW"}}"#,
                false,
            ),
            (
                r#"{"Name": "c", "ForAll": {"DeviceTypes": ["iPhone"], "NotDeviceOperatingSystems": ["Android 8", "Android 9"]}, "Expect": {"Effect": "ALLOW", "MatchedRules": ["phones"]}}"#,
                true,
            ),
            (
                r#"{"Name": "d", "ForAll": {"DeviceTypes": ["$NONE"]}, "Expect": {"Effect": "DENY"}}"#,
                true,
            ),
        ];
        for (text, holds) in cases {
            let property = property(text);
            let ForAll::GetMobileDeviceAccessEffect(scope) = &property.for_all else {
                panic!("not a mobile property: {text}");
            };
            let region = scope.rule();
            let mut every = true;
            for device_type in &types {
                for system in &systems {
                    let device = Device {
                        device_type: device_type.clone(),
                        device_operating_system: system.clone(),
                        ..Device::default()
                    };
                    if mobile::decide(std::slice::from_ref(&region), &device).0 != Effect::Allow {
                        continue;
                    }
                    let (effect, rules) =
                        mobile::decide(organization.mobile_device_access_rules(), &device);
                    every &= meets(&property.expect, &ActualAnswer::mobile(effect, rules, None));
                }
            }
            let result = check_property_of(&organization, &property);
            assert_eq!((result.holds, every), (holds, holds), "{text}: {result}");
            if let Some(counterexample) = result.counterexample {
                let TestRequest::GetMobileDeviceAccessEffect(request) = &counterexample.request
                else {
                    panic!("{counterexample:?}");
                };
                let (effect, rules) =
                    mobile::decide(organization.mobile_device_access_rules(), &request.device);
                assert_eq!(
                    ActualAnswer::mobile(effect, rules, None),
                    counterexample.answer
                );
            }
        }
    }

    #[test]
    fn a_loaded_file_written_back_loads_the_same() {
        let text = r#"{"Properties": [
            {"Name": "every target", "Operation": "GetImpersonationRoleEffect", "ForAll": {}, "Expect": {"Effect": "DENY"}},
            {"Name": "inferred", "ForAll": {"TargetUsers": ["jane"]}, "Expect": {"Effect": "ALLOW", "Type": "READ_ONLY"}},
            {"Name": "devices", "ForAll": {"DeviceTypes": ["$NONE"]}, "Expect": {"Effect": "DENY"}},
            {"Name": "access", "ForAll": {"Actions": ["IMAP"], "Principals": "Users"}, "Expect": {"Effect": "DENY", "MatchedRules": ["x"]}},
            {"Name": "everyone", "ForAll": {"Actions": ["SMTP"]}, "Expect": {"Effect": "ALLOW"}}]}"#;
        let suite = load_tests(text)
            .map(|loaded| loaded.suite)
            .unwrap_or_default();
        assert_eq!(suite.properties.len(), 5);
        assert_eq!(
            suite.properties.first().and_then(|p| p.operation),
            Some(PropertyOperation::GetImpersonationRoleEffect)
        );
        let written = serde_json::to_string(&suite).unwrap_or_default();
        // `Principals` is written only when it is not every principal (its default).
        assert_eq!(written.matches("\"Principals\"").count(), 1, "{written}");
        let again = load_tests(&written).map(|loaded| loaded.suite);
        assert_eq!(again.ok(), Some(suite), "{written}");
    }

    #[test]
    fn properties_count_in_the_report() {
        let organization = org(ACCESS);
        let suite = load_tests(
            r#"{"Tests": [{"Name": "t", "Request": {"IpAddress": "203.0.113.9", "Action": "IMAP", "UserId": "S-1-1-11-000000000001"}, "Expect": {"Effect": "ALLOW"}}],
                "Properties": [
                  {"Name": "p", "ForAll": {"Actions": ["WebMail"], "NotIpRanges": ["203.0.113.0/24"]}, "Expect": {"Effect": "DENY"}},
                  {"Name": "q", "ForAll": {"Actions": ["SMTP"]}, "Expect": {"Effect": "DENY"}}]}"#,
        )
        .map(|loaded| loaded.suite)
        .unwrap_or_default();
        let report = run_tests(&organization, &suite);
        let text = report.to_string();
        assert!(
            text.starts_with("PASS t\nPASS p\nFAIL q: expected DENY for every request; "),
            "{text}"
        );
        assert!(text.ends_with("2 passed, 1 failed\n"), "{text}");
        assert!(!report.is_success());
    }

    fn codes_and_paths(
        result: Result<crate::analysis::LoadedTests, crate::DocumentError>,
    ) -> Vec<(String, String, u32, u32)> {
        match result {
            Ok(_) => Vec::new(),
            Err(error) => error
                .diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .map(|d| (d.code.to_owned(), d.path, d.line, d.column))
                .collect(),
        }
    }

    #[test]
    fn bad_properties_are_refused_where_they_are_wrong() {
        let text = "{\"Properties\": [\n\
            {\"Name\": \"a\", \"ForAll\": {\"Actions\": [\"IMAPS\"], \"IpRange\": [\"10.0.0.0/8\"]}, \"Expect\": {\"Effect\": \"DENY\"}},\n\
            {\"Name\": \"b\", \"ForAll\": {\"IpRanges\": [\"10.0.0.0/33\"]}, \"Expect\": {\"Effect\": \"DENY\", \"DecidedBy\": \"RULES\"}},\n\
            {\"Name\": \"c\", \"ForAll\": {\"Principals\": \"Everyone\"}}]}";
        let found = codes_and_paths(load_tests(text));
        let expected = [
            ("enum", "Properties[0].ForAll.Actions[0]", 2, 38),
            ("unknown-member", "Properties[0].ForAll.IpRange", 2, 49),
            ("pattern", "Properties[1].ForAll.IpRanges[0]", 3, 39),
            ("unknown-member", "Properties[1].Expect.DecidedBy", 3, 90),
            ("required", "Properties[2].Expect", 4, 1),
            ("enum", "Properties[2].ForAll.Principals", 4, 42),
        ];
        let found: Vec<(&str, &str)> = found
            .iter()
            .map(|(c, p, _, _)| (c.as_str(), p.as_str()))
            .collect();
        let wanted: Vec<(&str, &str)> = expected.iter().map(|(c, p, _, _)| (*c, *p)).collect();
        assert_eq!(found, wanted);
    }

    #[test]
    fn each_device_list_of_a_scope_narrows_it() {
        let organization = org(r#"{"MobileDeviceAccessRules": [
            {"MobileDeviceAccessRuleId": "phones", "Name": "Phones", "Effect": "DENY", "DeviceTypes": ["Phone"]},
            {"MobileDeviceAccessRuleId": "nokia", "Name": "Nokia", "Effect": "DENY", "DeviceModels": ["Nokia"]},
            {"MobileDeviceAccessRuleId": "bots", "Name": "Bots", "Effect": "DENY", "DeviceUserAgents": ["Bot"]},
            {"MobileDeviceAccessRuleId": "all", "Name": "All", "Effect": "ALLOW"}]}"#);
        // Each holds only because its lists leave the other rules' devices out.
        for text in [
            r#"{"Name": "a", "ForAll": {"DeviceModels": ["Nokia"]}, "Expect": {"Effect": "DENY"}}"#,
            r#"{"Name": "b", "ForAll": {"DeviceUserAgents": ["Bot"]}, "Expect": {"Effect": "DENY"}}"#,
            r#"{"Name": "c", "ForAll": {"NotDeviceTypes": ["Phone"], "NotDeviceModels": ["Nokia"], "NotDeviceUserAgents": ["Bot"]},
                "Expect": {"Effect": "ALLOW", "MatchedRules": ["all"]}}"#,
        ] {
            let result = check_property_of(&organization, &property(text));
            assert!(result.holds, "{text}: {result}");
        }
        let wider = r#"{"Name": "d", "ForAll": {"NotDeviceTypes": ["Phone"], "NotDeviceModels": ["Nokia"]}, "Expect": {"Effect": "ALLOW"}}"#;
        assert!(!check_property_of(&organization, &property(wider)).holds);
    }

    #[test]
    fn counterexamples_say_their_request_and_its_class() {
        // The class named is the role's class of targets that gets the answer found.
        let organization = org(&format!("{{{ROLES}}}"));
        let text = r#"{"Name": "i", "Operation": "GetImpersonationRoleEffect", "ForAll": {"ImpersonationRoleIds": ["archiver"]}, "Expect": {"Effect": "DENY"}}"#;
        let result = check_property_of(&organization, &property(text));
        let class = result.counterexample.map(|found| found.class);
        assert_eq!(
            class.as_deref(),
            Some("role `archiver` impersonating every user except `boss@example.com`")
        );
        // A target the scope leaves out is outside the class too.
        let text = r#"{"Name": "j", "ForAll": {"ImpersonationRoleIds": ["archiver"], "NotTargetUsers": ["jim@example.com"]}, "Expect": {"Effect": "DENY"}}"#;
        let result = check_property_of(&organization, &property(text));
        assert_eq!(result.failing_classes, 1);
        assert_eq!(
            result.counterexample.map(|found| found.class).as_deref(),
            Some(
                "role `archiver` impersonating every user except `boss@example.com`, `jim@example.com`"
            )
        );
        // A device is told by the properties it reports.
        let organization = org(MOBILE);
        let text =
            r#"{"Name": "m", "ForAll": {"DeviceTypes": ["iPhone"]}, "Expect": {"Effect": "DENY"}}"#;
        let told = check_property_of(&organization, &property(text)).to_string();
        assert!(told.contains("a device with type \"iPhone"), "{told}");
    }

    #[test]
    fn a_scope_of_target_users_left_out_is_about_impersonation() {
        let text = r#"{"Name": "g", "ForAll": {"NotTargetUsers": ["boss@example.com"]}, "Expect": {"Effect": "ALLOW"}}"#;
        assert!(matches!(
            property(text).for_all,
            ForAll::GetImpersonationRoleEffect(_)
        ));
    }

    #[test]
    fn principals_only_a_scope_names_are_asked_about_in_the_tables_order() {
        let organization = org(ACCESS);
        // A role no rule names gets the default rule's ALLOW with EWS.
        let unnamed = r#"{"Name": "r", "ForAll": {"ImpersonationRoleIds": ["unnamed-role"]}, "Expect": {"Effect": "DENY"}}"#;
        let result = check_property_of(&organization, &property(unnamed));
        assert!(!result.holds, "{result}");
        // The first failing class's request names the first principal of it in the table's
        // order: the document's before those only the scope names.
        let asked = |text: &str| {
            let result = check_property_of(&organization, &property(text));
            match result.counterexample.map(|found| found.request) {
                Some(TestRequest::GetAccessControlEffect(request)) => {
                    (request.user_id, request.impersonation_role_id)
                }
                other => panic!("{text}: {other:?}"),
            }
        };
        let users = r#"{"Name": "u", "ForAll": {"UserIds": ["S-1-1-11-000000000009", "S-1-1-11-000000000001"], "Actions": ["SMTP"]}, "Expect": {"Effect": "DENY"}}"#;
        assert_eq!(
            asked(users),
            (Some("S-1-1-11-000000000001".to_owned()), None)
        );
        let roles = r#"{"Name": "r", "ForAll": {"ImpersonationRoleIds": ["zz-role", "archiver"], "NotIpRanges": ["192.0.2.0/24"]}, "Expect": {"Effect": "DENY"}}"#;
        assert_eq!(asked(roles), (None, Some("archiver".to_owned())));
    }

    #[test]
    fn a_role_only_an_access_rule_names_is_known() {
        let organization = org(
            r#"{"AccessControlRules": [{"Name": "r", "Effect": "DENY", "ImpersonationRoleIds": ["rule-only"]}]}"#,
        );
        let text = r#"{"Properties": [
            {"Name": "a", "ForAll": {"ImpersonationRoleIds": ["rule-only"]}, "Expect": {"Effect": "DENY"}},
            {"Name": "b", "ForAll": {"ImpersonationRoleIds": ["ghost"]}, "Expect": {"Effect": "DENY"}}]}"#;
        let found: Vec<(String, String)> = codes_and_paths(load_tests_for(text, &organization))
            .into_iter()
            .map(|(code, path, _, _)| (code, path))
            .collect();
        assert_eq!(
            found,
            [(
                "unknown-role".to_owned(),
                "Properties[1].ForAll.ImpersonationRoleIds[0]".to_owned()
            )]
        );
    }

    #[test]
    fn references_are_checked_against_the_document() {
        let organization = org(&format!("{{{USERS}, {ROLES}}}"));
        let text = r#"{"Properties": [
            {"Name": "a", "ForAll": {"UserIds": ["helpdesk-service", "S-1-1-11-000000000001", "S-1-1-11-nobody"]}, "Expect": {"Effect": "DENY"}},
            {"Name": "b", "ForAll": {"NotImpersonationRoleIds": ["S-1-1-11-000000000002", "ghost", "helpdesk-service"]}, "Expect": {"Effect": "DENY"}},
            {"Name": "c", "ForAll": {"ImpersonationRoleIds": ["ghost"], "TargetUsers": ["nobody@example.com", "JIM"]}, "Expect": {"Effect": "DENY"}}]}"#;
        if let Err(error) = load_tests(text) {
            panic!("{error}");
        }
        let found: Vec<(String, String)> = codes_and_paths(load_tests_for(text, &organization))
            .into_iter()
            .map(|(code, path, _, _)| (code, path))
            .collect();
        let expected = [
            ("role-as-user", "Properties[0].ForAll.UserIds[0]"),
            ("unknown-user", "Properties[0].ForAll.UserIds[2]"),
            (
                "user-as-role",
                "Properties[1].ForAll.NotImpersonationRoleIds[0]",
            ),
            (
                "unknown-role",
                "Properties[1].ForAll.NotImpersonationRoleIds[1]",
            ),
            (
                "unknown-role",
                "Properties[2].ForAll.ImpersonationRoleIds[0]",
            ),
            ("unknown-target-user", "Properties[2].ForAll.TargetUsers[0]"),
        ];
        let found: Vec<(&str, &str)> = found
            .iter()
            .map(|(c, p)| (c.as_str(), p.as_str()))
            .collect();
        assert_eq!(found, expected);
    }
}
