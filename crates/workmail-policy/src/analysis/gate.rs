//! Version gates: a guarantee about two versions of a policy, checked over every request.
//!
//! [`check_change`] compares an old and a new organization with [`diff()`](super::diff()) (so
//! over the union of both documents' principals, targets, address boundaries and device entries)
//! and keeps the classes that break the guarantee:
//!
//! - [`Guarantee::NoNewAccess`]: every request the new version allows, the old one allowed;
//!   an impersonation the old version allowed read-only, the new one does not allow with full
//!   access.
//! - [`Guarantee::NoLostAccess`]: every request the old version allowed, the new one allows
//!   (with full access where the old one gave it).
//! - [`Guarantee::Equivalent`]: every request gets the same effect from both, and an allowed
//!   impersonation the same role type. `MatchedRules` may differ: the guarantee is about who gets
//!   in, and renaming or splitting a rule keeps it. (`diff --exit-code` fails on any change,
//!   `MatchedRules` included.)
//!
//! It covers the three policy systems: access control (`GetAccessControlEffect`), impersonation
//! (`GetImpersonationRoleEffect`; a role or target that one version cannot answer for, such as
//! a role it does not have, counts as denied there), and mobile device access
//! (`GetMobileDeviceAccessEffect`, overrides aside, D33). Each failing class gives one concrete
//! request, chosen as a property's counterexample is, with both answers.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::diff::{AccessChange, Diff, ImpersonationChange, diff};
use super::property::{Counterexample, access_counterexample, fresh, mobile_counterexample};
use super::table::Targets;
use super::test_suite::{ActualAnswer, TestRequest};
use super::{DiffOptions, MobileChange, TablePrincipal};
use crate::api::{GetImpersonationRoleEffectRequest, GetImpersonationRoleEffectResponse};
use crate::directory::same_identifier_text;
use crate::model::{Effect, ImpersonationRoleType};
use crate::org::Organization;
use crate::shape::printable;

/// What must hold between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Guarantee {
    /// Every request the new version allows, the old one allowed.
    NoNewAccess,
    /// Every request the old version allowed, the new one allows.
    NoLostAccess,
    /// Every request gets the same effect (and impersonation type) from both.
    Equivalent,
}

impl Guarantee {
    /// How the guarantee reads: `no new access`, `no lost access`, `equivalent`.
    pub const fn describe(self) -> &'static str {
        match self {
            Self::NoNewAccess => "no new access",
            Self::NoLostAccess => "no lost access",
            Self::Equivalent => "equivalent",
        }
    }

    /// Whether a request allowed (`Some(type)` for impersonation, `Some(None)` otherwise) or
    /// denied (`None`) before and after breaks the guarantee.
    fn broken_by(
        self,
        before: Option<Option<ImpersonationRoleType>>,
        after: Option<Option<ImpersonationRoleType>>,
    ) -> bool {
        // More access: allowed where denied, or full access where read-only.
        let wider = |from: Option<Option<ImpersonationRoleType>>,
                     to: Option<Option<ImpersonationRoleType>>| match (from, to)
        {
            (None, Some(_)) => true,
            (Some(from), Some(to)) => {
                from == Some(ImpersonationRoleType::ReadOnly)
                    && to == Some(ImpersonationRoleType::FullAccess)
            }
            (_, None) => false,
        };
        match self {
            Self::NoNewAccess => wider(before, after),
            Self::NoLostAccess => wider(after, before),
            Self::Equivalent => before != after,
        }
    }
}

/// A request whose answers break the guarantee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct Breach {
    /// The request, as its operation takes it.
    pub request: TestRequest,
    /// The principal or target the request stands for when neither document names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stands_for: Option<TablePrincipal>,
    /// The old version's answer; absent when it cannot answer (an impersonation role it does
    /// not have, or a target it cannot impersonate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<ActualAnswer>,
    /// The new version's answer, absent likewise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<ActualAnswer>,
    /// The whole class of requests that get these answers, in words.
    pub class: String,
}

/// Whether a guarantee holds between two versions, and where it does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct CheckReport {
    /// The guarantee checked.
    pub guarantee: Guarantee,
    /// Whether it holds for every request.
    pub holds: bool,
    /// One request per class that breaks it, access control first, then impersonation, then
    /// mobile devices.
    pub counterexamples: Vec<Breach>,
    /// How many classes of requests break it.
    pub classes: usize,
}

