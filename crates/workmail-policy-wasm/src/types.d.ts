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
  /** Adds a mobile device access rule. */
  CreateMobileDeviceAccessRule: {
    input: CreateMobileDeviceAccessRuleRequest;
    output: CreateMobileDeviceAccessRuleResponse;
  };
  /** Replaces a mobile device access rule. */
  UpdateMobileDeviceAccessRule: {
    input: UpdateMobileDeviceAccessRuleRequest;
    output: EmptyResponse;
  };
  /** Removes a mobile device access rule. */
  DeleteMobileDeviceAccessRule: {
    input: DeleteMobileDeviceAccessRuleRequest;
    output: EmptyResponse;
  };
  /** Every mobile device access rule, in creation order. */
  ListMobileDeviceAccessRules: {
    input: ListMobileDeviceAccessRulesRequest;
    output: ListMobileDeviceAccessRulesResponse;
  };
  /** Whether the mobile device access rules allow a device (overrides aside). */
  GetMobileDeviceAccessEffect: {
    input: GetMobileDeviceAccessEffectRequest;
    output: GetMobileDeviceAccessEffectResponse;
  };
  /** Creates or replaces the override of a user's device. */
  PutMobileDeviceAccessOverride: {
    input: PutMobileDeviceAccessOverrideRequest;
    output: EmptyResponse;
  };
  /** The override of a user's device. */
  GetMobileDeviceAccessOverride: {
    input: MobileDeviceAccessOverrideRequest;
    output: MobileDeviceAccessOverride;
  };
  /** Removes the override of a user's device. */
  DeleteMobileDeviceAccessOverride: {
    input: MobileDeviceAccessOverrideRequest;
    output: EmptyResponse;
  };
  /** The overrides, by user and device, a page at a time. */
  ListMobileDeviceAccessOverrides: {
    input: ListMobileDeviceAccessOverridesRequest;
    output: ListMobileDeviceAccessOverridesResponse;
  };
  /**
   * This project's operation, not an AWS API: whether a user's device may synchronize
   * over ActiveSync, overrides and access control rules included.
   */
  EvaluateMobileDeviceAccess: {
    input: EvaluateMobileDeviceAccessRequest;
    output: EvaluateMobileDeviceAccessResponse;
  };
  /** The users of the document's directory, a page at a time. */
  ListUsers: { input: ListUsersRequest; output: ListUsersResponse };
  /** One user of the document's directory, by ID, email or user name. */
  DescribeUser: { input: DescribeUserRequest; output: DescribeUserResponse };
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

/** `CreateMobileDeviceAccessRule` input. */
export type CreateMobileDeviceAccessRuleRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The idempotency token (D36). */
  ClientToken?: string;
  /** The rule name. */
  Name: string;
  /** The description. */
  Description?: string;
  /** `ALLOW` or `DENY`. */
  Effect: Effect;
  /** Device types to match. */
  DeviceTypes?: Array<string>;
  /** Device types not to match. */
  NotDeviceTypes?: Array<string>;
  /** Device models to match. */
  DeviceModels?: Array<string>;
  /** Device models not to match. */
  NotDeviceModels?: Array<string>;
  /** Operating systems to match. */
  DeviceOperatingSystems?: Array<string>;
  /** Operating systems not to match. */
  NotDeviceOperatingSystems?: Array<string>;
  /** User agents to match. */
  DeviceUserAgents?: Array<string>;
  /** User agents not to match. */
  NotDeviceUserAgents?: Array<string>;
};

/** `CreateMobileDeviceAccessRule` output. */
export type CreateMobileDeviceAccessRuleResponse = {
  /** The new rule's ID. */
  MobileDeviceAccessRuleId: string;
};

/** `DeleteAccessControlRule` input. */
export type DeleteAccessControlRuleRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The rule to delete; an unknown name is not an error. */
  Name: string;
};

/** `DeleteMobileDeviceAccessRule` input. */
export type DeleteMobileDeviceAccessRuleRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The rule to delete; an unknown ID is not an error (D37). */
  MobileDeviceAccessRuleId: string;
};

