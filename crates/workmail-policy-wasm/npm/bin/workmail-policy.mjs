#!/usr/bin/env node
// `workmail-policy` for JavaScript projects: `call`, `explain`, `table`, `diff`, `lint`, `test`
// and `impersonate` with the same arguments, output and exit codes as the Rust command line
// (`serve` is the Rust command's alone). The answers, messages and JSON come from the package's
// WebAssembly module (the same core as the Rust command); this file only parses arguments, reads
// and writes files, prints and exits.

import {
  chmodSync,
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { cliRun, initSync } from "../cli/workmail_policy_cli.js";

// The command's own module: the library's, plus the helpers that format every answer exactly
// as the Rust command line does (left out of the module that applications load).
initSync({ module: readFileSync(new URL("../cli/workmail_policy_cli_bg.wasm", import.meta.url)) });

const SUCCESS = 0;
const INVALID = 252;
const FAILED = 255;

const NAME = "workmail-policy";
const VERSION = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;

const EXIT_CODES =
  "Exit codes: 0 success, 252 invalid arguments or document, 254 the operation returned an error, 255\n" +
  "the answer could not be written (nothing was saved).";

const TOP_EXIT_CODES =
  "Exit codes: 0 success, 1 a negative answer (`impersonate` denied, a `test` failed, a `lint` warning,\n" +
  "`diff --fail-on`), 252 invalid arguments or document, 254 the operation returned an error, 255 the\n" +
  "answer could not be written (nothing was saved).";

const OPERATIONS = [
  ["GetAccessControlEffect", false],
  ["ListAccessControlRules", false],
  ["PutAccessControlRule", true],
  ["DeleteAccessControlRule", true],
  ["CreateImpersonationRole", true],
  ["UpdateImpersonationRole", true],
  ["GetImpersonationRole", false],
  ["DeleteImpersonationRole", true],
  ["ListImpersonationRoles", false],
  ["AssumeImpersonationRole", true],
  ["GetImpersonationRoleEffect", false],
];

const kebab = (name) => name.replace(/(?!^)([A-Z])/g, "-$1").toLowerCase();

const TOP_USAGE = `${NAME} [OPTIONS] <COMMAND>`;
const TOP_HELP = `Exact, offline answers from Amazon WorkMail access control rules and impersonation roles

Usage: ${TOP_USAGE}

Commands:
  call         Run one WorkMail operation against an organization document and print AWS's response
  explain      Show the decision for one request and every rule and condition behind it
  table        Print the exact decision table: every class of requests and the answer it gets
  diff         Show every class of requests whose answer changes between two documents
  lint         Find rules that can never match or change nothing, and other likely mistakes
  test         Run saved test cases: requests and the answers they must get
  impersonate  Decide an EWS request made with an impersonation role, stage by stage
  help         Print this message or the help of the given subcommand(s)

Options:
  -q, --quiet    Do not print the warnings found while loading the organization document
  -h, --help     Print help
  -V, --version  Print version

${TOP_EXIT_CODES}

Run \`${NAME} help COMMAND\` (call, explain, table, diff, lint, test, impersonate) for each command.
(\`serve\` is in the Rust command line only.)
`;

const CALL_USAGE = `${NAME} call [OPTIONS] --org <FILE> <OPERATION>`;
const CALL_HELP = `Run one WorkMail operation against an organization document and print AWS's response

Usage: ${CALL_USAGE}

Arguments:
  <OPERATION>  The operation, as AWS names it (\`GetAccessControlEffect\`) or as the AWS CLI does
               (\`get-access-control-effect\`)

Options:
      --org <FILE>    The organization document, or raw \`aws workmail\` output, to run the operation
                      against
  -q, --quiet         Do not print the warnings found while loading the organization document
      --input <JSON>  The request as JSON text, or \`@PATH\` to read it from a file (like
                      \`--cli-input-json\`); \`OrganizationId\` may be left out and then means the
                      document's
      --save          After a successful call of an operation that changes the organization, write
                      the organization back to FILE
  -h, --help          Print help

Operations (* changes the organization, so \`--save\` writes it):
${OPERATIONS.map(([name, mutating]) => `  ${mutating ? "*" : " "} ${name.padEnd(28)} ${kebab(name)}`).join("\n")}

${EXIT_CODES}
`;

const EXPLAIN_USAGE = `${NAME} explain --org <FILE> --ip-address <IP> --action <ACTION> (--user-id <ID> | --impersonation-role-id <ID>) [OPTIONS]
       ${NAME} explain --org <FILE> --impersonation-role-id <ID> --target-user <USER> [OPTIONS]`;
const EXPLAIN_HELP = `Show the decision for one request and every rule and condition behind it

Usage: ${EXPLAIN_USAGE}

Options:
      --org <FILE>                  The organization document, or raw \`aws workmail\` output
  -q, --quiet                       Do not print the warnings found while loading the organization
                                    document
      --ip-address <IP>             The source IPv4 address of the access request
      --action <ACTION>             The protocol of the access request: ActiveSync, AutoDiscover,
                                    EWS, IMAP, SMTP, WindowsOutlook or WebMail
      --user-id <ID>                The user making the access request
      --impersonation-role-id <ID>  The impersonation role: making the access request (with
                                    \`--action EWS\`), or impersonating \`--target-user\`
      --target-user <USER>          The user to impersonate: a user ID, an email address or a user
                                    name
      --organization-id <ID>        The organization asked about (left out: the document's)
      --output <FORMAT>             How to print the answer [default: text] [possible values: text,
                                    json]
      --suggest                     After the explanation, list the single edits of the document
                                    (one list entry or one rule added or removed) that would give
                                    the other effect
  -h, --help                        Print help

Exit codes: 0 an answer (ALLOW or DENY), 252 invalid arguments or document, 254 the question itself
is refused (as GetAccessControlEffect or GetImpersonationRoleEffect would refuse it).
`;

const TABLE_USAGE = `${NAME} table [OPTIONS] --org <FILE>`;
const TABLE_HELP = `Print the exact decision table: every class of requests and the answer it gets

Access control: rows of IP ranges, actions and principals with one \`Effect\` and \`MatchedRules\`. The
rows never overlap and together cover every request, including users and roles the document does not
name ("any other user", "any other role"). Impersonation: for each role, which users it may
impersonate and by which rules.

Usage: ${TABLE_USAGE}

Options:
      --org <FILE>       The organization document, or raw \`aws workmail\` output
  -q, --quiet            Do not print the warnings found while loading the organization document
      --output <FORMAT>  How to print the table [default: text] [possible values: text, json, markdown,
                         csv]
      --part <PART>      Which table to print [default: \`both\` for text and Markdown, \`access-control\`
                         for JSON and CSV] [possible values: both, access-control, impersonation]
  -h, --help             Print help

For a spreadsheet or a script:
  $ ${NAME} table --org org.json --output csv > access.csv
  $ ${NAME} table --org org.json --output json --part both

Exit codes: 0 the table was printed, 252 invalid arguments or document.
`;

const DIFF_USAGE = `${NAME} diff --org <OLD> --org <NEW> [OPTIONS]`;
const DIFF_HELP = `Show every class of requests whose answer changes between two documents

Each line is a class whose \`Effect\` or \`MatchedRules\` changes, with the answer before and after.
Lockout guards warn (on stderr in text, under \`Warnings\` in JSON) when the change blocks all access,
takes every action away from some user or role, or denies requests from an address given with
\`--my-ip\`.

Usage: ${DIFF_USAGE}

Options:
      --org <FILE>       The old document, then the new one: \`--org OLD --org NEW\`
  -q, --quiet            Do not print the warnings found while loading the organization document
      --my-ip <IP>       An IPv4 address you connect from: warn when the change denies requests from it
                         something they had (repeat for several)
      --output <FORMAT>  How to print the changes [default: text] [possible values: text, json]
      --fail-on <WHAT>   Exit with 1 when any decision changes (\`change\`), or when a lockout guard
                         fires (\`lockout\`) [possible values: change, lockout]
  -h, --help             Print help

In CI, refuse a change that locks anyone out:
  $ ${NAME} diff --org main.json --org proposed.json --my-ip 203.0.113.9 --fail-on lockout

Exit codes: 0 compared (whether or not anything changed), 1 with \`--fail-on change\` a decision
changed, or with \`--fail-on lockout\` a lockout guard fired, 252 invalid arguments or document.
`;

const LINT_USAGE = `${NAME} lint --org <FILE> [OPTIONS]
       ${NAME} lint --explain <CODE> [OPTIONS]`;
const LINT_HELP = `Find rules that can never match or change nothing, and other likely mistakes

Each finding is one line, \`severity[code]: line:column: JSON.Path: message\`, with an indented
\`help:\` line when there is advice, then a count. \`--explain CODE\` prints what a lint finds, why it
matters, an example and the fix.

Usage: ${LINT_USAGE}

Options:
      --org <FILE>       The organization document, or raw \`aws workmail\` output, to lint
  -q, --quiet            Do not print the warnings found while loading the organization document
      --explain <CODE>   Print the documentation of one lint (What, Why, Example, Fix) instead of
                         linting
      --output <FORMAT>  How to print the findings or the documentation [default: text] [possible
                         values: text, json]
  -h, --help             Print help

Exit codes: 0 no finding of warning severity (infos only, or none), 1 a warning was found, 252
invalid arguments, unknown lint code, or a document that cannot be loaded.
`;

const TEST_USAGE = `${NAME} test [OPTIONS] --org <FILE> --tests <FILE>`;
const TEST_HELP = `Run saved test cases: requests and the answers they must get

Each test is a \`GetAccessControlEffect\` or \`GetImpersonationRoleEffect\` request with the \`Effect\`
(and optionally \`MatchedRules\`) it must get. One line per test, \`PASS name\` or \`FAIL name: expected
..., got ...\`, then \`N passed, M failed\`.

Usage: ${TEST_USAGE}

Options:
      --org <FILE>    The organization document, or raw \`aws workmail\` output, to test
  -q, --quiet         Do not print the warnings found while loading the organization document
      --tests <FILE>  The tests file: \`{"Tests": [{"Name", "Request", "Expect": {"Effect",
                      "MatchedRules"?}}]}\`
  -h, --help          Print help

Exit codes: 0 every test passed, 1 a test failed, 252 invalid arguments, or a document or tests file
that cannot be loaded (every problem located).
`;

const IMPERSONATE_USAGE = `${NAME} impersonate [OPTIONS] --org <FILE> --ip-address <IP> --target-user <USER> --ews-operation <OPERATION> <--impersonation-role-id <ID>|--token <TOKEN>>`;
const IMPERSONATE_HELP = `Decide an EWS request made with an impersonation role, stage by stage

The request passes when every stage does: the credential (a role that exists, or a token
\`AssumeImpersonationRole\` issued that has not expired), access control (EWS from the address for the
role), the role's rules for the target user, and the role's type (a READ_ONLY role may only read).

Usage: ${IMPERSONATE_USAGE}

Options:
      --org <FILE>                  The organization document, or raw \`aws workmail\` output
  -q, --quiet                       Do not print the warnings found while loading the organization
                                    document
      --impersonation-role-id <ID>  The impersonation role making the request (as if holding a valid
                                    token for it)
      --token <TOKEN>               A token from \`AssumeImpersonationRole\`, as \`call
                                    assume-impersonation-role --save\` keeps it in the document
      --ip-address <IP>             The source IPv4 address of the EWS request
      --target-user <USER>          The user whose mailbox is reached: a user ID, an email address or
                                    a user name
      --ews-operation <OPERATION>   The EWS operation, such as \`FindItem\` (a read) or \`CreateItem\`
                                    (a write)
      --output <FORMAT>             How to print the answer [default: text] [possible values: text,
                                    json]
  -h, --help                        Print help

Exit codes: 0 allowed, 1 denied, 252 invalid arguments or document, or an argument the request cannot
hold (an IPv6 address, an EWS operation this tool does not classify).
`;

/** The options each command takes: `value` names the value's placeholder, absent for flags. */
const COMMANDS = {
  call: {
    usage: CALL_USAGE,
    help: CALL_HELP,
    positional: "<OPERATION>",
    options: {
      org: { value: "<FILE>", path: true },
      input: { value: "<JSON>" },
      save: {},
    },
  },
  explain: {
    usage: EXPLAIN_USAGE,
    help: EXPLAIN_HELP,
    options: {
      org: { value: "<FILE>", path: true },
      "ip-address": { value: "<IP>" },
      action: { value: "<ACTION>" },
      "user-id": { value: "<ID>" },
      "impersonation-role-id": { value: "<ID>" },
      "target-user": { value: "<USER>" },
      "organization-id": { value: "<ID>" },
      output: { value: "<FORMAT>", choices: ["text", "json"] },
      suggest: {},
    },
  },
  table: {
    usage: TABLE_USAGE,
    help: TABLE_HELP,
    options: {
      org: { value: "<FILE>", path: true },
      output: { value: "<FORMAT>", choices: ["text", "json", "markdown", "csv"] },
      part: { value: "<PART>", choices: ["both", "access-control", "impersonation"] },
    },
  },
  diff: {
    usage: DIFF_USAGE,
    help: DIFF_HELP,
    options: {
      org: { value: "<FILE>", path: true, multiple: true },
      "my-ip": { value: "<IP>", multiple: true },
      output: { value: "<FORMAT>", choices: ["text", "json"] },
      "fail-on": { value: "<WHAT>", choices: ["change", "lockout"] },
    },
  },
  lint: {
    usage: LINT_USAGE,
    help: LINT_HELP,
    options: {
      org: { value: "<FILE>", path: true },
      explain: { value: "<CODE>" },
      output: { value: "<FORMAT>", choices: ["text", "json"] },
    },
    conflicts: [["org", "explain"]],
  },
  test: {
    usage: TEST_USAGE,
    help: TEST_HELP,
    options: {
      org: { value: "<FILE>", path: true },
      tests: { value: "<FILE>", path: true },
    },
  },
  impersonate: {
    usage: IMPERSONATE_USAGE,
    help: IMPERSONATE_HELP,
    options: {
      org: { value: "<FILE>", path: true },
      "impersonation-role-id": { value: "<ID>" },
      token: { value: "<TOKEN>" },
      "ip-address": { value: "<IP>" },
      "target-user": { value: "<USER>" },
      "ews-operation": { value: "<OPERATION>" },
      output: { value: "<FORMAT>", choices: ["text", "json"] },
    },
    conflicts: [["impersonation-role-id", "token"]],
  },
};

/** A command line that cannot be run: the message, and the usage to show under it (if any). */
class UsageError extends Error {
  constructor(message, usage) {
    super(message);
    this.usage = usage;
  }
}

/** Writes all of `text` to a file descriptor, waiting out a full pipe. */
function writeAll(fd, text) {
  const buffer = Buffer.from(text, "utf8");
  let written = 0;
  while (written < buffer.length) {
    try {
      written += writeSync(fd, buffer, written);
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
    }
  }
}

/** Stdout; `false` when whoever reads it has gone (`| head`). */
function printStdout(text) {
  try {
    writeAll(1, text);
    return true;
  } catch (error) {
    if (error.code !== "EPIPE") printStderr(`error: cannot write to standard output: ${describe(error)}\n`);
    return false;
  }
}

function printStderr(text) {
  try {
    writeAll(2, text);
  } catch {
    // Nowhere left to report it.
  }
}

/** A file system error in the Rust command's words. */
function describe(error) {
  switch (error.code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a folder, not a file";
    default: {
      const text = String(error.message ?? error);
      return text.charAt(0).toLowerCase() + text.slice(1);
    }
  }
}

/** The largest file read, as in the core (`json::MAX_TEXT_BYTES`): 128 MiB. */
const MAX_TEXT_BYTES = 128 * 1024 * 1024;

/**
 * A file for the WebAssembly side: its bytes, or why it could not be read. At most
 * MAX_TEXT_BYTES are read, so an endless file (`/dev/zero`) is refused with bounded memory.
 */
function readFile(path) {
  let fd;
  try {
    fd = openSync(path, "r");
    const chunks = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, MAX_TEXT_BYTES + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > MAX_TEXT_BYTES) {
        return { path, error: `it is larger than the ${MAX_TEXT_BYTES / (1024 * 1024)} MiB this tool reads` };
      }
    }
    return { path, bytes: Buffer.concat(chunks, total).toString("latin1") };
  } catch (error) {
    return { path, error: describe(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** What `path` is when it is not a regular file (as the Rust command says it), else undefined. */
function notRegular(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return undefined;
  }
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "not a regular file";
}

function usageFailure(error) {
  const usage = error.usage ? `\nUsage: ${error.usage}\n` : "";
  printStderr(`error: ${error.message}\n${usage}\nFor more information, try '--help'.\n`);
  return INVALID;
}

/** `-qh` is `-q -h`, as clap reads it (up to `--`). */
function expandShortFlags(args) {
  const end = args.indexOf("--");
  const flags = end < 0 ? args : args.slice(0, end);
  const rest = end < 0 ? [] : args.slice(end);
  return [
    ...flags.flatMap((arg) => (/^-[A-Za-z]{2,}$/.test(arg) ? [...arg.slice(1)].map((c) => `-${c}`) : [arg])),
    ...rest,
  ];
}

/** Splits a command's arguments into options and positionals, as the Rust command does. */
function parseArguments(args, command, global) {
  const spec = COMMANDS[command];
  args = expandShortFlags(args);
  const values = {};
  const positionals = [];
  let onlyPositionals = false;
  for (let at = 0; at < args.length; at += 1) {
    const arg = args[at];
    if (onlyPositionals || arg === "-" || !arg.startsWith("-")) {
      if (!spec.positional || positionals.length > 0) {
        throw new UsageError(`unexpected argument '${arg}' found`, spec.usage);
      }
      positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositionals = true;
      continue;
    }
    if (arg === "-h" || arg === "--help") return { help: true };
    if (arg === "-q" || arg === "--quiet") {
      if (global.quiet) throw new UsageError("the argument '--quiet' cannot be used multiple times", spec.usage);
      global.quiet = true;
      continue;
    }
    const [name, inline] = arg.startsWith("--") ? splitOnce(arg.slice(2), "=") : [undefined, undefined];
    const option = name === undefined ? undefined : spec.options[name];
    if (!option) {
      const tip = spec.positional ? `\n\n  tip: to pass '${arg}' as a value, use '-- ${arg}'` : "";
      throw new UsageError(`unexpected argument '${arg}' found${tip}`, spec.usage);
    }
    const shown = option.value ? `--${name} ${option.value}` : `--${name}`;
    if (name in values && !option.multiple) {
      throw new UsageError(`the argument '${shown}' cannot be used multiple times`, spec.usage);
    }
    if (!option.value) {
      if (inline !== undefined) {
        throw new UsageError(`unexpected value '${inline}' for '${shown}' found; no more were expected`, spec.usage);
      }
      values[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = args[at + 1];
      if (next !== undefined && !(next.startsWith("-") && next !== "-")) {
        value = next;
        at += 1;
      }
    }
    if (value === undefined || (option.path && value === "")) {
      const choices = option.choices ? `\n  [possible values: ${option.choices.join(", ")}]` : "";
      throw new UsageError(`a value is required for '${shown}' but none was supplied${choices}`);
    }
    if (option.choices && !option.choices.includes(value)) {
      throw new UsageError(
        `invalid value '${value}' for '${shown}'\n  [possible values: ${option.choices.join(", ")}]`,
      );
    }
    if (option.multiple) (values[name] ??= []).push(value);
    else values[name] = value;
  }
  for (const [first, second] of spec.conflicts ?? []) {
    if (first in values && second in values) {
      const shown = (name) => `--${name} ${spec.options[name].value}`;
      throw new UsageError(`the argument '${shown(first)}' cannot be used with '${shown(second)}'`, spec.usage);
    }
  }
  return { values, positionals };
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function requireArguments(missing, usage) {
  if (missing.length > 0) {
    throw new UsageError(
      `the following required arguments were not provided:\n${missing.map((m) => `  ${m}`).join("\n")}`,
      usage,
    );
  }
}

/** Writes the document over `path` atomically: a temporary file beside it, flushed, renamed. */
function saveAtomically(path, text) {
  const fail = (what, error) => `cannot save \`${path}\`: ${what}: ${describe(error)}; the file is unchanged`;
  let target;
  let mode;
  try {
    target = realpathSync(path);
  } catch (error) {
    return fail("cannot find it", error);
  }
  const kind = notRegular(target);
  if (kind !== undefined) {
    return `cannot save \`${path}\`: it is ${kind}, which a saved document cannot replace; it is unchanged`;
  }
  try {
    mode = statSync(target).mode & 0o7777;
  } catch (error) {
    return fail("cannot read its permissions", error);
  }
  const folder = dirname(target);
  const temporary = join(folder, `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  let fd;
  try {
    fd = openSync(temporary, "wx", 0o600);
  } catch (error) {
    return fail("cannot create a temporary file beside it", error);
  }
  const steps = [
    ["cannot write the temporary file", () => writeAll(fd, text)],
    ["cannot copy its permissions", () => chmodSync(temporary, mode)],
    ["cannot flush the temporary file to disk", () => fsyncSync(fd)],
  ];
  for (const [what, step] of steps) {
    try {
      step();
    } catch (error) {
      closeSync(fd);
      tryUnlink(temporary);
      return fail(what, error);
    }
  }
  closeSync(fd);
  try {
    renameSync(temporary, target);
  } catch (error) {
    tryUnlink(temporary);
    return fail("cannot rename the temporary file over it", error);
  }
  sweepStaleTemporaries(folder, `.${basename(target)}.`);
  try {
    const folderFd = openSync(folder, "r");
    try {
      fsyncSync(folderFd);
    } finally {
      closeSync(folderFd);
    }
  } catch (error) {
    return `saved \`${path}\`, but cannot flush its folder to disk: ${describe(error)}`;
  }
  return undefined;
}

/** A temporary file left by a save this long ago belongs to a save that was killed. */
const STALE_AFTER_MS = 15 * 60 * 1000;

/**
 * Removes the temporary files of killed saves of one file, as the Rust command does: regular
 * files in `folder` named `${prefix}XXXXXX.tmp` (letters and digits in the middle) last modified
 * more than 15 minutes ago. Best effort.
 */
function sweepStaleTemporaries(folder, prefix) {
  let names;
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const random = name.slice(prefix.length, -".tmp".length);
    if (!/^[A-Za-z0-9]{1,32}$/.test(random)) continue;
    const path = join(folder, name);
    try {
      const stats = lstatSync(path);
      if (stats.isFile() && now - stats.mtimeMs > STALE_AFTER_MS) unlinkSync(path);
    } catch {
      // Removed by another process, or not ours to remove.
    }
  }
}

function tryUnlink(path) {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/**
 * Prints an outcome of the WebAssembly side in the Rust command's order (load warnings, stdout,
 * then errors); saves before printing when it carries a document.
 */
function finish(outcome, savePath) {
  printStderr(outcome.warnings);
  if (outcome.document !== undefined) {
    const failure = saveAtomically(savePath, outcome.document);
    if (failure) {
      printStderr(`error: ${failure}\n`);
      return FAILED;
    }
  }
  if (outcome.stdout && !printStdout(outcome.stdout) && outcome.status === SUCCESS) return FAILED;
  printStderr(outcome.stderr);
  return outcome.status;
}

function runCall(args, global) {
  const parsed = parseArguments(args, "call", global);
  if (parsed.help) return printStdout(CALL_HELP) ? SUCCESS : FAILED;
  const { values, positionals } = parsed;
  requireArguments(
    [values.org === undefined && "--org <FILE>", positionals.length === 0 && "<OPERATION>"].filter(Boolean),
    CALL_USAGE,
  );
  const input = values.input;
  const inputFile = input !== undefined && input.length > 1 && input.startsWith("@") ? readFile(input.slice(1)) : undefined;
  // A pipe given to `--save` is refused before it is read, so its data is not consumed.
  const unsaveable = values.save ? notRegular(values.org) : undefined;
  const outcome = cliRun("call", {
    operation: positionals[0],
    org: unsaveable === undefined ? readFile(values.org) : { path: values.org, notRegular: unsaveable },
    input,
    inputFile,
    save: Boolean(values.save),
    quiet: global.quiet,
  });
  return finish(outcome, values.org);
}

function runExplain(args, global) {
  const parsed = parseArguments(args, "explain", global);
  if (parsed.help) return printStdout(EXPLAIN_HELP) ? SUCCESS : FAILED;
  const { values } = parsed;
  const target = values["target-user"];
  if (target !== undefined) {
    for (const [name, value] of [["ip-address", "<IP>"], ["action", "<ACTION>"], ["user-id", "<ID>"]]) {
      if (values[name] !== undefined) {
        throw new UsageError(`the argument '--target-user <USER>' cannot be used with '--${name} ${value}'`, EXPLAIN_USAGE);
      }
    }
  }
  const principal = values["user-id"] !== undefined || values["impersonation-role-id"] !== undefined;
  requireArguments(
    [
      values.org === undefined && "--org <FILE>",
      target === undefined && values["ip-address"] === undefined && "--ip-address <IP>",
      target === undefined && values.action === undefined && "--action <ACTION>",
      !principal && "<--user-id <ID>|--impersonation-role-id <ID>>",
    ].filter(Boolean),
    EXPLAIN_USAGE,
  );
  const outcome = cliRun("explain", {
    org: readFile(values.org),
    ipAddress: values["ip-address"],
    action: values.action,
    userId: values["user-id"],
    impersonationRoleId: values["impersonation-role-id"],
    targetUser: target,
    organizationId: values["organization-id"],
    output: values.output ?? "text",
    suggest: Boolean(values.suggest),
    quiet: global.quiet,
  });
  return finish(outcome);
}

/** Prints a command's help. */
function printHelp(command) {
  return printStdout(COMMANDS[command].help) ? SUCCESS : FAILED;
}

function runTable(args, global) {
  const { help, values } = parseArguments(args, "table", global);
  if (help) return printHelp("table");
  requireArguments([values.org === undefined && "--org <FILE>"].filter(Boolean), TABLE_USAGE);
  return finish(
    cliRun("table", {
      org: readFile(values.org),
      output: values.output,
      part: values.part,
      quiet: global.quiet,
      terminal: Boolean(process.stdout.isTTY),
    }),
  );
}

function runDiff(args, global) {
  const { help, values } = parseArguments(args, "diff", global);
  if (help) return printHelp("diff");
  requireArguments([values.org === undefined && "--org <FILE>"].filter(Boolean), DIFF_USAGE);
  return finish(
    cliRun("diff", {
      orgs: values.org.map(readFile),
      myIps: values["my-ip"] ?? [],
      output: values.output,
      failOn: values["fail-on"],
      quiet: global.quiet,
    }),
  );
}

function runLint(args, global) {
  const { help, values } = parseArguments(args, "lint", global);
  if (help) return printHelp("lint");
  requireArguments([values.org === undefined && values.explain === undefined && "--org <FILE>"].filter(Boolean), LINT_USAGE);
  return finish(
    cliRun("lint", {
      org: values.org === undefined ? undefined : readFile(values.org),
      explain: values.explain,
      output: values.output,
    }),
  );
}

function runTest(args, global) {
  const { help, values } = parseArguments(args, "test", global);
  if (help) return printHelp("test");
  requireArguments(
    [values.org === undefined && "--org <FILE>", values.tests === undefined && "--tests <FILE>"].filter(Boolean),
    TEST_USAGE,
  );
  return finish(cliRun("test", { org: readFile(values.org), tests: readFile(values.tests), quiet: global.quiet }));
}

function runImpersonate(args, global) {
  const { help, values } = parseArguments(args, "impersonate", global);
  if (help) return printHelp("impersonate");
  const credential = values["impersonation-role-id"] !== undefined || values.token !== undefined;
  requireArguments(
    [
      values.org === undefined && "--org <FILE>",
      values["ip-address"] === undefined && "--ip-address <IP>",
      values["target-user"] === undefined && "--target-user <USER>",
      values["ews-operation"] === undefined && "--ews-operation <OPERATION>",
      !credential && "<--impersonation-role-id <ID>|--token <TOKEN>>",
    ].filter(Boolean),
    IMPERSONATE_USAGE,
  );
  return finish(
    cliRun("impersonate", {
      org: readFile(values.org),
      impersonationRoleId: values["impersonation-role-id"],
      token: values.token,
      ipAddress: values["ip-address"],
      targetUser: values["target-user"],
      ewsOperation: values["ews-operation"],
      output: values.output,
      quiet: global.quiet,
    }),
  );
}

function main(argv) {
  argv = expandShortFlags(argv);
  const global = { quiet: false };
  let at = 0;
  for (; at < argv.length; at += 1) {
    const arg = argv[at];
    if (arg === "-q" || arg === "--quiet") {
      if (global.quiet) throw new UsageError("the argument '--quiet' cannot be used multiple times", TOP_USAGE);
      global.quiet = true;
    } else if (arg === "-h" || arg === "--help") {
      return printStdout(TOP_HELP) ? SUCCESS : FAILED;
    } else if (arg === "-V" || arg === "--version") {
      return printStdout(`${NAME} ${VERSION}\n`) ? SUCCESS : FAILED;
    } else {
      break;
    }
  }
  const command = argv[at];
  const rest = argv.slice(at + 1);
  if (command === undefined) {
    if (argv.length === 0) {
      printStderr(TOP_HELP);
      return INVALID;
    }
    throw new UsageError(
      `'${NAME}' requires a subcommand but one was not provided\n  [subcommands: call, explain, table, diff, lint, test, impersonate, help]`,
      TOP_USAGE,
    );
  }
  switch (command) {
    case "call":
      return runCall(rest, global);
    case "explain":
      return runExplain(rest, global);
    case "table":
      return runTable(rest, global);
    case "diff":
      return runDiff(rest, global);
    case "lint":
      return runLint(rest, global);
    case "test":
      return runTest(rest, global);
    case "impersonate":
      return runImpersonate(rest, global);
    case "help": {
      const topic = rest[0];
      if (topic === undefined) return printStdout(TOP_HELP) ? SUCCESS : FAILED;
      if (topic in COMMANDS) return printStdout(COMMANDS[topic].help) ? SUCCESS : FAILED;
      throw new UsageError(`unrecognized subcommand '${topic}'`, TOP_USAGE);
    }
    default:
      if (command.startsWith("-")) {
        throw new UsageError(`unexpected argument '${command}' found`, TOP_USAGE);
      }
      throw new UsageError(`unrecognized subcommand '${command}'`, TOP_USAGE);
  }
}

let status;
try {
  status = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  status = usageFailure(error);
}
process.exitCode = status;
