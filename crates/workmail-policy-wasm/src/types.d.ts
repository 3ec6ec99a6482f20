// Generated from the Rust types by `cargo xtask types`: do not edit.
// Requests, responses, explanations and errors, as the core's serde types write them.

/** Every operation's request (`input`) and response (`output`). */
export type Operations = {
  /** Whether a user or an impersonation role may use an action from an address. */
  GetAccessControlEffect: {
    input: GetAccessControlEffectRequest;
    output: GetAccessControlEffectResponse;
  };
  /** Every access control rule, in list order. */
  ListAccessControlRules: {
    input: ListAccessControlRulesRequest;
    output: ListAccessControlRulesResponse;
  };
  /** Adds an access control rule, or replaces the rule of the same name. */
  PutAccessControlRule: { input: PutAccessControlRuleRequest; output: EmptyResponse };
  /** Removes an access control rule. */
  DeleteAccessControlRule: { input: DeleteAccessControlRuleRequest; output: EmptyResponse };
  /** Adds an impersonation role. */
  CreateImpersonationRole: {
    input: CreateImpersonationRoleRequest;
    output: CreateImpersonationRoleResponse;
  };
  /** Replaces an impersonation role. */
  UpdateImpersonationRole: { input: UpdateImpersonationRoleRequest; output: EmptyResponse };
  /** One impersonation role. */
  GetImpersonationRole: { input: ImpersonationRoleRequest; output: ImpersonationRole };
  /** Removes an impersonation role. */
  DeleteImpersonationRole: { input: ImpersonationRoleRequest; output: EmptyResponse };
  /** The impersonation roles, a page at a time. */
  ListImpersonationRoles: {
    input: ListImpersonationRolesRequest;
    output: ListImpersonationRolesResponse;
  };
  /** A token to act as an impersonation role. */
  AssumeImpersonationRole: {
    input: ImpersonationRoleRequest;
    output: AssumeImpersonationRoleResponse;
  };
  /** Whether an impersonation role may impersonate a user, and with what access. */
  GetImpersonationRoleEffect: {
    input: GetImpersonationRoleEffectRequest;
    output: GetImpersonationRoleEffectResponse;
  };
};

/** `AssumeImpersonationRole` output. */
export type AssumeImpersonationRoleResponse = {
  /** The bearer token for EWS. */
  Token: string;
  /** Its validity in seconds. */
  ExpiresIn: number;
};

/** `CreateImpersonationRole` input. */
export type CreateImpersonationRoleRequest = {
  /** The idempotency token (D16). */
  ClientToken?: string;
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The role name. */
  Name: string;
  /** `FULL_ACCESS` or `READ_ONLY`. */
  Type: ImpersonationRoleType;
  /** The description. */
  Description?: string;
  /** The rules, in order. */
  Rules: Array<ImpersonationRule>;
};

/** What an impersonation role may do in the mailboxes it reaches. */
export type ImpersonationRoleType = "FULL_ACCESS" | "READ_ONLY";

/** One rule of an impersonation role. */
export type ImpersonationRule = {
  /** The rule ID, chosen by the caller, unique within the role. */
  ImpersonationRuleId: string;
  /** The rule name. */
  Name?: string;
  /** The rule description. */
  Description?: string;
  /** `ALLOW` or `DENY`. */
  Effect: Effect;
  /** Users the rule applies to (user ID, email or user name), as given. */
  TargetUsers?: Array<string>;
  /** Users the rule does not apply to, as given. */
  NotTargetUsers?: Array<string>;
};

/** `ALLOW` or `DENY`: the effect of a rule and of a decision. */
export type Effect = "ALLOW" | "DENY";

/** `CreateImpersonationRole` output. */
export type CreateImpersonationRoleResponse = {
  /** The new role's ID. */
  ImpersonationRoleId: string;
};

/** `DeleteAccessControlRule` input. */
export type DeleteAccessControlRuleRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The rule to delete; an unknown name is not an error. */
  Name: string;
};

/** An empty response (`{}`). */
export type EmptyResponse = Record<string, never>;

/** `GetAccessControlEffect` input. */
export type GetAccessControlEffectRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The source IPv4 address. */
  IpAddress: string;
  /** The protocol action. */
  Action: Action;
  /** The user (exactly one of this and `impersonation_role_id`). */
  UserId?: string;
  /** The impersonation role (only with action `EWS`). */
  ImpersonationRoleId?: string;
};

/** A protocol action of an access control rule, in its canonical, case-sensitive spelling (D7). */
export type Action =
  | "ActiveSync"
  | "AutoDiscover"
  | "EWS"
  | "IMAP"
  | "SMTP"
  | "WindowsOutlook"
  | "WebMail";

