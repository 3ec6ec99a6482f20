//! The npm package's generated TypeScript declarations: the core's serde types (its feature
//! `ts`), as ts-rs declares them from their serde attributes, written out in one file per
//! module of the package (`crates/workmail-policy-wasm`). A crate of its own, so the package's
//! crate holds only bindings.
//!
//! `types.d.ts` holds what the main module's values are: every operation's request and response
//! (with the `Operations` table), explanations, diagnostics and errors. `analysis.d.ts` adds what
//! the `workmail-policy/analysis` module's values are, without repeating a type of `types.d.ts`.
//! Each file starts from a few roots and declares every type they reach. A type that serde
//! flattens into another is a root of its own: ts-rs writes its members into the other's
//! declaration, and TypeScript users name it too (`AccessFinding`). The `Organization`
//! methods that wasm-bindgen does not type, and the types without a Rust counterpart, are
//! written by hand beside them (`organization.d.ts`, `organization_analysis.d.ts`).
//!
//! `cargo xtask types` writes the files and `cargo xtask test` checks that they are current. The
//! same command writes the core's JSON Schemas (`workmail_policy::schema`), which this crate's
//! binary prints too, so that one generator and one check cover every generated file.

mod layout;

use std::collections::BTreeSet;

use ts_rs::{Config, TS, TypeVisitor};
use workmail_policy::analysis::{
    CheckReport, Coverage, CredentialFinding, DecisionTable, Diff, DiffOptions, Guarantee,
    ImpersonatedEwsAnswer, ImpersonatedEwsRequest, LintReport, LintRuleDoc, PolicyRequest,
    ReplayReport, TableQuery, Targets, TestReport, TestSuite, WhatWouldChange,
};
use workmail_policy::api::{ApiError, ErrorCode, Operations};
use workmail_policy::api::{MobileAccessExplanation, MobileConditions};
use workmail_policy::eval::access::Finding;
use workmail_policy::eval::impersonation::TargetFinding;
use workmail_policy::eval::mobile::MobileFinding;
use workmail_policy::{AccessExplanation, Diagnostic, ImpersonationExplanation, MobileExplanation};

/// A generated declaration file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclarationFile {
    /// `types.d.ts`: the main module's types.
    Types,
    /// `analysis.d.ts`: the analysis module's additional types.
    Analysis,
}

impl DeclarationFile {
    /// Both files.
    pub const ALL: [Self; 2] = [Self::Types, Self::Analysis];

    /// The file's name, in the crate's `src/`.
    pub const fn file_name(self) -> &'static str {
        match self {
            Self::Types => "types.d.ts",
            Self::Analysis => "analysis.d.ts",
        }
    }

    /// The file by its name.
    pub fn from_file_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|file| file.file_name() == name)
    }

    /// The file's text: a header, then each declaration after its docs.
    pub fn generate(self) -> String {
        // `i64` and `u64` members hold small counts and seconds: JSON numbers, not `bigint`s.
        let cfg = Config::new().with_large_int("number");
        let mut types = Declarations::new(&cfg);
        visit_main_roots(&mut types);
        let about = match self {
            Self::Types => {
                "Requests, responses, explanations and errors, as the core's serde types write them"
            }
            Self::Analysis => {
                // Start over, with the main module's types known: they are not repeated.
                types.text.clear();
                visit_analysis_roots(&mut types);
                "The analysis entry point's results, as the command line's `--output json` writes them"
            }
        };
        format!(
            "// Generated from the Rust types by `cargo xtask types`: do not edit.\n\
             // {about}.\n\n{}\n",
            types.text.trim_end()
        )
    }
}

/// The main module's roots: what its methods take and return.
fn visit_main_roots(visitor: &mut impl TypeVisitor) {
    visitor.visit::<Operations>();
    visitor.visit::<AccessExplanation>();
    visitor.visit::<ImpersonationExplanation>();
    visitor.visit::<MobileExplanation>();
    visitor.visit::<MobileAccessExplanation>();
    visitor.visit::<Finding>();
    visitor.visit::<TargetFinding>();
    visitor.visit::<MobileFinding>();
    visitor.visit::<MobileConditions>();
    visitor.visit::<ErrorCode>();
    visitor.visit::<ApiError>();
    visitor.visit::<Diagnostic>();
}

/// The analysis module's roots.
fn visit_analysis_roots(visitor: &mut impl TypeVisitor) {
    visitor.visit::<DecisionTable>();
    visitor.visit::<Targets>();
    visitor.visit::<TableQuery>();
    visitor.visit::<DiffOptions>();
    visitor.visit::<Diff>();
    visitor.visit::<Guarantee>();
    visitor.visit::<CheckReport>();
    visitor.visit::<LintReport>();
    visitor.visit::<LintRuleDoc<'static>>();
    visitor.visit::<PolicyRequest>();
    visitor.visit::<TestSuite>();
    visitor.visit::<TestReport>();
    visitor.visit::<Coverage>();
    visitor.visit::<ImpersonatedEwsRequest>();
    visitor.visit::<ImpersonatedEwsAnswer>();
    visitor.visit::<CredentialFinding>();
    visitor.visit::<WhatWouldChange>();
    visitor.visit::<ReplayReport>();
}

/// The declarations of the types it visits, and of the types they refer to, each once.
struct Declarations<'a> {
    cfg: &'a Config,
    declared: BTreeSet<String>,
    text: String,
}

impl<'a> Declarations<'a> {
    fn new(cfg: &'a Config) -> Self {
        Self {
            cfg,
            declared: BTreeSet::new(),
            text: String::new(),
        }
    }
}

impl TypeVisitor for Declarations<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        declare::<T>(self);
    }
}

/// Declares `T`, unless it is declared already or has no declaration (`string`, `Array<…>`...),
/// then the types its declaration refers to, in the order of their names: ts-rs lists them in
/// no fixed order, and the file must be the same at every run.
fn declare<T: TS + 'static + ?Sized>(declarations: &mut Declarations<'_>) {
    let cfg = declarations.cfg;
    if T::output_path().is_none() || !declarations.declared.insert(T::ident(cfg)) {
        return;
    }
    if let Some(docs) = T::docs() {
        declarations.text.push_str(&layout::docs(&docs, 0));
    }
    declarations.text.push_str("export ");
    declarations
        .text
        .push_str(&layout::declaration(&T::decl(cfg)));
    declarations.text.push_str("\n\n");
    let mut dependencies = Dependencies {
        cfg,
        found: Vec::new(),
    };
    T::visit_dependencies(&mut dependencies);
    dependencies.found.sort_by(|(a, _), (b, _)| a.cmp(b));
    for (_, declare) in dependencies.found {
        declare(declarations);
    }
}

/// Declares one type (`declare::<T>`).
type Declare = fn(&mut Declarations<'_>);

/// The types a declaration refers to, each with the function that declares it.
struct Dependencies<'a> {
    cfg: &'a Config,
    found: Vec<(String, Declare)>,
}

impl TypeVisitor for Dependencies<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        self.found.push((T::ident(self.cfg), declare::<T>));
    }
}
