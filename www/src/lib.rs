//! The workmail-policy playground: a Yew single-page app over the evaluation core.
//!
//! Paste Amazon WorkMail access control rules, impersonation roles and users as the AWS CLI
//! prints them, ask `GetAccessControlEffect` and `GetImpersonationRoleEffect` questions, and see
//! AWS's answer with every rule's and condition's outcome, computed in the browser by the same
//! core the CLI and the npm package use.
//!
//! The logic is in plain modules tested natively: [`state`] (the one reducer), [`questions`]
//! and [`tabs`] (what the state is made of), [`parts`] (the part editors and the document),
//! [`loaded`] (one parse per text), [`loader`] (large texts), [`problems`] (the diagnostics a
//! list shows), [`share`] (the share link), [`answers`], [`saved_tests`],
//! [`comparison`], [`choices`], [`embed`], [`caret`], [`presets`], [`operations`] (any of
//! the eleven operations run against the document), [`replay`] (audit logs replayed against
//! it), [`offload`] (the analysis of large documents, run off the page's thread) and
//! [`shown_table`] (the decision table as the Table panel shows it).
//! [`components`] renders them with the page's [`hooks`]; [`browser`] holds the few calls into
//! the browser.
//!
//! Three WebAssembly modules are built from this crate: the page (`src/main.rs`), its loader
//! (`src/loader_main.rs`, a web worker that loads large documents off the page's thread, see
//! [`loader`]) and its analysis module (`src/analysis_main.rs`: decision table, lints,
//! comparison, saved tests, suggestions), which the page loads the first time one of those is
//! opened. [`bridge`] is what the page and the analysis module tell each other.

pub mod answers;
pub mod bridge;
pub mod browser;
pub mod caret;
pub mod choices;
pub mod comparison;
pub mod components;
pub mod compression;
pub mod embed;
pub mod hooks;
pub mod loaded;
pub mod loader;
pub mod offload;
pub mod operations;
pub mod parts;
pub mod presets;
pub mod problems;
pub mod questions;
pub mod replay;
pub mod saved_tests;
pub mod share;
pub mod shown_table;
pub mod state;
pub mod tablist;
pub mod tabs;
pub mod text;

pub use components::app::{App, AppProps};

/// Reads what the page opens with (the state its link holds and, outside embedded views,
/// the work this browser saved: both are decompressed by the browser, asynchronously), then
/// renders the playground into `root`, or into the page's body.
pub async fn start(root: Option<web_sys::Element>) -> yew::AppHandle<App> {
    // An embedded view shows what its link holds, never the reader's own saved work.
    let embedded = embed::Embedding::from_query(&browser::query()).embedded;
    let saved = if embedded {
        None
    } else {
        browser::saved_work()
    };
    let opening = share::Opening::read(&browser::fragment(), saved.as_deref()).await;
    let props = AppProps {
        opening: std::rc::Rc::new(opening),
    };
    match root {
        Some(root) => yew::Renderer::<App>::with_root_and_props(root, props).render(),
        None => yew::Renderer::<App>::with_props(props).render(),
    }
}
