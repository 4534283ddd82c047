//! `POST /query` and the `query` MCP tool: thin adapters over [`QueryEngine::answer`].
//!
//! As the product's contract asks, validation and processing failures answer HTTP 200 with
//! `status: "error"`; only protocol refusals (413 body too large, 415 not JSON, 429 busy) use
//! other statuses, with the same body shape. The JSON extractor's error handler renders
//! those, so the handler only sees a parsed object.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue, RETRY_AFTER};
use actix_web::{HttpResponse, ResponseError, web};
use common::contract::{Effect, Tool, ToolName};
use common::error::ErrorCode;
use common::kit::{ToolContext, ToolError, Toolbox};
use serde_json::{Map, Value};

use super::model::{QueryRequest, QueryResponse, ValidQuery};
use super::{Answered, Busy, QueryEngine};

/// Largest `/query` body: a 2,000-character question in 4-byte characters, escaped, has room.
pub const MAX_QUERY_BODY: usize = 64 * 1024;

/// Routes: `POST /query`.
pub fn configure(
    engine: Arc<QueryEngine>,
) -> impl Fn(&mut web::ServiceConfig) + Clone + Send + 'static {
    move |cfg: &mut web::ServiceConfig| {
        let model = engine.model_name().to_string();
        let json = web::JsonConfig::default()
            .limit(MAX_QUERY_BODY)
            .content_type(|mime| {
                mime.subtype() == actix_web::mime::JSON
                    || mime.suffix() == Some(actix_web::mime::JSON)
            })
            .content_type_required(true)
            .error_handler(move |err, _req| Refused::from_json(err, &model).into());
        cfg.service(
            web::resource("/query")
                .app_data(web::Data::new(engine.clone()))
                .app_data(json)
                .route(web::post().to(query)),
        );
    }
}

/// Answers a question about one person from the business systems.
pub async fn query(
    engine: web::Data<Arc<QueryEngine>>,
    body: web::Json<Map<String, Value>>,
) -> Result<HttpResponse, Refused> {
    let model = engine.model_name();
    let valid = serde_json::from_value::<QueryRequest>(Value::Object(body.into_inner()))
        .map_err(|e| format!("invalid request: {e}"))
        .and_then(|r| ValidQuery::try_from(r).map_err(|e| e.to_string()))
        .map_err(|m| Refused::new(StatusCode::OK, ErrorCode::InvalidArguments, m, model))?;
    let request_id = common::request_id::current().unwrap_or_default();
    let answered = engine
        .answer(valid, request_id)
        .await
        .map_err(|Busy| Refused::busy(model))?;
    Ok(respond(&answered))
}

fn respond(a: &Answered) -> HttpResponse {
    let mut resp = HttpResponse::Ok().json(&a.response);
    if let Ok(v) = HeaderValue::from_str(&a.timings.header(a.response.cache)) {
        resp.headers_mut()
            .insert(HeaderName::from_static("server-timing"), v);
    }
    resp
}

/// A `/query` that ends before an answer: the `/query` body shape with `status: "error"`.
#[derive(Debug, thiserror::Error)]
#[error("{code}: {message}")]
pub struct Refused {
    status: StatusCode,
    code: ErrorCode,
    message: String,
    model: String,
}

impl Refused {
    fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>, model: &str) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            model: model.to_string(),
        }
    }

    fn busy(model: &str) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            Busy.to_string(),
            model,
        )
    }

    /// Body limit and content type are protocol refusals; anything else about the JSON is
    /// a validation failure, answered 200.
    fn from_json(err: actix_web::error::JsonPayloadError, model: &str) -> Self {
        let e = common::middleware::json_error(err);
        let status = match e.code {
            ErrorCode::PayloadTooLarge | ErrorCode::UnsupportedMediaType => e.code.http_status(),
            _ => StatusCode::OK,
        };
        Self::new(status, e.code, e.message, model)
    }
}

impl ResponseError for Refused {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let request_id = common::request_id::current().unwrap_or_default();
        let body = QueryResponse::error(self.code, self.message.clone(), request_id, &self.model);
        let mut resp = HttpResponse::build(self.status).json(body);
        if self.status == StatusCode::TOO_MANY_REQUESTS {
            resp.headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from_static("1"));
        }
        resp
    }
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
