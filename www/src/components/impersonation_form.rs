//! The `GetImpersonationRoleEffect` question.

use yew::prelude::*;

use super::text_field::TextField;
use crate::questions::{ImpersonationField, ImpersonationQuestion};

/// [`ImpersonationForm`]'s properties.
#[derive(Properties, PartialEq)]
pub struct ImpersonationFormProps {
    /// The question.
    pub question: ImpersonationQuestion,
    /// A field's new text.
    pub onchange: Callback<(ImpersonationField, String)>,
}

/// A role and a target user.
#[component]
pub fn ImpersonationForm(props: &ImpersonationFormProps) -> Html {
    let on = |field: ImpersonationField| props.onchange.reform(move |text: String| (field, text));
    let question = &props.question;
    html! {
        <div class="question-fields">
            <TextField id="imp-role" label="Impersonation role ID" value={question.impersonation_role_id.clone()}
                       list="role-choices" hint="As `ImpersonationRoleId`"
                       oninput={on(ImpersonationField::ImpersonationRoleId)} />
            <TextField id="imp-target" label="Target user" value={question.target_user.clone()}
                       list="target-choices" placeholder="jane.doe@example.com"
                       hint="A user ID, an email or a user name"
                       oninput={on(ImpersonationField::TargetUser)} />
        </div>
    }
}
