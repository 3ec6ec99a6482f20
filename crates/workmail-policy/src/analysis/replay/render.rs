//! A replay report as text, Markdown and CSV.

use std::fmt;

use super::{Outcome, ReplayAnswer, ReplayReport, ReplayedRequest, SummaryRow};
use crate::analysis::render::{csv_record, markdown_cell, name_list};
use crate::shape::printable;

/// Epoch milliseconds as RFC 3339 in UTC with milliseconds (`2023-11-14T22:13:20.123Z`); the
/// number itself when it is out of `time`'s range.
pub fn format_epoch_milliseconds(milliseconds: i64) -> String {
    let nanoseconds = i128::from(milliseconds) * 1_000_000;
    match time::OffsetDateTime::from_unix_timestamp_nanos(nanoseconds) {
        Ok(instant) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            instant.year(),
            u8::from(instant.month()),
            instant.day(),
            instant.hour(),
            instant.minute(),
            instant.second(),
            instant.millisecond()
        ),
        Err(_) => milliseconds.to_string(),
    }
}

fn time_or_dash(milliseconds: Option<i64>) -> String {
    milliseconds.map_or_else(|| "-".to_owned(), format_epoch_milliseconds)
}

fn span(first: Option<i64>, last: Option<i64>) -> String {
    match (first, last) {
        (Some(first), Some(last)) if first == last => format_epoch_milliseconds(first),
        (Some(first), Some(last)) => format!(
            "{} to {}",
            format_epoch_milliseconds(first),
            format_epoch_milliseconds(last)
        ),
        _ => "no time".to_owned(),
    }
}

impl fmt::Display for ReplayAnswer {
    /// `DENY [rule, ...]`, with the role's answer for an impersonated request
    /// (`ALLOW [default] then role DENY [(none)]`), or the API's error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Decided {
                effect,
                matched_rules,
                impersonation,
            } => match impersonation {
                Some(role) => write!(
                    f,
                    "{} [{}] then role {} [{}]",
                    crate::model::Effect::Allow,
                    name_list(matched_rules),
                    role.effect,
                    name_list(&crate::ImpersonationMatchedRule::ids(&role.matched_rules))
                ),
                None => write!(f, "{effect} [{}]", name_list(matched_rules)),
            },
            Self::Refused { error } => write!(f, "{}: {}", error.code, error.message),
        }
    }
}

impl ReplayedRequest {
    /// Who asked, as text writes it: ``user `S-…` `` or ``role `r` for `S-…` ``.
    fn principal(&self) -> String {
        principal(self.request.impersonation_role_id.as_deref(), self.user())
    }

    fn answers(&self) -> String {
        match &self.baseline {
            Some(baseline) => format!("{baseline} -> {}", self.proposed),
            None => self.proposed.to_string(),
        }
    }
}

impl SummaryRow {
    fn principal(&self) -> String {
        principal(self.impersonation_role_id.as_deref(), &self.user_id)
    }
}

/// Who asked, as text writes it: ``user `S-…` `` or ``role `r` for `S-…` ``, control
/// characters (which a log may hold) escaped.
fn principal(role: Option<&str>, user: &str) -> String {
    let user = printable(user);
    match role {
        Some(role) => format!("role `{}` for `{user}`", printable(role)),
        None => format!("user `{user}`"),
    }
}

