//! The editor tabs: the whole document and its three parts. Arrow keys, Home and End move
//! between them.

use yew::prelude::*;

use crate::browser;
use crate::tablist::neighbour;
use crate::tabs::Tab;

/// [`EditorTabs`]'s properties.
#[derive(Properties, PartialEq)]
pub struct EditorTabsProps {
    /// The tab on show.
    pub selected: Tab,
    /// Shows a tab.
    pub onselect: Callback<Tab>,
}

/// The tab element ID of a tab.
pub fn tab_id(tab: Tab) -> String {
    format!("tab-{}", tab.slug())
}

/// The element ID of a tab's panel.
pub fn panel_id(tab: Tab) -> String {
    format!("panel-{}", tab.slug())
}

/// The tab list.
#[component]
pub fn EditorTabs(props: &EditorTabsProps) -> Html {
    let tabs = Tab::ALL.into_iter().map(|tab| {
        let selected = tab == props.selected;
        let onclick = props.onselect.reform(move |_: MouseEvent| tab);
        let onselect = props.onselect.clone();
        let onkeydown = Callback::from(move |event: KeyboardEvent| {
            if let Some(next) = neighbour(&Tab::ALL, tab, &event.key()) {
                event.prevent_default();
                onselect.emit(next);
                browser::focus(&tab_id(next));
            }
        });
        html! {
            <button type="button" role="tab" id={tab_id(tab)} class="tab"
                    aria-selected={if selected { "true" } else { "false" }}
                    aria-controls={panel_id(tab)}
                    tabindex={if selected { "0" } else { "-1" }}
                    {onclick} {onkeydown}>
                { tab.title() }
            </button>
        }
    });
    html! {
        <div class="tabs" role="tablist" aria-label="Editors">{ for tabs }</div>
    }
}
