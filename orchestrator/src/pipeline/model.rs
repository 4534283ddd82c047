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
    /// Stopped on request or at shutdown, at a message boundary; the next run continues.
    Cancelled,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Completed => "completed",
            Self::Partial => "partial",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
        }
    }

    /// Whether the run has ended.
    pub fn is_final(self) -> bool {
        !matches!(self, Self::Running)
    }
}

/// What `run_pipeline` answers: a run's status, or that another run is active.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RunCallStatus {
    Completed,
    Partial,
    Failed,
    Cancelled,
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
            RunStatus::Cancelled => Self::Cancelled,
        }
    }
}

/// Per-run counters. When a run finishes, `fetched = skipped + processed + failed`, plus the
/// messages handed back by a run that stopped early.
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
    /// Listed but not finished when the run stopped, or not recorded because the store
    /// failed: a later run lists them again.
    #[serde(default)]
    pub handed_back: u64,
}

/// What kind of action the agent decided on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    CreateTask,
    None,
}

/// One action the agent decided on, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ActionRecord {
    #[serde(rename = "type")]
    pub kind: ActionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<common::labels::Priority>,
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
                kind: ActionKind::CreateTask,
                title: Some(title.clone()),
                priority: Some(*priority),
                reason: None,
            },
            Action::None { reason } => Self {
                kind: ActionKind::None,
                title: None,
                priority: None,
                reason: Some(reason.clone()),
            },
        }
    }
}

/// One message's outcome within one run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RunMessage {
    pub id: String,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub category: Option<common::labels::Category>,
    #[serde(default)]
    pub priority: Option<common::labels::Priority>,
    #[serde(default)]
    pub actions: Vec<ActionRecord>,
    #[serde(default)]
    pub task_ids: Vec<String>,
    /// Why it failed (`step: code: message`); absent on success.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What went wrong without failing it (an enrichment lookup that failed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
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
    /// Every run that worked on it (its details there name the message), oldest first.
    #[serde(default)]
    pub runs: Vec<RunId>,
    /// A keyed hash of the sender's address (never the address): finds a person's records
    /// for erasure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_key: Option<String>,
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
    pub holder: String,
    /// Keyed hash of the caller who started it by hand (`run_pipeline`), so only they and
    /// operators may follow it as a task. `None` for timer and webhook runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_by: Option<String>,
    /// Cancelling was asked on an instance that does not run it: the one that does stops at
    /// its next lease renewal.
    #[serde(default)]
    pub cancel_requested: bool,
}

/// A span of received time whose mail still has to be listed: `(after, before]`, RFC 3339.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub after: String,
    pub before: String,
}

/// Where listing stands: mail received up to `mark` has been listed, except in the
/// `backlog` windows (parts of earlier windows a run could not finish: cut at
/// `PIPELINE_MAX_MESSAGES`, stopped, or holding messages whose record could not be written).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    #[serde(default)]
    pub mark: Option<String>,
    #[serde(default)]
    pub backlog: Vec<Window>,
}

/// Most backlog windows kept; older adjacent ones are merged beyond it.
pub const MAX_BACKLOG: usize = 32;

impl Cursor {
    /// Adds `w` to the backlog, merging overlapping or touching windows and keeping at most
    /// [`MAX_BACKLOG`] (by merging the oldest).
    pub fn push_backlog(&mut self, w: Window) {
        self.backlog.push(w);
        self.backlog.sort_by(|a, b| a.after.cmp(&b.after));
        let mut merged: Vec<Window> = Vec::with_capacity(self.backlog.len());
        for w in self.backlog.drain(..) {
            match merged.last_mut() {
                Some(last) if w.after <= last.before => {
                    if w.before > last.before {
                        last.before = w.before;
                    }
                }
                _ => merged.push(w),
            }
        }
        while merged.len() > MAX_BACKLOG {
            let second = merged.remove(1);
            merged[0].before = second.before;
        }
        self.backlog = merged;
    }
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

    fn w(a: &str, b: &str) -> Window {
        Window {
            after: format!("2026-01-0{a}T00:00:00.000Z"),
            before: format!("2026-01-0{b}T00:00:00.000Z"),
        }
    }

    #[test]
    fn backlog_windows_merge_when_they_overlap_or_touch() {
        let mut c = Cursor::default();
        c.push_backlog(w("5", "6"));
        c.push_backlog(w("1", "2"));
        c.push_backlog(w("2", "3"));
        assert_eq!(c.backlog, vec![w("1", "3"), w("5", "6")]);
        for i in 0..(MAX_BACKLOG * 2) {
            c.push_backlog(Window {
                after: format!("2027-01-01T00:00:{:02}.000Z", i % 60),
                before: format!("2027-01-01T00:00:{:02}.500Z", i % 60),
            });
        }
        assert!(c.backlog.len() <= MAX_BACKLOG);
        assert_eq!(
            c.backlog[0].after,
            w("1", "3").after,
            "the oldest span stays covered"
        );
    }

    #[test]
    fn timestamps_sort_as_strings() {
        let a = rfc3339("2026-01-02T03:04:05Z".parse().unwrap());
        let b = rfc3339("2026-01-02T03:04:05.5Z".parse().unwrap());
        assert!(a < b, "{a} {b}");
        assert_eq!(parse_time(&a).map(rfc3339), Some(a));
    }
}
