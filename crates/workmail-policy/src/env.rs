//! The clock and the randomness the emulator needs (new role IDs, tokens, timestamps), handed in
//! by the caller so that the core stays deterministic under test and needs nothing of its platform.

use crate::model::Timestamp;

/// Time and randomness for the emulator.
pub trait Environment {
    /// The current time.
    fn now(&mut self) -> Timestamp;
    /// Fills `out` with random bytes.
    fn fill_random(&mut self, out: &mut [u8]);
}

/// A deterministic environment: a settable clock and a seeded generator (SplitMix64). For tests,
/// examples and reproducible sessions.
///
/// ```
/// use workmail_policy::{Environment, FixedEnvironment};
/// let mut env = FixedEnvironment::new(1_700_000_000.0, 7);
/// let mut a = [0u8; 4];
/// env.fill_random(&mut a);
/// let mut again = FixedEnvironment::new(1_700_000_000.0, 7);
/// let mut b = [0u8; 4];
/// again.fill_random(&mut b);
/// assert_eq!(a, b);
/// ```
#[derive(Debug, Clone)]
pub struct FixedEnvironment {
    now: Timestamp,
    state: u64,
}

impl FixedEnvironment {
    /// A clock stopped at `epoch_seconds` (clamped to 0 when not finite) and a generator seeded
    /// with `seed`.
    pub fn new(epoch_seconds: f64, seed: u64) -> Self {
        Self {
            now: Timestamp::from_epoch_seconds(epoch_seconds).unwrap_or(Timestamp::EPOCH),
            state: seed,
        }
    }

    /// Moves the clock.
    pub fn set_now(&mut self, epoch_seconds: f64) {
        if let Some(now) = Timestamp::from_epoch_seconds(epoch_seconds) {
            self.now = now;
        }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl Environment for FixedEnvironment {
    fn now(&mut self) -> Timestamp {
        self.now
    }

    fn fill_random(&mut self, out: &mut [u8]) {
        for chunk in out.chunks_mut(8) {
            let bytes = self.next().to_le_bytes();
            for (slot, byte) in chunk.iter_mut().zip(bytes) {
                *slot = byte;
            }
        }
    }
}
