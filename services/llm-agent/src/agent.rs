//! `process_email`: the model's decision passed through the action gate, or the rules when
//! there is no model or it fails.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use common::ToolError;
use common::llm::{Llm, LlmError, LlmRequest, Prompts, RULES_MODEL, Var};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Value, json};

use common::contract::llm_agent::{Dropped, ProcessOutput};

use crate::actions::{DroppedExt, Policy, action_schema, gate};
use crate::input::{Parsed, ProcessInput, clean, truncate};
use crate::rules;
use crate::settings::AgentSettings;

/// Longest summary kept.
const MAX_SUMMARY_CHARS: usize = 1_000;
/// Longest reply draft kept.
const MAX_REPLY_CHARS: usize = 3_000;
/// How much of a CRM or billing record the model sees.
const MAX_RECORD_BYTES: usize = 4 * 1024;
/// How much of the mail text the model sees.
const MAX_PROMPT_TEXT_BYTES: usize = 8 * 1024;

/// The model's answer as it may arrive: actions stay raw so that each one is judged alone.
#[derive(Debug, Deserialize, JsonSchema)]
struct Decision {
    summary: String,
    reply_draft: String,
    #[serde(default)]
    actions: Vec<Value>,
}

/// Everything `process_email` needs. Cheap to clone.
#[derive(Clone)]
pub struct Agent {
    llm: Option<(Llm, Arc<Prompts>)>,
    policy: Arc<Policy>,
    timeout: Duration,
}

impl Agent {
    pub fn new(llm: Option<(Llm, Prompts)>, settings: &AgentSettings) -> Self {
        Self {
            llm: llm.map(|(l, p)| (l, Arc::new(p))),
            policy: Arc::new(Policy {
                max_actions: settings.agent_max_actions,
                teams: settings.teams(),
                assignee_domains: settings.assignee_domains(),
                max_due_days: settings.agent_max_due_days,
            }),
            timeout: Duration::from_millis(settings.agent_llm_timeout_ms),
        }
    }

    /// The LLM id, when one is configured.
    pub fn llm_model(&self) -> Option<&str> {
        self.llm.as_ref().map(|(l, _)| l.model())
    }

    /// Decides what to do about one mail. Only malformed arguments are errors.
    #[tracing::instrument(skip_all, fields(category, priority))]
    pub async fn process(&self, input: ProcessInput) -> Result<ProcessOutput, ToolError> {
        let parsed = crate::input::parse(input)?;
        let span = tracing::Span::current();
        span.record("category", parsed.triage.category.as_str());
        span.record("priority", parsed.triage.priority.as_str());
        let Some((llm, prompts)) = &self.llm else {
            return Ok(self.by_rules(&parsed, None));
        };
        match self.ask_model(llm, prompts, &parsed).await {
            Ok(out) => Ok(out),
            Err(e) => {
                tracing::warn!(error = %e, "agent model failed; answering by rules");
                Ok(self.by_rules(&parsed, Some(format!("model failed ({})", e.outcome()))))
            }
        }
    }

    fn by_rules(&self, p: &Parsed, fallback: Option<String>) -> ProcessOutput {
        ProcessOutput {
            summary: rules::summary(p),
            reply_draft: rules::reply(p),
            actions: rules::actions(p, &self.policy, Utc::now()),
            model: RULES_MODEL.to_string(),
            dropped: Vec::new(),
            fallback,
        }
    }

    async fn ask_model(
        &self,
        llm: &Llm,
        prompts: &Prompts,
        p: &Parsed,
    ) -> Result<ProcessOutput, LlmError> {
        let m = &p.message;
        let message = json!({
            "id": m.id,
            "from": m.from,
            "subject": m.subject,
            "date": m.date,
            "text": truncate(&m.text, MAX_PROMPT_TEXT_BYTES),
            "truncated": m.truncated || m.text.len() > MAX_PROMPT_TEXT_BYTES,
        });
        // Only our parsed enums: no free text from the classifier reaches the model.
        let classification = json!({
            "category": p.triage.category.as_str(),
            "priority": p.triage.priority.as_str(),
        });
        let rendered = prompts
            .render(
                "agent",
                &[
                    ("message", Var::untrusted("email", pretty(&message))),
                    (
                        "classification",
                        Var::untrusted("classification", classification.to_string()),
                    ),
                    (
                        "contact",
                        Var::untrusted("crm contact", record(p.contact.as_ref())),
                    ),
                    (
                        "customer",
                        Var::untrusted("billing customer", record(p.customer.as_ref())),
                    ),
                ],
            )
            .map_err(|e| LlmError::NotConfigured(e.to_string()))?;
        let schema = json!({
            "type": "object",
            "required": ["summary", "reply_draft", "actions"],
            "properties": {
                "summary": {"type": "string", "maxLength": MAX_SUMMARY_CHARS},
                "reply_draft": {"type": "string", "maxLength": MAX_REPLY_CHARS},
                "actions": action_schema(&self.policy),
            }
        });
        let req = LlmRequest::from_rendered("agent", rendered)
            .with_schema(schema)
            .with_max_tokens(1_200)
            .with_deadline(self.timeout);
        let (decision, resp) = llm.complete_json::<Decision>(req).await?;
        let (actions, mut dropped) = gate(&decision.actions, p.triage, &self.policy, Utc::now());
        let summary = bounded(
            &decision.summary,
            MAX_SUMMARY_CHARS,
            "summary",
            &mut dropped,
        );
        let reply_draft = bounded(
            &decision.reply_draft,
            MAX_REPLY_CHARS,
            "reply_draft",
            &mut dropped,
        );
        let summary = if summary.is_empty() {
            rules::summary(p)
        } else {
            summary
        };
        if !dropped.is_empty() {
            tracing::warn!(
                dropped = dropped.len(),
                "model proposals dropped by the action gate"
            );
        }
        Ok(ProcessOutput {
            summary,
            reply_draft,
            actions,
            model: resp.model,
            dropped,
            fallback: None,
        })
    }
}

/// `text` cleaned and cut to `max` characters; a cut is reported.
fn bounded(text: &str, max: usize, field: &str, dropped: &mut Vec<Dropped>) -> String {
    let out = clean(text, max);
    if text.chars().count() > max {
        let mut d = Dropped::new(format!("{field}_truncated"));
        d.field = Some(field.to_string());
        dropped.push(d);
    }
    out
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

/// A CRM or billing record as the model sees it: JSON, bounded, or `unknown`.
fn record(v: Option<&Value>) -> String {
    match v {
        None => "unknown".to_string(),
        Some(v) => {
            let s = pretty(v);
            let cut = truncate(&s, MAX_RECORD_BYTES);
            if cut.len() < s.len() {
                format!("{cut}\n… (cut)")
            } else {
                s
            }
        }
    }
}
