//! One test per decision of the semantics (Part A, `D1`-`D25`), named after it. The shared corpus
//! (`tests/cases/`) covers the same decisions through whole scenarios; these tests pin each one down
//! on its own.

use serde_json::{Value, json};
use workmail_policy::{
    Basis, Decision, ErrorCode, FixedEnvironment, GetAccessControlEffectRequest,
    GetImpersonationRoleEffectRequest, Operation, Organization, Severity,
};

const ORG: &str = "m-0123456789abcdef0123456789abcdef";
const USER: &str = "S-1-1-11-1111111111-2222222222-3333333333-3333";

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

fn effect(org: &mut Organization, input: Value) -> Result<Value, ErrorCode> {
    call(org, Operation::GetAccessControlEffect, input)
}

fn user_request(ip: &str, action: &str, user: &str) -> Value {
    json!({"IpAddress": ip, "Action": action, "UserId": user})
}

fn role_request(ip: &str, role: &str) -> Value {
    json!({"IpAddress": ip, "Action": "EWS", "ImpersonationRoleId": role})
}

#[test]
fn d1_no_rules_key_is_a_new_organization_and_an_empty_list_denies_everything() {
    let mut new = load(&json!({}));
    assert_eq!(
        effect(&mut new, user_request("192.0.2.1", "IMAP", USER)),
        Ok(json!({"Effect": "ALLOW", "MatchedRules": ["default"]}))
    );
    let mut emptied = load(&json!({"AccessControlRules": []}));
    assert_eq!(
        effect(&mut emptied, user_request("192.0.2.1", "IMAP", USER)),
        Ok(json!({"Effect": "DENY", "MatchedRules": []}))
    );
}

#[test]
fn d2_without_a_directory_users_are_taken_as_given() {
    let mut org = load(&json!({}));
    assert!(
        effect(
            &mut org,
            user_request("192.0.2.1", "IMAP", "S-1-1-11-made-up")
        )
        .is_ok()
    );
    let mut with_directory = load(&json!({"Users": [{"Id": USER}]}));
    assert_eq!(
        effect(
            &mut with_directory,
            user_request("192.0.2.1", "IMAP", "S-1-1-11-made-up")
        ),
        Err(ErrorCode::EntityNotFoundException)
    );
}

#[test]
fn d3_cli_v1_and_v2_output_load_the_same_and_unknown_keys_warn() {
    let v1 = r#"{"Rules": [{"Name": "r", "Effect": "ALLOW", "DateCreated": 1664897541.717, "DateModified": 0}]}"#;
    let v2 = r#"{"Rules": [{"Name": "r", "Effect": "ALLOW", "DateCreated": "2022-10-04T08:32:21.717000-07:00",
                 "DateModified": "1970-01-01T00:00:00+00:00"}], "ResponseMetadata": {"RequestId": "x"}}"#;
    let a = Organization::from_json(v1).map(|l| l.organization).ok();
    let b = Organization::from_json(v2);
    let warnings: Vec<(&str, Severity)> = b
        .as_ref()
        .map(|l| l.warnings.iter().map(|w| (w.code, w.severity)).collect())
        .unwrap_or_default();
    assert_eq!(warnings, [("unknown-member", Severity::Warning)]);
    assert_eq!(a, b.ok().map(|l| l.organization));
}

#[test]
fn d4_organization_id_may_be_omitted_and_must_otherwise_match() {
    let mut org = load(&json!({"OrganizationId": ORG}));
    let list = Operation::ListAccessControlRules;
    assert!(call(&mut org, list, json!({})).is_ok());
    assert!(call(&mut org, list, json!({"OrganizationId": ORG})).is_ok());
    assert_eq!(
        call(
            &mut org,
            list,
            json!({"OrganizationId": "m-ffffffffffffffffffffffffffffffff"})
        ),
        Err(ErrorCode::OrganizationNotFoundException)
    );
    assert_eq!(
        call(
            &mut org,
            list,
            json!({"OrganizationId": "m-n1pq2345678r901st2u3vx45x6789yza"})
        ),
        Err(ErrorCode::InvalidParameterException)
    );
}

