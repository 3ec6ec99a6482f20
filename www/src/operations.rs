//! The operations form: any of the eleven operations run against the document, as
//! `aws workmail` would run it against the organization.
//!
//! The operations run in the analysis module, which the page loads on first use: the request
//! shapes and handlers of the eleven operations stay out of the first load. [`run`] is pure:
//! the time and randomness a call needs come in as [`Entropy`], read from the browser when the
//! user runs the call (see [`crate::browser::BrowserEnvironment`]). The module sends the
//! [`Ran`] result to the page, whose reducer shows the outcome and takes the changed document.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use workmail_policy::{
    ApiError, Decision, Environment, ErrorCode, FixedEnvironment, Operation, json, text,
};

use crate::loaded;

/// What the operations form holds: the operation chosen, the request typed, and what the last
/// run gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    /// The operation to run.
    pub operation: Operation,
    /// The request's JSON text (`OrganizationId` may be left out).
    pub request: String,
    /// What the last run gave.
    pub outcome: OutcomeText,
}

impl Default for Call {
    /// `ListAccessControlRules` with an empty request: a call that works on any document.
    fn default() -> Self {
        Self {
            operation: Operation::ListAccessControlRules,
            request: "{}".to_owned(),
            outcome: OutcomeText::default(),
        }
    }
}

/// An [`Outcome`] as JSON text. The page keeps what the analysis module's runs give and
/// hands it back to the module without reading it, so its first load carries no code to read
/// or write outcomes; only the module reads them ([`OutcomeText::read`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OutcomeText(String);

impl OutcomeText {
    /// The text of an outcome.
    pub fn of(outcome: &Outcome) -> Self {
        Self(serde_json::to_string(outcome).unwrap_or_default())
    }

    /// The outcome (nothing run, for the empty text of a form that has not run).
    pub fn read(&self) -> Outcome {
        serde_json::from_str(&self.0).unwrap_or(Outcome::NotRun)
    }
}

/// What running a call gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Nothing has been run yet.
    NotRun,
    /// The document editor's text does not load, so there is no organization to run against.
    DocumentInvalid,
    /// The request is not JSON.
    RequestUnreadable {
        /// The line where reading stopped, from 1.
        line: u32,
        /// The column where reading stopped, from 1.
        column: u32,
        /// What was wrong.
        message: String,
    },
    /// The operation answered.
    Response {
        /// The operation run.
        operation: Operation,
        /// The response, exactly as the AWS CLI prints it.
        text: String,
    },
    /// The operation refused the request, as AWS would.
    Refused {
        /// The operation run.
        operation: Operation,
        /// The exception.
        code: ErrorCode,
        /// What was wrong.
        message: String,
        /// The decision that makes the request an error, when one does.
        decision: Option<DecisionId>,
    },
}

impl Outcome {
    /// The refused request's error, as the core gave it.
    pub fn error(&self) -> Option<ApiError> {
        match self {
            Self::Refused {
                code,
                message,
                decision,
                ..
            } => Some(ApiError {
                code: *code,
                message: message.clone(),
                decision: decision.map(|decision| decision.0),
            }),
            _ => None,
        }
    }
}

/// A decision as it crosses to the page: its ID (`D7`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionId(pub Decision);

impl Serialize for DecisionId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.id())
    }
}

impl<'de> Deserialize<'de> for DecisionId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        Decision::ALL
            .into_iter()
            .find(|decision| decision.id() == id)
            .map(Self)
            .ok_or_else(|| serde::de::Error::custom(format!("`{id}` is not a decision")))
    }
}

/// The time and randomness of one call, read from the browser when the user runs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entropy {
    /// The time of the call, in seconds since the Unix epoch.
    pub now: f64,
    /// The seed of the generator that makes the call's role IDs and tokens.
    pub seed: u64,
}

impl Entropy {
    /// Reads the time and a random seed from `env`.
    pub fn sample(env: &mut dyn Environment) -> Self {
        let mut seed = [0u8; 8];
        env.fill_random(&mut seed);
        Self {
            now: env.now().epoch_seconds(),
            seed: u64::from_le_bytes(seed),
        }
    }
}

/// What [`run`] gives: the outcome, and the new document text after a successful call that
/// changes the organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ran {
    /// What the call gave.
    pub outcome: OutcomeText,
    /// The organization after the call, as a document (`None`: the call changed nothing).
    pub document: Option<String>,
}

/// Runs `operation` with the JSON `request` against the organization of the `document` text.
/// An empty request means `{}`. The document changes only when the operation changes the
/// organization and succeeds.
pub fn run(document: &str, operation: Operation, request: &str, entropy: Entropy) -> Ran {
    let unchanged = |outcome| Ran {
        outcome: OutcomeText::of(&outcome),
        document: None,
    };
    let load = loaded::load(document);
    let Some(organization) = loaded::organization(&load) else {
        return unchanged(Outcome::DocumentInvalid);
    };
    let input = if request.trim().is_empty() {
        serde_json::Value::Object(serde_json::Map::new())
    } else {
        match json::parse(request) {
            Ok(parsed) => parsed.value(),
            Err(error) => {
                return unchanged(Outcome::RequestUnreadable {
                    line: error.position.line,
                    column: error.position.column,
                    message: error.message,
                });
            }
        }
    };
    let mut organization = organization.clone();
    let mut env = FixedEnvironment::new(entropy.now, entropy.seed);
    match organization.call(operation, &input, &mut env) {
        Err(error) => unchanged(Outcome::Refused {
            operation,
            code: error.code,
            message: error.message,
            decision: error.decision.map(DecisionId),
        }),
        Ok(response) => Ran {
            outcome: OutcomeText::of(&Outcome::Response {
                operation,
                // A `Value` always prints; the fallback keeps the page honest if it ever did not.
                text: text::pretty_json(&response).unwrap_or_else(|_| response.to_string()),
            }),
            document: operation.is_mutating().then(|| organization.to_json()),
        },
    }
}

