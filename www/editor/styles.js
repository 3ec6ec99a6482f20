// The editor's style sheets under the page's Content-Security-Policy (`style-src 'self'`, no
// inline styles). CodeMirror writes its styles with style-mod, which puts them in a `<style>`
// element when mounted in a document (the policy blocks that) and in a constructed, adopted
// style sheet when mounted in a shadow root (which the policy allows). Giving style-mod the
// document as a shadow root would look (no `head`, the document's adopted style sheets) makes
// it take the second way everywhere.

import { StyleModule } from 'style-mod';

/** The document, seen by style-mod as a root that adopts style sheets. */
const adoptingRoot = {
    ownerDocument: document,
    get adoptedStyleSheets() {
        return document.adoptedStyleSheets;
    },
    set adoptedStyleSheets(sheets) {
        document.adoptedStyleSheets = sheets;
    },
};

const mount = StyleModule.mount;
StyleModule.mount = (root, modules, options) => mount.call(StyleModule, root === document ? adoptingRoot : root, modules, options);

/** Adopts the rules the editor needs outside its own element (the hidden text area). */
export function adoptPageStyles() {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`
        .code-editor[data-editor="codemirror"] { position: relative; }
        .code-editor[data-editor="codemirror"] > textarea {
            position: absolute; top: 0; left: -100vw; width: 1px; height: 1px; min-height: 0;
            padding: 0; border: 0; margin: 0; overflow: hidden; clip-path: inset(50%); resize: none;
            content-visibility: auto;
        }
        .code-editor[data-editor="codemirror"] > .cm-editor { height: var(--document-editor-height, 32rem); }
    `);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}
