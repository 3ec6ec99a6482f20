//! A JSON text area: monospaced, unwrapped, no spell checking.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

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
    /// The text.
    pub value: AttrValue,
    /// Whether the text is read-only (an embedded view the host does not let readers edit).
    #[prop_or_default]
    pub readonly: bool,
    /// Whether the text has errors.
    #[prop_or_default]
    pub invalid: bool,
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
    let oninput = props.oninput.reform(|event: InputEvent| {
        let area: HtmlTextAreaElement = event.target_unchecked_into();
        area.value()
    });
    let invalid = if props.invalid { "true" } else { "false" };
    html! {
        <div class="code-editor">
            <label for={props.id.clone()} class="editor-label">{ props.label.clone() }</label>
            <textarea id={props.id.clone()} data-testid={props.testid.clone()} ref={props.node_ref.clone()}
                      value={props.value.clone()} readonly={props.readonly} aria-invalid={invalid}
                      aria-describedby={props.describedby.clone()} spellcheck="false"
                      autocomplete="off" autocapitalize="off" wrap="off" rows="24" {oninput} />
        </div>
    }
}
