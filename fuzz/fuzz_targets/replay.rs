//! Any bytes as an audit log: `Replay::read_log` never panics, whatever the format it takes the
//! bytes for; every event is counted once (replayed or skipped); every problem is located; and
//! the report, answered by a document with rules and a role, renders as text, Markdown, CSV and
//! JSON. JSON lines read whole and line by line give the same requests.

#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use workmail_policy::Organization;
use workmail_policy::analysis::{At, LogFormat, Replay};

const DOCUMENT: &str = r#"{"AccessControlRules": [
    {"Name": "default", "Effect": "ALLOW", "Description": ""},
    {"Name": "office-imap", "Effect": "DENY", "Description": "", "Actions": ["IMAP"], "NotIpRanges": ["192.0.2.0/24"]}],
  "ImpersonationRoles": [{"ImpersonationRoleId": "archiver", "Name": "a", "Type": "READ_ONLY",
    "Rules": [{"ImpersonationRuleId": "r", "Effect": "ALLOW"}]}]}"#;

fuzz_target!(|data: &[u8]| {
    let organization = Organization::from_json(DOCUMENT)
        .map(|loaded| loaded.organization)
        .unwrap_or_default();
    let mut replay = Replay::new();
    let summary = replay.read_log(Cursor::new(data), "fuzz");
    let report = replay.report(&organization, Some(&organization));
    let skipped: u64 = report.skipped.values().sum();
    assert_eq!(report.events, skipped + report.replayed(), "{report:?}");
    assert!(report.requests.len() as u64 <= report.replayed());
    for problem in &report.problems {
        workmail_policy_fuzz::checks::message(&problem.message);
    }
    // The same organization on both sides: nothing is newly denied or allowed.
    assert!(!report.has_newly_denied());
    let _ = (report.to_string(), report.to_markdown(), report.to_csv());
    assert!(serde_json::to_string(&report).is_ok());
    if summary.format == LogFormat::JsonLines && summary.stopped.is_none() {
        let mut by_line = Replay::new();
        for (at, line) in data.split(|byte| *byte == b'\n').enumerate() {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let line = if at == 0 {
                line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line)
            } else {
                line
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let at = At {
                source: "fuzz",
                line: at as u64 + 1,
            };
            if line.len() > workmail_policy::analysis::MAX_EVENT_BYTES {
                by_line.add_malformed(at, "too long");
            } else {
                by_line.add_json_line(line, at);
            }
        }
        let again = by_line.report(&organization, Some(&organization));
        assert_eq!(again.requests, report.requests);
        assert_eq!(again.skipped, report.skipped);
    }
});
