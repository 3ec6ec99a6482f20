//! The checks every operation makes (D25), as a caller reads their refusals: the exception, a
//! message that names each member and what is wrong with it, and the decision behind it. The
//! decision tests pin which requests are refused; these pin what the refusal says.

use serde_json::{Value, json};
use workmail_policy::api::Request;
use workmail_policy::{
    ApiError, Decision, ErrorCode, FixedEnvironment, GetAccessControlEffectRequest, Operation,
    Organization,
};

const ORG: &str = "m-0123456789abcdef0123456789abcdef";
const USER: &str = "S-1-1-11-1111111111-2222222222-3333333333-3333";
const STRANGER: &str = "S-1-1-11-1111111111-2222222222-3333333333-4444";

/// The message of an action outside the seven, with its help.
const BAD_ACTION: &str = "`Action`: `imap` is not a valid AccessControlRuleAction; expected one of \
    ActiveSync, AutoDiscover, EWS, IMAP, SMTP, WindowsOutlook, WebMail (actions are \
    case-sensitive; use the spelling the AWS API reference lists)";

#[expect(
    clippy::panic,
    reason = "a test document that does not load is a broken test"
)]
fn organization(document: &Value) -> Organization {
    match Organization::from_json(&document.to_string()) {
        Ok(loaded) => loaded.organization,
        Err(error) => panic!("{error}"),
    }
}

fn with_directory() -> Organization {
    organization(&json!({"OrganizationId": ORG, "Users": [{"Id": USER}]}))
}

fn refusal(org: &mut Organization, operation: Operation, input: &Value) -> Option<ApiError> {
    let mut env = FixedEnvironment::new(1_700_000_000.0, 7);
    org.call(operation, input, &mut env).err()
}

fn effect_refusal(org: &mut Organization, input: &Value) -> Option<ApiError> {
    refusal(org, Operation::GetAccessControlEffect, input)
}

#[test]
fn one_violation_names_the_member_its_problem_and_the_decision_behind_it() {
    let input = json!({"IpAddress": "192.0.2.1", "Action": "imap", "UserId": USER});
    let error = effect_refusal(&mut with_directory(), &input);
    let error = error.as_ref();
    assert_eq!(
        error.map(|e| e.code),
        Some(ErrorCode::InvalidParameterException)
    );
    assert_eq!(error.map(|e| e.message.as_str()), Some(BAD_ACTION));
    assert_eq!(error.and_then(|e| e.decision), Some(Decision::D7));
}

#[test]
fn several_violations_are_counted_and_each_named() {
    let input =
        json!({"IpAddress": "192.0.2.1", "Action": "imap", "UserId": USER, "OrganizationId": "x"});
    let error = effect_refusal(&mut with_directory(), &input);
    let message = error.as_ref().map_or("", |e| e.message.as_str());
    let expected_start = format!("2 validation errors: {BAD_ACTION}; `OrganizationId`: `x` is 1");
    assert!(message.starts_with(&expected_start), "{message}");
    assert_eq!(error.and_then(|e| e.decision), Some(Decision::D7));
}

#[test]
fn a_violation_of_the_whole_request_speaks_of_the_request_and_one_of_the_model_of_no_decision() {
    let mut org = with_directory();
    let whole = effect_refusal(&mut org, &json!([1]));
    assert_eq!(
        whole.as_ref().map(|e| e.message.as_str()),
        Some("the request: expected an object, found an array")
    );
    assert_eq!(whole.and_then(|e| e.decision), None);
    let input = json!({"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": USER, "Bogus": 1});
    let unknown = effect_refusal(&mut org, &input);
    assert_eq!(
        unknown.as_ref().map(|e| e.message.as_str()),
        Some(
            "`Bogus`: unknown member `Bogus` (known members: OrganizationId, IpAddress, Action, UserId, ImpersonationRoleId)"
        )
    );
    assert_eq!(unknown.and_then(|e| e.decision), None);
}

