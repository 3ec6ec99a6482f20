//! The few calls into the browser: the page address, saved work, downloads, the clipboard, the
//! caret, timings, the clock and randomness, and the crash banner. Everything else in the
//! playground is plain Rust.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlTextAreaElement, Url};
use workmail_policy::{Environment, Timestamp};
use yew::Callback;

use crate::caret;
use crate::text::{Crossing, Text};

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

/// The key the page's work is saved under in local storage: one per page address, so two
/// playgrounds on one host keep their own.
fn storage_key() -> String {
    let path = location().pathname().unwrap_or_default();
    format!("workmail-policy-playground:{path}")
}

/// The work this browser saved for this page (a share-link fragment), if any.
pub fn saved_work() -> Option<String> {
    let storage = gloo::utils::window().local_storage().ok()??;
    storage.get_item(&storage_key()).ok()?
}

/// Saves the work (a share-link fragment) in this browser.
///
/// # Errors
/// Storage is unavailable (disabled, private window) or full.
pub fn save_work(fragment: &str) -> Result<(), JsValue> {
    let storage = gloo::utils::window()
        .local_storage()?
        .ok_or_else(|| JsValue::from_str("no local storage"))?;
    storage.set_item(&storage_key(), fragment)
}

/// Saves `text` as a file named `name` of type `mime`, from memory (nothing is sent anywhere).
///
/// # Errors
/// The browser refused to create the file.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
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

/// A text area's text as the page holds it, not copied out (see
/// [`crate::components::code_editor`]).
pub fn value_of(area: &HtmlTextAreaElement) -> js_sys::JsString {
    js_sys::Reflect::get(area, &JsValue::from_str("value"))
        .ok()
        .and_then(|value| value.dyn_into().ok())
        .unwrap_or_default()
}

/// The code editor's last edit of a long text as one change (see `www/editor/editor.js`):
/// UTF-16 code units `from..to` of the text it had at change number `before` became `text`,
/// making change number `after`.
pub struct Edit {
    /// The change number of the text the edit was made to.
    pub before: f64,
    /// The change number of the text it made.
    pub after: f64,
    /// Where the replaced range starts, in UTF-16 code units.
    pub from: u32,
    /// Where it ends.
    pub to: u32,
    /// What replaced it.
    pub text: String,
}

