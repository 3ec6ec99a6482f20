// The package's speed in Node.js: `GetAccessControlEffect` decisions per CPU second on requests
// shaped as an AWS SDK sends them (see `documents.mjs`), against a plain evaluator written by hand
// in JavaScript (`plain.mjs`) in the same process on the same requests, and against the core
// natively (the core's `examples/native_baseline.rs`, whose figures `cargo xtask bench` passes in
// WORKMAIL_POLICY_NATIVE). Prints a Markdown section.
//
// This is a benchmark, not a test: it asserts nothing about speed. It does check that every way,
// the plain evaluator included, gives the same answers, so it never measures a broken path.

import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BATCH, cases } from "./documents.mjs";
import { plainEvaluator } from "./plain.mjs";

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

/** Decisions per CPU second of `batch` (which makes `size` decisions), run for `seconds` of
 * CPU time. */
function rate(size, batch, seconds) {
  let decisions = 0;
  const start = cpu();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    batch();
    decisions += size;
    elapsed = cpu() - start;
  }
  return (decisions * 1000) / elapsed;
}

/** The median rate of each of `ways` (name to batch), measured in turns: every way runs once per
 * round, so a machine busy with something else slows them alike and their ratios hold. */
function rates(size, ways) {
  const ROUNDS = 5;
  const names = Object.keys(ways);
  for (const name of names) rate(size, ways[name], Math.min(0.2, SECONDS));
  const measured = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) measured[name].push(rate(size, ways[name], SECONDS / ROUNDS));
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return Object.fromEntries(names.map((name) => [name, median(measured[name])]));
}

/** An IPv4 address as a 32-bit number. */
const toNumber = (ip) => ip.split(".").reduce((number, octet) => number * 256 + Number(octet), 0);

const shown = (perSecond) => (perSecond === undefined ? "n/a" : Math.round(perSecond).toLocaleString("en-US"));
const times = (ratio) => `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;

const rows = [];
for (const { name, label, document, requests: inputs } of cases()) {
  const org = Organization.fromJson(document);
  const plain = plainEvaluator(document);
  const bare = inputs.map(({ OrganizationId, ...rest }) => rest);
  const text = JSON.stringify(inputs);
  const single = inputs.map((input) => org.call("GetAccessControlEffect", input));
  assert.deepEqual(inputs.map(plain), single, "the plain evaluator answers as call does");
  assert.deepEqual(org.callMany("GetAccessControlEffect", inputs), single, "callMany answers as call does");
  assert.deepEqual(org.callMany("GetAccessControlEffect", bare), single, "without OrganizationId too");
  assert.deepEqual(JSON.parse(org.callManyJson("GetAccessControlEffect", text)), single, "callManyJson answers as call does");
  const columns = {
    IpAddress: Uint32Array.from(inputs, (input) => toNumber(input.IpAddress)),
    Action: inputs.map((input) => input.Action),
    UserId: inputs.map((input) => input.UserId),
  };
  const { Answers, Index } = org.accessEffects(columns);
  assert.deepEqual(Array.from(Index, (at) => Answers[at]), single, "accessEffects answers as call does");

  const measured = rates(BATCH, {
    plain: () => {
      for (const input of inputs) plain(input);
    },
    call: () => {
      for (const input of inputs) org.call("GetAccessControlEffect", input);
    },
    many: () => org.callMany("GetAccessControlEffect", inputs),
    bare: () => org.callMany("GetAccessControlEffect", bare),
    json: () => org.callManyJson("GetAccessControlEffect", text),
    columns: () => org.accessEffects(columns),
  });
  rows.push({ label, ...measured, native: native[name] });
  org.free();
}

const lines = [
  "## Node.js: `GetAccessControlEffect` decisions per CPU second",
  "",
  `Node.js ${process.version}; batches of ${BATCH.toLocaleString("en-US")} requests shaped as an AWS SDK sends them`,
  "(`{OrganizationId, IpAddress, Action, UserId}`, random addresses, actions and users of a directory of 200 users);",
  `the median of 5 turns taken in rotation, ${SECONDS} s of CPU time per figure. "plain JavaScript" is a hand-written evaluator (ranges parsed to integers once,`,
  "then linear scans) in the same process on the same requests; `accessEffects` takes the members as columns, the",
  "addresses in a `Uint32Array`; native is the core's `Organization::call_many` in a release build.",
  "",
  "| Document | plain JavaScript | `call` | `callMany` | `callMany` without `OrganizationId` | `callManyJson` | `accessEffects` | native `call_many` | `callMany` ÷ plain | `call` ÷ plain |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
];
for (const row of rows) {
  lines.push(
    `| ${row.label} | ${shown(row.plain)} | ${shown(row.call)} | ${shown(row.many)} | ${shown(row.bare)} | ${shown(row.json)} | ${shown(row.columns)} | ${shown(row.native?.call_many)} | ${times(row.many / row.plain)} | ${times(row.call / row.plain)} |`,
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
    "## npm package: the `.wasm` modules (their budgets, checked by `cargo xtask test`, are in `crates/xtask/src/npm.rs`)",
    "",
    "| module | raw | gzip -9 | brotli -11 |",
    "|---|---:|---:|---:|",
    ...sizes,
  ].join("\n"),
);
