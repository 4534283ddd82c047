//! The orchestrator's settings: one typed struct, loaded once from one read of the
//! environment, made of parts with flat names (`QUERY_*`, `CACHE_*`, `PIPELINE_*`, …).

use std::time::Duration;

use common::config::{ConfigError, Env, ServerSettings};
use common::llm::LlmSettings;
use serde::Deserialize;

use crate::pipeline::PipelineSettings;
use crate::services::ServiceUrls;

/// Everything the orchestrator reads from the environment, in parts.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `PORT`, `HOST`, `LOG_FORMAT`, … shared by every binary.
    pub server: ServerSettings,
    /// `*_SERVICE_URL`, `SERVICE_TIMEOUT_MS`: where each service is.
    pub services: ServiceUrls,
    /// `QUERY_*`, `CATALOG_*`: how `/query` plans, calls and answers.
    pub query: QuerySettings,
    /// `CACHE_*`, `FIRESTORE_PROJECT_ID`, `FIRESTORE_EMULATOR_HOST`: the answer caches.
    pub cache: CacheSettings,
    /// `PIPELINE_*`: the email pipeline.
    pub pipeline: PipelineSettings,
    /// `LLM_*`, `VERTEX_*`, `GEMINI_*`, `OPENAI_*`, `PROMPTS_DIR`: the planner and writer model.
    pub llm: LlmSettings,
    /// `AUTH_*`: who may call (identity tokens, staff and operator rules).
    pub auth: common::auth::AuthSettings,
    /// `PUBLIC_URL`: how the orchestrator names itself to OAuth clients.
    pub access: crate::access::AccessSettings,
    /// `BREAKER_*`: when a failing service is left alone for a while.
    pub breakers: common::breaker::BreakerSettings,
}

impl Settings {
    /// Reads `.env` and the environment once, and every part from that snapshot.
    pub fn load() -> Result<Self, ConfigError> {
        Self::from_env(&Env::load())
    }

    /// From explicit pairs (tests, benchmarks), as [`Settings::load`] does from the environment.
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, ConfigError> {
        Self::from_env(&Env::from_pairs(pairs))
    }

    fn from_env(env: &Env) -> Result<Self, ConfigError> {
        Ok(Self {
            server: env.part()?,
            services: env.part()?,
            query: env.part()?,
            cache: env.part()?,
            pipeline: env.part()?,
            llm: env.part()?,
            auth: env.part()?,
            access: env.part()?,
            breakers: env.part()?,
        })
    }
}

/// How `/query` plans, calls and answers.
#[derive(Debug, Clone, Deserialize)]
pub struct QuerySettings {
    /// `QUERY_CALL_TIMEOUT_MS`: deadline of one tool call (each attempt).
    #[serde(default = "d_call_timeout")]
    pub query_call_timeout_ms: u64,
    /// `QUERY_DEADLINE_MS`: overall budget for all tool calls of one question.
    #[serde(default = "d_deadline")]
    pub query_deadline_ms: u64,
    /// `QUERY_MAX_ATTEMPTS`: attempts per tool call (read-only calls are retried when retryable).
    #[serde(default = "d_attempts")]
    pub query_max_attempts: u32,
    /// `QUERY_MAX_CALLS`: most tool calls one plan may make.
    #[serde(default = "d_max_calls")]
    pub query_max_calls: usize,
    /// `QUERY_RESULT_TTL_SECS`: the longest a data tool's result is reused for the same
    /// arguments; each is kept for its own freshness (its service's `ttlMs` hint) up to
    /// this. 0 turns the tool-result cache off.
    #[serde(default = "d_result_ttl")]
    pub query_result_ttl_secs: u64,
    /// `QUERY_RESULT_CACHE_BYTES`: most bytes of tool results kept.
    #[serde(default = "d_result_bytes")]
    pub query_result_cache_bytes: u64,
    /// `QUERY_MAX_IN_FLIGHT`: questions answered at once; more get 429.
    #[serde(default = "d_in_flight")]
    pub query_max_in_flight: usize,
    /// `QUERY_PLAN_TIMEOUT_MS`: deadline of one planning model call.
    #[serde(default = "d_plan_timeout")]
    pub query_plan_timeout_ms: u64,
    /// `QUERY_SYNTHESIS_TIMEOUT_MS`: deadline of one synthesis model call.
    #[serde(default = "d_synth_timeout")]
    pub query_synthesis_timeout_ms: u64,
    /// `QUERY_RATE_PER_MINUTE`: questions one caller (token subject, or client address) may
    /// ask per minute; `0` disables the limit.
    #[serde(default = "d_rate")]
    pub query_rate_per_minute: u32,
    /// `QUERY_RATE_BURST`: questions one caller may ask at once before the rate applies.
    #[serde(default = "d_burst")]
    pub query_rate_burst: u32,
    /// `QUERY_EXPRESS`: answer a `/query` whose exact request (credentials, content type,
    /// body) this worker answered from L2 before, and whose answer L2 still holds, before the
    /// middleware stack and routing (see `query::express`); `false` sends every request the
    /// usual way.
    #[serde(default = "d_true")]
    pub query_express: bool,
    /// `TRUST_FORWARDED_FOR`: take the client address from the last `X-Forwarded-For` entry
    /// (the one Cloud Run's front end appends). Default: on under Cloud Run, off elsewhere.
    #[serde(default)]
    pub trust_forwarded_for: Option<bool>,
    /// `CATALOG_REFRESH_SECS`: how often the tool catalog is re-read from the services.
    #[serde(default = "d_catalog_refresh")]
    pub catalog_refresh_secs: u64,
    /// `CATALOG_RETRY_SECS`: how soon a service whose tools are unknown is asked again.
    #[serde(default = "d_catalog_retry")]
    pub catalog_retry_secs: u64,
}

