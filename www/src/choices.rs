//! The users and roles of the pasted directory, offered as suggestions in the question fields
//! (free text stays allowed).
//!
//! A field's suggestion list holds at most [`MOST_SUGGESTIONS`] entries, those that contain
//! what the field holds ([`suggestions`]): a directory of 200,000 users would otherwise put
//! 800,000 options into the page, which takes a browser seconds to draw.

use workmail_policy::{Organization, User};

/// One suggestion: the value it fills in and what it shows beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The text the field takes.
    pub value: String,
    /// A hint shown with it (name, email, role type).
    pub label: String,
}

/// The most suggestions a field's list holds.
pub const MOST_SUGGESTIONS: usize = 100;

/// The suggestions for a field holding `typed`: the first [`MOST_SUGGESTIONS`] choices whose
/// value or label contains it, ignoring case (every choice, up to that many, when it is empty).
pub fn suggestions<'a>(choices: &'a [Choice], typed: &str) -> Vec<&'a Choice> {
    let typed = typed.trim().to_lowercase();
    let contains = |text: &str| {
        if text.is_ascii() && typed.is_ascii() {
            // No allocation per choice: a field may filter hundreds of thousands per keystroke.
            text.as_bytes()
                .windows(typed.len().max(1))
                .any(|window| window.eq_ignore_ascii_case(typed.as_bytes()))
                || typed.is_empty()
        } else {
            text.to_lowercase().contains(&typed)
        }
    };
    choices
        .iter()
        .filter(|choice| contains(&choice.value) || contains(&choice.label))
        .take(MOST_SUGGESTIONS)
        .collect()
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

    fn choices(count: usize) -> Vec<Choice> {
        (0..count)
            .map(|at| Choice {
                value: format!("S-1-1-11-{at}"),
                label: format!("User Number {at} <u{at}@example.com>"),
            })
            .collect()
    }

    #[test]
    fn a_field_is_offered_a_bounded_list_of_what_contains_its_text() {
        let all = choices(200_000);
        let values = |typed: &str| -> Vec<String> {
            suggestions(&all, typed)
                .into_iter()
                .map(|choice| choice.value.clone())
                .collect()
        };
        assert_eq!(values("").len(), MOST_SUGGESTIONS);
        assert_eq!(values("")[0], "S-1-1-11-0");
        // By value, by label, ignoring case and the spaces around.
        assert_eq!(values("s-1-1-11-199999"), ["S-1-1-11-199999"]);
        assert_eq!(values(" U199998@EXAMPLE "), ["S-1-1-11-199998"]);
        assert_eq!(values("number 12345 <"), ["S-1-1-11-12345"]);
        assert!(values("nobody").is_empty());
        let many = values("1999");
        assert_eq!(many.len(), MOST_SUGGESTIONS);
        assert!(many.iter().all(|value| value.contains("1999")));
        // Text beyond ASCII is compared by its lower case too.
        let accented = [Choice {
            value: "S-1".into(),
            label: "ÉLODIE <élodie@example.com>".into(),
        }];
        assert_eq!(suggestions(&accented, "élodie").len(), 1);
        assert_eq!(suggestions(&accented, "ÉLO").len(), 1);
    }

    #[test]
    fn without_a_directory_there_is_nothing_to_offer() {
        let org = Preset::AwsDocumentationExample.organization();
        let choices = Choices::of(&org);
        assert!(choices.user_ids.is_empty() && choices.targets.is_empty());
        assert_eq!(choices.user_label("anyone"), None);
    }
}