/** `GetAccessControlEffect` output. */
export type GetAccessControlEffectResponse = {
  /** `ALLOW` or `DENY`. */
  Effect: Effect;
  /** The names of the rules that produced the effect, in rule order. */
  MatchedRules: Array<string>;
};

/** `GetImpersonationRoleEffect` input. */
export type GetImpersonationRoleEffectRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The role. */
  ImpersonationRoleId: string;
  /** The user to impersonate: user ID, email or user name. */
  TargetUser: string;
};

/** `GetImpersonationRoleEffect` output. */
export type GetImpersonationRoleEffectResponse = {
  /** The role's type. */
  Type: ImpersonationRoleType;
  /** `ALLOW` or `DENY`. */
  Effect: Effect;
  /** The rules that produced the effect, in rule order. */
  MatchedRules: Array<ImpersonationMatchedRule>;
};

/** An entry of `MatchedRules` in a `GetImpersonationRoleEffect` response. */
export type ImpersonationMatchedRule = {
  /** The rule ID. */
  ImpersonationRuleId: string;
  /** The rule name, left out when the rule has none. */
  Name?: string;
};

/** An impersonation role, as `get-impersonation-role` prints it. */
export type ImpersonationRole = {
  /** The role ID. */
  ImpersonationRoleId: string;
  /** The role name. */
  Name: string;
  /** `FULL_ACCESS` or `READ_ONLY`. */
  Type: ImpersonationRoleType;
  /** The role description. */
  Description?: string;
  /** The role's rules, in order. */
  Rules: Array<ImpersonationRule>;
  /** When the role was created. */
  DateCreated?: Timestamp;
  /** When the role was last updated. */
  DateModified?: Timestamp;
};

/**
 * An instant, as epoch seconds (the wire form; output is always this form, D3).
 *
 * Reads a JSON number (AWS CLI v1, boto3's wire data) or an ISO 8601 / RFC 3339 string with any
 * offset (AWS CLI v2).
 */
export type Timestamp = number;

/** The input of `GetImpersonationRole`, `DeleteImpersonationRole` and `AssumeImpersonationRole`. */
export type ImpersonationRoleRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The role. */
  ImpersonationRoleId: string;
};

/** The input of the operations that take only the organization. */
export type ListAccessControlRulesRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
};

/** `ListAccessControlRules` output. */
export type ListAccessControlRulesResponse = {
  /** Every rule, in list order. */
  Rules: Array<AccessControlRule>;
};

/**
 * An access control rule, as `list-access-control-rules` prints it. Empty condition lists are
 * left out of the JSON (D21).
 */
export type AccessControlRule = {
  /** The rule name, unique in the organization. */
  Name: string;
  /** `ALLOW` or `DENY`. */
  Effect: Effect;
  /** The description (`Default WorkMail Rule` on the default rule). */
  Description?: string;
  /** IPv4 CIDR ranges to include. */
  IpRanges?: Array<IpRange>;
  /** IPv4 CIDR ranges to exclude. */
  NotIpRanges?: Array<IpRange>;
  /** Protocol actions to include. */
  Actions?: Array<Action>;
  /** Protocol actions to exclude. */
  NotActions?: Array<Action>;
  /** User IDs to include. */
  UserIds?: Array<string>;
  /** User IDs to exclude. */
  NotUserIds?: Array<string>;
  /** When the rule was created. */
  DateCreated?: Timestamp;
  /** When the rule was last replaced. */
  DateModified?: Timestamp;
  /** Impersonation role IDs to include. */
  ImpersonationRoleIds?: Array<string>;
  /** Impersonation role IDs to exclude. */
  NotImpersonationRoleIds?: Array<string>;
};

/** An IPv4 CIDR range as written in a rule, kept as given and matched after masking (D8, D23). */
export type IpRange = string;

/** `ListImpersonationRoles` input. */
export type ListImpersonationRolesRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The token of the page to read. */
  NextToken?: string;
  /** The page size, 1 to 100 (default: all roles). */
  MaxResults?: number;
};

/** `ListImpersonationRoles` output. */
export type ListImpersonationRolesResponse = {
  /** The roles of this page. */
  Roles: Array<ImpersonationRoleSummary>;
  /** The next page's token; absent on the last page. */
  NextToken?: string;
};

/** A role as `list-impersonation-roles` prints it (no description, no rules). */
export type ImpersonationRoleSummary = {
  /** The role ID. */
  ImpersonationRoleId: string;
  /** The role name. */
  Name: string;
  /** `FULL_ACCESS` or `READ_ONLY`. */
  Type: ImpersonationRoleType;
  /** When the role was created. */
  DateCreated?: Timestamp;
  /** When the role was last updated. */
  DateModified?: Timestamp;
};

