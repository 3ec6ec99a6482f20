//! The whole page: the state, everything derived from it, and the layout.

use std::cell::RefCell;
use std::rc::Rc;

use workmail_policy::{Action as ProtocolAction, Decision, Organization};
use yew::prelude::*;

use super::Memo;
use super::access_answer::AccessAnswer;
use super::access_form::AccessForm;
use super::editor_panel::EditorPanel;
use super::file_actions::FileActions;
use super::impersonation_answer::ImpersonationAnswer;
use super::impersonation_form::ImpersonationForm;
use super::live_region::LiveRegion;
use super::notice_bar::NoticeBar;
use super::preset_bar::PresetBar;
use super::semantics_page::SemanticsPage;
use super::share_panel::SharePanel;
use super::site_header::SiteHeader;
use crate::answers;
use crate::browser;
use crate::choices::{Choice, Choices};
use crate::embed::{self, Embedding};
use crate::parts::DocumentCheck;
use crate::share;
use crate::state::{Action, State, Tab, View};

fn datalist(id: &'static str, choices: &[Choice]) -> Html {
    html! {
        <datalist id={id}>
            { for choices.iter().map(|choice| html! {
                <option value={choice.value.clone()} label={choice.label.clone()} />
            }) }
        </datalist>
    }
}

/// Follows links opened in the same tab: a new fragment that this page did not write.
#[hook]
fn use_fragment_links(dispatcher: UseReducerDispatcher<State>, written: Rc<RefCell<String>>) {
    use_effect_with((), move |()| {
        let listener =
            gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let fragment = browser::fragment();
                if fragment.strip_prefix('#').unwrap_or(&fragment) == written.borrow().as_str() {
                    return;
                }
                match share::decode(&fragment) {
                    Ok(Some(shared)) => dispatcher.dispatch(Action::Restore(shared)),
                    Ok(None) => {}
                    Err(error) => dispatcher.dispatch(Action::LinkUnreadable(error)),
                }
            });
        move || drop(listener)
    });
}

/// The playground.
#[component]
pub fn App() -> Html {
    let embedding = *use_memo((), |()| Embedding::from_query(&browser::query()));
    let page = use_memo((), |()| browser::page_url());
    let state = use_reducer(|| State::open(&browser::fragment()));

    let organization = use_memo(state.applied.clone(), |text| {
        Organization::from_json(text)
            .ok()
            .map(|loaded| loaded.organization)
    });
    let document_check = use_memo(state.document.clone(), |text| DocumentCheck::of(text));
    let choices = use_memo(Memo(organization.clone()), |organization| {
        organization
            .0
            .as_ref()
            .as_ref()
            .map(Choices::of)
            .unwrap_or_default()
    });
    let access = use_memo(
        (Memo(organization.clone()), state.access.clone()),
        |(organization, question)| answers::access(organization.0.as_ref().as_ref(), question),
    );
    let impersonation = use_memo(
        (Memo(organization.clone()), state.impersonation.clone()),
        |(organization, question)| {
            answers::impersonation(organization.0.as_ref().as_ref(), question)
        },
    );
    let fragment = {
        let current = state.clone();
        use_memo(
            (
                state.document.clone(),
                state.parts.clone(),
                state.access.clone(),
                state.impersonation.clone(),
                state.tab,
            ),
            move |_| share::encode(&current.shared()),
        )
    };
    let written = use_mut_ref(String::new);
    {
        let written = written.clone();
        use_effect_with(fragment.clone(), move |fragment| {
            written.borrow_mut().clone_from(fragment);
            browser::replace_fragment(fragment);
        });
    }
    use_fragment_links(state.dispatcher(), written);

    let onshow = state.dispatcher().to_callback().reform(Action::Show);
    let ondecision = onshow.reform(|decision: Decision| View::Semantics(Some(decision)));
    let onedit = state
        .dispatcher()
        .to_callback()
        .reform(|(tab, text): (Tab, String)| match tab.part() {
            None => Action::EditDocument(text),
            Some(part) => Action::EditPart(part, text),
        });
    let onselect = state.dispatcher().to_callback().reform(Action::SelectTab);
    let onload = state.dispatcher().to_callback().reform(Action::LoadPreset);
    let onupload = state
        .dispatcher()
        .to_callback()
        .reform(|(name, text): (String, String)| Action::Upload { name, text });
    let onfail = state
        .dispatcher()
        .to_callback()
        .reform(Action::UploadFailed);
    let ondismiss = state
        .dispatcher()
        .to_callback()
        .reform(|()| Action::DismissNotice);
    let onaccess = state
        .dispatcher()
        .to_callback()
        .reform(|(field, text)| Action::SetAccess(field, text));
    let onimpersonation = state
        .dispatcher()
        .to_callback()
        .reform(|(field, text)| Action::SetImpersonation(field, text));

    let stale = !state.is_current() && organization.is_some();
    let announcement = answers::announcement(&access, &impersonation);
    let full_link = share::link(
        &embed::embed_url(&page, "", false).replace("?embed=1", ""),
        &fragment,
    );
    let embedded = embedding.embedded;

    let editors = html! {
        <EditorPanel tab={state.tab} document_text={state.document.clone()} parts={state.parts.clone()}
                     document={Memo(document_check.clone())}
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
                <FileActions document={state.document.clone()} onupload={onupload} onfail={onfail} />
            </section>
        }
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
                                      {stale} onshow={ondecision.clone()} />
                    </section>
                    <section class="card question" aria-labelledby="impersonation-heading">
                        <h2 id="impersonation-heading">{ "Impersonation " }<span class="operation">{ "GetImpersonationRoleEffect" }</span></h2>
                        <ImpersonationForm question={state.impersonation.clone()} onchange={onimpersonation} />
                        <ImpersonationAnswer status={Memo(impersonation.clone())} {stale} onshow={ondecision.clone()} />
                    </section>
                </div>
            </main>
            if !embedded {
                <SharePanel page={(*page).clone()} fragment={(*fragment).clone()} />
            }
        </>
    };
    let semantics_focus = match state.view {
        View::Semantics(focus) => Some(focus),
        View::Playground => None,
    };
    let onback = onshow.reform(|()| View::Playground);
    let actions: Vec<Choice> = ProtocolAction::ALL
        .iter()
        .map(|action| Choice {
            value: action.as_str().to_owned(),
            label: String::new(),
        })
        .collect();
    html! {
        <div class={classes!("app", embedded.then_some("embedded"))}>
            <SiteHeader view={state.view} {embedded} full_link={full_link} onshow={onshow.clone()} />
            <NoticeBar notice={state.notice.clone()} {ondismiss} />
            if let Some(focus) = semantics_focus {
                <SemanticsPage {focus} {onback} />
            } else {
                { playground }
            }
            { datalist("action-choices", &actions) }
            { datalist("user-choices", &choices.user_ids) }
            { datalist("target-choices", &choices.targets) }
            { datalist("role-choices", &choices.roles) }
            <LiveRegion text={announcement} />
            if !embedded {
                <footer class="site-footer">
                    <p>
                        { "Everything runs in your browser: nothing you paste leaves this page, and the page works offline once loaded. " }
                        { "Answers follow AWS's documentation and, where it is silent, the decisions on the Semantics page. Not affiliated with Amazon Web Services." }
                    </p>
                </footer>
            }
        </div>
    }
}
