//! `GetAccessControlEffect` requests that reach the core as numbers: the address as a 32-bit
//! number, every other member as the index of its text in a [`MemberTexts`] table the caller
//! keeps filling across batches. A caller on the far side of a boundary (the
//! npm package's JavaScript) codes each request where it lies, sends each distinct text once, and
//! crosses once per batch with one array of numbers; the core answers a coded request as `call`
//! answers it.
//!
//! Every check of `call` that depends on one member only is made once per text per batch (the
//! organization, the action, the user or role and whether it exists), so a request costs a few
//! array lookups and one compiled decision. A request those checks refuse, and every request the
//! caller could not code, is answered on `call`'s own path from its JSON, which the core asks the
//! caller for once, at the end of the batch: so its error is exactly `call`'s, down to the order
//! of the problems a validation error lists (the order of the request's members).

use std::collections::HashMap;
use std::net::Ipv4Addr;

use serde_json::Value;

use super::lean::{Answer, Lean, Shapes};
use super::{AccessCache, BatchError, Indexed};
use crate::api::effect::Asker;
use crate::compile::{CompiledAccess, RuleSet};
use crate::model::Action;
use crate::org::Organization;

/// The numbers of one coded request, in this order: the address (`192.0.2.1` is `0xC000_0201`),
/// then the `OrganizationId`,
/// `Action`, `UserId` and `ImpersonationRoleId` members, each `0` when the request has no such
/// member, else one more than the index of its text in the [`MemberTexts`].
pub const CODED_MEMBERS: usize = 5;

/// The texts coded requests name by number, in the order the caller added them.
#[derive(Debug, Clone, Default)]
pub struct MemberTexts {
    texts: Vec<String>,
    /// The number of each text added by [`MemberTexts::code_values`].
    numbers: HashMap<String, u32>,
}

impl MemberTexts {
    /// Adds a text: requests name it as `len()` after the call.
    pub fn push(&mut self, text: String) {
        self.texts.push(text);
    }

    /// Forgets every text (the caller starts numbering from 1 again).
    pub fn clear(&mut self) {
        self.texts.clear();
        self.numbers.clear();
    }

    /// Codes JSON requests as the npm package's JavaScript codes objects, adding their texts:
    /// a request whose members are all strings named as the request shape names them is coded,
    /// its address as a number when it is one; returns the numbers and the positions of the
    /// requests left uncoded. For tests and for callers that hold requests as `serde_json`
    /// values.
    pub fn code_values(&mut self, requests: &[Value]) -> (Vec<u32>, Vec<usize>) {
        let mut numbers = Vec::new();
        let mut uncoded = Vec::new();
        for (at, request) in requests.iter().enumerate() {
            let mut coded = [0u32; CODED_MEMBERS];
            let mut address = None;
            let fits = request.as_object().is_some_and(|object| {
                object.iter().all(|(name, value)| {
                    let Some(text) = value.as_str() else {
                        return false;
                    };
                    let place = match name.as_str() {
                        "IpAddress" => {
                            address = crate::model::parse_ipv4(text).map(u32::from);
                            return address.is_some();
                        }
                        "OrganizationId" => 1,
                        "Action" => 2,
                        "UserId" => 3,
                        "ImpersonationRoleId" => 4,
                        _ => return false,
                    };
                    let number = self.number(text);
                    coded.get_mut(place).map(|slot| *slot = number).is_some()
                })
            });
            match (fits, address) {
                (true, Some(address)) => {
                    coded[0] = address;
                    numbers.extend(coded);
                }
                _ => uncoded.push(at),
            }
        }
        (numbers, uncoded)
    }

    /// The number of `text`, added the first time.
    fn number(&mut self, text: &str) -> u32 {
        if let Some(number) = self.numbers.get(text) {
            return *number;
        }
        self.texts.push(text.to_owned());
        let number = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.numbers.insert(text.to_owned(), number);
        number
    }

    /// How many texts it holds.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The text a request names by `code` (`None` for `0`, absent, or past the end).
    fn get(&self, code: u32) -> Option<&str> {
        let at = usize::try_from(code).ok()?.checked_sub(1)?;
        self.texts.get(at).map(String::as_str)
    }
}

