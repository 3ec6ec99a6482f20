//! The users and roles of the pasted directory, offered as suggestions in the question fields
//! (free text stays allowed).
//!
//! A field's suggestion list holds at most [`MOST_SUGGESTIONS`] entries, those that contain
//! what the field holds ([`suggestions`]): a directory of 200,000 users would otherwise put
//! 800,000 options into the page, which takes a browser seconds to draw. The users' choices are
//! read from the loaded document when a field asks for them, not built ahead: building the
//! 400,000 texts of a directory of 100,000 users once took longer than the page may be busy.

use std::rc::Rc;

use workmail_policy::{Organization, User};

use crate::loaded::{self, Load};

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

/// Whether texts contain what a field holds, ignoring case and the spaces around it (every
/// text does when it holds nothing).
///
/// Case is folded as [`crate::browser::lowercase`] folds it. A field holding ASCII text (an ID,
/// an email, most names) is compared byte by byte ignoring ASCII case, without folding or
/// copying the texts it is compared with: folding a text changes none of its ASCII letters but
/// their case, and puts no ASCII letter where there was none but for a few signs (the Kelvin
/// sign folds to `k`), which a field therefore does not find. A field holding other text folds
/// each text that is not ASCII too.
struct Matcher {
    typed: String,
}

impl Matcher {
    fn new(typed: &str) -> Self {
        let typed = typed.trim();
        Self {
            typed: if typed.is_ascii() {
                typed.to_ascii_lowercase()
            } else {
                crate::browser::lowercase(typed)
            },
        }
    }

    fn matches(&self, text: &str) -> bool {
        let typed = &self.typed;
        if typed.is_empty() {
            true
        } else if typed.is_ascii() {
            // No allocation per text: a field may filter hundreds of thousands per keystroke,
            // and a window is compared only where its first byte is the typed text's (three
            // quarters of the time it took to compare every window, over 530,000 users).
            let typed = typed.as_bytes();
            let first = typed.first().copied();
            text.as_bytes().windows(typed.len()).any(|window| {
                window.first().map(u8::to_ascii_lowercase) == first
                    && window.eq_ignore_ascii_case(typed)
            })
        } else {
            // Folded, a text that is not ASCII stays so, and an ASCII one holds none of it.
            !text.is_ascii() && crate::browser::lowercase(text).contains(typed.as_str())
        }
    }
}

/// The suggestions for a field holding `typed`: the first [`MOST_SUGGESTIONS`] choices whose
/// value or label contains it, ignoring case (every choice, up to that many, when it is empty).
pub fn suggestions<'a>(choices: &'a [Choice], typed: &str) -> Vec<&'a Choice> {
    let matcher = Matcher::new(typed);
    choices
        .iter()
        .filter(|choice| matcher.matches(&choice.value) || matcher.matches(&choice.label))
        .take(MOST_SUGGESTIONS)
        .collect()
}

/// How a user's choice is labelled.
#[derive(Clone, Copy)]
enum Label<'a> {
    /// Always this text.
    Fixed(&'static str),
    /// This text, then who the user is (see [`describe`]).
    Who(&'static str, &'a User),
}

impl Label<'_> {
    fn write(self, into: &mut String) {
        match self {
            Self::Fixed(text) => into.push_str(text),
            Self::Who(before, user) => {
                into.push_str(before);
                describe(user, into);
            }
        }
    }
}

/// How many users a directory may have before its suggestions are looked for only once typing
/// pauses: searching 106,000 users takes about 25 ms in headless Chromium, and 530,000 (a
/// 129 MB document) about 75 ms.
pub const LARGE_DIRECTORY: usize = 100_000;

/// The first [`MOST_SUGGESTIONS`] of `candidates` whose value or label contains `typed`, as
/// [`suggestions`] picks them: each label is written into one buffer and copied only when
/// picked, so a directory of 100,000 users is offered without building 400,000 texts.
fn pick<'a>(candidates: impl Iterator<Item = (&'a str, Label<'a>)>, typed: &str) -> Vec<Choice> {
    let matcher = Matcher::new(typed);
    let mut label = String::new();
    let mut picked = Vec::new();
    for (value, how) in candidates {
        label.clear();
        how.write(&mut label);
        if matcher.matches(value) || matcher.matches(&label) {
            picked.push(Choice {
                value: value.to_owned(),
                label: label.clone(),
            });
            if picked.len() == MOST_SUGGESTIONS {
                break;
            }
        }
    }
    picked
}

