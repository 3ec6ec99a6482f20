//! Replaying audit logs in the playground: the [`Job`] the analysis worker runs (each file fed
//! in pieces to one [`Replay`]) and the [`Replayed`] report it hands the panel.
//!
//! The panel starts an analysis worker (`worker.js`, a web worker with the analysis module) and
//! sends it a job named [`JOB`] (`browser::send_job`): the proposed document and the baseline if
//! any, copied out to it a slice per task as any job's texts are, and the files as the user
//! dropped or picked them: they never leave the page. The worker reads each file's stream,
//! decompresses gzip with the browser's `DecompressionStream`, feeds each piece to a [`Job`]
//! and posts its progress; the panel's Cancel stops the worker.

use serde::{Deserialize, Serialize};
use workmail_policy::Organization;
use workmail_policy::analysis::{
    At, LogFeed, Outcome, Replay, ReplayAnswer, ReplayReport, ReplayedRequest,
    format_epoch_milliseconds,
};

use crate::questions::{AccessQuestion, ImpersonationQuestion};

/// The name of a replay among the analysis worker's jobs: its texts are the proposed document
/// and the baseline, when there is one, and its files the logs.
pub const JOB: &str = "replay";

/// How many distinct requests the panel lists; the downloads hold them all.
pub const SHOWN_REQUESTS: usize = 200;

/// A replay under way: the organizations asked, the events read so far, and the log being
/// read.
#[derive(Debug)]
pub struct Job {
    proposed: Organization,
    baseline: Option<Organization>,
    replay: Replay,
    log: Option<(String, LogFeed)>,
}

impl Job {
    /// A replay of the proposed document's text against the baseline's, if any.
    ///
    /// # Errors
    /// Which document does not load, and why.
    pub fn new(proposed: &str, baseline: Option<&str>) -> Result<Self, String> {
        let load = |what: &str, text: &str| {
            Organization::from_json(text)
                .map(|loaded| loaded.organization)
                .map_err(|error| format!("the {what} does not load: {error}"))
        };
        Ok(Self {
            proposed: load("document", proposed)?,
            baseline: baseline.map(|text| load("old version", text)).transpose()?,
            replay: Replay::new(),
            log: None,
        })
    }

    /// Starts reading the log named `name` (ending the one before, if any).
    pub fn open(&mut self, name: &str) {
        self.close(None);
        self.log = Some((name.to_owned(), LogFeed::new(name)));
    }

    /// Reads the next piece of the open log (already decompressed).
    pub fn push(&mut self, bytes: &[u8]) {
        if let Some((_, feed)) = &mut self.log {
            feed.push(&mut self.replay, bytes);
        }
    }

    /// Ends the open log. A `failure` (the file could not be read to its end, its compression
    /// is damaged) is counted as one malformed event at the line reached, as the command line
    /// counts it.
    pub fn close(&mut self, failure: Option<String>) {
        let Some((name, feed)) = self.log.take() else {
            return;
        };
        let summary = match failure {
            Some(reason) => feed.fail(reason),
            None => feed.finish(&mut self.replay),
        };
        if let Some((line, reason)) = summary.stopped {
            let at = At {
                source: &name,
                line,
            };
            self.replay
                .add_malformed(at, format!("reading stopped: {reason}"));
        }
    }

    /// Every event read so far.
    pub const fn events(&self) -> u64 {
        self.replay.events()
    }

    /// Ends the open log and answers every distinct request.
    pub fn finish(&mut self) -> Replayed {
        self.close(None);
        let report = self.replay.report(&self.proposed, self.baseline.as_ref());
        Replayed::of(&report, self.replay.malformed())
    }
}

/// What a replay found, as the panel shows it, with the report's downloads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replayed {
    /// Every event read.
    pub events: u64,
    /// Events replayed as requests.
    pub replayed: u64,
    /// Events not replayed, by reason (`malformed`, `not-access-controlled`, ...).
    pub skipped: Vec<(String, u64)>,
    /// The first malformed events, each `file:line: message`.
    pub problems: Vec<String>,
    /// Malformed events not listed in `problems`.
    pub more_problems: u64,
    /// Whether the answers were compared with a baseline.
    pub compared: bool,
    /// Distinct requests the baseline allowed and the document does not.
    pub newly_denied: usize,
    /// Distinct requests the baseline did not allow and the document does.
    pub newly_allowed: usize,
    /// Every distinct request.
    pub requests: usize,
    /// The first [`SHOWN_REQUESTS`] distinct requests, newly denied first, then newly allowed.
    pub rows: Vec<Row>,
    /// The report as `workmail-policy replay --output markdown` writes it.
    pub markdown: String,
    /// As `--output csv`.
    pub csv: String,
    /// As `--output json`.
    pub json: String,
}

