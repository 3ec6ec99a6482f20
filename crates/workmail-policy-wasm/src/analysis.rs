//! The core's analysis of a whole organization, for JavaScript: the decision table, the diff of
//! two organizations, lints, saved tests, the impersonated EWS request and what would change a
//! decision. Each export returns the core's serde JSON, and a `...Text` twin returns its
//! `Display`, which is what the command line prints.

use serde::Deserialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use workmail_policy::analysis::{
    self, DiffOptions, ImpersonateError, ImpersonatedEwsRequest, PolicyRequest, SelectedTable,
    TableFormat, TablePart, TableQuery,
};
use workmail_policy::api::Request;
use workmail_policy::{
    GetAccessControlEffectRequest, GetImpersonationRoleEffectRequest, Timestamp,
};

use crate::Organization;
use crate::convert::{
    api_error, document_error, json_from_js, json_to_js, named_error, string_from_js, to_json,
    type_error,
};

#[wasm_bindgen]
impl Organization {
    /// The exact decision table: access control rows that partition every (address, action,
    /// principal), for each impersonation role which users it can impersonate, and the mobile
    /// device access rows. `filter` (a `TableQuery`) keeps only the requests it asks about, each
    /// row cut to them; a filter that cannot be asked throws an `InvalidParameterException`
    /// whose `path` is the member at fault (`Actions[0]`).
    #[wasm_bindgen(js_name = decisionTable, skip_typescript)]
    pub fn decision_table(&self, filter: JsValue) -> Result<JsValue, JsValue> {
        json_to_js(&filtered_table(&self.inner, TablePart::All, &filter)?)
    }

    /// The decision table as `workmail-policy table` prints it: `format` is `text` (the
    /// default), `markdown` or `csv`; `part` is `all` (the default, except for CSV, which holds
    /// one table; `both` is its earlier name), `access-control`, `impersonation` or
    /// `mobile-device-access`; `filter` as for `decisionTable`.
    #[wasm_bindgen(js_name = decisionTableText, skip_typescript)]
    pub fn decision_table_text(
        &self,
        format: JsValue,
        part: JsValue,
        filter: JsValue,
    ) -> Result<String, JsValue> {
        let format = match choice(&format, "format", &["text", "markdown", "csv"])? {
            Some("markdown") => TableFormat::Markdown,
            Some("csv") => TableFormat::Csv,
            _ => TableFormat::Text,
        };
        let part = match choice(
            &part,
            "part",
            &[
                "all",
                "both",
                "access-control",
                "impersonation",
                "mobile-device-access",
            ],
        )? {
            Some("all" | "both") => TablePart::All,
            Some("access-control") => TablePart::AccessControl,
            Some("impersonation") => TablePart::Impersonation,
            Some("mobile-device-access") => TablePart::MobileDeviceAccess,
            _ => TablePart::default_for(format),
        };
        // Refused before the filter is read, as the command line refuses it.
        if format == TableFormat::Csv && part == TablePart::All {
            return Err(type_error(CSV_OF_ALL));
        }
        let table = filtered_table(&self.inner, part, &filter)?;
        match format {
            TableFormat::Markdown => Ok(table.to_markdown()),
            TableFormat::Csv => table.to_csv().map_err(|_| type_error(CSV_OF_ALL)),
            TableFormat::Text | TableFormat::Json => Ok(table.to_string()),
        }
    }

    /// Every class of requests whose answer changes from this organization to `newer`, and the
    /// lockout guards that fire. `options.MyIps` names addresses whose lost access is reported.
    #[wasm_bindgen(skip_typescript)]
    pub fn diff(&self, newer: &Organization, options: JsValue) -> Result<JsValue, JsValue> {
        let options = diff_options(&options)?;
        json_to_js(&analysis::diff(&self.inner, &newer.inner, &options))
    }

