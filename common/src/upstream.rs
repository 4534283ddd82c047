//! Calling external APIs: one pooled client with timeouts, bounded retries with backoff and
//! jitter for what is safe to repeat, `Retry-After` honoured, and typed errors.

use std::time::{Duration, Instant};

use rand::Rng;
use reqwest::{RequestBuilder, Response, StatusCode};

use crate::error::ErrorCode;
use crate::kit::ToolError;

/// Builds the one pooled HTTP client a component keeps.
pub fn http_client(timeout: Duration) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(5).min(timeout))
        .pool_idle_timeout(Duration::from_secs(60))
        .user_agent(concat!("mcp-orchestrator/", env!("CARGO_PKG_VERSION")))
        .build()
        .expect("a reqwest client with static settings builds")
}

/// How often and how long to retry.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = no retry).
    pub max_attempts: u32,
    /// First back-off; doubles each attempt.
    pub base_delay: Duration,
    /// Longest single wait (also caps `Retry-After`).
    pub max_delay: Duration,
    /// No new attempt starts after this much time since the first.
    pub budget: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
            budget: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Exponential back-off with full jitter for retry number `retry` (0-based).
    pub fn backoff(&self, retry: u32) -> Duration {
        let exp = self
            .base_delay
            .saturating_mul(1u32 << retry.min(16))
            .min(self.max_delay);
        let jitter = rand::rng().random_range(0.5..=1.0);
        exp.mul_f64(jitter)
    }
}

/// A failed upstream call, typed so callers can blame correctly.
#[derive(Debug, Clone, thiserror::Error)]
pub enum UpstreamError {
    #[error("not found: {0}")]
    NotFound(String),
    #[error("upstream refused our credentials: {0}")]
    Auth(String),
    #[error("upstream rate limit reached")]
    RateLimited { retry_after: Option<Duration> },
    #[error("upstream unavailable: {0}")]
    Unavailable(String),
    #[error("upstream timed out")]
    Timeout,
    #[error("upstream answered with something unexpected: {0}")]
    InvalidResponse(String),
    /// A 4xx that means our request was wrong (a bug, or a value the upstream refuses).
    #[error("upstream rejected the request: {0}")]
    Rejected(String),
    #[error("not configured: {0}")]
    NotConfigured(String),
}

impl UpstreamError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Auth(_) => ErrorCode::UpstreamAuth,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Unavailable(_) => ErrorCode::UpstreamUnavailable,
            Self::Timeout => ErrorCode::Timeout,
            Self::InvalidResponse(_) => ErrorCode::InvalidResponse,
            Self::Rejected(_) => ErrorCode::InvalidArguments,
            Self::NotConfigured(_) => ErrorCode::NotConfigured,
        }
    }

    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::RateLimited { .. } | Self::Unavailable(_) | Self::Timeout
        )
    }

    /// Maps a transport failure.
    pub fn from_reqwest(e: &reqwest::Error) -> Self {
        if e.is_timeout() {
            Self::Timeout
        } else if e.is_decode() {
            Self::InvalidResponse(e.to_string())
        } else {
            // Connection refused, reset, DNS: the upstream is not there right now.
            Self::Unavailable(without_url(e))
        }
    }

    /// The default meaning of a non-success status. `message` is a short, secret-free summary.
    pub fn from_status(status: StatusCode, message: String, retry_after: Option<Duration>) -> Self {
        match status.as_u16() {
            401 | 403 => Self::Auth(message),
            404 => Self::NotFound(message),
            408 => Self::Timeout,
            429 => Self::RateLimited { retry_after },
            500..=599 => Self::Unavailable(format!("HTTP {}: {message}", status.as_u16())),
            _ => Self::Rejected(format!("HTTP {}: {message}", status.as_u16())),
        }
    }
}

impl From<UpstreamError> for ToolError {
    fn from(e: UpstreamError) -> Self {
        ToolError::new(e.code(), e.to_string())
    }
}

