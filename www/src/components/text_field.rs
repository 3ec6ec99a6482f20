//! A labelled one-line text field with optional suggestions.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::rich_text::RichText;

/// [`TextField`]'s properties.
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The element ID, also the test hook.
    pub id: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// The text.
    pub value: AttrValue,
    /// Shown while empty.
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// A line of help under the field.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// The ID of a `<datalist>` of suggestions.
    #[prop_or_default]
    pub list: Option<AttrValue>,
    /// The on-screen keyboard to offer.
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    /// The new text, on every keystroke.
    pub oninput: Callback<String>,
}

/// A text field whose label is always visible.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let oninput = props.oninput.reform(|event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        input.value()
    });
    let hint_id = format!("{}-hint", props.id);
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input type="text" id={props.id.clone()} data-testid={props.id.clone()}
                   value={props.value.clone()} placeholder={props.placeholder.clone()}
                   list={props.list.clone()} inputmode={props.inputmode.clone()}
                   spellcheck="false" autocomplete="off" autocapitalize="off"
                   aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())}
                   {oninput} />
            if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}><RichText text={hint.clone()} /></p>
            }
        </div>
    }
}
