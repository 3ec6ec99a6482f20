// Generated from the Rust types by `cargo xtask types`: do not edit.
// The analysis entry point's results, as the command line's `--output json` writes them.

/** Every part of the decision table. */
export type DecisionTable = {
  /** Access control: rows that partition the request space. */
  AccessControl: Array<AccessClass>;
  /** Impersonation: which users each role can impersonate. */
  Impersonation: Array<RoleTargets>;
  /** Mobile device access: rows that partition every device. */
  MobileDeviceAccess: Array<MobileClass>;
};

/**
 * One class of access requests with the same answer: every address of `IpRanges`, every action
 * of `Actions` and every principal of `Principals` gets `Effect` and `MatchedRules`.
 */
export type AccessClass = {
  /** The source addresses, as the fewest CIDR networks, in address order. */
  IpRanges: Array<string>;
  /** The actions, in the order of `Action::ALL`. */
  Actions: Array<Action>;
  /** The principals (a role only ever with EWS, D11). */
  Principals: Array<TablePrincipal>;
  /** The effect. */
  Effect: Effect;
  /** `MatchedRules`, in rule order. */
  MatchedRules: Array<string>;
};

/** A principal of the decision table: a named user or role, or every other one of its kind. */
export type TablePrincipal =
  | {
      UserId: string;
      ImpersonationRoleId?: never;
      OtherUser?: never;
      OtherRole?: never;
    }
  | {
      ImpersonationRoleId: string;
      UserId?: never;
      OtherUser?: never;
      OtherRole?: never;
    }
  | {
      OtherUser: true;
      UserId?: never;
      ImpersonationRoleId?: never;
      OtherRole?: never;
    }
  | {
      OtherRole: true;
      UserId?: never;
      ImpersonationRoleId?: never;
      OtherUser?: never;
    };

/**
 * One class of devices with the same answer: every device of `Devices` gets `Effect` and
 * `MatchedRules`.
 */
export type MobileClass = {
  /** The effect. */
  Effect: Effect;
  /** `MatchedRules`, in rule order, as `GetMobileDeviceAccessEffect` returns them. */
  MatchedRules: Array<MobileDeviceAccessMatchedRule>;
  /** The device types. */
  DeviceTypes: Array<DeviceValues>;
  /** The device models. */
  DeviceModels: Array<DeviceValues>;
  /** The operating systems. */
  DeviceOperatingSystems: Array<DeviceValues>;
  /** The user agents. */
  DeviceUserAgents: Array<DeviceValues>;
};

/** Which values of one device property a class covers. */
export type DeviceValues =
  | "NotReported"
  | {
  "StartsWith": {
    /** The entry, as a rule first spells it. */
    Prefix: string;
    /** The longer entries that start with it, nearest first in text order. */
    Except: Array<string>;
  };
}
  | {
  "Other": {
    /** The entries. */
    Except: Array<string>;
  };
};

/** Which users one role can impersonate. */
export type RoleTargets = {
  /** The role. */
  ImpersonationRoleId: string;
  /** Its name. */
  Name: string;
  /** Its type. */
  Type: ImpersonationRoleType;
  /** Classes of targets, ALLOW first; together they cover every user that can be asked about. */
  Classes: Array<TargetClass>;
  /** Directory users that are disabled or deleted, which no role can impersonate (D12). */
  NotImpersonable?: Array<string>;
};

/** Target users a role treats alike. */
export type TargetClass = {
  /** The effect of `GetImpersonationRoleEffect` for each of them. */
  Effect: Effect;
  /** Its `MatchedRules`. */
  MatchedRules: Array<ImpersonationMatchedRule>;
} & Targets;

/** A set of target users: these, or (without a directory) every user except these. */
export type Targets =
  | { TargetUsers: Array<string>; AllUsersExcept?: never }
  | { AllUsersExcept: Array<string>; TargetUsers?: never };

/**
 * A question about the decision table as given: which requests to keep. Every member is
 * optional; left out (or empty), it keeps everything.
 *
 * Deserialized from `{"Actions": ["IMAP"], "IpRange": "198.51.100.7", "UserIds": [...],
 * "ImpersonationRoleIds": [...], "TargetUsers": [...], "Effect": "ALLOW"}`; unknown members
 * are refused.
 */