impl Replayed {
    /// The panel's view of `report`, which counted `malformed` malformed events.
    pub fn of(report: &ReplayReport, malformed: u64) -> Self {
        let count = |outcome: Outcome| {
            report
                .requests
                .iter()
                .filter(|request| request.outcome == outcome)
                .count()
        };
        Self {
            events: report.events,
            replayed: report.replayed(),
            skipped: report
                .skipped
                .iter()
                .map(|(reason, count)| (reason.clone(), *count))
                .collect(),
            problems: report.problems.iter().map(ToString::to_string).collect(),
            more_problems: malformed.saturating_sub(report.problems.len() as u64),
            compared: report.compared,
            newly_denied: count(Outcome::NewlyDenied),
            newly_allowed: count(Outcome::NewlyAllowed),
            requests: report.requests.len(),
            rows: report
                .requests
                .iter()
                .take(SHOWN_REQUESTS)
                .map(Row::of)
                .collect(),
            markdown: report.to_markdown(),
            csv: report.to_csv(),
            json: workmail_policy::text::pretty_json(report).unwrap_or_default(),
        }
    }
}

/// One distinct request as the panel lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// How it fares (`NEWLY DENIED`, ...).
    pub outcome: String,
    /// Whether the document allows it.
    pub allowed: bool,
    /// The source address.
    pub ip_address: String,
    /// The protocol action.
    pub action: String,
    /// The user, or for an impersonated request the mailbox reached.
    pub user_id: String,
    /// The impersonation role, for an impersonated request.
    pub role: Option<String>,
    /// How many events asked it.
    pub count: u64,
    /// The first time seen (RFC 3339, UTC).
    pub first_seen: Option<String>,
    /// The last time seen.
    pub last_seen: Option<String>,
    /// The document's answer: `ALLOW`, `DENY`, or the error's code.
    pub proposed: String,
    /// The baseline's answer, with a baseline.
    pub baseline: Option<String>,
}

impl Row {
    fn of(request: &ReplayedRequest) -> Self {
        Self {
            outcome: request.outcome.label().to_owned(),
            allowed: request.proposed.allowed(),
            ip_address: request.address().to_string(),
            action: request.action().as_str().to_owned(),
            user_id: request.user().to_owned(),
            role: request.request.impersonation_role_id.clone(),
            count: request.count,
            first_seen: request.first_seen.map(format_epoch_milliseconds),
            last_seen: request.last_seen.map(format_epoch_milliseconds),
            proposed: answer_text(&request.proposed),
            baseline: request.baseline.as_ref().map(answer_text),
        }
    }

    /// The questions that ask this request: the access question, and for an impersonated
    /// request (decision D46) the role's question for the mailbox reached.
    pub fn questions(&self) -> (AccessQuestion, Option<ImpersonationQuestion>) {
        let access = AccessQuestion {
            ip_address: self.ip_address.clone(),
            action: self.action.clone(),
            user_id: if self.role.is_some() {
                String::new()
            } else {
                self.user_id.clone()
            },
            impersonation_role_id: self.role.clone().unwrap_or_default(),
        };
        let impersonation = self.role.as_ref().map(|role| ImpersonationQuestion {
            impersonation_role_id: role.clone(),
            target_user: self.user_id.clone(),
        });
        (access, impersonation)
    }
}

fn answer_text(answer: &ReplayAnswer) -> String {
    match answer {
        ReplayAnswer::Decided { effect, .. } => effect.as_str().to_owned(),
        ReplayAnswer::Refused { error } => error.code.clone(),
    }
}

