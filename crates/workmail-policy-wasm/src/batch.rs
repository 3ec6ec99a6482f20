//! The batches' arguments and results across the boundary; the core answers them
//! ([`workmail_policy::api::batch`]). `GetAccessControlEffect` requests given as objects (to
//! `call` and `callMany`) are coded as numbers by `batch.js` and cross as one `Uint32Array` with
//! the texts met for the first time (see [`Coder`]). `accessEffects`' member lists cross as one
//! `JSON.stringify` text each (or a `Uint32Array` of addresses, copied at once). Answers cross
//! as one `JSON.parse` text of the distinct answers and a `Uint32Array` of indexes.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::convert::{stringify, text_to_js, type_error};
use workmail_policy::Organization;
use workmail_policy::api::batch::{
    AccessCache, Coded, CodedAddresses, Column, Columns, Indexed, IpColumn, Member, MemberTexts,
};

#[wasm_bindgen(module = "/src/batch.js")]
extern "C" {
    #[wasm_bindgen(js_name = newCoder)]
    fn new_coder() -> JsValue;

    #[wasm_bindgen(js_name = codeRequests)]
    fn code_requests(inputs: &JsValue, coder: &JsValue) -> CodedRequests;

    #[wasm_bindgen(js_name = requestsJson, catch)]
    fn requests_json(inputs: &JsValue, positions: &[u32]) -> Result<String, JsValue>;

    #[wasm_bindgen(js_name = expandAnswers)]
    fn expand_answers(answers: &str, index: &[u32]) -> JsValue;

    /// What `codeRequests` returns.
    type CodedRequests;

    #[wasm_bindgen(method, getter)]
    fn numbers(this: &CodedRequests) -> Vec<u32>;

    #[wasm_bindgen(method, getter)]
    fn addresses(this: &CodedRequests) -> Vec<u8>;

    #[wasm_bindgen(method, getter)]
    fn texts(this: &CodedRequests) -> Vec<String>;

    #[wasm_bindgen(method, getter)]
    fn restart(this: &CodedRequests) -> bool;

    #[wasm_bindgen(method, getter)]
    fn uncoded(this: &CodedRequests) -> Vec<u32>;
}

/// Codes `GetAccessControlEffect` requests for one organization: the JavaScript side numbers
/// each member text the first time it meets it and sends it here once, so later batches send
/// only numbers.
pub(crate) struct Coder {
    /// The JavaScript side: each text's number.
    numbers: JsValue,
    /// This side: the text of each number.
    texts: MemberTexts,
}

impl Default for Coder {
    fn default() -> Self {
        Self {
            numbers: new_coder(),
            texts: MemberTexts::default(),
        }
    }
}

impl Coder {
    /// Answers `inputs`, an array of `GetAccessControlEffect` requests, each as `call` would.
    pub(crate) fn answer(
        &mut self,
        organization: &Organization,
        cache: &mut AccessCache,
        inputs: &JsValue,
    ) -> Result<Indexed, JsValue> {
        let coded = code_requests(inputs, &self.numbers);
        if coded.restart() {
            self.texts.clear();
        }
        for text in coded.texts() {
            self.texts.push(text);
        }
        let addresses = String::from_utf8(coded.addresses())
            .map_err(|_| type_error("the address texts are not UTF-8"))?;
        let uncoded: Vec<usize> = coded
            .uncoded()
            .into_iter()
            .map(|at| usize::try_from(at).unwrap_or(usize::MAX))
            .collect();
        let numbers = coded.numbers();
        let batch = Coded {
            numbers: &numbers,
            addresses: CodedAddresses::Texts(&addresses),
            texts: &self.texts,
            uncoded: &uncoded,
        };
        let mut json_of = |positions: &[usize]| -> Result<Vec<serde_json::Value>, String> {
            let positions: Vec<u32> = positions
                .iter()
                .map(|at| u32::try_from(*at).unwrap_or(u32::MAX))
                .collect();
            let text = requests_json(inputs, &positions)
                .map_err(|_| "`inputs` must be JSON values such as objects".to_owned())?;
            serde_json::from_str(&text)
                .map_err(|error| format!("`inputs` cannot be read as JSON: {error}"))
        };
        organization
            .access_effects_coded(&batch, cache, &mut json_of)
            .map_err(|error| type_error(&error.to_string()))
    }
}

