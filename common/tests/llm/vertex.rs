//! Vertex AI endpoint chat completions with metadata-server tokens.

use std::time::Duration;

use common::llm::LlmError;
use sandbox::llm::ScriptedReply;
use sandbox::{Fault, Upstream};

use crate::{Harness, ask};

const PATH: &str = "/v1/projects/demo-mcp-orchestrator/locations/europe-west4/endpoints/1234567890/chat/completions";

#[tokio::test]
async fn a_vertex_call_posts_chat_completions_with_a_metadata_bearer_token() {
    let h = Harness::start("vertex", &[]);
    h.sandbox.state.llm.push_text("4");
    let resp = h.llm.complete(ask("plan")).await.unwrap();
    assert_eq!(resp.text, "4");
    assert_eq!(resp.model, "gemma-3-27b-it");
    assert!(resp.prompt_tokens > 0);
    assert_eq!(resp.completion_tokens, 1);

    let tokens = h.sent(Upstream::Metadata);
    assert_eq!(tokens.len(), 1);
    assert_eq!(
        tokens[0].path,
        "/computeMetadata/v1/instance/service-accounts/default/token"
    );
    assert_eq!(tokens[0].header("metadata-flavor"), Some("Google"));

    let calls = h.sent(Upstream::Vertex);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].method, "POST");
    assert_eq!(calls[0].path, PATH);
    assert_eq!(
        calls[0].header("authorization"),
        Some("Bearer ya29.sandbox-1")
    );
    let body = calls[0].json();
    assert_eq!(body["model"], "");
    assert_eq!(body["stream"], false);
    assert_eq!(body["max_tokens"], 64);
    assert_eq!(body["messages"][0]["role"], "system");
    assert_eq!(body["messages"][0]["content"], "You answer briefly.");
    assert_eq!(body["messages"][1]["role"], "user");
    assert_eq!(body["messages"][1]["content"], "What is 2 + 2?");
    assert!(body.get("response_format").is_none());
}

#[tokio::test]
async fn a_dedicated_endpoint_base_url_and_v1beta1_are_honoured() {
    let h = Harness::start("vertex", &[("VERTEX_API_VERSION", "v1beta1")]);
    h.llm.complete(ask("plan")).await.unwrap();
    let calls = h.sent(Upstream::Vertex);
    assert_eq!(
        calls[0].path,
        "/v1beta1/projects/demo-mcp-orchestrator/locations/europe-west4/endpoints/1234567890/chat/completions"
    );
}

#[tokio::test]
async fn the_token_is_cached_between_calls() {
    let h = Harness::start("vertex", &[]);
    h.llm.complete(ask("plan")).await.unwrap();
    h.llm.complete(ask("plan")).await.unwrap();
    assert_eq!(h.sent(Upstream::Metadata).len(), 1);
    assert_eq!(h.sent(Upstream::Vertex).len(), 2);
}

#[tokio::test]
async fn a_token_near_expiry_is_refreshed_before_the_next_call() {
    let h = Harness::start("vertex", &[]);
    // 30 s lifetime is inside the client's refresh margin: every call needs a new token.
    h.sandbox.state.metadata.set_expires_in(30);
    h.llm.complete(ask("plan")).await.unwrap();
    h.llm.complete(ask("plan")).await.unwrap();
    let auth: Vec<_> = h
        .sent(Upstream::Vertex)
        .iter()
        .map(|r| r.header("authorization").unwrap_or("").to_string())
        .collect();
    assert_eq!(auth, ["Bearer ya29.sandbox-1", "Bearer ya29.sandbox-2"]);
    assert_eq!(h.sent(Upstream::Metadata).len(), 2);
}