/// Gives the JSON of the requests at some positions of a batch (ascending), or why it cannot.
pub type JsonOf<'a> = dyn FnMut(&[usize]) -> Result<Vec<Value>, String> + 'a;

/// A batch of coded `GetAccessControlEffect` requests: the address as a 32-bit number, every
/// other member as the index of its text in a [`MemberTexts`] table the caller keeps filling
/// across batches. A caller on the far side of a boundary (the npm package's JavaScript) codes
/// each request where it lies and crosses once per batch; every check of `call` that depends on
/// one member only is made once per text per batch, and a request those checks refuse, like
/// every request the caller could not code, is answered on `call`'s own path from its JSON.
#[derive(Debug, Clone, Copy)]
pub struct Coded<'a> {
    /// [`CODED_MEMBERS`] numbers per coded request.
    pub numbers: &'a [u32],
    /// The texts the numbers name.
    pub texts: &'a MemberTexts,
    /// The positions in the batch of the requests the caller did not code (ascending): the
    /// batch holds `numbers.len() / CODED_MEMBERS + uncoded.len()` requests.
    pub uncoded: &'a [usize],
}

/// What one text is, as each member, once checked in this batch.
#[derive(Debug, Clone, Copy, Default)]
struct Checked {
    organization: Option<bool>,
    action: Option<Option<Action>>,
    user: Option<Option<RuleSet>>,
    role: Option<Option<RuleSet>>,
}

impl Organization {
    /// Answers a batch of coded requests (see [`Coded`]), each exactly as
    /// [`Organization::call`] would. `json_of` gives the JSON of the requests at some positions
    /// of the batch: those answered on `call`'s path.
    ///
    /// ```
    /// use workmail_policy::api::batch::{AccessCache, Coded, MemberTexts};
    /// use workmail_policy::Organization;
    /// let org = Organization::default();
    /// let mut texts = MemberTexts::default();
    /// texts.push("IMAP".into());
    /// texts.push("S-1-1-11-1111111111".into());
    /// texts.push("imap".into());
    /// // 192.0.2.1, no organization ID, `IMAP` (text 1), user text 2, no role; then `imap`.
    /// let numbers = [0xC000_0201, 0, 1, 2, 0, 0xC000_0201, 0, 3, 2, 0];
    /// let coded = Coded { numbers: &numbers, texts: &texts, uncoded: &[] };
    /// let request = serde_json::json!({"IpAddress": "192.0.2.1", "Action": "imap", "UserId": "S-1-1-11-1111111111"});
    /// let answers = org.access_effects_coded(&coded, &mut AccessCache::default(), &mut |positions| {
    ///     assert_eq!(positions, [1]);
    ///     Ok(vec![request.clone()])
    /// })?;
    /// assert_eq!(answers.answers[0], r#"{"Effect":"ALLOW","MatchedRules":["default"]}"#);
    /// assert!(answers.answers[1].starts_with(r#"{"Error":{"Code":"InvalidParameterException""#));
    /// assert_eq!(answers.index, [0, 1]);
    /// # Ok::<(), workmail_policy::api::batch::BatchError>(())
    /// ```
    ///
    /// # Errors
    /// [`BatchError::Coded`] when `numbers` is not a whole number of requests, an uncoded
    /// request's position is not in the batch, or `json_of` gives another number of requests
    /// than asked;
    /// [`BatchError::Json`] with the message of `json_of`'s failure.
    pub fn access_effects_coded(
        &self,
        coded: &Coded<'_>,
        cache: &mut AccessCache,
        json_of: &mut JsonOf<'_>,
    ) -> Result<Indexed, BatchError> {
        if !coded.numbers.len().is_multiple_of(CODED_MEMBERS) {
            return Err(BatchError::Coded(
                "the numbers are not a whole number of requests",
            ));
        }
        let count = coded.numbers.len() / CODED_MEMBERS + coded.uncoded.len();
        if coded.uncoded.iter().any(|at| *at >= count) {
            return Err(BatchError::Coded(
                "an uncoded request's position is not in the batch",
            ));
        }
        let mut lean = Lean::new(self, cache.compiled(self));
        let mut batch = Batch {
            organization: self,
            shapes: Shapes::of_operation(),
            checked: vec![Checked::default(); coded.texts.len()],
            absent_organization: None,
            by_text: HashMap::new(),
        };
        let mut index = Vec::with_capacity(count);
        let mut pending = Vec::new();
        let mut uncoded = coded.uncoded.iter().peekable();
        let mut requests = coded.numbers.chunks_exact(CODED_MEMBERS);
        for at in 0..count {
            let fast = if uncoded.next_if(|position| **position == at).is_some() {
                None
            } else {
                let Some(numbers) = requests.next() else {
                    return Err(BatchError::Coded(
                        "an uncoded request's position is not in the batch",
                    ));
                };
                batch.fast(&mut lean, numbers, coded.texts)
            };
            if fast.is_none() {
                pending.push(at);
            }
            index.push(fast.map_or(u32::MAX, |slot| u32::try_from(slot).unwrap_or(u32::MAX)));
        }
        if !pending.is_empty() {
            let values = json_of(&pending).map_err(BatchError::Json)?;
            if values.len() != pending.len() {
                return Err(BatchError::Coded(
                    "the JSON of the requests asked for is another number of requests",
                ));
            }
            // An answer on `call`'s path may equal one of the fast path's.
            batch.by_text = (lean.texts().iter().cloned())
                .enumerate()
                .map(|(slot, text)| (text, slot))
                .collect();
            for (at, value) in pending.into_iter().zip(values) {
                let answer = lean.answer_value(&value);
                let slot = batch.slot_of(&mut lean, answer);
                if let Some(entry) = index.get_mut(at) {
                    *entry = u32::try_from(slot).unwrap_or(u32::MAX);
                }
            }
        }
        Ok(Indexed {
            answers: lean.into_texts(),
            index,
        })
    }
}

