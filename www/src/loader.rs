//! Large documents are loaded off the page's thread, by the loader: a web worker running a
//! third WebAssembly module built from this crate (`src/loader_main.rs`).
//!
//! Loading a text takes time in proportion to its length: a keystroke in the largest legal
//! rule set (about 700 KB) is loaded in the page faster than a worker round trip, but a
//! document of tens of megabytes (a large directory, or a hostile text) would keep the page
//! from drawing for seconds. A document editor text longer than [`LARGE_DOCUMENT`] is
//! therefore sent to the loader first. While it works, the page keeps answering from the last
//! document that loaded, and the question fields stay as responsive as ever. The loader answers
//! with a [`Report`]: a text with errors gets its first diagnostics and their count (see
//! [`Problems`]), and is never parsed in the page; a text that loads is then loaded in the page
//! once, because the answers, the editors and the panels read its organization there.
//!
//! A large document is mostly long lists: its directory (`list-users` output for 100,000 users
//! is about 30 MiB), or more rules than WorkMail allows. Reading them in one go would keep the
//! page from drawing for half a second and more. So the report of a text that loads says where
//! its lists' elements are ([`InParts`]): the page loads the rest of the document, then the
//! elements a part of about [`PART_BYTES`] per task (a
//! [`workmail_policy::document::Assembly`], see `hooks::use_loader`), and keeps the loader's
//! warnings, found on the whole text.
//!
//! A part editor's text longer than [`LARGE_DOCUMENT`] (a whole directory's `list-users` output
//! in the Users tab) goes to the loader too, with the document it goes into: the loader checks
//! it and puts it into the document ([`check_part`]), and the new document comes back to be
//! loaded as any other large document (see [`crate::state::LargePart`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use workmail_policy::document::{self, Cut};

use crate::parts::{self, Part, PartCheck};
use crate::problems::{Problem, Problems, SHOWN_DIAGNOSTICS};

/// A document editor text longer than this (in bytes) is loaded by the loader first.
///
/// Loading the largest legal rule set (697 KB) in the page takes about 36 ms in headless
/// Chromium (`cargo xtask bench`, "of which loading the new text"), so a text of 1 MiB stays
/// well under the 100 ms a page may be busy. Through the loader, a text that loads costs more,
/// not less: the round trip, then the same load in the page. Below this size the page loads
/// the text itself, on every keystroke.
pub const LARGE_DOCUMENT: usize = 1024 * 1024;

/// How many bytes of a list the page reads per task, at most (a single larger element is a
/// part of its own). `list-users` output of 1 MiB (about 3,300 users) is read and indexed in
/// about 15 ms in headless Chromium.
pub const PART_BYTES: usize = 1024 * 1024;

/// Whether the document editor's `text`, or a part editor's, goes to the loader.
pub const fn is_large(text: &str) -> bool {
    text.len() > LARGE_DOCUMENT
}

/// What the loader found in one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Report {
    /// The serial number the page gave the text (see [`crate::state::Loading`]).
    pub serial: u64,
    /// What it found.
    pub outcome: Outcome,
}

/// Whether the text loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// It loads: the page loads it too, once, in one go or (for a text with long lists) in
    /// parts.
    Loads(Option<InParts>),
    /// It does not load: its diagnostics, the first few and how many.
    Invalid(Problems),
    /// The loader could not start: the page loads the text itself.
    Failed(String),
    /// The loader stopped while reading the text (it ran out of memory, say): the page does not
    /// try the text on its own thread, where the same would stop the page.
    Stopped(String),
    /// A part editor's text (see [`check_part`]) loads, or is empty: its warnings, the first
    /// few and how many. The new document text comes beside the report when the document
    /// took the part (it does when the document loads).
    PartLoads(Problems),
}

/// How the page loads a text with lists: the rest of the document first, then their elements
/// a part at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InParts {
    /// Where the lists' elements are.
    pub lists: Cut,
    /// The warnings found on the whole text: the page finds only those of the rest.
    pub warnings: Problems,
}

/// Loads `text` as the page would and reports the outcome: what the loader runs. Only the
/// diagnostics a list shows are kept, and the others counted, so that a hostile text of the
/// largest size read, with millions of problems, is checked in time linear in its size.
pub fn check(serial: u64, text: &str) -> Report {
    let outcome = match document::load_cut(text, SHOWN_DIAGNOSTICS, PART_BYTES) {
        Ok(found) => Outcome::Loads(found.cut.map(|lists| {
            let shown = &found.loaded.warnings;
            InParts {
                lists,
                warnings: Problems {
                    shown: shown.iter().map(Problem::from).collect(),
                    total: shown.len().saturating_add(found.hidden_warnings),
                    errors: 0,
                },
            }
        })),
        Err(error) => Outcome::Invalid(Problems::of_capped(&error)),
    };
    Report { serial, outcome }
}

