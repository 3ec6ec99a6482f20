//! Analysis of a whole organization: the exact decision table, the difference between two
//! documents, lints, saved test cases, the impersonated EWS request, and what would change a
//! decision.
//!
//! Every feature is a plain function over [`Organization`](crate::Organization) (or a text, for
//! the loaders) that returns serde-serializable data, with `Display` for text, and Markdown and
//! CSV where a table is wanted. Output is deterministic: rules in document order, sets in a fixed
//! order. Nothing here fails on a valid organization; only inputs that are not yet checked (a
//! tests file, an EWS operation name, a request) can be refused, with located diagnostics or an
//! error value.
//!
//! | Feature | Entry point | Result |
//! |---|---|---|
//! | Decision table | [`access_table`], [`impersonation_table`], [`decision_table`]; one part chosen by [`select_table`] | [`AccessTable`], [`ImpersonationTable`] |
//! | Who can: the table restricted to a question | [`TableFilter::resolve`] of a [`TableQuery`], [`TableFilter::restrict`]; both with one part by [`select_filtered_table`] | the same tables, cut |
//! | Diff and lockout guards | [`diff()`] | [`Diff`] |
//! | Lints | [`lint_document`], [`lint()`]; docs in [`lint_rules`] | [`LintReport`] |
//! | Saved test cases and properties | [`load_tests`], [`load_tests_for`], [`run_tests`], [`check_property_of`] | [`TestReport`], [`PropertyResult`] |
//! | Coverage of a tests file | [`coverage()`] | [`Coverage`] |
//! | Version gates | [`check_change`] | [`CheckReport`] |
//! | SARIF 2.1.0 logs | [`lint_sarif`], [`tests_sarif`], [`check_sarif`] | `serde_json::Value` |
//! | Impersonated EWS request | [`impersonated_ews_request`] | [`ImpersonatedEwsAnswer`] |
//! | What would change a decision | [`what_would_change`] | [`WhatWouldChange`] |
//! | Replaying audit logs | [`Replay`] ([`Replay::read_log`], [`LogFeed`], [`Replay::report`]) | [`ReplayReport`] |
//!
//! # How the request space is cut
//!
//! An access request is (source address, action, principal). The space is cut into classes that
//! every rule treats alike:
//!
//! - **Addresses** are cut at every boundary of every rule's address condition, which is
//!   `IpRanges` (every address when empty) minus `NotIpRanges`, after masking (D8). Each
//!   interval between two boundaries stores the set of rules whose address condition holds there,
//!   computed in one sweep per rule; intervals with equal sets form one class.
//! - **Actions** are the seven of D7.
//! - **Principals** are every user of the directory and every user a rule names, then "any other
//!   user"; every role of the document and every role a rule names, then "any other role". The
//!   "other" entries are always present, even with a directory: they stand for a user or role
//!   added later (asked about today, such a request is refused as unknown). A role asks only with
//!   EWS (D11), so a role never appears with another action.
//!
//! Each (action, principal) pair gets the set of rules whose action and principal conditions hold
//! (D5); pairs with the same set form a column. A cell (address class, column) matches the rules
//! in both sets, and its answer follows D6. The matching sets of all cells are interned (there
//! are few distinct ones), so every feature evaluates each distinct set once.
//!
//! # Decision table
//!
//! Cells with the same answer (`Effect` and `MatchedRules`) are merged into rows, each a product
//! of an address set, actions and principals, and together a partition of the space. Columns
//! that answer alike in every address class are merged first; their (action, principal) pairs are
//! then cut into products, grouping principals by their action sets or actions by their principal
//! sets, whichever gives fewer rows (principals on a tie, so each principal is listed once). The
//! result is not guaranteed to be the fewest possible rows, but it is exact, a partition, and
//! deterministic. Rows are ordered by their first principal, first action, then first address.
//!
//! Address sets are written as the fewest CIDR networks (JSON and CSV) and, in text and Markdown,
//! as `any IP except …` when the complement needs fewer networks, so "who can reach IMAP from
//! outside 10.0.0.0/8" reads off one line. Principal sets read `any user except …` when they hold
//! the "other" entry. Both forms are also values ([`AddressSet`], [`PrincipalSet`], with
//! [`describe_actions`] for actions), so a face that draws a table its own way shows the same
//! sets the text does.
//!
//! **Who can.** A [`TableQuery`] (actions, an address or range, users, roles, target users, an
//! effect) keeps the rows that share a request with it, each cut to those requests (ranges
//! intersected, actions and principals too), so the rows are exactly the requests asked about,
//! still a partition of them, each with the whole table's answer. Users resolve through the
//! directory (D22); unknown users (with a directory) and roles, a role given as a user, and
//! roles asked about without EWS are refused with the member at fault. [`TableFilter`] lists
//! the decisions.
//!
//! For impersonation, each role's targets are its directory's users when the document lists them
//! (disabled and deleted users are listed apart: no role can impersonate them, D12), or otherwise
//! the identifiers its rules name (emails compared case-insensitively, D2) and "every user except"
//! those.
//!
//! # Diff
//!
//! Both documents are compiled over one space (the union of their principals and address
//! boundaries), and every class whose `Effect` or `MatchedRules` differs is listed, merged as in
//! the table. A change of `MatchedRules` alone is a change. For impersonation, every role either
//! document has is compared over the union of both target spaces; a side without the role (or
//! whose directory lacks the target, or has it disabled) gives no answer.
//!
//! Lockout guards compare the two documents and fire only for access the new one takes away:
//! `all-access-blocked` (nothing is allowed any more), `principal-locked-out` (a user or role,
//! including "any other user", allowed something before and nothing now; not repeated when all
//! access is blocked), and `my-ip-denied` (requests from an address the caller names lose
//! something they had).
//!
//! # Lints
//!
//! One [`LintRule`] per file, each with a stable code, a [`LintSeverity`] and What / Why /
//! Example / Fix documentation ([`LintRule::help_text`]); every example triggers its lint (a
//! test checks it). Rules that cannot match are reported by the most specific reason:
//! `conflicting-principals`, `role-rule-without-ews`, `actions-all-excluded`,
//! `ip-ranges-all-excluded`, `principals-all-excluded`; together these find every rule that
//! matches no valid request (a property test checks both directions). `redundant-rule` reports a
//! rule that matches something but whose removal alone changes no request's `Effect`
//! (`MatchedRules` may change); the space includes the "other" principals, so a rule that only
//! matters for users not yet named is kept. The impersonation lints do the same over each
//! role's targets.
//!
//! Document loading already reports a few warnings. The lints `cidr-host-bits`, `unknown-user`,
//! `unknown-role`, `unknown-target-user`, `rule-limit` and `role-limit` use the same codes, paths
//! and messages, and [`lint_document`] keeps one finding per (code, path), so each appears once;
//! other loader warnings (such as `unknown-member` or `role-without-rules`) are passed through.
//!
//! # Saved test cases
//!
//! A tests file lists requests (the input of `GetAccessControlEffect`,
//! `GetImpersonationRoleEffect`, `GetMobileDeviceAccessEffect` or `EvaluateMobileDeviceAccess`,
//! told apart by their members: [`TestRequest::operation_of`]) with the answer each must get; see
//! [`load_tests`] for the format. It is checked like a document, with every problem
//! located. [`TestReport`] prints one line per test (`PASS name`, or `FAIL name: expected …,
//! got …`) and `N passed, M failed` last; a request the API refuses is a failure showing the
//! error.
//!
//! Properties (`"Properties"` beside `"Tests"`) quantify over every request of a set written in
//! a rule's vocabulary, and are checked exactly: the set is added to the space as one more rule,
//! so the space is cut at its boundaries too, and every class inside it is asked once (see the
//! `property` module for the format and the counterexamples). Version gates compare two
//! documents through [`diff()`] and keep the classes that break the guarantee. Coverage marks
//! what the tests' requests and the properties' classes reach.
//!
//! # Impersonated EWS request
//!
//! The four stages of the semantics (token or role, access control with the role as principal,
//! the role's rules for the target, the role's type), each with its outcome; stages that need an
//! unknown role are "not reached" rather than skipped silently. A token is looked up in the
//! emulator state (D24) and compared with the `now` the caller passes. EWS operations are
//! classified by exact name ([`EWS_READ_OPERATIONS`], [`EWS_WRITE_OPERATIONS`]): operations that
//! change no mailbox content (finding, getting, syncing, exporting, resolving names, availability
//! and notification subscriptions) are reads; anything that creates, changes, moves, deletes,
//! sends or uploads is a write. Any other name is an error, with the known spelling suggested
//! when only the letter case differs.
//!
//! # What would change a decision
//!
//! For one request, every single edit after which it gets the other effect: adding or removing
//! one entry of one rule's list (the request's address as a `/32`, its action, its user, role or
//! target), removing one rule, or adding one rule scoped to exactly this request. Each candidate
//! is evaluated, so every suggestion is verified; edits the AWS model would refuse (a full list,
//! an 11th rule) are not offered. Removing a list's only entry removes the condition and says so.
//! When no single edit is enough (two DENY rules match, say), the list is empty.
//!
//! # Replaying audit logs
//!
//! [`Replay`] reads WorkMail audit events (JSON lines as delivered to S3 and Firehose, the
//! output of `aws logs filter-log-events` and `get-log-events`, Logs Insights CSV and JSON
//! exports) and keeps only the distinct requests, each with its count and first and last time,
//! so memory grows with distinct requests rather than events; a line longer than
//! [`MAX_EVENT_BYTES`] is one malformed event and is never held whole; [`LogFeed`] reads a log
//! handed over in pieces (the playground's worker gets a file's bytes that way). [`Replay::report`]
//! asks each distinct request once of the proposed organization and, when given, the current one,
//! and lists newly denied requests first, with a summary by user, protocol and /24 network.
//! Which event asks which request is decision D46 (see the `replay` module's docs); the fields
//! read are those the WorkMail Administrator Guide documents ("Monitoring Amazon WorkMail audit
//! logs"): `event_timestamp`, `user_id`, `impersonator_id`, `protocol` and `source_ip`.

