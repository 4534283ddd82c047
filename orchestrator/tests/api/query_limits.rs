//! Limits that keep one caller or one broken dependency from taking everyone down: per-caller
//! rate limits, circuit breakers per service, the model's spend cap.

use serde_json::{Value, json};

use crate::query_helpers::{Options, spawn_orchestrator, spawn_stack};

#[tokio::test]
async fn a_caller_over_its_rate_gets_429_with_retry_after_and_others_are_unaffected() {
    let stack = spawn_stack(Options::default()).await;
    let url = spawn_orchestrator(
        &stack.sandbox_url,
        &stack.services,
        &Options {
            model: false,
            env: vec![
                ("QUERY_RATE_PER_MINUTE", "6".into()),
                ("QUERY_RATE_BURST", "3".into()),
                ("TRUST_FORWARDED_FOR", "true".into()),
            ],
        },
    )
    .await;
    let ask = |from: &'static str| {
        stack
            .http
            .post(format!("{url}/query"))
            .header("x-forwarded-for", format!("6.6.6.6, {from}"))
            .json(
                &json!({"query": "Does Alice have unpaid invoices?", "email": "alice@example.com"}),
            )
            .send()
    };
    for _ in 0..3 {
        assert_eq!(ask("203.0.113.1").await.unwrap().status(), 200);
    }
    let limited = ask("203.0.113.1").await.unwrap();
    assert_eq!(limited.status(), 429);
    let retry: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1);
    let body: Value = limited.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    assert!(body["request_id"].is_string());
    // Another client address (the front end's hop, not the spoofable first entry) is fine.
    assert_eq!(ask("203.0.113.2").await.unwrap().status(), 200);
}

#[tokio::test]
async fn a_dead_service_opens_its_breaker_and_later_questions_fail_that_source_at_once() {
    let stack = spawn_stack(Options::default()).await;
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        format!("http://127.0.0.1:{port}")
    };
    let mut services = stack.services.clone();
    services.insert("chargebee", closed);
    let url = spawn_orchestrator(
        &stack.sandbox_url,
        &services,
        &Options {
            model: false,
            env: vec![
                ("BREAKER_FAILURES", "3".into()),
                ("BREAKER_OPEN_SECS", "60".into()),
                ("QUERY_MAX_ATTEMPTS", "1".into()),
            ],
        },
    )
    .await;
    let mut last = Value::Null;
    for i in 0..6 {
        let body: Value = stack
            .http
            .post(format!("{url}/query"))
            .json(&json!({"query": format!("What are Alice's invoices ({i})?"), "email": "alice@example.com", "no_cache": true}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_ne!(body["status"], "ok", "{body}");
        last = body;
    }
    let source = last["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "chargebee")
        .cloned()
        .expect("a chargebee source");
    assert_eq!(source["status"], "error", "{last}");
    assert_eq!(source["error"]["code"], "upstream_unavailable");
    assert!(
        source["error"]["message"]
            .as_str()
            .unwrap()
            .contains("circuit breaker for chargebee is open"),
        "{source}"
    );
    let metrics = stack
        .http
        .get(format!("{url}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("breaker_state{breaker=\"chargebee\"} 2"),
        "{metrics}"
    );
    let ready: Value = stack
        .http
        .get(format!("{url}/ready"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(ready.to_string().contains("chargebee open"), "{ready}");
}

#[tokio::test]
async fn beyond_the_model_spend_cap_answers_use_the_built_in_model_and_say_so() {
    let stack = spawn_stack(Options::default()).await;
    let url = spawn_orchestrator(
        &stack.sandbox_url,
        &stack.services,
        &Options {
            model: true,
            env: vec![("LLM_MAX_CALLS_PER_MINUTE", "0".into())],
        },
    )
    .await;
    let body: Value = stack
        .http
        .post(format!("{url}/query"))
        .json(&json!({"query": "Does Alice have unpaid invoices?", "email": "alice@example.com"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["model"], "rules", "{body}");
    assert!(
        body["notices"].to_string().contains("budget"),
        "the answer says why: {body}"
    );
    assert_eq!(stack.plan_calls(), 0, "no model call was made");
}
