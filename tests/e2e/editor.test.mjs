// End-to-end tests of the document editor (CodeMirror over the page's text area, `www/editor/`):
// the upgrade after the first answer, the text kept in step both ways, diagnostics marked at
// their exact place with hover, gutter and keys, completion, member hover, undo across presets,
// and the keyboard. Run alone with `node --test tests/e2e/editor.test.mjs` after `cargo xtask dist`.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { fill, open, serveAndLaunch, until } from './support.mjs';

let site;
let browser;
serveAndLaunch((served, launched) => {
    site = served;
    browser = launched;
});

/** The editor's text, read from its lines (every line of a short text is drawn). */
function editorText(page) {
    return page.locator('[data-testid="code-editor"] .cm-content').evaluate((content) =>
        [...content.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\n'));
}

/** Puts the caret at `offset` the way the page does (the text area's own calls). */
async function caretAt(page, offset) {
    await page.getByTestId('document-editor').evaluate((area, at) => {
        area.focus();
        area.setSelectionRange(at, at);
    }, offset);
}

/**
 * The offsets in the text of every mark of `severity` (`error`, `warning`, `info`), with the
 * text each covers, read from the drawn lines.
 */
function marks(page, severity) {
    return page.locator('[data-testid="code-editor"] .cm-content').evaluate((content, severity) => {
        const lines = [...content.querySelectorAll('.cm-line')];
        const found = [];
        let start = 0;
        for (const line of lines) {
            for (const mark of line.querySelectorAll(`.cm-lintRange-${severity}`)) {
                const before = document.createRange();
                before.setStart(line, 0);
                before.setEndBefore(mark);
                found.push({ from: start + before.toString().length, text: mark.textContent });
            }
            start += line.textContent.length + 1;
        }
        return found;
    }, severity);
}

/** Fills the text area with `text` and waits until the editor shows it. */
async function showText(page, text) {
    await fill(page, 'document-editor', text);
    await until(() => editorText(page), (shown) => shown === text);
}

/** Shows `text`, types `"` at `offset`, and returns the completion options offered. */
async function completionsAt(page, text, offset) {
    await showText(page, text);
    await caretAt(page, offset);
    await page.keyboard.type('"');
    const options = page.locator('.cm-tooltip-autocomplete li');
    await options.first().waitFor();
    return options.allTextContents();
}

/**
 * Types `typed` where the completion list is open and picks `label` once the list has been
 * filtered to it and it is the selected option. It is clicked: Enter is taken as a new line
 * for a moment after each update of the list (CodeMirror's `interactionDelay`), which a busy
 * machine can stretch past any wait.
 */
async function pick(page, typed, label) {
    await page.keyboard.type(typed);
    const selected = page.locator('.cm-tooltip-autocomplete li[aria-selected="true"]');
    const shown = await until(async () => ((await selected.count()) === 1 ? selected.textContent() : ''), (text) => text.startsWith(label));
    assert.ok(shown.startsWith(label), `the selected completion is ${JSON.stringify(shown)}, not ${label}`);
    await selected.click();
}

/** Replaces the whole text by typing in the editor: select all, then the text as one input. */
async function typeDocument(page, text) {
    await page.locator('[data-testid="code-editor"] .cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(text);
}

describe('the document editor', () => {
    test('answers first with the text area, then shows the editor over it, in step both ways', async () => {
        const { context, page, problems, requests } = await open(browser, site.url, { plain: true });
        await page.getByTestId('acl-effect').waitFor();
        await page.getByTestId('code-editor').waitFor({ state: 'attached' });
        assert.ok(requests.some((url) => /\/editor\.js\?v=/.test(url)), requests.join('\n'));
        const area = page.getByTestId('document-editor');
        assert.equal(await editorText(page), await area.inputValue());
        // Typed in the editor: the page answers from it.
        const denyAll = '{"AccessControlRules": [{"Name": "all", "Effect": "DENY"}]}';
        await typeDocument(page, denyAll);
        assert.equal(await area.inputValue(), denyAll);
        await until(() => page.getByTestId('acl-matched-rules').textContent(), (text) => text === 'all');
        // Filled into the text area: the editor shows it.
        const allowAll = '{"AccessControlRules": [{"Name": "open", "Effect": "ALLOW"}]}';
        await fill(page, 'document-editor', allowAll);
        assert.equal(await until(() => editorText(page), (text) => text === allowAll), allowAll);
        assert.equal(await page.getByTestId('acl-effect').textContent(), 'ALLOW');
        // A preset written by the page: the editor shows it.
        await page.getByRole('button', { name: 'Office-only IMAP', exact: true }).click();
        assert.equal(await until(() => editorText(page), (text) => text !== allowAll), await area.inputValue());
        // The text area is out of sight and of the tab order; the editor has its label.
        assert.equal(await area.getAttribute('tabindex'), '-1');
        assert.equal(await area.getAttribute('aria-hidden'), 'true');
        const content = page.locator('[data-testid="code-editor"] .cm-content');
        assert.equal(await content.getAttribute('aria-label'), 'Organization document');
        assert.equal(await content.getAttribute('aria-describedby'), await area.getAttribute('aria-describedby'));
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('a long text typed in the editor reaches the page at once and the text area when idle, and a preset wins over it', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await page.getByTestId('code-editor').waitFor({ state: 'attached' });
        // A directory that holds the user the question asks about.
        const asker = await page.getByTestId('acl-user').inputValue();
        const users = Array.from({ length: 800 }, (_, at) => ({
            Id: at === 0 ? asker : `S-1-1-11-1111111111-2222222222-3333333333-${1000 + at}`, Email: `user${at}@example.com`, Name: `user${at}`,
        }));
        const text = JSON.stringify({ AccessControlRules: [{ Name: 'all', Effect: 'DENY' }], Users: users }, null, 2);
        assert.ok(text.length > 64 * 1024, 'longer than the editor writes into the text area at once');
        // What the text area itself holds, not what its `value` gives.
        const held = () => page.getByTestId('document-editor').evaluate((area) =>
            Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').get.call(area));
        await page.getByTestId('document-editor').evaluate((area, text) => {
            area.value = text;
            area.dispatchEvent(new Event('input', { bubbles: true }));
        }, text);
        await until(() => page.getByTestId('acl-matched-rules').textContent(), (shown) => shown === 'all');
        await caretAt(page, text.indexOf('"all"') + '"all'.length);
        await page.keyboard.type('X');
        const typed = text.replace('"all"', '"allX"');
        assert.equal(await until(() => page.getByTestId('acl-matched-rules').textContent(), (shown) => shown === 'allX'), 'allX');
        // The page's own scripts read the new text from the text area's `value` at once
        // (Playwright's `inputValue` reads the text area itself, in a world of its own).
        assert.equal(await page.getByTestId('document-editor').evaluate((area) => area.value), typed);
        assert.equal(await until(held, (value) => value === typed), typed);
        assert.equal(await page.getByTestId('document-editor').inputValue(), typed);
        // Typed, then a preset in the same task: the page's text is the preset's, and stays.
        const preset = await page.evaluate(async () => {
            const area = document.querySelector('[data-testid="document-editor"]');
            document.execCommand('insertText', false, 'Y');
            await new Promise((resolve) => setTimeout(resolve, 0));
            const sawTyping = area.value.includes('"allXY"');
            [...document.querySelectorAll('button')].find((button) => button.textContent.trim() === 'Office-only IMAP').click();
            await new Promise((resolve) => setTimeout(resolve, 1500));
            return { sawTyping, value: area.value };
        });
        assert.ok(preset.sawTyping, 'the page read the typed text');
        assert.ok(!preset.value.includes('"allXY"'), preset.value.slice(0, 200));
        assert.equal(await held(), preset.value);
        assert.equal(await until(() => editorText(page), (shown) => shown === preset.value), preset.value);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('keystrokes in a long text reach the page as single edits, exact around non-ASCII text', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await page.getByTestId('code-editor').waitFor({ state: 'attached' });
        const asker = await page.getByTestId('acl-user').inputValue();
        // Display names of characters of one, two and four bytes, and of one and two UTF-16
        // units, before the rule.
        const users = Array.from({ length: 700 }, (_, at) => ({
            Id: at === 0 ? asker : `S-1-1-11-1111111111-2222222222-3333333333-${1000 + at}`,
            Email: `user${at}@example.com`, Name: `user${at}`, DisplayName: `Zoë Ł ${at} 😀`,
        }));
        const text = JSON.stringify({ Users: users, AccessControlRules: [{ Name: 'all', Effect: 'DENY' }] }, null, 2);
        assert.ok(text.length > 64 * 1024, 'long enough to be given to the page as an edit');
        await page.getByTestId('document-editor').evaluate((area, text) => {
            area.value = text;
            area.dispatchEvent(new Event('input', { bubbles: true }));
        }, text);
        const matched = () => page.getByTestId('acl-matched-rules').textContent();
        await until(matched, (shown) => shown === 'all');
        // Typed and deleted after the non-ASCII names, then undone, each one edit.
        await caretAt(page, text.indexOf('"all"') + '"all'.length);
        await page.keyboard.type('XYZ');
        assert.equal(await until(matched, (shown) => shown === 'allXYZ'), 'allXYZ');
        await page.keyboard.press('Backspace');
        await page.keyboard.press('Backspace');
        assert.equal(await until(matched, (shown) => shown === 'allX'), 'allX');
        await page.keyboard.press('Control+z');
        assert.equal(await until(matched, (shown) => shown === 'all'), 'all');
        // A display name before the rule, edited among its characters.
        await caretAt(page, text.indexOf('Zoë Ł 5 😀') + 'Zoë'.length);
        await page.keyboard.type('ü');
        // The page holds exactly the editor's text: its own copy is what it downloads.
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
        const downloaded = await readFile(await download.path(), 'utf8');
        // (The text area's `value` gives the editor's text; it draws only the lines in view.)
        assert.equal(downloaded, await page.getByTestId('document-editor').evaluate((area) => area.value));
        assert.ok(downloaded.includes('"DisplayName": "Zoëü Ł 5 😀"'), 'the edit inside the name');
        assert.ok(downloaded.includes('"Name": "all"'));
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('marks an invalid action at its exact place, with hover, gutter and keys', async () => {
        const { context, page, problems } = await open(browser, site.url);
        const text = '{\n  "AccessControlRules": [\n    {"Name": "imap", "Effect": "DENY", "Actions": ["IMAP", "POP3"]}\n  ]\n}';
        await typeDocument(page, text);
        const found = await until(() => marks(page, 'error'), (all) => all.length > 0);
        assert.deepEqual(found, [{ from: text.indexOf('"POP3"'), text: '"POP3"' }]);
        // The page's list says the same, at the same place.
        const listed = await page.getByTestId('diagnostics').locator('li').allTextContents();
        const line = text.split('\n')[2];
        assert.equal(listed.length, 1);
        assert.ok(listed[0].startsWith(`3:${line.indexOf('"POP3"') + 1}`), listed[0]);
        assert.equal(await page.locator('[data-testid="code-editor"] .cm-lint-marker-error').count(), 1);
        // Hover: the message and its advice.
        await page.locator('[data-testid="code-editor"] .cm-lintRange-error').hover();
        const tooltip = page.locator('.cm-tooltip-lint');
        await tooltip.waitFor();
        assert.match(await tooltip.textContent(), /POP3/);
        assert.match(await tooltip.textContent(), /Help: /);
        // F8 selects the next problem, Shift+F8 the previous one, from anywhere.
        await caretAt(page, 0);
        await page.keyboard.press('F8');
        assert.equal(await page.evaluate(() => String(getSelection())), '"POP3"');
        await caretAt(page, text.length);
        await page.keyboard.press('Shift+F8');
        assert.equal(await page.evaluate(() => String(getSelection())), '"POP3"');
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('marks lint findings once the document loads, styled by severity', async () => {
        const { context, page, problems } = await open(browser, site.url);
        const text = '{\n  "AccessControlRules": [\n    {"Name": "a", "Effect": "DENY", "Actions": ["IMAP", "IMAP"]}\n  ]\n}';
        await typeDocument(page, text);
        const all = async () => [...await marks(page, 'warning'), ...await marks(page, 'info')];
        const repeated = text.lastIndexOf('"IMAP"');
        const found = await until(all, (each) => each.some((mark) => mark.from === repeated));
        assert.ok(found.some((mark) => mark.from === repeated && mark.text === '"IMAP"'), JSON.stringify(found));
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('completes enum values inside Actions, and member names', async () => {
        const { context, page, problems } = await open(browser, site.url);
        const text = '{"AccessControlRules": [{"Name": "a", "Effect": "DENY", "Actions": []}]}';
        const actions = await completionsAt(page, text, text.indexOf('[]') + 1);
        assert.ok(actions.some((option) => option.startsWith('IMAP')), actions.join(', '));
        await pick(page, 'IM', 'IMAP');
        const done = '{"AccessControlRules": [{"Name": "a", "Effect": "DENY", "Actions": ["IMAP"]}]}';
        assert.equal(await until(() => page.getByTestId('document-editor').inputValue(), (value) => value === done), done);
        // Member names: those an access control rule allows and this one does not hold yet.
        const rule = '{"AccessControlRules": [{"Name": "a", "Effect": "DENY", }]}';
        const members = await completionsAt(page, rule, rule.indexOf(', }') + 2);
        assert.ok(members.some((option) => option.startsWith('IpRanges')), members.join(', '));
        assert.ok(!members.some((option) => option.startsWith('Name')), members.join(', '));
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('completes the document\'s user IDs where a rule lists users', async () => {
        const { context, page, problems } = await open(browser, site.url);
        const user = 'S-1-1-11-1111111111-2222222222-3333333333-1001';
        const text = `{"Users": [{"Id": "${user}", "Email": "jane@example.com", "Name": "jane", "State": "ENABLED"}], "AccessControlRules": [{"Name": "a", "Effect": "DENY", "UserIds": []}]}`;
        const users = await completionsAt(page, text, text.indexOf('[]') + 1);
        assert.ok(users.some((option) => option.startsWith(user)), users.join(', '));
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('completes role IDs where a rule lists roles, and users\' emails among a role\'s targets', async () => {
        const { context, page, problems } = await open(browser, site.url);
        const user = 'S-1-1-11-1111111111-2222222222-3333333333-1001';
        const role = '6fb2d8a1-40f4-4d2c-9a3b-1e2f3a4b5c6d';
        const document = (roles, targets) => JSON.stringify({
            Users: [{ Id: user, Email: 'jane@example.com', Name: 'jane', State: 'ENABLED' }],
            ImpersonationRoles: [{
                ImpersonationRoleId: role, Name: 'archiver', Type: 'READ_ONLY',
                Rules: [{ ImpersonationRuleId: 'r1', Name: 'targets', Effect: 'ALLOW', TargetUsers: targets }],
            }],
            AccessControlRules: [{ Name: 'a', Effect: 'DENY', Actions: ['EWS'], ImpersonationRoleIds: roles }],
        });
        const inRule = document([], [user]);
        const roles = await completionsAt(page, inRule, inRule.indexOf('"ImpersonationRoleIds":[]') + '"ImpersonationRoleIds":['.length);
        assert.ok(roles.some((option) => option.startsWith(role)), roles.join(', '));
        // The option picked is written quoted, where the caret was.
        await pick(page, role.slice(0, 8), role);
        const picked = document([role], [user]);
        assert.equal(await until(() => page.getByTestId('document-editor').inputValue(), (value) => value === picked), picked);
        const inTargets = document([role], []);
        const targets = await completionsAt(page, inTargets, inTargets.indexOf('"TargetUsers":[]') + '"TargetUsers":['.length);
        assert.ok(targets.some((option) => option.startsWith('jane@example.com')), targets.join(', '));
        assert.ok(targets.some((option) => option.startsWith(user)), targets.join(', '));
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('shows a member\'s AWS constraint and its decision on hover', async () => {
        const { context, page, problems } = await open(browser, site.url);
        const text = '{\n  "AccessControlRules": [\n    {"Name": "a", "Effect": "DENY", "Actions": ["IMAP"]}\n  ]\n}';
        await showText(page, text);
        await page.locator('[data-testid="code-editor"] .cm-line').nth(2).getByText('"Actions"').hover();
        const hover = page.getByTestId('member-hover');
        await hover.waitFor();
        const shown = await hover.textContent();
        assert.match(shown, /0 to 10 items/);
        assert.match(shown, /Decision D7: /);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('undoes a preset, an upload and typing, one step each', async () => {
        const { context, page, problems } = await open(browser, site.url);
        const area = page.getByTestId('document-editor');
        const first = await area.inputValue();
        await page.getByRole('button', { name: 'Empty rule set', exact: true }).click();
        const preset = await until(() => area.inputValue(), (value) => value !== first);
        await page.getByTestId('upload').setInputFiles({
            name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from('{"AccessControlRules": []}'),
        });
        await until(() => area.inputValue(), (value) => value === '{"AccessControlRules": []}');
        await caretAt(page, 1);
        await page.keyboard.type(' ');
        assert.equal(await area.inputValue(), '{ "AccessControlRules": []}');
        await page.keyboard.press('Control+z');
        assert.equal(await area.inputValue(), '{"AccessControlRules": []}');
        await page.keyboard.press('Control+z');
        assert.equal(await area.inputValue(), preset);
        await page.keyboard.press('Control+z');
        assert.equal(await area.inputValue(), first);
        await page.keyboard.press('Control+Shift+z');
        assert.equal(await area.inputValue(), preset);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('works from the keyboard: reached with Tab, left with Tab, search with Ctrl+F', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await page.getByRole('tab', { name: 'Document' }).focus();
        const content = page.locator('[data-testid="code-editor"] .cm-content');
        let focused = false;
        for (let presses = 0; presses < 6 && !focused; presses += 1) {
            await page.keyboard.press('Tab');
            focused = await content.evaluate((element) => document.activeElement === element);
        }
        assert.ok(focused, 'Tab reaches the editor');
        await page.keyboard.press('Control+f');
        const find = page.locator('.cm-search input[name="search"]');
        await find.waitFor();
        assert.ok(await find.evaluate((input) => document.activeElement === input));
        await page.keyboard.type('myRule');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Escape');
        assert.ok(await content.evaluate((element) => document.activeElement === element));
        assert.equal(await page.evaluate(() => String(getSelection())), 'myRule');
        await page.keyboard.press('Tab');
        assert.ok(!(await content.evaluate((element) => document.activeElement === element)), 'Tab leaves the editor');
        assert.deepEqual(problems, []);
        await context.close();
    });
});
