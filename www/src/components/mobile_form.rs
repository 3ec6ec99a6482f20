//! The mobile device question: the device's properties, and optionally whose device it is.

use yew::prelude::*;

use super::text_field::TextField;
use crate::questions::{MobileField, MobileQuestion};

/// [`MobileForm`]'s properties.
#[derive(Properties, PartialEq)]
pub struct MobileFormProps {
    /// The question.
    pub question: MobileQuestion,
    /// A field's new text.
    pub onchange: Callback<(MobileField, String)>,
}

/// The four device properties, then user, device ID and address for a real request.
#[component]
pub fn MobileForm(props: &MobileFormProps) -> Html {
    let on = |field: MobileField| props.onchange.reform(move |text: String| (field, text));
    let question = &props.question;
    html! {
        <div class="question-fields">
            <TextField id="mobile-type" label="Device type" value={question.device_type.clone()}
                       placeholder="iPhone" hint="Empty: the device does not report it"
                       oninput={on(MobileField::DeviceType)} />
            <TextField id="mobile-model" label="Device model" value={question.device_model.clone()}
                       placeholder="iPhone10C1" hint="Empty: not reported"
                       oninput={on(MobileField::DeviceModel)} />
            <TextField id="mobile-os" label="Operating system" value={question.device_operating_system.clone()}
                       placeholder="iOS 14.2.1 16F203" hint="Empty: not reported"
                       oninput={on(MobileField::DeviceOperatingSystem)} />
            <TextField id="mobile-agent" label="User agent" value={question.device_user_agent.clone()}
                       placeholder="iOS/14.2 (18B92) exchangesyncd/1.0" hint="Empty: not reported"
                       oninput={on(MobileField::DeviceUserAgent)} />
            <TextField id="mobile-user" label="User (optional)" value={question.user_id.clone()}
                       list="mobile-user-choices" hint="With a device ID: overrides apply (EvaluateMobileDeviceAccess)"
                       oninput={on(MobileField::UserId)} />
            <TextField id="mobile-device-id" label="Device ID (optional)" value={question.device_id.clone()}
                       placeholder="6APMEKPHCP2ND42VIJ4BR8ECDO" hint="Letters and digits, any case"
                       oninput={on(MobileField::DeviceId)} />
            <TextField id="mobile-ip" label="Source IP address (optional)" value={question.ip_address.clone()}
                       placeholder="192.0.2.0" inputmode="decimal"
                       hint="With a user and device: the access control rules are asked first for ActiveSync"
                       oninput={on(MobileField::IpAddress)} />
        </div>
    }
}
