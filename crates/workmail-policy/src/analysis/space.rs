//! The access request space cut into classes that every rule treats alike: IPv4 intervals between
//! the boundaries of the rules' IP conditions, the seven actions, and the principals named in the
//! documents plus "any other user" and "any other role".
//!
//! Each rule is compiled once: its IP condition becomes one set of address intervals
//! (`IpRanges` minus `NotIpRanges`), its action and principal conditions become one bit per
//! action and per principal. A class of requests then matches the rules whose three bits are set,
//! so an answer costs a few word operations instead of a scan of every CIDR.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::net::Ipv4Addr;
use std::ops::Range;

use ipnet::{Ipv4Net, Ipv4Subnets};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::eval::access::Principal;
use crate::eval::combine;
use crate::model::{AccessControlRule, Action, Effect, IpRange};
use crate::org::Organization;
use crate::shape::printable;

// ---------------------------------------------------------------------------------------------
// Address sets.

/// A set of IPv4 addresses: sorted, disjoint, non-adjacent inclusive intervals.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct IpSet {
    spans: Vec<(u32, u32)>,
}

impl IpSet {
    /// Every address.
    pub(crate) fn all() -> Self {
        Self {
            spans: vec![(0, u32::MAX)],
        }
    }

    /// The union of intervals given in any order.
    pub(crate) fn from_spans(spans: Vec<(u32, u32)>) -> Self {
        // Sorted as `u64`s (start in the high half: the same order as the pairs') so that every
        // integer sort shares one instance of the standard sort.
        let mut packed: Vec<u64> = spans
            .iter()
            .map(|&(start, end)| (u64::from(start) << 32) | u64::from(end))
            .collect();
        crate::sort::sort_u64(&mut packed);
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(packed.len());
        for (start, end) in packed
            .into_iter()
            .map(|pair| ((pair >> 32) as u32, pair as u32))
        {
            match merged.last_mut() {
                Some(last) if last.1 == u32::MAX || start <= last.1 + 1 => {
                    last.1 = last.1.max(end);
                }
                _ => merged.push((start, end)),
            }
        }
        Self { spans: merged }
    }

    /// The union of networks.
    pub(crate) fn from_nets<'a>(nets: impl IntoIterator<Item = &'a Ipv4Net>) -> Self {
        Self::from_spans(nets.into_iter().map(net_span).collect())
    }

    /// The union of rule ranges, each matched after masking (D8).
    pub(crate) fn of_ranges(ranges: &[IpRange]) -> Self {
        Self::from_spans(
            ranges
                .iter()
                .map(|range| net_span(&range.network()))
                .collect(),
        )
    }

    /// The intervals.
    pub(crate) fn spans(&self) -> &[(u32, u32)] {
        &self.spans
    }

    /// Whether the set is empty.
    pub(crate) fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Whether the set holds every address.
    pub(crate) fn is_all(&self) -> bool {
        self.spans == [(0, u32::MAX)]
    }

    /// Whether `address` is in the set.
    pub(crate) fn contains(&self, address: u32) -> bool {
        let after = self.spans.partition_point(|(start, _)| *start <= address);
        after
            .checked_sub(1)
            .and_then(|at| self.spans.get(at))
            .is_some_and(|(_, end)| address <= *end)
    }

    /// Whether any address from `start` to `end` (inclusive) is in the set.
    pub(crate) fn intersects(&self, start: u32, end: u32) -> bool {
        let at = self.spans.partition_point(|(_, last)| *last < start);
        self.spans.get(at).is_some_and(|(first, _)| *first <= end)
    }

    /// Every address not in the set.
    pub(crate) fn complement(&self) -> Self {
        let mut spans = Vec::with_capacity(self.spans.len() + 1);
        let mut next: Option<u32> = Some(0);
        for (start, end) in &self.spans {
            if let Some(from) = next
                && from < *start
            {
                spans.push((from, start - 1));
            }
            next = end.checked_add(1);
        }
        if let Some(from) = next {
            spans.push((from, u32::MAX));
        }
        Self { spans }
    }

    /// The addresses in both sets.
    pub(crate) fn intersection(&self, other: &Self) -> Self {
        let mut spans = Vec::new();
        let (mut a, mut b) = (self.spans.iter().peekable(), other.spans.iter().peekable());
        while let (Some(&&(a_start, a_end)), Some(&&(b_start, b_end))) = (a.peek(), b.peek()) {
            let (start, end) = (a_start.max(b_start), a_end.min(b_end));
            if start <= end {
                spans.push((start, end));
            }
            if a_end < b_end {
                a.next();
            } else {
                b.next();
            }
        }
        Self { spans }
    }

    /// The addresses in this set and not in `other`.
    pub(crate) fn difference(&self, other: &Self) -> Self {
        self.intersection(&other.complement())
    }

    /// The fewest CIDR networks covering exactly this set, in address order.
    pub(crate) fn to_nets(&self) -> Vec<Ipv4Net> {
        self.spans
            .iter()
            .flat_map(|(start, end)| {
                Ipv4Subnets::new(Ipv4Addr::from(*start), Ipv4Addr::from(*end), 0)
            })
            .collect()
    }
}

