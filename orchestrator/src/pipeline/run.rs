//! One run: list new mail (plus earlier failures due for a retry), then each message with
//! bounded concurrency through get → classify → enrich → agent → tasks, recording outcomes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use chrono::Utc;
use futures::StreamExt;
use tracing::Instrument;

use super::metrics::PipelineMetrics;
use super::model::{
    ActionRecord, Counts, MessageOutcome, MessageRecord, RunId, RunMessage, RunRecord, RunStatus,
    rfc3339,
};
use common::contract::llm_agent::Action;

use super::steps::{self, StepError};
use super::store::PipelineStore;
use crate::services::Services;

/// Live counters of a run (read by `get_status` while it works).
#[derive(Default)]
pub struct Progress {
    fetched: AtomicU64,
    skipped: AtomicU64,
    classified: AtomicU64,
    enriched: AtomicU64,
    processed: AtomicU64,
    tasks_created: AtomicU64,
    failed: AtomicU64,
}

impl Progress {
    pub fn snapshot(&self) -> Counts {
        let g = |a: &AtomicU64| a.load(Ordering::Relaxed);
        Counts {
            fetched: g(&self.fetched),
            skipped: g(&self.skipped),
            classified: g(&self.classified),
            enriched: g(&self.enriched),
            processed: g(&self.processed),
            tasks_created: g(&self.tasks_created),
            failed: g(&self.failed),
        }
    }

    fn inc(a: &AtomicU64, n: u64) {
        a.fetch_add(n, Ordering::Relaxed);
    }
}

/// What a run needs.
pub struct RunCtx {
    pub run_id: RunId,
    pub store: Arc<dyn PipelineStore>,
    pub services: Services,
    pub metrics: PipelineMetrics,
    pub progress: Arc<Progress>,
    /// Set when the lease is lost: no new message is started.
    pub cancelled: Arc<AtomicBool>,
    pub concurrency: usize,
    pub max_attempts: u32,
    pub max_messages: usize,
    pub timeouts: steps::StepTimeouts,
}

/// Executes the run described by `record` (status `running`) and returns it finished.
pub async fn execute(ctx: Arc<RunCtx>, mut record: RunRecord) -> RunRecord {
    let listed_at = Utc::now();
    let listing = list(&ctx, &record.since).await;
    let (ids, truncated) = match listing {
        Ok(v) => v,
        Err(e) => {
            ctx.metrics.error(e.step);
            tracing::error!(error = %e, "the run could not list mail");
            record.status = RunStatus::Failed;
            record.summary = format!("could not list mail: {e}");
            record.counts = ctx.progress.snapshot();
            return record;
        }
    };
    Progress::inc(&ctx.progress.fetched, ids.len() as u64);
    tracing::info!(messages = ids.len(), truncated, "run listed mail");

    futures::stream::iter(ids)
        .map(|id| {
            let ctx = ctx.clone();
            let span = tracing::info_span!("message", message_id = %id);
            async move {
                if ctx.cancelled.load(Ordering::Relaxed) {
                    return;
                }
                process(&ctx, &id).await;
            }
            .instrument(span)
        })
        .buffer_unordered(ctx.concurrency)
        .collect::<()>()
        .await;

    let counts = ctx.progress.snapshot();
    record.counts = counts;
    if ctx.cancelled.load(Ordering::Relaxed) {
        record.status = RunStatus::Failed;
        record.summary = format!(
            "stopped: the run lease was lost after {} of {} messages; the next run resumes",
            counts.skipped + counts.processed + counts.failed,
            counts.fetched
        );
        return record;
    }
    record.status = if counts.failed > 0 {
        RunStatus::Partial
    } else {
        RunStatus::Completed
    };
    // A truncated listing keeps the mark so the unlisted older mail is not skipped.
    if !truncated {
        record.high_water_mark = Some(rfc3339(listed_at));
    }
    record.summary = format!(
        "{} messages: {} processed, {} skipped, {} failed; {} tasks created{}",
        counts.fetched,
        counts.processed,
        counts.skipped,
        counts.failed,
        counts.tasks_created,
        if truncated {
            format!(
                "; listing stopped at PIPELINE_MAX_MESSAGES={}, the next run continues from the same point",
                ctx.max_messages
            )
        } else {
            String::new()
        }
    );
    record
}

