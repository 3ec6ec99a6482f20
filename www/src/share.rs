//! The share link: the whole state in the URL fragment, compressed and versioned.
//!
//! A fragment is `v1.` followed by the state as JSON, compressed with raw DEFLATE and written
//! in unpadded URL-safe base64. The fragment never reaches a server: browsers do not send it.
//! A later format gets a new version prefix, and this module keeps reading the old ones.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::comparison::Comparison;
use crate::parts::Part;
use crate::questions::{AccessQuestion, ImpersonationQuestion, MobileQuestion};
use crate::tabs::{Panel, Tab};

/// The current format's prefix.
pub const VERSION: &str = "v1";

/// The largest state a link may unpack to, against links crafted to exhaust memory. The page
/// saves no larger state (see `hooks::use_saving`): it would make a link nobody could open.
pub const MAX_STATE_BYTES: usize = 8 * 1024 * 1024;

/// Part editor text that differs from what the document gives, by part. Written as
/// `{"Rules": …, "Roles": …, "Users": …, "Mobile": …, "Overrides": …}` with only the parts that
/// have a draft (the two mobile parts came later; a link without them reads as before). (A struct
/// rather than a map keyed by [`Part`]: the map's code weighed 4.5 KB gzip of the first load.)
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Drafts {
    #[serde(skip_serializing_if = "Option::is_none")]
    rules: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    roles: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    users: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    overrides: Option<String>,
}

impl Drafts {
    fn slot(&mut self, part: Part) -> &mut Option<String> {
        match part {
            Part::Rules => &mut self.rules,
            Part::Roles => &mut self.roles,
            Part::Users => &mut self.users,
            Part::Mobile => &mut self.mobile,
            Part::Overrides => &mut self.overrides,
        }
    }

    fn is_empty(&self) -> bool {
        self.rules.is_none()
            && self.roles.is_none()
            && self.users.is_none()
            && self.mobile.is_none()
            && self.overrides.is_none()
    }

    /// Every draft with its part, in tab order.
    pub fn into_parts(self) -> impl Iterator<Item = (Part, String)> {
        [
            (Part::Rules, self.rules),
            (Part::Roles, self.roles),
            (Part::Users, self.users),
            (Part::Mobile, self.mobile),
            (Part::Overrides, self.overrides),
        ]
        .into_iter()
        .filter_map(|(part, text)| text.map(|text| (part, text)))
    }
}

impl FromIterator<(Part, String)> for Drafts {
    /// The drafts of the given parts (the last text of a part given twice).
    fn from_iter<I: IntoIterator<Item = (Part, String)>>(drafts: I) -> Self {
        let mut all = Self::default();
        for (part, text) in drafts {
            *all.slot(part) = Some(text);
        }
        all
    }
}

/// What a share link holds (format `v1`).
///
/// Members added after the first release (`Tests`, `Compare`, `Panel`, `Mobile`) are optional and left
/// out when empty, so a link without them is byte for byte what the first release wrote, and a
/// page that predates them opens the rest of the link unchanged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SharedState {
    /// The document editor's text.
    pub document: String,
    /// The access question.
    #[serde(default)]
    pub access: AccessQuestion,
    /// The impersonation question.
    #[serde(default)]
    pub impersonation: ImpersonationQuestion,
    /// The mobile device question.
    #[serde(default, skip_serializing_if = "MobileQuestion::is_empty")]
    pub mobile: MobileQuestion,
    /// The editor on show.
    #[serde(default)]
    pub tab: Tab,
    /// Part editor text not taken from the document.
    #[serde(default, skip_serializing_if = "Drafts::is_empty")]
    pub drafts: Drafts,
    /// The saved tests editor's text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tests: String,
    /// The old version to compare the document with, and the user's addresses.
    #[serde(
        default,
        rename = "Compare",
        skip_serializing_if = "SharedComparison::is_empty"
    )]
    pub comparison: SharedComparison,
    /// The analysis panel on show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub panel: Option<Panel>,
}

