//! One parse per text: the organization documents the page reads, loaded once and shared.
//!
//! A keystroke in the document editor changes one text, but the reducer, the status line, the
//! answers, the share link and the analysis panels all need it loaded. [`load`] keeps the last
//! few texts it loaded, so each text is parsed and checked once however many readers it has.
//! Loading is a pure function of the text, so the cache changes no result, only the time taken.
//!
//! A large document with users is loaded in parts, over several tasks, and put here when whole
//! ([`keep_assembled`]): its warnings are then the loader's, found on the whole text
//! ([`reported_warnings`]).

use std::cell::RefCell;
use std::rc::Rc;

use workmail_policy::{DocumentError, Loaded, Organization};

use crate::problems::Problems;

/// A text loaded as an organization: the organization, its kind and warnings, or every error.
pub type Load = Rc<Result<Loaded, DocumentError>>;

/// How many texts are kept: the document being edited, the last one that loaded, the old
/// version being compared with, and one part editor's text.
const SLOTS: usize = 4;

/// A text kept, its load, and the warnings the loader reported on it when it was loaded in
/// parts (its [`Loaded::warnings`] are then empty).
type Entry = (Rc<str>, Load, Option<Rc<Problems>>);

thread_local! {
    /// Most recently used last.
    static CACHE: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
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
        if let Some(at) = position(&cache, text) {
            let entry = cache.remove(at);
            let load = Rc::clone(&entry.1);
            cache.push(entry);
            return load;
        }
        let load = Rc::new(Organization::from_json(text));
        push(&mut cache, (key(), Rc::clone(&load), None));
        load
    })
}

/// Where `text` is kept. Newest first: the text asked for is most often the one loaded last. A
/// key at the same address and length is the same text (the cache keeps it alive), so a text
/// shared with the cache is found without reading it.
fn position(cache: &[Entry], text: &str) -> Option<usize> {
    cache
        .iter()
        .rposition(|(key, ..)| std::ptr::eq(&**key, text))
        .or_else(|| cache.iter().rposition(|(key, ..)| &**key == text))
}

/// Keeps `entry` as the newest, making room for it.
fn push(cache: &mut Vec<Entry>, entry: Entry) {
    if cache.len() >= SLOTS {
        // Freed after the frame: a large organization takes a while to free.
        crate::browser::drop_when_idle(Box::new(cache.remove(0)));
    }
    cache.push(entry);
}

/// Keeps `organization`, assembled in parts from `text` (see [`crate::loader`]), as the load of
/// `text`, with the warnings the loader found on the whole text: the next [`load`] of `text`
/// finds it. An older load of the same text is replaced.
pub fn keep_assembled(text: &Rc<str>, loaded: Loaded, warnings: Problems) {
    CACHE.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return;
        };
        if let Some(at) = position(&cache, text) {
            drop(cache.remove(at));
        }
        let entry = (
            Rc::clone(text),
            Rc::new(Ok(loaded)),
            Some(Rc::new(warnings)),
        );
        push(&mut cache, entry);
    });
}

/// The warnings the loader reported on `text`, when it was loaded in parts and is still kept.
pub fn reported_warnings(text: &str) -> Option<Rc<Problems>> {
    CACHE.with(|cache| {
        let cache = cache.try_borrow().ok()?;
        let at = position(&cache, text)?;
        cache.get(at).and_then(|(_, _, warnings)| warnings.clone())
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
    fn an_assembled_load_is_found_with_the_warnings_reported() {
        let text: Rc<str> = Rc::from(r#"{"Users": [{"Id": "S-1-1-11-0001", "Odd": 1}]}"#);
        assert_eq!(reported_warnings(&text), None);
        let mut loaded = Organization::from_json(&text).unwrap();
        assert_eq!(loaded.warnings.len(), 1);
        loaded.warnings.clear();
        let warnings = Problems {
            total: 7,
            ..Problems::default()
        };
        keep_assembled(&text, loaded, warnings.clone());
        let found = load(&String::from(&*text));
        assert!(
            found
                .as_ref()
                .as_ref()
                .is_ok_and(|loaded| loaded.warnings.is_empty())
        );
        assert_eq!(reported_warnings(&text).as_deref(), Some(&warnings));
        // Once it falls out, the text loads in one go again, with its own warnings.
        for at in 0..SLOTS {
            let _filler = load(&format!("{{\"OrganizationId\": \"m-{at:032}\"}}"));
        }
        assert_eq!(reported_warnings(&text), None);
        assert!(
            load(&text)
                .as_ref()
                .as_ref()
                .is_ok_and(|loaded| loaded.warnings.len() == 1)
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
