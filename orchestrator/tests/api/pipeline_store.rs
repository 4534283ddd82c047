//! Durable pipeline state in the Firestore emulator: the lease, records, and a run
//! interrupted by its instance's death.

use std::sync::Arc;
use std::time::Duration;

use common::metrics::MetricsRegistry;
use orchestrator::pipeline::model::{
    Cursor, MessageOutcome, MessageRecord, RunId, RunMessage, RunRecord, RunStatus, Window,
};
use orchestrator::pipeline::store::{Acquire, FirestoreStore, PipelineStore};
use orchestrator::pipeline::{Pipeline, PipelineSettings};
use orchestrator::services::{ServiceUrls, Services};

use crate::pipeline_helpers::hanging_service;

fn key() -> secrecy::SecretString {
    secrecy::SecretString::from("test-sender-key-0123456789")
}

async fn store(project: &str) -> FirestoreStore {
    testkit::firestore_emulator();
    FirestoreStore::connect(
        project,
        "pipeline_runs",
        "pipeline_messages",
        "pipeline_lease",
    )
    .await
    .expect("the emulator answers")
}

fn run_record(id: &RunId) -> RunRecord {
    RunRecord {
        run_id: id.clone(),
        status: RunStatus::Partial,
        trigger: "manual".into(),
        since: "2026-01-01T00:00:00.000Z".into(),
        started_at: "2026-01-01T00:00:01.000Z".into(),
        finished_at: Some("2026-01-01T00:00:09.000Z".into()),
        counts: Default::default(),
        summary: "s".into(),
        holder: "a".into(),
        started_by: None,
        cancel_requested: false,
    }
}

#[tokio::test]
async fn instances_racing_for_the_firestore_lease_let_exactly_one_win() {
    let project = testkit::unique_project("pipe-lease");
    let mut stores = Vec::new();
    for _ in 0..6 {
        stores.push(Arc::new(store(&project).await));
    }
    let attempts = stores.iter().enumerate().map(|(i, s)| {
        let s = s.clone();
        async move {
            s.try_acquire(
                &format!("holder-{i}"),
                &RunId::generate(),
                Duration::from_secs(30),
            )
            .await
            .expect("the store answers")
        }
    });
    let results = futures::future::join_all(attempts).await;
    let winners = results
        .iter()
        .filter(|r| matches!(r, Acquire::Acquired { .. }))
        .count();
    assert_eq!(winners, 1, "{results:?}");
    let holder = stores[0]
        .lease()
        .await
        .unwrap()
        .expect("a live lease")
        .holder;
    for (i, s) in stores.iter().enumerate() {
        let mine = format!("holder-{i}") == holder;
        assert_eq!(
            s.renew(&format!("holder-{i}"), Duration::from_secs(30))
                .await
                .unwrap(),
            mine
        );
    }
}

#[tokio::test]
async fn an_expired_firestore_lease_is_taken_over_and_names_the_interrupted_run() {
    let s = store(&testkit::unique_project("pipe-expiry")).await;
    let first = RunId::generate();
    assert!(matches!(
        s.try_acquire("a", &first, Duration::from_secs(2))
            .await
            .unwrap(),
        Acquire::Acquired { stale: None }
    ));
    let held = s
        .try_acquire("b", &RunId::generate(), Duration::from_secs(30))
        .await
        .unwrap();
    assert!(
        matches!(held, Acquire::Held(_)),
        "{held:?} / {:?}",
        s.lease().await
    );
    tokio::time::sleep(Duration::from_millis(2100)).await;
    match s
        .try_acquire("b", &RunId::generate(), Duration::from_secs(30))
        .await
        .unwrap()
    {
        Acquire::Acquired { stale: Some(l) } => assert_eq!(l.run_id, first),
        other => panic!("expired lease not taken over: {other:?}"),
    }
    s.release("a").await.unwrap();
    assert_eq!(
        s.lease().await.unwrap().unwrap().holder,
        "b",
        "a released b's lease"
    );
}

