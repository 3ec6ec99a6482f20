//! WorkMail's wire protocol, AWS JSON 1.1, without the HTTP server: which operation a request
//! names, what its body holds, and how a refusal is written so that the AWS SDKs raise the
//! exception it names.
//!
//! A request is `POST /` with `X-Amz-Target: WorkMailService.<Operation>`, `Content-Type:
//! application/x-amz-json-1.1` and the request as a JSON object. A response is the answer as a
//! JSON object (HTTP 200), or an error: an HTTP status, an `x-amzn-ErrorType` header naming the
//! exception, and `{"__type": "<Exception>", "message": "..."}`. The SDKs read the exception's
//! name from the header or from `__type` (a bare name is the form every SDK accepts), and the
//! text from `message`.

use serde_json::Value;
use workmail_policy::{ApiError, Operation, shape};

/// The content type of requests and responses.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// The `X-Amz-Target` prefix of WorkMail's operations.
pub const TARGET_PREFIX: &str = "WorkMailService";

/// The largest request body read. The largest WorkMail request this endpoint serves (a rule
/// with 1024 ranges in each of `IpRanges` and `NotIpRanges`) is under 50 KB.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The exception for a request that names no operation this endpoint serves.
pub const UNKNOWN_OPERATION: &str = "UnknownOperationException";
/// The exception for a request body that cannot be read as a JSON object.
pub const SERIALIZATION: &str = "SerializationException";
/// The exception for a failure on the server's side (the change could not be saved).
pub const INTERNAL_FAILURE: &str = "InternalFailure";

/// A refusal, as AWS's JSON protocol reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError {
    /// The HTTP status.
    pub status: u16,
    /// The exception's name, for `__type` and `x-amzn-ErrorType`.
    pub code: &'static str,
    /// What went wrong.
    pub message: String,
}

impl WireError {
    fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    /// A failure on the server's side (HTTP 500): nothing was changed.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(500, INTERNAL_FAILURE, message)
    }

    /// The body is larger than [`MAX_BODY_BYTES`] (HTTP 413).
    pub fn too_large() -> Self {
        Self::new(
            413,
            SERIALIZATION,
            format!(
                "the request body is larger than {MAX_BODY_BYTES} bytes, more than any WorkMail \
                 request needs"
            ),
        )
    }

    /// The body could not be read: the client stopped sending or was too slow.
    pub fn unreadable_body(status: u16, reason: &str) -> Self {
        Self::new(
            status,
            SERIALIZATION,
            format!("the request body could not be read: {reason}"),
        )
    }

    /// The response body: `{"__type": ..., "message": ...}`.
    pub fn body(&self) -> String {
        serde_json::json!({"__type": self.code, "message": self.message}).to_string()
    }
}

impl From<ApiError> for WireError {
    /// An operation's API error: HTTP 400 with the exception the model names.
    fn from(error: ApiError) -> Self {
        Self::new(400, error.code.as_str(), error.message)
    }
}

/// The operation a request names.
///
/// # Errors
/// `UnknownOperationException`: not `POST` (405), not `/` (404), or no `X-Amz-Target` naming
/// one of the operations [`Operation::ALL`] lists (400).
pub fn route(method: &str, path: &str, target: Option<&[u8]>) -> Result<Operation, WireError> {
    if method != "POST" {
        return Err(WireError::new(
            405,
            UNKNOWN_OPERATION,
            format!(
                "`{}` is not served: WorkMail requests are `POST /` with an `X-Amz-Target` header",
                shape::shorten(method)
            ),
        ));
    }
    if path != "/" {
        return Err(WireError::new(
            404,
            UNKNOWN_OPERATION,
            format!(
                "`{}` is not served: WorkMail requests are posted to `/`",
                shape::shorten(path)
            ),
        ));
    }
    let Some(target) = target else {
        return Err(WireError::new(
            400,
            UNKNOWN_OPERATION,
            format!(
                "the request has no `X-Amz-Target` header; send `{TARGET_PREFIX}.<Operation>` \
                 with one of {}",
                operation_names()
            ),
        ));
    };
    let Ok(target) = std::str::from_utf8(target) else {
        return Err(WireError::new(
            400,
            UNKNOWN_OPERATION,
            "the `X-Amz-Target` header is not text",
        ));
    };
    operation_of(target)
}

