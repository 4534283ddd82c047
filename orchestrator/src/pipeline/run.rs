//! One run: list (earlier failures due for a retry, new mail, then backlog windows), then
//! each message with bounded concurrency through get → classify → enrich → agent → tasks,
//! recording outcomes, and compute where the next run starts.
//!
//! A message is *recorded* once its outcome is stored. Anything listed but not recorded (the
//! store failed, or the run stopped before it finished) keeps its window in the cursor's
//! backlog, so a later run lists it again: mail is never skipped, and tasks are idempotent,
//! so nothing is done twice.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use common::contract::Tool;
use common::contract::firebase::CreateTask;
use common::contract::llm_agent::Action;
use parking_lot::Mutex;
use secrecy::SecretString;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::listing::{self, Listed, Listing};
use super::metrics::PipelineMetrics;
use super::model::{
    ActionRecord, Counts, Cursor, MessageOutcome, MessageRecord, RunId, RunMessage, RunRecord,
    RunStatus, Window, parse_time, rfc3339,
};
use super::steps::{self, StepError, StepTimeouts};
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
    handed_back: AtomicU64,
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
            handed_back: g(&self.handed_back),
        }
    }

    fn inc(a: &AtomicU64) {
        a.fetch_add(1, Ordering::Relaxed);
    }
}

/// Why a run stopped before listing everything it could.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// Cancelled by its caller (a task's `tasks/cancel`).
    Cancelled,
    /// The process is shutting down.
    Shutdown,
    /// Another instance took the lease over.
    LeaseLost,
}

/// How a run is asked to stop: `stop` ends it at the next message boundary (messages in
/// flight finish); `abort` also drops messages in flight (they are handed back).
#[derive(Clone, Default)]
pub struct Stop {
    pub stop: CancellationToken,
    pub abort: CancellationToken,
    reason: Arc<Mutex<Option<StopReason>>>,
}

impl Stop {
    /// Stops at the next message boundary for `reason` (the first reason given wins).
    pub fn request(&self, reason: StopReason) {
        self.reason.lock().get_or_insert(reason);
        self.stop.cancel();
    }

    /// Drops messages in flight as well.
    pub fn abort(&self, reason: StopReason) {
        self.request(reason);
        self.abort.cancel();
    }

    pub fn reason(&self) -> Option<StopReason> {
        *self.reason.lock()
    }
}

/// What a run needs.
pub struct RunCtx {
    pub run_id: RunId,
    pub store: Arc<dyn PipelineStore>,
    pub services: Services,
    pub metrics: PipelineMetrics,
    pub progress: Arc<Progress>,
    pub stop: Stop,
    pub concurrency: usize,
    pub max_attempts: u32,
    pub max_messages: usize,
    pub timeouts: StepTimeouts,
    /// New mail is listed from this long before the previous run's listing time, so mail
    /// that Gmail indexes late is not missed (it is skipped if already done).
    pub overlap: Duration,
    /// How far back the very first run looks.
    pub lookback: Duration,
    /// Keys the senders' hashes in message records.
    pub sender_key: SecretString,
}

/// Messages listed and not yet recorded: their window and date.
type Pending = Arc<Mutex<HashMap<String, (Option<usize>, Option<DateTime<Utc>>)>>>;

