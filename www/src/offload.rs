//! Work the analysis module hands to the analysis worker (`worker.js`, which runs the same
//! module off the page's thread) when its texts are large: a [`Job`] is a pure function of its
//! texts (the lints, the decision table and its downloads take the document's; the comparison,
//! the old version's too; the tests, the tests file's), which cross as UTF-8 bytes, and a few
//! parameters, which cross as JSON, as its output crosses back. Texts up to [`LARGE_DOCUMENT`] together are worked on where they are, so small
//! documents answer in the same frame; larger ones are sent to a worker, and the view says it is
//! working until the answer arrives.
//!
//! The organization the analysis panels read is loaded the same way ([`use_organization`]): a
//! large document is checked by the worker, which says where its long lists' elements are, and
//! then read here a part per task, as the page reads it.
//!
//! The same [`Running`] worker handle serves the replay (see `components::replay_panel`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::MessageEvent;
use workmail_policy::analysis::{LintReport, lint_document};
use yew::prelude::*;

use crate::bridge;
use crate::browser;
use crate::comparison::CompareJob;
use crate::loaded::{self, Load};
pub use crate::loader::LARGE_DOCUMENT;
use crate::loader::{self, InParts, Outcome};
use crate::saved_tests::TestsJob;
use crate::shown_table::{TableFileJob, TableJob};
use crate::text::Text;

/// A computation over texts (most jobs take one; the comparison, two), and a few parameters,
/// that may run in the analysis worker.
pub trait Job: 'static {
    /// The name the worker knows it by.
    const NAME: &'static str;
    /// What it is asked beside the texts: small, it crosses as JSON.
    type Params: Serialize + DeserializeOwned + PartialEq + Clone + 'static;
    /// What it gives.
    type Output: Serialize + DeserializeOwned + PartialEq + 'static;
    /// Runs it.
    fn run(texts: &[&str], params: &Self::Params) -> Self::Output;
}

/// What the worker answers: the job's output, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer<T> {
    /// The output.
    Done(T),
    /// Why the job did not run (the worker could not load its module, or does not know it).
    Failed(String),
}

/// The lints of a document's text (the Lints panel).
#[derive(Debug, Clone, Copy)]
pub struct Lints;

/// What linting a text gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LintsOutcome {
    /// The findings.
    Linted(LintReport),
    /// The text does not load: it has this many errors.
    Invalid(usize),
}

impl Job for Lints {
    const NAME: &'static str = "lints";
    type Params = ();
    type Output = LintsOutcome;

    fn run(texts: &[&str], (): &()) -> LintsOutcome {
        match lint_document(first(texts)) {
            Ok(report) => LintsOutcome::Linted(report),
            Err(error) => LintsOutcome::Invalid(
                error
                    .diagnostics
                    .iter()
                    .filter(|diagnostic| diagnostic.is_error())
                    .count(),
            ),
        }
    }
}

/// Where a document's long lists' elements are (the loader's check, see [`loader::check`]), so
/// that it can be read in parts.
#[derive(Debug, Clone, Copy)]
pub struct Parts;

impl Job for Parts {
    const NAME: &'static str = "parts";
    type Params = ();
    type Output = Outcome;

    fn run(texts: &[&str], (): &()) -> Outcome {
        loader::check(0, first(texts)).outcome
    }
}

/// The first of `texts`, the one a job of one text works on (empty if there is none).
pub fn first<'a>(texts: &[&'a str]) -> &'a str {
    texts.first().copied().unwrap_or_default()
}

