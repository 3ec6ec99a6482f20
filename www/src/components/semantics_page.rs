//! The Semantics page: every AWS document the answers rest on, and every decision the project
//! made where AWS is silent.

use workmail_policy::{Decision, Source};
use yew::prelude::*;

use super::rich_text::RichText;
use crate::browser;

/// [`SemanticsPage`]'s properties.
#[derive(Properties, PartialEq)]
pub struct SemanticsPageProps {
    /// The decision to show first, if any.
    pub focus: Option<Decision>,
    /// Returns to the playground.
    pub onback: Callback<()>,
}

/// The element ID of a decision's entry.
pub fn decision_id(decision: Decision) -> String {
    format!("decision-{}", decision.id())
}

/// The page.
#[component]
pub fn SemanticsPage(props: &SemanticsPageProps) -> Html {
    use_effect_with(props.focus, |focus| {
        let target = focus.map_or_else(|| "semantics-heading".to_owned(), decision_id);
        browser::focus(&target);
    });
    let onback = props.onback.reform(|_: MouseEvent| ());
    let sources = Source::ALL.into_iter().map(|source| html! {
        <li>
            <a href={source.url()} target="_blank" rel="noopener noreferrer">{ source.title() }</a>
        </li>
    });
    let decisions = Decision::ALL.into_iter().map(|decision| {
        let focused = props.focus == Some(decision);
        html! {
            <li id={decision_id(decision)} tabindex="-1" class={classes!("decision", focused.then_some("focused"))}>
                <span class="decision-id">{ decision.id() }</span>
                <span class="decision-summary"><RichText text={decision.summary()} /></span>
            </li>
        }
    });
    html! {
        <main class="semantics" aria-labelledby="semantics-heading">
            <h2 id="semantics-heading" tabindex="-1">{ "Semantics: what every answer rests on" }</h2>
            <p>
                { "Each step of an explanation carries a badge. " }
                <span class="basis documented static">{ "§ AWS docs" }</span>
                { " means AWS states the behaviour in one of the documents below. " }
                <span class="basis decided static">{ "⚖ Inferred" }</span>
                { " means AWS's public material is silent or ambiguous, and the answer follows one of this project's numbered decisions. The same decisions drive the command-line tool and the npm package." }
            </p>
            <section class="card" aria-labelledby="sources-heading">
                <h3 id="sources-heading">{ "Documented by AWS" }</h3>
                <ul class="sources">{ for sources }</ul>
            </section>
            <section class="card" aria-labelledby="decisions-heading">
                <h3 id="decisions-heading">{ "Decisions where AWS is silent" }</h3>
                <ol class="decisions">{ for decisions }</ol>
            </section>
            <p><button type="button" onclick={onback}>{ "← Back to the playground" }</button></p>
        </main>
    }
}
