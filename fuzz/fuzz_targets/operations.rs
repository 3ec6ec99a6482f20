//! Sequences of typed requests (the request types' `arbitrary` derives) against a generated
//! organization, each checked like the `call` target's calls. Short strings stand for the
//! vocabulary (user IDs, emails, roles, actions, addresses, and `@N` for the N-th role of the
//! organization at that moment), so that requests are often valid and reach deep states: full
//! rule lists, twenty roles, paging, client tokens, impersonation tokens, mobile rules at their
//! limit and overrides.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use workmail_policy::{
    CreateImpersonationRoleRequest, CreateMobileDeviceAccessRuleRequest,
    DeleteAccessControlRuleRequest, DeleteMobileDeviceAccessRuleRequest, DescribeUserRequest,
    EvaluateMobileDeviceAccessRequest, FixedEnvironment, GetAccessControlEffectRequest,
    GetImpersonationRoleEffectRequest, GetMobileDeviceAccessEffectRequest,
    ImpersonationRoleRequest, ListAccessControlRulesRequest, ListImpersonationRolesRequest,
    ListMobileDeviceAccessOverridesRequest, ListMobileDeviceAccessRulesRequest, ListUsersRequest,
    MobileDeviceAccessOverrideRequest, Operation, Organization, PutAccessControlRuleRequest,
    PutMobileDeviceAccessOverrideRequest, UpdateImpersonationRoleRequest,
    UpdateMobileDeviceAccessRuleRequest,
};
use workmail_policy_fuzz::checks;
use workmail_policy_fuzz::spec::{OrganizationSpec, ROLE_IDS, TARGETS, USER_IDS};

#[derive(Debug, Arbitrary)]
enum TypedCall {
    GetAccessControlEffect(GetAccessControlEffectRequest),
    ListAccessControlRules(ListAccessControlRulesRequest),
    PutAccessControlRule(PutAccessControlRuleRequest),
    DeleteAccessControlRule(DeleteAccessControlRuleRequest),
    CreateImpersonationRole(CreateImpersonationRoleRequest),
    UpdateImpersonationRole(UpdateImpersonationRoleRequest),
    GetImpersonationRole(ImpersonationRoleRequest),
    DeleteImpersonationRole(ImpersonationRoleRequest),
    ListImpersonationRoles(ListImpersonationRolesRequest),
    AssumeImpersonationRole(ImpersonationRoleRequest),
    GetImpersonationRoleEffect(GetImpersonationRoleEffectRequest),
    CreateMobileDeviceAccessRule(CreateMobileDeviceAccessRuleRequest),
    UpdateMobileDeviceAccessRule(UpdateMobileDeviceAccessRuleRequest),
    DeleteMobileDeviceAccessRule(DeleteMobileDeviceAccessRuleRequest),
    ListMobileDeviceAccessRules(ListMobileDeviceAccessRulesRequest),
    GetMobileDeviceAccessEffect(GetMobileDeviceAccessEffectRequest),
    PutMobileDeviceAccessOverride(PutMobileDeviceAccessOverrideRequest),
    GetMobileDeviceAccessOverride(MobileDeviceAccessOverrideRequest),
    DeleteMobileDeviceAccessOverride(MobileDeviceAccessOverrideRequest),
    ListMobileDeviceAccessOverrides(ListMobileDeviceAccessOverridesRequest),
    EvaluateMobileDeviceAccess(EvaluateMobileDeviceAccessRequest),
    ListUsers(ListUsersRequest),
    DescribeUser(DescribeUserRequest),
}

#[derive(Debug, Arbitrary)]
struct Input {
    organization: OrganizationSpec,
    calls: Vec<TypedCall>,
}

const WORDS: [&str; 22] = [
    "ALLOW",
    "DENY",
    "IMAP",
    "EWS",
    "SMTP",
    "192.0.2.1",
    "10.1.2.3",
    "10.0.0.0/8",
    "192.0.2.0/24",
    "READ_ONLY",
    "FULL_ACCESS",
    "m-0123456789abcdef0123456789abcdef",
    "rule-1",
    "",
    "iPhone",
    "android",
    "$NONE",
    "iOS 16.",
    "iOS 16.1 20B82",
    "6APMEKPHCP2ND42VIJ4BR8ECDO",
    "6apmekphcp2nd42vij4br8ecdo",
    "default",
];

/// A string of at most two characters stands for a vocabulary word; `@N` for a role's ID.
fn word(text: &str, organization: &Organization) -> Option<String> {
    let mut chars = text.chars();
    let first = chars.next()?;
    if chars.clone().count() > 1 {
        return None;
    }
    let n = usize::try_from(u32::from(chars.next().unwrap_or(first))).unwrap_or(0);
    if first == '@' {
        let roles = organization.impersonation_roles();
        return roles
            .get(n % roles.len().max(1))
            .map(|role| role.impersonation_role_id.clone());
    }
    let lists: [&[&str]; 4] = [&USER_IDS, &ROLE_IDS, &TARGETS, &WORDS];
    let list = lists.get(usize::try_from(u32::from(first)).unwrap_or(0) % lists.len())?;
    list.get(n % list.len().max(1)).map(|w| (*w).to_owned())
}

