//! Hostile and broken input: each gets a clear, located error (or loads, when it is valid) and
//! never a panic. Sizes are real (a 50 MB document, 100,000 rules or users); times are not
//! asserted, but every case here runs in linear time.

use serde_json::{Value, json};
use workmail_policy::{FixedEnvironment, Operation, Organization};

fn diagnostics(text: &str) -> Vec<(String, String, u32, u32)> {
    match Organization::from_json(text) {
        Ok(loaded) => loaded
            .warnings
            .into_iter()
            .map(|d| (d.code.to_owned(), d.path, d.line, d.column))
            .collect(),
        Err(error) => error
            .diagnostics
            .into_iter()
            .map(|d| (d.code.to_owned(), d.path, d.line, d.column))
            .collect(),
    }
}

fn codes(text: &str) -> Vec<String> {
    diagnostics(text).into_iter().map(|d| d.0).collect()
}

#[test]
fn invalid_json_is_a_located_syntax_error() {
    for (text, line, column) in [
        ("{\"Rules\": [}", 1, 12),
        ("{\n\"Rules\": [\n{\"Name\": 'x'}]}", 3, 10),
        ("{\"Rules\": []} trailing", 1, 15),
        ("", 1, 1),
        ("\u{feff}{}", 1, 1),
    ] {
        assert_eq!(
            diagnostics(text),
            [("syntax".to_owned(), String::new(), line, column)],
            "{text:?}"
        );
    }
}

