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
//! - saved tests made from the answers all pass;
//! - a question about the table (actions, a range, users, roles, an effect, and sometimes a
//!   hostile text in one member) is refused or answered, never a panic, for every part; answered,
//!   the cut access table holds a sampled request exactly when the filter asks about it, with
//!   the whole table's answer.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use workmail_policy::analysis::{
    AccessScope, DiffOptions, Expectation, ForAll, LockoutWarning, PolicyRequest, Principals,
    Property, TableFilter, TablePart, TablePrincipal, TableQuery, Targets, TestCase, TestRequest,
    TestSuite, access_table, decision_table, diff, impersonation_table, lint, lint_document,
    run_tests, select_filtered_table, what_would_change,
};
use workmail_policy::directory::same_identifier_text;
use workmail_policy::eval::access::decide;
use workmail_policy::eval::impersonation::{self, Target};
use workmail_policy::{
    AccessRequest, Action, Effect, GetAccessControlEffectRequest,
    GetImpersonationRoleEffectRequest, Organization, Principal,
};
use workmail_policy_fuzz::checks;
use workmail_policy_fuzz::spec::{
    Address, Cidr, OrganizationSpec, Pick, ROLE_IDS, RequestSpec, TARGETS, USER_IDS,
};

#[derive(Debug, Arbitrary)]
struct Input {
    old: OrganizationSpec,
    new: OrganizationSpec,
    requests: Vec<RequestSpec>,
    targets: Vec<Pick>,
    my_ips: Vec<Address>,
    question: QuestionSpec,
}

/// A question about the decision table, mostly well formed.
#[derive(Debug, Arbitrary)]
struct QuestionSpec {
    actions: Vec<Action>,
    /// A range, or (`None` prefix) the bare address.
    range: Option<(Address, Option<u8>)>,
    users: Vec<Pick>,
    roles: Vec<Pick>,
    targets: Vec<Pick>,
    effect: Option<Effect>,
    /// A text put in one member, picked by the byte.
    hostile: Option<(u8, String)>,
}

impl QuestionSpec {
    fn query(&self) -> TableQuery {
        let picks = |list: &[Pick], from: &[&str]| -> Vec<String> {
            list.iter()
                .take(3)
                .map(|pick| pick.of(from).to_owned())
                .collect()
        };
        let mut query = TableQuery {
            actions: self
                .actions
                .iter()
                .take(4)
                .map(|a| a.as_str().to_owned())
                .collect(),
            ip_range: self.range.map(|(address, prefix)| match prefix {
                Some(prefix) => Cidr { address, prefix }.text(),
                None => address.get().to_string(),
            }),
            user_ids: picks(&self.users, &USER_IDS),
            impersonation_role_ids: picks(&self.roles, &ROLE_IDS),
            target_users: picks(&self.targets, &TARGETS),
            effect: self.effect.map(|effect| effect.as_str().to_owned()),
        };
        if let Some((member, text)) = &self.hostile {
            match member % 6 {
                0 => query.actions.push(text.clone()),
                1 => query.ip_range = Some(text.clone()),
                2 => query.user_ids.push(text.clone()),
                3 => query.impersonation_role_ids.push(text.clone()),
                4 => query.target_users.push(text.clone()),
                _ => query.effect = Some(text.clone()),
            }
        }
        query
    }
}

/// Every part answers or refuses the question; the cut access table holds exactly the samples
/// the filter asks about, with the whole table's answers.
fn check_question(organization: &Organization, question: &TableQuery, requests: &[AccessRequest]) {
    for part in [
        TablePart::All,
        TablePart::AccessControl,
        TablePart::Impersonation,
        TablePart::MobileDeviceAccess,
    ] {
        match select_filtered_table(organization, part, question) {
            Ok(table) => {
                let _ = (table.to_string(), table.to_markdown(), table.to_csv());
                assert!(serde_json::to_string(&table).is_ok());
            }
            Err(error) => checks::message(&error.message),
        }
    }
    let Ok(filter) = TableFilter::resolve(organization, question) else {
        return;
    };
    let whole = access_table(organization);
    let cut = filter.access(&whole);
    for request in requests {
        let Some(row) = whole.row_for(request) else {
            panic!("the whole table has no row for {request:?}");
        };
        let asked = filter.holds(request, Some(row.effect));
        let holding = cut.rows_holding(request).count();
        assert_eq!(holding, usize::from(asked), "{question:?} {request:?}");
        let found = cut
            .row_for(request)
            .map(|row| (row.effect, row.matched_rules.clone()));
        let expected = asked.then(|| (row.effect, row.matched_rules.clone()));
        assert_eq!(found, expected, "{question:?} {request:?}");
    }
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
    for request in requests {
        let rows: Vec<_> = table.rows_holding(request).collect();
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
    // Each answered request again, as a property over exactly that request, expecting its
    // answer (which must hold) and the other effect (which must fail on one class, with that
    // answer as the counterexample's).
    let mut properties = Vec::new();
    let mut flipped = Vec::new();
    for test in &tests {
        let TestRequest::GetAccessControlEffect(input) = &test.request else {
            continue;
        };
        let Some(request) = requests
            .iter()
            .find(|r| GetAccessControlEffectRequest::from(*r) == *input)
        else {
            continue;
        };
        let only = |text: &str| vec![text.to_owned()];
        let mut scope = AccessScope {
            ip_ranges: vec![
                format!("{}/32", request.ip_address)
                    .parse()
                    .unwrap_or_else(|_| panic!("a /32 of {}", request.ip_address)),
            ],
            actions: vec![request.action],
            ..AccessScope::default()
        };
        match &request.principal {
            Principal::UserId(id) => {
                scope.user_ids = only(id);
                scope.principals = Principals::Users;
            }
            Principal::ImpersonationRoleId(id) => {
                scope.impersonation_role_ids = only(id);
                scope.principals = Principals::Roles;
            }
        }
        let property = |expect: Expectation| Property {
            name: test.name.clone(),
            operation: None,
            for_all: ForAll::GetAccessControlEffect(scope.clone()),
            expect,
        };
        properties.push(property(test.expect.clone()));
        let other = match test.expect.effect {
            Effect::Allow => Effect::Deny,
            Effect::Deny => Effect::Allow,
        };
        flipped.push((
            property(Expectation::access(other, &[])),
            test.expect.effect,
        ));
    }
    let report = run_tests(organization, &TestSuite { tests, properties });
    assert!(report.is_success(), "saved answers fail: {report}");
    let suite = TestSuite {
        tests: Vec::new(),
        properties: flipped
            .iter()
            .map(|(property, _)| property.clone())
            .collect(),
    };
    let report = run_tests(organization, &suite);
    for (result, (_, effect)) in report.properties.iter().zip(&flipped) {
        assert!(!result.holds && result.failing_classes == 1, "{result}");
        assert_eq!(
            result.counterexample.as_ref().map(|c| c.answer.effect),
            Some(*effect),
            "{result}"
        );
    }
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
    check_question(&old, &input.question.query(), &requests);
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