    /// The diff as the command line prints it (one line per change, then the warnings).
    #[wasm_bindgen(js_name = diffText, skip_typescript)]
    pub fn diff_text(&self, newer: &Organization, options: JsValue) -> Result<String, JsValue> {
        let options = diff_options(&options)?;
        Ok(analysis::diff(&self.inner, &newer.inner, &options).to_string())
    }

    /// Whether `guarantee` (`NoNewAccess`, `NoLostAccess` or `Equivalent`) holds from this
    /// organization to `newer` for every request, with one request per class that breaks it.
    #[wasm_bindgen(js_name = checkChange, unchecked_return_type = "CheckReport")]
    pub fn check_change(
        &self,
        newer: &Organization,
        #[wasm_bindgen(unchecked_param_type = "Guarantee")] guarantee: JsValue,
    ) -> Result<JsValue, JsValue> {
        let guarantee = guarantee_from_js(&guarantee)?;
        json_to_js(&analysis::check_change(
            &self.inner,
            &newer.inner,
            guarantee,
        ))
    }

    /// The check as `workmail-policy check` prints it.
    #[wasm_bindgen(js_name = checkChangeText)]
    pub fn check_change_text(
        &self,
        newer: &Organization,
        #[wasm_bindgen(unchecked_param_type = "Guarantee")] guarantee: JsValue,
    ) -> Result<String, JsValue> {
        let guarantee = guarantee_from_js(&guarantee)?;
        Ok(analysis::check_change(&self.inner, &newer.inner, guarantee).to_string())
    }

    /// `checkChange` as a SARIF 2.1.0 log, its results located at the top of the file `uri`
    /// holding `newer` (`workmail-policy check --output sarif`).
    #[wasm_bindgen(js_name = checkChangeSarif, unchecked_return_type = "SarifLog")]
    pub fn check_change_sarif(
        &self,
        newer: &Organization,
        #[wasm_bindgen(unchecked_param_type = "Guarantee")] guarantee: JsValue,
        uri: &str,
    ) -> Result<JsValue, JsValue> {
        let guarantee = guarantee_from_js(&guarantee)?;
        let report = analysis::check_change(&self.inner, &newer.inner, guarantee);
        json_to_js(&analysis::check_sarif(&report, uri))
    }

    /// The lint findings of the organization as it is now (paths, no line numbers: the
    /// organization may have changed since it was loaded). `lintDocument` locates them in a text.
    #[wasm_bindgen(unchecked_return_type = "LintReport")]
    pub fn lint(&self) -> Result<JsValue, JsValue> {
        json_to_js(&analysis::lint(&self.inner))
    }

    /// The lint findings as the command line prints them, with the count last.
    #[wasm_bindgen(js_name = lintText)]
    pub fn lint_text(&self) -> String {
        analysis::lint(&self.inner).to_string()
    }

