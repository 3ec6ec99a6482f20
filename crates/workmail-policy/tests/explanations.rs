//! What an explanation says: for each condition kind, each kind of principal and each finding,
//! the words, the verdict and the basis of the step, and what each rendered line of an access
//! or impersonation explanation holds. The decision tests pin the answers; these pin the reasons
//! given for them.

use serde_json::{Value, json};
use workmail_policy::directory::Directory;
use workmail_policy::eval::access::{
    AccessCondition, ConditionExplanation, DecisionReason, Finding, explain,
};
use workmail_policy::eval::impersonation::{self, Target};
use workmail_policy::{
    AccessControlRule, AccessRequest, Action, Basis, Decision, ImpersonationRole, Principal,
    Source, User,
};

const JANE: &str = "S-1-1-11-1111111111-2222222222-3333333333-1001";
const JOHN: &str = "S-1-1-11-1111111111-2222222222-3333333333-1002";

#[expect(
    clippy::expect_used,
    reason = "a test rule that does not parse is a broken test"
)]
fn rule(name: &str, effect: &str, conditions: &Value) -> AccessControlRule {
    let mut rule = json!({"Name": name, "Effect": effect});
    if let (Some(rule), Some(conditions)) = (rule.as_object_mut(), conditions.as_object()) {
        rule.extend(conditions.clone());
    }
    serde_json::from_value(rule).expect("a valid rule")
}

#[expect(clippy::expect_used, reason = "test addresses are literals")]
fn user(ip: &str, action: Action, id: &str) -> AccessRequest {
    AccessRequest {
        ip_address: ip.parse().expect("an IPv4 address"),
        action,
        principal: Principal::UserId(id.to_owned()),
    }
}

#[expect(clippy::expect_used, reason = "test addresses are literals")]
fn role(ip: &str, id: &str) -> AccessRequest {
    AccessRequest {
        ip_address: ip.parse().expect("an IPv4 address"),
        action: Action::Ews,
        principal: Principal::ImpersonationRoleId(id.to_owned()),
    }
}

/// The explanation of `condition` in a rule that sets only `conditions`, for `request`.
#[expect(clippy::expect_used, reason = "every rule explains every condition")]
fn step(
    conditions: &Value,
    condition: AccessCondition,
    request: &AccessRequest,
) -> ConditionExplanation {
    let rule = rule("r", "ALLOW", conditions);
    explain([&rule], request)
        .rules
        .into_iter()
        .flat_map(|rule| rule.conditions)
        .find(|step| step.condition == condition)
        .expect("the condition is explained")
}

const API: Basis = Basis::Documented(Source::ApiReference);
const D5: Basis = Basis::Decided(Decision::D5);

#[test]
fn each_condition_is_named_as_its_member_and_counts_its_entries() {
    let members = [
        ("IpRanges", json!(["10.0.0.0/8"])),
        ("NotIpRanges", json!(["10.0.0.0/8", "10.1.0.0/16"])),
        ("Actions", json!(["IMAP", "SMTP", "EWS"])),
        ("NotActions", json!(["IMAP", "SMTP", "EWS", "WebMail"])),
        ("UserIds", json!(["u1", "u2", "u3", "u4", "u5"])),
        ("NotUserIds", json!(["u1", "u2", "u3", "u4", "u5", "u6"])),
        (
            "ImpersonationRoleIds",
            json!(["r1", "r2", "r3", "r4", "r5", "r6", "r7"]),
        ),
        (
            "NotImpersonationRoleIds",
            json!(["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"]),
        ),
    ];
    let conditions: serde_json::Map<String, Value> = members
        .iter()
        .map(|(member, entries)| ((*member).to_owned(), entries.clone()))
        .collect();
    let every = rule("every", "DENY", &Value::Object(conditions));
    let none = rule("none", "DENY", &json!({}));
    for (condition, (member, entries)) in AccessCondition::ALL.into_iter().zip(&members) {
        assert_eq!(condition.as_str(), *member);
        let listed = entries.as_array().map_or(0, Vec::len);
        assert_eq!(condition.len_in(&every), listed, "{member}");
        assert_eq!(condition.len_in(&none), 0, "{member}");
    }
}

