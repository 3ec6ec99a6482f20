//! The request log, and stopping: Ctrl-C (SIGINT) and SIGTERM end the server cleanly, with exit
//! code 0, after the requests in progress.

#![cfg(unix)]

use super::Server;
use crate::support::{PUT_IMAP_DENY, aws_example};

/// `07:31:02Z` followed by the rest.
fn after_clock(line: &str) -> Option<&str> {
    let (clock, rest) = line.split_once(' ')?;
    let digits: Vec<&str> = clock.strip_suffix('Z')?.split(':').collect();
    (digits.len() == 3
        && digits
            .iter()
            .all(|part| part.len() == 2 && part.bytes().all(|byte| byte.is_ascii_digit())))
    .then_some(rest)
}

#[test]
fn each_request_is_logged_with_its_operation_status_and_time() {
    let server = Server::start(aws_example());
    server.call("PutAccessControlRule", PUT_IMAP_DENY);
    server.call("GetImpersonationRole", r#"{"ImpersonationRoleId": "nope"}"#);
    server.call("ListGroups", "{}");
    server.send(&super::request("GET", "/favicon.ico", &[], ""));
    let (code, lines) = server.stop_with("INT");
    assert_eq!(code, 0, "{lines:?}");
    let logged: Vec<&str> = lines.iter().filter_map(|line| after_clock(line)).collect();
    let expected = [
        "PutAccessControlRule 200 ",
        "GetImpersonationRole 400 ResourceNotFoundException ",
        "WorkMailService.ListGroups 400 UnknownOperationException ",
        "GET /favicon.ico 405 UnknownOperationException ",
    ];
    assert_eq!(logged.len(), expected.len(), "{lines:?}");
    for (line, start) in logged.iter().zip(expected) {
        assert!(line.starts_with(start), "{line}");
        let time = line.rsplit(' ').next().unwrap();
        assert!(
            time.strip_suffix("ms")
                .is_some_and(|number| number.parse::<f64>().is_ok()),
            "{line}"
        );
    }
}

#[test]
fn ctrl_c_and_sigterm_stop_cleanly() {
    for (signal, reason) in [("INT", "interrupted"), ("TERM", "terminated")] {
        let server = Server::start(aws_example());
        assert_eq!(server.call("ListAccessControlRules", "{}").status, 200);
        let address = server.address;
        let (code, lines) = server.stop_with(signal);
        assert_eq!(code, 0, "{signal}: {lines:?}");
        let tail: Vec<&str> = lines
            .iter()
            .rev()
            .take(2)
            .rev()
            .map(String::as_str)
            .collect();
        assert_eq!(
            tail,
            [
                format!("stopping ({reason}): finishing the requests in progress").as_str(),
                "stopped"
            ],
            "{signal}"
        );
        assert!(
            std::net::TcpStream::connect(address).is_err(),
            "{signal}: still listening"
        );
    }
}

#[test]
fn an_idle_keep_alive_connection_does_not_hold_up_the_stop() {
    use std::io::{Read, Write};
    let server = Server::start(aws_example());
    // A client that keeps its connection open after an answer, as the SDKs' connection pools do.
    let mut idle = server.connect();
    idle.write_all(b"POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: WorkMailService.ListAccessControlRules\r\nContent-Length: 2\r\n\r\n{}").unwrap();
    let mut answer = [0u8; 12];
    idle.read_exact(&mut answer).unwrap();
    assert_eq!(&answer, b"HTTP/1.1 200");
    let (code, lines) = server.stop_with("INT");
    assert_eq!(code, 0, "{lines:?}");
    assert_eq!(
        lines.last().map(String::as_str),
        Some("stopped"),
        "{lines:?}"
    );
    assert!(
        !lines
            .iter()
            .any(|line| line.starts_with("warning: stopping")),
        "the idle connection held up the stop: {lines:?}"
    );
}
