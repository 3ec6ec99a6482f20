//! What the command line's test crates share: running the `workmail-policy` binary (or a helper
//! program) under a deadline, what a run printed, temporary folders and files, and the fixtures
//! more than one crate uses.
//!
//! [`run`], [`call`] and [`run_in`] cover most runs; [`Run`] adds an environment variable,
//! standard input, a working folder or a longer deadline, and starts a [`Running`] process for
//! tests that talk to it or kill it. Every wait ends by the deadline: a process still running
//! then is killed and the test fails, naming the command and the deadline.
//!
//! Every test crate includes this file with `mod support;` (or `#[path = "../support/mod.rs"]`
//! from a folder). It lives in `support/mod.rs` rather than `support.rs` because Cargo builds
//! each `tests/*.rs` as a test crate of its own. A crate that leaves some items unused says so
//! with `#[expect(dead_code, ...)]` on its `mod support;` line.

use std::ffi::OsStr;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex, OnceLock, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long, from its start, a test waits for a process it started before killing it and
/// failing. No test comes near it unless something hangs; a test that needs longer sets its
/// own with [`Run::deadline`].
pub const DEADLINE: Duration = Duration::from_secs(60);

/// The exit codes the README documents: success, a failed check (`lint`, `test`, `diff`,
/// `impersonate`), invalid input, an API error and an I/O failure. A panic's 101 is not one.
const DOCUMENTED_EXIT_CODES: [i32; 5] = [0, 1, 252, 254, 255];

/// What one run printed and how it exited.
#[derive(Debug)]
pub struct Output {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Output {
    /// (exit code, stdout, stderr), for one comparison.
    pub fn all(&self) -> (i32, &str, &str) {
        (self.code, &self.stdout, &self.stderr)
    }

    /// Asserts a refusal of invalid input: exit 252, nothing on stdout, and `expected` in
    /// stderr. `case` names the run in the failure message.
    #[track_caller]
    pub fn assert_refused(&self, expected: &str, case: &str) {
        assert_eq!(
            (self.code, self.stdout.as_str()),
            (252, ""),
            "{case}: {self:?}"
        );
        assert!(
            self.stderr.contains(expected),
            "{case}: `{expected}` not in:\n{}",
            self.stderr
        );
    }
}

/// Runs the binary with `args` and waits for it (see [`Run::binary`] and [`Run::output`]).
pub fn run<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    Run::binary(args).output()
}

/// Runs `workmail-policy call OPERATION --org ORG`, then `more` (`--input`, `--save`, ...).
pub fn call(operation: &str, org: &Path, more: &[&str]) -> Output {
    run(["call", operation, "--org", arg(org)].iter().chain(more))
}

/// Runs the binary with `args` in a new temporary folder holding `files` (name, text), so that
/// the arguments and the messages name the files as they are named here.
pub fn run_in(files: &[(&str, &str)], args: &[&str]) -> Output {
    let folder = Folder::new();
    for (name, text) in files {
        folder.write(name, text);
    }
    Run::binary(args).current_dir(folder.path()).output()
}

/// A process to start: the `workmail-policy` binary or a helper program, its arguments,
/// environment, standard input, working folder and deadline.
#[derive(Debug)]
pub struct Run {
    command: Command,
    /// The command line as a failure message shows it.
    shown: String,
    stdin: Option<Vec<u8>>,
    deadline: Duration,
    /// Whether the exit code must be one the README documents (only the binary's is).
    documented: bool,
}

impl Run {
    /// The `workmail-policy` binary with `args`, seeing stdout and stderr as pipes and no
    /// `NO_COLOR`, so that its output is what a script gets. Its exit code must be one the
    /// README documents.
    pub fn binary<I, S>(args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut run = Self::shown_as(
            env!("CARGO_BIN_EXE_workmail-policy"),
            "workmail-policy",
            args,
        );
        run.command.env_remove("NO_COLOR");
        run.documented = true;
        run
    }

    /// Another program (`kill`, `mkfifo`) with `args`; any exit code is returned.
    pub fn program<I, S>(program: &str, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Self::shown_as(program, program, args)
    }