#[test]
fn an_ip_in_a_range_names_the_range_as_written() {
    let step = step(
        &json!({"IpRanges": ["192.0.2.0/24", "10.0.0.0/8"]}),
        AccessCondition::IpRanges,
        &user("10.1.2.3", Action::Imap, JANE),
    );
    assert!(step.holds);
    assert_eq!(
        step.finding,
        Finding::IpInRange {
            range: "10.0.0.0/8".into(),
            masked_to: None
        }
    );
    assert_eq!(step.describe(), "the IP is in `10.0.0.0/8`");
    assert_eq!(step.basis, API);
}

#[test]
fn a_range_with_host_bits_says_what_it_was_matched_as_and_rests_on_d8() {
    let step = step(
        &json!({"IpRanges": ["10.1.2.3/8"]}),
        AccessCondition::IpRanges,
        &user("10.7.7.7", Action::Imap, JANE),
    );
    assert!(step.holds);
    assert_eq!(
        step.describe(),
        "the IP is in `10.1.2.3/8` (matched as `10.0.0.0/8`)"
    );
    assert_eq!(step.basis, Basis::Decided(Decision::D8));
}

#[test]
fn an_ip_in_no_range_says_how_many_ranges_were_checked() {
    let request = user("203.0.113.9", Action::Imap, JANE);
    let one = step(
        &json!({"IpRanges": ["10.0.0.0/8"]}),
        AccessCondition::IpRanges,
        &request,
    );
    assert!(!one.holds);
    assert_eq!(one.finding, Finding::IpInNoRange { count: 1 });
    assert_eq!(one.describe(), "the IP is not in the range");
    assert_eq!(one.basis, API);
    let three = step(
        &json!({"IpRanges": ["10.0.0.0/8", "192.0.2.0/24", "198.51.100.0/24"]}),
        AccessCondition::IpRanges,
        &request,
    );
    assert_eq!(three.describe(), "the IP is in none of the 3 ranges");
}

#[test]
fn not_ip_ranges_report_the_range_that_excludes_and_hold_outside_every_range() {
    let conditions = json!({"NotIpRanges": ["192.0.2.0/24", "10.9.9.9/8"]});
    let inside = step(
        &conditions,
        AccessCondition::NotIpRanges,
        &user("10.1.1.1", Action::Imap, JANE),
    );
    assert!(!inside.holds);
    assert_eq!(
        inside.finding,
        Finding::IpInRange {
            range: "10.9.9.9/8".into(),
            masked_to: Some("10.0.0.0/8".into())
        }
    );
    assert_eq!(inside.basis, Basis::Decided(Decision::D8));
    let outside = step(
        &conditions,
        AccessCondition::NotIpRanges,
        &user("203.0.113.9", Action::Imap, JANE),
    );
    assert!(outside.holds);
    assert_eq!(outside.finding, Finding::IpInNoRange { count: 2 });
    assert_eq!(outside.describe(), "the IP is in none of the 2 ranges");
    assert_eq!(outside.basis, API);
}

#[test]
fn action_conditions_say_whether_the_action_is_listed() {
    let listed = user("192.0.2.1", Action::Imap, JANE);
    let unlisted = user("192.0.2.1", Action::Ews, JANE);
    for (condition, conditions, holds_when_listed) in [
        (AccessCondition::Actions, json!({"Actions": ["IMAP"]}), true),
        (
            AccessCondition::NotActions,
            json!({"NotActions": ["IMAP"]}),
            false,
        ),
    ] {
        let found = step(&conditions, condition, &listed);
        assert_eq!(found.finding, Finding::ActionListed, "{condition:?}");
        assert_eq!(found.describe(), "the action is listed");
        assert_eq!(found.holds, holds_when_listed, "{condition:?}");
        assert_eq!(found.basis, API);
        let missing = step(&conditions, condition, &unlisted);
        assert_eq!(missing.finding, Finding::ActionNotListed, "{condition:?}");
        assert_eq!(missing.describe(), "the action is not listed");
        assert_eq!(missing.holds, !holds_when_listed, "{condition:?}");
        assert_eq!(missing.basis, API);
    }
}

