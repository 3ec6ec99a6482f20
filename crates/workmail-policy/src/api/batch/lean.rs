//! The fast path of a batch of `GetAccessControlEffect` requests: each request checked where it
//! lies in the text, by the request shape and the same check functions `call` runs, and
//! answered from the compiled rules.

use std::borrow::Cow;
use std::collections::HashMap;
use std::net::Ipv4Addr;

use serde_json::Value;

use super::members::{INLINE_MEMBERS, Members};
use crate::api::call::to_value;
use crate::api::check::parse_request;
use crate::api::effect::{
    Asker, GetAccessControlEffectRequest, GetAccessControlEffectResponse, one_principal,
    requested_action, role_only_with_ews,
};
use crate::api::operation::Operation;
use crate::compile::{CompiledAccess, RuleSet};
use crate::eval::access::AccessRequest;
use crate::model::{Action, Effect};
use crate::org::Organization;
use crate::shape::{Shape, StructureShape, names_fit, text_holds};

/// The operation the fast path answers.
pub(super) const OPERATION: Operation = Operation::GetAccessControlEffect;

/// What became of one request.
pub(super) enum Answer {
    /// The same answer as an earlier request of the batch: the index of its text.
    Known(usize),
    /// A new answer's text.
    New(String),
}

/// The state of one batch.
pub(super) struct Lean<'b> {
    organization: &'b Organization,
    /// The compiled rules; `None` beyond what compilation covers, when every request takes
    /// `call`'s path.
    compiled: Option<&'b CompiledAccess>,
    /// The request shape and its members' shapes.
    shapes: Option<Shapes>,
    /// Each answer of the fast path met so far, and the index of its text.
    known: Vec<((Effect, RuleSet), usize)>,
    /// The answers' texts by index.
    texts: Vec<String>,
    /// Each principal met so far: its request (address and action set per request), or `None`
    /// when a check refuses it, so its requests take `call`'s path.
    principals: Vec<Option<AccessRequest>>,
    /// The index in `principals` of each user ID and role ID met so far.
    users: HashMap<String, usize>,
    roles: HashMap<String, usize>,
    /// The last principal borrowed from the input (its kind, address and length), and its index:
    /// the input does not change while the batch runs, so the same text is the same principal.
    last_borrowed: Option<((bool, usize, usize), usize)>,
    /// Each action text met so far, and the action when it passes its checks.
    actions: Vec<(String, Option<Action>)>,
    /// Each `OrganizationId` text met so far, and whether it passes its checks.
    organizations: Vec<(String, bool)>,
}

impl<'b> Lean<'b> {
    /// A batch of `organization`, answered from `compiled` where it can be.
    pub(super) fn new(
        organization: &'b Organization,
        compiled: Option<&'b CompiledAccess>,
    ) -> Self {
        Self {
            organization,
            compiled,
            shapes: Shapes::of_operation(),
            known: Vec::new(),
            texts: Vec::new(),
            principals: Vec::new(),
            users: HashMap::new(),
            roles: HashMap::new(),
            last_borrowed: None,
            actions: Vec::new(),
            organizations: Vec::new(),
        }
    }

    /// Answers one request: `address` is its `IpAddress` when the caller gave addresses as
    /// numbers (the members then have none).
    pub(super) fn answer(&mut self, members: &Members<'_>, address: Option<Ipv4Addr>) -> Answer {
        let checked = self.checked(members, address);
        if let Some(slot) = checked.and_then(|at| self.slot_of_principal(at)) {
            return Answer::Known(slot);
        }
        let mut value = members.to_map();
        if let Some(address) = address {
            value.insert("IpAddress".to_owned(), Value::String(address.to_string()));
        }
        self.answer_value(&Value::Object(value))
    }

    /// Answers one request on `call`'s path: its shape check, then the operation's handler.
    pub(super) fn answer_value(&self, input: &Value) -> Answer {
        let answer = parse_request::<GetAccessControlEffectRequest>(input, OPERATION.input_shape())
            .and_then(|request| self.organization.access_effect(&request))
            .map_or_else(|error| error.to_json(), |response| to_value(&response));
        Answer::New(answer.to_string())
    }

