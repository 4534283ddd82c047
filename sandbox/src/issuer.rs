//! The local issuer: Firebase-style user tokens and Google-style service ID tokens, signed with
//! real keys, and the key endpoints on Google's paths, so `common::auth` verifies them exactly as
//! it verifies the real thing once pointed here by URL.
//!
//! - `GET` [`FIREBASE_JWKS_PATH`], [`FIREBASE_X509_PATH`] (the same keys as a PEM map) and
//!   [`GOOGLE_JWKS_PATH`], each with `Cache-Control: public, max-age=…` like Google's;
//! - `POST /__sandbox/tokens` with a [`TokenRequest`] → `{"token", "expires_at", "kid"}`;
//! - `POST /__sandbox/keys/rotate` (`{"drop_old": true}` optional): in both rings a new key
//!   signs from now on; the old one stays published until the next rotation unless dropped;
//! - `GET /__sandbox/issuer` (kids, key fetches, settings), `POST /__sandbox/issuer`
//!   `{"max_age_secs"?, "service_account"?}`.
//!
//! Firebase and Google keys are separate key rings, as upstream: a verifier pointed at the wrong
//! key URL refuses. RSA 2048 keys are generated on first use rather than in
//! [`crate::Sandbox::new`]: most tests start a sandbox and never touch identity.

pub mod keys;
mod routes;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::credentials::{PROJECT_ID, SERVICE_ACCOUNT_EMAIL};

pub use keys::SigningKey;
pub use routes::configure;

/// Firebase ID token keys as a JWKS (Google's path).
pub const FIREBASE_JWKS_PATH: &str =
    "/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com";
/// The same keys as Google's x509 PEM map `{"kid": "-----BEGIN CERTIFICATE-----…"}`.
pub const FIREBASE_X509_PATH: &str =
    "/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com";
/// Google OIDC (ID token) keys as a JWKS.
pub const GOOGLE_JWKS_PATH: &str = "/oauth2/v3/certs";
/// `iss` of Google ID tokens.
pub const GOOGLE_ISSUER: &str = "https://accounts.google.com";
/// Default email of staff tokens.
pub const STAFF_EMAIL: &str = "staff@demo-mcp-orchestrator.test";
/// Default email of operator tokens.
pub const OPERATOR_EMAIL: &str = "operator@demo-mcp-orchestrator.test";
/// Key-endpoint cache lifetime unless set: about what Google answers (hours).
pub const DEFAULT_MAX_AGE_SECS: u64 = 21_600;
/// Token lifetime unless the request sets one (Firebase and Google both use an hour).
const DEFAULT_TTL_SECS: i64 = 3600;

/// `iss` (and, for Firebase, `aud` is the project) of the sandbox's Firebase ID tokens.
pub fn firebase_issuer() -> String {
    format!("https://securetoken.google.com/{PROJECT_ID}")
}

/// The signing key and the previous one, still published after a rotation.
struct Keyring {
    current: Arc<SigningKey>,
    previous: Option<Arc<SigningKey>>,
}

impl Keyring {
    fn published(&self) -> Vec<Arc<SigningKey>> {
        std::iter::once(self.current.clone())
            .chain(self.previous.clone())
            .collect()
    }
}

/// Which key ring: Firebase's (`securetoken`) or Google OIDC's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ring {
    Firebase,
    Google,
}

/// Issuer keys and settings. Keys are generated when first needed.
pub struct IssuerState {
    firebase: Mutex<Option<Keyring>>,
    google: Mutex<Option<Keyring>>,
    max_age_secs: AtomicU64,
    service_account: Mutex<String>,
    key_fetches: AtomicU64,
}

impl Default for IssuerState {
    fn default() -> Self {
        Self {
            firebase: Mutex::new(None),
            google: Mutex::new(None),
            max_age_secs: AtomicU64::new(DEFAULT_MAX_AGE_SECS),
            service_account: Mutex::new(SERVICE_ACCOUNT_EMAIL.to_string()),
            key_fetches: AtomicU64::new(0),
        }
    }
}

impl IssuerState {
    fn ring(&self, ring: Ring) -> &Mutex<Option<Keyring>> {
        match ring {
            Ring::Firebase => &self.firebase,
            Ring::Google => &self.google,
        }
    }

