//! Saved test cases: requests with the answers they must get, checked against a document.
//!
//! A tests file reads:
//!
//! ```json
//! {"Tests": [
//!   {"Name": "jane is blocked",
//!    "Request": {"IpAddress": "192.0.2.0", "Action": "WindowsOutlook", "UserId": "S-1-1-11-…"},
//!    "Expect": {"Effect": "DENY", "MatchedRules": ["myRule"]}},
//!   {"Name": "archiver reads jane",
//!    "Request": {"ImpersonationRoleId": "archiver", "TargetUser": "jane@example.com"},
//!    "Expect": {"Effect": "ALLOW", "Type": "READ_ONLY"}},
//!   {"Name": "old Android is denied",
//!    "Request": {"DeviceType": "android", "DeviceOperatingSystem": "Android 9"},
//!    "Expect": {"Effect": "DENY", "MatchedRules": ["android-10-and-later"]}},
//!   {"Name": "jane's enrolled phone",
//!    "Request": {"UserId": "jane@example.com", "DeviceId": "6APMEKPHCP2ND42VIJ4BR8ECDO",
//!                "DeviceType": "iPhone"},
//!    "Expect": {"Effect": "ALLOW", "DecidedBy": "OVERRIDE"}}]}
//! ```
//!
//! `Request` is the input of one of four operations, told apart by its members (see
//! [`TestRequest::operation_of`]): with `TargetUser`, `GetImpersonationRoleEffect`; with
//! `DeviceId`, `EvaluateMobileDeviceAccess`; with `IpAddress`, `Action`, `UserId` or
//! `ImpersonationRoleId`, `GetAccessControlEffect`; otherwise (device members only, or none:
//! a device that reports nothing, D33) `GetMobileDeviceAccessEffect`. It is checked against the
//! AWS model like any request of its operation. `Expect` holds `Effect`, optionally
//! `MatchedRules` (access control rule names; impersonation or mobile rule IDs, or the objects
//! AWS prints, `{ImpersonationRuleId, Name}` and `{MobileDeviceAccessRuleId, Name}`), for
//! impersonation `Type`, and for `EvaluateMobileDeviceAccess` `DecidedBy` (`ACCESS_CONTROL`,
//! `OVERRIDE` or `RULES`; its `MatchedRules` are the mobile rules' `MatchedRules`). Members left
//! out of `Expect` are not compared.

use std::fmt;

use jsonc_parser::ast::Value as Ast;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::property::{
    Property, PropertyResult, check_property, check_property_of, check_references,
};
use crate::api::{
    ApiError, DecidedBy, EvaluateMobileDeviceAccessRequest, GetAccessControlEffectRequest,
    GetImpersonationRoleEffectRequest, GetMobileDeviceAccessEffectRequest, Operation,
};
use crate::diagnostic::{Diagnostic, DocumentError};
use crate::eval::impersonation::ImpersonationMatchedRule;
use crate::json;
use crate::model::{Effect, ImpersonationRoleType, MobileDeviceAccessMatchedRule};
use crate::org::Organization;
use crate::shape::{
    self, EnumShape, ListShape, Member, Path, Problem, Severity, Shape, StringShape, StructureShape,
};

/// A question for the organization: either operation's input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum PolicyRequest {
    /// `GetImpersonationRoleEffect` input (it has `TargetUser`).
    GetImpersonationRoleEffect(GetImpersonationRoleEffectRequest),
    /// `GetAccessControlEffect` input.
    GetAccessControlEffect(GetAccessControlEffectRequest),
}

/// A saved test's question: the input of one of the four operations that answer.
/// Read by its members, as [`TestRequest::operation_of`] tells them apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum TestRequest {
    /// `GetAccessControlEffect` input.
    GetAccessControlEffect(GetAccessControlEffectRequest),
    /// `GetImpersonationRoleEffect` input (it has `TargetUser`).
    GetImpersonationRoleEffect(GetImpersonationRoleEffectRequest),
    /// `GetMobileDeviceAccessEffect` input (device members only, or none).
    GetMobileDeviceAccessEffect(GetMobileDeviceAccessEffectRequest),
    /// `EvaluateMobileDeviceAccess` input (it has `DeviceId`).
    EvaluateMobileDeviceAccess(EvaluateMobileDeviceAccessRequest),
}

impl TestRequest {
    /// The operation a request with these members asks: `GetImpersonationRoleEffect` with
    /// `TargetUser`; else `EvaluateMobileDeviceAccess` with `DeviceId`; else
    /// `GetAccessControlEffect` with `IpAddress`, `Action`, `UserId` or `ImpersonationRoleId`;
    /// else `GetMobileDeviceAccessEffect`.
    ///
    /// ```
    /// use workmail_policy::analysis::TestRequest;
    /// use workmail_policy::Operation;
    /// let of = |members: &[&str]| TestRequest::operation_of(|name| members.contains(&name));
    /// assert_eq!(of(&["IpAddress", "Action"]), Operation::GetAccessControlEffect);
    /// assert_eq!(of(&["UserId", "DeviceId"]), Operation::EvaluateMobileDeviceAccess);
    /// assert_eq!(of(&["DeviceType"]), Operation::GetMobileDeviceAccessEffect);
    /// assert_eq!(of(&[]), Operation::GetMobileDeviceAccessEffect);
    /// ```
    pub fn operation_of(has: impl Fn(&str) -> bool) -> Operation {
        if has("TargetUser") {
            Operation::GetImpersonationRoleEffect
        } else if has("DeviceId") {
            Operation::EvaluateMobileDeviceAccess
        } else if ["IpAddress", "Action", "UserId", "ImpersonationRoleId"]
            .into_iter()
            .any(has)
        {
            Operation::GetAccessControlEffect
        } else {
            Operation::GetMobileDeviceAccessEffect
        }
    }

