//! Prometheus metrics: one registry per application (no global state), rendered at `/metrics`.

use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

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
    /// This set's id in each worker thread's [`HANDLES`].
    id: u64,
}

/// A worker thread's handles of the metrics of paths that are their own route (see
/// [`ServiceMetrics::observe`]): a request on such a path counts and times itself without a
/// lock, a label hash or a shared map, only a lookup by path in a map no other thread reads.
struct PathHandles {
    route: Route,
    latency: Histogram,
    /// By method and status; a route sees few of either.
    counts: Vec<(&'static str, u16, Counter)>,
}

/// Most paths a thread keeps handles for (a full map is cleared: see [`crate::recent`]).
const THREAD_PATHS: usize = 64;

thread_local! {
    static HANDLES: RefCell<crate::recent::Recent<PathHandles>> =
        RefCell::new(crate::recent::Recent::new(THREAD_PATHS));
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
            id: crate::recent::next_owner(),
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

    /// Counts and times one served request and returns its route label. `method` is a
    /// bounded label (the standard methods by name, anything else `other`).
    pub fn observe(
        &self,
        req: &HttpRequest,
        method: &'static str,
        status: u16,
        elapsed: Duration,
    ) -> Route {
        let seconds = elapsed.as_secs_f64();
        let path = req.path();
        let remembered = HANDLES.with_borrow_mut(|handles| {
            let h = handles.get_mut(self.id, path)?;
            h.latency.observe(seconds);
            let i = match h.counts.iter().position(|c| c.0 == method && c.1 == status) {
                Some(i) => i,
                None => {
                    let counter = self.counter(&h.route, method, status);
                    h.counts.push((method, status, counter));
                    h.counts.len() - 1
                }
            };
            h.counts[i].2.inc();
            Some(h.route.clone())
        });
        if let Some(route) = remembered {
            return route;
        }
        let route = self.route(req);
        let latency = self
            .http_latency
            .get_or_create(&RouteLabels {
                route: route.clone(),
            })
            .clone();
        latency.observe(seconds);
        let counter = self.counter(&route, method, status);
        counter.inc();
        if *route == *path {
            HANDLES.with_borrow_mut(|handles| {
                handles.insert(
                    self.id,
                    path,
                    PathHandles {
                        route: route.clone(),
                        latency,
                        counts: vec![(method, status, counter)],
                    },
                );
            });
        }
        route
    }

    fn counter(&self, route: &Route, method: &'static str, status: u16) -> Counter {
        self.http_requests
            .get_or_create(&HttpLabels {
                route: route.clone(),
                method,
                status,
            })
            .clone()
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
        for uri in [
            "/plain", "/plain", "/runs/1", "/runs/2", "/nowhere", "/plain",
        ] {
            test::call_service(&app, test::TestRequest::get().uri(uri).to_request()).await;
        }
        // Another method on a path this thread holds handles for: a counter of its own.
        test::call_service(&app, test::TestRequest::post().uri("/plain").to_request()).await;
        // A second metric set on the same thread counts only its own requests.
        let other_registry = MetricsRegistry::new();
        let other = ServiceMetrics::register(&other_registry);
        let other_app = test::init_service(
            App::new()
                .app_data(web::Data::new(other))
                .wrap(from_fn(crate::middleware::observe))
                .route("/plain", web::get().to(HttpResponse::Ok)),
        )
        .await;
        test::call_service(
            &other_app,
            test::TestRequest::get().uri("/plain").to_request(),
        )
        .await;
        assert!(
            other_registry
                .encode()
                .contains(r#"http_requests_total{route="/plain",method="GET",status="200"} 1"#),
            "{}",
            other_registry.encode()
        );
        let text = registry.encode();
        for line in [
            r#"http_requests_total{route="/plain",method="GET",status="200"} 3"#,
            r#"http_requests_total{route="/plain",method="POST",status="404"} 1"#,
            r#"http_request_duration_seconds_count{route="/plain"} 4"#,
            r#"http_requests_total{route="/runs/{id}",method="GET",status="200"} 2"#,
            r#"http_requests_total{route="unmatched",method="GET",status="404"} 1"#,
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
