//! Reading the organization document, the request and the other inputs through the host, and
//! saving the document back: every message about a file is written here.

use std::path::{Path, PathBuf};

use serde_json::Value;
use workmail_policy::json::MAX_TEXT_BYTES;
use workmail_policy::{Diagnostic, DocumentError, Loaded, Organization};

use crate::host::{Host, shown};
use crate::output::{Console, Failure};

/// Reads a file as UTF-8 text, without a leading byte order mark. At most
/// [`MAX_TEXT_BYTES`] are read: a longer file (or an endless one, such as `/dev/zero`) is refused
/// once the limit is passed, so memory stays bounded.
///
/// # Errors
/// Why the file cannot be read or is too large, or a located diagnostic when it is not UTF-8
/// text.
pub fn read_text(host: &mut dyn Host, path: &Path) -> Result<String, Reading> {
    let bytes = host.read(path, MAX_TEXT_BYTES).map_err(Reading::Io)?;
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(Reading::Io(format!(
            "it is larger than the {} MiB this tool reads",
            MAX_TEXT_BYTES / (1024 * 1024)
        )));
    }
    workmail_policy::text::decode(&bytes).map_err(Reading::Encoding)
}

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum Reading {
    /// The file could not be opened or read, or is too large.
    Io(String),
    /// The bytes are not UTF-8 text.
    Encoding(Diagnostic),
}

/// Reads a JSON file as text; `what` names it in messages (`the tests file`).
///
/// # Errors
/// Why the file cannot be read, or a located diagnostic when it is not UTF-8 text.
pub fn read_json_file(host: &mut dyn Host, path: &Path, what: &str) -> Result<String, Failure> {
    match read_text(host, path) {
        Ok(text) => Ok(text),
        Err(Reading::Io(reason)) => Err(Failure::invalid(format!(
            "cannot read {what} {}: {reason}",
            shown(path)
        ))),
        Err(Reading::Encoding(diagnostic)) => {
            Err(document_failure(path, &DocumentError::from(diagnostic)))
        }
    }
}

/// Loads the organization document at `path`, printing its warnings on stderr unless `--quiet`.
///
/// # Errors
/// Every diagnostic of an unreadable or invalid document, or why the file cannot be read.
pub fn load_organization(console: &mut Console<'_>, path: &Path) -> Result<Organization, Failure> {
    let (organization, warnings) = read_organization(console.host(), path)?;
    console.warnings(&warnings);
    Ok(organization)
}

/// Loads the organization document at `path` and returns it with its warnings, printing nothing.
///
/// # Errors
/// As [`load_organization`].
pub fn read_organization(
    host: &mut dyn Host,
    path: &Path,
) -> Result<(Organization, Vec<Diagnostic>), Failure> {
    let text = read_json_file(host, path, "the organization document")?;
    match Organization::from_json(&text) {
        Ok(Loaded {
            organization,
            warnings,
            ..
        }) => Ok((organization, warnings)),
        Err(error) => Err(document_failure(path, &error)),
    }
}

/// The failure for a file that cannot be loaded: a header naming it, then its diagnostics as the
/// core shows them in text (the first 50 and a line counting the rest).
pub fn document_failure(path: &Path, error: &DocumentError) -> Failure {
    let text = error.to_string();
    let text = text.trim_end_matches('\n');
    Failure::invalid(format!("cannot load {}: {text}", shown(path)))
}

/// Reads `--input`: JSON text, or `@PATH` for a file's content.
///
/// # Errors
/// Why the file cannot be read, or where the text stops being JSON.
pub fn read_input(host: &mut dyn Host, input: &str) -> Result<Value, Failure> {
    let (text, source) = match input.strip_prefix('@') {
        Some("") => {
            return Err(Failure::invalid(
                "`--input @` names no file; write `--input @request.json`",
            ));
        }
        Some(path) => {
            let file = PathBuf::from(path);
            let source = format!("`--input` file {}", shown(&file));
            match read_text(host, &file) {
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
        Ok(parsed) => Ok(parsed.value()),
        Err(error) => Err(Failure::invalid(format!(
            "{source} is not JSON: {}:{}: {}",
            error.position.line, error.position.column, error.message
        ))),
    }
}

/// Why `--save` cannot write the organization back to `path`, checked before the file is read,
/// so a pipe keeps its data: `None` when it names a regular file, or when it cannot be examined
/// (reading it then says why).
pub fn unsaveable(host: &mut dyn Host, path: &Path) -> Option<String> {
    let kind = host.kind(path).ok()?.not_regular()?;
    Some(format!(
        "`--save` cannot replace {}: it is {kind}, not a regular file; give `--org` the \
         document's file",
        shown(path)
    ))
}

/// Writes the organization back to `path` atomically.
///
/// # Errors
/// What failed, and whether the file is unchanged.
pub fn save(host: &mut dyn Host, path: &Path, organization: &Organization) -> Result<(), Failure> {
    host.save(path, &organization.to_json())
        .map_err(|error| Failure::Failed(error.message(path)))
}

/// A path as a SARIF artifact URI: as given (relative paths stay relative, so that code
/// scanning resolves them from the repository root), with `/` between its parts.
pub fn artifact_uri(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
