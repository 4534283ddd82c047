//! LLM metrics: calls by provider, purpose and outcome; tokens; latency.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;

use crate::metrics::{LatencyFamily, MetricsRegistry, latency_family};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct CallLabels {
    pub provider: String,
    pub purpose: String,
    /// `ok` or an [`super::LlmError::outcome`].
    pub outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct TokenLabels {
    pub provider: String,
    /// `prompt` or `completion`.
    pub kind: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(crate) struct ProviderLabels {
    pub provider: String,
}

#[derive(Clone)]
pub(crate) struct LlmMetrics {
    pub calls: Family<CallLabels, Counter>,
    pub tokens: Family<TokenLabels, Counter>,
    pub latency: LatencyFamily<ProviderLabels>,
}

impl LlmMetrics {
    pub fn register(registry: &MetricsRegistry) -> Self {
        let m = Self {
            calls: Family::default(),
            tokens: Family::default(),
            latency: latency_family(),
        };
        registry.register(
            "llm_calls",
            "LLM calls by provider, purpose and outcome",
            m.calls.clone(),
        );
        registry.register(
            "llm_tokens",
            "LLM tokens by provider and kind (prompt, completion)",
            m.tokens.clone(),
        );
        registry.register(
            "llm_call_duration_seconds",
            "LLM call latency by provider, retries included",
            m.latency.clone(),
        );
        m
    }
}
