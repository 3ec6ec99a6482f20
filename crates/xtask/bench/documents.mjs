// The documents and requests of the npm benchmark, shaped as users send them: an organization
// with a directory of 200 users, and `GetAccessControlEffect` requests as an AWS SDK sends them
// (`{OrganizationId, IpAddress, Action, UserId}`) with random addresses, actions and users drawn
// from a seeded generator, so every run measures the same work.
//
// Run as a script (`node documents.mjs DIR`), it writes each document and its requests as JSON
// files into DIR for the native baseline (the core's `examples/native_baseline.rs`), so both
// measure the same documents and requests.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const ORGANIZATION_ID = "m-0123456789abcdef0123456789abcdef";
export const ACTIONS = ["ActiveSync", "AutoDiscover", "EWS", "IMAP", "SMTP", "WindowsOutlook", "WebMail"];
/** Requests per batch. */
export const BATCH = 10_000;
const USERS = 200;

/** A seeded generator of numbers in [0, 1) (mulberry32). */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The directory: 200 enabled users. */
function directory() {
  return Array.from({ length: USERS }, (_, i) => ({
    Id: `S-1-1-11-${String(1_000_000_000 + i)}`,
    Email: `user${i}@example.com`,
    Name: `user${i}`,
    State: "ENABLED",
  }));
}

const rule = (name, effect, conditions) => ({ Name: name, Effect: effect, Description: name, ...conditions });

/** Three rules: the default ALLOW; DENY IMAP and SMTP outside 10.0.0.0/8; DENY three users
 * outside 192.168.0.0/16. */
function small(users) {
  return [
    rule("default", "ALLOW", {}),
    rule("mail-clients-inside", "DENY", { Actions: ["IMAP", "SMTP"], NotIpRanges: ["10.0.0.0/8"] }),
    rule("executives-in-office", "DENY", {
      UserIds: users.slice(0, 3).map((user) => user.Id),
      NotIpRanges: ["192.168.0.0/16"],
    }),
  ];
}

/** Ten rules, each with 1,024 `IpRanges`, 1,024 `NotIpRanges`, `Actions` or `NotActions`, and 10
 * `UserIds` or `NotUserIds`: the largest lists the AWS model allows. */
function largest(users) {
  return Array.from({ length: 10 }, (_, at) => {
    const ids = users.slice(at * 10, at * 10 + 10).map((user) => user.Id);
    const actions = ACTIONS.filter((_, a) => (a + at) % 3 !== 0);
    return rule(`rule-${at}`, at % 3 === 0 ? "DENY" : "ALLOW", {
      IpRanges: Array.from({ length: 1024 }, (_, i) => `${10 + at}.${i >> 8}.${i & 255}.0/24`),
      NotIpRanges: Array.from({ length: 1024 }, (_, i) => `${10 + at}.${i >> 8}.${i & 255}.128/25`),
      ...(at % 2 === 0 ? { Actions: actions } : { NotActions: actions.slice(0, 2) }),
      ...(at % 4 === 3 ? { NotUserIds: ids } : { UserIds: ids }),
    });
  });
}

/** An IPv4 address from a 32-bit number. */
const dotted = (n) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

/** `BATCH` requests for `users`: a third of the addresses anywhere, the rest inside the
 * networks the rules name. */
function requests(users, seed, networks) {
  const random = generator(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  return Array.from({ length: BATCH }, () => {
    const anywhere = Math.floor(random() * 2 ** 32);
    const [base, size] = pick(networks);
    const address = random() < 1 / 3 ? anywhere : base + Math.floor(random() * size);
    return {
      OrganizationId: ORGANIZATION_ID,
      IpAddress: dotted(address >>> 0),
      Action: pick(ACTIONS),
      UserId: pick(users).Id,
    };
  });
}

/** The benchmark's cases: `{name, label, document (JSON text), requests}`. */
export function cases() {
  const users = directory();
  const organization = (rules) =>
    JSON.stringify({ OrganizationId: ORGANIZATION_ID, Users: users, AccessControlRules: rules });
  return [
    {
      name: "small",
      label: "small (3 rules)",
      document: organization(small(users)),
      requests: requests(users, 1, [
        [0x0a000000, 2 ** 24],
        [0xc0a80000, 2 ** 16],
      ]),
    },
    {
      name: "largest",
      label: "largest (10 rules × 2,048 ranges)",
      document: organization(largest(users)),
      requests: requests(
        users,
        2,
        Array.from({ length: 10 }, (_, at) => [(10 + at) * 2 ** 24, 2 ** 18]),
      ),
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node documents.mjs DIR");
    process.exit(2);
  }
  mkdirSync(dir, { recursive: true });
  for (const { name, document, requests } of cases()) {
    writeFileSync(join(dir, `${name}.json`), document);
    writeFileSync(join(dir, `${name}.requests.json`), JSON.stringify(requests));
  }
}
