//! The email pipeline: new mail → classify → enrich → agent → tasks, with durable runs,
//! one active run across instances (a lease), and manual, timer and webhook triggers.
//!
//! Surface: tools `run_pipeline` and `get_status`, resource `pipeline_run://{run_id}`,
//! REST `POST /tools/run_pipeline`, `POST /tools/get_status`,
//! `GET /resources/pipeline_run/{run_id}` and `POST /webhooks/gmail` — all served by the
//! domain functions on [`Pipeline`].

pub mod api;
pub mod http;
mod metrics;
pub mod model;
mod run;
mod settings;
mod status;
mod steps;
pub mod store;
mod surface;
mod triggers;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use common::metrics::MetricsRegistry;
use parking_lot::Mutex;
use tokio::sync::watch;
use tokio::task::AbortHandle;

use crate::services::Services;
use api::{PipelineError, PipelineRunView, RunDetails, RunPipelineOutput};
use metrics::PipelineMetrics;
use model::{RunCallStatus, RunId, RunRecord, RunStatus, parse_time, rfc3339};
use run::Progress;
use store::{Acquire, MemoryStore, PipelineStore};

pub use settings::{PipelineSettings, parse_duration};
pub use surface::{configure, register_tools, resources};

/// Most message entries a run view lists.
const MAX_VIEW_MESSAGES: usize = 1_000;

/// The run this instance is executing.
struct Active {
    run_id: RunId,
    started_at: DateTime<Utc>,
    progress: Arc<Progress>,
    task: AbortHandle,
}

/// A trigger's result.
enum Started {
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

struct Inner {
    settings: PipelineSettings,
    services: Services,
    store: Arc<dyn PipelineStore>,
    metrics: PipelineMetrics,
    /// This instance's lease holder id.
    holder: String,
    /// Serialises "check, take the lease, start" so two local triggers cannot both start.
    start_lock: tokio::sync::Mutex<()>,
    active: Mutex<Option<Active>>,
    follow_up: AtomicBool,
    run_finished: tokio::sync::Notify,
    next_timer: Mutex<Option<DateTime<Utc>>>,
    background: Mutex<Vec<AbortHandle>>,
}

/// The running pipeline: store, triggers and the current run. Dropping it (or
/// [`Pipeline::abort`]) stops everything at once, as a crash would: the lease then expires.
pub struct Pipeline {
    inner: Arc<Inner>,
}

impl Drop for Pipeline {
    fn drop(&mut self) {
        self.abort();
    }
}

impl Pipeline {
    /// Opens the store (Firestore when `FIRESTORE_PROJECT_ID` is set, else memory — said in
    /// the log), registers metrics and starts the timer when `PIPELINE_INTERVAL` is set.
    pub async fn start(
        settings: PipelineSettings,
        services: Services,
        registry: &MetricsRegistry,
    ) -> anyhow::Result<Arc<Pipeline>> {
        settings.validate().map_err(anyhow::Error::msg)?;
        let store: Arc<dyn PipelineStore> = match &settings.firestore_project_id {
            Some(project) => {
                let s = store::FirestoreStore::connect(
                    project,
                    &settings.pipeline_runs_collection,
                    &settings.pipeline_messages_collection,
                    &settings.pipeline_lease_collection,
                )
                .await?;
                tracing::info!(project = %project, "pipeline state in Firestore");
                Arc::new(s)
            }
            None => {
                tracing::warn!(
                    "pipeline state in memory (FIRESTORE_PROJECT_ID unset): runs and processed \
                     messages are lost on restart and runs are not coordinated across instances"
                );
                Arc::new(MemoryStore::new())
            }
        };
        Ok(Self::with_store(settings, services, registry, store))
    }

