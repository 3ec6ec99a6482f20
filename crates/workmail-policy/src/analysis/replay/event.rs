//! One WorkMail audit event, read from JSON without copying what it does not need.
//!
//! The fields read are those the WorkMail Administrator Guide ("Monitoring Amazon WorkMail audit
//! logs") documents for its mailbox access, authentication and access control events:
//! `event_timestamp` (milliseconds since the Unix epoch), `user_id`, `impersonator_id` (only when
//! impersonation was used), `protocol` and `source_ip`. Every other member is skipped unread.
//! An event that CloudWatch Logs wraps (`aws logs filter-log-events` and `get-log-events` print
//! each as `{"timestamp", "message", ...}`; a Logs Insights export may hold it as `@message`)
//! is read from that string.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// The members of an audit event the replay reads, borrowed from the text when they hold no
/// escapes.
#[derive(Debug, Default, Deserialize)]
pub(super) struct RawEvent<'a> {
    #[serde(default, deserialize_with = "epoch_milliseconds")]
    pub event_timestamp: Option<i64>,
    #[serde(default, borrow)]
    pub user_id: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub impersonator_id: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub protocol: Option<Text<'a>>,
    #[serde(default, borrow)]
    pub source_ip: Option<Text<'a>>,
    /// The event, as CloudWatch Logs wraps it (`aws logs filter-log-events`).
    #[serde(default, borrow)]
    pub message: Option<Text<'a>>,
    /// The event, as a Logs Insights export may hold it.
    #[serde(default, borrow, rename = "@message")]
    pub at_message: Option<Text<'a>>,
}

/// A string member, borrowed from the text when it holds no escape (serde's own `Cow<str>`
/// always copies): reading an event then allocates nothing.
#[derive(Debug, Default)]
pub(super) struct Text<'a>(Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        Ok(Text(Cow::Borrowed(value)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(value.to_owned())))
    }
}

impl RawEvent<'_> {
    /// The wrapped event's text, when this object is a CloudWatch Logs wrapper rather than an
    /// audit event (it has a message and none of the event's own members).
    pub fn wrapped(&self) -> Option<&str> {
        let own = self.user_id.is_some() || self.protocol.is_some() || self.source_ip.is_some();
        if own {
            return None;
        }
        self.message.as_deref().or(self.at_message.as_deref())
    }
}

/// Reads `event_timestamp`: a whole number of milliseconds, written as a number or as a string
/// of digits (Logs Insights exports write every field as text). `null` is no timestamp.
fn epoch_milliseconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    deserializer.deserialize_any(Milliseconds)
}

struct Milliseconds;

impl<'de> Visitor<'de> for Milliseconds {
    type Value = Option<i64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("milliseconds since the Unix epoch, as a whole number")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Some(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        i64::try_from(value)
            .map(Some)
            .map_err(|_| E::custom("`event_timestamp` is too large"))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "checked to be a whole number in the range of i64 first"
        )]
        if value.fract() == 0.0 && value.abs() < 9.0e18 {
            Ok(Some(value as i64))
        } else {
            Err(E::invalid_value(de::Unexpected::Float(value), &self))
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        if value.is_empty() {
            return Ok(None);
        }
        value
            .parse::<i64>()
            .map(Some)
            .map_err(|_| E::invalid_value(de::Unexpected::Str(value), &self))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// A JSON error's message without serde's ` at line L column C` (the caller locates it).
pub(super) fn json_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_are_read_and_the_rest_skipped() {
        let line = br#"{"event_timestamp": 1700000000123, "request_id": "r", "user_id": "S-1-1", "protocol": "IMAP", "source_ip": "192.0.2.1", "extra": {"deep": [1, 2]}}"#;
        let event: RawEvent<'_> = serde_json::from_slice(line).unwrap_or_default();
        assert_eq!(event.event_timestamp, Some(1_700_000_000_123));
        assert_eq!(event.user_id.as_deref(), Some("S-1-1"));
        assert_eq!(event.protocol.as_deref(), Some("IMAP"));
        assert!(event.impersonator_id.is_none() && event.wrapped().is_none());
    }

    #[test]
    fn timestamps_may_be_text_and_wrappers_are_recognised() {
        let before = serde_json::from_slice::<RawEvent<'_>>(br#"{"event_timestamp": -1000}"#);
        assert_eq!(
            before.ok().and_then(|event| event.event_timestamp),
            Some(-1000)
        );
        let row = br#"{"event_timestamp": "1700000000123", "@message": "{}"}"#;
        let event: RawEvent<'_> = serde_json::from_slice(row).unwrap_or_default();
        assert_eq!(event.event_timestamp, Some(1_700_000_000_123));
        assert_eq!(event.wrapped(), Some("{}"));
        // Any of an event's own members makes the object an event, not a wrapper.
        for own in [
            r#""user_id": "S-1-1""#,
            r#""protocol": "IMAP""#,
            r#""source_ip": "192.0.2.1""#,
        ] {
            let text = format!(r#"{{{own}, "message": "{{}}"}}"#);
            let event: RawEvent<'_> = serde_json::from_str(&text).unwrap_or_default();
            assert_eq!(event.wrapped(), None, "{text}");
        }
        let number = serde_json::from_slice::<RawEvent<'_>>(br#"{"user_id": 5}"#);
        assert_eq!(
            number.err().map(|error| json_message(&error)).as_deref(),
            Some("invalid type: integer `5`, expected a string")
        );
        let bad = serde_json::from_slice::<RawEvent<'_>>(br#"{"event_timestamp": "soon"}"#);
        let message = bad.err().map(|error| json_message(&error));
        assert_eq!(
            message.as_deref(),
            Some(
                "invalid value: string \"soon\", expected milliseconds since the Unix epoch, as a whole number"
            )
        );
    }
}
