//! The walk from shapes to schema objects, with a description on every member.

use serde_json::{Map, Value, json};

use super::{meaning, pattern_expression};
use crate::document::SCHEMA_MEMBER;
use crate::shape::{ListShape, Member, Shape, StringShape, StructureShape};

/// Builds schema objects, collecting one definition (`$defs`) per structure reached.
#[derive(Debug, Default)]
pub(super) struct Builder {
    /// The definitions, in the order first reached.
    defs: Map<String, Value>,
    /// The structure behind each definition's name.
    named: Vec<(String, &'static StructureShape)>,
}

impl Builder {
    /// The definitions built so far.
    pub(super) fn into_defs(self) -> Map<String, Value> {
        self.defs
    }

    /// The schema of a whole text of `shape`: a structure is written out in place, with the
    /// root's [`SCHEMA_MEMBER`] allowed.
    pub(super) fn root(&mut self, shape: Shape) -> Value {
        match shape {
            Shape::Structure(structure) => self.structure(structure, true),
            other => self.shape(other),
        }
    }

    /// A reference to the definition called `name` of a whole text of `shape` ([`Builder::root`]),
    /// defining it when first asked for.
    pub(super) fn root_reference(&mut self, name: &str, shape: Shape) -> Value {
        if !self.defs.contains_key(name) {
            self.defs.insert(name.to_owned(), Value::Null);
            let schema = self.root(shape);
            self.defs.insert(name.to_owned(), schema);
        }
        json!({"$ref": format!("#/$defs/{name}")})
    }

    /// The schema of a value of `shape`; a structure is a reference to its definition.
    pub(super) fn shape(&mut self, shape: Shape) -> Value {
        match shape {
            Shape::String(string) => string_schema(string),
            Shape::Enum(enumeration) => json!({"type": "string", "enum": enumeration.values}),
            Shape::Integer(integer) => {
                json!({"type": "integer", "minimum": integer.min, "maximum": integer.max})
            }
            Shape::Timestamp => json!({"type": ["number", "string"]}),
            Shape::List(list) => self.list(list),
            Shape::Structure(structure) => self.reference(structure),
            Shape::Any => json!({}),
        }
    }

    /// A reference to the definition of `structure`, defining it when first reached. Two
    /// structures with one AWS name get two definitions (the second name numbered).
    pub(super) fn reference(&mut self, structure: &'static StructureShape) -> Value {
        json!({"$ref": format!("#/$defs/{}", self.define(structure))})
    }

    fn define(&mut self, structure: &'static StructureShape) -> String {
        if let Some((name, _)) = self
            .named
            .iter()
            .find(|(_, known)| std::ptr::eq(*known, structure))
        {
            return name.clone();
        }
        let mut name = structure.name.to_owned();
        let mut number = 2;
        while self.defs.contains_key(&name) {
            name = format!("{}{number}", structure.name);
            number += 1;
        }
        self.named.push((name.clone(), structure));
        // Reserves the name and the place, so that a structure reached again while it is being
        // built is only referred to.
        self.defs.insert(name.clone(), Value::Null);
        let schema = self.structure(structure, false);
        self.defs.insert(name.clone(), schema);
        name
    }

    fn structure(&mut self, structure: &'static StructureShape, root: bool) -> Value {
        let mut properties = Map::new();
        if root {
            properties.insert(
                SCHEMA_MEMBER.to_owned(),
                json!({"description": "The JSON Schema an editor checks this text with; the loader ignores it."}),
            );
        }
        for member in structure.members {
            let mut schema = self.shape(member.shape);
            if let Value::Object(object) = &mut schema {
                object.insert("description".to_owned(), json!(describe(structure, member)));
            }
            properties.insert(member.name.to_owned(), schema);
        }
        let required: Vec<&str> = structure
            .members
            .iter()
            .filter(|member| member.required)
            .map(|member| member.name)
            .collect();
        let mut schema = Map::new();
        schema.insert("title".to_owned(), json!(structure.name));
        schema.insert("type".to_owned(), json!("object"));
        schema.insert("properties".to_owned(), Value::Object(properties));
        if !required.is_empty() {
            schema.insert("required".to_owned(), json!(required));
        }
        schema.insert("additionalProperties".to_owned(), json!(false));
        Value::Object(schema)
    }

