//! The AWS shapes as serde types: JSON members in AWS's PascalCase, enums in AWS's spellings, so
//! output pasted from the AWS CLI or boto3 reads unchanged.
//!
//! Values of these types are valid by construction when they come from [`crate::Organization`]:
//! documents and requests are checked against the AWS model (see [`crate::shape`]) before they are
//! turned into these types.

use std::fmt;
use std::str::FromStr;

use ipnet::Ipv4Net;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod mobile;

pub use mobile::{
    Device, DeviceField, MobileCondition, MobileDeviceAccessMatchedRule,
    MobileDeviceAccessOverride, MobileDeviceAccessRule,
};

/// `ALLOW` or `DENY`: the effect of a rule and of a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Effect {
    /// `ALLOW`
    Allow,
    /// `DENY`
    Deny,
}

impl Effect {
    /// The AWS spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Allow => "ALLOW",
            Self::Deny => "DENY",
        }
    }

    /// The other effect: what an edit that changes a decision gives.
    ///
    /// ```
    /// use workmail_policy::Effect;
    /// assert_eq!(Effect::Allow.opposite(), Effect::Deny);
    /// assert_eq!(Effect::Deny.opposite(), Effect::Allow);
    /// ```
    #[must_use]
    pub const fn opposite(self) -> Self {
        match self {
            Self::Allow => Self::Deny,
            Self::Deny => Self::Allow,
        }
    }
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A protocol action of an access control rule, in its canonical, case-sensitive spelling (D7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Action {
    /// Exchange ActiveSync (mobile devices).
    ActiveSync,
    /// Autodiscover.
    AutoDiscover,
    /// Exchange Web Services; the only action an impersonation role can use.
    #[serde(rename = "EWS")]
    Ews,
    /// IMAP.
    #[serde(rename = "IMAP")]
    Imap,
    /// SMTP.
    #[serde(rename = "SMTP")]
    Smtp,
    /// Microsoft Outlook for Windows.
    WindowsOutlook,
    /// The WorkMail web application.
    WebMail,
}

impl Action {
    /// The seven actions, in the order the AWS API reference lists them.
    pub const ALL: [Self; 7] = [
        Self::ActiveSync,
        Self::AutoDiscover,
        Self::Ews,
        Self::Imap,
        Self::Smtp,
        Self::WindowsOutlook,
        Self::WebMail,
    ];

    /// The canonical AWS spelling.
    ///
    /// ```
    /// use workmail_policy::Action;
    /// assert_eq!(Action::Ews.as_str(), "EWS");
    /// assert_eq!("WebMail".parse::<Action>(), Ok(Action::WebMail));
    /// assert!("webmail".parse::<Action>().is_err());
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::ActiveSync => "ActiveSync",
            Self::AutoDiscover => "AutoDiscover",
            Self::Ews => "EWS",
            Self::Imap => "IMAP",
            Self::Smtp => "SMTP",
            Self::WindowsOutlook => "WindowsOutlook",
            Self::WebMail => "WebMail",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text is not one of the seven canonical action spellings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAction;

impl FromStr for Action {
    type Err = UnknownAction;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|action| action.as_str() == text)
            .ok_or(UnknownAction)
    }
}

/// What an impersonation role may do in the mailboxes it reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ImpersonationRoleType {
    /// `FULL_ACCESS`: read and modify items.
    FullAccess,
    /// `READ_ONLY`: read actions only.
    ReadOnly,
}

impl ImpersonationRoleType {
    /// The AWS spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::FullAccess => "FULL_ACCESS",
            Self::ReadOnly => "READ_ONLY",
        }
    }
}

impl fmt::Display for ImpersonationRoleType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The state of a user in the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntityState {
    /// `ENABLED`
    Enabled,
    /// `DISABLED`
    Disabled,
    /// `DELETED`
    Deleted,
}

impl EntityState {
    /// The AWS spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Enabled => "ENABLED",
            Self::Disabled => "DISABLED",
            Self::Deleted => "DELETED",
        }
    }
}

