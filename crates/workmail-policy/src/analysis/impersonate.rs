//! The impersonated EWS request (this project's own operation, not an AWS API): whether an EWS
//! call made with an impersonation role may act on a target user's mailbox, stage by stage.
//!
//! 1. **Credential**: the token was issued by `AssumeImpersonationRole` and has not expired at
//!    `now`, or (when a role ID is given instead) the role exists.
//! 2. **Access control**: the access control rules, asked with action EWS, the source address
//!    and the role as principal, must ALLOW. The target user's own rules are not applied.
//! 3. **Role rules**: the role's impersonation rules for the target user must ALLOW.
//! 4. **Role type**: a READ_ONLY role may perform read operations only.
//!
//! Every stage that can be evaluated is, so a denied request shows all its reasons; a stage
//! that needs the role is not reached when the role is unknown.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::directory::can_be_impersonated;
use crate::eval::access::{self, AccessRequest, Principal};
use crate::eval::impersonation::{self, ImpersonationMatchedRule, Target};
use crate::model::{
    Action, Effect, ImpersonationRole, ImpersonationRoleType, Timestamp, parse_ipv4,
};
use crate::org::Organization;
use crate::shape::{self, Shape, StringShape};
use crate::text::kebab_case;

/// EWS operations that only read the mailbox.
pub const EWS_READ_OPERATIONS: &[&str] = &[
    "ConvertId",
    "ExpandDL",
    "ExportItems",
    "FindConversation",
    "FindFolder",
    "FindItem",
    "FindPeople",
    "GetAttachment",
    "GetConversationItems",
    "GetDelegate",
    "GetEvents",
    "GetFolder",
    "GetInboxRules",
    "GetItem",
    "GetMailTips",
    "GetPersona",
    "GetReminders",
    "GetRoomLists",
    "GetRooms",
    "GetServerTimeZones",
    "GetStreamingEvents",
    "GetUserAvailability",
    "GetUserConfiguration",
    "GetUserOofSettings",
    "GetUserPhoto",
    "ResolveNames",
    "Subscribe",
    "SyncFolderHierarchy",
    "SyncFolderItems",
    "Unsubscribe",
];

/// EWS operations that change the mailbox or send mail.
pub const EWS_WRITE_OPERATIONS: &[&str] = &[
    "AddDelegate",
    "ApplyConversationAction",
    "ArchiveItem",
    "CopyFolder",
    "CopyItem",
    "CreateAttachment",
    "CreateFolder",
    "CreateFolderPath",
    "CreateItem",
    "CreateManagedFolder",
    "CreateUserConfiguration",
    "DeleteAttachment",
    "DeleteFolder",
    "DeleteItem",
    "DeleteUserConfiguration",
    "EmptyFolder",
    "MarkAllItemsAsRead",
    "MarkAsJunk",
    "MoveFolder",
    "MoveItem",
    "PerformReminderAction",
    "RemoveDelegate",
    "SendItem",
    "SetUserOofSettings",
    "UpdateDelegate",
    "UpdateFolder",
    "UpdateInboxRules",
    "UpdateItem",
    "UpdateUserConfiguration",
    "UploadItems",
];

/// Whether an EWS operation reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum EwsOperationKind {
    /// Reads the mailbox only.
    Read,
    /// Changes the mailbox or sends mail.
    Write,
}

/// An EWS operation name this project does not classify.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UnknownEwsOperation {
    /// The name as given.
    pub name: String,
    /// The known spelling, when the name differs only in letter case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub did_you_mean: Option<&'static str>,
}

impl fmt::Display for UnknownEwsOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an EWS operation this project classifies",
            shape::shorten(&self.name)
        )?;
        match self.did_you_mean {
            Some(name) => write!(f, "; did you mean `{name}`?"),
            None => f.write_str("; use an operation name such as `GetItem` or `CreateItem`"),
        }
    }
}

impl std::error::Error for UnknownEwsOperation {}

