//! The analysis module's root: one [`View`] of the page's state. The page mounts one per
//! place it shows analysis (the open panel, each open "what would change" list) and sends each
//! a new [`Input`] when what it shows changes.

use std::rc::Rc;

use workmail_policy::analysis::PolicyRequest;
use workmail_policy::{DocumentError, Loaded};
use yew::prelude::*;

use super::Memo;
use super::compare_panel::ComparePanel;
use super::lints_panel::LintsPanel;
use super::mobile_answer::MobileAnswerView;
use super::operations_panel::OperationsPanel;
use super::replay_panel::ReplayPanel;
use super::semantics_page::SemanticsPage;
use super::suggestions::Suggestions;
use super::table_panel::TablePanel;
use super::tests_panel::TestsPanel;
use crate::bridge::{Input, Message, View};
use crate::choices::Choices;
use crate::offload::use_organization;
use crate::operations::DecisionId;
use crate::tabs::Panel;

/// [`AnalysisView`]'s properties.
#[derive(Properties, PartialEq)]
pub struct AnalysisViewProps {
    /// What to show, and the state it needs.
    pub input: Rc<Input>,
    /// Asks the page to change its state.
    pub onmessage: Callback<Message>,
}

/// The view.
#[component]
pub fn AnalysisView(props: &AnalysisViewProps) -> Html {
    let input = &props.input;
    // Loaded only for the views that read it: the lints and the operations read the editor's
    // text, the replay hands its text to a worker, and a large document costs time to load
    // (it is read a part per task, see `use_organization`).
    let needs_organization = !matches!(
        input.view,
        View::Panel(Panel::Lints | Panel::Operations | Panel::Replay) | View::Semantics(_)
    );
    let applied = if needs_organization {
        input.applied.clone()
    } else {
        super::Text::default()
    };
    match use_organization(applied) {
        Some(organization) => html! {
            <ViewOf input={Rc::clone(input)} organization={Memo(organization)}
                    onmessage={props.onmessage.clone()} />
        },
        None => html! {
            <p class="empty-state" role="status" data-testid="analysis-loading">
                { "Reading this large document…" }
            </p>
        },
    }
}

/// [`ViewOf`]'s properties.
#[derive(Properties, PartialEq)]
struct ViewOfProps {
    input: Rc<Input>,
    /// The applied document's organization (an empty text's, for the views that do not read
    /// it).
    organization: Memo<Result<Loaded, DocumentError>>,
    onmessage: Callback<Message>,
}

/// The view, once the organization it reads is loaded.
#[component]
fn ViewOf(props: &ViewOfProps) -> Html {
    let input = &props.input;
    let organization = props.organization.clone();
    let choices = use_memo(organization.clone(), |organization| {
        Choices::of(&organization.0)
    });
    let stale = input.stale;
    let onfail = props.onmessage.reform(Message::Failed);
    let onjump = props
        .onmessage
        .reform(|(line, column)| Message::Jump(line, column));
    match input.view {
        View::Panel(Panel::Table) => html! {
            <TablePanel document={input.applied.clone()} {stale}
                        choices={Memo(choices)} {onfail} />
        },
        View::Panel(Panel::Lints) => html! {
            <LintsPanel document={input.document().clone()} {onjump} />
        },
        View::Panel(Panel::Compare) => html! {
            <ComparePanel document={input.applied.clone()} {stale}
                          comparison={input.comparison.clone()}
                          choices={Memo(choices)} onmessage={props.onmessage.clone()} />
        },
        View::Panel(Panel::Tests) => html! {
            <TestsPanel {organization} document={input.applied.clone()} {stale} tests={input.tests.clone()}
                        access={input.access.clone()} impersonation={input.impersonation.clone()}
                        mobile={input.mobile.clone()} onmessage={props.onmessage.clone()} />
        },
        View::Panel(Panel::Operations) => html! {
            <OperationsPanel call={input.call.clone()} document={input.document().clone()}
                             onmessage={props.onmessage.clone()} />
        },
        View::Panel(Panel::Replay) => html! {
            <ReplayPanel document={input.applied.clone()} {stale}
                         old_version={input.comparison.document.clone()}
                         onmessage={props.onmessage.clone()} />
        },
        View::AccessSuggestions => html! {
            <Suggestions {organization} testid="acl-suggestions"
                         request={PolicyRequest::GetAccessControlEffect(input.access.request())} />
        },
        View::Semantics(focus) => html! {
            <SemanticsPage focus={focus.map(|decision| decision.0)}
                           onback={props.onmessage.reform(|()| Message::ShowPlayground)} />
        },
        View::MobileAnswer => html! {
            <MobileAnswerView {organization} question={input.mobile.clone()} {stale}
                              onshow={props.onmessage.reform(|decision| Message::ShowDecision(DecisionId(decision)))} />
        },
        View::ImpersonationSuggestions => html! {
            <Suggestions {organization} testid="imp-suggestions"
                         request={PolicyRequest::GetImpersonationRoleEffect(input.impersonation.request())} />
        },
    }
}
