//! `/query`: validate → cache key → L2 → L1 → plan → execute → synthesize → respond → store.
//!
//! [`QueryEngine::answer`] is the one domain function behind `POST /query` and the `query`
//! MCP tool. The answer cache owns the read-through and shares one computation among
//! concurrent identical misses; the computation runs as its own task holding the
//! concurrency permit, so a caller hanging up neither cancels it nor frees its slot early.

pub mod brain;
pub mod catalog;
pub mod execute;
pub mod express;
pub mod grounding;
pub mod http;
pub mod limits;
pub mod model;
pub mod plan;
pub mod rules;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use common::auth::Principal;
use common::error::ErrorCode;
use common::llm::Llm;
use tokio::sync::Semaphore;

use self::brain::{PlanInput, PlanSkill, WriteInput, WriteSkill};
use self::catalog::Catalog;
use self::execute::Executor;
use self::model::{
    AnswerStatus, CacheStatus, ErrorInfo, QueryResponse, SourceStatus, ValidQuery, rfc3339,
};

pub use self::model::Timings;
use crate::cache::{self, AnswerCache, Computation, Computed, Origin};
use crate::metrics::QueryMetrics;
use crate::results::Freshness;
use crate::services::Services;
use crate::settings::QuerySettings;

pub use crate::cache::Busy;

/// An answer for one request: the shared computation, where it came from, and how long it took.
#[derive(Debug, Clone)]
pub struct Answered {
    computation: Arc<Computation>,
    /// The cache key of the question.
    pub key: String,
    pub cache: CacheStatus,
    pub request_id: String,
    pub timings: Timings,
}

impl Answered {
    /// The `/query` response.
    pub fn response(&self) -> QueryResponse {
        let mut response = self.computation.response.clone();
        response.cache = self.cache;
        response.request_id.clone_from(&self.request_id);
        response
    }

    /// Whether this is an L2 hit written from the bytes stored with the answer.
    pub fn prepared_body_held(&self) -> bool {
        self.cache == CacheStatus::L2 && self.computation.prepared.is_some()
    }

    /// The serialized response of an L2 hit, written around the bytes stored with the answer
    /// (no clone, no serialization); `None` for other answers.
    pub fn prepared_body(&self) -> Option<Vec<u8>> {
        if self.cache != CacheStatus::L2 {
            return None;
        }
        let prepared = self.computation.prepared.as_ref()?;
        Some(prepared.with_request_id(&self.request_id))
    }
}

/// Everything `/query` needs. Build once, share as `Arc`.
pub struct QueryEngine {
    catalog: Arc<Catalog>,
    executor: Executor,
    cache: Arc<AnswerCache>,
    llm: Llm,
    planner: PlanSkill,
    writer: WriteSkill,
    settings: QuerySettings,
    metrics: QueryMetrics,
    limiter: Arc<Semaphore>,
    rate: limits::RateLimiter,
    /// Keys the customer hashes cached answers are filed under (erasure finds them by it).
    subject_key: secrecy::SecretString,
}

impl QueryEngine {
    pub fn new(
        services: Services,
        catalog: Arc<Catalog>,
        cache: Arc<AnswerCache>,
        llm: Llm,
        settings: QuerySettings,
        metrics: QueryMetrics,
        subject_key: secrecy::SecretString,
    ) -> Arc<Self> {
        let executor = Executor::new(services, settings.clone(), metrics.clone());
        Arc::new(Self {
            catalog,
            executor,
            cache,
            limiter: Arc::new(Semaphore::new(settings.query_max_in_flight.max(1))),
            rate: limits::RateLimiter::new(
                settings.query_rate_per_minute,
                settings.query_rate_burst,
                settings
                    .trust_forwarded_for
                    .unwrap_or_else(common::auth::on_cloud_run),
            ),
            planner: PlanSkill {
                timeout: Duration::from_millis(settings.query_plan_timeout_ms.max(1)),
            },
            writer: WriteSkill {
                timeout: Duration::from_millis(settings.query_synthesis_timeout_ms.max(1)),
            },
            llm,
            settings,
            metrics,
            subject_key,
        })
    }

