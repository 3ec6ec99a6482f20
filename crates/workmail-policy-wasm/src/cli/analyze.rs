//! The analysis commands of the package's `workmail-policy`: `table`, `diff`, `lint`, `test` and
//! `impersonate`, with the Rust command line's messages, output and exit statuses (1 for a
//! negative answer: a lint warning, a failed test, a denied request, `diff --fail-on`).

use serde::Deserialize;
use workmail_policy::analysis::{
    self, Credential, DiffOptions, ImpersonatedEwsRequest, LintSeverity,
};
use workmail_policy::{Effect, Environment, Organization};

use super::{
    File, INVALID, Outcome, SUCCESS, Unreadable, document_failure, load_organization, pretty,
};

/// Exit status of a command that answered no.
const NEGATIVE: u8 = 1;

/// A command's answer: its standard output and whether the answer is no.
fn answered(warnings: String, stdout: String, negative: bool) -> Outcome {
    Outcome {
        status: if negative { NEGATIVE } else { SUCCESS },
        warnings,
        stdout,
        ..Outcome::default()
    }
}

/// Reads a JSON file's text; `what` names it in messages (`the tests file`).
fn read_json_file(file: &File, what: &str) -> Result<String, String> {
    match file.text() {
        Ok(text) => Ok(text),
        Err(Unreadable::Io(reason)) => {
            Err(format!("cannot read {what} {}: {reason}", file.shown()))
        }
        Err(Unreadable::Encoding(diagnostic)) => Err(document_failure(file, &diagnostic.into())),
    }
}

// ---------------------------------------------------------------------------------------------
// table

/// `workmail-policy table`'s arguments.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TableArguments {
    org: File,
    /// `text`, `json`, `markdown` or `csv`.
    #[serde(default)]
    output: Option<String>,
    /// `both`, `access-control` or `impersonation`.
    #[serde(default)]
    part: Option<String>,
    #[serde(default)]
    quiet: bool,
    /// Standard output is a terminal: CSV fields show control characters escaped.
    #[serde(default)]
    terminal: bool,
}

/// Which table `table` prints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Both,
    AccessControl,
    Impersonation,
}

pub(super) fn table(arguments: TableArguments) -> Outcome {
    let output = arguments.output.as_deref().unwrap_or("text");
    let part = match arguments.part.as_deref() {
        Some("both") => Part::Both,
        Some("access-control") => Part::AccessControl,
        Some("impersonation") => Part::Impersonation,
        _ if matches!(output, "json" | "csv") => Part::AccessControl,
        _ => Part::Both,
    };
    if (output, part) == ("csv", Part::Both) {
        return Outcome::invalid(
            String::new(),
            &["`--output csv` prints one table; add `--part access-control` or `--part impersonation`".to_owned()],
        );
    }
    let mut warnings = String::new();
    let organization = match load_organization(&arguments.org, arguments.quiet, &mut warnings) {
        Ok(organization) => organization,
        Err(problem) => return Outcome::invalid(warnings, &[problem]),
    };
    let stdout = match (output, part) {
        ("json", Part::Both) => pretty(&analysis::decision_table(&organization)),
        ("json", Part::AccessControl) => pretty(&analysis::access_table(&organization)),
        ("json", Part::Impersonation) => pretty(&analysis::impersonation_table(&organization)),
        ("markdown", Part::Both) => analysis::decision_table(&organization).to_markdown(),
        ("markdown", Part::AccessControl) => analysis::access_table(&organization).to_markdown(),
        ("markdown", Part::Impersonation) => {
            analysis::impersonation_table(&organization).to_markdown()
        }
        ("csv", part) => {
            let table = if part == Part::Impersonation {
                analysis::impersonation_table(&organization).to_csv()
            } else {
                analysis::access_table(&organization).to_csv()
            };
            if arguments.terminal {
                analysis::csv_for_terminal(&table)
            } else {
                table
            }
        }
        (_, Part::Both) => analysis::decision_table(&organization).to_string(),
        (_, Part::AccessControl) => analysis::access_table(&organization).to_string(),
        (_, Part::Impersonation) => analysis::impersonation_table(&organization).to_string(),
    };
    answered(warnings, stdout, false)
}

