//! Start-up as a value: bind, expose the port, run until stopped (SIGTERM drains in-flight work).

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::middleware::{Condition, from_fn};
use actix_web::{App, HttpServer, web};
use rmcp_actix_web::transport::{LocalSessionManager, StreamableHttpService};

use super::routes::MetricsAccess;
use super::{Kit, McpServer};
use crate::config::{ServerSettings, split_list};
use crate::middleware;

/// Loopback names `/mcp` always accepts in `Host`.
const LOOPBACK_HOSTS: [&str; 3] = ["localhost", "127.0.0.1", "::1"];
/// Loopback origins `/mcp` always accepts (any port).
const LOOPBACK_ORIGINS: [&str; 4] = [
    "http://localhost:*",
    "http://127.0.0.1:*",
    "https://localhost:*",
    "https://127.0.0.1:*",
];

/// A bound, not yet running, service.
pub struct Application {
    port: u16,
    server: Server,
    /// `/metrics` alone on `METRICS_PORT`, when configured.
    metrics_server: Option<Server>,
}

impl Application {
    /// Binds the listener and builds the server: the kit's routes, the `/mcp` transport,
    /// and whatever `extra` adds (the orchestrator's `/query`, a sandbox's admin API, …).
    pub fn build<F>(kit: Kit, settings: &ServerSettings, extra: F) -> std::io::Result<Self>
    where
        F: Fn(&mut web::ServiceConfig) + Send + Sync + 'static,
    {
        Self::build_with(kit, settings, Arc::new(extra))
    }

    /// [`Self::build`] without type parameters: actix's server, the middleware and the `/mcp`
    /// transport are compiled once, here, rather than once per component crate (which made
    /// every service crate as slow to compile as the whole server; see the release build notes
    /// in the README).
    #[inline(never)]
    fn build_with(
        kit: Kit,
        settings: &ServerSettings,
        extra: Arc<dyn Fn(&mut web::ServiceConfig) + Send + Sync>,
    ) -> std::io::Result<Self> {
        let kit = with_freshness(kit, settings)?;
        let port = settings.port.unwrap_or(kit.info.default_port);
        let listener = TcpListener::bind((settings.host.as_str(), port))?;
        let port = listener.local_addr()?.port();

        let mcp = mcp_transport(&kit, settings);
        let cors_origins = settings
            .cors_allowed_origins
            .as_deref()
            .map(split_list)
            .unwrap_or_default();
        let limit = settings.max_body_bytes;
        let metrics = web::Data::new(kit.metrics.clone());
        let kit_data = web::Data::new(kit.clone());
        let metrics_access =
            web::Data::new(match (&settings.metrics_port, &settings.metrics_token) {
                (Some(_), _) => MetricsAccess::ElsewhereOnly,
                (None, Some(t)) => MetricsAccess::Token(Arc::new(t.clone())),
                (None, None) => MetricsAccess::LoopbackOnly,
            });
        let access = kit.access.clone();
        let (express, express_metrics) = (kit.express.clone(), kit.metrics.clone());
        // A stateless `tools/call` in the plain shape is answered before rmcp's transport
        // (see `direct`).
        let direct = super::direct::Direct::new(kit.clone(), mcp_hosts(settings), limit)
            .enabled(settings.mcp_direct_calls);

        let mut server = HttpServer::new(move || {
            let access = access.clone();
            App::new()
                .app_data(kit_data.clone())
                .app_data(metrics.clone())
                .app_data(metrics_access.clone())
                .app_data(middleware::json_config(limit))
                .app_data(middleware::payload_config(limit))
                .app_data(middleware::query_config())
                .app_data(middleware::path_config())
                .wrap(middleware::cors(&cors_origins))
                .wrap(from_fn(middleware::observe))
                // Only where a component has an express lane: elsewhere no layer at all.
                .wrap(Condition::new(
                    express.is_some(),
                    from_fn(super::express::middleware(
                        express.clone(),
                        express_metrics.clone(),
                    )),
                ))
                .configure(|cfg| super::routes::configure(cfg, &access))
                .configure(|cfg| extra(cfg))
                .service(
                    mcp.clone()
                        .scope_with_path("/mcp")
                        .wrap(from_fn(direct.clone().middleware()))
                        .wrap(from_fn(super::routes::guard(&access))),
                )
                .default_service(web::to(middleware::not_found))
        })
        .listen(listener)?
        .shutdown_timeout(settings.shutdown_timeout_secs);
        if let Some(workers) = settings.http_workers {
            server = server.workers(workers.max(1));
        }
        let metrics_server = match settings.metrics_port {
            Some(mport) => {
                let listener = TcpListener::bind((settings.host.as_str(), mport))?;
                let kit = web::Data::new(kit.clone());
                let s = HttpServer::new(move || {
                    App::new().app_data(kit.clone()).route(
                        "/metrics",
                        web::get()
                            .to(|k: web::Data<Kit>| async move { super::routes::metrics_body(&k) }),
                    )
                })
                .listen(listener)?
                .workers(1)
                .shutdown_timeout(settings.shutdown_timeout_secs)
                .run();
                Some(s)
            }
            None => None,
        };
        tracing::info!(
            service = kit.info.name,
            port,
            tools = kit.tools.list().len(),
            metrics_port = settings.metrics_port,
            "listening"
        );
        Ok(Self {
            port,
            server: server.run(),
            metrics_server,
        })
    }

