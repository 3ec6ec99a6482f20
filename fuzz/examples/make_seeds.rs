//! Writes the seed corpora of the text targets from the shared test corpus (`tests/cases`) and a
//! list of hostile inputs:
//!
//! ```text
//! cargo run --manifest-path fuzz/Cargo.toml --example make_seeds
//! ```
//!
//! - `corpus/load_document/`: every case's document, raw AWS outputs, a saved-tests file, and
//!   broken text (empty, a byte order mark, NUL bytes, deep nesting, duplicate members...).
//! - `corpus/call/`: every case as the `call` target reads it (the document, then each step's
//!   operation and request), with the case's placeholders replaced by the values the target's
//!   fixed environment generates, so the steps that use a created role's ID reach it.
//! - `corpus/batch/`: every case with `GetAccessControlEffect` steps as the `batch` target reads
//!   it (the document, then the array of those requests), and odd batches (not an array,
//!   repeated members, escapes, requests in the SDKs' shape with every kind of organization ID,
//!   impersonation roles, members of other types).
//!
//! The structured targets (`evaluate`, `analysis`) take `arbitrary` bytes; their seeds are a
//! minimized sample of a fuzzing run (see the README).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use workmail_policy::{FixedEnvironment, Operation, Organization};

#[path = "../../crates/workmail-policy/tests/corpus_format/mod.rs"]
mod corpus_format;

