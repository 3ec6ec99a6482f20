//! Many requests at once, each answered exactly as [`Organization::call`] answers it.
//!
//! [`Organization::call_many`] takes `serde_json` values. [`Organization::call_many_json`] takes
//! the batch as one JSON text and returns one JSON text, and [`Organization::access_effects`]
//! takes `GetAccessControlEffect` requests as columns (one list per member, addresses as text or
//! as numbers) and returns each distinct answer once with an index per request. Both exist for
//! callers that cross a boundary once per batch (the npm package), and answer
//! `GetAccessControlEffect` on a fast path:
//!
//! a compiled decision takes nanoseconds, and everything around it in `call` (a
//! `serde_json::Value` per request, its shape check, the response as a `Value`) a hundred times
//! more. So a request whose members are all strings is checked where it lies in the text: its
//! member names against the request shape, each value against its member's shape, then the same
//! checks `call` makes next, through the same functions (`effect.rs`), remembering the outcome of
//! those that depend on one member only (the organization ID, the action, the principal). It is
//! answered from the [`CompiledAccess`] kept in an [`AccessCache`], and requests with the same
//! answer share its text. Any other request, and any request one of those checks refuses, goes
//! through `call`'s own path, so every error is exactly `call`'s.

mod coded;
mod lean;
mod members;
mod read;

use std::fmt;
use std::net::Ipv4Addr;

use serde::de::DeserializeSeed;
use serde_json::Value;

pub use coded::{CODED_MEMBERS, Coded, JsonOf, MemberTexts};
pub use members::Member;

use self::lean::{Answer, Lean, OPERATION};
use self::members::Members;
use self::read::ArraySeed;
use super::call::to_value;
use super::check::parse_request;
use super::effect::{GetAccessControlEffectRequest, GetAccessControlEffectResponse};
use super::error::ApiError;
use super::operation::Operation;
use crate::compile::CompiledAccess;
use crate::env::Environment;
use crate::org::{Organization, RulesRevision};

/// The compiled access control rules, kept between batches. They are compiled again when the
/// organization's rules have changed since (or when the cache is used with another
/// organization), so a cache never answers from stale rules, whatever happened to the
/// organization in between; telling costs one comparison.
#[derive(Debug, Clone, Default)]
pub struct AccessCache {
    /// The revision of the rules compiled, and their compiled form (`None` beyond what
    /// compilation covers).
    compiled: Option<(RulesRevision, Option<CompiledAccess>)>,
}

impl AccessCache {
    /// The compiled form of `organization`'s rules, compiled now unless they are the rules
    /// compiled last.
    fn compiled(&mut self, organization: &Organization) -> Option<&CompiledAccess> {
        let revision = organization.rules_revision;
        let fresh = matches!(&self.compiled, Some((compiled, _)) if *compiled == revision);
        if !fresh {
            let compiled = CompiledAccess::new(&organization.rules);
            self.compiled = Some((revision, compiled));
        }
        self.compiled
            .as_ref()
            .and_then(|(_, compiled)| compiled.as_ref())
    }
}

/// A batch that cannot be read as one (each request's own errors are answers, not this).
#[derive(Debug)]
pub enum BatchError {
    /// The inputs are not a JSON array.
    NotAnArray(serde_json::Error),
    /// Coded requests that do not add up (see [`Coded`]).
    Coded(&'static str),
    /// The JSON of coded requests could not be had (see [`Organization::access_effects_coded`]).
    Json(String),
    /// A member's list has another length than the addresses'.
    ColumnLength {
        /// The member (`Action`...).
        member: &'static str,
        /// Its list's length.
        length: usize,
        /// The number of addresses.
        count: usize,
    },
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAnArray(error) => {
                write!(f, "`inputs` must be a JSON array of requests: {error}")
            }
            Self::Coded(problem) => write!(f, "coded requests: {problem}"),
            Self::Json(message) => f.write_str(message),
            Self::ColumnLength {
                member,
                length,
                count,
            } => write!(
                f,
                "`{member}` has {length} entries but `IpAddress` has {count}; give one per request, or one string for all"
            ),
        }
    }
}

impl std::error::Error for BatchError {}

/// `GetAccessControlEffect` requests as parallel lists, one entry per request; a `null` entry
/// (or an absent list) leaves the member out of that request.
#[derive(Debug, Clone)]
pub struct Columns<'a> {
    /// `IpAddress`: text as given, or addresses as numbers.
    pub ip_addresses: IpColumn<'a>,
    /// `OrganizationId`.
    pub organization_ids: Column<'a>,
    /// `Action`.
    pub actions: Column<'a>,
    /// `UserId`.
    pub user_ids: Column<'a>,
    /// `ImpersonationRoleId`.
    pub impersonation_role_ids: Column<'a>,
}

/// The addresses of [`Columns`].
#[derive(Debug, Clone)]
pub enum IpColumn<'a> {
    /// As written in requests (any JSON value, checked as `call` checks it).
    Text(Vec<Member<'a>>),
    /// As 32-bit numbers (`192.0.2.1` is `0xC000_0201`): always valid addresses.
    Numbers(Vec<u32>),
}

