//! Structured fuzz inputs: rules, requests and whole organizations drawn from small vocabularies.
//!
//! Identifiers are picked from short fixed lists rather than generated freely, so that a rule's
//! user, a request's user and a directory entry are often the same (or differ only by letter
//! case), and address ranges are anchored at a few networks so that they overlap and share
//! boundaries. Free text would almost never collide and would test little.

use std::net::Ipv4Addr;

use arbitrary::Arbitrary;
use serde_json::{Map, Value, json};
use workmail_policy::{
    AccessControlRule, AccessRequest, Action, Effect, EntityState, ImpersonationRoleType, IpRange,
    Principal,
};

/// User IDs (and one that is also a role ID, to mix the two kinds up).
pub const USER_IDS: [&str; 5] = [
    "S-1-1-11-0000000001",
    "S-1-1-11-0000000002",
    "S-1-1-11-0000000003",
    "S-1-1-11-0000000004",
    "S-1-1-11-role-a-too",
];

/// Role IDs, one spelled like a user ID of [`USER_IDS`].
pub const ROLE_IDS: [&str; 4] = ["role-a", "role-b", "S-1-1-11-0000000001", "role-c"];

/// Emails for the directory, with case variants of one another.
pub const EMAILS: [&str; 5] = [
    "u1@example.com",
    "U1@Example.COM",
    "u2@example.com",
    "shared@example.com",
    "u3@example.org",
];

/// User names, one of them spelled as another user's email.
pub const NAMES: [&str; 5] = ["u1", "U1", "u2@example.com", "shared", "jane"];

/// Impersonation targets: every identifier above, plus names that are nobody.
pub const TARGETS: [&str; 20] = [
    "S-1-1-11-0000000001",
    "S-1-1-11-0000000002",
    "S-1-1-11-0000000003",
    "S-1-1-11-0000000004",
    "S-1-1-11-role-a-too",
    "u1@example.com",
    "U1@Example.COM",
    "u2@example.com",
    "U2@EXAMPLE.COM",
    "shared@example.com",
    "u3@example.org",
    "u1",
    "U1",
    "u2",
    "shared",
    "SHARED",
    "jane",
    "ghost",
    "nobody@example.com",
    "role-a",
];

/// Networks that ranges and addresses start from.
const ANCHORS: [[u8; 4]; 8] = [
    [0, 0, 0, 0],
    [10, 0, 0, 0],
    [10, 1, 0, 0],
    [10, 1, 2, 3],
    [192, 0, 2, 0],
    [192, 0, 2, 128],
    [203, 0, 113, 7],
    [255, 255, 255, 255],
];

/// The most entries of one list the AWS model allows (and the loader accepts).
pub const LIST_LIMIT: usize = 10;

/// An index into one of the vocabularies above.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub struct Pick(pub u8);

impl Pick {
    /// The picked entry.
    pub fn of<'a>(self, list: &[&'a str]) -> &'a str {
        let len = list.len().max(1);
        list.get(usize::from(self.0) % len).copied().unwrap_or("")
    }
}

/// An IPv4 address: one of the anchors with its last octet changed, or any address.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Address {
    /// An anchor, its last octet XOR-ed with the byte.
    Anchor(u8, u8),
    /// Any address.
    Raw(u32),
}

impl Address {
    /// The address.
    pub fn get(self) -> Ipv4Addr {
        match self {
            Self::Anchor(at, tweak) => {
                let [a, b, c, d] = Pick(at)
                    .index(ANCHORS.len())
                    .and_then(|at| ANCHORS.get(at))
                    .copied()
                    .unwrap_or_default();
                Ipv4Addr::new(a, b, c, d ^ tweak)
            }
            Self::Raw(bits) => Ipv4Addr::from(bits),
        }
    }
}

impl Pick {
    fn index(self, len: usize) -> Option<usize> {
        (len > 0).then(|| usize::from(self.0) % len)
    }
}

/// A CIDR range, host bits allowed (they are masked, D8).
#[derive(Debug, Clone, Copy, Arbitrary)]
pub struct Cidr {
    /// The written address.
    pub address: Address,
    /// The prefix length, taken modulo 33.
    pub prefix: u8,
}

impl Cidr {
    /// The range, written as AWS writes it.
    pub fn range(self) -> Option<IpRange> {
        self.text().parse().ok()
    }

    /// The range's text.
    pub fn text(self) -> String {
        format!("{}/{}", self.address.get(), self.prefix % 33)
    }
}

