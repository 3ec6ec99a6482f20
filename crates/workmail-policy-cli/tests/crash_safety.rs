//! `--save` under SIGKILL: hundreds of `call ... --save` processes, most killed after a random
//! delay (some before they start, some while loading, writing, flushing or renaming, some after
//! they finish). After every kill the document is either byte-identical to what it was, or the
//! complete new document that the call computes, and it loads. The only other files that may
//! appear are the temporary files of saves killed between creating and renaming them (named
//! `.org.json.XXXXXX.tmp`, never read by the tool).
//!
//! The delays are random; the assertions are not: whatever the timing, no outcome other than
//! "old file" or "whole new file" may be seen. The seed is printed so that a failure can be
//! replayed with `CRASH_SAFETY_SEED`.

#![cfg(unix)]

#[expect(dead_code, reason = "these tests use part of the shared support")]
mod support;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use workmail_policy::{FixedEnvironment, Operation, Organization};

use support::{Folder, Run, Running, arg, aws_example};

const ROUNDS: u64 = 240;

/// A small generator (xorshift64*), seeded per run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

fn seed() -> u64 {
    std::env::var("CRASH_SAFETY_SEED")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or_else(|| {
            let mut bytes = [0u8; 8];
            // Any seed will do; a failed generator gives a fixed one.
            let _ = getrandom::fill(&mut bytes);
            u64::from_le_bytes(bytes) | 1
        })
}

/// The call of round `round`: rules replaced, added and deleted, roles created until the limit
/// refuses more (a failing call, which must leave the file alone).
fn operation(round: u64) -> (Operation, Value) {
    let name = format!("rule-{}", round % 7);
    match round % 4 {
        0 | 1 => (
            Operation::PutAccessControlRule,
            json!({"Name": name, "Effect": if round.is_multiple_of(3) { "DENY" } else { "ALLOW" },
                   "Description": format!("round {round}"), "Actions": ["IMAP", "EWS"],
                   "IpRanges": [format!("10.{}.0.0/16", round % 256)]}),
        ),
        2 => (
            Operation::DeleteAccessControlRule,
            json!({"Name": format!("rule-{}", round % 5)}),
        ),
        _ => (
            Operation::CreateImpersonationRole,
            json!({"ClientToken": format!("token-{round}"), "Name": format!("role {round}"),
                   "Type": "READ_ONLY", "Rules": [{"ImpersonationRuleId": "all", "Effect": "ALLOW"}]}),
        ),
    }
}

/// A document with what differs between runs removed: dates, generated role IDs and tokens.
fn normalized(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| {
                    !matches!(
                        key.as_str(),
                        "DateCreated"
                            | "DateModified"
                            | "ImpersonationRoleId"
                            | "Token"
                            | "Expires"
                    )
                })
                .map(|(key, value)| (key.clone(), normalized(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(normalized).collect()),
        other => other.clone(),
    }
}

/// What the file holds after the call succeeds, normalized; `None` when the call fails.
fn expected_after(before: &[u8], operation: Operation, input: &Value) -> Option<Value> {
    let text = std::str::from_utf8(before).ok()?;
    let mut organization = Organization::from_json(text).ok()?.organization;
    let mut env = FixedEnvironment::new(1_700_000_000.0, 1);
    organization.call(operation, input, &mut env).ok()?;
    serde_json::from_str(&organization.to_json())
        .ok()
        .map(|value| normalized(&value))
}

/// Starts `workmail-policy --quiet call OPERATION --org ORG --save --input INPUT`.
fn spawn(org: &Path, operation: Operation, input: &Value) -> Running {
    let input = input.to_string();
    Run::binary([
        "--quiet",
        "call",
        operation.name(),
        "--org",
        arg(org),
        "--save",
        "--input",
        &input,
    ])
    .spawn()
}

/// The names in the folder other than the document, each checked to be a save's temporary file.
fn leftovers(folder: &Folder) -> Vec<String> {
    let mut names = folder.names();
    names.retain(|name| name != "org.json");
    for name in &names {
        assert!(
            name.starts_with(".org.json.") && name.ends_with(".tmp"),
            "an unexpected file beside the document: {name}"
        );
    }
    names
}

