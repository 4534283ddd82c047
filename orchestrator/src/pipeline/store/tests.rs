//! Behaviour both backends share, exercised on the memory store (the Firestore backend is
//! covered by the integration tests against the emulator).

use std::time::Duration;

use super::*;

fn run(id: &RunId) -> RunRecord {
    RunRecord {
        run_id: id.clone(),
        status: crate::pipeline::model::RunStatus::Completed,
        trigger: "manual".into(),
        since: "2026-01-01T00:00:00.000Z".into(),
        started_at: "2026-01-01T00:00:00.000Z".into(),
        finished_at: Some("2026-01-01T00:01:00.000Z".into()),
        counts: Default::default(),
        summary: String::new(),
        holder: "a".into(),
        started_by: None,
        cancel_requested: false,
    }
}

#[tokio::test]
async fn a_live_lease_is_held_against_other_holders_and_an_expired_one_is_taken_over() {
    let store = MemoryStore::new();
    let r1 = RunId::generate();
    let r2 = RunId::generate();
    let ttl = Duration::from_millis(300);
    assert_eq!(
        store.try_acquire("a", &r1, ttl).await.unwrap(),
        Acquire::Acquired { stale: None }
    );
    match store.try_acquire("b", &r2, ttl).await.unwrap() {
        Acquire::Held(l) => assert_eq!(l.run_id, r1),
        other => panic!("b took a live lease: {other:?}"),
    }
    assert!(!store.renew("b", ttl).await.unwrap());
    tokio::time::sleep(Duration::from_millis(350)).await;
    match store.try_acquire("b", &r2, ttl).await.unwrap() {
        Acquire::Acquired { stale: Some(l) } => assert_eq!(l.run_id, r1),
        other => panic!("expired lease not taken over: {other:?}"),
    }
    assert!(!store.renew("a", ttl).await.unwrap(), "a renewed b's lease");
    store.release("a").await.unwrap();
    assert_eq!(store.lease().await.unwrap().unwrap().holder, "b");
    store.release("b").await.unwrap();
    assert!(store.lease().await.unwrap().is_none());
}

#[tokio::test]
async fn the_last_run_carries_the_cursor_it_left() {
    let store = MemoryStore::new();
    let cursor = crate::pipeline::model::Cursor {
        mark: Some("2026-01-01T00:00:00.000Z".into()),
        backlog: vec![],
    };
    let first = run(&RunId::generate());
    store.finish_run(&first, &cursor).await.unwrap();
    let last = store.last_run().await.unwrap().unwrap();
    assert_eq!(last.run.run_id, first.run_id);
    assert_eq!(last.cursor, cursor);
}

#[tokio::test]
async fn failed_messages_are_listed_and_requeued_once() {
    use crate::pipeline::model::{MessageOutcome, MessageRecord, RunMessage};
    let store = MemoryStore::new();
    let run_id = RunId::generate();
    for (id, outcome) in [("a", MessageOutcome::Failed), ("b", MessageOutcome::Done)] {
        let rec = MessageRecord {
            id: id.into(),
            outcome,
            attempts: 3,
            run_id: run_id.clone(),
            error: Some("classify: timeout".into()),
            task_ids: vec![],
            updated_at: "2026-01-01T00:00:00.000Z".into(),
            runs: vec![run_id.clone()],
            sender_key: None,
        };
        let entry = RunMessage {
            id: id.into(),
            subject: None,
            category: None,
            priority: None,
            actions: vec![],
            task_ids: vec![],
            error: None,
            notes: vec![],
        };
        store.record_message(&rec, &entry).await.unwrap();
    }
    let failed = store.failed_messages(10).await.unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].id, "a");
    let ids = vec!["a".to_string(), "b".to_string(), "zzz".to_string()];
    assert_eq!(store.requeue(&ids).await.unwrap(), vec!["a".to_string()]);
    assert_eq!(store.retry_due(10).await.unwrap(), vec!["a".to_string()]);
    assert!(
        store.requeue(&ids).await.unwrap().is_empty(),
        "only failed ones"
    );
}

#[test]
fn unsafe_message_ids_are_hashed_into_document_ids() {
    assert_eq!(message_doc_id("18c1f0a2b3"), "18c1f0a2b3");
    let hashed = message_doc_id("../x/y");
    assert!(hashed.starts_with("h-") && hashed.len() == 34, "{hashed}");
}

#[tokio::test]
async fn a_message_record_reads_back_as_it_was_written() {
    use crate::pipeline::model::{MessageOutcome, MessageRecord, RunMessage};
    let store = MemoryStore::new();
    let (a, b) = (RunId::generate(), RunId::generate());
    let entry = |id: &str| RunMessage {
        id: id.into(),
        subject: None,
        category: None,
        priority: None,
        actions: vec![],
        task_ids: vec![],
        error: None,
        notes: vec![],
    };
    // The usual shape (the last run is the record's run) and an unusual one.
    for (id, runs) in [("m1", vec![a.clone(), b.clone()]), ("m2", vec![b.clone()])] {
        let rec = MessageRecord {
            id: id.into(),
            outcome: MessageOutcome::Done,
            attempts: 2,
            run_id: a.clone(),
            error: Some("agent: timeout".into()),
            task_ids: vec!["t1".into(), "t2".into()],
            updated_at: "2026-01-01T00:00:00.000Z".into(),
            runs,
            sender_key: Some("abc".into()),
        };
        store.record_message(&rec, &entry(id)).await.unwrap();
        assert_eq!(store.message(id).await.unwrap(), Some(rec));
    }
    assert_eq!(store.erase_sender("abc").await.unwrap(), 2);
    assert!(store.message("m1").await.unwrap().is_none());
}
