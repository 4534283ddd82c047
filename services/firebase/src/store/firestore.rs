//! The Firestore backend (gRPC through the `firestore` crate; the emulator in tests).

use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use common::Email;
use firestore::errors::{BackoffError, FirestoreError};
use firestore::{
    FirestoreDb, FirestoreDbOptions, FirestoreInstant, FirestoreQueryCursor,
    FirestoreTransactionOptions, FirestoreWritePrecondition,
};
use futures::{FutureExt, StreamExt};

use super::{ProfileStore, StoreError, TaskStore};
use crate::domain::{ListQuery, Profile, SORT_KEY_FIELD, Task, TaskExt, TaskId, TaskPatch};

/// Profiles written at once while seeding.
const SEED_CONCURRENCY: usize = 8;
/// Retries of a contended `update_task` transaction, and how long they may go on.
const TRANSACTION_RETRIES: usize = 8;
const TRANSACTION_RETRY_TIME: Duration = Duration::from_secs(10);
/// A document id that never exists, read by `/ready`.
const PROBE_ID: &str = "readiness-probe";

/// Tasks and profiles in two Firestore collections.
pub struct FirestoreStore {
    db: FirestoreDb,
    tasks: String,
    users: String,
}

impl FirestoreStore {
    /// Builds the client. Nothing is sent yet: `/ready` tells whether Firestore answers.
    #[tracing::instrument(skip_all, fields(project = %project))]
    pub async fn connect(
        project: &str,
        database: Option<&str>,
        timeout: Duration,
        tasks_collection: &str,
        users_collection: &str,
    ) -> Result<Self, StoreError> {
        let mut options =
            FirestoreDbOptions::new(project.to_string()).with_request_timeout(timeout);
        if let Some(db) = database {
            options = options.with_database_id(db.to_string());
        }
        common::tls::install();
        let db = FirestoreDb::with_options(options)
            .await
            .map_err(map_error)?;
        Ok(Self {
            db,
            tasks: tasks_collection.to_string(),
            users: users_collection.to_string(),
        })
    }
}

/// The stored fields of a task: everything but its id and update time, plus the sort key.
fn document(task: &Task) -> Result<serde_json::Value, StoreError> {
    let mut v = serde_json::to_value(task).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    if let Some(map) = v.as_object_mut() {
        map.remove("id");
        map.remove("update_time");
        map.insert(SORT_KEY_FIELD.into(), task.sort_key().into());
    }
    Ok(v)
}

fn instant(t: DateTime<Utc>) -> Result<FirestoreInstant, StoreError> {
    FirestoreInstant::new(t.timestamp(), t.timestamp_subsec_nanos() as i32)
        .map_err(|e| StoreError::Invalid(format!("update_time out of range: {e}")))
}

fn parse_update_time(raw: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("update time {raw:?}: {e}")))
}

fn conflict(id: &TaskId) -> StoreError {
    StoreError::Conflict(format!(
        "task {id} changed since the update_time you read: read it again"
    ))
}

/// What a Firestore failure means for the caller.
fn map_error(e: FirestoreError) -> StoreError {
    match e {
        FirestoreError::DataConflictError(e) => StoreError::Conflict(e.to_string()),
        FirestoreError::DataNotFoundError(e) => StoreError::NotFound(e.to_string()),
        FirestoreError::DatabaseError(e) => match e.public.code.as_str() {
            "FailedPrecondition" | "Aborted" => StoreError::Conflict(e.details),
            "DeadlineExceeded" => StoreError::Timeout,
            "PermissionDenied" | "Unauthenticated" => StoreError::Auth(e.public.code),
            "InvalidArgument" => StoreError::Invalid(e.details),
            _ => StoreError::Unavailable(format!("{}: {}", e.public.code, e.details)),
        },
        FirestoreError::ErrorInTransaction(e) => match e.source.downcast::<StoreError>() {
            Ok(inner) => *inner,
            Err(other) => StoreError::Unavailable(other.to_string()),
        },
        FirestoreError::DeserializeError(e) | FirestoreError::SerializeError(e) => {
            StoreError::Corrupt(e.to_string())
        }
        FirestoreError::InvalidParametersError(e) => StoreError::Invalid(e.to_string()),
        FirestoreError::SystemError(e) => StoreError::Unavailable(e.to_string()),
        FirestoreError::NetworkError(e) => StoreError::Unavailable(e.to_string()),
        FirestoreError::CacheError(e) => StoreError::Unavailable(e.to_string()),
    }
}

