//! [`AuthError`]: why a caller was refused, as the one error body plus `WWW-Authenticate`.

use actix_web::http::StatusCode;
use actix_web::http::header::WWW_AUTHENTICATE;
use actix_web::{HttpResponse, ResponseError};

use crate::error::{ApiError, ErrorCode};

/// The realm every challenge names.
pub const REALM: &str = "mcp-orchestrator";

/// Why authentication or authorisation failed.
///
/// Reasons are static strings: nothing from the token (claims, emails, the token itself) can
/// reach a response or a log line through this type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// No `Authorization: Bearer` credentials.
    #[error("missing bearer token")]
    Missing,
    /// Not a compact JWT (wrong shape, bad base64 or JSON, too long).
    #[error("malformed bearer token")]
    Malformed,
    /// A well-formed token that does not verify.
    #[error("invalid token: {0}")]
    Invalid(&'static str),
    /// The token's `exp` has passed.
    #[error("token expired")]
    Expired,
    /// A valid token whose holder may not do this.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// No signing keys were ever fetched, so no token can be checked.
    #[error("signing keys are unavailable")]
    KeysUnavailable,
    /// Authentication is required here but no issuer is configured.
    #[error("authentication is not configured")]
    NotConfigured,
}

impl AuthError {
    /// The shared error code.
    pub fn code(self) -> ErrorCode {
        match self {
            Self::Missing | Self::Malformed | Self::Invalid(_) | Self::Expired => {
                ErrorCode::Unauthorized
            }
            Self::Forbidden(_) => ErrorCode::Forbidden,
            Self::KeysUnavailable => ErrorCode::UpstreamUnavailable,
            Self::NotConfigured => ErrorCode::NotConfigured,
        }
    }

    /// Whether the same request may succeed later (the keys may come back).
    pub fn is_retryable(self) -> bool {
        self.code().is_retryable()
    }

    /// The `WWW-Authenticate` value for a 401 or 403 (RFC 6750), with the RFC 9728
    /// `resource_metadata` URL when given; `None` for failures that are not the caller's.
    pub fn www_authenticate(self, resource_metadata: Option<&str>) -> Option<String> {
        let error = match self {
            Self::Missing => None,
            Self::Malformed | Self::Invalid(_) | Self::Expired => Some("invalid_token"),
            Self::Forbidden(_) => Some("insufficient_scope"),
            Self::KeysUnavailable | Self::NotConfigured => return None,
        };
        let mut value = format!("Bearer realm=\"{REALM}\"");
        if let Some(error) = error {
            value.push_str(&format!(", error=\"{error}\""));
        }
        if let Self::Expired = self {
            value.push_str(", error_description=\"The access token expired\"");
        }
        if let Some(url) = resource_metadata {
            let url: String = url.chars().filter(|c| !matches!(c, '"' | '\\')).collect();
            value.push_str(&format!(", resource_metadata=\"{url}\""));
        }
        Some(value)
    }

    /// The response: the one JSON body, and the challenge where it applies.
    pub fn response(self, resource_metadata: Option<&str>) -> HttpResponse {
        let api = ApiError::from(self);
        let mut builder = HttpResponse::build(api.code.http_status());
        if let Some(challenge) = self.www_authenticate(resource_metadata) {
            builder.insert_header((WWW_AUTHENTICATE, challenge));
        }
        builder.json(api.body())
    }
}

impl From<AuthError> for ApiError {
    fn from(e: AuthError) -> Self {
        ApiError::new(e.code(), e.to_string())
    }
}

/// Lets handlers and extractors return an `AuthError` directly (without `resource_metadata`;
/// the [`super::require`] middleware adds it).
impl ResponseError for AuthError {
    fn status_code(&self) -> StatusCode {
        self.code().http_status()
    }

    fn error_response(&self) -> HttpResponse {
        self.response(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_map_to_401_403_and_an_outage() {
        assert_eq!(AuthError::Missing.code(), ErrorCode::Unauthorized);
        assert_eq!(AuthError::Expired.code(), ErrorCode::Unauthorized);
        assert_eq!(AuthError::Forbidden("x").code(), ErrorCode::Forbidden);
        assert_eq!(
            AuthError::KeysUnavailable.code(),
            ErrorCode::UpstreamUnavailable
        );
        assert!(AuthError::KeysUnavailable.is_retryable());
        assert!(!AuthError::Invalid("x").is_retryable());
    }

    #[test]
    fn challenges_follow_rfc_6750_and_9728() {
        assert_eq!(
            AuthError::Missing.www_authenticate(None).unwrap(),
            "Bearer realm=\"mcp-orchestrator\""
        );
        assert_eq!(
            AuthError::Invalid("bad signature")
                .www_authenticate(Some(
                    "https://o.example/.well-known/oauth-protected-resource"
                ))
                .unwrap(),
            "Bearer realm=\"mcp-orchestrator\", error=\"invalid_token\", \
             resource_metadata=\"https://o.example/.well-known/oauth-protected-resource\""
        );
        assert!(
            AuthError::Forbidden("x")
                .www_authenticate(None)
                .unwrap()
                .contains("insufficient_scope")
        );
        assert_eq!(AuthError::KeysUnavailable.www_authenticate(None), None);
        let quoted = AuthError::Missing
            .www_authenticate(Some("https://x\", error=\"y"))
            .unwrap();
        assert!(!quoted.contains("\"y\""), "{quoted}");
    }
}
