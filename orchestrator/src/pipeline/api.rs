//! What the tools, the resource and the REST mirror take and return (JSON Schema for MCP,
//! OpenAPI schemas for `/openapi.json`), and the domain errors behind them.

use chrono::{DateTime, Utc};
use common::error::{ApiError, ErrorCode};
use common::kit::{ResourceError, ToolError};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::{Counts, RunCallStatus, RunId, RunMessage, RunStatus};

/// `run_pipeline` input.
#[derive(Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunPipelineInput {
    /// RFC 3339 time to fetch mail from (default: where the last successful run stopped;
    /// the first run looks back `PIPELINE_LOOKBACK`). Must not be in the future.
    #[serde(default)]
    #[schemars(example = &"2025-04-18T00:00:00Z")]
    pub since: Option<String>,
}

/// `run_pipeline` output.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct RunPipelineOutput {
    pub status: RunCallStatus,
    pub summary: String,
    pub run_id: RunId,
    pub counts: Counts,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// `POST /tools/run_pipeline` with `Prefer: respond-async`: the run started (or the one
/// already active), to follow at `url`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct RunAccepted {
    pub run_id: RunId,
    /// `false` when a run was already active: `url` follows that one.
    pub started: bool,
    /// The run's state: `GET` it; `POST {url}/cancel` stops it.
    pub url: String,
}

/// `get_status` input (none).
#[derive(Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GetStatusInput {}

/// The run in progress.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct CurrentRun {
    pub run_id: RunId,
    /// Counts so far (zero when the run belongs to another instance and has not reported).
    pub progress: Counts,
    pub started_at: Option<DateTime<Utc>>,
    /// Whether this instance runs it (false: another instance holds the lease).
    pub local: bool,
}

/// The last finished run.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct LastRunView {
    pub run_id: RunId,
    pub status: RunStatus,
    pub finished_at: Option<DateTime<Utc>>,
    pub counts: Counts,
    pub summary: String,
}

/// The timer trigger.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct TimerTrigger {
    pub enabled: bool,
    pub interval_seconds: Option<u64>,
}

/// The Gmail push webhook trigger.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct WebhookTrigger {
    pub enabled: bool,
    /// A run is queued to start when the current one ends.
    pub follow_up_queued: bool,
}

/// How runs start.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Triggers {
    pub manual: bool,
    pub timer: TimerTrigger,
    pub webhook: WebhookTrigger,
}

/// `get_status` output.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct StatusOutput {
    pub running: bool,
    pub current_run: Option<CurrentRun>,
    pub last_run: Option<LastRunView>,
    /// Spans of older mail not listed yet (a run was cut or stopped); the next runs list them.
    pub backlog_windows: usize,
    pub next_scheduled_run: Option<DateTime<Utc>>,
    pub triggers: Triggers,
    /// `firestore` or `memory`.
    pub store: String,
}

/// A run's details.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct RunDetails {
    pub since: DateTime<Utc>,
    pub trigger: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub summary: String,
    pub counts: Counts,
    /// Messages this run worked on (skipped ones are not listed).
    pub messages: Vec<RunMessage>,
    /// More messages than listed here.
    pub messages_truncated: bool,
}

/// `pipeline_run://{run_id}` and `GET /resources/pipeline_run/{run_id}`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct PipelineRunView {
    pub run_id: RunId,
    pub status: RunStatus,
    pub details: RunDetails,
}

/// What `POST /webhooks/gmail` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WebhookAction {
    /// A run started.
    Started,
    /// A run is active; one follow-up run is queued.
    Queued,
    /// A follow-up was already queued; nothing more is added.
    AlreadyQueued,
}

/// `POST /webhooks/gmail` answer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct WebhookOutput {
    pub action: WebhookAction,
    /// The started or the active run.
    pub run_id: Option<RunId>,
}

/// Why a pipeline operation failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PipelineError {
    #[error("invalid `since`: {0}")]
    InvalidSince(String),
    #[error(transparent)]
    InvalidRunId(#[from] super::model::InvalidRunId),
    #[error("no pipeline run {0}")]
    RunNotFound(RunId),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Store(#[from] super::store::StoreError),
}

impl PipelineError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidSince(_) | Self::InvalidRunId(_) | Self::Invalid(_) => {
                ErrorCode::InvalidArguments
            }
            Self::RunNotFound(_) => ErrorCode::NotFound,
            Self::Store(_) => ErrorCode::UpstreamUnavailable,
        }
    }
}

