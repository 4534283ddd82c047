//! `/query`: validate → cache key → L2 → L1 → plan → execute → synthesize → respond → store.
//!
//! [`QueryEngine::answer`] is the one domain function behind `POST /query` and the `query`
//! MCP tool. Concurrent identical misses share one computation (a single-flight map whose
//! entries run as their own task, so a caller hanging up does not cancel the others).

pub mod brain;
pub mod catalog;
pub mod execute;
pub mod http;
pub mod llm;
pub mod model;
pub mod plan;
pub mod rules;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use chrono::Utc;
use common::error::ErrorCode;
use futures::FutureExt;
use futures::future::{BoxFuture, Shared};
use parking_lot::Mutex;
use tokio::sync::Semaphore;

use self::brain::Brain;
use self::catalog::Catalog;
use self::execute::Executor;
use self::model::{
    AnswerStatus, CacheStatus, ErrorInfo, QueryResponse, SourceStatus, ValidQuery, rfc3339,
};
use crate::cache::{self, AnswerCache};
use crate::metrics::QueryMetrics;
use crate::services::Services;
use crate::settings::QuerySettings;

/// Milliseconds spent in each stage, for `Server-Timing`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    pub cache_ms: f64,
    pub plan_ms: f64,
    pub tools_ms: f64,
    pub synthesis_ms: f64,
    pub total_ms: f64,
}

impl Timings {
    /// The `Server-Timing` header value.
    pub fn header(&self, cache: CacheStatus) -> String {
        format!(
            "cache;desc=\"{}\";dur={:.3}, plan;dur={:.3}, tools;dur={:.3}, synthesis;dur={:.3}, total;dur={:.3}",
            cache.as_str(),
            self.cache_ms,
            self.plan_ms,
            self.tools_ms,
            self.synthesis_ms,
            self.total_ms
        )
    }
}

/// An answer and how long it took.
#[derive(Debug, Clone)]
pub struct Answered {
    pub response: QueryResponse,
    pub timings: Timings,
}

/// Too many questions in flight: answer 429.
#[derive(Debug, Clone, thiserror::Error)]
#[error("too many questions in flight; retry shortly")]
pub struct Busy;

/// One computed answer, shared by every caller that asked while it ran.
#[derive(Debug)]
struct Computed {
    response: QueryResponse,
    origin: CacheStatus,
    timings: Timings,
}

type InFlight = Shared<BoxFuture<'static, Arc<Computed>>>;

/// Everything `/query` needs. Build once, share as `Arc`.
pub struct QueryEngine {
    catalog: Arc<Catalog>,
    executor: Executor,
    cache: Arc<AnswerCache>,
    brain: Brain,
    settings: QuerySettings,
    metrics: QueryMetrics,
    inflight: Mutex<HashMap<String, InFlight>>,
    limiter: Arc<Semaphore>,
}

impl QueryEngine {
    pub fn new(
        services: Services,
        catalog: Arc<Catalog>,
        cache: Arc<AnswerCache>,
        brain: Brain,
        settings: QuerySettings,
        metrics: QueryMetrics,
    ) -> Arc<Self> {
        let executor = Executor::new(services, settings.clone(), metrics.clone());
        Arc::new(Self {
            catalog,
            executor,
            cache,
            limiter: Arc::new(Semaphore::new(settings.query_max_in_flight.max(1))),
            brain,
            settings,
            metrics,
            inflight: Mutex::new(HashMap::new()),
        })
    }

    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    pub fn cache(&self) -> &Arc<AnswerCache> {
        &self.cache
    }

    /// The configured model, or `rules`.
    pub fn model_name(&self) -> &str {
        self.brain.model_name()
    }

    /// Answers a validated question for `request_id`.
    #[tracing::instrument(skip_all, fields(no_cache = q.no_cache))]
    pub async fn answer(
        self: &Arc<Self>,
        q: ValidQuery,
        request_id: String,
    ) -> Result<Answered, Busy> {
        let started = Instant::now();
        let key = cache::key(
            &q.query.normalized(),
            q.email.as_str(),
            self.brain.prompt_hash(),
            self.brain.model_name(),
        );
        let use_cache = self.cache.enabled() && !q.no_cache;
        if use_cache && let Some(hit) = self.cache.l2_get(&key).await {
            return Ok(self.finish(
                &hit,
                CacheStatus::L2,
                Timings::default(),
                request_id,
                started,
            ));
        }
        let _permit = self.limiter.clone().try_acquire_owned().map_err(|_| Busy)?;
        let computed = if use_cache {
            match self.join_or_start(&key, &q) {
                Some(shared) => shared.await,
                // Stored between our L2 read and the lock: read it again.
                None => match self.cache.l2_get(&key).await {
                    Some(hit) => {
                        return Ok(self.finish(
                            &hit,
                            CacheStatus::L2,
                            Timings::default(),
                            request_id,
                            started,
                        ));
                    }
                    None => Arc::new(self.clone().compute(key, q, false).await),
                },
            }
        } else {
            Arc::new(self.clone().compute(key, q, false).await)
        };
        Ok(self.finish(
            &computed.response,
            computed.origin,
            computed.timings,
            request_id,
            started,
        ))
    }

