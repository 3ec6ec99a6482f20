// The analysis entry point of the installed package (`workmail-policy/analysis`): the decision
// table, the diff, lints, saved tests, the impersonated EWS request and what would change a
// decision. Each returns the core's JSON; the `...Text` twins return what the command line
// prints (compared byte for byte with the Rust command in cli.test.mjs). The main entry point
// answers without them, from a smaller module.

import assert from "node:assert/strict";
import { test } from "node:test";
import { importPackage, requirePackage, scratchProject } from "./support.mjs";

const project = scratchProject();
const pkg = await importPackage(project, "workmail-policy/analysis");
const { Organization } = pkg;

const JANE = "S-1-1-11-0000000001";
const DOCUMENT = JSON.stringify({
  OrganizationId: "m-0123456789abcdef0123456789abcdef",
  Users: [
    { Id: JANE, Email: "jane@example.com", Name: "jane", State: "ENABLED" },
    { Id: "S-1-1-11-0000000002", Email: "ceo@example.com", Name: "ceo", State: "ENABLED" },
  ],
  AccessControlRules: [
    { Name: "default", Effect: "ALLOW", Description: "Default WorkMail Rule" },
    { Name: "office-only", Effect: "DENY", Description: "", NotIpRanges: ["192.0.2.0/24"], Actions: ["IMAP"] },
    { Name: "never", Effect: "DENY", Description: "", Actions: ["SMTP"], NotActions: ["SMTP"] },
  ],
  ImpersonationRoles: [
    {
      ImpersonationRoleId: "archiver",
      Name: "Archiver",
      Type: "READ_ONLY",
      Rules: [
        { ImpersonationRuleId: "everyone", Effect: "ALLOW" },
        { ImpersonationRuleId: "not-the-ceo", Effect: "DENY", TargetUsers: ["ceo@example.com"] },
      ],
    },
  ],
});

const org = () => Organization.fromJson(DOCUMENT);

/** Calls `run` and returns what it threw. */
function thrown(run) {
  try {
    run();
  } catch (error) {
    return error;
  }
  assert.fail("it did not throw");
}

