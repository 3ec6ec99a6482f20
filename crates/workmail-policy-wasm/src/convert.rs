//! Crossing the boundary: JavaScript values to and from JSON, and core errors to thrown
//! JavaScript `Error`s with a `name`.
//!
//! Values cross as JSON text in both directions (`JSON.stringify` on the way in, `JSON.parse` on
//! the way out): one copy of a string per call, no per-member calls across the boundary, and no
//! second serializer in the module (serde-wasm-bindgen cost 10 KiB and was slower for large
//! results).

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use workmail_policy::{ApiError, DocumentError, Operation};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error_str(message: &str);
}

/// Writes a message on the JavaScript console's error stream.
pub(crate) fn console_error(message: &str) {
    console_error_str(message);
}

/// An `Error` with a `name` and a `message`.
pub(crate) fn named_error(name: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    error.into()
}

/// A `TypeError`: the call itself is malformed (a value of the wrong JavaScript type).
pub(crate) fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// An API error as the AWS SDK for JavaScript v3 throws it: `name` is the exception name. When
/// a decision of the semantics makes the request an error, `decision` names it (`"D11"`).
pub(crate) fn api_error(error: &ApiError) -> JsValue {
    let js = named_error(error.code.as_str(), &error.message);
    match error.decision {
        Some(decision) => with_property(js, "decision", &decision.id().into()),
        None => js,
    }
}

/// `error` with the property `name` set to `value` (or the failure to set it).
fn with_property(error: JsValue, name: &str, value: &JsValue) -> JsValue {
    match js_sys::Reflect::set(&error, &name.into(), value) {
        Ok(_) => error,
        Err(failure) => failure,
    }
}

/// `InvalidDocumentError`: the message shows the diagnostics as the command line prints them
/// (the first 50, then a line counting the rest), and `diagnostics` holds every one as objects.
pub(crate) fn document_error(error: &DocumentError) -> JsValue {
    let text = error.to_string();
    let js = named_error("InvalidDocumentError", text.trim_end());
    match json_to_js(&error.diagnostics) {
        Ok(diagnostics) => with_property(js, "diagnostics", &diagnostics),
        Err(failure) => failure,
    }
}

/// `JSON.stringify(value)`, or a `TypeError` naming the argument when it refuses (a `BigInt`, a
/// cycle) or gives nothing (a function, a symbol).
pub(crate) fn stringify(value: &JsValue, what: &str) -> Result<String, JsValue> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|text| string_of(&text))
        .ok_or_else(|| type_error(&format!("`{what}` must be a JSON value such as an object")))
}

/// Strings longer than this cross through `TextEncoder.encode`.
const LONG_STRING: u32 = 4096;

/// A JavaScript string's text, `None` for any other value. A long string (a batch's JSON) is
/// encoded by the host's `TextEncoder` and copied in one piece, several times faster than the
/// glue's loop over its characters; lone surrogates become U+FFFD either way.
pub(crate) fn string_of(value: &JsValue) -> Option<String> {
    let text = value.dyn_ref::<js_sys::JsString>()?;
    if text.length() < LONG_STRING {
        return value.as_string();
    }
    encode(text).or_else(|| value.as_string())
}

/// `new TextEncoder().encode(text)`, copied into a `String`.
fn encode(text: &js_sys::JsString) -> Option<String> {
    let class = js_sys::Reflect::get(&js_sys::global(), &"TextEncoder".into()).ok()?;
    let class = class.dyn_ref::<js_sys::Function>()?;
    let encoder = js_sys::Reflect::construct(class, &js_sys::Array::new()).ok()?;
    let encode = js_sys::Reflect::get(&encoder, &"encode".into()).ok()?;
    let bytes = encode
        .dyn_ref::<js_sys::Function>()?
        .call1(&encoder, text)
        .ok()?;
    let bytes = bytes.dyn_ref::<js_sys::Uint8Array>()?.to_vec();
    String::from_utf8(bytes).ok()
}

/// Reads a JavaScript value as JSON, exactly as `JSON.stringify` writes it: `undefined` members
/// are absent, `undefined` itself is `{}`. A value `JSON.stringify` refuses is a `TypeError`.
pub(crate) fn json_from_js(value: &JsValue, what: &str) -> Result<Value, JsValue> {
    if value.is_undefined() {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    let text = stringify(value, what)?;
    serde_json::from_str(&text)
        .map_err(|error| type_error(&format!("`{what}` cannot be read as JSON: {error}")))
}

/// Converts a serializable value to a plain JavaScript value through its JSON text, so the
/// result is what the command line prints: objects, arrays, strings, numbers, booleans.
pub(crate) fn json_to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    text_to_js(&to_json(value)?.to_string())
}

/// A result as a `serde_json::Value`. Every result is written through a `Value` (never straight
/// to text), so each result type's serialization is compiled once, for `Value`, which the core
/// needs anyway: writing them straight to compact and to pretty text as well cost 31 KiB.
pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<Value, JsValue> {
    serde_json::to_value(value)
        .map_err(|error| type_error(&format!("a result cannot be converted: {error}")))
}

/// `JSON.parse(text)`.
pub(crate) fn text_to_js(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text)
}

/// Reads a string argument, or throws a `TypeError` saying what it must hold.
pub(crate) fn string_from_js(
    value: &JsValue,
    what: &str,
    holding: &str,
) -> Result<String, JsValue> {
    string_of(value)
        .ok_or_else(|| type_error(&format!("`{what}` must be a string holding {holding}")))
}

/// Reads an operation name: the AWS name (`GetAccessControlEffect`) or the AWS CLI's
/// (`get-access-control-effect`).
pub(crate) fn operation_from_js(operation: &JsValue) -> Result<Operation, JsValue> {
    let name = operation.as_string().ok_or_else(|| {
        type_error("`operation` must be a string such as `GetAccessControlEffect`")
    })?;
    name.parse()
        .map_err(|error: workmail_policy::UnknownOperation| type_error(&error.to_string()))
}