use corpus_format::{matches, substitute};

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("make_seeds: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn fuzz_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(name);
    fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The character that selects `operation` in the `call` target (code point modulo the number of
/// operations): the first letter from `A` on that selects the first operation, then on.
fn selector(operation: Operation) -> char {
    let count = Operation::ALL.len();
    let index = Operation::ALL
        .iter()
        .position(|op| *op == operation)
        .unwrap_or(0);
    let first = usize::from(b'A').div_ceil(count) * count;
    u32::try_from(first + index)
        .ok()
        .and_then(char::from_u32)
        .unwrap_or('A')
}

/// One case as a `call` seed, run the way the target runs it.
fn call_seed(case: &Value) -> Result<String> {
    let document = case.get("Document").ok_or("a case without `Document`")?;
    let document_text = serde_json::to_string_pretty(document).map_err(|e| e.to_string())?;
    let mut organization = Organization::from_json(&document_text)
        .map(|loaded| loaded.organization)
        .unwrap_or_default();
    let mut env = FixedEnvironment::new(1_700_000_000.0, 7);
    let mut bindings = BTreeMap::new();
    let mut seed = document_text;
    let steps = case
        .get("Steps")
        .and_then(Value::as_array)
        .ok_or("a case without `Steps`")?;
    for step in steps {
        let name = step.get("Operation").and_then(Value::as_str).unwrap_or("");
        let operation: Operation = name.parse().map_err(|e| format!("{e}"))?;
        let input = substitute(step.get("Input").unwrap_or(&json!({})), &bindings);
        if let (Ok(actual), Some(expected)) = (
            organization.call(operation, &input, &mut env),
            step.get("Expect"),
        ) {
            // The corpus test checks that every case agrees; here only the bindings matter.
            let _ = matches(expected, &actual, &mut bindings, "");
        }
        seed.push('\u{1e}');
        seed.push(selector(operation));
        seed.push_str(&input.to_string());
    }
    Ok(seed)
}

/// One case as a `batch` seed: its document, then the array of its `GetAccessControlEffect`
/// requests; `None` when it has none.
fn batch_seed(case: &Value) -> Result<Option<String>> {
    let document = case.get("Document").ok_or("a case without `Document`")?;
    let steps = case
        .get("Steps")
        .and_then(Value::as_array)
        .ok_or("a case without `Steps`")?;
    let requests: Vec<Value> = steps
        .iter()
        .filter(|step| {
            step.get("Operation").and_then(Value::as_str) == Some("GetAccessControlEffect")
        })
        .filter_map(|step| step.get("Input").cloned())
        .collect();
    if requests.is_empty() {
        return Ok(None);
    }
    let document = serde_json::to_string_pretty(document).map_err(|e| e.to_string())?;
    Ok(Some(format!("{document}\u{1e}{}", Value::Array(requests))))
}

/// Odd batches against a document with a directory, rules and a role.
fn hostile_batches() -> Vec<(&'static str, String)> {
    let document = r#"{"OrganizationId": "m-0123456789abcdef0123456789abcdef",
        "Users": [{"Id": "S-1-1-11-0000000001", "Email": "jane@example.com", "State": "ENABLED"},
                  {"Id": "S-1-1-11-0000000002", "State": "DISABLED"}],
        "AccessControlRules": [
          {"Name": "default", "Effect": "ALLOW", "Description": ""},
          {"Name": "office-only", "Effect": "DENY", "Description": "", "NotIpRanges": ["192.0.2.0/24"], "Actions": ["IMAP"]},
          {"Name": "helpdesk-ews", "Effect": "ALLOW", "Description": "", "ImpersonationRoleIds": ["helpdesk"]}],
        "ImpersonationRoles": [{"ImpersonationRoleId": "helpdesk", "Name": "Helpdesk", "Type": "READ_ONLY", "Rules": []}]}"#;
    let batch = |requests: &str| format!("{document}\u{1e}{requests}");
    vec![
        ("not-an-array", batch(r#"{"IpAddress": "192.0.2.1"}"#)),
        ("not-json", batch("[{")),
        ("empty", batch("[]")),
        (
            "sdk-shaped",
            batch(
                r#"[{"OrganizationId": "m-0123456789abcdef0123456789abcdef", "IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"},
                    {"OrganizationId": "m-0123456789abcdef0123456789abcdef", "IpAddress": "203.0.113.9", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"},
                    {"OrganizationId": "m-0123456789abcdef0123456789abcdef", "IpAddress": "203.0.113.9", "Action": "EWS", "ImpersonationRoleId": "helpdesk"},
                    {"OrganizationId": "m-ffffffffffffffffffffffffffffffff", "IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"},
                    {"OrganizationId": "m-0123", "IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"},
                    {"OrganizationId": 1, "IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}]"#,
            ),
        ),
        (
            "principals",
            batch(
                r#"[{"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000002"},
                    {"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000009"},
                    {"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "jane@example.com"},
                    {"IpAddress": "192.0.2.1", "Action": "IMAP", "ImpersonationRoleId": "helpdesk"},
                    {"IpAddress": "192.0.2.1", "Action": "EWS", "ImpersonationRoleId": "nobody"},
                    {"IpAddress": "192.0.2.1", "Action": "EWS", "ImpersonationRoleId": "helpdesk", "UserId": "S-1-1-11-0000000001"},
                    {"IpAddress": "192.0.2.1", "Action": "EWS"}]"#,
            ),
        ),
        (
            "members",
            batch(
                r#"[{"IpAddress": "192.0.2.01", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"},
                    {"IpAddress": "::1", "Action": "imap", "UserId": "S-1-1-11-0000000001"},
                    {"IpAddress": "192.0.2.1", "Action": "I\u004dAP", "UserId": "S-1-1-11-000000000\u0031"},
                    {"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", "UserId": "S-1-1-11-0000000009"},
                    {"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": null},
                    {"IpAddress": ["192.0.2.1"], "Action": "IMAP", "UserId": "S-1-1-11-0000000001"},
                    {"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", "Extra": "x"},
                    {"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", "a": "1", "b": "2", "c": "3"},
                    {}, [], null, "text", 1]"#,
            ),
        ),
    ]
}

/// Hostile and odd documents, as bytes.
fn hostile_documents() -> Vec<(&'static str, Vec<u8>)> {
    let deep = format!("{{\"Rules\": {}{}}}", "[".repeat(200), "]".repeat(200));
    vec![
        ("empty", Vec::new()),
        ("empty-object", b"{}".to_vec()),
        ("byte-order-mark", b"\xEF\xBB\xBF{}".to_vec()),
        ("utf16", b"\xFF\xFE{\0}\0".to_vec()),
        ("invalid-utf8", b"{\"Rules\": [{\"Name\": \"\xC3\x28\"}]}".to_vec()),
        ("nul-in-name", b"{\"AccessControlRules\": [{\"Name\": \"a\\u0000b\", \"Effect\": \"ALLOW\"}]}".to_vec()),
        ("raw-nul", b"{\"Rules\": [\0]}".to_vec()),
        ("deep-nesting", deep.into_bytes()),
        ("duplicate-members", br#"{"AccessControlRules": [{"Name": "a", "Effect": "ALLOW", "Effect": "DENY"}]}"#.to_vec()),
        ("trailing-text", br#"{"Rules": []} trailing"#.to_vec()),
        ("huge-number", br#"{"Rules": [{"Name": "a", "Effect": "ALLOW", "DateCreated": 1e400}]}"#.to_vec()),
        ("comments", b"// a comment\n{\"Rules\": [] /* more */}".to_vec()),
        ("wrong-types", br#"{"AccessControlRules": {"Name": 1}, "Users": "x", "ImpersonationRoles": [7]}"#.to_vec()),
        ("ipv6-and-odd-ranges", br#"{"AccessControlRules": [{"Name": "a", "Effect": "DENY", "IpRanges": ["::/0", "010.0.0.0/8", "10.1.2.3/8", "255.255.255.255/32"], "NotIpRanges": ["0.0.0.0/0"]}]}"#.to_vec()),
        ("list-access-control-rules", br#"{"Rules": [{"Name": "default", "Effect": "ALLOW", "Description": "Default WorkMail Rule", "DateCreated": "2020-02-13T23:13:48.717000+00:00", "DateModified": 0.0}], "ResponseMetadata": {"HTTPStatusCode": 200}}"#.to_vec()),
        ("list-users", br#"{"Users": [{"Id": "S-1-1-11-0000000001", "Email": "Jane@Example.com", "Name": "jane", "State": "ENABLED", "UserRole": "USER", "EnabledDate": 1581635628.0}, {"Id": "S-1-1-11-0000000002", "State": "DISABLED"}]}"#.to_vec()),
        ("get-impersonation-role", br#"{"ImpersonationRoleId": "r-1", "Name": "archiver", "Type": "READ_ONLY", "Description": "reads", "Rules": [{"ImpersonationRuleId": "all", "Effect": "ALLOW"}, {"ImpersonationRuleId": "ceo", "Name": "not the CEO", "Effect": "DENY", "TargetUsers": ["ceo@example.com"]}], "DateCreated": "2022-10-04T08:32:21-07:00"}"#.to_vec()),
        ("impersonation-role-array", br#"[{"ImpersonationRoleId": "a", "Name": "a", "Type": "FULL_ACCESS", "Rules": []}, {"ImpersonationRoleId": "a", "Name": "b", "Type": "READ_ONLY", "Rules": []}]"#.to_vec()),
        ("list-impersonation-roles", br#"{"Roles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "DateCreated": 0, "DateModified": 0}], "NextToken": "x"}"#.to_vec()),
        ("emulator-state", br#"{"OrganizationId": "m-0123456789abcdef0123456789abcdef", "Emulator": {"ClientTokens": [{"ClientToken": "t", "ImpersonationRoleId": "r"}], "ImpersonationTokens": [{"Token": "x", "ImpersonationRoleId": "r", "Expires": 1700000900.0}]}}"#.to_vec()),
        ("saved-tests", br#"{"Tests": [{"Name": "imap open", "Request": {"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}, "Expect": {"Effect": "ALLOW", "MatchedRules": ["default"]}}, {"Name": "role", "Request": {"ImpersonationRoleId": "r", "TargetUser": "jane"}, "Expect": {"Effect": "DENY", "Type": "READ_ONLY", "MatchedRules": [{"ImpersonationRuleId": "x", "Name": "y"}]}}]}"#.to_vec()),
        ("control-characters", "{\"ImpersonationRoleId\": \"r\", \"Name\": \"bell\\u0007\u{202e}rtl\", \"Type\": \"READ_ONLY\", \"Rules\": []}".as_bytes().to_vec()),
    ]
}

/// Calls against broken or odd documents and with odd requests.
fn hostile_calls() -> Vec<(&'static str, String)> {
    let call = |operation: Operation, input: &str| format!("\u{1e}{}{input}", selector(operation));
    vec![
        (
            "not-json-requests",
            [
                call(Operation::GetAccessControlEffect, "not json"),
                call(Operation::PutAccessControlRule, "[]"),
                call(
                    Operation::ListImpersonationRoles,
                    r#"{"MaxResults": 1e20, "NextToken": "\u0000"}"#,
                ),
                call(Operation::CreateImpersonationRole, "null"),
            ]
            .concat(),
        ),
        (
            "token-and-paging",
            format!(
                "{{}}{}{}{}{}",
                call(
                    Operation::CreateImpersonationRole,
                    r#"{"ClientToken": "t", "Name": "a", "Type": "READ_ONLY", "Rules": [{"ImpersonationRuleId": "x", "Effect": "ALLOW"}]}"#
                ),
                call(
                    Operation::CreateImpersonationRole,
                    r#"{"ClientToken": "t", "Name": "b", "Type": "FULL_ACCESS", "Rules": []}"#
                ),
                call(Operation::ListImpersonationRoles, r#"{"MaxResults": 1}"#),
                call(
                    Operation::ListImpersonationRoles,
                    r#"{"MaxResults": 1, "NextToken": "djF8fDF8MDAwMDAwMDAwMDAwMDAwMA=="}"#
                ),
            ),
        ),
        (
            "put-with-everything",
            format!(
                "{{\"Users\": [{{\"Id\": \"S-1-1-11-0000000001\", \"Email\": \"a@example.com\"}}], \"ImpersonationRoles\": [{{\"ImpersonationRoleId\": \"r\", \"Name\": \"r\", \"Type\": \"READ_ONLY\", \"Rules\": []}}]}}{}{}{}",
                call(
                    Operation::PutAccessControlRule,
                    r#"{"Name": "n", "Effect": "DENY", "Description": "d", "IpRanges": ["10.1.2.3/8"], "NotIpRanges": ["10.1.0.0/16"], "Actions": ["EWS", "IMAP"], "NotActions": ["SMTP"], "UserIds": ["S-1-1-11-0000000001"], "NotImpersonationRoleIds": ["r"]}"#
                ),
                call(
                    Operation::AssumeImpersonationRole,
                    r#"{"ImpersonationRoleId": "r"}"#
                ),
                call(
                    Operation::GetAccessControlEffect,
                    r#"{"IpAddress": "10.200.0.1", "Action": "EWS", "ImpersonationRoleId": "r"}"#
                ),
            ),
        ),
        (
            "broken-document",
            format!(
                "{{\"Rules\": [}}{}",
                call(Operation::ListAccessControlRules, "{}")
            ),
        ),
    ]
}

fn run() -> Result {
    let root = fuzz_dir();
    let cases = root.join("../tests/cases");
    let mut entries: Vec<PathBuf> = fs::read_dir(&cases)
        .map_err(|e| format!("{}: {e}", cases.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    entries.sort();
    let load_dir = root.join("corpus/load_document");
    let call_dir = root.join("corpus/call");
    let batch_dir = root.join("corpus/batch");
    for path in &entries {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let case: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let document = case.get("Document").cloned().unwrap_or_else(|| json!({}));
        let document = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
        write(&load_dir, &format!("case-{stem}.json"), document.as_bytes())?;
        write(
            &call_dir,
            &format!("case-{stem}"),
            call_seed(&case)?.as_bytes(),
        )?;
        if let Some(seed) = batch_seed(&case)? {
            write(&batch_dir, &format!("case-{stem}"), seed.as_bytes())?;
        }
    }
    for (name, bytes) in hostile_documents() {
        write(&load_dir, name, &bytes)?;
    }
    for (name, text) in hostile_calls() {
        write(&call_dir, name, text.as_bytes())?;
    }
    for (name, text) in hostile_batches() {
        write(&batch_dir, name, text.as_bytes())?;
    }
    Ok(())
}
