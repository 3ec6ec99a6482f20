//! One parse per text: the organization documents the page reads, loaded once and shared.
//!
//! A keystroke in the document editor changes one text, but the reducer, the status line, the
//! answers, the share link and the analysis panels all need it loaded. [`load`] keeps the last
//! few texts it loaded, so each text is parsed and checked once however many readers it has.
//! Loading is a pure function of the text, so the cache changes no result, only the time taken.

use std::cell::RefCell;
use std::rc::Rc;

use workmail_policy::{DocumentError, Loaded, Organization};

/// A text loaded as an organization: the organization, its kind and warnings, or every error.
pub type Load = Rc<Result<Loaded, DocumentError>>;

/// How many texts are kept: the document being edited, the last one that loaded, the old
/// version being compared with, and one part editor's text.
const SLOTS: usize = 4;

thread_local! {
    /// Most recently used last.
    static CACHE: RefCell<Vec<(Rc<str>, Load)>> = const { RefCell::new(Vec::new()) };
}

/// `text` loaded as an organization (see [`Organization::from_json`]), parsed at most once while
/// it stays among the last few texts loaded.
pub fn load(text: &str) -> Load {
    cached(text, || Rc::from(text))
}

/// [`load`] for a shared text, which the cache then shares rather than copies: a later [`load`]
/// of the same text (the same bytes in memory) finds it without comparing a byte.
pub fn load_shared(text: &Rc<str>) -> Load {
    cached(text, || Rc::clone(text))
}

fn cached(text: &str, key: impl FnOnce() -> Rc<str>) -> Load {
    CACHE.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return Rc::new(Organization::from_json(text));
        };
        // Newest first: the text asked for is most often the one loaded last. A key at the
        // same address and length is the same text (the cache keeps it alive), so a text
        // shared with the cache is found without reading it.
        let found = cache
            .iter()
            .rposition(|(key, _)| std::ptr::eq(&**key, text))
            .or_else(|| cache.iter().rposition(|(key, _)| &**key == text));
        if let Some(at) = found {
            let entry = cache.remove(at);
            let load = Rc::clone(&entry.1);
            cache.push(entry);
            return load;
        }
        let load = Rc::new(Organization::from_json(text));
        if cache.len() >= SLOTS {
            // Freed after the frame: a large organization takes a while to free.
            crate::browser::drop_when_idle(Box::new(cache.remove(0)));
        }
        cache.push((key(), Rc::clone(&load)));
        load
    })
}

/// The organization of a load, when the text loaded.
pub fn organization(load: &Load) -> Option<&Organization> {
    load.as_ref()
        .as_ref()
        .ok()
        .map(|loaded| &loaded.organization)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_parsed_once_and_shared() {
        let text = r#"{"AccessControlRules": [{"Name": "cache-test", "Effect": "DENY"}]}"#;
        let first = load(text);
        let second = load(text);
        assert!(Rc::ptr_eq(&first, &second));
        assert_eq!(
            organization(&first).map(|org| org.access_control_rules().len()),
            Some(1)
        );
    }

    #[test]
    fn errors_are_loads_too_and_old_texts_fall_out() {
        let broken = load("{\"AccessControlRules\": [");
        assert!(organization(&broken).is_none());
        for at in 0..SLOTS {
            let _filler = load(&format!("{{\"OrganizationId\": \"m-{at:032}\"}}"));
        }
        let again = load("{\"AccessControlRules\": [");
        assert!(
            !Rc::ptr_eq(&broken, &again),
            "evicted after {SLOTS} newer texts"
        );
        assert_eq!(
            broken.as_ref().as_ref().err(),
            again.as_ref().as_ref().err(),
            "and loaded to the same result"
        );
    }

    #[test]
    fn a_shared_text_is_kept_without_a_copy_and_found_by_content_too() {
        let shared: Rc<str> =
            Rc::from(r#"{"AccessControlRules": [{"Name": "shared", "Effect": "ALLOW"}]}"#);
        let first = load_shared(&shared);
        // The same allocation, read through a plain `&str`.
        assert!(Rc::ptr_eq(&first, &load(&shared)));
        // The same text in another allocation.
        let copy = String::from(&*shared);
        assert!(Rc::ptr_eq(&first, &load(&copy)));
        // A text of the same length that differs is another text.
        let other = shared.replace("shared", "sharee");
        assert!(!Rc::ptr_eq(&first, &load(&other)));
    }
}
