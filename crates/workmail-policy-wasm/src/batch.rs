//! Batch evaluation: one crossing of the boundary for a whole batch of requests.
//!
//! `callMany` takes its inputs as one `JSON.stringify` text and returns the answers as one text
//! for `JSON.parse`; `callManyJson` skips both steps for callers that hold JSON already. Every
//! operation runs through the core's
//! [`Organization::call_many`](workmail_policy::Organization::call_many), except one.
//!
//! `GetAccessControlEffect` has a lean path, because a compiled decision takes nanoseconds and
//! everything around it in the core's `call` (a `serde_json::Value` per request, its shape
//! check, the response as a `Value`) a hundred times more. A request that is plainly
//! well-formed (members that are all strings the core's request shape knows, each passing that
//! member's shape check, the required ones present, one principal the organization knows, no
//! `OrganizationId`) is answered from the core's [`CompiledAccess`], its strings borrowed from
//! the input text, and the response text is shared by every request with the same answer. Any
//! other request, valid or not, goes through the core's `call` unchanged, so every error and
//! every answer is exactly the core's. The tests below compare both paths on valid and broken
//! requests.
//!
//! `accessEffects` takes the same requests as parallel arrays (addresses as text or as 32-bit
//! numbers) and returns each distinct answer once with an index per request, so neither side
//! builds an object per request.

use std::borrow::Cow;
use std::fmt;
use std::net::Ipv4Addr;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use workmail_policy::compile::{CompiledAccess, RuleSet};
use workmail_policy::shape::{self, Node, Path, Shape, StructureShape};
use workmail_policy::{
    AccessRequest, Action, Effect, Environment, GetAccessControlEffectResponse, Operation,
    Organization, Principal,
};

const OPERATION: Operation = Operation::GetAccessControlEffect;

/// Answers every input of `text` (a JSON array) with `operation`, in order, as a JSON array of
/// responses and `{"Error": {"Code", "Message"}}` objects. `compiled` caches the compiled access
/// rules between batches; a changing operation clears it (as the caller does after a `call`).
///
/// # Errors
/// A message for a `TypeError` when `text` is not a JSON array.
pub(crate) fn answer_all(
    organization: &mut Organization,
    compiled: &mut Option<CompiledAccess>,
    operation: Operation,
    text: &str,
    env: &mut dyn Environment,
) -> Result<String, String> {
    if operation.is_mutating() {
        *compiled = None;
    }
    if operation != OPERATION {
        let inputs: Vec<Value> = serde_json::from_str(text).map_err(not_an_array)?;
        let values: Vec<Value> = organization
            .call_many(operation, &inputs, env)
            .into_iter()
            .map(|answer| answer.unwrap_or_else(|error| error.to_json()))
            .collect();
        return serde_json::to_string(&values).map_err(|error| error.to_string());
    }
    let mut lean = Lean::new(organization, compiled, env);
    let mut out = String::with_capacity(text.len() / 2);
    out.push('[');
    let mut reader = serde_json::Deserializer::from_str(text);
    ArraySeed {
        lean: &mut lean,
        out: &mut out,
    }
    .deserialize(&mut reader)
    .and_then(|()| reader.end())
    .map_err(not_an_array)?;
    out.push(']');
    Ok(out)
}

fn not_an_array(error: serde_json::Error) -> String {
    format!("`inputs` must be a JSON array of requests: {error}")
}

/// `GetAccessControlEffect` requests as parallel lists, one entry per request; `null` entries
/// (and absent lists) leave the member out of that request.
pub(crate) struct Columns<'a> {
    /// `IpAddress`: text as given, or addresses as numbers.
    pub(crate) ip_addresses: IpColumn<'a>,
    /// `Action`.
    pub(crate) actions: Column<'a>,
    /// `UserId`.
    pub(crate) user_ids: Column<'a>,
    /// `ImpersonationRoleId`.
    pub(crate) role_ids: Column<'a>,
}

/// The addresses of [`Columns`].
pub(crate) enum IpColumn<'a> {
    /// As written in requests (any JSON value, checked as `call` checks it).
    Text(Vec<Member<'a>>),
    /// As 32-bit numbers: always valid addresses.
    Numbers(Vec<u32>),
}