    /// The request's shape in the AWS model.
    fn shape(operation: Operation) -> &'static StructureShape {
        match operation {
            Operation::GetImpersonationRoleEffect => &shape::GET_IMPERSONATION_ROLE_EFFECT,
            Operation::EvaluateMobileDeviceAccess => &shape::EVALUATE_MOBILE_DEVICE_ACCESS,
            Operation::GetMobileDeviceAccessEffect => &shape::GET_MOBILE_DEVICE_ACCESS_EFFECT,
            _ => &shape::GET_ACCESS_CONTROL_EFFECT,
        }
    }
}

impl<'de> Deserialize<'de> for TestRequest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let members = Map::<String, Value>::deserialize(deserializer)?;
        let operation = Self::operation_of(|name| members.contains_key(name));
        let value = Value::Object(members);
        // Read as the API reads a request (one reader per request type in the modules).
        let members = || crate::json::members(&value);
        let request = match operation {
            Operation::GetImpersonationRoleEffect => {
                Deserialize::deserialize(members()).map(Self::GetImpersonationRoleEffect)
            }
            Operation::EvaluateMobileDeviceAccess => {
                Deserialize::deserialize(members()).map(Self::EvaluateMobileDeviceAccess)
            }
            Operation::GetMobileDeviceAccessEffect => {
                Deserialize::deserialize(members()).map(Self::GetMobileDeviceAccessEffect)
            }
            _ => Deserialize::deserialize(members()).map(Self::GetAccessControlEffect),
        };
        request.map_err(D::Error::custom)
    }
}

/// An expected `MatchedRules` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum ExpectedRule {
    /// An access control rule name, or an impersonation rule ID.
    Name(String),
    /// An impersonation rule as AWS prints it (`Name` compared too, absent meaning none).
    ImpersonationRule(ImpersonationMatchedRule),
    /// A mobile device access rule as AWS prints it (`Name` compared too).
    MobileRule(MobileDeviceAccessMatchedRule),
}

/// What a test expects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct Expectation {
    /// The effect.
    pub effect: Effect,
    /// `MatchedRules`, in order; not compared when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matched_rules: Option<Vec<ExpectedRule>>,
    /// The role's type (impersonation only); not compared when absent.
    #[serde(default, rename = "Type", skip_serializing_if = "Option::is_none")]
    pub role_type: Option<ImpersonationRoleType>,
    /// Which gate decided (`EvaluateMobileDeviceAccess` only); not compared when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<DecidedBy>,
}

impl Expectation {
    /// Expects exactly a `GetAccessControlEffect` answer: its effect and its `MatchedRules`.
    pub fn access(effect: Effect, matched_rules: &[String]) -> Self {
        Self {
            effect,
            matched_rules: Some(
                matched_rules
                    .iter()
                    .cloned()
                    .map(ExpectedRule::Name)
                    .collect(),
            ),
            role_type: None,
            decided_by: None,
        }
    }

    /// Expects exactly a `GetImpersonationRoleEffect` answer: its effect, its `MatchedRules`
    /// and the role's type.
    pub fn impersonation(
        effect: Effect,
        matched_rules: &[ImpersonationMatchedRule],
        role_type: ImpersonationRoleType,
    ) -> Self {
        Self {
            effect,
            matched_rules: Some(
                matched_rules
                    .iter()
                    .cloned()
                    .map(ExpectedRule::ImpersonationRule)
                    .collect(),
            ),
            role_type: Some(role_type),
            decided_by: None,
        }
    }

    /// Expects exactly a mobile answer: its effect, the mobile rules' `MatchedRules` and, for
    /// `EvaluateMobileDeviceAccess`, which gate decided.
    pub fn mobile(
        effect: Effect,
        matched_rules: &[MobileDeviceAccessMatchedRule],
        decided_by: Option<DecidedBy>,
    ) -> Self {
        Self {
            effect,
            matched_rules: Some(
                matched_rules
                    .iter()
                    .cloned()
                    .map(ExpectedRule::MobileRule)
                    .collect(),
            ),
            role_type: None,
            decided_by,
        }
    }
}

/// One saved test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct TestCase {
    /// Its name, as reported.
    pub name: String,
    /// The question.
    pub request: TestRequest,
    /// The answer it must get.
    pub expect: Expectation,
}

/// A tests file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct TestSuite {
    /// The tests, run in order.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub tests: Vec<TestCase>,
    /// The properties, checked after the tests, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>"))]
    pub properties: Vec<Property>,
}

/// A loaded tests file and its warnings.
#[derive(Debug, Clone)]
pub struct LoadedTests {
    /// The tests.
    pub suite: TestSuite,
    /// Warnings (never errors), in text order.
    pub warnings: Vec<Diagnostic>,
}

pub(crate) static TEST_NAME: StringShape = StringShape {
    name: "TestName",
    min: 1,
    max: 256,
    pattern: None,
};

/// The tests; each one's `Request` and expected rules are checked by [`check_test`], by
/// operation.
pub(crate) static TESTS: ListShape = ListShape {
    name: "Tests",
    min: 0,
    max: usize::MAX,
    member: Shape::Structure(&TEST),
};

pub(crate) static PROPERTIES: ListShape = ListShape {
    name: "Properties",
    min: 0,
    max: usize::MAX,
    member: Shape::Any,
};

pub(crate) static SUITE: StructureShape = StructureShape {
    name: "TestSuite",
    members: &[
        Member {
            name: "Tests",
            shape: Shape::List(&TESTS),
            required: false,
        },
        Member {
            name: "Properties",
            shape: Shape::List(&PROPERTIES),
            required: false,
        },
    ],
};

pub(crate) static EXPECTED_RULES: ListShape = ListShape {
    name: "MatchedRules",
    min: 0,
    max: 10,
    member: Shape::Any,
};

pub(crate) static EXPECT: StructureShape = StructureShape {
    name: "Expect",
    members: &[
        Member {
            name: "Effect",
            shape: Shape::Enum(&shape::ACCESS_EFFECT),
            required: true,
        },
        Member {
            name: "MatchedRules",
            shape: Shape::List(&EXPECTED_RULES),
            required: false,
        },
        Member {
            name: "Type",
            shape: Shape::Enum(&shape::ROLE_TYPE),
            required: false,
        },
        Member {
            name: "DecidedBy",
            shape: Shape::Enum(&DECIDED_BY),
            required: false,
        },
    ],
};

