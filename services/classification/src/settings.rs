//! The service's own settings (the server and LLM settings are `common`'s).

use serde::Deserialize;

/// Loaded once at start-up with `common::config::load()`.
#[derive(Debug, Clone, Deserialize)]
pub struct ClassificationSettings {
    /// `CLASSIFY_LLM_THRESHOLD`: when the built-in confidence is below this (0 to 1), the LLM is
    /// asked (if one is configured). 0 never asks unless the caller does; 1 always asks.
    #[serde(default = "default_threshold")]
    pub classify_llm_threshold: f64,
    /// `CLASSIFY_LLM_TIMEOUT_MS`: deadline for one LLM classification, retries included; after
    /// it the built-in answer is returned.
    #[serde(default = "default_timeout_ms")]
    pub classify_llm_timeout_ms: u64,
}

fn default_threshold() -> f64 {
    0.55
}

fn default_timeout_ms() -> u64 {
    10_000
}

impl Default for ClassificationSettings {
    fn default() -> Self {
        Self {
            classify_llm_threshold: default_threshold(),
            classify_llm_timeout_ms: default_timeout_ms(),
        }
    }
}

impl ClassificationSettings {
    /// Rejects values that cannot mean anything.
    pub fn validate(&self) -> Result<(), common::config::ConfigError> {
        if !(0.0..=1.0).contains(&self.classify_llm_threshold) {
            return Err(common::config::ConfigError(
                "CLASSIFY_LLM_THRESHOLD: expected a number from 0 to 1".into(),
            ));
        }
        if self.classify_llm_timeout_ms == 0 {
            return Err(common::config::ConfigError(
                "CLASSIFY_LLM_TIMEOUT_MS: expected a positive number of milliseconds".into(),
            ));
        }
        Ok(())
    }
}
