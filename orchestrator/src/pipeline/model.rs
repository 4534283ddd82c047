//! The pipeline's domain types: run ids, run and message records, and the tool/REST shapes.

use chrono::{DateTime, SecondsFormat, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Longest run id we accept.
const MAX_RUN_ID: usize = 64;

/// A run id: 1..=64 of `[A-Za-z0-9_-]`, so it is safe in URIs, paths and document ids.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct RunId(String);

/// Why a string is not a [`RunId`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid run id: {0}")]
pub struct InvalidRunId(&'static str);

impl RunId {
    /// A new, time-ordered id.
    pub fn generate() -> Self {
        Self(format!("run-{}", uuid::Uuid::now_v7().simple()))
    }

    pub fn parse(raw: &str) -> Result<Self, InvalidRunId> {
        if raw.is_empty() {
            return Err(InvalidRunId("empty"));
        }
        if raw.len() > MAX_RUN_ID {
            return Err(InvalidRunId("longer than 64 characters"));
        }
        if !raw
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(InvalidRunId(
                "only letters, digits, '-' and '_' are allowed",
            ));
        }
        Ok(Self(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RunId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A run's outcome (`running` while it works).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Still working.
    Running,
    /// Every message succeeded or was skipped.
    Completed,
    /// Some messages failed; they are retried by later runs.
    Partial,
    /// The run could not proceed (mail could not be listed, the lease was lost, it was interrupted).
    Failed,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Completed => "completed",
            Self::Partial => "partial",
            Self::Failed => "failed",
        }
    }
}

/// What `run_pipeline` answers: a run's status, or that another run is active.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RunCallStatus {
    Completed,
    Partial,
    Failed,
    /// The run goes on after the wait; read `pipeline_run://{run_id}` later.
    Running,
    /// Another run is active; `run_id` names it.
    AlreadyRunning,
}

impl From<RunStatus> for RunCallStatus {
    fn from(s: RunStatus) -> Self {
        match s {
            RunStatus::Running => Self::Running,
            RunStatus::Completed => Self::Completed,
            RunStatus::Partial => Self::Partial,
            RunStatus::Failed => Self::Failed,
        }
    }
}

/// Per-run counters. When a run finishes, `fetched = skipped + processed + failed`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Counts {
    /// Messages the run considered (new mail plus earlier failures due for a retry).
    pub fetched: u64,
    /// Already processed (or failed for good) before this run.
    pub skipped: u64,
    pub classified: u64,
    pub enriched: u64,
    /// Fully processed: agent asked and every task created.
    pub processed: u64,
    /// Tasks newly created (a task that already existed for its key is not counted).
    pub tasks_created: u64,
    pub failed: u64,
}

/// One action the agent decided on, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ActionRecord {
    /// `create_task` or `none`.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl From<&common::contract::llm_agent::Action> for ActionRecord {
    fn from(a: &common::contract::llm_agent::Action) -> Self {
        use common::contract::llm_agent::Action;
        match a {
            Action::CreateTask {
                title, priority, ..
            } => Self {
                kind: "create_task".into(),
                title: Some(title.clone()),
                priority: Some(priority.as_str().to_string()),
                reason: None,
            },
            Action::None { reason } => Self {
                kind: "none".into(),
                title: None,
                priority: None,
                reason: Some(reason.clone()),
            },
        }
    }
}

/// One message's outcome within one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RunMessage {
    pub id: String,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub priority: Option<String>,
    #[serde(default)]
    pub actions: Vec<ActionRecord>,
    #[serde(default)]
    pub task_ids: Vec<String>,
    /// Why it failed (`step: code: message`); absent on success.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Where a message stands across runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageOutcome {
    Done,
    /// Failed, to be tried again by the next run.
    Retrying,
    /// Failed for good (attempts exhausted or a permanent error).
    Failed,
}

/// The durable record of one message (keyed by its Gmail id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageRecord {
    pub id: String,
    pub outcome: MessageOutcome,
    pub attempts: u32,
    pub run_id: RunId,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub task_ids: Vec<String>,
    pub updated_at: String,
}

/// The durable record of one run (its messages are stored beside it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    pub run_id: RunId,
    pub status: RunStatus,
    pub trigger: String,
    pub since: String,
    pub started_at: String,
    #[serde(default)]
    pub finished_at: Option<String>,
    pub counts: Counts,
    pub summary: String,
    /// Where the next run starts when this one listed mail successfully.
    #[serde(default)]
    pub high_water_mark: Option<String>,
    pub holder: String,
}

/// RFC 3339 with milliseconds and `Z`: fixed width, so strings sort as times do.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parses what [`rfc3339`] wrote (or any RFC 3339 time).
pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_run_ids_parse() {
        let id = RunId::generate();
        assert_eq!(RunId::parse(id.as_str()).unwrap(), id);
    }

    #[test]
    fn traversal_long_and_odd_run_ids_are_rejected() {
        for bad in ["", "../etc", "a/b", "run 1", "r%2e", &"x".repeat(65), "é"] {
            assert!(RunId::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(RunId::parse("run123").is_ok());
    }

    #[test]
    fn timestamps_sort_as_strings() {
        let a = rfc3339("2026-01-02T03:04:05Z".parse().unwrap());
        let b = rfc3339("2026-01-02T03:04:05.5Z".parse().unwrap());
        assert!(a < b, "{a} {b}");
        assert_eq!(parse_time(&a).map(rfc3339), Some(a));
    }
}
