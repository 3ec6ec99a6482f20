//! `workmail-policy table`: the core's table in each format, and which part each prints.

use serde_json::{Value, json};

use super::{JANE, run_with_org};
use crate::support::{Output, members, run_in};

const TEXT: &str = "\
ALLOW  any action except IMAP  from any IP  for any user  [default]
DENY   IMAP  from any IP except 192.0.2.0/24  for any user  [office-imap]
ALLOW  IMAP  from 192.0.2.0/24  for any user  [default]
ALLOW  EWS  from any IP  for any role  [default]

role `archiver` \"archiver\" (READ_ONLY)
    ALLOW  `S-1-1-11-1111111111-2222222222-3333333333-1002`  [not-ceo]
    DENY   `S-1-1-11-1111111111-2222222222-3333333333-1001`  [(none)]
";

fn table(extra: &[&str]) -> Output {
    run_with_org(&[&["table", "--org", "org.json"], extra].concat())
}

#[test]
fn text_shows_both_tables_without_colour_when_piped() {
    assert_eq!(table(&[]).all(), (0, TEXT, ""));
    assert_eq!(
        table(&["--output", "text", "--part", "both"]).all(),
        (0, TEXT, "")
    );
    let access = table(&["--part", "access-control"]);
    assert_eq!(
        access.stdout,
        TEXT.split("\n\n").next().unwrap().to_owned() + "\n"
    );
    let roles = table(&["--part", "impersonation"]);
    assert!(
        roles.stdout.starts_with("role `archiver`"),
        "{}",
        roles.stdout
    );
}

#[test]
fn json_is_the_list_of_rows_the_issue_specifies() {
    let out = table(&["--output", "json"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert!(
        out.stdout
            .starts_with("[\n    {\n        \"IpRanges\": [\n"),
        "{}",
        out.stdout
    );
    let rows: Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    for row in rows {
        let keys = members(row);
        assert_eq!(
            keys,
            [
                "IpRanges",
                "Actions",
                "Principals",
                "Effect",
                "MatchedRules"
            ]
        );
    }
    assert_eq!(rows[2]["IpRanges"], json!(["192.0.2.0/24"]));
    assert_eq!(rows[2]["Actions"], json!(["IMAP"]));
    assert_eq!(
        rows[2]["Principals"],
        json!([
            {"UserId": "S-1-1-11-1111111111-2222222222-3333333333-1001"},
            {"UserId": JANE},
            {"OtherUser": true}
        ])
    );
    assert_eq!(
        rows[3]["Principals"],
        json!([{"ImpersonationRoleId": "archiver"}, {"OtherRole": true}])
    );
    assert_eq!(
        table(&["--output", "json", "--part", "access-control"]).stdout,
        out.stdout
    );
}

#[test]
fn json_of_all_parts_is_one_object() {
    let out = table(&["--output", "json", "--part", "all"]);
    assert_eq!(
        table(&["--output", "json", "--part", "both"]).stdout,
        out.stdout,
        "`both` is the earlier name of `all`"
    );
    let value: Value = serde_json::from_str(&out.stdout).unwrap();
    let keys = members(&value);
    assert_eq!(
        keys,
        ["AccessControl", "Impersonation", "MobileDeviceAccess"]
    );
    assert_eq!(value["AccessControl"].as_array().unwrap().len(), 4);
    assert_eq!(value["Impersonation"][0]["ImpersonationRoleId"], "archiver");
    let roles = table(&["--output", "json", "--part", "impersonation"]);
    let roles: Value = serde_json::from_str(&roles.stdout).unwrap();
    assert_eq!(roles, value["Impersonation"]);
}

#[test]
fn markdown_and_csv() {
    let markdown = table(&["--output", "markdown"]);
    assert_eq!(markdown.code, 0);
    assert!(markdown.stdout.starts_with(
        "## Access control\n\n| Effect | Actions | Principals | IP ranges | MatchedRules |\n|---|---|---|---|---|\n| ALLOW | any action except IMAP | any user | any IP | default |\n"
    ), "{}", markdown.stdout);
    assert!(markdown.stdout.contains(
        "\n## Impersonation\n\n| Role | Type | Effect | Target users | MatchedRules |\n"
    ));

    let csv = table(&["--output", "csv"]);
    assert_eq!(csv.code, 0);
    // RFC 4180 records end with CRLF.
    assert!(csv.stdout.ends_with(",ALLOW,default\r\n"));
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0], "IpRanges,Actions,Principals,Effect,MatchedRules");
    assert_eq!(
        lines[4],
        "0.0.0.0/0,EWS,ImpersonationRoleId:archiver OtherRole,ALLOW,default"
    );
    let roles = table(&["--output", "csv", "--part", "impersonation"]);
    assert_eq!(
        roles.all(),
        (
            0,
            "ImpersonationRoleId,Type,Effect,TargetUsers,AllUsersExcept,MatchedRules\r\n\
             archiver,READ_ONLY,ALLOW,S-1-1-11-1111111111-2222222222-3333333333-1002,,not-ceo\r\n\
             archiver,READ_ONLY,DENY,S-1-1-11-1111111111-2222222222-3333333333-1001,,\r\n",
            ""
        )
    );
}

