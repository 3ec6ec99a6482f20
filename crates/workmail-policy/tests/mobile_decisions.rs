//! One test per decision of the mobile device access semantics (Part C, `D26`-`D45`), named after
//! it. The shared corpus (`tests/cases/mobile-*.json`) covers the same decisions through whole
//! scenarios.

use serde_json::{Value, json};
use workmail_policy::analysis::lint_document;
use workmail_policy::{Decision, ErrorCode, FixedEnvironment, Operation, Organization};

const ORG: &str = "m-0123456789abcdef0123456789abcdef";
const JANE: &str = "S-1-1-11-0000000001";
const DEVICE: &str = "6APMEKPHCP2ND42VIJ4BR8ECDO";

#[expect(
    clippy::panic,
    reason = "a test document that does not load is a broken test"
)]
fn load(document: &Value) -> Organization {
    match Organization::from_json(&document.to_string()) {
        Ok(loaded) => loaded.organization,
        Err(error) => panic!("{error}"),
    }
}

fn env() -> FixedEnvironment {
    FixedEnvironment::new(1_700_000_000.0, 7)
}

fn call(org: &mut Organization, operation: Operation, input: Value) -> Result<Value, ErrorCode> {
    org.call(operation, &input, &mut env())
        .map_err(|error| error.code)
}

fn effect(org: &mut Organization, device: Value) -> Result<Value, ErrorCode> {
    call(org, Operation::GetMobileDeviceAccessEffect, device)
}

