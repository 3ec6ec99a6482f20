//! The decision table's filters: "who can reach IMAP from 198.51.100.7?" as an action, an
//! address or range, a user or role, and an effect. The table panel hands the question to the
//! core's `TableFilter`, as `workmail-policy table --action … --ip …` does.

use web_sys::HtmlSelectElement;
use workmail_policy::analysis::TableQuery;
use workmail_policy::{Action, Organization};
use yew::prelude::*;

use super::Memo;
use super::text_field::TextField;
use crate::choices::{Choice, Choices, MOST_SUGGESTIONS};

/// What the filter fields hold, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TableFilterFields {
    /// An action, or empty for every action.
    pub action: String,
    /// An address or CIDR range, or empty for every address.
    pub ip: String,
    /// A user (ID, email or name) or an impersonation role ID, or empty for everyone.
    pub principal: String,
    /// `ALLOW`, `DENY`, or empty for both.
    pub effect: String,
}

/// Which filter field changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFilterField {
    /// The action.
    Action,
    /// The address or range.
    Ip,
    /// The user or role.
    Principal,
    /// The effect.
    Effect,
}

impl TableFilterFields {
    /// The fields with one changed.
    #[must_use]
    pub fn with(mut self, field: TableFilterField, text: String) -> Self {
        let slot = match field {
            TableFilterField::Action => &mut self.action,
            TableFilterField::Ip => &mut self.ip,
            TableFilterField::Principal => &mut self.principal,
            TableFilterField::Effect => &mut self.effect,
        };
        *slot = text;
        self
    }

    /// The question the fields ask of `organization`'s table: the principal is a role when the
    /// document has a role of that ID, a user otherwise; empty fields ask nothing.
    pub fn query(&self, organization: &Organization) -> TableQuery {
        let given = |text: &str| {
            let text = text.trim();
            (!text.is_empty()).then(|| text.to_owned())
        };
        let principal = given(&self.principal);
        let is_role = principal
            .as_deref()
            .is_some_and(|id| organization.impersonation_role(id).is_some());
        let (user_ids, impersonation_role_ids) = match principal {
            Some(id) if is_role => (Vec::new(), vec![id]),
            Some(id) => (vec![id], Vec::new()),
            None => (Vec::new(), Vec::new()),
        };
        TableQuery {
            actions: given(&self.action).into_iter().collect(),
            ip_range: given(&self.ip),
            user_ids,
            impersonation_role_ids,
            target_users: Vec::new(),
            effect: given(&self.effect),
        }
    }

    /// Whether any field asks something.
    pub fn is_empty(&self) -> bool {
        [&self.action, &self.ip, &self.principal, &self.effect]
            .iter()
            .all(|text| text.trim().is_empty())
    }
}

/// [`TableFilterForm`]'s properties.
#[derive(Properties, PartialEq)]
pub struct TableFilterFormProps {
    /// The fields.
    pub fields: TableFilterFields,
    /// A field's new text.
    pub onchange: Callback<(TableFilterField, String)>,
    /// The users and roles the principal field suggests.
    pub choices: Memo<Choices>,
}

/// A labelled choice among `options` (value, label); the first is "any".
fn select(
    id: &'static str,
    label: &'static str,
    value: &str,
    options: &[(&'static str, &'static str)],
    onchange: Callback<String>,
) -> Html {
    let onchange = onchange.reform(|event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        select.value()
    });
    html! {
        <div class="field">
            <label for={id}>{ label }</label>
            <select {id} data-testid={id} {onchange}>
                { for options.iter().map(|(option, text)| html! {
                    <option value={*option} selected={*option == value}>{ *text }</option>
                }) }
            </select>
        </div>
    }
}

/// Action, address or range, user or role, and effect.
#[component]
pub fn TableFilterForm(props: &TableFilterFormProps) -> Html {
    let on = |field: TableFilterField| props.onchange.reform(move |text: String| (field, text));
    let mut actions = vec![("", "Any action")];
    actions.extend(
        Action::ALL
            .iter()
            .map(|action| (action.as_str(), action.as_str())),
    );
    let fields = &props.fields;
    // Roles first: an organization has few, and they would be lost after its users.
    let mut principals: Vec<Choice> = props
        .choices
        .roles(&fields.principal)
        .into_iter()
        .cloned()
        .collect();
    principals.extend(props.choices.targets(&fields.principal));
    principals.truncate(MOST_SUGGESTIONS);
    html! {
        <fieldset class="question-fields table-filter" data-testid="table-filter">
            <legend>{ "Who can: keep only the requests you ask about" }</legend>
            { select("table-filter-action", "Action", &fields.action, &actions, on(TableFilterField::Action)) }
            <TextField id="table-filter-ip" label="Source IP or range" value={fields.ip.clone()}
                       placeholder="198.51.100.7 or 198.51.100.0/24" inputmode="decimal"
                       hint="Rows are cut to it" oninput={on(TableFilterField::Ip)} />
            <TextField id="table-filter-principal" label="User or role" value={fields.principal.clone()}
                       list="table-filter-choices"
                       hint="A user ID, email or user name, or an impersonation role ID"
                       oninput={on(TableFilterField::Principal)} />
            <datalist id="table-filter-choices">
                { for principals.into_iter().map(|choice| html! {
                    <option value={choice.value.clone()} label={choice.label.clone()} />
                }) }
            </datalist>
            { select("table-filter-effect", "Effect", &fields.effect,
                     &[("", "Either effect"), ("ALLOW", "ALLOW"), ("DENY", "DENY")],
                     on(TableFilterField::Effect)) }
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fields_ask_the_core_question() {
        let org = Organization::from_json(
            r#"{"ImpersonationRoles": [{"ImpersonationRoleId": "archiver", "Name": "a", "Type": "READ_ONLY", "Rules": []}]}"#,
        )
        .map(|loaded| loaded.organization)
        .unwrap_or_default();
        let fields = TableFilterFields::default()
            .with(TableFilterField::Action, "IMAP".into())
            .with(TableFilterField::Ip, " 198.51.100.7 ".into())
            .with(TableFilterField::Principal, "jane@example.com".into());
        let query = fields.query(&org);
        assert_eq!(query.actions, ["IMAP"]);
        assert_eq!(query.ip_range.as_deref(), Some("198.51.100.7"));
        assert_eq!(query.user_ids, ["jane@example.com"]);
        assert!(query.effect.is_none());
        let role = fields.with(TableFilterField::Principal, "archiver".into());
        assert_eq!(role.query(&org).impersonation_role_ids, ["archiver"]);
        assert!(role.query(&org).user_ids.is_empty());
        assert!(TableFilterFields::default().is_empty());
        assert!(!role.is_empty());
    }
}
