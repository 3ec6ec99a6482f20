//! What the package's `workmail-policy` command needs beyond the typed API: the outcome of each
//! command (`call`, `explain`, and the analysis commands in [`analyze`]), computed here so that
//! it is formatted as the Rust command line formats it (diagnostics, API errors, explanations and
//! reports through the core's `Display`, JSON with a 4-space indent, the same messages for
//! unreadable files and input, the same exit statuses). The JavaScript side parses the
//! arguments, reads the files, prints, saves and exits.
//!
//! These exports are left out of the TypeScript declarations: they serve the command, not users.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use workmail_policy::analysis::{PolicyRequest, what_would_change};
use workmail_policy::text::request_without_input;
use workmail_policy::{
    ApiError, Diagnostic, DocumentError, Environment, GetAccessControlEffectRequest,
    GetImpersonationRoleEffectRequest, Operation, Organization,
};

use crate::convert::{json_to_js, type_error};
use crate::environment::JsEnvironment;

mod analyze;

/// Exit status of a command that did what was asked.
const SUCCESS: u8 = 0;
/// Exit status of invalid arguments, input or document.
const INVALID: u8 = 252;
/// Exit status of an API error.
const API_ERROR: u8 = 254;

/// What a command prints, in order (`warnings` on stderr, `stdout`, then `stderr`), and its exit
/// status; after a successful mutating call with `--save`, also the document to write back
/// before `stdout` is printed.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Outcome {
    status: u8,
    warnings: String,
    stdout: String,
    stderr: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<String>,
}

impl Outcome {
    /// Invalid arguments, input or document: each problem on its own `error: ` line.
    fn invalid(warnings: String, problems: &[String]) -> Self {
        Self {
            status: INVALID,
            warnings,
            stderr: problems
                .iter()
                .map(|problem| format!("error: {problem}\n"))
                .collect(),
            ..Self::default()
        }
    }

    /// An API error: `{"Error": ...}` on stdout when JSON is wanted, the AWS CLI's line on stderr.
    fn api_error(warnings: String, error: &ApiError, operation: Operation, json: bool) -> Self {
        Self {
            status: API_ERROR,
            warnings,
            stdout: if json {
                pretty(&error.to_json())
            } else {
                String::new()
            },
            stderr: format!("{}\n", error.cli_message(operation)),
            document: None,
        }
    }
}

/// A file named on the command line, as the JavaScript side read it: its bytes (as a string of
/// code points 0 to 255, Node.js's `latin1`, so they cross as JSON unchanged), or why it could
/// not be read (`no such file`, `permission denied`...). For `call --save`, the JavaScript side
/// first says what the document's path is when it is not a regular file (`a named pipe`...),
/// and then does not read it.
#[derive(Debug, Deserialize)]
struct File {
    path: String,
    #[serde(default)]
    bytes: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default, rename = "notRegular")]
    not_regular: Option<String>,
}

/// Why a file's text could not be had.
enum Unreadable {
    /// The JavaScript side could not read it.
    Io(String),
    /// Its bytes are not UTF-8 text.
    Encoding(Diagnostic),
}

impl File {
    /// The path as a message shows it.
    fn shown(&self) -> String {
        format!("`{}`", self.path)
    }

    /// The file's text: a UTF-8 byte order mark is dropped; UTF-16 and invalid UTF-8 are located.
    fn text(&self) -> Result<String, Unreadable> {
        let bytes: Vec<u8> = match (&self.bytes, &self.error) {
            (Some(bytes), None) => bytes
                .chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                .collect(),
            (_, error) => {
                return Err(Unreadable::Io(
                    error.clone().unwrap_or_else(|| "unknown error".to_owned()),
                ));
            }
        };
        workmail_policy::text::decode(&bytes).map_err(Unreadable::Encoding)
    }
}

/// JSON with a 4-space indent and a final newline, as the AWS CLI prints it.
fn pretty<T: Serialize + ?Sized>(value: &T) -> String {
    workmail_policy::text::pretty_json(value).unwrap_or_else(|error| format!("\"{error}\"\n"))
}

