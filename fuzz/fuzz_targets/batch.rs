//! `GetAccessControlEffect` batches, against any document: a document, then U+001E (record
//! separator), then the batch as the npm package's `callManyJson` takes it (any text; usually a
//! JSON array of requests). A document that does not load is replaced by a new organization.
//!
//! Checked by `checks::batch`: the batch paths (`call_many_json`, `access_effects` with
//! the requests as columns, and `access_effects_coded` with the requests coded as the npm
//! package codes them) answer every request exactly as `call` does, errors included, as
//! written, with the organization's own `OrganizationId` in every request and without one.

#![no_main]

use libfuzzer_sys::fuzz_target;
use workmail_policy::Organization;
use workmail_policy_fuzz::checks;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (document, inputs) = text.split_once('\u{1e}').unwrap_or((text, "[]"));
    let organization = match Organization::from_json(document) {
        Ok(loaded) => loaded.organization,
        Err(_) => Organization::default(),
    };
    checks::batch(&organization, inputs);
});
