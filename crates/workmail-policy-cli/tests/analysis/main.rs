//! End-to-end tests of the analysis subcommands (`table`, `diff`, `lint`, `test`,
//! `impersonate`) and of `explain --suggest`: exact output, streams and exit codes. The
//! documents are the ones the README's examples use, so the README's outputs are checked here.

mod check;
mod diff;
mod explain;
mod impersonate;
mod lint;
mod replay;
mod robustness;
mod saved_tests;
#[path = "../support/mod.rs"]
#[expect(dead_code, reason = "these tests use part of the shared support")]
mod support;
mod table;

use support::{Output, run_in};

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

/// Runs the binary with `args` in a temporary folder holding [`ORG`] as `org.json`.
pub fn run_with_org(args: &[&str]) -> Output {
    run_in(&[("org.json", ORG)], args)
}

/// Jane's user ID.
pub const JANE: &str = "S-1-1-11-1111111111-2222222222-3333333333-1002";