/// The first and last address of a network.
pub(crate) fn net_span(net: &Ipv4Net) -> (u32, u32) {
    (u32::from(net.network()), u32::from(net.broadcast()))
}

/// The addresses for which a rule's IP conditions hold: `IpRanges` (all, when empty) minus
/// `NotIpRanges`.
pub(crate) fn rule_ips(rule: &AccessControlRule) -> IpSet {
    let included = if rule.ip_ranges.is_empty() {
        IpSet::all()
    } else {
        IpSet::of_ranges(&rule.ip_ranges)
    };
    included.difference(&IpSet::of_ranges(&rule.not_ip_ranges))
}

// ---------------------------------------------------------------------------------------------
// Principals.

/// A principal of the decision table: a user or role the documents name, or everyone else of
/// that kind.
///
/// Serialized as `{"UserId": ...}`, `{"ImpersonationRoleId": ...}`, `{"OtherUser": true}` or
/// `{"OtherRole": true}`.
///
/// ```
/// use workmail_policy::analysis::TablePrincipal;
/// let json = serde_json::to_string(&[TablePrincipal::UserId("S-1-1-11-1".into()), TablePrincipal::OtherRole]).unwrap();
/// assert_eq!(json, r#"[{"UserId":"S-1-1-11-1"},{"OtherRole":true}]"#);
/// let back: Vec<TablePrincipal> = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, [TablePrincipal::UserId("S-1-1-11-1".into()), TablePrincipal::OtherRole]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TablePrincipal {
    /// A user named in a rule or in the directory.
    UserId(String),
    /// An impersonation role named in a rule or in the document's roles.
    ImpersonationRoleId(String),
    /// Any user named nowhere in the documents.
    OtherUser,
    /// Any impersonation role named nowhere in the documents.
    OtherRole,
}

impl TablePrincipal {
    /// `principal` as a table names it, and the principal that stands for every other one of
    /// its kind.
    pub fn named_and_other(principal: &Principal) -> (Self, Self) {
        match principal {
            Principal::UserId(id) => (Self::UserId(id.clone()), Self::OtherUser),
            Principal::ImpersonationRoleId(id) => {
                (Self::ImpersonationRoleId(id.clone()), Self::OtherRole)
            }
        }
    }

    /// The table principal `principal` falls under when the table names `named`: itself when
    /// named, otherwise the other one of its kind.
    ///
    /// ```
    /// use workmail_policy::Principal;
    /// use workmail_policy::analysis::TablePrincipal;
    /// let named = [TablePrincipal::UserId("S-1-1-11-1".into()), TablePrincipal::OtherUser];
    /// let listed = Principal::UserId("S-1-1-11-1".into());
    /// let unlisted = Principal::UserId("S-1-1-11-2".into());
    /// assert_eq!(TablePrincipal::under(&listed, &named), named[0]);
    /// assert_eq!(TablePrincipal::under(&unlisted, &named), TablePrincipal::OtherUser);
    /// ```
    pub fn under(principal: &Principal, named: &[Self]) -> Self {
        let (own, other) = Self::named_and_other(principal);
        if named.contains(&own) { own } else { other }
    }

    /// Whether this stands for users (as opposed to impersonation roles).
    pub const fn is_user(&self) -> bool {
        matches!(self, Self::UserId(_) | Self::OtherUser)
    }

