//! The answers to the three questions, derived from an organization: what the page shows and
//! what the live region announces.

use workmail_policy::{
    AccessExplanation, ApiError, ImpersonationExplanation, ImpersonationMatchedRule,
    MobileAccessExplanation, MobileExplanation, Organization,
};

use crate::questions::{AccessQuestion, ImpersonationQuestion, MobileQuestion, MobileRequest};

/// The state of the mobile device answer.
#[derive(Debug, Clone, PartialEq)]
pub enum MobileStatus {
    /// No document has loaded yet.
    NoDocument,
    /// AWS would refuse the request (the error names the decision behind it, if any).
    Refused(ApiError),
    /// The rules' answer for the device (`GetMobileDeviceAccessEffect`).
    Rules(Box<MobileExplanation>),
    /// The answer for a user's device (`EvaluateMobileDeviceAccess`).
    Device(Box<MobileAccessExplanation>),
}

/// The mobile device answer for a question. An empty question asks about a device that reports
/// nothing (D33).
pub fn mobile(organization: Option<&Organization>, question: &MobileQuestion) -> MobileStatus {
    let Some(organization) = organization else {
        return MobileStatus::NoDocument;
    };
    let answer = match question.request() {
        MobileRequest::Rules(request) => organization
            .explain_mobile_device_access_effect(&request)
            .map(|explanation| MobileStatus::Rules(Box::new(explanation))),
        MobileRequest::Device(request) => organization
            .explain_mobile_device_access(&request)
            .map(|explanation| MobileStatus::Device(Box::new(explanation))),
    };
    answer.unwrap_or_else(MobileStatus::Refused)
}

/// The state of the access answer.
#[derive(Debug, Clone, PartialEq)]
pub enum AccessStatus {
    /// No document has loaded yet.
    NoDocument,
    /// Nothing asked yet; the text says what to enter.
    Incomplete(&'static str),
    /// AWS would refuse the request (the error names the decision behind it, if any).
    Refused(ApiError),
    /// The answer with every rule's and condition's outcome.
    Answered(Box<AccessExplanation>),
}

/// The state of the impersonation answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ImpersonationStatus {
    /// No document has loaded yet.
    NoDocument,
    /// The organization has no impersonation roles to ask about.
    NoRoles,
    /// Nothing asked yet; the text says what to enter.
    Incomplete(&'static str),
    /// AWS would refuse the request (the error names the decision behind it, if any).
    Refused(ApiError),
    /// The answer with every rule's outcome.
    Answered(Box<ImpersonationExplanation>),
}

/// The access answer for a question.
pub fn access(organization: Option<&Organization>, question: &AccessQuestion) -> AccessStatus {
    let Some(organization) = organization else {
        return AccessStatus::NoDocument;
    };
    if *question == AccessQuestion::default() {
        return AccessStatus::Incomplete(
            "Enter an IP address, a protocol action, and a user ID or an impersonation role ID.",
        );
    }
    match organization.explain_access(&question.request()) {
        Ok(explanation) => AccessStatus::Answered(Box::new(explanation)),
        Err(error) => AccessStatus::Refused(error),
    }
}

/// The impersonation answer for a question.
pub fn impersonation(
    organization: Option<&Organization>,
    question: &ImpersonationQuestion,
) -> ImpersonationStatus {
    let Some(organization) = organization else {
        return ImpersonationStatus::NoDocument;
    };
    if *question == ImpersonationQuestion::default() {
        return if organization.impersonation_roles().is_empty() {
            ImpersonationStatus::NoRoles
        } else {
            ImpersonationStatus::Incomplete(
                "Enter an impersonation role ID and the target user (a user ID, an email or a user name).",
            )
        };
    }
    match organization.explain_impersonation(&question.request()) {
        Ok(explanation) => ImpersonationStatus::Answered(Box::new(explanation)),
        Err(error) => ImpersonationStatus::Refused(error),
    }
}

fn rule_list(names: &[String]) -> String {
    match names {
        [] => "no matched rules".to_owned(),
        [one] => format!("matched rule {one}"),
        _ => format!("matched rules {}", names.join(", ")),
    }
}

/// One sentence for screen readers about both answers.
pub fn announcement(access: &AccessStatus, impersonation: &ImpersonationStatus) -> String {
    let access = match access {
        AccessStatus::NoDocument => "Access: no valid document.".to_owned(),
        AccessStatus::Incomplete(what) => format!("Access: {what}"),
        AccessStatus::Refused(error) => format!("Access: request refused, {}.", error.code),
        AccessStatus::Answered(explanation) => format!(
            "Access: {}, {}.",
            explanation.effect,
            rule_list(&explanation.matched_rules)
        ),
    };
    let impersonation = match impersonation {
        ImpersonationStatus::NoDocument | ImpersonationStatus::NoRoles => String::new(),
        ImpersonationStatus::Incomplete(what) => format!(" Impersonation: {what}"),
        ImpersonationStatus::Refused(error) => {
            format!(" Impersonation: request refused, {}.", error.code)
        }
        ImpersonationStatus::Answered(explanation) => {
            let ids = ImpersonationMatchedRule::ids(&explanation.matched_rules);
            format!(
                " Impersonation: {}, {}.",
                explanation.effect,
                rule_list(&ids)
            )
        }
    };
    format!("{access}{impersonation}")
}

#[cfg(test)]
mod tests {
    use workmail_policy::{Decision, Effect, ErrorCode};