#[test]
fn d5_not_user_ids_holds_for_role_request() {
    let mut org = load(&json!({
        "AccessControlRules": [{"Name": "r", "Effect": "DENY", "NotUserIds": [USER]}],
        "ImpersonationRoles": [{"ImpersonationRoleId": "svc", "Name": "s", "Type": "READ_ONLY", "Rules": []}]
    }));
    assert_eq!(
        effect(&mut org, role_request("192.0.2.1", "svc")),
        Ok(json!({"Effect": "DENY", "MatchedRules": ["r"]}))
    );
    let explanation = org.explain_access(&GetAccessControlEffectRequest {
        ip_address: "192.0.2.1".into(),
        action: "EWS".into(),
        impersonation_role_id: Some("svc".into()),
        ..Default::default()
    });
    let condition = explanation.map(|e| e.rules[0].conditions[5].clone()).ok();
    assert_eq!(
        condition.map(|c| (c.holds, c.basis)),
        Some((true, Basis::Decided(Decision::D5)))
    );
}

#[test]
fn d5_user_ids_never_match_a_role_and_role_ids_never_match_a_user() {
    let mut org = load(&json!({
        "AccessControlRules": [
            {"Name": "users", "Effect": "ALLOW", "UserIds": [USER]},
            {"Name": "roles", "Effect": "ALLOW", "ImpersonationRoleIds": ["svc"]},
            {"Name": "not-roles", "Effect": "ALLOW", "NotImpersonationRoleIds": ["svc"], "Actions": ["IMAP"]}
        ],
        "ImpersonationRoles": [{"ImpersonationRoleId": "svc", "Name": "s", "Type": "READ_ONLY", "Rules": []}]
    }));
    assert_eq!(
        effect(&mut org, role_request("192.0.2.1", "svc")),
        Ok(json!({"Effect": "ALLOW", "MatchedRules": ["roles"]}))
    );
    assert_eq!(
        effect(&mut org, user_request("192.0.2.1", "IMAP", USER)),
        Ok(json!({"Effect": "ALLOW", "MatchedRules": ["users", "not-roles"]}))
    );
}

#[test]
fn d5_empty_and_absent_lists_are_no_condition() {
    let mut org = load(&json!({"AccessControlRules": [
        {"Name": "empty", "Effect": "DENY", "IpRanges": [], "Actions": [], "UserIds": []}
    ]}));
    assert_eq!(
        effect(&mut org, user_request("198.51.100.7", "SMTP", USER)),
        Ok(json!({"Effect": "DENY", "MatchedRules": ["empty"]}))
    );
}

#[test]
fn d6_deny_wins_and_matched_rules_follow_rule_order() {
    let mut org = load(&json!({"AccessControlRules": [
        {"Name": "a-allow", "Effect": "ALLOW"},
        {"Name": "z-deny", "Effect": "DENY", "Actions": ["IMAP"]},
        {"Name": "b-allow", "Effect": "ALLOW"},
        {"Name": "c-deny", "Effect": "DENY"}
    ]}));
    assert_eq!(
        effect(&mut org, user_request("192.0.2.1", "IMAP", USER)),
        Ok(json!({"Effect": "DENY", "MatchedRules": ["z-deny", "c-deny"]}))
    );
}

#[test]
fn d7_actions_are_canonical_and_case_sensitive() {
    let mut org = load(&json!({}));
    for action in ["imap", "Imap", "POP3", "ews", "OWA"] {
        assert_eq!(
            effect(&mut org, user_request("192.0.2.1", action, USER)),
            Err(ErrorCode::InvalidParameterException),
            "{action}"
        );
    }
    let document =
        json!({"AccessControlRules": [{"Name": "r", "Effect": "ALLOW", "Actions": ["imap"]}]});
    let error = Organization::from_json(&document.to_string()).err();
    assert_eq!(error.map(|e| e.diagnostics[0].code), Some("enum"));
}

