//! The memory store's message records, packed: one fixed-size row per message, every id and
//! task id in one byte arena, found through a table of row numbers hashed by id. A 100k-
//! message mailbox costs a few large blocks (about 100 bytes a message) instead of four small
//! allocations a message scattered among the run's short-lived buffers, which is what kept a
//! long run's memory from being reused.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;

use chrono::DateTime;
use hashbrown::{DefaultHashBuilder, HashTable};

use crate::pipeline::model::{MessageOutcome, MessageRecord, RunId, parse_time, rfc3339};

/// No sender key (a row's `sender`).
const NO_SENDER: u32 = u32::MAX;
/// `updated_at` kept as text in `Messages::odd_stamps` (a row's `updated_ms`).
const ODD_STAMP: i64 = i64::MIN;

/// Bytes `start..start + len` of the arena.
#[derive(Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

struct Row {
    id: Span,
    /// The task ids, each written as its length (4 bytes, little-endian) and its bytes.
    task_ids: Span,
    /// `updated_at` as milliseconds when [`rfc3339`] wrote it, else [`ODD_STAMP`].
    updated_ms: i64,
    attempts: u32,
    /// Index into `Messages::run_ids`.
    run: u32,
    /// Index into `Messages::senders`, or [`NO_SENDER`].
    sender: u32,
    outcome: MessageOutcome,
    /// Whether the record's `runs` ends with `run` (the usual case: `earlier_runs` then holds
    /// the rest, most often nothing).
    runs_end_with_run: bool,
}

/// Every message record this process has, with the same content a [`MessageRecord`] has.
#[derive(Default)]
pub(super) struct Messages {
    rows: Vec<Row>,
    arena: Vec<u8>,
    /// Arena bytes no row points at any more (task ids replaced by a later record).
    garbage: usize,
    index: HashTable<u32>,
    hasher: DefaultHashBuilder,
    /// What few records have, by row: an error, earlier runs, an `updated_at` in another form.
    errors: HashMap<u32, Box<str>>,
    earlier_runs: HashMap<u32, Box<[u32]>>,
    odd_stamps: HashMap<u32, Box<str>>,
    run_ids: Vec<RunId>,
    run_index: HashMap<RunId, u32>,
    senders: Vec<Arc<str>>,
    sender_index: HashMap<Arc<str>, u32>,
}

impl Messages {
    fn text(&self, s: Span) -> &[u8] {
        &self.arena[s.start as usize..(s.start + s.len) as usize]
    }

    fn id(&self, row: &Row) -> String {
        String::from_utf8_lossy(self.text(row.id)).into_owned()
    }

    fn push_text(&mut self, bytes: &[u8]) -> Span {
        let start = u32::try_from(self.arena.len()).expect("message arena under 4 GiB");
        self.arena.extend_from_slice(bytes);
        Span {
            start,
            len: u32::try_from(bytes.len()).expect("message arena under 4 GiB"),
        }
    }

    fn find(&self, id: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(id.as_bytes());
        self.index
            .find(hash, |&r| {
                self.text(self.rows[r as usize].id) == id.as_bytes()
            })
            .copied()
    }

    fn intern_run(&mut self, id: &RunId) -> u32 {
        if let Some(i) = self.run_index.get(id) {
            return *i;
        }
        let i = u32::try_from(self.run_ids.len()).expect("fewer than 4 billion runs");
        self.run_ids.push(id.clone());
        self.run_index.insert(id.clone(), i);
        i
    }

    fn intern_sender(&mut self, key: &str) -> u32 {
        if let Some(i) = self.sender_index.get(key) {
            return *i;
        }
        let i = u32::try_from(self.senders.len()).expect("fewer than 4 billion senders");
        let key: Arc<str> = key.into();
        self.senders.push(key.clone());
        self.sender_index.insert(key, i);
        i
    }

