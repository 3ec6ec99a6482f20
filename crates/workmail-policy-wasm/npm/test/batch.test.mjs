// Batch evaluation in the installed package: `callMany`, `callManyJson` and `accessEffects`
// answer exactly as one `call` per input does, valid and broken inputs alike, across every
// document of the shared corpus. Speed is measured in crates/xtask/bench/npm.mjs, never here.

import assert from "node:assert/strict";
import { test } from "node:test";
import { importPackage, loadCases, scratchProject } from "./support.mjs";

const project = scratchProject();
const { Organization } = await importPackage(project);
const cases = loadCases();

/** What one `call` gives: the response, or the error as `callMany` writes it. */
function answer(org, operation, input) {
  try {
    return org.call(operation, input);
  } catch (error) {
    return { Error: { Code: error.name, Message: error.message } };
  }
}

/** Every `GetAccessControlEffect` input of the corpus without placeholders, and broken variants
 * of each. */
function accessInputs() {
  const inputs = [];
  for (const { case: kase } of cases) {
    for (const step of kase.Steps) {
      if (step.Operation !== "GetAccessControlEffect" || JSON.stringify(step.Input ?? {}).includes("{{")) continue;
      const input = step.Input ?? {};
      inputs.push(
        input,
        { ...input, IpAddress: "192.0.2.300" },
        { ...input, IpAddress: 3232235521 },
        { ...input, Action: "imap" },
        { ...input, Extra: "x" },
        { ...input, OrganizationId: "m-ffffffffffffffffffffffffffffffff" },
        { ...input, UserId: "S-1-1-11-9999999999" },
        { ...input, ImpersonationRoleId: "helpdesk" },
        { IpAddress: input.IpAddress, Action: "EWS", ImpersonationRoleId: "nope" },
      );
    }
  }
  inputs.push({}, null, [], "text", 1, { IpAddress: "192.0.2.1", Action: "IMAP", UserId: ["x"] });
  return inputs;
}

test("callMany and callManyJson answer every GetAccessControlEffect input as call does", () => {
  const inputs = accessInputs();
  assert.ok(inputs.length > 100, `${inputs.length} inputs`);
  for (const { name, case: kase } of cases) {
    const org = Organization.fromJson(JSON.stringify(kase.Document ?? {}));
    const expected = inputs.map((input) => answer(org, "GetAccessControlEffect", input));
    assert.deepEqual(org.callMany("GetAccessControlEffect", inputs), expected, name);
    assert.deepEqual(JSON.parse(org.callManyJson("get-access-control-effect", JSON.stringify(inputs))), expected, name);
  }
});

test("accessEffects answers as call does, each distinct answer once", () => {
  const inputs = accessInputs().filter((input) => input !== null && typeof input === "object" && !Array.isArray(input));
  const column = (name) => inputs.map((input) => (name in input ? input[name] : null));
  for (const { name, case: kase } of cases) {
    const org = Organization.fromJson(JSON.stringify(kase.Document ?? {}));
    const plain = inputs.map(({ IpAddress, Action, UserId, ImpersonationRoleId }) =>
      Object.fromEntries(Object.entries({ IpAddress, Action, UserId, ImpersonationRoleId }).filter(([, v]) => v != null)),
    );
    const expected = plain.map((input) => answer(org, "GetAccessControlEffect", input));
    const { Answers, Index } = org.accessEffects({
      IpAddress: column("IpAddress"),
      Action: column("Action"),
      UserId: column("UserId"),
      ImpersonationRoleId: column("ImpersonationRoleId"),
    });
    assert.ok(Index instanceof Uint32Array);
    assert.deepEqual(Array.from(Index, (at) => Answers[at]), expected, name);
    const responses = Answers.filter((a) => !a.Error).map((a) => JSON.stringify(a));
    assert.equal(new Set(responses).size, responses.length, "each response appears once");
  }
});

test("accessEffects takes addresses as numbers and one value for every request", () => {
  const org = Organization.fromJson(JSON.stringify(cases.find(({ name }) => name === "aws-cli-example.json")?.case.Document ?? {}));
  const user = "S-1-1-11-1111111111-2222222222-3333333333-3333";
  const { Answers, Index } = org.accessEffects({ IpAddress: Uint32Array.of(0xc0000200, 0x0a000001), Action: "IMAP", UserId: user });
  const expected = ["192.0.2.0", "10.0.0.1"].map((IpAddress) => answer(org, "GetAccessControlEffect", { IpAddress, Action: "IMAP", UserId: user }));
  assert.deepEqual(Array.from(Index, (at) => Answers[at]), expected);
  assert.equal(Answers.length, 1);
  assert.deepEqual(org.accessEffects({ IpAddress: [], Action: "IMAP" }), { Answers: [], Index: new Uint32Array() });
});

