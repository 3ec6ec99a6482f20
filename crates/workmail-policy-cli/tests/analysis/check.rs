//! `workmail-policy check` and `diff --exit-code`: version gates, exit codes and output.

use super::{NEW, ORG};
use crate::support::{Output, run_in};

fn check(extra: &[&str]) -> Output {
    let args = [&["check", "--org", "org.json", "--org", "new.json"], extra].concat();
    run_in(&[("org.json", ORG), ("new.json", NEW)], &args)
}

const LOST: &str = "WebMail from any IP except 192.0.2.0/24 for any user: ALLOW [default] -> DENY [office-imap]  e.g. {\"IpAddress\":\"203.0.113.1\",\"Action\":\"WebMail\",\"UserId\":\"S-1-1-11-1111111111-2222222222-3333333333-1001\"}\ndoes not hold: no lost access; 1 class of requests breaks it\n";

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

#[test]
fn sarif_logs_for_lint_test_and_check() {
    let files = [
        ("org.json", ORG),
        ("new.json", NEW),
        ("messy.json", super::MESSY),
        ("tests.json", super::TESTS),
    ];
    let sarif = |args: &[&str]| {
        let out = run_in(&files, &[args, &["--output", "sarif"]].concat());
        let log: serde_json::Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|error| panic!("{args:?}: {error}: {}", out.stdout));
        assert_eq!(log["version"], "2.1.0", "{args:?}");
        (out.code, log["runs"][0].clone())
    };
    let (code, run) = sarif(&["lint", "--org", "messy.json"]);
    assert_eq!(code, 1);
    assert_eq!(run["tool"]["driver"]["name"], "workmail-policy");
    let first = &run["results"][0];
    assert_eq!(
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "messy.json"
    );
    assert!(first["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64() > Some(1));

    let (code, run) = sarif(&["test", "--org", "org.json", "--tests", "tests.json"]);
    assert_eq!(code, 1);
    assert_eq!(run["results"].as_array().map(Vec::len), Some(1));
    assert_eq!(run["results"][0]["ruleId"], "failing-test");
    assert_eq!(
        run["results"][0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "Tests[2]"
    );

    let (code, run) = sarif(&[
        "check",
        "--org",
        "org.json",
        "--org",
        "new.json",
        "--no-lost-access",
    ]);
    assert_eq!(code, 1);
    assert_eq!(run["results"][0]["ruleId"], "no-lost-access");
    assert_eq!(
        run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "new.json"
    );
    assert_eq!(
        run["results"][0]["properties"]["Request"]["IpAddress"],
        "203.0.113.1"
    );

    let explain = run_in(
        &[],
        &["lint", "--explain", "cidr-host-bits", "--output", "sarif"],
    );
    assert_eq!(explain.code, 252);
    assert!(explain.stderr.contains("not SARIF"), "{}", explain.stderr);
}
