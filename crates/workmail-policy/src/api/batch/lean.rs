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
    requested_action, requested_address, role_only_with_ews,
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
            shapes: Shapes::of(OPERATION.input_shape()),
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
            (None, Some(ip)) if text_holds(shapes.ip_address, ip) => requested_address(ip).ok()?,
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

    /// The index of an answer's text, added the first time the answer is met.
    fn slot_of_key(&mut self, key: (Effect, RuleSet)) -> usize {
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
        let action = text_holds(shapes.action, text)
            .then(|| requested_action(text).ok())
            .flatten();
        self.actions.push((text.to_owned(), action));
        action
    }

    /// Whether an `OrganizationId` (or its absence) passes its shape and `call`'s organization
    /// check (both made once per text).
    fn organization_holds(&mut self, shapes: &Shapes, id: Option<&str>) -> bool {
        let Some(id) = id else {
            return self.organization.check_organization(None).is_ok();
        };
        if let Some((_, holds)) = self.organizations.iter().find(|(known, _)| known == id) {
            return *holds;
        }
        let holds = text_holds(shapes.organization_id, id)
            && self.organization.check_organization(Some(id)).is_ok();
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
                let shape = if is_role {
                    shapes.role_id
                } else {
                    shapes.user_id
                };
                let known =
                    text_holds(shape, id) && self.organization.check_asker_known(asker).is_ok();
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
struct Shapes {
    request: &'static StructureShape,
    organization_id: Shape,
    ip_address: Shape,
    action: Shape,
    user_id: Shape,
    role_id: Shape,
}

impl Shapes {
    fn of(request: &'static StructureShape) -> Option<Self> {
        let shape = |name: &str| request.member(name).map(|member| member.shape);
        Some(Self {
            request,
            organization_id: shape("OrganizationId")?,
            ip_address: shape("IpAddress")?,
            action: shape("Action")?,
            user_id: shape("UserId")?,
            role_id: shape("ImpersonationRoleId")?,
        })
    }
}
