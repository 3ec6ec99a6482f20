// The JavaScript half of `callMany("GetAccessControlEffect", ...)` and of `call` for that
// operation: each request is coded where it lies as numbers (the core's
// `workmail_policy::api::batch::Coded`), so a whole batch crosses into WebAssembly as one
// `Uint32Array` and the member texts met for the first time; the answers come back as each
// distinct answer's JSON once with an index per request.
//
// A request is coded only when it is a plain object whose members are all strings (or
// `undefined`, which `JSON.stringify` leaves out) named as the request shape names them. The
// core asks for the JSON of any other request, and of every request its checks refuse, as
// `JSON.stringify` writes it, and answers those on `call`'s own path, so nothing a caller can
// pass is read differently from `call`. `accessEffects` codes its columns the same way.

/** The numbers per coded request (the core's `CODED_MEMBERS`). */
const STRIDE = 5;

/** The most texts a coder keeps before it starts numbering again. */
const MOST_TEXTS = 1 << 16;

/** The most numbers a coder keeps an array for between batches (a megabyte); a larger batch
 * gets an array of its own. */
const MOST_KEPT = 1 << 18;

/** A coder: the number of every member text met so far, and how many there are. One per
 * organization. The numbers are the members of an object without a prototype rather than a
 * `Map`: V8 finds a string among an object's members in about half the time `Map.get` takes,
 * and with no prototype every text, `__proto__` and `toString` included, is an own member or
 * absent. */
export function newCoder() {
  return { codes: Object.create(null), size: 0, numbers: new Uint32Array(0) };
}

/** An IPv4 address written as the `IpAddress` shape allows (four decimal octets, at most 255,
 * no leading zero), as a 32-bit number; -1 for any other text. The core reads the same texts as
 * addresses (`model::parse_ipv4`); a text this refuses is answered on `call`'s path. It reads no
 * character past the end (`charCodeAt` there gives `NaN`, which the optimizer leaves to a
 * slower, floating-point path) and reads each octet's digits by position. */
function parseAddress(text) {
  const length = text.length;
  if (length < 7 || length > 15) return -1;
  let at = 0;
  let address = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (at === length || text.charCodeAt(at) !== 46) return -1;
      at++;
    }
    if (at === length) return -1;
    let digit = text.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return -1;
    let octet = digit;
    at++;
    // A leading zero is the whole octet: the next character must be a dot (or the end).
    if (digit !== 0 && at < length) {
      digit = text.charCodeAt(at) - 48;
      if (digit >= 0 && digit <= 9) {
        octet = octet * 10 + digit;
        at++;
        if (at < length) {
          digit = text.charCodeAt(at) - 48;
          if (digit >= 0 && digit <= 9) {
            octet = octet * 10 + digit;
            at++;
            if (octet > 255) return -1;
          }
        }
      }
    }
    address = (address << 8) | octet;
  }
  return at === length ? address >>> 0 : -1;
}

/** One batch being coded: its numbers, new member texts and uncoded positions. */
class Coding {
  constructor(coder, count) {
    // Whether plain objects are read as they look: `Object.prototype` has no enumerable member
    // (which `for...in` would count and `JSON.stringify` not write) and no `toJSON`.
    let plain = Object.prototype.toJSON === undefined;
    for (const _ in Object.prototype) plain = false;
    this.plain = plain;
    this.restart = coder.size > MOST_TEXTS;
    if (this.restart) {
      coder.codes = Object.create(null);
      coder.size = 0;
    }
    this.coder = coder;
    this.codes = coder.codes;
    // The numbers are copied into WebAssembly's memory as the batch crosses, so one array serves
    // every batch of the coder: allocating and zeroing a new one took about a tenth of the
    // coding.
    const length = count * STRIDE;
    let numbers = coder.numbers;
    if (numbers.length < length) {
      numbers = new Uint32Array(length);
      if (length <= MOST_KEPT) coder.numbers = numbers;
    }
    this.numbers = numbers;
    this.end = 0;
    this.texts = [];
    this.uncoded = [];
    this.lastOrganization = undefined;
    this.lastOrganizationCode = 0;
  }

  /** The number of `text`, given one now if it has none; 0 when it cannot be coded (lone
   * surrogates: `JSON.stringify` escapes them, and the core refuses the escape, as `call`
   * does). */
  code(text) {
    let number = this.codes[text];
    if (number === undefined) {
      if (!text.isWellFormed()) return 0;
      number = ++this.coder.size;
      this.codes[text] = number;
      this.texts.push(text);
    }
    return number;
  }

  /** The number of an optional member: 0 when it is absent, -1 when it cannot be coded. */
  optional(value) {
    if (value === undefined) return 0;
    if (typeof value !== "string") return -1;
    return this.code(value) || -1;
  }

  /** Codes the request at `at` from its address as a number (-1 when it is not an address
   * written as the `IpAddress` shape allows) and its other members (`undefined` for an absent
   * one), `members` being how many it has (or -1 when that is not to be checked); or leaves it
   * uncoded. */
  add(at, ip, organization, action, user, role, members) {
    if (ip < 0 || typeof action !== "string") {
      this.uncoded.push(at);
      return;
    }
    // Requests of one batch almost always name the same organization.
    let organizationCode;
    if (organization === this.lastOrganization && organization !== undefined) {
      organizationCode = this.lastOrganizationCode;
    } else {
      organizationCode = this.optional(organization);
      this.lastOrganization = organization;
      this.lastOrganizationCode = organizationCode;
    }
    const actionCode = this.code(action);
    const userCode = this.optional(user);
    const roleCode = this.optional(role);
    const defined = 2 + (organizationCode > 0) + (userCode > 0) + (roleCode > 0);
    if (organizationCode < 0 || actionCode === 0 || userCode < 0 || roleCode < 0 || (members >= 0 && members !== defined)) {
      this.uncoded.push(at);
      return;
    }
    const numbers = this.numbers;
    const end = this.end;
    numbers[end] = ip;
    numbers[end + 1] = organizationCode;
    numbers[end + 2] = actionCode;
    numbers[end + 3] = userCode;
    numbers[end + 4] = roleCode;
    this.end = end + STRIDE;
  }