/// A member of a JavaScript object.
fn member(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// The code editor's last edit of the text area's text, when it made one change of a long
/// text; `None` without the editor, or for any other change.
pub fn document_edit(area: &HtmlTextAreaElement) -> Option<Edit> {
    let edit = member(area, "documentEdit");
    let unit = |name| {
        member(&edit, name)
            .as_f64()
            .filter(|units| units.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(units))
            .map(|units| units as u32)
    };
    Some(Edit {
        before: member(&edit, "before").as_f64()?,
        after: member(&edit, "after").as_f64()?,
        from: unit("from")?,
        to: unit("to")?,
        text: member(&edit, "text").as_string()?,
    })
}

/// How many times the code editor's text changed (see [`document_edit`]); `None` without the
/// editor.
pub fn document_serial(area: &HtmlTextAreaElement) -> Option<f64> {
    member(area, "documentSerial").as_f64()
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The browser's `TextEncoder`, bound here for `encodeInto` on a JavaScript string (web-sys
    /// takes a Rust `&str`).
    #[wasm_bindgen(js_name = TextEncoder)]
    type Encoder;

    #[wasm_bindgen(constructor, js_class = "TextEncoder")]
    fn new() -> Encoder;

    /// What `encodeInto` did: how many bytes it wrote.
    type Encoded;

    #[wasm_bindgen(method, js_class = "TextEncoder", js_name = encodeInto)]
    fn encode_into(this: &Encoder, text: &js_sys::JsString, into: &js_sys::Uint8Array) -> Encoded;

    #[wasm_bindgen(method, getter)]
    fn written(this: &Encoded) -> f64;
}

/// A JavaScript string as Rust text, as `String::from` gives it (an unpaired surrogate becomes
/// U+FFFD), but faster for a long text: the browser encodes it natively, straight into the
/// module's memory, where `String::from` writes a code unit at a time from JavaScript (2.5 ms
/// for the largest legal document, on every keystroke).
pub fn text_of(text: &js_sys::JsString) -> String {
    // A UTF-16 code unit takes at most three bytes of UTF-8.
    let capacity = (text.length() as usize).saturating_mul(3);
    let mut into = vec![0_u8; capacity];
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    // The module's memory is 32-bit: the vector's address fits.
    let (Ok(at), Ok(length)) = (
        u32::try_from(into.as_mut_ptr() as usize),
        u32::try_from(capacity),
    ) else {
        return String::from(text);
    };
    let view = js_sys::Uint8Array::new_with_byte_offset_and_length(&memory.buffer(), at, length);
    let written = Encoder::new().encode_into(text, &view).written();
    into.truncate(written as usize);
    // `TextEncoder` writes UTF-8, so this never falls back.
    String::from_utf8(into).unwrap_or_else(|_| String::from(text))
}

/// Focuses a text area and puts the caret at a 1-based line and column, scrolled into view.
pub fn move_caret(area: &HtmlTextAreaElement, line: u32, column: u32) {
    let text = area.value();
    let offset = caret::utf16_offset(&text, line, column);
    let _ignored = area.focus();
    let _ignored = area.set_selection_range(offset, offset);
    let lines = text.matches('\n').count() + 1;
    let per_line = f64::from(area.scroll_height()) / lines as f64;
    let top = f64::from(line.saturating_sub(1)) * per_line - f64::from(area.client_height()) / 3.0;
    area.set_scroll_top(top.max(0.0) as i32);
}

/// Moves the caret in the text area with `id`, once the page has shown it (a hidden editor
/// cannot take the focus, so this waits for the render that shows it).
pub fn move_caret_later(id: &'static str, line: u32, column: u32) {
    gloo::timers::callback::Timeout::new(0, move || {
        if let Some(area) = gloo::utils::document()
            .get_element_by_id(id)
            .and_then(|element| element.dyn_into::<HtmlTextAreaElement>().ok())
        {
            move_caret(&area, line, column);
        }
    })
    .forget();
}

/// The browser's clock (`Date.now()`) and random numbers (`crypto.getRandomValues`), for the
/// operations that create roles and tokens. These are not secrets, so `Math.random` stands in
/// where `crypto` is unavailable.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserEnvironment;

impl Environment for BrowserEnvironment {
    fn now(&mut self) -> Timestamp {
        Timestamp::from_epoch_seconds(js_sys::Date::now() / 1000.0).unwrap_or(Timestamp::EPOCH)
    }

    fn fill_random(&mut self, out: &mut [u8]) {
        let filled = gloo::utils::window()
            .crypto()
            .and_then(|crypto| crypto.get_random_values_with_u8_array(out));
        if filled.is_err() {
            for byte in out.iter_mut() {
                // `Math.random() * 256` lies in [0, 256): the cast keeps its integer part.
                *byte = (js_sys::Math::random() * 256.0) as u8;
            }
        }
    }
}

thread_local! {
    /// What [`drop_when_idle`] holds until the browser is idle, and the one callback that drops
    /// it (made once, kept for the page's life).
    static IDLE_DROPS: std::cell::RefCell<Vec<Box<dyn std::any::Any>>> =
        const { std::cell::RefCell::new(Vec::new()) };
    static IDLE_DROPPER: wasm_bindgen::closure::Closure<dyn Fn()> =
        wasm_bindgen::closure::Closure::new(|| drop(IDLE_DROPS.take()));
}

/// Drops `value` once the browser is idle, after the frame being prepared is drawn: freeing a
/// large organization (the largest document's is megabytes of rules) is then no part of a
/// keystroke's frame. Where the browser cannot say when it is idle (`requestIdleCallback` is
/// missing), and outside a browser, it is dropped at once.
pub fn drop_when_idle(value: Box<dyn std::any::Any>) {
    if !cfg!(target_arch = "wasm32") {
        return;
    }
    let first = IDLE_DROPS.with_borrow_mut(|pending| {
        pending.push(value);
        pending.len() == 1
    });
    if first {
        let asked = IDLE_DROPPER.with(|dropper| {
            gloo::utils::window()
                .request_idle_callback(dropper.as_ref().unchecked_ref())
                .is_ok()
        });
        if !asked {
            drop(IDLE_DROPS.take());
        }
    }
}

/// `text` in lower case, by Unicode's default case mapping: the browser's `toLowerCase` in the
/// page, the standard library's outside a browser (the same mapping). The page leaves it to the
/// browser because Rust's mapping carries its tables, about 11 KB of the first load gzipped.
#[cfg(target_arch = "wasm32")]
pub fn lowercase(text: &str) -> String {
    String::from(js_sys::JsString::from(text).to_lower_case())
}

/// `text` in lower case, by Unicode's default case mapping (see the page's version above).
#[cfg(not(target_arch = "wasm32"))]
pub fn lowercase(text: &str) -> String {
    text.to_lowercase()
}

/// Runs `work` and records how long it took as a User Timing measure named `name` (shown in
/// the browser's performance tools, read by the benchmark). Only the latest one is kept; in a
/// worker, and natively, nothing is recorded.
#[cfg(target_arch = "wasm32")]
pub fn measure<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let Some(performance) = web_sys::window().and_then(|window| window.performance()) else {
        return work();
    };
    let start = format!("{name}:start");
    let end = format!("{name}:end");
    let _ignored = performance.mark(&start);
    let out = work();
    let _ignored = performance.mark(&end);
    performance.clear_measures_with_measure_name(name);
    let _ignored = performance.measure_with_start_mark_and_end_mark(name, &start, &end);
    performance.clear_marks_with_mark_name(&start);
    performance.clear_marks_with_mark_name(&end);
    out
}

