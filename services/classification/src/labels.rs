//! The labels on the wire: categories, priorities and which engine answered.

pub use common::labels::{Category, Priority};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