    /// As [`start`](Self::start) with a given store (several instances may share one).
    pub fn with_store(
        settings: PipelineSettings,
        services: Services,
        registry: &MetricsRegistry,
        store: Arc<dyn PipelineStore>,
    ) -> Arc<Pipeline> {
        let inner = Arc::new(Inner {
            metrics: PipelineMetrics::register(registry),
            holder: format!("instance-{}", uuid::Uuid::new_v4().simple()),
            settings,
            services,
            store,
            start_lock: tokio::sync::Mutex::new(()),
            active: Mutex::new(None),
            follow_up: AtomicBool::new(false),
            run_finished: tokio::sync::Notify::new(),
            next_timer: Mutex::new(None),
            background: Mutex::new(Vec::new()),
        });
        if let Some(every) = inner.settings.pipeline_interval {
            let handle = tokio::spawn(triggers::timer(inner.clone(), every)).abort_handle();
            inner.background.lock().push(handle);
        }
        Arc::new(Pipeline { inner })
    }

    /// Stops the timer, the follow-up waiter and the current run now, without releasing
    /// the lease (it expires after `PIPELINE_LEASE_TTL`).
    pub fn abort(&self) {
        for h in self.inner.background.lock().drain(..) {
            h.abort();
        }
        if let Some(a) = self.inner.active.lock().take() {
            a.task.abort();
        }
    }

    /// `run_pipeline`: starts a run (or reports the active one) and waits up to
    /// `PIPELINE_WAIT` for it to finish.
    pub async fn run_pipeline(
        &self,
        since: Option<&str>,
    ) -> Result<RunPipelineOutput, PipelineError> {
        let since = since.map(|s| api::parse_since(s, Utc::now())).transpose()?;
        match self.inner.clone().trigger(since, "manual").await? {
            Started::AlreadyRunning {
                run_id,
                started_at,
                progress,
            } => Ok(RunPipelineOutput {
                status: RunCallStatus::AlreadyRunning,
                summary: format!("run {run_id} is in progress; try again when it has finished"),
                run_id,
                counts: progress.map(|p| p.snapshot()).unwrap_or_default(),
                started_at: started_at.unwrap_or_else(Utc::now),
                finished_at: None,
            }),
            Started::New {
                run_id,
                started_at,
                mut done,
                progress,
            } => {
                let wait = self.inner.settings.pipeline_wait;
                let finished = tokio::time::timeout(wait, done.wait_for(Option::is_some))
                    .await
                    .ok()
                    .and_then(|r| r.ok().and_then(|v| v.clone()));
                Ok(match finished {
                    Some(rec) => output_of(&rec),
                    None => RunPipelineOutput {
                        status: RunCallStatus::Running,
                        summary: format!(
                            "run {run_id} is still working; read pipeline_run://{run_id} for its result"
                        ),
                        run_id,
                        counts: progress.snapshot(),
                        started_at,
                        finished_at: None,
                    },
                })
            }
        }
    }

    /// `get_status`.
    pub async fn status(&self) -> Result<api::StatusOutput, PipelineError> {
        self.inner.status().await
    }

    /// `pipeline_run://{run_id}`.
    pub async fn get_run(&self, raw_id: &str) -> Result<PipelineRunView, PipelineError> {
        let id = RunId::parse(raw_id)?;
        let store = &self.inner.store;
        let rec = store
            .run(&id)
            .await?
            .ok_or_else(|| PipelineError::RunNotFound(id.clone()))?;
        let mut messages = store.run_messages(&id, MAX_VIEW_MESSAGES + 1).await?;
        let truncated = messages.len() > MAX_VIEW_MESSAGES;
        messages.truncate(MAX_VIEW_MESSAGES);
        // A running run's counts are live only in the instance that runs it.
        let counts = match self.inner.active.lock().as_ref() {
            Some(a) if a.run_id == id => a.progress.snapshot(),
            _ => rec.counts,
        };
        Ok(PipelineRunView {
            run_id: rec.run_id.clone(),
            status: rec.status,
            details: RunDetails {
                since: time_or_epoch(&rec.since),
                trigger: rec.trigger.clone(),
                started_at: time_or_epoch(&rec.started_at),
                finished_at: rec.finished_at.as_deref().and_then(parse_time),
                summary: rec.summary.clone(),
                counts,
                messages,
                messages_truncated: truncated,
            },
        })
    }

