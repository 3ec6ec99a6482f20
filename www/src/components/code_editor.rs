//! A JSON text area: monospaced, unwrapped, no spell checking.
//!
//! The text area is uncontrolled: its text is written only when the text to show differs from
//! what it already holds (the user's own typing comes back unchanged). Yew would otherwise read
//! the whole text back from the page on every render to compare, which for a large document
//! costs more than evaluating it.
//!
//! A text larger than [`LARGE_DOCUMENT`](crate::loader::LARGE_DOCUMENT) is kept but not shown: a browser lays out a text
//! area of megabytes for seconds, during which the page cannot respond (Chromium takes about
//! 13 s for 16 MB). The text area is emptied instead (a paste of such a text is taken, then
//! cleared in the same task, before the browser lays it out), and its placeholder says how
//! large the text is and that typing or pasting replaces it.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::loader::is_large;

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
    /// The new text, on every keystroke.
    pub oninput: Callback<String>,
}

/// The editor.
#[component]
pub fn CodeEditor(props: &CodeEditorProps) -> Html {
    // What the text area holds, as far as this component wrote or read it.
    let holds: Rc<RefCell<Option<Rc<str>>>> = use_mut_ref(|| None);
    let oninput = {
        let holds = Rc::clone(&holds);
        props.oninput.reform(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            let text = area.value();
            // A large text is not kept here (it is emptied from the text area, see above):
            // `None` makes the next render write what is to be shown.
            *holds.borrow_mut() = (!is_large(&text)).then(|| Rc::from(text.as_str()));
            text
        })
    };
    let large = is_large(&props.value);
    {
        let area = props.node_ref.clone();
        use_effect_with(props.value.clone(), move |value| {
            let shown: Rc<str> = if is_large(value) {
                Rc::from("")
            } else {
                Rc::clone(&value.0)
            };
            if holds.borrow().as_ref() != Some(&shown)
                && let Some(area) = area.cast::<HtmlTextAreaElement>()
            {
                area.set_value(&shown);
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
            <textarea id={props.id.clone()} data-testid={props.testid.clone()} ref={props.node_ref.clone()}
                      readonly={props.readonly} aria-invalid={invalid}
                      aria-describedby={props.describedby.clone()} spellcheck="false"
                      autocomplete="off" autocapitalize="off" wrap="off" {placeholder}
                      data-large={large.then_some("true")}
                      rows={if props.compact { "12" } else { "24" }} {oninput} />
        </div>
    }
}
