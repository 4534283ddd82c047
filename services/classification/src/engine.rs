//! `classify_email`: the built-in model and rules, and the LLM when it is configured and the
//! built-in answer is unsure (or the caller asks). An LLM failure never fails the call.

use std::sync::Arc;
use std::time::Duration;

use common::ToolError;
use common::llm::{Llm, LlmRequest, PromptError, Prompts, Skill, Var};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::lexicon::Scan;
use crate::model::{Model, features};
use crate::sender::Protected;
use crate::settings::ClassificationSettings;
use crate::signals::{Folded, Signals};
use crate::text::{MAX_FEATURE_BYTES, truncate};
use crate::{rules, verdict};
use common::contract::classification::{
    Category, ClassifyInput, ClassifyOutput, Engine, EngineHint, Priority,
};

/// Longest sender accepted (an RFC 5322 `From` with a display name fits easily).
const MAX_FROM: usize = 1024;
/// Longest subject accepted.
const MAX_SUBJECT: usize = 16 * 1024;
/// How much of the body the LLM sees: enough to judge, bounded in tokens.
const LLM_BODY_BYTES: usize = 8 * 1024;

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
    protected: Protected,
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
        builtin(
            &self.model,
            &self.protected,
            &input.from,
            &input.subject,
            &input.body,
        )
    }
}

impl Classifier {
    /// The built-in `model`, and `llm` (the rules provider when no model is configured).
    pub fn new(model: Arc<Model>, llm: Llm, settings: ClassificationSettings) -> Self {
        Self {
            skill: Arc::new(ClassifySkill {
                model,
                protected: Protected::new(&settings.own_domains()),
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
        builtin(
            &self.skill.model,
            &self.skill.protected,
            from,
            subject,
            body,
        )
    }
}

/// The built-in answer: read the mail once, ask the model, let strong evidence overrule it,
/// then set the priority.
fn builtin(
    model: &Model,
    protected: &Protected,
    from: &str,
    subject: &str,
    body: &str,
) -> ClassifyOutput {
    let folded = Folded::new(subject, body);
    let (subject_scan, body_scan) = (Scan::new(&folded.subject), Scan::new(&folded.body));
    let signals = Signals::read(from, subject, &folded, &subject_scan, &body_scan, protected);
    let domain = signals.sender.domain.clone();
    let feats = features(domain.as_deref(), &subject_scan, &body_scan, &signals);
    let mail = model.vector(&feats);
    let prediction = model.predict_vector(&mail, &feats);
    let decision = verdict::decide(&prediction, &signals);
    let (rule, why) = rules::priority(decision.category, &signals);
    let mut reasons = decision.reasons;
    reasons.extend(why);
    let mut priority = rule;
    if crate::model::needs_work(decision.category) {
        // The priority model reads the mail, its category and the rules' answer. On writers
        // the rules were never tuned on it agrees with a support lead more often (README,
        // "Priority"), but it never lowers what a rule made high or urgent: an outage, a legal
        // threat or money stuck stays in front of a person.
        let head = model.priority(mail, decision.category, rule);
        // Above a rule's high it goes only when it is more likely right than not: a
        // failed payment the rules made high is not made urgent on a probability of 0.41.
        let chosen = if rule >= Priority::High {
            if head.probability >= 0.5 {
                head.priority.max(rule)
            } else {
                rule
            }
        } else {
            head.priority
        };
        if chosen != rule {
            reasons.push(format!(
                "priority model: {} ({:.2}), rules said {}",
                chosen.as_str(),
                head.probability,
                rule.as_str()
            ));
            priority = chosen;
        }
    }
    if body.len() > MAX_FEATURE_BYTES {
        reasons.push(format!(
            "body of {} bytes read up to {MAX_FEATURE_BYTES} bytes",
            body.len()
        ));
    }
    ClassifyOutput {
        category: decision.category,
        priority,
        // The built-in engine is never certain: a 1.0 would keep the LLM out even when the
        // caller set the threshold to 1 ("always ask").
        confidence: round3(decision.confidence.min(MAX_CONFIDENCE)),
        engine: Engine::Builtin,
        model: BUILTIN_MODEL.into(),
        reasons,
    }
}

/// The highest confidence the built-in engine reports.
const MAX_CONFIDENCE: f64 = 0.99;

/// The `model` the built-in engine reports.
pub const BUILTIN_MODEL: &str = "builtin-logreg";

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
#[path = "engine_tests.rs"]
mod tests;
