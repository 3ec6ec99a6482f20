//! The playground's state and the one reducer that changes it.
//!
//! The state holds only what the user typed or chose. Everything shown from it (diagnostics,
//! answers, the share link) is derived by the components, so it can never go stale.

use std::rc::Rc;

use workmail_policy::{Decision, Operation};
use yew::Reducible;

use crate::comparison::{Comparison, ComparisonField};
use crate::loaded;
use crate::loader::{self, Outcome, Report};
use crate::operations::{Call, Ran};
use crate::parts::{self, Part, PartCheck, Parts};
use crate::presets::Preset;
use crate::problems::Problems;
use crate::questions::{
    AccessField, AccessQuestion, ImpersonationField, ImpersonationQuestion, MobileField,
    MobileQuestion,
};
use crate::share::{self, LinkError, SharedState};
use crate::tabs::{Panel, Tab};
use crate::text::Text;

/// The page on show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    /// Documents, questions and answers.
    #[default]
    Playground,
    /// Every documented behaviour and decision, scrolled to one decision when given.
    Semantics(Option<Decision>),
}

/// A message about something that happened outside the editors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The link's fragment could not be read; the page opened on the first preset instead.
    LinkUnreadable(LinkError),
    /// A file was loaded into the document editor.
    Uploaded(String),
    /// A file was loaded as the old version to compare with.
    UploadedComparison(String),
    /// A file could not be read.
    UploadFailed(String),
    /// The page opened on the work this browser saved last time.
    Restored,
    /// The work this browser saved could not be read; the page opened on the first preset.
    SavedUnreadable(LinkError),
    /// The browser refused to save the work (the address bar still holds it).
    NotSaved,
}

/// Where the document editor's text is in being loaded (see [`crate::loader`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loading {
    /// Loaded in the page, like every text that is not large.
    InPage,
    /// Sent to the loader.
    Waiting {
        /// The text's serial number: the revision of the edit.
        serial: u64,
        /// Whether a part editor made the text: the part editors keep their text then.
        from_part: bool,
    },
    /// The loader found errors: these diagnostics, and the text is not loaded in the page.
    Invalid(Rc<Problems>),
    /// The loader stopped while reading the text, for this reason; it is not loaded.
    Stopped(Rc<str>),
}

/// A part editor's text longer than [`loader::LARGE_DOCUMENT`]: the loader checks it and puts
/// it into the document (see [`loader::check_part`]), so the page never reads it on its own
/// thread.
///
/// Equal when the texts are (compared by address first: a render compares the old one with the
/// new one, and they are megabytes).
#[derive(Debug, Clone, Eq)]
pub struct LargePart {
    /// The part.
    pub part: Part,
    /// Its text, as the part editors hold it (the same text in memory).
    pub text: Rc<str>,
    /// The document text it goes into: when the document changed before the loader answered,
    /// the part is sent again with the new one.
    pub base: Rc<str>,
    /// Where it is.
    pub status: PartLoading,
}

impl PartialEq for LargePart {
    fn eq(&self, other: &Self) -> bool {
        let same = |one: &Rc<str>, other: &Rc<str>| Rc::ptr_eq(one, other) || one == other;
        self.part == other.part
            && self.status == other.status
            && same(&self.text, &other.text)
            && same(&self.base, &other.base)
    }
}

/// Where a [`LargePart`] is in being loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartLoading {
    /// Waiting for the loader (which takes a document editor's text it is waiting for first).
    Waiting {
        /// The text's serial number: the revision of the edit.
        serial: u64,
    },
    /// It loads, or is empty: its warnings. The document took it when it loads.
    Loads(Rc<Problems>),
    /// The loader found errors: these diagnostics; the document keeps its part.
    Invalid(Rc<Problems>),
    /// The loader stopped while reading the text, for this reason.
    Stopped(Rc<str>),
}

/// What the loader works on next: the document editor's text, or a large part editor's text
/// with the document it goes into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoaderJob {
    /// The document editor's text.
    Document {
        /// Its serial number.
        serial: u64,
        /// The text.
        text: Rc<str>,
    },
    /// A part editor's text.
    Part {
        /// Its serial number.
        serial: u64,
        /// The part.
        part: Part,
        /// The text.
        text: Rc<str>,
        /// The document it goes into.
        document: Rc<str>,
    },
}

impl LoaderJob {
    /// The job's serial number.
    pub const fn serial(&self) -> u64 {
        match self {
            Self::Document { serial, .. } | Self::Part { serial, .. } => *serial,
        }
    }
}

/// Everything the user typed or chose.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The document editor's text (shared, not copied, by every reader: it may be large).
    pub document: Rc<str>,
    /// The last document text that loaded: the answers come from it while the editor's text has
    /// errors.
    pub applied: Rc<str>,
    /// Where the document editor's text is in being loaded.
    pub loading: Loading,
    /// The part editors' text.
    pub parts: Parts,
    /// The last large text typed or pasted in a part editor, while that editor holds it (shared:
    /// the state is copied on every action).
    pub large_part: Option<Rc<LargePart>>,
    /// The access question.
    pub access: AccessQuestion,
    /// The impersonation question.
    pub impersonation: ImpersonationQuestion,
    /// The mobile device question.
    pub mobile: MobileQuestion,
    /// The editor on show.
    pub tab: Tab,
    /// The page on show.
    pub view: View,
    /// The preset loaded last, until the document is edited.
    pub preset: Option<Preset>,
    /// A message to show until dismissed.
    pub notice: Option<Notice>,
    /// The saved tests editor's text.
    pub tests: Text,
    /// What the document is compared with.
    pub comparison: Comparison,
    /// The analysis panel on show (`None`: all closed).
    pub panel: Option<Panel>,
    /// The operations form and what its last run gave.
    pub call: Call,
    /// How many actions made this state: what the page saves follows it.
    pub revision: u64,
}

