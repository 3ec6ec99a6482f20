//! The playground's analysis module: the decision table, lints, comparison, saved tests and
//! "what would change" suggestions, loaded by the page the first time one of them is opened
//! (see `workmail_policy_www::bridge`). The page mounts a view in an element of its own, sends
//! it inputs (JSON, and the texts beside it), and hears back JSON messages. The analysis worker (`worker.js`) runs this
//! module too, off the page's thread: a [`ReplayJob`], or a job on a large document that a view
//! hands it ([`run_job`]). The code editor asks it for the lint findings it marks
//! ([`lint_text`]).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use workmail_policy_www::bridge::{self, Input};
use workmail_policy_www::browser;
use workmail_policy_www::components::analysis_view::{AnalysisView, AnalysisViewProps};
use workmail_policy_www::replay::{Job, Report};
use workmail_policy_www::text::Text;
use yew::{AppHandle, Callback};

/// How many apps the page's module may mount (it mounts one, `App`): see [`main`].
const PAGE_APPS: usize = 8;

/// Makes panics visible, as the page does, and keeps this module's views from being taken for
/// the page's own elements.
///
/// Yew numbers the apps it mounts from 1 in each WebAssembly module, marks each element with
/// its app's number, and hands an event to the app whose number the nearest marked element
/// bears. The page's app, number 1 in the page's module, is an ancestor of every view mounted
/// here, so a view numbered 1 here too had both apps handle its events: the page ran whichever
/// of its own handlers had the same index as the view's (a click on the Table panel's CSV
/// download also downloaded the document). The first numbers are taken here by empty apps
/// mounted and unmounted at once, so the views are numbered past every app of the page.
fn main() {
    workmail_policy_www::browser::install_panic_hook();
    // The analysis worker runs this module too, with no page to mount in.
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    for _ in 0..PAGE_APPS {
        if let Ok(host) = document.create_element("div") {
            yew::Renderer::<Unnumbered>::with_root(host)
                .render()
                .destroy();
        }
    }
}

/// An app that shows nothing, mounted only to take a number.
#[yew::component]
fn Unnumbered() -> yew::Html {
    yew::Html::default()
}

/// A view mounted in the page.
#[wasm_bindgen]
pub struct MountedView {
    shown: Rc<RefCell<Shown>>,
}

/// A mounted view, what it shows, and what arrived for it that it does not show yet.
struct Shown {
    root: web_sys::Element,
    handle: Option<AppHandle<AnalysisView>>,
    onmessage: Callback<bridge::Message>,
    /// The texts shown, kept for the updates that leave them as they were.
    texts: [Option<Text>; bridge::TEXTS],
    /// The last input that arrived and is not shown yet, with each text that changed since the
    /// texts shown, as it arrived.
    pending: Option<(Input, [Option<Arrived>; bridge::TEXTS])>,
    /// The texts lent for it (each once, however many places it arrived for), being read.
    reading: Vec<browser::Lent>,
    /// Whether the view is being updated (Yew may run the page, and so a new update, meanwhile).
    updating: bool,
    destroyed: bool,
}

/// A text that arrived for an input not shown yet.
#[derive(Clone)]
enum Arrived {
    /// Lent, as `browser::lend` lends it (or a value that lends nothing: no text).
    Lent(JsValue),
    /// A text already read.
    Read(Option<Text>),
}

/// Mounts a view inside `root`, which shows nothing until its first input; `onmessage`
/// receives the view's requests as JSON text.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, onmessage: js_sys::Function) -> MountedView {
    let onmessage = Callback::from(move |message: bridge::Message| {
        let _ignored = onmessage.call1(
            &JsValue::NULL,
            &JsValue::from_str(&bridge::encode(&message)),
        );
    });
    let shown = Shown {
        root,
        handle: None,
        onmessage,
        texts: Default::default(),
        pending: None,
        reading: Vec::new(),
        updating: false,
        destroyed: false,
    };
    MountedView {
        shown: Rc::new(RefCell::new(shown)),
    }
}

