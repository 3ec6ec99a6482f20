//! The compiled access control rules on their own terms: the rule sets each condition kind
//! yields and how they combine, beyond the answers the property tests compare with the
//! straightforward evaluator.

use serde_json::json;
use workmail_policy::compile::{CompiledAccess, RuleSet};
use workmail_policy::{AccessControlRule, AccessRequest, Action, Effect, Principal};

const JANE: &str = "S-1-1-11-1111111111-2222222222-3333333333-1001";
const JOHN: &str = "S-1-1-11-1111111111-2222222222-3333333333-1002";

#[expect(clippy::expect_used, reason = "test rules are literals that compile")]
fn compiled() -> CompiledAccess {
    let rules: Vec<AccessControlRule> = serde_json::from_value(json!([
        {"Name": "office", "Effect": "ALLOW", "IpRanges": ["192.0.2.0/24"]},
        {"Name": "no-imap", "Effect": "DENY", "Actions": ["IMAP"], "NotUserIds": [JANE]},
        {"Name": "archiver", "Effect": "ALLOW", "ImpersonationRoleIds": ["archiver"]}
    ]))
    .expect("valid rules");
    CompiledAccess::new(&rules).expect("three rules compile")
}

const OFFICE: RuleSet = 0b001;
const NO_IMAP: RuleSet = 0b010;
const ARCHIVER: RuleSet = 0b100;

#[expect(clippy::expect_used, reason = "test addresses are literals")]
fn request(ip: &str, action: Action, principal: Principal) -> AccessRequest {
    AccessRequest {
        ip_address: ip.parse().expect("an IPv4 address"),
        action,
        principal,
    }
}

#[test]
fn every_rule_is_counted() {
    assert_eq!(compiled().rule_count(), 3);
    assert_eq!(CompiledAccess::new(&[]).map(|c| c.rule_count()), Some(0));
}

#[test]
fn each_condition_kind_yields_the_rules_it_lets_through() {
    let compiled = compiled();
    let all = OFFICE | NO_IMAP | ARCHIVER;
    let ip = |text: &str| compiled.rules_for_ip(text.parse().unwrap_or([0, 0, 0, 0].into()));
    assert_eq!(ip("192.0.2.9"), all);
    assert_eq!(ip("203.0.113.9"), NO_IMAP | ARCHIVER);
    assert_eq!(compiled.rules_for_action(Action::Imap), all);
    assert_eq!(compiled.rules_for_action(Action::Smtp), OFFICE | ARCHIVER);
    let jane = Principal::UserId(JANE.into());
    let john = Principal::UserId(JOHN.into());
    let archiver = Principal::ImpersonationRoleId("archiver".into());
    let auditor = Principal::ImpersonationRoleId("auditor".into());
    assert_eq!(compiled.rules_for_principal(&jane), OFFICE);
    assert_eq!(compiled.rules_for_principal(&john), OFFICE | NO_IMAP);
    assert_eq!(compiled.rules_for_principal(&archiver), all);
    assert_eq!(compiled.rules_for_principal(&auditor), OFFICE | NO_IMAP);
}

#[test]
fn a_request_matches_the_rules_every_condition_kind_lets_through() {
    let compiled = compiled();
    let john = Principal::UserId(JOHN.into());
    let office_imap = request("192.0.2.9", Action::Imap, john.clone());
    assert_eq!(compiled.matching(&office_imap), OFFICE | NO_IMAP);
    assert_eq!(compiled.decide_set(&office_imap), (Effect::Deny, NO_IMAP));
    let office_smtp = request("192.0.2.9", Action::Smtp, john);
    assert_eq!(compiled.matching(&office_smtp), OFFICE);
    assert_eq!(compiled.decide_set(&office_smtp), (Effect::Allow, OFFICE));
    let away = request("203.0.113.9", Action::Smtp, Principal::UserId(JANE.into()));
    assert_eq!(compiled.decide_set(&away), (Effect::Deny, 0));
}

#[test]
fn matching_rules_decide_deny_first_then_allow_then_deny_by_default() {
    let compiled = compiled();
    assert_eq!(
        compiled.decide_matching(OFFICE | NO_IMAP | ARCHIVER),
        (Effect::Deny, NO_IMAP)
    );
    assert_eq!(
        compiled.decide_matching(OFFICE | ARCHIVER),
        (Effect::Allow, OFFICE | ARCHIVER)
    );
    assert_eq!(compiled.decide_matching(0), (Effect::Deny, 0));
}

#[test]
fn a_set_of_rules_is_named_in_rule_order() {
    let compiled = compiled();
    assert_eq!(compiled.names(ARCHIVER | OFFICE), ["office", "archiver"]);
    assert_eq!(compiled.names(NO_IMAP), ["no-imap"]);
    assert!(compiled.names(0).is_empty());
}
