// The shapes of requests, responses, explanations and errors: AWS's member names and spellings,
// as the core's serde types write them. The npm tests type-check real responses and explanations
// of the whole test corpus against these declarations, so a difference fails the build.

/** `ALLOW` or `DENY`. */
export type Effect = "ALLOW" | "DENY";

/** The seven protocol actions, case-sensitive. */
export type Action =
  | "ActiveSync"
  | "AutoDiscover"
  | "EWS"
  | "IMAP"
  | "SMTP"
  | "WindowsOutlook"
  | "WebMail";

/** What an impersonation role may do in the mailboxes it reaches. */
export type ImpersonationRoleType = "FULL_ACCESS" | "READ_ONLY";

/** Epoch seconds, the form AWS sends on the wire. */
export type Timestamp = number;

/** An access control rule, as `ListAccessControlRules` returns it (empty lists left out). */
export interface AccessControlRule {
  Name: string;
  Effect: Effect;
  Description?: string;
  IpRanges?: string[];
  NotIpRanges?: string[];
  Actions?: Action[];
  NotActions?: Action[];
  UserIds?: string[];
  NotUserIds?: string[];
  DateCreated?: Timestamp;
  DateModified?: Timestamp;
  ImpersonationRoleIds?: string[];
  NotImpersonationRoleIds?: string[];
}

/** One rule of an impersonation role. */
export interface ImpersonationRule {
  ImpersonationRuleId: string;
  Name?: string;
  Description?: string;
  Effect: Effect;
  TargetUsers?: string[];
  NotTargetUsers?: string[];
}

/** An impersonation role, as `GetImpersonationRole` returns it. */
export interface ImpersonationRole {
  ImpersonationRoleId: string;
  Name: string;
  Type: ImpersonationRoleType;
  Description?: string;
  Rules: ImpersonationRule[];
  DateCreated?: Timestamp;
  DateModified?: Timestamp;
}

/** A role as `ListImpersonationRoles` returns it (no description, no rules). */
export interface ImpersonationRoleSummary {
  ImpersonationRoleId: string;
  Name: string;
  Type: ImpersonationRoleType;
  DateCreated?: Timestamp;
  DateModified?: Timestamp;
}

/** An entry of `MatchedRules` in a `GetImpersonationRoleEffect` response. */
export interface ImpersonationMatchedRule {
  ImpersonationRuleId: string;
  Name?: string;
}

/** The response of an operation without output. */
export type EmptyResponse = Record<string, never>;

// ------------------------------------------------------------------------------------------
// Requests and responses. `OrganizationId` may be omitted: it then means the document's.

export interface GetAccessControlEffectRequest {
  OrganizationId?: string;
  IpAddress: string;
  Action: Action;
  /** Exactly one of `UserId` and `ImpersonationRoleId`. */
  UserId?: string;
  /** Only with `Action` `EWS`. */
  ImpersonationRoleId?: string;
}

export interface GetAccessControlEffectResponse {
  Effect: Effect;
  MatchedRules: string[];
}

export interface ListAccessControlRulesRequest {
  OrganizationId?: string;
}

export interface ListAccessControlRulesResponse {
  Rules: AccessControlRule[];
}

export interface PutAccessControlRuleRequest {
  OrganizationId?: string;
  Name: string;
  Effect: Effect;
  /** Required; the empty string is accepted. */
  Description: string;
  IpRanges?: string[];
  NotIpRanges?: string[];
  Actions?: Action[];
  NotActions?: Action[];
  UserIds?: string[];
  NotUserIds?: string[];
  ImpersonationRoleIds?: string[];
  NotImpersonationRoleIds?: string[];
}

export interface DeleteAccessControlRuleRequest {
  OrganizationId?: string;
  Name: string;
}

export interface CreateImpersonationRoleRequest {
  ClientToken?: string;
  OrganizationId?: string;
  Name: string;
  Type: ImpersonationRoleType;
  Description?: string;
  Rules: ImpersonationRule[];
}

