//! The typed operations (`Organization::put_access_control_rule` and the others a Rust caller
//! uses without JSON) change the organization as their JSON form does, and the emulator keeps
//! exactly the impersonation tokens that have not expired (D19, D24).

use serde_json::{Value, json};
use workmail_policy::api::{
    CreateMobileDeviceAccessRuleRequest, CreateMobileDeviceAccessRuleResponse, DecidedBy,
    DeleteMobileDeviceAccessRuleRequest, EvaluateMobileDeviceAccessRequest,
    ImpersonationRoleRequest, MobileDeviceAccessOverrideRequest, PutAccessControlRuleRequest,
    PutMobileDeviceAccessOverrideRequest, UpdateImpersonationRoleRequest,
    UpdateMobileDeviceAccessRuleRequest,
};
use workmail_policy::{Effect, FixedEnvironment, Operation, Organization};

#[expect(
    clippy::panic,
    reason = "a test document or request that does not read is a broken test"
)]
fn read<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap_or_else(|error| panic!("{error}"))
}

#[expect(
    clippy::panic,
    reason = "a test document that does not load is a broken test"
)]
fn organization() -> Organization {
    let document = json!({"ImpersonationRoles": [{"ImpersonationRoleId": "svc", "Name": "s",
        "Type": "READ_ONLY", "Rules": []}]});
    match Organization::from_json(&document.to_string()) {
        Ok(loaded) => loaded.organization,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn typed_writes_change_the_organization() {
    let mut org = organization();
    let mut env = FixedEnvironment::new(1_700_000_000.0, 3);
    let rule: PutAccessControlRuleRequest = read(json!({"Name": "no-imap", "Effect": "DENY",
        "Description": "d", "Actions": ["IMAP"]}));
    assert!(org.put_access_control_rule(rule, &mut env).is_ok());
    let names: Vec<&str> = org
        .access_control_rules()
        .iter()
        .map(|rule| rule.name.as_str())
        .collect();
    assert!(names.contains(&"no-imap"), "{names:?}");

    let update: UpdateImpersonationRoleRequest = read(json!({"ImpersonationRoleId": "svc",
        "Name": "renamed", "Type": "FULL_ACCESS", "Rules": []}));
    assert!(org.update_impersonation_role(update, &mut env).is_ok());
    assert_eq!(
        org.impersonation_role("svc").map(|role| role.name.as_str()),
        Some("renamed")
    );

    let delete: ImpersonationRoleRequest = read(json!({"ImpersonationRoleId": "svc"}));
    assert!(org.delete_impersonation_role(&delete).is_ok());
    assert!(org.impersonation_role("svc").is_none());
}

/// The tokens the organization document keeps under `Emulator`.
fn kept_tokens(org: &Organization) -> Vec<String> {
    let document: Value = serde_json::from_str(&org.to_json()).unwrap_or_default();
    document
        .pointer("/Emulator/ImpersonationTokens")
        .and_then(Value::as_array)
        .map(|tokens| {
            tokens
                .iter()
                .filter_map(|record| record.get("Token")?.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn tokens_are_distinct_and_kept_until_they_expire() {
    let mut org = organization();
    let assume = json!({"ImpersonationRoleId": "svc"});
    let token_at = |org: &mut Organization, now: f64| {
        let mut env = FixedEnvironment::new(now, now as u64);
        org.call(Operation::AssumeImpersonationRole, &assume, &mut env)
            .ok()
            .and_then(|response| response.get("Token")?.as_str().map(str::to_owned))
            .unwrap_or_default()
    };
    let first = token_at(&mut org, 1_000.0);
    // 48 random bytes, URL-safe base64 without padding.
    assert_eq!(first.len(), 64, "{first}");
    assert!(
        first
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    // One second before the first expires (900 s after it was issued), it is kept.
    let second = token_at(&mut org, 1_899.0);
    assert_ne!(first, second);
    assert_eq!(kept_tokens(&org), [first.clone(), second.clone()]);
    // At the very second it expires, it is dropped; the second is still valid.
    let third = token_at(&mut org, 1_900.0);
    assert_eq!(kept_tokens(&org), [second, third]);
}

#[test]
fn typed_mobile_writes_change_the_organization() {
    let mut org = organization();
    let mut env = FixedEnvironment::new(1_700_000_000.0, 3);
    let create: CreateMobileDeviceAccessRuleRequest = read(json!({"Name": "no-android",
        "Effect": "DENY", "DeviceOperatingSystems": ["Android*"]}));
    let created = org.create_mobile_device_access_rule(create, &mut env);
    let Ok(CreateMobileDeviceAccessRuleResponse {
        mobile_device_access_rule_id: id,
    }) = created
    else {
        panic!("{created:?}");
    };
    let update: UpdateMobileDeviceAccessRuleRequest = read(json!({"MobileDeviceAccessRuleId": id,
        "Name": "android-allowed", "Effect": "ALLOW", "DeviceOperatingSystems": ["Android*"]}));
    assert!(
        org.update_mobile_device_access_rule(update, &mut env)
            .is_ok()
    );
    let rule = org
        .mobile_device_access_rules()
        .iter()
        .find(|rule| rule.mobile_device_access_rule_id == id)
        .map(|rule| (rule.name.as_str(), rule.effect));
    assert_eq!(rule, Some(("android-allowed", Effect::Allow)));
    let delete: DeleteMobileDeviceAccessRuleRequest = read(json!({"MobileDeviceAccessRuleId": id}));
    assert!(org.delete_mobile_device_access_rule(&delete).is_ok());
    assert!(
        org.mobile_device_access_rules()
            .iter()
            .all(|rule| rule.mobile_device_access_rule_id != id)
    );

    let put: PutMobileDeviceAccessOverrideRequest = read(json!({"UserId": "jane@example.com",
        "DeviceId": "PHONE1", "Effect": "DENY", "Description": "lost"}));
    assert!(org.put_mobile_device_access_override(put, &mut env).is_ok());
    let overrides: Vec<(&str, &str)> = org
        .mobile_device_access_overrides()
        .iter()
        .map(|item| (item.user_id.as_str(), item.device_id.as_str()))
        .collect();
    assert_eq!(overrides, [("jane@example.com", "PHONE1")]);
    // The same user in other case and the same device ignoring case: the override decides, and
    // says so.
    let ask: EvaluateMobileDeviceAccessRequest =
        read(json!({"UserId": "JANE@example.com", "DeviceId": "phone1", "DeviceType": "iPhone"}));
    let explained = org.explain_mobile_device_access(&ask);
    let Ok(explained) = explained else {
        panic!("{explained:?}");
    };
    assert_eq!(
        (explained.effect, explained.decided_by),
        (Effect::Deny, DecidedBy::Override)
    );
    let text = explained.to_string();
    assert!(
        text.starts_with("DENY  for user `JANE@example.com` on device `phone1`\nWhy: an override for this user and device replaces the rules' answer  ["),
        "{text}"
    );
    let delete: MobileDeviceAccessOverrideRequest =
        read(json!({"UserId": "Jane@Example.com", "DeviceId": "Phone1"}));
    assert!(org.delete_mobile_device_access_override(&delete).is_ok());
    assert!(org.mobile_device_access_overrides().is_empty());
    let explained = org
        .explain_mobile_device_access(&ask)
        .map(|e| e.to_string());
    assert!(
        explained
            .as_deref()
            .is_ok_and(|text| text
                .contains("Why: no override for this user and device, so the rules decide")),
        "{explained:?}"
    );
}

#[test]
fn each_gate_says_why_it_decided() {
    for (gate, words) in [
        (
            DecidedBy::AccessControl,
            "the access control rules deny ActiveSync, and no override lifts that",
        ),
        (
            DecidedBy::Override,
            "an override for this user and device replaces the rules' answer",
        ),
        (
            DecidedBy::Rules,
            "no override for this user and device, so the rules decide",
        ),
    ] {
        assert_eq!(gate.to_string(), words);
    }
}

#[test]
fn an_override_the_document_stores_by_email_is_the_directory_users() {
    let document = json!({
        "Users": [{"Id": "S-1-1-11-0000000001", "Email": "jane@example.com", "Name": "jane"}],
        "MobileDeviceAccessOverrides": [{"UserId": "jane@example.com", "DeviceId": "D1",
            "Effect": "DENY"}]});
    let loaded = Organization::from_json(&document.to_string());
    let Ok(loaded) = loaded else {
        panic!("{loaded:?}");
    };
    // Asked by the user's ID, by name and by email: the same user (D39).
    for user in ["S-1-1-11-0000000001", "jane", "JANE@example.com"] {
        let ask: EvaluateMobileDeviceAccessRequest =
            read(json!({"UserId": user, "DeviceId": "d1", "DeviceType": "iPhone"}));
        let answer = loaded.organization.evaluate_mobile_device_access(&ask);
        assert!(
            answer
                .as_ref()
                .is_ok_and(|answer| answer.decided_by == DecidedBy::Override
                    && answer.effect == Effect::Deny),
            "{user}: {answer:?}"
        );
    }
}