test("the decision table partitions every request, in each format", () => {
  const table = org().decisionTable();
  assert.deepEqual(Object.keys(table), ["AccessControl", "Impersonation", "MobileDeviceAccess"]);
  // The default mobile rule allows every device: one row.
  assert.deepEqual(table.MobileDeviceAccess.map((row) => row.Effect), ["ALLOW"]);
  const outside = table.AccessControl.find((row) => row.Effect === "DENY" && row.Actions.includes("IMAP"));
  assert.deepEqual(outside.MatchedRules, ["office-only"]);
  assert.ok(outside.Principals.some((principal) => principal.OtherUser === true));
  assert.deepEqual(table.Impersonation[0].Classes[0], {
    TargetUsers: [JANE],
    Effect: "ALLOW",
    MatchedRules: [{ ImpersonationRuleId: "everyone" }],
  });
  const text = org().decisionTableText();
  assert.equal(org().decisionTableText("text"), text);
  assert.match(text, /^DENY {3}IMAP {2}from any IP except 192\.0\.2\.0\/24/m);
  assert.match(org().decisionTableText("markdown"), /^## Access control\n\n\| Effect \| Actions \|/);
  assert.match(org().decisionTableText("csv"), /^IpRanges,Actions,Principals,Effect,MatchedRules\r?\n/);
  assert.equal(org().decisionTableText("csv", "access-control"), org().decisionTableText("csv"));
  assert.match(org().decisionTableText("csv", "impersonation"), /^ImpersonationRoleId,Type,Effect,TargetUsers,AllUsersExcept,MatchedRules\r?\n/);
  assert.match(org().decisionTableText("text", "impersonation"), /^role `archiver` "Archiver" \(READ_ONLY\)\n/);
  assert.ok(text.startsWith(org().decisionTableText(undefined, "access-control")));
  assert.throws(() => org().decisionTableText("csv", "both"), TypeError);
  assert.throws(() => org().decisionTableText("yaml"), TypeError);
  assert.equal(org().decisionTableText("text", "all"), text);
  assert.equal(org().decisionTableText("text", "both"), text, "`both` is the earlier name of `all`");
  assert.match(
    org().decisionTableText("csv", "mobile-device-access"),
    /^DeviceTypes,DeviceModels,DeviceOperatingSystems,DeviceUserAgents,Effect,MatchedRules\r?\n/,
  );
  assert.throws(() => org().decisionTableText("text", "mobile"), TypeError);
});

test("who can: the decision table filtered to a question, cut to it", () => {
  const question = { Actions: ["IMAP"], IpRange: "198.51.100.7" };
  const who = org().decisionTable(question);
  assert.deepEqual(who.AccessControl, [
    {
      IpRanges: ["198.51.100.7/32"],
      Actions: ["IMAP"],
      Principals: [{ UserId: JANE }, { UserId: "S-1-1-11-0000000002" }, { OtherUser: true }],
      Effect: "DENY",
      MatchedRules: ["office-only"],
    },
  ]);
  // Impersonation and mobile device access have no actions nor addresses: nothing is asked of them.
  assert.deepEqual([who.Impersonation, who.MobileDeviceAccess], [[], []]);
  assert.equal(
    org().decisionTableText("text", "access-control", question),
    "DENY   IMAP  from 198.51.100.7/32  for any user  [office-only]\n",
  );
  assert.deepEqual(org().decisionTable({}), org().decisionTable());
  const jane = org().decisionTable({ UserIds: ["jane@example.com"], Effect: "ALLOW", Actions: ["IMAP"] });
  assert.deepEqual(
    jane.AccessControl.map((row) => [row.IpRanges, row.Principals]),
    [[["192.0.2.0/24"], [{ UserId: JANE }]]],
  );
  const ceo = org().decisionTable({ ImpersonationRoleIds: ["archiver"], TargetUsers: ["ceo"] });
  assert.deepEqual(ceo.Impersonation[0].Classes, [
    { TargetUsers: ["S-1-1-11-0000000002"], Effect: "DENY", MatchedRules: [{ ImpersonationRuleId: "not-the-ceo" }] },
  ]);
  assert.match(org().decisionTableText("csv", "impersonation", { TargetUsers: ["ceo"] }), /,DENY,S-1-1-11-0000000002,,not-the-ceo\r?\n$/);
  for (const [filter, path, message] of [
    [{ Actions: ["imap"] }, "Actions[0]", "`Actions[0]`: `imap` is not an action; help: write it as AWS does: `IMAP`"],
    [{ IpRange: "198.51.100.0/33" }, "IpRange", /^`IpRange`: `198\.51\.100\.0\/33` is not an IPv4 address or CIDR range/],
    [{ ImpersonationRoleIds: ["nobody"] }, "ImpersonationRoleIds[0]", /does not exist in the organization/],
    [{ UserIds: ["archiver"] }, "UserIds[0]", /`archiver` is an impersonation role, not a user/],
  ]) {
    const error = thrown(() => org().decisionTable(filter));
    assert.equal(error.name, "InvalidParameterException");
    assert.equal(error.path, path);
    if (typeof message === "string") assert.equal(error.message, message);
    else assert.match(error.message, message);
  }
  const outside = thrown(() => org().decisionTableText("text", "impersonation", question));
  assert.equal(outside.path, "Actions");
  assert.throws(() => org().decisionTable({ Action: "IMAP" }), TypeError);
  assert.throws(() => org().decisionTable("IMAP"), TypeError);
});

test("the diff lists every changed class and fires the lockout guards", () => {
  const before = org();
  const after = org();
  assert.deepEqual(before.diff(after), { AccessControl: [], Impersonation: [], MobileDeviceAccess: [], Warnings: [] });
  assert.equal(before.diffText(after), "no decision changes\n");
  after.call("PutAccessControlRule", { Name: "default", Effect: "ALLOW", Description: "", IpRanges: ["10.0.0.0/8"] });
  const changes = before.diff(after, { MyIps: ["192.0.2.1"] });
  assert.ok(changes.AccessControl.length > 0);
  for (const change of changes.AccessControl) assert.notDeepEqual(change.Before, change.After);
  assert.deepEqual(
    changes.Warnings.map((warning) => warning.Guard),
    ["PrincipalLockedOut", "PrincipalLockedOut", "PrincipalLockedOut", "MyIpDenied"].filter((guard) =>
      changes.Warnings.some((warning) => warning.Guard === guard),
    ),
  );
  assert.ok(changes.Warnings.some((warning) => warning.Guard === "MyIpDenied" && warning.IpAddress === "192.0.2.1"));
  assert.match(before.diffText(after, { MyIps: ["192.0.2.1"] }), /^warning\[my-ip-denied\]: /m);
  assert.deepEqual(before.diff(after, {}), before.diff(after));
  assert.throws(() => before.diff(after, { MyIps: ["::1"] }), { name: "TypeError", message: /`options\.MyIps\[0\]`: `::1`/ });
  assert.throws(() => before.diff(after, { myIps: [] }), { name: "TypeError", message: /`myIps`/ });
  assert.throws(() => before.diff(after, "192.0.2.1"), TypeError);
  assert.throws(() => before.diff({}, {}), Error);
});

test("lints come with their documentation", () => {
  const report = org().lint();
  assert.deepEqual(report.Findings.map((finding) => finding.code), ["actions-all-excluded"]);
  assert.equal(report.Findings[0].path, "AccessControlRules[2].NotActions");
  assert.equal(report.Findings[0].line, undefined, "a loaded organization has no lines");
  assert.match(org().lintText(), /^warning\[actions-all-excluded\]: AccessControlRules\[2\]\.NotActions: [^\n]+\n(  help: [^\n]+\n)?1 warning, 0 infos\n$/);
  const located = pkg.lintDocument(DOCUMENT);
  assert.equal(located.Findings[0].line, 1);
  assert.ok(located.Findings[0].column > 1);
  assert.equal(thrown(() => pkg.lintDocument('{"AccessControlRules": 1}')).name, "InvalidDocumentError");
  const rules = pkg.lintRules();
  assert.equal(rules.length, 25);
  for (const rule of rules) {
    assert.deepEqual(Object.keys(rule), ["Code", "Severity", "Title", "What", "Why", "Example", "Fix"]);
    assert.match(pkg.lintRuleHelp(rule.Code), new RegExp(`^# ${rule.Code} \\(${rule.Severity}\\)\n`));
  }
  assert.equal(pkg.lintRuleHelp("no-such-lint"), undefined);
  assert.throws(() => pkg.lintRuleHelp(1), TypeError);
});

const TESTS = JSON.stringify({
  Tests: [
    { Name: "jane reads mail at the office", Request: { IpAddress: "192.0.2.7", Action: "IMAP", UserId: JANE }, Expect: { Effect: "ALLOW", MatchedRules: ["default"] } },
    { Name: "jane is blocked at home", Request: { IpAddress: "203.0.113.9", Action: "IMAP", UserId: JANE }, Expect: { Effect: "ALLOW" } },
    { Name: "the archiver reads jane", Request: { ImpersonationRoleId: "archiver", TargetUser: "jane" }, Expect: { Effect: "ALLOW", Type: "READ_ONLY" } },
    { Name: "an unknown user", Request: { IpAddress: "192.0.2.7", Action: "IMAP", UserId: "S-1-1-11-9999999999" }, Expect: { Effect: "DENY" } },
  ],
});

test("saved tests run against the organization", () => {
  const run = org().runTests(TESTS);
  assert.deepEqual(run.Results.map((result) => result.Passed), [true, false, true, false]);
  assert.deepEqual(run.Results[1].Actual, { Effect: "DENY", MatchedRules: ["office-only"] });
  assert.equal(run.Results[3].Error.Code, "EntityNotFoundException");
  assert.deepEqual(run.Warnings, []);
  const text = org().runTestsText(TESTS);
  assert.match(text, /^PASS jane reads mail at the office\nFAIL jane is blocked at home: /);
  assert.ok(text.endsWith("2 passed, 2 failed\n"));
  const warned = org().runTests(JSON.stringify({ Tests: [], Extra: 1 }));
  assert.deepEqual(warned.Warnings.map((w) => w.code), ["unknown-member"]);
});

test("saved tests of mobile device requests say which gate decided", () => {
  const mobile = Organization.fromJson(
    JSON.stringify({
      ...JSON.parse(DOCUMENT),
      MobileDeviceAccessRules: [{ MobileDeviceAccessRuleId: "deny-all", Name: "Deny all", Effect: "DENY" }],
      MobileDeviceAccessOverrides: [{ UserId: JANE, DeviceId: "PHONE1", Effect: "ALLOW" }],
    }),
  );
  const tests = JSON.stringify({
    Tests: [
      { Name: "any device", Request: { DeviceType: "iPhone" }, Expect: { Effect: "DENY", MatchedRules: ["deny-all"] } },
      { Name: "jane's phone", Request: { UserId: "jane", DeviceId: "phone1" }, Expect: { Effect: "ALLOW", DecidedBy: "RULES" } },
    ],
  });
  const run = mobile.runTests(tests);
  assert.deepEqual(run.Results.map((result) => result.Passed), [true, false]);
  assert.deepEqual(run.Results[1].Actual, {
    Effect: "ALLOW",
    MatchedRules: ["deny-all"],
    DecidedBy: "OVERRIDE",
  });
  assert.match(mobile.runTestsText(tests), /FAIL jane's phone: expected ALLOW decided by RULES, got ALLOW \[deny-all "Deny all"\] decided by OVERRIDE\n/);
});

test("properties hold for every request of ForAll, or name a request that fails", () => {
  const tests = JSON.stringify({
    Properties: [
      { Name: "IMAP only from the office", ForAll: { Actions: ["IMAP"], NotIpRanges: ["192.0.2.0/24"] }, Expect: { Effect: "DENY" } },
      { Name: "SMTP is closed", ForAll: { Actions: ["SMTP"], Principals: "Users" }, Expect: { Effect: "DENY" } },
      { Name: "the archiver never reads the CEO", ForAll: { ImpersonationRoleIds: ["archiver"], TargetUsers: ["ceo@example.com"] }, Expect: { Effect: "DENY" } },
    ],
  });
  const run = org().runTests(tests);
  assert.deepEqual(run.Results, []);
  assert.deepEqual(run.Properties.map((p) => [p.Name, p.Holds, p.FailingClasses]), [
    ["IMAP only from the office", true, 0],
    ["SMTP is closed", false, 1],
    ["the archiver never reads the CEO", true, 0],
  ]);
  const counterexample = run.Properties[1].Counterexample;
  assert.deepEqual(counterexample.Request, { IpAddress: "203.0.113.1", Action: "SMTP", UserId: JANE });
  assert.deepEqual(counterexample.Answer, { Effect: "ALLOW", MatchedRules: ["default"] });
  // The counterexample is a request the organization answers that way.
  assert.deepEqual(org().call("GetAccessControlEffect", counterexample.Request), { Effect: "ALLOW", MatchedRules: ["default"] });
  assert.match(org().runTestsText(tests), /^PASS IMAP only from the office\nFAIL SMTP is closed: expected DENY for every request; SMTP from 203\.0\.113\.1 for user `S-1-1-11-0000000001` gets ALLOW \[default\] \(1 class of requests fails\)\n/);
  assert.match(org().runTestsText(tests), /\n2 passed, 1 failed\n$/);
  const unknown = thrown(() =>
    org().runTests(JSON.stringify({ Properties: [{ Name: "x", ForAll: { ImpersonationRoleIds: ["ghost"] }, Expect: { Effect: "DENY" } }] })),
  );
  assert.equal(unknown.name, "InvalidDocumentError");
  assert.deepEqual(unknown.diagnostics.map((d) => [d.code, d.path]), [["unknown-role", "Properties[0].ForAll.ImpersonationRoleIds[0]"]]);
});

test("coverage names the rules, lists and entries no test or property exercised", () => {
  const tests = JSON.stringify({
    Tests: [{ Name: "home", Request: { IpAddress: "203.0.113.9", Action: "IMAP", UserId: JANE }, Expect: { Effect: "DENY" } }],
  });
  const found = org().coverage(tests);
  assert.equal(found.Total, found.Exercised + found.NotExercised.length);
  assert.ok(found.NotExercised.some((item) => item.Path === "AccessControlRules[1].NotIpRanges[0]" && item.Entry === "192.0.2.0/24"));
  assert.ok(found.NotExercised.some((item) => item.Path === "ImpersonationRoles[0].Rules[0]" && item.Item === "Matched"));
  assert.match(org().coverageText(tests), /^coverage: \d+ of \d+ items \(\d+(\.\d)?%\)\n/);
  assert.equal(thrown(() => org().coverage("{")).name, "InvalidDocumentError");
});

test("SARIF logs of lint findings, failing tests and broken guarantees", () => {
  const located = (log) => log.runs[0].results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri]);
  const lint = pkg.lintDocumentSarif(DOCUMENT, "org.json");
  assert.equal(lint.version, "2.1.0");
  assert.deepEqual(located(lint).find(([id]) => id === "actions-all-excluded"), ["actions-all-excluded", "org.json"]);
  const tests = JSON.stringify({ Properties: [{ Name: "nothing", ForAll: {}, Expect: { Effect: "DENY" } }] });
  assert.deepEqual(located(org().runTestsSarif(tests, "tests.json")), [["failing-property", "tests.json"]]);
  const after = org();
  after.call("PutAccessControlRule", { Name: "office-only", Effect: "DENY", Description: "", NotIpRanges: ["192.0.2.0/24"], Actions: ["IMAP", "WebMail"] });
  assert.deepEqual(located(org().checkChangeSarif(after, "NoLostAccess", "new.json")), [["no-lost-access", "new.json"]]);
});

