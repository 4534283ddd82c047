//! The classification service's settings: one typed struct, loaded once from one read of the
//! environment (the server and LLM parts are `common`'s).

use common::config::{ConfigError, Env, ServerSettings};
use common::llm::LlmSettings;
use serde::Deserialize;

/// Everything the `classification` service reads from the environment, in parts.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `PORT`, `HOST`, `LOG_FORMAT`, … shared by every binary.
    pub server: ServerSettings,
    /// `LLM_*`, `VERTEX_*`, `GEMINI_*`, `OPENAI_*`, `PROMPTS_DIR`: the model, if any.
    pub llm: LlmSettings,
    /// `CLASSIFY_*`: when and how long the LLM is asked.
    pub classification: ClassificationSettings,
    /// `SERVICE_AUTH_*`, `AUTH_DISABLED`: which callers' Google ID tokens are accepted.
    pub auth: common::auth::AuthSettings,
    /// `BREAKER_*`: when the model is left alone for a while (the built-in model answers meanwhile).
    pub breakers: common::breaker::BreakerSettings,
}

impl Settings {
    /// Reads `.env` and the environment once, and every part from that snapshot.
    pub fn load() -> Result<Self, ConfigError> {
        Self::from_env(&Env::load())
    }

    /// From explicit pairs (tests), as [`Settings::load`] does from the environment.
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, ConfigError> {
        Self::from_env(&Env::from_pairs(pairs))
    }

    fn from_env(env: &Env) -> Result<Self, ConfigError> {
        Ok(Self {
            server: env.part()?,
            llm: env.part()?,
            classification: env.part()?,
            auth: env.part()?,
            breakers: env.part()?,
        })
    }
}

/// When the LLM is asked (flat `CLASSIFY_*` names).
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
    /// `CLASSIFY_OWN_DOMAINS`: our own mail domains, comma-separated. Mail from a domain that
    /// imitates one of them (`demo-mcp-0rchestrator.example`, `…-billing.com`) or a free-mail
    /// sender using their name counts as phishing evidence, like look-alikes of banks and
    /// payment providers.
    #[serde(default = "default_own_domains")]
    pub classify_own_domains: String,
}

fn default_threshold() -> f64 {
    0.55
}

fn default_timeout_ms() -> u64 {
    10_000
}

fn default_own_domains() -> String {
    crate::sender::DEFAULT_OWN_DOMAIN.to_string()
}

impl Default for ClassificationSettings {
    fn default() -> Self {
        Self {
            classify_llm_threshold: default_threshold(),
            classify_llm_timeout_ms: default_timeout_ms(),
            classify_own_domains: default_own_domains(),
        }
    }
}

impl ClassificationSettings {
    /// [`Self::classify_own_domains`] as a list.
    pub fn own_domains(&self) -> Vec<String> {
        common::config::split_list(&self.classify_own_domains)
    }

    /// Rejects values that cannot mean anything.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(0.0..=1.0).contains(&self.classify_llm_threshold) {
            return Err(ConfigError(
                "CLASSIFY_LLM_THRESHOLD: expected a number from 0 to 1".into(),
            ));
        }
        if let Some(bad) = self.own_domains().iter().find(|d| !d.contains('.')) {
            return Err(common::config::ConfigError(format!(
                "CLASSIFY_OWN_DOMAINS: {bad:?} is not a domain"
            )));
        }
        if self.classify_llm_timeout_ms == 0 {
            return Err(ConfigError(
                "CLASSIFY_LLM_TIMEOUT_MS: expected a positive number of milliseconds".into(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_comes_from_one_environment() {
        let s = Settings::from_pairs([
            ("PORT", "9105"),
            ("LLM_PROVIDER", "openai"),
            ("VERTEX_ENDPOINT_ID", "1234567890"),
            ("CLASSIFY_LLM_THRESHOLD", "0.3"),
        ])
        .unwrap();
        assert_eq!(s.server.port, Some(9105));
        assert_eq!(s.llm.llm_provider, common::llm::ProviderKind::Openai);
        assert_eq!(s.llm.vertex_endpoint_id.as_deref(), Some("1234567890"));
        assert_eq!(s.classification.classify_llm_threshold, 0.3);
    }

    #[test]
    fn a_bad_value_names_the_variable() {
        let err = Settings::from_pairs([("CLASSIFY_LLM_TIMEOUT_MS", "soon")]).unwrap_err();
        assert!(err.to_string().contains("CLASSIFY_LLM_TIMEOUT_MS"), "{err}");
    }
}
