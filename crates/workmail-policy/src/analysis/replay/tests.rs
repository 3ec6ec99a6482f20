use std::io::{self, BufReader, Cursor, Read};

use super::*;
use crate::analysis::test_organization;

const USER: &str = "S-1-1-11-1111111111-2222222222-3333333333-1001";
const OTHER: &str = "S-1-1-11-1111111111-2222222222-3333333333-1002";

/// The default rule, and IMAP denied outside 192.0.2.0/24.
fn proposed() -> Organization {
    test_organization(
        r#"{"AccessControlRules": [
            {"Name": "default", "Effect": "ALLOW", "Description": ""},
            {"Name": "office-imap", "Effect": "DENY", "Description": "",
             "Actions": ["IMAP"], "NotIpRanges": ["192.0.2.0/24"]}],
          "ImpersonationRoles": [
            {"ImpersonationRoleId": "archiver", "Name": "archiver", "Type": "READ_ONLY",
             "Rules": [{"ImpersonationRuleId": "not-1001", "Effect": "ALLOW",
                        "NotTargetUsers": ["S-1-1-11-1111111111-2222222222-3333333333-1001"]}]}]}"#,
    )
}

fn baseline() -> Organization {
    test_organization(
        r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW", "Description": ""}],
            "ImpersonationRoles": [
            {"ImpersonationRoleId": "archiver", "Name": "archiver", "Type": "READ_ONLY",
             "Rules": [{"ImpersonationRuleId": "all", "Effect": "ALLOW"}]}]}"#,
    )
}

fn line(time: i64, user: &str, protocol: &str, ip: &str) -> String {
    format!(
        r#"{{"event_timestamp": {time}, "request_id": "r{time}", "organization_arn": "arn:aws:workmail:us-east-1:111122223333:organization/m-0123456789abcdef0123456789abcdef", "user_id": "{user}", "protocol": "{protocol}", "source_ip": "{ip}", "user_agent": "test"}}"#
    )
}

fn read(text: &str) -> (Replay, ReadSummary) {
    let mut replay = Replay::new();
    let summary = replay.read_log(BufReader::new(Cursor::new(text.as_bytes())), "audit.log");
    (replay, summary)
}

#[test]
fn events_become_distinct_requests_with_counts_and_times() {
    let log = [
        line(3000, USER, "IMAP", "198.51.100.7"),
        line(1000, USER, "IMAP", "198.51.100.7"),
        line(2000, USER, "IMAP", "192.0.2.5"),
        line(4000, OTHER, "WebMail", "198.51.100.9"),
    ]
    .join("\n");
    let (replay, summary) = read(&log);
    assert_eq!(summary.format, LogFormat::JsonLines);
    assert_eq!(replay.distinct_requests(), 3);
    let report = replay.report(&proposed(), Some(&baseline()));
    assert_eq!(report.events, 4);
    let first = &report.requests[0];
    assert_eq!(first.outcome, Outcome::NewlyDenied);
    assert_eq!(first.request.ip_address, "198.51.100.7");
    assert_eq!(
        (first.count, first.first_seen, first.last_seen),
        (2, Some(1000), Some(3000))
    );
    assert_eq!(first.proposed.to_string(), "DENY [office-imap]");
    assert_eq!(
        first.baseline.as_ref().map(ToString::to_string).as_deref(),
        Some("ALLOW [default]")
    );
    assert!(report.has_newly_denied());
    assert_eq!(report.summary[0].network, "198.51.100.0/24");
    assert_eq!(report.summary[0].outcome, Outcome::NewlyDenied);
    assert!(
        report.requests[1..]
            .iter()
            .all(|r| r.outcome == Outcome::Allowed)
    );
    assert_eq!(report.replayed(), 4);
    // Against itself, nothing the baseline allowed is denied.
    let same = replay.report(&proposed(), Some(&proposed()));
    assert!(!same.has_newly_denied(), "{:?}", same.requests);
}