#[test]
fn a_typed_request_is_checked_as_its_json_is() {
    let typed = GetAccessControlEffectRequest {
        ip_address: "192.0.2.1".into(),
        action: "imap".into(),
        user_id: Some(USER.into()),
        ..Default::default()
    };
    let error = with_directory().get_access_control_effect(&typed).err();
    assert_eq!(error.as_ref().map(|e| e.message.as_str()), Some(BAD_ACTION));
    assert_eq!(error.and_then(|e| e.decision), Some(Decision::D7));
}

#[test]
fn a_request_read_from_json_keeps_every_member_or_names_the_violation() {
    let input =
        json!({"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": USER, "OrganizationId": ORG});
    let read = GetAccessControlEffectRequest::from_json(&input).ok();
    let expected = GetAccessControlEffectRequest {
        organization_id: Some(ORG.into()),
        ip_address: "192.0.2.1".into(),
        action: "IMAP".into(),
        user_id: Some(USER.into()),
        impersonation_role_id: None,
    };
    assert_eq!(read, Some(expected));
    let refused = GetAccessControlEffectRequest::from_json(
        &json!({"IpAddress": "192.0.2.1", "Action": "imap", "UserId": USER}),
    );
    assert_eq!(
        refused.err().map(|e| e.message),
        Some(BAD_ACTION.to_owned())
    );
}

#[test]
fn another_organization_is_named_beside_this_one() {
    let input = json!({"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": USER, "OrganizationId": "m-ffffffffffffffffffffffffffffffff"});
    let error = effect_refusal(&mut with_directory(), &input);
    let error = error.as_ref();
    assert_eq!(
        error.map(|e| e.code),
        Some(ErrorCode::OrganizationNotFoundException)
    );
    assert_eq!(
        error.map(|e| e.message.as_str()),
        Some(
            "organization `m-ffffffffffffffffffffffffffffffff` is not this document's organization (`m-0123456789abcdef0123456789abcdef`)"
        )
    );
    assert_eq!(error.and_then(|e| e.decision), Some(Decision::D4));
    let own =
        json!({"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": USER, "OrganizationId": ORG});
    assert!(effect_refusal(&mut with_directory(), &own).is_none());
}

#[test]
fn an_unknown_user_or_role_is_named() {
    let mut org = with_directory();
    let input = json!({"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": STRANGER});
    let user = effect_refusal(&mut org, &input);
    assert_eq!(
        user.as_ref().map(|e| (e.code, e.message.as_str())),
        Some((
            ErrorCode::EntityNotFoundException,
            "user `S-1-1-11-1111111111-2222222222-3333333333-4444` is not in the organization's directory"
        ))
    );
    let role = refusal(
        &mut org,
        Operation::GetImpersonationRoleEffect,
        &json!({"OrganizationId": ORG, "ImpersonationRoleId": "11111111-1111-1111-1111-111111111111", "TargetUser": USER}),
    );
    assert_eq!(
        role.as_ref().map(|e| (e.code, e.message.as_str())),
        Some((
            ErrorCode::ResourceNotFoundException,
            "impersonation role `11111111-1111-1111-1111-111111111111` does not exist in the organization"
        ))
    );
}

#[test]
fn a_refusal_reads_as_the_aws_cli_prints_it() {
    let input = json!({"IpAddress": "192.0.2.1", "Action": "imap", "UserId": USER});
    let error = effect_refusal(&mut with_directory(), &input);
    assert_eq!(
        error.map(|e| e.cli_message(Operation::GetAccessControlEffect)),
        Some(format!(
            "An error occurred (InvalidParameterException) when calling the \
             GetAccessControlEffect operation: {BAD_ACTION}"
        ))
    );
}

#[test]
fn an_unknown_operation_is_named_with_every_one_supported() {
    let error = "ListGroups"
        .parse::<Operation>()
        .err()
        .map(|e| e.to_string());
    let names: Vec<&str> = Operation::ALL.iter().map(|op| op.name()).collect();
    assert_eq!(
        error,
        Some(format!(
            "`ListGroups` is not a supported operation; expected one of {}",
            names.join(", ")
        ))
    );
    assert!(names.contains(&"GetAccessControlEffect") && names.len() > 10);
}
