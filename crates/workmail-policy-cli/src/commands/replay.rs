//! `workmail-policy replay`: audit logs replayed against a proposed policy. This file only
//! opens the logs (and decompresses them); reading the formats, answering the requests and
//! writing the report are the core's.

use std::cell::Cell;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;
use std::rc::Rc;

use workmail_policy::analysis::{Replay, ReplayReport};

use crate::args::{ReplayArgs, ReplayFailOn, ReplayFormat};
use crate::commands::{paint_leading, print_text};
use crate::files::load_organization;
use crate::host::{Progress, shown};
use crate::output::{Console, Failure, both};

/// The words that start a report's lines, coloured on a terminal.
const OUTCOMES: &[(&str, anstyle::Style)] = &[
    ("NEWLY DENIED", super::BAD),
    ("NEWLY ALLOWED", super::WARNING),
    ("DENIED", super::BAD),
    ("ALLOWED", super::GOOD),
];

/// The size of the pieces logs are read in.
const BUFFER: usize = 256 * 1024;

/// Replays the logs and prints the report; malformed lines are reported on stderr.
///
/// # Errors
/// An invalid document, a log that cannot be opened, with `--strict` a malformed line, a
/// failure to print, or [`Failure::Negative`] when `--fail-on` refuses the result.
pub fn run(args: &ReplayArgs, console: &mut Console<'_>) -> Result<(), Failure> {
    let proposed = load_organization(console, &args.org);
    let baseline = match &args.baseline {
        Some(path) => load_organization(console, path).map(Some),
        None => Ok(None),
    };
    let (proposed, baseline) = both(proposed, baseline)?;
    let stdin = [PathBuf::from("-")];
    let logs = if args.logs.is_empty() {
        &stdin[..]
    } else {
        &args.logs[..]
    };
    let replay = read_logs(logs, args.strict, console)?;
    let report = replay.report(&proposed, baseline.as_ref());
    report_problems(&replay, console);
    print(&report, args.output, console)?;
    match args.fail_on {
        Some(ReplayFailOn::NewlyDenied) if report.has_newly_denied() => Err(Failure::Negative),
        _ => Ok(()),
    }
}

/// Reads every log into one replay, with one progress indicator over all of them.
fn read_logs(logs: &[PathBuf], strict: bool, console: &mut Console<'_>) -> Result<Replay, Failure> {
    let mut opened = Vec::with_capacity(logs.len());
    for path in logs {
        let log = console.host().open(path).map_err(|reason| {
            Failure::invalid(format!("cannot read the log {}: {reason}", shown(path)))
        })?;
        opened.push((path, log));
    }
    let total = opened
        .iter()
        .map(|(_, log)| log.length)
        .try_fold(0u64, |sum, length| {
            length.map(|length| sum.saturating_add(length))
        });
    let progress: Option<Rc<dyn Progress>> = console.host().progress(total).map(Rc::from);
    let mut replay = Replay::new();
    let mut outcome = Ok(());
    for (path, log) in opened {
        let name = path.display().to_string();
        let counted = Counted {
            inner: log.reader,
            progress: progress.clone(),
            pending: Cell::new(0),
        };
        let stopped = match decompressed(counted) {
            Ok(reader) => replay.read_log(reader, &name).stopped,
            Err(error) => Some((1, error.to_string())),
        };
        if let Some((line, reason)) = stopped {
            replay.add_malformed(
                workmail_policy::analysis::At {
                    source: &name,
                    line,
                },
                format!("reading stopped: {reason}"),
            );
        }
        if strict && replay.malformed() > 0 {
            let first = replay
                .problems()
                .first()
                .map_or_else(String::new, ToString::to_string);
            outcome = Err(Failure::invalid(format!(
                "{first} (`--strict` refuses logs with a malformed line)"
            )));
            break;
        }
    }
    if let Some(progress) = &progress {
        progress.finish();
    }
    outcome.map(|()| replay)
}

/// `reader`, decompressed when it starts as gzip does (several members one after another are
/// one stream, as concatenated S3 objects are).
fn decompressed(reader: impl Read + 'static) -> io::Result<Box<dyn BufRead>> {
    let mut buffered = BufReader::with_capacity(BUFFER, reader);
    let gzip = buffered.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    if !gzip {
        return Ok(Box::new(buffered));
    }
    #[cfg(feature = "gzip")]
    return Ok(Box::new(BufReader::with_capacity(
        BUFFER,
        flate2::bufread::MultiGzDecoder::new(buffered),
    )));
    #[cfg(not(feature = "gzip"))]
    Err(io::Error::other(
        "the log is gzip-compressed, which this build of the command cannot decompress; \
         decompress it first (`gunzip`)",
    ))
}

/// A reader that tells the progress indicator how far it got, every megabyte or so.
struct Counted<R> {
    inner: R,
    progress: Option<Rc<dyn Progress>>,
    pending: Cell<u64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buffer)?;
        if let Some(progress) = &self.progress {
            let pending = self.pending.get() + read as u64;
            if pending >= 1 << 20 || read == 0 {
                progress.advance(pending);
                self.pending.set(0);
            } else {
                self.pending.set(pending);
            }
        }
        Ok(read)
    }
}

/// The first malformed lines on stderr, with how many more there were.
fn report_problems(replay: &Replay, console: &mut Console<'_>) {
    for problem in replay.problems() {
        console.stderr_line(&format!("warning: {problem}"));
    }
    let shown = replay.problems().len() as u64;
    let more = replay.malformed().saturating_sub(shown);
    if more > 0 {
        console.stderr_line(&format!(
            "warning: {more} more malformed line{} not shown",
            if more == 1 { "" } else { "s" }
        ));
    }
}

fn print(
    report: &ReplayReport,
    format: ReplayFormat,
    console: &mut Console<'_>,
) -> Result<(), Failure> {
    match format {
        ReplayFormat::Json => console.json(report),
        ReplayFormat::Markdown => console.stdout(&report.to_markdown()),
        ReplayFormat::Csv => {
            let csv = report.to_csv();
            if console.terminal().stdout {
                console.stdout(&workmail_policy::analysis::csv_for_terminal(&csv))
            } else {
                console.stdout(&csv)
            }
        }
        ReplayFormat::Text => print_text(console, &report.to_string(), |text| {
            paint_leading(text, OUTCOMES)
        }),
    }
}
