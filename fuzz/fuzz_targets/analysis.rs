//! The whole-document analyses on two generated documents: the decision tables, the diff with
//! its lockout guards, the lints, saved tests and what-would-change never panic, and each agrees
//! with direct evaluation of sampled requests:
//!
//! - every sampled access request lies in exactly one row of the table, with the answer
//!   `eval::access::decide` gives;
//! - every sampled target of every role lies in exactly one class of the impersonation table,
//!   with the answer `GetImpersonationRoleEffect` gives;
//! - a sampled request lies in a change of the diff exactly when its answer changes, with both
//!   answers; a fired guard holds on the samples it covers;
//! - a rule the lints say cannot match matches no sample, and removing a rule they call redundant
//!   changes no sample's effect;
//! - saved tests made from the answers all pass.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use workmail_policy::analysis::{
    DiffOptions, Expectation, LockoutWarning, PolicyRequest, TablePrincipal, Targets, TestCase,
    TestRequest, TestSuite, access_table, decision_table, diff, impersonation_table, lint,
    lint_document, run_tests, what_would_change,
};
use workmail_policy::directory::same_identifier_text;
use workmail_policy::eval::access::decide;
use workmail_policy::eval::impersonation::{self, Target};
use workmail_policy::{
    AccessRequest, Action, Effect, GetAccessControlEffectRequest,
    GetImpersonationRoleEffectRequest, Organization, Principal,
};
use workmail_policy_fuzz::checks;
use workmail_policy_fuzz::spec::{Address, OrganizationSpec, Pick, RequestSpec, TARGETS};

#[derive(Debug, Arbitrary)]
struct Input {
    old: OrganizationSpec,
    new: OrganizationSpec,
    requests: Vec<RequestSpec>,
    targets: Vec<Pick>,
    my_ips: Vec<Address>,
}

fn load(spec: &OrganizationSpec) -> Option<(String, Organization)> {
    let text = spec.document().to_string();
    let organization = Organization::from_json(&text).ok()?.organization;
    Some((text, organization))
}

/// The index `N` of a path `AccessControlRules[N]...`.
fn rule_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("AccessControlRules[")?;
    rest.split(']').next()?.parse().ok()
}

fn check_access_table(organization: &Organization, requests: &[AccessRequest]) {
    let table = access_table(organization);
    let named = table.principals();
    for request in requests {
        let principal = TablePrincipal::under(&request.principal, &named);
        let rows: Vec<_> = table
            .rows
            .iter()
            .filter(|row| {
                row.actions.contains(&request.action)
                    && row.principals.contains(&principal)
                    && row
                        .ip_ranges
                        .iter()
                        .any(|net| net.contains(&request.ip_address))
            })
            .collect();
        assert_eq!(rows.len(), 1, "{request:?} lies in {} rows", rows.len());
        let expected = decide(organization.access_control_rules(), request);
        if let Some(row) = rows.first() {
            assert_eq!(
                (row.effect, row.matched_rules.clone()),
                expected,
                "{request:?}"
            );
            assert_eq!(table.row_for(request), Some(*row));
        }
    }
    let _ = (table.to_string(), table.to_markdown(), table.to_csv());
    assert!(serde_json::to_string(&table).is_ok());
}

fn check_impersonation_table(organization: &Organization, targets: &[&str]) {
    let table = impersonation_table(organization);
    let directory = organization.directory();
    for (role, row) in organization.impersonation_roles().iter().zip(&table.roles) {
        assert_eq!(role.impersonation_role_id, row.impersonation_role_id);
        for target in targets {
            let request = GetImpersonationRoleEffectRequest {
                organization_id: None,
                impersonation_role_id: role.impersonation_role_id.clone(),
                target_user: (*target).to_owned(),
            };
            let answer = organization.get_impersonation_role_effect(&request);
            let contains = |targets: &Targets| match (targets, directory.is_known()) {
                (Targets::TargetUsers(list), true) => directory
                    .resolve(target)
                    .is_some_and(|user| list.contains(&user.user.id)),
                (Targets::AllUsersExcept(_), true) => false,
                (Targets::TargetUsers(list), false) => {
                    list.iter().any(|entry| same_identifier_text(entry, target))
                }
                (Targets::AllUsersExcept(list), false) => {
                    !list.iter().any(|entry| same_identifier_text(entry, target))
                }
            };
            let classes: Vec<_> = row
                .classes
                .iter()
                .filter(|c| contains(&c.targets))
                .collect();
            match answer {
                Ok(answer) => {
                    assert_eq!(
                        classes.len(),
                        1,
                        "role {} target {target}: {} classes",
                        row.impersonation_role_id,
                        classes.len()
                    );
                    if let Some(class) = classes.first() {
                        assert_eq!(
                            (class.effect, &class.matched_rules),
                            (answer.effect, &answer.matched_rules),
                            "role {} target {target}",
                            row.impersonation_role_id
                        );
                    }
                }
                Err(_) => {
                    // Refused (not in the directory, or disabled or deleted): in no class.
                    assert!(classes.is_empty(), "refused target {target} is in a class");
                }
            }
        }
    }
    let _ = (table.to_string(), table.to_markdown(), table.to_csv());
    assert!(serde_json::to_string(&table).is_ok());
}

