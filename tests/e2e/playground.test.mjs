// End-to-end tests of the playground: dist/ served on 127.0.0.1 by the test itself, driven in
// Debian's Chromium by playwright-core. Run by `cargo xtask test` (after `cargo xtask dist`), or
// alone with `node --test tests/e2e/`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import path from 'node:path';
import {
    DIST, corpus, expectResponse, fill, open, openPanel, readAnswer, readOperation, serve, serveAndLaunch, shareLink,
    siteFiles, substitute, until,
} from './support.mjs';

const DOCUMENTATION_USER = 'S-1-1-11-1111111111-2222222222-3333333333-3333';

/** `aws workmail list-access-control-rules`, exactly as the AWS CLI documentation prints it. */
const CLI_RULES = `{
    "Rules": [
        {
            "Name": "default",
            "Effect": "ALLOW",
            "Description": "Default WorkMail Rule",
            "DateCreated": 0.0,
            "DateModified": 0.0
        },
        {
            "Name": "myRule",
            "Effect": "DENY",
            "Description": "my rule",
            "UserIds": [
                "S-1-1-11-1111111111-2222222222-3333333333-3333"
            ],
            "DateCreated": 1581635628.0,
            "DateModified": 1581635628.0
        }
    ]
}`;

/** Two \`aws workmail get-impersonation-role\` outputs (AWS CLI v2 dates), pasted one after another. */
const CLI_ROLES = `{
    "ImpersonationRoleId": "c3b5e3c0-2a1b-4c5d-8e9f-0a1b2c3d4e5f",
    "Name": "backup",
    "Type": "READ_ONLY",
    "Description": "Backups",
    "Rules": [
        {
            "ImpersonationRuleId": "everyone",
            "Effect": "ALLOW"
        }
    ],
    "DateCreated": "2022-10-04T08:32:21.717000-07:00",
    "DateModified": "2022-10-04T08:32:21.717000-07:00"
}
{
    "ImpersonationRoleId": "d4c6f4d1-3b2c-4d6e-9fa0-1b2c3d4e5f60",
    "Name": "legal-hold",
    "Type": "FULL_ACCESS",
    "Rules": [
        {
            "ImpersonationRuleId": "only-jane",
            "Name": "Jane only",
            "Effect": "ALLOW",
            "TargetUsers": ["jane@example.com"]
        }
    ]
}`;

/** \`aws workmail list-users\` output. */
const CLI_USERS = `{
    "Users": [
        {
            "Id": "S-1-1-11-1111111111-2222222222-3333333333-3333",
            "Email": "jane@example.com",
            "Name": "jane",
            "DisplayName": "Jane Doe",
            "State": "ENABLED",
            "UserRole": "USER",
            "EnabledDate": "2020-02-13T23:13:48.717000+00:00"
        }
    ]
}`;

let site;
let browser;
serveAndLaunch((served, launched) => {
    site = served;
    browser = launched;
});

async function answer(page, prefix, done = () => true) {
    return until(() => readAnswer(page, prefix), done);
}

