//! The editors: the whole organization document and its three parts, as tabs. Every panel
//! stays in the page (hidden when not on show), so each keeps its caret and scroll position.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::Memo;
use super::editor_tab_panel::{EditorTabPanel, PartText};
use super::editor_tabs::EditorTabs;
use crate::parts::{DocumentCheck, Parts};
use crate::state::LargePart;
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
    /// The large part text the loader checks, if any (see [`LargePart`]).
    #[prop_or_default]
    pub large_part: Option<Rc<LargePart>>,
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
    source: PartText,
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
        let current = || {
            let text = match tab.part() {
                None => props.document_text.clone(),
                Some(part) => super::Text(Rc::clone(props.parts.shared(part))),
            };
            // The loader's status of a large part, while its editor holds the text it checked.
            let large = props
                .large_part
                .as_ref()
                .filter(|large| Some(large.part) == tab.part() && Rc::ptr_eq(&large.text, &text.0));
            let printed = tab.part().and_then(|part| {
                let count = props.parts.printed_count(part)?;
                Some((count, !props.parts.too_long_to_print(part)))
            });
            let source = match (large, printed) {
                (Some(large), _) => PartText::Large(large.status.clone()),
                (None, Some((count, shown))) => PartText::Printed { count, shown },
                (None, None) => PartText::Typed,
            };
            Shown {
                text,
                document: props.document.clone(),
                source,
                stale: props.stale,
            }
        };
        let mut shown = shown.borrow_mut();
        let Shown {
            text,
            document,
            source,
            stale,
        } = if selected {
            let now = current();
            shown.insert(tab, now.clone());
            now
        } else {
            shown.entry(tab).or_insert_with(current).clone()
        };
        html! {
            <EditorTabPanel key={tab.slug()} {tab} {selected} {text} {document} {source} {stale}
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
