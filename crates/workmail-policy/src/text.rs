//! Files as the command lines read and print them: bytes decoded to text with a located
//! diagnostic when they are not UTF-8, JSON printed the way the AWS CLI prints it, and the
//! request `call` sends without `--input`. Both command lines (the Rust one and the npm
//! package's) use these, so they read and print alike.

use serde::Serialize;
use serde_json::Value;

use crate::api::Operation;
use crate::diagnostic::Diagnostic;
use crate::json::{Position, SourceMap};
use crate::shape::{Path, Severity};

/// The request `call` sends when `--input` is left out: `{}` for an operation that needs
/// nothing but the organization, otherwise the message naming the members it requires.
///
/// ```
/// use workmail_policy::{Operation, text::request_without_input};
/// assert_eq!(request_without_input(Operation::ListAccessControlRules), Ok(serde_json::json!({})));
/// assert_eq!(
///     request_without_input(Operation::DeleteAccessControlRule).unwrap_err(),
///     "`delete-access-control-rule` needs `--input` with its request (`Name` required)"
/// );
/// ```
///
/// # Errors
/// The message, when the operation requires members.
pub fn request_without_input(operation: Operation) -> Result<Value, String> {
    let required: Vec<String> = operation
        .input_shape()
        .members
        .iter()
        .filter(|member| member.required && member.name != "OrganizationId")
        .map(|member| format!("`{}`", member.name))
        .collect();
    if required.is_empty() {
        Ok(Value::Object(serde_json::Map::new()))
    } else {
        Err(format!(
            "`{}` needs `--input` with its request ({} required)",
            operation.cli_name(),
            required.join(", ")
        ))
    }
}

/// An AWS name as the command lines spell it: `GetAccessControlEffect` ->
/// `get-access-control-effect`, `IpAddress` -> `ip-address`.
pub(crate) fn kebab_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (at, c) in name.char_indices() {
        if c.is_ascii_uppercase() && at > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The text of a file's bytes. A UTF-8 byte order mark is dropped; UTF-16 text and bytes that
/// are not UTF-8 are refused with an `encoding` diagnostic at the first such byte's line and
/// column.
///
/// ```
/// use workmail_policy::text::decode;
/// assert_eq!(decode(b"\xEF\xBB\xBF{}").as_deref(), Ok("{}"));
/// let refused = decode(b"{\n  \"a\": \"\xFF\"}").unwrap_err();
/// assert_eq!((refused.code, refused.line, refused.column), ("encoding", 2, 9));
/// ```
///
/// # Errors
/// The diagnostic, when the bytes are not UTF-8 text.
pub fn decode(bytes: &[u8]) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(encoding_diagnostic(
            Position { line: 1, column: 1 },
            "the file is UTF-16 text, not UTF-8",
            "save it as UTF-8 (in PowerShell, `Out-File -Encoding utf8`)",
        ));
    }
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .map_err(|error| {
            let before = bytes.get(..error.valid_up_to()).unwrap_or_default();
            // The prefix is valid UTF-8 by construction.
            let before = String::from_utf8_lossy(before);
            encoding_diagnostic(
                SourceMap::new(&before).position(before.len()),
                "the file is not UTF-8 text",
                "a document is JSON text as the AWS CLI prints it",
            )
        })
}

fn encoding_diagnostic(at: Position, message: &str, help: &str) -> Diagnostic {
    Diagnostic::new("encoding", Severity::Error, &Path::root(), at, message).with_help(help)
}

/// `value` as the AWS CLI prints JSON (`--output json`): members indented by four spaces, and a
/// final newline.
///
/// ```
/// use workmail_policy::text::pretty_json;
/// let printed = pretty_json(&serde_json::json!({"Effect": "DENY", "MatchedRules": ["r"]}));
/// assert_eq!(printed.ok().as_deref(), Some("{\n    \"Effect\": \"DENY\",\n    \"MatchedRules\": [\n        \"r\"\n    ]\n}\n"));
/// ```
///
/// # Errors
/// When `value` cannot be written as JSON (a map whose keys are not strings).
pub fn pretty_json<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    // Through a `Value`, so the pretty printer is built once rather than once per type.
    let value = serde_json::to_value(value)?;
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut serializer)?;
    out.push(b'\n');
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_without_input_is_empty_unless_the_operation_requires_members() {
        // Only OrganizationId is required, which the organization supplies; the paging members
        // are optional.
        assert_eq!(
            request_without_input(Operation::ListImpersonationRoles),
            Ok(Value::Object(serde_json::Map::new()))
        );
        let error = request_without_input(Operation::GetAccessControlEffect).unwrap_err();
        assert_eq!(
            error,
            "`get-access-control-effect` needs `--input` with its request (`IpAddress`, `Action` required)"
        );
    }

    #[test]
    fn names_are_spelled_as_on_the_command_line() {
        for (member, option) in [
            ("IpAddress", "ip-address"),
            ("ImpersonationRoleId", "impersonation-role-id"),
            ("TargetUser", "target-user"),
            ("Token", "token"),
            ("GetAccessControlEffect", "get-access-control-effect"),
        ] {
            assert_eq!(kebab_case(member), option);
        }
    }

    #[test]
    fn the_operations_cli_names_are_their_names_on_the_command_line() {
        for operation in Operation::ALL {
            assert_eq!(operation.cli_name(), kebab_case(operation.name()));
        }
    }

    #[test]
    fn bad_bytes_are_located() {
        let found = decode(b"{\n  \"a\": \"\xC3\xA9\xFF\"}").unwrap_err();
        assert_eq!((found.line, found.column), (2, 10));
        assert_eq!(found.code, "encoding");
        let found = decode(b"\xFF\xFE{\0}\0").unwrap_err();
        assert!(found.message.contains("UTF-16"));
        let found = decode(b"\xEF\xBB\xBF\xFE\xFF").unwrap_err();
        assert!(found.message.contains("UTF-16"));
    }

    #[test]
    fn empty_objects_and_lists_stay_on_one_line() {
        assert_eq!(pretty_json(&serde_json::json!({})).unwrap(), "{}\n");
        assert_eq!(
            pretty_json(&serde_json::json!({"Rules": []})).unwrap(),
            "{\n    \"Rules\": []\n}\n"
        );
    }
}
