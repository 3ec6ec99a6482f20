// Text the core writes with `code` spans in backticks (its messages, advice and the schema's
// descriptions), shown in the editor's tooltips.

/** Appends `text` to `element`, its backticked parts as `code` elements; returns `element`. */
export function appendWithCode(element, text) {
    text.split('`').forEach((part, index) => {
        if (index % 2 === 1) {
            const code = document.createElement('code');
            code.textContent = part;
            element.append(code);
        } else {
            element.append(part);
        }
    });
    return element;
}