export interface CreateImpersonationRoleResponse {
  ImpersonationRoleId: string;
}

export interface UpdateImpersonationRoleRequest {
  OrganizationId?: string;
  ImpersonationRoleId: string;
  Name: string;
  Type: ImpersonationRoleType;
  Description?: string;
  Rules: ImpersonationRule[];
}

/** The input of `GetImpersonationRole`, `DeleteImpersonationRole` and `AssumeImpersonationRole`. */
export interface ImpersonationRoleRequest {
  OrganizationId?: string;
  ImpersonationRoleId: string;
}

export interface ListImpersonationRolesRequest {
  OrganizationId?: string;
  NextToken?: string;
  /** 1 to 100; all roles when omitted. */
  MaxResults?: number;
}

export interface ListImpersonationRolesResponse {
  Roles: ImpersonationRoleSummary[];
  NextToken?: string;
}

export interface AssumeImpersonationRoleResponse {
  Token: string;
  ExpiresIn: number;
}

export interface GetImpersonationRoleEffectRequest {
  OrganizationId?: string;
  ImpersonationRoleId: string;
  /** A user ID, an email or a user name. */
  TargetUser: string;
}

export interface GetImpersonationRoleEffectResponse {
  Type: ImpersonationRoleType;
  Effect: Effect;
  MatchedRules: ImpersonationMatchedRule[];
}

/** Every operation's request and response. */
export interface Operations {
  GetAccessControlEffect: {
    input: GetAccessControlEffectRequest;
    output: GetAccessControlEffectResponse;
  };
  ListAccessControlRules: {
    input: ListAccessControlRulesRequest;
    output: ListAccessControlRulesResponse;
  };
  PutAccessControlRule: { input: PutAccessControlRuleRequest; output: EmptyResponse };
  DeleteAccessControlRule: { input: DeleteAccessControlRuleRequest; output: EmptyResponse };
  CreateImpersonationRole: {
    input: CreateImpersonationRoleRequest;
    output: CreateImpersonationRoleResponse;
  };
  UpdateImpersonationRole: { input: UpdateImpersonationRoleRequest; output: EmptyResponse };
  GetImpersonationRole: { input: ImpersonationRoleRequest; output: ImpersonationRole };
  DeleteImpersonationRole: { input: ImpersonationRoleRequest; output: EmptyResponse };
  ListImpersonationRoles: {
    input: ListImpersonationRolesRequest;
    output: ListImpersonationRolesResponse;
  };
  AssumeImpersonationRole: {
    input: ImpersonationRoleRequest;
    output: AssumeImpersonationRoleResponse;
  };
  GetImpersonationRoleEffect: {
    input: GetImpersonationRoleEffectRequest;
    output: GetImpersonationRoleEffectResponse;
  };
}

/** The AWS name of one of the eleven operations. */
export type OperationName = keyof Operations;
/** The request of an operation. */
export type RequestOf<Op extends OperationName> = Operations[Op]["input"];
/** The response of an operation. */
export type ResponseOf<Op extends OperationName> = Operations[Op]["output"];

/** A failed input of `callMany`: the error `call` would have thrown, as the AWS CLI prints it. */
export interface ErrorResponse {
  Error: { Code: ErrorCode; Message: string };
}

/** One answer of `callMany`: the response, or the error. */
export type AnswerOf<Op extends OperationName> = ResponseOf<Op> | ErrorResponse;

/** `GetAccessControlEffect` requests as parallel arrays, for `accessEffects`. */
export interface AccessRequests {
  /** One address per request, as text or as 32-bit numbers. */
  IpAddress: string[] | Uint32Array;
  Action: Action | (Action | null | undefined)[];
  UserId?: string | (string | null | undefined)[];
  ImpersonationRoleId?: string | (string | null | undefined)[];
}