    /// The user or role ID; `None` for the "other" entries.
    ///
    /// ```
    /// use workmail_policy::analysis::TablePrincipal;
    /// assert_eq!(TablePrincipal::UserId("a".into()).id(), Some("a"));
    /// assert_eq!(TablePrincipal::OtherRole.id(), None);
    /// ```
    pub fn id(&self) -> Option<&str> {
        match self {
            Self::UserId(id) | Self::ImpersonationRoleId(id) => Some(id),
            Self::OtherUser | Self::OtherRole => None,
        }
    }
}

impl Serialize for TablePrincipal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Self::UserId(id) => map.serialize_entry("UserId", id)?,
            Self::ImpersonationRoleId(id) => map.serialize_entry("ImpersonationRoleId", id)?,
            Self::OtherUser => map.serialize_entry("OtherUser", &true)?,
            Self::OtherRole => map.serialize_entry("OtherRole", &true)?,
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for TablePrincipal {
    /// Reads back what [`Serialize`] writes (the flag of `{"OtherUser": true}` is not read).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        enum Written {
            UserId(String),
            ImpersonationRoleId(String),
            OtherUser(serde::de::IgnoredAny),
            OtherRole(serde::de::IgnoredAny),
        }
        Ok(match Written::deserialize(deserializer)? {
            Written::UserId(id) => Self::UserId(id),
            Written::ImpersonationRoleId(id) => Self::ImpersonationRoleId(id),
            Written::OtherUser(_) => Self::OtherUser,
            Written::OtherRole(_) => Self::OtherRole,
        })
    }
}

impl fmt::Display for TablePrincipal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UserId(id) => write!(f, "user `{}`", printable(id)),
            Self::ImpersonationRoleId(id) => write!(f, "role `{}`", printable(id)),
            Self::OtherUser => f.write_str("any other user"),
            Self::OtherRole => f.write_str("any other role"),
        }
    }
}

/// A list in first-seen order without repeats, in linear time.
#[derive(Default)]
struct UniqueList {
    items: Vec<TablePrincipal>,
    seen: HashSet<TablePrincipal>,
}

impl UniqueList {
    fn push(&mut self, principal: TablePrincipal) {
        if self.seen.insert(principal.clone()) {
            self.items.push(principal);
        }
    }
}

/// Every principal the organizations name, in a stable order: directory users, users named in
/// rules, any other user, the roles, roles named in rules, any other role.
pub(crate) fn principals_of(organizations: &[&Organization]) -> Vec<TablePrincipal> {
    let mut users = UniqueList::default();
    let mut roles = UniqueList::default();
    for organization in organizations {
        for user in organization.users().unwrap_or_default() {
            users.push(TablePrincipal::UserId(user.id.clone()));
        }
        for role in organization.impersonation_roles() {
            roles.push(TablePrincipal::ImpersonationRoleId(
                role.impersonation_role_id.clone(),
            ));
        }
    }
    for organization in organizations {
        for rule in organization.access_control_rules() {
            for id in rule.user_ids.iter().chain(&rule.not_user_ids) {
                users.push(TablePrincipal::UserId(id.clone()));
            }
            let role_ids = rule
                .impersonation_role_ids
                .iter()
                .chain(&rule.not_impersonation_role_ids);
            for id in role_ids {
                roles.push(TablePrincipal::ImpersonationRoleId(id.clone()));
            }
        }
    }
    let mut all = users.items;
    all.push(TablePrincipal::OtherUser);
    all.extend(roles.items);
    all.push(TablePrincipal::OtherRole);
    all
}

/// Whether a rule's four principal conditions hold for a principal (D5).
pub(crate) fn principal_holds(rule: &AccessControlRule, principal: &TablePrincipal) -> bool {
    let listed =
        |list: &[String], id: Option<&str>| id.is_some_and(|id| list.iter().any(|e| e == id));
    let (user, role) = match principal {
        TablePrincipal::UserId(id) => (Some(Some(id.as_str())), None),
        TablePrincipal::OtherUser => (Some(None), None),
        TablePrincipal::ImpersonationRoleId(id) => (None, Some(Some(id.as_str()))),
        TablePrincipal::OtherRole => (None, Some(None)),
    };
    let include = |list: &[String], id: Option<Option<&str>>| {
        list.is_empty() || id.is_some_and(|id| listed(list, id))
    };
    let exclude =
        |list: &[String], id: Option<Option<&str>>| !id.is_some_and(|id| listed(list, id));
    include(&rule.user_ids, user)
        && exclude(&rule.not_user_ids, user)
        && include(&rule.impersonation_role_ids, role)
        && exclude(&rule.not_impersonation_role_ids, role)
}

