//! Saved tests: the tests editor's text run against the organization, and new tests made from
//! the questions on the page. The file format is the core's ([`load_tests`]), so a file saved
//! here runs unchanged with the command-line tool and the npm package.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use workmail_policy::analysis::{
    Counterexample, Coverage, Expectation, PropertyResult, TestCase, TestReport, TestRequest,
    TestResult, coverage, load_tests, load_tests_for, run_tests,
};
use workmail_policy::model::Device;
use workmail_policy::{Diagnostic, Organization, Principal};

use crate::answers::{AccessStatus, ImpersonationStatus, MobileStatus};
use crate::bridge::Message;
use crate::browser;
use crate::loaded;
use crate::offload::Job;
use crate::parts::printed;
use crate::problems::Problems;
use crate::questions::{AccessQuestion, ImpersonationQuestion, MobileQuestion, MobileRequest};

/// The longest test name the file format takes.
const MAX_NAME_CHARS: usize = 256;

/// What the tests editor's text gives.
#[derive(Debug, Clone, PartialEq)]
pub enum TestsStatus {
    /// Nothing but white space.
    Empty,
    /// No document has loaded yet, so there is nothing to run against.
    NoDocument,
    /// The text is not a tests file: every problem, located.
    Invalid(Vec<Diagnostic>),
    /// Every test ran.
    Ran {
        /// One result per test, in file order.
        report: TestReport,
        /// The file's warnings (a duplicate name, an unknown member).
        warnings: Vec<Diagnostic>,
        /// The rules, lists and entries the tests and properties exercised.
        coverage: Coverage,
    },
}

/// Loads the tests editor's text and runs every test against `organization`.
pub fn run(organization: Option<&Organization>, text: &str) -> TestsStatus {
    if text.trim().is_empty() {
        return TestsStatus::Empty;
    }
    let Some(organization) = organization else {
        return match load_tests(text) {
            Ok(_) => TestsStatus::NoDocument,
            Err(error) => TestsStatus::Invalid(error.diagnostics),
        };
    };
    let loaded = match load_tests_for(text, organization) {
        Ok(loaded) => loaded,
        Err(error) => return TestsStatus::Invalid(error.diagnostics),
    };
    TestsStatus::Ran {
        report: run_tests(organization, &loaded.suite),
        coverage: coverage(organization, &loaded.suite),
        warnings: loaded.warnings,
    }
}

/// What the tests editor's text gives, as the Tests panel shows it: made where the tests ran
/// (by the analysis worker for a large document, see [`TestsJob`]), small whatever the
/// document's size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ShownTests {
    /// Nothing but white space.
    Empty,
    /// No document has loaded yet, so there is nothing to run against.
    NoDocument,
    /// The text is not a tests file.
    Invalid(Problems),
    /// Every test ran.
    Ran {
        /// `N passed, M failed`.
        summary: String,
        /// Whether every test passed and every property holds.
        success: bool,
        /// One per test, in file order.
        tests: Vec<ShownTest>,
        /// One per property, in file order.
        properties: Vec<ShownProperty>,
        /// What the tests and properties exercised.
        coverage: Coverage,
        /// The file's warnings.
        warnings: Problems,
    },
}

/// One test's outcome as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownTest {
    /// The test's name.
    pub name: String,
    /// Whether the answer met the expectation.
    pub passed: bool,
    /// The expectation, in words.
    pub expected: String,
    /// What came, in words: the answer, the refusal, or "no answer".
    pub got: String,
}

/// One property's outcome as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownProperty {
    /// The property's name.
    pub name: String,
    /// Whether every request of `ForAll` gets the expected answer.
    pub holds: bool,
    /// The expectation, in words.
    pub expected: String,
    /// How many classes of requests fail, in words.
    pub failing: String,
    /// A request that fails, when one does.
    pub example: Option<ShownExample>,
}

/// A property's counterexample as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownExample {
    /// The request and the answer it gets, in words.
    pub told: String,
    /// The class of requests it stands for, in words.
    pub class: String,
    /// Which question it goes to: `access`, `impersonation` or `mobile device`.
    pub question: String,
    /// The message that loads it into that question.
    pub ask: Message,
}

