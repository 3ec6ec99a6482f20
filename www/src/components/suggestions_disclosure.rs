//! "What would change this answer", closed until opened: the analysis module computes the
//! suggestions only while it is open.

use std::rc::Rc;

use yew::prelude::*;

use super::analysis_host::AnalysisHost;
use crate::bridge::{Input, Message, View};
use crate::questions::{AccessQuestion, ImpersonationQuestion};

/// [`SuggestionsDisclosure`]'s properties.
#[derive(Properties, PartialEq)]
pub struct SuggestionsDisclosureProps {
    /// Which answer: [`View::AccessSuggestions`] or [`View::ImpersonationSuggestions`].
    pub view: View,
    /// The document text the answer comes from.
    pub applied: super::Text,
    /// Whether that is an earlier text than the editor's.
    pub stale: bool,
    /// The access question (for the access answer).
    #[prop_or_default]
    pub access: AccessQuestion,
    /// The impersonation question (for the impersonation answer).
    #[prop_or_default]
    pub impersonation: ImpersonationQuestion,
    /// The test hook of the toggle.
    pub testid: AttrValue,
    /// What the analysis module asks for.
    pub onmessage: Callback<Message>,
}

/// The disclosure.
#[component]
pub fn SuggestionsDisclosure(props: &SuggestionsDisclosureProps) -> Html {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            let details: web_sys::HtmlDetailsElement = event.target_unchecked_into();
            open.set(details.open());
        })
    };
    let input = open.then(|| {
        Rc::new(Input::suggestions(
            props.view,
            &props.applied,
            props.stale,
            &props.access,
            &props.impersonation,
        ))
    });
    html! {
        <details class="what-would-change" open={*open} {ontoggle}>
            <summary data-testid={props.testid.clone()}>{ "What would change this answer" }</summary>
            if let Some(input) = input {
                <AnalysisHost {input} onmessage={props.onmessage.clone()} />
            }
        </details>
    }
}
