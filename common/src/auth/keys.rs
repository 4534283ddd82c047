//! [`KeySet`]: an issuer's public keys, fetched once and cached for as long as the key endpoint
//! says (`Cache-Control: max-age`, bounded), never per request.
//!
//! - Stale keys are refreshed lazily by the first request that notices; others keep using the
//!   stale keys meanwhile, and keep them if the refresh fails (logged, retried later).
//! - An unknown `kid` triggers one refresh (a rotation), at most once per cooldown; tokens with
//!   unknown kids in between are refused without a fetch.
//! - Concurrent callers share one fetch (a mutex and a generation number: whoever waited for
//!   a fetch in flight uses its result instead of fetching again). Written here rather than
//!   with moka because there is one entry per key set and the rules above are the point.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use parking_lot::RwLock;
use reqwest::header::{AGE, CACHE_CONTROL, HeaderMap};

use super::AuthError;
use super::jwks::{self, Keys, VerifyingKey};
use crate::upstream::{self, RetryPolicy};

/// Largest key document read.
const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// How long keys are kept and how eagerly they are re-fetched.
#[derive(Debug, Clone, Copy)]
pub struct CachePolicy {
    /// Shortest cache lifetime, whatever `max-age` says (default 60 s).
    pub min_ttl: Duration,
    /// Longest cache lifetime (default 24 h).
    pub max_ttl: Duration,
    /// Lifetime when the response has no `max-age` (default 1 h).
    pub default_ttl: Duration,
    /// At most one refresh for unknown kids per this long (default 60 s).
    pub unknown_kid_cooldown: Duration,
    /// After a failed fetch, wait this long before the next (default 10 s).
    pub retry_after_failure: Duration,
}

impl Default for CachePolicy {
    fn default() -> Self {
        Self {
            min_ttl: Duration::from_secs(60),
            max_ttl: Duration::from_secs(24 * 3600),
            default_ttl: Duration::from_secs(3600),
            unknown_kid_cooldown: Duration::from_secs(60),
            retry_after_failure: Duration::from_secs(10),
        }
    }
}

impl CachePolicy {
    /// The cache lifetime a key response's headers ask for, within the bounds.
    pub fn ttl(&self, headers: &HeaderMap) -> Duration {
        let directives = headers
            .get_all(CACHE_CONTROL)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|d| d.trim().to_ascii_lowercase())
            .collect::<Vec<_>>();
        if directives
            .iter()
            .any(|d| d == "no-store" || d == "no-cache")
        {
            return self.min_ttl;
        }
        let Some(max_age) = directives.iter().find_map(|d| {
            d.strip_prefix("max-age=")?
                .trim_matches('"')
                .parse::<u64>()
                .ok()
        }) else {
            return self.default_ttl;
        };
        let age = headers
            .get(AGE)
            .and_then(|v| v.to_str().ok()?.trim().parse::<u64>().ok())
            .unwrap_or(0);
        Duration::from_secs(max_age.saturating_sub(age)).clamp(self.min_ttl, self.max_ttl)
    }
}

#[derive(Default)]
struct State {
    keys: Option<Arc<Keys>>,
    fresh_until: Option<Instant>,
    /// Bumped by every fetch attempt, so waiters know one happened while they waited.
    generation: u64,
    no_refresh_before: Option<Instant>,
    last_unknown_kid_refresh: Option<Instant>,
}

/// One issuer's key endpoint and its cached keys. Share it (`Arc`) between verifiers.
pub struct KeySet {
    url: String,
    http: reqwest::Client,
    policy: CachePolicy,
    state: RwLock<State>,
    fetching: tokio::sync::Mutex<()>,
    fetches: AtomicU64,
}

impl KeySet {
    /// Keys from `url` (a JWKS or a PEM map), fetched with `http` on first use.
    pub fn new(url: impl Into<String>, http: reqwest::Client) -> Self {
        Self::with_policy(url, http, CachePolicy::default())
    }

    /// Like [`KeySet::new`], with cache rules other than the defaults (tests, unusual issuers).
    pub fn with_policy(url: impl Into<String>, http: reqwest::Client, policy: CachePolicy) -> Self {
        Self {
            url: url.into(),
            http,
            policy,
            state: RwLock::new(State::default()),
            fetching: tokio::sync::Mutex::new(()),
            fetches: AtomicU64::new(0),
        }
    }

    /// The key endpoint.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// How many times the key endpoint was called (successful or not).
    pub fn fetches(&self) -> u64 {
        self.fetches.load(Ordering::Relaxed)
    }

    /// How long the cached keys stay fresh; `None` before the first successful fetch.
    pub fn fresh_for(&self) -> Option<Duration> {
        let until = self.state.read().fresh_until?;
        Some(until.saturating_duration_since(Instant::now()))
    }

    /// Fetches now (start-up warm-up, readiness). Returns how many keys were loaded.
    pub async fn refresh(&self) -> Result<usize, AuthError> {
        let _guard = self.fetching.lock().await;
        self.fetch().await?;
        Ok(self.state.read().keys.as_ref().map_or(0, |k| k.len()))
    }