#[test]
fn skipped_events_are_counted_by_reason() {
    let log = [
        line(1, USER, "IncomingEmail", "192.0.2.1"),
        line(2, USER, "OutgoingEmail", "192.0.2.1"),
        line(3, USER, "Gopher", "192.0.2.1"),
        line(4, USER, "IMAP", "2001:db8::1"),
        line(5, "", "IMAP", "192.0.2.1"),
        r#"{"user_id": "u", "source_ip": "192.0.2.1"}"#.to_owned(),
        line(6, USER, "IMAP", "::ffff:192.0.2.1"),
        "not json".to_owned(),
    ]
    .join("\n");
    let (replay, _) = read(&log);
    let report = replay.report(&proposed(), None);
    let skipped: Vec<(&str, u64)> = report
        .skipped
        .iter()
        .map(|(reason, count)| (reason.as_str(), *count))
        .collect();
    assert_eq!(
        skipped,
        [
            ("malformed", 1),
            ("no-ipv4-address", 1),
            ("no-protocol", 1),
            ("no-user", 1),
            ("not-access-controlled", 2),
            ("unknown-protocol", 1),
        ]
    );
    assert_eq!((report.events, report.replayed()), (8, 1));
    assert_eq!(
        report.to_string().lines().next(),
        Some(
            "1 event replayed as 1 distinct request; 7 events skipped (1 malformed, 1 no-ipv4-address, 1 no-protocol, 1 no-user, 2 not-access-controlled, 1 unknown-protocol)"
        )
    );
    assert_eq!(report.requests[0].request.ip_address, "192.0.2.1");
    assert_eq!(report.problems.len(), 1);
    assert_eq!(
        report.problems[0].to_string(),
        "audit.log:8: column 2: not an audit event: expected ident"
    );
}

#[test]
fn impersonated_events_ask_access_control_for_the_role_then_the_role_for_the_mailbox() {
    let event = |user: &str, protocol: &str| {
        format!(
            r#"{{"user_id": "{user}", "impersonator_id": "archiver", "protocol": "{protocol}", "source_ip": "192.0.2.9"}}"#
        )
    };
    let log = [event(USER, "EWS"), event(OTHER, "EWS"), event(USER, "IMAP")].join("\n");
    let (replay, _) = read(&log);
    let report = replay.report(&proposed(), Some(&baseline()));
    assert_eq!(report.skipped.get("impersonation-not-ews"), Some(&1));
    let denied = &report.requests[0];
    assert_eq!(denied.outcome, Outcome::NewlyDenied);
    assert_eq!(
        denied.request.impersonation_role_id.as_deref(),
        Some("archiver")
    );
    assert_eq!(denied.request.action, "EWS");
    assert_eq!(denied.target_user.as_deref(), Some(USER));
    assert_eq!(
        denied.proposed.to_string(),
        "ALLOW [default] then role DENY [(none)]"
    );
    let json = serde_json::to_value(&denied.proposed).unwrap_or_default();
    assert_eq!(json["Effect"], "DENY");
    assert_eq!(json["MatchedRules"], serde_json::json!(["default"]));
    assert_eq!(json["Impersonation"]["Effect"], "DENY");
    let allowed = &report.requests[1];
    assert_eq!(allowed.outcome, Outcome::Allowed);
    assert_eq!(
        allowed.proposed.to_string(),
        "ALLOW [default] then role ALLOW [not-1001]"
    );
}

#[test]
fn refusals_are_answers_and_not_allowed() {
    let with_directory = test_organization(&format!(
        r#"{{"Users": [{{"Id": "{OTHER}", "Name": "jane", "State": "ENABLED"}}]}}"#
    ));
    let (replay, _) = read(&line(1, USER, "IMAP", "192.0.2.1"));
    let report = replay.report(&with_directory, Some(&baseline()));
    let request = &report.requests[0];
    assert_eq!(request.outcome, Outcome::NewlyDenied);
    assert!(matches!(
        &request.proposed,
        ReplayAnswer::Refused { error } if error.code == "EntityNotFoundException"
    ));
}

#[test]
fn cloudwatch_output_and_insights_exports_give_the_same_requests() {
    let events = [
        line(1000, USER, "IMAP", "198.51.100.7"),
        line(2000, OTHER, "EWS", "192.0.2.5"),
        line(3000, USER, "IncomingEmail", "192.0.2.5"),
    ];
    let lines = events.join("\n");
    let quoted: Vec<String> = events
        .iter()
        .map(|event| serde_json::to_string(event).unwrap_or_default())
        .collect();
    let cli = format!(
        "{{\n    \"events\": [\n{}\n    ],\n    \"searchedLogStreams\": []\n}}\n",
        quoted
            .iter()
            .enumerate()
            .map(|(at, message)| format!(
                "        {{\"logStreamName\": \"s\", \"timestamp\": {at}, \"message\": {message}, \"eventId\": \"{at}\"}}"
            ))
            .collect::<Vec<_>>()
            .join(",\n")
    );
    let insights_json = format!(
        "[\n{}\n]",
        events
            .iter()
            .map(|event| {
                let value: Value = serde_json::from_str(event).unwrap_or_default();
                let strings: serde_json::Map<String, Value> = value
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            Value::String(v.as_str().map_or_else(|| v.to_string(), str::to_owned)),
                        )
                    })
                    .collect();
                serde_json::to_string(&strings).unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(",\n")
    );
    let mut csv = String::from("@timestamp,event_timestamp,user_id,protocol,source_ip\r\n");
    for event in &events {
        let value: Value = serde_json::from_str(event).unwrap_or_default();
        csv.push_str(&format!(
            "2023-11-14 22:13:20.000,{},{},{},{}\r\n",
            value["event_timestamp"],
            value["user_id"].as_str().unwrap_or(""),
            value["protocol"].as_str().unwrap_or(""),
            value["source_ip"].as_str().unwrap_or("")
        ));
    }
    let mut message_csv = String::from("@timestamp,@message\n");
    for event in &events {
        message_csv.push_str(&format!("x,\"{}\"\n", event.replace('"', "\"\"")));
    }
    let expected = read(&lines).0.report(&proposed(), None);
    for (text, format) in [
        (cli.as_str(), LogFormat::JsonDocument),
        (insights_json.as_str(), LogFormat::JsonDocument),
        (csv.as_str(), LogFormat::Csv),
        (message_csv.as_str(), LogFormat::Csv),
    ] {
        let (replay, summary) = read(text);
        assert_eq!(summary.format, format, "{text}");
        assert_eq!(summary.stopped, None, "{text}");
        assert_eq!(replay.report(&proposed(), None), expected, "{text}");
    }
}

