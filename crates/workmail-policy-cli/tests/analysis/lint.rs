//! `workmail-policy lint`: located findings, exit 1 on warnings, `--explain CODE`.

use serde_json::Value;

use super::{MESSY, ORG, run_with_org};
use crate::support::{Output, members, run, run_in};

const FINDINGS: &str = "\
info[duplicate-entry]: 4:66: Rules[1].Actions[1]: `IMAP` repeats entry 0 of this list
  help: remove the duplicate
warning[cidr-host-bits]: 4:91: Rules[1].NotIpRanges[0]: `192.0.2.7/24` has host bits set and is matched as `192.0.2.0/24`
  help: write the network address so the rule says what it does (D8)
warning[actions-all-excluded]: 5:79: Rules[2].NotActions: every action in `Actions` of rule `never` is also in `NotActions`, so the rule matches no request
  help: remove from `NotActions` the actions the rule should apply to
2 warnings, 1 info
";

fn lint(text: &str, extra: &[&str]) -> Output {
    run_in(
        &[("org.json", text)],
        &[&["lint", "--org", "org.json"], extra].concat(),
    )
}

#[test]
fn findings_are_located_and_warnings_exit_with_1() {
    assert_eq!(lint(MESSY, &[]).all(), (1, FINDINGS, ""));
    // `--quiet` hides load warnings, but here they are findings.
    assert_eq!(lint(MESSY, &["--quiet"]).stdout, FINDINGS);
    assert_eq!(lint(ORG, &[]).all(), (0, "no findings\n", ""));
    let infos_only = r#"{"AccessControlRules": [{"Name": "a", "Effect": "ALLOW", "Actions": ["IMAP", "IMAP"]}]}"#;
    let out = lint(infos_only, &[]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.ends_with("0 warnings, 2 infos\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn json_lists_the_findings() {
    let out = lint(MESSY, &["--output", "json"]);
    assert_eq!((out.code, out.stderr.as_str()), (1, ""));
    let value: Value = serde_json::from_str(&out.stdout).unwrap();
    let findings = value["Findings"].as_array().unwrap();
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["duplicate-entry", "cidr-host-bits", "actions-all-excluded"]
    );
    assert_eq!(
        (&findings[1]["line"], &findings[1]["column"]),
        (&4.into(), &91.into())
    );
    assert_eq!(findings[1]["severity"], "warning");
}

#[test]
fn explain_prints_a_lints_documentation() {
    let out = run(["lint", "--explain", "cidr-host-bits"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.starts_with("# cidr-host-bits (warning)\n\n"),
        "{}",
        out.stdout
    );
    for heading in ["\n## What\n", "\n## Why\n", "\n## Example\n", "\n## Fix\n"] {
        assert!(out.stdout.contains(heading), "{heading}");
    }
    let out = run(["lint", "--explain", "redundant-rule", "--output", "json"]);
    let value: Value = serde_json::from_str(&out.stdout).unwrap();
    let keys = members(&value);
    assert_eq!(
        keys,
        ["Code", "Severity", "Title", "What", "Why", "Example", "Fix"]
    );
    assert_eq!(value["Code"], "redundant-rule");
}

#[test]
fn every_lint_is_listed_in_the_help_and_can_be_explained() {
    let help = run(["lint", "--help"]);
    assert_eq!(help.code, 0);
    let listed: Vec<&str> = help
        .stdout
        .split("Lints (`--explain CODE` documents each):\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|line| !line.is_empty())
        .filter(|line| !line.starts_with("    "))
        .map(|line| line.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(listed.len(), 25);
    for code in listed {
        let out = run(["lint", "--explain", code]);
        assert_eq!(out.code, 0, "{code}");
        assert!(out.stdout.starts_with(&format!("# {code} (")), "{code}");
    }
}

#[test]
fn bad_arguments_are_refused() {
    assert_eq!(
        run(["lint", "--explain", "nope"]).all(),
        (
            252,
            "",
            "error: `nope` is not a lint code; `workmail-policy lint --help` lists all 25\n"
        )
    );
    let out = run(["lint"]);
    assert_eq!((out.code, out.stdout.as_str()), (252, ""));
    let out = run_with_org(&["lint", "--org", "org.json", "--explain", "redundant-rule"]);
    assert_eq!((out.code, out.stdout.as_str()), (252, ""));
}

#[test]
fn an_invalid_document_is_refused_with_located_diagnostics() {
    let out = lint(
        "{\n  \"Rules\": [{\"Name\": \"a b\", \"Effect\": \"ALLOW\"}]\n}\n",
        &[],
    );
    assert_eq!((out.code, out.stdout.as_str()), (252, ""));
    assert!(
        out.stderr.starts_with("error: cannot load `"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("error[pattern]: 2:22: Rules[0].Name: "),
        "{}",
        out.stderr
    );
    let out = run(["lint", "--org", "no-such-file.json"]);
    assert_eq!(
        out.all(),
        (
            252,
            "",
            "error: cannot read the organization document `no-such-file.json`: no such file\n"
        )
    );
}
