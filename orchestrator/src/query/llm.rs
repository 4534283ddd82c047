//! Planning and synthesis with the configured model (`prompts/planning.md`,
//! `prompts/synthesis.md`). Every failure falls back to the rules provider; the caller never
//! sees a model error, only `model: "rules"` on the answer.

use std::sync::Arc;
use std::time::Duration;

use common::Email;
use common::llm::{Llm, LlmRequest, Prompts, Var};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use super::brain::{RULES_MODEL, Written};
use super::catalog::Catalog;
use super::execute::ToolOutcome;
use super::model::{Query, SourceStatus};
use super::plan::{self, ModelPlan, Plan, Planner};
use super::rules;
use crate::metrics::QueryMetrics;

/// Tool results sent to the model are cut at this size (the model needs facts, not dumps).
const MAX_RESULTS_CHARS: usize = 24_000;

/// What the synthesis prompt asks the model for.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct Synthesis {
    /// The answer, written only from the tool results.
    pub answer: String,
    /// The model's confidence in the answer, 0 to 1.
    #[serde(default = "half")]
    pub confidence: f64,
}

fn half() -> f64 {
    0.5
}

/// The model side of the brain.
pub struct ModelBrain {
    llm: Llm,
    prompts: Arc<Prompts>,
    plan_timeout: Duration,
    synthesis_timeout: Duration,
    metrics: QueryMetrics,
}

impl ModelBrain {
    pub fn new(
        llm: Llm,
        prompts: Arc<Prompts>,
        plan_timeout: Duration,
        synthesis_timeout: Duration,
        metrics: QueryMetrics,
    ) -> Self {
        Self {
            llm,
            prompts,
            plan_timeout,
            synthesis_timeout,
            metrics,
        }
    }

    pub fn model(&self) -> &str {
        self.llm.model()
    }

    pub fn prompt_hash(&self) -> &str {
        self.prompts.hash()
    }

    async fn ask_plan(
        &self,
        query: &Query,
        catalog: &Catalog,
        correction: Option<&str>,
    ) -> Option<ModelPlan> {
        let rendered = self
            .prompts
            .render(
                "planning",
                &[
                    ("catalog", Var::trusted(catalog.render_for_prompt())),
                    ("query", Var::untrusted("user question", query.as_str())),
                ],
            )
            .map_err(|e| tracing::error!(error = %e, "planning prompt did not render"))
            .ok()?;
        let mut req = LlmRequest::from_rendered(
            if correction.is_some() {
                "repair"
            } else {
                "plan"
            },
            rendered,
        )
        .with_deadline(self.plan_timeout)
        .with_max_tokens(512)
        .with_temperature(0.0);
        if let Some(c) = correction {
            req.user.push_str("\n\n");
            req.user.push_str(c);
        }
        match self.llm.complete_json::<ModelPlan>(req).await {
            Ok((p, _)) => Some(p),
            Err(e) => {
                tracing::warn!(error = %e, "planning with the model failed; using the rules planner");
                None
            }
        }
    }

    /// Model plan → validation → one repair → rules.
    pub async fn plan(
        &self,
        query: &Query,
        email: &Email,
        catalog: &Catalog,
        max_calls: usize,
    ) -> Plan {
        let Some(first) = self.ask_plan(query, catalog, None).await else {
            self.metrics.planned_by("rules_fallback");
            return rules::plan(query, catalog, email, max_calls);
        };
        let (calls, problems) = plan::validate(&first, catalog, email, max_calls);
        if !calls.is_empty() {
            if !problems.is_empty() {
                tracing::info!(
                    dropped = problems.len(),
                    "parts of the model's plan were dropped"
                );
            }
            self.metrics.planned_by("model");
            return Plan {
                intent: first.intent,
                calls,
                planner: Planner::Model,
            };
        }
        if !problems.is_empty() {
            let correction = format!(
                "Your previous plan could not be used: {}. Use only tools from the catalog, with arguments matching their schemas.",
                problems.join("; ")
            );
            if let Some(second) = self.ask_plan(query, catalog, Some(&correction)).await {
                let (calls, _) = plan::validate(&second, catalog, email, max_calls);
                if !calls.is_empty() {
                    self.metrics.planned_by("model_repaired");
                    return Plan {
                        intent: second.intent,
                        calls,
                        planner: Planner::Model,
                    };
                }
            }
        }
        // No usable call (or the model chose none): the rules planner's safe set.
        self.metrics.planned_by("rules_fallback");
        rules::plan(query, catalog, email, max_calls)
    }

    /// Writes the answer from the results; the rules writer when nothing answered or the
    /// model fails (a model must not be asked to write an answer from no data).
    pub async fn write(&self, query: &Query, outcomes: &[ToolOutcome]) -> Written {
        let rules_answer = || Written {
            answer: rules::write(outcomes),
            estimate: super::brain::RULES_CONFIDENCE,
            model: RULES_MODEL.to_string(),
        };
        if !outcomes.iter().any(|o| o.status == SourceStatus::Ok) {
            return rules_answer();
        }
        let mut results = serde_json::to_string_pretty(&results_json(outcomes)).unwrap_or_default();
        if results.len() > MAX_RESULTS_CHARS {
            let mut cut = MAX_RESULTS_CHARS;
            while !results.is_char_boundary(cut) {
                cut -= 1;
            }
            results.truncate(cut);
            results.push_str("\n…(truncated)");
        }
        let rendered = match self.prompts.render(
            "synthesis",
            &[
                ("query", Var::untrusted("user question", query.as_str())),
                ("results", Var::untrusted("tool results", results)),
            ],
        ) {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(error = %e, "synthesis prompt did not render");
                return rules_answer();
            }
        };
        let req = LlmRequest::from_rendered("synthesize", rendered)
            .with_deadline(self.synthesis_timeout)
            .with_max_tokens(800);
        match self.llm.complete_json::<Synthesis>(req).await {
            Ok((s, resp)) if !s.answer.trim().is_empty() => Written {
                answer: s.answer.trim().to_string(),
                estimate: if s.confidence.is_finite() {
                    s.confidence.clamp(0.0, 1.0)
                } else {
                    0.5
                },
                model: resp.model,
            },
            Ok(_) => {
                tracing::warn!("the model wrote an empty answer; using the rules writer");
                rules_answer()
            }
            Err(e) => {
                tracing::warn!(error = %e, "synthesis with the model failed; using the rules writer");
                rules_answer()
            }
        }
    }
}

/// The results as the model sees them: what each source returned or why it did not.
fn results_json(outcomes: &[ToolOutcome]) -> Value {
    Value::Array(
        outcomes
            .iter()
            .map(|o| {
                let mut v = json!({"service": o.call.service(), "tool": o.call.tool});
                match o.status {
                    SourceStatus::Ok if o.not_found => {
                        v["result"] = json!("no record for this person")
                    }
                    SourceStatus::Ok => v["result"] = o.data.clone().unwrap_or(Value::Null),
                    SourceStatus::Error | SourceStatus::Timeout => {
                        v["failed"] =
                            json!(o.error.as_ref().map(|e| e.code.as_str()).unwrap_or("error"))
                    }
                }
                v
            })
            .collect(),
    )
}
