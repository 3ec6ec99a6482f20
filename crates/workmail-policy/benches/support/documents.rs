//! The two documents every benchmark measures: the AWS CLI documentation's small organization
//! and the largest organization the AWS model allows (10 rules, each with 1,024 `IpRanges`,
//! 1,024 `NotIpRanges` and full action, user and role lists). The core's criterion benchmarks
//! and the npm benchmark's native baseline (`examples/native_baseline.rs`) include this
//! file, so they measure the same documents.

use serde_json::json;
use workmail_policy::Action;

/// The user `myRule` of the small document denies.
pub const DOCUMENTATION_USER: &str = "S-1-1-11-1111111111-2222222222-3333333333-3333";

/// `aws workmail list-access-control-rules` in the AWS CLI documentation: the default rule and
/// `myRule`, which denies [`DOCUMENTATION_USER`].
pub fn small_document() -> String {
    json!({"Rules": [
        {"Name": "default", "Effect": "ALLOW", "Description": "Default WorkMail Rule",
         "DateCreated": 0.0, "DateModified": 0.0},
        {"Name": "myRule", "Effect": "DENY", "Description": "my rule", "UserIds": [DOCUMENTATION_USER],
         "DateCreated": 1_581_635_628.0, "DateModified": 1_581_635_628.0}
    ]})
    .to_string()
}

/// The largest organization the AWS model allows. Rule `r` covers `10+r.0.0.0/14` in `/24`s
/// less their upper halves, names users `S-1-1-11-user-RR-II-0000000000` and roles
/// `role-RR-II-0000000000`.
pub fn largest_document() -> String {
    let ids = |prefix: &str, rule: usize| -> Vec<String> {
        (0..10)
            .map(|i| format!("{prefix}-{rule:02}-{i:02}-0000000000"))
            .collect()
    };
    let rules: Vec<_> = (0..10)
        .map(|rule| {
            let ranges: Vec<String> = (0..1024)
                .map(|i| format!("{}.{}.{}.0/24", 10 + rule, i / 256, i % 256))
                .collect();
            let excluded: Vec<String> = (0..1024)
                .map(|i| format!("{}.{}.{}.128/25", 10 + rule, i / 256, i % 256))
                .collect();
            json!({
                "Name": format!("rule-{rule}"),
                "Effect": if rule % 3 == 0 { "DENY" } else { "ALLOW" },
                "Description": "the largest rule the model allows",
                "IpRanges": ranges, "NotIpRanges": excluded,
                "Actions": Action::ALL.map(Action::as_str), "NotActions": ["SMTP"],
                "UserIds": ids("S-1-1-11-user", rule), "NotUserIds": ids("S-1-1-11-excl", rule),
                "ImpersonationRoleIds": ids("role", rule),
                "NotImpersonationRoleIds": ids("notrole", rule),
            })
        })
        .collect();
    json!({"OrganizationId": "m-0123456789abcdef0123456789abcdef", "AccessControlRules": rules})
        .to_string()
}

/// How many users [`directory_document`]'s directory holds.
pub const DIRECTORY_USERS: usize = 100_000;

/// An organization with a large directory: [`DIRECTORY_USERS`] users as `aws workmail
/// list-users` prints them, the small document's rules, and a rule that denies EWS to every
/// user but ten of them (so the tables name everyone it excepts).
pub fn directory_document() -> String {
    let id = |at: usize| format!("S-1-1-11-1111111111-2222222222-3333333333-{at:07}");
    let users: Vec<_> = (0..DIRECTORY_USERS)
        .map(|at| {
            json!({
                "Id": id(at), "Email": format!("user{at}@example.com"), "Name": format!("user{at}"),
                "DisplayName": format!("User {at}"), "State": "ENABLED", "UserRole": "USER",
                "EnabledDate": 1_581_635_628.0,
            })
        })
        .collect();
    let excepted: Vec<String> = (0..10).map(|at| id(at * 7)).collect();
    json!({
        "AccessControlRules": [
            {"Name": "default", "Effect": "ALLOW", "Description": "Default WorkMail Rule"},
            {"Name": "myRule", "Effect": "DENY", "Description": "my rule", "UserIds": [DOCUMENTATION_USER]},
            {"Name": "ews-for-ten", "Effect": "DENY", "Actions": ["EWS"], "NotUserIds": excepted},
        ],
        "Users": users,
    })
    .to_string()
}