    use super::*;
    use crate::presets::{ARCHIVER_ROLE, DOCUMENTATION_USER, Preset};

    #[test]
    fn the_mobile_answer_follows_the_question() {
        let org = Preset::MdmDenyAll.organization();
        let rules_only = MobileQuestion {
            device_type: "iPhone".into(),
            ..MobileQuestion::default()
        };
        let MobileStatus::Rules(explanation) = mobile(Some(&org), &rules_only) else {
            panic!("the rules are asked")
        };
        assert_eq!(explanation.effect, Effect::Deny);
        let device = MobileQuestion {
            user_id: "jane.doe".into(),
            device_id: "6APMEKPHCP2ND42VIJ4BR8ECDO".into(),
            ..rules_only
        };
        let MobileStatus::Device(explanation) = mobile(Some(&org), &device) else {
            panic!("the device is asked")
        };
        assert_eq!(explanation.effect, Effect::Allow);
        let bad = MobileQuestion {
            device_type: "iPhone™".into(),
            ..MobileQuestion::default()
        };
        assert!(
            matches!(mobile(Some(&org), &bad), MobileStatus::Refused(error) if error.code == ErrorCode::InvalidParameterException)
        );
        assert_eq!(mobile(None, &bad), MobileStatus::NoDocument);
    }

    #[test]
    fn the_documentation_example_denies_its_user() {
        let org = Preset::AwsDocumentationExample.organization();
        let status = access(Some(&org), &Preset::AwsDocumentationExample.access());
        let AccessStatus::Answered(explanation) = &status else {
            panic!("{status:?}")
        };
        assert_eq!(explanation.effect, Effect::Deny);
        assert_eq!(explanation.matched_rules, ["myRule"]);
        assert!(explanation.rules[1].deciding);
        assert_eq!(
            announcement(&status, &ImpersonationStatus::NoRoles),
            "Access: DENY, matched rule myRule."
        );
    }

