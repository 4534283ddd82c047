//! Tasks: what `create_task` accepts, what is stored, what every task tool returns, and how a
//! patch changes a task (one implementation for both store backends).

use chrono::{DateTime, SecondsFormat, Utc};
use common::Email;
pub use common::labels::Priority;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::text::{Due, IdempotencyKey, LongText, ShortText, TaskId, Title};

/// Where a task is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Open,
    InProgress,
    Done,
    Cancelled,
}

/// What produced the task (the pipeline sets both).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceInput {
    #[serde(default)]
    pub message_id: Option<ShortText>,
    #[serde(default)]
    pub run_id: Option<ShortText>,
}

/// A task to create, as the pipeline sends it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTask {
    /// Creating twice with one key makes one task.
    pub idempotency_key: IdempotencyKey,
    /// Whose task it is (the customer the email came from).
    pub email: Email,
    pub title: Title,
    #[serde(default)]
    pub description: Option<LongText>,
    #[serde(default)]
    pub priority: Priority,
    #[serde(default)]
    pub due: Option<Due>,
    #[serde(default)]
    pub assignee: Option<ShortText>,
    #[serde(default)]
    pub source: SourceInput,
}

/// Changes to a task. Absent fields stay; an empty string clears `assignee`, `notes`, `due`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskPatch {
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub priority: Option<Priority>,
    #[serde(default)]
    pub assignee: Option<ShortText>,
    #[serde(default)]
    pub notes: Option<LongText>,
    /// RFC 3339 date-time or `YYYY-MM-DD`; `""` clears it.
    #[serde(default)]
    pub due: Option<ClearableDue>,
}

/// A due date, or `""` to clear it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(try_from = "String")]
#[schemars(with = "String")]
pub struct ClearableDue(Option<Due>);

impl TryFrom<String> for ClearableDue {
    type Error = String;

    fn try_from(raw: String) -> Result<Self, String> {
        if raw.trim().is_empty() {
            Ok(Self(None))
        } else {
            Due::parse(&raw).map(|d| Self(Some(d)))
        }
    }
}

impl TaskPatch {
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.priority.is_none()
            && self.assignee.is_none()
            && self.notes.is_none()
            && self.due.is_none()
    }
}

/// Where a stored task came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TaskSource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
}

/// A task as every task tool returns it.
///
/// In Firestore, `id` and `update_time` are not stored fields: they are the document's name
/// and its server-side update time, read back through the crate's `_firestore_*` fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Task {
    #[serde(default, alias = "_firestore_id")]
    pub id: String,
    pub idempotency_key: String,
    pub email: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub priority: Priority,
    pub status: Status,
    #[serde(default)]
    pub source: TaskSource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// RFC 3339, UTC: the last change through this service.
    pub updated_at: String,
    /// The store's update time of this version: pass it back to `update_task` so a change made
    /// in between is reported as `conflict` instead of being overwritten.
    #[serde(default, alias = "_firestore_updated")]
    pub update_time: String,
}

/// The internal field tasks are ordered and paged by: newest first, ties broken by id.
pub const SORT_KEY_FIELD: &str = "sort_key";

/// A fixed-width UTC timestamp, so that text order is time order.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

impl Task {
    /// A new, open task for `input`, created at `now`.
    pub fn new(input: NewTask, now: DateTime<Utc>) -> Self {
        let id = TaskId::for_key(&input.idempotency_key);
        let non_empty = |t: Option<String>| t.filter(|s| !s.is_empty());
        Self {
            id: id.as_str().to_string(),
            idempotency_key: input.idempotency_key.into_string(),
            email: input.email.as_str().to_string(),
            title: input.title.into_string(),
            description: non_empty(input.description.map(LongText::into_string)),
            priority: input.priority,
            status: Status::Open,
            source: TaskSource {
                message_id: non_empty(input.source.message_id.map(ShortText::into_string)),
                run_id: non_empty(input.source.run_id.map(ShortText::into_string)),
            },
            assignee: non_empty(input.assignee.map(ShortText::into_string)),
            due: input.due.map(Due::into_string),
            notes: None,
            created_at: timestamp(now),
            updated_at: timestamp(now),
            update_time: String::new(),
        }
    }

    /// Applies `patch` as of `now`.
    pub fn apply(&mut self, patch: &TaskPatch, now: DateTime<Utc>) {
        let cleared = |t: &str| (!t.is_empty()).then(|| t.to_string());
        if let Some(s) = patch.status {
            self.status = s;
        }
        if let Some(p) = patch.priority {
            self.priority = p;
        }
        if let Some(a) = &patch.assignee {
            self.assignee = cleared(a.as_str());
        }
        if let Some(n) = &patch.notes {
            self.notes = cleared(n.as_str());
        }
        if let Some(ClearableDue(d)) = &patch.due {
            self.due = d.clone().map(Due::into_string);
        }
        self.updated_at = timestamp(now);
    }

    /// The value tasks are ordered by (descending) and paged with.
    pub fn sort_key(&self) -> String {
        format!("{}|{}", self.created_at, self.id)
    }
}

/// Which tasks `list_tasks` returns; every field given must match.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskFilter {
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default)]
    pub email: Option<Email>,
    #[serde(default)]
    pub priority: Option<Priority>,
}

impl TaskFilter {
    pub fn matches(&self, t: &Task) -> bool {
        self.status.is_none_or(|s| s == t.status)
            && self.priority.is_none_or(|p| p == t.priority)
            && self.email.as_ref().is_none_or(|e| e.as_str() == t.email)
    }
}

/// One page request, validated.
#[derive(Debug, Clone)]
pub struct ListQuery {
    pub filter: TaskFilter,
    pub page_size: u32,
    /// Return tasks whose sort key is strictly below this one.
    pub after: Option<String>,
}

/// One page of tasks.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TaskPage {
    pub tasks: Vec<Task>,
    /// Pass it back as `page_token` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
}
