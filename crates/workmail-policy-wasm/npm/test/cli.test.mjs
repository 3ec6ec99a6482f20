// The package's `workmail-policy` command against the Rust command line: the same arguments give
// the same stdout, stderr and exit code, whole, for answers, help and usage errors alike, and for
// every step of the shared corpus. Both run the same library (`workmail-policy-cli`); what could
// differ is the host (files, saves, streams, terminal), which is what these tests pin.

import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { test } from "node:test";
import { execute, loadCases, runCase, rustCli, scratchProject } from "./support.mjs";

const project = scratchProject();
const bin = join(project, "node_modules", ".bin", "workmail-policy");
const fixtures = join(project, "fixtures");
mkdirSync(fixtures);

const ORG = {
  OrganizationId: "m-0123456789abcdef0123456789abcdef",
  Users: [
    { Id: "S-1-1-11-0000000001", Email: "jane@example.com", Name: "jane", State: "ENABLED" },
    { Id: "S-1-1-11-0000000002", Email: "old@example.com", Name: "old", State: "DISABLED" },
  ],
  AccessControlRules: [
    { Name: "default", Effect: "ALLOW", Description: "Default WorkMail Rule", DateCreated: 0.0, DateModified: 0.0 },
    { Name: "office-only", Effect: "DENY", Description: "", NotIpRanges: ["192.0.2.0/24"], Actions: ["IMAP", "SMTP"] },
    { Name: "helpdesk-ews", Effect: "ALLOW", Description: "helpdesk", ImpersonationRoleIds: ["helpdesk"] },
  ],
  ImpersonationRoles: [
    {
      ImpersonationRoleId: "helpdesk",
      Name: "Helpdesk",
      Type: "READ_ONLY",
      Rules: [
        { ImpersonationRuleId: "everyone", Effect: "ALLOW" },
        { ImpersonationRuleId: "not-jane", Name: "Keep out", Effect: "DENY", TargetUsers: ["jane@example.com"] },
      ],
      DateCreated: 1664897541.717,
      DateModified: 1664897541.717,
    },
  ],
};

writeFileSync(join(fixtures, "org.json"), JSON.stringify(ORG, null, 2));
writeFileSync(
  join(fixtures, "warned.json"),
  '{"Rules": [{"Name": "r", "Effect": "ALLOW", "Description": "", "Colour": "red"}], "ResponseMetadata": {}}',
);
writeFileSync(join(fixtures, "invalid.json"), '{\n  "AccessControlRules": [{"Name": "bad name", "Effect": "MAYBE"}]\n}\n');
writeFileSync(join(fixtures, "broken.json"), '{"Rules": [');
writeFileSync(join(fixtures, "utf16.json"), Buffer.from("\ufeff{}", "utf16le"));
writeFileSync(join(fixtures, "latin1.json"), Buffer.from('{"Rules": [{"Name": "caf\xe9"}]}', "latin1"));
writeFileSync(join(fixtures, "bom.json"), "\ufeff" + JSON.stringify(ORG));
writeFileSync(join(fixtures, "request.json"), '{"IpAddress": "203.0.113.9", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}');
mkdirSync(join(fixtures, "folder.json"));