/** What `accessEffects` returns: request `i` got `Answers[Index[i]]`. */
export interface AccessEffects {
  /** Each distinct answer once, in order of first appearance. */
  Answers: AnswerOf<"GetAccessControlEffect">[];
  Index: Uint32Array;
}

export interface Organization {
  /**
   * Runs one of the eleven operations and returns AWS's response as a plain object. An API
   * error throws an `ApiError` whose `name` is the exception name, as the AWS SDK for
   * JavaScript v3 does. The operation may also be given in the AWS CLI's spelling
   * (`get-access-control-effect`), untyped.
   */
  call<Op extends OperationName>(operation: Op, input: RequestOf<Op>): ResponseOf<Op>;
  /**
   * Runs one operation once per input, in order (a changing operation sees the changes of the
   * inputs before it), crossing into WebAssembly once for the whole batch. Each answer is the
   * response `call` would return, or `{Error: {Code, Message}}` where `call` would throw. An
   * `undefined` entry is read as `null`, as `JSON.stringify` writes it.
   */
  callMany<Op extends OperationName>(operation: Op, inputs: RequestOf<Op>[]): AnswerOf<Op>[];
  /**
   * `callMany` with JSON text in and out: `inputs` is a JSON array of requests, the result the
   * JSON array of answers. It skips `JSON.stringify` and `JSON.parse` of every request and
   * answer, the largest cost of a batch, for callers that read or send JSON anyway.
   */
  callManyJson(operation: OperationName, inputs: string): string;
  /**
   * `GetAccessControlEffect` for many requests given as parallel arrays, the leanest batch:
   * no object per request on either side. Each member holds one entry per request (`null` or
   * `undefined` leaves the member out of that request) or, except `IpAddress`, one string for
   * every request; `IpAddress` may also be a `Uint32Array` of addresses (`192.0.2.1` is
   * `0xC0000201`). Returns each distinct answer once, in order of first appearance, and for each
   * request the index of its answer: request `i` got `Answers[Index[i]]`. The answers are those
   * `callMany` gives, errors included.
   */
  accessEffects(requests: AccessRequests): AccessEffects;
}

// ------------------------------------------------------------------------------------------
// Errors.

/** The exceptions the operations raise, named as in the AWS model. */
export type ErrorCode =
  | "InvalidParameterException"
  | "EntityNotFoundException"
  | "EntityStateException"
  | "ResourceNotFoundException"
  | "LimitExceededException"
  | "OrganizationNotFoundException"
  | "OrganizationStateException";

/** What `call` and the `explain` methods throw for an API error. */
export interface ApiError extends Error {
  name: ErrorCode;
  /**
   * The decision of the semantics that makes the request an error (`D11` for a request with
   * two principals...); absent when the AWS model's own constraints refuse it.
   */
  decision?: Decision;
}

/** One problem found in a document: what, where, and how to fix it. */
export interface Diagnostic {
  /** A stable kebab-case code (`pattern`, `duplicate-rule-name`...). */
  code: string;
  severity: "error" | "warning";
  /** The JSON path (`AccessControlRules[2].NotIpRanges[0]`), empty for the whole document. */
  path: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, in characters. */
  column: number;
  message: string;
  help?: string;
}

/** What `Organization.fromJson` throws for a document with errors. */
export interface InvalidDocumentError extends Error {
  name: "InvalidDocumentError";
  /** Every error and warning found, in text order. */
  diagnostics: Diagnostic[];
}

// ------------------------------------------------------------------------------------------
// Explanations: the same data as the command line's `explain --output json`.

/** A public AWS document that states a behaviour. */
export type Source =
  | "ApiReference"
  | "AccessRulesGuide"
  | "ImpersonationRolesGuide"
  | "UsingImpersonationGuide"
  | "CliExamples";

