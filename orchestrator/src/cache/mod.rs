//! The answer caches: L2 in process (moka, bounded by bytes, TTL) in front of L1 in Firestore
//! (shared by every instance, documents carry `expires_at` for Firestore's TTL policy).
//!
//! [`AnswerCache::get_or_compute`] owns the read-through: L2 → L1 → compute once → write both.
//! Concurrent identical misses share one computation through moka's entry coalescing (no
//! map of our own); an answer that must not be reused (partial, or written by the fallback)
//! is handed to every waiter but stored in neither layer.
//!
//! L1 is optional and never on the critical path for writes; a failing L1 degrades to L2 only,
//! which `/ready` and the `query_cache_l1_up` metric show.

mod firestore;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use parking_lot::Mutex;
use sha2::{Digest, Sha256};

pub use self::firestore::FirestoreStore;
use crate::metrics::QueryMetrics;
use crate::query::model::{PreparedBody, QueryResponse, Timings};
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
    /// Stores `answer` about the customer `subject` (a keyed hash of their email) until `ttl`
    /// from now.
    async fn put(
        &self,
        key: &str,
        subject: &str,
        answer: &QueryResponse,
        ttl: Duration,
    ) -> Result<(), StoreError>;
    /// Deletes every answer about `subject`; how many were deleted.
    async fn erase(&self, subject: &str) -> Result<usize, StoreError>;
}

/// The cache key: normalised question, email, prompt-set hash and model, hashed (it is also
/// a valid Firestore document id and keeps emails out of the store's keys).
pub fn key(normalized_query: &str, email: &str, prompt_hash: &str, model: &str) -> String {
    let mut h = Sha256::new();
    for part in [normalized_query, email, prompt_hash, model] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    common::text::hex(&h.finalize())
}

/// Each worker thread's most recent L2 hits, in front of L2: a hit here is a hash of the key
/// and one comparison, with no lock and none of the shared cache's bookkeeping (which, with
/// every worker reading the same entries, costs more than the rest of a cached answer). An
/// entry holds the answer L2 holds (shared, not copied) and is used only while L2 would still
/// serve it: within L2's time to live from when it entered L2, and under the epoch it was read
/// in. An erasure changes the epoch: the next time a thread asks, it drops everything it holds,
/// so an erased answer is neither served nor kept (a thread that answers nothing more keeps its
/// entries, never served, until it does). A full thread's map is cleared, so each stays
/// bounded; a miss here reads L2.
mod recent {
    use std::cell::RefCell;
    use std::sync::Arc;
    use std::time::Duration;

    use common::recent::Recent;
    use hashbrown::HashMap;

    use super::{Computation, Entry};

    /// Answers remembered per thread.
    const CAPACITY: usize = 256;
    /// Caches whose epoch a thread tracks (one in a running service; tests make more).
    const OWNERS: usize = 64;

    struct Hits {
        recent: Recent<(Entry, u64)>,
        /// Each cache's epoch as this thread last saw it.
        seen: HashMap<u64, u64>,
    }

    thread_local! {
        static HITS: RefCell<Hits> = RefCell::new(Hits {
            recent: Recent::new(CAPACITY),
            seen: HashMap::new(),
        });
    }

    /// Cache `id`'s answer for `key` as this thread last read it, while L2 would still serve
    /// it; `epoch` is the cache's now.
    pub(super) fn get(id: u64, key: &str, epoch: u64, ttl: Duration) -> Option<Arc<Computation>> {
        HITS.with_borrow_mut(|h| {
            if h.seen.get(&id) != Some(&epoch) {
                if h.seen.contains_key(&id) || h.seen.len() >= OWNERS {
                    h.recent.clear();
                    h.seen.clear();
                }
                h.seen.insert(id, epoch);
            }
            // Checked per entry too: a request that read L2 before the erasure may store its
            // hit after another request on this thread has already seen the new epoch.
            let (entry, read_in) = h.recent.get(id, key)?;
            (*read_in == epoch && entry.stored.elapsed() < ttl).then(|| entry.answer.clone())
        })
    }

