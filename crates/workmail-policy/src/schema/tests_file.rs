//! The tests file's schema: `{"Tests": [...]}`, as [`crate::analysis::load_tests`] reads it.
//!
//! A test's own members (its name, its expectation, the rules the expectation names) are shapes
//! the loader keeps private to `analysis::test_suite`; they are restated below, and the
//! crate's schema tests check that the loader and the schema refuse the same files. A test's
//! `Request` is the input of the operation its members name, told apart in the order
//! [`crate::analysis::TestRequest::operation_of`] tries them, and that operation also says what
//! `Expect.MatchedRules` holds: one `if`/`then`/`else` per operation.
//!
//! `Properties` is allowed at the top level as an array of objects, without describing their
//! members: [`properties`] is where their schema goes once the format is settled.

use serde_json::{Value, json};

use super::build::{Builder, constraint};
use super::meaning;
use super::{Marker, SchemaFile, header, marker_schema};
use crate::api::Operation;
use crate::shape::{
    self, EnumShape, ListShape, Shape, StringShape, StructureShape, member, required,
};

static TEST_NAME: StringShape = StringShape {
    name: "TestName",
    min: 1,
    max: 256,
    pattern: None,
};

static DECIDED_BY: EnumShape = EnumShape {
    name: "DecidedBy",
    values: &["ACCESS_CONTROL", "OVERRIDE", "RULES"],
};

/// The expected rules; what each one is depends on the operation ([`matched_rule`]).
static EXPECTED_RULES: ListShape = ListShape {
    name: "MatchedRules",
    min: 0,
    max: 10,
    member: Shape::Any,
};

static EXPECT: StructureShape = StructureShape {
    name: "Expect",
    members: &[
        required("Effect", Shape::Enum(&shape::ACCESS_EFFECT)),
        member("MatchedRules", Shape::List(&EXPECTED_RULES)),
        member("Type", Shape::Enum(&shape::ROLE_TYPE)),
        member("DecidedBy", Shape::Enum(&DECIDED_BY)),
    ],
};

/// A test; its `Request` is an object ([`request`]), the input of its operation
/// ([`by_operation`]).
static TEST: StructureShape = StructureShape {
    name: "Test",
    members: &[
        required("Name", Shape::String(&TEST_NAME)),
        required("Request", Shape::Any),
        required("Expect", Shape::Structure(&EXPECT)),
    ],
};

static TESTS: ListShape = ListShape {
    name: "Tests",
    min: 0,
    max: usize::MAX,
    member: Shape::Structure(&TEST),
};

static SUITE: StructureShape = StructureShape {
    name: "TestSuite",
    members: &[required("Tests", Shape::List(&TESTS))],
};

static IMPERSONATION_MATCHED_RULE: StructureShape = StructureShape {
    name: "ImpersonationMatchedRule",
    members: &[
        required(
            "ImpersonationRuleId",
            Shape::String(&shape::IMPERSONATION_RULE_ID),
        ),
        member("Name", Shape::String(&shape::IMPERSONATION_RULE_NAME)),
    ],
};

static MOBILE_MATCHED_RULE: StructureShape = StructureShape {
    name: "MobileDeviceAccessMatchedRule",
    members: &[
        required(
            "MobileDeviceAccessRuleId",
            Shape::String(&shape::MOBILE_RULE_ID),
        ),
        required("Name", Shape::String(&shape::MOBILE_RULE_NAME)),
    ],
};

/// The operations a request's members name, in the order tried: the first row the request has
/// a member of names its operation, and a request with none asks [`OTHERWISE`].
pub(super) const OPERATIONS: [(&[&str], Operation); 3] = [
    (&["TargetUser"], Operation::GetImpersonationRoleEffect),
    (&["DeviceId"], Operation::EvaluateMobileDeviceAccess),
    (
        &["IpAddress", "Action", "UserId", "ImpersonationRoleId"],
        Operation::GetAccessControlEffect,
    ),
];

/// The operation of a request with none of the members of [`OPERATIONS`] (D33).
pub(super) const OTHERWISE: Operation = Operation::GetMobileDeviceAccessEffect;

