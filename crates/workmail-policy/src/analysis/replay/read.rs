//! Reading a whole log, in whichever format it was delivered, in bounded memory.
//!
//! The format is recognised from the log's first line:
//!
//! - **JSON lines**, as WorkMail delivers audit logs to S3 and Firehose: each line one event
//!   (a line may also be a CloudWatch Logs event wrapping one in `message`).
//! - **A JSON document** whose first line is not a whole object: the output of
//!   `aws logs filter-log-events` or `get-log-events` (`{"events": [{"message": "..."}]}`), or
//!   an array of events (a Logs Insights JSON export). The document is read as a stream: one
//!   event at a time is held.
//! - **CSV** with a header row (a Logs Insights CSV export): the columns named like the event's
//!   members (`user_id`, `protocol`, ...), or an `@message` column holding the whole event.
//!
//! Decompression is the caller's: this reads text.

use std::io::{self, BufRead, Read};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::event::json_message;
use super::{At, AuditEvent, Replay};

/// The longest event (a line, a CSV record, or an element of a JSON document) read: a longer
/// one is refused as one malformed event, and skipped without being held in memory.
pub const MAX_EVENT_BYTES: usize = 1024 * 1024;

/// The formats a log may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One JSON event per line.
    JsonLines,
    /// One JSON document (AWS CLI output, or an array of events).
    JsonDocument,
    /// CSV with a header row.
    Csv,
    /// Nothing but white space.
    Empty,
}

/// What reading one log found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadSummary {
    /// The format recognised.
    pub format: LogFormat,
    /// Lines read.
    pub lines: u64,
    /// Why reading stopped before the end (a read error, a truncated compressed stream), with
    /// the line it stopped at.
    pub stopped: Option<(u64, String)>,
}

/// A line reader that never holds more than [`MAX_EVENT_BYTES`] of one line.
struct Lines<R> {
    reader: R,
    line: Vec<u8>,
    number: u64,
}

/// One line: its bytes, or that it was too long.
pub(super) enum Line<'a> {
    /// The line, without its line end.
    Text(&'a [u8]),
    /// A line longer than [`MAX_EVENT_BYTES`]: its length.
    TooLong(u64),
}

impl<R: BufRead> Lines<R> {
    fn new(reader: R) -> Self {
        Self {
            reader,
            line: Vec::new(),
            number: 0,
        }
    }

    /// The next line without its line end; `None` at the end.
    fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        self.line.clear();
        let mut length: u64 = 0;
        let mut seen_any = false;
        loop {
            let buffer = match self.reader.fill_buf() {
                Ok(buffer) => buffer,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            if buffer.is_empty() {
                break;
            }
            seen_any = true;
            let (taken, ended) = match memchr::memchr(b'\n', buffer) {
                Some(end) => (end + 1, true),
                None => (buffer.len(), false),
            };
            let piece = buffer.get(..taken).unwrap_or_default();
            let content = if ended {
                piece.get(..taken - 1).unwrap_or_default()
            } else {
                piece
            };
            length = length.saturating_add(content.len() as u64);
            if self.line.len() + content.len() <= MAX_EVENT_BYTES {
                self.line.extend_from_slice(content);
            }
            self.reader.consume(taken);
            if ended {
                break;
            }
        }
        if !seen_any {
            return Ok(None);
        }
        self.number += 1;
        if length > MAX_EVENT_BYTES as u64 {
            self.line.clear();
            return Ok(Some(Line::TooLong(length)));
        }
        if self.line.last() == Some(&b'\r') {
            self.line.pop();
        }
        Ok(Some(Line::Text(&self.line)))
    }
}

pub(super) fn too_long(length: u64) -> String {
    format!(
        "the line is {length} bytes long, more than the {} MiB an audit event may take; skipped",
        MAX_EVENT_BYTES / (1024 * 1024)
    )
}

pub(super) fn blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