    fn list(&mut self, list: &'static ListShape) -> Value {
        let mut schema = Map::new();
        schema.insert("type".to_owned(), json!("array"));
        if list.min > 0 {
            schema.insert("minItems".to_owned(), json!(list.min));
        }
        if list.max != usize::MAX {
            schema.insert("maxItems".to_owned(), json!(list.max));
        }
        schema.insert("items".to_owned(), self.shape(list.member));
        Value::Object(schema)
    }
}

fn string_schema(string: &StringShape) -> Value {
    let mut schema = Map::new();
    schema.insert("type".to_owned(), json!("string"));
    if string.min > 0 {
        schema.insert("minLength".to_owned(), json!(string.min));
    }
    schema.insert("maxLength".to_owned(), json!(string.max));
    if let Some(pattern) = &string.pattern {
        schema.insert("pattern".to_owned(), json!(pattern_expression(pattern)));
    }
    Value::Object(schema)
}

/// A member's description: what it is, whether it is required, its constraint (named by the
/// AWS shape) and the decision it rests on.
pub(super) fn describe(structure: &StructureShape, member: &Member) -> String {
    let mut parts = Vec::new();
    let meaning = meaning::of(structure.name, member.name);
    if let Some(meaning) = &meaning {
        parts.push(format!("{}.", meaning.text));
    }
    if member.required {
        parts.push("Required.".to_owned());
    }
    parts.push(format!("{}.", sentence(&constraint(member.shape))));
    if let Some(decision) = meaning.and_then(|meaning| meaning.decision) {
        parts.push(format!("{}: {}.", decision.id(), decision.summary()));
    }
    parts.join(" ")
}

/// `text` with its first letter in capitals, to start a sentence.
pub(super) fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The constraint of a shape, in words, named by the shape (the AWS model's name for the
/// model's shapes).
pub(super) fn constraint(shape: Shape) -> String {
    match shape {
        Shape::String(string) => {
            let length = if string.min == string.max {
                format!("{} characters", string.min)
            } else {
                format!("{} to {} characters", string.min, string.max)
            };
            match &string.pattern {
                Some(pattern) => {
                    format!("`{}`: {length} matching `{}`", string.name, pattern.source)
                }
                None => format!("`{}`: {length}", string.name),
            }
        }
        Shape::Enum(enumeration) => {
            let values: Vec<String> = enumeration
                .values
                .iter()
                .map(|value| format!("`{value}`"))
                .collect();
            format!("`{}`: one of {}", enumeration.name, values.join(", "))
        }
        Shape::Integer(integer) => {
            format!("an integer from {} to {}", integer.min, integer.max)
        }
        Shape::Timestamp => {
            "a timestamp: epoch seconds, or an ISO 8601 string with an offset".to_owned()
        }
        Shape::List(list) => {
            let size = match (list.min, list.max) {
                (0, usize::MAX) => "any number of items".to_owned(),
                (min, usize::MAX) => format!("at least {min} items"),
                (min, max) => format!("{min} to {max} items"),
            };
            let item = match list.member {
                Shape::Structure(structure) => format!("an object (`{}`)", structure.name),
                other => constraint(other),
            };
            format!("`{}`: {size}, each {item}", list.name)
        }
        Shape::Structure(structure) => format!("an object (`{}`)", structure.name),
        Shape::Any => "any JSON value".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape;

    #[test]
    fn patterns_are_anchored_once() {
        let pattern = |shape: &StringShape| shape.pattern.as_ref().map(pattern_expression);
        assert_eq!(
            pattern(&shape::RULE_NAME).as_deref(),
            Some("^(?:[a-zA-Z0-9_-]+)$")
        );
        assert_eq!(
            pattern(&shape::ORGANIZATION_ID).as_deref(),
            Some("^m-[0-9a-f]{32}$")
        );
        assert_eq!(
            pattern(&shape::RULE_DESCRIPTION).as_deref(),
            Some("^[\\u0020-\\u00FF]*$")
        );
    }

    #[test]
    fn constraints_read_as_the_model_states_them() {
        assert_eq!(
            constraint(Shape::List(&shape::ACTIONS_LIST)),
            "`ActionsList`: 0 to 10 items, each `AccessControlRuleAction`: one of `ActiveSync`, `AutoDiscover`, `EWS`, `IMAP`, `SMTP`, `WindowsOutlook`, `WebMail`"
        );
        assert_eq!(
            constraint(Shape::String(&shape::ORGANIZATION_ID)),
            "`OrganizationId`: 34 characters matching `^m-[0-9a-f]{32}$`"
        );
        assert_eq!(
            constraint(Shape::List(&shape::USERS)),
            "`Users`: any number of items, each an object (`User`)"
        );
    }

    #[test]
    fn a_structure_reached_twice_is_defined_once() {
        let mut builder = Builder::default();
        let first = builder.shape(Shape::List(&shape::IMPERSONATION_ROLES));
        let second = builder.reference(&shape::IMPERSONATION_ROLE);
        assert_eq!(first["items"], second);
        assert_eq!(second["$ref"], "#/$defs/GetImpersonationRoleResponse");
        // Other structures with a name already taken get numbered ones, counting on; one met
        // again keeps its number.
        static OTHERS: [StructureShape; 2] = [
            StructureShape {
                name: "ImpersonationRule",
                members: &[],
            },
            StructureShape {
                name: "ImpersonationRule",
                members: &[],
            },
        ];
        let numbered = |builder: &mut Builder, other: &'static StructureShape| {
            builder.reference(other)["$ref"].clone()
        };
        for (other, name) in OTHERS
            .iter()
            .zip(["ImpersonationRule2", "ImpersonationRule3"])
        {
            assert_eq!(numbered(&mut builder, other), format!("#/$defs/{name}"));
        }
        assert_eq!(
            numbered(&mut builder, &OTHERS[0]),
            "#/$defs/ImpersonationRule2"
        );
        let defs = builder.into_defs();
        let names: Vec<&str> = defs.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "GetImpersonationRoleResponse",
                "ImpersonationRule",
                "ImpersonationRule2",
                "ImpersonationRule3"
            ]
        );
        assert_eq!(
            defs["ImpersonationRule"]["required"],
            json!(["ImpersonationRuleId", "Effect"])
        );
    }
}