#[test]
fn csv_of_all_tables_is_refused() {
    let out = table(&["--output", "csv", "--part", "all"]);
    assert_eq!(
        out.all(),
        (
            252,
            "",
            "error: `--output csv` prints one table; add `--part access-control`, `--part impersonation` or `--part mobile-device-access`\n"
        )
    );
}

#[test]
fn the_mobile_part_cuts_devices_by_the_rules_entries() {
    let doc = r#"{"MobileDeviceAccessRules": [
        {"MobileDeviceAccessRuleId": "old-ios", "Name": "Old iOS", "Effect": "DENY", "DeviceOperatingSystems": ["iOS 1"], "NotDeviceOperatingSystems": ["iOS 16.", "iOS 17."]},
        {"MobileDeviceAccessRuleId": "phones", "Name": "Phones", "Effect": "ALLOW", "DeviceTypes": ["iPhone"]}]}"#;
    let out = run_in(&[("org.json", doc)], &["table", "--org", "org.json"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.ends_with(
            "\nDENY   any type  ·  any model  ·  OS \"iOS 1\"… but not \"iOS 16.\"…, \"iOS 17.\"…  ·  any user agent  [old-ios \"Old iOS\"]\n\
             ALLOW  type \"iPhone\"…  ·  any model  ·  OS not reported or \"iOS 16.\"… or \"iOS 17.\"… or anything else  ·  any user agent  [phones \"Phones\"]\n\
             DENY   type not reported or anything else  ·  any model  ·  OS not reported or \"iOS 16.\"… or \"iOS 17.\"… or anything else  ·  any user agent  []\n"
        ),
        "{}",
        out.stdout
    );
    let csv = run_in(
        &[("org.json", doc)],
        &[
            "table",
            "--org",
            "org.json",
            "--output",
            "csv",
            "--part",
            "mobile-device-access",
        ],
    );
    assert_eq!(csv.code, 0, "{csv:?}");
    assert_eq!(csv.stdout.lines().count(), 4);
    let json = run_in(
        &[("org.json", doc)],
        &[
            "table",
            "--org",
            "org.json",
            "--output",
            "json",
            "--part",
            "mobile-device-access",
        ],
    );
    let rows: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        rows[0]["MatchedRules"],
        json!([{"MobileDeviceAccessRuleId": "old-ios", "Name": "Old iOS"}])
    );
}

#[test]
fn who_can_reach_imap_from_an_address() {
    // The example of `table --help`.
    assert_eq!(
        table(&["--action", "IMAP", "--ip", "198.51.100.7"]).all(),
        (
            0,
            "DENY   IMAP  from 198.51.100.7/32  for any user  [office-imap]\n",
            ""
        )
    );
    let office = table(&[
        "--action",
        "IMAP",
        "--action",
        "SMTP",
        "--ip",
        "192.0.2.0/25",
    ]);
    assert_eq!(
        office.all(),
        (
            0,
            "ALLOW  SMTP  from 192.0.2.0/25  for any user  [default]\n\
             ALLOW  IMAP  from 192.0.2.0/25  for any user  [default]\n",
            ""
        )
    );
}

