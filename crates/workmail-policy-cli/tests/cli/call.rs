//! `workmail-policy call`: answers, API errors and the input forms.

use crate::support::{DIRECTORY, EFFECT_INPUT, arg, aws_example, call, file, members};

const DENY_MY_RULE: &str =
    "{\n    \"Effect\": \"DENY\",\n    \"MatchedRules\": [\n        \"myRule\"\n    ]\n}\n";

#[test]
fn the_aws_cli_example_is_denied_by_my_rule() {
    let (_folder, org) = file("org.json", aws_example());
    let out = call(
        "get-access-control-effect",
        &org,
        &["--input", EFFECT_INPUT],
    );
    assert_eq!(out.all(), (0, DENY_MY_RULE, ""));
}

#[test]
fn pascal_case_and_kebab_case_name_the_same_operation() {
    let (_folder, org) = file("org.json", aws_example());
    for operation in ["GetAccessControlEffect", "get-access-control-effect"] {
        let out = call(operation, &org, &["--input", EFFECT_INPUT]);
        assert_eq!(
            (out.code, out.stdout.as_str()),
            (0, DENY_MY_RULE),
            "{operation}"
        );
    }
}

#[test]
fn listing_needs_no_input_and_prints_epoch_seconds_like_the_aws_cli() {
    let (_folder, org) = file("org.json", aws_example());
    for operation in ["list-access-control-rules", "ListAccessControlRules"] {
        let out = call(operation, &org, &[]);
        assert_eq!(out.code, 0, "{out:?}");
        // The AWS CLI's own output, reproduced byte for byte.
        assert_eq!(out.stdout, aws_example());
    }
    let out = call("list-impersonation-roles", &org, &[]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "{\n    \"Roles\": []\n}\n")
    );
}

