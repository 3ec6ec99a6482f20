//! Files that are not what a document should be: NUL bytes, invalid UTF-8, empty files, folders,
//! pipes, files that fail mid-read, symbolic link loops, 50 MB, and text crafted to write
//! control sequences to the terminal. Each gets an answer or a clear refusal (exit 252, nothing
//! on stdout, a message naming the file and, for text, the line and column); never a panic
//! (exit 101) or a hang.

#[expect(dead_code, reason = "these tests use part of the shared support")]
mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

use support::{Folder, Run, arg, call, run};

const ACCESS_INPUT: &str =
    r#"{"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}"#;

#[test]
fn nul_bytes_are_located_syntax_errors() {
    let dir = Folder::new();
    let cases: [(&[u8], &str); 4] = [
        (b"{\"Rules\": [\0]}", "error[syntax]: 1:12: "),
        (b"{}\0", "error[syntax]: 1:3: "),
        (b"{\"OrganizationId\": \"m-\0\"}", "error[syntax]: 1:23: "),
        (b"\0\0\0\0", "error[syntax]: 1:1: "),
    ];
    for (bytes, expected) in cases {
        let org = dir.write("org.json", bytes);
        let out = call("list-access-control-rules", &org, &[]);
        out.assert_refused(expected, &format!("{bytes:?}"));
    }
}

#[test]
fn invalid_utf8_is_located_by_line_and_column() {
    let dir = Folder::new();
    // Latin-1 `é` on line 3, as a file saved in the wrong encoding would have it.
    let org = dir.write(
        "org.json",
        b"{\n  \"Rules\": [\n    {\"Name\": \"caf\xe9\", \"Effect\": \"ALLOW\"}]}",
    );
    for args in [
        vec!["call", "list-access-control-rules", "--org", arg(&org)],
        vec!["table", "--org", arg(&org)],
        vec!["lint", "--org", arg(&org)],
    ] {
        let out = run(&args);
        out.assert_refused("error[encoding]: 3:18: ", &args.join(" "));
    }
    // A request file in the wrong encoding is refused the same way.
    let good = dir.write("good.json", "{}");
    let request = dir.write("request.json", b"{\"UserId\": \"\xff\"}");
    let out = call(
        "get-access-control-effect",
        &good,
        &["--input", &format!("@{}", arg(&request))],
    );
    out.assert_refused("1:13: the file is not UTF-8 text", "request");
}

#[test]
fn empty_files_are_syntax_errors_at_the_start() {
    let dir = Folder::new();
    let empty = dir.write("empty.json", "");
    let good = dir.write("good.json", "{}");
    for (args, case) in [
        (
            vec!["call", "list-access-control-rules", "--org", arg(&empty)],
            "empty document",
        ),
        (
            vec!["call", "list-access-control-rules", "--org", "/dev/null"],
            "/dev/null",
        ),
        (
            vec!["diff", "--org", arg(&good), "--org", arg(&empty)],
            "diff",
        ),
    ] {
        let out = run(&args);
        out.assert_refused("error[syntax]: 1:1: ", case);
    }
    let input = format!("@{}", arg(&empty));
    let out = call("get-access-control-effect", &good, &["--input", &input]);
    out.assert_refused("is not JSON: 1:1: ", "empty request");
}

