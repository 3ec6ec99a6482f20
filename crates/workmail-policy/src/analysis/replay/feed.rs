//! Reading a log in pieces as they arrive, for a face that is handed a log's bytes rather than
//! a reader (the playground's worker, which the browser gives a file's stream chunk by chunk).

use super::read::{CsvLog, Line, Start, blank, start_of, strip_bom, too_long};
use super::{At, LogFormat, MAX_EVENT_BYTES, ReadSummary, Replay};

/// One log read in pieces: [`LogFeed::push`] each piece as it comes (split anywhere, even
/// inside a line or a character), then [`LogFeed::finish`]. The events are those
/// [`Replay::read_log`] reads from the same bytes, with the same problems and places.
///
/// JSON lines and CSV are read line by line, holding at most one line ([`MAX_EVENT_BYTES`]) of
/// the log. A JSON document (`aws logs` output, a Logs Insights JSON export) is held until its
/// end and then read as [`Replay::read_log`] reads it.
///
/// ```
/// use workmail_policy::analysis::{LogFeed, LogFormat, Replay};
///
/// let mut replay = Replay::new();
/// let mut feed = LogFeed::new("audit.log");
/// feed.push(&mut replay, br#"{"user_id": "S-1-1-11-1111111111-2222222222-3333333333-3333", "protocol": "IM"#);
/// feed.push(&mut replay, b"AP\", \"source_ip\": \"192.0.2.7\"}\n");
/// let summary = feed.finish(&mut replay);
/// assert_eq!((summary.format, replay.events(), replay.distinct_requests()), (LogFormat::JsonLines, 1, 1));
/// ```
#[derive(Debug)]
pub struct LogFeed {
    source: String,
    /// The line being read, up to [`MAX_EVENT_BYTES`].
    line: Vec<u8>,
    /// Its length, including what was not kept.
    length: u64,
    /// Lines ended so far.
    number: u64,
    reading: Reading,
}

/// What the log was found to be.
#[derive(Debug)]
enum Reading {
    /// Only blank lines so far.
    Start,
    /// One event per line.
    JsonLines,
    /// CSV with a header row.
    Csv(CsvLog),
    /// A JSON document: its text so far, from the start of the log (blank lines kept as line
    /// ends, so places are the log's).
    Document(Vec<u8>),
}

impl LogFeed {
    /// A log named `source` in problems, nothing read yet.
    pub fn new(source: &str) -> Self {
        Self {
            source: source.to_owned(),
            line: Vec::new(),
            length: 0,
            number: 0,
            reading: Reading::Start,
        }
    }

    /// Reads the next piece of the log (already decompressed) into `replay`.
    pub fn push(&mut self, replay: &mut Replay, bytes: &[u8]) {
        let mut rest = bytes;
        while !rest.is_empty() {
            if let Reading::Document(text) = &mut self.reading {
                text.extend_from_slice(rest);
                self.number += memchr::memchr_iter(b'\n', rest).count() as u64;
                return;
            }
            match memchr::memchr(b'\n', rest) {
                Some(end) => {
                    self.keep(rest.get(..end).unwrap_or_default());
                    self.end_line(replay);
                    rest = rest.get(end + 1..).unwrap_or_default();
                }
                None => {
                    self.keep(rest);
                    rest = &[];
                }
            }
        }
    }

    /// The log ended: reads its last line (or its document) and says what it found.
    pub fn finish(mut self, replay: &mut Replay) -> ReadSummary {
        if self.length > 0 {
            self.end_line(replay);
        }
        let lines = self.number;
        let format = match self.reading {
            Reading::Start => LogFormat::Empty,
            Reading::JsonLines => LogFormat::JsonLines,
            Reading::Csv(csv) => {
                csv.end(replay, &self.source);
                LogFormat::Csv
            }
            Reading::Document(text) => return replay.read_log(&text[..], &self.source),
        };
        ReadSummary {
            format,
            lines,
            stopped: None,
        }
    }

    /// Reading the log failed (its stream broke off, its compression is damaged): what was
    /// read counts, the line being read does not, as when [`Replay::read_log`]'s reader fails.
    /// A document is read as far as it goes, and the summary says why and where it stopped.
    pub fn fail(self, replay: &mut Replay, reason: String) -> ReadSummary {
        let line = self.number + 1;
        let format = match self.reading {
            Reading::Start => LogFormat::Empty,
            Reading::JsonLines => LogFormat::JsonLines,
            Reading::Csv(_) => LogFormat::Csv,
            Reading::Document(text) => {
                replay.read_log(&text[..], &self.source);
                LogFormat::JsonDocument
            }
        };
        ReadSummary {
            format,
            lines: self.number,
            stopped: Some((line, reason)),
        }
    }

    /// Adds a piece of the line being read, keeping at most [`MAX_EVENT_BYTES`] of it.
    fn keep(&mut self, piece: &[u8]) {
        self.length = self.length.saturating_add(piece.len() as u64);
        if self.line.len() + piece.len() <= MAX_EVENT_BYTES {
            self.line.extend_from_slice(piece);
        }
    }

    /// The line being read ended: reads it.
    fn end_line(&mut self, replay: &mut Replay) {
        self.number += 1;
        let length = std::mem::take(&mut self.length);
        if length > MAX_EVENT_BYTES as u64 {
            self.read_line(replay, Line::TooLong(length));
        } else {
            let mut text = std::mem::take(&mut self.line);
            if text.last() == Some(&b'\r') {
                text.pop();
            }
            self.read_line(replay, Line::Text(&text));
            self.line = text;
        }
        self.line.clear();
    }

    /// Reads line `self.number` as the log's format so far wants it.
    fn read_line(&mut self, replay: &mut Replay, line: Line<'_>) {
        let at = At {
            source: &self.source,
            line: self.number,
        };
        match (&mut self.reading, line) {
            (Reading::Start, Line::TooLong(length)) => {
                replay.add_malformed(at, too_long(length));
                self.reading = Reading::JsonLines;
            }
            (Reading::Start, Line::Text(line)) => {
                // A byte order mark can only start the log.
                let text = if self.number == 1 {
                    strip_bom(line)
                } else {
                    line
                };
                if blank(text) {
                    return;
                }
                self.reading = match start_of(text) {
                    Start::Document => {
                        let mut held = vec![b'\n'; (self.number - 1) as usize];
                        held.extend_from_slice(text);
                        held.push(b'\n');
                        Reading::Document(held)
                    }
                    Start::Csv(header) => Reading::Csv(CsvLog::new(&header)),
                    Start::JsonLines => {
                        replay.add_json_line(text, at);
                        Reading::JsonLines
                    }
                };
            }
            (Reading::JsonLines, Line::Text(line)) => {
                if !blank(line) {
                    replay.add_json_line(line, at);
                }
            }
            (Reading::JsonLines, Line::TooLong(length)) => {
                replay.add_malformed(at, too_long(length));
            }
            (Reading::Csv(csv), line) => csv.line(replay, line, self.number, &self.source),
            // Whole pieces go to a document as they come.
            (Reading::Document(_), _) => {}
        }
    }
}
