//! The Gemini API's generateContent, with Gemma's limits there.

use common::llm::LlmError;
use sandbox::Upstream;
use sandbox::llm::ScriptedReply;

use crate::{Harness, ask};

#[derive(serde::Deserialize, schemars::JsonSchema, Debug)]
struct Answer {
    answer: String,
}

#[tokio::test]
async fn a_gemma_request_carries_no_system_instruction_and_no_json_mode() {
    let h = Harness::start("gemini", &[]);
    h.sandbox.state.llm.push_text(r#"{"answer": "4"}"#);
    let (got, resp) = h
        .llm
        .complete_json::<Answer>(ask("classify"))
        .await
        .unwrap();
    assert_eq!(got.answer, "4");
    assert_eq!(resp.completion_tokens, 2);

    let calls = h.sent(Upstream::Gemini);
    assert_eq!(calls.len(), 1);
    assert_eq!(
        calls[0].path,
        "/v1beta/models/gemma-3-27b-it:generateContent"
    );
    assert_eq!(
        calls[0].header("x-goog-api-key"),
        Some(sandbox::credentials::GEMINI_API_KEY)
    );
    assert_eq!(calls[0].header("authorization"), None);
    let body = calls[0].json();
    assert!(body.get("systemInstruction").is_none(), "{body}");
    assert!(body["generationConfig"].get("responseMimeType").is_none());
    assert_eq!(body["generationConfig"]["maxOutputTokens"], 64);
    let text = body["contents"][0]["parts"][0]["text"].as_str().unwrap();
    assert_eq!(body["contents"][0]["role"], "user");
    assert!(
        text.starts_with("You answer briefly.\n\nWhat is 2 + 2?"),
        "{text}"
    );
    assert!(text.contains("JSON Schema"));
}

#[tokio::test]
async fn a_gemini_model_gets_a_system_instruction_and_json_mode() {
    let h = Harness::start("gemini", &[("LLM_MODEL", "gemini-2.5-flash")]);
    h.sandbox.state.llm.push_text(r#"{"answer": "4"}"#);
    h.llm
        .complete_json::<Answer>(ask("classify"))
        .await
        .unwrap();
    let body = h.sent(Upstream::Gemini)[0].json();
    assert_eq!(
        body["systemInstruction"]["parts"][0]["text"],
        "You answer briefly."
    );
    assert_eq!(
        body["generationConfig"]["responseMimeType"],
        "application/json"
    );
}

#[tokio::test]
async fn a_safety_stop_is_a_typed_blocked_error() {
    let h = Harness::start("gemini", &[]);
    h.sandbox
        .state
        .llm
        .push(ScriptedReply::default().finish_reason("SAFETY"));
    let err = h.llm.complete(ask("agent")).await.unwrap_err();
    assert!(
        matches!(err, LlmError::Blocked { ref reason } if reason == "SAFETY"),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_wrong_api_key_is_rejected_once_without_retrying() {
    let h = Harness::start("gemini", &[("GEMINI_API_KEY", "wrong")]);
    let err = h.llm.complete(ask("agent")).await.unwrap_err();
    assert!(
        matches!(err, LlmError::Rejected(ref m) if m.contains("API key not valid")),
        "{err:?}"
    );
    assert_eq!(h.sent(Upstream::Gemini).len(), 1);
}

#[tokio::test]
async fn a_503_then_success_is_retried_on_gemini_too() {
    let h = Harness::start("gemini", &[]);
    h.sandbox.state.llm.push(ScriptedReply::status(503));
    let resp = h.llm.complete(ask("agent")).await.unwrap();
    assert!(resp.text.starts_with("sandbox echo:"));
    let statuses: Vec<u16> = h.sent(Upstream::Gemini).iter().map(|r| r.status).collect();
    assert_eq!(statuses, [503, 200]);
}
