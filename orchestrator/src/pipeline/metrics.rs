//! `pipeline_runs{status}`, `pipeline_messages{outcome}`, `pipeline_errors{step}`,
//! `pipeline_run_duration_seconds`.

use common::metrics::MetricsRegistry;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StatusLabel {
    pub status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabel {
    pub outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StepLabel {
    pub step: String,
}

/// The pipeline's metrics, registered once.
#[derive(Clone)]
pub struct PipelineMetrics {
    pub runs: Family<StatusLabel, Counter>,
    pub messages: Family<OutcomeLabel, Counter>,
    pub errors: Family<StepLabel, Counter>,
    pub duration: Histogram,
}

impl PipelineMetrics {
    pub fn register(registry: &MetricsRegistry) -> Self {
        let m = Self {
            runs: Family::default(),
            messages: Family::default(),
            errors: Family::default(),
            // 10 ms doubling to about 3 hours: runs span seconds to hours.
            duration: Histogram::new(exponential_buckets(0.01, 2.0, 21)),
        };
        registry.register(
            "pipeline_runs",
            "Pipeline runs by final status",
            m.runs.clone(),
        );
        registry.register(
            "pipeline_messages",
            "Pipeline messages by outcome (processed, skipped, retrying, failed)",
            m.messages.clone(),
        );
        registry.register(
            "pipeline_errors",
            "Pipeline step failures by step",
            m.errors.clone(),
        );
        registry.register(
            "pipeline_run_duration_seconds",
            "Duration of pipeline runs",
            m.duration.clone(),
        );
        m
    }

    pub fn message(&self, outcome: &str) {
        self.messages
            .get_or_create(&OutcomeLabel {
                outcome: outcome.to_string(),
            })
            .inc();
    }

    pub fn error(&self, step: &str) {
        self.errors
            .get_or_create(&StepLabel {
                step: step.to_string(),
            })
            .inc();
    }
}