/** `DescribeUser` input. */
export type DescribeUserRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The user: a user ID, an email or a user name (D22). */
  UserId: string;
};

/**
 * `DescribeUser` output: what `list-users` tells of the user (the other members of the AWS
 * response, such as the mailbox dates, are not in a document).
 */
export type DescribeUserResponse = {
  /** The user's ID. */
  UserId: string;
  /** The user name. */
  Name?: string;
  /** The primary email address. */
  Email?: string;
  /** The display name. */
  DisplayName?: string;
  /** `ENABLED`, `DISABLED` or `DELETED`. */
  State?: EntityState;
  /** `USER`, `RESOURCE`, `SYSTEM_USER` or `REMOTE_USER`. */
  UserRole?: UserRole;
  /** When the user was enabled. */
  EnabledDate?: Timestamp;
  /** When the user was disabled. */
  DisabledDate?: Timestamp;
  /** The identity provider's user ID. */
  IdentityProviderUserId?: string;
  /** The identity provider's identity store ID. */
  IdentityProviderIdentityStoreId?: string;
};

/** The state of a user in the directory. */
export type EntityState = "ENABLED" | "DISABLED" | "DELETED";

/**
 * An instant, as epoch seconds (the wire form; output is always this form, D3).
 *
 * Reads a JSON number (AWS CLI v1, boto3's wire data) or an ISO 8601 / RFC 3339 string with any
 * offset (AWS CLI v2).
 */
export type Timestamp = number;

/** The kind of a user in the directory. */
export type UserRole = "USER" | "RESOURCE" | "SYSTEM_USER" | "REMOTE_USER";

/** An empty response (`{}`). */
export type EmptyResponse = Record<string, never>;

/** `EvaluateMobileDeviceAccess` input: this project's operation, not an AWS API (D42, D43). */
export type EvaluateMobileDeviceAccessRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The user: a user ID, an email or a user name (D39). */
  UserId: string;
  /** The device ID. */
  DeviceId: string;
  /** The source address: when given, the access control rules are asked first (D43). */
  IpAddress?: string;
  /** The device type. */
  DeviceType?: string;
  /** The device model. */
  DeviceModel?: string;
  /** The operating system. */
  DeviceOperatingSystem?: string;
  /** The user agent. */
  DeviceUserAgent?: string;
};

/** `EvaluateMobileDeviceAccess` output (D42). */
export type EvaluateMobileDeviceAccessResponse = {
  /** Whether the device may synchronize. */
  Effect: Effect;
  /** Which gate decided. */
  DecidedBy: DecidedBy;
  /** The rules' answer, exactly `GetMobileDeviceAccessEffect`'s. */
  Rules: GetMobileDeviceAccessEffectResponse;
  /** The override for the user and device, as `GetMobileDeviceAccessOverride` returns it. */
  Override?: MobileDeviceAccessOverride;
  /** The access control answer for ActiveSync from `IpAddress`, when one was given. */
  AccessControl?: GetAccessControlEffectResponse;
};

/** Which gate decided an `EvaluateMobileDeviceAccess` answer (D42, D43). */
export type DecidedBy = "ACCESS_CONTROL" | "OVERRIDE" | "RULES";

/** `GetAccessControlEffect` output. */
export type GetAccessControlEffectResponse = {
  /** `ALLOW` or `DENY`. */
  Effect: Effect;
  /** The names of the rules that produced the effect, in rule order. */
  MatchedRules: Array<string>;
};

/** `GetMobileDeviceAccessEffect` output. */
export type GetMobileDeviceAccessEffectResponse = {
  /** `ALLOW` or `DENY`. */
  Effect: Effect;
  /** The rules that produced the effect, in rule order (D32). */
  MatchedRules: Array<MobileDeviceAccessMatchedRule>;
};

/** A `MatchedRules` entry of `GetMobileDeviceAccessEffect` (D32). */
export type MobileDeviceAccessMatchedRule = {
  /** The rule's ID. */
  MobileDeviceAccessRuleId: string;
  /** The rule's name. */
  Name: string;
};

