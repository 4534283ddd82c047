//! The `chargebee` service's settings: one typed struct, loaded once from one read of the environment.

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
    /// `CHARGEBEE_*`: the upstream and how it is called.
    pub chargebee: ChargebeeSettings,
    /// `SERVICE_AUTH_*`, `AUTH_DISABLED`: which callers' Google ID tokens are accepted.
    pub auth: common::auth::AuthSettings,
    /// `BREAKER_*`: when the Chargebee API is left alone for a while.
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
            chargebee: env.part()?,
            auth: env.part()?,
            breakers: env.part()?,
        })
    }
}

/// How the chargebee API is reached and called (flat `CHARGEBEE_*` names).
#[derive(Debug, Clone, Deserialize)]
pub struct ChargebeeSettings {
    /// `CHARGEBEE_SITE`: the site name; the API lives at `https://{site}.chargebee.com`.
    #[serde(default)]
    pub chargebee_site: Option<String>,
    /// `CHARGEBEE_API_KEY`: a read-only API key (HTTP Basic user name). Never logged.
    #[serde(default)]
    pub chargebee_api_key: Option<SecretString>,
    /// `CHARGEBEE_BASE_URL`: overrides `https://{site}.chargebee.com` (the sandbox, a proxy).
    #[serde(default)]
    pub chargebee_base_url: Option<String>,
    /// `CHARGEBEE_TIMEOUT_MS`: per-request timeout.
    #[serde(default = "default_timeout_ms")]
    pub chargebee_timeout_ms: u64,
    /// `CHARGEBEE_MAX_ATTEMPTS`: attempts per request, the first included (429/5xx/timeouts retried).
    #[serde(default = "default_attempts")]
    pub chargebee_max_attempts: u32,
    /// `CHARGEBEE_RETRY_BASE_MS`: first back-off; doubles per retry, with jitter.
    #[serde(default = "default_retry_base_ms")]
    pub chargebee_retry_base_ms: u64,
    /// `CHARGEBEE_RETRY_MAX_MS`: longest single wait, `Retry-After` included.
    #[serde(default = "default_retry_max_ms")]
    pub chargebee_retry_max_ms: u64,
    /// `CHARGEBEE_PAGE_SIZE`: list page size (1–100).
    #[serde(default = "default_page_size")]
    pub chargebee_page_size: usize,
    /// `CHARGEBEE_MAX_PAGES`: most pages one tool call follows (bounds work per call).
    #[serde(default = "default_max_pages")]
    pub chargebee_max_pages: usize,
    /// `CHARGEBEE_READY_TIMEOUT_MS`: timeout of the `/ready` probe call.
    #[serde(default = "default_ready_timeout_ms")]
    pub chargebee_ready_timeout_ms: u64,
    /// `CHARGEBEE_READY_CACHE_SECS`: how long a `/ready` probe's result is reused (each
    /// probe is an API call that counts against Chargebee's quota); `0` probes on every poll.
    #[serde(default = "default_ready_cache_secs")]
    pub chargebee_ready_cache_secs: u64,
}

fn default_timeout_ms() -> u64 {
    10_000
}
fn default_attempts() -> u32 {
    3
}
fn default_retry_base_ms() -> u64 {
    200
}
fn default_retry_max_ms() -> u64 {
    2_000
}
fn default_page_size() -> usize {
    100
}
fn default_max_pages() -> usize {
    20
}
fn default_ready_cache_secs() -> u64 {
    15
}
fn default_ready_timeout_ms() -> u64 {
    2_000
}

impl ChargebeeSettings {
    /// The API root (`…/api/v2`), or `None` when neither a base URL nor a site is set.
    pub fn api_base(&self) -> Option<String> {
        let host = match (&self.chargebee_base_url, &self.chargebee_site) {
            (Some(url), _) => url.trim_end_matches('/').to_string(),
            (None, Some(site)) => format!("https://{site}.chargebee.com"),
            (None, None) => return None,
        };
        Some(format!("{host}/api/v2"))
    }

    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.chargebee_timeout_ms.max(1))
    }

    pub fn ready_cache(&self) -> Duration {
        Duration::from_secs(self.chargebee_ready_cache_secs)
    }

    pub fn ready_timeout(&self) -> Duration {
        Duration::from_millis(self.chargebee_ready_timeout_ms.max(1))
    }

    pub fn retry(&self) -> RetryPolicy {
        RetryPolicy {
            max_attempts: self.chargebee_max_attempts.max(1),
            base_delay: Duration::from_millis(self.chargebee_retry_base_ms),
            max_delay: Duration::from_millis(self.chargebee_retry_max_ms),
            ..RetryPolicy::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_url_overrides_the_site_and_names_are_flat() {
        let s = Settings::from_pairs([
            ("CHARGEBEE_SITE", "acme-test"),
            ("CHARGEBEE_PAGE_SIZE", "5"),
            ("PORT", "9000"),
        ])
        .unwrap();
        assert_eq!(s.server.port, Some(9000));
        assert_eq!(s.chargebee.chargebee_page_size, 5);
        assert_eq!(
            s.chargebee.api_base().unwrap(),
            "https://acme-test.chargebee.com/api/v2"
        );
        let s = Settings::from_pairs([
            ("CHARGEBEE_SITE", "acme-test"),
            ("CHARGEBEE_BASE_URL", "http://127.0.0.1:8200/"),
        ])
        .unwrap();
        assert_eq!(
            s.chargebee.api_base().unwrap(),
            "http://127.0.0.1:8200/api/v2"
        );
    }

    #[test]
    fn a_bad_number_names_the_variable() {
        let err = Settings::from_pairs([("CHARGEBEE_TIMEOUT_MS", "soon")]).unwrap_err();
        assert!(err.to_string().contains("CHARGEBEE_TIMEOUT_MS"), "{err}");
    }
}