/// Checks `guarantee` between `old` and `new` over every request.
///
/// ```
/// use workmail_policy::analysis::{check_change, Guarantee};
/// use workmail_policy::{Effect, Organization};
/// let old = Organization::from_json(r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
///     {"Name": "office-imap", "Effect": "DENY", "Actions": ["IMAP"], "NotIpRanges": ["192.0.2.0/24"]}]}"#)?.organization;
/// let new = Organization::from_json(r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
///     {"Name": "office-imap", "Effect": "DENY", "Actions": ["IMAP", "WebMail"], "NotIpRanges": ["192.0.2.0/24"]}]}"#)?.organization;
/// assert!(check_change(&old, &new, Guarantee::NoNewAccess).holds);
/// let lost = check_change(&old, &new, Guarantee::NoLostAccess);
/// assert!(!lost.holds);
/// assert_eq!(lost.classes, 1);
/// let breach = &lost.counterexamples[0];
/// assert_eq!(breach.new.as_ref().map(|answer| answer.effect), Some(Effect::Deny));
/// assert_eq!(breach.class, "WebMail from any IP except 192.0.2.0/24 for any user");
/// # Ok::<(), workmail_policy::DocumentError>(())
/// ```
pub fn check_change(old: &Organization, new: &Organization, guarantee: Guarantee) -> CheckReport {
    check_diff(&diff(old, new, &DiffOptions::default()), guarantee)
}

/// Checks `guarantee` on the changes a [`diff()`](super::diff()) found (its options change only
/// its warnings), so a face that shows the diff checks every guarantee without comparing the
/// documents again.
pub fn check_diff(changes: &Diff, guarantee: Guarantee) -> CheckReport {
    let universe = changes.principals();
    let allowed = |effect: Effect| (effect == Effect::Allow).then_some(None);
    let mut counterexamples: Vec<Breach> = changes
        .access_control
        .iter()
        .filter(|change| {
            guarantee.broken_by(allowed(change.before.effect), allowed(change.after.effect))
        })
        .filter_map(|change| access_breach(&universe, change))
        .collect();
    let impersonation_allowed = |answer: &Option<GetImpersonationRoleEffectResponse>| {
        answer
            .as_ref()
            .filter(|answer| answer.effect == Effect::Allow)
            .map(|answer| Some(answer.role_type))
    };
    counterexamples.extend(
        changes
            .impersonation
            .iter()
            .filter(|change| {
                guarantee.broken_by(
                    impersonation_allowed(&change.before),
                    impersonation_allowed(&change.after),
                )
            })
            .map(impersonation_breach),
    );
    counterexamples.extend(
        changes
            .mobile_changes_with_devices()
            .filter(|(change, _)| {
                guarantee.broken_by(allowed(change.before.effect), allowed(change.after.effect))
            })
            .map(|(change, device)| mobile_breach(changes.mobile_classes(), change, device)),
    );
    CheckReport {
        guarantee,
        holds: counterexamples.is_empty(),
        classes: counterexamples.len(),
        counterexamples,
    }
}

fn access_breach(universe: &[TablePrincipal], change: &AccessChange) -> Option<Breach> {
    let Counterexample {
        request,
        stands_for,
        answer,
        class,
    } = access_counterexample(
        universe,
        (&change.ip_ranges, &change.actions, &change.principals),
        ActualAnswer::access(change.after.effect, change.after.matched_rules.clone()),
    )?;
    Some(Breach {
        request,
        stands_for,
        old: Some(ActualAnswer::access(
            change.before.effect,
            change.before.matched_rules.clone(),
        )),
        new: Some(answer),
        class,
    })
}

fn impersonation_breach(change: &ImpersonationChange) -> Breach {
    let (target_user, stands_for) = match &change.targets {
        Targets::TargetUsers(users) => (users.first().cloned().unwrap_or_default(), None),
        Targets::AllUsersExcept(named) => {
            let named = |candidate: &str| {
                named
                    .iter()
                    .any(|text| same_identifier_text(text, candidate))
            };
            let fresh = fresh("any-other-user", named);
            (fresh, Some(TablePrincipal::OtherUser))
        }
    };
    let answer = |response: &Option<GetImpersonationRoleEffectResponse>| {
        response.as_ref().map(|response| {
            ActualAnswer::impersonation(
                response.effect,
                response.matched_rules.clone(),
                response.role_type,
            )
        })
    };
    Breach {
        request: TestRequest::GetImpersonationRoleEffect(GetImpersonationRoleEffectRequest {
            organization_id: None,
            impersonation_role_id: change.impersonation_role_id.clone(),
            target_user,
        }),
        stands_for,
        old: answer(&change.before),
        new: answer(&change.after),
        class: format!(
            "role `{}` impersonating {}",
            printable(&change.impersonation_role_id),
            change.targets
        ),
    }
}

