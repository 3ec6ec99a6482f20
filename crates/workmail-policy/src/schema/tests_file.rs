//! The tests file's schema: `{"Tests": [...], "Properties": [...]}`, as
//! [`crate::analysis::load_tests`] reads it, from the loader's own shapes.
//!
//! A test's `Request` is the input of the operation its members name, told apart in the order
//! [`crate::analysis::TestRequest::operation_of`] tries them, and that operation also says what
//! `Expect.MatchedRules` holds: one `if`/`then`/`else` per operation. A property's `ForAll` is
//! the scope of the operation it asks, told apart as the loader tells it: `Operation` when
//! given, else `TargetUsers` or `NotTargetUsers` in `ForAll` or `Type` in `Expect` for
//! impersonation, else a device list for mobile device access, else access control.

use serde_json::{Value, json};

use super::build::{Builder, constraint};
use super::meaning;
use super::{Marker, SchemaFile, header, marker_schema};
use crate::analysis::property::{DEVICE_LISTS, PROPERTY, scope_shape};
use crate::analysis::test_suite::{IMPERSONATION_MATCHED_RULE, MOBILE_MATCHED_RULE, SUITE, TEST};
use crate::api::Operation;
use crate::shape::{self, Shape};

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
    let properties = properties(&mut builder);
    if let Some(Value::Object(members)) = root.get_mut("properties") {
        members.insert("Properties".to_owned(), properties);
    }
    if let Value::Object(members) = &mut root {
        // The loader needs one of the two.
        members.insert(
            "anyOf".to_owned(),
            json!([{"required": ["Tests"]}, {"required": ["Properties"]}]),
        );
    }
    let property = property_branches(&mut builder);
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
    if let (Some(Value::Object(definition)), Value::Object(branches)) =
        (defs.get_mut(PROPERTY.name), property)
    {
        if let Some(Value::Object(members)) = definition.get_mut("properties") {
            members.insert("ForAll".to_owned(), for_all());
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

/// The top-level `Properties` member: an array of properties, each with the `ForAll` of the
/// operation it asks.
fn properties(builder: &mut Builder) -> Value {
    let text = meaning::of(SUITE.name, "Properties").map_or("", |meaning| meaning.text);
    let property = builder.reference(&PROPERTY);
    json!({
        "type": "array",
        "items": property,
        "description": format!("{text}. Any number of them.")
    })
}

/// What a property asking `operation` holds beyond [`PROPERTY`]: its `ForAll`, and the rules its
/// expectation names.
fn property_by_operation(builder: &mut Builder, operation: Operation) -> Value {
    let scope = builder.reference(scope_shape(operation));
    let rule = matched_rule(builder, operation);
    json!({"properties": {
        "ForAll": scope,
        "Expect": {"properties": {"MatchedRules": {"items": rule}}}
    }})
}

/// A property's `ForAll` and expected rules by the operation it asks, in the loader's order.
fn property_branches(builder: &mut Builder) -> Value {
    let named = |operation: Operation| json!({"required": ["Operation"], "properties": {"Operation": {"const": operation.name()}}});
    let impersonation = json!({"anyOf": [
        {"properties": {"ForAll": marker_schema(Marker::AnyMember(&["TargetUsers", "NotTargetUsers"]))}},
        {"properties": {"Expect": {"required": ["Type"]}}}
    ]});
    let mobile = json!({"properties": {"ForAll": marker_schema(Marker::AnyMember(&DEVICE_LISTS))}});
    let mut branches = property_by_operation(builder, Operation::GetAccessControlEffect);
    let tried = [
        (mobile, Operation::GetMobileDeviceAccessEffect),
        (impersonation, Operation::GetImpersonationRoleEffect),
        (
            named(Operation::GetAccessControlEffect),
            Operation::GetAccessControlEffect,
        ),
        (
            named(Operation::GetMobileDeviceAccessEffect),
            Operation::GetMobileDeviceAccessEffect,
        ),
        (
            named(Operation::GetImpersonationRoleEffect),
            Operation::GetImpersonationRoleEffect,
        ),
    ];
    for (condition, operation) in tried {
        let then = property_by_operation(builder, operation);
        branches = json!({"if": condition, "then": then, "else": branches});
    }
    branches
}

/// A test's `Request` member: an object, whose schema each operation's branch gives.
fn request() -> Value {
    let text = meaning::of(TEST.name, "Request").map_or("", |meaning| meaning.text);
    json!({
        "type": "object",
        "description": format!("{text}. Required. An object: the input of the operation its members name.")
    })
}

/// A property's `ForAll` member: an object, whose schema each operation's branch gives.
fn for_all() -> Value {
    let text = meaning::of(PROPERTY.name, "ForAll").map_or("", |meaning| meaning.text);
    json!({
        "type": "object",
        "description": format!("{text}. Required. An object: the scope of the operation the property asks.")
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
            schema["properties"]["Properties"]["items"]["$ref"],
            "#/$defs/Property"
        );
        let property = &schema["$defs"]["Property"];
        assert_eq!(property["required"], json!(["Name", "ForAll", "Expect"]));
        assert_eq!(
            property["then"]["properties"]["ForAll"]["$ref"],
            "#/$defs/ImpersonationForAll"
        );
    }
}
