//! Which stand-in a request is for, decided by its path (clients are pointed here by base URL).

use actix_web::HttpResponse;

use crate::reply::{google_error, status_builder};
use serde::{Deserialize, Serialize};

/// The external APIs the sandbox stands in for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Upstream {
    Chargebee,
    Hubspot,
    IdentityToolkit,
    Gmail,
    /// Vertex AI endpoint (OpenAI-compatible chat completions, `:predict`).
    Vertex,
    /// Gemini API `generateContent`.
    Gemini,
    /// Any OpenAI-compatible server (`/v1/chat/completions`).
    Openai,
    /// The GCE metadata server.
    Metadata,
    /// Google's OAuth token endpoint.
    Oauth,
    /// One of our own services behind the sandbox's pass-through (`/__sandbox/proxy/…`).
    Proxy,
}

impl Upstream {
    /// Every upstream, for listings.
    pub const ALL: [Upstream; 10] = [
        Self::Chargebee,
        Self::Hubspot,
        Self::IdentityToolkit,
        Self::Gmail,
        Self::Vertex,
        Self::Gemini,
        Self::Openai,
        Self::Metadata,
        Self::Oauth,
        Self::Proxy,
    ];

    /// Classifies a request path; `None` for the admin API and unknown paths.
    pub fn from_path(path: &str) -> Option<Self> {
        if path.starts_with(crate::proxy::PREFIX) {
            Some(Self::Proxy)
        } else if path.starts_with("/api/v2/") {
            Some(Self::Chargebee)
        } else if path.starts_with("/crm/v3/") {
            Some(Self::Hubspot)
        } else if path.starts_with("/gmail/v1/") {
            Some(Self::Gmail)
        } else if path.starts_with("/computeMetadata/") {
            Some(Self::Metadata)
        } else if path == "/token" || path.starts_with("/oauth2/") {
            Some(Self::Oauth)
        } else if path.contains("/accounts:") {
            Some(Self::IdentityToolkit)
        } else if path.contains("/endpoints/") {
            Some(Self::Vertex)
        } else if path.starts_with("/v1beta/models/") || path.starts_with("/v1/models/") {
            Some(Self::Gemini)
        } else if path.starts_with("/v1/chat/completions") || path.starts_with("/v1/models") {
            Some(Self::Openai)
        } else {
            None
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Chargebee => "chargebee",
            Self::Hubspot => "hubspot",
            Self::IdentityToolkit => "identity_toolkit",
            Self::Gmail => "gmail",
            Self::Vertex => "vertex",
            Self::Gemini => "gemini",
            Self::Openai => "openai",
            Self::Metadata => "metadata",
            Self::Oauth => "oauth",
            Self::Proxy => "proxy",
        }
    }

    /// The provider's own error response for `status` (used by fault injection).
    pub fn error_response(self, status: u16) -> HttpResponse {
        match self {
            Self::Chargebee => crate::chargebee::error_response(status),
            Self::Hubspot => crate::hubspot::error_response(status),
            Self::IdentityToolkit | Self::Gmail | Self::Vertex | Self::Gemini => {
                google_error(status)
            }
            Self::Openai => crate::llm::openai_error_response(status),
            Self::Metadata | Self::Oauth => plain_error(status),
            Self::Proxy => crate::proxy::error_response(status),
        }
    }
}

fn plain_error(status: u16) -> HttpResponse {
    status_builder(status)
        .content_type("text/plain")
        .body(format!("sandbox injected status {status}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_upstreams() {
        assert_eq!(
            Upstream::from_path("/api/v2/customers"),
            Some(Upstream::Chargebee)
        );
        assert_eq!(
            Upstream::from_path("/crm/v3/objects/contacts/search"),
            Some(Upstream::Hubspot)
        );
        assert_eq!(
            Upstream::from_path("/v1/projects/p/accounts:lookup"),
            Some(Upstream::IdentityToolkit)
        );
        assert_eq!(
            Upstream::from_path(
                "/v1/projects/p/locations/us-central1/endpoints/123/chat/completions"
            ),
            Some(Upstream::Vertex)
        );
        assert_eq!(
            Upstream::from_path("/v1beta/models/gemma-3-27b-it:generateContent"),
            Some(Upstream::Gemini)
        );
        assert_eq!(
            Upstream::from_path("/v1/chat/completions"),
            Some(Upstream::Openai)
        );
        assert_eq!(Upstream::from_path("/__sandbox/requests"), None);
        assert_eq!(
            Upstream::from_path("/__sandbox/proxy/8101/mcp/call"),
            Some(Upstream::Proxy)
        );
    }
}
