//! The `/query` contract: the response shape, Server-Timing, bad input, MCP, and sharing.

use serde_json::json;

use crate::query_helpers::{Options, spawn_stack};

#[tokio::test]
async fn a_question_about_a_seeded_person_is_answered_with_sources() {
    let stack = spawn_stack(Options::default()).await;
    let (status, timing, body) = stack
        .ask_raw(json!({"query": "Does Alice have unpaid invoices?", "email": "alice@example.com"}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "ok", "{body}");
    assert_eq!(body["model"], "rules");
    assert_eq!(body["cache"], "miss");
    assert!(body["error"].is_null());
    assert!(!body["request_id"].as_str().unwrap().is_empty());
    let ts = body["timestamp"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(ts).is_ok() && ts.ends_with('Z'),
        "{ts}"
    );
    let sources = body["sources"].as_array().unwrap();
    assert!(
        sources.iter().any(|s| s["service"] == "chargebee"
            && s["tool"] == "list_invoices"
            && s["status"] == "ok"),
        "{body}"
    );
    assert!(!body["answer"].as_str().unwrap().is_empty());
    let c = body["confidence"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&c));
    let timing = timing.expect("Server-Timing header");
    for stage in ["cache", "plan", "tools", "synthesis"] {
        assert!(timing.contains(&format!("{stage};")), "{timing}");
    }
}

#[tokio::test]
async fn the_same_question_again_is_served_from_l2_and_no_cache_skips_it() {
    let stack = spawn_stack(Options::default()).await;
    let first = stack
        .ask("What is Alice's billing balance?", "alice@example.com")
        .await;
    assert_eq!(first["cache"], "miss");
    // Normalisation: case, spacing and the final question mark do not matter.
    let again = stack
        .ask("what is alice's  billing balance", "alice@example.com")
        .await;
    assert_eq!(again["cache"], "l2");
    assert_eq!(again["answer"], first["answer"]);
    assert_ne!(again["request_id"], first["request_id"]);
    let (_, _, fresh) = stack
        .ask_raw(json!({"query": "What is Alice's billing balance?", "email": "alice@example.com", "no_cache": true}))
        .await;
    assert_eq!(fresh["cache"], "miss");
    // Another person never shares Alice's answer.
    let bob = stack
        .ask("What is Alice's billing balance?", "bob@example.com")
        .await;
    assert_eq!(bob["cache"], "miss");
}

#[tokio::test]
async fn invalid_requests_get_the_error_contract_with_http_200() {
    let stack = spawn_stack(Options::default()).await;
    let cases = [
        (
            json!({"query": "", "email": "alice@example.com"}),
            "invalid_arguments",
        ),
        (
            json!({"query": "   ", "email": "alice@example.com"}),
            "invalid_arguments",
        ),
        (
            json!({"query": "a".repeat(2001), "email": "alice@example.com"}),
            "invalid_arguments",
        ),
        (
            json!({"query": "hi", "email": "not-an-email"}),
            "invalid_arguments",
        ),
        (
            json!({"query": 42, "email": "alice@example.com"}),
            "invalid_arguments",
        ),
        (json!({"query": "hi"}), "invalid_arguments"),
        (
            json!({"query": "hi", "email": "alice@example.com", "admin": true}),
            "invalid_arguments",
        ),
        (json!(["hi", "alice@example.com"]), "invalid_arguments"),
    ];
    for (body, code) in cases {
        let (status, _, resp) = stack.ask_raw(body.clone()).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(resp["status"], "error", "{body} -> {resp}");
        assert_eq!(resp["error"]["code"], code, "{body} -> {resp}");
        assert!(resp["request_id"].is_string());
        assert_eq!(resp["sources"], json!([]));
    }
    // Not JSON at all, though labelled JSON.
    let resp = stack
        .http
        .post(format!("{}/query", stack.url))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_request");
    // No upstream was called for any of them.
    assert!(stack.upstream_requests().is_empty());
}

