//! Pattern matchers. Each one is the full-string match of the AWS expression that its shape
//! keeps in `Pattern::source`, written as a small function so that no regular expression engine
//! is needed.

use crate::model::{parse_cidr, parse_ipv4};

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

pub(super) fn name_pattern(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_name_char)
}

pub(super) fn latin1_text(text: &str) -> bool {
    // `[\u0020-\u00FF]+`; the empty description is accepted (min length 0; see the docs).
    text.chars().all(|c| ('\u{20}'..='\u{ff}').contains(&c))
}

pub(super) fn no_controls_or_markup(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| !(c <= '\u{1f}' || c == '\u{7f}' || c == '<' || c == '>' || c == '\\'))
}

pub(super) fn multiline_text(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| {
            let control = (c <= '\u{1f}' && c != '\n' && c != '\r') || c == '\u{7f}';
            !(control || c == '<' || c == '>' || c == '\\')
        })
}

pub(super) fn entity_identifier(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+@-".contains(c))
}

/// A stored override's user: a user ID as AWS lists it (`WorkMailIdentifier`, 12 characters or
/// more, any of them), or, resolved without a directory, the identifier as given (D39).
pub(super) fn override_user(text: &str) -> bool {
    text.chars().count() >= 12 || entity_identifier(text)
}

pub(super) fn organization_id(text: &str) -> bool {
    text.strip_prefix("m-").is_some_and(|hex| {
        hex.len() == 32
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

pub(super) fn ip_address(text: &str) -> bool {
    parse_ipv4(text).is_some()
}

pub(super) fn ip_range(text: &str) -> bool {
    parse_cidr(text).is_some()
}

pub(super) fn printable_ascii(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

pub(super) fn alphanumeric(text: &str) -> bool {
    // `[A-Za-z0-9]+`
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric())
}

pub(super) fn hex_or_hyphen(text: &str) -> bool {
    // `^[A-Fa-f0-9-]+$`
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

pub(super) fn anything(_: &str) -> bool {
    true
}

fn is_lower_hex(text: &str, length: usize) -> bool {
    text.len() == length
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn is_uuid(text: &str, hex: fn(&str, usize) -> bool) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, length)| hex(group, length))
}

pub(super) fn identity_provider_user_id(text: &str) -> bool {
    let any_hex = |group: &str, length: usize| {
        group.len() == length && group.bytes().all(|b| b.is_ascii_hexdigit())
    };
    let uuid = match text.split_once('-') {
        Some((prefix, rest)) if is_lower_hex(prefix, 10) => rest,
        _ => text,
    };
    is_uuid(uuid, any_hex) || is_uuid(text, any_hex)
}

pub(super) fn identity_store_id(text: &str) -> bool {
    text.strip_prefix("d-")
        .is_some_and(|hex| is_lower_hex(hex, 10))
        || is_uuid(text, is_lower_hex)
}

fn email_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "._%+-".contains(c)
}

fn domain_with_tld(domain: &str, tld_char: fn(char) -> bool) -> bool {
    // `[a-zA-Z0-9.-]+\.<tld>{2,}`: some dot splits a non-empty head from a tail of two or more.
    domain
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && domain.match_indices('.').any(|(at, _)| {
            let head = domain.get(..at).unwrap_or("");
            let tail = domain.get(at + 1..).unwrap_or("");
            !head.is_empty() && tail.chars().count() >= 2 && tail.chars().all(tld_char)
        })
}

pub(super) fn email_address(text: &str) -> bool {
    // `[a-zA-Z0-9._%+-]{1,64}@[a-zA-Z0-9.-]+\.[a-zA-Z-]{2,}`
    text.split_once('@').is_some_and(|(local, domain)| {
        (1..=64).contains(&local.chars().count())
            && local.chars().all(email_local_char)
            && domain_with_tld(domain, |c| c.is_ascii_alphabetic() || c == '-')
    })
}

pub(super) fn user_name(text: &str) -> bool {
    // `[\w\-.]+(@[a-zA-Z0-9.\-]+\.[a-zA-Z0-9-]{2,})?`
    let (name, domain) = match text.split_once('@') {
        Some((name, domain)) => (name, Some(domain)),
        None => (text, None),
    };
    !name.is_empty()
        && name.chars().all(|c| is_name_char(c) || c == '.')
        && domain
            .is_none_or(|domain| domain_with_tld(domain, |c| c.is_ascii_alphanumeric() || c == '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_matchers_are_full_string() {
        assert!(name_pattern("my_rule-1") && !name_pattern("my rule") && !name_pattern(""));
        assert!(no_controls_or_markup("Archive role") && !no_controls_or_markup("a<b"));
        assert!(multiline_text("line\nline") && !multiline_text("tab\there"));
        assert!(entity_identifier("first.last@example.com") && !entity_identifier("a b"));
        assert!(organization_id("m-0123456789abcdef0123456789abcdef"));
        assert!(!organization_id("m-0123456789ABCDEF0123456789abcdef"));
        assert!(
            latin1_text("") && latin1_text("café") && !latin1_text("tab\t") && !latin1_text("€")
        );
        assert!(email_address("jane.doe@example.com") && !email_address("jane@localhost"));
        assert!(user_name("jane.doe") && user_name("jane@example.com") && !user_name("jane doe"));
        assert!(printable_ascii("abc!~") && !printable_ascii("a b"));
        assert!(identity_provider_user_id(
            "0123456789-ABCDEF01-2345-6789-abcd-ef0123456789"
        ));
        assert!(identity_provider_user_id(
            "abcdef01-2345-6789-abcd-ef0123456789"
        ));
        assert!(!identity_provider_user_id("abcdef01"));
        assert!(identity_store_id("d-0123456789") && !identity_store_id("d-012345678"));
    }

    #[test]
    fn an_identity_provider_user_id_is_a_uuid_behind_an_optional_prefix_of_ten_lowercase_hex() {
        let uuid = "abcdef01-2345-6789-abcd-ef0123456789";
        // The prefix is `[0-9a-f]{10}-` or nothing.
        for prefix in [
            "zzzzzzzzzz-",
            "0123456789A-",
            "012345678-",
            "01234567890-",
            "-",
        ] {
            assert!(
                !identity_provider_user_id(&format!("{prefix}{uuid}")),
                "{prefix}"
            );
        }
        // Each group has its length, of hexadecimal digits in either case.
        for group in ["abcdef0g", "abcdef0", "abcdef012", "ABCDEF01"] {
            let text = uuid.replacen("abcdef01", group, 1);
            assert_eq!(
                identity_provider_user_id(&text),
                group == "ABCDEF01",
                "{text}"
            );
        }
    }

    #[test]
    fn an_email_address_local_part_takes_only_its_characters() {
        for local in ["jane.doe", "j_d%1+tag-x", "JANE"] {
            assert!(email_address(&format!("{local}@example.com")), "{local}");
        }
        for local in ["jane!doe", "jane doe", "jané", "jane@doe", ""] {
            assert!(!email_address(&format!("{local}@example.com")), "{local}");
        }
    }
}
