// The installed package as JavaScript users meet it: `require` and `import` in their own
// processes, thrown errors shaped like the AWS SDK for JavaScript v3's, documents in and out.

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { execute, importPackage, requirePackage, scratchProject } from "./support.mjs";

const project = scratchProject();
const pkg = await importPackage(project);

const DOCUMENT = JSON.stringify({
  OrganizationId: "m-0123456789abcdef0123456789abcdef",
  Users: [{ Id: "S-1-1-11-0000000001", Email: "jane@example.com", Name: "jane", State: "ENABLED" }],
  AccessControlRules: [
    { Name: "default", Effect: "ALLOW", Description: "Default WorkMail Rule", DateCreated: 0, DateModified: 0 },
    { Name: "no-imap", Effect: "DENY", Description: "", Actions: ["IMAP"] },
  ],
});

const IMAP = { IpAddress: "192.0.2.1", Action: "IMAP", UserId: "S-1-1-11-0000000001" };

test("require() works in a CommonJS program", () => {
  writeFileSync(
    join(project, "check.cjs"),
    `const { Organization } = require("workmail-policy");
const org = Organization.fromJson(${JSON.stringify(DOCUMENT)});
console.log(JSON.stringify(org.call("GetAccessControlEffect", ${JSON.stringify(IMAP)})));`,
  );
  const result = execute(process.execPath, ["check.cjs"], { cwd: project });
  assert.equal(result.stderr, "");
  assert.equal(result.stdout, '{"Effect":"DENY","MatchedRules":["no-imap"]}\n');
});

test("import works in an ES module program, and init() is harmless in Node.js", () => {
  writeFileSync(
    join(project, "check.mjs"),
    `import init, { initSync, Organization } from "workmail-policy";
await init();
initSync();
const org = Organization.fromJson(${JSON.stringify(DOCUMENT)});
console.log(JSON.stringify(org.call("get-access-control-effect", ${JSON.stringify(IMAP)})));`,
  );
  const result = execute(process.execPath, ["check.mjs"], { cwd: project });
  assert.equal(result.stderr, "");
  assert.equal(result.stdout, '{"Effect":"DENY","MatchedRules":["no-imap"]}\n');
});

test("require and import expose the same API", () => {
  const required = requirePackage(project);
  const names = (module) => Object.keys(module).filter((name) => !["default", "initSync"].includes(name)).sort();
  assert.deepEqual(names(required), names(pkg));
  assert.ok(names(pkg).includes("Organization"));
});

test("responses are plain objects", () => {
  const org = pkg.Organization.fromJson(DOCUMENT);
  const response = org.call("ListAccessControlRules", {});
  assert.equal(Object.getPrototypeOf(response), Object.prototype);
  assert.deepEqual(response.Rules[1], { Name: "no-imap", Effect: "DENY", Description: "", Actions: ["IMAP"] });
  assert.deepEqual(org.call("DeleteAccessControlRule", { Name: "absent" }), {});
});

test("an API error is thrown as the AWS SDK v3 throws it", () => {
  const org = pkg.Organization.fromJson(DOCUMENT);
  assert.throws(
    () => org.call("GetImpersonationRole", { ImpersonationRoleId: "nope" }),
    (error) =>
      error instanceof Error &&
      error.name === "ResourceNotFoundException" &&
      error.message.includes("`nope`") &&
      !("decision" in error),
  );
  // A refusal that a decision of the semantics makes names it.
  assert.throws(
    () => org.call("GetAccessControlEffect", { ...IMAP, UserId: "S-1-1-11-9999999999" }),
    { name: "EntityNotFoundException", decision: "D11" },
  );
  assert.throws(() => org.call("GetAccessControlEffect", { ...IMAP, Action: "imap" }), {
    name: "InvalidParameterException",
    decision: "D7",
  });
  assert.throws(() => org.call("GetAccessControlEffect", { ...IMAP, Extra: 1 }), {
    name: "InvalidParameterException",
    message: /Extra/,
  });
});

test("an invalid document throws InvalidDocumentError with every diagnostic", () => {
  const text = '{\n  "AccessControlRules": [\n    {"Name": "x", "Effect": "MAYBE", "IpRanges": ["10.0.0.0/33"]}\n  ]\n}';
  let thrown;
  try {
    pkg.Organization.fromJson(text);
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown instanceof Error);
  assert.equal(thrown.name, "InvalidDocumentError");
  assert.ok(thrown.diagnostics.length >= 2, JSON.stringify(thrown.diagnostics));
  for (const diagnostic of thrown.diagnostics) {
    assert.deepEqual(
      Object.keys(diagnostic).filter((key) => key !== "help").sort(),
      ["code", "column", "line", "message", "path", "severity"],
    );
    assert.equal(diagnostic.line, 3);
    assert.match(thrown.message, new RegExp(diagnostic.path.replace(/[[\].]/g, "\\$&")));
  }
  assert.deepEqual(
    thrown.diagnostics.map((d) => d.path),
    ["AccessControlRules[0].Effect", "AccessControlRules[0].IpRanges[0]"],
  );
  assert.throws(() => pkg.Organization.fromJson("{"), { name: "InvalidDocumentError" });
});

