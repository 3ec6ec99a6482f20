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
    /// Administrator Guide, "Managing mobile device access rules".
    MobileAccessRulesGuide,
    /// Administrator Guide, "Managing mobile device access overrides".
    MobileAccessOverridesGuide,
    /// Administrator Guide, "Integrating with mobile device management solutions".
    MdmIntegrationGuide,
}

impl Source {
    /// Every source.
    pub const ALL: [Self; 8] = [
        Self::ApiReference,
        Self::AccessRulesGuide,
        Self::ImpersonationRolesGuide,
        Self::UsingImpersonationGuide,
        Self::CliExamples,
        Self::MobileAccessRulesGuide,
        Self::MobileAccessOverridesGuide,
        Self::MdmIntegrationGuide,
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
            Self::MobileAccessRulesGuide => {
                "Amazon WorkMail Administrator Guide: Managing mobile device access rules"
            }
            Self::MobileAccessOverridesGuide => {
                "Amazon WorkMail Administrator Guide: Managing mobile device access overrides"
            }
            Self::MdmIntegrationGuide => {
                "Amazon WorkMail Administrator Guide: Integrating with mobile device management solutions"
            }
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
            Self::MobileAccessRulesGuide => {
                "https://docs.aws.amazon.com/workmail/latest/adminguide/manage-mobile-access.html"
            }
            Self::MobileAccessOverridesGuide => {
                "https://docs.aws.amazon.com/workmail/latest/adminguide/mobile-overrides.html"
            }
            Self::MdmIntegrationGuide => {
                "https://docs.aws.amazon.com/workmail/latest/adminguide/mdm-integration.html"
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
    /// `MobileDeviceAccessRules` and `MobileDeviceAccessOverrides` document keys; raw list outputs are recognised.
    D26,
    /// The default mobile rule: `default`, ALLOW, no conditions.
    D27,
    /// A device entry matches a value that starts with it, ignoring case.
    D28,
    /// `$NONE` is a token for an unreported field.
    D29,
    /// A `Not*` condition is false for an unreported field.
    D30,
    /// Every present list of a mobile rule must hold; lists hold 1 to 10 entries.
    D31,
    /// Mobile rules combine as access control rules do; `MatchedRules` holds IDs and names.
    D32,
    /// `GetMobileDeviceAccessEffect` evaluates rules only.
    D33,
    /// New mobile rule IDs are UUIDs; rules keep creation order; update replaces.
    D34,
    /// At most 10 mobile rules, the default included.
    D35,
    /// `ClientToken` makes `CreateMobileDeviceAccessRule` idempotent.
    D36,
    /// Updating an unknown mobile rule fails; deleting one succeeds.
    D37,
    /// An override is keyed by user and device ID (ignoring case); Put is an upsert.
    D38,
    /// Override users resolve by ID, email, then user name.
    D39,
    /// Getting a missing override fails; deleting one succeeds.
    D40,
    /// `ListMobileDeviceAccessOverrides` filters by user and device and pages.
    D41,
    /// Project operation `EvaluateMobileDeviceAccess`: an override replaces the rules' answer.
    D42,
    /// With an address, access control rules come first for ActiveSync.
    D43,
    /// Device strings are 1 to 256 Latin-1 characters; patterns match whole strings.
    D44,
    /// Mobile lints: redundant entries, rules that never match, short versions, leftover default ALLOW, duplicate names.
    D45,
    /// Replaying audit logs: which event asks which request.
    D46,
}

impl Decision {
    /// Every decision, in order.
    pub const ALL: [Self; 46] = [
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
        Self::D26,
        Self::D27,
        Self::D28,
        Self::D29,
        Self::D30,
        Self::D31,
        Self::D32,
        Self::D33,
        Self::D34,
        Self::D35,
        Self::D36,
        Self::D37,
        Self::D38,
        Self::D39,
        Self::D40,
        Self::D41,
        Self::D42,
        Self::D43,
        Self::D44,
        Self::D45,
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
            Self::D26 => {
                "documents gain `MobileDeviceAccessRules` and `MobileDeviceAccessOverrides`; without the rules key the organization holds only the default mobile rule, `[]` means every rule was deleted; raw `list-mobile-device-access-rules` and `list-mobile-device-access-overrides` output loads too"
            }
            Self::D27 => {
                "the default mobile device access rule has ID and name `default`, description `Default WorkMail Rule`, effect ALLOW, no conditions and dates at epoch 0; it is an ordinary rule"
            }
            Self::D28 => {
                "an entry matches a reported value that starts with it, both lower-cased character by character; no wildcards, trimming, substrings or version logic"
            }
            Self::D29 => {
                "a list entry equal to `$NONE` (ignoring ASCII case) matches only a field the device does not report, never a reported value; a request value `\"$NONE\"` is an ordinary string"
            }
            Self::D30 => {
                "a `Not*` condition is false when the device does not report the field; for a reported value it holds when no entry other than `$NONE` matches"
            }
            Self::D31 => {
                "within a mobile rule every present list is one condition and all must hold, `X` and `NotX` alike; a positive list holds when any entry matches; `[]` is invalid; an absent list is no condition"
            }
            Self::D32 => {
                "any matching DENY rule gives DENY with every matching DENY rule; else any matching ALLOW rule gives ALLOW with every matching ALLOW rule; else DENY with `[]`; `MatchedRules` entries are `{MobileDeviceAccessRuleId, Name}` in rule order"
            }
            Self::D33 => {
                "`GetMobileDeviceAccessEffect` never consults overrides; all four device fields are optional and `{}` is a device that reports nothing"
            }
            Self::D34 => {
                "new mobile rule IDs are lower-case UUIDs, rules are listed in creation order, an update replaces the whole rule but keeps its ID, place and creation date; names need not be unique"
            }
            Self::D35 => {
                "an organization holds at most 10 mobile device access rules, the default included; the 11th Create is LimitExceededException, and a document with more loads with a warning"
            }
            Self::D36 => {
                "`CreateMobileDeviceAccessRule` with a `ClientToken` seen before returns the first rule's ID and changes nothing, even at the limit"
            }
            Self::D37 => {
                "`UpdateMobileDeviceAccessRule` on an unknown ID is EntityNotFoundException; `DeleteMobileDeviceAccessRule` on an unknown ID succeeds; the default rule is updated and deleted like any other"
            }
            Self::D38 => {
                "an override is keyed by the resolved user and the device ID compared ignoring ASCII case; Put replaces effect, description and the device ID's spelling, keeps the creation date; overrides are not limited in number"
            }
            Self::D39 => {
                "an override's `UserId` resolves by user ID, email, then user name; with a directory an unknown user is EntityNotFoundException and Put for a disabled or deleted user EntityStateException; without one the text is kept as given"
            }
            Self::D40 => {
                "`GetMobileDeviceAccessOverride` without an override for the pair is ResourceNotFoundException; `DeleteMobileDeviceAccessOverride` without one succeeds"
            }
            Self::D41 => {
                "`ListMobileDeviceAccessOverrides` filters by user (resolved) and whole device ID (ignoring case), in insertion order, `MaxResults` 1 to 100 (default all), self-checking `NextToken`s"
            }
            Self::D42 => {
                "`EvaluateMobileDeviceAccess` (not an AWS API) answers for a user and device: an override's effect replaces the rules' result in both directions; `DecidedBy` says which gate decided"
            }
            Self::D43 => {
                "in `EvaluateMobileDeviceAccess` with `IpAddress`, the access control rules are asked first for ActiveSync and the user; their DENY is final, no override lifts it"
            }
            Self::D44 => {
                "device strings and list entries are 1 to 256 characters in U+0020-U+00FF, names 1 to 64, descriptions 1 to 256 (`\"\"` is invalid), device IDs 1 to 32 letters and digits; checks run shape, organization, references, token, limit"
            }
            Self::D45 => {
                "lints warn about an entry that is a prefix of another in the same list, a rule that can never match, a short version entry, a conditioned ALLOW rule beside an unconditioned ALLOW rule, duplicate rule names, a request value `$NONE` and an override of a user missing from the directory"
            }
            Self::D46 => {
                "a replayed audit event asks `GetAccessControlEffect` with `source_ip`, `protocol` and `user_id`; with `impersonator_id` it is an impersonated EWS request: access control for the role `impersonator_id`, then the role's rules for `user_id` as the target, DENY when either denies; events of other protocols or without an IPv4 address are counted apart"
            }
        }
    }

    /// The identifier, `D1` to `D46`.
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
    fn only_what_aws_states_is_documented() {
        assert!(Basis::Documented(Source::ApiReference).is_documented());
        assert!(!Basis::Decided(Decision::D5).is_documented());
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