/// A member list of [`Columns`]: one value for every request, or one per request.
pub(crate) enum Column<'a> {
    /// Absent from every request.
    Absent,
    /// The same for every request.
    Same(Member<'a>),
    /// One per request.
    Each(Vec<Member<'a>>),
}

impl<'a> Column<'a> {
    fn get(&self, at: usize) -> Option<&Member<'a>> {
        match self {
            Self::Absent => None,
            Self::Same(member) => Some(member),
            Self::Each(members) => members.get(at),
        }
        .filter(|member| !matches!(member, Member::Other(Value::Null)))
    }

    fn len(&self) -> Option<usize> {
        match self {
            Self::Each(members) => Some(members.len()),
            Self::Absent | Self::Same(_) => None,
        }
    }
}

/// The distinct answers (JSON texts, in order of first appearance) and, for each request, the
/// index of its answer.
pub(crate) struct Indexed {
    pub(crate) answers: Vec<String>,
    pub(crate) index: Vec<u32>,
}

/// Answers the requests of `columns`.
///
/// # Errors
/// A message for a `TypeError` when the lists' lengths differ from the addresses'.
pub(crate) fn answer_columns(
    organization: &mut Organization,
    compiled: &mut Option<CompiledAccess>,
    columns: &Columns<'_>,
    env: &mut dyn Environment,
) -> Result<Indexed, String> {
    let count = match &columns.ip_addresses {
        IpColumn::Text(texts) => texts.len(),
        IpColumn::Numbers(numbers) => numbers.len(),
    };
    for (name, column) in [
        ("Action", &columns.actions),
        ("UserId", &columns.user_ids),
        ("ImpersonationRoleId", &columns.role_ids),
    ] {
        if let Some(length) = column.len().filter(|length| *length != count) {
            return Err(format!(
                "`{name}` has {length} entries but `IpAddress` has {count}; give one per request, or one string for all"
            ));
        }
    }
    let mut lean = Lean::new(organization, compiled, env);
    if let Some(index) = answer_sweep(&mut lean, columns) {
        return Ok(Indexed {
            answers: lean.texts,
            index,
        });
    }
    let mut index = Vec::with_capacity(count);
    let mut members = Members::default();
    for at in 0..count {
        members.clear();
        let address = match &columns.ip_addresses {
            IpColumn::Text(texts) => {
                let text = texts
                    .get(at)
                    .filter(|member| !matches!(member, Member::Other(Value::Null)));
                add(&mut members, "IpAddress", text);
                None
            }
            IpColumn::Numbers(numbers) => numbers.get(at).copied().map(Ipv4Addr::from),
        };
        add(&mut members, "Action", columns.actions.get(at));
        add(&mut members, "UserId", columns.user_ids.get(at));
        add(
            &mut members,
            "ImpersonationRoleId",
            columns.role_ids.get(at),
        );
        let slot = match lean.answer(&members, address) {
            Answer::Known(slot) => slot,
            Answer::New(text) => {
                lean.texts.push(text);
                lean.texts.len() - 1
            }
        };
        index.push(u32::try_from(slot).unwrap_or(u32::MAX));
    }
    Ok(Indexed {
        answers: lean.texts,
        index,
    })
}

/// The answers of a sweep: addresses as numbers, and every other member the same for every
/// request (or absent). When the lean path takes that request, only the address differs, so the
/// principal and the action are checked once and each address costs one compiled decision.
/// `None` when the batch is not a sweep, or its shared members need the core's path (then every
/// request does, and the general loop answers them).
fn answer_sweep(lean: &mut Lean<'_>, columns: &Columns<'_>) -> Option<Vec<u32>> {
    let IpColumn::Numbers(numbers) = &columns.ip_addresses else {
        return None;
    };
    let shared = [&columns.actions, &columns.user_ids, &columns.role_ids];
    if shared
        .iter()
        .any(|column| matches!(column, Column::Each(_)))
    {
        return None;
    }
    let first = Ipv4Addr::from(*numbers.first()?);
    let mut members = Members::default();
    add(&mut members, "Action", columns.actions.get(0));
    add(&mut members, "UserId", columns.user_ids.get(0));
    add(&mut members, "ImpersonationRoleId", columns.role_ids.get(0));
    let at = lean.prepare(members.strings()?, Some(first))?;
    let (compiled, (_, request)) = (lean.compiled?, lean.principals.get(at)?);
    let mut request = request.clone()?;
    let mut index = Vec::with_capacity(numbers.len());
    for &number in numbers {
        request.ip_address = Ipv4Addr::from(number);
        let slot = lean.slot(compiled.decide_set(&request));
        index.push(u32::try_from(slot).unwrap_or(u32::MAX));
    }
    Some(index)
}