/// New ids, then earlier failures due for a retry, without duplicates.
async fn list(ctx: &RunCtx, since: &str) -> Result<(Vec<String>, bool), StepError> {
    let (mut ids, truncated) =
        steps::list_new(&ctx.services, &ctx.timeouts, since, ctx.max_messages).await?;
    let retries = ctx
        .store
        .retry_due(ctx.max_messages)
        .await
        .map_err(|e| StepError::new("store", common::ErrorCode::UpstreamUnavailable, e.0))?;
    let mut seen: std::collections::HashSet<String> = ids.iter().cloned().collect();
    ids.extend(retries.into_iter().filter(|id| seen.insert(id.clone())));
    Ok((ids, truncated))
}

async fn process(ctx: &RunCtx, id: &str) {
    let previous = match ctx.store.message(id).await {
        Ok(p) => p,
        Err(e) => {
            // Without knowing its history we must not act on it; the next run retries.
            ctx.metrics.error("store");
            tracing::warn!(error = %e, "could not read the message record");
            Progress::inc(&ctx.progress.failed, 1);
            ctx.metrics.message("failed");
            return;
        }
    };
    if let Some(p) = &previous
        && matches!(p.outcome, MessageOutcome::Done | MessageOutcome::Failed)
    {
        Progress::inc(&ctx.progress.skipped, 1);
        ctx.metrics.message("skipped");
        return;
    }
    let attempts = previous.as_ref().map_or(0, |p| p.attempts) + 1;
    let mut entry = RunMessage {
        id: id.to_string(),
        subject: None,
        category: None,
        priority: None,
        actions: Vec::new(),
        task_ids: Vec::new(),
        error: None,
    };
    let result = steps_for(ctx, id, &mut entry).await;
    let outcome = match &result {
        Ok(()) => {
            Progress::inc(&ctx.progress.processed, 1);
            ctx.metrics.message("processed");
            MessageOutcome::Done
        }
        Err(e) => {
            ctx.metrics.error(e.step);
            Progress::inc(&ctx.progress.failed, 1);
            entry.error = Some(e.to_string());
            let outcome = if e.retryable && attempts < ctx.max_attempts {
                MessageOutcome::Retrying
            } else {
                MessageOutcome::Failed
            };
            tracing::warn!(error = %e, attempts, ?outcome, "message failed");
            ctx.metrics.message(match outcome {
                MessageOutcome::Retrying => "retrying",
                _ => "failed",
            });
            outcome
        }
    };
    let record = MessageRecord {
        id: id.to_string(),
        outcome,
        attempts,
        run_id: ctx.run_id.clone(),
        error: entry.error.clone(),
        task_ids: entry.task_ids.clone(),
        updated_at: rfc3339(Utc::now()),
    };
    if let Err(e) = ctx.store.record_message(&record, &entry).await {
        // Tasks are idempotent, so reprocessing it next run is harmless.
        ctx.metrics.error("store");
        tracing::error!(error = %e, "could not record the message outcome");
    }
}

async fn steps_for(ctx: &RunCtx, id: &str, entry: &mut RunMessage) -> Result<(), StepError> {
    let (s, t) = (&ctx.services, &ctx.timeouts);
    let message = steps::get_message(s, t, id).await?;
    entry.subject = Some(message.subject.clone());

    let class = steps::classify(s, t, &message).await?;
    entry.category = Some(class.category.as_str().to_string());
    entry.priority = Some(class.priority.as_str().to_string());
    Progress::inc(&ctx.progress.classified, 1);

    let sender = steps::sender_email(&message);
    let (contact, customer, _problems) = steps::enrich(s, t, sender.as_ref()).await;
    Progress::inc(&ctx.progress.enriched, 1);

    let out = steps::agent(s, t, &message, &class, contact, customer).await?;
    entry.actions = out.actions.iter().map(ActionRecord::from).collect();

    for (index, action) in out.actions.iter().enumerate() {
        let Some(email) = sender.as_ref() else {
            if matches!(action, Action::CreateTask { .. }) {
                return Err(StepError::new(
                    "create_task",
                    common::ErrorCode::InvalidArguments,
                    "the sender has no valid address to attach a task to",
                )
                .permanent());
            }
            continue;
        };
        let Some(mut request) = steps::TaskRequest::for_action(action, email) else {
            continue;
        };
        request.key = steps::idempotency_key(id, index);
        request.description = &out.summary;
        request.message_id = id;
        request.run_id = ctx.run_id.as_str();
        let (task_id, created) = steps::create_task(s, t, request).await?;
        entry.task_ids.push(task_id);
        if created {
            Progress::inc(&ctx.progress.tasks_created, 1);
        }
    }
    Ok(())
}