pub(crate) static DECIDED_BY: EnumShape = EnumShape {
    name: "DecidedBy",
    values: &["ACCESS_CONTROL", "OVERRIDE", "RULES"],
};

pub(crate) static TEST: StructureShape = StructureShape {
    name: "Test",
    members: &[
        Member {
            name: "Name",
            shape: Shape::String(&TEST_NAME),
            required: true,
        },
        Member {
            name: "Request",
            shape: Shape::Any,
            required: true,
        },
        Member {
            name: "Expect",
            shape: Shape::Structure(&EXPECT),
            required: true,
        },
    ],
};

pub(crate) static IMPERSONATION_MATCHED_RULE: StructureShape = StructureShape {
    name: "ImpersonationMatchedRule",
    members: &[
        Member {
            name: "ImpersonationRuleId",
            shape: Shape::String(&shape::IMPERSONATION_RULE_ID),
            required: true,
        },
        Member {
            name: "Name",
            shape: Shape::String(&shape::IMPERSONATION_RULE_NAME),
            required: false,
        },
    ],
};

pub(crate) static MOBILE_MATCHED_RULE: StructureShape = StructureShape {
    name: "MobileDeviceAccessMatchedRule",
    members: &[
        Member {
            name: "MobileDeviceAccessRuleId",
            shape: Shape::String(&shape::MOBILE_RULE_ID),
            required: true,
        },
        Member {
            name: "Name",
            shape: Shape::String(&shape::MOBILE_RULE_NAME),
            required: true,
        },
    ],
};

fn member<'t, 'a>(node: &'t Ast<'a>, name: &str) -> Option<&'t Ast<'a>> {
    node.as_object()
        .and_then(|object| object.get(name))
        .map(|prop| &prop.value)
}

/// Checks one test's request and expected rules against the shapes of its operation.
fn check_test(test: &Ast<'_>, path: &Path, out: &mut Vec<shape::Violation>) {
    let Some(request) = member(test, "Request") else {
        return;
    };
    let operation = TestRequest::operation_of(|name| member(request, name).is_some());
    shape::check(
        request,
        Shape::Structure(TestRequest::shape(operation)),
        &path.member("Request"),
        out,
    );
    if let Some(expect) = member(test, "Expect") {
        check_expected_rules(expect, operation, &path.member("Expect"), out);
    }
}

/// Checks the expected rules of an `Expect` against the rules of `operation`.
pub(super) fn check_expected_rules(
    expect: &Ast<'_>,
    operation: Operation,
    path: &Path,
    out: &mut Vec<shape::Violation>,
) {
    let rules = member(expect, "MatchedRules");
    let rules_path = path.member("MatchedRules");
    for (at, rule) in rules
        .and_then(Ast::as_array)
        .map(|array| array.elements.iter().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let object = rule.as_object().is_some();
        let rule_shape = match operation {
            Operation::GetAccessControlEffect => Shape::String(&shape::RULE_NAME),
            Operation::GetImpersonationRoleEffect if object => {
                Shape::Structure(&IMPERSONATION_MATCHED_RULE)
            }
            Operation::GetImpersonationRoleEffect => Shape::String(&shape::IMPERSONATION_RULE_ID),
            _ if object => Shape::Structure(&MOBILE_MATCHED_RULE),
            _ => Shape::String(&shape::MOBILE_RULE_ID),
        };
        shape::check(rule, rule_shape, &rules_path.index(at), out);
    }
}

/// Warns about each device member of a mobile request written as `$NONE`: in a request it is
/// an ordinary string, never "not reported" (D29, D45), so the test asks about a device that
/// reports the text `$NONE`.
fn none_values(
    test: &Ast<'_>,
    path: &Path,
    source: &json::SourceMap<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(request) = member(test, "Request") else {
        return;
    };
    if !matches!(
        TestRequest::operation_of(|name| member(request, name).is_some()),
        Operation::GetMobileDeviceAccessEffect | Operation::EvaluateMobileDeviceAccess
    ) {
        return;
    }
    for name in [
        "DeviceType",
        "DeviceModel",
        "DeviceOperatingSystem",
        "DeviceUserAgent",
    ] {
        let Some(value) = member(request, name) else {
            continue;
        };
        if value
            .as_string_lit()
            .is_some_and(|text| crate::eval::mobile::is_none_token(&text.value))
        {
            out.push(
                Diagnostic::new(
                    "none-request-value",
                    Severity::Warning,
                    &path.member("Request").member(name),
                    source.position(json::start_of(value)),
                    format!(
                        "`{name}` is the text `$NONE`, which a request sends as it is: it never means \"not reported\" (D29)"
                    ),
                )
                .with_help(format!(
                    "leave `{name}` out to ask about a device that does not report it"
                )),
            );
        }
    }
}

/// Loads a tests file, reporting every problem at once with its path, line and column, as
/// documents are loaded (D20).
///
/// ```
/// use workmail_policy::analysis::load_tests;
/// let loaded = load_tests(r#"{"Tests": [{"Name": "t", "Request": {"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-1234567890"},
///                              "Expect": {"Effect": "ALLOW"}}]}"#)?;
/// assert_eq!(loaded.suite.tests.len(), 1);
///
/// let error = load_tests("{\"Tests\": [{\"Name\": \"t\",\n  \"Request\": {\"IpAddress\": \"::1\", \"Action\": \"IMAP\"}, \"Expect\": {\"Effect\": \"ALLOW\"}}]}").unwrap_err();
/// assert_eq!(error.diagnostics[0].path, "Tests[0].Request.IpAddress");
/// assert_eq!((error.diagnostics[0].line, error.diagnostics[0].column), (2, 28));
/// # Ok::<(), workmail_policy::DocumentError>(())
/// ```
///
/// # Errors
/// Every error and warning found, when there is at least one error.
pub fn load_tests(text: &str) -> Result<LoadedTests, DocumentError> {
    load(text, None)
}

