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
fn an_address_that_is_not_loopback_is_refused_without_the_flag() {
    for address in ["0.0.0.0", "::"] {
        let Err(refused) =
            Server::start_with(aws_example(), &["--address", address, "--port", "0"])
        else {
            panic!("`{address}` was listened on without --allow-remote");
        };
        assert_eq!(refused.code, 252, "{refused:?}");
        assert!(
            refused
                .stderr
                .starts_with(&format!("error: `{address}` is not a loopback address")),
            "{refused:?}"
        );
        assert!(refused.stderr.contains("--allow-remote"), "{refused:?}");
    }
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
fn an_address_that_is_not_an_ip_is_a_usage_error() {
    let Err(refused) = Server::start_with(aws_example(), &["--address", "workmail.example"]) else {
        panic!("a host name was accepted");
    };
    assert_eq!(refused.code, 252, "{refused:?}");
    assert!(
        refused
            .stderr
            .contains("`workmail.example` is not an IP address"),
        "{refused:?}"
    );
}

#[test]
fn a_port_in_use_fails_with_255() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let Err(refused) = Server::start_with(aws_example(), &["--port", &port]) else {
        panic!("a port in use was listened on");
    };
    assert_eq!(refused.code, 255, "{refused:?}");
    assert!(
        refused
            .stderr
            .starts_with(&format!("error: cannot listen on `127.0.0.1:{port}`: ")),
        "{refused:?}"
    );
}

#[test]
fn an_invalid_document_is_refused_before_listening() {
    let Err(refused) = Server::start_with(r#"{"Rules": [{"Name": "bad name"}]}"#, &["--port", "0"])
    else {
        panic!("an invalid document was served");
    };
    assert_eq!(refused.code, 252, "{refused:?}");
    assert!(
        refused.stderr.starts_with("error: cannot load `"),
        "{refused:?}"
    );
    assert!(!refused.stderr.contains("listening"), "{refused:?}");
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
