//! Saving the document to a file and loading one, both without leaving the browser.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;

/// The largest file the playground reads: far above any organization's rules and roles.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// [`FileActions`]'s properties.
#[derive(Properties, PartialEq)]
pub struct FileActionsProps {
    /// The document editor's text, saved as it is.
    pub document: AttrValue,
    /// A file's name and text.
    pub onupload: Callback<(String, String)>,
    /// Why a file could not be read.
    pub onfail: Callback<String>,
}

/// The download button and the upload field.
#[component]
pub fn FileActions(props: &FileActionsProps) -> Html {
    let reading: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);
    let ondownload = {
        let document = props.document.clone();
        let onfail = props.onfail.clone();
        Callback::from(move |_: MouseEvent| {
            if browser::download("workmail-organization.json", &document).is_err() {
                onfail.emit("the browser refused to save the file".to_owned());
            }
        })
    };
    let onchange = {
        let onupload = props.onupload.clone();
        let onfail = props.onfail.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let name = file.name();
            let file = gloo::file::File::from(file);
            if file.size() > MAX_FILE_BYTES {
                onfail.emit(format!("`{name}` is larger than 8 MB"));
                return;
            }
            let onupload = onupload.clone();
            let onfail = onfail.clone();
            let task = gloo::file::callbacks::read_as_text(&file, move |result| match result {
                Ok(text) => onupload.emit((name, text)),
                Err(error) => onfail.emit(error.to_string()),
            });
            *reading.borrow_mut() = Some(task);
        })
    };
    html! {
        <div class="file-actions">
            <button type="button" onclick={ondownload} data-testid="download">
                <span aria-hidden="true">{ "⤓ " }</span>{ "Download document" }
            </button>
            <input type="file" id="upload-document" class="file-input" accept=".json,application/json,text/plain"
                   data-testid="upload" {onchange} />
            <label for="upload-document" class="button">
                <span aria-hidden="true">{ "⤒ " }</span>{ "Upload document…" }
            </label>
        </div>
    }
}