/// The kind of a user in the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UserRole {
    /// `USER`
    User,
    /// `RESOURCE`
    Resource,
    /// `SYSTEM_USER`
    SystemUser,
    /// `REMOTE_USER`
    RemoteUser,
}

/// An instant, as epoch seconds (the wire form; output is always this form, D3).
///
/// Reads a JSON number (AWS CLI v1, boto3's wire data) or an ISO 8601 / RFC 3339 string with any
/// offset (AWS CLI v2).
///
/// ```
/// use workmail_policy::Timestamp;
/// let v2: Timestamp = serde_json::from_str(r#""2022-10-04T08:32:21.717000-07:00""#).unwrap();
/// let v1: Timestamp = serde_json::from_str("1664897541.717").unwrap();
/// assert_eq!(v1, v2);
/// assert_eq!(serde_json::to_string(&Timestamp::EPOCH).unwrap(), "0.0");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Timestamp(f64);

impl Timestamp {
    /// 1970-01-01T00:00:00Z, the dates of the default rule.
    pub const EPOCH: Self = Self(0.0);

    /// An instant from epoch seconds; `None` unless finite.
    pub fn from_epoch_seconds(seconds: f64) -> Option<Self> {
        seconds.is_finite().then_some(Self(seconds))
    }

    /// Epoch seconds.
    pub const fn epoch_seconds(self) -> f64 {
        self.0
    }

    /// Reads an RFC 3339 / ISO 8601 date-time with an offset, as AWS CLI v2 prints it.
    ///
    /// # Errors
    /// When the text is not such a date-time.
    pub fn parse_iso8601(text: &str) -> Result<Self, String> {
        let parsed =
            time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
                .map_err(|error| error.to_string())?;
        // Whole seconds plus the fraction: the nearest f64 to the written value, as parsing the
        // same instant written as an epoch number gives.
        #[expect(
            clippy::cast_precision_loss,
            reason = "epoch seconds of real dates are far below 2^53"
        )]
        let seconds = parsed.unix_timestamp() as f64 + f64::from(parsed.nanosecond()) / 1e9;
        Ok(Self(seconds))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.0)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Wire {
            Number(f64),
            Text(String),
        }
        match Wire::deserialize(deserializer)? {
            Wire::Number(seconds) => Self::from_epoch_seconds(seconds)
                .ok_or_else(|| serde::de::Error::custom("timestamp is not a finite number")),
            Wire::Text(text) => Self::parse_iso8601(&text).map_err(serde::de::Error::custom),
        }
    }
}

/// An IPv4 CIDR range as written in a rule, kept as given and matched after masking (D8, D23).
///
/// ```
/// use workmail_policy::IpRange;
/// let range: IpRange = "10.1.2.3/8".parse().unwrap();
/// assert_eq!(range.as_str(), "10.1.2.3/8");
/// assert!(range.has_host_bits());
/// assert!(range.contains("10.200.0.1".parse().unwrap()));
/// assert!("10.0.0.0/33".parse::<IpRange>().is_err());
/// assert!("010.0.0.0/8".parse::<IpRange>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(as = "String"))]
pub struct IpRange {
    net: Ipv4Net,
    /// The text as given, which the pattern keeps within [`IpRange::MAX_TEXT`] bytes: kept in
    /// place, so that reading the thousands of ranges of a document allocates nothing for them.
    text: [u8; IpRange::MAX_TEXT],
    len: u8,
}

impl IpRange {
    /// The longest text the pattern allows (`255.255.255.255/32`).
    const MAX_TEXT: usize = 18;

    /// The text as given.
    pub fn as_str(&self) -> &str {
        self.text
            .get(..usize::from(self.len))
            .and_then(|text| std::str::from_utf8(text).ok())
            .unwrap_or_default()
    }

    /// The network after masking host bits.
    pub fn network(&self) -> Ipv4Net {
        self.net.trunc()
    }

    /// Whether the text has host bits set (`10.1.2.3/8`); such a range is matched as its network.
    pub fn has_host_bits(&self) -> bool {
        self.net.addr() != self.net.network()
    }

