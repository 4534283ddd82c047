//! Tool results cached by their own freshness, shared by `/query` and the pipeline's
//! enrichment.
//!
//! A data tool's result is kept for as long as its service says it stays fresh (the result's
//! `_meta.ttlMs` hint: billing 60 s, CRM and profiles 5 min, mailbox 30 s by default),
//! capped by `QUERY_RESULT_TTL_SECS` (0 turns this layer off). Keys are the tool and its
//! arguments, which always hold the person's email (the orchestrator puts it there). The
//! cache is bounded in bytes (`QUERY_RESULT_CACHE_BYTES`). New mail from an address drops
//! that address's cached mailbox searches; erasure drops everything asked about an email.

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::contract::ToolName;
use common::metrics::MetricsRegistry;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use rmcp::model::JsonObject;
use serde_json::Value;

/// A reusable tool result.
#[derive(Debug, Clone)]
pub enum Answered {
    Data(Value),
    /// The person has no record there (an answer, not an outage).
    NotFound,
}

struct Entry {
    tool: ToolName,
    /// The email the call was about (lower case), for invalidation and erasure.
    email: Option<String>,
    answered: Answered,
    ttl: Duration,
    /// Bytes this entry accounts for (key and serialized value).
    weight: u32,
}

/// Each entry lives for its own freshness.
struct ByFreshness;

impl moka::Expiry<String, Arc<Entry>> for ByFreshness {
    fn expire_after_create(
        &self,
        _key: &String,
        value: &Arc<Entry>,
        _created_at: Instant,
    ) -> Option<Duration> {
        Some(value.ttl)
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LookupLabels {
    tool: String,
    /// `hit`, `miss` or `bypass` (`no_cache`).
    outcome: String,
}

/// How a caller wants this layer used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// A fresh cached result will do.
    Cached,
    /// Ask the service (`no_cache`); the new result still refreshes the cache.
    Bypass,
}

/// The shared tool-result cache. Cheap to clone.
#[derive(Clone)]
pub struct ToolResults {
    cache: moka::future::Cache<String, Arc<Entry>>,
    max_ttl: Duration,
    lookups: Family<LookupLabels, Counter>,
}

impl std::fmt::Debug for ToolResults {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToolResults")
            .field("entries", &self.cache.entry_count())
            .field("max_ttl", &self.max_ttl)
            .finish()
    }
}

impl Default for ToolResults {
    /// Off: nothing is kept.
    fn default() -> Self {
        Self::new(Duration::ZERO, 1)
    }
}

impl ToolResults {
    /// Keeps results at most `max_ttl` (zero: off) and `max_bytes` in all.
    pub fn new(max_ttl: Duration, max_bytes: u64) -> Self {
        let cache = moka::future::Cache::builder()
            .max_capacity(max_bytes.max(1))
            .weigher(|_k: &String, v: &Arc<Entry>| v.weight)
            .expire_after(ByFreshness)
            .build();
        Self {
            cache,
            max_ttl,
            lookups: Family::default(),
        }
    }

    /// Counts lookups in `registry` (`tool_result_cache_lookups{tool,outcome}`).
    pub fn register(self, registry: &MetricsRegistry) -> Self {
        registry.register(
            "tool_result_cache_lookups",
            "Tool results looked up in the shared cache, by tool and outcome (hit, miss, bypass)",
            self.lookups.clone(),
        );
        self
    }

    pub fn enabled(&self) -> bool {
        !self.max_ttl.is_zero()
    }

    /// The key of `tool` called with `arguments`.
    pub fn key(tool: ToolName, arguments: &JsonObject) -> String {
        // `serde_json::Map` keeps keys sorted: equal arguments give equal keys.
        format!("{tool}\u{1f}{}", Value::Object(arguments.clone()))
    }

    /// A fresh result for `key`, unless `freshness` bypasses the cache.
    pub async fn get(&self, tool: ToolName, key: &str, freshness: Freshness) -> Option<Answered> {
        if !self.enabled() {
            return None;
        }
        let (found, outcome) = match freshness {
            Freshness::Bypass => (None, "bypass"),
            Freshness::Cached => match self.cache.get(key).await {
                Some(e) => (Some(e.answered.clone()), "hit"),
                None => (None, "miss"),
            },
        };
        self.lookups
            .get_or_create(&LookupLabels {
                tool: tool.as_str().into(),
                outcome: outcome.into(),
            })
            .inc();
        found
    }

    /// Keeps `answered` for `fresh_for` (the service's hint; capped by the configured most).
    /// A result without a hint is kept for the configured most.
    pub async fn put(
        &self,
        tool: ToolName,
        key: String,
        arguments: &JsonObject,
        answered: Answered,
        fresh_for: Option<Duration>,
    ) {
        let ttl = fresh_for.unwrap_or(self.max_ttl).min(self.max_ttl);
        if ttl.is_zero() {
            return;
        }
        let email = arguments
            .get("email")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase);
        let value_bytes = match &answered {
            Answered::Data(v) => serde_json::to_vec(v).map(|b| b.len()).unwrap_or(0),
            Answered::NotFound => 0,
        };
        let weight = u32::try_from(key.len() + value_bytes + 64).unwrap_or(u32::MAX);
        let entry = Entry {
            tool,
            email,
            answered,
            ttl,
            weight,
        };
        self.cache.insert(key, Arc::new(entry)).await;
    }

    /// Drops every result asked about `email`; how many.
    pub async fn forget(&self, email: &common::Email) -> usize {
        let email = email.as_str().to_ascii_lowercase();
        self.drop_where(|e| e.email.as_deref() == Some(email.as_str()))
            .await
    }

    /// New mail from `email` arrived: its cached mailbox searches are stale; how many dropped.
    pub async fn mail_arrived(&self, email: &common::Email) -> usize {
        let email = email.as_str().to_ascii_lowercase();
        self.drop_where(|e| {
            e.tool == ToolName::SearchMessages && e.email.as_deref() == Some(email.as_str())
        })
        .await
    }

    async fn drop_where(&self, stale: impl Fn(&Entry) -> bool) -> usize {
        if !self.enabled() {
            return 0;
        }
        let email_keys: Vec<Arc<String>> = self
            .cache
            .iter()
            .filter(|(_, v)| stale(v))
            .map(|(k, _)| k)
            .collect();
        for k in &email_keys {
            self.cache.invalidate(k.as_str()).await;
        }
        email_keys.len()
    }
}