#[test]
fn d8_ipv4_only_and_host_bits_are_masked() {
    let mut org = load(
        &json!({"AccessControlRules": [{"Name": "r", "Effect": "DENY", "IpRanges": ["10.9.9.9/8"]}]}),
    );
    assert_eq!(
        effect(&mut org, user_request("10.0.0.1", "IMAP", USER)),
        Ok(json!({"Effect": "DENY", "MatchedRules": ["r"]}))
    );
    assert_eq!(
        effect(&mut org, user_request("::1", "IMAP", USER)),
        Err(ErrorCode::InvalidParameterException)
    );
    let put = json!({"Name": "v6", "Effect": "DENY", "Description": "", "NotIpRanges": ["::/0"]});
    assert_eq!(
        call(&mut org, Operation::PutAccessControlRule, put),
        Err(ErrorCode::InvalidParameterException)
    );
}

#[test]
fn d9_ten_rules_at_most_and_replacing_keeps_place_and_creation() {
    let mut org = load(&json!({}));
    for i in 1..10 {
        let put = json!({"Name": format!("r{i}"), "Effect": "ALLOW", "Description": ""});
        assert_eq!(
            call(&mut org, Operation::PutAccessControlRule, put),
            Ok(json!({}))
        );
    }
    let eleventh = json!({"Name": "r10", "Effect": "ALLOW", "Description": ""});
    assert_eq!(
        call(&mut org, Operation::PutAccessControlRule, eleventh),
        Err(ErrorCode::LimitExceededException)
    );
    let replace = json!({"Name": "default", "Effect": "DENY", "Description": "replaced"});
    let mut later = FixedEnvironment::new(1_800_000_000.0, 1);
    assert!(
        org.call(Operation::PutAccessControlRule, &replace, &mut later)
            .is_ok()
    );
    let first = &org.access_control_rules()[0];
    assert_eq!(first.name, "default");
    assert_eq!(first.date_created.map(|t| t.epoch_seconds()), Some(0.0));
    assert_eq!(
        first.date_modified.map(|t| t.epoch_seconds()),
        Some(1_800_000_000.0)
    );
}

#[test]
fn d10_put_requires_description_and_known_references() {
    let mut org = load(&json!({"Users": [{"Id": USER}], "ImpersonationRoles": []}));
    let put = Operation::PutAccessControlRule;
    assert_eq!(
        call(&mut org, put, json!({"Name": "r", "Effect": "DENY"})),
        Err(ErrorCode::InvalidParameterException)
    );
    assert_eq!(
        call(
            &mut org,
            put,
            json!({"Name": "r", "Effect": "DENY", "Description": "", "NotUserIds": ["S-1-1-11-someone-else"]})
        ),
        Err(ErrorCode::EntityNotFoundException)
    );
    assert_eq!(
        call(
            &mut org,
            put,
            json!({"Name": "r", "Effect": "DENY", "Description": "", "ImpersonationRoleIds": ["ghost"]})
        ),
        Err(ErrorCode::ResourceNotFoundException)
    );
    assert_eq!(
        call(
            &mut org,
            put,
            json!({"Name": "r", "Effect": "DENY", "Description": "", "UserIds": [USER]})
        ),
        Ok(json!({}))
    );
}

#[test]
fn d11_exactly_one_principal_and_roles_only_with_ews() {
    let mut org = load(&json!({
        "ImpersonationRoles": [{"ImpersonationRoleId": "svc", "Name": "s", "Type": "READ_ONLY", "Rules": []}]
    }));
    let both = json!({"IpAddress": "192.0.2.1", "Action": "EWS", "UserId": USER, "ImpersonationRoleId": "svc"});
    let neither = json!({"IpAddress": "192.0.2.1", "Action": "EWS"});
    let role_imap =
        json!({"IpAddress": "192.0.2.1", "Action": "IMAP", "ImpersonationRoleId": "svc"});
    for input in [both, neither, role_imap] {
        assert_eq!(
            effect(&mut org, input),
            Err(ErrorCode::InvalidParameterException)
        );
    }
    assert_eq!(
        effect(&mut org, role_request("192.0.2.1", "ghost")),
        Err(ErrorCode::ResourceNotFoundException)
    );
}

fn impersonation_org() -> Organization {
    load(&impersonation_document())
}

