//! In-memory pipeline state: one process, same semantics as Firestore (used when no
//! Firestore is configured, and by the benchmark).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use parking_lot::Mutex;

use super::{Acquire, LastRun, Lease, PipelineStore, StoreError};
use crate::pipeline::model::{
    Cursor, MessageOutcome, MessageRecord, RunId, RunMessage, RunRecord, parse_time, rfc3339,
};

/// Run details kept per run: what a run view shows (older entries are not kept in memory).
const MAX_RUN_ENTRIES: usize = 1_000;

#[derive(Default)]
struct State {
    lease: Option<Lease>,
    runs: HashMap<RunId, RunRecord>,
    run_messages: HashMap<RunId, RunEntries>,
    /// One compact record per message ever recorded: what a 100k-message mailbox costs
    /// (about 250 bytes a message, against some 700 as `MessageRecord`s in the map).
    messages: HashMap<Box<str>, Box<Stored>>,
    /// Run ids the records name, interned (`Stored` keeps their index).
    run_ids: Vec<RunId>,
    run_index: HashMap<RunId, u32>,
    /// Sender keys, interned (one sender writes many messages).
    senders: HashSet<Arc<str>>,
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

/// A [`MessageRecord`] as kept in memory: the same content, with run ids and sender keys
/// interned and strings boxed.
struct Stored {
    outcome: MessageOutcome,
    attempts: u32,
    run: u32,
    /// Every run that worked on it, oldest first (indexes into `State::run_ids`), except
    /// the last when it is `run` (the usual case: no allocation for a message worked once).
    runs: Box<[u32]>,
    runs_end_with_run: bool,
    error: Option<Box<str>>,
    task_ids: TaskIds,
    updated_at: Stamp,
    sender_key: Option<Arc<str>>,
}

/// `updated_at` as [`rfc3339`] writes it (UTC, milliseconds) kept as that instant, eight
/// bytes instead of a 24-byte string on the heap; any other text is kept as it is.
enum Stamp {
    Millis(i64),
    Text(Box<str>),
}

impl Stamp {
    fn new(text: &str) -> Self {
        match parse_time(text) {
            Some(t) if rfc3339(t) == text => Stamp::Millis(t.timestamp_millis()),
            _ => Stamp::Text(text.into()),
        }
    }

    fn text(&self) -> String {
        match self {
            Stamp::Millis(ms) => DateTime::from_timestamp_millis(*ms)
                .map(rfc3339)
                .unwrap_or_default(),
            Stamp::Text(t) => t.to_string(),
        }
    }
}

/// A message's task ids, each ended by a NUL in one string: one allocation, not two, for the
/// usual single task. An id holding a NUL itself (no service makes one) is kept apart.
enum TaskIds {
    Joined(Box<str>),
    Each(Box<[Box<str>]>),
}

impl TaskIds {
    fn new(ids: &[String]) -> Self {
        if ids.iter().any(|id| id.contains('\0')) {
            return TaskIds::Each(ids.iter().map(|id| id.as_str().into()).collect());
        }
        TaskIds::Joined(
            ids.iter()
                .flat_map(|id| [id.as_str(), "\0"])
                .collect::<String>()
                .into(),
        )
    }

    fn list(&self) -> Vec<String> {
        match self {
            TaskIds::Joined(ids) => ids.split_terminator('\0').map(str::to_string).collect(),
            TaskIds::Each(ids) => ids.iter().map(|id| id.to_string()).collect(),
        }
    }
}

impl State {
    fn intern_run(&mut self, id: &RunId) -> u32 {
        if let Some(i) = self.run_index.get(id) {
            return *i;
        }
        let i = u32::try_from(self.run_ids.len()).expect("fewer than 4 billion runs");
        self.run_ids.push(id.clone());
        self.run_index.insert(id.clone(), i);
        i
    }

    fn intern_sender(&mut self, key: &str) -> Arc<str> {
        if let Some(k) = self.senders.get(key) {
            return k.clone();
        }
        let k: Arc<str> = key.into();
        self.senders.insert(k.clone());
        k
    }

