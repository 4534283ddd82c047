//! The pipeline under real conditions: mailboxes larger than one run, a store that fails or
//! hangs, steps slower than a service call, a shutdown and a cancellation mid-run. In every
//! case no mail is skipped and no task is created twice.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use common::auth::Principal;
use common::metrics::MetricsRegistry;
use orchestrator::pipeline::api::PipelineError;
use orchestrator::pipeline::model::{
    Cursor, MessageOutcome, MessageRecord, RunId, RunMessage, RunRecord, RunStatus,
};
use orchestrator::pipeline::store::{
    Acquire, LastRun, Lease, MemoryStore, PipelineStore, StoreError,
};
use orchestrator::pipeline::{Pipeline, PipelineSettings};
use parking_lot::Mutex;

use crate::standins::{self, Knobs};

fn key() -> secrecy::SecretString {
    secrecy::SecretString::from("test-sender-key-0123456789")
}

fn settings(max_messages: usize) -> PipelineSettings {
    PipelineSettings {
        pipeline_max_messages: max_messages,
        pipeline_wait: Duration::from_secs(60),
        pipeline_concurrency: 4,
        ..PipelineSettings::default()
    }
}

fn pipeline(
    settings: PipelineSettings,
    services: orchestrator::services::Services,
    store: Arc<dyn PipelineStore>,
) -> Arc<Pipeline> {
    Pipeline::with_store(settings, services, &MetricsRegistry::new(), store, key())
}

async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..400 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("timed out waiting until {what}");
}

#[tokio::test]
async fn a_mailbox_larger_than_one_run_is_worked_through_older_mail_included() {
    let (services, seen) = standins::spawn(Knobs {
        mailbox: 120,
        ..Knobs::default()
    });
    let store = Arc::new(MemoryStore::new());
    let p = pipeline(settings(50), services, store.clone());
    let mut runs = 0;
    while seen.messages_read() < 120 && runs < 8 {
        let out = p.run_pipeline(None, None).await.unwrap();
        assert_ne!(format!("{:?}", out.status), "Failed", "{}", out.summary);
        runs += 1;
    }
    assert_eq!(
        seen.messages_read(),
        120,
        "every message, the oldest too, after {runs} runs"
    );
    assert!(
        seen.reads.lock().values().all(|n| *n == 1),
        "no message worked twice"
    );
    assert_eq!(seen.tasks(), 120);
    let last = store.last_run().await.unwrap().unwrap();
    assert!(last.cursor.backlog.is_empty(), "{:?}", last.cursor);
    // A further run has nothing new to do.
    let again = p.run_pipeline(None, None).await.unwrap();
    assert_eq!(again.counts.processed, 0, "{}", again.summary);
}

/// A store whose writes of some messages fail (once each) or whose reads hang.
struct Faulty {
    inner: MemoryStore,
    fail_record_once: Mutex<Vec<String>>,
    hang_read: Mutex<Vec<String>>,
}

impl Faulty {
    fn new() -> Self {
        Self {
            inner: MemoryStore::new(),
            fail_record_once: Mutex::new(Vec::new()),
            hang_read: Mutex::new(Vec::new()),
        }
    }
}

