// Shared set-up for the playground's end-to-end tests: a static server for dist/ on 127.0.0.1
// (under a sub-path, as a documentation host would serve it), Chromium through playwright-core,
// the shared corpus and its placeholders, and helpers that read the page the way the tests' hooks
// expose it.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { createServer } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.resolve(process.env.WORKMAIL_POLICY_DIST ?? path.join(ROOT, 'dist'));

/** The flags that keep Chromium off the network (`cargo xtask test` passes the same list). */
const DEFAULT_FLAGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.wasm': 'application/wasm',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.json': 'application/json',
};

/**
 * Serves `dir` at http://127.0.0.1:<free port><prefix>. Every request's URL is recorded (a URL
 * fragment never reaches a server, and `requests` lets a test check that).
 */
export async function serve(dir = DIST, prefix = '/docs/playground/') {
    const requests = [];
    const server = createServer(async (request, response) => {
        requests.push(request.url);
        const url = new URL(request.url, 'http://127.0.0.1');
        if (!url.pathname.startsWith(prefix)) {
            response.writeHead(404).end('not found');
            return;
        }
        let relative = decodeURIComponent(url.pathname.slice(prefix.length));
        if (relative === '' || relative.endsWith('/')) {
            relative += 'index.html';
        }
        const file = path.resolve(dir, relative);
        if (!file.startsWith(dir + path.sep)) {
            response.writeHead(403).end('forbidden');
            return;
        }
        try {
            const body = await readFile(file);
            const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
            response.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
            response.end(body);
        } catch {
            response.writeHead(404).end('not found');
        }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${server.address().port}`;
    return {
        origin,
        url: origin + prefix,
        requests,
        close: () => new Promise((resolve) => {
            server.closeAllConnections();
            server.close(resolve);
        }),
    };
}

/** Debian's Chromium, headless, with the project's flags. */
export function launch() {
    const flags = (process.env.CHROMIUM_FLAGS ?? DEFAULT_FLAGS.join(' ')).split(/\s+/).filter(Boolean);
    return chromium.launch({
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        args: flags,
        headless: true,
    });
}

/**
 * Serves dist/ and launches Chromium before a test file's tests, giving both to `use`, and
 * closes them after the tests.
 */
export function serveAndLaunch(use) {
    let site;
    let browser;
    before(async () => {
        site = await serve();
        browser = await launch();
        use(site, browser);
    });
    after(async () => {
        await browser?.close();
        await site?.close();
    });
}

/**
 * A new page at `url`, once the playground has rendered. `problems` collects console errors,
 * uncaught exceptions and Content-Security-Policy violations; `requests` every URL requested.
 * Options: `colorScheme`, `serviceWorkers`, `viewport`, `bypassCSP`, or an existing `context`
 * (to share its local storage); `plain: true` does not wait for the code editor; `init`, a
 * function run in the page before its own scripts.
 */
export async function open(browser, url, options = {}) {
    const context = options.context ?? await browser.newContext({
        colorScheme: options.colorScheme ?? 'light',
        serviceWorkers: options.serviceWorkers ?? 'block',
        viewport: options.viewport ?? { width: 1400, height: 1000 },
        bypassCSP: options.bypassCSP ?? false,
        acceptDownloads: true,
    });
    const problems = [];
    const requests = [];
    context.on('request', (request) => requests.push(request.url()));
    const page = await context.newPage();
    page.on('console', (message) => {
        if (message.type() === 'error') {
            problems.push(message.text());
        }
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
            console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
        });
    });
    if (options.init) {
        await page.addInitScript(options.init);
    }
    await page.goto(url);
    await page.getByTestId('document-editor').waitFor({ state: 'attached' });
    // The page answers with a plain text area, then shows the code editor over it: tests start
    // once it has (`plain: true` starts at once).
    if (!options.plain) {
        await page.getByTestId('code-editor').waitFor({ state: 'attached' });
    }
    return { context, page, problems, requests };
}

/** Polls `read` until `done(value)` holds or 5 seconds pass; returns the last value. */
export async function until(read, done) {
    const deadline = Date.now() + 5000;
    let value = await read();
    while (!done(value) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        value = await read();
    }
    return value;
}

/**
 * What the page shows for one question (`acl` or `imp`): the effect, the matched rules, the
 * role type and the refusal, read from the test hooks.
 */
export function readAnswer(page, prefix) {
    return page.evaluate((prefix) => {
        const hook = (id) => document.querySelector(`[data-testid="${id}"]`);
        const effect = hook(`${prefix}-effect`);
        const matched = hook(`${prefix}-matched-rules`);
        const type = hook(`${prefix}-type`);
        const error = hook(`${prefix}-error`);
        return {
            effect: effect ? effect.textContent : null,
            matched: matched ? [...matched.querySelectorAll('li')].map((li) => li.textContent) : null,
            type: type ? type.textContent : null,
            error: error ? error.textContent : null,
        };
    }, prefix);
}

/** Replaces a text field's or the document editor's text, as typing would. */
export async function fill(page, testid, text) {
    await page.getByTestId(testid).fill(text);
}

/** The corpus cases: `{ name, Document, Steps, ... }` for every tests/cases/**.json. */
export async function corpus() {
    const dir = path.join(ROOT, 'tests', 'cases');
    const files = [];
    async function walk(at) {
        for (const entry of await readdir(at, { withFileTypes: true })) {
            const full = path.join(at, entry.name);
            if (entry.isDirectory()) {
                await walk(full);
            } else if (entry.name.endsWith('.json')) {
                files.push(full);
            }
        }
    }
    await walk(dir);
    files.sort();
    return Promise.all(files.map(async (file) => ({
        name: path.relative(dir, file),
        ...JSON.parse(await readFile(file, 'utf8')),
    })));
}

/** The share link once the page has saved the last change (large states save after a pause). */
export async function shareLink(page) {
    const field = page.getByTestId('share-link');
    await until(() => field.getAttribute('data-pending'), (pending) => pending === 'false');
    return field.inputValue();
}

/**
 * Opens an analysis panel (`table`, `lints`, `compare`, `tests`) and waits until the analysis
 * module has drawn it: until the element with `ready` (a test hook inside the panel) is there.
 */
export async function openPanel(page, panel, ready) {
    await page.getByTestId(`analysis-tab-${panel}`).click();
    await page.getByTestId(ready).first().waitFor({ state: 'attached', timeout: 10000 });
}

/** Every file of `dir` (the site's own files), as URL paths relative to the site. */
export async function siteFiles(dir = DIST) {
    return new Set(await readdir(dir));
}

/** A corpus placeholder: a whole string `{{name}}` (tests/cases/README.md). */
const PLACEHOLDER = /^\{\{([A-Za-z0-9_.-]+)\}\}$/;

/** A corpus step's `Input` with every `"{{name}}"` string replaced by its bound value. */
export function substitute(value, bindings, where) {
    if (typeof value === 'string') {
        const placeholder = PLACEHOLDER.exec(value);
        if (!placeholder) {
            return value;
        }
        assert.ok(placeholder[1] in bindings, `${where}: \`${value}\` is used before it is bound`);
        return bindings[placeholder[1]];
    }
    if (Array.isArray(value)) {
        return value.map((item, at) => substitute(item, bindings, `${where}[${at}]`));
    }
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value)
            .map(([key, item]) => [key, substitute(item, bindings, `${where}.${key}`)]));
    }
    return value;
}

