//! The bridge between the page and its analysis module.
//!
//! The decision table, lints, comparison, saved tests and suggestions live in a second
//! WebAssembly module that the page loads the first time one of them is opened, so the first
//! load carries only what answering questions needs. The page owns the state; the module shows
//! a [`View`] of an [`Input`] and answers with [`Message`]s. Both cross as JSON text, except the
//! input's texts (the documents, the tests, the comparison), which cross as their UTF-8 bytes
//! (see [`Input::texts`], `browser::lend` and `browser::copy_in_slices`): encoding a 32 MiB
//! directory as JSON held the page a third of a second.

use serde::{Deserialize, Serialize};
use workmail_policy::Operation;

use crate::comparison::{Comparison, ComparisonField};
use crate::operations::{Call, DecisionId, Ran};
use crate::questions::{AccessQuestion, ImpersonationQuestion, MobileQuestion};
use crate::state::{Action, State, View as PageView};
use crate::tabs::Panel;
use crate::text::{Crossing, Text};

/// What the analysis module shows in one place of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    /// An analysis panel's content.
    Panel(Panel),
    /// What would change the access answer.
    AccessSuggestions,
    /// What would change the impersonation answer.
    ImpersonationSuggestions,
    /// The mobile device question's answer (see `components::mobile_answer_host`).
    MobileAnswer,
    /// The Semantics page, at a decision or at its top.
    Semantics(Option<DecisionId>),
}

/// How many texts an [`Input`] carries beside its JSON.
pub const TEXTS: usize = 5;

/// Everything a view needs, taken from the page's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Input {
    /// What to show.
    pub view: View,
    /// The last document text that loaded: the answers come from it.
    #[serde(skip)]
    pub applied: Text,
    /// The document editor's text, for the lints and the operations, when it differs from
    /// `applied` (it has errors then).
    #[serde(skip)]
    pub document: Option<Text>,
    /// Whether the editor's text has errors, so the answers come from an earlier text.
    pub stale: bool,
    /// The saved tests editor's text.
    #[serde(skip)]
    pub tests: Text,
    /// The old version and the user's addresses.
    #[serde(skip)]
    pub comparison: Comparison,
    /// The access question.
    pub access: AccessQuestion,
    /// The impersonation question.
    pub impersonation: ImpersonationQuestion,
    /// The mobile device question (for adding it as a test).
    pub mobile: MobileQuestion,
    /// The operations form.
    pub call: Call,
}

impl Input {
    /// What `view` needs from `state`. Only what the view shows is copied, so an edit that
    /// cannot change it leaves the input equal (and the module untouched).
    pub fn of(view: View, state: &State) -> Self {
        let panel = match view {
            View::Panel(panel) => Some(panel),
            View::AccessSuggestions
            | View::ImpersonationSuggestions
            | View::MobileAnswer
            | View::Semantics(_) => None,
        };
        let document = (matches!(panel, Some(Panel::Lints | Panel::Operations))
            && !state.is_current())
        .then(|| Text::from(&state.document));
        Self {
            view,
            applied: Text::from(&state.applied),
            document,
            stale: !state.is_current() && crate::loaded::load(&state.applied).is_ok(),
            tests: if panel == Some(Panel::Tests) {
                state.tests.clone()
            } else {
                Text::default()
            },
            // A replay compares with the comparison's old version, when there is one.
            comparison: if matches!(panel, Some(Panel::Compare | Panel::Replay)) {
                state.comparison.clone()
            } else {
                Comparison::default()
            },
            access: if matches!(view, View::AccessSuggestions | View::Panel(Panel::Tests)) {
                state.access.clone()
            } else {
                AccessQuestion::default()
            },
            impersonation: if matches!(
                view,
                View::ImpersonationSuggestions | View::Panel(Panel::Tests)
            ) {
                state.impersonation.clone()
            } else {
                ImpersonationQuestion::default()
            },
            mobile: if matches!(view, View::MobileAnswer | View::Panel(Panel::Tests)) {
                state.mobile.clone()
            } else {
                MobileQuestion::default()
            },
            call: if panel == Some(Panel::Operations) {
                state.call.clone()
            } else {
                Call::default()
            },
        }
    }

