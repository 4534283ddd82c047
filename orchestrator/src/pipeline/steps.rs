//! One typed contract call per pipeline step, each with its own deadline, and the step
//! errors a run records.

use std::time::{Duration, Instant};

use common::client::CallError;
use common::contract::chargebee::{Customer, GetCustomer};
use common::contract::classification::{ClassifyEmail, ClassifyInput, ClassifyOutput, EngineHint};
use common::contract::firebase::{
    CreateTask, CreateTaskInput, IdempotencyKey, LongText, NewTask, ShortText, SourceInput, Title,
};
use common::contract::gmail::{GetInput, GetMessage, ListInput, ListMessages, Message};
use common::contract::hubspot::{Contact, GetContact};
use common::contract::llm_agent::{Action, MailInput, ProcessEmail, ProcessInput, ProcessOutput};
use common::contract::{ByEmail, PersonTool, Tool};
use common::error::ErrorCode;
use common::labels::Priority;
use common::{Email, text};

use crate::results::Freshness;
use crate::services::Services;

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
        let code = e.code();
        Self {
            step,
            code,
            message: e.to_string(),
            // A service that is not configured can be configured between runs, and an open
            // breaker means the call was never made: the next run tries again. A service
            // that broke the protocol (garbage, an oversized body, a proxy's error page) is
            // not asked again within the call, but it is no verdict on the message: a later
            // run, within `PIPELINE_MAX_ATTEMPTS`, finds it mended.
            retryable: e.is_retryable()
                || matches!(e, CallError::BreakerOpen(..) | CallError::Protocol { .. })
                || matches!(code, ErrorCode::Internal | ErrorCode::NotConfigured),
        }
    }

    /// A failure that another run will not fix.
    pub fn permanent(mut self) -> Self {
        self.retryable = false;
        self
    }
}

/// Each step's deadline: longer than the work behind it (a service's own model deadline),
/// shorter than the run's patience.
#[derive(Debug, Clone, Copy)]
pub struct StepTimeouts {
    pub gmail: Duration,
    pub classify: Duration,
    pub enrich: Duration,
    pub agent: Duration,
    pub task: Duration,
}

/// Calls the contract tool `T`, logging the call (the run's span adds the run id).
async fn call<T: Tool>(
    services: &Services,
    step: &'static str,
    input: &T::Input,
    timeout: Duration,
) -> Result<T::Output, StepError> {
    let started = Instant::now();
    let result = services.call::<T>(input, timeout).await;
    let latency_ms = started.elapsed().as_millis() as u64;
    let (service, tool) = (T::NAME.service(), T::NAME);
    match &result {
        Ok(_) => tracing::debug!(%service, %tool, latency_ms, "service call"),
        Err(e) => {
            tracing::warn!(%service, %tool, latency_ms, code = %e.code(), "service call failed")
        }
    }
    result.map_err(|e| StepError::from_call(step, e))
}

/// A data tool about the sender, through the result cache `/query` shares (the same
/// person asked about twice within the tool's freshness costs one upstream call).
async fn lookup<T: PersonTool>(
    services: &Services,
    input: &T::Input,
    timeout: Duration,
) -> Result<T::Output, StepError> {
    let result = services
        .call_person::<T>(input, timeout, Freshness::Cached)
        .await;
    if let Err(e) = &result
        && e.code() != ErrorCode::NotFound
    {
        let (service, tool) = (T::NAME.service(), T::NAME);
        tracing::warn!(%service, %tool, code = %e.code(), "service call failed");
    }
    result.map_err(|e| StepError::from_call("enrich", e))
}

/// One page of the mail listing, newest first.
pub struct Page {
    pub ids: Vec<(String, Option<String>)>,
    pub next_page_token: Option<String>,
}

/// Lists one page of mail matching `query` (Gmail search syntax).
pub async fn list_page(
    services: &Services,
    t: &StepTimeouts,
    query: &str,
    max: u32,
    page_token: Option<String>,
) -> Result<Page, StepError> {
    let input = ListInput {
        since: None,
        query: Some(query.to_string()),
        max: Some(max),
        page_token,
    };
    let out = call::<ListMessages>(services, "list", &input, t.gmail).await?;
    Ok(Page {
        ids: out.messages.into_iter().map(|m| (m.id, m.date)).collect(),
        next_page_token: out.next_page_token.filter(|t| !t.is_empty()),
    })
}

/// The normalized message.
pub async fn get_message(
    services: &Services,
    t: &StepTimeouts,
    id: &str,
) -> Result<Message, StepError> {
    let input = GetInput { id: id.to_string() };
    call::<GetMessage>(services, GetMessage::NAME.as_str(), &input, t.gmail).await
}

/// The sender's address from the message (`from_email`, else parsed from `from`).
pub fn sender_email(message: &Message) -> Option<Email> {
    Email::parse(&message.from_email)
        .ok()
        .or_else(|| text::address(&message.from).and_then(|a| Email::parse(&a).ok()))
}

pub async fn classify(
    services: &Services,
    t: &StepTimeouts,
    message: &Message,
) -> Result<ClassifyOutput, StepError> {
    let body = if message.text.is_empty() {
        &message.snippet
    } else {
        &message.text
    };
    let input = ClassifyInput {
        from: message.from.clone(),
        subject: message.subject.clone(),
        body: body.clone(),
        engine: EngineHint::Auto,
    };
    call::<ClassifyEmail>(services, "classify", &input, t.classify).await
}

