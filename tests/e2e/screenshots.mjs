// Takes screenshots of the playground in light and dark mode, for looking at it by eye:
// `node tests/e2e/screenshots.mjs [out-dir]` after `cargo xtask dist`. Not a test.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, launch, open, serve } from './support.mjs';

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
    }
    console.log(`screenshots in ${out}`);
} finally {
    await browser.close();
    await site.close();
}
