//! Where each step of an answer comes from: documented AWS behaviour (with its source) or one of
//! this project's decisions for what AWS's documents leave open.
//!
//! Every explanation step carries a [`Basis`], so a user can tell which parts of an answer are
//! certain and which are inferred. [`Decision::ALL`] and [`Source::ALL`] list everything, with
//! summaries, for a "Semantics" page or `--help`.

use std::fmt;

use serde::Serialize;

/// A public AWS document that states a behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Source {
    /// The Amazon WorkMail API reference (the service model's documentation).
    ApiReference,
    /// Administrator Guide, "Working with access control rules".
    AccessRulesGuide,
    /// Administrator Guide, "Managing impersonation roles".
    ImpersonationRolesGuide,
    /// Administrator Guide, "Using impersonation roles".
    UsingImpersonationGuide,
    /// The AWS CLI's `workmail` examples (`get-access-control-effect` and others).
    CliExamples,
}

impl Source {
    /// Every source.
    pub const ALL: [Self; 5] = [
        Self::ApiReference,
        Self::AccessRulesGuide,
        Self::ImpersonationRolesGuide,
        Self::UsingImpersonationGuide,
        Self::CliExamples,
    ];

    /// The document's title.
    pub const fn title(self) -> &'static str {
        match self {
            Self::ApiReference => "Amazon WorkMail API Reference",
            Self::AccessRulesGuide => {
                "Amazon WorkMail Administrator Guide: Working with access control rules"
            }
            Self::ImpersonationRolesGuide => {
                "Amazon WorkMail Administrator Guide: Managing impersonation roles"
            }
            Self::UsingImpersonationGuide => {
                "Amazon WorkMail Administrator Guide: Using impersonation roles"
            }
            Self::CliExamples => "AWS CLI Command Reference: workmail examples",
        }
    }

    /// Where to read it.
    pub const fn url(self) -> &'static str {
        match self {
            Self::ApiReference => "https://docs.aws.amazon.com/workmail/latest/APIReference/",
            Self::AccessRulesGuide => {
                "https://docs.aws.amazon.com/workmail/latest/adminguide/access-rules.html"
            }
            Self::ImpersonationRolesGuide => {
                "https://docs.aws.amazon.com/workmail/latest/adminguide/managing-impersonation-roles.html"
            }
            Self::UsingImpersonationGuide => {
                "https://docs.aws.amazon.com/workmail/latest/adminguide/using-impersonation-roles.html"
            }
            Self::CliExamples => {
                "https://docs.aws.amazon.com/cli/latest/reference/workmail/get-access-control-effect.html"
            }
        }
    }
}

/// A decision this project makes where AWS's documents are silent (the `D` numbers of the
/// semantics document).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Decision {
    /// Every document key is optional; no rules key means the default rule.
    D1,
    /// No `Users` key means an unknown directory.
    D2,
    /// Pasted AWS output is accepted as printed.
    D3,
    /// A request's `OrganizationId` may be omitted.
    D4,
    /// Conditions within a rule: all non-empty ones must hold; exclusions hold for the other
    /// kind of principal.
    D5,
    /// Combining rules: DENY over ALLOW, default DENY, `MatchedRules` in rule order.
    D6,
    /// Seven canonical, case-sensitive actions.
    D7,
    /// IPv4 only; host bits masked.
    D8,
    /// At most 10 rules; replacing keeps place and creation date.
    D9,
    /// `PutAccessControlRule` references must exist.
    D10,
    /// `GetAccessControlEffect`: exactly one principal; a role only with EWS.
    D11,
    /// `TargetUser` resolution and user state.
    D12,
    /// `TargetUsers` entries resolve like `TargetUser`.
    D13,
    /// Impersonation rule matching and combination.
    D14,
    /// Unique rule IDs in a role; 10 rules per role; 20 roles.
    D15,
    /// `ClientToken` idempotency.
    D16,
    /// Update replaces; delete of an unknown role succeeds; dangling references never match.
    D17,
    /// `ListImpersonationRoles` paging.
    D18,
    /// Impersonation tokens expire after 900 seconds.
    D19,
    /// A document is checked as a whole; limits on counts are warnings when loading.
    D20,
    /// List responses always carry their list; empty condition lists are left out.
    D21,
    /// User IDs are compared exactly; resolution order ID, email, user name.
    D22,
    /// A CIDR is stored as given and matched after masking.
    D23,
    /// Emulator state lives under `Emulator`; `NextToken`s are self-checking.
    D24,
    /// Check order: request, organization, references, limits.
    D25,
    /// Replaying audit logs: which event asks which request.
    D46,
}

impl Decision {
    /// Every decision, in order.
    pub const ALL: [Self; 26] = [
        Self::D1,
        Self::D2,
        Self::D3,
        Self::D4,
        Self::D5,
        Self::D6,
        Self::D7,
        Self::D8,
        Self::D9,
        Self::D10,
        Self::D11,
        Self::D12,
        Self::D13,
        Self::D14,
        Self::D15,
        Self::D16,
        Self::D17,
        Self::D18,
        Self::D19,
        Self::D20,
        Self::D21,
        Self::D22,
        Self::D23,
        Self::D24,
        Self::D25,
        Self::D46,
    ];

