//! With `LLM_PROVIDER=vertex`, planning and synthesis go to the Vertex AI endpoint's
//! OpenAI-compatible route with a bearer token from the metadata server (both the sandbox).

use sandbox::Upstream;
use serde_json::json;

use crate::query_helpers::{Options, spawn_orchestrator, spawn_services};

#[tokio::test]
async fn on_vertex_the_orchestrator_calls_the_endpoint_with_a_metadata_server_token() {
    let sandbox_host = |url: &str| url.trim_start_matches("http://").to_string();
    let sb = sandbox::Sandbox::new();
    let sb_url = sb.spawn();
    // A plan and an answer, as Gemma would write them.
    sb.state.llm.push_text(
        json!({"intent": "unpaid invoices", "calls": [
            {"service": "chargebee", "tool": "list_invoices", "arguments": {}}]})
        .to_string(),
    );
    sb.state.llm.push_text(
        json!({"answer": "Alice has one overdue invoice.", "confidence": 0.9}).to_string(),
    );
    let services = spawn_services(&sb_url).await;
    let url = spawn_orchestrator(
        &sb_url,
        &services,
        &Options {
            model: false,
            env: vec![
                ("LLM_PROVIDER", "vertex".into()),
                ("PROMPTS_DIR", testkit::prompts_dir()),
                ("LLM_MODEL", "gemma-3-27b-it".into()),
                ("VERTEX_PROJECT", "demo-mcp-orchestrator".into()),
                ("VERTEX_LOCATION", "us-central1".into()),
                ("VERTEX_ENDPOINT_ID", "4242".into()),
                ("VERTEX_BASE_URL", sb_url.clone()),
                ("GCE_METADATA_HOST", sandbox_host(&sb_url)),
                ("LLM_MAX_ATTEMPTS", "1".into()),
            ],
        },
    )
    .await;
    let body: serde_json::Value = common::tls::client()
        .post(format!("{url}/query"))
        .json(&json!({"query": "Does Alice have unpaid invoices?", "email": "alice@example.com"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ne!(body["status"], "error", "{body}");

    let vertex = sb.requests(Some(Upstream::Vertex));
    assert!(!vertex.is_empty(), "no Vertex call was made");
    for r in &vertex {
        assert_eq!(r.method, "POST");
        assert_eq!(
            r.path,
            "/v1/projects/demo-mcp-orchestrator/locations/us-central1/endpoints/4242/chat/completions"
        );
        let auth = r.header("authorization").unwrap_or_default();
        assert!(auth.starts_with("Bearer ya29.sandbox-"), "{auth}");
        let body = r.json();
        assert_eq!(body["messages"][0]["role"], "system");
        assert!(body["max_tokens"].as_u64().is_some());
    }
    let tokens = sb.requests(Some(Upstream::Metadata));
    assert!(
        tokens
            .iter()
            .any(|r| r.path.ends_with("/service-accounts/default/token")
                && r.header("metadata-flavor") == Some("Google")),
        "no token was fetched from the metadata server"
    );
    assert_eq!(vertex.len(), 2, "one plan and one synthesis call");
    assert_eq!(body["model"], "gemma-3-27b-it", "{body}");
    assert_eq!(body["answer"], "Alice has one overdue invoice.");
}
