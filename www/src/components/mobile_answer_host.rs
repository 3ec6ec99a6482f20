//! The mobile device question's answer. The analysis module works it out and draws it, so
//! that mobile device evaluation and its explanations (about 11 KB gzip) stay out of the page's
//! first load, and the module is loaded only once there is something to ask: a described
//! device, or the reader's request to ask about a device that reports nothing (an empty
//! question is a request too, answered by the rules that hold for any device).

use std::rc::Rc;

use yew::prelude::*;

use super::analysis_host::AnalysisHost;
use crate::bridge::{Input, Message};
use crate::questions::MobileQuestion;

/// [`MobileAnswerHost`]'s properties.
#[derive(Properties, PartialEq)]
pub struct MobileAnswerHostProps {
    /// The document text the answer comes from.
    pub applied: super::Text,
    /// Whether that is an earlier text than the editor's.
    pub stale: bool,
    /// The question.
    pub question: MobileQuestion,
    /// What the analysis module asks for.
    pub onmessage: Callback<Message>,
}

/// The answer, or until there is something to ask, a button that asks the empty question.
#[component]
pub fn MobileAnswerHost(props: &MobileAnswerHostProps) -> Html {
    let asked_empty = use_state_eq(|| false);
    let input = use_memo(
        (props.applied.clone(), props.stale, props.question.clone()),
        |(applied, stale, question)| Rc::new(Input::mobile_answer(applied, *stale, question)),
    );
    if props.question.is_empty() && !*asked_empty {
        let onclick = {
            let asked_empty = asked_empty.clone();
            Callback::from(move |_: MouseEvent| asked_empty.set(true))
        };
        return html! {
            <p class="empty-state" data-testid="mobile-not-asked">
                { "Describe a device above to see its answer, or " }
                <button type="button" data-testid="mobile-ask-empty" {onclick}>
                    { "ask about a device that reports nothing" }
                </button>
            </p>
        };
    }
    html! {
        <div class="mobile-answer-host">
            <AnalysisHost input={(*input).clone()} onmessage={props.onmessage.clone()}
                          loading="Working out the answer…" />
        </div>
    }
}
