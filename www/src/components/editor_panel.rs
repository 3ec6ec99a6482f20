//! The editors: the whole organization document and its three parts, as tabs. Every panel
//! stays in the page (hidden when not on show), so each keeps its caret and scroll position.

use yew::prelude::*;

use super::Memo;
use super::editor_tab_panel::EditorTabPanel;
use super::editor_tabs::EditorTabs;
use crate::parts::{DocumentCheck, Parts};
use crate::state::Tab;

/// [`EditorPanel`]'s properties.
#[derive(Properties, PartialEq)]
pub struct EditorPanelProps {
    /// The editor on show.
    pub tab: Tab,
    /// The document editor's text.
    pub document_text: AttrValue,
    /// The part editors' text.
    pub parts: Parts,
    /// What the document editor's text gives.
    pub document: Memo<DocumentCheck>,
    /// Whether the answers come from an earlier text (the document has errors now).
    pub stale: bool,
    /// Whether the editors take input.
    pub editable: bool,
    /// Shows another editor.
    pub onselect: Callback<Tab>,
    /// An editor's new text.
    pub onedit: Callback<(Tab, String)>,
}

/// The tabs and their panels.
#[component]
pub fn EditorPanel(props: &EditorPanelProps) -> Html {
    let panels = Tab::ALL.into_iter().map(|tab| {
        let text = match tab.part() {
            None => props.document_text.clone(),
            Some(part) => AttrValue::from(props.parts.get(part).to_owned()),
        };
        html! {
            <EditorTabPanel key={tab.slug()} {tab} selected={tab == props.tab} {text}
                            document={props.document.clone()} stale={props.stale}
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
