//! [`AuthSettings`]: who may call, from flat environment variables, checked once at start-up.

use secrecy::SecretString;
use serde::Deserialize;

use crate::config::{ConfigError, split_list};
use crate::domain::Email;

/// Firebase ID token keys (JWKS) unless `AUTH_JWKS_URL` says otherwise.
pub const FIREBASE_JWKS_URL: &str =
    "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com";
/// Google's OIDC keys (ID tokens of service accounts, Cloud Scheduler, Pub/Sub push).
pub const GOOGLE_JWKS_URL: &str = "https://www.googleapis.com/oauth2/v3/certs";
/// The `iss` values Google ID tokens carry.
pub const GOOGLE_ISSUERS: [&str; 2] = ["https://accounts.google.com", "accounts.google.com"];
/// Largest accepted `AUTH_CLOCK_SKEW_SECS`.
const MAX_SKEW_SECS: u64 = 600;
/// Shortest accepted `AUTH_AUDIT_KEY`.
const MIN_AUDIT_KEY_LEN: usize = 16;

/// Which issuer signs end users' tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum AuthProvider {
    /// Firebase Authentication ID tokens (`https://securetoken.google.com/<project>`).
    #[default]
    Firebase,
    /// Any OpenID Connect issuer: `AUTH_ISSUER`, `AUTH_AUDIENCE` and `AUTH_JWKS_URL`.
    Oidc,
}

/// Authentication settings. Load with [`crate::config::load`] (or flatten into a binary's
/// settings) and call [`AuthSettings::validate`] before use.
#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    /// `AUTH_PROVIDER`: `firebase` (default) or `oidc`.
    #[serde(default)]
    pub auth_provider: AuthProvider,
    /// `FIREBASE_PROJECT_ID`: with `firebase`, the issuer is
    /// `https://securetoken.google.com/<project>` and the audience `<project>`.
    #[serde(default, deserialize_with = "optional_scalar")]
    pub firebase_project_id: Option<String>,
    /// `AUTH_ISSUER`: the `iss` of end users' tokens (`oidc` only).
    #[serde(default, deserialize_with = "optional_scalar")]
    pub auth_issuer: Option<String>,
    /// `AUTH_AUDIENCE`: the `aud` end users' tokens must carry (`oidc` only).
    #[serde(default, deserialize_with = "optional_scalar")]
    pub auth_audience: Option<String>,
    /// `AUTH_JWKS_URL`: the end-user issuer's keys (JWKS or Google's x509 PEM map). Required for
    /// `oidc`; for `firebase` it replaces [`FIREBASE_JWKS_URL`] (the sandbox stands in this way).
    #[serde(default, deserialize_with = "optional_scalar")]
    pub auth_jwks_url: Option<String>,
    /// `AUTH_STAFF_CLAIM`: the top-level claim that marks staff (default `staff`). Names are
    /// taken literally: `https://acme.com/roles` is one claim, not a path.
    #[serde(default = "default_staff_claim", deserialize_with = "scalar")]
    pub auth_staff_claim: String,
    /// `AUTH_STAFF_VALUE`: the value that claim must have, or an array must contain (default
    /// `true`; a JSON `true` matches `"true"`).
    #[serde(default = "default_claim_value", deserialize_with = "scalar")]
    pub auth_staff_value: String,
    /// `AUTH_OPERATOR_CLAIM`: the top-level claim that marks operators (default `operator`).
    #[serde(default = "default_operator_claim", deserialize_with = "scalar")]
    pub auth_operator_claim: String,
    /// `AUTH_OPERATOR_VALUE`: the value the operator claim must have or contain (default `true`).
    #[serde(default = "default_claim_value", deserialize_with = "scalar")]
    pub auth_operator_value: String,
    /// `AUTH_OPERATOR_SERVICE_ACCOUNTS`: comma-separated service-account emails whose Google ID
    /// tokens count as operator (Cloud Scheduler). Needs `AUTH_GOOGLE_AUDIENCE`.
    #[serde(default, deserialize_with = "optional_scalar")]
    pub auth_operator_service_accounts: Option<String>,
    /// `AUTH_GOOGLE_AUDIENCE`: the `aud` of those tokens: the orchestrator's own URL.
    #[serde(default, deserialize_with = "optional_scalar")]
    pub auth_google_audience: Option<String>,
    /// `GOOGLE_OIDC_JWKS_URL`: Google's ID-token keys (default [`GOOGLE_JWKS_URL`]).
    #[serde(default = "default_google_jwks_url")]
    pub google_oidc_jwks_url: String,
    /// `AUTH_DISABLED`: `true` lets every request in as an anonymous operator and staff member.
    /// Only for local runs and tests; the binary should log a warning.
    #[serde(default)]
    pub auth_disabled: bool,
    /// `AUTH_AUDIT_KEY`: key (16+ characters) of the keyed hash that stands for customer emails
    /// in audit records. Unset: a random key per process, so hashes do not correlate across
    /// restarts.
    #[serde(default)]
    pub auth_audit_key: Option<SecretString>,
    /// `AUTH_CLOCK_SKEW_SECS`: tolerance for `exp`, `nbf` and `iat` (default 60, at most 600).
    #[serde(default = "default_skew")]
    pub auth_clock_skew_secs: u64,
    /// `SERVICE_AUTH_AUDIENCE`: on a service, its own URL: the `aud` callers' ID tokens carry.
    #[serde(default, deserialize_with = "optional_scalar")]
    pub service_auth_audience: Option<String>,
    /// `SERVICE_AUTH_ALLOWED_INVOKERS`: comma-separated service accounts that may call this
    /// service. Service auth is on when both `SERVICE_AUTH_*` are set.
    #[serde(default, deserialize_with = "optional_scalar")]
    pub service_auth_allowed_invokers: Option<String>,
}

