//! Who plans and writes: the model when one is configured (with the rules provider as its
//! fallback at every step), else the rules provider alone.

use common::Email;

use super::catalog::Catalog;
use super::execute::ToolOutcome;
use super::model::Query;
use super::plan::Plan;
use super::rules;

/// The rules provider's name in responses and cache keys.
pub const RULES_MODEL: &str = "rules";
/// Changes whenever the rules planner or writer change meaningfully (part of cache keys).
const RULES_VERSION: &str = "rules-v1";
/// Confidence the rules writer claims when every planned source answered.
pub(crate) const RULES_CONFIDENCE: f64 = 0.6;

/// The answer text and who wrote it.
#[derive(Debug, Clone)]
pub struct Written {
    pub answer: String,
    /// The writer's own estimate (0..1), before weighting by sources that answered.
    pub estimate: f64,
    /// The model name, or `rules`.
    pub model: String,
}

/// Planner and writer.
pub struct Brain {
    model: Option<super::llm::ModelBrain>,
}

impl Brain {
    /// The rules provider only.
    pub fn rules() -> Self {
        Self { model: None }
    }

    /// The model, with the rules provider as its fallback.
    pub fn with_model(model: super::llm::ModelBrain) -> Self {
        Self { model: Some(model) }
    }

    /// The configured model's name, or `rules` (part of the cache key).
    pub fn model_name(&self) -> &str {
        self.model
            .as_ref()
            .map(|m| m.model())
            .unwrap_or(RULES_MODEL)
    }

    /// The prompt-set version (part of the cache key).
    pub fn prompt_hash(&self) -> &str {
        self.model
            .as_ref()
            .map(|m| m.prompt_hash())
            .unwrap_or(RULES_VERSION)
    }

    pub async fn plan(
        &self,
        query: &Query,
        email: &Email,
        catalog: &Catalog,
        max_calls: usize,
    ) -> Plan {
        match &self.model {
            Some(m) => m.plan(query, email, catalog, max_calls).await,
            None => rules::plan(query, catalog, email, max_calls),
        }
    }

    pub async fn write(&self, query: &Query, _plan: &Plan, outcomes: &[ToolOutcome]) -> Written {
        if let Some(m) = &self.model {
            return m.write(query, outcomes).await;
        }
        Written {
            answer: rules::write(outcomes),
            estimate: RULES_CONFIDENCE,
            model: RULES_MODEL.to_string(),
        }
    }
}
