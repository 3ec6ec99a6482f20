// The document editor: CodeMirror 6 over the page's own text area. `boot.js` loads this module
// once the page has answered with its plain text area, and calls `upgrade()`.
//
// The page (the Yew app) keeps its text area, `data-testid="document-editor"`, and everything it
// does with it: it reads the text there on `input`, writes a preset, an upload or an operation's
// result into it, and moves its caret to a diagnostic. The upgrade shows the editor in its place
// and keeps the two in step:
// - what is typed in the editor is given to the page by an `input` event on the text area, as if
//   typed there: the text area's `value` reads the editor's text at once, and a long text is
//   written into the text area itself once the browser is idle (see `DocumentEditor.write`);
// - what the page writes into the text area (its `value`) replaces the editor's text, as one
//   step of the editor's undo history; text typed into the text area itself (by a test driver)
//   does too;
// - the page's `focus()` and `setSelectionRange()` on the text area move the focus and the
//   caret in the editor;
// - a large paste (over `LARGE`) goes to the page as the string pasted, never into the editor
//   or the text area (`paste.js`, which does the same for the page's other text areas): the
//   page keeps such a text out of its text areas, and so out of the editor.
// The text area stays in the page, out of sight, out of the tab order and hidden from assistive
// technology; the editor takes its label, description, validity and read-only state.

import { Annotation, Compartment, EditorState, Transaction } from '@codemirror/state';
import {
    EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter,
    highlightSpecialChars, hoverTooltip, keymap, lineNumbers, placeholder,
} from '@codemirror/view';
import { bracketMatching, foldGutter, foldKeymap, indentOnInput } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap, isolateHistory } from '@codemirror/commands';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { lintGutter, lintKeymap, nextDiagnostic, previousDiagnostic, setDiagnostics } from '@codemirror/lint';
import { json } from '@codemirror/lang-json';

import { LARGE, followLargePastes } from './paste.js';
import { lintDiagnostics, listedDiagnostics } from './problems.js';
import { completeMembers, memberHover } from './schema.js';
import { adoptPageStyles } from './styles.js';
import { theme } from './theme.js';

/** The page's document editor. */
const SELECTOR = 'textarea[data-testid="document-editor"]';

/**
 * A text longer than this (in UTF-16 code units) typed in the editor is written into the text
 * area once the browser is idle rather than on the keystroke: putting a text of 700 KB into a
 * text area takes the browser about 10 ms, most of a frame. The text area's `value` reads the
 * new text at once either way.
 */
const WRITTEN_AT_ONCE = 64 * 1024;

/** How long typing pauses before the document is linted, in milliseconds. */
const LINT_PAUSE = 300;

/** Marks a change that comes from the page, which is not written back to it. */
const fromPage = Annotation.define();

const textValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value');
const textSelect = HTMLTextAreaElement.prototype.setSelectionRange;

/** Calls `callback` once the browser is idle (within a second), or after this task. */
function idleCallback(callback) {
    return typeof requestIdleCallback === 'function'
        ? requestIdleCallback(callback, { timeout: 1000 })
        : setTimeout(callback, 0);
}

/** Cancels what `idleCallback` asked for. */
function cancelIdle(handle) {
    if (typeof cancelIdleCallback === 'function') {
        cancelIdleCallback(handle);
    } else {
        clearTimeout(handle);
    }
}

/** The smallest change that turns `view`'s text into `text`, or null when they are equal. */
function changeTo(view, text) {
    const old = view.state.doc.toString();
    if (old === text) {
        return null;
    }
    const shortest = Math.min(old.length, text.length);
    let start = 0;
    while (start < shortest && old.charCodeAt(start) === text.charCodeAt(start)) {
        start += 1;
    }
    let end = 0;
    while (end < shortest - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) {
        end += 1;
    }
    return { from: start, to: old.length - end, insert: text.slice(start, text.length - end) };
}

/**
 * A change set of exactly one replaced range, as the page applies it (offsets in UTF-16 code
 * units of the text before it); null for any other.
 */
