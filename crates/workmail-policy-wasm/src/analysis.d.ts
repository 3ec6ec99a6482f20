// The analysis entry point's additions (`workmail-policy/analysis`): the shapes of the
// command line's `table`, `diff`, `lint`, `test` and `impersonate` with `--output json`, and the
// `Organization` methods typed here rather than by wasm-bindgen. The npm tests type-check real
// results against these declarations.

export interface Organization {
  /**
   * The decision table as `workmail-policy table` prints it: `format` is `text` (the default),
   * `markdown` or `csv`; `part` is `both` (the default, except for CSV, which holds one table
   * and defaults to `access-control`), `access-control` or `impersonation`.
   */
  decisionTableText(format?: TableFormat, part?: TablePart): string;
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
}

/** A principal of the decision table: a named user or role, or every other one of its kind. */
export type TablePrincipal =
  | { UserId: string; ImpersonationRoleId?: never; OtherUser?: never; OtherRole?: never }
  | { ImpersonationRoleId: string; UserId?: never; OtherUser?: never; OtherRole?: never }
  | { OtherUser: true; UserId?: never; ImpersonationRoleId?: never; OtherRole?: never }
  | { OtherRole: true; UserId?: never; ImpersonationRoleId?: never; OtherUser?: never };

/** Access requests with one answer: every address, action and principal listed. */
export interface AccessClass {
  /** The fewest CIDR networks, in address order. */
  IpRanges: string[];
  Actions: Action[];
  Principals: TablePrincipal[];
  Effect: Effect;
  MatchedRules: string[];
}

/** A set of target users: these, or (without a directory) every user except these. */
export type Targets =
  | { TargetUsers: string[]; AllUsersExcept?: never }
  | { AllUsersExcept: string[]; TargetUsers?: never };

/** Target users a role treats alike. */
export type TargetClass = Targets & {
  Effect: Effect;
  MatchedRules: ImpersonationMatchedRule[];
};

/** Which users one role can impersonate. */
export interface RoleTargets {
  ImpersonationRoleId: string;
  Name: string;
  Type: ImpersonationRoleType;
  /** ALLOW first; together they cover every user that can be asked about. */
  Classes: TargetClass[];
  /** Directory users that are disabled or deleted, which no role can impersonate. */
  NotImpersonable?: string[];
}

/** The exact decision table: rows that partition every request, and each role's targets. */
export interface DecisionTable {
  AccessControl: AccessClass[];
  Impersonation: RoleTargets[];
}

/** How `decisionTableText` writes the table. */
export type TableFormat = "text" | "markdown" | "csv";

/** Which table `decisionTableText` writes. */
export type TablePart = "both" | "access-control" | "impersonation";

/** Options of `diff`. */
export interface DiffOptions {
  /** Addresses the person making the change connects from: a guard fires when they lose access. */
  MyIps?: string[];
}

/** Access requests whose answer changes. */
export interface AccessChange {
  IpRanges: string[];
  Actions: Action[];
  Principals: TablePrincipal[];
  Before: GetAccessControlEffectResponse;
  After: GetAccessControlEffectResponse;
}

/** Target users of one role whose answer changes; a side without an answer is left out. */
export type ImpersonationChange = Targets & {
  ImpersonationRoleId: string;
  Before?: GetImpersonationRoleEffectResponse;
  After?: GetImpersonationRoleEffectResponse;
};

/** Actions and principals that lose access together. */
export interface LostAccess {
  Actions: Action[];
  Principals: TablePrincipal[];
}

/** A lockout guard that fired. */
export type LockoutWarning =
  | { Guard: "AllAccessBlocked" }
  | { Guard: "PrincipalLockedOut"; Principal: TablePrincipal }
  | { Guard: "MyIpDenied"; IpAddress: string; Lost: LostAccess[] };

/** The difference between two organizations' answers. */
export interface Diff {
  AccessControl: AccessChange[];
  Impersonation: ImpersonationChange[];
  Warnings: LockoutWarning[];
}

/** How much a lint finding matters. */
export type LintSeverity = "warning" | "info";

/** One lint finding (members in camelCase, like `Diagnostic`). */
export interface LintFinding {
  /** The lint's code (`redundant-rule`...), or a loader warning's (`unknown-member`...). */
  code: string;
  severity: LintSeverity;
  /** The JSON path, empty for the whole document. */
  path: string;
  /** 1-based line, when linted from a text (`lintDocument`). */
  line?: number;
  /** 1-based column, when linted from a text. */
  column?: number;
  message: string;
  help?: string;
}

/** Every finding of a lint run, in document order. */
export interface LintReport {
  Findings: LintFinding[];
}

/** One lint's documentation. */
export interface LintRuleDoc {
  Code: string;
  Severity: LintSeverity;
  /** A one-line summary. */
  Title: string;
  What: string;
  Why: string;
  /** A document fragment (JSON) that triggers it. */
  Example: string;
  Fix: string;
}