#[async_trait]
impl TaskStore for FirestoreStore {
    #[tracing::instrument(skip_all, fields(task_id = %task.id))]
    async fn create(&self, task: Task) -> Result<(Task, bool), StoreError> {
        let doc = document(&task)?;
        // CreateDocument fails with ALREADY_EXISTS when the id is taken: create-if-absent.
        let created: Result<Task, FirestoreError> = self
            .db
            .fluent()
            .insert()
            .into(self.tasks.as_str())
            .document_id(task.id.as_str())
            .object(&doc)
            .execute()
            .await;
        match created {
            Ok(t) => Ok((t, true)),
            Err(FirestoreError::DataConflictError(_)) => {
                let id = TaskId::parse(&task.id).map_err(StoreError::Corrupt)?;
                let existing = self
                    .get(&id)
                    .await?
                    .ok_or_else(|| StoreError::Unavailable("task vanished after create".into()))?;
                Ok((existing, false))
            }
            Err(e) => Err(map_error(e)),
        }
    }

    #[tracing::instrument(skip_all, fields(task_id = %id))]
    async fn get(&self, id: &TaskId) -> Result<Option<Task>, StoreError> {
        self.db
            .fluent()
            .select()
            .by_id_in(self.tasks.as_str())
            .obj()
            .one(id.as_str())
            .await
            .map_err(map_error)
    }

    #[tracing::instrument(skip_all, fields(page_size = query.page_size))]
    async fn list(&self, query: &ListQuery) -> Result<Vec<Task>, StoreError> {
        let filter = query.filter.clone();
        let str_of = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
        let status = filter.status.map(|s| str_of(serde_json::json!(s)));
        let priority = filter.priority.map(|p| str_of(serde_json::json!(p)));
        let email = filter.email.map(|e| e.as_str().to_string());
        let mut select = self
            .db
            .fluent()
            .select()
            .from(self.tasks.as_str())
            .filter(|q| {
                q.for_all([
                    status
                        .as_ref()
                        .and_then(|s| q.field("status").eq(s.as_str())),
                    priority
                        .as_ref()
                        .and_then(|p| q.field("priority").eq(p.as_str())),
                    email.as_ref().and_then(|e| q.field("email").eq(e.as_str())),
                ])
            })
            .order(|o| o.fields([o.field(SORT_KEY_FIELD).desc()]))
            .limit(query.page_size);
        if let Some(after) = &query.after {
            select = select.start_at(FirestoreQueryCursor::AfterValue(vec![
                after.as_str().into(),
            ]));
        }
        select.obj::<Task>().query().await.map_err(map_error)
    }

    #[tracing::instrument(skip_all, fields(task_id = %id, precondition = expected.is_some()))]
    async fn update(
        &self,
        id: &TaskId,
        patch: &TaskPatch,
        expected: Option<DateTime<Utc>>,
    ) -> Result<Task, StoreError> {
        match expected {
            Some(expected) => self.update_if_unchanged(id, patch, expected).await,
            None => self.update_in_transaction(id, patch).await,
        }
    }

    async fn ping(&self) -> Result<(), StoreError> {
        let _: Option<Task> = self
            .db
            .fluent()
            .select()
            .by_id_in(self.tasks.as_str())
            .obj()
            .one(PROBE_ID)
            .await
            .map_err(map_error)?;
        Ok(())
    }

    fn backend(&self) -> &'static str {
        "firestore"
    }
}

