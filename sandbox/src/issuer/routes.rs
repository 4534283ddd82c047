//! The key endpoints on Google's paths and the `/__sandbox/` admin routes of the issuer.

use std::sync::atomic::Ordering;

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::{FIREBASE_JWKS_PATH, FIREBASE_X509_PATH, GOOGLE_JWKS_PATH};
use super::{IssuerState, Ring, TokenRequest};
use crate::SandboxState;

/// The key endpoints and the issuer's admin routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(FIREBASE_JWKS_PATH, web::get().to(firebase_jwks))
        .route(FIREBASE_X509_PATH, web::get().to(firebase_x509))
        .route(GOOGLE_JWKS_PATH, web::get().to(google_jwks))
        .route("/__sandbox/tokens", web::post().to(mint))
        .route("/__sandbox/keys/rotate", web::post().to(rotate))
        .route("/__sandbox/issuer", web::get().to(admin_get))
        .route("/__sandbox/issuer", web::post().to(admin_set));
}

/// Runs `f` off the worker thread: the first use of a key ring generates an RSA key.
async fn off_thread<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, HttpResponse> {
    web::block(f)
        .await
        .map_err(|_| HttpResponse::InternalServerError().finish())
}

/// Key responses carry Google's caching headers; each read is counted.
async fn keys_response(
    state: web::Data<SandboxState>,
    body: impl FnOnce(&IssuerState) -> Value + Send + 'static,
) -> HttpResponse {
    state.issuer.key_fetches.fetch_add(1, Ordering::Relaxed);
    let max_age = state.issuer.max_age_secs.load(Ordering::Relaxed);
    match off_thread(move || body(&state.issuer)).await {
        Ok(body) => HttpResponse::Ok()
            .insert_header((
                "cache-control",
                format!("public, max-age={max_age}, must-revalidate, no-transform"),
            ))
            .json(body),
        Err(failed) => failed,
    }
}

fn jwks(issuer: &IssuerState, ring: Ring) -> Value {
    let keys: Vec<Value> = issuer
        .published(ring)
        .iter()
        .map(|k| k.jwk().clone())
        .collect();
    json!({ "keys": keys })
}

async fn firebase_jwks(state: web::Data<SandboxState>) -> HttpResponse {
    keys_response(state, |issuer| jwks(issuer, Ring::Firebase)).await
}

async fn google_jwks(state: web::Data<SandboxState>) -> HttpResponse {
    keys_response(state, |issuer| jwks(issuer, Ring::Google)).await
}

async fn firebase_x509(state: web::Data<SandboxState>) -> HttpResponse {
    keys_response(state, |issuer| {
        let map: Map<String, Value> = issuer
            .published(Ring::Firebase)
            .iter()
            .filter_map(|k| Some((k.kid().to_string(), k.cert_pem()?.into())))
            .collect();
        Value::Object(map)
    })
    .await
}

fn bad_request(message: &str) -> HttpResponse {
    HttpResponse::BadRequest().json(json!({"error": {"code": 400, "message": message}}))
}

async fn mint(state: web::Data<SandboxState>, body: web::Bytes) -> HttpResponse {
    let req: TokenRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => return bad_request(&format!("invalid token request: {e}")),
    };
    match off_thread(move || state.issuer.mint(&req)).await {
        Ok(Ok(minted)) => HttpResponse::Ok().json(minted),
        Ok(Err(why)) => bad_request(&why),
        Err(failed) => failed,
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RotateRequest {
    #[serde(default)]
    drop_old: bool,
}

async fn rotate(state: web::Data<SandboxState>, body: web::Bytes) -> HttpResponse {
    let req: RotateRequest = if body.iter().all(u8::is_ascii_whitespace) {
        RotateRequest::default()
    } else {
        match serde_json::from_slice(&body) {
            Ok(r) => r,
            Err(e) => return bad_request(&format!("invalid rotate request: {e}")),
        }
    };
    let rotated = off_thread(move || {
        [Ring::Firebase, Ring::Google]
            .map(|ring| state.issuer.rotate(ring, req.drop_old).kid().to_string())
    })
    .await;
    match rotated {
        Ok([firebase, google]) => {
            HttpResponse::Ok().json(json!({"firebase_kid": firebase, "google_kid": google}))
        }
        Err(failed) => failed,
    }
}

fn kids(state: &SandboxState, ring: Ring) -> Vec<String> {
    state
        .issuer
        .published(ring)
        .iter()
        .map(|k| k.kid().to_string())
        .collect()
}

async fn admin_get(state: web::Data<SandboxState>) -> HttpResponse {
    let body = off_thread(move || {
        json!({
            "firebase_kids": kids(&state, Ring::Firebase),
            "google_kids": kids(&state, Ring::Google),
            "key_fetches": state.issuer.key_fetches(),
            "max_age_secs": state.issuer.max_age_secs.load(Ordering::Relaxed),
            "service_account": state.issuer.service_account(),
        })
    })
    .await;
    match body {
        Ok(b) => HttpResponse::Ok().json(b),
        Err(failed) => failed,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IssuerSettings {
    #[serde(default)]
    max_age_secs: Option<u64>,
    #[serde(default)]
    service_account: Option<String>,
}

async fn admin_set(
    state: web::Data<SandboxState>,
    body: web::Json<IssuerSettings>,
) -> HttpResponse {
    if let Some(secs) = body.max_age_secs {
        state.issuer.set_max_age_secs(secs);
    }
    if let Some(sa) = &body.service_account {
        state.issuer.set_service_account(sa);
    }
    admin_get(state).await
}
