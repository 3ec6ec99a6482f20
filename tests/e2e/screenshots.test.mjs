// Screenshots of every view in light and dark, kept under target/www/screenshots/ (in the target
// folder `cargo xtask test` names in WORKMAIL_POLICY_SCREENSHOTS) as artifacts of the run, so a
// reviewer can look at what the tests saw; and the axe-core audit of each view in both themes.
import assert from 'node:assert/strict';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { takeScreenshots } from './screenshots.mjs';
import { ROOT, serveAndLaunch } from './support.mjs';

const OUT = process.env.WORKMAIL_POLICY_SCREENSHOTS ?? path.join(ROOT, 'target', 'www', 'screenshots');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let site;
let browser;
before(async () => {
    await rm(OUT, { recursive: true, force: true });
    await mkdir(OUT, { recursive: true });
});
serveAndLaunch((served, launched) => {
    site = served;
    browser = launched;
});

test('every view is captured in light and dark, the two themes differ, and axe finds nothing', async () => {
    const light = await takeScreenshots(browser, site.url, OUT, 'light');
    const dark = await takeScreenshots(browser, site.url, OUT, 'dark');
    assert.deepEqual(light.problems, []);
    assert.deepEqual(dark.problems, []);
    assert.deepEqual(light.violations, []);
    assert.deepEqual(dark.violations, []);
    assert.notEqual(light.background, dark.background, 'the dark theme follows the system');
    assert.equal(light.files.length, dark.files.length);
    assert.ok(light.files.length >= 10, `only ${light.files.length} views`);
    for (const [index, lightFile] of light.files.entries()) {
        const lightImage = await readFile(lightFile);
        const darkImage = await readFile(dark.files[index]);
        for (const [file, image] of [[lightFile, lightImage], [dark.files[index], darkImage]]) {
            assert.deepEqual(image.subarray(0, 8), PNG, `${file} is a PNG`);
            assert.ok(image.length > 2000, `${file} shows something (${image.length} bytes)`);
        }
        assert.ok(!lightImage.equals(darkImage), `${path.basename(lightFile)} differs between themes`);
    }
});