export type TableQuery = {
  /** Actions, spelled as AWS spells them (`IMAP`, `EWS`...). */
  Actions?: Array<Action>;
  /** A source address (`198.51.100.7`) or a CIDR range (`198.51.100.0/24`). */
  IpRange?: string;
  /** Users making the access request: user IDs, emails or user names. */
  UserIds?: Array<string>;
  /** Impersonation roles: making the access request (EWS), or impersonating. */
  ImpersonationRoleIds?: Array<string>;
  /** Users to impersonate: user IDs, emails or user names. */
  TargetUsers?: Array<string>;
  /** `ALLOW` or `DENY`. */
  Effect?: Effect;
};

/** Options of `diff` (JSON: `{"MyIps": ["192.0.2.1"]}`). */
export type DiffOptions = {
  /**
   * Addresses the person making the change connects from: a guard warns when the change
   * denies any of them something that was allowed.
   */
  MyIps?: Array<string>;
};

/** The difference between two organizations' answers. */
export type Diff = {
  /**
   * Classes of access requests whose effect or `MatchedRules` change, as few and as large as
   * the grouping finds; they never overlap.
   */
  AccessControl: Array<AccessChange>;
  /** Target users whose impersonation answer changes, per role. */
  Impersonation: Array<ImpersonationChange>;
  /** Classes of devices whose `GetMobileDeviceAccessEffect` answer changes. */
  MobileDeviceAccess: Array<MobileChange>;
  /** Lockout guards that fired. */
  Warnings: Array<LockoutWarning>;
};

/** A class of access requests whose answer changes. */
export type AccessChange = {
  /** The source addresses, as the fewest CIDR networks. */
  IpRanges: Array<string>;
  /** The actions. */
  Actions: Array<Action>;
  /** The principals. */
  Principals: Array<TablePrincipal>;
  /** The answer under the old document. */
  Before: GetAccessControlEffectResponse;
  /** The answer under the new document. */
  After: GetAccessControlEffectResponse;
};

/** Target users of one role whose `GetImpersonationRoleEffect` answer changes. */
export type ImpersonationChange = {
  /** The role. */
  ImpersonationRoleId: string;
  /**
   * The answer under the old document; absent when the role does not exist there or the
   * user cannot be impersonated there (not in its directory, disabled or deleted).
   */
  Before?: GetImpersonationRoleEffectResponse;
  /** The answer under the new document, absent likewise. */
  After?: GetImpersonationRoleEffectResponse;
} & Targets;

/** A change that blocks access people had. */
export type LockoutWarning =
  | { "Guard": "AllAccessBlocked" }
  | {
      "Guard": "PrincipalLockedOut";
      /** Who. */
      Principal: TablePrincipal;
    }
  | {
      "Guard": "MyIpDenied";
      /** The address. */
      IpAddress: string;
      /** What is denied from it now that was allowed before. */
      Lost: Array<LostAccess>;
    };

/** Actions and principals that lose access together. */
export type LostAccess = {
  /** The actions. */
  Actions: Array<Action>;
  /** The principals. */
  Principals: Array<TablePrincipal>;
};

/**
 * A class of devices whose `GetMobileDeviceAccessEffect` answer changes between two
 * documents.
 */
export type MobileChange = {
  /** The answer under the old document. */
  Before: GetMobileDeviceAccessEffectResponse;
  /** The answer under the new document. */
  After: GetMobileDeviceAccessEffectResponse;
  /** The device types. */
  DeviceTypes: Array<DeviceValues>;
  /** The device models. */
  DeviceModels: Array<DeviceValues>;
  /** The operating systems. */
  DeviceOperatingSystems: Array<DeviceValues>;
  /** The user agents. */
  DeviceUserAgents: Array<DeviceValues>;
};

/** What must hold between two versions. */
export type Guarantee = "NoNewAccess" | "NoLostAccess" | "Equivalent";

/** Whether a guarantee holds between two versions, and where it does not. */
export type CheckReport = {
  /** The guarantee checked. */
  Guarantee: Guarantee;
  /** Whether it holds for every request. */
  Holds: boolean;
  /**
   * One request per class that breaks it, access control first, then impersonation, then
   * mobile devices.
   */
  Counterexamples: Array<Breach>;
  /** How many classes of requests break it. */
  Classes: number;
};

/** A request whose answers break the guarantee. */
export type Breach = {
  /** The request, as its operation takes it. */
  Request: TestRequest;
  /** The principal or target the request stands for when neither document names it. */
  StandsFor?: TablePrincipal;
  /**
   * The old version's answer; absent when it cannot answer (an impersonation role it does
   * not have, or a target it cannot impersonate).
   */
  Old?: ActualAnswer;
  /** The new version's answer, absent likewise. */
  New?: ActualAnswer;
  /** The whole class of requests that get these answers, in words. */
  Class: string;
};

