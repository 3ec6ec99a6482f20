//! End-to-end tests of `workmail-policy serve` over raw HTTP: the wire protocol, error shapes,
//! saving, concurrent clients, the address rules and stopping. Each test starts its own server
//! on `127.0.0.1:0` and talks to it with `std::net::TcpStream`.

mod address;
mod concurrency;
mod protocol;
mod save;
mod shutdown;
#[path = "../support/mod.rs"]
#[expect(dead_code, reason = "these tests use part of the shared support")]
mod support;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};

use serde_json::Value;

use support::{DEADLINE, Folder, Output, Run, Running, arg, call};

/// A running `workmail-policy serve`, killed when dropped if it was not stopped.
pub struct Server {
    running: Running,
    /// Where it listens.
    pub address: SocketAddr,
    /// The organization file.
    pub file: PathBuf,
    _folder: Folder,
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
    /// The server exited before listening: what it printed and its exit code.
    #[expect(
        clippy::expect_used,
        reason = "a broken test environment fails the test"
    )]
    pub fn start_with(document: &str, args: &[&str]) -> Result<Self, Output> {
        let folder = Folder::new();
        let file = folder.write("org.json", document);
        let running = Run::binary(["serve", "--org", arg(&file)].iter().chain(args)).spawn();
        // The address comes first; the server is ready, its start-up lines all printed, at the
        // line that says what it serves.
        if !running.wait_for_stderr_line(|line| line.starts_with("serving ")) {
            return Err(running.wait());
        }
        let address = running
            .stderr_lines()
            .iter()
            .find_map(|line| line.strip_prefix("listening on http://")?.parse().ok())
            .expect("the address is printed as IP:PORT before the server is ready");
        Ok(Self {
            running,
            address,
            file,
            _folder: folder,
        })
    }

    /// The stderr lines so far.
    pub fn lines(&self) -> Vec<String> {
        self.running.stderr_lines()
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

    /// A new connection to the server, whose reads and writes fail after [`DEADLINE`].
    pub fn connect(&self) -> TcpStream {
        connect(self.address)
    }

    /// Sends a signal (`INT`, `TERM`) and waits for the exit; returns the exit code and the
    /// stderr lines.
    #[cfg(unix)]
    pub fn stop_with(self, signal: &str) -> (i32, Vec<String>) {
        let sent = Run::program(
            "kill",
            [format!("-{signal}"), self.running.id().to_string()],
        )
        .output();
        assert_eq!(sent.code, 0, "{sent:?}");
        let stopped = self.running.wait();
        (
            stopped.code,
            stopped.stderr.lines().map(str::to_owned).collect(),
        )
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
    let mut stream = connect(address);
    stream.write_all(bytes).expect("the request is sent");
    let mut reply = Vec::new();
    // A server that refuses a body it did not read may reset the connection after its reply.
    let read = stream.read_to_end(&mut reply);
    assert!(read.is_ok() || !reply.is_empty(), "no reply: {read:?}");
    parse_reply(&reply).pop().expect("one reply")
}

/// A new connection to `address`, whose reads and writes fail after [`DEADLINE`].
#[expect(
    clippy::expect_used,
    reason = "a broken test environment fails the test"
)]
pub fn connect(address: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(address).expect("the server accepts");
    stream
        .set_read_timeout(Some(DEADLINE))
        .expect("a read timeout");
    stream
        .set_write_timeout(Some(DEADLINE))
        .expect("a write timeout");
    stream
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
    let output = call(operation, file, &["--input", input]);
    serde_json::from_str(&output.stdout).expect("call prints JSON")
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