fn effect_of(org: &mut Organization, device: Value) -> String {
    effect(org, device)
        .ok()
        .and_then(|response| response.get("Effect")?.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn rule(id: &str, effect: &str, conditions: &Value) -> Value {
    let mut rule = json!({"MobileDeviceAccessRuleId": id, "Name": id, "Effect": effect});
    if let (Some(rule), Some(conditions)) = (rule.as_object_mut(), conditions.as_object()) {
        rule.extend(conditions.clone());
    }
    rule
}

fn with_rules(rules: &[Value]) -> Organization {
    load(&json!({"MobileDeviceAccessRules": rules}))
}

fn directory() -> Value {
    json!([
        {"Id": JANE, "Email": "jane@example.com", "Name": "jane", "State": "ENABLED"},
        {"Id": "S-1-1-11-0000000002", "Email": "gone@example.com", "Name": "gone", "State": "DISABLED"}
    ])
}

#[test]
fn d26_document_keys_and_raw_outputs() {
    let mut new = load(&json!({}));
    assert_eq!(
        effect(&mut new, json!({})),
        Ok(
            json!({"Effect": "ALLOW", "MatchedRules": [{"MobileDeviceAccessRuleId": "default", "Name": "default"}]})
        )
    );
    let mut emptied = with_rules(&[]);
    assert_eq!(
        effect(&mut emptied, json!({"DeviceType": "iPhone"})),
        Ok(json!({"Effect": "DENY", "MatchedRules": []}))
    );
    let raw = json!({"Rules": [rule("deny", "DENY", &json!({}))]});
    let loaded = Organization::from_json(&raw.to_string()).ok();
    let rules = loaded.map(|l| l.organization.mobile_device_access_rules().len());
    assert_eq!(rules, Some(1));
}

#[test]
fn d27_the_default_rule_is_an_ordinary_rule() {
    let mut org = load(&json!({}));
    let listed = call(&mut org, Operation::ListMobileDeviceAccessRules, json!({}));
    assert_eq!(
        listed,
        Ok(json!({"Rules": [{
            "MobileDeviceAccessRuleId": "default", "Name": "default",
            "Description": "Default WorkMail Rule", "Effect": "ALLOW",
            "DateCreated": 0.0, "DateModified": 0.0
        }]}))
    );
    let update =
        json!({"MobileDeviceAccessRuleId": "default", "Name": "default", "Effect": "DENY"});
    assert_eq!(
        call(&mut org, Operation::UpdateMobileDeviceAccessRule, update),
        Ok(json!({}))
    );
    assert_eq!(effect_of(&mut org, json!({})), "DENY");
}

#[test]
fn d28_case_insensitive_plain_prefixes() {
    let mut org = with_rules(&[rule(
        "ios14",
        "ALLOW",
        &json!({"DeviceOperatingSystems": ["ios 14"]}),
    )]);
    for (os, expected) in [
        ("iOS 14.2.1 16F203", "ALLOW"),
        ("IOS 14", "ALLOW"),
        ("iOS 140", "ALLOW"),
        ("iOS 1", "DENY"),
        (" iOS 14", "DENY"),
        ("iOS 15", "DENY"),
    ] {
        assert_eq!(
            effect_of(&mut org, json!({"DeviceOperatingSystem": os})),
            expected,
            "{os}"
        );
    }
    let mut latin = with_rules(&[rule("e", "ALLOW", &json!({"DeviceModels": ["É"]}))]);
    assert_eq!(effect_of(&mut latin, json!({"DeviceModel": "é1"})), "ALLOW");
}

#[test]
fn d29_none_is_a_token_for_an_unreported_field() {
    let mut org = with_rules(&[rule(
        "apple-or-unknown",
        "ALLOW",
        &json!({"DeviceTypes": ["iphone", "$none"]}),
    )]);
    assert_eq!(effect_of(&mut org, json!({})), "ALLOW");
    assert_eq!(
        effect_of(&mut org, json!({"DeviceType": "iPhone"})),
        "ALLOW"
    );
    assert_eq!(effect_of(&mut org, json!({"DeviceType": "$NONE"})), "DENY");
    assert_eq!(effect_of(&mut org, json!({"DeviceType": "$NONEX"})), "DENY");
    let mut dollar = with_rules(&[rule("dollar", "ALLOW", &json!({"DeviceTypes": ["$"]}))]);
    assert_eq!(effect_of(&mut dollar, json!({})), "DENY");
}

#[test]
fn d30_negative_conditions_never_match_an_unreported_field() {
    let mut org = with_rules(&[rule(
        "not-android",
        "ALLOW",
        &json!({"NotDeviceTypes": ["android"]}),
    )]);
    assert_eq!(
        effect_of(&mut org, json!({"DeviceType": "iPhone"})),
        "ALLOW"
    );
    assert_eq!(
        effect_of(&mut org, json!({"DeviceType": "Android"})),
        "DENY"
    );
    assert_eq!(effect_of(&mut org, json!({})), "DENY");
    let mut reported = with_rules(&[rule(
        "reported",
        "ALLOW",
        &json!({"NotDeviceTypes": ["$NONE"]}),
    )]);
    assert_eq!(
        effect_of(&mut reported, json!({"DeviceType": "x"})),
        "ALLOW"
    );
    assert_eq!(effect_of(&mut reported, json!({})), "DENY");
}

#[test]
fn d31_all_present_lists_must_hold_and_empty_lists_are_invalid() {
    let mut org = with_rules(&[rule(
        "ios-not-15",
        "ALLOW",
        &json!({"DeviceOperatingSystems": ["iOS"], "NotDeviceOperatingSystems": ["iOS 15"], "DeviceTypes": ["iPhone"]}),
    )]);
    let device = |os: &str, kind: &str| json!({"DeviceOperatingSystem": os, "DeviceType": kind});
    assert_eq!(effect_of(&mut org, device("iOS 16.1", "iPhone")), "ALLOW");
    assert_eq!(effect_of(&mut org, device("iOS 15.7", "iPhone")), "DENY");
    assert_eq!(effect_of(&mut org, device("iOS 16.1", "iPad")), "DENY");
    let create = json!({"Name": "empty", "Effect": "ALLOW", "DeviceTypes": []});
    assert_eq!(
        call(&mut org, Operation::CreateMobileDeviceAccessRule, create),
        Err(ErrorCode::InvalidParameterException)
    );
    let document =
        json!({"MobileDeviceAccessRules": [rule("e", "ALLOW", &json!({"DeviceTypes": []}))]});
    assert!(Organization::from_json(&document.to_string()).is_err());
}

#[test]
fn d32_deny_wins_and_matched_rules_hold_ids_and_names_in_order() {
    let mut org = with_rules(&[
        rule("a1", "ALLOW", &json!({})),
        rule("d1", "DENY", &json!({"DeviceTypes": ["android"]})),
        rule("a2", "ALLOW", &json!({"DeviceTypes": ["and"]})),
        rule("d2", "DENY", &json!({"DeviceModels": ["$NONE"]})),
    ]);
    assert_eq!(
        effect(&mut org, json!({"DeviceType": "Android"})),
        Ok(json!({"Effect": "DENY", "MatchedRules": [
            {"MobileDeviceAccessRuleId": "d1", "Name": "d1"},
            {"MobileDeviceAccessRuleId": "d2", "Name": "d2"}
        ]}))
    );
    assert_eq!(
        effect(
            &mut org,
            json!({"DeviceType": "Android-ish", "DeviceModel": "x"})
        ),
        Ok(
            json!({"Effect": "DENY", "MatchedRules": [{"MobileDeviceAccessRuleId": "d1", "Name": "d1"}]})
        )
    );
    assert_eq!(
        effect(
            &mut org,
            json!({"DeviceType": "iPhone", "DeviceModel": "x"})
        ),
        Ok(
            json!({"Effect": "ALLOW", "MatchedRules": [{"MobileDeviceAccessRuleId": "a1", "Name": "a1"}]})
        )
    );
}

#[test]
fn d33_the_effect_call_ignores_overrides() {
    let mut org = load(&json!({
        "MobileDeviceAccessRules": [rule("deny-all", "DENY", &json!({}))],
        "MobileDeviceAccessOverrides": [{"UserId": JANE, "DeviceId": DEVICE, "Effect": "ALLOW"}]
    }));
    assert_eq!(effect_of(&mut org, json!({})), "DENY");
    assert_eq!(
        effect(&mut org, json!({"UserId": JANE})),
        Err(ErrorCode::InvalidParameterException)
    );
}

#[test]
fn d34_uuid_ids_creation_order_and_full_replacement() {
    let mut org = load(&json!({}));
    let created = call(
        &mut org,
        Operation::CreateMobileDeviceAccessRule,
        json!({"Name": "android", "Description": "no Android", "Effect": "DENY", "DeviceTypes": ["android"]}),
    )
    .unwrap_or_default();
    let id = created["MobileDeviceAccessRuleId"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        uuid::Uuid::parse_str(&id).is_ok() && id == id.to_ascii_lowercase(),
        "{id}"
    );
    let update = json!({"MobileDeviceAccessRuleId": id, "Name": "android", "Effect": "DENY", "DeviceModels": ["Pixel"]});
    assert_eq!(
        call(&mut org, Operation::UpdateMobileDeviceAccessRule, update),
        Ok(json!({}))
    );
    let listed =
        call(&mut org, Operation::ListMobileDeviceAccessRules, json!({})).unwrap_or_default();
    let second = &listed["Rules"][1];
    assert_eq!(second["MobileDeviceAccessRuleId"], json!(id));
    assert_eq!(second.get("Description"), None);
    assert_eq!(second.get("DeviceTypes"), None);
    assert_eq!(second["DeviceModels"], json!(["Pixel"]));
    assert_eq!(listed["Rules"][0]["Name"], "default");
}

#[test]
fn d35_ten_rules_at_most_the_default_included() {
    let mut org = load(&json!({}));
    for at in 1..10 {
        let create = json!({"Name": format!("r{at}"), "Effect": "ALLOW"});
        assert!(call(&mut org, Operation::CreateMobileDeviceAccessRule, create).is_ok());
    }
    let eleventh = json!({"Name": "r10", "Effect": "ALLOW"});
    assert_eq!(
        call(&mut org, Operation::CreateMobileDeviceAccessRule, eleventh),
        Err(ErrorCode::LimitExceededException)
    );
    let bad = json!({"Name": "r10", "Effect": "MAYBE"});
    assert_eq!(
        call(&mut org, Operation::CreateMobileDeviceAccessRule, bad),
        Err(ErrorCode::InvalidParameterException)
    );
}

#[test]
fn d36_client_token_makes_create_idempotent_even_at_the_limit() {
    let mut org = load(&json!({}));
    let mut env = env();
    let first = org
        .call(
            Operation::CreateMobileDeviceAccessRule,
            &json!({"ClientToken": "t-1", "Name": "a", "Effect": "ALLOW"}),
            &mut env,
        )
        .unwrap_or_default();
    for at in 2..10 {
        let create = json!({"Name": format!("r{at}"), "Effect": "ALLOW"});
        assert!(
            org.call(Operation::CreateMobileDeviceAccessRule, &create, &mut env)
                .is_ok()
        );
    }
    let again = org
        .call(
            Operation::CreateMobileDeviceAccessRule,
            &json!({"ClientToken": "t-1", "Name": "other", "Effect": "DENY"}),
            &mut env,
        )
        .unwrap_or_default();
    assert_eq!(again, first);
    assert_eq!(org.mobile_device_access_rules().len(), 10);
    let saved: Value = serde_json::from_str(&org.to_json()).unwrap_or_default();
    assert_eq!(
        saved["Emulator"]["MobileClientTokens"][0]["ClientToken"],
        "t-1"
    );
}

#[test]
fn d37_update_of_unknown_fails_delete_of_unknown_succeeds() {
    let mut org = load(&json!({}));
    let update = json!({"MobileDeviceAccessRuleId": "nope", "Name": "n", "Effect": "DENY"});
    assert_eq!(
        call(&mut org, Operation::UpdateMobileDeviceAccessRule, update),
        Err(ErrorCode::EntityNotFoundException)
    );
    let delete = json!({"MobileDeviceAccessRuleId": "nope"});
    assert_eq!(
        call(&mut org, Operation::DeleteMobileDeviceAccessRule, delete),
        Ok(json!({}))
    );
    let delete = json!({"MobileDeviceAccessRuleId": "default"});
    assert_eq!(
        call(&mut org, Operation::DeleteMobileDeviceAccessRule, delete),
        Ok(json!({}))
    );
    assert_eq!(effect_of(&mut org, json!({})), "DENY");
}

#[test]
fn d38_overrides_are_keyed_by_user_and_device_ignoring_case() {
    let mut org = load(&json!({"Users": directory()}));
    let put = |device: &str, effect: &str| json!({"UserId": "jane@example.com", "DeviceId": device, "Effect": effect, "Description": "first"});
    assert!(
        call(
            &mut org,
            Operation::PutMobileDeviceAccessOverride,
            put(DEVICE, "DENY")
        )
        .is_ok()
    );
    let mut later = env();
    later.set_now(1_700_000_100.0);
    let replace =
        json!({"UserId": "jane", "DeviceId": DEVICE.to_ascii_lowercase(), "Effect": "ALLOW"});
    assert!(
        org.call(
            Operation::PutMobileDeviceAccessOverride,
            &replace,
            &mut later
        )
        .is_ok()
    );
    let got = call(
        &mut org,
        Operation::GetMobileDeviceAccessOverride,
        json!({"UserId": JANE, "DeviceId": DEVICE}),
    );
    assert_eq!(
        got,
        Ok(json!({
            "UserId": JANE, "DeviceId": DEVICE.to_ascii_lowercase(), "Effect": "ALLOW",
            "DateCreated": 1_700_000_000.0, "DateModified": 1_700_000_100.0
        }))
    );
    assert_eq!(org.mobile_device_access_overrides().len(), 1);
}

#[test]
fn d39_a_stored_override_user_reloads_as_it_was_resolved() {
    // A user ID is any text of 12 to 256 characters (`WorkMailIdentifier`), so it may hold
    // characters a request's `EntityIdentifier` may not; without a directory the identifier is
    // stored as given, which may be shorter.
    let mut org = load(&json!({"Users": [
        {"Id": "S-1-1-11=0000000002", "Email": "user2@example.com", "Name": "user2", "State": "ENABLED"}]}));
    let put = json!({"UserId": "user2", "DeviceId": "abc", "Effect": "ALLOW"});
    assert!(call(&mut org, Operation::PutMobileDeviceAccessOverride, put).is_ok());
    let mut without = load(&json!({}));
    let put = json!({"UserId": "jane", "DeviceId": "abc", "Effect": "DENY"});
    assert!(call(&mut without, Operation::PutMobileDeviceAccessOverride, put).is_ok());
    for saved in [org.to_json(), without.to_json()] {
        let reloaded = Organization::from_json(&saved).map(|l| l.organization);
        assert!(reloaded.is_ok(), "{saved}");
    }
    let short = json!({"MobileDeviceAccessOverrides": [
        {"UserId": "ja ne", "DeviceId": "abc", "Effect": "ALLOW"}]});
    let error = Organization::from_json(&short.to_string())
        .err()
        .map(|e| e.to_string());
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("MobileDeviceAccessOverrides[0].UserId")),
        "{error:?}"
    );
}