fn impersonation_document() -> Value {
    json!({
        "Users": [
            {"Id": "S-1-1-11-0000000001", "Email": "ceo@example.com", "Name": "ceo", "State": "ENABLED"},
            {"Id": "S-1-1-11-0000000002", "Email": "jane@example.com", "Name": "jane"},
            {"Id": "S-1-1-11-0000000003", "Email": "gone@example.com", "Name": "gone", "State": "DELETED"}
        ],
        "ImpersonationRoles": [{
            "ImpersonationRoleId": "archiver", "Name": "Archiver", "Type": "READ_ONLY",
            "Rules": [
                {"ImpersonationRuleId": "all", "Effect": "ALLOW"},
                {"ImpersonationRuleId": "no-ceo", "Name": "No CEO", "Effect": "DENY", "TargetUsers": ["CEO@EXAMPLE.COM"]}
            ]
        }]
    })
}

fn role_effect(org: &mut Organization, target: &str) -> Result<Value, ErrorCode> {
    call(
        org,
        Operation::GetImpersonationRoleEffect,
        json!({"ImpersonationRoleId": "archiver", "TargetUser": target}),
    )
}

#[test]
fn d12_target_user_resolves_by_id_email_or_name_and_state_matters() {
    let mut org = impersonation_org();
    let denied = json!({"Type": "READ_ONLY", "Effect": "DENY",
        "MatchedRules": [{"ImpersonationRuleId": "no-ceo", "Name": "No CEO"}]});
    for target in ["S-1-1-11-0000000001", "Ceo@Example.com", "CEO"] {
        assert_eq!(
            role_effect(&mut org, target),
            Ok(denied.clone()),
            "{target}"
        );
    }
    assert_eq!(
        role_effect(&mut org, "nobody"),
        Err(ErrorCode::EntityNotFoundException)
    );
    assert_eq!(
        role_effect(&mut org, "gone"),
        Err(ErrorCode::EntityStateException)
    );
}

#[test]
fn d13_target_entries_are_stored_as_given_and_must_resolve() {
    let mut org = impersonation_org();
    let create = json!({"Name": "Helpdesk", "Type": "FULL_ACCESS",
        "Rules": [{"ImpersonationRuleId": "r", "Effect": "ALLOW", "TargetUsers": ["JANE"]}]});
    let created = call(&mut org, Operation::CreateImpersonationRole, create);
    let id = created
        .ok()
        .and_then(|v| v["ImpersonationRoleId"].as_str().map(str::to_owned));
    let role = id.as_deref().and_then(|id| org.impersonation_role(id));
    assert_eq!(
        role.map(|r| r.rules[0].target_users.clone()),
        Some(vec!["JANE".to_owned()])
    );
    let unknown = json!({"Name": "Ghost", "Type": "FULL_ACCESS",
        "Rules": [{"ImpersonationRuleId": "r", "Effect": "ALLOW", "NotTargetUsers": ["ghost"]}]});
    assert_eq!(
        call(&mut org, Operation::CreateImpersonationRole, unknown),
        Err(ErrorCode::EntityNotFoundException)
    );
}

#[test]
fn d14_rules_without_lists_match_everyone_and_deny_wins() {
    let mut org = impersonation_org();
    assert_eq!(
        role_effect(&mut org, "jane"),
        Ok(
            json!({"Type": "READ_ONLY", "Effect": "ALLOW", "MatchedRules": [{"ImpersonationRuleId": "all"}]})
        )
    );
    let explanation = org.explain_impersonation(&GetImpersonationRoleEffectRequest {
        impersonation_role_id: "archiver".into(),
        target_user: "ceo".into(),
        ..Default::default()
    });
    let rules = explanation.map(|e| e.rules).unwrap_or_default();
    assert!(rules[0].matched && !rules[0].deciding && rules[1].deciding);
}