fn check_diff(
    old: &Organization,
    new: &Organization,
    requests: &[AccessRequest],
    my_ips: &[std::net::Ipv4Addr],
) {
    let options = DiffOptions {
        my_ips: my_ips.to_vec(),
    };
    let changes = diff(old, new, &options);
    let mut named = access_table(old).principals();
    named.extend(access_table(new).principals());
    for request in requests {
        let before = decide(old.access_control_rules(), request);
        let after = decide(new.access_control_rules(), request);
        let principal = TablePrincipal::under(&request.principal, &named);
        let hits: Vec<_> = changes
            .access_control
            .iter()
            .filter(|change| {
                change.actions.contains(&request.action)
                    && change.principals.contains(&principal)
                    && change
                        .ip_ranges
                        .iter()
                        .any(|net| net.contains(&request.ip_address))
            })
            .collect();
        if before == after {
            assert!(hits.is_empty(), "{request:?} is unchanged but listed");
        } else {
            assert_eq!(
                hits.len(),
                1,
                "{request:?} changes but lies in {} changes",
                hits.len()
            );
            if let Some(change) = hits.first() {
                assert_eq!(
                    (change.before.effect, change.before.matched_rules.clone()),
                    before
                );
                assert_eq!(
                    (change.after.effect, change.after.matched_rules.clone()),
                    after
                );
            }
        }
        let lost = before.0 == Effect::Allow && after.0 == Effect::Deny;
        if lost && my_ips.contains(&request.ip_address) {
            assert!(
                changes.warnings.iter().any(|w| matches!(w, LockoutWarning::MyIpDenied { ip_address, .. } if *ip_address == request.ip_address)),
                "no my-ip-denied guard for {request:?}"
            );
        }
        for warning in &changes.warnings {
            match warning {
                LockoutWarning::AllAccessBlocked => {
                    assert_eq!(
                        after.0,
                        Effect::Deny,
                        "all access blocked, yet {request:?} is allowed"
                    );
                }
                LockoutWarning::PrincipalLockedOut { principal: locked }
                    if *locked == principal =>
                {
                    assert_eq!(
                        after.0,
                        Effect::Deny,
                        "{locked:?} locked out, yet {request:?} is allowed"
                    );
                }
                _ => {}
            }
        }
    }
    assert_eq!(
        changes.is_empty(),
        changes.access_control.is_empty()
            && changes.impersonation.is_empty()
            && changes.mobile_device_access.is_empty()
    );
    let _ = changes.to_string();
    assert!(serde_json::to_string(&changes).is_ok());
    // A document compared with itself has no changes.
    assert!(
        diff(old, old, &options).is_empty(),
        "a document differs from itself"
    );
}

const NEVER_MATCHES: [&str; 5] = [
    "conflicting-principals",
    "role-rule-without-ews",
    "actions-all-excluded",
    "ip-ranges-all-excluded",
    "principals-all-excluded",
];

fn check_lints(text: &str, organization: &Organization, requests: &[AccessRequest]) {
    let report = lint(organization);
    let rules = organization.access_control_rules();
    for finding in &report.findings {
        let Some(at) = rule_index(&finding.path) else {
            continue;
        };
        if NEVER_MATCHES.contains(&finding.code) {
            for request in requests {
                let matched = rules
                    .get(at)
                    .is_some_and(|rule| workmail_policy::eval::access::rule_matches(rule, request));
                assert!(
                    !matched,
                    "{} says rule {at} never matches, but {request:?} matches",
                    finding.code
                );
            }
        }
        if finding.code == "redundant-rule" {
            let without: Vec<_> = rules
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, r)| r)
                .collect();
            for request in requests {
                assert_eq!(
                    decide(rules, request).0,
                    decide(without.iter().copied(), request).0,
                    "rule {at} is called redundant, but removing it changes {request:?}"
                );
            }
        }
    }
    let _ = report.to_string();
    match lint_document(text) {
        Ok(located) => located
            .findings
            .iter()
            .for_each(|finding| checks::message(&finding.message)),
        Err(error) => panic!("lint refuses a loadable document: {error}"),
    }
}

