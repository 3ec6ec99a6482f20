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

/** The answer `callManyJson` gives `input`: the JSON path, which never codes a request. */
function reference(org, input) {
  return JSON.parse(org.callManyJson("GetAccessControlEffect", `[${JSON.stringify(input) ?? "null"}]`))[0];
}

/** JavaScript values of every kind a caller may pass as a request: `call` and `callMany` code
 * plain objects of strings, and read anything else as `JSON.stringify` writes it. */
function unusualInputs() {
  const user = "S-1-1-11-1111111111-2222222222-3333333333-3333";
  const base = { IpAddress: "192.0.2.1", Action: "IMAP", UserId: user };
  class Request {
    constructor() {
      Object.assign(this, base);
    }
  }
  class Serialized {
    toJSON() {
      return { ...base, Action: "EWS" };
    }
  }
  const bare = Object.assign(Object.create(null), base);
  const inherited = Object.assign(Object.create({ UserId: "S-1-1-11-9999999999" }), { IpAddress: "192.0.2.1", Action: "IMAP" });
  const getter = { IpAddress: "192.0.2.1", Action: "IMAP", get UserId() { return user; } };
  const inputs = [
    base,
    { Action: "imap", IpAddress: "192.0.2.01", UserId: user },
    { IpAddress: "192.0.2.01", Action: "imap", UserId: user },
    { UserId: "", Action: "imap", IpAddress: "" },
    { ...base, UserId: undefined },
    { ...base, Extra: undefined },
    { ...base, ImpersonationRoleId: undefined, OrganizationId: undefined },
    { ...base, UserId: null },
    { ...base, toJSON: () => ({ ...base, Action: "SMTP" }) },
    new Request(),
    new Serialized(),
    bare,
    inherited,
    getter,
    { ...base, IpAddress: "１.2.3.4" },
    { ...base, IpAddress: "1.2.3.4\u00e9" },
    { ...base, IpAddress: "\u{1f600}" },
    { ...base, IpAddress: "\ufffd" },
    { ...base, IpAddress: "192.0.2.1 " },
    { ...base, IpAddress: "0.0.0.0" },
    { ...base, IpAddress: "255.255.255.255" },
    { ...base, IpAddress: "256.0.0.1" },
    { ...base, IpAddress: "1.2.3.4.5" },
    { ...base, IpAddress: new String("192.0.2.1") },
    { ...base, Action: "EWS", UserId: "\u00e9l\u00e8ve@example.com" },
    { ...base, UserId: user, ImpersonationRoleId: "helpdesk" },
    { IpAddress: "192.0.2.1", Action: "EWS", ImpersonationRoleId: "helpdesk" },
    { IpAddress: "192.0.2.1", Action: "IMAP", ImpersonationRoleId: "helpdesk" },
    { ...base, OrganizationId: "m-0123456789abcdef0123456789abcdef" },
    { ...base, OrganizationId: "m-0123" },
    new Map(Object.entries(base)),
    new Date(0),
    [base],
    undefined,
    null,
    "text",
    7,
  ];
  return inputs;
}

test("call and callMany read every kind of JavaScript value as JSON.stringify writes it", () => {
  const inputs = unusualInputs();
  for (const { name, case: kase } of cases) {
    const org = Organization.fromJson(JSON.stringify(kase.Document ?? {}));
    const expected = inputs.map((input) => reference(org, input));
    assert.deepEqual(org.callMany("GetAccessControlEffect", inputs), expected, name);
    inputs.forEach((input, at) => {
      // `call` with no input asks with `{}` (a batch writes `undefined` as `null`).
      const want = input === undefined ? reference(org, {}) : expected[at];
      assert.deepEqual(answer(org, "GetAccessControlEffect", input), want, `${name}: input ${at}`);
    });
  }
});

test("members added to Object.prototype are read as JSON.stringify reads them", () => {
  const org = Organization.fromJson("{}");
  const input = { IpAddress: "192.0.2.1", Action: "IMAP" };
  for (const [name, descriptor] of [
    ["UserId", { value: "S-1-1-11-1111111111", enumerable: true, configurable: true }],
    ["toJSON", { value: () => ({ ...input, UserId: "S-1-1-11-1111111111" }), configurable: true }],
  ]) {
    Object.defineProperty(Object.prototype, name, descriptor);
    try {
      const expected = reference(org, input);
      assert.deepEqual(org.callMany("GetAccessControlEffect", [input]), [expected], name);
      assert.deepEqual(answer(org, "GetAccessControlEffect", input), expected, name);
    } finally {
      delete Object.prototype[name];
    }
  }
});

test("a lone surrogate is refused as call refuses it, wherever it is", () => {
  const org = Organization.fromJson("{}");
  for (const member of ["IpAddress", "Action", "UserId"]) {
    const input = { IpAddress: "192.0.2.1", Action: "IMAP", UserId: "S-1-1-11-1111111111", [member]: "x\ud800" };
    assert.throws(() => org.call("GetAccessControlEffect", input), { name: "TypeError" }, member);
    assert.throws(() => org.callMany("GetAccessControlEffect", [input]), { name: "TypeError" }, member);
  }
});

