// Written by hand: what the analysis entry point adds that has no Rust type. The
// `Organization` methods that wasm-bindgen does not type (optional arguments, a `Date`), their
// option names, and the result of `runTests`. Every other shape is generated from the Rust
// types into `analysis.d.ts` (`cargo xtask types`).

export interface Organization {
  /**
   * The exact decision table: access control rows that partition every (address, action,
   * principal), for each impersonation role which users it can impersonate, and the mobile
   * device access rows. `filter` keeps only the requests it asks about ("who can reach IMAP
   * from 198.51.100.7?": `{Actions: ["IMAP"], IpRange: "198.51.100.7"}`), each row cut to
   * them; parts the filter does not apply to are empty. A filter that cannot be asked (an
   * unknown action, user or role, a malformed range) throws an `Error` named
   * `InvalidParameterException` whose `path` names the member at fault (`Actions[0]`).
   */
  decisionTable(filter?: TableQuery): DecisionTable;
  /**
   * The decision table as `workmail-policy table` prints it: `format` is `text` (the default),
   * `markdown` or `csv`; `part` is `all` (the default, except for CSV, which holds one table
   * and defaults to `access-control`), `access-control`, `impersonation` or
   * `mobile-device-access`; `filter` as for `decisionTable` (a filter the part has no column
   * for throws).
   */
  decisionTableText(format?: TableFormat, part?: TablePart, filter?: TableQuery): string;
  /** What changes from this organization to `newer`, and the lockout guards that fire. */
  diff(newer: Organization, options?: DiffOptions): Diff;
  /** The diff as `workmail-policy diff` prints it. */
  diffText(newer: Organization, options?: DiffOptions): string;
  /**
   * An EWS call made with an impersonation role or one of its tokens, stage by stage. `now`
   * (default: the current time) decides whether a token has expired. Throws an `Error` named
   * `InvalidParameterException` when a member breaks its shape or the EWS operation is unknown.
   */
  impersonate(request: ImpersonatedEwsRequest, now?: Date | number): ImpersonatedEwsAnswer;
  /** The impersonated EWS request as `workmail-policy impersonate` prints it. */
  impersonateText(request: ImpersonatedEwsRequest, now?: Date | number): string;
  /**
   * Replays WorkMail audit events against this organization (the proposed policy), as
   * `workmail-policy replay --output json` reports them. Each item is whole lines of JSON (one
   * event a line) or an object: an audit event, a CloudWatch Logs event wrapping one in
   * `message`, `aws logs filter-log-events` output, or an array of these. Malformed items are
   * counted under `Skipped.malformed`, never thrown.
   */
  replay(events: ReplayEvents): Promise<ReplayReport>;
  /** As `replay`, comparing each answer with `baseline`'s (the organization as it is now). */
  replayAgainst(baseline: Organization, events: ReplayEvents): Promise<ReplayReport>;
}

/** What `replay` reads: lines of JSON or objects, from an iterable or an async iterable. */
export type ReplayEvents = Iterable<string | object> | AsyncIterable<string | object>;

/** How `decisionTableText` writes the table. */
export type TableFormat = "text" | "markdown" | "csv";

/** Which table `decisionTableText` writes (`both` is the earlier name of `all`). */
export type TablePart = "all" | "both" | "access-control" | "impersonation" | "mobile-device-access";

/** What `runTests` returns: one result per test, and the tests file's warnings. */
export type TestRun = TestReport & {
  /** The tests file's warnings. */
  Warnings: Diagnostic[];
};

/**
 * A SARIF 2.1.0 log (`version`, `$schema`, `runs` with the tool, its rules and the results), as
 * GitHub code scanning reads it.
 */
export type SarifLog = {
  version: "2.1.0";
  $schema: string;
  runs: Array<Record<string, unknown>>;
};