    /// The bound port (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGTERM/SIGINT, then drains in-flight requests.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = match self.metrics_server {
            Some(m) => futures::try_join!(self.server, m).map(|_| ()),
            None => self.server.await,
        };
        // The last batch of spans (blocking: the exporter posts from its own thread).
        tokio::task::spawn_blocking(crate::traces::shutdown)
            .await
            .ok();
        served
    }

    /// Hands the server to the runtime and returns its port (tests).
    pub fn spawn(self) -> u16 {
        let port = self.port;
        tokio::spawn(self.server);
        if let Some(m) = self.metrics_server {
            tokio::spawn(m);
        }
        port
    }
}

/// The hosts `/mcp` answers (the DNS-rebinding check): loopback names and
/// `MCP_ALLOWED_HOSTS`; `None` when that names `*` (any host).
fn mcp_hosts(settings: &ServerSettings) -> Option<Vec<String>> {
    let mut hosts: Vec<String> = LOOPBACK_HOSTS.iter().map(|s| s.to_string()).collect();
    let extra_hosts = settings
        .mcp_allowed_hosts
        .as_deref()
        .map(split_list)
        .unwrap_or_default();
    if extra_hosts.iter().any(|h| h == "*") {
        return None;
    }
    hosts.extend(extra_hosts);
    Some(hosts)
}

fn mcp_transport(kit: &Kit, settings: &ServerSettings) -> StreamableHttpService<McpServer> {
    let hosts = mcp_hosts(settings);
    let mut origins: Vec<String> = LOOPBACK_ORIGINS.iter().map(|s| s.to_string()).collect();
    origins.extend(
        settings
            .mcp_allowed_origins
            .as_deref()
            .map(split_list)
            .unwrap_or_default(),
    );
    // One server for every request: it shares the kit and its `initialize` answer.
    let server = McpServer::new(kit.clone());
    let builder = StreamableHttpService::builder()
        .service_factory(Arc::new(move || Ok(server.clone())))
        .on_request_fn(crate::auth::forward_to_mcp)
        .session_manager(Arc::new(LocalSessionManager::default()))
        .stateful_mode(false)
        .json_response(true)
        .max_request_body_bytes(settings.max_body_bytes)
        .disable_sse_keep_alive()
        .allowed_origins(origins);
    // `*` (behind a trusted proxy that checks Host) turns the DNS-rebinding check off.
    builder.allowed_hosts(hosts.unwrap_or_default()).build()
}

/// Applies `TOOL_FRESHNESS` to the kit's data tools; a malformed value or a tool of this
/// service that returns no data refuses to start.
fn with_freshness(mut kit: Kit, settings: &ServerSettings) -> std::io::Result<Kit> {
    let Some(raw) = settings.tool_freshness.as_deref() else {
        return Ok(kit);
    };
    let invalid = |m: String| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("TOOL_FRESHNESS: {m}"),
        )
    };
    let overrides = crate::config::parse_freshness(raw).map_err(invalid)?;
    let tools = (*kit.tools)
        .clone()
        .with_freshness(&overrides)
        .map_err(invalid)?;
    kit.tools = Arc::new(tools);
    Ok(kit)
}