#[async_trait]
impl PipelineStore for Faulty {
    fn backend(&self) -> &'static str {
        "faulty"
    }
    async fn try_acquire(&self, h: &str, r: &RunId, t: Duration) -> Result<Acquire, StoreError> {
        self.inner.try_acquire(h, r, t).await
    }
    async fn renew(&self, h: &str, t: Duration) -> Result<bool, StoreError> {
        self.inner.renew(h, t).await
    }
    async fn release(&self, h: &str) -> Result<(), StoreError> {
        self.inner.release(h).await
    }
    async fn lease(&self) -> Result<Option<Lease>, StoreError> {
        self.inner.lease().await
    }
    async fn request_cancel(&self, id: &RunId) -> Result<bool, StoreError> {
        self.inner.request_cancel(id).await
    }
    async fn save_run(&self, r: &RunRecord) -> Result<(), StoreError> {
        self.inner.save_run(r).await
    }
    async fn run(&self, id: &RunId) -> Result<Option<RunRecord>, StoreError> {
        self.inner.run(id).await
    }
    async fn finish_run(&self, r: &RunRecord, c: &Cursor) -> Result<(), StoreError> {
        self.inner.finish_run(r, c).await
    }
    async fn last_run(&self) -> Result<Option<LastRun>, StoreError> {
        self.inner.last_run().await
    }
    async fn message(&self, id: &str) -> Result<Option<MessageRecord>, StoreError> {
        if self.hang_read.lock().iter().any(|h| h == id) {
            tokio::time::sleep(Duration::from_secs(600)).await;
        }
        self.inner.message(id).await
    }
    async fn record_message(&self, r: &MessageRecord, e: &RunMessage) -> Result<(), StoreError> {
        let fail = {
            let mut once = self.fail_record_once.lock();
            let before = once.len();
            once.retain(|id| id != &r.id);
            once.len() < before
        };
        if fail {
            return Err(StoreError("injected write failure".into()));
        }
        self.inner.record_message(r, e).await
    }
    async fn retry_due(&self, limit: usize) -> Result<Vec<String>, StoreError> {
        self.inner.retry_due(limit).await
    }
    async fn run_messages(&self, id: &RunId, limit: usize) -> Result<Vec<RunMessage>, StoreError> {
        self.inner.run_messages(id, limit).await
    }
    async fn failed_messages(&self, limit: usize) -> Result<Vec<MessageRecord>, StoreError> {
        self.inner.failed_messages(limit).await
    }
    async fn requeue(&self, ids: &[String]) -> Result<Vec<String>, StoreError> {
        self.inner.requeue(ids).await
    }
    async fn erase_sender(&self, k: &str) -> Result<usize, StoreError> {
        self.inner.erase_sender(k).await
    }
}

#[tokio::test]
async fn a_message_whose_record_cannot_be_written_is_listed_again_and_done_once() {
    let (services, seen) = standins::spawn(Knobs {
        mailbox: 10,
        ..Knobs::default()
    });
    let store = Arc::new(Faulty::new());
    store.fail_record_once.lock().push("m000004".into());
    let p = pipeline(settings(100), services, store.clone());
    let first = p.run_pipeline(None, None).await.unwrap();
    assert_eq!(first.counts.handed_back, 1, "{}", first.summary);
    assert!(store.message("m000004").await.unwrap().is_none());
    let second = p.run_pipeline(None, None).await.unwrap();
    assert_eq!(
        store.message("m000004").await.unwrap().map(|m| m.outcome),
        Some(MessageOutcome::Done),
        "{}",
        second.summary
    );
    assert_eq!(seen.tasks(), 10, "one task per message, none twice");
    assert!(
        store
            .last_run()
            .await
            .unwrap()
            .unwrap()
            .cursor
            .backlog
            .is_empty()
    );
}

#[tokio::test]
async fn a_store_that_hangs_does_not_hang_the_run_and_the_message_is_not_lost() {
    let (services, seen) = standins::spawn(Knobs {
        mailbox: 6,
        ..Knobs::default()
    });
    let store = Arc::new(Faulty::new());
    store.hang_read.lock().push("m000002".into());
    let p = pipeline(
        PipelineSettings {
            pipeline_store_timeout: Duration::from_millis(300),
            ..settings(100)
        },
        services,
        store.clone(),
    );
    let first = p.run_pipeline(None, None).await.unwrap();
    assert_eq!(first.counts.handed_back, 1, "{}", first.summary);
    store.hang_read.lock().clear();
    p.run_pipeline(None, None).await.unwrap();
    assert_eq!(
        store.message("m000002").await.unwrap().map(|m| m.outcome),
        Some(MessageOutcome::Done)
    );
    assert_eq!(seen.tasks(), 6);
}

#[tokio::test]
async fn a_step_slower_than_a_service_call_but_within_its_own_deadline_succeeds() {
    let (services, seen) = standins::spawn(Knobs {
        mailbox: 2,
        agent_delay: Duration::from_millis(800),
        ..Knobs::default()
    });
    // Calls between services default to a short deadline; the agent step has its own.
    let services = services_with_timeout(services, Duration::from_millis(300));
    let p = pipeline(
        PipelineSettings {
            pipeline_agent_timeout: Duration::from_secs(5),
            ..settings(100)
        },
        services,
        Arc::new(MemoryStore::new()),
    );
    let out = p.run_pipeline(None, None).await.unwrap();
    assert_eq!(out.counts.processed, 2, "{}", out.summary);
    assert_eq!(seen.tasks(), 2);
}

fn services_with_timeout(
    s: orchestrator::services::Services,
    timeout: Duration,
) -> orchestrator::services::Services {
    s.with_timeout(timeout)
}