#[test]
fn d15_rule_ids_unique_ten_rules_twenty_roles() {
    let mut org = load(&json!({}));
    let twins = json!({"Name": "t", "Type": "READ_ONLY", "Rules": [
        {"ImpersonationRuleId": "x", "Effect": "ALLOW"}, {"ImpersonationRuleId": "x", "Effect": "DENY"}]});
    assert_eq!(
        call(&mut org, Operation::CreateImpersonationRole, twins),
        Err(ErrorCode::InvalidParameterException)
    );
    let rules: Vec<Value> = (0..11)
        .map(|i| json!({"ImpersonationRuleId": format!("r{i}"), "Effect": "ALLOW"}))
        .collect();
    let eleven = json!({"Name": "t", "Type": "READ_ONLY", "Rules": rules});
    assert_eq!(
        call(&mut org, Operation::CreateImpersonationRole, eleven),
        Err(ErrorCode::InvalidParameterException)
    );
    let mut env = FixedEnvironment::new(1_700_000_000.0, 3);
    let same_name = json!({"Name": "same", "Type": "READ_ONLY", "Rules": []});
    for _ in 0..20 {
        assert!(
            org.call(Operation::CreateImpersonationRole, &same_name, &mut env)
                .is_ok()
        );
    }
    assert_eq!(
        org.call(Operation::CreateImpersonationRole, &same_name, &mut env)
            .map_err(|e| e.code),
        Err(ErrorCode::LimitExceededException)
    );
}

#[test]
fn d16_client_token_makes_create_idempotent() {
    let mut org = load(&json!({}));
    let mut env = FixedEnvironment::new(1_700_000_000.0, 9);
    let create = json!({"ClientToken": "once", "Name": "r", "Type": "READ_ONLY", "Rules": []});
    let first = org
        .call(Operation::CreateImpersonationRole, &create, &mut env)
        .ok();
    let again = org
        .call(Operation::CreateImpersonationRole, &create, &mut env)
        .ok();
    assert_eq!(first, again);
    assert_eq!(org.impersonation_roles().len(), 1);
    let id = first
        .and_then(|v| v["ImpersonationRoleId"].as_str().map(str::to_owned))
        .unwrap_or_default();
    assert_eq!(id.len(), 36, "a UUID-form role ID: {id}");
    let other = json!({"Name": "r", "Type": "READ_ONLY", "Rules": []});
    assert!(
        org.call(Operation::CreateImpersonationRole, &other, &mut env)
            .is_ok()
    );
    assert!(
        org.call(Operation::CreateImpersonationRole, &other, &mut env)
            .is_ok()
    );
    assert_eq!(org.impersonation_roles().len(), 3);
}

#[test]
fn d17_update_replaces_delete_is_quiet_and_dangling_references_never_match() {
    let mut org = load(&json!({
        "AccessControlRules": [{"Name": "svc-only", "Effect": "ALLOW", "ImpersonationRoleIds": ["svc"]}],
        "ImpersonationRoles": [{"ImpersonationRoleId": "svc", "Name": "s", "Type": "READ_ONLY",
            "Description": "old", "Rules": [], "DateCreated": 1.0}]
    }));
    let update =
        json!({"ImpersonationRoleId": "svc", "Name": "s2", "Type": "FULL_ACCESS", "Rules": []});
    assert_eq!(
        call(&mut org, Operation::UpdateImpersonationRole, update),
        Ok(json!({}))
    );
    let role = org.impersonation_role("svc").cloned();
    assert_eq!(role.as_ref().map(|r| r.description.clone()), Some(None));
    assert_eq!(
        role.and_then(|r| r.date_created).map(|t| t.epoch_seconds()),
        Some(1.0)
    );
    let delete = json!({"ImpersonationRoleId": "svc"});
    assert_eq!(
        call(&mut org, Operation::DeleteImpersonationRole, delete.clone()),
        Ok(json!({}))
    );
    assert_eq!(
        call(&mut org, Operation::DeleteImpersonationRole, delete),
        Ok(json!({}))
    );
    assert_eq!(
        org.access_control_rules()[0].impersonation_role_ids,
        ["svc"]
    );
    assert_eq!(
        effect(&mut org, user_request("192.0.2.1", "EWS", USER)),
        Ok(json!({"Effect": "DENY", "MatchedRules": []}))
    );
}

