//! `process_email`: the model's decision passed through the action gate, or the rules when
//! there is no model or it fails.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use common::ToolError;
use common::llm::{Llm, LlmRequest, PromptError, Prompts, RULES_MODEL, Skill, Var};
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
pub struct Decision {
    summary: String,
    reply_draft: String,
    #[serde(default)]
    actions: Vec<Value>,
}

/// Everything `process_email` needs. Cheap to clone.
#[derive(Clone)]
pub struct Agent {
    llm: Llm,
    skill: Arc<AgentSkill>,
}

/// The decision as a skill of the LLM layer: the configured model through the action gate,
/// else the rules.
pub struct AgentSkill {
    policy: Policy,
    timeout: Duration,
}

impl Agent {
    /// `llm` is the rules provider when no model is configured.
    pub fn new(llm: Llm, settings: &AgentSettings) -> Self {
        Self {
            llm,
            skill: Arc::new(AgentSkill {
                policy: Policy {
                    max_actions: settings.agent_max_actions,
                    teams: settings.teams(),
                    assignee_domains: settings.assignee_domains(),
                    max_due_days: settings.agent_max_due_days,
                },
                timeout: Duration::from_millis(settings.agent_llm_timeout_ms),
            }),
        }
    }

    /// The LLM id, when one is configured.
    pub fn llm_model(&self) -> Option<&str> {
        self.llm.has_model().then(|| self.llm.model())
    }

    /// Decides what to do about one mail. Only malformed arguments are errors.
    #[tracing::instrument(skip_all, fields(category, priority))]
    pub async fn process(&self, input: ProcessInput) -> Result<ProcessOutput, ToolError> {
        let parsed = crate::input::parse(input)?;
        let span = tracing::Span::current();
        span.record("category", parsed.triage.category.as_str());
        span.record("priority", parsed.triage.priority.as_str());
        let ran = self.llm.run(self.skill.as_ref(), &parsed).await;
        let mut out = ran.output;
        out.model = ran.model;
        out.fallback = ran.fallback;
        Ok(out)
    }
}

impl Skill for AgentSkill {
    type Input = Parsed;
    type Reply = Decision;
    type Output = ProcessOutput;
    const PURPOSE: &'static str = "agent";

    fn request(&self, p: &Parsed, prompts: &Prompts) -> Result<LlmRequest, PromptError> {
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
        let rendered = prompts.render(
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
        )?;
        let schema = json!({
            "type": "object",
            "required": ["summary", "reply_draft", "actions"],
            "properties": {
                "summary": {"type": "string", "maxLength": MAX_SUMMARY_CHARS},
                "reply_draft": {"type": "string", "maxLength": MAX_REPLY_CHARS},
                "actions": action_schema(&self.policy),
            }
        });
        Ok(LlmRequest::from_rendered("agent", rendered)
            .with_schema(schema)
            .with_max_tokens(1_200)
            .with_deadline(self.timeout))
    }

    /// Every proposal passes the action gate; what it drops is reported, never an error
    /// (the mail is untrusted and so is the model that read it).
    fn accept(&self, p: &Parsed, decision: Decision) -> Result<ProcessOutput, String> {
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
            model: String::new(),
            dropped,
            fallback: None,
        })
    }

    fn builtin(&self, p: &Parsed) -> ProcessOutput {
        ProcessOutput {
            summary: rules::summary(p),
            reply_draft: rules::reply(p),
            actions: rules::actions(p, &self.policy, Utc::now()),
            model: RULES_MODEL.to_string(),
            dropped: Vec::new(),
            fallback: None,
        }
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