test("version gates: no new access, no lost access, equivalent", () => {
  const before = org();
  const after = org();
  after.call("PutAccessControlRule", { Name: "office-only", Effect: "DENY", Description: "", NotIpRanges: ["192.0.2.0/24"], Actions: ["IMAP", "WebMail"] });
  assert.deepEqual(before.checkChange(after, "NoNewAccess"), { Guarantee: "NoNewAccess", Holds: true, Counterexamples: [], Classes: 0 });
  const lost = before.checkChange(after, "NoLostAccess");
  assert.equal(lost.Holds, false);
  assert.equal(lost.Classes, 1);
  assert.deepEqual(lost.Counterexamples[0].Request, { IpAddress: "203.0.113.1", Action: "WebMail", UserId: JANE });
  assert.deepEqual(lost.Counterexamples[0].Old, { Effect: "ALLOW", MatchedRules: ["default"] });
  assert.deepEqual(lost.Counterexamples[0].New, { Effect: "DENY", MatchedRules: ["office-only"] });
  assert.equal(before.checkChange(before, "Equivalent").Holds, true);
  assert.match(before.checkChangeText(after, "Equivalent"), /\ndoes not hold: equivalent; 1 class of requests breaks it\n$/);
  assert.throws(() => before.checkChange(after, "no-new-access"), { name: "TypeError", message: /NoNewAccess/ });
  assert.throws(() => before.checkChange(after), TypeError);
});

