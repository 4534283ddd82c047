//! `get_status`: the active run (here or on another instance), the last run and triggers.

use super::api::{self, PipelineError};
use super::model::parse_time;
use super::runner::Runner;
use super::triggers::Triggers;

pub(super) async fn status(
    runner: &Runner,
    triggers: &Triggers,
) -> Result<api::StatusOutput, PipelineError> {
    let local = runner.active().map(|a| api::CurrentRun {
        run_id: a.run_id,
        progress: a.progress.snapshot(),
        started_at: Some(a.started_at),
        local: true,
    });
    let current = match local {
        Some(c) => Some(c),
        None => match runner.store.lease().await? {
            Some(lease) => {
                let rec = runner.store.run(&lease.run_id).await.ok().flatten();
                Some(api::CurrentRun {
                    run_id: lease.run_id,
                    progress: rec.as_ref().map(|r| r.counts).unwrap_or_default(),
                    started_at: rec.as_ref().and_then(|r| parse_time(&r.started_at)),
                    local: false,
                })
            }
            None => None,
        },
    };
    let last = runner.store.last_run().await?;
    let backlog = last.as_ref().map_or(0, |l| l.cursor.backlog.len());
    let last_run = last.map(|l| api::LastRunView {
        run_id: l.run.run_id,
        status: l.run.status,
        finished_at: l.run.finished_at.as_deref().and_then(parse_time),
        counts: l.run.counts,
        summary: l.run.summary,
    });
    let settings = &runner.settings;
    Ok(api::StatusOutput {
        running: current.is_some(),
        current_run: current,
        last_run,
        backlog_windows: backlog,
        next_scheduled_run: triggers.next_timer(),
        triggers: api::Triggers {
            manual: true,
            timer: api::TimerTrigger {
                enabled: settings.pipeline_interval.is_some(),
                interval_seconds: settings.pipeline_interval.map(|d| d.as_secs()),
            },
            webhook: api::WebhookTrigger {
                enabled: settings.webhook_enabled(),
                follow_up_queued: triggers.follow_up_queued(),
            },
        },
        store: runner.store.backend().to_string(),
    })
}