/// Everything that changes the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The document editor's text changed (shared: it may be large).
    EditDocument(Rc<str>),
    /// A part editor's text changed.
    EditPart(Part, Rc<str>),
    /// Start from a preset.
    LoadPreset(Preset),
    /// A file's text replaces the document.
    Upload {
        /// The file name.
        name: String,
        /// Its text.
        text: Rc<str>,
    },
    /// A file could not be read.
    UploadFailed(String),
    /// A share link was opened.
    Restore(Box<SharedState>),
    /// A share link could not be read.
    LinkUnreadable(LinkError),
    /// The saved tests editor's text changed.
    EditTests(String),
    /// A field of the comparison changed.
    EditComparison(ComparisonField, String),
    /// The document as it is now becomes the old version to compare with.
    CompareWithCurrent,
    /// A file's text becomes the old version to compare with.
    UploadComparison {
        /// The file name.
        name: String,
        /// Its text.
        text: String,
    },
    /// Show an analysis panel, or close them all.
    ShowPanel(Option<Panel>),
    /// The browser refused to save the work.
    SaveFailed,
    /// An access question field changed.
    SetAccess(AccessField, String),
    /// An impersonation question field changed.
    SetImpersonation(ImpersonationField, String),
    /// A mobile device question field changed.
    SetMobile(MobileField, String),
    /// A replayed request or a counterexample was chosen: it becomes the access question, the
    /// impersonation question, or both (an impersonated request: the role's question for the
    /// mailbox reached); a question not given stays as it was.
    Ask(Option<AccessQuestion>, Option<ImpersonationQuestion>),
    /// A counterexample of a mobile property was chosen: it becomes the mobile question.
    AskMobile(MobileQuestion),
    /// The operations form's operation changed.
    SelectOperation(Operation),
    /// The operations form's request text changed.
    EditRequest(String),
    /// The operations form's call ran (in the analysis module): show the outcome, and take the
    /// changed organization as the document.
    OperationRan(Ran),
    /// The loader reported on a large document text, or on a large part text.
    Loaded(Report),
    /// The loader reported on a large part text, with the document that took it.
    PartLoaded(Report, Option<Rc<str>>),
    /// Show another editor.
    SelectTab(Tab),
    /// Show another page.
    Show(View),
    /// Hide the notice.
    DismissNotice,
}

impl Default for State {
    fn default() -> Self {
        Self::from_preset(Preset::AwsDocumentationExample)
    }
}

impl State {
    fn blank() -> Self {
        Self {
            document: Rc::from(""),
            applied: Rc::from(""),
            loading: Loading::InPage,
            parts: Parts::default(),
            large_part: None,
            access: AccessQuestion::default(),
            impersonation: ImpersonationQuestion::default(),
            mobile: MobileQuestion::default(),
            tab: Tab::Document,
            view: View::Playground,
            preset: None,
            notice: None,
            tests: Text::default(),
            comparison: Comparison::default(),
            panel: None,
            call: Call::default(),
            revision: 0,
        }
    }

    /// The state a preset opens with.
    pub fn from_preset(preset: Preset) -> Self {
        Self::blank().apply(Action::LoadPreset(preset))
    }

    /// The state a page opens with: the state of its link; without one, the work this browser
    /// saved; otherwise the first preset. A link or saved work that cannot be read opens the
    /// first preset with a notice saying why.
    pub fn open(opening: &share::Opening) -> Self {
        match &opening.link {
            Ok(Some(shared)) => Self::restore(shared.clone()),
            Err(error) => Self::default().apply(Action::LinkUnreadable(error.clone())),
            Ok(None) => match &opening.saved {
                None | Some(Ok(None)) => Self::default(),
                Some(Ok(Some(shared))) => {
                    let mut state = Self::restore(shared.clone());
                    state.notice = Some(Notice::Restored);
                    state
                }
                Some(Err(error)) => Self {
                    notice: Some(Notice::SavedUnreadable(error.clone())),
                    ..Self::default()
                },
            },
        }
    }

    /// The state a share link holds.
    pub fn restore(shared: SharedState) -> Self {
        Self::blank().apply(Action::Restore(Box::new(shared)))
    }

    /// What a share link keeps: the document, the questions, the editor on show, and the part
    /// editors' text where it differs from what the document gives.
    pub fn shared(&self) -> SharedState {
        // A text the loader has not loaded in the page gives no parts. The parts that follow
        // the document already hold its printed parts (printed at most once per text).
        let derived = if self.loading != Loading::InPage {
            Parts::default()
        } else if self.parts.follows(&self.document) {
            self.parts.untyped()
        } else {
            Parts::of(Rc::clone(&self.document))
        };
        let drafts = Part::ALL
            .into_iter()
            .filter(|part| self.parts.get(*part) != derived.get(*part))
            .map(|part| (part, self.parts.get(part).to_owned()))
            .collect();
        SharedState {
            document: self.document.to_string(),
            access: self.access.clone(),
            impersonation: self.impersonation.clone(),
            mobile: self.mobile.clone(),
            tab: self.tab,
            drafts,
            tests: self.tests.to_string(),
            comparison: (&self.comparison).into(),
            panel: self.panel,
        }
    }

    /// How much text the state holds, in bytes: saving a large state waits for a pause in
    /// typing.
    pub fn text_size(&self) -> usize {
        // Only text typed in a part editor is saved: the rest is printed from the document.
        self.document.len()
            + Part::ALL
                .into_iter()
                .filter_map(|part| self.parts.typed(part).map(str::len))
                .sum::<usize>()
            + self.tests.len()
            + self.comparison.document.len()
    }

    /// Replaces the document text; when it loads, the answers follow it and the part editors
    /// show its parts.
    ///
    /// A large text is sent to the loader first (see [`crate::loader`]): until its report
    /// comes, the answers stay those of the last document that loaded.
    fn set_document(&mut self, text: impl Into<Rc<str>>) {
        self.replace_document(text.into(), false);
    }