#[test]
fn d18_list_pages_in_order_and_refuses_foreign_tokens() {
    let roles: Vec<Value> = (0..5)
        .map(|i| json!({"ImpersonationRoleId": format!("r{i}"), "Name": "n", "Type": "READ_ONLY", "Rules": []}))
        .collect();
    let mut org = load(&json!({"OrganizationId": ORG, "ImpersonationRoles": roles.clone()}));
    let mut ids = Vec::new();
    let mut token: Option<Value> = None;
    loop {
        let mut input = json!({"MaxResults": 2});
        if let Some(token) = &token {
            input["NextToken"] = token.clone();
        }
        let page = call(&mut org, Operation::ListImpersonationRoles, input).unwrap_or_default();
        ids.extend(
            page["Roles"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|r| r["ImpersonationRoleId"].clone()),
        );
        match page.get("NextToken") {
            Some(next) => token = Some(next.clone()),
            None => break,
        }
    }
    assert_eq!(ids, ["r0", "r1", "r2", "r3", "r4"]);
    let mut other = load(
        &json!({"OrganizationId": "m-ffffffffffffffffffffffffffffffff", "ImpersonationRoles": roles}),
    );
    let first = call(
        &mut org,
        Operation::ListImpersonationRoles,
        json!({"MaxResults": 1}),
    )
    .unwrap_or_default();
    assert_eq!(
        call(
            &mut other,
            Operation::ListImpersonationRoles,
            json!({"NextToken": first["NextToken"]})
        ),
        Err(ErrorCode::InvalidParameterException)
    );
}

#[test]
fn d19_assume_returns_a_printable_token_valid_900_seconds() {
    let mut org = load(
        &json!({"ImpersonationRoles": [{"ImpersonationRoleId": "svc", "Name": "s", "Type": "READ_ONLY", "Rules": []}]}),
    );
    let response = call(
        &mut org,
        Operation::AssumeImpersonationRole,
        json!({"ImpersonationRoleId": "svc"}),
    )
    .unwrap_or_default();
    assert_eq!(response["ExpiresIn"], 900);
    let token = response["Token"].as_str().unwrap_or_default();
    assert!(
        !token.is_empty()
            && token.len() <= 256
            && token.bytes().all(|b| (0x21..=0x7e).contains(&b))
    );
    let stored = &org.emulator_state().impersonation_tokens[0];
    assert_eq!(stored.expires.epoch_seconds(), 1_700_000_900.0);
}

#[test]
fn d20_every_problem_is_reported_and_limits_only_warn() {
    let document = json!({"AccessControlRules": [
        {"Name": "bad name", "Effect": "ALLOW"},
        {"Name": "ok", "Effect": "MAYBE", "IpRanges": ["1.2.3.4"]}
    ]});
    let error = Organization::from_json(&document.to_string())
        .err()
        .map(|e| e.diagnostics.len());
    assert_eq!(error, Some(3));
    let rules: Vec<Value> = (0..12)
        .map(|i| json!({"Name": format!("r{i}"), "Effect": "ALLOW"}))
        .collect();
    let loaded = Organization::from_json(&json!({"AccessControlRules": rules}).to_string());
    assert!(loaded.is_ok_and(|l| l.warnings.iter().any(|w| w.code == "rule-limit")));
}

#[test]
fn d21_lists_are_always_present_and_empty_conditions_left_out() {
    let mut org = load(
        &json!({"AccessControlRules": [{"Name": "r", "Effect": "ALLOW", "IpRanges": [], "Description": "d"}]}),
    );
    assert_eq!(
        call(&mut org, Operation::ListAccessControlRules, json!({})),
        Ok(json!({"Rules": [{"Name": "r", "Effect": "ALLOW", "Description": "d"}]}))
    );
    assert_eq!(
        call(&mut org, Operation::ListImpersonationRoles, json!({})),
        Ok(json!({"Roles": []}))
    );
}

#[test]
fn d22_ids_first_then_email_then_name() {
    let mut org = load(&json!({
        "Users": [
            {"Id": "S-1-1-11-0000000001", "Email": "a@example.com", "Name": "alpha"},
            {"Id": "alpha-user-id-2", "Email": "b@example.com", "Name": "S-1-1-11-0000000001"}
        ],
        "ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "r", "Type": "READ_ONLY", "Rules": [
            {"ImpersonationRuleId": "first-user", "Effect": "ALLOW", "TargetUsers": ["a@example.com"]}
        ]}]
    }));
    let input = json!({"ImpersonationRoleId": "r", "TargetUser": "S-1-1-11-0000000001"});
    let response = call(&mut org, Operation::GetImpersonationRoleEffect, input).unwrap_or_default();
    assert_eq!(
        response["Effect"], "ALLOW",
        "the ID wins over another user's name"
    );
    assert_eq!(
        effect(&mut org, user_request("192.0.2.1", "IMAP", "a@example.com")),
        Err(ErrorCode::EntityNotFoundException),
        "UserId is compared with IDs only"
    );
}

