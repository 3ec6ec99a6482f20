// The package README's examples, run against the installed package: every `js` block followed by
// a `text` block runs (in order, as one module) and must print that text; the `console` block's
// commands run with the `json` block as `rules.json` and must print what is shown; the `ts`
// block compiles, except the line its `// error:` comment marks, which must not.

import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { execute, scratchProject, tsc } from "./support.mjs";

const project = scratchProject();
const readme = readFileSync(join(project, "node_modules", "workmail-policy", "README.md"), "utf8");

/** The fenced blocks, in order: `{lang, text}`. */
function blocks(markdown) {
  const found = [];
  const fence = /^```(\w*)\n([^]*?)^```$/gm;
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown)) found.push({ lang: m[1], text: m[2] });
  return found;
}

const all = blocks(readme);

test("the JavaScript examples print what the README shows", () => {
  const code = [];
  const shown = [];
  all.forEach((block, at) => {
    const next = all[at + 1];
    if (block.lang === "js" && next?.lang === "text") {
      code.push(block.text);
      shown.push(next.text);
    }
  });
  assert.ok(code.length >= 3, "the README lost its examples");
  writeFileSync(join(project, "readme.mjs"), code.join("\n"));
  const result = execute(process.execPath, ["readme.mjs"], { cwd: project });
  assert.equal(result.stderr, "");
  assert.equal(result.status, 0);
  assert.equal(result.stdout, shown.join(""));
});

test("the command line examples print what the README shows", () => {
  const document = all.find((block) => block.lang === "json");
  const session = all.find((block) => block.lang === "console");
  assert.ok(document && session, "the README lost its command line example");
  writeFileSync(join(project, "rules.json"), document.text);
  const commands = [];
  for (const line of session.text.split("\n").slice(0, -1)) {
    if (line.startsWith("$ ")) commands.push({ command: line.slice(2), output: "" });
    else commands.at(-1).output += `${line}\n`;
  }
  assert.ok(commands.length >= 2);
  for (const { command, output } of commands) {
    const result = execute("sh", ["-c", `${command} 2>&1`], { cwd: project });
    assert.equal(result.stdout, output, command);
  }
});

test("the TypeScript example fails to compile exactly where the README says", () => {
  const example = all.find((block) => block.lang === "ts");
  assert.ok(example && example.text.includes("// error: "), "the README lost its TypeScript example");
  writeFileSync(join(project, "readme.ts"), example.text.replace(/\/\/ error: .*/, "// @ts-expect-error"));
  writeFileSync(
    join(project, "tsconfig.readme.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "es2022",
        lib: ["es2022", "esnext.disposable"],
        types: [],
      },
      files: ["readme.ts"],
    }),
  );
  const result = execute(tsc, ["-p", "tsconfig.readme.json", "--pretty", "false"], { cwd: project });
  assert.equal(result.status, 0, result.stdout + result.stderr);
});
