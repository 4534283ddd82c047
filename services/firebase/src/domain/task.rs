//! Tasks: how a task is created from `create_task`'s input, how a patch changes it, and the
//! order pages follow (one implementation for both store backends).

use chrono::{DateTime, SecondsFormat, Utc};

use super::{
    ClearableDue, Due, LongText, NewTask, ShortText, Status, Task, TaskFilter, TaskId, TaskPatch,
    TaskSource,
};

/// The internal field tasks are ordered and paged by: newest first, ties broken by id.
pub const SORT_KEY_FIELD: &str = "sort_key";

/// A fixed-width UTC timestamp, so that text order is time order.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// How tasks are made and changed (the contract's `Task` is plain data).
pub trait TaskExt {
    /// A new, open task for `input`, created at `now`.
    fn create(input: NewTask, now: DateTime<Utc>) -> Task;
    /// Applies `patch` as of `now`.
    fn apply(&mut self, patch: &TaskPatch, now: DateTime<Utc>);
    /// The value tasks are ordered by (descending) and paged with.
    fn sort_key(&self) -> String;
}

impl TaskExt for Task {
    fn create(input: NewTask, now: DateTime<Utc>) -> Task {
        let id = TaskId::for_key(&input.idempotency_key);
        let non_empty = |t: Option<String>| t.filter(|s| !s.is_empty());
        Task {
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

    fn apply(&mut self, patch: &TaskPatch, now: DateTime<Utc>) {
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

    fn sort_key(&self) -> String {
        format!("{}|{}", self.created_at, self.id)
    }
}

/// Which tasks a filter keeps.
pub trait FilterExt {
    fn matches(&self, t: &Task) -> bool;
}

impl FilterExt for TaskFilter {
    fn matches(&self, t: &Task) -> bool {
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