#[test]
fn a_broken_document_stops_with_its_place_and_keeps_what_came_before() {
    let text = format!(
        "{{\"events\": [\n{{\"message\": {}}},\n{{\"message\": ",
        serde_json::to_string(&line(1, USER, "IMAP", "192.0.2.1")).unwrap_or_default()
    );
    let (replay, summary) = read(&text);
    assert_eq!(replay.distinct_requests(), 1);
    let (line, message) = summary.stopped.unwrap_or_default();
    assert_eq!(line, 3);
    assert!(message.contains("EOF"), "{message}");
}

#[test]
fn merged_replays_equal_one_replay_of_everything() {
    let a = [
        line(5, USER, "IMAP", "198.51.100.7"),
        line(9, OTHER, "EWS", "192.0.2.5"),
    ]
    .join("\n");
    let b = [line(1, USER, "IMAP", "198.51.100.7"), "junk".to_owned()].join("\n");
    let (mut left, _) = read(&a);
    left.merge(&read(&b).0);
    let (whole, _) = read(&format!("{a}\n{b}"));
    let merged = left.report(&proposed(), None);
    let expected = whole.report(&proposed(), None);
    assert_eq!(merged.requests, expected.requests);
    assert_eq!(merged.skipped, expected.skipped);
    assert_eq!(merged.events, expected.events);
}

#[test]
fn renderers_list_newly_denied_first() {
    let log = [
        line(1_700_000_000_000, USER, "IMAP", "198.51.100.7"),
        line(1_700_000_000_000, OTHER, "WebMail", "192.0.2.5"),
    ]
    .join("\n");
    let report = read(&log).0.report(&proposed(), Some(&baseline()));
    let text = report.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "2 events replayed as 2 distinct requests");
    assert_eq!(
        lines[1],
        "newly denied: 1 request (1 event); newly allowed: 0 requests (0 events)"
    );
    assert!(lines[4].starts_with("NEWLY DENIED   user `S-1-1-11-1111111111-2222222222-3333333333-1001`  IMAP  from 198.51.100.0/24"), "{text}");
    assert!(
        text.contains("ALLOW [default] -> DENY [office-imap]"),
        "{text}"
    );
    let csv = report.to_csv();
    let second = csv.split("\r\n").nth(1).unwrap_or_default();
    assert_eq!(
        second,
        format!(
            "NewlyDenied,198.51.100.7,IMAP,{USER},,,1,2023-11-14T22:13:20.000Z,2023-11-14T22:13:20.000Z,DENY,office-imap,ALLOW,default"
        )
    );
    let markdown = report.to_markdown();
    assert!(
        markdown.contains("| NEWLY DENIED | 198.51.100.7 | IMAP |"),
        "{markdown}"
    );
}

#[test]
fn control_characters_from_a_log_are_escaped_in_messages_and_text() {
    let log = [
        r#"{"user_id": "a\u001b[2Jb", "protocol": "IMAP", "source_ip": "192.0.2.1"}"#,
        r#"{"event_timestamp": "\u0007", "user_id": "u", "protocol": "IMAP", "source_ip": "192.0.2.1"}"#,
    ]
    .join("\n");
    let report = read(&log).0.report(&proposed(), None);
    let text = report.to_string() + &report.to_markdown();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("user `a\\u{1b}[2Jb`"), "{text}");
    assert!(
        report.problems[0].message.contains("\\u{7}"),
        "{:?}",
        report.problems
    );
}

