//! Google OAuth access tokens for Vertex AI, Identity Toolkit and Gmail.
//!
//! Sources, in the order [`TokenProvider::from_env`] tries them:
//! 1. `GOOGLE_APPLICATION_CREDENTIALS`: a service-account key (RS256 JWT-bearer grant,
//!    optionally acting for a user through domain-wide delegation) or an `authorized_user`
//!    file (refresh-token grant);
//! 2. the GCE/Cloud Run metadata server (`GCE_METADATA_HOST` redirects it).
//!
//! Tokens are cached until shortly before expiry; concurrent callers share one refresh.

use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::upstream::{self, RetryPolicy, Upstream, UpstreamError};

/// The scope Vertex AI and most Google APIs accept.
pub const CLOUD_PLATFORM_SCOPE: &str = "https://www.googleapis.com/auth/cloud-platform";
/// Refresh this long before the token expires.
const EXPIRY_MARGIN: Duration = Duration::from_secs(60);
const DEFAULT_METADATA_HOST: &str = "metadata.google.internal";
const DEFAULT_TOKEN_URI: &str = "https://oauth2.googleapis.com/token";

/// A service-account key file (the fields we use).
#[derive(Clone, Deserialize)]
pub struct ServiceAccountKey {
    pub client_email: String,
    pub private_key: SecretString,
    #[serde(default)]
    pub token_uri: Option<String>,
}

/// Where tokens come from.
#[derive(Clone)]
pub enum TokenSource {
    /// A fixed token (tests, or a token injected by the platform).
    Static(SecretString),
    /// The metadata server at `host` (`host[:port]`, no scheme).
    Metadata { host: String },
    /// A service account; `subject` makes it act for that user (domain-wide delegation).
    ServiceAccount {
        key: ServiceAccountKey,
        subject: Option<String>,
    },
    /// A user's refresh token.
    AuthorizedUser {
        client_id: String,
        client_secret: SecretString,
        refresh_token: SecretString,
        token_uri: String,
    },
}

impl std::fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Static(_) => f.write_str("Static(..)"),
            Self::Metadata { host } => write!(f, "Metadata({host})"),
            Self::ServiceAccount { key, subject } => write!(
                f,
                "ServiceAccount({}, subject: {})",
                key.client_email,
                if subject.is_some() { "set" } else { "none" }
            ),
            Self::AuthorizedUser { .. } => f.write_str("AuthorizedUser(..)"),
        }
    }
}

#[derive(Deserialize)]
struct KeyFile {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    client_email: Option<String>,
    #[serde(default)]
    private_key: Option<SecretString>,
    #[serde(default)]
    token_uri: Option<String>,
    #[serde(default)]
    client_id: Option<String>,
    #[serde(default)]
    client_secret: Option<SecretString>,
    #[serde(default)]
    refresh_token: Option<SecretString>,
}

impl TokenSource {
    /// Reads a credentials file (`service_account` or `authorized_user`).
    pub fn from_file(path: &str, subject: Option<String>) -> Result<Self, UpstreamError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            UpstreamError::NotConfigured(format!("cannot read GOOGLE_APPLICATION_CREDENTIALS: {e}"))
        })?;
        Self::from_json(&text, subject)
    }

    /// Parses credentials JSON.
    pub fn from_json(text: &str, subject: Option<String>) -> Result<Self, UpstreamError> {
        let bad = |m: &str| UpstreamError::NotConfigured(format!("credentials file: {m}"));
        let f: KeyFile = serde_json::from_str(text).map_err(|e| bad(&e.to_string()))?;
        match f.kind.as_str() {
            "service_account" => Ok(Self::ServiceAccount {
                key: ServiceAccountKey {
                    client_email: f.client_email.ok_or_else(|| bad("no client_email"))?,
                    private_key: f.private_key.ok_or_else(|| bad("no private_key"))?,
                    token_uri: f.token_uri,
                },
                subject,
            }),
            "authorized_user" => Ok(Self::AuthorizedUser {
                client_id: f.client_id.ok_or_else(|| bad("no client_id"))?,
                client_secret: f.client_secret.ok_or_else(|| bad("no client_secret"))?,
                refresh_token: f.refresh_token.ok_or_else(|| bad("no refresh_token"))?,
                token_uri: f.token_uri.unwrap_or_else(|| DEFAULT_TOKEN_URI.into()),
            }),
            other => Err(bad(&format!("unsupported credentials type {other:?}"))),
        }
    }

    /// Application Default Credentials: the key file if `GOOGLE_APPLICATION_CREDENTIALS` is
    /// set, otherwise the metadata server (`GCE_METADATA_HOST` or the standard host).
    pub fn from_env(subject: Option<String>) -> Result<Self, UpstreamError> {
        match std::env::var("GOOGLE_APPLICATION_CREDENTIALS") {
            Ok(path) if !path.is_empty() => Self::from_file(&path, subject),
            _ => Ok(Self::Metadata {
                host: std::env::var("GCE_METADATA_HOST")
                    .ok()
                    .filter(|h| !h.is_empty())
                    .unwrap_or_else(|| DEFAULT_METADATA_HOST.into()),
            }),
        }
    }
}

/// OAuth token endpoints answer a refused grant with 400 `invalid_grant`: that is an auth
/// failure (bad key, revoked refresh token), not a malformed request of ours.
fn token_mapper(
    status: reqwest::StatusCode,
    body: &str,
    retry_after: Option<Duration>,
) -> UpstreamError {
    if status.as_u16() == 400 {
        let msg: String = body.chars().take(200).collect();
        return UpstreamError::Auth(format!("token grant refused: {msg}"));
    }
    upstream::default_mapper(status, body, retry_after)
}

