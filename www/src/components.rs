//! The page, one component per file. Components render what [`crate::state`] holds and what the
//! pure modules derive from it; they change the state only by dispatching
//! [`crate::state::Action`]s.

use std::rc::Rc;

pub mod access_answer;
pub mod access_form;
pub mod access_rule;
pub mod access_table_view;
pub mod address_list;
pub mod analysis_host;
pub mod analysis_panel;
pub mod analysis_table;
pub mod analysis_tabs;
pub mod analysis_view;
pub mod answer_parts;
pub mod app;
pub mod basis_badge;
pub mod code_editor;
pub mod compare_panel;
pub mod coverage_view;
pub mod diagnostic_list;
pub mod diff_view;
pub mod editor_panel;
pub mod editor_tab_panel;
pub mod editor_tabs;
pub mod effect_badge;
pub mod file_actions;
pub mod impersonation_answer;
pub mod impersonation_form;
pub mod impersonation_rule;
pub mod impersonation_table_view;
pub mod lint_finding_item;
pub mod lint_rule_doc;
pub mod lints_panel;
pub mod live_region;
pub mod mobile_answer;
pub mod mobile_answer_host;
pub mod mobile_form;
pub mod mobile_rule;
pub mod mobile_table_view;
pub mod notice_bar;
pub mod operations_panel;
pub mod preset_bar;
pub mod principal_list;
pub mod property_result_item;
pub mod refusal;
pub mod replay_panel;
pub mod replay_result;
pub mod rich_text;
pub mod semantics_page;
pub mod severity_badge;
pub mod share_panel;
pub mod site_header;
pub mod stale_note;
pub mod suggestions;
pub mod suggestions_disclosure;
pub mod table_filter_form;
pub mod table_panel;
pub mod test_result_item;
pub mod tests_panel;
pub mod text_field;
pub mod upload_button;

pub use crate::text::Text;

/// A memoized value passed to child components: equal when it is the same value, so a child
/// re-renders only when its input was recomputed.
#[derive(Debug)]
pub struct Memo<T>(pub Rc<T>);

impl<T> Clone for Memo<T> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Memo<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Memo<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}
