//! L1 in Firestore: one document per key, with `expires_at` for Firestore's TTL policy
//! (set the policy on the collection's `expires_at` field; until it deletes an expired
//! document, reads ignore it).

use std::time::Duration;

use firestore::jiff::Timestamp;
use firestore::{FirestoreDb, FirestoreDbOptions};
use serde::{Deserialize, Serialize};

use super::{AnswerStore, StoreError};
use crate::query::model::QueryResponse;

#[derive(Debug, Serialize, Deserialize)]
struct CachedDoc {
    /// The answer as JSON text (kept opaque: Firestore need not index it).
    answer: String,
    model: String,
    /// Keyed hash of the customer's email (erasure queries by it; never the email).
    #[serde(default)]
    subject: Option<String>,
    #[serde(with = "firestore::serialize_as_timestamp")]
    created_at: Timestamp,
    #[serde(with = "firestore::serialize_as_timestamp")]
    expires_at: Timestamp,
}

/// The Firestore-backed answer store.
pub struct FirestoreStore {
    db: FirestoreDb,
    collection: String,
}

impl FirestoreStore {
    /// Connects to `project` (the emulator when `FIRESTORE_EMULATOR_HOST` is set).
    pub async fn connect(
        project: &str,
        collection: &str,
        timeout: Duration,
    ) -> Result<Self, StoreError> {
        let options = FirestoreDbOptions::new(project.to_string())
            .with_request_timeout(timeout)
            .with_max_retries(1);
        common::tls::install();
        let db = FirestoreDb::with_options(options)
            .await
            .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        Ok(Self {
            db,
            collection: collection.to_string(),
        })
    }
}

#[async_trait::async_trait]
impl AnswerStore for FirestoreStore {
    #[tracing::instrument(skip_all, fields(store = "firestore"))]
    async fn get(&self, key: &str) -> Result<Option<QueryResponse>, StoreError> {
        let doc: Option<CachedDoc> = self
            .db
            .fluent()
            .select()
            .by_id_in(&self.collection)
            .obj()
            .one(key)
            .await
            .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        let Some(doc) = doc else { return Ok(None) };
        if doc.expires_at <= Timestamp::now() {
            return Ok(None);
        }
        serde_json::from_str(&doc.answer)
            .map(Some)
            .map_err(|e| StoreError::Corrupt(e.to_string()))
    }

    #[tracing::instrument(skip_all, fields(store = "firestore"))]
    async fn put(
        &self,
        key: &str,
        subject: &str,
        answer: &QueryResponse,
        ttl: Duration,
    ) -> Result<(), StoreError> {
        let now = Timestamp::now();
        let ttl_secs = i64::try_from(ttl.as_secs()).unwrap_or(3_600);
        let doc = CachedDoc {
            answer: serde_json::to_string(answer)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            model: answer.model.clone(),
            subject: Some(subject.to_string()),
            created_at: now,
            expires_at: Timestamp::from_second(now.as_second().saturating_add(ttl_secs))
                .unwrap_or(now),
        };
        let _: CachedDoc = self
            .db
            .fluent()
            .update()
            .in_col(&self.collection)
            .document_id(key)
            .object(&doc)
            .execute()
            .await
            .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        Ok(())
    }

    #[tracing::instrument(skip_all, fields(store = "firestore"))]
    async fn erase(&self, subject: &str) -> Result<usize, StoreError> {
        let mut erased = 0;
        // In pages: a customer may have many cached answers.
        loop {
            let found: Vec<IdOnly> = self
                .db
                .fluent()
                .select()
                .fields(["subject"])
                .from(self.collection.as_str())
                .filter(|q| q.for_all([q.field("subject").eq(subject)]))
                .limit(ERASE_PAGE)
                .obj()
                .query()
                .await
                .map_err(|e| StoreError::Unavailable(e.to_string()))?;
            let n = found.len();
            for doc in found {
                let Some(id) = doc.id else { continue };
                self.db
                    .fluent()
                    .delete()
                    .from(self.collection.as_str())
                    .document_id(&id)
                    .execute()
                    .await
                    .map_err(|e| StoreError::Unavailable(e.to_string()))?;
                erased += 1;
            }
            if n < ERASE_PAGE as usize {
                return Ok(erased);
            }
        }
    }
}

/// Documents deleted per erasure query.
const ERASE_PAGE: u32 = 200;

/// A document's id (read with `_firestore_id`).
#[derive(Debug, Deserialize)]
struct IdOnly {
    #[serde(alias = "_firestore_id")]
    id: Option<String>,
}
