//! The bindings as JavaScript sees them, run by wasm-bindgen-test in Node.js and, with
//! `WASM_BINDGEN_USE_BROWSER=1`, in headless Chromium (`cargo xtask test` runs both).
#![cfg(target_arch = "wasm32")]
// A failed unwrap is a failed test here; `#[wasm_bindgen_test]` functions are not recognised as
// tests by clippy's `allow-unwrap-in-tests`.
#![expect(clippy::unwrap_used, reason = "test assertions")]

use js_sys::{JSON, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use workmail_policy_wasm::Organization;

const DOCUMENT: &str = r#"{
  "OrganizationId": "m-0123456789abcdef0123456789abcdef",
  "Users": [
    {"Id": "S-1-1-11-0000000001", "Email": "jane@example.com", "Name": "jane", "State": "ENABLED"}
  ],
  "AccessControlRules": [
    {"Name": "default", "Effect": "ALLOW", "Description": "Default WorkMail Rule",
     "DateCreated": 0.0, "DateModified": 0.0},
    {"Name": "no-imap", "Effect": "DENY", "Description": "", "Actions": ["IMAP"]}
  ],
  "Color": "blue"
}"#;

fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn text(value: &JsValue) -> String {
    JSON::stringify(value).unwrap().as_string().unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn organization() -> Organization {
    Organization::from_json(DOCUMENT.into()).unwrap()
}

fn error_name(error: &JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().unwrap().name().into()
}

fn error_message(error: &JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().unwrap().message().into()
}

#[wasm_bindgen_test]
fn a_call_returns_the_aws_response_as_a_plain_object() {
    let mut org = organization();
    let input =
        js(r#"{"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}"#);
    let response = org.call("GetAccessControlEffect".into(), input).unwrap();
    assert_eq!(
        text(&response),
        r#"{"Effect":"DENY","MatchedRules":["no-imap"]}"#
    );
    let plain = js_sys::Object::get_prototype_of(&js_sys::Object::new());
    assert!(js_sys::Object::is(
        &js_sys::Object::get_prototype_of(&response),
        &plain
    ));
}

#[wasm_bindgen_test]
fn the_cli_spelling_of_an_operation_works_too() {
    let response = organization()
        .call("list-access-control-rules".into(), JsValue::UNDEFINED)
        .unwrap();
    let rules = get(&response, "Rules");
    assert_eq!(js_sys::Array::from(&rules).length(), 2);
}

#[wasm_bindgen_test]
fn undefined_members_are_absent_as_in_json() {
    let input =
        js(r#"{"IpAddress": "192.0.2.1", "Action": "EWS", "UserId": "S-1-1-11-0000000001"}"#);
    Reflect::set(&input, &"ImpersonationRoleId".into(), &JsValue::UNDEFINED).unwrap();
    let response = organization()
        .call("GetAccessControlEffect".into(), input)
        .unwrap();
    assert_eq!(get(&response, "Effect"), "ALLOW");
}

#[wasm_bindgen_test]
fn an_api_error_is_thrown_with_the_exception_name() {
    let mut org = organization();
    let error = org
        .call(
            "GetImpersonationRole".into(),
            js(r#"{"ImpersonationRoleId": "nope"}"#),
        )
        .unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(error_name(&error), "ResourceNotFoundException");
    assert!(error_message(&error).contains("`nope`"));

    let error = org
        .call(
            "GetAccessControlEffect".into(),
            js(r#"{"IpAddress": "::1", "Action": "IMAP"}"#),
        )
        .unwrap_err();
    assert_eq!(error_name(&error), "InvalidParameterException");
    assert_eq!(get(&error, "decision"), "D8");
}

#[wasm_bindgen_test]
fn an_invalid_document_throws_every_diagnostic() {
    let document = r#"{"AccessControlRules": [{"Name": "x", "Effect": "MAYBE"}]}"#;
    let error = Organization::from_json(document.into()).err().unwrap();
    assert_eq!(error_name(&error), "InvalidDocumentError");
    assert!(
        error_message(&error).contains("error[enum]"),
        "{}",
        error_message(&error)
    );
    let diagnostics = js_sys::Array::from(&get(&error, "diagnostics"));
    assert!(diagnostics.length() >= 1);
    let first = diagnostics.get(0);
    assert_eq!(get(&first, "path"), "AccessControlRules[0].Effect");
    assert_eq!(get(&first, "severity"), "error");
    assert_eq!(get(&first, "line").as_f64(), Some(1.0));
    assert_eq!(get(&first, "code"), "enum");
}

#[wasm_bindgen_test]
fn warnings_are_kept() {
    let warnings = js_sys::Array::from(&organization().warnings().unwrap());
    assert_eq!(warnings.length(), 1);
    assert_eq!(get(&warnings.get(0), "code"), "unknown-member");
}

#[wasm_bindgen_test]
fn malformed_calls_are_type_errors_not_traps() {
    let mut org = organization();
    let not_json = [
        JsValue::bigint_from_str("1"),
        js_sys::Function::new_no_args("return 1").into(),
        JsValue::symbol(Some("s")),
    ];
    for input in not_json {
        let error = org
            .call("ListAccessControlRules".into(), input)
            .unwrap_err();
        assert!(error.is_instance_of::<js_sys::TypeError>());
    }
    let error = org.call("ListGroups".into(), js("{}")).unwrap_err();
    assert!(error.is_instance_of::<js_sys::TypeError>());
    assert!(error_message(&error).contains("`ListGroups`"));
    let error = org.call(JsValue::from(7), js("{}")).unwrap_err();
    assert!(error.is_instance_of::<js_sys::TypeError>());
    let error = Organization::from_json(JsValue::NULL).err().unwrap();
    assert!(error.is_instance_of::<js_sys::TypeError>());
    for input in ["null", "[]", "\"x\"", "3", r#"{"IpAddress": 1e400}"#] {
        let error = org
            .call(
                "GetAccessControlEffect".into(),
                JSON::parse(input).unwrap_or(JsValue::NULL),
            )
            .unwrap_err();
        assert_eq!(error_name(&error), "InvalidParameterException", "{input}");
    }
    // The organization is still usable.
    assert!(org.call("ListAccessControlRules".into(), js("{}")).is_ok());
}

#[wasm_bindgen_test]
fn explanations_carry_every_rule() {
    let mut org = organization();
    let request =
        js(r#"{"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}"#);
    let explanation = org.explain_access(request.clone()).unwrap();
    assert_eq!(get(&explanation, "Effect"), "DENY");
    assert_eq!(get(&explanation, "Reason"), "DenyRuleMatched");
    assert_eq!(js_sys::Array::from(&get(&explanation, "Rules")).length(), 2);
    let shown = org.explain_access_text(request).unwrap();
    assert!(shown.starts_with("DENY"), "{shown}");

    let error = org
        .explain_access(js(
            r#"{"IpAddress": "192.0.2.1", "Action": "imap", "UserId": "S-1-1-11-0000000001"}"#,
        ))
        .unwrap_err();
    assert_eq!(error_name(&error), "InvalidParameterException");
}

#[wasm_bindgen_test]
fn the_emulator_uses_the_host_clock_and_randomness() {
    let mut org = organization();
    let before = js_sys::Date::now() / 1000.0;
    let input = js(
        r#"{"Name": "Helpdesk", "Type": "FULL_ACCESS", "Rules": [{"ImpersonationRuleId": "jane", "Effect": "ALLOW", "TargetUsers": ["jane"]}]}"#,
    );
    let first = org
        .call("CreateImpersonationRole".into(), input.clone())
        .unwrap();
    let second = org.call("CreateImpersonationRole".into(), input).unwrap();
    let id = get(&first, "ImpersonationRoleId").as_string().unwrap();
    assert_eq!(id.len(), 36, "{id}");
    assert_ne!(
        get(&second, "ImpersonationRoleId").as_string(),
        Some(id.clone())
    );

    let role = org
        .call(
            "GetImpersonationRole".into(),
            js(&format!(r#"{{"ImpersonationRoleId": "{id}"}}"#)),
        )
        .unwrap();
    let created = get(&role, "DateCreated").as_f64().unwrap();
    assert!(created >= before.floor() && created <= js_sys::Date::now() / 1000.0 + 1.0);

    let effect = org
        .explain_impersonation(js(&format!(
            r#"{{"ImpersonationRoleId": "{id}", "TargetUser": "jane@example.com"}}"#
        )))
        .unwrap();
    assert_eq!(get(&effect, "Effect"), "ALLOW");

    let token = org
        .call(
            "AssumeImpersonationRole".into(),
            js(&format!(r#"{{"ImpersonationRoleId": "{id}"}}"#)),
        )
        .unwrap();
    assert_eq!(get(&token, "ExpiresIn").as_f64(), Some(900.0));
}

#[wasm_bindgen_test]
fn to_json_keeps_the_emulator_state() {
    let mut org = organization();
    let input =
        js(r#"{"ClientToken": "once", "Name": "Archiver", "Type": "READ_ONLY", "Rules": []}"#);
    let created = org
        .call("CreateImpersonationRole".into(), input.clone())
        .unwrap();
    let document = org.to_json();
    assert!(document.contains("\"Emulator\""), "{document}");
    let mut again = Organization::from_json(document.into()).unwrap();
    let repeated = again.call("CreateImpersonationRole".into(), input).unwrap();
    assert_eq!(text(&created), text(&repeated));
}

#[wasm_bindgen_test]
fn a_batch_answers_each_input_as_call_does() {
    let mut org = organization();
    let inputs = js(r#"[
        {"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"},
        {"IpAddress": "192.0.2.1", "Action": "SMTP", "UserId": "S-1-1-11-0000000001"},
        {"IpAddress": "::1", "Action": "SMTP", "UserId": "S-1-1-11-0000000001"},
        {"IpAddress": "192.0.2.1", "Action": "SMTP", "UserId": "S-1-1-11-9999999999"}
    ]"#);
    let answers = org
        .call_many("GetAccessControlEffect".into(), inputs.clone())
        .unwrap();
    let singles = js_sys::Array::new();
    for input in js_sys::Array::from(&inputs).iter() {
        let answer = org
            .call("GetAccessControlEffect".into(), input)
            .unwrap_or_else(|error| {
                js(&format!(
                    r#"{{"Error": {{"Code": "{}", "Message": {}}}}}"#,
                    error_name(&error),
                    JSON::stringify(&error_message(&error).into()).unwrap()
                ))
            });
        singles.push(&answer);
    }
    assert_eq!(text(&answers), text(&singles));
    let json = org
        .call_many_json(
            "GetAccessControlEffect".into(),
            JSON::stringify(&inputs).unwrap().into(),
        )
        .unwrap();
    assert_eq!(json, text(&singles));
    let error = org
        .call_many("GetAccessControlEffect".into(), js("{}"))
        .unwrap_err();
    assert!(error.is_instance_of::<js_sys::TypeError>());
}

#[wasm_bindgen_test]
fn a_long_batch_crosses_through_the_text_encoder() {
    // More than 4096 characters, with text that is not ASCII: the encoder's path, exactly.
    let mut org = organization();
    let request =
        r#"{"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-é✓00000001"}"#;
    let inputs = format!("[{}]", vec![request; 100].join(","));
    let answers = org
        .call_many_json("GetAccessControlEffect".into(), inputs.into())
        .unwrap();
    let first = js_sys::Array::from(&JSON::parse(&answers).unwrap()).get(0);
    let message = get(&get(&first, "Error"), "Message").as_string().unwrap();
    assert!(message.contains("S-1-1-11-é✓00000001"), "{message}");
}

#[wasm_bindgen_test]
fn parallel_arrays_share_their_answers() {
    let mut org = organization();
    let requests = js(
        r#"{"IpAddress": ["192.0.2.1", "192.0.2.2", "bad"], "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}"#,
    );
    let effects = org.access_effects(requests).unwrap();
    let index: Vec<u32> = js_sys::Uint32Array::new(&get(&effects, "Index")).to_vec();
    assert_eq!(index, [0, 0, 1]);
    let answers = js_sys::Array::from(&get(&effects, "Answers"));
    assert_eq!(
        text(&answers.get(0)),
        r#"{"Effect":"DENY","MatchedRules":["no-imap"]}"#
    );
    assert_eq!(
        get(&get(&answers.get(1), "Error"), "Code"),
        "InvalidParameterException"
    );
}

#[cfg(feature = "analysis")]
#[wasm_bindgen_test]
fn the_analysis_is_the_cores_json_and_text() {
    let org = organization();
    let table = org.decision_table(JsValue::UNDEFINED).unwrap();
    assert!(js_sys::Array::is_array(&get(&table, "AccessControl")));
    let markdown = org
        .decision_table_text("markdown".into(), JsValue::UNDEFINED, JsValue::UNDEFINED)
        .unwrap();
    assert!(markdown.starts_with("## Access control\n"), "{markdown}");
    assert!(
        org.decision_table_text("csv".into(), "both".into(), JsValue::UNDEFINED)
            .is_err()
    );
    let refused = org
        .decision_table(js(r#"{"Actions": ["imap"]}"#))
        .unwrap_err();
    assert_eq!(error_name(&refused), "InvalidParameterException");
    assert_eq!(text(&get(&refused, "path")), r#""Actions[0]""#);
    let changes = org.diff(&organization(), JsValue::UNDEFINED).unwrap();
    assert_eq!(
        text(&changes),
        r#"{"AccessControl":[],"Impersonation":[],"MobileDeviceAccess":[],"Warnings":[]}"#
    );
    let report = org.lint().unwrap();
    assert!(js_sys::Array::is_array(&get(&report, "Findings")));
    let error = org.run_tests("{".into()).unwrap_err();
    assert_eq!(error_name(&error), "InvalidDocumentError");
    let request = js(
        r#"{"Credential": {"ImpersonationRoleId": "nope"}, "IpAddress": "192.0.2.1", "TargetUser": "jane", "EwsOperation": "GetItem"}"#,
    );
    let answer = org.impersonate(request, JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&answer, "Verdict"), "DENY");
    assert_eq!(get(&get(&answer, "Credential"), "Finding"), "RoleNotFound");
    let changes = org
        .what_would_change(js(
            r#"{"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}"#,
        ))
        .unwrap();
    assert_eq!(get(&changes, "Effect"), "DENY");
}
