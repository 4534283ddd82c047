//! Pipeline state in Firestore. The lease is one document changed only under an
//! update-time precondition (or "must not exist" on creation), so two instances racing for it
//! cannot both win; a run's messages live in a sub-collection of its run document.

use std::time::Duration;

use async_trait::async_trait;
use chrono::Utc;
use firestore::errors::FirestoreError;
use firestore::{FirestoreDb, FirestoreWritePrecondition};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Acquire, LastRun, Lease, PipelineStore, StoreError, message_doc_id};
use crate::pipeline::model::{Cursor, MessageRecord, RunId, RunMessage, RunRecord};

/// The lease document's id in the lease collection.
const LEASE_DOC: &str = "lease";
/// The last-run summary's id in the lease collection.
const LAST_RUN_DOC: &str = "last_run";
/// Sub-collection of a run document holding its messages.
const RUN_MESSAGES: &str = "messages";
/// Attempts at a lease change before giving up on contention.
const LEASE_ATTEMPTS: usize = 5;
/// Most documents one query of failed or erasable messages reads.
const MAX_SCAN: u32 = 10_000;

/// Pipeline state in Firestore collections (names from settings).
pub struct FirestoreStore {
    db: FirestoreDb,
    runs: String,
    messages: String,
    lease: String,
}

fn err(e: FirestoreError) -> StoreError {
    StoreError(e.to_string())
}

/// A write lost a race (precondition failed, document already exists, transaction aborted).
fn lost_race(e: &FirestoreError) -> bool {
    match e {
        FirestoreError::DataConflictError(_) => true,
        FirestoreError::DatabaseError(d) => {
            matches!(d.public.code.as_str(), "FailedPrecondition" | "Aborted")
        }
        _ => false,
    }
}

impl FirestoreStore {
    /// Connects to `project_id` (the emulator when `FIRESTORE_EMULATOR_HOST` is set).
    pub async fn connect(
        project_id: &str,
        runs: &str,
        messages: &str,
        lease: &str,
    ) -> Result<Self, StoreError> {
        common::tls::install();
        let db = FirestoreDb::new(project_id).await.map_err(err)?;
        Ok(Self {
            db,
            runs: runs.to_string(),
            messages: messages.to_string(),
            lease: lease.to_string(),
        })
    }

    /// Reads a document with its update time (for a precondition on the next write).
    async fn read<T: DeserializeOwned>(
        &self,
        collection: &str,
        id: &str,
    ) -> Result<Option<(T, FirestoreWritePrecondition)>, StoreError> {
        let doc = self
            .db
            .fluent()
            .select()
            .by_id_in(collection)
            .one(id)
            .await
            .map_err(err)?;
        let Some(doc) = doc else { return Ok(None) };
        let value: T = FirestoreDb::deserialize_doc_to(&doc).map_err(err)?;
        let precondition = match doc.update_time {
            Some(t) => FirestoreWritePrecondition::UpdateTime(
                firestore::timestamp_utils::from_timestamp(t).map_err(err)?,
            ),
            None => FirestoreWritePrecondition::Exists(true),
        };
        Ok(Some((value, precondition)))
    }

    async fn write<T>(
        &self,
        collection: &str,
        id: &str,
        value: &T,
        precondition: Option<FirestoreWritePrecondition>,
    ) -> Result<(), FirestoreError>
    where
        T: Serialize + DeserializeOwned + Send + Sync,
    {
        let builder = self.db.fluent().update().in_col(collection);
        let builder = match precondition {
            Some(p) => builder.precondition(p),
            None => builder,
        };
        builder
            .document_id(id)
            .object(value)
            .execute::<T>()
            .await
            .map(|_| ())
    }
}

