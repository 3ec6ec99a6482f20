//! The native host: files through `std::fs` (atomic saves through `tempfile`), the process's
//! streams and terminal, the system clock and the operating system's randomness, and the
//! `serve` endpoint.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use workmail_policy::{ApiError, Environment, Operation, Organization, Timestamp};

use crate::args::ServeArgs;
use crate::host::{FileKind, Host, Opened, Progress, SaveError, SaveStep, StdoutError, Terminal};
use crate::output::Failure;

/// A progress bar on the terminal standard error goes to.
struct TerminalProgress(indicatif::ProgressBar);

impl Progress for TerminalProgress {
    fn advance(&self, bytes: u64) {
        self.0.inc(bytes);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// The process's own world.
#[derive(Debug, Default, Clone, Copy)]
pub struct NativeHost;

impl Host for NativeHost {
    fn read(&mut self, path: &Path, limit: usize) -> Result<Vec<u8>, String> {
        let io = |error: io::Error| describe_io(&error).to_string();
        let file = File::open(path).map_err(io)?;
        let limit = u64::try_from(limit).unwrap_or(u64::MAX);
        let mut bytes = Vec::new();
        file.take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io)?;
        Ok(bytes)
    }

    fn kind(&mut self, path: &Path) -> Result<FileKind, String> {
        kind(path).map_err(|error| describe_io(&error).to_string())
    }

    fn save(&mut self, path: &Path, text: &str) -> Result<(), SaveError> {
        save_atomically(path, text)
    }

    fn stdout(&mut self, text: &str) -> Result<(), StdoutError> {
        let mut stdout = io::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|error| match error.kind() {
                io::ErrorKind::BrokenPipe => StdoutError::Closed,
                _ => StdoutError::Failed(describe_io(&error).to_string()),
            })
    }

    fn stderr(&mut self, text: &str) {
        // Nothing more can be reported if the terminal is gone.
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }

    fn terminal(&self) -> Terminal {
        let stdout = io::stdout().is_terminal();
        Terminal {
            stdout,
            stderr: io::stderr().is_terminal(),
            no_colour: std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()),
            columns: std::env::var("COLUMNS")
                .ok()
                .and_then(|columns| columns.parse().ok())
                .filter(|columns| *columns > 0)
                .or_else(|| terminal_size::terminal_size().map(|(width, _)| width.0)),
        }
    }

    fn now(&mut self) -> Timestamp {
        SystemEnvironment::default().now()
    }

    fn open(&mut self, path: &Path) -> Result<Opened, String> {
        if path == Path::new("-") {
            return Ok(Opened {
                reader: Box::new(io::stdin()),
                length: None,
            });
        }
        let io = |error: io::Error| describe_io(&error).to_string();
        let file = File::open(path).map_err(io)?;
        let metadata = file.metadata().map_err(io)?;
        if metadata.is_dir() {
            return Err("it is a folder, not a file".to_owned());
        }
        let length = metadata.is_file().then_some(metadata.len());
        Ok(Opened {
            reader: Box::new(file),
            length,
        })
    }

    fn progress(&mut self, total: Option<u64>) -> Option<Box<dyn Progress>> {
        if !io::stderr().is_terminal() {
            return None;
        }
        let bar = match total {
            Some(total) => indicatif::ProgressBar::new(total).with_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
                )
                .ok()?,
            ),
            None => indicatif::ProgressBar::new_spinner().with_style(
                indicatif::ProgressStyle::with_template("{spinner} {bytes} {bytes_per_sec}")
                    .ok()?,
            ),
        };
        Some(Box::new(TerminalProgress(bar)))
    }

    fn fill_random(&mut self, out: &mut [u8]) -> Result<(), String> {
        getrandom::fill(out).map_err(|error| error.to_string())
    }

    fn serve(&mut self, args: &ServeArgs, quiet: bool) -> Result<(), Failure> {
        crate::serve::run(args, quiet)
    }
}

/// One line on stderr. A closed stderr is ignored: there is nowhere left to report it.
pub fn stderr_line(line: &str) {
    NativeHost.stderr(&format!("{line}\n"));
}

