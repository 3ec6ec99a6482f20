// End-to-end tests of the playground's robustness and security: text pasted anywhere is shown
// as text and never run, the Content-Security-Policy blocks what it promises to, a Rust panic
// shows a banner instead of a dead page, the user's work survives reloads (an invalid
// paste included), and large or hostile documents leave the page usable.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { fill, open, openPanel, readAnswer, serve, serveAndLaunch, shareLink, until } from './support.mjs';

/** Markup and script in every form a paste might carry them. */
const PAYLOADS = [
    '<script>window.__pwned="script"</script>',
    '<img src=x onerror="window.__pwned=\'img\'">',
    '"><svg onload="window.__pwned=\'svg\'">',
    "javascript:window.__pwned='url'",
    '\'><iframe src="javascript:window.__pwned=\'frame\'"></iframe>',
    '`<b onmouseover="window.__pwned=1">code span</b>`',
    '<a href="javascript:window.__pwned=\'link\'">x</a>',
    '{{constructor.constructor("window.__pwned=1")()}}',
];
const PAYLOAD = PAYLOADS.join(' ');
/** Short enough for identifiers (at most 64 characters) and still markup. */
const SHORT = '<img src=x onerror=window.__pwned=1>';

/** An organization (that loads) whose every member that takes markup holds some. */
function hostileDocument() {
    return JSON.stringify({
        Users: [{
            Id: `S-1-1-11-${SHORT}`, Email: 'jane@example.com', Name: 'jane',
            DisplayName: PAYLOAD.slice(0, 200), State: 'ENABLED', UserRole: 'USER',
        }],
        AccessControlRules: [
            { Name: 'default', Effect: 'ALLOW', Description: '<script>alert(1)</script>' },
            { Name: 'hostile', Effect: 'DENY', Description: SHORT, UserIds: [`S-1-1-11-${SHORT}`, `x${PAYLOAD}`.slice(0, 250)],
                Actions: ['IMAP'] },
        ],
        ImpersonationRoles: [{
            ImpersonationRoleId: 'r1', Name: 'role "quoted" & more', Type: 'READ_ONLY', Description: 'fine',
            Rules: [{ ImpersonationRuleId: 'all', Name: 'all “mailboxes”', Effect: 'ALLOW',
                TargetUsers: ['jane'] }],
        }],
    }, null, 4);
}

/** A document that does not load, each error message quoting markup back. */
function hostileInvalidDocument() {
    return JSON.stringify({
        Users: [{ Id: 'S-1-1-11-1234567890', Email: `${SHORT}@example.com`, Name: SHORT, DisplayName: PAYLOAD }],
        AccessControlRules: [{ Name: SHORT, Effect: PAYLOAD, IpRanges: [PAYLOAD], Description: PAYLOAD }],
        ImpersonationRoles: [{ ImpersonationRoleId: SHORT, Name: SHORT, Type: 'READ_ONLY', Rules: [] }],
    }, null, 4);
}

/** A tests file whose names and requests hold markup. */
function hostileTests() {
    return JSON.stringify({
        Tests: [
            { Name: PAYLOAD.slice(0, 250), Request: { IpAddress: '192.0.2.1', Action: 'IMAP', UserId: `S-1-1-11-${SHORT}` },
                Expect: { Effect: 'ALLOW', MatchedRules: ['hostile'] } },
            { Name: SHORT, Request: { ImpersonationRoleId: 'r1', TargetUser: 'jane' }, Expect: { Effect: 'DENY' } },
        ],
    }, null, 4);
}

/**
 * Pastes into the document editor, as a paste would, a text the page builds itself from
 * `head`, `count` copies of `item` joined by commas, and `tail`. Returns its length.
 */
function paste(page, head, item, count, tail) {
    return page.evaluate(({ head, item, count, tail }) => {
        const text = `${head}${`${item},\n`.repeat(count - 1)}${item}${tail}`;
        const area = document.querySelector('[data-testid="document-editor"]');
        area.value = text;
        area.dispatchEvent(new Event('input', { bubbles: true }));
        return text.length;
    }, { head, item, count, tail });
}

/** A rule that denies IMAP to every user of `directory` but `S-1-1-11-000000000007` (`user7`). */
const IMAP_FOR_ONE = '{"Name": "imap-for-one", "Effect": "DENY", "Actions": ["IMAP"], "NotUserIds": ["S-1-1-11-000000000007"]}';

/**
 * A document of 20,000 users (over 1 MiB), `S-1-1-11-000000000000` to `S-1-1-11-000000019999`
 * named `user0` to `user19999`, whose rules are the default rule, then `rules` (rules' JSON).
 */
function directory(...rules) {
    const users = Array.from({ length: 20_000 }, (_, at) => `{"Id": "S-1-1-11-${String(at).padStart(12, '0')}", "Name": "user${at}"}`);
    const list = ['{"Name": "default", "Effect": "ALLOW"}', ...rules].join(',\n');
    return `{"AccessControlRules": [${list}],\n"Users": [\n${users.join(',\n')}\n]}`;
}