#[test]
fn an_empty_response_prints_an_empty_object() {
    let (_folder, org) = file("org.json", aws_example());
    let out = call(
        "delete-access-control-rule",
        &org,
        &["--input", r#"{"Name": "no-such-rule"}"#],
    );
    assert_eq!(out.all(), (0, "{}\n", ""));
}

#[test]
fn an_api_error_exits_254_with_the_error_object_and_the_aws_cli_line() {
    let (_folder, org) = file("org.json", aws_example());
    let out = call(
        "get-access-control-effect",
        &org,
        &[
            "--input",
            r#"{"IpAddress": "2001:db8::1", "Action": "IMAP", "UserId": "S-1-1-11-1111111111"}"#,
        ],
    );
    assert_eq!(out.code, 254);
    let error: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(members(&error), ["Error"]);
    assert_eq!(members(&error["Error"]), ["Code", "Message"]);
    assert_eq!(error["Error"]["Code"], "InvalidParameterException");
    let message = error["Error"]["Message"].as_str().unwrap();
    assert!(message.contains("`IpAddress`"), "{message}");
    assert_eq!(
        out.stderr,
        format!(
            "An error occurred (InvalidParameterException) when calling the GetAccessControlEffect operation: {message}\n"
        )
    );
    // Pretty with four spaces, like every answer.
    assert!(
        out.stdout
            .starts_with("{\n    \"Error\": {\n        \"Code\": ")
    );
}

#[test]
fn the_organization_id_may_be_omitted_given_or_wrong() {
    let (_folder, org) = file("org.json", DIRECTORY);
    let ask = |extra: &str| {
        let input = format!(
            r#"{{{extra}"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-1111111111-2222222222-3333333333-1002"}}"#
        );
        call("GetAccessControlEffect", &org, &["--input", &input])
    };
    let allowed =
        "{\n    \"Effect\": \"ALLOW\",\n    \"MatchedRules\": [\n        \"default\"\n    ]\n}\n";
    let out = ask("");
    assert_eq!((out.code, out.stdout.as_str()), (0, allowed));
    let out = ask(r#""OrganizationId": "m-0123456789abcdef0123456789abcdef", "#);
    assert_eq!((out.code, out.stdout.as_str()), (0, allowed));
    let out = ask(r#""OrganizationId": "m-ffffffffffffffffffffffffffffffff", "#);
    assert_eq!(out.code, 254);
    assert!(
        out.stderr.starts_with(
            "An error occurred (OrganizationNotFoundException) when calling the GetAccessControlEffect operation: "
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn input_can_come_from_a_file() {
    let (folder, org) = file("org.json", aws_example());
    let at = format!("@{}", arg(&folder.write("request.json", EFFECT_INPUT)));
    let out = call("get-access-control-effect", &org, &["--input", &at]);
    assert_eq!(out.all(), (0, DENY_MY_RULE, ""));
}

#[test]
fn invalid_arguments_exit_252_saying_what_is_wrong() {
    let (folder, org) = file("org.json", aws_example());
    let not_json = format!(
        "@{}",
        arg(&folder.write("request.json", "{\n\n   [1, 2,]}"))
    );
    let missing = format!("@{}", arg(&folder.path().join("missing.json")));
    let cases: [(&str, &[&str], &str); 6] = [
        (
            "get-access-control-effect",
            &["--input", "{\"IpAddress\": \"192.0.2.0\",\n \"Action\": }"],
            "error: `--input` is not JSON: 2:12: ",
        ),
        (
            "get-access-control-effect",
            &["--input", &not_json],
            "request.json` is not JSON: 3:4: ",
        ),
        (
            "get-access-control-effect",
            &["--input", &missing],
            "missing.json`: no such file",
        ),
        (
            "get-access-control-effect",
            &["--input", "@"],
            "error: `--input @` names no file",
        ),
        (
            "ListGroups",
            &[],
            "error: `ListGroups` is not a supported operation",
        ),
        (
            "PutAccessControlRule",
            &[],
            "needs `--input` with its request (`Name`, `Effect`, `Description` required)",
        ),
    ];
    for (operation, more, expected) in cases {
        call(operation, &org, more).assert_refused(expected, &format!("{operation} {more:?}"));
    }
}

#[test]
fn load_warnings_go_to_stderr_unless_quiet() {
    let text = aws_example().replacen(
        "{\n    \"Rules\"",
        "{\n    \"ResponseMetadata\": {},\n    \"Rules\"",
        1,
    );
    let (_folder, org) = file("org.json", text);
    let out = call("list-access-control-rules", &org, &[]);
    assert_eq!(out.code, 0);
    assert!(
        out.stderr
            .starts_with("warning[unknown-member]: 2:25: ResponseMetadata: "),
        "{}",
        out.stderr
    );
    assert!(out.stdout.starts_with("{\n    \"Rules\": ["));
    for quiet in ["--quiet", "-q"] {
        let out = call("list-access-control-rules", &org, &[quiet]);
        assert_eq!((out.code, out.stderr.as_str()), (0, ""), "{quiet}");
    }
}

#[test]
fn impersonation_operations_answer_through_the_core() {
    let (_folder, org) = file("org.json", DIRECTORY);
    let out = call(
        "get-impersonation-role-effect",
        &org,
        &[
            "--input",
            r#"{"ImpersonationRoleId": "archiver", "TargetUser": "JANE@example.com"}"#,
        ],
    );
    assert_eq!(out.code, 0, "{out:?}");
    let answer: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        answer,
        serde_json::json!({"Type": "READ_ONLY", "Effect": "ALLOW",
            "MatchedRules": [{"ImpersonationRuleId": "not-ceo", "Name": "everyone but the CEO"}]})
    );
    let out = call(
        "assume-impersonation-role",
        &org,
        &["--input", r#"{"ImpersonationRoleId": "archiver"}"#],
    );
    assert_eq!(out.code, 0, "{out:?}");
    let answer: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(answer["ExpiresIn"], 900);
    let token = answer["Token"].as_str().unwrap();
    assert!(!token.is_empty() && token.bytes().all(|b| (0x21..=0x7e).contains(&b)));
}