fn d_call_timeout() -> u64 {
    4_000
}
fn d_deadline() -> u64 {
    8_000
}
fn d_attempts() -> u32 {
    2
}
fn d_max_calls() -> usize {
    6
}
fn d_result_ttl() -> u64 {
    300
}
fn d_result_bytes() -> u64 {
    32 * 1024 * 1024
}
fn d_in_flight() -> usize {
    256
}
fn d_rate() -> u32 {
    120
}
fn d_burst() -> u32 {
    30
}
fn d_plan_timeout() -> u64 {
    15_000
}
fn d_synth_timeout() -> u64 {
    20_000
}
fn d_catalog_refresh() -> u64 {
    300
}
fn d_catalog_retry() -> u64 {
    5
}

impl Default for QuerySettings {
    fn default() -> Self {
        common::config::from_pairs(std::iter::empty()).expect("defaults are valid")
    }
}

impl QuerySettings {
    pub fn call_timeout(&self) -> Duration {
        Duration::from_millis(self.query_call_timeout_ms.max(1))
    }
    pub fn deadline(&self) -> Duration {
        Duration::from_millis(self.query_deadline_ms.max(1))
    }
    pub fn result_ttl(&self) -> Duration {
        Duration::from_secs(self.query_result_ttl_secs)
    }
}

/// The answer caches: L2 in process (moka), L1 in Firestore.
#[derive(Debug, Clone, Deserialize)]
pub struct CacheSettings {
    /// `CACHE_ENABLED`: `false` turns both layers off (every question is computed).
    #[serde(default = "d_true")]
    pub cache_enabled: bool,
    /// `CACHE_TTL_SECS`: how long an answer is served from L2.
    #[serde(default = "d_l2_ttl")]
    pub cache_ttl_secs: u64,
    /// `CACHE_L1_TTL_SECS`: how long an answer is served from L1 (its `expires_at`).
    #[serde(default = "d_l1_ttl")]
    pub cache_l1_ttl_secs: u64,
    /// `CACHE_MAX_BYTES`: L2 capacity, by the size of the cached answers.
    #[serde(default = "d_max_bytes")]
    pub cache_max_bytes: u64,
    /// `CACHE_COLLECTION`: the Firestore collection of L1 answers.
    #[serde(default = "d_collection")]
    pub cache_collection: String,
    /// `CACHE_L1_TIMEOUT_MS`: an L1 read slower than this counts as a miss (and an L1 error).
    #[serde(default = "d_l1_timeout")]
    pub cache_l1_timeout_ms: u64,
    /// `FIRESTORE_PROJECT_ID`: enables L1. With only `FIRESTORE_EMULATOR_HOST` set, the
    /// sandbox project `demo-mcp-orchestrator` is used.
    #[serde(default)]
    pub firestore_project_id: Option<String>,
    /// `FIRESTORE_EMULATOR_HOST`: read by the Firestore client itself; here only to decide
    /// whether L1 is configured.
    #[serde(default)]
    pub firestore_emulator_host: Option<String>,
}

fn d_true() -> bool {
    true
}
fn d_l2_ttl() -> u64 {
    300
}
fn d_l1_ttl() -> u64 {
    3_600
}
fn d_max_bytes() -> u64 {
    64 * 1024 * 1024
}
fn d_collection() -> String {
    "query_cache".into()
}
fn d_l1_timeout() -> u64 {
    500
}

impl Default for CacheSettings {
    fn default() -> Self {
        common::config::from_pairs(std::iter::empty()).expect("defaults are valid")
    }
}

impl CacheSettings {
    /// The Firestore project for L1, if L1 is configured.
    pub fn l1_project(&self) -> Option<String> {
        self.firestore_project_id.clone().or_else(|| {
            self.firestore_emulator_host
                .as_ref()
                .map(|_| "demo-mcp-orchestrator".to_string())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_comes_from_one_environment() {
        let s = Settings::from_pairs([
            ("PORT", "9080"),
            ("CHARGEBEE_SERVICE_URL", "http://127.0.0.1:8101"),
            ("QUERY_MAX_CALLS", "3"),
            ("CACHE_ENABLED", "false"),
            ("PIPELINE_LOOKBACK", "90d"),
            ("LLM_PROVIDER", "rules"),
        ])
        .unwrap();
        assert_eq!(s.server.port, Some(9080));
        assert_eq!(
            s.services.chargebee_service_url.as_deref(),
            Some("http://127.0.0.1:8101")
        );
        assert_eq!(s.query.query_max_calls, 3);
        assert!(!s.cache.cache_enabled);
        assert_eq!(
            s.pipeline.pipeline_lookback,
            Duration::from_secs(90 * 86_400)
        );
        assert_eq!(s.llm.llm_provider, common::llm::ProviderKind::Rules);
    }

    #[test]
    fn a_bad_value_names_the_variable() {
        let err = Settings::from_pairs([("QUERY_DEADLINE_MS", "soon")]).unwrap_err();
        assert!(err.to_string().contains("QUERY_DEADLINE_MS"), "{err}");
    }
}
