//! `LlmSettings`: which model to call and how, from flat environment variables.

use secrecy::SecretString;
use serde::Deserialize;

/// Which provider serves the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    /// Gemma deployed to a Vertex AI endpoint (OpenAI-compatible chat completions route).
    Vertex,
    /// The Gemini API `generateContent` with an API key.
    Gemini,
    /// Any OpenAI-compatible server (Ollama, vLLM, llama.cpp).
    Openai,
    /// No model: callers use their deterministic built-in behaviour.
    #[default]
    Rules,
}

impl ProviderKind {
    /// The metrics/log label.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Vertex => "vertex",
            Self::Gemini => "gemini",
            Self::Openai => "openai",
            Self::Rules => "rules",
        }
    }
}

/// Everything the LLM layer reads from the environment (every variable is in `.env.example`).
///
/// One part of a binary's settings (`settings.llm`), read with
/// [`Env::part`](crate::config::Env::part) like every other part.
#[derive(Debug, Clone, Deserialize)]
pub struct LlmSettings {
    /// `LLM_PROVIDER`: `vertex`, `gemini`, `openai` or `rules` (the default: no model).
    #[serde(default)]
    pub llm_provider: ProviderKind,
    /// `LLM_MODEL`: the model id reported in answers and sent to Gemini/OpenAI servers.
    #[serde(default = "default_model")]
    pub llm_model: String,
    /// `VERTEX_PROJECT`: Google Cloud project that owns the endpoint (id or number).
    #[serde(default)]
    pub vertex_project: Option<String>,
    /// `VERTEX_LOCATION`: the endpoint's region.
    #[serde(default = "default_location")]
    pub vertex_location: String,
    /// `VERTEX_ENDPOINT_ID`: the numeric id of the endpoint Gemma is deployed to.
    #[serde(default)]
    pub vertex_endpoint_id: Option<String>,
    /// `VERTEX_BASE_URL`: overrides `https://{LOCATION}-aiplatform.googleapis.com`, e.g. a
    /// dedicated endpoint DNS (`https://{ID}.{REGION}-{NUMBER}.prediction.vertexai.goog`) or
    /// the sandbox.
    #[serde(default)]
    pub vertex_base_url: Option<String>,
    /// `VERTEX_API_VERSION`: `v1` (default) or `v1beta1`.
    #[serde(default = "default_api_version")]
    pub vertex_api_version: String,
    /// `GEMINI_API_KEY`: the Gemini API key (secret).
    #[serde(default)]
    pub gemini_api_key: Option<SecretString>,
    /// `GEMINI_BASE_URL`: overrides `https://generativelanguage.googleapis.com`.
    #[serde(default)]
    pub gemini_base_url: Option<String>,
    /// `OPENAI_BASE_URL`: an OpenAI-compatible base URL including `/v1`
    /// (e.g. `http://localhost:11434/v1` for Ollama).
    #[serde(default)]
    pub openai_base_url: Option<String>,
    /// `OPENAI_API_KEY`: optional bearer key for the OpenAI-compatible server (secret).
    #[serde(default)]
    pub openai_api_key: Option<SecretString>,
    /// `LLM_TIMEOUT_MS`: longest single HTTP attempt.
    #[serde(default = "default_timeout_ms")]
    pub llm_timeout_ms: u64,
    /// `LLM_MAX_ATTEMPTS`: attempts per call, the first included (429 and 5xx are retried).
    #[serde(default = "default_attempts")]
    pub llm_max_attempts: u32,
    /// `LLM_RETRY_BASE_MS`: first back-off between attempts; doubles each retry, with jitter.
    #[serde(default = "default_retry_base_ms")]
    pub llm_retry_base_ms: u64,
    /// `LLM_TEMPERATURE`: sampling temperature when a request does not set one.
    #[serde(default = "default_temperature")]
    pub llm_temperature: f32,
    /// `LLM_JSON_MODE`: ask the server for JSON output (`response_format` / `responseMimeType`)
    /// when a schema is given. Never sent to Gemma on the Gemini API, which rejects it.
    #[serde(default = "yes")]
    pub llm_json_mode: bool,
    /// `GCE_METADATA_HOST`: metadata server `host:port` for Vertex tokens (tests, sandbox).
    #[serde(default)]
    pub gce_metadata_host: Option<String>,
    /// `GOOGLE_APPLICATION_CREDENTIALS`: a service-account or authorized-user key file for
    /// Vertex tokens; when unset the metadata server is used.
    #[serde(default)]
    pub google_application_credentials: Option<String>,
    /// `LLM_MAX_CALLS_PER_MINUTE`: model calls this instance may make per minute; beyond it,
    /// answers use the built-in model and say so. Unset: no cap.
    #[serde(default)]
    pub llm_max_calls_per_minute: Option<u32>,
    /// `LLM_MAX_CALLS_PER_DAY`: model calls this instance may make per UTC day. Unset: no cap.
    #[serde(default)]
    pub llm_max_calls_per_day: Option<u32>,
    /// `PROMPTS_DIR`: the prompt files (default `prompts`, relative to the working directory;
    /// the container image sets `/app/prompts`). Read only when a model is configured.
    #[serde(default = "default_prompts_dir")]
    pub prompts_dir: std::path::PathBuf,
}

fn default_prompts_dir() -> std::path::PathBuf {
    "prompts".into()
}

impl LlmSettings {
    /// Where the prompt files are.
    pub fn prompts_dir(&self) -> std::path::PathBuf {
        self.prompts_dir.clone()
    }
}

fn default_model() -> String {
    "gemma-3-27b-it".into()
}
fn default_location() -> String {
    "us-central1".into()
}
fn default_api_version() -> String {
    "v1".into()
}
fn default_timeout_ms() -> u64 {
    30_000
}
fn default_attempts() -> u32 {
    3
}
fn default_retry_base_ms() -> u64 {
    200
}
fn default_temperature() -> f32 {
    0.2
}
fn yes() -> bool {
    true
}

impl Default for LlmSettings {
    /// The `rules` provider: no model.
    fn default() -> Self {
        Self {
            llm_provider: ProviderKind::Rules,
            llm_model: default_model(),
            vertex_project: None,
            vertex_location: default_location(),
            vertex_endpoint_id: None,
            vertex_base_url: None,
            vertex_api_version: default_api_version(),
            gemini_api_key: None,
            gemini_base_url: None,
            openai_base_url: None,
            openai_api_key: None,
            llm_timeout_ms: default_timeout_ms(),
            llm_max_attempts: default_attempts(),
            llm_retry_base_ms: default_retry_base_ms(),
            llm_temperature: default_temperature(),
            llm_json_mode: true,
            gce_metadata_host: None,
            google_application_credentials: None,
            prompts_dir: default_prompts_dir(),
            llm_max_calls_per_minute: None,
            llm_max_calls_per_day: None,
        }
    }
}
