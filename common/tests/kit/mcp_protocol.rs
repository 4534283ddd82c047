//! `/mcp` answers per the MCP spec: 405 for GET, 403 for bad Origin/Host, -32602 for an unknown
//! tool, 400/-32022 for an unsupported protocol version.

use serde_json::{Value, json};

use crate::helpers::{client, mcp_post, spawn};

#[tokio::test]
async fn get_on_mcp_is_405() {
    let base = spawn(true);
    let r = client().get(format!("{base}/mcp")).send().await.unwrap();
    assert_eq!(r.status(), 405);
}

#[tokio::test]
async fn a_foreign_origin_is_403() {
    let base = spawn(true);
    let r = client()
        .post(format!("{base}/mcp"))
        .header("accept", "application/json, text/event-stream")
        .header("origin", "https://evil.example")
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "ping"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn a_foreign_host_is_403() {
    let base = spawn(true);
    let r = client()
        .post(format!("{base}/mcp"))
        .header("accept", "application/json, text/event-stream")
        .header("host", "evil.example")
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": "ping"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn an_unknown_tool_is_a_json_rpc_invalid_params_error() {
    let base = spawn(true);
    let v: Value = mcp_post(
        &base,
        json!({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "nope", "arguments": {}}}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(v["error"]["code"], -32602, "{v}");
}

#[tokio::test]
async fn an_unsupported_protocol_version_is_400_with_32022() {
    let base = spawn(true);
    let r = client()
        .post(format!("{base}/mcp"))
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", "1999-01-01")
        .json(
            &json!({"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {
            "_meta": {"io.modelcontextprotocol/protocolVersion": "1999-01-01",
                      "io.modelcontextprotocol/clientCapabilities": {}}}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], -32022, "{v}");
}

#[tokio::test]
async fn the_legacy_handshake_negotiates_2025_11_25() {
    let base = spawn(true);
    let v: Value = mcp_post(
        &base,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-11-25", "capabilities": {},
            "clientInfo": {"name": "t", "version": "1"}}}),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(v["result"]["protocolVersion"], "2025-11-25");
    assert_eq!(v["result"]["serverInfo"]["name"], "kit-test");
}