    /// Erases what `/query` holds about `email`: cached answers (L2 and L1) and cached tool
    /// results.
    pub async fn forget(
        &self,
        email: &common::Email,
    ) -> Result<(cache::Erased, usize), cache::StoreError> {
        let subject = common::auth::audit::customer_hash(&self.subject_key, email);
        let answers = self.cache.erase(&subject).await?;
        let results = self.executor.forget(email).await;
        Ok((answers, results))
    }

    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    /// The per-caller rate limits.
    pub fn rate(&self) -> &limits::RateLimiter {
        &self.rate
    }

    /// The services questions are answered from.
    pub fn services(&self) -> &Services {
        self.executor.services()
    }

    pub fn cache(&self) -> &Arc<AnswerCache> {
        &self.cache
    }

    /// The configured model, or `rules`.
    pub fn model_name(&self) -> &str {
        self.llm.model()
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
            self.llm.prompt_hash(),
            self.llm.model(),
        );
        let (computation, origin) = if q.no_cache || !self.cache.enabled() {
            match self.clone().spawn_compute(q).await? {
                Computed::Reusable(c) | Computed::Fresh(c) => (c, Origin::Computed),
            }
        } else {
            let this = self.clone();
            let subject_key = &self.subject_key;
            let email = q.email.clone();
            self.cache
                .get_or_compute(
                    &key,
                    || common::auth::audit::customer_hash(subject_key, &email),
                    move || this.spawn_compute(q),
                )
                .await?
        };
        let cache = match origin {
            Origin::L2 => CacheStatus::L2,
            Origin::L1 => CacheStatus::L1,
            Origin::Computed => CacheStatus::Miss,
        };
        let timings = match origin {
            Origin::L2 => Timings::default(),
            Origin::L1 | Origin::Computed => computation.timings,
        };
        Ok(self.finish(computation, key, cache, timings, request_id, started))
    }

    /// The L2 hit for cache key `key` when this thread holds it, for `caller`, whose rate
    /// limit is charged as the handler charges it (the express lane: no question to parse,
    /// validate or hash; see [`express`]); `None` when the thread does not hold it or the
    /// caller is over the limit (the usual path then answers).
    pub fn express_hit(
        &self,
        key: &str,
        caller: &Principal,
        req: &actix_web::HttpRequest,
        request_id: String,
    ) -> Option<Answered> {
        let started = Instant::now();
        let computation = self.cache.recent_hit(key)?;
        self.rate.admit(Some(caller), Some(req)).ok()?;
        self.metrics.express_answer();
        Some(self.finish(
            computation,
            key.to_string(),
            CacheStatus::L2,
            Timings::default(),
            request_id,
            started,
        ))
    }

    /// Computes an answer in a task of its own that holds a concurrency permit until it ends.
    async fn spawn_compute(self: Arc<Self>, q: ValidQuery) -> Result<Computed, Busy> {
        let permit = self.limiter.clone().try_acquire_owned().map_err(|_| Busy)?;
        // The computation stays in the asking request's span (and trace).
        let span = tracing::Span::current();
        let task = tokio::spawn(tracing::Instrument::instrument(
            async move {
                let _permit = permit;
                self.compute(q).await
            },
            span,
        ));
        Ok(task.await.unwrap_or_else(|_| {
            // A panic in the computation: answered as an internal error, never cached.
            Computed::Fresh(Arc::new(Computation::new(
                QueryResponse::error(
                    ErrorCode::Internal,
                    "internal error",
                    String::new(),
                    common::llm::RULES_MODEL,
                ),
                Timings::default(),
            )))
        }))
    }

    fn finish(
        &self,
        computation: Arc<Computation>,
        key: String,
        cache: CacheStatus,
        mut timings: Timings,
        request_id: String,
        started: Instant,
    ) -> Answered {
        timings.total_ms = ms(started);
        if cache == CacheStatus::L2 {
            timings.cache_ms = timings.total_ms;
        }
        self.metrics.answer(computation.response.status, cache);
        Answered {
            computation,
            key,
            cache,
            request_id,
            timings,
        }
    }

    /// Plan → execute → synthesize; the answer and whether it may be reused.
    async fn compute(self: Arc<Self>, q: ValidQuery) -> Computed {
        let mut timings = Timings::default();
        let t = Instant::now();
        let plan_input = PlanInput {
            query: q.query.clone(),
            email: q.email.clone(),
            catalog: self.catalog.clone(),
            max_calls: self.settings.query_max_calls,
        };
        let planned = self.llm.run(&self.planner, &plan_input).await;
        self.metrics
            .planned_by(match (&planned.fallback, planned.is_builtin()) {
                (Some(_), _) => "rules_fallback",
                (None, true) => "rules",
                (None, false) => "model",
            });
        let mut notices: Vec<String> = planned
            .fallback
            .iter()
            .map(|why| format!("planned by the built-in model: {why}"))
            .collect();
        let plan = planned.output;
        timings.plan_ms = ms(t);
        self.metrics.stage("plan", timings.plan_ms / 1000.0);

        let t = Instant::now();
        let freshness = if q.no_cache {
            Freshness::Bypass
        } else {
            Freshness::Cached
        };
        let outcomes = self.executor.run(&plan.calls, freshness).await;
        timings.tools_ms = ms(t);
        self.metrics.stage("tools", timings.tools_ms / 1000.0);

        let t = Instant::now();
        let planned = outcomes.len();
        let answered = outcomes
            .iter()
            .filter(|o| o.status == SourceStatus::Ok)
            .count();
        let input = WriteInput {
            query: q.query,
            outcomes,
        };
        // A model is never asked to write an answer from data that did not arrive.
        let written = if planned > 0 && answered == 0 {
            common::llm::Ran {
                output: common::llm::Skill::builtin(&self.writer, &input),
                model: common::llm::RULES_MODEL.to_string(),
                fallback: None,
            }
        } else {
            self.llm.run(&self.writer, &input).await
        };
        // A model's answer that states ids, emails, amounts or dates the data does not hold
        // is replaced by the built-in writer's (see `grounding`); being `rules`, it is not
        // cached either.
        let mut written = written;
        if written.model != common::llm::RULES_MODEL {
            let bad = grounding::ungrounded(
                &written.output.answer,
                input.query.as_str(),
                q.email.as_str(),
                &input.outcomes,
            );
            if !bad.is_empty() {
                tracing::warn!(
                    ungrounded = bad.len(),
                    "the model's answer states values not in the data; replaced"
                );
                written = common::llm::Ran {
                    output: common::llm::Skill::builtin(&self.writer, &input),
                    model: common::llm::RULES_MODEL.to_string(),
                    fallback: Some(format!(
                        "the model's answer stated values not found in the data ({})",
                        bad.len()
                    )),
                };
            }
        }
        let outcomes = input.outcomes;
        if let Some(why) = &written.fallback {
            notices.push(format!("written by the built-in model: {why}"));
        }
        timings.synthesis_ms = ms(t);
        self.metrics
            .stage("synthesis", timings.synthesis_ms / 1000.0);

        let (status, error) = if planned == 0 && self.catalog.tools().is_empty() {
            (
                AnswerStatus::Error,
                Some(ErrorInfo {
                    code: ErrorCode::NotConfigured,
                    message: "no data service is configured".into(),
                }),
            )
        } else if planned == 0 {
            // The question needs no customer data (small talk, general knowledge).
            (AnswerStatus::Ok, None)
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
            if status == AnswerStatus::Ok {
                (written.output.estimate.clamp(0.0, 1.0) * 100.0).round() / 100.0
            } else {
                0.0
            }
        } else {
            (written.output.estimate.clamp(0.0, 1.0) * answered as f64 / planned as f64 * 100.0)
                .round()
                / 100.0
        };
        let response = QueryResponse {
            status,
            answer: written.output.answer,
            sources: outcomes.iter().map(|o| o.source()).collect(),
            confidence,
            cache: CacheStatus::Miss,
            timestamp: rfc3339(Utc::now()),
            request_id: String::new(),
            model: written.model,
            error,
            notices,
        };
        // Only complete answers written by the configured writer are reused: a partial or
        // fallback answer should heal as soon as the source or the model does.
        let reusable = status == AnswerStatus::Ok && response.model == self.llm.model();
        let computation = Arc::new(Computation::new(response, timings));
        if reusable {
            Computed::Reusable(computation)
        } else {
            Computed::Fresh(computation)
        }
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}