    /// Replaces the document text, made by a part editor (`from_part`) or not.
    fn replace_document(&mut self, text: Rc<str>, from_part: bool) {
        if loader::is_large(&text) {
            self.loading = Loading::Waiting {
                serial: self.revision,
                from_part,
            };
        } else {
            self.load_document(&text, !from_part);
        }
        self.document = text;
    }

    /// Loads `text` in the page; when it loads, the answers follow it and (with `derive`) the
    /// part editors show its parts.
    fn load_document(&mut self, text: &Rc<str>, derive: bool) {
        self.loading = Loading::InPage;
        if loaded::organization(&loaded::load_shared(text)).is_some() {
            if derive {
                self.parts = Parts::of(Rc::clone(text));
                self.large_part = None;
            }
            self.applied = Rc::clone(text);
        }
    }

    /// What the loader is to work on: the document editor's text it waits for, else a large
    /// part editor's text.
    pub fn loader_job(&self) -> Option<LoaderJob> {
        if let Loading::Waiting { serial, .. } = self.loading {
            return Some(LoaderJob::Document {
                serial,
                text: Rc::clone(&self.document),
            });
        }
        match self.large_part.as_deref() {
            Some(LargePart {
                part,
                text,
                base,
                status: PartLoading::Waiting { serial },
            }) => Some(LoaderJob::Part {
                serial: *serial,
                part: *part,
                text: Rc::clone(text),
                document: Rc::clone(base),
            }),
            _ => None,
        }
    }

    /// Takes the loader's report on the document editor's text, unless the text changed since;
    /// or on a large part editor's text (see [`Self::take_part_report`]).
    fn take_report(&mut self, report: Report) {
        let Loading::Waiting { serial, from_part } = self.loading else {
            return self.take_part_report(report, None);
        };
        if serial != report.serial {
            return;
        }
        match report.outcome {
            Outcome::Invalid(problems) => self.loading = Loading::Invalid(Rc::new(problems)),
            Outcome::Stopped(reason) => self.loading = Loading::Stopped(Rc::from(reason)),
            Outcome::Loads(_) | Outcome::Failed(_) | Outcome::PartLoads(_) => {
                let text = Rc::clone(&self.document);
                self.load_document(&text, !from_part);
            }
        }
    }

    /// Takes the loader's report on the large part editor's text it waits for, with the
    /// document that took the part (`composed`), unless the text changed since. When the
    /// document changed meanwhile, the part is sent again with the new one; when the loader
    /// could not start, the page checks the part itself.
    fn take_part_report(&mut self, report: Report, composed: Option<Rc<str>>) {
        let Some(large) = self.large_part.as_mut().map(Rc::make_mut) else {
            return;
        };
        if large.status
            != (PartLoading::Waiting {
                serial: report.serial,
            })
        {
            return;
        }
        match report.outcome {
            Outcome::Invalid(problems) => large.status = PartLoading::Invalid(Rc::new(problems)),
            Outcome::Stopped(reason) => large.status = PartLoading::Stopped(Rc::from(reason)),
            Outcome::PartLoads(_) if !Rc::ptr_eq(&large.base, &self.document) => {
                large.base = Rc::clone(&self.document);
                large.status = PartLoading::Waiting {
                    serial: self.revision,
                };
            }
            Outcome::PartLoads(warnings) => {
                large.status = PartLoading::Loads(Rc::new(warnings));
                if let Some(document) = composed {
                    self.replace_document(document, true);
                }
            }
            Outcome::Failed(_) | Outcome::Loads(_) => {
                let (part, text) = (large.part, Rc::clone(&large.text));
                self.large_part = None;
                self.put_part(part, text);
            }
        }
    }

    /// Replaces a part editor's text; when it loads (or is empty) and the document loads, the
    /// document takes the part.
    ///
    /// A large text goes to the loader instead ([`LargePart`]).
    fn set_part(&mut self, part: Part, text: Rc<str>) {
        if !loader::is_large(&text) {
            if self
                .large_part
                .as_ref()
                .is_some_and(|large| large.part == part)
            {
                self.large_part = None;
            }
            return self.put_part(part, text);
        }
        self.parts.set_shared(part, text);
        self.large_part = Some(Rc::new(LargePart {
            part,
            text: Rc::clone(self.parts.shared(part)),
            base: Rc::clone(&self.document),
            status: PartLoading::Waiting {
                serial: self.revision,
            },
        }));
    }

    /// Checks a part editor's text in the page; when it loads (or is empty) and the document
    /// loads, the document takes the part.
    fn put_part(&mut self, part: Part, text: Rc<str>) {
        let entries = match parts::check(part, &text) {
            PartCheck::Empty => None,
            PartCheck::Loaded { entries, .. } => Some(entries),
            PartCheck::Invalid { .. } => {
                self.parts.set_shared(part, text);
                return;
            }
        };
        self.parts.set_shared(part, text);
        if let Some(document) = parts::compose(&self.document, part, entries) {
            self.replace_document(Rc::from(document), true);
        }
    }