/// Adds a member of one request of [`Columns`] (a value that is not a string goes to the
/// core's path as it is).
fn add<'a>(members: &mut Members<'a>, name: &'static str, value: Option<&Member<'a>>) {
    if let Some(value) = value {
        members.push(Cow::Borrowed(name), value.clone());
    }
}

// ---------------------------------------------------------------------------------------------
// The lean path.

/// What became of one request.
enum Answer {
    /// The same answer as an earlier request of the batch: the index of its text.
    Known(usize),
    /// A new answer's text.
    New(String),
}

/// The state of one batch of `GetAccessControlEffect` requests.
struct Lean<'b> {
    organization: &'b mut Organization,
    /// The compiled rules; `None` beyond what compilation covers (never with a valid
    /// document), when every request takes the core's path.
    compiled: Option<&'b CompiledAccess>,
    env: &'b mut dyn Environment,
    /// The member shapes; `None` when the lean path does not apply.
    shapes: Option<Shapes>,
    /// Each answer of the lean path met so far, and the index of its text.
    known: Vec<((Effect, RuleSet), usize)>,
    /// The texts of `known` by index (and, for `accessEffects`, the core path's answers).
    texts: Vec<String>,
    /// Each principal met so far (`true` for a role) and its checked request, `None` when the
    /// principal fails its shape or is unknown, so its requests take the core's path.
    principals: Vec<((bool, String), Option<AccessRequest>)>,
    /// The entry of `principals` the last request used.
    last_principal: usize,
    /// That request's kind of principal and the address and length of its identifier, when
    /// borrowed from the input.
    last_borrowed: Option<(bool, usize, usize)>,
    /// Each action text met so far, and the action it names when it passes its shape.
    actions: Vec<(String, Option<Action>)>,
}

impl<'b> Lean<'b> {
    fn new(
        organization: &'b mut Organization,
        compiled: &'b mut Option<CompiledAccess>,
        env: &'b mut dyn Environment,
    ) -> Self {
        if compiled.is_none() {
            *compiled = CompiledAccess::new(organization.access_control_rules());
        }
        Self {
            organization,
            compiled: compiled.as_ref(),
            env,
            shapes: Shapes::of(OPERATION.input_shape()),
            known: Vec::new(),
            texts: Vec::new(),
            principals: Vec::new(),
            last_principal: 0,
            last_borrowed: None,
            actions: Vec::new(),
        }
    }

    /// Answers one request: `address` replaces the `IpAddress` member when the caller gave
    /// addresses as numbers.
    fn answer(&mut self, members: &Members<'_>, address: Option<Ipv4Addr>) -> Answer {
        if let Some(key) = members
            .strings()
            .and_then(|strings| self.decide(strings, address))
        {
            return Answer::Known(self.slot(key));
        }
        let mut value = members.to_map();
        if let Some(address) = address {
            value.insert("IpAddress".to_owned(), Value::String(address.to_string()));
        }
        let answer = self
            .organization
            .call(OPERATION, &Value::Object(value), self.env)
            .unwrap_or_else(|error| error.to_json());
        Answer::New(answer.to_string())
    }

    /// The lean path's answer, when the request is plainly well-formed: every member a string
    /// the request shape knows and accepts, the required members present, exactly one
    /// principal, and what the core checks next (the action, an EWS-only role, the address, a
    /// known user or role) met. No `OrganizationId`: those requests take the core's path,
    /// which compares it.
    fn decide(
        &mut self,
        members: &[(Cow<'_, str>, Cow<'_, str>)],
        address: Option<Ipv4Addr>,
    ) -> Option<(Effect, RuleSet)> {
        let compiled = self.compiled?;
        let at = self.prepare(members, address)?;
        let (_, request) = self.principals.get(at)?;
        Some(compiled.decide_set(request.as_ref()?))
    }