    /// `program` with `args`, named `name` in failure messages (long arguments shortened).
    fn shown_as<I, S>(program: &str, name: &str, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = Command::new(program);
        let mut shown = name.to_owned();
        for arg in args {
            let arg = arg.as_ref();
            command.arg(arg);
            let text = arg.to_string_lossy();
            shown.push(' ');
            shown.extend(text.chars().take(80));
            if text.chars().nth(80).is_some() {
                shown.push('…');
            }
        }
        Self {
            command,
            shown,
            stdin: None,
            deadline: DEADLINE,
            documented: false,
        }
    }

    /// Sets an environment variable.
    pub fn env(mut self, name: &str, value: &str) -> Self {
        self.command.env(name, value);
        self
    }

    /// Writes `bytes` to standard input, then closes it (without this, standard input is empty).
    /// A process that exits without reading them all is not an error.
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(bytes.into());
        self
    }

    /// Runs in `folder` instead of the test's working folder.
    pub fn current_dir(mut self, folder: &Path) -> Self {
        self.command.current_dir(folder);
        self
    }

    /// Allows `deadline` instead of [`DEADLINE`], for a run that is slow by design.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// Starts the process, its stdout and stderr read as they come so that a full pipe never
    /// stops it.
    #[expect(clippy::panic, reason = "a process that cannot start fails the test")]
    pub fn spawn(mut self) -> Running {
        let stdin = if self.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        };
        let mut child = self
            .command
            .stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| panic!("`{}` cannot start: {error}", self.shown));
        let writer = child
            .stdin
            .take()
            .zip(self.stdin.take())
            .map(|(mut pipe, bytes)| {
                std::thread::spawn(move || match pipe.write_all(&bytes) {
                    // A process that answers before reading its input closes the pipe.
                    Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                    written => written,
                })
            });
        let stdout = Captured::read(child.stdout.take());
        let stderr = Captured::read(child.stderr.take());
        Running {
            child,
            started: Instant::now(),
            deadline: self.deadline,
            shown: self.shown,
            documented: self.documented,
            killed: false,
            writer,
            stdout,
            stderr,
        }
    }

    /// Runs the process to its end and returns what it printed; see [`Running::wait`].
    pub fn output(self) -> Output {
        self.spawn().wait()
    }
}

/// A started process, killed when dropped if it is still running.
pub struct Running {
    child: Child,
    started: Instant,
    deadline: Duration,
    shown: String,
    documented: bool,
    /// Whether [`Running::kill`] was called, after which any exit code is expected.
    killed: bool,
    writer: Option<JoinHandle<io::Result<()>>>,
    stdout: Captured,
    stderr: Captured,
}

impl Running {
    /// The process ID.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Kills the process (SIGKILL on Unix: no clean-up); nothing happens if it has exited.
    pub fn kill(&mut self) {
        self.killed = true;
        // An error means that it had already exited.
        let _ = self.child.kill();
    }

    /// Waits until stderr has a line for which `wanted` holds (true), or ends without one
    /// (false: the process closed it, usually by exiting).
    ///
    /// # Panics
    /// The deadline passes first; the process is killed when the `Running` is dropped.
    pub fn wait_for_stderr_line(&self, wanted: impl Fn(&str) -> bool) -> bool {
        let found = self
            .stderr
            .wait_until(self.started + self.deadline, |text| {
                text.lines().any(&wanted)
            });
        found.unwrap_or_else(|| self.fail("printed no awaited stderr line before its deadline"))
    }

    /// The lines of stderr so far.
    pub fn stderr_lines(&self) -> Vec<String> {
        self.stderr.text().lines().map(str::to_owned).collect()
    }

