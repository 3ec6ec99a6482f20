// The package's speed in Node.js: `GetAccessControlEffect` decisions per second with one `call`
// per request, with `callMany` (objects in and out) and with `callManyJson` (JSON text in and
// out), on the AWS CLI documentation's example and on the largest organization the AWS model
// allows. Prints a Markdown section; `cargo xtask bench` runs it after building the package
// and passes the native baseline (the core's `examples/native_baseline.rs`) in WORKMAIL_POLICY_NATIVE.
//
// This is a benchmark, not a test: it asserts nothing about speed. It does check that every
// way gives the same answers, so it never measures a broken path.

import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { LARGEST_USERS, SMALL_USERS, largestDocument, requests, smallDocument } from "./documents.mjs";

const BATCH = 10_000;
const SECONDS = Number(process.env.WORKMAIL_POLICY_BENCH_SECONDS ?? 1.5);

const packageDir =
  process.env.WORKMAIL_POLICY_PACKAGE ??
  fileURLToPath(new URL("../../../target/npm/workmail-policy/", import.meta.url));
const { Organization } = await import(pathToFileURL(join(packageDir, "workmail_policy.node.mjs")).href);
const native = JSON.parse(process.env.WORKMAIL_POLICY_NATIVE ?? "{}");

/** The process's CPU time in milliseconds: on a shared machine, a figure per CPU second does not
 * depend on what else runs. */
function cpu() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs `batch` (which makes `size` decisions) repeatedly for `SECONDS` of CPU time; decisions
 * per CPU second. */
function rate(size, batch) {
  const warmUp = cpu();
  while (cpu() - warmUp < 200) batch();
  let decisions = 0;
  const start = cpu();
  let elapsed = 0;
  while (elapsed < SECONDS * 1000) {
    batch();
    decisions += size;
    elapsed = cpu() - start;
  }
  return (decisions * 1000) / elapsed;
}

/** An IPv4 address as a 32-bit number. */
const toNumber = (ip) => ip.split(".").reduce((number, octet) => number * 256 + Number(octet), 0);

const shown = (perSecond) => (perSecond === undefined ? "n/a" : Math.round(perSecond).toLocaleString("en-US"));

const rows = [];
for (const [label, document, users] of [
  ["small (AWS CLI example, 2 rules)", smallDocument(), SMALL_USERS],
  ["largest (10 rules × 2,048 ranges)", largestDocument(), LARGEST_USERS],
]) {
  const org = Organization.fromJson(document);
  const inputs = requests(BATCH, users);
  const text = JSON.stringify(inputs);
  const single = inputs.map((input) => org.call("GetAccessControlEffect", input));
  assert.deepEqual(org.callMany("GetAccessControlEffect", inputs), single, "callMany answers as call does");
  assert.deepEqual(JSON.parse(org.callManyJson("GetAccessControlEffect", text)), single, "callManyJson answers as call does");

  const columns = {
    IpAddress: inputs.map((input) => input.IpAddress),
    Action: inputs.map((input) => input.Action),
    UserId: inputs.map((input) => input.UserId),
  };
  const numbers = { ...columns, IpAddress: Uint32Array.from(columns.IpAddress, toNumber) };
  for (const form of [columns, numbers]) {
    const { Answers, Index } = org.accessEffects(form);
    assert.deepEqual(Array.from(Index, (at) => Answers[at]), single, "accessEffects answers as call does");
  }

  const call = rate(inputs.length, () => {
    for (const input of inputs) org.call("GetAccessControlEffect", input);
  });
  const many = rate(inputs.length, () => org.callMany("GetAccessControlEffect", inputs));
  const json = rate(inputs.length, () => org.callManyJson("GetAccessControlEffect", text));
  const lean = rate(inputs.length, () => org.accessEffects(columns));
  const leanest = rate(inputs.length, () => org.accessEffects(numbers));
  const sweep = { IpAddress: columns.IpAddress, Action: "IMAP", UserId: users[0] };
  const sweepNumbers = { ...sweep, IpAddress: numbers.IpAddress };
  const sweepAnswers = org.callMany(
    "GetAccessControlEffect",
    sweep.IpAddress.map((IpAddress) => ({ IpAddress, Action: "IMAP", UserId: users[0] })),
  );
  for (const form of [sweep, sweepNumbers]) {
    const { Answers, Index } = org.accessEffects(form);
    assert.deepEqual(Array.from(Index, (at) => Answers[at]), sweepAnswers, "a sweep answers as callMany does");
  }
  const swept = rate(inputs.length, () => org.accessEffects(sweep));
  const sweptNumbers = rate(inputs.length, () => org.accessEffects(sweepNumbers));
  const key = label.split(" ")[0];
  rows.push({ label, call, many, json, lean, leanest, swept, sweptNumbers, native: native[key] });
  org.free();
}

const lines = [
  "### Node.js: `GetAccessControlEffect` decisions per second",
  "",
  `Node.js ${process.version}, batches of ${BATCH.toLocaleString("en-US")} different requests, decisions per CPU second (${SECONDS} s per figure).`,
  "Native is the core's `Organization::call_many` over `serde_json::Value` requests, in a release build. The last",
  "two columns give each request the same action and user (a sweep over addresses), the `Uint32Array` one its",
  "address as a number.",
  "",
  "| Document | `call` | `callMany` | `callManyJson` | `accessEffects` | `accessEffects`, `Uint32Array` | native `call_many` | native ÷ `callMany` | sweep | sweep, `Uint32Array` |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
];
for (const row of rows) {
  const ratio = row.native ? (row.native.call_many / row.many).toFixed(2) : "n/a";
  lines.push(
    `| ${row.label} | ${shown(row.call)} | ${shown(row.many)} | ${shown(row.json)} | ${shown(row.lean)} | ${shown(row.leanest)} | ${shown(row.native?.call_many)} | ${ratio} | ${shown(row.swept)} | ${shown(row.sweptNumbers)} |`,
  );
}
console.log(lines.join("\n"));

// The size of what users download: the main module, which answers, and the modules of the
// analysis entry point and of the command; then the floor under the main module (a module that
// only reads and writes the API's types through serde, built the same way), when given.
const { readFileSync } = await import("node:fs");
const zlib = await import("node:zlib");
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const modules = [
  ["workmail_policy_bg.wasm", join(packageDir, "workmail_policy_bg.wasm")],
  ["analysis/workmail_policy_analysis_bg.wasm", join(packageDir, "analysis", "workmail_policy_analysis_bg.wasm")],
  ["cli/workmail_policy_cli_bg.wasm", join(packageDir, "cli", "workmail_policy_cli_bg.wasm")],
];
if (process.env.WORKMAIL_POLICY_FLOOR) {
  modules.push(["floor: serde's typed JSON alone (`examples/serde_floor.rs`)", process.env.WORKMAIL_POLICY_FLOOR]);
}
const sizes = modules.map(([label, file]) => {
  const wasm = readFileSync(file);
  const gzip = zlib.gzipSync(wasm, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(wasm, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const name = label.startsWith("floor") ? label : `\`${label}\``;
  return `| ${name} | ${kib(wasm.length)} | ${kib(gzip)} | ${kib(brotli)} |`;
});
console.log(
  [
    "",
    "### npm package: the `.wasm` modules (budget for the main one: 150 KB raw, 60 KB gzip)",
    "",
    "| module | raw | gzip -9 | brotli -11 |",
    "|---|---:|---:|---:|",
    ...sizes,
  ].join("\n"),
);
