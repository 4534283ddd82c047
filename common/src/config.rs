//! Configuration: defaults in code → environment → a local `.env` (development only).
//!
//! Every binary has one typed settings struct, loaded once with [`load`]. Names are flat
//! `UPPER_SNAKE` environment variables; a bad value stops start-up with a message that names
//! the variable.

use serde::Deserialize;
use serde::de::DeserializeOwned;

/// Why configuration could not be loaded. The message names the variable.
#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(pub String);

/// Loads `T` from the environment (after reading `.env` if present).
///
/// Variables are matched case-insensitively against `T`'s field names, so the field
/// `chargebee_api_key` reads `CHARGEBEE_API_KEY`. Unrelated variables are ignored.
pub fn load<T: DeserializeOwned>() -> Result<T, ConfigError> {
    // A missing .env is normal; a malformed one is worth a warning, not a crash.
    if let Err(e) = dotenvy::dotenv()
        && !e.not_found()
    {
        eprintln!("warning: ignoring malformed .env file: {e}");
    }
    from_pairs(std::env::vars())
}

/// Loads `T` from explicit pairs: what [`load`] does after the environment is read. Tests use it.
pub fn from_pairs<T: DeserializeOwned>(
    pairs: impl IntoIterator<Item = (String, String)>,
) -> Result<T, ConfigError> {
    let map: std::collections::HashMap<String, String> = pairs
        .into_iter()
        // Empty values mean "unset", as in most deployment tools.
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.to_ascii_lowercase(), v))
        .collect();
    let source = config::Environment::default()
        .try_parsing(true)
        .source(Some(map));
    let cfg = config::Config::builder()
        .add_source(source)
        .build()
        .map_err(describe)?;
    cfg.try_deserialize::<T>().map_err(describe)
}

fn describe(e: config::ConfigError) -> ConfigError {
    match e {
        config::ConfigError::Type {
            key: Some(key),
            unexpected,
            expected,
            ..
        } => ConfigError(format!(
            "{}: expected {expected}, got {unexpected}",
            key.to_ascii_uppercase()
        )),
        config::ConfigError::Message(m) => ConfigError(upper_keys(&m)),
        other => ConfigError(upper_keys(&other.to_string())),
    }
}

/// serde messages name fields in backticks (`missing field `port``); show them as variables.
fn upper_keys(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut parts = msg.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        out.push('`');
        if i % 2 == 0 {
            out.push_str(&part.to_ascii_uppercase());
        } else {
            out.push_str(part);
        }
    }
    out
}

/// Splits a comma-separated list setting, dropping blanks.
pub fn split_list(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Log output shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One JSON object a line, shaped for Google Cloud Logging.
    Json,
    /// Readable lines for a terminal.
    #[default]
    Pretty,
}

/// Settings every binary shares: where to listen and how to behave at the HTTP edge.
#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    /// Listen port (`PORT`; Cloud Run sets it). `None` means the binary's conventional port.
    #[serde(default)]
    pub port: Option<u16>,
    /// Listen address (`HOST`). `0.0.0.0` for containers; `127.0.0.1` for local runs and tests.
    #[serde(default = "default_host")]
    pub host: String,
    /// `LOG_FORMAT`: `json` or `pretty`.
    #[serde(default)]
    pub log_format: LogFormat,
    /// `CORS_ALLOWED_ORIGINS`: comma-separated origins browsers may call from; unset allows
    /// no cross-origin access.
    #[serde(default)]
    pub cors_allowed_origins: Option<String>,
    /// `MAX_BODY_BYTES`: largest request body accepted.
    #[serde(default = "default_max_body")]
    pub max_body_bytes: usize,
    /// `MCP_ALLOWED_HOSTS`: `Host` values `/mcp` accepts (comma-separated), besides loopback.
    /// `*` disables the DNS-rebinding check (only behind a trusted proxy).
    #[serde(default)]
    pub mcp_allowed_hosts: Option<String>,
    /// `MCP_ALLOWED_ORIGINS`: browser origins `/mcp` accepts; unset accepts none but loopback.
    #[serde(default)]
    pub mcp_allowed_origins: Option<String>,
    /// `SHUTDOWN_TIMEOUT_SECS`: how long in-flight requests may drain after SIGTERM.
    #[serde(default = "default_shutdown")]
    pub shutdown_timeout_secs: u64,
    /// `HTTP_WORKERS`: actix workers; unset means one per core.
    #[serde(default)]
    pub http_workers: Option<usize>,
    /// `METRICS_PORT`: serve `/metrics` on this port only (not the main one), e.g. for a
    /// sidecar scraper. Unset: `/metrics` is on the main port, guarded as below.
    #[serde(default)]
    pub metrics_port: Option<u16>,
    /// `METRICS_TOKEN`: `/metrics` on the main port requires `Authorization: Bearer <it>`.
    /// Unset (and no `METRICS_PORT`): only loopback clients may read it.
    #[serde(default)]
    pub metrics_token: Option<secrecy::SecretString>,
}

fn default_host() -> String {
    "0.0.0.0".into()
}

fn default_max_body() -> usize {
    2 * 1024 * 1024
}

fn default_shutdown() -> u64 {
    10
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            port: None,
            host: default_host(),
            log_format: LogFormat::default(),
            cors_allowed_origins: None,
            max_body_bytes: default_max_body(),
            mcp_allowed_hosts: None,
            mcp_allowed_origins: None,
            shutdown_timeout_secs: default_shutdown(),
            http_workers: None,
            metrics_port: None,
            metrics_token: None,
        }
    }
}

impl ServerSettings {
    /// Settings for tests and benchmarks: loopback, an OS-chosen port, two workers.
    pub fn loopback() -> Self {
        Self {
            port: Some(0),
            host: "127.0.0.1".into(),
            http_workers: Some(2),
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let s: ServerSettings = from_pairs(pairs(&[])).unwrap();
        assert_eq!(s.port, None);
        assert_eq!(s.log_format, LogFormat::Pretty);
    }

    #[test]
    fn environment_names_map_to_fields() {
        let s: ServerSettings =
            from_pairs(pairs(&[("PORT", "9001"), ("LOG_FORMAT", "json")])).unwrap();
        assert_eq!(s.port, Some(9001));
        assert_eq!(s.log_format, LogFormat::Json);
    }

    #[test]
    fn a_bad_value_names_the_variable() {
        let err = from_pairs::<ServerSettings>(pairs(&[("PORT", "eighty")])).unwrap_err();
        assert!(err.to_string().contains("PORT"), "{err}");
        let err = from_pairs::<ServerSettings>(pairs(&[("LOG_FORMAT", "xml")])).unwrap_err();
        assert!(
            err.to_string().to_uppercase().contains("LOG_FORMAT")
                || err.to_string().contains("xml"),
            "{err}"
        );
    }

    #[test]
    fn lists_split_on_commas() {
        assert_eq!(split_list(" a, b ,,c"), vec!["a", "b", "c"]);
    }
}