/// Loads a tests file to run against `organization`: [`load_tests`], and what its properties
/// name checked against the document ([`check_references`]), so that a property naming an
/// unknown role, or a role where a user is meant, is refused before anything runs.
///
/// ```
/// use workmail_policy::analysis::load_tests_for;
/// use workmail_policy::Organization;
/// let tests = r#"{"Properties": [{"Name": "p",
///     "ForAll": {"ImpersonationRoleIds": ["nobody"]}, "Expect": {"Effect": "DENY"}}]}"#;
/// let error = load_tests_for(tests, &Organization::default()).unwrap_err();
/// assert_eq!(error.diagnostics[0].code, "unknown-role");
/// assert_eq!(error.diagnostics[0].path, "Properties[0].ForAll.ImpersonationRoleIds[0]");
/// ```
///
/// # Errors
/// Every error and warning found, when there is at least one error.
pub fn load_tests_for(
    text: &str,
    organization: &Organization,
) -> Result<LoadedTests, DocumentError> {
    load(text, Some(organization))
}

fn load(text: &str, organization: Option<&Organization>) -> Result<LoadedTests, DocumentError> {
    let parsed = json::parse(text)?;
    let mut violations = Vec::new();
    let root = Path::root();
    shape::check(
        &parsed.root,
        Shape::Structure(&SUITE),
        &root,
        &mut violations,
    );
    let tests: Vec<&Ast<'_>> = member(&parsed.root, "Tests")
        .and_then(Ast::as_array)
        .map(|array| array.elements.iter().collect())
        .unwrap_or_default();
    for (at, test) in tests.iter().enumerate() {
        check_test(test, &root.member("Tests").index(at), &mut violations);
    }
    let properties: Vec<&Ast<'_>> = member(&parsed.root, "Properties")
        .and_then(Ast::as_array)
        .map(|array| array.elements.iter().collect())
        .unwrap_or_default();
    let mut strict = Vec::new();
    for (at, node) in properties.iter().enumerate() {
        let path = root.member("Properties").index(at);
        check_property(node, &path, &mut strict);
    }
    // A `$schema` member at the top names the file's JSON Schema for editors.
    violations.retain(|violation| !crate::document::names_the_schema(violation));
    let mut diagnostics: Vec<Diagnostic> = violations
        .iter()
        .map(|violation| {
            let severity = match violation.problem {
                Problem::UnknownMember { .. } => Severity::Warning,
                _ => Severity::Error,
            };
            Diagnostic::from_violation(violation, &parsed.source, severity)
        })
        .chain(strict.iter().map(|violation| {
            let diagnostic = Diagnostic::from_violation(violation, &parsed.source, Severity::Error);
            match &violation.problem {
                // Not ignored, as elsewhere: a misspelt member would widen the property.
                Problem::UnknownMember { known, .. } => diagnostic.with_help(format!(
                    "a misspelt member would widen the property to every request; known members: {}",
                    known.join(", ")
                )),
                _ => diagnostic,
            }
        }))
        .collect();
    let has = |name: &str| member(&parsed.root, name).is_some();
    if parsed.root.as_object().is_some() && !has("Tests") && !has("Properties") {
        diagnostics.push(
            Diagnostic::new(
                "required",
                Severity::Error,
                &root,
                parsed.source.position(0),
                "a tests file holds `Tests`, `Properties` or both, and this one has neither",
            )
            .with_help(r#"start from `{"Tests": [], "Properties": []}`"#),
        );
    }
    if let Some(organization) = organization {
        diagnostics.extend(check_references(text, organization));
    }
    let suite = if diagnostics.iter().any(Diagnostic::is_error) {
        None
    } else {
        match TestSuite::deserialize(crate::json::Node::Tree(&parsed.root)) {
            Ok(suite) => Some(suite),
            Err(error) => {
                diagnostics.push(Diagnostic::new(
                    "invalid",
                    Severity::Error,
                    &root,
                    parsed.source.position(0),
                    format!("the tests file cannot be read: {error}"),
                ));
                None
            }
        }
    };
    if let Some(suite) = &suite {
        for at in crate::document::repeats(&suite.tests, |test| &test.name) {
            if let Some(test) = suite.tests.get(at) {
                let path = root.member("Tests").index(at).member("Name");
                let offset = tests
                    .get(at)
                    .and_then(|node| member(node, "Name"))
                    .map_or(0, json::start_of);
                diagnostics.push(
                    Diagnostic::new(
                        "duplicate-test-name",
                        Severity::Warning,
                        &path,
                        parsed.source.position(offset),
                        format!("a test named `{}` appears more than once", test.name),
                    )
                    .with_help("give each test its own name so results can be told apart"),
                );
            }
        }
    }
    for (at, test) in tests.iter().enumerate() {
        none_values(
            test,
            &root.member("Tests").index(at),
            &parsed.source,
            &mut diagnostics,
        );
    }
    crate::sort::sort_by_key(&mut diagnostics, |d| (d.line, d.column));
    match suite {
        Some(suite) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(LoadedTests {
            suite,
            warnings: diagnostics,
        }),
        _ => Err(DocumentError { diagnostics }),
    }
}

/// What a request got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct ActualAnswer {
    /// The effect.
    pub effect: Effect,
    /// `MatchedRules`: access control rule names, or impersonation or mobile rule IDs.
    pub matched_rules: Vec<String>,
    /// The impersonation or mobile rules' names, parallel to `matched_rules`.
    #[serde(skip)]
    rule_names: Vec<Option<String>>,
    /// The role's type (impersonation only).
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    pub role_type: Option<ImpersonationRoleType>,
    /// Which gate decided (`EvaluateMobileDeviceAccess` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<DecidedBy>,
}

/// The outcome of one test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "PascalCase")]
pub struct TestResult {
    /// The test's name.
    pub name: String,
    /// Whether the answer met the expectation.
    pub passed: bool,
    /// The expectation.
    pub expected: Expectation,
    /// The answer, when the request was answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<ActualAnswer>,
    /// The error, when it was refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ApiError>,
}

/// The outcome of a tests file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "PascalCase")]
pub struct TestReport {
    /// One result per test, in file order.
    pub results: Vec<TestResult>,
    /// One result per property, in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<_>", optional))]
    pub properties: Vec<PropertyResult>,
}