impl From<PipelineError> for ToolError {
    fn from(e: PipelineError) -> Self {
        ToolError::new(e.code(), e.to_string())
    }
}

impl From<PipelineError> for ApiError {
    fn from(e: PipelineError) -> Self {
        ApiError::new(e.code(), e.to_string())
    }
}

impl From<PipelineError> for ResourceError {
    fn from(e: PipelineError) -> Self {
        match e {
            PipelineError::InvalidSince(m) | PipelineError::Invalid(m) => Self::Invalid(m),
            PipelineError::InvalidRunId(e) => Self::Invalid(e.to_string()),
            PipelineError::RunNotFound(id) => Self::NotFound(format!("pipeline_run://{id}")),
            PipelineError::Store(e) => Self::Unavailable(e.to_string()),
        }
    }
}

/// `list_failed_messages` input.
#[derive(Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListFailedInput {
    /// Most messages to list (1-500, default 100), most recent first.
    #[serde(default)]
    #[schemars(range(min = 1, max = 500))]
    pub limit: Option<u32>,
}

impl ListFailedInput {
    pub const MAX: u32 = 500;

    /// The checked limit.
    pub fn limit(&self) -> Result<usize, PipelineError> {
        match self.limit.unwrap_or(100) {
            n @ 1..=Self::MAX => Ok(n as usize),
            n => Err(PipelineError::Invalid(format!(
                "limit must be between 1 and {} (got {n})",
                Self::MAX
            ))),
        }
    }
}

/// A message the pipeline gave up on.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct FailedMessage {
    /// The Gmail message id (pass it to `requeue_messages`).
    pub id: String,
    /// Why its last attempt failed (`step: code: message`).
    pub error: Option<String>,
    pub attempts: u32,
    /// The run of its last attempt.
    pub run_id: RunId,
    pub updated_at: String,
}

/// `list_failed_messages` output.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ListFailedOutput {
    pub messages: Vec<FailedMessage>,
}

/// `requeue_messages` input.
#[derive(Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequeueInput {
    /// Ids of failed messages to try again (1-500): each gets `PIPELINE_MAX_ATTEMPTS` more
    /// attempts, from the next run on.
    #[schemars(length(min = 1, max = 500))]
    pub ids: Vec<String>,
}

impl RequeueInput {
    /// The checked, de-duplicated ids.
    pub fn ids(&self) -> Result<Vec<String>, PipelineError> {
        if self.ids.is_empty() || self.ids.len() > ListFailedInput::MAX as usize {
            return Err(PipelineError::Invalid(format!(
                "ids: between 1 and {} message ids",
                ListFailedInput::MAX
            )));
        }
        let mut ids: Vec<String> = Vec::with_capacity(self.ids.len());
        for id in &self.ids {
            let id = id.trim();
            if id.is_empty() || id.len() > 128 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(PipelineError::Invalid(format!(
                    "{:?} is not a Gmail message id",
                    common::text::truncate_chars(id, 40)
                )));
            }
            if !ids.iter().any(|i| i == id) {
                ids.push(id.to_string());
            }
        }
        Ok(ids)
    }
}

/// `requeue_messages` output.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct RequeueOutput {
    /// Failed messages now queued for the next run.
    pub requeued: Vec<String>,
    /// Ids that were not failed (unknown, done, or already queued): left as they were.
    pub not_failed: Vec<String>,
}

/// Parses `since`: RFC 3339, not in the future (a minute of clock skew allowed).
pub fn parse_since(raw: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, PipelineError> {
    let t = DateTime::parse_from_rfc3339(raw.trim())
        .map_err(|e| PipelineError::InvalidSince(format!("{raw:?} is not an RFC 3339 time ({e})")))?
        .with_timezone(&Utc);
    if t > now + chrono::Duration::minutes(1) {
        return Err(PipelineError::InvalidSince(format!(
            "{raw:?} is in the future"
        )));
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_must_be_rfc3339_and_not_in_the_future() {
        let now = Utc::now();
        assert!(parse_since("2025-04-18T00:00:00Z", now).is_ok());
        assert!(parse_since("2025-04-18", now).is_err());
        assert!(parse_since("yesterday", now).is_err());
        let future = (now + chrono::Duration::days(1)).to_rfc3339();
        let e = parse_since(&future, now).unwrap_err();
        assert!(e.to_string().contains("future"), "{e}");
    }
}