    /// Runs a tests file (`{"Tests": [...], "Properties": [...]}`, the core's format) against
    /// the organization. Throws an `InvalidDocumentError` with every diagnostic when the file
    /// has errors, a property naming a role or user the organization does not have included;
    /// its warnings come back in `Warnings`.
    #[wasm_bindgen(js_name = runTests, unchecked_return_type = "TestRun")]
    pub fn run_tests(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] tests: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = string_from_js(&tests, "tests", "the tests file's JSON")?;
        let loaded =
            analysis::load_tests_for(&text, &self.inner).map_err(|error| document_error(&error))?;
        let report = analysis::run_tests(&self.inner, &loaded.suite);
        let mut value = to_json(&report)?;
        let warnings = to_json(&loaded.warnings)?;
        if let Value::Object(members) = &mut value {
            members.insert("Warnings".to_owned(), warnings);
        }
        json_to_js(&value)
    }

    /// Which rules, condition lists and list entries of the organization no test or property
    /// of a tests file exercised (`workmail-policy test --coverage`). Throws as `runTests`.
    #[wasm_bindgen(unchecked_return_type = "Coverage")]
    pub fn coverage(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] tests: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = string_from_js(&tests, "tests", "the tests file's JSON")?;
        let loaded =
            analysis::load_tests_for(&text, &self.inner).map_err(|error| document_error(&error))?;
        json_to_js(&analysis::coverage(&self.inner, &loaded.suite))
    }

    /// The coverage as `workmail-policy test --coverage` prints it.
    #[wasm_bindgen(js_name = coverageText)]
    pub fn coverage_text(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] tests: JsValue,
    ) -> Result<String, JsValue> {
        let text = string_from_js(&tests, "tests", "the tests file's JSON")?;
        let loaded =
            analysis::load_tests_for(&text, &self.inner).map_err(|error| document_error(&error))?;
        Ok(analysis::coverage(&self.inner, &loaded.suite).to_string())
    }

    /// The failing tests and properties of a tests file as a SARIF 2.1.0 log, each located at
    /// its entry in the file `uri` (`workmail-policy test --output sarif`). Throws as
    /// `runTests`.
    #[wasm_bindgen(js_name = runTestsSarif, unchecked_return_type = "SarifLog")]
    pub fn run_tests_sarif(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] tests: JsValue,
        uri: &str,
    ) -> Result<JsValue, JsValue> {
        let text = string_from_js(&tests, "tests", "the tests file's JSON")?;
        let loaded =
            analysis::load_tests_for(&text, &self.inner).map_err(|error| document_error(&error))?;
        let report = analysis::run_tests(&self.inner, &loaded.suite);
        json_to_js(&analysis::tests_sarif(&report, &text, uri))
    }

    /// The tests' results as the command line prints them: one line per test, then
    /// `N passed, M failed`.
    #[wasm_bindgen(js_name = runTestsText)]
    pub fn run_tests_text(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] tests: JsValue,
    ) -> Result<String, JsValue> {
        let text = string_from_js(&tests, "tests", "the tests file's JSON")?;
        let loaded =
            analysis::load_tests_for(&text, &self.inner).map_err(|error| document_error(&error))?;
        Ok(analysis::run_tests(&self.inner, &loaded.suite).to_string())
    }

    /// Whether an EWS call made with an impersonation role (or one of its tokens) may act on a
    /// target user's mailbox, stage by stage. `now` (a `Date`, or epoch seconds) decides whether
    /// a token has expired; it defaults to the current time.
    #[wasm_bindgen(skip_typescript)]
    pub fn impersonate(&self, request: JsValue, now: JsValue) -> Result<JsValue, JsValue> {
        let request = impersonated_request(&request)?;
        let answer = analysis::impersonated_ews_request(&self.inner, &request, instant(&now)?)
            .map_err(|error| impersonate_error(&error))?;
        json_to_js(&answer)
    }

    /// The impersonated EWS request as the command line prints it: the verdict, then one line
    /// per stage.
    #[wasm_bindgen(js_name = impersonateText, skip_typescript)]
    pub fn impersonate_text(&self, request: JsValue, now: JsValue) -> Result<String, JsValue> {
        let request = impersonated_request(&request)?;
        analysis::impersonated_ews_request(&self.inner, &request, instant(&now)?)
            .map(|answer| answer.to_string())
            .map_err(|error| impersonate_error(&error))
    }

    /// Every single edit of the document after which `request` gets the other effect. The
    /// request is a `GetAccessControlEffect` input, or a `GetImpersonationRoleEffect` input
    /// (recognised by its `TargetUser`), checked as `call` checks it.
    #[wasm_bindgen(js_name = whatWouldChange, unchecked_return_type = "WhatWouldChange")]
    pub fn what_would_change(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PolicyRequest")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let request = policy_request(&request)?;
        let changes =
            analysis::what_would_change(&self.inner, &request).map_err(|e| api_error(&e))?;
        json_to_js(&changes)
    }

    /// What would change a decision, as the command line prints it.
    #[wasm_bindgen(js_name = whatWouldChangeText)]
    pub fn what_would_change_text(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PolicyRequest")] request: JsValue,
    ) -> Result<String, JsValue> {
        let request = policy_request(&request)?;
        analysis::what_would_change(&self.inner, &request)
            .map(|changes| changes.to_string())
            .map_err(|e| api_error(&e))
    }
}