/// The suggestions for every question field, read from the loaded document when a field asks.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// The loaded document, when it loaded.
    load: Option<Load>,
    /// Role IDs, for both `ImpersonationRoleId` fields (an organization has at most 20 roles).
    roles: Vec<Choice>,
}

impl PartialEq for Choices {
    /// The same document loaded once.
    fn eq(&self, other: &Self) -> bool {
        match (&self.load, &other.load) {
            (Some(one), Some(other)) => Rc::ptr_eq(one, other),
            (None, None) => true,
            _ => false,
        }
    }
}

/// Who a user is, for people: the name and email the directory has (nothing without them).
fn describe(user: &User, into: &mut String) {
    let name = user.display_name.as_deref().or(user.name.as_deref());
    match (name, user.email.as_deref()) {
        (Some(name), Some(email)) => {
            into.push_str(name);
            into.push_str(" <");
            into.push_str(email);
            into.push('>');
        }
        (Some(text), None) | (None, Some(text)) => into.push_str(text),
        (None, None) => {}
    }
}

impl Choices {
    /// The suggestions a loaded document offers.
    pub fn of(load: &Load) -> Self {
        let roles = loaded::organization(load)
            .map(Organization::impersonation_roles)
            .unwrap_or_default()
            .iter()
            .map(|role| Choice {
                value: role.impersonation_role_id.clone(),
                label: format!("{} ({})", role.name, role.role_type),
            })
            .collect();
        Self {
            load: Some(Rc::clone(load)),
            roles,
        }
    }

    /// Whether the directory is so large that searching it on every keystroke would slow typing
    /// down: over [`LARGE_DIRECTORY`] users.
    pub fn is_large(&self) -> bool {
        self.users().len() > LARGE_DIRECTORY
    }

    fn users(&self) -> &[User] {
        self.load
            .as_ref()
            .and_then(loaded::organization)
            .and_then(Organization::users)
            .unwrap_or_default()
    }

    /// User IDs, for `UserId`, that contain `typed` in themselves or their label.
    pub fn user_ids(&self, typed: &str) -> Vec<Choice> {
        let candidates = self
            .users()
            .iter()
            .map(|user| (user.id.as_str(), Label::Who("", user)));
        pick(candidates, typed)
    }

    /// User IDs, emails and user names, for `TargetUser`, that contain `typed`.
    pub fn targets(&self, typed: &str) -> Vec<Choice> {
        let candidates = self.users().iter().flat_map(|user| {
            [
                Some((user.id.as_str(), Label::Who("user ID of ", user))),
                user.email
                    .as_deref()
                    .map(|email| (email, Label::Fixed("email"))),
                user.name
                    .as_deref()
                    .map(|name| (name, Label::Who("user name of ", user))),
            ]
            .into_iter()
            .flatten()
        });
        pick(candidates, typed)
    }

    /// Role IDs that contain `typed`.
    pub fn roles(&self, typed: &str) -> Vec<&Choice> {
        suggestions(&self.roles, typed)
    }

    /// How to name a user ID for people: its name and email when the directory has them.
    pub fn user_label(&self, id: &str) -> Option<String> {
        let organization = self.load.as_ref().and_then(loaded::organization)?;
        let user = organization
            .directory()
            .resolve(id)
            .map(|resolved| resolved.user)
            .filter(|user| user.id == id)?;
        let mut label = String::new();
        describe(user, &mut label);
        (!label.is_empty()).then_some(label)
    }