/// [`measure`] natively: `work`, unmeasured.
#[cfg(not(target_arch = "wasm32"))]
pub fn measure<T>(_name: &str, work: impl FnOnce() -> T) -> T {
    work()
}

/// Makes a Rust panic visible: the message goes to the console and into a banner at the top of
/// the page with a button that reloads it (the page's loader handles the button, since the
/// WebAssembly stops after a panic). Without this the page would just stop responding.
pub fn install_panic_hook() {
    // Through Yew, which would otherwise replace the hook with its own when rendering.
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.payload_as_str().unwrap_or("an unexpected error");
        // Paths inside the project are relative; others (dependencies) say nothing useful here.
        let place = info
            .location()
            .filter(|location| !location.file().starts_with('/'))
            .map(|location| format!(" ({}:{})", location.file(), location.line()))
            .unwrap_or_default();
        let text = format!("{message}{place}");
        web_sys::console::error_1(&JsValue::from_str(&format!("playground panic: {text}")));
        show_crash(&text);
    }));
}

/// Shows the crash banner with `message`, as text, and moves the focus to its reload button.
pub fn show_crash(message: &str) {
    let _ignored = build_crash_banner(message);
}

fn build_crash_banner(message: &str) -> Result<(), JsValue> {
    let document = gloo::utils::document();
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    if let Some(old) = document.get_element_by_id("crash") {
        old.remove();
    }
    let banner = document.create_element("div")?;
    banner.set_id("crash");
    banner.set_class_name("crash");
    banner.set_attribute("role", "alert")?;
    banner.set_attribute("data-testid", "crash")?;
    let title = document.create_element("h2")?;
    title.set_text_content(Some("The playground stopped working"));
    let explanation = document.create_element("p")?;
    explanation.set_text_content(Some(
        "An internal error stopped the page. Your work as of your last change is in the address bar and in this browser: reloading brings it back. The error was:",
    ));
    let detail = document.create_element("pre")?;
    detail.set_attribute("data-testid", "crash-message")?;
    detail.set_text_content(Some(message));
    let reload = document.create_element("button")?;
    reload.set_attribute("type", "button")?;
    reload.set_attribute("data-action", "reload")?;
    reload.set_attribute("data-testid", "crash-reload")?;
    reload.set_text_content(Some("Reload the page"));
    for child in [&title, &explanation, &detail, &reload] {
        banner.append_child(child)?;
    }
    body.prepend_with_node_1(&banner)?;
    if let Ok(button) = reload.dyn_into::<web_sys::HtmlElement>() {
        let _ignored = button.focus();
    }
    Ok(())
}

/// Loads the analysis module (once; later calls share the first load), through the loader
/// the page's `boot.js` provides.
///
/// # Errors
/// Why it could not be loaded, in words (offline on a first use, no loader in this page).
pub async fn load_analysis() -> Result<JsValue, String> {
    let loader = boot_function("workmailPolicyLoadAnalysis")
        .ok_or_else(|| "this page has no analysis module".to_owned())?;
    let promise = loader
        .call0(&JsValue::NULL)
        .and_then(JsCast::dyn_into::<js_sys::Promise>)
        .map_err(|error| describe_error(&error))?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|error| describe_error(&error))
}

/// An analysis input for the module: its JSON, then how each of its texts crosses (see
/// `bridge::Input::changed_texts`).
pub type AnalysisInput<'a> = (&'a str, Vec<Crossing<'a>>);