// ---------------------------------------------------------------------------------------------
// diff

/// `workmail-policy diff`'s arguments.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DiffArguments {
    /// `--org OLD --org NEW`.
    orgs: Vec<File>,
    /// `--my-ip`, repeated.
    #[serde(default)]
    my_ips: Vec<String>,
    #[serde(default)]
    output: Option<String>,
    /// `change` or `lockout`.
    #[serde(default)]
    fail_on: Option<String>,
    #[serde(default)]
    quiet: bool,
}

pub(super) fn diff(arguments: DiffArguments) -> Outcome {
    let mut my_ips = Vec::new();
    for ip in &arguments.my_ips {
        match workmail_policy::model::parse_ipv4(ip) {
            Some(address) => my_ips.push(address),
            None => {
                return Outcome::invalid(
                    String::new(),
                    &[format!(
                        "invalid value '{ip}' for '--my-ip <IP>': `{ip}` is not an IPv4 address such as `192.0.2.1`"
                    )],
                );
            }
        }
    }
    let [old, new] = arguments.orgs.as_slice() else {
        let count = arguments.orgs.len();
        return Outcome::invalid(
            String::new(),
            &[format!(
                "`diff` compares two documents, so it needs `--org` twice (`--org OLD --org NEW`), not {count} time{}",
                if count == 1 { "" } else { "s" }
            )],
        );
    };
    let mut warnings = String::new();
    let old = load_organization(old, arguments.quiet, &mut warnings);
    let new = load_organization(new, arguments.quiet, &mut warnings);
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            let problems: Vec<String> = [old.err(), new.err()].into_iter().flatten().collect();
            return Outcome::invalid(warnings, &problems);
        }
    };
    let mut changes = analysis::diff(&old, &new, &DiffOptions { my_ips });
    let negative = match arguments.fail_on.as_deref() {
        Some("change") => !changes.is_empty(),
        Some("lockout") => !changes.warnings.is_empty(),
        _ => false,
    };
    if arguments.output.as_deref() == Some("json") {
        return answered(warnings, pretty(&changes), negative);
    }
    // In text, the lockout warnings go to stderr, after the changes.
    let lockouts = std::mem::take(&mut changes.warnings);
    let mut outcome = answered(warnings, changes.to_string(), negative);
    for lockout in lockouts {
        outcome.stderr.push_str(&format!("{lockout}\n"));
    }
    outcome
}

// ---------------------------------------------------------------------------------------------
// lint

/// `workmail-policy lint`'s arguments.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LintArguments {
    #[serde(default)]
    org: Option<File>,
    /// `--explain CODE`.
    #[serde(default)]
    explain: Option<String>,
    #[serde(default)]
    output: Option<String>,
}

pub(super) fn lint(arguments: &LintArguments) -> Outcome {
    let json = arguments.output.as_deref() == Some("json");
    if let Some(code) = &arguments.explain {
        return match analysis::lint_rule(code) {
            Some(rule) if json => answered(String::new(), pretty(rule), false),
            Some(rule) => answered(String::new(), rule.help_text(), false),
            None => Outcome::invalid(
                String::new(),
                &[format!(
                    "`{code}` is not a lint code; `workmail-policy lint --help` lists all {}",
                    analysis::lint_rules().len()
                )],
            ),
        };
    }
    let Some(org) = &arguments.org else {
        return Outcome::invalid(
            String::new(),
            &[
                "`lint` needs `--org FILE`, or `--explain CODE` for a lint's documentation"
                    .to_owned(),
            ],
        );
    };
    let report = read_json_file(org, "the organization document").and_then(|text| {
        analysis::lint_document(&text).map_err(|error| document_failure(org, &error))
    });
    match report {
        Ok(report) => {
            let stdout = if json {
                pretty(&report)
            } else {
                report.to_string()
            };
            answered(
                String::new(),
                stdout,
                report.count(LintSeverity::Warning) > 0,
            )
        }
        Err(problem) => Outcome::invalid(String::new(), &[problem]),
    }
}

// ---------------------------------------------------------------------------------------------
// test