#[wasm_bindgen]
impl Organization {
    /// Replays WorkMail audit events against this organization (the proposed policy):
    /// `workmail-policy replay --output json`'s report. `events` is an iterable or async
    /// iterable of lines (a string may hold several whole lines) or objects (an audit event, a
    /// CloudWatch Logs event wrapping one, `aws logs` output, or an array of these). Resolves
    /// with the report; a malformed item is counted, never thrown.
    #[wasm_bindgen(skip_typescript)]
    pub fn replay(&self, events: JsValue) -> Result<js_sys::Promise, JsValue> {
        replay_events(self.inner.clone(), None, &events)
    }

    /// As `replay`, comparing every answer with `baseline`'s (the organization as it is now):
    /// `workmail-policy replay --baseline`'s report, newly denied requests first.
    #[wasm_bindgen(js_name = replayAgainst, skip_typescript)]
    pub fn replay_against(
        &self,
        baseline: &Organization,
        events: JsValue,
    ) -> Result<js_sys::Promise, JsValue> {
        replay_events(self.inner.clone(), Some(baseline.inner.clone()), &events)
    }
}

/// Replays `events` (see `Organization.replay`) in a promise.
fn replay_events(
    proposed: workmail_policy::Organization,
    baseline: Option<workmail_policy::Organization>,
    events: &JsValue,
) -> Result<js_sys::Promise, JsValue> {
    crate::install_panic_hook();
    let (iterator, asynchronous) = iterator_of(events)?;
    Ok(wasm_bindgen_futures::future_to_promise(async move {
        let mut replay = analysis::Replay::new();
        let mut line: u64 = 0;
        loop {
            let next = call_method(&iterator, "next")?;
            let step = if asynchronous {
                wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&next)).await?
            } else {
                next
            };
            if js_sys::Reflect::get(&step, &"done".into())?.is_truthy() {
                break;
            }
            let item = js_sys::Reflect::get(&step, &"value".into())?;
            add_item(&mut replay, &item, &mut line);
        }
        json_to_js(&replay.report(&proposed, baseline.as_ref()))
    }))
}

/// The iterator of an async iterable (`true`) or an iterable (`false`), or a `TypeError`.
fn iterator_of(events: &JsValue) -> Result<(JsValue, bool), JsValue> {
    for (symbol, asynchronous) in [
        (js_sys::Symbol::async_iterator(), true),
        (js_sys::Symbol::iterator(), false),
    ] {
        let method = js_sys::Reflect::get(events, &symbol).unwrap_or(JsValue::UNDEFINED);
        if let Some(method) = method.dyn_ref::<js_sys::Function>() {
            return Ok((method.call0(events)?, asynchronous));
        }
    }
    Err(type_error(
        "`events` must be an iterable or async iterable of lines or objects, such as an array",
    ))
}

/// `target[name]()`.
fn call_method(target: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    let method = js_sys::Reflect::get(target, &name.into())?;
    match method.dyn_ref::<js_sys::Function>() {
        Some(method) => method.call0(target),
        None => Err(type_error(&format!("the iterator has no `{name}` method"))),
    }
}

/// One item of `replay`'s events: whole lines, or a JSON value; anything else is malformed.
fn add_item(replay: &mut analysis::Replay, item: &JsValue, line: &mut u64) {
    if let Some(text) = crate::convert::string_of(item) {
        for piece in text.lines() {
            *line += 1;
            if !piece.trim().is_empty() {
                let at = analysis::At {
                    source: "events",
                    line: *line,
                };
                replay.add_json_text(piece, at);
            }
        }
        return;
    }
    *line += 1;
    let at = analysis::At {
        source: "events",
        line: *line,
    };
    match json_from_js(item, "event") {
        Ok(value) => replay.add_value(&value, at),
        Err(_) => replay.add_malformed(at, "not a line of text nor a JSON value"),
    }
}