    /// What a "what would change" view needs: the applied document and the questions.
    pub fn suggestions(
        view: View,
        applied: &Text,
        stale: bool,
        access: &AccessQuestion,
        impersonation: &ImpersonationQuestion,
    ) -> Self {
        Self {
            view,
            applied: applied.clone(),
            document: None,
            stale,
            tests: Text::default(),
            comparison: Comparison::default(),
            access: if view == View::AccessSuggestions {
                access.clone()
            } else {
                AccessQuestion::default()
            },
            impersonation: if view == View::ImpersonationSuggestions {
                impersonation.clone()
            } else {
                ImpersonationQuestion::default()
            },
            mobile: MobileQuestion::default(),
            call: Call::default(),
        }
    }

    /// What the Semantics page needs: the decision to show first, if any.
    pub fn semantics(focus: Option<DecisionId>) -> Self {
        Self::suggestions(
            View::Semantics(focus),
            &Text::default(),
            false,
            &AccessQuestion::default(),
            &ImpersonationQuestion::default(),
        )
    }

    /// What the mobile device answer needs: the applied document and the question.
    pub fn mobile_answer(applied: &Text, stale: bool, mobile: &MobileQuestion) -> Self {
        Self {
            mobile: mobile.clone(),
            ..Self::suggestions(
                View::MobileAnswer,
                applied,
                stale,
                &AccessQuestion::default(),
                &ImpersonationQuestion::default(),
            )
        }
    }

    /// The texts the JSON leaves out, which cross as UTF-8 bytes: the applied text, the editor's
    /// text when it differs, the tests, the old version and the user's addresses.
    pub fn texts(&self) -> [Option<&str>; TEXTS] {
        [
            Some(&*self.applied),
            self.document.as_deref(),
            Some(&*self.tests),
            Some(&self.comparison.document),
            Some(&self.comparison.my_ips),
        ]
    }

    /// How each of the [`texts`](Self::texts) crosses after `sent` was: each that is as it was
    /// is [`Kept`](Crossing::Kept) (a view keeps the texts it was last sent, so an unchanged one
    /// does not cross again: a large document costs time each way), and one that is the same
    /// text as an earlier one of this input crosses as that one's index. A text shared with the
    /// one sent is the same without comparing a character.
    pub fn changed_texts<'a>(&'a self, sent: Option<&Input>) -> Vec<Crossing<'a>> {
        let texts = self.texts();
        let mut crossings = Crossing::all(&texts);
        if let Some(sent) = sent {
            for ((crossing, text), was) in crossings.iter_mut().zip(texts).zip(sent.texts()) {
                let same = match (text, was) {
                    (Some(text), Some(was)) => std::ptr::eq(text, was) || text == was,
                    (None, None) => true,
                    _ => false,
                };
                if same {
                    *crossing = Crossing::Kept;
                }
            }
        }
        crossings
    }

    /// The input with the [`texts`](Self::texts) put back (a missing one is empty, or absent
    /// for the editor's text).
    #[must_use]
    pub fn with_texts(self, texts: [Option<Text>; TEXTS]) -> Self {
        let [applied, document, tests, old_version, my_ips] = texts;
        Self {
            applied: applied.unwrap_or_default(),
            document,
            tests: tests.unwrap_or_default(),
            comparison: Comparison {
                document: old_version.unwrap_or_default(),
                my_ips: my_ips.as_deref().unwrap_or_default().to_owned(),
            },
            ..self
        }
    }

    /// The document editor's text.
    pub fn document(&self) -> &Text {
        self.document.as_ref().unwrap_or(&self.applied)
    }

    /// How much text the input holds, in bytes.
    pub fn text_size(&self) -> usize {
        self.texts().into_iter().flatten().map(str::len).sum()
    }
}

/// What the analysis module asks the page to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Message {
    /// Show an analysis panel, or close them all.
    ShowPanel(Option<Panel>),
    /// The tests editor's new text.
    EditTests(String),
    /// A field of the comparison changed.
    EditComparison(ComparisonField, String),
    /// The document as it is now becomes the old version.
    CompareWithCurrent,
    /// A file's text becomes the old version: its name, and its text.
    UploadComparison(String, String),
    /// A file could not be read or saved.
    Failed(String),
    /// The operations form's operation changed.
    SelectOperation(Operation),
    /// The operations form's request text changed.
    EditRequest(String),
    /// The operations form's call ran.
    OperationRan(Ran),
    /// Open the Semantics page at a decision.
    ShowDecision(DecisionId),
    /// Leave the Semantics page for the playground.
    ShowPlayground,
    /// Ask a replayed request (see [`Message::ask`]). Plain texts, which the page reads
    /// with code it has anyway: questions here would add their readers to the first load.
    Ask {
        /// `IpAddress`.
        ip_address: String,
        /// `Action`.
        action: String,
        /// `UserId` (empty for an impersonated request).
        user_id: String,
        /// `ImpersonationRoleId` (empty for a user's own request).
        role: String,
        /// The mailbox an impersonated request reached (empty for a user's own request).
        target_user: String,
    },
    /// Ask a mobile property's counterexample: it becomes the mobile question.
    AskMobile(MobileQuestion),
    /// Move the caret in the document editor to a 1-based line and column.
    Jump(u32, u32),
}