/// What the analysis worker tells the panel during a replay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Report {
    /// How far it got: bytes of the files read (as stored, compressed or not) and events.
    Progress {
        /// Bytes read.
        bytes: u64,
        /// Events read.
        events: u64,
    },
    /// The replay finished.
    Done(Box<Replayed>),
    /// The replay could not start (a document does not load, the module could not be loaded).
    Failed(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = "S-1-1-11-1111111111-2222222222-3333333333-3333";
    const PROPOSED: &str = r#"{"AccessControlRules": [
        {"Name": "no-imap", "Effect": "DENY", "Description": "", "Actions": ["IMAP"]},
        {"Name": "default", "Effect": "ALLOW", "Description": ""}],
      "ImpersonationRoles": [{"ImpersonationRoleId": "archiver", "Name": "archiver",
        "Type": "READ_ONLY", "Rules": [{"ImpersonationRuleId": "all", "Effect": "ALLOW"}]}]}"#;

    fn event(time: i64, protocol: &str, role: Option<&str>) -> String {
        let role = role.map_or_else(String::new, |role| {
            format!(r#", "impersonator_id": "{role}""#)
        });
        format!(
            r#"{{"event_timestamp": {time}, "user_id": "{USER}", "protocol": "{protocol}", "source_ip": "192.0.2.7"{role}}}"#
        )
    }

    #[test]
    fn files_fed_in_pieces_give_the_report_of_the_core() {
        let log = [
            event(1_700_000_000_000, "IMAP", None),
            event(1_700_000_060_000, "IMAP", None),
            event(1_700_000_000_000, "EWS", Some("archiver")),
            "not json".to_owned(),
        ]
        .join("\n");
        let mut job = Job::new(PROPOSED, Some("{}")).unwrap_or_else(|error| panic!("{error}"));
        job.open("a.jsonl");
        for piece in log.as_bytes().chunks(5) {
            job.push(piece);
        }
        job.open("b.jsonl");
        job.push(event(1_700_000_120_000, "IMAP", None).as_bytes());
        job.push(b"\n{\"user");
        job.close(Some("the gzip stream is cut short".to_owned()));
        assert_eq!(job.events(), 6);
        let replayed = job.finish();
        assert_eq!((replayed.events, replayed.replayed), (6, 4));
        assert_eq!((replayed.newly_denied, replayed.newly_allowed), (1, 1));
        assert_eq!(replayed.skipped, [("malformed".to_owned(), 2)]);
        assert!(
            replayed.problems[0].starts_with("a.jsonl:4: "),
            "{}",
            replayed.problems[0]
        );
        assert_eq!(
            replayed.problems[1],
            "b.jsonl:2: reading stopped: the gzip stream is cut short"
        );
        let first = &replayed.rows[0];
        assert_eq!(first.outcome, "NEWLY DENIED");
        assert_eq!((first.count, first.action.as_str()), (3, "IMAP"));
        assert_eq!(
            first.first_seen.as_deref(),
            Some("2023-11-14T22:13:20.000Z")
        );
        assert_eq!(first.last_seen.as_deref(), Some("2023-11-14T22:15:20.000Z"));
        assert_eq!(
            (first.proposed.as_str(), first.baseline.as_deref()),
            ("DENY", Some("ALLOW"))
        );
        assert!(replayed.json.contains("\"Requests\""));
        assert!(replayed.csv.lines().count() > 2);
        assert!(replayed.markdown.contains("NEWLY DENIED"));
    }

    #[test]
    fn a_row_asks_its_request_and_an_impersonated_one_the_role_too() {
        let mut job = Job::new(PROPOSED, None).unwrap_or_else(|error| panic!("{error}"));
        job.open("log");
        job.push(
            format!(
                "{}\n{}\n",
                event(1, "IMAP", None),
                event(2, "EWS", Some("archiver"))
            )
            .as_bytes(),
        );
        let replayed = job.finish();
        assert!(!replayed.compared);
        let (access, impersonation) = replayed.rows[0].questions();
        assert_eq!(
            (
                access.ip_address.as_str(),
                access.action.as_str(),
                access.user_id.as_str()
            ),
            ("192.0.2.7", "IMAP", USER)
        );
        assert_eq!(impersonation, None);
        let (access, impersonation) = replayed.rows[1].questions();
        assert_eq!(
            (
                access.action.as_str(),
                access.user_id.as_str(),
                access.impersonation_role_id.as_str()
            ),
            ("EWS", "", "archiver")
        );
        assert_eq!(
            impersonation,
            Some(ImpersonationQuestion {
                impersonation_role_id: "archiver".to_owned(),
                target_user: USER.to_owned(),
            })
        );
    }

    #[test]
    fn a_document_that_does_not_load_is_named() {
        let error = Job::new(PROPOSED, Some("{ broken"))
            .err()
            .unwrap_or_default();
        assert!(
            error.starts_with("the old version does not load"),
            "{error}"
        );
    }
}
