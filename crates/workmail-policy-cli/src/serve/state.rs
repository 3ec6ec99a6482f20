//! The served organization and its file, kept equal: a change is applied only once it is saved.

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use serde_json::Value;
use workmail_policy::{Operation, Organization};

use super::wire::WireError;
use crate::native::{call_with_system, save_atomically, stderr_line};

/// The organization the server answers from, and the file it is saved to.
#[derive(Debug)]
pub struct Served {
    organization: Mutex<Organization>,
    file: PathBuf,
}

impl Served {
    /// Serves `organization`, saving changes to `file`.
    pub fn new(organization: Organization, file: PathBuf) -> Self {
        Self {
            organization: Mutex::new(organization),
            file,
        }
    }

    /// Runs one operation, as `workmail-policy call --save` would. Calls take turns: a change
    /// and its save happen under one lock, so no change is lost and the file always holds the
    /// organization that is being served.
    ///
    /// A changing operation runs on a copy. The copy replaces the served organization only after
    /// it is saved; if it cannot be saved, the client gets a server error and the organization
    /// (and its file) stay as they were. This blocks on the file system: call it off the server's
    /// event loop.
    ///
    /// # Errors
    /// The operation's API error, or an internal failure (the change could not be saved, or the
    /// system gave no random bytes); nothing changed then.
    pub fn call(&self, operation: Operation, input: &Value) -> Result<Value, WireError> {
        // Nothing panics while holding the lock; if something did, the organization it guards
        // is still whole, because changes are made on a copy.
        let mut served = self
            .organization
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if !operation.is_mutating() {
            return answer(call_with_system(&mut served, operation, input));
        }
        let mut changed = served.clone();
        let response = answer(call_with_system(&mut changed, operation, input))?;
        match save_atomically(&self.file, &changed.to_json()) {
            Ok(()) => {}
            Err(error) if error.unchanged() => {
                return Err(WireError::internal(format!(
                    "the change was not applied: {}",
                    error.message(&self.file)
                )));
            }
            // The file holds the change (only the rename's durability is in doubt), so the
            // served organization follows it.
            Err(error) => stderr_line(&format!("warning: {}", error.message(&self.file))),
        }
        *served = changed;
        Ok(response)
    }

    /// A copy of the organization being served.
    #[cfg(test)]
    pub fn snapshot(&self) -> Organization {
        self.organization
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

fn answer(
    result: Result<Result<Value, workmail_policy::ApiError>, getrandom::Error>,
) -> Result<Value, WireError> {
    match result {
        Ok(answer) => answer.map_err(WireError::from),
        Err(error) => Err(WireError::internal(format!(
            "the operating system gave no random bytes ({error}); nothing was changed"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const RULE: &str =
        r#"{"Name": "no-imap", "Effect": "DENY", "Description": "", "Actions": ["IMAP"]}"#;

    fn served(folder: &tempfile::TempDir) -> (Served, PathBuf) {
        let path = folder.path().join("org.json");
        std::fs::write(&path, "{}").unwrap();
        let organization = Organization::from_json("{}").unwrap().organization;
        (Served::new(organization, path.clone()), path)
    }

    fn rule_names(organization: &Organization) -> Vec<String> {
        let mut organization = organization.clone();
        let listed = call_with_system(
            &mut organization,
            Operation::ListAccessControlRules,
            &json!({}),
        )
        .unwrap()
        .unwrap();
        listed["Rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|rule| rule["Name"].as_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn a_change_is_saved_before_it_is_answered() {
        let folder = tempfile::tempdir().unwrap();
        let (served, path) = served(&folder);
        let rule: Value = serde_json::from_str(RULE).unwrap();
        assert_eq!(
            served.call(Operation::PutAccessControlRule, &rule),
            Ok(json!({}))
        );
        let saved = std::fs::read_to_string(&path).unwrap();
        let saved = Organization::from_json(&saved).unwrap().organization;
        assert_eq!(saved, served.snapshot());
        assert_eq!(rule_names(&saved), ["default", "no-imap"]);
    }

    #[test]
    fn reads_and_refusals_leave_the_file_alone() {
        let folder = tempfile::tempdir().unwrap();
        let (served, path) = served(&folder);
        served
            .call(Operation::ListAccessControlRules, &json!({}))
            .unwrap();
        let refused = served
            .call(Operation::PutAccessControlRule, &json!({"Name": "x"}))
            .unwrap_err();
        assert_eq!(
            (refused.status, refused.code),
            (400, "InvalidParameterException")
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}");
    }

    #[test]
    fn a_change_that_cannot_be_saved_is_not_applied() {
        let folder = tempfile::tempdir().unwrap();
        let (served, path) = served(&folder);
        std::fs::remove_file(&path).unwrap();
        let rule: Value = serde_json::from_str(RULE).unwrap();
        let error = served
            .call(Operation::PutAccessControlRule, &rule)
            .unwrap_err();
        assert_eq!((error.status, error.code), (500, "InternalFailure"));
        assert!(
            error
                .message
                .starts_with("the change was not applied: cannot save `"),
            "{}",
            error.message
        );
        assert_eq!(rule_names(&served.snapshot()), ["default"]);
        assert!(!path.exists());
    }
}
