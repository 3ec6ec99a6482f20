// Measures the playground's speed in headless Chromium against dist/ served on 127.0.0.1, and
// prints a Markdown table: the first result after navigation, an edit to the largest legal
// document, that document's decision table, a property over every request of it with its
// coverage, and pastes of documents of tens of megabytes (hostile
// ones, and a large valid directory) loaded by the loader while a question is typed. `node tests/e2e/bench.mjs [runs]` after
// `cargo xtask dist` (or `cargo xtask bench`). A benchmark, not a test: it asserts nothing and
// its numbers depend on the machine. Progress goes to stderr, the table to stdout.
import { fill, launch, open, openPanel, serve } from './support.mjs';

const RUNS = Number(process.argv[2] ?? 7);
const ACTIONS = ['ActiveSync', 'AutoDiscover', 'EWS', 'IMAP', 'SMTP', 'WindowsOutlook', 'WebMail'];
const USER = 'S-1-1-11-user-00-01-0000000000';
/** The sizes of the hostile documents loaded while typing, in MiB (`HOSTILE_MB=16,32`). */
const HOSTILE_MB = (process.env.HOSTILE_MB ?? '32,128').split(',').map(Number);
/**
 * The sizes of the valid directories (`list-users` output) loaded while typing, in MiB: each is
 * pasted into the document editor, then into the Users tab.
 */
const DIRECTORY_MB = (process.env.DIRECTORY_MB ?? '32').split(',').map(Number);
/** The sizes of the documents of access control rules beyond WorkMail's limits, in MiB (`RULES_MB=32`). */
const RULES_MB = (process.env.RULES_MB ?? '32').split(',').map(Number);

/** The largest organization the AWS model allows: 10 rules with full lists. */
function largestDocument() {
    const ids = (prefix, rule) => Array.from({ length: 10 },
        (_, at) => `${prefix}-${String(rule).padStart(2, '0')}-${String(at).padStart(2, '0')}-0000000000`);
    const rules = Array.from({ length: 10 }, (_, rule) => ({
        Name: `rule-${rule}`,
        Effect: rule % 3 === 0 ? 'DENY' : 'ALLOW',
        Description: 'the largest rule the model allows',
        IpRanges: Array.from({ length: 1024 }, (_, at) => `${10 + rule}.${at >> 8}.${at & 255}.0/24`),
        NotIpRanges: Array.from({ length: 1024 }, (_, at) => `${10 + rule}.${at >> 8}.${at & 255}.128/25`),
        Actions: ACTIONS,
        NotActions: ['SMTP'],
        UserIds: ids('S-1-1-11-user', rule),
        NotUserIds: ids('S-1-1-11-excl', rule),
        ImpersonationRoleIds: ids('role', rule),
        NotImpersonationRoleIds: ids('notrole', rule),
    }));
    return JSON.stringify({ OrganizationId: 'm-0123456789abcdef0123456789abcdef', AccessControlRules: rules }, null, 4);
}

function progress(message) {
    process.stderr.write(`bench: ${message}\n`);
}

function stats(samples) {
    const sorted = [...samples].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    return { median, worst: sorted[sorted.length - 1], runs: sorted.length };
}

