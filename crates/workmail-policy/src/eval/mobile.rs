//! Mobile device access rules: which rules match a device, the effect, and why (D28-D32).

use std::fmt;

use serde::Serialize;

use crate::eval::access::DecisionReason;
use crate::eval::combine;
use crate::model::{
    Device, DeviceField, Effect, MobileCondition, MobileDeviceAccessMatchedRule,
    MobileDeviceAccessRule,
};
use crate::semantics::{Basis, Decision, Source};

/// The token that matches a field the device does not report (D29).
pub const NONE_TOKEN: &str = "$NONE";

/// Whether a list entry is the `$NONE` token, in any ASCII case (D29).
///
/// ```
/// use workmail_policy::eval::mobile::is_none_token;
/// assert!(is_none_token("$none") && is_none_token("$NONE"));
/// assert!(!is_none_token("$NONEX") && !is_none_token("$"));
/// ```
pub fn is_none_token(entry: &str) -> bool {
    entry.eq_ignore_ascii_case(NONE_TOKEN)
}

/// Whether `value` starts with `entry`, both lower-cased character by character (D28).
///
/// ```
/// use workmail_policy::eval::mobile::prefix_matches;
/// assert!(prefix_matches("iphone", "iPhone"));
/// assert!(prefix_matches("iOS 14", "iOS 14.2.1 16F203"));
/// assert!(prefix_matches("iOS 1", "iOS 17.2"));
/// assert!(!prefix_matches("iPhone 12", "iPhone"));
/// assert!(prefix_matches("É", "é1"));
/// ```
pub fn prefix_matches(entry: &str, value: &str) -> bool {
    let mut value = value.chars().flat_map(char::to_lowercase);
    entry
        .chars()
        .flat_map(char::to_lowercase)
        .all(|wanted| value.next() == Some(wanted))
}

/// The first entry other than `$NONE` that `value` starts with (D28, D29).
fn first_hit(entries: &[String], value: &str) -> Option<usize> {
    entries
        .iter()
        .position(|entry| !is_none_token(entry) && prefix_matches(entry, value))
}

/// What looking a device's field up in one condition's list found, shared by the decision and
/// the explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lookup {
    /// The list is absent: no condition.
    NoCondition,
    /// The reported value starts with the entry at this index.
    Prefix(usize),
    /// The reported value starts with no entry.
    NoPrefix,
    /// The field is not reported and the list holds `$NONE` at this index.
    NoneToken(usize),
    /// The field is not reported and the list has no `$NONE`.
    NotReported,
}

fn lookup(entries: &[String], value: Option<&str>) -> Lookup {
    if entries.is_empty() {
        return Lookup::NoCondition;
    }
    match value {
        Some(value) => first_hit(entries, value).map_or(Lookup::NoPrefix, Lookup::Prefix),
        None => entries
            .iter()
            .position(|entry| is_none_token(entry))
            .map_or(Lookup::NotReported, Lookup::NoneToken),
    }
}

/// Whether a condition holds given what its lookup found (D29, D30, D31).
const fn holds(condition: MobileCondition, found: Lookup) -> bool {
    match found {
        Lookup::NoCondition => true,
        Lookup::Prefix(_) => !condition.excludes(),
        Lookup::NoPrefix => condition.excludes(),
        Lookup::NoneToken(_) => !condition.excludes(),
        // A positive list without `$NONE` does not match an unreported field, and a negative
        // list never matches one (D30).
        Lookup::NotReported => false,
    }
}

/// Whether every condition of `rule` holds for `device` (D31); a rule without conditions
/// matches every device.
pub fn rule_matches(rule: &MobileDeviceAccessRule, device: &Device) -> bool {
    DeviceField::ALL
        .into_iter()
        .all(|field| field_holds(rule, field, device.get(field)))
}

/// Whether the conditions `rule` sets on `field` (its list and its `Not` list) hold for a
/// device reporting `value` (`None`: not reported; D29-D31). A rule matches a device when this
/// holds for each of the four fields.
pub fn field_holds(rule: &MobileDeviceAccessRule, field: DeviceField, value: Option<&str>) -> bool {
    MobileCondition::ALL
        .into_iter()
        .filter(|condition| condition.field() == field)
        .all(|condition| holds(condition, lookup(rule.entries(condition), value)))
}