    /// The index of an answer's text, added the first time the answer is met.
    fn slot(&mut self, key: (Effect, RuleSet)) -> usize {
        if let Some((_, slot)) = self.known.iter().find(|(known, _)| *known == key) {
            return *slot;
        }
        let text = self
            .compiled
            .map(|c| response_text(c, key))
            .unwrap_or_default();
        self.texts.push(text);
        let slot = self.texts.len() - 1;
        self.known.push((key, slot));
        slot
    }

    /// Checks a request for the lean path (see [`Self::decide`]) and sets its address and action
    /// in its principal's entry of `principals`; returns that entry's index.
    fn prepare(
        &mut self,
        members: &[(Cow<'_, str>, Cow<'_, str>)],
        address: Option<Ipv4Addr>,
    ) -> Option<usize> {
        self.compiled?;
        let shapes = self.shapes?;
        let (mut ip, mut action, mut principal) = (None, None, None);
        for (name, value) in members {
            let text = value.as_ref();
            let repeated = match name.as_ref() {
                "IpAddress" => ip.replace(text).is_some(),
                "Action" => action.replace(text).is_some(),
                "UserId" => principal.replace((false, value)).is_some(),
                "ImpersonationRoleId" => principal.replace((true, value)).is_some(),
                _ => true,
            };
            // A repeated member, two principals, `OrganizationId` or an unknown member.
            if repeated {
                return None;
            }
        }
        let ip_address = match (address, ip) {
            (Some(address), None) => address,
            (None, Some(ip)) if holds(shapes.ip_address, ip) => {
                workmail_policy::model::parse_ipv4(ip)?
            }
            _ => return None,
        };
        let (is_role, id) = principal?;
        let action = self.action(&shapes, action?)?;
        if is_role && action != Action::Ews {
            return None;
        }
        let at = self.principal(&shapes, is_role, id, matches!(id, Cow::Borrowed(_)));
        let (_, request) = self.principals.get_mut(at)?;
        let request = request.as_mut()?;
        request.ip_address = ip_address;
        request.action = action;
        Some(at)
    }

    /// The action a text names, when it passes the `Action` shape (checked once per text).
    fn action(&mut self, shapes: &Shapes, text: &str) -> Option<Action> {
        if let Some((_, action)) = self.actions.iter().find(|(known, _)| known == text) {
            return *action;
        }
        let action = holds(shapes.action, text)
            .then(|| text.parse().ok())
            .flatten();
        self.actions.push((text.to_owned(), action));
        action
    }

    /// The entry of `principals` for an identifier, added (and checked) the first time. The
    /// entry the last request used is tried first, by address when both texts are borrowed from
    /// the batch's input (which does not change while the batch runs).
    fn principal(&mut self, shapes: &Shapes, is_role: bool, text: &str, borrowed: bool) -> usize {
        let borrowed = borrowed.then_some((is_role, text.as_ptr() as usize, text.len()));
        if borrowed.is_some() && borrowed == self.last_borrowed {
            return self.last_principal;
        }
        let same = |((role, known), _): &((bool, String), _)| *role == is_role && known == text;
        let last = self.last_principal;
        let found = match self.principals.get(last) {
            Some(entry) if same(entry) => Some(last),
            _ => self.principals.iter().position(same),
        };
        let at = found.unwrap_or_else(|| {
            let shape = if is_role {
                shapes.role_id
            } else {
                shapes.user_id
            };
            let request = self.checked_principal(shape, is_role, text);
            self.principals.push(((is_role, text.to_owned()), request));
            self.principals.len() - 1
        });
        self.last_principal = at;
        self.last_borrowed = borrowed;
        at
    }