const ms = (value) => (value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`);

/** Time from navigation start until the first answer is on the page, in a fresh context. */
async function firstResult(browser, site) {
    const { context, page } = await open(browser, site.url);
    await context.close();
    const samples = [];
    for (let run = 0; run < RUNS; run += 1) {
        const fresh = await browser.newContext({ serviceWorkers: 'block' });
        const tab = await fresh.newPage();
        await tab.addInitScript(() => {
            new MutationObserver((_, observer) => {
                if (document.querySelector('[data-testid="acl-effect"]')) {
                    window.__firstResult = performance.now();
                    observer.disconnect();
                }
            }).observe(document, { childList: true, subtree: true });
        });
        await tab.goto(site.url);
        await tab.getByTestId('acl-effect').waitFor();
        samples.push(await tab.evaluate(() => window.__firstResult));
        await fresh.close();
    }
    void page;
    return stats(samples);
}

/**
 * Replaces a field's or the document editor's text as typing or pasting would, and times in
 * the page how long until the element `selector` holds `text` (the answer re-evaluated and
 * shown), and until the next frame after that. Gives up after 10 seconds.
 */
function timeEdit(page, testid, value, selector, text) {
    return page.evaluate(async ({ testid, value, selector, text }) => {
        const field = document.querySelector(`[data-testid="${testid}"]`);
        const shown = () => [...document.querySelectorAll(selector)].some((element) => element.textContent.includes(text));
        field.value = value;
        const changed = new Promise((resolve, reject) => {
            const observer = new MutationObserver(() => {
                if (shown()) {
                    observer.disconnect();
                    resolve(performance.now());
                }
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
            setTimeout(() => reject(new Error(`${selector} never showed ${text}`)), 10000);
        });
        const start = performance.now();
        field.dispatchEvent(new Event('input', { bubbles: true }));
        const done = shown() ? performance.now() : await changed;
        // The frame is drawn after the animation frame callbacks; a task queued from one runs
        // once it is.
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        return { evaluated: done - start, frame: performance.now() - start };
    }, { testid, value, selector, text });
}

/** The largest document with its first rule renamed: a new text, and a new explanation. */
function renamed(document, serial) {
    return document.replace('"Name": "rule-0"', `"Name": "rule-0-edit-${serial}"`);
}

/**
 * Types one character into the first rule's name, as a keystroke does, in the code editor (the
 * focus and the caret are put there through the text area, as the page does; the browser edits
 * the editor's text, which the editor writes into the text area with an `input` event), and
 * times in the page how long until the explanation shows the new name, and until the next frame
 * after that.
 */
function timeKeystroke(page, typed) {
    return page.evaluate(async (typed) => {
        const area = document.querySelector('[data-testid="document-editor"]');
        const name = `rule-0${'x'.repeat(typed)}`;
        const at = area.value.indexOf('"Name": "rule-0') + '"Name": "rule-0'.length + typed - 1;
        area.focus();
        area.setSelectionRange(at, at);
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const shown = () => document.querySelector('[data-testid="acl-rule"] .rule-name')?.textContent === name;
        const changed = new Promise((resolve, reject) => {
            const observer = new MutationObserver(() => {
                if (shown()) {
                    observer.disconnect();
                    resolve(performance.now());
                }
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            setTimeout(() => reject(new Error(`the explanation never showed ${name}`)), 10000);
        });
        // The page's work starts when the browser, having edited the text, fires `input`.
        let input = NaN;
        window.addEventListener('input', () => {
            input = performance.now();
        }, { capture: true, once: true });
        const start = performance.now();
        document.execCommand('insertText', false, 'x');
        const done = shown() ? performance.now() : await changed;
        // The frame is drawn after the animation frame callbacks; a task queued from one runs
        // once it is.
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const reduce = performance.getEntriesByName('workmail:reduce').at(-1)?.duration ?? NaN;
        return { evaluated: done - input, typed: done - start, frame: performance.now() - start, reduce };
    }, typed);
}

async function largestDocumentEdits(page, document) {
    await fill(page, 'acl-ip', '10.0.0.1');
    await fill(page, 'acl-action', 'IMAP');
    await fill(page, 'acl-user', USER);
    // (Playwright's fill is slow on a text this long: the page is given it as a paste would.)
    const pastes = [];
    const pasteFrames = [];
    for (let serial = 1; serial <= RUNS; serial += 1) {
        // Each paste is a new text: nothing is reused from an earlier parse.
        const timing = await timeEdit(page, 'document-editor', renamed(document, serial),
            '[data-testid="acl-rule"] .rule-name', `rule-0-edit-${serial}`);
        pastes.push(timing.evaluated);
        pasteFrames.push(timing.frame);
    }
    await timeEdit(page, 'document-editor', document, '[data-testid="acl-rule"] .rule-name', 'rule-0');
    const keys = [];
    const typedKeys = [];
    const keyFrames = [];
    const reduces = [];
    for (let typed = 1; typed <= 2 * RUNS; typed += 1) {
        const timing = await timeKeystroke(page, typed);
        keys.push(timing.evaluated);
        typedKeys.push(timing.typed);
        keyFrames.push(timing.frame);
        reduces.push(timing.reduce);
    }
    const question = [];
    for (let run = 1; run <= 2 * RUNS; run += 1) {
        const ip = `10.0.${run}.${run * 7}`;
        question.push((await timeEdit(page, 'acl-ip', ip, '.verdict-who', `from ${ip} `)).evaluated);
    }
    return {
        keys: stats(keys), typedKeys: stats(typedKeys), keyFrames: stats(keyFrames), reduces: stats(reduces),
        pastes: stats(pastes), pasteFrames: stats(pasteFrames), question: stats(question),
    };
}

async function decisionTable(page) {
    const start = Date.now();
    await openPanel(page, 'table', 'table-access');
    const firstOpen = Date.now() - start;
    const computed = [];
    const shown = [];
    for (let run = 0; run < RUNS; run += 1) {
        await page.getByTestId('analysis-close').click();
        const timing = await page.evaluate(async () => {
            const before = performance.now();
            const appeared = new Promise((resolve) => {
                const observer = new MutationObserver(() => {
                    if (document.querySelector('[data-testid="table-access"]')) {
                        observer.disconnect();
                        resolve(performance.now());
                    }
                });
                observer.observe(document.body, { childList: true, subtree: true });
            });
            document.querySelector('[data-testid="analysis-tab-table"]').click();
            const at = await appeared;
            const entry = performance.getEntriesByName('workmail:table').at(-1);
            return { shown: at - before, computed: entry ? entry.duration : NaN };
        });
        computed.push(timing.computed);
        shown.push(timing.shown);
    }
    return { firstOpen, computed: stats(computed), shown: stats(shown) };
}


/**
 * The Tests panel on the largest document with one property over every IMAP request from
 * outside 10.0.0.0/8: each run types a new tests file (the property renamed, so the panel runs
 * again) and reads the page's `workmail:tests` measure: loading the file, checking the property
 * over every request of its set, and its coverage.
 */
async function property(page) {
    await openPanel(page, 'tests', 'tests-editor');
    const durations = [];
    for (let run = 0; run < RUNS; run += 1) {
        const tests = JSON.stringify({
            Properties: [{ Name: `IMAP only from inside (${run})`, ForAll: { Actions: ['IMAP'], NotIpRanges: ['10.0.0.0/8'] }, Expect: { Effect: 'DENY' } }],
        });
        // The page keeps one measure of each name, replaced by each run: a later start is a new run.
        const last = () => performance.getEntriesByName('workmail:tests').at(-1)?.startTime ?? -1;
        const before = await page.evaluate(last);
        await fill(page, 'tests-editor', tests);
        await page.waitForFunction(
            (seen) => (performance.getEntriesByName('workmail:tests').at(-1)?.startTime ?? -1) > seen,
            before,
        );
        durations.push(await page.evaluate(() => performance.getEntriesByName('workmail:tests').at(-1).duration));
    }
    return stats(durations);
}

/**
 * Pastes a document of about `megabytes` MiB into the document editor and, while the page loads
 * it, types into the access question's IP address field a character every 50 ms. A `hostile`
 * document holds access control rules whose every field is wrong (millions of diagnostics); a
 * `directory` is `aws workmail list-users` output, as the AWS CLI prints it, which loads (and
 * `users-tab` the same pasted into the Users tab, which the document then takes); `rules` are
 * valid access control rules, far more than WorkMail holds, which load with a warning.
 * Returns how long the paste's own task took (a `paste` event as the browser sends one, which the
 * page takes from the browser and hands to its `input` handler), the longest main-thread task after it (PerformanceObserver `longtask`) until the
 * page shows the outcome (the diagnostics, or the directory's count), the time until the
 * loader's answer and until the outcome is shown, and each typed character's time from its
 * `input` event until the next frame is drawn. The text is built in the page, before timing
 * starts.
 */
function largePaste(page, kind, megabytes) {
    return page.evaluate(async ({ kind, megabytes }) => {
        const bytes = megabytes * 1024 * 1024;
        const items = [];
        let text;
        if (kind === 'hostile') {
            const rule = '{"Name": "bad name!", "Effect": "MAYBE", "IpRanges": ["300.1.1.1/40"], "Actions": ["FTP"]}';
            // At most `bytes` in all: the largest text the core reads is 128 MiB.
            const count = Math.floor((bytes - 64) / (rule.length + 2));
            text = `{"AccessControlRules": [\n${`${rule},\n`.repeat(count - 1)}${rule}\n]}`;
        } else if (kind === 'rules') {
            for (let size = 0, at = 0; size < bytes; at += 1) {
                const rule = `    {"Name": "rule-${at}", "Effect": "DENY", "Actions": ["IMAP", "SMTP"], "IpRanges": ["10.${at % 256}.0.0/16"]}`;
                items.push(rule);
                size += rule.length + 2;
            }
            text = `{\n  "AccessControlRules": [\n${items.join(',\n')}\n  ]\n}`;
        } else {
            for (let size = 0, at = 0; size < bytes; at += 1) {
                const id = String(at).padStart(7, '0');
                const user = `        {\n            "Id": "S-1-1-11-1111111111-2222222222-3333333333-${id}",\n            "Email": "user${at}@example.com",\n            "Name": "user${at}",\n            "DisplayName": "User ${at}",\n            "State": "ENABLED",\n            "UserRole": "USER",\n            "EnabledDate": 1581635628.0\n        }`;
                items.push(user);
                size += user.length + 2;
            }
            text = `{\n    "Users": [\n${items.join(',\n')}\n    ]\n}`;
        }
        // The directory goes into the document editor, or (`users-tab`) into the Users tab, whose
        // text the loader checks and puts into the document.
        const tab = kind === 'users-tab' ? 'users' : 'document';
        if (tab === 'users') {
            document.querySelector('#tab-users').click();
            await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        }
        const area = document.querySelector(`[data-testid="${tab}-editor"]`);
        const field = document.querySelector('[data-testid="acl-ip"]');
        const status = () => document.querySelector(`#status-${tab}`)?.textContent ?? '';
        const shown = {
            hostile: () => document.querySelector('[data-testid="diagnostics-more"]') !== null,
            directory: () => status().includes(`${items.length} users`),
            'users-tab': () => status().includes('In the document.'),
            rules: () => status().includes(`${items.length} access control rules`),
        }[kind];
        // The loader's answer: the first message from the loader the page starts.
        let answered = NaN;
        const startLoader = globalThis.workmailPolicyStartLoader;
        globalThis.workmailPolicyStartLoader = () => {
            const worker = startLoader();
            worker.addEventListener('message', () => {
                answered = performance.now();
            }, { once: true });
            return worker;
        };
        const tasks = [];
        const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
                tasks.push({ start: entry.startTime, duration: entry.duration });
            }
        });
        observer.observe({ type: 'longtask' });
        const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        await nextFrame();
        // A paste as the browser sends it: into the code editor for the document, into the text
        // area for the Users tab (the page stops the browser's own paste of a large text).
        const target = tab === 'users' ? area : document.querySelector('[data-testid="code-editor"] .cm-content');
        const clipboard = new DataTransfer();
        clipboard.setData('text/plain', text);
        const paste = new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true });
        const start = performance.now();
        if (target.dispatchEvent(paste)) {
            throw new Error('the page left a large paste to the browser');
        }
        const handled = performance.now();
        const keys = [];
        let typed = 0;
        while (!shown()) {
            if (performance.now() - start > 600000) {
                throw new Error(`the ${kind} document was never shown: ${status()}`);
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
            typed += 1;
            field.focus();
            let input = NaN;
            field.addEventListener('input', () => {
                input = performance.now();
            }, { once: true });
            document.execCommand('insertText', false, String(typed % 10));
            await nextFrame();
            keys.push(performance.now() - input);
        }
        const loaded = performance.now() - start;
        await nextFrame();
        await new Promise((resolve) => setTimeout(resolve, 200));
        observer.disconnect();
        globalThis.workmailPolicyStartLoader = startLoader;
        // The paste's own task (the paste handed to the page, the page's input handler) and the
        // longest task after it, while the loader works and the question is typed.
        const later = tasks.filter((task) => task.start >= handled);
        return {
            size: text.length, loaded, answered: answered - start, keys, tasks: tasks.length,
            handler: handled - start,
            longest: Math.max(0, ...later.map((task) => task.duration)),
        };
    }, { kind, megabytes });
}

