//! Self-checking page tokens (D18, D24): the organization and the offset, with a checksum.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::error::ApiError;
use crate::semantics::Decision;

fn checksum(organization: &str, offset: usize) -> u64 {
    // FNV-1a over a fixed label, the organization and the offset: enough to tell a token this
    // emulator issued from an edited, foreign or made-up one.
    let text = format!("workmail-policy/next-token/v1|{organization}|{offset}");
    text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The token of the page that starts at `offset`.
pub(super) fn issue(organization: &str, offset: usize) -> String {
    STANDARD.encode(format!(
        "v1|{organization}|{offset}|{:016x}",
        checksum(organization, offset)
    ))
}

/// The offset of the page `token` starts, when this organization's emulator issued it.
pub(super) fn read(token: &str, organization: &str) -> Option<usize> {
    let bytes = STANDARD.decode(token).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut parts = text.split('|');
    let (version, org, offset, check) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let offset: usize = offset.parse().ok()?;
    let valid = version == "v1"
        && parts.next().is_none()
        && org == organization
        && check == format!("{:016x}", checksum(organization, offset));
    valid.then_some(offset)
}

/// One page of `items`: from the offset `token` names (the start without one) and at most
/// `max_results` long (all without it), with the token of the next page when there is one.
/// Tokens are bound to `scope`, which names the listing (the organization, and the filters when
/// there are any).
///
/// # Errors
/// InvalidParameterException, explained by `decision`, for a token this listing did not issue.
pub(super) fn page<'a, T>(
    items: &'a [T],
    scope: &str,
    token: Option<&str>,
    max_results: Option<u32>,
    decision: Decision,
) -> Result<(&'a [T], Option<String>), ApiError> {
    let start = match token {
        None => 0,
        Some(token) => read(token, scope)
            .filter(|offset| *offset <= items.len())
            .ok_or_else(|| {
                ApiError::invalid("`NextToken` is not a token this listing issued")
                    .because(decision)
            })?,
    };
    let size = max_results.map_or(usize::MAX, |max| max as usize);
    let end = start.saturating_add(size).min(items.len());
    let next = (end < items.len()).then(|| issue(scope, end));
    Ok((items.get(start..end).unwrap_or_default(), next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_reads_back_only_for_its_organization() {
        let token = issue("m-0123456789abcdef0123456789abcdef", 20);
        assert_eq!(read(&token, "m-0123456789abcdef0123456789abcdef"), Some(20));
        assert_eq!(read(&token, "m-ffffffffffffffffffffffffffffffff"), None);
        let forged = STANDARD.encode("v1|m-0123456789abcdef0123456789abcdef|21|0000000000000000");
        assert_eq!(read(&forged, "m-0123456789abcdef0123456789abcdef"), None);
        assert_eq!(read("not base64!", ""), None);
    }

    #[test]
    fn an_edited_token_is_refused() {
        let org = "m-0123456789abcdef0123456789abcdef";
        let token = String::from_utf8(STANDARD.decode(issue(org, 20)).unwrap()).unwrap();
        // Its checksum kept, any other offset or organization: refused.
        for edited in [
            token.replacen("|20|", "|21|", 1),
            token.replacen("|20|", "|2|", 1),
            token.replacen(org, "m-0123456789abcdef0123456789abcdee", 1),
        ] {
            assert_ne!(edited, token);
            let organization = edited.split('|').nth(1).unwrap();
            assert_eq!(
                read(&STANDARD.encode(&edited), organization),
                None,
                "{edited}"
            );
        }
    }

    #[test]
    fn tokens_are_the_same_from_one_release_to_the_next() {
        // A token a paging client kept reads back after an upgrade: its text is part of the
        // format. The checksum is FNV-1a (64 bits) of the label, organization and offset,
        // worked out apart from this code.
        let org = "m-0123456789abcdef0123456789abcdef";
        assert_eq!(
            String::from_utf8(STANDARD.decode(issue(org, 20)).unwrap()).unwrap(),
            "v1|m-0123456789abcdef0123456789abcdef|20|363dbe67ff46936c"
        );
    }
}
