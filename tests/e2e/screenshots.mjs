// Takes screenshots of the playground in light and dark mode, for looking at it by eye:
// `node tests/e2e/screenshots.mjs [out-dir]` after `cargo xtask dist`. Not a test.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, fill, launch, open, openPanel, serve } from './support.mjs';

const out = path.resolve(process.argv[2] ?? path.join(ROOT, 'target', 'www', 'screenshots'));
await mkdir(out, { recursive: true });
const site = await serve();
const browser = await launch();
try {
    for (const colorScheme of ['light', 'dark']) {
        const { context, page } = await open(browser, site.url, { colorScheme });
        await page.screenshot({ path: path.join(out, `documentation-${colorScheme}.png`), fullPage: true });
        await page.getByRole('button', { name: 'Read-only archiving role' }).click();
        await page.screenshot({ path: path.join(out, `archiving-${colorScheme}.png`), fullPage: true });
        await page.getByTestId('document-editor').fill('{\n  "AccessControlRules": [\n    {"Name": "a b", "Effect": "MAYBE"}\n  ]\n}');
        await page.screenshot({ path: path.join(out, `diagnostics-${colorScheme}.png`), fullPage: false });
        await page.getByRole('button', { name: 'Read-only archiving role' }).click();
        const link = await page.getByTestId('share-link').inputValue();
        const embed = link.replace('#', '?embed=1#');
        await page.setViewportSize({ width: 760, height: 900 });
        await page.goto(embed);
        await page.getByTestId('acl-effect').waitFor();
        await page.screenshot({ path: path.join(out, `embed-${colorScheme}.png`), fullPage: true });
        await page.setViewportSize({ width: 1400, height: 1000 });
        await page.goto(site.url);
        await page.getByRole('button', { name: 'Semantics' }).click();
        await page.screenshot({ path: path.join(out, `semantics-${colorScheme}.png`), fullPage: true });
        await context.close();

        // The analysis panels and the suggestions, each cropped to what it shows.
        const analysis = await open(browser, site.url, { colorScheme });
        const view = analysis.page;
        const shot = (name, locator) => locator.screenshot({ path: path.join(out, `${name}-${colorScheme}.png`) });
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
        await view.getByTestId('analysis-close').click();
        await view.getByRole('button', { name: 'AWS documentation example', exact: true }).click();
        await view.getByTestId('acl-suggestions-toggle').click();
        await view.getByTestId('acl-suggestions').locator('li').first().waitFor();
        await shot('suggestions', view.locator('.question').first());
        await analysis.context.close();
    }
    console.log(`screenshots in ${out}`);
} finally {
    await browser.close();
    await site.close();
}
