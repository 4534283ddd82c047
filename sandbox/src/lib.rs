//! Local stand-ins for every external API the product calls, on their real paths, so each
//! client is pointed here by base URL alone. Seeded, consistent demo data; fault injection;
//! a request log. Run as a process (`mcp sandbox`, in the local stack) and in-process by tests.

pub mod admin;
pub mod chargebee;
pub mod data;
pub mod faults;
pub mod gmail;
pub mod hubspot;
pub mod identity;
pub mod issuer;
pub mod llm;
pub mod log;
pub mod metadata;
pub mod oauth;
pub mod proxy;
pub mod reply;
pub mod settings;
pub mod upstream;

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::sync::Arc;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::{Next, from_fn};
use actix_web::{App, HttpMessage, HttpServer, web};
use futures::StreamExt;

pub use faults::Fault;
pub use log::LoggedRequest;
pub use settings::Settings;
pub use upstream::Upstream;

/// Credentials the sandbox accepts: the defaults in `.env.example`.
pub mod credentials {
    /// Chargebee API key (HTTP Basic user name).
    pub const CHARGEBEE_API_KEY: &str = "test_sandbox_chargebee_key";
    /// Chargebee site name.
    pub const CHARGEBEE_SITE: &str = "sandbox-test";
    /// HubSpot private app token.
    pub const HUBSPOT_TOKEN: &str = "pat-sandbox-hubspot-token";
    /// Gemini API key.
    pub const GEMINI_API_KEY: &str = "sandbox-gemini-key";
    /// Firebase / Firestore project id.
    pub const PROJECT_ID: &str = "demo-mcp-orchestrator";
    /// The service account the metadata stand-in speaks for: the `email` of its identity tokens
    /// (changeable per sandbox through `POST /__sandbox/issuer`).
    pub const SERVICE_ACCOUNT_EMAIL: &str =
        "orchestrator@demo-mcp-orchestrator.iam.gserviceaccount.com";
}

/// Everything the stand-ins share: log, faults, and each upstream's mutable state.
#[derive(Default)]
pub struct SandboxState {
    pub log: log::RequestLog,
    pub faults: faults::Faults,
    pub llm: llm::LlmState,
    pub gmail: gmail::GmailState,
    pub metadata: metadata::MetadataState,
    pub issuer: issuer::IssuerState,
}

/// A handle to a sandbox: its state, and its base URL when served.
#[derive(Clone)]
pub struct Sandbox {
    pub state: Arc<SandboxState>,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            state: Arc::new(SandboxState::default()),
        }
    }

    /// Routes for an actix `App`: the admin API and every stand-in.
    pub fn configure(&self, cfg: &mut web::ServiceConfig) {
        cfg.app_data(web::Data::from(self.state.clone()))
            .app_data(web::JsonConfig::default().limit(16 * 1024 * 1024))
            .app_data(web::PayloadConfig::new(16 * 1024 * 1024))
            .configure(admin::configure)
            .configure(chargebee::configure)
            .configure(hubspot::configure)
            .configure(identity::configure)
            .configure(issuer::configure)
            .configure(gmail::configure)
            .configure(llm::configure)
            .configure(metadata::configure)
            .configure(oauth::configure)
            .configure(proxy::configure);
    }

    /// Serves on `listener` until the runtime stops. Returns the server future.
    pub fn serve(&self, listener: TcpListener) -> std::io::Result<actix_web::dev::Server> {
        let this = self.clone();
        Ok(HttpServer::new(move || {
            let this = this.clone();
            App::new()
                .wrap(from_fn(record_and_inject))
                .configure(move |cfg| this.configure(cfg))
                .default_service(web::to(|req: actix_web::HttpRequest| async move {
                    actix_web::HttpResponse::NotFound().json(serde_json::json!({
                        "error": {"code": 404, "message": format!("sandbox has no route for {} {}", req.method(), req.path()), "status": "NOT_FOUND"}
                    }))
                }))
        })
        .workers(2)
        .listen(listener)?
        .shutdown_timeout(1)
        .run())
    }

    /// Starts on `127.0.0.1:0` in the current runtime; returns the base URL (tests).
    pub fn spawn(&self) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("local addr").port();
        let server = self.serve(listener).expect("sandbox server");
        tokio::spawn(server);
        format!("http://127.0.0.1:{port}")
    }

    /// Logged requests, optionally for one upstream.
    pub fn requests(&self, upstream: Option<Upstream>) -> Vec<LoggedRequest> {
        self.state.log.entries(upstream)
    }

    pub fn clear_requests(&self) {
        self.state.log.clear();
    }

    pub fn inject(&self, fault: Fault) {
        self.state.faults.add(fault);
    }

    pub fn clear_faults(&self) {
        self.state.faults.clear();
    }
}

/// Runs the sandbox on actix's runtime until SIGTERM (`mcp <component>`).
///
/// Not `async`, and never inlined: the server's code (the future [`run`] returns and every
/// generic it reaches) is then compiled in this crate, in parallel with the other components,
/// instead of in the `mcp` executable's crate, alone at the end of a release build.
#[inline(never)]
pub fn serve(settings: Settings) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(run(settings))
}

/// The sandbox as its own process (`mcp sandbox`): every stand-in on one port until SIGTERM.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    common::telemetry::init_with_traces(
        "sandbox",
        settings.server.log_format,
        settings.server.otel_exporter_otlp_endpoint.as_deref(),
    );
    let listener = TcpListener::bind((settings.server.host.as_str(), settings.port()))?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, people = data::people::people().len(), "sandbox listening");
    Sandbox::new().serve(listener)?.await?;
    Ok(())
}

/// Logs every stand-in request and applies injected faults before the handler runs.
async fn record_and_inject(
    mut req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let path = req.path().to_string();
    let Some(upstream) = Upstream::from_path(&path) else {
        return next.call(req).await;
    };
    let state = req
        .app_data::<web::Data<SandboxState>>()
        .cloned()
        .expect("sandbox state is registered");

    // Read the body for the log, then put it back for the handler.
    let mut body = web::BytesMut::new();
    let mut payload = req.take_payload();
    while let Some(chunk) = payload.next().await {
        body.extend_from_slice(&chunk?);
    }
    let body = body.freeze();
    let (_, mut replay) = actix_http::h1::Payload::create(true);
    replay.unread_data(body.clone());
    req.set_payload(actix_http::Payload::from(replay));

    let headers: BTreeMap<String, String> = req
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_ascii_lowercase(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let mut entry = LoggedRequest {
        seq: 0,
        upstream: Some(upstream),
        method: req.method().to_string(),
        path: path.clone(),
        query: req.query_string().to_string(),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        status: 0,
        at: chrono::Utc::now(),
    };

    let decision = state.faults.decide(upstream, &path);
    if !decision.delay.is_zero() {
        tokio::time::sleep(decision.delay).await;
    }
    let res = if let Some(status) = decision.status {
        let (http_req, _) = req.into_parts();
        let mut resp = upstream.error_response(status);
        if let Some(secs) = decision.retry_after_secs
            && let Ok(v) = actix_web::http::header::HeaderValue::from_str(&secs.to_string())
        {
            resp.headers_mut()
                .insert(actix_web::http::header::RETRY_AFTER, v);
        }
        ServiceResponse::new(http_req, resp)
    } else if let Some(resp) = decision.body() {
        let (http_req, _) = req.into_parts();
        ServiceResponse::new(http_req, resp)
    } else {
        next.call(req).await?
    };
    entry.status = res.status().as_u16();
    state.log.push(entry);
    Ok(res.map_body(|_, b| b.boxed()))
}
