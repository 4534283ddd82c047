//! One call per pipeline step to the sibling services, with typed results and step errors.

use std::time::Instant;

use common::client::{CallError, ServiceClient};
use common::error::ErrorCode;
use serde::Deserialize;
use serde_json::{Value, json};

/// Longest page the gmail service returns.
const GMAIL_PAGE: usize = 500;
/// Longest task description we send.
const MAX_DESCRIPTION: usize = 2_000;

/// A step failed for one message (or for the whole run when listing fails).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{step}: {code}: {message}")]
pub struct StepError {
    /// `list`, `get_message`, `classify`, `agent`, `create_task`, `store`.
    pub step: &'static str,
    pub code: ErrorCode,
    pub message: String,
    /// Whether the next run should try again.
    pub retryable: bool,
}

impl StepError {
    pub fn new(step: &'static str, code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            step,
            code,
            message: message.into(),
            retryable: code.is_retryable() || code == ErrorCode::Internal,
        }
    }

    fn from_call(step: &'static str, e: CallError) -> Self {
        let retryable = e.is_retryable() || matches!(e.code(), ErrorCode::Internal);
        Self {
            step,
            code: e.code(),
            message: e.to_string(),
            retryable,
        }
    }

    fn not_configured(step: &'static str, service: &str) -> Self {
        Self {
            step,
            code: ErrorCode::NotConfigured,
            message: format!("the {service} service is not configured"),
            // Configuration can be fixed between runs.
            retryable: true,
        }
    }
}

/// Calls `tool`, logging the call (the run's span adds the run id).
async fn call(
    client: Option<&ServiceClient>,
    step: &'static str,
    service: &str,
    tool: &str,
    args: Value,
) -> Result<Value, StepError> {
    let client = client.ok_or_else(|| StepError::not_configured(step, service))?;
    let started = Instant::now();
    let result = client.call(tool, args).await;
    let latency_ms = started.elapsed().as_millis() as u64;
    match &result {
        Ok(_) => tracing::debug!(service, tool, latency_ms, "service call"),
        Err(e) => {
            tracing::warn!(service, tool, latency_ms, code = %e.code(), "service call failed")
        }
    }
    result.map_err(|e| StepError::from_call(step, e))
}

#[derive(Deserialize)]
struct ListOutput {
    #[serde(default)]
    messages: Vec<ListedMessage>,
    #[serde(default, alias = "nextPageToken")]
    next_page_token: Option<String>,
}

#[derive(Deserialize)]
struct ListedMessage {
    id: String,
}

/// New message ids since `since` (RFC 3339), newest first, at most `max`; `true` when
/// the listing stopped at `max`.
pub async fn list_new(
    gmail: Option<&ServiceClient>,
    since: &str,
    max: usize,
) -> Result<(Vec<String>, bool), StepError> {
    let mut ids = Vec::new();
    let mut page_token: Option<String> = None;
    // Bounded: each page adds up to GMAIL_PAGE ids and we stop at `max`.
    for _ in 0..max.div_ceil(GMAIL_PAGE).max(1) {
        let want = (max - ids.len()).min(GMAIL_PAGE);
        let mut args = json!({ "since": since, "max": want });
        if let Some(t) = &page_token {
            args["page_token"] = json!(t);
        }
        let out = call(gmail, "list", "gmail", "list_messages", args).await?;
        let out: ListOutput = serde_json::from_value(out).map_err(|e| {
            StepError::new(
                "list",
                ErrorCode::InvalidResponse,
                format!("list_messages: {e}"),
            )
        })?;
        let got = out.messages.len();
        ids.extend(out.messages.into_iter().map(|m| m.id));
        page_token = out.next_page_token.filter(|t| !t.is_empty());
        if ids.len() >= max {
            ids.truncate(max);
            return Ok((ids, true));
        }
        if page_token.is_none() || got == 0 {
            // A full page without a continuation token may hide older mail.
            return Ok((ids, got == want));
        }
    }
    Ok((ids, false))
}

/// The normalized message as the gmail service returns it.
pub async fn get_message(gmail: Option<&ServiceClient>, id: &str) -> Result<Value, StepError> {
    call(
        gmail,
        "get_message",
        "gmail",
        "get_message",
        json!({ "id": id }),
    )
    .await
}

/// A string field of a JSON object (an object `from` becomes its `email`/`address`).
pub fn text_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o
            .get("email")
            .or_else(|| o.get("address"))
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => None,
    }
}

/// The sender's address from `Name <a@b>` or `a@b`.
pub fn sender_email(from: &str) -> Option<common::Email> {
    let raw = match (from.rfind('<'), from.rfind('>')) {
        (Some(l), Some(r)) if l < r => &from[l + 1..r],
        _ => from,
    };
    common::Email::parse(raw).ok()
}

/// What the pipeline keeps from a classification (the raw value goes to the agent).
#[derive(Debug, Clone, Deserialize)]
pub struct Classification {
    pub category: String,
    pub priority: String,
}

