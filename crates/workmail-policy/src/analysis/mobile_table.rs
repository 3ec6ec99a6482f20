//! The mobile device access rules' decision table: every device, cut into classes by the
//! rules' entries, each with the answer `GetMobileDeviceAccessEffect` gives it (D28-D32).
//!
//! A device is four properties, each reported or not. For one property, the rules' entries
//! (lower-cased, D28) cut the values into classes that every rule treats alike: not reported;
//! for each entry, the values that start with it but with none of its longer entries; and the
//! values that start with no entry. Two values of one class start with the same entries, so
//! every list and every `Not` list of every rule holds for both or for neither (D29-D31). The
//! table is the product of the four properties' classes, with classes of equal answers merged.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Serialize, Serializer};

use super::render::{csv_record, markdown_cell};
use crate::api::GetMobileDeviceAccessEffectResponse;
use crate::eval::mobile::{decide, field_holds, is_none_token};
use crate::model::{
    Device, DeviceField, Effect, MobileCondition, MobileDeviceAccessMatchedRule,
    MobileDeviceAccessRule,
};
use crate::org::Organization;

/// Which values of one device property a class covers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum DeviceValues {
    /// The device does not report the property.
    NotReported,
    /// Reported values that start with `Prefix`, ignoring case (D28), and with none of
    /// `Except`: the rules' longer entries that start with it.
    StartsWith {
        /// The entry, as a rule first spells it.
        #[serde(rename = "Prefix")]
        prefix: String,
        /// The longer entries that start with it, nearest first in text order.
        #[serde(rename = "Except")]
        except: Vec<String>,
    },
    /// Reported values that start with none of `Except`: the rules' entries (the shortest of
    /// those that start with one another).
    Other {
        /// The entries.
        #[serde(rename = "Except")]
        except: Vec<String>,
    },
}

impl fmt::Display for DeviceValues {
    /// `not reported`, `"iOS 1"… but not "iOS 16."…`, `anything else`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotReported => f.write_str("not reported"),
            Self::StartsWith { prefix, except } => {
                write!(f, "{}…", quoted(prefix))?;
                if !except.is_empty() {
                    let except: Vec<String> =
                        except.iter().map(|e| format!("{}…", quoted(e))).collect();
                    write!(f, " but not {}", except.join(", "))?;
                }
                Ok(())
            }
            Self::Other { except } if except.is_empty() => f.write_str("any value"),
            Self::Other { .. } => f.write_str("anything else"),
        }
    }
}

/// A text in double quotes, printable (control characters escaped).
fn quoted(text: &str) -> String {
    format!("\"{}\"", crate::shape::printable(text))
}

/// A set of devices: those whose every property is among the property's values here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct Devices {
    /// The device types.
    pub device_types: Vec<DeviceValues>,
    /// The device models.
    pub device_models: Vec<DeviceValues>,
    /// The operating systems.
    pub device_operating_systems: Vec<DeviceValues>,
    /// The user agents.
    pub device_user_agents: Vec<DeviceValues>,
}

impl Devices {
    /// The values of `field`.
    pub fn values(&self, field: DeviceField) -> &[DeviceValues] {
        match field {
            DeviceField::DeviceType => &self.device_types,
            DeviceField::DeviceModel => &self.device_models,
            DeviceField::DeviceOperatingSystem => &self.device_operating_systems,
            DeviceField::DeviceUserAgent => &self.device_user_agents,
        }
    }
}

/// One class of devices with the same answer: every device of `Devices` gets `Effect` and
/// `MatchedRules`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct MobileClass {
    /// The devices.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub devices: Devices,
    /// The effect.
    pub effect: Effect,
    /// `MatchedRules`, in rule order, as `GetMobileDeviceAccessEffect` returns them.
    pub matched_rules: Vec<MobileDeviceAccessMatchedRule>,
}

/// A class of devices whose `GetMobileDeviceAccessEffect` answer changes between two
/// documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct MobileChange {
    /// The devices.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub devices: Devices,
    /// The answer under the old document.
    pub before: GetMobileDeviceAccessEffectResponse,
    /// The answer under the new document.
    pub after: GetMobileDeviceAccessEffectResponse,
}

/// Every class of each property, in [`DeviceField::ALL`] order: what a set of devices is read
/// against, so one holding every class of a property reads "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeviceClasses([Vec<DeviceValues>; 4]);

