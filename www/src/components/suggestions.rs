//! What would change an answer: every single edit of the document after which the request gets
//! the other effect, each one checked by evaluating the edited rules.

use workmail_policy::analysis::{PolicyRequest, what_would_change};
use workmail_policy::{DocumentError, Loaded};
use yew::prelude::*;

use super::Memo;
use super::access_table_view::rule_names;
use super::effect_badge::EffectBadge;
use super::rich_text::RichText;
use crate::browser;
use crate::loaded;

/// [`Suggestions`]'s properties.
#[derive(Properties, PartialEq)]
pub struct SuggestionsProps {
    /// The document the answer comes from.
    pub organization: Memo<Result<Loaded, DocumentError>>,
    /// The request answered.
    pub request: PolicyRequest,
    /// The test hook.
    pub testid: AttrValue,
}

/// The list of edits.
#[component]
pub fn Suggestions(props: &SuggestionsProps) -> Html {
    let found = use_memo(
        (props.organization.clone(), props.request.clone()),
        |(organization, request)| {
            loaded::organization(&organization.0).map(|organization| {
                browser::measure("workmail:suggestions", || {
                    what_would_change(organization, request)
                })
            })
        },
    );
    let body = match found.as_ref() {
        None => html! { <p class="empty-state">{ "Fix the document's errors first." }</p> },
        Some(Err(error)) => html! {
            <p class="empty-state"><RichText text={format!("AWS would refuse this request: {}", error.message)} /></p>
        },
        Some(Ok(change)) if change.suggestions.is_empty() => html! {
            <p class="empty-state">
                { "No single edit changes this answer (for example, two rules decide it): it takes several." }
            </p>
        },
        Some(Ok(change)) => {
            let items = change.suggestions.iter().map(|suggestion| {
                html! {
                    <li class="suggestion">
                        <span class="suggestion-edit"><RichText text={suggestion.edit.to_string()} /></span>
                        <span class="suggestion-outcome">
                            <span aria-hidden="true">{ "→ " }</span>
                            <span class="visually-hidden">{ "then " }</span>
                            <EffectBadge effect={suggestion.effect} />{ " " }{ rule_names(&suggestion.matched_rules) }
                        </span>
                    </li>
                }
            });
            html! {
                <>
                    <p class="hint">
                        { format!("{} single edit{} of the document would give ", change.suggestions.len(), if change.suggestions.len() == 1 { "" } else { "s" }) }
                        { change.effect.opposite().as_str() }
                        { " instead:" }
                    </p>
                    <ul class="suggestions-list">{ for items }</ul>
                </>
            }
        }
    };
    html! {
        <div class="suggestions" data-testid={props.testid.clone()}>{ body }</div>
    }
}
