//! The generated JSON Schemas, checked with a validator that is not this project's code (the
//! `jsonschema` crate, draft 2020-12): every document of the shared corpus and of the READMEs
//! passes; a document or tests file breaking a constraint the schema can express is refused by
//! the schema and by the loader alike; each pattern matches what the loader's matcher matches;
//! and the committed files are what the core generates now.

use std::path::{Path, PathBuf};

use jsonschema::Validator;
use serde_json::{Value, json};
use workmail_policy::analysis::load_tests;
use workmail_policy::document::{self, SCHEMA_MEMBER};
use workmail_policy::schema::{DIALECT, SchemaFile, pattern_expression};
use workmail_policy::shape::{self, Path as ShapePath, Shape, StringShape};
use workmail_policy::{DocumentError, Operation};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The validator of `file`.
#[expect(
    clippy::expect_used,
    reason = "a test helper: a schema that does not compile fails the test"
)]
fn validator(file: SchemaFile) -> Validator {
    jsonschema::draft202012::new(&file.schema()).expect("the schema compiles")
}

/// The validator's errors for `instance`, one line each.
fn errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

/// The codes the loader reports, errors and warnings, or none when it loads quietly.
fn loader_codes(
    result: Result<Vec<workmail_policy::Diagnostic>, DocumentError>,
) -> Vec<&'static str> {
    match result {
        Ok(warnings) => warnings.into_iter().map(|d| d.code).collect(),
        Err(error) => error.diagnostics.into_iter().map(|d| d.code).collect(),
    }
}

fn document_codes(text: &str) -> Vec<&'static str> {
    loader_codes(document::load(text).map(|loaded| loaded.warnings))
}

fn tests_codes(text: &str) -> Vec<&'static str> {
    loader_codes(load_tests(text).map(|loaded| loaded.warnings))
}

#[test]
fn the_schemas_are_valid_2020_12_schemas() {
    for file in SchemaFile::ALL {
        let schema = file.schema();
        assert_eq!(schema["$schema"], DIALECT);
        jsonschema::meta::validate(&schema)
            .unwrap_or_else(|error| panic!("{}: {error}", file.file_name()));
    }
}

#[test]
fn the_committed_schemas_are_what_the_core_generates() {
    for file in SchemaFile::ALL {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("schemas")
            .join(file.file_name());
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == file.text(),
            "{} is out of date: run `cargo xtask types` and commit it",
            path.display()
        );
    }
}

/// Every member of every object a schema describes carries a description, saying its
/// constraint (named after its shape).
#[test]
fn every_member_is_described() {
    fn walk(value: &Value, at: &str, missing: &mut Vec<String>) {
        match value {
            Value::Object(object) => {
                if let Some(Value::Object(properties)) = object.get("properties") {
                    for (name, member) in properties {
                        let described = member
                            .get("description")
                            .and_then(Value::as_str)
                            .is_some_and(|text| text.ends_with('.'));
                        // The members a branch adds to are described where they are declared.
                        let in_branch = member.as_object().is_some_and(|member| {
                            member.keys().all(|key| {
                                ["$ref", "properties", "required", "items"].contains(&key.as_str())
                            })
                        });
                        if !described && !in_branch {
                            missing.push(format!("{at}/{name}"));
                        }
                    }
                }
                // An `if` tells kinds of text apart by their members; it declares none.
                for (key, child) in object.iter().filter(|(key, _)| *key != "if") {
                    walk(child, &format!("{at}/{key}"), missing);
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    walk(item, &format!("{at}/{index}"), missing);
                }
            }
            _ => {}
        }
    }
    for file in SchemaFile::ALL {
        let mut missing = Vec::new();
        walk(&file.schema(), "", &mut missing);
        assert_eq!(missing, Vec::<String>::new(), "{}", file.file_name());
    }
    let schema = SchemaFile::Organization.schema();
    let actions = &schema["$defs"]["AccessControlRule"]["properties"]["Actions"]["description"];
    assert_eq!(
        actions,
        "Protocols the request must use; empty or absent, no condition. `ActionsList`: 0 to 10 items, each `AccessControlRuleAction`: one of `ActiveSync`, `AutoDiscover`, `EWS`, `IMAP`, `SMTP`, `WindowsOutlook`, `WebMail`. D7: actions are the seven canonical, case-sensitive spellings; anything else is InvalidParameterException."
    );
}