fn mobile_breach(
    classes: &super::DeviceClasses,
    change: &MobileChange,
    device: &crate::model::Device,
) -> Breach {
    let answer = |response: &crate::api::GetMobileDeviceAccessEffectResponse| {
        ActualAnswer::mobile(response.effect, response.matched_rules.clone(), None)
    };
    let new = answer(&change.after);
    let Counterexample {
        request,
        answer: new,
        class,
        ..
    } = mobile_counterexample(classes, &change.devices, device.clone(), new);
    Breach {
        request,
        stands_for: None,
        old: Some(answer(&change.before)),
        new: Some(new),
        class,
    }
}

impl CheckReport {
    /// How many classes of requests break the guarantee, as a clause: `1 class of requests
    /// breaks it`, `3 classes of requests break it`.
    pub fn breaking(&self) -> String {
        super::render::classes_of_requests(self.classes, ["breaks it", "break it"])
    }
}

impl fmt::Display for CheckReport {
    /// `holds: no new access`, or one line per breaking class and a count.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.holds {
            return writeln!(f, "holds: {}", self.guarantee.describe());
        }
        for breach in &self.counterexamples {
            writeln!(f, "{breach}")?;
        }
        writeln!(
            f,
            "does not hold: {}; {}",
            self.guarantee.describe(),
            self.breaking()
        )
    }
}

