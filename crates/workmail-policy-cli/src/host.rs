//! What a command needs from the world around it: files, the two output streams, the terminal,
//! the clock and randomness. The native binary implements [`Host`] with `std` (see `native`),
//! the npm package's command with Node.js's `fs`; everything else about a command is written
//! once, in this crate.

use std::fmt;
use std::path::Path;

use workmail_policy::Timestamp;

/// The world a command runs in.
///
/// Every method reports failure as data: a host never panics and never prints by itself.
pub trait Host {
    /// Reads the file at `path`, stopping after `limit` bytes: a file longer than `limit` comes
    /// back with `limit + 1` bytes or more, so the caller can refuse it while memory stays
    /// bounded (an endless file such as `/dev/zero` included).
    ///
    /// # Errors
    /// Why the file cannot be read, in plain words (`no such file`, `permission denied`).
    fn read(&mut self, path: &Path, limit: usize) -> Result<Vec<u8>, String>;

    /// What `path` names, following symbolic links.
    ///
    /// # Errors
    /// Why it cannot be examined, in plain words.
    fn kind(&mut self, path: &Path) -> Result<FileKind, String>;

    /// Replaces the regular file at `path` with `text` atomically: the file holds either its old
    /// content or all of `text`, whatever happens to the process. Permissions are kept and a
    /// symbolic link stays a link to the replaced file.
    ///
    /// # Errors
    /// The step that failed and why; [`SaveError`] says whether the file is unchanged.
    fn save(&mut self, path: &Path, text: &str) -> Result<(), SaveError>;

    /// Writes `text` to standard output.
    ///
    /// # Errors
    /// Whoever read it has gone (a closed pipe), or why it cannot be written.
    fn stdout(&mut self, text: &str) -> Result<(), StdoutError>;

    /// Writes `text` to standard error. A closed stderr is ignored: there is nowhere left to say
    /// so.
    fn stderr(&mut self, text: &str);

    /// Where the two streams go.
    fn terminal(&self) -> Terminal;

    /// The current time.
    fn now(&mut self) -> Timestamp;

    /// Fills `out` with random bytes.
    ///
    /// # Errors
    /// Why the host has none; the command then discards whatever it made with them.
    fn fill_random(&mut self, out: &mut [u8]) -> Result<(), String>;

    /// Opens `path` to be read in pieces (`-` is standard input), for inputs too large to hold
    /// whole, such as audit logs. The default reads the whole file through [`Host::read`],
    /// refusing one larger than [`WHOLE_READ_LIMIT`].
    ///
    /// # Errors
    /// Why it cannot be opened, in plain words.
    fn open(&mut self, path: &Path) -> Result<Opened, String> {
        whole(self.read(path, WHOLE_READ_LIMIT)?)
    }

    /// A progress indicator on standard error for a long task of `total` bytes (when known),
    /// or `None` when progress is not shown (the default, and whenever stderr is not a
    /// terminal).
    fn progress(&mut self, total: Option<u64>) -> Option<Box<dyn Progress>> {
        let _ = total;
        None
    }

    /// Serves the organization as a local WorkMail endpoint (`workmail-policy serve`). Only the
    /// native binary can listen on a socket; the default refuses.
    ///
    /// # Errors
    /// The failure to report; the default's says where `serve` is available.
    fn serve(&mut self, args: &crate::args::ServeArgs, quiet: bool) -> Result<(), crate::Failure> {
        let _ = (args, quiet);
        Err(crate::Failure::invalid(
            "`serve` listens on a socket, which this build of the command cannot do; run the Rust \
             command line (`cargo install workmail-policy-cli`) for it",
        ))
    }
}

/// The most [`Host::open`] reads by default: the whole input is held in memory.
pub const WHOLE_READ_LIMIT: usize = 1024 * 1024 * 1024;

/// An input read whole (by a host that cannot read in pieces) as an [`Opened`] one.
///
/// # Errors
/// When it holds more than [`WHOLE_READ_LIMIT`] bytes.
pub fn whole(bytes: Vec<u8>) -> Result<Opened, String> {
    if bytes.len() > WHOLE_READ_LIMIT {
        return Err(format!(
            "it is larger than the {} MiB this build of the command reads; use the Rust command \
             line for larger files",
            WHOLE_READ_LIMIT / (1024 * 1024)
        ));
    }
    let length = u64::try_from(bytes.len()).ok();
    Ok(Opened {
        reader: Box::new(std::io::Cursor::new(bytes)),
        length,
    })
}

/// An input opened to be read in pieces.
pub struct Opened {
    /// Its bytes.
    pub reader: Box<dyn std::io::Read>,
    /// Its length in bytes, when known (not for a pipe).
    pub length: Option<u64>,
}

/// A progress indicator: how many bytes of the task are done.
pub trait Progress {
    /// `bytes` more are done.
    fn advance(&self, bytes: u64);
    /// The task is over: the indicator goes away.
    fn finish(&self);
}

/// What a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A regular file (or a link to one).
    Regular,
    /// A folder.
    Folder,
    /// A named pipe (FIFO).
    NamedPipe,
    /// A Unix domain socket.
    Socket,
    /// A character or block device.
    Device,
    /// Anything else.
    Other,
}

