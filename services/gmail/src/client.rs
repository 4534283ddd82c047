//! The Gmail API v1 client: one pooled HTTP client, cached OAuth tokens, bounded retries,
//! Google's error envelope mapped to typed errors.

use std::time::Duration;

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use common::google_auth::{TokenProvider, TokenSource};
use std::sync::Arc;

use common::breaker::{Breaker, BreakerSettings};
use common::metrics::MetricsRegistry;
use common::upstream::{self, RetryPolicy, Upstream, UpstreamError};
use common::upstream::{BodyError, MAX_UPSTREAM_BODY};
use reqwest::StatusCode;
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::settings::GMAIL_READONLY_SCOPE;

/// One page of `messages.list`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListPage {
    /// Absent when nothing matched.
    #[serde(default)]
    pub messages: Vec<MessageRef>,
    #[serde(default)]
    pub next_page_token: Option<String>,
    #[serde(default)]
    pub result_size_estimate: u64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageRef {
    pub id: String,
    #[serde(default)]
    pub thread_id: String,
}

/// `messages.get` in `metadata` format: the message's place in the mailbox and the top-level
/// headers asked for (absent fields default).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireMessage {
    pub id: String,
    #[serde(default)]
    pub thread_id: String,
    #[serde(default)]
    pub label_ids: Vec<String>,
    #[serde(default)]
    pub snippet: String,
    #[serde(default)]
    pub internal_date: Option<String>,
    #[serde(default)]
    pub payload: Option<WirePayload>,
}

/// The root part of a `metadata` message: only its headers are read.
#[derive(Debug, Default, Deserialize)]
pub struct WirePayload {
    #[serde(default)]
    pub headers: Vec<WireHeader>,
}

#[derive(Debug, Default, Deserialize)]
pub struct WireHeader {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub value: String,
}

/// `messages.get` in `raw` format: the same fields as `metadata` (labels, Gmail's snippet,
/// `internalDate`) plus the whole RFC 822 message.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawMessage {
    pub id: String,
    #[serde(default)]
    pub thread_id: String,
    #[serde(default)]
    pub label_ids: Vec<String>,
    #[serde(default)]
    pub snippet: String,
    #[serde(default)]
    pub internal_date: Option<String>,
    /// The message's bytes. Required: an answer without them is not a raw message, and bytes
    /// that are not base64url make the body malformed (`invalid_response`), not a panic.
    #[serde(deserialize_with = "base64url")]
    pub raw: Vec<u8>,
}

/// Gmail's base64url, padded or not.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

fn base64url<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    let text = String::deserialize(d)?;
    BASE64URL
        .decode(text)
        .map_err(|e| serde::de::Error::custom(format!("raw is not base64url: {e}")))
}

/// `users.getProfile`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    #[serde(default)]
    pub messages_total: u64,
}

#[derive(Deserialize)]
struct Envelope {
    error: EnvelopeError,
}

#[derive(Deserialize)]
struct EnvelopeError {
    #[serde(default)]
    message: String,
    #[serde(default)]
    errors: Vec<EnvelopeReason>,
}

#[derive(Deserialize)]
struct EnvelopeReason {
    #[serde(default)]
    reason: String,
}

/// Reads Google's envelope: quota reasons on 403 are rate limits, not auth failures; a 401 is
/// marked so the caller can refresh its token once.
fn gmail_mapper(status: StatusCode, body: &str, retry_after: Option<Duration>) -> UpstreamError {
    let parsed = serde_json::from_str::<Envelope>(body).ok();
    if status == StatusCode::UNAUTHORIZED {
        // Whatever the body, the token was refused: marked so the caller refreshes it once.
        return UpstreamError::Auth(format!("{UNAUTHORIZED}Gmail refused the access token"));
    }
    let Some(env) = parsed else {
        // Not Google's envelope: not Gmail answering (a wrong base URL, a proxy).
        return upstream::default_mapper(status, body, retry_after);
    };
    let env = Some(env);
    let reason = env
        .as_ref()
        .and_then(|e| e.error.errors.first())
        .map(|r| r.reason.as_str())
        .unwrap_or("");
    // Google's prose stays in our logs; callers get the status and reason code only.
    if let Some(e) = &env {
        tracing::debug!(reason, message = %e.error.message.chars().take(200).collect::<String>(), "gmail error");
    }
    let message = format!(
        "Gmail {}{}",
        upstream::reason(status),
        if reason.is_empty() {
            String::new()
        } else {
            format!(" ({})", common::text::truncate_chars(reason, 64))
        }
    );
    let quota = matches!(
        reason,
        "rateLimitExceeded" | "userRateLimitExceeded" | "quotaExceeded" | "dailyLimitExceeded"
    );
    match status {
        StatusCode::UNAUTHORIZED => UpstreamError::Auth(format!("{UNAUTHORIZED}{message}")),
        StatusCode::FORBIDDEN if quota => UpstreamError::RateLimited { retry_after },
        _ => UpstreamError::from_status(status, message, retry_after),
    }
}

