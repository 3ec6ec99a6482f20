//! The command line: subcommands, options and their help, with a worked example for each.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use workmail_policy::Operation;

/// Exact, offline answers from Amazon WorkMail access control rules, impersonation roles and
/// mobile device access rules
///
/// Load an organization document (or output pasted from `aws workmail`), run any of the access
/// control, impersonation and mobile device access operations against it, and see why each answer
/// is what it is.
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
    /// Four questions can be asked. Access: may this user, or this impersonation role, use this
    /// protocol from this IP address (`GetAccessControlEffect`)? Give `--ip-address`, `--action`
    /// and `--user-id` or `--impersonation-role-id`. Impersonation: may this role impersonate
    /// this user (`GetImpersonationRoleEffect`)? Give `--impersonation-role-id` and
    /// `--target-user`. Mobile device: do the mobile device access rules allow a device
    /// (`GetMobileDeviceAccessEffect`)? Give `--mobile` or any `--device-*` property. A user's
    /// device over ActiveSync, overrides included (`EvaluateMobileDeviceAccess`, this project's
    /// operation)? Add `--user-id` and `--device-id`, and `--ip-address` to ask the access
    /// control rules first.
    #[command(after_help = EXPLAIN_EXAMPLE, override_usage = EXPLAIN_USAGE)]
    Explain(ExplainArgs),

    /// Serve the organization as a local WorkMail endpoint for the AWS SDKs and the AWS CLI
    ///
    /// Speaks WorkMail's own protocol (`POST /` with `X-Amz-Target: WorkMailService.<Operation>`,
    /// AWS JSON 1.1) for every operation `call` runs (access control, impersonation, mobile device
    /// access, and the read-only `ListUsers` and `DescribeUser` from the document's `Users`),
    /// with the answers `call` gives, and AWS's error
    /// shape, so the SDKs raise their modelled exceptions. Request signatures are accepted without
    /// being checked: this is a local test double, not a security boundary. Successful changes
    /// are saved to FILE atomically, one at a time. The first line on stderr is `listening on
    /// http://ADDRESS:PORT`; then one line per request. Ctrl-C stops it.
    #[command(after_help = SERVE_EXAMPLE)]
    Serve(ServeArgs),

    /// Print the exact decision table: every class of requests and the answer it gets
    ///
    /// Access control: rows of IP ranges, actions and principals with one `Effect` and
    /// `MatchedRules`. The rows never overlap and together cover every request, including users
    /// and roles the document does not name ("any other user", "any other role"). Impersonation:
    /// for each role, which users it may impersonate and by which rules. Filters (`--action`,
    /// `--ip`, `--user-id`, `--impersonation-role-id`, `--target-user`, `--effect`) keep only
    /// the requests a question asks about: "who can reach IMAP from 198.51.100.7?".
    #[command(after_help = TABLE_EXAMPLE)]
    Table(TableArgs),

    /// Show every class of requests whose answer changes between two documents
    ///
    /// Each line is a class whose `Effect` or `MatchedRules` changes, with the answer before and
    /// after. Lockout guards warn (on stderr in text, under `Warnings` in JSON) when the change
    /// blocks all access, takes every action away from some user or role, or denies requests
    /// from an address given with `--my-ip`.
    #[command(after_help = DIFF_EXAMPLE, override_usage = DIFF_USAGE)]
    Diff(DiffArgs),

    /// Find rules that can never match or change nothing, and other likely mistakes
    ///
    /// Each finding is one line, `severity[code]: line:column: JSON.Path: message`, with an
    /// indented `help:` line when there is advice, then a count. `--explain CODE` prints what a
    /// lint finds, why it matters, an example and the fix.
    #[command(after_help = lint_after_help(), override_usage = LINT_USAGE)]
    Lint(LintArgs),

    /// Run saved test cases and properties: requests and the answers they must get
    ///
    /// Each test is one request (`GetAccessControlEffect`, `GetImpersonationRoleEffect`,
    /// `GetMobileDeviceAccessEffect` or `EvaluateMobileDeviceAccess`) with the `Effect` (and
    /// optionally `MatchedRules`) it must get. Each property is a set of requests described as a
    /// rule describes them (`ForAll`) with the answer every one of them must get, checked exactly
    /// over every request of the set. One line per test and property, `PASS name` or `FAIL name:
    /// ...` (a failing property names one request that fails and how many classes of requests
    /// do), then `N passed, M failed`.
    #[command(after_help = TEST_EXAMPLE)]
    Test(TestArgs),

    /// Check a guarantee between two versions of a policy, over every request
    ///
    /// `--no-new-access`: every request NEW allows, OLD allowed (and an impersonation OLD
    /// allowed read-only, NEW does not allow with full access). `--no-lost-access`: every request
    /// OLD allowed, NEW allows. `--equivalent`: every request gets the same effect from both
    /// (`MatchedRules` may differ). Access control, impersonation and mobile device access are
    /// all checked, exactly: every IPv4 address, action, user and role, named or not. When the
    /// guarantee does not hold, each class of requests that breaks it is printed with one
    /// concrete request and both answers.
    #[command(after_help = CHECK_EXAMPLE, override_usage = CHECK_USAGE)]
    Check(CheckArgs),

    /// Decide an EWS request made with an impersonation role, stage by stage
    ///
    /// The request passes when every stage does: the credential (a role that exists, or a token
    /// `AssumeImpersonationRole` issued that has not expired), access control (EWS from the
    /// address for the role), the role's rules for the target user, and the role's type (a
    /// READ_ONLY role may only read).
    #[command(after_help = IMPERSONATE_EXAMPLE)]
    Impersonate(ImpersonateArgs),

    /// Replay WorkMail audit logs against a proposed policy: whose real requests would it deny?
    ///
    /// Each audit event becomes a `GetAccessControlEffect` request (`source_ip`, `protocol`,
    /// `user_id`; with `impersonator_id`, an impersonated EWS request, decision D46). Every
    /// distinct request is listed once with its count, first and last time seen and its answer
    /// under `--org` (and `--baseline`), after a summary by user, protocol and /24 network,
    /// newly denied first. Logs may be JSON lines (S3, Firehose; gzip or plain), the JSON
    /// `aws logs filter-log-events` and `get-log-events` print, or Logs Insights exports (CSV
    /// or JSON). Events of other protocols (IncomingEmail, OutgoingEmail) or without an IPv4
    /// address are counted apart, by reason; a malformed line is counted and the first few are
    /// shown on stderr with their file and line.
    #[command(after_help = REPLAY_EXAMPLE)]
    Replay(ReplayArgs),
}