test("an error's message shows 50 diagnostics and counts the rest; diagnostics holds all", () => {
  const rules = Array.from({ length: 10000 }, (_, at) => ({ Name: `r${at}`, Effect: "ALLOW", Actions: ["imap"] }));
  let thrown;
  try {
    pkg.Organization.fromJson(JSON.stringify({ AccessControlRules: rules }));
  } catch (error) {
    thrown = error;
  }
  assert.equal(thrown?.name, "InvalidDocumentError");
  assert.equal(thrown.diagnostics.length, 10000);
  assert.equal(thrown.diagnostics[9999].path, "AccessControlRules[9999].Actions[0]");
  const lines = thrown.message.split("\n");
  // The header, 50 diagnostics with their help lines, and the count of the rest.
  assert.equal(lines.length, 1 + 2 * 50 + 1);
  assert.equal(lines[0], "the document has 10000 errors:");
  assert.equal(lines.at(-1), "and 9950 more diagnostics not shown: 9950 errors");
});

test("load warnings are kept", () => {
  const org = pkg.Organization.fromJson('{"Rules": [], "ResponseMetadata": {}}');
  assert.deepEqual(org.warnings.map((w) => [w.code, w.severity, w.path]), [["unknown-member", "warning", "ResponseMetadata"]]);
  assert.deepEqual(org.call("ListAccessControlRules", {}), { Rules: [] });
});

test("explanations are the core's serde JSON, and their text is the command line's", () => {
  const org = pkg.Organization.fromJson(DOCUMENT);
  const explanation = org.explainAccess(IMAP);
  assert.equal(explanation.Effect, "DENY");
  assert.deepEqual(explanation.Request, { IpAddress: "192.0.2.1", Action: "IMAP", Principal: { UserId: "S-1-1-11-0000000001" } });
  assert.deepEqual(explanation.Rules.map((rule) => [rule.Name, rule.Matched, rule.Deciding]), [
    ["default", true, false],
    ["no-imap", true, true],
  ]);
  assert.match(org.explainAccessText(IMAP), /^DENY /);
  assert.throws(() => org.explainAccess({ ...IMAP, Action: "imap" }), { name: "InvalidParameterException" });
});

test("toJson keeps the emulator's state: ClientToken stays idempotent across a reload", () => {
  const org = pkg.Organization.fromJson(DOCUMENT);
  const request = { ClientToken: "once", Name: "Helpdesk", Type: "FULL_ACCESS", Rules: [{ ImpersonationRuleId: "jane", Effect: "ALLOW", TargetUsers: ["jane"] }] };
  const { ImpersonationRoleId: id } = org.call("CreateImpersonationRole", request);
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const { Token } = org.call("AssumeImpersonationRole", { ImpersonationRoleId: id });
  assert.match(Token, /^[\x21-\x7e]+$/);
  const reloaded = pkg.Organization.fromJson(org.toJson());
  assert.deepEqual(reloaded.call("CreateImpersonationRole", request), { ImpersonationRoleId: id });
  assert.equal(reloaded.call("ListImpersonationRoles", {}).Roles.length, 1);
  assert.ok(JSON.parse(reloaded.toJson()).Emulator.ImpersonationTokens.length === 1);
  assert.equal(reloaded.explainImpersonation({ ImpersonationRoleId: id, TargetUser: "JANE@example.com" }).Effect, "ALLOW");
});

test("bad calls throw named errors and never break the module", () => {
  const org = pkg.Organization.fromJson(DOCUMENT);
  const cycle = {};
  cycle.self = cycle;
  let deep = {};
  for (let level = 0; level < 1000; level += 1) deep = { IpAddress: deep };
  const inputs = [10n, cycle, deep, () => 1, Symbol("s"), null, [], "text", 1, NaN, { IpAddress: 1 }, { IpAddress: "x".repeat(100000) }];
  for (const input of inputs) {
    for (const operation of ["GetAccessControlEffect", "PutAccessControlRule", "ListImpersonationRoles"]) {
      assert.throws(
        () => org.call(operation, input),
        (error) => error instanceof Error && ["TypeError", "InvalidParameterException"].includes(error.name),
        `${operation} with ${typeof input}`,
      );
    }
  }
  assert.throws(() => org.call("ListGroups", {}), TypeError);
  assert.throws(() => org.call(undefined, {}), TypeError);
  assert.throws(() => pkg.Organization.fromJson(undefined), TypeError);
  assert.throws(() => pkg.Organization.fromJson(Buffer.from("{}")), TypeError);
  const nested = `${"[".repeat(100000)}1${"]".repeat(100000)}`;
  for (const text of ["", "null", "[1]", "\u0000", "{".repeat(10000), nested, '{"Users": [{"Id": 1}]}']) {
    assert.throws(() => pkg.Organization.fromJson(text), { name: "InvalidDocumentError" });
  }
  assert.deepEqual(org.call("ListAccessControlRules").Rules.length, 2, "the organization still answers");
});
