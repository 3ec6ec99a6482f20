//! `workmail-policy explain --suggest`: the single edits that would flip the decision.

use serde_json::{Value, json};

use super::{JANE, run_with_org};
use crate::support::{Output, members};

const SUGGESTIONS: &str = "
now DENY [office-imap]
single edits that give ALLOW:
  add `203.0.113.9/32` to `NotIpRanges` of rule `office-imap`  -> ALLOW [default]
  add `IMAP` to `NotActions` of rule `office-imap`  -> ALLOW [default]
  add `S-1-1-11-1111111111-2222222222-3333333333-1002` to `NotUserIds` of rule `office-imap`  -> ALLOW [default]
  remove rule `office-imap`  -> ALLOW [default]
";

fn explain(extra: &[&str]) -> Output {
    let question = [
        "explain",
        "--org",
        "org.json",
        "--ip-address",
        "203.0.113.9",
        "--action",
        "IMAP",
        "--user-id",
        JANE,
    ];
    run_with_org(&[&question, extra].concat())
}

#[test]
fn suggestions_follow_the_explanation_only_when_asked() {
    let plain = explain(&[]);
    let suggested = explain(&["--suggest"]);
    assert_eq!((plain.code, suggested.code), (0, 0));
    assert_eq!(suggested.stdout, plain.stdout.clone() + SUGGESTIONS);
    assert!(!plain.stdout.contains("single edits"));
}

#[test]
fn json_suggestions_are_the_last_member() {
    let plain: Value = serde_json::from_str(&explain(&["--output", "json"]).stdout).unwrap();
    assert!(plain.get("Suggestions").is_none());
    let out = explain(&["--output", "json", "--suggest"]);
    let value: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(members(&value).last(), Some(&"Suggestions"));
    let suggestions = value["Suggestions"].as_array().unwrap();
    assert_eq!(suggestions.len(), 4);
    assert_eq!(
        suggestions[3],
        json!({"Edit": {"Edit": "RemoveRule", "Rule": {"AccessControlRule": "office-imap"}},
               "Effect": "ALLOW", "MatchedRules": ["default"]})
    );
    let mut without = value.clone();
    without.as_object_mut().unwrap().remove("Suggestions");
    assert_eq!(without, plain);
}

#[test]
fn impersonation_gets_suggestions_too() {
    let out = run_with_org(&[
        "explain",
        "--org",
        "org.json",
        "--impersonation-role-id",
        "archiver",
        "--target-user",
        "ceo@example.com",
        "--suggest",
    ]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.ends_with(
        "\nnow DENY [(none)]\nsingle edits that give ALLOW:\n  remove `ceo@example.com` from `NotTargetUsers` of rule `not-ceo` of role `archiver` (its only entry, so `NotTargetUsers` goes)  -> ALLOW [not-ceo]\n  add rule `allow-this-user` (ALLOW) with `TargetUsers` [ceo@example.com] to role `archiver`  -> ALLOW [allow-this-user]\n"
    ), "{}", out.stdout);
}

#[test]
fn a_refused_question_is_refused_once_with_or_without_suggestions() {
    for (ip, action) in [("192.0.2.1", "POP3"), ("::1", "IMAP")] {
        let ask = |extra: &[&str]| {
            let question = [
                "explain",
                "--org",
                "org.json",
                "--ip-address",
                ip,
                "--action",
                action,
                "--user-id",
                JANE,
            ];
            run_with_org(&[&question, extra].concat())
        };
        let plain = ask(&[]);
        assert_eq!(plain.code, 254, "{plain:?}");
        assert_eq!(ask(&["--suggest"]).all(), plain.all());
        let json = ask(&["--suggest", "--output", "json"]);
        assert_eq!(json.all(), ask(&["--output", "json"]).all());
        assert!(
            json.stdout.starts_with("{\n    \"Error\": {"),
            "{}",
            json.stdout
        );
        assert_eq!(json.stderr.lines().count(), 1, "{}", json.stderr);
    }
}