/// The config source types values (`true`, `42`); inside `#[serde(flatten)]` they reach
/// string fields as such, so string settings accept any scalar and keep its text.
fn scalar<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Text;
    impl serde::de::Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(Text)
}

fn optional_scalar<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    scalar(d).map(Some)
}

fn default_staff_claim() -> String {
    "staff".into()
}

fn default_operator_claim() -> String {
    "operator".into()
}

fn default_claim_value() -> String {
    "true".into()
}

fn default_google_jwks_url() -> String {
    GOOGLE_JWKS_URL.into()
}

fn default_skew() -> u64 {
    60
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            auth_provider: AuthProvider::default(),
            firebase_project_id: None,
            auth_issuer: None,
            auth_audience: None,
            auth_jwks_url: None,
            auth_staff_claim: default_staff_claim(),
            auth_staff_value: default_claim_value(),
            auth_operator_claim: default_operator_claim(),
            auth_operator_value: default_claim_value(),
            auth_operator_service_accounts: None,
            auth_google_audience: None,
            google_oidc_jwks_url: default_google_jwks_url(),
            auth_disabled: false,
            auth_audit_key: None,
            auth_clock_skew_secs: default_skew(),
            service_auth_audience: None,
            service_auth_allowed_invokers: None,
        }
    }
}

/// Where end users' tokens come from, as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerSettings {
    /// The `iss` tokens must carry.
    pub issuer: String,
    /// The `aud` tokens must carry (or contain).
    pub audience: String,
    /// Where the issuer's public keys are.
    pub jwks_url: String,
}

/// Whether a binary runs on Cloud Run (`K_SERVICE` is set there).
pub fn on_cloud_run() -> bool {
    std::env::var_os("K_SERVICE").is_some_and(|v| !v.is_empty())
}

fn error(message: impl Into<String>) -> ConfigError {
    ConfigError(message.into())
}

fn check_url(var: &str, value: &str) -> Result<(), ConfigError> {
    match url::Url::parse(value) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        _ => Err(error(format!("{var}: expected an http(s) URL"))),
    }
}

fn emails(var: &str, raw: Option<&str>) -> Result<Vec<Email>, ConfigError> {
    split_list(raw.unwrap_or_default())
        .iter()
        .map(|e| Email::parse(e).map_err(|why| error(format!("{var}: {why}"))))
        .collect()
}

