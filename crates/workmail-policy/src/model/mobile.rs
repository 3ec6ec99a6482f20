//! Mobile device access rules and overrides, as `list-mobile-device-access-rules` and
//! `list-mobile-device-access-overrides` print them (D26, D27).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Effect, Timestamp, is_empty};

/// A mobile device access rule. Absent condition lists are left out of the JSON; a present list
/// holds 1 to 10 entries (D31).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct MobileDeviceAccessRule {
    /// The server-assigned ID, the rule's key (D34).
    pub mobile_device_access_rule_id: String,
    /// The rule name (not unique, D34).
    pub name: String,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub description: Option<String>,
    /// `ALLOW` or `DENY`.
    pub effect: Effect,
    /// Device types to match (case-insensitive prefixes, `$NONE` for an unreported type).
    #[serde(default, skip_serializing_if = "is_empty")]
    pub device_types: Vec<String>,
    /// Device types not to match.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub not_device_types: Vec<String>,
    /// Device models to match.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub device_models: Vec<String>,
    /// Device models not to match.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub not_device_models: Vec<String>,
    /// Device operating systems to match.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub device_operating_systems: Vec<String>,
    /// Device operating systems not to match.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub not_device_operating_systems: Vec<String>,
    /// Device user agents to match.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub device_user_agents: Vec<String>,
    /// Device user agents not to match.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub not_device_user_agents: Vec<String>,
    /// When the rule was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub date_created: Option<Timestamp>,
    /// When the rule was last updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub date_modified: Option<Timestamp>,
}

impl MobileDeviceAccessRule {
    /// The rule every new organization holds (D27): `default`, ALLOW, no conditions.
    ///
    /// ```
    /// use workmail_policy::model::MobileDeviceAccessRule;
    /// let rule = MobileDeviceAccessRule::default_rule();
    /// assert_eq!((rule.mobile_device_access_rule_id.as_str(), rule.name.as_str()), ("default", "default"));
    /// assert!(rule.conditions().all(|(_, entries)| entries.is_empty()));
    /// ```
    pub fn default_rule() -> Self {
        Self {
            mobile_device_access_rule_id: "default".to_owned(),
            name: "default".to_owned(),
            description: Some("Default WorkMail Rule".to_owned()),
            effect: Effect::Allow,
            device_types: Vec::new(),
            not_device_types: Vec::new(),
            device_models: Vec::new(),
            not_device_models: Vec::new(),
            device_operating_systems: Vec::new(),
            not_device_operating_systems: Vec::new(),
            device_user_agents: Vec::new(),
            not_device_user_agents: Vec::new(),
            date_created: Some(Timestamp::EPOCH),
            date_modified: Some(Timestamp::EPOCH),
        }
    }

    /// The entries of one condition (empty: the list is absent, so no condition).
    pub fn entries(&self, condition: MobileCondition) -> &[String] {
        match condition {
            MobileCondition::DeviceTypes => &self.device_types,
            MobileCondition::NotDeviceTypes => &self.not_device_types,
            MobileCondition::DeviceModels => &self.device_models,
            MobileCondition::NotDeviceModels => &self.not_device_models,
            MobileCondition::DeviceOperatingSystems => &self.device_operating_systems,
            MobileCondition::NotDeviceOperatingSystems => &self.not_device_operating_systems,
            MobileCondition::DeviceUserAgents => &self.device_user_agents,
            MobileCondition::NotDeviceUserAgents => &self.not_device_user_agents,
        }
    }

    /// Every condition with its entries, in the order of the AWS shape.
    pub fn conditions(&self) -> impl Iterator<Item = (MobileCondition, &[String])> {
        MobileCondition::ALL
            .into_iter()
            .map(|condition| (condition, self.entries(condition)))
    }

    /// Whether the rule sets no condition, so it matches every device.
    pub fn is_unconditioned(&self) -> bool {
        self.conditions().all(|(_, entries)| entries.is_empty())
    }

    /// The `MatchedRules` entry naming this rule.
    pub fn matched(&self) -> MobileDeviceAccessMatchedRule {
        MobileDeviceAccessMatchedRule {
            mobile_device_access_rule_id: self.mobile_device_access_rule_id.clone(),
            name: self.name.clone(),
        }
    }
}

