//! [`IdTokenSource`]: Google ID tokens from the metadata server for service-to-service calls,
//! cached per audience until five minutes before they expire.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};
use parking_lot::Mutex;
use secrecy::SecretString;

use super::verifier::unverified_claims;
use crate::upstream::{self, RetryPolicy, UpstreamError};

/// A token is replaced this long before its `exp`.
const REFRESH_MARGIN: chrono::Duration = chrono::Duration::minutes(5);
const DEFAULT_METADATA_HOST: &str = "metadata.google.internal";

struct Cached {
    token: SecretString,
    refresh_at: DateTime<Utc>,
}

type Slot = Arc<tokio::sync::Mutex<Option<Cached>>>;

/// Hands out ID tokens (`format=full`: with the account's `email`) for audiences.
///
/// One slot per audience (a handful: one per sibling service), each behind an async mutex so
/// concurrent callers for the same audience share one fetch.
pub struct IdTokenSource {
    base: String,
    http: reqwest::Client,
    slots: Mutex<HashMap<String, Slot>>,
    fetches: AtomicU64,
}

impl IdTokenSource {
    /// Tokens from the metadata server at `host` (`host[:port]`, no scheme).
    pub fn new(host: &str, http: reqwest::Client) -> Self {
        Self {
            base: format!("http://{host}"),
            http,
            slots: Mutex::new(HashMap::new()),
            fetches: AtomicU64::new(0),
        }
    }

    /// The metadata server named by `GCE_METADATA_HOST`, or the standard one.
    pub fn from_env(http: reqwest::Client) -> Self {
        let host = std::env::var("GCE_METADATA_HOST")
            .ok()
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| DEFAULT_METADATA_HOST.into());
        Self::new(&host, http)
    }

    /// How many tokens were fetched.
    pub fn fetches(&self) -> u64 {
        self.fetches.load(Ordering::Relaxed)
    }

    /// An ID token for `audience` (the called service's URL).
    pub async fn token(&self, audience: &str) -> Result<SecretString, UpstreamError> {
        let slot = self
            .slots
            .lock()
            .entry(audience.to_string())
            .or_default()
            .clone();
        let mut cached = slot.lock().await;
        if let Some(c) = cached.as_ref()
            && Utc::now() < c.refresh_at
        {
            return Ok(c.token.clone());
        }
        let (token, expires_at) = self.fetch(audience).await?;
        *cached = Some(Cached {
            token: token.clone(),
            refresh_at: expires_at - REFRESH_MARGIN,
        });
        Ok(token)
    }

    async fn fetch(&self, audience: &str) -> Result<(SecretString, DateTime<Utc>), UpstreamError> {
        self.fetches.fetch_add(1, Ordering::Relaxed);
        let url = format!(
            "{}/computeMetadata/v1/instance/service-accounts/default/identity",
            self.base
        );
        let resp = upstream::send(
            &RetryPolicy::default(),
            true,
            upstream::default_mapper,
            || {
                self.http
                    .get(&url)
                    .header("Metadata-Flavor", "Google")
                    .query(&[("audience", audience), ("format", "full")])
            },
        )
        .await?;
        let text = resp
            .text()
            .await
            .map_err(|e| UpstreamError::from_reqwest(&e))?;
        let token = text.trim().to_string();
        // Read, not verified: we asked the metadata server; the callee verifies.
        let exp = unverified_claims(&token)
            .ok()
            .and_then(|c| c.get("exp")?.as_i64())
            .and_then(|exp| DateTime::from_timestamp(exp, 0))
            .ok_or_else(|| {
                UpstreamError::InvalidResponse("identity token without a readable exp".into())
            })?;
        tracing::debug!(audience, expires_at = %exp, "fetched identity token");
        Ok((SecretString::from(token), exp))
    }
}