#[test]
fn d23_ranges_are_stored_as_given() {
    let mut org = load(&json!({}));
    let put =
        json!({"Name": "r", "Effect": "DENY", "Description": "", "IpRanges": ["192.0.2.9/24"]});
    assert!(call(&mut org, Operation::PutAccessControlRule, put).is_ok());
    let listed = call(&mut org, Operation::ListAccessControlRules, json!({})).unwrap_or_default();
    assert_eq!(listed["Rules"][1]["IpRanges"], json!(["192.0.2.9/24"]));
}

#[test]
fn d24_emulator_state_lives_under_one_key_and_round_trips() {
    let mut org = load(&json!({}));
    let mut env = env();
    let create = json!({"ClientToken": "t", "Name": "r", "Type": "READ_ONLY", "Rules": []});
    assert!(
        org.call(Operation::CreateImpersonationRole, &create, &mut env)
            .is_ok()
    );
    let saved: Value = serde_json::from_str(&org.to_json()).unwrap_or_default();
    assert_eq!(saved["Emulator"]["ClientTokens"][0]["ClientToken"], "t");
    let mut reloaded = load(&saved);
    assert_eq!(reloaded, org);
    let before = reloaded.impersonation_roles().len();
    assert!(
        reloaded
            .call(Operation::CreateImpersonationRole, &create, &mut env)
            .is_ok()
    );
    assert_eq!(reloaded.impersonation_roles().len(), before);
}

#[test]
fn d25_shape_errors_come_before_organization_references_and_limits() {
    let full: Vec<Value> = (0..10)
        .map(|i| json!({"Name": format!("r{i}"), "Effect": "ALLOW"}))
        .collect();
    let mut org =
        load(&json!({"OrganizationId": ORG, "Users": [{"Id": USER}], "AccessControlRules": full}));
    let other_org = "m-ffffffffffffffffffffffffffffffff";
    let put = Operation::PutAccessControlRule;
    let request = |org_id: &str, users: &[&str], name: &str| json!({"OrganizationId": org_id, "Name": name, "Effect": "DENY", "Description": "", "UserIds": users});
    assert_eq!(
        call(&mut org, put, request(other_org, &["x"], "new")),
        Err(ErrorCode::InvalidParameterException)
    );
    assert_eq!(
        call(
            &mut org,
            put,
            request(other_org, &["S-1-1-11-nobody"], "new")
        ),
        Err(ErrorCode::OrganizationNotFoundException)
    );
    assert_eq!(
        call(&mut org, put, request(ORG, &["S-1-1-11-nobody"], "new")),
        Err(ErrorCode::EntityNotFoundException)
    );
    assert_eq!(
        call(&mut org, put, request(ORG, &[USER], "new")),
        Err(ErrorCode::LimitExceededException)
    );
}