impl Message {
    /// The state change the message asks for; `None` for a caret move, which changes no state
    /// beyond showing the Document tab.
    pub fn action(self) -> Option<Action> {
        Some(match self {
            Self::ShowPanel(panel) => Action::ShowPanel(panel),
            Self::EditTests(text) => Action::EditTests(text),
            Self::EditComparison(field, text) => Action::EditComparison(field, text),
            Self::CompareWithCurrent => Action::CompareWithCurrent,
            Self::UploadComparison(name, text) => Action::UploadComparison { name, text },
            Self::Failed(reason) => Action::UploadFailed(reason),
            Self::SelectOperation(operation) => Action::SelectOperation(operation),
            Self::EditRequest(text) => Action::EditRequest(text),
            Self::OperationRan(ran) => Action::OperationRan(ran),
            Self::ShowDecision(decision) => Action::Show(PageView::Semantics(Some(decision.0))),
            Self::ShowPlayground => Action::Show(PageView::Playground),
            Self::Ask {
                ip_address,
                action,
                user_id,
                role,
                target_user,
            } => {
                let impersonation = (!target_user.is_empty()).then(|| ImpersonationQuestion {
                    impersonation_role_id: role.clone(),
                    target_user,
                });
                // Without an address, action or user, only the impersonation question is asked.
                let access = [&ip_address, &action, &user_id]
                    .iter()
                    .any(|text| !text.is_empty())
                    .then_some(AccessQuestion {
                        ip_address,
                        action,
                        user_id,
                        impersonation_role_id: role,
                    });
                Action::Ask(access, impersonation)
            }
            Self::AskMobile(question) => Action::AskMobile(question),
            Self::Jump(..) => return None,
        })
    }
}

impl Message {
    /// Asks a replayed request: the access question, and for an impersonated request the
    /// role's question for the mailbox reached.
    pub fn ask(access: AccessQuestion, impersonation: Option<ImpersonationQuestion>) -> Self {
        let target_user = impersonation
            .map(|question| question.target_user)
            .unwrap_or_default();
        Self::Ask {
            ip_address: access.ip_address,
            action: access.action,
            user_id: access.user_id,
            role: access.impersonation_role_id,
            target_user,
        }
    }
}

