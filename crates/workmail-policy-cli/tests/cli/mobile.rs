//! Mobile device access through the command line: `call` runs the new operations with the AWS
//! CLI's exit codes, `explain` answers the two mobile questions, and a bad document is refused
//! with exit 252 and located diagnostics.

use crate::support::{Output, run_in};

const ORG: &str = r#"{
    "Users": [{"Id": "S-1-1-11-0000000001", "Email": "jane@example.com", "Name": "jane", "State": "ENABLED"}],
    "AccessControlRules": [
        {"Name": "default", "Effect": "ALLOW"},
        {"Name": "lab", "Effect": "DENY", "IpRanges": ["198.51.100.0/24"], "Actions": ["ActiveSync"]}
    ],
    "MobileDeviceAccessRules": [
        {"MobileDeviceAccessRuleId": "deny-all", "Name": "DefaultDenyAll", "Effect": "DENY", "NotDeviceTypes": ["iPhone"]},
        {"MobileDeviceAccessRuleId": "ios16", "Name": "iOS 16 and later", "Effect": "ALLOW", "DeviceOperatingSystems": ["iOS 16.", "iOS 17."]}
    ],
    "MobileDeviceAccessOverrides": [
        {"UserId": "S-1-1-11-0000000001", "DeviceId": "OLDPHONE", "Effect": "ALLOW", "Description": "grandfathered"}
    ]
}"#;

fn run(args: &[&str]) -> Output {
    run_in(&[("org.json", ORG)], args)
}

#[test]
fn call_runs_the_mobile_operations() {
    let out = run(&[
        "call",
        "get-mobile-device-access-effect",
        "--org",
        "org.json",
        "--input",
        r#"{"DeviceType": "iPhone", "DeviceOperatingSystem": "iOS 17.2 21C62"}"#,
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(value["Effect"], "ALLOW");
    assert_eq!(
        value["MatchedRules"][0]["MobileDeviceAccessRuleId"],
        "ios16"
    );

    let out = run(&[
        "call",
        "GetMobileDeviceAccessOverride",
        "--org",
        "org.json",
        "--input",
        r#"{"UserId": "jane", "DeviceId": "NEWPHONE"}"#,
    ]);
    assert_eq!(out.code, 254, "{out:?}");
    assert!(
        out.stderr.contains(
            "An error occurred (ResourceNotFoundException) when calling the GetMobileDeviceAccessOverride operation"
        ),
        "{}",
        out.stderr
    );

    let out = run(&["call", "list-users", "--org", "org.json"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.contains("\"Email\": \"jane@example.com\""),
        "{}",
        out.stdout
    );
}

#[test]
fn explain_answers_the_rules_question() {
    let out = run(&[
        "explain",
        "--org",
        "org.json",
        "--device-type",
        "Android",
        "--device-operating-system",
        "Android 14",
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "DENY  for a device with device type `Android`, no device model, operating system `Android 14`, no user agent"
    );
    assert_eq!(lines[1], "MatchedRules: DefaultDenyAll (deny-all)");
    assert!(
        out.stdout
            .contains("✓ DefaultDenyAll [deny-all] (DENY) matched  <- deciding"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("NotDeviceTypes             holds  device type is `Android`: the value does not start with the entry  [decision D28]"),
        "{}",
        out.stdout
    );
    let json = run(&[
        "explain", "--org", "org.json", "--mobile", "--output", "json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["Effect"], "DENY");
    assert_eq!(value["MatchedRules"], serde_json::json!([]));
    assert_eq!(value["Rules"][0]["Conditions"][1]["Finding"], "NotReported");
}

#[test]
fn explain_answers_for_a_users_device() {
    let ask = |ip: &str| {
        run(&[
            "explain",
            "--org",
            "org.json",
            "--user-id",
            "jane@example.com",
            "--device-id",
            "oldphone",
            "--device-type",
            "Android",
            "--ip-address",
            ip,
        ])
    };
    let out = ask("192.0.2.1");
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.starts_with("ALLOW  for user `S-1-1-11-0000000001` on device `oldphone`\nWhy: an override for this user and device replaces the rules' answer"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("Override: ALLOW for device `OLDPHONE` (grandfathered)"),
        "{}",
        out.stdout
    );
    let out = ask("198.51.100.9");
    assert!(out.stdout.starts_with("DENY  for user"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("Access control (ActiveSync from 198.51.100.9): DENY"),
        "{}",
        out.stdout
    );
}

#[test]
fn mobile_questions_are_refused_like_calls_and_bad_arguments_exit_252() {
    let out = run(&["explain", "--org", "org.json", "--device-type", "iPhone™"]);
    assert_eq!(out.code, 254, "{out:?}");
    assert!(
        out.stderr.contains("(InvalidParameterException) when calling the GetMobileDeviceAccessEffect operation: `DeviceType`"),
        "{}",
        out.stderr
    );
    let out = run(&["explain", "--org", "org.json", "--device-id", "abc"]);
    assert_eq!(out.code, 252, "{out:?}");
    let out = run(&[
        "explain", "--org", "org.json", "--mobile", "--action", "IMAP",
    ]);
    assert_eq!(out.code, 252, "{out:?}");
}

#[test]
fn a_bad_mobile_document_is_located_with_exit_252() {
    let document = "{\"MobileDeviceAccessRules\": [\n  {\"MobileDeviceAccessRuleId\": \"r\", \"Name\": \"n\", \"Effect\": \"ALLOW\", \"DeviceTypes\": []}\n]}";
    let out = run_in(
        &[("bad.json", document)],
        &["explain", "--org", "bad.json", "--mobile"],
    );
    assert_eq!(out.code, 252, "{out:?}");
    assert!(out.stderr.contains("2:"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("MobileDeviceAccessRules[0].DeviceTypes"),
        "{}",
        out.stderr
    );
}

#[test]
fn test_checks_saved_mobile_answers() {
    let tests = r#"{"Tests": [
        {"Name": "iOS 17 phone", "Request": {"DeviceType": "iPhone", "DeviceOperatingSystem": "iOS 17.2"},
         "Expect": {"Effect": "ALLOW", "MatchedRules": ["ios16"]}},
        {"Name": "grandfathered", "Request": {"UserId": "jane", "DeviceId": "oldphone", "DeviceType": "Android"},
         "Expect": {"Effect": "ALLOW", "DecidedBy": "OVERRIDE"}},
        {"Name": "from the lab", "Request": {"UserId": "jane", "DeviceId": "oldphone", "IpAddress": "198.51.100.7"},
         "Expect": {"Effect": "ALLOW"}}
    ]}"#;
    let out = run_in(
        &[("org.json", ORG), ("tests.json", tests)],
        &["test", "--org", "org.json", "--tests", "tests.json"],
    );
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.stdout,
        "PASS iOS 17 phone\n\
         PASS grandfathered\n\
         FAIL from the lab: expected ALLOW, got DENY [] decided by ACCESS_CONTROL\n\
         2 passed, 1 failed\n"
    );
    let bad = r#"{"Tests": [{"Name": "t", "Request": {"DeviceType": ""}, "Expect": {"Effect": "ALLOW"}}]}"#;
    let out = run_in(
        &[("org.json", ORG), ("tests.json", bad)],
        &["test", "--org", "org.json", "--tests", "tests.json"],
    );
    assert_eq!(out.code, 252, "{out:?}");
    assert!(
        out.stderr.contains("Tests[0].Request.DeviceType"),
        "{out:?}"
    );
}
