//! The Operations panel: any of the eleven operations run against the document, with the
//! response or the error AWS would give. Part of the analysis module, so the operations stay
//! out of the first load.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use workmail_policy::{Decision, Operation};
use yew::prelude::*;

use super::code_editor::CodeEditor;
use super::refusal::Refusal;
use crate::bridge::Message;
use crate::browser::BrowserEnvironment;
use crate::operations::{self, Call, DecisionId, Entropy, Outcome};

/// [`OperationsPanel`]'s properties.
#[derive(Properties, PartialEq)]
pub struct OperationsPanelProps {
    /// The form and what its last run gave.
    pub call: Call,
    /// The document editor's text: the calls run against it.
    pub document: super::Text,
    /// Asks the page to change its state.
    pub onmessage: Callback<Message>,
}

fn outcome_view(outcome: &Outcome, onshow: &Callback<Decision>) -> Html {
    if let Some(error) = outcome.error() {
        return html! { <Refusal {error} testid="op-error" onshow={onshow.clone()} /> };
    }
    match outcome {
        Outcome::NotRun | Outcome::Refused { .. } => html! {},
        Outcome::DocumentInvalid => html! {
            <p class="request-error" data-testid="op-error">
                { "The document has errors: fix them before running an operation against it." }
            </p>
        },
        Outcome::RequestUnreadable {
            line,
            column,
            message,
        } => html! {
            <p class="request-error" data-testid="op-error">
                { format!("The request is not JSON (line {line}, column {column}): {message}") }
            </p>
        },
        Outcome::Response { operation, text } => html! {
            <figure class="response">
                <figcaption>
                    { "The response, as " }<code>{ format!("aws workmail {}", operation.cli_name()) }</code>
                    { " prints it" }
                    if operation.is_mutating() {
                        { "; the document now holds the change" }
                    }
                </figcaption>
                <pre data-testid="op-response"><code>{ text.clone() }</code></pre>
            </figure>
        },
    }
}

/// The operation, its request and what running it gave; a change goes into the document.
#[component]
pub fn OperationsPanel(props: &OperationsPanelProps) -> Html {
    let request_ref = use_node_ref();
    let onchange = {
        let onmessage = props.onmessage.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            // Every option's value is an operation's name.
            if let Ok(operation) = select.value().parse::<Operation>() {
                onmessage.emit(Message::SelectOperation(operation));
            }
        })
    };
    let onedit = props
        .onmessage
        .reform(|text: Rc<str>| Message::EditRequest(text.to_string()));
    let onclick = {
        let (document, call) = (props.document.clone(), props.call.clone());
        // The clock and randomness are read when the user runs the call.
        props.onmessage.reform(move |_: MouseEvent| {
            let entropy = Entropy::sample(&mut BrowserEnvironment);
            let ran = operations::run(&document, call.operation, &call.request, entropy);
            Message::OperationRan(ran)
        })
    };
    let onshow = props
        .onmessage
        .reform(|decision: Decision| Message::ShowDecision(DecisionId(decision)));
    let call = &props.call;
    html! {
        <div class="operations">
            <div class="field">
                <label for="op-operation">{ "Operation" }</label>
                <select id="op-operation" data-testid="op-operation" {onchange}>
                    { for Operation::ALL.into_iter().map(|operation| html! {
                        <option value={operation.name()} selected={operation == call.operation}>
                            { operation.name() }
                        </option>
                    }) }
                </select>
                <p class="hint">
                    { "Changes the organization: " }
                    { if call.operation.is_mutating() { "yes, the document takes the change" } else { "no" } }
                </p>
            </div>
            <CodeEditor id="op-input" testid="op-input" label="Request (JSON)"
                        value={super::Text::from(call.request.as_str())} compact=true
                        describedby="op-input-hint" node_ref={request_ref}
                        oninput={onedit} />
            <p class="hint" id="op-input-hint">
                { "As for " }<code>{ "--cli-input-json" }</code>
                { ". Leave out " }<code>{ "OrganizationId" }</code>{ " to mean the document's." }
            </p>
            <p>
                <button type="button" data-testid="op-run" {onclick}>
                    { format!("Run {}", call.operation.name()) }
                </button>
            </p>
            <div class="operation-outcome" aria-live="polite">
                { outcome_view(&call.outcome.read(), &onshow) }
            </div>
        </div>
    }
}
