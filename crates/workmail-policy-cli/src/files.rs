//! Reading the organization document and the request, and writing the document back atomically.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use workmail_policy::json::MAX_TEXT_BYTES;
use workmail_policy::{Diagnostic, DocumentError, Loaded, Organization};

use crate::output::{Failure, describe_io, stderr_line};

/// Reads a file as UTF-8 text, without a leading byte order mark. At most
/// [`MAX_TEXT_BYTES`] are read: a longer file (or an endless one, such as `/dev/zero`) is refused
/// once the limit is passed, so memory stays bounded.
///
/// # Errors
/// A message naming the file when it cannot be read or is too large, or a located diagnostic
/// when it is not UTF-8 text.
pub fn read_text(path: &Path) -> Result<String, Reading> {
    let io = |error: std::io::Error| Reading::Io(describe_io(&error).to_string());
    let file = File::open(path).map_err(io)?;
    let limit = u64::try_from(MAX_TEXT_BYTES).unwrap_or(u64::MAX);
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(Reading::Io(format!(
            "it is larger than the {} MiB this tool reads",
            MAX_TEXT_BYTES / (1024 * 1024)
        )));
    }
    workmail_policy::text::decode(&bytes).map_err(Reading::Encoding)
}

/// Why a file could not be read as text.
pub enum Reading {
    /// The file could not be opened or read.
    Io(String),
    /// The bytes are not UTF-8 text.
    Encoding(Diagnostic),
}

/// How a file is named in messages.
pub fn shown(path: &Path) -> String {
    format!("`{}`", path.display())
}

/// Loads the organization document at `path`, printing its warnings on stderr unless `quiet`.
///
/// # Errors
/// Every diagnostic of an unreadable or invalid document, or why the file cannot be read.
pub fn load_organization(path: &Path, quiet: bool) -> Result<Organization, Failure> {
    let (organization, warnings) = read_organization(path)?;
    if !quiet {
        print_warnings(&warnings);
    }
    Ok(organization)
}

/// Prints load warnings on stderr, one diagnostic per line.
pub fn print_warnings(warnings: &[Diagnostic]) {
    for warning in warnings {
        stderr_line(&warning.to_string());
    }
}

/// Loads the organization document at `path` and returns it with its warnings, printing nothing.
///
/// # Errors
/// As [`load_organization`].
pub fn read_organization(path: &Path) -> Result<(Organization, Vec<Diagnostic>), Failure> {
    let text = match read_text(path) {
        Ok(text) => text,
        Err(Reading::Io(reason)) => {
            return Err(Failure::invalid(format!(
                "cannot read the organization document {}: {reason}",
                shown(path)
            )));
        }
        Err(Reading::Encoding(diagnostic)) => {
            return Err(document_failure(path, &DocumentError::from(diagnostic)));
        }
    };
    match Organization::from_json(&text) {
        Ok(Loaded {
            organization,
            warnings,
            ..
        }) => Ok((organization, warnings)),
        Err(error) => Err(document_failure(path, &error)),
    }
}

/// The failure for a file that cannot be loaded: a header naming it, then one diagnostic per
/// line.
pub fn document_failure(path: &Path, error: &DocumentError) -> Failure {
    // The document error's text is a header line and one diagnostic per line.
    let text = error.to_string();
    let text = text.trim_end_matches('\n');
    Failure::invalid(format!("cannot load {}: {text}", shown(path)))
}

/// Reads `--input`: JSON text, or `@PATH` for a file's content.
///
/// # Errors
/// Why the file cannot be read, or where the text stops being JSON.
pub fn read_input(input: &str) -> Result<serde_json::Value, Failure> {
    let (text, source) = match input.strip_prefix('@') {
        Some("") => {
            return Err(Failure::invalid(
                "`--input @` names no file; write `--input @request.json`",
            ));
        }
        Some(path) => {
            let file = PathBuf::from(path);
            let source = format!("`--input` file {}", shown(&file));
            match read_text(&file) {
                Ok(text) => (text, source),
                Err(Reading::Io(reason)) => {
                    return Err(Failure::invalid(format!("cannot read {source}: {reason}")));
                }
                Err(Reading::Encoding(diagnostic)) => {
                    return Err(Failure::invalid(format!(
                        "cannot read {source}: {}:{}: {}",
                        diagnostic.line, diagnostic.column, diagnostic.message
                    )));
                }
            }
        }
        None => (input.to_owned(), "`--input`".to_owned()),
    };
    match workmail_policy::json::parse(&text) {
        Ok(parsed) => Ok(parsed.value),
        Err(error) => Err(Failure::invalid(format!(
            "{source} is not JSON: {}:{}: {}",
            error.position.line, error.position.column, error.message
        ))),
    }
}