const site = await serve();
const browser = await launch();
try {
    progress(`first result after navigation (${RUNS} runs)`);
    const first = await firstResult(browser, site);
    progress('the largest legal document: edits');
    const { context, page } = await open(browser, site.url);
    const document = largestDocument();
    const edits = await largestDocumentEdits(page, document);
    progress('the largest legal document: decision table');
    const table = await decisionTable(page);
    progress('the largest legal document: a property and its coverage');
    const guarantees = await property(page);
    await context.close();
    const pastes = [];
    for (const [kind, sizes] of [['hostile', HOSTILE_MB], ['directory', DIRECTORY_MB], ['users-tab', DIRECTORY_MB], ['rules', RULES_MB]]) {
        for (const megabytes of sizes) {
            progress(`a ${kind} document of ${megabytes} MiB: loading it while typing`);
            const fresh = await open(browser, site.url);
            pastes.push({ kind, ...await largePaste(fresh.page, kind, megabytes) });
            await fresh.context.close();
        }
    }

    const row = (what, target, result) => `| ${what} | ${target} | ${ms(result.median)} | ${ms(result.worst)} | ${result.runs} |`;
    const lines = [
        `Largest legal document: 10 rules, each with 1,024 IpRanges, 1,024 NotIpRanges and full action, user and role lists (${(document.length / 1024).toFixed(0)} KB of JSON).`,
        '',
        '| Measure | Target | Median | Worst | Runs |',
        '|---|---|---|---|---|',
        row('First answer visible, from navigation start', '≤ 1000 ms', first),
        row('Keystroke in the largest document: re-evaluated and shown (from `input`)', '≤ 16 ms', edits.keys),
        row('… of which loading the new text (the reducer)', '', edits.reduces),
        row('Keystroke in the largest document: with the code editor\'s own editing', '', edits.typedKeys),
        row('Keystroke in the largest document: in the code editor, to the next frame drawn', '≤ 16 ms', edits.keyFrames),
        row('Question keystroke on the largest document: answer updated', '≤ 16 ms', edits.question),
        row('Paste of the whole largest document: answer updated', '', edits.pastes),
        row('Paste of the whole largest document: next frame drawn', '', edits.pasteFrames),
        row('Decision table of the largest document: computed', '≤ 50 ms', table.computed),
        row('Decision table of the largest document: tab click to table shown', '', table.shown),
        row('Property over every request of the largest document, with its coverage: computed', '≤ 50 ms', guarantees),
        `| Analysis module: first open of a panel (download, start, table) | | ${ms(table.firstOpen)} | | 1 |`,
        ...pastes.flatMap((load) => {
            const size = `${(load.size / 1024 / 1024).toFixed(0)} MiB`;
            const [what, outcome] = {
                hostile: [`hostile document of ${size}`, 'its diagnostics are shown'],
                directory: [`valid directory of ${size} (\`list-users\` output)`, 'the page has loaded it'],
                'users-tab': [`valid directory of ${size} (\`list-users\` output) into the Users tab`, 'the document has taken it'],
                rules: [`valid document of ${size} of access control rules (beyond WorkMail's limit)`, 'the page has loaded it'],
            }[load.kind];
            return [
                `| Paste of a ${what}: the paste handled (handed to the page's \`input\` handler, which swaps the text area; the text is read after, a slice per task) | ≤ 100 ms | ${ms(load.handler)} | | 1 |`,
                `| … longest main-thread task after it, until ${outcome} (${load.tasks} long tasks in all) | ≤ 100 ms | ${ms(load.longest)} | | 1 |`,
                `| … paste until the loader's answer | | ${ms(load.answered)} | | 1 |`,
                `| … paste until ${outcome} | | ${ms(load.loaded)} | | 1 |`,
                row('… a question keystroke meanwhile: `input` to next frame drawn', '', stats(load.keys)),
            ];
        }),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
} finally {
    await browser.close();
    await site.close();
}