    /// The state after `action`.
    #[must_use]
    pub fn apply(mut self, action: Action) -> Self {
        self.revision = self.revision.wrapping_add(1);
        match action {
            Action::EditDocument(text) => {
                self.set_document(text);
                self.preset = None;
            }
            Action::EditPart(part, text) => {
                self.set_part(part, text);
                self.preset = None;
            }
            Action::LoadPreset(preset) => {
                self.set_document(preset.document().to_owned());
                self.access = preset.access();
                self.impersonation = preset.impersonation();
                self.mobile = preset.mobile();
                self.preset = Some(preset);
                self.notice = None;
            }
            Action::Upload { name, text } => {
                self.set_document(text);
                self.tab = Tab::Document;
                self.preset = None;
                self.notice = Some(Notice::Uploaded(name));
            }
            Action::UploadFailed(reason) => self.notice = Some(Notice::UploadFailed(reason)),
            Action::Restore(shared) => {
                let shared = *shared;
                self.set_document(shared.document);
                for (part, text) in shared.drafts.into_parts() {
                    self.parts.set(part, text);
                }
                self.access = shared.access;
                self.impersonation = shared.impersonation;
                self.mobile = shared.mobile;
                self.tab = shared.tab;
                self.tests = shared.tests.into();
                self.comparison = shared.comparison.into();
                self.panel = shared.panel;
                self.preset = Preset::ALL
                    .into_iter()
                    .find(|preset| preset.document() == &*self.document);
                self.notice = None;
            }
            Action::LinkUnreadable(error) => self.notice = Some(Notice::LinkUnreadable(error)),
            Action::SetAccess(field, value) => match field {
                AccessField::IpAddress => self.access.ip_address = value,
                AccessField::Action => self.access.action = value,
                AccessField::UserId => self.access.user_id = value,
                AccessField::ImpersonationRoleId => self.access.impersonation_role_id = value,
            },
            Action::Ask(access, impersonation) => {
                if let Some(access) = access {
                    self.access = access;
                }
                if let Some(impersonation) = impersonation {
                    self.impersonation = impersonation;
                }
            }
            Action::AskMobile(question) => self.mobile = question,
            Action::SetMobile(field, value) => {
                let slot = match field {
                    MobileField::DeviceType => &mut self.mobile.device_type,
                    MobileField::DeviceModel => &mut self.mobile.device_model,
                    MobileField::DeviceOperatingSystem => &mut self.mobile.device_operating_system,
                    MobileField::DeviceUserAgent => &mut self.mobile.device_user_agent,
                    MobileField::UserId => &mut self.mobile.user_id,
                    MobileField::DeviceId => &mut self.mobile.device_id,
                    MobileField::IpAddress => &mut self.mobile.ip_address,
                };
                *slot = value;
            }
            Action::SetImpersonation(field, value) => match field {
                ImpersonationField::ImpersonationRoleId => {
                    self.impersonation.impersonation_role_id = value;
                }
                ImpersonationField::TargetUser => self.impersonation.target_user = value,
            },
            Action::Loaded(report) => self.take_report(report),
            Action::PartLoaded(report, composed) => self.take_part_report(report, composed),
            Action::SelectTab(tab) => self.tab = tab,
            Action::Show(view) => self.view = view,
            Action::DismissNotice => self.notice = None,
            Action::EditTests(text) => self.tests = text.into(),
            Action::EditComparison(field, text) => match field {
                ComparisonField::Document => self.comparison.document = text.into(),
                ComparisonField::MyIps => self.comparison.my_ips = text,
            },
            Action::CompareWithCurrent => self.comparison.document = Text::from(&self.document),
            Action::UploadComparison { name, text } => {
                self.comparison.document = text.into();
                self.notice = Some(Notice::UploadedComparison(name));
            }
            Action::ShowPanel(panel) => self.panel = panel,
            Action::SaveFailed => self.notice = Some(Notice::NotSaved),
            Action::SelectOperation(operation) => self.call.operation = operation,
            Action::EditRequest(text) => self.call.request = text,
            Action::OperationRan(ran) => {
                if let Some(document) = ran.document {
                    self.set_document(document);
                    self.preset = None;
                }
                self.call.outcome = ran.outcome;
            }
        }
        self
    }

    /// Whether the document editor's text is what the answers come from.
    pub fn is_current(&self) -> bool {
        Rc::ptr_eq(&self.document, &self.applied) || self.document == self.applied
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        // Timed for the browser's performance tools and the benchmark.
        crate::browser::measure("workmail:reduce", || {
            Rc::new(Rc::unwrap_or_clone(self).apply(action))
        })
    }
}

#[cfg(test)]
mod tests {
    use workmail_policy::ErrorCode;

    use super::*;
    use crate::operations::{self, Entropy, Outcome};
    use crate::presets::DOCUMENTATION_USER;

    #[test]
    fn the_page_opens_on_the_documentation_example() {
        let state = State::open(&share::native::opening("", None));
        assert_eq!(state.preset, Some(Preset::AwsDocumentationExample));
        assert_eq!(state.access.user_id, DOCUMENTATION_USER);
        assert!(state.is_current());
        assert!(state.parts.get(Part::Rules).contains("myRule"));
        assert_eq!(state.parts.get(Part::Users), "");
    }

    #[test]
    fn an_invalid_document_keeps_the_last_valid_one_for_the_answers() {
        let state = State::default().apply(Action::EditDocument("{\"Rules\": [".into()));
        assert!(!state.is_current());
        assert_eq!(&*state.applied, Preset::AwsDocumentationExample.document());
        assert_eq!(state.preset, None);
        // The part editors still show the last valid document's parts.
        assert!(state.parts.get(Part::Rules).contains("myRule"));
    }

    #[test]
    fn a_valid_document_updates_the_parts() {
        let state = State::default().apply(Action::EditDocument(
            Preset::ArchivingRole.document().into(),
        ));
        assert!(state.is_current());
        assert!(state.parts.get(Part::Roles).contains("no-executives"));
        assert!(state.parts.get(Part::Users).contains("ceo@example.com"));
    }

    #[test]
    fn a_loaded_part_goes_into_the_document() {
        let users = r#"{"Users": [{"Id": "S-1-1-11-1111111111-2222222222-3333333333-3333", "Email": "jane@example.com", "Name": "jane"}]}"#;
        let state = State::default().apply(Action::EditPart(Part::Users, users.into()));
        assert!(state.is_current());
        let loaded = workmail_policy::Organization::from_json(&state.document).unwrap();
        assert_eq!(loaded.organization.users().map(<[_]>::len), Some(1));
        assert_eq!(loaded.organization.access_control_rules().len(), 2);
        // The part editor keeps the text as typed.
        assert_eq!(state.parts.get(Part::Users), users);
    }