    /// Records `r`, replacing the record of the same id.
    pub(super) fn insert(&mut self, r: &MessageRecord) {
        let runs_end_with_run = r.runs.last() == Some(&r.run_id);
        let earlier: Box<[u32]> = r.runs[..r.runs.len() - usize::from(runs_end_with_run)]
            .iter()
            .map(|id| self.intern_run(id))
            .collect();
        let run = self.intern_run(&r.run_id);
        let sender = match r.sender_key.as_deref() {
            Some(k) => self.intern_sender(k),
            None => NO_SENDER,
        };
        let mut tasks = Vec::with_capacity(r.task_ids.iter().map(|t| t.len() + 4).sum());
        for t in &r.task_ids {
            let len = u32::try_from(t.len()).expect("a task id under 4 GiB");
            tasks.extend_from_slice(&len.to_le_bytes());
            tasks.extend_from_slice(t.as_bytes());
        }
        let (at, id) = match self.find(&r.id) {
            Some(at) => {
                let old = self.rows[at as usize].task_ids;
                self.garbage += old.len as usize;
                (at, self.rows[at as usize].id)
            }
            None => {
                let at = u32::try_from(self.rows.len()).expect("fewer than 4 billion messages");
                let id = self.push_text(r.id.as_bytes());
                let hash = self.hasher.hash_one(r.id.as_bytes());
                let (rows, arena, hasher) = (&self.rows, &self.arena, &self.hasher);
                self.index.insert_unique(hash, at, |&i| {
                    let s = rows[i as usize].id;
                    hasher.hash_one(&arena[s.start as usize..(s.start + s.len) as usize])
                });
                (at, id)
            }
        };
        let task_ids = self.push_text(&tasks);
        let row = Row {
            id,
            task_ids,
            updated_ms: ODD_STAMP,
            attempts: r.attempts,
            run,
            sender,
            outcome: r.outcome,
            runs_end_with_run,
        };
        match self.rows.get_mut(at as usize) {
            Some(slot) => *slot = row,
            None => self.rows.push(row),
        }
        self.set_updated_at(at, &r.updated_at);
        set(&mut self.errors, at, r.error.as_deref().map(Into::into));
        set(
            &mut self.earlier_runs,
            at,
            (!earlier.is_empty()).then_some(earlier),
        );
        if self.garbage > 64 * 1024 && self.garbage > self.arena.len() / 2 {
            self.rebuild(|_| true);
        }
    }

    fn record_at(&self, at: u32) -> MessageRecord {
        let row = &self.rows[at as usize];
        let run = |i: &u32| self.run_ids[*i as usize].clone();
        let mut task_ids = Vec::new();
        let mut rest = self.text(row.task_ids);
        while let Some((len, tail)) = rest.split_first_chunk::<4>() {
            let len = (u32::from_le_bytes(*len) as usize).min(tail.len());
            task_ids.push(String::from_utf8_lossy(&tail[..len]).into_owned());
            rest = &tail[len..];
        }
        let updated_at = match self.odd_stamps.get(&at) {
            Some(text) => text.to_string(),
            None => DateTime::from_timestamp_millis(row.updated_ms)
                .map(rfc3339)
                .unwrap_or_default(),
        };
        let earlier = self.earlier_runs.get(&at).map_or(&[][..], |r| &r[..]);
        MessageRecord {
            id: self.id(row),
            outcome: row.outcome,
            attempts: row.attempts,
            run_id: run(&row.run),
            error: self.errors.get(&at).map(|e| e.to_string()),
            task_ids,
            updated_at,
            runs: earlier
                .iter()
                .chain(row.runs_end_with_run.then_some(&row.run))
                .map(run)
                .collect(),
            sender_key: (row.sender != NO_SENDER)
                .then(|| self.senders[row.sender as usize].to_string()),
        }
    }

    pub(super) fn get(&self, id: &str) -> Option<MessageRecord> {
        self.find(id).map(|at| self.record_at(at))
    }

    fn rows_with(&self, outcome: MessageOutcome) -> impl Iterator<Item = u32> + '_ {
        (0..self.rows.len() as u32).filter(move |&at| self.rows[at as usize].outcome == outcome)
    }

    /// The ids of the messages whose outcome is `outcome`.
    pub(super) fn ids_with(&self, outcome: MessageOutcome) -> Vec<String> {
        self.rows_with(outcome)
            .map(|at| self.id(&self.rows[at as usize]))
            .collect()
    }

    /// The records of the messages whose outcome is `outcome`.
    pub(super) fn records_with(&self, outcome: MessageOutcome) -> Vec<MessageRecord> {
        self.rows_with(outcome)
            .map(|at| self.record_at(at))
            .collect()
    }

    /// Gives a failed message another round of attempts from `now`; false when `id` is not a
    /// failed message.
    pub(super) fn requeue(&mut self, id: &str, now: &str) -> bool {
        let Some(at) = self.find(id) else {
            return false;
        };
        let row = &mut self.rows[at as usize];
        if row.outcome != MessageOutcome::Failed {
            return false;
        }
        row.outcome = MessageOutcome::Retrying;
        row.attempts = 0;
        self.set_updated_at(at, now);
        true
    }

    /// Keeps `updated_at` of row `at`: as milliseconds when [`rfc3339`] wrote it, else as text.
    fn set_updated_at(&mut self, at: u32, text: &str) {
        let ms = match parse_time(text) {
            Some(t) if rfc3339(t) == text => t.timestamp_millis(),
            _ => ODD_STAMP,
        };
        self.rows[at as usize].updated_ms = ms;
        set(
            &mut self.odd_stamps,
            at,
            (ms == ODD_STAMP).then(|| text.into()),
        );
    }

    /// Forgets every record with sender key `key` (ids, task ids and the key itself, from
    /// the arena too); returns the ids forgotten.
    pub(super) fn erase_sender(&mut self, key: &str) -> Vec<String> {
        let Some(&sender) = self.sender_index.get(key) else {
            return Vec::new();
        };
        let erased: Vec<String> = (0..self.rows.len())
            .filter(|&at| self.rows[at].sender == sender)
            .map(|at| self.id(&self.rows[at]))
            .collect();
        self.rebuild(|r| r.sender_key.as_deref() != Some(key));
        erased
    }

    /// Writes the table anew with the records `keep` keeps: no garbage, nothing of the rest.
    fn rebuild(&mut self, keep: impl Fn(&MessageRecord) -> bool) {
        let kept: Vec<MessageRecord> = (0..self.rows.len() as u32)
            .map(|at| self.record_at(at))
            .filter(|r| keep(r))
            .collect();
        let run_ids = std::mem::take(&mut self.run_ids);
        let run_index = std::mem::take(&mut self.run_index);
        *self = Messages {
            run_ids,
            run_index,
            ..Messages::default()
        };
        for r in &kept {
            self.insert(r);
        }
    }
}