impl ShownTests {
    /// `status` as the panel shows it.
    pub fn of(status: &TestsStatus) -> Self {
        match status {
            TestsStatus::Empty => Self::Empty,
            TestsStatus::NoDocument => Self::NoDocument,
            TestsStatus::Invalid(diagnostics) => Self::Invalid(Problems::of(diagnostics)),
            TestsStatus::Ran {
                report,
                warnings,
                coverage,
            } => Self::Ran {
                summary: report.summary(),
                success: report.is_success(),
                tests: report.results.iter().map(ShownTest::of).collect(),
                properties: report.properties.iter().map(ShownProperty::of).collect(),
                coverage: coverage.clone(),
                warnings: Problems::of(warnings),
            },
        }
    }

    /// The problems to list beside the editor.
    pub fn problems(&self) -> Problems {
        match self {
            Self::Invalid(problems)
            | Self::Ran {
                warnings: problems, ..
            } => problems.clone(),
            Self::Empty | Self::NoDocument => Problems::default(),
        }
    }
}

impl ShownTest {
    fn of(result: &TestResult) -> Self {
        let got = match (&result.actual, &result.error) {
            (_, Some(error)) => format!("refused with `{}`: {}", error.code, error.message),
            (Some(actual), None) => actual.to_string(),
            (None, None) => "no answer".to_owned(),
        };
        Self {
            name: result.name.clone(),
            passed: result.passed,
            expected: result.expected.to_string(),
            got,
        }
    }
}

impl ShownProperty {
    fn of(result: &PropertyResult) -> Self {
        Self {
            name: result.name.clone(),
            holds: result.holds,
            expected: result.expected.to_string(),
            failing: result.failing(),
            example: result
                .counterexample
                .as_ref()
                .map(|counterexample| ShownExample {
                    told: counterexample.to_string(),
                    class: counterexample.class.clone(),
                    question: question_of(&counterexample.request).to_owned(),
                    ask: ask(counterexample),
                }),
        }
    }
}

/// The message that loads a counterexample into its question form.
pub fn ask(counterexample: &Counterexample) -> Message {
    match &counterexample.request {
        TestRequest::GetAccessControlEffect(request) => Message::ask(
            AccessQuestion {
                ip_address: request.ip_address.clone(),
                action: request.action.clone(),
                user_id: request.user_id.clone().unwrap_or_default(),
                impersonation_role_id: request.impersonation_role_id.clone().unwrap_or_default(),
            },
            None,
        ),
        TestRequest::GetImpersonationRoleEffect(request) => Message::Ask {
            ip_address: String::new(),
            action: String::new(),
            user_id: String::new(),
            role: request.impersonation_role_id.clone(),
            target_user: request.target_user.clone(),
        },
        TestRequest::GetMobileDeviceAccessEffect(request) => {
            Message::AskMobile(device_question(&request.device))
        }
        TestRequest::EvaluateMobileDeviceAccess(request) => Message::AskMobile(MobileQuestion {
            user_id: request.user_id.clone(),
            device_id: request.device_id.clone(),
            ip_address: request.ip_address.clone().unwrap_or_default(),
            ..device_question(&request.device)
        }),
    }
}

/// The mobile question about a device (a property not reported left empty).
fn device_question(device: &Device) -> MobileQuestion {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    MobileQuestion {
        device_type: text(&device.device_type),
        device_model: text(&device.device_model),
        device_operating_system: text(&device.device_operating_system),
        device_user_agent: text(&device.device_user_agent),
        ..MobileQuestion::default()
    }
}

/// Which question a counterexample goes to, for the button's label.
fn question_of(request: &TestRequest) -> &'static str {
    match request {
        TestRequest::GetAccessControlEffect(_) => "access",
        TestRequest::GetImpersonationRoleEffect(_) => "impersonation",
        _ => "mobile device",
    }
}

/// Running the tests editor's text against a document's (the Tests panel): its texts are the
/// document and the tests file; no texts is no tests.
#[derive(Debug, Clone, Copy)]
pub struct TestsJob;

impl Job for TestsJob {
    const NAME: &'static str = "tests";
    type Params = ();
    type Output = ShownTests;

