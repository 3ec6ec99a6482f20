//! `workmail-policy explain`: text, JSON, and the same API errors as `call`.

use crate::support::{DIRECTORY, Output, USER, arg, aws_example, file, run};

const EXPLAINED: &str = "\
DENY  for user `S-1-1-11-1111111111-2222222222-3333333333-3333` from 192.0.2.0 using WindowsOutlook
MatchedRules: myRule
Why: a DENY rule matched, and DENY takes precedence over ALLOW  [documented: AWS CLI Command Reference: workmail examples]

✓ default (ALLOW) matched
    no conditions: the rule matches every request  [decision D5]

✓ myRule (DENY) matched  <- deciding
    UserIds                  holds  the user is listed  [documented: Amazon WorkMail API Reference]
    empty, so no condition: IpRanges, NotIpRanges, Actions, NotActions, NotUserIds, ImpersonationRoleIds, NotImpersonationRoleIds  [decision D5]
";

fn explain_aws_example(extra: &[&str]) -> Output {
    let (_folder, org) = file("org.json", aws_example());
    let mut args = vec![
        "explain",
        "--org",
        arg(&org),
        "--ip-address",
        "192.0.2.0",
        "--action",
        "WindowsOutlook",
        "--user-id",
        USER,
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn the_text_is_the_core_explanation_without_colour_when_piped() {
    let out = explain_aws_example(&[]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, EXPLAINED, "")
    );
    assert!(!out.stdout.contains('\u{1b}'));
    let out = explain_aws_example(&["--output", "text"]);
    assert_eq!(out.stdout, EXPLAINED);
}

#[test]
fn json_output_is_the_explanation_data() {
    let out = explain_aws_example(&["--output", "json"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.starts_with("{\n    \"Request\": {\n        "),
        "{}",
        out.stdout
    );
    let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(value["Effect"], "DENY");
    assert_eq!(value["MatchedRules"], serde_json::json!(["myRule"]));
    assert_eq!(value["Reason"], "DenyRuleMatched");
    let rules = value["Rules"].as_array().unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(
        (
            &rules[0]["Name"],
            &rules[0]["Matched"],
            &rules[0]["Deciding"]
        ),
        (&"default".into(), &true.into(), &false.into())
    );
    assert_eq!(
        (&rules[1]["Name"], &rules[1]["Deciding"]),
        (&"myRule".into(), &true.into())
    );
}

#[test]
fn impersonation_is_explained_in_text_and_json() {
    let (_folder, org) = file("org.json", DIRECTORY);
    let ask = |target: &str, output: &str| {
        run([
            "explain",
            "--org",
            arg(&org),
            "--impersonation-role-id",
            "archiver",
            "--target-user",
            target,
            "--output",
            output,
        ])
    };
    let out = ask("jane", "text");
    assert_eq!(out.code, 0, "{out:?}");
    let first = out.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("ALLOW  for role `archiver` (READ_ONLY) impersonating `jane`"),
        "{first}"
    );
    assert!(
        out.stdout
            .contains("✓ not-ceo \"everyone but the CEO\" (ALLOW) matched  <- deciding")
    );

    let out = ask("CEO@example.com", "json");
    assert_eq!(out.code, 0, "{out:?}");
    let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(value["Effect"], "DENY");
    assert_eq!(value["Type"], "READ_ONLY");
    assert_eq!(
        value["Target"]["Resolved"]["UserId"],
        "S-1-1-11-1111111111-2222222222-3333333333-1001"
    );
}

#[test]
fn an_api_error_in_text_mode_is_one_line_on_stderr() {
    let (_folder, org) = file("org.json", DIRECTORY);
    let out = run([
        "explain",
        "--org",
        arg(&org),
        "--impersonation-role-id",
        "archiver",
        "--target-user",
        "nobody",
    ]);
    assert_eq!((out.code, out.stdout.as_str()), (254, ""));
    assert!(
        out.stderr.starts_with("An error occurred (EntityNotFoundException) when calling the GetImpersonationRoleEffect operation: `nobody` "),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1);
}

#[test]
fn an_api_error_in_json_mode_is_shaped_like_call() {
    let out = explain_aws_example(&[
        "--output",
        "json",
        "--organization-id",
        "m-ffffffffffffffffffffffffffffffff",
    ]);
    // The AWS example has no organization ID, so it answers to any; use an ill-formed one.
    assert_eq!(out.code, 0, "{out:?}");
    let out = explain_aws_example(&["--output", "json", "--organization-id", "bad"]);
    assert_eq!(out.code, 254, "{out:?}");
    let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(value["Error"]["Code"], "InvalidParameterException");
    let message = value["Error"]["Message"].as_str().unwrap();
    assert_eq!(
        out.stderr,
        format!(
            "An error occurred (InvalidParameterException) when calling the GetAccessControlEffect operation: {message}\n"
        )
    );
}

#[test]
fn a_user_and_a_role_together_are_left_to_the_core() {
    let out = explain_aws_example(&["--impersonation-role-id", "archiver"]);
    assert_eq!((out.code, out.stdout.as_str()), (254, ""));
    assert!(out.stderr.starts_with("An error occurred (InvalidParameterException) when calling the GetAccessControlEffect operation: "), "{}", out.stderr);
}

#[test]
fn an_unknown_action_is_left_to_the_core() {
    let (_folder, org) = file("org.json", aws_example());
    let out = run([
        "explain",
        "--org",
        arg(&org),
        "--ip-address",
        "192.0.2.0",
        "--action",
        "imap",
        "--user-id",
        USER,
    ]);
    assert_eq!(out.code, 254, "{out:?}");
}