/// `workmail-policy replay`.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// The proposed organization document, or raw `aws workmail` output
    #[arg(long, value_name = "PROPOSED")]
    pub org: PathBuf,

    /// The organization as it is now: each request's answer is compared, and newly denied and
    /// newly allowed requests are listed first
    #[arg(long, value_name = "CURRENT")]
    pub baseline: Option<PathBuf>,

    /// The audit logs to replay (`-` or none: standard input); gzip-compressed files are
    /// recognised by their content
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub logs: Vec<PathBuf>,

    /// How to print the report
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ReplayFormat::Text)]
    pub output: ReplayFormat,

    /// Exit with 1 when a request the baseline allowed would be denied (needs `--baseline`)
    #[arg(long, value_enum, value_name = "WHAT", requires = "baseline")]
    pub fail_on: Option<ReplayFailOn>,

    /// Refuse the logs (exit 252, nothing printed on stdout) at the first malformed line or
    /// unreadable log, instead of counting it
    #[arg(long)]
    pub strict: bool,
}

/// How `replay` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReplayFormat {
    /// The headline, the summary and every request, one a line (coloured on a terminal)
    Text,
    /// `{"Events", "Skipped", "Problems", "Summary", "Requests"}`; each request as
    /// `GetAccessControlEffect` takes it, with `Count`, `FirstSeen`, `LastSeen` (epoch
    /// milliseconds), `Outcome`, `Proposed` and `Baseline`
    Json,
    /// The headline, then the summary and the requests as Markdown tables
    Markdown,
    /// CSV (RFC 4180) of the requests, one record each
    Csv,
}

/// What makes `replay --fail-on` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReplayFailOn {
    /// A request the baseline allowed is denied (or refused) by the proposed policy
    NewlyDenied,
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

/// `workmail-policy serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The organization document, or raw `aws workmail` output, to serve; successful changes are
    /// written back to it (always as a whole organization document)
    #[arg(long, value_name = "FILE")]
    pub org: PathBuf,

    /// The IP address to listen on (`localhost` means `127.0.0.1`)
    #[arg(long, value_name = "IP", default_value = "127.0.0.1", value_parser = parse_address)]
    pub address: IpAddr,

    /// The TCP port to listen on; 0 picks a free one (the first line on stderr names it)
    #[arg(long, value_name = "PORT", default_value_t = 8686)]
    pub port: u16,

    /// Allow an `--address` that is not loopback. Signatures are never checked, so anyone who can
    /// reach the address can read and change the organization
    #[arg(long)]
    pub allow_remote: bool,

    /// How long a client may take to send a request's headers, and then its body, before the
    /// connection is closed (headers) or answered with 408 (body)
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 30,
        value_parser = clap::value_parser!(u64).range(1..=3600)
    )]
    pub read_timeout: u64,
}