/// Loads the organization document. Its warnings go to `warnings` unless `quiet`.
fn load_organization(
    org: &File,
    quiet: bool,
    warnings: &mut String,
) -> Result<Organization, String> {
    let text = match org.text() {
        Ok(text) => text,
        Err(Unreadable::Io(reason)) => {
            return Err(format!(
                "cannot read the organization document {}: {reason}",
                org.shown()
            ));
        }
        Err(Unreadable::Encoding(diagnostic)) => {
            return Err(document_failure(org, &DocumentError::from(diagnostic)));
        }
    };
    match Organization::from_json(&text) {
        Ok(loaded) => {
            if !quiet {
                for warning in &loaded.warnings {
                    warnings.push_str(&format!("{warning}\n"));
                }
            }
            Ok(loaded.organization)
        }
        Err(error) => Err(document_failure(org, &error)),
    }
}

fn document_failure(org: &File, error: &DocumentError) -> String {
    let text = error.to_string();
    format!(
        "cannot load {}: {}",
        org.shown(),
        text.trim_end_matches('\n')
    )
}

/// Reads `--input`: JSON text, or `@PATH` (whose file the JavaScript side read into `file`).
fn read_input(input: &str, file: Option<&File>) -> Result<Value, String> {
    let (text, source) = match (input.strip_prefix('@'), file) {
        (Some(""), _) => {
            return Err("`--input @` names no file; write `--input @request.json`".to_owned());
        }
        (Some(path), file) => {
            let source = format!("`--input` file `{path}`");
            let text = match file.map(File::text) {
                Some(Ok(text)) => text,
                Some(Err(Unreadable::Io(reason))) => {
                    return Err(format!("cannot read {source}: {reason}"));
                }
                Some(Err(Unreadable::Encoding(d))) => {
                    return Err(format!(
                        "cannot read {source}: {}:{}: {}",
                        d.line, d.column, d.message
                    ));
                }
                None => return Err(format!("cannot read {source}: it was not read")),
            };
            (text, source)
        }
        (None, _) => (input.to_owned(), "`--input`".to_owned()),
    };
    workmail_policy::json::parse(&text)
        .map(|parsed| parsed.value)
        .map_err(|error| {
            format!(
                "{source} is not JSON: {}:{}: {}",
                error.position.line, error.position.column, error.message
            )
        })
}

/// `workmail-policy call`'s arguments, as the JavaScript side parsed them.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CallArguments {
    operation: String,
    org: File,
    #[serde(default)]
    input: Option<String>,
    #[serde(default)]
    input_file: Option<File>,
    #[serde(default)]
    save: bool,
    #[serde(default)]
    quiet: bool,
}

fn run_call(arguments: &CallArguments, env: &mut dyn Environment) -> Outcome {
    let mut warnings = String::new();
    let mut problems = Vec::new();
    let operation = arguments
        .operation
        .parse::<Operation>()
        .map_err(|unknown| problems.push(unknown.to_string()))
        .ok();
    let input = match (&arguments.input, operation) {
        (Some(input), _) => read_input(input, arguments.input_file.as_ref()),
        (None, Some(operation)) => request_without_input(operation),
        (None, None) => Ok(Value::Null),
    }
    .map_err(|problem| problems.push(problem))
    .ok();
    let organization = match (&arguments.org.not_regular, arguments.save) {
        (Some(kind), true) => {
            problems.push(format!(
                "`--save` cannot replace {}: it is {kind}, not a regular file; give `--org` the document's file",
                arguments.org.shown()
            ));
            None
        }
        _ => load_organization(&arguments.org, arguments.quiet, &mut warnings)
            .map_err(|problem| problems.push(problem))
            .ok(),
    };
    let (Some(operation), Some(mut organization), Some(input), true) =
        (operation, organization, input, problems.is_empty())
    else {
        return Outcome::invalid(warnings, &problems);
    };
    match organization.call(operation, &input, env) {
        Ok(response) => Outcome {
            status: SUCCESS,
            warnings,
            stdout: pretty(&response),
            stderr: String::new(),
            document: (arguments.save && operation.is_mutating()).then(|| organization.to_json()),
        },
        Err(error) => Outcome::api_error(warnings, &error, operation, true),
    }
}

