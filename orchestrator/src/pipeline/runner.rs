//! The run lifecycle: at most one run across all instances (the lease), starting a run,
//! renewing the lease while it works, stopping it (a cancelled task, a shutdown), and
//! recording how it ended. Triggers decide *when* to start; a run decides *what* to do.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use parking_lot::Mutex;
use secrecy::SecretString;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tracing::Instrument;

use super::api::PipelineError;
use super::metrics::{PipelineMetrics, StatusLabel};
use super::model::{Cursor, RunId, RunRecord, RunStatus, parse_time, rfc3339};
use super::run::{self, Progress, RunCtx, Stop, StopReason};
use super::settings::PipelineSettings;
use super::store::{Acquire, PipelineStore};
use crate::services::Services;

/// What started a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Manual,
    Timer,
    Webhook,
}

impl Trigger {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Manual => "manual",
            Self::Timer => "timer",
            Self::Webhook => "webhook",
        }
    }
}

/// The run this instance is executing.
struct Active {
    run_id: RunId,
    started_at: DateTime<Utc>,
    progress: Arc<Progress>,
    stop: Stop,
    done: watch::Receiver<Option<RunRecord>>,
    task: JoinHandle<()>,
}

/// The active run, as status and tools show it.
pub struct ActiveRun {
    pub run_id: RunId,
    pub started_at: DateTime<Utc>,
    pub progress: Arc<Progress>,
}

/// What a start request did.
pub enum Started {
    New {
        run_id: RunId,
        started_at: DateTime<Utc>,
        done: watch::Receiver<Option<RunRecord>>,
        progress: Arc<Progress>,
    },
    AlreadyRunning {
        run_id: RunId,
        started_at: Option<DateTime<Utc>>,
        progress: Option<Arc<Progress>>,
    },
}

/// Starts, stops and records runs.
pub struct Runner {
    pub(super) settings: PipelineSettings,
    services: Services,
    pub(super) store: Arc<dyn PipelineStore>,
    pub(super) metrics: PipelineMetrics,
    sender_key: SecretString,
    /// This instance's lease holder id.
    holder: String,
    /// Serialises "check, take the lease, start" so two local triggers cannot both start.
    start_lock: tokio::sync::Mutex<()>,
    active: Mutex<Option<Active>>,
    /// The last run this instance finished (followers wait on it).
    finished: watch::Sender<Option<RunRecord>>,
}

impl Runner {
    /// The keyed hash message records file `email`'s mail under.
    pub(super) fn sender_key(&self, email: &common::Email) -> String {
        common::auth::audit::customer_hash(&self.sender_key, email)
    }

    /// The keyed hash run records name their starter by.
    pub(super) fn starter_key(&self, caller: &common::auth::Principal) -> String {
        common::auth::audit::principal_hash(&self.sender_key, caller)
    }

    pub fn new(
        settings: PipelineSettings,
        services: Services,
        store: Arc<dyn PipelineStore>,
        metrics: PipelineMetrics,
        sender_key: SecretString,
    ) -> Self {
        Self {
            settings,
            services,
            store,
            metrics,
            sender_key,
            holder: format!("instance-{}", uuid::Uuid::new_v4().simple()),
            start_lock: tokio::sync::Mutex::new(()),
            active: Mutex::new(None),
            finished: watch::channel(None).0,
        }
    }

    /// The run this instance executes, if any.
    pub fn active(&self) -> Option<ActiveRun> {
        self.active.lock().as_ref().map(|a| ActiveRun {
            run_id: a.run_id.clone(),
            started_at: a.started_at,
            progress: a.progress.clone(),
        })
    }

    /// Notified each time this instance finishes a run.
    pub fn finished(&self) -> watch::Receiver<Option<RunRecord>> {
        self.finished.subscribe()
    }