#[test]
fn filters_print_in_every_format() {
    let filters = [
        "--user-id",
        "jane@example.com",
        "--action",
        "IMAP",
        "--effect",
        "DENY",
    ];
    let text = table(&filters);
    assert_eq!(
        text.all(),
        (
            0,
            "DENY   IMAP  from any IP except 192.0.2.0/24  for user `S-1-1-11-1111111111-2222222222-3333333333-1002`  [office-imap]\n",
            ""
        )
    );
    let json = table(&[&filters[..], &["--output", "json"]].concat());
    let rows: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        rows,
        json!([{
            "IpRanges": ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/23", "192.0.3.0/24", "192.0.4.0/22",
                "192.0.8.0/21", "192.0.16.0/20", "192.0.32.0/19", "192.0.64.0/18", "192.0.128.0/17",
                "192.1.0.0/16", "192.2.0.0/15", "192.4.0.0/14", "192.8.0.0/13", "192.16.0.0/12",
                "192.32.0.0/11", "192.64.0.0/10", "192.128.0.0/9", "193.0.0.0/8", "194.0.0.0/7",
                "196.0.0.0/6", "200.0.0.0/5", "208.0.0.0/4", "224.0.0.0/3"],
            "Actions": ["IMAP"],
            "Principals": [{"UserId": "S-1-1-11-1111111111-2222222222-3333333333-1002"}],
            "Effect": "DENY",
            "MatchedRules": ["office-imap"]
        }])
    );
    let csv = table(&[&filters[..], &["--output", "csv"]].concat());
    assert_eq!(csv.code, 0, "{csv:?}");
    assert_eq!(csv.stdout.lines().count(), 2, "{}", csv.stdout);
    assert!(
        csv.stdout.contains(
            ",IMAP,UserId:S-1-1-11-1111111111-2222222222-3333333333-1002,DENY,office-imap"
        ),
        "{}",
        csv.stdout
    );
    let markdown = table(&[&filters[..], &["--output", "markdown"]].concat());
    assert_eq!(
        markdown.stdout,
        "## Access control\n\n| Effect | Actions | Principals | IP ranges | MatchedRules |\n|---|---|---|---|---|\n\
         | DENY | IMAP | user `S-1-1-11-1111111111-2222222222-3333333333-1002` | any IP except 192.0.2.0/24 | office-imap |\n"
    );
}

#[test]
fn impersonation_filters_keep_the_roles_and_targets_asked_about() {
    let out = table(&[
        "--impersonation-role-id",
        "archiver",
        "--target-user",
        "ceo",
    ]);
    assert_eq!(
        out.all(),
        (
            0,
            "role `archiver` \"archiver\" (READ_ONLY)\n    DENY   `S-1-1-11-1111111111-2222222222-3333333333-1001`  [(none)]\n",
            ""
        )
    );
    let roles = table(&[
        "--impersonation-role-id",
        "archiver",
        "--part",
        "access-control",
    ]);
    assert_eq!(
        roles.all(),
        (
            0,
            "ALLOW  EWS  from any IP  for role `archiver`  [default]\n",
            ""
        )
    );
    let nothing = table(&["--effect", "DENY", "--action", "EWS"]);
    assert_eq!(nothing.all(), (0, "no access request matches\n", ""));
}

#[test]
fn a_question_that_cannot_be_asked_exits_252() {
    let cases: [(&[&str], &str); 7] = [
        (
            &["--action", "imap"],
            "error: `--action`: `imap` is not an action\n  help: write it as AWS does: `IMAP`\n",
        ),
        (
            &["--ip", "198.51.100.0/33"],
            "error: `--ip`: `198.51.100.0/33` is not an IPv4 address or CIDR range\n  help: write an address such as `198.51.100.7` or a range such as `198.51.100.0/24`\n",
        ),
        (
            &["--impersonation-role-id", "auditor"],
            "error: `--impersonation-role-id`: impersonation role `auditor` does not exist in the organization\n  help: give the `ImpersonationRoleId` of one of the document's roles\n",
        ),
        (
            &["--user-id", "archiver"],
            "error: `--user-id`: `archiver` is an impersonation role, not a user\n  help: ask about a role with `--impersonation-role-id`\n",
        ),
        (
            &["--user-id", "john@example.com"],
            "error: `--user-id`: no user `john@example.com` in the document's `Users`\n  help: give a user ID, an email or a user name of the directory\n",
        ),
        (
            &["--effect", "allow"],
            "error: `--effect`: `allow` is not an effect\n  help: the effects are ALLOW and DENY\n",
        ),
        (
            &["--part", "impersonation", "--ip", "192.0.2.1"],
            "error: `--ip`: the impersonation table has no `--ip`\n  help: filter the impersonation table by `--impersonation-role-id`, `--target-user` and `--effect`\n",
        ),
    ];
    for (filters, stderr) in cases {
        assert_eq!(table(filters).all(), (252, "", stderr), "{filters:?}");
    }
}