#[test]
fn d39_users_resolve_and_state_matters_only_for_put() {
    let mut org = load(&json!({"Users": directory()}));
    let put = |user: &str| json!({"UserId": user, "DeviceId": "abc", "Effect": "ALLOW"});
    assert_eq!(
        call(
            &mut org,
            Operation::PutMobileDeviceAccessOverride,
            put("nobody")
        ),
        Err(ErrorCode::EntityNotFoundException)
    );
    assert_eq!(
        call(
            &mut org,
            Operation::PutMobileDeviceAccessOverride,
            put("gone")
        ),
        Err(ErrorCode::EntityStateException)
    );
    let get = json!({"UserId": "gone@example.com", "DeviceId": "abc"});
    assert_eq!(
        call(&mut org, Operation::GetMobileDeviceAccessOverride, get),
        Err(ErrorCode::ResourceNotFoundException)
    );
    let mut without = load(&json!({}));
    assert!(
        call(
            &mut without,
            Operation::PutMobileDeviceAccessOverride,
            put("Jane@Example.com")
        )
        .is_ok()
    );
    let listed = call(
        &mut without,
        Operation::ListMobileDeviceAccessOverrides,
        json!({"UserId": "jane@example.com"}),
    )
    .unwrap_or_default();
    assert_eq!(listed["Overrides"][0]["UserId"], "Jane@Example.com");
    let other = json!({"UserId": "jane", "DeviceId": "abc"});
    assert_eq!(
        call(
            &mut without,
            Operation::GetMobileDeviceAccessOverride,
            other
        ),
        Err(ErrorCode::ResourceNotFoundException)
    );
}

