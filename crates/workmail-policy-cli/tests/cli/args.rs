//! The command line itself: help, version and usage errors.

use crate::support::{EFFECT_INPUT, Run, USER, aws_example, file, run};

#[test]
fn every_help_exits_0_and_shows_a_worked_example() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["--help"],
            "workmail-policy call get-access-control-effect --org org.json",
        ),
        (
            &["call", "--help"],
            "workmail-policy call get-access-control-effect --org org.json",
        ),
        (
            &["help", "call"],
            "workmail-policy call PutAccessControlRule --org org.json --save",
        ),
        (
            &["explain", "--help"],
            "workmail-policy explain --org org.json --ip-address 192.0.2.0",
        ),
        (&["explain", "-h"], "MatchedRules: myRule"),
    ];
    for (args, example) in cases {
        let out = run(args);
        assert_eq!((out.code, out.stderr.as_str()), (0, ""), "{args:?}");
        assert!(out.stdout.contains("Example"), "{args:?}: {}", out.stdout);
        assert!(out.stdout.contains(example), "{args:?}: {}", out.stdout);
    }
}

#[test]
fn call_help_lists_every_operation() {
    let out = run(["call", "--help"]);
    for name in [
        "GetImpersonationRoleEffect",
        "get-impersonation-role-effect",
        "* PutAccessControlRule",
    ] {
        assert!(out.stdout.contains(name), "{name}");
    }
    // Help is wrapped to the terminal's width; compare the words.
    let words: Vec<&str> = out.stdout.split_whitespace().collect();
    assert!(
        words
            .join(" ")
            .contains("always a whole organization document")
    );
}

#[test]
fn version_exits_0() {
    let out = run(["--version"]);
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout,
        format!("workmail-policy {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_252_with_nothing_on_stdout() {
    let cases: [&[&str]; 9] = [
        &[],
        &["frobnicate"],
        &["call"],
        &["call", "list-access-control-rules"],
        &["call", "list-access-control-rules", "--org"],
        &["call", "list-access-control-rules", "--org", "x", "--bogus"],
        &[
            "explain",
            "--org",
            "x",
            "--ip-address",
            "192.0.2.0",
            "--action",
            "IMAP",
        ],
        &["explain", "--org", "x", "--target-user", "jane"],
        &[
            "explain",
            "--org",
            "x",
            "--user-id",
            "u",
            "--impersonation-role-id",
            "r",
            "--target-user",
            "t",
        ],
    ];
    for args in cases {
        let out = run(args);
        assert_eq!(out.code, 252, "{args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
    let out = run([
        "explain",
        "--org",
        "x",
        "--ip-address",
        "1.2.3.4",
        "--action",
        "EWS",
        "--user-id",
        "u",
        "--output",
        "yaml",
    ]);
    assert_eq!((out.code, out.stdout.as_str()), (252, ""));
}

#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8_are_refused() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let bad = OsStr::from_bytes(b"get-\xFF");
    let out = run([
        OsStr::new("call"),
        bad,
        OsStr::new("--org"),
        OsStr::new("x"),
    ]);
    assert_eq!((out.code, out.stdout.as_str()), (252, ""));
}

/// A help text's example output: from the line starting with `first` to the first blank line
/// after `last`, without the example's two-space indent.
fn example_output(help: &str, first: &str, last: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    let mut ending = false;
    for line in help.lines() {
        let line = line.strip_prefix("  ").unwrap_or(line);
        inside = inside || line.starts_with(first);
        if !inside {
            continue;
        }
        if ending && line.is_empty() {
            break;
        }
        ending = ending || line.starts_with(last);
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn the_help_examples_show_real_output() {
    // The examples' own command lines, run beside their `org.json`.
    let (folder, _) = file("org.json", aws_example());
    let example = |args: &[&str]| Run::binary(args).current_dir(folder.path()).output();
    // A wide terminal, so that clap does not wrap the example lines.
    let help = |args: &[&str]| Run::binary(args).env("COLUMNS", "1000").output().stdout;

    let real = example(&[
        "explain",
        "--org",
        "org.json",
        "--ip-address",
        "192.0.2.0",
        "--action",
        "WindowsOutlook",
        "--user-id",
        USER,
    ]);
    let shown = example_output(&help(&["explain", "--help"]), "DENY  for user", "✓ myRule");
    assert_eq!(shown, real.stdout);

    let real = example(&[
        "call",
        "get-access-control-effect",
        "--org",
        "org.json",
        "--input",
        EFFECT_INPUT,
    ]);
    for args in [&["--help"][..], &["call", "--help"][..]] {
        assert_eq!(
            example_output(&help(args), "{", "}"),
            real.stdout,
            "{args:?}"
        );
    }
}