/// JSON for the other side (never fails for these types; an empty text if it did).
pub fn encode<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Reads what the other side sent.
pub fn decode<'a, T: Deserialize<'a>>(text: &'a str) -> Option<T> {
    serde_json::from_str(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::Preset;

    #[test]
    fn inputs_carry_only_what_the_view_shows() {
        let state = State::from_preset(Preset::ArchivingRole)
            .apply(Action::EditTests("{\"Tests\": []}".into()))
            .apply(Action::EditDocument("{ broken".into()));
        let table = Input::of(View::Panel(Panel::Table), &state);
        assert_eq!(&*table.tests, "");
        assert_eq!(table.access, AccessQuestion::default());
        assert_eq!(
            table.document, None,
            "the table comes from the applied text"
        );
        assert!(table.applied.contains("no-executives"));
        // The input shares the state's texts rather than copying them (they may be large).
        assert!(std::rc::Rc::ptr_eq(&table.applied.0, &state.applied));
        let lints = Input::of(View::Panel(Panel::Lints), &state);
        assert_eq!(&**lints.document(), "{ broken");
        assert!(std::rc::Rc::ptr_eq(&lints.document().0, &state.document));
        assert!(lints.stale && table.stale);
        // A replay's baseline is the comparison's old version.
        let compared = state.clone().apply(Action::CompareWithCurrent);
        let replay = Input::of(View::Panel(Panel::Replay), &compared);
        assert!(!compared.comparison.document.is_empty());
        assert_eq!(replay.comparison, compared.comparison);
        let tests = Input::of(View::Panel(Panel::Tests), &state);
        assert_eq!(&*tests.tests, "{\"Tests\": []}");
        assert_eq!(tests.access, state.access);
        let role = Input::of(View::ImpersonationSuggestions, &state);
        assert_eq!(
            Input::suggestions(
                View::ImpersonationSuggestions,
                &Text::from(&state.applied),
                true,
                &state.access,
                &state.impersonation
            ),
            role
        );
        assert_eq!(role.impersonation, state.impersonation);
        assert_eq!(role.access, AccessQuestion::default());
        // A change to the access question leaves the impersonation view's input equal.
        let asked = state.apply(Action::SetAccess(
            crate::questions::AccessField::IpAddress,
            "10.0.0.1".into(),
        ));
        assert_eq!(Input::of(View::ImpersonationSuggestions, &asked), role);
    }

    #[test]
    fn both_sides_read_what_the_other_writes() {
        let state = State::from_preset(Preset::ArchivingRole)
            .apply(Action::EditTests("{\"Tests\": []}".into()))
            .apply(Action::CompareWithCurrent)
            .apply(Action::EditComparison(
                ComparisonField::MyIps,
                "192.0.2.1".into(),
            ))
            .apply(Action::EditDocument("{ broken".into()));
        for view in [
            View::Panel(Panel::Tests),
            View::Panel(Panel::Lints),
            View::Panel(Panel::Compare),
        ] {
            let input = Input::of(view, &state);
            let json = encode(&input);
            // The texts cross beside the JSON, not in it.
            assert!(
                !json.contains("no-executives") && !json.contains("192.0.2.1"),
                "{json}"
            );
            let texts = input.texts().map(|text| text.map(Text::from));
            let read = decode::<Input>(&json).map(|read| read.with_texts(texts));
            assert_eq!(read, Some(input));
        }
        // After a first input every text crosses, the old version as the applied text it is;
        // after that, only those that changed.
        let first = Input::of(View::Panel(Panel::Compare), &state);
        let [applied, _, tests, _, my_ips] = first.texts().map(Option::unwrap_or_default);
        assert_eq!(
            first.changed_texts(None),
            [
                Crossing::Sent(applied),
                Crossing::Absent,
                Crossing::Sent(tests),
                Crossing::Earlier(0),
                Crossing::Sent(my_ips)
            ]
        );
        assert_eq!(first.changed_texts(Some(&first)), [Crossing::Kept; TEXTS]);
        let edited = state.apply(Action::EditComparison(
            ComparisonField::MyIps,
            "198.51.100.7".into(),
        ));
        let next = Input::of(View::Panel(Panel::Compare), &edited);
        assert_eq!(
            next.changed_texts(Some(&first)),
            [
                Crossing::Kept,
                Crossing::Kept,
                Crossing::Kept,
                Crossing::Kept,
                Crossing::Sent("198.51.100.7")
            ]
        );
        // A text that was absent and is again is kept too.
        let fixed = Input::of(
            View::Panel(Panel::Compare),
            &edited.apply(Action::EditDocument((*applied).into())),
        );
        assert_eq!(fixed.changed_texts(Some(&fixed))[1], Crossing::Kept);
        let messages = [
            Message::ShowPanel(Some(Panel::Compare)),
            Message::SelectOperation(Operation::CreateImpersonationRole),
            Message::ShowDecision(DecisionId(workmail_policy::Decision::D7)),
            Message::EditComparison(ComparisonField::MyIps, "192.0.2.1".into()),
            Message::Jump(3, 14),
        ];
        for message in messages {
            assert_eq!(decode::<Message>(&encode(&message)), Some(message));
        }
        assert_eq!(decode::<Message>("{\"Unknown\": 1}"), None);
        assert_eq!(Message::Jump(1, 1).action(), None);
        let role = ImpersonationQuestion {
            impersonation_role_id: "archiver".into(),
            target_user: "jane".into(),
        };
        let access = AccessQuestion {
            ip_address: "192.0.2.7".into(),
            action: "EWS".into(),
            user_id: String::new(),
            impersonation_role_id: "archiver".into(),
        };
        let asked = Message::ask(access.clone(), Some(role.clone()));
        assert_eq!(decode::<Message>(&encode(&asked)), Some(asked.clone()));
        assert_eq!(
            asked.action(),
            Some(Action::Ask(Some(access.clone()), Some(role)))
        );
        let own = AccessQuestion {
            user_id: "jane".into(),
            impersonation_role_id: String::new(),
            ..access
        };
        assert_eq!(
            Message::ask(own.clone(), None).action(),
            Some(Action::Ask(Some(own), None))
        );
        assert_eq!(
            Message::Failed("x".into()).action(),
            Some(Action::UploadFailed("x".into()))
        );
    }
}