    #[test]
    fn an_invalid_part_changes_nothing_else() {
        let before = State::default();
        let after = before
            .clone()
            .apply(Action::EditPart(Part::Rules, "{\"Rules\": 3}".into()));
        assert_eq!(after.document, before.document);
        assert_eq!(after.parts.get(Part::Rules), "{\"Rules\": 3}");
    }

    #[test]
    fn clearing_the_rules_part_leaves_the_default_rule() {
        let state = State::from_preset(Preset::BlockEverything)
            .apply(Action::EditPart(Part::Rules, "".into()));
        let loaded = workmail_policy::Organization::from_json(&state.document).unwrap();
        assert_eq!(
            loaded.organization.access_control_rules()[0].name,
            "default"
        );
    }

    #[test]
    fn presets_set_the_questions() {
        let state = State::default().apply(Action::LoadPreset(Preset::ArchivingRole));
        assert_eq!(state.impersonation.target_user, "ceo@example.com");
        assert_eq!(state.access.action, "EWS");
        assert_eq!(state.preset, Some(Preset::ArchivingRole));
    }

    #[test]
    fn question_fields_change_one_at_a_time() {
        let state = State::default()
            .apply(Action::SetAccess(AccessField::IpAddress, "10.0.0.1".into()))
            .apply(Action::SetAccess(
                AccessField::ImpersonationRoleId,
                "r".into(),
            ))
            .apply(Action::SetImpersonation(
                ImpersonationField::TargetUser,
                "jane".into(),
            ));
        assert_eq!(state.access.ip_address, "10.0.0.1");
        assert_eq!(state.access.action, "WindowsOutlook");
        assert_eq!(state.access.impersonation_role_id, "r");
        assert_eq!(state.impersonation.target_user, "jane");
        // Questions are not part of the document.
        assert_eq!(state.preset, Some(Preset::AwsDocumentationExample));
    }

    /// A preset's document padded past the size the loader takes.
    fn large(text: &str) -> String {
        format!("{text}{}", " ".repeat(loader::LARGE_DOCUMENT))
    }

    fn serial(state: &State) -> u64 {
        match state.loading {
            Loading::Waiting { serial, .. } => serial,
            ref other => panic!("not waiting for the loader: {other:?}"),
        }
    }

    #[test]
    fn a_large_document_waits_for_the_loader_and_then_loads_in_the_page() {
        let text = large(Preset::ArchivingRole.document());
        let state = State::default().apply(Action::EditDocument(text.as_str().into()));
        let waiting = serial(&state);
        assert_eq!(&*state.document, text);
        assert_eq!(&*state.applied, Preset::AwsDocumentationExample.document());
        assert!(!state.is_current(), "the answers are the last document's");
        assert!(!state.parts.get(Part::Roles).contains("no-executives"));
        // A report on an older text changes nothing.
        let state = state.apply(Action::Loaded(loader::check(waiting - 1, &text)));
        assert_eq!(serial(&state), waiting);
        let state = state.apply(Action::Loaded(loader::check(waiting, &text)));
        assert_eq!(state.loading, Loading::InPage);
        assert!(state.is_current());
        assert!(state.parts.get(Part::Roles).contains("no-executives"));
        assert_eq!(state.shared().document, text);
    }

    #[test]
    fn a_large_text_with_errors_keeps_its_report_and_is_not_loaded_in_the_page() {
        let text = large("{\"AccessControlRules\": [{\"Name\": \"x\", \"Effect\": \"MAYBE\"}]}");
        let state = State::default().apply(Action::EditDocument(text.as_str().into()));
        let waiting = serial(&state);
        let state = state.apply(Action::Loaded(loader::check(waiting, &text)));
        let Loading::Invalid(problems) = &state.loading else {
            panic!("{:?}", state.loading);
        };
        assert_eq!(problems.errors, 1);
        assert_eq!(
            problems.shown.first().map(|problem| problem.path.as_str()),
            Some("AccessControlRules[0].Effect")
        );
        assert_eq!(&*state.applied, Preset::AwsDocumentationExample.document());
        assert!(
            state.shared().drafts.into_parts().next().is_some(),
            "no parts from it"
        );
        // A small text is loaded in the page again.
        let state = state.apply(Action::EditDocument("{}".into()));
        assert_eq!(state.loading, Loading::InPage);
        assert!(state.is_current());
    }

    #[test]
    fn a_loader_that_fails_leaves_the_text_to_the_page() {
        let text = large(Preset::OfficeOnlyImap.document());
        let state = State::default().apply(Action::EditDocument(text.as_str().into()));
        let waiting = serial(&state);
        let state = state.apply(Action::Loaded(Report {
            serial: waiting,
            outcome: loader::Outcome::Failed("no worker".to_owned()),
        }));
        assert_eq!(state.loading, Loading::InPage);
        assert_eq!(&*state.applied, text);
        // One that stops while reading a text leaves it unloaded, and says why.
        let text = large("[");
        let state = state.apply(Action::EditDocument(text.into()));
        let waiting = serial(&state);
        let state = state.apply(Action::Loaded(Report {
            serial: waiting,
            outcome: loader::Outcome::Stopped("out of memory".to_owned()),
        }));
        assert_eq!(state.loading, Loading::Stopped(Rc::from("out of memory")));
        assert!(!state.is_current());
        assert!(
            parts::DocumentCheck::of_loading(&state.document, &state.loading)
                .stopped
                .is_some()
        );
    }