/// `workmail-policy explain`'s arguments, as the JavaScript side parsed and checked them.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExplainArguments {
    org: File,
    #[serde(default)]
    ip_address: Option<String>,
    #[serde(default)]
    action: Option<String>,
    #[serde(default)]
    user_id: Option<String>,
    #[serde(default)]
    impersonation_role_id: Option<String>,
    #[serde(default)]
    target_user: Option<String>,
    #[serde(default)]
    organization_id: Option<String>,
    /// `json`; anything else is text.
    #[serde(default)]
    output: Option<String>,
    #[serde(default)]
    quiet: bool,
    /// `--suggest`: the single edits that would flip the answer, after the explanation.
    #[serde(default)]
    suggest: bool,
}

fn run_explain(arguments: ExplainArguments) -> Outcome {
    let mut warnings = String::new();
    let organization = match load_organization(&arguments.org, arguments.quiet, &mut warnings) {
        Ok(organization) => organization,
        Err(problem) => return Outcome::invalid(warnings, &[problem]),
    };
    let json = arguments.output.as_deref() == Some("json");
    let suggest = arguments.suggest;
    let (shown, operation) = match arguments.target_user {
        Some(target_user) => {
            let request = GetImpersonationRoleEffectRequest {
                organization_id: arguments.organization_id,
                impersonation_role_id: arguments.impersonation_role_id.unwrap_or_default(),
                target_user,
            };
            let answer = organization.explain_impersonation(&request);
            let request = PolicyRequest::GetImpersonationRoleEffect(request);
            (
                answer.map(|explanation| {
                    explained(
                        &organization,
                        &explanation,
                        suggest.then_some(&request),
                        json,
                    )
                }),
                Operation::GetImpersonationRoleEffect,
            )
        }
        None => {
            let request = GetAccessControlEffectRequest {
                organization_id: arguments.organization_id,
                ip_address: arguments.ip_address.unwrap_or_default(),
                action: arguments.action.unwrap_or_default(),
                user_id: arguments.user_id,
                impersonation_role_id: arguments.impersonation_role_id,
            };
            let answer = organization.explain_access(&request);
            let request = PolicyRequest::GetAccessControlEffect(request);
            (
                answer.map(|explanation| {
                    explained(
                        &organization,
                        &explanation,
                        suggest.then_some(&request),
                        json,
                    )
                }),
                Operation::GetAccessControlEffect,
            )
        }
    };
    match shown {
        Ok(stdout) => Outcome {
            status: SUCCESS,
            warnings,
            stdout,
            stderr: String::new(),
            document: None,
        },
        Err(error) => Outcome::api_error(warnings, &error, operation, json),
    }
}

/// An explanation as its serde JSON or as text (its `Display`), followed (with `--suggest`) by
/// the single edits that flip it: a `Suggestions` member, or the core's text after a blank line.
fn explained<T: std::fmt::Display + Serialize>(
    organization: &Organization,
    explanation: &T,
    suggest: Option<&PolicyRequest>,
    json: bool,
) -> String {
    // The request's own error was reported by the explanation, so it cannot happen here.
    let suggestions = suggest.and_then(|request| what_would_change(organization, request).ok());
    match (json, suggestions) {
        (true, None) => pretty(explanation),
        (true, Some(suggestions)) => {
            let mut value = serde_json::to_value(explanation).unwrap_or(Value::Null);
            let list = serde_json::to_value(&suggestions.suggestions).unwrap_or(Value::Null);
            if let Value::Object(members) = &mut value {
                members.insert("Suggestions".to_owned(), list);
            }
            pretty(&value)
        }
        (false, suggestions) => {
            let mut text = explanation.to_string();
            if let Some(suggestions) = suggestions {
                text.push('\n');
                text.push_str(&suggestions.to_string());
            }
            text
        }
    }
}

