//! A service advertises exactly what it answers, in both eras: `initialize` (2025-11-25) and
//! `server/discover` (2026-07-28) declare `tools` (and `resources` with resource templates),
//! and every method of an undeclared capability is `-32601` Method not found.

use common::kit::{Kit, ResourceError, ResourceTemplateDef};
use serde_json::{Value, json};

use crate::helpers::{INFO, client, mcp_post, toolbox};

const MODERN: &str = "2026-07-28";

/// Methods of optional capabilities, with minimal valid params, and the capability each needs.
fn optional_methods() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        ("prompts", "prompts/list", json!({})),
        ("prompts", "prompts/get", json!({"name": "anything"})),
        (
            "completions",
            "completion/complete",
            json!({"ref": {"type": "ref/prompt", "name": "anything"},
                   "argument": {"name": "a", "value": "b"}}),
        ),
        ("logging", "logging/setLevel", json!({"level": "info"})),
        ("resources", "resources/list", json!({})),
        ("resources", "resources/templates/list", json!({})),
        ("resources", "resources/read", json!({"uri": "thing://1"})),
    ]
}

fn with_resources() -> Kit {
    Kit::new(INFO, toolbox()).with_resources(vec![ResourceTemplateDef::new(
        "thing://{id}",
        "thing",
        "A test resource.",
        |id, _| async move {
            if id == "1" {
                Ok(json!({"id": id}))
            } else {
                Err(ResourceError::NotFound(id))
            }
        },
    )])
}

/// POSTs a 2026-07-28 request (headers and `_meta` as the spec requires).
async fn modern(base: &str, method: &str, mut params: Value) -> (u16, Value) {
    params["_meta"] = json!({
        "io.modelcontextprotocol/protocolVersion": MODERN,
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": {"name": "t", "version": "1"},
    });
    let mut request = client()
        .post(format!("{base}/mcp"))
        .header("accept", "application/json, text/event-stream")
        .header("mcp-protocol-version", MODERN)
        .header("mcp-method", method);
    if let Some(name) = params.get("name").or_else(|| params.get("uri")) {
        request = request.header("mcp-name", name.as_str().unwrap());
    }
    let r = request
        .json(&json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

async fn legacy(base: &str, method: &str, params: Value) -> Value {
    mcp_post(
        base,
        json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}),
    )
    .await
    .json()
    .await
    .unwrap()
}

fn declared(capabilities: &Value) -> Vec<String> {
    let mut names: Vec<String> = capabilities
        .as_object()
        .expect("capabilities is an object")
        .keys()
        .cloned()
        .collect();
    names.sort();
    names
}

/// Asserts that each optional method is answered iff its capability is declared.
async fn answers_exactly(base: &str, capabilities: &[String]) {
    for (capability, method, params) in optional_methods() {
        let offered = capabilities.iter().any(|c| c == capability);
        let (status, modern) = modern(base, method, params.clone()).await;
        let legacy = legacy(base, method, params).await;
        for (era, v) in [(MODERN, &modern), ("2025-11-25", &legacy)] {
            if offered {
                assert!(v.get("result").is_some(), "{era} {method}: {v}");
            } else {
                assert_eq!(v["error"]["code"], -32601, "{era} {method}: {v}");
            }
        }
        if !offered {
            assert_eq!(
                status, 404,
                "{MODERN} {method} is an unknown method: {modern}"
            );
        }
    }
    let (_, tools) = modern(base, "tools/list", json!({})).await;
    assert!(tools["result"]["tools"].is_array(), "{tools}");
}

async fn initialize(base: &str) -> Value {
    legacy(
        base,
        "initialize",
        json!({"protocolVersion": "2025-11-25", "capabilities": {},
               "clientInfo": {"name": "t", "version": "1"}}),
    )
    .await
}

#[tokio::test]
async fn a_service_without_resources_declares_only_tools_and_answers_only_tools() {
    let base = testkit::spawn(Kit::new(INFO, toolbox()));
    let (_, discover) = modern(&base, "server/discover", json!({})).await;
    let init = initialize(&base).await;
    for v in [&discover, &init] {
        assert_eq!(declared(&v["result"]["capabilities"]), ["tools"], "{v}");
    }
    answers_exactly(&base, &["tools".to_string()]).await;
}

#[tokio::test]
async fn a_service_with_resource_templates_declares_and_answers_resources() {
    let base = testkit::spawn(with_resources());
    let (_, discover) = modern(&base, "server/discover", json!({})).await;
    let init = initialize(&base).await;
    for v in [&discover, &init] {
        assert_eq!(
            declared(&v["result"]["capabilities"]),
            ["resources", "tools"],
            "{v}"
        );
    }
    answers_exactly(&base, &["resources".to_string(), "tools".to_string()]).await;
    let (_, read) = modern(&base, "resources/read", json!({"uri": "thing://1"})).await;
    assert_eq!(read["result"]["contents"][0]["uri"], "thing://1", "{read}");
}
