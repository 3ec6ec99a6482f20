//! Property tests of the analysis features: the decision table agrees with direct evaluation and
//! partitions the request space; a diff of a document with itself is empty and a diff of two
//! documents shows exactly the requests whose answers differ; removing a rule the lint calls
//! redundant changes no effect; the lints that say a rule never matches are right and complete;
//! every "what would change" suggestion really flips the answer; recorded tests pass; a table
//! filtered to a question holds exactly the requests it asks about, with the whole table's
//! answers.

use std::net::Ipv4Addr;
use std::sync::atomic::{AtomicUsize, Ordering};

mod strategies;

use proptest::prelude::*;
use serde_json::{Value, json};
use strategies::{ROLES, USERS, access_rule, cidr};
use workmail_policy::analysis::{
    DiffOptions, Edit, PolicyRequest, RuleRef, TableFilter, TablePrincipal, TableQuery, Targets,
    access_table, diff, impersonation_table, lint, load_tests, run_tests, what_would_change,
};
use workmail_policy::compile::CompiledAccess;
use workmail_policy::eval::access::decide;
use workmail_policy::{
    AccessRequest, Action, Effect, GetAccessControlEffectRequest,
    GetImpersonationRoleEffectRequest, Organization, Principal,
};

const TARGETS: [&str; 4] = [
    "jane",
    "CEO@example.com",
    "ceo@example.com",
    "S-1-1-11-0000000002",
];

fn target_list() -> impl Strategy<Value = Option<Vec<&'static str>>> {
    prop::option::of(prop::sample::subsequence(TARGETS.to_vec(), 1..=2))
}

fn impersonation_rule(index: usize) -> impl Strategy<Value = Value> {
    (any::<bool>(), target_list(), target_list()).prop_map(move |(deny, targets, not_targets)| {
        let mut rule = json!({"ImpersonationRuleId": format!("ir-{index}"), "Effect": if deny { "DENY" } else { "ALLOW" }});
        if let Some(object) = rule.as_object_mut() {
            if let Some(targets) = targets {
                object.insert("TargetUsers".into(), json!(targets));
            }
            if let Some(not_targets) = not_targets {
                object.insert("NotTargetUsers".into(), json!(not_targets));
            }
        }
        rule
    })
}

fn role(id: &'static str) -> impl Strategy<Value = Value> {
    (any::<bool>(), 0usize..4)
        .prop_flat_map(|(read_only, count)| {
            (
                Just(read_only),
                (0..count).map(impersonation_rule).collect::<Vec<_>>(),
            )
        })
        .prop_map(move |(read_only, rules)| {
            json!({"ImpersonationRoleId": id, "Name": id,
                   "Type": if read_only { "READ_ONLY" } else { "FULL_ACCESS" }, "Rules": rules})
        })
}

/// A document: 0 to 5 access control rules, both roles, and sometimes a directory.
fn document() -> impl Strategy<Value = Value> {
    (
        (0usize..6).prop_flat_map(|count| (0..count).map(access_rule).collect::<Vec<_>>()),
        role(ROLES[0]),
        role(ROLES[1]),
        any::<bool>(),
    )
        .prop_map(|(rules, first, second, directory)| {
            let mut document =
                json!({"AccessControlRules": rules, "ImpersonationRoles": [first, second]});
            if directory && let Some(object) = document.as_object_mut() {
                object.insert(
                    "Users".into(),
                    json!([
                        {"Id": USERS[0], "Email": "jane@example.com", "Name": "jane"},
                        {"Id": USERS[1], "Email": "ceo@example.com", "Name": "ceo"},
                        {"Id": USERS[2], "Name": "gone", "State": "DISABLED"},
                    ]),
                );
            }
            document
        })
}

fn principals() -> Vec<Principal> {
    let mut all: Vec<Principal> = USERS
        .iter()
        .chain(["S-1-1-11-9999999999"].iter())
        .map(|id| Principal::UserId((*id).to_owned()))
        .collect();
    all.extend(
        ROLES
            .iter()
            .chain(["role-z"].iter())
            .map(|id| Principal::ImpersonationRoleId((*id).to_owned())),
    );
    all
}

