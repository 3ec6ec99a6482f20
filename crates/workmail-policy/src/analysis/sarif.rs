//! SARIF 2.1.0 logs of lint findings, failing tests and properties, and broken version gates,
//! as GitHub code scanning and other SARIF readers take them.
//!
//! Each log has one run whose tool is `workmail-policy`, with one rule per kind of result
//! (each lint, `failing-test`, `failing-property`, and the guarantee a check broke), and one
//! result per finding or failure. A result's physical location is the file the command read,
//! as the caller names it (a path relative to the repository root suits code scanning), with a
//! region at the finding's line and column (columns count Unicode code points, as every
//! position of this project does: `columnKind` says so); its logical location is the JSON path.
//! A failing test or property is located at its entry in the tests file; a broken guarantee at
//! the start of the new document, naming the rules that decide its counterexample. A failing
//! property's and a broken guarantee's request travels in the result's `properties`.

use serde_json::{Map, Value, json};

use super::gate::{Breach, CheckReport, Guarantee};
use super::lint::{LintReport, LintSeverity, lint_rule};
use super::test_suite::TestReport;
use crate::json::{self, Position};

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";

/// The schema a SARIF 2.1.0 log names.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// A rule of the run: its ID, a one-line description, and its default level.
struct RuleInfo {
    id: String,
    short: String,
    full: Option<String>,
    help: Option<String>,
    level: &'static str,
}

impl RuleInfo {
    fn to_json(&self) -> Value {
        let mut rule = Map::new();
        rule.insert("id".to_owned(), json!(self.id));
        rule.insert("shortDescription".to_owned(), json!({"text": self.short}));
        if let Some(full) = &self.full {
            rule.insert("fullDescription".to_owned(), json!({"text": full}));
        }
        if let Some(help) = &self.help {
            rule.insert("help".to_owned(), json!({"text": help}));
        }
        rule.insert(
            "defaultConfiguration".to_owned(),
            json!({"level": self.level}),
        );
        Value::Object(rule)
    }
}

/// A result: its rule (by index into the run's rules), level, message, where, and extra data.
struct Finding {
    rule: usize,
    level: &'static str,
    message: String,
    uri: String,
    position: Option<Position>,
    path: String,
    properties: Option<Value>,
}

impl Finding {
    fn to_json(&self, rules: &[RuleInfo]) -> Value {
        let mut physical = Map::new();
        physical.insert("artifactLocation".to_owned(), json!({"uri": self.uri}));
        let (line, column) = self.position.map_or((1, 1), |position| {
            (position.line.max(1), position.column.max(1))
        });
        physical.insert(
            "region".to_owned(),
            json!({"startLine": line, "startColumn": column}),
        );
        let mut location = Map::new();
        location.insert("physicalLocation".to_owned(), Value::Object(physical));
        if !self.path.is_empty() {
            location.insert(
                "logicalLocations".to_owned(),
                json!([{"fullyQualifiedName": self.path, "kind": "member"}]),
            );
        }
        let mut result = Map::new();
        let id = rules.get(self.rule).map_or("", |rule| rule.id.as_str());
        result.insert("ruleId".to_owned(), json!(id));
        result.insert("ruleIndex".to_owned(), json!(self.rule));
        result.insert("level".to_owned(), json!(self.level));
        result.insert("message".to_owned(), json!({"text": self.message}));
        result.insert("locations".to_owned(), json!([Value::Object(location)]));
        if let Some(properties) = &self.properties {
            result.insert("properties".to_owned(), properties.clone());
        }
        Value::Object(result)
    }
}

/// The log of one run.
fn log(rules: &[RuleInfo], findings: &[Finding]) -> Value {
    json!({
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "workmail-policy",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules.iter().map(RuleInfo::to_json).collect::<Vec<_>>()
            }},
            "columnKind": "unicodeCodePoints",
            "results": findings.iter().map(|finding| finding.to_json(rules)).collect::<Vec<_>>()
        }]
    })
}

/// The index of the rule `id` in `rules`, adding it with `make` when it is new.
fn rule_index(rules: &mut Vec<RuleInfo>, id: &str, make: impl FnOnce() -> RuleInfo) -> usize {
    if let Some(at) = rules.iter().position(|rule| rule.id == id) {
        return at;
    }
    rules.push(make());
    rules.len() - 1
}

/// The lint findings of the document at `uri` as a SARIF log: warnings as `warning`, infos as
/// `note`, each lint a rule with its title, what it finds and its fix.
///
/// ```
/// use workmail_policy::analysis::{lint_document, lint_sarif};
/// let text = "{\"AccessControlRules\": [{\"Name\": \"default\", \"Effect\": \"ALLOW\"},\n  {\"Name\": \"never\", \"Effect\": \"DENY\", \"Actions\": [\"EWS\"], \"NotActions\": [\"EWS\"]}]}";
/// let log = lint_sarif(&lint_document(text)?, "org.json");
/// let result = &log["runs"][0]["results"][0];
/// assert_eq!(result["ruleId"], "actions-all-excluded");
/// assert_eq!(result["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
/// # Ok::<(), workmail_policy::DocumentError>(())
/// ```
pub fn lint_sarif(report: &LintReport, uri: &str) -> Value {
    let mut rules = Vec::new();
    let findings: Vec<Finding> = report
        .findings
        .iter()
        .map(|finding| {
            let level = match finding.severity {
                LintSeverity::Warning => "warning",
                LintSeverity::Info => "note",
            };
            let rule = rule_index(&mut rules, finding.code, || match lint_rule(finding.code) {
                Some(lint) => RuleInfo {
                    id: lint.code().to_owned(),
                    short: lint.title().to_owned(),
                    full: Some(lint.what().to_owned()),
                    help: Some(lint.help_text()),
                    level,
                },
                None => RuleInfo {
                    id: finding.code.to_owned(),
                    short: format!("the document loader's `{}` warning", finding.code),
                    full: None,
                    help: None,
                    level,
                },
            });
            let message = match &finding.help {
                Some(help) => format!("{} ({help})", finding.message),
                None => finding.message.clone(),
            };
            Finding {
                rule,
                level,
                message,
                uri: uri.to_owned(),
                position: finding
                    .line
                    .zip(finding.column)
                    .map(|(line, column)| Position { line, column }),
                path: finding.path.clone(),
                properties: None,
            }
        })
        .collect();
    log(&rules, &findings)
}