/// An access control rule.
#[derive(Debug, Clone, Arbitrary)]
pub struct RuleSpec {
    /// `ALLOW` or `DENY`.
    pub effect: Effect,
    /// `IpRanges`.
    pub ip_ranges: Vec<Cidr>,
    /// `NotIpRanges`.
    pub not_ip_ranges: Vec<Cidr>,
    /// `Actions`.
    pub actions: Vec<Action>,
    /// `NotActions`.
    pub not_actions: Vec<Action>,
    /// `UserIds`, from [`USER_IDS`].
    pub user_ids: Vec<Pick>,
    /// `NotUserIds`, from [`USER_IDS`].
    pub not_user_ids: Vec<Pick>,
    /// `ImpersonationRoleIds`, from [`ROLE_IDS`].
    pub role_ids: Vec<Pick>,
    /// `NotImpersonationRoleIds`, from [`ROLE_IDS`].
    pub not_role_ids: Vec<Pick>,
}

fn limited<T: Copy>(list: &[T], limit: usize) -> impl Iterator<Item = T> + '_ {
    list.iter().copied().take(limit)
}

impl RuleSpec {
    /// The rule, named `r<index>`, with at most `limit` entries per list.
    pub fn rule(&self, index: usize, limit: usize) -> AccessControlRule {
        let ranges = |list: &[Cidr]| limited(list, limit).filter_map(Cidr::range).collect();
        let ids = |list: &[Pick], vocabulary: &[&str]| {
            limited(list, limit)
                .map(|pick| pick.of(vocabulary).to_owned())
                .collect()
        };
        AccessControlRule {
            name: format!("r{index}"),
            effect: self.effect,
            description: None,
            ip_ranges: ranges(&self.ip_ranges),
            not_ip_ranges: ranges(&self.not_ip_ranges),
            actions: limited(&self.actions, limit).collect(),
            not_actions: limited(&self.not_actions, limit).collect(),
            user_ids: ids(&self.user_ids, &USER_IDS),
            not_user_ids: ids(&self.not_user_ids, &USER_IDS),
            date_created: None,
            date_modified: None,
            impersonation_role_ids: ids(&self.role_ids, &ROLE_IDS),
            not_impersonation_role_ids: ids(&self.not_role_ids, &ROLE_IDS),
        }
    }
}

/// Where a request comes from: any address, or next to a boundary of a range the rules use.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum RequestIp {
    /// An address.
    Address(Address),
    /// A boundary of the n-th range of the rules: its first or last address, or the one just
    /// outside either end.
    Edge(u8, u8),
}

/// Who asks.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum PrincipalSpec {
    /// A user of [`USER_IDS`].
    User(Pick),
    /// A role of [`ROLE_IDS`].
    Role(Pick),
    /// A user no vocabulary names.
    OtherUser,
    /// A role no vocabulary names.
    OtherRole,
}

/// An access request.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub struct RequestSpec {
    /// The address.
    pub ip: RequestIp,
    /// The action (a role asks with EWS when `roles_use_ews`).
    pub action: Action,
    /// The principal.
    pub principal: PrincipalSpec,
}

impl RequestSpec {
    /// The request against `rules`. With `roles_use_ews`, a role always asks with EWS, as the API
    /// requires (D11); without, any action goes, as the evaluators take it.
    pub fn request(&self, rules: &[AccessControlRule], roles_use_ews: bool) -> AccessRequest {
        let ip_address = match self.ip {
            RequestIp::Address(address) => address.get(),
            RequestIp::Edge(which, side) => edge(rules, which, side),
        };
        let (principal, is_role) = match self.principal {
            PrincipalSpec::User(pick) => (Principal::UserId(pick.of(&USER_IDS).to_owned()), false),
            PrincipalSpec::Role(pick) => (
                Principal::ImpersonationRoleId(pick.of(&ROLE_IDS).to_owned()),
                true,
            ),
            PrincipalSpec::OtherUser => {
                (Principal::UserId("S-1-1-11-0000009999".to_owned()), false)
            }
            PrincipalSpec::OtherRole => {
                (Principal::ImpersonationRoleId("role-zz".to_owned()), true)
            }
        };
        AccessRequest {
            ip_address,
            action: if is_role && roles_use_ews {
                Action::Ews
            } else {
                self.action
            },
            principal,
        }
    }
}

fn edge(rules: &[AccessControlRule], which: u8, side: u8) -> Ipv4Addr {
    let ranges: Vec<&IpRange> = rules
        .iter()
        .flat_map(|rule| rule.ip_ranges.iter().chain(&rule.not_ip_ranges))
        .collect();
    let Some(range) = Pick(which)
        .index(ranges.len())
        .and_then(|at| ranges.get(at))
    else {
        return Ipv4Addr::UNSPECIFIED;
    };
    let network = range.network();
    let (low, high) = (u32::from(network.network()), u32::from(network.broadcast()));
    Ipv4Addr::from(match side % 4 {
        0 => low,
        1 => high,
        2 => low.wrapping_sub(1),
        _ => high.wrapping_add(1),
    })
}

