//! Replaying WorkMail audit logs against a proposed policy: whose real requests would it deny?
//!
//! A [`Replay`] takes audit events one at a time (a JSON line, a JSON value, or a whole log in
//! any of the formats [`Replay::read_log`] recognises) and keeps only what distinct requests it
//! saw, each with its count and the first and last time seen, so memory grows with the number of
//! distinct requests, never with the number of events. [`Replay::report`] then asks each
//! distinct request once of the proposed organization and, when given, of the current one.
//!
//! # From an audit event to a request (decision D46)
//!
//! - `source_ip` is the `IpAddress`, `protocol` the `Action`, `user_id` the `UserId`.
//! - An event whose protocol is not one of the seven access control actions (WorkMail also logs
//!   `IncomingEmail` and `OutgoingEmail`, which access control rules do not govern), or that has
//!   no IPv4 `source_ip`, no `user_id` or no `protocol`, is counted apart by reason
//!   ([`SkipReason`]). An IPv4 address written in IPv6's mapped form (`::ffff:192.0.2.1`) is that
//!   IPv4 address.
//! - An event with `impersonator_id` was made with an impersonation role: `impersonator_id` is
//!   taken as the role's ID and `user_id` as the mailbox reached. It is an impersonated EWS
//!   request: access control is asked for the role (`ImpersonationRoleId`, action `EWS`, from
//!   `source_ip`), and when it allows, the role's rules are asked for `user_id` as
//!   `TargetUser`. The answer is DENY when either denies, with the access control rules'
//!   `MatchedRules` and, when reached, the role's rules under `Impersonation`. Such an event
//!   with another protocol than `EWS` is counted apart (`impersonation-not-ews`).
//! - A request the API itself refuses (a user the document's directory does not hold, a role it
//!   does not have, an identifier AWS's patterns refuse) is answered with that error; an error is
//!   not an ALLOW, so a request the baseline allowed and the proposed policy refuses is newly
//!   denied.

mod event;
mod feed;
mod read;
mod render;

use std::collections::{BTreeMap, HashMap};
use std::net::Ipv4Addr;

use serde::Serialize;
use serde_json::Value;

use self::event::{RawEvent, json_message};
pub use self::feed::LogFeed;
pub use self::read::{LogFormat, MAX_EVENT_BYTES, ReadSummary};
pub use self::render::format_epoch_milliseconds;
use crate::api::ApiError;
use crate::eval::access::{AccessRequest, Principal};
use crate::eval::impersonation::ImpersonationMatchedRule;
use crate::model::{Action, Effect};
use crate::org::Organization;
use crate::{GetAccessControlEffectRequest, GetImpersonationRoleEffectRequest};

/// How many malformed events a report shows with their place (all are counted).
pub const SHOWN_PROBLEMS: usize = 5;

/// Why an event was not replayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SkipReason {
    /// Not an audit event: not JSON, not an object, a member of the wrong type, a line too long.
    #[serde(rename = "malformed")]
    Malformed,
    /// `IncomingEmail` or `OutgoingEmail`: mail delivery, which access control rules do not
    /// govern.
    #[serde(rename = "not-access-controlled")]
    NotAccessControlled,
    /// A protocol WorkMail does not document.
    #[serde(rename = "unknown-protocol")]
    UnknownProtocol,
    /// No `protocol`.
    #[serde(rename = "no-protocol")]
    NoProtocol,
    /// No `source_ip`, or one that is not an IPv4 address (an IPv6 client).
    #[serde(rename = "no-ipv4-address")]
    NoIpv4Address,
    /// No `user_id`.
    #[serde(rename = "no-user")]
    NoUser,
    /// `impersonator_id` with another protocol than EWS, the only one a role can use.
    #[serde(rename = "impersonation-not-ews")]
    ImpersonationNotEws,
}

impl SkipReason {
    /// The reason as the output writes it (`no-ipv4-address`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Malformed => "malformed",
            Self::NotAccessControlled => "not-access-controlled",
            Self::UnknownProtocol => "unknown-protocol",
            Self::NoProtocol => "no-protocol",
            Self::NoIpv4Address => "no-ipv4-address",
            Self::NoUser => "no-user",
            Self::ImpersonationNotEws => "impersonation-not-ews",
        }
    }
}

