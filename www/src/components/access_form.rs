//! The `GetAccessControlEffect` question.

use yew::prelude::*;

use super::text_field::TextField;
use crate::questions::{AccessField, AccessQuestion};

/// [`AccessForm`]'s properties.
#[derive(Properties, PartialEq)]
pub struct AccessFormProps {
    /// The question.
    pub question: AccessQuestion,
    /// A field's new text.
    pub onchange: Callback<(AccessField, String)>,
}

/// IP address, action, and a user or a role.
#[component]
pub fn AccessForm(props: &AccessFormProps) -> Html {
    let on = |field: AccessField| props.onchange.reform(move |text: String| (field, text));
    let question = &props.question;
    html! {
        <div class="question-fields">
            <TextField id="acl-ip" label="Source IP address" value={question.ip_address.clone()}
                       placeholder="192.0.2.0" inputmode="decimal" hint="IPv4, as `IpAddress`"
                       oninput={on(AccessField::IpAddress)} />
            <TextField id="acl-action" label="Protocol action" value={question.action.clone()}
                       placeholder="IMAP" list="action-choices"
                       hint="ActiveSync, AutoDiscover, EWS, IMAP, SMTP, WindowsOutlook or WebMail"
                       oninput={on(AccessField::Action)} />
            <TextField id="acl-user" label="User ID" value={question.user_id.clone()}
                       placeholder="S-1-1-11-…" list="user-choices"
                       hint="A user, or leave empty and give a role"
                       oninput={on(AccessField::UserId)} />
            <TextField id="acl-role" label="Impersonation role ID" value={question.impersonation_role_id.clone()}
                       list="role-choices" hint="A role instead of a user; EWS only"
                       oninput={on(AccessField::ImpersonationRoleId)} />
        </div>
    }
}