/** What a request got. */
export type ActualAnswer = {
  /** The effect. */
  Effect: Effect;
  /** `MatchedRules`: access control rule names, or impersonation or mobile rule IDs. */
  MatchedRules: Array<string>;
  /** The role's type (impersonation only). */
  Type?: ImpersonationRoleType;
  /** Which gate decided (`EvaluateMobileDeviceAccess` only). */
  DecidedBy?: DecidedBy;
};

/**
 * A saved test's question: the input of one of the four operations that answer.
 * Read by its members, as `TestRequest::operation_of` tells them apart.
 */
export type TestRequest =
  | GetAccessControlEffectRequest
  | GetImpersonationRoleEffectRequest
  | GetMobileDeviceAccessEffectRequest
  | EvaluateMobileDeviceAccessRequest;

/** Every finding of a lint run, in document order. */
export type LintReport = {
  /** The findings. */
  Findings: Array<LintFinding>;
};

/** One finding. */
export type LintFinding = {
  /** The lint's code. */
  code: string;
  /** Its severity. */
  severity: LintSeverity;
  /** The JSON path (`AccessControlRules[2].NotIpRanges[0]`), empty for the whole document. */
  path: string;
  /** 1-based line, when linted from text. */
  line?: number;
  /** 1-based column, when linted from text. */
  column?: number;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  help?: string;
};

/** How much a lint finding matters. Lints never block loading (D20). */
export type LintSeverity = "warning" | "info";

/**
 * A lint's documentation, as a `LintRule` serializes:
 * `{"Code", "Severity", "Title", "What", "Why", "Example", "Fix"}`.
 */
export type LintRuleDoc = {
  /** The lint's code (`redundant-rule`...). */
  Code: string;
  /** How much a finding matters. */
  Severity: LintSeverity;
  /** A one-line summary. */
  Title: string;
  /** What the lint finds. */
  What: string;
  /** Why it matters. */
  Why: string;
  /** A document fragment (JSON) that triggers it. */
  Example: string;
  /** How to fix it. */
  Fix: string;
};

/** A question for the organization: either operation's input. */
export type PolicyRequest = GetImpersonationRoleEffectRequest | GetAccessControlEffectRequest;

/** A tests file. */
export type TestSuite = {
  /** The tests, run in order. */
  Tests?: Array<TestCase>;
  /** The properties, checked after the tests, in order. */
  Properties?: Array<Property>;
};

/** A property of a tests file: every request of `ForAll` gets the answer of `Expect`. */
export type Property = {
  /** Its name, as reported. */
  Name: string;
  /** The operation, when the file names it (otherwise told from the members). */
  Operation?: PropertyOperation;
  /** The requests. */
  ForAll: ForAll;
  /** The answer every one of them must get. */
  Expect: Expectation;
};

/** What a test expects. */
export type Expectation = {
  /** The effect. */
  Effect: Effect;
  /** `MatchedRules`, in order; not compared when absent. */
  MatchedRules?: Array<ExpectedRule>;
  /** The role's type (impersonation only); not compared when absent. */
  Type?: ImpersonationRoleType;
  /** Which gate decided (`EvaluateMobileDeviceAccess` only); not compared when absent. */
  DecidedBy?: DecidedBy;
};

/** An expected `MatchedRules` entry. */
export type ExpectedRule = string | ImpersonationMatchedRule | MobileDeviceAccessMatchedRule;

/** The requests a property is about, by operation. */
export type ForAll = AccessScope | ImpersonationScope | MobileScope;

/** The access requests of a property, in an access control rule's vocabulary. */
export type AccessScope = {
  /** Addresses in these ranges (every address when empty). */
  IpRanges?: Array<string>;
  /** Addresses not in these ranges. */
  NotIpRanges?: Array<string>;
  /** These actions (every action when empty). */
  Actions?: Array<Action>;
  /** Not these actions. */
  NotActions?: Array<Action>;
  /** These users (a rule's meaning: roles never hold it). */
  UserIds?: Array<string>;
  /** Not these users. */
  NotUserIds?: Array<string>;
  /** These roles (a rule's meaning: users never hold it). */
  ImpersonationRoleIds?: Array<string>;
  /** Not these roles. */
  NotImpersonationRoleIds?: Array<string>;
  /** Users, roles or both. */
  Principals?: Principals;
};

