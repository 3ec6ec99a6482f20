// The TypeScript declarations, checked with `tsc --strict --noEmit` in a scratch project that
// installed the packed tarball: typed consumers (ESM, CommonJS, bundler), `@ts-expect-error` on
// mistyped calls, and every request, response and explanation the corpus produces written out
// as object literals of the declared types, so any drift between the declarations and the Rust
// types (a member missing, added or renamed) fails to compile.

import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { execute, importPackage, loadCases, runCase, scratchProject, tsc } from "./support.mjs";

const project = scratchProject();
const pkg = await importPackage(project);
const analyzer = await importPackage(project, "workmail-policy/analysis");

const STRICT = {
  strict: true,
  noEmit: true,
  target: "es2022",
  // `esnext.disposable` declares `Symbol.dispose`, which wasm-bindgen's classes implement (for
  // `using`); @types/node declares it too, and `skipLibCheck` (tsc's default setup) needs neither.
  lib: ["es2022", "esnext.disposable"],
  types: [],
  skipLibCheck: false,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  isolatedModules: true,
};

/** Writes a tsconfig for `files` in a folder of the scratch project and runs `tsc -p` on it. */
function typecheck(name, compilerOptions, files) {
  const dir = join(project, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { ...STRICT, ...compilerOptions }, files: Object.keys(files) }, null, 2),
  );
  return execute(tsc, ["--strict", "--noEmit", "-p", join(dir, "tsconfig.json"), "--pretty", "false"], { cwd: dir });
}

const NODE = { module: "nodenext", moduleResolution: "nodenext" };
const BUNDLER = { module: "esnext", moduleResolution: "bundler", lib: ["es2022", "esnext.disposable", "dom"] };
const DEFAULTS = { module: "nodenext", moduleResolution: "nodenext", lib: ["es2022"], skipLibCheck: true };

