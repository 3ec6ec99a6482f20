//! Shared parts of the workmail-policy fuzz targets: structured inputs built from small
//! vocabularies (so that names, ranges and users collide often) and the invariants every target
//! checks.
//!
//! A broken invariant panics: that is how libFuzzer learns about it. Everything else here is
//! ordinary, panic-free code.

pub mod checks;
pub mod spec;
