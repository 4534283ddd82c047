//! Middleware and extractor configuration shared by every service: request id, access log,
//! HTTP metrics, panics answered as JSON, CORS, JSON body limits and JSON errors for everything.

use std::panic::AssertUnwindSafe;
use std::time::Instant;

use actix_cors::Cors;
use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::{JsonPayloadError, PayloadError, QueryPayloadError};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::{Method, Uri};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, web};
use futures::FutureExt;
use tracing::Instrument;

use crate::error::{ApiError, ErrorCode};
use crate::metrics::ServiceMetrics;
use crate::request_id;

/// [`request_id::HEADER`] as a header name built at compile time: looking it up or setting
/// it then parses and validates nothing per request.
pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static(request_id::HEADER);

/// The request's span; with traces on, a server span named `{method} {path}` that continues
/// the caller's trace (`traceparent`).
pub(crate) fn request_span(req: &ServiceRequest, id: &str) -> tracing::Span {
    let (method, path) = (req.method(), req.path());
    if !crate::traces::enabled() {
        return tracing::info_span!("http", request_id = %id, method = %method, path = %path);
    }
    let span = tracing::info_span!(
        "http",
        request_id = %id,
        method = %method,
        path = %path,
        otel.name = %format!("{method} {path}"),
        otel.kind = "server",
        http.request.method = %method,
        url.path = %path,
    );
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    crate::traces::continue_from(
        &span,
        header(crate::traces::TRACEPARENT),
        header("tracestate"),
    );
    span
}

/// Request id in and out, a span per request, access log, metrics, and panics caught.
///
/// Wrap it outermost so every response (errors and panics included) carries the id.
pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<BoxBody>>, actix_web::Error> {
    let started = Instant::now();
    let supplied = req.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok());
    let id = request_id::accept_or_generate(supplied);
    let replaced = supplied != Some(id.as_str());
    let id_header = HeaderValue::from_str(&id).ok();
    let mut req = req;
    if let (true, Some(v)) = (replaced, &id_header) {
        req.headers_mut().insert(REQUEST_ID, v.clone());
    }
    let metrics = req.app_data::<web::Data<ServiceMetrics>>().cloned();
    // Both are cheap to copy (the URI shares its bytes); the request itself is consumed below.
    let method = req.method().clone();
    let uri = req.uri().clone();
    let span = request_span(&req, &id);

    let outcome = request_id::scope(id.clone(), AssertUnwindSafe(next.call(req)).catch_unwind())
        .instrument(span.clone())
        .await;

    let mut res = match outcome {
        Ok(Ok(res)) => res.map_body(|_, b| b.boxed()).map_into_left_body(),
        Ok(Err(e)) => {
            let response = e.error_response().map_into_boxed_body();
            ServiceResponse::new(detached_request(&method, &uri), response).map_into_left_body()
        }
        Err(_panic) => {
            tracing::error!(parent: &span, "handler panicked");
            let body = ApiError::internal().body_with_id(&id);
            let response = HttpResponse::InternalServerError().json(body);
            ServiceResponse::new(detached_request(&method, &uri), response).map_into_right_body()
        }
    };
    conclude(
        &mut res,
        id_header,
        metrics.as_ref().map(|m| m.get_ref()),
        &method,
        started,
        &span,
    );
    Ok(res)
}

/// What every answered request ends with, whichever path answered it: the request id header,
/// the HTTP metrics and the access log line.
pub(crate) fn conclude<B>(
    res: &mut ServiceResponse<B>,
    id_header: Option<HeaderValue>,
    metrics: Option<&ServiceMetrics>,
    method: &Method,
    started: Instant,
    span: &tracing::Span,
) {
    if let Some(v) = id_header {
        res.headers_mut().insert(REQUEST_ID, v);
    }
    let status = res.status().as_u16();
    let elapsed = started.elapsed();
    let route = match metrics {
        Some(m) => m.observe(res.request(), method_label(method), status, elapsed),
        None => res
            .request()
            .match_pattern()
            .map_or_else(|| "unmatched".into(), Into::into),
    };
    if &*route != "/health" && &*route != "/metrics" {
        tracing::info!(
            parent: span,
            status,
            route = %route,
            latency_ms = elapsed.as_millis() as u64,
            "request"
        );
    }
}