/// Classifies an EWS operation by its exact name.
///
/// ```
/// use workmail_policy::analysis::{classify_ews_operation, EwsOperationKind};
/// assert_eq!(classify_ews_operation("FindItem"), Ok(EwsOperationKind::Read));
/// assert_eq!(classify_ews_operation("SendItem"), Ok(EwsOperationKind::Write));
/// let unknown = classify_ews_operation("getitem").unwrap_err();
/// assert_eq!(unknown.did_you_mean, Some("GetItem"));
/// ```
///
/// # Errors
/// An [`UnknownEwsOperation`] for any other name.
pub fn classify_ews_operation(name: &str) -> Result<EwsOperationKind, UnknownEwsOperation> {
    if EWS_READ_OPERATIONS.contains(&name) {
        return Ok(EwsOperationKind::Read);
    }
    if EWS_WRITE_OPERATIONS.contains(&name) {
        return Ok(EwsOperationKind::Write);
    }
    let did_you_mean = EWS_READ_OPERATIONS
        .iter()
        .chain(EWS_WRITE_OPERATIONS)
        .find(|known| known.eq_ignore_ascii_case(name))
        .copied();
    Err(UnknownEwsOperation {
        name: name.to_owned(),
        did_you_mean,
    })
}

/// How the call authenticates: `{"Token": …}` or `{"ImpersonationRoleId": …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Credential {
    /// A token from `AssumeImpersonationRole`, looked up in the emulator's state (D24).
    Token(String),
    /// A role ID, skipping the token (as if a valid token for it were presented).
    ImpersonationRoleId(String),
}

/// The inputs of an impersonated EWS request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct ImpersonatedEwsRequest {
    /// The token or role.
    pub credential: Credential,
    /// The client's source IPv4 address.
    pub ip_address: String,
    /// The user whose mailbox is reached: user ID, email or user name.
    pub target_user: String,
    /// The EWS operation, such as `GetItem`.
    pub ews_operation: String,
}

/// Why an impersonated EWS request cannot be evaluated at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all_fields = "PascalCase")]
pub enum ImpersonateError {
    /// An input breaks its shape (`IpAddress`, `TargetUser`, the role ID or the token).
    InvalidParameter {
        /// Which input.
        member: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// The operation is not a known EWS operation.
    UnknownEwsOperation(UnknownEwsOperation),
}

impl fmt::Display for ImpersonateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidParameter { member, message } => write!(f, "`{member}`: {message}"),
            Self::UnknownEwsOperation(unknown) => write!(f, "`EwsOperation`: {unknown}"),
        }
    }
}

impl ImpersonateError {
    /// The error as the command lines say it: the option an input comes from in place of its
    /// request member (`` `--ip-address`: `::1` is not an IPv4 address ``).
    ///
    /// ```
    /// use workmail_policy::analysis::ImpersonateError;
    /// let error = ImpersonateError::InvalidParameter {
    ///     member: "ImpersonationRoleId",
    ///     message: "`` is too short".into(),
    /// };
    /// assert_eq!(error.for_command_line(), "`--impersonation-role-id`: `` is too short");
    /// ```
    pub fn for_command_line(&self) -> String {
        match self {
            Self::InvalidParameter { member, message } => {
                format!("`--{}`: {message}", kebab_case(member))
            }
            Self::UnknownEwsOperation(unknown) => format!("`--ews-operation`: {unknown}"),
        }
    }
}

impl std::error::Error for ImpersonateError {}

/// How far a stage got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum StageOutcome {
    /// The stage lets the request through.
    Passed,
    /// The stage stops the request.
    Failed,
    /// The stage could not be evaluated (it needs a role that is unknown).
    NotReached,
}

impl StageOutcome {
    fn of(passed: bool) -> Self {
        if passed { Self::Passed } else { Self::Failed }
    }

    const fn mark(self) -> char {
        match self {
            Self::Passed => '✓',
            Self::Failed => '✗',
            Self::NotReached => '-',
        }
    }
}

/// What the credential stage found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all_fields = "PascalCase", tag = "Finding")]
pub enum CredentialFinding {
    /// The role exists.
    RoleExists,
    /// No role has this ID.
    RoleNotFound,
    /// The token is valid until `Expires`.
    TokenValid {
        /// When it expires.
        expires: Timestamp,
    },
    /// The token expired at `Expires`.
    TokenExpired {
        /// When it expired.
        expires: Timestamp,
    },
    /// The emulator never issued this token, or forgot it once expired.
    TokenUnknown,
    /// The token's role was deleted since.
    TokenRoleDeleted,
}

