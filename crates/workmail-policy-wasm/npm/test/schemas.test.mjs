// The JSON Schemas the package ships: reachable as `workmail-policy/schemas/…` in `require` and
// `import`, and the very files the core generated (crates/workmail-policy/schemas/). What they
// accept is tested in the core, with an independent validator (crates/workmail-policy/tests/schemas.rs).

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { execute, repository, requirePackage, scratchProject } from "./support.mjs";

const project = scratchProject();
const FILES = ["organization.schema.json", "tests.schema.json"];

test("each schema is shipped as generated, with its $id", () => {
  for (const file of FILES) {
    const committed = readFileSync(join(repository, "crates", "workmail-policy", "schemas", file), "utf8");
    const shipped = readFileSync(join(project, "node_modules", "workmail-policy", "schemas", file), "utf8");
    assert.equal(shipped, committed, file);
    const schema = JSON.parse(shipped);
    assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
    assert.ok(schema.$id.endsWith(`/crates/workmail-policy/schemas/${file}`), schema.$id);
  }
});

test("require() and import reach the schemas through the package's exports", () => {
  const organization = requirePackage(project, "workmail-policy/schemas/organization.schema.json");
  assert.equal(organization.title, "workmail-policy organization document");
  writeFileSync(
    join(project, "schema.mjs"),
    `import tests from "workmail-policy/schemas/tests.schema.json" with { type: "json" };
console.log(tests.title);`,
  );
  const result = execute(process.execPath, ["schema.mjs"], { cwd: project });
  assert.equal(result.stderr, "");
  assert.equal(result.stdout, "workmail-policy tests file\n");
});
