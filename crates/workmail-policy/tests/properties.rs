//! Property tests of the invariants: DENY overrides ALLOW, a rule that cannot match changes
//! nothing, explanations agree with decisions, documents round-trip, and no input panics.

use std::net::Ipv4Addr;

mod strategies;

use proptest::prelude::*;
use serde_json::{Value, json};
use strategies::{ROLES, USERS, access_rule};
use workmail_policy::api::batch::{AccessCache, Column, Columns, IpColumn, Member};
use workmail_policy::eval::access::{decide, explain, rule_matches};
use workmail_policy::{
    AccessControlRule, AccessRequest, Action, Effect, FixedEnvironment, Operation, Organization,
    Principal,
};

#[expect(
    clippy::expect_used,
    reason = "a strategy that makes invalid rules is a broken test"
)]
fn rules() -> impl Strategy<Value = Vec<AccessControlRule>> {
    (0usize..6)
        .prop_flat_map(|count| (0..count).map(access_rule).collect::<Vec<_>>())
        .prop_map(|values| {
            values
                .into_iter()
                .map(|value| serde_json::from_value(value).expect("the strategy makes valid rules"))
                .collect()
        })
}

fn request() -> impl Strategy<Value = AccessRequest> {
    (
        prop::sample::select(vec![0u8, 10, 192, 203]),
        0u8..4,
        any::<u16>(),
        prop::sample::select(Action::ALL.to_vec()),
        prop::sample::select(vec![USERS[0], USERS[1], USERS[2], "S-1-1-11-0000000009"]),
        prop::sample::select(vec![ROLES[0], ROLES[1], "role-z"]),
        any::<bool>(),
    )
        .prop_map(|(a, b, low, action, user, role, as_role)| {
            let [c, d] = low.to_be_bytes();
            let (action, principal) = if as_role {
                (Action::Ews, Principal::ImpersonationRoleId(role.to_owned()))
            } else {
                (action, Principal::UserId(user.to_owned()))
            };
            AccessRequest {
                ip_address: Ipv4Addr::new(a, b.wrapping_mul(3), c, d),
                action,
                principal,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn deny_overrides_allow(rules in rules(), request in request()) {
        let (effect, matched) = decide(&rules, &request);
        let matching_deny: Vec<String> = rules.iter()
            .filter(|r| r.effect == Effect::Deny && rule_matches(r, &request))
            .map(|r| r.name.clone()).collect();
        let matching_allow: Vec<String> = rules.iter()
            .filter(|r| r.effect == Effect::Allow && rule_matches(r, &request))
            .map(|r| r.name.clone()).collect();
        if !matching_deny.is_empty() {
            prop_assert_eq!((effect, matched), (Effect::Deny, matching_deny));
        } else if !matching_allow.is_empty() {
            prop_assert_eq!((effect, matched), (Effect::Allow, matching_allow));
        } else {
            prop_assert_eq!((effect, matched), (Effect::Deny, Vec::<String>::new()));
        }
    }

    #[test]
    fn a_matching_deny_rule_always_denies(rules in rules(), request in request()) {
        let mut with_deny = rules.clone();
        let mut deny_all = AccessControlRule::default_rule();
        deny_all.name = "deny-all".into();
        deny_all.effect = Effect::Deny;
        with_deny.push(deny_all);
        let (effect, matched) = decide(&with_deny, &request);
        prop_assert_eq!(effect, Effect::Deny);
        prop_assert_eq!(matched.last().map(String::as_str), Some("deny-all"));
    }

    #[test]
    fn a_rule_that_cannot_match_changes_nothing(rules in rules(), request in request(), deny in any::<bool>()) {
        let mut extended = rules.clone();
        let mut never = AccessControlRule::default_rule();
        never.name = "never".into();
        never.effect = if deny { Effect::Deny } else { Effect::Allow };
        never.user_ids = vec![USERS[0].to_owned()];
        never.impersonation_role_ids = vec![ROLES[0].to_owned()];
        extended.push(never);
        prop_assert_eq!(decide(&rules, &request), decide(&extended, &request));
    }

    #[test]
    fn compiled_and_straightforward_evaluation_agree(rules in rules(), requests in prop::collection::vec(request(), 1..16)) {
        let compiled = workmail_policy::compile::CompiledAccess::new(&rules);
        prop_assert!(compiled.is_some());
        if let Some(compiled) = compiled {
            for request in &requests {
                prop_assert_eq!(compiled.decide(request), decide(&rules, request));
            }
        }
    }

    #[test]
    fn explanations_agree_with_decisions(rules in rules(), request in request()) {
        let (effect, matched) = decide(&rules, &request);
        let explained = explain(&rules, &request);
        prop_assert_eq!(explained.effect, effect);
        prop_assert_eq!(&explained.matched_rules, &matched);
        for (rule, outcome) in rules.iter().zip(&explained.rules) {
            prop_assert_eq!(outcome.matched, rule_matches(rule, &request));
            prop_assert_eq!(outcome.conditions.len(), 8);
        }
        prop_assert!(!explained.to_string().is_empty());
    }

    #[test]
    fn documents_round_trip(rules in rules()) {
        let document = json!({"OrganizationId": "m-0123456789abcdef0123456789abcdef", "AccessControlRules": rules});
        let loaded = Organization::from_json(&document.to_string());
        prop_assert!(loaded.is_ok(), "{:?}", loaded.err());
        let org = loaded.map(|l| l.organization).ok();
        let again = org.as_ref().map(|o| Organization::from_json(&o.to_json()).map(|l| l.organization).ok());
        prop_assert_eq!(again.flatten(), org);
    }

    #[test]
    fn batches_answer_like_single_calls(rules in rules(), requests in prop::collection::vec(request(), 1..8)) {
        let document = json!({"AccessControlRules": rules});
        let loaded = Organization::from_json(&document.to_string()).map(|l| l.organization);
        prop_assert!(loaded.is_ok());
        let mut org = loaded.unwrap_or_default();
        let mut env = FixedEnvironment::new(1_700_000_000.0, 5);
        let inputs: Vec<Value> = requests.iter().map(|r| match &r.principal {
            Principal::UserId(id) => json!({"IpAddress": r.ip_address.to_string(), "Action": r.action, "UserId": id}),
            Principal::ImpersonationRoleId(id) => json!({"IpAddress": r.ip_address.to_string(), "Action": r.action, "ImpersonationRoleId": id}),
        }).collect();
        let batch = org.call_many(Operation::GetAccessControlEffect, &inputs, &mut env);
        for (input, answer) in inputs.iter().zip(batch) {
            prop_assert_eq!(answer, org.call(Operation::GetAccessControlEffect, input, &mut env));
        }
    }

    #[test]
    fn the_batch_paths_answer_like_call(
        rules in rules(),
        organization_id in any::<bool>(),
        directory in any::<bool>(),
        requests in prop::collection::vec(batch_request(), 1..12),
    ) {
        let mut org = batch_organization(rules, organization_id, directory);
        let mut env = FixedEnvironment::new(1_700_000_000.0, 5);
        let operation = Operation::GetAccessControlEffect;
        let expected = |org: &mut Organization, input: &Value| {
            let mut env = FixedEnvironment::new(1_700_000_000.0, 5);
            org.call(operation, input, &mut env).unwrap_or_else(|error| error.to_json())
        };
        let want: Vec<Value> = requests.iter().map(|input| expected(&mut org, input)).collect();
        let mut cache = AccessCache::default();
        let text = Value::Array(requests.clone()).to_string();
        let got = org.call_many_json(operation, &text, &mut cache, &mut env).ok();
        let got: Option<Vec<Value>> = got.and_then(|text| serde_json::from_str(&text).ok());
        prop_assert_eq!(got.as_ref(), Some(&want));

        // The same requests as columns, where they can be: objects of the five members.
        let Some(columns) = columns_of(&requests) else {
            return Ok(());
        };
        let indexed = org.access_effects(&columns, &mut cache);
        prop_assert!(indexed.is_ok());
        let indexed = indexed.unwrap_or_default();
        for (at, request) in requests.iter().enumerate() {
            let answer = indexed.index.get(at).and_then(|slot| indexed.answers.get(*slot as usize));
            let answer: Option<Value> = answer.and_then(|text| serde_json::from_str(text).ok());
            prop_assert_eq!(answer, Some(expected(&mut org, &in_column_order(request))), "{}", request);
        }
    }

    #[test]
    fn loading_any_text_never_panics(text in ".{0,200}") {
        let _ = Organization::from_json(&text);
    }

    #[test]
    fn loading_json_like_text_never_panics(text in r#"[\[\]{}",:0-9a-zA-Z\\ .\-]{0,120}"#) {
        match Organization::from_json(&text) {
            Ok(_) => {}
            Err(error) => prop_assert!(error.diagnostics.iter().all(|d| d.line >= 1 && d.column >= 1)),
        }
    }

    #[test]
    fn every_operation_takes_any_json_without_panicking(input in arbitrary_json(), op in 0usize..11) {
        let mut org = Organization::default();
        let mut env = FixedEnvironment::new(1_700_000_000.0, 5);
        let operation = Operation::ALL[op];
        let _ = org.call(operation, &input, &mut env);
        let _ = org.call(operation, &json!({"Rules": input.clone(), "Name": input}), &mut env);
    }
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|n| json!(n)),
        ".{0,20}".prop_map(Value::String),
        prop::sample::select(vec![
            "EWS",
            "ALLOW",
            "10.0.0.0/8",
            "192.0.2.1",
            "READ_ONLY",
            "S-1-1-11-0000000001"
        ])
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "IpAddress",
                    "Action",
                    "UserId",
                    "ImpersonationRoleId",
                    "Name",
                    "Effect",
                    "Description",
                    "IpRanges",
                    "Rules",
                    "Type",
                    "TargetUser",
                    "TargetUsers",
                    "MaxResults",
                    "NextToken",
                    "x"
                ])
                .prop_map(str::to_owned),
                inner,
                0..6
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// The organization ID of the batch tests' organizations.
const ORGANIZATION_ID: &str = "m-0123456789abcdef0123456789abcdef";

/// An organization with `rules`, the roles of the pool, and (as asked) its ID and a directory
/// of the first two users (the second disabled).
fn batch_organization(
    rules: Vec<AccessControlRule>,
    organization_id: bool,
    directory: bool,
) -> Organization {
    let roles: Vec<Value> = ROLES
        .iter()
        .map(|id| json!({"ImpersonationRoleId": id, "Name": id, "Type": "READ_ONLY", "Rules": []}))
        .collect();
    let mut document = json!({"AccessControlRules": rules, "ImpersonationRoles": roles});
    if let Some(object) = document.as_object_mut() {
        if organization_id {
            object.insert("OrganizationId".into(), json!(ORGANIZATION_ID));
        }
        if directory {
            let users = json!([
                {"Id": USERS[0], "State": "ENABLED"},
                {"Id": USERS[1], "State": "DISABLED"}
            ]);
            object.insert("Users".into(), users);
        }
    }
    Organization::from_json(&document.to_string())
        .map(|loaded| loaded.organization)
        .unwrap_or_default()
}

/// A `GetAccessControlEffect` input: usually an object of members drawn from pools of valid
/// and invalid values (each member may be absent), sometimes with a member the shape does not
/// have, sometimes not an object at all.
fn batch_request() -> impl Strategy<Value = Value> {
    fn member(pool: Vec<Value>) -> impl Strategy<Value = Option<Value>> {
        prop::option::weighted(0.8, prop::sample::select(pool))
    }
    let organization_ids = vec![
        json!(ORGANIZATION_ID),
        json!("m-ffffffffffffffffffffffffffffffff"),
        json!("m-0123"),
        json!(7),
    ];
    let addresses = vec![
        json!("192.0.2.1"),
        json!("10.1.2.3"),
        json!("203.0.113.9"),
        json!("0.0.0.0"),
        json!("192.0.2.01"),
        json!("::1"),
        json!(""),
        json!(["192.0.2.1"]),
    ];
    let mut actions: Vec<Value> = Action::ALL.iter().map(|action| json!(action)).collect();
    actions.extend([json!("imap"), json!(""), Value::Null]);
    let mut users: Vec<Value> = USERS.iter().map(|id| json!(id)).collect();
    users.extend([json!("S-1-1-11-0000000009"), json!("short"), json!(1)]);
    let mut roles: Vec<Value> = ROLES.iter().map(|id| json!(id)).collect();
    roles.extend([json!("role-z"), json!("bad role")]);
    (
        prop::option::weighted(0.3, member(organization_ids)).prop_map(Option::flatten),
        member(addresses),
        member(actions),
        prop::option::weighted(0.8, member(users)).prop_map(Option::flatten),
        prop::option::weighted(0.3, member(roles)).prop_map(Option::flatten),
        prop::option::weighted(0.05, prop::sample::select(vec!["Extra", "userId"])),
        0u8..40,
    )
        .prop_map(|(organization_id, ip, action, user, role, extra, shape)| {
            if shape == 0 {
                return json!(["not", "an", "object"]);
            }
            let mut request = serde_json::Map::new();
            for (name, value) in [
                ("OrganizationId", organization_id),
                ("IpAddress", ip),
                ("Action", action),
                ("UserId", user),
                ("ImpersonationRoleId", role),
            ] {
                if let Some(value) = value {
                    request.insert(name.to_owned(), value);
                }
            }
            if let Some(extra) = extra {
                request.insert(extra.to_owned(), json!("x"));
            }
            Value::Object(request)
        })
}

/// The members of a request of [`Columns`], in the order such a request has them.
const COLUMN_MEMBERS: [&str; 5] = [
    "IpAddress",
    "Action",
    "UserId",
    "ImpersonationRoleId",
    "OrganizationId",
];

/// `requests` as columns (each member's list with `null` where a request lacks it), when every
/// request is an object of those members only, none of them `null`.
fn columns_of(requests: &[Value]) -> Option<Columns<'_>> {
    let objects: Vec<&serde_json::Map<String, Value>> = requests
        .iter()
        .map(Value::as_object)
        .collect::<Option<_>>()?;
    let fits = objects.iter().all(|object| {
        object
            .iter()
            .all(|(name, value)| COLUMN_MEMBERS.contains(&name.as_str()) && !value.is_null())
    });
    if !fits {
        return None;
    }
    let column = |name: &str| -> Vec<Member<'_>> {
        objects
            .iter()
            .map(|object| match object.get(name) {
                Some(Value::String(text)) => Member::Text(text.as_str().into()),
                Some(other) => Member::Other(other.clone()),
                None => Member::Other(Value::Null),
            })
            .collect()
    };
    Some(Columns {
        ip_addresses: IpColumn::Text(column("IpAddress")),
        actions: Column::Each(column("Action")),
        user_ids: Column::Each(column("UserId")),
        impersonation_role_ids: Column::Each(column("ImpersonationRoleId")),
        organization_ids: Column::Each(column("OrganizationId")),
    })
}

/// `request` with its members in the order of a request of [`Columns`].
fn in_column_order(request: &Value) -> Value {
    let mut ordered = serde_json::Map::new();
    for name in COLUMN_MEMBERS {
        if let Some(value) = request.get(name) {
            ordered.insert(name.to_owned(), value.clone());
        }
    }
    Value::Object(ordered)
}