/**
 * Checks a response against a corpus step's `Expect` exactly: the same members and values, a
 * `"{{name}}"` string matching any value the first time (and binding `name` to it), and the
 * bound value after.
 */
export function expectResponse(expected, actual, bindings, where) {
    const placeholder = typeof expected === 'string' && PLACEHOLDER.exec(expected);
    if (placeholder) {
        const name = placeholder[1];
        if (name in bindings) {
            assert.deepStrictEqual(actual, bindings[name], `${where}: {{${name}}} is bound to another value`);
        } else {
            assert.notEqual(actual, undefined, `${where}: {{${name}}} expects a value, found none`);
            bindings[name] = actual;
        }
        return;
    }
    if (Array.isArray(expected)) {
        assert.ok(Array.isArray(actual), `${where}: expected an array, got ${JSON.stringify(actual)}`);
        assert.equal(actual.length, expected.length, `${where}: ${JSON.stringify(actual)}`);
        expected.forEach((item, at) => expectResponse(item, actual[at], bindings, `${where}[${at}]`));
        return;
    }
    if (expected !== null && typeof expected === 'object') {
        assert.ok(actual !== null && typeof actual === 'object' && !Array.isArray(actual),
            `${where}: expected an object, got ${JSON.stringify(actual)}`);
        assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${where}: members`);
        for (const key of Object.keys(expected)) {
            expectResponse(expected[key], actual[key], bindings, `${where}.${key}`);
        }
        return;
    }
    assert.ok(Object.is(actual, expected), `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/**
 * What the operations form shows after a run: the printed response, or the error's code and
 * message (`null`s when the page shows neither) and the error's whole text.
 */
export function readOperation(page) {
    return page.evaluate(() => {
        const hook = (id) => document.querySelector(`[data-testid="${id}"]`);
        const response = hook('op-response');
        const error = hook('op-error');
        const code = error?.querySelector('.error-code')?.textContent ?? null;
        const message = error?.querySelector('.refusal-message')?.textContent ?? null;
        return {
            response: response ? response.textContent : null,
            error: error ? error.textContent : null,
            code,
            // The message follows `Code: `; its backtick spans are shown as code, without backticks.
            message: code && message ? message.slice(code.length + 2) : null,
        };
    });
}

/**
 * Drops files on the element with test hook `testid`, as dragging them from the desktop does.
 * Each file is `{ name, text }`, `{ name, base64 }` (bytes), or `{ name, repeat, times }` (the
 * text `repeat` written `times` times, held by the browser as one part: a file of gigabytes
 * costs nothing).
 */
export async function dropFiles(page, testid, files) {
    const transfer = await page.evaluateHandle((files) => {
        const transfer = new DataTransfer();
        for (const file of files) {
            let parts;
            if (file.base64 !== undefined) {
                parts = [Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))];
            } else if (file.repeat !== undefined) {
                const part = new Blob([file.repeat]);
                parts = Array.from({ length: file.times }, () => part);
            } else {
                parts = [file.text];
            }
            transfer.items.add(new File(parts, file.name));
        }
        return transfer;
    }, files);
    await page.getByTestId(testid).dispatchEvent('drop', { dataTransfer: transfer });
}