impl Replay {
    /// Reads one whole log from `reader` (already decompressed), named `source` in problems.
    /// A malformed event is counted and reading goes on; a read error stops this log and is
    /// returned in the summary, with the line reached.
    pub fn read_log<R: BufRead>(&mut self, reader: R, source: &str) -> ReadSummary {
        let mut lines = Lines::new(reader);
        // The first line that is not blank decides the format.
        let first = loop {
            let at_start = lines.number == 0;
            match lines.next_line() {
                Ok(None) => {
                    return ReadSummary {
                        format: LogFormat::Empty,
                        lines: lines.number,
                        stopped: None,
                    };
                }
                Ok(Some(Line::Text(line))) => {
                    // A byte order mark can only start the log.
                    let text = if at_start { strip_bom(line) } else { line };
                    if !blank(text) {
                        break Some(text.to_vec());
                    }
                }
                Ok(Some(Line::TooLong(length))) => {
                    let at = At {
                        source,
                        line: lines.number,
                    };
                    self.add_malformed(at, too_long(length));
                    break None;
                }
                Err(error) => {
                    return ReadSummary {
                        format: LogFormat::Empty,
                        lines: lines.number,
                        stopped: Some((lines.number, error.to_string())),
                    };
                }
            }
        };
        let Some(first) = first else {
            return self.read_json_lines(lines, source);
        };
        let first_number = lines.number;
        match start_of(&first) {
            Start::Document => self.read_document(first, first_number, lines, source),
            Start::Csv(header) => self.read_csv(&header, lines, source),
            Start::JsonLines => {
                let at = At {
                    source,
                    line: first_number,
                };
                self.add_json_line(&first, at);
                self.read_json_lines(lines, source)
            }
        }
    }

    fn read_json_lines<R: BufRead>(&mut self, mut lines: Lines<R>, source: &str) -> ReadSummary {
        loop {
            let number = lines.number + 1;
            let at = At {
                source,
                line: number,
            };
            match lines.next_line() {
                Ok(None) => {
                    return ReadSummary {
                        format: LogFormat::JsonLines,
                        lines: lines.number,
                        stopped: None,
                    };
                }
                Ok(Some(Line::Text(line))) => {
                    if !blank(line) {
                        self.add_json_line(line, at);
                    }
                }
                Ok(Some(Line::TooLong(length))) => self.add_malformed(at, too_long(length)),
                Err(error) => {
                    return ReadSummary {
                        format: LogFormat::JsonLines,
                        lines: lines.number,
                        stopped: Some((number, error.to_string())),
                    };
                }
            }
        }
    }

    fn read_csv<R: BufRead>(
        &mut self,
        header: &[String],
        mut lines: Lines<R>,
        source: &str,
    ) -> ReadSummary {
        let mut csv = CsvLog::new(header);
        loop {
            let number = lines.number + 1;
            match lines.next_line() {
                Ok(None) => {
                    csv.end(self, source);
                    return ReadSummary {
                        format: LogFormat::Csv,
                        lines: number - 1,
                        stopped: None,
                    };
                }
                Ok(Some(line)) => csv.line(self, line, number, source),
                Err(error) => {
                    return ReadSummary {
                        format: LogFormat::Csv,
                        lines: number - 1,
                        stopped: Some((number, error.to_string())),
                    };
                }
            }
        }
    }

    fn add_csv_record(&mut self, fields: &[String], columns: &Columns, at: At<'_>) {
        let field = |index: Option<usize>| {
            index
                .and_then(|index| fields.get(index))
                .map(String::as_str)
                .filter(|value| !value.is_empty())
        };
        let own = field(columns.protocol).is_some() || field(columns.user).is_some();
        if !own && let Some(message) = field(columns.message) {
            self.add_json_line(message.as_bytes(), at);
            return;
        }
        let timestamp = match field(columns.timestamp).map(str::parse::<i64>) {
            None => None,
            Some(Ok(milliseconds)) => Some(milliseconds),
            Some(Err(_)) => {
                let text = field(columns.timestamp).unwrap_or_default();
                self.add_malformed(
                    at,
                    format!(
                        "`event_timestamp` is `{}`, not milliseconds since the Unix epoch",
                        crate::shape::shorten(text)
                    ),
                );
                return;
            }
        };
        self.add_event(&AuditEvent {
            event_timestamp: timestamp,
            user_id: field(columns.user),
            impersonator_id: field(columns.impersonator),
            protocol: field(columns.protocol),
            source_ip: field(columns.source_ip),
        });
    }