    /// `list-users` output of `count` users (12,000 make a large text).
    fn users_output(count: usize) -> String {
        let users: Vec<String> = (0..count)
            .map(|at| {
                format!(
                    r#"{{"Id": "S-1-1-11-user-{at}", "Email": "u{at}@example.com", "Name": "u{at}", "State": "ENABLED", "UserRole": "USER"}}"#
                )
            })
            .collect();
        format!("{{ \"Users\": [{}] }}", users.join(",\n"))
    }

    /// The large part text the state waits for the loader on, and its serial number.
    fn part_job(state: &State) -> (u64, Part, Rc<str>, Rc<str>) {
        match state.loader_job() {
            Some(LoaderJob::Part {
                serial,
                part,
                text,
                document,
            }) => (serial, part, text, document),
            Some(LoaderJob::Document { serial, .. }) => {
                panic!("the loader works on the document first ({serial})")
            }
            None => panic!("nothing for the loader"),
        }
    }

    /// The state after the loader ran its part job, as the worker does.
    fn run_part_job(state: State) -> State {
        let (serial, part, text, document) = part_job(&state);
        let (report, composed) = loader::check_part(serial, part, &text, &document);
        state.apply(Action::PartLoaded(report, composed.map(Rc::from)))
    }

    #[test]
    fn a_large_part_text_is_checked_and_composed_by_the_loader_and_the_part_kept_as_typed() {
        let typed = users_output(12_000);
        let before = State::default();
        let state = before
            .clone()
            .apply(Action::EditPart(Part::Users, typed.as_str().into()));
        // The page neither checks nor composes it: the loader does, with the document as it is.
        assert_eq!(state.document, before.document);
        assert_eq!(state.loading, Loading::InPage);
        assert_eq!(state.parts.get(Part::Users), typed);
        let (waiting, part, text, document) = part_job(&state);
        assert_eq!(
            (part, &*text, &document),
            (Part::Users, typed.as_str(), &before.document)
        );
        // A report on another text changes nothing.
        let stale = loader::check_part(waiting - 1, part, &text, &document).0;
        let state = state.apply(Action::PartLoaded(stale, None));
        assert_eq!(part_job(&state).0, waiting);

        let state = run_part_job(state);
        let Some(LargePart {
            status: PartLoading::Loads(warnings),
            ..
        }) = state.large_part.as_deref()
        else {
            panic!("{:?}", state.large_part);
        };
        assert_eq!(**warnings, Problems::default());
        // The document that took it is large: the loader reads it next, as any other.
        assert!(state.document.contains("u11999@example.com"));
        let waiting = serial(&state);
        let document = Rc::clone(&state.document);
        let state = state.apply(Action::Loaded(loader::check(waiting, &document)));
        assert!(state.is_current());
        let organization = loaded::load(&state.applied);
        assert_eq!(
            loaded::organization(&organization)
                .and_then(|org| org.users())
                .map(<[_]>::len),
            Some(12_000)
        );
        assert_eq!(
            state.parts.get(Part::Users),
            typed,
            "the part editor keeps its text"
        );
        assert!(state.large_part.is_some(), "its editor still holds it");
        assert_eq!(state.loader_job(), None);
        // A small text in its editor is checked in the page again.
        let state = state.apply(Action::EditPart(Part::Users, "".into()));
        assert_eq!(state.large_part, None);
        assert!(!state.document.contains("u11999@example.com"));
    }

    #[test]
    fn a_large_part_text_with_errors_keeps_the_document_and_lists_the_first_few() {
        let typed = users_output(12_000).replace("\"ENABLED\"", "\"SOMETIMES\"");
        let before = State::default();
        let state = run_part_job(
            before
                .clone()
                .apply(Action::EditPart(Part::Users, typed.into())),
        );
        let Some(LargePart {
            status: PartLoading::Invalid(problems),
            ..
        }) = state.large_part.as_deref()
        else {
            panic!("{:?}", state.large_part);
        };
        assert_eq!((problems.errors, problems.total), (12_000, 12_000));
        assert_eq!(problems.shown.len(), crate::problems::SHOWN_DIAGNOSTICS);
        assert_eq!(problems.shown[0].path, "Users[0].State");
        assert_eq!(state.document, before.document);
        assert_eq!(state.loader_job(), None);
        // Text of another kind says where it belongs, as in the page.
        let rules = large(Preset::AwsDocumentationExample.document());
        let state = run_part_job(state.apply(Action::EditPart(Part::Users, rules.into())));
        let Some(PartLoading::Invalid(problems)) =
            state.large_part.map(|large| large.status.clone())
        else {
            panic!("loaded");
        };
        assert!(
            problems.shown[0]
                .message
                .contains("not the output of `aws workmail list-users`")
        );
    }

    #[test]
    fn a_large_part_goes_into_the_document_as_it_is_when_the_loader_answers() {
        let typed = users_output(12_000);
        let state = State::default().apply(Action::EditPart(Part::Users, typed.into()));
        let (first, ..) = part_job(&state);
        let (sent, part, text, document) = part_job(&state);
        let (report, composed) = loader::check_part(sent, part, &text, &document);
        // Meanwhile the rules editor changed the document.
        let state = state.apply(Action::EditPart(Part::Rules, "".into()));
        let changed = Rc::clone(&state.document);
        let state = state.apply(Action::PartLoaded(report, composed.map(Rc::from)));
        let (again, _, _, document) = part_job(&state);
        assert_ne!(again, first, "sent again");
        assert!(Rc::ptr_eq(&document, &changed));
        let state = run_part_job(state);
        let waiting = serial(&state);
        let document = Rc::clone(&state.document);
        let state = state.apply(Action::Loaded(loader::check(waiting, &document)));
        let load = loaded::load(&state.applied);
        let organization = loaded::organization(&load).unwrap();
        assert_eq!(organization.users().map(<[_]>::len), Some(12_000));
        assert_eq!(
            organization.access_control_rules().len(),
            1,
            "the rules part emptied keeps only the default rule (D1)"
        );
    }

