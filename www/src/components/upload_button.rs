//! A labelled button that reads a text file chosen by the user, in the browser.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::FileReader;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The largest file an upload button reads unless told otherwise: far above any
/// organization's rules and roles.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// [`UploadButton`]'s properties.
#[derive(Properties, PartialEq)]
pub struct UploadButtonProps {
    /// The file input's element ID.
    pub id: AttrValue,
    /// The test hook on the file input.
    pub testid: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// A file's name and text.
    pub onupload: Callback<(String, String)>,
    /// Why a file could not be read.
    pub onfail: Callback<String>,
    /// The largest file read, in bytes (8 MiB unless given).
    #[prop_or(MAX_FILE_BYTES)]
    pub limit: u64,
}

/// A file input shown as a button (its label); the text of the chosen file goes to `onupload`.
#[component]
pub fn UploadButton(props: &UploadButtonProps) -> Html {
    let reading: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);
    let onchange = {
        let onupload = props.onupload.clone();
        let onfail = props.onfail.clone();
        let limit = props.limit;
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let name = file.name();
            let file = gloo::file::File::from(file);
            if file.size() > limit {
                onfail.emit(format!(
                    "`{name}` is larger than the {} MiB the playground reads",
                    limit / (1024 * 1024)
                ));
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
        <>
            <input type="file" id={props.id.clone()} class="file-input"
                   accept=".json,application/json,text/plain" data-testid={props.testid.clone()}
                   {onchange} />
            <label for={props.id.clone()} class="button">
                <span aria-hidden="true">{ "⤒ " }</span>{ props.label.clone() }
            </label>
        </>
    }
}