    /// Waits for the process to exit and for its stdout and stderr to end, and returns what it
    /// printed. Unless it was killed, the binary's exit code must be one the README documents.
    ///
    /// # Panics
    /// The deadline passes first (the process is killed), the output is not UTF-8, writing its
    /// standard input failed, or the binary exited with an undocumented code (101 is a panic).
    pub fn wait(mut self) -> Output {
        let deadline = self.started + self.deadline;
        // Its pipes end when it exits (unless it closed them sooner), and their readers say so at
        // once; polling for the exit then finds it at the first try.
        let ended = self.stdout.ends_by(deadline) && self.stderr.ends_by(deadline);
        let mut pause = Duration::from_millis(1);
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if ended && Instant::now() < deadline => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(20));
                }
                Ok(None) => {
                    self.kill();
                    let _ = self.child.wait();
                    self.fail("ran past its deadline and was killed");
                }
                Err(error) => self.fail(&format!("cannot be waited for: {error}")),
            }
        };
        if let Some(writer) = self.writer.take() {
            match writer.join() {
                Ok(Ok(())) => {}
                Ok(Err(error)) => self.fail(&format!("did not take its stdin: {error}")),
                Err(_) => self.fail("had its stdin writer fail"),
            }
        }
        let output = Output {
            code: status.code().unwrap_or(-1),
            stdout: self.text_of(&self.stdout, "stdout"),
            stderr: self.text_of(&self.stderr, "stderr"),
        };
        if self.documented && !self.killed && !DOCUMENTED_EXIT_CODES.contains(&output.code) {
            self.fail(&format!(
                "exited with {}, which the README does not document (101 is a panic): {output:?}",
                output.code
            ));
        }
        output
    }

    /// The whole text of stdout or stderr, once it has ended.
    fn text_of(&self, stream: &Captured, name: &str) -> String {
        if !stream.ends_by(self.started + self.deadline) {
            self.fail(&format!("kept its {name} open"));
        }
        stream
            .bytes()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_else(|| {
                self.fail(&format!(
                    "wrote {name} that is not UTF-8: {:?}",
                    stream.text()
                ))
            })
    }

    /// Fails the test, naming the command and its deadline: "`CMD` WHAT (deadline: N s)".
    #[expect(clippy::panic, reason = "this is how a test fails")]
    fn fail(&self, what: &str) -> ! {
        panic!(
            "`{}` {what} (deadline: {} s)",
            self.shown,
            self.deadline.as_secs()
        )
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.kill();
            let _ = self.child.wait();
        }
    }
}

/// One output stream of a process, read on its own thread as it comes.
struct Captured(Arc<(Mutex<Stream>, Condvar)>);

/// What a stream has carried so far.
#[derive(Default)]
struct Stream {
    bytes: Vec<u8>,
    ended: bool,
}

impl Captured {
    /// Reads `pipe` to its end on a new thread.
    fn read(pipe: Option<impl Read + Send + 'static>) -> Self {
        let shared = Arc::new((Mutex::new(Stream::default()), Condvar::new()));
        let writer = Arc::clone(&shared);
        std::thread::spawn(move || {
            let (stream, changed) = &*writer;
            let mut buffer = [0u8; 8192];
            let mut pipe = pipe;
            loop {
                let read = match pipe.as_mut().map(|pipe| pipe.read(&mut buffer)) {
                    Some(Err(error)) if error.kind() == io::ErrorKind::Interrupted => continue,
                    Some(Ok(read)) => read,
                    Some(Err(_)) | None => 0,
                };
                let mut stream = stream.lock().unwrap_or_else(PoisonError::into_inner);
                match buffer.get(..read) {
                    Some(bytes) if read > 0 => stream.bytes.extend_from_slice(bytes),
                    _ => stream.ended = true,
                }
                changed.notify_all();
                if stream.ended {
                    break;
                }
            }
        });
        Self(shared)
    }

    /// Waits until `done` holds for the text so far (`Some(true)`), the stream ends
    /// (`Some(false)`), or `deadline` passes (`None`).
    fn wait_until(&self, deadline: Instant, done: impl Fn(&str) -> bool) -> Option<bool> {
        let (stream, changed) = &*self.0;
        let mut stream = stream.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if done(&String::from_utf8_lossy(&stream.bytes)) {
                return Some(true);
            }
            if stream.ended {
                return Some(false);
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            stream = changed
                .wait_timeout(stream, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Waits for the stream to end; false if `deadline` passes first.
    fn ends_by(&self, deadline: Instant) -> bool {
        self.wait_until(deadline, |_| false).is_some()
    }

    /// The text so far, invalid UTF-8 replaced.
    fn text(&self) -> String {
        let stream = self.0.0.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&stream.bytes).into_owned()
    }

    /// All the bytes, once the stream has ended.
    fn bytes(&self) -> Option<Vec<u8>> {
        let stream = self.0.0.lock().unwrap_or_else(PoisonError::into_inner);
        stream.ended.then(|| stream.bytes.clone())
    }
}

/// A temporary folder, removed with what it holds when dropped.
pub struct Folder(tempfile::TempDir);

impl Folder {
    /// Creates an empty temporary folder.
    #[expect(
        clippy::expect_used,
        reason = "a broken test environment fails the test"
    )]
    pub fn new() -> Self {
        Self(tempfile::tempdir().expect("a temporary folder"))
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// Writes `name` in the folder and returns its path.
    #[expect(
        clippy::expect_used,
        reason = "a broken test environment fails the test"
    )]
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        std::fs::write(&path, bytes).expect("the file is written");
        path
    }

    /// The names in the folder, sorted.
    #[expect(
        clippy::expect_used,
        reason = "a broken test environment fails the test"
    )]
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path())
            .expect("the folder is readable")
            .map(|entry| {
                entry
                    .expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }
}

