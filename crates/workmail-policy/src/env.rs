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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_splitmix64() {
        // SplitMix64's published sequence from seed 0, each word's bytes little end first; a
        // part of a word takes its first bytes.
        let mut env = FixedEnvironment::new(0.0, 0);
        let mut out = [0_u8; 20];
        env.fill_random(&mut out);
        let words = [
            0xe220_a839_7b1d_cdaf_u64,
            0x6e78_9e6a_a1b9_65f4,
            0x06c4_5d18_8009_454f,
        ];
        let expected: Vec<u8> = words.iter().flat_map(|word| word.to_le_bytes()).collect();
        assert_eq!(out[..], expected[..20]);
    }

    #[test]
    fn the_clock_stays_where_it_was_set() {
        let mut env = FixedEnvironment::new(f64::NAN, 1);
        assert_eq!(env.now(), Timestamp::EPOCH);
        env.set_now(1_700_000_000.5);
        let set = env.now();
        assert_eq!(set, Timestamp::from_epoch_seconds(1_700_000_000.5).unwrap());
        env.set_now(f64::INFINITY);
        assert_eq!(env.now(), set);
    }
}
