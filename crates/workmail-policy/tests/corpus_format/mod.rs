//! The placeholders of the corpus format (`tests/cases/README.md`): a `{{name}}` string in an
//! expected response binds to the actual value the first time and must agree after; in a later
//! input it stands for the bound value. The corpus test includes this module, and so does the
//! fuzz seed maker (`fuzz/examples/make_seeds.rs`), so both read cases alike.

use std::collections::BTreeMap;

use serde_json::Value;

/// Compares `actual` with `expected`, binding and checking `{{name}}` placeholders.
pub fn matches(
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

/// `input` with each `{{name}}` placeholder replaced by its bound value.
pub fn substitute(input: &Value, bound: &BTreeMap<String, Value>) -> Value {
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