// The analysis commands' fixtures: a changed organization, saved tests, a messy document, a
// clean one, and tokens (one valid until 2100, one long expired) in the emulator's state.
const NEW_ORG = {
  ...ORG,
  AccessControlRules: [
    ...ORG.AccessControlRules.slice(0, 2),
    { Name: "office-only", Effect: "DENY", Description: "", NotIpRanges: ["192.0.2.0/24"], Actions: ["IMAP", "SMTP", "WebMail"] },
  ].filter((rule, at, all) => all.findIndex((other) => other.Name === rule.Name) === at),
};
writeFileSync(join(fixtures, "new.json"), JSON.stringify(NEW_ORG, null, 2));
writeFileSync(
  join(fixtures, "locked.json"),
  JSON.stringify({ ...ORG, AccessControlRules: [{ Name: "default", Effect: "DENY", Description: "" }] }, null, 2),
);
writeFileSync(
  join(fixtures, "tests.json"),
  JSON.stringify(
    {
      Tests: [
        { Name: "jane reads mail at the office", Request: { IpAddress: "192.0.2.7", Action: "IMAP", UserId: "S-1-1-11-0000000001" }, Expect: { Effect: "ALLOW", MatchedRules: ["default"] } },
        { Name: "jane from home", Request: { IpAddress: "203.0.113.9", Action: "IMAP", UserId: "S-1-1-11-0000000001" }, Expect: { Effect: "ALLOW" } },
        { Name: "helpdesk reads jane", Request: { ImpersonationRoleId: "helpdesk", TargetUser: "jane" }, Expect: { Effect: "DENY", Type: "READ_ONLY" } },
        { Name: "a stranger", Request: { IpAddress: "192.0.2.7", Action: "IMAP", UserId: "S-1-1-11-0000000009" }, Expect: { Effect: "DENY" } },
      ],
    },
    null,
    2,
  ),
);
writeFileSync(
  join(fixtures, "passing.json"),
  JSON.stringify({ Tests: [{ Name: "office", Request: { IpAddress: "192.0.2.7", Action: "IMAP", UserId: "S-1-1-11-0000000001" }, Expect: { Effect: "ALLOW" } }], Extra: 1 }),
);
writeFileSync(
  join(fixtures, "properties.json"),
  JSON.stringify({
    Properties: [
      { Name: "IMAP only from the office", ForAll: { Actions: ["IMAP"], NotIpRanges: ["192.0.2.0/24"] }, Expect: { Effect: "DENY" } },
      { Name: "nothing from home", ForAll: { IpRanges: ["203.0.113.0/24"] }, Expect: { Effect: "DENY" } },
      { Name: "the helpdesk reads jane", ForAll: { ImpersonationRoleIds: ["helpdesk"], TargetUsers: ["jane@example.com"] }, Expect: { Effect: "ALLOW" } },
    ],
  }),
);
writeFileSync(
  join(fixtures, "unknown-role.json"),
  '{"Properties": [\n  {"Name": "x", "ForAll": {"ImpersonationRoleIds": ["ghost"], "UserIds": ["helpdesk-is-a-role"]}, "Expect": {"Effect": "DENY"}}]}\n',
);
writeFileSync(join(fixtures, "badtests.json"), '{"Tests": [\n  {"Name": "t", "Request": {"IpAddress": "::1", "Action": "IMAP"}, "Expect": {"Effect": "MAYBE"}}]}\n');
writeFileSync(
  join(fixtures, "messy.json"),
  '{"Rules": [\n  {"Name": "default", "Effect": "ALLOW", "Description": ""},\n  {"Name": "office", "Effect": "DENY", "Description": "", "Actions": ["IMAP", "IMAP"], "NotIpRanges": ["192.0.2.7/24"]},\n  {"Name": "never", "Effect": "DENY", "Description": "", "Actions": ["EWS"], "NotActions": ["EWS"]}\n]}\n',
);
writeFileSync(join(fixtures, "clean.json"), '{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW", "Description": ""}]}');
writeFileSync(
  join(fixtures, "tokens.json"),
  JSON.stringify({
    ...ORG,
    Emulator: {
      ImpersonationTokens: [
        { Token: "valid-token-0123456789abcdefghijklmnopqrstuvwxyz", ImpersonationRoleId: "helpdesk", Expires: 4102444800.5 },
        { Token: "expired-token-0123456789abcdefghijklmnopqrstuvwxy", ImpersonationRoleId: "helpdesk", Expires: 1700000000.25 },
      ],
    },
  }),
);

// Audit logs for `replay`: jane's IMAP from home and from the office, the helpdesk reaching old's
// mailbox, a delivery, and a bad line; the same as JSON lines, gzip, `aws logs` output and a Logs
// Insights CSV export.
const AUDIT = [
  { event_timestamp: 1700000000000, user_id: "S-1-1-11-0000000001", protocol: "IMAP", source_ip: "203.0.113.9" },
  { event_timestamp: 1700000001000, user_id: "S-1-1-11-0000000001", protocol: "IMAP", source_ip: "192.0.2.7" },
  { event_timestamp: 1700000002000, user_id: "S-1-1-11-0000000001", protocol: "WebMail", source_ip: "203.0.113.9" },
  { event_timestamp: 1700000003000, user_id: "S-1-1-11-0000000002", impersonator_id: "helpdesk", protocol: "EWS", source_ip: "192.0.2.8" },
  { event_timestamp: 1700000004000, user_id: "S-1-1-11-0000000001", protocol: "IncomingEmail", source_ip: "198.51.100.1" },
];
const AUDIT_LINES = AUDIT.map((event) => JSON.stringify(event)).join("\n") + "\n{not json\n";
writeFileSync(join(fixtures, "audit.jsonl"), AUDIT_LINES);
writeFileSync(join(fixtures, "audit.jsonl.gz"), gzipSync(AUDIT_LINES));
writeFileSync(
  join(fixtures, "events.json"),
  JSON.stringify({ events: AUDIT.map((event, at) => ({ timestamp: at, message: JSON.stringify(event), eventId: String(at) })) }, null, 4),
);
writeFileSync(
  join(fixtures, "insights.csv"),
  "event_timestamp,user_id,impersonator_id,protocol,source_ip\n" +
    AUDIT.map((e) => [e.event_timestamp, e.user_id, e.impersonator_id ?? "", e.protocol, e.source_ip].join(",")).join("\n"),
);