fn request() -> impl Strategy<Value = AccessRequest> {
    (
        prop::sample::select(vec![0u8, 10, 192, 203]),
        0u8..4,
        any::<u16>(),
        prop::sample::select(Action::ALL.to_vec()),
        prop::sample::select(principals()),
    )
        .prop_map(|(a, b, low, action, principal)| {
            let [c, d] = low.to_be_bytes();
            let action = if matches!(principal, Principal::ImpersonationRoleId(_)) {
                Action::Ews
            } else {
                action
            };
            AccessRequest {
                ip_address: Ipv4Addr::new(a, b, c, d),
                action,
                principal,
            }
        })
}

#[expect(
    clippy::panic,
    reason = "a generated document that does not load is a broken strategy"
)]
fn load(document: &Value) -> Organization {
    match Organization::from_json(&document.to_string()) {
        Ok(loaded) => loaded.organization,
        Err(error) => panic!("{error}\n{document}"),
    }
}

/// A question about the access table: a few actions, a range, users and roles, an effect.
fn table_query() -> impl Strategy<Value = TableQuery> {
    let names: Vec<String> = Action::ALL.iter().map(|a| a.as_str().to_owned()).collect();
    let users: Vec<String> = USERS
        .iter()
        .chain(["S-1-1-11-9999999999"].iter())
        .map(|id| (*id).to_owned())
        .collect();
    let roles: Vec<String> = ROLES.iter().map(|id| (*id).to_owned()).collect();
    (
        prop::sample::subsequence(names, 0..=3),
        prop::option::of(cidr()),
        prop::sample::subsequence(users, 0..=2),
        prop::sample::subsequence(roles, 0..=1),
        prop::option::of(prop::sample::select(vec![
            "ALLOW".to_owned(),
            "DENY".to_owned(),
        ])),
        // Sometimes a question about impersonation, which holds no access request.
        prop::sample::subsequence(vec!["jane".to_owned()], 0..=1),
    )
        .prop_map(
            |(actions, ip_range, user_ids, impersonation_role_ids, effect, target_users)| {
                TableQuery {
                    actions,
                    ip_range,
                    user_ids,
                    impersonation_role_ids,
                    target_users,
                    effect,
                }
            },
        )
}

fn in_nets(nets: &[ipnet::Ipv4Net], address: Ipv4Addr) -> bool {
    nets.iter().any(|net| net.contains(&address))
}

/// The rule list holding `rule`, and its index there.
fn rules_of<'d>(document: &'d mut Value, rule: &RuleRef) -> Option<(&'d mut Vec<Value>, usize)> {
    match rule {
        RuleRef::AccessControlRule(name) => {
            let rules = document.get_mut("AccessControlRules")?.as_array_mut()?;
            let at = rules.iter().position(|r| r["Name"] == json!(name))?;
            Some((rules, at))
        }
        RuleRef::ImpersonationRule {
            impersonation_role_id,
            impersonation_rule_id,
        } => {
            let rules = role_rules(document, impersonation_role_id)?;
            let at = rules
                .iter()
                .position(|r| r["ImpersonationRuleId"] == json!(impersonation_rule_id))?;
            Some((rules, at))
        }
    }
}

/// The rules of role `id`.
fn role_rules<'d>(document: &'d mut Value, id: &str) -> Option<&'d mut Vec<Value>> {
    document
        .get_mut("ImpersonationRoles")?
        .as_array_mut()?
        .iter_mut()
        .find(|role| role["ImpersonationRoleId"] == json!(id))?
        .get_mut("Rules")?
        .as_array_mut()
}