impl TestReport {
    /// How many tests and properties passed.
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|result| result.passed).count()
            + self.properties.iter().filter(|result| result.holds).count()
    }

    /// How many tests and properties failed.
    pub fn failed(&self) -> usize {
        self.results.len() + self.properties.len() - self.passed()
    }

    /// Whether every test passed (the CLI exits with 1 otherwise).
    pub fn is_success(&self) -> bool {
        self.failed() == 0
    }

    /// `N passed, M failed`: the last line of the report.
    ///
    /// ```
    /// use workmail_policy::analysis::TestReport;
    /// let report = TestReport { results: Vec::new(), properties: Vec::new() };
    /// assert_eq!(report.summary(), "0 passed, 0 failed");
    /// ```
    pub fn summary(&self) -> String {
        format!("{} passed, {} failed", self.passed(), self.failed())
    }
}

/// Whether `actual` is what `expected` asks for (members left out are not compared).
pub(super) fn meets(expected: &Expectation, actual: &ActualAnswer) -> bool {
    let rules_match = expected.matched_rules.as_ref().is_none_or(|rules| {
        rules.len() == actual.matched_rules.len()
            && rules
                .iter()
                .zip(actual.matched_rules.iter().zip(&actual.rule_names))
                .all(|(expected, (id, name))| match expected {
                    ExpectedRule::Name(text) => text == id,
                    ExpectedRule::ImpersonationRule(rule) => {
                        &rule.impersonation_rule_id == id && &rule.name == name
                    }
                    ExpectedRule::MobileRule(rule) => {
                        &rule.mobile_device_access_rule_id == id
                            && name.as_deref() == Some(rule.name.as_str())
                    }
                })
    });
    expected.effect == actual.effect
        && rules_match
        && expected
            .role_type
            .is_none_or(|role_type| Some(role_type) == actual.role_type)
        && expected
            .decided_by
            .is_none_or(|decided_by| Some(decided_by) == actual.decided_by)
}

impl ActualAnswer {
    /// An access control answer: the effect and the names of the matched rules.
    pub(super) fn access(effect: Effect, matched_rules: Vec<String>) -> Self {
        Self {
            effect,
            rule_names: vec![None; matched_rules.len()],
            matched_rules,
            role_type: None,
            decided_by: None,
        }
    }

    /// An impersonation answer: the effect, the matched rules and the role's type.
    pub(super) fn impersonation(
        effect: Effect,
        matched_rules: Vec<ImpersonationMatchedRule>,
        role_type: ImpersonationRoleType,
    ) -> Self {
        Self {
            effect,
            matched_rules: ImpersonationMatchedRule::ids(&matched_rules),
            rule_names: matched_rules.into_iter().map(|rule| rule.name).collect(),
            role_type: Some(role_type),
            decided_by: None,
        }
    }

    /// A mobile answer: the mobile rules' `MatchedRules`, and which gate decided.
    pub(super) fn mobile(
        effect: Effect,
        matched_rules: Vec<MobileDeviceAccessMatchedRule>,
        decided_by: Option<DecidedBy>,
    ) -> Self {
        let (matched_rules, rule_names) = matched_rules
            .into_iter()
            .map(|rule| (rule.mobile_device_access_rule_id, Some(rule.name)))
            .unzip();
        Self {
            effect,
            matched_rules,
            rule_names,
            role_type: None,
            decided_by,
        }
    }
}

fn answer(organization: &Organization, request: &TestRequest) -> Result<ActualAnswer, ApiError> {
    match request {
        TestRequest::GetAccessControlEffect(request) => {
            let response = organization.get_access_control_effect(request)?;
            Ok(ActualAnswer::access(
                response.effect,
                response.matched_rules,
            ))
        }
        TestRequest::GetMobileDeviceAccessEffect(request) => {
            let response = organization.get_mobile_device_access_effect(request)?;
            Ok(ActualAnswer::mobile(
                response.effect,
                response.matched_rules,
                None,
            ))
        }
        TestRequest::EvaluateMobileDeviceAccess(request) => {
            let response = organization.evaluate_mobile_device_access(request)?;
            Ok(ActualAnswer::mobile(
                response.effect,
                response.rules.matched_rules,
                Some(response.decided_by),
            ))
        }
        TestRequest::GetImpersonationRoleEffect(request) => {
            let response = organization.get_impersonation_role_effect(request)?;
            Ok(ActualAnswer::impersonation(
                response.effect,
                response.matched_rules,
                response.role_type,
            ))
        }
    }
}

/// Runs every test of `suite` against `organization`.
///
/// ```
/// use workmail_policy::analysis::{load_tests, run_tests};
/// use workmail_policy::Organization;
/// let suite = load_tests(r#"{"Tests": [
///   {"Name": "imap is open", "Request": {"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-1234567890"},
///    "Expect": {"Effect": "ALLOW", "MatchedRules": ["default"]}},
///   {"Name": "imap is closed", "Request": {"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-1234567890"},
///    "Expect": {"Effect": "DENY"}}]}"#)?.suite;
/// let report = run_tests(&Organization::default(), &suite);
/// assert!(!report.is_success());
/// assert_eq!(report.to_string(), "PASS imap is open\nFAIL imap is closed: expected DENY, got ALLOW [default]\n1 passed, 1 failed\n");
/// # Ok::<(), workmail_policy::DocumentError>(())
/// ```
pub fn run_tests(organization: &Organization, suite: &TestSuite) -> TestReport {
    let results = suite
        .tests
        .iter()
        .map(|test| {
            let (actual, error) = match answer(organization, &test.request) {
                Ok(actual) => (Some(actual), None),
                Err(error) => (None, Some(error)),
            };
            TestResult {
                name: test.name.clone(),
                passed: actual
                    .as_ref()
                    .is_some_and(|actual| meets(&test.expect, actual)),
                expected: test.expect.clone(),
                actual,
                error,
            }
        })
        .collect();
    let properties = suite
        .properties
        .iter()
        .map(|property| check_property_of(organization, property))
        .collect();
    TestReport {
        results,
        properties,
    }
}