const IMAP_FROM_HOME = '{"IpAddress": "203.0.113.9", "Action": "IMAP", "UserId": "S-1-1-11-0000000001"}';

/** Scenarios whose whole output must match the Rust command's byte for byte. */
const SAME_OUTPUT = [
  ["call", "get-access-control-effect", "--org", "org.json", "--input", IMAP_FROM_HOME],
  ["call", "GetAccessControlEffect", "--org=org.json", "--input=@request.json"],
  ["call", "ListAccessControlRules", "--org", "org.json"],
  ["call", "list-impersonation-roles", "--org", "org.json", "--input", '{"MaxResults": 1}'],
  ["call", "GetImpersonationRole", "--org", "org.json", "--input", '{"ImpersonationRoleId": "helpdesk"}'],
  ["call", "GetImpersonationRoleEffect", "--org", "org.json", "--input", '{"ImpersonationRoleId": "helpdesk", "TargetUser": "JANE"}'],
  ["call", "GetImpersonationRoleEffect", "--org", "org.json", "--input", '{"ImpersonationRoleId": "helpdesk", "TargetUser": "old"}'],
  ["call", "GetImpersonationRole", "--org", "org.json", "--input", '{"ImpersonationRoleId": "nope"}'],
  ["call", "GetAccessControlEffect", "--org", "org.json", "--input", '{"IpAddress": "::1", "Action": "imap", "Extra": 1}'],
  ["call", "DeleteAccessControlRule", "--org", "org.json", "--input", '{"Name": "office-only", "OrganizationId": "m-ffffffffffffffffffffffffffffffff"}'],
  ["call", "ListUsers", "--org", "missing.json", "--input", "{"],
  ["call", "PutAccessControlRule", "--org", "org.json"],
  ["call", "ListAccessControlRules", "--org", "org.json", "--input", "@"],
  ["call", "ListAccessControlRules", "--org", "org.json", "--input", "@missing.json"],
  ["call", "ListAccessControlRules", "--org", "org.json", "--input", "@latin1.json"],
  ["call", "ListAccessControlRules", "--org", "org.json", "--input", '{"a": 1,}'],
  ["call", "ListAccessControlRules", "--org", "warned.json"],
  ["call", "ListAccessControlRules", "--org", "warned.json", "--quiet"],
  ["-q", "call", "ListAccessControlRules", "--org", "warned.json"],
  ["call", "ListAccessControlRules", "--org", "invalid.json"],
  ["call", "ListAccessControlRules", "--org", "broken.json"],
  ["call", "ListAccessControlRules", "--org", "utf16.json"],
  ["call", "ListAccessControlRules", "--org", "latin1.json"],
  ["call", "ListAccessControlRules", "--org", "bom.json"],
  ["call", "ListAccessControlRules", "--org", "folder.json"],
  ["call", "ListAccessControlRules", "--org", "folder.json", "--save"],
  ["call", "ListAccessControlRules", "--org", "/dev/zero"],
  ["call", "ListAccessControlRules", "--org", "org.json/inside.json"],
  ["call", "PutAccessControlRule", "--org", "/dev/null", "--save", "--input", '{"Name": "n", "Effect": "DENY", "Description": ""}'],
  ["explain", "--org", "org.json", "--ip-address", "203.0.113.9", "--action", "IMAP", "--user-id", "S-1-1-11-0000000001"],
  ["explain", "--org", "org.json", "--ip-address", "192.0.2.7", "--action", "EWS", "--impersonation-role-id", "helpdesk", "--output", "json"],
  ["explain", "--org", "org.json", "--impersonation-role-id", "helpdesk", "--target-user", "jane@example.com"],
  ["explain", "--org", "org.json", "--impersonation-role-id", "helpdesk", "--target-user", "S-1-1-11-0000000002", "--output=json"],
  ["explain", "--org", "org.json", "--impersonation-role-id", "nope", "--target-user", "jane"],
  ["explain", "--org", "org.json", "--impersonation-role-id", "nope", "--target-user", "jane", "--output", "json"],
  ["explain", "--org", "org.json", "--ip-address", "1.2.3.4", "--action", "EWS", "--user-id", "S-1-1-11-0000000001", "--impersonation-role-id", "helpdesk"],
  ["explain", "--org", "org.json", "--ip-address", "1.2.3.4", "--action", "IMAP", "--user-id", "u", "--organization-id", "m-ffffffffffffffffffffffffffffffff"],
  ["explain", "--org", "invalid.json", "--ip-address", "1.2.3.4", "--action", "IMAP", "--user-id", "u"],
  ["call", "ListAccessControlRules", "--org", "org.json", "--input="],
  ["call", "ListAccessControlRules", "--org", "org.json", "--input", "-"],
  ["call", "--org", "org.json", "--", "--weird"],
  ["call", "--", "ListAccessControlRules", "--org", "org.json"],
  ["--version"],
  ["-V"],
  ["explain", "--org", "org.json", "--ip-address", "203.0.113.9", "--action", "IMAP", "--user-id", "S-1-1-11-0000000001", "--suggest"],
  ["explain", "--org", "org.json", "--ip-address", "203.0.113.9", "--action", "IMAP", "--user-id", "S-1-1-11-0000000001", "--suggest", "--output", "json"],
  ["explain", "--org", "org.json", "--impersonation-role-id", "helpdesk", "--target-user", "jane", "--suggest"],
  ["explain", "--org", "org.json", "--impersonation-role-id", "nope", "--target-user", "jane", "--suggest"],
  ["table", "--org", "org.json"],
  ["table", "--org", "org.json", "--output", "markdown"],
  ["table", "--org", "org.json", "--output", "json"],
  ["table", "--org", "org.json", "--output=json", "--part", "both"],
  ["table", "--org", "org.json", "--output", "csv"],
  ["table", "--org", "org.json", "--output", "csv", "--part", "impersonation"],
  ["table", "--org", "org.json", "--output", "csv", "--part", "both"],
  ["table", "--org", "org.json", "--part", "impersonation"],
  ["table", "--org", "org.json", "--action", "IMAP", "--ip", "198.51.100.7"],
  ["table", "--org", "org.json", "--output", "csv", "--action=IMAP", "--action", "SMTP", "--ip", "192.0.2.0/25", "--effect", "ALLOW"],
  ["table", "--org", "org.json", "--output", "json", "--part", "all", "--impersonation-role-id", "helpdesk", "--target-user", "jane"],
  ["table", "--org", "warned.json"],
  ["-q", "table", "--org", "warned.json", "--output", "markdown", "--part", "access-control"],
  ["table", "--org", "invalid.json"],
  ["table", "--org", "missing.json"],
  ["diff", "--org", "org.json", "--org", "new.json"],
  ["diff", "--org", "org.json", "--org", "new.json", "--my-ip", "203.0.113.9", "--my-ip", "192.0.2.7"],
  ["diff", "--org", "org.json", "--org", "new.json", "--my-ip", "203.0.113.9", "--output", "json"],
  ["diff", "--org", "org.json", "--org", "org.json", "--fail-on", "change"],
  ["diff", "--org", "org.json", "--org", "new.json", "--fail-on", "change"],
  ["diff", "--org", "org.json", "--org", "locked.json", "--fail-on", "lockout"],
  ["diff", "--org", "org.json", "--org", "new.json", "--fail-on", "lockout"],
  ["diff", "--org", "org.json"],
  ["diff", "--org", "a.json", "--org", "b.json", "--org", "c.json"],
  ["diff", "--org", "invalid.json", "--org", "broken.json"],
  ["diff", "--org", "warned.json", "--org", "org.json"],
  ["lint", "--org", "messy.json"],
  ["lint", "--org", "messy.json", "--output", "json"],
  ["lint", "--org", "clean.json"],
  ["lint", "--org", "warned.json"],
  ["lint", "--org", "invalid.json"],
  ["lint", "--org", "missing.json"],
  ["lint", "--org", "utf16.json"],
  ["lint", "--explain", "cidr-host-bits"],
  ["lint", "--explain", "redundant-rule", "--output", "json"],
  ["lint", "--explain", "no-such-lint"],
  ["test", "--org", "org.json", "--tests", "tests.json"],
  ["test", "--org", "org.json", "--tests", "passing.json"],
  ["test", "-q", "--org", "org.json", "--tests", "passing.json"],
  ["test", "--org", "warned.json", "--tests", "badtests.json"],
  ["test", "--org", "missing.json", "--tests", "missing-tests.json"],
  ["test", "--org", "org.json", "--tests", "latin1.json"],
  ["test", "--org", "org.json", "--tests", "properties.json"],
  ["test", "--org", "org.json", "--tests", "properties.json", "--output", "json"],
  ["test", "--org", "org.json", "--tests", "unknown-role.json"],
  ["check", "--org", "org.json", "--org", "new.json", "--no-new-access"],
  ["check", "--org", "org.json", "--org", "new.json", "--no-lost-access"],
  ["check", "--org", "org.json", "--org", "new.json", "--equivalent", "--output", "json"],
  ["check", "--org", "org.json", "--org", "org.json", "--equivalent"],
  ["check", "--org", "org.json", "--no-new-access"],
  ["check", "--org", "invalid.json", "--org", "broken.json", "--equivalent"],
  ["diff", "--org", "org.json", "--org", "new.json", "--exit-code"],
  ["test", "--org", "org.json", "--tests", "tests.json", "--coverage"],
  ["test", "--org", "org.json", "--tests", "properties.json", "--min-coverage", "50", "--output", "json"],
  ["test", "--org", "org.json", "--tests", "properties.json", "--output", "sarif"],
  ["lint", "--org", "messy.json", "--output", "sarif"],
  ["check", "--org", "org.json", "--org", "new.json", "--no-lost-access", "--output", "sarif"],
  ["impersonate", "--org", "org.json", "--impersonation-role-id", "helpdesk", "--ip-address", "192.0.2.7", "--target-user", "S-1-1-11-0000000002", "--ews-operation", "FindItem"],
  ["impersonate", "--org", "org.json", "--impersonation-role-id", "helpdesk", "--ip-address", "192.0.2.7", "--target-user", "jane@example.com", "--ews-operation", "FindItem"],
  ["impersonate", "--org", "org.json", "--impersonation-role-id", "helpdesk", "--ip-address", "192.0.2.7", "--target-user", "old", "--ews-operation", "CreateItem", "--output", "json"],
  ["impersonate", "--org", "org.json", "--impersonation-role-id", "nope", "--ip-address", "192.0.2.7", "--target-user", "jane", "--ews-operation", "FindItem"],
  ["impersonate", "--org", "tokens.json", "--token", "valid-token-0123456789abcdefghijklmnopqrstuvwxyz", "--ip-address", "192.0.2.7", "--target-user", "old", "--ews-operation", "GetItem"],
  ["impersonate", "--org", "tokens.json", "--token", "expired-token-0123456789abcdefghijklmnopqrstuvwxy", "--ip-address", "192.0.2.7", "--target-user", "old", "--ews-operation", "GetItem", "--output", "json"],
  ["impersonate", "--org", "tokens.json", "--token", "unknown-token-0123456789abcdefghijklmnopqrstuvwxy", "--ip-address", "192.0.2.7", "--target-user", "old", "--ews-operation", "GetItem"],
  ["impersonate", "--org", "org.json", "--impersonation-role-id", "helpdesk", "--ip-address", "::1", "--target-user", "jane", "--ews-operation", "FindItem"],
  ["impersonate", "--org", "org.json", "--impersonation-role-id", "helpdesk", "--ip-address", "192.0.2.7", "--target-user", "jane", "--ews-operation", "getitem"],
  ["impersonate", "--org", "invalid.json", "--impersonation-role-id", "helpdesk", "--ip-address", "192.0.2.7", "--target-user", "jane", "--ews-operation", "FindItem"],
  ["replay", "--org", "new.json", "--baseline", "org.json", "--logs", "audit.jsonl"],
  ["replay", "--org", "new.json", "--baseline", "org.json", "--logs", "audit.jsonl.gz", "--output", "json"],
  ["replay", "--org", "new.json", "--baseline", "org.json", "--logs", "events.json", "insights.csv", "--output", "markdown"],
  ["replay", "--org", "new.json", "--logs", "audit.jsonl", "--output", "csv"],
  ["replay", "--org", "new.json", "--baseline", "org.json", "--logs", "audit.jsonl", "--fail-on", "newly-denied"],
  ["replay", "--org", "org.json", "--logs", "audit.jsonl.gz", "audit.jsonl", "events.json"],
  ["replay", "--org", "org.json", "--logs", "audit.jsonl", "--strict"],
  ["replay", "--org", "org.json", "--logs", "missing.jsonl"],
  ["replay", "--org", "invalid.json", "--baseline", "broken.json", "--logs", "audit.jsonl"],
];

