//! End-to-end tests of `workmail-policy serve` over raw HTTP: the wire protocol, error shapes,
//! saving, concurrent clients, the address rules and stopping. Each test starts its own server
//! on `127.0.0.1:0` and talks to it with `std::net::TcpStream`.

mod address;
mod concurrency;
mod protocol;
mod save;
mod shutdown;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

/// The AWS CLI documentation's organization, as `aws workmail list-access-control-rules` prints it.
pub const AWS_EXAMPLE: &str = r#"{
    "Rules": [
        {"Name": "default", "Effect": "ALLOW", "Description": "Default WorkMail Rule",
         "DateCreated": 0.0, "DateModified": 0.0},
        {"Name": "myRule", "Effect": "DENY", "Description": "my rule",
         "UserIds": ["S-1-1-11-1111111111-2222222222-3333333333-3333"],
         "DateCreated": 1581635628.0, "DateModified": 1581635628.0}
    ]
}
"#;

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

/// A rule that denies IMAP.
pub const PUT_IMAP_DENY: &str =
    r#"{"Name": "no-imap", "Effect": "DENY", "Description": "", "Actions": ["IMAP"]}"#;

/// How long a test waits for the server before failing (never reached when all is well).
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `workmail-policy serve`, killed when dropped if it was not stopped.
pub struct Server {
    child: Child,
    /// Where it listens.
    pub address: SocketAddr,
    /// Every stderr line so far.
    lines: Arc<Mutex<Vec<String>>>,
    /// The organization file.
    pub file: PathBuf,
    _folder: tempfile::TempDir,
}

/// How a server that was asked to start ended instead.
#[derive(Debug)]
pub struct Refused {
    /// The exit code.
    pub code: i32,
    /// Its stderr.
    pub stderr: String,
}

impl Server {
    /// Starts a server on `127.0.0.1:0` over a file holding `document`.
    #[expect(clippy::panic, reason = "a server that cannot start fails the test")]
    pub fn start(document: &str) -> Self {
        Self::start_with(document, &["--port", "0"])
            .unwrap_or_else(|refused| panic!("the server did not start: {refused:?}"))
    }

    /// Starts a server over a file holding `document`, with these arguments after `--org FILE`.
    ///
    /// # Errors
    /// The server exited before listening.
    #[expect(
        clippy::expect_used,
        reason = "a broken test environment fails the test"
    )]
    pub fn start_with(document: &str, args: &[&str]) -> Result<Self, Refused> {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let file = folder.path().join("org.json");
        std::fs::write(&file, document).expect("the document is written");
        let mut child = Command::new(env!("CARGO_BIN_EXE_workmail-policy"))
            .arg("serve")
            .arg("--org")
            .arg(&file)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let stderr = child.stderr.take().expect("stderr is piped");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (found, listening) = mpsc::channel();
        let collected = Arc::clone(&lines);
        std::thread::spawn(move || {
            // The address comes first; the server is ready, its start-up lines all printed, at
            // the line that says what it serves.
            let mut url = None;
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some(listening) = line.strip_prefix("listening on http://") {
                    url = Some(listening.to_owned());
                }
                let ready = line.starts_with("serving ");
                collected.lock().expect("the lines").push(line);
                if ready && let Some(url) = url.take() {
                    let _ = found.send(url);
                }
            }
        });
        match listening.recv_timeout(PATIENCE) {
            Ok(url) => Ok(Self {
                child,
                address: url.parse().expect("the address is printed as IP:PORT"),
                lines,
                file,
                _folder: folder,
            }),
            Err(_) => {
                // Exited (the reader saw the end of stderr), or stuck: either way, it is over.
                let _ = child.kill();
                let status = child.wait().expect("the server ends");
                let stderr = lines.lock().expect("the lines").join("\n");
                Err(Refused {
                    code: status.code().unwrap_or(-1),
                    stderr,
                })
            }
        }
    }

    /// The stderr lines so far.
    #[expect(
        clippy::expect_used,
        reason = "a broken test environment fails the test"
    )]
    pub fn lines(&self) -> Vec<String> {
        self.lines.lock().expect("the lines").clone()
    }

    /// What the organization file holds now.
    #[expect(
        clippy::expect_used,
        reason = "a broken test environment fails the test"
    )]
    pub fn saved(&self) -> Value {
        let text = std::fs::read_to_string(&self.file).expect("the file is readable");
        serde_json::from_str(&text).expect("the file is JSON")
    }

    /// Posts a WorkMail request: `X-Amz-Target: WorkMailService.<operation>`, JSON 1.1.
    pub fn call(&self, operation: &str, body: &str) -> Reply {
        self.send(&request(
            "POST",
            "/",
            &[
                ("X-Amz-Target", &format!("WorkMailService.{operation}")),
                ("Content-Type", "application/x-amz-json-1.1"),
            ],
            body,
        ))
    }

    /// Sends raw bytes on a new connection and reads the whole reply.
    pub fn send(&self, bytes: &[u8]) -> Reply {
        send(self.address, bytes)
    }

    /// Sends a signal (`INT`, `TERM`) and waits for the exit; returns the exit code and stderr.
    #[cfg(unix)]
    #[expect(
        clippy::expect_used,
        reason = "a broken test environment fails the test"
    )]
    pub fn stop_with(mut self, signal: &str) -> (i32, Vec<String>) {
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .expect("kill runs");
        assert!(status.success());
        let status = self.child.wait().expect("the server ends");
        // The reader thread ends with the process; give it the last lines.
        let mut lines = self.lines();
        for _ in 0..600 {
            if lines.last().is_some_and(|line| line == "stopped") {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
            lines = self.lines();
        }
        (status.code().unwrap_or(-1), lines)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP request's bytes: `Host` and `Content-Length` added, `Connection: close`.
pub fn request(method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut text = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    text.into_bytes()
}

/// A parsed HTTP reply.
#[derive(Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// Headers, names lowercased.
    pub headers: BTreeMap<String, String>,
    /// The body as text.
    pub body: String,
}

impl Reply {
    /// The body as JSON.
    #[expect(
        clippy::expect_used,
        reason = "a broken test environment fails the test"
    )]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("the body is JSON")
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }

    /// Asserts an AWS JSON 1.1 error: the status, the exception in `x-amzn-ErrorType` and in
    /// `__type`, and returns the message.
    pub fn error(&self, status: u16, code: &str) -> String {
        assert_eq!(self.status, status, "{self:?}");
        assert_eq!(self.header("x-amzn-errortype"), Some(code), "{self:?}");
        assert_eq!(
            self.header("content-type"),
            Some("application/x-amz-json-1.1")
        );
        let body = self.json();
        assert_eq!(
            body.get("__type").and_then(Value::as_str),
            Some(code),
            "{self:?}"
        );
        let message = body
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        assert!(!message.is_empty(), "{self:?}");
        assert!(!message.ends_with('.'), "{message}");
        message
    }
}