/// A member's list in [`Columns`]: one value for every request, or one per request.
#[derive(Debug, Clone, Default)]
pub enum Column<'a> {
    /// Absent from every request.
    #[default]
    Absent,
    /// The same for every request.
    Same(Member<'a>),
    /// One per request.
    Each(Vec<Member<'a>>),
}

impl<'a> Column<'a> {
    /// The member of request `at`, `None` when it is absent (or `null`).
    fn get(&self, at: usize) -> Option<&Member<'a>> {
        match self {
            Self::Absent => None,
            Self::Same(member) => Some(member),
            Self::Each(members) => members.get(at),
        }
        .filter(|member| !member.is_null())
    }

    /// The length of a list with one entry per request.
    fn len(&self) -> Option<usize> {
        match self {
            Self::Each(members) => Some(members.len()),
            Self::Absent | Self::Same(_) => None,
        }
    }
}

/// The answers of [`Organization::access_effects`]: each distinct answer's JSON text once, in
/// order of first appearance, and for each request the index of its answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Indexed {
    /// The distinct answers: responses and `{"Error": {"Code", "Message"}}` objects.
    pub answers: Vec<String>,
    /// For each request, the index of its answer in `answers`.
    pub index: Vec<u32>,
}

impl Organization {
    /// Runs `operation` once per input, in order, as [`Organization::call`] would (a mutating
    /// operation sees the effects of the inputs before it). Access checks are answered from one
    /// [`CompiledAccess`] built for the whole batch, so large batches cost one compilation and a
    /// few lookups per request.
    ///
    /// ```
    /// use workmail_policy::{FixedEnvironment, Operation, Organization};
    /// let mut org = Organization::default();
    /// let inputs = [
    ///     serde_json::json!({"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-1111111111"}),
    ///     serde_json::json!({"IpAddress": "192.0.2.1", "Action": "imap", "UserId": "S-1-1-11-1111111111"}),
    /// ];
    /// let answers = org.call_many(Operation::GetAccessControlEffect, &inputs, &mut FixedEnvironment::new(0.0, 0));
    /// assert!(answers[0].is_ok() && answers[1].is_err());
    /// ```
    pub fn call_many(
        &mut self,
        operation: Operation,
        inputs: &[Value],
        env: &mut dyn Environment,
    ) -> Vec<Result<Value, ApiError>> {
        let compiled = match operation {
            Operation::GetAccessControlEffect => CompiledAccess::new(&self.rules),
            _ => None,
        };
        let Some(compiled) = compiled else {
            return inputs
                .iter()
                .map(|input| self.call(operation, input, env))
                .collect();
        };
        inputs
            .iter()
            .map(|input| {
                let request: GetAccessControlEffectRequest =
                    parse_request(input, operation.input_shape())?;
                let access = self.checked_access(&request)?;
                let (effect, matched_rules) = compiled.decide(&access);
                Ok(to_value(&GetAccessControlEffectResponse {
                    effect,
                    matched_rules,
                }))
            })
            .collect()
    }

    /// Runs `operation` for every request of `inputs`, a JSON array, in order; returns the
    /// JSON array of the answers: each response, or `{"Error": {"Code", "Message"}}` for a
    /// request `call` refuses. `GetAccessControlEffect` takes the fast path (see the [module
    /// docs](self)); every other operation runs through [`Organization::call_many`].
    ///
    /// ```
    /// use workmail_policy::api::batch::AccessCache;
    /// use workmail_policy::{FixedEnvironment, Operation, Organization};
    /// let mut org = Organization::default();
    /// let inputs = r#"[{"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-1111111111"},
    ///                  {"IpAddress": "192.0.2.1", "Action": "imap", "UserId": "S-1-1-11-1111111111"}]"#;
    /// let mut env = FixedEnvironment::new(0.0, 0);
    /// let answers = org.call_many_json(Operation::GetAccessControlEffect, inputs, &mut AccessCache::default(), &mut env)?;
    /// assert!(answers.starts_with(r#"[{"Effect":"ALLOW","MatchedRules":["default"]},{"Error":{"Code":"InvalidParameterException""#));
    /// # Ok::<(), workmail_policy::api::batch::BatchError>(())
    /// ```
    ///
    /// # Errors
    /// [`BatchError::NotAnArray`] when `inputs` is not a JSON array.
    pub fn call_many_json(
        &mut self,
        operation: Operation,
        inputs: &str,
        cache: &mut AccessCache,
        env: &mut dyn Environment,
    ) -> Result<String, BatchError> {
        if operation != OPERATION {
            let inputs: Vec<Value> =
                serde_json::from_str(inputs).map_err(BatchError::NotAnArray)?;
            let answers: Vec<Value> = self
                .call_many(operation, &inputs, env)
                .into_iter()
                .map(|answer| answer.unwrap_or_else(|error| error.to_json()))
                .collect();
            return Ok(Value::Array(answers).to_string());
        }
        let mut lean = Lean::new(self, cache.compiled(self));
        let mut out = String::with_capacity(inputs.len() / 2);
        out.push('[');
        let mut reader = serde_json::Deserializer::from_str(inputs);
        ArraySeed::new(&mut lean, &mut out)
            .deserialize(&mut reader)
            .and_then(|()| reader.end())
            .map_err(BatchError::NotAnArray)?;
        out.push(']');
        Ok(out)
    }