#[test]
fn every_answer_is_the_one_the_api_gives_for_that_request() {
    let with_directory = test_organization(&format!(
        r#"{{"Users": [{{"Id": "{OTHER}", "Name": "jane", "State": "ENABLED"}}],
            "AccessControlRules": [
              {{"Name": "default", "Effect": "ALLOW", "Description": ""}},
              {{"Name": "office-imap", "Effect": "DENY", "Description": "",
                "Actions": ["IMAP", "EWS"], "NotIpRanges": ["192.0.2.0/24"]}}],
            "ImpersonationRoles": [
              {{"ImpersonationRoleId": "archiver", "Name": "archiver", "Type": "READ_ONLY",
                "Rules": [{{"ImpersonationRuleId": "r", "Effect": "ALLOW"}}]}}]}}"#
    ));
    let mut log = Vec::new();
    for user in [USER, OTHER, "not an id"] {
        for ip in ["192.0.2.1", "198.51.100.7", "192.0.2.200"] {
            for protocol in ["IMAP", "EWS", "WebMail"] {
                log.push(line(1, user, protocol, ip));
            }
            for role in ["archiver", "ghost"] {
                log.push(format!(
                    r#"{{"user_id": "{user}", "impersonator_id": "{role}", "protocol": "EWS", "source_ip": "{ip}"}}"#
                ));
            }
        }
    }
    let (replay, _) = read(&log.join("\n"));
    for org in [proposed(), with_directory] {
        let report = replay.report(&org, None);
        assert_eq!(report.requests.len(), 45);
        for request in &report.requests {
            let expected = match org.get_access_control_effect(&request.request) {
                Err(error) => ReplayAnswer::Refused {
                    error: error.into(),
                },
                Ok(access) => {
                    let role = match (&request.request.impersonation_role_id, &request.target_user)
                    {
                        (Some(role), Some(target)) if access.effect == Effect::Allow => Some(
                            org.get_impersonation_role_effect(&GetImpersonationRoleEffectRequest {
                                organization_id: None,
                                impersonation_role_id: role.clone(),
                                target_user: target.clone(),
                            }),
                        ),
                        _ => None,
                    };
                    match role {
                        Some(Err(error)) => ReplayAnswer::Refused {
                            error: error.into(),
                        },
                        Some(Ok(role)) => ReplayAnswer::Decided {
                            effect: role.effect,
                            matched_rules: access.matched_rules,
                            impersonation: Some(RoleAnswer {
                                effect: role.effect,
                                matched_rules: role.matched_rules,
                            }),
                        },
                        None => ReplayAnswer::Decided {
                            effect: access.effect,
                            matched_rules: access.matched_rules,
                            impersonation: None,
                        },
                    }
                }
            };
            assert_eq!(request.proposed, expected, "{:?}", request.request);
        }
    }
}

#[test]
fn json_text_is_read_as_a_value_and_text_that_is_not_json_is_malformed() {
    let mut replay = Replay::new();
    let at = |line| At {
        source: "lines",
        line,
    };
    replay.add_json_text(&line(1000, USER, "IMAP", "198.51.100.7"), at(1));
    replay.add_json_text(
        &format!(
            r#"{{"events": [{{"message": {}}}]}}"#,
            serde_json::to_string(&line(2000, OTHER, "EWS", "192.0.2.9")).unwrap_or_default()
        ),
        at(2),
    );
    replay.add_json_text("not JSON", at(3));
    assert_eq!(replay.distinct_requests(), 2);
    assert_eq!(replay.malformed(), 1);
    let problems = replay.problems();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 3);
    assert!(
        problems[0].message.contains("not JSON"),
        "{}",
        problems[0].message
    );
}

#[test]
fn timestamps_are_whole_numbers_below_nine_quintillion() {
    let event = |time: &str| {
        format!(
            r#"{{"event_timestamp": {time}, "user_id": "{USER}", "protocol": "IMAP", "source_ip": "192.0.2.1"}}"#
        )
    };
    let (replay, _) = read(&[event("8.99e18"), event("1.5e3"), event("1500.0")].join("\n"));
    assert_eq!(replay.malformed(), 0);
    let report = replay.report(&proposed(), None);
    assert_eq!(report.requests[0].first_seen, Some(1500));
    assert_eq!(
        report.requests[0].last_seen,
        Some(8_990_000_000_000_000_000)
    );
    for refused in ["9e18", "9.5e18", "-9e18", "1500.5"] {
        let (replay, _) = read(&event(refused));
        assert_eq!(replay.malformed(), 1, "{refused}");
    }
}

/// `text` read through a [`LogFeed`] in pieces of `size` bytes.
fn fed(text: &[u8], size: usize) -> (Replay, ReadSummary) {
    let mut replay = Replay::new();
    let mut feed = LogFeed::new("audit.log");
    for piece in text.chunks(size) {
        feed.push(&mut replay, piece);
    }
    let summary = feed.finish(&mut replay);
    (replay, summary)
}