    #[test]
    fn a_large_part_the_loader_cannot_take_is_checked_in_the_page() {
        let typed = users_output(12_000);
        let state = State::default().apply(Action::EditPart(Part::Users, typed.into()));
        let (sent, ..) = part_job(&state);
        let state = state.apply(Action::Loaded(Report {
            serial: sent,
            outcome: loader::Outcome::Failed("no worker".to_owned()),
        }));
        assert_eq!(state.large_part, None);
        assert!(state.document.contains("u11999@example.com"));
        let waiting = serial(&state);
        let document = Rc::clone(&state.document);
        let state = state.apply(Action::Loaded(loader::check(waiting, &document)));
        // A loader that stops on it says why, and the document stays as it was.
        let before = state.document.clone();
        let state = state.apply(Action::EditPart(Part::Users, users_output(12_001).into()));
        let (sent, ..) = part_job(&state);
        let state = state.apply(Action::Loaded(Report {
            serial: sent,
            outcome: loader::Outcome::Stopped("out of memory".to_owned()),
        }));
        assert_eq!(
            state.large_part.map(|large| large.status.clone()),
            Some(PartLoading::Stopped(Rc::from("out of memory")))
        );
        assert_eq!(state.document, before);
    }

    #[test]
    fn the_loader_reads_a_large_document_before_a_large_part() {
        let document = large(Preset::ArchivingRole.document());
        let state = State::default()
            .apply(Action::EditDocument(document.as_str().into()))
            .apply(Action::EditPart(Part::Users, users_output(12_000).into()));
        let waiting = serial(&state);
        assert!(matches!(
            state.loader_job(),
            Some(LoaderJob::Document { serial, .. }) if serial == waiting
        ));
        // The new document gives every part, as it does to a part typed small: the part text
        // typed meanwhile goes with the parts it replaces.
        let state = state.apply(Action::Loaded(loader::check(waiting, &document)));
        assert_eq!(state.large_part, None);
        assert_eq!(state.loader_job(), None);
        assert!(state.parts.get(Part::Roles).contains("no-executives"));
    }

    #[test]
    fn uploads_replace_the_document_and_say_so() {
        let state = State::default()
            .apply(Action::SelectTab(Tab::Users))
            .apply(Action::Upload {
                name: "org.json".into(),
                text: "{}".into(),
            });
        assert_eq!(&*state.document, "{}");
        assert_eq!(state.tab, Tab::Document);
        assert_eq!(state.notice, Some(Notice::Uploaded("org.json".into())));
        let state = state.apply(Action::DismissNotice);
        assert_eq!(state.notice, None);
    }

    #[test]
    fn an_unreadable_link_opens_the_first_preset_with_a_notice() {
        let state = State::open(&share::native::opening("#v1.%%%", None));
        assert_eq!(state.preset, Some(Preset::AwsDocumentationExample));
        assert!(matches!(state.notice, Some(Notice::LinkUnreadable(_))));
    }

    #[test]
    fn saved_work_opens_when_the_address_has_no_link() {
        let work = State::from_preset(Preset::OfficeOnlyImap)
            .apply(Action::EditTests("{\"Tests\": [".into()))
            .apply(Action::ShowPanel(Some(Panel::Tests)));
        let saved = share::native::encode(&work.shared());
        let state = State::open(&share::native::opening("", Some(&saved)));
        assert_eq!(state.document, work.document);
        assert_eq!(
            &*state.tests, "{\"Tests\": [",
            "an invalid paste is kept as typed"
        );
        assert_eq!(state.panel, Some(Panel::Tests));
        assert_eq!(state.notice, Some(Notice::Restored));
        // A link in the address wins over the saved work.
        let link = share::native::encode(&State::default().shared());
        let state = State::open(&share::native::opening(&format!("#{link}"), Some(&saved)));
        assert_eq!(state.preset, Some(Preset::AwsDocumentationExample));
        assert_eq!(state.notice, None);
        // Saved work that cannot be read is said to be so.
        let state = State::open(&share::native::opening("", Some("v9.abc")));
        assert!(matches!(state.notice, Some(Notice::SavedUnreadable(_))));
        assert_eq!(state.preset, Some(Preset::AwsDocumentationExample));
    }

    #[test]
    fn the_comparison_takes_the_current_document_and_uploads() {
        let state = State::from_preset(Preset::ArchivingRole)
            .apply(Action::CompareWithCurrent)
            .apply(Action::EditComparison(
                ComparisonField::MyIps,
                "192.0.2.1".into(),
            ));
        assert_eq!(&*state.comparison.document, &*state.document);
        // The old version shares the document's text rather than copying it.
        assert!(Rc::ptr_eq(&state.comparison.document.0, &state.document));
        assert_eq!(state.comparison.my_ips, "192.0.2.1");
        let state = state.apply(Action::UploadComparison {
            name: "old.json".into(),
            text: "not json".into(),
        });
        assert_eq!(&*state.comparison.document, "not json");
        assert_eq!(
            state.notice,
            Some(Notice::UploadedComparison("old.json".into()))
        );
        assert_eq!(
            state.tab,
            Tab::Document,
            "the document editors are untouched"
        );
    }

    const AT: Entropy = Entropy {
        now: 1_700_000_000.0,
        seed: 1,
    };

    /// The state after the form asks `operation` with `request` and the call runs against the
    /// document, as the operations panel does.
    fn run(state: State, operation: Operation, request: &str) -> State {
        let state = state
            .apply(Action::SelectOperation(operation))
            .apply(Action::EditRequest(request.to_owned()));
        let ran = operations::run(
            &state.document,
            state.call.operation,
            &state.call.request,
            AT,
        );
        state.apply(Action::OperationRan(ran))
    }