/// Applies an edit to a document, the way a person would edit the JSON.
fn apply(document: &Value, edit: &Edit) -> Value {
    let mut document = document.clone();
    match edit {
        Edit::AddEntry { rule, list, entry }
        | Edit::RemoveEntry {
            rule, list, entry, ..
        } => {
            let Some((rules, at)) = rules_of(&mut document, rule) else {
                return document;
            };
            let Some(object) = rules.get_mut(at).and_then(Value::as_object_mut) else {
                return document;
            };
            if let Value::Array(entries) =
                object.entry(list.to_string()).or_insert_with(|| json!([]))
            {
                if matches!(edit, Edit::AddEntry { .. }) {
                    entries.push(json!(entry));
                } else if let Some(position) = entries.iter().position(|e| e == &json!(entry)) {
                    entries.remove(position);
                }
                // A list without entries is written by leaving the member out.
                if entries.is_empty() {
                    object.remove(*list);
                }
            }
        }
        Edit::RemoveRule { rule } => {
            if let Some((rules, at)) = rules_of(&mut document, rule) {
                rules.remove(at);
            }
        }
        Edit::AddAccessControlRule { rule } => {
            if let Some(Value::Array(rules)) = document.get_mut("AccessControlRules") {
                rules.push(serde_json::to_value(rule).unwrap_or(Value::Null));
            }
        }
        Edit::AddImpersonationRule {
            impersonation_role_id,
            rule,
        } => {
            if let Some(rules) = role_rules(&mut document, impersonation_role_id) {
                rules.push(serde_json::to_value(rule).unwrap_or(Value::Null));
            }
        }
    }
    document
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_filtered_table_holds_exactly_the_requests_asked_about(
        document in document(),
        query in table_query(),
        requests in prop::collection::vec(request(), 1..24),
    ) {
        let org = load(&document);
        let whole = access_table(&org);
        // Questions the core refuses (an unknown user, roles without EWS) have their own tests.
        let Ok(filter) = TableFilter::resolve(&org, &query) else {
            return Ok(());
        };
        let cut = filter.access(&whole);
        for request in &requests {
            let Some(row) = whole.row_for(request) else {
                return Err(TestCaseError::fail(format!("no row for {request:?}")));
            };
            let asked = filter.holds(request, Some(row.effect));
            let holding = cut.rows_holding(request).count();
            prop_assert_eq!(holding, usize::from(asked), "{:?} {:?}\n{}", query, request, cut);
            let found = cut.row_for(request).map(|row| (row.effect, row.matched_rules.clone()));
            let expected = asked.then(|| (row.effect, row.matched_rules.clone()));
            prop_assert_eq!(found, expected, "{:?} {:?}", query, request);
        }
    }

    #[test]
    fn the_table_agrees_with_direct_evaluation(
        document in document(),
        requests in prop::collection::vec(request(), 1..24),
    ) {
        let org = load(&document);
        let table = access_table(&org);
        let compiled = CompiledAccess::new(org.access_control_rules());
        for request in &requests {
            let holding: Vec<_> = table.rows_holding(request).collect();
            prop_assert_eq!(holding.len(), 1, "{:?} in {}", request, table);
            let expected = decide(org.access_control_rules(), request);
            prop_assert_eq!((holding[0].effect, holding[0].matched_rules.clone()), expected.clone());
            prop_assert_eq!(table.row_for(request), Some(holding[0]));
            if let Some(compiled) = &compiled {
                prop_assert_eq!(compiled.decide(request), expected);
            }
        }
        // Roles only ever appear with EWS (D11).
        for row in &table.rows {
            if row.principals.iter().any(|p| !p.is_user()) {
                prop_assert_eq!(row.actions.clone(), vec![Action::Ews]);
            }
        }
    }

    #[test]
    fn a_diff_with_itself_is_empty(document in document()) {
        let org = load(&document);
        let changes = diff(&org, &org, &DiffOptions { my_ips: vec![Ipv4Addr::new(10, 0, 0, 1)] });
        prop_assert!(changes.is_empty() && changes.warnings.is_empty(), "{}", changes);
    }

    #[test]
    fn a_diff_shows_exactly_the_changed_answers(
        old in document(),
        new in document(),
        requests in prop::collection::vec(request(), 1..24),
    ) {
        let (old, new) = (load(&old), load(&new));
        let changes = diff(&old, &new, &DiffOptions::default());
        let mut named: Vec<TablePrincipal> = access_table(&old).principals();
        named.extend(access_table(&new).principals());
        for request in &requests {
            let before = decide(old.access_control_rules(), request);
            let after = decide(new.access_control_rules(), request);
            let principal = TablePrincipal::under(&request.principal, &named);
            let holding: Vec<_> = changes
                .access_control
                .iter()
                .filter(|change| {
                    change.actions.contains(&request.action)
                        && change.principals.contains(&principal)
                        && in_nets(&change.ip_ranges, request.ip_address)
                })
                .collect();
            if before == after {
                prop_assert!(holding.is_empty(), "{:?}: {:?}", request, holding);
            } else {
                prop_assert_eq!(holding.len(), 1);
                prop_assert_eq!((holding[0].before.effect, holding[0].before.matched_rules.clone()), before);
                prop_assert_eq!((holding[0].after.effect, holding[0].after.matched_rules.clone()), after);
            }
        }
    }

    #[test]
    fn removing_a_redundant_rule_changes_no_effect(document in document()) {
        let org = load(&document);
        for finding in lint(&org).findings.iter().filter(|f| f.code == "redundant-rule") {
            let index: usize = finding
                .path
                .trim_start_matches("AccessControlRules[")
                .trim_end_matches(']')
                .parse()
                .unwrap_or(usize::MAX);
            let mut smaller = document.clone();
            if let Some(Value::Array(rules)) = smaller.get_mut("AccessControlRules") {
                prop_assert!(index < rules.len());
                rules.remove(index);
            }
            let changes = diff(&org, &load(&smaller), &DiffOptions::default());
            for change in &changes.access_control {
                prop_assert_eq!(change.before.effect, change.after.effect, "{}", finding);
            }
        }
    }

    #[test]
    fn never_matching_rules_are_reported_exactly(document in document()) {
        let org = load(&document);
        let findings = lint(&org).findings;
        let specific = [
            "conflicting-principals",
            "role-rule-without-ews",
            "actions-all-excluded",
            "ip-ranges-all-excluded",
            "principals-all-excluded",
        ];
        for (at, rule) in org.access_control_rules().iter().enumerate() {
            // The rule alone, as ALLOW: it matches something iff some row is allowed.
            let mut alone = serde_json::to_value(rule).unwrap_or(Value::Null);
            alone["Effect"] = json!("ALLOW");
            let solo = load(&json!({"AccessControlRules": [alone]}));
            let matches_some = access_table(&solo).rows.iter().any(|row| row.effect == Effect::Allow);
            let prefix = format!("AccessControlRules[{at}].");
            let reported = findings
                .iter()
                .any(|f| specific.contains(&f.code) && f.path.starts_with(&prefix));
            prop_assert_eq!(reported, !matches_some, "rule {}: {:?}", at, findings);
        }
    }

}