impl FirestoreStore {
    /// Writes the patched task only if its update time is still `expected` (Firestore checks
    /// the precondition atomically with the write).
    async fn update_if_unchanged(
        &self,
        id: &TaskId,
        patch: &TaskPatch,
        expected: DateTime<Utc>,
    ) -> Result<Task, StoreError> {
        let mut task = self
            .get(id)
            .await?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        if parse_update_time(&task.update_time)? != expected {
            return Err(conflict(id));
        }
        task.apply(patch, Utc::now());
        let doc = document(&task)?;
        self.db
            .fluent()
            .update()
            .in_col(self.tasks.as_str())
            .precondition(FirestoreWritePrecondition::UpdateTime(instant(expected)?))
            .document_id(id.as_str())
            .object(&doc)
            .execute::<Task>()
            .await
            .map_err(|e| match map_error(e) {
                StoreError::Conflict(_) => conflict(id),
                other => other,
            })
    }

    /// Read, patch and write in one transaction: Firestore retries it on contention, so two
    /// concurrent patches both land, one after the other.
    async fn update_in_transaction(
        &self,
        id: &TaskId,
        patch: &TaskPatch,
    ) -> Result<Task, StoreError> {
        let tasks = self.tasks.clone();
        self.db
            .run_transaction_with_options(
                |db, tx| {
                    let tasks = tasks.clone();
                    let id = id.clone();
                    let patch = patch.clone();
                    async move {
                        let transient = |e| BackoffError::transient(map_error(e));
                        let current: Option<Task> = db
                            .fluent()
                            .select()
                            .by_id_in(tasks.as_str())
                            .obj()
                            .one(id.as_str())
                            .await
                            .map_err(transient)?;
                        let Some(mut task) = current else {
                            return Err(BackoffError::permanent(StoreError::NotFound(
                                id.to_string(),
                            )));
                        };
                        task.apply(&patch, Utc::now());
                        let doc = document(&task).map_err(BackoffError::permanent)?;
                        db.fluent()
                            .update()
                            .in_col(tasks.as_str())
                            .document_id(id.as_str())
                            .object(&doc)
                            .add_to_transaction(tx)
                            .map_err(transient)?;
                        Ok(())
                    }
                    .boxed()
                },
                // Contention on one task aborts the losers; give them room to land in turn.
                FirestoreTransactionOptions::new()
                    .with_max_retries(TRANSACTION_RETRIES)
                    .with_retry_max_elapsed_time(TRANSACTION_RETRY_TIME),
            )
            .await
            .map_err(map_error)?;
        // The commit answer carries no document: read the result back (a concurrent write that
        // lands in between shows in it, with its later update time).
        self.get(id)
            .await?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }
}

#[async_trait]
impl ProfileStore for FirestoreStore {
    #[tracing::instrument(skip_all)]
    async fn profile_by_email(&self, email: &Email) -> Result<Option<Profile>, StoreError> {
        let email = email.as_str().to_string();
        let found: Vec<Profile> = self
            .db
            .fluent()
            .select()
            .from(self.users.as_str())
            .filter(|q| q.for_all([q.field("email").eq(email.as_str())]))
            .limit(1)
            .obj()
            .query()
            .await
            .map_err(map_error)?;
        Ok(found.into_iter().next())
    }

    #[tracing::instrument(skip_all, fields(count = profiles.len()))]
    async fn put_profiles(&self, profiles: &[Profile]) -> Result<usize, StoreError> {
        // Owned values: a borrowing closure trips the compiler's higher-ranked lifetime checks
        // inside `async_trait`.
        let writes = profiles.iter().cloned().map(|p| {
            let db = self.db.clone();
            let users = self.users.clone();
            async move {
                // An update without precondition is an upsert: seeding twice changes nothing.
                db.fluent()
                    .update()
                    .in_col(users.as_str())
                    .document_id(p.uid.as_str())
                    .object(&p)
                    .execute::<Profile>()
                    .await
                    .map(|_| ())
                    .map_err(map_error)
            }
        });
        let results: Vec<Result<(), StoreError>> = futures::stream::iter(writes)
            .buffer_unordered(SEED_CONCURRENCY)
            .collect()
            .await;
        results.into_iter().collect::<Result<Vec<()>, _>>()?;
        Ok(profiles.len())
    }
}
