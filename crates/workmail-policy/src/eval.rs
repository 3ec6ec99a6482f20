//! Decisions and their explanations: access control rules ([`access`]), impersonation roles
//! ([`impersonation`]) and mobile device access rules ([`mobile`]).
//!
//! Each has a fast `decide` (the AWS response only) and an `explain` (the same answer with every
//! rule's and condition's outcome and the basis of each step). Both use one lookup per condition,
//! so they cannot disagree.

use crate::model::Effect;

pub mod access;
pub mod impersonation;
pub mod mobile;

/// How matching rules combine into an answer (D6 for access control rules, D14 for an
/// impersonation role's rules): every matching DENY rule when there is one, otherwise every
/// matching ALLOW rule, otherwise DENY with none. `matching(effect)` lists the matching rules of
/// one effect, in rule order.
pub(crate) fn combine<T>(matching: impl Fn(Effect) -> Vec<T>) -> (Effect, Vec<T>) {
    let denied = matching(Effect::Deny);
    if !denied.is_empty() {
        return (Effect::Deny, denied);
    }
    let allowed = matching(Effect::Allow);
    if allowed.is_empty() {
        (Effect::Deny, Vec::new())
    } else {
        (Effect::Allow, allowed)
    }
}