/** A question: either effect operation's input (`TargetUser` marks the impersonation one). */
export type PolicyRequest = GetAccessControlEffectRequest | GetImpersonationRoleEffectRequest;

/** An expected `MatchedRules` entry: a rule name or impersonation rule ID, or a rule as AWS prints it. */
export type ExpectedRule = string | ImpersonationMatchedRule;

/** What a saved test expects; members left out are not compared. */
export interface Expectation {
  Effect: Effect;
  MatchedRules?: ExpectedRule[];
  /** Impersonation only. */
  Type?: ImpersonationRoleType;
}

/** One saved test. */
export interface TestCase {
  Name: string;
  Request: PolicyRequest;
  Expect: Expectation;
}

/** A tests file, the text `runTests` takes. */
export interface TestSuite {
  Tests: TestCase[];
}

/** What a test's request got. */
export interface ActualAnswer {
  Effect: Effect;
  /** Rule names, or impersonation rule IDs. */
  MatchedRules: string[];
  Type?: ImpersonationRoleType;
}

/** The outcome of one test. */
export interface TestResult {
  Name: string;
  Passed: boolean;
  Expected: Expectation;
  /** The answer, when the request was answered. */
  Actual?: ActualAnswer;
  /** The error, when the request was refused. */
  Error?: { Code: ErrorCode; Message: string };
}

/** What `runTests` returns: one result per test, and the tests file's warnings. */
export interface TestRun {
  Results: TestResult[];
  Warnings: Diagnostic[];
}

/** How an impersonated EWS call authenticates. */
export type Credential =
  | { Token: string; ImpersonationRoleId?: never }
  | { ImpersonationRoleId: string; Token?: never };

/** An EWS call made with an impersonation role. */
export interface ImpersonatedEwsRequest {
  Credential: Credential;
  /** The client's source IPv4 address. */
  IpAddress: string;
  /** The mailbox's user: a user ID, an email or a user name. */
  TargetUser: string;
  /** The EWS operation, such as `GetItem` (exact spelling). */
  EwsOperation: string;
}

/** How far a stage got. */
export type StageOutcome = "Passed" | "Failed" | "NotReached";

/** What the credential stage found. */
export type CredentialFinding =
  | { Finding: "RoleExists" }
  | { Finding: "RoleNotFound" }
  | { Finding: "TokenValid"; Expires: Timestamp }
  | { Finding: "TokenExpired"; Expires: Timestamp }
  | { Finding: "TokenUnknown" }
  | { Finding: "TokenRoleDeleted" };

/** Stage 1: the token or role. */
export type CredentialStage = CredentialFinding & {
  Outcome: StageOutcome;
  ImpersonationRoleId?: string;
};

/** Stage 2: the access control rules, with action EWS and the role as principal. */
export interface AccessControlStage {
  Outcome: StageOutcome;
  Effect?: Effect;
  MatchedRules: string[];
}

/** Stage 3: the role's rules for the target user. */
export interface RoleRulesStage {
  Outcome: StageOutcome;
  TargetUserId?: string;
  /** Why there is no answer: the target is unknown to the directory, disabled or deleted. */
  TargetProblem?: string;
  Effect?: Effect;
  MatchedRules: ImpersonationMatchedRule[];
}

/** Stage 4: what the role's type permits. */
export interface RoleTypeStage {
  Outcome: StageOutcome;
  Type?: ImpersonationRoleType;
  EwsOperation: string;
  Kind: "Read" | "Write";
}

/** The answer of an impersonated EWS request: ALLOW when every stage passes. */
export interface ImpersonatedEwsAnswer {
  Verdict: Effect;
  Request: ImpersonatedEwsRequest;
  Credential: CredentialStage;
  AccessControl: AccessControlStage;
  RoleRules: RoleRulesStage;
  RoleType: RoleTypeStage;
}

/** The rule an edit touches. */
export type RuleRef =
  | { AccessControlRule: string; ImpersonationRule?: never }
  | {
      ImpersonationRule: { ImpersonationRoleId: string; ImpersonationRuleId: string };
      AccessControlRule?: never;
    };

/** One edit of the document. */
export type Edit =
  | { Edit: "AddEntry"; Rule: RuleRef; List: string; Entry: string }
  | { Edit: "RemoveEntry"; Rule: RuleRef; List: string; Entry: string; LastEntry: boolean }
  | { Edit: "RemoveRule"; Rule: RuleRef }
  | { Edit: "AddAccessControlRule"; Rule: AccessControlRule }
  | { Edit: "AddImpersonationRule"; ImpersonationRoleId: string; Rule: ImpersonationRule };

/** An edit and the answer the request gets after it (always the other effect). */
export interface Suggestion {
  Edit: Edit;
  Effect: Effect;
  MatchedRules: string[];
}

/** The single edits that flip one request's effect. */
export interface WhatWouldChange {
  Request: PolicyRequest;
  Effect: Effect;
  MatchedRules: string[];
  /** Rule by rule in document order, new rules last; empty when no single edit is enough. */
  Suggestions: Suggestion[];
}