/// A malformed event and where it is: the log's name, the line (1-based) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct LogProblem {
    /// The log's name, as the caller gave it (a file name, `-` for standard input).
    pub source: String,
    /// The line, counted from 1; 0 when the event has no line (a value given directly).
    pub line: u64,
    /// What is wrong, with the column when known.
    pub message: String,
}

impl std::fmt::Display for LogProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.source, self.message)
        } else {
            write!(f, "{}:{}: {}", self.source, self.line, self.message)
        }
    }
}

/// Where an event was read: the log's name and line.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    /// The log's name.
    pub source: &'a str,
    /// The line, from 1 (0: none).
    pub line: u64,
}

/// One audit event's members that matter here, borrowed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AuditEvent<'a> {
    /// `event_timestamp`: milliseconds since the Unix epoch.
    pub event_timestamp: Option<i64>,
    /// `user_id`.
    pub user_id: Option<&'a str>,
    /// `impersonator_id`.
    pub impersonator_id: Option<&'a str>,
    /// `protocol`.
    pub protocol: Option<&'a str>,
    /// `source_ip`.
    pub source_ip: Option<&'a str>,
}

/// A distinct request: address, action, user and role, the strings interned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    ip: u32,
    action: Action,
    user: u32,
    /// The impersonation role, `None` for a user's own request.
    role: Option<u32>,
}

/// How often a request was seen, and when first and last.
#[derive(Debug, Clone, Copy)]
struct Seen {
    count: u64,
    first: Option<i64>,
    last: Option<i64>,
}

impl Seen {
    fn add(&mut self, count: u64, first: Option<i64>, last: Option<i64>) {
        self.count = self.count.saturating_add(count);
        self.first = earliest(self.first, first);
        self.last = latest(self.last, last);
    }
}

