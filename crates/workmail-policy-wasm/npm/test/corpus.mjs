// Runs a case of the shared corpus (format: tests/cases/README.md) through a loaded package's
// `Organization.call`. No imports: the same file runs in Node.js and in the browser test.

const CASE_KEYS = new Set(["Description", "Decisions", "Sources", "Document", "Steps"]);
const STEP_KEYS = new Set(["Description", "Operation", "Input", "Expect", "ExpectError"]);
const PLACEHOLDER = /^\{\{([A-Za-z0-9_.-]+)\}\}$/;

/** A failed expectation. */
export class CaseFailure extends Error {
  constructor(message) {
    super(message);
    this.name = "CaseFailure";
  }
}

function check(condition, message) {
  if (!condition) throw new CaseFailure(message);
}

const shown = (value) => JSON.stringify(value);

/** Structural equality of JSON values (member order aside). */
function same(a, b) {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, at) => same(item, b[at]));
  if (a !== null && typeof a === "object") {
    if (b === null || typeof b !== "object" || Array.isArray(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && same(a[key], b[key]));
  }
  return Object.is(a, b);
}

/** Replaces every `"{{name}}"` string by its bound value. */
function substitute(value, bindings, where) {
  if (typeof value === "string") {
    const placeholder = PLACEHOLDER.exec(value);
    if (!placeholder) return value;
    check(placeholder[1] in bindings, `${where}: \`${value}\` is used before it is bound`);
    return bindings[placeholder[1]];
  }
  if (Array.isArray(value)) return value.map((item, at) => substitute(item, bindings, `${where}[${at}]`));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, bindings, `${where}.${key}`)]));
  }
  return value;
}

/** Compares a response with `Expect` exactly, binding placeholders on first sight. */
function match(expected, actual, bindings, where) {
  if (typeof expected === "string") {
    const placeholder = PLACEHOLDER.exec(expected);
    if (placeholder) {
      const name = placeholder[1];
      if (name in bindings) {
        check(same(actual, bindings[name]), `${where}: {{${name}}} is ${shown(bindings[name])}, got ${shown(actual)}`);
      } else {
        check(actual !== undefined, `${where}: {{${name}}} expects a value, found none`);
        bindings[name] = actual;
      }
      return;
    }
  }
  if (Array.isArray(expected)) {
    check(Array.isArray(actual), `${where}: expected an array, got ${shown(actual)}`);
    check(actual.length === expected.length, `${where}: expected ${expected.length} items, got ${shown(actual)}`);
    expected.forEach((item, at) => match(item, actual[at], bindings, `${where}[${at}]`));
    return;
  }
  if (expected !== null && typeof expected === "object") {
    check(
      actual !== null && typeof actual === "object" && !Array.isArray(actual),
      `${where}: expected an object, got ${shown(actual)}`,
    );
    const want = Object.keys(expected).sort();
    const got = Object.keys(actual).sort();
    check(same(want, got), `${where}: expected members ${shown(want)}, got ${shown(got)}`);
    for (const key of want) match(expected[key], actual[key], bindings, `${where}.${key}`);
    return;
  }
  check(Object.is(actual, expected), `${where}: expected ${shown(expected)}, got ${shown(actual)}`);
}

/**
 * Runs one case through `Organization.call` of a loaded package and checks every step, throwing
 * a `CaseFailure` at the first difference. Returns what the successful steps produced
 * (operation, input, response, and the explanation of the two effect operations), for the
 * TypeScript drift check.
 */
export function runCase(pkg, name, kase) {
  for (const key of Object.keys(kase)) check(CASE_KEYS.has(key), `${name}: unknown case member \`${key}\``);
  check(Array.isArray(kase.Steps) && kase.Steps.length > 0, `${name}: no Steps`);
  const org = pkg.Organization.fromJson(JSON.stringify(kase.Document ?? {}));
  const bindings = {};
  const produced = [];
  try {
    kase.Steps.forEach((step, at) => {
      const where = `${name} Steps[${at}] ${step.Operation}`;
      for (const key of Object.keys(step)) check(STEP_KEYS.has(key), `${where}: unknown step member \`${key}\``);
      check(("Expect" in step) !== ("ExpectError" in step), `${where}: needs exactly one of Expect and ExpectError`);
      const input = substitute(step.Input ?? {}, bindings, `${where} Input`);
      let response;
      try {
        response = org.call(step.Operation, input);
      } catch (error) {
        check(error instanceof Error, `${where}: threw a non-Error ${String(error)}`);
        check(step.ExpectError, `${where}: unexpected ${error.name}: ${error.message}`);
        check(error.name === step.ExpectError.Code, `${where}: expected ${step.ExpectError.Code}, got ${error.name}: ${error.message}`);
        const wanted = step.ExpectError.MessageContains;
        check(wanted === undefined || error.message.includes(wanted), `${where}: message \`${error.message}\` lacks \`${wanted}\``);
        return;
      }
      check(!step.ExpectError, `${where}: expected ${step.ExpectError?.Code}, got ${shown(response)}`);
      match(step.Expect, response, bindings, `${where} response`);
      const record = { operation: step.Operation, input, response };
      if (step.Operation === "GetAccessControlEffect") record.explanation = org.explainAccess(input);
      if (step.Operation === "GetImpersonationRoleEffect") record.explanation = org.explainImpersonation(input);
      if (record.explanation) {
        check(record.explanation.Effect === response.Effect, `${where}: the explanation's Effect differs`);
        check(same(record.explanation.MatchedRules, response.MatchedRules), `${where}: the explanation's MatchedRules differ`);
      }
      produced.push(record);
    });
  } finally {
    org.free();
  }
  return produced;
}
