//! actix integration: the [`require`] middleware, the [`Principal`] extractor, the task-local
//! [`current`] caller, and the bridge that carries the caller into MCP tool handlers.

use std::future::{Future, Ready, ready};
use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::AUTHORIZATION;
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest};
use futures::future::LocalBoxFuture;

use super::{AuthError, Authenticate, Caller, Principal, PrincipalKind};

/// Who a route set admits, once the caller is authenticated. An anonymous principal
/// (authentication disabled) passes every policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Any authenticated caller.
    Any,
    /// End users (staff and operators are users too).
    User,
    /// Staff only.
    Staff,
    /// Operators: the operator claim, or an allow-listed operator service account.
    Operator,
    /// Service accounts (with a [`super::ServiceAuthenticator`]: the allowed invokers).
    Service,
}

impl Policy {
    /// `Ok` when `principal` may pass.
    pub fn check(self, principal: &Principal) -> Result<(), AuthError> {
        let allowed = match (self, &principal.kind) {
            (_, PrincipalKind::Anonymous) | (Self::Any, _) => true,
            (Self::User, kind) => *kind == PrincipalKind::User,
            (Self::Staff, _) => principal.staff,
            (Self::Operator, _) => principal.operator,
            (Self::Service, kind) => matches!(kind, PrincipalKind::Service { .. }),
        };
        if allowed {
            return Ok(());
        }
        Err(AuthError::Forbidden(match self {
            Self::Any | Self::User => "end users only",
            Self::Staff => "staff only",
            Self::Operator => "operator role required",
            Self::Service => "service accounts only",
        }))
    }
}

/// What the [`require`] middleware returns for a request.
pub type Guarded<B> =
    LocalBoxFuture<'static, Result<ServiceResponse<EitherBody<B>>, actix_web::Error>>;

/// Middleware for `.wrap(actix_web::middleware::from_fn(...))` on a scope or an app:
/// authenticates `Authorization: Bearer`, applies `policy`, and on success stores the
/// [`Principal`] in the request extensions and as [`current`] while the handler runs.
///
/// Refusals use the common error body: 401 with `WWW-Authenticate` (naming
/// `resource_metadata`, the RFC 9728 metadata URL, when given) for missing or invalid
/// credentials, 403 for a valid caller the policy does not admit.
///
/// Order: `.wrap()` it before (inside) CORS and [`crate::middleware::observe`], so preflights
/// are answered without credentials and refusals carry the request id.
pub fn require<A, B>(
    authenticator: Arc<A>,
    policy: Policy,
    resource_metadata: Option<String>,
) -> impl Fn(ServiceRequest, Next<B>) -> Guarded<B> + Clone + 'static
where
    A: Authenticate,
    B: MessageBody + 'static,
{
    let metadata: Option<Arc<str>> = resource_metadata.map(Into::into);
    move |req: ServiceRequest, next: Next<B>| {
        let authenticator = authenticator.clone();
        let metadata = metadata.clone();
        Box::pin(async move {
            let outcome = match req.headers().get(AUTHORIZATION).map(ascii) {
                Some(None) => Err(AuthError::Malformed),
                header => authenticator
                    .authenticate(header.flatten())
                    .await
                    .and_then(|c| policy.check(&c).map(|()| c)),
            };
            match outcome {
                Ok(caller) => {
                    req.extensions_mut().insert(caller.clone());
                    let res = PRINCIPAL.scope(caller, next.call(req)).await?;
                    Ok(res.map_into_left_body())
                }
                Err(e) => Ok(refuse(req, e, metadata.as_deref())),
            }
        })
    }
}

/// A header value as text when it is ASCII. A `HeaderValue` holds only visible ASCII, tabs and
/// bytes of 0x80 and above, so this is `HeaderValue::to_str`; but that checks one byte at a
/// time, which for a 1 KB bearer token was most of this middleware's own time, and `is_ascii`
/// checks a word at a time.
fn ascii(value: &actix_web::http::header::HeaderValue) -> Option<&str> {
    let bytes = value.as_bytes();
    if bytes.is_ascii() {
        std::str::from_utf8(bytes).ok()
    } else {
        None
    }
}

fn refuse<B>(
    req: ServiceRequest,
    error: AuthError,
    resource_metadata: Option<&str>,
) -> ServiceResponse<EitherBody<B>> {
    tracing::info!(target: "auth", path = %req.path(), reason = %error, "request refused");
    req.into_response(error.response(resource_metadata))
        .map_into_right_body()
}

/// The caller, in handlers behind [`require`]. Without the middleware it refuses (401).
impl FromRequest for Caller {
    type Error = AuthError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Caller::of(req).ok_or(AuthError::Missing))
    }
}

/// The caller, in handlers behind [`require`]. Without the middleware it refuses (401).
impl FromRequest for Principal {
    type Error = AuthError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            Caller::of(req)
                .map(|c| Principal::clone(&c))
                .ok_or(AuthError::Missing),
        )
    }
}

tokio::task_local! {
    static PRINCIPAL: Caller;
}

/// The caller of the request being served on this task, if authenticated.
pub fn current() -> Option<Principal> {
    PRINCIPAL.try_with(|c| Principal::clone(c)).ok()
}

/// Runs `fut` with `principal` as [`current`].
pub async fn scope<F: Future>(principal: Principal, fut: F) -> F::Output {
    PRINCIPAL.scope(Caller::from(principal), fut).await
}

/// Runs `fut` with `principal` as [`current`] when there is one.
pub async fn scope_opt<F: Future>(principal: Option<Principal>, fut: F) -> F::Output {
    match principal {
        Some(p) => scope(p, fut).await,
        None => fut.await,
    }
}

/// The `/mcp` transport runs tool handlers on tasks of its own, so the task-local does not
/// reach them. Register this as the transport's hook
/// (`StreamableHttpService::builder().on_request_fn(auth::forward_to_mcp)`) and read the caller
/// back with [`from_mcp_context`].
pub fn forward_to_mcp(req: &HttpRequest, extensions: &mut rmcp::model::Extensions) {
    if let Some(caller) = Caller::of(req) {
        extensions.insert(caller);
    }
}

/// The caller [`forward_to_mcp`] stored, from an MCP `RequestContext::extensions`.
pub fn from_mcp_context(extensions: &rmcp::model::Extensions) -> Option<Principal> {
    rmcp_actix_web::transport::on_request_extensions(extensions)?
        .get::<Caller>()
        .map(|c| Principal::clone(c))
}