/**
 * A mobile device access override: one user's device gets this effect whatever the rules say
 * (D38, D42).
 */
export type MobileDeviceAccessOverride = {
  /** The user: the user's ID when the directory resolved it, the text given otherwise (D39). */
  UserId: string;
  /** The device ID, in the spelling of the latest Put (compared ignoring case, D38). */
  DeviceId: string;
  /** `ALLOW` or `DENY`. */
  Effect: Effect;
  /** The description. */
  Description?: string;
  /** When the override was first put. */
  DateCreated?: Timestamp;
  /** When the override was last put. */
  DateModified?: Timestamp;
};

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

/** `GetMobileDeviceAccessEffect` input: the device's four properties, each optional (D33). */
export type GetMobileDeviceAccessEffectRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The device type. */
  DeviceType?: string;
  /** The device model. */
  DeviceModel?: string;
  /** The operating system. */
  DeviceOperatingSystem?: string;
  /** The user agent. */
  DeviceUserAgent?: string;
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

/** `ListMobileDeviceAccessOverrides` input. */
export type ListMobileDeviceAccessOverridesRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** Only this user's overrides (resolved, D39). */
  UserId?: string;
  /** Only this device's overrides (whole ID, ignoring case, D41). */
  DeviceId?: string;
  /** The token of the page to read. */
  NextToken?: string;
  /** The page size, 1 to 100 (default: all). */
  MaxResults?: number;
};

/** `ListMobileDeviceAccessOverrides` output. */
export type ListMobileDeviceAccessOverridesResponse = {
  /** The overrides of this page, in insertion order. */
  Overrides: Array<MobileDeviceAccessOverride>;
  /** The next page's token; absent on the last page. */
  NextToken?: string;
};

/** `ListMobileDeviceAccessRules` input. */
export type ListMobileDeviceAccessRulesRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
};

/** `ListMobileDeviceAccessRules` output. */
export type ListMobileDeviceAccessRulesResponse = {
  /** Every rule, in creation order (D34). */
  Rules: Array<MobileDeviceAccessRule>;
};

/**
 * A mobile device access rule. Absent condition lists are left out of the JSON; a present list
 * holds 1 to 10 entries (D31).
 */
export type MobileDeviceAccessRule = {
  /** The server-assigned ID, the rule's key (D34). */
  MobileDeviceAccessRuleId: string;
  /** The rule name (not unique, D34). */
  Name: string;
  /** The description. */
  Description?: string;
  /** `ALLOW` or `DENY`. */
  Effect: Effect;
  /** Device types to match (case-insensitive prefixes, `$NONE` for an unreported type). */
  DeviceTypes?: Array<string>;
  /** Device types not to match. */
  NotDeviceTypes?: Array<string>;
  /** Device models to match. */
  DeviceModels?: Array<string>;
  /** Device models not to match. */
  NotDeviceModels?: Array<string>;
  /** Device operating systems to match. */
  DeviceOperatingSystems?: Array<string>;
  /** Device operating systems not to match. */
  NotDeviceOperatingSystems?: Array<string>;
  /** Device user agents to match. */
  DeviceUserAgents?: Array<string>;
  /** Device user agents not to match. */
  NotDeviceUserAgents?: Array<string>;
  /** When the rule was created. */
  DateCreated?: Timestamp;
  /** When the rule was last updated. */
  DateModified?: Timestamp;
};

/** `ListUsers` input. */
export type ListUsersRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The token of the page to read. */
  NextToken?: string;
  /** The page size, 1 to 100 (default: all). */
  MaxResults?: number;
  /** Which users to list. */
  Filters?: ListUsersFilters;
};

/** `ListUsers` filters (`Filters`). */
export type ListUsersFilters = {
  /** Users whose name starts with this. */
  UsernamePrefix?: string;
  /** Users whose display name starts with this. */
  DisplayNamePrefix?: string;
  /** Users whose email starts with this. */
  PrimaryEmailPrefix?: string;
  /** Users in this state. */
  State?: EntityState;
  /** Users whose identity provider user ID starts with this. */
  IdentityProviderUserIdPrefix?: string;
};

