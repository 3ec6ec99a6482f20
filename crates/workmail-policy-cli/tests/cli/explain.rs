//! `workmail-policy explain`: text, JSON, and the same API errors as `call`.

use crate::support::{DIRECTORY, Output, USER, aws_example, run_in};

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

/// The AWS example's question: the user `myRule` denies, from 192.0.2.0 with Outlook.
const QUESTION: [&str; 6] = [
    "--ip-address",
    "192.0.2.0",
    "--action",
    "WindowsOutlook",
    "--user-id",
    USER,
];

/// Runs `workmail-policy explain --org org.json` with `question` over `document`.
fn explain(document: &str, question: &[&str]) -> Output {
    let args = [&["explain", "--org", "org.json"], question].concat();
    run_in(&[("org.json", document)], &args)
}

/// Asks the AWS example its question, with `extra` arguments.
fn explain_aws_example(extra: &[&str]) -> Output {
    explain(aws_example(), &[&QUESTION, extra].concat())
}

#[test]
fn the_text_is_the_core_explanation_without_colour_when_piped() {
    let out = explain_aws_example(&[]);
    assert_eq!(out.all(), (0, EXPLAINED, ""));
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
    let ask = |target: &str, output: &str| {
        explain(
            DIRECTORY,
            &[
                "--impersonation-role-id",
                "archiver",
                "--target-user",
                target,
                "--output",
                output,
            ],
        )
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
    let out = explain(
        DIRECTORY,
        &[
            "--impersonation-role-id",
            "archiver",
            "--target-user",
            "nobody",
        ],
    );
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
fn questions_only_the_core_can_refuse_are_api_errors() {
    let cases: [&[&str]; 2] = [
        // A user and a role at once.
        &[&QUESTION[..], &["--impersonation-role-id", "archiver"]].concat(),
        // An action spelled otherwise than AWS spells it.
        &[
            "--ip-address",
            "192.0.2.0",
            "--action",
            "imap",
            "--user-id",
            USER,
        ],
    ];
    for question in cases {
        let out = explain(aws_example(), question);
        assert_eq!((out.code, out.stdout.as_str()), (254, ""), "{question:?}");
        assert!(
            out.stderr.starts_with("An error occurred (InvalidParameterException) when calling the GetAccessControlEffect operation: "),
            "{question:?}: {}",
            out.stderr
        );
    }
}