/// Runs the job named `name` on `texts` with `params` (their JSON): the JSON of its
/// [`Answer`]. The worker calls this.
pub fn run_named(name: &str, texts: &[&str], params: &str) -> String {
    fn answer<J: Job>(texts: &[&str], params: &str) -> String {
        match bridge::decode::<J::Params>(params) {
            Some(params) => bridge::encode(&Answer::Done(J::run(texts, &params))),
            None => bridge::encode(&Answer::<()>::Failed(format!(
                "the parameters of job `{}` could not be read",
                J::NAME
            ))),
        }
    }
    match name {
        Lints::NAME => answer::<Lints>(texts, params),
        Parts::NAME => answer::<Parts>(texts, params),
        TableJob::NAME => answer::<TableJob>(texts, params),
        TableFileJob::NAME => answer::<TableFileJob>(texts, params),
        CompareJob::NAME => answer::<CompareJob>(texts, params),
        TestsJob::NAME => answer::<TestsJob>(texts, params),
        _ => bridge::encode(&Answer::<()>::Failed(format!("no job is named `{name}`"))),
    }
}

/// Where a job's output is.
#[derive(Debug, PartialEq)]
pub enum Offloaded<T> {
    /// The worker is on it.
    Working,
    /// The output.
    Done(Rc<T>),
    /// Why there is none.
    Failed(String),
}

impl<T> Clone for Offloaded<T> {
    fn clone(&self) -> Self {
        match self {
            Self::Working => Self::Working,
            Self::Done(output) => Self::Done(Rc::clone(output)),
            Self::Failed(reason) => Self::Failed(reason.clone()),
        }
    }
}

impl<T> Offloaded<T> {
    /// The output, once there is one.
    pub fn done(&self) -> Option<Rc<T>> {
        match self {
            Self::Done(output) => Some(Rc::clone(output)),
            Self::Working | Self::Failed(_) => None,
        }
    }

    /// What a panel says while it has no output: `working` while the worker is on it, else
    /// that `failed` and why.
    pub fn waiting(&self, failed: &str, working: &str) -> String {
        match self {
            Self::Failed(reason) => format!("{failed}: {reason}."),
            Self::Working | Self::Done(_) => working.to_owned(),
        }
    }
}

/// A running worker and its handlers, kept alive with it; dropping it stops the worker.
pub struct Running {
    /// The worker.
    pub worker: web_sys::Worker,
    /// Whether it is still wanted (its texts are copied out to it a slice per task until then).
    wanted: Rc<Cell<bool>>,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::Event)>,
}

impl Running {
    /// Starts an analysis worker that hands each message's text to `onmessage`, and calls
    /// `onerror` if it stops.
    ///
    /// # Errors
    /// Why it could not be started, in words.
    pub fn start(
        mut onmessage: impl FnMut(String) + 'static,
        mut onerror: impl FnMut() + 'static,
    ) -> Result<Self, String> {
        let worker = browser::start_worker()?;
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            onmessage(event.data().as_string().unwrap_or_default());
        });
        let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            onerror();
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        Ok(Self {
            worker,
            wanted: Rc::new(Cell::new(true)),
            _onmessage: onmessage,
            _onerror: onerror,
        })
    }
}

impl Running {
    /// Sends the worker `job` (see [`browser::send_job`]): its texts are copied out to it a
    /// slice per task for as long as it is wanted. Why it could not be sent goes to `failed`.
    pub fn send(&self, job: &browser::Job<'_>, failed: impl FnOnce(String) + 'static) {
        let wanted = Rc::clone(&self.wanted);
        browser::send_job(&self.worker, job, move || wanted.get(), failed);
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.wanted.set(false);
        self.worker.terminate();
    }
}

/// Stops the worker in `slot` from within its own handlers, which stay alive until the slot is
/// next emptied (a closure may not be dropped while it runs).
pub fn stop(slot: &RefCell<Option<Running>>) {
    if let Some(running) = slot.borrow().as_ref() {
        running.wanted.set(false);
        running.worker.terminate();
    }
}

/// The texts a job works on, as a view holds them.
pub type Texts = Vec<Text>;

/// Whether `texts` are worked on here: up to [`LARGE_DOCUMENT`] together.
fn here(texts: &[Text]) -> bool {
    texts.iter().map(|text| text.len()).sum::<usize>() <= LARGE_DOCUMENT
}

