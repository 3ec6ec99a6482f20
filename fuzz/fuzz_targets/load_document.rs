//! Any bytes as an organization document (and as a saved-tests file): never a panic, a refusal
//! always located, and a document that loads is saved as text that loads back the same.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The faces decode bytes before the core sees them (the CLI reports invalid UTF-8 itself);
    // the core takes text.
    if let Ok(text) = std::str::from_utf8(data) {
        workmail_policy_fuzz::checks::load_document(text);
    }
});