    /// A request for a principal, when its identifier passes its shape and the organization
    /// knows it (a user of the directory, or any user without one; an existing role).
    fn checked_principal(&self, shape: Shape, is_role: bool, id: &str) -> Option<AccessRequest> {
        let (principal, known) = if is_role {
            let known = self.organization.impersonation_role(id).is_some();
            (Principal::ImpersonationRoleId(id.to_owned()), known)
        } else {
            let known = self.organization.directory().has_user_id(id);
            (Principal::UserId(id.to_owned()), known)
        };
        (known && holds(shape, id)).then_some(AccessRequest {
            ip_address: Ipv4Addr::UNSPECIFIED,
            action: Action::Ews,
            principal,
        })
    }
}

/// The shapes of the request's members, as the core checks them.
#[derive(Clone, Copy)]
struct Shapes {
    ip_address: Shape,
    action: Shape,
    user_id: Shape,
    role_id: Shape,
}

impl Shapes {
    /// The shapes, when the request shape requires nothing beyond `IpAddress` and `Action`
    /// (otherwise the lean path cannot tell a complete request).
    fn of(structure: &'static StructureShape) -> Option<Self> {
        let only_known_required = structure
            .members
            .iter()
            .filter(|member| member.required)
            .all(|member| member.name == "IpAddress" || member.name == "Action");
        let shape = |name: &str| structure.member(name).map(|member| member.shape);
        only_known_required.then_some(())?;
        Some(Self {
            ip_address: shape("IpAddress")?,
            action: shape("Action")?,
            user_id: shape("UserId")?,
            role_id: shape("ImpersonationRoleId")?,
        })
    }
}

/// Whether a string passes a shape.
fn holds(shape: Shape, text: &str) -> bool {
    let mut violations = Vec::new();
    shape::check(&Text(text), shape, &Path::root(), &mut violations);
    violations.is_empty()
}

/// The core's response JSON for an answer.
fn response_text(compiled: &CompiledAccess, (effect, set): (Effect, RuleSet)) -> String {
    let response = GetAccessControlEffectResponse {
        effect,
        matched_rules: compiled.names(set),
    };
    serde_json::to_value(&response)
        .map(|value| value.to_string())
        .unwrap_or_default()
}

/// A string member's value, for the core's shape check.
struct Text<'t>(&'t str);

impl Node for Text<'_> {
    fn kind(&self) -> &'static str {
        "a string"
    }
    fn as_str(&self) -> Option<&str> {
        Some(self.0)
    }
    fn as_number(&self) -> Option<(String, f64)> {
        None
    }
    fn elements(&self) -> Option<Vec<&Self>> {
        None
    }
    fn members(&self) -> Option<Vec<(&str, &Self)>> {
        None
    }
    fn offset(&self) -> Option<usize> {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Reading a batch: the array's inputs are answered as they are read, each an object's members
// borrowed from the text (at most five, without allocating), or any other JSON value.

/// The most members a request read without allocating has (the request shape has five).
const INLINE_MEMBERS: usize = 5;

/// The members of one request, in order (repeats kept): up to five strings inline, without
/// allocating; once a member is not a string or there are more, all of them as a JSON object.
#[derive(Default)]
struct Members<'a> {
    slots: [(Cow<'a, str>, Cow<'a, str>); INLINE_MEMBERS],
    len: usize,
    object: Option<Map<String, Value>>,
}

impl<'a> Members<'a> {
    /// Empties it, for the next request.
    fn clear(&mut self) {
        self.len = 0;
        self.object = None;
    }

    /// The members, when they are all strings held inline.
    fn strings(&self) -> Option<&[(Cow<'a, str>, Cow<'a, str>)]> {
        match self.object {
            None => self.slots.get(..self.len),
            Some(_) => None,
        }
    }

    fn push(&mut self, name: Cow<'a, str>, value: Member<'a>) {
        let value = match (value, &self.object) {
            (Member::Text(text), None) => match self.slots.get_mut(self.len) {
                Some(slot) => {
                    *slot = (name, text);
                    self.len += 1;
                    return;
                }
                None => Value::String(text.into_owned()),
            },
            (Member::Text(text), Some(_)) => Value::String(text.into_owned()),
            (Member::Other(value), _) => value,
        };
        let object = self
            .object
            .get_or_insert_with(|| inline_map(&self.slots, self.len));
        object.insert(name.into_owned(), value);
    }