impl fmt::Display for Breach {
    /// `WebMail from any IP except 192.0.2.0/24 for any user: ALLOW [default] -> DENY
    /// [office-imap] (e.g. {"IpAddress": …})`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = |answer: &Option<ActualAnswer>| {
            answer
                .as_ref()
                .map_or_else(|| "no answer".to_owned(), ToString::to_string)
        };
        let request = serde_json::to_string(&self.request).unwrap_or_default();
        write!(
            f,
            "{}: {} -> {}  e.g. {request}",
            self.class,
            side(&self.old),
            side(&self.new)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_organization as org;

    const OLD: &str = r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
        {"Name": "office-imap", "Effect": "DENY", "Actions": ["IMAP"], "NotIpRanges": ["192.0.2.0/24"]}],
        "ImpersonationRoles": [{"ImpersonationRoleId": "archiver", "Name": "Archiver", "Type": "READ_ONLY", "Rules": [
          {"ImpersonationRuleId": "all", "Effect": "ALLOW", "NotTargetUsers": ["ceo@example.com"]}]}],
        "MobileDeviceAccessRules": [{"MobileDeviceAccessRuleId": "ios", "Name": "iOS", "Effect": "ALLOW", "DeviceOperatingSystems": ["iOS 17"]}]}"#;

    /// `OLD` with IMAP opened to 198.51.100.0/24, the archiver given the CEO, and iOS 16 allowed.
    const WIDER: &str = r#"{"AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
        {"Name": "office-imap", "Effect": "DENY", "Actions": ["IMAP"], "NotIpRanges": ["192.0.2.0/24", "198.51.100.0/24"]}],
        "ImpersonationRoles": [{"ImpersonationRoleId": "archiver", "Name": "Archiver", "Type": "READ_ONLY", "Rules": [
          {"ImpersonationRuleId": "all", "Effect": "ALLOW"}]}],
        "MobileDeviceAccessRules": [{"MobileDeviceAccessRuleId": "ios", "Name": "iOS", "Effect": "ALLOW", "DeviceOperatingSystems": ["iOS 17", "iOS 16"]}]}"#;

    #[test]
    fn each_guarantee_reads_the_right_direction() {
        let (old, wider) = (org(OLD), org(WIDER));
        let grant = check_change(&old, &wider, Guarantee::NoNewAccess);
        assert!(!grant.holds);
        // IMAP from 198.51.100.0/24, the CEO for the archiver, iOS 16 devices.
        assert_eq!(grant.classes, 3, "{grant}");
        assert!(check_change(&old, &wider, Guarantee::NoLostAccess).holds);
        assert!(check_change(&wider, &old, Guarantee::NoNewAccess).holds);
        assert_eq!(
            check_change(&wider, &old, Guarantee::NoLostAccess).classes,
            3
        );
        assert_eq!(check_change(&old, &wider, Guarantee::Equivalent).classes, 3);
        assert!(check_change(&old, &old, Guarantee::Equivalent).holds);
    }

    #[test]
    fn a_role_that_keeps_its_type_breaks_no_guarantee() {
        // The archiver's rule is renamed: its answers' MatchedRules change, so the diff lists
        // its targets, but read-only stays read-only and full access stays full access.
        for role_type in ["READ_ONLY", "FULL_ACCESS"] {
            let role = |rule: &str| {
                org(&format!(
                    r#"{{"ImpersonationRoles": [{{"ImpersonationRoleId": "archiver", "Name": "Archiver", "Type": "{role_type}",
                        "Rules": [{{"ImpersonationRuleId": "{rule}", "Effect": "ALLOW"}}]}}]}}"#
                ))
            };
            let (old, new) = (role("all"), role("everyone"));
            assert!(
                !diff(&old, &new, &DiffOptions::default())
                    .impersonation
                    .is_empty()
            );
            for guarantee in [
                Guarantee::NoNewAccess,
                Guarantee::NoLostAccess,
                Guarantee::Equivalent,
            ] {
                let report = check_change(&old, &new, guarantee);
                assert!(report.holds, "{role_type} {guarantee:?}: {report}");
            }
        }
    }

    #[test]
    fn every_breach_is_a_request_that_gets_both_answers() {
        let (old, wider) = (org(OLD), org(WIDER));
        let report = check_change(&old, &wider, Guarantee::NoNewAccess);
        for breach in &report.counterexamples {
            let ask = |organization: &Organization| match &breach.request {
                TestRequest::GetAccessControlEffect(request) => organization
                    .get_access_control_effect(request)
                    .map(|r| ActualAnswer::access(r.effect, r.matched_rules))
                    .ok(),
                TestRequest::GetImpersonationRoleEffect(request) => organization
                    .get_impersonation_role_effect(request)
                    .map(|r| ActualAnswer::impersonation(r.effect, r.matched_rules, r.role_type))
                    .ok(),
                TestRequest::GetMobileDeviceAccessEffect(request) => organization
                    .get_mobile_device_access_effect(request)
                    .map(|r| ActualAnswer::mobile(r.effect, r.matched_rules, None))
                    .ok(),
                TestRequest::EvaluateMobileDeviceAccess(_) => None,
            };
            assert_eq!(ask(&old), breach.old, "{breach}");
            assert_eq!(ask(&wider), breach.new, "{breach}");
        }
        let text = report.to_string();
        assert!(
            text.contains("IMAP from 198.51.100.0/24 for any user: DENY [office-imap] -> ALLOW [default]  e.g. {\"IpAddress\":\"198.51.100.1\",\"Action\":\"IMAP\",\"UserId\":\"any-other-user\"}\n"),
            "{text}"
        );
        assert!(
            text.contains("role `archiver` impersonating `ceo@example.com`: READ_ONLY DENY [] -> READ_ONLY ALLOW [all]"),
            "{text}"
        );
        assert!(
            text.ends_with("does not hold: no new access; 3 classes of requests break it\n"),
            "{text}"
        );
    }

    #[test]
    fn a_changed_role_type_is_not_equivalent_but_renamed_rules_are() {
        let role = |kind: &str, rule: &str| {
            org(&format!(
                r#"{{"ImpersonationRoles": [{{"ImpersonationRoleId": "r", "Name": "r", "Type": "{kind}", "Rules": [
                    {{"ImpersonationRuleId": "{rule}", "Effect": "ALLOW"}}]}}]}}"#
            ))
        };
        let renamed = check_change(
            &role("READ_ONLY", "a"),
            &role("READ_ONLY", "b"),
            Guarantee::Equivalent,
        );
        assert!(renamed.holds, "{renamed}");
        let widened = check_change(
            &role("READ_ONLY", "a"),
            &role("FULL_ACCESS", "a"),
            Guarantee::Equivalent,
        );
        assert_eq!(widened.classes, 1, "{widened}");
        // Full access where the role read only is new access; the way back loses it.
        let (read, full) = (role("READ_ONLY", "a"), role("FULL_ACCESS", "a"));
        assert_eq!(
            check_change(&read, &full, Guarantee::NoNewAccess).classes,
            1
        );
        assert!(check_change(&read, &full, Guarantee::NoLostAccess).holds);
        assert_eq!(
            check_change(&full, &read, Guarantee::NoLostAccess).classes,
            1
        );
    }
}
