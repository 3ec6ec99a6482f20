// The package's browser entry point (`import init, { Organization } from "workmail-policy"` as a
// bundler resolves it) in headless Chromium: `init()` fetches the `.wasm` beside the module,
// `initSync()` takes its bytes, and the corpus answers as in Node.js; the analysis entry point
// (`workmail-policy/analysis`) loads its own module.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { extname, join, normalize } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { loadCases, scratchProject } from "./support.mjs";

// `cargo xtask test` passes the browser it installed and the flags that keep it off the network.
const CHROMIUM = process.env.WORKMAIL_POLICY_CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = (
  process.env.WORKMAIL_POLICY_CHROMIUM_FLAGS ??
  "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
).split(" ");
const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };

const project = scratchProject();
const packageDir = join(project, "node_modules", "workmail-policy");
const corpusModule = fileURLToPath(new URL("./corpus.mjs", import.meta.url));
const cases = loadCases();

let server;
let browser;
let origin;

before(async () => {
  const { chromium } = createRequire(import.meta.url)("playwright-core");
  server = createServer((request, response) => {
    const path = new URL(request.url, "http://localhost").pathname;
    if (path === "/") {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<!doctype html><title>workmail-policy</title>");
      return;
    }
    const file = path === "/test/corpus.mjs" ? corpusModule : normalize(join(packageDir, path));
    try {
      if (file !== corpusModule && !file.startsWith(packageDir)) throw new Error("outside the package");
      const body = readFileSync(file);
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function page() {
  const tab = await browser.newPage();
  const problems = [];
  tab.on("pageerror", (error) => problems.push(error.message));
  await tab.goto(`${origin}/`);
  return { tab, problems };
}

test("init() fetches the wasm, and the whole corpus answers in the browser", async () => {
  const { tab, problems } = await page();
  const outcome = await tab.evaluate(
    async ({ origin, cases }) => {
      const { default: init, Organization } = await import(`${origin}/workmail_policy.js`);
      const { runCase } = await import(`${origin}/test/corpus.mjs`);
      await init();
      const failures = [];
      let steps = 0;
      for (const { name, case: kase } of cases) {
        try {
          steps += runCase({ Organization }, name, kase).length;
        } catch (error) {
          failures.push(`${error.name}: ${error.message}`);
        }
      }
      let invalid;
      try {
        Organization.fromJson('{"AccessControlRules": [{"Name": "x", "Effect": "MAYBE"}]}');
      } catch (error) {
        invalid = { name: error.name, isError: error instanceof Error, paths: error.diagnostics.map((d) => d.path) };
      }
      return { failures, steps, invalid };
    },
    { origin, cases },
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(outcome.failures, []);
  assert.ok(outcome.steps > 0, "no successful step ran");
  assert.deepEqual(outcome.invalid, { name: "InvalidDocumentError", isError: true, paths: ["AccessControlRules[0].Effect"] });
  await tab.close();
});

test("initSync() takes the module's bytes", async () => {
  const { tab, problems } = await page();
  const effect = await tab.evaluate(async (origin) => {
    const { initSync, Organization } = await import(`${origin}/workmail_policy.js`);
    const bytes = await (await fetch(`${origin}/workmail_policy_bg.wasm`)).arrayBuffer();
    initSync({ module: bytes });
    const org = Organization.fromJson("{}");
    const created = org.call("CreateImpersonationRole", { Name: "n", Type: "FULL_ACCESS", Rules: [] });
    return { created, effect: org.explainImpersonation({ ImpersonationRoleId: created.ImpersonationRoleId, TargetUser: "x" }).Effect };
  }, origin);
  assert.deepEqual(problems, []);
  assert.match(effect.created.ImpersonationRoleId, /^[0-9a-f-]{36}$/);
  assert.equal(effect.effect, "DENY");
  await tab.close();
});

test("the analysis entry point initialises its own module, fetched only when imported", async () => {
  const { tab, problems } = await page();
  const fetched = [];
  tab.on("request", (request) => fetched.push(new URL(request.url()).pathname));
  const outcome = await tab.evaluate(async (origin) => {
    const main = await import(`${origin}/workmail_policy.js`);
    await main.default();
    const answered = main.Organization.fromJson("{}").call("ListAccessControlRules", {}).Rules.length;
    const analysis = await import(`${origin}/analysis/workmail_policy_analysis.js`);
    await analysis.default();
    const rows = analysis.Organization.fromJson("{}").decisionTable().AccessControl.length;
    return { answered, rows };
  }, origin);
  assert.deepEqual(problems, []);
  // The default rule alone: one row for users, one for impersonation roles.
  assert.deepEqual(outcome, { answered: 1, rows: 2 });
  const modules = fetched.filter((path) => path.endsWith(".wasm"));
  assert.deepEqual(modules, ["/workmail_policy_bg.wasm", "/analysis/workmail_policy_analysis_bg.wasm"]);
  await tab.close();
});
