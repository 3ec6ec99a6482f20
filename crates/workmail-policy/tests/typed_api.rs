//! The typed operations (`Organization::put_access_control_rule` and the others a Rust caller
//! uses without JSON) change the organization as their JSON form does, and the emulator keeps
//! exactly the impersonation tokens that have not expired (D19, D24).

use serde_json::{Value, json};
use workmail_policy::api::{
    ImpersonationRoleRequest, PutAccessControlRuleRequest, UpdateImpersonationRoleRequest,
};
use workmail_policy::{FixedEnvironment, Operation, Organization};

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