    /// The Gmail push webhook (already authenticated and parsed): start a run, or queue
    /// exactly one follow-up when one is active.
    pub async fn on_webhook(&self) -> Result<api::WebhookOutput, PipelineError> {
        triggers::webhook(self.inner.clone()).await
    }

    /// Whether `token` is the configured webhook token (`false` when none is configured).
    pub fn webhook_token_matches(&self, token: &str) -> bool {
        triggers::token_matches(self.inner.settings.pipeline_webhook_token.as_ref(), token)
    }

    pub fn webhook_enabled(&self) -> bool {
        self.inner.settings.pipeline_webhook_token.is_some()
    }
}

fn time_or_epoch(s: &str) -> DateTime<Utc> {
    parse_time(s).unwrap_or_default()
}

fn output_of(rec: &RunRecord) -> RunPipelineOutput {
    RunPipelineOutput {
        status: rec.status.into(),
        summary: rec.summary.clone(),
        run_id: rec.run_id.clone(),
        counts: rec.counts,
        started_at: time_or_epoch(&rec.started_at),
        finished_at: rec.finished_at.as_deref().and_then(parse_time),
    }
}

impl Inner {
    /// Starts a run unless one is active here or elsewhere.
    async fn trigger(
        self: Arc<Self>,
        since: Option<DateTime<Utc>>,
        trigger: &'static str,
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
        let started_at = Utc::now();
        let since = match since {
            Some(s) => s,
            None => self.default_since(started_at).await?,
        };
        let record = RunRecord {
            run_id: run_id.clone(),
            status: RunStatus::Running,
            trigger: trigger.to_string(),
            since: rfc3339(since),
            started_at: rfc3339(started_at),
            finished_at: None,
            counts: Default::default(),
            summary: "running".into(),
            high_water_mark: None,
            holder: self.holder.clone(),
        };
        if let Err(e) = self.store.save_run(&record).await {
            let _ = self.store.release(&self.holder).await;
            return Err(e.into());
        }
        let progress = Arc::new(Progress::default());
        let (tx, rx) = watch::channel(None);
        let span = tracing::info_span!("pipeline_run", run_id = %run_id, trigger);
        let task = tokio::spawn(triggers::drive(
            self.clone(),
            record,
            progress.clone(),
            tx,
            span,
        ));
        *self.active.lock() = Some(Active {
            run_id: run_id.clone(),
            started_at,
            progress: progress.clone(),
            task: task.abort_handle(),
        });
        Ok(Started::New {
            run_id,
            started_at,
            done: rx,
            progress,
        })
    }

    /// The high-water mark of the last successful listing, or the lookback window.
    async fn default_since(&self, now: DateTime<Utc>) -> Result<DateTime<Utc>, PipelineError> {
        let last = self.store.last_run().await?;
        Ok(last
            .and_then(|l| l.high_water_mark)
            .and_then(|h| parse_time(&h))
            .unwrap_or_else(|| {
                now - chrono::Duration::from_std(self.settings.pipeline_lookback)
                    .unwrap_or(chrono::Duration::days(1))
            }))
    }

    /// Marks the run whose holder died as failed (its messages are resumed by the new run).
    async fn close_interrupted(&self, run_id: &RunId) {
        let Ok(Some(mut rec)) = self.store.run(run_id).await else {
            return;
        };
        if rec.status != RunStatus::Running {
            return;
        }
        rec.status = RunStatus::Failed;
        rec.finished_at = Some(rfc3339(Utc::now()));
        rec.summary = "interrupted: its instance stopped before finishing (the lease expired); \
                       the next run resumed its messages"
            .into();
        self.metrics
            .runs
            .get_or_create(&metrics::StatusLabel {
                status: "interrupted".into(),
            })
            .inc();
        tracing::warn!(run_id = %run_id, "closing a run interrupted by its instance's death");
        if let Err(e) = self.store.save_run(&rec).await {
            tracing::error!(error = %e, "could not close the interrupted run");
        }
    }
}