function oneEdit(changes, before, after) {
    let edit = null;
    let ranges = 0;
    changes.iterChanges((from, to, _fromB, _toB, inserted) => {
        ranges += 1;
        edit = { before, after, from, to, text: inserted.toString() };
    });
    return ranges === 1 ? edit : null;
}

/** The editor, bound to the text area the page shows now (the page may swap it for another). */
class DocumentEditor {
    constructor(area) {
        this.area = null;
        this.writing = false;
        // Text typed in the editor that the text area's `value` gives but the text area itself
        // does not hold yet (`write`), and the idle callback that will write it.
        this.unwritten = null;
        this.idle = 0;
        // How many times the text changed, and the user's last edit of a long text as one
        // change (`documentEdit`): the page applies it to the text it read last, when it read
        // it at `before`, instead of reading the whole text again.
        this.serial = 0;
        this.edit = null;
        this.listed = [];
        this.lints = { doc: null, diagnostics: [] };
        this.lintWanted = false;
        this.lintTimer = 0;
        this.listSignature = null;
        this.attributes = new Compartment();
        this.shownPlaceholder = new Compartment();
        this.readOnly = new Compartment();
        this.view = new EditorView({
            state: EditorState.create({ doc: textValue.get.call(area), extensions: this.extensions() }),
        });
        this.view.dom.dataset.testid = 'code-editor';
        this.attributeWatch = new MutationObserver(() => this.followAttributes());
        this.bind(area);
    }

    /** CodeMirror's extensions: the editing basics, JSON, problems, completion, hover. */
    extensions() {
        return [
            lineNumbers(),
            highlightActiveLineGutter(),
            highlightSpecialChars(),
            history(),
            foldGutter(),
            drawSelection(),
            EditorState.allowMultipleSelections.of(true),
            indentOnInput(),
            bracketMatching(),
            closeBrackets(),
            autocompletion({ override: [completeMembers], icons: false }),
            highlightActiveLine(),
            highlightSelectionMatches(),
            search({ top: true }),
            json(),
            lintGutter(),
            hoverTooltip(memberHover),
            theme,
            keymap.of([
                ...closeBracketsKeymap,
                ...defaultKeymap,
                ...searchKeymap,
                ...historyKeymap,
                ...foldKeymap,
                ...completionKeymap,
                ...lintKeymap,
                { key: 'Shift-F8', run: previousDiagnostic },
            ]),
            EditorView.updateListener.of((update) => this.updated(update)),
            EditorView.domEventHandlers({
                beforeinput: (event) => this.typedOver(event),
            }),
            this.attributes.of([]),
            this.shownPlaceholder.of([]),
            this.readOnly.of([]),
        ];
    }

    /** Shows the editor in place of `area` and takes over what the page does with it. */
    bind(area) {
        const editor = this;
        // Text typed for a text area the page has dropped: the page read it already.
        this.discardUnwritten();
        this.area = area;
        const wrapper = area.parentElement;
        // The editor takes the text area's height, measured before the text area is hidden.
        if (!wrapper.dataset.editor && area.offsetHeight > 0) {
            wrapper.style.setProperty('--document-editor-height', `${area.offsetHeight}px`);
        }
        wrapper.dataset.editor = 'codemirror';
        wrapper.append(this.view.dom);
        Object.defineProperty(area, 'value', {
            configurable: true,
            get() {
                return editor.area === this && editor.unwritten !== null ? editor.unwrittenText() : textValue.get.call(this);
            },
            set(text) {
                if (editor.area === this) {
                    editor.discardUnwritten();
                }
                textValue.set.call(this, text);
                // A large text is the page's alone: it empties the text area, and so the editor.
                if (!editor.writing && editor.area === this && text.length <= LARGE) {
                    editor.show(text);
                }
            },
        });
        Object.defineProperty(area, 'documentSerial', {
            configurable: true,
            get: () => (editor.area === area ? editor.serial : null),
        });
        Object.defineProperty(area, 'documentEdit', {
            configurable: true,
            get: () => (editor.area === area ? editor.edit : null),
        });
        area.focus = () => this.view.focus();
        area.setSelectionRange = function setSelectionRange(start, end, direction) {
            textSelect.call(this, start, end, direction);
            editor.select(start, end);
        };
        // Editing the text area itself starts from the editor's text.
        area.addEventListener('beforeinput', () => this.flush(), { capture: true });
        area.addEventListener('input', () => {
            // Text typed into the text area itself; a large one is the page's alone.
            if (!this.writing && this.area === area && area.textLength <= LARGE) {
                this.show(textValue.get.call(area));
            }
        });
        area.tabIndex = -1;
        area.setAttribute('aria-hidden', 'true');
        // The label focuses the editor, not the hidden text area (once per label: a new text
        // area keeps its label).
        const label = wrapper.querySelector(`label[for="${area.id}"]`);
        if (label && label.dataset.editor !== 'codemirror') {
            label.dataset.editor = 'codemirror';
            label.addEventListener('click', (event) => {
                event.preventDefault();
                this.view.focus();
            });
        }
        this.label = label?.textContent ?? 'Document';
        this.attributeWatch.disconnect();
        this.attributeWatch.observe(area, {
            attributes: true,
            attributeFilter: ['readonly', 'placeholder', 'aria-invalid', 'aria-describedby', 'data-large'],
        });
        this.followAttributes();
        this.show(textValue.get.call(area), false);
    }

