//! The page's own hooks: saving the work (address bar and this browser), following links
//! opened in the same tab, sending large documents to the loader, and letting heavy results
//! wait for a pause in typing.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::bridge;
use crate::browser;
use crate::loaded;
use crate::loader::{InParts, Outcome, Report};
use crate::problems::Problems;
use crate::share;
use crate::state::{Action, LoaderJob, State};

/// A state holding more text than this (in bytes) is saved after a pause in typing rather
/// than on every keystroke: encoding it takes longer than a frame.
pub const LARGE_TEXT: usize = 64 * 1024;

/// How long a pause in typing is, in milliseconds.
pub const PAUSE_MS: u32 = 250;

/// The work as saved last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The share-link fragment (without `#`) holding it.
    pub fragment: AttrValue,
    /// The [`State::revision`] it holds.
    pub revision: u64,
    /// Whether the state is too large for a link: then the link and this browser keep the
    /// work as it was before, and nothing is encoded.
    pub too_large: bool,
}

/// Keeps the work in the address bar (the share link) and, outside embedded views, in this
/// browser's local storage, so a reload or a later visit brings it back.
///
/// Small states are saved right after each change; large ones after a pause in typing, and at
/// the latest when the page is hidden or closed. The browser compresses the link
/// asynchronously ([`share::encode`]); when the page is being closed there is no time for
/// that, and work not yet written is written at once, uncompressed ([`share::encode_now`]). A
/// save that finishes after a newer one is dropped. A state larger than a link may hold
/// ([`share::MAX_STATE_BYTES`]) is not saved: the link and this browser keep the work as it
/// was before, and [`Saved::too_large`] says so. A page opened from a share link does not
/// replace the work saved in this browser until something is changed.
#[hook]
pub fn use_saving(
    state: &UseReducerHandle<State>,
    embedded: bool,
    from_link: bool,
    written: Rc<RefCell<String>>,
) -> Saved {
    let saved = use_state(|| Saved {
        fragment: AttrValue::from(
            browser::fragment()
                .strip_prefix('#')
                .unwrap_or_default()
                .to_owned(),
        ),
        revision: u64::MAX,
        too_large: false,
    });
    let opened_at = *use_memo((), |()| state.revision);
    let pending = use_memo((), |()| Rc::new(Cell::new(false)));
    let save = {
        let state = state.clone();
        let setter = saved.setter();
        let pending = Rc::clone(&pending);
        use_memo((), move |()| {
            let warned = Rc::new(Cell::new(false));
            // The newest revision written, so that a save finishing late never overwrites a
            // newer one, and what the page still owes when it is hidden.
            let newest = Rc::new(Cell::new(None::<u64>));
            move |hiding: bool| {
                let changed = pending.replace(false);
                let revision = state.revision;
                if !(changed || hiding && newest.get() != Some(revision)) {
                    return;
                }
                if state.text_size() > share::MAX_STATE_BYTES {
                    setter.set(Saved {
                        fragment: AttrValue::from(written.borrow().clone()),
                        revision,
                        too_large: true,
                    });
                    return;
                }
                let shared = state.shared();
                let untouched_link = from_link && revision == opened_at;
                let write = {
                    let (state, setter) = (state.clone(), setter.clone());
                    let (written, warned, newest) =
                        (Rc::clone(&written), Rc::clone(&warned), Rc::clone(&newest));
                    move |fragment: String| {
                        if newest.get().is_some_and(|newer| newer > revision) {
                            return;
                        }
                        newest.set(Some(revision));
                        written.borrow_mut().clone_from(&fragment);
                        browser::replace_fragment(&fragment);
                        if !embedded
                            && !untouched_link
                            && browser::save_work(&fragment).is_err()
                            && !warned.replace(true)
                        {
                            state.dispatch(Action::SaveFailed);
                        }
                        setter.set(Saved {
                            fragment: AttrValue::from(fragment),
                            revision,
                            too_large: false,
                        });
                    }
                };
                if hiding {
                    // The page may be closing: nothing asynchronous would finish, so the link
                    // is written at once, uncompressed (the next save compresses it again).
                    write(browser::measure("workmail:save", || {
                        share::encode_now(&shared)
                    }));
                } else {
                    wasm_bindgen_futures::spawn_local(async move {
                        write(share::encode(&shared).await);
                    });
                }
            }
        })
    };
    let timer = use_mut_ref(|| None::<Timeout>);
    {
        let save = Rc::clone(&save);
        let pending = Rc::clone(&pending);
        let large = state.text_size() > LARGE_TEXT;
        use_effect_with(state.revision, move |_| {
            pending.set(true);
            let delay = if large { PAUSE_MS } else { 0 };
            *timer.borrow_mut() = Some(Timeout::new(delay, move || save(false)));
        });
    }
    use_effect_with((), move |()| {
        let window = gloo::utils::window();
        let on_hide = Rc::clone(&save);
        let on_hidden = Rc::clone(&save);
        let listeners = [
            EventListener::new(&window, "pagehide", move |_| on_hide(true)),
            EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                // A hidden page is still alive: the browser's compressor has time.
                if gloo::utils::document().hidden() {
                    on_hidden(false);
                }
            }),
        ];
        move || drop(listeners)
    });
    (*saved).clone()
}

