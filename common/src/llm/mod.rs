//! The LLM layer: one interface over Gemma on Vertex AI, the Gemini API and OpenAI-compatible
//! servers, plus "rules" (no model: every [`Skill`] answers with its built-in model).
//!
//! - [`Llm::complete`]: text in, text out, with retries on 429/5xx, a per-call deadline, typed
//!   errors (blocked output included), an info log line and metrics per call;
//! - [`Llm::complete_json`]: JSON extracted from fences or prose, checked against the
//!   expected type, one repair request quoting the error, then [`LlmError::InvalidOutput`];
//! - [`Prompts`]: the prompt files in `prompts/`, checked at start-up, rendered with untrusted
//!   text fenced so it cannot pass for instructions.
//!
//! ```no_run
//! # async fn demo(settings: common::llm::LlmSettings, registry: common::metrics::MetricsRegistry)
//! #     -> Result<(), Box<dyn std::error::Error>> {
//! use common::llm::{Llm, LlmRequest, PromptError, Prompts, Skill, Var};
//!
//! #[derive(serde::Deserialize, schemars::JsonSchema)]
//! struct Triage { category: String }
//!
//! struct Classify;
//! impl Skill for Classify {
//!     type Input = String;
//!     type Reply = Triage;
//!     type Output = String;
//!     const PURPOSE: &'static str = "classify";
//!     fn request(&self, mail: &String, p: &Prompts) -> Result<LlmRequest, PromptError> {
//!         let r = p.render("classification", &[("email", Var::untrusted("email", mail.as_str()))])?;
//!         Ok(LlmRequest::from_rendered("classify", r).with_max_tokens(256))
//!     }
//!     fn accept(&self, _: &String, t: Triage) -> Result<String, String> { Ok(t.category) }
//!     fn builtin(&self, _: &String) -> String { "other".into() }
//! }
//!
//! let llm = Llm::from_settings(&settings, Default::default(), &registry)?; // a bad prompt file stops start-up
//! let ran = llm.run(&Classify, &"Hi…".to_string()).await;
//! println!("{} via {}", ran.output, ran.model);
//! # Ok(()) }
//! ```
//!
//! Build one [`Llm`] per process and registry (it registers its metrics there); clone it freely.

mod budget;
mod client;
mod error;
mod json;
mod metrics;
mod prompts;
mod providers;
mod settings;
mod skill;

use std::time::Duration;

pub use client::Llm;
pub use error::LlmError;
pub use json::{extract_json, parse_reply};
pub use prompts::{PromptError, Prompts, Rendered, Var};
pub use settings::{LlmSettings, ProviderKind};
pub use skill::{Ran, Skill, StartError};

/// The model id results report when no model was used.
pub const RULES_MODEL: &str = "rules";

/// One model call.
#[derive(Debug, Clone)]
pub struct LlmRequest {
    /// Instructions (sent as the system turn, or prepended to the user turn where a model
    /// accepts no system instruction).
    pub system: String,
    /// The user turn (untrusted parts already fenced by [`Prompts::render`]).
    pub user: String,
    /// The JSON Schema the reply must match; `complete_json` fills it from the target type
    /// when `None`.
    pub json_schema: Option<serde_json::Value>,
    /// Overrides `LLM_TEMPERATURE`.
    pub temperature: Option<f32>,
    /// Upper bound on generated tokens.
    pub max_tokens: u32,
    /// The whole call (retries included) must finish within this.
    pub deadline: Duration,
    /// Metrics/log label: `plan`, `synthesize`, `classify`, `agent`, `repair`.
    pub purpose: &'static str,
}

impl LlmRequest {
    /// A request with defaults: 1,024 tokens, 30 s deadline, the configured temperature.
    pub fn new(purpose: &'static str, system: impl Into<String>, user: impl Into<String>) -> Self {
        Self {
            system: system.into(),
            user: user.into(),
            json_schema: None,
            temperature: None,
            max_tokens: 1024,
            deadline: Duration::from_secs(30),
            purpose,
        }
    }

    /// A request from a rendered prompt.
    pub fn from_rendered(purpose: &'static str, rendered: Rendered) -> Self {
        Self::new(purpose, rendered.system, rendered.user)
    }

    pub fn with_max_tokens(mut self, max_tokens: u32) -> Self {
        self.max_tokens = max_tokens;
        self
    }

    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    pub fn with_temperature(mut self, temperature: f32) -> Self {
        self.temperature = Some(temperature);
        self
    }

    pub fn with_schema(mut self, schema: serde_json::Value) -> Self {
        self.json_schema = Some(schema);
        self
    }
}

/// What the model said.
#[derive(Debug, Clone)]
pub struct LlmResponse {
    /// The generated text (possibly empty).
    pub text: String,
    pub prompt_tokens: u32,
    pub completion_tokens: u32,
    /// Wall time of the call, retries included.
    pub latency: Duration,
    /// The configured model id (`LLM_MODEL`), as answers report it.
    pub model: String,
}