fn plural(count: u64, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

impl ReplayReport {
    /// The headline: events read, requests, what was skipped and why.
    fn headline(&self) -> String {
        let skipped: u64 = self.skipped.values().sum();
        let mut line = format!(
            "{} replayed as {}",
            plural(self.events - skipped.min(self.events), "event", "events"),
            plural(
                self.requests.len() as u64,
                "distinct request",
                "distinct requests"
            )
        );
        if skipped > 0 {
            let reasons: Vec<String> = self
                .skipped
                .iter()
                .map(|(reason, count)| format!("{count} {reason}"))
                .collect();
            line.push_str(&format!(
                "; {} skipped ({})",
                plural(skipped, "event", "events"),
                reasons.join(", ")
            ));
        }
        line
    }

    fn totals(&self, outcome: Outcome) -> (u64, u64) {
        self.requests
            .iter()
            .filter(|request| request.outcome == outcome)
            .fold((0, 0), |(requests, events), request| {
                (requests + 1, events + request.count)
            })
    }

    /// The changes in one line, with a baseline: `newly denied: ...; newly allowed: ...`.
    fn changes(&self) -> Option<String> {
        if !self.compared {
            return None;
        }
        let (denied, denied_events) = self.totals(Outcome::NewlyDenied);
        let (allowed, allowed_events) = self.totals(Outcome::NewlyAllowed);
        Some(format!(
            "newly denied: {} ({}); newly allowed: {} ({})",
            plural(denied, "request", "requests"),
            plural(denied_events, "event", "events"),
            plural(allowed, "request", "requests"),
            plural(allowed_events, "event", "events")
        ))
    }

    /// The report as Markdown: the headline, then a summary table and a requests table.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("{}\n", self.headline());
        if let Some(changes) = self.changes() {
            out.push_str(&format!("\n{changes}\n"));
        }
        out.push_str(
            "\n## By user, protocol and network\n\n| Outcome | Principal | Action | Network | Events | Requests | First seen | Last seen |\n|---|---|---|---|---:|---:|---|---|\n",
        );
        for row in &self.summary {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
                row.outcome.label(),
                markdown_cell(&row.principal()),
                row.action,
                row.network,
                row.events,
                row.requests,
                time_or_dash(row.first_seen),
                time_or_dash(row.last_seen)
            ));
        }
        let answer_columns = if self.compared {
            "| Baseline | Proposed |\n|---|---|---|---|---:|---|---|---|---|\n"
        } else {
            "| Proposed |\n|---|---|---|---|---:|---|---|---|\n"
        };
        out.push_str(&format!(
            "\n## Requests\n\n| Outcome | IpAddress | Action | Principal | Count | First seen | Last seen {answer_columns}"
        ));
        for request in &self.requests {
            let answers = match &request.baseline {
                Some(baseline) => format!(
                    "{} | {}",
                    markdown_cell(&baseline.to_string()),
                    markdown_cell(&request.proposed.to_string())
                ),
                None => markdown_cell(&request.proposed.to_string()),
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} | {answers} |\n",
                request.outcome.label(),
                request.address(),
                request.action(),
                markdown_cell(&request.principal()),
                request.count,
                time_or_dash(request.first_seen),
                time_or_dash(request.last_seen)
            ));
        }
        out
    }

    /// The requests as CSV (RFC 4180), one record per distinct request; lists separated by
    /// spaces, times in RFC 3339.
    pub fn to_csv(&self) -> String {
        let mut out = csv_record(
            &[
                "Outcome",
                "IpAddress",
                "Action",
                "UserId",
                "ImpersonationRoleId",
                "TargetUser",
                "Count",
                "FirstSeen",
                "LastSeen",
                "ProposedEffect",
                "ProposedMatchedRules",
                "BaselineEffect",
                "BaselineMatchedRules",
            ]
            .map(str::to_owned),
        );
        for request in &self.requests {
            let (proposed_effect, proposed_rules) = csv_answer(Some(&request.proposed));
            let (baseline_effect, baseline_rules) = csv_answer(request.baseline.as_ref());
            out.push_str(&csv_record(&[
                request.outcome.name().to_owned(),
                request.request.ip_address.clone(),
                request.request.action.clone(),
                request.request.user_id.clone().unwrap_or_default(),
                request
                    .request
                    .impersonation_role_id
                    .clone()
                    .unwrap_or_default(),
                request.target_user.clone().unwrap_or_default(),
                request.count.to_string(),
                request
                    .first_seen
                    .map(format_epoch_milliseconds)
                    .unwrap_or_default(),
                request
                    .last_seen
                    .map(format_epoch_milliseconds)
                    .unwrap_or_default(),
                proposed_effect,
                proposed_rules,
                baseline_effect,
                baseline_rules,
            ]));
        }
        out
    }
}

/// An answer's effect (or error code) and rules, for CSV.
fn csv_answer(answer: Option<&ReplayAnswer>) -> (String, String) {
    match answer {
        None => (String::new(), String::new()),
        Some(ReplayAnswer::Decided {
            effect,
            matched_rules,
            ..
        }) => (effect.to_string(), matched_rules.join(" ")),
        Some(ReplayAnswer::Refused { error }) => (error.code.clone(), String::new()),
    }
}

impl fmt::Display for ReplayReport {
    /// The headline, the changes (with a baseline), the summary by user, protocol and /24
    /// network, then every distinct request; each line starts with its outcome.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline())?;
        if let Some(changes) = self.changes() {
            writeln!(f, "{changes}")?;
        }
        if self.requests.is_empty() {
            return Ok(());
        }
        writeln!(f, "\nBy user, protocol and network:")?;
        for row in &self.summary {
            writeln!(
                f,
                "{:<13}  {}  {}  from {}  {} in {}  {}",
                row.outcome.label(),
                row.principal(),
                row.action,
                row.network,
                plural(row.events, "event", "events"),
                plural(row.requests, "request", "requests"),
                span(row.first_seen, row.last_seen)
            )?;
        }
        writeln!(f, "\nRequests:")?;
        for request in &self.requests {
            writeln!(
                f,
                "{:<13}  {}  from {}  {}  x{}  {}  {}",
                request.outcome.label(),
                request.action(),
                request.address(),
                request.principal(),
                request.count,
                span(request.first_seen, request.last_seen),
                request.answers()
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_utc_with_milliseconds() {
        assert_eq!(
            format_epoch_milliseconds(1_700_000_000_123),
            "2023-11-14T22:13:20.123Z"
        );
        assert_eq!(format_epoch_milliseconds(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_epoch_milliseconds(i64::MAX), i64::MAX.to_string());
    }
}