/// A property that skips the requests the API refuses could pass having checked nothing: each of
/// these counts the answers it compared over all its cases and fails on none.
fn assert_checked(what: &str, checked: &AtomicUsize) {
    let count = checked.load(Ordering::Relaxed);
    assert!(
        count > 0,
        "{what}: every case was refused, so nothing was checked"
    );
}

#[test]
fn the_impersonation_table_agrees_with_the_api() {
    let checked = AtomicUsize::new(0);
    proptest!(ProptestConfig::with_cases(128), |(document in document())| {
        let org = load(&document);
        let table = impersonation_table(&org);
        for role in &table.roles {
            for target in TARGETS.iter().chain(["someone-else", "S-1-1-11-0000000001"].iter()) {
                let request = GetImpersonationRoleEffectRequest {
                    organization_id: None,
                    impersonation_role_id: role.impersonation_role_id.clone(),
                    target_user: (*target).to_owned(),
                };
                let Ok(expected) = org.get_impersonation_role_effect(&request) else {
                    continue;
                };
                // With a directory classes list user IDs; without one, identifiers as written.
                let key = org
                    .directory()
                    .resolve(target)
                    .map_or_else(|| (*target).to_owned(), |user| user.user.id.clone());
                let same = |entry: &String| {
                    if org.users().is_some() {
                        *entry == key
                    } else if entry.contains('@') && key.contains('@') {
                        entry.eq_ignore_ascii_case(&key)
                    } else {
                        *entry == key
                    }
                };
                let holding: Vec<_> = role
                    .classes
                    .iter()
                    .filter(|class| match &class.targets {
                        Targets::TargetUsers(list) => list.iter().any(same),
                        Targets::AllUsersExcept(list) => !list.iter().any(same),
                    })
                    .collect();
                checked.fetch_add(1, Ordering::Relaxed);
                prop_assert_eq!(holding.len(), 1, "{} in {:?}", target, role);
                prop_assert_eq!(holding[0].effect, expected.effect);
                prop_assert_eq!(&holding[0].matched_rules, &expected.matched_rules);
            }
        }
    });
    assert_checked("the impersonation table", &checked);
}

