//! Many requests of one operation at once, answered as [`Organization::call`] answers each.

use serde_json::Value;

use super::call::to_value;
use super::check::parse_request;
use super::effect::{GetAccessControlEffectRequest, GetAccessControlEffectResponse};
use super::error::ApiError;
use super::operation::Operation;
use crate::compile::CompiledAccess;
use crate::env::Environment;
use crate::org::Organization;

impl Organization {
    /// Runs `operation` once per input, in order, as [`Organization::call`] would (a mutating
    /// operation sees the effects of the inputs before it). Access checks are answered from one
    /// [`CompiledAccess`] built for the whole batch, so large batches cost one compilation and a
    /// few lookups per request.
    ///
    /// ```
    /// use workmail_policy::{FixedEnvironment, Operation, Organization};
    /// let mut org = Organization::default();
    /// let inputs = [
    ///     serde_json::json!({"IpAddress": "192.0.2.1", "Action": "IMAP", "UserId": "S-1-1-11-1111111111"}),
    ///     serde_json::json!({"IpAddress": "192.0.2.1", "Action": "imap", "UserId": "S-1-1-11-1111111111"}),
    /// ];
    /// let answers = org.call_many(Operation::GetAccessControlEffect, &inputs, &mut FixedEnvironment::new(0.0, 0));
    /// assert!(answers[0].is_ok() && answers[1].is_err());
    /// ```
    pub fn call_many(
        &mut self,
        operation: Operation,
        inputs: &[Value],
        env: &mut dyn Environment,
    ) -> Vec<Result<Value, ApiError>> {
        let compiled = match operation {
            Operation::GetAccessControlEffect => CompiledAccess::new(&self.rules),
            _ => None,
        };
        let Some(compiled) = compiled else {
            return inputs
                .iter()
                .map(|input| self.call(operation, input, env))
                .collect();
        };
        inputs
            .iter()
            .map(|input| {
                let request: GetAccessControlEffectRequest =
                    parse_request(input, operation.input_shape())?;
                let access = self.checked_access(&request)?;
                let (effect, matched_rules) = compiled.decide(&access);
                Ok(to_value(&GetAccessControlEffectResponse {
                    effect,
                    matched_rules,
                }))
            })
            .collect()
    }
}
