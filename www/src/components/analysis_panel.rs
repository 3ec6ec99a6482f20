//! Analysis of the whole document: the decision table, lints, a comparison with an old
//! version, and saved tests, one panel at a time. The panels are drawn by the analysis module,
//! loaded the first time one is opened; a closed panel is not in the page and costs nothing.

use std::rc::Rc;

use yew::prelude::*;

use super::analysis_host::AnalysisHost;
use super::analysis_tabs::{AnalysisTabs, panel_id, tab_id};
use crate::bridge::{Input, Message};
use crate::tabs::Panel;

/// [`AnalysisPanel`]'s properties.
#[derive(Properties, PartialEq)]
pub struct AnalysisPanelProps {
    /// The panel on show, if any.
    pub panel: Option<Panel>,
    /// What the open panel needs (`None` when all are closed).
    pub input: Option<Rc<Input>>,
    /// What the analysis module asks for (and the tabs: show a panel, close them).
    pub onmessage: Callback<Message>,
}

/// The section.
#[component]
pub fn AnalysisPanel(props: &AnalysisPanelProps) -> Html {
    let onselect = props
        .onmessage
        .reform(|panel| Message::ShowPanel(Some(panel)));
    let onclose = props
        .onmessage
        .reform(|_: MouseEvent| Message::ShowPanel(None));
    let content = props.panel.zip(props.input.clone()).map(|(panel, input)| {
        html! {
            <div class="tabpanel analysis-body" role="tabpanel" id={panel_id(panel)}
                 aria-labelledby={tab_id(panel)}>
                // One host per panel, so switching panels mounts the new one afresh.
                <AnalysisHost key={panel.slug()} {input} onmessage={props.onmessage.clone()} />
            </div>
        }
    });
    html! {
        <section class="analysis card" aria-labelledby="analysis-heading">
            <div class="analysis-head">
                <h2 id="analysis-heading">{ "Analysis of the whole document" }</h2>
                if props.panel.is_some() {
                    <button type="button" class="quiet" data-testid="analysis-close" onclick={onclose}>
                        { "Close" }
                    </button>
                }
            </div>
            <AnalysisTabs selected={props.panel} {onselect} />
            if let Some(content) = content {
                { content }
            } else {
                <p class="hint analysis-intro">
                    { "The exact decision table of every request, lints, a comparison with an old version, saved tests, operations, and audit logs replayed against the document. Each is computed only while open." }
                </p>
            }
        </section>
    }
}