    fn store(&mut self, r: &MessageRecord) -> Stored {
        let runs_end_with_run = r.runs.last() == Some(&r.run_id);
        let earlier = &r.runs[..r.runs.len() - usize::from(runs_end_with_run)];
        Stored {
            outcome: r.outcome,
            attempts: r.attempts,
            run: self.intern_run(&r.run_id),
            runs: earlier.iter().map(|id| self.intern_run(id)).collect(),
            runs_end_with_run,
            error: r.error.as_deref().map(Into::into),
            task_ids: TaskIds::new(&r.task_ids),
            updated_at: Stamp::new(&r.updated_at),
            sender_key: r.sender_key.as_deref().map(|k| self.intern_sender(k)),
        }
    }

    fn record(&self, id: &str, m: &Stored) -> MessageRecord {
        let run = |i: &u32| self.run_ids[*i as usize].clone();
        MessageRecord {
            id: id.to_string(),
            outcome: m.outcome,
            attempts: m.attempts,
            run_id: run(&m.run),
            error: m.error.as_deref().map(str::to_string),
            task_ids: m.task_ids.list(),
            updated_at: m.updated_at.text(),
            runs: m
                .runs
                .iter()
                .chain(m.runs_end_with_run.then_some(&m.run))
                .map(run)
                .collect(),
            sender_key: m.sender_key.as_deref().map(str::to_string),
        }
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
        let s = self.state.lock();
        Ok(s.messages.get(id).map(|m| s.record(id, m)))
    }

    async fn record_message(
        &self,
        record: &MessageRecord,
        entry: &RunMessage,
    ) -> Result<(), StoreError> {
        let mut s = self.state.lock();
        let stored = Box::new(s.store(record));
        s.messages.insert(record.id.as_str().into(), stored);
        s.run_messages
            .entry(record.run_id.clone())
            .or_default()
            .record(entry);
        Ok(())
    }

    async fn retry_due(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        let s = self.state.lock();
        let mut ids: Vec<String> = s
            .messages
            .iter()
            .filter(|(_, m)| m.outcome == MessageOutcome::Retrying)
            .map(|(id, _)| id.to_string())
            .collect();
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
        let s = self.state.lock();
        let mut failed: Vec<MessageRecord> = s
            .messages
            .iter()
            .filter(|(_, m)| m.outcome == MessageOutcome::Failed)
            .map(|(id, m)| s.record(id, m))
            .collect();
        failed.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
        failed.truncate(limit);
        Ok(failed)
    }

    async fn requeue(&self, ids: &[String]) -> Result<Vec<String>, StoreError> {
        let mut s = self.state.lock();
        let now = rfc3339(Utc::now());
        let mut queued = Vec::new();
        for id in ids {
            if let Some(m) = s.messages.get_mut(id.as_str())
                && m.outcome == MessageOutcome::Failed
            {
                m.outcome = MessageOutcome::Retrying;
                m.attempts = 0;
                m.updated_at = Stamp::new(&now);
                queued.push(id.clone());
            }
        }
        Ok(queued)
    }

    async fn erase_sender(&self, sender_key: &str) -> Result<usize, StoreError> {
        let mut s = self.state.lock();
        let ids: HashSet<String> = s
            .messages
            .iter()
            .filter(|(_, m)| m.sender_key.as_deref() == Some(sender_key))
            .map(|(id, _)| id.to_string())
            .collect();
        s.messages.retain(|id, _| !ids.contains(&**id));
        for entries in s.run_messages.values_mut() {
            entries.retain(|m| !ids.contains(&m.id));
        }
        if !ids.is_empty() {
            s.senders.remove(sender_key);
        }
        Ok(ids.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_fields_give_back_exactly_what_was_stored() {
        let written = rfc3339(Utc::now());
        assert!(matches!(Stamp::new(&written), Stamp::Millis(_)));
        assert_eq!(Stamp::new(&written).text(), written);
        for other in [
            "2026-12-01T10:00:00+02:00",
            "2026-12-01T08:00:00Z",
            "yesterday",
            "",
        ] {
            assert_eq!(Stamp::new(other).text(), other);
        }
        for ids in [
            vec![],
            vec!["t1".to_string()],
            vec!["t1".to_string(), String::new(), "t3".to_string()],
            vec!["odd\0id".to_string(), "t2".to_string()],
        ] {
            assert_eq!(TaskIds::new(&ids).list(), ids);
        }
    }

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