    #[test]
    fn a_read_only_operation_leaves_the_document_alone() {
        let before = State::default();
        let after = run(before.clone(), Operation::ListAccessControlRules, "{}");
        assert_eq!(after.document, before.document);
        assert_eq!(after.preset, Some(Preset::AwsDocumentationExample));
        let Outcome::Response { text, .. } = &after.call.outcome.read() else {
            panic!("expected a response, got {:?}", after.call.outcome);
        };
        assert!(text.contains("\"Name\": \"myRule\""), "{text}");
    }

    #[test]
    fn a_mutating_operation_replaces_the_document_and_what_follows_it() {
        let state = run(
            State::default(),
            Operation::DeleteAccessControlRule,
            r#"{"Name": "myRule"}"#,
        );
        assert!(matches!(
            state.call.outcome.read(),
            Outcome::Response { .. }
        ));
        assert!(state.is_current());
        assert!(!state.document.contains("myRule"), "{}", state.document);
        assert!(
            !state.parts.get(Part::Rules).contains("myRule"),
            "the part editors follow"
        );
        assert_eq!(state.preset, None, "the document is no longer the preset");
        // A later operation sees the change.
        let state = run(
            state,
            Operation::DeleteAccessControlRule,
            r#"{"Name": "default"}"#,
        );
        let loaded = workmail_policy::Organization::from_json(&state.document).unwrap();
        assert!(loaded.organization.access_control_rules().is_empty());
    }

    #[test]
    fn a_refused_operation_changes_nothing_and_is_shown() {
        let before = State::default();
        let after = run(
            before.clone(),
            Operation::GetImpersonationRole,
            r#"{"ImpersonationRoleId": "missing"}"#,
        );
        assert_eq!(after.document, before.document);
        assert_eq!(after.parts, before.parts);
        let Outcome::Refused {
            operation, code, ..
        } = &after.call.outcome.read()
        else {
            panic!("expected a refusal, got {:?}", after.call.outcome);
        };
        assert_eq!(*operation, Operation::GetImpersonationRole);
        assert_eq!(*code, ErrorCode::ResourceNotFoundException);
    }

    #[test]
    fn an_unparsable_request_is_located() {
        let before = State::default();
        let after = run(
            before.clone(),
            Operation::PutAccessControlRule,
            "{\"Name\": \"x\",\n \"Effect\": DENY}",
        );
        assert_eq!(after.document, before.document);
        let Outcome::RequestUnreadable {
            line,
            column,
            message,
        } = &after.call.outcome.read()
        else {
            panic!("expected a syntax error, got {:?}", after.call.outcome);
        };
        assert_eq!((*line, *column), (2, 12));
        assert!(!message.is_empty());
    }

    #[test]
    fn editing_the_form_keeps_the_last_outcome_until_the_next_run() {
        let state = run(State::default(), Operation::ListImpersonationRoles, "");
        let shown = state.call.outcome.clone();
        let state = state.apply(Action::EditRequest("{".to_owned()));
        assert_eq!(state.call.outcome, shown);
        assert_eq!(state.call.request, "{");
    }

    #[test]
    fn every_action_advances_the_revision() {
        let state = State::default();
        let before = state.revision;
        let state = state
            .apply(Action::DismissNotice)
            .apply(Action::ShowPanel(None));
        assert_eq!(state.revision, before + 2);
    }

    #[test]
    fn shared_state_restores_exactly() {
        let states = [
            State::default(),
            State::from_preset(Preset::ArchivingRole)
                .apply(Action::SelectTab(Tab::Roles))
                .apply(Action::EditPart(Part::Roles, "{ not json".into()))
                .apply(Action::SetAccess(AccessField::UserId, "both".into())),
            State::default().apply(Action::EditDocument("{\"Rules\": [".into())),
            State::from_preset(Preset::OfficeOnlyImap)
                .apply(Action::EditPart(Part::Users, "{\"Users\": []}".into())),
            State::default()
                .apply(Action::EditTests("{\"Tests\": []}".into()))
                .apply(Action::EditComparison(
                    ComparisonField::Document,
                    "{ broken".into(),
                ))
                .apply(Action::EditComparison(
                    ComparisonField::MyIps,
                    "192.0.2.1, x".into(),
                ))
                .apply(Action::ShowPanel(Some(Panel::Compare))),
        ];
        for state in states {
            let link = share::native::encode(&state.shared());
            let restored = State::open(&share::native::opening(&format!("#{link}"), None));
            assert_eq!(restored.document, state.document);
            assert_eq!(restored.parts, state.parts);
            assert_eq!(restored.access, state.access);
            assert_eq!(restored.impersonation, state.impersonation);
            assert_eq!(restored.tab, state.tab);
            assert_eq!(restored.tests, state.tests);
            assert_eq!(restored.comparison, state.comparison);
            assert_eq!(restored.panel, state.panel);
            assert_eq!(restored.notice, None);
            if state.is_current() {
                assert_eq!(restored.applied, state.applied);
            }
        }
    }

    #[test]
    fn a_replayed_request_becomes_the_questions() {
        let access = AccessQuestion {
            ip_address: "192.0.2.7".into(),
            action: "EWS".into(),
            user_id: String::new(),
            impersonation_role_id: "archiver".into(),
        };
        let impersonation = ImpersonationQuestion {
            impersonation_role_id: "archiver".into(),
            target_user: "jane".into(),
        };
        let state = State::default().apply(Action::Ask(
            Some(access.clone()),
            Some(impersonation.clone()),
        ));
        assert_eq!(state.access, access);
        assert_eq!(state.impersonation, impersonation);
        // A user's own request leaves the impersonation question as it was.
        let state = state.apply(Action::Ask(Some(AccessQuestion::default()), None));
        assert_eq!(state.access, AccessQuestion::default());
        assert_eq!(state.impersonation, impersonation);
    }
}
