//! The npm package `workmail-policy`: the core's public API for JavaScript and TypeScript.
//!
//! Each export converts its input, calls the core and converts the output. Requests are read as
//! `JSON.stringify` writes them (so `undefined` members are absent), responses and explanations
//! come back as plain objects with AWS's member names, and every failure is a thrown `Error` with
//! a `name`: the AWS exception name for an API error, `InvalidDocumentError` (with
//! `diagnostics`) for a document that cannot be loaded, `TypeError` for a malformed call.
//!
//! The TypeScript declarations of those objects live in `types.d.ts` (and `analysis.d.ts` for the
//! analysis); the npm tests type-check real responses and explanations against them, so they
//! cannot drift from the Rust types.
//!
//! The crate builds three modules from one source: the package's main module (no features:
//! loading, the eleven operations, explanations and batches), the `workmail-policy/analysis`
//! module (`analysis`: everything, plus the whole-organization analysis) and the command's
//! module (`cli`, which implies `analysis`).

#[cfg(feature = "analysis")]
mod analysis;
mod batch;
#[cfg(feature = "cli")]
mod cli;
mod convert;
mod environment;
#[cfg(feature = "ts")]
pub mod typescript;

use wasm_bindgen::prelude::*;
use workmail_policy::api::Request;
use workmail_policy::api::batch::AccessCache;
use workmail_policy::{
    Diagnostic, GetAccessControlEffectRequest, GetImpersonationRoleEffectRequest, Operation,
};

use crate::convert::{
    api_error, document_error, json_from_js, json_to_js, string_from_js, type_error,
};
use crate::environment::JsEnvironment;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

#[cfg(feature = "analysis")]
#[wasm_bindgen(typescript_custom_section)]
const ANALYSIS_TYPES: &str = include_str!("analysis.d.ts");

/// Makes a panic print its message on the console before the module aborts. Library code never
/// panics (clippy forbids it); this only makes a bug visible. Every way into the module passes
/// here first (an `Organization` only comes from `fromJson`).
pub(crate) fn install_panic_hook() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            convert::console_error(&format!("workmail-policy: internal error: {info}"));
        }));
    });
}

/// A WorkMail organization: its users, access control rules, impersonation roles and the
/// emulator's state.
#[wasm_bindgen]
pub struct Organization {
    pub(crate) inner: workmail_policy::Organization,
    warnings: Vec<Diagnostic>,
    /// The access control rules compiled for the batches, kept between them.
    cache: AccessCache,
}

