//! The emulator's clock and randomness, taken from the operating system.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;
use workmail_policy::{ApiError, Environment, Operation, Organization, Timestamp};

/// Runs one operation with the system's clock and randomness.
///
/// # Errors
/// The outer error: the operating system gave no random bytes. The answer may then hold IDs or
/// tokens made from zeros, so it must be discarded, and so must any change to `organization`.
pub fn call_with_system(
    organization: &mut Organization,
    operation: Operation,
    input: &Value,
) -> Result<Result<Value, ApiError>, getrandom::Error> {
    let mut env = SystemEnvironment::default();
    let answer = organization.call(operation, input, &mut env);
    match env.random_failure {
        Some(error) => Err(error),
        None => Ok(answer),
    }
}

/// The system clock (to the millisecond, as AWS reports dates) and the operating system's
/// random number generator.
#[derive(Debug, Default)]
pub struct SystemEnvironment {
    /// The first failure of the random number generator, if any. The trait cannot return it, so
    /// the caller checks it after the call and discards the result.
    pub random_failure: Option<getrandom::Error>,
}

impl Environment for SystemEnvironment {
    fn now(&mut self) -> Timestamp {
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| {
                u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
            });
        #[expect(
            clippy::cast_precision_loss,
            reason = "epoch milliseconds stay below 2^53 for the next quarter of a million years"
        )]
        let seconds = millis as f64 / 1000.0;
        Timestamp::from_epoch_seconds(seconds).unwrap_or(Timestamp::EPOCH)
    }

    fn fill_random(&mut self, out: &mut [u8]) {
        if let Err(error) = getrandom::fill(out) {
            out.fill(0);
            self.random_failure.get_or_insert(error);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_is_after_2024_and_whole_milliseconds() {
        let now = SystemEnvironment::default().now().epoch_seconds();
        assert!(now > 1_704_067_200.0);
        let millis = now * 1000.0;
        assert!((millis - millis.round()).abs() < 1e-3);
    }

    #[test]
    fn random_bytes_differ_between_calls() {
        let mut env = SystemEnvironment::default();
        let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
        env.fill_random(&mut a);
        env.fill_random(&mut b);
        assert_ne!(a, b);
        assert!(env.random_failure.is_none());
    }
}
