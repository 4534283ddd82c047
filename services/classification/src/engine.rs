//! `classify_email`: the built-in model and rules, and the LLM when it is configured and the
//! built-in answer is unsure (or the caller asks). An LLM failure never fails the call.

use std::sync::Arc;
use std::time::Duration;

use common::ToolError;
use common::llm::{Llm, LlmRequest, PromptError, Prompts, Skill, Var};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::model::Model;
use crate::rules;
use crate::settings::ClassificationSettings;
use crate::text::truncate;
use common::contract::classification::{
    Category, ClassifyInput, ClassifyOutput, Engine, EngineHint, Priority,
};

/// Longest sender accepted (an RFC 5322 `From` with a display name fits easily).
const MAX_FROM: usize = 1024;
/// Longest subject accepted.
const MAX_SUBJECT: usize = 16 * 1024;
/// How much of the body the LLM sees: enough to judge, bounded in tokens.
const LLM_BODY_BYTES: usize = 8 * 1024;
/// Spam phrases that make a mail spam whatever the model says.
const SPAM_CUES_OVERRIDE: usize = 3;

/// The model's answer as it may arrive; `feedback` is folded into `other` (the prompt
/// mentions it; the contract has no such category).
#[derive(Debug, Deserialize, JsonSchema)]
pub struct LlmClassification {
    category: LlmCategory,
    priority: Priority,
    confidence: f64,
    #[serde(default)]
    reasons: Vec<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LlmCategory {
    Billing,
    Sales,
    Support,
    Account,
    Feedback,
    Spam,
    Other,
}

impl From<LlmCategory> for Category {
    fn from(c: LlmCategory) -> Self {
        match c {
            LlmCategory::Billing => Self::Billing,
            LlmCategory::Sales => Self::Sales,
            LlmCategory::Support => Self::Support,
            LlmCategory::Account => Self::Account,
            LlmCategory::Spam => Self::Spam,
            LlmCategory::Feedback | LlmCategory::Other => Self::Other,
        }
    }
}

/// Everything `classify_email` needs. Cheap to clone.
#[derive(Clone)]
pub struct Classifier {
    skill: Arc<ClassifySkill>,
    llm: Llm,
    settings: ClassificationSettings,
}

/// Triage as a skill of the LLM layer: the configured model, else the built-in one.
pub struct ClassifySkill {
    model: Arc<Model>,
    timeout: Duration,
}

impl Skill for ClassifySkill {
    type Input = ClassifyInput;
    type Reply = LlmClassification;
    type Output = ClassifyOutput;
    const PURPOSE: &'static str = "classify";

    fn request(&self, input: &ClassifyInput, prompts: &Prompts) -> Result<LlmRequest, PromptError> {
        let email = format!(
            "From: {}\nSubject: {}\n\n{}",
            truncate(&input.from, MAX_FROM),
            truncate(&input.subject, 1024),
            truncate(&input.body, LLM_BODY_BYTES)
        );
        let rendered = prompts.render(
            "classification",
            &[("email", Var::untrusted("email", email))],
        )?;
        Ok(LlmRequest::from_rendered("classify", rendered)
            .with_max_tokens(300)
            .with_temperature(0.0)
            .with_deadline(self.timeout))
    }

    fn accept(
        &self,
        _input: &ClassifyInput,
        answer: LlmClassification,
    ) -> Result<ClassifyOutput, String> {
        let confidence = if answer.confidence.is_finite() {
            answer.confidence.clamp(0.0, 1.0)
        } else {
            0.5
        };
        let mut reasons: Vec<String> = answer
            .reasons
            .iter()
            .map(|r| common::text::clean(r, 200).replace('\n', " "))
            .filter(|r| !r.is_empty())
            .take(5)
            .collect();
        if reasons.is_empty() {
            reasons.push("llm gave no reason".into());
        }
        Ok(ClassifyOutput {
            category: answer.category.into(),
            priority: answer.priority,
            confidence: round3(confidence),
            engine: Engine::Llm,
            model: String::new(),
            reasons,
        })
    }

