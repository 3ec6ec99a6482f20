//! Every diagnostic of an editor's text, each a button that moves the caret to it.

use workmail_policy::{Diagnostic, Severity};
use yew::prelude::*;

use super::Memo;
use super::rich_text::RichText;

/// [`DiagnosticList`]'s properties.
#[derive(Properties, PartialEq)]
pub struct DiagnosticListProps {
    /// The element ID.
    pub id: AttrValue,
    /// The test hook.
    pub testid: AttrValue,
    /// The diagnostics, in text order.
    pub diagnostics: Memo<Vec<Diagnostic>>,
    /// Moves the caret to a line and column.
    pub onjump: Callback<(u32, u32)>,
}

/// The list; an empty list says so.
#[component]
pub fn DiagnosticList(props: &DiagnosticListProps) -> Html {
    let items = props.diagnostics.iter().map(|diagnostic| {
        let (class, severity) = match diagnostic.severity {
            Severity::Error => ("error", "Error"),
            Severity::Warning => ("warning", "Warning"),
        };
        let symbol = match diagnostic.severity {
            Severity::Error => "✕",
            Severity::Warning => "⚠",
        };
        let at = (diagnostic.line, diagnostic.column);
        let onclick = props.onjump.reform(move |_: MouseEvent| at);
        html! {
            <li class={classes!("diagnostic", class)}>
                <button type="button" class="diagnostic-jump" {onclick}
                        title="Move the caret there">
                    <span class="diagnostic-where">{ format!("{}:{}", diagnostic.line, diagnostic.column) }</span>
                    <span class="diagnostic-severity"><span aria-hidden="true">{ symbol }</span>{ format!(" {severity}") }</span>
                    if !diagnostic.path.is_empty() {
                        <code class="diagnostic-path">{ diagnostic.path.clone() }</code>
                    }
                    <span class="diagnostic-message"><RichText text={diagnostic.message.clone()} /></span>
                </button>
                if let Some(help) = &diagnostic.help {
                    <p class="diagnostic-help"><RichText text={format!("Help: {help}")} /></p>
                }
            </li>
        }
    });
    html! {
        <ul class="diagnostics" id={props.id.clone()} data-testid={props.testid.clone()} aria-label="Problems in the text">
            { for items }
        </ul>
    }
}