#[test]
fn a_log_fed_in_pieces_reads_as_the_whole_log_does() {
    let event = line(1000, USER, "IMAP", "198.51.100.7");
    let role = r#"{"event_timestamp": 7, "user_id": "S-1-1-11-1111111111-2222222222-3333333333-1002", "impersonator_id": "archiver", "protocol": "EWS", "source_ip": "192.0.2.9"}"#;
    let long = format!("{{\"user_id\": \"{}\"}}", "é".repeat(MAX_EVENT_BYTES / 2));
    // Exactly as long as an event may be; and an event longer than a piece, padded.
    let longest = format!("{{\"user_id\": \"{}\"}}", "x".repeat(MAX_EVENT_BYTES - 15));
    let padded = event.replacen('{', &format!("{{\"pad\": \"{}\", ", "p".repeat(10_000)), 1);
    let json_lines = format!(
        "\u{feff}\n{event}\r\n\n{role}\nnot json\n{long}\n{}\n{}",
        line(2000, OTHER, "EWS", "192.0.2.5"),
        line(3000, USER, "IncomingEmail", "192.0.2.5")
    );
    let csv = format!(
        "user_id,protocol,source_ip,@message\n{USER},IMAP,192.0.2.1,\n,,,\"{}\"\n{OTHER},\"IM\nAP\",192.0.2.2,\n{USER},\"EWS",
        role.replace('"', "\"\"")
    );
    let document = format!(
        "\n\n{{\"events\": [\n{{\"message\": {}}},\n{{\"message\": \"{{}}\"}}\n]}}\n",
        serde_json::to_string(&event).unwrap_or_default()
    );
    let broken = format!("[{event},\n{role},\n");
    let message = serde_json::to_string(&event).unwrap_or_default();
    let cli = format!(
        "{{\"searchedLogStreams\": [{{\"events\": 1, \"s\": \"]}}\"}}],\n \"events\": [ {{\"message\": {message}}} ,\n{{\"message\": {message}}}],\n\"nextToken\": null}}"
    );
    let array = format!("[\n{role},\n  [{event}, 7],\n\"text\"\n]\n");
    let stops = [
        format!("[\n{event}\n] x\n"),
        format!("[\n{event},\n{{\"a\": tru}}\n]"),
        format!("[\n{event}\n{event}]"),
        "{\n\"nextToken\": \"a\"\n}\n".to_owned(),
        "[\n1,\n]".to_owned(),
        "{\n\"events\": [1".to_owned(),
        "{\n\"events\": [{\"a\": ".to_owned(),
        // Documents that end while a list, an object or a value is open.
        "[\n".to_owned(),
        "{\n\"nextToken\": \"a\"".to_owned(),
        "{\n\"a\": {\"b\": 1".to_owned(),
        "[\n[1, 2".to_owned(),
        format!("{{\n\"events\": [\n{{\"message\": {message}}},\n"),
        "{\n\"nextToken\": ".to_owned(),
        "{\n\"nextToken\": \"ab".to_owned(),
        "{\n\"searchedLogStreams\": [{\"a\": 1}, ".to_owned(),
        "{\n\"a\": [1, 2".to_owned(),
        "[,]".to_owned(),
        "{\"events\": [,]}".to_owned(),
        // An element that breaks on its own first line, and one that breaks on its second.
        "[\n  {\"a\": 1, \"b\": x}\n]".to_owned(),
        "[\n  {\"a\": 1,\n   \"b\": x}\n]".to_owned(),
    ];
    for text in [
        json_lines.as_str(),
        csv.as_str(),
        document.as_str(),
        broken.as_str(),
        cli.as_str(),
        array.as_str(),
        "",
        "\n \n",
        &format!("{long}\n{event}"),
        "[]\n",
        "{\"events\": [],\n\"nextToken\": null}",
        &format!("{longest}\n{event}\n"),
        &format!("{padded}\n{event}\n"),
    ]
    .into_iter()
    .chain(stops.iter().map(String::as_str))
    {
        let (whole, expected) = read(text);
        for size in [1, 2, 3, 7, 64, 4096, text.len().max(1)] {
            let (replay, summary) = fed(text.as_bytes(), size);
            assert_eq!(summary, expected, "{size} {text:.80}");
            assert_eq!(
                replay.report(&proposed(), Some(&baseline())),
                whole.report(&proposed(), Some(&baseline())),
                "{size} {text:.80}"
            );
        }
    }
}

