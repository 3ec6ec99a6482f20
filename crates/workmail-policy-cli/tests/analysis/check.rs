//! `workmail-policy check` and `diff --exit-code`: version gates, exit codes and output.

use super::{NEW, ORG};
use crate::support::{Output, run_in};

fn check(extra: &[&str]) -> Output {
    let args = [&["check", "--org", "org.json", "--org", "new.json"], extra].concat();
    run_in(&[("org.json", ORG), ("new.json", NEW)], &args)
}

const LOST: &str = "WebMail from any IP except 192.0.2.0/24 for any user: ALLOW [default] -> DENY [office-imap]  e.g. {\"IpAddress\":\"203.0.113.1\",\"Action\":\"WebMail\",\"UserId\":\"S-1-1-11-1111111111-2222222222-3333333333-1001\"}\ndoes not hold: no lost access; 1 class of requests break it\n";

#[test]
fn each_guarantee_exits_0_when_it_holds_and_1_with_counterexamples() {
    assert_eq!(
        check(&["--no-new-access"]).all(),
        (0, "holds: no new access\n", "")
    );
    assert_eq!(check(&["--no-lost-access"]).all(), (1, LOST, ""));
    assert_eq!(check(&["--equivalent"]).code, 1);
    let same = run_in(
        &[("org.json", ORG)],
        &[
            "check",
            "--org",
            "org.json",
            "--org",
            "org.json",
            "--equivalent",
        ],
    );
    assert_eq!(same.all(), (0, "holds: equivalent\n", ""));
    // The help's example is this output.
    let help = run_in(&[], &["help", "check"]).stdout;
    assert!(
        help.contains("  WebMail from any IP except 192.0.2.0/24 for any user: ALLOW [default]"),
        "{help}"
    );
}

#[test]
fn json_gives_the_requests_and_both_answers() {
    let out = check(&["--no-lost-access", "--output", "json"]);
    assert_eq!(out.code, 1);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_default();
    assert_eq!(
        report,
        serde_json::json!({
            "Guarantee": "NoLostAccess",
            "Holds": false,
            "Counterexamples": [{
                "Request": {"IpAddress": "203.0.113.1", "Action": "WebMail", "UserId": "S-1-1-11-1111111111-2222222222-3333333333-1001"},
                "Old": {"Effect": "ALLOW", "MatchedRules": ["default"]},
                "New": {"Effect": "DENY", "MatchedRules": ["office-imap"]},
                "Class": "WebMail from any IP except 192.0.2.0/24 for any user"
            }],
            "Classes": 1
        })
    );
}

#[test]
fn bad_input_exits_252() {
    let one = run_in(
        &[("org.json", ORG)],
        &["check", "--org", "org.json", "--no-new-access"],
    );
    assert_eq!(one.code, 252);
    assert!(
        one.stderr.contains("`check` compares two documents"),
        "{}",
        one.stderr
    );
    let none = check(&[]);
    assert_eq!(none.code, 252);
    assert!(
        none.stderr
            .contains("<--no-new-access|--no-lost-access|--equivalent>"),
        "{}",
        none.stderr
    );
    let two = check(&["--no-new-access", "--equivalent"]);
    assert_eq!(two.code, 252);
    let broken = run_in(
        &[
            ("org.json", ORG),
            ("new.json", "{\"Rules\": [{\"Name\": \"x\"}]}"),
        ],
        &[
            "check",
            "--org",
            "org.json",
            "--org",
            "new.json",
            "--equivalent",
        ],
    );
    assert_eq!((broken.code, broken.stdout.as_str()), (252, ""));
    assert!(broken.stderr.contains("new.json"), "{}", broken.stderr);
}

#[test]
fn diff_exit_code_fails_on_any_change() {
    let diff = |old: &str, extra: &[&str]| {
        let args = [&["diff", "--org", "old.json", "--org", "new.json"], extra].concat();
        run_in(&[("old.json", old), ("new.json", NEW)], &args)
    };
    assert_eq!(diff(ORG, &["--exit-code"]).code, 1);
    assert_eq!(diff(ORG, &[]).code, 0);
    assert_eq!(
        diff(NEW, &["--exit-code"]).all(),
        (0, "no decision changes\n", "")
    );
}