test("answers follow the organization's changes between batches, and never share objects", () => {
  const org = Organization.fromJson(
    JSON.stringify({
      Rules: [
        { Name: "default", Effect: "ALLOW", Description: "" },
        { Name: "no-webmail", Effect: "DENY", Description: "", Actions: ["WebMail"] },
      ],
    }),
  );
  const requests = [
    { IpAddress: "192.0.2.1", Action: "EWS", ImpersonationRoleId: "helpdesk" },
    { IpAddress: "192.0.2.2", Action: "IMAP", UserId: "S-1-1-11-1111111111" },
  ];
  const before = org.callMany("GetAccessControlEffect", requests);
  assert.equal(before[0].Error.Code, "ResourceNotFoundException");
  const { ImpersonationRoleId } = org.call("CreateImpersonationRole", {
    Name: "helpdesk",
    Type: "READ_ONLY",
    Rules: [{ ImpersonationRuleId: "all", Name: "all", Effect: "ALLOW", TargetUsers: ["S-1-1-11-1111111111"] }],
  });
  const asked = [{ ...requests[0], ImpersonationRoleId }, requests[1], requests[1]];
  const after = org.callMany("GetAccessControlEffect", asked);
  assert.deepEqual(after, asked.map((input) => reference(org, input)));
  assert.notEqual(after[1], after[2], "equal answers are distinct objects");
  after[1].MatchedRules.push("changed");
  assert.deepEqual(after[2].MatchedRules, ["default"]);
});

test("a coder that has met more texts than it keeps starts numbering again, answering the same", () => {
  const org = Organization.fromJson("{}");
  const requests = Array.from({ length: 70_000 }, (_, at) => ({
    IpAddress: `10.${(at >> 16) & 255}.${(at >> 8) & 255}.${at & 255}`,
    Action: "IMAP",
    UserId: `S-1-1-11-${String(1_000_000_000 + at)}`,
  }));
  const first = org.callMany("GetAccessControlEffect", requests);
  const second = org.callMany("GetAccessControlEffect", requests.slice().reverse());
  assert.deepEqual(second, first.slice().reverse());
  assert.equal(new Set(first.map((answer) => JSON.stringify(answer))).size, 1);
  assert.deepEqual(first[0], { Effect: "ALLOW", MatchedRules: ["default"] });
});

test("addresses are read as the core reads them, whichever path answers", () => {
  // Texts near the address grammar: digits, dots, leading zeros, octets past 255, other
  // characters; the coder reads some as numbers and leaves the rest to `call`'s path.
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const octets = ["0", "1", "9", "10", "25", "99", "100", "199", "249", "250", "255", "256", "01", "001", "300", "1000", "", " 1", "a", "\u0661", "１"];
  const texts = ["0.0.0.0", "255.255.255.255", "1.2.3.04", "1.2.3", "1.2.3.4.5", "192.0.2.1"];
  for (let at = 0; at < 3000; at++) {
    const parts = random() < 0.8 ? 4 : pick([1, 3, 5]);
    const octet = () => (random() < 0.7 ? pick(octets.slice(0, 11)) : pick(octets));
    texts.push(Array.from({ length: parts }, octet).join(random() < 0.9 ? "." : pick(["..", ",", ""])));
  }
  const org = Organization.fromJson("{}");
  const requests = texts.map((IpAddress) => ({ IpAddress, Action: "IMAP", UserId: "S-1-1-11-1111111111" }));
  const expected = requests.map((request) => reference(org, request));
  assert.ok(expected.filter((answer) => !answer.Error).length > 50, "some texts are addresses");
  assert.deepEqual(org.callMany("GetAccessControlEffect", requests), expected);
  const { Answers, Index } = org.accessEffects({ IpAddress: texts, Action: "IMAP", UserId: "S-1-1-11-1111111111" });
  assert.deepEqual(Array.from(Index, (at) => Answers[at]), expected);
});

test("texts that name an object's own members are numbered as any other text", () => {
  const org = Organization.fromJson(
    JSON.stringify({ Users: [{ Id: "S-1-1-11-1111111111", Name: "a", Email: "a@example.com", State: "ENABLED" }] }),
  );
  const texts = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "0", "1", "4294967295", "length", "IMAP"];
  const requests = [];
  for (const text of texts) {
    requests.push(
      { IpAddress: "192.0.2.1", Action: text, UserId: "S-1-1-11-1111111111" },
      { IpAddress: "192.0.2.1", Action: "IMAP", UserId: text },
      { IpAddress: "192.0.2.1", Action: "EWS", ImpersonationRoleId: text },
      { OrganizationId: text, IpAddress: "192.0.2.1", Action: "IMAP", UserId: "S-1-1-11-1111111111" },
    );
  }
  const expected = requests.map((request) => reference(org, request));
  assert.deepEqual(org.callMany("GetAccessControlEffect", requests), expected);
  assert.deepEqual(org.callMany("GetAccessControlEffect", requests.slice().reverse()), expected.slice().reverse(), "numbered again");
});

test("batches of every size, one after another, answer as call does", () => {
  const org = Organization.fromJson(
    JSON.stringify({
      Rules: [
        { Name: "default", Effect: "ALLOW", Description: "" },
        { Name: "inside", Effect: "DENY", Description: "", Actions: ["IMAP"], NotIpRanges: ["10.0.0.0/8"] },
      ],
    }),
  );
  const request = (at) => ({
    IpAddress: at % 2 === 0 ? `10.0.${(at >> 8) & 255}.${at & 255}` : `192.0.2.${at & 255}`,
    Action: at % 3 === 0 ? "EWS" : "IMAP",
    UserId: "S-1-1-11-1111111111",
  });
  // Sizes below and above the batch whose numbers a coder keeps an array for between batches.
  for (const size of [10, 3, 0, 60_000, 7, 20_000, 1]) {
    const requests = Array.from({ length: size }, (_, at) => request(at + size));
    const expected = JSON.parse(org.callManyJson("GetAccessControlEffect", JSON.stringify(requests)));
    assert.deepEqual(org.callMany("GetAccessControlEffect", requests), expected, `${size}`);
  }
});
