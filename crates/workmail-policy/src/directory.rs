//! The organization's users, and how an identifier (user ID, email or user name) resolves to one
//! of them (D2, D12, D13, D22).

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{EntityState, User};

/// How a text identified a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Resolution {
    /// The text is the user's ID (compared exactly).
    UserId,
    /// The text is the user's email (compared case-insensitively).
    Email,
    /// The text is the user's name (compared case-insensitively).
    UserName,
}

impl Resolution {
    /// How a message names it.
    pub const fn describe(self) -> &'static str {
        match self {
            Self::UserId => "user ID",
            Self::Email => "email",
            Self::UserName => "user name",
        }
    }
}

/// A user found in the directory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resolved<'a> {
    /// Position in the directory.
    pub index: usize,
    /// The user.
    pub user: &'a User,
    /// Which of the user's identifiers the text named.
    pub by: Resolution,
}

/// Hash indexes of a user list by ID, email and user name (emails and names case-folded), so
/// that resolving an identifier does not scan the directory. The first user wins a shared key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryIndex {
    by_id: HashMap<String, usize>,
    by_email: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

impl DirectoryIndex {
    /// Indexes `users`.
    pub fn new(users: &[User]) -> Self {
        let mut index = Self::default();
        index.add(users, 0);
        index
    }

    /// Makes room for `additional` more users, so that indexing them grows no table.
    ///
    /// # Errors
    /// There is not memory enough for that many: the index is as it was, or has room for some.
    pub fn try_reserve(
        &mut self,
        additional: usize,
    ) -> Result<(), std::collections::TryReserveError> {
        self.by_id.try_reserve(additional)?;
        self.by_email.try_reserve(additional)?;
        self.by_name.try_reserve(additional)
    }

    /// Indexes `users`, the next users of the list after the `first` already indexed: a
    /// directory indexed a part at a time has the index of the whole list.
    pub fn add(&mut self, users: &[User], first: usize) {
        for (at, user) in (first..).zip(users) {
            self.by_id.entry(user.id.clone()).or_insert(at);
            if let Some(email) = &user.email {
                self.by_email
                    .entry(email.to_ascii_lowercase())
                    .or_insert(at);
            }
            if let Some(name) = &user.name {
                self.by_name.entry(name.to_ascii_lowercase()).or_insert(at);
            }
        }
    }
}

/// The directory of a document: absent (unknown, D2) or the users of `list-users`.
#[derive(Debug, Clone, Copy)]
pub struct Directory<'a> {
    users: Option<&'a [User]>,
    index: Option<&'a DirectoryIndex>,
}

impl<'a> Directory<'a> {
    /// A view of `users` (`None`: the directory is unknown), resolved by scanning.
    pub const fn new(users: Option<&'a [User]>) -> Self {
        Self { users, index: None }
    }

    /// A view of `users` resolved through `index`, which must have been built from them.
    pub const fn indexed(users: Option<&'a [User]>, index: &'a DirectoryIndex) -> Self {
        Self {
            users,
            index: Some(index),
        }
    }

    /// Whether the document lists its users.
    pub const fn is_known(&self) -> bool {
        self.users.is_some()
    }

    /// Whether a user ID exists (always true for an unknown directory, D2).
    pub fn has_user_id(&self, id: &str) -> bool {
        match (self.users, self.index) {
            (None, _) => true,
            (Some(_), Some(index)) => index.by_id.contains_key(id),
            (Some(users), None) => users.iter().any(|user| user.id == id),
        }
    }

    /// Resolves a user ID, an email or a user name, in that order (D22). `None` when the
    /// directory is unknown or nothing matches.
    ///
    /// ```
    /// use workmail_policy::directory::{Directory, Resolution};
    /// use workmail_policy::User;
    /// let users: Vec<User> = serde_json::from_str(
    ///     r#"[{"Id": "S-1-1-11-1111111111-2222222222-3333333333-3333", "Email": "Jane@Example.com", "Name": "jane"}]"#,
    /// ).unwrap();
    /// let directory = Directory::new(Some(&users));
    /// assert_eq!(directory.resolve("jane@example.com").map(|r| r.by), Some(Resolution::Email));
    /// assert_eq!(directory.resolve("JANE").map(|r| r.by), Some(Resolution::UserName));
    /// assert!(directory.resolve("john").is_none());
    /// ```
    pub fn resolve(&self, text: &str) -> Option<Resolved<'a>> {
        let users = self.users?;
        if let Some(index) = self.index {
            let folded = text.to_ascii_lowercase();
            let found = [
                (index.by_id.get(text), Resolution::UserId),
                (index.by_email.get(&folded), Resolution::Email),
                (index.by_name.get(&folded), Resolution::UserName),
            ];
            return found.into_iter().find_map(|(at, by)| {
                let index = *at?;
                users.get(index).map(|user| Resolved { index, user, by })
            });
        }
        let find = |by: Resolution, matches: &dyn Fn(&User) -> bool| {
            users
                .iter()
                .enumerate()
                .find(|(_, user)| matches(user))
                .map(|(index, user)| Resolved { index, user, by })
        };
        find(Resolution::UserId, &|user| user.id == text)
            .or_else(|| {
                find(Resolution::Email, &|user| {
                    user.email
                        .as_deref()
                        .is_some_and(|email| email.eq_ignore_ascii_case(text))
                })
            })
            .or_else(|| {
                find(Resolution::UserName, &|user| {
                    user.name
                        .as_deref()
                        .is_some_and(|name| name.eq_ignore_ascii_case(text))
                })
            })
    }
}