/// Whether a rule's action conditions hold for an action.
pub(crate) fn action_holds(rule: &AccessControlRule, action: Action) -> bool {
    (rule.actions.is_empty() || rule.actions.contains(&action))
        && !rule.not_actions.contains(&action)
}

// ---------------------------------------------------------------------------------------------
// Rule sets.

/// A set of rule indices.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Bits(Vec<u64>);

impl Bits {
    /// No rule, for `len` rules.
    pub(crate) fn empty(len: usize) -> Self {
        Self(vec![0; len.div_ceil(64).max(1)])
    }

    /// Adds rule `at`.
    pub(crate) fn insert(&mut self, at: usize) {
        if let Some(word) = self.0.get_mut(at / 64) {
            *word |= 1 << (at % 64);
        }
    }

    /// Whether rule `at` is in the set.
    pub(crate) fn contains(&self, at: usize) -> bool {
        self.0
            .get(at / 64)
            .is_some_and(|word| word & (1 << (at % 64)) != 0)
    }

    /// The rules in both sets.
    pub(crate) fn and(&self, other: &Self) -> Self {
        Self(self.0.iter().zip(&other.0).map(|(a, b)| a & b).collect())
    }

    /// The rule indices, ascending.
    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(at, word)| {
            (0..64)
                .filter(move |bit| word & (1 << bit) != 0)
                .map(move |bit| at * 64 + bit)
        })
    }
}

/// A set of (action, principal) pairs that every rule treats alike.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    /// The rules whose action and principal conditions hold.
    pub(crate) bits: Bits,
    /// The pairs, as (action, principal index).
    pub(crate) pairs: Vec<(Action, usize)>,
}

/// A product of address set, actions and principals, with what the caller computed for it.
#[derive(Debug, Clone)]
pub(crate) struct Row<K> {
    pub(crate) ips: IpSet,
    pub(crate) actions: Vec<Action>,
    pub(crate) principals: Vec<usize>,
    pub(crate) key: K,
}

/// The compiled rules of one or more documents over the request space.
#[derive(Debug, Clone)]
pub(crate) struct Space<'r> {
    rules: Vec<&'r AccessControlRule>,
    /// Start of each address interval, ascending, the first 0.
    starts: Vec<u32>,
    /// The class of each address interval.
    interval_class: Vec<usize>,
    principals: Vec<TablePrincipal>,
    columns: Vec<Column>,
    /// Every distinct set of matching rules a cell has.
    matched: Vec<Bits>,
    /// Per column, per class: the index in `matched` of the cell's matching rules.
    cells: Vec<Vec<usize>>,
}

