//! The command line: subcommands, options and their help, with a worked example for each.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use workmail_policy::Operation;

/// Exact, offline answers from Amazon WorkMail access control rules and impersonation roles
///
/// Load an organization document (or output pasted from `aws workmail`), run any of the eleven
/// access control and impersonation operations against it, and see why each answer is what it is.
#[derive(Debug, Parser)]
#[command(
    name = "workmail-policy",
    version,
    arg_required_else_help = true,
    after_help = TOP_EXAMPLE
)]
pub struct Cli {
    /// Do not print the warnings found while loading the organization document
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run one WorkMail operation against an organization document and print AWS's response
    ///
    /// The response is printed as the AWS CLI prints it (`--output json`): pretty JSON with
    /// four-space indentation, `{}` for an operation without output, timestamps as epoch seconds.
    /// An API error prints `{"Error": {"Code": ..., "Message": ...}}` on stdout, the AWS CLI's
    /// error line on stderr, and exits with 254.
    #[command(after_help = call_after_help())]
    Call(CallArgs),

    /// Show the decision for one request and every rule and condition behind it
    ///
    /// Two questions can be asked. Access: may this user, or this impersonation role, use this
    /// protocol from this IP address (`GetAccessControlEffect`)? Give `--ip-address`, `--action`
    /// and `--user-id` or `--impersonation-role-id`. Impersonation: may this role impersonate
    /// this user (`GetImpersonationRoleEffect`)? Give `--impersonation-role-id` and
    /// `--target-user`.
    #[command(after_help = EXPLAIN_EXAMPLE, override_usage = EXPLAIN_USAGE)]
    Explain(ExplainArgs),
}

/// `workmail-policy call`.
#[derive(Debug, Args)]
pub struct CallArgs {
    /// The operation, as AWS names it (`GetAccessControlEffect`) or as the AWS CLI does
    /// (`get-access-control-effect`)
    #[arg(value_name = "OPERATION")]
    pub operation: String,

    /// The organization document, or raw `aws workmail` output, to run the operation against
    #[arg(long, value_name = "FILE")]
    pub org: PathBuf,

    /// The request as JSON text, or `@PATH` to read it from a file (like `--cli-input-json`);
    /// `OrganizationId` may be left out and then means the document's
    ///
    /// May be left out for `ListAccessControlRules` and `ListImpersonationRoles`, which then get
    /// `{}`.
    #[arg(long, value_name = "JSON")]
    pub input: Option<String>,

    /// After a successful call of an operation that changes the organization, write the
    /// organization back to FILE
    ///
    /// The file is replaced atomically (a temporary file in the same folder, flushed to disk,
    /// then renamed over FILE), keeping its permissions. What is written is always a whole
    /// organization document, even when FILE held raw `aws workmail` output such as
    /// `{"Rules": [...]}`. A failed call, or an operation that only reads, leaves FILE
    /// untouched.
    #[arg(long)]
    pub save: bool,
}

/// How `explain` prints its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable text (coloured on a terminal unless `NO_COLOR` is set)
    Text,
    /// The explanation as JSON, for scripts
    Json,
}

/// `workmail-policy explain`.
#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("principal")
        .args(["user_id", "impersonation_role_id"])
        .multiple(true)
        .required(true)
))]
pub struct ExplainArgs {
    /// The organization document, or raw `aws workmail` output
    #[arg(long, value_name = "FILE")]
    pub org: PathBuf,

    /// The source IPv4 address of the access request
    #[arg(long, value_name = "IP", required_unless_present = "target_user")]
    pub ip_address: Option<String>,

    /// The protocol of the access request: ActiveSync, AutoDiscover, EWS, IMAP, SMTP,
    /// WindowsOutlook or WebMail
    #[arg(long, value_name = "ACTION", required_unless_present = "target_user")]
    pub action: Option<String>,

    /// The user making the access request
    #[arg(long, value_name = "ID")]
    pub user_id: Option<String>,

    /// The impersonation role: making the access request (with `--action EWS`), or
    /// impersonating `--target-user`
    #[arg(long, value_name = "ID")]
    pub impersonation_role_id: Option<String>,

    /// The user to impersonate: a user ID, an email address or a user name
    #[arg(
        long,
        value_name = "USER",
        requires = "impersonation_role_id",
        conflicts_with_all = ["ip_address", "action", "user_id"]
    )]
    pub target_user: Option<String>,

    /// The organization asked about (left out: the document's)
    #[arg(long, value_name = "ID")]
    pub organization_id: Option<String>,

    /// How to print the answer
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Text)]
    pub output: Format,
}

