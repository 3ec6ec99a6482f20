//! The SARIF logs validate against the SARIF 2.1.0 JSON Schema (OASIS), read with a validator
//! and types that are not this project's code, and locate each result where it is.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use workmail_policy::Organization;
use workmail_policy::analysis::{
    Guarantee, check_change, check_sarif, lint_document, lint_sarif, load_tests, run_tests,
    tests_sarif,
};

/// The SARIF 2.1.0 schema the `serde-sarif` crate is generated from, found through
/// `cargo metadata`.
#[expect(
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fixture that cannot be read fails the test"
)]
fn sarif_schema() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|error| panic!("cargo metadata: {error}"));
    let metadata: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("cargo metadata's output: {error}"));
    let manifest = metadata["packages"]
        .as_array()
        .and_then(|packages| {
            packages
                .iter()
                .find(|package| package["name"] == "serde-sarif")
        })
        .and_then(|package| package["manifest_path"].as_str())
        .unwrap_or_else(|| panic!("serde-sarif is not in the dependency graph"));
    let schema = PathBuf::from(manifest)
        .with_file_name("src")
        .join("schema.json");
    let text = std::fs::read_to_string(&schema)
        .unwrap_or_else(|error| panic!("{}: {error}", schema.display()));
    // The schema's pattern for `run.language` has a `]` outside a class, a literal in
    // ECMAScript's legacy syntax that the validator's regular expressions refuse: escaped, it
    // means the same.
    let text = text.replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#,
    );
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("the SARIF schema: {error}"))
}

/// Validates `log` against the schema and reads it into `serde-sarif`'s types.
#[expect(clippy::panic, reason = "an assertion helper")]
fn assert_valid(log: &Value) {
    let validator = jsonschema::validator_for(&sarif_schema())
        .unwrap_or_else(|error| panic!("the SARIF schema does not compile: {error}"));
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{log:#}");
    let typed: Result<serde_sarif::sarif::Sarif, _> = serde_json::from_value(log.clone());
    assert!(typed.is_ok(), "{typed:?}");
    // A log missing its runs is refused: the validator does check.
    assert!(!validator.is_valid(&serde_json::json!({"version": "2.1.0"})));
}

const MESSY: &str = "{\"AccessControlRules\": [\n\
    {\"Name\": \"default\", \"Effect\": \"ALLOW\"},\n\
    {\"Name\": \"office\", \"Effect\": \"DENY\", \"Actions\": [\"IMAP\", \"IMAP\"], \"NotIpRanges\": [\"192.0.2.7/24\"]},\n\
    {\"Name\": \"never\", \"Effect\": \"DENY\", \"Actions\": [\"EWS\"], \"NotActions\": [\"EWS\"]}],\n\
  \"Extra\": 1}";

#[test]
fn lint_findings_are_a_valid_log_located_in_the_document() {
    let report = lint_document(MESSY).unwrap_or_else(|error| panic!("{error}"));
    let log = lint_sarif(&report, "policies/org.json");
    assert_valid(&log);
    let run = &log["runs"][0];
    let results = run["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), report.findings.len());
    for (result, finding) in results.iter().zip(&report.findings) {
        assert_eq!(result["ruleId"], finding.code);
        let location = &result["locations"][0];
        assert_eq!(
            location["physicalLocation"]["artifactLocation"]["uri"],
            "policies/org.json"
        );
        assert_eq!(
            location["physicalLocation"]["region"]["startLine"],
            finding.line.unwrap_or(0)
        );
        assert_eq!(
            location["physicalLocation"]["region"]["startColumn"],
            finding.column.unwrap_or(0)
        );
        let rule =
            &run["tool"]["driver"]["rules"][result["ruleIndex"].as_u64().unwrap_or(999) as usize];
        assert_eq!(rule["id"], finding.code);
        // The finding's JSON path is its logical location.
        assert_eq!(
            location["logicalLocations"],
            serde_json::json!([{"fullyQualifiedName": finding.path, "kind": "member"}])
        );
    }
    // The loader's own warning (`Extra`) is a rule too.
    assert!(
        results
            .iter()
            .any(|result| result["ruleId"] == "unknown-member")
    );
    assert!(results.iter().any(|result| result["level"] == "warning"));
}

#[test]
fn failing_tests_and_properties_are_located_in_the_tests_file() {
    let tests = "{\"Tests\": [\n\
        {\"Name\": \"ok\", \"Request\": {\"IpAddress\": \"192.0.2.1\", \"Action\": \"IMAP\", \"UserId\": \"S-1-1-11-1234567890\"}, \"Expect\": {\"Effect\": \"ALLOW\"}},\n\
        {\"Name\": \"closed\", \"Request\": {\"IpAddress\": \"192.0.2.1\", \"Action\": \"IMAP\", \"UserId\": \"S-1-1-11-1234567890\"}, \"Expect\": {\"Effect\": \"DENY\"}}],\n\
      \"Properties\": [\n\
        {\"Name\": \"nothing\", \"ForAll\": {}, \"Expect\": {\"Effect\": \"DENY\"}}]}";
    let suite = load_tests(tests)
        .map(|loaded| loaded.suite)
        .unwrap_or_default();
    let report = run_tests(&Organization::default(), &suite);
    let log = tests_sarif(&report, tests, "tests.json");
    assert_valid(&log);
    let results = log["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let located: Vec<(&str, u64, u64)> = results
        .iter()
        .map(|result| {
            let region = &result["locations"][0]["physicalLocation"]["region"];
            (
                result["ruleId"].as_str().unwrap_or(""),
                region["startLine"].as_u64().unwrap_or(0),
                region["startColumn"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        located,
        [("failing-test", 3, 1), ("failing-property", 5, 1)]
    );
    assert_eq!(
        results[1]["properties"]["counterexample"]["Request"]["IpAddress"],
        "203.0.113.1"
    );
}

#[test]
fn a_broken_guarantee_is_a_result_per_class() {
    let new = Organization::from_json(
        r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW", "IpRanges": ["10.0.0.0/8"]}]}"#,
    )
    .map(|loaded| loaded.organization)
    .unwrap_or_default();
    let report = check_change(&Organization::default(), &new, Guarantee::NoLostAccess);
    let log = check_sarif(&report, "new.json");
    assert_valid(&log);
    assert_eq!(
        log["runs"][0]["results"].as_array().map(Vec::len),
        Some(report.classes)
    );
    // A class of requests is no place in the document: no logical location.
    let location = &log["runs"][0]["results"][0]["locations"][0];
    assert_eq!(location["physicalLocation"]["region"]["startLine"], 1);
    assert_eq!(location.get("logicalLocations"), None);
    let holds = check_change(&new, &new, Guarantee::Equivalent);
    let empty = check_sarif(&holds, "new.json");
    assert_valid(&empty);
    assert_eq!(empty["runs"][0]["results"], serde_json::json!([]));
}