#[test]
fn user_conditions_speak_of_the_user() {
    for (condition, member, holds_when_listed) in [
        (AccessCondition::UserIds, "UserIds", true),
        (AccessCondition::NotUserIds, "NotUserIds", false),
    ] {
        let conditions = json!({ member: [JANE] });
        let listed = step(
            &conditions,
            condition,
            &user("192.0.2.1", Action::Imap, JANE),
        );
        assert_eq!(listed.finding, Finding::PrincipalListed);
        assert_eq!(listed.describe(), "the user is listed", "{member}");
        assert_eq!(listed.holds, holds_when_listed, "{member}");
        assert_eq!(listed.basis, API);
        let other = step(
            &conditions,
            condition,
            &user("192.0.2.1", Action::Imap, JOHN),
        );
        assert_eq!(other.finding, Finding::PrincipalNotListed);
        assert_eq!(other.describe(), "the user is not listed", "{member}");
        assert_eq!(other.holds, !holds_when_listed, "{member}");
        assert_eq!(other.basis, API);
        let a_role = step(&conditions, condition, &role("192.0.2.1", "archiver"));
        assert_eq!(a_role.finding, Finding::OtherPrincipalKind);
        assert_eq!(
            a_role.describe(),
            "the request is an impersonation role, not a user",
            "{member}"
        );
        assert_eq!(a_role.holds, !holds_when_listed, "{member}");
        assert_eq!(a_role.basis, D5);
    }
}

#[test]
fn role_conditions_speak_of_the_impersonation_role() {
    for (condition, member, holds_when_listed) in [
        (
            AccessCondition::ImpersonationRoleIds,
            "ImpersonationRoleIds",
            true,
        ),
        (
            AccessCondition::NotImpersonationRoleIds,
            "NotImpersonationRoleIds",
            false,
        ),
    ] {
        let conditions = json!({ member: ["archiver"] });
        let listed = step(&conditions, condition, &role("192.0.2.1", "archiver"));
        assert_eq!(listed.finding, Finding::PrincipalListed);
        assert_eq!(
            listed.describe(),
            "the impersonation role is listed",
            "{member}"
        );
        assert_eq!(listed.holds, holds_when_listed, "{member}");
        let other = step(&conditions, condition, &role("192.0.2.1", "auditor"));
        assert_eq!(other.finding, Finding::PrincipalNotListed);
        assert_eq!(
            other.describe(),
            "the impersonation role is not listed",
            "{member}"
        );
        assert_eq!(other.holds, !holds_when_listed, "{member}");
        let a_user = step(
            &conditions,
            condition,
            &user("192.0.2.1", Action::Ews, JANE),
        );
        assert_eq!(a_user.finding, Finding::OtherPrincipalKind);
        assert_eq!(
            a_user.describe(),
            "the request is a user, not an impersonation role",
            "{member}"
        );
        assert_eq!(a_user.holds, !holds_when_listed, "{member}");
        assert_eq!(a_user.basis, D5);
    }
}

#[test]
fn an_empty_list_is_no_condition_whatever_its_kind() {
    let request = user("192.0.2.1", Action::Imap, JANE);
    for condition in AccessCondition::ALL {
        let step = step(&json!({}), condition, &request);
        assert!(step.holds, "{condition:?}");
        assert_eq!(step.finding, Finding::NoCondition);
        assert_eq!(step.describe(), "empty, so no condition", "{condition:?}");
        assert_eq!(step.basis, D5);
    }
}

#[test]
fn findings_read_on_their_own_without_the_kind_of_principal() {
    let said = [
        (Finding::NoCondition, "empty, so no condition"),
        (
            Finding::IpInRange {
                range: "10.1.2.3/8".into(),
                masked_to: Some("10.0.0.0/8".into()),
            },
            "the IP is in `10.1.2.3/8` (matched as `10.0.0.0/8`)",
        ),
        (
            Finding::IpInRange {
                range: "10.0.0.0/8".into(),
                masked_to: None,
            },
            "the IP is in `10.0.0.0/8`",
        ),
        (
            Finding::IpInNoRange { count: 1 },
            "the IP is not in the range",
        ),
        (
            Finding::IpInNoRange { count: 4 },
            "the IP is in none of the 4 ranges",
        ),
        (Finding::ActionListed, "the action is listed"),
        (Finding::ActionNotListed, "the action is not listed"),
        (Finding::PrincipalListed, "the principal is listed"),
        (Finding::PrincipalNotListed, "the principal is not listed"),
        (
            Finding::OtherPrincipalKind,
            "the list names the other kind of principal than the request's",
        ),
    ];
    for (finding, words) in said {
        assert_eq!(finding.to_string(), words);
    }
}