/// What `path` names, following links.
fn kind(path: &Path) -> io::Result<FileKind> {
    let kind = fs::metadata(path)?.file_type();
    if kind.is_file() {
        return Ok(FileKind::Regular);
    }
    if kind.is_dir() {
        return Ok(FileKind::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Ok(FileKind::NamedPipe);
        }
        if kind.is_socket() {
            return Ok(FileKind::Socket);
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Ok(FileKind::Device);
        }
    }
    Ok(FileKind::Other)
}

/// A temporary file left by a save this long ago belongs to a save that was killed: no save
/// takes minutes.
const STALE_AFTER: Duration = Duration::from_secs(15 * 60);

/// Replaces the file at `path` with `text` atomically: a temporary file in the same folder,
/// written and flushed to disk, renamed over the original, then the folder flushed. The
/// original's permissions are kept; a symbolic link is followed, so the link stays. Only a
/// regular file is replaced. After a save, temporary files of earlier saves of the same file
/// that were killed (older than 15 minutes) are removed.
///
/// # Errors
/// The step that failed and why.
pub fn save_atomically(path: &Path, text: &str) -> Result<(), SaveError> {
    let fail = |step: SaveStep| {
        move |error: io::Error| SaveError::Step {
            step,
            reason: describe_io(&error).to_string(),
        }
    };
    let target = fs::canonicalize(path).map_err(fail(SaveStep::Find))?;
    let found = kind(&target).map_err(fail(SaveStep::Examine))?;
    if found != FileKind::Regular {
        return Err(SaveError::NotRegular(found));
    }
    let folder = target
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let permissions = fs::metadata(&target)
        .map_err(fail(SaveStep::ReadPermissions))?
        .permissions();
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut temporary = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(fail(SaveStep::CreateTemporary))?;
    temporary
        .write_all(text.as_bytes())
        .map_err(fail(SaveStep::WriteTemporary))?;
    let file = temporary.as_file();
    file.set_permissions(permissions)
        .map_err(fail(SaveStep::CopyPermissions))?;
    file.sync_all().map_err(fail(SaveStep::FlushTemporary))?;
    temporary
        .persist(&target)
        .map_err(|error| fail(SaveStep::Rename)(error.error))?;
    sweep_stale_temporaries(&folder, &prefix, SystemTime::now());
    sync_folder(&folder).map_err(fail(SaveStep::FlushFolder))
}