impl DeviceClasses {
    /// How the values of `field` read: `any` when they are every class, else the classes
    /// joined by "or".
    pub fn describe(&self, devices: &Devices, field: DeviceField) -> String {
        let at = DeviceField::ALL.iter().position(|known| *known == field);
        let values = devices.values(field);
        if at.and_then(|at| self.0.get(at)).map(Vec::len) == Some(values.len()) {
            return "any".to_owned();
        }
        values
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" or ")
    }

    /// The four properties on one line: `type "iPhone"…  ·  any model  ·  …`.
    pub fn line(&self, devices: &Devices) -> String {
        const LABELS: [(&str, &str); 4] = [
            ("type", "any type"),
            ("model", "any model"),
            ("OS", "any operating system"),
            ("user agent", "any user agent"),
        ];
        DeviceField::ALL
            .into_iter()
            .zip(LABELS)
            .map(
                |(field, (label, any))| match self.describe(devices, field).as_str() {
                    "any" => any.to_owned(),
                    values => format!("{label} {values}"),
                },
            )
            .collect::<Vec<_>>()
            .join("  ·  ")
    }
}

/// The mobile device access part of the decision table: classes that partition every device.
/// Serialized as the list of rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MobileTable {
    /// The rows: no two overlap, and together they cover every device.
    pub rows: Vec<MobileClass>,
    /// Every class of each property.
    pub classes: DeviceClasses,
}

impl Serialize for MobileTable {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.rows.serialize(serializer)
    }
}

/// The classes of one property: the values each covers, a value of it to ask with, and for
/// each rule whether the rule's conditions on the property hold for it.
struct FieldClasses {
    values: Vec<DeviceValues>,
    samples: Vec<Option<String>>,
    holds: Vec<Vec<bool>>,
}

