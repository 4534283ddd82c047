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
        high_water_mark: None,
        holder: "a".into(),
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
async fn the_high_water_mark_survives_a_run_that_has_none() {
    let store = MemoryStore::new();
    let mut first = run(&RunId::generate());
    first.high_water_mark = Some("2026-01-01T00:00:00.000Z".into());
    store.finish_run(&first).await.unwrap();
    let failed = run(&RunId::generate());
    store.finish_run(&failed).await.unwrap();
    let last = store.last_run().await.unwrap().unwrap();
    assert_eq!(last.run.run_id, failed.run_id);
    assert_eq!(last.high_water_mark, first.high_water_mark);
}

#[test]
fn unsafe_message_ids_are_hashed_into_document_ids() {
    assert_eq!(message_doc_id("18c1f0a2b3"), "18c1f0a2b3");
    let hashed = message_doc_id("../x/y");
    assert!(hashed.starts_with("h-") && hashed.len() == 34, "{hashed}");
}
