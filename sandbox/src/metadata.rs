//! Stand-in for the GCE metadata server (`GCE_METADATA_HOST=127.0.0.1:PORT`): access tokens,
//! identity tokens and the project id, each requiring `Metadata-Flavor: Google` as upstream.
//! Identity tokens are real RS256 Google ID tokens from [`crate::issuer`] (verifiable against
//! its `/oauth2/v3/certs`); as upstream, only `format=full` adds `email` and `email_verified`.
//!
//! Access tokens are `ya29.sandbox-N` with a lifetime of `expires_in` seconds (3599 unless a
//! test sets it), and the sandbox remembers them, so other stand-ins (Vertex) can refuse
//! unknown or expired tokens. Admin: `GET /__sandbox/metadata` (issued count, lifetime),
//! `POST /__sandbox/metadata {"expires_in": N}`, `POST /__sandbox/metadata/expire` (every
//! issued token expires now).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use actix_web::{HttpRequest, HttpResponse, web};
use parking_lot::Mutex;
use serde::Deserialize;

use crate::SandboxState;

/// The lifetime the real metadata server typically reports.
const DEFAULT_EXPIRES_IN: u64 = 3599;

/// Whether a bearer token is one this metadata server issued and still valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenStatus {
    Valid,
    Expired,
    Unknown,
}

struct Inner {
    issued: u64,
    expires_in: u64,
    /// Token → when it expires.
    tokens: HashMap<String, Instant>,
}

/// Token settings and the tokens issued so far.
pub struct MetadataState {
    inner: Mutex<Inner>,
}

impl Default for MetadataState {
    fn default() -> Self {
        Self {
            inner: Mutex::new(Inner {
                issued: 0,
                expires_in: DEFAULT_EXPIRES_IN,
                tokens: HashMap::new(),
            }),
        }
    }
}

impl MetadataState {
    /// Lifetime (seconds) of tokens issued from now on; `0` makes them expire at once.
    pub fn set_expires_in(&self, secs: u64) {
        self.inner.lock().expires_in = secs;
    }

    /// How many access tokens were issued.
    pub fn issued(&self) -> u64 {
        self.inner.lock().issued
    }

    /// Every token issued so far expires now (clients holding one get 401s).
    pub fn expire_all(&self) {
        let now = Instant::now();
        for exp in self.inner.lock().tokens.values_mut() {
            *exp = now;
        }
    }

    /// Issues a new access token: `(token, expires_in)`.
    pub fn issue(&self) -> (String, u64) {
        let mut inner = self.inner.lock();
        inner.issued += 1;
        let token = format!("ya29.sandbox-{}", inner.issued);
        let expires_in = inner.expires_in;
        let expiry = Instant::now() + Duration::from_secs(expires_in);
        inner.tokens.insert(token.clone(), expiry);
        (token, expires_in)
    }

    /// Checks a bearer token.
    pub fn check(&self, token: &str) -> TokenStatus {
        match self.inner.lock().tokens.get(token) {
            Some(exp) if Instant::now() < *exp => TokenStatus::Valid,
            Some(_) => TokenStatus::Expired,
            None => TokenStatus::Unknown,
        }
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    const SA: &str = "/computeMetadata/v1/instance/service-accounts/default";
    cfg.route(&format!("{SA}/token"), web::get().to(token))
        .route(&format!("{SA}/identity"), web::get().to(identity))
        .route(&format!("{SA}/email"), web::get().to(email))
        .route(
            "/computeMetadata/v1/project/project-id",
            web::get().to(project_id),
        )
        .route("/__sandbox/metadata", web::get().to(admin_get))
        .route("/__sandbox/metadata", web::post().to(admin_set))
        .route("/__sandbox/metadata/expire", web::post().to(admin_expire));
}

/// Upstream refuses requests without the header (a guard against SSRF through proxies).
fn flavor_missing(req: &HttpRequest) -> Option<HttpResponse> {
    let ok = req
        .headers()
        .get("metadata-flavor")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "Google");
    (!ok).then(|| {
        HttpResponse::Forbidden()
            .content_type("text/html; charset=UTF-8")
            .body("Missing required header \"Metadata-Flavor\": \"Google\"")
    })
}

async fn token(req: HttpRequest, state: web::Data<SandboxState>) -> HttpResponse {
    if let Some(refused) = flavor_missing(&req) {
        return refused;
    }
    let (access_token, expires_in) = state.metadata.issue();
    HttpResponse::Ok().json(serde_json::json!({
        "access_token": access_token,
        "expires_in": expires_in,
        "token_type": "Bearer",
    }))
}

#[derive(Deserialize)]
struct IdentityQuery {
    audience: Option<String>,
    /// `full` adds `email` and `email_verified`, as upstream; anything else is `standard`.
    format: Option<String>,
}

/// A Google ID token for the audience, signed by the issuer's Google key ring.
async fn identity(
    req: HttpRequest,
    q: web::Query<IdentityQuery>,
    state: web::Data<SandboxState>,
) -> HttpResponse {
    if let Some(refused) = flavor_missing(&req) {
        return refused;
    }
    let Some(audience) = q.audience.clone().filter(|a| !a.is_empty()) else {
        return HttpResponse::BadRequest()
            .content_type("text/plain")
            .body("non-empty audience parameter required");
    };
    let full = q.format.as_deref() == Some("full");
    // The first token generates the Google key ring's RSA key: keep it off the worker thread.
    match web::block(move || state.issuer.google_id_token(&audience, full)).await {
        Ok(jwt) => HttpResponse::Ok().content_type("text/plain").body(jwt),
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}

async fn email(req: HttpRequest, state: web::Data<SandboxState>) -> HttpResponse {
    if let Some(refused) = flavor_missing(&req) {
        return refused;
    }
    HttpResponse::Ok()
        .content_type("text/plain")
        .body(state.issuer.service_account())
}

async fn project_id(req: HttpRequest) -> HttpResponse {
    if let Some(refused) = flavor_missing(&req) {
        return refused;
    }
    HttpResponse::Ok()
        .content_type("text/plain")
        .body(crate::credentials::PROJECT_ID)
}

async fn admin_get(state: web::Data<SandboxState>) -> HttpResponse {
    let inner = state.metadata.inner.lock();
    HttpResponse::Ok().json(serde_json::json!({
        "issued": inner.issued,
        "expires_in": inner.expires_in,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetMetadata {
    expires_in: u64,
}

async fn admin_set(state: web::Data<SandboxState>, body: web::Json<SetMetadata>) -> HttpResponse {
    state.metadata.set_expires_in(body.expires_in);
    admin_get(state).await
}

async fn admin_expire(state: web::Data<SandboxState>) -> HttpResponse {
    state.metadata.expire_all();
    HttpResponse::NoContent().finish()
}
