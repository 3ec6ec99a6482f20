//! The playground's loader: a web worker that loads large document texts off the page's
//! thread and reports what it found (see `workmail_policy_www::loader`). `loader.js` starts it
//! and passes it each text the page sends.

use wasm_bindgen::prelude::*;
use workmail_policy_www::{bridge, loader};

/// Nothing to set up: the worker only answers [`check`] calls.
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