#[test]
fn a_feed_that_fails_keeps_what_came_before_and_says_where_it_stopped() {
    let mut replay = Replay::new();
    let mut feed = LogFeed::new("audit.log.gz");
    let event = line(1000, USER, "IMAP", "198.51.100.7");
    feed.push(
        &mut replay,
        format!("{event}\n{event}\n{{\"user").as_bytes(),
    );
    let summary = feed.fail("the gzip stream is cut short".to_owned());
    assert_eq!(summary.format, LogFormat::JsonLines);
    assert_eq!(
        summary.stopped,
        Some((3, "the gzip stream is cut short".to_owned()))
    );
    assert_eq!((replay.events(), replay.malformed()), (2, 0));

    // Failing before its first byte, a log stops on its first line.
    let summary = LogFeed::new("empty.log.gz").fail("no data".to_owned());
    assert_eq!(summary.format, LogFormat::Empty);
    assert_eq!(summary.lines, 0);
    assert_eq!(summary.stopped, Some((1, "no data".to_owned())));
}

#[test]
fn merging_reads_each_name_from_its_own_replay() {
    let impersonated = |user: &str| {
        format!(
            r#"{{"user_id": "{user}", "impersonator_id": "archiver", "protocol": "EWS", "source_ip": "192.0.2.9"}}"#
        )
    };
    let a = [line(1, USER, "IMAP", "198.51.100.7"), impersonated(OTHER)].join("\n");
    // The second log names the role and the users in another order.
    let b = [
        impersonated(USER),
        line(2, OTHER, "EWS", "192.0.2.5"),
        line(3, USER, "IMAP", "198.51.100.7"),
    ]
    .join("\n");
    let (mut left, _) = read(&a);
    left.merge(&read(&b).0);
    let (whole, _) = read(&format!("{a}\n{b}"));
    assert_eq!(
        left.report(&proposed(), None).requests,
        whole.report(&proposed(), None).requests
    );
}

#[test]
fn only_the_first_problems_are_kept_however_the_logs_are_read() {
    let junk = |count: usize| vec!["junk"; count].join("\n");
    let (one, _) = read(&junk(SHOWN_PROBLEMS + 2));
    assert_eq!(one.problems().len(), SHOWN_PROBLEMS);
    assert_eq!(one.malformed(), (SHOWN_PROBLEMS + 2) as u64);
    let (mut left, _) = read(&junk(3));
    left.merge(&read(&junk(SHOWN_PROBLEMS)).0);
    assert_eq!(left.problems().len(), SHOWN_PROBLEMS);
    assert_eq!(left.malformed(), (SHOWN_PROBLEMS + 3) as u64);
    let mut empty = Replay::new();
    empty.merge(&read(&junk(2)).0);
    let lines: Vec<u64> = empty
        .problems()
        .iter()
        .map(|problem| problem.line)
        .collect();
    assert_eq!(lines, [1, 2]);
}

#[test]
fn a_list_of_events_is_read_event_by_event() {
    let events = format!(
        "[{}, {}]",
        line(1, USER, "IMAP", "198.51.100.7"),
        line(2, OTHER, "EWS", "192.0.2.5")
    );
    let mut replay = Replay::new();
    let value: Value = serde_json::from_str(&events).unwrap_or_default();
    replay.add_value(
        &value,
        At {
            source: "export.json",
            line: 1,
        },
    );
    assert_eq!((replay.distinct_requests(), replay.malformed()), (2, 0));
}