    /// Remembers `entry`, read from cache `id`'s L2 under `epoch`.
    pub(super) fn put(id: u64, key: &str, epoch: u64, entry: &Entry) {
        HITS.with_borrow_mut(|h| h.recent.insert(id, key, (entry.clone(), epoch)));
    }

    /// How many answers this thread holds (tests).
    #[cfg(test)]
    pub(super) fn held() -> usize {
        HITS.with_borrow(|h| h.recent.len())
    }
}

/// How many answers an erasure removed from each layer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Erased {
    pub l2: usize,
    pub l1: usize,
}

/// What L1 is doing, for `/ready` and start-up logs.
#[derive(Debug, Clone, PartialEq)]
pub enum L1State {
    Disabled,
    Healthy,
    Degraded(String),
}

/// Where an answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    L2,
    L1,
    /// Computed for this question (by this caller or one it joined).
    Computed,
}

/// A computed answer and how long its stages took.
#[derive(Debug)]
pub struct Computation {
    pub response: QueryResponse,
    pub timings: Timings,
    /// The answer's body as an L2 hit returns it.
    pub prepared: Option<PreparedBody>,
}

impl Computation {
    pub fn new(response: QueryResponse, timings: Timings) -> Self {
        let prepared = PreparedBody::new(&response);
        Self {
            response,
            timings,
            prepared,
        }
    }
}

/// An answer that may be reused, or one that must not be (it is still shared with every
/// caller that asked while it was computed).
pub enum Computed {
    Reusable(Arc<Computation>),
    Fresh(Arc<Computation>),
}

/// An L2 entry: the answer and whether it was read from L1 or computed.
#[derive(Clone)]
struct Entry {
    answer: Arc<Computation>,
    from_l1: bool,
    /// The keyed hash of the customer the answer is about (erasure finds it by this).
    subject: Arc<str>,
    /// When it entered L2 (its time to live runs from here).
    stored: Instant,
}

/// The computation failed to run at all (the service is saturated).
#[derive(Debug, Clone, thiserror::Error)]
#[error("too many questions in flight; retry shortly")]
pub struct Busy;

/// Why a coalesced computation produced no reusable entry.
enum NotStored {
    Fresh(Arc<Computation>),
    Busy,
}