mod coverage;
mod diff;
mod gate;
mod impersonate;
mod lint;
mod mobile_table;
pub(crate) mod property;
mod render;
mod replay;
mod sarif;
mod space;
mod table;
mod table_filter;
mod table_output;
mod targets;
pub(crate) mod test_suite;
mod what_if;

pub use coverage::{Coverage, CoverageItem, Uncovered, coverage};
pub use diff::{
    AccessChange, Diff, DiffOptions, ImpersonationChange, LockoutWarning, LostAccess, diff,
};
pub use gate::{Breach, CheckReport, Guarantee, check_change, check_diff};
pub use impersonate::{
    AccessControlStage, Credential, CredentialFinding, CredentialStage, EWS_READ_OPERATIONS,
    EWS_WRITE_OPERATIONS, EwsOperationKind, ImpersonateError, ImpersonatedEwsAnswer,
    ImpersonatedEwsRequest, RoleRulesStage, RoleTypeStage, StageOutcome, UnknownEwsOperation,
    classify_ews_operation, impersonated_ews_request,
};
pub use lint::{
    LintFinding, LintReport, LintRule, LintRuleDoc, LintSeverity, lint, lint_document, lint_rule,
    lint_rules,
};
pub use mobile_table::{
    DeviceClasses, DeviceValues, Devices, MobileChange, MobileClass, MobileTable, mobile_changes,
    mobile_rule_labels, mobile_table,
};
pub use property::{
    AccessScope, Counterexample, ForAll, ImpersonationScope, MobileScope, Principals, Property,
    PropertyOperation, PropertyResult, check_property_of, check_references,
};
pub use render::{AddressSet, Members, PrincipalSet, csv_for_terminal, describe_actions};
pub use replay::{
    At, AuditEvent, LogFeed, LogFormat, LogProblem, MAX_EVENT_BYTES, Outcome, ReadSummary, Replay,
    ReplayAnswer, ReplayError, ReplayReport, ReplayedRequest, RoleAnswer, SHOWN_PROBLEMS,
    SkipReason, SummaryRow, format_epoch_milliseconds,
};
pub use sarif::{SARIF_SCHEMA, SARIF_VERSION, check_sarif, lint_sarif, tests_sarif};
pub use space::TablePrincipal;
pub use table::{
    AccessClass, AccessTable, DecisionTable, ImpersonationTable, RoleTargets, TargetClass, Targets,
    access_table, decision_table, impersonation_table,
};
pub use table_filter::{
    QueryMember, TableFilter, TableQuery, TableQueryError, select_filtered_table,
};
pub use table_output::{CsvOfAllTables, SelectedTable, TableFormat, TablePart, select_table};
pub use test_suite::{
    ActualAnswer, Expectation, ExpectedRule, LoadedTests, PolicyRequest, TestCase, TestReport,
    TestRequest, TestResult, TestSuite, load_tests, load_tests_for, run_tests,
};
pub use what_if::{Edit, RuleRef, Suggestion, WhatWouldChange, what_would_change};

/// The organization a test's document loads to; the empty one when it does not load, which the
/// test's assertions then show.
#[cfg(test)]
fn test_organization(text: &str) -> crate::org::Organization {
    crate::document::load(text)
        .map(|loaded| loaded.organization)
        .unwrap_or_default()
}