/// Removes the temporary files of killed saves of one file: regular files in `folder` named
/// `{prefix}XXXXXX.tmp` (`prefix` is `.NAME.`; the middle is the random letters and digits of a
/// save's temporary name) last modified more than [`STALE_AFTER`] before `now`. Best effort: a
/// file that cannot be examined or removed is left.
fn sweep_stale_temporaries(folder: &Path, prefix: &str, now: SystemTime) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(random) = name
            .to_str()
            .and_then(|name| name.strip_prefix(prefix))
            .and_then(|rest| rest.strip_suffix(".tmp"))
        else {
            continue;
        };
        if random.is_empty()
            || random.len() > 32
            || !random.bytes().all(|byte| byte.is_ascii_alphanumeric())
        {
            continue;
        }
        let stale = entry.metadata().is_ok_and(|metadata| {
            metadata.file_type().is_file()
                && metadata.modified().is_ok_and(|modified| {
                    now.duration_since(modified)
                        .is_ok_and(|age| age > STALE_AFTER)
                })
        });
        if stale {
            // Another process may have removed it already.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Flushes a folder's entries (the rename) to disk.
#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

/// Windows cannot open a folder as a file; its renames are flushed with the file.
#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
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
                io::ErrorKind::NotADirectory => {
                    f.write_str("a folder on its path is a file, not a folder")
                }
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

/// Runs one operation with the system's clock and randomness (for `serve`, whose calls run on
/// several threads).
///
/// # Errors
/// The outer error: the operating system gave no random bytes. The answer may then hold IDs or
/// tokens made from zeros, so it must be discarded, and so must any change to `organization`.
pub fn call_with_system(
    organization: &mut Organization,
    operation: Operation,
    input: &Value,
) -> Result<Result<Value, ApiError>, getrandom::Error> {
    let mut env = SystemEnvironment::default();
    let answer = organization.call(operation, input, &mut env);
    match env.random_failure {
        Some(error) => Err(error),
        None => Ok(answer),
    }
}

/// The system clock (to the millisecond, as AWS reports dates) and the operating system's
/// random number generator.
#[derive(Debug, Default)]
pub struct SystemEnvironment {
    /// The first failure of the random number generator, if any. The trait cannot return it, so
    /// the caller checks it after the call and discards the result.
    pub random_failure: Option<getrandom::Error>,
}

impl Environment for SystemEnvironment {
    fn now(&mut self) -> Timestamp {
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| {
                u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
            });
        #[expect(
            clippy::cast_precision_loss,
            reason = "epoch milliseconds stay below 2^53 for the next quarter of a million years"
        )]
        let seconds = millis as f64 / 1000.0;
        Timestamp::from_epoch_seconds(seconds).unwrap_or(Timestamp::EPOCH)
    }

    fn fill_random(&mut self, out: &mut [u8]) {
        if let Err(error) = getrandom::fill(out) {
            out.fill(0);
            self.random_failure.get_or_insert(error);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_is_after_2024_and_whole_milliseconds() {
        let now = SystemEnvironment::default().now().epoch_seconds();
        assert!(now > 1_704_067_200.0);
        let millis = now * 1000.0;
        assert!((millis - millis.round()).abs() < 1e-3);
    }

    #[test]
    fn random_bytes_differ_between_calls() {
        let mut env = SystemEnvironment::default();
        let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
        env.fill_random(&mut a);
        env.fill_random(&mut b);
        assert_ne!(a, b);
        assert!(env.random_failure.is_none());
    }

    #[test]
    fn io_errors_read_as_plain_words() {
        let error = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(describe_io(&error).to_string(), "no such file");
        let error = io::Error::other("Disk on fire");
        assert_eq!(describe_io(&error).to_string(), "disk on fire");
    }

    #[test]
    fn saving_replaces_the_file_and_leaves_nothing_behind() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("org.json");
        fs::write(&path, "old").unwrap();
        save_atomically(&path, "new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(folder.path()).unwrap().count(), 1);
    }

    #[test]
    fn saving_sweeps_only_stale_temporary_files_of_the_same_file() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("org.json");
        fs::write(&path, "old").unwrap();
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        let make = |name: &str, modified: SystemTime| {
            let file = File::create(folder.path().join(name)).unwrap();
            file.set_modified(modified).unwrap();
        };
        make(".org.json.aB3xYz.tmp", hour_ago);
        make(".org.json.0123456789ab.tmp", hour_ago);
        make(".org.json.fresh1.tmp", SystemTime::now());
        make(".other.json.aB3xYz.tmp", hour_ago);
        make(".org.json.aB3xYz.tmp.bak", hour_ago);
        make(".org.json.not-random.tmp", hour_ago);
        fs::create_dir(folder.path().join(".org.json.folder.tmp")).unwrap();
        save_atomically(&path, "new").unwrap();
        let mut left: Vec<String> = fs::read_dir(folder.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".org.json.aB3xYz.tmp.bak",
                ".org.json.folder.tmp",
                ".org.json.fresh1.tmp",
                ".org.json.not-random.tmp",
                ".other.json.aB3xYz.tmp",
                "org.json",
            ]
        );
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_replaced() {
        let folder = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(folder.path().join("pipe"))
            .status()
            .unwrap();
        assert!(status.success());
        let pipe = folder.path().join("pipe");
        let error = save_atomically(&pipe, "new").unwrap_err();
        assert_eq!(error, SaveError::NotRegular(FileKind::NamedPipe));
        let kind_now = fs::symlink_metadata(&pipe).unwrap().file_type();
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind_now));
        assert_eq!(kind(folder.path()).unwrap(), FileKind::Folder);
        assert_eq!(kind(Path::new("/dev/null")).unwrap(), FileKind::Device);
        assert_eq!(fs::read_dir(folder.path()).unwrap().count(), 1);
    }

    #[test]
    fn reading_stops_just_past_the_limit() {
        // `/dev/zero` never ends: the read stops one byte past the limit.
        if !Path::new("/dev/zero").exists() {
            return;
        }
        let bytes = NativeHost.read(Path::new("/dev/zero"), 1000).unwrap();
        assert_eq!(bytes.len(), 1001);
    }

    #[cfg(unix)]
    #[test]
    fn saving_keeps_permissions_and_links() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("org.json");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let link = folder.path().join("link.json");
        symlink(&path, &link).unwrap();
        save_atomically(&link, "new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