/** One of the project's decisions where AWS is silent (see the semantics document). */
export type Decision =
  | "D1" | "D2" | "D3" | "D4" | "D5" | "D6" | "D7" | "D8" | "D9" | "D10"
  | "D11" | "D12" | "D13" | "D14" | "D15" | "D16" | "D17" | "D18" | "D19" | "D20"
  | "D21" | "D22" | "D23" | "D24" | "D25";

/** What a step rests on: documented AWS behaviour, or a decision of this project. */
export type Basis =
  | { Documented: Source; Decided?: never }
  | { Decided: Decision; Documented?: never };

/** Why the effect follows from the rules. */
export type DecisionReason = "DenyRuleMatched" | "AllowRuleMatched" | "NoRuleMatched";

/** Who asks. */
export type Principal =
  | { UserId: string; ImpersonationRoleId?: never }
  | { ImpersonationRoleId: string; UserId?: never };

/** The checked question of an access explanation. */
export interface AccessRequest {
  IpAddress: string;
  Action: Action;
  Principal: Principal;
}

/** The eight conditions of an access control rule. */
export type AccessCondition =
  | "IpRanges"
  | "NotIpRanges"
  | "Actions"
  | "NotActions"
  | "UserIds"
  | "NotUserIds"
  | "ImpersonationRoleIds"
  | "NotImpersonationRoleIds";

/** What looking the request up in one condition's list found. */
export type AccessFinding =
  | { Finding: "NoCondition" }
  | { Finding: "IpInRange"; Range: string; MaskedTo?: string }
  | { Finding: "IpInNoRange"; Count: number }
  | { Finding: "ActionListed" }
  | { Finding: "ActionNotListed" }
  | { Finding: "PrincipalListed" }
  | { Finding: "PrincipalNotListed" }
  | { Finding: "OtherPrincipalKind" };

/** The outcome of one condition of one rule. */
export type ConditionExplanation = {
  Condition: AccessCondition;
  Holds: boolean;
  Basis: Basis;
} & AccessFinding;

/** The outcome of one access control rule. */
export interface RuleExplanation {
  Name: string;
  Effect: Effect;
  /** Every condition holds. */
  Matched: boolean;
  /** The rule is in `MatchedRules`. */
  Deciding: boolean;
  Conditions: ConditionExplanation[];
}

/** A `GetAccessControlEffect` answer with every rule's and condition's outcome. */
export interface AccessExplanation {
  Request: AccessRequest;
  Effect: Effect;
  MatchedRules: string[];
  Reason: DecisionReason;
  Basis: Basis;
  Rules: RuleExplanation[];
}

/** How a text identified a user. */
export type Resolution = "UserId" | "Email" | "UserName";

/** The user a `GetImpersonationRoleEffect` asks about. */
export interface Target {
  /** The `TargetUser` as given. */
  Text: string;
  /** The user it names, when the document lists its users. */
  Resolved?: { UserId: string; By: Resolution };
}

/** What one target list found. */
export type TargetFinding =
  | { Finding: "NoCondition" }
  | { Finding: "TargetListed"; Entry: string; By?: Resolution }
  | { Finding: "TargetNotListed"; Unresolved?: string[] };

/** The outcome of one target list of one impersonation rule. */
export type TargetConditionExplanation = {
  Condition: "TargetUsers" | "NotTargetUsers";
  Holds: boolean;
  Basis: Basis;
} & TargetFinding;

/** The outcome of one impersonation rule. */
export interface ImpersonationRuleExplanation {
  ImpersonationRuleId: string;
  Name?: string;
  Effect: Effect;
  Matched: boolean;
  Deciding: boolean;
  Conditions: TargetConditionExplanation[];
}

/** A `GetImpersonationRoleEffect` answer with every rule's outcome. */
export interface ImpersonationExplanation {
  ImpersonationRoleId: string;
  Target: Target;
  Type: ImpersonationRoleType;
  Effect: Effect;
  MatchedRules: ImpersonationMatchedRule[];
  Reason: DecisionReason;
  Basis: Basis;
  Rules: ImpersonationRuleExplanation[];
}