/// Whether a user in this state can be impersonated (D12).
pub fn can_be_impersonated(user: &User) -> bool {
    !matches!(
        user.state,
        Some(EntityState::Disabled | EntityState::Deleted)
    )
}

/// Without a directory, whether two identifiers name the same user (D2, D22): emails (texts with
/// `@`) case-insensitively, anything else exactly.
///
/// ```
/// use workmail_policy::directory::same_identifier_text;
/// assert!(same_identifier_text("Jane@Example.com", "jane@example.com"));
/// assert!(!same_identifier_text("Jane", "jane"));
/// ```
pub fn same_identifier_text(a: &str, b: &str) -> bool {
    // Two texts equal but for ASCII case both hold `@` or neither does, so `a` alone says
    // whether both are emails when they can match at all.
    if a.contains('@') {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn users() -> Vec<User> {
        serde_json::from_str(
            r#"[
                {"Id": "S-1-1-11-0001", "Email": "Jane@Example.com", "Name": "jane"},
                {"Id": "S-1-1-11-0002", "Email": "jane@example.com", "Name": "JANE"},
                {"Id": "s-1-1-11-0001", "Name": "S-1-1-11-0002"},
                {"Id": "S-1-1-11-0004"}
            ]"#,
        )
        .unwrap()
    }

    #[test]
    fn the_scanned_and_the_indexed_directory_answer_alike() {
        let users = users();
        let index = DirectoryIndex::new(&users);
        let mut added = DirectoryIndex::default();
        added.add(users.get(..2).unwrap(), 0);
        added.add(users.get(2..).unwrap(), 2);
        assert_eq!(added, index, "indexed in parts as in one go");
        let views = [
            Directory::new(Some(&users)),
            Directory::indexed(Some(&users), &index),
        ];
        for directory in views {
            assert!(directory.is_known());
            // IDs exactly; emails and names ignoring case; the first user keeps a shared key.
            assert!(directory.has_user_id("S-1-1-11-0001"));
            assert!(directory.has_user_id("s-1-1-11-0001"));
            assert!(!directory.has_user_id("S-1-1-11-0003"));
            assert!(!directory.has_user_id("jane@example.com"));
            let found = |text: &str| {
                directory
                    .resolve(text)
                    .map(|resolved| (resolved.index, resolved.by))
            };
            assert_eq!(found("S-1-1-11-0001"), Some((0, Resolution::UserId)));
            assert_eq!(found("s-1-1-11-0001"), Some((2, Resolution::UserId)));
            assert_eq!(found("JANE@example.COM"), Some((0, Resolution::Email)));
            assert_eq!(found("Jane"), Some((0, Resolution::UserName)));
            // An ID is looked for before a name.
            assert_eq!(found("S-1-1-11-0002"), Some((1, Resolution::UserId)));
            assert_eq!(found("s-1-1-11-0002"), Some((2, Resolution::UserName)));
            assert_eq!(found("S-1-1-11-0003"), None);
        }
        let unknown = Directory::new(None);
        assert!(!unknown.is_known());
        assert!(
            unknown.has_user_id("anything"),
            "an unknown directory has every user (D2)"
        );
        assert!(unknown.resolve("S-1-1-11-0001").is_none());
    }

    #[test]
    fn identifiers_without_a_directory_are_emails_ignoring_case_or_exact_text() {
        assert!(same_identifier_text("Jane@Example.com", "jane@example.COM"));
        assert!(same_identifier_text("jane", "jane"));
        assert!(!same_identifier_text("Jane", "jane"));
        assert!(!same_identifier_text(
            "jane@example.com",
            "jane@example.org"
        ));
        assert!(!same_identifier_text("jane@example.com", "jane"));
        assert!(!same_identifier_text("jane", "jane@example.com"));
    }
}
