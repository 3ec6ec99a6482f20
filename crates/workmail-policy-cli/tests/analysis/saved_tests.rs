//! `workmail-policy test`: the core's report, exit 1 on a failure, located errors in the tests
//! file.

use super::{NEW, ORG, TESTS, run_with_org};
use crate::support::{Output, run_in};

const REPORT: &str = "\
PASS jane reads IMAP at the office
PASS no IMAP from home
FAIL no WebMail from home: expected DENY, got ALLOW [default]
PASS the archiver cannot read the CEO
3 passed, 1 failed
";

fn test(org: &str, tests: &str, extra: &[&str]) -> Output {
    let args = [
        &["test", "--org", "org.json", "--tests", "tests.json"],
        extra,
    ]
    .concat();
    run_in(&[("org.json", org), ("tests.json", tests)], &args)
}

#[test]
fn one_line_per_test_and_exit_1_on_a_failure() {
    assert_eq!(test(ORG, TESTS, &[]).all(), (1, REPORT, ""));
    let out = test(NEW, TESTS, &[]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.ends_with("\n4 passed, 0 failed\n"),
        "{}",
        out.stdout
    );
    assert_eq!(
        test(ORG, r#"{"Tests": []}"#, &[]).all(),
        (0, "0 passed, 0 failed\n", "")
    );
}

#[test]
fn a_refused_request_is_a_failure_showing_the_error() {
    let tests = r#"{"Tests": [{"Name": "unknown role", "Request": {"ImpersonationRoleId": "nobody", "TargetUser": "jane"}, "Expect": {"Effect": "DENY"}}]}"#;
    let out = test(ORG, tests, &[]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .starts_with("FAIL unknown role: expected DENY, got "),
        "{}",
        out.stdout
    );
    assert!(out.stdout.ends_with("0 passed, 1 failed\n"));
}

#[test]
fn a_tests_file_that_does_not_load_is_refused_with_every_problem_located() {
    let bad = "{\"Tests\": [{\"Name\": \"x\",\n  \"Request\": {\"IpAddress\": \"::1\", \"Action\": \"IMAP\"}, \"Expect\": {\"Effect\": \"MAYBE\"}}]}";
    let out = test(ORG, bad, &[]);
    assert_eq!((out.code, out.stdout.as_str()), (252, ""));
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines[0].starts_with("error: cannot load `")
            && lines[0].ends_with("tests.json`: the document has 2 errors:"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("error[pattern]: 2:28: Tests[0].Request.IpAddress: `::1` "),
        "{}",
        lines[1]
    );
    assert!(
        lines[3].starts_with("error[enum]: 2:75: Tests[0].Expect.Effect: `MAYBE` "),
        "{}",
        lines[3]
    );
    // Both files' problems at once.
    let out = test("{", bad, &[]);
    assert_eq!((out.code, out.stdout.as_str()), (252, ""));
    assert!(
        out.stderr.contains("org.json`: ") && out.stderr.contains("tests.json`: "),
        "{}",
        out.stderr
    );
    for text in ["", "[]", "{\"Tests\": {}}", "\u{feff}{\"Tests\": [{}]}"] {
        let out = test(ORG, text, &[]);
        assert_eq!((out.code, out.stdout.as_str()), (252, ""), "{text}");
        assert!(
            out.stderr.contains("tests.json`: the document has"),
            "{text}: {}",
            out.stderr
        );
    }
    let out = run_with_org(&["test", "--org", "org.json", "--tests", "no-such-tests.json"]);
    assert_eq!(
        out.all(),
        (
            252,
            "",
            "error: cannot read the tests file `no-such-tests.json`: no such file\n"
        )
    );
}

#[test]
fn tests_file_warnings_go_to_stderr_unless_quiet() {
    let twice = r#"{"Tests": [
        {"Name": "t", "Request": {"ImpersonationRoleId": "archiver", "TargetUser": "jane"}, "Expect": {"Effect": "ALLOW"}},
        {"Name": "t", "Request": {"ImpersonationRoleId": "archiver", "TargetUser": "jane"}, "Expect": {"Effect": "ALLOW"}, "Note": 1}]}"#;
    let out = test(ORG, twice, &[]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "PASS t\nPASS t\n2 passed, 0 failed\n")
    );
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert!(
        lines[0].starts_with("warning[duplicate-test-name]: 3:18: Tests[1].Name: "),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("warning[unknown-member]: "),
        "{}",
        out.stderr
    );
    assert_eq!(test(ORG, twice, &["--quiet"]).stderr, "");
}

/// The help's `properties.json`.
const PROPERTIES: &str = r#"{"Properties": [{"Name": "IMAP and WebMail only from the office",
    "ForAll": {"Actions": ["IMAP", "WebMail"], "NotIpRanges": ["192.0.2.0/24"]}, "Expect": {"Effect": "DENY"}}]}"#;