    /// The key named `kid`, following the caching rules in the module docs.
    pub(crate) async fn key(&self, kid: &str) -> Result<Arc<VerifyingKey>, AuthError> {
        let (keys, generation, may_fetch, stale) = {
            let s = self.state.read();
            let now = Instant::now();
            let may_fetch = s.no_refresh_before.is_none_or(|t| now >= t);
            let stale = s.fresh_until.is_none_or(|t| now >= t);
            (s.keys.clone(), s.generation, may_fetch, stale)
        };
        let keys = match keys {
            None if may_fetch => {
                self.fetch_once(generation).await;
                self.state
                    .read()
                    .keys
                    .clone()
                    .ok_or(AuthError::KeysUnavailable)?
            }
            None => return Err(AuthError::KeysUnavailable),
            // Whoever finds the keys stale refreshes; the others go on with the stale keys.
            Some(keys) if stale && may_fetch => match self.fetching.try_lock() {
                Ok(_guard) if self.state.read().generation == generation => {
                    let _ = self.fetch().await;
                    self.state.read().keys.clone().unwrap_or(keys)
                }
                _ => keys,
            },
            Some(keys) => keys,
        };
        if let Some(key) = keys.get(kid) {
            return Ok(key.clone());
        }
        self.refresh_for_unknown_kid(generation).await;
        let keys = self.state.read().keys.clone();
        keys.and_then(|k| k.get(kid).cloned())
            .ok_or(AuthError::Invalid("unknown signing key"))
    }

    /// One refresh per cooldown for kids we do not know (the issuer may have rotated).
    async fn refresh_for_unknown_kid(&self, seen_generation: u64) {
        let _guard = self.fetching.lock().await;
        let due = {
            let mut s = self.state.write();
            let now = Instant::now();
            // A fetch while we waited means: look again without fetching.
            let due = s.generation == seen_generation
                && s.last_unknown_kid_refresh
                    .is_none_or(|t| now.duration_since(t) >= self.policy.unknown_kid_cooldown)
                && s.no_refresh_before.is_none_or(|t| now >= t);
            if due {
                s.last_unknown_kid_refresh = Some(now);
            }
            due
        };
        if due {
            let _ = self.fetch().await;
        }
    }

    /// Fetches unless another caller's fetch completed while we waited for the lock.
    async fn fetch_once(&self, seen_generation: u64) {
        let _guard = self.fetching.lock().await;
        if self.state.read().generation == seen_generation {
            let _ = self.fetch().await;
        }
    }

    /// Fetches and installs the keys. Callers hold `fetching`. On failure the old keys stay.
    async fn fetch(&self) -> Result<(), AuthError> {
        self.fetches.fetch_add(1, Ordering::Relaxed);
        let outcome = self.download().await;
        let mut s = self.state.write();
        s.generation += 1;
        match outcome {
            Ok((keys, ttl)) => {
                tracing::info!(url = %self.url, keys = keys.len(), ttl_s = ttl.as_secs(), "fetched signing keys");
                s.keys = Some(Arc::new(keys));
                s.fresh_until = Some(Instant::now() + ttl);
                s.no_refresh_before = None;
                Ok(())
            }
            Err(why) => {
                tracing::warn!(url = %self.url, error = %why, stale_keys_kept = s.keys.is_some(), "could not fetch signing keys");
                s.no_refresh_before = Some(Instant::now() + self.policy.retry_after_failure);
                Err(AuthError::KeysUnavailable)
            }
        }
    }

    async fn download(&self) -> Result<(Keys, Duration), String> {
        let policy = RetryPolicy {
            max_attempts: 2,
            budget: Duration::from_secs(5),
            ..RetryPolicy::default()
        };
        let resp = upstream::send(&policy, true, upstream::default_mapper, || {
            self.http.get(&self.url)
        })
        .await
        .map_err(|e| e.to_string())?;
        if resp
            .content_length()
            .is_some_and(|n| n > MAX_DOCUMENT_BYTES as u64)
        {
            return Err("key document too large".into());
        }
        let ttl = self.policy.ttl(resp.headers());
        let body = resp
            .bytes()
            .await
            .map_err(|e| upstream::UpstreamError::from_reqwest(&e).to_string())?;
        if body.len() > MAX_DOCUMENT_BYTES {
            return Err("key document too large".into());
        }
        let keys = jwks::parse(&body)?;
        Ok((keys, ttl))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ttl(values: &[(&str, &str)]) -> Duration {
        let mut headers = HeaderMap::new();
        for (k, v) in values {
            headers.append(
                reqwest::header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        CachePolicy::default().ttl(&headers)
    }

    #[test]
    fn cache_lifetimes_follow_max_age_within_bounds() {
        let h = Duration::from_secs(3600);
        assert_eq!(
            ttl(&[("cache-control", "public, max-age=19766, must-revalidate")]),
            Duration::from_secs(19766)
        );
        assert_eq!(ttl(&[]), h);
        assert_eq!(ttl(&[("cache-control", "public")]), h);
        assert_eq!(
            ttl(&[("cache-control", "max-age=5")]),
            Duration::from_secs(60)
        );
        assert_eq!(
            ttl(&[("cache-control", "max-age=9999999")]),
            Duration::from_secs(86400)
        );
        assert_eq!(
            ttl(&[("cache-control", "no-store")]),
            Duration::from_secs(60)
        );
        assert_eq!(
            ttl(&[("cache-control", "max-age=7200"), ("age", "600")]),
            Duration::from_secs(6600)
        );
        assert_eq!(ttl(&[("cache-control", "max-age=soon")]), h);
    }
}