/** Which principals an access property quantifies over. */
export type Principals = "Users" | "Roles" | "Any";

/**
 * The impersonation requests of a property: roles, and targets in an impersonation rule's
 * vocabulary.
 */
export type ImpersonationScope = {
  /** These roles of the document (every role when empty). */
  ImpersonationRoleIds?: Array<string>;
  /** Not these roles. */
  NotImpersonationRoleIds?: Array<string>;
  /** These targets: user IDs, emails or user names (every user when empty). */
  TargetUsers?: Array<string>;
  /** Not these targets. */
  NotTargetUsers?: Array<string>;
};

/** The devices of a property, in a mobile device access rule's vocabulary. */
export type MobileScope = {
  /** Device types that start with one of these. */
  DeviceTypes?: Array<string>;
  /** Device types that start with none of these. */
  NotDeviceTypes?: Array<string>;
  /** Models that start with one of these. */
  DeviceModels?: Array<string>;
  /** Models that start with none of these. */
  NotDeviceModels?: Array<string>;
  /** Operating systems that start with one of these. */
  DeviceOperatingSystems?: Array<string>;
  /** Operating systems that start with none of these. */
  NotDeviceOperatingSystems?: Array<string>;
  /** User agents that start with one of these. */
  DeviceUserAgents?: Array<string>;
  /** User agents that start with none of these. */
  NotDeviceUserAgents?: Array<string>;
};

/** The operation a property names outright with `Operation`. */
export type PropertyOperation =
  | "GetAccessControlEffect"
  | "GetImpersonationRoleEffect"
  | "GetMobileDeviceAccessEffect";

/** One saved test. */
export type TestCase = {
  /** Its name, as reported. */
  Name: string;
  /** The question. */
  Request: TestRequest;
  /** The answer it must get. */
  Expect: Expectation;
};

/** The outcome of a tests file. */
export type TestReport = {
  /** One result per test, in file order. */
  Results: Array<TestResult>;
  /** One result per property, in file order. */
  Properties?: Array<PropertyResult>;
};

/** The outcome of one property. */
export type PropertyResult = {
  /** The property's name. */
  Name: string;
  /** Whether every request of `ForAll` gets the expected answer. */
  Holds: boolean;
  /** The expectation. */
  Expected: Expectation;
  /** How many classes of requests get another answer (0 when it holds). */
  FailingClasses: number;
  /** One request of the first failing class. */
  Counterexample?: Counterexample;
};

/** A request for which a property fails, with the answer it gets. */
export type Counterexample = {
  /** The request, as its operation takes it. */
  Request: TestRequest;
  /**
   * The principal or target the request stands for when the document does not name it
   * (`{"OtherUser": true}`, `{"OtherRole": true}`): its identifier is one no rule names.
   */
  StandsFor?: TablePrincipal;
  /** The answer it gets, with the rules that decided it. */
  Answer: ActualAnswer;
  /** The whole class of requests that get this answer, in words. */
  Class: string;
};

/** The outcome of one test. */
export type TestResult = {
  /** The test's name. */
  Name: string;
  /** Whether the answer met the expectation. */
  Passed: boolean;
  /** The expectation. */
  Expected: Expectation;
  /** The answer, when the request was answered. */
  Actual?: ActualAnswer;
  /** The error, when it was refused. */
  Error?: ErrorDetails;
};

/** The coverage of a tests file over a document. */
export type Coverage = {
  /** How many items were exercised. */
  Exercised: number;
  /** How many items there are. */
  Total: number;
  /** `exercised / total`, as a percentage (100 when there are none). */
  Percent: number;
  /** Every item not exercised, in document order. */
  NotExercised: Array<Uncovered>;
};

/** An item no test or property exercised. */
export type Uncovered = {
  /** Where it is in the document. */
  Path: string;
  /** What was never exercised. */
  Item: CoverageItem;
  /** The rule (its name, or its ID for impersonation and mobile rules). */
  Rule: string;
  /** The entry, for an entry. */
  Entry?: string;
};

/** What kind of item was not exercised. */
export type CoverageItem = "Matched" | "Deciding" | "List" | "Entry";

/** The inputs of an impersonated EWS request. */
export type ImpersonatedEwsRequest = {
  /** The token or role. */
  Credential: Credential;
  /** The client's source IPv4 address. */
  IpAddress: string;
  /** The user whose mailbox is reached: user ID, email or user name. */
  TargetUser: string;
  /** The EWS operation, such as `GetItem`. */
  EwsOperation: string;
};