fn earliest(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn latest(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Audit events seen so far, reduced to distinct requests.
///
/// ```
/// use workmail_policy::Organization;
/// use workmail_policy::analysis::{At, Outcome, Replay};
///
/// let proposed = Organization::from_json(r#"{"Rules": [
///     {"Name": "no-imap", "Effect": "DENY", "Description": "", "Actions": ["IMAP"]},
///     {"Name": "default", "Effect": "ALLOW", "Description": ""}]}"#)?.organization;
/// let current = Organization::from_json("{}")?.organization;
///
/// let mut replay = Replay::new();
/// let at = At { source: "audit.log", line: 1 };
/// replay.add_json_line(br#"{"event_timestamp": 1700000000000, "user_id": "S-1-1-11-1111111111-2222222222-3333333333-3333", "protocol": "IMAP", "source_ip": "192.0.2.7"}"#, at);
/// replay.add_json_line(br#"{"user_id": "S-1-1-11-1111111111-2222222222-3333333333-3333", "protocol": "IncomingEmail", "source_ip": "192.0.2.7"}"#, at);
/// let report = replay.report(&proposed, Some(&current));
/// assert_eq!((report.events, report.requests.len()), (2, 1));
/// assert_eq!(report.requests[0].outcome, Outcome::NewlyDenied);
/// # Ok::<(), workmail_policy::DocumentError>(())
/// ```
#[derive(Debug, Default, Clone)]
pub struct Replay {
    events: u64,
    skipped: BTreeMap<SkipReason, u64>,
    problems: Vec<LogProblem>,
    strings: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    requests: HashMap<Key, Seen>,
}

impl Replay {
    /// No events yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every event read so far, replayed or not (malformed lines included).
    pub const fn events(&self) -> u64 {
        self.events
    }

    /// The malformed events so far.
    pub fn malformed(&self) -> u64 {
        self.skipped
            .get(&SkipReason::Malformed)
            .copied()
            .unwrap_or(0)
    }

    /// The first malformed events, with their places.
    pub fn problems(&self) -> &[LogProblem] {
        &self.problems
    }

    /// The distinct requests so far.
    pub fn distinct_requests(&self) -> usize {
        self.requests.len()
    }

    /// Counts one malformed event at `at`, keeping its place when it is among the first
    /// [`SHOWN_PROBLEMS`].
    pub fn add_malformed(&mut self, at: At<'_>, message: impl Into<String>) {
        self.events = self.events.saturating_add(1);
        self.skip(SkipReason::Malformed);
        if self.problems.len() < SHOWN_PROBLEMS {
            // A log's bytes may reach the message (a field's value): no control character
            // reaches a terminal raw.
            let message = crate::shape::printable(&message.into()).into_owned();
            self.problems.push(LogProblem {
                source: at.source.to_owned(),
                line: at.line,
                message,
            });
        }
    }

    fn skip(&mut self, reason: SkipReason) {
        let count = self.skipped.entry(reason).or_insert(0);
        *count = count.saturating_add(1);
    }

    /// Adds one line of JSON: an audit event, or a CloudWatch Logs event wrapping one in
    /// `message`. A line that is not such JSON is counted as malformed, with its column.
    pub fn add_json_line(&mut self, line: &[u8], at: At<'_>) {
        match serde_json::from_slice::<RawEvent<'_>>(line) {
            Ok(raw) => self.add_parsed(&raw, at),
            Err(error) => self.add_malformed(
                at,
                format!(
                    "column {}: not an audit event: {}",
                    error.column(),
                    json_message(&error)
                ),
            ),
        }
    }

    /// Adds one line of JSON text read as a value, as [`Replay::add_value`] takes it (so it may
    /// also be `aws logs` output or an array of events); slower than [`Replay::add_json_line`],
    /// for a face that reads values anyway. Text that is not JSON is counted as malformed.
    pub fn add_json_text(&mut self, text: &str, at: At<'_>) {
        match serde_json::from_str::<Value>(text) {
            Ok(value) => self.add_value(&value, at),
            Err(error) => self.add_malformed(
                at,
                format!(
                    "column {}: not JSON: {}",
                    error.column(),
                    json_message(&error)
                ),
            ),
        }
    }

    /// Adds a JSON value: an audit event, a CloudWatch Logs event wrapping one, the output of
    /// `aws logs filter-log-events` or `get-log-events` (`{"events": [...]}`), or an array of
    /// any of these (a Logs Insights JSON export).
    pub fn add_value(&mut self, value: &Value, at: At<'_>) {
        match value {
            Value::Array(items) => {
                for item in items {
                    self.add_value(item, at);
                }
            }
            Value::Object(members) if members.get("events").is_some_and(Value::is_array) => {
                if let Some(Value::Array(events)) = members.get("events") {
                    for event in events {
                        self.add_value(event, at);
                    }
                }
            }
            _ => match <RawEvent<'_> as serde::Deserialize>::deserialize(value) {
                // A wrapped event is read as a value too: one way of reading events here, so
                // the npm module, which reads only values, holds one.
                Ok(raw) => match raw.wrapped().map(serde_json::from_str::<Value>) {
                    None => self.add_raw(&raw),
                    Some(Ok(inner)) => {
                        match <RawEvent<'_> as serde::Deserialize>::deserialize(&inner) {
                            Ok(event) => self.add_raw(&event),
                            Err(error) => self.add_malformed(
                                at,
                                format!("the message is not an audit event: {error}"),
                            ),
                        }
                    }
                    Some(Err(error)) => self.add_malformed(
                        at,
                        format!(
                            "the message is not an audit event: {}",
                            json_message(&error)
                        ),
                    ),
                },
                Err(error) => self.add_malformed(at, format!("not an audit event: {error}")),
            },
        }
    }

    /// Adds an event read from a line; a wrapper's message is read the same way.
    fn add_parsed(&mut self, raw: &RawEvent<'_>, at: At<'_>) {
        match raw.wrapped() {
            None => self.add_raw(raw),
            Some(inner) => match serde_json::from_slice::<RawEvent<'_>>(inner.as_bytes()) {
                Ok(event) => self.add_raw(&event),
                Err(error) => self.add_malformed(
                    at,
                    format!(
                        "the message is not an audit event: {}",
                        json_message(&error)
                    ),
                ),
            },
        }
    }

    fn add_raw(&mut self, raw: &RawEvent<'_>) {
        self.add_event(&AuditEvent {
            event_timestamp: raw.event_timestamp,
            user_id: raw.user_id.as_deref(),
            impersonator_id: raw.impersonator_id.as_deref(),
            protocol: raw.protocol.as_deref(),
            source_ip: raw.source_ip.as_deref(),
        });
    }

    /// Adds one audit event: replayed as a request, or counted apart by reason.
    pub fn add_event(&mut self, event: &AuditEvent<'_>) {
        self.events = self.events.saturating_add(1);
        match request_key(event) {
            Ok((ip, action, user, role)) => {
                let user = self.intern(user);
                let role = role.map(|role| self.intern(role));
                let key = Key {
                    ip: u32::from(ip),
                    action,
                    user,
                    role,
                };
                let time = event.event_timestamp;
                self.requests
                    .entry(key)
                    .or_insert(Seen {
                        count: 0,
                        first: None,
                        last: None,
                    })
                    .add(1, time, time);
            }
            Err(reason) => self.skip(reason),
        }
    }

    /// Adds everything `other` saw (another log read apart, another worker's share).
    pub fn merge(&mut self, other: &Self) {
        self.events = self.events.saturating_add(other.events);
        for (reason, count) in &other.skipped {
            let mine = self.skipped.entry(*reason).or_insert(0);
            *mine = mine.saturating_add(*count);
        }
        for problem in &other.problems {
            if self.problems.len() < SHOWN_PROBLEMS {
                self.problems.push(problem.clone());
            }
        }
        for (key, seen) in &other.requests {
            let user = self.intern(other.name(key.user));
            let role = key.role.map(|role| self.intern(other.name(role)));
            let mine = Key { user, role, ..*key };
            self.requests
                .entry(mine)
                .or_insert(Seen {
                    count: 0,
                    first: None,
                    last: None,
                })
                .add(seen.count, seen.first, seen.last);
        }
    }

    fn intern(&mut self, text: &str) -> u32 {
        if let Some(index) = self.strings.get(text) {
            return *index;
        }
        let index = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(text.into());
        self.strings.insert(text.into(), index);
        index
    }

    fn name(&self, index: u32) -> &str {
        usize::try_from(index)
            .ok()
            .and_then(|at| self.names.get(at))
            .map_or("", |name| name)
    }

    /// Answers every distinct request under `proposed` and, when given, `baseline`, with the
    /// summary by user, protocol and network.
    pub fn report(&self, proposed: &Organization, baseline: Option<&Organization>) -> ReplayReport {
        let mut proposed = Answerer::new(proposed);
        let mut baseline = baseline.map(Answerer::new);
        let compared = baseline.is_some();
        let mut requests: Vec<ReplayedRequest> = self
            .requests
            .iter()
            .map(|(key, seen)| {
                let user = self.name(key.user);
                let role = key.role.map(|role| self.name(role));
                let ip = Ipv4Addr::from(key.ip);
                let proposed_answer = proposed.answer(key, user, role);
                let baseline_answer = baseline
                    .as_mut()
                    .map(|baseline| baseline.answer(key, user, role));
                let outcome = Outcome::of(&proposed_answer, baseline_answer.as_ref());
                let (user_id, impersonation_role_id, target_user) = match role {
                    Some(role) => (None, Some(role.to_owned()), Some(user.to_owned())),
                    None => (Some(user.to_owned()), None, None),
                };
                ReplayedRequest {
                    request: GetAccessControlEffectRequest {
                        organization_id: None,
                        ip_address: ip.to_string(),
                        action: key.action.as_str().to_owned(),
                        user_id,
                        impersonation_role_id,
                    },
                    target_user,
                    count: seen.count,
                    first_seen: seen.first,
                    last_seen: seen.last,
                    outcome,
                    proposed: proposed_answer,
                    baseline: baseline_answer,
                    address: ip,
                    action: key.action,
                }
            })
            .collect();
        requests.sort_by(|a, b| {
            a.outcome
                .cmp(&b.outcome)
                .then(b.count.cmp(&a.count))
                .then_with(|| a.sort_key().cmp(&b.sort_key()))
        });
        let summary = summarize(&requests);
        ReplayReport {
            events: self.events,
            skipped: self
                .skipped
                .iter()
                .map(|(reason, count)| (reason.as_str().to_owned(), *count))
                .collect(),
            problems: self.problems.clone(),
            compared,
            summary,
            requests,
        }
    }
}