/// Stage 1.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct CredentialStage {
    /// The outcome.
    pub outcome: StageOutcome,
    /// The role the credential names, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impersonation_role_id: Option<String>,
    /// What was found.
    #[serde(flatten)]
    pub finding: CredentialFinding,
}

/// Stage 2: `GetAccessControlEffect` with action EWS, the address and the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct AccessControlStage {
    /// The outcome.
    pub outcome: StageOutcome,
    /// The effect, when reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effect: Option<Effect>,
    /// `MatchedRules`.
    pub matched_rules: Vec<String>,
}

/// Stage 3: `GetImpersonationRoleEffect` for the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct RoleRulesStage {
    /// The outcome.
    pub outcome: StageOutcome,
    /// The target's user ID, when the directory resolves it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_user_id: Option<String>,
    /// Why no answer: the target is not in the directory, or is disabled or deleted (D12).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_problem: Option<String>,
    /// The effect, when reached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effect: Option<Effect>,
    /// `MatchedRules`.
    pub matched_rules: Vec<ImpersonationMatchedRule>,
}

/// Stage 4: what the role's type permits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct RoleTypeStage {
    /// The outcome.
    pub outcome: StageOutcome,
    /// The role's type, when known.
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    pub role_type: Option<ImpersonationRoleType>,
    /// The operation.
    pub ews_operation: String,
    /// Whether it reads or writes.
    pub kind: EwsOperationKind,
}

/// The answer of an impersonated EWS request.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct ImpersonatedEwsAnswer {
    /// ALLOW when every stage passes.
    pub verdict: Effect,
    /// The request.
    pub request: ImpersonatedEwsRequest,
    /// Stage 1.
    pub credential: CredentialStage,
    /// Stage 2.
    pub access_control: AccessControlStage,
    /// Stage 3.
    pub role_rules: RoleRulesStage,
    /// Stage 4.
    pub role_type: RoleTypeStage,
}

fn check_string(
    member: &'static str,
    value: &str,
    shape: &'static StringShape,
) -> Result<(), ImpersonateError> {
    let mut violations = Vec::new();
    let json = serde_json::Value::String(value.to_owned());
    shape::check(
        &json,
        Shape::String(shape),
        &shape::Path::root(),
        &mut violations,
    );
    match violations.first() {
        Some(violation) => Err(ImpersonateError::InvalidParameter {
            member,
            message: violation.problem.to_string(),
        }),
        None => Ok(()),
    }
}

fn credential_stage<'o>(
    organization: &'o Organization,
    credential: &Credential,
    now: Timestamp,
) -> (CredentialStage, Option<&'o ImpersonationRole>) {
    let (role_id, finding) = match credential {
        Credential::ImpersonationRoleId(id) => {
            let finding = if organization.impersonation_role(id).is_some() {
                CredentialFinding::RoleExists
            } else {
                CredentialFinding::RoleNotFound
            };
            (Some(id.clone()), finding)
        }
        Credential::Token(token) => {
            let record = organization
                .emulator_state()
                .impersonation_tokens
                .iter()
                .find(|record| &record.token == token);
            match record {
                None => (None, CredentialFinding::TokenUnknown),
                Some(record) => {
                    let id = record.impersonation_role_id.clone();
                    let finding = if organization.impersonation_role(&id).is_none() {
                        CredentialFinding::TokenRoleDeleted
                    } else if record.expires > now {
                        CredentialFinding::TokenValid {
                            expires: record.expires,
                        }
                    } else {
                        CredentialFinding::TokenExpired {
                            expires: record.expires,
                        }
                    };
                    (Some(id), finding)
                }
            }
        }
    };
    let role = role_id
        .as_deref()
        .and_then(|id| organization.impersonation_role(id));
    let passed = matches!(
        finding,
        CredentialFinding::RoleExists | CredentialFinding::TokenValid { .. }
    );
    let stage = CredentialStage {
        outcome: StageOutcome::of(passed),
        impersonation_role_id: role_id,
        finding,
    };
    (stage, role)
}

