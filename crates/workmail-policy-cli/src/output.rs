//! What a command prints and how it exits: the stdout/stderr contract in one place.

use serde::Serialize;
use workmail_policy::{ApiError, Environment, Operation, Timestamp};

use crate::host::{Host, StdoutError, Terminal};

/// The exit statuses, as the AWS CLI uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The command did what was asked.
    Success,
    /// The command did what was asked and the answer is no: a request denied, a saved test
    /// failed, a lint warning, a diff that `--fail-on` refuses.
    Negative,
    /// Bad arguments, or an input or document that cannot be read or is invalid.
    Invalid,
    /// The operation answered with an API error.
    Api,
    /// The answer could not be delivered: saving failed, stdout is closed, no randomness.
    Failed,
}

impl Status {
    /// The process exit code.
    pub const fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Negative => 1,
            Self::Invalid => 252,
            Self::Api => 254,
            Self::Failed => 255,
        }
    }
}

/// Why a command stopped, with everything needed to report it.
#[derive(Debug)]
pub enum Failure {
    /// Arguments, input or document at fault (252): each message goes to stderr.
    Invalid(Vec<String>),
    /// The operation's API error (254). With `json`, the error object also goes to stdout.
    Api {
        /// The error.
        error: ApiError,
        /// The operation that raised it.
        operation: Operation,
        /// Whether stdout gets `{"Error": ...}`.
        json: bool,
    },
    /// The answer was computed but could not be delivered (255).
    Failed(String),
    /// Whoever read stdout stopped reading (`| head`): nothing to report, but no success (255).
    StdoutClosed,
    /// The answer was printed and is no (1): nothing more to report.
    Negative,
}

impl Failure {
    /// One invalid-argument message.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::Invalid(vec![message.into()])
    }

    /// The messages this failure would print, for a caller that gathers every problem of a
    /// command line before reporting them together.
    pub fn into_messages(self) -> Vec<String> {
        match self {
            Self::Invalid(messages) => messages,
            Self::Api { error, .. } => vec![error.to_string()],
            Self::Failed(message) => vec![message],
            Self::StdoutClosed | Self::Negative => Vec::new(),
        }
    }

    /// Reports the failure on the console and gives the exit status.
    pub fn report(self, console: &mut Console<'_>) -> Status {
        match self {
            Self::Invalid(messages) => {
                for message in messages {
                    console.error_line(&message);
                }
                Status::Invalid
            }
            Self::Api {
                error,
                operation,
                json,
            } => {
                if json {
                    // The error line below still reports the failure if stdout is gone.
                    let _ = console.json(&error.to_json());
                }
                console.stderr_line(&error.cli_message(operation));
                Status::Api
            }
            Self::Failed(message) => {
                console.error_line(&message);
                Status::Failed
            }
            Self::StdoutClosed => Status::Failed,
            Self::Negative => Status::Negative,
        }
    }
}

/// Both results, or every problem of both: the messages of two invalid inputs are reported
/// together, so one run shows everything to fix.
///
/// # Errors
/// The failure of either, or both sets of messages.
pub fn both<A, B>(
    first: Result<A, Failure>,
    second: Result<B, Failure>,
) -> Result<(A, B), Failure> {
    match (first, second) {
        (Ok(first), Ok(second)) => Ok((first, second)),
        (Err(failure), Ok(_)) | (Ok(_), Err(failure)) => Err(failure),
        (Err(Failure::Invalid(mut messages)), Err(Failure::Invalid(more))) => {
            messages.extend(more);
            Err(Failure::Invalid(messages))
        }
        (Err(failure), Err(_)) => Err(failure),
    }
}

/// A command's view of its host: the output streams with this tool's conventions, whether
/// load warnings are wanted, and the host's files, clock and randomness.
pub struct Console<'h> {
    host: &'h mut dyn Host,
    terminal: Terminal,
    /// `--quiet`: load warnings are not printed.
    pub quiet: bool,
    /// The first failure of the host's random number generator during this command.
    random_failure: Option<String>,
}

