// The JavaScript half of `callMany("GetAccessControlEffect", ...)` and of `call` for that
// operation: each request is coded where it lies as numbers (the core's
// `workmail_policy::api::batch::Coded`), so a whole batch crosses into WebAssembly as one
// `Uint32Array`, one `Uint8Array` of address texts and the member texts met for the first time;
// the answers come back as each distinct answer's JSON once with an index per request.
//
// A request is coded only when it is a plain object whose members are all strings (or
// `undefined`, which `JSON.stringify` leaves out) named as the request shape names them. The
// core asks for the JSON of any other request, and of every request its checks refuse, as
// `JSON.stringify` writes it (`requestsJson`), and answers those on `call`'s own path, so nothing
// a caller can pass is read differently from `call`.

/** The numbers per coded request (the core's `CODED_MEMBERS`). */
const STRIDE = 5;

/** The most texts a coder keeps before it starts numbering again. */
const MOST_TEXTS = 1 << 16;

const encoder = new TextEncoder();

/** A coder: the number of every member text met so far. One per organization. */
export function newCoder() {
  return { codes: new Map() };
}

/** The number of `text` in `codes`, given a number now if it has none (`texts` collects the
 * new ones); 0 when it cannot be coded (lone surrogates: `JSON.stringify` escapes them, and the
 * core refuses the escape, as it does in `call`). */
function code(codes, texts, text) {
  let number = codes.get(text);
  if (number === undefined) {
    if (!text.isWellFormed()) return 0;
    number = codes.size + 1;
    codes.set(text, number);
    texts.push(text);
  }
  return number;
}

/** The number of an optional member: 0 when it is `undefined`, -1 when it cannot be coded. */
function optional(codes, texts, value) {
  if (value === undefined) return 0;
  if (typeof value !== "string") return -1;
  return code(codes, texts, value) || -1;
}

/**
 * Codes `inputs` (an array of requests) with `coder`. Returns `{numbers, addresses, texts,
 * restart, uncoded}`: five numbers per coded request (the first is the length of its address
 * text), the address texts one after the other (UTF-8), the member texts met for the first time
 * (to add to the core's table, after emptying it when `restart`), and the positions of the
 * requests left uncoded.
 */
export function codeRequests(inputs, coder) {
  let codes = coder.codes;
  const restart = codes.size > MOST_TEXTS;
  if (restart) {
    codes = coder.codes = new Map();
  }
  // Whether plain objects are read as they look: `Object.prototype` has no enumerable member
  // (which `for...in` would count and `JSON.stringify` not write) and no `toJSON`.
  let plain = Object.prototype.toJSON === undefined;
  for (const _ in Object.prototype) plain = false;
  const count = inputs.length;
  const numbers = new Uint32Array(count * STRIDE);
  const texts = [];
  const uncoded = [];
  const addresses = [];
  let lastOrganization;
  let lastOrganizationCode = 0;
  let end = 0;
  for (let at = 0; at < count; at++) {
    const input = inputs[at];
    // A plain object: `JSON.stringify` writes its own enumerable members, which `for...in`
    // counts below (`Object.prototype` adds none: see `plain`).
    if (!plain || typeof input !== "object" || input === null || Object.getPrototypeOf(input) !== Object.prototype) {
      uncoded.push(at);
      continue;
    }
    const { IpAddress: ip, OrganizationId: organization, Action: action, UserId: user, ImpersonationRoleId: role } = input;
    // Every member must be one of these five: as many members as of the five are defined (a
    // member whose value is `undefined` counts here and not below, so it is not coded).
    let members = 0;
    for (const _ in input) members++;
    if (typeof ip !== "string" || typeof action !== "string") {
      uncoded.push(at);
      continue;
    }
    // Requests of one batch almost always name the same organization.
    let organizationCode;
    if (organization === lastOrganization && organization !== undefined) {
      organizationCode = lastOrganizationCode;
    } else {
      organizationCode = optional(codes, texts, organization);
      lastOrganization = organization;
      lastOrganizationCode = organizationCode;
    }
    const actionCode = code(codes, texts, action);
    const userCode = optional(codes, texts, user);
    const roleCode = optional(codes, texts, role);
    const defined = 2 + (organizationCode > 0) + (userCode > 0) + (roleCode > 0);
    if (organizationCode < 0 || actionCode === 0 || userCode < 0 || roleCode < 0 || members !== defined) {
      uncoded.push(at);
      continue;
    }
    numbers[end] = ip.length;
    numbers[end + 1] = organizationCode;
    numbers[end + 2] = actionCode;
    numbers[end + 3] = userCode;
    numbers[end + 4] = roleCode;
    addresses.push(ip);
    end += STRIDE;
  }
  return {
    numbers: end === numbers.length ? numbers : numbers.subarray(0, end),
    addresses: encoder.encode(addresses.join("")),
    texts,
    restart,
    uncoded: Uint32Array.from(uncoded),
  };
}

/** The JSON text of the requests at `positions` of `inputs`, each as `JSON.stringify` writes it
 * (`null` for what it does not write, such as `undefined`). */
export function requestsJson(inputs, positions) {
  return `[${Array.from(positions, (at) => JSON.stringify(inputs[at]) ?? "null").join(",")}]`;
}

/** A fresh copy of a JSON value, so no two answers share an object. Members are defined, as
 * `JSON.parse` defines them, so nothing added to `Object.prototype` is in the way. */
function copy(value) {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copy);
  const out = {};
  for (const name of Object.keys(value)) {
    Object.defineProperty(out, name, { value: copy(value[name]), writable: true, enumerable: true, configurable: true });
  }
  return out;
}

/** A function that makes fresh copies of an answer: an effect's in one literal, any other
 * answer (an error) by `copy`. */
function maker(answer) {
  const { Effect, MatchedRules } = answer;
  if (typeof Effect === "string" && Array.isArray(MatchedRules) && Object.keys(answer).length === 2) {
    return () => ({ Effect, MatchedRules: MatchedRules.slice() });
  }
  return () => copy(answer);
}

/** The answers of a batch, one object per request, from each distinct answer's JSON text (a
 * JSON array) and the index of each request's answer. */
export function expandAnswers(answers, index) {
  const makers = JSON.parse(answers).map(maker);
  const count = index.length;
  const out = new Array(count);
  for (let at = 0; at < count; at++) out[at] = makers[index[at]]();
  return out;
}
