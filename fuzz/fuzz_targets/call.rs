//! Every operation's input, against any document: a document, then calls, each separated by
//! U+001E (record separator). A call is one character choosing the operation (its code point
//! modulo `Operation::ALL.len()`, in `Operation::ALL` order) followed by the request JSON. A document that does not
//! load is replaced by a new organization, so the calls always run.
//!
//! Each call is checked by `checks::call`: JSON dispatcher, typed function and compiled batch
//! agree; refusals and reads change nothing; every change saves as a document that loads back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use workmail_policy::{FixedEnvironment, Operation, Organization};
use workmail_policy_fuzz::checks;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.split('\u{1e}');
    let document = parts.next().unwrap_or_default();
    let mut organization = match Organization::from_json(document) {
        Ok(loaded) => loaded.organization,
        Err(_) => Organization::default(),
    };
    let mut env = FixedEnvironment::new(1_700_000_000.0, 7);
    for call in parts {
        let mut chars = call.chars();
        let Some(selector) = chars.next() else {
            continue;
        };
        let index = usize::try_from(u32::from(selector)).unwrap_or(0) % Operation::ALL.len();
        let Some(&operation) = Operation::ALL.get(index) else {
            continue;
        };
        let request = chars.as_str();
        let input = match workmail_policy::json::parse(request) {
            Ok(parsed) => parsed.value(),
            Err(_) => Value::String(request.to_owned()),
        };
        checks::call(&mut organization, operation, &input, &mut env);
    }
});
