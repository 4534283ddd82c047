//! `POST /query` and the `query` MCP tool: thin adapters over [`QueryEngine::answer`].
//!
//! As the product's contract asks, validation and processing failures answer HTTP 200 with
//! `status: "error"`; only protocol refusals (413 body too large, 415 not JSON, 429 busy) use
//! other statuses, with the same body shape. The JSON extractor's error handler renders
//! those, so the handler only sees a parsed request.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::http::header::{ContentType, HeaderName, HeaderValue, RETRY_AFTER};
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use common::auth::{self, AuthError, Caller, Policy, Principal};
use common::contract::{Effect, Tool, ToolName};
use common::error::ErrorCode;
use common::kit::{ToolContext, ToolError, Toolbox};
use common::middleware::Object;

use super::limits::Limited;
use super::model::{Learnable, QueryRequest, QueryResponse, ValidQuery};
use super::{Answered, Busy, QueryEngine};
use crate::access::{Access, Scope};

/// Largest `/query` body: a 2,000-character question in 4-byte characters, escaped, has room.
pub const MAX_QUERY_BODY: usize = 64 * 1024;

/// Routes: `POST /query`, for authenticated end users (staff and operators are users too).
pub fn configure(
    engine: Arc<QueryEngine>,
    access: Access,
) -> impl Fn(&mut web::ServiceConfig) + Clone + Send + 'static {
    move |cfg: &mut web::ServiceConfig| {
        let model = engine.model_name().to_string();
        let guard = auth::require(
            access.authenticator.clone(),
            Policy::User,
            access.resource_metadata_url(),
        );
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
                .app_data(web::Data::new(access.clone()))
                .app_data(json)
                .wrap(from_fn(guard))
                .route(web::post().to(query)),
        );
    }
}

/// Answers a question about one person from the business systems.
pub async fn query(
    engine: web::Data<Arc<QueryEngine>>,
    access: web::Data<Access>,
    caller: Caller,
    req: HttpRequest,
    web::Json(Object(request)): web::Json<Object<QueryRequest>>,
) -> Result<HttpResponse, Refused> {
    let model = engine.model_name();
    engine
        .rate()
        .admit(Some(&*caller), Some(&req))
        .map_err(|l| Refused::limited(l, model))?;
    let invalid = |m: String| Refused::new(StatusCode::OK, ErrorCode::InvalidArguments, m, model);
    let (valid, notices) = validate(&access, Some(&*caller), &request).map_err(|e| match e {
        Rejected::Invalid(m) => invalid(m),
        Rejected::Refused(e) => Refused::auth(e, model),
    })?;
    // A read that leaves a trace (staff reading a customer's data is audited) is never
    // answered by the express lane, which skips the check that writes it.
    let traceless = !caller.is_anonymous() && !caller.reads_as_staff(&valid.email);
    let request_id = common::request_id::current().unwrap_or_default();
    let answered = engine
        .answer(valid, request_id)
        .await
        .map_err(|Busy| Refused::busy(model))?;
    let learnable = traceless && notices.is_empty();
    let mut response = respond(&answered, notices);
    if learnable && answered.prepared_body_held() {
        response.extensions_mut().insert(Learnable {
            caller,
            key: answered.key,
        });
    }
    Ok(response)
}

/// Why a request was refused before any work.
enum Rejected {
    Invalid(String),
    Refused(AuthError),
}

/// The question scoped to what `caller` may read, and notices about how it is handled.
fn validate(
    access: &Access,
    caller: Option<&Principal>,
    request: &QueryRequest,
) -> Result<(ValidQuery, Vec<String>), Rejected> {
    let email = access
        .scope_email(caller, request.email.as_deref())
        .map_err(|e| match e {
            Scope::Invalid(m) => Rejected::Invalid(m),
            Scope::Refused(e) => Rejected::Refused(e),
        })?;
    // Skipping the caches costs model calls: only staff and operators may ask for it.
    let privileged = caller.is_some_and(|c| c.staff || c.operator);
    let mut notices = Vec::new();
    if request.no_cache && !privileged {
        notices.push("no_cache is honoured for staff and operators only; it was ignored".into());
    }
    let valid = ValidQuery::new(request, email, request.no_cache && privileged)
        .map_err(|e| Rejected::Invalid(e.to_string()))?;
    Ok((valid, notices))
}

