//! A stateless `tools/call` is answered before rmcp's transport (`kit::direct`): the
//! answer must be the one rmcp gives, and whatever that path does not take must still reach
//! rmcp with its body.

use serde_json::{Value, json};

use crate::helpers::{client, mcp_post, spawn};

/// The same request as [`mcp_post`] with a header that sends it to rmcp: `Mcp-Name` is a
/// routing header that 2025 versions ignore, and the direct path leaves to rmcp.
async fn via_rmcp(base: &str, body: &Value) -> reqwest::Response {
    client()
        .post(format!("{base}/mcp"))
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2025-11-25")
        .header("mcp-name", body["params"]["name"].as_str().unwrap_or("x"))
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn parts(r: reqwest::Response) -> (u16, String, Value) {
    let status = r.status().as_u16();
    let content_type = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let text = r.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, content_type, body)
}

#[tokio::test]
async fn a_stateless_tools_call_is_answered_as_rmcp_answers_it() {
    let base = spawn(true);
    let calls = [
        json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
               "params": {"name": "add", "arguments": {"a": 2, "b": 3}}}),
        json!({"jsonrpc": "2.0", "id": "s-2", "method": "tools/call",
               "params": {"name": "add", "arguments": {"a": 9223372036854775807i64, "b": 1}}}),
        json!({"jsonrpc": "2.0", "id": 3, "method": "tools/call",
               "params": {"name": "add", "arguments": {"a": "two", "b": 3}}}),
        json!({"jsonrpc": "2.0", "id": 4, "method": "tools/call",
               "params": {"name": "lookup", "arguments": {"email": "Ann@Example.org"}}}),
        json!({"jsonrpc": "2.0", "id": 5, "method": "tools/call",
               "params": {"name": "lookup", "arguments": {"email": "x@missing.example"}}}),
        json!({"jsonrpc": "2.0", "id": 6, "method": "tools/call",
               "params": {"name": "upstream_down"}}),
        json!({"jsonrpc": "2.0", "id": 7, "method": "tools/call",
               "params": {"name": "upstream_down", "arguments": null}}),
        json!({"jsonrpc": "2.0", "id": 8, "method": "tools/call",
               "params": {"name": "explode", "arguments": {}}}),
        json!({"jsonrpc": "2.0", "id": 9, "method": "tools/call",
               "params": {"name": "sleepy", "arguments": {}}}),
    ];
    for call in calls {
        let direct = parts(mcp_post(&base, call.clone()).await).await;
        let rmcp = parts(via_rmcp(&base, &call).await).await;
        assert_eq!(direct, rmcp, "{call}");
        assert_eq!(direct.0, 200, "{call}");
        assert_eq!(direct.2["id"], call["id"], "{call}");
        assert!(direct.2.get("result").is_some(), "{call}: {}", direct.2);
    }
    let (_, _, sum) = parts(
        mcp_post(
            &base,
            json!({"jsonrpc": "2.0", "id": 1,
        "method": "tools/call", "params": {"name": "add", "arguments": {"a": 2, "b": 3}}}),
        )
        .await,
    )
    .await;
    assert_eq!(sum["result"]["structuredContent"]["sum"], 5, "{sum}");
}

#[tokio::test]
async fn what_the_direct_path_does_not_take_reaches_rmcp_with_its_body() {
    let base = spawn(true);
    // Read by the direct path, then handed back: `_meta`, an unknown tool, another method,
    // a malformed message, a batch.
    let progress = json!({"jsonrpc": "2.0", "id": 8, "method": "tools/call",
        "params": {"name": "add", "arguments": {"a": 1, "b": 1}, "_meta": {"progressToken": "p"}}});
    let (status, _, v) = parts(mcp_post(&base, progress).await).await;
    assert_eq!(status, 200);
    assert_eq!(v["result"]["structuredContent"]["sum"], 2, "{v}");

    let unknown = json!({"jsonrpc": "2.0", "id": 9, "method": "tools/call",
        "params": {"name": "nope", "arguments": {}}});
    let (_, _, v) = parts(mcp_post(&base, unknown).await).await;
    assert_eq!(v["error"]["code"], -32602, "{v}");

    let list = json!({"jsonrpc": "2.0", "id": 10, "method": "tools/list"});
    let (_, _, v) = parts(mcp_post(&base, list).await).await;
    assert!(
        v["result"]["tools"]
            .as_array()
            .is_some_and(|t| !t.is_empty()),
        "{v}"
    );

    for refused in [
        json!({"jsonrpc": "1.0", "id": 11, "method": "tools/call",
               "params": {"name": "add", "arguments": {"a": 1, "b": 1}}}),
        json!({"jsonrpc": "2.0", "id": 13, "method": "tools/call",
               "params": {"name": "add", "arguments": [1, 2]}}),
    ] {
        let direct = parts(mcp_post(&base, refused.clone()).await).await;
        let rmcp = parts(via_rmcp(&base, &refused).await).await;
        assert_eq!(direct, rmcp, "{refused}");
        assert!(direct.2.get("result").is_none(), "{refused}: {direct:?}");
    }

    let r = client()
        .post(format!("{base}/mcp"))
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2025-11-25")
        .header("content-type", "application/json")
        .body("{\"jsonrpc\": \"2.0\", \"id\": 12, \"method\": \"tools/call\", \"params\": ")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
}