const ESM_CONSUMER = `
import {
  Organization,
  type AccessEffects,
  type AccessExplanation,
  type AnswerOf,
  type ApiError,
  type Decision,
  type Diagnostic,
  type ImpersonationExplanation,
  type InvalidDocumentError,
  type OperationName,
  type RequestOf,
  type ResponseOf,
} from "workmail-policy";

const org: Organization = Organization.fromJson("{}");
const effect = org.call("GetAccessControlEffect", { IpAddress: "192.0.2.1", Action: "IMAP", UserId: "S-1-1-11-0000000001" });
export const decided: "ALLOW" | "DENY" = effect.Effect;
export const names: string[] = effect.MatchedRules;
export const first: string | undefined = org.call("ListAccessControlRules", {}).Rules[0]?.Name;
const created = org.call("CreateImpersonationRole", { Name: "n", Type: "READ_ONLY", Rules: [{ ImpersonationRuleId: "r", Effect: "ALLOW", TargetUsers: ["jane"] }] });
const role = org.call("GetImpersonationRole", { ImpersonationRoleId: created.ImpersonationRoleId });
export const kind: "FULL_ACCESS" | "READ_ONLY" = role.Type;
export const next: string | undefined = org.call("ListImpersonationRoles", { MaxResults: 5 }).NextToken;
export const seconds: number = org.call("AssumeImpersonationRole", { ImpersonationRoleId: created.ImpersonationRoleId }).ExpiresIn;
export const nothing: Record<string, never> = org.call("DeleteAccessControlRule", { Name: "x" });

const access: AccessExplanation = org.explainAccess({ IpAddress: "192.0.2.1", Action: "EWS", ImpersonationRoleId: created.ImpersonationRoleId });
export const ranges: string[] = access.Rules.flatMap((rule) =>
  rule.Conditions.flatMap((condition) => (condition.Finding === "IpInRange" ? [condition.Range] : [])),
);
const impersonation: ImpersonationExplanation = org.explainImpersonation({ ImpersonationRoleId: created.ImpersonationRoleId, TargetUser: "jane" });
export const resolvedBy = impersonation.Target.Resolved?.By;
export const text: string = org.explainAccessText({ IpAddress: "192.0.2.1", Action: "IMAP", UserId: "u" }) + org.explainImpersonationText({ ImpersonationRoleId: "r", TargetUser: "t" });
export const document: string = org.toJson();
export const warnings: Diagnostic[] = org.warnings;

export function describe(error: unknown): string {
  if (error instanceof Error && error.name === "InvalidDocumentError") {
    return (error as InvalidDocumentError).diagnostics.map((d) => \`\${d.line}:\${d.column} \${d.message}\`).join("\\n");
  }
  const refusal = error as ApiError;
  const decision: Decision | undefined = refusal.decision;
  return decision === undefined ? refusal.name : \`\${refusal.name} (\${decision})\`;
}

export function run<Op extends OperationName>(operation: Op, input: RequestOf<Op>): ResponseOf<Op> {
  return org.call(operation, input);
}

const answers: AnswerOf<"GetAccessControlEffect">[] = org.callMany("GetAccessControlEffect", [{ IpAddress: "192.0.2.1", Action: "IMAP", UserId: "u" }]);
export const effects = answers.map((answer) => ("Error" in answer ? answer.Error.Code : answer.Effect));
export const json: string = org.callManyJson("ListAccessControlRules", "[{}]");
const lean: AccessEffects = org.accessEffects({ IpAddress: Uint32Array.of(1), Action: "IMAP", UserId: ["u"] });
export const picked: AnswerOf<"GetAccessControlEffect"> | undefined = lean.Answers[lean.Index[0] ?? 0];

// @ts-expect-error: \`Foo\` is not a member of GetAccessControlEffectRequest
org.call("GetAccessControlEffect", { IpAddress: "192.0.2.1", Action: "IMAP", UserId: "u", Foo: 1 });
// @ts-expect-error: \`imap\` is not one of the seven actions
org.call("GetAccessControlEffect", { IpAddress: "192.0.2.1", Action: "imap", UserId: "u" });
// @ts-expect-error: \`IpAddress\` is required
org.call("GetAccessControlEffect", { Action: "IMAP", UserId: "u" });
// @ts-expect-error: ListGroups is not one of the operations
org.call("ListGroups", {});
// @ts-expect-error: another operation's request
org.call("DeleteAccessControlRule", { ImpersonationRoleId: "x" });
// @ts-expect-error: \`Effect\` is ALLOW or DENY
org.call("PutAccessControlRule", { Name: "n", Effect: "MAYBE", Description: "" });
// @ts-expect-error: a ListAccessControlRules response has no \`Roles\`
export const wrong = org.call("ListAccessControlRules", {}).Roles;
// @ts-expect-error: \`fromJson\` takes the document's text
Organization.fromJson({});
// @ts-expect-error: callMany takes the operation's requests
org.callMany("GetAccessControlEffect", [{ Name: "x" }]);
// @ts-expect-error: accessEffects needs the addresses
org.accessEffects({ Action: "IMAP", UserId: "u" });
// @ts-expect-error: the analysis is the \`workmail-policy/analysis\` entry point's
org.decisionTable();
`;

