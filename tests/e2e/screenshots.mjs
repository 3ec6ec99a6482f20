// Screenshots of the playground, kept as test artifacts: every view (presets, diagnostics and
// the code editor's marks, embed, the Semantics page, each analysis panel, a replay's result and
// the suggestions) in one colour scheme, written as `<view>-<scheme>.png`, each view audited by
// axe-core as it is captured. `screenshots.test.mjs` takes them in light and dark during
// `cargo xtask test`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, dropFiles, fill, open, openPanel, shareLink } from './support.mjs';

const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

/**
 * The accessibility violations axe-core finds in the page as it is, each as
 * `<view>: <rule> <element>…`. axe is evaluated in the page by the test driver (no script
 * element, which the page's Content-Security-Policy would refuse).
 */
async function audit(page, view) {
    if (!(await page.evaluate(() => typeof globalThis.axe === 'object'))) {
        await page.evaluate(await readFile(AXE, 'utf8'));
    }
    const violations = await page.evaluate(async () => {
        const { violations } = await globalThis.axe.run(document, { resultTypes: ['violations'] });
        return violations.map((violation) => `${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    });
    return violations.map((violation) => `${view}: ${violation}`);
}

/**
 * Takes every screenshot in `colorScheme` ('light' or 'dark') from the site at `siteUrl` into
 * `out`. Returns the files written, in order, the page's background colour, the errors the
 * pages reported (a view that failed would make a misleading artifact), and the accessibility
 * violations axe-core found in each view.
 */
export async function takeScreenshots(browser, siteUrl, out, colorScheme) {
    const files = [];
    const target = (name) => {
        const file = path.join(out, `${name}-${colorScheme}.png`);
        files.push(file);
        return file;
    };
    const violations = [];
    // A screenshot of the page (or of `locator` in it), then its audit.
    const capture = async (page, name, options, locator = page) => {
        await locator.screenshot({ path: target(name), ...options });
        violations.push(...await audit(page, name));
    };
    const { context, page, problems } = await open(browser, siteUrl, { colorScheme });
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await capture(page, 'documentation', { fullPage: true });
    await page.getByRole('button', { name: 'Read-only archiving role' }).click();
    await capture(page, 'archiving', { fullPage: true });
    await page.getByTestId('document-editor').fill('{\n  "AccessControlRules": [\n    {"Name": "a b", "Effect": "MAYBE"}\n  ]\n}');
    await capture(page, 'diagnostics', { fullPage: false });
    // The code editor's mark of the invalid effect, its gutter marker and its hover.
    await page.locator('.cm-lintRange-error').last().hover();
    await page.locator('.cm-tooltip-lint').waitFor();
    const editor = page.locator('.code-editor[data-editor]');
    await capture(page, 'editor', {}, editor);
    // Its completion (Ctrl+Space in the effect's value), problems panel and search.
    await page.mouse.move(0, 0);
    await page.getByTestId('document-editor').evaluate((area) => {
        const at = area.value.indexOf('"MAYBE"') + 1;
        area.focus();
        area.setSelectionRange(at, at);
    });
    await page.keyboard.press('Control+Space');
    await page.locator('.cm-tooltip-autocomplete').waitFor();
    await capture(page, 'editor-completion', {}, editor);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+KeyM');
    await page.locator('.cm-panel-lint').waitFor();
    await capture(page, 'editor-problems', {}, editor);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+f');
    await page.locator('.cm-search').waitFor();
    await capture(page, 'editor-search', {}, editor);
    const invalid = await shareLink(page);
    await page.getByRole('button', { name: 'Read-only archiving role' }).click();
    await page.waitForFunction(
        (old) => document.querySelector('[data-testid="share-link"]').value !== old, invalid);
    const link = await shareLink(page);
    const embed = link.replace('#', '?embed=1#');
    await page.setViewportSize({ width: 760, height: 900 });
    await page.goto(embed);
    await page.getByTestId('acl-effect').waitFor();
    await capture(page, 'embed', { fullPage: true });
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(siteUrl);
    await page.getByRole('button', { name: 'Semantics' }).click();
    // The analysis module draws it.
    await page.locator('#semantics-heading').waitFor();
    await capture(page, 'semantics', { fullPage: true });
    await context.close();

    // The analysis panels and the suggestions, each cropped to what it shows.
    const analysis = await open(browser, siteUrl, { colorScheme });
    const view = analysis.page;
    const shot = (name, locator) => capture(view, name, {}, locator);
    await view.getByRole('button', { name: 'Read-only archiving role', exact: true }).click();
    await openPanel(view, 'table', 'table-access');
    await shot('table', view.locator('.analysis'));
    await fill(view, 'document-editor', (await view.getByTestId('document-editor').inputValue())
        .replace('"Name": "archiver-from-datacenter",', '"Name": "archiver-from-datacenter", "NotUserIds": ["S-1-1-11-1234567890"],'));
    await openPanel(view, 'lints', 'lints-summary');
    await view.locator('.lint-about > summary').first().click().catch(() => {});
    await shot('lints', view.locator('.analysis'));
    await openPanel(view, 'compare', 'diff-editor');
    await view.getByTestId('diff-use-current').click();
    await view.getByRole('button', { name: 'Empty rule set', exact: true }).click();
    await fill(view, 'diff-my-ip', '192.0.2.25');
    await view.getByTestId('diff-warnings').waitFor();
    await shot('compare', view.locator('.analysis'));
    await view.getByRole('button', { name: 'Read-only archiving role', exact: true }).click();
    await openPanel(view, 'tests', 'tests-editor');
    await view.getByTestId('tests-add-access').click();
    await view.getByTestId('tests-add-impersonation').click();
    await view.getByRole('button', { name: 'Office-only IMAP', exact: true }).click();
    await view.getByTestId('tests-results').waitFor();
    await shot('tests', view.locator('.analysis'));
    await view.getByRole('button', { name: 'Read-only archiving role', exact: true }).click();
    await openPanel(view, 'replay', 'replay-drop');
    const event = (user, protocol, ip, role) => JSON.stringify({
        event_timestamp: 1700000000000, user_id: user, protocol, source_ip: ip,
        ...(role ? { impersonator_id: role } : {}),
    });
    const user = 'S-1-1-11-1111111111-2222222222-3333333333-1001';
    await dropFiles(view, 'replay-drop', [{
        name: 'audit.jsonl',
        text: [
            event(user, 'IMAP', '198.51.100.7'), event(user, 'IMAP', '192.0.2.10'),
            event(user, 'EWS', '192.0.2.10', '7d0c2b9e-4a1f-4c3b-9e8d-5f6a7b8c9d0e'),
            event(user, 'IncomingEmail', '192.0.2.10'), 'not an event',
        ].join('\n'),
    }]);
    await view.getByTestId('replay-result').waitFor();
    await shot('replay', view.locator('.analysis'));
    await view.getByTestId('analysis-close').click();
    await view.getByRole('button', { name: 'AWS documentation example', exact: true }).click();
    await view.getByTestId('acl-suggestions-toggle').click();
    await view.getByTestId('acl-suggestions').locator('li').first().waitFor();
    await shot('suggestions', view.locator('.question').first());
    await analysis.context.close();
    return { files, background, problems: [...problems, ...analysis.problems], violations };
}