    /// The in-flight computation for `key` (joined, or started now); `None` if L2 has it.
    fn join_or_start(self: &Arc<Self>, key: &str, q: &ValidQuery) -> Option<InFlight> {
        let mut inflight = self.inflight.lock();
        if let Some(f) = inflight.get(key) {
            self.metrics.shared();
            return Some(f.clone());
        }
        // The leader stores in L2 before it leaves the map, so under this lock one of the two
        // always shows a finished computation.
        if self.cache.l2_contains(key) {
            return None;
        }
        let this = self.clone();
        let (k, query) = (key.to_string(), q.clone());
        let task = tokio::spawn(async move {
            let _leave = LeaveOnDrop {
                engine: this.clone(),
                key: k.clone(),
            };
            this.clone().compute(k, query, true).await
        });
        let fut = async move {
            Arc::new(task.await.unwrap_or_else(|_| Computed {
                response: QueryResponse::error(
                    ErrorCode::Internal,
                    "internal error",
                    String::new(),
                    RULES,
                ),
                origin: CacheStatus::Miss,
                timings: Timings::default(),
            }))
        }
        .boxed()
        .shared();
        inflight.insert(key.to_string(), fut.clone());
        Some(fut)
    }

    fn finish(
        &self,
        answer: &QueryResponse,
        cache: CacheStatus,
        mut timings: Timings,
        request_id: String,
        started: Instant,
    ) -> Answered {
        let mut response = answer.clone();
        response.cache = cache;
        response.request_id = request_id;
        timings.total_ms = ms(started);
        if cache == CacheStatus::L2 {
            timings.cache_ms = timings.total_ms;
        }
        self.metrics.answer(response.status, cache);
        Answered { response, timings }
    }

    /// L1, then plan → execute → synthesize; stores a good answer in both layers.
    async fn compute(self: Arc<Self>, key: String, q: ValidQuery, read_l1: bool) -> Computed {
        let mut timings = Timings::default();
        let t = Instant::now();
        if read_l1 && let Some(hit) = self.cache.l1_get(&key).await {
            timings.cache_ms = ms(t);
            let hit = Arc::new(hit);
            self.cache.l2_put(&key, hit.clone()).await;
            return Computed {
                response: (*hit).clone(),
                origin: CacheStatus::L1,
                timings,
            };
        }
        timings.cache_ms = ms(t);

        let t = Instant::now();
        let plan = self
            .brain
            .plan(
                &q.query,
                &q.email,
                &self.catalog,
                self.settings.query_max_calls,
            )
            .await;
        timings.plan_ms = ms(t);
        self.metrics.stage("plan", timings.plan_ms / 1000.0);

        let t = Instant::now();
        let outcomes = self.executor.run(&plan.calls).await;
        timings.tools_ms = ms(t);
        self.metrics.stage("tools", timings.tools_ms / 1000.0);

        let t = Instant::now();
        let planned = outcomes.len();
        let answered = outcomes
            .iter()
            .filter(|o| o.status == SourceStatus::Ok)
            .count();
        let written = self.brain.write(&q.query, &plan, &outcomes).await;
        timings.synthesis_ms = ms(t);
        self.metrics
            .stage("synthesis", timings.synthesis_ms / 1000.0);

        let (status, error) = if planned == 0 {
            (
                AnswerStatus::Error,
                Some(ErrorInfo {
                    code: ErrorCode::NotConfigured,
                    message: "no data service is configured".into(),
                }),
            )
        } else if answered == 0 {
            let all_timed_out = outcomes.iter().all(|o| o.status == SourceStatus::Timeout);
            (
                AnswerStatus::Error,
                Some(ErrorInfo {
                    code: if all_timed_out {
                        ErrorCode::Timeout
                    } else {
                        ErrorCode::UpstreamUnavailable
                    },
                    message: "no source answered".into(),
                }),
            )
        } else if answered < planned {
            (AnswerStatus::Partial, None)
        } else {
            (AnswerStatus::Ok, None)
        };
        let confidence = if planned == 0 {
            0.0
        } else {
            (written.estimate.clamp(0.0, 1.0) * answered as f64 / planned as f64 * 100.0).round()
                / 100.0
        };
        let response = QueryResponse {
            status,
            answer: written.answer,
            sources: outcomes.iter().map(|o| o.source()).collect(),
            confidence,
            cache: CacheStatus::Miss,
            timestamp: rfc3339(Utc::now()),
            request_id: String::new(),
            model: written.model,
            error,
        };
        // Only complete answers written by the configured writer are reused: a partial or
        // fallback answer should heal as soon as the source or the model does.
        let cacheable = status == AnswerStatus::Ok && response.model == self.brain.model_name();
        if cacheable && self.cache.enabled() {
            let stored = Arc::new(response.clone());
            self.cache.l2_put(&key, stored.clone()).await;
            self.cache.l1_put_in_background(key, stored);
        }
        Computed {
            response,
            origin: CacheStatus::Miss,
            timings,
        }
    }
}

const RULES: &str = brain::RULES_MODEL;

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// Removes a finished (or panicked) computation from the single-flight map.
struct LeaveOnDrop {
    engine: Arc<QueryEngine>,
    key: String,
}

impl Drop for LeaveOnDrop {
    fn drop(&mut self) {
        self.engine.inflight.lock().remove(&self.key);
    }
}
