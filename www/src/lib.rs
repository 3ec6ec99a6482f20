//! The workmail-policy playground: a Yew single-page app over the evaluation core.
//!
//! Paste Amazon WorkMail access control rules, impersonation roles and users as the AWS CLI
//! prints them, ask `GetAccessControlEffect` and `GetImpersonationRoleEffect` questions, and see
//! AWS's answer with every rule's and condition's outcome, computed in the browser by the same
//! core the CLI and the npm package use.
//!
//! The logic is in plain modules tested natively: [`state`] (the one reducer), [`parts`] (the
//! part editors and the document), [`share`] (the share link), [`answers`], [`choices`],
//! [`embed`], [`caret`] and [`presets`]. [`components`] renders them; [`browser`] holds the few
//! calls into the browser.

pub mod answers;
pub mod browser;
pub mod caret;
pub mod choices;
pub mod components;
pub mod embed;
pub mod parts;
pub mod presets;
pub mod share;
pub mod state;

pub use components::app::App;
