//! Saved tests: a tests file edited or pasted here, run live against the document, PASS or
//! FAIL per test and `N passed, M failed`. The questions on the page can be added as tests.
//! The tests travel in the share link. A large document's tests are run by the analysis worker
//! ([`TestsJob`]), so the page stays responsive.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use workmail_policy::{DocumentError, Loaded};
use yew::prelude::*;

use super::Memo;
use super::code_editor::CodeEditor;
use super::coverage_view::CoverageView;
use super::diagnostic_list::DiagnosticList;
use super::property_result_item::PropertyResultItem;
use super::stale_note::StaleNote;
use super::test_result_item::TestResultItem;
use crate::answers;
use crate::bridge::Message;
use crate::browser;
use crate::loaded;
use crate::offload::{Offloaded, use_offloaded};
use crate::questions::{AccessQuestion, ImpersonationQuestion, MobileQuestion};
use crate::saved_tests::{self, ShownTests, TestsJob};

/// [`TestsPanel`]'s properties.
#[derive(Properties, PartialEq)]
pub struct TestsPanelProps {
    /// The document the answers come from.
    pub organization: Memo<Result<Loaded, DocumentError>>,
    /// Its text (the tests of a large one are run by the analysis worker, which loads it).
    pub document: super::Text,
    /// Whether that is an earlier text (the document has errors now).
    pub stale: bool,
    /// The tests editor's text.
    pub tests: super::Text,
    /// The access question, for adding it as a test.
    pub access: AccessQuestion,
    /// The impersonation question, for adding it as a test.
    pub impersonation: ImpersonationQuestion,
    /// The mobile device question, for adding it as a test.
    pub mobile: MobileQuestion,
    /// Asks the page to change its state.
    pub onmessage: Callback<Message>,
}

const EXAMPLE: &str = r#"{"Tests": [
  {"Name": "…", "Request": {"IpAddress": "192.0.2.0", "Action": "IMAP", "UserId": "S-1-1-11-…"},
   "Expect": {"Effect": "DENY", "MatchedRules": ["…"]}}],
 "Properties": [
  {"Name": "IMAP only from the office",
   "ForAll": {"Actions": ["IMAP"], "NotIpRanges": ["192.0.2.0/24"]},
   "Expect": {"Effect": "DENY"}}]}"#;