/// The request an event asks, or why it asks none.
fn request_key<'e>(
    event: &AuditEvent<'e>,
) -> Result<(Ipv4Addr, Action, &'e str, Option<&'e str>), SkipReason> {
    let protocol = event.protocol.ok_or(SkipReason::NoProtocol)?;
    let action = protocol.parse::<Action>().map_err(|_| {
        if matches!(protocol, "IncomingEmail" | "OutgoingEmail") {
            SkipReason::NotAccessControlled
        } else {
            SkipReason::UnknownProtocol
        }
    })?;
    let ip = event
        .source_ip
        .and_then(ipv4_of)
        .ok_or(SkipReason::NoIpv4Address)?;
    let user = event
        .user_id
        .filter(|user| !user.is_empty())
        .ok_or(SkipReason::NoUser)?;
    let role = event.impersonator_id.filter(|role| !role.is_empty());
    if role.is_some() && action != Action::Ews {
        return Err(SkipReason::ImpersonationNotEws);
    }
    Ok((ip, action, user, role))
}

/// An IPv4 address as the API writes one, or in IPv6's mapped form (`::ffff:192.0.2.1`).
fn ipv4_of(text: &str) -> Option<Ipv4Addr> {
    let plain = text
        .get(..7)
        .filter(|prefix| prefix.eq_ignore_ascii_case("::ffff:"))
        .and_then(|_| text.get(7..))
        .unwrap_or(text);
    crate::model::parse_ipv4(plain)
}