/// Follows links opened in the same tab: a new fragment that this page did not write.
#[hook]
pub fn use_fragment_links(dispatcher: UseReducerDispatcher<State>, written: Rc<RefCell<String>>) {
    use_effect_with((), move |()| {
        let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
            let fragment = browser::fragment();
            if fragment.strip_prefix('#').unwrap_or(&fragment) == written.borrow().as_str() {
                return;
            }
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match share::decode(&fragment).await {
                    Ok(Some(shared)) => dispatcher.dispatch(Action::Restore(Box::new(shared))),
                    Ok(None) => {}
                    Err(error) => dispatcher.dispatch(Action::LinkUnreadable(error)),
                }
            });
        });
        move || drop(listener)
    });
}

/// What [`use_settled`] settled on, and what it waits to settle on (its timer is kept apart: a
/// timer is not dropped while it runs).
struct Settling<T> {
    settled: T,
    waiting: Option<T>,
    timer: Option<Timeout>,
}

/// `value`, or while it keeps changing faster than [`PAUSE_MS`], the last value it settled on.
/// With `wait` false it is `value` itself. The first value is taken at once. (Kept in a cell
/// and drawn again by a forced update, rather than in a state and an effect: each type it is
/// used with costs the page's first load a third as much.)
#[hook]
pub fn use_settled<T: Clone + PartialEq + 'static>(value: T, wait: bool) -> T {
    let update = use_force_update();
    let settling = use_mut_ref(|| Settling {
        settled: value.clone(),
        waiting: None,
        timer: None,
    });
    let mut state = settling.borrow_mut();
    if !wait || state.settled == value {
        state.settled = value;
        state.waiting = None;
        state.timer = None;
    } else if state.waiting.as_ref() != Some(&value) {
        let settling = Rc::clone(&settling);
        state.waiting = Some(value);
        state.timer = Some(Timeout::new(PAUSE_MS, move || {
            let mut state = settling.borrow_mut();
            if let Some(value) = state.waiting.take() {
                state.settled = value;
            }
            drop(state);
            update.force_update();
        }));
    }
    state.settled.clone()
}

/// A loader at work, and the handlers that keep it answering.
struct Loader {
    worker: web_sys::Worker,
    /// The serial of the text it is loading (or whose lists the page is reading), if any.
    working: Rc<Cell<Option<u64>>>,
    /// The text it was sent last.
    sent: Rc<RefCell<Option<Rc<str>>>>,
    /// Whether it stopped while reading a text.
    spent: Rc<Cell<bool>>,
    _onmessage: Closure<dyn Fn(web_sys::MessageEvent)>,
    _onerror: Closure<dyn Fn(web_sys::ErrorEvent)>,
}