/// Where each entry of the list `name` of a tests file starts.
fn entry_positions(text: &str, name: &str) -> Vec<Position> {
    let Ok(parsed) = json::parse(text) else {
        return Vec::new();
    };
    parsed
        .root
        .as_object()
        .and_then(|object| object.get(name))
        .and_then(|prop| prop.value.as_array())
        .map(|array| {
            array
                .elements
                .iter()
                .map(|element| parsed.source.position(json::start_of(element)))
                .collect()
        })
        .unwrap_or_default()
}

/// The failing tests and properties of a report as a SARIF log, each located at its entry in
/// the tests file (`text`, read from `uri`); a property's counterexample is in the result's
/// `properties`.
///
/// ```
/// use workmail_policy::analysis::{load_tests, run_tests, tests_sarif};
/// use workmail_policy::Organization;
/// let text = "{\"Tests\": [\n  {\"Name\": \"closed\", \"Request\": {\"IpAddress\": \"192.0.2.1\", \"Action\": \"IMAP\", \"UserId\": \"S-1-1-11-1234567890\"},\n   \"Expect\": {\"Effect\": \"DENY\"}}]}";
/// let report = run_tests(&Organization::default(), &load_tests(text)?.suite);
/// let log = tests_sarif(&report, text, "tests.json");
/// let result = &log["runs"][0]["results"][0];
/// assert_eq!(result["ruleId"], "failing-test");
/// assert_eq!(result["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
/// # Ok::<(), workmail_policy::DocumentError>(())
/// ```
pub fn tests_sarif(report: &TestReport, text: &str, uri: &str) -> Value {
    let tests = entry_positions(text, "Tests");
    let properties = entry_positions(text, "Properties");
    let mut rules = Vec::new();
    let mut findings = Vec::new();
    let mut fail = |(id, short): (&str, &str), message: String, position, path, properties| {
        let rule = rule_index(&mut rules, id, || RuleInfo {
            id: id.to_owned(),
            short: short.to_owned(),
            full: None,
            help: None,
            level: "error",
        });
        findings.push(Finding {
            rule,
            level: "error",
            message,
            uri: uri.to_owned(),
            position,
            path,
            properties,
        });
    };
    for (at, result) in report.results.iter().enumerate() {
        if !result.passed {
            let kind = (
                "failing-test",
                "A saved test gets another answer than it expects",
            );
            fail(
                kind,
                result.to_string(),
                tests.get(at).copied(),
                format!("Tests[{at}]"),
                None,
            );
        }
    }
    for (at, result) in report.properties.iter().enumerate() {
        if result.holds {
            continue;
        }
        let kind = (
            "failing-property",
            "Some request of a property's ForAll gets another answer than it expects",
        );
        let counterexample = result.counterexample.as_ref().map(|counterexample| {
            json!({
                "counterexample": serde_json::to_value(counterexample).unwrap_or_default(),
                "failingClasses": result.failing_classes
            })
        });
        let position = properties.get(at).copied();
        fail(
            kind,
            result.to_string(),
            position,
            format!("Properties[{at}]"),
            counterexample,
        );
    }
    log(&rules, &findings)
}

/// A broken guarantee as a SARIF log: one result per class that breaks it, located at the start
/// of the new document (`uri`), with its request and both answers in `properties`.
///
/// ```
/// use workmail_policy::analysis::{check_change, check_sarif, Guarantee};
/// use workmail_policy::Organization;
/// let new = Organization::from_json(r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW", "IpRanges": ["10.0.0.0/8"]}]}"#)?.organization;
/// let report = check_change(&Organization::default(), &new, Guarantee::NoLostAccess);
/// let log = check_sarif(&report, "new.json");
/// assert_eq!(log["runs"][0]["results"][0]["ruleId"], "no-lost-access");
/// # Ok::<(), workmail_policy::DocumentError>(())
/// ```
pub fn check_sarif(report: &CheckReport, uri: &str) -> Value {
    let id = match report.guarantee {
        Guarantee::NoNewAccess => "no-new-access",
        Guarantee::NoLostAccess => "no-lost-access",
        Guarantee::Equivalent => "equivalent",
    };
    let rules = vec![RuleInfo {
        id: id.to_owned(),
        short: format!(
            "The change keeps the guarantee: {}",
            report.guarantee.describe()
        ),
        full: None,
        help: None,
        level: "error",
    }];
    let findings: Vec<Finding> = report
        .counterexamples
        .iter()
        .map(|breach: &Breach| Finding {
            rule: 0,
            level: "error",
            message: format!("{}: {breach}", report.guarantee.describe()),
            uri: uri.to_owned(),
            position: None,
            path: String::new(),
            properties: Some(serde_json::to_value(breach).unwrap_or_default()),
        })
        .collect();
    log(&rules, &findings)
}
