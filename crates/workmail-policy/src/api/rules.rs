//! The access control rule operations: `ListAccessControlRules`, `PutAccessControlRule`
//! (D9, D10) and `DeleteAccessControlRule`.

use serde::{Deserialize, Serialize};

use super::check::{check_typed, unknown_user};
use super::error::{ApiError, ErrorCode};
use super::operation::Empty;
use crate::env::Environment;
use crate::model::{AccessControlRule, Action, Effect, IpRange};
use crate::org::{Organization, RulesRevision};
use crate::semantics::Decision;
use crate::shape;

/// The most access control rules an organization holds, the default rule included (D9).
pub const MAX_ACCESS_CONTROL_RULES: usize = 10;

/// The input of the operations that take only the organization.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct ListAccessControlRulesRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
}

/// `ListAccessControlRules` output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct ListAccessControlRulesResponse {
    /// Every rule, in list order.
    pub rules: Vec<AccessControlRule>,
}

/// `PutAccessControlRule` input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct PutAccessControlRuleRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub organization_id: Option<String>,
    /// The rule name; an existing rule of this name is replaced.
    pub name: String,
    /// `ALLOW` or `DENY`.
    #[cfg_attr(feature = "ts", ts(as = "crate::model::Effect"))]
    pub effect: String,
    /// The description (required; may be empty).
    pub description: String,
    /// IPv4 CIDR ranges to include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ip_ranges: Vec<String>,
    /// IPv4 CIDR ranges to exclude.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_ip_ranges: Vec<String>,
    /// Actions to include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Vec<crate::model::Action>"))]
    pub actions: Vec<String>,
    /// Actions to exclude.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Vec<crate::model::Action>"))]
    pub not_actions: Vec<String>,
    /// User IDs to include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_ids: Vec<String>,
    /// User IDs to exclude.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_user_ids: Vec<String>,
    /// Role IDs to include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub impersonation_role_ids: Vec<String>,
    /// Role IDs to exclude.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_impersonation_role_ids: Vec<String>,
}

/// `DeleteAccessControlRule` input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "PascalCase")]
pub struct DeleteAccessControlRuleRequest {
    /// The organization (omitted: the document's, D4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The rule to delete; an unknown name is not an error.
    pub name: String,
}

impl Organization {
    /// `ListAccessControlRules`.
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException.
    pub fn list_access_control_rules(
        &self,
        request: &ListAccessControlRulesRequest,
    ) -> Result<ListAccessControlRulesResponse, ApiError> {
        check_typed(request)?;
        self.list_rules(request)
    }

    pub(super) fn list_rules(
        &self,
        request: &ListAccessControlRulesRequest,
    ) -> Result<ListAccessControlRulesResponse, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        Ok(ListAccessControlRulesResponse {
            rules: self.rules.clone(),
        })
    }

    /// `PutAccessControlRule`: adds a rule, or replaces the rule of the same name in place (D9, D10).
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException, EntityNotFoundException (unknown
    /// user, with a directory), ResourceNotFoundException (unknown role), LimitExceededException.
    pub fn put_access_control_rule(
        &mut self,
        request: PutAccessControlRuleRequest,
        env: &mut dyn Environment,
    ) -> Result<Empty, ApiError> {
        check_typed(&request)?;
        self.put_rule(request, env)
    }

    pub(super) fn put_rule(
        &mut self,
        request: PutAccessControlRuleRequest,
        env: &mut dyn Environment,
    ) -> Result<Empty, ApiError> {
        let effect = match request.effect.as_str() {
            "ALLOW" => Effect::Allow,
            "DENY" => Effect::Deny,
            other => {
                return Err(ApiError::invalid(format!(
                    "`Effect`: `{}` is not ALLOW or DENY",
                    shape::shorten(other)
                )));
            }
        };
        let ranges = |list: &[String], member: &str| -> Result<Vec<IpRange>, ApiError> {
            list.iter()
                .map(|text| {
                    text.parse().map_err(|_| {
                        ApiError::invalid(format!(
                            "`{member}`: `{}` is not an IPv4 CIDR range",
                            shape::shorten(text)
                        ))
                        .because(Decision::D8)
                    })
                })
                .collect()
        };
        let actions = |list: &[String], member: &str| -> Result<Vec<Action>, ApiError> {
            list.iter()
                .map(|text| {
                    text.parse().map_err(|_| {
                        ApiError::invalid(format!(
                            "`{member}`: `{}` is not an action",
                            shape::shorten(text)
                        ))
                        .because(Decision::D7)
                    })
                })
                .collect()
        };
        let ip_ranges = ranges(&request.ip_ranges, "IpRanges")?;
        let not_ip_ranges = ranges(&request.not_ip_ranges, "NotIpRanges")?;
        let action_list = actions(&request.actions, "Actions")?;
        let not_actions = actions(&request.not_actions, "NotActions")?;
        self.check_organization(request.organization_id.as_deref())?;
        let directory = self.directory();
        for user in request.user_ids.iter().chain(&request.not_user_ids) {
            if !directory.has_user_id(user) {
                return Err(unknown_user(user).because(Decision::D10));
            }
        }
        for role in request
            .impersonation_role_ids
            .iter()
            .chain(&request.not_impersonation_role_ids)
        {
            self.role_or_not_found(role)
                .map_err(|error| error.because(Decision::D10))?;
        }
        let existing = self.rules.iter().position(|rule| rule.name == request.name);
        if existing.is_none() && self.rules.len() >= MAX_ACCESS_CONTROL_RULES {
            return Err(ApiError::new(
                ErrorCode::LimitExceededException,
                format!(
                    "the organization already has {} access control rules, the most it can hold; delete one or replace a rule by using its name",
                    self.rules.len()
                ),
            )
            .because(Decision::D9));
        }
        let now = env.now();
        let created = existing
            .and_then(|at| self.rules.get(at))
            .and_then(|rule| rule.date_created)
            .unwrap_or(now);
        let rule = AccessControlRule {
            name: request.name,
            effect,
            description: Some(request.description),
            ip_ranges,
            not_ip_ranges,
            actions: action_list,
            not_actions,
            user_ids: request.user_ids,
            not_user_ids: request.not_user_ids,
            date_created: Some(created),
            date_modified: Some(now),
            impersonation_role_ids: request.impersonation_role_ids,
            not_impersonation_role_ids: request.not_impersonation_role_ids,
        };
        match existing.and_then(|at| self.rules.get_mut(at)) {
            Some(slot) => *slot = rule,
            None => self.rules.push(rule),
        }
        self.rules_revision = RulesRevision::new();
        Ok(Empty {})
    }

    /// `DeleteAccessControlRule`: removing an unknown rule succeeds.
    ///
    /// # Errors
    /// InvalidParameterException, OrganizationNotFoundException.
    pub fn delete_access_control_rule(
        &mut self,
        request: &DeleteAccessControlRuleRequest,
    ) -> Result<Empty, ApiError> {
        check_typed(request)?;
        self.delete_rule(request)
    }

    pub(super) fn delete_rule(
        &mut self,
        request: &DeleteAccessControlRuleRequest,
    ) -> Result<Empty, ApiError> {
        self.check_organization(request.organization_id.as_deref())?;
        let before = self.rules.len();
        self.rules.retain(|rule| rule.name != request.name);
        if self.rules.len() != before {
            self.rules_revision = RulesRevision::new();
        }
        Ok(Empty {})
    }
}
