//! Durable pipeline state behind one trait, with two backends: Firestore and memory.
//!
//! It holds runs (with their per-message details), processed message ids with outcomes,
//! the last finished run (with the high-water mark) and the lease that keeps one run active
//! across all instances.

mod firestore;
mod memory;
mod packed;
mod timed;

use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::model::{Cursor, MessageRecord, RunId, RunMessage, RunRecord};

pub use self::firestore::FirestoreStore;
pub use memory::MemoryStore;
pub use timed::TimedStore;

/// The store failed (unreachable, refused, corrupt data).
#[derive(Debug, Clone, thiserror::Error)]
#[error("pipeline store: {0}")]
pub struct StoreError(pub String);

/// Who holds the run lease, for which run, until when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lease {
    pub holder: String,
    pub run_id: RunId,
    /// RFC 3339.
    pub expires_at: String,
}

impl Lease {
    pub fn new(holder: &str, run_id: &RunId, now: DateTime<Utc>, ttl: Duration) -> Self {
        let ttl = chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::MAX);
        Self {
            holder: holder.to_string(),
            run_id: run_id.clone(),
            expires_at: super::model::rfc3339(now + ttl),
        }
    }

    /// Whether the lease still binds at `now` (an unreadable expiry counts as expired).
    pub fn live_at(&self, now: DateTime<Utc>) -> bool {
        super::model::parse_time(&self.expires_at).is_some_and(|t| t > now)
    }
}

/// The result of trying to take the lease.
#[derive(Debug, Clone, PartialEq)]
pub enum Acquire {
    /// We hold it now; `stale` is an expired lease we took over (its run was interrupted).
    Acquired { stale: Option<Lease> },
    /// Someone else holds a live lease.
    Held(Lease),
}

/// The last finished run and where the next run starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastRun {
    pub run: RunRecord,
    /// What has been listed so far.
    #[serde(default)]
    pub cursor: Cursor,
}

/// Durable pipeline state. Implementations must make `try_acquire` and `renew` atomic
/// across instances.
#[async_trait]
pub trait PipelineStore: Send + Sync {
    /// `firestore` or `memory`, for logs and status.
    fn backend(&self) -> &'static str;

    /// Takes the lease for `run_id` unless someone else holds a live one.
    async fn try_acquire(
        &self,
        holder: &str,
        run_id: &RunId,
        ttl: Duration,
    ) -> Result<Acquire, StoreError>;

    /// Extends our lease; `false` when it is no longer ours.
    async fn renew(&self, holder: &str, ttl: Duration) -> Result<bool, StoreError>;

    /// Gives the lease up if we hold it.
    async fn release(&self, holder: &str) -> Result<(), StoreError>;

    /// The live lease, if any.
    async fn lease(&self) -> Result<Option<Lease>, StoreError>;

    /// Writes a run record (started, progressing or finished).
    async fn save_run(&self, run: &RunRecord) -> Result<(), StoreError>;

    async fn run(&self, id: &RunId) -> Result<Option<RunRecord>, StoreError>;

    /// Marks run `id` to be cancelled if it is still running (`true` when it now is marked).
    /// Never overwrites a record that ended meanwhile.
    async fn request_cancel(&self, id: &RunId) -> Result<bool, StoreError>;

    /// Writes the finished run and makes it the last run, with the listing cursor it leaves.
    async fn finish_run(&self, run: &RunRecord, cursor: &Cursor) -> Result<(), StoreError>;

    async fn last_run(&self) -> Result<Option<LastRun>, StoreError>;

    async fn message(&self, id: &str) -> Result<Option<MessageRecord>, StoreError>;

    /// Records a message's outcome and its entry in the run's details.
    async fn record_message(
        &self,
        record: &MessageRecord,
        entry: &RunMessage,
    ) -> Result<(), StoreError>;

    /// Ids of messages that failed and are due for another attempt.
    async fn retry_due(&self, limit: usize) -> Result<Vec<String>, StoreError>;

    /// A run's per-message details (at most `limit`).
    async fn run_messages(&self, id: &RunId, limit: usize) -> Result<Vec<RunMessage>, StoreError>;

    /// Messages that failed for good, most recent first (at most `limit`).
    async fn failed_messages(&self, limit: usize) -> Result<Vec<MessageRecord>, StoreError>;

    /// Gives failed messages another round of attempts (outcome `retrying`, attempts reset);
    /// returns the ids that were failed and are now queued.
    async fn requeue(&self, ids: &[String]) -> Result<Vec<String>, StoreError>;

    /// Deletes the records of messages whose sender has this key, and their entries in run
    /// details; returns how many messages were erased.
    async fn erase_sender(&self, sender_key: &str) -> Result<usize, StoreError>;
}

/// A Gmail message id as a document id: kept when already safe, hashed otherwise.
pub fn message_doc_id(id: &str) -> String {
    let safe = !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if safe {
        id.to_string()
    } else {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(id.as_bytes());
        format!("h-{}", common::text::hex(&digest[..16]))
    }
}

#[cfg(test)]
mod tests;
