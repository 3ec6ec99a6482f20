//! JSON Schemas (draft 2020-12) of the two kinds of file this project reads: the organization
//! document (with every raw AWS CLI output the loader recognises) and the tests file. An editor
//! given one (`"$schema": "…"` in the file) completes member names and checks values as the user
//! types; the playground's editor uses the document schema the same way.
//!
//! ```
//! use workmail_policy::schema::SchemaFile;
//!
//! let schema = SchemaFile::Organization.schema();
//! assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert_eq!(schema["$id"], SchemaFile::Organization.id());
//! let rule = &schema["$defs"]["AccessControlRule"]["properties"];
//! assert_eq!(rule["Name"]["maxLength"], 64);
//! assert_eq!(rule["Effect"]["enum"], serde_json::json!(["ALLOW", "DENY"]));
//! ```
//!
//! Decisions:
//! - **Generated from the shapes, not from the serde types.** The constraints the loader checks
//!   live in [`crate::shape`] as data (lengths, full-string patterns, enums, list sizes, required
//!   members), the very data [`crate::document::load`] walks. A schema derived from the serde
//!   types (schemars) would know the member names and types but none of those constraints, and
//!   would need each one written again as an attribute. Walking the shapes keeps one source: a
//!   constraint changed in the shapes changes the schema, and `cargo xtask types --check` fails
//!   until the committed files are regenerated.
//! - **Which kind of text** a document is follows the loader's own table
//!   ([`crate::document`]'s markers, in the same order), written as `if`/`then`/`else`: a
//!   `list-access-control-rules` output is checked as one, an organization document as one.
//! - **Patterns** are the AWS expressions, anchored (the model applies them to the whole
//!   string), except where [`Pattern::schema`] gives an ECMAScript expression
//!   because the AWS one is not portable or the loader accepts more. Lengths count characters
//!   (code points) in both the schema and the loader.
//! - **Stricter in one respect:** members the loader ignores with an `unknown-member` warning
//!   (D3) are not allowed (`additionalProperties: false`), so that an editor marks a misspelt
//!   member. The root's `$schema` member ([`crate::document::SCHEMA_MEMBER`]) is allowed.
//! - **What a schema cannot say** is left to the loader: repeated rule names and IDs, references
//!   to users and roles, the limits that only warn (D9, D15, D35), the text of an ISO 8601
//!   timestamp, JSON members written twice. A document the schema accepts may still be refused
//!   for those; one it refuses is refused by the loader too, or loads with a warning.
//! - **Descriptions** say what each member is, its AWS constraint, and the decision (`D1`-`D46`,
//!   [`crate::semantics::Decision`]) it rests on where there is one, for an editor's hover.
//! - **`$id`** is where the committed file is published in the repository ([`SCHEMA_BASE`]);
//!   the npm package ships copies under `schemas/`.

mod build;
mod meaning;
mod tests_file;

use serde_json::{Map, Value, json};

use crate::document::{DocumentKind, Marker, RECOGNISED};
use crate::shape::Pattern;
use build::Builder;

/// The dialect of every schema here.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Where the committed schemas are published: each one's `$id` is this and its file name.
pub const SCHEMA_BASE: &str = "https://raw.githubusercontent.com/workmail-policy/workmail-policy/main/crates/workmail-policy/schemas/";

/// One of the generated schemas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaFile {
    /// `organization.schema.json`: an organization document or a raw AWS CLI output.
    Organization,
    /// `tests.schema.json`: a tests file (`{"Tests": [...]}`).
    Tests,
}

impl SchemaFile {
    /// Every schema.
    pub const ALL: [Self; 2] = [Self::Organization, Self::Tests];

    /// Its file name.
    ///
    /// ```
    /// use workmail_policy::schema::SchemaFile;
    /// assert_eq!(SchemaFile::Tests.file_name(), "tests.schema.json");
    /// ```
    pub const fn file_name(self) -> &'static str {
        match self {
            Self::Organization => "organization.schema.json",
            Self::Tests => "tests.schema.json",
        }
    }

    /// The schema called `name`, if one is.
    ///
    /// ```
    /// use workmail_policy::schema::SchemaFile;
    /// assert_eq!(SchemaFile::from_file_name("organization.schema.json"), Some(SchemaFile::Organization));
    /// assert_eq!(SchemaFile::from_file_name("types.d.ts"), None);
    /// ```
    pub fn from_file_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|file| file.file_name() == name)
    }

    /// Its `$id`: [`SCHEMA_BASE`] and its file name.
    pub fn id(self) -> String {
        format!("{SCHEMA_BASE}{}", self.file_name())
    }

    /// The schema.
    pub fn schema(self) -> Value {
        match self {
            Self::Organization => organization(),
            Self::Tests => tests_file::schema(),
        }
    }

    /// The schema as its committed file holds it: indented JSON and a final newline.
    pub fn text(self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema()).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// A pattern as JSON Schema's `pattern` takes it: an ECMAScript expression that a string