    /// Starts a run unless one is active here or elsewhere.
    pub async fn start(
        self: &Arc<Self>,
        trigger: Trigger,
        since: Option<DateTime<Utc>>,
        started_by: Option<String>,
    ) -> Result<Started, PipelineError> {
        let _guard = self.start_lock.lock().await;
        if let Some(a) = self.active.lock().as_ref() {
            return Ok(Started::AlreadyRunning {
                run_id: a.run_id.clone(),
                started_at: Some(a.started_at),
                progress: Some(a.progress.clone()),
            });
        }
        let run_id = RunId::generate();
        let ttl = self.settings.pipeline_lease_ttl;
        match self.store.try_acquire(&self.holder, &run_id, ttl).await? {
            Acquire::Held(lease) => {
                let started_at = self
                    .store
                    .run(&lease.run_id)
                    .await
                    .ok()
                    .flatten()
                    .and_then(|r| parse_time(&r.started_at));
                return Ok(Started::AlreadyRunning {
                    run_id: lease.run_id,
                    started_at,
                    progress: None,
                });
            }
            Acquire::Acquired { stale: Some(lease) } => self.close_interrupted(&lease.run_id).await,
            Acquire::Acquired { stale: None } => {}
        }
        let begun = async {
            let cursor = self
                .store
                .last_run()
                .await?
                .map(|l| l.cursor)
                .unwrap_or_default();
            let started_at = Utc::now();
            let record = RunRecord {
                run_id: run_id.clone(),
                status: RunStatus::Running,
                trigger: trigger.as_str().to_string(),
                since: rfc3339(since.unwrap_or(started_at)),
                started_at: rfc3339(started_at),
                finished_at: None,
                counts: Default::default(),
                summary: "running".into(),
                holder: self.holder.clone(),
                started_by,
                cancel_requested: false,
            };
            self.store.save_run(&record).await?;
            Ok::<_, PipelineError>((cursor, record, started_at))
        };
        let (cursor, record, started_at) = match begun.await {
            Ok(v) => v,
            Err(e) => {
                let _ = self.store.release(&self.holder).await;
                return Err(e);
            }
        };
        let progress = Arc::new(Progress::default());
        let stop = Stop::default();
        let (tx, rx) = watch::channel(None);
        let span = tracing::info_span!("pipeline_run", otel.name = "pipeline run", run_id = %run_id, trigger = trigger.as_str());
        let ctx = Arc::new(RunCtx {
            run_id: run_id.clone(),
            store: self.store.clone(),
            services: self.services.clone(),
            metrics: self.metrics.clone(),
            progress: progress.clone(),
            stop: stop.clone(),
            concurrency: self.settings.pipeline_concurrency,
            max_attempts: self.settings.pipeline_max_attempts,
            max_messages: self.settings.pipeline_max_messages,
            timeouts: self.settings.step_timeouts(),
            overlap: self.settings.pipeline_overlap,
            lookback: self.settings.pipeline_lookback,
            sender_key: self.sender_key.clone(),
        });
        let task = tokio::spawn(
            self.clone()
                .drive(ctx, record, cursor, since, tx)
                .instrument(span),
        );
        *self.active.lock() = Some(Active {
            run_id: run_id.clone(),
            started_at,
            progress: progress.clone(),
            stop,
            done: rx.clone(),
            task,
        });
        Ok(Started::New {
            run_id,
            started_at,
            done: rx,
            progress,
        })
    }

    /// Runs to the end: renews the lease meanwhile, records the result and the cursor,
    /// releases the lease, then tells whoever waits.
    async fn drive(
        self: Arc<Self>,
        ctx: Arc<RunCtx>,
        record: RunRecord,
        cursor: Cursor,
        since: Option<DateTime<Utc>>,
        done: watch::Sender<Option<RunRecord>>,
    ) {
        let started = Instant::now();
        tracing::info!(since = %record.since, "pipeline run started");
        let stop = ctx.stop.clone();
        let run_id = record.run_id.clone();
        let exec = run::execute(ctx, record, &cursor, since);
        tokio::pin!(exec);
        // Renewal runs inside this task so that aborting it, as a crash would, also stops
        // renewing and lets the lease expire.
        let (mut finished, next) = tokio::select! {
            out = &mut exec => out,
            () = self.renew(&run_id, &stop) => exec.await,
        };
        finished.finished_at = Some(rfc3339(Utc::now()));
        let status = finished.status.as_str();
        self.metrics
            .runs
            .get_or_create(&StatusLabel {
                status: status.into(),
            })
            .inc();
        self.metrics
            .duration
            .observe(started.elapsed().as_secs_f64());
        let lease_lost = stop.reason() == Some(StopReason::LeaseLost);
        // Without the lease, the cursor is someone else's to move.
        let saved = if lease_lost {
            self.store.save_run(&finished).await
        } else {
            self.store.finish_run(&finished, &next).await
        };
        if let Err(e) = saved {
            self.metrics.error("store");
            tracing::error!(error = %e, "could not record the finished run");
        }
        tracing::info!(status, summary = %finished.summary, "pipeline run finished");
        {
            let _guard = self.start_lock.lock().await;
            if !lease_lost && let Err(e) = self.store.release(&self.holder).await {
                tracing::warn!(error = %e, "could not release the lease; it will expire");
            }
            *self.active.lock() = None;
        }
        let _ = done.send(Some(finished.clone()));
        let _ = self.finished.send(Some(finished));
    }

