//! A place of the page that the analysis module fills: the module is loaded the first time
//! one is shown, then mounted here and sent the view's input whenever it changes (its JSON,
//! and its texts lent: see `bridge::Input::texts` and `browser::lend`).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::bridge::{self, Input, Message};
use crate::browser;
use crate::hooks::{LARGE_TEXT, use_settled};
use crate::text::Crossing;

/// [`AnalysisHost`]'s properties.
#[derive(Properties, PartialEq)]
pub struct AnalysisHostProps {
    /// What to show, and the state it needs.
    pub input: Rc<Input>,
    /// What the module asks for.
    pub onmessage: Callback<Message>,
    /// What the place says while the module loads.
    #[prop_or(AttrValue::Static("Loading the analysis…"))]
    pub loading: AttrValue,
}

/// Where the module is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    Loading,
    Ready,
    Failed(String),
}

/// The module's view mounted here, the callback it answers through (kept alive with it), the
/// last input it was sent, and the input each text it was lent is part of.
struct Mounted {
    view: JsValue,
    _callback: Closure<dyn Fn(String)>,
    sent: Option<Rc<Input>>,
    /// The module reads a lent text in later tasks (see `browser::lend`), so the input holding
    /// it is kept until another text is lent in its place. (A text kept because it has the same
    /// characters as the one sent may be another copy: the module is reading the one lent.)
    lenders: [Option<Rc<Input>>; bridge::TEXTS],
}

/// Shows `input` in the mounted view; only the texts that changed since the last input cross,
/// lent rather than copied.
fn send(mounted: &mut Mounted, input: &Rc<Input>) {
    let json = bridge::encode(&**input);
    let texts = input.changed_texts(mounted.sent.as_deref());
    for (lender, crossing) in mounted.lenders.iter_mut().zip(&texts) {
        if *crossing != Crossing::Kept {
            *lender = Some(Rc::clone(input));
        }
    }
    browser::call_view(&mounted.view, "update", Some((&json, texts)));
    mounted.sent = Some(Rc::clone(input));
}

/// The place.
#[component]
pub fn AnalysisHost(props: &AnalysisHostProps) -> Html {
    let root = use_node_ref();
    let phase = use_state_eq(|| Phase::Loading);
    let mounted: Rc<RefCell<Option<Mounted>>> = use_mut_ref(|| None);
    // A large document is sent once typing pauses: the module reloads it on every input.
    let input = use_settled(props.input.clone(), props.input.text_size() > LARGE_TEXT);
    let latest = use_mut_ref(|| Rc::clone(&input));
    *latest.borrow_mut() = Rc::clone(&input);
    {
        let root = root.clone();
        let phase = phase.clone();
        let mounted = Rc::clone(&mounted);
        let onmessage = props.onmessage.clone();
        let latest = Rc::clone(&latest);
        use_effect_with((), move |()| {
            let cleanup = Rc::clone(&mounted);
            wasm_bindgen_futures::spawn_local(async move {
                let module = match browser::load_analysis().await {
                    Ok(module) => module,
                    Err(reason) => {
                        phase.set(Phase::Failed(reason));
                        return;
                    }
                };
                let Some(element) = root.get() else {
                    return;
                };
                let callback = Closure::<dyn Fn(String)>::new(move |text: String| {
                    if let Some(message) = bridge::decode::<Message>(&text) {
                        onmessage.emit(message);
                    }
                });
                match browser::mount_analysis(&module, &element, &callback) {
                    Ok(view) => {
                        let mut view = Mounted {
                            view,
                            _callback: callback,
                            sent: None,
                            lenders: Default::default(),
                        };
                        send(&mut view, &latest.borrow());
                        *mounted.borrow_mut() = Some(view);
                        phase.set(Phase::Ready);
                    }
                    Err(reason) => phase.set(Phase::Failed(reason)),
                }
            });
            move || {
                if let Some(mounted) = cleanup.borrow_mut().take() {
                    browser::call_view(&mounted.view, "destroy", None);
                }
            }
        });
    }
    {
        let mounted = Rc::clone(&mounted);
        use_effect_with(input, move |input| {
            if let Some(mounted) = mounted.borrow_mut().as_mut() {
                send(mounted, input);
            }
        });
    }
    let status = match &*phase {
        Phase::Loading => html! {
            <p class="empty-state" role="status">{ props.loading.clone() }</p>
        },
        Phase::Ready => html! {},
        Phase::Failed(reason) => html! {
            <p class="problem-line" role="status" data-testid="analysis-unavailable">
                { format!("The analysis could not be loaded ({reason}). It needs one download the first time: reload the page while online.") }
            </p>
        },
    };
    html! {
        <>
            { status }
            <div class="analysis-root" ref={root}></div>
        </>
    }
}
