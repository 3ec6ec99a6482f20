// The package's entry point for `import` in Node.js: the browser build, instantiated at once from
// the `.wasm` file beside it. `init()` and `initSync()` stay available and return immediately, so
// code written for browsers runs unchanged.
import { readFileSync } from "node:fs";
import { initSync } from "./workmail_policy.js";

initSync({ module: readFileSync(new URL("./workmail_policy_bg.wasm", import.meta.url)) });

export * from "./workmail_policy.js";
export { default } from "./workmail_policy.js";
