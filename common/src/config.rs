//! Configuration: defaults in code → environment → a local `.env` (development only).
//!
//! Every binary has one typed `Settings` struct made of parts (the shared [`ServerSettings`],
//! `LlmSettings`, its own), each part a flat struct whose field names are the `UPPER_SNAKE`
//! variables it reads. The environment is read once into an [`Env`] and every part is
//! deserialized from that one snapshot:
//!
//! ```
//! use common::config::{ConfigError, Env, ServerSettings};
//!
//! #[derive(serde::Deserialize)]
//! struct Upstream {
//!     /// `UPSTREAM_URL`: where the upstream is.
//!     upstream_url: String,
//! }
//!
//! struct Settings {
//!     server: ServerSettings,
//!     upstream: Upstream,
//! }
//!
//! impl Settings {
//!     fn from_env(env: &Env) -> Result<Self, ConfigError> {
//!         Ok(Self { server: env.part()?, upstream: env.part()? })
//!     }
//! }
//!
//! let env = Env::from_pairs([("UPSTREAM_URL", "http://127.0.0.1:8200"), ("PORT", "9000")]);
//! let s = Settings::from_env(&env).unwrap();
//! assert_eq!((s.server.port, s.upstream.upstream_url.as_str()), (Some(9000), "http://127.0.0.1:8200"));
//! ```
//!
//! Parts are deserialized one by one rather than `#[serde(flatten)]`ed into one struct: the
//! `config` crate parses `12345` and `true` into typed values, and flatten's buffering then
//! refuses them for `String` fields (a numeric project or endpoint id would fail to load) and
//! drops the variable name from error messages. Deserialized directly, a part gets both right.
//! A bad value stops start-up with a message that names the variable.

use std::collections::HashMap;
use std::time::Duration;

use serde::Deserialize;
use serde::de::DeserializeOwned;

/// Why configuration could not be loaded. The message names the variable.
#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(pub String);

/// One read of the environment: what every part of a binary's settings is deserialized from.
///
/// Names are matched case-insensitively against the parts' field names, so the field
/// `chargebee_api_key` reads `CHARGEBEE_API_KEY`; unrelated variables are ignored; empty values
/// mean "unset", as in most deployment tools.
#[derive(Clone, Default)]
pub struct Env {
    /// Lower-cased names → non-empty values.
    vars: HashMap<String, String>,
}

impl Env {
    /// Reads `.env` (if present; a malformed one is a warning, not a crash), then the process
    /// environment, whose values win over the file's.
    pub fn load() -> Self {
        if let Err(e) = dotenvy::dotenv()
            && !e.not_found()
        {
            eprintln!("warning: ignoring malformed .env file: {e}");
        }
        Self::from_pairs(std::env::vars())
    }

    /// An environment of explicit pairs: what [`Env::load`] builds from the process's. Tests use it.
    pub fn from_pairs<K: AsRef<str>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let vars = pairs
            .into_iter()
            .map(|(k, v)| (k.as_ref().to_ascii_lowercase(), v.into()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        Self { vars }
    }

    /// Deserializes one part of the settings (defaults for what is unset).
    pub fn part<T: DeserializeOwned>(&self) -> Result<T, ConfigError> {
        let source = config::Environment::default()
            .try_parsing(true)
            .source(Some(self.vars.clone()));
        let cfg = config::Config::builder()
            .add_source(source)
            .build()
            .map_err(describe)?;
        cfg.try_deserialize::<T>().map_err(describe)
    }

    /// Whether `name` is set to a non-empty value (for defaults that depend on it).
    pub fn is_set(&self, name: &str) -> bool {
        self.vars.contains_key(&name.to_ascii_lowercase())
    }
}

/// Names only: values may be secrets.
impl std::fmt::Debug for Env {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<String> = self.vars.keys().map(|k| k.to_ascii_uppercase()).collect();
        names.sort();
        f.debug_struct("Env").field("set", &names).finish()
    }
}