#[wasm_bindgen]
impl MountedView {
    /// Shows the view `input` (JSON) describes, with the input's `texts` as `browser::lend`
    /// gives them (each lent, an earlier text's index, null for one absent, undefined for one
    /// as it was last sent: see `Input::changed_texts`). An input that is not one changes
    /// nothing.
    ///
    /// The texts lent are read `browser::COPY_SLICE` bytes per task, so texts longer than that
    /// together are read, and the view updated, in later tasks: reading a 128 MiB text at once
    /// would hold the page about a quarter of a second. An update that arrives meanwhile joins
    /// them: a text it lends in place of one being read is read instead.
    pub fn update(&mut self, input: &str, texts: &js_sys::Array) {
        let Some(input) = bridge::decode::<Input>(input) else {
            return;
        };
        let (waiting, size) = {
            let mut shown = self.shown.borrow_mut();
            let waiting = shown.pending.is_some() || shown.updating;
            let mut arrived = shown
                .pending
                .take()
                .map(|(_, arrived)| arrived)
                .unwrap_or_default();
            for at in 0..bridge::TEXTS {
                let text = match browser::Arriving::of(&texts.get(at as u32)) {
                    browser::Arriving::Kept => continue,
                    browser::Arriving::Absent => Arrived::Read(None),
                    // An earlier text of this input, as it arrived or as it is shown.
                    browser::Arriving::Earlier(earlier) => {
                        arrived.get(earlier).cloned().flatten().unwrap_or_else(|| {
                            Arrived::Read(shown.texts.get(earlier).cloned().flatten())
                        })
                    }
                    browser::Arriving::Carried(value) => Arrived::Lent(value),
                };
                if let Some(slot) = arrived.get_mut(at) {
                    *slot = Some(text);
                }
            }
            // Each text lent is read once; one no longer wanted is not read on.
            let lent: Vec<JsValue> = arrived
                .iter()
                .filter_map(|arrived| match arrived {
                    Some(Arrived::Lent(value)) => Some(value.clone()),
                    _ => None,
                })
                .collect();
            shown
                .reading
                .retain(|reading| lent.iter().any(|value| reading.is(value)));
            for value in lent {
                if !shown.reading.iter().any(|reading| reading.is(&value)) {
                    shown.reading.extend(browser::Lent::of(&value));
                }
            }
            shown.pending = Some((input, arrived));
            let size = shown
                .reading
                .iter()
                .map(browser::Lent::unread)
                .sum::<usize>();
            (waiting, size)
        };
        if waiting {
            return;
        }
        if size > browser::COPY_SLICE {
            later(&self.shown);
        } else {
            show(&self.shown);
        }
    }

    /// Removes the view from the page.
    pub fn destroy(&mut self) {
        let mut shown = self.shown.borrow_mut();
        shown.destroyed = true;
        shown.pending = None;
        if let Some(handle) = shown.handle.take() {
            handle.destroy();
        }
    }
}

/// Shows what arrived for `shown` in a later task.
fn later(shown: &Rc<RefCell<Shown>>) {
    let shown = Rc::clone(shown);
    gloo::timers::callback::Timeout::new(0, move || show(&shown)).forget();
}

/// Reads `browser::COPY_SLICE` more bytes of the texts lent for the view: whether every one is
/// read.
fn read_slice(shown: &mut Shown) -> bool {
    let mut budget = browser::COPY_SLICE;
    for reading in &mut shown.reading {
        budget -= reading.read_up_to(budget);
    }
    shown.reading.iter().all(|reading| reading.unread() == 0)
}

/// Makes the texts read for the view shared texts, each once however many places it arrived
/// for.
fn take_read(shown: &mut Shown) {
    let read: Vec<(JsValue, Text)> = std::mem::take(&mut shown.reading)
        .into_iter()
        .map(|reading| (reading.value().clone(), reading.into_text()))
        .collect();
    if let Some((_, arrived)) = &mut shown.pending {
        for slot in arrived.iter_mut().flatten() {
            if let Arrived::Lent(value) = slot {
                let text = read
                    .iter()
                    .find(|(lent, _)| js_sys::Object::is(lent, value))
                    .map(|(_, text)| text.clone());
                *slot = Arrived::Read(text);
            }
        }
    }
}

