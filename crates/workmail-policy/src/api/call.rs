//! JSON in, JSON out: the [`Request`] of each operation and [`Organization::call`], expanded
//! from the table.

use serde::Serialize;
use serde_json::Value;

use super::check::{Request, parse_request};
use super::directory::{
    DescribeUserRequest, DescribeUserResponse, ListUsersRequest, ListUsersResponse,
};
use super::effect::{
    GetAccessControlEffectRequest, GetAccessControlEffectResponse,
    GetImpersonationRoleEffectRequest, GetImpersonationRoleEffectResponse,
};
use super::error::ApiError;
use super::mobile::{
    CreateMobileDeviceAccessRuleRequest, CreateMobileDeviceAccessRuleResponse,
    DeleteMobileDeviceAccessRuleRequest, GetMobileDeviceAccessEffectRequest,
    GetMobileDeviceAccessEffectResponse, ListMobileDeviceAccessRulesRequest,
    ListMobileDeviceAccessRulesResponse, UpdateMobileDeviceAccessRuleRequest,
};
use super::operation::{Empty, Operation};
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
use crate::env::Environment;
use crate::model::{ImpersonationRole, MobileDeviceAccessOverride};
use crate::org::Organization;

/// Makes a row's request type its operation's [`Request`], unless an earlier row owns it.
macro_rules! request_of {
    (request $request:ty => $name:ident) => {
        impl Request for $request {
            const OPERATION: Operation = Operation::$name;
        }
    };
    (shares $request:ty => $name:ident) => {};
}

/// Defines the [`Request`] impls and [`Organization::call`] from the table's rows.
macro_rules! define_call {
    ($(
        $(#[$_doc:meta])*
        $name:ident {
            cli: $_cli:literal,
            mutates: $_mutates:literal,
            shape: $_shape:ident,
            $owns:ident: $request:ty,
            response: $response:ty,
            handler: $handler:expr,
        }
    )*) => {
        $(request_of!($owns $request => $name);)*

        impl Organization {
            /// Runs `operation` with a JSON request, returning the JSON response (`{}` for operations
            /// without output). `env` supplies the time and randomness for operations that need them.
            ///
            /// ```
            /// use workmail_policy::{FixedEnvironment, Operation, Organization};
            /// let mut org = Organization::default();
            /// let mut env = FixedEnvironment::new(1_700_000_000.0, 1);
            /// let input = serde_json::json!({"IpAddress": "192.0.2.0", "Action": "IMAP", "UserId": "S-1-1-11-1111111111"});
            /// let response = org.call(Operation::GetAccessControlEffect, &input, &mut env).unwrap();
            /// assert_eq!(response, serde_json::json!({"Effect": "ALLOW", "MatchedRules": ["default"]}));
            /// ```
            ///
            /// # Errors
            /// The operation's AWS exception with a message naming the member and constraint at fault.
            pub fn call(
                &mut self,
                operation: Operation,
                input: &Value,
                env: &mut dyn Environment,
            ) -> Result<Value, ApiError> {
                match operation {
                    $(Operation::$name => {
                        let handler: Handler<$request, $response> = $handler;
                        let request = parse_request(input, operation.input_shape())?;
                        handler(self, request, env).map(|response| to_value(&response))
                    })*
                }
            }
        }
    };
}

/// A row's handler: the organization, the checked request and the environment, to the response.
type Handler<Q, R> = fn(&mut Organization, Q, &mut dyn Environment) -> Result<R, ApiError>;

for_each_operation!(define_call);

/// A response as JSON (`null` only for a response serde cannot write, which none is).
pub(super) fn to_value<T: Serialize>(response: &T) -> Value {
    serde_json::to_value(response).unwrap_or(Value::Null)
}