fn lower(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// The entries of `shorter`'s chain that start with it and have no entry between: its nearest
/// longer entries, or with `None` the entries that start with no other.
fn nearest_longer(prefixes: &BTreeMap<String, String>, shorter: Option<&str>) -> Vec<String> {
    let extends =
        |longer: &str, shorter: &str| longer.len() > shorter.len() && longer.starts_with(shorter);
    prefixes
        .keys()
        .filter(|key| shorter.is_none_or(|shorter| extends(key, shorter)))
        .filter(|key| {
            !prefixes.keys().any(|between| {
                extends(key, between) && shorter.is_none_or(|shorter| extends(between, shorter))
            })
        })
        .filter_map(|key| prefixes.get(key).cloned())
        .collect()
}

/// A one-character value that starts with no entry, when there is one: one character starts
/// only with the one-character entries.
fn value_of_no_entry(prefixes: &BTreeMap<String, String>) -> Option<String> {
    (' '..='\u{ff}')
        .map(String::from)
        .find(|value| !prefixes.contains_key(&lower(value)))
}

fn field_classes(rules: &[MobileDeviceAccessRule], field: DeviceField) -> FieldClasses {
    let mut prefixes = BTreeMap::new();
    for rule in rules {
        for condition in MobileCondition::ALL {
            if condition.field() != field {
                continue;
            }
            for entry in rule.entries(condition) {
                if !is_none_token(entry) {
                    prefixes
                        .entry(lower(entry))
                        .or_insert_with(|| entry.clone());
                }
            }
        }
    }
    let mut values = vec![DeviceValues::NotReported];
    let mut samples = vec![None];
    for (key, spelling) in &prefixes {
        values.push(DeviceValues::StartsWith {
            prefix: spelling.clone(),
            except: nearest_longer(&prefixes, Some(key)),
        });
        samples.push(Some(spelling.clone()));
    }
    if let Some(sample) = value_of_no_entry(&prefixes) {
        values.push(DeviceValues::Other {
            except: nearest_longer(&prefixes, None),
        });
        samples.push(Some(sample));
    }
    let holds = samples
        .iter()
        .map(|sample| {
            rules
                .iter()
                .map(|rule| field_holds(rule, field, sample.as_deref()))
                .collect()
        })
        .collect();
    FieldClasses {
        values,
        samples,
        holds,
    }
}

/// A cell of the product: for each property, the classes (indices) it covers.
type Cell = [Vec<usize>; 4];

/// What `GetMobileDeviceAccessEffect` answers: the effect and `MatchedRules`.
pub(super) type Answer = (Effect, Vec<MobileDeviceAccessMatchedRule>);

/// Cells that each set of rules answers alike, with those answers (one per set).
type AnsweredCells = (Vec<Answer>, Vec<Cell>);

/// The cells of devices that the same rules match, keyed by which rules match, after one more
/// property: each cell is extended, for each set of matching rules its classes lead to, by
/// those classes.
fn refine(
    cells: BTreeMap<Vec<bool>, Vec<Cell>>,
    at: usize,
    field: &FieldClasses,
) -> BTreeMap<Vec<bool>, Vec<Cell>> {
    let mut refined: BTreeMap<Vec<bool>, Vec<Cell>> = BTreeMap::new();
    for (matching, cells) in cells {
        let mut by_matching: BTreeMap<Vec<bool>, Vec<usize>> = BTreeMap::new();
        for (class, holds) in field.holds.iter().enumerate() {
            let still: Vec<bool> = matching.iter().zip(holds).map(|(a, b)| *a && *b).collect();
            by_matching.entry(still).or_default().push(class);
        }
        for (still, classes) in by_matching {
            let extended = refined.entry(still).or_default();
            for cell in &cells {
                let mut cell = cell.clone();
                if let Some(slot) = cell.get_mut(at) {
                    slot.clone_from(&classes);
                }
                extended.push(cell);
            }
        }
    }
    refined
}

/// Merges cells of one answer that differ in one property only, until none do.
fn merge(cells: &mut Vec<Cell>) {
    while let Some((first, second, at)) = mergeable(cells) {
        let other = cells.remove(second);
        let union = cells.get_mut(first).and_then(|cell| cell.get_mut(at));
        if let (Some(union), Some(extra)) = (union, other.get(at)) {
            union.extend(extra.iter().copied());
            union.sort_unstable();
        }
    }
}

/// Two cells (in order) that differ in one property only, and that property.
fn mergeable(cells: &[Cell]) -> Option<(usize, usize, usize)> {
    cells.iter().enumerate().find_map(|(first, a)| {
        cells
            .iter()
            .enumerate()
            .skip(first + 1)
            .find_map(|(second, b)| {
                let mut differing = a
                    .iter()
                    .zip(b)
                    .enumerate()
                    .filter(|(_, (x, y))| x != y)
                    .map(|(at, _)| at);
                match (differing.next(), differing.next()) {
                    (Some(at), None) => Some((first, second, at)),
                    _ => None,
                }
            })
    })
}

/// The values of the classes `indices` of a property.
fn values_of(field: &FieldClasses, indices: &[usize]) -> Vec<DeviceValues> {
    indices
        .iter()
        .filter_map(|&class| field.values.get(class).cloned())
        .collect()
}

/// Devices cut into cells that each of `sets` of rules answers alike: every class of each
/// property, and each distinct list of answers (one per set) with its cells, merged.
fn partition(sets: &[&[MobileDeviceAccessRule]]) -> (Vec<FieldClasses>, Vec<AnsweredCells>) {
    let rules: Vec<MobileDeviceAccessRule> =
        sets.iter().flat_map(|set| set.iter().cloned()).collect();
    let fields: Vec<FieldClasses> = DeviceField::ALL
        .into_iter()
        .map(|field| field_classes(&rules, field))
        .collect();
    let mut cells = BTreeMap::from([(vec![true; rules.len()], vec![Cell::default()])]);
    for (at, field) in fields.iter().enumerate() {
        cells = refine(cells, at, field);
    }
    let mut by_answers: Vec<AnsweredCells> = Vec::new();
    for cells in cells.into_values() {
        let Some(first) = cells.first() else {
            continue;
        };
        let device = sample_of(&fields, first);
        let answers: Vec<Answer> = sets.iter().map(|set| decide(set, &device)).collect();
        match by_answers.iter_mut().find(|(known, _)| *known == answers) {
            Some((_, known)) => known.extend(cells),
            None => by_answers.push((answers, cells)),
        }
    }
    for (_, cells) in &mut by_answers {
        merge(cells);
    }
    (fields, by_answers)
}

/// A device of a cell: the first class of each property, asked with its sample value.
fn sample_of(fields: &[FieldClasses], cell: &Cell) -> Device {
    let mut device = Device::default();
    for ((field, classes), indices) in DeviceField::ALL.into_iter().zip(fields).zip(cell) {
        let sample = indices
            .first()
            .and_then(|&class| classes.samples.get(class))
            .cloned()
            .flatten();
        device.set(field, sample);
    }
    device
}

/// The classes of devices that `region`'s conditions hold for, each with one device of it and
/// the answer `rules` give every device of it; classes of equal answers are merged. A property
/// over mobile requests reads its requests off these.
pub(super) fn classes_within(
    rules: &[MobileDeviceAccessRule],
    region: &MobileDeviceAccessRule,
) -> Vec<(Devices, Device, Answer)> {
    let (fields, by_answers) = partition(&[rules, std::slice::from_ref(region)]);
    let mut classes = Vec::new();
    for (answers, cells) in by_answers {
        let Ok([answer, (inside, _)]) = <[Answer; 2]>::try_from(answers) else {
            continue;
        };
        if inside != Effect::Allow {
            continue;
        }
        for cell in &cells {
            classes.push((
                devices_of(&fields, cell),
                sample_of(&fields, cell),
                answer.clone(),
            ));
        }
    }
    classes
}

/// The devices of a cell.
fn devices_of(fields: &[FieldClasses], cell: &Cell) -> Devices {
    let mut values = fields
        .iter()
        .zip(cell)
        .map(|(field, indices)| values_of(field, indices));
    let mut next = || values.next().unwrap_or_default();
    Devices {
        device_types: next(),
        device_models: next(),
        device_operating_systems: next(),
        device_user_agents: next(),
    }
}

/// Every class of each property.
fn classes_of(fields: Vec<FieldClasses>) -> DeviceClasses {
    let mut classes = fields.into_iter().map(|field| field.values);
    DeviceClasses(std::array::from_fn(|_| classes.next().unwrap_or_default()))
}

/// The decision table of an organization's mobile device access rules, as
/// `GetMobileDeviceAccessEffect` answers (overrides are per device and are not in it, D33).
///
/// ```
/// use workmail_policy::analysis::{mobile_table, DeviceValues};
/// use workmail_policy::Organization;
/// let org = Organization::from_json(r#"{"MobileDeviceAccessRules": [
///   {"MobileDeviceAccessRuleId": "ios", "Name": "iOS", "Effect": "ALLOW", "DeviceOperatingSystems": ["iOS 17."]}]}"#)?
///     .organization;
/// let table = mobile_table(&org);
/// assert_eq!(table.to_string(),
///     "ALLOW  any type  ·  any model  ·  OS \"iOS 17.\"…  ·  any user agent  [ios \"iOS\"]\n\
///      DENY   any type  ·  any model  ·  OS not reported or anything else  ·  any user agent  []\n");
/// # Ok::<(), workmail_policy::DocumentError>(())
/// ```
pub fn mobile_table(organization: &Organization) -> MobileTable {
    let rules = organization.mobile_device_access_rules();
    let (fields, mut by_answers) = partition(&[rules]);
    // Rows in the order of the rules that decide them; those no rule matches last.
    let place = |matched: &[MobileDeviceAccessMatchedRule]| -> (bool, Vec<usize>) {
        let positions = matched
            .iter()
            .filter_map(|m| {
                rules.iter().position(|rule| {
                    rule.mobile_device_access_rule_id == m.mobile_device_access_rule_id
                })
            })
            .collect();
        (matched.is_empty(), positions)
    };
    crate::sort::sort_by_key(&mut by_answers, |(answers, _)| {
        place(
            answers
                .first()
                .map_or(&[], |(_, matched)| matched.as_slice()),
        )
    });
    let mut rows = Vec::new();
    for (answers, cells) in by_answers {
        let Some((effect, matched_rules)) = answers.into_iter().next() else {
            continue;
        };
        for cell in &cells {
            rows.push(MobileClass {
                devices: devices_of(&fields, cell),
                effect,
                matched_rules: matched_rules.clone(),
            });
        }
    }
    MobileTable {
        rows,
        classes: classes_of(fields),
    }
}

/// The classes of devices whose `GetMobileDeviceAccessEffect` answer differs between `old` and
/// `new` (overrides aside), over the classes of both documents' entries, and those classes.
///
/// ```
/// use workmail_policy::analysis::mobile_changes;
/// use workmail_policy::{Effect, Organization};
/// let new = Organization::from_json(r#"{"MobileDeviceAccessRules": [
///   {"MobileDeviceAccessRuleId": "ios", "Name": "iOS", "Effect": "ALLOW", "DeviceOperatingSystems": ["iOS 17."]}]}"#)?
///     .organization;
/// let (changes, _) = mobile_changes(&Organization::default(), &new);
/// // iOS 17 devices are now allowed by another rule; every other device is now denied.
/// assert_eq!(changes.len(), 2);
/// assert!(changes.iter().all(|change| change.before.effect == Effect::Allow));
/// assert!(changes.iter().any(|change| change.after.effect == Effect::Deny));
/// # Ok::<(), workmail_policy::DocumentError>(())
/// ```
pub fn mobile_changes(
    old: &Organization,
    new: &Organization,
) -> (Vec<MobileChange>, DeviceClasses) {
    let (changes, classes) = sampled_changes(old, new);
    (
        changes.into_iter().map(|(change, _)| change).collect(),
        classes,
    )
}

/// [`mobile_changes`], each change with one device of it.
pub(super) fn sampled_changes(
    old: &Organization,
    new: &Organization,
) -> (Vec<(MobileChange, Device)>, DeviceClasses) {
    let (fields, by_answers) = partition(&[
        old.mobile_device_access_rules(),
        new.mobile_device_access_rules(),
    ]);
    let response = |(effect, matched_rules): Answer| GetMobileDeviceAccessEffectResponse {
        effect,
        matched_rules,
    };
    let mut changes = Vec::new();
    for (answers, cells) in by_answers {
        let Ok([before, after]) = <[Answer; 2]>::try_from(answers) else {
            continue;
        };
        if before == after {
            continue;
        }
        for cell in &cells {
            let change = MobileChange {
                devices: devices_of(&fields, cell),
                before: response(before.clone()),
                after: response(after.clone()),
            };
            changes.push((change, sample_of(&fields, cell)));
        }
    }
    (changes, classes_of(fields))
}

/// `deny-all "DefaultDenyAll", ios "iOS"`: how the tables name matched mobile rules.
pub fn mobile_rule_labels(rules: &[MobileDeviceAccessMatchedRule]) -> String {
    rules
        .iter()
        .map(|rule| {
            format!(
                "{} {}",
                crate::shape::printable(&rule.mobile_device_access_rule_id),
                quoted(&rule.name)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl MobileTable {
    /// How a row's values of `field` read: `any` when it holds every class, else the classes
    /// joined by "or".
    ///
    /// ```
    /// use workmail_policy::analysis::mobile_table;
    /// use workmail_policy::{DeviceField, Organization};
    /// let table = mobile_table(&Organization::default());
    /// assert_eq!(table.describe(&table.rows[0], DeviceField::DeviceModel), "any");
    /// ```
    pub fn describe(&self, row: &MobileClass, field: DeviceField) -> String {
        self.classes.describe(&row.devices, field)
    }

    /// The table in Markdown.
    ///
    /// ```
    /// use workmail_policy::analysis::mobile_table;
    /// use workmail_policy::Organization;
    /// let markdown = mobile_table(&Organization::default()).to_markdown();
    /// assert!(markdown.starts_with("| Effect | Device type | Device model | Operating system | User agent | MatchedRules |"));
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut out = String::from(
            "| Effect | Device type | Device model | Operating system | User agent | MatchedRules |\n|---|---|---|---|---|---|\n",
        );
        for row in &self.rows {
            let mut cells = vec![row.effect.to_string()];
            for field in DeviceField::ALL {
                cells.push(self.describe(row, field));
            }
            cells.push(mobile_rule_labels(&row.matched_rules));
            let cells: Vec<String> = cells.iter().map(|cell| markdown_cell(cell)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out
    }

    /// The table in CSV (RFC 4180), one row per class: each property's values as a JSON array
    /// of [`DeviceValues`] (entries may hold any separator), `MatchedRules` as rule IDs
    /// separated by spaces.
    ///
    /// ```
    /// use workmail_policy::analysis::mobile_table;
    /// use workmail_policy::Organization;
    /// let csv = mobile_table(&Organization::default()).to_csv();
    /// assert_eq!(csv.lines().next(), Some("DeviceTypes,DeviceModels,DeviceOperatingSystems,DeviceUserAgents,Effect,MatchedRules"));
    /// ```
    pub fn to_csv(&self) -> String {
        let mut out = csv_record(&[
            "DeviceTypes".into(),
            "DeviceModels".into(),
            "DeviceOperatingSystems".into(),
            "DeviceUserAgents".into(),
            "Effect".into(),
            "MatchedRules".into(),
        ]);
        for row in &self.rows {
            let mut fields: Vec<String> = DeviceField::ALL
                .into_iter()
                .map(|field| serde_json::to_string(row.devices.values(field)).unwrap_or_default())
                .collect();
            fields.push(row.effect.to_string());
            fields.push(
                row.matched_rules
                    .iter()
                    .map(|rule| rule.mobile_device_access_rule_id.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            out.push_str(&csv_record(&fields));
        }
        out
    }
}

impl fmt::Display for MobileTable {
    /// One line per row: effect, the four properties, and `MatchedRules`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for row in &self.rows {
            writeln!(
                f,
                "{:<5}  {}  [{}]",
                row.effect.as_str(),
                self.classes.line(&row.devices),
                mobile_rule_labels(&row.matched_rules)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_organization;

    /// Whether `value` is among `values`, read as their documentation says.
    fn covers(values: &DeviceValues, value: Option<&str>) -> bool {
        let starts = |entry: &String| value.is_some_and(|v| lower(v).starts_with(&lower(entry)));
        match values {
            DeviceValues::NotReported => value.is_none(),
            DeviceValues::StartsWith { prefix, except } => {
                starts(prefix) && !except.iter().any(starts)
            }
            DeviceValues::Other { except } => value.is_some() && !except.iter().any(starts),
        }
    }

    const RULES: &str = r#"{"MobileDeviceAccessRules": [
        {"MobileDeviceAccessRuleId": "old-ios", "Name": "Old iOS", "Effect": "DENY",
         "DeviceOperatingSystems": ["iOS 1", "iOS 9"], "NotDeviceOperatingSystems": ["iOS 16.", "iOS 17."]},
        {"MobileDeviceAccessRuleId": "phones", "Name": "Phones", "Effect": "ALLOW",
         "DeviceTypes": ["iPhone", "$NONE"], "NotDeviceModels": ["iPhone1"]},
        {"MobileDeviceAccessRuleId": "agents", "Name": "Agents", "Effect": "ALLOW",
         "DeviceUserAgents": ["Outlook"], "NotDeviceTypes": ["$none", "Android"]},
        {"MobileDeviceAccessRuleId": "deny-unknown", "Name": "No type", "Effect": "DENY",
         "DeviceTypes": ["$NONE"], "DeviceModels": ["$NONE", "x"]}
    ]}"#;

    #[test]
    fn every_device_is_in_exactly_one_row_with_the_answer_it_gets() {
        let org = test_organization(RULES);
        let table = mobile_table(&org);
        let pools: [&[Option<&str>]; 4] = [
            &[
                None,
                Some("iPhone"),
                Some("IPHONE 15"),
                Some("android"),
                Some("$NONE"),
                Some("Tablet"),
            ],
            &[
                None,
                Some("iPhone1"),
                Some("iphone15C2"),
                Some("x"),
                Some("X1"),
                Some("Pixel"),
            ],
            &[
                None,
                Some("iOS 17.2"),
                Some("ios 16.0"),
                Some("iOS 15.7"),
                Some("iOS 9.3"),
                Some("Android 14"),
            ],
            &[
                None,
                Some("Outlook-iOS/2.0"),
                Some("outlook"),
                Some("Mail"),
                Some("$none"),
            ],
        ];
        let mut devices = vec![Device::default()];
        for (at, field) in DeviceField::ALL.into_iter().enumerate() {
            devices = devices
                .iter()
                .flat_map(|device| {
                    pools[at].iter().map(move |value| {
                        let mut device = device.clone();
                        device.set(field, value.map(str::to_owned));
                        device
                    })
                })
                .collect();
        }
        assert_eq!(devices.len(), 6 * 6 * 6 * 5);
        for device in &devices {
            let rows: Vec<&MobileClass> = table
                .rows
                .iter()
                .filter(|row| {
                    DeviceField::ALL.into_iter().all(|field| {
                        row.devices
                            .values(field)
                            .iter()
                            .any(|values| covers(values, device.get(field)))
                    })
                })
                .collect();
            assert_eq!(rows.len(), 1, "{device}: {rows:?}");
            let expected = decide(org.mobile_device_access_rules(), device);
            assert_eq!(
                (rows[0].effect, rows[0].matched_rules.clone()),
                expected,
                "{device}"
            );
        }
    }

    #[test]
    fn classes_of_a_property_follow_its_entries() {
        let org = test_organization(RULES);
        let table = mobile_table(&org);
        let os = &table.classes.0[2];
        let names: Vec<String> = os.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            [
                "not reported",
                "\"iOS 1\"… but not \"iOS 16.\"…, \"iOS 17.\"…",
                "\"iOS 16.\"…",
                "\"iOS 17.\"…",
                "\"iOS 9\"…",
                "anything else",
            ]
        );
        let json = serde_json::to_value(&os[1]).ok();
        assert_eq!(
            json,
            Some(
                serde_json::json!({"StartsWith": {"Prefix": "iOS 1", "Except": ["iOS 16.", "iOS 17."]}})
            )
        );
        assert_eq!(
            serde_json::to_value(&os[0]).ok(),
            Some(serde_json::json!("NotReported"))
        );
    }

    #[test]
    fn the_default_rule_allows_every_device_in_one_row() {
        let table = mobile_table(&Organization::default());
        assert_eq!(
            table.to_string(),
            "ALLOW  any type  ·  any model  ·  any operating system  ·  any user agent  [default \"default\"]\n"
        );
        let none = mobile_table(&test_organization(r#"{"MobileDeviceAccessRules": []}"#));
        assert_eq!(
            none.to_string(),
            "DENY   any type  ·  any model  ·  any operating system  ·  any user agent  []\n"
        );
        assert_eq!(
            none.to_csv(),
            "DeviceTypes,DeviceModels,DeviceOperatingSystems,DeviceUserAgents,Effect,MatchedRules\r\n\
             \"[\"\"NotReported\"\",{\"\"Other\"\":{\"\"Except\"\":[]}}]\",\"[\"\"NotReported\"\",{\"\"Other\"\":{\"\"Except\"\":[]}}]\",\"[\"\"NotReported\"\",{\"\"Other\"\":{\"\"Except\"\":[]}}]\",\"[\"\"NotReported\"\",{\"\"Other\"\":{\"\"Except\"\":[]}}]\",DENY,\r\n"
        );
    }

    #[test]
    fn devices_of_one_answer_are_one_row_in_the_order_of_the_deciding_rules() {
        let org = test_organization(
            r#"{"MobileDeviceAccessRules": [
            {"MobileDeviceAccessRuleId": "no-iphone", "Name": "No iPhone", "Effect": "DENY", "DeviceTypes": ["iPhone"]},
            {"MobileDeviceAccessRuleId": "x", "Name": "Model X", "Effect": "ALLOW", "DeviceModels": ["X"]}]}"#,
        );
        let table = mobile_table(&org);
        // An iPhone is denied whatever its model: one row, not one per model class.
        assert_eq!(
            table.to_string(),
            "DENY   type \"iPhone\"…  ·  any model  ·  any operating system  ·  any user agent  [no-iphone \"No iPhone\"]\n\
             ALLOW  type not reported or anything else  ·  model \"X\"…  ·  any operating system  ·  any user agent  [x \"Model X\"]\n\
             DENY   type not reported or anything else  ·  model not reported or anything else  ·  any operating system  ·  any user agent  []\n"
        );
        // A property no rule names has two classes: not reported, and any value.
        let os: Vec<String> = table.classes.0[2].iter().map(ToString::to_string).collect();
        assert_eq!(os, ["not reported", "any value"]);
    }

    #[test]
    fn single_characters_can_leave_no_other_value() {
        let every: Vec<String> = (' '..='\u{ff}')
            .map(|c| lower(&c.to_string()))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(|c| serde_json::to_string(&c).unwrap_or_default())
            .collect();
        let rules: Vec<String> = every
            .chunks(10)
            .enumerate()
            .map(|(at, entries)| {
                format!(
                    r#"{{"MobileDeviceAccessRuleId": "r{at}", "Name": "r", "Effect": "ALLOW", "DeviceTypes": [{}]}}"#,
                    entries.join(", ")
                )
            })
            .collect();
        let org = test_organization(&format!(
            r#"{{"MobileDeviceAccessRules": [{}]}}"#,
            rules.join(", ")
        ));
        let table = mobile_table(&org);
        assert!(
            !table.classes.0[0]
                .iter()
                .any(|values| matches!(values, DeviceValues::Other { .. })),
            "every value starts with a one-character entry"
        );
    }
}