const ANALYSIS_CONSUMER = `
import {
  Organization,
  lintDocument,
  lintRuleHelp,
  lintRules,
  type DecisionTable,
  type Diff,
  type ImpersonatedEwsAnswer,
  type TableQuery,
  type LintReport,
  type LintRuleDoc,
  type TestRun,
  type TestSuite,
  type WhatWouldChange,
  type GetAccessControlEffectResponse,
  type ReplayReport,
} from "workmail-policy/analysis";

const org: Organization = Organization.fromJson("{}");
export const answer: GetAccessControlEffectResponse = org.call("GetAccessControlEffect", { IpAddress: "192.0.2.1", Action: "IMAP", UserId: "u" });
const table: DecisionTable = org.decisionTable();
export const rows: number = table.AccessControl.length + table.Impersonation.length;
export const markdown: string = org.decisionTableText("markdown") + org.decisionTableText() + org.decisionTableText("csv", "impersonation");
const question: TableQuery = { Actions: ["IMAP"], IpRange: "198.51.100.7", UserIds: ["jane"], Effect: "ALLOW" };
export const who: number = org.decisionTable(question).AccessControl.length + org.decisionTableText("csv", "access-control", question).length;
const changes: Diff = org.diff(Organization.fromJson("{}"), { MyIps: ["192.0.2.1"] });
export const guards: string[] = changes.Warnings.map((warning) => warning.Guard);
export const diffText: string = org.diffText(org) + org.diff(org).AccessControl.length;
const report: LintReport = org.lint();
export const codes: string[] = report.Findings.map((finding) => finding.code).concat(lintDocument("{}").Findings.map((f) => f.code));
export const docs: LintRuleDoc[] = lintRules();
export const help: string | undefined = lintRuleHelp("redundant-rule");
const suite: TestSuite = {
  Tests: [
    { Name: "jane", Request: { IpAddress: "192.0.2.1", Action: "IMAP", UserId: "u" }, Expect: { Effect: "ALLOW", MatchedRules: ["default"] } },
    { Name: "archiver", Request: { ImpersonationRoleId: "r", TargetUser: "t" }, Expect: { Effect: "DENY", MatchedRules: [{ ImpersonationRuleId: "x", Name: "X" }, "y"], Type: "READ_ONLY" } },
  ],
};
export const properties: TestSuite = {
  Properties: [
    { Name: "every target", Operation: "GetImpersonationRoleEffect", ForAll: {}, Expect: { Effect: "DENY" } },
    { Name: "office", ForAll: { Actions: ["IMAP"], NotIpRanges: ["192.0.2.0/24"], Principals: "Users" }, Expect: { Effect: "DENY" } },
  ],
};
const testRun: TestRun = org.runTests(JSON.stringify(suite));
export const passed: boolean[] = testRun.Results.map((result) => result.Passed);
export const lines: string = org.runTestsText('{"Tests": []}') + org.lintText();
const ews: ImpersonatedEwsAnswer = org.impersonate({ Credential: { Token: "t" }, IpAddress: "192.0.2.1", TargetUser: "jane", EwsOperation: "GetItem" }, new Date());
export const verdict: "ALLOW" | "DENY" = ews.Verdict;
export const stages: string = org.impersonateText({ Credential: { ImpersonationRoleId: "r" }, IpAddress: "192.0.2.1", TargetUser: "jane", EwsOperation: "GetItem" }, 1700000000);
const flips: WhatWouldChange = org.whatWouldChange({ IpAddress: "192.0.2.1", Action: "IMAP", UserId: "u" });
export const edits: string[] = flips.Suggestions.map((suggestion): string => suggestion.Edit.Edit).concat(org.whatWouldChangeText({ ImpersonationRoleId: "r", TargetUser: "t" }));

const replayed: Promise<ReplayReport> = org.replayAgainst(org, ['{"user_id": "u", "protocol": "IMAP", "source_ip": "192.0.2.1"}', { user_id: "u" }]);
export const outcomes: Promise<string[]> = replayed.then((r) => r.Requests.map((request) => request.Outcome + request.Request.IpAddress));
async function* logLines(): AsyncGenerator<string> { yield "{}"; }
export const skipped: Promise<number | undefined> = org.replay(logLines()).then((r) => r.Skipped["malformed"]);
// @ts-expect-error: events are lines or objects, not a number
org.replay(5);

// @ts-expect-error: the table formats are text, markdown and csv
org.decisionTableText("yaml");
// @ts-expect-error: the parts are all, access-control, impersonation and mobile-device-access
org.decisionTableText("text", "mobile");
// @ts-expect-error: \`imap\` is not one of the seven actions
org.decisionTable({ Actions: ["imap"] });
// @ts-expect-error: the member is \`IpRange\`
org.decisionTable({ Ip: "198.51.100.7" });
// @ts-expect-error: diff compares with another Organization
org.diff("{}");
// @ts-expect-error: the option is \`MyIps\`
org.diff(org, { myIps: [] });
// @ts-expect-error: a credential is a token or a role, not both
org.impersonate({ Credential: { Token: "t", ImpersonationRoleId: "r" }, IpAddress: "192.0.2.1", TargetUser: "u", EwsOperation: "GetItem" });
// @ts-expect-error: runTests takes the tests file's text
org.runTests({ Tests: [] });
`;

const CJS_CONSUMER = `
import { Organization, type GetAccessControlEffectResponse } from "workmail-policy";

const org = Organization.fromJson("{}");
export const answer: GetAccessControlEffectResponse = org.call("GetAccessControlEffect", { IpAddress: "192.0.2.1", Action: "SMTP", UserId: "u" });
// @ts-expect-error: \`Bogus\` is not a member of the request
org.call("GetAccessControlEffect", { IpAddress: "192.0.2.1", Action: "SMTP", UserId: "u", Bogus: true });
`;