/// Why [`save_atomically`] failed, and so what the file now holds. Each carries the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// Nothing was replaced: the file holds what it held before.
    Unchanged(String),
    /// The file was replaced, but the rename may not survive a crash (its folder could not be
    /// flushed to disk).
    NotFlushed(String),
}

impl From<SaveError> for Failure {
    fn from(error: SaveError) -> Self {
        match error {
            SaveError::Unchanged(message) | SaveError::NotFlushed(message) => Self::Failed(message),
        }
    }
}

/// Why `path` cannot be saved over: `None` for a regular file (or a link to one), else what it
/// is instead. A pipe, a device or a folder is never replaced by a file.
///
/// # Errors
/// Why the file cannot be examined.
pub fn not_regular(path: &Path) -> std::io::Result<Option<&'static str>> {
    let kind = fs::metadata(path)?.file_type();
    if kind.is_file() {
        return Ok(None);
    }
    if kind.is_dir() {
        return Ok(Some("a folder"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Ok(Some("a named pipe"));
        }
        if kind.is_socket() {
            return Ok(Some("a socket"));
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Ok(Some("a device"));
        }
    }
    Ok(Some("not a regular file"))
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
/// A message saying what failed, and whether the original file is unchanged.
pub fn save_atomically(path: &Path, text: &str) -> Result<(), SaveError> {
    let fail = |what: &str, error: &std::io::Error| {
        SaveError::Unchanged(format!(
            "cannot save {}: {what}: {}; the file is unchanged",
            shown(path),
            describe_io(error)
        ))
    };
    let target = fs::canonicalize(path).map_err(|error| fail("cannot find it", &error))?;
    if let Some(kind) = not_regular(&target).map_err(|error| fail("cannot examine it", &error))? {
        return Err(SaveError::Unchanged(format!(
            "cannot save {}: it is {kind}, which a saved document cannot replace; it is unchanged",
            shown(path)
        )));
    }
    let folder = target
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let permissions = fs::metadata(&target)
        .map_err(|error| fail("cannot read its permissions", &error))?
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
        .map_err(|error| fail("cannot create a temporary file beside it", &error))?;
    temporary
        .write_all(text.as_bytes())
        .map_err(|error| fail("cannot write the temporary file", &error))?;
    let file = temporary.as_file();
    file.set_permissions(permissions)
        .map_err(|error| fail("cannot copy its permissions", &error))?;
    file.sync_all()
        .map_err(|error| fail("cannot flush the temporary file to disk", &error))?;
    temporary
        .persist(&target)
        .map_err(|error| fail("cannot rename the temporary file over it", &error.error))?;
    sweep_stale_temporaries(&folder, &prefix, SystemTime::now());
    sync_folder(&folder).map_err(|error| {
        SaveError::NotFlushed(format!(
            "saved {}, but cannot flush its folder to disk: {}",
            shown(path),
            describe_io(&error)
        ))
    })
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
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    File::open(folder)?.sync_all()
}

/// Windows cannot open a folder as a file; its renames are flushed with the file.
#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(
            matches!(&error, SaveError::Unchanged(message) if message.contains("it is a named pipe")),
            "{error:?}"
        );
        let kind = fs::symlink_metadata(&pipe).unwrap().file_type();
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind));
        assert_eq!(not_regular(folder.path()).unwrap(), Some("a folder"));
        assert_eq!(
            not_regular(Path::new("/dev/null")).unwrap(),
            Some("a device")
        );
        assert_eq!(fs::read_dir(folder.path()).unwrap().count(), 1);
    }

    #[test]
    fn reading_stops_at_the_size_limit() {
        // `/dev/zero` never ends: the read stops just past the limit.
        if !Path::new("/dev/zero").exists() {
            return;
        }
        match read_text(Path::new("/dev/zero")) {
            Err(Reading::Io(reason)) => {
                assert_eq!(reason, "it is larger than the 128 MiB this tool reads");
            }
            _ => panic!("/dev/zero was read"),
        }
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