    /// The members as `serde_json` reads an object: a repeated member keeps its place and its
    /// last value.
    fn to_map(&self) -> Map<String, Value> {
        match &self.object {
            Some(object) => object.clone(),
            None => inline_map(&self.slots, self.len),
        }
    }
}

fn inline_map(slots: &[(Cow<'_, str>, Cow<'_, str>)], len: usize) -> Map<String, Value> {
    let mut map = Map::new();
    for (name, text) in slots.iter().take(len) {
        map.insert(
            name.as_ref().to_owned(),
            Value::String(text.as_ref().to_owned()),
        );
    }
    map
}

/// Reads the array, answering each input as it comes.
struct ArraySeed<'s, 'b> {
    lean: &'s mut Lean<'b>,
    out: &'s mut String,
}

impl<'de> DeserializeSeed<'de> for ArraySeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ArraySeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of requests")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut first = true;
        while let Some(answer) = seq.next_element_seed(RequestSeed { lean: self.lean })? {
            if !first {
                self.out.push(',');
            }
            first = false;
            match answer {
                Answer::Known(slot) => {
                    if let Some(text) = self.lean.texts.get(slot) {
                        self.out.push_str(text);
                    }
                }
                Answer::New(text) => self.out.push_str(&text),
            }
        }
        Ok(())
    }
}

/// Reads one input and answers it.
struct RequestSeed<'s, 'b> {
    lean: &'s mut Lean<'b>,
}