    /// Renews the lease every third of its TTL; asks the run to stop when the lease is lost
    /// (renewal refused, or failing for longer than the TTL). Never returns otherwise.
    /// Renews the lease every third of its TTL, and stops the run when a cancel was asked
    /// on another instance (read from the run's record at each renewal).
    async fn renew(&self, run_id: &RunId, stop: &Stop) {
        let ttl = self.settings.pipeline_lease_ttl;
        let mut last_ok = Instant::now();
        loop {
            tokio::time::sleep(ttl / 3).await;
            match self.store.renew(&self.holder, ttl).await {
                Ok(true) => {
                    last_ok = Instant::now();
                    if let Ok(Some(rec)) = self.store.run(run_id).await
                        && rec.cancel_requested
                    {
                        tracing::info!("cancel asked on another instance; stopping the run");
                        stop.request(StopReason::Cancelled);
                    }
                }
                Ok(false) => {
                    tracing::error!("the run lease was taken over; stopping the run");
                    stop.request(StopReason::LeaseLost);
                    return std::future::pending().await;
                }
                Err(e) if last_ok.elapsed() >= ttl => {
                    tracing::error!(error = %e, "the run lease could not be renewed in time; stopping");
                    stop.request(StopReason::LeaseLost);
                    return std::future::pending().await;
                }
                Err(e) => tracing::warn!(error = %e, "lease renewal failed; retrying"),
            }
        }
    }

    /// Asks run `run_id` to stop at the next message boundary: at once when it runs here,
    /// else through its record, which the instance running it reads at its next lease
    /// renewal. A run that has ended is left as it is.
    pub async fn cancel_anywhere(&self, run_id: &RunId) -> Result<(), PipelineError> {
        if !self.cancel(run_id) {
            self.store.request_cancel(run_id).await?;
        }
        Ok(())
    }

    /// Asks the active run `run_id` to stop at the next message boundary; `false` when it
    /// is not running here.
    pub fn cancel(&self, run_id: &RunId) -> bool {
        match self.active.lock().as_ref() {
            Some(a) if &a.run_id == run_id => {
                a.stop.request(StopReason::Cancelled);
                true
            }
            _ => false,
        }
    }

    /// Stops the active run for a shutdown within `deadline`: no new message starts,
    /// messages in flight get most of the time to finish and are then handed back; the run's
    /// state is recorded and the lease released before this returns (or the deadline passes).
    pub async fn shutdown(&self, deadline: Duration) {
        let Some((stop, mut done)) = self
            .active
            .lock()
            .as_ref()
            .map(|a| (a.stop.clone(), a.done.clone()))
        else {
            return;
        };
        tracing::info!("stopping the pipeline run for shutdown");
        stop.request(StopReason::Shutdown);
        // In-flight messages get 60% of the time; recording the run and releasing the
        // lease (two store calls) get the rest.
        let grace = deadline.mul_f64(0.6);
        let finished = tokio::time::timeout(grace, done.wait_for(Option::is_some))
            .await
            .is_ok();
        if !finished {
            stop.abort(StopReason::Shutdown);
            let rest = deadline.saturating_sub(grace);
            if tokio::time::timeout(rest, done.wait_for(Option::is_some))
                .await
                .is_err()
            {
                tracing::error!("the pipeline run did not stop in time; its lease will expire");
            }
        }
    }

    /// Stops the active run now, as a crash would: nothing is recorded and the lease is
    /// left to expire (tests use it to prove a crash loses nothing).
    pub fn crash(&self) {
        if let Some(a) = self.active.lock().take() {
            a.task.abort();
        }
    }

    /// Marks the run whose holder died as failed (its messages are resumed by the new run).
    async fn close_interrupted(&self, run_id: &RunId) {
        let Ok(Some(mut rec)) = self.store.run(run_id).await else {
            return;
        };
        if rec.status.is_final() {
            return;
        }
        rec.status = RunStatus::Failed;
        rec.finished_at = Some(rfc3339(Utc::now()));
        rec.summary = "interrupted: its instance stopped before finishing (the lease expired); \
                       the next run resumed its messages"
            .into();
        self.metrics
            .runs
            .get_or_create(&StatusLabel {
                status: "interrupted".into(),
            })
            .inc();
        tracing::warn!(run_id = %run_id, "closing a run interrupted by its instance's death");
        if let Err(e) = self.store.save_run(&rec).await {
            tracing::error!(error = %e, "could not close the interrupted run");
        }
    }
}
