//! Email triage: category, priority and confidence for one mail.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Effect, tool};
pub use crate::labels::{Category, Priority};

tool!(
    /// Classifies one email.
    ClassifyEmail: ClassifyEmail, Effect::Read, ClassifyInput => ClassifyOutput,
    "Classify one email: category (billing|sales|support|account|spam|other), priority (urgent|high|normal|low), confidence 0..1, the engine used (builtin|llm) and reasons. Set engine to \"llm\" to ask the LLM, or \"builtin\" to never ask it."
);

/// `classify_email` arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassifyInput {
    /// The sender, as in the `From` header (`Name <addr>` or a bare address).
    pub from: String,
    /// The subject (may be empty).
    #[serde(default)]
    pub subject: String,
    /// The plain-text body (may be empty; only the first 16 KB are read by the model).
    #[serde(default)]
    pub body: String,
    /// `auto` (default): the LLM only when the built-in model is unsure; `builtin`; `llm`.
    #[serde(default)]
    pub engine: EngineHint,
}

/// `classify_email` result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClassifyOutput {
    pub category: Category,
    pub priority: Priority,
    /// 0 to 1: the probability of `category` (built-in) or the model's own estimate (LLM).
    pub confidence: f64,
    /// Which engine produced this answer.
    pub engine: Engine,
    /// The model behind it: `builtin-logreg` or the LLM id.
    pub model: String,
    /// Why, in a few short phrases (including a fallback from the LLM, if any).
    pub reasons: Vec<String>,
}

/// Which engine produced the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    /// The built-in model and rules (no network).
    Builtin,
    /// The configured LLM.
    Llm,
}

/// What the caller would like to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EngineHint {
    /// The built-in model; the LLM only when its confidence is low (the default).
    #[default]
    Auto,
    /// Only the built-in model.
    Builtin,
    /// The LLM when one is configured (falls back to the built-in answer).
    Llm,
}