test("a sweep over numeric addresses answers as call does, for valid and refused requests", () => {
  // Addresses as numbers and every other member shared: the package checks the shared members
  // once, so every kind of shared member is tried against every corpus document.
  const addresses = Uint32Array.from({ length: 600 }, (_, at) => (Math.imul(at, 0x9e3779b1) ^ (at << 24)) >>> 0);
  addresses[0] = 0xc0000207;
  const dotted = (number) => [24, 16, 8, 0].map((shift) => (number >>> shift) & 255).join(".");
  for (const { name, case: kase } of cases) {
    const org = Organization.fromJson(JSON.stringify(kase.Document ?? {}));
    const users = (kase.Document?.Users ?? []).map((user) => user.Id).slice(0, 2);
    const roles = (kase.Document?.ImpersonationRoles ?? []).map((role) => role.ImpersonationRoleId).slice(0, 1);
    const shared = [
      ...users.flatMap((UserId) => [{ Action: "IMAP", UserId }, { Action: "EWS", UserId }, { Action: "imap", UserId }]),
      ...roles.flatMap((ImpersonationRoleId) => [{ Action: "EWS", ImpersonationRoleId }, { Action: "IMAP", ImpersonationRoleId }]),
      { Action: "IMAP", UserId: "S-1-1-11-0000000001" },
      { Action: "WebMail", UserId: "S-1-1-11-9999999999" },
      { Action: "EWS", ImpersonationRoleId: "nope" },
      { Action: "IMAP", UserId: "S-1-1-11-0000000001", ImpersonationRoleId: "nope" },
      { Action: "IMAP" },
      { UserId: "S-1-1-11-0000000001" },
    ];
    for (const members of shared) {
      const expected = Array.from(addresses, (number) =>
        answer(org, "GetAccessControlEffect", { IpAddress: dotted(number), ...members }));
      const { Answers, Index } = org.accessEffects({ IpAddress: addresses, ...members });
      assert.deepEqual(Array.from(Index, (at) => Answers[at]), expected, `${name} ${JSON.stringify(members)}`);
    }
  }
});

test("accessEffects refuses a malformed call with a TypeError", () => {
  const org = Organization.fromJson("{}");
  for (const requests of [
    undefined,
    [],
    "text",
    { Action: "IMAP" },
    { IpAddress: "192.0.2.1", Action: "IMAP" },
    { IpAddress: ["192.0.2.1"], Action: ["IMAP", "SMTP"] },
    { IpAddress: ["192.0.2.1"], Action: "IMAP", OrganizationId: "m-0123456789abcdef0123456789abcdef" },
    { IpAddress: ["192.0.2.1"], Action: "IMAP", UserId: Uint32Array.of(1) },
  ]) {
    assert.throws(() => org.accessEffects(requests), TypeError, JSON.stringify(requests));
  }
});

test("callMany runs any operation in order, a change seen by the inputs after it", () => {
  const org = Organization.fromJson(JSON.stringify(cases.find(({ name }) => name === "aws-cli-example.json")?.case.Document ?? {}));
  const imap = { IpAddress: "192.0.2.1", Action: "IMAP", UserId: "S-1-1-11-1111111111-2222222222-3333333333-4444" };
  assert.deepEqual(org.callMany("GetAccessControlEffect", [imap]), [{ Effect: "ALLOW", MatchedRules: ["default"] }]);
  const put = org.callMany("PutAccessControlRule", [
    { Name: "no-imap", Effect: "DENY", Description: "", Actions: ["IMAP"] },
    { Name: "bad name", Effect: "DENY", Description: "" },
  ]);
  assert.deepEqual(put[0], {});
  assert.equal(put[1].Error.Code, "InvalidParameterException");
  assert.deepEqual(org.callMany("GetAccessControlEffect", [imap]), [{ Effect: "DENY", MatchedRules: ["no-imap"] }], "the cache follows changes by callMany");
  org.call("DeleteAccessControlRule", { Name: "no-imap" });
  assert.deepEqual(org.callMany("GetAccessControlEffect", [imap]), [{ Effect: "ALLOW", MatchedRules: ["default"] }], "and by call");
  const roles = org.callMany("CreateImpersonationRole", [
    { Name: "a", Type: "READ_ONLY", Rules: [] },
    { Name: "b", Type: "FULL_ACCESS", Rules: [] },
  ]);
  assert.equal(org.callMany("ListImpersonationRoles", [{}])[0].Roles.length, 2);
  assert.notEqual(roles[0].ImpersonationRoleId, roles[1].ImpersonationRoleId);
  assert.deepEqual(org.callMany("ListAccessControlRules", []), []);
});

test("callMany refuses a malformed call with a TypeError", () => {
  const org = Organization.fromJson("{}");
  assert.throws(() => org.callMany("GetAccessControlEffect", {}), TypeError);
  assert.throws(() => org.callMany("ListGroups", []), TypeError);
  assert.throws(() => org.callMany("GetAccessControlEffect", [10n]), TypeError);
  assert.throws(() => org.callManyJson("GetAccessControlEffect", "{"), TypeError);
  assert.throws(() => org.callManyJson("GetAccessControlEffect", []), TypeError);
  assert.deepEqual(org.callMany("ListAccessControlRules", [undefined])[0].Error.Code, "InvalidParameterException");
});
