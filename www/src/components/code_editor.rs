//! A JSON text area: monospaced, unwrapped, no spell checking.
//!
//! The text area is uncontrolled: its text is written only when the text to show differs from
//! what it already holds (the user's own typing comes back unchanged). Yew would otherwise read
//! the whole text back from the page on every render to compare, which for a large document
//! costs more than evaluating it.
//!
//! A text larger than [`LARGE_DOCUMENT`] is kept but not shown: a browser lays out a text
//! area of megabytes for seconds, during which the page cannot respond (Chromium takes about
//! 13 s for 16 MB). The text area is emptied instead, and its placeholder says how large the
//! text is and that typing or pasting replaces it.
//!
//! When the code editor (`www/editor/editor.js`) reports a keystroke in a long text as one
//! edit of the text this component read last, the edit is applied to that text
//! ([`crate::caret::splice`]) instead of reading the whole text out of the page again, which
//! for the largest legal document took a tenth of the keystroke; any other change, or a text
//! the component did not read, is read whole.
//!
//! A paste of such a text is not read in its `input` handler, where copying tens of megabytes
//! out of the page would hold the page for hundreds of milliseconds: the handler only swaps
//! the text area for a new, empty one (dropping a text area costs the browser far less than
//! emptying it), before the browser lays the text out, and the text is then read a slice at a
//! time, one slice per task (`browser::read_in_slices`). Once the code editor's module is
//! loaded, a large paste never enters a text area at all: `www/editor/paste.js` stops the
//! browser's own paste (which copies the text into the text area in one task of its own, 0.8 s
//! for 128 MiB) and sends the `input` event itself, the text area's `value` giving the pasted
//! string while this handler reads it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::browser;
use crate::loader::{LARGE_DOCUMENT, is_large};

/// [`CodeEditor`]'s properties.
#[derive(Properties, PartialEq)]
pub struct CodeEditorProps {
    /// The element ID.
    pub id: AttrValue,
    /// The test hook, when the editor has one.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// The visible label.
    pub label: AttrValue,
    /// The text (shared, and compared by address first: it may be large).
    pub value: super::Text,
    /// Whether the text is read-only (an embedded view the host does not let readers edit).
    #[prop_or_default]
    pub readonly: bool,
    /// Whether the text has errors.
    #[prop_or_default]
    pub invalid: bool,
    /// A shorter editor, for texts beside a result.
    #[prop_or_default]
    pub compact: bool,
    /// IDs of the elements that describe the editor.
    #[prop_or_default]
    pub describedby: Option<AttrValue>,
    /// The text area, for moving the caret to a diagnostic.
    pub node_ref: NodeRef,
    /// The new text, on every keystroke (shared: it may be large).
    pub oninput: Callback<Rc<str>>,
}

/// The editor.
#[component]
pub fn CodeEditor(props: &CodeEditorProps) -> Html {
    // What the text area holds, as far as this component wrote or read it, and the code
    // editor's change number for that text (see `browser::document_edit`).
    let holds: Rc<RefCell<Option<Rc<str>>>> = use_mut_ref(|| None);
    let known = use_memo((), |()| Cell::new(None::<f64>));
    // How many inputs came: a large paste being read stops when another comes.
    let inputs = use_memo((), |()| Cell::new(0_u64));
    // How many times the text area was swapped for an empty one (its key).
    let swaps = use_state(|| 0_u32);
    let oninput = {
        let holds = Rc::clone(&holds);
        let known = Rc::clone(&known);
        let inputs = Rc::clone(&inputs);
        let swaps = swaps.clone();
        let done = props.oninput.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            let this = inputs.get().wrapping_add(1);
            inputs.set(this);
            // The code editor's one edit of the text read last is applied to it here: reading
            // the whole text out of the page again costs more (see `browser::document_edit`).
            let edited = browser::document_edit(&area).and_then(|edit| {
                let held = holds.borrow().clone()?;
                (Some(edit.before) == known.get())
                    .then(|| crate::caret::splice(&held, edit.from, edit.to, &edit.text))
                    .flatten()
                    .filter(|text| !is_large(text))
                    .map(|text| (text, edit.after))
            });
            if let Some((text, after)) = edited {
                known.set(Some(after));
                let text: Rc<str> = Rc::from(text);
                *holds.borrow_mut() = Some(Rc::clone(&text));
                done.emit(text);
                return;
            }
            known.set(browser::document_serial(&area));
            let value = browser::value_of(&area);
            // At least one byte per code unit: a text longer than this in code units is large.
            if value.length() as usize > LARGE_DOCUMENT {
                *holds.borrow_mut() = None;
                swaps.set(*swaps + 1);
                let reading = (Rc::clone(&inputs), this);
                let done = done.clone();
                Timeout::new(0, move || {
                    // A code unit is at least a byte: the string grows no more for an ASCII text.
                    let into = String::with_capacity(value.length() as usize);
                    browser::read_in_slices(value, 0, into, reading, done);
                })
                .forget();
                return;
            }
            let text: Rc<str> = Rc::from(browser::text_of(&value));
            // A large text is not kept here (it is emptied from the text area, see above):
            // `None` makes the next render write what is to be shown.
            *holds.borrow_mut() = (!is_large(&text)).then(|| Rc::clone(&text));
            done.emit(text);
        })
    };
    {
        // The new text area takes the focus the one it replaced had.
        let id = props.id.clone();
        use_effect_with(*swaps, move |swaps| {
            if *swaps > 0 {
                browser::focus(&id);
            }
        });
    }
    let large = is_large(&props.value);
    {
        let area = props.node_ref.clone();
        let known = Rc::clone(&known);
        use_effect_with(props.value.clone(), move |value| {
            // A text given from elsewhere (a preset, an upload, an operation) replaces a paste
            // still being read.
            inputs.set(inputs.get().wrapping_add(1));
            let shown: Rc<str> = if is_large(value) {
                Rc::from("")
            } else {
                Rc::clone(&value.0)
            };
            // By address first: the text typed is the one held, and comparing its characters
            // would read the whole text on every keystroke.
            let held = holds
                .borrow()
                .as_ref()
                .is_some_and(|held| super::Text::same(held, &shown));
            if !held && let Some(area) = area.cast::<HtmlTextAreaElement>() {
                area.set_value(&shown);
                known.set(browser::document_serial(&area));
                *holds.borrow_mut() = Some(shown);
            }
        });
    }
    let placeholder = large.then(|| {
        format!(
            "This text is {} MB: too large to show here, but it is read all the same (see below), and Download document saves it. Typing or pasting here replaces it.",
            // Whole megabytes: formatting a float would add its code to the first load.
            props.value.len().div_ceil(1_000_000)
        )
    });
    let invalid = if props.invalid { "true" } else { "false" };
    html! {
        <div class={classes!("code-editor", props.compact.then_some("compact"))}>
            <label for={props.id.clone()} class="editor-label">{ props.label.clone() }</label>
            <textarea key={*swaps} id={props.id.clone()} data-testid={props.testid.clone()} ref={props.node_ref.clone()}
                      readonly={props.readonly} aria-invalid={invalid}
                      aria-describedby={props.describedby.clone()} spellcheck="false"
                      autocomplete="off" autocapitalize="off" wrap="off" {placeholder}
                      data-large={large.then_some("true")}
                      rows={if props.compact { "12" } else { "24" }} {oninput} />
        </div>
    }
}
