//! Driving a run (lease renewal, finishing, follow-ups) and the timer and webhook triggers.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::Utc;
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::watch;
use tracing::Instrument;

use super::api::{PipelineError, WebhookAction, WebhookOutput};
use super::metrics::StatusLabel;
use super::model::{RunRecord, rfc3339};
use super::run::{self, Progress, RunCtx};
use super::{Inner, Started};

/// Most times a queued follow-up tries to start before giving up (it also gives up when
/// the pipeline is dropped).
const FOLLOW_UP_ATTEMPTS: usize = 10_000;

/// Runs `record` to its end: renews the lease meanwhile, records the result, releases the
/// lease, then starts a queued follow-up.
pub(super) async fn drive(
    inner: Arc<Inner>,
    record: RunRecord,
    progress: Arc<Progress>,
    done: watch::Sender<Option<RunRecord>>,
    span: tracing::Span,
) {
    let started = Instant::now();
    let cancelled = Arc::new(AtomicBool::new(false));
    let ctx = Arc::new(RunCtx {
        run_id: record.run_id.clone(),
        store: inner.store.clone(),
        services: inner.services.clone(),
        metrics: inner.metrics.clone(),
        progress,
        cancelled: cancelled.clone(),
        concurrency: inner.settings.pipeline_concurrency,
        max_attempts: inner.settings.pipeline_max_attempts,
        max_messages: inner.settings.pipeline_max_messages,
        timeouts: inner.settings.step_timeouts(),
    });
    async {
        tracing::info!(since = %record.since, "pipeline run started");
        // Renewal runs inside this task (not a spawned one) so that aborting the run, as
        // a crash would, also stops renewing and lets the lease expire.
        let exec = run::execute(ctx, record);
        tokio::pin!(exec);
        let mut finished = tokio::select! {
            rec = &mut exec => rec,
            () = renew(inner.clone(), cancelled) => exec.await,
        };
        finished.finished_at = Some(rfc3339(Utc::now()));
        let status = finished.status.as_str();
        inner
            .metrics
            .runs
            .get_or_create(&StatusLabel {
                status: status.into(),
            })
            .inc();
        inner
            .metrics
            .duration
            .observe(started.elapsed().as_secs_f64());
        if let Err(e) = inner.store.finish_run(&finished).await {
            inner.metrics.error("store");
            tracing::error!(error = %e, "could not record the finished run");
        }
        tracing::info!(status, summary = %finished.summary, "pipeline run finished");
        {
            let _guard = inner.start_lock.lock().await;
            if let Err(e) = inner.store.release(&inner.holder).await {
                tracing::warn!(error = %e, "could not release the lease; it will expire");
            }
            *inner.active.lock() = None;
        }
        let _ = done.send(Some(finished));
        inner.run_finished.notify_waiters();
    }
    .instrument(span)
    .await;
}

/// Renews the lease every third of its TTL; flags the run when the lease is lost
/// (renewal refused, or failing for longer than the TTL).
async fn renew(inner: Arc<Inner>, cancelled: Arc<AtomicBool>) {
    let ttl = inner.settings.pipeline_lease_ttl;
    let mut last_ok = Instant::now();
    loop {
        tokio::time::sleep(ttl / 3).await;
        match inner.store.renew(&inner.holder, ttl).await {
            Ok(true) => last_ok = Instant::now(),
            Ok(false) => {
                tracing::error!("the run lease was taken over; stopping the run");
                cancelled.store(true, Ordering::Relaxed);
                return;
            }
            Err(e) if last_ok.elapsed() >= ttl => {
                tracing::error!(error = %e, "the run lease could not be renewed in time; stopping");
                cancelled.store(true, Ordering::Relaxed);
                return;
            }
            Err(e) => tracing::warn!(error = %e, "lease renewal failed; retrying"),
        }
    }
}

/// Starts a run every `every`; a tick while a run is active is skipped.
pub(super) async fn timer(inner: Arc<Inner>, every: Duration) {
    loop {
        let next = Utc::now() + chrono::Duration::from_std(every).unwrap_or_default();
        *inner.next_timer.lock() = Some(next);
        tokio::time::sleep(every).await;
        match inner.clone().trigger(None, "timer").await {
            Ok(Started::New { run_id, .. }) => {
                tracing::info!(run_id = %run_id, "timer started a run")
            }
            Ok(Started::AlreadyRunning { run_id, .. }) => {
                tracing::info!(run_id = %run_id, "timer tick skipped: a run is active")
            }
            Err(e) => tracing::error!(error = %e, "timer could not start a run"),
        }
    }
}

/// Starts a run, or queues exactly one follow-up when one is active.
pub(super) async fn webhook(inner: Arc<Inner>) -> Result<WebhookOutput, PipelineError> {
    match inner.clone().trigger(None, "webhook").await? {
        Started::New { run_id, .. } => Ok(WebhookOutput {
            action: WebhookAction::Started,
            run_id: Some(run_id),
        }),
        Started::AlreadyRunning { run_id, .. } => {
            if inner.follow_up.swap(true, Ordering::SeqCst) {
                return Ok(WebhookOutput {
                    action: WebhookAction::AlreadyQueued,
                    run_id: Some(run_id),
                });
            }
            let handle = tokio::spawn(follow_up(inner.clone())).abort_handle();
            inner.background.lock().push(handle);
            Ok(WebhookOutput {
                action: WebhookAction::Queued,
                run_id: Some(run_id),
            })
        }
    }
}

/// Waits for the active run (here or on another instance) to end, then starts one run.
async fn follow_up(inner: Arc<Inner>) {
    // Another instance's run ends without telling us: poll at a fraction of the lease TTL.
    let poll = (inner.settings.pipeline_lease_ttl / 4).max(Duration::from_millis(100));
    for _ in 0..FOLLOW_UP_ATTEMPTS {
        let notified = inner.run_finished.notified();
        if inner.active.lock().is_some() {
            let _ = tokio::time::timeout(poll, notified).await;
        }
        match inner.clone().trigger(None, "webhook").await {
            Ok(Started::New { run_id, .. }) => {
                inner.follow_up.store(false, Ordering::SeqCst);
                tracing::info!(run_id = %run_id, "queued follow-up run started");
                return;
            }
            Ok(Started::AlreadyRunning { .. }) => {
                if inner.active.lock().is_none() {
                    tokio::time::sleep(poll).await;
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "follow-up run could not start; retrying");
                tokio::time::sleep(poll).await;
            }
        }
    }
    inner.follow_up.store(false, Ordering::SeqCst);
}

/// Compares digests so the time taken does not depend on where the strings differ.
pub(super) fn token_matches(expected: Option<&SecretString>, given: &str) -> bool {
    use sha2::{Digest, Sha256};
    let Some(expected) = expected else {
        return false;
    };
    let a = Sha256::digest(expected.expose_secret().as_bytes());
    let b = Sha256::digest(given.as_bytes());
    a.iter()
        .zip(b.iter())
        .fold(0u8, |acc, (x, y)| acc | (x ^ y))
        == 0
}