impl<'h> Console<'h> {
    /// A console over `host`.
    pub fn new(host: &'h mut dyn Host, quiet: bool) -> Self {
        let terminal = host.terminal();
        Self {
            host,
            terminal,
            quiet,
            random_failure: None,
        }
    }

    /// The host, for its files.
    pub fn host(&mut self) -> &mut dyn Host {
        self.host
    }

    /// Where the streams go.
    pub const fn terminal(&self) -> Terminal {
        self.terminal
    }

    /// Writes `text` to stdout as is.
    ///
    /// # Errors
    /// When stdout cannot be written (a closed pipe included).
    pub fn stdout(&mut self, text: &str) -> Result<(), Failure> {
        self.host.stdout(text).map_err(|error| match error {
            StdoutError::Closed => Failure::StdoutClosed,
            StdoutError::Failed(reason) => {
                Failure::Failed(format!("cannot write to standard output: {reason}"))
            }
        })
    }

    /// Prints `value` as pretty JSON on stdout, as the AWS CLI prints it.
    ///
    /// # Errors
    /// When stdout cannot be written.
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Failure> {
        let text = workmail_policy::text::pretty_json(value).map_err(|error| {
            Failure::Failed(format!("cannot write the answer as JSON: {error}"))
        })?;
        self.stdout(&text)
    }

    /// One line on stderr.
    pub fn stderr_line(&mut self, line: &str) {
        self.host.stderr(&format!("{line}\n"));
    }

    /// A message on stderr, prefixed `error: `.
    pub fn error_line(&mut self, message: &str) {
        self.stderr_line(&format!("error: {message}"));
    }

    /// Load warnings on stderr unless `--quiet`: the first
    /// [`DIAGNOSTICS_SHOWN`](workmail_policy::diagnostic::DIAGNOSTICS_SHOWN), each on its line
    /// with its help, then one line counting the rest.
    pub fn warnings(&mut self, warnings: &[workmail_policy::Diagnostic]) {
        if self.quiet || warnings.is_empty() {
            return;
        }
        self.host
            .stderr(&workmail_policy::diagnostic::capped(warnings).to_string());
    }

    /// The host's clock and randomness as the core's [`Environment`]; a failure of the random
    /// number generator is kept for [`Console::take_random_failure`].
    pub fn environment(&mut self) -> HostEnvironment<'_, 'h> {
        HostEnvironment { console: self }
    }

    /// The first failure of the host's random number generator since the last call, if any: an
    /// answer made meanwhile may hold IDs or tokens made from zeros and must be discarded.
    pub fn take_random_failure(&mut self) -> Option<String> {
        self.random_failure.take()
    }
}

/// The host's clock and randomness, lent to the core for one call.
pub struct HostEnvironment<'c, 'h> {
    console: &'c mut Console<'h>,
}

impl Environment for HostEnvironment<'_, '_> {
    fn now(&mut self) -> Timestamp {
        self.console.host.now()
    }

    fn fill_random(&mut self, out: &mut [u8]) {
        if let Err(reason) = self.console.host.fill_random(out) {
            out.fill(0);
            self.console.random_failure.get_or_insert(reason);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_aws_cli() {
        let codes: Vec<u8> = [
            Status::Success,
            Status::Negative,
            Status::Invalid,
            Status::Api,
            Status::Failed,
        ]
        .into_iter()
        .map(Status::code)
        .collect();
        assert_eq!(codes, [0, 1, 252, 254, 255]);
    }

    #[test]
    fn both_inputs_report_their_problems_together() {
        let bad = |message: &str| Err::<(), _>(Failure::invalid(message));
        let Err(Failure::Invalid(messages)) = both(bad("a"), bad("b")) else {
            panic!("two invalid inputs must be refused");
        };
        assert_eq!(messages, ["a", "b"]);
        assert!(matches!(both(Ok(1), bad("b")), Err(Failure::Invalid(m)) if m == ["b"]));
        assert!(matches!(both(Ok(1), Ok(2)), Ok((1, 2))));
    }
}
