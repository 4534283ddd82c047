//! The answer caches: L2 in process (moka, bounded by bytes, TTL) in front of L1 in Firestore
//! (shared by every instance, documents carry `expires_at` for Firestore's TTL policy).
//!
//! L1 is optional and never on the critical path for writes; a failing L1 degrades to L2 only,
//! which `/ready` and the `query_cache_l1_up` metric show.

mod firestore;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use parking_lot::Mutex;
use sha2::{Digest, Sha256};

pub use self::firestore::FirestoreStore;
use crate::metrics::QueryMetrics;
use crate::query::model::QueryResponse;
use crate::settings::CacheSettings;

/// Why the L1 store failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("store unavailable: {0}")]
    Unavailable(String),
    #[error("stored entry unreadable: {0}")]
    Corrupt(String),
}

/// A shared answer store (L1). A trait because it is the seam that varies: Firestore in
/// production, nothing (L2 only) locally.
#[async_trait::async_trait]
pub trait AnswerStore: Send + Sync {
    /// A live (unexpired) answer, if any.
    async fn get(&self, key: &str) -> Result<Option<QueryResponse>, StoreError>;
    /// Stores `answer` until `ttl` from now.
    async fn put(&self, key: &str, answer: &QueryResponse, ttl: Duration)
    -> Result<(), StoreError>;
}

