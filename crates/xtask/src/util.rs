//! Running commands with progress messages.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// A step's outcome; the message says what failed and how to reproduce it.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (the parent of `crates/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Where cargo puts what it builds: `CARGO_TARGET_DIR`, `build.target-dir`, or `target/` in the
/// workspace root, as `cargo metadata` reports it. Every step finds built files here, so a
/// different target folder is honoured everywhere.
pub fn target_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        output(cargo().args(["metadata", "--format-version", "1", "--no-deps"]))
            .and_then(|json| serde_json::from_str::<serde_json::Value>(&json).ok())
            .and_then(|metadata| {
                metadata
                    .get("target_directory")?
                    .as_str()
                    .map(PathBuf::from)
            })
            .unwrap_or_else(|| root().join("target"))
    })
    .clone()
}

/// A binary of this workspace as `cargo build` (debug profile) leaves it.
pub fn debug_binary(name: &str) -> PathBuf {
    target_dir()
        .join("debug")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// Prints a progress message.
pub fn step(message: &str) {
    eprintln!("==> {message}");
}

/// Runs a command in the workspace root, failing with the command line when it fails.
pub fn run(command: &mut Command) -> Result {
    let shown = show(command);
    eprintln!("    $ {shown}");
    let status = command
        .current_dir_if_unset(&root())
        .status()
        .map_err(|error| format!("cannot start `{shown}`: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Runs a command and returns its standard output, or `None` when it cannot run or fails.
pub fn output(command: &mut Command) -> Option<String> {
    let output = command.current_dir_if_unset(&root()).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A command line as it is shown in progress messages.
pub fn show(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

trait CurrentDir {
    fn current_dir_if_unset(&mut self, dir: &Path) -> &mut Self;
}

impl CurrentDir for Command {
    fn current_dir_if_unset(&mut self, dir: &Path) -> &mut Self {
        if self.get_current_dir().is_none() {
            self.current_dir(dir);
        }
        self
    }
}

/// `cargo`, as the one running this xtask.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// The `*.test.mjs` files of `dir`, sorted. An empty list is an error: Node's test runner
/// would pass with nothing run.
pub fn node_test_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|error| format!("cannot list {}: {error}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.ends_with(".test.mjs"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no *.test.mjs file in {}", dir.display()));
    }
    Ok(files)
}
