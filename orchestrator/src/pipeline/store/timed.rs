//! Every store call bounded in time: a store that does not answer is a store error (the run
//! records the message for retry or hands it back), never a run that hangs.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;

use super::{Acquire, LastRun, Lease, PipelineStore, StoreError};
use crate::pipeline::model::{Cursor, MessageRecord, RunId, RunMessage, RunRecord};

/// A store whose every call has a deadline.
pub struct TimedStore {
    inner: Arc<dyn PipelineStore>,
    timeout: Duration,
}

impl TimedStore {
    pub fn new(inner: Arc<dyn PipelineStore>, timeout: Duration) -> Self {
        Self { inner, timeout }
    }

    async fn bounded<T>(
        &self,
        op: &'static str,
        fut: impl std::future::Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        match tokio::time::timeout(self.timeout, fut).await {
            Ok(r) => r,
            Err(_) => Err(StoreError(format!(
                "{op} did not finish within {} ms",
                self.timeout.as_millis()
            ))),
        }
    }
}

#[async_trait]
impl PipelineStore for TimedStore {
    fn backend(&self) -> &'static str {
        self.inner.backend()
    }

    async fn try_acquire(
        &self,
        holder: &str,
        run_id: &RunId,
        ttl: Duration,
    ) -> Result<Acquire, StoreError> {
        self.bounded("try_acquire", self.inner.try_acquire(holder, run_id, ttl))
            .await
    }

    async fn renew(&self, holder: &str, ttl: Duration) -> Result<bool, StoreError> {
        self.bounded("renew", self.inner.renew(holder, ttl)).await
    }

    async fn release(&self, holder: &str) -> Result<(), StoreError> {
        self.bounded("release", self.inner.release(holder)).await
    }

    async fn lease(&self) -> Result<Option<Lease>, StoreError> {
        self.bounded("lease", self.inner.lease()).await
    }

    async fn save_run(&self, run: &RunRecord) -> Result<(), StoreError> {
        self.bounded("save_run", self.inner.save_run(run)).await
    }

    async fn request_cancel(&self, id: &RunId) -> Result<bool, StoreError> {
        self.bounded("request_cancel", self.inner.request_cancel(id))
            .await
    }

    async fn run(&self, id: &RunId) -> Result<Option<RunRecord>, StoreError> {
        self.bounded("run", self.inner.run(id)).await
    }

    async fn finish_run(&self, run: &RunRecord, cursor: &Cursor) -> Result<(), StoreError> {
        self.bounded("finish_run", self.inner.finish_run(run, cursor))
            .await
    }

    async fn last_run(&self) -> Result<Option<LastRun>, StoreError> {
        self.bounded("last_run", self.inner.last_run()).await
    }

    async fn message(&self, id: &str) -> Result<Option<MessageRecord>, StoreError> {
        self.bounded("message", self.inner.message(id)).await
    }

    async fn record_message(
        &self,
        record: &MessageRecord,
        entry: &RunMessage,
    ) -> Result<(), StoreError> {
        self.bounded("record_message", self.inner.record_message(record, entry))
            .await
    }

    async fn retry_due(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        self.bounded("retry_due", self.inner.retry_due(limit)).await
    }

    async fn run_messages(&self, id: &RunId, limit: usize) -> Result<Vec<RunMessage>, StoreError> {
        self.bounded("run_messages", self.inner.run_messages(id, limit))
            .await
    }

    async fn failed_messages(&self, limit: usize) -> Result<Vec<MessageRecord>, StoreError> {
        self.bounded("failed_messages", self.inner.failed_messages(limit))
            .await
    }

    async fn requeue(&self, ids: &[String]) -> Result<Vec<String>, StoreError> {
        self.bounded("requeue", self.inner.requeue(ids)).await
    }

    async fn erase_sender(&self, sender_key: &str) -> Result<usize, StoreError> {
        self.bounded("erase_sender", self.inner.erase_sender(sender_key))
            .await
    }
}
