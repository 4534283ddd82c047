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
        answer: &QueryResponse,
        ttl: Duration,
    ) -> Result<(), StoreError> {
        let now = Timestamp::now();
        let ttl_secs = i64::try_from(ttl.as_secs()).unwrap_or(3_600);
        let doc = CachedDoc {
            answer: serde_json::to_string(answer)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            model: answer.model.clone(),
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
}
