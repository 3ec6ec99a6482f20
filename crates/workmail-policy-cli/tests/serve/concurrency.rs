//! Many clients at once: changes take turns, so none is lost, and the file ends up holding them
//! all.

use std::thread;

use super::{Server, names};

#[test]
fn concurrent_changes_are_all_kept_in_memory_and_in_the_file() {
    // No rules at all, so all ten rule slots are free.
    let server = Server::start(r#"{"AccessControlRules": []}"#);
    let sorted = |mut list: Vec<String>| {
        list.sort();
        list
    };
    let expected_rules = sorted((0..10).map(|client| format!("client-{client}")).collect());
    let expected_roles = sorted((0..20).map(|role| format!("role-{role}")).collect());
    thread::scope(|scope| {
        // Ten clients each rewrite their own rule five times...
        for client in 0..10 {
            let server = &server;
            scope.spawn(move || {
                for round in 0..5 {
                    let rule = format!(
                        r#"{{"Name": "client-{client}", "Effect": "DENY", "Description": "round {round}", "Actions": ["IMAP"]}}"#
                    );
                    let reply = server.call("PutAccessControlRule", &rule);
                    assert_eq!(reply.status, 200, "{reply:?}");
                }
            });
        }
        // ...while twenty more create a role each.
        for role in 0..20 {
            let server = &server;
            scope.spawn(move || {
                let request = format!(
                    r#"{{"Name": "role-{role}", "Type": "READ_ONLY", "Rules": [{{"ImpersonationRuleId": "all", "Effect": "ALLOW"}}]}}"#
                );
                let reply = server.call("CreateImpersonationRole", &request);
                assert_eq!(reply.status, 200, "{reply:?}");
            });
        }
    });

    let rules = server.call("ListAccessControlRules", "{}").json();
    assert_eq!(sorted(names(&rules["Rules"])), expected_rules);
    assert!(
        rules["Rules"]
            .as_array()
            .unwrap()
            .iter()
            .all(|rule| rule["Description"] == "round 4"),
        "{rules}"
    );
    let roles = server.call("ListImpersonationRoles", "{}").json();
    assert_eq!(sorted(names(&roles["Roles"])), expected_roles);

    let saved = server.saved();
    assert_eq!(sorted(names(&saved["AccessControlRules"])), expected_rules);
    assert!(
        saved["AccessControlRules"]
            .as_array()
            .unwrap()
            .iter()
            .all(|rule| rule["Description"] == "round 4")
    );
    assert_eq!(sorted(names(&saved["ImpersonationRoles"])), expected_roles);

    // One more would pass the limits; the limits see every change.
    server
        .call(
            "PutAccessControlRule",
            r#"{"Name": "one-more", "Effect": "DENY", "Description": ""}"#,
        )
        .error(400, "LimitExceededException");
}