/// One part from explicit pairs: `Env::from_pairs(pairs).part()`.
pub fn from_pairs<T: DeserializeOwned>(
    pairs: impl IntoIterator<Item = (String, String)>,
) -> Result<T, ConfigError> {
    Env::from_pairs(pairs).part()
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
    /// `MCP_DIRECT_CALLS`: answer a stateless `tools/call` in the plain shape (either era) before
    /// rmcp's transport (the same result, a fraction of the cost; see `kit::direct`). `false`
    /// sends every `/mcp` request through rmcp.
    #[serde(default = "default_true")]
    pub mcp_direct_calls: bool,
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
    /// `TOOL_FRESHNESS`: how long data tools' results stay fresh, overriding the contract's
    /// defaults (billing 60 s, CRM and profiles 5 min, mailbox 30 s), e.g.
    /// `list_invoices=30s,search_messages=10s`. Sent with each result as its cache hint.
    #[serde(default)]
    pub tool_freshness: Option<String>,
    /// `OTEL_EXPORTER_OTLP_ENDPOINT`: export traces over OTLP/HTTP to `{it}/v1/traces`
    /// (an OpenTelemetry Collector, or any OTLP receiver). Unset: no traces.
    #[serde(default)]
    pub otel_exporter_otlp_endpoint: Option<String>,
}

fn default_host() -> String {
    "0.0.0.0".into()
}

fn default_max_body() -> usize {
    2 * 1024 * 1024
}

fn default_true() -> bool {
    true
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
            mcp_direct_calls: true,
            shutdown_timeout_secs: default_shutdown(),
            http_workers: None,
            metrics_port: None,
            metrics_token: None,
            tool_freshness: None,
            otel_exporter_otlp_endpoint: None,
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

/// Parses `500ms`, `30s`, `5m`, `2h`, `1d` or bare seconds.
pub fn parse_duration(raw: &str) -> Result<Duration, String> {
    let s = raw.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{raw:?} is not a duration (e.g. 30s, 5m)"))?;
    let ms = match unit.trim() {
        "ms" => n,
        "" | "s" => n.saturating_mul(1000),
        "m" => n.saturating_mul(60_000),
        "h" => n.saturating_mul(3_600_000),
        "d" => n.saturating_mul(86_400_000),
        _ => return Err(format!("{raw:?} has an unknown unit (use ms, s, m, h, d)")),
    };
    Ok(Duration::from_millis(ms))
}

/// Parses `TOOL_FRESHNESS`: `tool=duration` pairs, comma-separated
/// (`list_invoices=30s,search_messages=10s`).
pub fn parse_freshness(raw: &str) -> Result<std::collections::BTreeMap<String, Duration>, String> {
    let mut out = std::collections::BTreeMap::new();
    for item in split_list(raw) {
        let (name, dur) = item
            .split_once('=')
            .ok_or_else(|| format!("{item:?} is not tool=duration"))?;
        out.insert(name.trim().to_string(), parse_duration(dur)?);
    }
    Ok(out)
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
        assert!(
            from_pairs::<ServerSettings>(pairs(&[]))
                .unwrap()
                .mcp_direct_calls
        );
        let off: ServerSettings = from_pairs(pairs(&[("MCP_DIRECT_CALLS", "false")])).unwrap();
        assert!(!off.mcp_direct_calls);
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
    fn numbers_and_booleans_stay_text_where_a_part_wants_text() {
        #[derive(Deserialize)]
        struct Part {
            vertex_endpoint_id: String,
            auth_staff_value: String,
        }
        let env = Env::from_pairs([
            ("VERTEX_ENDPOINT_ID", "1234567890"),
            ("AUTH_STAFF_VALUE", "true"),
        ]);
        let p: Part = env.part().unwrap();
        assert_eq!(p.vertex_endpoint_id, "1234567890");
        assert_eq!(p.auth_staff_value, "true");
    }

    #[test]
    fn every_part_reads_the_same_snapshot_and_blank_means_unset() {
        let env = Env::from_pairs([("PORT", "9001"), ("HOST", "")]);
        let a: ServerSettings = env.part().unwrap();
        let b: ServerSettings = env.part().unwrap();
        assert_eq!((a.port, b.port), (Some(9001), Some(9001)));
        assert_eq!(a.host, "0.0.0.0");
        assert!(env.is_set("port") && !env.is_set("HOST"));
    }

    #[test]
    fn debug_shows_names_never_values() {
        let env = Env::from_pairs([("HUBSPOT_TOKEN", "pat-secret")]);
        let shown = format!("{env:?}");
        assert!(
            shown.contains("HUBSPOT_TOKEN") && !shown.contains("pat-secret"),
            "{shown}"
        );
    }

    #[test]
    fn lists_split_on_commas() {
        assert_eq!(split_list(" a, b ,,c"), vec!["a", "b", "c"]);
    }
}
