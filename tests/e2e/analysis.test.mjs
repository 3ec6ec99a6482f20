// End-to-end tests of the playground's analysis: the decision table, lints, the comparison with
// an old version, saved tests and the "what would change" suggestions, drawn by the analysis
// module that the page loads on first use.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { fill, open, openPanel, serveAndLaunch, shareLink, until } from './support.mjs';

const ARCHIVER = '7d0c2b9e-4a1f-4c3b-9e8d-5f6a7b8c9d0e';

/** A document with lints: a rule that can never match, and a network written with host bits. */
const LINTED = `{
    "AccessControlRules": [
        {"Name": "default", "Effect": "ALLOW"},
        {"Name": "never", "Effect": "DENY", "Actions": ["IMAP"], "NotActions": ["IMAP"]},
        {"Name": "office", "Effect": "DENY", "NotIpRanges": ["10.1.2.3/8"]}
    ]
}`;

let site;
let browser;
serveAndLaunch((served, launched) => {
    site = served;
    browser = launched;
});

/** The UTF-16 offset of a 1-based line and column (in characters) of `text`. */
function offsetOf(text, line, column) {
    const lines = text.split('\n');
    let offset = 0;
    for (let at = 0; at < line - 1; at += 1) {
        offset += lines[at].length + 1;
    }
    return offset + [...lines[line - 1]].slice(0, column - 1).join('').length;
}

describe('the analysis module', () => {
    test('is not loaded until an analysis is opened', async () => {
        const { context, page, requests, problems } = await open(browser, site.url);
        await page.getByTestId('acl-effect').waitFor();
        assert.ok(!requests.some((url) => url.includes('workmail-policy-analysis')), requests.join('\n'));
        assert.equal(await page.locator('.analysis-root').count(), 0, 'no panel is in the page');
        await openPanel(page, 'table', 'table-access');
        assert.ok(requests.some((url) => url.includes('workmail-policy-analysis_bg.wasm?v=')), requests.join('\n'));
        assert.deepEqual(problems, []);
        await context.close();
    });
});