/// Lints a document's text and locates every finding (line and column), as `workmail-policy
/// lint` does. Throws an `InvalidDocumentError` when the document cannot be loaded.
#[wasm_bindgen(js_name = lintDocument, unchecked_return_type = "LintReport")]
pub fn lint_document(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    crate::install_panic_hook();
    let text = string_from_js(&text, "text", "the document's JSON")?;
    let report = analysis::lint_document(&text).map_err(|error| document_error(&error))?;
    json_to_js(&report)
}

/// The lint findings of a document's text as a SARIF 2.1.0 log, each located in the file `uri`
/// (as `workmail-policy lint --output sarif` writes it).
#[wasm_bindgen(js_name = lintDocumentSarif, unchecked_return_type = "SarifLog")]
pub fn lint_document_sarif(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    uri: &str,
) -> Result<JsValue, JsValue> {
    crate::install_panic_hook();
    let text = string_from_js(&text, "text", "the document's JSON")?;
    let report = analysis::lint_document(&text).map_err(|error| document_error(&error))?;
    json_to_js(&analysis::lint_sarif(&report, uri))
}

/// Every lint with its documentation (`Code`, `Severity`, `Title`, `What`, `Why`, `Example`,
/// `Fix`), in the order they run.
#[wasm_bindgen(js_name = lintRules, unchecked_return_type = "LintRuleDoc[]")]
pub fn lint_rules() -> Result<JsValue, JsValue> {
    crate::install_panic_hook();
    json_to_js(analysis::lint_rules())
}

/// One lint's documentation as Markdown (`# code (severity)`, then What, Why, Example and Fix),
/// or `undefined` for an unknown code.
#[wasm_bindgen(js_name = lintRuleHelp)]
pub fn lint_rule_help(
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
) -> Result<Option<String>, JsValue> {
    crate::install_panic_hook();
    let code = string_from_js(&code, "code", "a lint's code")?;
    Ok(analysis::lint_rule(&code).map(analysis::LintRule::help_text))
}

/// An optional argument that is one of `choices`, or a `TypeError` listing them.
fn choice(
    value: &JsValue,
    what: &str,
    choices: &[&'static str],
) -> Result<Option<&'static str>, JsValue> {
    if value.is_undefined() {
        return Ok(None);
    }
    let given = value.as_string();
    choices
        .iter()
        .find(|choice| given.as_deref() == Some(**choice))
        .map(|choice| Some(*choice))
        .ok_or_else(|| {
            let listed: Vec<String> = choices.iter().map(|c| format!("`{c}`")).collect();
            type_error(&format!("`{what}` must be one of {}", listed.join(", ")))
        })
}

/// Why CSV of every part is refused: its tables' columns differ.
const CSV_OF_ALL: &str = "CSV holds one table: give `part` as `access-control`, `impersonation` or `mobile-device-access`";

/// The `part` of the decision table restricted to `filter` (a `TableQuery`; `undefined` asks
/// about everything). A value that is not a `TableQuery` is a `TypeError`; a question the core
/// refuses, an `InvalidParameterException` with the member at fault in `path`.
fn filtered_table(
    organization: &workmail_policy::Organization,
    part: TablePart,
    filter: &JsValue,
) -> Result<SelectedTable, JsValue> {
    let value = json_from_js(filter, "filter")?;
    let query = TableQuery::deserialize(&value)
        .map_err(|error| type_error(&format!("`filter` is not a `TableQuery`: {error}")))?;
    analysis::select_filtered_table(organization, part, &query).map_err(|error| {
        let js = named_error("InvalidParameterException", &error.to_string());
        match js_sys::Reflect::set(&js, &"path".into(), &error.path().into()) {
            Ok(_) => js,
            Err(failure) => failure,
        }
    })
}