/// The token endpoint refusing a grant (400 `invalid_grant`, 401 `invalid_client`) is a
/// credentials problem, not a bad request of the caller's.
fn token_error(e: UpstreamError) -> UpstreamError {
    match e {
        UpstreamError::Rejected(m) | UpstreamError::NotFound(m) => {
            UpstreamError::Auth(format!("the token endpoint refused the grant: {m}"))
        }
        other => other,
    }
}

/// Prefix of the 401 message (the one auth failure a fresh token may cure).
const UNAUTHORIZED: &str = "HTTP 401: ";

/// Largest `messages.get?format=raw` answer read. The raw format carries attachments too, so
/// the usual cap ([`MAX_UPSTREAM_BODY`]) would refuse mail `format=full` used to read: this one
/// fits Gmail's largest receivable message (50 MB) once base64url has grown it by a third.
pub const MAX_RAW_BODY: usize = 72 * 1024 * 1024;

/// A JSON body of at most `limit` bytes, as [`common::upstream::json`] reads one (that one has
/// a fixed cap; see [`MAX_RAW_BODY`]).
async fn json_capped<T: DeserializeOwned>(
    resp: reqwest::Response,
    limit: usize,
) -> Result<T, UpstreamError> {
    let bytes = upstream::read_capped(resp, limit)
        .await
        .map_err(|e| match e {
            BodyError::TooLarge => {
                UpstreamError::InvalidResponse(format!("response body over {limit} bytes"))
            }
            BodyError::Transport(e) => UpstreamError::from_reqwest(&e),
        })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| UpstreamError::InvalidResponse(format!("malformed JSON body: {e}")))
}

/// The Gmail API's circuit breaker (errors, `/ready`, `/metrics`).
pub const API_BREAKER: &str = "gmail-api";
/// The circuit breaker of the endpoint OAuth access tokens come from.
pub const TOKEN_BREAKER: &str = "google-token";

/// A Gmail client for one mailbox (addressed as `me`: the token decides whose mail it is).
pub struct GmailClient {
    http: reqwest::Client,
    root: String,
    tokens: TokenProvider,
    /// The retry policy and the `gmail-api` circuit breaker.
    api: Upstream,
    /// The token endpoint's (`google-token`), also held by `tokens`.
    token_endpoint: Upstream,
}

impl GmailClient {
    /// A client whose two upstreams (the API and the token endpoint) each have a breaker
    /// (`breakers`), reporting to `registry`.
    pub fn new(
        base_url: &str,
        source: TokenSource,
        timeout: Duration,
        breakers: BreakerSettings,
        registry: &MetricsRegistry,
    ) -> Self {
        let http = upstream::http_client(timeout);
        let api = Upstream::new(API_BREAKER, RetryPolicy::default(), breakers, registry);
        let token_endpoint =
            Upstream::new(TOKEN_BREAKER, RetryPolicy::default(), breakers, registry);
        Self {
            root: format!("{}/gmail/v1/users/me", base_url.trim_end_matches('/')),
            tokens: TokenProvider::new(source, &[GMAIL_READONLY_SCOPE], http.clone())
                .with_upstream(token_endpoint.clone()),
            http,
            api,
            token_endpoint,
        }
    }

    /// The client's circuit breakers: the API's and the token endpoint's.
    pub fn breakers(&self) -> Vec<Arc<Breaker>> {
        [&self.api, &self.token_endpoint]
            .into_iter()
            .filter_map(|u| u.breaker().cloned())
            .collect()
    }

