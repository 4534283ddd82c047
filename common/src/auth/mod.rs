//! Identity: bearer tokens verified in one place (see ARCHITECTURE.md, "Identity").
//!
//! - [`AuthSettings`]: the `AUTH_*`, `FIREBASE_PROJECT_ID`, `GOOGLE_OIDC_JWKS_URL` and
//!   `SERVICE_AUTH_*` variables, validated once; [`AuthSettings::must_refuse_start`] on Cloud Run.
//! - [`Authenticator`]: the orchestrator's callers: end users (Firebase or OIDC ID tokens; staff
//!   and operator claims) and operator service accounts (Google ID tokens, Cloud Scheduler).
//! - [`ServiceAuthenticator`]: a service's callers: Google ID tokens of allow-listed accounts.
//! - [`require`] + [`Policy`]: middleware for a scope or an app; [`Principal`] is an extractor;
//!   [`current`] is the caller on the task; [`forward_to_mcp`] / [`from_mcp_context`] carry it
//!   into MCP tool handlers.
//! - [`KeySet`], [`Verifier`]: keys cached per `Cache-Control`, and the JWT checks behind it all.
//! - [`audit`]: keyed hashes of customer emails for staff-access records.
//! - [`IdTokenSource`]: ID tokens from the metadata server for calls to other services.
//!
//! Only asymmetric algorithms are accepted; `none`, HMAC and an `alg` that does not fit the
//! key are refused before the signature is checked. Keys are never fetched per request.
//!
//! ```no_run
//! use std::sync::Arc;
//! use actix_web::{App, HttpResponse, web, middleware::from_fn};
//! use common::auth::{self, Authenticator, AuthSettings, Policy, Principal};
//!
//! # fn build() -> Result<(), Box<dyn std::error::Error>> {
//! let settings: AuthSettings = common::config::Env::load().part()?;
//! if let Some(why) = settings.must_refuse_start(auth::on_cloud_run()) {
//!     return Err(why.into());
//! }
//! let authn = Arc::new(Authenticator::from_settings(&settings)?);
//! let metadata = Some("https://orchestrator.example/.well-known/oauth-protected-resource".to_string());
//! let app = App::new()
//!     .service(
//!         web::scope("/query")
//!             .wrap(from_fn(auth::require(authn.clone(), Policy::User, metadata.clone())))
//!             .route("", web::post().to(|caller: Principal| async move {
//!                 // caller.may_read(&email)? (or auth::audit::authorize_read) before reading.
//!                 HttpResponse::Ok().finish()
//!             })),
//!     )
//!     .service(
//!         web::scope("/tools")
//!             .wrap(from_fn(auth::require(authn.clone(), Policy::Operator, metadata)))
//!             .route("/run_pipeline", web::post().to(|| async { HttpResponse::Accepted() })),
//!     );
//! # let _ = app; Ok(()) }
//! ```
//!
//! On a service: `ServiceAuthenticator::from_settings(&settings)` and `Policy::Service` around
//! `/mcp`, `/mcp/call`, `/mcp/tools`; the caller side gets tokens from
//! [`IdTokenSource::token`]`(service_url)`.

pub mod audit;
mod authenticator;
mod error;
mod http;
mod id_token;
mod jwks;
mod keys;
mod principal;
mod settings;
mod verifier;

pub use authenticator::{
    Authenticate, Authenticator, ServiceAuthenticator, SharedAuthenticator, VERIFIED_TTL, bearer,
};
pub use error::{AuthError, REALM};
pub use http::{
    Guarded, Policy, current, forward_to_mcp, from_mcp_context, require, scope, scope_opt,
};
pub use id_token::IdTokenSource;
pub use keys::{CachePolicy, KeySet};
pub use principal::{Caller, Principal, PrincipalKind};
pub use settings::{
    AuthProvider, AuthSettings, FIREBASE_JWKS_URL, GOOGLE_ISSUERS, GOOGLE_JWKS_URL, IssuerSettings,
    on_cloud_run,
};
pub use verifier::{Claims, MAX_TOKEN_BYTES, Verifier, unverified_claims};