/// The answers of a batch as an array with one object per request.
pub(crate) fn expanded(indexed: &Indexed) -> JsValue {
    expand_answers(&format!("[{}]", indexed.answers.join(",")), &indexed.index)
}

/// The members `accessEffects` reads.
const MEMBERS: [&str; 4] = ["IpAddress", "Action", "UserId", "ImpersonationRoleId"];

/// One member of the requests object, as it crossed.
enum Crossed {
    Absent,
    Numbers(Vec<u32>),
    /// A JSON text, and whether it is an array (one entry per request).
    Json(String, bool),
}

/// The requests object's members, as they crossed.
pub(crate) struct Texts {
    members: Vec<Crossed>,
}

impl Texts {
    /// Reads `{IpAddress, Action, UserId?, ImpersonationRoleId?}`.
    pub(crate) fn read(requests: &JsValue) -> Result<Self, JsValue> {
        if !requests.is_object() || js_sys::Array::is_array(requests) {
            return Err(type_error(
                "`requests` must be an object such as `{IpAddress: [...], Action: \"IMAP\", UserId: [...]}`",
            ));
        }
        let object: &js_sys::Object = requests.unchecked_ref();
        for key in js_sys::Object::keys(object).iter() {
            let key = key.as_string().unwrap_or_default();
            if !MEMBERS.contains(&key.as_str()) {
                return Err(type_error(&format!(
                    "`requests` has no member `{key}`; its members are `IpAddress`, `Action`, `UserId` and `ImpersonationRoleId`"
                )));
            }
        }
        let mut members = Vec::with_capacity(MEMBERS.len());
        for name in MEMBERS {
            let value = js_sys::Reflect::get(requests, &JsValue::from_str(name))?;
            let crossed = if value.is_undefined() {
                Crossed::Absent
            } else if let Some(numbers) = value.dyn_ref::<js_sys::Uint32Array>() {
                Crossed::Numbers(numbers.to_vec())
            } else {
                let many = js_sys::Array::is_array(&value);
                Crossed::Json(stringify(&value, name)?, many)
            };
            members.push(crossed);
        }
        Ok(Self { members })
    }

    /// The requests as columns borrowing from the texts.
    pub(crate) fn columns(&self) -> Result<Columns<'_>, JsValue> {
        let mut members = self.members.iter().zip(MEMBERS);
        let ip_addresses = match members.next() {
            Some((Crossed::Numbers(numbers), _)) => IpColumn::Numbers(numbers.clone()),
            Some((Crossed::Json(text, true), name)) => IpColumn::Text(parse_list(text, name)?),
            _ => {
                return Err(type_error(
                    "`requests.IpAddress` must be an array of IPv4 addresses (strings), or a `Uint32Array`",
                ));
            }
        };
        let mut column = || -> Result<Column<'_>, JsValue> {
            match members.next() {
                None | Some((Crossed::Absent, _)) => Ok(Column::Absent),
                Some((Crossed::Json(text, true), name)) => {
                    Ok(Column::Each(parse_list(text, name)?))
                }
                Some((Crossed::Json(text, false), name)) => serde_json::from_str(text)
                    .map(Column::Same)
                    .map_err(|error| type_error(&format!("`requests.{name}`: {error}"))),
                Some((Crossed::Numbers(_), name)) => Err(type_error(&format!(
                    "`requests.{name}` must be a string or an array of strings"
                ))),
            }
        };
        Ok(Columns {
            ip_addresses,
            actions: column()?,
            user_ids: column()?,
            impersonation_role_ids: column()?,
            organization_ids: Column::Absent,
        })
    }
}

fn parse_list<'a>(text: &'a str, name: &str) -> Result<Vec<Member<'a>>, JsValue> {
    serde_json::from_str(text).map_err(|error| type_error(&format!("`requests.{name}`: {error}")))
}

/// `{Answers, Index}`.
pub(crate) fn indexed_to_js(indexed: &Indexed) -> Result<JsValue, JsValue> {
    let answers = text_to_js(&format!("[{}]", indexed.answers.join(",")))?;
    let index = js_sys::Uint32Array::from(indexed.index.as_slice());
    let result = js_sys::Object::new();
    js_sys::Reflect::set(&result, &"Answers".into(), &answers)?;
    js_sys::Reflect::set(&result, &"Index".into(), &index)?;
    Ok(result.into())
}
