//! What a replay of audit logs found: the counts, the malformed lines, the downloads, and the
//! distinct requests, newly denied first; choosing one asks it in the access question.

use std::rc::Rc;

use yew::prelude::*;

use super::analysis_table::analysis_table;
use crate::browser;
use crate::questions::{AccessQuestion, ImpersonationQuestion};
use crate::replay::{Replayed, Row};

/// [`ReplayResult`]'s properties.
#[derive(Properties, PartialEq)]
pub struct ReplayResultProps {
    /// What the replay found.
    pub replayed: Rc<Replayed>,
    /// Asks a request: the access question, and an impersonated request's role question.
    pub onask: Callback<(AccessQuestion, Option<ImpersonationQuestion>)>,
    /// Why a download failed.
    pub onfail: Callback<String>,
}

/// A count and its noun, singular or plural.
fn counted(count: u64, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Events read, replayed and skipped by reason.
fn summary(replayed: &Replayed) -> String {
    let mut text = format!(
        "{} read: {} replayed as {}.",
        counted(replayed.events, "event", "events"),
        replayed.replayed,
        counted(
            replayed.requests as u64,
            "distinct request",
            "distinct requests"
        ),
    );
    if !replayed.skipped.is_empty() {
        let reasons: Vec<String> = replayed
            .skipped
            .iter()
            .map(|(reason, count)| format!("{count} {reason}"))
            .collect();
        text.push_str(&format!(" Not replayed: {}.", reasons.join(", ")));
    }
    text
}

/// With a baseline, how many distinct requests the change denies and allows anew.
fn changes(replayed: &Replayed) -> Html {
    if !replayed.compared {
        return html! {
            <p class="hint" data-testid="replay-changes">
                { "Answers of the document alone: give an old version in Compare with… to see what the change denies or allows anew." }
            </p>
        };
    }
    let class = if replayed.newly_denied > 0 {
        "problem-line"
    } else {
        "ok-line"
    };
    html! {
        <p class={class} data-testid="replay-changes">
            { format!(
                "Against the old version: {} newly denied, {} newly allowed.",
                counted(replayed.newly_denied as u64, "request", "requests"),
                replayed.newly_allowed,
            ) }
        </p>
    }
}

/// The first malformed lines with their places, and how many more there were.
fn problems(replayed: &Replayed) -> Html {
    if replayed.problems.is_empty() {
        return html! {};
    }
    let items = replayed
        .problems
        .iter()
        .map(|problem| html! { <li><code>{ problem.clone() }</code></li> });
    html! {
        <>
            <h3>{ "Malformed lines" }</h3>
            <ul class="replay-problems" data-testid="replay-problems">{ for items }</ul>
            if replayed.more_problems > 0 {
                <p class="hint" data-testid="replay-problems-more">
                    { format!("and {} more.", counted(replayed.more_problems, "malformed line", "malformed lines")) }
                </p>
            }
        </>
    }
}

/// One request's row: clicking it, or its Ask button, asks it.
fn row(
    row: &Row,
    compared: bool,
    onask: &Callback<(AccessQuestion, Option<ImpersonationQuestion>)>,
) -> Html {
    let questions = row.questions();
    let onclick = onask.reform(move |_: MouseEvent| questions.clone());
    let label = format!(
        "Ask {} from {} for {}",
        row.action,
        row.ip_address,
        row.role.as_deref().unwrap_or(&row.user_id)
    );
    let time = |time: &Option<String>| time.clone().unwrap_or_else(|| "—".to_owned());
    html! {
        <tr class={classes!("replay-row", if row.allowed { "allow" } else { "deny" })}
            data-testid="replay-row" {onclick}>
            <td>
                <button type="button" class="quiet" aria-label={label} data-testid="replay-ask">{ "Ask" }</button>
                { " " }{ row.outcome.clone() }
            </td>
            <td data-testid="replay-proposed">{ row.proposed.clone() }</td>
            if compared {
                <td data-testid="replay-baseline-answer">{ row.baseline.clone().unwrap_or_default() }</td>
            }
            <td>{ row.count }</td>
            <td><code>{ row.ip_address.clone() }</code></td>
            <td>{ row.action.clone() }</td>
            <td><code>{ row.user_id.clone() }</code></td>
            <td>{ row.role.clone().map(|role| html! { <code>{ role }</code> }) }</td>
            <td>{ time(&row.first_seen) }</td>
            <td>{ time(&row.last_seen) }</td>
        </tr>
    }
}

/// The result.
#[component]
pub fn ReplayResult(props: &ReplayResultProps) -> Html {
    let replayed = &props.replayed;
    let download = |name: &'static str, mime: &'static str, text: fn(&Replayed) -> &str| {
        let replayed = Rc::clone(replayed);
        let onfail = props.onfail.clone();
        Callback::from(move |_: MouseEvent| {
            if browser::download(name, mime, text(&replayed)).is_err() {
                onfail.emit("the browser refused to save the file".to_owned());
            }
        })
    };
    // The answers first, where a wide table does not scroll them out of view.
    let headers: &[&'static str] = if replayed.compared {
        &[
            "Outcome",
            "Document",
            "Old version",
            "Events",
            "Source IP",
            "Action",
            "User",
            "Role",
            "First seen",
            "Last seen",
        ]
    } else {
        &[
            "Outcome",
            "Document",
            "Events",
            "Source IP",
            "Action",
            "User",
            "Role",
            "First seen",
            "Last seen",
        ]
    };
    let rows = replayed
        .rows
        .iter()
        .map(|request| row(request, replayed.compared, &props.onask));
    html! {
        <div class="replay-result" data-testid="replay-result">
            <p data-testid="replay-summary">{ summary(replayed) }</p>
            { changes(replayed) }
            { problems(replayed) }
            <div class="button-row">
                <button type="button" data-testid="download-replay-markdown"
                        onclick={download("workmail-replay.md", "text/markdown", |r| &r.markdown)}>
                    <span aria-hidden="true">{ "⤓ " }</span>{ "Download Markdown" }
                </button>
                <button type="button" data-testid="download-replay-csv"
                        onclick={download("workmail-replay.csv", "text/csv", |r| &r.csv)}>
                    <span aria-hidden="true">{ "⤓ " }</span>{ "Download CSV" }
                </button>
                <button type="button" data-testid="download-replay-json"
                        onclick={download("workmail-replay.json", "application/json", |r| &r.json)}>
                    <span aria-hidden="true">{ "⤓ " }</span>{ "Download JSON" }
                </button>
            </div>
            if replayed.rows.len() < replayed.requests {
                <p class="hint" data-testid="replay-rows-more">
                    { format!("The first {} of {} distinct requests; the downloads hold them all.", replayed.rows.len(), replayed.requests) }
                </p>
            }
            { analysis_table(
                "replay-requests",
                "Distinct requests, newly denied first: Ask (or click the row) loads one into the access question",
                headers,
                html! { { for rows } },
            ) }
        </div>
    }
}
