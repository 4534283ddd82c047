//! The kit's REST routes: `/mcp/call`, `/mcp/tools`, `/health`, `/ready`, `/metrics`.

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::{Value, json};

use super::Kit;
use crate::error::{ApiError, ErrorCode};

/// The body of `POST /mcp/call`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CallRequest {
    tool: String,
    #[serde(default)]
    arguments: Option<Value>,
}

/// Routes that must be registered before the `/mcp` scope.
pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/mcp/call").route(web::post().to(call)))
        .service(web::resource("/mcp/tools").route(web::get().to(tools)))
        .service(web::resource("/health").route(web::get().to(health)))
        .service(web::resource("/ready").route(web::get().to(ready)))
        .service(web::resource("/metrics").route(web::get().to(metrics)));
}

async fn call(kit: web::Data<Kit>, body: web::Json<CallRequest>) -> Result<HttpResponse, ApiError> {
    let CallRequest { tool, arguments } = body.into_inner();
    if tool.is_empty() {
        return Err(ApiError::new(
            ErrorCode::InvalidRequest,
            "`tool` must not be empty",
        ));
    }
    let mut result = kit
        .call(&tool, arguments.unwrap_or(Value::Null), "/mcp/call")
        .await
        .map_err(|e| ApiError::new(ErrorCode::UnknownTool, e.to_string()))?;
    // `resultType` is an MCP 2026 envelope detail; the REST shape is the bare result.
    result.result_type = None;
    Ok(HttpResponse::Ok().json(result))
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
    let report = kit.readiness.check().await;
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

async fn metrics(kit: web::Data<Kit>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/openmetrics-text; version=1.0.0; charset=utf-8")
        .body(kit.registry.encode())
}