/// Reads `--address`: an IPv4 or IPv6 address, or `localhost`.
fn parse_address(text: &str) -> Result<IpAddr, String> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    text.parse().map_err(|_| {
        format!("`{text}` is not an IP address; write `127.0.0.1`, `::1` or `localhost`")
    })
}

/// How a command prints its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable text (coloured on a terminal unless `NO_COLOR` is set)
    Text,
    /// The answer as JSON, for scripts
    Json,
}

/// How `lint`, `test` and `check` print their findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Readable text (coloured on a terminal unless `NO_COLOR` is set)
    Text,
    /// The answer as JSON, for scripts
    Json,
    /// A SARIF 2.1.0 log, for GitHub code scanning and other SARIF readers
    Sarif,
}

/// `workmail-policy explain`.
#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("principal")
        .args(["user_id", "impersonation_role_id"])
        .multiple(true)
))]
pub struct ExplainArgs {
    /// The organization document, or raw `aws workmail` output
    #[arg(long, value_name = "FILE")]
    pub org: PathBuf,

    /// The source IPv4 address of the access request (with `--device-id`: of the ActiveSync
    /// connection, which the access control rules then decide first)
    #[arg(
        long,
        value_name = "IP",
        required_unless_present_any = ["target_user", "mobile", "device_id", "device_type", "device_model", "device_operating_system", "device_user_agent"]
    )]
    pub ip_address: Option<String>,

    /// The protocol of the access request: ActiveSync, AutoDiscover, EWS, IMAP, SMTP,
    /// WindowsOutlook or WebMail
    #[arg(
        long,
        value_name = "ACTION",
        required_unless_present_any = ["target_user", "mobile", "device_id", "device_type", "device_model", "device_operating_system", "device_user_agent"],
        conflicts_with_all = ["mobile", "device_id", "device_type", "device_model", "device_operating_system", "device_user_agent"]
    )]
    pub action: Option<String>,

    /// The user making the access request (with `--device-id`: the device's user, a user ID, an
    /// email or a user name)
    ///
    /// An access question needs it or `--impersonation-role-id`; a question about a device's
    /// properties alone does not.
    #[arg(
        long,
        value_name = "ID",
        required_unless_present_any = ["impersonation_role_id", "mobile", "device_type", "device_model", "device_operating_system", "device_user_agent"]
    )]
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

    /// Ask the mobile device access rules (`GetMobileDeviceAccessEffect`) about a device; the
    /// `--device-*` options imply it, and without them the device reports nothing
    #[arg(long, conflicts_with_all = ["target_user", "impersonation_role_id", "suggest"])]
    pub mobile: bool,

    /// The device's type, as it reports it (`iPhone`); left out: not reported
    #[arg(long, value_name = "TYPE", conflicts_with_all = ["target_user", "impersonation_role_id", "suggest"])]
    pub device_type: Option<String>,

    /// The device's model (`iPhone10C1`); left out: not reported
    #[arg(long, value_name = "MODEL", conflicts_with_all = ["target_user", "impersonation_role_id", "suggest"])]
    pub device_model: Option<String>,

    /// The device's operating system (`iOS 14.2.1 16F203`); left out: not reported
    #[arg(long, value_name = "OS", conflicts_with_all = ["target_user", "impersonation_role_id", "suggest"])]
    pub device_operating_system: Option<String>,

    /// The device's user agent (`iOS/14.2 (18B92) exchangesyncd/1.0`); left out: not reported
    #[arg(long, value_name = "AGENT", conflicts_with_all = ["target_user", "impersonation_role_id", "suggest"])]
    pub device_user_agent: Option<String>,

    /// The device ID: with `--user-id`, answers `EvaluateMobileDeviceAccess` for that user's
    /// device, overrides (and with `--ip-address` the access control rules) included
    #[arg(long, value_name = "ID", requires = "user_id", conflicts_with_all = ["target_user", "impersonation_role_id", "suggest"])]
    pub device_id: Option<String>,

    /// How to print the answer
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Text)]
    pub output: Format,

    /// After the explanation, list the single edits of the document (one list entry or one
    /// rule added or removed) that would give the other effect
    #[arg(long)]
    pub suggest: bool,
}

