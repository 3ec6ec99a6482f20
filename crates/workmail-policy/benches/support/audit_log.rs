//! A generated WorkMail audit log for the replay benchmarks: JSON lines with every documented
//! field, from 400 users over 7 protocols and mail delivery, each from four addresses, some
//! through an impersonation role. Deterministic (a fixed linear congruential sequence), so
//! every run measures the same bytes.

/// The document the log is replayed against: the default rule, IMAP kept to one network, and
/// the role the impersonated events use.
pub const PROPOSED: &str = r#"{
    "AccessControlRules": [
        {"Name": "default", "Effect": "ALLOW", "Description": "Default WorkMail Rule"},
        {"Name": "office-imap", "Effect": "DENY", "Description": "IMAP from the office only",
         "Actions": ["IMAP"], "NotIpRanges": ["192.0.2.0/24"]}
    ],
    "ImpersonationRoles": [
        {"ImpersonationRoleId": "archiver", "Name": "archiver", "Type": "READ_ONLY",
         "Rules": [{"ImpersonationRuleId": "everyone", "Effect": "ALLOW"}]}
    ]
}"#;

const PROTOCOLS: [&str; 9] = [
    "IMAP",
    "EWS",
    "WebMail",
    "ActiveSync",
    "WindowsOutlook",
    "AutoDiscover",
    "SMTP",
    "IncomingEmail",
    "OutgoingEmail",
];

/// `events` lines of JSON, each ending with a line feed.
pub fn generate(events: u64) -> Vec<u8> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let mut out = Vec::with_capacity(usize::try_from(events).unwrap_or(0) * 320);
    for at in 0..events {
        let user = next() % 400;
        let protocol = PROTOCOLS
            .get(usize::try_from(next() % 9).unwrap_or(0))
            .copied()
            .unwrap_or("IMAP");
        // Each user connects from one of four addresses of their network, as people do from
        // a few devices: about 11,000 distinct requests, however long the log.
        let network = user % 16;
        let host = (user * 7 + next() % 4) % 250;
        let impersonator = if protocol == "EWS" && next() % 10 == 0 {
            r#""impersonator_id": "archiver", "#
        } else {
            ""
        };
        let line = format!(
            r#"{{"event_timestamp": {}, "request_id": "{:08x}-7a1e-4c7d-9f0e-{:012x}", "organization_arn": "arn:aws:workmail:us-east-1:111122223333:organization/m-0123456789abcdef0123456789abcdef", "user_id": "S-1-1-11-1111111111-2222222222-3333333333-{:04}", {impersonator}"protocol": "{protocol}", "source_ip": "198.51.{}.{}", "user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"}}"#,
            1_700_000_000_000 + at * 37,
            next(),
            at,
            1000 + user,
            100 + network,
            host
        );
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    out
}
