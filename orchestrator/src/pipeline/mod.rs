//! The email pipeline: new mail → classify → enrich → agent → tasks, with durable runs,
//! one active run across instances (a lease), and manual, timer and webhook triggers.
//!
//! Layers, each calling only the one below: the surface ([`surface`], [`http`]) calls this
//! facade; [`triggers`] decide when a run starts; the [`runner`] starts, stops and records
//! runs; a [`run`] lists mail ([`listing`]) and drives each message through the [`steps`]
//! (the services) and the [`store`].

pub mod api;
pub mod http;
mod listing;
mod metrics;
pub mod model;
mod run;
pub mod runner;
mod settings;
mod status;
mod steps;
pub mod store;
mod surface;
mod task;
mod triggers;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use common::auth::Principal;
use common::metrics::MetricsRegistry;
use secrecy::SecretString;

use crate::services::Services;
use api::{PipelineError, PipelineRunView, RunDetails, RunPipelineOutput};
use metrics::PipelineMetrics;
use model::{RunCallStatus, RunId, RunRecord, RunStatus, parse_time};
use runner::{Runner, Started, Trigger};
use store::{MemoryStore, PipelineStore, TimedStore};
use triggers::Triggers;

pub use run::Progress;
pub use settings::PipelineSettings;
pub use surface::{configure, register_tools, require_operator, resources};
pub use task::PipelineTasks;

/// Most message entries a run view lists.
const MAX_VIEW_MESSAGES: usize = 1_000;

/// The running pipeline: triggers and the runner. Dropping it stops everything at once,
/// as a crash would (the lease then expires); [`Pipeline::shutdown`] stops it cleanly.
pub struct Pipeline {
    runner: Arc<Runner>,
    triggers: Triggers,
}

impl Drop for Pipeline {
    fn drop(&mut self) {
        self.triggers.stop();
        self.runner.crash();
    }
}

impl Pipeline {
    /// Opens the store (Firestore when `FIRESTORE_PROJECT_ID` is set, else memory — said in
    /// the log), registers metrics and starts the timer when `PIPELINE_INTERVAL` is set.
    /// `sender_key` keys the senders' hashes in message records (erasure finds them by it).
    pub async fn start(
        settings: PipelineSettings,
        services: Services,
        registry: &MetricsRegistry,
        sender_key: SecretString,
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
        Ok(Self::with_store(
            settings, services, registry, store, sender_key,
        ))
    }

    /// As [`start`](Self::start) with a given store (several instances may share one).
    pub fn with_store(
        settings: PipelineSettings,
        services: Services,
        registry: &MetricsRegistry,
        store: Arc<dyn PipelineStore>,
        sender_key: SecretString,
    ) -> Arc<Pipeline> {
        let store: Arc<dyn PipelineStore> =
            Arc::new(TimedStore::new(store, settings.pipeline_store_timeout));
        let every = settings.pipeline_interval;
        let runner = Arc::new(Runner::new(
            settings,
            services,
            store,
            PipelineMetrics::register(registry),
            sender_key,
        ));
        let triggers = Triggers::start(runner.clone(), every);
        Arc::new(Pipeline { runner, triggers })
    }

    /// Stops the timer, the follow-up waiter and the current run now, without recording
    /// anything or releasing the lease, as a crash would (tests).
    pub fn crash(&self) {
        self.triggers.stop();
        self.runner.crash();
    }

    /// Stops cleanly within `deadline` (SIGTERM): no new run or message starts, the current
    /// message finishes or is handed back, the run's state is recorded, the lease released.
    pub async fn shutdown(&self, deadline: Duration) {
        self.triggers.stop();
        self.runner.shutdown(deadline).await;
    }

    /// Starts a run for `caller` (or finds the active one) and answers at once: what MCP
    /// tasks and `Prefer: respond-async` use. `true` when this call started it.
    pub async fn start_run(
        &self,
        since: Option<&str>,
        caller: Option<&Principal>,
    ) -> Result<(RunId, bool), PipelineError> {
        let since = since.map(|s| api::parse_since(s, Utc::now())).transpose()?;
        let by = caller.map(|c| self.runner.starter_key(c));
        Ok(match self.runner.start(Trigger::Manual, since, by).await? {
            Started::New { run_id, .. } => (run_id, true),
            Started::AlreadyRunning { run_id, .. } => (run_id, false),
        })
    }

    /// Run `raw_id` as a task: its record with live counts, for the caller who started it
    /// or an operator. Anyone else is told there is no such run, so run ids cannot be
    /// probed.
    pub async fn run_task(
        &self,
        raw_id: &str,
        caller: Option<&Principal>,
    ) -> Result<RunPipelineOutput, PipelineError> {
        let mut rec = self.run_for(raw_id, caller).await?;
        self.as_seen_here(&mut rec);
        Ok(output_of(&rec))
    }