/// matches anywhere, so anchored here, as the model applies it to the whole string
/// ([`Pattern::schema`] where the AWS expression cannot serve).
///
/// ```
/// use workmail_policy::schema::pattern_expression;
/// use workmail_policy::shape::{ORGANIZATION_ID, RULE_NAME};
/// let of = |shape: &workmail_policy::shape::StringShape| shape.pattern.as_ref().map(pattern_expression);
/// assert_eq!(of(&RULE_NAME).as_deref(), Some("^(?:[a-zA-Z0-9_-]+)$"));
/// assert_eq!(of(&ORGANIZATION_ID).as_deref(), Some("^m-[0-9a-f]{32}$"));
/// ```
pub fn pattern_expression(pattern: &Pattern) -> String {
    match pattern.schema {
        Some(schema) => schema.to_owned(),
        None if pattern.source.starts_with('^') && pattern.source.ends_with('$') => {
            pattern.source.to_owned()
        }
        None => format!("^(?:{})$", pattern.source),
    }
}

/// The members every generated schema starts with.
fn header(file: SchemaFile, title: &str, description: &str) -> Map<String, Value> {
    let mut header = Map::new();
    header.insert("$schema".to_owned(), json!(DIALECT));
    header.insert("$id".to_owned(), json!(file.id()));
    header.insert("title".to_owned(), json!(title));
    header.insert("description".to_owned(), json!(description));
    header.insert(
        "$comment".to_owned(),
        json!("generated from the shapes of the workmail-policy crate by `cargo xtask types`; do not edit"),
    );
    header
}

/// The organization document schema: the kinds of text [`crate::document::load`] reads, told
/// apart as it tells them apart.
fn organization() -> Value {
    let mut builder = Builder::default();
    // Each kind of text is a definition named as the loader names the kind.
    let mut kind = |kind: DocumentKind| builder.root_reference(&format!("{kind:?}"), kind.shape());
    let roles = kind(DocumentKind::ImpersonationRoleArray);
    let mut kinds = kind(DocumentKind::Organization);
    for (marker, recognised) in RECOGNISED.iter().rev() {
        let then = kind(*recognised);
        kinds = json!({"if": marker_schema(*marker), "then": then, "else": kinds});
    }
    let mut schema = header(
        SchemaFile::Organization,
        "workmail-policy organization document",
        "An organization document (`OrganizationId`, `Users`, `AccessControlRules`, \
         `ImpersonationRoles`, `MobileDeviceAccessRules`, `MobileDeviceAccessOverrides`, \
         `Emulator`; every key optional, D1), or the output of `aws workmail \
         list-access-control-rules`, `list-users`, `get-impersonation-role` (one, or an array of \
         them), `list-impersonation-roles`, `list-mobile-device-access-rules` or \
         `list-mobile-device-access-overrides` as printed (D3, D26).",
    );
    schema.insert("if".to_owned(), json!({"type": "array"}));
    schema.insert("then".to_owned(), roles);
    schema.insert("else".to_owned(), kinds);
    schema.insert("$defs".to_owned(), Value::Object(builder.into_defs()));
    Value::Object(schema)
}

/// What holds when a text has `marker` (an object without the member(s) has none; any other
/// value is not an object, and is then refused whatever the branch).
fn marker_schema(marker: Marker) -> Value {
    match marker {
        Marker::AnyMember([name]) => json!({"required": [name]}),
        Marker::AnyMember(names) => json!({
            "anyOf": names.iter().map(|name| json!({"required": [name]})).collect::<Vec<_>>()
        }),
        Marker::FirstRuleHas(name) => json!({
            "required": ["Rules"],
            "properties": {"Rules": {
                "type": "array",
                "minItems": 1,
                "prefixItems": [{"type": "object", "required": [name]}]
            }}
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SCHEMA_MEMBER;

    #[test]
    fn a_pattern_is_anchored_unless_it_is_at_both_ends_already() {
        let pattern = |source, schema| crate::shape::Pattern {
            source,
            matches: |_| true,
            schema,
        };
        for (source, expected) in [
            ("a+", "^(?:a+)$"),
            ("^a+$", "^a+$"),
            ("^a+", "^(?:^a+)$"),
            ("a+$", "^(?:a+$)$"),
        ] {
            assert_eq!(pattern_expression(&pattern(source, None)), expected);
        }
        assert_eq!(
            pattern_expression(&pattern("\\w+", Some("^[A-Za-z0-9_]+$"))),
            "^[A-Za-z0-9_]+$"
        );
    }

    #[test]
    fn every_schema_is_named_by_its_file_name() {
        for file in SchemaFile::ALL {
            assert_eq!(SchemaFile::from_file_name(file.file_name()), Some(file));
            let schema = file.schema();
            assert_eq!(schema["$id"], json!(file.id()));
            assert!(file.id().ends_with(file.file_name()));
            assert!(file.text().ends_with("}\n"));
        }
    }

    #[test]
    fn the_kinds_are_tried_in_the_loaders_order() {
        let schema = SchemaFile::Organization.schema();
        let mut branch = &schema["else"];
        for (marker, _) in RECOGNISED {
            assert_eq!(branch["if"], marker_schema(marker));
            branch = &branch["else"];
        }
        assert_eq!(branch, &json!({"$ref": "#/$defs/Organization"}));
        let organization = &schema["$defs"]["Organization"]["properties"];
        assert_eq!(organization["OrganizationId"]["maxLength"], 34);
        assert!(organization.get(SCHEMA_MEMBER).is_some());
        assert_eq!(
            schema["then"],
            json!({"$ref": "#/$defs/ImpersonationRoleArray"})
        );
    }
}