impl Loader {
    /// Starts a loader whose reports go to the reducer; a loader that fails reports the text
    /// it was loading as [`Outcome::Failed`], and the page then loads it itself. A text with
    /// long lists is loaded in parts first ([`Assembling`]), then reported.
    fn start(dispatcher: &UseReducerDispatcher<State>) -> Result<Self, String> {
        let worker = browser::start_loader()?;
        let working = Rc::new(Cell::new(None));
        let sent = Rc::new(RefCell::new(None::<Rc<str>>));
        let spent = Rc::new(Cell::new(false));
        let onmessage = {
            let (dispatcher, working) = (dispatcher.clone(), Rc::clone(&working));
            let (spent, sent) = (Rc::clone(&spent), Rc::clone(&sent));
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                let serial = working.take();
                let data = event.data();
                // `[report, document]`: on a part text, with the document that took it (its
                // UTF-8 bytes).
                let (data, composed) = if js_sys::Array::is_array(&data) {
                    let answer = js_sys::Array::from(&data);
                    let composed = answer.get(1).dyn_into::<js_sys::Uint8Array>().ok();
                    (answer.get(0), Some(composed))
                } else {
                    (data, None)
                };
                let report = match data.as_string() {
                    Some(json) => bridge::decode::<Report>(&json),
                    // `{ stopped: reason }`: the loader stopped while reading the text.
                    None => serial.map(|serial| {
                        spent.set(true);
                        Report {
                            serial,
                            outcome: Outcome::Stopped(
                                js_sys::Reflect::get(&data, &"stopped".into())
                                    .ok()
                                    .and_then(|reason| reason.as_string())
                                    .unwrap_or_default(),
                            ),
                        }
                    }),
                };
                let text = sent.borrow().clone();
                match (report, text, composed) {
                    (Some(report), _, Some(Some(bytes))) => {
                        // The new document is read a slice per task. A text sent meanwhile does
                        // not stop it: the reducer takes a part's document only for the part
                        // and the document it waits for.
                        let dispatcher = dispatcher.clone();
                        let report = Cell::new(Some(report));
                        let done = Callback::from(move |document| {
                            if let Some(report) = report.take() {
                                dispatcher.dispatch(Action::PartLoaded(report, Some(document)));
                            }
                        });
                        let bytes = browser::Lent::of_bytes(bytes.buffer());
                        // A token nothing changes: the read is never stopped.
                        browser::read_bytes_in_slices(bytes, (Rc::default(), 0), done);
                    }
                    (Some(report), _, Some(None)) => {
                        dispatcher.dispatch(Action::PartLoaded(report, None));
                    }
                    (Some(report), Some(text), None)
                        if matches!(report.outcome, Outcome::Loads(Some(_))) =>
                    {
                        working.set(Some(report.serial));
                        Assembling {
                            working: Rc::clone(&working),
                            text,
                            report,
                            dispatcher: dispatcher.clone(),
                        }
                        .begin();
                    }
                    (Some(report), ..) => dispatcher.dispatch(Action::Loaded(report)),
                    (None, ..) => {}
                }
            })
        };
        let onerror = {
            let (dispatcher, working) = (dispatcher.clone(), Rc::clone(&working));
            Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                event.prevent_default();
                if let Some(serial) = working.take() {
                    let outcome = Outcome::Failed(event.message());
                    dispatcher.dispatch(Action::Loaded(Report { serial, outcome }));
                }
            })
        };
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Ok(Self {
            worker,
            working,
            sent,
            spent,
            _onmessage: onmessage,
            _onerror: onerror,
        })
    }

    /// Sends it a job's texts: copied out of the page's memory a slice per task
    /// ([`browser::copy_in_slices`]), then handed over.
    /// A failure is reported as the text's outcome, [`Outcome::Failed`]; a newer text, or the
    /// loader's end, stops the copy.
    fn send(&self, job: LoaderJob, dispatcher: UseReducerDispatcher<State>) {
        let serial = job.serial();
        self.working.set(Some(serial));
        let (texts, part) = match job {
            LoaderJob::Document { text, .. } => {
                *self.sent.borrow_mut() = Some(Rc::clone(&text));
                (vec![text], None)
            }
            LoaderJob::Part {
                part,
                text,
                document,
                ..
            } => {
                *self.sent.borrow_mut() = None;
                (vec![text, document], Some(part))
            }
        };
        let wanted = {
            let working = Rc::clone(&self.working);
            move || working.get() == Some(serial)
        };
        let (worker, working) = (self.worker.clone(), Rc::clone(&self.working));
        browser::copy_in_slices(texts, wanted, move |buffers| {
            let sent = buffers.and_then(|buffers| match (part, buffers.as_slice()) {
                (Some(part), [text, document]) => {
                    browser::send_part_to_loader(&worker, serial, text, part.slug(), document)
                }
                (_, [text, ..]) => browser::send_to_loader(&worker, serial, text),
                (_, []) => Ok(()),
            });
            if let Err(reason) = sent {
                working.set(None);
                dispatcher.dispatch(Action::Loaded(Report {
                    serial,
                    outcome: Outcome::Failed(reason),
                }));
            }
        });
    }
}