#[test]
fn a_reason_shown_on_its_own_is_worded_for_access() {
    assert_eq!(
        DecisionReason::DenyRuleMatched.to_string(),
        "a DENY rule matched, and DENY takes precedence over ALLOW"
    );
    assert_eq!(
        DecisionReason::AllowRuleMatched.to_string(),
        "ALLOW rules matched and no DENY rule did"
    );
    assert_eq!(
        DecisionReason::NoRuleMatched.to_string(),
        "no rule matched, so access is denied by default"
    );
}

#[test]
fn a_rendered_explanation_shows_the_answer_then_each_rule_and_its_set_conditions() {
    let rules = [
        rule("default", "ALLOW", &json!({})),
        rule(
            "office-imap",
            "DENY",
            &json!({"IpRanges": ["192.0.2.0/24"], "Actions": ["IMAP"], "NotUserIds": [JOHN]}),
        ),
    ];
    let text = explain(&rules, &user("192.0.2.7", Action::Imap, JANE)).to_string();
    let expected = format!(
        "DENY  for user `{JANE}` from 192.0.2.7 using IMAP
MatchedRules: office-imap
Why: a DENY rule matched, and DENY takes precedence over ALLOW  [documented: AWS CLI Command Reference: workmail examples]

✓ default (ALLOW) matched
    no conditions: the rule matches every request  [decision D5]

✓ office-imap (DENY) matched  <- deciding
    IpRanges                 holds  the IP is in `192.0.2.0/24`  [documented: Amazon WorkMail API Reference]
    Actions                  holds  the action is listed  [documented: Amazon WorkMail API Reference]
    NotUserIds               holds  the user is not listed  [documented: Amazon WorkMail API Reference]
    empty, so no condition: NotIpRanges, NotActions, UserIds, ImpersonationRoleIds, NotImpersonationRoleIds  [decision D5]
"
    );
    assert_eq!(text, expected);
}

#[test]
fn a_rendered_explanation_without_a_match_says_none_matched() {
    let rules = [
        rule("imap-only", "ALLOW", &json!({"Actions": ["IMAP"]})),
        rule("smtp-only", "ALLOW", &json!({"Actions": ["SMTP"]})),
    ];
    let text = explain(&rules, &role("192.0.2.7", "archiver")).to_string();
    let expected = "DENY  for impersonation role `archiver` from 192.0.2.7 using EWS
MatchedRules: (none)
Why: no rule matched, so access is denied by default  [documented: Amazon WorkMail Administrator Guide: Working with access control rules]

✗ imap-only (ALLOW) did not match
    Actions                  fails  the action is not listed  [documented: Amazon WorkMail API Reference]
    empty, so no condition: IpRanges, NotIpRanges, NotActions, UserIds, NotUserIds, ImpersonationRoleIds, NotImpersonationRoleIds  [decision D5]

✗ smtp-only (ALLOW) did not match
    Actions                  fails  the action is not listed  [documented: Amazon WorkMail API Reference]
    empty, so no condition: IpRanges, NotIpRanges, NotActions, UserIds, NotUserIds, ImpersonationRoleIds, NotImpersonationRoleIds  [decision D5]
";
    assert_eq!(text, expected);
}

#[test]
fn a_rendered_explanation_lists_every_matching_allow_rule_and_no_empty_line_when_all_are_set() {
    let every = json!({
        "IpRanges": ["0.0.0.0/0"],
        "NotIpRanges": ["10.0.0.0/8"],
        "Actions": ["EWS"],
        "NotActions": ["IMAP"],
        "UserIds": [JANE],
        "NotUserIds": [JOHN],
        "ImpersonationRoleIds": ["archiver"],
        "NotImpersonationRoleIds": ["auditor"],
    });
    let rules = [
        rule("all-set", "ALLOW", &every),
        rule("default", "ALLOW", &json!({})),
    ];
    let text = explain(&rules, &user("192.0.2.7", Action::Ews, JANE)).to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[1], "MatchedRules: default");
    assert_eq!(
        lines[2],
        "Why: ALLOW rules matched and no DENY rule did  [decision D6]"
    );
    assert_eq!(lines[4], "✗ all-set (ALLOW) did not match");
    let conditions = &lines[5..13];
    let named: Vec<&str> = conditions
        .iter()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    let members: Vec<&str> = AccessCondition::ALL.map(AccessCondition::as_str).to_vec();
    assert_eq!(named, members);
    assert_eq!(
        lines[11],
        "    ImpersonationRoleIds     fails  the request is a user, not an impersonation role  [decision D5]"
    );
    assert_eq!(lines[13], "");
    assert_eq!(lines[14], "✓ default (ALLOW) matched  <- deciding");
    let both = [
        rule("a", "ALLOW", &json!({})),
        rule("b", "ALLOW", &json!({})),
    ];
    let text = explain(&both, &user("192.0.2.7", Action::Ews, JANE)).to_string();
    assert_eq!(text.lines().nth(1), Some("MatchedRules: a, b"));
}

