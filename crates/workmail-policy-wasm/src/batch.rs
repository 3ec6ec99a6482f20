//! The batches' arguments and results across the boundary; the core answers them
//! ([`workmail_policy::api::batch`]). `GetAccessControlEffect` requests, as objects (`call`,
//! `callMany`) or as columns (`accessEffects`), are coded as numbers by `batch.js` and cross as
//! one `Uint32Array` with the texts met for the first time (see [`Coder`]); the answers cross
//! back as one `JSON.parse` text of the distinct answers and a `Uint32Array` of indexes.

use wasm_bindgen::prelude::*;

use crate::convert::{text_to_js, type_error};
use workmail_policy::Organization;
use workmail_policy::api::batch::{AccessCache, Coded, Indexed, MemberTexts};

#[wasm_bindgen(module = "/src/batch.js")]
extern "C" {
    #[wasm_bindgen(js_name = newCoder)]
    fn new_coder() -> JsValue;

    #[wasm_bindgen(js_name = codeRequests)]
    fn code_requests(inputs: &JsValue, coder: &JsValue) -> CodedRequests;

    #[wasm_bindgen(js_name = codeColumns, catch)]
    fn code_columns(requests: &JsValue, coder: &JsValue) -> Result<CodedRequests, JsValue>;

    #[wasm_bindgen(js_name = expandAnswers)]
    fn expand_answers(answers: &str, index: &[u32]) -> JsValue;

    /// What `codeRequests` and `codeColumns` return.
    pub(crate) type CodedRequests;

    #[wasm_bindgen(method, getter)]
    fn numbers(this: &CodedRequests) -> Vec<u32>;

    #[wasm_bindgen(method, getter)]
    fn texts(this: &CodedRequests) -> String;

    #[wasm_bindgen(method, getter)]
    fn restart(this: &CodedRequests) -> bool;

    #[wasm_bindgen(method, getter)]
    fn uncoded(this: &CodedRequests) -> Vec<u32>;

    #[wasm_bindgen(method, catch)]
    fn json(this: &CodedRequests, positions: &[u32]) -> Result<String, JsValue>;
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
    /// `inputs`, an array of request objects, coded.
    pub(crate) fn requests(&self, inputs: &JsValue) -> CodedRequests {
        code_requests(inputs, &self.numbers)
    }

    /// `accessEffects`' columns coded, or the `TypeError` that says why they do not fit.
    pub(crate) fn columns(&self, requests: &JsValue) -> Result<CodedRequests, JsValue> {
        code_columns(requests, &self.numbers)
    }

    /// Answers coded requests, each as `call` would.
    pub(crate) fn answer(
        &mut self,
        organization: &Organization,
        cache: &mut AccessCache,
        coded: &CodedRequests,
    ) -> Result<Indexed, JsValue> {
        if coded.restart() {
            self.texts.clear();
        }
        let texts: Vec<String> = serde_json::from_str(&coded.texts())
            .map_err(|error| type_error(&format!("`inputs` cannot be read as JSON: {error}")))?;
        for text in texts {
            self.texts.push(text);
        }
        let uncoded: Vec<usize> = coded
            .uncoded()
            .into_iter()
            .map(|at| usize::try_from(at).unwrap_or(usize::MAX))
            .collect();
        let numbers = coded.numbers();
        let batch = Coded {
            numbers: &numbers,
            texts: &self.texts,
            uncoded: &uncoded,
        };
        let mut json_of = |positions: &[usize]| -> Result<Vec<serde_json::Value>, String> {
            let positions: Vec<u32> = positions
                .iter()
                .map(|at| u32::try_from(*at).unwrap_or(u32::MAX))
                .collect();
            let text = coded
                .json(&positions)
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

/// `{Answers, Index}`.
pub(crate) fn indexed_to_js(indexed: &Indexed) -> Result<JsValue, JsValue> {
    let answers = text_to_js(&format!("[{}]", indexed.answers.join(",")))?;
    let index = js_sys::Uint32Array::from(indexed.index.as_slice());
    let result = js_sys::Object::new();
    js_sys::Reflect::set(&result, &"Answers".into(), &answers)?;
    js_sys::Reflect::set(&result, &"Index".into(), &index)?;
    Ok(result.into())
}
