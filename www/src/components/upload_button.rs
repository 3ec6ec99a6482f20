//! A labelled button that reads a text file chosen by the user, in the browser.
//!
//! The browser reads the file's bytes (`Blob.arrayBuffer()`), and they are read into this module
//! as UTF-8 a slice per task ([`browser::read_bytes_in_slices`]): copying a 128 MiB text out of a
//! JavaScript string in one task held the page about 0.6 s, and making the file's text a string
//! (`Blob.text()`) took the browser a task of about 0.1 s.

use std::cell::Cell;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;

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
    pub onupload: Callback<(String, Rc<str>)>,
    /// Why a file could not be read.
    pub onfail: Callback<String>,
    /// The largest file read, in bytes (8 MiB unless given).
    #[prop_or(MAX_FILE_BYTES)]
    pub limit: u64,
}

/// A file input shown as a button (its label); the text of the chosen file goes to `onupload`.
#[component]
pub fn UploadButton(props: &UploadButtonProps) -> Html {
    // Which file is being read: a newer one stops an older one's reading.
    let reading = use_memo((), |()| Cell::new(0_u64));
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
            if file.size() > limit as f64 {
                onfail.emit(format!(
                    "`{name}` is larger than the {} MiB the playground reads",
                    limit / (1024 * 1024)
                ));
                return;
            }
            let this = reading.get().wrapping_add(1);
            reading.set(this);
            let reading = (Rc::clone(&reading), this);
            let onfail = onfail.clone();
            let done = onupload.reform(move |text| (name.clone(), text));
            wasm_bindgen_futures::spawn_local(async move {
                match browser::file_bytes(&file).await {
                    Ok(bytes) => {
                        let bytes = browser::Lent::of_bytes(bytes);
                        browser::read_bytes_in_slices(bytes, reading, done);
                    }
                    Err(reason) => onfail.emit(reason),
                }
            });
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