fn role_rules_stage(
    organization: &Organization,
    role: Option<&ImpersonationRole>,
    target_text: &str,
) -> RoleRulesStage {
    let directory = organization.directory();
    let mut stage = RoleRulesStage {
        outcome: StageOutcome::NotReached,
        target_user_id: None,
        target_problem: None,
        effect: None,
        matched_rules: Vec::new(),
    };
    if directory.is_known() {
        match directory.resolve(target_text) {
            None => {
                stage.target_problem = Some(format!(
                    "`{}` is not the ID, email or user name of any user in the directory",
                    shape::shorten(target_text)
                ));
            }
            Some(user) if !can_be_impersonated(user.user) => {
                stage.target_user_id = Some(user.user.id.clone());
                let state = user.user.state.map_or("", |state| state.as_str());
                stage.target_problem = Some(format!(
                    "user `{}` is {state} and cannot be impersonated",
                    user.user.id
                ));
            }
            Some(user) => stage.target_user_id = Some(user.user.id.clone()),
        }
    }
    if stage.target_problem.is_some() {
        stage.outcome = StageOutcome::Failed;
        return stage;
    }
    if let Some(role) = role {
        let target = Target::resolve(target_text, directory);
        let (effect, matched_rules) = impersonation::decide(role, &target, directory);
        stage.outcome = StageOutcome::of(effect == Effect::Allow);
        stage.effect = Some(effect);
        stage.matched_rules = matched_rules;
    }
    stage
}

/// Evaluates an impersonated EWS request at time `now`, stage by stage.
///
/// ```
/// use workmail_policy::analysis::{impersonated_ews_request, Credential, ImpersonatedEwsRequest, StageOutcome};
/// use workmail_policy::{Effect, Organization, Timestamp};
/// let org = Organization::from_json(r#"{"ImpersonationRoles": [{"ImpersonationRoleId": "archiver",
///     "Name": "Archiver", "Type": "READ_ONLY", "Rules": [{"ImpersonationRuleId": "all", "Effect": "ALLOW"}]}]}"#)?.organization;
/// let mut request = ImpersonatedEwsRequest {
///     credential: Credential::ImpersonationRoleId("archiver".into()),
///     ip_address: "192.0.2.1".into(),
///     target_user: "jane@example.com".into(),
///     ews_operation: "FindItem".into(),
/// };
/// let answer = impersonated_ews_request(&org, &request, Timestamp::EPOCH)?;
/// assert_eq!(answer.verdict, Effect::Allow);
///
/// request.ews_operation = "DeleteItem".into();
/// let answer = impersonated_ews_request(&org, &request, Timestamp::EPOCH)?;
/// assert_eq!((answer.verdict, answer.role_type.outcome), (Effect::Deny, StageOutcome::Failed));
///
/// request.ews_operation = "DestroyEverything".into();
/// assert!(impersonated_ews_request(&org, &request, Timestamp::EPOCH).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// When an input breaks its shape or the operation is unknown: no stage can be evaluated.
pub fn impersonated_ews_request(
    organization: &Organization,
    request: &ImpersonatedEwsRequest,
    now: Timestamp,
) -> Result<ImpersonatedEwsAnswer, ImpersonateError> {
    match &request.credential {
        Credential::ImpersonationRoleId(id) => {
            check_string("ImpersonationRoleId", id, &shape::ROLE_ID)?;
        }
        Credential::Token(token) => check_string("Token", token, &shape::IMPERSONATION_TOKEN)?,
    }
    check_string("IpAddress", &request.ip_address, &shape::IP_ADDRESS)?;
    check_string(
        "TargetUser",
        &request.target_user,
        &shape::ENTITY_IDENTIFIER,
    )?;
    let ip_address =
        parse_ipv4(&request.ip_address).ok_or_else(|| ImpersonateError::InvalidParameter {
            member: "IpAddress",
            message: format!(
                "`{}` is not an IPv4 address",
                shape::shorten(&request.ip_address)
            ),
        })?;
    let kind = classify_ews_operation(&request.ews_operation)
        .map_err(ImpersonateError::UnknownEwsOperation)?;

    let (credential, role) = credential_stage(organization, &request.credential, now);
    let access_control = match role {
        Some(role) => {
            let access = AccessRequest {
                ip_address,
                action: Action::Ews,
                principal: Principal::ImpersonationRoleId(role.impersonation_role_id.clone()),
            };
            let (effect, matched_rules) =
                access::decide(organization.access_control_rules(), &access);
            AccessControlStage {
                outcome: StageOutcome::of(effect == Effect::Allow),
                effect: Some(effect),
                matched_rules,
            }
        }
        None => AccessControlStage {
            outcome: StageOutcome::NotReached,
            effect: None,
            matched_rules: Vec::new(),
        },
    };
    let role_rules = role_rules_stage(organization, role, &request.target_user);
    let role_type = RoleTypeStage {
        outcome: match role.map(|role| role.role_type) {
            None => StageOutcome::NotReached,
            Some(ImpersonationRoleType::FullAccess) => StageOutcome::Passed,
            Some(ImpersonationRoleType::ReadOnly) => {
                StageOutcome::of(kind == EwsOperationKind::Read)
            }
        },
        role_type: role.map(|role| role.role_type),
        ews_operation: request.ews_operation.clone(),
        kind,
    };
    let all_passed = [
        credential.outcome,
        access_control.outcome,
        role_rules.outcome,
        role_type.outcome,
    ]
    .iter()
    .all(|outcome| *outcome == StageOutcome::Passed);
    Ok(ImpersonatedEwsAnswer {
        verdict: if all_passed {
            Effect::Allow
        } else {
            Effect::Deny
        },
        request: request.clone(),
        credential,
        access_control,
        role_rules,
        role_type,
    })
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        "(none)".to_owned()
    } else {
        names.join(", ")
    }
}