/// Shows the last input that arrived for the view once the texts lent with it are read, a
/// slice per task (and, for texts over `browser::COPY_SLICE` bytes, made shared texts in a task
/// of their own).
fn show(cell: &Rc<RefCell<Shown>>) {
    let (props, handle, root) = {
        let mut shown = cell.borrow_mut();
        if shown.destroyed || shown.pending.is_none() {
            return;
        }
        if !read_slice(&mut shown) {
            drop(shown);
            later(cell);
            return;
        }
        // Making a large text read a shared text copies it whole: a task of its own.
        let large = shown
            .reading
            .iter()
            .map(browser::Lent::bytes)
            .sum::<usize>()
            > browser::COPY_SLICE;
        take_read(&mut shown);
        if large {
            drop(shown);
            later(cell);
            return;
        }
        let Some((input, arrived)) = shown.pending.take() else {
            return;
        };
        for (at, arrived) in arrived.into_iter().enumerate() {
            // Every text that arrived is read by now.
            let Some(Arrived::Read(text)) = arrived else {
                continue;
            };
            if let Some(slot) = shown.texts.get_mut(at) {
                *slot = text;
            }
        }
        let props = AnalysisViewProps {
            input: Rc::new(input.with_texts(shown.texts.clone())),
            onmessage: shown.onmessage.clone(),
        };
        shown.updating = true;
        (props, shown.handle.take(), shown.root.clone())
    };
    // Not borrowed while Yew runs: an update that arrives meanwhile waits for this one.
    let handle = match handle {
        Some(mut handle) => {
            handle.update(props);
            handle
        }
        None => yew::Renderer::<AnalysisView>::with_root_and_props(root, props).render(),
    };
    let mut shown = cell.borrow_mut();
    shown.updating = false;
    if shown.destroyed {
        handle.destroy();
        return;
    }
    shown.handle = Some(handle);
    if shown.pending.is_some() {
        drop(shown);
        later(cell);
    }
}

/// A replay of audit logs, run by the analysis worker (see `workmail_policy_www::replay`).
#[wasm_bindgen]
pub struct ReplayJob {
    job: Job,
}

#[wasm_bindgen]
impl ReplayJob {
    /// A replay of the `proposed` document's text, compared with `baseline`'s when given (the
    /// texts of a job named `replay::JOB`, as `browser::send_job` sends them).
    ///
    /// # Errors
    /// Which document does not load, and why.
    #[wasm_bindgen(constructor)]
    pub fn new(proposed: &JsValue, baseline: &JsValue) -> Result<Self, JsError> {
        let proposed = browser::received(proposed, &[])
            .flatten()
            .unwrap_or_default();
        let baseline = browser::received(baseline, &[Some(proposed.clone())]).flatten();
        Job::new(&proposed, baseline.as_deref())
            .map(|job| Self { job })
            .map_err(|reason| JsError::new(&reason))
    }

    /// Starts reading the log named `name`.
    pub fn open(&mut self, name: &str) {
        self.job.open(name);
    }

    /// Reads the next piece of the open log, decompressed.
    pub fn push(&mut self, bytes: &[u8]) {
        self.job.push(bytes);
    }

    /// Ends the open log; `failure` says why it could not be read to its end.
    pub fn close(&mut self, failure: Option<String>) {
        self.job.close(failure);
    }

    /// Every event read so far (a JavaScript number: exact below 2^53).
    pub fn events(&self) -> f64 {
        self.job.events() as f64
    }

    /// Answers every distinct request: the JSON of a finished [`Report`].
    pub fn finish(&mut self) -> String {
        bridge::encode(&Report::Done(Box::new(self.job.finish())))
    }
}

/// Runs the job named `job` on `texts` (as `browser::send_job` sends them) with `params` (JSON;
/// see `workmail_policy_www::offload`): the JSON of its answer. The analysis worker calls this
/// for a view working on large documents.
#[wasm_bindgen(js_name = runJob)]
#[must_use]
pub fn run_job(job: &str, texts: &js_sys::Array, params: &str) -> String {
    let mut read: Vec<Option<Text>> = Vec::new();
    for value in texts.iter() {
        let text = browser::received(&value, &read).flatten();
        read.push(text);
    }
    let texts: Vec<&str> = read
        .iter()
        .map(|text| text.as_deref().unwrap_or_default())
        .collect();
    workmail_policy_www::offload::run_named(job, &texts, params)
}

/// The lint findings of a document's text, as the JSON of the core's `LintReport`, or `null`
/// when the text does not load: the code editor (`www/editor/problems.js`) marks them where
/// they are.
#[wasm_bindgen(js_name = lintText)]
#[must_use]
pub fn lint_text(text: &str) -> String {
    workmail_policy::analysis::lint_document(text)
        .ok()
        .and_then(|report| serde_json::to_string(&report).ok())
        .unwrap_or_else(|| "null".to_owned())
}
