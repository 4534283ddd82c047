//! Prometheus metrics: one registry per application (no global state), rendered at `/metrics`.

use std::sync::Arc;

use parking_lot::Mutex;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::{Metric, Registry};

/// A histogram family with the latency buckets we use everywhere (1 ms .. ~30 s).
pub type LatencyFamily<L> = Family<L, Histogram, fn() -> Histogram>;

/// Latency buckets in seconds: 1 ms doubling to about 33 s.
pub fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 16))
}

/// A new latency histogram family.
pub fn latency_family<L: Clone + std::hash::Hash + Eq>() -> LatencyFamily<L> {
    Family::new_with_constructor(latency_histogram)
}

/// The application's metric registry. Components register their metrics at build time.
#[derive(Clone, Default)]
pub struct MetricsRegistry(Arc<Mutex<Registry>>);

impl MetricsRegistry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers one metric (a counter, histogram or family) under `name`.
    pub fn register(&self, name: &str, help: &str, metric: impl Metric) {
        self.0.lock().register(name, help, metric);
    }

    /// The Prometheus text exposition of every registered metric.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Encoding into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.0.lock());
        out
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct HttpLabels {
    pub route: String,
    pub method: String,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ToolLabels {
    pub tool: String,
    /// `/mcp` or `/mcp/call`.
    pub transport: String,
    /// `ok` or the error code.
    pub outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ToolNameLabels {
    pub tool: String,
}

/// HTTP and tool metrics every kit-built service exposes.
#[derive(Clone)]
pub struct ServiceMetrics {
    pub http_requests: Family<HttpLabels, Counter>,
    pub http_latency: LatencyFamily<RouteLabels>,
    pub tool_calls: Family<ToolLabels, Counter>,
    pub tool_latency: LatencyFamily<ToolNameLabels>,
}

impl ServiceMetrics {
    pub fn register(registry: &MetricsRegistry) -> Self {
        let m = Self {
            http_requests: Family::default(),
            http_latency: latency_family(),
            tool_calls: Family::default(),
            tool_latency: latency_family(),
        };
        registry.register(
            "http_requests",
            "HTTP requests by route, method and status",
            m.http_requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "HTTP request latency by route",
            m.http_latency.clone(),
        );
        registry.register(
            "tool_calls",
            "Tool calls by tool, transport and outcome",
            m.tool_calls.clone(),
        );
        registry.register(
            "tool_call_duration_seconds",
            "Tool call latency by tool",
            m.tool_latency.clone(),
        );
        m
    }
}