    /// Whether `address` lies in the (masked) range.
    pub fn contains(&self, address: std::net::Ipv4Addr) -> bool {
        self.net.contains(&address)
    }
}

impl std::fmt::Debug for IpRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IpRange")
            .field("text", &self.as_str())
            .field("net", &self.net)
            .finish()
    }
}

/// Why a text is not an IPv4 CIDR range in the AWS pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidIpRange;

impl FromStr for IpRange {
    type Err = InvalidIpRange;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let net = parse_cidr(text).ok_or(InvalidIpRange)?;
        // A text `parse_cidr` reads is at most `MAX_TEXT` bytes.
        let mut kept = [0; Self::MAX_TEXT];
        let mut len = 0;
        for (slot, byte) in kept.iter_mut().zip(text.bytes()) {
            *slot = byte;
            len += 1;
        }
        Ok(Self {
            net,
            text: kept,
            len,
        })
    }
}

/// Reads a CIDR range in the AWS pattern: an address as [`parse_ipv4`] reads it, `/`, and a
/// prefix length from 0 to 32 without a leading zero. Host bits are allowed.
///
/// ```
/// use workmail_policy::model::parse_cidr;
/// assert_eq!(parse_cidr("192.0.2.7/24").map(|net| net.to_string()).as_deref(), Some("192.0.2.7/24"));
/// for odd in ["192.0.2.0", "192.0.2.0/33", "192.0.2.0/024", "192.0.2.0/", "192.0.2.0/+8"] {
///     assert!(parse_cidr(odd).is_none(), "{odd}");
/// }
/// ```
pub fn parse_cidr(text: &str) -> Option<Ipv4Net> {
    let (address, prefix) = text.split_once('/')?;
    let address = parse_ipv4(address)?;
    let canonical_prefix = prefix.len() == 1 || !prefix.starts_with('0');
    if !canonical_prefix || prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Ipv4Net::new(address, prefix.parse().ok()?).ok()
}

/// Reads an IPv4 address in the AWS pattern: a dotted quad, each octet 0-255 without leading zeros.
///
/// ```
/// use workmail_policy::model::parse_ipv4;
/// assert!(parse_ipv4("192.0.2.0").is_some());
/// for odd in ["1.2.3", "0x7f.0.0.1", "010.1.1.1", "1.2.3.4/32", "::1", " 1.2.3.4"] {
///     assert!(parse_ipv4(odd).is_none(), "{odd}");
/// }
/// ```
pub fn parse_ipv4(text: &str) -> Option<std::net::Ipv4Addr> {
    // One pass over the bytes, an octet at a time: documents hold thousands of ranges and batches
    // millions of addresses, and this is most of the time spent reading them. Each octet is 1 to
    // 3 digits, at most 255, without a leading zero.
    let mut bytes = text.as_bytes().iter();
    let mut address: u32 = 0;
    for part in 0..4 {
        let mut next = bytes.next().copied();
        if part > 0 {
            if next != Some(b'.') {
                return None;
            }
            next = bytes.next().copied();
        }
        let first = next.filter(u8::is_ascii_digit)?;
        let mut octet = u32::from(first - b'0');
        if octet != 0 {
            for _ in 0..2 {
                match bytes.as_slice().first() {
                    Some(byte) if byte.is_ascii_digit() => {
                        octet = octet * 10 + u32::from(byte - b'0');
                        bytes.next();
                    }
                    _ => break,
                }
            }
            if octet > 255 {
                return None;
            }
        }
        // The octet fills the eight bits the shift emptied.
        address = (address << 8) + octet;
    }
    bytes
        .as_slice()
        .is_empty()
        .then(|| std::net::Ipv4Addr::from(address))
}