/// A directory user.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub struct UserSpec {
    /// From [`USER_IDS`].
    pub id: Pick,
    /// From [`EMAILS`].
    pub email: Option<Pick>,
    /// From [`NAMES`].
    pub name: Option<Pick>,
    /// The state.
    pub state: Option<EntityState>,
}

/// One rule of an impersonation role.
#[derive(Debug, Clone, Arbitrary)]
pub struct ImpersonationRuleSpec {
    /// `ALLOW` or `DENY`.
    pub effect: Effect,
    /// Whether the rule has a name.
    pub named: bool,
    /// `TargetUsers`, from [`TARGETS`].
    pub targets: Vec<Pick>,
    /// `NotTargetUsers`, from [`TARGETS`].
    pub not_targets: Vec<Pick>,
}

/// An impersonation role.
#[derive(Debug, Clone, Arbitrary)]
pub struct RoleSpec {
    /// From [`ROLE_IDS`].
    pub id: Pick,
    /// The type.
    pub role_type: ImpersonationRoleType,
    /// Its rules.
    pub rules: Vec<ImpersonationRuleSpec>,
}

/// Device strings for mobile rule entries and requests: prefixes of one another, case variants,
/// `$NONE` in two spellings, and a version that is a prefix of later ones (D28-D30).
pub const DEVICE_WORDS: [&str; 12] = [
    "iPhone",
    "iphone10C1",
    "IPAD",
    "Android",
    "android 8.1.0",
    "iOS 1",
    "iOS 16.",
    "iOS 16.1 20B82",
    "$NONE",
    "$none",
    "É",
    "é1",
];

/// Device IDs of overrides, with a case variant.
pub const DEVICE_IDS: [&str; 3] = [
    "6APMEKPHCP2ND42VIJ4BR8ECDO",
    "6apmekphcp2nd42vij4br8ecdo",
    "ABC",
];

/// A mobile device access rule: its effect and its eight lists (empty: absent).
#[derive(Debug, Clone, Arbitrary)]
pub struct MobileRuleSpec {
    /// `ALLOW` or `DENY`.
    pub effect: Effect,
    /// The eight lists, in the order of the AWS shape, from [`DEVICE_WORDS`].
    pub lists: [Vec<Pick>; 8],
}

/// A mobile device access override.
#[derive(Debug, Clone, Arbitrary)]
pub struct OverrideSpec {
    /// From [`TARGETS`].
    pub user: Pick,
    /// From [`DEVICE_IDS`].
    pub device: Pick,
    /// `ALLOW` or `DENY`.
    pub effect: Effect,
}

/// A whole organization document.
#[derive(Debug, Clone, Arbitrary)]
pub struct OrganizationSpec {
    /// `Users` (absent: the directory is unknown, D2).
    pub users: Option<Vec<UserSpec>>,
    /// `AccessControlRules` (absent: only the default rule, D1).
    pub rules: Option<Vec<RuleSpec>>,
    /// `ImpersonationRoles`.
    pub roles: Vec<RoleSpec>,
    /// `MobileDeviceAccessRules` (absent: only the default mobile rule, D26).
    pub mobile_rules: Option<Vec<MobileRuleSpec>>,
    /// `MobileDeviceAccessOverrides`.
    pub overrides: Vec<OverrideSpec>,
}

/// The most access control rules and roles a generated document holds: past the AWS limits
/// (10 and 20), which the loader only warns about.
const MAX_RULES: usize = 12;
const MAX_ROLES: usize = 6;