/// Whether one entry of a device condition list names `value`: the value starts with it,
/// ignoring case (D28), or the entry is `$NONE` and the property is not reported (D29).
pub(crate) fn entry_covers(entry: &String, value: Option<&str>) -> bool {
    matches!(
        lookup(std::slice::from_ref(entry), value),
        Lookup::Prefix(_) | Lookup::NoneToken(_)
    )
}

/// The effect and `MatchedRules` for `device` under `rules` (D32).
pub fn decide(
    rules: &[MobileDeviceAccessRule],
    device: &Device,
) -> (Effect, Vec<MobileDeviceAccessMatchedRule>) {
    combine(|effect| {
        rules
            .iter()
            .filter(|rule| rule.effect == effect && rule_matches(rule, device))
            .map(MobileDeviceAccessRule::matched)
            .collect()
    })
}

/// What one condition of a mobile rule found, with the entry involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "MobileFinding"))]
#[serde(rename_all_fields = "PascalCase", tag = "Finding")]
pub enum MobileFinding {
    /// The list is absent, so it imposes no condition.
    NoCondition,
    /// The reported value starts with this entry, ignoring case.
    PrefixMatched {
        /// The entry.
        entry: String,
    },
    /// The reported value starts with none of the entries.
    NoEntryMatched {
        /// How many entries other than `$NONE` were compared.
        count: usize,
    },
    /// The field is not reported and the list holds `$NONE`.
    NoneTokenMatched,
    /// The field is not reported and the list has no `$NONE`.
    NotReported,
}

impl fmt::Display for MobileFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoCondition => f.write_str("absent, so no condition"),
            Self::PrefixMatched { entry } => write!(
                f,
                "the value starts with `{}`, ignoring case",
                crate::shape::printable(entry)
            ),
            Self::NoEntryMatched { count: 1 } => {
                f.write_str("the value does not start with the entry")
            }
            Self::NoEntryMatched { count } => {
                write!(f, "the value starts with none of the {count} entries")
            }
            Self::NoneTokenMatched => f.write_str("not reported, and the list holds `$NONE`"),
            Self::NotReported => f.write_str("not reported"),
        }
    }
}

/// The outcome of one condition of one mobile rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct MobileConditionExplanation {
    /// Which condition.
    pub condition: MobileCondition,
    /// Whether it holds.
    pub holds: bool,
    /// What the lookup found.
    #[serde(flatten)]
    pub finding: MobileFinding,
    /// What this step rests on.
    pub basis: Basis,
}

/// The outcome of one mobile rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct MobileRuleExplanation {
    /// The rule's ID.
    pub mobile_device_access_rule_id: String,
    /// The rule's name.
    pub name: String,
    /// The rule's effect.
    pub effect: Effect,
    /// Whether every condition holds.
    pub matched: bool,
    /// Whether the rule is in `MatchedRules` (it matched and its effect won).
    pub deciding: bool,
    /// Every condition, in the order of the rule shape.
    pub conditions: Vec<MobileConditionExplanation>,
}

impl MobileRuleExplanation {
    /// The conditions the rule sets, in the order of the rule shape.
    pub fn set_conditions(&self) -> impl Iterator<Item = &MobileConditionExplanation> {
        self.conditions
            .iter()
            .filter(|condition| condition.finding != MobileFinding::NoCondition)
    }
}

/// A `GetMobileDeviceAccessEffect` answer with every rule's and condition's outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct MobileExplanation {
    /// The device asked about.
    pub device: Device,
    /// The effect, as AWS returns it.
    pub effect: Effect,
    /// `MatchedRules`, as AWS returns them.
    pub matched_rules: Vec<MobileDeviceAccessMatchedRule>,
    /// Why the effect follows.
    pub reason: DecisionReason,
    /// What the reason rests on.
    pub basis: Basis,
    /// Every rule, in list order.
    pub rules: Vec<MobileRuleExplanation>,
}

