//! `workmail-policy diff`: the changed classes on stdout, lockout warnings on stderr (text) or in
//! the JSON, and `--fail-on`.

use serde_json::{Value, json};

use super::{NEW, ORG, run_with_org};
use crate::support::{Output, members, run, run_in};

const CHANGE: &str = "WebMail  from any IP except 192.0.2.0/24  for any user: ALLOW [default] -> DENY [office-imap]\n";

const MY_IP_WARNING: &str = "warning[my-ip-denied]: after this change requests from 203.0.113.9 lose WebMail for user `S-1-1-11-1111111111-2222222222-3333333333-1001`, user `S-1-1-11-1111111111-2222222222-3333333333-1002`, any other user\n";

fn diff(old: &str, new: &str, extra: &[&str]) -> Output {
    let args = [&["diff", "--org", "old.json", "--org", "new.json"], extra].concat();
    run_in(&[("old.json", old), ("new.json", new)], &args)
}

#[test]
fn changes_go_to_stdout_and_warnings_to_stderr() {
    assert_eq!(diff(ORG, NEW, &[]).all(), (0, CHANGE, ""));
    assert_eq!(
        diff(
            ORG,
            NEW,
            &["--my-ip", "203.0.113.9", "--my-ip", "192.0.2.1"]
        )
        .all(),
        (0, CHANGE, MY_IP_WARNING)
    );
    // An address inside the office keeps everything.
    assert_eq!(
        diff(ORG, NEW, &["--my-ip", "192.0.2.1"]).all(),
        (0, CHANGE, "")
    );
    assert_eq!(diff(ORG, ORG, &[]).all(), (0, "no decision changes\n", ""));
}

#[test]
fn json_holds_changes_and_warnings() {
    let out = diff(ORG, NEW, &["--my-ip", "203.0.113.9", "--output", "json"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let value: Value = serde_json::from_str(&out.stdout).unwrap();
    let keys = members(&value);
    assert_eq!(
        keys,
        [
            "AccessControl",
            "Impersonation",
            "MobileDeviceAccess",
            "Warnings"
        ]
    );
    assert_eq!(value["MobileDeviceAccess"], json!([]));
    let change = &value["AccessControl"][0];
    assert_eq!(change["Actions"], json!(["WebMail"]));
    assert_eq!(
        change["Before"],
        json!({"Effect": "ALLOW", "MatchedRules": ["default"]})
    );
    assert_eq!(
        change["After"],
        json!({"Effect": "DENY", "MatchedRules": ["office-imap"]})
    );
    assert_eq!(value["Warnings"][0]["Guard"], "MyIpDenied");
    assert_eq!(value["Warnings"][0]["IpAddress"], "203.0.113.9");
    let same = diff(ORG, ORG, &["--output", "json"]);
    assert_eq!(
        same.stdout,
        "{\n    \"AccessControl\": [],\n    \"Impersonation\": [],\n    \"MobileDeviceAccess\": [],\n    \"Warnings\": []\n}\n"
    );
}

#[test]
fn fail_on_change_and_on_lockout() {
    assert_eq!(
        diff(ORG, NEW, &["--fail-on", "change"]).all(),
        (1, CHANGE, "")
    );
    assert_eq!(diff(ORG, ORG, &["--fail-on", "change"]).code, 0);
    // A change without a lockout passes `--fail-on lockout`.
    assert_eq!(diff(ORG, NEW, &["--fail-on", "lockout"]).code, 0);
    let out = diff(
        ORG,
        NEW,
        &["--fail-on", "lockout", "--my-ip", "203.0.113.9"],
    );
    assert_eq!(out.all(), (1, CHANGE, MY_IP_WARNING));
    let nothing = r#"{"AccessControlRules": []}"#;
    let out = diff(ORG, nothing, &["--fail-on", "lockout", "--quiet"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "warning[all-access-blocked]: after this change every request is denied: nobody can reach any mailbox\n"
    );
    // Undoing it is no lockout.
    assert_eq!(diff(nothing, ORG, &["--fail-on", "lockout"]).code, 0);
}

#[test]
fn two_documents_exactly() {
    let out = run_with_org(&["diff", "--org", "org.json"]);
    assert_eq!(
        out.all(),
        (
            252,
            "",
            "error: `diff` compares two documents, so it needs `--org` twice (`--org OLD --org NEW`), not 1 time\n"
        )
    );
    assert_eq!(
        run_with_org(&[
            "diff", "--org", "org.json", "--org", "org.json", "--org", "org.json"
        ])
        .code,
        252
    );
    let out = run(["diff"]);
    assert_eq!((out.code, out.stdout.as_str()), (252, ""));
}

#[test]
fn bad_addresses_and_documents_are_refused() {
    diff(ORG, NEW, &["--my-ip", "::1"]).assert_refused(
        "`::1` is not an IPv4 address such as `192.0.2.1`",
        "--my-ip ::1",
    );
    // The problems of both documents are reported together.
    let out = diff("{", "[1]", &[]);
    assert_eq!((out.code, out.stdout.as_str()), (252, ""));
    assert!(out.stderr.contains("old.json`: "), "{}", out.stderr);
    assert!(out.stderr.contains("new.json`: "), "{}", out.stderr);
}