struct Cached {
    token: SecretString,
    refresh_at: Instant,
}

/// Hands out access tokens for `scopes`, cached until shortly before they expire.
pub struct TokenProvider {
    source: TokenSource,
    scopes: Vec<String>,
    http: reqwest::Client,
    /// How token requests are retried, and the token endpoint's breaker if it has one.
    upstream: Upstream,
    cache: tokio::sync::Mutex<Option<Cached>>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: SecretString,
    #[serde(default)]
    expires_in: Option<u64>,
}

#[derive(serde::Serialize)]
struct Claims<'a> {
    iss: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub: Option<&'a str>,
    scope: String,
    aud: &'a str,
    iat: u64,
    exp: u64,
}

impl TokenProvider {
    pub fn new(source: TokenSource, scopes: &[&str], http: reqwest::Client) -> Self {
        Self {
            source,
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            http,
            upstream: Upstream::unguarded(RetryPolicy::default()),
            cache: tokio::sync::Mutex::new(None),
        }
    }

    /// Fetches tokens through `upstream` (its retry policy and circuit breaker).
    pub fn with_upstream(mut self, upstream: Upstream) -> Self {
        self.upstream = upstream;
        self
    }

    pub fn source(&self) -> &TokenSource {
        &self.source
    }

    /// A valid access token, fetching a new one when the cached one is near expiry.
    pub async fn token(&self) -> Result<SecretString, UpstreamError> {
        let mut cache = self.cache.lock().await;
        if let Some(c) = cache.as_ref()
            && Instant::now() < c.refresh_at
        {
            return Ok(c.token.clone());
        }
        let (token, lifetime) = self.fetch().await?;
        *cache = Some(Cached {
            token: token.clone(),
            refresh_at: Instant::now() + lifetime.saturating_sub(EXPIRY_MARGIN),
        });
        Ok(token)
    }

    /// Forgets the cached token (after the upstream said 401 to it).
    pub async fn invalidate(&self) {
        *self.cache.lock().await = None;
    }

    async fn fetch(&self) -> Result<(SecretString, Duration), UpstreamError> {
        let resp: TokenResponse = match &self.source {
            TokenSource::Static(t) => return Ok((t.clone(), Duration::from_secs(3600))),
            TokenSource::Metadata { host } => {
                let url = format!(
                    "http://{host}/computeMetadata/v1/instance/service-accounts/default/token"
                );
                let scopes = self.scopes.join(",");
                self.upstream
                    .json(true, upstream::default_mapper, || {
                        let req = self.http.get(&url).header("Metadata-Flavor", "Google");
                        if scopes.is_empty() {
                            req
                        } else {
                            req.query(&[("scopes", scopes.as_str())])
                        }
                    })
                    .await?
            }
            TokenSource::ServiceAccount { key, subject } => {
                let token_uri = key.token_uri.as_deref().unwrap_or(DEFAULT_TOKEN_URI);
                let now = chrono::Utc::now().timestamp().max(0) as u64;
                let claims = Claims {
                    iss: &key.client_email,
                    sub: subject.as_deref(),
                    scope: self.scopes.join(" "),
                    aud: token_uri,
                    iat: now,
                    exp: now + 3600,
                };
                let enc = jsonwebtoken::EncodingKey::from_rsa_pem(
                    key.private_key.expose_secret().as_bytes(),
                )
                .map_err(|_| {
                    UpstreamError::NotConfigured(
                        "service account private_key is not an RSA PEM key".into(),
                    )
                })?;
                let assertion = jsonwebtoken::encode(
                    &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256),
                    &claims,
                    &enc,
                )
                .map_err(|e| UpstreamError::NotConfigured(format!("cannot sign assertion: {e}")))?;
                let form = [
                    ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
                    ("assertion", assertion.as_str()),
                ];
                self.upstream
                    .json(true, token_mapper, || self.http.post(token_uri).form(&form))
                    .await?
            }
            TokenSource::AuthorizedUser {
                client_id,
                client_secret,
                refresh_token,
                token_uri,
            } => {
                let form = [
                    ("grant_type", "refresh_token"),
                    ("client_id", client_id.as_str()),
                    ("client_secret", client_secret.expose_secret()),
                    ("refresh_token", refresh_token.expose_secret()),
                ];
                self.upstream
                    .json(true, token_mapper, || self.http.post(token_uri).form(&form))
                    .await?
            }
        };
        let lifetime = Duration::from_secs(resp.expires_in.unwrap_or(3600));
        tracing::debug!(source = ?self.source, lifetime_s = lifetime.as_secs(), "fetched access token");
        Ok((resp.access_token, lifetime))
    }

    /// An identity token for `audience` from the metadata server (service-to-service calls).
    pub async fn id_token(&self, audience: &str) -> Result<SecretString, UpstreamError> {
        let TokenSource::Metadata { host } = &self.source else {
            return Err(UpstreamError::NotConfigured(
                "identity tokens come from the metadata server only".into(),
            ));
        };
        let url =
            format!("http://{host}/computeMetadata/v1/instance/service-accounts/default/identity");
        let r = upstream::send(
            &RetryPolicy::default(),
            true,
            upstream::default_mapper,
            || {
                self.http
                    .get(&url)
                    .header("Metadata-Flavor", "Google")
                    .query(&[("audience", audience)])
            },
        )
        .await?;
        let text = r
            .text()
            .await
            .map_err(|e| UpstreamError::from_reqwest(&e))?;
        Ok(SecretString::from(text.trim().to_string()))
    }
}