fn check_saved_tests_and_suggestions(organization: &Organization, requests: &[AccessRequest]) {
    let mut tests = Vec::new();
    for (at, request) in requests.iter().enumerate() {
        let input = GetAccessControlEffectRequest::from(request);
        let Ok(answer) = organization.get_access_control_effect(&input) else {
            continue;
        };
        tests.push(TestCase {
            name: format!("t{at}"),
            request: TestRequest::GetAccessControlEffect(input.clone()),
            expect: Expectation::access(answer.effect, &answer.matched_rules),
        });
        if let Ok(changes) =
            what_would_change(organization, &PolicyRequest::GetAccessControlEffect(input))
        {
            assert_eq!(
                (changes.effect, &changes.matched_rules),
                (answer.effect, &answer.matched_rules)
            );
            for suggestion in &changes.suggestions {
                assert_ne!(
                    suggestion.effect, answer.effect,
                    "a suggestion that changes nothing"
                );
            }
            let _ = changes.to_string();
        }
    }
    let report = run_tests(organization, &TestSuite { tests });
    assert!(report.is_success(), "saved answers fail: {report}");
}

fuzz_target!(|input: Input| {
    let Some((old_text, old)) = load(&input.old) else {
        return;
    };
    let new = load(&input.new).map(|(_, org)| org).unwrap_or_default();
    let rules = old.access_control_rules();
    let requests: Vec<AccessRequest> = input
        .requests
        .iter()
        .take(32)
        .map(|spec| spec.request(rules, true))
        .collect();
    let my_ips: Vec<_> = input.my_ips.iter().take(4).map(|a| a.get()).collect();
    let targets: Vec<&str> = input
        .targets
        .iter()
        .take(12)
        .map(|pick| pick.of(&TARGETS))
        .collect();

    check_access_table(&old, &requests);
    check_impersonation_table(&old, &targets);
    check_diff(&old, &new, &requests, &my_ips);
    check_lints(&old_text, &old, &requests);
    check_saved_tests_and_suggestions(&old, &requests);
    let _ = decision_table(&old).to_markdown();

    // The impersonation lints, against the samples.
    let report = lint(&old);
    for finding in &report.findings {
        let Some(role_at) = finding
            .path
            .strip_prefix("ImpersonationRoles[")
            .and_then(|rest| rest.split(']').next())
            .and_then(|n| n.parse::<usize>().ok())
        else {
            continue;
        };
        let Some(role) = old.impersonation_roles().get(role_at) else {
            continue;
        };
        if finding.code == "impersonation-rule-no-effect" {
            let Some(rule_at) = finding
                .path
                .split("Rules[")
                .nth(1)
                .and_then(|rest| rest.split(']').next())
                .and_then(|n| n.parse::<usize>().ok())
            else {
                continue;
            };
            let mut without = role.clone();
            if rule_at < without.rules.len() {
                without.rules.remove(rule_at);
            }
            let directory = old.directory();
            for target in &targets {
                if directory.is_known()
                    && directory.resolve(target).is_none_or(|user| {
                        !workmail_policy::directory::can_be_impersonated(user.user)
                    })
                {
                    continue;
                }
                let resolved = Target::resolve(target, directory);
                assert_eq!(
                    impersonation::decide(role, &resolved, directory).0,
                    impersonation::decide(&without, &resolved, directory).0,
                    "rule {rule_at} of role {role_at} is said to change nothing, but it decides {target}"
                );
            }
        }
        if finding.code == "role-impersonates-nobody" {
            let allowed_target = targets.iter().any(|target| {
                let request = GetImpersonationRoleEffectRequest {
                    organization_id: None,
                    impersonation_role_id: role.impersonation_role_id.clone(),
                    target_user: (*target).to_owned(),
                };
                old.get_impersonation_role_effect(&request)
                    .is_ok_and(|a| a.effect == Effect::Allow)
            });
            let allowed_access = requests.iter().any(|request| {
                let as_role = AccessRequest {
                    ip_address: request.ip_address,
                    action: Action::Ews,
                    principal: Principal::ImpersonationRoleId(role.impersonation_role_id.clone()),
                };
                decide(old.access_control_rules(), &as_role).0 == Effect::Allow
            });
            assert!(
                !(allowed_target && allowed_access),
                "role {role_at} is said to impersonate nobody"
            );
        }
    }
});
