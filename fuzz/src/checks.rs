//! The invariants the targets check. Each function panics, with the input that broke it, when
//! one does not hold.

use serde::Serialize;
use serde_json::Value;
use workmail_policy::analysis::{lint_document, load_tests};
use workmail_policy::api::Request;
use workmail_policy::{
    ApiError, CreateImpersonationRoleRequest, DeleteAccessControlRuleRequest, Diagnostic,
    DocumentError, FixedEnvironment, GetAccessControlEffectRequest,
    GetImpersonationRoleEffectRequest, ImpersonationRoleRequest, ListAccessControlRulesRequest,
    ListImpersonationRolesRequest, Operation, Organization, PutAccessControlRuleRequest,
    UpdateImpersonationRoleRequest,
};

/// A message shown to a person: one line, not empty, no control characters (a document's text
/// must never reach a terminal raw).
pub fn message(text: &str) {
    assert!(!text.trim().is_empty(), "empty message");
    assert!(
        !text.chars().any(char::is_control),
        "message with a control character: {text:?}"
    );
}

/// A diagnostic: a code, a position, a one-line message and help.
pub fn diagnostic(diagnostic: &Diagnostic) {
    assert!(!diagnostic.code.is_empty(), "{diagnostic:?}");
    assert!(
        diagnostic.line >= 1 && diagnostic.column >= 1,
        "{diagnostic:?}"
    );
    message(&diagnostic.message);
    if let Some(help) = &diagnostic.help {
        message(help);
    }
}

/// A refused document: at least one error, every diagnostic well-formed and in text order.
pub fn document_error(error: &DocumentError) {
    assert!(
        error.diagnostics.iter().any(Diagnostic::is_error),
        "a refused document without an error: {error:?}"
    );
    error.diagnostics.iter().for_each(diagnostic);
    let positions: Vec<(u32, u32)> = error
        .diagnostics
        .iter()
        .map(|d| (d.line, d.column))
        .collect();
    assert!(
        positions.is_sorted(),
        "diagnostics out of text order: {error:?}"
    );
    assert!(!error.to_string().is_empty());
}

/// An API error: a message in one line.
pub fn api_error(error: &ApiError) {
    assert!(!error.code.as_str().is_empty());
    message(&error.message);
}

/// What `--save` writes loads back as the same organization, and writes the same text again.
pub fn round_trip(organization: &Organization) {
    let text = organization.to_json();
    let reloaded = match Organization::from_json(&text) {
        Ok(loaded) => loaded.organization,
        Err(error) => panic!("the saved document does not load: {error}\n{text}"),
    };
    assert_eq!(
        &reloaded, organization,
        "the saved document loads as another organization:\n{text}"
    );
    assert_eq!(reloaded.to_json(), text, "saving is not idempotent");
}

/// Any text as a document and as a tests file: a clean refusal or a load that round-trips.
pub fn load_document(text: &str) {
    match Organization::from_json(text) {
        Err(error) => {
            document_error(&error);
            assert!(
                lint_document(text).is_err(),
                "lint loads a document the loader refuses"
            );
        }
        Ok(loaded) => {
            for warning in &loaded.warnings {
                assert!(!warning.is_error(), "an error among warnings: {warning:?}");
                diagnostic(warning);
            }
            round_trip(&loaded.organization);
            match lint_document(text) {
                Ok(report) => {
                    for finding in &report.findings {
                        message(&finding.message);
                    }
                }
                Err(error) => panic!("lint refuses a document the loader takes: {error}"),
            }
        }
    }
    match load_tests(text) {
        Err(error) => document_error(&error),
        Ok(loaded) => loaded.warnings.iter().for_each(diagnostic),
    }
}

fn to_value<T: Serialize>(value: &T) -> Value {
    match serde_json::to_value(value) {
        Ok(value) => value,
        Err(error) => panic!("a response does not serialize: {error}"),
    }
}

