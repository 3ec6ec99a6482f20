//! What the command prints and how it exits: the stdout/stderr contract in one place.

use std::fmt;
use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;
use workmail_policy::{ApiError, Operation};

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

impl From<Status> for ExitCode {
    fn from(status: Status) -> Self {
        Self::from(status.code())
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

    /// Reports the failure on stdout/stderr and gives the exit status.
    pub fn report(self) -> Status {
        match self {
            Self::Invalid(messages) => {
                for message in messages {
                    error_line(&message);
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
                    let _ = print_json(&error.to_json());
                }
                stderr_line(&error.cli_message(operation));
                Status::Api
            }
            Self::Failed(message) => {
                error_line(&message);
                Status::Failed
            }
            Self::StdoutClosed => Status::Failed,
            Self::Negative => Status::Negative,
        }
    }
}

/// A message on stderr, prefixed `error: `.
pub fn error_line(message: &str) {
    stderr_line(&format!("error: {message}"));
}

/// One line on stderr. A closed stderr is ignored: there is nowhere left to report it.
pub fn stderr_line(line: &str) {
    let _ = writeln!(io::stderr().lock(), "{line}");
}

/// Prints `value` as pretty JSON on stdout.
///
/// # Errors
/// When stdout cannot be written.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), Failure> {
    let text = workmail_policy::text::pretty_json(value)
        .map_err(|error| Failure::Failed(format!("cannot write the answer as JSON: {error}")))?;
    print_stdout(&text)
}

/// Writes `text` to stdout as is.
///
/// # Errors
/// When stdout cannot be written (a closed pipe included).
pub fn print_stdout(text: &str) -> Result<(), Failure> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|error| match error.kind() {
            io::ErrorKind::BrokenPipe => Failure::StdoutClosed,
            _ => Failure::Failed(format!(
                "cannot write to standard output: {}",
                describe_io(&error)
            )),
        })
}

/// An I/O error in this tool's message style: lowercase, no OS jargon where a plain word does.
pub fn describe_io(error: &io::Error) -> impl fmt::Display + '_ {
    struct Described<'e>(&'e io::Error);
    impl fmt::Display for Described<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self.0.kind() {
                io::ErrorKind::NotFound => f.write_str("no such file"),
                io::ErrorKind::PermissionDenied => f.write_str("permission denied"),
                io::ErrorKind::IsADirectory => f.write_str("it is a folder, not a file"),
                _ => {
                    let text = self.0.to_string();
                    let mut chars = text.chars();
                    match chars.next() {
                        Some(first) => {
                            write!(f, "{}{}", first.to_lowercase(), chars.as_str())
                        }
                        None => f.write_str("unknown error"),
                    }
                }
            }
        }
    }
    Described(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_as_plain_words() {
        let error = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(describe_io(&error).to_string(), "no such file");
        let error = io::Error::other("Disk on fire");
        assert_eq!(describe_io(&error).to_string(), "disk on fire");
    }

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
}