impl<'r> Space<'r> {
    /// Compiles `rules` for `principals`.
    pub(crate) fn new(rules: Vec<&'r AccessControlRule>, principals: Vec<TablePrincipal>) -> Self {
        let count = rules.len();
        let ip_sets: Vec<IpSet> = rules.iter().map(|rule| rule_ips(rule)).collect();
        // Sorted as `u64`s so that every integer sort shares one instance of the standard sort.
        let mut wide: Vec<u64> = vec![0];
        for set in &ip_sets {
            for (start, end) in set.spans() {
                wide.push(u64::from(*start));
                wide.extend(end.checked_add(1).map(u64::from));
            }
        }
        crate::sort::sort_u64(&mut wide);
        wide.dedup();
        let starts: Vec<u32> = wide.into_iter().map(|start| start as u32).collect();
        let words = count.div_ceil(64).max(1);
        let mut flat = vec![0u64; starts.len() * words];
        for (rule, set) in ip_sets.iter().enumerate() {
            let mut spans = set.spans().iter().peekable();
            let (word, bit) = (rule / 64, 1u64 << (rule % 64));
            for (start, chunk) in starts.iter().zip(flat.chunks_mut(words)) {
                while spans.peek().is_some_and(|(_, end)| end < start) {
                    spans.next();
                }
                if spans.peek().is_some_and(|(first, _)| first <= start)
                    && let Some(slot) = chunk.get_mut(word)
                {
                    *slot |= bit;
                }
            }
        }
        let mut classes: BTreeMap<&[u64], usize> = BTreeMap::new();
        let mut class_bits = Vec::new();
        let mut merged_starts = Vec::with_capacity(starts.len());
        let mut interval_class: Vec<usize> = Vec::with_capacity(starts.len());
        for (start, chunk) in starts.iter().zip(flat.chunks(words)) {
            let next = classes.len();
            let class = *classes.entry(chunk).or_insert_with(|| {
                class_bits.push(Bits(chunk.to_vec()));
                next
            });
            if interval_class.last() != Some(&class) {
                merged_starts.push(*start);
                interval_class.push(class);
            }
        }
        let action_bits: Vec<Bits> = Action::ALL
            .into_iter()
            .map(|action| bits_of(&rules, |rule| action_holds(rule, action)))
            .collect();
        let principal_bits: Vec<Bits> = principals
            .iter()
            .map(|principal| bits_of(&rules, |rule| principal_holds(rule, principal)))
            .collect();
        let columns = columns(&action_bits, &principal_bits, &principals);
        let (matched, cells) = cells(&class_bits, &columns);
        Self {
            rules,
            starts: merged_starts,
            interval_class,
            principals,
            columns,
            matched,
            cells,
        }
    }

    /// The rules, in the order given.
    pub(crate) fn rules(&self) -> &[&'r AccessControlRule] {
        &self.rules
    }

    /// The principals.
    pub(crate) fn principals(&self) -> &[TablePrincipal] {
        &self.principals
    }

    /// The columns.
    pub(crate) fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// Every distinct set of matching rules of a cell.
    pub(crate) fn matched_sets(&self) -> &[Bits] {
        &self.matched
    }

    /// The cells of a column: per class, the index of its matching rules in
    /// [`Space::matched_sets`].
    pub(crate) fn column_cells(&self, column: usize) -> &[usize] {
        self.cells.get(column).map_or(&[], Vec::as_slice)
    }

    /// The addresses of each class, by class.
    pub(crate) fn class_ips(&self) -> Vec<IpSet> {
        let classes = self.interval_class.iter().max().map_or(0, |last| last + 1);
        let mut spans: Vec<Vec<(u32, u32)>> = vec![Vec::new(); classes];
        for (at, (start, class)) in self.starts.iter().zip(&self.interval_class).enumerate() {
            let end = self
                .starts
                .get(at + 1)
                .map_or(u32::MAX, |next| next.saturating_sub(1));
            if let Some(list) = spans.get_mut(*class) {
                list.push((*start, end));
            }
        }
        spans.into_iter().map(IpSet::from_spans).collect()
    }

    /// The class of an address.
    pub(crate) fn class_of(&self, address: Ipv4Addr) -> usize {
        let after = self
            .starts
            .partition_point(|start| *start <= u32::from(address));
        after
            .checked_sub(1)
            .and_then(|at| self.interval_class.get(at))
            .copied()
            .unwrap_or(0)
    }

    /// The index of the principal a request names (the "other" one when it is not named).
    pub(crate) fn principal_index(&self, principal: &Principal) -> usize {
        let (named, other) = TablePrincipal::named_and_other(principal);
        let find = |wanted: &TablePrincipal| self.principals.iter().position(|p| p == wanted);
        find(&named).or_else(|| find(&other)).unwrap_or(0)
    }

    /// The effect and the deciding rules (indices relative to `side`) of the rules `side` for a
    /// set of matching rules (D6).
    pub(crate) fn decide(&self, matched: &Bits, side: Range<usize>) -> (Effect, Vec<usize>) {
        let of = |effect: Effect| -> Vec<usize> {
            matched
                .iter()
                .filter(|at| side.contains(at))
                .filter(|at| {
                    self.rules
                        .get(*at)
                        .is_some_and(|rule| rule.effect == effect)
                })
                .map(|at| at - side.start)
                .collect()
        };
        combine(of)
    }