const TOP_EXAMPLE: &str = "\
Example (org.json holds the AWS CLI documentation's `list-access-control-rules` example):
  $ workmail-policy call get-access-control-effect --org org.json --input '{
        \"IpAddress\": \"192.0.2.0\", \"Action\": \"WindowsOutlook\",
        \"UserId\": \"S-1-1-11-1111111111-2222222222-3333333333-3333\"}'
  {
      \"Effect\": \"DENY\",
      \"MatchedRules\": [
          \"myRule\"
      ]
  }

Exit codes: 0 success, 252 invalid arguments or document, 254 the operation returned an error, 255 the answer could not be written (nothing was saved).

Run `workmail-policy help call` or `workmail-policy help explain` for each command.";

const CALL_EXAMPLE: &str = "\
Example (org.json holds the AWS CLI documentation's `list-access-control-rules` example):
  $ workmail-policy call get-access-control-effect --org org.json --input '{
        \"IpAddress\": \"192.0.2.0\", \"Action\": \"WindowsOutlook\",
        \"UserId\": \"S-1-1-11-1111111111-2222222222-3333333333-3333\"}'
  {
      \"Effect\": \"DENY\",
      \"MatchedRules\": [
          \"myRule\"
      ]
  }

Add a rule and keep it in the file:
  $ workmail-policy call PutAccessControlRule --org org.json --save --input '{
        \"Name\": \"no-imap\", \"Effect\": \"DENY\", \"Description\": \"\", \"Actions\": [\"IMAP\"]}'
  {}

Read the request from a file:
  $ workmail-policy call list-impersonation-roles --org org.json --input @request.json";

/// The `call` help epilogue: the example, then every operation in both spellings.
fn call_after_help() -> String {
    let mut text = String::from(CALL_EXAMPLE);
    text.push_str("\n\nOperations (* changes the organization, so `--save` writes it):\n");
    for operation in Operation::ALL {
        let mark = if operation.is_mutating() { '*' } else { ' ' };
        text.push_str(&format!(
            "  {mark} {:<28} {}\n",
            operation.name(),
            operation.cli_name()
        ));
    }
    text.push_str(
        "\nExit codes: 0 success, 252 invalid arguments or document, 254 the operation returned \
         an error, 255 the answer could not be written (nothing was saved).",
    );
    text
}

const EXPLAIN_USAGE: &str = "\
workmail-policy explain --org <FILE> --ip-address <IP> --action <ACTION> (--user-id <ID> | --impersonation-role-id <ID>) [OPTIONS]
       workmail-policy explain --org <FILE> --impersonation-role-id <ID> --target-user <USER> [OPTIONS]";

const EXPLAIN_EXAMPLE: &str = "\
Example:
  $ workmail-policy explain --org org.json --ip-address 192.0.2.0 \\
      --action WindowsOutlook \\
      --user-id S-1-1-11-1111111111-2222222222-3333333333-3333
  DENY  for user `S-1-1-11-1111111111-2222222222-3333333333-3333` from 192.0.2.0 using WindowsOutlook
  MatchedRules: myRule
  Why: a DENY rule matched, and DENY takes precedence over ALLOW  [documented: AWS CLI Command Reference: workmail examples]

  ✓ default (ALLOW) matched
      no conditions: the rule matches every request  [decision D5]

  ✓ myRule (DENY) matched  <- deciding
      UserIds                  holds  the user is listed  [documented: Amazon WorkMail API Reference]
      empty, so no condition: IpRanges, NotIpRanges, Actions, NotActions, NotUserIds, ImpersonationRoleIds, NotImpersonationRoleIds  [decision D5]

May a role impersonate a user?
  $ workmail-policy explain --org org.json --target-user jane@example.com \\
      --impersonation-role-id 6fe3d5ce-0cc1-4e2f-9b9b-36d5ac0cb2c5

Exit codes: 0 an answer (ALLOW or DENY), 252 invalid arguments or document, 254 the question itself is refused (as GetAccessControlEffect or GetImpersonationRoleEffect would refuse it).";

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn call_help_lists_every_operation_in_both_spellings() {
        let help = call_after_help();
        for operation in Operation::ALL {
            assert!(help.contains(operation.name()), "{}", operation.name());
            assert!(
                help.contains(&operation.cli_name()),
                "{}",
                operation.cli_name()
            );
        }
    }
}