impl ExplainArgs {
    /// Whether the question is about a mobile device (`--mobile`, `--device-id` or a device
    /// property).
    pub fn asks_mobile(&self) -> bool {
        self.mobile
            || self.device_id.is_some()
            || self.device_type.is_some()
            || self.device_model.is_some()
            || self.device_operating_system.is_some()
            || self.device_user_agent.is_some()
    }

    /// The device the options describe.
    pub fn device(&self) -> workmail_policy::model::Device {
        workmail_policy::model::Device {
            device_type: self.device_type.clone(),
            device_model: self.device_model.clone(),
            device_operating_system: self.device_operating_system.clone(),
            device_user_agent: self.device_user_agent.clone(),
        }
    }
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

Exit codes: 0 success, 1 a negative answer (`impersonate` denied, a `test` failed, a `lint` warning, `diff --fail-on`, `replay --fail-on`), 252 invalid arguments or document, 254 the operation returned an error, 255 the answer could not be written (nothing was saved).

Run `workmail-policy help COMMAND` (call, explain, serve, table, diff, check, lint, test, impersonate, replay) for each command.";

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

const SERVE_EXAMPLE: &str = "\
Example:
  $ workmail-policy serve --org org.json --port 8686
  listening on http://127.0.0.1:8686
  serving `org.json` as WorkMail (AWS JSON 1.1; request signatures are not checked); Ctrl-C stops
  07:31:02Z PutAccessControlRule 200 1.4ms

  $ aws workmail list-access-control-rules --endpoint-url http://127.0.0.1:8686 \\
      --organization-id m-0123456789abcdef0123456789abcdef

Any other WorkMail operation is answered with `UnknownOperationException`. Errors are HTTP 400
with AWS's `__type` and `message`, as the SDKs expect.

Exit codes: 0 stopped by Ctrl-C (or SIGTERM), 252 invalid arguments or document, or an address that is not loopback without `--allow-remote`, 255 the address cannot be listened on.";

const EXPLAIN_USAGE: &str = "\
workmail-policy explain --org <FILE> --ip-address <IP> --action <ACTION> (--user-id <ID> | --impersonation-role-id <ID>) [OPTIONS]
       workmail-policy explain --org <FILE> --impersonation-role-id <ID> --target-user <USER> [OPTIONS]
       workmail-policy explain --org <FILE> (--mobile | --device-type <TYPE> | --device-model <MODEL> | --device-operating-system <OS> | --device-user-agent <AGENT>)... [OPTIONS]
       workmail-policy explain --org <FILE> --user-id <ID> --device-id <ID> [--device-* ...] [--ip-address <IP>] [OPTIONS]";

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

What single edit would flip it (one list entry, or one rule, added or removed)?
  $ workmail-policy explain --org org.json --ip-address 192.0.2.0 \\
      --action WindowsOutlook \\
      --user-id S-1-1-11-1111111111-2222222222-3333333333-3333 --suggest
  ...the explanation above, then:
  now DENY [myRule]
  single edits that give ALLOW:
    add `192.0.2.0/32` to `NotIpRanges` of rule `myRule`  -> ALLOW [default]
    add `WindowsOutlook` to `NotActions` of rule `myRule`  -> ALLOW [default]
    add `S-1-1-11-1111111111-2222222222-3333333333-3333` to `NotUserIds` of rule `myRule`  -> ALLOW [default]
    remove rule `myRule`  -> ALLOW [default]

May a role impersonate a user?
  $ workmail-policy explain --org org.json --target-user jane@example.com \\
      --impersonation-role-id 6fe3d5ce-0cc1-4e2f-9b9b-36d5ac0cb2c5

Exit codes: 0 an answer (ALLOW or DENY), 252 invalid arguments or document, 254 the question itself is refused (as GetAccessControlEffect or GetImpersonationRoleEffect would refuse it).";

/// `workmail-policy table`.
#[derive(Debug, Args)]
pub struct TableArgs {
    /// The organization document, or raw `aws workmail` output
    #[arg(long, value_name = "FILE")]
    pub org: PathBuf,

