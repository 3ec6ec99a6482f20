//! `workmail-policy call`: one operation, AWS's JSON in and out.

use serde_json::Value;
use workmail_policy::text::request_without_input;
use workmail_policy::{Operation, Organization};

use crate::args::CallArgs;
use crate::files::{load_organization, read_input, save, unsaveable};
use crate::output::{Console, Failure};

/// Runs the operation; on success, with `--save`, writes the document, then prints the
/// response.
///
/// # Errors
/// Invalid arguments or document, the operation's API error, or a failure to deliver the answer.
pub fn run(args: &CallArgs, console: &mut Console<'_>) -> Result<(), Failure> {
    let (operation, mut organization, input) = prepare(args, console)?;
    let response = call(operation, &mut organization, &input, console)?;
    if args.save && operation.is_mutating() {
        save(console.host(), &args.org, &organization)?;
    }
    console.json(&response)
}

/// Reads the operation, the request and the document, reporting every problem at once.
fn prepare(
    args: &CallArgs,
    console: &mut Console<'_>,
) -> Result<(Operation, Organization, Value), Failure> {
    let mut problems = Vec::new();
    let operation = args
        .operation
        .parse::<Operation>()
        .map_err(|unknown| problems.push(unknown.to_string()))
        .ok();
    let input = match (&args.input, operation) {
        (Some(input), _) => read_input(console.host(), input),
        (None, Some(operation)) => request_without_input(operation).map_err(Failure::invalid),
        (None, None) => Ok(Value::Null),
    }
    .map_err(|failure| problems.extend(failure.into_messages()))
    .ok();
    // A pipe given to `--save` is refused before it is read, so its data is not consumed.
    let refused = args
        .save
        .then(|| unsaveable(console.host(), &args.org))
        .flatten();
    let organization = match refused {
        Some(problem) => {
            problems.push(problem);
            None
        }
        None => load_organization(console, &args.org)
            .map_err(|failure| problems.extend(failure.into_messages()))
            .ok(),
    };
    match (operation, organization, input) {
        (Some(operation), Some(organization), Some(input)) if problems.is_empty() => {
            Ok((operation, organization, input))
        }
        _ => Err(Failure::Invalid(problems)),
    }
}

/// Calls the core. A failed random number generator voids the answer: it may hold IDs or tokens
/// made from zeros.
fn call(
    operation: Operation,
    organization: &mut Organization,
    input: &Value,
    console: &mut Console<'_>,
) -> Result<Value, Failure> {
    let answer = organization.call(operation, input, &mut console.environment());
    if let Some(reason) = console.take_random_failure() {
        return Err(Failure::Failed(format!(
            "the operating system gave no random bytes ({reason}); nothing was saved"
        )));
    }
    answer.map_err(|error| Failure::Api {
        error,
        operation,
        json: true,
    })
}
