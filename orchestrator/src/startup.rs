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
use crate::results::ToolResults;
use crate::services::Services;
use crate::settings::{CacheSettings, Settings};

/// Longest start-up waits for the first tool-catalog read (down services are retried later).
const FIRST_CATALOG_READ: Duration = Duration::from_secs(3);

/// A built, bound orchestrator.
pub struct Orchestrator {
    pub app: common::Application,
    pub engine: Arc<QueryEngine>,
    pub pipeline: Arc<Pipeline>,
    /// How long a clean stop may take (`SHUTDOWN_TIMEOUT_SECS`).
    pub shutdown_timeout: Duration,
}

impl Orchestrator {
    pub fn port(&self) -> u16 {
        self.app.port()
    }

    /// Serves until SIGTERM/SIGINT. The HTTP server drains its requests while the pipeline
    /// stops cleanly in parallel (current message finished or handed back, run recorded,
    /// lease released), both within `SHUTDOWN_TIMEOUT_SECS`: a deploy is not a crash.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let pipeline = self.pipeline.clone();
        let deadline = self.shutdown_timeout;
        let stop_pipeline = async move {
            shutdown_signal().await;
            pipeline.shutdown(deadline).await;
        };
        let server = self.app.run_until_stopped();
        tokio::pin!(server);
        tokio::select! {
            r = &mut server => r,
            () = stop_pipeline => server.await,
        }
    }
}

/// SIGTERM (Cloud Run, Kubernetes, docker stop) or Ctrl-C.
async fn shutdown_signal() {
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = term => {}
    }
}

/// Builds the orchestrator: discovers tools, connects the caches, binds the listener.
pub async fn build(settings: Settings) -> anyhow::Result<Orchestrator> {
    let access = crate::access::Access::from_settings(&settings.auth, &settings.access)?;
    let registry = MetricsRegistry::new();
    let metrics = QueryMetrics::register(&registry);
    let results = ToolResults::new(
        settings.query.result_ttl(),
        settings.query.query_result_cache_bytes,
    )
    .register(&registry);
    let services = Services::new(&settings.services)
        .with_breakers(settings.breakers, &registry)
        .with_results(results);
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
    let llm = Llm::from_settings(&settings.llm, settings.breakers, &registry)?;
    tracing::info!(model = llm.model(), "query planner and writer");
    let model_breaker = llm.breaker();

    let pipeline = Pipeline::start(
        settings.pipeline.clone(),
        services.clone(),
        &registry,
        settings.auth.audit_key(),
    )
    .await?;
    let engine = QueryEngine::new(
        services,
        catalog,
        cache,
        llm,
        settings.query.clone(),
        metrics,
        access.audit_key.clone(),
    );
    let tools = crate::query::http::register_tool(Toolbox::new(), engine.clone(), access.clone());
    let tools = pipeline::register_tools(tools, pipeline.clone());
    let eraser = Arc::new(crate::erasure::Eraser {
        engine: engine.clone(),
        pipeline: pipeline.clone(),
        access: access.clone(),
        stable_key: settings.auth.auth_audit_key.is_some(),
    });
    let tools = crate::erasure::register_tool(tools, eraser.clone());
    let kit = Kit::new(crate::INFO, tools)
        .with_registry(registry)
        .with_breakers(model_breaker)
        .with_resources(pipeline::resources(pipeline.clone()))
        .with_tasks(Arc::new(pipeline::PipelineTasks(pipeline.clone())))
        .with_readiness(Arc::new(QueryReadiness {
            engine: engine.clone(),
        }))
        .with_access(mcp_access(&access));
    let kit = if settings.query.query_express {
        kit.with_express(Arc::new(crate::query::express::QueryExpress::new(
            engine.clone(),
        )))
    } else {
        kit
    };
    let routes = crate::query::http::configure(engine.clone(), access.clone());
    let push = pipeline::http::PushIdentity(
        settings
            .pipeline
            .webhook_authenticator(&settings.auth)?
            .map(Arc::new),
    );
    let pipeline_routes = pipeline::configure(pipeline.clone(), access.clone(), push);
    let access_routes = crate::access::configure(access.clone());
    let erasure_routes = crate::erasure::configure(eraser, access.clone());
    let app = common::Application::build(kit, &settings.server, move |cfg| {
        routes(cfg);
        pipeline_routes(cfg);
        access_routes(cfg);
        erasure_routes(cfg);
        crate::openapi::configure(cfg);
    })?;
    Ok(Orchestrator {
        app,
        engine,
        pipeline,
        shutdown_timeout: Duration::from_secs(settings.server.shutdown_timeout_secs.max(1)),
    })
}

/// The orchestrator's MCP routes admit every authenticated caller; each tool checks its own
/// rule (a question about one's own data, operator tools).
fn mcp_access(access: &crate::access::Access) -> common::kit::Access {
    let a = common::kit::Access {
        authenticator: common::auth::SharedAuthenticator::from_arc(access.authenticator.clone()),
        policy: common::auth::Policy::Any,
        resource_metadata: None,
    };
    match access.resource_metadata_url() {
        Some(url) => a.with_resource_metadata(url),
        None => a,
    }
}

/// Runs the orchestrator on actix's runtime until SIGTERM (`mcp <component>`).
///
/// Not `async`, and never inlined: the server's code (the future [`run`] returns and every
/// generic it reaches) is then compiled in this crate, in parallel with the other components,
/// instead of in the `mcp` executable's crate, alone at the end of a release build.
#[inline(never)]
pub fn serve(settings: Settings) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(run(settings))
}

/// The orchestrator as its own process (`mcp orchestrator`): logs, the built application,
/// served until SIGTERM.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    common::telemetry::init_with_traces(
        crate::INFO.name,
        settings.server.log_format,
        settings.server.otel_exporter_otlp_endpoint.as_deref(),
    );
    let app = build(settings).await?;
    app.run_until_stopped().await?;
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
        let open: Vec<String> = self
            .engine
            .services()
            .breakers()
            .into_iter()
            .filter(|(_, state)| *state != common::breaker::BreakerState::Closed)
            .map(|(s, state)| format!("{s} {}", state.as_str()))
            .collect();
        // An open breaker degrades answers (its sources fail fast); the instance still answers.
        let breakers = if open.is_empty() {
            Check::ok("breakers").with_detail("all closed")
        } else {
            Check::ok("breakers").with_detail(format!("degraded: {}", open.join(", ")))
        };
        ReadinessReport {
            checks: vec![catalog, l1, breakers],
        }
    }
}