    fn run(texts: &[&str], (): &()) -> ShownTests {
        let [document, tests, ..] = texts else {
            return ShownTests::Empty;
        };
        let load = loaded::load(document);
        browser::measure("workmail:tests", || {
            ShownTests::of(&run(loaded::organization(&load), tests))
        })
    }
}

fn shorten(name: String) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        name
    } else {
        name.chars().take(MAX_NAME_CHARS).collect()
    }
}

/// A test that expects the access question's current answer, when it has one.
pub fn access_test(question: &AccessQuestion, status: &AccessStatus) -> Option<TestCase> {
    let AccessStatus::Answered(explanation) = status else {
        return None;
    };
    let who = match &explanation.request.principal {
        Principal::UserId(id) => format!("user {id}"),
        Principal::ImpersonationRoleId(id) => format!("role {id}"),
    };
    Some(TestCase {
        name: shorten(format!(
            "{who} {} from {}",
            explanation.request.action, explanation.request.ip_address
        )),
        request: TestRequest::GetAccessControlEffect(question.request()),
        expect: Expectation::access(explanation.effect, &explanation.matched_rules),
    })
}

/// A test that expects the impersonation question's current answer, when it has one.
pub fn impersonation_test(
    question: &ImpersonationQuestion,
    status: &ImpersonationStatus,
) -> Option<TestCase> {
    let ImpersonationStatus::Answered(explanation) = status else {
        return None;
    };
    Some(TestCase {
        name: shorten(format!(
            "role {} impersonates {}",
            question.impersonation_role_id, question.target_user
        )),
        request: TestRequest::GetImpersonationRoleEffect(question.request()),
        expect: Expectation::impersonation(
            explanation.effect,
            &explanation.matched_rules,
            explanation.role_type,
        ),
    })
}

/// A test that expects the mobile device question's current answer, when it has one: the
/// rules' answer for a device, or for a user's device which gate decided too.
pub fn mobile_test(question: &MobileQuestion, status: &MobileStatus) -> Option<TestCase> {
    let device = [
        &question.device_type,
        &question.device_model,
        &question.device_operating_system,
        &question.device_user_agent,
    ]
    .into_iter()
    .filter(|value| !value.is_empty())
    .map(String::as_str)
    .collect::<Vec<_>>()
    .join(" ");
    let device = if device.is_empty() {
        "a device that reports nothing".to_owned()
    } else {
        format!("device {device}")
    };
    let (name, request, expect) = match (status, question.request()) {
        (MobileStatus::Rules(explanation), MobileRequest::Rules(request)) => (
            device,
            TestRequest::GetMobileDeviceAccessEffect(request),
            Expectation::mobile(explanation.effect, &explanation.matched_rules, None),
        ),
        (MobileStatus::Device(explanation), MobileRequest::Device(request)) => (
            format!(
                "user {} on {} ({device})",
                question.user_id, question.device_id
            ),
            TestRequest::EvaluateMobileDeviceAccess(request),
            Expectation::mobile(
                explanation.effect,
                &explanation.rules.matched_rules,
                Some(explanation.decided_by),
            ),
        ),
        _ => return None,
    };
    Some(TestCase {
        name: shorten(name),
        request,
        expect,
    })
}

