// The baseline of the npm benchmark: a plain evaluator of access control rules written by hand
// in JavaScript, as a user would write one for a known set of documents. Each rule's ranges are
// parsed to integer intervals once; a request is checked (organization, address, action, user in
// the directory) and then every rule is scanned linearly. It knows only what the benchmark's
// documents use (no impersonation roles, no error details), so it is a floor for what the
// package costs, not a replacement for it.

const ACTIONS = new Set(["ActiveSync", "AutoDiscover", "EWS", "IMAP", "SMTP", "WindowsOutlook", "WebMail"]);

/** An IPv4 address as a number, or -1. */
function address(text) {
  const parts = text.split(".");
  if (parts.length !== 4) return -1;
  let number = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!(octet <= 255) || String(octet) !== part) return -1;
    number = number * 256 + octet;
  }
  return number;
}

/** A CIDR range as `[first, last]`. */
function interval(cidr) {
  const [ip, bits] = cidr.split("/");
  const size = 2 ** (32 - Number(bits));
  const first = Math.floor(address(ip) / size) * size;
  return [first, first + size - 1];
}

const within = (intervals, ip) => intervals.some(([first, last]) => ip >= first && ip <= last);

/** An evaluator for `document` (JSON text): a function from a request to
 * `{Effect, MatchedRules}`; it throws on a request it refuses. */
export function plainEvaluator(document) {
  const { OrganizationId, Users = [], AccessControlRules = [] } = JSON.parse(document);
  const users = new Set(Users.map((user) => user.Id));
  const rules = AccessControlRules.map((rule) => ({
    name: rule.Name,
    deny: rule.Effect === "DENY",
    ipRanges: (rule.IpRanges ?? []).map(interval),
    notIpRanges: (rule.NotIpRanges ?? []).map(interval),
    actions: rule.Actions ?? [],
    notActions: rule.NotActions ?? [],
    userIds: rule.UserIds ?? [],
    notUserIds: rule.NotUserIds ?? [],
    roles: (rule.ImpersonationRoleIds ?? []).length > 0,
  }));
  return (request) => {
    if (request.OrganizationId !== undefined && request.OrganizationId !== OrganizationId) {
      throw new Error("OrganizationNotFoundException");
    }
    const ip = address(request.IpAddress);
    if (ip < 0 || !ACTIONS.has(request.Action) || !users.has(request.UserId)) {
      throw new Error("InvalidParameterException");
    }
    const { Action: action, UserId: user } = request;
    const allowed = [];
    const denied = [];
    for (const rule of rules) {
      const matches =
        (rule.ipRanges.length === 0 || within(rule.ipRanges, ip)) &&
        !within(rule.notIpRanges, ip) &&
        (rule.actions.length === 0 || rule.actions.includes(action)) &&
        !rule.notActions.includes(action) &&
        (rule.userIds.length === 0 || rule.userIds.includes(user)) &&
        !rule.notUserIds.includes(user) &&
        !rule.roles;
      if (matches) (rule.deny ? denied : allowed).push(rule.name);
    }
    if (denied.length > 0) return { Effect: "DENY", MatchedRules: denied };
    return { Effect: allowed.length > 0 ? "ALLOW" : "DENY", MatchedRules: allowed };
  };
}