    /** Gives the editor the text area's label, description, validity, placeholder and mode. */
    followAttributes() {
        const { area } = this;
        const attributes = {
            'aria-label': this.label,
            // Focusable as it already is, said outright: audits then see the scroller's content is.
            tabindex: '0',
            'aria-invalid': area.getAttribute('aria-invalid') ?? 'false',
        };
        const described = area.getAttribute('aria-describedby');
        if (described) {
            attributes['aria-describedby'] = described;
        }
        if (area.readOnly) {
            attributes['aria-readonly'] = 'true';
        }
        const hint = area.getAttribute('placeholder');
        this.view.dispatch({
            effects: [
                this.attributes.reconfigure(EditorView.contentAttributes.of(attributes)),
                this.shownPlaceholder.reconfigure(hint ? placeholder(hint) : []),
                this.readOnly.reconfigure(EditorState.readOnly.of(area.readOnly)),
            ],
        });
    }

    /**
     * Shows the page's text; `remembered` makes it a step of the undo history. The page may
     * have listed the new text's diagnostics already (it hears `input` first), so they are read
     * again for it.
     */
    show(text, remembered = true) {
        const changes = changeTo(this.view, text);
        if (changes) {
            this.view.dispatch({
                changes,
                annotations: [
                    fromPage.of(true),
                    Transaction.addToHistory.of(remembered),
                    isolateHistory.of('full'),
                ],
            });
            this.listSignature = null;
            this.readList();
        }
    }

    /** Moves the caret (or selects) where the page put it in the text area, in view. */
    select(start, end) {
        const length = this.view.state.doc.length;
        const anchor = Math.min(start, length);
        const head = Math.min(end, length);
        this.view.dispatch({
            selection: { anchor, head },
            effects: EditorView.scrollIntoView(head, { y: 'center' }),
        });
    }

    /**
     * Gives the page the editor's text (a string, or the editor's document, made a string only
     * when read), as typing in the text area would: its `value` is the new text, then an
     * `input` event. A long text (over `WRITTEN_AT_ONCE`, and not the page's alone) is put into
     * the text area itself once the browser is idle, the newest only, so a keystroke's frame is
     * not spent on it; a shorter one, at once.
     */
    write(text, inputType = 'insertText') {
        this.writing = true;
        try {
            if (text.length > WRITTEN_AT_ONCE && text.length <= LARGE) {
                this.unwritten = text;
                if (!this.idle) {
                    this.idle = idleCallback(() => {
                        this.idle = 0;
                        this.flush();
                    });
                }
            } else {
                this.discardUnwritten();
                textValue.set.call(this.area, String(text));
            }
            this.area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
        } finally {
            this.writing = false;
        }
    }

    /** The text typed but not yet written, as a string (made once, when first read). */
    unwrittenText() {
        if (typeof this.unwritten !== 'string') {
            this.unwritten = this.unwritten.toString();
        }
        return this.unwritten;
    }