/// `workmail-policy test`'s arguments.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TestArguments {
    org: File,
    tests: File,
    #[serde(default)]
    quiet: bool,
}

pub(super) fn test(arguments: &TestArguments) -> Outcome {
    let mut warnings = String::new();
    let organization = load_organization(&arguments.org, arguments.quiet, &mut warnings);
    let suite = read_json_file(&arguments.tests, "the tests file").and_then(|text| {
        analysis::load_tests(&text).map_err(|error| document_failure(&arguments.tests, &error))
    });
    let (organization, loaded) = match (organization, suite) {
        (Ok(organization), Ok(loaded)) => (organization, loaded),
        (organization, suite) => {
            let problems: Vec<String> = [organization.err(), suite.err()]
                .into_iter()
                .flatten()
                .collect();
            return Outcome::invalid(warnings, &problems);
        }
    };
    if !arguments.quiet {
        for warning in &loaded.warnings {
            warnings.push_str(&format!("{warning}\n"));
        }
    }
    let report = analysis::run_tests(&organization, &loaded.suite);
    answered(warnings, report.to_string(), !report.is_success())
}

// ---------------------------------------------------------------------------------------------
// impersonate

/// `workmail-policy impersonate`'s arguments.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct ImpersonateArguments {
    org: File,
    #[serde(default)]
    impersonation_role_id: Option<String>,
    #[serde(default)]
    token: Option<String>,
    ip_address: String,
    target_user: String,
    ews_operation: String,
    #[serde(default)]
    output: Option<String>,
    #[serde(default)]
    quiet: bool,
}

