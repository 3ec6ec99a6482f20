//! The few calls into the browser: the page address, downloads, the clipboard. Everything
//! else in the playground is plain Rust.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};
use yew::Callback;

fn location() -> web_sys::Location {
    gloo::utils::window().location()
}

/// The URL fragment, with its `#`.
pub fn fragment() -> String {
    location().hash().unwrap_or_default()
}

/// The query string, with its `?`.
pub fn query() -> String {
    location().search().unwrap_or_default()
}

/// The page's address without its fragment.
pub fn page_url() -> String {
    let href = location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_owned()
}

/// Puts a state's fragment in the address bar without adding a history entry or reloading.
pub fn replace_fragment(fragment: &str) {
    if location().hash().unwrap_or_default().strip_prefix('#') == Some(fragment) {
        return;
    }
    if let Ok(history) = gloo::utils::window().history() {
        let url = format!("#{fragment}");
        // A refused update (some sandboxed frames refuse it) only leaves the address as it was.
        let _ignored = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Saves `text` as a file named `name`, from memory (nothing is sent anywhere).
///
/// # Errors
/// The browser refused to create the file.
pub fn download(name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let anchor: HtmlAnchorElement = gloo::utils::document()
        .create_element("a")?
        .dyn_into()
        .map_err(JsValue::from)?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    gloo::timers::callback::Timeout::new(1_000, move || {
        let _ignored = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Copies `text` to the clipboard; `done` learns whether it worked.
pub fn copy_text(text: &str, done: Callback<bool>) {
    let promise = gloo::utils::window()
        .navigator()
        .clipboard()
        .write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done.emit(copied);
    });
}

/// Moves keyboard focus to the element with `id`, when there is one.
pub fn focus(id: &str) {
    if let Some(element) = gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ignored = element.focus();
    }
}
