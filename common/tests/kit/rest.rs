//! `/mcp/call`, `/mcp/tools`, `/health`, `/ready`, `/metrics`.

use serde_json::{Value, json};

use crate::helpers::{client, mcp_post, spawn};

#[tokio::test]
async fn health_answers_ok_and_echoes_a_request_id() {
    let base = spawn(true);
    let r = client()
        .get(format!("{base}/health"))
        .header("x-request-id", "req-123")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-request-id"], "req-123");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn ready_reports_the_services_own_checks() {
    let up = spawn(true);
    let down = spawn(false);
    let r = client().get(format!("{up}/ready")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let r = client().get(format!("{down}/ready")).send().await.unwrap();
    assert_eq!(r.status(), 503);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["status"], "not_ready");
    assert_eq!(body["checks"][0]["name"], "upstream");
}

#[tokio::test]
async fn the_tool_list_has_schemas_for_input_and_output() {
    let base = spawn(true);
    let body: Value = client()
        .get(format!("{base}/mcp/tools"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let tools = body["tools"].as_array().unwrap();
    let names: Vec<_> = tools.iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["add", "lookup", "explode", "sleepy", "upstream_down"]
    );
    let add = &tools[0];
    assert_eq!(add["inputSchema"]["type"], "object");
    assert_eq!(add["inputSchema"]["required"], json!(["a", "b"]));
    assert_eq!(add["outputSchema"]["properties"]["sum"]["type"], "integer");
    assert_eq!(add["annotations"]["readOnlyHint"], true);
}

#[tokio::test]
async fn a_call_returns_structured_content_and_text() {
    let base = spawn(true);
    let body: Value = client()
        .post(format!("{base}/mcp/call"))
        .json(&json!({"tool": "add", "arguments": {"a": 2, "b": 40}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["structuredContent"], json!({"sum": 42}));
    assert_eq!(body["isError"], false);
    assert_eq!(body["content"][0]["type"], "text");
    let text: Value = serde_json::from_str(body["content"][0]["text"].as_str().unwrap()).unwrap();
    assert_eq!(text, json!({"sum": 42}));
}

#[tokio::test]
async fn the_same_call_through_mcp_and_mcp_call_gives_the_same_result_and_both_are_counted() {
    let base = spawn(true);
    let rest: Value = client()
        .post(format!("{base}/mcp/call"))
        .json(&json!({"tool": "lookup", "arguments": {"email": "Alice@Example.com"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rpc: Value = mcp_post(
        &base,
        json!({"jsonrpc": "2.0", "id": 7, "method": "tools/call",
               "params": {"name": "lookup", "arguments": {"email": "Alice@Example.com"}}}),
    )
    .await
    .json()
    .await
    .unwrap();
    let result = &rpc["result"];
    for key in ["content", "structuredContent", "isError"] {
        assert_eq!(rest[key], result[key], "{key} differs: {rest} vs {result}");
    }
    assert_eq!(rest["structuredContent"]["email"], "alice@example.com");

    let metrics = client()
        .get(format!("{base}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains(r#"tool_calls_total{tool="lookup",transport="/mcp/call",outcome="ok"} 1"#),
        "{metrics}"
    );
    assert!(
        metrics.contains(r#"tool_calls_total{tool="lookup",transport="/mcp",outcome="ok"} 1"#),
        "{metrics}"
    );
    assert!(metrics.contains("http_request_duration_seconds_bucket"));
    assert!(metrics.contains("tool_call_duration_seconds_bucket"));
}

#[tokio::test]
async fn the_python_sdk_works_in_both_protocol_eras() {
    let base = spawn(true);
    testkit::python_interop(
        &format!("{base}/mcp"),
        json!({
            "tool": "add",
            "arguments": {"a": 1, "b": 2},
            "bad_arguments": {"a": "one"},
            "expect_tools": ["add", "lookup"],
            "calls": [{"tool": "lookup", "arguments": {"email": "bob@example.com"}}],
        }),
    )
    .await;
}
