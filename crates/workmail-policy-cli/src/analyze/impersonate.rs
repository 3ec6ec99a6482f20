//! `workmail-policy impersonate`: an EWS request made with an impersonation role, stage by stage.

use workmail_policy::analysis::{
    Credential, ImpersonateError, ImpersonatedEwsRequest, impersonated_ews_request,
};
use workmail_policy::{Effect, Environment};

use super::print_text;
use crate::cli::{Format, ImpersonateArgs};
use crate::explain::paint;
use crate::files::load_organization;
use crate::output::{Failure, print_json};
use crate::system::SystemEnvironment;

/// Decides the request at the system clock's time and prints the verdict and every stage.
///
/// # Errors
/// An invalid document, an argument the request cannot hold (located by its option), a failure
/// to print, or [`Failure::Negative`] when the verdict is DENY.
pub fn run(args: &ImpersonateArgs, quiet: bool) -> Result<(), Failure> {
    let organization = load_organization(&args.org, quiet)?;
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
    let now = SystemEnvironment::default().now();
    let answer = impersonated_ews_request(&organization, &request, now)
        .map_err(|error| Failure::invalid(located(&error)))?;
    match args.output {
        Format::Json => print_json(&answer)?,
        Format::Text => print_text(&answer.to_string(), paint)?,
    }
    match answer.verdict {
        Effect::Allow => Ok(()),
        Effect::Deny => Err(Failure::Negative),
    }
}

/// The error with the option it comes from in place of the request member:
/// `` `--ip-address`: `::1` is not an IPv4 address ``.
fn located(error: &ImpersonateError) -> String {
    match error {
        ImpersonateError::InvalidParameter { member, message } => {
            format!("`--{}`: {message}", option_name(member))
        }
        ImpersonateError::UnknownEwsOperation(unknown) => format!("`--ews-operation`: {unknown}"),
    }
}

/// `IpAddress` -> `ip-address`.
fn option_name(member: &str) -> String {
    let mut name = String::with_capacity(member.len() + 4);
    for (at, c) in member.chars().enumerate() {
        if c.is_ascii_uppercase() && at > 0 {
            name.push('-');
        }
        name.push(c.to_ascii_lowercase());
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use workmail_policy::analysis::classify_ews_operation;

    #[test]
    fn members_are_named_as_options() {
        for (member, option) in [
            ("IpAddress", "ip-address"),
            ("ImpersonationRoleId", "impersonation-role-id"),
            ("TargetUser", "target-user"),
            ("Token", "token"),
        ] {
            assert_eq!(option_name(member), option);
        }
    }

    #[test]
    fn errors_name_the_option() {
        let error = ImpersonateError::InvalidParameter {
            member: "IpAddress",
            message: "`::1` is not an IPv4 address".into(),
        };
        assert_eq!(
            located(&error),
            "`--ip-address`: `::1` is not an IPv4 address"
        );
        let unknown = classify_ews_operation("getitem").unwrap_err();
        assert_eq!(
            located(&ImpersonateError::UnknownEwsOperation(unknown)),
            "`--ews-operation`: `getitem` is not an EWS operation this project classifies; did you mean `GetItem`?"
        );
    }
}