/** How an impersonated EWS call authenticates: a token, or a role. */
export type Credential =
  | { Token: string; ImpersonationRoleId?: never }
  | { ImpersonationRoleId: string; Token?: never };

/** The answer of an impersonated EWS request. */
export type ImpersonatedEwsAnswer = {
  /** ALLOW when every stage passes. */
  Verdict: Effect;
  /** The request. */
  Request: ImpersonatedEwsRequest;
  /** Stage 1. */
  Credential: CredentialStage;
  /** Stage 2. */
  AccessControl: AccessControlStage;
  /** Stage 3. */
  RoleRules: RoleRulesStage;
  /** Stage 4. */
  RoleType: RoleTypeStage;
};

/** Stage 2: `GetAccessControlEffect` with action EWS, the address and the role. */
export type AccessControlStage = {
  /** The outcome. */
  Outcome: StageOutcome;
  /** The effect, when reached. */
  Effect?: Effect;
  /** `MatchedRules`. */
  MatchedRules: Array<string>;
};

/** How far a stage got. */
export type StageOutcome = "Passed" | "Failed" | "NotReached";

/** Stage 1. */
export type CredentialStage = {
  /** The outcome. */
  Outcome: StageOutcome;
  /** The role the credential names, when known. */
  ImpersonationRoleId?: string;
} & (
  | { "Finding": "RoleExists" }
  | { "Finding": "RoleNotFound" }
  | {
      "Finding": "TokenValid";
      /** When it expires. */
      Expires: Timestamp;
    }
  | {
      "Finding": "TokenExpired";
      /** When it expired. */
      Expires: Timestamp;
    }
  | { "Finding": "TokenUnknown" }
  | { "Finding": "TokenRoleDeleted" }
);

/** Stage 3: `GetImpersonationRoleEffect` for the target. */
export type RoleRulesStage = {
  /** The outcome. */
  Outcome: StageOutcome;
  /** The target's user ID, when the directory resolves it. */
  TargetUserId?: string;
  /** Why no answer: the target is not in the directory, or is disabled or deleted (D12). */
  TargetProblem?: string;
  /** The effect, when reached. */
  Effect?: Effect;
  /** `MatchedRules`. */
  MatchedRules: Array<ImpersonationMatchedRule>;
};

/** Stage 4: what the role's type permits. */
export type RoleTypeStage = {
  /** The outcome. */
  Outcome: StageOutcome;
  /** The role's type, when known. */
  Type?: ImpersonationRoleType;
  /** The operation. */
  EwsOperation: string;
  /** Whether it reads or writes. */
  Kind: EwsOperationKind;
};

/** Whether an EWS operation reads or writes. */
export type EwsOperationKind = "Read" | "Write";

/** What the credential stage found. */
export type CredentialFinding =
  | { "Finding": "RoleExists" }
  | { "Finding": "RoleNotFound" }
  | {
      "Finding": "TokenValid";
      /** When it expires. */
      Expires: Timestamp;
    }
  | {
      "Finding": "TokenExpired";
      /** When it expired. */
      Expires: Timestamp;
    }
  | { "Finding": "TokenUnknown" }
  | { "Finding": "TokenRoleDeleted" };

/** The single edits that flip one request's effect. */
export type WhatWouldChange = {
  /** The request. */
  Request: PolicyRequest;
  /** Its effect now. */
  Effect: Effect;
  /** Its `MatchedRules` now (rule names, or impersonation rule IDs). */
  MatchedRules: Array<string>;
  /** Every single edit that flips the effect, rule by rule in document order, new rules last. */
  Suggestions: Array<Suggestion>;
};

/** An edit and the answer the request gets after it. */
export type Suggestion = {
  /** The edit. */
  Edit: Edit;
  /** The effect after it (always the opposite of the current one). */
  Effect: Effect;
  /** `MatchedRules` after it (rule names, or impersonation rule IDs). */
  MatchedRules: Array<string>;
};

