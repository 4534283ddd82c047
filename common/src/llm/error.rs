//! `LlmError`: every way a model call can fail, typed so callers can fall back correctly.

use crate::error::ErrorCode;
use crate::upstream::UpstreamError;

/// A failed LLM call. Messages never contain prompt text or secrets.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LlmError {
    /// The call's deadline passed (retries included).
    #[error("the model did not answer before the deadline")]
    Timeout,
    /// The provider kept answering 429 until attempts or time ran out.
    #[error("the model provider rate-limited us")]
    RateLimited,
    /// 5xx or connection failures until attempts or time ran out.
    #[error("the model provider is unavailable: {0}")]
    Unavailable(String),
    /// The provider refused our credentials (or none could be obtained).
    #[error("the model provider refused our credentials: {0}")]
    Auth(String),
    /// The provider refused the request (a 4xx other than 401/403/429): not retried.
    #[error("the model provider rejected the request: {0}")]
    Rejected(String),
    /// The model stopped for a safety/blocklist reason (`SAFETY`, `content_filter`, …).
    #[error("the model's answer was blocked ({reason})")]
    Blocked { reason: String },
    /// The provider's HTTP body was not the documented shape.
    #[error("the model provider answered with an unexpected body: {0}")]
    InvalidResponse(String),
    /// The model's text is not the JSON we asked for, even after one repair request.
    #[error("the model's output is invalid: {message}")]
    InvalidOutput {
        /// Why (a JSON parse or shape error).
        message: String,
        /// The start of the last reply, for logs at debug level.
        excerpt: String,
    },
    /// The provider is not configured (a missing setting; the message names it).
    #[error("the LLM is not configured: {0}")]
    NotConfigured(String),
    /// The spend cap is reached (the setting that caps it).
    #[error("the model call budget is spent ({0})")]
    BudgetExhausted(&'static str),
}

impl LlmError {
    /// The shared error code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Timeout => ErrorCode::Timeout,
            Self::RateLimited => ErrorCode::RateLimited,
            Self::Unavailable(_) => ErrorCode::UpstreamUnavailable,
            Self::Auth(_) => ErrorCode::UpstreamAuth,
            Self::Rejected(_) => ErrorCode::InvalidArguments,
            Self::Blocked { .. } | Self::InvalidResponse(_) | Self::InvalidOutput { .. } => {
                ErrorCode::InvalidResponse
            }
            Self::NotConfigured(_) => ErrorCode::NotConfigured,
            Self::BudgetExhausted(_) => ErrorCode::RateLimited,
        }
    }

    /// The `outcome` label in metrics and logs.
    pub fn outcome(&self) -> &'static str {
        match self {
            Self::Timeout => "timeout",
            Self::RateLimited => "rate_limited",
            Self::Unavailable(_) => "unavailable",
            Self::Auth(_) => "auth",
            Self::Rejected(_) => "rejected",
            Self::Blocked { .. } => "blocked",
            Self::InvalidResponse(_) => "invalid_response",
            Self::InvalidOutput { .. } => "invalid_output",
            Self::NotConfigured(_) => "not_configured",
            Self::BudgetExhausted(_) => "budget_exhausted",
        }
    }

    /// Whether trying again later may help.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::Timeout | Self::RateLimited | Self::Unavailable(_)
        )
    }
}

impl From<UpstreamError> for LlmError {
    fn from(e: UpstreamError) -> Self {
        match e {
            UpstreamError::Timeout => Self::Timeout,
            UpstreamError::RateLimited { .. } => Self::RateLimited,
            UpstreamError::Unavailable(m) => Self::Unavailable(m),
            UpstreamError::Auth(m) => Self::Auth(m),
            UpstreamError::NotFound(m) => Self::Rejected(format!("not found: {m}")),
            UpstreamError::Rejected(m) => Self::Rejected(m),
            UpstreamError::InvalidResponse(m) => Self::InvalidResponse(m),
            UpstreamError::NotConfigured(m) => Self::NotConfigured(m),
            UpstreamError::Misconfigured(m) => Self::NotConfigured(format!(
                "the model endpoint was not found ({m}); check its base URL"
            )),
            UpstreamError::BreakerOpen(open) => Self::Unavailable(open.to_string()),
        }
    }
}

impl From<LlmError> for crate::kit::ToolError {
    fn from(e: LlmError) -> Self {
        crate::kit::ToolError::new(e.code(), e.to_string())
    }
}
