//! A dismissible message about a link or a file.

use yew::prelude::*;

use crate::state::Notice;

/// [`NoticeBar`]'s properties.
#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    /// The message, if any.
    pub notice: Option<Notice>,
    /// Hides it.
    pub ondismiss: Callback<()>,
}

/// The notice bar.
#[component]
pub fn NoticeBar(props: &NoticeBarProps) -> Html {
    let Some(notice) = &props.notice else {
        return html! {};
    };
    let (class, text) = match notice {
        Notice::LinkUnreadable(error) => (
            "warning",
            format!(
                "This link could not be opened: {error}. The page shows the AWS documentation example instead."
            ),
        ),
        Notice::Uploaded(name) => ("info", format!("Loaded `{name}` into the document editor.")),
        Notice::UploadedComparison(name) => (
            "info",
            format!("Loaded `{name}` as the old version to compare with."),
        ),
        Notice::UploadFailed(reason) => {
            ("warning", format!("The file could not be read: {reason}."))
        }
        Notice::Restored => (
            "info",
            "Welcome back: this is your work from your last visit. A preset starts afresh."
                .to_owned(),
        ),
        Notice::SavedUnreadable(error) => (
            "warning",
            format!(
                "Your saved work could not be opened: {error}. The page shows the AWS documentation example instead."
            ),
        ),
        Notice::NotSaved => (
            "warning",
            "This browser refused to keep your work (storage is full or disabled): bookmark the share link to keep it."
                .to_owned(),
        ),
    };
    let ondismiss = props.ondismiss.reform(|_: MouseEvent| ());
    html! {
        <div class={classes!("notice", class)} role="status" data-testid="notice">
            <p><super::rich_text::RichText text={text} /></p>
            <button type="button" class="quiet" onclick={ondismiss}>{ "Dismiss" }</button>
        </div>
    }
}
