//! The editors: the whole organization document and its three parts, as tabs. Every panel
//! stays in the page (hidden when not on show), so each keeps its caret and scroll position.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::Memo;
use super::editor_tab_panel::EditorTabPanel;
use super::editor_tabs::EditorTabs;
use crate::parts::{DocumentCheck, Parts};
use crate::tabs::Tab;

/// [`EditorPanel`]'s properties.
#[derive(Properties, PartialEq)]
pub struct EditorPanelProps {
    /// The editor on show.
    pub tab: Tab,
    /// The document editor's text.
    pub document_text: super::Text,
    /// The part editors' text, as typed: a part with errors differs from what the document
    /// holds until it loads.
    pub parts: Parts,
    /// What the document editor's text gives.
    pub document: Memo<DocumentCheck>,
    /// Whether the answers come from an earlier text: the document has errors now, and every
    /// editor's status says so. Not unless given.
    #[prop_or_default]
    pub stale: bool,
    /// Whether the editors take input; an embedded view may be read-only. They do unless given.
    #[prop_or(true)]
    pub editable: bool,
    /// Shows another editor.
    pub onselect: Callback<Tab>,
    /// An editor's new text.
    pub onedit: Callback<(Tab, Rc<str>)>,
}

/// What a panel was last shown with.
#[derive(Clone)]
struct Shown {
    text: super::Text,
    document: Memo<DocumentCheck>,
    stale: bool,
}

/// The tabs and their panels.
#[component]
pub fn EditorPanel(props: &EditorPanelProps) -> Html {
    // A hidden panel keeps what it was last shown with, so an edit elsewhere does not
    // re-render it: with a large document, writing its text into a hidden editor on every
    // keystroke would cost more than the whole evaluation.
    let shown: Rc<RefCell<HashMap<Tab, Shown>>> = use_mut_ref(HashMap::new);
    let panels = Tab::ALL.into_iter().map(|tab| {
        let selected = tab == props.tab;
        let current = || Shown {
            text: match tab.part() {
                None => props.document_text.clone(),
                Some(part) => super::Text(Rc::clone(props.parts.shared(part))),
            },
            document: props.document.clone(),
            stale: props.stale,
        };
        let mut shown = shown.borrow_mut();
        let Shown {
            text,
            document,
            stale,
        } = if selected {
            let now = current();
            shown.insert(tab, now.clone());
            now
        } else {
            shown.entry(tab).or_insert_with(current).clone()
        };
        html! {
            <EditorTabPanel key={tab.slug()} {tab} {selected} {text} {document} {stale}
                            editable={props.editable} onedit={props.onedit.clone()} />
        }
    });
    html! {
        <div class="editor-panel">
            <EditorTabs selected={props.tab} onselect={props.onselect.clone()} />
            { for panels }
        </div>
    }
}
