//! The kit's REST routes: `/mcp/call`, `/mcp/tools`, `/health`, `/ready`, `/metrics`.

use std::sync::Arc;

use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, web};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{Access, Kit};
use crate::auth;
use crate::error::{ApiError, ErrorCode};

/// The body of `POST /mcp/call`. Public only so the fuzz targets (`fuzz/`) read bodies
/// exactly as the route does.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallRequest {
    /// The tool's name.
    pub tool: String,
    /// Its arguments: an object, or absent (`null`).
    #[serde(default)]
    pub arguments: Option<Value>,
}

/// Who may read `/metrics` on the main port.
#[derive(Clone)]
pub(super) enum MetricsAccess {
    /// Served on its own port (`METRICS_PORT`): not here.
    ElsewhereOnly,
    /// `Authorization: Bearer <METRICS_TOKEN>`.
    Token(Arc<SecretString>),
    /// Neither configured: loopback clients only.
    LoopbackOnly,
}

/// Routes that must be registered before the `/mcp` scope. The MCP routes are guarded by
/// the kit's [`super::Access`]; `/health` and `/ready` are open for probes.
pub(super) fn configure(cfg: &mut web::ServiceConfig, access: &Access) {
    cfg.service(
        web::resource("/mcp/call")
            .wrap(from_fn(guard(access)))
            .route(web::post().to(call)),
    )
    .service(
        web::resource("/mcp/tools")
            .wrap(from_fn(guard(access)))
            .route(web::get().to(tools)),
    )
    .service(web::resource("/health").route(web::get().to(health)))
    .service(web::resource("/ready").route(web::get().to(ready)))
    .service(web::resource("/metrics").route(web::get().to(metrics)));
}

/// The middleware that admits callers by `access`.
pub(super) fn guard<B: actix_web::body::MessageBody + 'static>(
    access: &Access,
) -> impl Fn(actix_web::dev::ServiceRequest, actix_web::middleware::Next<B>) -> auth::Guarded<B>
+ Clone
+ 'static {
    auth::require(
        Arc::new(access.authenticator.clone()),
        access.policy,
        access.resource_metadata.clone(),
    )
}

async fn call(kit: web::Data<Kit>, body: web::Json<CallRequest>) -> Result<HttpResponse, ApiError> {
    let CallRequest { tool, arguments } = body.into_inner();
    if tool.is_empty() {
        return Err(ApiError::new(
            ErrorCode::InvalidRequest,
            "`tool` must not be empty",
        ));
    }
    // The MCP result without `resultType` (an MCP 2026 envelope detail): the REST shape.
    let body = kit
        .call_rest(&tool, arguments.unwrap_or(Value::Null), "/mcp/call")
        .await
        .map_err(|e| ApiError::new(ErrorCode::UnknownTool, e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type(actix_web::http::header::ContentType::json())
        .body(body))
}

async fn tools(kit: web::Data<Kit>) -> HttpResponse {
    HttpResponse::Ok().json(json!({ "tools": kit.tools.list() }))
}

async fn health(kit: web::Data<Kit>) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "status": "ok",
        "service": kit.info.name,
        "version": kit.info.version,
    }))
}

async fn ready(kit: web::Data<Kit>) -> HttpResponse {
    let mut report = kit.readiness.check().await;
    // An open breaker is the service protecting itself, shown but not failing readiness:
    // the upstream's own check says whether the upstream answers.
    report.checks.extend(kit.breakers.iter().map(|b| {
        super::Check::ok(format!("breaker:{}", b.name())).with_detail(b.state().as_str())
    }));
    let body = json!({
        "status": if report.ready() { "ready" } else { "not_ready" },
        "service": kit.info.name,
        "checks": report.checks,
    });
    if report.ready() {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}

async fn metrics(
    kit: web::Data<Kit>,
    access: web::Data<MetricsAccess>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    match access.get_ref() {
        MetricsAccess::ElsewhereOnly => {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                "metrics are served on METRICS_PORT",
            ));
        }
        MetricsAccess::Token(expected) => {
            let given = auth::bearer(
                req.headers()
                    .get(actix_web::http::header::AUTHORIZATION)
                    .and_then(|v| v.to_str().ok()),
            )
            .unwrap_or_default();
            if !same_secret(expected.expose_secret(), given) {
                return Err(ApiError::new(
                    ErrorCode::Unauthorized,
                    "metrics need Authorization: Bearer <METRICS_TOKEN>",
                ));
            }
        }
        MetricsAccess::LoopbackOnly => {
            if !req.peer_addr().is_some_and(|a| a.ip().is_loopback()) {
                return Err(ApiError::new(
                    ErrorCode::Forbidden,
                    "metrics are served to loopback clients only; set METRICS_TOKEN or METRICS_PORT",
                ));
            }
        }
    }
    Ok(metrics_body(&kit))
}

/// The Prometheus text of `kit`'s registry.
pub(super) fn metrics_body(kit: &Kit) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/openmetrics-text; version=1.0.0; charset=utf-8")
        .body(kit.registry.encode())
}

/// Compares digests, so the time taken does not depend on where the strings differ.
fn same_secret(expected: &str, given: &str) -> bool {
    use sha2::{Digest, Sha256};
    let a = Sha256::digest(expected.as_bytes());
    let b = Sha256::digest(given.as_bytes());
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}