/** `ListUsers` output. */
export type ListUsersResponse = {
  /** The users of this page, in directory order. */
  Users: Array<User>;
  /** The next page's token; absent on the last page. */
  NextToken?: string;
};

/** A user, as `list-users` prints it. */
export type User = {
  /** The user ID (`S-1-1-…` or a UUID). */
  Id: string;
  /** The primary email address. */
  Email?: string;
  /** The user name. */
  Name?: string;
  /** The display name. */
  DisplayName?: string;
  /** `ENABLED`, `DISABLED` or `DELETED`. */
  State?: EntityState;
  /** `USER`, `RESOURCE`, `SYSTEM_USER` or `REMOTE_USER`. */
  UserRole?: UserRole;
  /** When the user was enabled. */
  EnabledDate?: Timestamp;
  /** When the user was disabled. */
  DisabledDate?: Timestamp;
  /** The identity provider's user ID. */
  IdentityProviderUserId?: string;
  /** The identity provider's identity store ID. */
  IdentityProviderIdentityStoreId?: string;
};

/** The input of `GetMobileDeviceAccessOverride` and `DeleteMobileDeviceAccessOverride`. */
export type MobileDeviceAccessOverrideRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The user: a user ID, an email or a user name (D39). */
  UserId: string;
  /** The device ID (compared ignoring case, D38). */
  DeviceId: string;
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

/** `PutMobileDeviceAccessOverride` input. */
export type PutMobileDeviceAccessOverrideRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The user: a user ID, an email or a user name (D39). */
  UserId: string;
  /** The device ID (compared ignoring case, D38). */
  DeviceId: string;
  /** `ALLOW` or `DENY`. */
  Effect: Effect;
  /** The description (omitted: cleared, D38). */
  Description?: string;
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