#[tokio::test]
async fn a_shutdown_mid_run_records_the_run_releases_the_lease_and_loses_nothing() {
    let (services, seen) = standins::spawn(Knobs {
        mailbox: 30,
        get_delay: Duration::from_millis(150),
        ..Knobs::default()
    });
    let store: Arc<dyn PipelineStore> = Arc::new(MemoryStore::new());
    let a = pipeline(
        PipelineSettings {
            pipeline_concurrency: 2,
            pipeline_lease_ttl: Duration::from_secs(60),
            ..settings(100)
        },
        services.clone(),
        store.clone(),
    );
    let (run_id, started) = a.start_run(None, None).await.unwrap();
    assert!(started);
    wait_until("a few tasks exist", || seen.tasks() >= 3).await;
    a.shutdown(Duration::from_secs(3)).await;
    assert!(
        store.lease().await.unwrap().is_none(),
        "the lease is released, not left to expire"
    );
    let run = store.run(&run_id).await.unwrap().unwrap();
    assert_eq!(run.status, RunStatus::Cancelled, "{}", run.summary);
    assert!(seen.tasks() < 30, "it stopped early");

    // A new instance starts at once (no lease to wait out) and finishes the rest.
    let b = pipeline(settings(100), services, store.clone());
    let out = b.run_pipeline(None, None).await.unwrap();
    assert_ne!(format!("{:?}", out.status), "AlreadyRunning");
    assert_eq!(seen.tasks(), 30, "every message done once, none lost");
    assert_eq!(seen.messages_read(), 30);
}

