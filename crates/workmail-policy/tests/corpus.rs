//! Runs the shared corpus `tests/cases/*.json` (format: `tests/cases/README.md`) against the core.
//! The npm package and the playground run the same files and must give the same answers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use workmail_policy::{FixedEnvironment, Operation, Organization};

mod corpus_format;

use corpus_format::{matches, substitute};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases")
}

fn run_case(path: &Path) -> Result<usize, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let case: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let document = serde_json::to_string_pretty(case.get("Document").ok_or("no Document")?)
        .map_err(|e| e.to_string())?;
    let mut org: Organization = Organization::from_json(&document)
        .map_err(|error| format!("document does not load:\n{error}"))?
        .organization;
    let mut env = FixedEnvironment::new(1_700_000_000.0, 42);
    let mut bound = BTreeMap::new();
    let steps = case
        .get("Steps")
        .and_then(Value::as_array)
        .ok_or("no Steps")?;
    for (index, step) in steps.iter().enumerate() {
        let at = format!("step {index}");
        let operation: Operation = step["Operation"]
            .as_str()
            .ok_or(format!("{at}: no Operation"))?
            .parse()
            .map_err(|e| format!("{at}: {e}"))?;
        let input = substitute(&step["Input"], &bound);
        let result = org.call(operation, &input, &mut env);
        match (result, step.get("Expect"), step.get("ExpectError")) {
            (Ok(response), Some(expected), None) => matches(expected, &response, &mut bound, &at)?,
            (Err(error), None, Some(expected)) => {
                let code = expected["Code"].as_str().unwrap_or_default();
                if error.code.as_str() != code {
                    return Err(format!(
                        "{at} ({}): expected {code}, got {error}",
                        operation.name()
                    ));
                }
                let part = expected.get("MessageContains").and_then(Value::as_str);
                if let Some(part) = part.filter(|part| !error.message.contains(part)) {
                    return Err(format!("{at}: message {:?} lacks {part:?}", error.message));
                }
            }
            (Ok(response), None, Some(expected)) => {
                return Err(format!(
                    "{at} ({}): expected error {expected}, got {response}",
                    operation.name()
                ));
            }
            (Err(error), Some(_), None) => {
                return Err(format!("{at} ({}): unexpected {error}", operation.name()));
            }
            _ => return Err(format!("{at}: needs exactly one of Expect and ExpectError")),
        }
        // Every state the emulator reaches must survive a save and reload unchanged.
        let reloaded = Organization::from_json(&org.to_json())
            .map_err(|error| format!("{at}: saved document does not reload:\n{error}"))?;
        if reloaded.organization != org {
            return Err(format!("{at}: the saved document reloads differently"));
        }
    }
    Ok(steps.len())
}

#[test]
fn every_corpus_case_gives_the_expected_answers() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/cases exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "the corpus has {} cases", paths.len());
    let mut failures = Vec::new();
    let mut steps = 0;
    for path in &paths {
        match run_case(path) {
            Ok(count) => steps += count,
            Err(message) => failures.push(format!("{}: {message}", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(steps > 50, "only {steps} steps ran");
}

#[test]
fn placeholders_bind_once_and_then_must_agree() {
    let mut bound = BTreeMap::new();
    let expected = serde_json::json!({"A": "{{id}}", "B": "{{id}}"});
    assert!(
        matches(
            &expected,
            &serde_json::json!({"A": "x", "B": "x"}),
            &mut bound,
            ""
        )
        .is_ok()
    );
    let mut bound = BTreeMap::new();
    assert!(
        matches(
            &expected,
            &serde_json::json!({"A": "x", "B": "y"}),
            &mut bound,
            ""
        )
        .is_err()
    );
    assert!(
        matches(
            &serde_json::json!([1]),
            &serde_json::json!([1, 2]),
            &mut bound,
            ""
        )
        .is_err()
    );
}
