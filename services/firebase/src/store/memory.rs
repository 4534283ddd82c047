//! The in-memory backend: same semantics as Firestore, gone at restart. Used when no Firestore
//! is configured (local runs without the emulator).

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use common::Email;
use parking_lot::Mutex;

use super::{ProfileStore, StoreError, TaskStore};
use crate::domain::{FilterExt, ListQuery, Profile, Task, TaskExt, TaskId, TaskPatch};

#[derive(Default)]
struct Inner {
    tasks: BTreeMap<String, Task>,
    profiles: BTreeMap<String, Profile>,
    /// The last update time handed out: each write gets a strictly later one, as in Firestore.
    last_write: Option<DateTime<Utc>>,
}

/// Tasks and profiles in a map behind one lock (every operation is short and synchronous).
#[derive(Default)]
pub struct MemoryStore {
    inner: Mutex<Inner>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Inner {
    fn next_write_time(&mut self) -> DateTime<Utc> {
        let now = Utc::now();
        let t = match self.last_write {
            Some(last) if now <= last => last + chrono::Duration::microseconds(1),
            _ => now,
        };
        self.last_write = Some(t);
        t
    }
}

fn format_update_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

#[async_trait]
impl TaskStore for MemoryStore {
    async fn create(&self, mut task: Task) -> Result<(Task, bool), StoreError> {
        let mut inner = self.inner.lock();
        if let Some(existing) = inner.tasks.get(&task.id) {
            return Ok((existing.clone(), false));
        }
        task.update_time = format_update_time(inner.next_write_time());
        inner.tasks.insert(task.id.clone(), task.clone());
        Ok((task, true))
    }

    async fn get(&self, id: &TaskId) -> Result<Option<Task>, StoreError> {
        Ok(self.inner.lock().tasks.get(id.as_str()).cloned())
    }

    async fn list(&self, query: &ListQuery) -> Result<Vec<Task>, StoreError> {
        let inner = self.inner.lock();
        let mut matching: Vec<(String, &Task)> = inner
            .tasks
            .values()
            .filter(|t| query.filter.matches(t))
            .map(|t| (t.sort_key(), t))
            .filter(|(k, _)| query.after.as_ref().is_none_or(|after| k < after))
            .collect();
        matching.sort_by(|a, b| b.0.cmp(&a.0));
        Ok(matching
            .into_iter()
            .take(query.page_size as usize)
            .map(|(_, t)| t.clone())
            .collect())
    }

    async fn update(
        &self,
        id: &TaskId,
        patch: &TaskPatch,
        expected: Option<DateTime<Utc>>,
    ) -> Result<Task, StoreError> {
        let mut inner = self.inner.lock();
        let write_time = inner.next_write_time();
        let task = inner
            .tasks
            .get_mut(id.as_str())
            .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        if let Some(expected) = expected {
            let current = DateTime::parse_from_rfc3339(&task.update_time)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            if current != expected {
                return Err(StoreError::Conflict(format!(
                    "task {id} changed since update_time {}: read it again",
                    format_update_time(expected)
                )));
            }
        }
        task.apply(patch, Utc::now());
        task.update_time = format_update_time(write_time);
        Ok(task.clone())
    }

    async fn ping(&self) -> Result<(), StoreError> {
        Ok(())
    }

    fn backend(&self) -> &'static str {
        "memory"
    }
}

#[async_trait]
impl ProfileStore for MemoryStore {
    async fn profile_by_email(&self, email: &Email) -> Result<Option<Profile>, StoreError> {
        Ok(self
            .inner
            .lock()
            .profiles
            .values()
            .find(|p| p.email.eq_ignore_ascii_case(email.as_str()))
            .cloned())
    }

    async fn put_profiles(&self, profiles: &[Profile]) -> Result<usize, StoreError> {
        let mut inner = self.inner.lock();
        for p in profiles {
            inner.profiles.insert(p.uid.clone(), p.clone());
        }
        Ok(profiles.len())
    }
}
