//! Who may do what on the orchestrator: end users ask about their own data, staff about
//! anyone's (audited), operators run the pipeline; the OAuth protected-resource metadata
//! (RFC 9728) that tells MCP clients where tokens come from.

use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, web};
use common::Email;
use common::auth::{AuthError, AuthSettings, Authenticator, Principal, audit};
use common::config::ConfigError;
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::json;

/// The RFC 9728 metadata path.
pub const PROTECTED_RESOURCE_PATH: &str = "/.well-known/oauth-protected-resource";

/// Settings of the orchestrator's edge.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct AccessSettings {
    /// `PUBLIC_URL`: the orchestrator's public base URL (e.g. its Cloud Run URL). Names the
    /// MCP resource and the metadata URL in `WWW-Authenticate`; unset, they are taken from
    /// each request's host.
    #[serde(default)]
    pub public_url: Option<String>,
}

/// The orchestrator's access rules, built once at start-up.
#[derive(Clone)]
pub struct Access {
    pub authenticator: Arc<Authenticator>,
    /// Keys the hashes of customers' emails in audit records and erasure lookups.
    pub audit_key: SecretString,
    /// The end-user issuer (the authorization server MCP clients get tokens from).
    issuer: Option<String>,
    public_url: Option<String>,
}

impl Access {
    /// From settings; refuses to build an open orchestrator on Cloud Run unless
    /// `AUTH_DISABLED=true` is explicit (then it warns).
    pub fn from_settings(auth: &AuthSettings, edge: &AccessSettings) -> Result<Self, ConfigError> {
        if let Some(why) = auth.must_refuse_start(common::auth::on_cloud_run()) {
            return Err(ConfigError(why));
        }
        let authenticator = Authenticator::from_settings(auth)?;
        if authenticator.is_disabled() {
            tracing::warn!(
                "AUTH_DISABLED=true: every caller is treated as staff and operator; never expose this instance"
            );
        } else if !auth.is_configured() {
            tracing::warn!(
                "authentication is not configured: every request is refused (set FIREBASE_PROJECT_ID or AUTH_PROVIDER=oidc)"
            );
        }
        Ok(Self {
            authenticator: Arc::new(authenticator),
            audit_key: auth.audit_key(),
            issuer: auth.end_user_issuer()?.map(|i| i.issuer),
            public_url: edge
                .public_url
                .as_deref()
                .map(|u| u.trim_end_matches('/').to_string()),
        })
    }

    /// Lets everyone in (tests that are not about identity).
    pub fn disabled() -> Self {
        Self {
            authenticator: Arc::new(Authenticator::disabled()),
            audit_key: SecretString::from("disabled-auth-audit-key"),
            issuer: None,
            public_url: None,
        }
    }

    /// The metadata URL for `WWW-Authenticate`, when the public URL is known.
    pub fn resource_metadata_url(&self) -> Option<String> {
        self.public_url
            .as_ref()
            .map(|u| format!("{u}{PROTECTED_RESOURCE_PATH}"))
    }

    /// Whose data a question reads: the caller's own verified email when the request names
    /// none or names it; another customer's only for staff (audited, by keyed hash).
    pub fn scope_email(
        &self,
        caller: Option<&Principal>,
        requested: Option<&str>,
    ) -> Result<Email, Scope> {
        let requested = requested
            .map(|raw| Email::parse(raw).map_err(|e| Scope::Invalid(format!("`email`: {e}"))))
            .transpose()?;
        let caller = caller.ok_or(Scope::Refused(AuthError::Missing))?;
        let email = match (requested, &caller.email) {
            (Some(e), _) => e,
            (None, Some(own)) => own.clone(),
            (None, None) => {
                return Err(Scope::Invalid(
                    "`email` is required (the caller's token carries no verified email)".into(),
                ));
            }
        };
        if !caller.is_anonymous() {
            audit::authorize_read(caller, &email, &self.audit_key).map_err(Scope::Refused)?;
        }
        Ok(email)
    }

    /// `GET /.well-known/oauth-protected-resource`.
    fn metadata(&self, req: &HttpRequest) -> serde_json::Value {
        let base = self.public_url.clone().unwrap_or_else(|| {
            let info = req.connection_info();
            format!("{}://{}", info.scheme(), info.host())
        });
        json!({
            "resource": format!("{base}/mcp"),
            "authorization_servers": self.issuer.iter().collect::<Vec<_>>(),
            "bearer_methods_supported": ["header"],
            "resource_name": "MCP Orchestrator",
            "resource_documentation": format!("{base}/docs"),
        })
    }
}

/// Why a question's data scope was refused.
#[derive(Debug)]
pub enum Scope {
    /// Malformed input (answered as a validation failure).
    Invalid(String),
    /// An identity refusal (401/403).
    Refused(AuthError),
}

/// Routes: the protected-resource metadata.
pub fn configure(access: Access) -> impl Fn(&mut web::ServiceConfig) + Clone + Send + 'static {
    move |cfg: &mut web::ServiceConfig| {
        let access = access.clone();
        cfg.route(
            PROTECTED_RESOURCE_PATH,
            web::get().to(move |req: HttpRequest| {
                let body = access.metadata(&req);
                async move { HttpResponse::Ok().json(body) }
            }),
        );
    }
}