/// The old version and the user's addresses as a link holds them (the page's state holds the
/// old version shared, as a [`Comparison`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct SharedComparison {
    /// The old version's text.
    pub document: String,
    /// The user's addresses, as typed.
    pub my_ips: String,
}

impl SharedComparison {
    /// Whether nothing was entered.
    pub fn is_empty(&self) -> bool {
        self.document.is_empty() && self.my_ips.is_empty()
    }
}

impl From<&Comparison> for SharedComparison {
    fn from(comparison: &Comparison) -> Self {
        Self {
            document: comparison.document.to_string(),
            my_ips: comparison.my_ips.clone(),
        }
    }
}

impl From<SharedComparison> for Comparison {
    fn from(shared: SharedComparison) -> Self {
        Self {
            document: shared.document.into(),
            my_ips: shared.my_ips,
        }
    }
}

/// Why a fragment is not a state this page can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// The fragment names a format this version does not know (a newer playground made it).
    UnknownVersion(String),
    /// The fragment was cut short or changed.
    Damaged(&'static str),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownVersion(version) => write!(
                f,
                "the link uses format `{version}`, which this version of the playground cannot read"
            ),
            Self::Damaged(what) => write!(f, "the link is damaged: {what}"),
        }
    }
}

/// What a page opens with: the state its link holds and the work this browser saved, each
/// read (or why it cannot be).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    /// What the link holds: `Ok(None)` for an address without one.
    pub link: Result<Option<SharedState>, LinkError>,
    /// What the saved work holds, when there is any and the link holds no state.
    pub saved: Option<Result<Option<SharedState>, LinkError>>,
}

impl Default for Opening {
    /// No link and no saved work.
    fn default() -> Self {
        Self {
            link: Ok(None),
            saved: None,
        }
    }
}

impl Opening {
    /// Reads a fragment and the saved work (in the same format; the saved work is read only
    /// when the fragment holds no state, which it then replaces).
    pub async fn read(fragment: &str, saved: Option<&str>) -> Self {
        let link = decode(fragment).await;
        let saved = match saved {
            Some(saved) if link == Ok(None) => Some(decode(saved).await),
            _ => None,
        };
        Self { link, saved }
    }
}

/// The fragment (without `#`) for a state, compressed by the browser. Where the browser cannot
/// compress, the fragment holds the state's JSON in stored (uncompressed) DEFLATE blocks:
/// longer, but the same format.
pub async fn encode(state: &SharedState) -> String {
    let json = state_json(state);
    let compressed = match crate::compression::deflate(&json).await {
        Ok(compressed) => compressed,
        Err(_) => stored(&json),
    };
    fragment(&compressed)
}

/// The fragment for a state, at once: the state's JSON in stored DEFLATE blocks, written when
/// there is no time to wait for the browser's compressor (the page is being closed). It is
/// longer than [`encode`]'s, but any reader opens it unchanged.
pub fn encode_now(state: &SharedState) -> String {
    fragment(&stored(&state_json(state)))
}

/// Reads a fragment (with or without `#`). `Ok(None)` when it holds no state at all.
///
/// # Errors
/// A fragment that looks like a link but cannot be read.
pub async fn decode(fragment: &str) -> Result<Option<SharedState>, LinkError> {
    let Some(compressed) = payload(fragment)? else {
        return Ok(None);
    };
    let json = crate::compression::inflate(&compressed, MAX_STATE_BYTES)
        .await
        .map_err(|_| LinkError::Damaged("its data does not decompress"))?;
    read_state(json).map(Some)
}

/// A state's JSON, as a link holds it.
fn state_json(state: &SharedState) -> Vec<u8> {
    serde_json::to_vec(state).unwrap_or_default()
}

