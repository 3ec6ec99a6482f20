// Minifies the files a built playground page fetches before its first answer: its own scripts
// (`boot.js` and the wasm-bindgen module) and its style sheet, with esbuild, then writes each
// changed file's new Subresource Integrity hash into the page. `cargo xtask dist` runs it after
// Trunk (whose own minifier cannot read wasm-bindgen's `export { ... as default }`).
//
// Usage: node crates/xtask/site/minify.mjs DIST
// Prints one line per file: its name, and its size before and after.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";

const dist = process.argv[2];
if (!dist) {
  console.error("usage: node minify.mjs DIST");
  process.exit(2);
}

/** The `sha384-...` value of an `integrity` attribute for `bytes`. */
const integrity = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

const page = join(dist, "index.html");
let html = readFileSync(page, "utf8");
// The page's own files, as `cargo xtask` counts them: `./name` values of these attributes.
const named = new Set(
  [...html.matchAll(/ (?:href|src|data-js)=["']?\.\/([^"'\s>?#]+)/g)]
    .map((match) => match[1])
    .filter((name) => name.endsWith(".js") || name.endsWith(".css")),
);
for (const name of named) {
  const file = join(dist, name);
  const before = readFileSync(file);
  const loader = name.endsWith(".css") ? "css" : "js";
  const { code } = transformSync(before.toString("utf8"), {
    loader,
    minify: true,
    // The scripts are ES modules for the browsers the page supports.
    ...(loader === "js" ? { format: "esm", target: "es2022" } : {}),
    legalComments: "none",
  });
  const after = Buffer.from(code);
  writeFileSync(file, after);
  // Trunk wrote the hash of the file as it was; the page names it wherever it is preloaded.
  html = html.replaceAll(integrity(before), integrity(after));
  console.log(`${name}: ${before.length} -> ${after.length} bytes`);
}
writeFileSync(page, html);