#[test]
fn every_corpus_document_passes() {
    let validator = validator(SchemaFile::Organization);
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("tests/cases")).expect("the corpus") {
        let path = entry.expect("a corpus entry").path();
        if path.extension().is_none_or(|extension| extension != "json") {
            continue;
        }
        let case: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("a case")).expect("JSON");
        let document = &case["Document"];
        assert_eq!(
            errors(&validator, document),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 17, "only {checked} cases");
}

/// The JSON texts a Markdown file shows: its ```json blocks, and in its ```console blocks what
/// `$ cat FILE.json` prints.
fn json_texts(markdown: &str) -> Vec<String> {
    let mut texts = Vec::new();
    // The language of the block the line is in, and the text being collected.
    let mut block: Option<&str> = None;
    let mut text: Option<String> = None;
    for line in markdown.lines() {
        let Some(lang) = block else {
            block = line
                .trim_start()
                .strip_prefix("```")
                .filter(|lang| !lang.is_empty());
            if block == Some("json") {
                text = Some(String::new());
            }
            continue;
        };
        if line.trim_start() == "```" {
            texts.extend(text.take());
            block = None;
        } else if lang == "console" && line.starts_with("$ ") {
            texts.extend(text.take());
            if line.starts_with("$ cat ") && line.ends_with(".json") {
                text = Some(String::new());
            }
        } else if let Some(text) = &mut text {
            text.push_str(line);
            text.push('\n');
        }
    }
    texts
}

/// The READMEs' examples: each JSON text that is a document the loader loads without a warning
/// passes the document schema, and each tests file the tests schema.
#[test]
fn the_readme_examples_pass() {
    let organization = validator(SchemaFile::Organization);
    let tests = validator(SchemaFile::Tests);
    let (mut documents, mut tests_files) = (0, 0);
    for readme in [
        "README.md",
        "crates/workmail-policy-cli/README.md",
        "crates/workmail-policy-wasm/npm/README.md",
        "www/README.md",
    ] {
        let markdown = std::fs::read_to_string(root().join(readme)).expect("a README");
        for block in json_texts(&markdown) {
            let Ok(value) = serde_json::from_str::<Value>(&block) else {
                continue; // elided (`...`), not JSON
            };
            if value.get("Tests").is_some() {
                if tests_codes(&block).is_empty() {
                    assert_eq!(
                        errors(&tests, &value),
                        Vec::<String>::new(),
                        "{readme}:\n{block}"
                    );
                    tests_files += 1;
                }
            } else if document_codes(&block).is_empty() {
                assert_eq!(
                    errors(&organization, &value),
                    Vec::<String>::new(),
                    "{readme}:\n{block}"
                );
                documents += 1;
            }
        }
    }
    assert!(documents >= 5, "only {documents} documents");
    assert!(tests_files >= 2, "only {tests_files} tests files");
}

#[test]
fn every_kind_of_text_passes_as_itself() {
    let validator = validator(SchemaFile::Organization);
    let role = json!({"ImpersonationRoleId": "archiver", "Name": "archiver", "Type": "READ_ONLY",
        "Rules": [{"ImpersonationRuleId": "r1", "Effect": "ALLOW", "TargetUsers": ["jane@example.com"]}]});
    let user = json!({"Id": "S-1-1-11-1111111111", "Email": "jane@example.com", "Name": "jane", "State": "ENABLED"});
    let mobile_rule = json!({"MobileDeviceAccessRuleId": "ios", "Name": "ios", "Effect": "DENY",
        "DeviceTypes": ["iPhone"], "DateCreated": "2024-01-01T00:00:00+00:00"});
    let override_ = json!({"UserId": "jane@example.com", "DeviceId": "ABC123", "Effect": "ALLOW"});
    let texts = [
        (json!({}), None),
        (
            json!({"$schema": SchemaFile::Organization.id(), "AccessControlRules": [], "Users": [user],
               "ImpersonationRoles": [role], "MobileDeviceAccessRules": [mobile_rule],
               "MobileDeviceAccessOverrides": [override_],
               "Emulator": {"ClientTokens": [{"ClientToken": "t", "ImpersonationRoleId": "archiver"}]}}),
            None,
        ),
        (
            json!({"Rules": [{"Name": "default", "Effect": "ALLOW", "DateCreated": 0.0}]}),
            None,
        ),
        (json!({"Users": [user], "NextToken": "next"}), None),
        (role.clone(), None),
        (json!([role]), None),
        (
            json!({"Roles": [{"ImpersonationRoleId": "archiver", "Name": "archiver", "Type": "FULL_ACCESS"}]}),
            Some("role-without-rules"),
        ),
        (json!({"Rules": [mobile_rule]}), None),
        (json!({"Overrides": [override_]}), None),
    ];
    for (text, warning) in texts {
        let written = text.to_string();
        assert_eq!(
            document_codes(&written),
            Vec::from_iter(warning),
            "{written}"
        );
        assert_eq!(errors(&validator, &text), Vec::<String>::new(), "{written}");
    }
}