#[tokio::test]
async fn the_checks_rmcp_makes_still_hold_on_a_tools_call() {
    let base = spawn(true);
    let call = json!({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
        "params": {"name": "add", "arguments": {"a": 2, "b": 3}}});
    let post = |accept: &'static str, host: Option<&'static str>| {
        let mut r = client()
            .post(format!("{base}/mcp"))
            .header("accept", accept)
            .header("mcp-protocol-version", "2025-11-25")
            .json(&call);
        if let Some(h) = host {
            r = r.header("host", h);
        }
        r.send()
    };
    assert_eq!(post("application/json", None).await.unwrap().status(), 406);
    let foreign = post("application/json, text/event-stream", Some("evil.example"));
    assert_eq!(foreign.await.unwrap().status(), 403);
    let wrong_type = client()
        .post(format!("{base}/mcp"))
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2025-11-25")
        .header("content-type", "text/plain")
        .body(call.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_type.status(), 415);
}

/// The test service with the direct path on or off (`MCP_DIRECT_CALLS`).
fn spawn_with(direct: bool) -> String {
    let kit = common::kit::Kit::new(crate::helpers::INFO, crate::helpers::toolbox());
    let settings = common::config::ServerSettings {
        mcp_direct_calls: direct,
        ..common::config::ServerSettings::loopback()
    };
    let app = common::Application::build(kit, &settings, |_| {}).unwrap();
    format!("http://127.0.0.1:{}", app.spawn())
}

/// A 2026-07-28 `tools/call`: its lifecycle in `_meta`, its routing headers.
async fn post_2026(base: &str, body: &Value, name: &str) -> reqwest::Response {
    client()
        .post(format!("{base}/mcp"))
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "2026-07-28")
        .header("mcp-method", "tools/call")
        .header("mcp-name", name)
        .json(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_2026_tools_call_gets_the_same_answer_with_the_direct_path_on_or_off() {
    let (on, off) = (spawn_with(true), spawn_with(false));
    let meta = json!({
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": {"name": "direct-test", "version": "1"},
    });
    let call = |id: u32, name: &str, arguments: Value, meta: &Value| {
        json!({"jsonrpc": "2.0", "id": id, "method": "tools/call",
               "params": {"name": name, "arguments": arguments, "_meta": meta}})
    };
    let mut no_caps = meta.clone();
    no_caps
        .as_object_mut()
        .unwrap()
        .remove("io.modelcontextprotocol/clientCapabilities");
    let mut old_version = meta.clone();
    old_version["io.modelcontextprotocol/protocolVersion"] = json!("2025-11-25");
    let cases = [
        (call(1, "add", json!({"a": 2, "b": 3}), &meta), "add"),
        (call(2, "add", json!({"a": "x", "b": 3}), &meta), "add"),
        (
            call(3, "lookup", json!({"email": "x@missing.example"}), &meta),
            "lookup",
        ),
        (call(4, "upstream_down", json!({}), &meta), "upstream_down"),
        (call(5, "explode", json!({}), &meta), "explode"),
        // Left to rmcp either way: a name header that disagrees, missing capabilities, a
        // version in `_meta` other than the header's, an unknown tool.
        (call(6, "add", json!({"a": 1, "b": 1}), &meta), "lookup"),
        (call(7, "add", json!({"a": 1, "b": 1}), &no_caps), "add"),
        (call(8, "add", json!({"a": 1, "b": 1}), &old_version), "add"),
        (call(9, "nope", json!({}), &meta), "nope"),
    ];
    for (body, name) in cases {
        let direct = parts(post_2026(&on, &body, name).await).await;
        let rmcp = parts(post_2026(&off, &body, name).await).await;
        assert_eq!(direct, rmcp, "{body} (Mcp-Name {name})");
    }
    let (status, _, v) =
        parts(post_2026(&on, &call(1, "add", json!({"a": 2, "b": 3}), &meta), "add").await).await;
    assert_eq!(status, 200);
    assert_eq!(v["result"]["structuredContent"]["sum"], 5, "{v}");
    assert_eq!(v["result"]["resultType"], "complete", "{v}");
}