    /// What a caller of this instance sees of `rec`: while this instance still runs it, its
    /// live counts, and `running` even once the end is recorded, until the lease is released
    /// too. So a run reported ended here can be followed by a new run at once.
    fn as_seen_here(&self, rec: &mut RunRecord) {
        let Some(active) = self.runner.active() else {
            return;
        };
        if active.run_id != rec.run_id {
            return;
        }
        rec.counts = active.progress.snapshot();
        if rec.status.is_final() {
            rec.status = RunStatus::Running;
            rec.finished_at = None;
            rec.summary = "running".into();
        }
    }

    /// Asks run `raw_id` to stop at the next message boundary (wherever it runs), for its
    /// starter or an operator; a run that has ended is left as it is.
    pub async fn cancel_run(
        &self,
        raw_id: &str,
        caller: Option<&Principal>,
    ) -> Result<(), PipelineError> {
        let rec = self.run_for(raw_id, caller).await?;
        if !rec.status.is_final() {
            tracing::info!(target: "audit", run_id = %rec.run_id, "pipeline run cancel asked");
            self.runner.cancel_anywhere(&rec.run_id).await?;
        }
        Ok(())
    }

    async fn run_for(
        &self,
        raw_id: &str,
        caller: Option<&Principal>,
    ) -> Result<RunRecord, PipelineError> {
        let id = RunId::parse(raw_id)?;
        let not_found = || PipelineError::RunNotFound(id.clone());
        let rec = self.runner.store.run(&id).await?.ok_or_else(not_found)?;
        let allowed = caller.is_some_and(|c| {
            c.operator || rec.started_by.as_deref() == Some(self.runner.starter_key(c).as_str())
        });
        if allowed { Ok(rec) } else { Err(not_found()) }
    }

    /// `run_pipeline`: starts a run for `caller` (or reports the active one) and waits up to
    /// `PIPELINE_WAIT` for it to finish.
    pub async fn run_pipeline(
        &self,
        since: Option<&str>,
        caller: Option<&Principal>,
    ) -> Result<RunPipelineOutput, PipelineError> {
        let since = since.map(|s| api::parse_since(s, Utc::now())).transpose()?;
        let by = caller.map(|c| self.runner.starter_key(c));
        match self.runner.start(Trigger::Manual, since, by).await? {
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
                let wait = self.runner.settings.pipeline_wait;
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

    /// `list_failed_messages`: messages given up on, most recent first.
    pub async fn failed_messages(
        &self,
        input: &api::ListFailedInput,
    ) -> Result<api::ListFailedOutput, PipelineError> {
        let limit = input.limit()?;
        let records = self.runner.store.failed_messages(limit).await?;
        Ok(api::ListFailedOutput {
            messages: records
                .into_iter()
                .map(|r| api::FailedMessage {
                    id: r.id,
                    error: r.error,
                    attempts: r.attempts,
                    run_id: r.run_id,
                    updated_at: r.updated_at,
                })
                .collect(),
        })
    }

    /// `requeue_messages`: failed messages get another round of attempts from the next run.
    pub async fn requeue(
        &self,
        input: &api::RequeueInput,
    ) -> Result<api::RequeueOutput, PipelineError> {
        let ids = input.ids()?;
        let requeued = self.runner.store.requeue(&ids).await?;
        tracing::info!(target: "audit", requeued = requeued.len(), "failed messages re-queued");
        let not_failed = ids
            .into_iter()
            .filter(|id| !requeued.contains(id))
            .collect();
        Ok(api::RequeueOutput {
            requeued,
            not_failed,
        })
    }

    /// Erases the per-message records of mail from `email`: how many messages.
    pub async fn forget_sender(&self, email: &common::Email) -> Result<usize, PipelineError> {
        let key = self.runner.sender_key(email);
        Ok(self.runner.store.erase_sender(&key).await?)
    }

    /// `get_status`.
    pub async fn status(&self) -> Result<api::StatusOutput, PipelineError> {
        status::status(&self.runner, &self.triggers).await
    }

    /// `pipeline_run://{run_id}`.
    pub async fn get_run(&self, raw_id: &str) -> Result<PipelineRunView, PipelineError> {
        let id = RunId::parse(raw_id)?;
        let store = &self.runner.store;
        let mut rec = store
            .run(&id)
            .await?
            .ok_or_else(|| PipelineError::RunNotFound(id.clone()))?;
        let mut messages = store.run_messages(&id, MAX_VIEW_MESSAGES + 1).await?;
        let truncated = messages.len() > MAX_VIEW_MESSAGES;
        messages.truncate(MAX_VIEW_MESSAGES);
        // A running run's counts are live only in the instance that runs it.
        self.as_seen_here(&mut rec);
        let counts = rec.counts;
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
        self.triggers.webhook().await
    }

    /// The mailbox pushes must name (`GMAIL_USER`), when known.
    pub fn mailbox(&self) -> Option<&str> {
        self.runner.settings.gmail_user.as_deref()
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
