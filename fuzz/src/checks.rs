//! The invariants the targets check. Each function panics, with the input that broke it, when
//! one does not hold.

use serde::Serialize;
use serde_json::Value;
use workmail_policy::analysis::{lint_document, load_tests};
use workmail_policy::api::Request;
use workmail_policy::api::batch::{
    AccessCache, Coded, Column, Columns, IpColumn, Member, MemberTexts,
};
use workmail_policy::{
    ApiError, CreateImpersonationRoleRequest, CreateMobileDeviceAccessRuleRequest,
    DeleteAccessControlRuleRequest, DeleteMobileDeviceAccessRuleRequest, DescribeUserRequest,
    Diagnostic, DocumentError, EvaluateMobileDeviceAccessRequest, FixedEnvironment,
    GetAccessControlEffectRequest, GetImpersonationRoleEffectRequest,
    GetMobileDeviceAccessEffectRequest, ImpersonationRoleRequest, ListAccessControlRulesRequest,
    ListImpersonationRolesRequest, ListMobileDeviceAccessOverridesRequest,
    ListMobileDeviceAccessRulesRequest, ListUsersRequest, MobileDeviceAccessOverrideRequest,
    Operation, Organization, PutAccessControlRuleRequest, PutMobileDeviceAccessOverrideRequest,
    UpdateImpersonationRoleRequest, UpdateMobileDeviceAccessRuleRequest,
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
        Operation::CreateMobileDeviceAccessRule => {
            let request: CreateMobileDeviceAccessRuleRequest = read(input)?;
            organization
                .create_mobile_device_access_rule(request, env)
                .map(|r| to_value(&r))
        }
        Operation::UpdateMobileDeviceAccessRule => {
            let request: UpdateMobileDeviceAccessRuleRequest = read(input)?;
            organization
                .update_mobile_device_access_rule(request, env)
                .map(|r| to_value(&r))
        }
        Operation::DeleteMobileDeviceAccessRule => {
            let request: DeleteMobileDeviceAccessRuleRequest = read(input)?;
            organization
                .delete_mobile_device_access_rule(&request)
                .map(|r| to_value(&r))
        }
        Operation::ListMobileDeviceAccessRules => {
            let request: ListMobileDeviceAccessRulesRequest = read(input)?;
            organization
                .list_mobile_device_access_rules(&request)
                .map(|r| to_value(&r))
        }
        Operation::GetMobileDeviceAccessEffect => {
            let request: GetMobileDeviceAccessEffectRequest = read(input)?;
            let answer = organization.get_mobile_device_access_effect(&request)?;
            let explained = organization.explain_mobile_device_access_effect(&request)?;
            assert_eq!(
                (&explained.effect, &explained.matched_rules),
                (&answer.effect, &answer.matched_rules),
                "the mobile explanation disagrees with the answer"
            );
            assert!(!explained.to_string().is_empty());
            Ok(to_value(&answer))
        }
        Operation::PutMobileDeviceAccessOverride => {
            let request: PutMobileDeviceAccessOverrideRequest = read(input)?;
            organization
                .put_mobile_device_access_override(request, env)
                .map(|r| to_value(&r))
        }
        Operation::GetMobileDeviceAccessOverride => {
            let request: MobileDeviceAccessOverrideRequest = read(input)?;
            organization
                .get_mobile_device_access_override(&request)
                .map(|r| to_value(&r))
        }
        Operation::DeleteMobileDeviceAccessOverride => {
            let request: MobileDeviceAccessOverrideRequest = read(input)?;
            organization
                .delete_mobile_device_access_override(&request)
                .map(|r| to_value(&r))
        }
        Operation::ListMobileDeviceAccessOverrides => {
            let request: ListMobileDeviceAccessOverridesRequest = read(input)?;
            organization
                .list_mobile_device_access_overrides(&request)
                .map(|r| to_value(&r))
        }
        Operation::EvaluateMobileDeviceAccess => {
            let request: EvaluateMobileDeviceAccessRequest = read(input)?;
            let answer = organization.evaluate_mobile_device_access(&request)?;
            let explained = organization.explain_mobile_device_access(&request)?;
            assert_eq!(
                (
                    explained.effect,
                    explained.decided_by,
                    explained.rules.effect
                ),
                (answer.effect, answer.decided_by, answer.rules.effect),
                "the mobile access explanation disagrees with the answer"
            );
            assert_eq!(explained.r#override, answer.r#override);
            assert!(!explained.to_string().is_empty());
            Ok(to_value(&answer))
        }
        Operation::ListUsers => {
            let request: ListUsersRequest = read(input)?;
            organization.list_users(&request).map(|r| to_value(&r))
        }
        Operation::DescribeUser => {
            let request: DescribeUserRequest = read(input)?;
            organization.describe_user(&request).map(|r| to_value(&r))
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

/// The organization ID a batch's requests carry when none of the organization's is known: a
/// well-formed one, which a document without an ID answers to (D4).
const SOME_ORGANIZATION_ID: &str = "m-0123456789abcdef0123456789abcdef";

/// A batch of `GetAccessControlEffect` requests (`inputs`, any text), answered by both batch
/// paths exactly as `call` answers each request:
///
/// - `call_many_json` refuses exactly the texts that are not a JSON array, and otherwise
///   answers each element as `call` does, errors included;
/// - so does it with the organization's own `OrganizationId` set in every object request, as
///   the AWS SDKs send them, and with `OrganizationId` left out of every one;
/// - `access_effects` answers the same requests given as columns (when they are objects of the
///   five members), with addresses as text, and as numbers when every address is an IPv4
///   address; one shared value for a member that every request has alike (the sweep, when
///   the addresses are numbers).
pub fn batch(organization: &Organization, inputs: &str) {
    let mut organization = organization.clone();
    let operation = Operation::GetAccessControlEffect;
    let mut cache = AccessCache::default();
    let mut env = FixedEnvironment::new(1_700_000_000.0, 7);
    let answered = organization.call_many_json(operation, inputs, &mut cache, &mut env);
    let requests: Result<Vec<Value>, _> = serde_json::from_str(inputs);
    let requests = match (answered, requests) {
        (Err(_), Err(_)) => return,
        (Ok(answers), Ok(requests)) => {
            agree(&mut organization, &requests, &answers);
            requests
        }
        (answered, requests) => panic!(
            "the batch reads {inputs:?} as {:?}, serde_json as {:?}",
            answered.map(|_| "an array"),
            requests.map(|_| "an array")
        ),
    };
    let own = organization.id().unwrap_or(SOME_ORGANIZATION_ID).to_owned();
    let own = own.as_str();
    for organization_id in [Some(own), None] {
        let variant: Vec<Value> = requests
            .iter()
            .map(|request| with_organization_id(request, organization_id))
            .collect();
        let text = Value::Array(variant.clone()).to_string();
        let answers = organization.call_many_json(operation, &text, &mut cache, &mut env);
        match answers {
            Ok(answers) => agree(&mut organization, &variant, &answers),
            Err(error) => panic!("the batch refuses the array {text}: {error}"),
        }
        columns(&organization, &variant, &mut cache);
        coded(&mut organization, &variant, &mut cache);
    }
    columns(&organization, &requests, &mut cache);
    coded(&mut organization, &requests, &mut cache);
}

/// The requests coded as the npm package codes them answer as `call` does.
fn coded(organization: &mut Organization, requests: &[Value], cache: &mut AccessCache) {
    let mut texts = MemberTexts::default();
    let (numbers, uncoded) = texts.code_values(requests);
    let coded = Coded {
        numbers: &numbers,
        texts: &texts,
        uncoded: &uncoded,
    };
    let indexed = organization.access_effects_coded(&coded, cache, &mut |positions| {
        Ok(positions
            .iter()
            .filter_map(|at| requests.get(*at).cloned())
            .collect())
    });
    let indexed = match indexed {
        Ok(indexed) => indexed,
        Err(error) => panic!("coded requests refused: {error}"),
    };
    let answers: Vec<String> = indexed
        .index
        .iter()
        .map(|at| {
            indexed
                .answers
                .get(*at as usize)
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    agree(organization, requests, &format!("[{}]", answers.join(",")));
}

/// `answers` (a batch's JSON text) are what `call` answers to `requests`.
fn agree(organization: &mut Organization, requests: &[Value], answers: &str) {
    let answers: Vec<Value> = match serde_json::from_str(answers) {
        Ok(answers) => answers,
        Err(error) => panic!("the batch answered text that is not JSON ({error}): {answers}"),
    };
    assert_eq!(answers.len(), requests.len(), "one answer per request");
    for (request, answer) in requests.iter().zip(&answers) {
        assert_eq!(
            *answer,
            called(organization, request),
            "the batch disagrees with `call` on {request}"
        );
    }
}

/// What `call` answers to one `GetAccessControlEffect` request, as a batch writes it.
fn called(organization: &mut Organization, request: &Value) -> Value {
    let mut env = FixedEnvironment::new(1_700_000_000.0, 7);
    organization
        .call(Operation::GetAccessControlEffect, request, &mut env)
        .unwrap_or_else(|error| error.to_json())
}

/// `request` with `OrganizationId` set to `id`, or removed when `id` is `None` (a request that
/// is not an object as it is).
fn with_organization_id(request: &Value, id: Option<&str>) -> Value {
    let mut request = request.clone();
    if let Some(object) = request.as_object_mut() {
        match id {
            Some(id) => {
                object.insert("OrganizationId".to_owned(), Value::from(id));
            }
            None => {
                object.remove("OrganizationId");
            }
        }
    }
    request
}

/// The members of a request given as columns, in the order such a request has them.
const COLUMN_MEMBERS: [&str; 5] = [
    "IpAddress",
    "Action",
    "UserId",
    "ImpersonationRoleId",
    "OrganizationId",
];

/// Checks `access_effects` on `requests` as columns, when they can be columns: objects of the
/// five members, none of them `null` (a `null` entry means an absent member).
fn columns(organization: &Organization, requests: &[Value], cache: &mut AccessCache) {
    let Some(objects) = requests
        .iter()
        .map(Value::as_object)
        .collect::<Option<Vec<_>>>()
    else {
        return;
    };
    let fits = objects.iter().all(|object| {
        object
            .iter()
            .all(|(name, value)| COLUMN_MEMBERS.contains(&name.as_str()) && !value.is_null())
    });
    if !fits || objects.is_empty() {
        return;
    }
    let members = |name: &str| -> Vec<Member<'_>> {
        objects
            .iter()
            .map(|object| match object.get(name) {
                Some(Value::String(text)) => Member::Text(text.as_str().into()),
                Some(other) => Member::Other(other.clone()),
                None => Member::Other(Value::Null),
            })
            .collect()
    };
    // A member every request has alike is given once, as callers do.
    let column = |name: &str| -> Column<'_> {
        let each = members(name);
        match each.split_first() {
            Some((first, rest)) if !first.is_null() && rest.iter().all(|m| m == first) => {
                Column::Same(first.clone())
            }
            _ => Column::Each(each),
        }
    };
    let numbers: Option<Vec<u32>> = objects
        .iter()
        .map(|object| {
            let text = object.get("IpAddress")?.as_str()?;
            let address = text.parse::<std::net::Ipv4Addr>().ok()?;
            // The same request as a number only when the text is the address's own spelling.
            (address.to_string() == text).then_some(u32::from(address))
        })
        .collect();
    let mut forms = vec![IpColumn::Text(members("IpAddress"))];
    if let Some(numbers) = numbers {
        forms.push(IpColumn::Numbers(numbers));
    }
    for ip_addresses in forms {
        let columns = Columns {
            ip_addresses,
            organization_ids: column("OrganizationId"),
            actions: column("Action"),
            user_ids: column("UserId"),
            impersonation_role_ids: column("ImpersonationRoleId"),
        };
        let indexed = match organization.access_effects(&columns, cache) {
            Ok(indexed) => indexed,
            Err(error) => panic!("consistent columns refused: {error}"),
        };
        assert_eq!(indexed.index.len(), objects.len(), "one index per request");
        let mut organization = organization.clone();
        for (object, slot) in objects.iter().zip(&indexed.index) {
            let mut request = serde_json::Map::new();
            for name in COLUMN_MEMBERS {
                if let Some(value) = object.get(name) {
                    request.insert(name.to_owned(), value.clone());
                }
            }
            let request = Value::Object(request);
            let answer = usize::try_from(*slot)
                .ok()
                .and_then(|slot| indexed.answers.get(slot))
                .and_then(|text| serde_json::from_str::<Value>(text).ok());
            assert_eq!(
                answer,
                Some(called(&mut organization, &request)),
                "the columns disagree with `call` on {request}"
            );
        }
    }
}