    /// How to print the table
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = TableFormat::Text)]
    pub output: TableFormat,

    /// Which table to print [default: `all` for text and Markdown, `access-control` for JSON
    /// and CSV]
    #[arg(long, value_enum, value_name = "PART")]
    pub part: Option<TablePart>,

    /// Keep only requests with this action: ActiveSync, AutoDiscover, EWS, IMAP, SMTP,
    /// WindowsOutlook or WebMail (repeat for several)
    #[arg(long = "action", value_name = "ACTION", help_heading = "Filters")]
    pub actions: Vec<String>,

    /// Keep only requests from this IPv4 address or CIDR range (`198.51.100.7`,
    /// `198.51.100.0/24`); rows are cut to it
    #[arg(long, value_name = "IP_OR_RANGE", help_heading = "Filters")]
    pub ip: Option<String>,

    /// Keep only requests by this user: a user ID, or with a directory an email or a user name
    /// (repeat for several)
    #[arg(long = "user-id", value_name = "USER", help_heading = "Filters")]
    pub user_ids: Vec<String>,

    /// Keep only this impersonation role: its EWS requests, and whom it may impersonate (repeat
    /// for several)
    #[arg(
        long = "impersonation-role-id",
        value_name = "ID",
        help_heading = "Filters"
    )]
    pub impersonation_role_ids: Vec<String>,

    /// Impersonation: keep only this target user, a user ID, an email or a user name (repeat for
    /// several)
    #[arg(long = "target-user", value_name = "USER", help_heading = "Filters")]
    pub target_users: Vec<String>,

    /// Keep only rows with this effect: ALLOW or DENY
    #[arg(long, value_name = "EFFECT", help_heading = "Filters")]
    pub effect: Option<String>,
}

/// How `table` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// One line per row (coloured on a terminal unless `NO_COLOR` is set)
    Text,
    /// The rows as JSON: the access control table is a list of `{"IpRanges", "Actions",
    /// "Principals", "Effect", "MatchedRules"}`
    Json,
    /// Markdown tables, under headings when both are printed
    Markdown,
    /// CSV (RFC 4180) of one table, lists separated by spaces
    Csv,
}

/// Which part of the decision table `table` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TablePart {
    /// Access control, then impersonation, then mobile device access (JSON:
    /// `{"AccessControl": [...], "Impersonation": [...], "MobileDeviceAccess": [...]}`; not with
    /// CSV); `both` is its earlier name
    #[value(alias = "both")]
    All,
    /// Access control rules: who may use which protocol from where
    AccessControl,
    /// Impersonation roles: which users each role may impersonate
    Impersonation,
    /// Mobile device access rules: which devices may synchronize over ActiveSync
    MobileDeviceAccess,
}

/// `workmail-policy diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old document, then the new one: `--org OLD --org NEW`
    #[arg(long = "org", value_name = "FILE", required = true)]
    pub orgs: Vec<PathBuf>,

    /// An IPv4 address you connect from: warn when the change denies requests from it something
    /// they had (repeat for several)
    #[arg(long = "my-ip", value_name = "IP", value_parser = parse_ipv4_argument)]
    pub my_ips: Vec<Ipv4Addr>,

    /// How to print the changes
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Text)]
    pub output: Format,

    /// Exit with 1 when any decision changes (`change`), or when a lockout guard fires
    /// (`lockout`); without it the exit code is 0 either way
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Option<FailOn>,

    /// Exit with 1 when any answer changes, `MatchedRules` included, as `git diff --exit-code`
    /// does (the same as `--fail-on change`)
    #[arg(long)]
    pub exit_code: bool,
}

/// What makes `diff --fail-on` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any decision changes (like `git diff --exit-code`)
    Change,
    /// A lockout guard fires
    Lockout,
}

/// Reads an IPv4 address as the API writes one (`192.0.2.1`).
fn parse_ipv4_argument(text: &str) -> Result<Ipv4Addr, String> {
    workmail_policy::model::parse_ipv4(text)
        .ok_or_else(|| format!("`{text}` is not an IPv4 address such as `192.0.2.1`"))
}

/// `workmail-policy lint`.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// The organization document, or raw `aws workmail` output, to lint
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "explain",
        conflicts_with = "explain"
    )]
    pub org: Option<PathBuf>,

    /// Print the documentation of one lint (What, Why, Example, Fix) instead of linting
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,

    /// How to print the findings or the documentation (SARIF: the findings only)
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ReportFormat::Text)]
    pub output: ReportFormat,
}

/// `workmail-policy test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    /// The organization document, or raw `aws workmail` output, to test
    #[arg(long, value_name = "FILE")]
    pub org: PathBuf,

    /// The tests file: `{"Tests": [{"Name", "Request", "Expect"}], "Properties": [{"Name",
    /// "ForAll", "Expect"}]}`
    #[arg(long, value_name = "FILE")]
    pub tests: PathBuf,

    /// How to print the results (SARIF: the failing tests and properties, located in the
    /// tests file)
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ReportFormat::Text)]
    pub output: ReportFormat,

    /// Also report which rules, condition lists and list entries no test or property exercised
    #[arg(long)]
    pub coverage: bool,

    /// Exit with 1 when fewer than PERCENT of the rules, lists and entries were exercised
    /// (implies `--coverage`)
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    pub min_coverage: Option<f64>,
}