#[test]
fn properties_count_with_the_tests_and_print_a_counterexample() {
    let out = test(ORG, PROPERTIES, &[]);
    assert_eq!(
        out.all(),
        (
            1,
            "FAIL IMAP and WebMail only from the office: expected DENY for every request; WebMail from 203.0.113.1 for user `S-1-1-11-1111111111-2222222222-3333333333-1001` gets ALLOW [default] (1 class of requests fails)\n0 passed, 1 failed\n",
            ""
        )
    );
    // The help's example is this output.
    let help = run_in(&[], &["help", "test"]).stdout;
    assert!(
        help.contains("  FAIL IMAP and WebMail only from the office: expected DENY"),
        "{help}"
    );
    assert_eq!(
        test(NEW, PROPERTIES, &[]).all(),
        (
            0,
            "PASS IMAP and WebMail only from the office\n1 passed, 0 failed\n",
            ""
        )
    );
}

#[test]
fn the_json_report_holds_the_counterexample_as_a_request() {
    let out = test(ORG, PROPERTIES, &["--output", "json"]);
    assert_eq!(out.code, 1);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_default();
    let property = &report["Properties"][0];
    assert_eq!(property["Holds"], false);
    assert_eq!(property["FailingClasses"], 1);
    assert_eq!(
        property["Counterexample"]["Request"],
        serde_json::json!({"IpAddress": "203.0.113.1", "Action": "WebMail", "UserId": "S-1-1-11-1111111111-2222222222-3333333333-1001"})
    );
    assert_eq!(
        property["Counterexample"]["Answer"]["MatchedRules"],
        serde_json::json!(["default"])
    );
}

#[test]
fn a_property_naming_what_the_document_lacks_is_refused_before_anything_runs() {
    let tests = "{\"Tests\": [],\n \"Properties\": [{\"Name\": \"x\", \"ForAll\": {\"UserIds\": [\"archiver-the-role\"], \"ImpersonationRoleIds\": [\"ghost\"]},\n  \"Expect\": {\"Effect\": \"DENY\"}}]}";
    let out = test(ORG, tests, &[]);
    assert_eq!((out.code, out.stdout.as_str()), (252, ""));
    assert!(
        out.stderr.contains("the document has 2 errors:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("error[unknown-user]: 2:54: Properties[0].ForAll.UserIds[0]: "),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("error[unknown-role]: 2:101: Properties[0].ForAll.ImpersonationRoleIds[0]: the document has no impersonation role `ghost`"),
        "{}",
        out.stderr
    );
    // A misspelt list would widen the property to every request: refused, not warned.
    let misspelt = r#"{"Properties": [{"Name": "x", "ForAll": {"Action": ["IMAP"]}, "Expect": {"Effect": "DENY"}}]}"#;
    let out = test(ORG, misspelt, &[]);
    assert_eq!(out.code, 252);
    assert!(
        out.stderr
            .contains("error[unknown-member]: 1:52: Properties[0].ForAll.Action: "),
        "{}",
        out.stderr
    );
}

#[test]
fn coverage_names_what_no_test_exercised_and_can_gate() {
    let out = test(ORG, TESTS, &["--coverage"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.ends_with(
            "3 passed, 1 failed\ncoverage: 10 of 12 items (83.3%)\n\
             ImpersonationRoles[0].Rules[0]: rule `not-ceo` never matched\n\
             ImpersonationRoles[0].Rules[0]: rule `not-ceo` never decided a request\n"
        ),
        "{}",
        out.stdout
    );
    // The tests that pass, with a gate the coverage meets and one it does not.
    assert_eq!(test(NEW, TESTS, &["--min-coverage", "80"]).code, 0);
    assert_eq!(test(NEW, TESTS, &["--min-coverage", "90%"]).code, 1);
    let json = test(NEW, TESTS, &["--coverage", "--output", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap_or_default();
    assert_eq!(report["Coverage"]["Percent"], 84.6); // 11 of 13: NEW lists WebMail too
    assert_eq!(
        report["Coverage"]["NotExercised"][0],
        serde_json::json!({"Path": "ImpersonationRoles[0].Rules[0]", "Item": "Matched", "Rule": "not-ceo"})
    );
    let bad = test(NEW, TESTS, &["--min-coverage", "lots"]);
    assert_eq!((bad.code, bad.stdout.as_str()), (252, ""));
    assert!(
        bad.stderr.contains("is not a percentage from 0 to 100"),
        "{}",
        bad.stderr
    );
}

#[test]
fn mobile_properties_hold_over_every_device_of_their_set() {
    let document = r#"{"MobileDeviceAccessRules": [
        {"MobileDeviceAccessRuleId": "old-android", "Name": "Old Android", "Effect": "DENY", "DeviceOperatingSystems": ["Android 8", "Android 9"]},
        {"MobileDeviceAccessRuleId": "phones", "Name": "Phones", "Effect": "ALLOW", "DeviceTypes": ["iPhone", "Android"]}]}"#;
    let tests = r#"{"Properties": [
        {"Name": "old Android is denied", "ForAll": {"DeviceOperatingSystems": ["Android 8", "Android 9"]}, "Expect": {"Effect": "DENY", "MatchedRules": ["old-android"]}},
        {"Name": "every iPhone is allowed", "ForAll": {"DeviceTypes": ["iPhone"]}, "Expect": {"Effect": "ALLOW"}}]}"#;
    let out = test(document, tests, &[]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.stdout,
        "PASS old Android is denied\n\
         FAIL every iPhone is allowed: expected ALLOW for every request; a device with type \"iPhone\", OS \"Android 8\" gets DENY [old-android \"Old Android\"] (1 class of requests fails)\n\
         1 passed, 1 failed\n"
    );
}