/// The tests file's schema.
pub(super) fn schema() -> Value {
    let mut builder = Builder::default();
    let mut root = builder.root(Shape::Structure(&SUITE));
    if let Some(Value::Object(members)) = root.get_mut("properties") {
        members.insert("Properties".to_owned(), properties());
    }
    let mut test = by_operation(&mut builder, OTHERWISE);
    for (names, operation) in OPERATIONS.iter().rev() {
        let then = by_operation(&mut builder, *operation);
        test = json!({
            "if": {"properties": {"Request": marker_schema(Marker::AnyMember(names))}},
            "then": then,
            "else": test
        });
    }
    let mut defs = builder.into_defs();
    if let (Some(Value::Object(definition)), Value::Object(branches)) =
        (defs.get_mut(TEST.name), test)
    {
        if let Some(Value::Object(members)) = definition.get_mut("properties") {
            members.insert("Request".to_owned(), request());
        }
        definition.extend(branches);
    }
    let mut schema = header(
        SchemaFile::Tests,
        "workmail-policy tests file",
        "Saved questions for an organization document, each with the answer it must get: \
         `workmail-policy test`, and the playground's and the npm package's tests.",
    );
    if let Value::Object(members) = root {
        // The header's title, not the structure's name.
        schema.extend(members.into_iter().filter(|(key, _)| key != "title"));
    }
    schema.insert("$defs".to_owned(), Value::Object(defs));
    Value::Object(schema)
}

/// The top-level `Properties` member: an array of objects. The schema of one property goes in
/// `items` once the format is settled.
fn properties() -> Value {
    let text = meaning::of(SUITE.name, "Properties").map_or("", |meaning| meaning.text);
    json!({
        "type": "array",
        "items": {"type": "object"},
        "description": format!("{text}. Any number of objects.")
    })
}

/// A test's `Request` member: an object, whose schema each operation's branch gives.
fn request() -> Value {
    let text = meaning::of(TEST.name, "Request").map_or("", |meaning| meaning.text);
    json!({
        "type": "object",
        "description": format!("{text}. Required. An object: the input of the operation its members name.")
    })
}

/// What a test asking `operation` holds beyond [`TEST`]: its request, and the rules its
/// expectation names.
fn by_operation(builder: &mut Builder, operation: Operation) -> Value {
    let request = builder.reference(operation.input_shape());
    let rule = matched_rule(builder, operation);
    json!({"properties": {
        "Request": request,
        "Expect": {"properties": {"MatchedRules": {"items": rule}}}
    }})
}

/// An expected `MatchedRules` entry for `operation`: a rule's name or ID, or the object AWS
/// prints for a matched impersonation or mobile rule.
fn matched_rule(builder: &mut Builder, operation: Operation) -> Value {
    let (text, object) = match operation {
        Operation::GetAccessControlEffect => {
            return builder.shape(Shape::String(&shape::RULE_NAME));
        }
        Operation::GetImpersonationRoleEffect => {
            (&shape::IMPERSONATION_RULE_ID, &IMPERSONATION_MATCHED_RULE)
        }
        _ => (&shape::MOBILE_RULE_ID, &MOBILE_MATCHED_RULE),
    };
    let description = format!(
        "{}, or {}",
        constraint(Shape::String(text)),
        constraint(Shape::Structure(object))
    );
    json!({
        "anyOf": [builder.shape(Shape::String(text)), builder.reference(object)],
        "description": description
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::TestRequest;

    /// The members that tell operations apart, and one that names none.
    const TELLING: [&str; 7] = [
        "TargetUser",
        "DeviceId",
        "IpAddress",
        "Action",
        "UserId",
        "ImpersonationRoleId",
        "DeviceType",
    ];

    #[test]
    fn operations_are_told_apart_as_the_loader_tells_them() {
        // Every set of the telling members, as a bit set over `TELLING`.
        for set in 0_u32..1 << TELLING.len() {
            let has = |name: &str| {
                TELLING
                    .iter()
                    .position(|telling| *telling == name)
                    .is_some_and(|at| set & (1 << at) != 0)
            };
            let table = OPERATIONS
                .iter()
                .find(|(names, _)| names.iter().any(|name| has(name)))
                .map_or(OTHERWISE, |(_, operation)| *operation);
            assert_eq!(table, TestRequest::operation_of(has), "members {set:b}");
        }
    }

    #[test]
    fn each_operation_names_its_request_and_rules() {
        let schema = schema();
        let test = &schema["$defs"]["Test"];
        assert_eq!(test["required"], json!(["Name", "Request", "Expect"]));
        assert_eq!(
            test["if"],
            json!({"properties": {"Request": {"required": ["TargetUser"]}}})
        );
        assert_eq!(
            test["then"]["properties"]["Request"]["$ref"],
            "#/$defs/GetImpersonationRoleEffectRequest"
        );
        let access = &test["else"]["else"]["then"]["properties"];
        assert_eq!(
            access["Request"]["$ref"],
            "#/$defs/GetAccessControlEffectRequest"
        );
        assert_eq!(
            access["Expect"]["properties"]["MatchedRules"]["items"]["maxLength"],
            64
        );
        let mobile = &test["else"]["else"]["else"]["properties"];
        assert_eq!(
            mobile["Request"]["$ref"],
            "#/$defs/GetMobileDeviceAccessEffectRequest"
        );
        assert_eq!(
            schema["properties"]["Properties"]["items"],
            json!({"type": "object"})
        );
    }
}