impl fmt::Display for ImpersonatedEwsAnswer {
    /// A headline, then one line per stage marked ✓ (passed), ✗ (failed) or - (not reached).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let request = &self.request;
        let who = match (&request.credential, &self.credential.impersonation_role_id) {
            (Credential::ImpersonationRoleId(id), _) | (Credential::Token(_), Some(id)) => {
                format!("role `{id}`")
            }
            (Credential::Token(_), None) => "an unknown token".to_owned(),
        };
        writeln!(
            f,
            "{}  EWS `{}` as {who} from {} impersonating `{}`",
            self.verdict, request.ews_operation, request.ip_address, request.target_user
        )?;
        let credential = match &self.credential.finding {
            CredentialFinding::RoleExists => "the role exists".to_owned(),
            CredentialFinding::RoleNotFound => "no impersonation role has this ID".to_owned(),
            CredentialFinding::TokenValid { expires } => {
                format!("the token is valid until {}", expires.epoch_seconds())
            }
            CredentialFinding::TokenExpired { expires } => {
                format!("the token expired at {}", expires.epoch_seconds())
            }
            CredentialFinding::TokenUnknown => {
                "the token was not issued by `AssumeImpersonationRole` (or has been forgotten)"
                    .to_owned()
            }
            CredentialFinding::TokenRoleDeleted => "the token's role has been deleted".to_owned(),
        };
        writeln!(
            f,
            "{} credential      {credential}",
            self.credential.outcome.mark()
        )?;
        let access = match self.access_control.effect {
            Some(effect) => format!(
                "{effect} [{}] for the role with action EWS from {}",
                list(&self.access_control.matched_rules),
                request.ip_address
            ),
            None => "not evaluated: the role is unknown".to_owned(),
        };
        writeln!(
            f,
            "{} access control  {access}",
            self.access_control.outcome.mark()
        )?;
        let rules = &self.role_rules;
        let role_rules = match (&rules.target_problem, rules.effect) {
            (Some(problem), _) => problem.clone(),
            (None, Some(effect)) => {
                let ids = ImpersonationMatchedRule::ids(&rules.matched_rules);
                format!("{effect} [{}] for the target user", list(&ids))
            }
            (None, None) => "not evaluated: the role is unknown".to_owned(),
        };
        writeln!(f, "{} role rules      {role_rules}", rules.outcome.mark())?;
        let kind = match self.role_type.kind {
            EwsOperationKind::Read => "a read",
            EwsOperationKind::Write => "a write",
        };
        let role_type = match self.role_type.role_type {
            Some(ImpersonationRoleType::FullAccess) => {
                format!(
                    "FULL_ACCESS may perform `{}`, {kind} operation",
                    request.ews_operation
                )
            }
            Some(ImpersonationRoleType::ReadOnly)
                if self.role_type.kind == EwsOperationKind::Read =>
            {
                format!(
                    "READ_ONLY may perform `{}`, {kind} operation",
                    request.ews_operation
                )
            }
            Some(ImpersonationRoleType::ReadOnly) => format!(
                "READ_ONLY may not perform `{}`, {kind} operation",
                request.ews_operation
            ),
            None => "not evaluated: the role is unknown".to_owned(),
        };
        writeln!(
            f,
            "{} role type       {role_type}",
            self.role_type.outcome.mark()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_errors_name_the_option() {
        let error = ImpersonateError::InvalidParameter {
            member: "IpAddress",
            message: "`::1` is not an IPv4 address".into(),
        };
        assert_eq!(
            error.for_command_line(),
            "`--ip-address`: `::1` is not an IPv4 address"
        );
        let unknown = classify_ews_operation("getitem").unwrap_err();
        assert_eq!(
            ImpersonateError::UnknownEwsOperation(unknown).for_command_line(),
            "`--ews-operation`: `getitem` is not an EWS operation this project classifies; did you mean `GetItem`?"
        );
    }

    const ORG: &str = r#"{
        "Users": [{"Id": "S-1-1-11-000000000001", "Email": "jane@example.com", "Name": "jane"},
                  {"Id": "S-1-1-11-000000000002", "Email": "ceo@example.com", "Name": "ceo"},
                  {"Id": "S-1-1-11-000000000003", "Name": "gone", "State": "DELETED"}],
        "AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
            {"Name": "ews-office-only", "Effect": "DENY", "Actions": ["EWS"], "NotIpRanges": ["192.0.2.0/24"]}],
        "ImpersonationRoles": [{"ImpersonationRoleId": "archiver", "Name": "Archiver", "Type": "READ_ONLY",
            "Rules": [{"ImpersonationRuleId": "all", "Effect": "ALLOW"},
                      {"ImpersonationRuleId": "no-ceo", "Effect": "DENY", "TargetUsers": ["ceo"]}]}],
        "Emulator": {"ImpersonationTokens": [{"Token": "tok-1", "ImpersonationRoleId": "archiver", "Expires": 1000},
                                             {"Token": "tok-2", "ImpersonationRoleId": "deleted", "Expires": 1000}]}}"#;

    fn org() -> Organization {
        crate::document::load(ORG)
            .map(|l| l.organization)
            .unwrap_or_default()
    }

    fn request(
        credential: Credential,
        ip: &str,
        target: &str,
        operation: &str,
    ) -> ImpersonatedEwsRequest {
        ImpersonatedEwsRequest {
            credential,
            ip_address: ip.into(),
            target_user: target.into(),
            ews_operation: operation.into(),
        }
    }

    fn at(seconds: f64) -> Timestamp {
        Timestamp::from_epoch_seconds(seconds).unwrap_or(Timestamp::EPOCH)
    }

    #[test]
    fn every_stage_passes_for_a_read_from_the_office() {
        let answer = impersonated_ews_request(
            &org(),
            &request(
                Credential::Token("tok-1".into()),
                "192.0.2.7",
                "jane",
                "GetItem",
            ),
            at(999.0),
        );
        let text = answer.as_ref().map(ToString::to_string).unwrap_or_default();
        assert_eq!(
            text,
            "ALLOW  EWS `GetItem` as role `archiver` from 192.0.2.7 impersonating `jane`\n\
             ✓ credential      the token is valid until 1000\n\
             ✓ access control  ALLOW [default] for the role with action EWS from 192.0.2.7\n\
             ✓ role rules      ALLOW [all] for the target user\n\
             ✓ role type       READ_ONLY may perform `GetItem`, a read operation\n"
        );
    }

    #[test]
    fn each_stage_can_fail_on_its_own() {
        let org = org();
        let run = |credential: Credential, ip: &str, target: &str, operation: &str, now: f64| {
            impersonated_ews_request(&org, &request(credential, ip, target, operation), at(now))
                .ok()
        };
        let role = || Credential::ImpersonationRoleId("archiver".into());
        let expired = run(
            Credential::Token("tok-1".into()),
            "192.0.2.7",
            "jane",
            "GetItem",
            1000.0,
        );
        assert_eq!(
            expired.as_ref().map(|a| a.credential.outcome),
            Some(StageOutcome::Failed)
        );
        assert_eq!(
            expired.as_ref().map(|a| a.access_control.outcome),
            Some(StageOutcome::Passed)
        );
        let outside = run(role(), "203.0.113.1", "jane", "GetItem", 0.0);
        assert_eq!(
            outside
                .as_ref()
                .map(|a| (a.verdict, a.access_control.matched_rules.clone())),
            Some((Effect::Deny, vec!["ews-office-only".to_owned()]))
        );
        let ceo = run(role(), "192.0.2.7", "ceo@example.com", "GetItem", 0.0);
        assert_eq!(
            ceo.as_ref().map(|a| a.role_rules.outcome),
            Some(StageOutcome::Failed)
        );
        let write = run(role(), "192.0.2.7", "jane", "UpdateItem", 0.0);
        assert_eq!(
            write.as_ref().map(|a| a.role_type.outcome),
            Some(StageOutcome::Failed)
        );
        let told = write.as_ref().map(ToString::to_string).unwrap_or_default();
        assert!(
            told.contains(
                "✗ role type       READ_ONLY may not perform `UpdateItem`, a write operation\n"
            ),
            "{told}"
        );
        let deleted_user = run(role(), "192.0.2.7", "gone", "GetItem", 0.0);
        assert_eq!(
            deleted_user.and_then(|a| a.role_rules.target_problem),
            Some("user `S-1-1-11-000000000003` is DELETED and cannot be impersonated".to_owned())
        );
    }

    #[test]
    fn unknown_roles_and_tokens_leave_stages_unreached() {
        let org = org();
        for credential in [
            Credential::ImpersonationRoleId("nobody".into()),
            Credential::Token("never-issued".into()),
            Credential::Token("tok-2".into()),
        ] {
            let answer = impersonated_ews_request(
                &org,
                &request(credential, "192.0.2.7", "jane", "GetItem"),
                at(0.0),
            );
            let outcomes = answer.map(|a| {
                (
                    a.verdict,
                    a.credential.outcome,
                    a.access_control.outcome,
                    a.role_type.outcome,
                )
            });
            assert_eq!(
                outcomes,
                Ok((
                    Effect::Deny,
                    StageOutcome::Failed,
                    StageOutcome::NotReached,
                    StageOutcome::NotReached
                ))
            );
        }
    }

    #[test]
    fn malformed_inputs_are_errors() {
        let org = org();
        let role = || Credential::ImpersonationRoleId("archiver".into());
        let error =
            impersonated_ews_request(&org, &request(role(), "::1", "jane", "GetItem"), at(0.0))
                .err()
                .map(|e| e.to_string());
        assert!(
            error.is_some_and(|e| e.starts_with("`IpAddress`: `::1` is not a valid IpAddress"))
        );
        let error = impersonated_ews_request(
            &org,
            &request(role(), "192.0.2.7", "jane", "Teleport"),
            at(0.0),
        )
        .err()
        .map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some(
                "`EwsOperation`: `Teleport` is not an EWS operation this project classifies; use an operation name such as `GetItem` or `CreateItem`"
            )
        );
    }

    #[test]
    fn requests_read_from_json() {
        let json = serde_json::json!({"Credential": {"Token": "tok-1"}, "IpAddress": "192.0.2.7",
            "TargetUser": "jane", "EwsOperation": "GetItem"});
        let request: Result<ImpersonatedEwsRequest, _> = serde_json::from_value(json);
        let answer = request
            .ok()
            .and_then(|request| impersonated_ews_request(&org(), &request, at(0.0)).ok());
        assert_eq!(answer.map(|a| a.verdict), Some(Effect::Allow));
    }

    #[test]
    fn the_classification_lists_are_disjoint_and_sorted() {
        for list in [EWS_READ_OPERATIONS, EWS_WRITE_OPERATIONS] {
            assert!(list.windows(2).all(|pair| pair[0] < pair[1]));
        }
        assert!(
            EWS_READ_OPERATIONS
                .iter()
                .all(|name| !EWS_WRITE_OPERATIONS.contains(name))
        );
        for read in [
            "GetItem",
            "FindItem",
            "GetFolder",
            "FindFolder",
            "SyncFolderItems",
        ] {
            assert_eq!(classify_ews_operation(read), Ok(EwsOperationKind::Read));
        }
        for write in [
            "CreateItem",
            "UpdateItem",
            "DeleteItem",
            "SendItem",
            "MoveItem",
            "CopyItem",
            "CreateFolder",
            "DeleteFolder",
        ] {
            assert_eq!(classify_ews_operation(write), Ok(EwsOperationKind::Write));
        }
    }
}