    /// The key that signs for `ring` now (generated on first use).
    pub fn signing_key(&self, ring: Ring) -> Arc<SigningKey> {
        let mut slot = self.ring(ring).lock();
        slot.get_or_insert_with(|| Keyring {
            current: Arc::new(SigningKey::rsa()),
            previous: None,
        })
        .current
        .clone()
    }

    /// Every key `ring` publishes: the signing key first.
    pub fn published(&self, ring: Ring) -> Vec<Arc<SigningKey>> {
        self.signing_key(ring);
        self.ring(ring)
            .lock()
            .as_ref()
            .map(Keyring::published)
            .unwrap_or_default()
    }

    /// A new signing key for `ring`; the old one stays published unless `drop_old`.
    pub fn rotate(&self, ring: Ring, drop_old: bool) -> Arc<SigningKey> {
        let old = self.signing_key(ring);
        let new = Arc::new(SigningKey::rsa());
        *self.ring(ring).lock() = Some(Keyring {
            current: new.clone(),
            previous: (!drop_old).then_some(old),
        });
        new
    }

    /// `max-age` the key endpoints announce.
    pub fn set_max_age_secs(&self, secs: u64) {
        self.max_age_secs.store(secs, Ordering::Relaxed);
    }

    /// The service account the metadata server speaks for (default [`SERVICE_ACCOUNT_EMAIL`]).
    pub fn service_account(&self) -> String {
        self.service_account.lock().clone()
    }

    /// Speak for another service account from now on.
    pub fn set_service_account(&self, email: &str) {
        *self.service_account.lock() = email.to_string();
    }

    /// How many times a key endpoint was read.
    pub fn key_fetches(&self) -> u64 {
        self.key_fetches.load(Ordering::Relaxed)
    }

    /// Signs a token as [`TokenRequest`] describes.
    pub fn mint(&self, req: &TokenRequest) -> Result<Minted, String> {
        let now = chrono::Utc::now().timestamp();
        let exp = now.saturating_add(req.ttl_secs.unwrap_or(DEFAULT_TTL_SECS));
        let (ring, mut claims) = match req.kind {
            TokenKind::GoogleService => {
                let audience = req
                    .audience
                    .as_deref()
                    .filter(|a| !a.is_empty())
                    .ok_or("google_service tokens need an audience")?;
                let email = req.email.clone().unwrap_or_else(|| self.service_account());
                let verified = req.email_verified.unwrap_or(true);
                (
                    Ring::Google,
                    google_claims(&email, audience, verified, now, exp),
                )
            }
            TokenKind::User | TokenKind::Staff | TokenKind::Operator => {
                let email = match (&req.email, req.kind) {
                    (Some(e), _) => e.clone(),
                    (None, TokenKind::Staff) => STAFF_EMAIL.into(),
                    (None, TokenKind::Operator) => OPERATOR_EMAIL.into(),
                    (None, _) => crate::identity::users()
                        .next()
                        .map(|p| p.email.clone())
                        .ok_or("no seeded Firebase user")?,
                };
                let mut claims = firebase_claims(&email, req.email_verified.unwrap_or(true), now);
                claims.insert("exp".into(), exp.into());
                if let Some(aud) = &req.audience {
                    claims.insert("aud".into(), aud.clone().into());
                }
                match req.kind {
                    TokenKind::Staff => claims.insert("staff".into(), true.into()),
                    TokenKind::Operator => claims.insert("operator".into(), true.into()),
                    _ => None,
                };
                (Ring::Firebase, claims)
            }
        };
        claims.extend(req.claims.clone());
        let key = self.signing_key(ring);
        Ok(Minted {
            token: key.sign(&Value::Object(claims)),
            expires_at: chrono::DateTime::from_timestamp(exp, 0).unwrap_or_default(),
            kid: key.kid().to_string(),
        })
    }

    /// A Google ID token for `audience` as the metadata server issues it; `full` adds the
    /// `email` and `email_verified` claims (`format=full`).
    pub fn google_id_token(&self, audience: &str, full: bool) -> String {
        let now = chrono::Utc::now().timestamp();
        let mut claims = google_claims(
            &self.service_account(),
            audience,
            true,
            now,
            now + DEFAULT_TTL_SECS,
        );
        if !full {
            claims.remove("email");
            claims.remove("email_verified");
        }
        self.signing_key(Ring::Google).sign(&Value::Object(claims))
    }
}

