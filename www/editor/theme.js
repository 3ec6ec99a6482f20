// The document editor's look: the page's own colours (the custom properties of style.css, which
// follow the light and dark schemes), so the editor needs no theme switch of its own, and
// syntax colours chosen from them for their contrast in both schemes.

import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/** The editor's frame, gutters, selection, tooltips, completion list and search panel. */
const frame = EditorView.theme({
    '&': {
        color: 'var(--text)',
        backgroundColor: 'var(--editor-bg)',
        border: '1px solid var(--border-strong)',
        borderRadius: '8px',
        fontSize: '0.875rem',
    },
    '&.cm-focused': {
        outline: '2px solid var(--focus)',
        outlineOffset: '1px',
    },
    '.cm-scroller': {
        fontFamily: 'var(--mono)',
        lineHeight: '1.5',
    },
    '.cm-content': {
        caretColor: 'var(--text)',
    },
    '.cm-cursor, .cm-dropCursor': {
        borderLeftColor: 'var(--text)',
    },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
        backgroundColor: 'var(--accent-soft)',
    },
    '.cm-gutters': {
        backgroundColor: 'var(--code-bg)',
        color: 'var(--muted)',
        borderRight: '1px solid var(--border)',
    },
    '.cm-activeLine': {
        backgroundColor: 'color-mix(in srgb, var(--accent-soft) 45%, transparent)',
    },
    '.cm-activeLineGutter': {
        backgroundColor: 'var(--accent-soft)',
        color: 'var(--text)',
    },
    '&.cm-focused .cm-matchingBracket': {
        backgroundColor: 'var(--accent-soft)',
        outline: '1px solid var(--accent)',
    },
    '&.cm-focused .cm-nonmatchingBracket': {
        backgroundColor: 'var(--deny-bg)',
        color: 'var(--deny)',
    },
    '.cm-foldPlaceholder': {
        backgroundColor: 'var(--code-bg)',
        border: '1px solid var(--border-strong)',
        color: 'var(--text)',
    },
    '.cm-placeholder': {
        color: 'var(--muted)',
    },
    '.cm-tooltip': {
        backgroundColor: 'var(--card)',
        color: 'var(--text)',
        border: '1px solid var(--border-strong)',
        borderRadius: '6px',
        boxShadow: 'var(--shadow)',
        maxWidth: '36rem',
    },
    '.cm-tooltip code': {
        fontFamily: 'var(--mono)',
        backgroundColor: 'var(--code-bg)',
        borderRadius: '3px',
        padding: '0 0.2em',
    },
    '.cm-member-doc, .cm-problem': {
        padding: '0.25rem 0.5rem',
        fontFamily: 'var(--sans)',
        lineHeight: '1.4',
    },
    '.cm-member-doc p, .cm-problem-help': {
        margin: '0.25rem 0',
    },
    '.cm-member-decision': {
        color: 'var(--muted)',
    },
    '.cm-diagnostic-error': { borderLeftColor: 'var(--deny)' },
    '.cm-diagnostic-warning': { borderLeftColor: 'var(--warn)' },
    '.cm-diagnostic-info': { borderLeftColor: 'var(--accent)' },
    '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--deny)', textUnderlineOffset: '3px' },
    '.cm-lintRange-warning': { backgroundImage: 'none', textDecoration: 'underline wavy var(--warn)', textUnderlineOffset: '3px' },
    '.cm-lintRange-active': { backgroundColor: 'var(--deciding-bg)' },
    '.cm-lintRange-info': { backgroundImage: 'none', textDecoration: 'underline dotted var(--accent)', textUnderlineOffset: '3px' },
    // The gutter's markers as text symbols (CodeMirror draws them with `data:` images, which
    // the page's Content-Security-Policy does not load), coloured and shaped by severity.
    '.cm-lint-marker-error, .cm-lint-marker-warning, .cm-lint-marker-info': {
        content: 'normal',
        lineHeight: '1',
        fontWeight: '700',
        textAlign: 'center',
    },
    '.cm-lint-marker-error::before': { content: '"✕"', color: 'var(--deny)' },
    '.cm-lint-marker-warning::before': { content: '"⚠"', color: 'var(--warn)' },
    '.cm-lint-marker-info::before': { content: '"i"', color: 'var(--accent)' },
    '.cm-diagnosticSource': { color: 'var(--muted)', opacity: '1' },
    '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
        backgroundColor: 'var(--accent)',
        color: 'var(--accent-text)',
    },
    '.cm-completionDetail': { color: 'inherit', opacity: '1' },
    '.cm-completionInfo': { padding: '0.25rem 0.5rem', fontFamily: 'var(--sans)' },
    // The problems panel (Ctrl+Shift+M): its chosen entry in the page's colours, which keep
    // the contrast of its code spans.
    '.cm-panel.cm-panel-lint ul li[aria-selected], .cm-panel.cm-panel-lint ul:focus li[aria-selected]': {
        backgroundColor: 'var(--accent-soft)',
        color: 'var(--text)',
        outline: '1px solid var(--accent)',
    },
    '.cm-panels': {
        backgroundColor: 'var(--card)',
        color: 'var(--text)',
    },
    '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
    '.cm-panel.cm-search input, .cm-panel.cm-search button': {
        color: 'var(--text)',
        backgroundColor: 'var(--editor-bg)',
        border: '1px solid var(--border-strong)',
        backgroundImage: 'none',
        borderRadius: '4px',
    },
    '.cm-panel.cm-search label': { color: 'var(--text)' },
    '.cm-panel.cm-search [name=close]': { color: 'var(--text)' },
    '.cm-searchMatch': { backgroundColor: 'var(--warn-bg)', outline: '1px solid var(--warn)' },
    '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'var(--deciding-bg)' },
    '.cm-selectionMatch': { backgroundColor: 'var(--deciding-bg)' },
});

/** Syntax colours: members in the accent colour, strings green, numbers and literals amber. */
const highlight = HighlightStyle.define([
    { tag: tags.propertyName, color: 'var(--accent)' },
    { tag: tags.string, color: 'var(--allow)' },
    { tag: [tags.number, tags.bool, tags.null], color: 'var(--warn)' },
    { tag: [tags.brace, tags.squareBracket, tags.separator, tags.punctuation], color: 'var(--muted)' },
    { tag: tags.invalid, color: 'var(--deny)' },
]);

/** The look, as one extension. */
export const theme = [frame, syntaxHighlighting(highlight)];