impl<'de> DeserializeSeed<'de> for RequestSeed<'_, '_> {
    type Value = Answer;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Answer, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl RequestSeed<'_, '_> {
    /// An input that is not an object goes to the core's path as it is.
    fn other(self, value: Value) -> Answer {
        let answer = self
            .lean
            .organization
            .call(OPERATION, &value, self.lean.env)
            .unwrap_or_else(|error| error.to_json());
        Answer::New(answer.to_string())
    }
}

impl<'de> Visitor<'de> for RequestSeed<'_, '_> {
    type Value = Answer;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a request")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answer, A::Error> {
        let mut members = Members::default();
        while let Some(name) = map.next_key_seed(TextSeed)? {
            members.push(name, map.next_value_seed(MemberSeed)?);
        }
        Ok(self.lean.answer(&members, None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Answer, A::Error> {
        let value = Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(self.other(value))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Answer, E> {
        Ok(self.other(Value::String(text.to_owned())))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Answer, E> {
        Ok(self.other(Value::Bool(value)))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Answer, E> {
        Ok(self.other(Value::from(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Answer, E> {
        Ok(self.other(Value::from(value)))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Answer, E> {
        Ok(self.other(Value::from(value)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Answer, E> {
        Ok(self.other(Value::Null))
    }
}

/// A member name, borrowed from the text when it has no escapes.
struct TextSeed;

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(text))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text))
    }
}

/// A member's value: a string, borrowed from the text when it has no escapes, or any other
/// JSON value.
#[derive(Clone)]
pub(crate) enum Member<'a> {
    Text(Cow<'a, str>),
    Other(Value),
}

impl Default for Member<'_> {
    fn default() -> Self {
        Self::Other(Value::Null)
    }
}

impl<'de> Deserialize<'de> for Member<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        MemberSeed.deserialize(deserializer)
    }
}

struct MemberSeed;

impl<'de> DeserializeSeed<'de> for MemberSeed {
    type Value = Member<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(MemberVisitor)
    }
}

struct MemberVisitor;

impl<'de> Visitor<'de> for MemberVisitor {
    type Value = Member<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Member::Text(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Member::Text(Cow::Owned(text.to_owned())))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Member::Text(Cow::Owned(text)))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(de::value::MapAccessDeserializer::new(map)).map(Member::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Member::Other)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Member::Other(Value::Bool(value)))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Member::Other(Value::from(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Member::Other(Value::from(value)))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(Member::Other(Value::from(value)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Member::Other(Value::Null))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use workmail_policy::FixedEnvironment;

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
            r#"{"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", "OrganizationId": "m-ffffffffffffffffffffffffffffffff"}"#,
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
            let mut compiled = None;
            let mut env = FixedEnvironment::new(0.0, 0);
            let got = answer_all(&mut org, &mut compiled, OPERATION, &text, &mut env);
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

    #[test]
    fn repeated_members_and_escapes_read_as_serde_json_reads_them() {
        let mut org = organization(DIRECTORY);
        let text = r#"[{"IpAddress": "192.0.2.7", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", "UserId": "S-1-1-11-9999999999"},
                       {"IpAddress": "192.0.2.7", "Action": "I\u004dAP", "UserId": "S-1-1-11-0000000001"}]"#;
        let inputs: Vec<Value> = serde_json::from_str(text).unwrap_or_default();
        let want = expected(&mut org, &inputs);
        let mut env = FixedEnvironment::new(0.0, 0);
        let got = answer_all(&mut org, &mut None, OPERATION, text, &mut env).unwrap_or_default();
        assert_eq!(serde_json::from_str::<Vec<Value>>(&got).ok(), Some(want));
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
            role_ids: Column::Each(
                roles
                    .iter()
                    .map(|r| {
                        r.map_or(Member::Other(Value::Null), |r| {
                            Member::Text(Cow::Borrowed(r))
                        })
                    })
                    .collect(),
            ),
        };
        let mut env = FixedEnvironment::new(0.0, 0);
        let indexed = answer_columns(&mut org, &mut None, &columns, &mut env);
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
        let mut org = organization(DIRECTORY);
        let columns = Columns {
            ip_addresses: IpColumn::Numbers(vec![0xC000_0207, 0x0A01_0203]),
            actions: Column::Same(Member::Text(Cow::Borrowed("IMAP"))),
            user_ids: Column::Same(Member::Text(Cow::Borrowed("S-1-1-11-0000000001"))),
            role_ids: Column::Absent,
        };
        let mut env = FixedEnvironment::new(0.0, 0);
        let indexed = answer_columns(&mut org, &mut None, &columns, &mut env);
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
        let mut org = organization(DIRECTORY);
        let columns = Columns {
            ip_addresses: IpColumn::Numbers(vec![1, 2]),
            actions: Column::Each(vec![Member::Text(Cow::Borrowed("IMAP"))]),
            user_ids: Column::Absent,
            role_ids: Column::Absent,
        };
        let mut env = FixedEnvironment::new(0.0, 0);
        let error = answer_columns(&mut org, &mut None, &columns, &mut env).err();
        assert_eq!(
            error.as_deref(),
            Some(
                "`Action` has 1 entries but `IpAddress` has 2; give one per request, or one string for all"
            )
        );
    }

    #[test]
    fn other_operations_go_through_call_many_and_changes_clear_the_cache() {
        let mut org = organization(DIRECTORY);
        let mut compiled = None;
        let mut env = FixedEnvironment::new(0.0, 0);
        let probe =
            r#"[{"IpAddress": "203.0.113.9", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}]"#;
        let before = answer_all(&mut org, &mut compiled, OPERATION, probe, &mut env);
        assert_eq!(
            before.as_deref(),
            Ok(r#"[{"Effect":"DENY","MatchedRules":["office-only"]}]"#)
        );
        assert!(compiled.is_some());
        let deleted = answer_all(
            &mut org,
            &mut compiled,
            Operation::DeleteAccessControlRule,
            r#"[{"Name": "office-only"}, {"Name": 1}]"#,
            &mut env,
        );
        assert!(deleted.as_deref().is_ok_and(|text| {
            text.starts_with(r#"[{},{"Error":{"Code":"InvalidParameterException""#)
        }));
        assert!(compiled.is_none());
        let after = answer_all(&mut org, &mut compiled, OPERATION, probe, &mut env);
        assert_eq!(
            after.as_deref(),
            Ok(r#"[{"Effect":"ALLOW","MatchedRules":["default"]}]"#)
        );
        assert!(answer_all(&mut org, &mut compiled, OPERATION, "{}", &mut env).is_err());
        assert_eq!(
            answer_all(&mut org, &mut compiled, OPERATION, "[]", &mut env).as_deref(),
            Ok("[]")
        );
    }
}