/// What one organization answers a replayed request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum ReplayAnswer {
    /// An answer.
    Decided {
        /// ALLOW or DENY, both stages together for an impersonated request.
        #[serde(rename = "Effect")]
        effect: Effect,
        /// The access control rules that produced the access control stage's effect.
        #[serde(rename = "MatchedRules")]
        matched_rules: Vec<String>,
        /// For an impersonated request that access control allowed, the role's answer for
        /// the target user.
        #[cfg_attr(feature = "ts", ts(optional))]
        #[serde(rename = "Impersonation", skip_serializing_if = "Option::is_none")]
        impersonation: Option<RoleAnswer>,
    },
    /// The API refuses the request.
    Refused {
        /// The error, as a failed call prints it.
        #[serde(rename = "Error")]
        error: ReplayError,
    },
}

/// An API error in a replayed answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct ReplayError {
    /// The exception's name.
    pub code: String,
    /// What went wrong.
    pub message: String,
}

impl From<ApiError> for ReplayError {
    fn from(error: ApiError) -> Self {
        Self {
            code: error.code.as_str().to_owned(),
            message: error.message,
        }
    }
}

/// The role's rules' answer for the mailbox an impersonated request reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct RoleAnswer {
    /// ALLOW or DENY.
    pub effect: Effect,
    /// The impersonation rules that produced it.
    pub matched_rules: Vec<ImpersonationMatchedRule>,
}

impl ReplayAnswer {
    /// Whether the request is allowed.
    pub const fn allowed(&self) -> bool {
        matches!(
            self,
            Self::Decided {
                effect: Effect::Allow,
                ..
            }
        )
    }
}

/// Answers the distinct requests of one organization. Whether the API refuses a request depends
/// only on its principal here (the address and the action were read as valid ones, and a role
/// always asks with EWS), so the API is asked once per principal and once per (role, target);
/// every address then takes the same evaluation the API makes after its checks.
struct Answerer<'o> {
    org: &'o Organization,
    /// Per (user, role): the API's refusal, if any.
    principals: HashMap<(u32, Option<u32>), Result<(), ReplayError>>,
    /// Per (role, target): the role's answer.
    roles: HashMap<(u32, u32), Result<RoleAnswer, ReplayError>>,
}

impl<'o> Answerer<'o> {
    fn new(org: &'o Organization) -> Self {
        Self {
            org,
            principals: HashMap::new(),
            roles: HashMap::new(),
        }
    }

