//! What the fuzz targets share: the seed inputs made from the repository's own sample data,
//! and the checks every target makes on what it parsed.
//!
//! Seeds are not committed: `scripts/fuzz.sh` sets `FUZZ_SEED_DIR` and each target, when it
//! starts (libFuzzer calls its `init` before reading any corpus), writes its seeds there; the
//! script passes that directory to libFuzzer as a read-only corpus.

use std::path::PathBuf;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub mod seeds;

/// Writes the seeds of `target` into `$FUZZ_SEED_DIR` when it is set (else does nothing).
pub fn write_seeds_if_asked(target: &str) {
    let Some(dir) = std::env::var_os("FUZZ_SEED_DIR").map(PathBuf::from) else {
        return;
    };
    std::fs::create_dir_all(&dir).expect("the seed directory can be created");
    for (i, seed) in seeds::for_target(target).into_iter().enumerate() {
        std::fs::write(dir.join(format!("seed-{i:04}")), seed).expect("a seed can be written");
    }
}

/// A value the product accepted must survive its own serialisation: what the orchestrator
/// sends a service (or stores) is read back the same. Panics (a fuzz finding) otherwise.
pub fn assert_round_trip<T: Serialize + DeserializeOwned>(value: &T, what: &str) {
    let first = serde_json::to_value(value)
        .unwrap_or_else(|e| panic!("{what}: an accepted value does not serialise: {e}"));
    let again: T = serde_json::from_value(first.clone())
        .unwrap_or_else(|e| panic!("{what}: {first} does not parse back: {e}"));
    let second = serde_json::to_value(&again).expect("it serialised once");
    assert_eq!(first, second, "{what}: the round trip changed the value");
}

/// `from`, `subject` and `body` of one mail written as three parts of one input: the first
/// line, the second line, and the rest (the shape of the classification seeds).
pub fn mail_fields(data: &[u8]) -> (String, String, String) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\n');
    let mut next = || parts.next().unwrap_or_default().to_string();
    (next(), next(), next())
}
