//! The batches' arguments and results across the boundary; the core answers them
//! ([`workmail_policy::api::batch`]). `accessEffects`' member lists cross as one `JSON.stringify`
//! text each (or a `Uint32Array` of addresses, copied at once), its answers as one `JSON.parse`
//! text and a `Uint32Array` of indexes.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::convert::{stringify, text_to_js, type_error};
use workmail_policy::api::batch::{Column, Columns, Indexed, IpColumn, Member};

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
