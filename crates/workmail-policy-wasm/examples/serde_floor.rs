//! The size floor of the npm package's main module: a WebAssembly module that does nothing but
//! read and write the API's typed values the way the package does (JSON text to a
//! `serde_json::Value`, the core's derived `Deserialize` from it, the derived `Serialize` to a
//! `Value` and back to text). No document loading, no evaluation, no operation. `cargo xtask
//! bench` builds it exactly like the package's modules and reports its size beside theirs.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use workmail_policy::{
    AccessControlRule, ApiError, AssumeImpersonationRoleResponse, CreateImpersonationRoleRequest,
    CreateImpersonationRoleResponse, DeleteAccessControlRuleRequest, GetAccessControlEffectRequest,
    GetAccessControlEffectResponse, GetImpersonationRoleEffectRequest,
    GetImpersonationRoleEffectResponse, ImpersonationRole, ImpersonationRoleRequest,
    ListAccessControlRulesRequest, ListAccessControlRulesResponse, ListImpersonationRolesRequest,
    ListImpersonationRolesResponse, PutAccessControlRuleRequest, UpdateImpersonationRoleRequest,
    User,
};

/// `text` read as a `T` and written back, or the error's message.
fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> String {
    let written = serde_json::from_str::<Value>(text)
        .and_then(|value| T::deserialize(&value))
        .and_then(|typed| serde_json::to_value(&typed));
    match written {
        Ok(value) => value.to_string(),
        Err(error) => error.to_string(),
    }
}

/// Reads `text` as the API type numbered `kind` and writes it back.
#[wasm_bindgen(js_name = roundTrip)]
pub fn round_trip_kind(kind: u32, text: &str) -> String {
    match kind {
        0 => round_trip::<GetAccessControlEffectRequest>(text),
        1 => round_trip::<GetAccessControlEffectResponse>(text),
        2 => round_trip::<ListAccessControlRulesRequest>(text),
        3 => round_trip::<ListAccessControlRulesResponse>(text),
        4 => round_trip::<PutAccessControlRuleRequest>(text),
        5 => round_trip::<DeleteAccessControlRuleRequest>(text),
        6 => round_trip::<CreateImpersonationRoleRequest>(text),
        7 => round_trip::<CreateImpersonationRoleResponse>(text),
        8 => round_trip::<UpdateImpersonationRoleRequest>(text),
        9 => round_trip::<ImpersonationRoleRequest>(text),
        10 => round_trip::<ListImpersonationRolesRequest>(text),
        11 => round_trip::<ListImpersonationRolesResponse>(text),
        12 => round_trip::<AssumeImpersonationRoleResponse>(text),
        13 => round_trip::<GetImpersonationRoleEffectRequest>(text),
        14 => round_trip::<GetImpersonationRoleEffectResponse>(text),
        15 => round_trip::<AccessControlRule>(text),
        16 => round_trip::<ImpersonationRole>(text),
        17 => round_trip::<User>(text),
        _ => round_trip::<ApiError>(text),
    }
}