    /// The space cut into rows of equal `key`, where `key` sees the rules matching a cell. Rows
    /// partition the space; cells with equal keys are merged into as few products as the
    /// grouping finds.
    pub(crate) fn rows<K: Ord + Clone>(&self, mut key: impl FnMut(&Bits) -> K) -> Vec<Row<K>> {
        // The key of each distinct matching set, interned.
        let mut keys: BTreeMap<K, usize> = BTreeMap::new();
        let key_of: Vec<usize> = self
            .matched
            .iter()
            .map(|bits| {
                let next = keys.len();
                *keys.entry(key(bits)).or_insert(next)
            })
            .collect();
        let mut by_id: Vec<Option<K>> = vec![None; keys.len()];
        for (value, id) in keys {
            if let Some(slot) = by_id.get_mut(id) {
                *slot = Some(value);
            }
        }
        // Columns with the same key in every class behave alike.
        let mut behaviours: BTreeMap<Vec<usize>, Vec<usize>> = BTreeMap::new();
        for (at, cells) in self.cells.iter().enumerate() {
            let per_class: Vec<usize> = cells
                .iter()
                .map(|matched| key_of.get(*matched).copied().unwrap_or(0))
                .collect();
            behaviours.entry(per_class).or_default().push(at);
        }
        let mut rows = Vec::new();
        for (per_class, columns) in behaviours {
            // Walk the address intervals in order, so each key's spans come sorted.
            let mut per_key: BTreeMap<usize, Vec<(u32, u32)>> = BTreeMap::new();
            for (at, (start, class)) in self.starts.iter().zip(&self.interval_class).enumerate() {
                let end = self
                    .starts
                    .get(at + 1)
                    .map_or(u32::MAX, |next| next.saturating_sub(1));
                let id = per_class.get(*class).copied().unwrap_or(0);
                let spans = per_key.entry(id).or_default();
                match spans.last_mut() {
                    Some(last) if last.1.checked_add(1) == Some(*start) => last.1 = end,
                    _ => spans.push((*start, end)),
                }
            }
            let pairs: Vec<(Action, usize)> = columns
                .iter()
                .filter_map(|at| self.columns.get(*at))
                .flat_map(|column| column.pairs.iter().copied())
                .collect();
            let products = products(&pairs);
            for (id, spans) in per_key {
                let Some(Some(value)) = by_id.get(id) else {
                    continue;
                };
                let ips = IpSet { spans };
                for (actions, principals) in &products {
                    rows.push(Row {
                        ips: ips.clone(),
                        actions: actions.clone(),
                        principals: principals.clone(),
                        key: value.clone(),
                    });
                }
            }
        }
        crate::sort::sort_by_key(&mut rows, |row| {
            (
                row.principals.first().copied(),
                row.actions.first().copied(),
                row.ips.spans().first().copied(),
            )
        });
        rows
    }
}

/// Interns the matching rules of every (column, class) cell: the distinct sets, and per column
/// and class the index of its set.
fn cells(class_bits: &[Bits], columns: &[Column]) -> (Vec<Bits>, Vec<Vec<usize>>) {
    let mut index: HashMap<Vec<u64>, usize> = HashMap::new();
    let mut matched: Vec<Bits> = Vec::new();
    let mut buffer: Vec<u64> = Vec::new();
    let cells = columns
        .iter()
        .map(|column| {
            class_bits
                .iter()
                .map(|class| {
                    buffer.clear();
                    buffer.extend(class.0.iter().zip(&column.bits.0).map(|(a, b)| a & b));
                    if let Some(id) = index.get(buffer.as_slice()) {
                        return *id;
                    }
                    let id = matched.len();
                    matched.push(Bits(buffer.clone()));
                    index.insert(buffer.clone(), id);
                    id
                })
                .collect()
        })
        .collect();
    (matched, cells)
}

/// The rules for which `holds` is true.
fn bits_of(rules: &[&AccessControlRule], holds: impl Fn(&AccessControlRule) -> bool) -> Bits {
    let mut bits = Bits::empty(rules.len());
    for (at, rule) in rules.iter().enumerate() {
        if holds(rule) {
            bits.insert(at);
        }
    }
    bits
}

