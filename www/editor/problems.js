// The problems the document editor marks: the core's diagnostics, as the page lists them beside
// the editor (the list stays, for screen readers and for the keyboard), and the lint findings of
// a document that loads, from the analysis module. Each becomes a CodeMirror diagnostic over
// the exact range of the value it is about.

import { syntaxTree } from '@codemirror/language';
import { appendWithCode } from './text.js';

/**
 * The offset in `doc` (UTF-16 code units, as CodeMirror counts) of a 1-based line and column,
 * the column counted in characters as the core counts it; clamped to the text.
 */
export function offsetAt(doc, line, column) {
    if (line > doc.lines) {
        return doc.length;
    }
    const { from, text } = doc.line(Math.max(1, line));
    let at = 0;
    for (let characters = column - 1; characters > 0 && at < text.length; characters -= 1) {
        at += text.codePointAt(at) > 0xffff ? 2 : 1;
    }
    return from + at;
}

// Nodes a diagnostic's range does not grow into: a member's value stops at its property, and
// no diagnostic covers the whole text unless it starts there.
const OUTER = new Set(['Property', 'JsonText']);

/**
 * The range of the value that starts at `from`: the largest syntax node starting there (a
 * string, number, member name, object or array), or one character where none does (a syntax
 * error, the end of the text).
 */
export function rangeAt(state, from) {
    let node = syntaxTree(state).resolveInner(from, 1);
    if (node.from !== from) {
        const to = Math.min(from + 1, state.doc.length);
        return { from: to > from ? from : Math.max(0, from - 1), to: Math.max(to, from) };
    }
    while (node.parent && node.parent.from === from && !OUTER.has(node.parent.name)) {
        node = node.parent;
    }
    return { from, to: Math.max(node.to, from + 1) };
}

/**
 * A CodeMirror diagnostic from the core's line, column, path, message and advice. Its message
 * shows with the path and the advice on hover.
 */
function diagnostic(state, { line, column, severity, code, path, message, help, source }) {
    const { from, to } = rangeAt(state, offsetAt(state.doc, line, column));
    return {
        from,
        to,
        severity,
        source: code ? `${source} ${code}` : source,
        message: help ? `${message}. Help: ${help}` : message,
        renderMessage() {
            const element = document.createElement('div');
            element.className = 'cm-problem';
            if (path) {
                const where = document.createElement('code');
                where.className = 'cm-problem-path';
                where.textContent = path;
                element.append(where, ' ');
            }
            appendWithCode(element, message);
            if (help) {
                const advice = document.createElement('p');
                advice.className = 'cm-problem-help';
                advice.append('Help: ');
                appendWithCode(advice, help);
                element.append(advice);
            }
            return element;
        },
    };
}

/** A node's text with its `code` elements in backticks again, as the core wrote it. */
function textOf(node) {
    if (!node) {
        return '';
    }
    if (node.nodeName === 'CODE') {
        return `\`${node.textContent}\``;
    }
    if (node.nodeType === Node.TEXT_NODE) {
        return node.textContent;
    }
    return [...node.childNodes].map(textOf).join('');
}

/**
 * The diagnostics the page lists (`li.diagnostic` in the document editor's list), read from
 * the list: where (`line:column`), severity, path, message and advice.
 */
export function listedDiagnostics(state, list) {
    const found = [];
    for (const item of list?.querySelectorAll('li.diagnostic') ?? []) {
        const where = /^(\d+):(\d+)$/.exec(item.querySelector('.diagnostic-where')?.textContent ?? '');
        if (!where) {
            continue;
        }
        const help = textOf(item.querySelector('.diagnostic-help')).replace(/^Help: /, '') || undefined;
        found.push(diagnostic(state, {
            line: Number(where[1]),
            column: Number(where[2]),
            severity: item.classList.contains('error') ? 'error' : 'warning',
            path: item.querySelector('.diagnostic-path')?.textContent ?? '',
            message: textOf(item.querySelector('.diagnostic-message')),
            help,
            source: 'workmail-policy',
        }));
    }
    return found;
}

/** The lint findings of the analysis module's `lintText` JSON, as diagnostics. */
export function lintDiagnostics(state, json) {
    const report = JSON.parse(json);
    return (report?.Findings ?? [])
        .filter((finding) => finding.line !== undefined)
        .map((finding) => diagnostic(state, {
            line: finding.line,
            column: finding.column ?? 1,
            severity: finding.severity === 'warning' ? 'warning' : 'info',
            code: finding.code,
            path: finding.path,
            message: finding.message,
            help: finding.help,
            source: 'lint',
        }));
}