/// The typed function of `operation` on `organization`, with the request read from `input` as
/// [`Request::from_json`] reads it; `Err` from reading is returned as is.
fn typed(
    organization: &mut Organization,
    operation: Operation,
    input: &Value,
    env: &mut FixedEnvironment,
) -> Result<Value, ApiError> {
    fn read<T: Request>(input: &Value) -> Result<T, ApiError> {
        T::from_json(input)
    }
    match operation {
        Operation::GetAccessControlEffect => {
            let request: GetAccessControlEffectRequest = read(input)?;
            let answer = organization.get_access_control_effect(&request)?;
            // The explanation gives the same answer.
            let explained = organization.explain_access(&request)?;
            assert_eq!(
                (&explained.effect, &explained.matched_rules),
                (&answer.effect, &answer.matched_rules),
                "the explanation disagrees with the answer"
            );
            assert!(!explained.to_string().is_empty());
            Ok(to_value(&answer))
        }
        Operation::ListAccessControlRules => {
            let request: ListAccessControlRulesRequest = read(input)?;
            organization
                .list_access_control_rules(&request)
                .map(|r| to_value(&r))
        }
        Operation::PutAccessControlRule => {
            let request: PutAccessControlRuleRequest = read(input)?;
            organization
                .put_access_control_rule(request, env)
                .map(|r| to_value(&r))
        }
        Operation::DeleteAccessControlRule => {
            let request: DeleteAccessControlRuleRequest = read(input)?;
            organization
                .delete_access_control_rule(&request)
                .map(|r| to_value(&r))
        }
        Operation::CreateImpersonationRole => {
            let request: CreateImpersonationRoleRequest = read(input)?;
            organization
                .create_impersonation_role(request, env)
                .map(|r| to_value(&r))
        }
        Operation::UpdateImpersonationRole => {
            let request: UpdateImpersonationRoleRequest = read(input)?;
            organization
                .update_impersonation_role(request, env)
                .map(|r| to_value(&r))
        }
        Operation::GetImpersonationRole => {
            let request: ImpersonationRoleRequest = read(input)?;
            organization
                .get_impersonation_role(&request)
                .map(|r| to_value(&r))
        }
        Operation::DeleteImpersonationRole => {
            let request: ImpersonationRoleRequest = read(input)?;
            organization
                .delete_impersonation_role(&request)
                .map(|r| to_value(&r))
        }
        Operation::ListImpersonationRoles => {
            let request: ListImpersonationRolesRequest = read(input)?;
            organization
                .list_impersonation_roles(&request)
                .map(|r| to_value(&r))
        }
        Operation::AssumeImpersonationRole => {
            let request: ImpersonationRoleRequest = read(input)?;
            organization
                .assume_impersonation_role(&request, env)
                .map(|r| to_value(&r))
        }
        Operation::GetImpersonationRoleEffect => {
            let request: GetImpersonationRoleEffectRequest = read(input)?;
            let answer = organization.get_impersonation_role_effect(&request)?;
            let explained = organization.explain_impersonation(&request)?;
            assert_eq!(
                (&explained.effect, &explained.matched_rules),
                (&answer.effect, &answer.matched_rules),
                "the impersonation explanation disagrees with the answer"
            );
            assert!(!explained.to_string().is_empty());
            Ok(to_value(&answer))
        }
    }
}

/// One call, checked every way the faces use it:
///
/// - the JSON dispatcher, the typed function and (for access checks) the compiled batch path
///   give the same answer and leave the same organization;
/// - a refused call changes nothing, and so does any call of an operation that only reads;
/// - after a change, the document `--save` would write loads back as the same organization.
pub fn call(
    organization: &mut Organization,
    operation: Operation,
    input: &Value,
    env: &mut FixedEnvironment,
) {
    let before = organization.clone();

    let mut typed_organization = organization.clone();
    let typed_answer = typed(&mut typed_organization, operation, input, &mut env.clone());

    if operation == Operation::GetAccessControlEffect {
        let mut batch_organization = organization.clone();
        let batch =
            batch_organization.call_many(operation, std::slice::from_ref(input), &mut env.clone());
        assert_eq!(
            batch,
            vec![typed_answer.clone()],
            "the compiled batch disagrees"
        );
    }

    let answer = organization.call(operation, input, env);
    assert_eq!(
        answer, typed_answer,
        "{operation:?}: the typed function disagrees with the JSON dispatcher on {input}"
    );
    assert_eq!(
        *organization, typed_organization,
        "{operation:?}: the typed function changed the organization differently"
    );
    match &answer {
        Err(error) => {
            api_error(error);
            assert_eq!(
                *organization, before,
                "{operation:?} failed ({error}) but changed the organization"
            );
        }
        Ok(response) => {
            assert!(response.is_object(), "{operation:?} answered {response}");
            if operation.is_mutating() {
                round_trip(organization);
            } else {
                assert_eq!(
                    *organization, before,
                    "{operation:?} only reads but changed the organization"
                );
            }
        }
    }
}
