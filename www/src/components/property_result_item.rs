//! One property's outcome: PASS or FAIL, and for a failure the request that fails, its answer,
//! the class it stands for and how many classes fail, with a button that loads the request into
//! its question form.

use workmail_policy::analysis::{Counterexample, PropertyResult, TestRequest};
use workmail_policy::model::Device;
use yew::prelude::*;

use super::rich_text::RichText;
use crate::bridge::Message;
use crate::questions::{AccessQuestion, MobileQuestion};

/// [`PropertyResultItem`]'s properties.
#[derive(Properties, PartialEq)]
pub struct PropertyResultItemProps {
    /// The outcome.
    pub result: PropertyResult,
    /// Asks the page to load the counterexample into a question.
    pub onmessage: Callback<Message>,
}

/// The message that loads a counterexample into its question form.
pub fn ask(counterexample: &Counterexample) -> Message {
    match &counterexample.request {
        TestRequest::GetAccessControlEffect(request) => Message::ask(
            AccessQuestion {
                ip_address: request.ip_address.clone(),
                action: request.action.clone(),
                user_id: request.user_id.clone().unwrap_or_default(),
                impersonation_role_id: request.impersonation_role_id.clone().unwrap_or_default(),
            },
            None,
        ),
        TestRequest::GetImpersonationRoleEffect(request) => Message::Ask {
            ip_address: String::new(),
            action: String::new(),
            user_id: String::new(),
            role: request.impersonation_role_id.clone(),
            target_user: request.target_user.clone(),
        },
        TestRequest::GetMobileDeviceAccessEffect(request) => {
            Message::AskMobile(device_question(&request.device))
        }
        TestRequest::EvaluateMobileDeviceAccess(request) => Message::AskMobile(MobileQuestion {
            user_id: request.user_id.clone(),
            device_id: request.device_id.clone(),
            ip_address: request.ip_address.clone().unwrap_or_default(),
            ..device_question(&request.device)
        }),
    }
}

/// The mobile question about a device (a property not reported left empty).
fn device_question(device: &Device) -> MobileQuestion {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    MobileQuestion {
        device_type: text(&device.device_type),
        device_model: text(&device.device_model),
        device_operating_system: text(&device.device_operating_system),
        device_user_agent: text(&device.device_user_agent),
        ..MobileQuestion::default()
    }
}

/// Which question a counterexample goes to, for the button's label.
fn question_of(request: &TestRequest) -> &'static str {
    match request {
        TestRequest::GetAccessControlEffect(_) => "access",
        TestRequest::GetImpersonationRoleEffect(_) => "impersonation",
        _ => "mobile device",
    }
}

/// The list item.
#[component]
pub fn PropertyResultItem(props: &PropertyResultItemProps) -> Html {
    let result = &props.result;
    let (class, symbol, word) = if result.holds {
        ("pass", "✓", "PASS")
    } else {
        ("fail", "✕", "FAIL")
    };
    let detail = result.counterexample.as_ref().map(|counterexample| {
        let message = ask(counterexample);
        let onclick = props.onmessage.reform(move |_: MouseEvent| message.clone());
        html! {
            <div class="test-detail">
                <p>
                    { "Expected " }<code>{ result.expected.to_string() }</code>
                    { format!(" for every request; {}. For example ", result.failing()) }
                    <RichText text={counterexample.to_string()} />
                </p>
                <p class="hint">{ format!("That request stands for: {}.", counterexample.class) }</p>
                <button type="button" data-testid="property-ask" {onclick}>
                    { format!("Ask this request in the {} question", question_of(&counterexample.request)) }
                </button>
            </div>
        }
    });
    html! {
        <li class={classes!("test-result", class)} data-testid="property-result" data-passed={if result.holds { "true" } else { "false" }}>
            <span class={classes!("test-verdict", class)}>
                <span aria-hidden="true">{ symbol }</span>{ format!(" {word}") }
            </span>
            <span class="test-name">{ result.name.clone() }</span>
            { for detail }
        </li>
    }
}