#[tokio::test]
async fn a_cancelled_run_stops_at_a_message_boundary_and_the_next_run_continues() {
    let (services, seen) = standins::spawn(Knobs {
        mailbox: 40,
        get_delay: Duration::from_millis(100),
        ..Knobs::default()
    });
    let store: Arc<dyn PipelineStore> = Arc::new(MemoryStore::new());
    let p = pipeline(
        PipelineSettings {
            pipeline_concurrency: 2,
            ..settings(100)
        },
        services,
        store.clone(),
    );
    let (run_id, _) = p.start_run(None, None).await.unwrap();
    wait_until("a task exists", || seen.tasks() >= 1).await;
    p.cancel_run(run_id.as_str(), Some(&Principal::anonymous()))
        .await
        .unwrap();
    let store2 = store.clone();
    let id = run_id.clone();
    for _ in 0..400 {
        if store2
            .run(&id)
            .await
            .unwrap()
            .is_some_and(|r| r.status.is_final())
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let run = store.run(&run_id).await.unwrap().unwrap();
    assert_eq!(run.status, RunStatus::Cancelled, "{}", run.summary);
    // Messages already started finished: every message read has its outcome recorded
    // (listed ones not yet started are handed back to the next run).
    let read: Vec<String> = seen.reads.lock().keys().cloned().collect();
    for id in &read {
        assert!(
            store.message(id).await.unwrap().is_some(),
            "{id} was abandoned mid-way"
        );
    }
    assert_eq!(run.counts.processed as usize, read.len());
    assert!(store.lease().await.unwrap().is_none());
    let tasks_at_cancel = seen.tasks();
    assert!(tasks_at_cancel < 40);
    p.run_pipeline(None, None).await.unwrap();
    assert_eq!(seen.tasks(), 40);
}

fn caller(subject: &str, operator: bool) -> Principal {
    Principal {
        operator,
        subject: subject.into(),
        issuer: "https://securetoken.google.com/demo".into(),
        ..Principal::anonymous()
    }
}

#[tokio::test]
async fn a_run_is_followed_and_cancelled_only_by_its_starter_or_an_operator() {
    let (services, _seen) = standins::spawn(Knobs {
        mailbox: 10,
        get_delay: Duration::from_millis(50),
        ..Knobs::default()
    });
    let store: Arc<dyn PipelineStore> = Arc::new(MemoryStore::new());
    let p = pipeline(settings(100), services, store.clone());
    let starter = caller("starter", false);
    let (run_id, started) = p.start_run(None, Some(&starter)).await.unwrap();
    assert!(started);
    let id = run_id.as_str();
    assert!(p.run_task(id, Some(&starter)).await.is_ok());
    assert!(
        p.run_task(id, Some(&caller("other-operator", true)))
            .await
            .is_ok()
    );
    for stranger in [Some(caller("someone-else", false)), None] {
        let read = p.run_task(id, stranger.as_ref()).await;
        assert!(
            matches!(read, Err(PipelineError::RunNotFound(_))),
            "a stranger is told there is no such run: {read:?}"
        );
        let cancel = p.cancel_run(id, stranger.as_ref()).await;
        assert!(matches!(cancel, Err(PipelineError::RunNotFound(_))));
    }
    let rec = store.run(&run_id).await.unwrap().unwrap();
    assert_eq!(
        rec.status,
        RunStatus::Running,
        "a stranger's cancel did nothing"
    );
    assert!(!rec.cancel_requested);
    let starter_hash = rec.started_by.expect("the starter is recorded");
    assert!(
        !starter_hash.contains("starter"),
        "recorded as a keyed hash"
    );
    p.cancel_run(id, Some(&starter)).await.unwrap();
    for _ in 0..400 {
        if p.run_task(id, Some(&starter))
            .await
            .unwrap()
            .finished_at
            .is_some()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let rec = store.run(&run_id).await.unwrap().unwrap();
    assert_eq!(rec.status, RunStatus::Cancelled, "{}", rec.summary);
}

#[tokio::test]
async fn a_cancel_asked_on_another_instance_stops_the_run_at_its_next_renewal() {
    let (services, seen) = standins::spawn(Knobs {
        mailbox: 200,
        get_delay: Duration::from_millis(20),
        ..Knobs::default()
    });
    let store: Arc<dyn PipelineStore> = Arc::new(MemoryStore::new());
    let quick_lease = PipelineSettings {
        pipeline_lease_ttl: Duration::from_millis(600),
        pipeline_concurrency: 1,
        ..settings(500)
    };
    let a = pipeline(quick_lease.clone(), services.clone(), store.clone());
    let b = pipeline(quick_lease, services, store.clone());
    let (run_id, _) = a.start_run(None, None).await.unwrap();
    wait_until("a message is read", || seen.messages_read() >= 1).await;
    // b does not run it: the request goes through the run's record.
    b.cancel_run(run_id.as_str(), Some(&Principal::anonymous()))
        .await
        .unwrap();
    assert!(store.run(&run_id).await.unwrap().unwrap().cancel_requested);
    for _ in 0..400 {
        if store
            .run(&run_id)
            .await
            .unwrap()
            .is_some_and(|r| r.status.is_final())
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let rec = store.run(&run_id).await.unwrap().unwrap();
    assert_eq!(rec.status, RunStatus::Cancelled, "{}", rec.summary);
    assert!(seen.messages_read() < 200, "it stopped early");
    assert!(
        store.lease().await.unwrap().is_none(),
        "the lease is released"
    );
}

#[tokio::test]
async fn a_retry_also_listed_in_the_new_window_is_counted_once_and_not_handed_back() {
    let (services, seen) = standins::spawn(Knobs {
        mailbox: 60,
        ..Knobs::default()
    });
    let store = Arc::new(MemoryStore::new());
    // The oldest message failed in an earlier run: due for a retry (worked first), and
    // listed again, last, in this run's window.
    let earlier = RunId::generate();
    store
        .record_message(
            &MessageRecord {
                id: "m000059".into(),
                outcome: MessageOutcome::Retrying,
                attempts: 1,
                run_id: earlier.clone(),
                error: Some("agent: timeout: slow".into()),
                task_ids: Vec::new(),
                updated_at: chrono::Utc::now().to_rfc3339(),
                runs: vec![earlier],
                sender_key: None,
            },
            &RunMessage {
                id: "m000059".into(),
                subject: None,
                category: None,
                priority: None,
                actions: Vec::new(),
                task_ids: Vec::new(),
                error: Some("agent: timeout: slow".into()),
                notes: Vec::new(),
            },
        )
        .await
        .unwrap();
    let p = pipeline(settings(200), services, store.clone());
    let out = p.run_pipeline(None, None).await.unwrap();
    let c = out.counts;
    assert_eq!(format!("{:?}", out.status), "Completed", "{}", out.summary);
    assert_eq!(c.handed_back, 0, "nothing is handed back: {c:?}");
    assert_eq!(c.fetched, 60, "{c:?}");
    assert_eq!(c.fetched, c.skipped + c.processed + c.failed, "{c:?}");
    assert!(
        seen.reads.lock().values().all(|n| *n == 1),
        "each read once"
    );
    let last = store.last_run().await.unwrap().unwrap();
    assert!(
        last.cursor.backlog.is_empty(),
        "no backlog kept for mail already recorded: {:?}",
        last.cursor
    );
}