impl Default for Folder {
    fn default() -> Self {
        Self::new()
    }
}

/// A temporary folder holding one file `name` with `bytes`: the folder (keep it alive) and the
/// file's path.
pub fn file(name: &str, bytes: impl AsRef<[u8]>) -> (Folder, PathBuf) {
    let folder = Folder::new();
    let path = folder.write(name, bytes);
    (folder, path)
}

/// A path as a command line argument.
#[expect(
    clippy::expect_used,
    reason = "a broken test environment fails the test"
)]
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// The member names of a JSON object, in order.
#[expect(clippy::panic, reason = "an answer of the wrong shape fails the test")]
pub fn members(value: &serde_json::Value) -> Vec<&str> {
    match value.as_object() {
        Some(object) => object.keys().map(String::as_str).collect(),
        None => panic!("not a JSON object: {value}"),
    }
}

/// The AWS CLI documentation's organization exactly as `aws workmail list-access-control-rules`
/// prints it (four-space indents, a final newline): the `Document` of the shared corpus case
/// `tests/cases/aws-cli-example.json`.
#[expect(
    clippy::expect_used,
    reason = "a missing or broken corpus case fails the test"
)]
pub fn aws_example() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let case =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases/aws-cli-example.json");
        let text = std::fs::read_to_string(&case).expect("the corpus case is readable");
        let case: serde_json::Value = serde_json::from_str(&text).expect("the corpus case is JSON");
        let document = case
            .get("Document")
            .expect("the corpus case has a `Document`");
        let mut printed = Vec::new();
        let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
        serde::Serialize::serialize(
            document,
            &mut serde_json::Serializer::with_formatter(&mut printed, formatter),
        )
        .expect("JSON prints");
        String::from_utf8(printed).expect("JSON is UTF-8") + "\n"
    })
}

/// The user `myRule` of [`aws_example`] denies.
pub const USER: &str = "S-1-1-11-1111111111-2222222222-3333333333-3333";

/// The AWS example's `get-access-control-effect` request, which `myRule` denies.
pub const EFFECT_INPUT: &str = r#"{"IpAddress": "192.0.2.0", "Action": "WindowsOutlook", "UserId": "S-1-1-11-1111111111-2222222222-3333333333-3333"}"#;

/// A `PutAccessControlRule` request for a rule that denies IMAP.
pub const PUT_IMAP_DENY: &str =
    r#"{"Name": "no-imap", "Effect": "DENY", "Description": "", "Actions": ["IMAP"]}"#;

/// An organization with an ID, a directory and one impersonation role.
pub const DIRECTORY: &str = r#"{
  "OrganizationId": "m-0123456789abcdef0123456789abcdef",
  "Users": [
    {"Id": "S-1-1-11-1111111111-2222222222-3333333333-1001", "Email": "ceo@example.com", "Name": "ceo", "State": "ENABLED"},
    {"Id": "S-1-1-11-1111111111-2222222222-3333333333-1002", "Email": "jane@example.com", "Name": "jane", "State": "ENABLED"}
  ],
  "ImpersonationRoles": [
    {
      "ImpersonationRoleId": "archiver",
      "Name": "archiver",
      "Type": "READ_ONLY",
      "Rules": [
        {"ImpersonationRuleId": "not-ceo", "Name": "everyone but the CEO", "Effect": "ALLOW", "NotTargetUsers": ["ceo@example.com"]}
      ]
    }
  ]
}
"#;
