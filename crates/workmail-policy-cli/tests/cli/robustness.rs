//! Invalid and hostile documents and requests: always 252 or 254 with located diagnostics, never a
//! panic (exit 101), nothing on stdout.

use crate::support::{arg, aws_example, call, file, run};

const INVALID: &str = "{\n  \"AccessControlRules\": [\n    {\"Name\": \"a b\", \"Effect\": \"ALLOW\", \"IpRanges\": [\"::/0\"]},\n    {\"Effect\": \"DENY\", \"Actions\": [\"imap\"]}\n  ],\n  \"Colour\": 1\n}\n";

#[test]
fn an_invalid_document_reports_every_diagnostic_located() {
    let (_folder, org) = file("org.json", INVALID);
    let out = call("list-access-control-rules", &org, &[]);
    assert_eq!((out.code, out.stdout.as_str()), (252, ""));
    let first = out.stderr.lines().next().unwrap();
    assert!(
        first.contains("`") && first.contains("org.json`") && first.contains("4 errors"),
        "{first}"
    );
    for expected in [
        "error[pattern]: 3:14: AccessControlRules[0].Name: ",
        "error[pattern]: 3:53: AccessControlRules[0].IpRanges[0]: ",
        "error[enum]: 4:36: AccessControlRules[1].Actions[0]: ",
        "error[required]: 4:5: AccessControlRules[1].Name: ",
        "warning[unknown-member]: 6:",
    ] {
        assert!(
            out.stderr.lines().any(|line| line.starts_with(expected)),
            "missing `{expected}` in:\n{}",
            out.stderr
        );
    }
    // `explain` loads the same way.
    let out = run([
        "explain",
        "--org",
        arg(&org),
        "--ip-address",
        "192.0.2.0",
        "--action",
        "IMAP",
        "--user-id",
        "u",
    ]);
    out.assert_refused("error[enum]: 4:36: ", "explain");
}

#[test]
fn hostile_documents_are_refused_with_a_position() {
    let deep = "[".repeat(100_000);
    let cases: [(&str, &[u8], &str); 6] = [
        ("empty", b"", "error[syntax]: 1:1: "),
        (
            "binary",
            b"\x00\x9f\x92\x96\xff\xfe\xfd",
            "error[encoding]: 1:2: ",
        ),
        ("utf-16", b"\xff\xfe{\x00}\x00", "error[encoding]: 1:1: "),
        ("deep", deep.as_bytes(), "error[syntax]: 1:128: "),
        ("not an object", b"42", "error["),
        ("a string", b"\"Rules\"", "error["),
    ];
    for (name, bytes, expected) in cases {
        let (_folder, org) = file("org.json", bytes);
        let out = call("list-access-control-rules", &org, &[]);
        assert_eq!(
            (out.code, out.stdout.as_str()),
            (252, ""),
            "{name}: {out:?}"
        );
        assert!(out.stderr.contains(expected), "{name}: {}", out.stderr);
    }
}

#[test]
fn a_missing_or_unreadable_document_is_an_invalid_argument() {
    let (folder, _) = file("other.json", "{}");
    for org in [
        folder.path().join("missing.json"),
        folder.path().to_path_buf(),
    ] {
        let out = call("list-access-control-rules", &org, &[]);
        assert_eq!((out.code, out.stdout.as_str()), (252, ""), "{out:?}");
        assert!(
            out.stderr
                .starts_with("error: cannot read the organization document `"),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn hostile_requests_never_crash() {
    let (folder, org) = file("org.json", aws_example());
    // One argument can hold at most 128 KiB on Linux; bigger requests come from files.
    let deep = format!("{}{}", "{\"a\":".repeat(20_000), "}".repeat(20_000));
    let at = |name: &str, bytes: &[u8]| {
        let path = folder.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        format!("@{}", arg(&path))
    };
    let long = format!(
        r#"{{"IpAddress": "192.0.2.0", "Action": "IMAP", "UserId": "{}"}}"#,
        "S".repeat(1_000_000)
    );
    let long = at("long.json", long.as_bytes());
    let deeper = at("deep.json", "[".repeat(1_000_000).as_bytes());
    let binary = at("binary.json", b"\xff\xfe\x00\x01");
    let inputs = [
        "",
        " ",
        "null",
        "[]",
        "\"\"",
        "1e999999",
        "{\"IpAddress\": \"\\ud800\"}",
        "{\"IpAddress\": 1, \"Action\": [], \"UserId\": {}}",
        "{\"IpAddress\": \"999.1.1.1\", \"Action\": \"EWS\", \"UserId\": \"S-1-1-11-1111111111\", \"Extra\": true}",
        &deep,
        &long,
        &deeper,
        &binary,
    ];
    for operation in [
        "get-access-control-effect",
        "put-access-control-rule",
        "list-impersonation-roles",
        "create-impersonation-role",
    ] {
        for input in inputs {
            let out = call(operation, &org, &["--input", input, "--save"]);
            assert!(
                [0, 252, 254].contains(&out.code),
                "{operation} {}: {out:?}",
                input.len()
            );
            if out.code == 252 {
                assert_eq!(out.stdout, "");
                assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
            }
        }
    }
}