    /// The answer to `key`, whose strings are `user` and `role`.
    fn answer(&mut self, key: &Key, user: &str, role: Option<&str>) -> ReplayAnswer {
        let ip = Ipv4Addr::from(key.ip);
        let org = self.org;
        let checked = self
            .principals
            .entry((key.user, key.role))
            .or_insert_with(|| {
                let request = GetAccessControlEffectRequest {
                    organization_id: None,
                    ip_address: ip.to_string(),
                    action: key.action.as_str().to_owned(),
                    user_id: role.is_none().then(|| user.to_owned()),
                    impersonation_role_id: role.map(str::to_owned),
                };
                org.get_access_control_effect(&request)
                    .map(|_| ())
                    .map_err(ReplayError::from)
            });
        if let Err(error) = checked {
            return ReplayAnswer::Refused {
                error: error.clone(),
            };
        }
        let principal = match role {
            Some(role) => Principal::ImpersonationRoleId(role.to_owned()),
            None => Principal::UserId(user.to_owned()),
        };
        let question = AccessRequest {
            ip_address: ip,
            action: key.action,
            principal,
        };
        let (effect, matched_rules) =
            crate::eval::access::decide(org.access_control_rules(), &question);
        let impersonation = match (role, key.role) {
            (Some(role), Some(role_index)) if effect == Effect::Allow => {
                let answer = self.roles.entry((role_index, key.user)).or_insert_with(|| {
                    let question = GetImpersonationRoleEffectRequest {
                        organization_id: None,
                        impersonation_role_id: role.to_owned(),
                        target_user: user.to_owned(),
                    };
                    org.get_impersonation_role_effect(&question)
                        .map(|answer| RoleAnswer {
                            effect: answer.effect,
                            matched_rules: answer.matched_rules,
                        })
                        .map_err(ReplayError::from)
                });
                match answer {
                    Ok(answer) => Some(answer.clone()),
                    Err(error) => {
                        return ReplayAnswer::Refused {
                            error: error.clone(),
                        };
                    }
                }
            }
            _ => None,
        };
        let effect = impersonation.as_ref().map_or(effect, |role| role.effect);
        ReplayAnswer::Decided {
            effect,
            matched_rules,
            impersonation,
        }
    }
}

/// How a request fares: with a baseline, whether the change denies or allows it anew; the
/// variants are in the order reports list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Outcome {
    /// The baseline allowed it; the proposed policy does not.
    NewlyDenied,
    /// The baseline did not allow it; the proposed policy does.
    NewlyAllowed,
    /// The proposed policy does not allow it (nor did the baseline, when given).
    Denied,
    /// The proposed policy allows it (as did the baseline, when given).
    Allowed,
}

impl Outcome {
    fn of(proposed: &ReplayAnswer, baseline: Option<&ReplayAnswer>) -> Self {
        match (baseline.map(ReplayAnswer::allowed), proposed.allowed()) {
            (Some(true), false) => Self::NewlyDenied,
            (Some(false), true) => Self::NewlyAllowed,
            (_, true) => Self::Allowed,
            (_, false) => Self::Denied,
        }
    }

    /// The outcome as text and Markdown write it (`NEWLY DENIED`).
    pub const fn label(self) -> &'static str {
        match self {
            Self::NewlyDenied => "NEWLY DENIED",
            Self::NewlyAllowed => "NEWLY ALLOWED",
            Self::Denied => "DENIED",
            Self::Allowed => "ALLOWED",
        }
    }

    /// The outcome as JSON and CSV write it (`NewlyDenied`).
    pub const fn name(self) -> &'static str {
        match self {
            Self::NewlyDenied => "NewlyDenied",
            Self::NewlyAllowed => "NewlyAllowed",
            Self::Denied => "Denied",
            Self::Allowed => "Allowed",
        }
    }
}

/// One distinct request of the logs and its answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct ReplayedRequest {
    /// The request, as `GetAccessControlEffect` takes it.
    pub request: GetAccessControlEffectRequest,
    /// For an impersonated request, the mailbox reached (`user_id`), asked of the role's rules.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_user: Option<String>,
    /// How many events asked it.
    pub count: u64,
    /// The earliest `event_timestamp` (epoch milliseconds), when any event had one.
    pub first_seen: Option<i64>,
    /// The latest `event_timestamp` (epoch milliseconds).
    pub last_seen: Option<i64>,
    /// How it fares.
    pub outcome: Outcome,
    /// The proposed organization's answer.
    pub proposed: ReplayAnswer,
    /// The current organization's answer, with a baseline.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<ReplayAnswer>,
    #[serde(skip)]
    address: Ipv4Addr,
    #[serde(skip)]
    action: Action,
}

