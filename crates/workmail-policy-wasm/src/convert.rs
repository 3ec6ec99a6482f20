//! Crossing the boundary: JavaScript values to and from JSON, and core errors to thrown
//! JavaScript `Error`s with a `name`.

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
fn named_error(name: &str, message: &str) -> js_sys::Error {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    error
}

/// A `TypeError`: the call itself is malformed (a value of the wrong JavaScript type).
pub(crate) fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// An API error as the AWS SDK for JavaScript v3 throws it: `name` is the exception name.
pub(crate) fn api_error(error: &ApiError) -> JsValue {
    named_error(error.code.as_str(), &error.message).into()
}

/// `InvalidDocumentError`: the message lists every diagnostic as the command line prints them,
/// and `diagnostics` holds them as objects.
pub(crate) fn document_error(error: &DocumentError) -> JsValue {
    let text = error.to_string();
    let js = named_error("InvalidDocumentError", text.trim_end());
    let attached = json_to_js(&error.diagnostics)
        .and_then(|diagnostics| js_sys::Reflect::set(&js, &"diagnostics".into(), &diagnostics));
    match attached {
        Ok(_) => js.into(),
        Err(failure) => failure,
    }
}

/// Reads a JavaScript value as JSON, exactly as `JSON.stringify` writes it: `undefined` members
/// are absent, `undefined` itself is `{}`. A value `JSON.stringify` refuses (a `BigInt`, a cycle,
/// a function) is a `TypeError`.
pub(crate) fn json_from_js(value: &JsValue, what: &str) -> Result<Value, JsValue> {
    if value.is_undefined() {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    let text = js_sys::JSON::stringify(value)?
        .as_string()
        .ok_or_else(|| type_error(&format!("`{what}` must be a JSON value such as an object")))?;
    serde_json::from_str(&text)
        .map_err(|error| type_error(&format!("`{what}` cannot be read as JSON: {error}")))
}

/// Converts a serializable value to a plain JavaScript value, through JSON (so the result is
/// what the command line prints: objects, arrays, strings, numbers, booleans).
pub(crate) fn json_to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_value(value)
        .map_err(|error| type_error(&format!("a result cannot be converted: {error}")))?;
    json.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
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
