//! The share link and the embed snippet.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::{browser, embed};

/// [`SharePanel`]'s properties.
#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The page's address without its fragment.
    pub page: AttrValue,
    /// The state's fragment (without `#`), as saved last.
    pub fragment: AttrValue,
    /// Whether a change is not saved in it yet (a large state is saved after a pause in typing).
    pub pending: bool,
    /// Whether the state is too large for a link (it then holds the work as it was before).
    #[prop_or_default]
    pub too_large: bool,
}

/// What the last copy did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    Nothing,
    Link,
    Snippet,
    Refused,
}

/// The share link with its copy button, and the embed snippet behind a toggle.
#[component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let copied = use_state(|| Copied::Nothing);
    let embed_open = use_state(|| false);
    let editable = use_state(|| false);
    let link = crate::share::link(&props.page, &props.fragment);
    let snippet = embed::iframe_snippet(&props.page, &props.fragment, *editable);

    let copy = |text: String, what: Copied| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            browser::copy_text(
                &text,
                Callback::from(move |ok: bool| copied.set(if ok { what } else { Copied::Refused })),
            );
        })
    };
    let select_all = Callback::from(|event: FocusEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        input.select();
    });
    let select_snippet = Callback::from(|event: FocusEvent| {
        let area: HtmlTextAreaElement = event.target_unchecked_into();
        area.select();
    });
    let toggle_embed = {
        let embed_open = embed_open.clone();
        Callback::from(move |_: MouseEvent| embed_open.set(!*embed_open))
    };
    let toggle_editable = {
        let editable = editable.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            editable.set(input.checked());
        })
    };
    let message = match *copied {
        Copied::Nothing => "",
        Copied::Link => "Link copied.",
        Copied::Snippet => "HTML copied.",
        Copied::Refused => "The browser refused to copy: select the text and copy it yourself.",
    };
    html! {
        <section class="share card" aria-labelledby="share-heading">
            <h2 id="share-heading">{ "Share and embed" }</h2>
            <div class="share-row">
                <div class="field grow">
                    <label for="share-link">{ "Share link" }</label>
                    <input type="text" id="share-link" data-testid="share-link" readonly=true
                           data-pending={if props.pending { "true" } else { "false" }}
                           value={link.clone()} onfocus={select_all} aria-describedby="share-hint" />
                </div>
                <button type="button" onclick={copy(link, Copied::Link)}>{ "Copy link" }</button>
                <button type="button" aria-expanded={if *embed_open { "true" } else { "false" }}
                        aria-controls="embed-panel" onclick={toggle_embed} data-testid="embed-button">
                    { "Embed…" }
                </button>
            </div>
            <p class="hint" id="share-hint">
                { "The whole state is in the link, after the " }<code>{ "#" }</code>
                { ": compressed, versioned, and never sent to any server. Opening the link restores it exactly. This browser also keeps your work for your next visit." }
            </p>
            if props.too_large {
                <p class="problem-line" role="status" data-testid="share-too-large">
                    { format!("The work is now larger than a link can hold ({} MB): the link and this browser keep it as it was before. Use Download document to keep the document.",
                              crate::share::MAX_STATE_BYTES / (1024 * 1024)) }
                </p>
            }
            if *embed_open {
                <div id="embed-panel" class="embed-panel">
                    <label class="checkbox">
                        <input type="checkbox" checked={*editable} onchange={toggle_editable} />
                        { " Let readers edit the document" }
                    </label>
                    <label for="embed-snippet">{ "HTML for your documentation page" }</label>
                    <textarea id="embed-snippet" data-testid="embed-snippet" readonly=true rows="4"
                              value={snippet.clone()} onfocus={select_snippet} />
                    <div>
                        <button type="button" onclick={copy(snippet, Copied::Snippet)}>{ "Copy HTML" }</button>
                    </div>
                </div>
            }
            <p class="copy-status" role="status">{ message }</p>
        </section>
    }
}
