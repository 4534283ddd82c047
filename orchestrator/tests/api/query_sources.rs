//! Failing sources: one at a time (partial), all at once (says so), slow ones (timeout), and
//! the model down (rules answer).

use std::time::Duration;

use sandbox::{Fault, Upstream};
use serde_json::json;

use crate::query_helpers::{Options, Stack, source_statuses, spawn_stack};

/// A question the rules planner sends to every system.
const BROAD: &str = "Tell me everything about this person";

fn upstream_of(service: &str) -> Upstream {
    match service {
        "chargebee" => Upstream::Chargebee,
        "hubspot" => Upstream::Hubspot,
        "firebase" => Upstream::IdentityToolkit,
        "gmail" => Upstream::Gmail,
        other => panic!("no upstream for {other}"),
    }
}

async fn ask_fresh(stack: &Stack) -> serde_json::Value {
    let (status, _, body) = stack
        .ask_raw(json!({"query": BROAD, "email": "alice@example.com", "no_cache": true}))
        .await;
    assert_eq!(status, 200);
    body
}

#[tokio::test]
async fn each_data_service_failing_alone_gives_a_partial_answer_naming_it() {
    let stack = spawn_stack(Options {
        env: vec![("QUERY_RESULT_TTL_SECS", "0".into())],
        ..Options::default()
    })
    .await;
    let baseline = ask_fresh(&stack).await;
    assert_eq!(baseline["status"], "ok", "{baseline}");
    let services: Vec<String> = source_statuses(&baseline)
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert!(
        services.contains(&"chargebee".to_string()) && services.contains(&"firebase".to_string())
    );
    for failing in &services {
        stack.sandbox.clear_faults();
        stack
            .sandbox
            .inject(Fault::new(upstream_of(failing)).status(503));
        let body = ask_fresh(&stack).await;
        assert_eq!(body["status"], "partial", "{failing}: {body}");
        for (service, status) in source_statuses(&body) {
            let want = if &service == failing { "error" } else { "ok" };
            assert_eq!(status, want, "{failing} failing: {body}");
        }
        let failed = body["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| &s["service"] == failing)
            .unwrap();
        assert!(failed["error"]["code"].is_string(), "{failed}");
        assert!(
            body["answer"].as_str().unwrap().contains(failing.as_str()),
            "{body}"
        );
        let c = body["confidence"].as_f64().unwrap();
        assert!(c < baseline["confidence"].as_f64().unwrap());
    }
}

#[tokio::test]
async fn a_slow_service_becomes_a_timed_out_source() {
    let stack = spawn_stack(Options {
        env: vec![
            ("QUERY_CALL_TIMEOUT_MS", "300".into()),
            ("QUERY_DEADLINE_MS", "600".into()),
        ],
        ..Options::default()
    })
    .await;
    stack
        .sandbox
        .inject(Fault::new(Upstream::Chargebee).latency(Duration::from_secs(3)));
    let body = stack
        .ask(
            "Does Alice have unpaid invoices or a support ticket?",
            "alice@example.com",
        )
        .await;
    let statuses = source_statuses(&body);
    assert!(
        statuses.contains(&("chargebee".into(), "timeout".into())),
        "{body}"
    );
    assert!(
        matches!(body["status"].as_str(), Some("partial") | Some("error")),
        "{body}"
    );
}

#[tokio::test]
async fn when_every_source_fails_the_answer_says_so() {
    let stack = spawn_stack(Options::default()).await;
    for u in [
        Upstream::Chargebee,
        Upstream::Hubspot,
        Upstream::IdentityToolkit,
        Upstream::Gmail,
    ] {
        stack.sandbox.inject(Fault::new(u).status(503));
    }
    let body = stack.ask(BROAD, "alice@example.com").await;
    assert_eq!(body["status"], "error", "{body}");
    assert_eq!(body["error"]["code"], "upstream_unavailable");
    assert!(
        body["answer"]
            .as_str()
            .unwrap()
            .contains("none of the sources"),
        "{body}"
    );
    assert!(source_statuses(&body).iter().all(|(_, s)| s == "error"));
    assert_eq!(body["confidence"], 0.0);
    // A failed answer is not cached: the next ask tries again.
    stack.sandbox.clear_faults();
    let again = stack.ask(BROAD, "alice@example.com").await;
    assert_eq!(again["cache"], "miss");
    assert_eq!(again["status"], "ok", "{again}");
}

#[tokio::test]
async fn with_the_model_down_the_rules_provider_answers() {
    let stack = spawn_stack(Options {
        model: true,
        ..Options::default()
    })
    .await;
    stack
        .sandbox
        .inject(Fault::new(Upstream::Openai).status(503));
    let body = stack
        .ask("Does Alice have unpaid invoices?", "alice@example.com")
        .await;
    assert_eq!(body["status"], "ok", "{body}");
    assert_eq!(body["model"], "rules");
    assert!(source_statuses(&body).contains(&("chargebee".into(), "ok".into())));
    assert!(
        body["answer"].as_str().unwrap().contains("invoices"),
        "{body}"
    );
}

#[tokio::test]
async fn a_model_plan_with_unknown_tools_is_repaired_once_then_used() {
    let stack = spawn_stack(Options {
        model: true,
        ..Options::default()
    })
    .await;
    let llm = &stack.sandbox.state.llm;
    llm.push_text(json!({"intent": "x", "calls": [{"service": "billing", "tool": "everything", "arguments": {}}]}).to_string());
    llm.push_text(json!({"intent": "x", "calls": [{"service": "chargebee", "tool": "billing_summary", "arguments": {}}]}).to_string());
    llm.push_text(
        json!({"answer": "Alice's balance is in the billing summary.", "confidence": 0.8})
            .to_string(),
    );
    let body = stack.ask("What does Alice owe?", "alice@example.com").await;
    assert_eq!(body["model"], "gemma-3-27b-it", "{body}");
    assert_eq!(
        source_statuses(&body),
        vec![("chargebee".to_string(), "ok".to_string())]
    );
    assert_eq!(stack.plan_calls(), 2, "one plan and one repair");
    let c = body["confidence"].as_f64().unwrap();
    assert!((c - 0.8).abs() < 1e-9, "{c}");
}
