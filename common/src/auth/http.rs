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

use super::{AuthError, Authenticate, Principal, PrincipalKind};

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
            let outcome = match req.headers().get(AUTHORIZATION).map(|v| v.to_str()) {
                Some(Err(_)) => Err(AuthError::Malformed),
                header => authenticator
                    .authenticate(header.and_then(Result::ok))
                    .await
                    .and_then(|p| policy.check(&p).map(|()| p)),
            };
            match outcome {
                Ok(principal) => {
                    let caller = Caller::from(principal);
                    req.extensions_mut().insert(caller.clone());
                    let res = PRINCIPAL.scope(caller, next.call(req)).await?;
                    Ok(res.map_into_left_body())
                }
                Err(e) => Ok(refuse(req, e, metadata.as_deref())),
            }
        })
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

/// The authenticated caller as a shared handle: what [`require`] stores for the request.
/// Extracting it copies a pointer; [`Principal`] (extracted by value) copies the strings.
#[derive(Debug, Clone)]
pub struct Caller(Arc<Principal>);

impl Caller {
    /// The caller of `req`, when [`require`] admitted one.
    pub fn of(req: &HttpRequest) -> Option<Caller> {
        req.extensions().get::<Caller>().cloned()
    }
}

impl From<Principal> for Caller {
    fn from(principal: Principal) -> Self {
        Caller(Arc::new(principal))
    }
}

impl std::ops::Deref for Caller {
    type Target = Principal;

    fn deref(&self) -> &Principal {
        &self.0
    }
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