/// L2 + L1.
pub struct AnswerCache {
    /// Hashed with foldhash (randomly seeded), not SipHash: keys are SHA-256 digests already,
    /// and this runs on every hit.
    l2: Option<moka::future::Cache<String, Entry, hashbrown::DefaultHashBuilder>>,
    l2_ttl: Duration,
    /// This cache's key in each worker thread's [`recent`] hits.
    id: u64,
    /// Bumped before and after anything leaves L2 on purpose (an erasure): a thread's recent
    /// hit taken under an older epoch is not used again.
    epoch: AtomicU64,
    l1: Option<Arc<dyn AnswerStore>>,
    l1_timeout: Duration,
    l1_ttl: Duration,
    l1_healthy: AtomicBool,
    l1_last_error: Mutex<Option<String>>,
    /// Held shared by every background L1 write from the moment it is spawned, and exclusively
    /// by an erasure: an erasure waits for writes in flight, so none lands after it.
    l1_writes: Arc<tokio::sync::RwLock<()>>,
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
        let l2_ttl = Duration::from_secs(settings.cache_ttl_secs.max(1));
        let l2 = settings.cache_enabled.then(|| {
            moka::future::Cache::builder()
                .max_capacity(settings.cache_max_bytes)
                .weigher(|_k: &String, v: &Entry| weight(&v.answer.response))
                .time_to_live(l2_ttl)
                .build_with_hasher(hashbrown::DefaultHashBuilder::default())
        });
        if l1.is_some() {
            metrics.l1_ok();
        }
        Self {
            l2,
            l2_ttl,
            id: common::recent::next_owner(),
            epoch: AtomicU64::new(0),
            l1: if settings.cache_enabled { l1 } else { None },
            l1_timeout: Duration::from_millis(settings.cache_l1_timeout_ms.max(1)),
            l1_ttl: Duration::from_secs(settings.cache_l1_ttl_secs.max(1)),
            l1_healthy: AtomicBool::new(true),
            l1_last_error: Mutex::new(None),
            l1_writes: Arc::new(tokio::sync::RwLock::new(())),
            metrics,
        }
    }

    /// The answer for `key`: from L2, else L1 (then kept in L2), else `compute`d once for
    /// every concurrent caller and stored in both layers when it is reusable.
    ///
    /// `compute` should run the work as its own task: if the caller that started it hangs up,
    /// the next waiter starts it again, and a task keeps the first attempt's work useful.
    /// The answer for `key` this thread last read from L2, while L2 would still serve it; no
    /// shared state is read (the express lane's lookup: a thread that holds nothing answers
    /// through [`Self::get_or_compute`], which refreshes what it holds).
    pub fn recent_hit(&self, key: &str) -> Option<Arc<Computation>> {
        self.l2.as_ref()?;
        recent::get(self.id, key, self.epoch.load(Ordering::SeqCst), self.l2_ttl)
    }

    pub async fn get_or_compute<F, Fut>(
        self: &Arc<Self>,
        key: &str,
        subject: impl FnOnce() -> String,
        compute: F,
    ) -> Result<(Arc<Computation>, Origin), Busy>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Computed, Busy>>,
    {
        let Some(l2) = &self.l2 else {
            return match compute().await? {
                Computed::Reusable(a) | Computed::Fresh(a) => Ok((a, Origin::Computed)),
            };
        };
        // The epoch is read before L2 is: a hit read while an erasure runs is kept under an
        // epoch the erasure's second bump retires.
        let epoch = self.epoch.load(Ordering::SeqCst);
        if let Some(hit) = recent::get(self.id, key, epoch, self.l2_ttl) {
            return Ok((hit, Origin::L2));
        }
        if let Some(hit) = l2.get(key).await {
            recent::put(self.id, key, epoch, &hit);
            return Ok((hit.answer, Origin::L2));
        }
        let this = self.clone();
        let owned_key = key.to_string();
        let subject: Arc<str> = Arc::from(subject());
        let init = async move {
            let t = std::time::Instant::now();
            if let Some(hit) = this.l1_get(&owned_key).await {
                let timings = Timings {
                    cache_ms: t.elapsed().as_secs_f64() * 1000.0,
                    ..Timings::default()
                };
                return Ok(Entry {
                    answer: Arc::new(Computation::new(hit, timings)),
                    from_l1: true,
                    subject,
                    stored: Instant::now(),
                });
            }
            match compute().await {
                Ok(Computed::Reusable(answer)) => {
                    this.l1_put_in_background(owned_key, subject.clone(), answer.clone());
                    Ok(Entry {
                        answer,
                        from_l1: false,
                        subject,
                        stored: Instant::now(),
                    })
                }
                Ok(Computed::Fresh(answer)) => Err(NotStored::Fresh(answer)),
                Err(Busy) => Err(NotStored::Busy),
            }
        };
        match l2.entry(key.to_string()).or_try_insert_with(init).await {
            Ok(entry) if !entry.is_fresh() => Ok((entry.into_value().answer, Origin::L2)),
            Ok(entry) => {
                let e = entry.into_value();
                let origin = if e.from_l1 {
                    Origin::L1
                } else {
                    Origin::Computed
                };
                if origin == Origin::Computed {
                    self.metrics.computed();
                }
                Ok((e.answer, origin))
            }
            Err(e) => match &*e {
                NotStored::Fresh(answer) => Ok((answer.clone(), Origin::Computed)),
                NotStored::Busy => Err(Busy),
            },
        }
    }

    /// Removes `keys` from `l2` (this cache's) with the epoch bumped before and after, so no
    /// thread's recent hits serve them again.
    async fn l2_remove(
        &self,
        l2: &moka::future::Cache<String, Entry, hashbrown::DefaultHashBuilder>,
        keys: &[Arc<String>],
    ) {
        self.epoch.fetch_add(1, Ordering::SeqCst);
        for k in keys {
            l2.invalidate(k.as_str()).await;
        }
        self.epoch.fetch_add(1, Ordering::SeqCst);
    }

    /// Drops `key` from L2 (tests).
    pub async fn l2_invalidate(&self, key: &str) {
        if let Some(l2) = &self.l2 {
            self.l2_remove(l2, &[Arc::new(key.to_string())]).await;
        }
    }

    /// Erases every answer about `subject` from L2 and L1: how many in each. An L1 outage is
    /// an error (the caller must be told the erasure is incomplete), not a degraded success.
    pub async fn erase(&self, subject: &str) -> Result<Erased, StoreError> {
        let _no_write_in_flight = self.l1_writes.write().await;
        let mut erased = Erased::default();
        if let Some(l2) = &self.l2 {
            let keys: Vec<Arc<String>> = l2
                .iter()
                .filter(|(_, v)| &*v.subject == subject)
                .map(|(k, _)| k)
                .collect();
            self.l2_remove(l2, &keys).await;
            erased.l2 = keys.len();
        }
        if let Some(l1) = &self.l1 {
            erased.l1 = tokio::time::timeout(self.l1_timeout * 10, l1.erase(subject))
                .await
                .map_err(|_| StoreError::Unavailable("timed out".into()))??;
        }
        Ok(erased)
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
    async fn l1_get(&self, key: &str) -> Option<QueryResponse> {
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
    fn l1_put_in_background(
        self: &Arc<Self>,
        key: String,
        subject: Arc<str>,
        answer: Arc<Computation>,
    ) {
        if self.l1.is_none() {
            return;
        }
        // During an erasure the answer is not written to L1 (it may be about the erased
        // customer); L2 still serves it until it expires.
        let Ok(in_flight) = self.l1_writes.clone().try_read_owned() else {
            return;
        };
        let this = self.clone();
        tokio::spawn(async move {
            let _in_flight = in_flight;
            let Some(l1) = this.l1.as_ref() else { return };
            // Writes are off the response path, so they may take longer than a read.
            let put = l1.put(&key, &subject, &answer.response, this.l1_ttl);
            match tokio::time::timeout(this.l1_timeout * 10, put).await {
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

    /// A small computed answer (its content does not matter to the cache).
    fn answer() -> Arc<Computation> {
        Arc::new(Computation::new(
            QueryResponse::error(common::ErrorCode::Internal, "x", String::new(), "rules"),
            Timings::default(),
        ))
    }

    /// An L1 whose backend is down.
    struct DownStore;

    #[async_trait::async_trait]
    impl AnswerStore for DownStore {
        async fn get(&self, _key: &str) -> Result<Option<QueryResponse>, StoreError> {
            Err(StoreError::Unavailable("connection refused".into()))
        }
        async fn erase(&self, _subject: &str) -> Result<usize, StoreError> {
            Err(StoreError::Unavailable("down".into()))
        }
        async fn put(
            &self,
            _: &str,
            _: &str,
            _: &QueryResponse,
            _: Duration,
        ) -> Result<(), StoreError> {
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
        let answer = answer();
        let (_, origin) = cache
            .get_or_compute(
                "k",
                || "subject".into(),
                || async { Ok(Computed::Reusable(answer)) },
            )
            .await
            .unwrap();
        assert_eq!(origin, Origin::Computed);
        let (_, origin) = cache
            .get_or_compute(
                "k",
                || "subject".into(),
                || async { unreachable!("L2 has it") },
            )
            .await
            .unwrap();
        assert_eq!(origin, Origin::L2);
    }

    #[tokio::test]
    async fn concurrent_identical_misses_share_one_computation_and_fresh_answers_are_not_kept() {
        let metrics = QueryMetrics::register(&common::metrics::MetricsRegistry::new());
        let cache = Arc::new(AnswerCache::new(&CacheSettings::default(), None, metrics));
        let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let ask = |cache: Arc<AnswerCache>, runs: Arc<std::sync::atomic::AtomicUsize>| async move {
            cache
                .get_or_compute(
                    "k",
                    || "subject".into(),
                    || async move {
                        runs.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        Ok(Computed::Fresh(answer()))
                    },
                )
                .await
                .unwrap()
        };
        let all =
            futures::future::join_all((0..20).map(|_| ask(cache.clone(), runs.clone()))).await;
        assert_eq!(
            runs.load(Ordering::SeqCst),
            1,
            "one computation for 20 callers"
        );
        assert!(all.iter().all(|(_, o)| *o == Origin::Computed));
        // Not stored: the next caller computes again.
        ask(cache.clone(), runs.clone()).await;
        assert_eq!(runs.load(Ordering::SeqCst), 2);
    }

    /// A reusable answer computed by `get_or_compute`, counting its runs.
    async fn ask(
        cache: &Arc<AnswerCache>,
        key: &str,
        subject: &str,
        runs: &Arc<std::sync::atomic::AtomicUsize>,
    ) -> Origin {
        let runs = runs.clone();
        let subject = subject.to_string();
        let (_, origin) = cache
            .get_or_compute(
                key,
                move || subject,
                || async move {
                    runs.fetch_add(1, Ordering::SeqCst);
                    Ok(Computed::Reusable(answer()))
                },
            )
            .await
            .unwrap();
        origin
    }

    /// The current-thread runtime keeps every call on this thread, so after the first hit
    /// the thread's recent hits answer: erasure, another cache and the time to live must
    /// still be honoured there.
    #[tokio::test]
    async fn recent_hits_end_with_an_erasure_and_the_time_to_live_and_stay_in_their_cache() {
        let metrics = || QueryMetrics::register(&common::metrics::MetricsRegistry::new());
        let settings = CacheSettings {
            cache_ttl_secs: 1,
            ..CacheSettings::default()
        };
        let cache = Arc::new(AnswerCache::new(&settings, None, metrics()));
        let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        assert_eq!(ask(&cache, "k", "alice", &runs).await, Origin::Computed);
        for _ in 0..3 {
            assert_eq!(ask(&cache, "k", "alice", &runs).await, Origin::L2);
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);

        // Another cache on the same thread does not see this one's answers.
        let other = Arc::new(AnswerCache::new(&settings, None, metrics()));
        assert_eq!(ask(&other, "k", "alice", &runs).await, Origin::Computed);
        assert_eq!(runs.load(Ordering::SeqCst), 2);

        // Erasing alice retires the recent hit: the next question is computed again, and the
        // thread no longer holds the erased answer.
        assert!(recent::held() >= 1);
        let erased = cache.erase("alice").await.unwrap();
        assert_eq!(erased.l2, 1);
        assert_eq!(ask(&cache, "k", "alice", &runs).await, Origin::Computed);
        assert_eq!(recent::held(), 0);
        assert_eq!(ask(&cache, "k", "alice", &runs).await, Origin::L2);
        assert_eq!(runs.load(Ordering::SeqCst), 3);

        // Past the time to live neither L2 nor the recent hit answers.
        tokio::time::sleep(Duration::from_millis(1_100)).await;
        assert_eq!(ask(&cache, "k", "alice", &runs).await, Origin::Computed);
        assert_eq!(runs.load(Ordering::SeqCst), 4);
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