#[test]
fn wrong_types_at_every_level_are_named_by_path() {
    let cases = [
        (json!([1]), "[0]"),
        (json!({"AccessControlRules": {}}), "AccessControlRules"),
        (json!({"AccessControlRules": [7]}), "AccessControlRules[0]"),
        (
            json!({"AccessControlRules": [{"Name": 1, "Effect": "ALLOW"}]}),
            "AccessControlRules[0].Name",
        ),
        (
            json!({"AccessControlRules": [{"Name": "a", "Effect": "ALLOW", "IpRanges": "10.0.0.0/8"}]}),
            "AccessControlRules[0].IpRanges",
        ),
        (
            json!({"AccessControlRules": [{"Name": "a", "Effect": "ALLOW", "IpRanges": [null]}]}),
            "AccessControlRules[0].IpRanges[0]",
        ),
        (json!({"Users": [{"Id": true}]}), "Users[0].Id"),
        (
            json!({"ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "Rules": [{"ImpersonationRuleId": "x", "Effect": "ALLOW", "TargetUsers": [{}]}]}]}),
            "ImpersonationRoles[0].Rules[0].TargetUsers[0]",
        ),
        (json!({"OrganizationId": 5}), "OrganizationId"),
        (json!({"Emulator": []}), "Emulator"),
        (json!("text"), ""),
    ];
    for (document, path) in cases {
        let found = diagnostics(&document.to_string());
        assert_eq!(found.len(), 1, "{document}: {found:?}");
        assert_eq!(
            (found[0].0.as_str(), found[0].1.as_str()),
            ("type", path),
            "{document}"
        );
    }
}

#[test]
fn nesting_ten_thousand_deep_is_refused_quickly() {
    let deep = format!(
        "{{\"Rules\": {}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let found = diagnostics(&deep);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "syntax");
    let objects = format!("{}{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    assert_eq!(codes(&objects), ["syntax"]);
}

#[test]
fn a_fifty_megabyte_directory_loads() {
    let users: Vec<Value> = (0..260_000)
        .map(|i| {
            json!({"Id": format!("S-1-1-11-{i:012}"), "Email": format!("user{i}@example.com"),
                   "Name": format!("user{i}"), "DisplayName": format!("A user with a display name {i}"),
                   "State": "ENABLED", "UserRole": "USER", "EnabledDate": 1_581_635_628.0})
        })
        .collect();
    let text = json!({"Users": users}).to_string();
    assert!(text.len() > 50_000_000, "{} bytes", text.len());
    let loaded = Organization::from_json(&text).map(|l| l.organization);
    let users = loaded.as_ref().map(|org| org.users().map_or(0, <[_]>::len));
    assert_eq!(users.ok(), Some(260_000));
    let org = loaded.unwrap_or_default();
    let input = json!({"ImpersonationRoleId": "r", "TargetUser": "USER259999@example.com"});
    let mut org = org;
    let answer = org.call(
        Operation::GetImpersonationRoleEffect,
        &input,
        &mut FixedEnvironment::new(0.0, 0),
    );
    assert_eq!(
        answer.map_err(|e| e.code.as_str()),
        Err("ResourceNotFoundException")
    );
}

#[test]
fn a_text_over_the_size_limit_is_refused_where_the_limit_falls() {
    // Valid JSON after the whitespace, so only the limit refuses it.
    let mut text = "\n".repeat(3);
    text.push_str(&" ".repeat(workmail_policy::json::MAX_TEXT_BYTES));
    text.push_str("{}");
    let error = Organization::from_json(&text).err();
    let diagnostics = error.map(|e| e.diagnostics).unwrap_or_default();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code, "too-large");
    assert_eq!(
        (diagnostics[0].line, diagnostics[0].column),
        (4, 134_217_726)
    );
    assert_eq!(
        diagnostics[0].message,
        "the text is 129 MiB, larger than the 128 MiB this tool reads"
    );
    let mut exact = " ".repeat(workmail_policy::json::MAX_TEXT_BYTES - 2);
    exact.push_str("{}");
    assert!(
        Organization::from_json(&exact).is_ok(),
        "the limit itself is allowed"
    );
}

#[test]
fn a_hundred_thousand_rules_load_with_a_limit_warning_and_evaluate() {
    let rules: Vec<Value> = (0..100_000)
        .map(|i| {
            json!({"Name": format!("r{i}"), "Effect": if i == 99_999 { "DENY" } else { "ALLOW" },
                         "IpRanges": [format!("10.{}.{}.0/24", i / 256 % 256, i % 256)]})
        })
        .collect();
    let text = json!({"AccessControlRules": rules}).to_string();
    assert_eq!(codes(&text), ["rule-limit"]);
    let mut org = Organization::from_json(&text)
        .map(|l| l.organization)
        .unwrap_or_default();
    let input =
        json!({"IpAddress": "10.134.159.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"});
    let answer = org.call(
        Operation::GetAccessControlEffect,
        &input,
        &mut FixedEnvironment::new(0.0, 0),
    );
    assert_eq!(
        answer.ok(),
        Some(json!({"Effect": "DENY", "MatchedRules": ["r99999"]}))
    );
}

#[test]
fn a_hundred_thousand_duplicates_are_each_reported() {
    let users: Vec<Value> = (0..100_000)
        .map(|_| json!({"Id": "S-1-1-11-000000000001"}))
        .collect();
    let found = codes(&json!({"Users": users}).to_string());
    assert_eq!(found.len(), 99_999);
    assert!(found.iter().all(|code| code == "duplicate-user-id"));
}

#[test]
fn references_to_fifty_thousand_roles_are_located_on_one_long_line() {
    // Rule `i` names role `role-i` when `i` is even, a missing `gone-i` when it is odd; each
    // has a description of two-byte characters, so bytes and columns differ along the line.
    let count = 50_000;
    let rules: Vec<Value> = (0..count)
        .map(|i| {
            let role = if i % 2 == 0 { "role" } else { "gone" };
            json!({"Name": format!("r{i}"), "Effect": "DENY", "Description": "é".repeat(i % 7),
                   "ImpersonationRoleIds": [format!("{role}-{i}")]})
        })
        .collect();
    let roles: Vec<Value> = (0..count)
        .map(|i| {
            json!({"ImpersonationRoleId": format!("role-{i}"), "Name": format!("n{i}"),
                   "Type": "READ_ONLY", "Rules": []})
        })
        .collect();
    let text = json!({"AccessControlRules": rules, "ImpersonationRoles": roles}).to_string();
    let found: Vec<_> = diagnostics(&text)
        .into_iter()
        .filter(|d| d.0 == "unknown-role")
        .collect();
    assert_eq!(found.len(), count / 2);
    // The column counts the characters before the quoted ID, counted here as the text is
    // searched from one ID to the next.
    let (mut searched, mut characters) = (0, 0);
    for (at, (_, path, line, column)) in found.iter().enumerate() {
        let rule = 2 * at + 1;
        assert_eq!(
            path,
            &format!("AccessControlRules[{rule}].ImpersonationRoleIds[0]")
        );
        let quoted = format!("\"gone-{rule}\"");
        let offset = searched + text[searched..].find(&quoted).unwrap();
        characters += text[searched..offset].chars().count();
        searched = offset;
        assert_eq!((*line, *column as usize), (1, characters + 1), "{path}");
    }
}

#[test]
fn very_long_strings_are_refused_with_a_short_message() {
    let name = "a".repeat(5_000_000);
    let text = json!({"AccessControlRules": [{"Name": name, "Effect": "ALLOW"}]}).to_string();
    let error = Organization::from_json(&text).err().map(|e| e.diagnostics);
    let diagnostic = error.and_then(|d| d.into_iter().next());
    assert!(
        diagnostic
            .as_ref()
            .is_some_and(|d| d.code == "length" && d.message.len() < 200),
        "{diagnostic:?}"
    );
}

#[test]
fn nul_bytes_and_control_characters_in_names_are_pattern_errors() {
    for name in ["a\u{0}b", "tab\there", "bell\u{7}", "del\u{7f}"] {
        let role =
            json!({"ImpersonationRoleId": "r", "Name": name, "Type": "READ_ONLY", "Rules": []});
        let found = diagnostics(&role.to_string());
        assert_eq!(found[0].0, "pattern", "{name:?}");
        assert_eq!(found[0].1, "Name");
        let message = Organization::from_json(&role.to_string())
            .err()
            .map(|e| e.diagnostics[0].message.clone());
        assert!(
            message.is_some_and(|m| !m.chars().any(char::is_control)),
            "messages escape control characters"
        );
    }
    let rule = json!({"AccessControlRules": [{"Name": "a\nb", "Effect": "ALLOW"}]});
    assert_eq!(codes(&rule.to_string()), ["pattern"]);
}

#[test]
fn numbers_out_of_range() {
    assert_eq!(
        codes(r#"{"Rules": [{"Name": "a", "Effect": "ALLOW", "DateCreated": 1e400}]}"#),
        ["syntax"]
    );
    let mut org = Organization::default();
    let mut env = FixedEnvironment::new(0.0, 0);
    for max in [
        json!(0),
        json!(101),
        json!(1e20),
        json!(-1),
        json!(2.5),
        json!("10"),
    ] {
        let answer = org.call(
            Operation::ListImpersonationRoles,
            &json!({"MaxResults": max}),
            &mut env,
        );
        assert_eq!(
            answer.map_err(|e| e.code.as_str()),
            Err("InvalidParameterException"),
            "{max}"
        );
    }
}

#[test]
fn duplicate_keys_are_errors_at_the_second_copy() {
    let text = "{\"AccessControlRules\": [{\"Name\": \"a\", \"Effect\": \"ALLOW\", \"Effect\": \"DENY\"}]}";
    assert_eq!(
        diagnostics(text),
        [(
            "duplicate-member".to_owned(),
            "AccessControlRules[0].Effect".to_owned(),
            1,
            68
        )]
    );
}

#[test]
fn ipv6_and_odd_ipv4_spellings_are_refused() {
    let mut org = Organization::default();
    let mut env = FixedEnvironment::new(0.0, 0);
    for address in [
        "::1",
        "2001:db8::1",
        "1.2.3",
        "0x7f.0.0.1",
        "0x7f.1",
        "010.1.1.1",
        "1.2.3.4.5",
        "256.1.1.1",
        " 1.2.3.4",
        "1.2.3.4 ",
        "1.2.3.4/32",
        "١.٢.٣.٤",
        "+1.2.3.4",
        "",
    ] {
        let input =
            json!({"IpAddress": address, "Action": "IMAP", "UserId": "S-1-1-11-0000000001"});
        let answer = org.call(Operation::GetAccessControlEffect, &input, &mut env);
        assert_eq!(
            answer.map_err(|e| e.code.as_str()),
            Err("InvalidParameterException"),
            "{address:?}"
        );
    }
    for range in [
        "::/0",
        "10.0.0.0/8 ",
        "10.0.0.0/080",
        "10.0.0.0/-1",
        "10/8",
        "10.0.0.0/8/8",
    ] {
        let document =
            json!({"AccessControlRules": [{"Name": "a", "Effect": "ALLOW", "IpRanges": [range]}]});
        assert_eq!(codes(&document.to_string()), ["pattern"], "{range:?}");
    }
}

#[test]
fn every_operation_refuses_wrong_shapes_without_panicking() {
    let mut org = Organization::default();
    let mut env = FixedEnvironment::new(0.0, 0);
    let shapes = [
        json!(null),
        json!([]),
        json!("x"),
        json!(1),
        json!({"Rules": {"a": [[[]]]}}),
        json!({"Name": []}),
    ];
    for operation in Operation::ALL {
        for input in &shapes {
            let answer = org.call(operation, input, &mut env);
            if let Err(error) = answer {
                assert!(!error.message.is_empty());
            }
        }
    }
}

#[test]
fn text_answers_escape_control_characters_from_the_document() {
    let id = "S-1-1-11-\u{1b}[2K\rALLOW";
    let document = json!({"AccessControlRules": [
        {"Name": "default", "Effect": "ALLOW"},
        {"Name": "x", "Effect": "DENY", "UserIds": [id]}
    ]});
    let org = Organization::from_json(&document.to_string())
        .map(|l| l.organization)
        .unwrap_or_default();
    let request = workmail_policy::GetAccessControlEffectRequest {
        ip_address: "192.0.2.1".into(),
        action: "IMAP".into(),
        user_id: Some(id.into()),
        ..Default::default()
    };
    let explained = org
        .explain_access(&request)
        .map(|e| e.to_string())
        .unwrap_or_default();
    let table = workmail_policy::analysis::decision_table(&org);
    for text in [explained, table.to_string(), table.to_markdown()] {
        assert!(text.contains("S-1-1-11-"), "{text}");
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
    }
}
