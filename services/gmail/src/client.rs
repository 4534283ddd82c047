//! The Gmail API v1 client: one pooled HTTP client, cached OAuth tokens, bounded retries,
//! Google's error envelope mapped to typed errors.

use std::time::Duration;

use common::google_auth::{TokenProvider, TokenSource};
use common::upstream::{self, RetryPolicy, UpstreamError};
use reqwest::StatusCode;
use secrecy::ExposeSecret;
use serde::Deserialize;
use serde::de::DeserializeOwned;

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

/// `messages.get` (every format; absent fields default).
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
    pub size_estimate: Option<u64>,
    #[serde(default)]
    pub payload: Option<WirePart>,
}

/// One MIME part as Gmail returns it.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WirePart {
    #[serde(default)]
    pub part_id: String,
    #[serde(default)]
    pub mime_type: String,
    #[serde(default)]
    pub filename: String,
    #[serde(default)]
    pub headers: Vec<WireHeader>,
    #[serde(default)]
    pub body: WireBody,
    #[serde(default)]
    pub parts: Vec<WirePart>,
}

#[derive(Debug, Default, Deserialize)]
pub struct WireHeader {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub value: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WireBody {
    #[serde(default)]
    pub size: u64,
    /// base64url, padded or not.
    #[serde(default)]
    pub data: Option<String>,
    #[serde(default)]
    pub attachment_id: Option<String>,
}

impl WirePart {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }
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
    let env = serde_json::from_str::<Envelope>(body).ok();
    let reason = env
        .as_ref()
        .and_then(|e| e.error.errors.first())
        .map(|r| r.reason.as_str())
        .unwrap_or("");
    let message: String = match &env {
        Some(e) => e.error.message.chars().take(200).collect(),
        None => body.chars().take(200).collect(),
    };
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

/// A Gmail client for one mailbox (addressed as `me`: the token decides whose mail it is).
pub struct GmailClient {
    http: reqwest::Client,
    root: String,
    tokens: TokenProvider,
    policy: RetryPolicy,
}

impl GmailClient {
    pub fn new(base_url: &str, source: TokenSource, timeout: Duration) -> Self {
        let http = upstream::http_client(timeout);
        Self {
            root: format!("{}/gmail/v1/users/me", base_url.trim_end_matches('/')),
            tokens: TokenProvider::new(source, &[GMAIL_READONLY_SCOPE], http.clone()),
            http,
            policy: RetryPolicy::default(),
        }
    }

    /// A GET with a bearer token; a 401 drops the cached token and tries once more.
    #[tracing::instrument(skip_all, fields(path = %path))]
    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, UpstreamError> {
        let url = format!("{}{path}", self.root);
        for attempt in 0..2 {
            let token = self.tokens.token().await.map_err(token_error)?;
            let sent = upstream::send(&self.policy, true, gmail_mapper, || {
                self.http
                    .get(&url)
                    .bearer_auth(token.expose_secret())
                    .query(query)
            })
            .await;
            match sent {
                Ok(resp) => return upstream::json(resp).await,
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
        self.get("/messages", &query).await
    }

    /// `messages.get` in `full` format.
    pub async fn message(&self, id: &str) -> Result<WireMessage, UpstreamError> {
        self.get(&format!("/messages/{id}"), &[("format", "full".into())])
            .await
    }

    /// `messages.get` in `metadata` format with the headers a listing shows.
    pub async fn metadata(&self, id: &str) -> Result<WireMessage, UpstreamError> {
        let mut query = vec![("format", "metadata".to_string())];
        for h in ["From", "To", "Subject", "Date"] {
            query.push(("metadataHeaders", h.to_string()));
        }
        self.get(&format!("/messages/{id}"), &query).await
    }

    /// `users.getProfile` (readiness).
    pub async fn profile(&self) -> Result<Profile, UpstreamError> {
        self.get("/profile", &[]).await
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
}