    /// The request `members` ask, when it passes every check `call` makes: the index of its
    /// principal's entry, whose request now has the address and the action of this one (so
    /// the fast path allocates nothing per request). `None` sends it to `call`'s path.
    pub(super) fn checked(
        &mut self,
        members: &Members<'_>,
        address: Option<Ipv4Addr>,
    ) -> Option<usize> {
        self.compiled?;
        let shapes = self.shapes?;
        let strings = members.strings()?;
        // The names of the request's members: an address given as a number is its `IpAddress`.
        let mut names = [""; INLINE_MEMBERS + 1];
        let given = address.map(|_| "IpAddress");
        let all = strings.iter().map(|(name, _)| name.as_ref()).chain(given);
        let mut count = 0;
        for (slot, name) in names.iter_mut().zip(all) {
            *slot = name;
            count += 1;
        }
        if !names_fit(shapes.request, names.get(..count)?) {
            return None;
        }
        let (mut organization_id, mut ip, mut action, mut user, mut role) =
            (None, None, None, None, None);
        for (name, value) in strings {
            let slot = match name.as_ref() {
                "OrganizationId" => &mut organization_id,
                "IpAddress" => &mut ip,
                "Action" => &mut action,
                "UserId" => &mut user,
                "ImpersonationRoleId" => &mut role,
                _ => return None,
            };
            *slot = Some(value);
        }
        let asker = one_principal(text(user), text(role)).ok()?;
        let action = self.action(&shapes, text(action)?)?;
        role_only_with_ews(asker, action).ok()?;
        let ip_address = match (address, ip) {
            // An address given as a number is an IPv4 address by construction.
            (Some(address), None) => address,
            (None, Some(ip)) => shapes.address_of(ip)?,
            _ => return None,
        };
        if !self.organization_holds(&shapes, text(organization_id)) {
            return None;
        }
        let borrowed = [user, role]
            .into_iter()
            .flatten()
            .any(|id| matches!(id, Cow::Borrowed(_)));
        let at = self.principal(&shapes, asker, borrowed);
        let request = self.principals.get_mut(at)?.as_mut()?;
        request.ip_address = ip_address;
        request.action = action;
        Some(at)
    }

    /// The request of principal entry `at`, as [`Lean::checked`] left it.
    pub(super) fn request(&self, at: usize) -> Option<&AccessRequest> {
        self.principals.get(at)?.as_ref()
    }

    /// The index of the answer to the request of principal entry `at`.
    fn slot_of_principal(&mut self, at: usize) -> Option<usize> {
        let key = self.compiled?.decide_set(self.request(at)?);
        Some(self.slot_of_key(key))
    }

    /// The index of the answer to a checked request.
    pub(super) fn slot_of(&mut self, request: &AccessRequest) -> Option<usize> {
        let key = self.compiled?.decide_set(request);
        Some(self.slot_of_key(key))
    }

    /// The compiled rules, `None` beyond what compilation covers.
    pub(super) fn compiled(&self) -> Option<&'b CompiledAccess> {
        self.compiled
    }

    /// The index of an answer's text, added the first time the answer is met.
    pub(super) fn slot_of_key(&mut self, key: (Effect, RuleSet)) -> usize {
        let Some(compiled) = self.compiled else {
            return 0;
        };
        if let Some((_, slot)) = self.known.iter().find(|(known, _)| *known == key) {
            return *slot;
        }
        let (effect, set) = key;
        let response = GetAccessControlEffectResponse {
            effect,
            matched_rules: compiled.names(set),
        };
        let slot = self.push_text(to_value(&response).to_string());
        self.known.push((key, slot));
        slot
    }

    /// Adds an answer's text; returns its index.
    pub(super) fn push_text(&mut self, text: String) -> usize {
        self.texts.push(text);
        self.texts.len() - 1
    }

    /// The text of answer `slot`.
    pub(super) fn text(&self, slot: usize) -> &str {
        self.texts.get(slot).map_or("", String::as_str)
    }

    /// The answers' texts so far, by index.
    pub(super) fn texts(&self) -> &[String] {
        &self.texts
    }

    /// The answers' texts, by index.
    pub(super) fn into_texts(self) -> Vec<String> {
        self.texts
    }

    /// The action a text names, when it passes the `Action` shape and `call`'s action check
    /// (both made once per text).
    fn action(&mut self, shapes: &Shapes, text: &str) -> Option<Action> {
        if let Some((_, action)) = self.actions.iter().find(|(known, _)| known == text) {
            return *action;
        }
        let action = shapes.action_of(text);
        self.actions.push((text.to_owned(), action));
        action
    }

    /// Whether an `OrganizationId` (or its absence) passes its shape and `call`'s organization
    /// check (both made once per text).
    fn organization_holds(&mut self, shapes: &Shapes, id: Option<&str>) -> bool {
        let Some(id) = id else {
            return shapes.organization_holds(self.organization, None);
        };
        if let Some((_, holds)) = self.organizations.iter().find(|(known, _)| known == id) {
            return *holds;
        }
        let holds = shapes.organization_holds(self.organization, Some(id));
        self.organizations.push((id.to_owned(), holds));
        holds
    }

    /// The entry of `principals` for an identifier, added (and checked) the first time.
    fn principal(&mut self, shapes: &Shapes, asker: Asker<'_>, borrowed: bool) -> usize {
        let (is_role, id) = match asker {
            Asker::User(id) => (false, id),
            Asker::Role(id) => (true, id),
        };
        let place = borrowed.then_some((is_role, id.as_ptr() as usize, id.len()));
        if let Some((last, at)) = self.last_borrowed
            && place == Some(last)
        {
            return at;
        }
        let found = if is_role {
            self.roles.get(id)
        } else {
            self.users.get(id)
        };
        let at = match found.copied() {
            Some(at) => at,
            None => {
                let known = shapes.asker_known(self.organization, asker);
                let request = known.then(|| AccessRequest {
                    ip_address: Ipv4Addr::UNSPECIFIED,
                    action: Action::Ews,
                    principal: asker.to_principal(),
                });
                self.principals.push(request);
                let at = self.principals.len() - 1;
                let index = if is_role {
                    &mut self.roles
                } else {
                    &mut self.users
                };
                index.insert(id.to_owned(), at);
                at
            }
        };
        self.last_borrowed = place.map(|place| (place, at));
        at
    }
}