/// A Firebase ID token's claims for `email` (without `exp`).
fn firebase_claims(email: &str, verified: bool, now: i64) -> Map<String, Value> {
    let uid = firebase_uid(email);
    let value = json!({
        "iss": firebase_issuer(), "aud": PROJECT_ID, "auth_time": now, "user_id": uid,
        "sub": uid, "iat": now, "email": email, "email_verified": verified,
        "firebase": {"identities": {"email": [email]}, "sign_in_provider": "password"},
    });
    value.as_object().cloned().unwrap_or_default()
}

fn google_claims(email: &str, aud: &str, verified: bool, now: i64, exp: i64) -> Map<String, Value> {
    let id = numeric_id(email);
    let value = json!({
        "iss": GOOGLE_ISSUER, "aud": aud, "azp": id, "sub": id, "email": email,
        "email_verified": verified, "iat": now, "exp": exp,
    });
    value.as_object().cloned().unwrap_or_default()
}

/// The seeded person's Identity Toolkit `localId`, or a stable uid of the same shape.
pub fn firebase_uid(email: &str) -> String {
    if let Some(p) = crate::identity::users().find(|p| p.email.eq_ignore_ascii_case(email)) {
        return crate::identity::local_id(p.index);
    }
    let digest = Sha256::digest(format!("sandbox-firebase-uid:{}", email.to_lowercase()));
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    digest
        .iter()
        .take(28)
        .map(|b| alphabet[usize::from(*b) % alphabet.len()] as char)
        .collect()
}

/// Google's numeric account ids (`sub`, `azp`) are 21 digits.
fn numeric_id(email: &str) -> String {
    let digest = Sha256::digest(email.to_lowercase());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    format!("1{:020}", u64::from_be_bytes(first))
}

/// What kind of token to mint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// A Firebase ID token of an app user.
    User,
    /// A user token with `staff: true`.
    Staff,
    /// A user token with `operator: true`.
    Operator,
    /// A Google ID token of a service account (what the metadata server or Cloud Scheduler sends).
    GoogleService,
}

/// `POST /__sandbox/tokens`. Everything but `kind` is optional.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// Which issuer and shape.
    pub kind: TokenKind,
    /// Defaults: the first seeded user, [`STAFF_EMAIL`], [`OPERATOR_EMAIL`], the service account.
    #[serde(default)]
    pub email: Option<String>,
    /// Required for `google_service`; overrides the project for user tokens.
    #[serde(default)]
    pub audience: Option<String>,
    /// Lifetime from now (negative: already expired). Default 3600.
    #[serde(default)]
    pub ttl_secs: Option<i64>,
    /// Default `true`.
    #[serde(default)]
    pub email_verified: Option<bool>,
    /// Extra claims, applied last (so they may override any claim, e.g. `iss` or `nbf`).
    #[serde(default)]
    pub claims: Map<String, Value>,
}

impl TokenRequest {
    /// A request with every option at its default.
    pub fn new(kind: TokenKind) -> Self {
        Self {
            kind,
            email: None,
            audience: None,
            ttl_secs: None,
            email_verified: None,
            claims: Map::new(),
        }
    }

    /// The token's `email` (and, for users, the uid it derives).
    pub fn email(mut self, email: &str) -> Self {
        self.email = Some(email.to_string());
        self
    }

    /// The token's `aud`.
    pub fn audience(mut self, audience: &str) -> Self {
        self.audience = Some(audience.to_string());
        self
    }

    /// Lifetime from now; negative for an expired token.
    pub fn ttl_secs(mut self, secs: i64) -> Self {
        self.ttl_secs = Some(secs);
        self
    }

    /// The `email_verified` claim.
    pub fn email_verified(mut self, verified: bool) -> Self {
        self.email_verified = Some(verified);
        self
    }

    /// One extra claim, applied last.
    pub fn claim(mut self, name: &str, value: Value) -> Self {
        self.claims.insert(name.to_string(), value);
        self
    }
}

/// A minted token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Minted {
    /// The compact JWT.
    pub token: String,
    /// Its `exp`.
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// The signing key's id.
    pub kid: String,
}