#[tokio::test]
async fn runs_messages_and_the_listing_cursor_round_trip_through_firestore() {
    let s = store(&testkit::unique_project("pipe-records")).await;
    let r1 = RunId::generate();
    s.finish_run(&run_record(&r1), &Cursor::default())
        .await
        .unwrap();
    let r2 = RunId::generate();
    let cursor = Cursor {
        mark: Some("2026-01-01T00:00:01.000Z".into()),
        backlog: vec![Window {
            after: "2025-12-31T00:00:00.000Z".into(),
            before: "2025-12-31T12:00:00.000Z".into(),
        }],
    };
    s.finish_run(&run_record(&r2), &cursor).await.unwrap();
    let last = s.last_run().await.unwrap().unwrap();
    assert_eq!(last.run.run_id, r2);
    assert_eq!(last.cursor, cursor);
    assert_eq!(
        s.run(&r1).await.unwrap().unwrap().status,
        RunStatus::Partial
    );

    for (id, outcome) in [
        ("m1", MessageOutcome::Done),
        ("m2", MessageOutcome::Retrying),
    ] {
        let rec = MessageRecord {
            id: id.into(),
            outcome,
            attempts: 1,
            run_id: r2.clone(),
            error: None,
            task_ids: vec![],
            updated_at: "2026-01-01T00:00:02.000Z".into(),
            runs: vec![r2.clone()],
            sender_key: Some("k1".into()),
        };
        let entry = RunMessage {
            id: id.into(),
            subject: Some("hello".into()),
            category: None,
            priority: None,
            actions: vec![],
            task_ids: vec![],
            error: None,
            notes: vec![],
        };
        s.record_message(&rec, &entry).await.unwrap();
    }
    assert_eq!(s.retry_due(10).await.unwrap(), vec!["m2".to_string()]);
    let listed = s.run_messages(&r2, 10).await.unwrap();
    assert_eq!(
        listed.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        ["m1", "m2"]
    );
    assert_eq!(
        s.message("m1").await.unwrap().unwrap().outcome,
        MessageOutcome::Done
    );
    // Erasure by the sender's key removes both records and their run details.
    assert_eq!(s.erase_sender("k1").await.unwrap(), 2);
    assert!(s.message("m1").await.unwrap().is_none());
    assert!(s.run_messages(&r2, 10).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_run_whose_instance_dies_is_closed_and_another_instance_runs_after_the_lease_expires() {
    let project = testkit::unique_project("pipe-interrupt");
    let gmail = hanging_service().await;
    let settings = PipelineSettings {
        firestore_project_id: Some(project),
        // Short, so the test waits little for it to expire; long enough that a loaded machine
        // still renews it in time while the instance lives.
        pipeline_lease_ttl: Duration::from_secs(3),
        pipeline_wait: Duration::from_millis(100),
        ..PipelineSettings::default()
    };
    let services = Services::new(&ServiceUrls {
        gmail_service_url: Some(gmail),
        service_timeout_ms: 60_000,
        service_id_tokens: None,
        ..ServiceUrls::default()
    });
    let a = Pipeline::start(
        settings.clone(),
        services.clone(),
        &MetricsRegistry::new(),
        key(),
    )
    .await
    .unwrap();
    let b = Pipeline::start(settings, services, &MetricsRegistry::new(), key())
        .await
        .unwrap();
    let first = a.run_pipeline(None, None).await.unwrap();
    assert_eq!(
        first.status,
        orchestrator::pipeline::model::RunCallStatus::Running
    );
    let refused = b.run_pipeline(None, None).await.unwrap();
    assert_eq!(
        refused.status,
        orchestrator::pipeline::model::RunCallStatus::AlreadyRunning
    );
    assert_eq!(
        refused.run_id, first.run_id,
        "the other instance names the active run"
    );

    a.crash(); // the instance dies without releasing its lease
    drop(a);
    let mut second = None;
    for _ in 0..100 {
        let out = b.run_pipeline(None, None).await.unwrap();
        if out.run_id != first.run_id {
            second = Some(out);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let second = second.expect("the lease never expired");
    assert_ne!(
        second.status,
        orchestrator::pipeline::model::RunCallStatus::AlreadyRunning
    );
    let closed = b.get_run(first.run_id.as_str()).await.unwrap();
    assert_eq!(closed.status, RunStatus::Failed);
    assert!(
        closed.details.summary.contains("interrupted"),
        "{}",
        closed.details.summary
    );
}
