//! When runs start besides a manual call: a timer, and the Gmail push webhook (which starts
//! a run, or queues exactly one follow-up when one is active). Triggers only ask the runner
//! to start; they never reach into a run.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use parking_lot::Mutex;
use tokio::task::AbortHandle;

use super::api::{PipelineError, WebhookAction, WebhookOutput};
use super::runner::{Runner, Started, Trigger};

/// Most times a queued follow-up tries to start before giving up.
const FOLLOW_UP_ATTEMPTS: usize = 10_000;

/// The timer and webhook triggers of one instance.
pub struct Triggers {
    runner: Arc<Runner>,
    follow_up: Arc<AtomicBool>,
    next_timer: Arc<Mutex<Option<DateTime<Utc>>>>,
    tasks: Mutex<Vec<AbortHandle>>,
}

impl Triggers {
    /// Starts the timer when `every` is set.
    pub fn start(runner: Arc<Runner>, every: Option<Duration>) -> Self {
        let t = Self {
            runner,
            follow_up: Arc::default(),
            next_timer: Arc::default(),
            tasks: Mutex::new(Vec::new()),
        };
        if let Some(every) = every {
            let handle = tokio::spawn(timer(t.runner.clone(), every, t.next_timer.clone()));
            t.tasks.lock().push(handle.abort_handle());
        }
        t
    }

    /// When the timer starts the next run.
    pub fn next_timer(&self) -> Option<DateTime<Utc>> {
        *self.next_timer.lock()
    }

    /// Whether a follow-up run is queued.
    pub fn follow_up_queued(&self) -> bool {
        self.follow_up.load(Ordering::Relaxed)
    }

    /// Starts a run, or queues exactly one follow-up when one is active.
    pub async fn webhook(&self) -> Result<WebhookOutput, PipelineError> {
        match self.runner.start(Trigger::Webhook, None, None).await? {
            Started::New { run_id, .. } => Ok(WebhookOutput {
                action: WebhookAction::Started,
                run_id: Some(run_id),
            }),
            Started::AlreadyRunning { run_id, .. } => {
                if self.follow_up.swap(true, Ordering::SeqCst) {
                    return Ok(WebhookOutput {
                        action: WebhookAction::AlreadyQueued,
                        run_id: Some(run_id),
                    });
                }
                let handle = tokio::spawn(follow_up(self.runner.clone(), self.follow_up.clone()));
                self.tasks.lock().push(handle.abort_handle());
                Ok(WebhookOutput {
                    action: WebhookAction::Queued,
                    run_id: Some(run_id),
                })
            }
        }
    }

    /// Stops the timer and any queued follow-up.
    pub fn stop(&self) {
        for h in self.tasks.lock().drain(..) {
            h.abort();
        }
    }
}

/// Starts a run every `every`; a tick while a run is active is skipped.
async fn timer(runner: Arc<Runner>, every: Duration, next: Arc<Mutex<Option<DateTime<Utc>>>>) {
    loop {
        *next.lock() = Some(Utc::now() + chrono::Duration::from_std(every).unwrap_or_default());
        tokio::time::sleep(every).await;
        match runner.start(Trigger::Timer, None, None).await {
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

/// Waits for the active run (here or on another instance) to end, then starts one run.
async fn follow_up(runner: Arc<Runner>, queued: Arc<AtomicBool>) {
    // Another instance's run ends without telling us: poll at a fraction of the lease TTL.
    let poll = (runner.settings.pipeline_lease_ttl / 4).max(Duration::from_millis(100));
    let mut finished = runner.finished();
    for _ in 0..FOLLOW_UP_ATTEMPTS {
        if runner.active().is_some() {
            let _ = tokio::time::timeout(poll, finished.changed()).await;
        }
        match runner.start(Trigger::Webhook, None, None).await {
            Ok(Started::New { run_id, .. }) => {
                queued.store(false, Ordering::SeqCst);
                tracing::info!(run_id = %run_id, "queued follow-up run started");
                return;
            }
            Ok(Started::AlreadyRunning { .. }) => {
                if runner.active().is_none() {
                    tokio::time::sleep(poll).await;
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "follow-up run could not start; retrying");
                tokio::time::sleep(poll).await;
            }
        }
    }
    queued.store(false, Ordering::SeqCst);
}
