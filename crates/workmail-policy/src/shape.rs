//! The constraints of the AWS model (required members, lengths, full-string patterns, enums, list
//! sizes, integer ranges), written once as data and checked by one walker for documents and requests
//! alike.
//!
//! Patterns are applied to the whole string, as the Smithy model writes them (anchored). Each pattern
//! is a small matcher named after its shape, with the AWS regular expression kept for messages.
//!
//! - [`Path`]: where a value is (`Rules[2].NotIpRanges[0]`).
//! - [`Problem`] and [`Violation`]: what is wrong there, as data.
//! - [`Shape`] and its kinds: what the model allows; the model's own shapes are the statics of
//!   this module ([`GET_ACCESS_CONTROL_EFFECT`], [`DOCUMENT`]...).
//! - [`check()`]: the walker, over any [`Node`] (a `serde_json::Value` or text with positions),
//!   giving each violation to a [`Violations`] (a list, or a consumer that keeps some).

mod aws;
mod check;
mod path;
mod pattern;
mod problem;
mod quote;
mod types;

pub use aws::*;
pub use check::{Node, Violations, check};
pub(crate) use check::{names_fit, text_holds};
pub use path::{Path, Segment};
pub use problem::{Problem, Severity, Violation};
pub use quote::{printable, shorten};
pub use types::{
    EnumShape, IntegerShape, ListShape, Member, Pattern, Shape, StringShape, StructureShape,
    UnknownMembers,
};