test("a broken tests file throws InvalidDocumentError with located diagnostics", () => {
  const error = thrown(() =>
    org().runTests('{"Tests": [\n  {"Name": "t", "Request": {"IpAddress": "::1", "Action": "IMAP"}, "Expect": {"Effect": "MAYBE"}}]}'),
  );
  assert.equal(error.name, "InvalidDocumentError");
  assert.deepEqual(
    error.diagnostics.map((d) => [d.path, d.line]),
    [
      ["Tests[0].Request.IpAddress", 2],
      ["Tests[0].Expect.Effect", 2],
    ].filter(([path]) => error.diagnostics.some((d) => d.path === path)),
  );
  assert.ok(error.diagnostics.length >= 2);
  assert.equal(thrown(() => org().runTests("{")).name, "InvalidDocumentError");
  assert.throws(() => org().runTests({ Tests: [] }), TypeError);
});

test("an impersonated EWS request is answered stage by stage", () => {
  const organization = org();
  const request = { Credential: { ImpersonationRoleId: "archiver" }, IpAddress: "192.0.2.7", TargetUser: "jane@example.com", EwsOperation: "FindItem" };
  const answer = organization.impersonate(request);
  assert.equal(answer.Verdict, "ALLOW");
  assert.deepEqual(
    [answer.Credential.Outcome, answer.AccessControl.Outcome, answer.RoleRules.Outcome, answer.RoleType.Outcome],
    ["Passed", "Passed", "Passed", "Passed"],
  );
  assert.equal(organization.impersonate({ ...request, EwsOperation: "DeleteItem" }).RoleType.Outcome, "Failed");
  assert.equal(organization.impersonate({ ...request, TargetUser: "ceo" }).Verdict, "DENY");
  assert.match(organization.impersonateText(request), /^ALLOW {2}EWS `FindItem` as role `archiver` from 192\.0\.2\.7/);

  const { Token } = organization.call("AssumeImpersonationRole", { ImpersonationRoleId: "archiver" });
  const now = Date.now() / 1000;
  const withToken = { ...request, Credential: { Token } };
  assert.equal(organization.impersonate(withToken).Credential.Finding, "TokenValid");
  assert.equal(organization.impersonate(withToken, now + 3600).Credential.Finding, "TokenExpired");
  assert.equal(organization.impersonate(withToken, new Date((now + 3600) * 1000)).Credential.Finding, "TokenExpired");
  assert.equal(organization.impersonate({ ...request, Credential: { Token: "x".repeat(40) } }).Credential.Finding, "TokenUnknown");

  const unknown = thrown(() => organization.impersonate({ ...request, EwsOperation: "getitem" }));
  assert.equal(unknown.name, "InvalidParameterException");
  assert.match(unknown.message, /did you mean `GetItem`/);
  assert.equal(thrown(() => organization.impersonate({ ...request, IpAddress: "::1" })).name, "InvalidParameterException");
  assert.equal(thrown(() => organization.impersonate({ IpAddress: "192.0.2.7" })).name, "InvalidParameterException");
  assert.throws(() => organization.impersonate(request, "tomorrow"), TypeError);
  assert.throws(() => organization.impersonate(request, NaN), TypeError);
});

