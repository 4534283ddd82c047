//! Planning and writing as skills of the LLM layer: the configured model (prompts
//! `planning.md` and `synthesis.md`, one repair when a reply does not parse or its plan is
//! unusable), else the rules provider in [`super::rules`]. The caller never sees a model error,
//! only `model: "rules"` on the answer.

use std::sync::Arc;
use std::time::Duration;

use common::Email;
use common::llm::{LlmRequest, PromptError, Prompts, Skill, Var};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use super::catalog::Catalog;
use super::execute::ToolOutcome;
use super::model::{Query, SourceStatus};
use super::plan::{self, ModelPlan, Plan, Planner};
use super::rules;

/// Tool results sent to the model are cut at this size (the model needs facts, not dumps).
const MAX_RESULTS_CHARS: usize = 24_000;

/// What a plan is made for.
pub struct PlanInput {
    pub query: Query,
    pub email: Email,
    pub catalog: Arc<Catalog>,
    pub max_calls: usize,
}

/// Which tools to call.
pub struct PlanSkill {
    pub timeout: Duration,
}

impl Skill for PlanSkill {
    type Input = PlanInput;
    type Reply = ModelPlan;
    type Output = Plan;
    const PURPOSE: &'static str = "plan";

    fn request(&self, i: &PlanInput, prompts: &Prompts) -> Result<LlmRequest, PromptError> {
        let rendered = prompts.render(
            "planning",
            &[
                ("catalog", Var::trusted(i.catalog.render_for_prompt())),
                ("query", Var::untrusted("user question", i.query.as_str())),
            ],
        )?;
        Ok(LlmRequest::from_rendered("plan", rendered)
            .with_deadline(self.timeout)
            .with_max_tokens(512)
            .with_temperature(0.0))
    }

    /// A plan whose every call is unusable is sent back once for repair; a plan with no
    /// calls at all is the model saying no data is needed, and is respected.
    fn accept(&self, i: &PlanInput, reply: ModelPlan) -> Result<Plan, String> {
        let (calls, problems) = plan::validate(&reply, &i.catalog, &i.email, i.max_calls);
        if calls.is_empty() && !problems.is_empty() {
            return Err(format!(
                "the plan could not be used: {}. Use only tools from the catalog, with arguments \
                 matching their schemas",
                problems.join("; ")
            ));
        }
        if !problems.is_empty() {
            tracing::info!(
                dropped = problems.len(),
                "parts of the model's plan were dropped"
            );
        }
        Ok(Plan {
            intent: reply.intent,
            calls,
            planner: Planner::Model,
        })
    }

    fn builtin(&self, i: &PlanInput) -> Plan {
        rules::plan(&i.query, &i.catalog, &i.email, i.max_calls)
    }
}

/// What an answer is written from.
pub struct WriteInput {
    pub query: Query,
    pub outcomes: Vec<ToolOutcome>,
}

/// The answer text and the writer's own confidence.
#[derive(Debug, Clone)]
pub struct Written {
    pub answer: String,
    /// The writer's own estimate (0..1), before weighting by sources that answered.
    pub estimate: f64,
}

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

/// One answer from the results.
pub struct WriteSkill {
    pub timeout: Duration,
}

impl Skill for WriteSkill {
    type Input = WriteInput;
    type Reply = Synthesis;
    type Output = Written;
    const PURPOSE: &'static str = "synthesize";

    fn request(&self, i: &WriteInput, prompts: &Prompts) -> Result<LlmRequest, PromptError> {
        let full = serde_json::to_string_pretty(&results_json(&i.outcomes)).unwrap_or_default();
        let results = if full.len() > MAX_RESULTS_CHARS {
            let cut = common::text::truncate_bytes(&full, MAX_RESULTS_CHARS);
            format!("{cut}\n…(truncated)")
        } else {
            full
        };
        let rendered = prompts.render(
            "synthesis",
            &[
                ("query", Var::untrusted("user question", i.query.as_str())),
                ("results", Var::untrusted("tool results", results)),
            ],
        )?;
        Ok(LlmRequest::from_rendered("synthesize", rendered)
            .with_deadline(self.timeout)
            .with_max_tokens(800))
    }

    fn accept(&self, _i: &WriteInput, reply: Synthesis) -> Result<Written, String> {
        let answer = reply.answer.trim();
        if answer.is_empty() {
            return Err("the answer is empty".into());
        }
        Ok(Written {
            answer: answer.to_string(),
            estimate: if reply.confidence.is_finite() {
                reply.confidence.clamp(0.0, 1.0)
            } else {
                0.5
            },
        })
    }

    fn builtin(&self, i: &WriteInput) -> Written {
        let w = rules::write(&i.query, &i.outcomes);
        Written {
            answer: w.answer,
            estimate: w.estimate,
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
