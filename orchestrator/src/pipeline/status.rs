//! `get_status`: the active run (here or on another instance), the last run and triggers.

use std::sync::atomic::Ordering;

use super::Inner;
use super::api::{self, PipelineError};
use super::model::parse_time;

impl Inner {
    pub(super) async fn status(&self) -> Result<api::StatusOutput, PipelineError> {
        let local = self.active.lock().as_ref().map(|a| api::CurrentRun {
            run_id: a.run_id.clone(),
            progress: a.progress.snapshot(),
            started_at: Some(a.started_at),
            local: true,
        });
        let current = match local {
            Some(c) => Some(c),
            None => match self.store.lease().await? {
                Some(lease) => {
                    let rec = self.store.run(&lease.run_id).await.ok().flatten();
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
        let last_run = self.store.last_run().await?.map(|l| api::LastRunView {
            run_id: l.run.run_id,
            status: l.run.status,
            finished_at: l.run.finished_at.as_deref().and_then(parse_time),
            counts: l.run.counts,
            summary: l.run.summary,
        });
        Ok(api::StatusOutput {
            running: current.is_some(),
            current_run: current,
            last_run,
            next_scheduled_run: *self.next_timer.lock(),
            triggers: api::Triggers {
                manual: true,
                timer: api::TimerTrigger {
                    enabled: self.settings.pipeline_interval.is_some(),
                    interval_seconds: self.settings.pipeline_interval.map(|d| d.as_secs()),
                },
                webhook: api::WebhookTrigger {
                    enabled: self.settings.pipeline_webhook_token.is_some(),
                    follow_up_queued: self.follow_up.load(Ordering::Relaxed),
                },
            },
            store: self.store.backend().to_string(),
        })
    }
}
