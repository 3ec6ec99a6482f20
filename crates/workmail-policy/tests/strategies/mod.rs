//! Proptest strategies shared by the property tests: small pools of users, roles and networks,
//! so that generated rules often overlap each other and the generated requests.

use proptest::prelude::*;
use serde_json::{Value, json};
use workmail_policy::Action;

/// Users that rules name and requests come from.
pub const USERS: [&str; 3] = [
    "S-1-1-11-0000000001",
    "S-1-1-11-0000000002",
    "S-1-1-11-0000000003",
];
/// Impersonation roles that rules name and requests come from.
pub const ROLES: [&str; 2] = ["role-a", "role-b"];

/// A CIDR range from a few networks, prefixes 0 to 32 (host bits included).
pub fn cidr() -> impl Strategy<Value = String> {
    // Few distinct networks, so that ranges often overlap each other and the requests.
    (prop::sample::select(vec![0u8, 10, 192]), 0u8..4, 0u8..=32).prop_map(|(a, b, prefix)| {
        let prefix = if a == 0 { prefix.min(2) } else { prefix };
        format!("{a}.{b}.{}.{}/{prefix}", b * 3, b * 7)
    })
}

/// Up to three items of `items`, in order.
pub fn subset<T: Clone + std::fmt::Debug + 'static>(
    items: &'static [T],
) -> impl Strategy<Value = Vec<T>> {
    prop::sample::subsequence(items.to_vec(), 0..=items.len().min(3))
}

/// An access control rule named `rule-{index}` with every condition list drawn from the pools.
pub fn access_rule(index: usize) -> impl Strategy<Value = Value> {
    (
        any::<bool>(),
        prop::collection::vec(cidr(), 0..3),
        prop::collection::vec(cidr(), 0..2),
        subset(&Action::ALL),
        subset(&Action::ALL),
        subset(&USERS),
        subset(&USERS),
        subset(&ROLES),
        subset(&ROLES),
    )
        .prop_map(
            move |(deny, ip, not_ip, actions, not_actions, users, not_users, roles, not_roles)| {
                json!({
                    "Name": format!("rule-{index}"),
                    "Effect": if deny { "DENY" } else { "ALLOW" },
                    "IpRanges": ip, "NotIpRanges": not_ip,
                    "Actions": actions, "NotActions": not_actions,
                    "UserIds": users, "NotUserIds": not_users,
                    "ImpersonationRoleIds": roles, "NotImpersonationRoleIds": not_roles,
                })
            },
        )
}
