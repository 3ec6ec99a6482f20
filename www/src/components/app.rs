//! The whole page: the state, everything derived from it, and the layout.

use std::rc::Rc;
use workmail_policy::{Action as ProtocolAction, Decision};

use yew::prelude::*;

use super::Memo;
use super::access_answer::AccessAnswer;
use super::access_form::AccessForm;
use super::analysis_host::AnalysisHost;
use super::analysis_panel::AnalysisPanel;
use super::editor_panel::EditorPanel;
use super::file_actions::FileActions;
use super::impersonation_answer::ImpersonationAnswer;
use super::impersonation_form::ImpersonationForm;
use super::live_region::LiveRegion;
use super::mobile_answer_host::MobileAnswerHost;
use super::mobile_form::MobileForm;
use super::notice_bar::NoticeBar;
use super::preset_bar::PresetBar;
use super::share_panel::SharePanel;
use super::site_header::SiteHeader;
use crate::answers;
use crate::bridge::{Input, Message, View as AnalysisView};
use crate::browser;
use crate::choices::{Choice, Choices};
use crate::embed::{self, Embedding};
use crate::hooks::use_settled;
use crate::hooks::{use_fragment_links, use_loader, use_saving};
use crate::loaded;
use crate::parts::DocumentCheck;
use crate::share;
use crate::state::{Action, State, View};
use crate::tabs::Tab;

/// The suggestion list `id`, of the choices that contain what its field holds (see
/// [`crate::choices`]).
fn datalist<'a>(id: &'static str, choices: impl IntoIterator<Item = &'a Choice>) -> Html {
    html! {
        <datalist id={id}>
            { for choices.into_iter().map(|choice| html! {
                <option value={choice.value.clone()} label={choice.label.clone()} />
            }) }
        </datalist>
    }
}

/// `pick`'s suggestions from `choices` for a field holding `typed`, looked for again only when
/// either changes: a directory of 100,000 users is searched once per keystroke in the field,
/// not on every render of the page, and a larger one once typing pauses (the answer follows
/// every keystroke; the suggestions the text typed when it paused).
#[hook]
fn use_suggestions(
    choices: &Rc<Choices>,
    typed: &str,
    pick: fn(&Choices, &str) -> Vec<Choice>,
) -> Rc<Vec<Choice>> {
    let typed = use_settled(typed.to_owned(), choices.is_large());
    use_memo((Rc::clone(choices), typed), move |(choices, typed)| {
        pick(choices, typed)
    })
}

/// Whether the page address asks for the test-only panic button (`?panic-test=1`), which
/// checks that a panic shows the crash banner.
fn wants_panic_test(query: &str) -> bool {
    query
        .trim_start_matches('?')
        .split('&')
        .any(|pair| pair == "panic-test=1")
}

#[expect(
    clippy::panic,
    reason = "the test-only button exists to check that a panic shows the crash banner"
)]
fn test_panic() {
    panic!("test panic requested with ?panic-test=1");
}

/// [`App`]'s properties.
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// What the page opens with (see [`crate::start`]); taken once, when the page renders first.
    #[prop_or_default]
    pub opening: Rc<share::Opening>,
}

