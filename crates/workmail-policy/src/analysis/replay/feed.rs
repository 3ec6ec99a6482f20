//! Reading a log in pieces as they arrive, for a face that is handed a log's bytes rather than
//! a reader (the playground's worker, which the browser gives a file's stream chunk by chunk).

use serde_json::Value;

use super::event::json_message;
use super::read::{CsvLog, Line, Start, blank, start_of, strip_bom, too_long};
use super::{At, LogFormat, MAX_EVENT_BYTES, ReadSummary, Replay};

/// One log read in pieces: [`LogFeed::push`] each piece as it comes (split anywhere, even
/// inside a line or a character), then [`LogFeed::finish`]. The events are those
/// [`Replay::read_log`] reads from the same bytes, with the same problems and places.
///
/// JSON lines and CSV are read line by line, holding at most one line ([`MAX_EVENT_BYTES`]) of
/// the log; a JSON document (`aws logs` output, a Logs Insights JSON export) one event at a
/// time. A document that stops being one stops the log as it stops [`Replay::read_log`], at
/// the same line, with serde's words for the common cases.
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
    /// A JSON document.
    Document(DocumentFeed),
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
            if let Reading::Document(document) = &mut self.reading {
                document.push(replay, &self.source, rest);
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
            Reading::Document(document) => return document.finish(replay, &self.source),
        };
        ReadSummary {
            format,
            lines,
            stopped: None,
        }
    }

    /// Reading the log failed (its stream broke off, its compression is damaged): what was
    /// read counts, the line being read does not, as when [`Replay::read_log`]'s reader fails,
    /// and the summary says why and on which line it stopped.
    pub fn fail(self, reason: String) -> ReadSummary {
        let (format, line) = match &self.reading {
            Reading::Start => (LogFormat::Empty, self.number + 1),
            Reading::JsonLines => (LogFormat::JsonLines, self.number + 1),
            Reading::Csv(_) => (LogFormat::Csv, self.number + 1),
            Reading::Document(document) => (LogFormat::JsonDocument, document.line),
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
                        let mut document = DocumentFeed::new(self.number);
                        document.push(replay, &self.source, text);
                        document.push(replay, &self.source, b"\n");
                        Reading::Document(document)
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

/// How many open containers a [`DocumentFeed`] keeps the kind of: serde refuses a document
/// nested deeper than 128 before it ends.
const OPEN_KEPT: usize = 128;

/// A JSON document read as it comes: the output of `aws logs filter-log-events` or
/// `get-log-events` (its `events` list) or an array of events. Each element of the list of
/// events is held until it ends, then read as [`Replay::read_log`] reads it; everything else is
/// only scanned (strings, nesting, the top-level keys), so no more than one event is held.
#[derive(Debug)]
struct DocumentFeed {
    /// The line and column (bytes, from 1) of the byte being read.
    line: u64,
    column: u64,
    /// Containers open.
    depth: usize,
    /// The containers open outside the list's elements, innermost last: the depth each opens
    /// and its opening byte (up to [`OPEN_KEPT`] of them).
    open: Vec<(usize, u8)>,
    /// The last byte read outside strings that is not whitespace.
    after: u8,
    in_string: bool,
    escaped: bool,
    /// Whether the document is an object (`aws logs` output) rather than an array.
    object: bool,
    /// At the top level of an object: whether the next string is a key, whether a key is being
    /// read, and the last key read (as written, quotes included).
    expect_key: bool,
    reading_key: bool,
    key: Vec<u8>,
    /// The list of events being read: its name in problems (`events`, or empty for a top-level
    /// array) and its depth.
    list: Option<(&'static str, usize)>,
    /// Whether an object had an `events` list.
    found_events: bool,
    /// The elements of the list read so far, and the one being read with where it starts.
    index: usize,
    element: Vec<u8>,
    element_at: (u64, u64),
    /// Whether the document's value ended.
    closed: bool,
    /// Why, and on which line, the text stopped being a document.
    stopped: Option<(u64, String)>,
}

impl DocumentFeed {
    /// A document whose first byte will be read at `line`.
    const fn new(line: u64) -> Self {
        Self {
            line,
            column: 0,
            depth: 0,
            open: Vec::new(),
            after: b' ',
            in_string: false,
            escaped: false,
            object: false,
            expect_key: false,
            reading_key: false,
            key: Vec::new(),
            list: None,
            found_events: false,
            index: 0,
            element: Vec::new(),
            element_at: (0, 0),
            closed: false,
            stopped: None,
        }
    }

    /// Reads the next bytes of the document.
    fn push(&mut self, replay: &mut Replay, source: &str, bytes: &[u8]) {
        for &byte in bytes {
            if self.stopped.is_some() {
                return;
            }
            self.column += 1;
            self.read(replay, source, byte);
            if byte == b'\n' {
                self.line += 1;
                self.column = 0;
            }
        }
    }

    /// The document ended: a value still open stops it, as serde says it (after reading an
    /// element that is whole, as serde does).
    fn finish(mut self, replay: &mut Replay, source: &str) -> ReadSummary {
        if self.stopped.is_none() && !self.closed {
            let message = self.eof_message(replay, source);
            self.stop(&message);
        }
        ReadSummary {
            format: LogFormat::JsonDocument,
            lines: 0,
            stopped: self.stopped,
        }
    }

    /// What serde says of a document that ends while still open.
    fn eof_message(&self, replay: &mut Replay, source: &str) -> String {
        if let Some((list, _)) = self.list.filter(|_| !self.element.is_empty()) {
            match serde_json::from_slice::<Value>(&self.element) {
                Ok(event) => replay.add_element(&event, At { source, line: 0 }, list, self.index),
                Err(error) => return json_message(&error),
            }
        } else if self.in_string {
            return "EOF while parsing a string".to_owned();
        } else if matches!(self.after, b',' | b':') {
            return "EOF while parsing a value".to_owned();
        } else if self.open.last().is_some_and(|&(_, byte)| byte == b'{') {
            return "EOF while parsing an object".to_owned();
        }
        "EOF while parsing a list".to_owned()
    }

    fn stop(&mut self, message: &str) {
        self.stopped = Some((
            self.line,
            format!(
                "column {}: the JSON document stops being one: {message}",
                self.column
            ),
        ));
    }

    /// Whether `byte` belongs to an element of the list of events.
    fn in_list(&self) -> bool {
        self.list.is_some_and(|(_, depth)| self.depth >= depth)
    }

    /// Keeps `byte` when it is part of an element (white space before one is not).
    fn keep(&mut self, byte: u8) {
        if !self.in_list() || (self.element.is_empty() && byte.is_ascii_whitespace()) {
            return;
        }
        if self.element.is_empty() {
            self.element_at = (self.line, self.column);
        }
        self.element.push(byte);
    }

    fn read(&mut self, replay: &mut Replay, source: &str, byte: u8) {
        if self.closed {
            if !byte.is_ascii_whitespace() {
                self.stop("trailing characters");
            }
            return;
        }
        if self.in_string {
            self.keep(byte);
            if self.reading_key {
                self.key.push(byte);
            }
            if self.escaped {
                self.escaped = false;
            } else if byte == b'\\' {
                self.escaped = true;
            } else if byte == b'"' {
                self.in_string = false;
                self.reading_key = false;
            }
            return;
        }
        let list_depth = self.list.map(|(_, depth)| depth);
        if !byte.is_ascii_whitespace() {
            self.after = byte;
        }
        if matches!(byte, b'[' | b'{') && !self.in_list() && self.open.len() < OPEN_KEPT {
            self.open.push((self.depth + 1, byte));
        }
        match byte {
            b'"' => {
                self.in_string = true;
                if self.object && self.depth == 1 && self.expect_key {
                    self.expect_key = false;
                    self.reading_key = true;
                    self.key.clear();
                    self.key.push(byte);
                }
                self.keep(byte);
            }
            b'[' | b'{' if self.depth == 0 => {
                self.object = byte == b'{';
                self.expect_key = self.object;
                if !self.object {
                    self.list = Some(("", 1));
                }
                self.depth = 1;
            }
            b'[' | b'{' if self.object && self.depth == 1 && self.key_is_events() => {
                if byte == b'{' {
                    self.stop("`events` is an object, not a list");
                    return;
                }
                self.list = Some(("events", 2));
                self.found_events = true;
                self.index = 0;
                self.depth = 2;
            }
            b'[' | b'{' => {
                self.keep(byte);
                self.depth += 1;
            }
            b']' | b'}' if Some(self.depth) == list_depth => {
                self.end_element(replay, source, byte);
                self.list = None;
                self.close_one();
            }
            b']' | b'}' => {
                self.keep(byte);
                self.close_one();
            }
            b',' if Some(self.depth) == list_depth => self.end_element(replay, source, byte),
            b',' => {
                self.expect_key = self.object && self.depth == 1;
                self.keep(byte);
            }
            _ => self.keep(byte),
        }
    }

    /// Whether the last key of the top-level object is `events`.
    fn key_is_events(&self) -> bool {
        serde_json::from_slice::<String>(&self.key).is_ok_and(|key| key == "events")
    }

    /// A container closed; the document's own closes it.
    fn close_one(&mut self) {
        if self
            .open
            .last()
            .is_some_and(|&(depth, _)| depth == self.depth)
        {
            self.open.pop();
        }
        self.depth = self.depth.saturating_sub(1);
        if self.depth == 0 {
            self.closed = true;
            if self.object && !self.found_events {
                self.stop(
                    "the document has no `events` list, as `aws logs filter-log-events` prints",
                );
            }
        }
    }

    /// The element being read ended at `byte` (`,` or the list's end): reads it.
    fn end_element(&mut self, replay: &mut Replay, source: &str, byte: u8) {
        let Some((list, _)) = self.list else {
            return;
        };
        if self.element.is_empty() {
            if byte == b',' || self.index > 0 {
                self.stop(if byte == b',' {
                    "expected value"
                } else {
                    "trailing comma"
                });
            }
            return;
        }
        match serde_json::from_slice::<Value>(&self.element) {
            Ok(event) => {
                let at = At { source, line: 0 };
                replay.add_element(&event, at, list, self.index);
                self.index += 1;
                self.element.clear();
            }
            Err(error) => {
                let (line, column) = self.element_at;
                self.line = line + error.line() as u64 - 1;
                self.column = if error.line() == 1 {
                    column + error.column() as u64 - 1
                } else {
                    error.column() as u64
                };
                let message = json_message(&error);
                // Something after a whole element: it is read, and the list wanted a comma.
                if message == "trailing characters" {
                    let mut values =
                        serde_json::Deserializer::from_slice(&self.element).into_iter::<Value>();
                    if let Some(Ok(event)) = values.next() {
                        replay.add_element(&event, At { source, line: 0 }, list, self.index);
                    }
                    self.stop("expected `,` or `]`");
                } else {
                    self.stop(&message);
                }
            }
        }
    }
}