    /// A GET with a bearer token whose JSON answer is at most `limit` bytes; a 401 drops the
    /// cached token and tries once more.
    #[tracing::instrument(skip_all, fields(path = %path))]
    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
        limit: usize,
    ) -> Result<T, UpstreamError> {
        let url = format!("{}{path}", self.root);
        for attempt in 0..2 {
            let token = self.tokens.token().await.map_err(token_error)?;
            // The answer is read inside the breaker's watch: a malformed body counts too.
            let sent = self
                .api
                .guard(async {
                    let resp = upstream::send(self.api.policy(), true, gmail_mapper, || {
                        self.http
                            .get(&url)
                            .bearer_auth(token.expose_secret())
                            .query(query)
                    })
                    .await?;
                    json_capped::<T>(resp, limit).await
                })
                .await;
            match sent {
                Ok(answer) => return Ok(answer),
                Err(UpstreamError::Auth(m)) if attempt == 0 && m.starts_with(UNAUTHORIZED) => {
                    self.tokens.invalidate().await;
                }
                Err(e) => return Err(e),
            }
        }
        Err(UpstreamError::Auth("Gmail refused a fresh token".into()))
    }

    /// One page of `messages.list`.
    pub async fn list(
        &self,
        q: &str,
        max: u32,
        page_token: Option<&str>,
    ) -> Result<ListPage, UpstreamError> {
        let mut query = vec![("maxResults", max.to_string())];
        if !q.is_empty() {
            query.push(("q", q.to_string()));
        }
        if let Some(t) = page_token {
            query.push(("pageToken", t.to_string()));
        }
        self.get("/messages", &query, MAX_UPSTREAM_BODY).await
    }

    /// `messages.get` in `raw` format: the whole message, for `mail-parser` to read.
    pub async fn message(&self, id: &str) -> Result<RawMessage, UpstreamError> {
        let query = [("format", "raw".to_string())];
        self.get(&format!("/messages/{id}"), &query, MAX_RAW_BODY)
            .await
    }

    /// `messages.get` in `metadata` format with the headers a listing shows.
    pub async fn metadata(&self, id: &str) -> Result<WireMessage, UpstreamError> {
        let mut query = vec![("format", "metadata".to_string())];
        for h in ["From", "To", "Subject", "Date"] {
            query.push(("metadataHeaders", h.to_string()));
        }
        self.get(&format!("/messages/{id}"), &query, MAX_UPSTREAM_BODY)
            .await
    }

    /// `users.getProfile` (readiness).
    pub async fn profile(&self) -> Result<Profile, UpstreamError> {
        self.get("/profile", &[], MAX_UPSTREAM_BODY).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_403s_are_rate_limits_and_other_403s_auth_failures() {
        let body = |reason: &str| {
            format!(
                r#"{{"error":{{"code":403,"message":"m","errors":[{{"reason":"{reason}","domain":"usageLimits"}}]}}}}"#
            )
        };
        let quota = gmail_mapper(StatusCode::FORBIDDEN, &body("userRateLimitExceeded"), None);
        assert!(matches!(quota, UpstreamError::RateLimited { .. }));
        let denied = gmail_mapper(StatusCode::FORBIDDEN, &body("forbidden"), None);
        assert!(matches!(denied, UpstreamError::Auth(_)));
        let unauthorized = gmail_mapper(StatusCode::UNAUTHORIZED, "not json", None);
        assert!(matches!(unauthorized, UpstreamError::Auth(m) if m.starts_with(UNAUTHORIZED)));
    }

    #[test]
    fn a_raw_message_takes_padded_or_unpadded_base64url_and_nothing_else() {
        let parse = |raw: &str| {
            serde_json::from_str::<RawMessage>(&format!(r#"{{"id":"1","raw":"{raw}"}}"#))
                .map(|m| m.raw)
        };
        assert_eq!(parse("aGk_").unwrap(), b"hi?");
        assert_eq!(parse("aGk=").unwrap(), b"hi");
        assert_eq!(parse("aGk").unwrap(), b"hi");
        let err = parse("aGk/").unwrap_err().to_string();
        assert!(err.contains("raw is not base64url"), "{err}");
        assert!(serde_json::from_str::<RawMessage>(r#"{"id":"1"}"#).is_err());
    }
}