    fn read_document<R: BufRead>(
        &mut self,
        first: Vec<u8>,
        first_number: u64,
        lines: Lines<R>,
        source: &str,
    ) -> ReadSummary {
        // The document, from its first line on, with a line end after the first line (taken
        // off by the line reader), so serde's line numbers are the file's.
        let offset = first_number.saturating_sub(1);
        let mut text = first;
        text.push(b'\n');
        let rest = io::Cursor::new(text).chain(lines.reader);
        let mut deserializer = serde_json::Deserializer::from_reader(rest);
        let seed = DocumentSeed {
            replay: self,
            source,
            list: "",
        };
        let result = seed
            .deserialize(&mut deserializer)
            .and_then(|()| deserializer.end());
        let stopped = result.err().map(|error| {
            let line = offset + error.line() as u64;
            let message = if error.is_io() {
                error.to_string()
            } else {
                format!(
                    "column {}: the JSON document stops being one: {}",
                    error.column(),
                    json_message(&error)
                )
            };
            (line, message)
        });
        ReadSummary {
            format: LogFormat::JsonDocument,
            lines: 0,
            stopped,
        }
    }
}

impl Replay {
    /// Adds element `index` of a JSON document's list of events (`list`: `events`, or empty for
    /// a top-level array); a problem names the element, since serde does not tell its line.
    pub(super) fn add_element(&mut self, event: &Value, at: At<'_>, list: &str, index: usize) {
        let shown = self.problems.len();
        self.add_value(event, at);
        if let Some(problem) = self.problems.get_mut(shown) {
            problem.message = format!("{list}[{index}]: {}", problem.message);
        }
    }
}

/// What a log's first line that is not blank makes of it.
pub(super) enum Start {
    /// A JSON document.
    Document,
    /// CSV with this header row.
    Csv(Vec<String>),
    /// JSON lines, this line the first.
    JsonLines,
}

/// What the first line that is not blank, `first`, makes of a log.
pub(super) fn start_of(first: &[u8]) -> Start {
    let trimmed = trim_start(first);
    let document = match trimmed.first() {
        Some(b'{') => !whole_object(trimmed),
        Some(b'[') => true,
        _ => false,
    };
    if document {
        return Start::Document;
    }
    csv_header(first).map_or(Start::JsonLines, Start::Csv)
}

pub(super) fn strip_bom(line: &[u8]) -> &[u8] {
    line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line)
}

fn trim_start(line: &[u8]) -> &[u8] {
    let start = line
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .unwrap_or(line.len());
    line.get(start..).unwrap_or_default()
}

/// Whether `line` is one whole JSON object, not the start of a document that holds `events`.
fn whole_object(line: &[u8]) -> bool {
    match serde_json::from_slice::<Value>(line) {
        Ok(Value::Object(members)) => !members.get("events").is_some_and(Value::is_array),
        _ => false,
    }
}

/// The columns of a CSV log.
#[derive(Debug)]
struct Columns {
    timestamp: Option<usize>,
    user: Option<usize>,
    impersonator: Option<usize>,
    protocol: Option<usize>,
    source_ip: Option<usize>,
    message: Option<usize>,
}

/// A CSV log being read: its columns, and the record read so far when its quotes are open.
#[derive(Debug)]
pub(super) struct CsvLog {
    columns: Columns,
    record: Vec<u8>,
    /// The line the record starts on.
    start: u64,
}

impl CsvLog {
    /// A log whose header row is `header`.
    pub(super) fn new(header: &[String]) -> Self {
        let column = |name: &str| header.iter().position(|field| field == name);
        Self {
            columns: Columns {
                timestamp: column("event_timestamp"),
                user: column("user_id"),
                impersonator: column("impersonator_id"),
                protocol: column("protocol"),
                source_ip: column("source_ip"),
                message: column("@message").or_else(|| column("message")),
            },
            record: Vec::new(),
            start: 0,
        }
    }

    /// Reads line `number`: a whole record, or part of one whose quotes are open.
    pub(super) fn line(&mut self, replay: &mut Replay, line: Line<'_>, number: u64, source: &str) {
        let line = match line {
            Line::Text(line) => line,
            Line::TooLong(length) => {
                self.record.clear();
                replay.add_malformed(
                    At {
                        source,
                        line: number,
                    },
                    too_long(length),
                );
                return;
            }
        };
        if self.record.is_empty() {
            if blank(line) {
                return;
            }
            self.start = number;
        } else {
            self.record.push(b'\n');
        }
        let at = At {
            source,
            line: self.start,
        };
        if self.record.len() + line.len() > MAX_EVENT_BYTES {
            self.record.clear();
            replay.add_malformed(at, "the CSV record is longer than 1 MiB; skipped");
            return;
        }
        self.record.extend_from_slice(line);
        match csv_fields(&self.record) {
            CsvRecord::Open => {}
            CsvRecord::Fields(fields) => {
                replay.add_csv_record(&fields, &self.columns, at);
                self.record.clear();
            }
            CsvRecord::Bad(message) => {
                replay.add_malformed(at, message);
                self.record.clear();
            }
        }
    }

