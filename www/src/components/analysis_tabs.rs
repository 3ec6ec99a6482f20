//! The analysis tabs: decision table, lints, comparison and tests. None is selected until the
//! user opens one (only the panel on show is in the page, so only it is computed); arrow keys,
//! Home and End move between them.

use yew::prelude::*;

use crate::tablist;
use crate::tabs::Panel;

/// [`AnalysisTabs`]'s properties.
#[derive(Properties, PartialEq)]
pub struct AnalysisTabsProps {
    /// The panel on show, if any.
    pub selected: Option<Panel>,
    /// Shows a panel.
    pub onselect: Callback<Panel>,
}

/// The tab element ID of a panel.
pub fn tab_id(panel: Panel) -> String {
    format!("analysis-tab-{}", panel.slug())
}

/// The element ID of a panel.
pub fn panel_id(panel: Panel) -> String {
    format!("analysis-panel-{}", panel.slug())
}

/// The tab list.
#[component]
pub fn AnalysisTabs(props: &AnalysisTabsProps) -> Html {
    let tabs = Panel::ALL.into_iter().enumerate().map(|(at, panel)| {
        let selected = props.selected == Some(panel);
        let reachable = selected || (props.selected.is_none() && at == 0);
        let onclick = props.onselect.reform(move |_: MouseEvent| panel);
        let onkeydown = tablist::on_key(&Panel::ALL, panel, props.onselect.clone(), tab_id);
        html! {
            <button type="button" role="tab" id={tab_id(panel)} class="tab"
                    aria-selected={if selected { "true" } else { "false" }}
                    aria-controls={selected.then(|| panel_id(panel))}
                    tabindex={if reachable { "0" } else { "-1" }}
                    data-testid={format!("analysis-tab-{}", panel.slug())}
                    {onclick} {onkeydown}>
                { panel.title() }
            </button>
        }
    });
    html! {
        <div class="tabs" role="tablist" aria-label="Analyses">{ for tabs }</div>
    }
}