/** Pastes a `directory` into the document editor and waits for the page to have read it. */
async function pasteDirectory(page, text) {
    await page.evaluate((text) => {
        const area = document.querySelector('[data-testid="document-editor"]');
        area.value = text;
        area.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
    await page.getByTestId('editor-status').filter({ hasText: '20000 users' }).waitFor({ timeout: 120_000 });
}

/**
 * Records each text the element `testid` shows that starts with `start`, as it is shown (a
 * panel's "working" line can come and go between two looks); returns a function that gives the
 * first.
 */
async function recordSaid(page, testid, start) {
    await page.evaluate(({ testid, start }) => {
        window.said = [];
        new MutationObserver(() => {
            const text = document.querySelector(`[data-testid="${testid}"]`)?.textContent;
            if (text?.startsWith(start)) {
                window.said.push(text);
            }
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
    }, { testid, start });
    return () => page.evaluate(() => window.said[0]);
}

let site;
let browser;
serveAndLaunch((served, launched) => {
    site = served;
    browser = launched;
});

/** What a successful injection would leave behind. */
function traces(page) {
    return page.evaluate(() => ({
        pwned: window.__pwned ?? null,
        scripts: document.querySelectorAll('script').length,
        elements: document.querySelectorAll('img, svg, iframe, object, embed, b, a[href^="javascript:" i]').length,
        handlers: [...document.querySelectorAll('*')]
            .filter((element) => [...element.attributes].some((attribute) => /^on/i.test(attribute.name))).length,
    }));
}

describe('text pasted anywhere is shown as text', () => {
    for (const bypassCSP of [false, true]) {
        const label = bypassCSP ? 'even without the Content-Security-Policy' : 'with the Content-Security-Policy';
        test(`in every field and editor, ${label}`, async () => {
            const { context, page, problems } = await open(browser, site.url, { bypassCSP });
            const dialogs = [];
            page.on('dialog', async (dialog) => {
                dialogs.push(dialog.message());
                await dialog.dismiss();
            });
            await page.getByTestId('acl-effect').waitFor();
            const clean = await traces(page);
            assert.deepEqual({ pwned: clean.pwned, elements: clean.elements, handlers: clean.handlers },
                { pwned: null, elements: 0, handlers: 0 });
            const check = async (where) => {
                // Let every answer, panel and list render first.
                await new Promise((resolve) => setTimeout(resolve, 150));
                assert.deepEqual(await traces(page), clean, where);
                assert.deepEqual(dialogs, [], where);
            };

            for (const testid of ['acl-ip', 'acl-action', 'acl-user', 'acl-role', 'imp-role', 'imp-target']) {
                await fill(page, testid, PAYLOAD);
                await check(testid);
            }
            // The refusal quotes the value back, as text.
            assert.match(await page.getByTestId('acl-error').innerText(), /onerror|script|svg/);

            await fill(page, 'document-editor', hostileInvalidDocument());
            await page.getByTestId('diagnostics').locator('li').first().waitFor();
            assert.match(await page.getByTestId('diagnostics').innerText(), /<img src=x onerror=/);
            await check('the diagnostics of an invalid document');

            await fill(page, 'document-editor', hostileDocument());
            assert.match(await until(() => page.getByTestId('editor-status').innerText(), (text) => /Recognised/.test(text)), /Recognised/);
            await fill(page, 'acl-ip', '192.0.2.1');
            await fill(page, 'acl-action', 'IMAP');
            await fill(page, 'acl-role', '');
            await fill(page, 'acl-user', `S-1-1-11-${SHORT}`);
            await fill(page, 'imp-role', 'r1');
            await fill(page, 'imp-target', 'jane');
            assert.equal((await until(() => readAnswer(page, 'acl'), (answer) => answer.effect === 'DENY')).effect, 'DENY');
            assert.equal((await until(() => readAnswer(page, 'imp'), (answer) => answer.effect === 'ALLOW')).effect, 'ALLOW');
            await check('the answers for a document full of markup');

            for (const [tab, testid] of [['Access control rules', 'rules-editor'], ['Impersonation roles', 'roles-editor'], ['Users', 'users-editor']]) {
                await page.getByRole('tab', { name: tab }).click();
                const text = await page.getByTestId(testid).inputValue();
                await fill(page, testid, `${text}\n${PAYLOAD}`);
                await check(`${testid} with markup`);
                await fill(page, testid, text);
            }
            await page.getByRole('tab', { name: 'Document' }).click();

            await page.getByTestId('acl-suggestions-toggle').click();
            await page.getByTestId('acl-suggestions').waitFor({ timeout: 10000 });
            await page.getByTestId('imp-suggestions-toggle').click();
            await page.getByTestId('imp-suggestions').waitFor({ timeout: 10000 });
            await check('the suggestions');

            await openPanel(page, 'table', 'table-access');
            assert.match(await page.getByTestId('table').innerText(), /<img src=x onerror=/);
            await check('the decision table');
            await openPanel(page, 'lints', 'lints-summary');
            await check('the lints');
            await openPanel(page, 'compare', 'diff-editor');
            await fill(page, 'diff-editor', hostileInvalidDocument());
            await page.getByTestId('diagnostics-compare').locator('li').first().waitFor();
            await check('the diagnostics of the old version');
            await fill(page, 'diff-editor', hostileDocument().replace('"hostile"', '"hostile2"'));
            await fill(page, 'diff-my-ip', PAYLOAD);
            await page.getByTestId('diff-my-ip-invalid').waitFor();
            await check('the comparison');
            await openPanel(page, 'tests', 'tests-editor');
            await fill(page, 'tests-editor', hostileTests());
            await page.getByTestId('tests-results').waitFor();
            assert.match(await page.getByTestId('tests-results').innerText(), /<script>window\.__pwned/);
            await check('the saved tests');
            await fill(page, 'tests-editor', `{"Tests": [${JSON.stringify(PAYLOAD)}]}`);
            await page.getByTestId('diagnostics-tests').locator('li').first().waitFor();
            await check('the diagnostics of the tests');

            // A file whose name is markup.
            await page.getByTestId('upload').setInputFiles({
                name: `${SHORT}.json`, mimeType: 'application/json', buffer: Buffer.from(hostileDocument()),
            });
            await page.getByTestId('notice').waitFor();
            assert.match(await page.getByTestId('notice').innerText(), /<img src=x/);
            await check('the notice naming an uploaded file');

            // The whole state, markup and all, through a share link.
            const link = await shareLink(page);
            const shared = await page.context().newPage();
            await shared.goto(link);
            await shared.getByTestId('tests-editor').waitFor({ timeout: 10000 });
            await new Promise((resolve) => setTimeout(resolve, 300));
            const restored = await traces(shared);
            assert.equal(restored.pwned, null);
            assert.equal(restored.elements, 0);
            assert.equal(restored.handlers, 0);
            assert.deepEqual(dialogs, []);
            // No console error and no blocked script, handler or load anywhere on the way: a
            // payload the policy had to stop would show here even when nothing ran.
            assert.deepEqual(problems, []);
            await context.close();
        });
    }
});

describe('the Content-Security-Policy', () => {
    test('forbids inline script and eval, and blocks inline script, handlers and other origins', async () => {
        const other = await serve();
        const { context, page } = await open(browser, site.url);
        await page.getByTestId('acl-effect').waitFor();
        const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
        const scripts = /script-src ([^;]*)/.exec(policy)[1].split(' ');
        assert.deepEqual(scripts, ["'self'", "'wasm-unsafe-eval'"], 'no inline script, no eval');
        assert.match(policy, /connect-src 'self'/);
        assert.match(policy, /object-src 'none'/);
        // (The test's own page.evaluate is exempt from the policy, so eval is checked above, in
        // the policy's text, and the rest below by the browser's own enforcement.)
        const result = await page.evaluate(async (elsewhere) => {
            const violations = [];
            document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
            const script = document.createElement('script');
            script.textContent = 'window.__inline = true';
            document.body.append(script);
            const image = document.createElement('img');
            image.setAttribute('onerror', 'window.__handler = true');
            image.src = 'x-not-an-image';
            document.body.append(image);
            let fetched = 'allowed';
            try {
                await fetch(elsewhere);
            } catch {
                fetched = 'blocked';
            }
            await new Promise((resolve) => setTimeout(resolve, 300));
            return {
                inline: window.__inline ?? false, handler: window.__handler ?? false, fetched,
                violations: [...new Set(violations)].sort(),
            };
        }, other.url);
        assert.deepEqual(result, {
            inline: false, handler: false, fetched: 'blocked',
            violations: ['connect-src', 'script-src-attr', 'script-src-elem'],
        });
        assert.deepEqual(other.requests, [], 'the other origin heard nothing');
        await context.close();
        await other.close();
    });
});

describe('the WebAssembly cannot load', () => {
    test('the page says so in the crash banner, with a reload button', async () => {
        const context = await browser.newContext({ serviceWorkers: 'block' });
        await context.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
        const page = await context.newPage();
        await page.goto(site.url);
        const banner = page.getByTestId('crash');
        await banner.waitFor({ timeout: 10000 });
        assert.equal(await banner.getAttribute('role'), 'alert');
        assert.match(await page.getByTestId('crash-message').innerText(), /^the page could not start: /);
        assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'crash-reload');
        assert.equal(await page.getByTestId('document-editor').count(), 0);
        await context.close();
    });
});

describe('a Rust panic', () => {
    test('shows a banner with the message and a reload button, and reloading restores the work', async () => {
        const { context, page, problems } = await open(browser, `${site.url}?panic-test=1`);
        await fill(page, 'acl-ip', '198.51.100.77');
        await shareLink(page);
        await page.getByTestId('panic-test').click();
        const banner = page.getByTestId('crash');
        await banner.waitFor();
        assert.equal(await banner.getAttribute('role'), 'alert');
        assert.match(await page.getByTestId('crash-message').innerText(), /test panic requested with \?panic-test=1/);
        assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'crash-reload');
        assert.ok(problems.some((problem) => /panic/.test(problem)), problems.join('\n'));
        await Promise.all([page.waitForEvent('load'), page.getByTestId('crash-reload').click()]);
        await page.getByTestId('acl-effect').waitFor();
        assert.equal(await page.getByTestId('crash').count(), 0);
        assert.equal(await page.getByTestId('acl-ip').inputValue(), '198.51.100.77');
        await context.close();
    });

    test('the test button is not on the page without its flag', async () => {
        const { context, page } = await open(browser, site.url);
        await page.getByTestId('acl-effect').waitFor();
        assert.equal(await page.getByTestId('panic-test').count(), 0);
        await context.close();
    });
});

describe('the work survives', () => {
    test('a reload, an invalid paste included', async () => {
        const { context, page } = await open(browser, site.url);
        const broken = '{\n  "AccessControlRules": [\n    {"Name": "half-typed", "Effect": "DE';
        await fill(page, 'document-editor', broken);
        await page.getByRole('tab', { name: 'Users' }).click();
        await fill(page, 'users-editor', '{"Users": [{"Id": ');
        await openPanel(page, 'tests', 'tests-editor');
        await fill(page, 'tests-editor', '{"Tests": [ {"Name": ');
        await shareLink(page);
        await page.reload();
        await page.getByTestId('users-editor').waitFor({ state: 'attached' });
        assert.equal(await page.getByTestId('users-editor').inputValue(), '{"Users": [{"Id": ');
        await page.getByRole('tab', { name: 'Document' }).click();
        assert.equal(await page.getByTestId('document-editor').inputValue(), broken);
        await page.getByTestId('diagnostics').locator('li').first().waitFor();
        // Nothing is evaluated until the document loads again (the link keeps the text, not
        // an older document).
        assert.match(await page.locator('.answer').first().innerText(), /Fix the document's errors/);
        await page.getByTestId('tests-editor').waitFor({ timeout: 10000 });
        assert.equal(await page.getByTestId('tests-editor').inputValue(), '{"Tests": [ {"Name": ');
        await context.close();
    });

    test('a later visit, from this browser\'s storage, without a link being overwritten by one', async () => {
        const { context, page } = await open(browser, site.url);
        await page.getByRole('button', { name: 'Office-only IMAP', exact: true }).click();
        await fill(page, 'acl-ip', '203.0.113.99');
        await shareLink(page);
        const mine = await page.getByTestId('document-editor').inputValue();

        // A later visit to the bare address brings the work back, and says so.
        const later = await open(browser, site.url, { context });
        await later.page.getByTestId('notice').waitFor();
        assert.match(await later.page.getByTestId('notice').innerText(), /your work from your last visit/);
        assert.equal(await later.page.getByTestId('acl-ip').inputValue(), '203.0.113.99');
        assert.equal(await later.page.getByTestId('document-editor').inputValue(), mine);

        // Opening someone's link shows it, and leaves the saved work alone until it is edited.
        await later.page.getByRole('button', { name: 'Empty rule set', exact: true }).click();
        const theirs = await shareLink(later.page);
        await context.clearCookies();
        await later.page.evaluate(() => localStorage.clear());
        await page.getByRole('button', { name: 'Office-only IMAP', exact: true }).click();
        await fill(page, 'acl-ip', '203.0.113.100');
        await shareLink(page);
        const linked = await open(browser, theirs, { context });
        await linked.page.getByTestId('acl-effect').waitFor();
        assert.equal((await readAnswer(linked.page, 'acl')).matched.length, 0);
        await shareLink(linked.page);
        const again = await open(browser, site.url, { context });
        assert.equal(await again.page.getByTestId('acl-ip').inputValue(), '203.0.113.100', 'the link did not replace it');
        await fill(linked.page, 'acl-ip', '192.0.2.200');
        await shareLink(linked.page);
        const edited = await open(browser, site.url, { context });
        assert.equal(await edited.page.getByTestId('acl-ip').inputValue(), '192.0.2.200', 'editing the link saved it');

        // An embedded view never shows the reader's own work.
        const embedded = await open(browser, `${site.url}?embed=1`, { context });
        await embedded.page.getByTestId('acl-effect').waitFor();
        assert.equal(await embedded.page.getByTestId('acl-ip').inputValue(), '192.0.2.0');
        await context.close();
    });
});

/** Holds back every request of `context` whose URL matches `pattern` until the function it
 * returns is called. */
async function holdBack(context, pattern) {
    let release;
    const held = new Promise((resolve) => {
        release = resolve;
    });
    await context.route(pattern, async (route) => {
        await held;
        await route.continue();
    });
    return release;
}

describe('large documents', () => {
    // A document editor text over 1 MiB is loaded by the loader (a web worker) rather than on
    // the page's thread, its diagnostics are listed as the first 50 and a count, the text area
    // is not given megabytes to lay out, and the page answers questions while the loader
    // works. Nothing here asserts a time: the benchmark measures them.
    test('a large text with errors is checked by the loader while the questions stay usable', async () => {
        const { context, page, problems, requests } = await open(browser, site.url);
        // The loader's WebAssembly is held back until the question has been answered, so the
        // page is seen answering while the loader works, whatever the machine's speed.
        const release = await holdBack(context, /workmail-policy-loader_bg\.wasm/);
        const rule = '{"Name": "bad name!", "Effect": "MAYBE", "IpRanges": ["300.1.1.1/40"]}';
        const length = await paste(page, '{"AccessControlRules": [\n', rule, 60_000, '\n]}');
        assert.ok(length > 4 * 1024 * 1024, `${length}`);
        // The page reads the pasted text a slice per task, then sends it to the loader.
        const status = page.getByTestId('editor-status');
        await status.filter({ hasText: 'Loading this large document' }).waitFor();
        // The text area is not given the text to lay out; it says what it holds.
        const editor = page.getByTestId('document-editor');
        assert.equal(await editor.inputValue(), '');
        assert.equal(await editor.getAttribute('data-large'), 'true');
        assert.match(await editor.getAttribute('placeholder'), /too large to show here/);
        // While the loader works, a question is typed, and answered from the last document
        // that loaded.
        await page.getByTestId('acl-ip').fill('');
        await page.getByTestId('acl-ip').pressSequentially('192.0.2.77');
        await page.locator('.verdict-who', { hasText: 'from 192.0.2.77 ' }).waitFor();
        assert.match(await status.textContent(), /Loading this large document/, 'answered while the loader works');
        release();
        await page.getByTestId('diagnostics-more').waitFor({ timeout: 240_000 });
        // The first 50 diagnostics, and how many more there are.
        const listed = await page.getByTestId('diagnostics').locator('li').count();
        assert.equal(listed, 50);
        const more = await page.getByTestId('diagnostics-more').textContent();
        const total = Number(/of (\d+) problems/.exec(more)?.[1]);
        // Every rule has three errors (its name, its effect, its range), each counted.
        assert.equal(total, 3 * 60_000, more);
        assert.match(more, new RegExp(`and ${total - 50} more`));
        assert.match(await status.textContent(), new RegExp(`^✕ ${total} errors: nothing is evaluated`));
        // The answers are still the last document's, and say so.
        assert.equal((await readAnswer(page, 'acl')).effect, 'DENY');
        // The loader came from the page's own origin, under the Content-Security-Policy.
        assert.ok(requests.some((url) => /\/loader\.js\?v=/.test(url)), requests.join('\n'));
        assert.ok(requests.some((url) => /workmail-policy-loader_bg\.wasm/.test(url)), requests.join('\n'));
        assert.ok(requests.every((url) => url.startsWith(site.origin)), requests.join('\n'));
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('a large document of rules is read in parts and answered over every rule', async () => {
        const { context, page, problems } = await open(browser, site.url);
        // 12,000 rules (WorkMail holds 10: a warning), over 1 MiB, so the page reads them a part
        // per task; only the last one denies IMAP from 192.0.2.0/24.
        const count = await page.evaluate(() => {
            const rules = Array.from({ length: 12_000 }, (_, at) => (at === 11_999
                ? '{"Name": "last", "Effect": "DENY", "Actions": ["IMAP"], "IpRanges": ["192.0.2.0/24"]}'
                : `{"Name": "rule-${at}", "Effect": "ALLOW", "Actions": ["EWS"], "IpRanges": ["10.${at % 256}.0.0/16"]}`));
            const text = `{"AccessControlRules": [\n${rules.join(',\n')}\n]}`;
            const area = document.querySelector('[data-testid="document-editor"]');
            area.value = text;
            area.dispatchEvent(new Event('input', { bubbles: true }));
            return text.length;
        });
        assert.ok(count > 1024 * 1024, `${count}`);
        const status = page.getByTestId('editor-status');
        await status.filter({ hasText: '12000 access control rules' }).waitFor({ timeout: 120_000 });
        const warnings = await page.getByTestId('diagnostics').locator('li').allTextContents();
        assert.equal(warnings.length, 1, warnings.join('\n'));
        assert.match(warnings[0], /12000 access control rules; WorkMail holds at most 10/);
        await page.getByTestId('acl-user').fill('S-1-1-11-1111111111-2222222222-3333333333-3333');
        await page.getByTestId('acl-action').fill('IMAP');
        await page.getByTestId('acl-ip').fill('192.0.2.9');
        await page.locator('[data-testid="acl-matched-rules"] li', { hasText: 'last' }).waitFor();
        assert.deepEqual(await readAnswer(page, 'acl'), { effect: 'DENY', matched: ['last'], type: null, error: null });
        assert.match(await page.getByTestId('acl-more-rules').textContent(), /and 11950 more rules/);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('a large paste into the document editor or a part editor never enters a text area', async () => {
        // Every text given to a text area of the page over 1 MiB is counted (the browser's own
        // copy of a paste, or a script's `value`), before the page's scripts start.
        const { context, page, problems } = await open(browser, site.url, {
            init: () => {
                const value = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value');
                window.largeWrites = 0;
                Object.defineProperty(HTMLTextAreaElement.prototype, 'value', {
                    ...value,
                    set(text) {
                        if (String(text).length > 1024 * 1024) {
                            window.largeWrites += 1;
                        }
                        value.set.call(this, text);
                    },
                });
            },
        });
        // A paste as the browser sends it; whether the browser was kept from making it.
        const paste = (selector, text) => page.evaluate(({ selector, text }) => {
            const clipboard = new DataTransfer();
            clipboard.setData('text/plain', text);
            const event = new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true });
            return !document.querySelector(selector).dispatchEvent(event);
        }, { selector, text });
        const cm = '[data-testid="code-editor"] .cm-content';
        // A small paste is the code editor's own: it inserts it at the caret.
        await paste(cm, '{"Users": []}');
        assert.match(await page.locator(cm).textContent(), /\{"Users": \[\]\}/);
        // A large one into the code editor goes to the page, which reads and loads it.
        assert.equal(await paste(cm, directory(IMAP_FOR_ONE)), true);
        await page.getByTestId('editor-status').filter({ hasText: '20000 users' }).waitFor({ timeout: 120_000 });
        assert.equal(await page.getByTestId('document-editor').getAttribute('data-large'), 'true');
        // The code editor holds no text: it shows the placeholder that says so.
        assert.match(await page.locator(cm).textContent(), /^This text is 2 MB: too large to show here/);
        await page.getByTestId('acl-action').fill('IMAP');
        await page.getByTestId('acl-user').fill('S-1-1-11-000000000008');
        await page.locator('[data-testid="acl-matched-rules"] li', { hasText: 'imap-for-one' }).waitFor();

        // `list-users` output into the Users tab's text area: the document takes it.
        await page.getByRole('tab', { name: 'Users' }).click();
        const users = Array.from({ length: 30_000 }, (_, at) => `    {"Id": "S-1-1-11-user-${at}", "Name": "u${at}", "State": "ENABLED"}`);
        assert.equal(await paste('[data-testid="users-editor"]', `{\n  "Users": [\n${users.join(',\n')}\n  ]\n}`), true);
        await page.getByTestId('editor-status-users').filter({ hasText: 'In the document.' }).waitFor({ timeout: 120_000 });
        assert.equal(await page.getByTestId('users-editor').inputValue(), '');
        await page.getByRole('tab', { name: 'Document' }).click();
        await page.getByTestId('editor-status').filter({ hasText: '30000 users' }).waitFor({ timeout: 120_000 });
        assert.equal(await page.evaluate(() => window.largeWrites), 0, 'no large text was given to a text area');
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('the lints of a large document are found by the analysis worker, off the page\'s thread', async () => {
        const { context, page, problems, requests } = await open(browser, site.url);
        // 12,000 rules, over 1 MiB (WorkMail holds 10: the rule-limit lint).
        await page.evaluate(() => {
            const rules = Array.from({ length: 12_000 }, (_, at) => `{"Name": "rule-${at}", "Effect": "ALLOW", "Actions": ["EWS"], "IpRanges": ["10.${at % 256}.0.0/16"]}`);
            const area = document.querySelector('[data-testid="document-editor"]');
            area.value = `{"AccessControlRules": [\n${rules.join(',\n')}\n]}`;
            area.dispatchEvent(new Event('input', { bubbles: true }));
        });
        await page.getByTestId('editor-status').filter({ hasText: '12000 access control rules' }).waitFor({ timeout: 120_000 });
        // The worker is held back until the panel has said it is working.
        const release = await holdBack(context, /\/worker\.js\?v=/);
        await openPanel(page, 'lints', 'lints-summary');
        const summary = page.getByTestId('lints-summary');
        assert.equal(await summary.textContent(), 'Linting this large document…');
        release();
        await page.getByTestId('lint-findings').waitFor({ timeout: 120_000 });
        assert.match(await summary.textContent(), /^\d+ warnings? and \d+ info findings?\./);
        const codes = await page.getByTestId('lint-findings').locator(':scope > li')
            .evaluateAll((all) => all.map((li) => li.dataset.code));
        assert.ok(codes.includes('rule-limit'), codes.join(', '));
        assert.ok(requests.some((url) => /\/worker\.js\?v=/.test(url)), requests.join('\n'));
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('the decision table of a large directory is made by the analysis worker, and so are its downloads', async () => {
        const { context, page, problems, requests } = await open(browser, site.url);
        // 20,000 users (over 1 MiB) and a rule that denies IMAP to all but one of them.
        const text = directory(IMAP_FOR_ONE);
        assert.ok(text.length > 1024 * 1024, `${text.length}`);
        await pasteDirectory(page, text);
        // The worker is held back until the panel has said it is reading the document (its
        // directory's names, which the table's filters suggest, are read a part per task).
        const release = await holdBack(context, /\/worker\.js\?v=/);
        await openPanel(page, 'table', 'analysis-loading');
        assert.equal(await page.getByTestId('analysis-loading').textContent(), 'Reading this large document…');
        // Then the table is made by a worker while the panel says so (too quick to wait for:
        // whether it was said is recorded as it happens).
        const said = await recordSaid(page, 'table-working', '');
        release();
        const rows = page.getByTestId('table-access').locator('tbody tr');
        await rows.first().waitFor({ timeout: 120_000 });
        assert.equal(await said(), 'Making the decision table of this large document…');
        const texts = await rows.allInnerTexts();
        // Every user but one loses IMAP; the one keeps it, named.
        assert.ok(texts.some((row) => /DENY/.test(row) && /IMAP/.test(row) && /except/.test(row) && /000000000007 \(user7\)/.test(row)), texts.join('\n'));
        assert.ok(requests.some((url) => /\/worker\.js\?v=/.test(url)), requests.join('\n'));
        // A download of the table is made by a worker too: every user is in the CSV.
        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId('download-table-csv').click()]);
        assert.equal(download.suggestedFilename(), 'workmail-access-table.csv');
        const csv = await readFile(await download.path(), 'utf8');
        assert.equal(csv.split('\r\n')[0], 'IpRanges,Actions,Principals,Effect,MatchedRules');
        assert.ok(csv.includes('UserId:S-1-1-11-000000019999'), csv.slice(0, 500));
        // A filter asks the worker again: the one user's IMAP from one address.
        await fill(page, 'table-filter-principal', 'user7');
        await page.getByTestId('table-filter-action').selectOption('IMAP');
        await page.getByTestId('table-summary').filter({ hasText: 'hold requests you asked about' }).waitFor({ timeout: 120_000 });
        const cut = await rows.allInnerTexts();
        assert.equal(cut.length, 1, cut.join('\n'));
        assert.match(cut[0], /ALLOW/);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('the comparison of large documents is made by the analysis worker', async () => {
        const { context, page, problems } = await open(browser, site.url);
        // 20,000 users (over 1 MiB); the old version has no rule denying IMAP.
        await pasteDirectory(page, directory(IMAP_FOR_ONE));
        await openPanel(page, 'compare', 'diff-editor');
        // Whether the panel said it was comparing is recorded as it happens.
        const said = await recordSaid(page, 'diff-summary', 'Comparing');
        await page.getByTestId('diff-upload').setInputFiles({
            name: 'old.json', mimeType: 'application/json', buffer: Buffer.from(directory()),
        });
        const summary = page.getByTestId('diff-summary');
        await summary.filter({ hasText: 'change their answer' }).waitFor({ timeout: 120_000 });
        assert.equal(await said(), 'Comparing these large documents…');
        assert.match(await summary.textContent(), /^1 class of access requests and 0 sets of target users change their answer\./);
        const row = await page.getByTestId('diff-access').locator('tbody tr').first().innerText();
        assert.match(row, /IMAP/);
        assert.match(row, /any user except/);
        assert.match(row, /000000000007 \(user7\)/);
        const guarantees = await page.getByTestId('diff-guarantees').locator('li').allInnerTexts();
        assert.match(guarantees[1], /^✕\s*no lost access: 1 class of requests breaks it/);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('the tests of a large directory are run by the analysis worker', async () => {
        const { context, page, problems, requests } = await open(browser, site.url);
        // 20,000 users (over 1 MiB) and a rule that denies IMAP to all but one of them.
        await pasteDirectory(page, directory(IMAP_FOR_ONE));
        await openPanel(page, 'tests', 'tests-editor');
        // Whether the panel said it was running the tests is recorded as it happens.
        const said = await recordSaid(page, 'tests-summary', 'Running');
        const tests = {
            Tests: [{ Name: 'user7 keeps IMAP', Request: { IpAddress: '192.0.2.1', Action: 'IMAP', UserId: 'S-1-1-11-000000000007' }, Expect: { Effect: 'ALLOW' } }],
            Properties: [{ Name: 'no IMAP for anyone', ForAll: { Actions: ['IMAP'] }, Expect: { Effect: 'DENY' } }],
        };
        await fill(page, 'tests-editor', JSON.stringify(tests));
        const summary = page.getByTestId('tests-summary');
        await summary.filter({ hasText: '1 passed, 1 failed' }).waitFor({ timeout: 120_000 });
        assert.equal(await said(), 'Running the tests on this large document…');
        assert.ok(requests.some((url) => /\/worker\.js\?v=/.test(url)), requests.join('\n'));
        // The property fails for the one user who keeps IMAP, and the request loads into the question.
        const item = page.getByTestId('property-result');
        assert.match(await item.innerText(), /FAIL\s*no IMAP for anyone[\s\S]*1 class of requests fails\. For example IMAP from \S+ for user S-1-1-11-000000000007 gets ALLOW/);
        await item.getByTestId('property-ask').click();
        await until(() => page.getByTestId('acl-user').inputValue(), (user) => user === 'S-1-1-11-000000000007');
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('a large document that loads is answered once the loader has checked it', async () => {
        const { context, page, problems } = await open(browser, site.url);
        // Many other users make the document large, several times the slice of a paste the page
        // reads per task (1 Mi UTF-16 code units); a character outside the Basic Multilingual
        // Plane (two code units) straddles the end of the first slice. One rule denies IMAP to
        // the last user, who has a member WorkMail does not know (a warning). The page reads the
        // users a part (1 MiB) per task, and shows the warning the loader found on the whole text.
        const text = await page.evaluate(() => {
            const SLICE = 1024 * 1024;
            const users = Array.from({ length: 30_000 }, (_, at) =>
                `{"Id": "S-1-1-11-user-${at}", ${at === 29_999 ? '"Odd": 1, ' : ''}"Email": "u${at}@example.com", "Name": "u${at}", "DisplayName": "😀 ${at}", "State": "ENABLED", "UserRole": "USER"}`);
            const rule = '{"Name": "no-imap", "Effect": "DENY", "Actions": ["IMAP"], "UserIds": ["S-1-1-11-user-29999"]}';
            const build = (pad) => `{${' '.repeat(pad)}"Users": [${users.join(',\n')}],\n"AccessControlRules": [${rule}]}`;
            const pair = build(0).lastIndexOf('😀', SLICE - 1);
            const text = build(SLICE - 1 - pair);
            const area = document.querySelector('[data-testid="document-editor"]');
            area.value = text;
            area.dispatchEvent(new Event('input', { bubbles: true }));
            return text;
        });
        assert.ok(text.length > 3 * 1024 * 1024, `${text.length}`);
        assert.equal(text.codePointAt(1024 * 1024 - 1), '😀'.codePointAt(0));
        const status = page.getByTestId('editor-status');
        // The status showed the last document's summary until the read began, so wait for this one's.
        await status.filter({ hasText: '30000 users' }).waitFor({ timeout: 120_000 });
        assert.match(await status.textContent(), /Recognised as .*1 access control rule · 0 impersonation roles · 30000 users/);
        // A member is reported where its value is.
        const odd = text.indexOf('"Odd": 1') + '"Odd": '.length;
        const line = text.slice(0, odd).split('\n').length;
        const column = odd - text.lastIndexOf('\n', odd - 1);
        assert.equal(line, 30_000);
        const warnings = await page.getByTestId('diagnostics').locator('li').allTextContents();
        assert.equal(warnings.length, 1, warnings.join('\n'));
        assert.match(warnings[0], new RegExp(`^${line}:${column}\\D.*Users\\[29999\\]\\.Odd.*unknown member Odd`));
        await page.getByTestId('acl-action').fill('IMAP');
        // The suggestions are bounded, and follow what the field holds.
        await page.getByTestId('acl-user').fill('');
        await until(() => page.locator('#user-choices option').count(), (count) => count === 100);
        await page.getByTestId('acl-user').fill('S-1-1-11-user-29999');
        await page.locator('[data-testid="acl-matched-rules"] li', { hasText: 'no-imap' }).waitFor();
        assert.deepEqual(
            await page.locator('#user-choices option').evaluateAll((options) => options.map((option) => option.value)),
            ['S-1-1-11-user-29999'],
        );
        assert.deepEqual(await readAnswer(page, 'acl'), { effect: 'DENY', matched: ['no-imap'], type: null, error: null });
        await page.getByTestId('acl-user').fill('S-1-1-11-user-29998');
        await page.locator('[data-testid="acl-effect"]', { hasText: 'DENY' }).waitFor();
        assert.deepEqual(await readAnswer(page, 'acl'), { effect: 'DENY', matched: [], type: null, error: null });
        // The page holds the text exactly as pasted.
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
        assert.equal(await readFile(await download.path(), 'utf8'), text);
        // The Users tab counts them without printing them: the text would be too long to show.
        await page.getByRole('tab', { name: 'Users' }).click();
        assert.match(await page.getByTestId('editor-status-users').textContent(), /In the document: 30000 users\./);
        assert.equal(await page.getByTestId('users-editor').inputValue(), '');
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('a large list-users output pasted in the Users tab is checked by the loader and goes into the document', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await page.getByRole('tab', { name: 'Users' }).click();
        // `list-users` output of 30,000 users (over 1 MiB: the loader checks it and puts it into
        // the document), one with a member WorkMail does not know (a warning), then the same
        // with one user's State misspelt (an error).
        const paste = (odd, state) => page.evaluate(({ odd, state }) => {
            const users = Array.from({ length: 30_000 }, (_, at) =>
                `    {"Id": "S-1-1-11-user-${at}", ${at === odd ? '"Odd": 1, ' : ''}"Email": "u${at}@example.com", "Name": "u${at}", "State": "${at === 7 ? state : 'ENABLED'}", "UserRole": "USER"}`);
            const text = `{\n  "Users": [\n${users.join(',\n')}\n  ]\n}`;
            const area = document.querySelector('[data-testid="users-editor"]');
            area.value = text;
            area.dispatchEvent(new Event('input', { bubbles: true }));
            return text;
        }, { odd, state });
        const text = await paste(29_999, 'ENABLED');
        assert.ok(text.length > 1024 * 1024, `${text.length}`);
        const status = page.getByTestId('editor-status-users');
        await status.filter({ hasText: 'In the document.' }).waitFor({ timeout: 120_000 });
        const odd = text.indexOf('"Odd": 1') + '"Odd": '.length;
        const column = odd - text.lastIndexOf('\n', odd - 1);
        const warnings = await page.getByTestId('diagnostics-users').locator('li').allTextContents();
        assert.equal(warnings.length, 1, warnings.join('\n'));
        assert.match(warnings[0], new RegExp(`^30002:${column}\\D.*Users\\[29999\\]\\.Odd.*unknown member Odd`));
        // The document took them, and the answers follow it.
        await page.getByRole('tab', { name: 'Document' }).click();
        await page.getByTestId('editor-status').filter({ hasText: '30000 users' }).waitFor({ timeout: 120_000 });
        assert.match(await page.getByTestId('editor-status').textContent(), /Recognised as an organization document: 2 access control rules · 0 impersonation roles · 30000 users/);
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
        const document = JSON.parse(await readFile(await download.path(), 'utf8'));
        assert.equal(document.Users.length, 30_000);
        assert.equal(document.Users[29_999].Email, 'u29999@example.com');
        assert.equal(document.AccessControlRules.length, 2);

        // A text with an error leaves the document as it was, and says where the error is.
        await page.getByRole('tab', { name: 'Users' }).click();
        await paste(-1, 'SOMETIMES');
        await status.filter({ hasText: '1 error: the document keeps its users until this text loads.' }).waitFor({ timeout: 120_000 });
        const errors = await page.getByTestId('diagnostics-users').locator('li').allTextContents();
        assert.equal(errors.length, 1, errors.join('\n'));
        assert.match(errors[0], /^10:\d+\D.*Users\[7\]\.State/);
        await page.getByRole('tab', { name: 'Document' }).click();
        assert.match(await page.getByTestId('editor-status').textContent(), /30000 users/);
        assert.deepEqual(problems, []);
        await context.close();
    });
});