/// The answer with this request's notices; an L2 hit without notices is written from the
/// bytes stored with the answer.
pub(super) fn respond(a: &Answered, notices: Vec<String>) -> HttpResponse {
    let mut resp = HttpResponse::Ok();
    if let Ok(v) = HeaderValue::try_from(a.timings.header(a.cache)) {
        resp.insert_header((HeaderName::from_static("server-timing"), v));
    }
    match a.prepared_body().filter(|_| notices.is_empty()) {
        Some(body) => resp.content_type(ContentType::json()).body(body),
        None => {
            let mut response = a.response();
            response.notices.extend(notices);
            resp.json(&response)
        }
    }
}

/// A `/query` that ends before an answer: the `/query` body shape with `status: "error"`
/// (an identity refusal is the common error body, with its challenge).
#[derive(Debug, thiserror::Error)]
#[error("{code}: {message}")]
pub struct Refused {
    status: StatusCode,
    code: ErrorCode,
    message: String,
    model: String,
    auth: Option<AuthError>,
    /// Seconds for `Retry-After` (429 answers).
    retry_after: Option<u64>,
}

impl Refused {
    fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>, model: &str) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            model: model.to_string(),
            auth: None,
            retry_after: None,
        }
    }

    fn auth(e: AuthError, model: &str) -> Self {
        Self {
            auth: Some(e),
            ..Self::new(e.code().http_status(), e.code(), e.to_string(), model)
        }
    }

    fn limited(l: Limited, model: &str) -> Self {
        Self {
            retry_after: Some(l.retry_after.as_secs().max(1)),
            ..Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimited,
                "too many questions from this caller; retry after the time in Retry-After",
                model,
            )
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
        if let Some(e) = self.auth {
            return e.response(None);
        }
        let request_id = common::request_id::current().unwrap_or_default();
        let body = QueryResponse::error(self.code, self.message.clone(), request_id, &self.model);
        let mut resp = HttpResponse::build(self.status).json(body);
        if self.status == StatusCode::TOO_MANY_REQUESTS {
            let secs = self.retry_after.unwrap_or(1).to_string();
            if let Ok(v) = HeaderValue::from_str(&secs) {
                resp.headers_mut().insert(RETRY_AFTER, v);
            }
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

/// Declares the `query` MCP tool (same domain function and rules as `POST /query`).
pub fn register_tool(tb: Toolbox, engine: Arc<QueryEngine>, access: Access) -> Toolbox {
    tb.serve::<QueryTool, _, _>(move |input: QueryRequest, ctx: ToolContext| {
        let engine = engine.clone();
        let access = access.clone();
        async move {
            engine
                .rate()
                .admit(ctx.caller.as_ref(), None)
                .map_err(|l| {
                    ToolError::new(
                        ErrorCode::RateLimited,
                        format!(
                            "too many questions from this caller; retry in {} s",
                            l.retry_after.as_secs().max(1)
                        ),
                    )
                })?;
            let (valid, notices) =
                validate(&access, ctx.caller.as_ref(), &input).map_err(|e| match e {
                    Rejected::Invalid(m) => ToolError::invalid(m),
                    Rejected::Refused(e) => ToolError::new(e.code(), e.to_string()),
                })?;
            let mut response = engine
                .answer(valid, ctx.request_id)
                .await
                .map(|a| a.response())
                .map_err(|busy| ToolError::new(ErrorCode::RateLimited, busy.to_string()))?;
            response.notices.extend(notices);
            Ok(response)
        }
    })
}
