//! `workmail-policy explain`: a decision and every rule and condition behind it.

use std::fmt::Display;

use anstyle::{AnsiColor, Style};
use serde::Serialize;
use serde_json::Value;
use workmail_policy::analysis::{PolicyRequest, WhatWouldChange, what_would_change};
use workmail_policy::{
    ApiError, EvaluateMobileDeviceAccessRequest, GetAccessControlEffectRequest,
    GetImpersonationRoleEffectRequest, GetMobileDeviceAccessEffectRequest, Operation, Organization,
};

use crate::args::{ExplainArgs, Format};
use crate::files::load_organization;
use crate::output::{Console, Failure};

/// Answers the question the arguments ask and prints the explanation, with `--suggest` followed
/// by the single edits that would flip it.
///
/// # Errors
/// An invalid document, the API error the question gets, or a failure to print.
pub fn run(args: &ExplainArgs, console: &mut Console<'_>) -> Result<(), Failure> {
    let organization = load_organization(console, &args.org)?;
    if args.asks_mobile() {
        return explain_mobile(args, &organization, console);
    }
    match &args.target_user {
        Some(target_user) => {
            let request = GetImpersonationRoleEffectRequest {
                organization_id: args.organization_id.clone(),
                impersonation_role_id: args.impersonation_role_id.clone().unwrap_or_default(),
                target_user: target_user.clone(),
            };
            let answer = organization.explain_impersonation(&request);
            let suggestions = args
                .suggest
                .then(|| {
                    let request = PolicyRequest::GetImpersonationRoleEffect(request);
                    suggest(&organization, &request)
                })
                .flatten();
            print(
                answer,
                suggestions,
                Operation::GetImpersonationRoleEffect,
                args.output,
                console,
            )
        }
        None => {
            // Both members are passed as given, so the core answers for a request with both or
            // neither of them exactly as `GetAccessControlEffect` does (D11).
            let request = GetAccessControlEffectRequest {
                organization_id: args.organization_id.clone(),
                ip_address: args.ip_address.clone().unwrap_or_default(),
                action: args.action.clone().unwrap_or_default(),
                user_id: args.user_id.clone(),
                impersonation_role_id: args.impersonation_role_id.clone(),
            };
            let answer = organization.explain_access(&request);
            let suggestions = args
                .suggest
                .then(|| {
                    let request = PolicyRequest::GetAccessControlEffect(request);
                    suggest(&organization, &request)
                })
                .flatten();
            print(
                answer,
                suggestions,
                Operation::GetAccessControlEffect,
                args.output,
                console,
            )
        }
    }
}

/// A mobile question: `EvaluateMobileDeviceAccess` for a user's device (`--device-id`), else
/// `GetMobileDeviceAccessEffect` for the device's properties.
fn explain_mobile(
    args: &ExplainArgs,
    organization: &Organization,
    console: &mut Console<'_>,
) -> Result<(), Failure> {
    match (&args.device_id, &args.user_id) {
        (Some(device_id), Some(user_id)) => {
            let request = EvaluateMobileDeviceAccessRequest {
                organization_id: args.organization_id.clone(),
                user_id: user_id.clone(),
                device_id: device_id.clone(),
                device: args.device(),
                ip_address: args.ip_address.clone(),
            };
            let answer = organization.explain_mobile_device_access(&request);
            print(
                answer,
                None,
                Operation::EvaluateMobileDeviceAccess,
                args.output,
                console,
            )
        }
        _ => {
            let request = GetMobileDeviceAccessEffectRequest {
                organization_id: args.organization_id.clone(),
                device: args.device(),
            };
            let answer = organization.explain_mobile_device_access_effect(&request);
            print(
                answer,
                None,
                Operation::GetMobileDeviceAccessEffect,
                args.output,
                console,
            )
        }
    }
}

/// The core's suggestions for the request. Its error is the one the explanation already got,
/// which is reported first, so it is dropped here.
fn suggest(organization: &Organization, request: &PolicyRequest) -> Option<WhatWouldChange> {
    what_would_change(organization, request).ok()
}

fn print<E: Display + Serialize>(
    answer: Result<E, ApiError>,
    suggestions: Option<WhatWouldChange>,
    operation: Operation,
    format: Format,
    console: &mut Console<'_>,
) -> Result<(), Failure> {
    let explanation = answer.map_err(|error| Failure::Api {
        error,
        operation,
        json: format == Format::Json,
    })?;
    match format {
        Format::Json => match suggestions {
            None => console.json(&explanation),
            Some(suggestions) => console.json(&with_suggestions(&explanation, &suggestions)?),
        },
        Format::Text => {
            let mut text = explanation.to_string();
            if console.terminal().colour_stdout() {
                text = paint(&text);
            }
            if let Some(suggestions) = suggestions {
                text.push('\n');
                text.push_str(&suggestions.to_string());
            }
            console.stdout(&text)
        }
    }
}