describe('the page', () => {
    test('opens on the AWS documentation example, with no error and no CSP violation', async () => {
        const { context, page, problems } = await open(browser, site.url);
        const acl = await answer(page, 'acl', (a) => a.effect !== null);
        assert.deepEqual(acl, { effect: 'DENY', matched: ['myRule'], type: null, error: null });
        assert.equal(await page.getByTestId('acl-ip').inputValue(), '192.0.2.0');
        assert.equal(await page.getByTestId('acl-action').inputValue(), 'WindowsOutlook');
        assert.equal(await page.getByTestId('acl-user').inputValue(), DOCUMENTATION_USER);
        assert.equal(await page.getByTestId('diagnostics').locator('li').count(), 0);
        assert.equal(await page.locator('[aria-label="Access answer"] .rule.deciding').count(), 1, 'only myRule is highlighted');
        const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
        assert.match(csp, /connect-src 'self'/);
        assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('loads every preset with the answer it describes', async () => {
        const { context, page, problems } = await open(browser, site.url);
        const expected = [
            ['Office-only IMAP', { effect: 'DENY', matched: ['imap-from-office-only'] }, null],
            ['Read-only archiving role', { effect: 'ALLOW', matched: ['default'] },
                { effect: 'DENY', type: 'READ_ONLY', rule: 'no-executives' }],
            ['Empty rule set', { effect: 'DENY', matched: [] }, null],
            ['AWS documentation example', { effect: 'DENY', matched: ['myRule'] }, null],
            ['MDM: deny all, allow enrolled devices by override', { effect: 'ALLOW', matched: ['default'] }, null],
            ['iOS 16 and later only', { effect: 'ALLOW', matched: ['default'] }, null],
        ];
        for (const [preset, acl, imp] of expected) {
            await page.getByRole('button', { name: preset, exact: true }).click();
            const shown = await answer(page, 'acl', (a) => a.effect === acl.effect
                && JSON.stringify(a.matched) === JSON.stringify(acl.matched));
            assert.deepEqual({ effect: shown.effect, matched: shown.matched }, acl, preset);
            assert.equal(await page.getByRole('button', { name: preset, exact: true }).getAttribute('aria-pressed'), 'true');
            if (imp) {
                const role = await answer(page, 'imp', (a) => a.effect !== null);
                assert.equal(role.effect, imp.effect, preset);
                assert.equal(role.type, imp.type, preset);
                assert.equal(role.matched.length, 1);
                assert.match(role.matched[0], new RegExp(imp.rule));
            }
        }
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('takes mobile device access rules and overrides in their own tabs', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await page.getByRole('button', { name: 'Empty rule set', exact: true }).click();
        await page.getByRole('tab', { name: 'Mobile devices' }).click();
        const rules = { Rules: [{ MobileDeviceAccessRuleId: 'deny-android', Name: 'no Android', Effect: 'DENY', DeviceTypes: ['android'] }] };
        await fill(page, 'mobile-editor', JSON.stringify(rules, null, 4));
        assert.equal(await page.getByTestId('diagnostics-mobile').locator('li').count(), 0);
        await page.getByRole('tab', { name: 'Mobile overrides' }).click();
        await fill(page, 'overrides-editor', '{"Overrides": [{"UserId": "jane@example.com", "DeviceId": "ABC", "Effect": "ALLOW"}]}');
        assert.equal(await page.getByTestId('diagnostics-overrides').locator('li').count(), 0);
        await page.getByRole('tab', { name: 'Document' }).click();
        const document = JSON.parse(await page.getByTestId('document-editor').inputValue());
        assert.deepEqual(Object.keys(document), ['OrganizationId', 'AccessControlRules', 'MobileDeviceAccessRules', 'MobileDeviceAccessOverrides']);
        assert.equal(document.MobileDeviceAccessRules[0].Name, 'no Android');
        await page.getByRole('tab', { name: 'Mobile devices' }).click();
        await fill(page, 'mobile-editor', '{"Rules": [{"MobileDeviceAccessRuleId": "r", "Name": "n", "Effect": "ALLOW", "DeviceTypes": []}]}');
        const listed = await until(() => page.getByTestId('diagnostics-mobile').textContent(), (t) => /DeviceTypes/.test(t));
        assert.match(listed, /Rules\[0\]\.DeviceTypes/);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('the mobile device answer is worked out by the analysis module once there is a device', async () => {
        const { context, page, problems, requests } = await open(browser, site.url);
        await page.getByTestId('acl-effect').waitFor();
        // The documentation example has no mobile device access rules, and asks about no device.
        await page.getByTestId('mobile-not-asked').waitFor();
        assert.ok(!requests.some((url) => url.includes('workmail-policy-analysis')), 'nothing loaded for it');
        await page.getByTestId('mobile-ask-empty').click();
        assert.equal(await answer(page, 'mobile', (a) => a.effect !== null).then((a) => a.effect), 'ALLOW');
        assert.ok(requests.some((url) => url.includes('workmail-policy-analysis_bg.wasm')));
        // A preset with an enrolled device: the override allows it, another device is denied.
        await page.getByRole('button', { name: 'MDM: deny all, allow enrolled devices by override', exact: true }).click();
        await until(() => page.getByTestId('mobile-override').count(), (count) => count === 1);
        assert.match(await page.getByTestId('mobile-override').textContent(), /6APMEKPHCP2ND42VIJ4BR8ECDO/);
        assert.equal((await readAnswer(page, 'mobile')).effect, 'ALLOW');
        await fill(page, 'mobile-device-id', 'OTHERPHONE');
        const denied = await answer(page, 'mobile', (a) => a.effect === 'DENY');
        assert.equal(denied.matched.length, 1);
        // A decision badge of the answer (a rule's operating system entries, matched as the
        // start of what the device reports) opens the Semantics page at that decision.
        await page.getByRole('button', { name: 'iOS 16 and later only', exact: true }).click();
        await page.locator('.mobile-answer-host button.basis.decided').first().click();
        await until(() => page.evaluate(() => document.activeElement?.id ?? ''), (id) => id.startsWith('decision-D'));
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('takes AWS CLI output pasted into each editor', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await page.getByRole('button', { name: 'Empty rule set', exact: true }).click();
        await fill(page, 'document-editor', CLI_RULES);
        await fill(page, 'acl-user', DOCUMENTATION_USER);
        await fill(page, 'acl-ip', '192.0.2.0');
        await fill(page, 'acl-action', 'WindowsOutlook');
        let acl = await answer(page, 'acl', (a) => a.effect === 'DENY' && a.matched?.length === 1);
        assert.deepEqual(acl.matched, ['myRule']);
        assert.match(await page.getByTestId('editor-status').textContent(), /list-access-control-rules/);

        await page.getByRole('tab', { name: 'Impersonation roles' }).click();
        await fill(page, 'roles-editor', CLI_ROLES);
        assert.equal(await page.getByTestId('diagnostics-roles').locator('li').count(), 0);
        await page.getByRole('tab', { name: 'Users' }).click();
        await fill(page, 'users-editor', CLI_USERS);
        assert.equal(await page.getByTestId('diagnostics-users').locator('li').count(), 0);
        await page.getByRole('tab', { name: 'Document' }).click();
        const document = JSON.parse(await page.getByTestId('document-editor').inputValue());
        assert.deepEqual(Object.keys(document), ['Users', 'AccessControlRules', 'ImpersonationRoles']);
        assert.equal(document.ImpersonationRoles.length, 2);

        await fill(page, 'imp-role', 'd4c6f4d1-3b2c-4d6e-9fa0-1b2c3d4e5f60');
        await fill(page, 'imp-target', 'JANE');
        let imp = await answer(page, 'imp', (a) => a.effect === 'ALLOW');
        assert.equal(imp.type, 'FULL_ACCESS');
        assert.match(imp.matched[0], /only-jane/);
        await fill(page, 'imp-target', 'nobody');
        imp = await answer(page, 'imp', (a) => a.error !== null);
        assert.match(imp.error, /EntityNotFoundException/);

        // The directory now exists, so the documentation user is Jane, and the role choices come from it.
        acl = await answer(page, 'acl', (a) => a.effect === 'DENY');
        assert.deepEqual(acl.matched, ['myRule']);
        const options = await page.locator('#role-choices option').evaluateAll((all) => all.map((o) => o.value));
        assert.deepEqual(options, ['c3b5e3c0-2a1b-4c5d-8e9f-0a1b2c3d4e5f', 'd4c6f4d1-3b2c-4d6e-9fa0-1b2c3d4e5f60']);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('lists every diagnostic with its position, and keeps answering', async () => {
        const { context, page, problems } = await open(browser, site.url);
        const text = '{\n  "AccessControlRules": [\n    {"Name": "a b", "Effect": "MAYBE"},\n    {"Effect": "DENY", "IpRanges": ["::/0"]}\n  ]\n}';
        await fill(page, 'document-editor', text);
        const items = page.getByTestId('diagnostics').locator('li');
        await until(() => items.count(), (n) => n === 4);
        const shown = await items.allTextContents();
        assert.equal(shown.length, 4, shown.join('\n'));
        assert.match(shown[0], /^3:14/);
        assert.match(shown[1], /^3:31/);
        const acl = await readAnswer(page, 'acl');
        assert.equal(acl.effect, 'DENY', 'the last valid document still answers');
        await page.getByTestId('acl-stale').waitFor();
        await items.nth(1).getByRole('button').click();
        // The caret is there in the text area, and the focus in the code editor that shows it.
        const caret = await page.getByTestId('document-editor').evaluate((area) => [
            area.selectionStart, area.parentElement.contains(document.activeElement),
        ]);
        assert.deepEqual(caret, [text.indexOf('"MAYBE"'), true]);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('downloads the document and uploads one', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await page.getByRole('button', { name: 'Read-only archiving role', exact: true }).click();
        const [download] = await Promise.all([
            page.waitForEvent('download'),
            page.getByTestId('download').click(),
        ]);
        assert.equal(download.suggestedFilename(), 'workmail-organization.json');
        const saved = await readFile(await download.path(), 'utf8');
        assert.equal(saved, await page.getByTestId('document-editor').inputValue());
        await page.getByRole('button', { name: 'AWS documentation example', exact: true }).click();
        await page.getByTestId('upload').setInputFiles({
            name: 'archive.json', mimeType: 'application/json', buffer: Buffer.from(saved),
        });
        await page.getByTestId('notice').waitFor();
        assert.match(await page.getByTestId('notice').textContent(), /archive\.json/);
        assert.equal(await page.getByTestId('document-editor').inputValue(), saved);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('answers over every rule of a document beyond WorkMail\'s limit, and explains the first 50', async () => {
        const { context, page, problems } = await open(browser, site.url);
        // 60 rules (WorkMail holds 10: a warning); only the last one matches IMAP.
        const rules = Array.from({ length: 60 }, (_, at) => (at === 59
            ? '{"Name": "last-denies-imap", "Effect": "DENY", "Actions": ["IMAP"]}'
            : `{"Name": "rule-${at}", "Effect": "DENY", "Actions": ["EWS"], "IpRanges": ["10.${at}.0.0/16"]}`));
        await fill(page, 'document-editor', `{"AccessControlRules": [\n${rules.join(',\n')}\n]}`);
        await page.getByTestId('editor-status').filter({ hasText: '60 access control rules' }).waitFor();
        await fill(page, 'acl-user', DOCUMENTATION_USER);
        await fill(page, 'acl-ip', '192.0.2.1');
        await fill(page, 'acl-action', 'IMAP');
        const acl = await answer(page, 'acl', (a) => a.matched.includes('last-denies-imap'));
        assert.deepEqual(acl, { effect: 'DENY', matched: ['last-denies-imap'], type: null, error: null });
        const answerBox = page.getByLabel('Access answer');
        assert.equal(await answerBox.locator('ol.rules > li').count(), 50);
        assert.match(await page.getByTestId('acl-more-rules').textContent(), /and 10 more rules, not explained here/);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('says why a request is invalid (D11)', async () => {
        const { context, page } = await open(browser, site.url);
        await page.getByRole('button', { name: 'Read-only archiving role', exact: true }).click();
        await fill(page, 'acl-user', DOCUMENTATION_USER);
        let acl = await answer(page, 'acl', (a) => a.error !== null);
        assert.match(acl.error, /InvalidParameterException/);
        assert.match(acl.error, /not both/);
        assert.match(acl.error, /D11/);
        await fill(page, 'acl-user', '');
        await fill(page, 'acl-action', 'IMAP');
        acl = await answer(page, 'acl', (a) => a.error !== null && /EWS/.test(a.error));
        assert.match(acl.error, /EWS/);
        assert.match(acl.error, /D11/);
        await context.close();
    });

    test('opens the Semantics page from an inferred step', async () => {
        const { context, page } = await open(browser, site.url);
        await page.locator('button.basis.decided').first().click();
        // The analysis module draws the page (loaded now, the first time), then focuses the entry.
        const focused = await until(() => page.evaluate(() => document.activeElement.id), (id) => id.startsWith('decision-'));
        assert.match(focused, /^decision-D\d+$/);
        // D1 to D46: D26 to D45 for mobile device access, D46 for replayed audit logs.
        assert.equal(await page.locator('.decisions > li').count(), 46);
        assert.equal(await page.locator('#decision-D46').count(), 1);
        assert.equal(await page.locator('.sources a').count(), 8);
        await page.getByRole('button', { name: '← Back to the playground' }).click();
        await page.getByTestId('acl-effect').waitFor();
        await context.close();
    });
});

describe('the shared corpus', async () => {
    const ACCESS_FIELDS = { IpAddress: 'acl-ip', Action: 'acl-action', UserId: 'acl-user', ImpersonationRoleId: 'acl-role' };
    const ROLE_FIELDS = { ImpersonationRoleId: 'imp-role', TargetUser: 'imp-target' };
    const cases = await corpus();
    const total = cases.reduce((sum, scenario) => sum + (scenario.Steps ?? []).length, 0);
    let ran = 0;
    let asked = 0;

    /** The question fields that can also ask an effect step: every member a string with a field. */
    function questionFields(operation, input) {
        const fields = operation === 'GetAccessControlEffect' ? ACCESS_FIELDS
            : operation === 'GetImpersonationRoleEffect' ? ROLE_FIELDS : null;
        const fits = fields && Object.entries(input).every(([key, value]) => key in fields && typeof value === 'string');
        return fits ? fields : null;
    }

    /** Asks an effect step through the question's fields and checks the answer shown. */
    async function askQuestion(page, step, input, fields, where) {
        const prefix = step.Operation === 'GetAccessControlEffect' ? 'acl' : 'imp';
        for (const [key, testid] of Object.entries(fields)) {
            await fill(page, testid, input[key] ?? '');
        }
        asked += 1;
        if (step.ExpectError) {
            const shown = await answer(page, prefix, (a) => a.error !== null);
            assert.ok(shown.error, `${where}: no error shown by the question`);
            assert.match(shown.error, new RegExp(step.ExpectError.Code), where);
            return;
        }
        const expect = step.Expect;
        const matched = prefix === 'acl' ? expect.MatchedRules
            : expect.MatchedRules.map((rule) => rule.ImpersonationRuleId);
        const shown = await answer(page, prefix, (a) => a.effect === expect.Effect
            && a.matched?.length === matched.length);
        assert.equal(shown.effect, expect.Effect, where);
        if (prefix === 'acl') {
            assert.deepEqual(shown.matched, matched, where);
        } else {
            assert.equal(shown.type, expect.Type, where);
            assert.equal(shown.matched.length, matched.length, `${where}: ${JSON.stringify(shown.matched)}`);
            matched.forEach((id, index) => assert.ok(shown.matched[index].includes(id), `${where}: ${id}`));
        }
    }

    for (const scenario of cases) {
        const steps = scenario.Steps ?? [];
        test(`${scenario.name}: ${steps.length} step(s) run through the page`, async () => {
            const { context, page, problems } = await open(browser, site.url);
            await openPanel(page, 'operations', 'op-run');
            await fill(page, 'document-editor', JSON.stringify(scenario.Document ?? {}, null, 4));
            await until(() => page.getByTestId('editor-status').textContent(), (t) => /Recognised/.test(t));
            const bindings = {};
            for (const [at, step] of steps.entries()) {
                const where = `${scenario.name} Steps[${at}] ${step.Operation}`;
                const input = substitute(step.Input ?? {}, bindings, `${where} Input`);
                await page.getByTestId('op-operation').selectOption(step.Operation);
                await fill(page, 'op-input', JSON.stringify(input, null, 4));
                await page.getByTestId('op-run').click();
                const shown = await until(() => readOperation(page), (r) => r.response !== null || r.error !== null);
                if (step.ExpectError) {
                    assert.equal(shown.response, null, `${where}: expected ${step.ExpectError.Code}, got ${shown.response}`);
                    assert.equal(shown.code, step.ExpectError.Code, `${where}: ${shown.error}`);
                    // The page shows the message's backtick spans as code, without the backticks.
                    const wanted = step.ExpectError.MessageContains?.replaceAll('`', '');
                    assert.ok(wanted === undefined || shown.message.includes(wanted),
                        `${where}: message \`${shown.message}\` lacks \`${wanted}\``);
                } else {
                    assert.equal(shown.error, null, where);
                    expectResponse(step.Expect, JSON.parse(shown.response), bindings, `${where} response`);
                }
                const fields = questionFields(step.Operation, input);
                if (fields) {
                    await askQuestion(page, step, input, fields, where);
                }
                ran += 1;
            }
            assert.deepEqual(problems, []);
            await context.close();
        });
    }

    test('every step of every case ran through the page', () => {
        console.log(`corpus: ${ran} of ${total} steps run, ${asked} also asked through the question fields`);
        assert.ok(total > 0);
        assert.equal(ran, total, `${ran} of the corpus's ${total} steps ran`);
        assert.ok(asked > 0, 'the question fields asked some of the effect steps');
    });
});

describe('sharing and embedding', () => {
    test('a share link restores the whole state, and its state never reaches the server', async () => {
        const first = await open(browser, site.url);
        const { page } = first;
        await page.getByRole('button', { name: 'Read-only archiving role', exact: true }).click();
        await fill(page, 'acl-ip', '203.0.113.9');
        await fill(page, 'imp-target', 'cfo');
        await page.getByRole('tab', { name: 'Users' }).click();
        await fill(page, 'users-editor', '{"Users": [');
        const link = await shareLink(page);
        assert.match(link, /#v1\.[A-Za-z0-9_-]+$/);
        assert.equal(page.url(), link, 'the address bar holds the same link');
        await first.context.close();

        const second = await open(browser, link);
        const restored = second.page;
        assert.equal(await restored.getByTestId('users-editor').inputValue(), '{"Users": [');
        assert.equal(await restored.getByTestId('acl-ip').inputValue(), '203.0.113.9');
        assert.equal(await restored.getByTestId('imp-target').inputValue(), 'cfo');
        const acl = await answer(restored, 'acl', (a) => a.effect !== null);
        assert.deepEqual(acl.matched, ['archiver-from-datacenter']);
        const imp = await answer(restored, 'imp', (a) => a.effect !== null);
        assert.equal(imp.effect, 'DENY');
        await restored.getByRole('tab', { name: 'Document' }).click();
        const document = await restored.getByTestId('document-editor').inputValue();
        assert.match(document, /"no-executives"/);
        assert.ok(site.requests.every((url) => !url.includes('v1.')), 'no fragment reached the server');
        await second.context.close();
    });

    test('a damaged link opens the first preset and says so', async () => {
        const { context, page } = await open(browser, `${site.url}#v1.broken!`);
        await page.getByTestId('notice').waitFor();
        assert.match(await page.getByTestId('notice').textContent(), /damaged/);
        assert.equal((await readAnswer(page, 'acl')).effect, 'DENY');
        await context.close();
    });

    test('a link crafted to unpack to more than 8 MiB is refused as damaged', async () => {
        // About 9 KB of raw DEFLATE that would unpack to 9 MiB of spaces.
        const bomb = deflateRawSync(Buffer.alloc(9 * 1024 * 1024, ' '), { level: 9 }).toString('base64url');
        const { context, page, problems } = await open(browser, `${site.url}#v1.${bomb}`);
        await page.getByTestId('notice').waitFor();
        assert.match(await page.getByTestId('notice').textContent(), /damaged: it unpacks to more than a link may hold/);
        assert.equal((await readAnswer(page, 'acl')).effect, 'DENY');
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('work not yet written when the page is closed is written at once, and opens again', async () => {
        const first = await open(browser, site.url);
        const { page } = first;
        // A large document is written after a pause in typing; the page is closed before it.
        const users = Array.from({ length: 800 }, (_, at) => `{"Id": "S-1-1-11-closing-${at}", "Email": "c${at}@example.com", "Name": "c${at}", "State": "ENABLED"}`);
        const text = `{"Users": [${users.join(',\n')}], "AccessControlRules": [{"Name": "no-imap", "Effect": "DENY", "Actions": ["IMAP"]}]}`;
        assert.ok(text.length > 64 * 1024);
        const link = await page.evaluate(async (text) => {
            const area = document.querySelector('[data-testid="document-editor"]');
            area.value = text;
            area.dispatchEvent(new Event('input', { bubbles: true }));
            // Shown, so the save waits for its pause: the page is closed now.
            const status = document.querySelector('[data-testid="editor-status"]');
            while (!status.textContent.includes('800 users')) {
                await new Promise((resolve) => setTimeout(resolve, 5));
            }
            window.dispatchEvent(new PageTransitionEvent('pagehide'));
            return location.href;
        }, text);
        assert.match(link, /#v1\.[A-Za-z0-9_-]+$/);
        // Stored blocks: the first byte of the data is a block header (0 or 1), and the JSON follows.
        const data = Buffer.from(link.split('#v1.')[1], 'base64url');
        assert.ok(data[0] <= 1, `${data[0]}`);
        assert.ok(inflateRawSync(data).toString().includes('S-1-1-11-closing-799'));
        await first.context.close();

        const second = await open(browser, link);
        await second.page.getByTestId('editor-status').filter({ hasText: '800 users' }).waitFor();
        assert.equal(await second.page.getByTestId('document-editor').inputValue(), text);
        // The next change is written compressed again.
        await fill(second.page, 'acl-ip', '192.0.2.44');
        const again = await shareLink(second.page);
        assert.ok(again.length < link.length / 4, `${again.length} of ${link.length}`);
        assert.deepEqual(second.problems, []);
        await second.context.close();
    });

    test('?embed=1 is compact and read-only; &edit=1 lets readers edit; the snippet embeds it', async () => {
        const { context, page } = await open(browser, site.url);
        await page.getByRole('button', { name: 'Office-only IMAP', exact: true }).click();
        await page.getByTestId('embed-button').click();
        const snippet = await page.getByTestId('embed-snippet').inputValue();
        assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/docs\/playground\/\?embed=1#v1\./);
        const src = snippet.match(/src="([^"]+)"/)[1];
        await context.close();

        const embedded = await open(browser, src);
        const view = embedded.page;
        assert.equal(await view.locator('.presets').count(), 0, 'no preset bar');
        assert.equal(await view.getByTestId('share-link').count(), 0, 'no share panel');
        assert.notEqual(await view.getByTestId('document-editor').getAttribute('readonly'), null);
        assert.deepEqual((await answer(view, 'acl', (a) => a.effect !== null)).matched, ['imap-from-office-only']);
        await fill(view, 'acl-ip', '198.51.100.20');
        assert.deepEqual((await answer(view, 'acl', (a) => a.effect === 'ALLOW')).matched, ['default']);
        const full = await view.getByRole('link', { name: /Open in the playground/ }).getAttribute('href');
        assert.ok(!full.includes('embed=1') && full.includes('#v1.'), full);
        await embedded.context.close();

        const editable = await open(browser, src.replace('?embed=1', '?embed=1&edit=1'));
        assert.equal(await editable.page.getByTestId('document-editor').getAttribute('readonly'), null);
        await fill(editable.page, 'document-editor', '{"AccessControlRules": []}');
        assert.deepEqual((await answer(editable.page, 'acl', (a) => a.matched?.length === 0)).matched, []);
        await editable.context.close();

        // The snippet works in a host page.
        const host = await browser.newContext();
        const hostPage = await host.newPage();
        await hostPage.setContent(`<!DOCTYPE html><title>docs</title>${snippet}`);
        const frame = hostPage.frameLocator('iframe');
        await frame.getByTestId('acl-effect').waitFor();
        assert.equal(await frame.getByTestId('acl-effect').textContent(), 'DENY');
        await host.close();
    });
});

describe('access for everyone', () => {
    async function tabTo(page, testid, limit = 80) {
        for (let presses = 0; presses < limit; presses += 1) {
            await page.keyboard.press('Tab');
            const focused = await page.evaluate(() => {
                const active = document.activeElement;
                return active?.dataset?.testid || active?.id || active?.textContent?.trim();
            });
            if (focused === testid) {
                return;
            }
        }
        assert.fail(`Tab never reached ${testid}`);
    }

    test('the page works by keyboard alone and announces results', async () => {
        const { context, page } = await open(browser, site.url);
        await tabTo(page, 'Office-only IMAP');
        await page.keyboard.press('Enter');
        assert.deepEqual((await answer(page, 'acl', (a) => a.matched?.[0] === 'imap-from-office-only')).matched,
            ['imap-from-office-only']);
        await tabTo(page, 'tab-document');
        await page.keyboard.press('ArrowRight');
        assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-rules');
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'rules-editor');
        await page.keyboard.press('Control+A');
        await page.keyboard.insertText('{"Rules": [{"Name": "x", "Effect": "NOPE"}]}');
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.className), 'diagnostic-jump');
        await page.keyboard.press('Enter');
        assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'rules-editor');
        assert.equal(await page.getByTestId('rules-editor').evaluate((a) => a.selectionStart),
            '{"Rules": [{"Name": "x", "Effect": '.length);
        await page.keyboard.press('Control+A');
        await page.keyboard.insertText('{"Rules": [{"Name": "everything", "Effect": "ALLOW"}]}');
        await tabTo(page, 'acl-ip');
        await page.keyboard.press('Control+A');
        await page.keyboard.type('198.51.100.20');
        const acl = await answer(page, 'acl', (a) => a.matched?.[0] === 'everything');
        assert.equal(acl.effect, 'ALLOW');
        const announced = await until(() => page.getByTestId('announcement').textContent(),
            (t) => t.includes('ALLOW'));
        assert.match(announced, /Access: ALLOW, matched rule everything\./);
        assert.equal(await page.getByTestId('announcement').getAttribute('aria-live'), 'polite');
        await context.close();
    });

    test('an operation is chosen, typed and run by keyboard alone, and changes the document', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await tabTo(page, 'analysis-tab-table');
        await page.keyboard.press('End');
        assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'analysis-tab-replay');
        await page.keyboard.press('ArrowLeft');
        assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'analysis-tab-operations');
        await page.getByTestId('op-run').waitFor({ timeout: 10000 });
        await tabTo(page, 'op-operation');
        await page.keyboard.type('DeleteAccessControlRule');
        assert.equal(await page.getByTestId('op-operation').inputValue(), 'DeleteAccessControlRule');
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'op-input');
        await page.keyboard.press('Control+A');
        await page.keyboard.insertText('{"Name": "myRule"}');
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'op-run');
        await page.keyboard.press('Enter');
        assert.equal(await until(() => readOperation(page).then((r) => r.response), (r) => r !== null), '{}\n');
        const document = await page.getByTestId('document-editor').inputValue();
        assert.ok(!document.includes('myRule'), document);
        const acl = await answer(page, 'acl', (a) => a.effect === 'ALLOW');
        assert.deepEqual(acl.matched, ['default'], 'the answers follow the changed document');
        // A refused call changes nothing and says why, with the decision behind it.
        await page.getByTestId('op-operation').selectOption('GetAccessControlEffect');
        await fill(page, 'op-input', '{"IpAddress": "192.0.2.0", "Action": "POP3", "UserId": "S-1-1-11-1"}');
        await page.getByTestId('op-run').click();
        const refused = await until(() => readOperation(page), (r) => r.code !== null);
        assert.equal(refused.code, 'InvalidParameterException');
        assert.match(refused.error, /D7/);
        assert.equal(await page.getByTestId('document-editor').inputValue(), document);
        // A request that is not JSON is located.
        await fill(page, 'op-input', '{"Name": }');
        await page.getByTestId('op-run').click();
        const unreadable = await until(() => readOperation(page), (r) => r.code === null && r.error !== null);
        assert.match(unreadable.error, /line 1, column 10/);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('every control has a visible label, in every analysis panel too', async () => {
        const { context, page } = await open(browser, site.url);
        const unlabelled = () => page.evaluate(() => [...document.querySelectorAll('input, textarea, select')]
            .filter((control) => control.offsetParent !== null)
            .filter((control) => {
                const label = control.id && document.querySelector(`label[for="${control.id}"]`);
                return !(label && label.offsetParent !== null && label.textContent.trim() !== '');
            })
            .map((control) => control.outerHTML.slice(0, 80)));
        assert.deepEqual(await unlabelled(), []);
        for (const [panel, ready] of [['table', 'table-access'], ['lints', 'lints-summary'], ['compare', 'diff-editor'],
            ['tests', 'tests-editor'], ['operations', 'op-input'], ['replay', 'replay-drop']]) {
            await openPanel(page, panel, ready);
            assert.deepEqual(await unlabelled(), [], panel);
        }
        await context.close();
    });

    test('ALLOW and DENY are told by word and symbol, in light and dark themes', async () => {
        for (const colorScheme of ['light', 'dark']) {
            const { context, page } = await open(browser, site.url, { colorScheme });
            const badge = page.locator('[aria-label="Access answer"] .effect.large');
            assert.match(await badge.textContent(), /✕\s*DENY/);
            const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
            if (colorScheme === 'dark') {
                assert.equal(background, 'rgb(14, 17, 22)');
            } else {
                assert.equal(background, 'rgb(244, 246, 249)');
            }
            await context.close();
        }
    });
});

describe('privacy, offline use and size', () => {
    test('a whole session requests nothing but the page\'s own files', async () => {
        const { context, page, requests, problems } = await open(browser, site.url, { serviceWorkers: 'allow' });
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
        // Load, presets, editing, the Semantics page.
        for (const preset of ['Office-only IMAP', 'Read-only archiving role', 'Empty rule set', 'AWS documentation example']) {
            await page.getByRole('button', { name: preset, exact: true }).click();
        }
        await fill(page, 'acl-ip', '198.51.100.20');
        await page.getByRole('tab', { name: 'Users' }).click();
        await fill(page, 'users-editor', CLI_USERS);
        await page.getByRole('tab', { name: 'Document' }).click();
        await page.getByRole('button', { name: 'Semantics' }).click();
        await page.getByRole('button', { name: 'Playground', exact: true }).click();
        // Every analysis, and both suggestion lists.
        await openPanel(page, 'table', 'table-access');
        for (const testid of ['download-table-markdown', 'download-table-csv']) {
            await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
        }
        await openPanel(page, 'lints', 'lints-summary');
        await openPanel(page, 'compare', 'diff-editor');
        await page.getByTestId('diff-use-current').click();
        await fill(page, 'diff-my-ip', '192.0.2.1');
        await page.getByTestId('diff-upload').setInputFiles({
            name: 'old.json', mimeType: 'application/json', buffer: Buffer.from(CLI_RULES),
        });
        await openPanel(page, 'tests', 'tests-editor');
        await page.getByTestId('tests-add-access').click();
        await Promise.all([page.waitForEvent('download'), page.getByTestId('tests-download').click()]);
        await page.getByRole('button', { name: 'Read-only archiving role', exact: true }).click();
        await page.getByTestId('acl-suggestions-toggle').click();
        await page.getByTestId('acl-suggestions').waitFor({ timeout: 10000 });
        await page.getByTestId('imp-suggestions-toggle').click();
        await page.getByTestId('imp-suggestions').waitFor({ timeout: 10000 });
        // Files, sharing, embedding.
        await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
        await page.getByTestId('upload').setInputFiles({
            name: 'org.json', mimeType: 'application/json', buffer: Buffer.from(CLI_RULES),
        });
        await page.getByRole('button', { name: 'Copy link' }).click();
        await page.getByTestId('embed-button').click();
        const link = await shareLink(page);
        await page.reload();
        await page.locator('.answer').first().waitFor();
        await page.goto(link.replace('#', '?embed=1#'));
        await page.locator('.answer').first().waitFor();
        assert.ok(requests.some((url) => url.includes('workmail-policy-analysis_bg.wasm')), 'the session used the analysis');

        const files = await siteFiles();
        const foreign = requests.filter((address) => {
            if (address.startsWith(`blob:${site.origin}/`)) {
                return false; // a download made in the page from its own memory
            }
            const url = new URL(address);
            if (url.origin !== site.origin || !url.pathname.startsWith('/docs/playground/')) {
                return true;
            }
            const name = decodeURIComponent(url.pathname.slice('/docs/playground/'.length));
            return name !== '' && !files.has(name);
        });
        assert.deepEqual(foreign, []);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('works offline once loaded', async () => {
        const offline = await serve();
        const { context, page } = await open(browser, offline.url, { serviceWorkers: 'allow' });
        await page.evaluate(async () => {
            await navigator.serviceWorker.ready;
        });
        await until(() => page.evaluate(() => navigator.serviceWorker.controller !== null), (ok) => ok);
        await offline.close();
        await page.reload();
        await page.getByTestId('acl-effect').waitFor();
        assert.equal((await readAnswer(page, 'acl')).effect, 'DENY');
        await page.getByRole('button', { name: 'Read-only archiving role', exact: true }).click();
        assert.equal((await answer(page, 'imp', (a) => a.effect !== null)).effect, 'DENY');
        // The analysis module was cached in the background, though never opened online.
        await openPanel(page, 'table', 'table-access');
        await context.close();
    });

    test('the first answer needs only the page and the files it names', async () => {
        // `cargo xtask test` holds these files to the first-load budget (300 KB gzip): here the
        // page shows that they are all it fetches before answering, the loader and the
        // analysis module included in neither.
        const html = (await readFile(path.join(DIST, 'index.html'))).toString('utf8');
        // Quoted or not: the minified page leaves the quotes out where it may.
        const named = new Set([...html.matchAll(/ (?:href|src|data-js|data-wasm)=["']?\.\/([^"'\s>?#]+)/g)].map((m) => m[1]));
        assert.ok([...named].some((name) => name.endsWith('.wasm')), [...named].join(', '));
        const first = await serve();
        const context = await browser.newContext({ serviceWorkers: 'block' });
        const page = await context.newPage();
        await page.goto(first.url);
        await page.getByTestId('acl-effect').waitFor();
        const fetched = first.requests.map((url) => new URL(url, first.origin).pathname.slice('/docs/playground/'.length));
        await context.close();
        await first.close();
        // The code editor is loaded after the first answer, so it may or may not be requested
        // by now: it is no part of the first load either way.
        const unnamed = fetched.filter((name) => name !== '' && name !== 'editor.js' && !named.has(name));
        assert.deepEqual(unnamed, []);
        assert.ok(fetched.some((name) => name.endsWith('_bg.wasm')), fetched.join(', '));
    });
});
