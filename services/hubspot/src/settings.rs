//! The `hubspot` service's settings: one typed struct, loaded once from one read of the environment.

use std::time::Duration;

use common::config::{ConfigError, Env, ServerSettings};
use common::upstream::RetryPolicy;
use secrecy::SecretString;
use serde::Deserialize;

/// Everything the service reads from the environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `PORT`, `HOST`, `LOG_FORMAT`, … shared by every binary.
    pub server: ServerSettings,
    /// `HUBSPOT_*`: the upstream and how it is called.
    pub hubspot: HubspotSettings,
    /// `SERVICE_AUTH_*`, `AUTH_DISABLED`: which callers' Google ID tokens are accepted.
    pub auth: common::auth::AuthSettings,
    /// `BREAKER_*`: when the HubSpot API is left alone for a while.
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
            hubspot: env.part()?,
            auth: env.part()?,
            breakers: env.part()?,
        })
    }
}

/// How the hubspot API is reached and called (flat `HUBSPOT_*` names).
#[derive(Debug, Clone, Deserialize)]
pub struct HubspotSettings {
    /// `HUBSPOT_TOKEN`: a private app token with CRM read scopes. Never logged.
    #[serde(default)]
    pub hubspot_token: Option<SecretString>,
    /// `HUBSPOT_BASE_URL`: the API host (the sandbox in development).
    #[serde(default = "default_base_url")]
    pub hubspot_base_url: String,
    /// `HUBSPOT_TIMEOUT_MS`: per-request timeout.
    #[serde(default = "default_timeout_ms")]
    pub hubspot_timeout_ms: u64,
    /// `HUBSPOT_MAX_ATTEMPTS`: attempts per request, the first included (429/5xx/timeouts retried).
    #[serde(default = "default_attempts")]
    pub hubspot_max_attempts: u32,
    /// `HUBSPOT_RETRY_BASE_MS`: first back-off; doubles per retry, with jitter. HubSpot sends
    /// no `Retry-After` on search, so back-off is what spaces retries.
    #[serde(default = "default_retry_base_ms")]
    pub hubspot_retry_base_ms: u64,
    /// `HUBSPOT_RETRY_MAX_MS`: longest single wait.
    #[serde(default = "default_retry_max_ms")]
    pub hubspot_retry_max_ms: u64,
    /// `HUBSPOT_BATCH_SIZE`: ids per batch read (1–100).
    #[serde(default = "default_batch_size")]
    pub hubspot_batch_size: usize,
    /// `HUBSPOT_MAX_BATCHES`: most batch reads one tool call makes (bounds work per call).
    #[serde(default = "default_max_batches")]
    pub hubspot_max_batches: usize,
    /// `HUBSPOT_READY_TIMEOUT_MS`: timeout of the `/ready` probe call.
    #[serde(default = "default_ready_timeout_ms")]
    pub hubspot_ready_timeout_ms: u64,
    /// `HUBSPOT_READY_CACHE_SECS`: how long a `/ready` probe's result is reused (each
    /// probe is an API call that counts against Hubspot's quota); `0` probes on every poll.
    #[serde(default = "default_ready_cache_secs")]
    pub hubspot_ready_cache_secs: u64,
}

fn default_base_url() -> String {
    "https://api.hubapi.com".into()
}
fn default_timeout_ms() -> u64 {
    10_000
}
fn default_attempts() -> u32 {
    3
}
fn default_retry_base_ms() -> u64 {
    250
}
fn default_retry_max_ms() -> u64 {
    2_000
}
fn default_batch_size() -> usize {
    100
}
fn default_max_batches() -> usize {
    10
}
fn default_ready_cache_secs() -> u64 {
    15
}
fn default_ready_timeout_ms() -> u64 {
    2_000
}

impl HubspotSettings {
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.hubspot_timeout_ms.max(1))
    }

    pub fn ready_cache(&self) -> Duration {
        Duration::from_secs(self.hubspot_ready_cache_secs)
    }

    pub fn ready_timeout(&self) -> Duration {
        Duration::from_millis(self.hubspot_ready_timeout_ms.max(1))
    }

    pub fn retry(&self) -> RetryPolicy {
        RetryPolicy {
            max_attempts: self.hubspot_max_attempts.max(1),
            base_delay: Duration::from_millis(self.hubspot_retry_base_ms),
            max_delay: Duration::from_millis(self.hubspot_retry_max_ms),
            ..RetryPolicy::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_point_at_hubspot_and_names_are_flat() {
        let s = Settings::from_pairs([("HUBSPOT_BATCH_SIZE", "7"), ("PORT", "9000")]).unwrap();
        assert_eq!(s.server.port, Some(9000));
        assert_eq!(s.hubspot.hubspot_base_url, "https://api.hubapi.com");
        assert_eq!(s.hubspot.hubspot_batch_size, 7);
        assert!(s.hubspot.hubspot_token.is_none());
    }
}
