//! `workmail-policy replay`: audit logs in every accepted format give the same requests, the
//! report's streams and exit codes, and hostile logs (truncated gzip, binary junk, a line of
//! hundreds of megabytes) are counted as bad lines, never fatal unless `--strict`.

use std::io::Write;

use serde_json::{Value, json};

use super::{NEW, ORG};
use crate::support::{Folder, Output, Run, arg, run};

const CEO: &str = "S-1-1-11-1111111111-2222222222-3333333333-1001";
const JANE: &str = super::JANE;

/// Audit events as WorkMail delivers them to S3: jane's WebMail from home twice and from the
/// office once, the CEO's IMAP from the office, an archiver reaching jane's mailbox over EWS, and
/// mail delivery, which access control does not govern.
fn events() -> Vec<Value> {
    let event = |time: i64, user: &str, protocol: &str, ip: &str| {
        json!({
            "event_timestamp": time,
            "request_id": format!("req-{time}"),
            "organization_arn": "arn:aws:workmail:us-east-1:111122223333:organization/m-0123456789abcdef0123456789abcdef",
            "user_id": user,
            "protocol": protocol,
            "source_ip": ip,
            "user_agent": "Mozilla/5.0"
        })
    };
    let mut impersonated = event(1_700_000_004_000, JANE, "EWS", "192.0.2.50");
    if let Some(members) = impersonated.as_object_mut() {
        members.insert("impersonator_id".to_owned(), json!("archiver"));
    }
    vec![
        event(1_700_000_000_000, JANE, "WebMail", "203.0.113.9"),
        event(1_700_000_001_000, JANE, "WebMail", "192.0.2.10"),
        event(1_700_000_002_000, JANE, "WebMail", "203.0.113.9"),
        event(1_700_000_003_000, CEO, "IMAP", "192.0.2.11"),
        impersonated,
        event(1_700_000_005_000, JANE, "IncomingEmail", "198.51.100.1"),
    ]
}

fn json_lines() -> String {
    events().iter().map(|event| format!("{event}\n")).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).ok();
    encoder.finish().unwrap_or_default()
}

/// The same events as `aws logs filter-log-events` prints them.
fn cli_output() -> String {
    let wrapped: Vec<Value> = events()
        .iter()
        .enumerate()
        .map(|(at, event)| {
            json!({"logStreamName": "workmail", "timestamp": at, "message": event.to_string(),
                   "ingestionTime": at, "eventId": at.to_string()})
        })
        .collect();
    serde_json::to_string_pretty(&json!({"events": wrapped, "searchedLogStreams": []}))
        .unwrap_or_default()
}

/// The same events as a Logs Insights CSV export of their fields (every value as text).
fn insights_csv() -> String {
    let columns = [
        "event_timestamp",
        "user_id",
        "impersonator_id",
        "protocol",
        "source_ip",
    ];
    let mut csv = format!("@timestamp,{}\n", columns.join(","));
    for event in events() {
        let fields: Vec<String> = columns
            .iter()
            .map(|column| match event.get(column) {
                Some(Value::String(text)) => text.clone(),
                None | Some(Value::Null) => String::new(),
                Some(other) => other.to_string(),
            })
            .collect();
        csv.push_str(&format!("2023-11-14 22:13:20.000,{}\n", fields.join(",")));
    }
    csv
}

/// The same events as a Logs Insights JSON export of `@message`.
fn insights_json() -> String {
    let rows: Vec<Value> = events()
        .iter()
        .map(
            |event| json!({"@timestamp": "2023-11-14 22:13:20.000", "@message": event.to_string()}),
        )
        .collect();
    serde_json::to_string_pretty(&rows).unwrap_or_default()
}

fn replay_files(logs: &[(&str, Vec<u8>)], extra: &[&str]) -> Output {
    let folder = Folder::new();
    folder.write("org.json", ORG);
    let proposed = folder.write("new.json", NEW);
    let baseline = folder.path().join("org.json");
    let mut args = vec![
        "replay".to_owned(),
        "--org".to_owned(),
        arg(&proposed).to_owned(),
        "--baseline".to_owned(),
        arg(&baseline).to_owned(),
        "--logs".to_owned(),
    ];
    for (name, bytes) in logs {
        args.push(arg(&folder.write(name, bytes)).to_owned());
    }
    args.extend(extra.iter().map(|&extra| extra.to_owned()));
    run(&args)
}

