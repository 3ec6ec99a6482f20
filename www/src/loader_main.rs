//! The playground's loader: a web worker that loads large document texts off the page's
//! thread and reports what it found (see `workmail_policy_www::loader`). `loader.js` starts it
//! and passes it each text the page sends.

use wasm_bindgen::prelude::*;
use workmail_policy_www::loader::{self, Outcome, Report};
use workmail_policy_www::{bridge, parts::Part};

/// Nothing to set up: the worker only answers [`check`] and [`check_part`] calls.
fn main() {}

/// Loads the UTF-8 text `text`, which the page numbered `serial`, and returns the
/// [`loader::Report`] as JSON.
#[wasm_bindgen]
pub fn check(serial: u64, text: &[u8]) -> String {
    // The page sends the bytes of a Rust string, so they are UTF-8; any that were not would
    // be reported where they stand, as the replacement character.
    let text = String::from_utf8_lossy(text);
    bridge::encode(&loader::check(serial, &text))
}

/// Checks the UTF-8 text `text` of the part editor named `part` (its slug), which the page
/// numbered `serial`, and puts it into the document `document` ([`loader::check_part`]).
/// Returns `[report, document]`: the [`loader::Report`] as JSON, and the new document's text as
/// UTF-8 bytes when the document took the part (`undefined` otherwise). `loader.js` hands the
/// bytes' buffer to the page, which reads them a slice per task: a JavaScript string of tens of
/// megabytes would be copied into the page's memory in one task (about 80 ms for 32 MiB).
#[wasm_bindgen]
pub fn check_part(serial: u64, part: &str, text: &[u8], document: &[u8]) -> js_sys::Array {
    let (report, composed) = match Part::of_slug(part) {
        Some(part) => loader::check_part(
            serial,
            part,
            &String::from_utf8_lossy(text),
            &String::from_utf8_lossy(document),
        ),
        None => {
            let outcome = Outcome::Failed(format!("the page has no part editor `{part}`"));
            (Report { serial, outcome }, None)
        }
    };
    let composed = composed.map_or(JsValue::UNDEFINED, |text| {
        js_sys::Uint8Array::from(text.as_bytes()).into()
    });
    js_sys::Array::of2(&JsValue::from(bridge::encode(&report)), &composed)
}
