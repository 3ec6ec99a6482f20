//! The core's clock and randomness, from the JavaScript host: `Date.now()` and
//! `crypto.getRandomValues` (Node 20+ and every browser have both). Role IDs and impersonation
//! tokens are not secrets, so `Math.random` stands in where `crypto` is missing.

use wasm_bindgen::prelude::*;
use workmail_policy::{Environment, Timestamp};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buffer: &mut [u8]) -> Result<(), JsValue>;
}

/// The host's clock and random numbers.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct JsEnvironment;

impl Environment for JsEnvironment {
    fn now(&mut self) -> Timestamp {
        Timestamp::from_epoch_seconds(js_sys::Date::now() / 1000.0).unwrap_or(Timestamp::EPOCH)
    }

    fn fill_random(&mut self, out: &mut [u8]) {
        // `getRandomValues` refuses more than 65536 bytes at once; the core asks for 48 at most.
        let filled = out.chunks_mut(65_536).try_for_each(get_random_values);
        if filled.is_err() {
            for byte in out.iter_mut() {
                // `Math.random() * 256` lies in [0, 256): the cast keeps its integer part.
                *byte = (js_sys::Math::random() * 256.0) as u8;
            }
        }
    }
}