/// The cache key: normalised question, email, prompt-set hash and model, hashed (it is also
/// a valid Firestore document id and keeps emails out of the store's keys).
pub fn key(normalized_query: &str, email: &str, prompt_hash: &str, model: &str) -> String {
    let mut h = Sha256::new();
    for part in [normalized_query, email, prompt_hash, model] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What L1 is doing, for `/ready` and start-up logs.
#[derive(Debug, Clone, PartialEq)]
pub enum L1State {
    Disabled,
    Healthy,
    Degraded(String),
}

/// L2 + L1.
pub struct AnswerCache {
    l2: Option<moka::future::Cache<String, Arc<QueryResponse>>>,
    l1: Option<Arc<dyn AnswerStore>>,
    l1_timeout: Duration,
    l1_ttl: Duration,
    l1_healthy: AtomicBool,
    l1_last_error: Mutex<Option<String>>,
    metrics: QueryMetrics,
}

/// Approximate bytes an answer holds (the L2 weigher).
fn weight(r: &QueryResponse) -> u32 {
    let sources: usize = r
        .sources
        .iter()
        .map(|s| 96 + s.service.as_str().len() + s.tool.as_str().len())
        .sum();
    (256 + r.answer.len() + sources + r.model.len()).min(u32::MAX as usize) as u32
}

impl AnswerCache {
    pub fn new(
        settings: &CacheSettings,
        l1: Option<Arc<dyn AnswerStore>>,
        metrics: QueryMetrics,
    ) -> Self {
        let l2 = settings.cache_enabled.then(|| {
            moka::future::Cache::builder()
                .max_capacity(settings.cache_max_bytes)
                .weigher(|_k: &String, v: &Arc<QueryResponse>| weight(v))
                .time_to_live(Duration::from_secs(settings.cache_ttl_secs.max(1)))
                .build()
        });
        if l1.is_some() {
            metrics.l1_ok();
        }
        Self {
            l2,
            l1: if settings.cache_enabled { l1 } else { None },
            l1_timeout: Duration::from_millis(settings.cache_l1_timeout_ms.max(1)),
            l1_ttl: Duration::from_secs(settings.cache_l1_ttl_secs.max(1)),
            l1_healthy: AtomicBool::new(true),
            l1_last_error: Mutex::new(None),
            metrics,
        }
    }

    pub async fn l2_get(&self, key: &str) -> Option<Arc<QueryResponse>> {
        self.l2.as_ref()?.get(key).await
    }

    /// Synchronous presence check (used under the single-flight lock).
    pub fn l2_contains(&self, key: &str) -> bool {
        self.l2.as_ref().is_some_and(|c| c.contains_key(key))
    }

    pub async fn l2_put(&self, key: &str, answer: Arc<QueryResponse>) {
        if let Some(c) = &self.l2 {
            c.insert(key.to_string(), answer).await;
        }
    }

    fn l1_failed(&self, op: &str, e: &str) {
        if self.l1_healthy.swap(false, Ordering::Relaxed) {
            tracing::warn!(op, error = %e, "L1 cache (Firestore) failing: serving from L2 only");
        }
        *self.l1_last_error.lock() = Some(e.to_string());
        self.metrics.l1_error(op);
    }

    fn l1_succeeded(&self) {
        if !self.l1_healthy.swap(true, Ordering::Relaxed) {
            tracing::info!("L1 cache (Firestore) answering again");
        }
        self.metrics.l1_ok();
    }

    /// An L1 answer; failures and slowness count as a miss (and degrade L1's state).
    pub async fn l1_get(&self, key: &str) -> Option<QueryResponse> {
        let l1 = self.l1.as_ref()?;
        match tokio::time::timeout(self.l1_timeout, l1.get(key)).await {
            Ok(Ok(found)) => {
                self.l1_succeeded();
                found
            }
            Ok(Err(e)) => {
                self.l1_failed("get", &e.to_string());
                None
            }
            Err(_) => {
                self.l1_failed("get", "timed out");
                None
            }
        }
    }

    /// Writes to L1 off the response path.
    pub fn l1_put_in_background(self: &Arc<Self>, key: String, answer: Arc<QueryResponse>) {
        if self.l1.is_none() {
            return;
        }
        let this = self.clone();
        tokio::spawn(async move {
            let Some(l1) = this.l1.as_ref() else { return };
            // Writes are off the response path, so they may take longer than a read.
            match tokio::time::timeout(this.l1_timeout * 10, l1.put(&key, &answer, this.l1_ttl))
                .await
            {
                Ok(Ok(())) => this.l1_succeeded(),
                Ok(Err(e)) => this.l1_failed("put", &e.to_string()),
                Err(_) => this.l1_failed("put", "timed out"),
            }
        });
    }

    pub fn l1_state(&self) -> L1State {
        match &self.l1 {
            None => L1State::Disabled,
            Some(_) if self.l1_healthy.load(Ordering::Relaxed) => L1State::Healthy,
            Some(_) => L1State::Degraded(
                self.l1_last_error
                    .lock()
                    .clone()
                    .unwrap_or_else(|| "failing".into()),
            ),
        }
    }

    pub fn enabled(&self) -> bool {
        self.l2.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An L1 whose backend is down.
    struct DownStore;

    #[async_trait::async_trait]
    impl AnswerStore for DownStore {
        async fn get(&self, _key: &str) -> Result<Option<QueryResponse>, StoreError> {
            Err(StoreError::Unavailable("connection refused".into()))
        }
        async fn put(&self, _: &str, _: &QueryResponse, _: Duration) -> Result<(), StoreError> {
            Err(StoreError::Unavailable("connection refused".into()))
        }
    }

    #[tokio::test]
    async fn an_l1_outage_is_a_miss_that_degrades_to_l2_and_shows_in_metrics() {
        let registry = common::metrics::MetricsRegistry::new();
        let metrics = QueryMetrics::register(&registry);
        let cache = Arc::new(AnswerCache::new(
            &CacheSettings::default(),
            Some(Arc::new(DownStore)),
            metrics,
        ));
        assert_eq!(cache.l1_state(), L1State::Healthy);
        assert!(cache.l1_get("k").await.is_none());
        assert!(matches!(cache.l1_state(), L1State::Degraded(e) if e.contains("refused")));
        let text = registry.encode();
        assert!(text.contains("query_cache_l1_up 0"), "{text}");
        assert!(
            text.contains("query_cache_l1_errors_total{op=\"get\"} 1"),
            "{text}"
        );
        // L2 still works.
        let answer = Arc::new(QueryResponse::error(
            common::ErrorCode::Internal,
            "x",
            String::new(),
            "rules",
        ));
        cache.l2_put("k", answer).await;
        assert!(cache.l2_get("k").await.is_some());
    }

    #[test]
    fn keys_depend_on_every_part() {
        let k = key("q", "a@b.co", "h1", "rules");
        assert_eq!(k.len(), 64);
        assert_ne!(k, key("q", "a@b.co", "h2", "rules"));
        assert_ne!(k, key("q", "c@b.co", "h1", "rules"));
        assert_ne!(k, key("q", "a@b.co", "h1", "gemma"));
        assert_ne!(key("ab", "c", "h", "m"), key("a", "bc", "h", "m"));
    }
}
