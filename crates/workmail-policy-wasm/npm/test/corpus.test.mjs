// The shared corpus of tests/cases/ through the installed package's `Organization.call`, loaded
// with `import` and with `require`: the same answers as the native core.

import assert from "node:assert/strict";
import { test } from "node:test";
import { importPackage, loadCases, requirePackage, runCase, scratchProject } from "./support.mjs";

const cases = loadCases();
const project = scratchProject();

test("the corpus is not empty", () => {
  assert.ok(cases.length > 0, "no case in tests/cases");
});

for (const [system, load] of [
  ["ESM (import)", () => importPackage(project)],
  ["CommonJS (require)", async () => requirePackage(project)],
]) {
  test(`every case through ${system}`, async (t) => {
    const pkg = await load();
    for (const { name, case: kase } of cases) {
      await t.test(name, () => {
        runCase(pkg, name, kase);
      });
    }
  });
}