fn expand(value: &mut Value, organization: &Organization) {
    match value {
        Value::String(text) => {
            if let Some(replacement) = word(text, organization) {
                *text = replacement;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| expand(item, organization)),
        Value::Object(map) => map.values_mut().for_each(|item| expand(item, organization)),
        _ => {}
    }
}

fn request(call: &TypedCall) -> (Operation, Option<Value>) {
    let json = |value: Result<Value, serde_json::Error>| value.ok();
    match call {
        TypedCall::GetAccessControlEffect(r) => (
            Operation::GetAccessControlEffect,
            json(serde_json::to_value(r)),
        ),
        TypedCall::ListAccessControlRules(r) => (
            Operation::ListAccessControlRules,
            json(serde_json::to_value(r)),
        ),
        TypedCall::PutAccessControlRule(r) => (
            Operation::PutAccessControlRule,
            json(serde_json::to_value(r)),
        ),
        TypedCall::DeleteAccessControlRule(r) => (
            Operation::DeleteAccessControlRule,
            json(serde_json::to_value(r)),
        ),
        TypedCall::CreateImpersonationRole(r) => (
            Operation::CreateImpersonationRole,
            json(serde_json::to_value(r)),
        ),
        TypedCall::UpdateImpersonationRole(r) => (
            Operation::UpdateImpersonationRole,
            json(serde_json::to_value(r)),
        ),
        TypedCall::GetImpersonationRole(r) => (
            Operation::GetImpersonationRole,
            json(serde_json::to_value(r)),
        ),
        TypedCall::DeleteImpersonationRole(r) => (
            Operation::DeleteImpersonationRole,
            json(serde_json::to_value(r)),
        ),
        TypedCall::ListImpersonationRoles(r) => (
            Operation::ListImpersonationRoles,
            json(serde_json::to_value(r)),
        ),
        TypedCall::AssumeImpersonationRole(r) => (
            Operation::AssumeImpersonationRole,
            json(serde_json::to_value(r)),
        ),
        TypedCall::GetImpersonationRoleEffect(r) => (
            Operation::GetImpersonationRoleEffect,
            json(serde_json::to_value(r)),
        ),
        TypedCall::CreateMobileDeviceAccessRule(r) => (
            Operation::CreateMobileDeviceAccessRule,
            json(serde_json::to_value(r)),
        ),
        TypedCall::UpdateMobileDeviceAccessRule(r) => (
            Operation::UpdateMobileDeviceAccessRule,
            json(serde_json::to_value(r)),
        ),
        TypedCall::DeleteMobileDeviceAccessRule(r) => (
            Operation::DeleteMobileDeviceAccessRule,
            json(serde_json::to_value(r)),
        ),
        TypedCall::ListMobileDeviceAccessRules(r) => (
            Operation::ListMobileDeviceAccessRules,
            json(serde_json::to_value(r)),
        ),
        TypedCall::GetMobileDeviceAccessEffect(r) => (
            Operation::GetMobileDeviceAccessEffect,
            json(serde_json::to_value(r)),
        ),
        TypedCall::PutMobileDeviceAccessOverride(r) => (
            Operation::PutMobileDeviceAccessOverride,
            json(serde_json::to_value(r)),
        ),
        TypedCall::GetMobileDeviceAccessOverride(r) => (
            Operation::GetMobileDeviceAccessOverride,
            json(serde_json::to_value(r)),
        ),
        TypedCall::DeleteMobileDeviceAccessOverride(r) => (
            Operation::DeleteMobileDeviceAccessOverride,
            json(serde_json::to_value(r)),
        ),
        TypedCall::ListMobileDeviceAccessOverrides(r) => (
            Operation::ListMobileDeviceAccessOverrides,
            json(serde_json::to_value(r)),
        ),
        TypedCall::EvaluateMobileDeviceAccess(r) => (
            Operation::EvaluateMobileDeviceAccess,
            json(serde_json::to_value(r)),
        ),
        TypedCall::ListUsers(r) => (Operation::ListUsers, json(serde_json::to_value(r))),
        TypedCall::DescribeUser(r) => (Operation::DescribeUser, json(serde_json::to_value(r))),
    }
}

fuzz_target!(|input: Input| {
    let text = input.organization.document().to_string();
    let mut organization = match Organization::from_json(&text) {
        Ok(loaded) => loaded.organization,
        Err(_) => return,
    };
    let mut env = FixedEnvironment::new(1_700_000_000.0, 11);
    for (step, call) in (0u32..48).zip(&input.calls) {
        // A minute passes between calls, so impersonation tokens (900 seconds) expire.
        env.set_now(1_700_000_000.0 + 60.0 * f64::from(step));
        let (operation, Some(mut value)) = request(call) else {
            continue;
        };
        expand(&mut value, &organization);
        checks::call(&mut organization, operation, &value, &mut env);
    }
});