    fn builtin(&self, input: &ClassifyInput) -> ClassifyOutput {
        builtin(&self.model, &input.from, &input.subject, &input.body)
    }
}

impl Classifier {
    /// The built-in `model`, and `llm` (the rules provider when no model is configured).
    pub fn new(model: Arc<Model>, llm: Llm, settings: ClassificationSettings) -> Self {
        Self {
            skill: Arc::new(ClassifySkill {
                model,
                timeout: Duration::from_millis(settings.classify_llm_timeout_ms),
            }),
            llm,
            settings,
        }
    }

    pub fn model(&self) -> &Model {
        &self.skill.model
    }

    /// The LLM id, when one is configured.
    pub fn llm_model(&self) -> Option<&str> {
        self.llm.has_model().then(|| self.llm.model())
    }

    /// Classifies one mail. Only malformed arguments are errors.
    #[tracing::instrument(skip_all, fields(engine_hint = ?input.engine))]
    pub async fn classify(&self, input: ClassifyInput) -> Result<ClassifyOutput, ToolError> {
        if input.from.len() > MAX_FROM {
            return Err(ToolError::invalid(format!(
                "from is longer than {MAX_FROM} bytes"
            )));
        }
        if input.subject.len() > MAX_SUBJECT {
            return Err(ToolError::invalid(format!(
                "subject is longer than {MAX_SUBJECT} bytes"
            )));
        }
        let mut builtin = self.builtin(&input.from, &input.subject, &input.body);
        let wanted = match input.engine {
            EngineHint::Builtin => false,
            EngineHint::Llm => true,
            EngineHint::Auto => builtin.confidence < self.settings.classify_llm_threshold,
        };
        if !wanted {
            return Ok(builtin);
        }
        if !self.llm.has_model() {
            if input.engine == EngineHint::Llm {
                builtin
                    .reasons
                    .push("llm requested but none is configured".into());
            }
            return Ok(builtin);
        }
        let ran = self.llm.run(self.skill.as_ref(), &input).await;
        if let Some(why) = ran.fallback {
            builtin
                .reasons
                .push(format!("llm unavailable ({why}); built-in answer used"));
            return Ok(builtin);
        }
        let mut out = ran.output;
        out.model = ran.model;
        if out.category != builtin.category || out.priority != builtin.priority {
            out.reasons.push(format!(
                "built-in model said {}/{} ({:.2})",
                builtin.category.as_str(),
                builtin.priority.as_str(),
                builtin.confidence
            ));
        }
        Ok(out)
    }

    /// The built-in answer: microseconds, no network.
    pub fn builtin(&self, from: &str, subject: &str, body: &str) -> ClassifyOutput {
        builtin(&self.skill.model, from, subject, body)
    }
}

/// The built-in model's answer, with the spam and priority rules.
fn builtin(model: &Model, from: &str, subject: &str, body: &str) -> ClassifyOutput {
    let p = model.predict(from, subject, body);
    let mut category = p.category;
    let mut confidence = p.confidence;
    let mut reasons = vec![if p.evidence.is_empty() {
        format!("model: {} (no known words)", category.as_str())
    } else {
        format!("model: {} from {}", category.as_str(), quoted(&p.evidence))
    }];
    let spam = rules::assess(Category::Spam, subject, body);
    if category != Category::Spam && spam.spam_cues >= SPAM_CUES_OVERRIDE {
        reasons.push(format!(
            "{} spam phrases override the model",
            spam.spam_cues
        ));
        category = Category::Spam;
        confidence = confidence.max(0.8);
    }
    let findings = rules::assess(category, subject, body);
    reasons.extend(findings.reasons);
    if body.len() > crate::text::MAX_FEATURE_BYTES {
        reasons.push(format!(
            "body of {} bytes read up to {} bytes",
            body.len(),
            crate::text::MAX_FEATURE_BYTES
        ));
    }
    ClassifyOutput {
        category,
        priority: findings.priority,
        confidence: round3(confidence),
        engine: Engine::Builtin,
        model: BUILTIN_MODEL.into(),
        reasons,
    }
}

/// The `model` the built-in engine reports.
pub const BUILTIN_MODEL: &str = "builtin-logreg";

fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