impl FileKind {
    /// `None` for a regular file, else what it is, as messages say it (`a named pipe`).
    pub const fn not_regular(self) -> Option<&'static str> {
        match self {
            Self::Regular => None,
            Self::Folder => Some("a folder"),
            Self::NamedPipe => Some("a named pipe"),
            Self::Socket => Some("a socket"),
            Self::Device => Some("a device"),
            Self::Other => Some("not a regular file"),
        }
    }
}

/// The steps of an atomic save, in order: the one that failed is named in the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStep {
    /// Resolving the path (and its links) to the file.
    Find,
    /// Finding out what the path names.
    Examine,
    /// Reading the file's permissions.
    ReadPermissions,
    /// Creating the temporary file in the same folder.
    CreateTemporary,
    /// Writing the text to the temporary file.
    WriteTemporary,
    /// Giving the temporary file the original's permissions.
    CopyPermissions,
    /// Flushing the temporary file to disk.
    FlushTemporary,
    /// Renaming the temporary file over the original.
    Rename,
    /// Flushing the folder (the rename) to disk. The file is already replaced.
    FlushFolder,
}

impl SaveStep {
    /// What failed, as the message says it.
    const fn failed(self) -> &'static str {
        match self {
            Self::Find => "cannot find it",
            Self::Examine => "cannot examine it",
            Self::ReadPermissions => "cannot read its permissions",
            Self::CreateTemporary => "cannot create a temporary file beside it",
            Self::WriteTemporary => "cannot write the temporary file",
            Self::CopyPermissions => "cannot copy its permissions",
            Self::FlushTemporary => "cannot flush the temporary file to disk",
            Self::Rename => "cannot rename the temporary file over it",
            Self::FlushFolder => "cannot flush its folder to disk",
        }
    }
}

/// Why a save failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// A step failed; `reason` says why in plain words.
    Step {
        /// The step.
        step: SaveStep,
        /// Why, in plain words (`permission denied`).
        reason: String,
    },
    /// The path names something a document cannot replace.
    NotRegular(FileKind),
}

impl SaveError {
    /// Whether the file still holds what it held before. Only a failure to flush the folder
    /// comes after the rename.
    pub fn unchanged(&self) -> bool {
        !matches!(
            self,
            Self::Step {
                step: SaveStep::FlushFolder,
                ..
            }
        )
    }

    /// The message for a save of `path`, as it is shown.
    pub fn message(&self, path: &Path) -> String {
        let shown = shown(path);
        match self {
            Self::Step {
                step: SaveStep::FlushFolder,
                reason,
            } => format!("saved {shown}, but cannot flush its folder to disk: {reason}"),
            Self::Step { step, reason } => format!(
                "cannot save {shown}: {}: {reason}; the file is unchanged",
                step.failed()
            ),
            Self::NotRegular(kind) => format!(
                "cannot save {shown}: it is {}, which a saved document cannot replace; it is \
                 unchanged",
                kind.not_regular().unwrap_or("a regular file")
            ),
        }
    }
}

/// Why standard output could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StdoutError {
    /// Whoever read it stopped reading (`| head`).
    Closed,
    /// Any other failure, in plain words.
    Failed(String),
}

/// Where the output streams go, and whether colour is wanted there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Terminal {
    /// Standard output is a terminal.
    pub stdout: bool,
    /// Standard error is a terminal.
    pub stderr: bool,
    /// Colour is not wanted even on a terminal (`NO_COLOR` is set to a non-empty value).
    pub no_colour: bool,
    /// The width to wrap help to, in columns: `COLUMNS` when it is set, else the width of the
    /// terminal standard output goes to (100 columns when neither is known).
    pub columns: Option<u16>,
}

impl Terminal {
    /// Colour on standard output.
    pub const fn colour_stdout(self) -> bool {
        self.stdout && !self.no_colour
    }

    /// Colour on standard error.
    pub const fn colour_stderr(self) -> bool {
        self.stderr && !self.no_colour
    }
}

/// How a path is named in messages.
pub fn shown(path: &Path) -> String {
    format!("`{}`", path.display())
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.not_regular().unwrap_or("a regular file"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_messages_say_whether_the_file_is_unchanged() {
        let path = Path::new("org.json");
        let failed = SaveError::Step {
            step: SaveStep::Rename,
            reason: "permission denied".into(),
        };
        assert!(failed.unchanged());
        assert_eq!(
            failed.message(path),
            "cannot save `org.json`: cannot rename the temporary file over it: permission \
             denied; the file is unchanged"
        );
        let late = SaveError::Step {
            step: SaveStep::FlushFolder,
            reason: "input/output error".into(),
        };
        assert!(!late.unchanged());
        assert_eq!(
            late.message(path),
            "saved `org.json`, but cannot flush its folder to disk: input/output error"
        );
        assert_eq!(
            SaveError::NotRegular(FileKind::NamedPipe).message(path),
            "cannot save `org.json`: it is a named pipe, which a saved document cannot replace; \
             it is unchanged"
        );
    }

    #[test]
    fn colour_needs_a_terminal_and_no_no_colour() {
        let terminal = Terminal {
            stdout: true,
            stderr: false,
            no_colour: false,
            columns: None,
        };
        assert!(terminal.colour_stdout() && !terminal.colour_stderr());
        let plain = Terminal {
            no_colour: true,
            ..terminal
        };
        assert!(!plain.colour_stdout());
    }
}