/** `PutAccessControlRule` input. */
export type PutAccessControlRuleRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The rule name; an existing rule of this name is replaced. */
  Name: string;
  /** `ALLOW` or `DENY`. */
  Effect: Effect;
  /** The description (required; may be empty). */
  Description: string;
  /** IPv4 CIDR ranges to include. */
  IpRanges?: Array<string>;
  /** IPv4 CIDR ranges to exclude. */
  NotIpRanges?: Array<string>;
  /** Actions to include. */
  Actions?: Array<Action>;
  /** Actions to exclude. */
  NotActions?: Array<Action>;
  /** User IDs to include. */
  UserIds?: Array<string>;
  /** User IDs to exclude. */
  NotUserIds?: Array<string>;
  /** Role IDs to include. */
  ImpersonationRoleIds?: Array<string>;
  /** Role IDs to exclude. */
  NotImpersonationRoleIds?: Array<string>;
};

/** `UpdateImpersonationRole` input. */
export type UpdateImpersonationRoleRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The role to replace. */
  ImpersonationRoleId: string;
  /** The new name. */
  Name: string;
  /** The new type. */
  Type: ImpersonationRoleType;
  /** The new description (omitted: cleared, D17). */
  Description?: string;
  /** The new rules. */
  Rules: Array<ImpersonationRule>;
};

/** A `GetAccessControlEffect` answer with every rule's and condition's outcome. */
export type AccessExplanation = {
  /** The question. */
  Request: AccessRequest;
  /** The effect, as AWS returns it. */
  Effect: Effect;
  /** `MatchedRules`, as AWS returns them. */
  MatchedRules: Array<string>;
  /** Why the effect follows. */
  Reason: DecisionReason;
  /** What the reason rests on. */
  Basis: Basis;
  /** Every rule, in list order. */
  Rules: Array<RuleExplanation>;
};

/** A checked access question: what `GetAccessControlEffect` evaluates. */
export type AccessRequest = {
  /** The source IPv4 address. */
  IpAddress: string;
  /** The protocol action. */
  Action: Action;
  /** The user or role. */
  Principal: Principal;
};

/** Who asks: a user or an impersonation role. */
export type Principal =
  | { UserId: string; ImpersonationRoleId?: never }
  | { ImpersonationRoleId: string; UserId?: never };

/** What a step rests on: documented AWS behaviour, or a decision of this project. */
export type Basis =
  | { Documented: Source; Decided?: never }
  | { Decided: Decision; Documented?: never };

/**
 * A decision this project makes where AWS's documents are silent (the `D` numbers of the
 * semantics document).
 */
export type Decision =
  | "D1"
  | "D2"
  | "D3"
  | "D4"
  | "D5"
  | "D6"
  | "D7"
  | "D8"
  | "D9"
  | "D10"
  | "D11"
  | "D12"
  | "D13"
  | "D14"
  | "D15"
  | "D16"
  | "D17"
  | "D18"
  | "D19"
  | "D20"
  | "D21"
  | "D22"
  | "D23"
  | "D24"
  | "D25"
  | "D46";

/** A public AWS document that states a behaviour. */
export type Source =
  | "ApiReference"
  | "AccessRulesGuide"
  | "ImpersonationRolesGuide"
  | "UsingImpersonationGuide"
  | "CliExamples";

/** Why the effect follows from the rules. */
export type DecisionReason = "DenyRuleMatched" | "AllowRuleMatched" | "NoRuleMatched";

/** The outcome of one rule. */
export type RuleExplanation = {
  /** The rule name. */
  Name: string;
  /** The rule's effect. */
  Effect: Effect;
  /** Whether every condition holds. */
  Matched: boolean;
  /** Whether the rule is in `MatchedRules` (it matched and its effect won). */
  Deciding: boolean;
  /** Every condition, in the order of the rule shape. */
  Conditions: Array<ConditionExplanation>;
};

/** The outcome of one condition of one rule. */
export type ConditionExplanation = {
  /** Which condition. */
  Condition: AccessCondition;
  /** Whether it holds. */
  Holds: boolean;
  /** What this step rests on. */
  Basis: Basis;
} & (
  | { "Finding": "NoCondition" }
  | {
      "Finding": "IpInRange";
      /** The range as written. */
      Range: string;
      /** The network it was matched as, when the text had host bits set (D8). */
      MaskedTo?: string;
    }
  | {
      "Finding": "IpInNoRange";
      /** How many ranges were checked. */
      Count: number;
    }
  | { "Finding": "ActionListed" }
  | { "Finding": "ActionNotListed" }
  | { "Finding": "PrincipalListed" }
  | { "Finding": "PrincipalNotListed" }
  | { "Finding": "OtherPrincipalKind" }
);

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