/// The explanation's JSON object with the suggestions added as its last member, `Suggestions`.
fn with_suggestions<E: Serialize>(
    explanation: &E,
    suggestions: &WhatWouldChange,
) -> Result<Value, Failure> {
    let unwritable = |error: serde_json::Error| {
        Failure::Failed(format!("cannot write the answer as JSON: {error}"))
    };
    let mut value = serde_json::to_value(explanation).map_err(unwritable)?;
    let list = serde_json::to_value(&suggestions.suggestions).map_err(unwritable)?;
    match &mut value {
        Value::Object(members) => {
            members.insert("Suggestions".to_owned(), list);
            Ok(value)
        }
        _ => Err(Failure::Failed(
            "cannot write the answer as JSON: the explanation is not an object".to_owned(),
        )),
    }
}

const ALLOW: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)))
    .bold();
const DENY: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)))
    .bold();
const MATCHED: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
const UNMATCHED: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));

fn effect_style(word: &str) -> Style {
    if word == "ALLOW" { ALLOW } else { DENY }
}

/// Colours an explanation's text: the decision on the first line, and on each rule's line its
/// ✓/✗ mark and its `(ALLOW)`/`(DENY)` effect. Everything else is left as the core wrote it.
pub fn paint(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    for (index, line) in text.split_inclusive('\n').enumerate() {
        if index == 0 {
            out.push_str(&paint_decision(line));
        } else {
            out.push_str(&paint_rule(line));
        }
    }
    out
}

/// `DENY  for user ...`: the leading effect.
fn paint_decision(line: &str) -> String {
    for word in ["ALLOW", "DENY"] {
        if let Some(rest) = line.strip_prefix(word) {
            let style = effect_style(word);
            return format!("{style}{word}{style:#}{rest}");
        }
    }
    line.to_owned()
}

/// `✓ name (DENY) matched`: the mark, and the effect in parentheses. A rule's name comes before
/// its effect and may itself contain `(DENY)`, so the last one is the effect.
fn paint_rule(line: &str) -> String {
    let (mark, style, rest) = if let Some(rest) = line.strip_prefix('✓') {
        ('✓', MATCHED, rest)
    } else if let Some(rest) = line.strip_prefix('✗') {
        ('✗', UNMATCHED, rest)
    } else {
        return line.to_owned();
    };
    let found = ["(ALLOW)", "(DENY)"]
        .into_iter()
        .filter_map(|effect| rest.rfind(effect).map(|at| (at, effect)))
        .max_by_key(|(at, _)| *at);
    let rest = match found {
        Some((at, effect)) => {
            let word = effect.trim_matches(['(', ')']);
            let word_style = effect_style(word);
            let (before, after) = rest.split_at(at);
            let after = after.get(effect.len()..).unwrap_or_default();
            format!("{before}({word_style}{word}{word_style:#}){after}")
        }
        None => rest.to_owned(),
    };
    format!("{style}{mark}{style:#}{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    const TEXT: &str = "DENY  for user `u` from 192.0.2.0 using IMAP\nMatchedRules: myRule\n\n✓ default (ALLOW) matched\n    no conditions\n\n✗ r \"a (DENY) b\" (ALLOW) did not match\n";

    #[test]
    fn painting_only_adds_escapes() {
        assert_eq!(strip(&paint(TEXT)), TEXT);
    }

    #[test]
    fn the_decision_marks_and_effects_are_coloured() {
        let painted = paint(TEXT);
        let lines: Vec<&str> = painted.lines().collect();
        assert!(lines[0].starts_with(&format!("{DENY}DENY{DENY:#}  for")));
        assert!(lines[3].starts_with(&format!("{MATCHED}✓{MATCHED:#} default ({ALLOW}ALLOW")));
        // The effect, not the `(DENY)` inside the rule's name.
        assert!(lines[6].contains(&format!("\"a (DENY) b\" ({ALLOW}ALLOW{ALLOW:#}) did not")));
        assert!(lines[6].starts_with(&format!("{UNMATCHED}✗")));
        assert_eq!(lines[4], "    no conditions");
    }
}
