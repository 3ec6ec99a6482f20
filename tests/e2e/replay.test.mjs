// End-to-end tests of the Replay logs panel: audit logs dropped or chosen (JSON lines, plain and
// gzip), replayed by the analysis worker against the document and the comparison's old version,
// the counts and answers shown, a row asked in the access question, and a large log cancelled.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ROOT, dropFiles, fill, open, openPanel, readAnswer, serveAndLaunch, until } from './support.mjs';

/** The corpus document with a directory and impersonation roles; its users ask the requests. */
const CORPUS = JSON.parse(await readFile(path.join(ROOT, 'tests', 'cases', 'impersonation-effect.json'), 'utf8')).Document;
const [CEO, JANE] = CORPUS.Users.filter((user) => user.State === 'ENABLED').map((user) => user.Id);

/** The old version: the corpus document, so every request is allowed by the default rule. */
const OLD = JSON.stringify(CORPUS, null, 2);

/** The proposed document: IMAP only from the office network. */
const PROPOSED = JSON.stringify({
    ...CORPUS,
    AccessControlRules: [
        { Name: 'default', Effect: 'ALLOW', Description: 'Default WorkMail Rule' },
        { Name: 'office-imap', Effect: 'DENY', Description: 'IMAP only from the office', Actions: ['IMAP'], NotIpRanges: ['192.0.2.0/24'] },
    ],
}, null, 2);

const START = Date.UTC(2023, 10, 14, 22, 13, 20);

/** One audit event as WorkMail delivers it to S3 and Firehose. */
function event(minute, user, protocol, ip, impersonator) {
    return JSON.stringify({
        event_timestamp: START + minute * 60000,
        request_id: `r-${minute}`,
        organization_arn: `arn:aws:workmail:us-east-1:111122223333:organization/${CORPUS.OrganizationId}`,
        user_id: user,
        ...(impersonator ? { impersonator_id: impersonator } : {}),
        protocol,
        source_ip: ip,
        user_agent: 'e2e',
    });
}

/**
 * Eleven events: CEO's IMAP from outside the office three times (newly denied), Jane's IMAP from
 * the office twice and one EWS request of the archiver role reaching her mailbox (allowed by
 * both), four deliveries (not access controlled), and a malformed line, the 11th.
 */
const LOG = [
    event(0, CEO, 'IMAP', '198.51.100.7'),
    event(1, CEO, 'IMAP', '198.51.100.7'),
    event(2, CEO, 'IMAP', '198.51.100.7'),
    event(3, JANE, 'IMAP', '192.0.2.10'),
    event(4, JANE, 'IMAP', '192.0.2.10'),
    event(5, JANE, 'EWS', '192.0.2.10', 'archiver'),
    ...Array.from({ length: 4 }, (_, at) => event(6 + at, CEO, 'IncomingEmail', '192.0.2.10')),
    'oops, not an audit event',
].join('\n') + '\n';

let site;
let browser;
serveAndLaunch((served, launched) => {
    site = served;
    browser = launched;
});

/** A page whose document is the proposed one and whose comparison holds the old version, with the Replay logs panel open. */
async function replayPage() {
    const opened = await open(browser, site.url);
    const { page } = opened;
    await openPanel(page, 'compare', 'diff-editor');
    await fill(page, 'diff-editor', OLD);
    await fill(page, 'document-editor', PROPOSED);
    await openPanel(page, 'replay', 'replay-drop');
    return opened;
}

/** Waits for a replay's summary to say `events` events were read, and returns what it shows. */
async function result(page, events) {
    const summary = page.getByTestId('replay-summary');
    await page.waitForFunction(
        (events) => document.querySelector('[data-testid="replay-summary"]')?.textContent.startsWith(`${events} events read`),
        events,
        { timeout: 20000 },
    );
    return {
        summary: await summary.innerText(),
        changes: await page.getByTestId('replay-changes').innerText(),
        problems: await page.getByTestId('replay-problems').locator('li').allInnerTexts(),
        rows: await page.getByTestId('replay-row').allInnerTexts(),
    };
}

/** The text of a download started by clicking `testid`. */
async function downloaded(page, testid) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

