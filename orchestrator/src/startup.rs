//! Start-up as a value: settings → services, catalog, caches, model → the bound application.

use std::sync::Arc;
use std::time::Duration;

use common::contract::Service;
use common::kit::{Check, Kit, Readiness, ReadinessReport, Toolbox};
use common::llm::Llm;
use common::metrics::MetricsRegistry;

use crate::cache::{AnswerCache, AnswerStore, FirestoreStore, L1State};
use crate::metrics::QueryMetrics;
use crate::pipeline::{self, Pipeline};
use crate::query::QueryEngine;
use crate::query::catalog::Catalog;
use crate::services::Services;
use crate::settings::{CacheSettings, Settings};

/// Longest start-up waits for the first tool-catalog read (down services are retried later).
const FIRST_CATALOG_READ: Duration = Duration::from_secs(3);

/// A built, bound orchestrator.
pub struct Orchestrator {
    pub app: common::Application,
    pub engine: Arc<QueryEngine>,
    pub pipeline: Arc<Pipeline>,
}

impl Orchestrator {
    pub fn port(&self) -> u16 {
        self.app.port()
    }
}

/// Builds the orchestrator: discovers tools, connects the caches, binds the listener.
pub async fn build(settings: Settings) -> anyhow::Result<Orchestrator> {
    let registry = MetricsRegistry::new();
    let metrics = QueryMetrics::register(&registry);
    let services = Services::new(&settings.services);
    if services.data_services().is_empty() {
        tracing::warn!(
            "no data service configured (*_SERVICE_URL): /query can only answer with errors"
        );
    }

    let catalog = Catalog::new(services.clone());
    if tokio::time::timeout(FIRST_CATALOG_READ, catalog.refresh())
        .await
        .is_err()
    {
        tracing::warn!("tool catalog not complete at start-up; reading it in the background");
    }
    catalog.spawn_refresh(
        Duration::from_secs(settings.query.catalog_refresh_secs.max(1)),
        Duration::from_secs(settings.query.catalog_retry_secs.max(1)),
    );

    let l1 = connect_l1(&settings.cache).await;
    let cache = Arc::new(AnswerCache::new(&settings.cache, l1, metrics.clone()));
    let llm = Llm::from_settings(&settings.llm, &registry)?;
    tracing::info!(model = llm.model(), "query planner and writer");

    let pipeline = Pipeline::start(settings.pipeline.clone(), services.clone(), &registry).await?;
    let engine = QueryEngine::new(
        services,
        catalog,
        cache,
        llm,
        settings.query.clone(),
        metrics,
    );
    let tools = crate::query::http::register_tool(Toolbox::new(), engine.clone());
    let tools = pipeline::register_tools(tools, pipeline.clone());
    let kit = Kit::new(crate::INFO, tools)
        .with_registry(registry)
        .with_resources(pipeline::resources(pipeline.clone()))
        .with_readiness(Arc::new(QueryReadiness {
            engine: engine.clone(),
        }));
    let routes = crate::query::http::configure(engine.clone());
    let pipeline_routes = pipeline::configure(pipeline.clone());
    let app = common::Application::build(kit, &settings.server, move |cfg| {
        routes(cfg);
        pipeline_routes(cfg);
        crate::openapi::configure(cfg);
    })?;
    Ok(Orchestrator {
        app,
        engine,
        pipeline,
    })
}

/// The orchestrator as its own process (`mcp orchestrator`): logs, the built application,
/// served until SIGTERM.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    common::telemetry::init(crate::INFO.name, settings.server.log_format);
    let app = build(settings).await?;
    app.app.run_until_stopped().await?;
    Ok(())
}

async fn connect_l1(s: &CacheSettings) -> Option<Arc<dyn AnswerStore>> {
    if !s.cache_enabled {
        tracing::info!("answer cache disabled (CACHE_ENABLED=false)");
        return None;
    }
    let Some(project) = s.l1_project() else {
        tracing::info!("no Firestore configured: answers are cached in memory (L2) only");
        return None;
    };
    let timeout = Duration::from_millis(s.cache_l1_timeout_ms.max(1) * 10);
    match FirestoreStore::connect(&project, &s.cache_collection, timeout).await {
        Ok(store) => {
            tracing::info!(project = %project, collection = %s.cache_collection, "L1 answer cache in Firestore");
            Some(Arc::new(store))
        }
        Err(e) => {
            tracing::warn!(error = %e, "Firestore unavailable: answers are cached in memory (L2) only");
            None
        }
    }
}

/// `/ready`: the tool catalog and the L1 cache.
struct QueryReadiness {
    engine: Arc<QueryEngine>,
}

#[async_trait::async_trait]
impl Readiness for QueryReadiness {
    async fn check(&self) -> ReadinessReport {
        let state = self.engine.catalog().state();
        let missing: Vec<&Service> = state
            .iter()
            .filter(|(_, s)| !s.discovered)
            .map(|(n, _)| n)
            .collect();
        let catalog = if state.is_empty() {
            Check::failed("tool_catalog", "no data service configured")
        } else if missing.len() == state.len() {
            Check::failed("tool_catalog", "no data service has answered yet")
        } else if missing.is_empty() {
            Check::ok("tool_catalog").with_detail(format!("{} services", state.len()))
        } else {
            let names: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
            Check::ok("tool_catalog")
                .with_detail(format!("degraded: not yet read from {}", names.join(", ")))
        };
        // An L1 outage degrades to L2 only: the instance still answers, so it stays ready and
        // says so in the detail (and in the query_cache_l1_up metric).
        let l1 = match self.engine.cache().l1_state() {
            L1State::Disabled => {
                Check::ok("l1_cache").with_detail("not configured: L2 (memory) only")
            }
            L1State::Healthy => Check::ok("l1_cache").with_detail("firestore"),
            L1State::Degraded(e) => {
                Check::ok("l1_cache").with_detail(format!("degraded: serving from L2 only ({e})"))
            }
        };
        ReadinessReport {
            checks: vec![catalog, l1],
        }
    }
}
