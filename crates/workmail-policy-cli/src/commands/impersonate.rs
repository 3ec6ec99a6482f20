//! `workmail-policy impersonate`: an EWS request made with an impersonation role, stage by stage.

use workmail_policy::Effect;
use workmail_policy::analysis::{Credential, ImpersonatedEwsRequest, impersonated_ews_request};

use super::explain::paint;
use super::print_text;
use crate::args::{Format, ImpersonateArgs};
use crate::files::load_organization;
use crate::output::{Console, Failure};

/// Decides the request at the host clock's time and prints the verdict and every stage.
///
/// # Errors
/// An invalid document, an argument the request cannot hold (located by its option), a failure
/// to print, or [`Failure::Negative`] when the verdict is DENY.
pub fn run(args: &ImpersonateArgs, console: &mut Console<'_>) -> Result<(), Failure> {
    let organization = load_organization(console, &args.org)?;
    let credential = match (&args.token, &args.impersonation_role_id) {
        (Some(token), _) => Credential::Token(token.clone()),
        (None, role) => Credential::ImpersonationRoleId(role.clone().unwrap_or_default()),
    };
    let request = ImpersonatedEwsRequest {
        credential,
        ip_address: args.ip_address.clone(),
        target_user: args.target_user.clone(),
        ews_operation: args.ews_operation.clone(),
    };
    let now = console.host().now();
    let answer = impersonated_ews_request(&organization, &request, now)
        .map_err(|error| Failure::invalid(error.for_command_line()))?;
    match args.output {
        Format::Json => console.json(&answer)?,
        Format::Text => print_text(console, &answer.to_string(), paint)?,
    }
    match answer.verdict {
        Effect::Allow => Ok(()),
        Effect::Deny => Err(Failure::Negative),
    }
}