/** `UpdateMobileDeviceAccessRule` input: the whole new rule (D34). */
export type UpdateMobileDeviceAccessRuleRequest = {
  /** The organization (omitted: the document's, D4). */
  OrganizationId?: string;
  /** The rule to replace. */
  MobileDeviceAccessRuleId: string;
  /** The new name. */
  Name: string;
  /** The new description (omitted: cleared). */
  Description?: string;
  /** The new effect. */
  Effect: Effect;
  /** Device types to match. */
  DeviceTypes?: Array<string>;
  /** Device types not to match. */
  NotDeviceTypes?: Array<string>;
  /** Device models to match. */
  DeviceModels?: Array<string>;
  /** Device models not to match. */
  NotDeviceModels?: Array<string>;
  /** Operating systems to match. */
  DeviceOperatingSystems?: Array<string>;
  /** Operating systems not to match. */
  NotDeviceOperatingSystems?: Array<string>;
  /** User agents to match. */
  DeviceUserAgents?: Array<string>;
  /** User agents not to match. */
  NotDeviceUserAgents?: Array<string>;
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
  | "D26"
  | "D27"
  | "D28"
  | "D29"
  | "D30"
  | "D31"
  | "D32"
  | "D33"
  | "D34"
  | "D35"
  | "D36"
  | "D37"
  | "D38"
  | "D39"
  | "D40"
  | "D41"
  | "D42"
  | "D43"
  | "D44"
  | "D45"
  | "D46";

/** A public AWS document that states a behaviour. */
export type Source =
  | "ApiReference"
  | "AccessRulesGuide"
  | "ImpersonationRolesGuide"
  | "UsingImpersonationGuide"
  | "CliExamples"
  | "MobileAccessRulesGuide"
  | "MobileAccessOverridesGuide"
  | "MdmIntegrationGuide";

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

/** A `GetMobileDeviceAccessEffect` answer with every rule's and condition's outcome. */
export type MobileExplanation = {
  /** The device asked about. */
  Device: Device;
  /** The effect, as AWS returns it. */
  Effect: Effect;
  /** `MatchedRules`, as AWS returns them. */
  MatchedRules: Array<MobileDeviceAccessMatchedRule>;
  /** Why the effect follows. */
  Reason: DecisionReason;
  /** What the reason rests on. */
  Basis: Basis;
  /** Every rule, in list order. */
  Rules: Array<MobileRuleExplanation>;
};

/**
 * The device properties of a question; `None` is a property the device does not report (D29,
 * D33).
 */
export type Device = {
  /** The device type. */
  DeviceType?: string;
  /** The device model. */
  DeviceModel?: string;
  /** The operating system. */
  DeviceOperatingSystem?: string;
  /** The user agent. */
  DeviceUserAgent?: string;
};

/** The outcome of one mobile rule. */
export type MobileRuleExplanation = {
  /** The rule's ID. */
  MobileDeviceAccessRuleId: string;
  /** The rule's name. */
  Name: string;
  /** The rule's effect. */
  Effect: Effect;
  /** Whether every condition holds. */
  Matched: boolean;
  /** Whether the rule is in `MatchedRules` (it matched and its effect won). */
  Deciding: boolean;
  /** Every condition, in the order of the rule shape. */
  Conditions: Array<MobileConditionExplanation>;
};

/** The outcome of one condition of one mobile rule. */
export type MobileConditionExplanation = {
  /** Which condition. */
  Condition: MobileCondition;
  /** Whether it holds. */
  Holds: boolean;
  /** What this step rests on. */
  Basis: Basis;
} & (
  | { "Finding": "NoCondition" }
  | {
      "Finding": "PrefixMatched";
      /** The entry. */
      Entry: string;
    }
  | {
      "Finding": "NoEntryMatched";
      /** How many entries other than `$NONE` were compared. */
      Count: number;
    }
  | { "Finding": "NoneTokenMatched" }
  | { "Finding": "NotReported" }
);

/** The eight condition lists of a mobile device access rule. */
export type MobileCondition =
  | "DeviceTypes"
  | "NotDeviceTypes"
  | "DeviceModels"
  | "NotDeviceModels"
  | "DeviceOperatingSystems"
  | "NotDeviceOperatingSystems"
  | "DeviceUserAgents"
  | "NotDeviceUserAgents";

/** An `EvaluateMobileDeviceAccess` answer with every step explained. */
export type MobileAccessExplanation = {
  /** The user as resolved (D39). */
  UserId: string;
  /** The device ID asked about. */
  DeviceId: string;
  /** Whether the device may synchronize. */
  Effect: Effect;
  /** Which gate decided. */
  DecidedBy: DecidedBy;
  /** What that rests on. */
  Basis: Basis;
  /** The mobile rules, every one explained. */
  Rules: MobileExplanation;
  /** The override for the user and device, if any. */
  Override?: MobileDeviceAccessOverride;
  /** The access control rules for ActiveSync, when an address was given (D43). */
  AccessControl?: AccessExplanation;
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

/** What one condition of a mobile rule found, with the entry involved. */
export type MobileFinding =
  | { "Finding": "NoCondition" }
  | {
      "Finding": "PrefixMatched";
      /** The entry. */
      Entry: string;
    }
  | {
      "Finding": "NoEntryMatched";
      /** How many entries other than `$NONE` were compared. */
      Count: number;
    }
  | { "Finding": "NoneTokenMatched" }
  | { "Finding": "NotReported" };

/**
 * The eight condition lists of a rule in a Create or Update request; an absent list is no
 * condition (D31).
 */
export type MobileConditions = {
  /** Device types to match. */
  DeviceTypes?: Array<string>;
  /** Device types not to match. */
  NotDeviceTypes?: Array<string>;
  /** Device models to match. */
  DeviceModels?: Array<string>;
  /** Device models not to match. */
  NotDeviceModels?: Array<string>;
  /** Operating systems to match. */
  DeviceOperatingSystems?: Array<string>;
  /** Operating systems not to match. */
  NotDeviceOperatingSystems?: Array<string>;
  /** User agents to match. */
  DeviceUserAgents?: Array<string>;
  /** User agents not to match. */
  NotDeviceUserAgents?: Array<string>;
};

/** The exceptions the operations can raise, named as in the AWS model. */
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