impl ReplayedRequest {
    /// The user the request was made for: the user, or the mailbox an impersonation reached.
    pub fn user(&self) -> &str {
        self.target_user
            .as_deref()
            .or(self.request.user_id.as_deref())
            .unwrap_or_default()
    }

    /// The source address.
    pub const fn address(&self) -> Ipv4Addr {
        self.address
    }

    /// The action.
    pub const fn action(&self) -> Action {
        self.action
    }

    fn sort_key(&self) -> (&str, Option<&str>, Action, Ipv4Addr) {
        (
            self.user(),
            self.request.impersonation_role_id.as_deref(),
            self.action,
            self.address,
        )
    }
}

/// The requests of one user (and role), protocol and /24 network that fare alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct SummaryRow {
    /// How they fare.
    pub outcome: Outcome,
    /// The user (for an impersonated request, the mailbox reached).
    pub user_id: String,
    /// The impersonation role, for impersonated requests.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impersonation_role_id: Option<String>,
    /// The protocol.
    pub action: Action,
    /// The source network, `a.b.c.0/24`.
    pub network: String,
    /// Events.
    pub events: u64,
    /// Distinct requests (addresses).
    pub requests: u64,
    /// The earliest time seen (epoch milliseconds).
    pub first_seen: Option<i64>,
    /// The latest time seen.
    pub last_seen: Option<i64>,
}

fn summarize(requests: &[ReplayedRequest]) -> Vec<SummaryRow> {
    type GroupKey<'r> = (Outcome, &'r str, Option<&'r str>, Action, u32);
    let mut groups: BTreeMap<GroupKey<'_>, SummaryRow> = BTreeMap::new();
    for request in requests {
        let network = u32::from(request.address) & 0xFFFF_FF00;
        let role = request.request.impersonation_role_id.as_deref();
        let key = (
            request.outcome,
            request.user(),
            role,
            request.action,
            network,
        );
        let row = groups.entry(key).or_insert_with(|| SummaryRow {
            outcome: request.outcome,
            user_id: request.user().to_owned(),
            impersonation_role_id: role.map(str::to_owned),
            action: request.action,
            network: format!("{}/24", Ipv4Addr::from(network)),
            events: 0,
            requests: 0,
            first_seen: None,
            last_seen: None,
        });
        row.events = row.events.saturating_add(request.count);
        row.requests = row.requests.saturating_add(1);
        row.first_seen = earliest(row.first_seen, request.first_seen);
        row.last_seen = latest(row.last_seen, request.last_seen);
    }
    let mut rows: Vec<SummaryRow> = groups.into_values().collect();
    // Stable: within an outcome, the busiest first, then in the key's order.
    rows.sort_by(|a, b| a.outcome.cmp(&b.outcome).then(b.events.cmp(&a.events)));
    rows
}

/// Everything a replay found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct ReplayReport {
    /// Every event read, replayed or not (malformed ones included).
    pub events: u64,
    /// Events not replayed, by reason (`malformed`, `not-access-controlled`, ...).
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
    pub skipped: BTreeMap<String, u64>,
    /// The first malformed events, with their places.
    pub problems: Vec<LogProblem>,
    /// The requests of each user, protocol and /24 network that fare alike: newly denied
    /// first, then newly allowed, then denied, then allowed; the busiest first within each.
    pub summary: Vec<SummaryRow>,
    /// Every distinct request once, in the same order.
    pub requests: Vec<ReplayedRequest>,
    /// Whether a baseline was given.
    #[serde(skip)]
    pub compared: bool,
}

impl ReplayReport {
    /// Whether any request the baseline allowed is not allowed by the proposed policy.
    pub fn has_newly_denied(&self) -> bool {
        self.requests
            .iter()
            .any(|request| request.outcome == Outcome::NewlyDenied)
    }

    /// Events replayed as requests.
    pub fn replayed(&self) -> u64 {
        self.requests.iter().map(|request| request.count).sum()
    }
}

#[cfg(test)]
mod tests;
