//! A document with thousands of problems: every command that loads it prints the first 50
//! diagnostics and one line counting the rest, whether they are errors that refuse the document
//! or warnings printed before the answer.

use crate::support::{Folder, arg, call, run};

/// How many diagnostics a text shows (the core's `DIAGNOSTICS_SHOWN`).
const SHOWN: usize = 50;

/// An access control rule list of `count` rules on one line, each with the members `extra`.
fn rules(count: usize, extra: &str) -> String {
    let rules: Vec<String> = (0..count)
        .map(|at| format!(r#"{{"Name":"r{at}","Effect":"ALLOW",{extra}}}"#))
        .collect();
    format!(r#"{{"AccessControlRules":[{}]}}"#, rules.join(","))
}

#[test]
fn a_refused_document_shows_50_diagnostics_then_counts_the_rest() {
    let folder = Folder::new();
    let org = folder.write("org.json", rules(10_000, r#""Actions":["imap"]"#));
    let tests = folder.write("tests.json", r#"{"Tests": []}"#);
    let good = folder.write("good.json", "{}");
    let org = arg(&org);
    let commands: [(&str, Vec<&str>); 7] = [
        (
            "call",
            vec!["call", "list-access-control-rules", "--org", org],
        ),
        ("table", vec!["table", "--org", org]),
        ("lint", vec!["lint", "--org", org]),
        ("lint json", vec!["lint", "--org", org, "--output", "json"]),
        ("diff", vec!["diff", "--org", arg(&good), "--org", org]),
        ("test", vec!["test", "--org", org, "--tests", arg(&tests)]),
        (
            "explain",
            vec![
                "explain",
                "--org",
                org,
                "--ip-address",
                "192.0.2.1",
                "--action",
                "IMAP",
                "--user-id",
                "S-1-1-11-1111111111",
            ],
        ),
    ];
    for (name, args) in commands {
        let out = run(&args);
        assert_eq!((out.code, out.stdout.as_str()), (252, ""), "{name}");
        let lines: Vec<&str> = out.stderr.lines().collect();
        // The header, each shown diagnostic with its help line, and the count.
        assert_eq!(lines.len(), 1 + 2 * SHOWN + 1, "{name}: {}", out.stderr);
        assert!(
            lines[0].starts_with("error: cannot load `")
                && lines[0].ends_with("org.json`: the document has 10000 errors:"),
            "{name}: {}",
            lines[0]
        );
        assert!(
            lines[1].starts_with("error[enum]: 1:"),
            "{name}: {}",
            lines[1]
        );
        assert!(lines[2].starts_with("  help: "), "{name}: {}", lines[2]);
        // The last one shown is rule 49's.
        assert!(
            lines[2 * SHOWN - 1].contains(": AccessControlRules[49].Actions[0]: "),
            "{name}: {}",
            lines[2 * SHOWN - 1]
        );
        assert_eq!(
            lines[2 * SHOWN + 1],
            "and 9950 more diagnostics not shown: 9950 errors",
            "{name}"
        );
    }
}

#[test]
fn load_warnings_show_50_then_count_the_rest() {
    let folder = Folder::new();
    // 120 rules (one `rule-limit` warning) with an unknown member each (120 more).
    let org = folder.write("org.json", rules(120, r#""Colour":"red""#));
    let out = call("list-access-control-rules", &org, &[]);
    assert_eq!(out.code, 0, "{out:?}");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 2 * SHOWN + 1, "{}", out.stderr);
    assert!(
        lines[0].starts_with("warning[rule-limit]: 1:"),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines[2 * SHOWN],
        "and 71 more diagnostics not shown: 71 warnings"
    );
    // The answer is complete: every rule is listed.
    let answer: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(answer["Rules"].as_array().map(Vec::len), Some(120));
    // `--quiet` prints none of them.
    let out = run([
        "--quiet",
        "call",
        "list-access-control-rules",
        "--org",
        arg(&org),
    ]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
}

#[test]
fn fifty_diagnostics_are_shown_without_a_count() {
    let folder = Folder::new();
    let org = folder.write("org.json", rules(SHOWN, r#""Actions":["imap"]"#));
    let out = call("list-access-control-rules", &org, &[]);
    assert_eq!(out.code, 252, "{out:?}");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1 + 2 * SHOWN, "{}", out.stderr);
    assert!(!out.stderr.contains("more diagnostics not shown"));
}
