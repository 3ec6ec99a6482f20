//! A text's diagnostics, each a button that moves the caret to it: the first
//! [`SHOWN_DIAGNOSTICS`](crate::problems::SHOWN_DIAGNOSTICS), then how many more there are.

use yew::prelude::*;

use super::Memo;
use super::rich_text::RichText;
use crate::problems::Problems;

/// [`DiagnosticList`]'s properties.
#[derive(Properties, PartialEq)]
pub struct DiagnosticListProps {
    /// The element ID.
    pub id: AttrValue,
    /// The test hook.
    pub testid: AttrValue,
    /// The diagnostics, in text order.
    pub diagnostics: Memo<Problems>,
    /// Moves the caret to a line and column.
    pub onjump: Callback<(u32, u32)>,
}

/// The list; an empty list says so.
#[component]
pub fn DiagnosticList(props: &DiagnosticListProps) -> Html {
    let items = props.diagnostics.shown.iter().map(|diagnostic| {
        let (class, severity, symbol) = if diagnostic.error {
            ("error", "Error", "✕")
        } else {
            ("warning", "Warning", "⚠")
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
    let hidden = props.diagnostics.hidden();
    html! {
        <>
            <ul class="diagnostics" id={props.id.clone()} data-testid={props.testid.clone()} aria-label="Problems in the text">
                { for items }
            </ul>
            if hidden > 0 {
                <p class="diagnostics-more" data-testid={format!("{}-more", props.testid)}>
                    { format!("… and {hidden} more (of {} problems): the first {} are listed.",
                              props.diagnostics.total, props.diagnostics.shown.len()) }
                </p>
            }
        </>
    }
}
