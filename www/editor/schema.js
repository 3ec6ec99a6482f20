// What the document editor knows about the document's members: the core's JSON Schema of an
// organization document (`crates/workmail-policy/schemas/organization.schema.json`, generated
// from the core's shapes, bundled into the editor), read at the place of the caret. It gives
// the completion of member names and enum values, the completion of the document's user IDs,
// emails and role IDs, and the hover that shows a member's AWS constraint and the decision
// it rests on.

import { pickedCompletion } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import { appendWithCode } from './text.js';
import organization from '../../crates/workmail-policy/schemas/organization.schema.json';

const definitions = organization.$defs;

/** Whether `value` is a JSON object (not an array, not null). */
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` has the JSON type `type` (one name, or a list of them). */
function hasType(value, type) {
    const types = Array.isArray(type) ? type : [type];
    return types.some((name) => {
        switch (name) {
            case 'array': return Array.isArray(value);
            case 'object': return isObject(value);
            case 'null': return value === null;
            case 'integer': return Number.isInteger(value);
            default: return typeof value === name;
        }
    });
}

/**
 * Whether `value` meets `condition`, for the keywords the schema's `if` conditions use (the
 * schema picks the document's kind from its keys): `type`, `required`, `anyOf`, `properties`,
 * `minItems` and `prefixItems`. A value the editor could not read is `undefined`, which meets
 * no condition that asks something of it.
 */
function meets(condition, value) {
    if (condition.type !== undefined && !hasType(value, condition.type)) {
        return false;
    }
    if (condition.required && !(isObject(value) && condition.required.every((key) => key in value))) {
        return false;
    }
    if (condition.anyOf && !condition.anyOf.some((each) => meets(each, value))) {
        return false;
    }
    if (condition.properties && isObject(value)) {
        for (const [key, each] of Object.entries(condition.properties)) {
            if (key in value && !meets(each, value[key])) {
                return false;
            }
        }
    }
    if (Array.isArray(value)) {
        if (condition.minItems !== undefined && value.length < condition.minItems) {
            return false;
        }
        if (condition.prefixItems && !condition.prefixItems.every((each, at) => at >= value.length || meets(each, value[at]))) {
            return false;
        }
    }
    return true;
}

/** The schema that applies to `value`: references followed and `if`/`then`/`else` decided. */
function resolve(schema, value) {
    let at = schema;
    for (let steps = 0; at && steps < 64; steps += 1) {
        if (at.$ref) {
            at = definitions[at.$ref.slice('#/$defs/'.length)];
        } else if (at.if) {
            at = meets(at.if, value) ? at.then : at.else;
        } else {
            return at;
        }
    }
    return null;
}

/**
 * The schema of the value at `path` (member names and item indexes) in the document `root`
 * (its value as far as it could be read), or null where the schema says nothing.
 */
export function schemaAt(root, path) {
    let value = root;
    let schema = resolve(organization, value);
    for (const step of path) {
        if (!schema) {
            return null;
        }
        value = value?.[step];
        const next = typeof step === 'number'
            ? (schema.prefixItems?.[step] ?? schema.items)
            : schema.properties?.[step];
        schema = resolve(next, value);
    }
    return schema;
}

/** The JSON value of a syntax node, read from the text; `undefined` for what does not parse. */
function valueOf(state, node, depth) {
    switch (node.name) {
        case 'Object': {
            const object = {};
            for (let child = node.firstChild; child; child = child.nextSibling) {
                const key = child.name === 'Property' ? child.getChild('PropertyName') : null;
                if (key) {
                    const name = stringOf(state, key);
                    const value = child.lastChild;
                    if (name !== undefined) {
                        object[name] = value && isValue(value) && depth > 0 ? valueOf(state, value, depth - 1) : undefined;
                    }
                }
            }
            return object;
        }
        case 'Array': {
            const array = [];
            if (depth > 0) {
                for (let child = node.firstChild; child; child = child.nextSibling) {
                    if (isValue(child)) {
                        array.push(valueOf(state, child, depth - 1));
                    }
                }
            }
            return array;
        }
        case 'String': return stringOf(state, node);
        case 'Number': return Number(state.sliceDoc(node.from, node.to));
        case 'True': return true;
        case 'False': return false;
        case 'Null': return null;
        default: return undefined;
    }
}

/** The text of a string node, unescaped. */
function stringOf(state, node) {
    try {
        return JSON.parse(state.sliceDoc(node.from, node.to));
    } catch {
        return undefined;
    }
}

/** Whether a syntax node is a JSON value (not punctuation, a name or an error). */
function isValue(node) {
    return ['Object', 'Array', 'String', 'Number', 'True', 'False', 'Null'].includes(node.name);
}

// The document's value, read from its syntax tree to four levels (enough for the schema's
// conditions, the users' IDs and emails and the roles' IDs), once per text.
const documents = new WeakMap();

/** The document's value as far as it can be read, even while it has syntax errors. */
export function documentValue(state) {
    let value = documents.get(state.doc);
    if (value === undefined) {
        const top = syntaxTree(state).topNode.firstChild;
        value = top ? valueOf(state, top, 4) : null;
        documents.set(state.doc, value);
    }
    return value;
}

/**
 * The path (member names and item indexes) from the document's root to a value node (an
 * `Object`, `Array` or scalar), read from the syntax tree.
 */
export function pathTo(state, node) {
    const path = [];
    for (let at = node; at.parent; at = at.parent) {
        const parent = at.parent;
        if (parent.name === 'Property' && at.name !== 'PropertyName') {
            const key = parent.getChild('PropertyName');
            path.unshift(key ? stringOf(state, key) : undefined);
        } else if (parent.name === 'Array') {
            let index = 0;
            for (let child = parent.firstChild; child && child.from < at.from; child = child.nextSibling) {
                if (isValue(child)) {
                    index += 1;
                }
            }
            path.unshift(index);
        }
    }
    return path;
}

/** The users' IDs, emails and names and the roles' IDs the document holds, for completion. */
function references(root) {
    const users = [];
    const roles = [];
    const list = (value) => (Array.isArray(value) ? value.filter(isObject) : []);
    for (const user of list(root?.Users)) {
        users.push(user);
    }
    const roleList = Array.isArray(root) ? root : root?.ImpersonationRoles ?? root?.Roles ?? (root?.ImpersonationRoleId ? [root] : []);
    for (const role of list(roleList)) {
        if (typeof role.ImpersonationRoleId === 'string') {
            roles.push(role);
        }
    }
    return { users, roles };
}

/**
 * Inserts a completed string, quoted: over the opening quote typed before it and the closing
 * quote the editor may have added after the caret.
 */
function insertString(view, completion, from, to) {
    const start = view.state.sliceDoc(from - 1, from) === '"' ? from - 1 : from;
    const end = view.state.sliceDoc(to, to + 1) === '"' ? to + 1 : to;
    const insert = JSON.stringify(completion.label);
    view.dispatch({
        changes: { from: start, to: end, insert },
        selection: { anchor: start + insert.length },
        annotations: pickedCompletion.of(completion),
        userEvent: 'input.complete',
    });
}

/** A completion option for a JSON string, shown as its text and inserted quoted. */
function stringOption(text, detail, info, type) {
    return { label: text, apply: insertString, detail, info, type };
}

/** The options for a value of the member `member` whose schema is `schema`. */
function valueOptions(root, member, schema) {
    const items = schema?.type === 'array' ? resolve(schema.items, undefined) : schema;
    const options = (items?.enum ?? []).map((value) => stringOption(value, 'AWS value', undefined, 'enum'));
    const { users, roles } = references(root);
    if (/^(Not)?UserIds$|^UserId$/.test(member ?? '')) {
        for (const user of users) {
            if (typeof user.Id === 'string') {
                options.push(stringOption(user.Id, user.Name ?? user.Email, user.Email, 'variable'));
            }
        }
    }
    if (/^(Not)?TargetUsers$/.test(member ?? '')) {
        for (const user of users) {
            for (const [field, type] of [['Id', 'variable'], ['Email', 'text']]) {
                if (typeof user[field] === 'string') {
                    options.push(stringOption(user[field], user.Name, undefined, type));
                }
            }
        }
    }
    if (/^(Not)?ImpersonationRoleIds$/.test(member ?? '')) {
        for (const role of roles) {
            options.push(stringOption(role.ImpersonationRoleId, role.Name, role.Description, 'variable'));
        }
    }
    return options;
}

/** The last character before `position` that is not white space, and where it is. */
function previousMark(state, position) {
    const line = state.doc.lineAt(position);
    let at = position;
    let inLine = line;
    for (let lines = 0; lines < 1000; lines += 1) {
        const before = state.sliceDoc(inLine.from, at).trimEnd();
        if (before.length > 0) {
            return { mark: before.at(-1), at: inLine.from + before.length - 1 };
        }
        if (inLine.number === 1) {
            return null;
        }
        inLine = state.doc.line(inLine.number - 1);
        at = inLine.to;
    }
    return null;
}

/** The nearest object or array around a position, and the property it follows, if any. */
function container(state, position) {
    let property = null;
    for (let node = syntaxTree(state).resolveInner(position, -1); node; node = node.parent) {
        if (node.name === 'Property' && !property) {
            property = node;
        }
        if (node.name === 'Object' || node.name === 'Array') {
            return { node, property };
        }
    }
    return null;
}

/**
 * The completion source: member names inside an object (those its schema allows and it does
 * not hold yet), enum values, and the document's user IDs, emails and role IDs in the members
 * that hold them. It completes a string being typed (`"` and what follows), or anything at the
 * caret when asked (Ctrl+Space).
 */