impl fmt::Display for Expectation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(role_type) = self.role_type {
            write!(f, "{role_type} ")?;
        }
        write!(f, "{}", self.effect)?;
        if let Some(rules) = &self.matched_rules {
            let names: Vec<String> = rules
                .iter()
                .map(|rule| match rule {
                    ExpectedRule::Name(name) => name.clone(),
                    ExpectedRule::ImpersonationRule(rule) => {
                        rule_label(&rule.impersonation_rule_id, rule.name.as_deref())
                    }
                    ExpectedRule::MobileRule(rule) => {
                        rule_label(&rule.mobile_device_access_rule_id, Some(&rule.name))
                    }
                })
                .collect();
            write!(f, " [{}]", names.join(", "))?;
        }
        write_decided_by(f, self.decided_by)
    }
}

/// ` decided by OVERRIDE`, when a gate is named.
fn write_decided_by(f: &mut fmt::Formatter<'_>, decided_by: Option<DecidedBy>) -> fmt::Result {
    match decided_by {
        Some(decided_by) => write!(f, " decided by {}", decided_by.as_str()),
        None => Ok(()),
    }
}

impl fmt::Display for ActualAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(role_type) = self.role_type {
            write!(f, "{role_type} ")?;
        }
        let labels: Vec<String> = self
            .matched_rules
            .iter()
            .zip(&self.rule_names)
            .map(|(id, name)| rule_label(id, name.as_deref()))
            .collect();
        write!(f, "{} [{}]", self.effect, labels.join(", "))?;
        write_decided_by(f, self.decided_by)
    }
}

/// A rule ID with its name, when it has one: `all "Everyone"`.
fn rule_label(id: &str, name: Option<&str>) -> String {
    name.map_or_else(|| id.to_owned(), |name| format!("{id} \"{name}\""))
}

impl fmt::Display for TestResult {
    /// `PASS name`, or `FAIL name: expected …, got …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.passed {
            return write!(f, "PASS {}", self.name);
        }
        write!(f, "FAIL {}: expected {}, got ", self.name, self.expected)?;
        match (&self.actual, &self.error) {
            (Some(actual), _) => write!(f, "{actual}"),
            (None, Some(error)) => write!(f, "{error}"),
            (None, None) => f.write_str("no answer"),
        }
    }
}