const WEB_CONSUMER = `
import init, { initSync, Organization } from "workmail-policy";

await init();
await init({ module_or_path: new URL("workmail_policy_bg.wasm", "https://example.com/") });
initSync({ module: new Uint8Array() });
export const effect: "ALLOW" | "DENY" = Organization.fromJson("{}").call("GetAccessControlEffect", { IpAddress: "192.0.2.1", Action: "WebMail", UserId: "u" }).Effect;
// @ts-expect-error: \`Action\` is required
Organization.fromJson("{}").call("GetAccessControlEffect", { IpAddress: "192.0.2.1", UserId: "u" });
`;

function report(result) {
  return `tsc exited with ${result.status}:\n${result.stdout}${result.stderr}`;
}

test("typed consumers compile: ESM and CommonJS in Node.js, ESM with a bundler", () => {
  const node = typecheck("node-consumer", NODE, {
    "esm.ts": ESM_CONSUMER,
    "cjs.cts": CJS_CONSUMER,
    "analysis.ts": ANALYSIS_CONSUMER,
  });
  assert.equal(node.status, 0, report(node));
  const web = typecheck("web-consumer", BUNDLER, { "web.ts": WEB_CONSUMER, "analysis.ts": ANALYSIS_CONSUMER });
  assert.equal(web.status, 0, report(web));
  const usual = typecheck("usual-consumer", DEFAULTS, { "esm.ts": ESM_CONSUMER });
  assert.equal(usual.status, 0, report(usual));
});

test("every response and explanation of the corpus has its declared type", () => {
  const lines = [
    'import type { AccessExplanation, Diagnostic, ImpersonationExplanation, Organization, RequestOf, ResponseOf } from "workmail-policy";',
    "declare const org: Organization;",
  ];
  let count = 0;
  const literal = (value) => JSON.stringify(value);
  for (const { name, case: kase } of loadCases()) {
    for (const { operation, input, response, explanation } of runCase(pkg, name, kase)) {
      const op = JSON.stringify(operation);
      lines.push(`// ${name}: ${operation}`);
      lines.push(`export const request${count}: RequestOf<${op}> = ${literal(input)};`);
      lines.push(`export const response${count}: ResponseOf<${op}> = ${literal(response)};`);
      lines.push(`export const called${count}: ResponseOf<${op}> = org.call(${op}, ${literal(input)});`);
      if (explanation) {
        const type = operation === "GetAccessControlEffect" ? "AccessExplanation" : "ImpersonationExplanation";
        lines.push(`export const explanation${count}: ${type} = ${literal(explanation)};`);
      }
      count += 1;
    }
  }
  const warned = pkg.Organization.fromJson('{"Rules": [], "Extra": 1}');
  lines.push(`export const warnings: Diagnostic[] = ${literal(warned.warnings)};`);
  try {
    pkg.Organization.fromJson('{"AccessControlRules": [{"Name": "bad name"}]}');
    assert.fail("the document should not load");
  } catch (error) {
    lines.push(`export const diagnostics: Diagnostic[] = ${literal(error.diagnostics)};`);
  }
  assert.ok(count > 0, "the corpus produced no successful step");
  const result = typecheck("corpus", NODE, { "corpus.ts": `${lines.join("\n")}\n` });
  assert.equal(result.status, 0, report(result));
});