/// Mounts a view of the analysis module in `root`, which shows nothing until its first `update`
/// (see [`call_view`]); the module answers through `callback`.
///
/// # Errors
/// The module refused (it is not the analysis module this page expects).
pub fn mount_analysis(
    module: &JsValue,
    root: &web_sys::Node,
    callback: &wasm_bindgen::closure::Closure<dyn Fn(String)>,
) -> Result<JsValue, String> {
    let mount = js_sys::Reflect::get(module, &JsValue::from_str("mount"))
        .ok()
        .and_then(|mount| mount.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| "the analysis module has no `mount`".to_owned())?;
    mount
        .call2(&JsValue::NULL, root, callback.as_ref())
        .map_err(|error| describe_error(&error))
}

/// Calls a method of a mounted view (`update` with the new input, `destroy`).
pub fn call_view(view: &JsValue, method: &str, input: Option<AnalysisInput<'_>>) {
    let Some(function) = js_sys::Reflect::get(view, &JsValue::from_str(method))
        .ok()
        .and_then(|function| function.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let _ignored = match input {
        Some((input, texts)) => {
            let texts: js_sys::Array = texts.into_iter().map(lend).collect();
            function.call2(view, &JsValue::from_str(input), &texts)
        }
        None => function.call0(view),
    };
}

/// A JavaScript error in words.
fn describe_error(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// Starts a loader (a web worker, see [`crate::loader`]) through the function the page's
/// `boot.js` provides.
///
/// # Errors
/// Why it could not be started, in words (no loader in this page, workers refused).
pub fn start_loader() -> Result<web_sys::Worker, String> {
    let start = boot_function("workmailPolicyStartLoader")
        .ok_or_else(|| "this page has no loader".to_owned())?;
    start
        .call0(&JsValue::NULL)
        .and_then(JsCast::dyn_into::<web_sys::Worker>)
        .map_err(|error| describe_error(&error))
}

/// The bytes of `file` (see [`read_bytes_in_slices`]).
///
/// # Errors
/// Why the browser could not read it, in words.
pub async fn file_bytes(file: &web_sys::File) -> Result<js_sys::ArrayBuffer, String> {
    wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map(JsCast::unchecked_into)
        .map_err(|error| describe_error(&error))
}

/// How many UTF-16 code units of a large text one task reads (see [`read_in_slices`]): a few
/// milliseconds' work.
const SLICE: u32 = 1024 * 1024;

/// Whether a UTF-16 code unit is the first half of a surrogate pair.
fn is_high_surrogate(unit: f64) -> bool {
    (f64::from(0xD800_u16)..f64::from(0xDC00_u16)).contains(&unit)
}

/// Reads `text` from code unit `from` on into `into`, a slice per task (the first in this one),
/// and gives the whole to `done`, unless `reading` no longer holds `this` (a newer text came
/// first): a large paste or upload is never copied out of a JavaScript string in one task.
pub fn read_in_slices(
    text: js_sys::JsString,
    from: u32,
    mut into: String,
    (reading, this): (Rc<std::cell::Cell<u64>>, u64),
    done: yew::Callback<Rc<str>>,
) {
    if reading.get() != this {
        return;
    }
    let length = text.length();
    let mut to = from.saturating_add(SLICE).min(length);
    // A slice never ends between the two halves of a surrogate pair.
    if to < length && is_high_surrogate(text.char_code_at(to - 1)) {
        to -= 1;
    }
    into.push_str(&text_of(&text.slice(from, to)));
    if to == length {
        return hand_over(into, from == 0, (reading, this), done);
    }
    gloo::timers::callback::Timeout::new(0, move || {
        read_in_slices(text, to, into, (reading, this), done);
    })
    .forget();
}

/// Gives `done` the text read into `into`, unless `reading` no longer holds `this`: at once when
/// it was read `at_once` (in one slice), otherwise copied into its shared form in a task of its
/// own (about 80 ms for 128 MiB) and handed over in the next.
fn hand_over(
    into: String,
    at_once: bool,
    (reading, this): (Rc<std::cell::Cell<u64>>, u64),
    done: yew::Callback<Rc<str>>,
) {
    if at_once {
        return done.emit(Rc::from(into));
    }
    gloo::timers::callback::Timeout::new(0, move || {
        if reading.get() != this {
            return;
        }
        let text: Rc<str> = Rc::from(into);
        gloo::timers::callback::Timeout::new(0, move || {
            if reading.get() == this {
                done.emit(text);
            }
        })
        .forget();
    })
    .forget();
}

/// Reads the text of a buffer's bytes (see [`Lent::of_bytes`]: an uploaded file's, or a
/// document the loader sent back) [`COPY_SLICE`] bytes per task (the first in this one), and
/// gives the whole to `done` as [`read_in_slices`] does: a large text is never made a
/// JavaScript string, nor copied out of one.
pub fn read_bytes_in_slices(
    bytes: Lent,
    reading: (Rc<std::cell::Cell<u64>>, u64),
    done: yew::Callback<Rc<str>>,
) {
    read_bytes_on(bytes, reading, done, true);
}

/// Reads a slice more of `bytes` (see [`read_bytes_in_slices`]); `first` when no slice was read
/// before.
fn read_bytes_on(
    mut bytes: Lent,
    reading: (Rc<std::cell::Cell<u64>>, u64),
    done: yew::Callback<Rc<str>>,
    first: bool,
) {
    if reading.0.get() != reading.1 {
        return;
    }
    bytes.read_up_to(COPY_SLICE);
    if bytes.unread() == 0 {
        return hand_over(bytes.text, first, reading, done);
    }
    gloo::timers::callback::Timeout::new(0, move || {
        read_bytes_on(bytes, reading, done, false);
    })
    .forget();
}

/// A buffer of `length` bytes for a text on its way out of this module (see
/// [`copy_in_slices`]).
///
/// # Errors
/// The text is longer than a typed array may be here (it never is: texts are at most
/// [`workmail_policy::json::MAX_TEXT_BYTES`]).
fn text_buffer(length: usize) -> Result<js_sys::Uint8Array, String> {
    u32::try_from(length)
        .map(js_sys::Uint8Array::new_with_length)
        .map_err(|_| format!("a text of {length} bytes is too long to send"))
}

/// Copies `bytes` into `buffer` from byte `at` on.
fn copy_to_buffer(buffer: &js_sys::Uint8Array, at: usize, bytes: &[u8]) {
    let start = u32::try_from(at).unwrap_or(u32::MAX);
    let end = u32::try_from(at.saturating_add(bytes.len())).unwrap_or(u32::MAX);
    buffer.subarray(start, end).copy_from(bytes);
}

/// How many bytes of a text one task copies out of this module's memory (see
/// [`copy_in_slices`]): a few milliseconds' work.
pub const COPY_SLICE: usize = 8 * 1024 * 1024;

/// Copies `texts` out of this module's memory (their UTF-8 bytes, which [`from_utf8`] reads), a
/// slice of [`COPY_SLICE`] bytes per task from the next task on: copying a text of 128 MiB at
/// once holds the page for hundreds of milliseconds. Then hands `done` the buffers, or why they
/// could not be made (a text too long for a typed array, never the case here); stops, without
/// calling `done`, once `wanted` says no.
pub fn copy_in_slices<G, D>(texts: Vec<Rc<str>>, wanted: G, done: D)
where
    G: Fn() -> bool + 'static,
    D: FnOnce(Result<Vec<js_sys::Uint8Array>, String>) + 'static,
{
    let buffers = texts.iter().map(|text| text_buffer(text.len())).collect();
    match buffers {
        Ok(buffers) => SlicedCopy {
            texts,
            buffers,
            wanted,
            done,
        }
        .later(0, 0),
        Err(reason) => done(Err(reason)),
    }
}

/// Texts being copied by [`copy_in_slices`].
struct SlicedCopy<G, D> {
    texts: Vec<Rc<str>>,
    /// The buffer of each text.
    buffers: Vec<js_sys::Uint8Array>,
    wanted: G,
    done: D,
}

impl<G, D> SlicedCopy<G, D>
where
    G: Fn() -> bool + 'static,
    D: FnOnce(Result<Vec<js_sys::Uint8Array>, String>) + 'static,
{
    /// Copies a slice of text `index` from byte `at` on, then the rest in later tasks.
    fn from(self, index: usize, at: usize) {
        if !(self.wanted)() {
            return;
        }
        if let (Some(text), Some(buffer)) = (self.texts.get(index), self.buffers.get(index)) {
            let bytes = text.as_bytes();
            let end = at.saturating_add(COPY_SLICE).min(bytes.len());
            copy_to_buffer(buffer, at, bytes.get(at..end).unwrap_or_default());
            let (index, at) = if end < bytes.len() {
                (index, end)
            } else {
                (index + 1, 0)
            };
            if index < self.texts.len() {
                return self.later(index, at);
            }
        }
        (self.done)(Ok(self.buffers));
    }

    /// Copies from byte `at` of text `index` on in a later task.
    fn later(self, index: usize, at: usize) {
        gloo::timers::callback::Timeout::new(0, move || self.from(index, at)).forget();
    }
}

/// Sends the loader a text numbered `serial`, as the UTF-8 bytes of `buffer`, whose memory is
/// handed over rather than copied again.
///
/// # Errors
/// The browser refused the message.
pub fn send_to_loader(
    worker: &web_sys::Worker,
    serial: u64,
    buffer: &js_sys::Uint8Array,
) -> Result<(), String> {
    let message = js_sys::Array::of2(&JsValue::from(serial), buffer);
    worker
        .post_message_with_transfer(&message, &js_sys::Array::of1(&buffer.buffer()))
        .map_err(|error| describe_error(&error))
}

/// Sends the loader a part editor's text numbered `serial` (the UTF-8 bytes of `buffer`) for the
/// part named `part`, with the document it goes into (`document`), both handed over rather than
/// copied again.
///
/// # Errors
/// The browser refused the message.
pub fn send_part_to_loader(
    worker: &web_sys::Worker,
    serial: u64,
    buffer: &js_sys::Uint8Array,
    part: &str,
    document: &js_sys::Uint8Array,
) -> Result<(), String> {
    let message = js_sys::Array::of4(&JsValue::from(serial), buffer, &part.into(), document);
    let transfer = js_sys::Array::of2(&buffer.buffer(), &document.buffer());
    worker
        .post_message_with_transfer(&message, &transfer)
        .map_err(|error| describe_error(&error))
}

/// Starts an analysis worker (`worker.js`: the analysis module off the page's thread, see
/// [`crate::replay`] and [`crate::offload`]) through the function the page's `boot.js` provides.
///
/// # Errors
/// Why it could not be started, in words (no analysis worker in this page, workers refused).
pub fn start_worker() -> Result<web_sys::Worker, String> {
    let start = boot_function("workmailPolicyStartWorker")
        .ok_or_else(|| "this page has no analysis worker".to_owned())?;
    start
        .call0(&JsValue::NULL)
        .and_then(JsCast::dyn_into::<web_sys::Worker>)
        .map_err(|error| describe_error(&error))
}

/// A job for an analysis worker (see [`crate::offload`]).
pub struct Job<'a> {
    /// Its name.
    pub name: &'a str,
    /// The texts it works on.
    pub texts: &'a [Text],
    /// Its parameters' JSON.
    pub params: &'a str,
    /// The files it reads (a replay's logs: the browser hands the worker the files themselves,
    /// and they are read there).
    pub files: &'a [web_sys::File],
}

/// Sends an analysis worker `job`, its texts as their [`marker`]s or their bytes (a text the
/// same as an earlier one crosses once), copied out of this module's memory a slice per task
/// ([`copy_in_slices`]) for as long as `wanted` says yes. Why it could not be sent goes to
/// `failed`.
pub fn send_job(
    worker: &web_sys::Worker,
    job: &Job<'_>,
    wanted: impl Fn() -> bool + 'static,
    failed: impl FnOnce(String) + 'static,
) {
    let shown: Vec<Option<&str>> = job.texts.iter().map(|text| Some(&**text)).collect();
    // Each text that crosses as bytes is a placeholder until its buffer is made.
    let mut values = Vec::new();
    let mut copied = Vec::new();
    for (crossed, text) in Crossing::all(&shown).into_iter().zip(job.texts) {
        values.push(marker(crossed).unwrap_or_else(|_| {
            copied.push((values.len(), Rc::clone(&text.0)));
            JsValue::NULL
        }));
    }
    let (at, copied): (Vec<usize>, Vec<Rc<str>>) = copied.into_iter().unzip();
    let message = js_sys::Object::new();
    let files: js_sys::Array = job.files.iter().collect();
    let members = [
        ("job", JsValue::from_str(job.name)),
        ("params", JsValue::from_str(job.params)),
        ("files", files.into()),
    ];
    for (name, value) in members {
        let _ignored = js_sys::Reflect::set(&message, &JsValue::from_str(name), &value);
    }
    let worker = worker.clone();
    copy_in_slices(copied, wanted, move |buffers| {
        let sent = buffers.and_then(|buffers| {
            // The texts' buffers are handed over to the worker, not copied.
            let transfer: js_sys::Array = buffers.iter().map(js_sys::Uint8Array::buffer).collect();
            for (at, buffer) in at.into_iter().zip(buffers) {
                if let Some(value) = values.get_mut(at) {
                    *value = buffer.into();
                }
            }
            let texts: js_sys::Array = values.into_iter().collect();
            js_sys::Reflect::set(&message, &JsValue::from_str("texts"), &texts)
                .and_then(|_| worker.post_message_with_transfer(&message, &transfer))
                .map_err(|error| describe_error(&error))
        });
        if let Err(reason) = sent {
            failed(reason);
        }
    });
}

/// How `crossing` crosses when no text does: undefined when the text is kept, null when there
/// is none, a number for an earlier text's index. A text that crosses itself is given back
/// (`Err`), for the caller to send its bytes its own way: a worker is sent a copy, made a slice
/// per task ([`copy_in_slices`]), and the analysis module on this thread is lent them
/// ([`lend`]).
///
/// # Errors
/// Never an error: `Err` holds the text that crosses itself.
pub fn marker(crossing: Crossing<'_>) -> Result<JsValue, &str> {
    match crossing {
        Crossing::Kept => Ok(JsValue::UNDEFINED),
        Crossing::Absent => Ok(JsValue::NULL),
        Crossing::Earlier(at) => Ok(JsValue::from(at as u32)),
        Crossing::Sent(text) => Err(text),
    }
}

/// What a text's value in a message says, before anything is read: its [`marker`] read back,
/// or the value that carries the text itself.
pub enum Arriving {
    /// The text is kept as it was last sent.
    Kept,
    /// There is no text.
    Absent,
    /// The text is the same as the earlier one at this index in the message.
    Earlier(usize),
    /// The text crossed itself: its bytes (see [`copy_in_slices`]) or lent (see [`lend`]).
    Carried(JsValue),
}

impl Arriving {
    /// What `value` says; a value that is no marker carries the text (or is none, when it is
    /// not one of the ways a text crosses).
    pub fn of(value: &JsValue) -> Self {
        if value.is_undefined() {
            Self::Kept
        } else if value.is_null() {
            Self::Absent
        } else if let Some(at) = value.as_f64() {
            Self::Earlier(at as usize)
        } else {
            Self::Carried(value.clone())
        }
    }
}

/// A text as it arrives after the texts `earlier` in the same message: as a [`marker`], or its
/// UTF-8 bytes in a `Uint8Array` (as [`copy_in_slices`] makes them). `None` when it is kept,
/// `Some(None)` when there is none (or the value is neither).
pub fn received(value: &JsValue, earlier: &[Option<Text>]) -> Option<Option<Text>> {
    match Arriving::of(value) {
        Arriving::Kept => None,
        Arriving::Absent => Some(None),
        Arriving::Earlier(at) => Some(earlier.get(at).cloned().flatten()),
        Arriving::Carried(value) => Some(
            value
                .dyn_ref::<js_sys::Uint8Array>()
                .map(|bytes| Text::from(from_utf8(bytes))),
        ),
    }
}

/// The text whose UTF-8 bytes `bytes` holds: how a text arrives from another thread. (A
/// JavaScript string would be decoded from UTF-8 on one side and encoded again on the other: on
/// a 25 MB document, about 0.2 s of the page's time per text.) Bytes that are not UTF-8, which
/// [`copy_in_slices`] never gives, are read with the replacement character.
pub fn from_utf8(bytes: &js_sys::Uint8Array) -> String {
    String::from_utf8(bytes.to_vec())
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// How `crossing` crosses to the analysis module, which runs on this thread beside this module:
/// its [`marker`], or a text lent rather than copied out (an array of this module's memory,
/// where the text's UTF-8 bytes start in it and how many there are). The
/// module reads a lent text in later tasks ([`Lent`]), so whoever lends one keeps it as it is
/// until another is lent in its place (`components::analysis_host`): copying a 128 MiB text
/// out in one task would hold the page about 150 ms.
pub fn lend(crossing: Crossing<'_>) -> JsValue {
    marker(crossing).unwrap_or_else(|text| {
        js_sys::Array::of3(
            &wasm_bindgen::memory(),
            &JsValue::from(text.as_ptr() as usize),
            &JsValue::from(text.len()),
        )
        .into()
    })
}

/// A text another module lent (see [`lend`]), or the bytes of a buffer (a file's, or the loader's
/// document), read into this module's memory a slice at a time: reading a 128 MiB text in one
/// task holds the page about a quarter of a second. Bytes that are not UTF-8, which [`lend`]
/// never gives, are read with the replacement character, as [`from_utf8`] reads them.
pub struct Lent {
    /// The value it was lent as (see [`lend`]), or the buffer.
    value: JsValue,
    /// Where its bytes start in the lender's memory, or in the buffer.
    start: usize,
    /// How many bytes it has.
    length: usize,
    /// How many of them are read.
    read: usize,
    /// What they read as.
    text: String,
}

impl Lent {
    /// The text `value` lends, when it is one [`lend`] gives and lies within the lender's
    /// memory.
    pub fn of(value: &JsValue) -> Option<Self> {
        let parts = value.dyn_ref::<js_sys::Array>()?;
        let memory = parts
            .get(0)
            .dyn_into::<js_sys::WebAssembly::Memory>()
            .ok()?;
        let number = |at| parts.get(at).as_f64().map(|number| number as usize);
        let (start, length) = (number(1)?, number(2)?);
        let size = memory
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length();
        (start.checked_add(length)? <= size as usize).then(|| Self {
            value: value.clone(),
            start,
            length,
            read: 0,
            text: String::with_capacity(length),
        })
    }

    /// The text of a buffer's bytes (a file's, or a document the loader sent back), without a
    /// UTF-8 byte order mark (which a browser leaves out of a file's text too).
    pub fn of_bytes(buffer: js_sys::ArrayBuffer) -> Self {
        let size = buffer.byte_length();
        let head = js_sys::Uint8Array::new_with_byte_offset_and_length(&buffer, 0, size.min(3));
        let start = if head.to_vec() == [0xEF, 0xBB, 0xBF] {
            3
        } else {
            0
        };
        let length = (size as usize).saturating_sub(start);
        Self {
            value: buffer.into(),
            start,
            length,
            read: 0,
            text: String::with_capacity(length),
        }
    }

    /// Whether it was lent as `value` (one lent text may arrive in several places).
    pub fn is(&self, value: &JsValue) -> bool {
        js_sys::Object::is(&self.value, value)
    }

    /// The value it was lent as.
    pub const fn value(&self) -> &JsValue {
        &self.value
    }

    /// How many bytes it has.
    pub const fn bytes(&self) -> usize {
        self.length
    }

    /// How many of its bytes are not read yet.
    pub fn unread(&self) -> usize {
        self.length.saturating_sub(self.read)
    }

    /// Reads `budget` more of its bytes, or the last ones, or a character's at least (so a
    /// read always gets on): how many it read. A character the budget cuts is read next time.
    pub fn read(&mut self, budget: usize) -> usize {
        let count = budget.max(4).min(self.unread());
        let mut bytes = vec![0; count];
        // The lender's memory may have grown since it lent the text, so its buffer is taken
        // afresh (after this module's own allocation: the two may be one memory).
        let buffer = match self.value.dyn_ref::<js_sys::Array>() {
            Some(lent) => lent
                .get(0)
                .unchecked_into::<js_sys::WebAssembly::Memory>()
                .buffer(),
            None => self.value.clone(),
        };
        let (Ok(start), Ok(length)) = (
            u32::try_from(self.start.saturating_add(self.read)),
            u32::try_from(count),
        ) else {
            self.read = self.length;
            return 0;
        };
        js_sys::Uint8Array::new_with_byte_offset_and_length(&buffer, start, length)
            .copy_to(&mut bytes);
        let taken = match std::str::from_utf8(&bytes) {
            Ok(text) => {
                self.text.push_str(text);
                count
            }
            Err(error) => {
                let valid = error.valid_up_to();
                let text = bytes
                    .get(..valid)
                    .and_then(|bytes| std::str::from_utf8(bytes).ok());
                self.text.push_str(text.unwrap_or_default());
                match error.error_len() {
                    None if count < self.unread() => valid,
                    invalid => {
                        self.text.push(char::REPLACEMENT_CHARACTER);
                        invalid.map_or(count, |invalid| valid + invalid)
                    }
                }
            }
        };
        self.read += taken;
        taken
    }

    /// Reads about `budget` more of its bytes, or the last ones (see [`read`](Self::read)): how
    /// many it read.
    pub fn read_up_to(&mut self, budget: usize) -> usize {
        let mut left = budget;
        while left > 0 && self.unread() > 0 {
            left = left.saturating_sub(self.read(left));
        }
        budget - left
    }

    /// The text, once every byte is read (see [`unread`](Self::unread)).
    pub fn into_text(self) -> Text {
        Text::from(self.text)
    }
}

/// A function the page's `boot.js` put on the global object, when there is one.
fn boot_function(name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .ok()
        .and_then(|function| function.dyn_into::<js_sys::Function>().ok())
}
