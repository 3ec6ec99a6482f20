//! The shared support's deadline: a process that outlives it is killed and fails its test, so
//! no test can hang.

use std::time::Duration;

use crate::support::Run;

#[cfg(unix)]
#[test]
#[should_panic(expected = "`sleep 600` ran past its deadline and was killed (deadline: 1 s)")]
fn a_process_past_its_deadline_is_killed_and_fails_the_test() {
    Run::program("sleep", ["600"])
        .deadline(Duration::from_secs(1))
        .output();
}

#[cfg(unix)]
#[test]
fn output_that_fills_the_pipes_does_not_stop_the_process() {
    // A megabyte on stdout, then one on stderr: far more than a pipe holds (64 KiB on Linux),
    // so both must be read as they come.
    let out = Run::program(
        "sh",
        [
            "-c",
            "head -c 1000000 /dev/zero | tr '\\0' o; head -c 1000000 /dev/zero | tr '\\0' e >&2",
        ],
    )
    .output();
    assert_eq!(
        (out.code, out.stdout.len(), out.stderr.len()),
        (0, 1_000_000, 1_000_000)
    );
}
