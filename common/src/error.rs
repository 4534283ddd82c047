//! The one error body every service answers with, and the typed error codes behind it.

use actix_web::{HttpResponse, ResponseError, http::StatusCode};
use serde::{Deserialize, Serialize};

/// Machine-readable error codes shared by every service, tool and client.
///
/// The string forms (`snake_case`) are part of the public contract: callers match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request or the tool arguments are malformed or out of bounds.
    InvalidArguments,
    /// The request body is not JSON, or not the JSON we expect.
    InvalidRequest,
    /// No tool of that name.
    UnknownTool,
    /// The thing asked for does not exist (not an outage).
    NotFound,
    /// The request lacks valid credentials.
    Unauthorized,
    /// The caller may not do this.
    Forbidden,
    /// The body is larger than the limit.
    PayloadTooLarge,
    /// The content type is not JSON.
    UnsupportedMediaType,
    /// Too many requests: from us to a caller, or from an upstream to us.
    RateLimited,
    /// An upstream API refused our credentials.
    UpstreamAuth,
    /// An upstream API or sibling service failed or could not be reached.
    UpstreamUnavailable,
    /// An upstream answered with something we could not understand.
    InvalidResponse,
    /// A deadline passed.
    Timeout,
    /// A conflicting concurrent change (precondition failed); retry with fresh data.
    Conflict,
    /// Not configured to do this.
    NotConfigured,
    /// A bug on our side. The message never carries internals.
    Internal,
}

impl ErrorCode {
    /// The wire form, e.g. `"invalid_arguments"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidArguments => "invalid_arguments",
            Self::InvalidRequest => "invalid_request",
            Self::UnknownTool => "unknown_tool",
            Self::NotFound => "not_found",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::RateLimited => "rate_limited",
            Self::UpstreamAuth => "upstream_auth",
            Self::UpstreamUnavailable => "upstream_unavailable",
            Self::InvalidResponse => "invalid_response",
            Self::Timeout => "timeout",
            Self::Conflict => "conflict",
            Self::NotConfigured => "not_configured",
            Self::Internal => "internal",
        }
    }

    /// The HTTP status this code maps to when it ends a request.
    pub fn http_status(self) -> StatusCode {
        match self {
            Self::InvalidArguments | Self::InvalidRequest => StatusCode::BAD_REQUEST,
            Self::UnknownTool | Self::NotFound => StatusCode::NOT_FOUND,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::Conflict => StatusCode::CONFLICT,
            Self::UpstreamAuth | Self::UpstreamUnavailable | Self::InvalidResponse => {
                StatusCode::BAD_GATEWAY
            }
            Self::Timeout => StatusCode::GATEWAY_TIMEOUT,
            Self::NotConfigured => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Whether repeating the same call later may succeed.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            Self::RateLimited | Self::UpstreamUnavailable | Self::Timeout | Self::Conflict
        )
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `{"code": "...", "message": "..."}`: the inner part of every error body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    pub message: String,
}

/// The single JSON error body: `{"error": {"code", "message"}, "request_id"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
    pub request_id: Option<String>,
}

/// An error that ends an HTTP request. Handlers return it; actix renders the one body.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidRequest, message)
    }

    pub fn internal() -> Self {
        Self::new(ErrorCode::Internal, "internal error")
    }

    /// The body, stamped with the current request id.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code,
                message: self.message.clone(),
            },
            request_id: crate::request_id::current(),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.code.http_status()
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code()).json(self.body())
    }
}
