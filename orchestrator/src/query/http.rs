//! `POST /query` and the `query` MCP tool: thin adapters over [`QueryEngine::answer`].
//!
//! As the product's contract asks, validation and processing failures answer HTTP 200 with
//! `status: "error"`; only protocol refusals (413 body too large, 415 not JSON, 429 busy) use
//! other statuses, with the same body shape.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use actix_web::{HttpRequest, HttpResponse, web};
use common::contract::{Effect, Tool, ToolName};
use common::error::ErrorCode;
use common::kit::{ToolContext, ToolError, Toolbox};
use futures::StreamExt;

use super::QueryEngine;
use super::model::{QueryRequest, QueryResponse, ValidQuery};

/// Largest `/query` body: a 2,000-character question in 4-byte characters, escaped, has room.
pub const MAX_QUERY_BODY: usize = 64 * 1024;

/// Routes: `POST /query`.
pub fn configure(
    engine: Arc<QueryEngine>,
) -> impl Fn(&mut web::ServiceConfig) + Clone + Send + 'static {
    move |cfg: &mut web::ServiceConfig| {
        cfg.app_data(web::Data::new(engine.clone()))
            .service(web::resource("/query").route(web::post().to(query)));
    }
}

/// Answers a question about one person from the business systems.
#[utoipa::path(
    post,
    path = "/query",
    tag = "query",
    request_body = QueryRequest,
    responses(
        (status = 200, description = "The answer; validation and processing failures have `status: error`", body = QueryResponse),
        (status = 413, description = "Body over the limit", body = QueryResponse),
        (status = 415, description = "Content-Type is not application/json", body = QueryResponse),
        (status = 429, description = "Too many questions in flight", body = QueryResponse),
    )
)]
pub async fn query(
    req: HttpRequest,
    body: web::Payload,
    engine: web::Data<Arc<QueryEngine>>,
) -> HttpResponse {
    let request_id = common::request_id::current().unwrap_or_default();
    let model = engine.model_name().to_string();
    let refuse = |status: StatusCode, code: ErrorCode, msg: &str| {
        HttpResponse::build(status).json(QueryResponse::error(
            code,
            msg,
            request_id.clone(),
            &model,
        ))
    };
    if !is_json(&req) {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "expected Content-Type: application/json",
        );
    }
    let bytes = match read_limited(body, MAX_QUERY_BODY).await {
        Ok(b) => b,
        Err(BodyError::TooLarge) => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                &format!("body is over the {MAX_QUERY_BODY}-byte limit"),
            );
        }
        Err(BodyError::Unreadable) => {
            return refuse(StatusCode::OK, ErrorCode::InvalidRequest, "unreadable body");
        }
    };
    let value: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => {
            return refuse(
                StatusCode::OK,
                ErrorCode::InvalidRequest,
                &format!("malformed JSON: {e}"),
            );
        }
    };
    // serde would also accept a struct as an array; the contract is an object.
    if !value.is_object() {
        return refuse(
            StatusCode::OK,
            ErrorCode::InvalidArguments,
            "the body must be a JSON object",
        );
    }
    let parsed: QueryRequest = match serde_json::from_value(value) {
        Ok(r) => r,
        Err(e) => {
            return refuse(
                StatusCode::OK,
                ErrorCode::InvalidArguments,
                &format!("invalid request: {e}"),
            );
        }
    };
    let valid = match ValidQuery::try_from(parsed) {
        Ok(v) => v,
        Err(e) => return refuse(StatusCode::OK, ErrorCode::InvalidArguments, &e.to_string()),
    };
    match engine.answer(valid, request_id.clone()).await {
        Ok(a) => {
            let mut resp = HttpResponse::Ok().json(&a.response);
            if let Ok(v) = HeaderValue::from_str(&a.timings.header(a.response.cache)) {
                resp.headers_mut().insert(
                    actix_web::http::header::HeaderName::from_static("server-timing"),
                    v,
                );
            }
            resp
        }
        Err(busy) => {
            let mut resp = refuse(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimited,
                &busy.to_string(),
            );
            resp.headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from_static("1"));
            resp
        }
    }
}

fn is_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| {
            let m = m.trim().to_ascii_lowercase();
            m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
        })
        .unwrap_or(false)
}

enum BodyError {
    TooLarge,
    Unreadable,
}

async fn read_limited(mut body: web::Payload, limit: usize) -> Result<web::Bytes, BodyError> {
    let mut buf = web::BytesMut::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| match e {
            actix_web::error::PayloadError::Overflow => BodyError::TooLarge,
            _ => BodyError::Unreadable,
        })?;
        if buf.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge);
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

/// The `query` tool of the orchestrator's contract.
pub struct QueryTool;

impl Tool for QueryTool {
    const NAME: ToolName = ToolName::Query;
    const DESCRIPTION: &'static str = "Answer a natural-language question about one person (by email) from billing, CRM, app-account and mail data. Returns the answer, its sources, confidence and cache status.";
    const EFFECT: Effect = Effect::Read;
    type Input = QueryRequest;
    type Output = QueryResponse;
}

/// Declares the `query` MCP tool (same domain function as `POST /query`).
pub fn register_tool(tb: Toolbox, engine: Arc<QueryEngine>) -> Toolbox {
    tb.serve::<QueryTool, _, _>(move |input: QueryRequest, ctx: ToolContext| {
        let engine = engine.clone();
        async move {
            let valid =
                ValidQuery::try_from(input).map_err(|e| ToolError::invalid(e.to_string()))?;
            engine
                .answer(valid, ctx.request_id)
                .await
                .map(|a| a.response)
                .map_err(|busy| ToolError::new(ErrorCode::RateLimited, busy.to_string()))
        }
    })
}