/// One of the four properties a device reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DeviceField {
    /// `DeviceType` (`iPhone`, `Android`).
    DeviceType,
    /// `DeviceModel` (`iPhone10C1`).
    DeviceModel,
    /// `DeviceOperatingSystem` (`iOS 14.2.1 16F203`).
    DeviceOperatingSystem,
    /// `DeviceUserAgent` (`iOS/14.2 (18B92) exchangesyncd/1.0`).
    DeviceUserAgent,
}

impl DeviceField {
    /// All four, in the order of the AWS request.
    pub const ALL: [Self; 4] = [
        Self::DeviceType,
        Self::DeviceModel,
        Self::DeviceOperatingSystem,
        Self::DeviceUserAgent,
    ];

    /// The request member name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::DeviceType => "DeviceType",
            Self::DeviceModel => "DeviceModel",
            Self::DeviceOperatingSystem => "DeviceOperatingSystem",
            Self::DeviceUserAgent => "DeviceUserAgent",
        }
    }

    /// How a sentence names it (`device type`).
    pub const fn describe(self) -> &'static str {
        match self {
            Self::DeviceType => "device type",
            Self::DeviceModel => "device model",
            Self::DeviceOperatingSystem => "operating system",
            Self::DeviceUserAgent => "user agent",
        }
    }

    /// The positive and the negative condition on this field.
    pub const fn conditions(self) -> (MobileCondition, MobileCondition) {
        match self {
            Self::DeviceType => (
                MobileCondition::DeviceTypes,
                MobileCondition::NotDeviceTypes,
            ),
            Self::DeviceModel => (
                MobileCondition::DeviceModels,
                MobileCondition::NotDeviceModels,
            ),
            Self::DeviceOperatingSystem => (
                MobileCondition::DeviceOperatingSystems,
                MobileCondition::NotDeviceOperatingSystems,
            ),
            Self::DeviceUserAgent => (
                MobileCondition::DeviceUserAgents,
                MobileCondition::NotDeviceUserAgents,
            ),
        }
    }
}

impl fmt::Display for DeviceField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The eight condition lists of a mobile device access rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum MobileCondition {
    /// The type must start with an entry.
    DeviceTypes,
    /// The type must start with no entry.
    NotDeviceTypes,
    /// The model must start with an entry.
    DeviceModels,
    /// The model must start with no entry.
    NotDeviceModels,
    /// The operating system must start with an entry.
    DeviceOperatingSystems,
    /// The operating system must start with no entry.
    NotDeviceOperatingSystems,
    /// The user agent must start with an entry.
    DeviceUserAgents,
    /// The user agent must start with no entry.
    NotDeviceUserAgents,
}

impl MobileCondition {
    /// All eight, in the order of the AWS rule shape.
    pub const ALL: [Self; 8] = [
        Self::DeviceTypes,
        Self::NotDeviceTypes,
        Self::DeviceModels,
        Self::NotDeviceModels,
        Self::DeviceOperatingSystems,
        Self::NotDeviceOperatingSystems,
        Self::DeviceUserAgents,
        Self::NotDeviceUserAgents,
    ];

    /// The member name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::DeviceTypes => "DeviceTypes",
            Self::NotDeviceTypes => "NotDeviceTypes",
            Self::DeviceModels => "DeviceModels",
            Self::NotDeviceModels => "NotDeviceModels",
            Self::DeviceOperatingSystems => "DeviceOperatingSystems",
            Self::NotDeviceOperatingSystems => "NotDeviceOperatingSystems",
            Self::DeviceUserAgents => "DeviceUserAgents",
            Self::NotDeviceUserAgents => "NotDeviceUserAgents",
        }
    }

    /// Whether the condition excludes (`NotDeviceTypes`).
    pub const fn excludes(self) -> bool {
        matches!(
            self,
            Self::NotDeviceTypes
                | Self::NotDeviceModels
                | Self::NotDeviceOperatingSystems
                | Self::NotDeviceUserAgents
        )
    }

    /// The device property the condition reads.
    pub const fn field(self) -> DeviceField {
        match self {
            Self::DeviceTypes | Self::NotDeviceTypes => DeviceField::DeviceType,
            Self::DeviceModels | Self::NotDeviceModels => DeviceField::DeviceModel,
            Self::DeviceOperatingSystems | Self::NotDeviceOperatingSystems => {
                DeviceField::DeviceOperatingSystem
            }
            Self::DeviceUserAgents | Self::NotDeviceUserAgents => DeviceField::DeviceUserAgent,
        }
    }
}

