//! End-to-end tests of the `workmail-policy` binary: exit codes, the exact stdout/stderr shapes,
//! `--save`, `explain`, help, and hostile inputs.

mod args;
mod call;
mod explain;
mod robustness;
mod save;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The AWS CLI documentation's organization, as `aws workmail list-access-control-rules` prints it.
pub const AWS_EXAMPLE: &str = r#"{
    "Rules": [
        {
            "Name": "default",
            "Effect": "ALLOW",
            "Description": "Default WorkMail Rule",
            "DateCreated": 0.0,
            "DateModified": 0.0
        },
        {
            "Name": "myRule",
            "Effect": "DENY",
            "Description": "my rule",
            "UserIds": [
                "S-1-1-11-1111111111-2222222222-3333333333-3333"
            ],
            "DateCreated": 1581635628.0,
            "DateModified": 1581635628.0
        }
    ]
}
"#;

/// The user `myRule` denies.
pub const USER: &str = "S-1-1-11-1111111111-2222222222-3333333333-3333";

/// The AWS example's `get-access-control-effect` request.
pub const EFFECT_INPUT: &str = r#"{"IpAddress": "192.0.2.0", "Action": "WindowsOutlook", "UserId": "S-1-1-11-1111111111-2222222222-3333333333-3333"}"#;

/// An organization with an ID, a directory and one impersonation role.
pub const DIRECTORY: &str = r#"{
  "OrganizationId": "m-0123456789abcdef0123456789abcdef",
  "Users": [
    {"Id": "S-1-1-11-1111111111-2222222222-3333333333-1001", "Email": "ceo@example.com", "Name": "ceo", "State": "ENABLED"},
    {"Id": "S-1-1-11-1111111111-2222222222-3333333333-1002", "Email": "jane@example.com", "Name": "jane", "State": "ENABLED"}
  ],
  "ImpersonationRoles": [
    {
      "ImpersonationRoleId": "archiver",
      "Name": "archiver",
      "Type": "READ_ONLY",
      "Rules": [
        {"ImpersonationRuleId": "not-ceo", "Name": "everyone but the CEO", "Effect": "ALLOW", "NotTargetUsers": ["ceo@example.com"]}
      ]
    }
  ]
}
"#;

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

/// Runs the binary with `args`, stdout and stderr piped, `NO_COLOR` unset.
pub fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_with_env(args, &[])
}

/// Runs the binary with `args` and these environment variables, stdout and stderr piped,
/// `NO_COLOR` unset unless given.
#[expect(
    clippy::expect_used,
    reason = "a broken test environment fails the test"
)]
pub fn run_with_env<I, S>(args: I, env: &[(&str, &str)]) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let output = Command::new(env!("CARGO_BIN_EXE_workmail-policy"))
        .args(args)
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .output()
        .expect("the binary runs");
    let result = Output {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    };
    assert!(
        [0, 252, 254, 255].contains(&result.code),
        "unexpected exit code {}: {result:?}",
        result.code
    );
    result
}

/// A temporary folder holding `name` with `text`; returns the folder (keep it alive) and the path.
#[expect(
    clippy::expect_used,
    reason = "a broken test environment fails the test"
)]
pub fn file(name: &str, text: impl AsRef<[u8]>) -> (tempfile::TempDir, PathBuf) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join(name);
    std::fs::write(&path, text).expect("the file is written");
    (folder, path)
}

/// The names in a folder, sorted.
#[expect(
    clippy::expect_used,
    reason = "a broken test environment fails the test"
)]
pub fn listing(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("the folder is readable")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// The path as an argument.
#[expect(
    clippy::expect_used,
    reason = "a broken test environment fails the test"
)]
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}