/// A member's text.
fn text<'t>(member: Option<&'t Cow<'_, str>>) -> Option<&'t str> {
    member.map(AsRef::as_ref)
}

/// The request shape and its members' shapes, as `call` checks them.
#[derive(Clone, Copy)]
pub(super) struct Shapes {
    request: &'static StructureShape,
    organization_id: Shape,
    action: Shape,
    user_id: Shape,
    role_id: Shape,
}

impl Shapes {
    /// The shapes of the operation the fast path answers.
    pub(super) fn of_operation() -> Option<Self> {
        Self::of(OPERATION.input_shape())
    }

    /// The action a text names, when it passes the `Action` shape and `call`'s action check.
    pub(super) fn action_of(&self, text: &str) -> Option<Action> {
        text_holds(self.action, text)
            .then(|| requested_action(text).ok())
            .flatten()
    }

    /// The address a text names, when it passes the `IpAddress` shape and `call`'s address
    /// check.
    pub(super) fn address_of(&self, text: &str) -> Option<Ipv4Addr> {
        // `parse_ipv4` reads exactly the shape's pattern (which also bounds the length), so it
        // alone decides; `address_checks_are_the_shapes` pins that.
        crate::model::parse_ipv4(text)
    }

    /// Whether an `OrganizationId` (or its absence) passes its shape and `call`'s organization
    /// check.
    pub(super) fn organization_holds(&self, organization: &Organization, id: Option<&str>) -> bool {
        id.is_none_or(|id| text_holds(self.organization_id, id))
            && organization.check_organization(id).is_ok()
    }

    /// Whether a user or role ID passes its shape and `call`'s check that it exists.
    pub(super) fn asker_known(&self, organization: &Organization, asker: Asker<'_>) -> bool {
        let (shape, id) = match asker {
            Asker::User(id) => (self.user_id, id),
            Asker::Role(id) => (self.role_id, id),
        };
        text_holds(shape, id) && organization.check_asker_known(asker).is_ok()
    }

    fn of(request: &'static StructureShape) -> Option<Self> {
        let shape = |name: &str| request.member(name).map(|member| member.shape);
        Some(Self {
            request,
            organization_id: shape("OrganizationId")?,
            action: shape("Action")?,
            user_id: shape("UserId")?,
            role_id: shape("ImpersonationRoleId")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::effect::requested_address;

    /// Every text `parse_ipv4` reads is one the `IpAddress` shape and `call`'s address check
    /// pass, and no other: over every short text of digits, dots and a few other characters,
    /// and texts around each octet's bounds.
    #[test]
    fn address_checks_are_the_shapes() {
        let Some(shapes) = Shapes::of_operation() else {
            panic!("the operation has its shapes");
        };
        let Some(ip_address) = OPERATION.input_shape().member("IpAddress") else {
            panic!("the request has an address");
        };
        let by_call = |text: &str| {
            text_holds(ip_address.shape, text)
                .then(|| requested_address(text).ok())
                .flatten()
        };
        let alphabet = ['0', '1', '2', '5', '9', '.', 'x', ' ', '\u{ff11}'];
        let mut texts: Vec<String> = vec![String::new()];
        let mut frontier = texts.clone();
        for _ in 0..6 {
            frontier = frontier
                .iter()
                .flat_map(|text| alphabet.iter().map(move |c| format!("{text}{c}")))
                .collect();
            texts.extend(frontier.iter().cloned());
        }
        for octet in [
            "0", "00", "01", "9", "10", "99", "100", "199", "249", "250", "255", "256", "260",
            "300", "999", "1000",
        ] {
            for place in 0..4 {
                let mut parts = ["192", "0", "2", "1"];
                if let Some(part) = parts.get_mut(place) {
                    *part = octet;
                }
                texts.push(parts.join("."));
            }
        }
        texts.extend(
            [
                "1.2.3.4.",
                ".1.2.3.4",
                "1..2.3",
                "1.2.3",
                "1.2.3.4.5",
                "255.255.255.255",
                "0.0.0.0",
            ]
            .map(String::from),
        );
        let mut valid = 0;
        for text in &texts {
            let expected = by_call(text);
            assert_eq!(shapes.address_of(text), expected, "{text:?}");
            valid += usize::from(expected.is_some());
        }
        assert!(
            valid >= 30 && texts.len() > 500_000,
            "{valid} of {} texts",
            texts.len()
        );
    }
}