/** A `GetImpersonationRoleEffect` answer with every rule's outcome. */
export type ImpersonationExplanation = {
  /** The role asked about. */
  ImpersonationRoleId: string;
  /** The target user. */
  Target: Target;
  /** The role's type, echoed as AWS does. */
  Type: ImpersonationRoleType;
  /** The effect, as AWS returns it. */
  Effect: Effect;
  /** `MatchedRules`, as AWS returns them. */
  MatchedRules: Array<ImpersonationMatchedRule>;
  /** Why the effect follows. */
  Reason: DecisionReason;
  /** What the reason rests on. */
  Basis: Basis;
  /** Every rule of the role, in order. */
  Rules: Array<ImpersonationRuleExplanation>;
};

/** The outcome of one impersonation rule. */
export type ImpersonationRuleExplanation = {
  /** The rule ID. */
  ImpersonationRuleId: string;
  /** The rule name. */
  Name?: string;
  /** The rule's effect. */
  Effect: Effect;
  /** Whether both lists hold. */
  Matched: boolean;
  /** Whether the rule is in `MatchedRules`. */
  Deciding: boolean;
  /** `TargetUsers`, then `NotTargetUsers`. */
  Conditions: Array<TargetConditionExplanation>;
};

/** The outcome of one target list of one rule. */
export type TargetConditionExplanation = {
  /** Which list. */
  Condition: TargetCondition;
  /** Whether it holds. */
  Holds: boolean;
  /** What this step rests on. */
  Basis: Basis;
} & (
  | { "Finding": "NoCondition" }
  | {
      "Finding": "TargetListed";
      /** The entry as written in the rule. */
      Entry: string;
      /** How the entry identified the target (absent without a directory). */
      By?: Resolution;
    }
  | {
      "Finding": "TargetNotListed";
      /** Entries that name no user of the directory (they never match, D17). */
      Unresolved?: Array<string>;
    }
);

/** How a text identified a user. */
export type Resolution = "UserId" | "Email" | "UserName";

/** The two conditions of an impersonation rule. */
export type TargetCondition = "TargetUsers" | "NotTargetUsers";

/** The user a `GetImpersonationRoleEffect` asks about. */
export type Target = {
  /** The `TargetUser` text as given. */
  Text: string;
  /** The user it resolved to, when the directory is known. */
  Resolved?: ResolvedTarget;
};

/** A target found in the directory. */
export type ResolvedTarget = {
  /** Its user ID. */
  UserId: string;
  /** Which of its identifiers the text named. */
  By: Resolution;
};

/** What one condition found, with the entry involved. */
export type AccessFinding =
  | { "Finding": "NoCondition" }
  | {
      "Finding": "IpInRange";
      /** The range as written. */
      Range: string;
      /** The network it was matched as, when the text had host bits set (D8). */
      MaskedTo?: string;
    }
  | {
      "Finding": "IpInNoRange";
      /** How many ranges were checked. */
      Count: number;
    }
  | { "Finding": "ActionListed" }
  | { "Finding": "ActionNotListed" }
  | { "Finding": "PrincipalListed" }
  | { "Finding": "PrincipalNotListed" }
  | { "Finding": "OtherPrincipalKind" };

/** What one target list found. */
export type TargetFinding =
  | { "Finding": "NoCondition" }
  | {
      "Finding": "TargetListed";
      /** The entry as written in the rule. */
      Entry: string;
      /** How the entry identified the target (absent without a directory). */
      By?: Resolution;
    }
  | {
      "Finding": "TargetNotListed";
      /** Entries that name no user of the directory (they never match, D17). */
      Unresolved?: Array<string>;
    };

/** The exceptions the eleven operations can raise, named as in the AWS model. */
export type ErrorCode =
  | "InvalidParameterException"
  | "EntityNotFoundException"
  | "EntityStateException"
  | "ResourceNotFoundException"
  | "LimitExceededException"
  | "OrganizationNotFoundException"
  | "OrganizationStateException";

/**
 * An error an operation returns, as AWS would: the exception name and a message. The messages
 * are this project's own (AWS's texts are not published).
 */
export type ErrorDetails = {
  /** The exception name. */
  Code: ErrorCode;
  /** What went wrong. */
  Message: string;
};

/** One problem found in a document. */
export type Diagnostic = {
  /** A stable kebab-case code (`pattern`, `duplicate-rule-name`...). */
  code: string;
  /** Error (blocks loading) or warning. */
  severity: Severity;
  /** The JSON path (`AccessControlRules[2].NotIpRanges[0]`), empty for the whole document. */
  path: string;
  /** 1-based line of the value. */
  line: number;
  /** 1-based column (in characters) of the value. */
  column: number;
  /** What is wrong. */
  message: string;
  /** How to fix it. */
  help?: string;
};

/** How serious a diagnostic is. */
export type Severity = "error" | "warning";