  /** What the core reads: `{numbers, texts, restart, uncoded, json}`. `texts` is the JSON
   * array of the member texts met for the first time (added to the core's table, after emptying
   * it when `restart`); `json(positions)` the JSON of the requests at those positions, each as
   * `JSON.stringify` writes it (`null` for what it does not). */
  finish(requestAt) {
    const { numbers, end } = this;
    return {
      numbers: numbers.subarray(0, end),
      // Each text on its own: a `toJSON` added to `Object.prototype` would apply to the array.
      texts: `[${this.texts.map((text) => JSON.stringify(text)).join(",")}]`,
      restart: this.restart,
      uncoded: Uint32Array.from(this.uncoded),
      json: (positions) => `[${Array.from(positions, (at) => JSON.stringify(requestAt(at)) ?? "null").join(",")}]`,
    };
  }
}

/** Codes `inputs` (an array of requests) with `coder` (see `Coding.finish`). A request is coded
 * when it is a plain object whose members are all strings, or `undefined` (which
 * `JSON.stringify` leaves out), named as the request shape names them. */
export function codeRequests(inputs, coder) {
  const count = inputs.length;
  const coding = new Coding(coder, count);
  const plain = coding.plain;
  for (let at = 0; at < count; at++) {
    const input = inputs[at];
    // A plain object: `JSON.stringify` writes its own enumerable members, which `for...in`
    // counts (`Object.prototype` adds none when `plain`).
    if (!plain || typeof input !== "object" || input === null || Object.getPrototypeOf(input) !== Object.prototype) {
      coding.uncoded.push(at);
      continue;
    }
    let members = 0;
    for (const _ in input) members++;
    const ip = input.IpAddress;
    const address = typeof ip === "string" ? parseAddress(ip) : -1;
    coding.add(at, address, input.OrganizationId, input.Action, input.UserId, input.ImpersonationRoleId, members);
  }
  return coding.finish((at) => inputs[at]);
}

/** The members `accessEffects` takes. */
const COLUMNS = ["IpAddress", "Action", "UserId", "ImpersonationRoleId"];

/** Codes the requests `accessEffects` takes as columns (`{IpAddress, Action, UserId?,
 * ImpersonationRoleId?}`: each an array with one entry per request or, except `IpAddress`, one
 * value for all; `IpAddress` may be a `Uint32Array`; a `null` entry leaves the member out) with
 * `coder` (see `Coding.finish`). Throws a `TypeError` for columns that do not fit. */
export function codeColumns(requests, coder) {
  if (typeof requests !== "object" || requests === null || Array.isArray(requests)) {
    throw new TypeError('`requests` must be an object such as `{IpAddress: [...], Action: "IMAP", UserId: [...]}`');
  }
  for (const key of Object.keys(requests)) {
    if (!COLUMNS.includes(key)) {
      throw new TypeError(
        `\`requests\` has no member \`${key}\`; its members are \`IpAddress\`, \`Action\`, \`UserId\` and \`ImpersonationRoleId\``,
      );
    }
  }
  const ips = requests.IpAddress;
  const numeric = ips instanceof Uint32Array;
  if (!numeric && !Array.isArray(ips)) {
    throw new TypeError("`requests.IpAddress` must be an array of IPv4 addresses (strings), or a `Uint32Array`");
  }
  const count = ips.length;
  const columns = COLUMNS.slice(1).map((name) => {
    const column = requests[name];
    if (ArrayBuffer.isView(column)) {
      throw new TypeError(`\`requests.${name}\` must be a string or an array of strings`);
    }
    if (Array.isArray(column) && column.length !== count) {
      throw new TypeError(
        `\`${name}\` has ${column.length} entries but \`IpAddress\` has ${count}; give one per request, or one string for all`,
      );
    }
    return column;
  });
  const [actions, users, roles] = columns;
  /** A column's member of request `at` (`undefined` when absent). */
  const member = (column, at) => {
    const value = Array.isArray(column) ? column[at] : column;
    return value === null ? undefined : value;
  };
  const coding = new Coding(coder, count);
  for (let at = 0; at < count; at++) {
    let address = -1;
    if (numeric) {
      address = ips[at];
    } else {
      const ip = ips[at];
      if (typeof ip === "string") address = parseAddress(ip);
    }
    coding.add(at, address, undefined, member(actions, at), member(users, at), member(roles, at), -1);
  }
  return coding.finish((at) => {
    const request = {};
    const ip = numeric ? dotted(ips[at]) : (ips[at] ?? undefined);
    COLUMNS.forEach((name, place) => {
      const value = place === 0 ? ip : member(columns[place - 1], at);
      if (value !== undefined) request[name] = value;
    });
    return request;
  });
}

/** An IPv4 address from a 32-bit number. */
const dotted = (n) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

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
