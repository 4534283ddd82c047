//! Prometheus metrics: one registry per application (no global state), rendered at `/metrics`.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::Arc;

use actix_web::HttpRequest;
use parking_lot::{Mutex, RwLock};
use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
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

/// A route label: the matched pattern, shared by every request on that route.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
pub struct Route(Arc<str>);

impl From<&str> for Route {
    fn from(s: &str) -> Self {
        Self(s.into())
    }
}

impl From<String> for Route {
    fn from(s: String) -> Self {
        Self(s.into())
    }
}

impl std::ops::Deref for Route {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Route {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl EncodeLabelValue for Route {
    fn encode(&self, encoder: &mut LabelValueEncoder<'_>) -> Result<(), std::fmt::Error> {
        EncodeLabelValue::encode(&&*self.0, encoder)
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct HttpLabels {
    pub route: Route,
    pub method: &'static str,
    pub status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub route: Route,
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
    routes: RouteMemo,
}

/// Most request paths remembered as their route (see [`ServiceMetrics::route`]).
const REMEMBERED_ROUTES: usize = 256;

/// Request paths that are their own route pattern (routes without parameters), each with its
/// shared label. A fixed application's routes are a fixed set, so this stays small; the bound
/// is for an application that somehow has more.
#[derive(Clone)]
struct RouteMemo {
    by_path: Arc<RwLock<HashMap<Box<str>, Route>>>,
    unmatched: Route,
}

impl ServiceMetrics {
    pub fn register(registry: &MetricsRegistry) -> Self {
        let m = Self {
            http_requests: Family::default(),
            http_latency: latency_family(),
            tool_calls: Family::default(),
            tool_latency: latency_family(),
            routes: RouteMemo {
                by_path: Arc::default(),
                unmatched: Route::from("unmatched"),
            },
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

    /// The route label of a served request: the pattern its route matched, or `unmatched`.
    ///
    /// Finding the pattern walks the application's routes again and allocates it; for a path
    /// that is its own pattern that is done once, and later requests share the remembered
    /// label. Paths with parameters (`/runs/{id}`) are looked up each time: they are many.
    pub fn route(&self, req: &HttpRequest) -> Route {
        let path = req.path();
        if let Some(route) = self.routes.by_path.read().get(path) {
            return route.clone();
        }
        let Some(pattern) = req.match_pattern() else {
            return self.routes.unmatched.clone();
        };
        let route = Route::from(pattern);
        if *route == *path {
            let mut by_path = self.routes.by_path.write();
            if by_path.len() < REMEMBERED_ROUTES {
                by_path.insert(path.into(), route.clone());
            }
        }
        route
    }
}

#[cfg(test)]
mod tests {
    use actix_web::middleware::from_fn;
    use actix_web::{App, HttpResponse, test, web};

    use super::*;

    #[actix_web::test]
    async fn requests_count_under_their_route_pattern_and_only_plain_paths_are_remembered() {
        let registry = MetricsRegistry::new();
        let metrics = ServiceMetrics::register(&registry);
        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(metrics.clone()))
                .wrap(from_fn(crate::middleware::observe))
                .route("/plain", web::get().to(HttpResponse::Ok))
                .route("/runs/{id}", web::get().to(HttpResponse::Ok)),
        )
        .await;
        for uri in ["/plain", "/plain", "/runs/1", "/runs/2", "/nowhere"] {
            test::call_service(&app, test::TestRequest::get().uri(uri).to_request()).await;
        }
        let text = registry.encode();
        for line in [
            r#"http_requests_total{route="/plain",method="GET",status="200"} 2"#,
            r#"http_requests_total{route="/runs/{id}",method="GET",status="200"} 2"#,
            r#"http_requests_total{route="unmatched",method="GET",status="404"} 1"#,
            r#"http_request_duration_seconds_count{route="/plain"} 2"#,
        ] {
            assert!(text.contains(line), "{line} not in:\n{text}");
        }
        let remembered: Vec<String> = metrics
            .routes
            .by_path
            .read()
            .keys()
            .map(|k| k.to_string())
            .collect();
        assert_eq!(remembered, ["/plain"]);
    }
}