#[test]
fn d40_get_missing_fails_delete_missing_succeeds() {
    let mut org = load(&json!({"Users": directory()}));
    let request = json!({"UserId": "jane", "DeviceId": "abc"});
    assert_eq!(
        call(
            &mut org,
            Operation::GetMobileDeviceAccessOverride,
            request.clone()
        ),
        Err(ErrorCode::ResourceNotFoundException)
    );
    assert_eq!(
        call(
            &mut org,
            Operation::DeleteMobileDeviceAccessOverride,
            request
        ),
        Ok(json!({}))
    );
    let unknown = json!({"UserId": "nobody", "DeviceId": "abc"});
    assert_eq!(
        call(
            &mut org,
            Operation::DeleteMobileDeviceAccessOverride,
            unknown
        ),
        Err(ErrorCode::EntityNotFoundException)
    );
}

#[test]
fn d41_list_filters_pages_and_refuses_foreign_tokens() {
    let mut org = load(&json!({"OrganizationId": ORG, "Users": directory()}));
    for device in ["aaa", "bbb", "ccc"] {
        let put = json!({"UserId": JANE, "DeviceId": device, "Effect": "ALLOW"});
        assert!(call(&mut org, Operation::PutMobileDeviceAccessOverride, put).is_ok());
    }
    let page = call(
        &mut org,
        Operation::ListMobileDeviceAccessOverrides,
        json!({"MaxResults": 2}),
    )
    .unwrap_or_default();
    assert_eq!(page["Overrides"].as_array().map(Vec::len), Some(2));
    let token = page["NextToken"].clone();
    let rest = call(
        &mut org,
        Operation::ListMobileDeviceAccessOverrides,
        json!({"MaxResults": 2, "NextToken": token}),
    )
    .unwrap_or_default();
    assert_eq!(rest["Overrides"][0]["DeviceId"], "ccc");
    assert_eq!(rest.get("NextToken"), None);
    let filtered = call(
        &mut org,
        Operation::ListMobileDeviceAccessOverrides,
        json!({"DeviceId": "BBB"}),
    )
    .unwrap_or_default();
    assert_eq!(filtered["Overrides"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        call(
            &mut org,
            Operation::ListMobileDeviceAccessOverrides,
            json!({"DeviceId": "aaa", "NextToken": page["NextToken"].clone()})
        ),
        Err(ErrorCode::InvalidParameterException)
    );
    assert_eq!(
        call(
            &mut org,
            Operation::ListMobileDeviceAccessOverrides,
            json!({"DeviceId": "zzz"})
        ),
        Ok(json!({"Overrides": []}))
    );
}

#[test]
fn d42_an_override_replaces_the_rules_answer_both_ways() {
    let mut org = load(&json!({
        "Users": directory(),
        "MobileDeviceAccessRules": [rule("deny-android", "DENY", &json!({"DeviceTypes": ["android"]})), rule("all", "ALLOW", &json!({}))],
        "MobileDeviceAccessOverrides": [
            {"UserId": JANE, "DeviceId": "allowed", "Effect": "ALLOW"},
            {"UserId": JANE, "DeviceId": "blocked", "Effect": "DENY"}
        ]
    }));
    let ask =
        |device_id: &str| json!({"UserId": "jane", "DeviceId": device_id, "DeviceType": "Android"});
    let allowed = call(
        &mut org,
        Operation::EvaluateMobileDeviceAccess,
        ask("ALLOWED"),
    )
    .unwrap_or_default();
    assert_eq!(
        (allowed["Effect"].clone(), allowed["DecidedBy"].clone()),
        (json!("ALLOW"), json!("OVERRIDE"))
    );
    assert_eq!(allowed["Rules"]["Effect"], "DENY");
    assert_eq!(allowed["Override"]["DeviceId"], "allowed");
    let plain = call(
        &mut org,
        Operation::EvaluateMobileDeviceAccess,
        ask("other"),
    )
    .unwrap_or_default();
    assert_eq!(
        (plain["Effect"].clone(), plain["DecidedBy"].clone()),
        (json!("DENY"), json!("RULES"))
    );
    assert_eq!(plain.get("Override"), None);
    let iphone = json!({"UserId": JANE, "DeviceId": "blocked", "DeviceType": "iPhone"});
    let blocked = call(&mut org, Operation::EvaluateMobileDeviceAccess, iphone).unwrap_or_default();
    assert_eq!(
        (
            blocked["Effect"].clone(),
            blocked["Rules"]["Effect"].clone()
        ),
        (json!("DENY"), json!("ALLOW"))
    );
}

#[test]
fn d43_an_access_control_deny_is_final() {
    let mut org = load(&json!({
        "Users": directory(),
        "AccessControlRules": [
            {"Name": "default", "Effect": "ALLOW"},
            {"Name": "office-only", "Effect": "DENY", "NotIpRanges": ["203.0.113.0/24"], "Actions": ["ActiveSync"]}
        ],
        "MobileDeviceAccessOverrides": [{"UserId": JANE, "DeviceId": "abc", "Effect": "ALLOW"}]
    }));
    let ask = |ip: &str| json!({"UserId": "jane", "DeviceId": "abc", "IpAddress": ip});
    let outside = call(
        &mut org,
        Operation::EvaluateMobileDeviceAccess,
        ask("198.51.100.1"),
    )
    .unwrap_or_default();
    assert_eq!(
        (outside["Effect"].clone(), outside["DecidedBy"].clone()),
        (json!("DENY"), json!("ACCESS_CONTROL"))
    );
    assert_eq!(
        outside["AccessControl"]["MatchedRules"],
        json!(["office-only"])
    );
    let inside = call(
        &mut org,
        Operation::EvaluateMobileDeviceAccess,
        ask("203.0.113.9"),
    )
    .unwrap_or_default();
    assert_eq!(
        (inside["Effect"].clone(), inside["DecidedBy"].clone()),
        (json!("ALLOW"), json!("OVERRIDE"))
    );
    assert_eq!(
        call(&mut org, Operation::EvaluateMobileDeviceAccess, ask("::1")),
        Err(ErrorCode::InvalidParameterException)
    );
}

#[test]
fn d44_device_strings_names_descriptions_and_device_ids() {
    let mut org = load(&json!({}));
    for bad in [
        json!({"DeviceType": "iPhone\t"}),
        json!({"DeviceType": "iPhone™"}),
        json!({"DeviceType": ""}),
        json!({"DeviceModel": "x".repeat(257)}),
    ] {
        assert_eq!(
            effect(&mut org, bad.clone()),
            Err(ErrorCode::InvalidParameterException),
            "{bad}"
        );
    }
    assert!(effect(&mut org, json!({"DeviceType": "ÿ"})).is_ok());
    let create = |name: &str, description: &str| json!({"Name": name, "Description": description, "Effect": "ALLOW"});
    for bad in [
        create("", "d"),
        create("n", ""),
        create(&"n".repeat(65), "d"),
    ] {
        assert_eq!(
            call(&mut org, Operation::CreateMobileDeviceAccessRule, bad),
            Err(ErrorCode::InvalidParameterException)
        );
    }
    assert!(
        call(
            &mut org,
            Operation::CreateMobileDeviceAccessRule,
            create("any <name> \\ at all", "d")
        )
        .is_ok()
    );
    for device in ["6APM-EKPH", &"A".repeat(33), ""] {
        let put = json!({"UserId": "jane", "DeviceId": device, "Effect": "ALLOW"});
        assert_eq!(
            call(&mut org, Operation::PutMobileDeviceAccessOverride, put),
            Err(ErrorCode::InvalidParameterException),
            "{device}"
        );
    }
    let error = org
        .call(
            Operation::GetMobileDeviceAccessEffect,
            &json!({"DeviceType": "a\nb"}),
            &mut env(),
        )
        .err()
        .map(|error| error.message);
    assert!(error.is_some_and(|message| message.contains("`DeviceType`")));
}

#[test]
fn d45_mobile_lints_warn() {
    let document = json!({
        "Users": directory(),
        "MobileDeviceAccessRules": [
            rule("default", "ALLOW", &json!({})),
            rule("ios", "ALLOW", &json!({"DeviceOperatingSystems": ["iOS 1", "iOS 16"]})),
            rule("never", "DENY", &json!({"DeviceOperatingSystems": ["iOS 15"], "NotDeviceOperatingSystems": ["iOS"]})),
            {"MobileDeviceAccessRuleId": "ios-2", "Name": "ios", "Effect": "DENY", "DeviceTypes": ["$NONE"], "NotDeviceTypes": ["$none"]}
        ],
        "MobileDeviceAccessOverrides": [{"UserId": "S-1-1-11-0000000009", "DeviceId": "abc", "Effect": "ALLOW"}]
    });
    let report = lint_document(&document.to_string());
    assert!(report.is_ok(), "{report:?}");
    let codes = report.map(|report| report.codes()).unwrap_or_default();
    for expected in [
        "mobile-redundant-entry",
        "mobile-rule-never-matches",
        "mobile-short-version",
        "mobile-allow-beside-allow-all",
        "mobile-duplicate-rule-name",
        "unknown-override-user",
    ] {
        assert!(
            codes.contains(&expected),
            "{expected} missing from {codes:?}"
        );
    }
    assert!(Decision::ALL.contains(&Decision::D45));
}