/// Sends raw bytes on a new connection to `address` and reads the reply until the server closes.
#[expect(
    clippy::expect_used,
    reason = "a broken test environment fails the test"
)]
pub fn send(address: SocketAddr, bytes: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(address).expect("the server accepts");
    stream
        .set_read_timeout(Some(PATIENCE))
        .expect("a read timeout");
    stream.write_all(bytes).expect("the request is sent");
    let mut reply = Vec::new();
    // A server that refuses a body it did not read may reset the connection after its reply.
    let read = stream.read_to_end(&mut reply);
    assert!(read.is_ok() || !reply.is_empty(), "no reply: {read:?}");
    parse_reply(&reply).pop().expect("one reply")
}

/// Every reply in `bytes` (several when requests were pipelined).
#[expect(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a reply that is not HTTP fails the test"
)]
pub fn parse_reply(mut bytes: &[u8]) -> Vec<Reply> {
    let mut replies = Vec::new();
    while !bytes.is_empty() {
        let text = String::from_utf8_lossy(bytes);
        let head_end = text.find("\r\n\r\n").expect("a header block");
        let head = &text[..head_end];
        let mut lines = head.split("\r\n");
        let status_line = lines.next().expect("a status line");
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .expect("a status code");
        let headers: BTreeMap<String, String> = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect();
        let length: usize = headers
            .get("content-length")
            .and_then(|length| length.parse().ok())
            .expect("a content length");
        let body_start = head_end + 4;
        let body = String::from_utf8_lossy(&bytes[body_start..body_start + length]).into_owned();
        bytes = &bytes[body_start + length..];
        replies.push(Reply {
            status,
            headers,
            body,
        });
    }
    replies
}

/// Runs `workmail-policy call OPERATION --org FILE --input INPUT` and returns its JSON stdout.
#[expect(
    clippy::expect_used,
    reason = "a broken test environment fails the test"
)]
pub fn call_command(file: &Path, operation: &str, input: &str) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_workmail-policy"))
        .args(["call", operation, "--org"])
        .arg(file)
        .args(["--input", input])
        .output()
        .expect("the binary runs");
    serde_json::from_slice(&output.stdout).expect("call prints JSON")
}

/// The names of a list of rules or roles.
pub fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item["Name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