/// Every refusal a decision causes names it (`ApiError::decision`); one the AWS model's own
/// constraints cause names none.
#[test]
fn refusals_name_the_decision_behind_them() {
    let put = Operation::PutAccessControlRule;
    let create = Operation::CreateImpersonationRole;
    let effect_of = Operation::GetAccessControlEffect;
    let role_effect_of = Operation::GetImpersonationRoleEffect;
    let other_org = "m-ffffffffffffffffffffffffffffffff";
    let cases = [
        (
            effect_of,
            json!({"OrganizationId": other_org, "IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": USER}),
            ErrorCode::OrganizationNotFoundException,
            Some(Decision::D4),
        ),
        (
            effect_of,
            json!({"OrganizationId": "m-BAD", "IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": USER}),
            ErrorCode::InvalidParameterException,
            Some(Decision::D4),
        ),
        (
            effect_of,
            user_request("192.0.2.1", "imap", USER),
            ErrorCode::InvalidParameterException,
            Some(Decision::D7),
        ),
        (
            effect_of,
            user_request("2001:db8::1", "IMAP", USER),
            ErrorCode::InvalidParameterException,
            Some(Decision::D8),
        ),
        (
            put,
            json!({"Name": "v6", "Effect": "DENY", "Description": "", "IpRanges": ["::/0"]}),
            ErrorCode::InvalidParameterException,
            Some(Decision::D8),
        ),
        (
            put,
            json!({"Name": "r", "Effect": "DENY", "Description": "", "UserIds": ["S-1-1-11-ghost"]}),
            ErrorCode::EntityNotFoundException,
            Some(Decision::D10),
        ),
        (
            put,
            json!({"Name": "r", "Effect": "DENY", "Description": "", "ImpersonationRoleIds": ["ghost"]}),
            ErrorCode::ResourceNotFoundException,
            Some(Decision::D10),
        ),
        (
            effect_of,
            json!({"IpAddress": "192.0.2.1", "Action": "EWS"}),
            ErrorCode::InvalidParameterException,
            Some(Decision::D11),
        ),
        (
            effect_of,
            json!({"IpAddress": "192.0.2.1", "Action": "IMAP", "ImpersonationRoleId": "archiver"}),
            ErrorCode::InvalidParameterException,
            Some(Decision::D11),
        ),
        (
            effect_of,
            user_request("192.0.2.1", "IMAP", "S-1-1-11-ghost"),
            ErrorCode::EntityNotFoundException,
            Some(Decision::D11),
        ),
        (
            effect_of,
            role_request("192.0.2.1", "ghost"),
            ErrorCode::ResourceNotFoundException,
            Some(Decision::D11),
        ),
        (
            role_effect_of,
            json!({"ImpersonationRoleId": "archiver", "TargetUser": "nobody"}),
            ErrorCode::EntityNotFoundException,
            Some(Decision::D12),
        ),
        (
            role_effect_of,
            json!({"ImpersonationRoleId": "archiver", "TargetUser": "gone"}),
            ErrorCode::EntityStateException,
            Some(Decision::D12),
        ),
        (
            create,
            json!({"Name": "g", "Type": "FULL_ACCESS",
                "Rules": [{"ImpersonationRuleId": "r", "Effect": "ALLOW", "TargetUsers": ["ghost"]}]}),
            ErrorCode::EntityNotFoundException,
            Some(Decision::D13),
        ),
        (
            create,
            json!({"Name": "t", "Type": "READ_ONLY", "Rules": [
                {"ImpersonationRuleId": "x", "Effect": "ALLOW"}, {"ImpersonationRuleId": "x", "Effect": "DENY"}]}),
            ErrorCode::InvalidParameterException,
            Some(Decision::D15),
        ),
        (
            Operation::ListImpersonationRoles,
            json!({"NextToken": "bm90LWEtdG9rZW4"}),
            ErrorCode::InvalidParameterException,
            Some(Decision::D18),
        ),
        // The AWS model's own constraints: a name too long, a missing member.
        (
            put,
            json!({"Name": "n".repeat(65), "Effect": "DENY", "Description": ""}),
            ErrorCode::InvalidParameterException,
            None,
        ),
        (
            role_effect_of,
            json!({"ImpersonationRoleId": "archiver"}),
            ErrorCode::InvalidParameterException,
            None,
        ),
    ];
    let mut document = impersonation_document();
    document["OrganizationId"] = json!(ORG);
    for (operation, input, code, decision) in cases {
        let mut org = load(&document);
        let refusal = org
            .call(operation, &input, &mut env())
            .err()
            .map(|error| (error.code, error.decision));
        assert_eq!(refusal, Some((code, decision)), "{operation:?} {input}");
    }
    let mut full = load(&json!({}));
    for i in 1..10 {
        let rule = json!({"Name": format!("r{i}"), "Effect": "ALLOW", "Description": ""});
        assert!(full.call(put, &rule, &mut env()).is_ok());
    }
    let eleventh = json!({"Name": "r10", "Effect": "ALLOW", "Description": ""});
    let refusal = full.call(put, &eleventh, &mut env()).err();
    assert_eq!(
        refusal.map(|error| (error.code, error.decision)),
        Some((ErrorCode::LimitExceededException, Some(Decision::D9)))
    );
}
