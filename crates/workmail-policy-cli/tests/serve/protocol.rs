//! The wire protocol: AWS JSON 1.1 in and out, the same answers as `call`, and every way a
//! request can miss the protocol.

use serde_json::json;

use super::{Server, call_command, names, parse_reply, request, send};
use crate::support::{DIRECTORY, EFFECT_INPUT, PUT_IMAP_DENY, aws_example};

#[test]
fn an_answer_is_aws_json_1_1_with_a_request_id() {
    let server = Server::start(aws_example());
    let reply = server.call("GetAccessControlEffect", EFFECT_INPUT);
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(
        reply.header("content-type"),
        Some("application/x-amz-json-1.1")
    );
    let id = reply.header("x-amzn-requestid").unwrap();
    assert_eq!(id.len(), 36, "{id}");
    assert_eq!(reply.header("x-amzn-errortype"), None);
    assert_eq!(
        reply.json(),
        json!({"Effect": "DENY", "MatchedRules": ["myRule"]})
    );
}

#[test]
fn reading_operations_answer_exactly_as_call_does() {
    let server = Server::start(DIRECTORY);
    let cases = [
        (
            "GetAccessControlEffect",
            r#"{"IpAddress": "192.0.2.0", "Action": "EWS", "ImpersonationRoleId": "archiver"}"#,
        ),
        ("ListAccessControlRules", "{}"),
        (
            "GetImpersonationRole",
            r#"{"ImpersonationRoleId": "archiver"}"#,
        ),
        ("ListImpersonationRoles", r#"{"MaxResults": 1}"#),
        (
            "GetImpersonationRoleEffect",
            r#"{"ImpersonationRoleId": "archiver", "TargetUser": "jane"}"#,
        ),
        (
            "GetImpersonationRoleEffect",
            r#"{"ImpersonationRoleId": "archiver", "TargetUser": "nobody"}"#,
        ),
    ];
    for (operation, input) in cases {
        let reply = server.call(operation, input);
        let expected = call_command(&server.file, operation, input);
        let answer = match expected.get("Error") {
            Some(error) => {
                let message = reply.error(400, error["Code"].as_str().unwrap());
                json!({"Error": {"Code": error["Code"], "Message": message}})
            }
            None => {
                assert_eq!(reply.status, 200, "{operation}: {reply:?}");
                reply.json()
            }
        };
        assert_eq!(answer, expected, "{operation} {input}");
    }
}

#[test]
fn changing_operations_answer_with_aws_shapes() {
    let server = Server::start(DIRECTORY);
    let role = r#"{"Name": "auditor", "Type": "FULL_ACCESS", "Rules": [{"ImpersonationRuleId": "all", "Effect": "ALLOW"}]}"#;
    let created = server.call("CreateImpersonationRole", role);
    assert_eq!(created.status, 200, "{created:?}");
    let id = created.json()["ImpersonationRoleId"]
        .as_str()
        .unwrap()
        .to_owned();
    let role_request = format!(r#"{{"ImpersonationRoleId": "{id}"}}"#);
    let update = format!(
        r#"{{"ImpersonationRoleId": "{id}", "Name": "auditor-2", "Type": "READ_ONLY", "Rules": [{{"ImpersonationRuleId": "all", "Effect": "DENY"}}]}}"#
    );
    let cases: [(&str, &str); 4] = [
        ("PutAccessControlRule", PUT_IMAP_DENY),
        ("DeleteAccessControlRule", r#"{"Name": "no-imap"}"#),
        ("UpdateImpersonationRole", &update),
        ("DeleteImpersonationRole", &role_request),
    ];
    for (operation, input) in cases {
        let reply = server.call(operation, input);
        assert_eq!(
            (reply.status, reply.json()),
            (200, json!({})),
            "{operation}"
        );
    }
    let assumed = server.call(
        "AssumeImpersonationRole",
        r#"{"ImpersonationRoleId": "archiver"}"#,
    );
    assert_eq!(assumed.status, 200, "{assumed:?}");
    let assumed = assumed.json();
    assert_eq!(assumed["ExpiresIn"], 900);
    assert!(
        assumed["Token"]
            .as_str()
            .is_some_and(|token| !token.is_empty())
    );
}

#[test]
fn api_errors_are_400_with_the_exception_and_calls_message() {
    let server = Server::start(aws_example());
    let input = r#"{"IpAddress": "192.0.2.0", "Action": "POP3", "UserId": "S-1-1-11-1111111111"}"#;
    let message = server
        .call("GetAccessControlEffect", input)
        .error(400, "InvalidParameterException");
    let expected = call_command(&server.file, "GetAccessControlEffect", input);
    assert_eq!(expected["Error"]["Message"], message.as_str());

    let message = server
        .call("GetImpersonationRole", r#"{"ImpersonationRoleId": "nope"}"#)
        .error(400, "ResourceNotFoundException");
    assert!(message.contains("`nope`"), "{message}");
}

#[test]
fn requests_need_no_valid_signature() {
    let server = Server::start(aws_example());
    let reply = server.send(&request(
        "POST",
        "/",
        &[
            ("X-Amz-Target", "WorkMailService.ListAccessControlRules"),
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Date", "20250101T000000Z"),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/workmail/aws4_request, \
                 SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000",
            ),
        ],
        "{}",
    ));
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(names(&reply.json()["Rules"]), ["default", "myRule"]);
}

#[test]
fn an_empty_body_is_the_empty_request() {
    let server = Server::start(aws_example());
    let reply = server.call("ListImpersonationRoles", "");
    assert_eq!((reply.status, reply.json()), (200, json!({"Roles": []})));
}

#[test]
fn requests_outside_the_protocol_are_unknown_operations() {
    let server = Server::start(aws_example());
    let json = ("Content-Type", "application/x-amz-json-1.1");
    let target = ("X-Amz-Target", "WorkMailService.ListAccessControlRules");

    let reply = server.send(&request("GET", "/", &[], ""));
    let message = reply.error(405, "UnknownOperationException");
    assert_eq!(reply.header("allow"), Some("POST"));
    assert!(message.contains("`GET`"), "{message}");

    let message = server
        .send(&request("POST", "/workmail", &[target, json], "{}"))
        .error(404, "UnknownOperationException");
    assert!(message.contains("`/workmail`"), "{message}");

    let message = server
        .send(&request("POST", "/", &[json], "{}"))
        .error(400, "UnknownOperationException");
    assert!(message.contains("no `X-Amz-Target` header"), "{message}");

    let message = server
        .send(&request(
            "POST",
            "/",
            &[("X-Amz-Target", "DynamoDB_20120810.ListTables"), json],
            "{}",
        ))
        .error(400, "UnknownOperationException");
    assert!(
        message.contains("`DynamoDB_20120810.ListTables` is not a WorkMail target"),
        "{message}"
    );
}

#[test]
fn another_workmail_operation_names_the_supported_ones() {
    let server = Server::start(aws_example());
    let message = server
        .call("ListGroups", "{}")
        .error(400, "UnknownOperationException");
    assert!(
        message.starts_with("`ListGroups` is not an operation"),
        "{message}"
    );
    for operation in [
        "GetAccessControlEffect",
        "ListAccessControlRules",
        "PutAccessControlRule",
        "DeleteAccessControlRule",
        "CreateImpersonationRole",
        "UpdateImpersonationRole",
        "GetImpersonationRole",
        "DeleteImpersonationRole",
        "ListImpersonationRoles",
        "AssumeImpersonationRole",
        "GetImpersonationRoleEffect",
    ] {
        assert!(message.contains(operation), "{operation}: {message}");
    }
}

#[test]
fn bodies_that_are_not_json_objects_are_serialization_errors() {
    let server = Server::start(aws_example());
    let message = server
        .call("GetAccessControlEffect", "{\"IpAddress\": ")
        .error(400, "SerializationException");
    assert!(
        message.starts_with("the request body is not JSON: 1:14: "),
        "{message}"
    );
    let message = server
        .call("GetAccessControlEffect", "[]")
        .error(400, "SerializationException");
    assert_eq!(
        message,
        "the request body is an array; a WorkMail request is a JSON object"
    );
    let message = server
        .send(&request(
            "POST",
            "/",
            &[
                ("X-Amz-Target", "WorkMailService.ListAccessControlRules"),
                ("Content-Type", "text/plain"),
            ],
            "{}",
        ))
        .error(415, "SerializationException");
    assert!(message.contains("`text/plain`"), "{message}");
}

#[test]
fn oversized_bodies_are_refused() {
    let server = Server::start(aws_example());
    // Declared too large: refused from the headers, before any of the body is read.
    let declared = b"POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: WorkMailService.PutAccessControlRule\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 1048577\r\n\r\n";
    let reply = server.send(declared);
    let message = reply.error(413, "SerializationException");
    assert!(message.contains("1048576 bytes"), "{message}");
    assert_eq!(reply.header("connection"), Some("close"));

    // Sent in chunks with no declared length: refused once the limit is passed.
    let mut chunked = b"POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: WorkMailService.PutAccessControlRule\r\nContent-Type: application/x-amz-json-1.1\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    let chunk = vec![b' '; 64 * 1024];
    for _ in 0..17 {
        chunked.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        chunked.extend_from_slice(&chunk);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    server.send(&chunked).error(413, "SerializationException");

    // The server still answers.
    assert_eq!(server.call("ListAccessControlRules", "{}").status, 200);
}

#[test]
fn one_connection_carries_several_requests() {
    let server = Server::start(aws_example());
    let keep_alive = b"POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: WorkMailService.ListAccessControlRules\r\nContent-Length: 2\r\n\r\n{}";
    let mut bytes = keep_alive.to_vec();
    bytes.extend_from_slice(&request(
        "POST",
        "/",
        &[("X-Amz-Target", "WorkMailService.GetAccessControlEffect")],
        EFFECT_INPUT,
    ));
    let mut stream = server.connect();
    std::io::Write::write_all(&mut stream, &bytes).unwrap();
    let mut reply = Vec::new();
    std::io::Read::read_to_end(&mut stream, &mut reply).unwrap();
    let replies = parse_reply(&reply);
    assert_eq!(replies.len(), 2);
    assert_eq!(names(&replies[0].json()["Rules"]), ["default", "myRule"]);
    assert_eq!(replies[1].json()["Effect"], "DENY");
}

#[test]
fn garbage_is_refused_and_the_server_keeps_serving() {
    let server = Server::start(aws_example());
    for garbage in [
        &b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"[..],
        b"NOT HTTP AT ALL\r\n\r\n",
        b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: nope\r\n\r\n",
        b"",
    ] {
        let mut stream = server.connect();
        let _ = std::io::Write::write_all(&mut stream, garbage);
        let _ = stream.shutdown(std::net::Shutdown::Write);
        let mut reply = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stream, &mut reply);
        let text = String::from_utf8_lossy(&reply);
        assert!(reply.is_empty() || text.starts_with("HTTP/1.1 4"), "{text}");
    }
    let reply = send(
        server.address,
        &request(
            "POST",
            "/",
            &[("X-Amz-Target", "WorkMailService.ListAccessControlRules")],
            "{}",
        ),
    );
    assert_eq!(reply.status, 200);
}

#[test]
fn a_client_too_slow_with_its_body_gets_408_and_one_too_slow_with_its_headers_is_cut_off() {
    use std::io::{Read, Write};

    let server = Server::start_with(aws_example(), &["--port", "0", "--read-timeout", "1"])
        .expect("the server starts");
    let whole = request(
        "POST",
        "/",
        &[
            ("X-Amz-Target", "WorkMailService.ListAccessControlRules"),
            ("Content-Type", "application/x-amz-json-1.1"),
        ],
        "{}      ",
    );
    // The headers and part of the body, then nothing: the rest never comes.
    let mut stream = server.connect();
    stream
        .write_all(&whole[..whole.len() - 4])
        .expect("the start of the request is sent");
    let mut bytes = Vec::new();
    // The server answers and closes; the test's own read deadline would end in an error.
    stream
        .read_to_end(&mut bytes)
        .expect("the server closes the connection");
    let reply = parse_reply(&bytes).pop().expect("a reply");
    let message = reply.error(408, "SerializationException");
    assert_eq!(
        message,
        "the request body could not be read: it did not arrive within 1 seconds"
    );

    // Half a header block: the server closes the connection without answering it.
    let mut stream = server.connect();
    stream
        .write_all(b"POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Tar")
        .expect("half the headers are sent");
    let mut bytes = Vec::new();
    stream
        .read_to_end(&mut bytes)
        .expect("the server closes the connection");
    assert!(
        !String::from_utf8_lossy(&bytes).contains(" 200 "),
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    // The server still answers others.
    assert_eq!(server.call("ListAccessControlRules", "{}").status, 200);
}