/// The metrics label of a method: the standard ones by name, anything else `other` (a client
/// may send any token as a method; labels must stay a bounded set).
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// A stand-in request for a response whose own request was consumed by a failed handler.
///
/// The real `HttpRequest` cannot be cloned before routing (routing needs it unshared), and a
/// panic consumes it, so the rare error path rebuilds a minimal one with the same method and URI.
fn detached_request(method: &Method, uri: &Uri) -> HttpRequest {
    actix_web::test::TestRequest::default()
        .method(method.clone())
        .uri(uri.path())
        .to_http_request()
}

impl ApiError {
    /// The body with an explicit request id (used where the task-local scope has ended).
    pub fn body_with_id(&self, id: &str) -> crate::error::ErrorBody {
        let mut body = self.body();
        body.request_id = Some(id.to_string());
        body
    }
}

/// CORS: only the listed origins (none by default), never with a credentialed wildcard.
/// The response headers browsers may read ([`cors`]).
pub(crate) const EXPOSED_HEADERS: [&str; 2] = ["x-request-id", "server-timing"];

pub fn cors(allowed: &[String]) -> Cors {
    let mut cors = Cors::default()
        .allow_any_method()
        .allow_any_header()
        .expose_headers(EXPOSED_HEADERS)
        .max_age(3600);
    for origin in allowed {
        cors = cors.allowed_origin(origin);
    }
    cors
}

/// JSON extractor settings: the body limit, and every failure as our JSON error body.
pub fn json_config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(limit)
        .error_handler(|err, _req| json_error(err).into())
}

/// A JSON body that must be an object: serde reads a struct from an array too (fields by
/// position), which a request body should never be. `web::Json<Object<T>>` parses once,
/// without an intermediate `Value`.
#[derive(Debug)]
pub struct Object<T>(pub T);

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Object<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Fields<T>(std::marker::PhantomData<T>);
        impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for Fields<T> {
            type Value = T;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(Fields(std::marker::PhantomData))
            .map(Object)
    }
}

/// Raw payload limit for handlers that read bytes.
pub fn payload_config(limit: usize) -> web::PayloadConfig {
    web::PayloadConfig::new(limit)
}

/// Query-string extractor errors as our JSON body.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _req| {
        let msg = match &err {
            QueryPayloadError::Deserialize(e) => format!("invalid query string: {e}"),
            other => format!("invalid query string: {other}"),
        };
        ApiError::new(ErrorCode::InvalidArguments, msg).into()
    })
}

/// Path extractor errors as our JSON body.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err, _req| {
        ApiError::new(ErrorCode::InvalidArguments, format!("invalid path: {err}")).into()
    })
}

/// Maps a JSON extractor failure to the right status and code.
pub fn json_error(err: JsonPayloadError) -> ApiError {
    match err {
        JsonPayloadError::OverflowKnownLength { length, limit } => ApiError::new(
            ErrorCode::PayloadTooLarge,
            format!("body of {length} bytes is over the {limit}-byte limit"),
        ),
        JsonPayloadError::Overflow { limit } => ApiError::new(
            ErrorCode::PayloadTooLarge,
            format!("body is over the {limit}-byte limit"),
        ),
        JsonPayloadError::ContentType => ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "expected Content-Type: application/json",
        ),
        JsonPayloadError::Deserialize(e) if e.is_data() => {
            ApiError::new(ErrorCode::InvalidArguments, format!("invalid request: {e}"))
        }
        JsonPayloadError::Deserialize(e) => {
            ApiError::invalid_request(format!("malformed JSON: {e}"))
        }
        JsonPayloadError::Payload(PayloadError::Overflow) => {
            ApiError::new(ErrorCode::PayloadTooLarge, "body is over the limit")
        }
        other => ApiError::invalid_request(format!("unreadable body: {other}")),
    }
}

/// The answer for routes that do not exist.
pub async fn not_found(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::new(
        ErrorCode::NotFound,
        format!("no route for {} {}", req.method(), req.path()),
    ))
}
