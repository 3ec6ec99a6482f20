//! The TypeScript declaration of every operation's request and response (feature `ts`),
//! expanded from the table.

use ts_rs::{Config, TS};

use super::directory::{
    DescribeUserRequest, DescribeUserResponse, ListUsersRequest, ListUsersResponse,
};
use super::effect::{
    GetAccessControlEffectRequest, GetAccessControlEffectResponse,
    GetImpersonationRoleEffectRequest, GetImpersonationRoleEffectResponse,
};
use super::mobile::{
    CreateMobileDeviceAccessRuleRequest, CreateMobileDeviceAccessRuleResponse,
    DeleteMobileDeviceAccessRuleRequest, GetMobileDeviceAccessEffectRequest,
    GetMobileDeviceAccessEffectResponse, ListMobileDeviceAccessRulesRequest,
    ListMobileDeviceAccessRulesResponse, UpdateMobileDeviceAccessRuleRequest,
};
use super::operation::Empty;
use super::overrides::{
    EvaluateMobileDeviceAccessRequest, EvaluateMobileDeviceAccessResponse,
    ListMobileDeviceAccessOverridesRequest, ListMobileDeviceAccessOverridesResponse,
    MobileDeviceAccessOverrideRequest, PutMobileDeviceAccessOverrideRequest,
};
use super::roles::{
    AssumeImpersonationRoleResponse, CreateImpersonationRoleRequest,
    CreateImpersonationRoleResponse, ImpersonationRoleRequest, ListImpersonationRolesRequest,
    ListImpersonationRolesResponse, UpdateImpersonationRoleRequest,
};
use super::rules::{
    DeleteAccessControlRuleRequest, ListAccessControlRulesRequest, ListAccessControlRulesResponse,
    PutAccessControlRuleRequest,
};
use super::table::for_each_operation;
use crate::model::{ImpersonationRole, MobileDeviceAccessOverride};
use crate::typescript::declared;

/// Every operation's request and response, for TypeScript: its [`TS`] declaration is
/// `type Operations = { GetAccessControlEffect: { input: …; output: … }; … }`, one member per
/// row of the table, documented as the row is.
#[derive(Debug, Clone, Copy)]
pub enum Operations {}

/// Declares [`Operations`] from the table's rows.
macro_rules! declare_operations {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident {
            cli: $_cli:literal,
            mutates: $_mutates:literal,
            shape: $_shape:ident,
            $_owns:ident: $request:ty,
            response: $response:ty,
            handler: $_handler:expr,
        }
    )*) => {
        /// `{ Name: { input: Request, output: Response }, … }`, each member after its row's
        /// docs, written as ts-rs writes objects.
        fn members(cfg: &Config) -> String {
            let mut members = String::from("{ ");
            $(
                members.push_str(&ts_rs::format_docs(&[$($doc),*]));
                members.push_str(&format!(
                    "{}: {{ input: {}, output: {} }}, ",
                    stringify!($name),
                    <$request>::name(cfg),
                    <$response>::name(cfg),
                ));
            )*
            members.push('}');
            members
        }

        declared! {
            /// Every operation's request (`input`) and response (`output`).
            Operations as "Operations" = members;
            uses $($request, $response),*
        }
    };
}

for_each_operation!(declare_operations);