fn directory_users() -> Vec<User> {
    serde_json::from_value(json!([
        {"Id": JANE, "Email": "jane@example.com", "Name": "jane"},
        {"Id": JOHN, "Email": "john@example.com", "Name": "john"}
    ]))
    .unwrap_or_default()
}

#[expect(
    clippy::expect_used,
    reason = "a test role that does not parse is a broken test"
)]
fn impersonation_role(rules: Value) -> ImpersonationRole {
    serde_json::from_value(json!({
        "ImpersonationRoleId": "archiver", "Name": "Archiver", "Type": "READ_ONLY", "Rules": rules
    }))
    .expect("a valid role")
}

#[test]
fn a_rendered_impersonation_explanation_names_each_entry_and_how_it_resolved() {
    let users = directory_users();
    let directory = Directory::new(Some(&users));
    let role = impersonation_role(json!([
        {"ImpersonationRuleId": "everyone", "Effect": "ALLOW"},
        {"ImpersonationRuleId": "not-jane", "Name": "Not Jane", "Effect": "DENY",
         "TargetUsers": ["ghost", "JANE@example.com"], "NotTargetUsers": ["nobody", "john"]}
    ]));
    let target = Target::resolve("jane", directory);
    let text = impersonation::explain(&role, &target, directory).to_string();
    let expected = format!(
        "DENY  for role `archiver` (READ_ONLY) impersonating `jane` (user `{JANE}`, by user name)
MatchedRules: not-jane
Why: a DENY rule matched, and DENY takes precedence over ALLOW  [documented: Amazon WorkMail Administrator Guide: Managing impersonation roles]

✓ everyone (ALLOW) matched
    TargetUsers      holds  absent, so no condition  [documented: Amazon WorkMail Administrator Guide: Managing impersonation roles]
    NotTargetUsers   holds  absent, so no condition  [documented: Amazon WorkMail Administrator Guide: Managing impersonation roles]

✓ not-jane \"Not Jane\" (DENY) matched  <- deciding
    TargetUsers      holds  `JANE@example.com` names the target (by email)  [decision D13]
    NotTargetUsers   holds  no entry names the target (`nobody` name no user)  [decision D17]
"
    );
    assert_eq!(text, expected);
}

#[test]
fn a_rendered_impersonation_explanation_without_a_directory_compares_texts() {
    let directory = Directory::new(None);
    let role = impersonation_role(json!([
        {"ImpersonationRuleId": "jane-only", "Effect": "ALLOW", "TargetUsers": ["jane", "ghost"]},
        {"ImpersonationRuleId": "not-john", "Effect": "ALLOW", "NotTargetUsers": ["john"]}
    ]));
    let text =
        impersonation::explain(&role, &Target::resolve("john", directory), directory).to_string();
    let expected = "DENY  for role `archiver` (READ_ONLY) impersonating `john`
MatchedRules: (none)
Why: no rule matched, so impersonation is denied by default  [documented: Amazon WorkMail Administrator Guide: Managing impersonation roles]

✗ jane-only (ALLOW) did not match
    TargetUsers      fails  no entry names the target  [decision D2]
    NotTargetUsers   holds  absent, so no condition  [documented: Amazon WorkMail Administrator Guide: Managing impersonation roles]

✗ not-john (ALLOW) did not match
    TargetUsers      holds  absent, so no condition  [documented: Amazon WorkMail Administrator Guide: Managing impersonation roles]
    NotTargetUsers   fails  `john` names the target  [decision D2]
";
    assert_eq!(text, expected);
}
