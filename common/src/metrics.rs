//! Prometheus metrics: one registry per application (no global state), rendered at `/metrics`.

use std::any::{Any, TypeId};
use std::collections::HashMap;
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

/// Metric sets registered once per registry, by type (see [`MetricsRegistry::shared`]).
type SharedSets = HashMap<TypeId, Box<dyn Any + Send + Sync>>;

/// The application's metric registry. Components register their metrics at build time.
#[derive(Clone, Default)]
pub struct MetricsRegistry {
    registry: Arc<Mutex<Registry>>,
    shared: Arc<Mutex<SharedSets>>,
}

impl MetricsRegistry {
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers one metric (a counter, histogram or family) under `name`.
    pub fn register(&self, name: &str, help: &str, metric: impl Metric) {
        self.registry.lock().register(name, help, metric);
    }

    /// The registry's one `T`, made by `register` on first use. For metric sets several
    /// components share (every circuit breaker of a process reports into one family): a
    /// name registered twice would be exposed twice, which Prometheus refuses.
    pub fn shared<T: Clone + Send + Sync + 'static>(&self, register: impl FnOnce(&Self) -> T) -> T {
        let mut shared = self.shared.lock();
        if let Some(set) = shared
            .get(&TypeId::of::<T>())
            .and_then(|b| b.downcast_ref::<T>())
        {
            return set.clone();
        }
        let set = register(self);
        shared.insert(TypeId::of::<T>(), Box::new(set.clone()));
        set
    }

    /// The Prometheus text exposition of every registered metric.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Encoding into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry.lock());
        out
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct HttpLabels {
    pub route: String,
    pub method: &'static str,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ToolLabels {
    pub tool: &'static str,
    /// `/mcp` or `/mcp/call`.
    pub transport: &'static str,
    /// `ok` or the error code.
    pub outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ToolNameLabels {
    pub tool: &'static str,
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