    /// How to name a role ID for people.
    pub fn role_label(&self, id: &str) -> Option<String> {
        self.roles
            .iter()
            .find(|choice| choice.value == id)
            .map(|choice| choice.label.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::{ARCHIVER_ROLE, Preset};

    #[test]
    fn the_directory_offers_users_and_roles() {
        let choices = Choices::of(&loaded::load(Preset::ArchivingRole.document()));
        assert_eq!(choices.user_ids("").len(), 3);
        assert_eq!(choices.targets("").len(), 9);
        assert_eq!(choices.roles("").len(), 1);
        assert_eq!(
            choices.role_label(ARCHIVER_ROLE).as_deref(),
            Some("archiver (READ_ONLY)")
        );
        let ceo = "S-1-1-11-1111111111-2222222222-3333333333-2001";
        assert_eq!(
            choices.user_label(ceo).as_deref(),
            Some("Chief Executive <ceo@example.com>")
        );
        // By ID only: an email names the user elsewhere, not here.
        assert_eq!(choices.user_label("ceo@example.com"), None);
        let targets = choices.targets("CEO");
        let labels: Vec<(&str, &str)> = targets
            .iter()
            .map(|choice| (choice.value.as_str(), choice.label.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                (ceo, "user ID of Chief Executive <ceo@example.com>"),
                ("ceo@example.com", "email"),
                ("ceo", "user name of Chief Executive <ceo@example.com>"),
            ]
        );
        assert_eq!(
            choices.user_ids("chief exec"),
            [Choice {
                value: ceo.to_owned(),
                label: "Chief Executive <ceo@example.com>".to_owned()
            }]
        );
    }

    /// A directory document of `count` users.
    fn directory(count: usize) -> String {
        let users: Vec<String> = (0..count)
            .map(|at| {
                format!(
                    r#"{{"Id": "S-1-1-11-{at:08}", "Email": "u{at}@example.com", "Name": "u{at}", "DisplayName": "User Number {at}"}}"#
                )
            })
            .collect();
        format!(r#"{{"Users": [{}]}}"#, users.join(","))
    }

    #[test]
    fn a_directory_over_the_limit_is_large() {
        let large = |count| Choices::of(&loaded::load(&directory(count))).is_large();
        assert!(!large(LARGE_DIRECTORY));
        assert!(large(LARGE_DIRECTORY + 1));
        assert!(!Choices::default().is_large());
    }

    #[test]
    fn typed_text_is_found_after_a_false_start_and_anywhere_in_a_text() {
        let matcher = Matcher::new("Ab");
        for text in ["ab", "aab", "xaAB", "a-ab", "zzzAB"] {
            assert!(matcher.matches(text), "{text}");
        }
        for text in ["", "a", "ba", "a b", "aa"] {
            assert!(!matcher.matches(text), "{text}");
        }
    }

    #[test]
    fn a_large_directory_is_offered_a_bounded_list_read_when_asked() {
        let text = directory(20_000);
        let choices = Choices::of(&loaded::load(&text));
        let values = |found: Vec<Choice>| -> Vec<String> {
            found.into_iter().map(|choice| choice.value).collect()
        };
        assert_eq!(values(choices.user_ids("")).len(), MOST_SUGGESTIONS);
        assert_eq!(values(choices.user_ids(""))[0], "S-1-1-11-00000000");
        // By value, by label (across name and email), ignoring case and the spaces around.
        assert_eq!(
            values(choices.user_ids("s-1-1-11-00019999")),
            ["S-1-1-11-00019999"]
        );
        assert_eq!(
            values(choices.user_ids(" U19998@EXAMPLE ")),
            ["S-1-1-11-00019998"]
        );
        assert_eq!(
            values(choices.user_ids("number 12345 <")),
            ["S-1-1-11-00012345"]
        );
        assert_eq!(
            values(choices.targets("u12345@")),
            ["S-1-1-11-00012345", "u12345@example.com", "u12345"],
            "each of the user's targets is labelled with the email"
        );
        assert!(choices.user_ids("nobody").is_empty());
        let many = values(choices.targets("199"));
        assert_eq!(many.len(), MOST_SUGGESTIONS);
        assert_eq!(
            choices.user_label("S-1-1-11-00000007").as_deref(),
            Some("User Number 7 <u7@example.com>")
        );
        assert_eq!(choices, Choices::of(&loaded::load(&text)), "the same load");
        assert_ne!(choices, Choices::default());
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
        let choices = Choices::of(&loaded::load(Preset::AwsDocumentationExample.document()));
        assert!(choices.user_ids("").is_empty() && choices.targets("").is_empty());
        assert_eq!(choices.user_label("anyone"), None);
        let broken = Choices::of(&loaded::load("{"));
        assert!(broken.user_ids("").is_empty() && broken.roles("").is_empty());
    }
}