#[test]
fn every_suggestion_flips_the_answer() {
    let checked = AtomicUsize::new(0);
    proptest!(ProptestConfig::with_cases(128), |(document in document(), request in request(), target in 0usize..TARGETS.len())| {
        let org = load(&document);
        let questions = [
            PolicyRequest::GetAccessControlEffect(GetAccessControlEffectRequest::from(&request)),
            PolicyRequest::GetImpersonationRoleEffect(GetImpersonationRoleEffectRequest {
                organization_id: None,
                impersonation_role_id: ROLES[target % ROLES.len()].to_owned(),
                target_user: TARGETS[target].to_owned(),
            }),
        ];
        for question in questions {
            let Ok(changes) = what_would_change(&org, &question) else {
                continue;
            };
            checked.fetch_add(1, Ordering::Relaxed);
            for suggestion in &changes.suggestions {
                let edited = load(&apply(&document, &suggestion.edit));
                let effect = match &question {
                    PolicyRequest::GetAccessControlEffect(request) => {
                        edited.get_access_control_effect(request).map(|r| r.effect)
                    }
                    PolicyRequest::GetImpersonationRoleEffect(request) => {
                        edited.get_impersonation_role_effect(request).map(|r| r.effect)
                    }
                };
                prop_assert_eq!(effect.ok(), Some(suggestion.effect), "{}", suggestion);
                prop_assert_ne!(suggestion.effect, changes.effect);
            }
        }
    });
    assert_checked("the suggestions", &checked);
}

#[test]
fn recorded_answers_pass_and_flipped_ones_fail() {
    let checked = AtomicUsize::new(0);
    proptest!(ProptestConfig::with_cases(128), |(
        document in document(),
        requests in prop::collection::vec(request(), 1..8),
    )| {
        let org = load(&document);
        let mut tests = Vec::new();
        for (at, request) in requests.iter().enumerate() {
            let api = GetAccessControlEffectRequest::from(request);
            if let Ok(answer) = org.get_access_control_effect(&api) {
                checked.fetch_add(1, Ordering::Relaxed);
                tests.push(json!({"Name": format!("t{at}"), "Request": api,
                                  "Expect": {"Effect": answer.effect, "MatchedRules": answer.matched_rules}}));
            }
        }
        let text = json!({"Tests": tests}).to_string();
        let suite = load_tests(&text).map(|l| l.suite);
        prop_assert!(suite.is_ok());
        let suite = suite.unwrap_or_default();
        let report = run_tests(&org, &suite);
        prop_assert!(report.is_success(), "{}", report);
        let text_report = report.to_string();
        let summary = format!("{} passed, 0 failed", tests.len());
        prop_assert_eq!(text_report.lines().last(), Some(summary.as_str()));
        let flipped = text.replace("\"ALLOW\"", "\"X\"").replace("\"DENY\"", "\"ALLOW\"").replace("\"X\"", "\"DENY\"");
        let report = run_tests(&org, &load_tests(&flipped).map(|l| l.suite).unwrap_or_default());
        prop_assert_eq!(report.failed(), tests.len());
    });
    assert_checked("the recorded answers", &checked);
}
