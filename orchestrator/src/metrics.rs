//! `/query` metrics, registered on the application's registry beside the kit's.

use std::sync::Arc;

use common::metrics::{LatencyFamily, MetricsRegistry, latency_family};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;

use crate::query::model::{AnswerStatus, CacheStatus, SourceStatus};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct AnswerLabels {
    pub status: String,
    pub cache: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ToolCallLabels {
    pub service: String,
    pub tool: String,
    pub status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OpLabels {
    pub op: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StageLabels {
    pub stage: String,
}

/// Counters and histograms of `/query`. Cheap to clone.
#[derive(Clone)]
pub struct QueryMetrics {
    /// `query_answers` by status and cache layer, resolved once (the L2-hit path counts
    /// without building labels).
    answers: Arc<[[Counter; 3]; 3]>,
    tool_calls: Family<ToolCallLabels, Counter>,
    planner: Family<OpLabels, Counter>,
    l1_errors: Family<OpLabels, Counter>,
    l1_up: Gauge,
    stage_latency: LatencyFamily<StageLabels>,
    shared: Arc<Counter>,
    express: Arc<Counter>,
}

impl QueryMetrics {
    pub fn register(registry: &MetricsRegistry) -> Self {
        let answers = Family::<AnswerLabels, Counter>::default();
        let counter = |status: AnswerStatus, cache: CacheStatus| {
            answers
                .get_or_create(&AnswerLabels {
                    status: status_label(status).into(),
                    cache: cache.as_str().into(),
                })
                .clone()
        };
        let statuses = [AnswerStatus::Ok, AnswerStatus::Partial, AnswerStatus::Error];
        let caches = [CacheStatus::Miss, CacheStatus::L2, CacheStatus::L1];
        let m = Self {
            answers: Arc::new(statuses.map(|s| caches.map(|c| counter(s, c)))),
            tool_calls: Family::default(),
            planner: Family::default(),
            l1_errors: Family::default(),
            l1_up: Gauge::default(),
            stage_latency: latency_family(),
            shared: Arc::new(Counter::default()),
            express: Arc::new(Counter::default()),
        };
        registry.register(
            "query_answers",
            "Answers by status and cache layer",
            answers,
        );
        registry.register(
            "query_tool_calls",
            "Tool calls made for questions, by outcome",
            m.tool_calls.clone(),
        );
        registry.register(
            "query_plans",
            "Plans by planner (model, repaired, rules)",
            m.planner.clone(),
        );
        registry.register(
            "query_cache_l1_errors",
            "L1 (Firestore) cache failures by operation",
            m.l1_errors.clone(),
        );
        registry.register(
            "query_cache_l1_up",
            "1 when the L1 cache answered its last operation, 0 when it failed",
            m.l1_up.clone(),
        );
        registry.register(
            "query_stage_duration_seconds",
            "Time in each stage of a question",
            m.stage_latency.clone(),
        );
        registry.register(
            "query_computed_answers",
            "Answers computed (one per set of identical questions asked at once)",
            (*m.shared).clone(),
        );
        registry.register(
            "query_express_answers",
            "L2 hits answered by the express lane, before routing (also in query_answers)",
            (*m.express).clone(),
        );
        m
    }

    /// An L2 hit the express lane answered.
    pub fn express_answer(&self) {
        self.express.inc();
    }

    pub fn answer(&self, status: AnswerStatus, cache: CacheStatus) {
        let cache = match cache {
            CacheStatus::Miss => 0,
            CacheStatus::L2 => 1,
            CacheStatus::L1 => 2,
        };
        let status = match status {
            AnswerStatus::Ok => 0,
            AnswerStatus::Partial => 1,
            AnswerStatus::Error => 2,
        };
        self.answers[status][cache].inc();
    }

    pub fn tool_call(&self, tool: common::contract::ToolName, status: SourceStatus) {
        let status = match status {
            SourceStatus::Ok => "ok",
            SourceStatus::Error => "error",
            SourceStatus::Timeout => "timeout",
        };
        self.tool_calls
            .get_or_create(&ToolCallLabels {
                service: tool.service().as_str().into(),
                tool: tool.as_str().into(),
                status: status.into(),
            })
            .inc();
    }

    pub fn planned_by(&self, planner: &str) {
        self.planner
            .get_or_create(&OpLabels { op: planner.into() })
            .inc();
    }

    pub fn l1_error(&self, op: &str) {
        self.l1_errors
            .get_or_create(&OpLabels { op: op.into() })
            .inc();
        self.l1_up.set(0);
    }

    pub fn l1_ok(&self) {
        self.l1_up.set(1);
    }

    pub fn stage(&self, stage: &str, secs: f64) {
        self.stage_latency
            .get_or_create(&StageLabels {
                stage: stage.into(),
            })
            .observe(secs);
    }

    pub fn computed(&self) {
        self.shared.inc();
    }
}

fn status_label(status: AnswerStatus) -> &'static str {
    match status {
        AnswerStatus::Ok => "ok",
        AnswerStatus::Partial => "partial",
        AnswerStatus::Error => "error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_counted_under_their_own_labels() {
        let registry = MetricsRegistry::new();
        let m = QueryMetrics::register(&registry);
        m.answer(AnswerStatus::Partial, CacheStatus::L1);
        m.answer(AnswerStatus::Ok, CacheStatus::L2);
        m.answer(AnswerStatus::Ok, CacheStatus::L2);
        let text = registry.encode();
        for (line, n) in [
            (r#"query_answers_total{status="partial",cache="l1"}"#, 1),
            (r#"query_answers_total{status="ok",cache="l2"}"#, 2),
            (r#"query_answers_total{status="error",cache="miss"}"#, 0),
        ] {
            assert!(
                text.contains(&format!("{line} {n}")),
                "{line} {n} in {text}"
            );
        }
    }
}
