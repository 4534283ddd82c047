//! The gmail service's settings: one typed struct, loaded once from one read of the environment.

use common::config::{ConfigError, Env, ServerSettings};
use common::google_auth::TokenSource;
use common::upstream::UpstreamError;
use secrecy::SecretString;
use serde::Deserialize;

/// The scope the service asks for: reading mail, nothing else.
pub const GMAIL_READONLY_SCOPE: &str = "https://www.googleapis.com/auth/gmail.readonly";

fn default_base_url() -> String {
    "https://gmail.googleapis.com".into()
}
fn default_timeout() -> u64 {
    15_000
}
fn default_page_size() -> u32 {
    500
}
fn default_max_text() -> usize {
    32 * 1024
}
fn default_concurrency() -> usize {
    8
}

/// Everything the `gmail` service reads from the environment, in parts.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `PORT`, `HOST`, `LOG_FORMAT`, … shared by every binary.
    pub server: ServerSettings,
    /// `GMAIL_*`: the mailbox, its credentials and limits.
    pub gmail: GmailSettings,
    /// `SERVICE_AUTH_*`, `AUTH_DISABLED`: which callers' Google ID tokens are accepted.
    pub auth: common::auth::AuthSettings,
    /// `BREAKER_*`: when the Gmail API and the Google token endpoint are left alone for a while.
    pub breakers: common::breaker::BreakerSettings,
}

impl Settings {
    /// Reads `.env` and the environment once, and every part from that snapshot.
    pub fn load() -> Result<Self, ConfigError> {
        Self::from_env(&Env::load())
    }

    /// From explicit pairs (tests), as [`Settings::load`] does from the environment.
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, ConfigError> {
        Self::from_env(&Env::from_pairs(pairs))
    }

    fn from_env(env: &Env) -> Result<Self, ConfigError> {
        Ok(Self {
            server: env.part()?,
            gmail: env.part()?,
            auth: env.part()?,
            breakers: env.part()?,
        })
    }
}

/// Where the mailbox is and how to authenticate to it.
#[derive(Clone, Deserialize)]
pub struct GmailSettings {
    /// `GMAIL_USER`: the mailbox to read; the delegation subject when a service account is used.
    #[serde(default)]
    pub gmail_user: Option<String>,
    /// `GMAIL_BASE_URL`: the Gmail API root (`https://gmail.googleapis.com`; the sandbox locally).
    #[serde(default = "default_base_url")]
    pub gmail_base_url: String,
    /// `GMAIL_TOKEN_URL`: the OAuth token endpoint; overrides a key file's `token_uri`.
    #[serde(default)]
    pub gmail_token_url: Option<String>,
    /// `GMAIL_CREDENTIALS_FILE`: a service-account key (domain-wide delegation) or an
    /// `authorized_user` file for Gmail; falls back to `GOOGLE_APPLICATION_CREDENTIALS`.
    #[serde(default)]
    pub gmail_credentials_file: Option<String>,
    /// `GOOGLE_APPLICATION_CREDENTIALS`: the default key file when `GMAIL_CREDENTIALS_FILE` is unset.
    #[serde(default)]
    pub google_application_credentials: Option<String>,
    /// `GMAIL_CLIENT_ID`: OAuth client id for the refresh-token grant.
    #[serde(default)]
    pub gmail_client_id: Option<String>,
    /// `GMAIL_CLIENT_SECRET`: OAuth client secret for the refresh-token grant.
    #[serde(default)]
    pub gmail_client_secret: Option<SecretString>,
    /// `GMAIL_REFRESH_TOKEN`: a user's refresh token (takes precedence over a key file).
    #[serde(default)]
    pub gmail_refresh_token: Option<SecretString>,
    /// `GMAIL_TIMEOUT_MS`: per-request timeout towards Gmail and the token endpoint.
    #[serde(default = "default_timeout")]
    pub gmail_timeout_ms: u64,
    /// `GMAIL_PAGE_SIZE`: ids asked per `messages.list` page (1–500); listings follow pages.
    #[serde(default = "default_page_size")]
    pub gmail_page_size: u32,
    /// `GMAIL_MAX_TEXT_BYTES`: a message's `text` is cut at this size (and says `truncated`).
    #[serde(default = "default_max_text")]
    pub gmail_max_text_bytes: usize,
    /// `GMAIL_FETCH_CONCURRENCY`: parallel `messages.get` calls when listing.
    #[serde(default = "default_concurrency")]
    pub gmail_fetch_concurrency: usize,
}

impl std::fmt::Debug for GmailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GmailSettings")
            .field("gmail_user", &self.gmail_user.as_ref().map(|_| "set"))
            .field("gmail_base_url", &self.gmail_base_url)
            .field("gmail_token_url", &self.gmail_token_url)
            .field(
                "refresh_token",
                &self.gmail_refresh_token.as_ref().map(|_| "set"),
            )
            .finish_non_exhaustive()
    }
}

impl GmailSettings {
    /// Where tokens come from: the refresh token when `GMAIL_REFRESH_TOKEN` is set, else the key
    /// file. `Ok(None)` when nothing is configured (the service then answers `not_configured`).
    pub fn token_source(&self) -> Result<Option<TokenSource>, UpstreamError> {
        let missing = |v: &str| {
            UpstreamError::NotConfigured(format!("{v} is required with GMAIL_REFRESH_TOKEN"))
        };
        if let Some(refresh_token) = &self.gmail_refresh_token {
            return Ok(Some(TokenSource::AuthorizedUser {
                client_id: self
                    .gmail_client_id
                    .clone()
                    .ok_or_else(|| missing("GMAIL_CLIENT_ID"))?,
                client_secret: self
                    .gmail_client_secret
                    .clone()
                    .ok_or_else(|| missing("GMAIL_CLIENT_SECRET"))?,
                refresh_token: refresh_token.clone(),
                token_uri: self
                    .gmail_token_url
                    .clone()
                    .unwrap_or_else(|| "https://oauth2.googleapis.com/token".into()),
            }));
        }
        let Some(path) = self
            .gmail_credentials_file
            .as_ref()
            .or(self.google_application_credentials.as_ref())
        else {
            return Ok(None);
        };
        let source = TokenSource::from_file(path, self.gmail_user.clone())?;
        Ok(Some(match (source, &self.gmail_token_url) {
            (TokenSource::ServiceAccount { mut key, subject }, Some(url)) => {
                key.token_uri = Some(url.clone());
                TokenSource::ServiceAccount { key, subject }
            }
            (
                TokenSource::AuthorizedUser {
                    client_id,
                    client_secret,
                    refresh_token,
                    ..
                },
                Some(url),
            ) => TokenSource::AuthorizedUser {
                client_id,
                client_secret,
                refresh_token,
                token_uri: url.clone(),
            },
            (other, _) => other,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_comes_from_one_environment() {
        let s = Settings::from_pairs([("PORT", "9104"), ("GMAIL_PAGE_SIZE", "50")]).unwrap();
        assert_eq!(s.server.port, Some(9104));
        assert_eq!(s.gmail.gmail_page_size, 50);
        assert_eq!(s.gmail.gmail_base_url, "https://gmail.googleapis.com");
    }

    #[test]
    fn a_bad_value_names_the_variable() {
        let err = Settings::from_pairs([("GMAIL_TIMEOUT_MS", "soon")]).unwrap_err();
        assert!(err.to_string().contains("GMAIL_TIMEOUT_MS"), "{err}");
    }
}