/// Reads a percentage from 0 to 100.
fn parse_percent(text: &str) -> Result<f64, String> {
    text.trim_end_matches('%')
        .parse::<f64>()
        .ok()
        .filter(|percent| (0.0..=100.0).contains(percent))
        .ok_or_else(|| format!("`{text}` is not a percentage from 0 to 100"))
}

/// `workmail-policy check`.
#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("guarantee")
        .args(["no_new_access", "no_lost_access", "equivalent"])
        .required(true)
))]
pub struct CheckArgs {
    /// The old document, then the new one: `--org OLD --org NEW`
    #[arg(long = "org", value_name = "FILE", required = true)]
    pub orgs: Vec<PathBuf>,

    /// Every request NEW allows, OLD allowed
    #[arg(long)]
    pub no_new_access: bool,

    /// Every request OLD allowed, NEW allows
    #[arg(long)]
    pub no_lost_access: bool,

    /// Every request gets the same effect from both
    #[arg(long)]
    pub equivalent: bool,

    /// How to print the result (SARIF: one result per class that breaks the guarantee)
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ReportFormat::Text)]
    pub output: ReportFormat,
}

/// `workmail-policy impersonate`.
#[derive(Debug, Args)]
#[command(group(
    ArgGroup::new("credential")
        .args(["impersonation_role_id", "token"])
        .required(true)
))]
pub struct ImpersonateArgs {
    /// The organization document, or raw `aws workmail` output
    #[arg(long, value_name = "FILE")]
    pub org: PathBuf,

    /// The impersonation role making the request (as if holding a valid token for it)
    #[arg(long, value_name = "ID")]
    pub impersonation_role_id: Option<String>,

    /// A token from `AssumeImpersonationRole`, as `call assume-impersonation-role --save` keeps
    /// it in the document
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,

    /// The source IPv4 address of the EWS request
    #[arg(long, value_name = "IP")]
    pub ip_address: String,

    /// The user whose mailbox is reached: a user ID, an email address or a user name
    #[arg(long, value_name = "USER")]
    pub target_user: String,

    /// The EWS operation, such as `FindItem` (a read) or `CreateItem` (a write)
    #[arg(long, value_name = "OPERATION")]
    pub ews_operation: String,

    /// How to print the answer
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Text)]
    pub output: Format,
}

const TABLE_EXAMPLE: &str = "\
Example (org.json: the default rule, `office-imap` denying IMAP from outside 192.0.2.0/24, and a
READ_ONLY role `archiver` that may impersonate every user but the CEO):
  $ workmail-policy table --org org.json
  ALLOW  any action except IMAP  from any IP  for any user  [default]
  DENY   IMAP  from any IP except 192.0.2.0/24  for any user  [office-imap]
  ALLOW  IMAP  from 192.0.2.0/24  for any user  [default]
  ALLOW  EWS  from any IP  for any role  [default]

  role `archiver` \"archiver\" (READ_ONLY)
      ALLOW  `S-1-1-11-1111111111-2222222222-3333333333-1002`  [not-ceo]
      DENY   `S-1-1-11-1111111111-2222222222-3333333333-1001`  [(none)]

For a spreadsheet or a script:
  $ workmail-policy table --org org.json --output csv > access.csv
  $ workmail-policy table --org org.json --output json --part all

Who can reach IMAP from 198.51.100.7? Filters keep the rows that hold, cut to the question:
  $ workmail-policy table --org org.json --action IMAP --ip 198.51.100.7
  DENY   IMAP  from 198.51.100.7/32  for any user  [office-imap]

Filters combine with AND; a repeated filter lists alternatives. `--action`, `--ip` and
`--user-id` ask about access control, `--target-user` about impersonation,
`--impersonation-role-id` about both, and `--effect` about every part; a part a filter does not
apply to is left out (and refused when asked for with `--part`). An unknown action, user or
role, or a malformed range, is an error (252).

Exit codes: 0 the table was printed, 252 invalid arguments or document.";

const DIFF_USAGE: &str = "workmail-policy diff --org <OLD> --org <NEW> [OPTIONS]";