    /// Answers the `GetAccessControlEffect` requests of `columns`, each exactly as
    /// [`Organization::call`] would, on the fast path (see the [module docs](self)).
    ///
    /// ```
    /// use workmail_policy::api::batch::{AccessCache, Column, Columns, IpColumn, Member};
    /// use workmail_policy::Organization;
    /// let org = Organization::default();
    /// let columns = Columns {
    ///     ip_addresses: IpColumn::Numbers(vec![0xC000_0201, 0xC000_0202]),
    ///     organization_ids: Column::Absent,
    ///     actions: Column::Same(Member::Text("IMAP".into())),
    ///     user_ids: Column::Same(Member::Text("S-1-1-11-1111111111".into())),
    ///     impersonation_role_ids: Column::Absent,
    /// };
    /// let answers = org.access_effects(&columns, &mut AccessCache::default())?;
    /// assert_eq!(answers.answers, [r#"{"Effect":"ALLOW","MatchedRules":["default"]}"#]);
    /// assert_eq!(answers.index, [0, 0]);
    /// # Ok::<(), workmail_policy::api::batch::BatchError>(())
    /// ```
    ///
    /// # Errors
    /// [`BatchError::ColumnLength`] when a list's length is not the addresses'.
    pub fn access_effects(
        &self,
        columns: &Columns<'_>,
        cache: &mut AccessCache,
    ) -> Result<Indexed, BatchError> {
        let count = match &columns.ip_addresses {
            IpColumn::Text(texts) => texts.len(),
            IpColumn::Numbers(numbers) => numbers.len(),
        };
        for (member, column) in columns.shared() {
            if let Some(length) = column.len().filter(|length| *length != count) {
                return Err(BatchError::ColumnLength {
                    member,
                    length,
                    count,
                });
            }
        }
        let mut lean = Lean::new(self, cache.compiled(self));
        if let Some(index) = sweep(&mut lean, columns) {
            return Ok(Indexed {
                answers: lean.into_texts(),
                index,
            });
        }
        let mut index = Vec::with_capacity(count);
        let mut members = Members::default();
        for at in 0..count {
            members.clear();
            let address = match &columns.ip_addresses {
                IpColumn::Text(texts) => {
                    let text = texts.get(at).filter(|member| !member.is_null());
                    members.add("IpAddress", text);
                    None
                }
                IpColumn::Numbers(numbers) => numbers.get(at).copied().map(Into::into),
            };
            for (member, column) in columns.shared() {
                members.add(member, column.get(at));
            }
            let slot = match lean.answer(&members, address) {
                Answer::Known(slot) => slot,
                Answer::New(text) => lean.push_text(text),
            };
            index.push(u32::try_from(slot).unwrap_or(u32::MAX));
        }
        Ok(Indexed {
            answers: lean.into_texts(),
            index,
        })
    }
}

impl Columns<'_> {
    /// The members other than `IpAddress`, by name, in the order a request of the columns
    /// has them (after `IpAddress`).
    fn shared(&self) -> [(&'static str, &Column<'_>); 4] {
        [
            ("Action", &self.actions),
            ("UserId", &self.user_ids),
            ("ImpersonationRoleId", &self.impersonation_role_ids),
            ("OrganizationId", &self.organization_ids),
        ]
    }
}

