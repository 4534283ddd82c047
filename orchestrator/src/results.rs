//! Tool results cached by their own freshness, shared by `/query` and the pipeline's
//! enrichment.
//!
//! A data tool's result is kept for as long as its service says it stays fresh (the result's
//! `_meta.ttlMs` hint: billing 60 s, CRM and profiles 5 min, mailbox 30 s by default),
//! capped by `QUERY_RESULT_TTL_SECS` (0 turns this layer off). Keys are the tool and its
//! arguments, which always hold the person's email (the orchestrator puts it there). The
//! cache is bounded in bytes (`QUERY_RESULT_CACHE_BYTES`). New mail from an address makes
//! that address's cached mailbox searches stale (one mark per address, checked when a search
//! is looked up: no pass over the cache per message); erasure drops everything asked about an
//! email.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::contract::ToolName;
use common::metrics::MetricsRegistry;
use parking_lot::Mutex;
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
    /// When it was stored: a mailbox search stored before new mail from its address is stale.
    stored: Instant,
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
    mail: Arc<Mutex<MailMarks>>,
}

/// When mail last arrived from each address (lower case).
///
/// A mark matters only while a search stored before it can still be fresh, that is for the
/// longest freshness; older marks are dropped whenever the map has doubled since the last
/// such pass, so it stays about as large as the addresses mail came from in that time.
#[derive(Default)]
struct MailMarks {
    at: HashMap<String, Instant>,
    /// Size after the last pass over old marks.
    kept: usize,
}

/// Fewest marks before old ones are looked for.
const MAIL_MARKS_FLOOR: usize = 1024;

impl MailMarks {
    fn mark(&mut self, email: String, now: Instant, max_ttl: Duration) {
        self.at.insert(email, now);
        if self.at.len() >= MAIL_MARKS_FLOOR.max(2 * self.kept) {
            self.at.retain(|_, at| now.duration_since(*at) < max_ttl);
            self.kept = self.at.len();
        }
    }

    /// Whether mail from `email` arrived at or after `stored`.
    fn newer_than(&self, email: &str, stored: Instant) -> bool {
        self.at.get(email).is_some_and(|at| *at >= stored)
    }
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
            mail: Arc::default(),
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
                Some(e) if self.superseded(&e) => {
                    self.cache.invalidate(key).await;
                    (None, "miss")
                }
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
            stored: Instant::now(),
        };
        self.cache.insert(key, Arc::new(entry)).await;
    }

    /// Drops every result asked about `email`; how many.
    pub async fn forget(&self, email: &common::Email) -> usize {
        let email = email.as_str().to_ascii_lowercase();
        self.drop_where(|e| e.email.as_deref() == Some(email.as_str()))
            .await
    }

    /// New mail from `email` arrived: its mailbox searches cached until now are stale.
    pub fn mail_arrived(&self, email: &common::Email) {
        if self.enabled() {
            let email = email.as_str().to_ascii_lowercase();
            self.mail.lock().mark(email, Instant::now(), self.max_ttl);
        }
    }

    /// A mailbox search stored before new mail from its address arrived.
    fn superseded(&self, e: &Entry) -> bool {
        e.tool == ToolName::SearchMessages
            && e.email
                .as_deref()
                .is_some_and(|email| self.mail.lock().newer_than(email, e.stored))
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn args(email: &str) -> JsonObject {
        json!({"email": email}).as_object().unwrap().clone()
    }

    async fn stored(r: &ToolResults, tool: ToolName, email: &str) -> String {
        let key = ToolResults::key(tool, &args(email));
        let data = Answered::Data(json!({"n": 1}));
        r.put(tool, key.clone(), &args(email), data, None).await;
        key
    }

    #[tokio::test]
    async fn new_mail_makes_only_that_address_s_earlier_searches_stale() {
        let r = ToolResults::new(Duration::from_secs(60), 1 << 20);
        let search = stored(&r, ToolName::SearchMessages, "ann@example.org").await;
        let other = stored(&r, ToolName::SearchMessages, "bob@example.org").await;
        let bill = stored(&r, ToolName::ListInvoices, "ann@example.org").await;
        let hit = |tool, key: String| {
            let r = r.clone();
            async move { r.get(tool, &key, Freshness::Cached).await.is_some() }
        };
        assert!(hit(ToolName::SearchMessages, search.clone()).await);

        r.mail_arrived(&common::Email::parse("Ann@Example.org").unwrap());
        assert!(!hit(ToolName::SearchMessages, search.clone()).await);
        assert!(hit(ToolName::SearchMessages, other).await);
        assert!(hit(ToolName::ListInvoices, bill).await);

        // A search stored after the mail is fresh again.
        let again = stored(&r, ToolName::SearchMessages, "ann@example.org").await;
        assert_eq!(again, search);
        assert!(hit(ToolName::SearchMessages, again).await);
    }

    #[test]
    fn marks_older_than_the_longest_freshness_are_dropped_as_more_come() {
        let ttl = Duration::from_secs(30);
        let start = Instant::now();
        let mut marks = MailMarks::default();
        for i in 0..MAIL_MARKS_FLOOR - 1 {
            marks.mark(format!("p{i}@example.org"), start, ttl);
        }
        assert_eq!(marks.at.len(), MAIL_MARKS_FLOOR - 1);
        let later = start + ttl;
        marks.mark("new@example.org".into(), later, ttl);
        assert_eq!(
            marks.at.len(),
            1,
            "only the mark younger than the freshness stays"
        );
        assert!(marks.newer_than("new@example.org", later));
        assert!(!marks.newer_than("new@example.org", later + Duration::from_millis(1)));
        assert!(!marks.newer_than("p1@example.org", start));
    }
}