test("what would change a decision: single verified edits", () => {
  const organization = org();
  const request = { IpAddress: "203.0.113.9", Action: "IMAP", UserId: JANE };
  const changes = organization.whatWouldChange(request);
  assert.equal(changes.Effect, "DENY");
  assert.deepEqual(changes.MatchedRules, ["office-only"]);
  assert.ok(changes.Suggestions.length > 0);
  for (const suggestion of changes.Suggestions) assert.equal(suggestion.Effect, "ALLOW");
  assert.ok(changes.Suggestions.some((s) => s.Edit.Edit === "RemoveRule" && s.Edit.Rule.AccessControlRule === "office-only"));
  assert.match(organization.whatWouldChangeText(request), /^now DENY \[office-only\]\nsingle edits that give ALLOW:\n/);
  const role = organization.whatWouldChange({ ImpersonationRoleId: "archiver", TargetUser: "ceo" });
  assert.equal(role.Effect, "DENY");
  assert.equal(thrown(() => organization.whatWouldChange({ ...request, Extra: 1 })).name, "InvalidParameterException");
  assert.equal(thrown(() => organization.whatWouldChange({ ...request, UserId: "S-1-1-11-9999999999" })).name, "EntityNotFoundException");
});

test("replay: audit events from an iterable or an async iterable, as `replay --output json` reports them", async () => {
  const proposed = org();
  const current = Organization.fromJson(JSON.stringify({ ...JSON.parse(DOCUMENT), AccessControlRules: undefined }));
  const event = (time, ip, protocol = "IMAP", user = JANE) => ({ event_timestamp: time, user_id: user, protocol, source_ip: ip });
  const events = [
    JSON.stringify(event(2000, "203.0.113.9")),
    `${JSON.stringify(event(1000, "203.0.113.9"))}\n${JSON.stringify(event(3000, "192.0.2.1"))}`,
    event(4000, "198.51.100.1", "OutgoingEmail"),
    { events: [{ timestamp: 1, message: JSON.stringify({ ...event(5000, "192.0.2.9", "EWS", "ceo@example.com"), impersonator_id: "archiver" }) }] },
    "{broken",
  ];
  const report = await proposed.replayAgainst(current, events);
  assert.equal(report.Events, 6);
  assert.deepEqual(report.Skipped, { malformed: 1, "not-access-controlled": 1 });
  assert.deepEqual(report.Problems, [{ Source: "events", Line: 6, Message: "column 2: not JSON: key must be a string" }]);
  const [first, ...rest] = report.Requests;
  assert.deepEqual(first.Request, { IpAddress: "203.0.113.9", Action: "IMAP", UserId: JANE });
  assert.deepEqual([first.Outcome, first.Count, first.FirstSeen, first.LastSeen], ["NewlyDenied", 2, 1000, 2000]);
  assert.deepEqual(first.Proposed, { Effect: "DENY", MatchedRules: ["office-only"] });
  assert.deepEqual(first.Baseline, { Effect: "ALLOW", MatchedRules: ["default"] });
  // The archiver reached the CEO's mailbox: access control allows the role, its rules do not.
  const impersonated = rest.find((request) => request.Request.ImpersonationRoleId === "archiver");
  assert.deepEqual(impersonated.Request, { IpAddress: "192.0.2.9", Action: "EWS", ImpersonationRoleId: "archiver" });
  assert.equal(impersonated.TargetUser, "ceo@example.com");
  assert.equal(impersonated.Outcome, "Denied");
  assert.deepEqual(impersonated.Proposed, {
    Effect: "DENY",
    MatchedRules: ["default"],
    Impersonation: { Effect: "DENY", MatchedRules: [{ ImpersonationRuleId: "not-the-ceo" }] },
  });
  assert.equal(report.Summary[0].Network, "203.0.113.0/24");

  async function* slowly() {
    for (const item of events) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      yield item;
    }
  }
  assert.deepEqual(await proposed.replayAgainst(current, slowly()), report);
  const alone = await proposed.replay(events);
  assert.equal(alone.Requests[0].Outcome, "Denied");
  assert.equal(alone.Requests[0].Baseline, undefined);
  assert.throws(() => proposed.replay(5), { name: "TypeError" });
  // The baseline is lent, not taken: it still answers afterwards.
  assert.equal(current.lint().Findings.length >= 0, true);
});

test("the analysis is its own entry point; both answer alike, through import and require", async () => {
  const main = await importPackage(project);
  for (const name of ["decisionTable", "diff", "lint", "runTests", "impersonate", "whatWouldChange"]) {
    assert.equal(typeof main.Organization.prototype[name], "undefined", `${name} is not in the main module`);
    assert.equal(typeof Organization.prototype[name], "function", `${name} is in the analysis module`);
  }
  assert.equal(main.lintDocument, undefined);
  const required = requirePackage(project, "workmail-policy/analysis");
  const request = { IpAddress: "198.51.100.7", Action: "IMAP", UserId: JANE };
  const answer = main.Organization.fromJson(DOCUMENT).call("GetAccessControlEffect", request);
  assert.deepEqual(answer, { Effect: "DENY", MatchedRules: ["office-only"] });
  assert.deepEqual(org().call("GetAccessControlEffect", request), answer);
  assert.deepEqual(required.Organization.fromJson(DOCUMENT).call("GetAccessControlEffect", request), answer);
  assert.equal(required.Organization.fromJson(DOCUMENT).lint().Findings.length, org().lint().Findings.length);
});