    /// What was decided, in one sentence.
    pub const fn summary(self) -> &'static str {
        match self {
            Self::D1 => {
                "every document key is optional; without `AccessControlRules` the organization holds only the default rule, and `[]` means all rules were deleted"
            }
            Self::D2 => {
                "without `Users` the directory is unknown: user IDs are taken as given and target users match by exact text (emails case-insensitively)"
            }
            Self::D3 => {
                "AWS CLI v1 and v2 output is accepted as printed (epoch or ISO 8601 timestamps); unknown keys are warnings"
            }
            Self::D4 => {
                "a request may omit `OrganizationId`; another well-formed ID is OrganizationNotFoundException"
            }
            Self::D5 => {
                "within a rule every non-empty condition must hold; an empty list is no condition; `UserIds` never match a role and `ImpersonationRoleIds` never match a user, while `NotUserIds` and `NotImpersonationRoleIds` hold for the other kind of principal"
            }
            Self::D6 => {
                "any matching DENY gives DENY with every matching DENY rule; else any matching ALLOW gives ALLOW with every matching ALLOW rule; else DENY with no rules; `MatchedRules` is in rule order"
            }
            Self::D7 => {
                "actions are the seven canonical, case-sensitive spellings; anything else is InvalidParameterException"
            }
            Self::D8 => {
                "IPv4 only; a CIDR with host bits set is accepted and matched as its network"
            }
            Self::D9 => {
                "at most 10 access control rules; replacing a rule keeps its place and creation date"
            }
            Self::D10 => {
                "`PutAccessControlRule` needs `Description`; unknown users are EntityNotFoundException and unknown roles ResourceNotFoundException"
            }
            Self::D11 => {
                "`GetAccessControlEffect` takes exactly one of `UserId` and `ImpersonationRoleId`, and a role only with the EWS action"
            }
            Self::D12 => {
                "`TargetUser` is a user ID, an email or a user name (case-insensitive); unknown is EntityNotFoundException, a disabled or deleted user EntityStateException"
            }
            Self::D13 => {
                "`TargetUsers` and `NotTargetUsers` entries take the same forms, are stored as given and compared as resolved users"
            }
            Self::D14 => {
                "an impersonation rule without target lists matches every user; DENY over ALLOW; no match is DENY; `MatchedRules` in rule order"
            }
            Self::D15 => {
                "impersonation rule IDs are unique within a role; at most 10 rules per role and 20 roles per organization"
            }
            Self::D16 => {
                "`CreateImpersonationRole` with a `ClientToken` seen before returns the first role ID and changes nothing"
            }
            Self::D17 => {
                "an update replaces the whole role; deleting an unknown role succeeds; references to deleted roles or users never match"
            }
            Self::D18 => {
                "`ListImpersonationRoles` pages in insertion order; a token the emulator did not issue is InvalidParameterException"
            }
            Self::D19 => "`AssumeImpersonationRole` returns an opaque token valid for 900 seconds",
            Self::D20 => {
                "a document is checked as a whole, every problem at once; counts over the inferred limits are warnings"
            }
            Self::D21 => {
                "list responses always carry their list; empty condition lists are left out of rules and roles"
            }
            Self::D22 => {
                "user IDs are compared exactly; a target is resolved by ID, then email, then user name; without a directory text containing `@` is an email"
            }
            Self::D23 => "a CIDR is stored as given and matched after masking",
            Self::D24 => {
                "emulator state (client tokens, impersonation tokens) lives under the document's `Emulator` key; `NextToken`s are self-checking"
            }
            Self::D25 => {
                "checks run in order: the request's shape, the organization, references, limits"
            }
            Self::D46 => {
                "a replayed audit event asks `GetAccessControlEffect` with `source_ip`, `protocol` and `user_id`; with `impersonator_id` it is an impersonated EWS request: access control for the role `impersonator_id`, then the role's rules for `user_id` as the target, DENY when either denies; events of other protocols or without an IPv4 address are counted apart"
            }
        }
    }

    /// The identifier (`D5`). The numbers D26 to D45 belong to the mobile device access
    /// semantics.
    pub fn id(self) -> String {
        format!("{self:?}")
    }
}

/// What an explanation step rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Basis {
    /// Stated by AWS.
    Documented(Source),
    /// Decided by this project where AWS is silent.
    Decided(Decision),
}

impl Basis {
    /// Whether AWS states it (as opposed to an inferred decision).
    pub const fn is_documented(self) -> bool {
        matches!(self, Self::Documented(_))
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Documented(source) => write!(f, "documented: {}", source.title()),
            Self::Decided(decision) => write!(f, "decision {decision:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_decision_has_a_summary_and_an_id() {
        let mut previous = 0;
        for decision in Decision::ALL {
            let number: u32 = decision.id().trim_start_matches('D').parse().unwrap_or(0);
            assert!(number > previous, "{decision:?} is out of order");
            previous = number;
            assert!(!decision.summary().is_empty());
        }
        assert_eq!(
            Decision::ALL[..25].last().map(|d| d.id()).as_deref(),
            Some("D25")
        );
    }

    #[test]
    fn bases_serialize_with_their_kind() {
        let json = serde_json::to_string(&Basis::Decided(Decision::D5)).ok();
        assert_eq!(json.as_deref(), Some(r#"{"Decided":"D5"}"#));
        let json = serde_json::to_string(&Basis::Documented(Source::CliExamples)).ok();
        assert_eq!(json.as_deref(), Some(r#"{"Documented":"CliExamples"}"#));
    }

    #[test]
    fn sources_link_to_aws() {
        assert!(
            Source::ALL
                .iter()
                .all(|s| s.url().starts_with("https://docs.aws.amazon.com/"))
        );
    }
}
