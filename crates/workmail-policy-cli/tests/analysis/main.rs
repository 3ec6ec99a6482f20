//! End-to-end tests of the analysis subcommands (`table`, `diff`, `lint`, `test`,
//! `impersonate`) and of `explain --suggest`: exact output, streams and exit codes. The
//! documents are the ones the README's examples use, so the README's outputs are checked here.

mod diff;
mod explain;
mod impersonate;
mod lint;
mod robustness;
mod saved_tests;
mod table;

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::Command;

/// The README's `org.json`: a directory, a rule keeping IMAP to the office network, and a
/// read-only role that may impersonate everyone but the CEO.
pub const ORG: &str = r#"{
    "OrganizationId": "m-0123456789abcdef0123456789abcdef",
    "Users": [
        {"Id": "S-1-1-11-1111111111-2222222222-3333333333-1001", "Email": "ceo@example.com", "Name": "ceo", "State": "ENABLED"},
        {"Id": "S-1-1-11-1111111111-2222222222-3333333333-1002", "Email": "jane@example.com", "Name": "jane", "State": "ENABLED"}
    ],
    "AccessControlRules": [
        {"Name": "default", "Effect": "ALLOW", "Description": "Default WorkMail Rule"},
        {"Name": "office-imap", "Effect": "DENY", "Description": "IMAP from the office only",
         "Actions": ["IMAP"], "NotIpRanges": ["192.0.2.0/24"]}
    ],
    "ImpersonationRoles": [
        {"ImpersonationRoleId": "archiver", "Name": "archiver", "Type": "READ_ONLY",
         "Rules": [{"ImpersonationRuleId": "not-ceo", "Effect": "ALLOW", "NotTargetUsers": ["ceo@example.com"]}]}
    ]
}
"#;

/// The README's `new.json`: `ORG` with WebMail kept to the office network too.
pub const NEW: &str = r#"{
    "OrganizationId": "m-0123456789abcdef0123456789abcdef",
    "Users": [
        {"Id": "S-1-1-11-1111111111-2222222222-3333333333-1001", "Email": "ceo@example.com", "Name": "ceo", "State": "ENABLED"},
        {"Id": "S-1-1-11-1111111111-2222222222-3333333333-1002", "Email": "jane@example.com", "Name": "jane", "State": "ENABLED"}
    ],
    "AccessControlRules": [
        {"Name": "default", "Effect": "ALLOW", "Description": "Default WorkMail Rule"},
        {"Name": "office-imap", "Effect": "DENY", "Description": "IMAP and WebMail from the office only",
         "Actions": ["IMAP", "WebMail"], "NotIpRanges": ["192.0.2.0/24"]}
    ],
    "ImpersonationRoles": [
        {"ImpersonationRoleId": "archiver", "Name": "archiver", "Type": "READ_ONLY",
         "Rules": [{"ImpersonationRuleId": "not-ceo", "Effect": "ALLOW", "NotTargetUsers": ["ceo@example.com"]}]}
    ]
}
"#;

/// The README's `messy.json`: a duplicate action, host bits, and a rule that cannot match.
pub const MESSY: &str = r#"{
    "Rules": [
        {"Name": "default", "Effect": "ALLOW"},
        {"Name": "office", "Effect": "DENY", "Actions": ["IMAP", "IMAP"], "NotIpRanges": ["192.0.2.7/24"]},
        {"Name": "never", "Effect": "DENY", "Actions": ["EWS"], "NotActions": ["EWS"]}
    ]
}
"#;

/// The README's `tests.json`: three tests `ORG` passes and one it fails (`NEW` passes all four).
pub const TESTS: &str = r#"{
    "Tests": [
        {"Name": "jane reads IMAP at the office",
         "Request": {"IpAddress": "192.0.2.10", "Action": "IMAP", "UserId": "S-1-1-11-1111111111-2222222222-3333333333-1002"},
         "Expect": {"Effect": "ALLOW"}},
        {"Name": "no IMAP from home",
         "Request": {"IpAddress": "203.0.113.9", "Action": "IMAP", "UserId": "S-1-1-11-1111111111-2222222222-3333333333-1002"},
         "Expect": {"Effect": "DENY", "MatchedRules": ["office-imap"]}},
        {"Name": "no WebMail from home",
         "Request": {"IpAddress": "203.0.113.9", "Action": "WebMail", "UserId": "S-1-1-11-1111111111-2222222222-3333333333-1002"},
         "Expect": {"Effect": "DENY"}},
        {"Name": "the archiver cannot read the CEO",
         "Request": {"ImpersonationRoleId": "archiver", "TargetUser": "ceo@example.com"},
         "Expect": {"Effect": "DENY", "MatchedRules": []}}
    ]
}
"#;

/// Jane's user ID.
pub const JANE: &str = "S-1-1-11-1111111111-2222222222-3333333333-1002";

/// What one run printed and how it exited.
#[derive(Debug)]
pub struct Output {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Output {
    /// (exit code, stdout, stderr), for one comparison.
    pub fn all(&self) -> (i32, &str, &str) {
        (self.code, &self.stdout, &self.stderr)
    }
}

/// Runs the binary with `args`, stdout and stderr piped, `NO_COLOR` unset. Every exit code
/// must be one the README documents (a panic's 101 fails the test).
#[expect(
    clippy::expect_used,
    reason = "a broken test environment fails the test"
)]
pub fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = Command::new(env!("CARGO_BIN_EXE_workmail-policy"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs");
    let result = Output {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        [0, 1, 252, 254, 255].contains(&result.code),
        "unexpected exit code {}: {result:?}",
        result.code
    );
    result
}

/// A temporary folder holding the named files; returns the folder (keep it alive).
#[expect(
    clippy::expect_used,
    reason = "a broken test environment fails the test"
)]
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    for (name, text) in files {
        std::fs::write(folder.path().join(name), text).expect("the file is written");
    }
    folder
}

/// The path of `name` in `folder`, as an argument.
#[expect(
    clippy::expect_used,
    reason = "a broken test environment fails the test"
)]
pub fn path(folder: &tempfile::TempDir, name: &str) -> String {
    let path: PathBuf = folder.path().join(name);
    path.to_str().expect("temporary paths are UTF-8").to_owned()
}