/** Invalid command lines: the same exit code, stdout and stderr, whole. */
const USAGE_ERRORS = [
  [],
  ["-q"],
  ["frobnicate"],
  ["call"],
  ["call", "ListAccessControlRules"],
  ["call", "--org", "org.json"],
  ["call", "ListAccessControlRules", "--org"],
  ["call", "ListAccessControlRules", "--org", "a.json", "--org", "b.json"],
  ["call", "ListAccessControlRules", "--org", "org.json", "--bogus"],
  ["call", "ListAccessControlRules", "extra", "--org", "org.json"],
  ["explain", "--org", "org.json"],
  ["explain", "--org", "org.json", "--target-user", "jane"],
  ["explain", "--org", "org.json", "--target-user", "jane", "--impersonation-role-id", "r", "--ip-address", "1.2.3.4"],
  ["explain", "--org", "org.json", "--ip-address", "1.2.3.4", "--action", "IMAP", "--user-id", "u", "--output", "yaml"],
  ["help", "frobnicate"],
  ["check", "--org", "org.json", "--org", "new.json"],
  ["check", "--org", "org.json", "--org", "new.json", "--equivalent", "--no-new-access"],
  ["-qq", "call", "ListAccessControlRules", "--org", "org.json"],
  ["call", "ListAccessControlRules", "--org="],
  ["call", "ListAccessControlRules", "--org", "org.json", "--save=yes"],
  ["call", "ListAccessControlRules", "--org", "org.json", "-x"],
  ["explain", "--org", "org.json", "--output"],
  ["serve", "--org", "org.json", "--port", "http"],
  ["table"],
  ["table", "--org", "org.json", "--output", "yaml"],
  ["table", "--org", "org.json", "--part", "mobile"],
  ["table", "--org", "org.json", "--action", "imap"],
  ["table", "--org", "org.json", "--ip", "198.51.100.0/33"],
  ["table", "--org", "org.json", "--impersonation-role-id", "nobody"],
  ["table", "--org", "org.json", "--part", "impersonation", "--effect", "DENY", "--action", "EWS"],
  ["diff"],
  ["diff", "--org", "org.json", "--org", "new.json", "--my-ip", "::1"],
  ["diff", "--org", "org.json", "--org", "new.json", "--fail-on", "always"],
  ["lint"],
  ["lint", "--org", "org.json", "--explain", "redundant-rule"],
  ["test", "--org", "org.json"],
  ["impersonate", "--org", "org.json", "--ip-address", "192.0.2.7", "--target-user", "jane", "--ews-operation", "FindItem"],
  ["impersonate", "--org", "org.json", "--impersonation-role-id", "helpdesk", "--token", "t", "--ip-address", "192.0.2.7", "--target-user", "jane", "--ews-operation", "FindItem"],
  ["impersonate", "--org", "org.json", "--impersonation-role-id", "helpdesk"],
  ["replay", "--logs", "audit.jsonl"],
  ["replay", "--org", "org.json", "--fail-on", "newly-denied"],
  ["replay", "--org", "org.json", "--output", "yaml"],
];