const TEXT: &str = "\
5 events replayed as 4 distinct requests; 1 event skipped (1 not-access-controlled)
newly denied: 1 request (2 events); newly allowed: 0 requests (0 events)

By user, protocol and network:
NEWLY DENIED   user `S-1-1-11-1111111111-2222222222-3333333333-1002`  WebMail  from 203.0.113.0/24  2 events in 1 request  2023-11-14T22:13:20.000Z to 2023-11-14T22:13:22.000Z
ALLOWED        user `S-1-1-11-1111111111-2222222222-3333333333-1001`  IMAP  from 192.0.2.0/24  1 event in 1 request  2023-11-14T22:13:23.000Z
ALLOWED        user `S-1-1-11-1111111111-2222222222-3333333333-1002`  WebMail  from 192.0.2.0/24  1 event in 1 request  2023-11-14T22:13:21.000Z
ALLOWED        role `archiver` for `S-1-1-11-1111111111-2222222222-3333333333-1002`  EWS  from 192.0.2.0/24  1 event in 1 request  2023-11-14T22:13:24.000Z

Requests:
NEWLY DENIED   WebMail  from 203.0.113.9  user `S-1-1-11-1111111111-2222222222-3333333333-1002`  x2  2023-11-14T22:13:20.000Z to 2023-11-14T22:13:22.000Z  ALLOW [default] -> DENY [office-imap]
ALLOWED        IMAP  from 192.0.2.11  user `S-1-1-11-1111111111-2222222222-3333333333-1001`  x1  2023-11-14T22:13:23.000Z  ALLOW [default] -> ALLOW [default]
ALLOWED        WebMail  from 192.0.2.10  user `S-1-1-11-1111111111-2222222222-3333333333-1002`  x1  2023-11-14T22:13:21.000Z  ALLOW [default] -> ALLOW [default]
ALLOWED        EWS  from 192.0.2.50  role `archiver` for `S-1-1-11-1111111111-2222222222-3333333333-1002`  x1  2023-11-14T22:13:24.000Z  ALLOW [default] then role ALLOW [not-ceo] -> ALLOW [default] then role ALLOW [not-ceo]
";

#[test]
fn the_report_lists_newly_denied_requests_first() {
    let out = replay_files(&[("audit.jsonl", json_lines().into_bytes())], &[]);
    assert_eq!(out.all(), (0, TEXT, ""));
    let gate = replay_files(
        &[("audit.jsonl", json_lines().into_bytes())],
        &["--fail-on", "newly-denied"],
    );
    assert_eq!(gate.all(), (1, TEXT, ""));
}

#[test]
fn every_accepted_format_gives_the_same_report() {
    let expected = replay_files(
        &[("a.jsonl", json_lines().into_bytes())],
        &["--output", "json"],
    );
    assert_eq!(expected.code, 0, "{expected:?}");
    let report: Value = serde_json::from_str(&expected.stdout).unwrap_or_default();
    assert_eq!(report["Events"], 6);
    assert_eq!(report["Skipped"], json!({"not-access-controlled": 1}));
    assert_eq!(
        report["Requests"][0]["Request"],
        json!({"IpAddress": "203.0.113.9", "Action": "WebMail", "UserId": JANE})
    );
    assert_eq!(report["Requests"][0]["Count"], 2);
    assert_eq!(report["Requests"][0]["FirstSeen"], 1_700_000_000_000_i64);
    assert_eq!(
        report["Requests"][0]["Proposed"],
        json!({"Effect": "DENY", "MatchedRules": ["office-imap"]})
    );
    assert_eq!(
        report["Requests"][0]["Baseline"],
        json!({"Effect": "ALLOW", "MatchedRules": ["default"]})
    );
    for (name, bytes) in [
        ("a.jsonl.gz", gzip(json_lines().as_bytes())),
        ("events.json", cli_output().into_bytes()),
        ("insights.csv", insights_csv().into_bytes()),
        ("insights.json", insights_json().into_bytes()),
        (
            "crlf.jsonl",
            json_lines().replace('\n', "\r\n").into_bytes(),
        ),
    ] {
        let out = replay_files(&[(name, bytes)], &["--output", "json"]);
        assert_eq!(out.all(), (0, expected.stdout.as_str(), ""), "{name}");
    }
    let folder = Folder::new();
    let (org, new) = (folder.write("org.json", ORG), folder.write("new.json", NEW));
    let piped = Run::binary([
        "replay",
        "--org",
        arg(&new),
        "--baseline",
        arg(&org),
        "--output",
        "json",
    ])
    .stdin(cli_output())
    .output();
    assert_eq!(
        piped.all(),
        (0, expected.stdout.as_str(), ""),
        "standard input"
    );
}

