//! In-memory pipeline state: one process, same semantics as Firestore (used when no
//! Firestore is configured, and by the benchmark).

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use async_trait::async_trait;
use chrono::Utc;
use parking_lot::Mutex;

use super::packed::Messages;
use super::{Acquire, LastRun, Lease, PipelineStore, StoreError};
use crate::pipeline::model::{
    Cursor, MessageOutcome, MessageRecord, RunId, RunMessage, RunRecord, rfc3339,
};

/// Run details kept per run: what a run view shows (older entries are not kept in memory).
const MAX_RUN_ENTRIES: usize = 1_000;

#[derive(Default)]
struct State {
    lease: Option<Lease>,
    runs: HashMap<RunId, RunRecord>,
    run_messages: HashMap<RunId, RunEntries>,
    /// One packed record per message ever recorded: what a 100k-message mailbox costs.
    messages: Messages,
    last: Option<LastRun>,
}

/// A run's recorded messages (its first [`MAX_RUN_ENTRIES`]), with where each id is, so a
/// repeat finds its entry without scanning the run.
#[derive(Default)]
struct RunEntries {
    list: Vec<RunMessage>,
    at: HashMap<String, usize>,
}

impl RunEntries {
    /// Records `entry`; a repeat (same run) replaces the entry.
    fn record(&mut self, entry: &RunMessage) {
        match self.at.get(&entry.id) {
            Some(&i) => self.list[i] = entry.clone(),
            None if self.list.len() < MAX_RUN_ENTRIES => {
                self.at.insert(entry.id.clone(), self.list.len());
                self.list.push(entry.clone());
            }
            None => {}
        }
    }

    fn retain(&mut self, keep: impl Fn(&RunMessage) -> bool) {
        self.list.retain(keep);
        self.at = (self.list.iter().enumerate())
            .map(|(i, m)| (m.id.clone(), i))
            .collect();
    }
}

/// Pipeline state in this process only.
#[derive(Default)]
pub struct MemoryStore {
    state: Mutex<State>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

#[async_trait]
impl PipelineStore for MemoryStore {
    fn backend(&self) -> &'static str {
        "memory"
    }

    async fn try_acquire(
        &self,
        holder: &str,
        run_id: &RunId,
        ttl: Duration,
    ) -> Result<Acquire, StoreError> {
        let now = Utc::now();
        let mut s = self.state.lock();
        let stale = match s.lease.take() {
            Some(l) if l.live_at(now) && l.holder != holder => {
                let held = l.clone();
                s.lease = Some(l);
                return Ok(Acquire::Held(held));
            }
            Some(l) if !l.live_at(now) => Some(l),
            _ => None,
        };
        s.lease = Some(Lease::new(holder, run_id, now, ttl));
        Ok(Acquire::Acquired { stale })
    }

