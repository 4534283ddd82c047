//! Skills: jobs a model does that also have a built-in answer (planning, writing an answer,
//! triage, the per-email agent). [`super::Llm::run`] is the one fallback chain: the
//! configured model (one repair when its reply does not parse or is refused), else the
//! built-in model, which is also what the `rules` provider always uses.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use super::{LlmError, LlmRequest, PromptError, Prompts};

/// A job for a model, with a deterministic built-in answer.
pub trait Skill: Send + Sync {
    /// What the job works on.
    type Input: Send + Sync;
    /// The JSON reply a model writes.
    type Reply: DeserializeOwned + JsonSchema + Send;
    /// What the caller gets, from the model's reply or the built-in model.
    type Output: Send;
    /// `plan`, `synthesize`, `classify`, `agent`: for logs and metrics.
    const PURPOSE: &'static str;

    /// The request a model is sent (untrusted text fenced by the prompt).
    fn request(&self, input: &Self::Input, prompts: &Prompts) -> Result<LlmRequest, PromptError>;

    /// Turns the model's reply into the output, or says what is wrong with it (the model is
    /// asked once to repair it, quoting this).
    fn accept(&self, input: &Self::Input, reply: Self::Reply) -> Result<Self::Output, String>;

    /// The built-in answer: without a model, and when the model fails.
    fn builtin(&self, input: &Self::Input) -> Self::Output;
}

/// What [`super::Llm::run`] produced.
#[derive(Debug, Clone)]
pub struct Ran<T> {
    pub output: T,
    /// The model id that answered, or [`super::RULES_MODEL`].
    pub model: String,
    /// Why the built-in model answered although a model is configured.
    pub fallback: Option<String>,
}

impl<T> Ran<T> {
    pub(crate) fn builtin(output: T, fallback: Option<String>) -> Self {
        Self {
            output,
            model: super::RULES_MODEL.to_string(),
            fallback,
        }
    }

    /// Whether the built-in model wrote it.
    pub fn is_builtin(&self) -> bool {
        self.model == super::RULES_MODEL
    }
}

/// Why the LLM layer could not be built at start-up.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Llm(#[from] LlmError),
    #[error(transparent)]
    Prompts(#[from] PromptError),
}

impl StartError {
    /// The shared error code.
    pub fn code(&self) -> crate::error::ErrorCode {
        match self {
            Self::Llm(e) => e.code(),
            Self::Prompts(_) => crate::error::ErrorCode::NotConfigured,
        }
    }
}

impl From<crate::upstream::UpstreamError> for StartError {
    fn from(e: crate::upstream::UpstreamError) -> Self {
        Self::Llm(e.into())
    }
}