pub(super) fn impersonate(arguments: ImpersonateArguments, env: &mut dyn Environment) -> Outcome {
    let mut warnings = String::new();
    let organization: Organization =
        match load_organization(&arguments.org, arguments.quiet, &mut warnings) {
            Ok(organization) => organization,
            Err(problem) => return Outcome::invalid(warnings, &[problem]),
        };
    let credential = match (arguments.token, arguments.impersonation_role_id) {
        (Some(token), _) => Credential::Token(token),
        (None, role) => Credential::ImpersonationRoleId(role.unwrap_or_default()),
    };
    let request = ImpersonatedEwsRequest {
        credential,
        ip_address: arguments.ip_address,
        target_user: arguments.target_user,
        ews_operation: arguments.ews_operation,
    };
    match analysis::impersonated_ews_request(&organization, &request, env.now()) {
        Ok(answer) => {
            let stdout = if arguments.output.as_deref() == Some("json") {
                pretty(&answer)
            } else {
                answer.to_string()
            };
            answered(warnings, stdout, answer.verdict == Effect::Deny)
        }
        Err(error) => Outcome {
            status: INVALID,
            warnings,
            stderr: format!("error: {}\n", error.for_command_line()),
            ..Outcome::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use workmail_policy::FixedEnvironment;

    use crate::cli::tests::file;

    const DOCUMENT: &str = r#"{"Users": [{"Id": "S-1-1-11-0000000001", "Email": "jane@example.com", "Name": "jane", "State": "ENABLED"}],
        "AccessControlRules": [{"Name": "default", "Effect": "ALLOW", "Description": ""},
          {"Name": "never", "Effect": "DENY", "Description": "", "Actions": ["SMTP"], "NotActions": ["SMTP"]}],
        "ImpersonationRoles": [{"ImpersonationRoleId": "archiver", "Name": "Archiver", "Type": "READ_ONLY",
          "Rules": [{"ImpersonationRuleId": "all", "Effect": "ALLOW"}]}]}"#;

    fn missing(path: &str) -> File {
        File {
            path: path.into(),
            bytes: None,
            error: Some("no such file".into()),
            not_regular: None,
        }
    }

    #[test]
    fn csv_of_both_tables_is_refused_before_loading() {
        let outcome = table(TableArguments {
            org: missing("gone.json"),
            output: Some("csv".into()),
            part: Some("both".into()),
            quiet: false,
            terminal: false,
        });
        assert_eq!(outcome.status, INVALID);
        assert!(
            outcome
                .stderr
                .starts_with("error: `--output csv` prints one table")
        );
        let json = table(TableArguments {
            org: file(DOCUMENT),
            output: Some("json".into()),
            part: None,
            quiet: false,
            terminal: false,
        });
        assert!(
            json.stdout.starts_with("[\n    {\n        \"IpRanges\""),
            "{}",
            json.stdout
        );
    }

    #[test]
    fn csv_on_a_terminal_escapes_control_characters() {
        let document =
            r#"{"Rules": [{"Name": "r", "Effect": "DENY", "UserIds": ["S-1-1-11-\u001b[2K"]}]}"#;
        let csv = |terminal| {
            table(TableArguments {
                org: file(document),
                output: Some("csv".into()),
                part: None,
                quiet: true,
                terminal,
            })
            .stdout
        };
        assert!(csv(false).contains("UserId:S-1-1-11-\u{1b}[2K"));
        assert!(csv(true).contains("UserId:S-1-1-11-\\u{1b}[2K"));
        assert!(!csv(true).contains('\u{1b}'));
    }

    #[test]
    fn diff_needs_two_documents_and_valid_addresses() {
        let arguments = |orgs: Vec<File>, my_ips: Vec<String>| DiffArguments {
            orgs,
            my_ips,
            output: None,
            fail_on: Some("change".into()),
            quiet: false,
        };
        let one = diff(arguments(vec![file(DOCUMENT)], vec![]));
        assert!(one.stderr.contains("not 1 time\n"), "{}", one.stderr);
        let bad_ip = diff(arguments(
            vec![file(DOCUMENT), file(DOCUMENT)],
            vec!["::1".into()],
        ));
        assert!(
            bad_ip
                .stderr
                .starts_with("error: invalid value '::1' for '--my-ip <IP>'")
        );
        let both_missing = diff(arguments(
            vec![missing("a.json"), missing("b.json")],
            vec![],
        ));
        assert_eq!(both_missing.stderr.lines().count(), 2);
        let same = diff(arguments(vec![file(DOCUMENT), file(DOCUMENT)], vec![]));
        assert_eq!(
            (same.status, same.stdout.as_str()),
            (SUCCESS, "no decision changes\n")
        );
    }

    #[test]
    fn lint_exits_with_one_on_a_warning() {
        let outcome = lint(&LintArguments {
            org: Some(file(DOCUMENT)),
            explain: None,
            output: None,
        });
        assert_eq!(outcome.status, NEGATIVE);
        assert!(
            outcome
                .stdout
                .starts_with("warning[actions-all-excluded]: 3:"),
            "{}",
            outcome.stdout
        );
        let unknown = lint(&LintArguments {
            org: None,
            explain: Some("nope".into()),
            output: None,
        });
        assert_eq!(
            unknown.stderr,
            "error: `nope` is not a lint code; `workmail-policy lint --help` lists all 18\n"
        );
    }

    #[test]
    fn tests_report_both_files_problems() {
        let outcome = test(&TestArguments {
            org: missing("org.json"),
            tests: missing("tests.json"),
            quiet: false,
        });
        assert_eq!(
            outcome.stderr,
            "error: cannot read the organization document `org.json`: no such file\nerror: cannot read the tests file `tests.json`: no such file\n"
        );
    }

    #[test]
    fn impersonate_names_the_option_at_fault() {
        let arguments = |ip: &str| ImpersonateArguments {
            org: file(DOCUMENT),
            impersonation_role_id: Some("archiver".into()),
            token: None,
            ip_address: ip.into(),
            target_user: "jane".into(),
            ews_operation: "FindItem".into(),
            output: None,
            quiet: false,
        };
        let env = &mut FixedEnvironment::new(0.0, 0);
        let allowed = impersonate(arguments("192.0.2.1"), env);
        assert_eq!(allowed.status, SUCCESS);
        assert!(
            allowed.stdout.starts_with("ALLOW  EWS `FindItem`"),
            "{}",
            allowed.stdout
        );
        let refused = impersonate(arguments("::1"), env);
        assert_eq!(refused.status, INVALID);
        assert!(
            refused.stderr.starts_with("error: `--ip-address`: "),
            "{}",
            refused.stderr
        );
    }
}