impl Serialize for IpRange {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for IpRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Reads the text where it is, without a copy.
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = IpRange;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<IpRange, E> {
                text.parse()
                    .map_err(|_| E::custom(format!("`{text}` is not an IPv4 CIDR range")))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

pub(crate) fn is_empty<T>(list: &[T]) -> bool {
    list.is_empty()
}

/// An access control rule, as `list-access-control-rules` prints it. Empty condition lists are
/// left out of the JSON (D21).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct AccessControlRule {
    /// The rule name, unique in the organization.
    pub name: String,
    /// `ALLOW` or `DENY`.
    pub effect: Effect,
    /// The description (`Default WorkMail Rule` on the default rule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub description: Option<String>,
    /// IPv4 CIDR ranges to include.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub ip_ranges: Vec<IpRange>,
    /// IPv4 CIDR ranges to exclude.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub not_ip_ranges: Vec<IpRange>,
    /// Protocol actions to include.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub actions: Vec<Action>,
    /// Protocol actions to exclude.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub not_actions: Vec<Action>,
    /// User IDs to include.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub user_ids: Vec<String>,
    /// User IDs to exclude.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub not_user_ids: Vec<String>,
    /// When the rule was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub date_created: Option<Timestamp>,
    /// When the rule was last replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub date_modified: Option<Timestamp>,
    /// Impersonation role IDs to include.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub impersonation_role_ids: Vec<String>,
    /// Impersonation role IDs to exclude.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub not_impersonation_role_ids: Vec<String>,
}

impl AccessControlRule {
    /// The rule every new organization holds (D1): `default`, ALLOW, no conditions, dates at epoch 0.
    pub fn default_rule() -> Self {
        Self {
            name: "default".to_owned(),
            effect: Effect::Allow,
            description: Some("Default WorkMail Rule".to_owned()),
            ip_ranges: Vec::new(),
            not_ip_ranges: Vec::new(),
            actions: Vec::new(),
            not_actions: Vec::new(),
            user_ids: Vec::new(),
            not_user_ids: Vec::new(),
            date_created: Some(Timestamp::EPOCH),
            date_modified: Some(Timestamp::EPOCH),
            impersonation_role_ids: Vec::new(),
            not_impersonation_role_ids: Vec::new(),
        }
    }
}

/// One rule of an impersonation role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct ImpersonationRule {
    /// The rule ID, chosen by the caller, unique within the role.
    pub impersonation_rule_id: String,
    /// The rule name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub name: Option<String>,
    /// The rule description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub description: Option<String>,
    /// `ALLOW` or `DENY`.
    pub effect: Effect,
    /// Users the rule applies to (user ID, email or user name), as given.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub target_users: Vec<String>,
    /// Users the rule does not apply to, as given.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub not_target_users: Vec<String>,
}

/// An impersonation role, as `get-impersonation-role` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct ImpersonationRole {
    /// The role ID.
    pub impersonation_role_id: String,
    /// The role name.
    pub name: String,
    /// `FULL_ACCESS` or `READ_ONLY`.
    #[serde(rename = "Type")]
    pub role_type: ImpersonationRoleType,
    /// The role description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The role's rules, in order.
    #[serde(default)]
    pub rules: Vec<ImpersonationRule>,
    /// When the role was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<Timestamp>,
    /// When the role was last updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<Timestamp>,
}

/// A role as `list-impersonation-roles` prints it (no description, no rules).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct ImpersonationRoleSummary {
    /// The role ID.
    pub impersonation_role_id: String,
    /// The role name.
    pub name: String,
    /// `FULL_ACCESS` or `READ_ONLY`.
    #[serde(rename = "Type")]
    pub role_type: ImpersonationRoleType,
    /// When the role was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_created: Option<Timestamp>,
    /// When the role was last updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<Timestamp>,
}

impl From<&ImpersonationRole> for ImpersonationRoleSummary {
    fn from(role: &ImpersonationRole) -> Self {
        Self {
            impersonation_role_id: role.impersonation_role_id.clone(),
            name: role.name.clone(),
            role_type: role.role_type,
            date_created: role.date_created,
            date_modified: role.date_modified,
        }
    }
}

