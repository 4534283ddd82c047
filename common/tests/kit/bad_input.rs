//! Bad input of every kind gets a structured JSON error, never a panic or an HTML page.

use serde_json::{Value, json};

use crate::helpers::{client, spawn};

async fn call(base: &str, body: reqwest::Body, content_type: &str) -> (u16, Value) {
    let r = client()
        .post(format!("{base}/mcp/call"))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let text = r.text().await.unwrap();
    let v = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"));
    (status, v)
}

fn code(v: &Value) -> &str {
    v["error"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("no error code in {v}"))
}

#[tokio::test]
async fn malformed_json_is_a_structured_400() {
    let base = spawn(true);
    let (status, v) = call(&base, "{\"tool\": ".into(), "application/json").await;
    assert_eq!(status, 400);
    assert_eq!(code(&v), "invalid_request");
    assert!(v["request_id"].is_string());
}

#[tokio::test]
async fn a_missing_tool_field_is_refused() {
    let base = spawn(true);
    let (status, v) = call(&base, r#"{"arguments": {}}"#.into(), "application/json").await;
    assert_eq!(status, 400);
    assert_eq!(code(&v), "invalid_arguments");
}

#[tokio::test]
async fn an_unknown_tool_is_a_404_with_the_error_body() {
    let base = spawn(true);
    let (status, v) = call(&base, r#"{"tool": "nope"}"#.into(), "application/json").await;
    assert_eq!(status, 404);
    assert_eq!(code(&v), "unknown_tool");
}

#[tokio::test]
async fn arguments_of_the_wrong_type_give_an_is_error_result() {
    let base = spawn(true);
    for args in [
        json!({"a": "two", "b": 1}),
        json!({"a": 1}),
        json!({"a": 1, "b": 2, "c": 3}),
        json!([1, 2]),
    ] {
        let (status, v) = call(
            &base,
            json!({"tool": "add", "arguments": args}).to_string().into(),
            "application/json",
        )
        .await;
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["isError"], true, "{v}");
        assert_eq!(v["structuredContent"]["code"], "invalid_arguments", "{v}");
    }
}

#[tokio::test]
async fn an_invalid_email_is_refused_with_invalid_arguments() {
    let base = spawn(true);
    let (_, v) = call(
        &base,
        json!({"tool": "lookup", "arguments": {"email": "not-an-email"}})
            .to_string()
            .into(),
        "application/json",
    )
    .await;
    assert_eq!(v["isError"], true);
    assert_eq!(v["structuredContent"]["code"], "invalid_arguments");
}

#[tokio::test]
async fn a_not_found_is_not_an_outage() {
    let base = spawn(true);
    let (_, v) = call(
        &base,
        json!({"tool": "lookup", "arguments": {"email": "x@missing.example"}})
            .to_string()
            .into(),
        "application/json",
    )
    .await;
    assert_eq!(v["structuredContent"]["code"], "not_found");
    assert_eq!(v["structuredContent"]["retryable"], false);
    let (_, v) = call(
        &base,
        r#"{"tool": "upstream_down"}"#.into(),
        "application/json",
    )
    .await;
    assert_eq!(v["structuredContent"]["code"], "upstream_unavailable");
    assert_eq!(v["structuredContent"]["retryable"], true);
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_413_with_the_error_body() {
    let base = spawn(true);
    let huge = format!(
        r#"{{"tool": "add", "arguments": {{"pad": "{}"}}}}"#,
        "x".repeat(3 * 1024 * 1024)
    );
    let (status, v) = call(&base, huge.into(), "application/json").await;
    assert_eq!(status, 413);
    assert_eq!(code(&v), "payload_too_large");
}

#[tokio::test]
async fn a_non_json_content_type_is_a_415() {
    let base = spawn(true);
    let (status, v) = call(
        &base,
        "tool=add".into(),
        "application/x-www-form-urlencoded",
    )
    .await;
    assert_eq!(status, 415);
    assert_eq!(code(&v), "unsupported_media_type");
}

#[tokio::test]
async fn a_panicking_tool_is_contained_and_the_service_keeps_serving() {
    let base = spawn(true);
    let (status, v) = call(&base, r#"{"tool": "explode"}"#.into(), "application/json").await;
    assert_eq!(status, 200);
    assert_eq!(v["isError"], true);
    assert_eq!(v["structuredContent"]["code"], "internal");
    assert!(!v.to_string().contains("boom"), "internals leaked: {v}");
    let (_, v) = call(
        &base,
        r#"{"tool": "add", "arguments": {"a": 1, "b": 1}}"#.into(),
        "application/json",
    )
    .await;
    assert_eq!(v["structuredContent"]["sum"], 2);
}

#[tokio::test]
async fn a_tool_that_runs_past_the_kit_timeout_answers_timeout() {
    let base = spawn(true);
    let (_, v) = call(&base, r#"{"tool": "sleepy"}"#.into(), "application/json").await;
    assert_eq!(v["structuredContent"]["code"], "timeout");
}

#[tokio::test]
async fn unknown_routes_answer_json_not_html() {
    let base = spawn(true);
    let r = client()
        .get(format!("{base}/nowhere"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let v: Value = r.json().await.unwrap();
    assert_eq!(code(&v), "not_found");
}