describe('the decision table', () => {
    test('lists every class of requests exactly, with the targets of each role', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await page.getByRole('button', { name: 'Read-only archiving role', exact: true }).click();
        await openPanel(page, 'table', 'table-access');
        const rows = await page.getByTestId('table-access').locator('tbody tr').allInnerTexts();
        assert.equal(rows.length, 4, rows.join('\n'));
        const deny = rows.find((row) => row.includes('DENY'));
        assert.match(deny, /EWS/);
        assert.match(deny, new RegExp(ARCHIVER));
        assert.match(deny, /any IP except\s+192\.0\.2\.0\/24/);
        assert.match(deny, /archiver-from-datacenter/);
        // Users are shown with the directory's names.
        const roles = await page.getByTestId('table-impersonation').innerText();
        assert.match(roles, /Jane Doe <jane\.doe@example\.com>/);
        assert.match(roles, /no-executives/);
        assert.match(await page.getByTestId('table-summary').innerText(), /^4 rows for access control, and the targets of 1 impersonation role/);
        // ALLOW and DENY are told by word and symbol.
        assert.match(await page.getByTestId('table-access').locator('.effect').first().innerText(), /[✓✕]\s*(ALLOW|DENY)/);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('cuts mobile devices into classes by the rules\' entries', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await page.getByRole('button', { name: 'iOS 16 and later only', exact: true }).click();
        await openPanel(page, 'table', 'table-access');
        const rows = await page.getByTestId('table-mobile').locator('tbody tr').allInnerTexts();
        assert.equal(rows.length, 3, rows.join('\n'));
        const allow = rows.find((row) => row.includes('ALLOW'));
        assert.match(allow, /"iPhone"…/);
        assert.match(allow, /"iOS 16\."…/);
        assert.match(allow, /ios-16-and-later/);
        assert.match(await page.getByTestId('table-summary').innerText(), /, and 3 rows for mobile devices\./);
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-mobile-csv').click()]);
        const csv = await readFile(await download.path(), 'utf8');
        assert.match(csv, /^DeviceTypes,DeviceModels,DeviceOperatingSystems,DeviceUserAgents,Effect,MatchedRules\r\n/);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('downloads the table as Markdown and as CSV', async () => {
        const { context, page } = await open(browser, site.url);
        await page.getByRole('button', { name: 'Read-only archiving role', exact: true }).click();
        await openPanel(page, 'table', 'table-access');
        // Yew tells which app an event is for by the number of the app that marked the nearest
        // element; the analysis module's views, inside the page's app, must bear numbers none
        // of the page's own elements bear (they once shared the page's: a click on a download
        // here also ran a handler of the page's).
        const numbers = await page.evaluate(() => {
            const of = (elements) => [...new Set(elements.map((el) => el.__yew_subtree_id).filter((id) => id !== undefined))];
            const all = [document.documentElement, ...document.querySelectorAll('*')];
            const inView = (el) => el.closest('.analysis-root') !== null;
            return { view: of(all.filter(inView)), page: of(all.filter((el) => !inView(el))) };
        });
        assert.ok(numbers.view.length > 0 && numbers.page.length > 0, JSON.stringify(numbers));
        assert.deepEqual(numbers.view.filter((id) => numbers.page.includes(id)), [], JSON.stringify(numbers));
        // Every download of the page, to check that each click made one, and only its own.
        const downloads = [];
        page.on('download', (download) => downloads.push(download.suggestedFilename()));
        const saved = async (testid) => {
            const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
            return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
        };
        const markdown = await saved('download-table-markdown');
        assert.equal(markdown.name, 'workmail-decision-table.md');
        assert.match(markdown.text, /^## Access control\n\n\| Effect \| Actions \| Principals \| IP ranges \| MatchedRules \|/);
        assert.match(markdown.text, /\| DENY \| EWS \| role `7d0c2b9e-4a1f-4c3b-9e8d-5f6a7b8c9d0e` \| any IP except 192\.0\.2\.0\/24 \| archiver-from-datacenter \|/);
        assert.match(markdown.text, /## Impersonation/);
        const csv = await saved('download-table-csv');
        assert.equal(csv.name, 'workmail-access-table.csv');
        assert.equal(csv.text.split('\r\n')[0], 'IpRanges,Actions,Principals,Effect,MatchedRules');
        assert.equal(csv.text.trimEnd().split('\r\n').length, 5, csv.text);
        const roles = await saved('download-impersonation-csv');
        assert.equal(roles.text.split('\r\n')[0], 'ImpersonationRoleId,Type,Effect,TargetUsers,AllUsersExcept,MatchedRules');
        // A click the page took for one of its own would have downloaded a second file by now.
        await page.waitForTimeout(500);
        assert.deepEqual(downloads, ['workmail-decision-table.md', 'workmail-access-table.csv', 'workmail-impersonation-table.csv']);
        await context.close();
    });

    test('answers "who can reach IMAP from an address?" with the filters, cut to the question', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await page.getByRole('button', { name: 'Office-only IMAP', exact: true }).click();
        await openPanel(page, 'table', 'table-access');
        const rows = () => page.getByTestId('table-access').locator('tbody tr').allInnerTexts();
        const whole = await rows();
        await page.getByTestId('table-filter-action').selectOption('IMAP');
        await fill(page, 'table-filter-ip', '203.0.113.9');
        const outside = await until(rows, (all) => all.length === 1 && all[0].includes('203.0.113.9/32'));
        assert.match(outside[0], /DENY/);
        assert.match(outside[0], /imap-from-office-only/);
        assert.doesNotMatch(outside[0], /EWS|SMTP/);
        assert.match(await page.getByTestId('table-summary').innerText(), /^1 row for access control hold requests you asked about/);
        await fill(page, 'table-filter-ip', '198.51.100.7');
        const office = await until(rows, (all) => all.length === 1 && all[0].includes('198.51.100.7/32'));
        assert.match(office[0], /ALLOW/);
        // A user asked by email is shown with the directory's name.
        await fill(page, 'table-filter-principal', 'jane.doe@example.com');
        const jane = await until(rows, (all) => all.length === 1 && all[0].includes('Jane Doe'));
        assert.doesNotMatch(jane[0], /John Roe/);
        await page.getByTestId('table-filter-effect').selectOption('DENY');
        await until(rows, (all) => all.length === 0);
        // A question that cannot be asked says where it is wrong.
        await fill(page, 'table-filter-ip', '198.51.100');
        const error = await until(() => page.getByTestId('table-filter-error').innerText(), (text) => text.includes('IpRange'));
        assert.match(error, /`198\.51\.100` is not an IPv4 address or CIDR range/);
        await fill(page, 'table-filter-ip', '');
        await fill(page, 'table-filter-principal', '');
        await page.getByTestId('table-filter-action').selectOption('');
        await page.getByTestId('table-filter-effect').selectOption('');
        assert.deepEqual(await until(rows, (all) => all.length === whole.length), whole);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('follows the document, and says when it shows the last document that loaded', async () => {
        const { context, page } = await open(browser, site.url);
        await openPanel(page, 'table', 'table-access');
        await page.getByRole('button', { name: 'Empty rule set', exact: true }).click();
        const rows = await until(() => page.getByTestId('table-access').locator('tbody tr').allInnerTexts(),
            (all) => all.length === 2 && all.every((row) => row.includes('DENY')));
        assert.equal(rows.length, 2, rows.join('\n'));
        await fill(page, 'document-editor', '{"AccessControlRules": [');
        await page.getByTestId('table').locator('.stale').waitFor();
        await context.close();
    });
});

describe('lints', () => {
    test('list findings with severity, move the caret to each, and document every lint', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await fill(page, 'document-editor', LINTED);
        await openPanel(page, 'lints', 'lint-findings');
        const findings = page.getByTestId('lint-findings').locator(':scope > li');
        const codes = await findings.evaluateAll((all) => all.map((li) => li.dataset.code));
        assert.ok(codes.includes('actions-all-excluded'), codes.join(', '));
        assert.ok(codes.includes('cidr-host-bits'), codes.join(', '));
        assert.match(await page.getByTestId('lints-summary').innerText(), /^\d+ warnings? and \d+ info findings?\./);
        const item = page.locator('[data-code="actions-all-excluded"]');
        assert.match(await item.innerText(), /⚠\s*Warning/i);
        // Choosing the finding shows the Document tab with the caret on the rule.
        await page.getByRole('tab', { name: 'Users' }).click();
        const place = await item.locator('.diagnostic-where').innerText();
        const [line, column] = place.split(':').map(Number);
        assert.match(LINTED.split('\n')[line - 1], /"never"/);
        await item.getByRole('button').click();
        // The caret is there in the text area, and the focus in the code editor that shows it.
        const caret = await until(() => page.getByTestId('document-editor').evaluate((area) => [
            area.selectionStart, area.parentElement.contains(document.activeElement),
        ]), ([, focused]) => focused);
        assert.deepEqual(caret, [offsetOf(LINTED, line, column), true]);
        assert.equal(await page.getByRole('tab', { name: 'Document' }).getAttribute('aria-selected'), 'true');
        // Each finding's lint documents itself: what, why, an example and the fix.
        await item.locator('summary').click();
        const doc = await item.locator('.lint-doc').innerText();
        for (const part of ['What', 'Why', 'Example', 'Fix']) {
            assert.match(doc, new RegExp(part));
        }
        await page.locator('.lint-reference > summary').click();
        assert.equal(await page.locator('.lint-reference-list > li').count(), 25);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('wait for a document that loads', async () => {
        const { context, page } = await open(browser, site.url);
        await fill(page, 'document-editor', '{"AccessControlRules": [');
        await openPanel(page, 'lints', 'lints-summary');
        assert.match(await page.getByTestId('lints-summary').innerText(), /The document has 1 error/);
        await context.close();
    });
});

describe('compare with an old version', () => {
    test('lists the classes of mobile devices whose answer changes', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await openPanel(page, 'compare', 'diff-editor');
        await page.getByTestId('diff-use-current').click();
        await until(() => page.getByTestId('diff-summary').innerText(), (t) => /No answer changes/.test(t));
        await page.getByRole('button', { name: 'iOS 16 and later only', exact: true }).click();
        const rows = page.getByTestId('diff-mobile').locator('tbody tr');
        await until(() => rows.count(), (n) => n > 0);
        const texts = await rows.allInnerTexts();
        // Before, the default rule allowed every device; now only iPhones and iPads on iOS 16 and
        // later are (by another rule), and every other device is denied.
        assert.ok(texts.every((row) => /ALLOW[\s\S]*default/.test(row)), texts.join('\n'));
        assert.ok(texts.some((row) => /DENY/.test(row)), texts.join('\n'));
        assert.ok(texts.some((row) => /ios-16-and-later/.test(row)), texts.join('\n'));
        assert.match(await page.getByTestId('diff-summary').innerText(), /of mobile devices change their answer/);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('shows the classes whose answer changes and the lockout guards', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await openPanel(page, 'compare', 'diff-editor');
        await page.getByTestId('diff-use-current').click();
        await until(() => page.getByTestId('diff-summary').innerText(), (t) => /No answer changes/.test(t));
        await page.getByRole('button', { name: 'Empty rule set', exact: true }).click();
        const warnings = page.getByTestId('diff-warnings').locator(':scope > li');
        await until(() => warnings.count(), (n) => n > 0);
        assert.deepEqual(await warnings.evaluateAll((all) => all.map((li) => li.dataset.guard)), ['all-access-blocked']);
        assert.match(await page.getByTestId('diff-summary').innerText(), /^\d+ class(es)? of access requests/);
        // The guarantees of `workmail-policy check`: nothing new is allowed, access is lost.
        const guarantees = page.getByTestId('diff-guarantees').locator('li');
        assert.deepEqual(await guarantees.evaluateAll((all) => all.map((li) => li.dataset.holds)), ['true', 'false', 'false']);
        assert.match(await guarantees.nth(1).innerText(), /no lost access: (1 class of requests breaks|\d+ classes of requests break) it/);
        // Every request is denied now; before, each was allowed or denied by `myRule`.
        const after = await page.getByTestId('diff-access').locator('tbody tr td:nth-child(5)').allInnerTexts();
        assert.ok(after.length > 0);
        assert.ok(after.every((cell) => /DENY/.test(cell) && /\(none\)/.test(cell)), after.join('\n'));
        await fill(page, 'diff-my-ip', '192.0.2.1, nonsense');
        await until(() => warnings.count(), (n) => n === 2);
        assert.deepEqual(await warnings.evaluateAll((all) => all.map((li) => li.dataset.guard)),
            ['all-access-blocked', 'my-ip-denied']);
        assert.match(await page.locator('[data-guard="my-ip-denied"]').innerText(), /Your address 192\.0\.2\.1 loses access/);
        assert.match(await page.getByTestId('diff-my-ip-invalid').innerText(), /nonsense/);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('takes an uploaded old version, and locates its problems', async () => {
        const { context, page } = await open(browser, site.url);
        await openPanel(page, 'compare', 'diff-editor');
        const broken = '{\n  "AccessControlRules": [\n    {"Name": "x", "Effect": "MAYBE"}\n  ]\n}';
        await page.getByTestId('diff-upload').setInputFiles({
            name: 'before.json', mimeType: 'application/json', buffer: Buffer.from(broken),
        });
        await page.getByTestId('notice').waitFor();
        assert.match(await page.getByTestId('notice').innerText(), /before\.json/);
        assert.equal(await page.getByTestId('diff-editor').inputValue(), broken);
        const item = page.getByTestId('diagnostics-compare').locator('li').first();
        await item.waitFor();
        await item.getByRole('button').click();
        const caret = await page.getByTestId('diff-editor').evaluate((area) => [area.selectionStart, document.activeElement === area]);
        assert.deepEqual(caret, [broken.indexOf('"MAYBE"'), true]);
        await context.close();
    });
});

describe('saved tests', () => {
    test('run live, say PASS or FAIL, count them, and travel in the share link', async () => {
        const first = await open(browser, site.url);
        const { page } = first;
        await openPanel(page, 'tests', 'tests-editor');
        await page.getByTestId('tests-add-access').click();
        await until(() => page.getByTestId('tests-summary').innerText(), (t) => t === '1 passed, 0 failed');
        await page.getByRole('button', { name: 'Read-only archiving role', exact: true }).click();
        await page.getByTestId('tests-add-access').click();
        await page.getByTestId('tests-add-impersonation').click();
        await until(() => page.getByTestId('tests-summary').innerText(), (t) => t === '2 passed, 1 failed');
        const results = page.getByTestId('tests-results').locator('li');
        const verdicts = await results.evaluateAll((all) => all.map((li) => li.dataset.passed));
        assert.deepEqual(verdicts, ['false', 'true', 'true']);
        const failed = await results.first().innerText();
        assert.match(failed, /✕\s*FAIL/);
        // The documentation user is not in this directory, so AWS refuses the request.
        assert.match(failed, /Expected DENY \[myRule\], got refused with EntityNotFoundException/);
        assert.match(await results.nth(1).innerText(), /✓\s*PASS/);
        const text = await page.getByTestId('tests-editor').inputValue();
        assert.equal(JSON.parse(text).Tests.length, 3);
        const link = await shareLink(page);
        await first.context.close();

        const second = await open(browser, link);
        await second.page.getByTestId('tests-summary').waitFor({ timeout: 10000 });
        assert.equal(await second.page.getByTestId('tests-editor').inputValue(), text);
        assert.equal(await until(() => second.page.getByTestId('tests-summary').innerText(), (t) => t === '2 passed, 1 failed'),
            '2 passed, 1 failed');
        await second.context.close();
    });

    test('properties run with the tests, and a failing one loads its request into the question', async () => {
        const { context, page } = await open(browser, site.url);
        await openPanel(page, 'tests', 'tests-editor');
        const tests = {
            Properties: [
                { Name: 'nothing from home', ForAll: { IpRanges: ['203.0.113.0/24'], Principals: 'Users' }, Expect: { Effect: 'DENY' } },
            ],
        };
        await fill(page, 'tests-editor', JSON.stringify(tests));
        await until(() => page.getByTestId('tests-summary').innerText(), (t) => t === '0 passed, 1 failed');
        const item = page.getByTestId('property-result');
        assert.equal(await item.getAttribute('data-passed'), 'false');
        assert.match(await item.innerText(), /FAIL\s*nothing from home[\s\S]*; 1 class of requests fails\. For example \S+ from 203\.0\.113\.1 for /);
        assert.match(await page.getByTestId('tests-coverage').locator('summary').innerText(), /^Coverage: \d+ of \d+ items \(\d+(\.\d)?%\)$/);
        await item.getByTestId('property-ask').click();
        await until(() => page.getByTestId('acl-ip').inputValue(), (ip) => ip === '203.0.113.1');
        assert.equal(await page.getByTestId('acl-ip').inputValue(), '203.0.113.1');
        // A property naming a role the document does not have is refused where it names it.
        tests.Properties[0].ForAll = { ImpersonationRoleIds: ['no-such-role'] };
        await fill(page, 'tests-editor', JSON.stringify(tests));
        const problem = page.getByTestId('diagnostics-tests').locator('li').first();
        await problem.waitFor();
        assert.match(await problem.innerText(), /Properties\[0\]\.ForAll\.ImpersonationRoleIds\[0\]/);
        await context.close();
    });

    test('add the mobile device question as a test of its operation', async () => {
        const { context, page } = await open(browser, site.url);
        await page.getByRole('button', { name: 'MDM: deny all, allow enrolled devices by override', exact: true }).click();
        await openPanel(page, 'tests', 'tests-editor');
        await page.getByTestId('tests-add-mobile').click();
        await until(() => page.getByTestId('tests-summary').innerText(), (t) => t === '1 passed, 0 failed');
        const [saved] = JSON.parse(await page.getByTestId('tests-editor').inputValue()).Tests;
        assert.equal(saved.Request.DeviceId, '6APMEKPHCP2ND42VIJ4BR8ECDO');
        assert.deepEqual(saved.Expect, {
            Effect: 'ALLOW',
            MatchedRules: [{ MobileDeviceAccessRuleId: 'deny-all', Name: 'DefaultDenyAll' }],
            DecidedBy: 'OVERRIDE',
        });
        await context.close();
    });

    test('locate the problems of a tests file and keep it as typed', async () => {
        const { context, page } = await open(browser, site.url);
        await openPanel(page, 'tests', 'tests-editor');
        const text = '{"Tests": [{"Name": "t", "Request": {"IpAddress": "::1", "Action": "IMAP", "UserId": "S-1-1-11-1"}, "Expect": {"Effect": "ALLOW"}}]}';
        await fill(page, 'tests-editor', text);
        const item = page.getByTestId('diagnostics-tests').locator('li').first();
        await item.waitFor();
        assert.match(await item.innerText(), /Tests\[0\]\.Request\.IpAddress/);
        assert.equal(await page.getByTestId('tests-editor').inputValue(), text);
        // Text being typed (not JSON yet) is never rewritten by adding a test.
        await fill(page, 'tests-editor', '{"Tests": [');
        await until(() => page.getByTestId('tests-add-access').isDisabled(), (disabled) => disabled);
        assert.equal(await page.getByTestId('tests-add-access').isDisabled(), true);
        assert.equal(await page.getByTestId('tests-editor').inputValue(), '{"Tests": [');
        await context.close();
    });
});

describe('what would change an answer', () => {
    test('lists the single edits that flip each answer, computed when opened', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await page.getByTestId('acl-suggestions-toggle').click();
        const access = page.getByTestId('acl-suggestions');
        await access.locator('li').first().waitFor({ timeout: 10000 });
        const edits = await access.locator('li').allInnerTexts();
        assert.ok(edits.some((edit) => /remove rule myRule/.test(edit) && /ALLOW/.test(edit)), edits.join('\n'));
        assert.match(await access.innerText(), /would give ALLOW instead/);
        // It follows the question.
        await fill(page, 'acl-user', 'S-1-1-11-1111111111-2222222222-3333333333-4444');
        await until(() => access.innerText(), (t) => /would give DENY instead/.test(t));

        await page.getByRole('button', { name: 'Read-only archiving role', exact: true }).click();
        await page.getByTestId('imp-suggestions-toggle').click();
        const role = page.getByTestId('imp-suggestions');
        await role.locator('li').first().waitFor({ timeout: 10000 });
        assert.match(await role.innerText(), /no-executives/);
        assert.deepEqual(problems, []);
        await context.close();
    });
});
