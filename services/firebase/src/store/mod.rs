//! Where tasks and profiles live: Firestore, or memory when no Firestore is configured.
//! Both backends share one semantics (create-if-absent, update-time preconditions, paging by
//! sort key), so the tools cannot tell them apart.

mod firestore;
mod memory;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use common::{Email, ErrorCode, ToolError};

use crate::domain::{ListQuery, Profile, Task, TaskId, TaskPatch};

pub use self::firestore::FirestoreStore;
pub use memory::MemoryStore;

/// A failed storage operation.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("no task with id {0}")]
    NotFound(String),
    /// A precondition failed: someone changed the document since it was read.
    #[error("{0}")]
    Conflict(String),
    /// The request cannot be served as given (bad cursor, bad precondition).
    #[error("{0}")]
    Invalid(String),
    #[error("storage unavailable: {0}")]
    Unavailable(String),
    #[error("storage timed out")]
    Timeout,
    #[error("storage refused our credentials: {0}")]
    Auth(String),
    /// A stored document does not have the shape we expect.
    #[error("a stored document is malformed: {0}")]
    Corrupt(String),
}

impl From<StoreError> for ToolError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::Conflict(_) => ErrorCode::Conflict,
            StoreError::Invalid(_) => ErrorCode::InvalidArguments,
            StoreError::Unavailable(_) => ErrorCode::UpstreamUnavailable,
            StoreError::Timeout => ErrorCode::Timeout,
            StoreError::Auth(_) => ErrorCode::UpstreamAuth,
            StoreError::Corrupt(_) => ErrorCode::InvalidResponse,
        };
        ToolError::new(code, e.to_string())
    }
}

/// The task queue.
#[async_trait]
pub trait TaskStore: Send + Sync {
    /// Stores `task` under `task.id` unless that id exists. Returns the stored task and
    /// whether this call created it (false: the existing task, unchanged).
    async fn create(&self, task: Task) -> Result<(Task, bool), StoreError>;

    async fn get(&self, id: &TaskId) -> Result<Option<Task>, StoreError>;

    /// Up to `query.page_size` tasks matching the filter whose sort key is below
    /// `query.after`, newest first.
    async fn list(&self, query: &ListQuery) -> Result<Vec<Task>, StoreError>;

    /// Applies `patch` atomically. With `expected`, only if the task's update time is still
    /// that (else [`StoreError::Conflict`]); without, read-modify-write in one transaction.
    async fn update(
        &self,
        id: &TaskId,
        patch: &TaskPatch,
        expected: Option<DateTime<Utc>>,
    ) -> Result<Task, StoreError>;

    /// A cheap round trip, for `/ready`.
    async fn ping(&self) -> Result<(), StoreError>;

    /// `firestore` or `memory`, for logs and `/ready`.
    fn backend(&self) -> &'static str;
}

/// The `users` profiles.
#[async_trait]
pub trait ProfileStore: Send + Sync {
    async fn profile_by_email(&self, email: &Email) -> Result<Option<Profile>, StoreError>;

    /// Writes `profiles` under their uids (replacing what is there); returns how many.
    async fn put_profiles(&self, profiles: &[Profile]) -> Result<usize, StoreError>;
}