describe('replaying audit logs', () => {
    test('a dropped log and chosen logs, plain and gzip, give the counts and answers of the core', async () => {
        const { context, page, requests, problems } = await replayPage();
        await dropFiles(page, 'replay-drop', [{ name: 'events.jsonl', text: LOG }]);
        const dropped = await result(page, 11);
        assert.equal(dropped.summary, '11 events read: 6 replayed as 3 distinct requests. Not replayed: 1 malformed, 4 not-access-controlled.');
        assert.equal(dropped.changes, 'Against the old version: 1 request newly denied, 0 newly allowed.');
        assert.equal(dropped.problems.length, 1);
        assert.match(dropped.problems[0], /^events\.jsonl:11: /);
        assert.equal(dropped.rows.length, 3);
        // Newly denied first, with its count, times and both answers.
        const first = dropped.rows[0].split('\t').map((cell) => cell.trim());
        assert.deepEqual(first, [
            'Ask NEWLY DENIED', 'DENY', 'ALLOW', '3', '198.51.100.7', 'IMAP', CEO, '',
            '2023-11-14T22:13:20.000Z', '2023-11-14T22:15:20.000Z',
        ]);
        assert.ok(dropped.rows.slice(1).every((row) => /^Ask ALLOWED\tALLOW\tALLOW\t/.test(row)), dropped.rows.join('\n'));

        // The JSON download is the core's report, as `workmail-policy replay --output json` prints it.
        const json = await downloaded(page, 'download-replay-json');
        assert.equal(json.name, 'workmail-replay.json');
        const report = JSON.parse(json.text);
        assert.equal(report.Events, 11);
        assert.deepEqual(report.Skipped, { malformed: 1, 'not-access-controlled': 4 });
        assert.deepEqual(report.Requests.map((request) => request.Count), [3, 2, 1]);
        assert.deepEqual(report.Requests[0].Request, { IpAddress: '198.51.100.7', Action: 'IMAP', UserId: CEO });
        assert.equal(report.Requests[0].Proposed.Effect, 'DENY');
        assert.ok(report.Requests[0].Proposed.MatchedRules.includes('office-imap'), json.text);
        assert.equal(report.Requests[0].Baseline.Effect, 'ALLOW');
        const csv = await downloaded(page, 'download-replay-csv');
        assert.equal(csv.text.trimEnd().split('\r\n').length, 4, csv.text);
        assert.match((await downloaded(page, 'download-replay-markdown')).text, /NEWLY DENIED/);

        // Two files chosen at once, one of them gzip: the same events twice.
        await page.getByTestId('replay-files').setInputFiles([
            { name: 'events.jsonl.gz', mimeType: 'application/gzip', buffer: gzipSync(Buffer.from(LOG)) },
            { name: 'again.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(LOG) },
        ]);
        const chosen = await result(page, 22);
        assert.equal(chosen.summary, '22 events read: 12 replayed as 3 distinct requests. Not replayed: 2 malformed, 8 not-access-controlled.');
        assert.deepEqual(chosen.problems.map((problem) => problem.split(': ')[0]), ['events.jsonl.gz:11', 'again.jsonl:11']);
        assert.equal(chosen.rows.length, 3);
        assert.match(chosen.rows[0], /^Ask NEWLY DENIED\tDENY\tALLOW\t6\t/);

        // The logs never left the page: nothing but the site's own files was requested.
        assert.ok(requests.every((url) => url.startsWith(site.origin) || url.startsWith('blob:')), requests.join('\n'));
        assert.ok(!site.requests.some((url) => /events|again/.test(url)), site.requests.join('\n'));
        assert.ok(requests.some((url) => url.includes('worker.js?v=')), requests.join('\n'));
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('against the document as it is now, the old version crosses as the document itself and nothing changes', async () => {
        const { context, page, problems } = await open(browser, site.url);
        await fill(page, 'document-editor', PROPOSED);
        await openPanel(page, 'compare', 'diff-editor');
        await page.getByTestId('diff-use-current').click();
        await openPanel(page, 'replay', 'replay-drop');
        await dropFiles(page, 'replay-drop', [{ name: 'events.jsonl', text: LOG }]);
        const replayed = await result(page, 11);
        assert.equal(replayed.changes, 'Against the old version: 0 requests newly denied, 0 newly allowed.');
        // The proposed document's own answers: the CEO's IMAP from outside the office is denied.
        assert.match(replayed.rows[0], /^Ask DENIED\tDENY\tDENY\t3\t198\.51\.100\.7\tIMAP\t/);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('a document cut short inside an event tells where reading stopped and what it was in, as the command line does', async () => {
        const { context, page, problems } = await replayPage();
        // `aws logs filter-log-events` output cut off inside the second event's nested object.
        const cut = [
            '{',
            '    "events": [',
            `        {"logStreamName": "s", "timestamp": 0, "message": ${JSON.stringify(event(0, CEO, 'IMAP', '198.51.100.7'))}, "eventId": "0"},`,
            '        {"logStreamName": "s", "timestamp": 1, "extra": {"a": 1',
        ].join('\n');
        await dropFiles(page, 'replay-drop', [{ name: 'events.json', text: cut }]);
        const replayed = await result(page, 2);
        assert.equal(replayed.summary, '2 events read: 1 replayed as 1 distinct request. Not replayed: 1 malformed.');
        // `workmail-policy replay --logs events.json` warns of the same line, column and reason.
        assert.deepEqual(replayed.problems, ['events.json:4: reading stopped: column 63: the JSON document stops being one: EOF while parsing an object']);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('a row, clicked or its Ask button pressed with Enter, is asked in the question form', async () => {
        const { context, page, problems } = await replayPage();
        await dropFiles(page, 'replay-drop', [{ name: 'events.jsonl', text: LOG }]);
        await result(page, 11);
        await page.getByTestId('replay-row').first().click();
        await page.waitForFunction(() => document.querySelector('[data-testid="acl-ip"]').value === '198.51.100.7');
        assert.equal(await page.getByTestId('acl-action').inputValue(), 'IMAP');
        assert.equal(await page.getByTestId('acl-user').inputValue(), CEO);
        assert.equal(await page.evaluate(() => document.activeElement.id), 'acl-ip');
        const denied = await until(() => readAnswer(page, 'acl'), (answer) => answer.effect === 'DENY');
        assert.equal(denied.effect, 'DENY');
        assert.ok(denied.matched.includes('office-imap'), denied.matched.join());

        // The impersonated request asks access control for the role, and the role for Jane (D46).
        const impersonated = page.getByTestId('replay-row').filter({ hasText: 'archiver' });
        await impersonated.getByTestId('replay-ask').focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.querySelector('[data-testid="acl-role"]').value === 'archiver');
        assert.equal(await page.getByTestId('acl-user').inputValue(), '');
        assert.equal(await page.getByTestId('acl-action').inputValue(), 'EWS');
        assert.equal(await page.getByTestId('imp-role').inputValue(), 'archiver');
        assert.equal(await page.getByTestId('imp-target').inputValue(), JANE);
        assert.equal((await until(() => readAnswer(page, 'acl'), (answer) => answer.effect === 'ALLOW')).effect, 'ALLOW');
        assert.equal((await until(() => readAnswer(page, 'imp'), (answer) => answer.effect === 'ALLOW')).effect, 'ALLOW');
        assert.match(await impersonated.innerText(), /^Ask ALLOWED\tALLOW\tALLOW\t/);
        assert.deepEqual(problems, []);
        await context.close();
    });

    test('a large log is cancelled mid-way, and the page answers and replays again', async () => {
        const { context, page, problems } = await replayPage();
        // About 1.2 GB of JSON lines, held by the browser as one repeated part of 1.2 MB.
        const times = 1000;
        await dropFiles(page, 'replay-drop', [{ name: 'large.jsonl', repeat: LOG.repeat(300), times }]);
        await page.waitForFunction(
            () => /Replaying: .* read, [1-9]\d* events/.test(document.querySelector('[data-testid="replay-progress"]')?.textContent ?? ''),
            null,
            { timeout: 20000 },
        );
        await page.getByTestId('replay-cancel').click();
        const cancelled = await page.getByTestId('replay-cancelled').innerText();
        const events = Number(/Cancelled after (\d+) events/.exec(cancelled)?.[1]);
        assert.ok(events > 0 && events < times * 300 * 11, cancelled);
        assert.equal(await page.getByTestId('replay-progress').count(), 0);

        // The page answers questions at once.
        await fill(page, 'acl-ip', '203.0.113.9');
        await fill(page, 'acl-action', 'IMAP');
        await fill(page, 'acl-user', JANE);
        assert.equal((await until(() => readAnswer(page, 'acl'), (answer) => answer.effect === 'DENY')).effect, 'DENY');
        await fill(page, 'acl-ip', '192.0.2.44');
        assert.equal((await until(() => readAnswer(page, 'acl'), (answer) => answer.effect === 'ALLOW')).effect, 'ALLOW');

        // And replays again.
        await dropFiles(page, 'replay-drop', [{ name: 'events.jsonl', text: LOG }]);
        assert.match((await result(page, 11)).summary, /^11 events read: 6 replayed/);
        assert.deepEqual(problems, []);
        await context.close();
    });
});