    /// The log ended: a record whose quotes are still open is malformed.
    pub(super) fn end(&self, replay: &mut Replay, source: &str) {
        if !self.record.is_empty() {
            let at = At {
                source,
                line: self.start,
            };
            replay.add_malformed(at, "the last CSV record's quotes are not closed");
        }
    }
}

/// A CSV header naming the event's members (or `@message`), or `None`.
fn csv_header(line: &[u8]) -> Option<Vec<String>> {
    let CsvRecord::Fields(fields) = csv_fields(line) else {
        return None;
    };
    let known = ["protocol", "source_ip", "user_id", "@message"];
    fields
        .iter()
        .any(|field| known.contains(&field.as_str()))
        .then_some(fields)
}

/// A CSV record: its fields, or that its quotes are still open (it goes on on the next line).
enum CsvRecord {
    Fields(Vec<String>),
    Open,
    Bad(String),
}

/// Splits one CSV record (RFC 4180: fields in double quotes may hold commas, line breaks and
/// doubled quotes).
fn csv_fields(record: &[u8]) -> CsvRecord {
    let Ok(text) = std::str::from_utf8(record) else {
        return CsvRecord::Bad("the CSV record is not UTF-8 text".to_owned());
    };
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                at_start = true;
            }
            _ => {
                field.push(c);
                at_start = false;
            }
        }
    }
    if quoted {
        return CsvRecord::Open;
    }
    fields.push(field);
    CsvRecord::Fields(fields)
}

/// Streams a JSON document: `{"events": [...]}` or `[...]`, one event at a time.
struct DocumentSeed<'r> {
    replay: &'r mut Replay,
    source: &'r str,
    /// How problems name the list (`events`; empty for a top-level array).
    list: &'static str,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("`{\"events\": [...]}` or an array of audit events")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // serde does not tell where an element starts: problems name the element instead.
        let at = At {
            source: self.source,
            line: 0,
        };
        let mut index: usize = 0;
        while let Some(event) = seq.next_element::<Value>()? {
            self.replay.add_element(&event, at, self.list, index);
            index += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut events = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "events" {
                events = true;
                map.next_value_seed(EventsSeed {
                    replay: &mut *self.replay,
                    source: self.source,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if events {
            Ok(())
        } else {
            Err(de::Error::custom(
                "the document has no `events` list, as `aws logs filter-log-events` prints",
            ))
        }
    }
}

/// The `events` list of `aws logs` output.
struct EventsSeed<'r> {
    replay: &'r mut Replay,
    source: &'r str,
}

impl<'de> DeserializeSeed<'de> for EventsSeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(DocumentSeed {
            replay: self.replay,
            source: self.source,
            list: "events",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_records_may_quote_commas_quotes_and_line_breaks() {
        let CsvRecord::Fields(fields) = csv_fields(b"a,\"b,\"\"c\"\"\",,\"d\ne\"") else {
            panic!("a whole record");
        };
        assert_eq!(fields, ["a", "b,\"c\"", "", "d\ne"]);
        assert!(matches!(csv_fields(b"a,\"b"), CsvRecord::Open));
        // A quote within a field that does not start with one is a character of it.
        let CsvRecord::Fields(fields) = csv_fields(b"x,say \"hi, there\"") else {
            panic!("a whole record");
        };
        assert_eq!(fields, ["x", "say \"hi", " there\""]);
    }

    #[test]
    fn a_line_longer_than_the_limit_is_refused_and_the_next_one_read() {
        let mut text = vec![b'x'; MAX_EVENT_BYTES + 10];
        text.extend_from_slice(b"\nshort\r\n");
        let mut lines = Lines::new(io::BufReader::with_capacity(4096, &text[..]));
        assert!(matches!(
            lines.next_line(),
            Ok(Some(Line::TooLong(n))) if n == MAX_EVENT_BYTES as u64 + 10
        ));
        assert!(lines.line.capacity() <= MAX_EVENT_BYTES + 4096);
        assert!(matches!(lines.next_line(), Ok(Some(Line::Text(b"short")))));
        assert!(matches!(lines.next_line(), Ok(None)));
    }
}
