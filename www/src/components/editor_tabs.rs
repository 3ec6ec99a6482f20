//! The editor tabs: the whole document and its three parts. Arrow keys, Home and End move
//! between them.

use yew::prelude::*;

use crate::tablist;
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
        let onkeydown = tablist::on_key(&Tab::ALL, tab, props.onselect.clone(), tab_id);
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
