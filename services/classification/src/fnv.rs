//! FNV-1a, 64 bits: tiny, fast on the short keys the engine hashes (words, feature names),
//! and stable across runs and platforms (the standard SipHash is keyed per process and slower
//! on short keys; no key needs protection from collision attacks here: the tables are ours).

use std::hash::{BuildHasherDefault, Hasher};

/// The FNV-1a hasher.
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// For `HashMap`s keyed by our own words.
pub type FnvBuild = BuildHasherDefault<Fnv>;