export function completeMembers(context) {
    const { state, pos } = context;
    const typed = context.matchBefore(/"[^"\\\n]*$/);
    if (!typed && !context.explicit) {
        return null;
    }
    // Where the string starts (its quote, or the caret); the typed text after the quote is
    // what the options are matched against.
    const from = typed ? typed.from : pos;
    const previous = previousMark(state, from);
    const around = container(state, from);
    if (!previous || !around) {
        return null;
    }
    const root = documentValue(state);
    const path = pathTo(state, around.node);
    let options = [];
    if (around.node.name === 'Object' && (previous.mark === '{' || previous.mark === ',')) {
        const schema = schemaAt(root, path);
        const present = new Set();
        for (let child = around.node.firstChild; child; child = child.nextSibling) {
            const key = child.name === 'Property' ? child.getChild('PropertyName') : null;
            if (key && !(key.from <= from && from < key.to)) {
                present.add(stringOf(state, key));
            }
        }
        options = Object.entries(schema?.properties ?? {})
            .filter(([name]) => name !== '$schema' && !present.has(name))
            .map(([name, member]) => stringOption(name, typeName(resolve(member, undefined)), member.description, 'property'));
    } else if (previous.mark === ':' && around.property) {
        const key = around.property.getChild('PropertyName');
        const member = key ? stringOf(state, key) : undefined;
        const schema = schemaAt(root, [...path, member]);
        if (schema?.type !== 'array') {
            options = valueOptions(root, member, schema);
        }
    } else if (around.node.name === 'Array' && (previous.mark === '[' || previous.mark === ',')) {
        const member = path.at(-1);
        options = valueOptions(root, typeof member === 'string' ? member : undefined, schemaAt(root, path));
    }
    if (options.length === 0) {
        return null;
    }
    return { from: typed ? from + 1 : pos, options, validFor: /^[^"\\\n]*$/ };
}

/** A schema's type in words, for the completion list. */
function typeName(schema) {
    if (!schema) {
        return undefined;
    }
    if (schema.enum) {
        return schema.enum.join(' | ');
    }
    return Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type ?? schema.title;
}

/**
 * The hover over a member name: its AWS constraint, then the project decision it rests on
 * (the `Dn: …` part of the schema's description), if any.
 */
export function memberHover(view, position, side) {
    const { state } = view;
    const key = syntaxTree(state).resolveInner(position, side);
    if (key.name !== 'PropertyName' || !key.parent) {
        return null;
    }
    const name = stringOf(state, key);
    const object = key.parent.parent;
    if (name === undefined || !object) {
        return null;
    }
    const schema = schemaAt(documentValue(state), [...pathTo(state, object), name]);
    const description = schema?.description;
    if (!description) {
        return null;
    }
    const decision = /\s(D\d+): /.exec(description);
    const constraint = decision ? description.slice(0, decision.index) : description;
    return {
        pos: key.from,
        end: key.to,
        above: true,
        create() {
            const dom = document.createElement('div');
            dom.className = 'cm-member-doc';
            dom.dataset.testid = 'member-hover';
            const title = document.createElement('p');
            title.className = 'cm-member-name';
            title.append(appendWithCode(document.createElement('code'), name));
            dom.append(title, appendWithCode(document.createElement('p'), constraint));
            if (decision) {
                const rests = document.createElement('p');
                rests.className = 'cm-member-decision';
                const badge = document.createElement('strong');
                badge.textContent = `Decision ${decision[1]}: `;
                rests.append(badge);
                appendWithCode(rests, description.slice(decision.index + decision[0].length));
                dom.append(rests);
            }
            return { dom };
        },
    };
}
