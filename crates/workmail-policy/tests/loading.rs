//! What loading a document reports beyond its shape: the limits WorkMail keeps on rules (D9) and
//! roles (D15) only warn, and only past them; an error found on the whole organization (a name
//! or an ID repeated) refuses the document, and names the place of the repeat in the input.

use serde_json::{Value, json};
use workmail_policy::{Diagnostic, Organization};

/// The warnings of loading `document`, or `None` when it does not load.
fn warnings(document: &Value) -> Option<Vec<Diagnostic>> {
    Organization::from_json(&document.to_string())
        .ok()
        .map(|loaded| loaded.warnings)
}

fn codes(document: &Value) -> Option<Vec<&'static str>> {
    warnings(document).map(|warnings| warnings.iter().map(|w| w.code).collect())
}

fn rules(count: usize) -> Value {
    let rules: Vec<Value> = (0..count)
        .map(|i| json!({"Name": format!("r{i}"), "Effect": "ALLOW"}))
        .collect();
    json!({"AccessControlRules": rules})
}

fn roles(count: usize) -> Value {
    let roles: Vec<Value> = (0..count)
        .map(|i| {
            json!({
                "ImpersonationRoleId": format!("11111111-1111-1111-1111-{i:012}"),
                "Name": format!("role {i}"),
                "Type": "READ_ONLY",
                "Rules": []
            })
        })
        .collect();
    json!({"ImpersonationRoles": roles})
}

#[test]
fn ten_rules_load_quietly_and_an_eleventh_warns() {
    assert_eq!(codes(&rules(10)), Some(Vec::new()));
    let eleven = warnings(&rules(11)).unwrap_or_default();
    assert_eq!(eleven.len(), 1);
    assert_eq!(eleven[0].code, "rule-limit");
    assert_eq!(
        eleven[0].message,
        "11 access control rules; WorkMail holds at most 10, the default rule included"
    );
}

#[test]
fn twenty_roles_load_quietly_and_a_twenty_first_warns() {
    assert_eq!(codes(&roles(20)), Some(Vec::new()));
    let twenty_one = warnings(&roles(21)).unwrap_or_default();
    assert_eq!(twenty_one.len(), 1);
    assert_eq!(twenty_one[0].code, "role-limit");
    assert_eq!(
        twenty_one[0].message,
        "21 impersonation roles; WorkMail holds at most 20"
    );
}

#[test]
fn an_error_found_on_the_whole_organization_refuses_the_document() {
    let document = json!({"AccessControlRules": [
        {"Name": "twice", "Effect": "ALLOW"},
        {"Name": "twice", "Effect": "DENY"}
    ]});
    let error = Organization::from_json(&document.to_string()).err();
    let found: Vec<(&str, String)> = error
        .iter()
        .flat_map(|error| &error.diagnostics)
        .map(|d| (d.code, d.path.clone()))
        .collect();
    assert_eq!(
        found,
        [(
            "duplicate-rule-name",
            "AccessControlRules[1].Name".to_owned()
        )]
    );
}

#[test]
fn a_repeated_role_of_list_impersonation_roles_output_is_named_where_it_is() {
    let summary = json!({
        "ImpersonationRoleId": "11111111-1111-1111-1111-111111111111",
        "Name": "archiver",
        "Type": "READ_ONLY"
    });
    let document = json!({"Roles": [summary, summary]});
    let error = Organization::from_json(&document.to_string()).err();
    let repeated: Vec<(&str, &str)> = error
        .iter()
        .flat_map(|error| &error.diagnostics)
        .filter(|d| d.code == "duplicate-role-id")
        .map(|d| (d.path.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        repeated,
        [(
            "Roles[1].ImpersonationRoleId",
            "role ID `11111111-1111-1111-1111-111111111111` appears more than once"
        )]
    );
}

#[test]
fn a_value_of_the_wrong_kind_is_named_where_it_stands() {
    for (value, kind) in [
        ("5", "a number"),
        ("true", "a boolean"),
        ("null", "null"),
        ("[\"x\"]", "an array"),
        ("{\"x\": 1}", "an object"),
    ] {
        let text = format!(r#"{{"AccessControlRules": [{{"Name": {value}, "Effect": "ALLOW"}}]}}"#);
        let diagnostics = Organization::from_json(&text)
            .err()
            .map(|error| error.diagnostics)
            .unwrap_or_default();
        let first = diagnostics
            .first()
            .map(|d| (d.path.as_str(), d.message.as_str(), d.column));
        let message = format!("expected a string, found {kind}");
        assert_eq!(
            first,
            Some(("AccessControlRules[0].Name", message.as_str(), 34)),
            "{value}: {diagnostics:?}"
        );
    }
}
