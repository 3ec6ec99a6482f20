//! Saving: every successful change is in the file before it is answered; nothing else writes
//! it; a change that cannot be saved is not applied.

use std::fs;

use super::{Server, names};
use crate::support::{PUT_IMAP_DENY, aws_example};

#[test]
fn a_change_is_in_the_file_when_it_is_answered() {
    let server = Server::start(aws_example());
    let reply = server.call("PutAccessControlRule", PUT_IMAP_DENY);
    assert_eq!(reply.status, 200, "{reply:?}");
    // Raw `list-access-control-rules` output is saved as a whole organization document.
    let saved = server.saved();
    assert_eq!(
        names(&saved["AccessControlRules"]),
        ["default", "myRule", "no-imap"]
    );
    assert!(saved.get("Rules").is_none());
    let folder = server.file.parent().unwrap();
    assert_eq!(
        fs::read_dir(folder).unwrap().count(),
        1,
        "no temporary file is left behind"
    );

    let reply = server.call("DeleteAccessControlRule", r#"{"Name": "myRule"}"#);
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(
        names(&server.saved()["AccessControlRules"]),
        ["default", "no-imap"]
    );
}

#[test]
fn reads_and_refused_changes_leave_the_file_byte_for_byte() {
    let server = Server::start(aws_example());
    let before = fs::read(&server.file).unwrap();
    assert_eq!(server.call("ListAccessControlRules", "{}").status, 200);
    assert_eq!(server.call("ListImpersonationRoles", "{}").status, 200);
    server
        .call(
            "PutAccessControlRule",
            r#"{"Name": "bad name", "Effect": "DENY", "Description": ""}"#,
        )
        .error(400, "InvalidParameterException");
    server
        .call("PutAccessControlRule", "not json")
        .error(400, "SerializationException");
    assert_eq!(fs::read(&server.file).unwrap(), before);
}

#[test]
fn impersonation_tokens_and_client_tokens_are_saved_as_emulator_state() {
    let server = Server::start(aws_example());
    let role = r#"{"ClientToken": "once", "Name": "auditor", "Type": "READ_ONLY", "Rules": [{"ImpersonationRuleId": "all", "Effect": "ALLOW"}]}"#;
    let id = server.call("CreateImpersonationRole", role).json()["ImpersonationRoleId"].clone();
    let request = format!(r#"{{"ImpersonationRoleId": {id}}}"#);
    assert_eq!(server.call("AssumeImpersonationRole", &request).status, 200);
    let saved = server.saved();
    assert_eq!(saved["Emulator"]["ClientTokens"][0]["ClientToken"], "once");
    assert_eq!(
        saved["Emulator"]["ImpersonationTokens"][0]["ImpersonationRoleId"],
        id
    );
}

#[test]
fn a_change_that_cannot_be_saved_is_a_server_error_and_is_not_applied() {
    let server = Server::start(aws_example());
    fs::remove_file(&server.file).unwrap();
    let message = server
        .call("PutAccessControlRule", PUT_IMAP_DENY)
        .error(500, "InternalFailure");
    assert!(
        message.starts_with("the change was not applied: cannot save `"),
        "{message}"
    );
    let rules = server.call("ListAccessControlRules", "{}").json();
    assert_eq!(names(&rules["Rules"]), ["default", "myRule"]);

    // Once the file can be written again, the next change saves the whole organization.
    fs::write(&server.file, "{}").unwrap();
    let reply = server.call("PutAccessControlRule", PUT_IMAP_DENY);
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(
        names(&server.saved()["AccessControlRules"]),
        ["default", "myRule", "no-imap"]
    );
}
