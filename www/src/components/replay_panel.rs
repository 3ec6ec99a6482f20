//! "Replay logs": WorkMail audit logs dropped or picked by the user, replayed against the
//! document (and the comparison's old version, when chosen) by a web worker, with progress
//! and Cancel. The files are read in the browser and never leave the page.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use super::replay_result::ReplayResult;
use super::stale_note::StaleNote;
use crate::bridge::Message;
use crate::browser;
use crate::offload::{Running, stop};
use crate::replay::{Replayed, Report};

/// [`ReplayPanel`]'s properties.
#[derive(Properties, PartialEq)]
pub struct ReplayPanelProps {
    /// The last document text that loaded: the proposed policy.
    pub document: super::Text,
    /// Whether that is an earlier text (the document has errors now).
    pub stale: bool,
    /// The comparison's old version, when one was given: the baseline.
    pub old_version: super::Text,
    /// Asks the page to change its state.
    pub onmessage: Callback<Message>,
}

/// Where the replay is.
#[derive(Debug, Clone, PartialEq)]
enum Run {
    /// No replay yet.
    Idle,
    /// Reading: bytes of the files read of `total`, and events so far.
    Running { bytes: u64, total: u64, events: u64 },
    /// Finished.
    Done(Rc<Replayed>),
    /// Stopped by Cancel, after this many events.
    Cancelled(u64),
    /// Could not run.
    Failed(String),
}

/// The files of a file list, in order.
fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    list.map(|list| (0..list.length()).filter_map(|at| list.get(at)).collect())
        .unwrap_or_default()
}