impl AuthSettings {
    /// Checks that the settings make sense together; the error names the variable.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.end_user_issuer()?;
        self.operator_accounts()?;
        self.allowed_invokers()?;
        check_url("GOOGLE_OIDC_JWKS_URL", &self.google_oidc_jwks_url)?;
        if self.auth_clock_skew_secs > MAX_SKEW_SECS {
            return Err(error(format!(
                "AUTH_CLOCK_SKEW_SECS: at most {MAX_SKEW_SECS} seconds"
            )));
        }
        if let Some(key) = &self.auth_audit_key {
            use secrecy::ExposeSecret;
            if key.expose_secret().len() < MIN_AUDIT_KEY_LEN {
                return Err(error(format!(
                    "AUTH_AUDIT_KEY: at least {MIN_AUDIT_KEY_LEN} characters"
                )));
            }
        }
        for (var, value) in [
            ("AUTH_STAFF_CLAIM", &self.auth_staff_claim),
            ("AUTH_OPERATOR_CLAIM", &self.auth_operator_claim),
        ] {
            if value.trim().is_empty() {
                return Err(error(format!("{var}: must not be blank")));
            }
        }
        Ok(())
    }

    /// The end-user issuer, if configured; an error for a half-configured one.
    pub fn end_user_issuer(&self) -> Result<Option<IssuerSettings>, ConfigError> {
        let settings = match self.auth_provider {
            AuthProvider::Firebase => {
                for (var, set) in [
                    ("AUTH_ISSUER", &self.auth_issuer),
                    ("AUTH_AUDIENCE", &self.auth_audience),
                ] {
                    if set.is_some() {
                        return Err(error(format!(
                            "{var}: applies to AUTH_PROVIDER=oidc only (firebase derives it from FIREBASE_PROJECT_ID)"
                        )));
                    }
                }
                let Some(project) = self.firebase_project_id.as_deref() else {
                    if self.auth_jwks_url.is_some() {
                        return Err(error(
                            "FIREBASE_PROJECT_ID: required when AUTH_JWKS_URL is set",
                        ));
                    }
                    return Ok(None);
                };
                if project.is_empty()
                    || !project
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                {
                    return Err(error("FIREBASE_PROJECT_ID: letters, digits and '-' only"));
                }
                IssuerSettings {
                    issuer: format!("https://securetoken.google.com/{project}"),
                    audience: project.to_string(),
                    jwks_url: self
                        .auth_jwks_url
                        .clone()
                        .unwrap_or_else(|| FIREBASE_JWKS_URL.into()),
                }
            }
            AuthProvider::Oidc => {
                let need = |var: &str, v: &Option<String>| {
                    v.clone()
                        .ok_or_else(|| error(format!("{var}: required when AUTH_PROVIDER=oidc")))
                };
                IssuerSettings {
                    issuer: need("AUTH_ISSUER", &self.auth_issuer)?,
                    audience: need("AUTH_AUDIENCE", &self.auth_audience)?,
                    jwks_url: need("AUTH_JWKS_URL", &self.auth_jwks_url)?,
                }
            }
        };
        check_url("AUTH_JWKS_URL", &settings.jwks_url)?;
        Ok(Some(settings))
    }

    /// Service accounts whose Google ID tokens (audience `AUTH_GOOGLE_AUDIENCE`) are operators.
    pub fn operator_accounts(&self) -> Result<Vec<Email>, ConfigError> {
        let accounts = emails(
            "AUTH_OPERATOR_SERVICE_ACCOUNTS",
            self.auth_operator_service_accounts.as_deref(),
        )?;
        match (accounts.is_empty(), &self.auth_google_audience) {
            (false, None) => Err(error(
                "AUTH_GOOGLE_AUDIENCE: required with AUTH_OPERATOR_SERVICE_ACCOUNTS",
            )),
            (true, Some(_)) => Err(error(
                "AUTH_OPERATOR_SERVICE_ACCOUNTS: required with AUTH_GOOGLE_AUDIENCE",
            )),
            _ => Ok(accounts),
        }
    }

    /// Service accounts that may call this service; empty when service auth is off.
    pub fn allowed_invokers(&self) -> Result<Vec<Email>, ConfigError> {
        let invokers = emails(
            "SERVICE_AUTH_ALLOWED_INVOKERS",
            self.service_auth_allowed_invokers.as_deref(),
        )?;
        match (invokers.is_empty(), &self.service_auth_audience) {
            (false, None) => Err(error(
                "SERVICE_AUTH_AUDIENCE: required with SERVICE_AUTH_ALLOWED_INVOKERS",
            )),
            (true, Some(_)) => Err(error(
                "SERVICE_AUTH_ALLOWED_INVOKERS: required with SERVICE_AUTH_AUDIENCE",
            )),
            _ => Ok(invokers),
        }
    }

    /// Whether end-user, operator or service authentication is configured.
    pub fn is_configured(&self) -> bool {
        matches!(self.end_user_issuer(), Ok(Some(_)))
            || matches!(self.operator_accounts(), Ok(a) if !a.is_empty())
            || matches!(self.allowed_invokers(), Ok(i) if !i.is_empty())
    }

    /// Why a binary must not start: on Cloud Run with auth neither configured nor explicitly
    /// disabled. `None` means go ahead (log a warning yourself when `auth_disabled`).
    pub fn must_refuse_start(&self, on_cloud_run: bool) -> Option<String> {
        (on_cloud_run && !self.auth_disabled && !self.is_configured()).then(|| {
            "authentication is not configured on Cloud Run: set FIREBASE_PROJECT_ID (or \
             AUTH_PROVIDER=oidc with AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL), \
             AUTH_OPERATOR_SERVICE_ACCOUNTS with AUTH_GOOGLE_AUDIENCE, or SERVICE_AUTH_AUDIENCE \
             with SERVICE_AUTH_ALLOWED_INVOKERS; or AUTH_DISABLED=true to run open on purpose"
                .to_string()
        })
    }

    /// The audit key, or a random one for this process when `AUTH_AUDIT_KEY` is unset.
    pub fn audit_key(&self) -> SecretString {
        self.auth_audit_key.clone().unwrap_or_else(|| {
            static RANDOM: std::sync::LazyLock<SecretString> = std::sync::LazyLock::new(|| {
                use rand::Rng;
                let bytes: [u8; 32] = rand::rng().random();
                SecretString::from(crate::text::hex(&bytes))
            });
            RANDOM.clone()
        })
    }
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;