#[test]
fn markdown_and_csv_hold_every_request() {
    let lines = json_lines().into_bytes();
    let markdown = replay_files(&[("a.jsonl", lines.clone())], &["--output", "markdown"]);
    assert!(markdown.stdout.contains("| NEWLY DENIED | 203.0.113.9 | WebMail | user `S-1-1-11-1111111111-2222222222-3333333333-1002` | 2 |"), "{}", markdown.stdout);
    let csv = replay_files(&[("a.jsonl", lines)], &["--output", "csv"]);
    let records: Vec<&str> = csv.stdout.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(records.len(), 5, "{}", csv.stdout);
    assert!(records[1].starts_with(&format!("NewlyDenied,203.0.113.9,WebMail,{JANE},,,2,")));
}

#[test]
fn hostile_logs_are_bad_lines_and_the_rest_is_replayed() {
    let lines = json_lines();
    let compressed = gzip(lines.repeat(2000).as_bytes());
    let truncated = compressed[..compressed.len() / 2].to_vec();
    let mut junk = vec![0u8, 0xff, 0xfe, b'{', 0x80];
    junk.extend_from_slice(b"\n\x01\x02\x03\n");
    let out = replay_files(
        &[
            ("truncated.gz", truncated),
            ("junk.bin", junk),
            ("good.jsonl", lines.into_bytes()),
        ],
        &["--output", "json"],
    );
    assert_eq!(out.code, 0, "{out:?}");
    let report: Value = serde_json::from_str(&out.stdout).unwrap_or_default();
    assert!(
        report["Skipped"]["malformed"].as_u64() >= Some(3),
        "{report}"
    );
    assert!(out.stderr.contains("truncated.gz:"), "{}", out.stderr);
    assert!(out.stderr.contains("reading stopped"), "{}", out.stderr);
    assert!(out.stderr.contains("junk.bin:1: column"), "{}", out.stderr);
    assert!(
        report["Requests"][0]["Count"].as_u64() > Some(2),
        "{report}"
    );

    let strict = replay_files(&[("junk.bin", b"\x00\x01\n".to_vec())], &["--strict"]);
    strict.assert_refused("junk.bin:1: column 1: not an audit event", "--strict");
}

#[test]
fn a_line_of_hundreds_of_megabytes_is_one_bad_line_in_bounded_memory() {
    let folder = Folder::new();
    let org = folder.write("org.json", ORG);
    let events = folder.write("events.jsonl", json_lines());
    // 300 MB of one line on standard input, then the events, with the address space limited to
    // far less than the line: holding it would fail.
    let script = format!(
        "ulimit -v 400000; {{ head -c 300000000 /dev/zero | tr '\\0' x; echo; cat '{}'; }} | '{}' replay --org '{}' --output json",
        arg(&events),
        env!("CARGO_BIN_EXE_workmail-policy"),
        arg(&org)
    );
    let out = Run::program("sh", ["-c", script.as_str()])
        .deadline(std::time::Duration::from_secs(120))
        .output();
    assert_eq!(out.code, 0, "{out:?}");
    let report: Value = serde_json::from_str(&out.stdout).unwrap_or_default();
    assert_eq!(report["Skipped"]["malformed"], 1, "{report}");
    assert_eq!(report["Events"], 7);
    assert!(
        out.stderr.contains("-:1: the line is 300000000 bytes long"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_log_that_cannot_be_opened_is_refused() {
    let out = run([
        "replay",
        "--org",
        "/nonexistent/org.json",
        "--logs",
        "/nonexistent/a.log",
    ]);
    out.assert_refused(
        "cannot read the organization document `/nonexistent/org.json`: no such file",
        "missing",
    );
    let folder = Folder::new();
    let org = folder.write("org.json", ORG);
    let out = run(["replay", "--org", arg(&org), "--logs", "/nonexistent/a.log"]);
    out.assert_refused(
        "cannot read the log `/nonexistent/a.log`: no such file",
        "missing log",
    );
    let out = run(["replay", "--org", arg(&org), "--fail-on", "newly-denied"]);
    out.assert_refused("--baseline", "fail-on without a baseline");
}