#[tokio::test]
async fn protocol_refusals_use_their_status_with_the_same_body() {
    let stack = spawn_stack(Options::default()).await;
    let resp = stack
        .http
        .post(format!("{}/query", stack.url))
        .header("content-type", "text/plain")
        .body(r#"{"query": "hi", "email": "alice@example.com"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 415);
    let body: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(body["status"], "error");
    assert_eq!(body["error"]["code"], "unsupported_media_type");

    let huge = json!({"query": "x".repeat(100_000), "email": "alice@example.com"});
    let (status, _, body) = stack.ask_raw(huge).await;
    assert_eq!(status, 413);
    assert_eq!(body["error"]["code"], "payload_too_large");
    assert!(body["request_id"].is_string());
}

#[tokio::test]
async fn the_query_tool_answers_like_post_query() {
    let stack = spawn_stack(Options::default()).await;
    let resp: serde_json::Value = stack
        .http
        .post(format!("{}/mcp/call", stack.url))
        .json(&json!({"tool": "query", "arguments": {"query": "Any unpaid invoices?", "email": "alice@example.com"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ne!(resp["isError"], true, "{resp}");
    let out = &resp["structuredContent"];
    assert_eq!(out["status"], "ok", "{resp}");
    assert!(
        out["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["service"] == "chargebee")
    );

    let bad: serde_json::Value = stack
        .http
        .post(format!("{}/mcp/call", stack.url))
        .json(&json!({"tool": "query", "arguments": {"query": "", "email": "alice@example.com"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(bad["isError"], true);
    assert_eq!(bad["structuredContent"]["code"], "invalid_arguments");
}

#[tokio::test]
async fn fifty_concurrent_identical_questions_make_one_plan_call() {
    let stack = spawn_stack(Options {
        model: true,
        ..Options::default()
    })
    .await;
    let plan = json!({"intent": "unpaid invoices", "calls": [{"service": "chargebee", "tool": "list_invoices", "arguments": {}}]});
    // The plan reply is slow so that every request arrives while it is being computed.
    stack.sandbox.state.llm.push(
        sandbox::llm::ScriptedReply::text(plan.to_string())
            .delay(std::time::Duration::from_millis(300)),
    );
    stack
        .sandbox
        .state
        .llm
        .push_text(json!({"answer": "Alice has unpaid invoices.", "confidence": 0.9}).to_string());
    let asks = (0..50).map(|_| stack.ask("Does Alice have unpaid invoices?", "alice@example.com"));
    let answers = futures::future::join_all(asks).await;
    for a in &answers {
        assert_eq!(a["status"], "ok", "{a}");
        assert_eq!(a["answer"], "Alice has unpaid invoices.");
        assert_eq!(a["model"], "gemma-3-27b-it");
    }
    assert_eq!(stack.plan_calls(), 1);
    assert_eq!(stack.synthesis_calls(), 1);
    let invoice_reads = stack
        .sandbox
        .requests(Some(sandbox::Upstream::Chargebee))
        .iter()
        .filter(|r| r.path.ends_with("/invoices"))
        .count();
    assert!(invoice_reads >= 1);
    let ids: std::collections::HashSet<_> = answers
        .iter()
        .map(|a| a["request_id"].to_string())
        .collect();
    assert_eq!(ids.len(), 50, "every caller gets its own request id");
}

#[tokio::test]
async fn the_official_mcp_sdk_calls_the_query_tool_in_both_protocol_eras() {
    let stack = spawn_stack(Options::default()).await;
    testkit::python_interop(
        &format!("{}/mcp", stack.url),
        json!({
            "tool": "query",
            "arguments": {"query": "Does Alice have unpaid invoices?", "email": "alice@example.com"},
            "bad_arguments": {"query": "hi", "email": "not-an-email"},
            "expect_tools": ["query"],
        }),
    )
    .await;
}