impl OrganizationSpec {
    /// The document: loadable by construction (unique IDs and names, lists within limits).
    pub fn document(&self) -> Value {
        let mut document = Map::new();
        if let Some(users) = &self.users {
            let mut seen = Vec::new();
            let users: Vec<Value> = users
                .iter()
                .filter(|user| {
                    let id = user.id.of(&USER_IDS);
                    let fresh = !seen.contains(&id);
                    seen.push(id);
                    fresh
                })
                .map(|user| {
                    let mut entry = Map::new();
                    entry.insert("Id".into(), json!(user.id.of(&USER_IDS)));
                    if let Some(email) = user.email {
                        entry.insert("Email".into(), json!(email.of(&EMAILS)));
                    }
                    if let Some(name) = user.name {
                        entry.insert("Name".into(), json!(name.of(&NAMES)));
                    }
                    if let Some(state) = user.state {
                        entry.insert("State".into(), json!(state));
                    }
                    Value::Object(entry)
                })
                .collect();
            document.insert("Users".into(), Value::Array(users));
        }
        if let Some(rules) = &self.rules {
            let rules: Vec<AccessControlRule> = rules
                .iter()
                .take(MAX_RULES)
                .enumerate()
                .map(|(at, rule)| rule.rule(at, LIST_LIMIT))
                .collect();
            document.insert("AccessControlRules".into(), json!(rules));
        }
        let mut seen = Vec::new();
        let roles: Vec<Value> = self
            .roles
            .iter()
            .filter(|role| {
                let id = role.id.of(&ROLE_IDS);
                let fresh = !seen.contains(&id);
                seen.push(id);
                fresh
            })
            .take(MAX_ROLES)
            .map(|role| {
                let rules: Vec<Value> = role
                    .rules
                    .iter()
                    .take(LIST_LIMIT)
                    .enumerate()
                    .map(|(at, rule)| {
                        let targets = |list: &[Pick]| -> Vec<&str> {
                            limited(list, LIST_LIMIT)
                                .map(|pick| pick.of(&TARGETS))
                                .collect()
                        };
                        let mut entry = Map::new();
                        entry.insert("ImpersonationRuleId".into(), json!(format!("i{at}")));
                        if rule.named {
                            entry.insert("Name".into(), json!(format!("rule {at}")));
                        }
                        entry.insert("Effect".into(), json!(rule.effect));
                        entry.insert("TargetUsers".into(), json!(targets(&rule.targets)));
                        entry.insert("NotTargetUsers".into(), json!(targets(&rule.not_targets)));
                        Value::Object(entry)
                    })
                    .collect();
                json!({
                    "ImpersonationRoleId": role.id.of(&ROLE_IDS),
                    "Name": format!("role {}", role.id.of(&ROLE_IDS)),
                    "Type": role.role_type,
                    "Rules": rules,
                })
            })
            .collect();
        document.insert("ImpersonationRoles".into(), Value::Array(roles));
        if let Some(rules) = &self.mobile_rules {
            document.insert("MobileDeviceAccessRules".into(), mobile_rules(rules));
        }
        let mut seen = Vec::new();
        let overrides: Vec<Value> = self
            .overrides
            .iter()
            .filter(|item| {
                // One override per user text and device ID ignoring case, so the document
                // loads (D38); the same user under two identifiers may still collide, which
                // the loader refuses and the targets then skip.
                let key = (
                    item.user.of(&TARGETS),
                    item.device.of(&DEVICE_IDS).to_ascii_lowercase(),
                );
                let fresh = !seen.contains(&key);
                seen.push(key);
                fresh
            })
            .map(|item| {
                json!({
                    "UserId": item.user.of(&TARGETS),
                    "DeviceId": item.device.of(&DEVICE_IDS),
                    "Effect": item.effect,
                })
            })
            .collect();
        if !overrides.is_empty() {
            document.insert(
                "MobileDeviceAccessOverrides".into(),
                Value::Array(overrides),
            );
        }
        Value::Object(document)
    }
}

/// The mobile rules of a document: IDs `m0`, `m1`... and at most [`MAX_RULES`] of them (past
/// the limit of ten, which the loader only warns about).
fn mobile_rules(rules: &[MobileRuleSpec]) -> Value {
    const MEMBERS: [&str; 8] = [
        "DeviceTypes",
        "NotDeviceTypes",
        "DeviceModels",
        "NotDeviceModels",
        "DeviceOperatingSystems",
        "NotDeviceOperatingSystems",
        "DeviceUserAgents",
        "NotDeviceUserAgents",
    ];
    let rules: Vec<Value> = rules
        .iter()
        .take(MAX_RULES)
        .enumerate()
        .map(|(at, rule)| {
            let mut entry = Map::new();
            entry.insert("MobileDeviceAccessRuleId".into(), json!(format!("m{at}")));
            entry.insert("Name".into(), json!(format!("mobile {at}")));
            entry.insert("Effect".into(), json!(rule.effect));
            for (member, list) in MEMBERS.iter().zip(&rule.lists) {
                let entries: Vec<&str> = limited(list, LIST_LIMIT)
                    .map(|pick| pick.of(&DEVICE_WORDS))
                    .collect();
                if !entries.is_empty() {
                    entry.insert((*member).into(), json!(entries));
                }
            }
            Value::Object(entry)
        })
        .collect();
    Value::Array(rules)
}