/// The sender's CRM contact and billing customer, looked up in parallel; either may fail
/// (the agent then works without it, and the failure is returned for the run's details).
pub async fn enrich(
    services: &Services,
    t: &StepTimeouts,
    email: Option<&Email>,
) -> (Option<Contact>, Option<Customer>, Vec<StepError>) {
    let Some(email) = email else {
        return (None, None, Vec::new());
    };
    let input = ByEmail::new(email.clone());
    let (contact, customer) = futures::join!(
        lookup::<GetContact>(services, &input, t.enrich),
        lookup::<GetCustomer>(services, &input, t.enrich),
    );
    let mut problems = Vec::new();
    let contact = found(contact, &mut problems);
    let customer = found(customer, &mut problems);
    (contact, customer, problems)
}

/// The record, `None` when the person is unknown there (an answer, not a failure), or
/// `None` with the failure added to `problems`.
fn found<T>(r: Result<T, StepError>, problems: &mut Vec<StepError>) -> Option<T> {
    match r {
        Ok(v) => Some(v),
        Err(e) if e.code == ErrorCode::NotFound => None,
        Err(e) => {
            problems.push(e);
            None
        }
    }
}

pub async fn agent(
    services: &Services,
    t: &StepTimeouts,
    message: &Message,
    classification: &ClassifyOutput,
    contact: Option<Contact>,
    customer: Option<Customer>,
) -> Result<ProcessOutput, StepError> {
    let input = ProcessInput {
        message: MailInput::from(message),
        classification: classification.into(),
        contact,
        customer,
    };
    call::<ProcessEmail>(services, "agent", &input, t.agent).await
}

/// The idempotency key of the `index`-th action of `message_id`. The slot, not the title,
/// identifies the task: a model asked again on a retry may word the title differently.
pub fn idempotency_key(message_id: &str, index: usize) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("{message_id}\u{0}{index}").as_bytes());
    format!("pipeline-{}", common::text::hex(&digest[..16]))
}

/// The task the pipeline asks firebase to create.
pub struct TaskRequest<'a> {
    pub key: String,
    pub email: &'a Email,
    pub title: &'a str,
    pub priority: Priority,
    pub due: Option<&'a str>,
    pub assignee: Option<&'a str>,
    pub description: &'a str,
    pub message_id: &'a str,
    pub run_id: &'a str,
}

impl<'a> TaskRequest<'a> {
    /// The request for a `create_task` action, or `None` for any other action.
    pub fn for_action(action: &'a Action, email: &'a Email) -> Option<Self> {
        match action {
            Action::CreateTask {
                title,
                priority,
                due,
                assignee,
            } => Some(Self {
                key: String::new(),
                email,
                title,
                priority: *priority,
                due: due.as_deref(),
                assignee: assignee.as_deref(),
                description: "",
                message_id: "",
                run_id: "",
            }),
            Action::None { .. } => None,
        }
    }

    fn build(&self) -> Result<NewTask, String> {
        let short = |s: &str| ShortText::parse(&text::truncate_chars(s, 200));
        Ok(NewTask {
            idempotency_key: IdempotencyKey::parse(&self.key)?,
            email: self.email.clone(),
            title: Title::parse(self.title)?,
            description: Some(LongText::parse(&text::truncate_chars(
                self.description,
                MAX_DESCRIPTION,
            ))?),
            priority: self.priority,
            due: self
                .due
                .map(common::contract::firebase::Due::parse)
                .transpose()?,
            assignee: self.assignee.map(short).transpose()?,
            source: SourceInput {
                message_id: Some(short(self.message_id)?),
                run_id: Some(short(self.run_id)?),
            },
        })
    }
}

/// Creates (or finds) a task; returns its id and whether it was newly created.
pub async fn create_task(
    services: &Services,
    t: &StepTimeouts,
    request: TaskRequest<'_>,
) -> Result<(String, bool), StepError> {
    let task = request.build().map_err(|e| {
        StepError::new(CreateTask::NAME.as_str(), ErrorCode::InvalidArguments, e).permanent()
    })?;
    let out = call::<CreateTask>(
        services,
        CreateTask::NAME.as_str(),
        &CreateTaskInput { task },
        t.task,
    )
    .await?;
    Ok((out.task.id, out.created))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_service_that_broke_the_protocol_is_tried_again_by_a_later_run() {
        let e = CallError::Protocol {
            service: common::contract::Service::Classification,
            message: "unreadable response".into(),
        };
        assert!(StepError::from_call("classify", e).retryable);
        let refused = CallError::Tool {
            service: common::contract::Service::Classification,
            tool: common::contract::ToolName::ClassifyEmail,
            code: ErrorCode::InvalidArguments,
            message: "no".into(),
        };
        assert!(!StepError::from_call("classify", refused).retryable);
    }

    #[test]
    fn idempotency_keys_depend_on_message_and_slot_only() {
        assert_eq!(idempotency_key("m1", 0), idempotency_key("m1", 0));
        assert_ne!(idempotency_key("m1", 0), idempotency_key("m1", 1));
        assert_ne!(idempotency_key("m1", 0), idempotency_key("m2", 0));
    }
}