/// The basis of a condition's step: the guide documents prefix matching, `$NONE` and negative
/// conditions on empty fields; what exactly a prefix and the token are is decided (D28-D31).
const fn condition_basis(condition: MobileCondition, found: Lookup) -> Basis {
    match found {
        Lookup::NoCondition => Basis::Decided(Decision::D31),
        Lookup::Prefix(_) | Lookup::NoPrefix => Basis::Decided(Decision::D28),
        Lookup::NoneToken(_) => Basis::Documented(Source::MobileAccessRulesGuide),
        Lookup::NotReported if condition.excludes() => {
            Basis::Documented(Source::MobileAccessRulesGuide)
        }
        Lookup::NotReported => Basis::Decided(Decision::D29),
    }
}

fn explain_condition(
    rule: &MobileDeviceAccessRule,
    condition: MobileCondition,
    device: &Device,
) -> MobileConditionExplanation {
    let entries = rule.entries(condition);
    let found = lookup(entries, device.get(condition.field()));
    let finding = match found {
        Lookup::NoCondition => MobileFinding::NoCondition,
        Lookup::Prefix(at) => MobileFinding::PrefixMatched {
            entry: entries.get(at).cloned().unwrap_or_default(),
        },
        Lookup::NoPrefix => MobileFinding::NoEntryMatched {
            count: entries.iter().filter(|entry| !is_none_token(entry)).count(),
        },
        Lookup::NoneToken(_) => MobileFinding::NoneTokenMatched,
        Lookup::NotReported => MobileFinding::NotReported,
    };
    MobileConditionExplanation {
        condition,
        holds: holds(condition, found),
        finding,
        basis: condition_basis(condition, found),
    }
}

/// The basis of the combination step: the guide's three sentences (DENY wins, ALLOW when only
/// ALLOW rules match, blocked when nothing applies).
const fn reason_basis(_reason: DecisionReason) -> Basis {
    Basis::Documented(Source::MobileAccessRulesGuide)
}

/// Explains `device` under `rules`: the same answer as [`decide`], with every rule's and every
/// condition's outcome.
///
/// ```
/// use workmail_policy::model::{Device, MobileDeviceAccessRule};
/// use workmail_policy::eval::mobile::explain;
/// let rule: MobileDeviceAccessRule = serde_json::from_str(
///     r#"{"MobileDeviceAccessRuleId": "r", "Name": "no-android", "Effect": "DENY", "DeviceTypes": ["android"]}"#,
/// )?;
/// let device = Device { device_type: Some("Android".into()), ..Device::default() };
/// let explained = explain(&[MobileDeviceAccessRule::default_rule(), rule], &device);
/// assert_eq!(explained.effect.as_str(), "DENY");
/// assert!(explained.rules[1].deciding && !explained.rules[0].deciding);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn explain(rules: &[MobileDeviceAccessRule], device: &Device) -> MobileExplanation {
    let mut explained: Vec<MobileRuleExplanation> = rules
        .iter()
        .map(|rule| {
            let conditions: Vec<MobileConditionExplanation> = MobileCondition::ALL
                .into_iter()
                .map(|condition| explain_condition(rule, condition, device))
                .collect();
            MobileRuleExplanation {
                mobile_device_access_rule_id: rule.mobile_device_access_rule_id.clone(),
                name: rule.name.clone(),
                effect: rule.effect,
                matched: conditions.iter().all(|c| c.holds),
                deciding: false,
                conditions,
            }
        })
        .collect();
    let (effect, matched_rules) = combine(|effect| {
        explained
            .iter()
            .filter(|rule| rule.matched && rule.effect == effect)
            .map(|rule| MobileDeviceAccessMatchedRule {
                mobile_device_access_rule_id: rule.mobile_device_access_rule_id.clone(),
                name: rule.name.clone(),
            })
            .collect()
    });
    for rule in &mut explained {
        rule.deciding = rule.matched && rule.effect == effect && !matched_rules.is_empty();
    }
    let reason = DecisionReason::of(effect, matched_rules.len());
    MobileExplanation {
        device: device.clone(),
        effect,
        matched_rules,
        reason,
        basis: reason_basis(reason),
        rules: explained,
    }
}