#[tokio::test]
async fn a_token_the_server_says_expired_is_refreshed_once_and_the_call_succeeds() {
    let h = Harness::start("vertex", &[]);
    h.llm.complete(ask("plan")).await.unwrap();
    h.sandbox.state.metadata.expire_all();
    h.llm.complete(ask("plan")).await.unwrap();
    let calls = h.sent(Upstream::Vertex);
    let seen: Vec<_> = calls
        .iter()
        .map(|r| {
            (
                r.status,
                r.header("authorization").unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (200, "Bearer ya29.sandbox-1".to_string()),
            (401, "Bearer ya29.sandbox-1".to_string()),
            (200, "Bearer ya29.sandbox-2".to_string()),
        ]
    );
}

#[tokio::test]
async fn a_429_is_retried_and_then_succeeds() {
    let h = Harness::start("vertex", &[]);
    h.sandbox
        .inject(Fault::new(Upstream::Vertex).status(429).times(1));
    let resp = h.llm.complete(ask("plan")).await.unwrap();
    assert!(resp.text.starts_with("sandbox echo:"));
    let statuses: Vec<u16> = h.sent(Upstream::Vertex).iter().map(|r| r.status).collect();
    assert_eq!(statuses, [429, 200]);
}

#[tokio::test]
async fn a_5xx_is_retried_until_the_attempts_run_out() {
    let h = Harness::start("vertex", &[("LLM_MAX_ATTEMPTS", "3")]);
    h.sandbox.inject(Fault::new(Upstream::Vertex).status(503));
    let err = h.llm.complete(ask("plan")).await.unwrap_err();
    assert!(matches!(err, LlmError::Unavailable(_)), "{err:?}");
    assert_eq!(err.code(), common::ErrorCode::UpstreamUnavailable);
    assert_eq!(h.sent(Upstream::Vertex).len(), 3);
}

#[tokio::test]
async fn a_400_is_not_retried() {
    let h = Harness::start("vertex", &[]);
    h.sandbox.state.llm.push(ScriptedReply::status(400));
    let err = h.llm.complete(ask("plan")).await.unwrap_err();
    assert!(matches!(err, LlmError::Rejected(_)), "{err:?}");
    assert!(!err.is_retryable());
    assert_eq!(h.sent(Upstream::Vertex).len(), 1);
}

#[tokio::test]
async fn a_model_slower_than_the_deadline_times_out() {
    let h = Harness::start("vertex", &[]);
    h.sandbox
        .state
        .llm
        .push(ScriptedReply::text("late").delay(Duration::from_secs(5)));
    let err = h
        .llm
        .complete(ask("plan").with_deadline(Duration::from_millis(200)))
        .await
        .unwrap_err();
    assert!(matches!(err, LlmError::Timeout), "{err:?}");
    assert_eq!(err.code(), common::ErrorCode::Timeout);
}

#[tokio::test]
async fn a_content_filter_stop_is_a_typed_blocked_error() {
    let h = Harness::start("vertex", &[]);
    h.sandbox
        .state
        .llm
        .push(ScriptedReply::text("").finish_reason("content_filter"));
    let err = h.llm.complete(ask("plan")).await.unwrap_err();
    assert!(matches!(err, LlmError::Blocked { ref reason } if reason == "content_filter"));
}

#[tokio::test]
async fn calls_tokens_and_latency_are_counted_by_provider_purpose_and_outcome() {
    let h = Harness::start("vertex", &[]);
    h.sandbox.state.llm.push_text("four words right here");
    h.llm.complete(ask("synthesize")).await.unwrap();
    h.sandbox.state.llm.push(ScriptedReply::status(400));
    let _ = h.llm.complete(ask("synthesize")).await;
    let text = h.registry.encode();
    assert!(
        text.contains(r#"llm_calls_total{provider="vertex",purpose="synthesize",outcome="ok"} 1"#),
        "{text}"
    );
    assert!(text.contains(
        r#"llm_calls_total{provider="vertex",purpose="synthesize",outcome="rejected"} 1"#
    ));
    assert!(text.contains(r#"llm_tokens_total{provider="vertex",kind="completion"} 4"#));
    assert!(text.contains(r#"llm_call_duration_seconds_count{provider="vertex"} 2"#));
}