const DIFF_EXAMPLE: &str = "\
Example (new.json keeps WebMail to the office network too; the warning is on stderr):
  $ workmail-policy diff --org org.json --org new.json --my-ip 203.0.113.9
  WebMail  from any IP except 192.0.2.0/24  for any user: ALLOW [default] -> DENY [office-imap]
  warning[my-ip-denied]: after this change requests from 203.0.113.9 lose WebMail for user `S-1-1-11-1111111111-2222222222-3333333333-1001`, user `S-1-1-11-1111111111-2222222222-3333333333-1002`, any other user

In CI, refuse a change that locks anyone out:
  $ workmail-policy diff --org main.json --org proposed.json --my-ip 203.0.113.9 --fail-on lockout

Exit codes: 0 compared (whether or not anything changed), 1 with `--exit-code` or `--fail-on change` a decision changed, or with `--fail-on lockout` a lockout guard fired, 252 invalid arguments or document.";

const LINT_USAGE: &str = "\
workmail-policy lint --org <FILE> [OPTIONS]
       workmail-policy lint --explain <CODE> [OPTIONS]";

const LINT_EXAMPLE: &str = "\
Example (messy.json: rule `office` lists IMAP twice and the range `192.0.2.7/24`, rule `never`
lists EWS in both `Actions` and `NotActions`):
  $ workmail-policy lint --org messy.json
  info[duplicate-entry]: 4:66: Rules[1].Actions[1]: `IMAP` repeats entry 0 of this list
    help: remove the duplicate
  warning[cidr-host-bits]: 4:91: Rules[1].NotIpRanges[0]: `192.0.2.7/24` has host bits set and is matched as `192.0.2.0/24`
    help: write the network address so the rule says what it does (D8)
  warning[actions-all-excluded]: 5:79: Rules[2].NotActions: every action in `Actions` of rule `never` is also in `NotActions`, so the rule matches no request
    help: remove from `NotActions` the actions the rule should apply to
  2 warnings, 1 info

What a lint finds, why it matters, an example and the fix:
  $ workmail-policy lint --explain cidr-host-bits";

/// The `lint` help epilogue: the example, then every lint's code, severity and title.
fn lint_after_help() -> String {
    let mut text = String::from(LINT_EXAMPLE);
    text.push_str("\n\nLints (`--explain CODE` documents each):\n");
    for rule in workmail_policy::analysis::lint_rules() {
        text.push_str(&format!(
            "  {} ({})\n      {}\n",
            rule.code(),
            rule.severity(),
            rule.title()
        ));
    }
    text.push_str(
        "\nExit codes: 0 no finding of warning severity (infos only, or none), 1 a warning was \
         found, 252 invalid arguments, unknown lint code, or a document that cannot be loaded.",
    );
    text
}

