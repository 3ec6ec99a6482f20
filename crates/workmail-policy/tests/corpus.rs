//! Runs the shared corpus `tests/cases/*.json` (format: `tests/cases/README.md`) against the core.
//! The npm package and the playground run the same files and must give the same answers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use workmail_policy::{FixedEnvironment, Operation, Organization};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases")
}

/// Compares `actual` with `expected`, binding and checking `{{name}}` placeholders.
fn matches(
    expected: &Value,
    actual: &Value,
    bound: &mut BTreeMap<String, Value>,
    at: &str,
) -> Result<(), String> {
    if let Some(name) = expected
        .as_str()
        .and_then(|s| s.strip_prefix("{{"))
        .and_then(|s| s.strip_suffix("}}"))
    {
        return match bound.get(name) {
            Some(value) if value == actual => Ok(()),
            Some(value) => Err(format!(
                "{at}: expected {{{{{name}}}}} = {value}, got {actual}"
            )),
            None => {
                bound.insert(name.to_owned(), actual.clone());
                Ok(())
            }
        };
    }
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let mut keys: Vec<&String> = e.keys().chain(a.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                match (e.get(key), a.get(key)) {
                    (Some(ev), Some(av)) => matches(ev, av, bound, &format!("{at}.{key}"))?,
                    (Some(_), None) => return Err(format!("{at}: missing member {key}")),
                    (None, Some(av)) => {
                        return Err(format!("{at}: unexpected member {key} = {av}"));
                    }
                    (None, None) => {}
                }
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
            .iter()
            .zip(a)
            .enumerate()
            .try_for_each(|(i, (ev, av))| matches(ev, av, bound, &format!("{at}[{i}]"))),
        _ if expected == actual => Ok(()),
        _ => Err(format!("{at}: expected {expected}, got {actual}")),
    }
}

fn substitute(input: &Value, bound: &BTreeMap<String, Value>) -> Value {
    match input {
        Value::String(text) => text
            .strip_prefix("{{")
            .and_then(|s| s.strip_suffix("}}"))
            .and_then(|name| bound.get(name))
            .cloned()
            .unwrap_or_else(|| input.clone()),
        Value::Array(items) => Value::Array(items.iter().map(|v| substitute(v, bound)).collect()),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), substitute(v, bound)))
                .collect(),
        ),
        other => other.clone(),
    }
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
