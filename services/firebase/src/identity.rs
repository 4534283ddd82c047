//! Firebase Auth users through the Identity Toolkit admin API (`accounts:lookup`), with a
//! Google OAuth token from the shared token provider.

use std::sync::Arc;

use chrono::{DateTime, SecondsFormat};
use common::Email;
use common::google_auth::TokenProvider;
use common::upstream::{self, Upstream, UpstreamError};
use reqwest::StatusCode;
use secrecy::ExposeSecret;
use serde::Deserialize;

use crate::domain::User;

#[derive(Deserialize)]
struct LookupResponse {
    /// Always present in real answers: a body without it is not a lookup answer.
    #[serde(rename = "kind")]
    _kind: String,
    /// Absent when nobody matched.
    #[serde(default)]
    users: Vec<RawUser>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawUser {
    local_id: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    email_verified: bool,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    disabled: bool,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    last_login_at: Option<String>,
    #[serde(default)]
    provider_user_info: Vec<RawProvider>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawProvider {
    provider_id: String,
}

/// Epoch milliseconds as a string (Identity Toolkit's date format) to RFC 3339.
fn millis_to_rfc3339(raw: Option<String>) -> Option<String> {
    let ms: i64 = raw?.parse().ok()?;
    DateTime::from_timestamp_millis(ms).map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true))
}

impl From<RawUser> for User {
    fn from(u: RawUser) -> Self {
        Self {
            uid: u.local_id,
            email: u.email.unwrap_or_default(),
            email_verified: u.email_verified,
            display_name: u.display_name.filter(|n| !n.is_empty()),
            disabled: u.disabled,
            created_at: millis_to_rfc3339(u.created_at),
            last_login_at: millis_to_rfc3339(u.last_login_at),
            providers: u
                .provider_user_info
                .into_iter()
                .map(|p| p.provider_id)
                .collect(),
        }
    }
}

#[derive(Deserialize)]
struct GoogleErrorBody {
    error: GoogleError,
}

#[derive(Deserialize)]
struct GoogleError {
    #[serde(default)]
    message: String,
}

/// Identity Toolkit errors: Google's envelope, with an upper-case reason as the message.
fn map_status(
    status: StatusCode,
    body: &str,
    retry_after: Option<std::time::Duration>,
) -> UpstreamError {
    let Ok(parsed) = serde_json::from_str::<GoogleErrorBody>(body) else {
        // Not Google's envelope: not Identity Toolkit answering (a wrong base URL).
        return upstream::default_mapper(status, body, retry_after);
    };
    // Identity Toolkit's messages are upper-case reason codes (`EMAIL_NOT_FOUND : …`);
    // callers get the code only.
    let message: String = parsed
        .error
        .message
        .split([' ', ':'])
        .next()
        .unwrap_or_default()
        .chars()
        .take(64)
        .collect();
    if status == StatusCode::BAD_REQUEST && message.starts_with("CONFIGURATION_NOT_FOUND") {
        return UpstreamError::NotConfigured(format!(
            "Identity Toolkit has no configuration for this project ({message})"
        ));
    }
    UpstreamError::from_status(status, message, retry_after)
}

/// The Identity Toolkit client: one pooled HTTP client, one token provider.
pub struct IdentityClient {
    http: reqwest::Client,
    lookup_url: String,
    tokens: Arc<TokenProvider>,
    /// The retry policy and the `identity-toolkit` circuit breaker.
    upstream: Upstream,
}

/// The name of Identity Toolkit's circuit breaker (errors, `/ready`, `/metrics`).
pub const BREAKER: &str = "identity-toolkit";

impl IdentityClient {
    pub fn new(
        http: reqwest::Client,
        base_url: &str,
        project: &str,
        tokens: Arc<TokenProvider>,
        upstream: Upstream,
    ) -> Self {
        Self {
            http,
            lookup_url: format!(
                "{}/v1/projects/{project}/accounts:lookup",
                base_url.trim_end_matches('/')
            ),
            tokens,
            upstream,
        }
    }

    /// The `identity-toolkit` circuit breaker.
    pub fn breaker(&self) -> Option<&Arc<common::breaker::Breaker>> {
        self.upstream.breaker()
    }

    /// The account with this email, if any. A lookup is a read, so it is retried on 429,
    /// 5xx and timeouts; a 401 drops the cached token and tries once more with a fresh one.
    #[tracing::instrument(skip_all, fields(upstream = "identity_toolkit"))]
    pub async fn lookup_by_email(&self, email: &Email) -> Result<Option<User>, UpstreamError> {
        match self.lookup_once(email).await {
            Err(UpstreamError::Auth(_)) => {
                tracing::info!("Identity Toolkit refused the token; fetching a new one");
                self.tokens.invalidate().await;
                self.lookup_once(email).await
            }
            other => other,
        }
    }

    async fn lookup_once(&self, email: &Email) -> Result<Option<User>, UpstreamError> {
        let token = self.tokens.token().await?;
        let body = serde_json::json!({ "email": [email.as_str()] });
        let answer: LookupResponse = self
            .upstream
            .json(true, map_status, || {
                self.http
                    .post(&self.lookup_url)
                    .bearer_auth(token.expose_secret())
                    .json(&body)
            })
            .await?;
        // Identity Toolkit matches emails case-insensitively; keep the exact account.
        Ok(answer
            .users
            .into_iter()
            .find(|u| {
                u.email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(email.as_str()))
            })
            .map(User::from))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_toolkit_dates_become_rfc3339() {
        assert_eq!(
            millis_to_rfc3339(Some("1672531200000".into())).as_deref(),
            Some("2023-01-01T00:00:00.000Z")
        );
        assert_eq!(millis_to_rfc3339(Some("soon".into())), None);
        assert_eq!(millis_to_rfc3339(None), None);
    }

    #[test]
    fn a_missing_project_configuration_is_not_configured() {
        let body = r#"{"error":{"code":400,"message":"CONFIGURATION_NOT_FOUND","status":"INVALID_ARGUMENT"}}"#;
        let e = map_status(StatusCode::BAD_REQUEST, body, None);
        assert!(matches!(e, UpstreamError::NotConfigured(_)), "{e:?}");
        let e = map_status(StatusCode::TOO_MANY_REQUESTS, body, None);
        assert!(matches!(e, UpstreamError::RateLimited { .. }), "{e:?}");
    }
}