/// reqwest errors print the URL, which may carry query secrets: keep only the kind.
fn without_url(e: &reqwest::Error) -> String {
    let kind = if e.is_connect() {
        "connection failed"
    } else if e.is_request() {
        "request failed"
    } else if e.is_body() {
        "body error"
    } else {
        "transport error"
    };
    kind.to_string()
}

/// Parses `Retry-After` given in seconds (the HTTP-date form is rare in APIs we call).
pub fn retry_after(resp: &Response) -> Option<Duration> {
    resp.headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

/// What a non-success response means, decided by the caller's error-body parser.
pub type StatusMapper = fn(StatusCode, &str, Option<Duration>) -> UpstreamError;

/// The default mapper: status decides, the body's first 200 characters explain.
pub fn default_mapper(
    status: StatusCode,
    body: &str,
    retry_after: Option<Duration>,
) -> UpstreamError {
    let msg: String = body.chars().take(200).collect();
    UpstreamError::from_status(status, msg, retry_after)
}

/// Sends the request `build()` makes, retrying 429, 5xx, timeouts and connection failures
/// within `policy` when `idempotent`. Returns the successful (2xx) response.
///
/// `build` is called once per attempt (request builders cannot be reused).
pub async fn send(
    policy: &RetryPolicy,
    idempotent: bool,
    map: StatusMapper,
    build: impl Fn() -> RequestBuilder,
) -> Result<Response, UpstreamError> {
    let started = Instant::now();
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        let outcome = match build().send().await {
            Ok(resp) if resp.status().is_success() => return Ok(resp),
            Ok(resp) => {
                let status = resp.status();
                let ra = retry_after(&resp);
                let body = resp.text().await.unwrap_or_default();
                map(status, &body, ra)
            }
            Err(e) => UpstreamError::from_reqwest(&e),
        };
        let may_retry = outcome.is_retryable()
            && (idempotent || matches!(outcome, UpstreamError::RateLimited { .. }))
            && attempt < policy.max_attempts;
        if !may_retry {
            return Err(outcome);
        }
        let wait = match &outcome {
            UpstreamError::RateLimited {
                retry_after: Some(ra),
            } => (*ra).min(policy.max_delay),
            _ => policy.backoff(attempt - 1),
        };
        if started.elapsed() + wait > policy.budget {
            return Err(outcome);
        }
        tracing::debug!(attempt, wait_ms = wait.as_millis() as u64, error = %outcome, "retrying upstream call");
        tokio::time::sleep(wait).await;
    }
}

/// Reads a JSON body, mapping a malformed one to [`UpstreamError::InvalidResponse`].
pub async fn json<T: serde::de::DeserializeOwned>(resp: Response) -> Result<T, UpstreamError> {
    let bytes = resp
        .bytes()
        .await
        .map_err(|e| UpstreamError::from_reqwest(&e))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| UpstreamError::InvalidResponse(format!("malformed JSON body: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(400),
            budget: Duration::from_secs(10),
        };
        assert!(p.backoff(0) <= Duration::from_millis(100));
        assert!(p.backoff(0) >= Duration::from_millis(50));
        assert!(p.backoff(5) <= Duration::from_millis(400));
        assert!(p.backoff(5) >= Duration::from_millis(200));
    }

    #[test]
    fn statuses_map_to_codes() {
        let m = |s: u16| {
            UpstreamError::from_status(StatusCode::from_u16(s).unwrap(), "x".into(), None).code()
        };
        assert_eq!(m(401), ErrorCode::UpstreamAuth);
        assert_eq!(m(404), ErrorCode::NotFound);
        assert_eq!(m(429), ErrorCode::RateLimited);
        assert_eq!(m(503), ErrorCode::UpstreamUnavailable);
        assert_eq!(m(400), ErrorCode::InvalidArguments);
    }
}
