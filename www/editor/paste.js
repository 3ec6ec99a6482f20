// Large pastes into any of the page's text editors (the document editor and the plain text areas
// of the other tabs) go to the page as the string the clipboard gave, never through a text area.
//
// A browser pasting into a text area, or a script setting a text area's `value`, copies the text
// into the text area's own storage in one task of the browser's: about 0.8 s for 128 MiB, 0.1 s
// for 32 MiB, time in which the page cannot respond. The page keeps a large text out of its text
// areas anyway (it swaps the text area for an empty one and reads the string a slice per task,
// see `www/src/components/code_editor.rs`), so the copy is wasted. Here the paste is stopped
// before the browser makes it, and the page hears it as the `input` event it would have heard,
// its text area's `value` giving the pasted string while it does.

/**
 * A text longer than this (in UTF-16 code units, so at least as many bytes) is one the page
 * keeps out of its text areas (`LARGE_DOCUMENT` in `www/src/loader.rs`).
 */
export const LARGE = 1024 * 1024;

/**
 * The page's text area a paste at `target` is for: the text area itself, or the one the code
 * editor is shown in place of (both are in the page's `.code-editor` wrapper).
 */
function pageArea(target) {
    const wrapper = target instanceof Element ? target.closest('.code-editor') : null;
    return wrapper?.querySelector('textarea') ?? null;
}

/**
 * Gives the page `text` as pasted into `area`: an `input` event, during which the text area's
 * `value` is `text`. The page reads it then (its handlers run within `dispatchEvent`); the text
 * area's own `value` (the code editor's, for the document) is given back after.
 */
export function handOver(area, text) {
    const own = Object.getOwnPropertyDescriptor(area, 'value');
    Object.defineProperty(area, 'value', { configurable: true, get: () => text });
    try {
        area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    } finally {
        if (own) {
            Object.defineProperty(area, 'value', own);
        } else {
            delete area.value;
        }
    }
}

/** A large paste into one of the page's editable text editors is handed to the page. */
function pasted(event) {
    const area = pageArea(event.target);
    if (!area || area.readOnly) {
        return;
    }
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (text.length <= LARGE) {
        return;
    }
    // Before the browser pastes, and before the code editor sees the paste.
    event.preventDefault();
    event.stopPropagation();
    handOver(area, text);
}

let following = false;

/** Hands every large paste into the page's text editors to the page from now on (once). */
export function followLargePastes() {
    if (!following) {
        following = true;
        document.addEventListener('paste', pasted, { capture: true });
    }
}