/// Runs one command of the package's `workmail-policy` with the arguments the JavaScript side
/// parsed (files as `{path, bytes}` with the bytes as a `latin1` string, or `{path, error}`), and
/// returns `{status, warnings, stdout, stderr, document?}`. The commands and their arguments:
///
/// - `call`: `{operation, org, input?, inputFile?, save?, quiet?}`
/// - `explain`: `{org, ipAddress?, action?, userId?, impersonationRoleId?, targetUser?,
///   organizationId?, output?, suggest?, quiet?}`
/// - `table`, `diff`, `lint`, `test`, `impersonate`: see [`analyze`].
#[wasm_bindgen(js_name = cliRun, skip_typescript)]
pub fn cli_run(command: &str, arguments: JsValue) -> Result<JsValue, JsValue> {
    crate::install_panic_hook();
    let outcome = match command {
        "call" => run_call(&read_arguments(&arguments)?, &mut JsEnvironment),
        "explain" => run_explain(read_arguments(&arguments)?),
        "table" => analyze::table(read_arguments(&arguments)?),
        "diff" => analyze::diff(read_arguments(&arguments)?),
        "lint" => analyze::lint(&read_arguments(&arguments)?),
        "test" => analyze::test(&read_arguments(&arguments)?),
        "impersonate" => analyze::impersonate(read_arguments(&arguments)?, &mut JsEnvironment),
        _ => return Err(type_error(&format!("`{command}` is not a command"))),
    };
    json_to_js(&outcome)
}