/// The fragment holding raw DEFLATE data.
fn fragment(compressed: &[u8]) -> String {
    format!("{VERSION}.{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// The largest stored DEFLATE block (its length is 16 bits).
const STORED_BLOCK: usize = 0xFFFF;

/// `data` as raw DEFLATE in stored blocks (RFC 1951, section 3.2.4): each a header byte
/// (`BFINAL` on the last, `BTYPE` 00), the length and its ones' complement in 16-bit little
/// endian, then the bytes themselves.
fn stored(data: &[u8]) -> Vec<u8> {
    let blocks = data.len().div_ceil(STORED_BLOCK).max(1);
    let mut out = Vec::with_capacity(data.len() + 5 * blocks);
    let mut chunks = data.chunks(STORED_BLOCK).peekable();
    if chunks.peek().is_none() {
        // No data is still one (empty, final) block.
        out.extend([1, 0, 0, 0xFF, 0xFF]);
    }
    while let Some(chunk) = chunks.next() {
        let length = u16::try_from(chunk.len()).unwrap_or(u16::MAX);
        out.push(u8::from(chunks.peek().is_none()));
        out.extend(length.to_le_bytes());
        out.extend((!length).to_le_bytes());
        out.extend(chunk);
    }
    out
}

/// The raw DEFLATE data a fragment holds; `Ok(None)` when it holds no state at all.
fn payload(fragment: &str) -> Result<Option<Vec<u8>>, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.is_empty() {
        return Ok(None);
    }
    let Some((version, payload)) = fragment.split_once('.') else {
        return Err(LinkError::Damaged("it has no format version"));
    };
    if version != VERSION {
        let known_shape = version.len() <= 8
            && version.starts_with('v')
            && version.chars().skip(1).all(|c| c.is_ascii_digit());
        return Err(if known_shape {
            LinkError::UnknownVersion(version.to_owned())
        } else {
            LinkError::Damaged("it has no format version")
        });
    }
    URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map(Some)
        .map_err(|_| LinkError::Damaged("it is not base64url"))
}

/// The state decompressed JSON holds; `None` is data that decompressed to more than
/// [`MAX_STATE_BYTES`].
fn read_state(json: Option<Vec<u8>>) -> Result<SharedState, LinkError> {
    let json = json.ok_or(LinkError::Damaged(
        "it unpacks to more than a link may hold",
    ))?;
    serde_json::from_slice(&json)
        .map_err(|_| LinkError::Damaged("its data is not a playground state"))
}

/// Links written and read without a browser, by the same steps with a compressor of the tests'
/// own: for the tests of this crate's modules, which run natively.
#[cfg(test)]
pub mod native {
    use super::*;

    /// [`encode`], compressing with `miniz_oxide`.
    pub fn encode(state: &SharedState) -> String {
        fragment(&miniz_oxide::deflate::compress_to_vec(
            &state_json(state),
            9,
        ))
    }

    /// [`decode`], decompressing with `miniz_oxide`, as the browser does (the same limit).
    pub fn decode(fragment: &str) -> Result<Option<SharedState>, LinkError> {
        let Some(compressed) = payload(fragment)? else {
            return Ok(None);
        };
        let json = match miniz_oxide::inflate::decompress_to_vec_with_limit(
            &compressed,
            MAX_STATE_BYTES,
        ) {
            Ok(json) => Some(json),
            Err(error) if error.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => None,
            Err(_) => return Err(LinkError::Damaged("its data does not decompress")),
        };
        read_state(json).map(Some)
    }

    /// [`Opening::read`], decompressing with `miniz_oxide`.
    pub fn opening(fragment: &str, saved: Option<&str>) -> Opening {
        let link = decode(fragment);
        let saved = saved.filter(|_| link == Ok(None)).map(decode);
        Opening { link, saved }
    }
}

/// The address of the page with a state: `base` (origin and path, any query kept) and the
/// fragment.
pub fn link(base: &str, fragment: &str) -> String {
    let base = base.split('#').next().unwrap_or(base);
    format!("{base}#{fragment}")
}

#[cfg(test)]
mod tests {
    use super::native::{decode, encode};
    use super::*;

    fn sample() -> SharedState {
        SharedState {
            document: "{\"Rules\": []}\n".to_owned(),
            access: AccessQuestion {
                ip_address: "192.0.2.0".into(),
                action: "IMAP".into(),
                user_id: "S-1-1-11-1111111111-2222222222-3333333333-3333".into(),
                impersonation_role_id: String::new(),
            },
            impersonation: ImpersonationQuestion {
                impersonation_role_id: "r".into(),
                target_user: "Jane@Example.com".into(),
            },
            mobile: MobileQuestion {
                device_type: "iPhone".into(),
                device_id: "ABC".into(),
                ..MobileQuestion::default()
            },
            tab: Tab::Roles,
            drafts: Drafts::from_iter([
                (Part::Roles, "{ \"ünïcode\": \"✓\" }".into()),
                (Part::Users, String::new()),
                (Part::Mobile, "{\"Rules\": []}".into()),
            ]),
            tests: "{\"Tests\": []}".into(),
            comparison: SharedComparison {
                document: "{}".into(),
                my_ips: "192.0.2.1".into(),
            },
            panel: Some(Panel::Tests),
        }
    }

    #[test]
    fn a_state_round_trips() {
        let state = sample();
        let fragment = encode(&state);
        assert!(fragment.starts_with("v1."));
        assert!(
            fragment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
            "{fragment}"
        );
        assert_eq!(decode(&fragment), Ok(Some(state.clone())));
        assert_eq!(decode(&format!("#{fragment}")), Ok(Some(state)));
    }

    #[test]
    fn an_empty_fragment_holds_nothing() {
        assert_eq!(decode(""), Ok(None));
        assert_eq!(decode("#"), Ok(None));
    }

    #[test]
    fn a_newer_format_is_named() {
        assert_eq!(
            decode("#v2.abc"),
            Err(LinkError::UnknownVersion("v2".into()))
        );
    }

    #[test]
    fn damaged_links_say_why() {
        let fragment = encode(&sample());
        let cut = &fragment[..fragment.len() / 2];
        assert!(matches!(decode(cut), Err(LinkError::Damaged(_))));
        assert_eq!(
            decode("v1.***"),
            Err(LinkError::Damaged("it is not base64url"))
        );
        assert_eq!(
            decode("section-2"),
            Err(LinkError::Damaged("it has no format version"))
        );
        let not_state = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"[1]", 9));
        assert_eq!(
            decode(&format!("v1.{not_state}")),
            Err(LinkError::Damaged("its data is not a playground state"))
        );
    }

    #[test]
    fn compression_pays_for_itself() {
        let document = crate::presets::Preset::ArchivingRole.document();
        let state = SharedState {
            document: document.to_owned(),
            ..SharedState::default()
        };
        assert!(encode(&state).len() < document.len() / 2);
    }

    /// A link the first release of the playground wrote (the office-only IMAP preset, another
    /// address, and an unfinished users paste), kept byte for byte: it must open unchanged.
    const FIRST_RELEASE_LINK: &str = "v1.zVVRb5swEP4rlp8Dw6Rp2jyNFR6YknQirapp9MEBk7KBjYyjrYvy32tjAmniKqnUh14iZJvvPt93d8Yb6LNkXRIq4ARuYgqkxfCWrzDN_2ORMxqmMZzItdJykDu8GF2Or67xMklJdjiP4WBHcF8TXiu_X3pF2aYfatCOeWEh9VP_nVluZ9awMws5Dup26YmCEueF5vqNKbFTRr6Sf7isCmInrDR4zHFJXjsYQH5eVwV-7rHfJRb4RuxCYNGigrn3bRr4BpDKSsSKFne_CCKTGIqXBUn9lg9djt3RELmOYzs9dDv46Ly6J_LKnqjN35PX1uGsvEosiD5FXvXwsWtkL0lIXd8wKjgronVBTnZ1L0seCbwuhCmWLCOJ0ChvOr19MGWJ1AnPK3UENdDXdOCB8T8zWRigwjE5SoU3nMhn0wdSnxEyY2me5R3mzN7q1eUlrqyMs9JiWZYnxGK0eD6h1Q_mP8-RGs68H0DxAbUBEE8E6E0AJeKv1G9qPSbCKsJ0dVSiHoOur-wRspEq-hf3IoavQY9HpF6ignqbUAV6muWgImjstHZGafbBx30aUzmCg7ZN4WQDw8pLU95M9uWOG5ASI9dV1HKujk2Yyvn7PsDSMywr-X1ntLkg1MlraOD24E0Tjxk6gHeYr4hQMbSud3gpR83NIV_7HGeiUaRX1O20d63A7fYF";

    #[test]
    fn links_of_the_first_release_still_open() {
        let shared = decode(FIRST_RELEASE_LINK).unwrap().unwrap();
        assert!(shared.document.contains("imap-from-office-only"));
        assert_eq!(shared.access.ip_address, "198.51.100.7");
        assert_eq!(shared.tab, Tab::Users);
        assert_eq!(
            shared.drafts,
            Drafts::from_iter([(Part::Users, "{\"Users\": [".to_owned())])
        );
        assert_eq!(shared.tests, "");
        assert_eq!(shared.comparison, SharedComparison::default());
        assert_eq!(shared.panel, None);
        // The same state is written as the same JSON: unused new members add nothing.
        let payload = FIRST_RELEASE_LINK.trim_start_matches("v1.");
        let json =
            miniz_oxide::inflate::decompress_to_vec(&URL_SAFE_NO_PAD.decode(payload).unwrap())
                .unwrap();
        assert_eq!(serde_json::to_vec(&shared).unwrap(), json);
    }

    #[test]
    fn tests_and_the_comparison_travel_in_the_link() {
        let state = sample();
        let json = String::from_utf8(
            miniz_oxide::inflate::decompress_to_vec(
                &URL_SAFE_NO_PAD
                    .decode(encode(&state).trim_start_matches("v1."))
                    .unwrap(),
            )
            .unwrap(),
        )
        .unwrap();
        assert!(json.contains("\"Tests\":\"{\\\"Tests\\\": []}\""), "{json}");
        assert!(
            json.contains("\"Compare\":{\"Document\":\"{}\",\"MyIps\":\"192.0.2.1\"}"),
            "{json}"
        );
        assert!(json.contains("\"Panel\":\"Tests\""), "{json}");
        assert_eq!(decode(&encode(&state)), Ok(Some(state)));
    }

    #[test]
    fn a_link_written_at_once_opens_like_a_compressed_one() {
        let state = sample();
        let now = encode_now(&state);
        assert!(now.starts_with("v1."));
        assert_eq!(decode(&now), Ok(Some(state.clone())));
        assert!(
            now.len() > encode(&state).len(),
            "stored blocks do not compress"
        );
    }

    #[test]
    fn stored_blocks_hold_any_length() {
        for length in [
            0,
            1,
            STORED_BLOCK - 1,
            STORED_BLOCK,
            STORED_BLOCK + 1,
            3 * STORED_BLOCK + 7,
        ] {
            let data: Vec<u8> = (0..length).map(|at| (at % 251) as u8).collect();
            let blocks = stored(&data);
            assert_eq!(
                blocks.len(),
                data.len() + 5 * length.div_ceil(STORED_BLOCK).max(1),
                "{length}"
            );
            assert_eq!(
                miniz_oxide::inflate::decompress_to_vec(&blocks).unwrap(),
                data,
                "{length}"
            );
        }
    }

    #[test]
    fn a_link_that_unpacks_to_too_much_is_refused() {
        let huge = vec![b' '; MAX_STATE_BYTES + 1];
        let fragment = fragment(&miniz_oxide::deflate::compress_to_vec(&huge, 9));
        assert!(fragment.len() < 64 * 1024, "a small link");
        assert_eq!(
            decode(&fragment),
            Err(LinkError::Damaged(
                "it unpacks to more than a link may hold"
            ))
        );
    }

    #[test]
    fn links_replace_any_fragment() {
        assert_eq!(
            link("https://example.com/play/?embed=1#old", "v1.x"),
            "https://example.com/play/?embed=1#v1.x"
        );
    }
}
