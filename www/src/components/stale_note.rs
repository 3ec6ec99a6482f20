//! The note on a result computed from the last document that loaded, while the document editor
//! holds errors.

use yew::prelude::*;

/// [`StaleNote`]'s properties.
#[derive(Properties, PartialEq)]
pub struct StaleNoteProps {
    /// Whether the result is from an earlier text.
    pub stale: bool,
    /// What the result is ("table", "comparison"...).
    pub what: AttrValue,
    /// The note's test hook, if it has one.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// The note, or nothing.
#[component]
pub fn StaleNote(props: &StaleNoteProps) -> Html {
    if !props.stale {
        return html! {};
    }
    html! {
        <p class="stale" data-testid={props.testid.clone()}>
            <span aria-hidden="true">{ "⚠ " }</span>
            { format!("The document has errors: this {} is for the last document that loaded.", props.what) }
        </p>
    }
}