/// The state of one coded batch.
struct Batch<'b> {
    organization: &'b Organization,
    shapes: Option<Shapes>,
    /// Each text's checks, made the first time a request names it as that member.
    checked: Vec<Checked>,
    /// Whether a request without `OrganizationId` passes the organization check.
    absent_organization: Option<bool>,
    /// The index of each answer text, once answers are made on `call`'s path, so equal
    /// answers share one.
    by_text: HashMap<String, usize>,
}

impl Batch<'_> {
    /// The answer to a request every check passes, from the compiled rules; `None` sends it
    /// to `call`'s path.
    fn fast(&mut self, lean: &mut Lean<'_>, numbers: &[u32], texts: &MemberTexts) -> Option<usize> {
        let compiled = lean.compiled()?;
        let &[address, organization, action, user, role] = numbers else {
            return None;
        };
        let action = self.action(action, texts)?;
        let principal = match (user, role) {
            (0, 0) => return None,
            (user, 0) => self.principal(compiled, user, texts, false)?,
            (0, role) if action == Action::Ews => self.principal(compiled, role, texts, true)?,
            _ => return None,
        };
        if !self.organization_holds(organization, texts) {
            return None;
        }
        let matching = compiled.rules_for_ip(Ipv4Addr::from(address))
            & compiled.rules_for_action(action)
            & principal;
        Some(lean.slot_of_key(compiled.decide_matching(matching)))
    }

    /// The index of an answer made on `call`'s path.
    fn slot_of(&mut self, lean: &mut Lean<'_>, answer: Answer) -> usize {
        match answer {
            Answer::Known(slot) => slot,
            Answer::New(text) => {
                if let Some(slot) = self.by_text.get(&text) {
                    return *slot;
                }
                let slot = lean.push_text(text.clone());
                self.by_text.insert(text, slot);
                slot
            }
        }
    }

    // `action`, `organization_holds`, `principal` and `checked` run for every request: they are
    // inlined always, since a module built for size (the npm package's) otherwise keeps each a
    // call, about 5 ns per request in Node.js.
    #[inline(always)]
    fn action(&mut self, code: u32, texts: &MemberTexts) -> Option<Action> {
        let shapes = self.shapes.as_ref()?;
        checked(
            &mut self.checked,
            code,
            texts,
            |entry| &mut entry.action,
            |text| shapes.action_of(text),
        )?
    }

    #[inline(always)]
    fn organization_holds(&mut self, code: u32, texts: &MemberTexts) -> bool {
        let Some(shapes) = self.shapes.as_ref() else {
            return false;
        };
        let organization = self.organization;
        if code == 0 {
            return *self
                .absent_organization
                .get_or_insert_with(|| shapes.organization_holds(organization, None));
        }
        checked(
            &mut self.checked,
            code,
            texts,
            |entry| &mut entry.organization,
            |text| shapes.organization_holds(organization, Some(text)),
        )
        .unwrap_or(false)
    }

    /// The rules whose principal conditions hold for the user (or role) a text names, when
    /// it passes its checks.
    #[inline(always)]
    fn principal(
        &mut self,
        compiled: &CompiledAccess,
        code: u32,
        texts: &MemberTexts,
        is_role: bool,
    ) -> Option<RuleSet> {
        let shapes = self.shapes.as_ref()?;
        let organization = self.organization;
        let slot: fn(&mut Checked) -> &mut Option<Option<RuleSet>> = if is_role {
            |entry| &mut entry.role
        } else {
            |entry| &mut entry.user
        };
        checked(&mut self.checked, code, texts, slot, |text| {
            let asker = if is_role {
                Asker::Role(text)
            } else {
                Asker::User(text)
            };
            shapes
                .asker_known(organization, asker)
                .then(|| compiled.rules_for_principal(&asker.to_principal()))
        })?
    }
}