/// Runs `J` here.
fn run_here<J: Job>(texts: &[Text], params: &J::Params) -> J::Output {
    let texts: Vec<&str> = texts.iter().map(|text| &**text).collect();
    J::run(&texts, params)
}

/// `J`'s output for `texts` and `params`: worked out here for texts up to [`LARGE_DOCUMENT`]
/// together, by the analysis worker for larger ones (a new question stops the worker still on
/// an older one).
#[hook]
pub fn use_offloaded<J: Job>(texts: Texts, params: J::Params) -> Offloaded<J::Output> {
    let large = !here(&texts);
    let asked = (texts, params);
    let worked = use_memo(asked.clone(), |(texts, params)| {
        here(texts).then(|| Rc::new(run_here::<J>(texts, params)))
    });
    // The worker's last answer, with the question it answers.
    let far = use_state(|| None::<((Texts, J::Params), Offloaded<J::Output>)>);
    let slot: Rc<RefCell<Option<Running>>> = use_mut_ref(|| None);
    {
        let far = far.clone();
        use_effect_with(asked.clone(), move |asked| {
            drop(slot.borrow_mut().take());
            let (texts, params) = asked;
            if !here(texts) {
                let answered = {
                    let (far, asked) = (far.clone(), asked.clone());
                    move |answer| far.set(Some((asked.clone(), answer)))
                };
                match send::<J>(texts, params, &slot, Rc::new(answered)) {
                    Ok(running) => *slot.borrow_mut() = Some(running),
                    Err(reason) => far.set(Some((asked.clone(), Offloaded::Failed(reason)))),
                }
            }
            move || drop(slot.borrow_mut().take())
        });
    }
    if let Some(output) = worked.as_ref() {
        return Offloaded::Done(Rc::clone(output));
    }
    match &*far {
        Some((of, answer)) if large && *of == asked => answer.clone(),
        _ => Offloaded::Working,
    }
}

/// Runs `J` once on `texts` and `params` and hands `answered` its output: here, at once, for
/// texts up to [`LARGE_DOCUMENT`] together; by an analysis worker kept in `slot` for larger ones
/// (which stops the worker of an earlier call still there).
pub fn run_once<J: Job>(
    texts: &[Text],
    params: &J::Params,
    slot: &Rc<RefCell<Option<Running>>>,
    answered: impl Fn(Offloaded<J::Output>) + 'static,
) {
    drop(slot.borrow_mut().take());
    if here(texts) {
        return answered(Offloaded::Done(Rc::new(run_here::<J>(texts, params))));
    }
    let answered = Rc::new(answered);
    match send::<J>(texts, params, slot, Rc::clone(&answered)) {
        Ok(running) => *slot.borrow_mut() = Some(running),
        Err(reason) => answered(Offloaded::Failed(reason)),
    }
}

/// Starts a worker on `J` for `texts` and `params`; its answer goes to `answered`.
fn send<J: Job>(
    texts: &[Text],
    params: &J::Params,
    slot: &Rc<RefCell<Option<Running>>>,
    answered: Rc<impl Fn(Offloaded<J::Output>) + 'static>,
) -> Result<Running, String> {
    let onmessage = {
        let (answered, slot) = (Rc::clone(&answered), Rc::clone(slot));
        move |message: String| {
            answered(match bridge::decode::<Answer<J::Output>>(&message) {
                Some(Answer::Done(output)) => Offloaded::Done(Rc::new(output)),
                Some(Answer::Failed(reason)) => Offloaded::Failed(reason),
                None => {
                    Offloaded::Failed("the analysis worker's answer could not be read".to_owned())
                }
            });
            stop(&slot);
        }
    };
    let failed = {
        let slot = Rc::clone(slot);
        move |reason: String| {
            answered(Offloaded::Failed(reason));
            stop(&slot);
        }
    };
    let onerror = {
        let failed = failed.clone();
        move || failed("the analysis worker stopped".to_owned())
    };
    let running = Running::start(onmessage, onerror)?;
    running.send(
        &browser::Job {
            name: J::NAME,
            texts,
            params: &bridge::encode(params),
            files: &[],
        },
        failed,
    );
    Ok(running)
}