/// Reads a command's arguments object (a malformed one is the command's own bug: `TypeError`).
fn read_arguments<T: serde::de::DeserializeOwned>(arguments: &JsValue) -> Result<T, JsValue> {
    let value = crate::convert::json_from_js(arguments, "arguments")?;
    // By reference, as the core reads documents: one set of `Value` deserializers.
    T::deserialize(&value).map_err(|error| type_error(&format!("`arguments`: {error}")))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use workmail_policy::FixedEnvironment;

    const DOCUMENT: &str = r#"{"OrganizationId": "m-0123456789abcdef0123456789abcdef",
        "AccessControlRules": [
          {"Name": "default", "Effect": "ALLOW", "Description": "Default WorkMail Rule",
           "DateCreated": 0.0, "DateModified": 0.0},
          {"Name": "no-imap", "Effect": "DENY", "Description": "", "Actions": ["IMAP"]}]}"#;

    /// `org.json`, read as `text`.
    pub(super) fn file(text: &str) -> File {
        File {
            path: "org.json".into(),
            bytes: Some(text.bytes().map(char::from).collect()),
            error: None,
            not_regular: None,
        }
    }

    fn call(document: &str, operation: &str, input: Option<&str>) -> Outcome {
        let arguments = CallArguments {
            operation: operation.into(),
            org: file(document),
            input: input.map(str::to_owned),
            input_file: None,
            save: true,
            quiet: false,
        };
        run_call(&arguments, &mut FixedEnvironment::new(1_700_000_000.0, 1))
    }

    #[test]
    fn a_call_prints_the_response_with_four_spaces() {
        let input =
            r#"{"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-1111111111"}"#;
        let outcome = call(DOCUMENT, "get-access-control-effect", Some(input));
        assert_eq!(outcome.status, SUCCESS);
        assert_eq!(
            outcome.stdout,
            "{\n    \"Effect\": \"DENY\",\n    \"MatchedRules\": [\n        \"no-imap\"\n    ]\n}\n"
        );
        assert!(outcome.document.is_none());
    }

    #[test]
    fn timestamps_keep_their_rust_form() {
        let outcome = call(DOCUMENT, "ListAccessControlRules", None);
        assert!(
            outcome.stdout.contains("\"DateCreated\": 0.0"),
            "{}",
            outcome.stdout
        );
    }

    #[test]
    fn an_api_error_prints_as_the_aws_cli() {
        let outcome = call(
            DOCUMENT,
            "GetImpersonationRole",
            Some(r#"{"ImpersonationRoleId": "nope"}"#),
        );
        assert_eq!(outcome.status, API_ERROR);
        assert!(
            outcome.stdout.starts_with(
                "{\n    \"Error\": {\n        \"Code\": \"ResourceNotFoundException\""
            )
        );
        assert!(outcome.stderr.starts_with(
            "An error occurred (ResourceNotFoundException) when calling the GetImpersonationRole operation: "
        ));
    }

    #[test]
    fn every_invalid_argument_is_reported_at_once() {
        let outcome = call(
            r#"{"AccessControlRules": [{"Name": "x", "Effect": "MAYBE"}]}"#,
            "ListUsers",
            Some("{"),
        );
        assert_eq!(outcome.status, INVALID);
        assert!(outcome.stdout.is_empty());
        let lines: Vec<&str> = outcome
            .stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .collect();
        assert_eq!(lines.len(), 3, "{}", outcome.stderr);
        assert!(
            outcome
                .stderr
                .contains("error: cannot load `org.json`: the document has 1 error:\nerror[")
        );
    }

    #[test]
    fn operations_with_required_members_need_input() {
        let outcome = call(DOCUMENT, "PutAccessControlRule", None);
        assert_eq!(
            outcome.stderr,
            "error: `put-access-control-rule` needs `--input` with its request (`Name`, `Effect`, `Description` required)\n"
        );
    }

    #[test]
    fn unreadable_files_are_described() {
        let mut arguments = CallArguments {
            operation: "ListAccessControlRules".into(),
            org: File {
                path: "gone.json".into(),
                bytes: None,
                error: Some("no such file".into()),
                not_regular: None,
            },
            input: Some("@".into()),
            input_file: None,
            save: false,
            quiet: false,
        };
        let env = &mut FixedEnvironment::new(0.0, 0);
        assert_eq!(
            run_call(&arguments, env).stderr,
            "error: `--input @` names no file; write `--input @request.json`\nerror: cannot read the organization document `gone.json`: no such file\n"
        );
        arguments.org = file("\u{feff}{}");
        arguments.input = Some("@request.json".into());
        arguments.input_file = Some(File {
            path: "request.json".into(),
            bytes: Some(
                b"{\"a\": \"\xC3\xA9\xFF\"}"
                    .iter()
                    .map(|b| char::from(*b))
                    .collect(),
            ),
            error: None,
            not_regular: None,
        });
        assert_eq!(
            run_call(&arguments, env).stderr,
            "error: cannot read `--input` file `request.json`: 1:9: the file is not UTF-8 text\n"
        );
    }

    #[test]
    fn a_mutating_call_with_save_returns_the_document() {
        let outcome = call(
            DOCUMENT,
            "DeleteAccessControlRule",
            Some(r#"{"Name": "no-imap"}"#),
        );
        assert_eq!((outcome.status, outcome.stdout.as_str()), (SUCCESS, "{}\n"));
        assert!(outcome.document.is_some_and(|d| !d.contains("no-imap")));
    }

    #[test]
    fn explain_renders_text_or_json() {
        let arguments = |output: &str| ExplainArguments {
            org: file(DOCUMENT),
            ip_address: Some("192.0.2.1".into()),
            action: Some("IMAP".into()),
            user_id: Some("S-1-1-11-1111111111".into()),
            impersonation_role_id: None,
            target_user: None,
            organization_id: None,
            output: Some(output.into()),
            quiet: false,
            suggest: false,
        };
        let text = run_explain(arguments("text"));
        assert_eq!(text.status, SUCCESS);
        assert!(text.stdout.starts_with("DENY"), "{}", text.stdout);
        let json = run_explain(arguments("json"));
        let parsed: Result<Value, _> = serde_json::from_str(&json.stdout);
        assert_eq!(
            parsed.ok().and_then(|v| v.get("Effect").cloned()),
            Some("DENY".into())
        );
    }

    #[test]
    fn explain_errors_print_json_only_for_json_output() {
        let arguments = |output: &str| ExplainArguments {
            org: file(DOCUMENT),
            ip_address: None,
            action: None,
            user_id: None,
            impersonation_role_id: Some("nope".into()),
            target_user: Some("jane".into()),
            organization_id: None,
            output: Some(output.into()),
            quiet: false,
            suggest: false,
        };
        let text = run_explain(arguments("text"));
        assert_eq!((text.status, text.stdout.as_str()), (API_ERROR, ""));
        let json = run_explain(arguments("json"));
        assert!(json.stdout.contains("ResourceNotFoundException"));
        assert!(json.stderr.contains("GetImpersonationRoleEffect operation"));
    }
}