/// A text the loader found to load, its lists read by the page a part per task (see
/// [`crate::loader::InParts`]) and kept in [`loaded`]; then its report goes to the reducer,
/// which finds the text loaded. A newer text, or the loader's end, stops the reading; a part
/// that cannot be read (never, for a text the loader loaded) leaves the reducer to load the
/// text in one go.
struct Assembling {
    working: Rc<Cell<Option<u64>>>,
    text: Rc<str>,
    report: Report,
    dispatcher: UseReducerDispatcher<State>,
}

impl Assembling {
    /// Loads the document without its lists' elements, then reads them in later tasks.
    fn begin(self) {
        let Outcome::Loads(Some(InParts { lists, warnings })) = &self.report.outcome else {
            return self.report();
        };
        let (lists, warnings) = (lists.clone(), warnings.clone());
        match workmail_policy::document::Assembly::start(&self.text, lists) {
            Ok(assembly) => self.later(assembly, warnings),
            Err(_) => self.report(),
        }
    }

    /// Reads the next part in a later task, unless a newer text replaced this one.
    fn later(self, mut assembly: workmail_policy::document::Assembly, warnings: Problems) {
        Timeout::new(0, move || {
            if self.working.get() != Some(self.report.serial) {
                // A newer text replaced this one: what was read is freed once the page is idle.
                return browser::drop_when_idle(Box::new(assembly));
            }
            match assembly.read_part(&self.text) {
                Ok(true) => self.later(assembly, warnings),
                Ok(false) => {
                    let kind = assembly.kind();
                    let organization = assembly.finish();
                    let loaded = workmail_policy::Loaded {
                        organization,
                        kind,
                        warnings: Vec::new(),
                    };
                    loaded::keep_assembled(&self.text, loaded, warnings);
                    self.report();
                }
                Err(_) => self.report(),
            }
        })
        .forget();
    }

    /// Hands the loader's report to the reducer.
    fn report(self) {
        self.working.set(None);
        self.dispatcher.dispatch(Action::Loaded(self.report));
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        // A copy still under way stops.
        self.working.set(None);
        self.worker.terminate();
    }
}

/// Sends the document editor's text to the loader whenever the reducer waits for it (see
/// [`crate::loader`]). A loader still busy with an older text is stopped and a new one
/// started, so the latest text is never queued behind one nobody waits for.
#[hook]
pub fn use_loader(state: &UseReducerHandle<State>) {
    let loader = use_mut_ref(|| None::<Loader>);
    let job = state.loader_job();
    let dispatcher = state.dispatcher();
    use_effect_with(job.as_ref().map(LoaderJob::serial), move |_| {
        let Some(job) = job else {
            return;
        };
        let serial = job.serial();
        let mut slot = loader.borrow_mut();
        // A loader that stopped on a text is not reused either: its memory may be spent.
        if slot
            .as_ref()
            .is_some_and(|old| old.working.get().is_some() || old.spent.get())
        {
            *slot = None;
        }
        if slot.is_none() {
            match Loader::start(&dispatcher) {
                Ok(started) => *slot = Some(started),
                Err(reason) => {
                    dispatcher.dispatch(Action::Loaded(Report {
                        serial,
                        outcome: Outcome::Failed(reason),
                    }));
                    return;
                }
            }
        }
        if let Some(running) = slot.as_ref() {
            running.send(job, dispatcher);
        }
    });
}