pub async fn classify(
    cls: Option<&ServiceClient>,
    message: &Value,
) -> Result<(Classification, Value), StepError> {
    let args = json!({
        "from": text_field(message, "from").unwrap_or_default(),
        "subject": text_field(message, "subject").unwrap_or_default(),
        "body": text_field(message, "text").or_else(|| text_field(message, "snippet")).unwrap_or_default(),
    });
    let raw = call(cls, "classify", "classification", "classify_email", args).await?;
    let parsed: Classification = serde_json::from_value(raw.clone()).map_err(|e| {
        StepError::new(
            "classify",
            ErrorCode::InvalidResponse,
            format!("classify_email: {e}"),
        )
    })?;
    Ok((parsed, raw))
}

/// The sender's CRM contact and billing customer, looked up in parallel; either may fail
/// (the agent then works without it).
pub async fn enrich(
    hubspot: Option<&ServiceClient>,
    chargebee: Option<&ServiceClient>,
    email: Option<&common::Email>,
) -> (Option<Value>, Option<Value>) {
    let Some(email) = email else {
        return (None, None);
    };
    let args = json!({ "email": email.as_str() });
    let (contact, customer) = futures::join!(
        call(hubspot, "enrich", "hubspot", "get_contact", args.clone()),
        call(chargebee, "enrich", "chargebee", "get_customer", args),
    );
    (contact.ok(), customer.ok())
}

/// An action the agent decided on.
#[derive(Debug, Clone, Deserialize)]
pub struct AgentAction {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub priority: Option<String>,
    #[serde(default)]
    pub due: Option<String>,
    #[serde(default)]
    pub assignee: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AgentOutput {
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub actions: Vec<AgentAction>,
}

pub async fn agent(
    llm_agent: Option<&ServiceClient>,
    message: &Value,
    classification: &Value,
    contact: Option<Value>,
    customer: Option<Value>,
) -> Result<AgentOutput, StepError> {
    let mut args = json!({ "message": message, "classification": classification });
    if let Some(c) = contact {
        args["contact"] = c;
    }
    if let Some(c) = customer {
        args["customer"] = c;
    }
    let raw = call(llm_agent, "agent", "llm-agent", "process_email", args).await?;
    serde_json::from_value(raw).map_err(|e| {
        StepError::new(
            "agent",
            ErrorCode::InvalidResponse,
            format!("process_email: {e}"),
        )
    })
}

/// The idempotency key of the `index`-th action of `message_id`. The slot, not the title,
/// identifies the task: a model asked again on a retry may word the title differently.
pub fn idempotency_key(message_id: &str, index: usize) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("{message_id}\u{0}{index}").as_bytes());
    format!("pipeline-{}", super::store::hex(&digest[..16]))
}

/// The task the pipeline asks firebase to create.
pub struct NewTask<'a> {
    pub key: String,
    pub email: &'a str,
    pub action: &'a AgentAction,
    pub fallback_priority: &'a str,
    pub description: &'a str,
    pub message_id: &'a str,
    pub run_id: &'a str,
}

/// Creates (or finds) a task; returns its id and whether it was newly created.
pub async fn create_task(
    firebase: Option<&ServiceClient>,
    t: NewTask<'_>,
) -> Result<(String, bool), StepError> {
    let description: String = t.description.chars().take(MAX_DESCRIPTION).collect();
    let mut task = json!({
        "idempotency_key": t.key,
        "email": t.email,
        "title": t.action.title.clone().unwrap_or_default(),
        "priority": t.action.priority.as_deref().unwrap_or(t.fallback_priority),
        "description": description,
        "source": { "message_id": t.message_id, "run_id": t.run_id },
    });
    if let Some(d) = &t.action.due {
        task["due"] = json!(d);
    }
    if let Some(a) = &t.action.assignee {
        task["assignee"] = json!(a);
    }
    let out = call(
        firebase,
        "create_task",
        "firebase",
        "create_task",
        json!({ "task": task }),
    )
    .await?;
    // Accept `{id, created}` or `{task: {id}, created}`.
    let id = out
        .get("id")
        .or_else(|| out.get("task").and_then(|t| t.get("id")))
        .and_then(Value::as_str)
        .ok_or_else(|| {
            StepError::new(
                "create_task",
                ErrorCode::InvalidResponse,
                "create_task returned no task id",
            )
        })?;
    let created = out.get("created").and_then(Value::as_bool).unwrap_or(true);
    Ok((id.to_string(), created))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sender_address_is_taken_from_a_display_name() {
        assert_eq!(
            sender_email("Alice Example <Alice@Example.com>")
                .unwrap()
                .as_str(),
            "alice@example.com"
        );
        assert_eq!(
            sender_email("bob@example.com").unwrap().as_str(),
            "bob@example.com"
        );
        assert!(sender_email("Undisclosed recipients").is_none());
    }

    #[test]
    fn idempotency_keys_depend_on_message_and_slot_only() {
        assert_eq!(idempotency_key("m1", 0), idempotency_key("m1", 0));
        assert_ne!(idempotency_key("m1", 0), idempotency_key("m1", 1));
        assert_ne!(idempotency_key("m1", 0), idempotency_key("m2", 0));
    }
}