const TEST_EXAMPLE: &str = "\
Example (tests.json):
  {\"Tests\": [
    {\"Name\": \"no IMAP from home\",
     \"Request\": {\"IpAddress\": \"203.0.113.9\", \"Action\": \"IMAP\", \"UserId\": \"S-1-1-11-1111111111-2222222222-3333333333-1002\"},
     \"Expect\": {\"Effect\": \"DENY\", \"MatchedRules\": [\"office-imap\"]}},
    {\"Name\": \"the archiver cannot read the CEO\",
     \"Request\": {\"ImpersonationRoleId\": \"archiver\", \"TargetUser\": \"ceo@example.com\"},
     \"Expect\": {\"Effect\": \"DENY\"}}]}

  $ workmail-policy test --org org.json --tests tests.json
  PASS no IMAP from home
  PASS the archiver cannot read the CEO
  2 passed, 0 failed

A failure reads `FAIL name: expected DENY, got ALLOW [default]`. `MatchedRules` is compared only
when the test gives it; for impersonation, `Expect` may also give the role's `Type`.

Properties hold for every request of `ForAll`, a set written as a rule writes it:
  {\"Properties\": [
    {\"Name\": \"IMAP and WebMail only from the office\",
     \"ForAll\": {\"Actions\": [\"IMAP\", \"WebMail\"], \"NotIpRanges\": [\"192.0.2.0/24\"]},
     \"Expect\": {\"Effect\": \"DENY\"}}]}

  $ workmail-policy test --org org.json --tests properties.json
  FAIL IMAP and WebMail only from the office: expected DENY for every request; WebMail from 203.0.113.1 for user `S-1-1-11-1111111111-2222222222-3333333333-1001` gets ALLOW [default] (1 class of requests fails)
  0 passed, 1 failed

`ForAll` takes `IpRanges`, `NotIpRanges`, `Actions`, `NotActions`, `UserIds`, `NotUserIds`,
`ImpersonationRoleIds`, `NotImpersonationRoleIds` and `Principals` (`Users`, `Roles` or `Any`);
with `TargetUsers` or `NotTargetUsers` (and `ImpersonationRoleIds`) it quantifies over
impersonation targets, with device lists (`DeviceTypes` ... `NotDeviceUserAgents`) over devices.

With `--coverage`, a last part names every rule that no test or property matched or let
decide, and every condition list and entry that never named a request's value:
  $ workmail-policy test --org org.json --tests tests.json --coverage
  ...
  coverage: 10 of 12 items (83.3%)
  ImpersonationRoles[0].Rules[0]: rule `not-ceo` never matched
  ImpersonationRoles[0].Rules[0]: rule `not-ceo` never decided a request
`--min-coverage 90` exits with 1 below 90%.

Exit codes: 0 every test and property passed (and coverage reached `--min-coverage`), 1 one failed (or coverage fell short), 252 invalid arguments, or a document or tests file that cannot be loaded (every problem located, including a property naming a role or user the document does not have).";

const CHECK_USAGE: &str = "workmail-policy check --org <OLD> --org <NEW> <--no-new-access|--no-lost-access|--equivalent> [OPTIONS]";

const CHECK_EXAMPLE: &str = "\
Example (new.json keeps WebMail to the office network too):
  $ workmail-policy check --org org.json --org new.json --no-new-access
  holds: no new access
  $ workmail-policy check --org org.json --org new.json --no-lost-access
  WebMail from any IP except 192.0.2.0/24 for any user: ALLOW [default] -> DENY [office-imap]  e.g. {\"IpAddress\":\"203.0.113.1\",\"Action\":\"WebMail\",\"UserId\":\"S-1-1-11-1111111111-2222222222-3333333333-1001\"}
  does not hold: no lost access; 1 class of requests breaks it

With `--output json`: {\"Guarantee\", \"Holds\", \"Counterexamples\": [{\"Request\", \"Old\", \"New\", \"Class\"}], \"Classes\"}.

Exit codes: 0 the guarantee holds, 1 it does not, 252 invalid arguments or document.";

const IMPERSONATE_EXAMPLE: &str = "\
Example:
  $ workmail-policy impersonate --org org.json --impersonation-role-id archiver \\
      --ip-address 192.0.2.10 --target-user ceo@example.com --ews-operation DeleteItem
  DENY  EWS `DeleteItem` as role `archiver` from 192.0.2.10 impersonating `ceo@example.com`
  ✓ credential      the role exists
  ✓ access control  ALLOW [default] for the role with action EWS from 192.0.2.10
  ✗ role rules      DENY [(none)] for the target user
  ✗ role type       READ_ONLY may not perform `DeleteItem`, a write operation

With a token, as `AssumeImpersonationRole` issues it (`--save` keeps it in the document):
  $ workmail-policy call assume-impersonation-role --org org.json --save \\
      --input '{\"ImpersonationRoleId\": \"archiver\"}'
  $ workmail-policy impersonate --org org.json --token TOKEN --ip-address 192.0.2.10 \\
      --target-user jane --ews-operation FindItem

Exit codes: 0 allowed, 1 denied, 252 invalid arguments or document, or an argument the request cannot hold (an IPv6 address, an EWS operation this tool does not classify).";

const REPLAY_EXAMPLE: &str = "\
Example (proposed.json adds `office-imap`, denying IMAP from outside 192.0.2.0/24):
  $ workmail-policy replay --org proposed.json --baseline org.json --logs audit.jsonl.gz
  3 events replayed as 2 distinct requests; 1 event skipped (1 not-access-controlled)
  newly denied: 1 request (2 events); newly allowed: 0 requests (0 events)

  By user, protocol and network:
  NEWLY DENIED   user `S-1-1-11-1111111111-2222222222-3333333333-1001`  IMAP  from 198.51.100.0/24  2 events in 1 request  2023-11-14T22:13:20.000Z to 2023-11-14T23:01:00.000Z

  Requests:
  NEWLY DENIED   IMAP  from 198.51.100.7  user `S-1-1-11-1111111111-2222222222-3333333333-1001`  x2  2023-11-14T22:13:20.000Z to 2023-11-14T23:01:00.000Z  ALLOW [default] -> DENY [office-imap]

In CI, refuse a change that would deny anyone's real requests:
  $ aws logs filter-log-events --log-group-name workmail-audit > events.json
  $ workmail-policy replay --org proposed.json --baseline org.json --logs events.json --fail-on newly-denied

Exit codes: 0 replayed, 1 with `--fail-on newly-denied` a request the baseline allowed would be denied, 252 invalid arguments or document, an unreadable log, or with `--strict` a malformed line.";

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