#[async_trait]
impl PipelineStore for FirestoreStore {
    fn backend(&self) -> &'static str {
        "firestore"
    }

    #[tracing::instrument(skip_all, fields(run_id = %run_id))]
    async fn try_acquire(
        &self,
        holder: &str,
        run_id: &RunId,
        ttl: Duration,
    ) -> Result<Acquire, StoreError> {
        for _ in 0..LEASE_ATTEMPTS {
            let now = Utc::now();
            let current = self.read::<Lease>(&self.lease, LEASE_DOC).await?;
            let (stale, precondition) = match current {
                Some((l, _)) if l.live_at(now) && l.holder != holder => {
                    return Ok(Acquire::Held(l));
                }
                Some((l, p)) => ((!l.live_at(now)).then_some(l), p),
                None => (None, FirestoreWritePrecondition::Exists(false)),
            };
            let lease = Lease::new(holder, run_id, now, ttl);
            match self
                .write(&self.lease, LEASE_DOC, &lease, Some(precondition))
                .await
            {
                Ok(()) => return Ok(Acquire::Acquired { stale }),
                Err(e) if lost_race(&e) => continue,
                Err(e) => return Err(err(e)),
            }
        }
        Err(StoreError("the lease is contended; try again".into()))
    }

    async fn renew(&self, holder: &str, ttl: Duration) -> Result<bool, StoreError> {
        for _ in 0..LEASE_ATTEMPTS {
            let Some((l, precondition)) = self.read::<Lease>(&self.lease, LEASE_DOC).await? else {
                return Ok(false);
            };
            if l.holder != holder {
                return Ok(false);
            }
            let lease = Lease::new(holder, &l.run_id, Utc::now(), ttl);
            match self
                .write(&self.lease, LEASE_DOC, &lease, Some(precondition))
                .await
            {
                Ok(()) => return Ok(true),
                Err(e) if lost_race(&e) => continue,
                Err(e) => return Err(err(e)),
            }
        }
        Ok(false)
    }

    async fn release(&self, holder: &str) -> Result<(), StoreError> {
        let Some((l, precondition)) = self.read::<Lease>(&self.lease, LEASE_DOC).await? else {
            return Ok(());
        };
        if l.holder != holder {
            return Ok(());
        }
        let result = self
            .db
            .fluent()
            .delete()
            .from(self.lease.as_str())
            .precondition(precondition)
            .document_id(LEASE_DOC)
            .execute()
            .await;
        match result {
            // Someone took it over after it expired: it is theirs now.
            Err(e) if lost_race(&e) => Ok(()),
            other => other.map_err(err),
        }
    }

    async fn lease(&self) -> Result<Option<Lease>, StoreError> {
        let now = Utc::now();
        Ok(self
            .read::<Lease>(&self.lease, LEASE_DOC)
            .await?
            .map(|(l, _)| l)
            .filter(|l| l.live_at(now)))
    }

    async fn save_run(&self, run: &RunRecord) -> Result<(), StoreError> {
        self.write(&self.runs, run.run_id.as_str(), run, None)
            .await
            .map_err(err)
    }

    async fn run(&self, id: &RunId) -> Result<Option<RunRecord>, StoreError> {
        Ok(self
            .read::<RunRecord>(&self.runs, id.as_str())
            .await?
            .map(|(r, _)| r))
    }

    async fn request_cancel(&self, id: &RunId) -> Result<bool, StoreError> {
        // Conditional on the record read: a run that ends meanwhile is re-read, never
        // overwritten with its running state. Two tries are plenty (a run's record is
        // written only when it starts and when it ends).
        for _ in 0..3 {
            let Some((mut run, precondition)) =
                self.read::<RunRecord>(&self.runs, id.as_str()).await?
            else {
                return Ok(false);
            };
            if run.status.is_final() {
                return Ok(false);
            }
            run.cancel_requested = true;
            match self
                .write(&self.runs, id.as_str(), &run, Some(precondition))
                .await
            {
                Ok(()) => return Ok(true),
                Err(e) if lost_race(&e) => continue,
                Err(e) => return Err(err(e)),
            }
        }
        Ok(false)
    }

    async fn finish_run(&self, run: &RunRecord, cursor: &Cursor) -> Result<(), StoreError> {
        self.save_run(run).await?;
        // Only the lease holder finishes runs, so this write has no competitor.
        let last = LastRun {
            run: run.clone(),
            cursor: cursor.clone(),
        };
        self.write(&self.lease, LAST_RUN_DOC, &last, None)
            .await
            .map_err(err)
    }

    async fn last_run(&self) -> Result<Option<LastRun>, StoreError> {
        Ok(self
            .read::<LastRun>(&self.lease, LAST_RUN_DOC)
            .await?
            .map(|(l, _)| l))
    }

    async fn message(&self, id: &str) -> Result<Option<MessageRecord>, StoreError> {
        Ok(self
            .read::<MessageRecord>(&self.messages, &message_doc_id(id))
            .await?
            .map(|(m, _)| m))
    }

    async fn record_message(
        &self,
        record: &MessageRecord,
        entry: &RunMessage,
    ) -> Result<(), StoreError> {
        let parent = self
            .db
            .parent_path(&self.runs, record.run_id.as_str())
            .map_err(err)?;
        let doc_id = message_doc_id(&record.id);
        let detail = self
            .db
            .fluent()
            .update()
            .in_col(RUN_MESSAGES)
            .document_id(&doc_id)
            .parent(&parent)
            .object(entry)
            .execute::<RunMessage>();
        let outcome = self.write(&self.messages, &doc_id, record, None);
        let (a, b) = futures::join!(detail, outcome);
        a.map_err(err)?;
        b.map_err(err)
    }

    async fn retry_due(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        let found: Vec<MessageRecord> = self
            .db
            .fluent()
            .select()
            .from(self.messages.as_str())
            .filter(|q| q.for_all([q.field("outcome").eq("retrying")]))
            .limit(limit.min(u32::MAX as usize) as u32)
            .obj()
            .query()
            .await
            .map_err(err)?;
        Ok(found.into_iter().map(|m| m.id).collect())
    }

    async fn run_messages(&self, id: &RunId, limit: usize) -> Result<Vec<RunMessage>, StoreError> {
        let parent = self.db.parent_path(&self.runs, id.as_str()).map_err(err)?;
        let mut list: Vec<RunMessage> = self
            .db
            .fluent()
            .select()
            .from(RUN_MESSAGES)
            .parent(&parent)
            .limit(limit.min(u32::MAX as usize) as u32)
            .obj()
            .query()
            .await
            .map_err(err)?;
        list.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(list)
    }

    async fn failed_messages(&self, limit: usize) -> Result<Vec<MessageRecord>, StoreError> {
        let mut found: Vec<MessageRecord> = self
            .db
            .fluent()
            .select()
            .from(self.messages.as_str())
            .filter(|q| q.for_all([q.field("outcome").eq("failed")]))
            .limit(MAX_SCAN)
            .obj()
            .query()
            .await
            .map_err(err)?;
        found.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
        found.truncate(limit);
        Ok(found)
    }

    async fn requeue(&self, ids: &[String]) -> Result<Vec<String>, StoreError> {
        let mut queued = Vec::new();
        for id in ids {
            let doc_id = message_doc_id(id);
            let Some((mut m, precondition)) =
                self.read::<MessageRecord>(&self.messages, &doc_id).await?
            else {
                continue;
            };
            if m.outcome != crate::pipeline::model::MessageOutcome::Failed {
                continue;
            }
            m.outcome = crate::pipeline::model::MessageOutcome::Retrying;
            m.attempts = 0;
            m.updated_at = crate::pipeline::model::rfc3339(Utc::now());
            match self
                .write(&self.messages, &doc_id, &m, Some(precondition))
                .await
            {
                Ok(()) => queued.push(id.clone()),
                // Changed meanwhile (a run picked it up): leave it to that run.
                Err(e) if lost_race(&e) => {}
                Err(e) => return Err(err(e)),
            }
        }
        Ok(queued)
    }

    async fn erase_sender(&self, sender_key: &str) -> Result<usize, StoreError> {
        let found: Vec<MessageRecord> = self
            .db
            .fluent()
            .select()
            .from(self.messages.as_str())
            .filter(|q| q.for_all([q.field("sender_key").eq(sender_key)]))
            .limit(MAX_SCAN)
            .obj()
            .query()
            .await
            .map_err(err)?;
        for m in &found {
            let doc_id = message_doc_id(&m.id);
            let mut runs = m.runs.clone();
            if !runs.contains(&m.run_id) {
                runs.push(m.run_id.clone());
            }
            for run in &runs {
                let parent = self.db.parent_path(&self.runs, run.as_str()).map_err(err)?;
                self.db
                    .fluent()
                    .delete()
                    .from(RUN_MESSAGES)
                    .parent(&parent)
                    .document_id(&doc_id)
                    .execute()
                    .await
                    .map_err(err)?;
            }
            self.db
                .fluent()
                .delete()
                .from(self.messages.as_str())
                .document_id(&doc_id)
                .execute()
                .await
                .map_err(err)?;
        }
        Ok(found.len())
    }
}