impl fmt::Display for TestReport {
    /// One line per test, one per property, then `N passed, M failed`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for result in &self.results {
            writeln!(f, "{result}")?;
        }
        for result in &self.properties {
            writeln!(f, "{result}")?;
        }
        writeln!(f, "{}", self.summary())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORG: &str = r#"{"Users": [{"Id": "S-1-1-11-000000000001", "Email": "jane@example.com", "Name": "jane"}],
        "AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
          {"Name": "no-imap", "Effect": "DENY", "Actions": ["IMAP"]}],
        "ImpersonationRoles": [{"ImpersonationRoleId": "archiver", "Name": "Archiver", "Type": "READ_ONLY",
          "Rules": [{"ImpersonationRuleId": "all", "Name": "Everyone", "Effect": "ALLOW"}]}]}"#;

    fn org() -> Organization {
        crate::document::load(ORG)
            .map(|l| l.organization)
            .unwrap_or_default()
    }

    #[test]
    fn both_kinds_of_request_run() {
        let text = r#"{"Tests": [
            {"Name": "imap", "Request": {"IpAddress": "10.0.0.1", "Action": "IMAP", "UserId": "S-1-1-11-000000000001"},
             "Expect": {"Effect": "DENY", "MatchedRules": ["no-imap"]}},
            {"Name": "archiver", "Request": {"ImpersonationRoleId": "archiver", "TargetUser": "jane"},
             "Expect": {"Effect": "ALLOW", "Type": "READ_ONLY", "MatchedRules": [{"ImpersonationRuleId": "all", "Name": "Everyone"}]}},
            {"Name": "archiver by id", "Request": {"ImpersonationRoleId": "archiver", "TargetUser": "jane"},
             "Expect": {"Effect": "ALLOW", "MatchedRules": ["all"]}},
            {"Name": "wrong name", "Request": {"ImpersonationRoleId": "archiver", "TargetUser": "jane"},
             "Expect": {"Effect": "ALLOW", "MatchedRules": [{"ImpersonationRuleId": "all"}]}},
            {"Name": "unknown user", "Request": {"IpAddress": "10.0.0.1", "Action": "IMAP", "UserId": "S-1-1-11-000000000009"},
             "Expect": {"Effect": "DENY"}}]}"#;
        let suite = load_tests(text).map(|l| l.suite).unwrap_or_default();
        assert_eq!(suite.tests.len(), 5);
        let report = run_tests(&org(), &suite);
        let lines: Vec<String> = report.to_string().lines().map(str::to_owned).collect();
        assert_eq!(
            lines,
            [
                "PASS imap",
                "PASS archiver",
                "PASS archiver by id",
                "FAIL wrong name: expected ALLOW [all], got READ_ONLY ALLOW [all \"Everyone\"]",
                "FAIL unknown user: expected DENY, got EntityNotFoundException: user `S-1-1-11-000000000009` is not in the organization's directory",
                "3 passed, 2 failed",
            ]
        );
        assert!(!report.is_success());
    }

    #[test]
    fn every_problem_is_located() {
        let text = "{\"Tests\": [\n {\"Name\": \"\", \"Request\": {\"IpAddress\": \"10.0.0.1\", \"Action\": \"imap\", \"UserId\": \"S-1-1-11-000000000001\"}, \"Expect\": {\"Effect\": \"DENY\"}},\n {\"Name\": \"b\", \"Request\": {\"ImpersonationRoleId\": \"r\", \"TargetUser\": \"jane\"}, \"Expect\": {\"Effect\": \"MAYBE\", \"MatchedRules\": [\"bad rule id\"], \"Colour\": 1}}\n]}";
        let error = load_tests(text)
            .err()
            .map(|e| e.diagnostics)
            .unwrap_or_default();
        let found: Vec<(&str, String, u32)> = error
            .iter()
            .map(|d| (d.code, d.path.clone(), d.line))
            .collect();
        assert_eq!(
            found,
            [
                ("length", "Tests[0].Name".to_owned(), 2),
                ("enum", "Tests[0].Request.Action".to_owned(), 2),
                ("enum", "Tests[1].Expect.Effect".to_owned(), 3),
                ("pattern", "Tests[1].Expect.MatchedRules[0]".to_owned(), 3),
                ("unknown-member", "Tests[1].Expect.Colour".to_owned(), 3),
            ]
        );
        // An impersonation test's rules are impersonation rule IDs, and say so.
        let rule = error
            .iter()
            .find(|d| d.path == "Tests[1].Expect.MatchedRules[0]")
            .map(|d| d.message.clone())
            .unwrap_or_default();
        assert!(rule.contains("ImpersonationRuleId"), "{rule}");
    }

    #[test]
    fn a_misspelt_property_member_alone_refuses_the_file() {
        // serde would read the property without it, over every request: an error, not a warning.
        let text = r#"{"Properties": [{"Name": "p", "ForAll": {"IpRange": ["10.0.0.0/8"]}, "Expect": {"Effect": "DENY"}}]}"#;
        let error = load_tests(text)
            .err()
            .map(|e| e.diagnostics)
            .unwrap_or_default();
        let [misspelt] = error.as_slice() else {
            panic!("{error:?}");
        };
        assert_eq!(
            (misspelt.code, misspelt.path.as_str()),
            ("unknown-member", "Properties[0].ForAll.IpRange")
        );
        assert!(misspelt.is_error());
        let help = misspelt.help.as_deref().unwrap_or_default();
        assert!(
            help.starts_with("a misspelt member would widen the property to every request; known members: IpRanges, "),
            "{help}"
        );
    }

    #[test]
    fn duplicate_names_warn() {
        let test = r#"{"Name": "same", "Request": {"ImpersonationRoleId": "archiver", "TargetUser": "jane"}, "Expect": {"Effect": "ALLOW"}}"#;
        let loaded = load_tests(&format!(r#"{{"Tests": [{test}, {test}]}}"#));
        let codes: Vec<&str> = loaded
            .iter()
            .flat_map(|l| &l.warnings)
            .map(|w| w.code)
            .collect();
        assert_eq!(codes, ["duplicate-test-name"]);
    }

    #[test]
    fn every_repeated_name_among_many_warns_once_at_its_copy() {
        // 10,000 tests on one line, whose last 1,000 repeat the names of the first 1,000.
        let tests: Vec<String> = (0..10_000)
            .map(|at| {
                format!(
                    r#"{{"Name": "t{}", "Request": {{"ImpersonationRoleId": "archiver", "TargetUser": "jane"}}, "Expect": {{"Effect": "ALLOW"}}}}"#,
                    at % 9_000
                )
            })
            .collect();
        let loaded = load_tests(&format!(r#"{{"Tests": [{}]}}"#, tests.join(", ")));
        let paths: Vec<String> = loaded
            .iter()
            .flat_map(|l| &l.warnings)
            .filter(|w| w.code == "duplicate-test-name")
            .map(|w| w.path.clone())
            .collect();
        let expected: Vec<String> = (9_000..10_000)
            .map(|at| format!("Tests[{at}].Name"))
            .collect();
        assert_eq!(paths, expected);
    }

    #[test]
    fn a_suite_round_trips_through_json() {
        let suite = load_tests(r#"{"Tests": [{"Name": "t", "Request": {"IpAddress": "10.0.0.1", "Action": "EWS", "ImpersonationRoleId": "archiver"}, "Expect": {"Effect": "ALLOW"}}]}"#)
            .map(|l| l.suite)
            .unwrap_or_default();
        let json = serde_json::to_string(&suite).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"Tests":[{"Name":"t","Request":{"IpAddress":"10.0.0.1","Action":"EWS","ImpersonationRoleId":"archiver"},"Expect":{"Effect":"ALLOW"}}]}"#
        );
        assert!(matches!(
            suite.tests[0].request,
            TestRequest::GetAccessControlEffect(_)
        ));
    }

    const MOBILE_ORG: &str = r#"{"Users": [{"Id": "S-1-1-11-000000000001", "Email": "jane@example.com", "Name": "jane"}],
        "AccessControlRules": [{"Name": "default", "Effect": "ALLOW"},
          {"Name": "office-only", "Effect": "DENY", "NotIpRanges": ["10.0.0.0/8"]}],
        "MobileDeviceAccessRules": [
          {"MobileDeviceAccessRuleId": "old-android", "Name": "Old Android", "Effect": "DENY",
           "DeviceOperatingSystems": ["Android 8", "Android 9"]},
          {"MobileDeviceAccessRuleId": "phones", "Name": "Phones", "Effect": "ALLOW",
           "DeviceTypes": ["iPhone", "android"]}],
        "MobileDeviceAccessOverrides": [
          {"UserId": "S-1-1-11-000000000001", "DeviceId": "TABLET1", "Effect": "ALLOW"}]}"#;

    fn mobile_report(tests: &str) -> TestReport {
        let org = crate::document::load(MOBILE_ORG)
            .map(|l| l.organization)
            .unwrap_or_default();
        let suite = load_tests(&format!(r#"{{"Tests": [{tests}]}}"#))
            .map(|l| l.suite)
            .unwrap_or_default();
        run_tests(&org, &suite)
    }

    #[test]
    fn mobile_requests_are_told_apart_by_their_members() {
        let suite = load_tests(
            r#"{"Tests": [
            {"Name": "rules", "Request": {"DeviceType": "iPhone"}, "Expect": {"Effect": "ALLOW"}},
            {"Name": "nothing reported", "Request": {}, "Expect": {"Effect": "DENY"}},
            {"Name": "device", "Request": {"UserId": "jane", "DeviceId": "TABLET1"}, "Expect": {"Effect": "ALLOW"}},
            {"Name": "access", "Request": {"IpAddress": "10.0.0.1", "Action": "ActiveSync"}, "Expect": {"Effect": "ALLOW"}}]}"#,
        )
        .map(|l| l.suite)
        .unwrap_or_default();
        let kinds: Vec<&str> = suite
            .tests
            .iter()
            .map(|test| match test.request {
                TestRequest::GetAccessControlEffect(_) => "access",
                TestRequest::GetImpersonationRoleEffect(_) => "impersonation",
                TestRequest::GetMobileDeviceAccessEffect(_) => "rules",
                TestRequest::EvaluateMobileDeviceAccess(_) => "device",
            })
            .collect();
        assert_eq!(kinds, ["rules", "rules", "device", "access"]);
    }

    #[test]
    fn mobile_answers_meet_or_miss_their_expectations() {
        let report = mobile_report(
            r#"{"Name": "old android", "Request": {"DeviceType": "android", "DeviceOperatingSystem": "android 9.1"},
                "Expect": {"Effect": "DENY", "MatchedRules": ["old-android"]}},
               {"Name": "iphone by object", "Request": {"DeviceType": "iPhone 15"},
                "Expect": {"Effect": "ALLOW", "MatchedRules": [{"MobileDeviceAccessRuleId": "phones", "Name": "Phones"}]}},
               {"Name": "wrong name", "Request": {"DeviceType": "iPhone 15"},
                "Expect": {"Effect": "ALLOW", "MatchedRules": [{"MobileDeviceAccessRuleId": "phones", "Name": "Tablets"}]}},
               {"Name": "reports nothing", "Request": {}, "Expect": {"Effect": "ALLOW"}}"#,
        );
        assert_eq!(
            report.to_string(),
            "PASS old android\n\
             PASS iphone by object\n\
             FAIL wrong name: expected ALLOW [phones \"Tablets\"], got ALLOW [phones \"Phones\"]\n\
             FAIL reports nothing: expected ALLOW, got DENY []\n\
             2 passed, 2 failed\n"
        );
    }

    #[test]
    fn an_evaluated_device_is_checked_for_the_gate_that_decided() {
        let report = mobile_report(
            r#"{"Name": "override", "Request": {"UserId": "jane@example.com", "DeviceId": "tablet1", "DeviceType": "iPad"},
                "Expect": {"Effect": "ALLOW", "MatchedRules": [], "DecidedBy": "OVERRIDE"}},
               {"Name": "from home", "Request": {"UserId": "jane", "DeviceId": "tablet1", "IpAddress": "192.0.2.1"},
                "Expect": {"Effect": "ALLOW", "DecidedBy": "OVERRIDE"}},
               {"Name": "rules", "Request": {"UserId": "jane", "DeviceId": "PHONE2", "DeviceType": "iPhone"},
                "Expect": {"Effect": "ALLOW", "DecidedBy": "RULES"}}"#,
        );
        assert_eq!(
            report.to_string(),
            "PASS override\n\
             FAIL from home: expected ALLOW decided by OVERRIDE, got DENY [] decided by ACCESS_CONTROL\n\
             PASS rules\n\
             2 passed, 1 failed\n"
        );
        let json = serde_json::to_value(&report.results[1].actual).unwrap_or_default();
        assert_eq!(json["DecidedBy"], "ACCESS_CONTROL");
    }

    #[test]
    fn mobile_tests_are_checked_against_their_operation() {
        let error = load_tests(
            "{\"Tests\": [{\"Name\": \"t\", \"Request\": {\"DeviceType\": \"a\\tb\"},\n\
             \"Expect\": {\"Effect\": \"ALLOW\", \"DecidedBy\": \"USER\",\n\
             \"MatchedRules\": [\"\", {\"MobileDeviceAccessRuleId\": \"r\"}]}},\n\
             {\"Name\": \"u\", \"Request\": {\"DeviceId\": \"not an id!\"}, \"Expect\": {\"Effect\": \"DENY\"}}]}",
        )
        .err()
        .map(|error| error.diagnostics)
        .unwrap_or_default();
        let found: Vec<(&str, u32)> = error.iter().map(|d| (d.path.as_str(), d.line)).collect();
        assert_eq!(
            found,
            [
                ("Tests[0].Request.DeviceType", 1),
                ("Tests[0].Expect.DecidedBy", 2),
                ("Tests[0].Expect.MatchedRules[0]", 3),
                ("Tests[0].Expect.MatchedRules[1].Name", 3),
                ("Tests[1].Request.UserId", 4),
                ("Tests[1].Request.DeviceId", 4),
            ]
        );
    }

    #[test]
    fn none_in_a_mobile_request_is_a_warning_located_at_its_member() {
        let loaded = load_tests(
            "{\"Tests\": [{\"Name\": \"t\",\n \"Request\": {\"DeviceType\": \"iPhone\", \"DeviceModel\": \"$none\"},\n \"Expect\": {\"Effect\": \"ALLOW\"}},\n {\"Name\": \"access\", \"Request\": {\"IpAddress\": \"10.0.0.1\", \"Action\": \"IMAP\", \"DeviceModel\": \"$NONE\"}, \"Expect\": {\"Effect\": \"ALLOW\"}}]}",
        );
        let warnings: Vec<(&str, &str, u32, u32)> = loaded
            .as_ref()
            .map(|l| {
                l.warnings
                    .iter()
                    .map(|w| (w.code, w.path.as_str(), w.line, w.column))
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(
            warnings,
            [
                ("none-request-value", "Tests[0].Request.DeviceModel", 2, 53),
                ("unknown-member", "Tests[1].Request.DeviceModel", 4, 91),
            ]
        );
    }

    #[test]
    fn a_mobile_suite_round_trips_through_json() {
        let text = r#"{"Tests":[{"Name":"t","Request":{"UserId":"jane","DeviceId":"TABLET1","DeviceType":"iPad"},"Expect":{"Effect":"ALLOW","MatchedRules":[{"MobileDeviceAccessRuleId":"phones","Name":"Phones"}],"DecidedBy":"OVERRIDE"}}]}"#;
        let suite = load_tests(text).map(|l| l.suite).unwrap_or_default();
        assert_eq!(serde_json::to_string(&suite).unwrap_or_default(), text);
    }
}