    #[test]
    fn an_empty_question_asks_for_input_and_a_partial_one_says_what_aws_would_say() {
        let org = Preset::AwsDocumentationExample.organization();
        assert!(matches!(
            access(Some(&org), &AccessQuestion::default()),
            AccessStatus::Incomplete(_)
        ));
        let mut question = Preset::AwsDocumentationExample.access();
        question.user_id.clear();
        let AccessStatus::Refused(error) = access(Some(&org), &question) else {
            panic!("a question without a principal must be refused")
        };
        assert!(error.message.contains("UserId"), "{}", error.message);
        assert_eq!(error.decision, Some(Decision::D11));
        assert_eq!(
            access(None, &question),
            AccessStatus::NoDocument,
            "no document, no answer"
        );
        let archive = Preset::ArchivingRole.organization();
        let target_only = ImpersonationQuestion {
            impersonation_role_id: String::new(),
            target_user: "jane.doe".into(),
        };
        assert!(matches!(
            impersonation(Some(&archive), &target_only),
            ImpersonationStatus::Refused(ApiError {
                code: ErrorCode::InvalidParameterException,
                ..
            })
        ));
        assert!(matches!(
            impersonation(Some(&archive), &ImpersonationQuestion::default()),
            ImpersonationStatus::Incomplete(_)
        ));
    }

    /// D11: exactly one principal, and a role only with EWS; the core's message says why.
    #[test]
    fn d11_refusals_name_the_decision() {
        let org = Preset::ArchivingRole.organization();
        let both = AccessQuestion {
            ip_address: "192.0.2.1".into(),
            action: "EWS".into(),
            user_id: DOCUMENTATION_USER.into(),
            impersonation_role_id: ARCHIVER_ROLE.into(),
        };
        let AccessStatus::Refused(error) = access(Some(&org), &both) else {
            panic!("both principals must be refused")
        };
        assert_eq!(error.code, ErrorCode::InvalidParameterException);
        assert!(error.message.contains("not both"), "{}", error.message);
        assert_eq!(error.decision, Some(Decision::D11));

        let role_with_imap = AccessQuestion {
            action: "IMAP".into(),
            user_id: String::new(),
            ..both
        };
        let AccessStatus::Refused(error) = access(Some(&org), &role_with_imap) else {
            panic!("a role with IMAP must be refused")
        };
        assert!(error.message.contains("EWS"), "{}", error.message);
        assert_eq!(error.decision, Some(Decision::D11));
    }

    #[test]
    fn other_refusals_name_their_decision() {
        let org = Preset::OfficeOnlyImap.organization();
        let mut question = Preset::OfficeOnlyImap.access();
        question.action = "imap".into();
        assert!(matches!(
            access(Some(&org), &question),
            AccessStatus::Refused(ApiError {
                decision: Some(Decision::D7),
                ..
            })
        ));
        question.action = "IMAP".into();
        question.ip_address = "2001:db8::1".into();
        assert!(matches!(
            access(Some(&org), &question),
            AccessStatus::Refused(ApiError {
                decision: Some(Decision::D8),
                ..
            })
        ));
        question.ip_address = "192.0.2.1".into();
        question.user_id = "S-1-1-11-9999999999".into();
        assert!(matches!(
            access(Some(&org), &question),
            AccessStatus::Refused(ApiError {
                code: ErrorCode::EntityNotFoundException,
                decision: Some(Decision::D11),
                ..
            })
        ));
    }

    #[test]
    fn impersonation_answers_and_refusals() {
        let org = Preset::ArchivingRole.organization();
        let status = impersonation(Some(&org), &Preset::ArchivingRole.impersonation());
        let ImpersonationStatus::Answered(explanation) = &status else {
            panic!("{status:?}")
        };
        assert_eq!(explanation.effect, Effect::Deny);
        assert_eq!(
            announcement(&AccessStatus::Incomplete("x"), &status),
            "Access: x Impersonation: DENY, matched rule no-executives."
        );
        let nobody = ImpersonationQuestion {
            impersonation_role_id: ARCHIVER_ROLE.into(),
            target_user: "nobody".into(),
        };
        assert!(matches!(
            impersonation(Some(&org), &nobody),
            ImpersonationStatus::Refused(ApiError {
                decision: Some(Decision::D12),
                ..
            })
        ));
        let documentation = Preset::AwsDocumentationExample.organization();
        assert_eq!(
            impersonation(Some(&documentation), &ImpersonationQuestion::default()),
            ImpersonationStatus::NoRoles
        );
    }
}
