//! OpenAI-compatible servers (Ollama, vLLM, llama.cpp).

use sandbox::Upstream;

use crate::{Harness, ask};

#[derive(serde::Deserialize, schemars::JsonSchema, Debug)]
struct Answer {
    answer: String,
}

#[tokio::test]
async fn an_openai_call_sends_the_model_and_no_key_when_none_is_set() {
    let h = Harness::start("openai", &[("LLM_MODEL", "gemma3:27b")]);
    h.sandbox.state.llm.push_text("4");
    let resp = h.llm.complete(ask("synthesize")).await.unwrap();
    assert_eq!(resp.text, "4");
    assert_eq!(resp.model, "gemma3:27b");
    let calls = h.sent(Upstream::Openai);
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].path, "/v1/chat/completions");
    assert_eq!(calls[0].header("authorization"), None);
    let body = calls[0].json();
    assert_eq!(body["model"], "gemma3:27b");
    assert_eq!(body["messages"][1]["content"], "What is 2 + 2?");
}

#[tokio::test]
async fn an_openai_key_is_sent_as_a_bearer_and_json_mode_as_response_format() {
    let h = Harness::start("openai", &[("OPENAI_API_KEY", "sk-local")]);
    h.sandbox.state.llm.push_text(r#"{"answer": "4"}"#);
    let (got, _) = h.llm.complete_json::<Answer>(ask("plan")).await.unwrap();
    assert_eq!(got.answer, "4");
    let call = &h.sent(Upstream::Openai)[0];
    assert_eq!(call.header("authorization"), Some("Bearer sk-local"));
    assert_eq!(call.json()["response_format"]["type"], "json_object");
}

#[tokio::test]
async fn json_mode_can_be_switched_off() {
    let h = Harness::start("openai", &[("LLM_JSON_MODE", "false")]);
    h.llm
        .complete_json::<serde_json::Value>(ask("plan"))
        .await
        .unwrap();
    assert!(
        h.sent(Upstream::Openai)[0]
            .json()
            .get("response_format")
            .is_none()
    );
}

#[tokio::test]
async fn a_server_that_rejects_response_format_is_asked_again_without_it() {
    let h = Harness::start("openai", &[]);
    h.sandbox.state.llm.push(
        sandbox::llm::ScriptedReply::status(400)
            .message("response_format is not supported by this server"),
    );
    h.sandbox.state.llm.push_text(r#"{"answer": "4"}"#);
    let (got, _) = h.llm.complete_json::<Answer>(ask("plan")).await.unwrap();
    assert_eq!(got.answer, "4");
    // Later calls no longer send it either.
    h.llm.complete_json::<Answer>(ask("plan")).await.unwrap();
    let sent: Vec<bool> = h
        .sent(Upstream::Openai)
        .iter()
        .map(|r| r.json().get("response_format").is_some())
        .collect();
    assert_eq!(sent, [true, false, false]);
}

#[tokio::test]
async fn the_model_breaker_follows_the_breaker_settings() {
    let h = Harness::start(
        "openai",
        &[("BREAKER_FAILURES", "1"), ("LLM_MAX_ATTEMPTS", "1")],
    );
    h.sandbox
        .inject(sandbox::Fault::new(Upstream::Openai).status(500));
    assert!(h.llm.complete(ask("synthesize")).await.is_err());
    assert_eq!(
        h.llm.breaker().expect("a model's breaker").state(),
        common::breaker::BreakerState::Open,
        "one failure opens it with BREAKER_FAILURES=1"
    );
}
