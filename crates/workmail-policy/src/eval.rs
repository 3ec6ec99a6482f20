//! Decisions and their explanations: access control rules ([`access`]) and impersonation roles
//! ([`impersonation`]).
//!
//! Each has a fast `decide` (the AWS response only) and an `explain` (the same answer with every
//! rule's and condition's outcome and the basis of each step). Both use one lookup per condition,
//! so they cannot disagree.

pub mod access;
pub mod impersonation;