    /** Puts the text the text area's `value` gives into the text area itself, if it is not. */
    flush() {
        if (this.unwritten !== null) {
            const text = this.unwrittenText();
            this.discardUnwritten();
            textValue.set.call(this.area, text);
        }
    }

    /** Forgets the text typed but not yet written (the page writes a text of its own). */
    discardUnwritten() {
        this.unwritten = null;
        if (this.idle) {
            cancelIdle(this.idle);
            this.idle = 0;
        }
    }

    /** After each change: the page hears of the user's edits, and the document is linted. */
    updated(update) {
        if (!update.docChanged) {
            return;
        }
        const before = this.serial;
        this.serial += 1;
        this.edit = null;
        if (!update.transactions.some((transaction) => transaction.annotation(fromPage))) {
            this.lintWanted = true;
            const { doc } = update.state;
            if (doc.length > WRITTEN_AT_ONCE && doc.length <= LARGE) {
                this.edit = oneEdit(update.changes, before, this.serial);
            }
            this.write(doc);
        }
        this.scheduleLint();
    }

    /**
     * Text typed over a selection replaces it here, not in the browser's own editing of the
     * page, which wraps what it keeps of a removed line in a `style` attribute (refused by the
     * Content-Security-Policy, and then read back by CodeMirror).
     */
    typedOver(event) {
        const { state } = this.view;
        if (event.inputType !== 'insertText' || typeof event.data !== 'string' || state.selection.main.empty || state.readOnly) {
            return false;
        }
        event.preventDefault();
        this.view.dispatch(state.replaceSelection(event.data), { userEvent: 'input.type', scrollIntoView: true });
        return true;
    }

    /**
     * Lints the document once typing pauses, with the analysis module (loaded for this on the
     * first edit in the editor, not before: a visit that only asks questions never fetches it).
     */
    scheduleLint() {
        clearTimeout(this.lintTimer);
        this.lints = { doc: null, diagnostics: [] };
        if (!this.lintWanted || typeof globalThis.workmailPolicyLoadAnalysis !== 'function') {
            return;
        }
        this.lintTimer = setTimeout(async () => {
            const { doc } = this.view.state;
            if (doc.length > LARGE || this.listed.some((each) => each.severity === 'error')) {
                return;
            }
            try {
                const analysis = await globalThis.workmailPolicyLoadAnalysis();
                if (this.view.state.doc !== doc) {
                    return;
                }
                const diagnostics = lintDiagnostics(this.view.state, analysis.lintText(doc.toString()));
                this.lints = { doc, diagnostics };
                this.publish();
            } catch {
                // Without the analysis module (offline, never cached) the editor marks no lints.
            }
        }, LINT_PAUSE);
    }

    /** Reads the page's list of diagnostics again, when it changed. */
    readList() {
        const list = document.querySelector('[data-testid="diagnostics"]');
        const signature = this.area.hasAttribute('data-large') ? '' : list?.textContent ?? '';
        if (signature === this.listSignature) {
            return;
        }
        this.listSignature = signature;
        this.listed = signature === '' ? [] : listedDiagnostics(this.view.state, list);
        this.publish();
        if (this.listed.length === 0) {
            this.scheduleLint();
        }
    }

    /** Marks the listed diagnostics and the lint findings of this very text. */
    publish() {
        const lints = this.lints.doc === this.view.state.doc ? this.lints.diagnostics : [];
        this.view.dispatch(setDiagnostics(this.view.state, [...this.listed, ...lints]));
    }
}

let editor = null;

/** Binds the editor to the page's document text area, whenever the page shows a new one. */
function follow() {
    const area = document.querySelector(SELECTOR);
    if (!area) {
        return;
    }
    if (!editor) {
        editor = new DocumentEditor(area);
    } else if (editor.area !== area) {
        editor.bind(area);
    }
    editor.readList();
}

/** Upgrades the page's document text area to the editor (once). */
export function upgrade() {
    if (editor) {
        return;
    }
    adoptPageStyles();
    followLargePastes();
    follow();
    new MutationObserver(follow).observe(document.body, { childList: true, subtree: true, characterData: true });
}