/// The playground.
#[component]
pub fn App(props: &AppProps) -> Html {
    let embedding = *use_memo((), |()| Embedding::from_query(&browser::query()));
    let panic_test = *use_memo((), |()| wants_panic_test(&browser::query()));
    let page = use_memo((), |()| browser::page_url());
    let from_link = *use_memo((), |()| browser::fragment().len() > 1);
    let state = use_reducer(|| State::open(&props.opening));

    // Each text is loaded once (see `loaded`): these read what the reducer already loaded.
    let organization = use_memo(super::Text(state.applied.clone()), |text| {
        loaded::load(text)
    });
    let organization = Memo((*organization).clone());
    let document_check = use_memo(
        (super::Text(state.document.clone()), state.loading.clone()),
        |(text, loading)| DocumentCheck::of_loading(text, loading),
    );
    let choices = use_memo(organization.clone(), |organization| {
        Choices::of(&organization.0)
    });
    let user_choices = use_suggestions(&choices, &state.access.user_id, Choices::user_ids);
    let mobile_user_choices = use_suggestions(&choices, &state.mobile.user_id, Choices::user_ids);
    let target_choices =
        use_suggestions(&choices, &state.impersonation.target_user, Choices::targets);
    let access = use_memo(
        (organization.clone(), state.access.clone()),
        |(organization, question)| answers::access(loaded::organization(&organization.0), question),
    );
    let impersonation = use_memo(
        (organization.clone(), state.impersonation.clone()),
        |(organization, question)| {
            answers::impersonation(loaded::organization(&organization.0), question)
        },
    );
    let written = use_mut_ref(String::new);
    let saved = use_saving(&state, embedding.embedded, from_link, written.clone());
    use_fragment_links(state.dispatcher(), written);
    use_loader(&state);

    let dispatch = state.dispatcher().to_callback();
    let onshow = dispatch.reform(Action::Show);
    let ondecision = onshow.reform(|decision: Decision| View::Semantics(Some(decision)));
    let onedit = dispatch.reform(|(tab, text): (Tab, Rc<str>)| match tab.part() {
        None => Action::EditDocument(text),
        Some(part) => Action::EditPart(part, text),
    });
    let onselect = dispatch.reform(Action::SelectTab);
    let onload = dispatch.reform(Action::LoadPreset);
    let onupload = dispatch.reform(|(name, text): (String, Rc<str>)| Action::Upload { name, text });
    let onfail = dispatch.reform(Action::UploadFailed);
    let ondismiss = dispatch.reform(|()| Action::DismissNotice);
    let onaccess = dispatch.reform(|(field, text)| Action::SetAccess(field, text));
    let onimpersonation = dispatch.reform(|(field, text)| Action::SetImpersonation(field, text));
    let onmobile = dispatch.reform(|(field, text)| Action::SetMobile(field, text));
    let onmessage = {
        let dispatch = dispatch.clone();
        Callback::from(move |message: Message| {
            let asked = matches!(message, Message::Ask { .. });
            if let Message::Jump(line, column) = message {
                dispatch.emit(Action::SelectTab(Tab::Document));
                browser::move_caret_later("editor-document", line, column);
            } else if let Some(action) = message.action() {
                dispatch.emit(action);
            }
            // A replayed request was loaded into the question: show it and its answer.
            if asked {
                browser::focus("acl-ip");
            }
        })
    };
    let panel_input = state
        .panel
        .map(|panel| std::rc::Rc::new(Input::of(AnalysisView::Panel(panel), &state)));
    let applied_text = super::Text(std::rc::Rc::clone(&state.applied));

    let stale = !state.is_current() && loaded::organization(&organization.0).is_some();
    let announcement = answers::announcement(&access, &impersonation);
    let fragment = saved.fragment.clone();
    let pending = saved.revision != state.revision;
    let full_link = share::link(
        &embed::embed_url(&page, "", false).replace("?embed=1", ""),
        &fragment,
    );
    let embedded = embedding.embedded;
    // Shared, and compared by address first: the text may be large.
    let document_text = super::Text(std::rc::Rc::clone(&state.document));

    let editors = html! {
        <EditorPanel tab={state.tab} document_text={document_text.clone()} parts={state.parts.clone()}
                     document={Memo(document_check.clone())} large_part={state.large_part.clone()}
                     {stale} editable={embedding.can_edit()} {onselect} {onedit} />
    };
    let organization_column = if embedded {
        html! {
            <section class="organization-column card" aria-labelledby="organization-heading">
                <details class="embedded-document" open={embedding.editable}>
                    <summary><h2 id="organization-heading">{ "Organization document" }</h2></summary>
                    { editors }
                </details>
            </section>
        }
    } else {
        html! {
            <section class="organization-column card" aria-labelledby="organization-heading">
                <h2 id="organization-heading">{ "Organization" }</h2>
                { editors }
                <FileActions document={document_text.clone()} onupload={onupload} onfail={onfail} />
            </section>
        }
    };
    let mobile_operation = match state.mobile.request() {
        crate::questions::MobileRequest::Rules(_) => "GetMobileDeviceAccessEffect",
        crate::questions::MobileRequest::Device(_) => "EvaluateMobileDeviceAccess",
    };
    let playground = html! {
        <>
            if !embedded {
                <PresetBar current={state.preset} onload={onload} />
            }
            <main class="workspace">
                { organization_column }
                <div class="questions-column">
                    <section class="card question" aria-labelledby="access-heading">
                        <h2 id="access-heading">{ "Access " }<span class="operation">{ "GetAccessControlEffect" }</span></h2>
                        <AccessForm question={state.access.clone()} onchange={onaccess} />
                        <AccessAnswer status={Memo(access.clone())} choices={Memo(choices.clone())}
                                      question={state.access.clone()} applied={applied_text.clone()}
                                      onmessage={onmessage.clone()} {stale} onshow={ondecision.clone()} />
                    </section>
                    <section class="card question" aria-labelledby="impersonation-heading">
                        <h2 id="impersonation-heading">{ "Impersonation " }<span class="operation">{ "GetImpersonationRoleEffect" }</span></h2>
                        <ImpersonationForm question={state.impersonation.clone()} onchange={onimpersonation} />
                        <ImpersonationAnswer status={Memo(impersonation.clone())} question={state.impersonation.clone()}
                                             applied={applied_text.clone()} onmessage={onmessage.clone()}
                                             {stale} onshow={ondecision.clone()} />
                    </section>
                    <section class="card question" aria-labelledby="mobile-heading">
                        <h2 id="mobile-heading">{ "Mobile device " }<span class="operation">{ mobile_operation }</span></h2>
                        <MobileForm question={state.mobile.clone()} onchange={onmobile} />
                        <MobileAnswerHost applied={applied_text.clone()} {stale}
                                          question={state.mobile.clone()} onmessage={onmessage.clone()} />
                    </section>
                </div>
            </main>
            if !embedded {
                <AnalysisPanel panel={state.panel} input={panel_input} onmessage={onmessage.clone()} />
                <SharePanel page={(*page).clone()} fragment={fragment.clone()} {pending}
                            too_large={saved.too_large} />
            }
        </>
    };
    let semantics_focus = match state.view {
        View::Semantics(focus) => Some(focus),
        View::Playground => None,
    };
    // The Semantics page is drawn by the analysis module: its text stays out of the first load.
    let semantics = semantics_focus
        .map(|focus| std::rc::Rc::new(Input::semantics(focus.map(crate::operations::DecisionId))));
    let actions: Vec<Choice> = ProtocolAction::ALL
        .iter()
        .map(|action| Choice {
            value: action.as_str().to_owned(),
            label: String::new(),
        })
        .collect();
    let onpanic = Callback::from(|_: MouseEvent| test_panic());
    html! {
        <div class={classes!("app", embedded.then_some("embedded"))}>
            <SiteHeader view={state.view} {embedded} full_link={full_link} onshow={onshow.clone()} />
            <NoticeBar notice={state.notice.clone()} {ondismiss} />
            if panic_test {
                <p class="panic-test">
                    <button type="button" data-testid="panic-test" onclick={onpanic}>
                        { "Trigger a test panic" }
                    </button>
                </p>
            }
            if let Some(input) = semantics {
                <AnalysisHost {input} onmessage={onmessage.clone()} loading="Loading the Semantics page…" />
            } else {
                { playground }
            }
            { datalist("action-choices", &actions) }
            { datalist("user-choices", &*user_choices) }
            { datalist("mobile-user-choices", &*mobile_user_choices) }
            { datalist("target-choices", &*target_choices) }
            // Both role fields share the list: an organization has at most 20 roles.
            { datalist("role-choices", choices.roles("")) }
            <LiveRegion text={announcement} />
            if !embedded {
                <footer class="site-footer">
                    <p>
                        { "Everything runs in your browser: nothing you paste leaves this page, and the page works offline once loaded. Your work is kept in the address bar and in this browser. " }
                        { "Answers follow AWS's documentation and, where it is silent, the decisions on the Semantics page. Not affiliated with Amazon Web Services." }
                    </p>
                </footer>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_flag_asks_for_the_panic_button() {
        assert!(wants_panic_test("?panic-test=1"));
        assert!(wants_panic_test("?embed=1&panic-test=1"));
        assert!(!wants_panic_test("?panic-test=0"));
        assert!(!wants_panic_test("?xpanic-test=1"));
        assert!(!wants_panic_test(""));
    }
}
