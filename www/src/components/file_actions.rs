//! Saving the document to a file and loading one, both without leaving the browser.

use std::rc::Rc;

use yew::prelude::*;

use super::upload_button::UploadButton;
use crate::browser;

/// [`FileActions`]'s properties.
#[derive(Properties, PartialEq)]
pub struct FileActionsProps {
    /// The document editor's text, saved as it is.
    pub document: super::Text,
    /// A file's name and text.
    pub onupload: Callback<(String, Rc<str>)>,
    /// Why a file could not be read.
    pub onfail: Callback<String>,
}

/// The download button and the upload field.
#[component]
pub fn FileActions(props: &FileActionsProps) -> Html {
    let ondownload = {
        let document = props.document.clone();
        let onfail = props.onfail.clone();
        Callback::from(move |_: MouseEvent| {
            if browser::download("workmail-organization.json", "application/json", &document)
                .is_err()
            {
                onfail.emit("the browser refused to save the file".to_owned());
            }
        })
    };
    html! {
        <div class="file-actions">
            <button type="button" onclick={ondownload} data-testid="download">
                <span aria-hidden="true">{ "⤓ " }</span>{ "Download document" }
            </button>
            <UploadButton id="upload-document" testid="upload" label="Upload document…"
                          onupload={props.onupload.clone()} onfail={props.onfail.clone()}
                          limit={workmail_policy::json::MAX_TEXT_BYTES as u64} />
        </div>
    }
}
