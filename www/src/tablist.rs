//! Keyboard movement in a tab list, as the ARIA tabs pattern describes it: the arrow keys move
//! to the next or previous tab (wrapping around), Home and End to the first and last.

use yew::{Callback, KeyboardEvent};

use crate::browser;

/// The tab that `key` moves to from `current` among `tabs`, or `None` when the key does not
/// move (or `current` is not among them).
pub fn neighbour<T: Copy + PartialEq>(tabs: &[T], current: T, key: &str) -> Option<T> {
    let at = tabs.iter().position(|tab| *tab == current)?;
    let last = tabs.len().checked_sub(1)?;
    let to = match key {
        "ArrowRight" if at == last => 0,
        "ArrowRight" => at + 1,
        "ArrowLeft" => at.checked_sub(1).unwrap_or(last),
        "Home" => 0,
        "End" => last,
        _ => return None,
    };
    tabs.get(to).copied()
}

/// The key handler of `tab` among `tabs`: a key that moves (see [`neighbour`]) selects the tab
/// it moves to and focuses it, by the element ID `tab_id` gives.
pub fn on_key<T: Copy + PartialEq + 'static>(
    tabs: &'static [T],
    tab: T,
    onselect: Callback<T>,
    tab_id: fn(T) -> String,
) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        if let Some(next) = neighbour(tabs, tab, &event.key()) {
            event.prevent_default();
            onselect.emit(next);
            browser::focus(&tab_id(next));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_wrap_around_and_home_and_end_jump() {
        let tabs = ['a', 'b', 'c'];
        assert_eq!(neighbour(&tabs, 'a', "ArrowLeft"), Some('c'));
        assert_eq!(neighbour(&tabs, 'c', "ArrowRight"), Some('a'));
        assert_eq!(neighbour(&tabs, 'a', "ArrowRight"), Some('b'));
        assert_eq!(neighbour(&tabs, 'b', "Home"), Some('a'));
        assert_eq!(neighbour(&tabs, 'b', "End"), Some('c'));
        assert_eq!(neighbour(&tabs, 'b', "x"), None);
        assert_eq!(neighbour(&tabs, 'z', "Home"), None);
        assert_eq!(neighbour::<char>(&[], 'a', "Home"), None);
    }
}