    async fn renew(&self, holder: &str, ttl: Duration) -> Result<bool, StoreError> {
        let now = Utc::now();
        let mut s = self.state.lock();
        match s.lease.as_mut() {
            Some(l) if l.holder == holder => {
                *l = Lease::new(holder, &l.run_id.clone(), now, ttl);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn release(&self, holder: &str) -> Result<(), StoreError> {
        let mut s = self.state.lock();
        if s.lease.as_ref().is_some_and(|l| l.holder == holder) {
            s.lease = None;
        }
        Ok(())
    }

    async fn lease(&self) -> Result<Option<Lease>, StoreError> {
        let now = Utc::now();
        Ok(self.state.lock().lease.clone().filter(|l| l.live_at(now)))
    }

    async fn save_run(&self, run: &RunRecord) -> Result<(), StoreError> {
        self.state
            .lock()
            .runs
            .insert(run.run_id.clone(), run.clone());
        Ok(())
    }

    async fn request_cancel(&self, id: &RunId) -> Result<bool, StoreError> {
        let mut state = self.state.lock();
        Ok(match state.runs.get_mut(id) {
            Some(run) if !run.status.is_final() => {
                run.cancel_requested = true;
                true
            }
            _ => false,
        })
    }

    async fn run(&self, id: &RunId) -> Result<Option<RunRecord>, StoreError> {
        Ok(self.state.lock().runs.get(id).cloned())
    }

    async fn finish_run(&self, run: &RunRecord, cursor: &Cursor) -> Result<(), StoreError> {
        let mut s = self.state.lock();
        s.runs.insert(run.run_id.clone(), run.clone());
        s.last = Some(LastRun {
            run: run.clone(),
            cursor: cursor.clone(),
        });
        Ok(())
    }

    async fn last_run(&self) -> Result<Option<LastRun>, StoreError> {
        Ok(self.state.lock().last.clone())
    }

    async fn message(&self, id: &str) -> Result<Option<MessageRecord>, StoreError> {
        Ok(self.state.lock().messages.get(id))
    }

    async fn record_message(
        &self,
        record: &MessageRecord,
        entry: &RunMessage,
    ) -> Result<(), StoreError> {
        let mut s = self.state.lock();
        s.messages.insert(record);
        s.run_messages
            .entry(record.run_id.clone())
            .or_default()
            .record(entry);
        Ok(())
    }

    async fn retry_due(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        let mut ids = self
            .state
            .lock()
            .messages
            .ids_with(MessageOutcome::Retrying);
        ids.sort();
        ids.truncate(limit);
        Ok(ids)
    }

    async fn run_messages(&self, id: &RunId, limit: usize) -> Result<Vec<RunMessage>, StoreError> {
        let s = self.state.lock();
        let mut list = s
            .run_messages
            .get(id)
            .map(|e| e.list.clone())
            .unwrap_or_default();
        list.sort_by(|a, b| a.id.cmp(&b.id));
        list.truncate(limit);
        Ok(list)
    }

    async fn failed_messages(&self, limit: usize) -> Result<Vec<MessageRecord>, StoreError> {
        let mut failed = self
            .state
            .lock()
            .messages
            .records_with(MessageOutcome::Failed);
        failed.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
        failed.truncate(limit);
        Ok(failed)
    }

    async fn requeue(&self, ids: &[String]) -> Result<Vec<String>, StoreError> {
        let mut s = self.state.lock();
        let now = rfc3339(Utc::now());
        let mut queued = Vec::new();
        for id in ids {
            if s.messages.requeue(id, &now) {
                queued.push(id.clone());
            }
        }
        Ok(queued)
    }

    async fn erase_sender(&self, sender_key: &str) -> Result<usize, StoreError> {
        let mut s = self.state.lock();
        let ids: HashSet<String> = s.messages.erase_sender(sender_key).into_iter().collect();
        for entries in s.run_messages.values_mut() {
            entries.retain(|m| !ids.contains(&m.id));
        }
        Ok(ids.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_runs_entries_replace_repeats_keep_the_first_thousand_and_survive_erasure() {
        let entry = |id: &str, subject: &str| RunMessage {
            id: id.into(),
            subject: Some(subject.into()),
            ..RunMessage::default()
        };
        let mut e = RunEntries::default();
        for i in 0..MAX_RUN_ENTRIES + 5 {
            e.record(&entry(&format!("m{i}"), "first"));
        }
        assert_eq!(e.list.len(), MAX_RUN_ENTRIES, "only the first are kept");
        e.record(&entry("m7", "again"));
        e.record(&entry(&format!("m{}", MAX_RUN_ENTRIES + 1), "late"));
        assert_eq!(e.list.len(), MAX_RUN_ENTRIES);
        assert_eq!(e.list[7].subject.as_deref(), Some("again"));

        e.retain(|m| m.id != "m3");
        assert_eq!(e.list.len(), MAX_RUN_ENTRIES - 1);
        // Positions moved up by one after m3; a repeat still lands on its own entry.
        e.record(&entry("m9", "after erasure"));
        let m9 = e.list.iter().find(|m| m.id == "m9").unwrap();
        assert_eq!(m9.subject.as_deref(), Some("after erasure"));
        assert_eq!(e.list.iter().filter(|m| m.id == "m9").count(), 1);
        e.record(&entry("new", "fits again"));
        assert_eq!(e.list.last().unwrap().id, "new");
    }
}