impl fmt::Display for MobileCondition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A `MatchedRules` entry of `GetMobileDeviceAccessEffect` (D32).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct MobileDeviceAccessMatchedRule {
    /// The rule's ID.
    pub mobile_device_access_rule_id: String,
    /// The rule's name.
    pub name: String,
}

/// A mobile device access override: one user's device gets this effect whatever the rules say
/// (D38, D42).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct MobileDeviceAccessOverride {
    /// The user: the user's ID when the directory resolved it, the text given otherwise (D39).
    pub user_id: String,
    /// The device ID, in the spelling of the latest Put (compared ignoring case, D38).
    pub device_id: String,
    /// `ALLOW` or `DENY`.
    pub effect: Effect,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub description: Option<String>,
    /// When the override was first put.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub date_created: Option<Timestamp>,
    /// When the override was last put.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub date_modified: Option<Timestamp>,
}

/// The device properties of a question; `None` is a property the device does not report (D29,
/// D33).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct Device {
    /// The device type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_type: Option<String>,
    /// The device model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_model: Option<String>,
    /// The operating system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_operating_system: Option<String>,
    /// The user agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_user_agent: Option<String>,
}

impl Device {
    /// Sets the reported value of `field` (`None`: not reported).
    pub fn set(&mut self, field: DeviceField, value: Option<String>) {
        let slot = match field {
            DeviceField::DeviceType => &mut self.device_type,
            DeviceField::DeviceModel => &mut self.device_model,
            DeviceField::DeviceOperatingSystem => &mut self.device_operating_system,
            DeviceField::DeviceUserAgent => &mut self.device_user_agent,
        };
        *slot = value;
    }

    /// The reported value of `field` (`None`: not reported).
    pub fn get(&self, field: DeviceField) -> Option<&str> {
        match field {
            DeviceField::DeviceType => self.device_type.as_deref(),
            DeviceField::DeviceModel => self.device_model.as_deref(),
            DeviceField::DeviceOperatingSystem => self.device_operating_system.as_deref(),
            DeviceField::DeviceUserAgent => self.device_user_agent.as_deref(),
        }
    }
}

impl fmt::Display for Device {
    /// `type `iPhone`, model `iPhone10C1`, no operating system, no user agent`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = DeviceField::ALL
            .into_iter()
            .map(|field| match self.get(field) {
                Some(value) => format!("{} `{}`", field.describe(), crate::shape::printable(value)),
                None => format!("no {}", field.describe()),
            })
            .collect();
        f.write_str(&parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Operation;

    #[test]
    fn each_device_field_is_named_as_the_request_names_it_and_as_a_sentence_does() {
        let request: Vec<&str> = Operation::GetMobileDeviceAccessEffect
            .input_shape()
            .members
            .iter()
            .map(|member| member.name)
            .collect();
        let names: Vec<(&str, &str)> = DeviceField::ALL
            .into_iter()
            .map(|field| (field.as_str(), field.describe()))
            .collect();
        assert_eq!(
            names,
            [
                ("DeviceType", "device type"),
                ("DeviceModel", "device model"),
                ("DeviceOperatingSystem", "operating system"),
                ("DeviceUserAgent", "user agent"),
            ]
        );
        for (name, _) in names {
            assert!(request.contains(&name), "{name} is not in {request:?}");
        }
        let shown: Vec<String> = DeviceField::ALL.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "DeviceType",
                "DeviceModel",
                "DeviceOperatingSystem",
                "DeviceUserAgent"
            ]
        );
    }

    #[test]
    fn a_rule_without_conditions_matches_every_device() {
        let default = MobileDeviceAccessRule::default_rule();
        assert!(default.is_unconditioned());
        for condition in MobileCondition::ALL {
            let json = serde_json::json!({
                "MobileDeviceAccessRuleId": "r",
                "Name": "n",
                "Effect": "DENY",
                condition.as_str(): ["iPhone"],
            });
            let rule: MobileDeviceAccessRule = serde_json::from_value(json).unwrap();
            assert!(!rule.is_unconditioned(), "{}", condition.as_str());
        }
    }
}
