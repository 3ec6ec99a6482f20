//! A lint's severity, told by word and symbol as well as colour.

use workmail_policy::analysis::LintSeverity;
use yew::prelude::*;

/// [`SeverityBadge`]'s properties.
#[derive(Properties, PartialEq)]
pub struct SeverityBadgeProps {
    /// The severity.
    pub severity: LintSeverity,
}

/// The badge.
#[component]
pub fn SeverityBadge(props: &SeverityBadgeProps) -> Html {
    let (symbol, word) = match props.severity {
        LintSeverity::Warning => ("⚠", "Warning"),
        LintSeverity::Info => ("ℹ", "Info"),
    };
    html! {
        <span class={classes!("severity", props.severity.as_str())}>
            <span aria-hidden="true">{ symbol }</span>{ format!(" {word}") }
        </span>
    }
}