/// The organization of `text` (a document that loads, as the analysis panels are given), or
/// `None` while it is being loaded: loaded here, in one go, for a text up to
/// [`LARGE_DOCUMENT`]; for a larger one, checked by the analysis worker and then read a part
/// per task ([`workmail_policy::document::Assembly`]). Kept in [`loaded`]'s cache either way.
#[hook]
pub fn use_organization(text: Text) -> Option<Load> {
    let large = text.len() > LARGE_DOCUMENT;
    let checked = use_offloaded::<Parts>(
        if large {
            vec![text.clone()]
        } else {
            Vec::new()
        },
        (),
    );
    // The text read in parts and its load, once it is (held here: the cache keeps only the last
    // few texts, and an old version edited in the Compare panel would push this one out).
    let assembled = use_state(|| None::<(Text, Load)>);
    let here = use_memo(text.clone(), |text| {
        (text.len() <= LARGE_DOCUMENT).then(|| loaded::load(text))
    });
    {
        let assembled = assembled.clone();
        use_effect_with((text.clone(), checked.clone()), move |(text, checked)| {
            // Set to stop a reading still under way when the text or the check changes.
            let stopped = Rc::new(std::cell::Cell::new(false));
            if large {
                if let Offloaded::Done(outcome) = checked {
                    let shared = Rc::clone(&text.0);
                    let done = {
                        let (assembled, text) = (assembled.clone(), text.clone());
                        let shared = Rc::clone(&shared);
                        move || assembled.set(Some((text, loaded::load_shared(&shared))))
                    };
                    match outcome.as_ref() {
                        Outcome::Loads(Some(parts)) => {
                            read_in_parts(shared, parts.clone(), Rc::clone(&stopped), done);
                        }
                        // Without long lists, or if the worker could not say: in one go.
                        _ => done(),
                    }
                }
                // No worker could check it: loaded here, in one go.
                if let Offloaded::Failed(_) = checked {
                    assembled.set(Some((text.clone(), loaded::load(text))));
                }
            }
            move || stopped.set(true)
        });
    }
    if let Some(load) = here.as_ref() {
        return Some(load.clone());
    }
    match &*assembled {
        Some((of, load)) if *of == text => Some(load.clone()),
        _ => None,
    }
}

/// Reads `text` in parts, one per task, keeps the organization in [`loaded`]'s cache, then calls
/// `done`, which takes it from there (a text that cannot be read in parts is not kept, so `done`
/// loads it in one go); stops when `stopped` is set (and `done` is not called).
fn read_in_parts(
    text: Rc<str>,
    InParts { lists, warnings }: InParts,
    stopped: Rc<std::cell::Cell<bool>>,
    done: impl FnOnce() + 'static,
) {
    // (A cut that does not fit, never the case for the loader's own, is loaded in one go.)
    let Ok(assembly) = workmail_policy::document::Assembly::start(&text, lists) else {
        return done();
    };
    next_part(text, assembly, warnings, stopped, Box::new(done));
}

