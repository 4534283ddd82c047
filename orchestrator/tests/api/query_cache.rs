//! L1 in Firestore (emulator): an answer survives an orchestrator restart; L1 trouble only
//! degrades to L2.

use std::time::Duration;

use crate::query_helpers::{Options, spawn_orchestrator, spawn_stack};

const QUESTION: &str = "Does Alice have unpaid invoices?";

async fn documents(http: &reqwest::Client, emulator: &str, project: &str) -> usize {
    let url = format!(
        "http://{emulator}/v1/projects/{project}/databases/(default)/documents/query_cache"
    );
    let body: serde_json::Value = http
        .get(url)
        .header("authorization", "Bearer owner")
        .send()
        .await
        .expect("emulator answers")
        .json()
        .await
        .unwrap_or_default();
    body["documents"].as_array().map(Vec::len).unwrap_or(0)
}

#[tokio::test]
async fn an_answer_is_served_from_l1_after_an_orchestrator_restart() {
    let emulator = testkit::firestore_emulator();
    let project = testkit::unique_project("orch-l1");
    let opts = || Options {
        env: vec![
            ("FIRESTORE_PROJECT_ID", project.clone()),
            ("CACHE_L1_TIMEOUT_MS", "5000".into()),
        ],
        ..Options::default()
    };
    let stack = spawn_stack(opts()).await;
    let first = stack.ask(QUESTION, "alice@example.com").await;
    assert_eq!(first["cache"], "miss");
    assert_eq!(first["status"], "ok", "{first}");
    // The L1 write happens off the response path: wait for it (bounded).
    let mut stored = 0;
    for _ in 0..100 {
        stored = documents(&stack.http, &emulator, &project).await;
        if stored > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(stored, 1, "the answer reached Firestore");

    // A new orchestrator (empty L2) over the same services and project.
    let restarted = spawn_orchestrator(&stack.sandbox_url, &stack.services, &opts()).await;
    let ask = |url: String| {
        let http = stack.http.clone();
        async move {
            http.post(format!("{url}/query"))
                .json(&serde_json::json!({"query": QUESTION, "email": "alice@example.com"}))
                .send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    stack.sandbox.clear_requests();
    let from_l1 = ask(restarted.clone()).await;
    assert_eq!(from_l1["cache"], "l1", "{from_l1}");
    assert_eq!(from_l1["answer"], first["answer"]);
    assert!(
        stack.upstream_requests().is_empty(),
        "no tool was called for an L1 hit"
    );
    let from_l2 = ask(restarted.clone()).await;
    assert_eq!(from_l2["cache"], "l2");
    let ready: serde_json::Value = stack
        .http
        .get(format!("{restarted}/ready"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let l1 = ready["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "l1_cache")
        .unwrap()
        .clone();
    assert_eq!(l1["detail"], "firestore", "{ready}");
}

#[tokio::test]
async fn without_firestore_answers_are_cached_in_memory_and_ready_says_so() {
    let stack = spawn_stack(Options::default()).await;
    let ready: serde_json::Value = stack
        .http
        .get(format!("{}/ready", stack.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let l1 = ready["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "l1_cache")
        .unwrap()
        .clone();
    assert!(l1["detail"].as_str().unwrap().contains("L2"), "{ready}");
    let metrics = stack
        .http
        .get(format!("{}/metrics", stack.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("query_cache_l1_up"), "{metrics}");
}

#[tokio::test]
async fn forgetting_a_customer_erases_their_answers_from_firestore_too() {
    let emulator = testkit::firestore_emulator();
    let project = testkit::unique_project("orch-erase");
    let opts = || Options {
        env: vec![
            ("FIRESTORE_PROJECT_ID", project.clone()),
            ("CACHE_L1_TIMEOUT_MS", "5000".into()),
        ],
        ..Options::default()
    };
    let stack = spawn_stack(opts()).await;
    for (q, email) in [
        (QUESTION, "alice@example.com"),
        ("Any open tickets?", "alice@example.com"),
        (QUESTION, "bob@example.com"),
    ] {
        assert_eq!(stack.ask(q, email).await["cache"], "miss");
    }
    let mut stored = 0;
    for _ in 0..100 {
        stored = documents(&stack.http, &emulator, &project).await;
        if stored == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(stored, 3, "the answers reached Firestore");

    let erased: serde_json::Value = stack
        .http
        .post(format!("{}/tools/forget_customer", stack.url))
        .json(&serde_json::json!({"email": "Alice@Example.com"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(erased["complete"], true, "{erased}");
    assert_eq!(erased["answers_memory"], 2, "{erased}");
    assert_eq!(erased["answers_firestore"], 2, "{erased}");
    assert_eq!(
        documents(&stack.http, &emulator, &project).await,
        1,
        "only Bob's answer is left"
    );
    assert_eq!(
        stack.ask(QUESTION, "alice@example.com").await["cache"],
        "miss"
    );
    assert_eq!(stack.ask(QUESTION, "bob@example.com").await["cache"], "l2");
}