const COMMANDS = ["call", "explain", "serve", "table", "diff", "lint", "test", "impersonate", "replay"];

/** Every way to ask for help: the whole text must be the Rust command's. */
const HELP = [
  ["--help"],
  ["-h"],
  ["help"],
  ["-q", "--help"],
  ...COMMANDS.flatMap((command) => [[command, "--help"], [command, "-h"], ["help", command]]),
];

function both(args, cwd = fixtures, env = {}) {
  return { js: execute(bin, args, { cwd, env }), rust: execute(rustCli, args, { cwd, env }) };
}

test("the Rust command line to compare with is there", () => {
  assert.ok(existsSync(rustCli), `no Rust command at ${rustCli}: build it with \`cargo build -p workmail-policy-cli\``);
});

test("the command answers like the Rust command line", async (t) => {
  for (const args of SAME_OUTPUT) {
    await t.test(args.join(" ") || "(no arguments)", () => {
      const { js, rust } = both(args);
      assert.deepStrictEqual(js, rust);
    });
  }
});

test("invalid command lines fail like the Rust command line, message and usage whole", async (t) => {
  for (const args of USAGE_ERRORS) {
    await t.test(args.join(" ") || "(no arguments)", () => {
      const { js, rust } = both(args);
      assert.equal(js.status, 252);
      assert.deepStrictEqual(js, rust);
      assert.notEqual(js.stderr, "");
    });
  }
});