#[test]
fn a_folder_is_refused_wherever_a_file_is_expected() {
    let dir = Folder::new();
    let good = dir.write("good.json", "{}");
    let tests = dir.write("tests.json", r#"{"Tests": []}"#);
    let folder = arg(dir.path());
    let at_folder = format!("@{folder}");
    let cases: Vec<Vec<&str>> = vec![
        vec!["call", "list-access-control-rules", "--org", folder],
        vec![
            "call",
            "get-access-control-effect",
            "--org",
            arg(&good),
            "--input",
            &at_folder,
        ],
        vec![
            "explain",
            "--org",
            folder,
            "--ip-address",
            "192.0.2.1",
            "--action",
            "IMAP",
            "--user-id",
            "S-1-1-11-0000000001",
        ],
        vec!["table", "--org", folder],
        vec!["lint", "--org", folder],
        vec!["diff", "--org", arg(&good), "--org", folder],
        vec!["test", "--org", folder, "--tests", arg(&tests)],
        vec!["test", "--org", arg(&good), "--tests", folder],
        vec![
            "impersonate",
            "--org",
            folder,
            "--ip-address",
            "192.0.2.1",
            "--target-user",
            "jane",
            "--ews-operation",
            "GetItem",
            "--impersonation-role-id",
            "r",
        ],
        vec!["serve", "--org", folder, "--port", "0"],
    ];
    for args in cases {
        let out = run(&args);
        out.assert_refused("it is a folder, not a file", &args.join(" "));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn files_that_cannot_be_read_are_invalid_arguments() {
    let dir = Folder::new();
    let missing = dir.path().join("missing.json");
    let dangling = dir.path().join("dangling.json");
    let (loop_a, loop_b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    std::os::unix::fs::symlink(&missing, &dangling).expect("a link");
    std::os::unix::fs::symlink(&loop_b, &loop_a).expect("a link");
    std::os::unix::fs::symlink(&loop_a, &loop_b).expect("a link");
    let cases = [
        (missing.as_path(), "no such file"),
        (dangling.as_path(), "no such file"),
        (loop_a.as_path(), "too many levels of symbolic links"),
        // Opens, then fails on the first read: an I/O error mid-read.
        (Path::new("/proc/self/mem"), "input/output error"),
    ];
    for (path, reason) in cases {
        let out = call("list-access-control-rules", path, &[]);
        out.assert_refused(
            &format!(
                "error: cannot read the organization document `{}`: {reason}",
                path.display()
            ),
            reason,
        );
    }
}

#[cfg(unix)]
#[test]
fn a_document_that_cannot_be_opened_is_refused_with_the_reason_even_as_root() {
    use std::os::unix::fs::PermissionsExt;
    let dir = Folder::new();
    // A path through a regular file: nobody, not even the superuser, can open it.
    let through_a_file = dir.write("file.json", "{}").join("org.json");
    let out = call("list-access-control-rules", &through_a_file, &[]);
    out.assert_refused(
        &format!(
            "error: cannot read the organization document `{}`: a folder on its path is a file, \
             not a folder",
            through_a_file.display()
        ),
        "a path through a file",
    );

    let unreadable = dir.write("org.json", "{}");
    std::fs::set_permissions(&unreadable, std::fs::Permissions::from_mode(0o000))
        .expect("permissions are set");
    let out = call("list-access-control-rules", &unreadable, &[]);
    if std::fs::read(&unreadable).is_ok() {
        // The superuser reads a file whatever its mode: then the document simply loads.
        assert_eq!(out.code, 0, "{out:?}");
    } else {
        out.assert_refused("permission denied", "mode 000");
    }
}

/// Makes a named pipe `name` in `folder`.
#[cfg(unix)]
fn fifo(folder: &Folder, name: &str) -> PathBuf {
    let path = folder.path().join(name);
    let made = Run::program("mkfifo", [arg(&path)]).output();
    assert_eq!(made.code, 0, "{made:?}");
    path
}

/// A thread writing into a named pipe (opening a pipe for writing waits for its reader).
#[cfg(unix)]
struct Feeder {
    pipe: PathBuf,
    writer: std::thread::JoinHandle<std::io::Result<()>>,
}

#[cfg(unix)]
impl Feeder {
    /// Starts writing `bytes` into the pipe at `pipe`.
    fn start(pipe: &Path, bytes: &'static [u8]) -> Self {
        let path = pipe.to_path_buf();
        let writer = std::thread::spawn(move || {
            std::fs::OpenOptions::new()
                .write(true)
                .open(path)?
                .write_all(bytes)
        });
        Self {
            pipe: pipe.to_path_buf(),
            writer,
        }
    }

    /// Whether all the bytes were written, once the reader is done. A writer still waiting for a
    /// reader (one that never came) is first given one, so that it cannot hang the test: opening
    /// a pipe for reading and writing at once never waits.
    fn finish(self) -> bool {
        let stand_in = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&self.pipe);
        let written = self.writer.join().is_ok_and(|written| written.is_ok());
        drop(stand_in);
        written
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_is_read_like_a_file() {
    let dir = Folder::new();
    let pipe = fifo(&dir, "org.pipe");
    let writer = Feeder::start(
        &pipe,
        br#"{"Rules": [{"Name": "no-imap", "Effect": "DENY", "Actions": ["IMAP"]}]}"#,
    );
    let out = call(
        "get-access-control-effect",
        &pipe,
        &["--input", ACCESS_INPUT],
    );
    assert_eq!(out.code, 0, "{out:?}");
    let answer: Value = serde_json::from_str(&out.stdout).unwrap_or_default();
    assert_eq!(
        answer,
        json!({"Effect": "DENY", "MatchedRules": ["no-imap"]})
    );
    assert!(writer.finish());

    // Broken text through a pipe is located like broken text in a file.
    let writer = Feeder::start(&pipe, b"{\n  \"Rules\": [}");
    let out = call("list-access-control-rules", &pipe, &[]);
    out.assert_refused("error[syntax]: 2:13: ", "broken pipe text");
    assert!(writer.finish());

    // Standard input, as `aws workmail list-access-control-rules | workmail-policy ...` gives it.
    let out = Run::binary(["call", "list-access-control-rules", "--org", "/dev/stdin"])
        .stdin("{\"Rules\": []}")
        .output();
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("\"Rules\": []"), "{}", out.stdout);
}

#[cfg(target_os = "linux")]
#[test]
fn saving_into_a_pipe_is_refused_before_the_pipe_is_read() {
    // `--org <(aws workmail ...)` and `--org /dev/stdin` name a pipe, which a saved document
    // cannot replace: the call is refused as invalid (252) with nothing on stdout.
    let out = Run::binary([
        "call",
        "put-access-control-rule",
        "--org",
        "/dev/stdin",
        "--save",
        "--input",
        r#"{"Name": "n", "Effect": "DENY", "Description": ""}"#,
    ])
    .stdin("{}")
    .output();
    out.assert_refused(
        "`--save` cannot replace `/dev/stdin`: it is a named pipe, not a regular file",
        "stdin",
    );

    // A named pipe stays a pipe, and what is written into it stays there for its reader.
    let dir = Folder::new();
    let pipe = fifo(&dir, "org.pipe");
    let out = call(
        "put-access-control-rule",
        &pipe,
        &[
            "--save",
            "--input",
            r#"{"Name": "n", "Effect": "DENY", "Description": ""}"#,
        ],
    );
    out.assert_refused("it is a named pipe, not a regular file", "fifo");
    let kind = std::fs::symlink_metadata(&pipe).map(|metadata| metadata.file_type());
    assert!(kind.is_ok_and(|kind| std::os::unix::fs::FileTypeExt::is_fifo(&kind)));
    let writer = Feeder::start(&pipe, br#"{"Rules": []}"#);
    let out = call("list-access-control-rules", &pipe, &[]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(writer.finish());

    // `--save` promises to write the document back, whatever the operation.
    let out = call("list-access-control-rules", &pipe, &["--save"]);
    out.assert_refused("it is a named pipe, not a regular file", "read-only");
}

#[cfg(target_os = "linux")]
#[test]
fn an_endless_file_is_refused_at_the_size_limit() {
    let out = run(["call", "list-access-control-rules", "--org", "/dev/zero"]);
    out.assert_refused("cannot read the organization document `/dev/zero`: it is larger than the 128 MiB this tool reads",
        "/dev/zero",
    );
}

#[test]
fn a_fifty_megabyte_document_is_answered() {
    // Written as text: building 260,000 JSON values would take most of the test's time.
    let mut text = String::from("{\"Users\": [");
    for i in 0..260_000 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            r#"{{"Id": "S-1-1-11-{i:012}", "Email": "user{i}@example.com", "Name": "user{i}", "DisplayName": "A user with a display name {i}", "State": "ENABLED", "UserRole": "USER", "EnabledDate": 1581635628.0}}"#
        ));
    }
    text.push_str(
        r#"], "AccessControlRules": [{"Name": "default", "Effect": "ALLOW"}, {"Name": "no-imap", "Effect": "DENY", "Actions": ["IMAP"], "UserIds": ["S-1-1-11-000000259999"]}]}"#,
    );
    assert!(text.len() > 50_000_000, "{} bytes", text.len());
    let dir = Folder::new();
    let org = dir.write("org.json", &text);
    // A debug build takes seconds over 50 MB, and a busy machine several times that.
    let out = Run::binary([
        "call",
        "get-access-control-effect",
        "--org",
        arg(&org),
        "--input",
        r#"{"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-000000259999"}"#,
    ])
    .deadline(Duration::from_secs(300))
    .output();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let answer: Value = serde_json::from_str(&out.stdout).unwrap_or_default();
    assert_eq!(
        answer,
        json!({"Effect": "DENY", "MatchedRules": ["no-imap"]})
    );
}

/// Text that would drive a terminal: escape sequences, a bell, a carriage return, a right-to-left
/// override is fine (printable), but control characters must come out escaped.
fn has_raw_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn control_characters_from_a_document_never_reach_the_terminal_raw() {
    let dir = Folder::new();
    let escape = "\u{1b}[2J\u{1b}]0;owned\u{7}";
    let huge_key = "k".repeat(200_000);
    let document = json!({
        "AccessControlRules": [{"Name": "default", "Effect": "ALLOW", escape: 1, "Effect\r": 2}],
        "Users\u{9b}31m": [],
        huge_key: true,
    });
    let org = dir.write("org.json", document.to_string());
    // Warnings (unknown members) on stderr, then the answer.
    let out = call("list-access-control-rules", &org, &[]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stderr.contains("unknown-member"), "{}", out.stderr);
    assert!(
        !has_raw_control(&out.stderr),
        "raw control characters: {:?}",
        out.stderr
    );
    assert!(
        out.stderr.lines().all(|line| line.len() < 1_000),
        "a line of {} bytes",
        out.stderr.lines().map(str::len).max().unwrap_or(0)
    );
    // The same members in a request: an API error, on stdout as JSON and on stderr as a line.
    let good = dir.write("good.json", "{}");
    let request = json!({"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-0000000001", escape: 1});
    let out = call(
        "get-access-control-effect",
        &good,
        &["--input", &request.to_string()],
    );
    assert_eq!(out.code, 254, "{out:?}");
    assert!(
        !has_raw_control(&out.stderr),
        "raw control characters: {:?}",
        out.stderr
    );
    assert!(
        !has_raw_control(&out.stdout),
        "raw control characters: {:?}",
        out.stdout
    );
    // And in an invalid document, where every diagnostic is printed.
    let invalid = json!({"AccessControlRules": [{"Name": escape, "Effect": "ALLOW", escape: 1}]});
    let org = dir.write("invalid.json", invalid.to_string());
    for args in [
        vec!["call", "list-access-control-rules", "--org", arg(&org)],
        vec!["lint", "--org", arg(&org)],
        vec!["table", "--org", arg(&org)],
    ] {
        let out = run(&args);
        assert_eq!(out.code, 252, "{out:?}");
        assert!(
            !has_raw_control(&out.stderr),
            "{}: {:?}",
            args.join(" "),
            out.stderr
        );
    }
}
