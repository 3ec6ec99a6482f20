//! `workmail-policy impersonate`: the verdict and each stage, exit 0 when allowed and 1 when
//! denied, located errors for arguments the request cannot hold.

use serde_json::Value;

use super::{ORG, run_with_org};
use crate::support::{Output, arg, file, members, run};

const ALLOWED: &str = "\
ALLOW  EWS `FindItem` as role `archiver` from 192.0.2.10 impersonating `jane`
✓ credential      the role exists
✓ access control  ALLOW [default] for the role with action EWS from 192.0.2.10
✓ role rules      ALLOW [not-ceo] for the target user
✓ role type       READ_ONLY may perform `FindItem`, a read operation
";

const DENIED: &str = "\
DENY  EWS `DeleteItem` as role `archiver` from 192.0.2.10 impersonating `ceo@example.com`
✓ credential      the role exists
✓ access control  ALLOW [default] for the role with action EWS from 192.0.2.10
✗ role rules      DENY [(none)] for the target user
✗ role type       READ_ONLY may not perform `DeleteItem`, a write operation
";

fn impersonate(credential: &[&str], target: &str, operation: &str, extra: &[&str]) -> Output {
    let request = [
        "--ip-address",
        "192.0.2.10",
        "--target-user",
        target,
        "--ews-operation",
        operation,
    ];
    run_with_org(
        &[
            &["impersonate", "--org", "org.json"],
            credential,
            &request,
            extra,
        ]
        .concat(),
    )
}

const ROLE: &[&str] = &["--impersonation-role-id", "archiver"];

#[test]
fn allowed_exits_0_and_denied_exits_1() {
    assert_eq!(
        impersonate(ROLE, "jane", "FindItem", &[]).all(),
        (0, ALLOWED, "")
    );
    assert_eq!(
        impersonate(ROLE, "ceo@example.com", "DeleteItem", &[]).all(),
        (1, DENIED, "")
    );
}

#[test]
fn json_has_the_verdict_and_every_stage() {
    let out = impersonate(ROLE, "ceo@example.com", "DeleteItem", &["--output", "json"]);
    assert_eq!(out.code, 1);
    let value: Value = serde_json::from_str(&out.stdout).unwrap();
    let keys = members(&value);
    assert_eq!(
        keys,
        [
            "Verdict",
            "Request",
            "Credential",
            "AccessControl",
            "RoleRules",
            "RoleType"
        ]
    );
    assert_eq!(value["Verdict"], "DENY");
    assert_eq!(value["RoleRules"]["Outcome"], "Failed");
    assert_eq!(value["RoleType"]["Kind"], "Write");
}

#[test]
fn a_token_saved_by_assume_impersonation_role_is_accepted() {
    let (_folder, org) = file("org.json", ORG);
    let org = arg(&org);
    let assumed = run([
        "call",
        "assume-impersonation-role",
        "--org",
        org,
        "--save",
        "--input",
        r#"{"ImpersonationRoleId": "archiver"}"#,
    ]);
    assert_eq!(assumed.code, 0, "{assumed:?}");
    let token: Value = serde_json::from_str(&assumed.stdout).unwrap();
    let token = token["Token"].as_str().unwrap();
    let ask = |token: &str| {
        run([
            "impersonate",
            "--org",
            org,
            "--token",
            token,
            "--ip-address",
            "192.0.2.10",
            "--target-user",
            "jane",
            "--ews-operation",
            "GetItem",
        ])
    };
    let out = ask(token);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout
            .starts_with("ALLOW  EWS `GetItem` as role `archiver` from 192.0.2.10"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("\n✓ credential      the token is valid until "),
        "{}",
        out.stdout
    );
    let unknown = "A".repeat(token.len());
    let out = ask(&unknown);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout
            .contains("\n✗ credential      the token was not issued by `AssumeImpersonationRole`"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("\n- access control  not evaluated: the role is unknown\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn arguments_the_request_cannot_hold_are_located_by_option() {
    let out = impersonate(ROLE, "jane", "finditem", &[]);
    assert_eq!(
        out.all(),
        (
            252,
            "",
            "error: `--ews-operation`: `finditem` is not an EWS operation this project classifies; did you mean `FindItem`?\n"
        )
    );
    let out = impersonate(
        &["--impersonation-role-id", "not a role id!"],
        "jane",
        "FindItem",
        &["--output", "json"],
    );
    assert_eq!((out.code, out.stdout.as_str()), (252, ""));
    assert!(
        out.stderr.starts_with("error: `--impersonation-role-id`: "),
        "{}",
        out.stderr
    );
    let out = run_with_org(&[
        "impersonate",
        "--org",
        "org.json",
        "--impersonation-role-id",
        "archiver",
        "--ip-address",
        "::1",
        "--target-user",
        "jane",
        "--ews-operation",
        "FindItem",
    ]);
    assert_eq!((out.code, out.stdout.as_str()), (252, ""));
    assert!(
        out.stderr.starts_with("error: `--ip-address`: `::1` "),
        "{}",
        out.stderr
    );
}

#[test]
fn exactly_one_credential() {
    let both = impersonate(
        &["--impersonation-role-id", "archiver", "--token", "t"],
        "jane",
        "FindItem",
        &[],
    );
    assert_eq!((both.code, both.stdout.as_str()), (252, ""));
    let neither = impersonate(&[], "jane", "FindItem", &[]);
    assert_eq!((neither.code, neither.stdout.as_str()), (252, ""));
}
