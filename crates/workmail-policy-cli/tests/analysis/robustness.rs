//! Every analysis subcommand: help with a worked example, and hostile documents refused with
//! 252, located diagnostics and nothing on stdout, never a panic.

use super::{ORG, TESTS, run_with_org};
use crate::support::{run, run_in};

#[test]
fn every_subcommand_has_help_with_an_example_and_exit_codes() {
    for command in ["table", "diff", "lint", "test", "impersonate"] {
        let out = run([command, "--help"]);
        assert_eq!(out.code, 0, "{command}");
        assert!(out.stdout.contains("Example"), "{command}: {}", out.stdout);
        assert!(
            out.stdout.contains("Exit codes: "),
            "{command}: {}",
            out.stdout
        );
        assert!(
            out.stdout
                .contains(&format!("$ workmail-policy {command} ")),
            "{command}"
        );
    }
    let top = run(["--help"]);
    for command in ["table", "diff", "lint", "test", "impersonate"] {
        assert!(
            top.stdout.contains(&format!("\n  {command} ")),
            "{command}: {}",
            top.stdout
        );
    }
}

#[test]
fn hostile_documents_are_refused_with_a_position() {
    let deep = "[".repeat(100_000);
    for text in [
        "",
        "\u{0}\u{9f}",
        deep.as_str(),
        "42",
        "{\"Rules\": [{\"Name\": 1}]}",
    ] {
        let files = [("bad.json", text), ("org.json", ORG), ("tests.json", TESTS)];
        let runs: [Vec<&str>; 6] = [
            vec!["table", "--org", "bad.json"],
            vec!["diff", "--org", "org.json", "--org", "bad.json"],
            vec!["lint", "--org", "bad.json"],
            vec!["test", "--org", "bad.json", "--tests", "tests.json"],
            vec!["test", "--org", "org.json", "--tests", "bad.json"],
            vec![
                "impersonate",
                "--org",
                "bad.json",
                "--impersonation-role-id",
                "archiver",
                "--ip-address",
                "192.0.2.1",
                "--target-user",
                "jane",
                "--ews-operation",
                "GetItem",
            ],
        ];
        for args in runs {
            let out = run_in(&files, &args);
            assert_eq!((out.code, out.stdout.as_str()), (252, ""), "{args:?}");
            assert!(
                out.stderr.starts_with("error: cannot load `"),
                "{args:?}: {}",
                out.stderr
            );
            assert!(out.stderr.contains("\nerror["), "{args:?}: {}", out.stderr);
        }
    }
}

#[test]
fn output_formats_are_checked() {
    let org = "org.json";
    for args in [
        vec!["table", "--org", org, "--output", "yaml"],
        vec!["table", "--org", org, "--part", "users"],
        vec!["diff", "--org", org, "--org", org, "--fail-on", "warning"],
        vec!["lint", "--org", org, "--output", "markdown"],
    ] {
        let out = run_with_org(&args);
        assert_eq!((out.code, out.stdout.as_str()), (252, ""), "{args:?}");
    }
}
