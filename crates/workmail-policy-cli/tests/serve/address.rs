//! Where the server listens: loopback unless told otherwise, port 0 for a free port, and clear
//! refusals.

use std::net::TcpListener;

use super::Server;
use crate::support::{aws_example, run};

#[test]
fn port_0_picks_a_free_loopback_port_and_says_which() {
    let server = Server::start(aws_example());
    assert!(server.address.ip().is_loopback());
    assert_ne!(server.address.port(), 0);
    let lines = server.lines();
    assert_eq!(
        lines[0],
        format!("listening on http://{}", server.address),
        "{lines:?}"
    );
    assert_eq!(
        lines[1],
        format!(
            "serving `{}` as WorkMail (AWS JSON 1.1; request signatures are not checked); Ctrl-C stops",
            server.file.display()
        )
    );
    assert_eq!(server.call("ListAccessControlRules", "{}").status, 200);
}

#[test]
fn help_shows_an_example_and_the_exit_codes() {
    let output = run(["serve", "--help"]);
    assert_eq!(output.code, 0, "{output:?}");
    let help = output.stdout;
    for part in [
        "$ workmail-policy serve --org org.json --port 8686",
        "listening on http://127.0.0.1:8686",
        "--endpoint-url http://127.0.0.1:8686",
        "--allow-remote",
        "Exit codes: 0 stopped by Ctrl-C",
    ] {
        assert!(help.contains(part), "{part}: {help}");
    }
}

#[test]
fn localhost_means_127_0_0_1() {
    let server = Server::start_with(aws_example(), &["--address", "localhost", "--port", "0"])
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert_eq!(server.address.ip().to_string(), "127.0.0.1");
}

#[test]
fn allow_remote_listens_with_a_warning() {
    let server = Server::start_with(
        aws_example(),
        &["--address", "0.0.0.0", "--port", "0", "--allow-remote"],
    )
    .unwrap_or_else(|refused| panic!("{refused:?}"));
    let lines = server.lines();
    assert!(
        lines.iter().any(|line| line
            .starts_with("warning: `0.0.0.0` is not a loopback address: anyone who can reach it")),
        "{lines:?}"
    );
    // Reached over loopback only.
    let local = std::net::SocketAddr::from(([127, 0, 0, 1], server.address.port()));
    let reply = super::send(
        local,
        &super::request(
            "POST",
            "/",
            &[("X-Amz-Target", "WorkMailService.ListAccessControlRules")],
            "{}",
        ),
    );
    assert_eq!(reply.status, 200, "{reply:?}");
}

#[test]
fn a_server_that_cannot_serve_exits_before_listening_saying_why() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let in_use = format!("error: cannot listen on `127.0.0.1:{port}`: ");
    let invalid = r#"{"Rules": [{"Name": "bad name"}]}"#;
    // The document, the arguments after it, the exit code, and how stderr starts, then what
    // else it says.
    let cases: [(&str, &[&str], i32, &[&str]); 5] = [
        (
            aws_example(),
            &["--address", "0.0.0.0", "--port", "0"],
            252,
            &[
                "error: `0.0.0.0` is not a loopback address",
                "--allow-remote",
            ],
        ),
        (
            aws_example(),
            &["--address", "::", "--port", "0"],
            252,
            &["error: `::` is not a loopback address", "--allow-remote"],
        ),
        (
            aws_example(),
            &["--address", "workmail.example"],
            252,
            &["error: ", "`workmail.example` is not an IP address"],
        ),
        (aws_example(), &["--port", &port], 255, &[&in_use]),
        (invalid, &["--port", "0"], 252, &["error: cannot load `"]),
    ];
    for (document, args, code, expected) in cases {
        let Err(refused) = Server::start_with(document, args) else {
            panic!("{args:?}: the server started");
        };
        let (start, also) = expected.split_first().unwrap();
        assert_eq!(refused.code, code, "{args:?}: {refused:?}");
        assert!(refused.stderr.starts_with(start), "{args:?}: {refused:?}");
        for part in also {
            assert!(refused.stderr.contains(part), "{args:?}: {refused:?}");
        }
        assert!(
            !refused.stderr.contains("listening"),
            "{args:?}: {refused:?}"
        );
    }
}

#[test]
fn document_warnings_follow_the_listening_line_unless_quiet() {
    let document = r#"{"Rules": [], "ResponseMetadata": {}}"#;
    let server = Server::start(document);
    let lines = server.lines();
    assert!(lines[0].starts_with("listening on http://"), "{lines:?}");
    assert!(
        lines[1].starts_with("warning[") && lines[1].contains("ResponseMetadata"),
        "{lines:?}"
    );
    let quiet = Server::start_with(document, &["--quiet", "--port", "0"])
        .unwrap_or_else(|refused| panic!("{refused:?}"));
    assert!(
        !quiet
            .lines()
            .iter()
            .any(|line| line.contains("ResponseMetadata")),
        "{:?}",
        quiet.lines()
    );
}