/// How long an uninterrupted save takes here, so that the kill delays cover the whole call.
#[expect(
    clippy::expect_used,
    reason = "a broken test environment fails the test"
)]
fn typical_call(folder: &Folder) -> Duration {
    let org = folder.write("calibrate.json", aws_example());
    let (operation, input) = self::operation(0);
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let out = spawn(&org, operation, &input).wait();
            assert_eq!(out.code, 0, "an uninterrupted save failed: {out:?}");
            start.elapsed()
        })
        .collect();
    times.sort();
    fs::remove_file(&org).expect("the file is removed");
    times.get(2).copied().unwrap_or(Duration::from_millis(20))
}

#[test]
fn a_killed_save_leaves_the_old_or_the_whole_new_document() {
    let seed = seed();
    let mut random = Random(seed);
    let folder = Folder::new();
    let typical = typical_call(&folder);
    let window = u64::try_from(typical.as_micros()).unwrap_or(20_000) * 3 / 2;
    // Raw `list-access-control-rules` output, so the first save also changes the document's form.
    let org = folder.write("org.json", aws_example());

    let (mut unchanged, mut replaced, mut temporary) = (0, 0, 0);
    for round in 0..ROUNDS {
        let before = fs::read(&org).expect("the document is readable");
        let (operation, input) = operation(round);
        let expected = expected_after(&before, operation, &input);
        let mut child = spawn(&org, operation, &input);
        // One round in eight runs to the end, so that saves are seen to complete whatever the
        // machine's speed; the others are killed after a random delay.
        if round % 8 != 5 {
            std::thread::sleep(Duration::from_micros(random.below(window)));
            // SIGKILL: no destructor, no clean-up.
            child.kill();
        }
        let code = child.wait().code;

        let after = fs::read(&org).expect("the document is still there");
        let context = format!(
            "seed {seed}, round {round}, {} {input}, exit code {code}",
            operation.name()
        );
        if after == before {
            unchanged += 1;
            // A call that completed must have saved, unless it failed or changed nothing.
            if code == 0 {
                let text = String::from_utf8_lossy(&after);
                let now = serde_json::from_str(&text).ok().map(|v| normalized(&v));
                assert!(
                    expected.is_none() || now == expected,
                    "{context}: the call succeeded but the file was not saved"
                );
            }
        } else {
            replaced += 1;
            let text = String::from_utf8(after).expect("the document is UTF-8");
            assert!(
                Organization::from_json(&text).is_ok(),
                "{context}: the document no longer loads:\n{text}"
            );
            let now = serde_json::from_str(&text).ok().map(|v| normalized(&v));
            assert!(
                expected.is_some(),
                "{context}: a failing call changed the file"
            );
            assert_eq!(now, expected, "{context}: the file is neither old nor new");
        }
        temporary = leftovers(&folder).len();
    }
    eprintln!(
        "crash safety (seed {seed}, kills within {window} µs): {unchanged} unchanged, {replaced} replaced, \
         {temporary} temporary files left by saves killed before their rename"
    );
    // Both outcomes happened (a refused call or an early kill; a completed save).
    assert!(
        unchanged > 0 && replaced > 0,
        "seed {seed}: only one outcome was seen"
    );
}

#[test]
fn concurrent_saves_killed_at_random_never_corrupt_the_document() {
    let seed = seed().rotate_left(17);
    let mut random = Random(seed);
    let folder = Folder::new();
    let org = folder.write("org.json", aws_example());
    for burst in 0..20 {
        let mut children: Vec<Running> = (0..6)
            .map(|at| {
                let (operation, input) = operation(burst * 6 + at);
                spawn(&org, operation, &input)
            })
            .collect();
        std::thread::sleep(Duration::from_micros(random.below(30_000)));
        for child in &mut children {
            if random.below(2) == 0 {
                child.kill();
            }
        }
        for child in children {
            child.wait();
        }
        // Last writer wins, but every writer wrote a whole document.
        let text = fs::read_to_string(&org).expect("the document is UTF-8");
        assert!(
            Organization::from_json(&text).is_ok(),
            "seed {seed}, burst {burst}: the document no longer loads:\n{text}"
        );
        leftovers(&folder);
    }
}