/// Checks a part editor's `text` as the page would ([`parts::check`]) and, when it loads or is
/// empty, puts it into `document` ([`parts::compose`]): what the loader runs for a part text
/// longer than [`LARGE_DOCUMENT`], which the page neither checks nor composes on its own thread.
/// Returns the report and, when the document took the part, the new document text, which the
/// page then loads like any other large document. As in [`check`], only the diagnostics a list
/// shows are kept.
pub fn check_part(serial: u64, part: Part, text: &str, document: &str) -> (Report, Option<String>) {
    let (outcome, composed) = match part_entries(part, text) {
        Err(problems) => (Outcome::Invalid(problems), None),
        Ok((entries, warnings)) => {
            let composed = document::load_capped(document, 0)
                .ok()
                .and_then(|(loaded, _)| parts::compose_loaded(document, &loaded, part, entries));
            (Outcome::PartLoads(warnings), composed)
        }
    };
    (Report { serial, outcome }, composed)
}

/// What a part text gives the document (`None`: the member goes) and its warnings; or its
/// diagnostics.
fn part_entries(part: Part, text: &str) -> Result<(Option<Value>, Problems), Problems> {
    if text.trim().is_empty() {
        return Ok((None, Problems::default()));
    }
    let capped = document::load_capped(text, SHOWN_DIAGNOSTICS);
    let load = capped
        .as_ref()
        .map(|(loaded, _)| loaded)
        .map_err(|error| error.shown.as_slice());
    match parts::check_loaded(part, text, load) {
        PartCheck::Empty => Ok((None, Problems::default())),
        PartCheck::Loaded {
            entries, warnings, ..
        } => {
            let hidden = capped.as_ref().map_or(0, |(_, hidden)| hidden.warnings);
            let warnings = Problems {
                total: warnings.len().saturating_add(hidden),
                ..Problems::of(&warnings)
            };
            Ok((Some(entries), warnings))
        }
        PartCheck::Invalid { diagnostics } => Err(match &capped {
            // The roles editor reads several outputs on its own when the text is not one.
            Err(error) if part != Part::Roles => Problems::of_capped(error),
            _ => Problems::of(&diagnostics),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::Preset;
    use crate::problems::SHOWN_DIAGNOSTICS;

    /// What the page makes of a part text on its own thread: the check, and the document.
    fn in_page(part: Part, text: &str, document: &str) -> (PartCheck, Option<String>) {
        let check = parts::check(part, text);
        let entries = match &check {
            PartCheck::Loaded { entries, .. } => Some(entries.clone()),
            _ => None,
        };
        let composed = match check {
            PartCheck::Invalid { .. } => None,
            _ => parts::compose(document, part, entries),
        };
        (check, composed)
    }

    #[test]
    fn a_part_text_is_checked_and_put_into_the_document_as_the_page_would() {
        let document = Preset::ArchivingRole.document();
        let role =
            r#"{"ImpersonationRoleId": "r1", "Name": "one", "Type": "READ_ONLY", "Rules": []}"#;
        let users = (0..60)
            .map(|at| {
                format!(
                    r#"{{"Id": "S-1-1-11-{at:08}", "Email": "u{at}@example.com", "Odd": {at}}}"#
                )
            })
            .collect::<Vec<_>>()
            .join(",");
        let cases = [
            (
                Part::Roles,
                format!("{role}\n{}", role.replace("r1", "r2")),
                2,
            ),
            (Part::Users, format!(r#"{{"Users": [{users}]}}"#), 60),
            (
                Part::Rules,
                Preset::AwsDocumentationExample.document().to_owned(),
                2,
            ),
            (Part::Users, "  \n ".to_owned(), 0),
        ];
        for (part, text, count) in cases {
            let (report, composed) = check_part(4, part, &text, document);
            let (check, page) = in_page(part, &text, document);
            assert_eq!(report.serial, 4);
            let Outcome::PartLoads(warnings) = report.outcome else {
                panic!("{part:?}: {:?}", report.outcome);
            };
            assert_eq!(
                warnings.shown.len(),
                check.diagnostics().len().min(SHOWN_DIAGNOSTICS)
            );
            assert_eq!(warnings.total, check.diagnostics().len(), "{part:?}");
            let taken = composed.as_deref().and_then(|text| {
                let load = crate::loaded::load(text);
                crate::loaded::organization(&load).map(|org| parts::entries_in(org, part))
            });
            assert_eq!(taken, Some(count), "{part:?}");
            assert_eq!(composed, page, "{part:?}");
        }
        // A document with errors takes nothing.
        let (report, composed) = check_part(5, Part::Roles, role, "{\"Users\": 3}");
        assert!(matches!(report.outcome, Outcome::PartLoads(_)));
        assert_eq!(composed, None);
    }

    #[test]
    fn a_part_text_with_errors_is_reported_with_its_first_diagnostics_and_their_count() {
        let document = Preset::ArchivingRole.document();
        let users = (0..60)
            .map(|at| format!(r#"{{"Id": "S-1-1-11-{at:08}", "State": "SOMETIMES"}}"#))
            .collect::<Vec<_>>()
            .join(",");
        let text = format!(r#"{{"Users": [{users}]}}"#);
        for (part, text) in [
            (Part::Users, text.as_str()),
            (Part::Rules, text.as_str()),
            (Part::Roles, "{\"ImpersonationRoleId\": 3}"),
        ] {
            let (report, composed) = check_part(6, part, text, document);
            let (check, _) = in_page(part, text, document);
            assert_eq!(composed, None);
            assert_eq!(
                report.outcome,
                Outcome::Invalid(Problems::of(check.diagnostics())),
                "{part:?}"
            );
        }
    }

    #[test]
    fn a_text_that_loads_is_reported_as_such() {
        let report = check(
            7,
            r#"{"AccessControlRules": [{"Name": "a", "Effect": "ALLOW"}]}"#,
        );
        assert_eq!(report.serial, 7);
        assert_eq!(
            report.outcome,
            Outcome::Loads(None),
            "its list has one element"
        );
        let text = Preset::ArchivingRole.document();
        let Outcome::Loads(Some(parts)) = check(8, text).outcome else {
            panic!("its users are read in parts");
        };
        let lists: Vec<_> = parts
            .lists
            .lists
            .iter()
            .map(|list| (list.list, list.parts.len()))
            .collect();
        assert_eq!(
            lists,
            [
                (document::List::Users, 1),
                (document::List::AccessControlRules, 1)
            ],
            "each short list is one part"
        );
        assert_eq!(parts.warnings, Problems::default());
    }

    #[test]
    fn a_directory_is_reported_with_its_parts_and_every_warning_counted() {
        let user = |at: usize| {
            format!(r#"{{"Id": "S-1-1-11-{at:08}", "Email": "user{at}@example.com", "Odd": {at}}}"#)
        };
        let users: Vec<String> = (0..60_000).map(user).collect();
        let text = format!("{{\"Users\": [\n{}\n]}}", users.join(",\n"));
        assert!(is_large(&text));
        let report = check(3, &text);
        let Outcome::Loads(Some(parts)) = report.outcome else {
            panic!("{:?}", report.outcome);
        };
        assert!(parts.lists.parts() >= 3, "{}", parts.lists.parts());
        assert!(
            parts
                .lists
                .lists
                .iter()
                .flat_map(|list| &list.parts)
                .all(|part| part.len() <= PART_BYTES)
        );
        // Every user's unknown member warns; the first few are kept, all are counted.
        assert_eq!(parts.warnings.total, 60_000);
        assert_eq!(parts.warnings.errors, 0);
        assert_eq!(parts.warnings.shown.len(), SHOWN_DIAGNOSTICS);
        let every = workmail_policy::Organization::from_json(&text).unwrap();
        assert_eq!(parts.warnings, Problems::of(&every.warnings));
    }

    #[test]
    fn a_hostile_text_is_reported_with_its_first_diagnostics_and_their_count() {
        let rule = r#"{"Name": "bad name!", "Effect": "MAYBE", "IpRanges": ["300.1.1.1/40"]}"#;
        let text = format!(
            r#"{{"AccessControlRules": [{}]}}"#,
            vec![rule; 4_000].join(",")
        );
        assert!(is_large(&" ".repeat(LARGE_DOCUMENT + 1)) && !is_large(&text[..100]));
        let report = check(1, &text);
        let Outcome::Invalid(problems) = report.outcome else {
            panic!("loaded: {report:?}");
        };
        assert_eq!(problems.shown.len(), SHOWN_DIAGNOSTICS);
        assert!(problems.total >= 3 * 4_000, "{}", problems.total);
        assert_eq!(problems.errors, problems.total);
        // The page's own list of the same text, from every diagnostic.
        let every = workmail_policy::Organization::from_json(&text).unwrap_err();
        assert_eq!(problems, Problems::of(&every.diagnostics));
        let json = serde_json::to_string(&Report {
            serial: 2,
            outcome: Outcome::Invalid(problems.clone()),
        })
        .unwrap();
        assert!(
            json.len() < 64 * 1024,
            "the report stays small: {}",
            json.len()
        );
        assert_eq!(
            serde_json::from_str::<Report>(&json).unwrap().outcome,
            Outcome::Invalid(problems)
        );
    }
}