test("every analysis output of the corpus has its declared type", () => {
  const lines = [
    'import type { AccessEffects, AnswerOf, CheckReport, Coverage, DecisionTable, Diff, ImpersonatedEwsAnswer, LintReport, LintRuleDoc, SarifLog, TestRun, WhatWouldChange } from "workmail-policy/analysis";',
  ];
  const literal = (value) => JSON.stringify(value);
  let count = 0;
  const add = (type, value) => lines.push(`export const v${count++}: ${type} = ${literal(value)};`);
  add("LintRuleDoc[]", analyzer.lintRules());
  let previous;
  for (const { name, case: kase } of loadCases()) {
    const document = JSON.stringify(kase.Document ?? {});
    const org = analyzer.Organization.fromJson(document);
    lines.push(`// ${name}`);
    add("DecisionTable", org.decisionTable());
    add("LintReport", org.lint());
    add("LintReport", analyzer.lintDocument(document));
    if (previous) {
      add("Diff", previous.diff(org, { MyIps: ["192.0.2.1", "10.0.0.1"] }));
      add("Diff", org.diff(previous));
      for (const guarantee of ["NoNewAccess", "NoLostAccess", "Equivalent"]) {
        add("CheckReport", previous.checkChange(org, guarantee));
      }
      add("SarifLog", previous.checkChangeSarif(org, "Equivalent", "new.json"));
    }
    const tests = { Tests: [] };
    const inputs = [];
    for (const step of kase.Steps) {
      const input = step.Input ?? {};
      if (JSON.stringify(input).includes("{{")) continue;
      if (step.Operation === "GetAccessControlEffect" || step.Operation === "GetImpersonationRoleEffect") {
        tests.Tests.push({ Name: `${tests.Tests.length}`, Request: input, Expect: { Effect: "DENY", MatchedRules: [] } });
        try {
          add("WhatWouldChange", org.whatWouldChange(input));
        } catch {
          // A refused request has no answer to change.
        }
      }
      if (step.Operation === "GetAccessControlEffect") inputs.push(input);
    }
    const everything = { Properties: [
      { Name: "access", ForAll: {}, Expect: { Effect: "DENY" } },
      { Name: "impersonation", Operation: "GetImpersonationRoleEffect", ForAll: {}, Expect: { Effect: "DENY" } },
      { Name: "mobile", ForAll: { DeviceTypes: ["$NONE"] }, Expect: { Effect: "DENY" } },
    ] };
    add("TestRun", org.runTests(JSON.stringify(everything)));
    add("Coverage", org.coverage(JSON.stringify(everything)));
    add("SarifLog", org.runTestsSarif(JSON.stringify(everything), "tests.json"));
    add("SarifLog", analyzer.lintDocumentSarif(document, "org.json"));
    try {
      add("TestRun", org.runTests(JSON.stringify(tests)));
    } catch {
      // Requests the tests file format refuses (broken on purpose) are not a typing question.
    }
    for (const role of org.call("ListImpersonationRoles", {}).Roles) {
      const { Token } = org.call("AssumeImpersonationRole", { ImpersonationRoleId: role.ImpersonationRoleId });
      for (const Credential of [{ Token }, { ImpersonationRoleId: role.ImpersonationRoleId }, { Token: "x".repeat(40) }]) {
        add("ImpersonatedEwsAnswer", org.impersonate({ Credential, IpAddress: "192.0.2.1", TargetUser: "jane@example.com", EwsOperation: "CreateItem" }));
      }
      add("ImpersonatedEwsAnswer", org.impersonate({ Credential: { Token }, IpAddress: "192.0.2.1", TargetUser: "nobody", EwsOperation: "GetItem" }, Date.now() / 1000 + 3600));
    }
    add('AnswerOf<"GetAccessControlEffect">[]', org.callMany("GetAccessControlEffect", [...inputs, { IpAddress: "x" }]));
    const effects = org.accessEffects({ IpAddress: inputs.map((i) => i.IpAddress ?? null), Action: inputs.map((i) => i.Action ?? null), UserId: inputs.map((i) => i.UserId ?? null) });
    add('AccessEffects["Answers"]', effects.Answers);
    previous = org;
  }
  const result = typecheck("analysis", NODE, { "analysis.ts": `${lines.join("\n")}\n` });
  assert.equal(result.status, 0, report(result));
});

test("the drift check can fail: an extra or a missing member does not compile", () => {
  const extra = typecheck("drift-extra", NODE, {
    "extra.ts": 'import type { ResponseOf } from "workmail-policy";\nexport const r: ResponseOf<"GetAccessControlEffect"> = {"Effect": "DENY", "MatchedRules": [], "Extra": 1};\n',
  });
  assert.notEqual(extra.status, 0);
  assert.match(extra.stdout, /TS2353/);
  const missing = typecheck("drift-missing", NODE, {
    "missing.ts": 'import type { AccessExplanation } from "workmail-policy";\nexport const e: AccessExplanation["Rules"][number] = {"Name": "r", "Effect": "ALLOW", "Matched": true, "Conditions": []};\n',
  });
  assert.notEqual(missing.status, 0);
  assert.match(missing.stdout, /TS2741/);
});
