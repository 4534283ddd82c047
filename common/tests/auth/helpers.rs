//! A tiny key server (JWKS with a settable `Cache-Control`, failures on demand, a hit counter),
//! token claims, and the sandbox as issuer.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use actix_web::{App, HttpResponse, HttpServer, web};
use common::auth::{AuthSettings, KeySet, Verifier};
use parking_lot::Mutex;
use sandbox::issuer::SigningKey;
use serde_json::{Value, json};

pub const ISSUER: &str = "https://issuer.example";
pub const AUDIENCE: &str = "mcp-orchestrator-tests";

#[derive(Default)]
struct KeyServerState {
    jwks: Mutex<Vec<Value>>,
    cache_control: Mutex<Option<String>>,
    failing: AtomicBool,
    hits: AtomicU64,
    identity_token: Mutex<String>,
}

/// Serves `/jwks` and a metadata-style `/computeMetadata/.../identity` on `127.0.0.1:0`.
pub struct KeyServer {
    pub base: String,
    state: Arc<KeyServerState>,
}

async fn jwks(state: web::Data<KeyServerState>) -> HttpResponse {
    state.hits.fetch_add(1, Ordering::SeqCst);
    if state.failing.load(Ordering::SeqCst) {
        return HttpResponse::ServiceUnavailable().body("down");
    }
    let mut resp = HttpResponse::Ok();
    if let Some(cc) = state.cache_control.lock().clone() {
        resp.insert_header(("cache-control", cc));
    }
    resp.json(json!({ "keys": *state.jwks.lock() }))
}

async fn identity(state: web::Data<KeyServerState>) -> HttpResponse {
    state.hits.fetch_add(1, Ordering::SeqCst);
    HttpResponse::Ok().body(state.identity_token.lock().clone())
}

impl KeyServer {
    /// Publishes `keys` with `Cache-Control: public, max-age=3600`.
    pub fn start(keys: &[&SigningKey]) -> Self {
        let state = Arc::new(KeyServerState::default());
        let data = web::Data::from(state.clone());
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().expect("local addr").port();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .route("/jwks", web::get().to(jwks))
                .route(
                    "/computeMetadata/v1/instance/service-accounts/default/identity",
                    web::get().to(identity),
                )
        })
        .workers(1)
        .listen(listener)
        .expect("listen")
        .run();
        tokio::spawn(server);
        let this = Self {
            base: format!("http://127.0.0.1:{port}"),
            state,
        };
        this.publish(keys);
        this.set_cache_control(Some("public, max-age=3600"));
        this
    }

    pub fn jwks_url(&self) -> String {
        format!("{}/jwks", self.base)
    }

    /// The host:port, for settings that take a host (the metadata server).
    pub fn host(&self) -> String {
        self.base.trim_start_matches("http://").to_string()
    }

    pub fn publish(&self, keys: &[&SigningKey]) {
        *self.state.jwks.lock() = keys.iter().map(|k| k.jwk().clone()).collect();
    }

    pub fn set_cache_control(&self, value: Option<&str>) {
        *self.state.cache_control.lock() = value.map(str::to_string);
    }

    /// Answers 503 from now on (or again 200).
    pub fn fail(&self, failing: bool) {
        self.state.failing.store(failing, Ordering::SeqCst);
    }

    /// What the identity route answers.
    pub fn set_identity_token(&self, token: &str) {
        *self.state.identity_token.lock() = token.to_string();
    }

    /// Requests served (both routes).
    pub fn hits(&self) -> u64 {
        self.state.hits.load(Ordering::SeqCst)
    }
}

pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Valid claims for [`ISSUER`] and [`AUDIENCE`], an hour to live.
pub fn claims() -> Value {
    json!({"iss": ISSUER, "aud": AUDIENCE, "sub": "user-1", "iat": now(), "exp": now() + 3600})
}

/// `claims()` with `changes` applied (`null` removes a claim).
pub fn claims_with(changes: Value) -> Value {
    let mut c = claims();
    for (k, v) in changes.as_object().cloned().unwrap_or_default() {
        match v {
            Value::Null => c.as_object_mut().map(|m| m.remove(&k)),
            v => c.as_object_mut().map(|m| m.insert(k, v)),
        };
    }
    c
}

/// A verifier for [`ISSUER`]/[`AUDIENCE`] over the server's keys.
pub fn verifier(server: &KeyServer) -> Verifier {
    let keys = Arc::new(KeySet::new(server.jwks_url(), common::tls::client()));
    Verifier::new(keys, [ISSUER], [AUDIENCE])
}

/// Settings from pairs, validated.
pub fn settings(pairs: &[(&str, &str)]) -> AuthSettings {
    let s: AuthSettings =
        common::config::from_pairs(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())))
            .expect("settings load");
    s.validate().expect("settings are consistent");
    s
}

/// Base64url without padding.
pub fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A started sandbox and settings that point the end-user and Google key sets at it.
pub struct SandboxIssuer {
    pub sandbox: sandbox::Sandbox,
    pub base: String,
}

pub const ORCHESTRATOR_URL: &str = "https://orchestrator.example.run.app";
pub const SCHEDULER_SA: &str = "scheduler@demo-mcp-orchestrator.iam.gserviceaccount.com";

impl SandboxIssuer {
    pub fn start() -> Self {
        let sandbox = sandbox::Sandbox::new();
        let base = sandbox.spawn();
        Self { sandbox, base }
    }

    /// Firebase users from the sandbox, plus Cloud Scheduler's account as operator.
    pub fn settings(&self, extra: &[(&str, &str)]) -> AuthSettings {
        let firebase = format!("{}{}", self.base, sandbox::issuer::FIREBASE_JWKS_PATH);
        let google = format!("{}{}", self.base, sandbox::issuer::GOOGLE_JWKS_PATH);
        let mut pairs = vec![
            ("FIREBASE_PROJECT_ID", sandbox::credentials::PROJECT_ID),
            ("AUTH_JWKS_URL", firebase.as_str()),
            ("GOOGLE_OIDC_JWKS_URL", google.as_str()),
            ("AUTH_OPERATOR_SERVICE_ACCOUNTS", SCHEDULER_SA),
            ("AUTH_GOOGLE_AUDIENCE", ORCHESTRATOR_URL),
        ];
        pairs.extend_from_slice(extra);
        settings(&pairs)
    }

    pub fn mint(&self, req: sandbox::issuer::TokenRequest) -> String {
        self.sandbox.state.issuer.mint(&req).expect("mint").token
    }
}