/// Executes the run described by `record` (status `running`) from `cursor`, and returns it
/// finished with the cursor the next run starts from. `since` replaces the new-mail window's
/// start (a manual `run_pipeline(since)`).
pub async fn execute(
    ctx: Arc<RunCtx>,
    mut record: RunRecord,
    cursor: &Cursor,
    since: Option<DateTime<Utc>>,
) -> (RunRecord, Cursor) {
    let listed_at = Utc::now();
    let windows = windows(&ctx, cursor, since, listed_at);
    let retries = match ctx.store.retry_due(ctx.max_messages).await {
        Ok(r) => r,
        Err(e) => {
            // Failures stay queued in the store; the next run tries to read them again.
            ctx.metrics.error("store");
            tracing::warn!(error = %e, "could not read the messages due for a retry");
            Vec::new()
        }
    };
    let pending: Pending = Arc::default();
    let (tx, rx) = mpsc::channel::<Listed>(ctx.concurrency * 2);
    let tracked = pending.clone();
    // A message listed twice in one run (due for a retry and inside a window, or in two
    // windows that overlap) is worked once: it is tracked and sent once, or its second
    // listing, never worked, would stay pending after the first was recorded and be counted
    // (and kept in the backlog) as handed back. The one per-run set of the run (ids only,
    // boxed: about 50 bytes a message); `pending` holds only what is listed and not yet
    // recorded, which the bounded channel and the concurrency bound.
    let listed_once: Mutex<HashSet<Box<str>>> = Mutex::new(HashSet::new());
    let lister = listing::list(
        &ctx.services,
        &ctx.timeouts,
        &windows,
        retries,
        ctx.max_messages as u64,
        tx,
        ctx.stop.stop.clone(),
        move |item: &Listed| {
            let first = listed_once.lock().insert(item.id.as_str().into());
            if first {
                tracked
                    .lock()
                    .insert(item.id.clone(), (item.window, item.date));
            }
            first
        },
    );
    let consumer = consume(ctx.clone(), rx, pending.clone());
    let work = async { futures::join!(lister, consumer).0 };
    let report = tokio::select! {
        r = work => Some(r),
        () = ctx.stop.abort.cancelled() => None,
    };
    // Whatever is still pending was listed and not recorded: handed back to a later run.
    let pending = std::mem::take(&mut *pending.lock());
    ctx.progress
        .handed_back
        .fetch_add(pending.len() as u64, Ordering::Relaxed);
    let listings = match &report {
        Some(r) => r.windows.clone(),
        // Aborted mid-listing: every window counts as cut where nothing is known.
        None => vec![Listing::Cut { oldest: None }; windows.len()],
    };
    let next = next_cursor(cursor, &windows, &listings, &pending, listed_at);

    let counts = ctx.progress.snapshot();
    record.counts = counts;
    let listing_error = report.as_ref().and_then(|r| r.error.as_ref());
    let listed_nothing = report.as_ref().is_some_and(|r| r.listed == 0);
    let worked = counts.skipped + counts.processed + counts.failed;
    (record.status, record.summary) = match (ctx.stop.reason(), listing_error) {
        (Some(StopReason::LeaseLost), _) => (
            RunStatus::Failed,
            format!(
                "stopped: the run lease was lost after {worked} of {} messages; the next run resumes",
                counts.fetched
            ),
        ),
        (Some(reason), _) => (
            RunStatus::Cancelled,
            format!(
                "stopped ({}) after {worked} messages: {} processed, {} skipped, {} failed, {} handed back; {} tasks created; the next run continues",
                match reason {
                    StopReason::Shutdown => "shutdown",
                    _ => "cancelled",
                },
                counts.processed,
                counts.skipped,
                counts.failed,
                counts.handed_back,
                counts.tasks_created
            ),
        ),
        (None, Some(e)) if listed_nothing => {
            ctx.metrics.error(e.step);
            (RunStatus::Failed, format!("could not list mail: {e}"))
        }
        (None, error) => {
            let status = if counts.failed > 0 || error.is_some() {
                RunStatus::Partial
            } else {
                RunStatus::Completed
            };
            let mut summary = format!(
                "{} messages: {} processed, {} skipped, {} failed; {} tasks created",
                counts.fetched,
                counts.processed,
                counts.skipped,
                counts.failed,
                counts.tasks_created
            );
            if let Some(e) = error {
                summary.push_str(&format!(
                    "; listing stopped early ({e}), the next run continues"
                ));
            } else if !next.backlog.is_empty() {
                summary.push_str(&format!(
                    "; {} older window(s) left for the next run (PIPELINE_MAX_MESSAGES={})",
                    next.backlog.len(),
                    ctx.max_messages
                ));
            }
            (status, summary)
        }
    };
    (record, next)
}

