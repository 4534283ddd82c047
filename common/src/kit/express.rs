//! The express lane: a `POST` route whose component already holds the answer to this exact
//! request (the same credentials, the same body) answers it before the middleware stack and
//! routing run.
//!
//! Meant for answers that are cached already (the orchestrator's `/query` L2 hits), where the
//! stack (span, CORS, routing, the identity guard, JSON extraction, validation, the cache key)
//! costs more than the answer. The component decides what it holds and for how long, through
//! [`Express`]: it learns from the answers the usual path gives (a marker the handler puts in
//! the response's extensions) and answers only while everything the usual path checked would
//! still come out the same. This lane does what the stack around that would have: the request
//! id (the caller's if sane, as [`crate::request_id`] accepts), the request's span and access
//! log line, the HTTP metrics, and the `Vary` and `Access-Control-Expose-Headers` headers CORS
//! adds to every response.
//!
//! Only plain requests are considered: the route's path and `POST`, no `Origin` (CORS has work
//! to do then), a `Content-Length` within the component's limit and no other framing. Anything
//! else, and anything the component does not hold, goes down the usual path with the body it
//! read handed back.

use std::sync::Arc;
use std::time::Instant;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Extensions, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, web};
use futures::future::LocalBoxFuture;

use crate::metrics::ServiceMetrics;
use crate::middleware::{EXPOSED_HEADERS, REQUEST_ID, conclude, request_span};
use crate::request_id;

/// The `Vary` value `actix-cors` adds to every response it passes (see `middleware::cors`).
const CORS_VARY: HeaderValue = HeaderValue::from_static(
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
);

/// The `Access-Control-Expose-Headers` value `actix-cors` adds to every response it passes
/// (the same names; it lists them in its own order).
fn cors_exposed() -> HeaderValue {
    static VALUE: std::sync::LazyLock<HeaderValue> = std::sync::LazyLock::new(|| {
        HeaderValue::from_str(&EXPOSED_HEADERS.join(", ")).expect("header names are ASCII")
    });
    VALUE.clone()
}

/// A component's answers for the express lane.
pub trait Express: Send + Sync + 'static {
    /// The path whose `POST` requests it may answer.
    fn path(&self) -> &'static str;

    /// The largest body it looks at; larger requests take the usual path.
    fn max_body(&self) -> usize;

    /// The answer to `req` with `body`, when the component holds one it may give now; `None`
    /// sends the request down the usual path. `request_id` is the request's id.
    fn answer(&self, req: &HttpRequest, body: &[u8], request_id: &str) -> Option<HttpResponse>;

    /// Shown the usual path's answer to a request this lane looked at, to learn what it may
    /// answer next time (from a marker the handler left in `extensions`).
    fn learn(&self, req: &HttpRequest, body: &[u8], status: StatusCode, extensions: &Extensions);
}

type Served<B> = LocalBoxFuture<'static, Result<ServiceResponse<EitherBody<B>>, actix_web::Error>>;

/// The lane as middleware, outermost in the application (before the request id, the span and
/// CORS, which it does itself for what it answers).
///
/// Without a component's answers (`None`), every request goes on untouched (the application
/// leaves the layer out then; see `app`).
pub(super) fn middleware<B: MessageBody + 'static>(
    express: Option<Arc<dyn Express>>,
    metrics: ServiceMetrics,
) -> impl Fn(ServiceRequest, Next<B>) -> Served<B> + Clone + 'static {
    let metrics = Arc::new(metrics);
    move |req, next| {
        let express = express.clone();
        let metrics = metrics.clone();
        Box::pin(async move {
            match express {
                Some(express) => serve(&*express, &metrics, req, next).await,
                None => Ok(next.call(req).await?.map_into_left_body()),
            }
        })
    }
}

async fn serve<B: MessageBody + 'static>(
    express: &dyn Express,
    metrics: &ServiceMetrics,
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    if !eligible(&req, express) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let started = Instant::now();
    // A body that cannot be read (the client went away) ends the request here, as it would
    // in the handler's extractor.
    let body = req.extract::<web::Bytes>().await?;
    let supplied = req.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok());
    let id = request_id::accept_or_generate(supplied);
    let made = supplied != Some(id.as_str());
    if let Some(response) = express.answer(req.request(), &body, &id) {
        let span = request_span(&req, &id);
        let mut res = req.into_response(response);
        let headers = res.headers_mut();
        headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, cors_exposed());
        headers.insert(header::VARY, CORS_VARY);
        let id_header = HeaderValue::from_str(&id).ok();
        conclude(
            &mut res,
            id_header,
            Some(metrics),
            &Method::POST,
            started,
            &span,
        );
        return Ok(res.map_into_right_body());
    }
    req.set_payload(actix_web::dev::Payload::from(body.clone()));
    // The id goes on with the request, so the usual path's `observe` takes it rather than
    // making another.
    if made && let Ok(v) = HeaderValue::from_str(&id) {
        req.headers_mut().insert(REQUEST_ID, v);
    }
    let res = next.call(req).await?;
    express.learn(
        res.request(),
        &body,
        res.status(),
        &res.response().extensions(),
    );
    Ok(res.map_into_left_body())
}

/// A plain `POST` to the lane's path: no `Origin`, one `Content-Length` within the limit, no
/// `Transfer-Encoding`.
fn eligible(req: &ServiceRequest, express: &dyn Express) -> bool {
    let headers = req.headers();
    let length = || -> Option<usize> {
        let mut values = headers.get_all(header::CONTENT_LENGTH);
        let v = values.next()?;
        if values.next().is_some() {
            return None;
        }
        v.to_str().ok()?.parse().ok()
    };
    req.method() == Method::POST
        && req.path() == express.path()
        && !headers.contains_key(header::ORIGIN)
        && !headers.contains_key(header::TRANSFER_ENCODING)
        && length().is_some_and(|n| n <= express.max_body())
}