#[cfg(test)]
mod tests {
    use workmail_policy::Organization;

    use super::*;

    const RULES: &str = r#"{"AccessControlRules": [
        {"Name": "default", "Effect": "ALLOW", "Description": "Default WorkMail Rule",
         "DateCreated": 0.0, "DateModified": 0.0}]}"#;
    const AT: Entropy = Entropy {
        now: 1_700_000_000.0,
        seed: 7,
    };

    #[test]
    fn a_read_only_call_answers_as_the_cli_prints_and_keeps_the_document() {
        let ran = run(RULES, Operation::ListAccessControlRules, "{}", AT);
        assert_eq!(ran.document, None);
        let Outcome::Response { operation, text } = ran.outcome.read() else {
            panic!("expected a response, got {:?}", ran.outcome);
        };
        assert_eq!(operation, Operation::ListAccessControlRules);
        assert!(text.starts_with("{\n    \"Rules\": [\n"), "{text}");
        assert!(text.ends_with("}\n"));
    }

    #[test]
    fn a_mutating_call_gives_the_changed_document() {
        let request =
            r#"{"Name": "no-imap", "Effect": "DENY", "Description": "d", "Actions": ["IMAP"]}"#;
        let ran = run(RULES, Operation::PutAccessControlRule, request, AT);
        assert_eq!(
            ran.outcome.read(),
            Outcome::Response {
                operation: Operation::PutAccessControlRule,
                text: "{}\n".to_owned(),
            }
        );
        let document = ran.document.unwrap();
        let organization = Organization::from_json(&document).unwrap().organization;
        let names: Vec<&str> = organization
            .access_control_rules()
            .iter()
            .map(|rule| rule.name.as_str())
            .collect();
        assert_eq!(names, ["default", "no-imap"]);
    }

    #[test]
    fn the_time_and_randomness_come_from_the_entropy() {
        let request = r#"{"Name": "r", "Type": "READ_ONLY", "Rules": [], "ClientToken": "t"}"#;
        let first = run("{}", Operation::CreateImpersonationRole, request, AT);
        let again = run("{}", Operation::CreateImpersonationRole, request, AT);
        let other = Entropy { seed: 8, ..AT };
        let different = run("{}", Operation::CreateImpersonationRole, request, other);
        assert_eq!(first, again);
        assert_ne!(first.outcome, different.outcome);
        assert!(first.document.unwrap().contains("1700000000"));
    }

    #[test]
    fn a_refused_call_keeps_the_document_and_says_why() {
        let request = r#"{"IpAddress": "192.0.2.0", "Action": "POP3", "UserId": "S-1-1-11-1"}"#;
        let ran = run(RULES, Operation::GetAccessControlEffect, request, AT);
        assert_eq!(ran.document, None);
        let error = ran.outcome.read().error().unwrap();
        assert_eq!(error.code, ErrorCode::InvalidParameterException);
        assert_eq!(error.decision, Some(Decision::D7));
        assert!(error.message.contains("POP3"), "{}", error.message);
    }

    #[test]
    fn a_request_that_is_not_json_is_located() {
        let ran = run(
            RULES,
            Operation::ListAccessControlRules,
            "{\n  \"a\": }",
            AT,
        );
        assert_eq!(ran.document, None);
        let Outcome::RequestUnreadable { line, column, .. } = ran.outcome.read() else {
            panic!("expected a syntax error, got {:?}", ran.outcome);
        };
        assert_eq!((line, column), (2, 8));
    }

    #[test]
    fn an_empty_request_is_an_empty_object() {
        let ran = run(RULES, Operation::ListImpersonationRoles, "  ", AT);
        assert!(
            matches!(ran.outcome.read(), Outcome::Response { .. }),
            "{ran:?}"
        );
    }

    #[test]
    fn a_document_that_does_not_load_runs_nothing() {
        let ran = run("{\"Rules\": [", Operation::ListAccessControlRules, "{}", AT);
        assert_eq!(ran.outcome.read(), Outcome::DocumentInvalid);
        assert_eq!(ran.document, None);
    }

    #[test]
    fn what_a_run_gives_crosses_to_the_page_unchanged() {
        let request = r#"{"IpAddress": "192.0.2.0", "Action": "POP3", "UserId": "S-1-1-11-1"}"#;
        let refused = run(RULES, Operation::GetAccessControlEffect, request, AT);
        let changed = run(
            RULES,
            Operation::DeleteAccessControlRule,
            r#"{"Name": "default"}"#,
            AT,
        );
        for ran in [refused, changed] {
            let text = serde_json::to_string(&ran).unwrap();
            assert_eq!(serde_json::from_str::<Ran>(&text).unwrap(), ran);
        }
        assert!(serde_json::from_str::<DecisionId>("\"D99\"").is_err());
    }

    #[test]
    fn an_outcome_text_reads_back_as_the_outcome() {
        let ran = run(RULES, Operation::ListAccessControlRules, "{}", AT);
        let outcome = ran.outcome.read();
        assert!(matches!(outcome, Outcome::Response { .. }));
        assert_eq!(OutcomeText::of(&outcome), ran.outcome);
        assert_eq!(OutcomeText::default().read(), Outcome::NotRun);
    }

    #[test]
    fn the_entropy_is_read_from_the_environment() {
        let mut env = FixedEnvironment::new(1_600_000_000.5, 3);
        let entropy = Entropy::sample(&mut env);
        assert!((entropy.now - 1_600_000_000.5).abs() < 1e-6);
        assert_ne!(entropy, Entropy::sample(&mut env), "a new seed each time");
    }
}