/// The windows to list, newest first: new mail since the cursor's mark (or `since`), then
/// the backlog.
fn windows(
    ctx: &RunCtx,
    cursor: &Cursor,
    since: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Vec<Window> {
    let to_chrono = |d: Duration| chrono::Duration::from_std(d).unwrap_or(chrono::Duration::zero());
    let start = since.unwrap_or_else(|| match cursor.mark.as_deref().and_then(parse_time) {
        Some(mark) => mark - to_chrono(ctx.overlap),
        None => now - to_chrono(ctx.lookback),
    });
    let mut out = vec![Window {
        after: rfc3339(start),
        before: rfc3339(now),
    }];
    let mut backlog = cursor.backlog.clone();
    backlog.sort_by(|a, b| b.before.cmp(&a.before));
    out.extend(backlog);
    out
}

/// What the next run starts from: the mark moves to this listing's time (never back), and
/// every window not fully listed and recorded goes to the backlog, down to its oldest
/// unrecorded or unlisted message.
fn next_cursor(
    previous: &Cursor,
    windows: &[Window],
    listings: &[Listing],
    pending: &HashMap<String, (Option<usize>, Option<DateTime<Utc>>)>,
    listed_at: DateTime<Utc>,
) -> Cursor {
    let listed_at = rfc3339(listed_at);
    let mark = match &previous.mark {
        Some(m) if *m > listed_at => m.clone(),
        _ => listed_at,
    };
    let mut next = Cursor {
        mark: Some(mark),
        backlog: Vec::new(),
    };
    for (i, (w, listing)) in windows.iter().zip(listings).enumerate() {
        let unrecorded: Vec<Option<DateTime<Utc>>> = pending
            .values()
            .filter(|(win, _)| *win == Some(i))
            .map(|(_, d)| *d)
            .collect();
        let keep_whole = || Some(w.before.clone());
        let newest_unrecorded = || -> Option<Option<String>> {
            if unrecorded.is_empty() {
                return None;
            }
            // A message without a date could be anywhere in the window.
            Some(if unrecorded.iter().any(Option::is_none) {
                keep_whole()
            } else {
                unrecorded.iter().flatten().max().map(|d| rfc3339(*d))
            })
        };
        let upper = match listing {
            Listing::NotStarted => keep_whole(),
            Listing::Done => newest_unrecorded().flatten(),
            Listing::Cut { oldest: None } => keep_whole(),
            Listing::Cut {
                oldest: Some(oldest),
            } => {
                let cut = rfc3339(*oldest);
                match newest_unrecorded() {
                    Some(Some(u)) => Some(u.max(cut)),
                    Some(None) => keep_whole(),
                    None => Some(cut),
                }
            }
        };
        if let Some(before) = upper {
            next.push_backlog(Window {
                after: w.after.clone(),
                before,
            });
        }
    }
    next
}

/// Processes listed messages, at most `concurrency` at once, until the listing ends or the
/// run is asked to stop (messages already started finish). Each message is a task of its
/// own, so the run's work spreads over the runtime's threads; dropping this future (an
/// abort) aborts them, and whatever they had not recorded stays pending (handed back).
async fn consume(ctx: Arc<RunCtx>, mut rx: mpsc::Receiver<Listed>, pending: Pending) {
    let stop = ctx.stop.stop.clone();
    let mut running = tokio::task::JoinSet::new();
    loop {
        while running.len() >= ctx.concurrency.max(1) {
            running.join_next().await;
        }
        let item = tokio::select! {
            biased;
            () = stop.cancelled() => break,
            i = rx.recv() => match i {
                Some(i) => i,
                None => break,
            },
            // Reap finished messages while the listing is slower than the work.
            Some(_) = running.join_next(), if !running.is_empty() => continue,
        };
        if stop.is_cancelled() {
            break;
        }
        let ctx = ctx.clone();
        let pending = pending.clone();
        let span = tracing::info_span!("message", message_id = %item.id);
        running.spawn(
            async move {
                Progress::inc(&ctx.progress.fetched);
                if process(&ctx, &item.id).await {
                    pending.lock().remove(&item.id);
                }
            }
            .instrument(span),
        );
    }
    // The lister, if it still waits to send, learns at once that nothing more is taken.
    drop(rx);
    while running.join_next().await.is_some() {}
}

/// Works one message; `true` once its outcome is stored (or it was done before).
async fn process(ctx: &RunCtx, id: &str) -> bool {
    let previous = match ctx.store.message(id).await {
        Ok(p) => p,
        Err(e) => {
            // Without knowing its history we must not act on it; it is handed back.
            ctx.metrics.error("store");
            tracing::warn!(error = %e, "could not read the message record");
            Progress::inc(&ctx.progress.failed);
            ctx.metrics.message("failed");
            return false;
        }
    };
    if let Some(p) = &previous
        && matches!(p.outcome, MessageOutcome::Done | MessageOutcome::Failed)
    {
        Progress::inc(&ctx.progress.skipped);
        ctx.metrics.message("skipped");
        return true;
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
        notes: Vec::new(),
    };
    let mut sender_key = None;
    let result = steps_for(ctx, id, &mut entry, &mut sender_key).await;
    let outcome = match &result {
        Ok(()) => {
            Progress::inc(&ctx.progress.processed);
            ctx.metrics.message("processed");
            MessageOutcome::Done
        }
        Err(e) => {
            ctx.metrics.error(e.step);
            Progress::inc(&ctx.progress.failed);
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
    let mut runs = previous.map(|p| p.runs).unwrap_or_default();
    runs.push(ctx.run_id.clone());
    let record = MessageRecord {
        id: id.to_string(),
        outcome,
        attempts,
        run_id: ctx.run_id.clone(),
        error: entry.error.clone(),
        task_ids: entry.task_ids.clone(),
        updated_at: rfc3339(Utc::now()),
        runs,
        sender_key,
    };
    match ctx.store.record_message(&record, &entry).await {
        Ok(()) => true,
        Err(e) => {
            // Tasks are idempotent, so listing it again later is harmless.
            ctx.metrics.error("store");
            tracing::error!(error = %e, "could not record the message outcome; it is handed back");
            false
        }
    }
}

async fn steps_for(
    ctx: &RunCtx,
    id: &str,
    entry: &mut RunMessage,
    sender_key: &mut Option<String>,
) -> Result<(), StepError> {
    let (s, t) = (&ctx.services, &ctx.timeouts);
    let message = steps::get_message(s, t, id).await?;
    entry.subject = Some(common::text::truncate_chars(&message.subject, 200).into_owned());
    let sender = steps::sender_email(&message);
    if let Some(from) = &sender {
        // New mail from them: cached searches of their mail are stale now.
        s.results().mail_arrived(from);
    }
    *sender_key = sender
        .as_ref()
        .map(|e| common::auth::audit::customer_hash(&ctx.sender_key, e));

    let class = steps::classify(s, t, &message).await?;
    entry.category = Some(class.category);
    entry.priority = Some(class.priority);
    Progress::inc(&ctx.progress.classified);

    let (contact, customer, problems) = steps::enrich(s, t, sender.as_ref()).await;
    entry
        .notes
        .extend(problems.iter().map(|p| format!("enrichment degraded: {p}")));
    Progress::inc(&ctx.progress.enriched);

    let out = steps::agent(s, t, &message, &class, contact, customer).await?;
    entry.actions = out.actions.iter().map(ActionRecord::from).collect();

    for (index, action) in out.actions.iter().enumerate() {
        let Some(email) = sender.as_ref() else {
            if matches!(action, Action::CreateTask { .. }) {
                return Err(StepError::new(
                    CreateTask::NAME.as_str(),
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
            Progress::inc(&ctx.progress.tasks_created);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        parse_time(s).unwrap()
    }

    fn win(a: &str, b: &str) -> Window {
        Window {
            after: a.into(),
            before: b.into(),
        }
    }

    const A: &str = "2026-01-01T00:00:00.000Z";
    const B: &str = "2026-01-02T00:00:00.000Z";
    const MID: &str = "2026-01-01T12:00:00.000Z";
    const LATE: &str = "2026-01-01T18:00:00.000Z";

    #[test]
    fn a_window_listed_and_recorded_in_full_leaves_no_backlog() {
        let next = next_cursor(
            &Cursor::default(),
            &[win(A, B)],
            &[Listing::Done],
            &HashMap::new(),
            t(B),
        );
        assert_eq!(next.mark.as_deref(), Some(B));
        assert!(next.backlog.is_empty());
    }

    #[test]
    fn a_cut_window_keeps_its_older_part_so_old_mail_is_not_skipped() {
        let next = next_cursor(
            &Cursor::default(),
            &[win(A, B)],
            &[Listing::Cut {
                oldest: Some(t(MID)),
            }],
            &HashMap::new(),
            t(B),
        );
        assert_eq!(
            next.mark.as_deref(),
            Some(B),
            "new mail starts after this run"
        );
        assert_eq!(next.backlog, vec![win(A, MID)]);
    }

    #[test]
    fn an_unrecorded_message_keeps_its_window_open_up_to_it() {
        let pending = HashMap::from([("m".to_string(), (Some(0), Some(t(LATE))))]);
        let next = next_cursor(
            &Cursor::default(),
            &[win(A, B)],
            &[Listing::Done],
            &pending,
            t(B),
        );
        assert_eq!(next.backlog, vec![win(A, LATE)]);
        let undated = HashMap::from([("m".to_string(), (Some(0), None))]);
        let next = next_cursor(
            &Cursor::default(),
            &[win(A, B)],
            &[Listing::Done],
            &undated,
            t(B),
        );
        assert_eq!(next.backlog, vec![win(A, B)]);
    }

    #[test]
    fn windows_a_run_never_reached_stay_whole_and_the_mark_never_goes_back() {
        let previous = Cursor {
            mark: Some("2026-01-03T00:00:00.000Z".into()),
            backlog: vec![],
        };
        let next = next_cursor(
            &previous,
            &[win(A, B), win("2025-12-01T00:00:00.000Z", A)],
            &[Listing::Done, Listing::NotStarted],
            &HashMap::new(),
            t(B),
        );
        assert_eq!(next.mark, previous.mark);
        assert_eq!(next.backlog, vec![win("2025-12-01T00:00:00.000Z", A)]);
    }
}
