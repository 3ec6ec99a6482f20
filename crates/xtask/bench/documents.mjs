// The documents and requests of the Node.js benchmark, generated exactly as the native baseline
// (the core's `examples/native_baseline.rs`) generates them, so both measure the same work.

/** The user of the AWS CLI documentation's example rule. */
export const DOC_USER = "S-1-1-11-1111111111-2222222222-3333333333-3333";

const ACTIONS = ["ActiveSync", "AutoDiscover", "EWS", "IMAP", "SMTP", "WindowsOutlook", "WebMail"];

/** The AWS CLI documentation's example: the default rule, and a DENY rule for one user. */
export function smallDocument() {
  return JSON.stringify({
    Rules: [
      { Name: "default", Effect: "ALLOW", Description: "Default WorkMail Rule", DateCreated: 0.0, DateModified: 0.0 },
      { Name: "myRule", Effect: "DENY", Description: "my rule", UserIds: [DOC_USER], DateCreated: 1581635628.0, DateModified: 1581635628.0 },
    ],
  });
}

const pad = (n) => String(n).padStart(2, "0");

/** The largest organization the AWS model allows: 10 rules, each with 1,024 `IpRanges`, 1,024
 * `NotIpRanges` and full action, user and role lists. */
export function largestDocument() {
  const ids = (prefix, rule) => Array.from({ length: 10 }, (_, i) => `${prefix}-${pad(rule)}-${pad(i)}-0000000000`);
  const rules = Array.from({ length: 10 }, (_, rule) => ({
    Name: `rule-${rule}`,
    Effect: rule % 3 === 0 ? "DENY" : "ALLOW",
    Description: "the largest rule the model allows",
    IpRanges: Array.from({ length: 1024 }, (_, i) => `${10 + rule}.${i >> 8}.${i & 255}.0/24`),
    NotIpRanges: Array.from({ length: 1024 }, (_, i) => `${10 + rule}.${i >> 8}.${i & 255}.128/25`),
    Actions: ACTIONS,
    NotActions: ["SMTP"],
    UserIds: ids("S-1-1-11-user", rule),
    NotUserIds: ids("S-1-1-11-excl", rule),
    ImpersonationRoleIds: ids("role", rule),
    NotImpersonationRoleIds: ids("notrole", rule),
  }));
  return JSON.stringify({ OrganizationId: "m-0123456789abcdef0123456789abcdef", AccessControlRules: rules });
}

/** `count` different `GetAccessControlEffect` requests for `users`, spread over addresses and
 * actions. */
export function requests(count, users) {
  return Array.from({ length: count }, (_, i) => ({
    IpAddress: `${10 + (i % 12)}.${(i >> 3) & 3}.${i & 255}.${(i * 7) & 255}`,
    Action: ACTIONS[i % 7],
    UserId: users[i % users.length],
  }));
}

export const SMALL_USERS = [DOC_USER, "S-1-1-11-1111111111-2222222222-3333333333-4444"];
export const LARGEST_USERS = ["S-1-1-11-user-04-03-0000000000", "S-1-1-11-excl-02-01-0000000000", "S-1-1-11-user-07-09-0000000000"];
