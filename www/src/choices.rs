//! The users and roles of the pasted directory, offered as suggestions in the question fields
//! (free text stays allowed).

use workmail_policy::{Organization, User};

/// One suggestion: the value it fills in and what it shows beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The text the field takes.
    pub value: String,
    /// A hint shown with it (name, email, role type).
    pub label: String,
}

/// The suggestions for every question field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// User IDs, for `UserId`.
    pub user_ids: Vec<Choice>,
    /// User IDs, emails and user names, for `TargetUser`.
    pub targets: Vec<Choice>,
    /// Role IDs, for both `ImpersonationRoleId` fields.
    pub roles: Vec<Choice>,
}

fn describe(user: &User) -> String {
    let name = user.display_name.as_deref().or(user.name.as_deref());
    match (name, user.email.as_deref()) {
        (Some(name), Some(email)) => format!("{name} <{email}>"),
        (Some(name), None) => name.to_owned(),
        (None, Some(email)) => email.to_owned(),
        (None, None) => String::new(),
    }
}

impl Choices {
    /// The suggestions an organization offers.
    pub fn of(organization: &Organization) -> Self {
        let users = organization.users().unwrap_or_default();
        let user_ids = users
            .iter()
            .map(|user| Choice {
                value: user.id.clone(),
                label: describe(user),
            })
            .collect();
        let mut targets = Vec::new();
        for user in users {
            let who = describe(user);
            targets.push(Choice {
                value: user.id.clone(),
                label: format!("user ID of {who}"),
            });
            if let Some(email) = &user.email {
                targets.push(Choice {
                    value: email.clone(),
                    label: "email".to_owned(),
                });
            }
            if let Some(name) = &user.name {
                targets.push(Choice {
                    value: name.clone(),
                    label: format!("user name of {who}"),
                });
            }
        }
        let roles = organization
            .impersonation_roles()
            .iter()
            .map(|role| Choice {
                value: role.impersonation_role_id.clone(),
                label: format!("{} ({})", role.name, role.role_type),
            })
            .collect();
        Self {
            user_ids,
            targets,
            roles,
        }
    }

    /// How to name a user ID for people: its name and email when the directory has them.
    pub fn user_label(&self, id: &str) -> Option<&str> {
        self.user_ids
            .iter()
            .find(|choice| choice.value == id)
            .map(|choice| choice.label.as_str())
            .filter(|label| !label.is_empty())
    }

    /// How to name a role ID for people.
    pub fn role_label(&self, id: &str) -> Option<&str> {
        self.roles
            .iter()
            .find(|choice| choice.value == id)
            .map(|choice| choice.label.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::{ARCHIVER_ROLE, Preset};

    #[test]
    fn the_directory_offers_users_and_roles() {
        let org = Preset::ArchivingRole.organization();
        let choices = Choices::of(&org);
        assert_eq!(choices.user_ids.len(), 3);
        assert_eq!(choices.targets.len(), 9);
        assert_eq!(choices.roles.len(), 1);
        assert_eq!(
            choices.role_label(ARCHIVER_ROLE),
            Some("archiver (READ_ONLY)")
        );
        assert_eq!(
            choices.user_label("S-1-1-11-1111111111-2222222222-3333333333-2001"),
            Some("Chief Executive <ceo@example.com>")
        );
    }

    #[test]
    fn without_a_directory_there_is_nothing_to_offer() {
        let org = Preset::AwsDocumentationExample.organization();
        let choices = Choices::of(&org);
        assert!(choices.user_ids.is_empty() && choices.targets.is_empty());
        assert_eq!(choices.user_label("anyone"), None);
    }
}
