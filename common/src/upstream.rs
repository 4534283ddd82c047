//! Calling external APIs: one pooled client with timeouts, bounded retries with backoff and
//! jitter for what is safe to repeat, `Retry-After` honoured, and typed errors.

use std::future::Future;
use std::time::{Duration, Instant};

use rand::Rng;
use reqwest::{RequestBuilder, Response, StatusCode};

use crate::error::ErrorCode;
use crate::kit::ToolError;

mod guarded;
pub use guarded::Upstream;

/// The `User-Agent` of every outbound call.
pub const USER_AGENT: &str = concat!("mcp-orchestrator/", env!("CARGO_PKG_VERSION"));

/// Builds the one pooled HTTP client a component keeps.
pub fn http_client(timeout: Duration) -> reqwest::Client {
    crate::tls::client_builder()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(5).min(timeout))
        .pool_idle_timeout(Duration::from_secs(60))
        .user_agent(USER_AGENT)
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
    /// The upstream's endpoint itself is missing (a 404 without the API's own error body):
    /// a wrong base URL, not "no such record", so it must never read as an empty answer.
    #[error("upstream endpoint not found ({0}); check its base URL")]
    Misconfigured(String),
    /// Our circuit breaker for the upstream is open: the call was not made.
    #[error(transparent)]
    BreakerOpen(#[from] crate::breaker::Open),
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
            Self::Misconfigured(_) => ErrorCode::UpstreamUnavailable,
            Self::BreakerOpen(_) => ErrorCode::UpstreamUnavailable,
        }
    }

    /// Whether this failure says the upstream is down (unreachable, too slow, overloaded
    /// after our retries, or answering garbage) — what a circuit breaker counts. Answers
    /// that blame the request (not found, refused, bad credentials, a wrong base URL) do not.
    pub fn is_outage(&self) -> bool {
        match self {
            Self::Unavailable(_)
            | Self::Timeout
            | Self::RateLimited { .. }
            | Self::InvalidResponse(_) => true,
            Self::NotFound(_)
            | Self::Auth(_)
            | Self::Rejected(_)
            | Self::NotConfigured(_)
            | Self::Misconfigured(_)
            | Self::BreakerOpen(_) => false,
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

/// The default mapper, for answers without the API's own error body: the status decides,
/// except that a bare 404 means the endpoint is missing (a misconfigured base URL), not a
/// missing record. The body is logged (at debug, bounded) but never put in the error:
/// upstream text must not reach our callers or `/ready`.
pub fn default_mapper(
    status: StatusCode,
    body: &str,
    retry_after: Option<Duration>,
) -> UpstreamError {
    tracing::debug!(status = status.as_u16(), body = %body.chars().take(200).collect::<String>(), "upstream error body");
    if status == StatusCode::NOT_FOUND {
        return UpstreamError::Misconfigured("HTTP 404".into());
    }
    UpstreamError::from_status(status, reason(status), retry_after)
}

/// A status's standard reason phrase, as the message of an upstream failure.
pub fn reason(status: StatusCode) -> String {
    status
        .canonical_reason()
        .unwrap_or("unexpected status")
        .to_string()
}

/// An error that knows whether trying again may help.
pub trait Retryable {
    /// Whether another attempt may succeed.
    fn is_retryable(&self) -> bool;
    /// How long the other side asked us to wait (`Retry-After`), if it did.
    fn retry_after(&self) -> Option<Duration> {
        None
    }
}

impl Retryable for UpstreamError {
    fn is_retryable(&self) -> bool {
        UpstreamError::is_retryable(self)
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }
}

/// Runs `op` (given the 1-based attempt number) until it succeeds, fails with an error
/// `may_retry` refuses, or `policy` is spent (attempts or time budget). Waits back off
/// exponentially with jitter, or as long as the error asks (capped at `max_delay`).
///
/// This is the one retry loop of the product: upstream HTTP calls and calls between
/// services both go through it.
pub async fn retry_when<T, E, Fut>(
    policy: &RetryPolicy,
    mut op: impl FnMut(u32) -> Fut,
    may_retry: impl Fn(&E) -> bool,
) -> Result<T, E>
where
    E: Retryable + std::fmt::Display,
    Fut: Future<Output = Result<T, E>>,
{
    let started = Instant::now();
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        let error = match op(attempt).await {
            Ok(v) => return Ok(v),
            Err(e) => e,
        };
        if !may_retry(&error) || attempt >= policy.max_attempts {
            return Err(error);
        }
        let wait = match error.retry_after() {
            Some(ra) => ra.min(policy.max_delay),
            None => policy.backoff(attempt - 1),
        };
        if started.elapsed() + wait > policy.budget {
            return Err(error);
        }
        tracing::debug!(attempt, wait_ms = wait.as_millis() as u64, error = %error, "retrying");
        tokio::time::sleep(wait).await;
    }
}

/// [`retry_when`] for every retryable error.
pub async fn retry<T, E, Fut>(policy: &RetryPolicy, op: impl FnMut(u32) -> Fut) -> Result<T, E>
where
    E: Retryable + std::fmt::Display,
    Fut: Future<Output = Result<T, E>>,
{
    retry_when(policy, op, E::is_retryable).await
}

/// Sends the request `build()` makes, retrying 429, 5xx, timeouts and connection failures
/// within `policy` when `idempotent` (only 429 otherwise: the request was not processed).
/// Returns the successful (2xx) response.
///
/// `build` is called once per attempt (request builders cannot be reused).
pub async fn send(
    policy: &RetryPolicy,
    idempotent: bool,
    map: StatusMapper,
    build: impl Fn() -> RequestBuilder,
) -> Result<Response, UpstreamError> {
    retry_when(
        policy,
        |_| async {
            match build().send().await {
                Ok(resp) if resp.status().is_success() => Ok(resp),
                Ok(resp) => {
                    let status = resp.status();
                    let ra = retry_after(&resp);
                    let body = read_capped(resp, MAX_ERROR_BODY)
                        .await
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                        .unwrap_or_default();
                    Err(map(status, &body, ra))
                }
                Err(e) => Err(UpstreamError::from_reqwest(&e)),
            }
        },
        |e: &UpstreamError| {
            e.is_retryable() && (idempotent || matches!(e, UpstreamError::RateLimited { .. }))
        },
    )
    .await
}

/// Largest error body read to explain a failure.
const MAX_ERROR_BODY: usize = 64 * 1024;
/// Largest successful body read from an external API.
pub const MAX_UPSTREAM_BODY: usize = 32 * 1024 * 1024;

/// Why a body could not be read.
#[derive(Debug)]
pub enum BodyError<E = reqwest::Error> {
    /// Over the cap: the rest is not read.
    TooLarge,
    Transport(E),
}

/// Reads a response body, refusing one larger than `limit` bytes (by `Content-Length` up
/// front, or while streaming when the length is not announced).
pub async fn read_capped(mut resp: Response, limit: usize) -> Result<bytes::Bytes, BodyError> {
    if resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(BodyError::TooLarge);
    }
    let mut buf = bytes::BytesMut::new();
    while let Some(chunk) = resp.chunk().await.map_err(BodyError::Transport)? {
        if buf.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge);
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

/// [`read_capped`] for a hyper body (calls between our services): the same cap, checked the
/// same two ways. Each chunk is copied out at once, into a buffer sized by the announced
/// length: a chunk kept would pin hyper's read buffer, which then allocates another (the
/// pipeline bench's peak memory rose by 2 MiB at 10k messages when a one-chunk body was kept).
pub async fn read_capped_body<B>(
    mut body: B,
    limit: usize,
) -> Result<bytes::Bytes, BodyError<B::Error>>
where
    B: hyper::body::Body<Data = bytes::Bytes> + Unpin,
{
    use http_body_util::BodyExt;
    let announced = body.size_hint().exact();
    if announced.is_some_and(|n| n > limit as u64) {
        return Err(BodyError::TooLarge);
    }
    let mut buf = bytes::BytesMut::with_capacity(announced.unwrap_or(0) as usize);
    while let Some(frame) = body.frame().await {
        // Trailers are not part of the body.
        let Ok(chunk) = frame.map_err(BodyError::Transport)?.into_data() else {
            continue;
        };
        if buf.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge);
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

/// Reads a JSON body (at most [`MAX_UPSTREAM_BODY`]), mapping a malformed or oversized one
/// to [`UpstreamError::InvalidResponse`].
pub async fn json<T: serde::de::DeserializeOwned>(resp: Response) -> Result<T, UpstreamError> {
    let bytes = read_capped(resp, MAX_UPSTREAM_BODY)
        .await
        .map_err(|e| match e {
            BodyError::TooLarge => UpstreamError::InvalidResponse(format!(
                "response body over {MAX_UPSTREAM_BODY} bytes"
            )),
            BodyError::Transport(e) => UpstreamError::from_reqwest(&e),
        })?;
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