/// A check of the text a request names by `code`, from `slot` of the text's entry in `checked`,
/// made with `check` the first time. The entry is read before the text: a request whose texts
/// were all checked already costs no text lookup. `None` when `code` names no text.
#[inline(always)]
fn checked<T: Copy>(
    checked: &mut [Checked],
    code: u32,
    texts: &MemberTexts,
    slot: impl FnOnce(&mut Checked) -> &mut Option<T>,
    check: impl FnOnce(&str) -> T,
) -> Option<T> {
    let entry = checked.get_mut(usize::try_from(code).ok()?.checked_sub(1)?)?;
    let slot = slot(entry);
    if let Some(value) = *slot {
        return Some(value);
    }
    let value = check(texts.get(code)?);
    *slot = Some(value);
    Some(value)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn requests_are_coded_as_the_npm_package_codes_them() {
        let mut texts = MemberTexts::default();
        let org = "m-0123456789abcdef0123456789abcdef";
        let requests = [
            // As an AWS SDK sends it: every member coded, the address as its number.
            json!({"OrganizationId": org, "IpAddress": "192.0.2.7", "Action": "IMAP",
                "UserId": "jane"}),
            // Texts met before keep their numbers; a new one takes the next.
            json!({"IpAddress": "10.0.0.1", "Action": "IMAP", "ImpersonationRoleId": "r"}),
            // Not coded: an address that is not one, a member that is not a string or not known.
            json!({"IpAddress": "192.0.2.07", "Action": "IMAP"}),
            json!({"IpAddress": "192.0.2.7", "Action": 3}),
            json!({"IpAddress": "192.0.2.7", "Odd": "x"}),
            json!(["IpAddress"]),
        ];
        let (numbers, uncoded) = texts.code_values(&requests);
        assert_eq!(
            numbers,
            [0xC000_0207, 1, 2, 3, 0, 0x0A00_0001, 0, 2, 0, 4],
            "address, OrganizationId, Action, UserId, ImpersonationRoleId"
        );
        assert_eq!(uncoded, [2, 3, 4, 5]);
        assert_eq!(texts.len(), 4);
        assert!(!texts.is_empty());
        let named: Vec<Option<&str>> = (0..=5).map(|code| texts.get(code)).collect();
        assert_eq!(
            named,
            [None, Some(org), Some("IMAP"), Some("jane"), Some("r"), None]
        );
    }

    #[test]
    fn cleared_texts_are_numbered_from_one_again() {
        let mut texts = MemberTexts::default();
        texts.push("EWS".to_owned());
        let _ = texts.code_values(&[json!({"IpAddress": "192.0.2.7", "Action": "SMTP"})]);
        texts.clear();
        assert!(texts.is_empty());
        texts.push("IMAP".to_owned());
        assert_eq!(texts.get(1), Some("IMAP"));
        // A text coded before the clear is a new text after it.
        let (numbers, _) =
            texts.code_values(&[json!({"IpAddress": "192.0.2.7", "Action": "SMTP"})]);
        assert_eq!(numbers, [0xC000_0207, 0, 2, 0, 0]);
    }
}