#[test]
fn text_and_markdown_tell_who_asked_and_when() {
    let log = [
        line(1_700_000_000_000, USER, "IMAP", "198.51.100.7"),
        line(1_700_000_060_000, USER, "IMAP", "198.51.100.7"),
        line(1_700_000_120_000, USER, "WebMail", "192.0.2.5"),
        format!(
            r#"{{"user_id": "{OTHER}", "impersonator_id": "archiver", "protocol": "EWS", "source_ip": "192.0.2.9"}}"#
        ),
    ]
    .join("\n");
    let report = read(&log).0.report(&proposed(), None);
    let (imap, webmail) = (
        "2023-11-14T22:13:20.000Z to 2023-11-14T22:14:20.000Z",
        "2023-11-14T22:15:20.000Z",
    );
    assert_eq!(
        report.to_string(),
        format!(
            "4 events replayed as 3 distinct requests\n\
             \nBy user, protocol and network:\n\
             DENIED         user `{USER}`  IMAP  from 198.51.100.0/24  2 events in 1 request  {imap}\n\
             ALLOWED        user `{USER}`  WebMail  from 192.0.2.0/24  1 event in 1 request  {webmail}\n\
             ALLOWED        role `archiver` for `{OTHER}`  EWS  from 192.0.2.0/24  1 event in 1 request  no time\n\
             \nRequests:\n\
             DENIED         IMAP  from 198.51.100.7  user `{USER}`  x2  {imap}  DENY [office-imap]\n\
             ALLOWED        WebMail  from 192.0.2.5  user `{USER}`  x1  {webmail}  ALLOW [default]\n\
             ALLOWED        EWS  from 192.0.2.9  role `archiver` for `{OTHER}`  x1  no time  ALLOW [default] then role ALLOW [not-1001]\n"
        )
    );
    let markdown = report.to_markdown();
    let rows: Vec<&str> = markdown
        .lines()
        .filter(|line| line.starts_with("| DENIED") || line.starts_with("| ALLOWED"))
        .collect();
    assert_eq!(
        rows,
        [
            format!(
                "| DENIED | user `{USER}` | IMAP | 198.51.100.0/24 | 2 | 1 | 2023-11-14T22:13:20.000Z | 2023-11-14T22:14:20.000Z |"
            ),
            format!(
                "| ALLOWED | user `{USER}` | WebMail | 192.0.2.0/24 | 1 | 1 | {webmail} | {webmail} |"
            ),
            format!(
                "| ALLOWED | role `archiver` for `{OTHER}` | EWS | 192.0.2.0/24 | 1 | 1 | - | - |"
            ),
            format!(
                "| DENIED | 198.51.100.7 | IMAP | user `{USER}` | 2 | 2023-11-14T22:13:20.000Z | 2023-11-14T22:14:20.000Z | DENY [office-imap] |"
            ),
            format!(
                "| ALLOWED | 192.0.2.5 | WebMail | user `{USER}` | 1 | {webmail} | {webmail} | ALLOW [default] |"
            ),
            format!(
                "| ALLOWED | 192.0.2.9 | EWS | role `archiver` for `{OTHER}` | 1 | - | - | ALLOW [default] then role ALLOW [not-1001] |"
            ),
        ]
    );
}

/// A reader interrupted before every piece it gives, seven bytes at a time, that fails at its end
/// when told to.
struct Interrupted {
    text: Vec<u8>,
    at: usize,
    interrupt: bool,
    fail_at_end: bool,
}

impl Interrupted {
    fn reading(text: &str, fail_at_end: bool) -> BufReader<Self> {
        BufReader::new(Self {
            text: text.as_bytes().to_vec(),
            at: 0,
            interrupt: false,
            fail_at_end,
        })
    }
}

impl Read for Interrupted {
    fn read(&mut self, into: &mut [u8]) -> io::Result<usize> {
        self.interrupt = !self.interrupt;
        if self.interrupt {
            return Err(io::ErrorKind::Interrupted.into());
        }
        let rest = self.text.get(self.at..).unwrap_or_default();
        if rest.is_empty() && self.fail_at_end {
            return Err(io::Error::other("the disk went away"));
        }
        let count = rest.len().min(into.len()).min(7);
        if let (Some(into), Some(rest)) = (into.get_mut(..count), rest.get(..count)) {
            into.copy_from_slice(rest);
        }
        self.at += count;
        Ok(count)
    }
}

#[test]
fn an_interrupted_read_is_tried_again_and_a_failed_one_stops_the_log() {
    let log = format!(
        "{}\n{}\n",
        line(1000, USER, "IMAP", "198.51.100.7"),
        line(2000, OTHER, "EWS", "192.0.2.5")
    );
    let (whole, _) = read(&log);
    for fail_at_end in [false, true] {
        let mut replay = Replay::new();
        let summary = replay.read_log(Interrupted::reading(&log, fail_at_end), "audit.log");
        assert_eq!(
            replay.report(&proposed(), None),
            whole.report(&proposed(), None)
        );
        let stopped = fail_at_end.then(|| (3, "the disk went away".to_owned()));
        assert_eq!(summary.stopped, stopped);
    }
    // A CSV export that fails on its third line has read two, and keeps the row before it,
    // whether it is read whole or fed piece by piece (the rest of the line cut short).
    let csv = format!("@timestamp,user_id,protocol,source_ip\r\nx,{USER},IMAP,198.51.100.7\r\n");
    let mut whole = Replay::new();
    let summary = whole.read_log(Interrupted::reading(&csv, true), "export.csv");
    let mut fed = Replay::new();
    let mut feed = LogFeed::new("export.csv");
    feed.push(&mut fed, format!("{csv}x,").as_bytes());
    assert_eq!(feed.fail("the disk went away".to_owned()), summary);
    assert_eq!(summary.format, LogFormat::Csv);
    assert_eq!(summary.lines, 2);
    assert_eq!(summary.stopped, Some((3, "the disk went away".to_owned())));
    assert_eq!((whole.events(), fed.events()), (1, 1));
}

