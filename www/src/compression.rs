//! Raw DEFLATE (RFC 1951) through the browser's own `CompressionStream` and
//! `DecompressionStream` (format `"deflate-raw"`), which every browser the page supports has:
//! the page carries no compressor of its own, which kept about 15 KB gzip of code out of its
//! first load. Both are asynchronous; [`crate::share`] holds the formats and everything that can
//! be tested without a browser.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStream, ReadableStreamDefaultReader, ReadableWritablePair};

#[wasm_bindgen]
extern "C" {
    /// `CompressionStream` (web-sys has it only behind its unstable APIs).
    #[wasm_bindgen(js_name = CompressionStream)]
    type Compressor;

    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn new(format: &str) -> Result<Compressor, JsValue>;

    /// `DecompressionStream`.
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompressor;

    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<Decompressor, JsValue>;
}

/// The format both streams use.
const FORMAT: &str = "deflate-raw";

/// `bytes` compressed.
///
/// # Errors
/// The browser has no `CompressionStream`, or it failed.
pub async fn deflate(bytes: &[u8]) -> Result<Vec<u8>, JsValue> {
    let stream = Compressor::new(FORMAT)?;
    let read = read_all(through(bytes, stream.unchecked_ref())?, usize::MAX).await?;
    read.ok_or_else(|| JsValue::from_str("the compressed data has no end"))
}

/// `bytes` decompressed, or `None` when they decompress to more than `limit` bytes (reading
/// stops there, so a small text crafted to decompress to gigabytes costs no more than `limit`).
///
/// # Errors
/// The browser has no `DecompressionStream`, or `bytes` are not raw DEFLATE data (cut short,
/// changed, or followed by anything).
pub async fn inflate(bytes: &[u8], limit: usize) -> Result<Option<Vec<u8>>, JsValue> {
    let stream = Decompressor::new(FORMAT)?;
    read_all(through(bytes, stream.unchecked_ref())?, limit).await
}

/// `bytes` written into `transform`, whose output is returned.
fn through(bytes: &[u8], transform: &ReadableWritablePair) -> Result<ReadableStream, JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = Blob::new_with_u8_array_sequence(&parts)?;
    Ok(blob.stream().pipe_through(transform))
}

/// Everything `stream` gives, or `None` past `limit` bytes (the stream is then cancelled).
async fn read_all(stream: ReadableStream, limit: usize) -> Result<Option<Vec<u8>>, JsValue> {
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut read = Vec::new();
    loop {
        let step = JsFuture::from(reader.read()).await?;
        if Reflect::get(&step, &JsValue::from_str("done"))?.is_truthy() {
            return Ok(Some(read));
        }
        let chunk = Uint8Array::new(&Reflect::get(&step, &JsValue::from_str("value"))?);
        let length = usize::try_from(chunk.length()).unwrap_or(usize::MAX);
        if length > limit.saturating_sub(read.len()) {
            // A cancelled read settles on its own; there is nothing more to wait for.
            let _settles = reader.cancel();
            return Ok(None);
        }
        let start = read.len();
        read.resize(start + length, 0);
        if let Some(place) = read.get_mut(start..) {
            chunk.copy_to(place);
        }
    }
}