/// Reads `{MyIps?: string[]}`; `undefined` is no option.
/// A guarantee named as JavaScript writes it.
fn guarantee_from_js(value: &JsValue) -> Result<analysis::Guarantee, JsValue> {
    match value.as_string().as_deref() {
        Some("NoNewAccess") => Ok(analysis::Guarantee::NoNewAccess),
        Some("NoLostAccess") => Ok(analysis::Guarantee::NoLostAccess),
        Some("Equivalent") => Ok(analysis::Guarantee::Equivalent),
        _ => Err(type_error(
            "`guarantee` is one of \"NoNewAccess\", \"NoLostAccess\" or \"Equivalent\"",
        )),
    }
}

fn diff_options(options: &JsValue) -> Result<DiffOptions, JsValue> {
    if options.is_undefined() {
        return Ok(DiffOptions::default());
    }
    let value = json_from_js(options, "options")?;
    let ips = match &value {
        Value::Object(members) => {
            if let Some(unknown) = members.keys().find(|key| *key != "MyIps") {
                return Err(type_error(&format!(
                    "`options` has no member `{unknown}`; the only one is `MyIps`"
                )));
            }
            members.get("MyIps")
        }
        _ => {
            return Err(type_error(
                "`options` must be an object such as `{MyIps: [\"192.0.2.1\"]}`",
            ));
        }
    };
    let mut my_ips = Vec::new();
    if let Some(ips) = ips {
        let Value::Array(ips) = ips else {
            return Err(type_error(
                "`options.MyIps` must be an array of IPv4 addresses",
            ));
        };
        for (at, ip) in ips.iter().enumerate() {
            let address = ip.as_str().and_then(workmail_policy::model::parse_ipv4);
            match address {
                Some(address) => my_ips.push(address),
                None => {
                    return Err(type_error(&format!(
                        "`options.MyIps[{at}]`: `{}` is not an IPv4 address",
                        ip.as_str().map_or_else(|| ip.to_string(), str::to_owned)
                    )));
                }
            }
        }
    }
    Ok(DiffOptions { my_ips })
}

/// Reads an impersonated EWS request; a request of the wrong shape is an
/// `InvalidParameterException`, as for the operations.
fn impersonated_request(request: &JsValue) -> Result<ImpersonatedEwsRequest, JsValue> {
    let value = json_from_js(request, "request")?;
    // By reference, as the core reads documents: one set of `Value` deserializers.
    ImpersonatedEwsRequest::deserialize(&value).map_err(|error| {
        named_error(
            "InvalidParameterException",
            &format!("the request cannot be read: {error}"),
        )
    })
}

/// Why no stage could be evaluated: a member breaks its shape, or the EWS operation is unknown.
fn impersonate_error(error: &ImpersonateError) -> JsValue {
    named_error("InvalidParameterException", &error.to_string())
}

/// `now`: a `Date`, epoch seconds, or the current time when `undefined`.
fn instant(now: &JsValue) -> Result<Timestamp, JsValue> {
    let seconds = if now.is_undefined() {
        js_sys::Date::now() / 1000.0
    } else if let Some(date) = now.dyn_ref::<js_sys::Date>() {
        date.get_time() / 1000.0
    } else {
        now.as_f64().unwrap_or(f64::NAN)
    };
    Timestamp::from_epoch_seconds(seconds).ok_or_else(|| {
        type_error("`now` must be a valid `Date` or a finite number of epoch seconds")
    })
}

/// Reads either effect request with exactly the checks `call` gives it: a request with
/// `TargetUser` is a `GetImpersonationRoleEffect` input.
fn policy_request(request: &JsValue) -> Result<PolicyRequest, JsValue> {
    let value = json_from_js(request, "request")?;
    let impersonation = value.get("TargetUser").is_some();
    if impersonation {
        GetImpersonationRoleEffectRequest::from_json(&value)
            .map(PolicyRequest::GetImpersonationRoleEffect)
    } else {
        GetAccessControlEffectRequest::from_json(&value).map(PolicyRequest::GetAccessControlEffect)
    }
    .map_err(|error| api_error(&error))
}