/// Reads the next part of `assembly` in a later task.
fn next_part(
    text: Rc<str>,
    mut assembly: workmail_policy::document::Assembly,
    warnings: crate::problems::Problems,
    stopped: Rc<std::cell::Cell<bool>>,
    done: Box<dyn FnOnce()>,
) {
    gloo::timers::callback::Timeout::new(0, move || {
        if stopped.get() {
            return browser::drop_when_idle(Box::new(assembly));
        }
        match assembly.read_part(&text) {
            Ok(true) => next_part(text, assembly, warnings, stopped, done),
            Ok(false) => {
                let kind = assembly.kind();
                let loaded = workmail_policy::Loaded {
                    organization: assembly.finish(),
                    kind,
                    warnings: Vec::new(),
                };
                loaded::keep_assembled(&text, loaded, warnings);
                done();
            }
            Err(_) => done(),
        }
    })
    .forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panel_says_what_it_waits_for() {
        let working = Offloaded::<u8>::Working;
        assert_eq!(working.done(), None);
        assert_eq!(
            working.waiting("The tests could not be run", "Running…"),
            "Running…"
        );
        let failed = Offloaded::<u8>::Failed("the analysis worker stopped".to_owned());
        assert_eq!(
            failed.waiting("The tests could not be run", "Running…"),
            "The tests could not be run: the analysis worker stopped."
        );
        assert_eq!(Offloaded::Done(Rc::new(7)).done().as_deref(), Some(&7));
    }

    #[test]
    fn a_named_job_answers_as_it_runs_here() {
        let text = r#"{"AccessControlRules": [{"Name": "a", "Effect": "DENY", "UserIds": ["S-1-1-11-1111", "S-1-1-11-1111"]}]}"#;
        let answer: Option<Answer<LintsOutcome>> =
            bridge::decode(&run_named(Lints::NAME, &[text], "null"));
        let Some(Answer::Done(LintsOutcome::Linted(report))) = answer else {
            panic!("{answer:?}");
        };
        assert_eq!(
            LintsOutcome::Linted(report.clone()),
            Lints::run(&[text], &())
        );
        assert!(
            report.codes().contains(&"duplicate-entry"),
            "{:?}",
            report.codes()
        );
        assert_eq!(
            Lints::run(&[r#"{"AccessControlRules": [{"Effect": "MAYBE"}]}"#], &()),
            LintsOutcome::Invalid(2)
        );
    }

    #[test]
    fn the_parts_job_is_the_loader_check() {
        let users: Vec<String> = (0..20_000)
            .map(|at| format!(r#"{{"Id": "S-1-1-11-{at:012}", "Name": "user{at}"}}"#))
            .collect();
        let text = format!(r#"{{"Users": [{}]}}"#, users.join(",\n"));
        assert!(text.len() > LARGE_DOCUMENT);
        let answer: Option<Answer<Outcome>> =
            bridge::decode(&run_named(Parts::NAME, &[&text], "null"));
        assert_eq!(answer, Some(Answer::Done(loader::check(0, &text).outcome)));
        // A large directory is read in parts.
        assert!(matches!(Parts::run(&[&text], &()), Outcome::Loads(Some(_))));
    }

    #[test]
    fn an_unknown_job_is_named() {
        assert_eq!(
            bridge::decode::<Answer<LintsOutcome>>(&run_named("tables", &["{}"], "null")),
            Some(Answer::Failed("no job is named `tables`".to_owned()))
        );
    }

    #[test]
    fn a_job_answers_with_its_parameters_or_says_they_cannot_be_read() {
        use crate::components::table_filter_form::{TableFilterField, TableFilterFields};
        use crate::shown_table::TableOutcome;
        let text = r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"}]}"#;
        let fields = TableFilterFields::default().with(TableFilterField::Ip, "10.1.2".into());
        let answer: Option<Answer<TableOutcome>> = bridge::decode(&run_named(
            TableJob::NAME,
            &[text],
            &bridge::encode(&fields),
        ));
        assert_eq!(answer, Some(Answer::Done(TableJob::run(&[text], &fields))));
        assert!(matches!(
            answer,
            Some(Answer::Done(TableOutcome::Refused(_)))
        ));
        assert_eq!(
            bridge::decode::<Answer<TableOutcome>>(&run_named(TableJob::NAME, &[text], "[1]")),
            Some(Answer::Failed(
                "the parameters of job `table` could not be read".to_owned()
            ))
        );
    }
}