/// Megabytes with one decimal.
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// The panel.
#[component]
pub fn ReplayPanel(props: &ReplayPanelProps) -> Html {
    let run = use_state(|| Run::Idle);
    let worker: Rc<RefCell<Option<Running>>> = use_mut_ref(|| None);
    let use_baseline = use_state(|| true);
    let has_baseline = !props.old_version.is_empty();
    {
        // Leaving the panel stops a replay under way.
        let worker = Rc::clone(&worker);
        use_effect_with((), move |()| move || drop(worker.borrow_mut().take()));
    }
    let start = {
        let run = run.clone();
        let worker = Rc::clone(&worker);
        let document = props.document.clone();
        let baseline = (has_baseline && *use_baseline).then(|| props.old_version.clone());
        Callback::from(move |files: Vec<web_sys::File>| {
            if files.is_empty() {
                return;
            }
            drop(worker.borrow_mut().take());
            let total = files.iter().map(|file| file.size() as u64).sum();
            match start_worker(&run, total, &worker) {
                Ok(started) => {
                    // The document, then the old version when it is compared (as index 0 when
                    // it is the document's own text).
                    let texts: Vec<super::Text> = std::iter::once(document.clone())
                        .chain(baseline.clone())
                        .collect();
                    let failed = {
                        let run = run.clone();
                        let worker = Rc::clone(&worker);
                        move |reason| {
                            run.set(Run::Failed(reason));
                            stop(&worker);
                        }
                    };
                    let job = browser::Job {
                        name: crate::replay::JOB,
                        texts: &texts,
                        params: "null",
                        files: &files,
                    };
                    started.send(&job, failed);
                    *worker.borrow_mut() = Some(started);
                    run.set(Run::Running {
                        bytes: 0,
                        total,
                        events: 0,
                    });
                }
                Err(reason) => run.set(Run::Failed(reason)),
            }
        })
    };
    let onchange = start.reform(|event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        let files = files_of(input.files());
        input.set_value("");
        files
    });
    let ondragover = Callback::from(|event: DragEvent| event.prevent_default());
    let ondrop = {
        let start = start.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            start.emit(files_of(
                event.data_transfer().and_then(|transfer| transfer.files()),
            ));
        })
    };
    let oncancel = {
        let run = run.clone();
        let worker = Rc::clone(&worker);
        Callback::from(move |_: MouseEvent| {
            drop(worker.borrow_mut().take());
            let events = match &*run {
                Run::Running { events, .. } => *events,
                _ => 0,
            };
            run.set(Run::Cancelled(events));
        })
    };
    let onbaseline = {
        let use_baseline = use_baseline.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            use_baseline.set(input.checked());
        })
    };
    let onask = props
        .onmessage
        .reform(|(access, impersonation)| Message::ask(access, impersonation));
    let onfail = props.onmessage.reform(Message::Failed);
    let running = matches!(&*run, Run::Running { .. });
    let status = match &*run {
        Run::Idle => html! {},
        Run::Running {
            bytes,
            total,
            events,
        } => html! {
            <div class="replay-progress" data-testid="replay-progress">
                <label for="replay-progress-bar" id="replay-progress-label" role="status">
                    { format!("Replaying: {} of {} read, {} events", megabytes(*bytes), megabytes(*total), events) }
                </label>
                <progress id="replay-progress-bar" max={total.max(&1).to_string()} value={bytes.to_string()}></progress>
                <button type="button" data-testid="replay-cancel" onclick={oncancel}>{ "Cancel" }</button>
            </div>
        },
        Run::Done(replayed) => html! {
            <ReplayResult replayed={Rc::clone(replayed)} {onask} {onfail} />
        },
        Run::Cancelled(events) => html! {
            <p class="hint" role="status" data-testid="replay-cancelled">
                { format!("Cancelled after {events} events; nothing was kept. Drop or choose the logs again to replay them.") }
            </p>
        },
        Run::Failed(reason) => html! {
            <p class="problem-line" role="status" data-testid="replay-failed">
                { format!("The replay could not run: {reason}.") }
            </p>
        },
    };
    html! {
        <div class="replay-panel" data-testid="replay">
            <StaleNote stale={props.stale} what="replay" />
            <p class="hint">
                { "WorkMail audit logs are asked again of the document: JSON lines as delivered to S3 or Firehose (gzip or plain), aws logs filter-log-events or get-log-events output, CloudWatch Logs Insights CSV or JSON exports. The files are read in this browser and never leave the page." }
            </p>
            <p>
                <input type="checkbox" id="replay-baseline" data-testid="replay-baseline"
                       checked={has_baseline && *use_baseline} disabled={!has_baseline || running}
                       onchange={onbaseline} />
                <label for="replay-baseline" class="checkbox">
                    { if has_baseline {
                        " Compare with the old version given in Compare with…"
                    } else {
                        " Compare with an old version (give one in Compare with… first)"
                    } }
                </label>
            </p>
            <div class="drop-zone" data-testid="replay-drop" {ondragover} {ondrop}>
                <p>{ "Drop audit logs here, or" }</p>
                <input type="file" id="replay-files" class="file-input" multiple=true
                       data-testid="replay-files" disabled={running} {onchange} />
                <label for="replay-files" class="button">
                    <span aria-hidden="true">{ "⤒ " }</span>{ "Choose audit logs…" }
                </label>
            </div>
            { status }
        </div>
    }
}

/// Starts a replay worker whose messages update `run`; the replay reads `total` bytes.
fn start_worker(
    run: &UseStateHandle<Run>,
    total: u64,
    worker: &Rc<RefCell<Option<Running>>>,
) -> Result<Running, String> {
    let onmessage = {
        let run = run.clone();
        let worker = Rc::clone(worker);
        move |text: String| match crate::bridge::decode::<Report>(&text) {
            Some(Report::Progress { bytes, events }) => run.set(Run::Running {
                bytes,
                total,
                events,
            }),
            Some(Report::Done(replayed)) => {
                run.set(Run::Done(Rc::new(*replayed)));
                stop(&worker);
            }
            Some(Report::Failed(reason)) => {
                run.set(Run::Failed(reason));
                stop(&worker);
            }
            None => {}
        }
    };
    let onerror = {
        let run = run.clone();
        let worker = Rc::clone(worker);
        move || {
            run.set(Run::Failed("the replay worker stopped".to_owned()));
            stop(&worker);
        }
    };
    Running::start(onmessage, onerror)
}
