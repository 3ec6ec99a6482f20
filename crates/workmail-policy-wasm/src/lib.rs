//! The npm package `workmail-policy`: the core's public API for JavaScript and TypeScript.
//!
//! Each export converts its input, calls the core and converts the output. Requests are read as
//! `JSON.stringify` writes them (so `undefined` members are absent), responses and explanations
//! come back as plain objects with AWS's member names, and every failure is a thrown `Error` with
//! a `name`: the AWS exception name for an API error, `InvalidDocumentError` (with
//! `diagnostics`) for a document that cannot be loaded, `TypeError` for a malformed call.
//!
//! The TypeScript declarations of those objects live in `types.d.ts`; the npm tests type-check
//! real responses and explanations against them, so they cannot drift from the Rust types.

mod cli;
mod convert;
mod environment;

use wasm_bindgen::prelude::*;
use workmail_policy::api::Request;
use workmail_policy::{
    Diagnostic, GetAccessControlEffectRequest, GetImpersonationRoleEffectRequest,
};

use crate::convert::{api_error, document_error, json_from_js, json_to_js, type_error};
use crate::environment::JsEnvironment;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

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
    inner: workmail_policy::Organization,
    warnings: Vec<Diagnostic>,
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
        let text = text
            .as_string()
            .ok_or_else(|| type_error("`text` must be a string holding the document's JSON"))?;
        let loaded =
            workmail_policy::Organization::from_json(&text).map_err(|e| document_error(&e))?;
        Ok(Self {
            inner: loaded.organization,
            warnings: loaded.warnings,
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

/// Reads an explain request with exactly the checks and errors `call` gives it.
fn read_request<T: Request>(request: &JsValue) -> Result<T, JsValue> {
    let value = json_from_js(request, "request")?;
    T::from_json(&value).map_err(|e| api_error(&e))
}