/// Documents breaking one constraint the schema can express: the schema refuses each one, and
/// the loader reports the code given (an error, or `unknown-member`, the warning for a member
/// the schema does not allow).
#[test]
fn documents_breaking_a_constraint_are_refused_by_both() {
    let validator = validator(SchemaFile::Organization);
    let long = "r".repeat(65);
    let eleven_actions = vec!["IMAP"; 11];
    let cases = [
        (
            json!({"AccessControlRules": [{"Name": long, "Effect": "ALLOW"}]}),
            "length",
        ),
        (
            json!({"AccessControlRules": [{"Name": "a", "Effect": "MAYBE"}]}),
            "enum",
        ),
        (
            json!({"AccessControlRules": [{"Name": "a", "Effect": "allow"}]}),
            "enum",
        ),
        (
            json!({"AccessControlRules": [{"Name": "a b", "Effect": "ALLOW"}]}),
            "pattern",
        ),
        (
            json!({"AccessControlRules": [{"Name": "a", "Effect": "ALLOW", "IpRanges": ["10.0.0.0/33"]}]}),
            "pattern",
        ),
        (
            json!({"AccessControlRules": [{"Name": "a", "Effect": "ALLOW", "IpRanges": ["::/0"]}]}),
            "pattern",
        ),
        (
            json!({"AccessControlRules": [{"Name": "a", "Effect": "ALLOW", "Actions": ["imap"]}]}),
            "enum",
        ),
        (
            json!({"AccessControlRules": [{"Name": "a", "Effect": "ALLOW", "Actions": eleven_actions}]}),
            "list-length",
        ),
        (
            json!({"AccessControlRules": [{"Name": "a", "Effect": "ALLOW", "UserIds": ["short"]}]}),
            "length",
        ),
        (
            json!({"AccessControlRules": [{"Name": "a", "Effect": "ALLOW", "Description": "tab\there"}]}),
            "pattern",
        ),
        (
            json!({"AccessControlRules": [{"Effect": "ALLOW"}]}),
            "required",
        ),
        (
            json!({"AccessControlRules": [{"Name": 7, "Effect": "ALLOW"}]}),
            "type",
        ),
        (json!({"AccessControlRules": {"Name": "a"}}), "type"),
        (
            json!({"AccessControlRules": [{"Name": "a", "Effect": "ALLOW", "DateCreated": true}]}),
            "type",
        ),
        (
            json!({"AccessControlRules": [{"name": "a", "Name": "a", "Effect": "ALLOW"}]}),
            "unknown-member",
        ),
        (
            json!({"OrganizationId": "m-n1pq2345678r901st2u3vx45x6789yza"}),
            "pattern",
        ),
        (json!({"OrganizationId": "m-0123"}), "length"),
        (
            json!({"Colour": "red", "AccessControlRules": []}),
            "unknown-member",
        ),
        (
            json!({"Users": [{"Id": "S-1-1-11-1111111111", "Email": "jane@localhost"}], "AccessControlRules": []}),
            "pattern",
        ),
        (
            json!({"Users": [{"Id": "S-1-1-11-1111111111", "Name": "jane doe"}]}),
            "pattern",
        ),
        (
            json!({"Users": [{"Id": "S-1-1-11-1111111111", "State": "GONE"}]}),
            "enum",
        ),
        (
            json!({"ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "WRITE"}]}),
            "enum",
        ),
        (
            json!({"ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "a<b", "Type": "READ_ONLY"}]}),
            "pattern",
        ),
        (
            json!({"ImpersonationRoles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY",
            "Rules": [{"ImpersonationRuleId": "x", "Effect": "ALLOW", "TargetUsers": []}]}]}),
            "list-length",
        ),
        (json!({"ImpersonationRoleId": "r", "Name": "n"}), "required"),
        (
            json!([{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "Rules": "none"}]),
            "type",
        ),
        (
            json!({"Roles": [{"ImpersonationRoleId": "r", "Name": "n", "Type": "READ_ONLY", "Rules": []}]}),
            "unknown-member",
        ),
        (
            json!({"MobileDeviceAccessRules": [{"MobileDeviceAccessRuleId": "m", "Name": "n", "Effect": "ALLOW", "DeviceTypes": []}]}),
            "list-length",
        ),
        (
            json!({"MobileDeviceAccessRules": [{"MobileDeviceAccessRuleId": "m", "Name": "n", "Effect": "ALLOW", "DeviceModels": ["Pixel™"]}]}),
            "pattern",
        ),
        (
            json!({"MobileDeviceAccessRules": [{"MobileDeviceAccessRuleId": "m", "Name": "n", "Effect": "ALLOW", "Description": ""}]}),
            "length",
        ),
        (
            json!({"Rules": [{"MobileDeviceAccessRuleId": "m", "Name": "n", "Effect": "BLOCK"}]}),
            "enum",
        ),
        (
            json!({"Rules": [{"Name": "a", "Effect": "ALLOW"}, {"MobileDeviceAccessRuleId": "m", "Name": "n", "Effect": "ALLOW"}]}),
            "unknown-member",
        ),
        (
            json!({"Overrides": [{"UserId": "jane doe", "DeviceId": "ABC", "Effect": "ALLOW"}]}),
            "pattern",
        ),
        (
            json!({"Overrides": [{"UserId": "jane@example.com", "DeviceId": "ABC-1", "Effect": "ALLOW"}]}),
            "pattern",
        ),
        (
            json!({"Emulator": {"ImpersonationTokens": [{"Token": "t", "ImpersonationRoleId": "r"}]}}),
            "required",
        ),
        (json!("a document"), "type"),
        (json!([1]), "type"),
    ];
    for (document, code) in cases {
        let text = document.to_string();
        assert!(!validator.is_valid(&document), "the schema accepts {text}");
        assert!(
            document_codes(&text).contains(&code),
            "the loader does not report `{code}` for {text}: {:?}",
            document_codes(&text)
        );
    }
}

/// The loader ignores the root's `$schema` member, of a document and of any raw output.
#[test]
fn the_schema_member_loads_quietly() {
    let validator = validator(SchemaFile::Organization);
    for text in [
        json!({SCHEMA_MEMBER: SchemaFile::Organization.id()}),
        json!({SCHEMA_MEMBER: "./organization.schema.json", "Rules": []}),
        json!({SCHEMA_MEMBER: "./organization.schema.json", "Overrides": []}),
    ] {
        assert_eq!(document_codes(&text.to_string()), Vec::<&str>::new());
        assert!(validator.is_valid(&text), "{text}");
    }
}

fn test_file(request: Value, expect: Value) -> Value {
    json!({"Tests": [{"Name": "t", "Request": request, "Expect": expect}]})
}

#[test]
fn tests_files_pass_and_fail_with_the_loader() {
    let validator = validator(SchemaFile::Tests);
    let access =
        json!({"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-1111111111"});
    let target = json!({"ImpersonationRoleId": "archiver", "TargetUser": "jane@example.com"});
    let device =
        json!({"UserId": "jane@example.com", "DeviceId": "ABC123", "DeviceType": "iPhone"});
    let passing = [
        json!({"Tests": []}),
        test_file(
            access.clone(),
            json!({"Effect": "DENY", "MatchedRules": ["myRule"]}),
        ),
        test_file(
            target.clone(),
            json!({"Effect": "ALLOW", "Type": "READ_ONLY",
            "MatchedRules": ["r1", {"ImpersonationRuleId": "r2", "Name": "second"}]}),
        ),
        test_file(
            json!({"DeviceType": "android"}),
            json!({"Effect": "DENY",
            "MatchedRules": [{"MobileDeviceAccessRuleId": "m", "Name": "old"}]}),
        ),
        test_file(json!({}), json!({"Effect": "ALLOW"})),
        test_file(
            device.clone(),
            json!({"Effect": "ALLOW", "DecidedBy": "OVERRIDE", "MatchedRules": ["m"]}),
        ),
    ];
    for file in passing {
        assert_eq!(tests_codes(&file.to_string()), Vec::<&str>::new(), "{file}");
        assert_eq!(errors(&validator, &file), Vec::<String>::new(), "{file}");
    }
    let long_name = "t".repeat(257);
    let failing = [
        (json!({}), "required"),
        (json!({"Tests": {}}), "type"),
        (
            json!({"Tests": [{"Name": long_name, "Request": access, "Expect": {"Effect": "ALLOW"}}]}),
            "length",
        ),
        (
            json!({"Tests": [{"Name": "t", "Request": access}]}),
            "required",
        ),
        (
            test_file(access.clone(), json!({"Effect": "PERMIT"})),
            "enum",
        ),
        (
            test_file(
                access.clone(),
                json!({"Effect": "ALLOW", "DecidedBy": "USER"}),
            ),
            "enum",
        ),
        (
            test_file(
                access.clone(),
                json!({"Effect": "ALLOW", "MatchedRules": ["a b"]}),
            ),
            "pattern",
        ),
        (
            test_file(
                access.clone(),
                json!({"Effect": "ALLOW", "MatchedRules": vec!["r"; 11]}),
            ),
            "list-length",
        ),
        (
            test_file(
                access.clone(),
                json!({"Effect": "ALLOW", "MatchedRules": [{"ImpersonationRuleId": "r"}]}),
            ),
            "type",
        ),
        (
            test_file(
                json!({"IpAddress": "::1", "Action": "IMAP", "UserId": "S-1-1-11-1111111111"}),
                json!({"Effect": "ALLOW"}),
            ),
            "pattern",
        ),
        (
            test_file(
                json!({"IpAddress": "192.0.2.1", "UserId": "S-1-1-11-1111111111"}),
                json!({"Effect": "ALLOW"}),
            ),
            "required",
        ),
        (
            test_file(
                json!({"Action": "imap", "IpAddress": "192.0.2.1"}),
                json!({"Effect": "ALLOW"}),
            ),
            "enum",
        ),
        (
            test_file(
                json!({"ImpersonationRoleId": "archiver", "TargetUser": "jane doe"}),
                json!({"Effect": "ALLOW"}),
            ),
            "pattern",
        ),
        (
            test_file(target.clone(), json!({"Effect": "ALLOW", "Type": "WRITE"})),
            "enum",
        ),
        (
            test_file(
                target,
                json!({"Effect": "ALLOW", "MatchedRules": [{"Name": "x"}]}),
            ),
            "required",
        ),
        (
            test_file(json!({"DeviceType": ""}), json!({"Effect": "ALLOW"})),
            "length",
        ),
        (
            test_file(
                device,
                json!({"Effect": "ALLOW", "MatchedRules": [{"MobileDeviceAccessRuleId": "m"}]}),
            ),
            "required",
        ),
        (
            test_file(json!({"DeviceId": "ABC"}), json!({"Effect": "ALLOW"})),
            "required",
        ),
        (
            test_file(
                json!({"DeviceType": "iPhone", "Colour": "red"}),
                json!({"Effect": "ALLOW"}),
            ),
            "unknown-member",
        ),
    ];
    for (file, code) in failing {
        let text = file.to_string();
        assert!(!validator.is_valid(&file), "the schema accepts {text}");
        assert!(
            tests_codes(&text).contains(&code),
            "the loader does not report `{code}` for {text}: {:?}",
            tests_codes(&text)
        );
    }
    assert!(validator.is_valid(&json!({SCHEMA_MEMBER: SchemaFile::Tests.id(), "Tests": []})));
    // The loader is as quiet about `$schema` in a tests file as in a document.
    let named = json!({SCHEMA_MEMBER: SchemaFile::Tests.id(), "Tests": []}).to_string();
    assert_eq!(tests_codes(&named), Vec::<&str>::new());
}

/// A tests file of one property.
fn property_file(property: Value) -> Value {
    json!({"Properties": [property]})
}

#[test]
fn properties_pass_and_fail_with_the_loader() {
    let validator = validator(SchemaFile::Tests);
    let passing = [
        json!({"Name": "a", "ForAll": {"Actions": ["IMAP"], "NotIpRanges": ["192.0.2.0/24"], "Principals": "Users"},
               "Expect": {"Effect": "DENY", "MatchedRules": ["office-imap"]}}),
        json!({"Name": "i", "ForAll": {"ImpersonationRoleIds": ["archiver"], "TargetUsers": ["ceo@example.com"]},
               "Expect": {"Effect": "DENY", "MatchedRules": [{"ImpersonationRuleId": "ceo"}]}}),
        json!({"Name": "t", "ForAll": {}, "Expect": {"Effect": "ALLOW", "Type": "READ_ONLY"}}),
        json!({"Name": "o", "Operation": "GetImpersonationRoleEffect", "ForAll": {}, "Expect": {"Effect": "ALLOW"}}),
        json!({"Name": "m", "ForAll": {"DeviceOperatingSystems": ["Android 9", "$NONE"]},
               "Expect": {"Effect": "DENY", "MatchedRules": [{"MobileDeviceAccessRuleId": "old", "Name": "Old"}]}}),
    ];
    for property in passing {
        let file = property_file(property);
        assert!(validator.is_valid(&file), "the schema refuses {file}");
        assert!(
            load_tests(&file.to_string()).is_ok(),
            "the loader refuses {file}"
        );
    }
    let failing = [
        (
            json!({"Name": "x", "ForAll": {"Action": ["IMAP"]}, "Expect": {"Effect": "DENY"}}),
            "unknown-member",
        ),
        (
            json!({"Name": "x", "ForAll": {"Actions": ["imap"]}, "Expect": {"Effect": "DENY"}}),
            "enum",
        ),
        (
            json!({"Name": "x", "ForAll": {"IpRanges": ["10.0.0.0/33"]}, "Expect": {"Effect": "DENY"}}),
            "pattern",
        ),
        (
            json!({"Name": "x", "ForAll": {"Principals": "Everyone"}, "Expect": {"Effect": "DENY"}}),
            "enum",
        ),
        (
            json!({"Name": "x", "ForAll": {}, "Expect": {"Effect": "DENY", "DecidedBy": "RULES"}}),
            "unknown-member",
        ),
        (json!({"Name": "x", "ForAll": {}}), "required"),
        (
            json!({"Name": "x", "ForAll": {"TargetUsers": []}, "Expect": {"Effect": "DENY"}}),
            "list-length",
        ),
        (
            json!({"Name": "x", "ForAll": {"TargetUsers": ["a"], "DeviceTypes": ["iPhone"]}, "Expect": {"Effect": "DENY"}}),
            "unknown-member",
        ),
        (
            json!({"Name": "x", "Operation": "GetAccessControlEffect", "ForAll": {"DeviceTypes": ["iPhone"]}, "Expect": {"Effect": "DENY"}}),
            "unknown-member",
        ),
        (
            json!({"Name": "x", "ForAll": {"Actions": ["IMAP"]}, "Expect": {"Effect": "DENY", "MatchedRules": [{"Name": "x"}]}}),
            "type",
        ),
    ];
    for (property, code) in failing {
        let file = property_file(property);
        let text = file.to_string();
        assert!(!validator.is_valid(&file), "the schema accepts {text}");
        let codes = match load_tests(&text) {
            Ok(_) => Vec::new(),
            Err(error) => error.diagnostics.iter().map(|d| d.code).collect(),
        };
        assert!(
            codes.contains(&code),
            "the loader does not report `{code}` for {text}: {codes:?}"
        );
    }
    // A file needs tests, properties or both.
    assert!(!validator.is_valid(&json!({})));
    assert!(validator.is_valid(&json!({"Properties": []})));
}

/// Every string shape with a pattern that the schemas use, and every request's.
fn patterned_shapes() -> Vec<&'static StringShape> {
    fn walk(shape: Shape, found: &mut Vec<&'static StringShape>, seen: &mut Vec<usize>) {
        match shape {
            Shape::String(string) => {
                if string.pattern.is_some()
                    && !found.iter().any(|known| std::ptr::eq(*known, string))
                {
                    found.push(string);
                }
            }
            Shape::List(list) => walk(list.member, found, seen),
            Shape::Structure(structure) => {
                let address = std::ptr::from_ref(structure) as usize;
                if !seen.contains(&address) {
                    seen.push(address);
                    for member in structure.members {
                        walk(member.shape, found, seen);
                    }
                }
            }
            Shape::Enum(_) | Shape::Integer(_) | Shape::Timestamp | Shape::Any => {}
        }
    }
    let mut found = Vec::new();
    let mut seen = Vec::new();
    let roots = [
        Shape::Structure(&shape::DOCUMENT),
        Shape::Structure(&shape::LIST_USERS_OUTPUT),
        Shape::Structure(&shape::LIST_IMPERSONATION_ROLES_OUTPUT),
        Shape::Structure(&shape::LIST_MOBILE_DEVICE_ACCESS_OVERRIDES_OUTPUT),
    ];
    let requests = Operation::ALL
        .iter()
        .map(|operation| Shape::Structure(operation.input_shape()));
    for root in roots.into_iter().chain(requests) {
        walk(root, &mut found, &mut seen);
    }
    found
}

/// Each string schema (lengths and pattern) accepts exactly the strings the loader accepts for
/// its shape, over strings chosen at the edges of every pattern.
#[test]
fn every_pattern_matches_what_the_loader_matches() {
    let samples = [
        "",
        "a",
        "my_rule-1",
        "my rule",
        "a.b",
        "café",
        "€",
        "😀",
        "tab\there",
        "line\nline",
        "cr\rline",
        "a<b",
        "a>b",
        "a\\b",
        "\u{7f}",
        "\u{1f}",
        " ",
        "~",
        "!",
        "m-0123456789abcdef0123456789abcdef",
        "m-0123456789ABCDEF0123456789abcdef",
        "m-n1pq2345678r901st2u3vx45x6789yza",
        "192.0.2.1",
        "192.0.2.01",
        "256.0.0.1",
        "10.0.0.0/8",
        "10.0.0.0/33",
        "10.0.0.0/08",
        "::1",
        "::/0",
        "jane.doe@example.com",
        "jane@localhost",
        "jane@example.c",
        "jane@exa_mple.com",
        "jane@example.co-m",
        "jane_doe",
        "jane-doe.x",
        "jane@example.com",
        "ñame",
        "S-1-1-11-1111111111",
        "short",
        "with space long enough",
        "0123456789-ABCDEF01-2345-6789-abcd-ef0123456789",
        "abcdef01-2345-6789-abcd-ef0123456789",
        "abcdef01",
        "ABCDEF01-2345-6789-ABCD-EF0123456789",
        "d-0123456789",
        "d-012345678",
        "d-ABCDEF0123",
        "ABC123",
        "ABC-123",
        "abc%+@-._",
        "0123-abcd-",
        "xyz-",
        "a/b=c+",
        "$NONE",
        "iPhone",
        "Android 9",
    ];
    let shapes = patterned_shapes();
    assert!(shapes.len() >= 20, "only {} patterns", shapes.len());
    for string in shapes {
        let Some(pattern) = &string.pattern else {
            continue;
        };
        let expression = pattern_expression(pattern);
        let schema = json!({"type": "string", "minLength": string.min, "maxLength": string.max,
            "pattern": expression});
        let validator = jsonschema::draft202012::new(&schema)
            .unwrap_or_else(|error| panic!("{}: `{expression}`: {error}", string.name));
        for sample in samples {
            let mut violations = Vec::new();
            shape::check(
                &json!(sample),
                Shape::String(string),
                &ShapePath::root(),
                &mut violations,
            );
            assert_eq!(
                validator.is_valid(&json!(sample)),
                violations.is_empty(),
                "{} `{expression}` on {sample:?}",
                string.name
            );
        }
    }
}