/// A user, as `list-users` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct User {
    /// The user ID (`S-1-1-…` or a UUID).
    pub id: String,
    /// The primary email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The user name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `ENABLED`, `DISABLED` or `DELETED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<EntityState>,
    /// `USER`, `RESOURCE`, `SYSTEM_USER` or `REMOTE_USER`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_role: Option<UserRole>,
    /// When the user was enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled_date: Option<Timestamp>,
    /// When the user was disabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled_date: Option<Timestamp>,
    /// The identity provider's user ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_provider_user_id: Option<String>,
    /// The identity provider's identity store ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_provider_identity_store_id: Option<String>,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The AWS pattern, checked the slow and obvious way: digits and dots only, no octet with a
    /// leading zero, and what the standard library reads as an address.
    fn reference_ipv4(text: &str) -> Option<std::net::Ipv4Addr> {
        let digits_only = text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let no_leading_zero = text
            .split('.')
            .all(|octet| octet.len() == 1 || !octet.starts_with('0'));
        (digits_only && no_leading_zero)
            .then(|| text.parse().ok())
            .flatten()
    }

    proptest! {
        #[test]
        fn ipv4_parsing_agrees_with_the_reference(text in "[0-9.]{0,18}|[0-2]?[0-9]{1,2}(\\.[0-2]?[0-9]{1,2}){2,4}|[0-9a-fx. /:-]{0,12}") {
            prop_assert_eq!(parse_ipv4(&text), reference_ipv4(&text), "{}", text);
        }
    }

    #[test]
    fn an_ip_range_keeps_its_text_whatever_its_length() {
        for text in [
            "0.0.0.0/0",
            "10.1.2.3/8",
            "255.255.255.255/32",
            "192.168.100.200/24",
        ] {
            let range: IpRange = text.parse().unwrap_or_else(|_| panic!("{text}"));
            assert_eq!(range.as_str(), text);
            assert_eq!(
                serde_json::to_string(&range).ok(),
                Some(format!("\"{text}\""))
            );
            let read: Result<IpRange, _> = serde_json::from_str(&format!("\"{text}\""));
            assert_eq!(read.ok(), Some(range));
            assert_eq!(
                format!("{range:?}"),
                format!("IpRange {{ text: {text:?}, net: {text} }}")
            );
        }
        let host = "10.1.2.3/8".parse::<IpRange>().ok();
        let network = "10.0.0.0/8".parse::<IpRange>().ok();
        assert_ne!(
            host, network,
            "the same network written two ways is two texts"
        );
        assert_eq!(
            host.map(|range| range.network()),
            network.map(|range| range.network())
        );
    }

    #[test]
    fn an_ip_range_is_read_from_a_string_in_the_pattern_only() {
        let read = |json: &str| serde_json::from_str::<IpRange>(json).map_err(|e| e.to_string());
        assert_eq!(
            read("5").err().as_deref(),
            Some("invalid type: integer `5`, expected a string at line 1 column 1")
        );
        assert_eq!(
            read("\"10.0.0.0/33\"").err().as_deref(),
            Some("`10.0.0.0/33` is not an IPv4 CIDR range at line 1 column 13")
        );
        let value = serde_json::json!("255.255.255.255/32");
        assert_eq!(
            IpRange::deserialize(value)
                .ok()
                .map(|range| range.as_str().to_owned()),
            Some("255.255.255.255/32".to_owned())
        );
        assert!("255.255.255.255/32 ".parse::<IpRange>().is_err());
    }

    #[test]
    fn enums_have_the_aws_spellings_in_json() {
        fn json(value: impl serde::Serialize) -> String {
            serde_json::to_string(&value).unwrap_or_default()
        }
        assert_eq!(json(Effect::Allow), r#""ALLOW""#);
        assert_eq!(json(Effect::Deny), r#""DENY""#);
        assert_eq!(json(ImpersonationRoleType::FullAccess), r#""FULL_ACCESS""#);
        assert_eq!(json(ImpersonationRoleType::ReadOnly), r#""READ_ONLY""#);
        assert_eq!(json(EntityState::Disabled), r#""DISABLED""#);
        assert_eq!(json(UserRole::SystemUser), r#""SYSTEM_USER""#);
        assert_eq!(json(UserRole::RemoteUser), r#""REMOTE_USER""#);
        let read: Result<Vec<UserRole>, _> =
            serde_json::from_str(r#"["USER", "RESOURCE", "SYSTEM_USER", "REMOTE_USER"]"#);
        assert_eq!(
            read.ok(),
            Some(vec![
                UserRole::User,
                UserRole::Resource,
                UserRole::SystemUser,
                UserRole::RemoteUser
            ])
        );
    }

    #[test]
    fn ipv4_edge_cases() {
        for text in [
            "0.0.0.0",
            "255.255.255.255",
            "1.2.3.4",
            "10.0.0.10",
            "100.200.250.199",
        ] {
            assert_eq!(parse_ipv4(text), text.parse().ok(), "{text}");
        }
        for text in [
            "",
            ".",
            "1.2.3.",
            ".1.2.3",
            "1..2.3",
            "1.2.3.4.",
            "1.2.3.4.5",
            "256.0.0.0",
            "00.1.2.3",
            "1.2.3.04",
            "1.2.3.0255",
            "1.2.3.1000",
            "+1.2.3.4",
            "1.2.3.4 ",
            "١.2.3.4",
        ] {
            assert_eq!(parse_ipv4(text), None, "{text}");
        }
    }

    #[test]
    fn timestamps_read_every_cli_form() {
        let cases = [
            ("0.0", 0.0),
            ("1581635628", 1_581_635_628.0),
            ("\"1970-01-01T00:00:00+00:00\"", 0.0),
            ("\"2020-02-13T23:13:48Z\"", 1_581_635_628.0),
            ("\"2020-02-13T23:13:48.717000+00:00\"", 1_581_635_628.717),
            ("\"2022-10-04T08:32:21-07:00\"", 1_664_897_541.0),
            ("\"2020-02-13 23:13:48.717000+00:00\"", 1_581_635_628.717),
        ];
        for (text, seconds) in cases {
            let parsed: Result<Timestamp, _> = serde_json::from_str(text);
            let parsed = parsed.map(Timestamp::epoch_seconds).ok();
            assert!(
                parsed.is_some_and(|p| (p - seconds).abs() < 1e-6),
                "{text}: {parsed:?}"
            );
        }
        assert!(serde_json::from_str::<Timestamp>("\"yesterday\"").is_err());
    }

    #[test]
    fn ip_ranges_follow_the_aws_pattern() {
        for good in [
            "0.0.0.0/0",
            "192.0.2.0/24",
            "255.255.255.255/32",
            "10.1.2.3/8",
        ] {
            assert!(good.parse::<IpRange>().is_ok(), "{good}");
        }
        for bad in [
            "10.0.0.0",
            "10.0.0.0/",
            "10.0.0.0/08",
            "10.0.0.0/+8",
            "10.0.0/8",
            "::/0",
            "10.0.0.0/33",
            "256.0.0.0/8",
            "01.0.0.0/8",
        ] {
            assert!(bad.parse::<IpRange>().is_err(), "{bad}");
        }
    }

    #[test]
    fn host_bits_are_masked() {
        let range: Result<IpRange, _> = "10.1.2.3/8".parse();
        let range = range.ok();
        assert_eq!(
            range.as_ref().map(|r| r.network().to_string()),
            Some("10.0.0.0/8".to_owned())
        );
        assert!(range.is_some_and(|r| r.contains(std::net::Ipv4Addr::new(10, 9, 9, 9))));
    }

    #[test]
    fn the_default_rule_prints_as_the_cli_example() {
        let json = serde_json::to_value(AccessControlRule::default_rule()).ok();
        assert_eq!(
            json,
            Some(serde_json::json!({
                "Name": "default", "Effect": "ALLOW", "Description": "Default WorkMail Rule",
                "DateCreated": 0.0, "DateModified": 0.0
            }))
        );
    }
}