/// The operation an `X-Amz-Target` value names: `WorkMailService.` and the AWS name exactly.
fn operation_of(target: &str) -> Result<Operation, WireError> {
    let name = target
        .split_once('.')
        .filter(|(prefix, _)| *prefix == TARGET_PREFIX)
        .map(|(_, name)| name);
    let Some(name) = name else {
        return Err(WireError::new(
            400,
            UNKNOWN_OPERATION,
            format!(
                "`{}` is not a WorkMail target; this endpoint serves `{TARGET_PREFIX}.<Operation>` \
                 with one of {}",
                shape::shorten(target),
                operation_names()
            ),
        ));
    };
    Operation::ALL
        .into_iter()
        .find(|operation| operation.name() == name)
        .ok_or_else(|| {
            WireError::new(
                400,
                UNKNOWN_OPERATION,
                format!(
                    "`{}` is not an operation this local WorkMail endpoint serves; it serves the \
                     access control, impersonation, mobile device access and directory operations \
                     {}",
                    shape::shorten(name),
                    operation_names()
                ),
            )
        })
}

fn operation_names() -> String {
    Operation::ALL
        .iter()
        .map(|operation| operation.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks the `Content-Type` header: absent, or a JSON type (`application/x-amz-json-1.1`,
/// `application/x-amz-json-1.0` or `application/json`, any parameters).
///
/// # Errors
/// `SerializationException` (415) naming the type that was sent.
pub fn check_content_type(value: Option<&[u8]>) -> Result<(), WireError> {
    let Some(value) = value else {
        return Ok(());
    };
    let text = String::from_utf8_lossy(value);
    let media_type = text
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let accepted = [
        CONTENT_TYPE,
        "application/x-amz-json-1.0",
        "application/json",
    ];
    if accepted.contains(&media_type.as_str()) {
        Ok(())
    } else {
        Err(WireError::new(
            415,
            SERIALIZATION,
            format!(
                "`{}` is not a JSON content type; send `Content-Type: {CONTENT_TYPE}`",
                shape::shorten(&text)
            ),
        ))
    }
}

/// Checks a declared `Content-Length` against [`MAX_BODY_BYTES`], before any of the body is read.
///
/// # Errors
/// The body is too large (413).
pub fn check_length(declared: Option<u64>) -> Result<(), WireError> {
    match declared {
        Some(length) if length > MAX_BODY_BYTES as u64 => Err(WireError::too_large()),
        _ => Ok(()),
    }
}

/// The request: the body as a JSON object. An empty body is the empty request `{}`.
///
/// # Errors
/// `SerializationException` (400): the body is not UTF-8, not JSON, or not a JSON object.
pub fn decode_body(body: &[u8]) -> Result<Value, WireError> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(WireError::new(
            400,
            SERIALIZATION,
            "the request body is not UTF-8 text",
        ));
    };
    if text.trim().is_empty() {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    let value = workmail_policy::json::parse(text)
        .map_err(|error| {
            WireError::new(
                400,
                SERIALIZATION,
                format!(
                    "the request body is not JSON: {}:{}: {}",
                    error.position.line, error.position.column, error.message
                ),
            )
        })?
        .value();
    let kind = match &value {
        Value::Object(_) => return Ok(value),
        Value::Array(_) => "an array",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        Value::Null => "`null`",
    };
    Err(WireError::new(
        400,
        SERIALIZATION,
        format!("the request body is {kind}; a WorkMail request is a JSON object"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use workmail_policy::ErrorCode;

    const TARGET: &[u8] = b"WorkMailService.GetAccessControlEffect";

    /// Method, path, target; then the status and a part of the message.
    type RoutingCase<'a> = (&'a str, &'a str, Option<&'a [u8]>, u16, &'a str);

    #[test]
    fn every_operation_is_routed_by_its_aws_name() {
        for operation in Operation::ALL {
            let target = format!("WorkMailService.{}", operation.name());
            assert_eq!(
                route("POST", "/", Some(target.as_bytes())),
                Ok(operation),
                "{target}"
            );
        }
    }

    #[test]
    fn routing_refusals_name_the_problem() {
        let cases: [RoutingCase<'_>; 8] = [
            ("GET", "/", Some(TARGET), 405, "`GET` is not served"),
            (
                "POST",
                "/rules",
                Some(TARGET),
                404,
                "`/rules` is not served",
            ),
            ("POST", "/", None, 400, "no `X-Amz-Target` header"),
            ("POST", "/", Some(b"\xFF"), 400, "not text"),
            (
                "POST",
                "/",
                Some(b"DynamoDB_20120810.ListTables"),
                400,
                "`DynamoDB_20120810.ListTables` is not a WorkMail target",
            ),
            (
                "POST",
                "/",
                Some(b"WorkMailService"),
                400,
                "`WorkMailService` is not a WorkMail target",
            ),
            (
                "POST",
                "/",
                Some(b"WorkMailService.ListGroups"),
                400,
                "`ListGroups` is not an operation this local WorkMail endpoint serves",
            ),
            (
                "POST",
                "/",
                Some(b"WorkMailService.get-access-control-effect"),
                400,
                "`get-access-control-effect` is not an operation",
            ),
        ];
        for (method, path, target, status, message) in cases {
            let error = route(method, path, target).unwrap_err();
            assert_eq!(error.status, status, "{error:?}");
            assert_eq!(error.code, UNKNOWN_OPERATION);
            assert!(error.message.contains(message), "{}", error.message);
            assert!(!error.message.ends_with('.'), "{}", error.message);
        }
    }

    #[test]
    fn an_unknown_operation_lists_the_supported_ones() {
        let error = route("POST", "/", Some(b"WorkMailService.ListGroups")).unwrap_err();
        for operation in Operation::ALL {
            assert!(error.message.contains(operation.name()), "{operation:?}");
        }
    }

    #[test]
    fn json_content_types_are_accepted() {
        for value in [
            None,
            Some(&b"application/x-amz-json-1.1"[..]),
            Some(b"application/x-amz-json-1.0"),
            Some(b"Application/JSON; charset=utf-8"),
        ] {
            assert_eq!(check_content_type(value), Ok(()), "{value:?}");
        }
        let error = check_content_type(Some(b"application/x-www-form-urlencoded")).unwrap_err();
        assert_eq!((error.status, error.code), (415, SERIALIZATION));
        assert!(
            error
                .message
                .contains("`application/x-www-form-urlencoded`")
        );
    }

    #[test]
    fn bodies_decode_to_objects() {
        assert_eq!(decode_body(b"").unwrap(), serde_json::json!({}));
        assert_eq!(decode_body(b" \r\n").unwrap(), serde_json::json!({}));
        assert_eq!(
            decode_body(br#"{"Name": "a"}"#).unwrap(),
            serde_json::json!({"Name": "a"})
        );
    }

    #[test]
    fn bodies_that_are_not_json_objects_are_serialization_errors() {
        let cases: [(&[u8], &str); 5] = [
            (
                b"{\"Name\": ",
                "the request body is not JSON: 1:9: the text ends before a value",
            ),
            (b"Name=a", "the request body is not JSON: 1:1: "),
            (b"[1]", "the request body is an array"),
            (b"null", "the request body is `null`"),
            (b"{\"a\": \"\xFF\"}", "the request body is not UTF-8 text"),
        ];
        for (body, message) in cases {
            let error = decode_body(body).unwrap_err();
            assert_eq!((error.status, error.code), (400, SERIALIZATION));
            assert!(error.message.starts_with(message), "{}", error.message);
        }
    }

    #[test]
    fn deep_nesting_is_refused_without_exhausting_the_stack() {
        let mut body = "[".repeat(MAX_BODY_BYTES / 2);
        body.push_str(&"]".repeat(MAX_BODY_BYTES / 2));
        let error = decode_body(body.as_bytes()).unwrap_err();
        assert_eq!((error.status, error.code), (400, SERIALIZATION));
        assert!(error.message.contains("nested"), "{}", error.message);
    }

    #[test]
    fn lengths_over_the_limit_are_refused_before_reading() {
        assert_eq!(check_length(None), Ok(()));
        assert_eq!(check_length(Some(MAX_BODY_BYTES as u64)), Ok(()));
        let error = check_length(Some(MAX_BODY_BYTES as u64 + 1)).unwrap_err();
        assert_eq!((error.status, error.code), (413, SERIALIZATION));
    }

    #[test]
    fn api_errors_keep_their_exception_and_message() {
        let error = WireError::from(ApiError {
            code: ErrorCode::ResourceNotFoundException,
            message: "impersonation role `r` does not exist in the organization".to_owned(),
            decision: None,
        });
        assert_eq!(error.status, 400);
        let body: Value = serde_json::from_str(&error.body()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "__type": "ResourceNotFoundException",
                "message": "impersonation role `r` does not exist in the organization"
            })
        );
    }
}