/// The answers of a sweep: addresses as numbers, and every other member the same for every
/// request (or absent). Only the address differs, and every number is a valid address, so the
/// other members are checked once and each address costs one compiled decision. `None` when
/// the batch is not a sweep, or its shared members need `call`'s path (then every request
/// does, and the general loop answers them).
fn sweep(lean: &mut Lean<'_>, columns: &Columns<'_>) -> Option<Vec<u32>> {
    let IpColumn::Numbers(numbers) = &columns.ip_addresses else {
        return None;
    };
    let shared = columns.shared();
    if shared
        .iter()
        .any(|(_, column)| matches!(column, Column::Each(_)))
    {
        return None;
    }
    let mut members = Members::default();
    for (member, column) in shared {
        members.add(member, column.get(0));
    }
    let first = Ipv4Addr::from(*numbers.first()?);
    let at = lean.checked(&members, Some(first))?;
    let mut request = lean.request(at)?.clone();
    let mut index = Vec::with_capacity(numbers.len());
    for &number in numbers {
        request.ip_address = Ipv4Addr::from(number);
        let slot = lean.slot_of(&request)?;
        index.push(u32::try_from(slot).unwrap_or(u32::MAX));
    }
    Some(index)
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::env::FixedEnvironment;

    /// A directory, a role, rules on addresses, actions, users and roles.
    const DIRECTORY: &str = r#"{"OrganizationId": "m-0123456789abcdef0123456789abcdef",
        "Users": [
          {"Id": "S-1-1-11-0000000001", "Email": "jane@example.com", "Name": "jane", "State": "ENABLED"},
          {"Id": "S-1-1-11-0000000002", "Email": "old@example.com", "Name": "old", "State": "DISABLED"}],
        "AccessControlRules": [
          {"Name": "default", "Effect": "ALLOW", "Description": ""},
          {"Name": "office-only", "Effect": "DENY", "Description": "", "NotIpRanges": ["192.0.2.0/24"],
           "Actions": ["IMAP", "SMTP"]},
          {"Name": "helpdesk-ews", "Effect": "ALLOW", "Description": "", "ImpersonationRoleIds": ["helpdesk"]},
          {"Name": "no-jane-webmail", "Effect": "DENY", "Description": "", "UserIds": ["S-1-1-11-0000000001"],
           "Actions": ["WebMail"], "IpRanges": ["10.0.0.0/8"]}],
        "ImpersonationRoles": [{"ImpersonationRoleId": "helpdesk", "Name": "Helpdesk", "Type": "READ_ONLY",
          "Rules": [{"ImpersonationRuleId": "all", "Effect": "ALLOW"}]}]}"#;

    /// No directory: every user ID exists.
    const RULES_ONLY: &str = r#"{"Rules": [
          {"Name": "default", "Effect": "ALLOW", "Description": ""},
          {"Name": "myRule", "Effect": "DENY", "Description": "", "UserIds": ["S-1-1-11-1111111111-2222222222-3333333333-3333"]}]}"#;

    fn organization(text: &str) -> Organization {
        Organization::from_json(text)
            .map(|loaded| loaded.organization)
            .unwrap_or_default()
    }

    /// Valid requests, and requests broken in every way the core checks.
    fn requests() -> Vec<Value> {
        let mut out = Vec::new();
        let users = [
            "S-1-1-11-0000000001",
            "S-1-1-11-0000000002",
            "S-1-1-11-9999999999",
            "S-1-1-11-1111111111-2222222222-3333333333-3333",
            "jane",
            "",
        ];
        let ips = [
            "192.0.2.7",
            "10.1.2.3",
            "203.0.113.9",
            "0.0.0.0",
            "255.255.255.255",
            "192.0.2.01",
            "1.2.3",
            "::1",
            "",
        ];
        let actions = ["IMAP", "SMTP", "EWS", "WebMail", "imap", ""];
        for (at, ip) in ips.iter().enumerate() {
            for (bt, action) in actions.iter().enumerate() {
                let user = users
                    .get((at + bt) % users.len())
                    .copied()
                    .unwrap_or_default();
                out.push(serde_json::json!({"IpAddress": ip, "Action": action, "UserId": user}));
                out.push(serde_json::json!({"Action": action, "IpAddress": ip, "ImpersonationRoleId": "helpdesk"}));
            }
        }
        let more = [
            r#"{"IpAddress": "192.0.2.7", "Action": "IMAP"}"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "EWS", "ImpersonationRoleId": "nope"}"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "EWS", "ImpersonationRoleId": "helpdesk", "UserId": "S-1-1-11-0000000001"}"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "IMAP", "ImpersonationRoleId": "helpdesk"}"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", "OrganizationId": "m-0123456789abcdef0123456789abcdef"}"#,
            r#"{"OrganizationId": "m-0123456789abcdef0123456789abcdef", "IpAddress": "10.0.0.1", "Action": "WebMail", "UserId": "S-1-1-11-0000000001"}"#,
            r#"{"OrganizationId": "m-0123456789abcdef0123456789abcdef", "IpAddress": "10.0.0.1", "Action": "EWS", "ImpersonationRoleId": "helpdesk"}"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", "OrganizationId": "m-ffffffffffffffffffffffffffffffff"}"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", "OrganizationId": "m-0123"}"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", "OrganizationId": 7}"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", "OrganizationId": "m-0123456789abcdef0123456789abcdef", "OrganizationId": "m-0123456789abcdef0123456789abcdef"}"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", "Extra": "x"}"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": 1}"#,
            r#"{"IpAddress": ["192.0.2.7"], "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": null}"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "I\u004dAP", "UserId": "S-1-1-11-0000000001"}"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": "S-1-1-11-000000000\u0031"}"#,
            r#"{"IpAddress": "10.0.0.1", "Action": "WebMail", "UserId": "S-1-1-11-000000000\u0032"}"#,
            r#"{"IpAddress": "10.0.0.1", "Action": "WebMail", "UserId": "S-1-1-11-0000000001"}"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", "a": "1", "b": "2", "c": "3"}"#,
            r#"{}"#,
            r#"[]"#,
            r#"null"#,
            r#""text""#,
            r#"1"#,
            r#"{"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", "UserId": "S-1-1-11-9999999999"}"#,
        ];
        out.extend(
            more.iter()
                .filter_map(|text| serde_json::from_str::<Value>(text).ok()),
        );
        out
    }

    fn expected(organization: &mut Organization, inputs: &[Value]) -> Vec<Value> {
        let mut env = FixedEnvironment::new(0.0, 0);
        inputs
            .iter()
            .map(|input| {
                organization
                    .call(OPERATION, input, &mut env)
                    .unwrap_or_else(|error| error.to_json())
            })
            .collect()
    }

    #[test]
    fn the_lean_path_answers_exactly_as_call() {
        for document in [DIRECTORY, RULES_ONLY] {
            let mut org = organization(document);
            let inputs = requests();
            let want = expected(&mut org, &inputs);
            let text = serde_json::to_string(&inputs).unwrap_or_default();
            let mut env = FixedEnvironment::new(0.0, 0);
            let got = org.call_many_json(OPERATION, &text, &mut AccessCache::default(), &mut env);
            let got: Vec<Value> = got
                .ok()
                .and_then(|text| serde_json::from_str(&text).ok())
                .unwrap_or_default();
            assert_eq!(got.len(), want.len());
            for ((input, got), want) in inputs.iter().zip(&got).zip(&want) {
                assert_eq!(got, want, "{input}");
            }
        }
    }

    /// The JSON of the requests at `positions` of `inputs`.
    fn json_of(inputs: &[Value], positions: &[usize]) -> Result<Vec<Value>, String> {
        Ok(positions
            .iter()
            .filter_map(|at| inputs.get(*at).cloned())
            .collect())
    }

    #[test]
    fn coded_requests_answer_exactly_as_call() {
        let mut more = requests();
        for address in [
            "１.2.3.4",
            "1.2.3.4\u{e9}",
            "\u{1f600}",
            "192.0.2.7 ",
            "\u{FFFD}",
        ] {
            more.push(serde_json::json!({"IpAddress": address, "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}));
            more.push(serde_json::json!({"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}));
        }
        for document in [DIRECTORY, RULES_ONLY] {
            let mut org = organization(document);
            let inputs = more.clone();
            let want = expected(&mut org, &inputs);
            let mut texts = MemberTexts::default();
            let (numbers, uncoded) = texts.code_values(&inputs);
            assert!(
                numbers.len() / CODED_MEMBERS > inputs.len() / 2 && !uncoded.is_empty(),
                "most requests are coded, some are not"
            );
            let coded = Coded {
                numbers: &numbers,
                texts: &texts,
                uncoded: &uncoded,
            };
            let mut asked = 0;
            let indexed =
                org.access_effects_coded(&coded, &mut AccessCache::default(), &mut |positions| {
                    asked += 1;
                    json_of(&inputs, positions)
                });
            let Ok(indexed) = indexed else {
                panic!("the batch adds up");
            };
            assert_eq!(asked, 1, "the JSON is asked for once");
            assert_eq!(indexed.index.len(), inputs.len());
            answers_as(&inputs, &indexed, &want);
        }
    }

    /// Each request's answer in `indexed` is `want`'s, and each answer text is there once.
    fn answers_as(inputs: &[Value], indexed: &Indexed, want: &[Value]) {
        for ((input, at), want) in inputs.iter().zip(&indexed.index).zip(want) {
            let got = indexed
                .answers
                .get(*at as usize)
                .and_then(|text| serde_json::from_str::<Value>(text).ok());
            assert_eq!(got.as_ref(), Some(want), "{input}");
        }
        let mut distinct = indexed.answers.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), indexed.answers.len(), "each answer once");
    }

    #[test]
    fn coded_requests_the_compiled_rules_answer_are_never_read_as_json() {
        let mut org = organization(DIRECTORY);
        let ip = "192.0.2.7";
        let inputs = [
            // Answered from the compiled rules: a user, or a role asking EWS.
            serde_json::json!({"IpAddress": ip, "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}),
            serde_json::json!({"IpAddress": ip, "Action": "EWS", "ImpersonationRoleId": "helpdesk"}),
            serde_json::json!({"OrganizationId": "m-0123456789abcdef0123456789abcdef",
                "IpAddress": ip, "Action": "SMTP", "UserId": "S-1-1-11-0000000001"}),
            // On `call`'s path: no principal, both, a role asking another action, a user the
            // directory lacks, and a request that is not coded. (So is a user named by name
            // or email, resolved there.)
            serde_json::json!({"IpAddress": ip, "Action": "IMAP"}),
            serde_json::json!({"IpAddress": ip, "Action": "EWS", "UserId": "S-1-1-11-0000000001",
                "ImpersonationRoleId": "helpdesk"}),
            serde_json::json!({"IpAddress": ip, "Action": "IMAP", "ImpersonationRoleId": "helpdesk"}),
            serde_json::json!({"IpAddress": ip, "Action": "IMAP", "UserId": "S-1-1-11-9999999999"}),
            serde_json::json!({"IpAddress": "192.0.2.07", "Action": "IMAP"}),
        ];
        let want = expected(&mut org, &inputs);
        let mut texts = MemberTexts::default();
        let (numbers, uncoded) = texts.code_values(&inputs);
        assert_eq!(uncoded, [7]);
        let coded = Coded {
            numbers: &numbers,
            texts: &texts,
            uncoded: &uncoded,
        };
        let mut read = Vec::new();
        let indexed =
            org.access_effects_coded(&coded, &mut AccessCache::default(), &mut |positions| {
                read.extend_from_slice(positions);
                json_of(&inputs, positions)
            });
        let Ok(indexed) = indexed else {
            panic!("the batch adds up");
        };
        assert_eq!(read, [3, 4, 5, 6, 7]);
        answers_as(&inputs, &indexed, &want);
    }

    #[test]
    fn a_request_left_uncoded_shares_the_answer_a_coded_one_has() {
        // The caller decides what it codes: the same request, coded once and left uncoded
        // once, has one answer, which both name.
        let org = organization(DIRECTORY);
        let request = serde_json::json!({"IpAddress": "192.0.2.7", "Action": "IMAP",
            "UserId": "S-1-1-11-0000000001"});
        let mut texts = MemberTexts::default();
        let (numbers, _) = texts.code_values(std::slice::from_ref(&request));
        let coded = Coded {
            numbers: &numbers,
            texts: &texts,
            uncoded: &[1],
        };
        let indexed =
            org.access_effects_coded(&coded, &mut AccessCache::default(), &mut |positions| {
                Ok(vec![request.clone(); positions.len()])
            });
        let Ok(indexed) = indexed else {
            panic!("the batch adds up");
        };
        assert_eq!(indexed.index, [0, 0]);
        assert_eq!(
            indexed.answers,
            [r#"{"Effect":"ALLOW","MatchedRules":["default"]}"#]
        );
    }

    #[test]
    fn coded_batches_that_do_not_add_up_are_refused() {
        let org = organization(DIRECTORY);
        let mut texts = MemberTexts::default();
        texts.push("IMAP".into());
        let request = serde_json::json!({"IpAddress": "192.0.2.7", "Action": "IMAP"});
        let answer = |numbers: &[u32], uncoded: &[usize], given: usize| {
            let coded = Coded {
                numbers,
                texts: &texts,
                uncoded,
            };
            org.access_effects_coded(&coded, &mut AccessCache::default(), &mut |_| {
                Ok(vec![request.clone(); given])
            })
            .map(|indexed| indexed.index.len())
            .map_err(|error| error.to_string())
        };
        assert_eq!(
            answer(&[1, 0, 0], &[], 0).err().as_deref(),
            Some("coded requests: the numbers are not a whole number of requests")
        );
        assert_eq!(
            answer(&[], &[3], 1).err().as_deref(),
            Some("coded requests: an uncoded request's position is not in the batch")
        );
        assert_eq!(
            answer(&[1, 0, 9, 9, 0], &[1], 1).err().as_deref(),
            Some(
                "coded requests: the JSON of the requests asked for is another number of requests"
            ),
            "text 9 is unknown, so that request is asked for too"
        );
        assert_eq!(answer(&[1, 0, 9, 9, 0], &[1], 2), Ok(2));
        assert_eq!(answer(&[0xC000_0207, 0, 1, 0, 0], &[], 1), Ok(1));
        let refused = org.access_effects_coded(
            &Coded {
                numbers: &[],
                texts: &texts,
                uncoded: &[0],
            },
            &mut AccessCache::default(),
            &mut |_| Err("`inputs` cannot be read as JSON".to_owned()),
        );
        assert_eq!(
            refused.map_err(|error| error.to_string()).err().as_deref(),
            Some("`inputs` cannot be read as JSON")
        );
    }

    #[test]
    fn repeated_members_and_escapes_read_as_serde_json_reads_them() {
        let mut org = organization(DIRECTORY);
        let text = r#"[{"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", "UserId": "S-1-1-11-9999999999"},
                       {"IpAddress": "192.0.2.7", "Action": "I\u004dAP", "UserId": "S-1-1-11-0000000001"},
                       {"IpAddress": "192.0.2.7", "\u0041ction": "IMAP", "UserId": "S-1-1-11-0000000001"}]"#;
        let inputs: Vec<Value> = serde_json::from_str(text).unwrap_or_default();
        let want = expected(&mut org, &inputs);
        let mut env = FixedEnvironment::new(0.0, 0);
        let got = org
            .call_many_json(OPERATION, text, &mut AccessCache::default(), &mut env)
            .unwrap_or_default();
        assert_eq!(serde_json::from_str::<Vec<Value>>(&got).ok(), Some(want));
    }

    #[test]
    fn inputs_that_are_not_an_array_say_what_was_expected_on_either_path() {
        let mut org = organization(DIRECTORY);
        let mut env = FixedEnvironment::new(0.0, 0);
        for operation in [OPERATION, Operation::ListAccessControlRules] {
            for text in [r#"{"IpAddress": "192.0.2.7"}"#, "7", "[{}] []"] {
                let refused = org
                    .call_many_json(operation, text, &mut AccessCache::default(), &mut env)
                    .map_err(|error| error.to_string());
                let Err(message) = refused else {
                    panic!("{operation:?} {text}: {refused:?}");
                };
                assert!(
                    message.starts_with("`inputs` must be a JSON array of requests: "),
                    "{message}"
                );
                if !text.starts_with('[') && operation == OPERATION {
                    assert!(
                        message.contains("expected an array of requests"),
                        "{message}"
                    );
                }
            }
        }
    }

    #[test]
    fn columns_answer_as_call_with_shared_answers() {
        let mut org = organization(DIRECTORY);
        let ips = ["192.0.2.7", "10.1.2.3", "bad", "192.0.2.7"];
        let users = [
            Some("S-1-1-11-0000000001"),
            None,
            Some("S-1-1-11-0000000001"),
            Some("S-1-1-11-0000000001"),
        ];
        let roles = [None, Some("helpdesk"), None, None];
        let columns = Columns {
            ip_addresses: IpColumn::Text(
                ips.iter()
                    .map(|ip| Member::Text(Cow::Borrowed(ip)))
                    .collect(),
            ),
            actions: Column::Same(Member::Text(Cow::Borrowed("EWS"))),
            user_ids: Column::Each(
                users
                    .iter()
                    .map(|u| {
                        u.map_or(Member::Other(Value::Null), |u| {
                            Member::Text(Cow::Borrowed(u))
                        })
                    })
                    .collect(),
            ),
            impersonation_role_ids: Column::Each(
                roles
                    .iter()
                    .map(|r| {
                        r.map_or(Member::Other(Value::Null), |r| {
                            Member::Text(Cow::Borrowed(r))
                        })
                    })
                    .collect(),
            ),
            organization_ids: Column::Absent,
        };
        let indexed = org.access_effects(&columns, &mut AccessCache::default());
        let Ok(indexed) = indexed else {
            panic!("the columns are consistent");
        };
        let inputs: Vec<Value> = ips
            .iter()
            .zip(users.iter().zip(&roles))
            .map(|(ip, (user, role))| {
                let mut request = serde_json::json!({"IpAddress": ip, "Action": "EWS"});
                if let (Some(user), Some(object)) = (user, request.as_object_mut()) {
                    object.insert("UserId".into(), Value::from(*user));
                }
                if let (Some(role), Some(object)) = (role, request.as_object_mut()) {
                    object.insert("ImpersonationRoleId".into(), Value::from(*role));
                }
                request
            })
            .collect();
        let want = expected(&mut org, &inputs);
        let got: Vec<Value> = indexed
            .index
            .iter()
            .filter_map(|at| indexed.answers.get(*at as usize))
            .filter_map(|text| serde_json::from_str(text).ok())
            .collect();
        assert_eq!(got, want);
        assert_eq!(
            indexed.index.first(),
            indexed.index.get(3),
            "equal answers share one entry"
        );
        assert_eq!(indexed.answers.len(), 3);
    }

    #[test]
    fn addresses_as_numbers_need_no_parsing() {
        let org = organization(DIRECTORY);
        let columns = Columns {
            ip_addresses: IpColumn::Numbers(vec![0xC000_0207, 0x0A01_0203]),
            actions: Column::Same(Member::Text(Cow::Borrowed("IMAP"))),
            user_ids: Column::Same(Member::Text(Cow::Borrowed("S-1-1-11-0000000001"))),
            impersonation_role_ids: Column::Absent,
            organization_ids: Column::Absent,
        };
        let indexed = org.access_effects(&columns, &mut AccessCache::default());
        let answers: Vec<String> = indexed
            .map(|indexed| {
                indexed
                    .index
                    .iter()
                    .filter_map(|at| indexed.answers.get(*at as usize).cloned())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(
            answers,
            [
                r#"{"Effect":"ALLOW","MatchedRules":["default"]}"#,
                r#"{"Effect":"DENY","MatchedRules":["office-only"]}"#
            ]
        );
    }

    #[test]
    fn lists_of_other_lengths_are_refused() {
        let org = organization(DIRECTORY);
        let columns = Columns {
            ip_addresses: IpColumn::Numbers(vec![1, 2]),
            actions: Column::Each(vec![Member::Text(Cow::Borrowed("IMAP"))]),
            user_ids: Column::Absent,
            impersonation_role_ids: Column::Absent,
            organization_ids: Column::Absent,
        };
        let error = org
            .access_effects(&columns, &mut AccessCache::default())
            .err()
            .map(|error| error.to_string());
        assert_eq!(
            error.as_deref(),
            Some(
                "`Action` has 1 entries but `IpAddress` has 2; give one per request, or one string for all"
            )
        );
    }

    #[test]
    fn other_operations_go_through_call_many_and_the_cache_follows_changes() {
        let mut org = organization(DIRECTORY);
        let mut cache = AccessCache::default();
        let mut env = FixedEnvironment::new(0.0, 0);
        let mut answer = |org: &mut Organization, operation, inputs: &str| {
            org.call_many_json(operation, inputs, &mut cache, &mut env)
                .ok()
        };
        let probe =
            r#"[{"IpAddress": "203.0.113.9", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}]"#;
        assert_eq!(
            answer(&mut org, OPERATION, probe).as_deref(),
            Some(r#"[{"Effect":"DENY","MatchedRules":["office-only"]}]"#)
        );
        let deleted = answer(
            &mut org,
            Operation::DeleteAccessControlRule,
            r#"[{"Name": "office-only"}, {"Name": 1}]"#,
        );
        assert!(deleted.as_deref().is_some_and(|text| {
            text.starts_with(r#"[{},{"Error":{"Code":"InvalidParameterException""#)
        }));
        assert_eq!(
            answer(&mut org, OPERATION, probe).as_deref(),
            Some(r#"[{"Effect":"ALLOW","MatchedRules":["default"]}]"#)
        );
        assert_eq!(answer(&mut org, OPERATION, "{}"), None);
        assert_eq!(answer(&mut org, OPERATION, "[]").as_deref(), Some("[]"));
    }

    #[test]
    fn a_cache_never_answers_from_another_organizations_rules() {
        let mut open = organization(RULES_ONLY);
        let mut closed = open.clone();
        let delete = crate::api::DeleteAccessControlRuleRequest {
            name: "default".into(),
            ..Default::default()
        };
        assert!(closed.delete_access_control_rule(&delete).is_ok());
        let mut cache = AccessCache::default();
        let mut env = FixedEnvironment::new(0.0, 0);
        let probe =
            r#"[{"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000009"}]"#;
        for _ in 0..2 {
            for (org, want) in [
                (
                    &mut open,
                    r#"[{"Effect":"ALLOW","MatchedRules":["default"]}]"#,
                ),
                (&mut closed, r#"[{"Effect":"DENY","MatchedRules":[]}]"#),
            ] {
                let got = org.call_many_json(OPERATION, probe, &mut cache, &mut env);
                assert_eq!(got.ok().as_deref(), Some(want));
            }
        }
    }

    #[test]
    fn sdk_requests_with_the_organizations_id_take_the_fast_path() {
        let org = organization(DIRECTORY);
        let compiled = CompiledAccess::new(org.access_control_rules());
        let mut lean = Lean::new(&org, compiled.as_ref());
        let mut members = Members::default();
        for (name, value) in [
            ("OrganizationId", "m-0123456789abcdef0123456789abcdef"),
            ("IpAddress", "192.0.2.7"),
            ("Action", "IMAP"),
            ("UserId", "S-1-1-11-0000000001"),
        ] {
            members.push(Cow::Borrowed(name), Member::Text(Cow::Borrowed(value)));
        }
        assert!(lean.checked(&members, None).is_some());
        // A role asking EWS, too.
        members.clear();
        for (name, value) in [
            ("IpAddress", "192.0.2.7"),
            ("Action", "EWS"),
            ("ImpersonationRoleId", "helpdesk"),
        ] {
            members.push(Cow::Borrowed(name), Member::Text(Cow::Borrowed(value)));
        }
        assert!(lean.checked(&members, None).is_some());
        members.clear();
        for (name, value) in [
            ("OrganizationId", "m-ffffffffffffffffffffffffffffffff"),
            ("IpAddress", "192.0.2.7"),
            ("Action", "IMAP"),
            ("UserId", "S-1-1-11-0000000001"),
        ] {
            members.push(Cow::Borrowed(name), Member::Text(Cow::Borrowed(value)));
        }
        assert!(
            lean.checked(&members, None).is_none(),
            "another organization's ID is an error"
        );
    }

    #[test]
    fn addresses_as_numbers_take_the_fast_path() {
        let org = organization(DIRECTORY);
        let compiled = CompiledAccess::new(org.access_control_rules());
        let mut lean = Lean::new(&org, compiled.as_ref());
        let mut members = Members::default();
        members.add("Action", Some(&Member::Text(Cow::Borrowed("IMAP"))));
        members.add(
            "UserId",
            Some(&Member::Text(Cow::Borrowed("S-1-1-11-0000000001"))),
        );
        let address = Some(Ipv4Addr::new(192, 0, 2, 7));
        assert!(lean.checked(&members, address).is_some());
        members.add("IpAddress", Some(&Member::Text(Cow::Borrowed("192.0.2.7"))));
        assert!(
            lean.checked(&members, address).is_none(),
            "two addresses are one too many"
        );
    }
}