/// Sets or clears `at`'s entry in a side table.
fn set<V>(map: &mut HashMap<u32, V>, at: u32, value: Option<V>) {
    match value {
        Some(v) => {
            map.insert(at, v);
        }
        None => {
            map.remove(&at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, sender: Option<&str>) -> MessageRecord {
        let run = RunId::generate();
        MessageRecord {
            id: id.into(),
            outcome: MessageOutcome::Done,
            attempts: 1,
            run_id: run.clone(),
            error: None,
            task_ids: vec![format!("task-{id}")],
            updated_at: rfc3339(chrono::Utc::now()),
            runs: vec![run],
            sender_key: sender.map(str::to_string),
        }
    }

    #[test]
    fn every_field_comes_back_exactly_as_recorded() {
        let mut m = Messages::default();
        let (r1, r2) = (RunId::generate(), RunId::generate());
        let odd = MessageRecord {
            id: "ünïcode-id".into(),
            outcome: MessageOutcome::Failed,
            attempts: 3,
            run_id: r1.clone(),
            error: Some("enrich: timeout: chargebee".into()),
            task_ids: vec!["t1".into(), String::new(), "odd\0id".into()],
            updated_at: "2026-12-01T10:00:00+02:00".into(),
            runs: vec![r1.clone(), r2.clone(), r1.clone()],
            sender_key: Some("k1".into()),
        };
        let plain = record("m2", None);
        let empty = MessageRecord {
            id: String::new(),
            task_ids: vec![],
            runs: vec![],
            updated_at: "yesterday".into(),
            ..record("x", Some("k1"))
        };
        for r in [&odd, &plain, &empty] {
            m.insert(r);
        }
        for r in [&odd, &plain, &empty] {
            assert_eq!(m.get(&r.id).as_ref(), Some(r));
        }
        assert_eq!(m.get("m3"), None);
        assert_eq!(m.ids_with(MessageOutcome::Failed), vec![odd.id.clone()]);
        assert_eq!(m.records_with(MessageOutcome::Done).len(), 2);
    }

    #[test]
    fn a_repeat_replaces_its_record_and_garbage_is_given_back() {
        let mut m = Messages::default();
        for i in 0..100 {
            m.insert(&record(&format!("m{i}"), None));
        }
        for round in 0..5_000 {
            let mut r = record("m7", None);
            r.attempts = round;
            r.task_ids = vec!["t".repeat(40)];
            m.insert(&r);
            assert_eq!(m.get("m7").unwrap().attempts, round);
        }
        assert_eq!(m.rows.len(), 100, "a repeat adds no row");
        assert!(
            m.arena.len() < 200 * 1024,
            "replaced task ids were compacted away"
        );
        assert_eq!(m.get("m99").unwrap().task_ids, vec!["task-m99".to_string()]);
    }

    #[test]
    fn requeue_takes_only_failed_messages_and_erasure_forgets_the_sender_everywhere() {
        let mut m = Messages::default();
        let mut failed = record("f1", Some("alice"));
        failed.outcome = MessageOutcome::Failed;
        m.insert(&failed);
        m.insert(&record("d1", Some("alice")));
        m.insert(&record("d2", Some("bob")));
        assert!(!m.requeue("d1", "2026-12-02T00:00:00.000Z"));
        assert!(!m.requeue("nope", "2026-12-02T00:00:00.000Z"));
        assert!(m.requeue("f1", "2026-12-02T00:00:00.000Z"));
        let again = m.get("f1").unwrap();
        assert_eq!(
            (again.outcome, again.attempts, again.updated_at.as_str()),
            (MessageOutcome::Retrying, 0, "2026-12-02T00:00:00.000Z")
        );

        let mut erased = m.erase_sender("alice");
        erased.sort();
        assert_eq!(erased, ["d1", "f1"]);
        assert_eq!((m.get("f1"), m.get("d1")), (None, None));
        assert_eq!(m.get("d2").unwrap().sender_key.as_deref(), Some("bob"));
        assert!(!m.sender_index.contains_key("alice"));
        let arena = String::from_utf8_lossy(&m.arena);
        assert!(!arena.contains("f1") && !arena.contains("d1"), "{arena:?}");
        assert!(m.erase_sender("alice").is_empty());
    }
}