test("help is the Rust command's, for every command, at any width", async (t) => {
  for (const columns of [undefined, "60", "1000"]) {
    for (const args of HELP) {
      await t.test(`${args.join(" ")} COLUMNS=${columns ?? "(unset)"}`, () => {
        const { js, rust } = both(args, fixtures, columns === undefined ? {} : { COLUMNS: columns });
        assert.equal(js.status, 0);
        assert.deepStrictEqual(js, rust);
        assert.match(js.stdout, /Usage: workmail-policy/);
      });
    }
  }
});

test("stdout and stderr interleave as in the Rust command line", () => {
  const shell = (program) =>
    execute("sh", ["-c", `"${program}" call GetImpersonationRole --org warned.json --input '{"ImpersonationRoleId": "x"}' 2>&1`], {
      cwd: fixtures,
    });
  const js = shell(bin);
  assert.deepStrictEqual(js, shell(rustCli));
  assert.match(js.stdout, /^warning\[unknown-member\][^]*\n\{\n {4}"Error"[^]*\nAn error occurred \(ResourceNotFoundException\)/);
});

test("serve needs the native command, and says so", () => {
  const result = execute(bin, ["serve", "--org", "org.json"], { cwd: fixtures });
  assert.equal(result.status, 252);
  assert.match(result.stderr, /^error: `serve` listens on a socket, which this build of the command cannot do/);
  assert.equal(result.stdout, "");
});

/**
 * The package shape `runCase` (corpus.mjs) expects, over a command line: each `call` runs
 * `PROGRAM call OPERATION --org org.json --save --input JSON` in a folder of its own, and each
 * explanation `PROGRAM explain ... --output json`. Every run is added to `transcript`.
 */
function commandLinePackage(program, transcript) {
  const run = (cwd, args) => {
    const result = execute(program, args, { cwd });
    transcript.push({ args, ...result });
    return result;
  };
  const answer = (result) => {
    if (result.status === 0) return JSON.parse(result.stdout);
    if (result.status === 254) {
      const { Code, Message } = JSON.parse(result.stdout).Error;
      throw Object.assign(new Error(Message), { name: Code });
    }
    throw new Error(`exit ${result.status}: ${result.stderr}`);
  };
  const flags = (input, names) =>
    Object.entries(names).flatMap(([member, flag]) => (input[member] === undefined ? [] : [flag, input[member]]));
  const explain = (cwd, input, names) =>
    answer(run(cwd, ["explain", "--org", "org.json", "--output", "json", ...flags(input, names)]));
  return {
    Organization: {
      fromJson(text) {
        const cwd = mkdtempSync(join(project, "case-"));
        writeFileSync(join(cwd, "org.json"), text);
        return {
          call: (operation, input) =>
            answer(run(cwd, ["call", operation, "--org", "org.json", "--save", "--input", JSON.stringify(input)])),
          explainAccess: (input) =>
            explain(cwd, input, {
              IpAddress: "--ip-address",
              Action: "--action",
              UserId: "--user-id",
              ImpersonationRoleId: "--impersonation-role-id",
              OrganizationId: "--organization-id",
            }),
          explainImpersonation: (input) =>
            explain(cwd, input, {
              ImpersonationRoleId: "--impersonation-role-id",
              TargetUser: "--target-user",
              OrganizationId: "--organization-id",
            }),
          free() {},
        };
      },
    },
  };
}

/** A transcript with what each run made up by itself (role IDs, tokens, clock times) named instead. */
function generic(transcript) {
  const text = JSON.stringify(transcript)
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>")
    .replace(/(\\"Token\\": \\")[^\\]*/g, "$1<token>")
    .replace(/\b1[0-9]{9}(\.[0-9]+)?\b/g, "<time>");
  return JSON.parse(text);
}

test("every case of the shared corpus, step by step, gives the Rust command's bytes", async (t) => {
  const cases = loadCases();
  assert.ok(cases.length > 0, "no case in tests/cases");
  let runs = 0;
  for (const { name, case: kase } of cases) {
    await t.test(name, () => {
      const js = [];
      const rust = [];
      runCase(commandLinePackage(bin, js), name, kase);
      runCase(commandLinePackage(rustCli, rust), name, kase);
      assert.ok(js.length >= kase.Steps.length, "every step ran");
      assert.deepStrictEqual(generic(js), generic(rust));
      runs += js.length;
    });
  }
  assert.ok(runs > 100, `only ${runs} runs were compared`);
});

/** Runs a mutating call in a copy of the fixtures with each command; returns both outcomes. */
function saveWith(args) {
  const outcome = {};
  for (const [name, program] of [["js", bin], ["rust", rustCli]]) {
    const dir = join(project, `save-${name}-${Math.random().toString(36).slice(2)}`);
    mkdirSync(dir);
    copyFileSync(join(fixtures, "org.json"), join(dir, "org.json"));
    const before = statSync(join(dir, "org.json"));
    const result = execute(program, args, { cwd: dir });
    outcome[name] = { ...result, document: readFileSync(join(dir, "org.json"), "utf8"), files: readdirSync(dir), before, dir };
  }
  return outcome;
}

test("--save writes the organization after a successful mutating call, and only then", () => {
  const saved = saveWith(["call", "DeleteAccessControlRule", "--org", "org.json", "--save", "--input", '{"Name": "office-only"}']);
  assert.deepStrictEqual(
    { ...saved.js, before: undefined, dir: undefined },
    { ...saved.rust, before: undefined, dir: undefined },
  );
  assert.equal(saved.js.stdout, "{}\n");
  assert.ok(!saved.js.document.includes("office-only"));
  assert.deepEqual(saved.js.files, ["org.json"], "no temporary file is left behind");

  const original = JSON.stringify(ORG, null, 2);
  for (const args of [
    ["call", "ListAccessControlRules", "--org", "org.json", "--save"],
    ["call", "DeleteAccessControlRule", "--org", "org.json", "--save", "--input", '{"Name": "x", "OrganizationId": "m-ffffffffffffffffffffffffffffffff"}'],
  ]) {
    const untouched = saveWith(args);
    assert.equal(untouched.js.status, untouched.rust.status);
    assert.equal(untouched.js.document, original, args.join(" "));
    assert.equal(untouched.rust.document, original, args.join(" "));
  }
});

test("--save keeps the saved file's permissions", () => {
  const dir = join(project, "modes");
  mkdirSync(dir);
  const file = join(dir, "org.json");
  writeFileSync(file, JSON.stringify(ORG), { mode: 0o640 });
  const result = execute(bin, ["call", "CreateImpersonationRole", "--org", "org.json", "--save", "--input", '{"Name": "n", "Type": "READ_ONLY", "Rules": []}'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(statSync(file).mode & 0o777, 0o640);
  const id = JSON.parse(result.stdout).ImpersonationRoleId;
  assert.ok(readFileSync(file, "utf8").includes(id));
});

test("--save sweeps the temporary files of killed saves, and only those", () => {
  const dir = join(project, "sweep");
  mkdirSync(dir);
  writeFileSync(join(dir, "org.json"), JSON.stringify(ORG));
  const hourAgo = new Date(Date.now() - 3600 * 1000);
  const stale = [".org.json.aB3xYz.tmp", ".org.json.0123456789ab.tmp"];
  const kept = [".org.json.fresh1.tmp", ".other.json.aB3xYz.tmp", ".org.json.aB3xYz.tmp.bak", ".org.json.not-random.tmp"];
  for (const name of [...stale, ...kept]) {
    writeFileSync(join(dir, name), "");
    if (name !== ".org.json.fresh1.tmp") utimesSync(join(dir, name), hourAgo, hourAgo);
  }
  const result = execute(bin, ["call", "DeleteAccessControlRule", "--org", "org.json", "--save", "--input", '{"Name": "office-only"}'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(readdirSync(dir).sort(), [...kept, "org.json"].sort());
});

test("npx runs the installed command", () => {
  const result = execute("npx", ["--no-install", "workmail-policy", "call", "list-access-control-rules", "--org", "fixtures/org.json"], { cwd: project });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout).Rules.length, 3);
});

test("a program that runs past its deadline is killed, and the test fails", () => {
  const started = Date.now();
  assert.throws(() => execute("sleep", ["30"], { deadline: 300 }), /`sleep 30` ran past its deadline \(300 ms\) and was killed/);
  assert.ok(Date.now() - started < 10_000);
});