/** One edit of the document. */
export type Edit =
  | {
      "Edit": "AddEntry";
      /** The rule. */
      Rule: RuleRef;
      /** The list (`NotIpRanges`, `TargetUsers`…). */
      List: string;
      /** The entry. */
      Entry: string;
    }
  | {
      "Edit": "RemoveEntry";
      /** The rule. */
      Rule: RuleRef;
      /** The list. */
      List: string;
      /** The entry, as written. */
      Entry: string;
      /**
       * Whether it is the list's only entry: the list goes (an empty list is no condition,
       * and a target list cannot be empty), so the rule no longer tests this at all.
       */
      LastEntry: boolean;
    }
  | {
      "Edit": "RemoveRule";
      /** The rule. */
      Rule: RuleRef;
    }
  | {
      "Edit": "AddAccessControlRule";
      /** The new rule. */
      Rule: AccessControlRule;
    }
  | {
      "Edit": "AddImpersonationRule";
      /** The role. */
      ImpersonationRoleId: string;
      /** The new rule. */
      Rule: ImpersonationRule;
    };

/** The rule an edit touches. */
export type RuleRef =
  | { AccessControlRule: string; ImpersonationRule?: never }
  | {
      ImpersonationRule: { ImpersonationRoleId: string; ImpersonationRuleId: string };
      AccessControlRule?: never;
    };

/** Everything a replay found. */
export type ReplayReport = {
  /** Every event read, replayed or not (malformed ones included). */
  Events: number;
  /** Events not replayed, by reason (`malformed`, `not-access-controlled`, ...). */
  Skipped: Record<string, number>;
  /** The first malformed events, with their places. */
  Problems: Array<LogProblem>;
  /**
   * The requests of each user, protocol and /24 network that fare alike: newly denied
   * first, then newly allowed, then denied, then allowed; the busiest first within each.
   */
  Summary: Array<SummaryRow>;
  /** Every distinct request once, in the same order. */
  Requests: Array<ReplayedRequest>;
};

/** A malformed event and where it is: the log's name, the line (1-based) and what is wrong. */
export type LogProblem = {
  /** The log's name, as the caller gave it (a file name, `-` for standard input). */
  Source: string;
  /** The line, counted from 1; 0 when the event has no line (a value given directly). */
  Line: number;
  /** What is wrong, with the column when known. */
  Message: string;
};

/** One distinct request of the logs and its answers. */
export type ReplayedRequest = {
  /** The request, as `GetAccessControlEffect` takes it. */
  Request: GetAccessControlEffectRequest;
  /** For an impersonated request, the mailbox reached (`user_id`), asked of the role's rules. */
  TargetUser?: string;
  /** How many events asked it. */
  Count: number;
  /** The earliest `event_timestamp` (epoch milliseconds), when any event had one. */
  FirstSeen: number | null;
  /** The latest `event_timestamp` (epoch milliseconds). */
  LastSeen: number | null;
  /** How it fares. */
  Outcome: Outcome;
  /** The proposed organization's answer. */
  Proposed: ReplayAnswer;
  /** The current organization's answer, with a baseline. */
  Baseline?: ReplayAnswer;
};

/**
 * How a request fares: with a baseline, whether the change denies or allows it anew; the
 * variants are in the order reports list them.
 */
export type Outcome = "NewlyDenied" | "NewlyAllowed" | "Denied" | "Allowed";

/** What one organization answers a replayed request. */
export type ReplayAnswer =
  | {
      /** ALLOW or DENY, both stages together for an impersonated request. */
      Effect: Effect;
      /** The access control rules that produced the access control stage's effect. */
      MatchedRules: Array<string>;
      /**
       * For an impersonated request that access control allowed, the role's answer for
       * the target user.
       */
      Impersonation?: RoleAnswer;
    }
  | {
      /** The error, as a failed call prints it. */
      Error: ReplayError;
    };

/** An API error in a replayed answer. */
export type ReplayError = {
  /** The exception's name. */
  Code: string;
  /** What went wrong. */
  Message: string;
};

/** The role's rules' answer for the mailbox an impersonated request reached. */
export type RoleAnswer = {
  /** ALLOW or DENY. */
  Effect: Effect;
  /** The impersonation rules that produced it. */
  MatchedRules: Array<ImpersonationMatchedRule>;
};

/** The requests of one user (and role), protocol and /24 network that fare alike. */
export type SummaryRow = {
  /** How they fare. */
  Outcome: Outcome;
  /** The user (for an impersonated request, the mailbox reached). */
  UserId: string;
  /** The impersonation role, for impersonated requests. */
  ImpersonationRoleId?: string;
  /** The protocol. */
  Action: Action;
  /** The source network, `a.b.c.0/24`. */
  Network: string;
  /** Events. */
  Events: number;
  /** Distinct requests (addresses). */
  Requests: number;
  /** The earliest time seen (epoch milliseconds). */
  FirstSeen: number | null;
  /** The latest time seen. */
  LastSeen: number | null;
};