#[test]
fn blank_lines_before_the_first_event_are_not_events() {
    let (replay, summary) = read(&format!(
        "\n  \r\n\t\n{}\n",
        line(1000, USER, "IMAP", "198.51.100.7")
    ));
    assert_eq!(summary.format, LogFormat::JsonLines);
    assert_eq!(
        (
            replay.events(),
            replay.malformed(),
            replay.distinct_requests()
        ),
        (1, 0, 1)
    );
}

#[test]
fn a_csv_row_with_a_user_or_a_protocol_of_its_own_is_read_from_its_own_columns() {
    let message = line(1000, OTHER, "IMAP", "198.51.100.7").replace('"', "\"\"");
    for row in [format!("{USER},,192.0.2.1"), ",IMAP,192.0.2.1".to_owned()] {
        let csv = format!("user_id,protocol,source_ip,@message\n{row},\"{message}\"\n");
        let (replay, _) = read(&csv);
        // Its own columns lack a user or a protocol: the message is not read in their place.
        assert_eq!(
            (replay.events(), replay.distinct_requests()),
            (1, 0),
            "{csv}"
        );
    }
}

#[test]
fn an_event_may_take_a_mebibyte() {
    let event = line(1000, USER, "IMAP", "198.51.100.7");
    let padding = |length: usize| "p".repeat(length - event.len() - 11);
    let padded =
        |length: usize| event.replacen('{', &format!("{{\"pad\": \"{}\", ", padding(length)), 1);
    assert_eq!(padded(1024 * 1024).len(), 1024 * 1024);
    let (replay, _) = read(&padded(1024 * 1024));
    assert_eq!((replay.events(), replay.malformed()), (1, 0));
    // One byte more, and it is skipped as malformed.
    let (replay, _) = read(&padded(1024 * 1024 + 1));
    assert_eq!((replay.events(), replay.malformed()), (1, 1));
    let problems: Vec<&str> = replay
        .problems()
        .iter()
        .map(|problem| problem.message.as_str())
        .collect();
    assert_eq!(
        problems,
        ["the line is 1048577 bytes long, more than the 1 MiB an audit event may take; skipped"]
    );
}

#[test]
fn a_csv_record_may_take_a_mebibyte_over_several_lines() {
    let event = line(1000, USER, "IMAP", "198.51.100.7").replace('"', "\"\"");
    // A quoted message broken over two lines, each well within the limit: `x,"` and the
    // message's first half, a line break, and its second half with the closing quote.
    let record = |length: usize| {
        let half = (length - 5) / 2;
        format!(
            "x,\"{}\n{}\"",
            "a".repeat(half),
            "b".repeat(length - 5 - half)
        )
    };
    assert_eq!(record(1024 * 1024).len(), 1024 * 1024);
    for (length, malformed) in [(1024 * 1024, 0), (1024 * 1024 + 1, 1)] {
        let csv = format!("@timestamp,@message\n{}\nx,\"{event}\"\n", record(length));
        let (replay, _) = read(&csv);
        let problems: Vec<(u64, &str)> = replay
            .problems()
            .iter()
            .map(|problem| (problem.line, problem.message.as_str()))
            .collect();
        // Within the limit, the record is read (its message is not an event); one byte more,
        // and it is skipped where it starts, and the next record read.
        assert_eq!(replay.distinct_requests(), 1, "{length}");
        if malformed == 1 {
            assert_eq!(
                problems,
                [(2, "the CSV record is longer than 1 MiB; skipped")]
            );
        } else {
            assert!(
                problems
                    .iter()
                    .all(|(_, message)| !message.contains("1 MiB")),
                "{problems:?}"
            );
        }
    }
}

#[test]
fn a_csv_log_that_ends_within_quotes_says_where_its_last_record_starts() {
    let event = line(1000, USER, "IMAP", "198.51.100.7").replace('"', "\"\"");
    let csv = format!("@timestamp,@message\nx,\"{event}\"\n\ny,\"{{\"\"user_id\n");
    let (replay, summary) = read(&csv);
    assert_eq!(summary.stopped, None);
    assert_eq!(replay.distinct_requests(), 1);
    let problems: Vec<(u64, &str)> = replay
        .problems()
        .iter()
        .map(|problem| (problem.line, problem.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        [(4, "the last CSV record's quotes are not closed")]
    );
}

#[test]
fn a_document_whose_events_are_not_a_list_says_what_was_expected() {
    let (replay, summary) = read("{\n    \"events\": 5\n}\n");
    assert_eq!(replay.events(), 0);
    let (_, message) = summary.stopped.unwrap_or_default();
    assert!(
        message.contains("expected `{\"events\": [...]}` or an array of audit events"),
        "{message}"
    );
}