/// Groups the valid (action, principal) pairs by the rules whose conditions hold for them.
fn columns(
    action_bits: &[Bits],
    principal_bits: &[Bits],
    principals: &[TablePrincipal],
) -> Vec<Column> {
    let mut groups: BTreeMap<(bool, &Bits), Vec<usize>> = BTreeMap::new();
    for (at, (principal, bits)) in principals.iter().zip(principal_bits).enumerate() {
        groups
            .entry((principal.is_user(), bits))
            .or_default()
            .push(at);
    }
    let mut columns: BTreeMap<Bits, Vec<(Action, usize)>> = BTreeMap::new();
    for ((is_user, principal_bits), members) in groups {
        for (action, bits) in Action::ALL.into_iter().zip(action_bits) {
            if !is_user && action != Action::Ews {
                continue;
            }
            let pairs = columns.entry(bits.and(principal_bits)).or_default();
            pairs.extend(members.iter().map(|member| (action, *member)));
        }
    }
    columns
        .into_iter()
        .map(|(bits, pairs)| Column { bits, pairs })
        .collect()
}

/// Cuts a set of (action, principal) pairs into products (actions × principals): principals
/// grouped by their action sets, or actions grouped by their principal sets, whichever gives
/// fewer products.
pub(crate) fn products(pairs: &[(Action, usize)]) -> Vec<(Vec<Action>, Vec<usize>)> {
    let mut by_principal: BTreeMap<usize, BTreeSet<Action>> = BTreeMap::new();
    let mut by_action: BTreeMap<Action, BTreeSet<usize>> = BTreeMap::new();
    for (action, principal) in pairs {
        by_principal.entry(*principal).or_default().insert(*action);
        by_action.entry(*action).or_default().insert(*principal);
    }
    let mut principal_groups: BTreeMap<Vec<Action>, Vec<usize>> = BTreeMap::new();
    for (principal, actions) in by_principal {
        principal_groups
            .entry(actions.into_iter().collect())
            .or_default()
            .push(principal);
    }
    let mut action_groups: BTreeMap<Vec<usize>, Vec<Action>> = BTreeMap::new();
    for (action, principals) in by_action {
        action_groups
            .entry(principals.into_iter().collect())
            .or_default()
            .push(action);
    }
    let mut products: Vec<(Vec<Action>, Vec<usize>)> =
        if action_groups.len() < principal_groups.len() {
            action_groups.into_iter().map(|(p, a)| (a, p)).collect()
        } else {
            principal_groups.into_iter().collect()
        };
    crate::sort::sort_by_key(&mut products, |(actions, principals)| {
        (principals.first().copied(), actions.first().copied())
    });
    products
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(spans: &[(u32, u32)]) -> IpSet {
        IpSet::from_spans(spans.to_vec())
    }

    fn nets(list: &[&str]) -> Vec<Ipv4Net> {
        list.iter().filter_map(|text| text.parse().ok()).collect()
    }

    #[test]
    fn sets_merge_adjacent_and_overlapping_spans() {
        assert_eq!(
            set(&[(5, 9), (0, 4), (8, 12), (20, 20)]).spans(),
            [(0, 12), (20, 20)]
        );
        assert_eq!(set(&[(0, u32::MAX), (3, 4)]).spans(), [(0, u32::MAX)]);
        assert!(IpSet::default().complement().is_all());
        assert_eq!(set(&[(0, 9)]).complement().spans(), [(10, u32::MAX)]);
        assert_eq!(set(&[(10, u32::MAX)]).complement().spans(), [(0, 9)]);
        assert_eq!(
            set(&[(0, 10), (20, 30)])
                .intersection(&set(&[(5, 25)]))
                .spans(),
            [(5, 10), (20, 25)]
        );
        assert!(set(&[(3, 4)]).difference(&set(&[(0, 10)])).is_empty());
        assert_eq!(
            set(&[(3, 11)]).difference(&set(&[(0, 10)])).spans(),
            [(11, 11)]
        );
        assert!(set(&[(3, 4)]).contains(4) && !set(&[(3, 4)]).contains(5));
    }

    #[test]
    fn a_range_meets_a_set_even_at_one_address_of_its_edge() {
        let spans = set(&[(10, 20), (40, 50)]);
        assert!(spans.intersects(20, 30), "the span's last address");
        assert!(spans.intersects(0, 10), "the span's first address");
        assert!(spans.intersects(15, 45));
        assert!(!spans.intersects(21, 39));
        assert!(!spans.intersects(51, u32::MAX));
    }

    #[test]
    fn outside_ten_slash_eight_is_seven_networks() {
        let ten = IpSet::from_nets(&nets(&["10.0.0.0/8"]));
        let outside: Vec<String> = ten
            .complement()
            .to_nets()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            outside,
            [
                "0.0.0.0/5",
                "8.0.0.0/7",
                "11.0.0.0/8",
                "12.0.0.0/6",
                "16.0.0.0/4",
                "32.0.0.0/3",
                "64.0.0.0/2",
                "128.0.0.0/1"
            ]
        );
        assert_eq!(IpSet::all().to_nets(), nets(&["0.0.0.0/0"]));
    }

    #[test]
    fn rules_past_the_sixty_fourth_are_named_by_their_own_index() {
        // Seventy rules (more than WorkMail allows, but loadable): each DENY names one address,
        // so each row's rule is known; the bits of rules 64 to 69 are in a second word.
        let rules: Vec<String> = (0..70)
            .map(|at| {
                format!(r#"{{"Name": "r{at}", "Effect": "DENY", "IpRanges": ["192.0.2.{at}/32"]}}"#)
            })
            .collect();
        let text = format!(r#"{{"AccessControlRules": [{}]}}"#, rules.join(","));
        let organization = crate::Organization::from_json(&text).unwrap().organization;
        let table = crate::analysis::access_table(&organization);
        for at in [0, 63, 64, 69] {
            let net: Ipv4Net = format!("192.0.2.{at}/32").parse().unwrap();
            let row = table.rows.iter().find(|row| row.ip_ranges == [net]);
            let matched = row.map(|row| row.matched_rules.clone());
            assert_eq!(matched, Some(vec![format!("r{at}")]), "{at}");
        }
    }

    #[test]
    fn products_prefer_the_smaller_grouping() {
        // Two principals with the same two actions: one product.
        let pairs = [
            (Action::Imap, 0),
            (Action::Smtp, 0),
            (Action::Imap, 1),
            (Action::Smtp, 1),
        ];
        assert_eq!(
            products(&pairs),
            [(vec![Action::Imap, Action::Smtp], vec![0, 1])]
        );
        // A role only has EWS: a tie, so each principal appears once.
        let pairs = [(Action::Ews, 0), (Action::Imap, 0), (Action::Ews, 1)];
        assert_eq!(
            products(&pairs),
            [
                (vec![Action::Ews, Action::Imap], vec![0]),
                (vec![Action::Ews], vec![1])
            ]
        );
        // One action for many principals, another for one of them: grouping actions wins.
        let pairs = [
            (Action::Ews, 0),
            (Action::Ews, 1),
            (Action::Ews, 2),
            (Action::Imap, 0),
        ];
        assert_eq!(products(&pairs).len(), 2);
        // Fewer sets of actions among the principals than sets of principals among the
        // actions: grouped by principals (two products, not three); the other way round, by
        // actions.
        let (ews, imap, smtp) = (Action::Ews, Action::Imap, Action::Smtp);
        let cases = [
            (
                vec![
                    (ews, 0),
                    (imap, 0),
                    (imap, 1),
                    (smtp, 1),
                    (ews, 2),
                    (imap, 2),
                    (imap, 3),
                    (smtp, 3),
                ],
                [
                    (vec![ews, imap], vec![0, 2]),
                    (vec![imap, smtp], vec![1, 3]),
                ],
            ),
            (
                vec![
                    (ews, 0),
                    (imap, 0),
                    (ews, 1),
                    (imap, 1),
                    (smtp, 1),
                    (smtp, 2),
                ],
                [(vec![ews, imap], vec![0, 1]), (vec![smtp], vec![1, 2])],
            ),
        ];
        for (pairs, expected) in cases {
            assert_eq!(products(&pairs), expected, "{pairs:?}");
        }
    }
}