#[wasm_bindgen]
impl Organization {
    /// Loads an organization document or raw AWS CLI output. Throws an `InvalidDocumentError`
    /// carrying every diagnostic when the document has errors.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<Organization, JsValue> {
        install_panic_hook();
        let text = string_from_js(&text, "text", "the document's JSON")?;
        let loaded =
            workmail_policy::Organization::from_json(&text).map_err(|e| document_error(&e))?;
        Ok(Self {
            inner: loaded.organization,
            warnings: loaded.warnings,
            cache: AccessCache::default(),
        })
    }

    /// The warnings found while loading (unknown members, limits, dangling references).
    #[wasm_bindgen(getter, unchecked_return_type = "Diagnostic[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        json_to_js(&self.warnings)
    }

    /// Runs one of the eleven operations (typed in the custom section, as a generic method).
    #[wasm_bindgen(skip_typescript)]
    pub fn call(&mut self, operation: JsValue, input: JsValue) -> Result<JsValue, JsValue> {
        let operation = convert::operation_from_js(&operation)?;
        let input = json_from_js(&input, "input")?;
        let response = self
            .inner
            .call(operation, &input, &mut JsEnvironment)
            .map_err(|e| api_error(&e))?;
        json_to_js(&response)
    }

    /// Runs one operation once per input, in order, crossing the boundary once for the whole
    /// batch; an API error is that input's `{"Error": {"Code", "Message"}}` instead of a throw
    /// (typed in the custom section).
    #[wasm_bindgen(js_name = callMany, skip_typescript)]
    pub fn call_many(&mut self, operation: JsValue, inputs: JsValue) -> Result<JsValue, JsValue> {
        let operation = convert::operation_from_js(&operation)?;
        if !js_sys::Array::is_array(&inputs) {
            return Err(type_error("`inputs` must be an array of requests"));
        }
        let text = convert::stringify(&inputs, "inputs")?;
        let answers = self.answer_all(operation, &text)?;
        convert::text_to_js(&answers)
    }

    /// `callMany` with JSON text in and out: `inputs` is a JSON array of requests, the result a
    /// JSON array of answers. For callers that hold JSON already, it saves the
    /// `JSON.stringify` and `JSON.parse` of every request and answer.
    #[wasm_bindgen(js_name = callManyJson, skip_typescript)]
    pub fn call_many_json(
        &mut self,
        operation: JsValue,
        inputs: JsValue,
    ) -> Result<String, JsValue> {
        let operation = convert::operation_from_js(&operation)?;
        let text = string_from_js(&inputs, "inputs", "a JSON array of requests")?;
        self.answer_all(operation, &text)
    }

    /// The `GetAccessControlEffect` answer with every rule's and condition's outcome.
    #[wasm_bindgen(
        js_name = explainAccess,
        unchecked_return_type = "AccessExplanation"
    )]
    pub fn explain_access(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "GetAccessControlEffectRequest")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request: GetAccessControlEffectRequest = read_request(&request)?;
        let explanation = self
            .inner
            .explain_access(&request)
            .map_err(|e| api_error(&e))?;
        json_to_js(&explanation)
    }

    /// The access explanation as the command line prints it (`explain --output text`).
    #[wasm_bindgen(js_name = explainAccessText)]
    pub fn explain_access_text(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "GetAccessControlEffectRequest")] request: JsValue,
    ) -> Result<String, JsValue> {
        let request: GetAccessControlEffectRequest = read_request(&request)?;
        let explanation = self
            .inner
            .explain_access(&request)
            .map_err(|e| api_error(&e))?;
        Ok(explanation.to_string())
    }

    /// The `GetImpersonationRoleEffect` answer with every rule's outcome.
    #[wasm_bindgen(
        js_name = explainImpersonation,
        unchecked_return_type = "ImpersonationExplanation"
    )]
    pub fn explain_impersonation(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "GetImpersonationRoleEffectRequest")]
        request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request: GetImpersonationRoleEffectRequest = read_request(&request)?;
        let explanation = self
            .inner
            .explain_impersonation(&request)
            .map_err(|e| api_error(&e))?;
        json_to_js(&explanation)
    }

    /// The impersonation explanation as the command line prints it (`explain --output text`).
    #[wasm_bindgen(js_name = explainImpersonationText)]
    pub fn explain_impersonation_text(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "GetImpersonationRoleEffectRequest")]
        request: JsValue,
    ) -> Result<String, JsValue> {
        let request: GetImpersonationRoleEffectRequest = read_request(&request)?;
        let explanation = self
            .inner
            .explain_impersonation(&request)
            .map_err(|e| api_error(&e))?;
        Ok(explanation.to_string())
    }

    /// The organization as a document (pretty JSON), emulator state included: loading it again
    /// gives the same organization.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}

#[wasm_bindgen]
impl Organization {
    /// Answers `GetAccessControlEffect` requests given as parallel arrays (typed in the custom
    /// section): `{IpAddress, Action, UserId?, ImpersonationRoleId?}`, each member an array
    /// with one entry per request or (except `IpAddress`) one string for all; `IpAddress` may
    /// be a `Uint32Array` of addresses. Returns `{Answers, Index}`: each distinct answer once,
    /// and for each request the index of its answer.
    #[wasm_bindgen(js_name = accessEffects, skip_typescript)]
    pub fn access_effects(&mut self, requests: JsValue) -> Result<JsValue, JsValue> {
        let texts = batch::Texts::read(&requests)?;
        let indexed = self
            .inner
            .access_effects(&texts.columns()?, &mut self.cache)
            .map_err(|error| type_error(&error.to_string()))?;
        batch::indexed_to_js(&indexed)
    }
}

impl Organization {
    fn answer_all(&mut self, operation: Operation, text: &str) -> Result<String, JsValue> {
        self.inner
            .call_many_json(operation, text, &mut self.cache, &mut JsEnvironment)
            .map_err(|error| type_error(&error.to_string()))
    }
}

/// Reads a request with exactly the checks and errors `call` gives it.
pub(crate) fn read_request<T: Request>(request: &JsValue) -> Result<T, JsValue> {
    let value = json_from_js(request, "request")?;
    T::from_json(&value).map_err(|e| api_error(&e))
}
