//! `workmail-policy call`: one operation, AWS's JSON in and out.

use serde_json::Value;
use workmail_policy::text::request_without_input;
use workmail_policy::{Operation, Organization};

use crate::cli::CallArgs;
use crate::files::{load_organization, not_regular, read_input, save_atomically, shown};
use crate::output::{Failure, print_json};
use crate::system::call_with_system;

/// Runs the operation; on success prints the response and, with `--save`, writes the document.
///
/// # Errors
/// Invalid arguments or document, the operation's API error, or a failure to deliver the answer.
pub fn run(args: &CallArgs, quiet: bool) -> Result<(), Failure> {
    let (operation, mut organization, input) = prepare(args, quiet)?;
    let response = call(operation, &mut organization, &input)?;
    if args.save && operation.is_mutating() {
        save_atomically(&args.org, &organization.to_json())?;
    }
    print_json(&response)
}

/// Reads the operation, the request and the document, reporting every problem at once.
fn prepare(args: &CallArgs, quiet: bool) -> Result<(Operation, Organization, Value), Failure> {
    let mut problems = Vec::new();
    let operation = args
        .operation
        .parse::<Operation>()
        .map_err(|unknown| problems.push(unknown.to_string()))
        .ok();
    let input = match (&args.input, operation) {
        (Some(input), _) => read_input(input),
        (None, Some(operation)) => request_without_input(operation).map_err(Failure::invalid),
        (None, None) => Ok(Value::Null),
    }
    .map_err(|failure| absorb(&mut problems, failure))
    .ok();
    // A pipe given to `--save` is refused before it is read, so its data is not consumed.
    let unsaveable = match not_regular(&args.org) {
        Ok(Some(kind)) if args.save => {
            problems.push(format!(
                "`--save` cannot replace {}: it is {kind}, not a regular file; give `--org` the document's file",
                shown(&args.org)
            ));
            true
        }
        _ => false,
    };
    let organization = (!unsaveable)
        .then(|| {
            load_organization(&args.org, quiet)
                .map_err(|failure| absorb(&mut problems, failure))
                .ok()
        })
        .flatten();
    match (operation, organization, input) {
        (Some(operation), Some(organization), Some(input)) if problems.is_empty() => {
            Ok((operation, organization, input))
        }
        _ => Err(Failure::Invalid(problems)),
    }
}

fn absorb(problems: &mut Vec<String>, failure: Failure) {
    match failure {
        Failure::Invalid(messages) => problems.extend(messages),
        Failure::Api { error, .. } => problems.push(error.to_string()),
        Failure::Failed(message) => problems.push(message),
        Failure::StdoutClosed | Failure::Negative => {}
    }
}

/// Calls the core. A failed random number generator voids the answer: it may hold IDs or tokens
/// made from zeros.
fn call(
    operation: Operation,
    organization: &mut Organization,
    input: &Value,
) -> Result<Value, Failure> {
    let answer = call_with_system(organization, operation, input).map_err(|error| {
        Failure::Failed(format!(
            "the operating system gave no random bytes ({error}); nothing was saved"
        ))
    })?;
    answer.map_err(|error| Failure::Api {
        error,
        operation,
        json: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_operations_need_no_input() {
        for operation in [
            Operation::ListAccessControlRules,
            Operation::ListImpersonationRoles,
        ] {
            assert_eq!(
                request_without_input(operation)
                    .map_err(Failure::invalid)
                    .unwrap(),
                serde_json::json!({})
            );
        }
    }

    #[test]
    fn other_operations_name_what_they_need() {
        let Err(Failure::Invalid(messages)) =
            request_without_input(Operation::PutAccessControlRule).map_err(Failure::invalid)
        else {
            panic!("PutAccessControlRule without input must be refused");
        };
        assert_eq!(
            messages,
            [
                "`put-access-control-rule` needs `--input` with its request (`Name`, `Effect`, `Description` required)"
            ]
        );
    }
}