/// The panel.
#[component]
pub fn TestsPanel(props: &TestsPanelProps) -> Html {
    let area = use_node_ref();
    // No tests is nothing to run (and no large document to load for it).
    let texts = if props.tests.trim().is_empty() {
        Vec::new()
    } else {
        vec![props.document.clone(), props.tests.clone()]
    };
    let outcome = use_offloaded::<TestsJob>(texts, ());
    let diagnostics = use_memo(outcome.clone(), |outcome| match outcome {
        Offloaded::Done(status) => status.problems(),
        _ => crate::problems::Problems::default(),
    });
    let onjump = {
        let area = area.clone();
        Callback::from(move |(line, column): (u32, u32)| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                browser::move_caret(&area, line, column);
            }
        })
    };
    let oninput = props
        .onmessage
        .reform(|text: Rc<str>| Message::EditTests(text.to_string()));
    let new_tests = use_memo(
        (
            props.organization.clone(),
            props.access.clone(),
            props.impersonation.clone(),
            props.mobile.clone(),
        ),
        |(organization, access, impersonation, mobile)| {
            let organization = loaded::organization(&organization.0);
            (
                saved_tests::access_test(access, &answers::access(organization, access)),
                saved_tests::impersonation_test(
                    impersonation,
                    &answers::impersonation(organization, impersonation),
                ),
                saved_tests::mobile_test(mobile, &answers::mobile(organization, mobile)),
            )
        },
    );
    let add = |test: Option<workmail_policy::analysis::TestCase>| {
        let onmessage = props.onmessage.clone();
        let text = props.tests.clone();
        let added = test.and_then(|test| saved_tests::append(&text, &test));
        let disabled = added.is_none();
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(added) = added.clone() {
                onmessage.emit(Message::EditTests(added));
            }
        });
        (disabled, onclick)
    };
    let (access_test, role_test, mobile_test) = (*new_tests).clone();
    let (access_disabled, onaddaccess) = add(access_test);
    let (role_disabled, onaddrole) = add(role_test);
    let (mobile_disabled, onaddmobile) = add(mobile_test);
    let ondownload = {
        let tests = props.tests.clone();
        let onmessage = props.onmessage.clone();
        Callback::from(move |_: MouseEvent| {
            if browser::download("workmail-tests.json", "application/json", &tests).is_err() {
                onmessage.emit(Message::Failed(
                    "the browser refused to save the file".to_owned(),
                ));
            }
        })
    };
    let status = outcome.done();
    let results = match status.as_deref() {
        None => html! {
            <p class="empty-state" role="status" data-testid="tests-summary">
                { outcome.waiting("The tests could not be run", "Running the tests on this large document…") }
            </p>
        },
        Some(ShownTests::Empty) => html! {
            <p class="empty-state" data-testid="tests-summary">
                { "No tests yet: add the questions above as tests, or paste a tests file." }
            </p>
        },
        Some(ShownTests::Invalid(_)) => html! {
            <p class="empty-state" data-testid="tests-summary">
                { "The tests file does not load: fix the problems listed under it." }
            </p>
        },
        Some(ShownTests::NoDocument) => html! {
            <p class="empty-state" data-testid="tests-summary">{ "Fix the document's errors to run the tests." }</p>
        },
        Some(ShownTests::Ran {
            summary,
            success,
            tests,
            properties,
            coverage,
            ..
        }) => {
            let ok = *success;
            let items = tests
                .iter()
                .map(|result| html! { <TestResultItem result={result.clone()} /> });
            let onmessage = props.onmessage.clone();
            let properties = properties.iter().map(|result| {
                html! { <PropertyResultItem result={result.clone()} onmessage={onmessage.clone()} /> }
            });
            html! {
                <>
                    <p class={classes!("tests-summary", if ok { "pass" } else { "fail" })} role="status">
                        <span aria-hidden="true">{ if ok { "✓ " } else { "✕ " } }</span>
                        <span data-testid="tests-summary">{ summary.clone() }</span>
                    </p>
                    <ol class="test-results" data-testid="tests-results">{ for items }{ for properties }</ol>
                    <CoverageView coverage={coverage.clone()} />
                </>
            }
        }
    };
    let invalid = diagnostics.errors > 0;
    html! {
        <div class="tests-panel">
            <StaleNote stale={props.stale} what="run" />
            <p class="hint">
                { "A tests file lists requests with the answer each must get, and properties: sets of requests, written as a rule writes them, that must all get one answer (checked over every request, with a failing one to ask). It is the format the command-line tool's " }
                <code>{ "test" }</code>{ " command and the npm package read. Everything runs on each change." }
            </p>
            <div class="button-row">
                <button type="button" data-testid="tests-add-access" disabled={access_disabled} onclick={onaddaccess}>
                    <span aria-hidden="true">{ "+ " }</span>{ "Add the access question as a test" }
                </button>
                <button type="button" data-testid="tests-add-impersonation" disabled={role_disabled} onclick={onaddrole}>
                    <span aria-hidden="true">{ "+ " }</span>{ "Add the impersonation question as a test" }
                </button>
                <button type="button" data-testid="tests-add-mobile" disabled={mobile_disabled} onclick={onaddmobile}>
                    <span aria-hidden="true">{ "+ " }</span>{ "Add the mobile device question as a test" }
                </button>
                <button type="button" data-testid="tests-download" onclick={ondownload}>
                    <span aria-hidden="true">{ "⤓ " }</span>{ "Download tests" }
                </button>
            </div>
            <CodeEditor id="editor-tests" testid="tests-editor" label="Tests file (JSON)"
                        value={props.tests.clone()} {invalid} compact=true
                        describedby="diagnostics-tests" node_ref={area} {oninput} />
            if props.tests.trim().is_empty() {
                <details class="format-example">
                    <summary>{ "The format" }</summary>
                    <pre><code>{ EXAMPLE }</code></pre>
                </details>
            }
            <DiagnosticList id="diagnostics-tests" testid="diagnostics-tests"
                            diagnostics={Memo(diagnostics)} {onjump} />
            { results }
        </div>
    }
}
