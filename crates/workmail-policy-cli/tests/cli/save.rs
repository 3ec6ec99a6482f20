//! `--save`: written after a successful change only, atomically, and never otherwise.

use std::fs;

use crate::support::{DIRECTORY, EFFECT_INPUT, PUT_IMAP_DENY, arg, aws_example, call, file, run};

#[test]
fn a_put_is_saved_and_the_next_call_sees_it() {
    let (folder, org) = file("org.json", aws_example());
    let out = call(
        "put-access-control-rule",
        &org,
        &["--save", "--input", PUT_IMAP_DENY],
    );
    assert_eq!(out.all(), (0, "{}\n", ""));
    assert_eq!(
        folder.names(),
        ["org.json"],
        "no temporary file is left behind"
    );

    // Raw `list-access-control-rules` output comes back as a whole organization document.
    let saved: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&org).unwrap()).unwrap();
    let names: Vec<&str> = saved["AccessControlRules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["Name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["default", "myRule", "no-imap"]);
    assert!(saved.get("Rules").is_none());

    let out = call(
        "get-access-control-effect",
        &org,
        &[
            "--input",
            r#"{"IpAddress": "192.0.2.0", "Action": "IMAP", "UserId": "S-1-1-11-1111111111"}"#,
        ],
    );
    assert_eq!(out.code, 0);
    let answer: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        answer,
        serde_json::json!({"Effect": "DENY", "MatchedRules": ["no-imap"]})
    );
}

#[test]
fn a_created_role_is_saved_under_the_id_it_was_given() {
    let (folder, org) = file("org.json", DIRECTORY);
    let input = r#"{"Name": "helpdesk", "Type": "FULL_ACCESS", "ClientToken": "once",
                    "Rules": [{"ImpersonationRuleId": "all", "Effect": "ALLOW"}]}"#;
    let out = call(
        "CreateImpersonationRole",
        &org,
        &["--save", "--input", input],
    );
    assert_eq!(out.code, 0, "{out:?}");
    let created: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let id = created["ImpersonationRoleId"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 36, "{id}");
    assert_eq!(folder.names(), ["org.json"]);

    let request = format!(r#"{{"ImpersonationRoleId": "{id}"}}"#);
    let out = call("get-impersonation-role", &org, &["--input", &request]);
    assert_eq!(out.code, 0, "{out:?}");
    let role: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(role["Name"], "helpdesk");
    assert!(role["DateCreated"].as_f64().unwrap() > 1_704_067_200.0);

    // The client token was saved too: repeating the call returns the same role.
    let out = call(
        "CreateImpersonationRole",
        &org,
        &["--save", "--input", input],
    );
    let again: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(again["ImpersonationRoleId"], id.as_str());
}

#[test]
fn a_failed_call_leaves_the_file_byte_identical() {
    let (folder, org) = file("org.json", aws_example());
    let before = fs::read(&org).unwrap();
    let out = call(
        "put-access-control-rule",
        &org,
        &[
            "--save",
            "--input",
            r#"{"Name": "bad", "Effect": "MAYBE", "Description": ""}"#,
        ],
    );
    assert_eq!(out.code, 254);
    assert_eq!(fs::read(&org).unwrap(), before);
    assert_eq!(folder.names(), ["org.json"]);
}

#[test]
fn reading_operations_never_rewrite_the_file() {
    let (folder, org) = file("org.json", aws_example());
    let before = fs::read(&org).unwrap();
    for (operation, input) in [
        ("get-access-control-effect", Some(EFFECT_INPUT)),
        ("list-access-control-rules", None),
        ("list-impersonation-roles", None),
    ] {
        let mut args = vec!["call", operation, "--org", arg(&org), "--save"];
        args.extend(input.iter().flat_map(|input| ["--input", input]));
        let out = run(&args);
        assert_eq!(out.code, 0, "{operation}: {out:?}");
        // A rewrite would turn the raw `{"Rules": ...}` into a whole organization document.
        assert_eq!(fs::read(&org).unwrap(), before, "{operation}");
    }
    assert_eq!(folder.names(), ["org.json"]);
}

#[test]
fn without_save_a_change_is_not_written() {
    let (_folder, org) = file("org.json", aws_example());
    let before = fs::read(&org).unwrap();
    let out = call("put-access-control-rule", &org, &["--input", PUT_IMAP_DENY]);
    assert_eq!(out.code, 0);
    assert_eq!(fs::read(&org).unwrap(), before);
}

#[test]
fn an_invalid_document_is_never_saved() {
    let (_folder, org) = file(
        "org.json",
        r#"{"AccessControlRules": [{"Name": "x", "Effect": "MAYBE"}]}"#,
    );
    let before = fs::read(&org).unwrap();
    let out = call(
        "put-access-control-rule",
        &org,
        &["--save", "--input", PUT_IMAP_DENY],
    );
    assert_eq!((out.code, out.stdout.as_str()), (252, ""));
    assert_eq!(fs::read(&org).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (_folder, org) = file("org.json", aws_example());
    fs::set_permissions(&org, fs::Permissions::from_mode(0o640)).unwrap();
    let out = call(
        "put-access-control-rule",
        &org,
        &["--save", "--input", PUT_IMAP_DENY],
    );
    assert_eq!(out.code, 0);
    assert_eq!(
        fs::metadata(&org).unwrap().permissions().mode() & 0o777,
        0o640
    );
}
