// Shared by the npm package's tests: a scratch project with the packed tarball installed (as a
// user would install it), the shared corpus of `tests/cases/`, and process helpers.
//
// `cargo xtask test` passes the tarball, the corpus, the Rust command line and `tsc` through
// WORKMAIL_POLICY_* variables; without them the defaults point into this repository, so the
// tests also run with a plain `node --test` after `cargo xtask npm`.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repository = fileURLToPath(new URL("../../../../", import.meta.url));

function newest(dir, prefix, suffix) {
  const found = readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith(suffix))
    .sort();
  assert.ok(found.length > 0, `no ${prefix}*${suffix} in ${dir}: run \`cargo xtask npm\` first`);
  return join(dir, found[found.length - 1]);
}

export const tarball =
  process.env.WORKMAIL_POLICY_TARBALL ?? newest(join(repository, "target", "npm"), "workmail-policy-", ".tgz");
export const casesDir = process.env.WORKMAIL_POLICY_CASES ?? join(repository, "tests", "cases");
export const rustCli = process.env.WORKMAIL_POLICY_CLI ?? join(repository, "target", "debug", "workmail-policy");
export const tsc = process.env.WORKMAIL_POLICY_TSC ?? join(repository, "node_modules", ".bin", "tsc");

/** How long a program a test runs may take before it is killed and the test fails. */
export const DEADLINE_MS = 120_000;

/**
 * Runs a program to completion; returns `{status, stdout, stderr}` as text. A program still
 * running after `options.deadline` milliseconds (DEADLINE_MS by default) is killed, and the
 * test fails saying so.
 */
export function execute(program, args, options = {}) {
  const deadline = options.deadline ?? DEADLINE_MS;
  const result = spawnSync(program, args, {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    cwd: options.cwd,
    input: options.input,
    timeout: deadline,
    killSignal: "SIGKILL",
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.error?.code === "ETIMEDOUT" || (result.status === null && result.signal === "SIGKILL")) {
    throw new Error(`\`${program} ${args.join(" ")}\` ran past its deadline (${deadline} ms) and was killed`);
  }
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A new folder holding an npm project with the packed package installed from the tarball, as
 * `npm install workmail-policy` would. Removed when the process exits.
 */
export function scratchProject(prefix = "workmail-policy-npm-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "scratch", version: "1.0.0", private: true, type: "module" }, null, 2),
  );
  const installed = execute("npm", ["install", "--no-audit", "--no-fund", "--offline", tarball], { cwd: dir });
  assert.equal(installed.status, 0, `npm install of ${tarball} failed:\n${installed.stderr}`);
  return dir;
}

/** An entry point of the package (`workmail-policy` or `workmail-policy/analysis`) as `require` gives it in `project`. */
export function requirePackage(project, entry = "workmail-policy") {
  return createRequire(join(project, "package.json"))(entry);
}

/** An entry point of the package as `import ... from` gives it in `project`. */
export async function importPackage(project, entry = "workmail-policy") {
  const file = join(project, `import-${entry.replaceAll("/", "-")}.mjs`);
  writeFileSync(file, `export * from ${JSON.stringify(entry)};\n`);
  return import(pathToFileURL(file).href);
}

// ---------------------------------------------------------------------------------------------
// The corpus (format: tests/cases/README.md).

export { runCase } from "./corpus.mjs";

/** Every case file under `dir`, recursively, in path order: `{name, case}`. */
export function loadCases(dir = casesDir) {
  const found = [];
  const walk = (folder, prefix) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
      else if (entry.name.endsWith(".json")) {
        found.push({ name: `${prefix}${entry.name}`, case: JSON.parse(readFileSync(path, "utf8")) });
      }
    }
  };
  walk(dir, "");
  return found;
}