/// A name no test of `tests` has: `name`, else `name (2)`, `name (3)`…
fn unique_name(tests: &[Value], name: &str) -> String {
    let taken = |candidate: &str| {
        tests
            .iter()
            .any(|test| test.get("Name").and_then(Value::as_str) == Some(candidate))
    };
    if !taken(name) {
        return name.to_owned();
    }
    (2..)
        .map(|n| format!("{name} ({n})"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| name.to_owned())
}

/// The tests file with `test` added at the end (renamed if its name is taken). `None` when the
/// text is neither empty nor a JSON object whose `Tests` is a list: a text being typed is never
/// rewritten.
pub fn append(text: &str, test: &TestCase) -> Option<String> {
    let mut file = if text.trim().is_empty() {
        serde_json::json!({ "Tests": [] })
    } else {
        serde_json::from_str::<Value>(text).ok()?
    };
    // A file of properties alone gets its `Tests`.
    let tests = file
        .as_object_mut()?
        .entry("Tests")
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()?;
    let mut entry = serde_json::to_value(test).ok()?;
    let name = unique_name(tests, &test.name);
    if let Some(slot) = entry.get_mut("Name") {
        *slot = Value::String(name);
    }
    tests.push(entry);
    Some(printed(&file))
}

#[cfg(test)]
mod tests {
    use workmail_policy::Effect;

    use super::*;
    use crate::answers;
    use crate::presets::Preset;

    #[test]
    fn a_test_joins_a_file_of_properties_alone() {
        let org = Preset::ArchivingRole.organization();
        let access = Preset::ArchivingRole.access();
        let test = access_test(&access, &answers::access(Some(&org), &access)).unwrap();
        let properties =
            r#"{"Properties": [{"Name": "p", "ForAll": {}, "Expect": {"Effect": "ALLOW"}}]}"#;
        let text = append(properties, &test).unwrap();
        let TestsStatus::Ran { report, .. } = run(Some(&org), &text) else {
            panic!("{text}");
        };
        assert_eq!((report.results.len(), report.properties.len()), (1, 1));
        assert!(report.results[0].passed, "{text}");
    }

    #[test]
    fn a_test_made_from_the_answer_passes_and_travels_through_the_file() {
        let org = Preset::ArchivingRole.organization();
        let access = Preset::ArchivingRole.access();
        let status = answers::access(Some(&org), &access);
        let test = access_test(&access, &status).unwrap();
        assert!(test.name.starts_with("role "), "{}", test.name);
        let impersonation = Preset::ArchivingRole.impersonation();
        let role_status = answers::impersonation(Some(&org), &impersonation);
        let role_test = impersonation_test(&impersonation, &role_status).unwrap();
        let text = append("", &test).unwrap();
        let text = append(&text, &role_test).unwrap();
        let text = append(&text, &role_test).unwrap();
        let TestsStatus::Ran {
            report, warnings, ..
        } = run(Some(&org), &text)
        else {
            panic!("{text}")
        };
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(report.summary(), "3 passed, 0 failed");
        assert_eq!(
            report.results[2].name,
            format!("{} (2)", role_test.name),
            "a taken name gets a number"
        );
        // The same tests fail against another organization, and say why.
        let TestsStatus::Ran { report, .. } =
            run(Some(&Preset::BlockEverything.organization()), &text)
        else {
            panic!("{text}")
        };
        assert_eq!(report.summary(), "0 passed, 3 failed");
        assert!(report.results[0].to_string().starts_with("FAIL "));
    }

    #[test]
    fn mobile_questions_make_tests_of_their_operation() {
        let org = Preset::MdmDenyAll.organization();
        let device = Preset::MdmDenyAll.mobile();
        let status = answers::mobile(Some(&org), &device);
        let test = mobile_test(&device, &status).unwrap();
        assert_eq!(
            test.name,
            "user jane.doe@example.com on 6APMEKPHCP2ND42VIJ4BR8ECDO (device iPhone iPhone15C2 iOS 17.2 21C62)"
        );
        assert!(matches!(
            test.request,
            TestRequest::EvaluateMobileDeviceAccess(_)
        ));
        let rules = MobileQuestion {
            user_id: String::new(),
            ..device.clone()
        };
        let rules_test = mobile_test(&rules, &answers::mobile(Some(&org), &rules)).unwrap();
        assert!(matches!(
            rules_test.request,
            TestRequest::GetMobileDeviceAccessEffect(_)
        ));
        let text = append(&append("", &test).unwrap(), &rules_test).unwrap();
        assert!(text.contains(r#""DecidedBy": "OVERRIDE""#), "{text}");
        let TestsStatus::Ran {
            report, warnings, ..
        } = run(Some(&org), &text)
        else {
            panic!("{text}")
        };
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(report.summary(), "2 passed, 0 failed");
        // Without the override the device is denied by the rules: the first test fails.
        let TestsStatus::Ran { report, .. } =
            run(Some(&Preset::Ios16AndLater.organization()), &text)
        else {
            panic!("{text}")
        };
        assert_eq!(report.summary(), "0 passed, 2 failed");
    }

    #[test]
    fn only_answers_make_tests() {
        let question = AccessQuestion::default();
        assert_eq!(access_test(&question, &AccessStatus::Incomplete("x")), None);
        assert_eq!(
            impersonation_test(
                &ImpersonationQuestion::default(),
                &ImpersonationStatus::NoRoles
            ),
            None
        );
    }

    #[test]
    fn text_being_typed_is_never_rewritten() {
        let org = Preset::AwsDocumentationExample.organization();
        let access = Preset::AwsDocumentationExample.access();
        let test = access_test(&access, &answers::access(Some(&org), &access)).unwrap();
        assert_eq!(test.expect.effect, Effect::Deny);
        assert_eq!(append("{\"Tests\": [", &test), None);
        assert_eq!(append("[]", &test), None);
        assert_eq!(append("{\"Tests\": 3}", &test), None);
        let kept = append("{\"Tests\": [], \"Note\": \"mine\"}", &test).unwrap();
        assert!(kept.contains("\"Note\": \"mine\""), "{kept}");
    }

    #[test]
    fn statuses_of_the_editor() {
        let org = Preset::AwsDocumentationExample.organization();
        assert_eq!(run(Some(&org), "  \n"), TestsStatus::Empty);
        let TestsStatus::Invalid(diagnostics) = run(Some(&org), "{\"Tests\": [{}]}") else {
            panic!("a test without members is invalid")
        };
        assert!(diagnostics.iter().any(|d| d.path.starts_with("Tests[0]")));
        assert_eq!(run(None, "{\"Tests\": []}"), TestsStatus::NoDocument);
        let TestsStatus::Ran { report, .. } = run(Some(&org), "{\"Tests\": []}") else {
            panic!("an empty list runs")
        };
        assert_eq!(report.summary(), "0 passed, 0 failed");
    }

    #[test]
    fn the_job_tells_the_panel_what_ran_and_its_answer_crosses_as_json() {
        let document = Preset::AwsDocumentationExample.document();
        let tests = r#"{"Tests": [
            {"Name": "imap", "Request": {"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-1234567890"}, "Expect": {"Effect": "DENY"}},
            {"Name": "refused", "Request": {"IpAddress": "192.0.2.1", "Action": "IMAP"}, "Expect": {"Effect": "DENY"}}],
          "Properties": [{"Name": "all closed", "ForAll": {"Actions": ["IMAP"]}, "Expect": {"Effect": "DENY"}}]}"#;
        let shown = TestsJob::run(&[document, tests], &());
        let ShownTests::Ran {
            summary,
            success,
            tests: results,
            properties,
            coverage,
            warnings,
        } = &shown
        else {
            panic!("{shown:?}")
        };
        assert_eq!((summary.as_str(), *success), ("0 passed, 3 failed", false));
        assert_eq!(warnings, &Problems::default());
        let got: Vec<&str> = results.iter().map(|test| test.got.as_str()).collect();
        assert_eq!(
            got,
            [
                "ALLOW [default]",
                "refused with `InvalidParameterException`: give either `UserId` or `ImpersonationRoleId`"
            ]
        );
        assert_eq!(results[0].expected, "DENY");
        let example = properties[0].example.as_ref().unwrap();
        assert_eq!(properties[0].failing, "1 class of requests fails");
        assert_eq!(
            example.told,
            "IMAP from 203.0.113.1 for any other user gets ALLOW [default]"
        );
        assert_eq!(example.question, "access");
        assert!(
            matches!(&example.ask, Message::Ask { ip_address, action, .. } if ip_address == "203.0.113.1" && action == "IMAP"),
            "{:?}",
            example.ask
        );
        assert_eq!((coverage.exercised, coverage.total), (6, 6));
        // The worker runs it by its name and answers with it, as JSON.
        let answer = crate::offload::run_named(TestsJob::NAME, &[document, tests], "null");
        assert_eq!(
            crate::bridge::decode::<crate::offload::Answer<ShownTests>>(&answer),
            Some(crate::offload::Answer::Done(shown))
        );
        // No texts, a document that does not load, a file that is not a tests file.
        assert_eq!(TestsJob::run(&[], &()), ShownTests::Empty);
        assert_eq!(TestsJob::run(&["{", tests], &()), ShownTests::NoDocument);
        let ShownTests::Invalid(problems) = TestsJob::run(&[document, "{\"Tests\": 1}"], &())
        else {
            panic!("not a tests file")
        };
        assert_eq!(problems.errors, 1);
    }
}