/// How a field's value reads in a rule's explanation.
fn field_value(device: &Device, field: DeviceField) -> String {
    device.get(field).map_or_else(
        || "(not reported)".to_owned(),
        |value| format!("`{}`", crate::shape::printable(value)),
    )
}

impl fmt::Display for MobileExplanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}  for a device with {}", self.effect, self.device)?;
        let matched: Vec<String> = self
            .matched_rules
            .iter()
            .map(|rule| format!("{} ({})", rule.name, rule.mobile_device_access_rule_id))
            .collect();
        writeln!(
            f,
            "MatchedRules: {}",
            if matched.is_empty() {
                "(none)".to_owned()
            } else {
                matched.join(", ")
            }
        )?;
        writeln!(f, "Why: {}  [{}]", self.reason, self.basis)?;
        for rule in &self.rules {
            writeln!(f)?;
            let mark = if rule.matched { '✓' } else { '✗' };
            let outcome = if rule.matched {
                "matched"
            } else {
                "did not match"
            };
            let deciding = if rule.deciding { "  <- deciding" } else { "" };
            writeln!(
                f,
                "{mark} {} [{}] ({}) {outcome}{deciding}",
                rule.name, rule.mobile_device_access_rule_id, rule.effect
            )?;
            let mut set = rule.set_conditions().peekable();
            if set.peek().is_none() {
                writeln!(
                    f,
                    "    no conditions: the rule matches every device  [documented: {}]",
                    Source::MobileAccessRulesGuide.title()
                )?;
            }
            for condition in set {
                let verdict = if condition.holds { "holds" } else { "fails" };
                writeln!(
                    f,
                    "    {:<26} {verdict}  {} is {}: {}  [{}]",
                    condition.condition.as_str(),
                    condition.condition.field().describe(),
                    field_value(&self.device, condition.condition.field()),
                    condition.finding,
                    condition.basis
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(json: &str) -> MobileDeviceAccessRule {
        serde_json::from_str(json).unwrap_or_else(|_| MobileDeviceAccessRule::default_rule())
    }

    /// An ALLOW rule whose one condition is the list `member` with `entries`.
    fn list_rule(member: &str, entries: &[&str]) -> MobileDeviceAccessRule {
        rule(&format!(
            r#"{{"MobileDeviceAccessRuleId": "r", "Name": "r", "Effect": "ALLOW", "{member}": {}}}"#,
            serde_json::to_string(entries).unwrap_or_default()
        ))
    }

    fn device(device_type: Option<&str>) -> Device {
        Device {
            device_type: device_type.map(str::to_owned),
            ..Device::default()
        }
    }

    #[test]
    fn condition_table() {
        // (list member, entries, reported type, holds)
        let table: &[(&str, &[&str], Option<&str>, bool)] = &[
            ("DeviceTypes", &["iphone"], Some("iPhone"), true),
            ("DeviceTypes", &["iphone"], Some("iPad"), false),
            ("DeviceTypes", &["iphone"], None, false),
            ("DeviceTypes", &["iphone", "$NONE"], None, true),
            ("DeviceTypes", &["$none"], None, true),
            ("DeviceTypes", &["$NONE"], Some("$NONE"), false),
            ("DeviceTypes", &["$"], None, false),
            ("DeviceTypes", &["$"], Some("$NONE"), true),
            ("NotDeviceTypes", &["android"], Some("iPhone"), true),
            ("NotDeviceTypes", &["android"], Some("Android"), false),
            ("NotDeviceTypes", &["android"], None, false),
            ("NotDeviceTypes", &["$NONE"], Some("iPhone"), true),
            ("NotDeviceTypes", &["$NONE"], None, false),
            ("DeviceTypes", &["iPhone 12"], Some("iPhone"), false),
        ];
        for (member, entries, reported, expected) in table {
            let rule = list_rule(member, entries);
            assert_eq!(
                rule_matches(&rule, &device(*reported)),
                *expected,
                "{member} {entries:?} {reported:?}"
            );
            let explained = explain(std::slice::from_ref(&rule), &device(*reported));
            assert_eq!(explained.rules.first().map(|r| r.matched), Some(*expected));
        }
    }

    #[test]
    fn each_condition_says_what_its_lookup_found_and_what_that_rests_on() {
        let guide = Basis::Documented(Source::MobileAccessRulesGuide);
        let none = || MobileFinding::NoneTokenMatched;
        let no_entry = |count| MobileFinding::NoEntryMatched { count };
        let prefix = |entry: &str| MobileFinding::PrefixMatched {
            entry: entry.to_owned(),
        };
        let d28 = Basis::Decided(Decision::D28);
        /// A list member, its entries, the reported type, what was found, what it rests on.
        type Case<'a> = (
            &'a str,
            &'a [&'a str],
            Option<&'a str>,
            MobileFinding,
            Basis,
        );
        let table: Vec<Case<'_>> = vec![
            (
                "DeviceTypes",
                &["ip", "and"],
                Some("iPhone"),
                prefix("ip"),
                d28,
            ),
            (
                "DeviceTypes",
                &["ipad", "android"],
                Some("iPhone"),
                no_entry(2),
                d28,
            ),
            // `$NONE` is not compared with a reported value, so it is not counted.
            (
                "DeviceTypes",
                &["$NONE", "ipad", "android"],
                Some("iPhone"),
                no_entry(2),
                d28,
            ),
            (
                "NotDeviceTypes",
                &["$none", "ipad"],
                Some("iPhone"),
                no_entry(1),
                d28,
            ),
            ("DeviceTypes", &["ipad", "$none"], None, none(), guide),
            // An unreported field fails a positive list by decision, and a negative list as the
            // guide documents.
            (
                "DeviceTypes",
                &["ipad"],
                None,
                MobileFinding::NotReported,
                Basis::Decided(Decision::D29),
            ),
            (
                "NotDeviceTypes",
                &["ipad"],
                None,
                MobileFinding::NotReported,
                guide,
            ),
        ];
        for (member, entries, reported, finding, basis) in table {
            let rules = [list_rule(member, entries)];
            let explained = explain(&rules, &device(reported));
            let set: Vec<_> = explained
                .rules
                .iter()
                .flat_map(MobileRuleExplanation::set_conditions)
                .map(|condition| (condition.finding.clone(), condition.basis))
                .collect();
            assert_eq!(set, [(finding, basis)], "{member} {entries:?} {reported:?}");
        }
        let unset = explain(&[MobileDeviceAccessRule::default_rule()], &device(None));
        let conditions = unset.rules.first().map(|rule| &rule.conditions);
        assert!(
            conditions.is_some_and(|conditions| conditions.iter().all(|condition| {
                condition.finding == MobileFinding::NoCondition
                    && condition.holds
                    && condition.basis == Basis::Decided(Decision::D31)
            }))
        );
    }

    #[test]
    fn decide_and_explain_agree() {
        let rules = [
            MobileDeviceAccessRule::default_rule(),
            rule(
                r#"{"MobileDeviceAccessRuleId": "d", "Name": "d", "Effect": "DENY", "DeviceTypes": ["android"]}"#,
            ),
            rule(
                r#"{"MobileDeviceAccessRuleId": "a", "Name": "a", "Effect": "ALLOW", "DeviceTypes": ["iphone"]}"#,
            ),
        ];
        for reported in [None, Some("Android"), Some("iPhone"), Some("BlackBerry")] {
            let device = device(reported);
            let (effect, matched) = decide(&rules, &device);
            let explained = explain(&rules, &device);
            assert_eq!(
                (effect, matched),
                (explained.effect, explained.matched_rules)
            );
        }
    }

    #[test]
    fn the_explanation_prints_every_rule_with_its_basis() {
        let rules = [rule(
            r#"{"MobileDeviceAccessRuleId": "d", "Name": "no-android", "Effect": "DENY", "NotDeviceTypes": ["iphone"]}"#,
        )];
        let text = explain(&rules, &device(None)).to_string();
        assert!(
            text.starts_with("DENY  for a device with no device type"),
            "{text}"
        );
        assert!(text.contains("NotDeviceTypes"), "{text}");
        assert!(
            text.contains("fails  device type is (not reported): not reported  [documented"),
            "{text}"
        );
    }
}
